//go:build !(js && wasm)

package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// The dataset sizes of section e, and the article every size has.
var scaleSizes = []int{1, 1000, 10000}

const (
	scaleSlug       = "synthetic-article-00000"
	scalePath       = "/articles/" + scaleSlug
	scaleCachedReqs = 20
	scaleSWWait     = 90 * time.Second
)

// startSample is one start of the host on one dataset.
type startSample struct {
	started, readyIn   float64 // ms
	rssStart, rssAfter float64 // bytes
	first, cached      float64 // ms
}

// scale is section e: the host and a first visit with plainly synthetic
// datasets of 1, 1,000 and 10,000 articles (tools/gendata).
func scale(ctx context.Context, cfg *config, r *report) error {
	dir, err := os.MkdirTemp("", "dateline-bench-scale-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	files, err := generateDatasets(ctx, cfg, dir)
	if err != nil {
		return err
	}

	starts := map[int][]startSample{}
	for i := range cfg.runs {
		for k := range scaleSizes {
			n := scaleSizes[(i+k)%len(scaleSizes)]
			progress("host start %d/%d with %d articles", i+1, cfg.runs, n)
			s, err := startOnce(ctx, cfg, files[n])
			if err != nil {
				return err
			}
			starts[n] = append(starts[n], s)
		}
	}

	// First visits: one host per dataset, Chromium loads alternating.
	hosts := map[int]*host{}
	defer func() {
		for _, h := range hosts {
			h.stop()
		}
	}()
	indexBytes, home := map[int]float64{}, map[int]*fetched{}
	for _, n := range scaleSizes {
		h, err := startHost(ctx, cfg.hostBin, "-data", files[n])
		if err != nil {
			return err
		}
		hosts[n] = h
		// The home page lists every article; the worker saves it at
		// install. Its first request prerenders it.
		if home[n], err = getOK(ctx, h.url+homePath, "br, gzip"); err != nil {
			return err
		}
		if indexBytes[n], err = indexSize(ctx, h.url); err != nil {
			return err
		}
	}
	visits := map[int][]*loadResult{}
	for i := range cfg.runs {
		for k := range scaleSizes {
			n := scaleSizes[(i+k)%len(scaleSizes)]
			progress("first visit %d/%d with %d articles", i+1, cfg.runs, n)
			res, err := func() (*loadResult, error) {
				b, err := newBrowser(ctx, cfg)
				if err != nil {
					return nil, err
				}
				defer b.close()
				// The worker's precache is followed to its end in the first
				// run only: with 1,000 articles it takes long.
				spec := loadSpec{url: hosts[n].url + scalePath, app: true}
				if i == 0 {
					spec.swWait = scaleSWWait
				}
				return measureLoad(b.ctx, spec)
			}()
			if err != nil {
				return err
			}
			visits[n] = append(visits[n], res)
		}
	}

	r.printf("### e. Scale: synthetic datasets\n\n")
	r.printf("Datasets from `go run ./tools/gendata -n N` (plainly synthetic: placeholder words, one figure without image, "+
		"one inline link each). Host figures: %d starts per size, sizes alternating; the article is `%s`. "+
		"\"Start\" is from exec to the serving line; \"ready in\" is what that line reports (from the start of `serve`). "+
		"Resident memory is VmRSS of /proc/PID/status. First request: the article's first GET after start (prerendered then, "+
		"brotli), over a connection already open; cached: the median of the next %d. Cells: median (min–max).\n\n",
		cfg.runs, scalePath, scaleCachedReqs)
	t := newTable("Articles", "Dataset", "Start (exec → serving)", "Ready in (host's log)", "RSS after start", "RSS after the article", "First request (uncached)", "Cached request")
	for _, n := range scaleSizes {
		ss := starts[n]
		fi, err := os.Stat(files[n])
		if err != nil {
			return err
		}
		col := func(f func(startSample) float64) samples {
			out := make(samples, len(ss))
			for i, s := range ss {
				out[i] = f(s)
			}
			return out
		}
		t.add(fmt.Sprintf("%d", n), mB(float64(fi.Size())),
			col(func(s startSample) float64 { return s.started }).cell(ms),
			col(func(s startSample) float64 { return s.readyIn }).cell(ms),
			col(func(s startSample) float64 { return s.rssStart }).cell(mB),
			col(func(s startSample) float64 { return s.rssAfter }).cell(mB),
			col(func(s startSample) float64 { return s.first }).cell(ms),
			col(func(s startSample) float64 { return s.cached }).cell(ms),
		)
	}
	t.write(r)

	r.printf("First visit to the article in Chromium (fresh profile, loopback, %d runs per size, sizes alternating). "+
		"Bytes until live: `encodedDataLength` of the page's requests finished before `data-app=live`. "+
		"The service worker's own requests are counted apart, and followed to the end of its install in the first run "+
		"only; with more than 2,500 articles it saves only the app (home page and index.json included) and the articles read, "+
		"below that every article at install. The home page was requested once (timed) before the visits, "+
		"so the worker found it prerendered.\n\n", cfg.runs)
	t = newTable("Articles", "Bytes until live", "vs 1 article", "App live", "index.json (brotli body)",
		"Home page: first request, brotli body", "Worker's own requests (run 1)", "Worker cache complete at (run 1)")
	one := pick(visits[1], func(l *loadResult) float64 { return l.pageBytes })
	for _, n := range scaleSizes {
		vs := visits[n]
		b := pick(vs, func(l *loadResult) float64 { return l.pageBytes })
		first := vs[:1]
		t.add(fmt.Sprintf("%d", n), b.cell(kB), ratios(b, one).cell(ratio),
			pick(vs, func(l *loadResult) float64 { return l.live }).cell(ms),
			kB(indexBytes[n]),
			ms(float64(home[n].duration)/float64(time.Millisecond))+", "+kB(float64(len(home[n].body))),
			pick(first, func(l *loadResult) float64 { return l.swBytes }).cell(kB)+requestsNote(first),
			pick(first, func(l *loadResult) float64 { return l.swDone }).cell(ms)+swNote(first))
	}
	t.write(r)

	last := scaleSizes[len(scaleSizes)-1]
	big := pick(visits[last], func(l *loadResult) float64 { return l.pageBytes })
	r.judge(fmt.Sprintf("First visit bytes, %d vs 1 article", last), "≤ 1.05x", ratios(big, one).median(), 1.05, ratio)
	var started samples
	for _, s := range starts[last] {
		started = append(started, s.started)
	}
	r.judge(fmt.Sprintf("Host start, %d articles (exec → serving)", last), "≤ 2 s", started.median()/1000, 2, seconds)
	return nil
}

// generateDatasets builds tools/gendata once and writes one dataset per
// size.
// goBuild runs go build (the go command of $GO, as the Makefile does, or
// go) in the repository, with env added to the environment.
func goBuild(ctx context.Context, cfg *config, env []string, args ...string) error {
	goTool := os.Getenv("GO")
	if goTool == "" {
		goTool = "go"
	}
	cmd := exec.CommandContext(ctx, goTool, append([]string{"build"}, args...)...)
	cmd.Dir = cfg.root
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s go build %s: %w\n%s", strings.Join(env, " "), strings.Join(args, " "), err, out)
	}
	return nil
}

