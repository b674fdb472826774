//go:build !(js && wasm)

package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdpio "github.com/chromedp/cdproto/io"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"

	"dateline/internal/wasmfile"
)

// traceCategories are what a warm load's trace records: the renderer's
// tasks and what runs in them (parsing, style, layout, paint, scripts,
// garbage collection, WebAssembly compilation) and the page's marks.
var traceCategories = []string{
	"toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline",
	"v8", "v8.execute", "v8.wasm", "blink", "blink.user_timing", "loading",
}

// liveMark marks, in the page's timeline (and so in the trace), the moment
// <html data-app="live"> appears: Dateline's Page and the empty app's one
// component both set it once mounted.
const liveMark = `new MutationObserver((_, mo) => {
  if (document.documentElement.getAttribute("data-app") === "live") { performance.mark("bench:live"); mo.disconnect(); }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-app"]});`

// longTask is the least length of a long task, as the Long Tasks API and
// Lighthouse count them.
const longTask = 50.0 // ms

// traceEvent is one event of Chromium's JSON trace format.
type traceEvent struct {
	Name string          `json:"name"`
	Ph   string          `json:"ph"`
	Ts   float64         `json:"ts"`  // µs
	Dur  float64         `json:"dur"` // µs
	Pid  int             `json:"pid"`
	Tid  int             `json:"tid"`
	Args json.RawMessage `json:"args"`
}

// mainThread is what one traced load's renderer main thread did from the
// navigation until the app was live.
type mainThread struct {
	live  float64            // ms from the navigation
	busy  float64            // ms in tasks
	self  map[string]float64 // ms per event name, its own time (not its children's)
	tasks []task             // the long tasks, in order
	// lazy is, per function index, how long V8 took to compile it on its
	// first call (wasm.CompileLazy), on the main thread.
	lazy map[int]float64
	// scripts is, per script file, the time of its runs and of the
	// callbacks it set (EvaluateScript and FunctionCall, outermost only,
	// with what runs inside them): the inline loader is "(the page)".
	scripts map[string]float64
}

type task struct {
	start, dur float64            // ms
	self       map[string]float64 // ms per event name within it
}

// tracedVisit opens url in a new tab of b (whose worker has cached the
// site) with Chromium's tracing on, until the app is live, and returns what
// the page's main thread did.
func tracedVisit(b *browser, url string) (*mainThread, error) {
	tab, cancel, err := b.leaveForTab()
	if err != nil {
		return nil, err
	}
	defer cancel()
	tab, cancelLimit := context.WithTimeout(tab, 60*time.Second)
	defer cancelLimit()
	done := make(chan cdpio.StreamHandle, 1)
	if err := chromedp.Listen(tab, func(ev any) {
		if e, ok := ev.(*tracing.EventTracingComplete); ok {
			done <- e.Stream
		}
	}); err != nil {
		return nil, err
	}
	// A file of the same site first, so that the traced navigation stays in
	// the renderer process the tab already has: the site's manifest, not a
	// path under the page's (under an article's that is a not-found page,
	// which ran app.wasm in that process before the traced load).
	u, err := neturl.Parse(url)
	if err != nil {
		return nil, err
	}
	if err := chromedp.Do(tab, chromedp.Navigate(u.Scheme+"://"+u.Host+"/manifest.webmanifest")); err != nil {
		return nil, fmt.Errorf("opening the site in a new tab: %w", err)
	}
	err = chromedp.Do(tab, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: liveMark}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, tracing.Start, tracing.StartParams{
			TransferMode: tracing.StartTransferModeReturnAsStream,
			TraceConfig: &tracing.TraceConfig{RecordMode: tracing.TraceConfigRecordModeRecordAsMuchAsPossible,
				IncludedCategories: traceCategories, ExcludedCategories: []string{"*"}},
		})
		return err
	}))
	if err != nil {
		return nil, fmt.Errorf("starting the trace: %w", err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		return nil, fmt.Errorf("traced visit to %s: %w", url, err)
	}
	if err := waitAppLive(tab, 20*time.Millisecond); err != nil {
		return nil, fmt.Errorf("traced visit to %s: waiting for the app to be live: %w", url, err)
	}
	var raw []byte
	err = chromedp.Do(tab, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, tracing.End, cdp.Empty{}); err != nil {
			return err
		}
		var h cdpio.StreamHandle
		select {
		case h = <-done:
		case <-ctx.Done():
			return ctx.Err()
		}
		for {
			chunk, err := cdp.Call(ctx, t, cdpio.Read, cdpio.ReadParams{Handle: h, Size: 1 << 20})
			if err != nil {
				return err
			}
			raw = append(raw, chunk.Data...)
			if chunk.EOF {
				break
			}
		}
		_, err := cdp.Call(ctx, t, cdpio.Close, cdpio.CloseParams{Handle: h})
		return err
	}))
	if err != nil {
		return nil, fmt.Errorf("reading the trace of %s: %w", url, err)
	}
	return readTrace(raw, url)
}

