//go:build !(js && wasm)

package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// benchPage is a page the load sections measure.
type benchPage struct {
	name string
	path string
}

var benchPages = []benchPage{
	{"`/`", homePath},
	{"seed article", seedPath},
}

// coldArchive is the size of the archive section a loads its list and
// search pages from: past the 2,500 articles whose every page the
// service worker saves at install, so that, as on a newsroom's archive,
// the install is the app and the first page of each list, not every page
// of the archive (1,000 articles took the worker 47 s on loopback).
const coldArchive = 3000

// coldPage is a page of section a, and where it is served from.
type coldPage struct {
	benchPage
	archive bool // from the archive host, not the bundled dataset's
}

// coldPages are every kind of page section a loads: `/` and the seed
// article (whose loopback loads are section b's first visits), a list and
// a search page, and the saved articles' page.
var coldPages = []coldPage{
	{benchPages[0], false}, {benchPages[1], false},
	{benchPage{"section (3,000 articles)", "/sections/lorem"}, true},
	{benchPage{"search (3,000 articles)", "/search?q=lorem+ipsum"}, true},
	{benchPage{"saved", "/saved"}, false},
}

// warm says whether section b measures second visits of p.
func (p coldPage) warm() bool { return p.path == homePath || p.path == seedPath }

// netCond is one of the two network conditions of a cold load.
type netCond struct {
	name     string
	throttle bool
}

var netConds = []netCond{
	{"loopback", false},
	{"throttled (150 ms, 1.6 Mbit/s down, 750 kbit/s up)", true},
}

// How long a cold load of the app waits for the service worker to report
// its cache complete, and how long every load keeps watching at the end.
const (
	swWaitLoopback  = 30 * time.Second
	swWaitThrottled = 90 * time.Second
	// swWaitInstall is for a visit that must leave the whole site cached
	// (cacheSite): an archive's install precaches every article.
	swWaitInstall = 2 * time.Minute
	settleTime    = 500 * time.Millisecond
)

// coldSeries are the loads of one page under one network condition.
type coldSeries struct {
	app, base []*loadResult
}

