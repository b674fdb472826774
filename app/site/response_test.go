package site

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"

	"dateline/app/page"
)

// syntheticHTML is a plainly synthetic page of n bytes (at least some
// 200): placeholder words in the markup of an article, varied by seed so
// that no two pages compress alike.
func syntheticHTML(n int, seed int) []byte {
	words := strings.Fields("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua")
	const end = "</p>\n</article></main></body></html>\n"
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Synthetic article %d</title></head>\n<body><main><article>\n<h1>Synthetic article %d</h1>\n<p>", seed, seed)
	x := uint32(seed)*2654435761 + 1
	for w := 0; b.Len() < n; w++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		switch {
		case w%60 == 59:
			b.WriteString(".</p>\n<p>")
		case w > 0:
			b.WriteByte(' ')
		}
		b.WriteString(words[x%uint32(len(words))])
	}
	return []byte(b.String()[:n-len(end)] + end)
}

// BenchmarkNewResponse is the cost of making one article page's response,
// paid on its first request: the hash and both compressions.
func BenchmarkNewResponse(b *testing.B) {
	bodies := make([][]byte, 64)
	for i := range bodies {
		bodies[i] = syntheticHTML(20<<10, i)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := newResponse(200, "text/html; charset=utf-8", revalidate, bodies[i%len(bodies)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// freshCompress compresses body as newResponse did before its writers were
// pooled: with new writers, at the same levels.
func freshCompress(t *testing.T, body []byte) (gz, br []byte) {
	t.Helper()
	var g bytes.Buffer
	zw, err := gzip.NewWriterLevel(&g, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Write(body); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	bw := brotli.NewWriterLevel(&b, brotliQuality)
	if _, err := bw.Write(body); err != nil {
		t.Fatal(err)
	}
	if err := bw.Close(); err != nil {
		t.Fatal(err)
	}
	return g.Bytes(), b.Bytes()
}

// checkCompressed checks that gz and br are the bytes new writers make of
// body, and that they decompress to body.
func checkCompressed(t *testing.T, name string, gz, br, body []byte) {
	t.Helper()
	wantGz, wantBr := freshCompress(t, body)
	if !bytes.Equal(gz, wantGz) {
		t.Errorf("%s: gzip: %d bytes, differing from the %d of a new writer", name, len(gz), len(wantGz))
	}
	if !bytes.Equal(br, wantBr) {
		t.Errorf("%s: brotli: %d bytes, differing from the %d of a new writer", name, len(br), len(wantBr))
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatalf("%s: gzip: %v", name, err)
	}
	if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, body) {
		t.Errorf("%s: gzip decompresses to %d bytes (error %v), want the %d of the body", name, len(got), err, len(body))
	}
	if got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); err != nil || !bytes.Equal(got, body) {
		t.Errorf("%s: brotli decompresses to %d bytes (error %v), want the %d of the body", name, len(got), err, len(body))
	}
}

// bodyOf is a synthetic body of n bytes; every third is not a whole page
// but upper-case text cut in the middle of the markup, which compresses
// otherwise.
func bodyOf(n, seed int) []byte {
	if seed%3 == 2 {
		return bytes.ToUpper(syntheticHTML(n+n/2, seed)[n/2:])
	}
	return syntheticHTML(n, seed)
}

// TestCompressorReuse checks that one compressor, used again and again,
// compresses exactly as new writers do, whatever it compressed before:
// bodies of every size it is given, up to the largest, in mixed order.
// (A brotli writer that has compressed 1 MB or more would not: it keeps
// the hash table it chose for that size.)
func TestCompressorReuse(t *testing.T) {
	c, err := newCompressor()
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range []int{600, 20 << 10, maxPooled - 1, 2 << 10, 40 << 10, 20 << 10, 513, maxPooled - 1, 20 << 10} {
		body := bodyOf(n, i)
		gz, err := c.run(c.gz, body)
		if err != nil {
			t.Fatal(err)
		}
		br, err := c.run(c.br, body)
		if err != nil {
			t.Fatal(err)
		}
		checkCompressed(t, fmt.Sprintf("body %d of %d bytes", i, len(body)), gz, br, body)
	}
}

// TestCompressAsNewWriters checks the same through newResponse and its
// pool, with bodies on both sides of maxPooled and of brotli's 1 MB, one
// after another, twice over. The collector is held off meanwhile, since a
// collection empties the pool: the compressors are then reused for sure.
func TestCompressAsNewWriters(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	sizes := []int{600, 2 << 10, 20 << 10, maxPooled - 1, maxPooled, 200 << 10, 20 << 10, 1100 << 10, 5 << 10, 20 << 10}
	for round := range 2 {
		for i, n := range sizes {
			body := bodyOf(n, 10*round+i)
			r, err := newResponse(200, "text/html; charset=utf-8", revalidate, body)
			if err != nil {
				t.Fatal(err)
			}
			checkCompressed(t, fmt.Sprintf("round %d, body %d of %d bytes", round, i, len(body)), r.gz, r.br, body)
		}
	}
}

// TestCompressConcurrently checks the same of responses made at once, as
// the host makes them for requests that come together.
func TestCompressConcurrently(t *testing.T) {
	const n = 16
	bodies := make([][]byte, n)
	responses := make([]*response, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		bodies[i] = syntheticHTML(4<<10+i*3<<10, 100+i)
		wg.Go(func() {
			responses[i], errs[i] = newResponse(200, "text/html; charset=utf-8", revalidate, bodies[i])
		})
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		checkCompressed(t, fmt.Sprintf("body %d", i), responses[i].gz, responses[i].br, bodies[i])
	}
}

// TestNewResponseMemory checks that making an article page's response
// allocates little more than what it keeps: the writers are reused, not
// made for each response (which allocated some 3 MB each time).
func TestNewResponseMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("compresses many pages")
	}
	const runs = 41
	bodies := make([][]byte, runs)
	for i := range bodies {
		bodies[i] = syntheticHTML(20<<10, i)
	}
	if _, err := newResponse(200, "text/html; charset=utf-8", revalidate, bodies[0]); err != nil {
		t.Fatal(err) // the first makes the writers the others reuse
	}
	per := make([]uint64, runs)
	var m runtime.MemStats
	for i, body := range bodies {
		runtime.ReadMemStats(&m)
		before := m.TotalAlloc
		if _, err := newResponse(200, "text/html; charset=utf-8", revalidate, body); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&m)
		per[i] = m.TotalAlloc - before
	}
	// The median, not the mean: a pool may drop what it holds (at every
	// collection, and at random under the race detector), and a run that
	// finds it empty makes new writers. Most runs must not.
	slices.Sort(per)
	median := per[runs/2]
	t.Logf("%d bytes allocated by the median response of a %d-byte page (least %d, most %d)", median, len(bodies[0]), per[0], per[runs-1])
	// What a response keeps of a 20 kB page is a few kB: its compressed
	// forms, its hash and its headers.
	const bound = 128 << 10
	if median > bound {
		t.Errorf("%d bytes allocated per response, want at most %d", median, bound)
	}
}

