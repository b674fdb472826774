package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"

	"dateline/app/feed"
	"dateline/app/page"
)

// response is a complete answer held in memory, with its compressed forms
// ready, so that serving it is a copy.
type response struct {
	status       int
	contentType  string
	cacheControl string
	body         []byte
	gz, br       []byte // nil when compression does not pay
	etag         string // strong validator of body; variants add a suffix

	// Each encoding with its headers ready (by finish), so that serving
	// is copying: building them per request was a third of the handler's
	// time.
	plain, gzV, brV variant
}

// variant is one encoding of a response and its complete headers.
type variant struct {
	body        []byte
	etag        string      // quoted
	header      http.Header // sent with the body
	notModified http.Header // sent with a 304
}

// finish prepares the variants once body, gz, br and etag are set.
func (r *response) finish() {
	vary := r.gz != nil || r.br != nil
	build := func(body []byte, enc, suffix string) variant {
		v := variant{body: body, etag: `"` + r.etag + suffix + `"`}
		v.notModified = http.Header{
			"Etag":          {v.etag},
			"Cache-Control": {r.cacheControl},
		}
		v.header = http.Header{
			"Etag":           {v.etag},
			"Cache-Control":  {r.cacheControl},
			"Content-Type":   {r.contentType},
			"Content-Length": {strconv.Itoa(len(body))},
		}
		if enc != "" {
			v.header["Content-Encoding"] = []string{enc}
		}
		if r.status == http.StatusServiceUnavailable {
			// The host's own 503 (an article changed on disk, the
			// search index being built) says when to try again; the
			// worker and the app tell it so from a gateway's, which
			// says the site does not answer.
			v.header["Retry-After"] = []string{retryAfter}
		}
		if vary {
			v.header["Vary"] = []string{"Accept-Encoding"}
			v.notModified["Vary"] = []string{"Accept-Encoding"}
		}
		return v
	}
	r.plain = build(r.body, "", "")
	if r.gz != nil {
		r.gzV = build(r.gz, "gzip", "-gz")
	}
	if r.br != nil {
		r.brV = build(r.br, "br", "-br")
	}
}

// copyHeader puts src's values into dst. Keys are canonical already and
// the value slices are shared: their capacity equals their length, so an
// Add to dst copies rather than writes into them.
func copyHeader(dst, src http.Header) {
	for k, v := range src {
		dst[k] = v
	}
}

// Cache-Control values.
const (
	revalidate = "no-cache"
	immutable  = feed.CacheImmutable
)

// newResponse builds a response, compressing text bodies.
func newResponse(status int, contentType, cacheControl string, body []byte) (*response, error) {
	sum := sha256.Sum256(body)
	r := &response{
		status:       status,
		contentType:  contentType,
		cacheControl: cacheControl,
		body:         body,
		etag:         hex.EncodeToString(sum[:12]),
	}
	if compressible(contentType) && len(body) > 512 {
		var err error
		if r.gz, r.br, err = compress(body); err != nil {
			return nil, err
		}
		// Compression pays when it saves more than the headers it adds
		// (Content-Encoding, Vary): a shard of the search index, whose
		// lists are varints and bitmaps, may not shrink at all.
		if len(r.gz)+encodingCost >= len(body) {
			r.gz = nil
		}
		if len(r.br)+encodingCost >= len(body) {
			r.br = nil
		}
	}
	r.finish()
	return r, nil
}

// encodingCost is what a compressed response adds to the plain one's
// headers: "Content-Encoding: gzip" and "Vary: Accept-Encoding".
const encodingCost = len("Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n")

// compressible reports whether bodies of a Content-Type are worth
// compressing: text, app.wasm, and the search index's files.
func compressible(contentType string) bool {
	for _, p := range []string{"text/", "application/json", "application/manifest+json", "application/xml", "application/atom+xml", "image/svg+xml", "application/wasm", page.SearchFileType} {
		if strings.HasPrefix(contentType, p) {
			return true
		}
	}
	return false
}

// brotliQuality trades compression time, paid once per response on its
// first request, for size; app.wasm is compressed harder at build time.
const brotliQuality = 6

// The writers that compress a response need large state of their own: at
// these levels, some 2 MB of hash table for brotli and 800 kB for gzip.
// Made afresh for every response, that was some 3 MB of garbage for every
// article page on its first request, and the collector's pacing let the
// host's resident memory grow with it. So the writers are kept, with the
// buffer they write into, and reused: a writer that is Reset compresses
// exactly as a new one does (response_test.go checks it, byte for byte).
var compressors sync.Pool // of *compressor

// maxPooled bounds the bodies compressed with pooled writers. Larger
// ones, such as scripts and sitemaps made once, get writers of their own
// and drop them: a brotli writer that has compressed 64 kB or more keeps
// a window of 8 MB, and at 1 MB it would pick another hash table for good,
// so that a pooled writer would no longer write what a new one does.
const maxPooled = 64 << 10

// compressor makes the compressed forms of a body.
type compressor struct {
	buf bytes.Buffer // what gz and br write
	gz  *gzip.Writer
	br  *brotli.Writer
}