// readTrace finds the renderer main thread that loaded url and sums its
// work between the navigation and the bench:live mark.
func readTrace(raw []byte, url string) (*mainThread, error) {
	var tr struct {
		TraceEvents []traceEvent `json:"traceEvents"`
	}
	if err := json.Unmarshal(raw, &tr); err != nil {
		return nil, fmt.Errorf("reading the trace: %w", err)
	}
	evs := tr.TraceEvents
	// The renderer's main threads, then the one that parsed url.
	type thread struct{ pid, tid int }
	mains := map[thread]bool{}
	for _, e := range evs {
		if e.Ph == "M" && e.Name == "thread_name" && bytes.Contains(e.Args, []byte(`"CrRendererMain"`)) {
			mains[thread{e.Pid, e.Tid}] = true
		}
	}
	var main thread
	var navStart, live float64
	for _, e := range evs {
		th := thread{e.Pid, e.Tid}
		if !mains[th] {
			continue
		}
		switch {
		case e.Name == "ParseHTML" && main == (thread{}) && bytes.Contains(e.Args, []byte(`"url":"`+url+`"`)):
			main = th
		case e.Name == "navigationStart" && bytes.Contains(e.Args, []byte(`"documentLoaderURL":"`+url+`"`)):
			navStart = e.Ts
		case e.Name == "bench:live" && live == 0:
			live = e.Ts
		}
	}
	if main == (thread{}) || navStart == 0 || live == 0 {
		return nil, fmt.Errorf("the trace of %s lacks its main thread, navigation or live mark (%d events)", url, len(evs))
	}
	// The thread's complete events in the window, outermost first, then
	// each event's own time: its length less its children's.
	var xs []traceEvent
	for _, e := range evs {
		if e.Ph == "X" && e.Pid == main.pid && e.Tid == main.tid && e.Ts+e.Dur > navStart && e.Ts < live {
			xs = append(xs, e)
		}
	}
	slices.SortStableFunc(xs, func(a, b traceEvent) int {
		return cmp.Or(cmp.Compare(a.Ts, b.Ts), cmp.Compare(b.Dur, a.Dur))
	})
	mt := &mainThread{live: (live - navStart) / 1000, self: map[string]float64{}, lazy: map[int]float64{},
		scripts: map[string]float64{}}
	for _, e := range xs {
		if e.Name == "wasm.CompileLazy" {
			var a struct {
				FuncIndex *int `json:"func_index"`
			}
			if err := json.Unmarshal(e.Args, &a); err != nil || a.FuncIndex == nil {
				return nil, fmt.Errorf("the trace of %s: wasm.CompileLazy at %s from the navigation without its function (%s)",
					url, ms((e.Ts-navStart)/1000), e.Args)
			}
			mt.lazy[*a.FuncIndex] += e.Dur / 1000
		}
	}
	var scriptEnd float64
	for _, e := range xs {
		if (e.Name != "EvaluateScript" && e.Name != "FunctionCall") || e.Ts < scriptEnd {
			continue
		}
		// An event with no args names no file, as one with no data.
		var a struct {
			Data struct {
				URL string `json:"url"`
			} `json:"data"`
		}
		if len(e.Args) > 0 {
			if err := json.Unmarshal(e.Args, &a); err != nil {
				return nil, fmt.Errorf("the trace of %s: %s at %s from the navigation: its script's file unreadable in %s: %w",
					url, e.Name, ms((e.Ts-navStart)/1000), e.Args, err)
			}
		}
		scriptEnd = e.Ts + e.Dur
		mt.scripts[scriptFile(a.Data.URL, url)] += e.Dur / 1000
	}
	type open struct {
		e        traceEvent
		children float64
	}
	var stack []open
	var cur *task
	closeTop := func() {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		own := (top.e.Dur - top.children) / 1000
		mt.self[top.e.Name] += own
		if cur != nil {
			cur.self[top.e.Name] += own
		}
		if len(stack) > 0 {
			stack[len(stack)-1].children += top.e.Dur
		} else {
			mt.busy += top.e.Dur / 1000
			if cur != nil && cur.dur >= longTask {
				mt.tasks = append(mt.tasks, *cur)
			}
			cur = nil
		}
	}
	for _, e := range xs {
		for len(stack) > 0 && e.Ts >= stack[len(stack)-1].e.Ts+stack[len(stack)-1].e.Dur {
			closeTop()
		}
		if len(stack) == 0 {
			cur = &task{start: (e.Ts - navStart) / 1000, dur: e.Dur / 1000, self: map[string]float64{}}
		}
		stack = append(stack, open{e: e})
	}
	for len(stack) > 0 {
		closeTop()
	}
	return mt, nil
}

