package site_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"dateline/app/page"
)

// BenchmarkServeArticle is the host's own cost of one article page once it
// is prerendered, per Accept-Encoding: what wrk measures from outside in
// make bench (section d), without the network and the server loop.
func BenchmarkServeArticle(b *testing.B) {
	data := testDataset(b)
	s := newSite(b, data, testWeb(b, nil), "bench")
	path := page.ArticlePath(decodeDataset(b, data).Articles[0].Slug)
	for _, c := range []struct{ name, accept string }{{"br", "br, gzip"}, {"gzip", "gzip"}, {"identity", ""}} {
		b.Run(c.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			if c.accept != "" {
				req.Header.Set("Accept-Encoding", c.accept)
			}
			w := &discardWriter{header: http.Header{}}
			s.ServeHTTP(w, req) // prerender outside the loop
			if w.status != http.StatusOK {
				b.Fatalf("%s: status %d", path, w.status)
			}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.header)
				s.ServeHTTP(w, req)
			}
		})
	}
}

// discardWriter is a ResponseWriter that keeps the status and drops the
// body, so that the benchmark measures the handler alone.
type discardWriter struct {
	header http.Header
	status int
}

func (w *discardWriter) Header() http.Header         { return w.header }
func (w *discardWriter) WriteHeader(status int)      { w.status = status }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
