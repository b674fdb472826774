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

	"dateline/app/feed"
)

// staticSite serves an exported site (and the Pagefind bundle written into
// it) the way the export's _config/nginx.conf does, from the bench process:
// try_files $uri $uri.html $uri/index.html, the same MIME types
// (feed.FileType), the not-found page, immutable caching under /data/, and
// the same compression, for both sides' files alike: a file's .gz beside it
// when there is one (gzip_static: the export writes them for the app's
// files), else gzip on the fly for the types nginx.conf compresses (text,
// and Dateline's search index) from feed.GzipMinLength bytes at
// feed.GzipLevel, else the file as it is (photos, app.wasm without its
// .gz, and Pagefind's index, fragment, meta and wasm files, which Pagefind
// ships gzip-compressed and decompresses itself). The compressed bodies are
// kept in memory, so that each is compressed once.
type staticSite struct {
	root string
	url  string
	srv  *http.Server

	mu sync.Mutex
	gz map[string][]byte // bodies compressed on the fly, by file path
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
	ct, compress := feed.FileType(urlPath)
	h.Set("Content-Type", ct)
	h.Set("Cache-Control", cacheControl(urlPath))
	h.Set("Vary", "Accept-Encoding")
	if acceptsGzip(r) {
		pre, err := os.ReadFile(file + ".gz")
		switch {
		case err == nil:
			body = pre
			h.Set("Content-Encoding", "gzip")
		case !errors.Is(err, fs.ErrNotExist):
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		case compress && len(body) >= feed.GzipMinLength:
			if body, err = s.compressed(file, body); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			h.Set("Content-Encoding", "gzip")
		}
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

// compressed is body compressed with gzip at nginx.conf's level, made once
// per file.
func (s *staticSite) compressed(file string, body []byte) ([]byte, error) {
	s.mu.Lock()
	c, ok := s.gz[file]
	s.mu.Unlock()
	if ok {
		return c, nil
	}
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, feed.GzipLevel)
	if err != nil {
		return nil, fmt.Errorf("compressing %s: %w", file, err)
	}
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
