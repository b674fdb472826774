//go:build !(js && wasm)

package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// The steps of one search session, after the page is ready: a first query,
// a second one sharing a word with it, the search cleared, and the second
// query again, its files now cached.
const (
	stepLoad    = "load"    // from navigation to ready
	stepInstall = "install" // from ready to the first query (Dateline: its service worker's install)
	stepFirst   = "first"
	stepSecond  = "second"
	stepClear   = "clear"
	stepCached  = "cached"
)

// cachedRepeats is how many times a session runs the cached query.
const cachedRepeats = 5

// searchReq is one request a search session saw: of the page, of its
// service worker, or of a dedicated worker (Pagefind's).
type searchReq struct {
	source string
	url    string
	step   string  // the step during which it was sent
	wall   float64 // when it was sent, wall clock, seconds
	status int64
	bytes  float64 // encodedDataLength once finished
	done   bool
	failed bool
	// cached: answered by the HTTP cache or a service worker, so that its
	// bytes did not cross the network (the worker's own fetch is counted
	// as the worker's request).
	cached bool
}

// searchNet records the requests of a tab and of the workers it starts,
// each tagged with the step in progress when it was sent.
type searchNet struct {
	mu       sync.Mutex
	step     string
	reqs     map[string]*searchReq
	order    []*searchReq
	sessions map[target.SessionID]string // attached workers' target types
	attached chan *target.EventAttachedToTarget
	last     time.Time // the last network event
}

func newSearchNet() *searchNet {
	return &searchNet{
		step:     stepLoad,
		reqs:     map[string]*searchReq{},
		sessions: map[target.SessionID]string{},
		attached: make(chan *target.EventAttachedToTarget, 16),
	}
}

func (n *searchNet) setStep(s string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.step = s
}

// req finds or makes the request of key; a new one belongs to the step in
// progress.
func (n *searchNet) req(key, source string) *searchReq {
	r, ok := n.reqs[key]
	if !ok {
		r = &searchReq{source: source, step: n.step}
		n.reqs[key] = r
		n.order = append(n.order, r)
	}
	return r
}

// onEvent takes notes of one event of the tab; it runs in chromedp's read
// loop.
func (n *searchNet) onEvent(ev any) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch ev.(type) {
	case *network.EventRequestWillBeSent, *network.EventLoadingFinished, *network.EventLoadingFailed,
		*target.EventReceivedMessageFromTarget:
		n.last = time.Now()
	}
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		r := n.req("page|"+string(ev.RequestID), "page")
		r.url = ev.Request.URL
		if r.wall == 0 {
			r.wall = ev.WallTime.Float64()
		}
	case *network.EventRequestServedFromCache:
		n.req("page|"+string(ev.RequestID), "page").cached = true
	case *network.EventResponseReceived:
		r := n.req("page|"+string(ev.RequestID), "page")
		r.url, r.status = ev.Response.URL, ev.Response.Status
		if ev.Response.FromServiceWorker || ev.Response.FromDiskCache || ev.Response.FromPrefetchCache {
			r.cached = true
		}
	case *network.EventLoadingFinished:
		r := n.req("page|"+string(ev.RequestID), "page")
		r.bytes, r.done = ev.EncodedDataLength, true
	case *network.EventLoadingFailed:
		r := n.req("page|"+string(ev.RequestID), "page")
		r.failed, r.done = true, true
	case *target.EventAttachedToTarget:
		if ev.TargetInfo != nil {
			n.sessions[ev.SessionID] = ev.TargetInfo.Type
		}
		select {
		case n.attached <- ev:
		default:
		}
	case *target.EventReceivedMessageFromTarget:
		n.onWorkerMessage(ev.SessionID, ev.Message)
	}
}

// searchWorkerMessage is a protocol message from a worker's session.
type searchWorkerMessage struct {
	Method string
	Params struct {
		RequestID         string
		WallTime          float64
		EncodedDataLength float64
		Request           struct{ URL string }
		Response          struct {
			URL               string
			Status            int64
			FromServiceWorker bool
			FromDiskCache     bool
		}
	}
}

