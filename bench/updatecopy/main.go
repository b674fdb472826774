//go:build !(js && wasm)

// Command updatecopy times, in Chromium, the copy an update makes of a
// site saved whole (app/site/worker.js, reuseSite), for two or more host
// binaries, whose service workers are what it compares. A profile saves
// version A of a site whole once, with the first binary; then, in turns,
// each binary serves version B (A with a word changed) at the same
// address, and a copy of that profile opens the home page: B's install
// copies what it can from A's cache and downloads the rest.
//
//	go run ./tools/gendata -n 2400 > a.json
//	sed '0,/"text": "/s//"text": "Changed /' a.json > b.json   # a word added
//	go run ./bench/updatecopy -runs 3 -quiet 3 a.json b.json BIN-1 BIN-2
//
// where BIN-1 and BIN-2 are bin/dateline as make builds it from each
// version of the worker. Each run is timed at the address's proxy:
// "copy", from the end of B's reuse list (/data/reuse-B.json) to the next
// request, the install's first download, which waits for the copy;
// "install", from the request for B's worker script to the moment the
// page finds B's install done (its last put, the offline page). The
// binaries take turns (1, 2, 1, 2, ...), and each round's figures are
// compared with the first binary's of the same round. The machine's load
// is noted with each run: on a shared machine, -quiet waits for the
// other programs' work to end first.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/chromium"
	"dateline/internal/hostproc"
)

func main() {
	runs := flag.Int("runs", 3, "rounds: each binary updates the saved site once a round")
	limit := flag.Duration("limit", 10*time.Minute, "the longest an install may take")
	quiet := flag.Float64("quiet", 0, "before each run, wait (up to -quiet-wait) until the machine's 1-minute load average is below `LOAD` (0: do not wait)")
	quietWait := flag.Duration("quiet-wait", 10*time.Minute, "the longest to wait for -quiet")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: updatecopy [-runs N] [-quiet LOAD] A.json B.json BIN-1 BIN-2 [BIN...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() < 4 || *runs < 1 {
		flag.Usage()
		os.Exit(2)
	}
	args := flag.Args()
	q := quietness{below: *quiet, wait: *quietWait}
	if err := run(args[0], args[1], args[2:], *runs, *limit, q); err != nil {
		fmt.Fprintln(os.Stderr, "updatecopy:", err)
		os.Exit(1)
	}
}

// timing is one run's figures.
type timing struct {
	copy, install time.Duration
	downloads     int // requests after the reuse list
}

func run(dataA, dataB string, bins []string, runs int, limit time.Duration, q quietness) error {
	ctx := context.Background()
	px, err := newProxy()
	if err != nil {
		return err
	}
	defer px.close()

	work, err := os.MkdirTemp("", "dateline-updatecopy-")
	if err != nil {
		return fmt.Errorf("making a folder for the profiles: %w", err)
	}
	defer func() {
		if err := os.RemoveAll(work); err != nil {
			fmt.Fprintln(os.Stderr, "updatecopy: removing the profiles:", err)
		}
	}()
	saved := filepath.Join(work, "saved")

	hostA, err := startHost(ctx, bins[0], dataA)
	if err != nil {
		return err
	}
	if err := px.to(hostA.URL); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "saving version %s whole (%s, %s)\n", hostA.Version, dataA, bins[0])
	start := time.Now()
	err = saveWhole(ctx, saved, px.URL, hostA.Version, limit)
	if serr := hostA.Stop(); err == nil {
		err = serr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "saved in %s\n", time.Since(start).Round(100*time.Millisecond))

	hostsB := make([]*hostproc.Host, len(bins))
	for i, bin := range bins {
		h, err := startHost(ctx, bin, dataB)
		if err != nil {
			return err
		}
		defer func() {
			if err := h.Stop(); err != nil {
				fmt.Fprintln(os.Stderr, "updatecopy:", err)
			}
		}()
		// The host makes the reuse list on its first request: not timed.
		for _, p := range []string{"/", "/app-worker.js", "/data/reuse-" + h.Version + ".json"} {
			if err := warm(h.URL + p); err != nil {
				return err
			}
		}
		hostsB[i] = h
	}

	got := make([][]timing, len(bins))
	for r := range runs {
		for i, h := range hostsB {
			profile := filepath.Join(work, fmt.Sprintf("run-%d-%d", r+1, i+1))
			if err := copyDir(saved, profile); err != nil {
				return err
			}
			if err := px.to(h.URL); err != nil {
				return err
			}
			before := q.await()
			tm, err := update(ctx, profile, px, h.Version, limit)
			if err != nil {
				return fmt.Errorf("round %d, %s: %w", r+1, bins[i], err)
			}
			after := loadAverage()
			if err := os.RemoveAll(profile); err != nil {
				return fmt.Errorf("removing a profile: %w", err)
			}
			got[i] = append(got[i], tm)
			fmt.Printf("round %d  binary %d  copy %6.2f s  install %6.2f s  downloads %d  load %s → %s\n",
				r+1, i+1, tm.copy.Seconds(), tm.install.Seconds(), tm.downloads, before, after)
		}
	}

	fmt.Println()
	for i, bin := range bins {
		var copies []float64
		for _, tm := range got[i] {
			copies = append(copies, tm.copy.Seconds())
		}
		fmt.Printf("binary %d (%s): copy median %.2f s, range %.2f–%.2f s\n", i+1, bin, median(copies), slices.Min(copies), slices.Max(copies))
	}
	for i := 1; i < len(bins); i++ {
		faster := 0
		for r := range runs {
			if got[i][r].copy < got[0][r].copy {
				faster++
			}
		}
		fmt.Printf("binary %d copies faster than binary 1 in %d of %d rounds\n", i+1, faster, runs)
	}
	return nil
}

