//go:build !(js && wasm)

package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"dateline/internal/chromium"
)

// The viewport of every measured load: a phone, the reader the site is
// made for.
const (
	viewportWidth  = 412
	viewportHeight = 823
)

// The throttled network: 150 ms of latency per request, 1.6 Mbit/s down,
// 750 kbit/s up (DevTools throughputs are in bytes per second).
var throttled = network.Conditions{
	Latency:            150,
	DownloadThroughput: 1.6e6 / 8,
	UploadThroughput:   750e3 / 8,
}

// browser is one Chromium with a fresh, empty profile.
type browser struct {
	ctx    context.Context // the first tab; its context owns the browser
	cancel func()
}

// newBrowser starts Chromium with the flags of DESIGN.md and a new
// --user-data-dir, which it removes when closed.
func newBrowser(ctx context.Context, cfg *config) (*browser, error) {
	dir, err := os.MkdirTemp("", "dateline-bench-profile-")
	if err != nil {
		return nil, fmt.Errorf("making chromium's profile directory: %w", err)
	}
	actx, acancel := chromedp.NewExecAllocator(ctx,
		chromium.Options(cfg.chromium, dir, viewportWidth, viewportHeight)...)
	bctx, bcancel := chromedp.NewContext(actx)
	b := &browser{ctx: bctx, cancel: func() {
		bcancel()
		acancel()
		if err := os.RemoveAll(dir); err != nil {
			progress("warning: removing chromium's profile: %v", err)
		}
	}}
	// The first action starts the browser; it must not carry a deadline of
	// its own, or the browser ends with it.
	if err := chromedp.Do(bctx); err != nil {
		b.cancel()
		return nil, fmt.Errorf("starting chromium (%s): %w", cfg.chromium, err)
	}
	return b, nil
}

func (b *browser) close() { b.cancel() }

// newTab opens another tab in the same browser and profile.
func (b *browser) newTab() (context.Context, context.CancelFunc, error) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("opening a tab: %w", err)
	}
	return ctx, cancel, nil
}

// probeScript runs in every document before the page's own scripts. It
// records paint timings with buffered PerformanceObservers, every layout
// shift, the moment <html data-app="live"> appears (with a
// MutationObserver), and the service worker's report that its cache is
// complete.
const probeScript = `(() => {
  const b = window.__bench = {fcp: null, lcp: null, lcpEl: "", shifts: [], live: null,
    swDone: null, swReport: "", timeOrigin: performance.timeOrigin};
  const observe = (type, fn) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({type, buffered: true}); }
    catch (e) { b.error = String(e); }
  };
  const describe = (el) => !el ? "" : el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "");
  observe("paint", (e) => { if (e.name === "first-contentful-paint") b.fcp = e.startTime; });
  observe("largest-contentful-paint", (e) => { b.lcp = e.startTime; b.lcpEl = describe(e.element); });
  const box = (r) => r ? Math.round(r.x) + "," + Math.round(r.y) + " " + Math.round(r.width) + "×" + Math.round(r.height) : "";
  observe("layout-shift", (e) => {
    if (e.hadRecentInput) return;
    b.shifts.push({t: e.startTime, v: e.value, src: (e.sources || []).map((s) =>
      describe(s.node) + " " + box(s.previousRect) + " → " + box(s.currentRect)).join("; ")});
  });
  // When app.wasm is compiled and instantiated: go-app's loader calls
  // WebAssembly.instantiateStreaming, or Dateline's WebAssembly.instantiate
  // with the module its loader compiled early; what follows until live is Go.
  b.wasmReady = null;
  const ready = () => { if (b.wasmReady === null) b.wasmReady = performance.now(); };
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const instantiate = WebAssembly[name];
    if (!instantiate) continue;
    WebAssembly[name] = function (...args) {
      const p = instantiate.apply(this, args);
      p.then(ready, () => {});
      return p;
    };
  }
  const isLive = () => document.documentElement && document.documentElement.getAttribute("data-app") === "live";
  const mo = new MutationObserver(() => {
    if (b.live === null && isLive()) { b.live = performance.now(); mo.disconnect(); }
  });
  mo.observe(document, {subtree: true, attributes: true, attributeFilter: ["data-app"]});
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", (event) => {
      const msg = event.data && event.data.dateline;
      if (msg && (msg.type === "cache-done" || msg.type === "cache-failed") && b.swDone === null) {
        b.swDone = performance.now();
        b.swReport = msg.type + (msg.error ? ": " + msg.error : "");
      }
    });
  }
})();`