// coldLoad is section a: the first visit of a fresh profile, the app
// against the same HTML without scripts (the baseline), alternating.
func coldLoad(ctx context.Context, cfg *config, r *report) error {
	h, err := startHost(ctx, cfg.hostBin)
	if err != nil {
		return err
	}
	defer h.stop()
	archive, err := startArchiveHost(ctx, cfg, coldArchive)
	if err != nil {
		return err
	}
	defer archive.stop()
	// Each host has a front for the app and one for the baseline.
	type fronts struct{ app, base *front }
	var own, arc fronts
	for _, x := range []struct {
		h       *host
		archive bool
		f       *fronts
	}{{h, false, &own}, {archive, true, &arc}} {
		var paths []string
		for _, p := range coldPages {
			if p.archive == x.archive {
				paths = append(paths, p.path)
			}
		}
		if x.f.app, err = newFront(ctx, x.h.url, nil); err != nil {
			return err
		}
		defer x.f.app.close()
		if x.f.base, err = newFront(ctx, x.h.url, paths); err != nil {
			return err
		}
		defer x.f.base.close()
	}
	frontsOf := func(p coldPage) fronts {
		if p.archive {
			return arc
		}
		return own
	}
	app := own.app

	// load measures one cold load in a new browser. When section b runs
	// too, each loopback load of the app is also its first visit: the same
	// profile then opens the page again.
	load := func(f *front, p coldPage, nc netCond, isApp, count bool) (*loadResult, error) {
		b, err := newBrowser(ctx, cfg)
		if err != nil {
			return nil, err
		}
		defer b.close()
		spec := loadSpec{url: f.url + p.path, throttle: nc.throttle, app: isApp, settle: settleTime}
		if isApp {
			spec.swWait = swWaitLoopback
			if nc.throttle {
				spec.swWait = swWaitThrottled
			}
		}
		res, err := measureLoad(b.ctx, spec)
		if err != nil || !count || !isApp || nc.throttle || !cfg.sections["b"] || !p.warm() {
			return res, err
		}
		again, err := secondVisit(b, spec.url, res)
		if err != nil {
			return nil, err
		}
		cfg.warm[p.path] = append(cfg.warm[p.path], warmResult{res, again})
		return res, nil
	}

	// A first load of each kind, not counted: it brings Chromium's files
	// into the page cache and has the host prerender the pages.
	progress("warm-up loads (not counted)")
	for _, p := range coldPages {
		if _, err := load(frontsOf(p).app, p, netConds[0], true, false); err != nil {
			return err
		}
	}
	for _, p := range []coldPage{coldPages[1], coldPages[2]} {
		if _, err := load(frontsOf(p).base, p, netConds[0], false, false); err != nil {
			return err
		}
	}

	series := map[string]*coldSeries{}
	key := func(nc netCond, p coldPage) string { return nc.name + "|" + p.path }
	for _, nc := range netConds {
		for _, p := range coldPages {
			series[key(nc, p)] = &coldSeries{}
		}
	}
	for i := range cfg.runs {
		for _, nc := range netConds {
			for pi, p := range coldPages {
				// Alternate which side goes first, run by run.
				order := []bool{true, false}
				if (i+pi)%2 == 1 {
					order = []bool{false, true}
				}
				s := series[key(nc, p)]
				for _, isApp := range order {
					f := frontsOf(p).base
					if isApp {
						f = frontsOf(p).app
					}
					progress("cold load %d/%d: %s, %s, %s", i+1, cfg.runs, p.path, nc.name, sideName(isApp))
					res, err := load(f, p, nc, isApp, true)
					if err != nil {
						return err
					}
					if isApp {
						s.app = append(s.app, res)
					} else {
						s.base = append(s.base, res)
					}
				}
			}
		}
	}

	r.printf("### a. Cold load: first visit, fresh profile\n\n")
	r.printf("Each load starts a new Chromium with a new `--user-data-dir` (empty HTTP cache, no service worker), "+
		"viewport %d×%d (mobile emulation), no CPU throttling. **App** is the page as the host serves it; "+
		"**baseline** is the same prerendered HTML with every `<script>` and the `<link rel=preload as=fetch>` removed, "+
		"served by a proxy in the bench in front of the same host (which also carries the app's traffic, so both pay for it). "+
		"App and baseline alternate run by run; ratios are taken per pair, then the median. "+
		"%d runs per cell, after uncounted warm-up loads. Cells: median (min–max). "+
		"Throttling is DevTools network emulation (`Network.emulateNetworkConditionsByRule`, global), "+
		"applied to the page and to its service worker (paused at start until throttled). "+
		"The section and search pages come from a second host serving 3,000 synthetic articles (tools/gendata), "+
		"the others from the bundled dataset; the saved page is a fresh profile's, with nothing saved.\n\n",
		viewportWidth, viewportHeight, cfg.runs)

	for _, nc := range netConds {
		r.printf("#### %s\n\n", upperFirst(nc.name))
		t := newTable("Page", "Measure", "App", "Baseline", "App / baseline")
		for _, p := range coldPages {
			s := series[key(nc, p)]
			app, base := pick(s.app, func(l *loadResult) float64 { return l.fcp }), pick(s.base, func(l *loadResult) float64 { return l.fcp })
			t.add(p.name, "First contentful paint", app.cell(ms), base.cell(ms), ratios(app, base).cell(ratio))
			app, base = pick(s.app, func(l *loadResult) float64 { return l.lcp }), pick(s.base, func(l *loadResult) float64 { return l.lcp })
			t.add(p.name, "Largest contentful paint", app.cell(ms), base.cell(ms), ratios(app, base).cell(ratio))
			app, base = pick(s.app, func(l *loadResult) float64 { return l.cls }), pick(s.base, func(l *loadResult) float64 { return l.cls })
			t.add(p.name, "Cumulative layout shift", app.cell(score), base.cell(score), "")
			app = pick(s.app, func(l *loadResult) float64 { return l.live })
			t.add(p.name, "App live (`data-app=live`)", app.cell(ms), "–", "")
			app, base = pick(s.app, func(l *loadResult) float64 { return l.pageBytes }), pick(s.base, func(l *loadResult) float64 { return l.pageAll })
			t.add(p.name, "Bytes until live (baseline: all)", app.cell(kB), base.cell(kB), ratios(app, base).cell(ratio))
			app = pick(s.app, func(l *loadResult) float64 { return l.pageAll + l.swBytes })
			t.add(p.name, "Bytes with the service worker's precache", app.cell(kB), "–", "")
			app = pick(s.app, func(l *loadResult) float64 { return l.swBytes })
			t.add(p.name, "of which the worker's own requests", app.cell(kB)+requestsNote(s.app), "–", "")
		}
		t.write(r)

		r.printf("Where the app's time goes (%s, medians, ms from navigation start):\n\n", nc.name)
		t = newTable("Page", "HTML received", "DOMContentLoaded", "load event", "app.wasm received", "app.wasm compiled", "App live", "Worker cache complete", "LCP element (app / baseline)")
		for _, p := range coldPages {
			s := series[key(nc, p)]
			med := func(f func(*loadResult) float64) string { return ms(pick(s.app, f).median()) }
			t.add(p.name,
				med(func(l *loadResult) float64 { return l.html }),
				med(func(l *loadResult) float64 { return l.dcl }),
				med(func(l *loadResult) float64 { return l.load }),
				med(func(l *loadResult) float64 { return l.wasmEnd }),
				med(func(l *loadResult) float64 { return l.wasmReady }),
				med(func(l *loadResult) float64 { return l.live }),
				med(func(l *loadResult) float64 { return l.swDone })+swNote(s.app),
				"`"+mostCommon(s.app, func(l *loadResult) string { return l.lcpElement })+"` / `"+
					mostCommon(s.base, func(l *loadResult) string { return l.lcpElement })+"`",
			)
		}
		t.write(r)
		writeShifts(r, nc, series, key)
	}

	// Targets: paints within 1.15x of the baseline on the throttled network,
	// and no layout shift at all.
	for _, p := range coldPages {
		s := series[key(netConds[1], p)]
		for _, m := range []struct {
			name string
			f    func(*loadResult) float64
		}{
			{"FCP", func(l *loadResult) float64 { return l.fcp }},
			{"LCP", func(l *loadResult) float64 { return l.lcp }},
		} {
			rat := ratios(pick(s.app, m.f), pick(s.base, m.f)).median()
			r.judge(fmt.Sprintf("%s throttled, %s", m.name, p.name), "≤ 1.15x baseline", rat, 1.15, ratio)
		}
	}
	settingsCLS, err := settingsLoads(ctx, cfg, r, app)
	if err != nil {
		return err
	}
	for _, p := range coldPages {
		var all samples
		for _, nc := range netConds {
			all = append(all, pick(series[key(nc, p)].app, func(l *loadResult) float64 { return l.cls })...)
		}
		name := "CLS, " + p.name
		if len(settingsCLS[p.path]) > 0 {
			all = append(all, settingsCLS[p.path]...)
			name += " (every theme and text size)"
		}
		worst := all.max()
		r.note(name, "0", fmt.Sprintf("%s (worst of %d app loads)", score(worst), len(all)),
			worst == 0, map[bool]string{true: "", false: "by " + score(worst)}[worst == 0])
	}
	return nil
}