// scriptFile names a script by its file, without the folder, the query or
// a content hash; the page's own (inline) scripts are "(the page)", and a
// script of no file (a callback V8 names no file for) "(none)".
func scriptFile(u, page string) string {
	switch {
	case u == "":
		return "(none)"
	case u == page:
		return "(the page)"
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return hashedName.ReplaceAllString(u[strings.LastIndex(u, "/")+1:], "$1")
}

// hashedName is the content hash the host puts in a file's name
// (reader.0123456789abcdef01234567.js), taken out so that the same file
// of both apps shares a row.
var hashedName = regexp.MustCompile(`\.[0-9a-f]{24}(\.[a-z]+)$`)

// runTrace is -trace: warm loads of one of Dateline's pages and of go-app's
// empty app (with markup, -trace-markup: the empty app showing that page's
// markup and style sheet, the floor of that page), alternating, each
// traced, and what their main threads did.
func runTrace(ctx context.Context, cfg *config, r *report, path string, markup bool) error {
	h, err := startWithChromium(ctx, cfg)
	if err != nil {
		return err
	}
	defer h.stop()
	floorName := "go-app's empty app"
	var f *floor
	if markup {
		var m string
		if m, err = appMarkup(ctx, h.url+path); err != nil {
			return err
		}
		floorName = "go-app's empty app showing the page's markup"
		progress("building %s", floorName)
		f, err = startFloorShowing(ctx, cfg, m)
	} else {
		progress("building %s", floorName)
		f, err = startFloor(ctx, cfg)
	}
	if err != nil {
		return err
	}
	defer f.stop()
	var app, base []*mainThread
	for i := range cfg.runs {
		progress("traced warm load %d/%d", i+1, cfg.runs)
		for side := range 2 {
			b, err := newBrowser(ctx, cfg)
			if err != nil {
				return err
			}
			mt, err := func() (*mainThread, error) {
				defer b.close()
				url, floor := h.url+path, (i+side)%2 == 1
				if floor {
					url = f.proc.URL + "/"
				}
				if err := cacheSite(b, url, floor); err != nil {
					return nil, err
				}
				return tracedVisit(b, url)
			}()
			if err != nil {
				return err
			}
			if (i+side)%2 == 0 {
				app = append(app, mt)
			} else {
				base = append(base, mt)
			}
		}
	}
	r.printf("## The main thread in a warm load (go run ./bench -trace %s)\n\n", path)
	data := "the bundled dataset"
	if cfg.archive > 0 {
		data = fmt.Sprintf("a synthetic archive of %d articles", cfg.archive)
	}
	r.printf("Host version %s, serving %s. %d second visits each of Dateline's `%s` and of %s, alternating, "+
		"traced by Chromium (categories %s) from the navigation until `data-app=live`. Times are the renderer main "+
		"thread's, in ms: the median over the runs of each event's own time (less what runs inside it). A long task "+
		"is a task of %.0f ms or more.\n\n", h.version, data, cfg.runs, path, floorName, "`"+strings.Join(traceCategories, "`, `")+"`", longTask)
	sum := func(ms []*mainThread, f func(*mainThread) float64) samples {
		var s samples
		for _, m := range ms {
			s = append(s, f(m))
		}
		return s
	}
	t := newTable("", "Dateline", floorName)
	t.add("Live", sum(app, func(m *mainThread) float64 { return m.live }).cell(ms), sum(base, func(m *mainThread) float64 { return m.live }).cell(ms))
	t.add("Main thread busy", sum(app, func(m *mainThread) float64 { return m.busy }).cell(ms), sum(base, func(m *mainThread) float64 { return m.busy }).cell(ms))
	t.add("Long tasks", sum(app, func(m *mainThread) float64 { return float64(len(m.tasks)) }).cell(count),
		sum(base, func(m *mainThread) float64 { return float64(len(m.tasks)) }).cell(count))
	names := map[string]float64{}
	for _, m := range append(slices.Clone(app), base...) {
		for n, v := range m.self {
			names[n] += v
		}
	}
	for _, n := range topTimes(names, 25) {
		t.add("`"+n+"`", sum(app, func(m *mainThread) float64 { return m.self[n] }).cell(ms),
			sum(base, func(m *mainThread) float64 { return m.self[n] }).cell(ms))
	}
	t.write(r)
	files := map[string]float64{}
	for _, m := range append(slices.Clone(app), base...) {
		for f, v := range m.scripts {
			files[f] += v
		}
	}
	r.printf("Scripts by file: each file's runs and the callbacks it set (timers, listeners, promises' " +
		"reactions), with what runs inside them, Go's code included where JavaScript calls it; in ms, medians.\n\n")
	t = newTable("File", "Dateline", floorName)
	for _, f := range topTimes(files, 12) {
		t.add("`"+f+"`", sum(app, func(m *mainThread) float64 { return m.scripts[f] }).cell(ms),
			sum(base, func(m *mainThread) float64 { return m.scripts[f] }).cell(ms))
	}
	t.write(r)
	if err := reportLazy(ctx, r, h.url, f.proc.URL, floorName, app, base); err != nil {
		return err
	}
	for _, side := range []struct {
		name string
		ms   []*mainThread
	}{{"Dateline", app}, {floorName, base}} {
		m := side.ms[medianIndex(sum(side.ms, func(m *mainThread) float64 { return m.live }))]
		r.printf("Long tasks of %s's median load (live at %s):\n\n", side.name, ms(m.live))
		t := newTable("Starts", "Length", "What runs in it (own time)")
		for _, tk := range m.tasks {
			var what []string
			for _, n := range topTimes(tk.self, 5) {
				what = append(what, fmt.Sprintf("`%s` %s", n, ms(tk.self[n])))
			}
			t.add(ms(tk.start), ms(tk.dur), strings.Join(what, ", "))
		}
		t.write(r)
	}
	return nil
}

// medianIndex returns the index of the sample at the median (the lower of
// the two middle ones).
func medianIndex(s samples) int {
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(s[a], s[b]) })
	return idx[(len(idx)-1)/2]
}