// layoutShift is one layout-shift entry: when, how much, and the boxes
// that moved.
type layoutShift struct {
	T, V float64
	Src  string
}

// probeState is window.__bench with the page's own timings, read at the
// end of a load.
type probeState struct {
	FCP, LCP   *float64
	LCPEl      string
	Shifts     []layoutShift
	Live       *float64
	SWDone     *float64
	SWReport   string
	TimeOrigin float64
	Error      string
	// Nav: the document's responseEnd (DevTools throttling delays the body,
	// not the first byte, so responseStart says little), DOMContentLoaded
	// and load.
	Nav        struct{ ResponseEnd, DCL, Load float64 }
	WasmStart  *float64
	WasmEnd    *float64
	WasmReady  *float64
	Controlled bool
	// Marks: performance.mark entries, the app's own (main_wasm.go).
	Marks []struct {
		Name string
		T    float64
	}
}

const readProbe = `JSON.stringify(Object.assign({}, window.__bench, {
  nav: (() => { const n = performance.getEntriesByType("navigation")[0] || {};
    return {responseEnd: n.responseEnd || 0, dcl: n.domContentLoadedEventEnd || 0, load: n.loadEventEnd || 0}; })(),
  wasmEnd: (() => { const w = performance.getEntriesByType("resource").find((e) => /^\/web\/app(\.[0-9a-f]{24})?\.wasm$/.test(new URL(e.name).pathname));
    return w ? w.responseEnd : null; })(),
  controlled: !!(navigator.serviceWorker && navigator.serviceWorker.controller),
  marks: performance.getEntriesByType("mark").map((m) => ({name: m.name, t: m.startTime})),
  wasmStart: (() => { const w = performance.getEntriesByType("resource").find((e) => /^\/web\/app(\.[0-9a-f]{24})?\.wasm$/.test(new URL(e.name).pathname));
    return w ? w.startTime : null; })(),
}))`

// loadSpec says how to load a page and when the load is over.
type loadSpec struct {
	url      string
	throttle bool
	// app: wait until the app is live; otherwise wait for the load event.
	app bool
	// swWait: how long to wait, after live, for the service worker to
	// report its cache complete; 0 does not wait.
	swWait time.Duration
	// settle: how long to keep watching after the end, for late layout
	// shifts and paints.
	settle time.Duration
	// settings, if set, is the reader's settings (web/reader.js's JSON),
	// put in the profile's storage before the page's own scripts run, as
	// a returning reader would have them.
	settings string
}

// loadResult is what one load measured. Times are milliseconds from the
// start of the navigation; NaN when the moment never came.
type loadResult struct {
	fcp, lcp, cls, live float64
	lcpElement          string
	shifts              []layoutShift
	html, dcl, load     float64 // the document's responseEnd, DOMContentLoaded, load
	wasmEnd             float64 // app.wasm's responseEnd
	wasmReady           float64 // app.wasm compiled and instantiated
	// goStart, dataLoaded: the app's marks (main_wasm.go): its main ran;
	// the page's data was fetched and decoded.
	goStart, dataLoaded float64

	// pageBytes: bytes the page received (Network.loadingFinished
	// encodedDataLength) until the app was live, or in all for a page
	// without the app. pageAll: every byte the page received.
	pageBytes, pageAll float64
	// swBytes: bytes the service worker received itself (its precache).
	swBytes    float64
	swRequests int
	swDone     float64 // when the worker reported its cache complete
	swReport   string
	controlled bool

	wasmEncoding string
	wasmBytes    float64
}

// request is one request seen by the page or the service worker.
type request struct {
	url      string
	encoding string
	status   int64
	end      float64 // monotonic seconds; 0 until finished
	bytes    float64
	failed   bool
	// cached: answered by a service worker or the HTTP cache, so its bytes
	// did not cross the network.
	cached bool
}

// netLog collects the requests of a page and of its service worker.
type netLog struct {
	mu       sync.Mutex
	page     map[string]*request
	sw       map[string]*request
	docWall  float64 // wall time of the document request, seconds
	docMono  float64 // and its monotonic timestamp
	attached chan *target.EventAttachedToTarget
}

func newNetLog() *netLog {
	return &netLog{
		page:     map[string]*request{},
		sw:       map[string]*request{},
		attached: make(chan *target.EventAttachedToTarget, 16),
	}
}

func (n *netLog) req(m map[string]*request, id string) *request {
	r, ok := m[id]
	if !ok {
		r = &request{}
		m[id] = r
	}
	return r
}

