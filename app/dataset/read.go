package dataset

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	"dateline/app/article"
	"dateline/app/charset"
	"dateline/app/i18n"
	"dateline/app/jsonread"
)

// Options say how to read a dataset.
type Options struct {
	// MaxSize is the largest file accepted; 0 means DefaultMaxSize.
	MaxSize int64
	// CheckOnly checks the dataset and builds no more of the archive
	// than its count and warnings: no version (a hash of every byte) and
	// no lists. For validate, which has nothing to serve.
	CheckOnly bool
	// Overlay replaces files of the dataset, or adds files to a folder,
	// with bytes not written yet: import checks the dataset it is about
	// to write. Keys are paths as the dataset's files are named.
	Overlay map[string][]byte
	// Image, when set, checks each figure's image whose src is a path on
	// the site (such as /media/photo.jpg), as the articles are read: it
	// says what is wrong and how to fix it, or returns empty strings for
	// a file the site serves. What it says is a problem of the article,
	// placed at the src. It is called from several goroutines at once.
	Image func(src string) (msg, hint string)
	// Now is the time the articles' dates are checked against (a date
	// further ahead is a problem, article.DateSlack); the zero time means
	// the time the dataset is read.
	Now time.Time
	// AheadWarns makes a date ahead of Now a warning, not a problem: the
	// host serves a dataset that validate refuses for it, as a machine
	// that starts with its clock behind (no battery, not yet synced)
	// would otherwise not serve at all.
	AheadWarns bool
}

// Load reads and checks the dataset at path: a file, or a folder of
// *.json files. It reads each file once, a piece at a time, and keeps of
// the articles only what lists need; an article's page reads it again. A
// named pipe given as path is read once, to its end, and kept in memory. On
// failure the error is an *Error listing the problems, each with its file,
// line, column and JSON pointer.
func Load(path string, opt Options) (*Archive, error) {
	max := opt.MaxSize
	if max == 0 {
		max = DefaultMaxSize
	}
	files, links, err := listFiles(path, max)
	if err != nil {
		return nil, err
	}
	files = overlay(path, files, opt.Overlay)
	a, err := read(path, files, max, opt)
	if err != nil {
		return nil, err
	}
	a.links = links
	return a, nil
}

// LoadBytes reads and checks a dataset held in memory, such as the bundled
// articles.json; name names it in messages.
func LoadBytes(name string, data []byte) (*Archive, error) {
	return LoadBytesOptions(name, data, Options{})
}

// LoadBytesOptions is LoadBytes with options; MaxSize, CheckOnly and
// Overlay are not used.
func LoadBytesOptions(name string, data []byte, opt Options) (*Archive, error) {
	return read(name, []*file{{name: name, data: data, size: int64(len(data))}}, int64(len(data)), Options{Image: opt.Image, Now: opt.Now, AheadWarns: opt.AheadWarns})
}