// quietness is how long to wait before a run for the machine to be
// quiet: other programs' work slows Chromium's as much as the code
// measured does.
type quietness struct {
	below float64
	wait  time.Duration
}

// await waits until the load average is below q.below, or for q.wait, and
// returns the load average then.
func (q quietness) await() string {
	for deadline := time.Now().Add(q.wait); q.below > 0 && time.Now().Before(deadline); time.Sleep(5 * time.Second) {
		var load float64
		if _, err := fmt.Sscan(loadAverage(), &load); err != nil || load < q.below {
			break
		}
	}
	return loadAverage()
}

// loadAverage is the machine's 1-minute load average, as Linux tells it;
// "?" elsewhere.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return "?"
}

func startHost(ctx context.Context, bin, data string) (*hostproc.Host, error) {
	return hostproc.Start(ctx, bin, []string{"-addr", "127.0.0.1:0", "-data", data}, 2*time.Minute)
}

func warm(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return fmt.Errorf("warming the host: %w", err)
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return fmt.Errorf("warming the host: %s: %w", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("warming the host: %s: status %d", u, resp.StatusCode)
	}
	return nil
}

// browse starts Chromium on profile, runs fn in its first tab, and closes
// it as a reader would, so that the profile can be used again.
func browse(ctx context.Context, profile string, fn func(context.Context) error) error {
	actx, acancel := chromedp.NewExecAllocator(ctx, chromium.Options(chromium.Path(), profile, 412, 823)...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx); err != nil {
		return fmt.Errorf("starting chromium: %w", err)
	}
	err := fn(bctx)
	if cerr := chromedp.Cancel(bctx); err == nil && cerr != nil {
		err = fmt.Errorf("closing chromium: %w", cerr)
	}
	return err
}

// saveWhole has a new profile visit the site and waits until its worker
// saved every page and is in charge.
func saveWhole(ctx context.Context, profile, site, version string, limit time.Duration) error {
	return browse(ctx, profile, func(ctx context.Context) error {
		if err := chromedp.Do(ctx, chromedp.Navigate(site+"/")); err != nil {
			return fmt.Errorf("opening %s: %w", site, err)
		}
		done := `(async () => {
  const meta = await caches.open("dateline-meta");
  const v = await meta.match("/_version");
  return !!(await meta.match("/_complete/` + version + `")) && !!v && (await v.text()) === "` + version + `";
})()`
		return poll(ctx, done, limit, "version "+version+" saved whole and in charge")
	})
}