func (n *searchNet) onWorkerMessage(session target.SessionID, raw string) {
	var m searchWorkerMessage
	if err := json.Unmarshal([]byte(raw), &m); err != nil || m.Method == "" {
		return // a reply to a command
	}
	source := n.sessions[session]
	if source == "" {
		source = "worker"
	}
	p := m.Params
	key := string(session) + "|" + p.RequestID
	switch m.Method {
	case "Network.requestWillBeSent":
		r := n.req(key, source)
		r.url = p.Request.URL
		if r.wall == 0 {
			r.wall = p.WallTime
		}
	case "Network.requestServedFromCache":
		n.req(key, source).cached = true
	case "Network.responseReceived":
		r := n.req(key, source)
		r.url, r.status = p.Response.URL, p.Response.Status
		if p.Response.FromServiceWorker || p.Response.FromDiskCache {
			r.cached = true
		}
	case "Network.loadingFinished":
		r := n.req(key, source)
		r.bytes, r.done = p.EncodedDataLength, true
	case "Network.loadingFailed":
		r := n.req(key, source)
		r.failed, r.done = true, true
	}
}

// watchWorkers enables the network events of every worker the tab starts
// (service workers, and dedicated workers such as Pagefind's), then lets
// it run: the tab's auto-attach pauses each until then, so that none of
// its requests escape. As in browser.go, the sessions are not flat.
func (n *searchNet) watchWorkers(ctx context.Context) {
	send := sessionSender(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-n.attached:
			var errs []error
			if ev.TargetInfo != nil && (ev.TargetInfo.Type == "service_worker" || ev.TargetInfo.Type == "worker") {
				errs = append(errs, send(ev.SessionID, "Network.enable", map[string]any{}))
			}
			errs = append(errs, send(ev.SessionID, "Runtime.runIfWaitingForDebugger", map[string]any{}))
			if err := errors.Join(errs...); err != nil && ctx.Err() == nil {
				progress("worker session: %v", err)
			}
		}
	}
}

// stepBytes is what the network carried for one step.
type stepBytes struct {
	bytes    float64 // every request sent in the step, up to the results drawn
	index    float64 // of which the index's files (the side's prefix)
	requests int
	// late: requests sent in the step after the results were drawn, not
	// counted above.
	late      float64
	other     []string // paths outside the index prefix, counted in bytes
	unhealthy []string // failed, unfinished or non-2xx/304 requests
}

// sum adds up the requests of one step sent before drawn (wall clock,
// seconds; 0: no limit) that crossed the network. index tells the index's
// files from the rest.
func (n *searchNet) sum(step string, drawn float64, index func(path string) bool) stepBytes {
	n.mu.Lock()
	defer n.mu.Unlock()
	var s stepBytes
	for _, r := range n.order {
		if r.step != step || !strings.HasPrefix(r.url, "http") {
			continue
		}
		p := urlPath(r.url)
		switch {
		case r.failed:
			s.unhealthy = append(s.unhealthy, p+" (failed)")
			continue
		case !r.done:
			s.unhealthy = append(s.unhealthy, p+" (unfinished)")
			continue
		case r.status != 0 && r.status >= 400:
			s.unhealthy = append(s.unhealthy, fmt.Sprintf("%s (%d)", p, r.status))
		}
		if r.cached {
			continue
		}
		if drawn > 0 && r.wall > drawn {
			s.late += r.bytes
			continue
		}
		s.bytes += r.bytes
		s.requests++
		if index(p) {
			s.index += r.bytes
		} else if !slices.Contains(s.other, p) {
			s.other = append(s.other, p)
		}
	}
	return s
}

// quiet waits until no network event has come for d, at most limit: the
// page and its workers have fetched what they fetch by themselves.
func (n *searchNet) quiet(ctx context.Context, d, limit time.Duration) error {
	end := time.Now().Add(limit)
	for {
		n.mu.Lock()
		idle := time.Since(n.last)
		n.mu.Unlock()
		if idle >= d || time.Now().After(end) {
			return nil
		}
		if err := sleep(ctx, d-idle); err != nil {
			return err
		}
	}
}

// beforeQueries tells the requests sent before the first query by the
// page and its dedicated workers (not a service worker's).
func beforeQueries(r *searchReq) bool {
	return (r.step == stepLoad || r.step == stepInstall) && strings.HasPrefix(r.url, "http") &&
		r.source != "service_worker" && !r.cached && !r.failed
}