// overlay replaces or adds the files given in memory.
func overlay(root string, files []*file, over map[string][]byte) []*file {
	if len(over) == 0 {
		return files
	}
	done := make(map[string]bool)
	for _, f := range files {
		if b, ok := over[f.path]; ok {
			f.path, f.data, f.size, f.refused = "", b, int64(len(b)), nil
			done[f.name] = true
		}
	}
	for name, b := range over {
		if done[name] || !isJSONName(name) {
			continue
		}
		if rel, err := filepath.Rel(root, name); err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		files = append(files, &file{name: name, data: b, size: int64(len(b))})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files
}

// job is one article to decode and check.
type job struct {
	file, index int
	off         int64
	raw         []byte
	buf         *shared // what raw points into, if not its own copy
}

// result is what checking one article found.
type result struct {
	file, index int
	entry       *entry
	problems    []Problem
	warnings    []Problem // faults marked Warn, and dates ahead with Options.AheadWarns
}

// fileState is what reading one file found.
type fileState struct {
	f *file
	// problems are what reading the file found, written by its reader;
	// checked are what checking its articles found, written by the
	// goroutine that collects the results. Two lists, so that the two
	// never write one slice at once.
	problems []Problem
	checked  []Problem
	warnings []Problem // what the dataset may have, but readers would notice
	// checkedWarnings are the warnings of the checks, written by the
	// goroutine that collects them, as checked is.
	checkedWarnings []Problem
	entries         []*entry
	site            *article.Site
	siteOff         int64
	sum             [32]byte
	// broken tells that the file could not be read to its end (a syntax
	// error, or a read failure): what it links to may be unknown.
	broken   bool
	articles bool // the file has an "articles" member
}

// loader reads the files of one dataset.
type loader struct {
	name   string
	folder bool
	max    int64
	files  []*fileState
	seed   maphash.Seed
	// checkOnly: see Options.CheckOnly.
	checkOnly bool
	// image: see Options.Image.
	image func(src string) (msg, hint string)
	// now: see Options.Now; never zero.
	now time.Time
	// aheadWarns: see Options.AheadWarns.
	aheadWarns bool
}

// checker is what one checking goroutine reuses from article to article.
type checker struct {
	a article.Article // its lists keep their room
	// strings holds one copy of each short string that many articles
	// share, such as a language, a section or a tag: a table of each
	// checker's own, with no lock to share.
	strings map[string]string
}

func read(name string, files []*file, max int64, opt Options) (*Archive, error) {
	l := &loader{name: name, folder: len(files) > 1 || files[0].name != name, max: max, seed: maphash.MakeSeed(), checkOnly: opt.CheckOnly, image: opt.Image, now: opt.Now, aheadWarns: opt.AheadWarns}
	if l.now.IsZero() {
		l.now = time.Now()
	}
	for _, f := range files {
		l.files = append(l.files, &fileState{f: f})
	}
	// The work flows one way: readers split files into jobs, checkers
	// turn jobs into results, and this goroutine collects the results.
	// Every stage waits only on the stage after it, and this goroutine,
	// the last, waits on nothing else: it drains the results from the
	// start, whatever the number of files. (Starting the readers first,
	// and collecting only once every file had a reader, deadlocked as
	// soon as the two buffers were full: past some 500 small files.)
	// The buffers bound the memory: at most their length of articles is
	// held between the stages, however large the dataset.
	jobs := make(chan job, 256)
	results := make(chan result, 256)
	workers := max1(runtime.GOMAXPROCS(0))
	var checkers sync.WaitGroup
	for range workers {
		checkers.Go(func() {
			c := &checker{strings: make(map[string]string)}
			for j := range jobs {
				r := l.check(j, c)
				// What the result keeps is its own copy (entryOf).
				j.buf.release()
				results <- r
			}
		})
	}
	// Files are split into articles by as many readers as there are
	// checkers, each taking the next file not taken yet: a folder of many
	// small files keeps them all busy, one large file one.
	var readers sync.WaitGroup
	var next atomic.Int64
	for range min(workers, len(l.files)) {
		readers.Go(func() {
			var rb readBuffers
			for {
				i := int(next.Add(1) - 1)
				if i >= len(l.files) {
					return
				}
				l.split(i, jobs, &rb)
			}
		})
	}
	go func() {
		readers.Wait()
		close(jobs)
		checkers.Wait()
		close(results)
	}()
	for r := range results {
		// fs.problems belongs to the file's reader, which may still be
		// at work: what the checks find is kept apart until finish.
		fs := l.files[r.file]
		for len(fs.entries) <= r.index {
			fs.entries = append(fs.entries, nil)
		}
		fs.entries[r.index] = r.entry
		fs.checked = append(fs.checked, r.problems...)
		fs.checkedWarnings = append(fs.checkedWarnings, r.warnings...)
	}
	return l.finish()
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

// wholeFile is the largest file read into memory at once rather than
// streamed: a folder's files are small, and many. A variable, so that
// tests can stream small files.
var wholeFile int64 = 1 << 20

// readBuffers is what one reader reuses from file to file: with a decoder
// made for each file, a folder of 100,000 small files took 3.2-3.8 s to
// validate; reused, 2.6-2.8 s. (The files' bytes are in shared buffers.)
type readBuffers struct {
	dec *jsontext.Decoder
}

// shared holds a file read whole, which the jobs of its articles point
// into instead of each taking a copy (a copy of every article was a
// dataset's size in garbage: 340 MB at 100,000 articles). The reader
// holds one reference while it splits the file, and each job one; the
// last to let go puts the buffer back for another file.
type shared struct {
	b    []byte
	refs atomic.Int32
}

var sharedBuffers = sync.Pool{New: func() any { return new(shared) }}

// release lets go of one reference.
func (s *shared) release() {
	if s != nil && s.refs.Add(-1) == 0 {
		sharedBuffers.Put(s)
	}
}

// decoder returns the reader's decoder, reset to read src.
func (rb *readBuffers) decoder(src io.Reader) *jsontext.Decoder {
	if rb.dec == nil {
		rb.dec = jsontext.NewDecoder(src, jsontext.AllowDuplicateNames(true))
	} else {
		rb.dec.Reset(src, jsontext.AllowDuplicateNames(true))
	}
	return rb.dec
}

// readAll reads r to its end into buf, failing past max bytes.
func readAll(buf *[]byte, r io.Reader, size, max int64) ([]byte, error) {
	b := (*buf)[:0]
	if int64(cap(b)) < size+1 {
		b = make([]byte, 0, size+512)
	}
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if int64(len(b)) > max {
			*buf = b
			return nil, errTooBig
		}
		if err == io.EOF {
			*buf = b
			return b, nil
		}
		if err != nil {
			*buf = b
			return nil, err
		}
	}
}

// split reads file i with jsontext, which checks its syntax and UTF-8, and
// hands each article to the checkers as a piece of bytes.
func (l *loader) split(i int, jobs chan<- job, rb *readBuffers) {
	fs := l.files[i]
	if fs.f.refused != nil {
		fs.problems = append(fs.problems, unreadable(fs.f.name, fs.f.refused))
		fs.broken = true
		return
	}
	rc, size, err := fs.f.open()
	if err != nil {
		fs.problems = append(fs.problems, unreadable(fs.f.name, err))
		fs.broken = true
		return
	}
	defer rc.Close()
	if size > l.max {
		fs.problems = append(fs.problems, Problem{File: fs.f.name, Article: -1, Message: tooBig(size, l.max)})
		fs.broken = true
		return
	}
	// The file's hash, for the dataset's version: nothing to write to
	// when only checking.
	var h io.Writer = io.Discard
	if !l.checkOnly {
		sha := sha256.New()
		h = sha
		defer func() { copy(fs.sum[:], sha.Sum(nil)) }()
	}

	problem := func(off int64, pointer, msg, hint string) {
		fs.problems = append(fs.problems, Problem{File: fs.f.name, Article: -1, Pointer: pointer, Message: msg, Hint: hint, off: off})
	}
	// A small file is read whole, and decoded from memory without a copy;
	// a large one streams through a buffer.
	var src io.Reader
	var head, data []byte
	var whole *shared
	var br *bufio.Reader
	if size <= wholeFile {
		whole = sharedBuffers.Get().(*shared)
		whole.refs.Store(1)
		defer whole.release()
		data, err = readAll(&whole.b, rc, size, l.max)
		if err != nil {
			fs.broken = true
			if errors.Is(err, errTooBig) {
				problem(0, "", fmt.Sprintf("the file grew past %s while it was read", ByteSize(l.max)), "check that nothing else writes it")
			} else {
				fs.problems = append(fs.problems, unreadable(fs.f.name, err))
			}
			return
		}
		h.Write(data)
		head = data[:min(4, len(data))]
		src = bytes.NewBuffer(data)
	} else {
		br = bufio.NewReaderSize(io.TeeReader(&limited{r: rc, max: l.max}, h), 256<<10)
		head, _ = br.Peek(4) // enough for UTF-32's zeros
		src = br
	}
	if enc := charset.Wide(head); enc != "" {
		problem(0, "", "the file is "+enc+", not UTF-8", "save it as UTF-8: in Notepad, File, Save As, then Encoding: UTF-8")
		fs.broken = true
		return
	}
	if bytes.HasPrefix(head, bom) {
		// RFC 8259 lets a parser ignore a byte order mark, and editors
		// on Windows write one. jsontext refuses it: it reads three
		// spaces instead, so that every offset stays the file's (place
		// does not count the mark as a character).
		if whole != nil {
			copy(data, "   ") // the hash has had the file's own bytes
		} else {
			if _, err := br.Discard(len(bom)); err != nil { // peeked: in the buffer
				fs.problems = append(fs.problems, unreadable(fs.f.name, err))
				fs.broken = true
				return
			}
			src = io.MultiReader(strings.NewReader("   "), br)
		}
	}
	dec := rb.decoder(src)
	// fail reports what stopped the reading. in is the pointer of the
	// value being read with ReadValue, or "" when reading tokens; index is
	// its index in its array, or -1 for an object's member.
	fail := func(err error, in string, index int) {
		fs.broken = true
		var se *jsontext.SyntacticError
		switch {
		case errors.Is(err, errTooBig):
			problem(dec.InputOffset(), "", fmt.Sprintf("the file grew past %s while it was read", ByteSize(l.max)), "check that nothing else writes it")
		case errors.As(err, &se):
			msg := strings.TrimPrefix(se.Err.Error(), "jsontext: ")
			switch {
			case errors.Is(se.Err, io.ErrUnexpectedEOF):
				msg = "unexpected end of file"
			case strings.Contains(msg, "invalid surrogate pair"):
				msg = `invalid surrogate pair: a \u escape of half a character (such as \ud800) without its other half`
			}
			pointer := string(se.JSONPointer)
			if whole == nil && in != "" {
				if p, ok := streamedPointer(fs.f, size, dec.InputOffset(), se.ByteOffset, in, index); ok {
					pointer = p
				}
			}
			hint := syntaxHint(msg)
			at := se.ByteOffset
			if comma, closer, ok := trailingComma(msg, at, func(off int64, n int) []byte {
				if whole != nil {
					return data[off:min(off+int64(n), int64(len(data)))]
				}
				if size < 0 || off >= size {
					return nil // a pipe, or past the end: no second reading
				}
				b, err := fs.f.readAt(off, int(min(int64(n), size-off)))
				if err != nil {
					return nil // reported as jsontext words it, as before
				}
				return b
			}); ok {
				if closer == ']' && at != comma {
					// Reported at the ], where the next item
					// would be: the list holds the comma.
					pointer = pointer[:max(0, strings.LastIndexByte(pointer, '/'))]
				}
				at = comma
				msg, hint = "a comma after the last item of a list, before its closing ]", "remove the comma: JSON has none after the last item"
				if closer == '}' {
					msg, hint = "a comma after the last field of an object, before its closing }", "remove the comma: JSON has none after the last field"
				}
			}
			if strings.Contains(msg, "exceeded max depth") {
				// jsontext's limit: the levels that hold the value
				// that went past it, which the pointer names.
				limit := strconv.Itoa(strings.Count(pointer, "/"))
				msg = "brackets nested too deep"
				hint = "reading stops at " + limit + " levels, and a dataset needs fewer than ten: look for a [ or { repeated, or never closed"
			}
			problem(at, shortPointer(pointer), "JSON syntax error: "+msg, hint)
		case errors.Is(err, io.ErrUnexpectedEOF):
			problem(dec.InputOffset(), "", "JSON syntax error: unexpected end of file", syntaxHint("unexpected end of file"))
		default:
			fs.problems = append(fs.problems, unreadable(fs.f.name, err))
		}
	}
	if k := dec.PeekKind(); k != '{' {
		if k == 0 {
			// The decoder tells an empty file (white space at most)
			// itself: a check of its own that read past the first bytes
			// of a stream took them from the decoder.
			_, err := dec.ReadToken()
			if err == io.EOF {
				problem(0, "", "the file is empty", `a dataset is a JSON object such as {"articles": [...]}`)
				fs.broken = true
				return
			}
			fail(err, "", -1)
			return
		}
		// What is there, by its first bytes: jsontext's kind of what is
		// not JSON is its first byte.
		buf := dec.UnreadBuffer()
		found, hint := jsonread.Found(buf), `a dataset is a JSON object such as {"articles": [...]}`
		if found == "'<'" {
			hint = "this looks like a web page (HTML), such as an error page saved in its place: " + hint
		}
		problem(dec.InputOffset()+int64(skipSpace(buf, 0)), "", "expected an object, found "+found, hint)
		return
	}
	if _, err := dec.ReadToken(); err != nil {
		fail(err, "", -1)
		return
	}
	var seen []string
	// emptyAt is where a folder's file gives an empty list of articles,
	// or -1: a problem unless the file gives the site, which may leave
	// its list empty as it may leave it out (known at the object's end).
	emptyAt := int64(-1)
	for dec.PeekKind() != '}' {
		nameRaw, err := dec.ReadValue()
		if err != nil {
			fail(err, "", -1)
			return
		}
		keyOff := dec.InputOffset() - int64(len(nameRaw))
		key, err := jsontext.AppendUnquote(nil, nameRaw)
		if err != nil {
			fail(err, "", -1)
			return
		}
		name := string(key)
		var valOff int64 // where the list of articles opens
		if dup := contains(seen, name); dup || !contains(article.DatasetFields, name) {
			p := "/" + jsonread.PointerToken(name)
			if dup {
				problem(keyOff, p, fmt.Sprintf("field %q is given twice", name), "keep one")
			} else {
				problem(keyOff, p, fmt.Sprintf("unknown field %q", name), jsonread.UnknownHint(name, article.DatasetFields))
			}
			if _, err := dec.ReadValue(); err != nil {
				fail(err, p, -1)
				return
			}
			continue
		}
		seen = append(seen, name)
		switch name {
		case "$schema":
			v, err := dec.ReadValue()
			if err != nil {
				fail(err, "/$schema", -1)
				return
			}
			if v.Kind() != '"' {
				problem(dec.InputOffset()-int64(len(v)), "/$schema", fmt.Sprintf("expected a string, found %s", kindName(v.Kind())), "give the path of articles.schema.json")
			}
		case "site":
			v, err := dec.ReadValue()
			if err != nil {
				fail(err, "/site", -1)
				return
			}
			l.readSite(fs, dec.InputOffset()-int64(len(v)), v)
		case "articles":
			fs.articles = true
			if k := dec.PeekKind(); k != '[' {
				v, err := dec.ReadValue()
				if err != nil {
					fail(err, "/articles", -1)
					return
				}
				problem(dec.InputOffset()-int64(len(v)), "/articles", fmt.Sprintf("expected an array, found %s", kindName(k)), "use a list in square brackets: [ ... ]")
				continue
			}
			if _, err := dec.ReadToken(); err != nil {
				fail(err, "", -1)
				return
			}
			valOff = dec.InputOffset() - 1
			n := 0
			for dec.PeekKind() != ']' {
				v, err := dec.ReadValue()
				if err != nil {
					fail(err, "/articles/"+strconv.Itoa(n), n)
					return
				}
				off := dec.InputOffset() - int64(len(v))
				j := job{file: i, index: n, off: off}
				if whole != nil {
					// The same bytes, in the file's buffer: the decoder's
					// v is only good until its next read.
					j.raw, j.buf = data[off:off+int64(len(v)):off+int64(len(v))], whole
					whole.refs.Add(1)
				} else {
					// A copy, as the stream moves on; in a buffer
					// used again, as above.
					own := sharedBuffers.Get().(*shared)
					own.refs.Store(1)
					if cap(own.b) > 4*len(v)+4096 {
						// A whole file's buffer, far larger than
						// an article: not held by one of them.
						own.b = nil
					}
					own.b = append(own.b[:0], v...)
					j.raw, j.buf = own.b, own
				}
				jobs <- j
				n++
			}
			if _, err := dec.ReadToken(); err != nil {
				fail(err, "", -1)
				return
			}
			if n == 0 {
				if l.folder {
					// The folder's other files may have articles: if
					// none has, the folder says so too (Load).
					emptyAt = valOff
				} else {
					problem(valOff, "/articles", "the dataset has no articles", "add at least one article")
					fs.problems[len(fs.problems)-1].empty = true
				}
			}
		}
	}
	if _, err := dec.ReadToken(); err != nil {
		fail(err, "", -1)
		return
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		if err == nil {
			problem(dec.InputOffset(), "", "JSON syntax error: data after the end of the dataset", syntaxHint("after top-level value"))
			fs.broken = true
			return
		}
		fail(err, "", -1)
		return
	}
	if emptyAt >= 0 && fs.site == nil {
		problem(emptyAt, "/articles", "the file has no articles", "add at least one article")
	}
	if !fs.articles && (fs.site == nil || !l.folder) {
		problem(0, "", `missing field "articles"`, `add "articles": [ ... ] with one object per article`)
	}
}

// streamedPointer works out the JSON pointer of a syntax error at offset
// at of a streamed file, inside the value whose pointer is in (index is
// its index in its array, or -1 for an object's member): a value that a
// decoder began to read at offset from, the end of what it had read
// before, its comma or colon and white space still to come. jsontext keeps
// the names of the objects within a value in its buffer, and when the
// value runs past the buffer's end it moves the buffer's bytes to read
// more, over names it may yet need for an error's pointer:
// /articles/236//7/text came out for /articles/236/body/7/text. So the
// value's bytes, to a little past the error, are read again and decoded
// from memory, where they stay put. They are decoded inside brackets that
// stand for what holds the value, as many levels of them as in has, the
// last one an array or an object as in the file: the limit of levels is
// met where it was, and jsontext words an error and points to it by what
// holds the value (a '}' where a value should be is an error "after array
// element" of its parent). ok is false when that does not meet the same
// error, and the decoder's pointer stands.
func streamedPointer(f *file, size, from, at int64, in string, index int) (pointer string, ok bool) {
	const past = 4 << 10 // more than the decoder looks ahead to see an error
	end := min(size, at+past)
	if from < 0 || at <= from || end <= at {
		return "", false
	}
	b, err := f.readAt(from, int(end-from))
	if err != nil {
		return "", false // the decoder's pointer, as before
	}
	start := skipSpace(b, 0)
	if start < len(b) && (b[start] == ',' || b[start] == ':') {
		start = skipSpace(b, start+1)
	}
	if from+int64(start) >= at {
		return "", false // an error before the value: no name of it in the pointer
	}
	outer := strings.Split(in, "/")[1:]
	if len(outer) == 0 {
		return "", false
	}
	held := bytes.Repeat([]byte{'['}, len(outer)-1)
	tokens := len(outer) - 1
	switch {
	case index < 0:
		held, tokens = append(held, `{"":`...), tokens+2
	case index == 0:
		held, tokens = append(held, '['), tokens+1
	default:
		// An array with elements before the value.
		held, tokens = append(held, "[0,"...), tokens+2
	}
	dec := jsontext.NewDecoder(bytes.NewBuffer(append(held, b[start:]...)), jsontext.AllowDuplicateNames(true))
	for range tokens {
		if _, err := dec.ReadToken(); err != nil {
			return "", false // not what was added
		}
	}
	_, err = dec.ReadValue()
	var se *jsontext.SyntacticError
	if !errors.As(err, &se) || from+int64(start)+se.ByteOffset-int64(len(held)) != at {
		return "", false
	}
	// The tokens for the brackets added are in's; jsontext may have cut
	// some of them (pointing to a parent).
	got := strings.Split(string(se.JSONPointer), "/")[1:]
	if len(got) < len(outer) {
		return "/" + strings.Join(outer[:len(got)], "/"), true
	}
	return strings.Join(append([]string{""}, append(outer, got[len(outer):]...)...), "/"), true
}

// trailingComma tells whether a syntax error at offset at, in jsontext's
// words msg, is a comma after the last item of an array or the last member
// of an object, and if so where the comma is and which bracket follows it.
// jsontext says "invalid character ',' at start of value" at the comma
// when a decoder peeks past it (the loops over the dataset's fields and
// its articles), and "invalid character ']' at start of value" or "'}' at
// start of string" at the bracket when it reads a whole value. read
// returns the file's bytes from off, n of them at most (fewer at its end,
// none when they cannot be read again).
func trailingComma(msg string, at int64, read func(off int64, n int) []byte) (comma int64, closer byte, ok bool) {
	switch {
	case strings.HasPrefix(msg, "invalid character ',' at start of value"):
		// After a value (not after another comma, nor first in its
		// brackets), and before a closing bracket.
		if b := read(at, 1); len(b) != 1 || b[0] != ',' {
			return 0, 0, false
		}
		if c, _ := nonSpace(read, at, -1); c == 0 || strings.IndexByte(",[{:", c) >= 0 {
			return 0, 0, false
		}
		if c, _ := nonSpace(read, at, +1); c == ']' || c == '}' {
			return at, c, true
		}
	case strings.HasPrefix(msg, "invalid character ']' at start of value"),
		strings.HasPrefix(msg, "invalid character '}' at start of string"):
		b := read(at, 1)
		if len(b) != 1 {
			return 0, 0, false
		}
		if c, off := nonSpace(read, at, -1); c == ',' {
			return off, b[0], true
		}
	}
	return 0, 0, false
}

// nonSpace finds the first byte that is not JSON white space from offset
// at on, not counting at's own, going forward (dir +1) or back (-1). It
// returns 0 when there is none, or the bytes cannot be read again.
func nonSpace(read func(off int64, n int) []byte, at int64, dir int) (c byte, off int64) {
	const chunk = 4 << 10
	for {
		from := at + 1
		if dir < 0 {
			from = max(0, at-chunk)
		}
		n := chunk
		if dir < 0 {
			n = int(at - from)
		}
		if n == 0 {
			return 0, 0
		}
		b := read(from, n)
		if len(b) == 0 || dir < 0 && len(b) != n {
			return 0, 0
		}
		if dir > 0 {
			if i := skipSpace(b, 0); i < len(b) {
				return b[i], from + int64(i)
			}
			at = from + int64(len(b)) - 1
			continue
		}
		i := len(b) - 1
		for i >= 0 && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
			i--
		}
		if i >= 0 {
			return b[i], from + int64(i)
		}
		at = from
	}
}

