//go:build !(js && wasm)

package browser

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"dateline/app/article"
	dlpage "dateline/app/page"
	"dateline/internal/chromium"
)

// listedPaths returns the article paths the home page on screen links to,
// in order, each once.
func listedPaths(t *testing.T, tb *tab) []string {
	t.Helper()
	paths := eval[[]string](tb, `Array.from(new Set(Array.from(
		document.querySelectorAll("main article.summary a[href^='/articles/']")).map((a) => a.getAttribute("href"))))`)
	if len(paths) == 0 {
		t.Fatal("the home page lists no article")
	}
	return paths
}

// firstVisit opens the home page of base in a cold profile, waits until the
// whole site is saved for offline reading, and returns the article paths
// the home page lists.
func firstVisit(t *testing.T, tb *tab, base string, timeout time.Duration) []string {
	t.Helper()
	tb.mustLoad(base+"/", http.StatusOK)
	tb.waitLive()
	// The app took the page over as the host drew it, from the copy the
	// loader kept (app/site/loader.js, app/client): the page's data file
	// was not fetched before the worker's install.
	if eval[bool](tb, `"datelineDrawn" in window && window.datelineDrawn !== undefined`) {
		t.Error("the app did not take the page the loader kept")
	}
	if n := eval[int](tb, `performance.getEntriesByType("resource").filter((e) => e.name.includes("/lists/home/1.json")).length`); n != 0 {
		t.Errorf("the home page's data file was requested %d times before the worker's install, want none", n)
	}
	start := time.Now()
	n := tb.waitSaved(timeout)
	checkRegistered(t, tb, "live")
	t.Logf("the service worker saved %d files for offline reading (%s after the app was live)", n, time.Since(start).Round(100*time.Millisecond))
	return listedPaths(t, tb)
}

// checkRegistered checks that the page registered the service worker
// once, when the app had started (<html data-app> was app): not while
// app.wasm was still loading, when the worker's install would compete with
// it (app/site/workerstart.js).
func checkRegistered(t *testing.T, tb *tab, app string) {
	t.Helper()
	type registration struct{ App, Script string }
	got := eval[[]registration](tb, `window.__swRegistered`)
	if len(got) != 1 || got[0].App != app || got[0].Script != "/app-worker.js" {
		t.Errorf("service worker registrations %+v, want one of /app-worker.js, with data-app %q", got, app)
	}
}

// TestWorkerWhenAppStays: when the app cannot start, the prerendered page
// stays, readable and marked, and the service worker is registered then
// and saves the site: the page's data file refused, and no copy of the
// page as drawn (as from a loader that kept none), so that the app gives
// up (data-app="stayed"); or app.wasm refused (data-app="failed"). Only
// the page's requests are refused; the worker's own go through.
func TestWorkerWhenAppStays(t *testing.T) {
	t.Parallel()
	h := seedHost(t)
	for _, c := range []struct{ name, refused, app, console string }{
		{"data file refused", "/data/*", "stayed", "staying on the prerendered page"},
		{"app.wasm refused", "/web/app.*wasm*", "failed", "loading wasm failed"}, // by any name
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, 1280, 900)
			if c.app == "stayed" {
				tb.addScript(`Object.defineProperty(window, "datelineDrawn", {get() { return undefined; }, set() {}});`)
			}
			if _, err := chromedp.Call(tb.ctx, network.Enable, network.EnableParams{}); err != nil {
				t.Fatalf("enabling the network domain: %v", err)
			}
			if _, err := chromedp.Call(tb.ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{
				URLPatterns: []*network.BlockPattern{{URLPattern: h.URL + c.refused, Block: true}},
			}); err != nil {
				t.Fatalf("refusing %s: %v", c.refused, err)
			}
			tb.mustLoad(h.URL+"/", http.StatusOK)
			tb.waitFor(`<html data-app="`+c.app+`">`, `document.documentElement.dataset.app === "`+c.app+`"`, 30*time.Second)
			tb.waitSaved(30 * time.Second)
			checkRegistered(t, tb, c.app)
			if text := eval[string](tb, `document.querySelector("main").innerText`); !strings.Contains(text, bundled(t).Articles[0].Headline) {
				t.Errorf("the prerendered home page did not stay: main reads %.200q", text)
			}
			if !strings.Contains(tb.consoleText(), c.console) {
				t.Errorf("the console does not say %q:\n%s", c.console, tb.consoleText())
			}
		})
	}
}

