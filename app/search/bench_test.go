package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchDocs is the number of synthetic documents the benchmarks index.
const benchDocs = 100_000

var big struct {
	once  sync.Once
	docs  []Doc
	files *Files
}

// bigIndex returns the benchmarks' documents and their index.
func bigIndex(tb testing.TB) ([]Doc, *Files) {
	big.once.Do(func() {
		big.docs = make([]Doc, benchDocs)
		for i := range big.docs {
			big.docs[i] = synthDoc(i)
		}
		b := NewBuilder()
		for _, d := range big.docs {
			b.Add(d)
		}
		f, err := b.Finish()
		if err != nil {
			tb.Fatalf("building: %v", err)
		}
		big.files = f
	})
	return big.docs, big.files
}

// heapSampler records the peak of the heap in use while it runs.
type heapSampler struct {
	base, peak uint64
	stop, done chan struct{}
}

func sampleHeap() *heapSampler {
	runtime.GC()
	h := &heapSampler{base: heapAlloc(), stop: make(chan struct{}), done: make(chan struct{})}
	h.peak = h.base
	go func() {
		defer close(h.done)
		for {
			h.peak = max(h.peak, heapAlloc())
			select {
			case <-h.stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	return h
}

// end stops sampling and returns the peak above the heap at the start.
func (h *heapSampler) end() uint64 {
	close(h.stop)
	<-h.done
	return max(h.peak, heapAlloc()) - h.base
}

func heapAlloc() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkBuild100k builds the index of 100,000 synthetic documents, made
// beforehand and held in memory, and reports the wall and CPU time, what
// the Builder holds once every document is added, what the index holds
// once built, and the index's size.
func BenchmarkBuild100k(b *testing.B) {
	docs, _ := bigIndex(b)
	var f *Files
	var addMB, filesMB, addS, finishS, cpuS float64
	for b.Loop() {
		f = nil
		runtime.GC()
		base := heapAlloc()
		cpu, start := cpuSeconds(), time.Now()
		bl := NewBuilder()
		for _, d := range docs {
			bl.Add(d)
		}
		bl.wait()
		addS = time.Since(start).Seconds()
		runtime.GC()
		addMB = float64(heapAlloc()-base) / (1 << 20)
		start = time.Now()
		var err error
		if f, err = bl.Finish(); err != nil {
			b.Fatalf("building: %v", err)
		}
		finishS = time.Since(start).Seconds()
		cpuS = cpuSeconds() - cpu
		runtime.GC()
		filesMB = float64(heapAlloc()-base) / (1 << 20)
	}
	raw, gz := 0, 0
	for name, data := range f.Data {
		if name != sumsName(f.Version) {
			raw += len(data)
			gz += gzipSize(data)
		}
	}
	b.ReportMetric(addS, "add-s")
	b.ReportMetric(finishS, "finish-s")
	b.ReportMetric(cpuS, "cpu-s")
	b.ReportMetric(addMB, "builder-MB")
	b.ReportMetric(filesMB, "files-MB")
	b.ReportMetric(float64(raw)/(1<<20), "index-MB")
	b.ReportMetric(float64(gz)/(1<<20), "index-gzip-MB")
	b.ReportMetric(float64(len(f.Data)-2), "shards")
	b.ReportMetric(float64(len(f.Data[f.Manifest])), "manifest-B")
	b.ReportMetric(float64(gzipSize(f.Data[f.Manifest])), "manifest-gzip-B")
}

// BenchmarkBuildStream100k builds the index as a host does, from documents
// made one at a time and dropped once added, and reports the peak of the
// heap (the Builder's, garbage not yet collected included), the peak of
// the process's resident memory, and what stays resident once the index
// is built and the garbage given back. Run it alone: the resident peak is
// the process's since it started.
func BenchmarkBuildStream100k(b *testing.B) {
	var peak uint64
	var f *Files
	for b.Loop() {
		f = nil
		h := sampleHeap()
		bl := NewBuilder()
		for i := range benchDocs {
			bl.Add(synthDoc(i))
		}
		var err error
		if f, err = bl.Finish(); err != nil {
			b.Fatalf("building: %v", err)
		}
		peak = max(peak, h.end())
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(procStatus("VmHWM"), "peak-rss-MB")
	runtime.GC()
	debug.FreeOSMemory()
	b.ReportMetric(procStatus("VmRSS"), "rss-after-MB")
	runtime.KeepAlive(f)
}

// procStatus returns a size from /proc/self/status in MB, or 0 where
// there is none.
func procStatus(field string) float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if kb, ok := strings.CutPrefix(line, field+":"); ok {
			var n float64
			if _, err := fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(kb), " kB"), &n); err == nil {
				return n / 1024
			}
		}
	}
	return 0
}