// shortPointer shortens the pointer of a value nested thousands of levels
// deep, which only a syntax error has: its first levels, the last one,
// and the number of levels, rather than a line of some 20 kB:
// /articles/0/related/0/0/0/0/0/…/0 (10000 levels).
func shortPointer(p string) string {
	const head = 8 // levels shown before the gap: past any article's own
	levels := strings.Count(p, "/")
	if levels <= 2*head {
		return p
	}
	end := 0
	for range head {
		end += 1 + strings.IndexByte(p[end+1:], '/')
	}
	return p[:end] + "/…" + p[strings.LastIndexByte(p, '/'):] + " (" + strconv.Itoa(levels) + " levels)"
}

// skipSpace returns the index of the first byte of b from i on that is
// not JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func kindName(k jsontext.Kind) string {
	switch k {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "nothing"
}

// readSite reads the site object of a file.
func (l *loader) readSite(fs *fileState, off int64, raw []byte) {
	var s article.Site
	var probs []Problem
	r := jsonread.NewReader(raw)
	var shape []jsonread.Problem
	r.Report = func(p jsonread.Problem) { shape = append(shape, p) }
	ok := s.ReadJSON(r)
	for _, p := range shape {
		probs = append(probs, Problem{File: fs.f.name, Article: -1, Pointer: "/site" + p.Pointer, Message: p.Message, Hint: p.Hint, off: off + int64(p.Offset)})
	}
	place := func(f article.Fault) Problem {
		at, _ := jsonread.Locate(raw, f.Pointer)
		return Problem{File: fs.f.name, Article: -1, Pointer: "/site" + f.Pointer, Message: f.Message, Hint: f.Hint, off: off + int64(at)}
	}
	labelProblems, labelWarnings := i18n.Validate(s.Lang, s.Labels)
	for _, f := range append(s.Validate(), labelProblems...) {
		switch {
		case coveredBy(shape, f.Pointer):
		case f.Warn: // a url no one outside reaches (localhost)
			fs.warnings = append(fs.warnings, place(f))
		default:
			probs = append(probs, place(f))
		}
	}
	if !coveredBy(shape, "/labels") {
		for _, f := range labelWarnings {
			fs.warnings = append(fs.warnings, place(f))
		}
	}
	// An edition in another language without a description of its own
	// has the English default in every page's description meta, its
	// og:description, JSON-LD and feed subtitle, all said to be in the
	// edition's language: a crawler's snippet in English.
	if primary, _, _ := strings.Cut(strings.ToLower(s.Lang), "-"); ok && s.Description == "" && primary != "" && primary != "en" {
		w := place(article.Fault{Pointer: ""})
		w.Message = fmt.Sprintf("the %q edition has no \"description\": its pages' description (for search engines and link previews) and its feeds' subtitle are the English %q", s.Lang, article.DefaultSiteDescription)
		w.Hint = "give the site a \"description\" in the edition's language"
		fs.warnings = append(fs.warnings, w)
	}
	fs.problems = append(fs.problems, probs...)
	if ok {
		fs.site, fs.siteOff = &s, off
	}
}

