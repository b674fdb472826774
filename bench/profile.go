//go:build !(js && wasm)

package main

import (
	"cmp"
	"context"
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
	err = chromedp.Do(tab, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
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
	progress("second visit, profiled: %s", url)
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("second visit to %s: %w", url, err)
	}
	_, err = chromedp.Run(tab, chromedp.Poll[chromedp.Void](`document.documentElement.getAttribute("data-app") === "live"`,
		chromedp.WithPollingInterval(5*time.Millisecond)))
	if err != nil {
		return fmt.Errorf("second visit to %s: waiting for the app to be live: %w", url, err)
	}
	var prof *profiler.Profile
	err = chromedp.Do(tab, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		res, err := cdp.Call(ctx, t, profiler.Stop, cdp.Empty{})
		if err == nil {
			prof = res.Profile
		}
		return err
	}))
	if err != nil {
		return fmt.Errorf("stopping the profiler: %w", err)
	}
	self, total, sampled := profileTimes(prof)
	r.printf("## CPU profile of a warm load (go run ./bench -profile %s)\n\n", path)
	r.printf("Host version %s. Chromium's sampling profiler (200 µs) on the page's renderer, from the second visit's "+
		"navigation until `data-app=live`: %s sampled. Times per function name, in ms.\n\n", h.version, ms(sampled))
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
	return nil
}

// startWithChromium checks that Chromium is there and starts the host, for
// the modes that study one page in the browser (-profile, -trace).
func startWithChromium(ctx context.Context, cfg *config) (*host, error) {
	if err := ensureTools(ctx, cfg, []string{"chromium"}); err != nil {
		return nil, err
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
