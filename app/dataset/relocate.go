package dataset

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/go-json-experiment/json/jsontext"

	"dateline/app/article"
	"dateline/app/jsonread"
)

// A served dataset's file may change before the new version checks: a
// correction saved with a typo elsewhere keeps the archive serving until
// the next save that checks. A file replaced by a rename (or removed)
// changes nothing for the archive, which reads the file it held open
// (file.held). A file written again in place moves every article after
// the first edit: each one whose bytes are still there, somewhere, is
// found by its hash (relocate) and served; only those whose own bytes
// changed are not (ChangedError).

// ChangedError says that an article's bytes are no longer in its file as
// the archive checked them; it is ErrChanged (errors.Is). It tells how
// many of the file's articles changed, once the file was looked through.
type ChangedError struct {
	// Slug is the article's, File the dataset file it was read from.
	Slug, File string
	// Total is the number of the file's articles, Changed of those whose
	// bytes are nowhere in the file now, Moved of those found at another
	// place; all 0 when the file could not be looked through.
	Total, Changed, Moved int
	// Listed names the first of the changed articles (`article 10
	// "slug"`), in the file's order.
	Listed []string
	// Stopped says why the look through the file ended before its end,
	// with where: articles after that place are counted as changed.
	Stopped string
	// Change tells one change of a file from another: the same number for
	// every error of one look at it.
	Change uint64
	// Err is what reading the file failed with, if anything.
	Err error
}

// listedChanged is how many changed articles an error names.
const listedChanged = 5

func (e *ChangedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "article %q of %s: %v", e.Slug, e.File, ErrChanged)
	if e.Total > 0 {
		fmt.Fprintf(&b, ": %d of its %d articles changed (", e.Changed, e.Total)
		b.WriteString(strings.Join(e.Listed, ", "))
		if more := e.Changed - len(e.Listed); more > 0 {
			fmt.Fprintf(&b, " and %d more", more)
		}
		fmt.Fprintf(&b, "), %d moved and served from their new place", e.Moved)
		if e.Stopped != "" {
			b.WriteString("; " + e.Stopped)
		}
	}
	if e.Err != nil {
		fmt.Fprintf(&b, " (%v)", e.Err)
	}
	return b.String()
}

// Is makes a ChangedError ErrChanged.
func (e *ChangedError) Is(target error) bool { return target == ErrChanged }

func (e *ChangedError) Unwrap() error { return e.Err }

// relocation is what a look through a changed file found.
type relocation struct {
	stamp fs.FileInfo // the file when looked at
	// at is where each of the file's articles (by its index there) is
	// now; -1 for one whose bytes are nowhere.
	at             []int64
	total, changed int
	moved          int
	listed         []string
	stopped        string
	change         uint64
}

// changes numbers the looks through changed files.
var changes atomic.Uint64

// stat describes the file as it is now: the held one, or the one at its
// path.
func (f *file) stat() (fs.FileInfo, error) {
	if h := f.held.Load(); h != nil {
		if fi, err := h.Stat(); err == nil || !errors.Is(err, os.ErrClosed) {
			return fi, err
		}
	}
	return os.Stat(f.path)
}

// same tells whether two descriptions of a file are of one file, unchanged
// as far as the system says.
func same(a, b fs.FileInfo) bool {
	return a.Size() == b.Size() && a.ModTime().Equal(b.ModTime()) && os.SameFile(a, b)
}

// reader reads the file from its start: the held one, or the one at its
// path, without holding it.
func (f *file) reader() (io.ReadCloser, error) {
	if h := f.held.Load(); h != nil {
		return io.NopCloser(&atReader{r: h}), nil
	}
	r, err := openFile(f.path)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", f.name, err)
	}
	return r, nil
}