// TestWorkerWithoutTheApp: where go-app does not load app.wasm at all
// (here its ?wasm=false), nothing marks the page, and the service worker is
// registered 30 seconds after the load (app/site/workerstart.js), then
// saves the site.
func TestWorkerWithoutTheApp(t *testing.T) {
	t.Parallel()
	h := seedHost(t)
	tb := newTab(t, 1280, 900)
	tb.mustLoad(h.URL+"/?wasm=false", http.StatusOK)
	start := time.Now()
	tb.waitFor("a registration of the service worker", `window.__swRegistered.length > 0`, 45*time.Second)
	if waited := time.Since(start); waited < 25*time.Second {
		t.Errorf("the worker was registered %s after the load, before the app could have started", waited.Round(time.Second))
	}
	tb.waitSaved(30 * time.Second)
	checkRegistered(t, tb, "")
}

// TestWorkerPageOpenedWhileInstalling builds the race that CI found
// before aa56cc4: a page whose navigation began before the service worker
// was active, and whose document arrives after it has installed, activated
// and told the open pages so. Such a page is not controlled, and it missed
// those reports. A second tab starts that navigation before the first tab
// registers the worker, its document held back (Fetch interception) until
// the worker is activated. The page must still learn that the site is
// saved, and be taken over by the worker once it asks (before that, its
// fetches bypassed the cache: CI saw such a page after a reload stay
// uncontrolled); the next page it opens is controlled too.
func TestWorkerPageOpenedWhileInstalling(t *testing.T) {
	t.Parallel()
	h := seedHost(t)
	tb := newTab(t, 412, 900)
	tb.mustLoad(h.URL+"/?wasm=false", http.StatusOK) // starts the browser; registers nothing for 30 s
	article := h.URL + dlpage.ArticlePath(seedSlug)

	// The second tab's navigation, held at its request.
	bctx, cancel := chromedp.NewContext(tb.ctx)
	t.Cleanup(cancel)
	held := &tab{t: t, ctx: bctx}
	held.addScript(`window.__controlledAtStart = !!navigator.serviceWorker.controller;`)
	paused := make(chan fetch.RequestID, 1)
	if err := chromedp.Listen(bctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			select {
			case paused <- e.RequestID:
			default:
			}
		}
	}); err != nil {
		t.Fatalf("listening to the second tab: %v", err)
	}
	if _, err := chromedp.Call(bctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{
		{URLPattern: "*/articles/*", ResourceType: network.ResourceTypeDocument}}}); err != nil {
		t.Fatalf("holding the second tab's documents: %v", err)
	}
	loaded := make(chan error, 1)
	go func() {
		_, err := chromium.Load(bctx, article)
		loaded <- err
	}()
	var id fetch.RequestID
	select {
	case id = <-paused:
	case <-time.After(10 * time.Second):
		t.Fatal("the second tab's document was not held")
	}

	// The first tab registers the worker, which installs and activates.
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitSaved(30 * time.Second)
	tb.waitFor("the worker to control the first tab", `!!navigator.serviceWorker.controller`, 10*time.Second)

	if _, err := chromedp.Call(bctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id}); err != nil {
		t.Fatalf("letting the held document through: %v", err)
	}
	if err := <-loaded; err != nil {
		t.Fatalf("loading %s in the second tab: %v", article, err)
	}
	if _, err := chromedp.Call(bctx, fetch.Disable, cdp.Empty{}); err != nil {
		t.Fatalf("ending the interception: %v", err)
	}
	if eval[bool](held, `window.__controlledAtStart`) {
		t.Fatal("the held page was controlled from its start: the case this test builds did not happen")
	}
	held.waitSaved(10 * time.Second)
	held.waitFor("the worker to take over the held page", `!!navigator.serviceWorker.controller`, 10*time.Second)
	held.mustLoad(h.URL+"/", http.StatusOK)
	if !eval[bool](held, `!!navigator.serviceWorker.controller`) {
		t.Error("the page opened next in the second tab is not controlled by the worker")
	}
	tb.checkConsole(nil)
}