// readyBytes is what the page and its dedicated workers fetched over the
// network before the first query, but the index's files (they count in
// the first query): per URL path, the larger of Chromium's count and the
// body the bench's server sent, since Chromium gives no size for a
// dedicated worker's script (Pagefind's). sent gives the server's body for
// a path.
func (n *searchNet) readyBytes(sent func(path string) int, index func(path string) bool) float64 {
	n.mu.Lock()
	defer n.mu.Unlock()
	byPath := map[string]float64{}
	var paths []string
	for _, r := range n.order {
		if !beforeQueries(r) || index(urlPath(r.url)) {
			continue
		}
		p := urlPath(r.url)
		if _, ok := byPath[p]; !ok {
			paths = append(paths, p)
		}
		byPath[p] = max(byPath[p], r.bytes)
	}
	total := 0.0
	for _, p := range paths {
		total += max(byPath[p], float64(sent(p)))
	}
	return total
}

// prefetched is what the page and its dedicated workers fetched of the
// index's files before the first query: part of the first query's bytes.
func (n *searchNet) prefetched(index func(path string) bool) stepBytes {
	n.mu.Lock()
	defer n.mu.Unlock()
	var s stepBytes
	for _, r := range n.order {
		if !beforeQueries(r) || !r.done || !index(urlPath(r.url)) {
			continue
		}
		s.bytes += r.bytes
		s.index += r.bytes
		s.requests++
		s.other = append(s.other, urlPath(r.url))
	}
	return s
}

// installBytes is what the service worker fetched itself from navigation
// to the first query: its install's precache.
func (n *searchNet) installBytes() float64 {
	n.mu.Lock()
	defer n.mu.Unlock()
	total := 0.0
	for _, r := range n.order {
		if (r.step == stepLoad || r.step == stepInstall) && r.source == "service_worker" && r.done && !r.failed && !r.cached {
			total += r.bytes
		}
	}
	return total
}

// logRequests writes every request of a session on stderr (-v).
func (n *searchNet) logRequests(what string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	rs := slices.Clone(n.order)
	slices.SortStableFunc(rs, func(a, b *searchReq) int { return cmp.Compare(a.wall, b.wall) })
	progress("requests of %s:", what)
	for _, r := range rs {
		state := ""
		switch {
		case r.failed:
			state = " failed"
		case r.cached:
			state = " cached"
		case !r.done:
			state = " unfinished"
		}
		progress("  %-7s %-14s %3d %9.0f B %s%s", r.step, r.source, r.status, r.bytes, r.url, state)
	}
}

// urlPath is the path of a URL: what follows the host.
func urlPath(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			return u[j:]
		}
		return "/"
	}
	return u
}

// queryResult is what the page reports of one query.
type queryResult struct {
	Count int
	Title string
	URLs  []string // the first results' links, up to 5
	MS    float64
	// Drawn: wall clock, ms (performance.timeOrigin + now).
	Drawn float64
	// Sync: drawn in the task of the search itself (Dateline's page only).
	Sync bool
}

// searchStep is one measured step: its time and bytes.
type searchStep struct {
	q     string
	res   queryResult
	bytes stepBytes
}

// searchSession is one fresh profile's visit: the page made ready, then
// the steps.
type searchSession struct {
	ready      float64 // ms from navigation to ready
	readyBytes float64 // fetched to be ready (readyBytes)
	// prefetch: index files fetched before the first query, added to its
	// bytes.
	prefetch stepBytes
	// install: Dateline's service worker's own requests until the first
	// query (its precache).
	install  float64
	steps    map[string]*searchStep
	swReport string
	// pieces: Dateline's search page as drawn, for go-app's floor.
	pieces searchFloorPieces
}

// searchSide is what differs between Dateline and Pagefind in a session.
type searchSide struct {
	name string
	path string // the page to open
	// ready is a JS expression, true once the side can search; failed one
	// that gives an error text when it cannot.
	ready, failed string
	// query is a JS function of the query ("" clears the search) that
	// resolves to a queryResult as JSON.
	query string
	// index tells the side's index files by path.
	index func(path string) bool
	// app: the page is Dateline's app (its service worker is followed).
	app bool
}

// searchWait bounds each step of a session.
const searchWait = 60 * time.Second

