//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"dateline/app/article"
)

// droppingNet stands between the browser and a host as a connection that
// drops while the service worker saves the site: the request that follows
// the first offline.json has its connection closed, and from then on the
// address refuses connections, as a host that went away does, until up.
type droppingNet struct {
	t     *testing.T
	URL   string
	addr  string
	proxy *httputil.ReverseProxy

	mu      sync.Mutex
	srv     *http.Server
	armed   bool // offline.json went through: a request drops
	dropped bool
	// after is how many requests go through once armed before the one
	// that drops (0: the next one drops).
	after int
	// served lists the paths served since the last up, when recording.
	served    []string
	recording bool
}

func newDroppingNet(t *testing.T, hostURL string) *droppingNet {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d := &droppingNet{t: t, addr: ln.Addr().String(), proxy: proxyTo(t, hostURL)}
	d.URL = "http://" + d.addr
	d.serve(ln)
	t.Cleanup(func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		if d.srv != nil {
			d.srv.Close()
		}
	})
	return d
}

func (d *droppingNet) serve(ln net.Listener) {
	srv := &http.Server{Handler: http.HandlerFunc(d.handle)}
	d.srv = srv
	go srv.Serve(ln)
}

func (d *droppingNet) handle(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	drop := d.armed && d.after == 0
	if d.armed && d.after > 0 {
		d.after--
	} else {
		d.armed = false
	}
	if d.recording && !drop {
		d.served = append(d.served, r.URL.Path)
	}
	proxy := d.proxy
	d.mu.Unlock()
	if drop {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
		}
		go d.down()
		return
	}
	proxy.ServeHTTP(w, r)
	if strings.HasSuffix(r.URL.Path, "/offline.json") {
		d.mu.Lock()
		d.armed = !d.dropped
		d.dropped = true
		d.mu.Unlock()
	}
}

// deploy puts another host behind the address, whose install drops as
// the first did when drop is set (and goes through when not).
func (d *droppingNet) deploy(t *testing.T, hostURL string, drop bool) {
	t.Helper()
	p := proxyTo(t, hostURL)
	d.mu.Lock()
	defer d.mu.Unlock()
	d.proxy = p
	d.dropped = !drop
}

// down closes the address: connections are refused.
func (d *droppingNet) down() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.srv != nil {
		d.srv.Close()
		d.srv = nil
	}
}

// up serves the address again.
func (d *droppingNet) up() {
	d.t.Helper()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.srv != nil {
		return
	}
	d.served = nil
	ln, err := net.Listen("tcp", d.addr)
	if err != nil {
		d.t.Fatalf("serving %s again: %v", d.addr, err)
	}
	d.serve(ln)
}

// statusRecorder keeps what the status line's live copy announces
// (window.__announced, each change) and the page's layout shifts
// (window.__shifts, and what moved: window.__shiftsOf).
const statusRecorder = `(() => {
  window.__announced = [];
  window.__shifts = 0;
  window.__shiftsOf = [];
  new MutationObserver(() => {
    const l = document.querySelector(".status-live");
    const said = l ? l.textContent : "";
    if (said && window.__announced[window.__announced.length - 1] !== said) window.__announced.push(said);
  }).observe(document, {subtree: true, childList: true, characterData: true});
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__shifts += e.value;
      window.__shiftsOf.push(e.sources.map((s) => (s.node ? s.node.nodeName + "." + s.node.className : "?") +
        " " + JSON.stringify(s.previousRect) + " to " + JSON.stringify(s.currentRect)).join(", "));
    }
  }).observe({type: "layout-shift", buffered: true});
})();`

// Expressions about the status line and its buttons.
const (
	retryShownJS   = `(() => { const b = document.querySelector(".status-retry"); return !!b && !b.hidden && b.getBoundingClientRect().width > 0; })()`
	installShownJS = `(() => { const b = document.querySelector(".install-button:not(.status-retry)");
	  return !b.hidden && getComputedStyle(b).visibility === "visible"; })()`
	offerInstallJS = `(() => { const e = new Event("beforeinstallprompt"); e.prompt = () => {};
	  e.userChoice = Promise.resolve({outcome: "dismissed"}); window.dispatchEvent(e); })()`
	// Every file the worker's install saves of the site's pages (its
	// offline.json) is in this version's cache.
	missingFromCacheJS = `(async () => {
	  const base = document.querySelector("script[data-base]").getAttribute("data-base");
	  const list = await (await fetch(base + "/offline.json")).json();
	  const cache = await caches.open("dateline-" + goappGetenv("GOAPP_VERSION"));
	  const missing = [];
	  for (const u of list) if (!(await cache.match(u))) missing.push(u);
	  return missing;
	})()`
)