// onPageEvent records one event of the page. It runs in chromedp's read
// loop: it only takes notes.
func (n *netLog) onPageEvent(ev any) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		r := n.req(n.page, string(ev.RequestID))
		r.url = ev.Request.URL
		if ev.Type == network.ResourceTypeDocument && n.docMono == 0 {
			n.docMono, n.docWall = ev.Timestamp.Float64(), ev.WallTime.Float64()
		}
	case *network.EventResponseReceived:
		r := n.req(n.page, string(ev.RequestID))
		r.url, r.status = ev.Response.URL, ev.Response.Status
		r.encoding = headerValue(ev.Response.Headers, "Content-Encoding")
		r.cached = ev.Response.FromServiceWorker || ev.Response.FromDiskCache || ev.Response.FromPrefetchCache
	case *network.EventLoadingFinished:
		r := n.req(n.page, string(ev.RequestID))
		r.end, r.bytes = ev.Timestamp.Float64(), ev.EncodedDataLength
	case *network.EventLoadingFailed:
		r := n.req(n.page, string(ev.RequestID))
		r.end, r.failed = ev.Timestamp.Float64(), true
	case *target.EventAttachedToTarget:
		select {
		case n.attached <- ev:
		default:
		}
	case *target.EventReceivedMessageFromTarget:
		n.onWorkerMessage(ev.Message)
	}
}

// workerMessage is a protocol message from the service worker's session.
type workerMessage struct {
	Method string
	Params struct {
		RequestID         string
		Timestamp         float64
		EncodedDataLength float64
		Request           struct{ URL string }
		Response          struct {
			URL               string
			Status            int64
			Headers           map[string]any
			FromServiceWorker bool
			FromDiskCache     bool
		}
	}
}

func (n *netLog) onWorkerMessage(raw string) {
	var m workerMessage
	if err := json.Unmarshal([]byte(raw), &m); err != nil || m.Method == "" {
		return // a reply to a command, or nothing we count
	}
	p := m.Params
	switch m.Method {
	case "Network.requestWillBeSent":
		n.req(n.sw, p.RequestID).url = p.Request.URL
	case "Network.responseReceived":
		r := n.req(n.sw, p.RequestID)
		r.url, r.status = p.Response.URL, p.Response.Status
		r.encoding = headerValue(p.Response.Headers, "Content-Encoding")
		r.cached = p.Response.FromServiceWorker || p.Response.FromDiskCache
	case "Network.loadingFinished":
		r := n.req(n.sw, p.RequestID)
		r.end, r.bytes = p.Timestamp, p.EncodedDataLength
	case "Network.loadingFailed":
		r := n.req(n.sw, p.RequestID)
		r.end, r.failed = p.Timestamp, true
	}
}

func headerValue(h map[string]any, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			s, _ := v.(string)
			return s
		}
	}
	return ""
}

// watchWorkers resumes every service worker the page starts, after
// enabling its network events and, when throttling, the same network
// conditions as the page's: DevTools throttles per target, and a worker's
// own fetches would otherwise run at full speed beside a throttled page.
// The page's auto-attach pauses each new worker until then, so none of its
// requests escape. The sessions are not flat (chromedp routes no events of
// sessions it did not open), so messages go through
// Target.sendMessageToTarget.
func (n *netLog) watchWorkers(ctx context.Context, throttle bool) {
	send := sessionSender(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-n.attached:
			var errs []error
			if ev.TargetInfo != nil && ev.TargetInfo.Type == "service_worker" {
				errs = append(errs, send(ev.SessionID, "Network.enable", map[string]any{}))
				if throttle {
					errs = append(errs, send(ev.SessionID, "Network.emulateNetworkConditionsByRule",
						map[string]any{"matchedNetworkConditions": []network.Conditions{throttled}}))
				}
			}
			errs = append(errs, send(ev.SessionID, "Runtime.runIfWaitingForDebugger", map[string]any{}))
			if err := errors.Join(errs...); err != nil && ctx.Err() == nil {
				progress("service worker session: %v", err)
			}
		}
	}
}

// sessionSender returns a function that sends a DevTools command to a
// session of the tab of ctx that chromedp did not open (a worker's, from
// the tab's auto-attach, which is not flat): through
// Target.sendMessageToTarget, without waiting for the answer.
func sessionSender(ctx context.Context) func(session target.SessionID, method string, params any) error {
	t := chromedp.FromContext(ctx).Target
	id := 0
	return func(session target.SessionID, method string, params any) error {
		id++
		b, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
		if err != nil {
			return err
		}
		return t.Call(ctx, "Target.sendMessageToTarget",
			map[string]any{"message": string(b), "sessionId": string(session)}, nil)
	}
}

