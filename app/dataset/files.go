package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
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
	// link tells that the file was reached by a symbolic link to it.
	link bool

	// held is the file as it was read, kept open for the archive's life
	// (see hold): an article is read again from the bytes that were
	// checked, even once a new file is renamed over the path or the
	// path removed. nil when not held: read at its path.
	held atomic.Pointer[os.File]
	// budget is how many more files of the listing may be held, shared by
	// its files; nil for a file never held.
	budget *atomic.Int32

	mu    sync.Mutex  // one look for moved articles at a time (relocate)
	moves *relocation // what the last look found
}

// maxHeld is the most files of one dataset that an archive holds open. A
// dataset of one file, or of a few large ones, is held whole; the files of
// a larger folder past the first maxHeld opened are read at their paths,
// as a file whose descriptor was closed is. A reload holds the new
// archive's files while the old one's are still open, until the swap
// closes them: at most twice maxHeld descriptors, well under the usual
// limits (1,024 at the least, which Go raises to the hard limit).
const maxHeld = 128

// Link is a symbolic link that reading a dataset folder followed.
type Link struct {
	// Path is the link, named as the dataset's files are.
	Path string
	// Target is the file or folder it leads to: absolute, with every
	// link on the way followed.
	Target string
	// Folder tells a link to a folder, every .json file in which is
	// read as the dataset's.
	Folder bool
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
	if h := f.held.Load(); h != nil {
		size := f.size
		if size < 0 {
			fi, err := h.Stat()
			if err != nil {
				return nil, 0, fmt.Errorf("reading %s: %w", f.name, err)
			}
			size = fi.Size()
		}
		return io.NopCloser(&atReader{r: h}), size, nil
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
	return f.hold(r), size, nil
}

// hold keeps r, just opened, as the file's held descriptor, if the
// listing's budget allows and the system can keep a file open without
// keeping others from replacing it (keep). It returns the reader of the
// file's bytes from the start: r itself when not kept.
func (f *file) hold(r openedFile) io.ReadCloser {
	if f.budget == nil {
		return r
	}
	if f.budget.Add(-1) < 0 {
		f.budget.Add(1)
		return r
	}
	h := keep(r)
	if h == nil {
		f.budget.Add(1)
		return r
	}
	if !f.held.CompareAndSwap(nil, h) {
		// Held meanwhile by another open: this one reads and closes its
		// own.
		f.budget.Add(1)
		return struct {
			io.Reader
			io.Closer
		}{&atReader{r: h}, h}
	}
	return io.NopCloser(&atReader{r: h})
}

// release closes the held descriptor, if any: the file is read at its
// path from then on. Reads under way finish first (os.File counts them).
func (f *file) release() error {
	h := f.held.Swap(nil)
	if h == nil {
		return nil
	}
	f.budget.Add(1)
	if err := h.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", f.name, err)
	}
	return nil
}

// atReader reads r from its start to its end, at offsets: the descriptor
// is shared, and its own offset is not moved.
type atReader struct {
	r   io.ReaderAt
	off int64
}

func (a *atReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	n, err := a.r.ReadAt(p, a.off)
	a.off += int64(n)
	if n > 0 && err == io.EOF {
		err = nil // said at the next read, with nothing
	}
	return n, err
}

// readAt reads the n bytes at off.
func (f *file) readAt(off int64, n int) ([]byte, error) {
	if f.path == "" {
		if off < 0 || off+int64(n) > int64(len(f.data)) {
			return nil, fmt.Errorf("reading %s at %d: out of range", f.name, off)
		}
		return f.data[off : off+int64(n)], nil
	}
	if h := f.held.Load(); h != nil {
		b := make([]byte, n)
		_, err := h.ReadAt(b, off)
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, os.ErrClosed) {
			return nil, fmt.Errorf("reading %s at %d: %w", f.name, off, err)
		}
		// Released meanwhile: read at the path, as a file not held.
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
// paths (hidden files and folders left out), with the links to folders
// that the listing followed. Each file is checked against max before
// anything of it is read: here, or for a folder's file when it is opened.
// What the listing finds that cannot be read, such as a link to nothing,
// is listed too, to be reported with the other problems.
func listFiles(path string, max int64) ([]*file, []Link, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if li, lerr := os.Lstat(path); lerr == nil && li.Mode()&fs.ModeSymlink != 0 {
			// A link to nothing, as in a folder.
			return []*file{{name: path, path: path, refused: newBrokenLink(path, err)}}, nil, nil
		}
		return nil, nil, fmt.Errorf("reading dataset: %w", err)
	}
	if !fi.IsDir() {
		if fi.Mode()&fs.ModeNamedPipe != 0 {
			// Named by the user, a pipe is their data: validate
			// <(gunzip -c articles.json.gz). In a folder, it stays
			// refused.
			f, err := readPipe(path, max)
			if err != nil {
				return nil, nil, err
			}
			return []*file{f}, nil, nil
		}
		if !fi.Mode().IsRegular() {
			return []*file{{name: path, path: path, refused: &notAFile{mode: fi.Mode().Type()}}}, nil, nil
		}
		f, err := sized(path, path, fi, max)
		if err != nil {
			return nil, nil, err
		}
		files := []*file{f}
		budget(files)
		return files, nil, nil
	}
	files, links := listFolder(path)
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("%s: the folder has no .json files: a dataset folder holds one or more files in the format of articles.json", path)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	sort.Slice(links, func(i, j int) bool { return links[i].Path < links[j].Path })
	budget(files)
	return files, links, nil
}