// failFirstInstall opens the home page through a connection that drops
// while the worker saves the site, and waits until the page says it is
// not saved.
func failFirstInstall(t *testing.T, tb *tab, d *droppingNet) {
	t.Helper()
	failFirstInstallAt(t, tb, d, "/")
}

// failFirstInstallAt is failFirstInstall on the page at path.
func failFirstInstallAt(t *testing.T, tb *tab, d *droppingNet, path string) {
	t.Helper()
	tb.addScript(statusRecorder)
	tb.mustLoad(d.URL+path, http.StatusOK)
	tb.waitLive()
	tb.waitFor(`the status line to say "Not saved for offline"`, statusText+` === "Not saved for offline"`, 30*time.Second)
	type state struct {
		Registered bool
		Caches     []string
	}
	// The install's cache stays, for a try to go on from, but it is not
	// a saved site: the offline page, its last put, is not in it.
	st := evalAwait[state](tb, `(async () => {
	  const caches_ = [];
	  for (const k of await caches.keys()) if (k !== "dateline-meta" && await (await caches.open(k)).match("/_offline")) caches_.push(k);
	  return {registered: !!(await navigator.serviceWorker.getRegistration()), caches: caches_};
	})()`)
	if st.Registered || len(st.Caches) > 0 {
		t.Fatalf("after the failed install: registration %v, complete caches %q; want neither (the case this test builds did not happen)", st.Registered, st.Caches)
	}
}

// allowDropped accepts, besides allowOffline's, the messages of requests
// cut by droppingNet and of go-app's failed registration.
func allowDropped(m chromedp.ConsoleMessage) bool {
	return allowOffline(m) || strings.Contains(m.Text, "ERR_EMPTY_RESPONSE") ||
		strings.Contains(m.Text, "goapp service worker registration failed")
}

// TestOfflineRetryAfterDrop is the first visit whose connection drops
// while the worker saves the site (the host gone for a few seconds): the
// page says so and offers "Try again", does not offer to install an app
// that would not open offline, does not try again at once against a dead
// host, and once the host is back saves the site by itself, with no
// reload, while the reader goes on to another page: "Available offline",
// every page in the cache, Install offered.
func TestOfflineRetryAfterDrop(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "retry.json", synthetic()))
	d := newDroppingNet(t, h.URL)
	tb := newTab(t, 412, 900)
	failFirstInstall(t, tb, d)
	dropped := time.Now()
	eval[chromedp.Void](tb, `window.__marker = 7`)

	if !eval[bool](tb, retryShownJS) {
		t.Error(`the status line offers no "Try again" after the failure`)
	}
	if got := eval[string](tb, `(document.querySelector(".status-retry") || {}).textContent || ""`); got != "Try again" {
		t.Errorf("the retry button reads %q, want Try again", got)
	}
	eval[chromedp.Void](tb, offerInstallJS)
	time.Sleep(300 * time.Millisecond)
	if eval[bool](tb, installShownJS) {
		t.Error("Install app is offered while nothing is saved for offline")
	}

	// The host is back 6 seconds after the drop: no try before then.
	time.Sleep(6*time.Second - time.Since(dropped))
	if n := eval[int](tb, `window.__swRegistered.length`); n != 1 {
		t.Errorf("%d registrations within 6 s of the drop, want the first one only (no hammering a dead host)", n)
	}
	d.up()

	// The reader goes on to an article, in the app.
	tb.do("opening an article", chromedp.Click(chromedp.CSS(`main article.summary a[href^="/articles/"]`)))
	tb.waitFor("the article", `location.pathname.startsWith("/articles/")`, 10*time.Second)
	tb.waitSaved(40 * time.Second)
	t.Logf("saved for offline %s after the drop", time.Since(dropped).Round(100*time.Millisecond))
	if m := eval[int](tb, `window.__marker || 0`); m != 7 {
		t.Error("the page was reloaded")
	}
	if missing := evalAwait[[]string](tb, missingFromCacheJS); len(missing) > 0 {
		t.Errorf("after the retry the cache lacks %d files: %q", len(missing), missing)
	}
	tb.waitFor("the worker to control the page", `!!navigator.serviceWorker.controller`, 10*time.Second)
	if eval[bool](tb, retryShownJS) {
		t.Error(`"Try again" is still shown once the site is saved`)
	}
	tb.waitFor("Install app, once the site is saved", installShownJS, 5*time.Second)
	if n := eval[int](tb, `window.__swRegistered.length`); n != 2 {
		t.Errorf("%d registrations, want 2 (the first and one try after the host was back)", n)
	}
	announced := eval[[]string](tb, `window.__announced`)
	if len(announced) < 3 || announced[len(announced)-1] != "Available offline" {
		t.Errorf("announced %q, want the failure, then the saving and Available offline", announced)
	}
	if s := eval[float64](tb, `window.__shifts`); s != 0 {
		t.Errorf("the failure and the retry shifted the layout: CLS %v: %q", s, eval[[]string](tb, `window.__shiftsOf`))
	}
	tb.checkConsole(allowDropped)
}

