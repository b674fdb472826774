//go:build !(js && wasm)

package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// runProfile is -profile: one warm load of path (a first visit until the
// service worker's cache is complete, then the same page in a new tab)
// under Chromium's sampling CPU profiler, from the navigation until the app
// is live. It prints where the renderer's main thread spent that time, by
// function: its own samples (self) and with what it called (total).
// app.wasm's functions have names only when it is built unstripped:
// make clean build WASM_LDFLAGS=
func runProfile(ctx context.Context, cfg *config, r *report, path string) error {
	h, err := startWithChromium(ctx, cfg)
	if err != nil {
		return err
	}
	defer h.stop()
	b, err := newBrowser(ctx, cfg)
	if err != nil {
		return err
	}
	defer b.close()
	url := h.url + path
	progress("first visit: %s", url)
	if err := cacheSite(b, url, false); err != nil {
		return err
	}
	tab, cancel, err := b.leaveForTab()
	if err != nil {
		return err
	}
	defer cancel()
	tab, cancelLimit := context.WithTimeout(tab, 60*time.Second)
	defer cancelLimit()
	// A page of the same site first, so that the profiled navigation stays
	// in the renderer process the profiler runs in.
	if err := chromedp.Do(tab, chromedp.Navigate(h.url+"/web/dateline.css")); err != nil {
		return fmt.Errorf("opening the site in a new tab: %w", err)
	}
	if err := startProfiler(tab); err != nil {
		return err
	}
	progress("second visit, profiled: %s", url)
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("second visit to %s: %w", url, err)
	}
	if err := waitAppLive(tab, 5*time.Millisecond); err != nil {
		return fmt.Errorf("second visit to %s: waiting for the app to be live: %w", url, err)
	}
	prof, err := stopProfiler(tab)
	if err != nil {
		return err
	}
	r.printf("## CPU profile of a warm load (go run ./bench -profile %s)\n\n", path)
	r.printf("Host version %s. Chromium's sampling profiler (200 µs) on the page's renderer, from the second visit's "+
		"navigation until `data-app=live`", h.version)
	printProfile(r, prof)
	return nil
}

// searchProfileArticles is the size of the archive -profile-search runs on.
const searchProfileArticles = 10_000

// runSearchProfile is -profile-search: on the search page of a synthetic
// archive, the query is run once (its index files fetched and kept by the
// app), the search cleared, and the query run again under Chromium's
// sampling CPU profiler, as section f's "once cached" step does: from the
// form's submission until the results are drawn. -runs profiles are
// added up.
func runSearchProfile(ctx context.Context, cfg *config, r *report, query string) error {
	if err := ensureTools(ctx, cfg, []string{"chromium"}); err != nil {
		return err
	}
	progress("generating %d synthetic articles and starting a host on them", searchProfileArticles)
	h, err := startArchiveHost(ctx, cfg, searchProfileArticles)
	if err != nil {
		return err
	}
	defer h.stop()
	if _, _, err := waitIndexLine(ctx, h, searchIndexWait); err != nil {
		return fmt.Errorf("the host: %w", err)
	}
	var profs []*profiler.Profile
	var drawn samples
	for i := range cfg.runs {
		b, err := newBrowser(ctx, cfg)
		if err != nil {
			return err
		}
		prof, ms, err := profileQuery(b.ctx, h.url, query)
		b.close()
		if err != nil {
			return fmt.Errorf("run %d: %w", i+1, err)
		}
		profs = append(profs, prof)
		drawn = append(drawn, ms)
	}
	r.printf("## CPU profile of a cached search (go run ./bench -profile-search %s)\n\n", jsString(query))
	r.printf("Host version %s, %d synthetic articles. The query run on `/search` once, the search cleared, then the same query "+
		"again under Chromium's sampling profiler (200 µs), from the form's submission until the results are drawn: "+
		"%s (the page's own clock; median of %d runs, %s). The profiles of the runs are added up", h.version, searchProfileArticles,
		ms(drawn.median()), len(drawn), drawn.cell(ms))
	printProfile(r, profs...)
	return nil
}