// checkWasmFetch checks which way the page on screen fetched app.wasm
// (app/site/wasmfetch.js): with go-app's progress on a first visit; when
// the service worker answers, compiled early, from the page's head, by the
// loader ("early"), and instantiated by go-app's app.js.
func checkWasmFetch(t *testing.T, tb *tab, what, want string) {
	t.Helper()
	got := eval[[]string](tb, `performance.getEntriesByName("dateline:wasm-fetch").map((m) => m.detail)`)
	if len(got) != 1 || got[0] != want {
		t.Errorf("%s: app.wasm fetched %q, want once, %q", what, got, want)
	}
}

// readWithoutHost checks everything a reader does once the tab can no
// longer reach the host: every listed article opens by its address (with
// variants, also with a query string and with a fragment); a reload; links
// followed in the page; unknown addresses show the site's not-found page,
// never the browser's error page.
func readWithoutHost(t *testing.T, tb *tab, base string, ds *article.Dataset, paths []string, variants bool) {
	t.Helper()
	articles := bySlug(ds)
	at := func(path string) article.Article {
		t.Helper()
		a, ok := articles[strings.TrimPrefix(path, "/articles/")]
		if !ok {
			t.Fatalf("the home page links to %s, which is not in the dataset", path)
		}
		return a
	}
	for _, path := range paths {
		a := at(path)
		urls := []string{path}
		if variants {
			urls = append(urls, path+"?utm=x", path+"#frag")
		}
		for _, u := range urls {
			tb.mustLoad(base+u, http.StatusOK)
			checkArticle(t, tb, "offline "+u, a, true)
			checkWasmFetch(t, tb, "offline "+u, "early")
		}
	}

	// Reload the article on screen.
	last := paths[len(paths)-1]
	eval[chromedp.Void](tb, `window.__marker = 7`)
	tb.reload("reloading " + last)
	if m := eval[int](tb, `window.__marker || 0`); m != 0 {
		t.Errorf("reloading %s offline: no reload happened", last)
	}
	if href := eval[string](tb, `location.href`); strings.HasPrefix(href, "chrome-error:") {
		t.Fatalf("reloading %s offline: the browser shows its error page", last)
	}
	checkArticle(t, tb, "offline reload of "+last, at(last), true)

	// Home, then an article, then one it links to, in the page.
	tb.mustLoad(base+"/", http.StatusOK)
	tb.waitLive()
	tb.waitH1("Latest articles")
	eval[chromedp.Void](tb, `window.__marker = 42`)
	first, next := at(paths[0]), ""
	for _, p := range paths {
		for _, r := range at(p).Related {
			if _, ok := articles[r.Slug]; ok && next == "" {
				first, next = at(p), r.Slug
			}
		}
	}
	tb.do("opening "+first.Slug+" from the home page",
		chromedp.Click(chromedp.CSS(`main article.summary a[href="/articles/`+first.Slug+`"]`)))
	checkArticle(t, tb, "offline, followed from the home page: "+first.Slug, first, false)
	if next != "" {
		tb.do("following the related link to "+next,
			chromedp.Click(chromedp.CSS(`section.related a[href="/articles/`+next+`"]`)))
		checkArticle(t, tb, "offline, followed from "+first.Slug+": "+next, articles[next], false)
	}
	if m := eval[int](tb, `window.__marker || 0`); m != 42 {
		t.Errorf("offline: following links reloaded the page")
	}

	for _, path := range []string{"/no/such/page", "/articles/no-such-slug"} {
		st, err := tb.load(base + path)
		if err != nil {
			t.Errorf("offline %s: the navigation failed: %v", path, err)
			continue
		}
		if st != http.StatusNotFound {
			t.Errorf("offline %s: status %d, want 404", path, st)
		}
		checkNotFound(t, tb, "offline "+path)
	}
}