// TestOfflineTryAgainKeyboard uses "Try again" from the keyboard: while
// the host is still gone (the try fails, focus stays on the button, the
// status is announced again), then once it is back (the site is saved
// before the page's own next try would come, and focus, the button gone,
// is on the status line's live copy, the one screen readers read, its
// ring drawn around the line on screen, rather than lost).
func TestOfflineTryAgainKeyboard(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "retry.json", synthetic()))
	d := newDroppingNet(t, h.URL)
	tb := newTab(t, 412, 900)
	failFirstInstall(t, tb, d)
	tb.waitFor(`"Try again"`, retryShownJS, 5*time.Second)
	if tag := eval[string](tb, `(() => { const b = document.querySelector(".status-retry");
	  return b.tagName + " " + b.type + " " + b.tabIndex; })()`); tag != "BUTTON button 0" {
		t.Errorf(`"Try again" is %q, want a button in the tab order`, tag)
	}
	registrations := func() int { return eval[int](tb, `window.__swRegistered.length`) }
	announcedSince := func(n int) []string { return eval[[]string](tb, `window.__announced`)[n:] }

	// The host still gone: Enter tries at once, and fails.
	n, said := registrations(), len(eval[[]string](tb, `window.__announced`))
	tb.do(`focusing "Try again"`, chromedp.Focus(chromedp.CSS(".status-retry")))
	tb.keys("pressing Enter", kb.Enter)
	tb.waitFor("a new registration", `window.__swRegistered.length > `+strconv.Itoa(n), 3*time.Second)
	tb.waitFor(`"Not saved for offline" again`, statusText+` === "Not saved for offline" && !document.querySelector(".status-retry").hasAttribute("aria-disabled")`, 10*time.Second)
	if got := announcedSince(said); len(got) != 2 || !strings.HasPrefix(got[0], "Saving for offline") || got[1] != "Not saved for offline" {
		t.Errorf("the failed try announced %q, want the saving, then Not saved for offline, once each", got)
	}
	if !eval[bool](tb, `document.activeElement === document.querySelector(".status-retry")`) {
		t.Errorf("focus left Try again: it is on %s", eval[string](tb, `document.activeElement.outerHTML.slice(0, 80)`))
	}

	// The host back: Space tries at once, and saves the site.
	d.up()
	n = registrations()
	pressed := time.Now()
	tb.keys("pressing Space", " ")
	tb.waitFor("a new registration", `window.__swRegistered.length > `+strconv.Itoa(n), 3*time.Second)
	tb.waitSaved(20 * time.Second)
	if waited := time.Since(pressed); waited > 25*time.Second {
		t.Errorf("saved %s after the key, when the page's own try would have come", waited)
	}
	if missing := evalAwait[[]string](tb, missingFromCacheJS); len(missing) > 0 {
		t.Errorf("the cache lacks %d files: %q", len(missing), missing)
	}
	if eval[bool](tb, retryShownJS) {
		t.Error(`"Try again" is still shown once the site is saved`)
	}
	if got := eval[string](tb, `document.activeElement.className`); got != "status-live visually-hidden" {
		t.Errorf("with Try again gone, focus is on %q, want the status line's live copy", got)
	}
	if ring := eval[string](tb, `getComputedStyle(document.querySelector(".status-text")).outlineStyle`); ring != "solid" {
		t.Errorf("with focus on the status's live copy, the line on screen has no focus ring (outline %q)", ring)
	}
	tb.checkConsole(allowDropped)
}