// TestCompressWhenItPays checks that a response keeps a compressed form
// only when it is smaller than the body by more than the headers it adds.
func TestCompressWhenItPays(t *testing.T) {
	noise := make([]byte, 4<<10) // bytes that no compressor shrinks
	x := uint32(1)
	for i := range noise {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		noise[i] = byte(x)
	}
	for _, tt := range []struct {
		scenario    string
		contentType string
		body        []byte
		compressed  bool
	}{
		{"a page", "text/html; charset=utf-8", syntheticHTML(4<<10, 1), true},
		{"a file of the search index", page.SearchFileType, bytes.Repeat([]byte("\x01\x02\x03placeholder\x00"), 300), true},
		{"a file of the search index that does not shrink", page.SearchFileType, noise, false},
		{"a short file of the search index", page.SearchFileType, []byte("placeholder placeholder placeholder"), false},
		{"a photo", "image/png", bytes.Repeat([]byte("placeholder "), 300), false},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			r, err := newResponse(200, tt.contentType, immutable, tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.gz != nil && r.br != nil; got != tt.compressed {
				t.Errorf("gzip %d bytes, brotli %d, of %d: compressed %v, want %v", len(r.gz), len(r.br), len(tt.body), got, tt.compressed)
			}
			if tt.compressed {
				checkCompressed(t, tt.scenario, r.gz, r.br, tt.body)
			}
		})
	}
}

// TestUnavailableSaysWhen: every 503 of the host's (an article changed on
// disk, the search index being built) carries a Retry-After, by which the
// worker and the app tell it from a gateway's 503 for a site that does not
// answer; no other answer has one.
func TestUnavailableSaysWhen(t *testing.T) {
	for _, r := range []*response{notReady, changedData} {
		rec := httptest.NewRecorder()
		r.serve(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != retryAfter {
			t.Errorf("status %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
		}
	}
	rec := httptest.NewRecorder()
	testResponse(t, 10).serve(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Header().Get("Retry-After") != "" {
		t.Errorf("a 200 says Retry-After %q", rec.Header().Get("Retry-After"))
	}
}

// TestResponseSizeIsItsMemory checks that what the cache counts of a
// response (size) is the memory the response holds: its bodies, and the
// headers of each encoding (finish), which the count once put at 256
// bytes where they take some 1 kB. The cache of an article's data files
// then held half as much again as its bound (-cache).
func TestResponseSizeIsItsMemory(t *testing.T) {
	for _, tt := range []struct {
		scenario     string
		body, gz, br int
	}{
		{"an article's data file", 3700, 1400, 1200},
		{"an article's page", 19000, 5800, 4900},
		{"a body too small to compress", 400, 0, 0},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			const n = 2000
			keep := make([]*response, n)
			// The least of a few rounds: memory that anything else
			// running keeps meanwhile only adds to what is measured.
			held := math.MaxFloat64
			for range 3 {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				for i := range keep {
					// Cloned, as the bodies of responses are, with the
					// capacity of their allocation.
					r := &response{status: http.StatusOK, contentType: "application/json", cacheControl: immutable,
						body: bytes.Clone(make([]byte, tt.body)), etag: fmt.Sprintf("%024x", i)}
					if tt.gz > 0 {
						r.gz, r.br = bytes.Clone(make([]byte, tt.gz)), bytes.Clone(make([]byte, tt.br))
					}
					r.finish()
					keep[i] = r
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				held = min(held, float64(after.HeapAlloc-before.HeapAlloc)/n)
				clear(keep)
			}
			counted := float64(testSize(tt.body, tt.gz, tt.br))
			t.Logf("counted %.0f bytes a response, held %.0f", counted, held)
			if counted < 0.9*held || counted > 2*held {
				t.Errorf("a response counts %.0f bytes and holds %.0f: the cache's bound is not its memory", counted, held)
			}
		})
	}
}

// testSize is size of a response with bodies of these lengths, as
// TestResponseSizeIsItsMemory makes them.
func testSize(body, gz, br int) int64 {
	r := &response{body: bytes.Clone(make([]byte, body))}
	if gz > 0 {
		r.gz, r.br = bytes.Clone(make([]byte, gz)), bytes.Clone(make([]byte, br))
	}
	return r.size()
}
