package aof

import (
	"io"
	"io/fs"
	"os"
)

// FS is the file layer the log works through: the operating system's by
// default (OSFS), a fault-injecting one in tests.
type FS interface {
	// OpenFile opens name with os.OpenFile's flags and permissions.
	OpenFile(name string, flag int, perm fs.FileMode) (File, error)
	// Rename renames oldName to newName, replacing newName.
	Rename(oldName, newName string) error
	// Remove removes one file.
	Remove(name string) error
	// SyncDir makes the directory's entries (creations, renames) durable.
	SyncDir(dir string) error
	// Stat describes one file.
	Stat(name string) (fs.FileInfo, error)
	// ReadDir lists a directory.
	ReadDir(dir string) ([]fs.DirEntry, error)
	// MkdirAll creates dir and its parents.
	MkdirAll(dir string, perm fs.FileMode) error
}

// File is an open file of an FS.
type File interface {
	io.Reader
	io.ReaderAt
	io.Writer
	io.WriterAt
	// Sync makes the file's data durable (fdatasync where available).
	Sync() error
	// Truncate changes the file's size.
	Truncate(size int64) error
	// Close closes the file.
	Close() error
}

// OSFS is the operating system's file layer.
type OSFS struct{}

// OpenFile implements FS.
func (OSFS) OpenFile(name string, flag int, perm fs.FileMode) (File, error) {
	f, err := os.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return osFile{f}, nil
}

// Rename implements FS.
func (OSFS) Rename(oldName, newName string) error { return os.Rename(oldName, newName) }

// Remove implements FS.
func (OSFS) Remove(name string) error { return os.Remove(name) }

// Stat implements FS.
func (OSFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// ReadDir implements FS.
func (OSFS) ReadDir(dir string) ([]fs.DirEntry, error) { return os.ReadDir(dir) }

// MkdirAll implements FS.
func (OSFS) MkdirAll(dir string, perm fs.FileMode) error { return os.MkdirAll(dir, perm) }

// SyncDir implements FS: it fsyncs the directory itself.
func (OSFS) SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// osFile is an *os.File whose Sync is fdatasync where the OS has one.
type osFile struct{ *os.File }

// Sync implements File.
func (f osFile) Sync() error { return datasync(f.File) }