// runSearchSession opens side's page in a new Chromium with a fresh
// profile, waits until it is ready, then runs the first and second query,
// clears the search and runs the second again.
func runSearchSession(ctx context.Context, cfg *config, srv *staticSite, side *searchSide, first, second string) (*searchSession, error) {
	srv.resetSent()
	b, err := newBrowser(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer b.close()
	ctx, cancel := context.WithTimeout(b.ctx, 4*searchWait)
	defer cancel()

	n := newSearchNet()
	if err := chromedp.Listen(ctx, n.onEvent); err != nil {
		return nil, fmt.Errorf("listening to the tab: %w", err)
	}
	go n.watchWorkers(ctx)
	setup := []chromedp.Action[chromedp.Void]{
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument,
				page.AddScriptToEvaluateOnNewDocumentParams{Source: probeScript})
			return err
		}),
		chromedp.EmulateViewport(viewportWidth, viewportHeight, chromedp.EmulateMobile),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, target.SetAutoAttach, target.SetAutoAttachParams{
				AutoAttach: true, WaitForDebuggerOnStart: true, Flatten: new(false),
				Filter: target.Filter{{Type: "service_worker"}, {Type: "worker"}},
			})
			return err
		}),
	}
	if err := chromedp.Do(ctx, setup...); err != nil {
		return nil, fmt.Errorf("preparing the tab: %w", err)
	}
	url := srv.url + side.path
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return nil, fmt.Errorf("loading %s: %w", url, err)
	}
	poll := func(what, expr string, timeout time.Duration) error {
		_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr,
			chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(20*time.Millisecond)))
		if err != nil {
			return fmt.Errorf("%s: waiting for %s: %w", url, what, err)
		}
		return nil
	}
	if err := poll(side.name+" to be ready", "("+side.ready+") || !!("+side.failed+")", searchWait); err != nil {
		return nil, err
	}
	if msg, err := chromedp.Run(ctx, chromedp.Evaluate[string]("String(("+side.failed+") || '')")); err != nil {
		return nil, fmt.Errorf("%s: reading the page's state: %w", url, err)
	} else if msg != "" {
		return nil, fmt.Errorf("%s: %s could not start: %s", url, side.name, msg)
	}
	s := &searchSession{steps: map[string]*searchStep{}}
	readyAt, err := chromedp.Run(ctx, chromedp.Evaluate[float64]("performance.now()"))
	if err != nil {
		return nil, fmt.Errorf("%s: reading the clock: %w", url, err)
	}
	s.ready = readyAt
	n.setStep(stepInstall)
	if side.app {
		// Let the service worker finish its install, so that its
		// precache does not run beside the queries; one that never
		// reports is noted, not fatal.
		if poll("the service worker's cache", `window.__bench && __bench.swDone !== null`, swWaitLoopback) == nil {
			if s.swReport, err = chromedp.Run(ctx, chromedp.Evaluate[string](`__bench.swReport`)); err != nil {
				return nil, fmt.Errorf("%s: reading the worker's report: %w", url, err)
			}
		}
		// The note of the search page without a query: what the cleared
		// search shows again (kept in the page for datelineQuery).
		if _, err = chromedp.Run(ctx, chromedp.Evaluate[string](
			`window.__emptyNote = (document.querySelector(".search-note") || {}).textContent || ""`)); err != nil {
			return nil, fmt.Errorf("%s: reading the search page: %w", url, err)
		}
	}
	// Let the page and its workers finish what they fetch by themselves
	// (Pagefind's init only starts loading its metadata and wasm).
	if err := n.quiet(ctx, 300*time.Millisecond, 30*time.Second); err != nil {
		return nil, err
	}
	// ask runs query q as step, once the network events of the one before
	// it have arrived.
	ask := func(step, q string, settle time.Duration) (queryResult, error) {
		var res queryResult
		n.setStep(step)
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			"("+side.query+")("+jsString(q)+")", chromedp.EvalAwaitPromise))
		if err != nil {
			return res, fmt.Errorf("%s: %s query %q: %w", side.name, step, q, err)
		}
		if err := json.Unmarshal([]byte(raw), &res); err != nil {
			return res, fmt.Errorf("%s: %s query %q: decoding %s: %w", side.name, step, q, raw, err)
		}
		return res, sleep(ctx, settle)
	}
	for _, st := range []struct{ name, q string }{
		{stepFirst, first}, {stepSecond, second}, {stepClear, ""}, {stepCached, second},
	} {
		res, err := ask(st.name, st.q, 250*time.Millisecond)
		if err != nil {
			return nil, err
		}
		s.steps[st.name] = &searchStep{q: st.q, res: res}
		if side.app && (st.name == stepClear || st.name == stepCached) {
			// The page as the app drew it, for go-app's floor.
			d, err := readDrawn(ctx)
			if err != nil {
				return nil, fmt.Errorf("%s, after the %s query %q: %w", url, st.name, st.q, err)
			}
			if st.name == stepClear {
				s.pieces[2] = d.Content
			} else {
				s.pieces[0], s.pieces[1], s.pieces[3], s.pieces[4] = d.Skip, d.Header, d.Content, d.Footer
			}
		}
		progress("search: %s, %s query %q drawn in %.1f ms%s", side.name, st.name, st.q, res.MS,
			map[bool]string{true: ", in the search's own task", false: ""}[res.Sync])
	}
	// The cached query again, after the search is cleared each time: its
	// time is the median of cachedRepeats (the first's requests and
	// drawing time stand for the step's bytes).
	cached := s.steps[stepCached]
	times := []float64{cached.res.MS}
	for range cachedRepeats - 1 {
		if _, err := ask("repeat", "", 100*time.Millisecond); err != nil {
			return nil, err
		}
		res, err := ask("repeat", second, 100*time.Millisecond)
		if err != nil {
			return nil, err
		}
		if res.Count != cached.res.Count {
			return nil, fmt.Errorf("%s: repeated query %q: %d results, then %d", side.name, second, cached.res.Count, res.Count)
		}
		times = append(times, res.MS)
	}
	cached.res.MS = samples(times).median()
	progress("search: %s, the cached query %q %d times: median %.1f ms", side.name, second, len(times), cached.res.MS)
	n.setStep("after")
	if err := sleep(ctx, 50*time.Millisecond); err != nil {
		return nil, err
	}
	s.readyBytes = n.readyBytes(srv.sentBody, side.index)
	s.prefetch = n.prefetched(side.index)
	s.install = n.installBytes()
	for name, st := range s.steps {
		st.bytes = n.sum(name, st.res.Drawn/1000, side.index)
		if name == stepFirst {
			st.bytes.bytes += s.prefetch.bytes
			st.bytes.index += s.prefetch.index
			st.bytes.requests += s.prefetch.requests
		}
		if len(st.bytes.unhealthy) > 0 {
			return nil, fmt.Errorf("%s: %s query %q: %s", side.name, name, st.q, strings.Join(st.bytes.unhealthy, ", "))
		}
	}
	if verboseLoads {
		n.logRequests(side.name + " " + url)
	}
	return s, nil
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // a string always encodes
	}
	return string(b)
}