// budget lets the files of one listing hold up to maxHeld descriptors
// among them.
func budget(files []*file) {
	b := new(atomic.Int32)
	b.Store(maxHeld)
	for _, f := range files {
		f.budget = b
	}
}

// listFolder lists the *.json files under root (x.JSON too), hidden
// files and folders left out, its folders read at once on every core: a
// folder of 100,000 files took half a second to list, file by file,
// before any was read. Links are followed, to files and to folders alike;
// a link to a folder that holds it is not, or the listing would never end.
// The links to folders are returned with the folders they lead to.
func listFolder(root string) ([]*file, []Link) {
	var (
		mu    sync.Mutex
		files []*file
		links []Link
		wg    sync.WaitGroup
		cores = make(chan struct{}, max1(runtime.GOMAXPROCS(0)))
	)
	// visit lists dir, held by the folders within, the root first.
	var visit func(dir string, within []string)
	visit = func(dir string, within []string) {
		defer wg.Done()
		cores <- struct{}{}
		entries, err := os.ReadDir(dir)
		if err != nil {
			<-cores
			mu.Lock()
			files = append(files, &file{name: dir, path: dir, refused: err})
			mu.Unlock()
			return
		}
		within = append(within[:len(within):len(within)], dir)
		var mine []*file
		var dirs []string
		for _, d := range entries {
			name := d.Name()
			p := filepath.Join(dir, name)
			t := d.Type()
			switch {
			case strings.HasPrefix(name, "."):
				continue
			case t.IsDir():
				dirs = append(dirs, p)
				continue
			case t&fs.ModeSymlink != 0:
				// What the link leads to decides, as for the dataset's
				// own path: a folder is listed, a file read.
				info, err := os.Stat(p)
				switch {
				case err == nil && info.IsDir():
					if holder := holding(info, within); holder != "" {
						mine = append(mine, &file{name: p, path: p, refused: &linkLoop{folder: holder}})
						break
					}
					// Where it leads, for what must stay out of
					// the dataset (an export's folder): a link to
					// a folder is rare, and its files are not
					// looked at one by one for it.
					target, err := filepath.EvalSymlinks(p)
					if err == nil {
						target, err = filepath.Abs(target)
					}
					if err != nil {
						mine = append(mine, &file{name: p, path: p, refused: newBrokenLink(p, err)})
						break
					}
					mu.Lock()
					links = append(links, Link{Path: p, Target: target, Folder: true})
					mu.Unlock()
					dirs = append(dirs, p)
				case !isJSONName(name):
				case err != nil:
					mine = append(mine, &file{name: p, path: p, refused: newBrokenLink(p, err)})
				case !info.Mode().IsRegular():
					mine = append(mine, &file{name: p, path: p, refused: &notAFile{mode: info.Mode().Type(), link: true}})
				default:
					mine = append(mine, &file{name: p, path: p, size: -1, link: true})
				}
				continue
			case !isJSONName(name):
				continue
			}
			// A regular file is taken as listed: its size is checked
			// once it is open, where it costs no second walk of its path
			// (a stat of each of 100,000 files was a tenth of a
			// validate). What is not a regular file, such as a named
			// pipe, is refused by name: reading it could wait for ever.
			if t.IsRegular() {
				mine = append(mine, &file{name: p, path: p, size: -1})
			} else {
				mine = append(mine, &file{name: p, path: p, refused: &notAFile{mode: t}})
			}
		}
		<-cores
		mu.Lock()
		files = append(files, mine...)
		mu.Unlock()
		for _, sub := range dirs {
			wg.Add(1)
			go visit(sub, within)
		}
	}
	// The folders above the dataset's hold it too: a link inside it to
	// one of them (up -> ..) would list the dataset again, and the
	// folders around it.
	var above []string
	if abs, err := filepath.Abs(root); err == nil {
		for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
			above = append(above, d)
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	wg.Add(1)
	visit(root, above)
	wg.Wait()
	return files, links
}

// readPipe reads the named pipe given as the dataset to its end, failing
// past max bytes, and keeps its bytes in memory: a pipe is read once, and
// a dataset's file is read again to place its problems and, when served,
// for each article's page. Opening it waits for a writer, as the user who
// named it expects.
func readPipe(path string, max int64) (f *file, err error) {
	r, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading dataset: %w", err)
	}
	defer func() {
		if cerr := r.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("reading dataset: %w", cerr)
		}
	}()
	limit := max
	if limit < math.MaxInt64 {
		limit++ // one byte more tells that there is more
	}
	b, err := io.ReadAll(io.LimitReader(r, limit))
	if err != nil {
		return nil, fmt.Errorf("reading dataset: %w", err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s: the pipe gives more than the %s limit: a dataset this big is most likely the wrong data (raise -max-size if it is meant to be)", path, ByteSize(max))
	}
	return &file{name: path, data: b, size: int64(len(b))}, nil
}