// coveredBy reports whether a value on the way to a model fault, the
// fault's value itself, or one inside it is missing or of the wrong type:
// that is reported once, as such, and not again by the rules the value
// then breaks.
func coveredBy(shape []jsonread.Problem, pointer string) bool {
	for _, p := range shape {
		if p.Unusable && (p.Pointer == pointer || strings.HasPrefix(p.Pointer, pointer+"/") || strings.HasPrefix(pointer, p.Pointer+"/")) {
			return true
		}
	}
	return false
}

// check decodes one article into c's article and checks it against the
// model.
func (l *loader) check(j job, c *checker) result {
	a := &c.a
	fs := l.files[j.file]
	res := result{file: j.file, index: j.index}
	*a = article.Article{Tags: a.Tags[:0], Authors: a.Authors[:0], Figures: a.Figures[:0], Body: a.Body[:0], Related: a.Related[:0]}
	var shape []jsonread.Problem
	r := jsonread.NewReader(j.raw)
	r.Report = func(p jsonread.Problem) { shape = append(shape, p) }
	// The article's strings share j.raw's memory: what is kept is cloned
	// (entryOf), and problems format what they quote.
	r.Alias = true
	prefix := "/articles/" + strconv.Itoa(j.index)
	add := func(rel int, pointer, msg, hint string) {
		res.problems = append(res.problems, Problem{
			File: fs.f.name, Article: j.index, Pointer: prefix + pointer,
			Message: msg, Hint: hint, off: j.off + int64(rel),
		})
	}
	if r.Peek() != jsonread.Object {
		add(0, "", "expected an object, found "+jsonread.Found(j.raw), "an article is an object in braces: { ... }")
		return res
	}
	a.ReadJSON(r)
	if err := r.End(); err != nil {
		add(0, "", "reading the article: "+err.Error(), "")
		return res
	}
	for _, p := range shape {
		add(p.Offset, p.Pointer, p.Message, p.Hint)
	}
	for _, f := range a.Validate(l.now) {
		if coveredBy(shape, f.Pointer) {
			continue
		}
		at, _ := jsonread.Locate(j.raw, f.Pointer)
		add(at, f.Pointer, f.Message, f.Hint)
		if f.Warn || f.Ahead && l.aheadWarns {
			n := len(res.problems) - 1
			res.warnings = append(res.warnings, res.problems[n])
			res.problems = res.problems[:n]
		}
	}
	if l.image != nil {
		for i, fig := range a.Figures {
			if fig.Image == nil || !article.IsSitePath(fig.Image.Src) {
				continue
			}
			pointer := "/figures/" + strconv.Itoa(i) + "/image/src"
			if coveredBy(shape, pointer) {
				continue
			}
			if msg, hint := l.image(fig.Image.Src); msg != "" {
				at, _ := jsonread.Locate(j.raw, pointer)
				add(at, pointer, msg, hint)
			}
		}
	}
	if msg, _ := article.CheckSlug(a.Slug); msg == "" && a.Slug != "" {
		slug := strings.Clone(a.Slug)
		for i := range res.problems {
			res.problems[i].Slug = slug
		}
		for i := range res.warnings {
			res.warnings[i].Slug = slug
		}
	}
	res.entry = l.entryOf(a, j, c)
	return res
}