// TestOfflineAfterFirstVisit opens the home page once, waits until the
// site is saved, then cuts the page and its service worker off the network
// and reads every article, on the bundled dataset and on the synthetic one.
func TestOfflineAfterFirstVisit(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		host func(testing.TB) *host
		ds   func(testing.TB) *article.Dataset
	}{
		{"seed", seedHost, bundled},
		{"synthetic", syntheticHost, func(testing.TB) *article.Dataset { return synthetic() }},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := c.host(t)
			tb := newTab(t, 1280, 900)
			paths := firstVisit(t, tb, h.URL, 30*time.Second)
			checkWasmFetch(t, tb, "first visit", "network")
			tb.goOffline()
			tb.waitFor(`the status bar to say "Offline"`, statusText+`.includes("Offline")`, 5*time.Second)
			readWithoutHost(t, tb, h.URL, c.ds(t), paths, true)
			// Offline, the browser logs the failed requests of the app's
			// update checks; nothing else may be logged.
			tb.checkConsole(allowOffline)
		})
	}
}

// TestOtherAddressesUnderTheWorker opens pages by another form of their
// address ("/page/1", a trailing slash) once the service worker controls
// the site, online and offline: each lands on the page's own address, as
// the host's 301 does without the worker. (A worker that handed the
// navigation the response its own fetch had followed through the host's
// redirect made the browser show its error page.)
func TestOtherAddressesUnderTheWorker(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "addresses.json", archiveDataset(40)))
	tb := newTab(t, 412, 900)
	paths := firstVisit(t, tb, h.URL, 30*time.Second)
	if len(paths) == 0 {
		t.Fatal("the home page lists no articles")
	}
	for _, mode := range []string{"online", "offline"} {
		if mode == "offline" {
			tb.goOffline()
		}
		for from, to := range map[string]string{
			"/page/1":         "/",
			"/page/2/":        "/page/2",
			paths[0] + "/":    paths[0],
			"/saved/":         dlpage.SavedPath,
			"/search/?q=x%20": dlpage.SearchPath,
			// A page's file in an export by its name, as on the host.
			"/index":           "/",
			"/index.html":      "/",
			paths[0] + ".html": paths[0],
		} {
			st, err := tb.load(h.URL + from)
			if err != nil || st != http.StatusOK {
				t.Errorf("%s, %s: status %d, %v", mode, from, st, err)
				continue
			}
			if got := eval[string](tb, `location.pathname`); got != to {
				t.Errorf("%s, %s: landed on %s, want %s", mode, from, got, to)
			}
			tb.waitFor(mode+", "+from+": the page drawn", `!!document.querySelector("main h1")`, 10*time.Second)
		}
	}
	tb.checkConsole(allowOffline)
}

// allowOffline accepts the console messages of requests that fail because
// the network is cut off, and of documents that answer 404 by design.
func allowOffline(m chromedp.ConsoleMessage) bool {
	return m.Source == "network" && (strings.Contains(m.Text, "ERR_INTERNET_DISCONNECTED") ||
		strings.Contains(m.Text, "ERR_CONNECTION_REFUSED") || strings.Contains(m.Text, "404") ||
		strings.Contains(m.Text, "ERR_FAILED")) ||
		strings.Contains(m.Text, "An unknown error occurred when fetching the script") ||
		strings.Contains(m.Text, "Failed to update a ServiceWorker")
}