func generateDatasets(ctx context.Context, cfg *config, dir string) (map[int]string, error) {
	gen := filepath.Join(dir, "gendata")
	ctx2, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if err := goBuild(ctx2, cfg, nil, "-o", gen, "./tools/gendata"); err != nil {
		return nil, err
	}
	files := map[int]string{}
	for _, n := range scaleSizes {
		name := filepath.Join(dir, fmt.Sprintf("synthetic-%d.json", n))
		f, err := os.Create(name)
		if err != nil {
			return nil, err
		}
		cmd := exec.CommandContext(ctx2, gen, "-n", fmt.Sprint(n))
		cmd.Stdout = f
		out, err := func() ([]byte, error) {
			var stderr limitedBuffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			return stderr.b, err
		}()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("gendata -n %d: %w\n%s", n, err, out)
		}
		files[n] = name
	}
	return files, nil
}

// limitedBuffer keeps the first 64 kB written to it.
type limitedBuffer struct{ b []byte }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := 64<<10 - len(l.b); room > 0 {
		l.b = append(l.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// startOnce starts the host on a dataset and measures its start, memory
// and the article's first and cached requests.
func startOnce(ctx context.Context, cfg *config, file string) (startSample, error) {
	var s startSample
	h, err := startHost(ctx, cfg.hostBin, "-data", file)
	if err != nil {
		return s, err
	}
	defer h.stop()
	s.started = float64(h.started) / float64(time.Millisecond)
	s.readyIn = float64(h.readyIn) / float64(time.Millisecond)
	if s.rssStart, err = h.rss(); err != nil {
		return s, err
	}
	// Open the connection with a small fixed response, so that the first
	// article request measures the prerender, not the TCP handshake.
	if _, err := getOK(ctx, h.url+"/robots.txt", "br, gzip"); err != nil {
		return s, err
	}
	f, err := getOK(ctx, h.url+scalePath, "br, gzip")
	if err != nil {
		return s, err
	}
	s.first = float64(f.duration) / float64(time.Millisecond)
	if s.rssAfter, err = h.rss(); err != nil {
		return s, err
	}
	var cached samples
	for range scaleCachedReqs {
		f, err := getOK(ctx, h.url+scalePath, "br, gzip")
		if err != nil {
			return s, err
		}
		cached = append(cached, float64(f.duration)/float64(time.Millisecond))
	}
	s.cached = cached.median()
	return s, nil
}

// dataBase finds the versioned data path in a page: /data/HASH.
var dataBase = regexp.MustCompile(`/data/[0-9a-f]+/`)

// indexSize is the brotli body of the dataset's index.json, which the
// service worker saves at install.
func indexSize(ctx context.Context, hostURL string) (float64, error) {
	page, err := getOK(ctx, hostURL+scalePath, "")
	if err != nil {
		return math.NaN(), err
	}
	base := dataBase.Find(page.body)
	if base == nil {
		return math.NaN(), fmt.Errorf("no /data/ path in %s", scalePath)
	}
	f, err := getOK(ctx, hostURL+string(base)+"index.json", "br")
	if err != nil {
		return math.NaN(), err
	}
	return float64(len(f.body)), nil
}