// TestUpdateInstallFailureKeepsSaved saves the site, then deploys a new
// version whose install drops: the worker of the first version still
// serves the page from what it saved, so the page says so ("Available
// offline"), offers no "Try again" and keeps Install, rather than "Not
// saved for offline" and a try that would find the old worker and stop
// at "Saving for offline 0%".
func TestUpdateInstallFailureKeepsSaved(t *testing.T) {
	t.Parallel()
	first := synthetic()
	h1 := privateHost(t, "-data", writeDataset(t, "v1.json", first))
	second := synthetic()
	second.Articles[0].Headline += " (a second version)"
	h2 := privateHost(t, "-data", writeDataset(t, "v2.json", second))
	d := newDroppingNet(t, h1.URL)
	d.deploy(t, h1.URL, false)
	tb := newTab(t, 412, 900)
	tb.addScript(statusRecorder)
	tb.mustLoad(d.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitSaved(40 * time.Second)
	tb.waitFor("the worker to control the page", `!!navigator.serviceWorker.controller`, 10*time.Second)

	d.deploy(t, h2.URL, true)
	eval[chromedp.Void](tb, `navigator.serviceWorker.addEventListener("message", (e) => {
	  if (e.data && e.data.dateline && e.data.dateline.type === "cache-failed") window.__updateFailed = true;
	}); navigator.serviceWorker.getRegistration().then((r) => r.update())`)
	tb.waitFor("the new version's install to fail", `window.__updateFailed === true`, 40*time.Second)
	tb.waitFor(`"Available offline" again`, statusText+` === "Available offline"`, 5*time.Second)
	time.Sleep(500 * time.Millisecond)
	if got := eval[string](tb, statusText); got != "Available offline" {
		t.Errorf("after the update's failed install the status line says %q, want Available offline", got)
	}
	if eval[bool](tb, retryShownJS) {
		t.Error(`"Try again" is offered while the first version's worker serves the saved site`)
	}
	// Chromium offers installing when it is ready to, which may come
	// after this point: the page is offered it the way Chromium does.
	eval[chromedp.Void](tb, offerInstallJS)
	tb.waitFor("Install app, the site being saved", installShownJS, 5*time.Second)
	d.up()
	tb.checkConsole(allowDropped)
}

// TestOfflineRetryGoesOn cuts the first install of a site of 100
// articles after 150 of its requests have gone through: what it saved stays, and the reader's "Try again",
// once the host is back, fetches none of it again.
func TestOfflineRetryGoesOn(t *testing.T) {
	t.Parallel()
	// 100 articles: some 200 files to save, in batches of 40, 3 at once.
	ds := &article.Dataset{}
	for i := range 100 {
		ds.Articles = append(ds.Articles, article.Article{
			Slug: fmt.Sprintf("retry-%03d", i), Headline: fmt.Sprintf("Synthetic retry story %d", i),
			Body: []article.Block{{Type: article.Paragraph, Text: "A synthetic paragraph of test copy."}},
		})
	}
	h := privateHost(t, "-data", writeDataset(t, "retry-100.json", ds))
	d := newDroppingNet(t, h.URL)
	d.mu.Lock()
	d.after = 150 // past the first three batches
	d.mu.Unlock()
	tb := newTab(t, 412, 900)
	failFirstInstall(t, tb, d)
	kept := evalAwait[[]string](tb, `(async () => {
	  const out = [];
	  for (const k of await caches.keys()) {
	    if (!k.startsWith("dateline-") || k === "dateline-meta" || k === "dateline-saved") continue;
	    for (const r of await (await caches.open(k)).keys()) out.push(new URL(r.url).pathname);
	  }
	  return out;
	})()`)
	var files []string
	for _, p := range kept {
		if strings.HasPrefix(p, "/data/") || strings.HasPrefix(p, "/articles/") {
			files = append(files, p)
		}
	}
	if len(files) < 40 {
		t.Fatalf("the failed install kept %d pages and data files (%d entries), want a batch or more", len(files), len(kept))
	}
	d.mu.Lock()
	d.recording = true
	d.mu.Unlock()
	d.up()
	tb.waitFor(`"Try again"`, retryShownJS, 5*time.Second)
	tb.click(`"Try again"`, ".status-retry")
	tb.waitSaved(40 * time.Second)
	if missing := evalAwait[[]string](tb, missingFromCacheJS); len(missing) > 0 {
		t.Errorf("after the retry the cache lacks %d files: %q", len(missing), missing)
	}
	d.mu.Lock()
	served := d.served
	d.mu.Unlock()
	again := 0
	for _, p := range served {
		if slices.Contains(files, p) {
			again++
		}
	}
	if again > 0 {
		t.Errorf("the retry fetched %d of the %d files the failed install had kept", again, len(files))
	}
	t.Logf("kept %d files from the failed install; the retry made %d requests", len(files), len(served))
	tb.checkConsole(allowDropped)
}