// measureLoad loads spec.url in the tab of ctx and measures it. The tab
// must be fresh: the probe and the listeners are installed here.
func measureLoad(ctx context.Context, spec loadSpec) (*loadResult, error) {
	limit := 45 * time.Second
	if spec.throttle {
		limit = 120 * time.Second
	}
	limit += spec.swWait + spec.settle
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()

	n := newNetLog()
	if err := chromedp.Listen(ctx, n.onPageEvent); err != nil {
		return nil, err
	}
	go n.watchWorkers(ctx, spec.throttle)
	setup := []chromedp.Action[chromedp.Void]{
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			src := probeScript
			if spec.settings != "" {
				q, err := json.Marshal(spec.settings)
				if err != nil {
					return fmt.Errorf("encoding the settings: %w", err)
				}
				// In reader.js's form: JSON after its mark.
				src = "try { localStorage.setItem(\"dateline:settings\", \"'\" + " + string(q) + "); } catch (e) {}\n" + src
			}
			_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument,
				page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
			return err
		}),
		chromedp.EmulateViewport(viewportWidth, viewportHeight, chromedp.EmulateMobile),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			conds := network.Conditions{DownloadThroughput: -1, UploadThroughput: -1}
			if spec.throttle {
				conds = throttled
			}
			return chromium.EmulateNetwork(ctx, conds, false)
		}),
		// Pause each service worker the page starts until watchWorkers has
		// set it up.
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, target.SetAutoAttach, target.SetAutoAttachParams{
				AutoAttach: true, WaitForDebuggerOnStart: true, Flatten: new(false),
				Filter: target.Filter{{Type: "service_worker"}},
			})
			return err
		}),
	}
	if err := chromedp.Do(ctx, setup...); err != nil {
		return nil, fmt.Errorf("preparing the tab: %w", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(spec.url)); err != nil {
		return nil, fmt.Errorf("loading %s: %w", spec.url, err)
	}
	poll := func(what, expr string, timeout time.Duration) error {
		_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr,
			chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(20*time.Millisecond)))
		if err != nil {
			return fmt.Errorf("%s: waiting for %s: %w", spec.url, what, err)
		}
		return nil
	}
	if spec.app {
		if err := poll("the app to be live", `window.__bench && __bench.live !== null`, limit-spec.swWait-spec.settle); err != nil {
			return nil, err
		}
		if spec.swWait > 0 {
			// A worker that never reports is noted, not fatal: the load
			// itself was measured.
			poll("the service worker's cache", `window.__bench && __bench.swDone !== null`, spec.swWait)
		}
	}
	if err := sleep(ctx, spec.settle); err != nil {
		return nil, err
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](readProbe))
	if err != nil {
		return nil, fmt.Errorf("%s: reading the probe: %w", spec.url, err)
	}
	var st probeState
	if err := json.Unmarshal([]byte(raw), &st); err != nil {
		return nil, fmt.Errorf("%s: decoding the probe: %w", spec.url, err)
	}
	if st.Error != "" {
		return nil, fmt.Errorf("%s: the probe failed: %s", spec.url, st.Error)
	}
	// Let the last network events of the page arrive.
	if err := sleep(ctx, 50*time.Millisecond); err != nil {
		return nil, err
	}
	return n.result(&st, spec)
}