// readerSettings are the reading settings section a also loads the pages
// with: every theme, the smallest and the largest text, each width,
// spacing and typeface at least once (web/reader.js's JSON).
var readerSettings = []struct{ name, json string }{
	{"dark, text 200%, narrow, loose, sans", `{"theme":"dark","size":7,"width":"narrow","leading":"loose","font":"sans"}`},
	{"sepia, text 80%, wide, tight", `{"theme":"sepia","size":0,"width":"wide","leading":"tight"}`},
	{"light, text 130%", `{"theme":"light","size":4}`},
	{"automatic, text 175%, wide", `{"size":6,"width":"wide"}`},
}

// settingsLoads loads each page with each of readerSettings, on loopback,
// as a returning reader whose settings are stored (a fresh profile
// otherwise): the settings apply before the first paint, so nothing may
// shift. It returns the CLS of every load by page path.
func settingsLoads(ctx context.Context, cfg *config, r *report, app *front) (map[string]samples, error) {
	runs := max(1, min(cfg.runs, 3))
	out := map[string]samples{}
	t := newTable("Settings", "Page", "First contentful paint", "Cumulative layout shift", "App live")
	for _, st := range readerSettings {
		for _, p := range benchPages {
			var loads []*loadResult
			for i := range runs {
				progress("cold load with settings %d/%d: %s, %s", i+1, runs, p.path, st.name)
				b, err := newBrowser(ctx, cfg)
				if err != nil {
					return nil, err
				}
				res, err := measureLoad(b.ctx, loadSpec{url: app.url + p.path, app: true, settle: settleTime, settings: st.json})
				b.close()
				if err != nil {
					return nil, fmt.Errorf("loading %s with %s: %w", p.path, st.name, err)
				}
				loads = append(loads, res)
			}
			cls := pick(loads, func(l *loadResult) float64 { return l.cls })
			out[p.path] = append(out[p.path], cls...)
			t.add(st.name, p.name, pick(loads, func(l *loadResult) float64 { return l.fcp }).cell(ms), cls.cell(score),
				pick(loads, func(l *loadResult) float64 { return l.live }).cell(ms))
		}
	}
	r.printf("#### With reading settings\n\n")
	r.printf("The same app loads on loopback, %d per cell, with the reader's settings stored in the profile before the "+
		"page's scripts run (as after an earlier visit): the inline loader applies them before the first paint.\n\n", runs)
	t.write(r)
	return out, nil
}