// entryOf keeps what lists and the checks across articles need.
func (l *loader) entryOf(a *article.Article, j job, c *checker) *entry {
	// a's strings share the bytes of the job, whose buffer is read over
	// once the job is done.
	clone := strings.Clone
	tags := make([]string, len(a.Tags))
	for i, t := range a.Tags {
		tags[i] = c.intern(t)
	}
	e := &entry{
		slug:      clone(a.Slug),
		lang:      c.intern(a.Lang),
		headline:  clone(a.Headline),
		published: clone(a.Published),
		updated:   clone(a.Updated),
		section:   c.intern(a.Section),
		tags:      tags,
		excerpt:   clone(a.Excerpt(article.ExcerptLength)),
		file:      int32(j.file),
		index:     int32(j.index),
		off:       j.off,
		size:      int32(len(j.raw)),
		sum:       maphash.Bytes(l.seed, j.raw),
	}
	if t, ok := article.ParseDate(a.Published); ok {
		e.dated, e.pub = true, t.Unix()
	}
	for i, b := range a.Body {
		if b.Type == article.ReadMore && b.Slug != "" {
			e.links = append(e.links, link{slug: clone(b.Slug), list: "body", index: i})
		}
	}
	for i, rl := range a.Related {
		if rl.Slug != "" {
			e.links = append(e.links, link{slug: clone(rl.Slug), list: "related", index: i})
		}
	}
	return e
}

