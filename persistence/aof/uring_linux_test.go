package aof

import (
	"os"
	"runtime"
	"sync/atomic"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// This file measures io_uring (IORING_OP_WRITE linked to IORING_OP_FSYNC
// with DATASYNC, one io_uring_enter per batch) against the writer's
// pwrite + fdatasync for the group-commit pattern. The measurement decided
// which path the writer uses (see BenchmarkGroupCommit's doc), so the
// io_uring code lives here, in a test, rather than in the package.

// uring is a minimal io_uring instance: raw syscalls and mmap'ed rings.
type uring struct {
	fd              int
	sq, cq, sqes    []byte
	sqHead, sqTail  *uint32
	sqMask, sqArray uint32
	cqHead, cqTail  *uint32
	cqMask, cqesOff uint32
	sqArrayOff      uint32
}

type uringParams struct {
	sqEntries, cqEntries, flags, sqThreadCPU, sqThreadIdle, features, wqFd uint32
	resv                                                                   [3]uint32
	sqOff                                                                  [10]uint32 // head tail mask entries flags dropped array resv1 user_addr(2)
	cqOff                                                                  [10]uint32 // head tail mask entries overflow cqes flags resv1 user_addr(2)
}

func newUring(entries uint32) (*uring, error) {
	var p uringParams
	fd, _, errno := unix.Syscall(unix.SYS_IO_URING_SETUP, uintptr(entries), uintptr(unsafe.Pointer(&p)), 0)
	if errno != 0 {
		return nil, errno
	}
	r := &uring{fd: int(fd)}
	var err error
	if r.sq, err = unix.Mmap(r.fd, 0, int(p.sqOff[6]+p.sqEntries*4), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_POPULATE); err != nil {
		return nil, err
	}
	if r.cq, err = unix.Mmap(r.fd, 0x8000000, int(p.cqOff[5]+p.cqEntries*16), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_POPULATE); err != nil {
		return nil, err
	}
	if r.sqes, err = unix.Mmap(r.fd, 0x10000000, int(p.sqEntries*64), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_POPULATE); err != nil {
		return nil, err
	}
	u32 := func(b []byte, off uint32) *uint32 { return (*uint32)(unsafe.Pointer(&b[off])) }
	r.sqHead, r.sqTail = u32(r.sq, p.sqOff[0]), u32(r.sq, p.sqOff[1])
	r.sqMask, r.sqArrayOff = *u32(r.sq, p.sqOff[2]), p.sqOff[6]
	r.cqHead, r.cqTail = u32(r.cq, p.cqOff[0]), u32(r.cq, p.cqOff[1])
	r.cqMask, r.cqesOff = *u32(r.cq, p.cqOff[2]), p.cqOff[5]
	return r, nil
}

// writeSync writes b at off and fdatasyncs, linked, in one enter.
func (r *uring) writeSync(fd int, b []byte, off int64) error {
	tail := atomic.LoadUint32(r.sqTail)
	for i, op := range [2]byte{23 /* WRITE */, 3 /* FSYNC */} {
		idx := (tail + uint32(i)) & r.sqMask
		sqe := r.sqes[idx*64 : idx*64+64]
		clear(sqe)
		sqe[0] = op
		*(*int32)(unsafe.Pointer(&sqe[4])) = int32(fd)
		if op == 23 {
			sqe[1] = 1 << 2 // IOSQE_IO_LINK
			*(*uint64)(unsafe.Pointer(&sqe[8])) = uint64(off)
			*(*uint64)(unsafe.Pointer(&sqe[16])) = uint64(uintptr(unsafe.Pointer(&b[0])))
			*(*uint32)(unsafe.Pointer(&sqe[24])) = uint32(len(b))
		} else {
			*(*uint32)(unsafe.Pointer(&sqe[28])) = 1 // IORING_FSYNC_DATASYNC
		}
		*(*uint32)(unsafe.Pointer(&r.sq[r.sqArrayOff+idx*4])) = idx
	}
	atomic.StoreUint32(r.sqTail, tail+2)
	for done := 0; done < 2; {
		_, _, errno := unix.Syscall6(unix.SYS_IO_URING_ENTER, uintptr(r.fd), 2, 2, 1 /* GETEVENTS */, 0, 0)
		if errno != 0 && errno != unix.EINTR {
			return errno
		}
		head := atomic.LoadUint32(r.cqHead)
		for ; head != atomic.LoadUint32(r.cqTail); head++ {
			cqe := r.cq[r.cqesOff+(head&r.cqMask)*16:]
			if res := *(*int32)(unsafe.Pointer(&cqe[8])); res < 0 {
				atomic.StoreUint32(r.cqHead, head+1)
				return unix.Errno(-res)
			}
			done++
		}
		atomic.StoreUint32(r.cqHead, head)
	}
	runtime.KeepAlive(b)
	return nil
}

func (r *uring) close() {
	unix.Munmap(r.sq)
	unix.Munmap(r.cq)
	unix.Munmap(r.sqes)
	unix.Close(r.fd)
}

// BenchmarkGroupCommit compares one batch's write + fdatasync through
// pwrite(2) + fdatasync(2) and through io_uring (linked WRITE + FSYNC,
// one io_uring_enter), for batch sizes the writer sees.
func BenchmarkGroupCommit(b *testing.B) {
	for _, size := range []int{4 << 10, 64 << 10, 1 << 20} {
		buf := make([]byte, size)
		b.Run("pwrite/"+itoaBytes(size), func(b *testing.B) {
			f, _ := os.Create(b.TempDir() + "/f")
			defer f.Close()
			b.SetBytes(int64(size))
			var off int64
			for i := 0; i < b.N; i++ {
				if _, err := f.WriteAt(buf, off); err != nil {
					b.Fatal(err)
				}
				if err := datasync(f); err != nil {
					b.Fatal(err)
				}
				off += int64(size)
			}
		})
		b.Run("io_uring/"+itoaBytes(size), func(b *testing.B) {
			r, err := newUring(8)
			if err != nil {
				b.Skipf("io_uring unavailable: %v", err) // ENOSYS/EPERM under gVisor or seccomp
			}
			defer r.close()
			f, _ := os.Create(b.TempDir() + "/f")
			defer f.Close()
			b.SetBytes(int64(size))
			var off int64
			for i := 0; i < b.N; i++ {
				if err := r.writeSync(int(f.Fd()), buf, off); err != nil {
					b.Fatal(err)
				}
				off += int64(size)
			}
		})
	}
}

func TestUringWriteSync(t *testing.T) {
	r, err := newUring(8)
	if err != nil {
		t.Skipf("io_uring unavailable: %v", err)
	}
	defer r.close()
	path := t.TempDir() + "/f"
	f, _ := os.Create(path)
	defer f.Close()
	for i := 0; i < 20; i++ {
		if err := r.writeSync(int(f.Fd()), []byte("abcd"), int64(i*4)); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(path)
	if len(b) != 80 || string(b[76:]) != "abcd" {
		t.Fatalf("io_uring wrote %q", b)
	}
}

func itoaBytes(n int) string {
	if n >= 1<<20 {
		return string(rune('0'+n>>20)) + "MiB"
	}
	s := ""
	for k := n >> 10; k > 0; k /= 10 {
		s = string(rune('0'+k%10)) + s
	}
	return s + "KiB"
}