// warmLoad is section b: a second visit in the same profile, once the
// service worker has installed and cached the app, in a new tab. When
// section a ran, its loopback loads of the app were the first visits.
func warmLoad(ctx context.Context, cfg *config, r *report) error {
	h, err := startHost(ctx, cfg.hostBin)
	if err != nil {
		return err
	}
	defer h.stop()
	if len(cfg.warm) == 0 {
		for i := range cfg.runs {
			for pi := range benchPages {
				p := benchPages[(i+pi)%len(benchPages)]
				progress("warm load %d/%d: %s", i+1, cfg.runs, p.path)
				w, err := warmOnce(ctx, cfg, h.url+p.path)
				if err != nil {
					return err
				}
				cfg.warm[p.path] = append(cfg.warm[p.path], w)
			}
		}
	}

	r.printf("### b. Warm load: second visit, same profile\n\n")
	r.printf("A fresh profile opens the page (loopback; with section a, its loopback loads of the app), waits until the app "+
		"is live and the service worker reports its cache complete (`cache-done`), leaves the page (about:blank), "+
		"then opens the same URL in a new tab of the same browser. %d runs per page. Network bytes exclude what the "+
		"service worker and the HTTP cache answered. \"app.wasm received\" is its Resource Timing responseEnd "+
		"(from the worker's cache); \"compiled\" is when `WebAssembly.instantiateStreaming` resolved (or `WebAssembly.instantiate`, given the module the loader compiled early); what follows until live is "+
		"the Go program, timed by its own `performance.mark`s (`main_wasm.go`): \"Go started\" when `main` runs (after the runtime "+
		"and package initialisation), \"page data\" when the page is in hand (since 8a6772d taken from the document as drawn; a search page's results, or, without the loader's copy, its JSON data file); then go-app's first render. "+
		"When the worker controls the page, the host's loader (`app/site/loader.js`) fetches the scripts at once and runs them at "+
		"DOMContentLoaded; app.js then requests app.wasm. All times are from the start of the second visit's navigation.\n\n", cfg.runs)
	t := newTable("Page", "App live, first visit", "App live, second visit", "FCP", "DOMContentLoaded",
		"app.wasm received", "app.wasm compiled", "Go started", "Page data", "Network bytes", "Controlled by the worker")
	for _, p := range benchPages {
		ws := cfg.warm[p.path]
		var first, again, fcp, dcl, wasm, ready, goStart, data, bytes samples
		controlled := 0
		for _, w := range ws {
			first = append(first, w.first.live)
			again = append(again, w.again.live)
			fcp = append(fcp, w.again.fcp)
			dcl = append(dcl, w.again.dcl)
			goStart = append(goStart, w.again.goStart)
			data = append(data, w.again.dataLoaded)
			wasm = append(wasm, w.again.wasmEnd)
			ready = append(ready, w.again.wasmReady)
			bytes = append(bytes, w.again.pageAll)
			if w.again.controlled {
				controlled++
			}
		}
		t.add(p.name, first.cell(ms), again.cell(ms), fcp.cell(ms), dcl.cell(ms), wasm.cell(ms), ready.cell(ms),
			goStart.cell(ms), data.cell(ms), bytes.cell(kB), fmt.Sprintf("%d of %d", controlled, len(ws)))
		r.judge("Warm load, app live, "+p.name, "≤ 500 ms (loopback)", again.median(), 500, ms)
	}
	t.write(r)

	st, err := os.Stat(filepath.Join(cfg.root, "web", "app.wasm"))
	if err != nil {
		return fmt.Errorf("Dateline's app.wasm: %w", err)
	}
	return warmFloor(ctx, cfg, r, h, float64(st.Size()))
}

// warmResult is one profile's first and second visit.
type warmResult struct{ first, again *loadResult }

// warmOnce visits url twice in one new profile.
func warmOnce(ctx context.Context, cfg *config, url string) (warmResult, error) {
	var w warmResult
	b, err := newBrowser(ctx, cfg)
	if err != nil {
		return w, err
	}
	defer b.close()
	if w.first, err = measureLoad(b.ctx, loadSpec{url: url, app: true, swWait: swWaitLoopback}); err != nil {
		return w, err
	}
	w.again, err = secondVisit(b, url, w.first)
	return w, err
}