func (n *netLog) result(st *probeState, spec loadSpec) (*loadResult, error) {
	val := func(p *float64) float64 {
		if p == nil {
			return math.NaN()
		}
		return *p
	}
	res := &loadResult{
		fcp: val(st.FCP), lcp: val(st.LCP), live: val(st.Live), lcpElement: st.LCPEl,
		cls: cls(st.Shifts), shifts: st.Shifts,
		html: st.Nav.ResponseEnd, dcl: st.Nav.DCL, load: st.Nav.Load,
		wasmEnd: val(st.WasmEnd), wasmReady: val(st.WasmReady), swDone: val(st.SWDone), swReport: st.SWReport,
		controlled: st.Controlled,
		wasmBytes:  math.NaN(),
		goStart:    math.NaN(), dataLoaded: math.NaN(),
	}
	for _, m := range st.Marks {
		switch m.Name {
		case "dateline:go-start":
			res.goStart = m.T
		case "dateline:data-loaded":
			res.dataLoaded = m.T
		}
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.docMono == 0 {
		return nil, fmt.Errorf("%s: the document request was not seen", spec.url)
	}
	// The moment the app was live, on the clock of the network events:
	// both clocks are read at the document request.
	cutoff := math.Inf(1)
	if spec.app {
		cutoff = n.docMono + (st.TimeOrigin/1000 - n.docWall) + res.live/1000
	}
	for _, r := range n.page {
		if r.end == 0 || r.failed || r.cached {
			continue
		}
		res.pageAll += r.bytes
		if r.end <= cutoff {
			res.pageBytes += r.bytes
		}
		if u, _, _ := strings.Cut(r.url, "?"); appWasm.MatchString(u) {
			res.wasmEncoding, res.wasmBytes = r.encoding, r.bytes
			if res.wasmEncoding == "" {
				res.wasmEncoding = "identity"
			}
		}
	}
	if verboseLoads {
		n.logRequests(spec.url, cutoff)
		logTimeline(st)
	}
	for _, r := range n.sw {
		if r.end == 0 || r.failed || r.cached {
			continue
		}
		res.swBytes += r.bytes
		res.swRequests++
	}
	return res, nil
}

// cls is the cumulative layout shift: the largest session window of
// shifts (gaps under 1 s, windows up to 5 s), as the metric is defined.
func cls(shifts []layoutShift) float64 {
	best, cur := 0.0, 0.0
	var first, last float64
	for i, s := range shifts {
		t, v := s.T, s.V
		if i == 0 || t-last >= 1000 || t-first >= 5000 {
			first, cur = t, 0
		}
		cur += v
		last = t
		best = max(best, cur)
	}
	return best
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// blank navigates a tab away, so that an app left open stops working.
func blank(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return chromedp.Do(ctx, chromedp.Navigate("about:blank"))
}

// verboseLoads makes every load log its requests (-v).
var verboseLoads bool

// logRequests writes the requests of a load on stderr, in the order they
// finished, with the moment the app was live.
func (n *netLog) logRequests(url string, cutoff float64) {
	type line struct {
		who string
		r   *request
	}
	var lines []line
	for _, r := range n.page {
		lines = append(lines, line{"page", r})
	}
	for _, r := range n.sw {
		lines = append(lines, line{"worker", r})
	}
	slices.SortFunc(lines, func(a, b line) int { return cmp.Compare(a.r.end, b.r.end) })
	progress("requests of %s (ms from the document request; live at %.0f):", url, (cutoff-n.docMono)*1000)
	for _, l := range lines {
		state := ""
		switch {
		case l.r.failed:
			state = " failed"
		case l.r.cached:
			state = " cached"
		case l.r.end == 0:
			state = " unfinished"
		}
		progress("  %6.0f ms %-6s %3d %-8s %9.0f B %s%s", (l.r.end-n.docMono)*1000, l.who, l.r.status, l.r.encoding, l.r.bytes, l.r.url, state)
	}
}

// logTimeline logs the moments of one load, the app's marks among them,
// in ms from the start of the navigation (-v).
func logTimeline(st *probeState) {
	type moment struct {
		name string
		t    float64
	}
	ms := []moment{{"HTML received", st.Nav.ResponseEnd}, {"DOMContentLoaded", st.Nav.DCL}}
	add := func(name string, p *float64) {
		if p != nil {
			ms = append(ms, moment{name, *p})
		}
	}
	add("first contentful paint", st.FCP)
	add("app.wasm requested", st.WasmStart)
	add("app.wasm received", st.WasmEnd)
	add("app.wasm compiled", st.WasmReady)
	add("app live", st.Live)
	for _, m := range st.Marks {
		ms = append(ms, moment{"mark " + m.Name, m.T})
	}
	slices.SortFunc(ms, func(a, b moment) int { return cmp.Compare(a.t, b.t) })
	for _, m := range ms {
		progress("  %6.0f ms %s", m.t, m.name)
	}
}

// appLive is true once the app has taken the page over: Dateline's Page
// and the empty app's one component set <html data-app="live">.
const appLive = `document.documentElement.getAttribute("data-app") === "live"`

// waitAppLive polls the tab for appLive every interval (a short one where
// the moment is timed).
func waitAppLive(ctx context.Context, interval time.Duration) error {
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](appLive, chromedp.WithPollingInterval(interval)))
	return err
}

// appWasm matches the address of app.wasm, by its plain path or by the
// name with its content's hash that pages use.
var appWasm = regexp.MustCompile(`/web/app(\.[0-9a-f]{24})?\.wasm$`)