func newCompressor() (*compressor, error) {
	c := new(compressor)
	var err error
	if c.gz, err = gzip.NewWriterLevel(&c.buf, gzip.BestCompression); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	c.br = brotli.NewWriterLevel(&c.buf, brotliQuality)
	return c, nil
}

// compress returns body compressed with gzip and with brotli, each copied
// out of the compressor's buffer into memory of its own, no larger than
// it needs: a response keeps them as long as it is cached.
func compress(body []byte) (gz, br []byte, err error) {
	pooled := len(body) < maxPooled
	var c *compressor
	if pooled {
		c, _ = compressors.Get().(*compressor)
	}
	if c == nil {
		if c, err = newCompressor(); err != nil {
			return nil, nil, err
		}
	}
	if gz, err = c.run(c.gz, body); err != nil {
		return nil, nil, fmt.Errorf("gzip: %w", err)
	}
	if br, err = c.run(c.br, body); err != nil {
		return nil, nil, fmt.Errorf("brotli: %w", err)
	}
	// Only a compressor that did its work goes back: one that failed may
	// be in any state.
	if pooled {
		compressors.Put(c)
	}
	return gz, br, nil
}

// resetWriter is a compressing writer that can start again on a new
// output: gzip's and brotli's.
type resetWriter interface {
	io.WriteCloser
	Reset(io.Writer)
}

// run compresses body with w, which writes into c.buf, and returns a copy
// of what it wrote: c.buf is used again.
func (c *compressor) run(w resetWriter, body []byte) ([]byte, error) {
	c.buf.Reset()
	w.Reset(&c.buf)
	if _, err := w.Write(body); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return bytes.Clone(c.buf.Bytes()), nil
}

// serve writes the response, choosing the smallest encoding the client
// accepts, and answers a matching If-None-Match with 304.
func (r *response) serve(w http.ResponseWriter, req *http.Request) {
	v := &r.plain
	accept := req.Header.Get("Accept-Encoding")
	switch {
	case r.br != nil && accepts(accept, "br"):
		v = &r.brV
	case r.gz != nil && accepts(accept, "gzip"):
		v = &r.gzV
	}
	h := w.Header()
	if r.status == http.StatusOK && etagMatches(req.Header.Get("If-None-Match"), v.etag) {
		copyHeader(h, v.notModified)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	copyHeader(h, v.header)
	w.WriteHeader(r.status)
	if req.Method == http.MethodHead {
		return
	}
	writeBody(w, v.body)
}

// A body goes out in pieces of writePiece bytes, each given writeStall
// from its start to be taken. The server's WriteTimeout runs from the
// request: on a slow network (40 kB/s, 3G at its worst), it cut app.wasm
// (1.5 MB brotli) off 30 s in, every visit, and a reader paid for bytes
// that were thrown away. Now a reader gets a file however long it takes,
// as long as the network keeps taking 4.4 kB a second (as nginx's
// send_timeout gives 60 s to each write); a client that stops reading is
// still cut off, writeStall after its last piece began. A piece is larger
// than loopback's segment (64 kB): with 32 kB pieces, a reader with a
// small receive buffer that paused on loopback sometimes got the rest a
// few bytes at a time (2 runs in 15), with 256 kB never (0 in 25).
const writePiece = 256 << 10

var writeStall = 60 * time.Second // a variable for the tests

// writeBody writes body with a deadline per piece. A writer that has no
// deadlines (a recorder in tests) is written to all the same.
func writeBody(w http.ResponseWriter, body []byte) {
	if len(body) <= writePiece {
		// One piece: the server's WriteTimeout is its deadline.
		if _, err := w.Write(body); err != nil {
			return // the client went away: nothing more to send, nothing to report
		}
		return
	}
	rc := http.NewResponseController(w)
	for len(body) > 0 {
		n := min(len(body), writePiece)
		if err := rc.SetWriteDeadline(time.Now().Add(writeStall)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return // the connection is gone
		}
		if _, err := w.Write(body[:n]); err != nil {
			return // the client went away or stopped reading
		}
		body = body[n:]
	}
}

// accepts reports whether an Accept-Encoding header allows coding, honouring
// q=0. It runs on every request, so it walks the header without splitting.
func accepts(header, coding string) bool {
	for header != "" {
		var part string
		part, header, _ = strings.Cut(header, ",")
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		q := strings.TrimSpace(params)
		if v, ok := strings.CutPrefix(q, "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			return err == nil && f > 0
		}
		return true
	}
	return false
}

// etagMatches implements If-None-Match's weak comparison over a list.
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for header != "" {
		var t string
		t, header, _ = strings.Cut(header, ",")
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// size is the memory the response holds, in bytes: its bodies, the
// response itself, and each encoding's two sets of headers (finish),
// which take some 1 kB each, not the 256 bytes once counted: a cache of
// 64 MB of articles' data files then held some 90 MB
// (TestResponseSizeIsItsMemory).
func (r *response) size() int64 {
	variants := int64(1)
	if r.gz != nil {
		variants++
	}
	if r.br != nil {
		variants++
	}
	return int64(len(r.body)+len(r.gz)+len(r.br)) + responseCost + variants*variantCost
}

// The memory of a response beyond its bodies: the struct, and each
// variant's headers and ETag (measured with Go 1.26 on linux/amd64).
const (
	responseCost = 512
	variantCost  = 1024
)