// datelineQuery runs a query the way a reader does on Dateline's search
// page: it puts the words in the header's search box and submits its form,
// which web/reader.js sends through go-app's navigation (goappNav); an
// empty query navigates to /search. The results are drawn when the
// heading (#page-title) names the query with the count and the list shows
// min(count, 20) entries; none, when the heading names the query with no
// count above 0 (the count form for 0, which an Arabic edition's zero form
// may write without a figure) and the no-results note names it too. The
// cleared search is the heading without a query over the empty page's note.
//
// The clock starts at the submission, with the words already in the box and
// drawn there, as when a reader presses Enter: the box's own layout of what
// was typed (0.3 to 0.5 ms on this machine, after a cleared search emptied
// it) is the typing's, not the query's, and Pagefind's page has no box.
const datelineQuery = `async (q) => {
  const input = document.getElementById("search-input");
  const form = input && input.closest("form");
  if (!form) throw new Error("no form with #search-input on the page");
  if (q !== "") {
    input.value = q;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  }
  return new Promise((resolve, reject) => {
  const empty = window.__emptyNote;
  const state = () => {
    const h1 = document.getElementById("page-title");
    const note = document.querySelector(".search-note");
    const hq = h1 && h1.querySelector(".search-query");
    const nq = note && note.querySelector(".search-query");
    if (q === "") {
      return h1 && !hq && !nq && note && note.textContent === empty ? {count: 0, shown: 0, title: note.textContent} : null;
    }
    if (hq && hq.textContent === q) {
      let before = "";
      for (const c of h1.childNodes) { if (c === hq) break; before += c.textContent; }
      // The count in the edition's digits: Eastern Arabic ones in Arabic script.
      const count = parseInt(before.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) & 0xf)).replace(/\D/g, ""), 10);
      const shown = document.querySelectorAll(".search-results > li").length;
      if (!(count > 0)) {
        return nq && nq.textContent === q && shown === 0 ? {count: 0, shown: 0, title: h1.textContent} : null;
      }
      if (shown < Math.min(count, 20)) return null;
      const urls = [...document.querySelectorAll(".search-results > li")].slice(0, 5).map((li) => {
        const a = li.querySelector("a[href]");
        return a ? a.getAttribute("href") : "";
      });
      return {count, shown, title: h1.textContent, urls};
    }
    return null;
  };
  const clock = () => performance.timeOrigin + performance.now();
  let timer = null;
  const mo = new MutationObserver(() => check());
  const check = () => {
    const s = state();
    if (!s) return;
    void document.documentElement.offsetHeight; // laid out, as Pagefind's below
    const now = clock();
    mo.disconnect();
    clearTimeout(timer);
    resolve(JSON.stringify(Object.assign(s, {ms: now - start, start, drawn: now, sync})));
  };
  mo.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
  timer = setTimeout(() => {
    mo.disconnect();
    const h1 = document.getElementById("page-title"), note = document.querySelector(".search-note");
    reject(new Error("not drawn after 50 s: heading «" + (h1 ? h1.textContent : "none") + "», note «" + (note ? note.textContent : "none") + "»"));
  }, 50000);
  const start = clock();
  if (q === "") {
    goappNav("/search");
  } else {
    form.requestSubmit();
  }
  // Drawn before the search's task ended (components.Page.OnUpdate)?
  const sync = !!state();
  });
}`

