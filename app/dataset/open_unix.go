//go:build unix

package dataset

import (
	"io"
	"io/fs"
	"os"
	"syscall"
)

// openFile opens path for reading with the system's calls alone. os.Open
// also offers every file to Go's poller, which on Linux means four fcntl
// calls and an epoll_ctl that regular files refuse: for a folder of
// 100,000 small files, more calls than the open, read and close the data
// needs. Reads of a regular file block the same way either way.
//
// O_NONBLOCK: opening a named pipe otherwise waits for a writer, for ever
// when there is none, before Stat can tell that it is no file; it changes
// nothing for a regular file.
func openFile(path string) (openedFile, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: path, Err: err}
		}
		return &rawFile{fd: fd, path: path}, nil
	}
}

// rawFile reads an open file descriptor.
type rawFile struct {
	fd   int
	path string
}

func (f *rawFile) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	for {
		n, err := syscall.Read(f.fd, b)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, &os.PathError{Op: "read", Path: f.path, Err: err}
		case n == 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

// Stat returns the file's size and type, from the open descriptor:
// cheaper than a stat of its path, which walks the path again.
func (f *rawFile) Stat() (int64, fs.FileMode, error) {
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(f.fd, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, 0, &os.PathError{Op: "fstat", Path: f.path, Err: err}
		}
		var mode fs.FileMode
		switch st.Mode & syscall.S_IFMT {
		case syscall.S_IFREG:
		case syscall.S_IFDIR:
			mode = fs.ModeDir
		case syscall.S_IFIFO:
			mode = fs.ModeNamedPipe
		case syscall.S_IFSOCK:
			mode = fs.ModeSocket
		case syscall.S_IFCHR:
			mode = fs.ModeDevice | fs.ModeCharDevice
		case syscall.S_IFBLK:
			mode = fs.ModeDevice
		default:
			mode = fs.ModeIrregular
		}
		return st.Size, mode, nil
	}
}

func (f *rawFile) Close() error {
	if f.fd < 0 {
		return os.ErrClosed
	}
	err := syscall.Close(f.fd)
	f.fd = -1
	if err != nil {
		return &os.PathError{Op: "close", Path: f.path, Err: err}
	}
	return nil
}

// keep turns r into an *os.File, which may be read at offsets by many
// goroutines and closed while they do (it counts its reads), for a file
// held for an archive's life; r no longer owns the descriptor.
func keep(r openedFile) *os.File {
	raw, ok := r.(*rawFile)
	if !ok || raw.fd < 0 {
		return nil
	}
	f := os.NewFile(uintptr(raw.fd), raw.path)
	raw.fd = -1
	return f
}