// isJSONName reports whether a file's name ends in .json, in any case: a
// publisher's x.JSON, saved by a tool that writes extensions in capitals,
// is as much a dataset file as x.json.
func isJSONName(name string) bool {
	return len(name) >= len(".json") && strings.EqualFold(name[len(name)-len(".json"):], ".json")
}

// holding returns the folder of within (the folders that hold a link)
// that is the folder info describes, or "".
func holding(info fs.FileInfo, within []string) string {
	for _, dir := range within {
		if di, err := os.Stat(dir); err == nil && os.SameFile(info, di) {
			return dir
		}
	}
	return ""
}

// linkLoop is a link to a folder that holds the link: followed, it would
// hold the folder in itself for ever.
type linkLoop struct {
	folder string
}

func (e *linkLoop) Error() string {
	return "is a link to " + e.folder + ", a folder that holds it"
}

// brokenLink is a symbolic link that leads to no file: to one that does
// not exist, or round in a loop of links.
type brokenLink struct {
	target string // what the link names
	err    error  // what following it failed with
}

func newBrokenLink(path string, err error) *brokenLink {
	target, rerr := os.Readlink(path)
	if rerr != nil {
		target = "a file" // the link itself went away
	}
	return &brokenLink{target: target, err: err}
}

func (e *brokenLink) Error() string {
	var pe *fs.PathError
	switch {
	case errors.Is(e.err, fs.ErrNotExist):
		return "is a link to " + e.target + ", which does not exist"
	case errors.Is(e.err, syscall.ELOOP):
		return "is a link that leads round in a loop of links"
	case errors.As(e.err, &pe):
		return "cannot be read: " + pe.Err.Error()
	}
	return "cannot be read: " + e.err.Error()
}

func (e *brokenLink) Unwrap() error { return e.err }

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
	var bl *brokenLink
	var loop *linkLoop
	switch {
	case errors.As(err, &naf):
		p.Message, p.Hint = naf.Error(), "a dataset is read from ordinary files: save the data in one"
	case errors.As(err, &bl):
		p.Message, p.Hint = bl.Error(), "fix the link, or remove it"
	case errors.As(err, &loop):
		p.Message, p.Hint = loop.Error(), "remove the link: a folder cannot hold itself"
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

// FileKind names what a file of mode is when it is not a regular file
// ("a named pipe (FIFO)", "a socket", "a device", "a folder"), for the
// messages that refuse it; "" for any other.
func FileKind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	case mode.IsDir():
		return "a folder"
	}
	return ""
}

// notAFile is a dataset file that is not a regular file: a named pipe,
// whose reading waits for a writer (for ever, when there is none), a
// device, a socket.
type notAFile struct {
	mode fs.FileMode // its type
	link bool        // reached by a symbolic link
}

func (e *notAFile) Error() string {
	what := FileKind(e.mode)
	if what == "" {
		what = "not a regular file"
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
