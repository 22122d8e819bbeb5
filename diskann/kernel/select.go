package kernel

import (
	"errors"
	"os"

	"github.com/klauspost/cpuid/v2"
	"github.com/viterin/vek"
)

// EnvVar names the environment variable that forces an implementation
// ("go" or "avx2") at start-up; an unknown or unsupported name is ignored
// and the fastest supported one is used (Impl says which).
const EnvVar = "UPDRAFT_KERNEL"

// ErrUnsupported is returned by Use for a name that is unknown or that
// this CPU cannot run.
var ErrUnsupported = errors.New("kernel: implementation unknown or not supported by this CPU")

// hasAVX2FMA reports whether the CPU has the instructions the SIMD kernels
// need; the choice of implementation is made once, at start-up. vek's own
// switch (Acceleration) must agree, or vek would run its slow fallback.
func hasAVX2FMA() bool {
	return cpuid.CPU.Supports(cpuid.AVX2, cpuid.FMA3) && vek.Info().Acceleration
}

// supported lists the implementations this CPU runs, fastest first.
func supported() []kernels {
	if hasAVX2FMA() {
		return []kernels{avx2, portable}
	}
	return []kernels{portable}
}

func init() {
	impl = choose(os.Getenv(EnvVar), supported())
}

// choose returns the implementation named want when it is in list, else
// the first (fastest) of list.
func choose(want string, list []kernels) kernels {
	for _, k := range list {
		if k.name == want {
			return k
		}
	}
	return list[0]
}

// Available names the implementations this CPU runs, fastest first.
func Available() []string {
	list := supported()
	names := make([]string, len(list))
	for i, k := range list {
		names[i] = k.name
	}
	return names
}

// Use switches every kernel to the implementation named name, one of
// Available. It is meant for tests and start-up and must not run
// concurrently with the kernels.
func Use(name string) error {
	for _, k := range supported() {
		if k.name == name {
			impl = k
			return nil
		}
	}
	return ErrUnsupported
}