// reportLazy prints what V8 compiled on first call before each app was live:
// the Go code a start runs, since V8 compiles a wasm function when it is
// first called, on the thread that calls it. Function names come from each
// app.wasm's name section: Dateline's when built with
// make clean build WASM_LDFLAGS=; the empty app's -trace build keeps them.
func reportLazy(ctx context.Context, r *report, appURL, floorURL, floorName string, app, base []*mainThread) error {
	appWasm, err := fetchWasm(ctx, appURL)
	if err != nil {
		return err
	}
	floorWasm, err := fetchWasm(ctx, floorURL)
	if err != nil {
		return err
	}
	type tally struct {
		funcs, bytes, ms samples
		pkgs             map[string]float64 // bytes, in the median run
	}
	tallyOf := func(m *wasmfile.Module, ms []*mainThread) tally {
		var t tally
		for _, mt := range ms {
			var n, b, d float64
			for fi, dur := range mt.lazy {
				n++
				b += float64(m.Size(fi))
				d += dur
			}
			t.funcs, t.bytes, t.ms = append(t.funcs, n), append(t.bytes, b), append(t.ms, d)
		}
		t.pkgs = map[string]float64{}
		for fi := range ms[medianIndex(t.bytes)].lazy {
			t.pkgs[wasmPackage(m.Name(fi))] += float64(m.Size(fi))
		}
		return t
	}
	a, b := tallyOf(appWasm, app), tallyOf(floorWasm, base)
	r.printf("Go code compiled on its first call (V8 compiles WebAssembly lazily, function by function, on the thread " +
		"that calls it: `wasm.CompileLazy`) before the app was live: what each start ran. Sizes are of the function " +
		"bodies in app.wasm.\n\n")
	t := newTable("", "Dateline", floorName)
	t.add("Functions", a.funcs.cell(count), b.funcs.cell(count))
	t.add("Their code", a.bytes.cell(kB), b.bytes.cell(kB))
	t.add("Compile time", a.ms.cell(ms), b.ms.cell(ms))
	t.write(r)
	if len(appWasm.Names) == 0 {
		r.printf("Dateline's app.wasm is stripped: for its code by package, `make clean build WASM_LDFLAGS=` first.\n\n")
		return nil
	}
	more := map[string]float64{}
	for p, v := range a.pkgs {
		more[p] = v - b.pkgs[p]
	}
	r.printf("By package, in the run of median size, largest difference first:\n\n")
	t = newTable("Package", "Dateline", floorName)
	for _, p := range topTimes(more, 15) {
		t.add("`"+p+"`", kB(a.pkgs[p]), kB(b.pkgs[p]))
	}
	t.write(r)
	// The functions only Dateline's start compiled, by name: what to look
	// at first (go-app's own decode of localStorage showed up here).
	floorRan := map[string]bool{}
	for fi := range base[medianIndex(b.bytes)].lazy {
		floorRan[floorWasm.Name(fi)] = true
	}
	only := map[string]float64{}
	for fi := range app[medianIndex(a.bytes)].lazy {
		if n := appWasm.Name(fi); !floorRan[n] {
			only[n] = float64(appWasm.Size(fi))
		}
	}
	r.printf("The largest of the %d functions that Dateline's start compiled and the empty app's did not:\n\n", len(only))
	t = newTable("Function", "Size")
	for _, n := range topTimes(only, 20) {
		name := n
		if len(name) > 100 {
			name = name[:100] + "…"
		}
		t.add("`"+name+"`", kB(only[n]))
	}
	t.write(r)
	return nil
}

// fetchWasm reads and parses base's /web/app.wasm.
func fetchWasm(ctx context.Context, base string) (*wasmfile.Module, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/web/app.wasm", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetching %s: %w", req.URL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetching %s: %s", req.URL, resp.Status)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("fetching %s: %w", req.URL, err)
	}
	m, err := wasmfile.Parse(body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", req.URL, err)
	}
	return m, nil
}

// wasmPackage returns the package of a function as Go's wasm linker names
// it, such as dateline_components for "dateline_components.__Shell_.Render"
// (a module's host keeps its dot: "github.com_maxence_charriere_...").
func wasmPackage(name string) string {
	skip := 0
	for _, host := range []string{"github.com_", "golang.org_"} {
		if strings.HasPrefix(name, host) {
			skip = len(host)
		}
	}
	if i := strings.IndexByte(name[skip:], '.'); i >= 0 {
		return name[:skip+i]
	}
	return name
}