// TestOfflineHostGone is TestOfflineAfterFirstVisit with the host process
// killed instead of an emulated network: the worker's fetches fail with
// a refused connection, and navigator.onLine stays true.
func TestOfflineHostGone(t *testing.T) {
	t.Parallel()
	ds := synthetic()
	h := privateHost(t, "-data", writeDataset(t, "synthetic.json", ds))
	tb := newTab(t, 1280, 900)
	paths := firstVisit(t, tb, h.URL, 30*time.Second)
	checkWasmFetch(t, tb, "first visit", "network")
	h.cmd.Process.Kill()
	<-h.done
	if _, err := http.Get(h.URL + "/"); err == nil {
		t.Fatal("the host still answers after it was killed")
	}
	// How the worker matches a query string or a fragment does not depend
	// on how the network fails: TestOfflineAfterFirstVisit covers those.
	readWithoutHost(t, tb, h.URL, ds, paths, false)
	tb.checkConsole(allowOffline)
}

// TestOfflineAtScale caches a synthetic dataset of 2,000 articles (the
// tools/gendata generator), which the worker saves completely at install,
// then reads a sample of its articles offline.
func TestOfflineAtScale(t *testing.T) {
	const n = 2000
	file := gendata(t, "synthetic-2000.json", "-n", fmt.Sprint(n))
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var ds article.Dataset
	if err := json.Unmarshal(raw, &ds); err != nil || len(ds.Articles) != n {
		t.Fatalf("tools/gendata wrote %d articles (%v), want %d", len(ds.Articles), err, n)
	}
	h := privateHost(t, "-data", file)
	tb := newTab(t, 1280, 900)
	tb.extend(4 * time.Minute)
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	start := time.Now()
	files := tb.waitSaved(3 * time.Minute)
	t.Logf("saved %d articles for offline reading in %s (%d files in the cache)", n, time.Since(start).Round(100*time.Millisecond), files)
	if want := 2 * n; files < want {
		t.Errorf("the cache holds %d files, fewer than the %d pages and data files of %d articles", files, want, n)
	}
	tb.goOffline()
	for i := range 10 {
		a := ds.Articles[(i*n)/10+i*7]
		path := dlpage.ArticlePath(a.Slug)
		tb.mustLoad(h.URL+path, http.StatusOK)
		checkArticle(t, tb, "offline "+path, a, true)
	}
	tb.checkConsole(allowOffline)
}

// proxyTo returns a reverse proxy to the host at hostURL, for tests that
// put a network of their own between the browser and the host.
func proxyTo(t *testing.T, hostURL string) *httputil.ReverseProxy {
	t.Helper()
	target, err := url.Parse(hostURL)
	if err != nil {
		t.Fatal(err)
	}
	return httputil.NewSingleHostReverseProxy(target)
}