// secondVisit opens url again in a new tab of b, after a first visit that
// left the service worker's cache complete.
func secondVisit(b *browser, url string, first *loadResult) (*loadResult, error) {
	if !strings.HasPrefix(first.swReport, "cache-done") {
		return nil, fmt.Errorf("%s: the service worker did not report its cache complete after the first visit (%q)", url, first.swReport)
	}
	return reopen(b, url)
}

// reopen leaves the page of b's first tab for about:blank and measures the
// load of url in a new tab of the same browser.
func reopen(b *browser, url string) (*loadResult, error) {
	tab, cancel, err := b.leaveForTab()
	if err != nil {
		return nil, err
	}
	defer cancel()
	return measureLoad(tab, loadSpec{url: url, app: true, settle: 300 * time.Millisecond})
}

// leaveForTab leaves the page of b's first tab for about:blank and opens a
// new tab of the same browser, for a second visit.
func (b *browser) leaveForTab() (context.Context, context.CancelFunc, error) {
	if err := blank(b.ctx); err != nil {
		return nil, nil, err
	}
	return b.newTab()
}

// cacheSite makes the first visit of a second-visit measurement: Dateline's
// page until its worker reports its cache complete, or go-app's empty app's
// until go-app's worker has app.wasm (floor).
func cacheSite(b *browser, url string, floor bool) error {
	if floor {
		if _, err := measureLoad(b.ctx, loadSpec{url: url, app: true}); err != nil {
			return err
		}
		_, err := chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](floorCached,
			chromedp.WithPollingTimeout(swWaitLoopback), chromedp.WithPollingInterval(50*time.Millisecond)))
		if err != nil {
			return fmt.Errorf("%s: waiting for go-app's worker to cache app.wasm: %w", url, err)
		}
		return nil
	}
	first, err := measureLoad(b.ctx, loadSpec{url: url, app: true, swWait: swWaitInstall})
	if err != nil {
		return err
	}
	if !strings.HasPrefix(first.swReport, "cache-done") {
		return fmt.Errorf("%s: the service worker did not report its cache complete within %s (%q)", url, swWaitInstall, first.swReport)
	}
	return nil
}

func sideName(isApp bool) string {
	if isApp {
		return "app"
	}
	return "baseline"
}

func pick(ls []*loadResult, f func(*loadResult) float64) samples {
	out := make(samples, len(ls))
	for i, l := range ls {
		out[i] = f(l)
	}
	return out
}

// mostCommon is the value f gives most often (the first of equals).
func mostCommon(ls []*loadResult, f func(*loadResult) string) string {
	counts := map[string]int{}
	var order []string
	for _, l := range ls {
		v := f(l)
		if v == "" {
			v = "none"
		}
		if counts[v] == 0 {
			order = append(order, v)
		}
		counts[v]++
	}
	if len(order) == 0 {
		return "none"
	}
	best := order[0]
	for _, v := range order[1:] {
		if counts[v] > counts[best] {
			best = v
		}
	}
	return best
}

// requestsNote gives the typical number of the worker's requests.
func requestsNote(ls []*loadResult) string {
	n := pick(ls, func(l *loadResult) float64 { return float64(l.swRequests) }).median()
	if math.IsNaN(n) {
		return ""
	}
	return fmt.Sprintf(", %.0f requests", n)
}

// swNote says when some workers did not report their cache complete.
func swNote(ls []*loadResult) string {
	missing := 0
	for _, l := range ls {
		if !strings.HasPrefix(l.swReport, "cache-done") {
			missing++
		}
	}
	if missing == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d of %d never reported)", missing, len(ls))
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// writeShifts lists the layout shifts of the app's loads, if any: when
// they came and what moved.
func writeShifts(r *report, nc netCond, series map[string]*coldSeries, key func(netCond, coldPage) string) {
	t := newTable("Page", "Run", "At", "Shift", "App live at", "What moved (previous → current box, CSS px)")
	for _, p := range coldPages {
		for i, l := range series[key(nc, p)].app {
			for _, s := range l.shifts {
				t.add(p.name, fmt.Sprint(i+1), ms(s.T), fmt.Sprintf("%.4f", s.V), ms(l.live), "`"+strings.ReplaceAll(s.Src, "|", "/")+"`")
			}
		}
	}
	if len(t.rows) == 0 {
		r.printf("No layout shift in any app load (%s).\n\n", nc.name)
		return
	}
	r.printf("Layout shifts of the app's loads (%s):\n\n", nc.name)
	t.write(r)
}