// BenchmarkLoad100k times LoadFiles on the index of 100,000 documents
// written to a directory, as a host that kept it from its last start
// reads it.
func BenchmarkLoad100k(b *testing.B) {
	_, f := bigIndex(b)
	dir := b.TempDir()
	for name, data := range f.Data {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if _, err := LoadFiles(os.DirFS(dir), f.Manifest); err != nil {
			b.Fatal(err)
		}
	}
}

// fetchLog counts what a Searcher fetches, raw and gzip-compressed.
type fetchLog struct {
	mu        sync.Mutex
	names     []string
	raw, gzip int
	kinds     map[string]int // gzip bytes by kind of file
	open      func(string) ([]byte, error)
}

func (l *fetchLog) fetch(name string) ([]byte, error) {
	data, err := l.open(name)
	if err != nil {
		return nil, err
	}
	gz := gzipSize(data)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.names = append(l.names, name)
	l.raw += len(data)
	l.gzip += gz
	if l.kinds == nil {
		l.kinds = map[string]int{}
	}
	l.kinds[kindOf(name)] += gz
	return data, nil
}

// kindOf tells a manifest, a shard, a head part and a rest part apart.
func kindOf(name string) string {
	switch {
	case strings.HasSuffix(name, "index.bin"):
		return "manifest"
	case strings.HasSuffix(name, "h.bin"):
		return "heads"
	case strings.HasSuffix(name, "r.bin"):
		return "rests"
	}
	return "shards"
}

// take returns what was fetched since the last call.
func (l *fetchLog) take() (files, raw, gz int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	files, raw, gz = len(l.names), l.raw, l.gzip
	l.names, l.raw, l.gzip, l.kinds = nil, 0, 0, nil
	return files, raw, gz
}

func gzipSize(data []byte) int {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(data); err != nil {
		panic(err)
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	return buf.Len()
}

// BenchmarkFetch100k reports the bytes a cold client fetches for a first
// query and a second one sharing a word, on the index of 100,000
// documents.
func BenchmarkFetch100k(b *testing.B) {
	docs, f := bigIndex(b)
	open := func(name string) ([]byte, error) {
		return f.Open(name, func(id int) (Doc, error) { return docs[id], nil })
	}
	sequences := []struct {
		name    string
		queries []string
	}{
		{"Rare", []string{rareWord, rareWord + " lorem"}},
		{"TwoCommon", []string{"lorem ipsum", "lorem dolor"}},
		{"TypeAhead", []string{"d", "do", "dol", "dolo", "dolor"}},
		{"TailPrefix", []string{"ka", "kalo"}},
		{"Refine", []string{"lorem ipsum", "lorem ipsum dolor"}},
		{"ArabicScript", []string{"کالو", "کالو lorem"}},
	}
	for _, seq := range sequences {
		b.Run(seq.name, func(b *testing.B) {
			for b.Loop() {
				log := &fetchLog{open: open}
				s := NewSearcher(f.Manifest, log.fetch)
				for k, q := range seq.queries {
					res, err := s.Search(q, 1)
					if err != nil {
						b.Fatalf("Search(%q): %v", q, err)
					}
					kinds := fmt.Sprint(log.kinds)
					files, raw, gz := log.take()
					if k < 2 {
						b.ReportMetric(float64(raw), "q"+itoa(k+1)+"-raw-B")
						b.ReportMetric(float64(gz), "q"+itoa(k+1)+"-gzip-B")
						b.ReportMetric(float64(files), "q"+itoa(k+1)+"-files")
						b.ReportMetric(float64(res.Total), "q"+itoa(k+1)+"-total")
					}
					if testing.Verbose() {
						b.Logf("%q: %d hits of %d, %d files, %d B raw, %d B gzip %s", q, len(res.Hits), res.Total, files, raw, gz, kinds)
					}
				}
			}
		})
	}
}

func itoa(n int) string { return string(rune('0' + n)) }

// BenchmarkSearch100k times queries with every file already kept.
func BenchmarkSearch100k(b *testing.B) {
	docs, f := bigIndex(b)
	s := NewSearcher(f.Manifest, func(name string) ([]byte, error) {
		return f.Open(name, func(id int) (Doc, error) { return docs[id], nil })
	})
	s.MaxCacheBytes = 64 << 20
	for _, q := range []string{rareWord, "lorem ipsum", "lorem ipsum dolor", "do", "ka", "zorvek"} {
		b.Run(q, func(b *testing.B) {
			if _, err := s.Search(q, 1); err != nil { // warm the cache
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := s.Search(q, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
