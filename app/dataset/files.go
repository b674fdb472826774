package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// DefaultMaxSize is the largest dataset file accepted unless told
// otherwise. A dataset is read a piece at a time, so the limit is not
// about memory: it catches the wrong file (a video, a disk image) before
// any of it is read. One file of 100,000 articles is some 330 MB.
const DefaultMaxSize = 4 << 30

// file is one file of a dataset.
type file struct {
	// name is the file as the user named it, for messages.
	name string
	// path is where to open it again; empty for data held in memory.
	path string
	data []byte // the file's bytes, when held in memory
	size int64
}

// open returns a reader of the file's bytes from the start.
func (f *file) open() (io.ReadCloser, error) {
	if f.path == "" {
		return io.NopCloser(bytes.NewReader(f.data)), nil
	}
	r, err := os.Open(f.path)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", f.name, err)
	}
	return r, nil
}

// readAt reads the n bytes at off.
func (f *file) readAt(off int64, n int) ([]byte, error) {
	if f.path == "" {
		if off < 0 || off+int64(n) > int64(len(f.data)) {
			return nil, fmt.Errorf("reading %s at %d: out of range", f.name, off)
		}
		return f.data[off : off+int64(n)], nil
	}
	r, err := os.Open(f.path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", f.name, err)
	}
	defer r.Close()
	b := make([]byte, n)
	if _, err := r.ReadAt(b, off); err != nil {
		return nil, fmt.Errorf("reading %s at %d: %w", f.name, off, err)
	}
	return b, nil
}

// listFiles names the files of the dataset at path: the file itself, or
// the *.json files of a folder and its subfolders in the order of their
// paths (hidden files and folders left out). Each is checked against max
// before anything is read.
func listFiles(path string, max int64) ([]*file, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("reading dataset: %w", err)
	}
	if !fi.IsDir() {
		f, err := sized(path, path, fi, max)
		if err != nil {
			return nil, err
		}
		return []*file{f}, nil
	}
	var files []*file
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		hidden := strings.HasPrefix(d.Name(), ".") && p != path
		switch {
		case d.IsDir() && hidden:
			return filepath.SkipDir
		case d.IsDir() || hidden || !strings.HasSuffix(d.Name(), ".json"):
			return nil
		}
		info, err := os.Stat(p) // follows a symbolic link to its file
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		f, err := sized(p, p, info, max)
		if err != nil {
			return err
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading dataset folder %s: %w", path, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: the folder has no .json files: a dataset folder holds one or more files in the format of articles.json", path)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, nil
}

// sized makes a file, refusing one over max bytes.
func sized(name, path string, fi os.FileInfo, max int64) (*file, error) {
	if fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a dataset file", name)
	}
	if fi.Mode().IsRegular() && fi.Size() > max {
		return nil, fmt.Errorf("%s: the file is %s, larger than the %s limit: a dataset this big is most likely the wrong file (raise -max-size if it is meant to be)",
			name, ByteSize(fi.Size()), ByteSize(max))
	}
	return &file{name: name, path: path, size: fi.Size()}, nil
}

// errTooBig says that a file grew past the limit while it was read.
var errTooBig = errors.New("the file grew larger than the size limit while it was read")

// limited fails a read past max bytes, rather than stop quietly.
type limited struct {
	r   io.Reader
	n   int64
	max int64
}

func (l *limited) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.n > l.max {
		return n, errTooBig
	}
	return n, err
}

// ByteSize writes a size for people: 64 MB, 1.5 kB, 12 bytes.
func ByteSize(n int64) string {
	trim := func(s string) string { return strings.TrimSuffix(s, ".0") }
	switch {
	case n >= 1<<30:
		return trim(fmt.Sprintf("%.1f", float64(n)/(1<<30))) + " GB"
	case n >= 1<<20:
		return trim(fmt.Sprintf("%.1f", float64(n)/(1<<20))) + " MB"
	case n >= 1<<10:
		return trim(fmt.Sprintf("%.1f", float64(n)/(1<<10))) + " kB"
	}
	return fmt.Sprintf("%d bytes", n)
}