// datelineReady: the app is live (probeScript's observer).
const (
	datelineReady  = `window.__bench && __bench.live !== null`
	datelineFailed = `window.__bench && __bench.error`
)

// pagefindPage is the bench's own page for Pagefind, written into the
// export: it imports Pagefind's library and initialises it (ready), then,
// for a query, runs pagefind.search and loads the data of the first 20
// results (the 20 a page of Dateline's results shows), and draws their
// titles and excerpts.
const pagefindPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pagefind (Dateline bench)</title>
<link rel="icon" href="data:,">
</head>
<body>
<main>
<h1 id="page-title">Search</h1>
<ul id="results"></ul>
</main>
<script type="module">
const state = window.__pf = {ready: null, error: null, pagefind: null};
try {
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init?.();
  state.pagefind = pagefind;
  state.ready = performance.now();
} catch (e) {
  state.error = String((e && e.stack) || e);
}
window.__pfQuery = async (q) => {
  const clock = () => performance.timeOrigin + performance.now();
  const start = clock();
  const h1 = document.getElementById("page-title");
  const list = document.getElementById("results");
  if (q === "") {
    h1.textContent = "Search";
    list.replaceChildren();
    void document.documentElement.offsetHeight;
    const now = clock();
    return JSON.stringify({count: 0, shown: 0, title: h1.textContent, ms: now - start, start, drawn: now});
  }
  const search = await state.pagefind.search(q);
  const shown = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  h1.textContent = search.results.length + " results for " + q;
  list.replaceChildren(...shown.map((d) => {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = d.url;
    a.textContent = (d.meta && d.meta.title) || d.url;
    const p = document.createElement("p");
    p.innerHTML = d.excerpt;
    li.append(a, p);
    return li;
  }));
  // Laid out, as Dateline's results are when it moves focus to their
  // heading: both sides are timed to the same point before the paint.
  void document.documentElement.offsetHeight;
  const now = clock();
  return JSON.stringify({count: search.results.length, shown: shown.length, title: h1.textContent, ms: now - start, start, drawn: now,
    urls: shown.slice(0, 5).map((d) => d.url)});
};
</script>
</body>
</html>
`

const (
	pagefindPagePath = "/pagefind-bench.html"
	pagefindReady    = `window.__pf && __pf.ready !== null`
	pagefindFailed   = `window.__pf && __pf.error`
	pagefindQuery    = `window.__pfQuery`
)

// nan is a missing value.
var nan = math.NaN()