// failingProxy serves the host at hostURL through a proxy that answers a
// request for path with fail and any other as the host does: a file the
// network fails to give. It is closed at the test's end.
func failingProxy(t *testing.T, hostURL, path string, fail http.HandlerFunc) *httptest.Server {
	t.Helper()
	proxy := proxyTo(t, hostURL)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == path {
			fail(w, r)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// serverError answers with a 500.
func serverError(w http.ResponseWriter, _ *http.Request) {
	http.Error(w, "synthetic failure", http.StatusInternalServerError)
}

// dataBase returns the versioned data prefix (/data/<hash>) a page of the
// site names (its loader's data-base).
func dataBase(t *testing.T, pageURL string) string {
	t.Helper()
	return loaderAttr(t, pageURL, "data-base", `/data/[0-9a-f]+`)
}

// versionOf returns the version a page of the site names (its loader's
// data-version).
func versionOf(t *testing.T, pageURL string) string {
	t.Helper()
	return loaderAttr(t, pageURL, "data-version", `[0-9a-f]+`)
}

// loaderAttr returns the value of attribute name, of the form pattern, on
// the loader's script of a page the host serves.
func loaderAttr(t *testing.T, pageURL, name, pattern string) string {
	t.Helper()
	resp, err := http.Get(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<script [^>]*\b` + name + `="(` + pattern + `)"[^>]*>`).FindSubmatch(body)
	if m == nil {
		t.Fatalf("%s names no %s", pageURL, name)
	}
	return string(m[1])
}

// TestOfflineInstallFails puts a proxy in front of the host that answers
// 404 for one article's data file, and checks that the worker's install
// fails as a whole: the reader is told the site is not saved, no worker
// becomes active, and what the install saved, kept for the next try
// (TestOfflineRetryGoesOn), is not a saved site: it lacks the offline
// page, the install's last put.
func TestOfflineInstallFails(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	missing := dataBase(t, h.URL+"/") + "/articles/" + slugBravo + ".json"
	srv := failingProxy(t, h.URL, missing, http.NotFound)

	tb := newTab(t, 1280, 900)
	tb.mustLoad(srv.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitFor(`the status bar to say "Not saved for offline"`,
		statusText+`.includes("Not saved for offline")`, 30*time.Second)
	why := eval[string](tb, `(document.querySelector(".status .status-text") || {}).title || ""`)
	if strings.TrimSpace(why) == "" {
		t.Error(`"Not saved for offline" gives no reason (its title is empty)`)
	}
	t.Logf("the status bar explains: %q", why)
	tb.waitFor("the failed worker to be gone", `navigator.serviceWorker.getRegistration().then(
		(r) => !r || (!r.installing && !r.waiting))`, 20*time.Second)
	type state struct {
		Active     bool
		Controlled bool
		Caches     []string
	}
	check := func(when string) {
		st := evalAwait[state](tb, `(async () => {
			const r = await navigator.serviceWorker.getRegistration();
			const complete = [];
			for (const k of await caches.keys()) if (await (await caches.open(k)).match("/_offline")) complete.push(k);
			return {active: !!(r && r.active), controlled: !!navigator.serviceWorker.controller, caches: complete};
		})()`)
		if st.Active || st.Controlled {
			t.Errorf("%s: a service worker is active (%+v) although its install failed", when, st)
		}
		for _, c := range st.Caches {
			t.Errorf("%s: the cache %q holds the offline page after the failed install: it would pass for a saved site", when, c)
		}
	}
	check("right after the failure")
	time.Sleep(time.Second) // batches still in flight must not bring it back
	check("a second later")
	tb.checkConsole(nil)
}

// TestInstallable asks Chromium whether the seed site can be installed as
// an app, and whether its manifest parses without error.
func TestInstallable(t *testing.T) {
	t.Parallel()
	h := seedHost(t)
	tb := newTab(t, 1280, 900)
	tb.mustLoad(h.URL+"/articles/"+seedSlug, http.StatusOK)
	tb.waitLive()
	tb.waitFor("the service worker to control the page", `!!navigator.serviceWorker.controller`, 30*time.Second)
	man, err := chromedp.Call(tb.ctx, page.GetAppManifest, page.GetAppManifestParams{})
	if err != nil {
		t.Fatalf("Page.getAppManifest: %v", err)
	}
	// Named by its content's hash, as pages name the app's files; its id
	// is the app's identity whatever that address is.
	if !regexp.MustCompile(`/manifest\.[0-9a-f]{24}\.webmanifest$`).MatchString(man.URL) {
		t.Errorf("manifest URL = %q", man.URL)
	}
	if man.Manifest == nil || !strings.HasSuffix(man.Manifest.ID, "/") || strings.Count(man.Manifest.ID, "/") != 3 {
		t.Errorf("the manifest's id is not the site's root: %+v", man.Manifest)
	}
	for _, e := range man.Errors {
		t.Errorf("manifest error at %d:%d (critical %d): %s", e.Line, e.Column, e.Critical, e.Message)
	}
	inst, err := chromedp.Call(tb.ctx, page.GetInstallabilityErrors, cdp.Empty{})
	if err != nil {
		t.Fatalf("Page.getInstallabilityErrors: %v", err)
	}
	for _, e := range inst.InstallabilityErrors {
		var args []string
		for _, a := range e.ErrorArguments {
			args = append(args, a.Name+"="+a.Value)
		}
		t.Errorf("installability error %s %v", e.ErrorID, args)
	}
	tb.checkConsole(nil)
}