// intern returns the checker's one copy of a short string that many
// articles share.
func (c *checker) intern(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := c.strings[s]; ok {
		return v
	}
	if len(c.strings) > 10000 {
		return strings.Clone(s) // not a shared value after all
	}
	v := strings.Clone(s)
	c.strings[v] = v // not s, which points into a buffer used again
	return v
}

// syntaxHint says how to fix a JSON syntax error, from jsontext's words.
func syntaxHint(msg string) string {
	for _, h := range []struct{ contains, hint string }{
		{"after object value (expecting ',' or '}')", "a comma is missing before this place, between two fields"},
		{"after array element (expecting ',' or ']')", "a comma is missing before this place, between two items"},
		{"after object name (expecting ':')", `put a colon between the field name and its value: "name": value`},
		{"character ']' at start of value", "remove the comma before the closing ]"},
		{"character '}' at start of string", "remove the comma before the closing }"},
		{"character ',' at start of value", "remove the comma: it does not stand between two items or two fields"},
		{"at start of string (expecting '\"')", `field names need double quotes: "name": value`},
		{"in literal", `write true, false and null in lower case, and put text in double quotes`},
		{"at start of value", `put text in double quotes ("..."); numbers, true, false and null go without`},
		{"invalid surrogate pair", "write the character itself, or both halves of its escape"},
		{"invalid UTF-8", "save the file as UTF-8"},
		{"invalid escape sequence", `a backslash in text starts an escape: write \\ for a backslash itself`},
		{"in string (expecting non-control character)", `inside text, write a line break as \n, a tab as \t and a double quote as \"`},
		{"unexpected end of file", "a closing } or ] is missing, or the file was cut short"},
		{"after top-level value", "remove what follows the dataset's closing }, or join it into the dataset"},
	} {
		if strings.Contains(msg, h.contains) {
			return h.hint
		}
	}
	return ""
}

