package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
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
	immutable  = "public, max-age=31536000, immutable"
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
		if r.gz, err = gzipBytes(body); err != nil {
			return nil, err
		}
		if r.br, err = brotliBytes(body); err != nil {
			return nil, err
		}
	}
	r.finish()
	return r, nil
}

func compressible(contentType string) bool {
	for _, p := range []string{"text/", "application/json", "application/manifest+json", "image/svg+xml", "application/wasm"} {
		if strings.HasPrefix(contentType, p) {
			return true
		}
	}
	return false
}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if _, err := zw.Write(b); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return buf.Bytes(), nil
}

// brotliQuality trades compression time, paid once per response on its
// first request, for size; app.wasm is compressed harder at build time.
const brotliQuality = 6

func brotliBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	bw := brotli.NewWriterLevel(&buf, brotliQuality)
	if _, err := bw.Write(b); err != nil {
		return nil, fmt.Errorf("brotli: %w", err)
	}
	if err := bw.Close(); err != nil {
		return nil, fmt.Errorf("brotli: %w", err)
	}
	return buf.Bytes(), nil
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
	if _, err := w.Write(v.body); err != nil {
		return // the client went away: nothing more to send, nothing to report
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

// size is the memory the response holds, in bytes.
func (r *response) size() int64 {
	return int64(len(r.body)+len(r.gz)+len(r.br)) + 3*256 // three variants' headers
}
