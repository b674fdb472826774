//go:build !(js && wasm)

package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// staticSite serves an exported site (and the Pagefind bundle written into
// it) the way the export's _config/nginx.conf does, from the bench process:
// try_files $uri $uri.html $uri/index.html, the same MIME types, the
// not-found page, immutable caching under /data/. Both sides' files get the
// same treatment: each response is compressed with gzip on the fly
// (compress/gzip, default level), except a body that is already a gzip
// stream (Pagefind compresses its index files itself), which is sent as it
// is. The compressed bodies are kept in memory, so that each is compressed
// once.
type staticSite struct {
	root string
	url  string
	srv  *http.Server

	mu sync.Mutex
	gz map[string][]byte // compressed bodies by file path
	// sent is the largest body sent for each URL path since resetSent:
	// the bench's own count, beside Chromium's.
	sent map[string]int
}

// resetSent forgets the bodies sent so far: a new session starts.
func (s *staticSite) resetSent() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = map[string]int{}
}

// sentBody is the largest body sent for a URL path since resetSent.
func (s *staticSite) sentBody(urlPath string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent[urlPath]
}

// staticTypes are the MIME types of the export's nginx.conf, and Pagefind's
// binary files.
var staticTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".json":        "application/json; charset=utf-8",
	".webmanifest": "application/manifest+json; charset=utf-8",
	".xml":         "application/xml; charset=utf-8",
	".atom":        "application/atom+xml; charset=utf-8",
	".svg":         "image/svg+xml; charset=utf-8",
	".wasm":        "application/wasm",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".gif":         "image/gif",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
}

// immutableCache is the Cache-Control of content-named files: Dateline's
// /data/ (as nginx.conf has it) and Pagefind's hashed index files.
const immutableCache = "public, max-age=31536000, immutable"

// serveStatic starts a file server for root on a free port of 127.0.0.1.
func serveStatic(root string) (*staticSite, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listening for the static server: %w", err)
	}
	s := &staticSite{root: root, url: "http://" + ln.Addr().String(), gz: map[string][]byte{}, sent: map[string]int{}}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			progress("warning: the static server of %s: %v", root, err)
		}
	}()
	return s, nil
}

func (s *staticSite) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.srv.Shutdown(ctx); err != nil {
		progress("warning: stopping the static server: %v", err)
	}
}

func (s *staticSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	// The export's own files are not the site's.
	if strings.HasPrefix(p, "/_config/") || p == "/_config" || p == "/_headers" {
		s.notFound(w, r)
		return
	}
	for _, try := range []string{p, p + ".html", strings.TrimSuffix(p, "/") + "/index.html"} {
		file := filepath.Join(s.root, filepath.FromSlash(try))
		fi, err := os.Stat(file)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		s.serveFile(w, r, try, file, http.StatusOK)
		return
	}
	s.notFound(w, r)
}

func (s *staticSite) notFound(w http.ResponseWriter, r *http.Request) {
	file := filepath.Join(s.root, "404.html")
	if _, err := os.Stat(file); err != nil {
		http.NotFound(w, r)
		return
	}
	s.serveFile(w, r, "/404.html", file, http.StatusNotFound)
}

func (s *staticSite) serveFile(w http.ResponseWriter, r *http.Request, urlPath, file string, status int) {
	body, err := os.ReadFile(file)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	ct, ok := staticTypes[strings.ToLower(path.Ext(urlPath))]
	if !ok {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	h.Set("Cache-Control", cacheControl(urlPath))
	h.Set("Vary", "Accept-Encoding")
	gzipStream := len(body) >= 2 && body[0] == 0x1f && body[1] == 0x8b
	if !gzipStream && acceptsGzip(r) {
		if body, err = s.compressed(file, body); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	if _, err := w.Write(body); err != nil {
		return // the client went away
	}
	s.mu.Lock()
	s.sent[r.URL.Path] = max(s.sent[r.URL.Path], len(body))
	s.mu.Unlock()
}

// cacheControl follows nginx.conf: content-named files are immutable,
// everything else is revalidated on every use (no validators are sent, so
// that revalidation fetches the file again, as nginx.conf has it for
// pages).
func cacheControl(urlPath string) string {
	switch {
	case strings.HasPrefix(urlPath, "/data/"),
		strings.HasPrefix(urlPath, "/pagefind/fragment/"),
		strings.HasPrefix(urlPath, "/pagefind/index/"),
		strings.HasPrefix(urlPath, "/pagefind/filter/"),
		strings.HasPrefix(urlPath, "/pagefind/") && strings.HasSuffix(urlPath, ".pf_meta"):
		return immutableCache
	}
	return "no-cache"
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.TrimSpace(q) != "q=0" {
			return true
		}
	}
	return false
}

// compressed is body compressed with gzip at the default level, made once
// per file.
func (s *staticSite) compressed(file string, body []byte) ([]byte, error) {
	s.mu.Lock()
	c, ok := s.gz[file]
	s.mu.Unlock()
	if ok {
		return c, nil
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(body); err != nil {
		return nil, fmt.Errorf("compressing %s: %w", file, err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compressing %s: %w", file, err)
	}
	s.mu.Lock()
	s.gz[file] = b.Bytes()
	s.mu.Unlock()
	return b.Bytes(), nil
}

// dirSize is the bytes (apparent sizes) and number of the files under dir.
func dirSize(dir string) (bytes float64, files int, err error) {
	err = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		bytes += float64(fi.Size())
		files++
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("measuring %s: %w", dir, err)
	}
	return bytes, files, nil
}