// profileQuery loads /search, runs query until drawn, clears the search,
// and runs query again under the profiler.
func profileQuery(ctx context.Context, base, query string) (*profiler.Profile, float64, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewportWidth, viewportHeight, chromedp.EmulateMobile)); err != nil {
		return nil, 0, fmt.Errorf("preparing the tab: %w", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search")); err != nil {
		return nil, 0, fmt.Errorf("loading /search: %w", err)
	}
	if err := waitAppLive(ctx, 20*time.Millisecond); err != nil {
		return nil, 0, fmt.Errorf("/search: waiting for the app to be live: %w", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`window.__emptyNote = (document.querySelector(".search-note") || {}).textContent || ""`)); err != nil {
		return nil, 0, fmt.Errorf("/search: reading the page: %w", err)
	}
	run := func(q string) (queryResult, error) {
		var res queryResult
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string]("("+datelineQuery+")("+jsString(q)+")", chromedp.EvalAwaitPromise))
		if err != nil {
			return res, fmt.Errorf("query %q: %w", q, err)
		}
		if err := json.Unmarshal([]byte(raw), &res); err != nil {
			return res, fmt.Errorf("query %q: decoding %s: %w", q, raw, err)
		}
		return res, nil
	}
	for _, q := range []string{query, ""} {
		if _, err := run(q); err != nil {
			return nil, 0, err
		}
	}
	if err := startProfiler(ctx); err != nil {
		return nil, 0, err
	}
	res, err := run(query)
	if err != nil {
		return nil, 0, err
	}
	prof, err := stopProfiler(ctx)
	if err != nil {
		return nil, 0, err
	}
	if res.Count == 0 {
		return nil, 0, fmt.Errorf("query %q: no results (%s)", query, res.Title)
	}
	return prof, res.MS, nil
}

// startProfiler starts Chromium's sampling CPU profiler in the tab, one
// sample every 200 µs.
func startProfiler(tab context.Context) error {
	err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, profiler.Enable, cdp.Empty{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, t, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, profiler.Start, cdp.Empty{})
		return err
	}))
	if err != nil {
		return fmt.Errorf("starting the profiler: %w", err)
	}
	return nil
}

// stopProfiler stops the tab's profiler and returns its profile.
func stopProfiler(tab context.Context) (*profiler.Profile, error) {
	var prof *profiler.Profile
	err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		res, err := cdp.Call(ctx, t, profiler.Stop, cdp.Empty{})
		if err == nil {
			prof = res.Profile
		}
		return err
	}))
	if err != nil {
		return nil, fmt.Errorf("stopping the profiler: %w", err)
	}
	return prof, nil
}

// printProfile ends the sentence the caller began with the time sampled,
// and prints the times per function of profs, added up: self and total.
func printProfile(r *report, profs ...*profiler.Profile) {
	self, total := map[string]float64{}, map[string]float64{}
	sampled := 0.0
	for _, p := range profs {
		s, t, n := profileTimes(p)
		for f, v := range s {
			self[f] += v
		}
		for f, v := range t {
			total[f] += v
		}
		sampled += n
	}
	r.printf(": %s sampled. Times per function name, in ms.\n\n", ms(sampled))
	for _, part := range []struct {
		title string
		times map[string]float64
	}{{"Self", self}, {"Total (with callees)", total}} {
		t := newTable("Function", part.title)
		for _, f := range topTimes(part.times, 30) {
			t.add("`"+strings.ReplaceAll(f, "|", "/")+"`", ms(part.times[f]))
		}
		t.write(r)
	}
}

// startWithChromium checks that Chromium is there and starts the host, for
// the modes that study one page in the browser (-profile, -trace): on the
// bundled dataset, or on a synthetic archive of cfg.archive articles.
func startWithChromium(ctx context.Context, cfg *config) (*host, error) {
	if err := ensureTools(ctx, cfg, []string{"chromium"}); err != nil {
		return nil, err
	}
	if cfg.archive > 0 {
		progress("generating %d synthetic articles and starting a host on them", cfg.archive)
		return startArchiveHost(ctx, cfg, cfg.archive)
	}
	return startHost(ctx, cfg.hostBin)
}

// profileTimes adds up a profile's samples per function name: self, where
// the sample was taken, and total, every function on its stack (once).
func profileTimes(p *profiler.Profile) (self, total map[string]float64, sampled float64) {
	self, total = map[string]float64{}, map[string]float64{}
	nodes := map[int64]*profiler.ProfileNode{}
	parent := map[int64]int64{}
	for _, n := range p.Nodes {
		nodes[n.ID] = n
		for _, c := range n.Children {
			parent[c] = n.ID
		}
	}
	name := func(n *profiler.ProfileNode) string {
		if n.CallFrame.FunctionName == "" {
			return "(anonymous)"
		}
		return n.CallFrame.FunctionName
	}
	for i, id := range p.Samples {
		// A sample stands for the time until the next one.
		if i+1 >= len(p.TimeDeltas) {
			break
		}
		dt := float64(p.TimeDeltas[i+1]) / 1000
		sampled += dt
		n, ok := nodes[id]
		if !ok {
			continue
		}
		self[name(n)] += dt
		seen := map[string]bool{}
		for cur, ok := id, true; ok; cur, ok = parent[cur] {
			if f := name(nodes[cur]); !seen[f] {
				seen[f] = true
				total[f] += dt
			}
		}
	}
	return self, total, sampled
}

// topTimes returns the n names with the largest times, largest first.
func topTimes(times map[string]float64, n int) []string {
	names := make([]string, 0, len(times))
	for f := range times {
		names = append(names, f)
	}
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(times[b], times[a]), strings.Compare(a, b)) })
	return names[:min(n, len(names))]
}
