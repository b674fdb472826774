//go:build !(js && wasm)

package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
)

// front is a small server in the bench process in front of the host. In
// app mode it forwards everything. In baseline mode it answers the pages
// it was given with their prerendered HTML stripped of scripts (the same
// HTML without the app), and forwards everything else, so that the
// baseline's styles and icons are the host's own responses. Both modes
// go through the same proxy, so neither side pays for it alone.
type front struct {
	url   string // http://127.0.0.1:PORT
	srv   *http.Server
	pages map[string]*strippedPage
	proxy *httputil.ReverseProxy
}

// strippedPage is a page without its scripts, in each encoding.
type strippedPage struct {
	header           http.Header // the host's headers, minus those of the body
	identity, br, gz []byte
}

func newFront(ctx context.Context, hostURL string, baselinePages []string) (*front, error) {
	target, err := url.Parse(hostURL)
	if err != nil {
		return nil, err
	}
	f := &front{
		pages: map[string]*strippedPage{},
		proxy: &httputil.ReverseProxy{
			Rewrite: func(r *httputil.ProxyRequest) {
				r.SetURL(target)
				r.Out.Host = r.In.Host
			},
			// The browser's Accept-Encoding goes through as it is, and the
			// encoded body comes back as it is.
			Transport: &http.Transport{Proxy: nil, DisableCompression: true, MaxIdleConnsPerHost: 64},
		},
	}
	for _, p := range baselinePages {
		sp, err := stripPage(ctx, hostURL+p)
		if err != nil {
			return nil, err
		}
		f.pages[p] = sp
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	f.url = "http://" + ln.Addr().String()
	f.srv = &http.Server{Handler: f, ReadHeaderTimeout: 10 * time.Second}
	go f.srv.Serve(ln)
	return f, nil
}

func (f *front) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := f.srv.Shutdown(ctx); err != nil {
		f.srv.Close()
	}
}

func (f *front) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sp, ok := f.pages[r.URL.RequestURI()] // a search page's query included
	if !ok || r.Method != http.MethodGet {
		f.proxy.ServeHTTP(w, r)
		return
	}
	for k, v := range sp.header {
		w.Header()[k] = v
	}
	body, enc := sp.identity, ""
	switch ae := r.Header.Get("Accept-Encoding"); {
	case strings.Contains(ae, "br"):
		body, enc = sp.br, "br"
	case strings.Contains(ae, "gzip"):
		body, enc = sp.gz, "gzip"
	}
	if enc != "" {
		w.Header().Set("Content-Encoding", enc)
	}
	w.Header().Set("Vary", "Accept-Encoding")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// The parts of a prerendered page that belong to the app: its scripts and
// the preload of the page's data file.
var (
	scriptElement = regexp.MustCompile(`(?is)[ \t]*<script\b[^>]*>.*?</script>[ \t]*\n?`)
	linkElement   = regexp.MustCompile(`(?is)[ \t]*<link\b[^>]*>[ \t]*\n?`)
	preloadFetch  = regexp.MustCompile(`(?is)\brel="?preload"?.*\bas="?fetch"?|\bas="?fetch"?.*\brel="?preload"?`)
)

// stripHTML removes every <script>...</script> and every
// <link rel=preload as=fetch>.
func stripHTML(page []byte) []byte {
	page = scriptElement.ReplaceAll(page, nil)
	return linkElement.ReplaceAllFunc(page, func(m []byte) []byte {
		if preloadFetch.Match(m) {
			return nil
		}
		return m
	})
}

// stripPage fetches a page from the host uncompressed, strips it, and
// compresses it as the host compresses its pages.
func stripPage(ctx context.Context, pageURL string) (*strippedPage, error) {
	f, err := getOK(ctx, pageURL, "")
	if err != nil {
		return nil, err
	}
	if ct := f.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		return nil, fmt.Errorf("%s is %s, not a page", pageURL, ct)
	}
	sp := &strippedPage{header: f.header.Clone(), identity: stripHTML(f.body)}
	if bytes.Contains(sp.identity, []byte("<script")) {
		return nil, fmt.Errorf("%s: a script survived the stripping", pageURL)
	}
	for _, h := range []string{"Content-Length", "Content-Encoding", "Etag", "Date", "Vary"} {
		sp.header.Del(h)
	}
	// The same settings as the host's pages: brotli quality 6, gzip best.
	var b bytes.Buffer
	bw := brotli.NewWriterLevel(&b, 6)
	bw.Write(sp.identity)
	if err := bw.Close(); err != nil {
		return nil, err
	}
	sp.br = bytes.Clone(b.Bytes())
	b.Reset()
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	zw.Write(sp.identity)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	sp.gz = bytes.Clone(b.Bytes())
	return sp, nil
}