// bom is the UTF-8 byte order mark, U+FEFF, which some editors write at
// the start of a file; a dataset file may start with it.
var bom = []byte("\xef\xbb\xbf")

// placeChunk is how much of a file place reads at a time.
var placeChunk = 1 << 20

// place sets the line and column of each problem of the file from its
// byte offset, reading the file once more (only when it has problems), a
// chunk at a time: a broken article at the end of a file of hundreds of
// megabytes is placed in a fraction of a second. A column counts
// characters: every byte that does not continue a UTF-8 sequence. A
// byte order mark is not one: line 1, column 1 is what follows it.
func place(f *file, probs []Problem) error {
	order := make([]int, 0, len(probs))
	for i, p := range probs {
		if p.off != unplaced {
			order = append(order, i)
		}
	}
	if len(order) == 0 {
		return nil // nothing to read the file for, if it can be read
	}
	sort.Slice(order, func(a, b int) bool { return probs[order[a]].off < probs[order[b]].off })
	rc, _, err := f.open()
	if err != nil {
		return err
	}
	defer rc.Close()
	buf := make([]byte, min(int64(placeChunk), probs[order[len(order)-1]].off)) // no more than is read
	line, col := 1, 1
	var pos int64
	var head []byte // the file's first bytes, for its byte order mark
	for _, i := range order {
		for pos < probs[i].off {
			n, err := io.ReadFull(rc, buf[:min(int64(len(buf)), probs[i].off-pos)])
			chunk := buf[:n]
			if len(head) < len(bom) {
				head = append(head, chunk[:min(len(chunk), len(bom)-len(head))]...)
			}
			pos += int64(n)
			if nl := bytes.Count(chunk, []byte{'\n'}); nl > 0 {
				line += nl
				col = 1 + charStarts(chunk[bytes.LastIndexByte(chunk, '\n')+1:])
			} else {
				col += charStarts(chunk)
			}
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				break // the file ended before the offset: placed at its end
			}
			if err != nil {
				return fmt.Errorf("reading %s again to place its problems: %w", f.name, err)
			}
		}
		probs[i].Line, probs[i].Column = line, col
		if line == 1 && bytes.Equal(head, bom) {
			probs[i].Column-- // the mark, counted as a character
		}
	}
	return nil
}

// charStarts counts the bytes of b that begin a character.
func charStarts(b []byte) int {
	n := len(b)
	for _, c := range b {
		if c&0xc0 == 0x80 {
			n--
		}
	}
	return n
}