// update opens the site's home page in profile, which holds an older
// version saved whole, and times the install of version.
func update(ctx context.Context, profile string, px *proxy, version string, limit time.Duration) (timing, error) {
	var tm timing
	err := browse(ctx, profile, func(ctx context.Context) error {
		px.reset()
		if err := chromedp.Do(ctx, chromedp.Navigate(px.URL+"/")); err != nil {
			return fmt.Errorf("opening %s: %w", px.URL, err)
		}
		done := `caches.open("dateline-` + version + `").then((c) => c.match("/_offline")).then((r) => window.__installed = !!r) && window.__installed === true`
		if err := poll(ctx, done, limit, "version "+version+" installed"); err != nil {
			return err
		}
		end := time.Now()
		log := px.log()
		reuse := "/data/reuse-" + version + ".json"
		var script, listed, first time.Time
		for _, e := range log {
			switch {
			case e.path == "/app-worker.js" && script.IsZero():
				script = e.start
			case e.path == reuse:
				listed = e.end
			case !listed.IsZero():
				if first.IsZero() {
					first = e.start
				}
				tm.downloads++
			}
		}
		if script.IsZero() || listed.IsZero() || first.IsZero() {
			return fmt.Errorf("the install asked for the worker's script at %v, the reuse list at %v, a file after it at %v: not an update that copies", script, listed, first)
		}
		tm.copy = first.Sub(listed)
		tm.install = end.Sub(script)
		return nil
	})
	return tm, err
}

// poll waits for expr to be true, looking every 50 ms.
func poll(ctx context.Context, expr string, limit time.Duration, what string) error {
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingTimeout(limit), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		return fmt.Errorf("waiting for %s: %w", what, err)
	}
	return nil
}

// proxy is the site's one address, in front of whichever host serves it,
// noting when each request came and was answered.
type proxy struct {
	URL string
	srv *http.Server

	mu      sync.Mutex
	target  *httputil.ReverseProxy
	entries []entry
}

type entry struct {
	path       string
	start, end time.Time
}

func newProxy() (*proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listening: %w", err)
	}
	p := &proxy{URL: "http://" + ln.Addr().String()}
	p.srv = &http.Server{Handler: p}
	go func() {
		if err := p.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "updatecopy: proxy:", err)
		}
	}()
	return p, nil
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	p.mu.Lock()
	target := p.target
	p.mu.Unlock()
	target.ServeHTTP(w, r)
	p.mu.Lock()
	p.entries = append(p.entries, entry{path: r.URL.Path, start: start, end: time.Now()})
	p.mu.Unlock()
}

// to puts the host at hostURL behind the address.
func (p *proxy) to(hostURL string) error {
	u, err := url.Parse(hostURL)
	if err != nil {
		return fmt.Errorf("the host's address: %w", err)
	}
	rp := httputil.NewSingleHostReverseProxy(u)
	p.mu.Lock()
	p.target = rp
	p.mu.Unlock()
	return nil
}

func (p *proxy) reset() {
	p.mu.Lock()
	p.entries = nil
	p.mu.Unlock()
}

// log is the requests answered since the last reset, in the order they came.
func (p *proxy) log() []entry {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := slices.Clone(p.entries)
	slices.SortFunc(out, func(a, b entry) int { return a.start.Compare(b.start) })
	return out
}

func (p *proxy) close() { p.srv.Close() }

// copyDir copies the profile at from to a new folder to, leaving out
// Chromium's lock files (Singleton*) and what is neither a folder nor a
// regular file.
func copyDir(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		switch {
		case strings.HasPrefix(d.Name(), "Singleton"):
			return nil
		case d.IsDir():
			return os.MkdirAll(dst, 0o700)
		case !d.Type().IsRegular():
			return nil
		}
		src, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("copying the profile: %w", err)
		}
		defer src.Close()
		out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("copying the profile: %w", err)
		}
		if _, err := io.Copy(out, src); err != nil {
			out.Close()
			return fmt.Errorf("copying the profile: %s: %w", rel, err)
		}
		return out.Close()
	})
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