// relocate looks through file fi once for each change to it, for where
// each of its articles' bytes are now. Requests that need it meanwhile
// wait for the one look. It reads the file a buffer at a time and keeps
// an offset for each of the file's articles.
func (a *Archive) relocate(fi int) (*relocation, error) {
	f := a.files[fi]
	now, err := f.stat()
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.moves != nil && same(f.moves.stamp, now) {
		return f.moves, nil
	}
	var mine []*entry
	for _, e := range a.entries {
		if int(e.file) == fi {
			mine = append(mine, e)
		}
	}
	bySum := make(map[uint64]int32, len(mine))
	for i, e := range mine {
		bySum[e.sum] = int32(i)
	}
	r := &relocation{stamp: now, at: make([]int64, len(mine)), total: len(mine), change: changes.Add(1)}
	for i := range r.at {
		r.at[i] = -1
	}
	rc, err := f.reader()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	r.stopped = eachArticle(rc, func(off int64, raw []byte) {
		if i, ok := bySum[maphash.Bytes(a.seed, raw)]; ok && int(mine[i].size) == len(raw) {
			r.at[i] = off
		}
	})
	for i, e := range mine {
		switch off := r.at[i]; {
		case off < 0:
			r.changed++
			if len(r.listed) < listedChanged {
				r.listed = append(r.listed, fmt.Sprintf("article %d %q", e.index, e.slug))
			}
		case off != e.off:
			r.moved++
		}
	}
	f.moves = r
	return r, nil
}

// eachArticle calls fn with each article of the dataset file that r
// reads, its offset and bytes, as the dataset's reading splits them: the
// values of the array "articles" of the top-level object. At a syntax
// error it stops and says where; "" when it read to the end.
func eachArticle(r io.Reader, fn func(off int64, raw []byte)) (stopped string) {
	br := bufio.NewReaderSize(r, 256<<10)
	var src io.Reader = br
	if head, _ := br.Peek(len(bom)); bytes.Equal(head, bom) {
		// Read as three spaces, as the dataset's reading does: the
		// offsets stay the file's.
		if _, err := br.Discard(len(bom)); err != nil {
			return "the file cannot be read: " + err.Error()
		}
		src = io.MultiReader(strings.NewReader("   "), br)
	}
	dec := jsontext.NewDecoder(src, jsontext.AllowDuplicateNames(true))
	stop := func(err error) string {
		at := dec.InputOffset()
		switch {
		case at == 0 && err == io.EOF:
			return "the file is empty"
		case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
			return "the file ends at byte " + strconv.FormatInt(at, 10) + ", cut short"
		}
		return "it reads as JSON only to byte " + strconv.FormatInt(at, 10) + ": " + strings.TrimPrefix(err.Error(), "jsontext: ")
	}
	if t, err := dec.ReadToken(); err != nil {
		return stop(err)
	} else if t.Kind() != '{' {
		return "it is no longer a JSON object"
	}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadToken()
		if err != nil {
			return stop(err)
		}
		if name.String() != "articles" || dec.PeekKind() != '[' {
			if _, err := dec.ReadValue(); err != nil {
				return stop(err)
			}
			continue
		}
		if _, err := dec.ReadToken(); err != nil {
			return stop(err)
		}
		for dec.PeekKind() != ']' {
			v, err := dec.ReadValue()
			if err != nil {
				return stop(err)
			}
			fn(dec.InputOffset()-int64(len(v)), v)
		}
		if _, err := dec.ReadToken(); err != nil {
			return stop(err)
		}
	}
	return ""
}

// changedError is the error of the article e, whose bytes r did not find.
func (r *relocation) changedError(e *entry, f *file) *ChangedError {
	return &ChangedError{Slug: e.slug, File: f.name, Total: r.total, Changed: r.changed, Moved: r.moved,
		Listed: r.listed, Stopped: r.stopped, Change: r.change}
}

// decode reads an article's checked bytes; one without a "lang" is in the
// edition's language.
func (a *Archive) decode(raw []byte, slug string, f *file) (*article.Article, error) {
	art := new(article.Article)
	rd := jsonread.NewReader(raw)
	art.ReadJSON(rd)
	if err := rd.End(); err != nil {
		return nil, fmt.Errorf("article %q of %s: %w", slug, f.name, err)
	}
	if art.Lang == "" {
		art.Lang = a.lang // the edition's, as its summary has it
	}
	return art, nil
}

// Close closes the dataset's files that the archive holds open; its
// articles are read at their paths from then on. The host closes an
// archive it no longer serves.
func (a *Archive) Close() error { return closeFiles(a.files) }

// Closer returns a function that closes the archive's files, as Close,
// and that holds on to nothing else of the archive (its lists and
// summaries are garbage once the archive is).
func (a *Archive) Closer() func() error {
	files := a.files
	return func() error { return closeFiles(files) }
}

func closeFiles(files []*file) error {
	var errs []error
	for _, f := range files {
		if err := f.release(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
