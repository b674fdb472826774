package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
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
	// refused is why the listing found that the file cannot be read,
	// such as a named pipe: reported as the file's problem (unreadable).
	refused error
}

// openedFile is a dataset file open for reading.
type openedFile interface {
	io.ReadCloser
	// Stat returns the size of the file as opened, and its type bits
	// (fs.ModeNamedPipe...; none for a regular file).
	Stat() (int64, fs.FileMode, error)
}

// open returns a reader of the file's bytes from the start, and their
// number: the size the listing found, or for a file listed without it
// (a folder's), the open file's.
func (f *file) open() (io.ReadCloser, int64, error) {
	if f.path == "" {
		return io.NopCloser(bytes.NewReader(f.data)), int64(len(f.data)), nil
	}
	r, err := openFile(f.path)
	if err != nil {
		return nil, 0, fmt.Errorf("opening %s: %w", f.name, err)
	}
	size := f.size
	if size < 0 {
		// Listed without a stat (a folder's file): its type is checked
		// here, from the open file, as well as its size.
		var mode fs.FileMode
		size, mode, err = r.Stat()
		if err == nil && !mode.IsRegular() {
			err = &notAFile{mode: mode}
		}
		if err != nil {
			if cerr := r.Close(); cerr != nil {
				err = errors.Join(err, cerr)
			}
			return nil, 0, fmt.Errorf("reading %s: %w", f.name, err)
		}
	}
	return r, size, nil
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
// before anything of it is read: here, or for a folder's file when it is
// opened.
func listFiles(path string, max int64) ([]*file, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("reading dataset: %w", err)
	}
	if !fi.IsDir() {
		if !fi.Mode().IsRegular() {
			return []*file{{name: path, path: path, refused: &notAFile{mode: fi.Mode().Type()}}}, nil
		}
		f, err := sized(path, path, fi, max)
		if err != nil {
			return nil, err
		}
		return []*file{f}, nil
	}
	files, err := listFolder(path, max)
	if err != nil {
		return nil, fmt.Errorf("reading dataset folder %s: %w", path, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: the folder has no .json files: a dataset folder holds one or more files in the format of articles.json", path)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, nil
}

// listFolder lists the *.json files under root, hidden files and folders
// left out, its folders read at once on every core: a folder of 100,000
// files took half a second to list, file by file, before any was read.
// Of several problems it returns the one whose path sorts first, as a
// walk in order would.
func listFolder(root string, max int64) ([]*file, error) {
	var (
		mu       sync.Mutex
		files    []*file
		firstErr error
		errPath  string
		wg       sync.WaitGroup
		cores    = make(chan struct{}, max1(runtime.GOMAXPROCS(0)))
	)
	fail := func(p string, err error) {
		mu.Lock()
		defer mu.Unlock()
		if firstErr == nil || p < errPath {
			firstErr, errPath = err, p
		}
	}
	var visit func(dir string)
	visit = func(dir string) {
		defer wg.Done()
		cores <- struct{}{}
		entries, err := os.ReadDir(dir)
		if err != nil {
			<-cores
			fail(dir, err)
			return
		}
		var mine []*file
		var dirs []string
		for _, d := range entries {
			name := d.Name()
			p := filepath.Join(dir, name)
			switch {
			case strings.HasPrefix(name, "."):
				continue
			case d.IsDir():
				dirs = append(dirs, p)
				continue
			case !strings.HasSuffix(name, ".json"):
				continue
			}
			// A regular file is taken as listed: its size is checked
			// once it is open, where it costs no second walk of its path
			// (a stat of each of 100,000 files was a tenth of a
			// validate). A symbolic link is followed to its file. What
			// is not a regular file, such as a named pipe, is refused
			// by name: reading it could wait forever.
			var f *file
			switch t := d.Type(); {
			case t.IsRegular():
				f = &file{name: p, path: p, size: -1}
			case t&fs.ModeSymlink != 0:
				info, err := os.Stat(p)
				if err != nil {
					fail(p, err)
					continue
				}
				if !info.Mode().IsRegular() {
					f = &file{name: p, path: p, refused: &notAFile{mode: info.Mode().Type(), link: true}}
				} else if f, err = sized(p, p, info, max); err != nil {
					fail(p, err)
					continue
				}
			default:
				f = &file{name: p, path: p, refused: &notAFile{mode: t}}
			}
			mine = append(mine, f)
		}
		<-cores
		mu.Lock()
		files = append(files, mine...)
		mu.Unlock()
		for _, sub := range dirs {
			wg.Add(1)
			go visit(sub)
		}
	}
	wg.Add(1)
	visit(root)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return files, nil
}

// sized makes a file, refusing one over max bytes.
func sized(name, path string, fi os.FileInfo, max int64) (*file, error) {
	if fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a dataset file", name)
	}
	if fi.Mode().IsRegular() && fi.Size() > max {
		return nil, fmt.Errorf("%s: %s", name, tooBig(fi.Size(), max))
	}
	return &file{name: name, path: path, size: fi.Size()}, nil
}

// unreadable is the problem of a file that cannot be opened or read: the
// system's reason, without the calls and paths that only a programmer
// needs ("cannot be read: permission denied"), or what the file is
// instead of a file.
func unreadable(name string, err error) Problem {
	p := Problem{File: name, Article: -1, off: unplaced}
	var pe *fs.PathError
	var naf *notAFile
	switch {
	case errors.As(err, &naf):
		p.Message, p.Hint = naf.Error(), "a dataset is read from ordinary files: save the data in one"
	case errors.As(err, &pe):
		p.Message = "cannot be read: " + pe.Err.Error()
	default:
		p.Message = "cannot be read: " + err.Error()
	}
	if errors.Is(err, fs.ErrPermission) {
		p.Hint = "let the user who runs dateline read it"
	}
	return p
}

// notAFile is a dataset file that is not a regular file: a named pipe,
// whose reading waits for a writer (for ever, when there is none), a
// device, a socket.
type notAFile struct {
	mode fs.FileMode // its type
	link bool        // reached by a symbolic link
}

func (e *notAFile) Error() string {
	what := "not a regular file"
	switch {
	case e.mode&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case e.mode&fs.ModeSocket != 0:
		what = "a socket"
	case e.mode&fs.ModeDevice != 0:
		what = "a device"
	case e.mode.IsDir():
		what = "a folder"
	}
	if e.link {
		return "is a link to " + what + ", not to a file"
	}
	return "is " + what + ", not a file"
}

// tooBig says that a file of size bytes is over the limit of max.
func tooBig(size, max int64) string {
	return fmt.Sprintf("the file is %s, larger than the %s limit: a dataset this big is most likely the wrong file (raise -max-size if it is meant to be)",
		ByteSize(size), ByteSize(max))
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
