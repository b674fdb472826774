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
	return r, nil
}

func compressible(contentType string) bool {
	for _, p := range []string{"text/", "application/javascript", "application/json", "application/manifest+json", "image/svg+xml", "application/wasm"} {
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
	body, enc, etag := r.body, "", r.etag
	accept := req.Header.Get("Accept-Encoding")
	switch {
	case r.br != nil && accepts(accept, "br"):
		body, enc, etag = r.br, "br", r.etag+"-br"
	case r.gz != nil && accepts(accept, "gzip"):
		body, enc, etag = r.gz, "gzip", r.etag+"-gz"
	}
	h := w.Header()
	etag = `"` + etag + `"`
	if r.gz != nil || r.br != nil {
		h.Set("Vary", "Accept-Encoding")
	}
	h.Set("ETag", etag)
	h.Set("Cache-Control", r.cacheControl)
	if r.status == http.StatusOK && etagMatches(req.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", r.contentType)
	if enc != "" {
		h.Set("Content-Encoding", enc)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(r.status)
	if req.Method == http.MethodHead {
		return
	}
	if _, err := w.Write(body); err != nil {
		return // the client went away: nothing more to send, nothing to report
	}
}

// accepts reports whether an Accept-Encoding header allows coding, honouring q=0.
func accepts(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
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
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}
