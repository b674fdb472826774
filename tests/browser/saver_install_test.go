//go:build !(js && wasm)

package browser

// The service worker's installs with data saver on: turned on while the
// site is being saved, it stops the download; on at an update, the
// install saves only what data saver keeps, and the reader's saved
// articles still open offline; turned off again, the rest is saved.

import (
	"net"
	"net/http"
	"net/http/httputil"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"dateline/app/article"
	dlpage "dateline/app/page"
)

// watchedNet is a proxy in front of a host that records the paths it
// serves (an app's file by its plain path, plainName), can hold the requests for article pages (or other paths) until
// let go (to turn data saver on while an install is under way), and can
// put another host behind the same address (a deploy), all paths or some.
type watchedNet struct {
	URL string

	mu     sync.Mutex
	proxy  *httputil.ReverseProxy
	pinned map[string]*httputil.ReverseProxy // paths served by another host (pin)
	served []string
	bytes  map[string]int64 // body bytes sent, by path, since the last take
	gates  map[string]*gate // by path prefix
	slowed map[string]slowness
}

// slowness is how a slowed path's body comes: pieces of a size, a pause
// after each.
type slowness struct {
	piece int
	pause time.Duration
}

// gate holds the requests under its prefix until closed.
type gate struct {
	open chan struct{}
	held bool // a request was held
	once bool // only the first request is held
}

func newWatchedNet(t *testing.T, hostURL string) *watchedNet {
	t.Helper()
	w := &watchedNet{gates: map[string]*gate{}, pinned: map[string]*httputil.ReverseProxy{}, slowed: map[string]slowness{}, bytes: map[string]int64{}}
	w.deploy(t, hostURL)
	srv := &http.Server{Handler: http.HandlerFunc(w.handle)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	w.URL = "http://" + ln.Addr().String()
	go srv.Serve(ln)
	t.Cleanup(func() {
		w.release()
		srv.Close()
	})
	return w
}

func (w *watchedNet) handle(rw http.ResponseWriter, r *http.Request) {
	// An app's file counts as itself whichever name it is asked by, its
	// plain path or the one with its hash that pages use.
	path := plainName(r.URL.Path)
	w.mu.Lock()
	w.served = append(w.served, path)
	var wait chan struct{}
	for prefix, g := range w.gates {
		if strings.HasPrefix(path, prefix) && !(g.once && g.held) {
			g.held, wait = true, g.open
		}
	}
	proxy := w.proxy
	if p := w.pinned[path]; p != nil {
		proxy = p
	}
	if sl, ok := w.slowed[path]; ok {
		rw = &slowWriter{ResponseWriter: rw, slowness: sl, done: r.Context().Done()}
	}
	rw = &countingWriter{ResponseWriter: rw, w: w, path: path}
	w.mu.Unlock()
	if wait != nil {
		select {
		case <-wait:
		case <-r.Context().Done():
			return
		}
	}
	proxy.ServeHTTP(rw, r)
}

// deploy puts hostURL behind the address.
func (w *watchedNet) deploy(t *testing.T, hostURL string) {
	t.Helper()
	p := proxyTo(t, hostURL)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.proxy = p
}

// slow sends path's body from now on in pieces of piece bytes, a pause
// after each: a slow link, on which the body keeps coming.
func (w *watchedNet) slow(path string, piece int, pause time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.slowed[path] = slowness{piece, pause}
}

// countingWriter adds the body bytes it writes to its proxy's count for
// path.
type countingWriter struct {
	http.ResponseWriter
	w    *watchedNet
	path string
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.ResponseWriter.Write(p)
	c.w.mu.Lock()
	c.w.bytes[c.path] += int64(n)
	c.w.mu.Unlock()
	return n, err
}

func (c *countingWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// sent tells how many body bytes went out for path since the last take.
func (w *watchedNet) sent(path string) int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.bytes[path]
}

// slowWriter writes a body in pieces, each flushed, with a pause after
// each.
type slowWriter struct {
	http.ResponseWriter
	slowness
	done <-chan struct{}
}

func (s *slowWriter) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		k := min(len(p), s.piece)
		m, err := s.ResponseWriter.Write(p[:k])
		n += m
		if err != nil {
			return n, err
		}
		if err := http.NewResponseController(s.ResponseWriter).Flush(); err != nil {
			return n, err
		}
		select {
		case <-time.After(s.pause):
		case <-s.done:
			return n, http.ErrAbortHandler
		}
		p = p[k:]
	}
	return n, nil
}

// pin has hostURL answer path from now on, whatever is deployed (a CDN's
// copy of a page, older than the site).
func (w *watchedNet) pin(t *testing.T, path, hostURL string) {
	t.Helper()
	p := proxyTo(t, hostURL)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pinned[path] = p
}

// hold makes the paths that start with prefix wait from now on, until
// released; holdOnce only the first request for them.
func (w *watchedNet) hold(prefix string)     { w.gate(prefix, false) }
func (w *watchedNet) holdOnce(prefix string) { w.gate(prefix, true) }

func (w *watchedNet) gate(prefix string, once bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if g := w.gates[prefix]; g != nil {
		close(g.open)
	}
	w.gates[prefix] = &gate{open: make(chan struct{}), once: once}
}

// holding tells whether a request was held, under prefix or, for "", any.
func (w *watchedNet) holding(prefix ...string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for p, g := range w.gates {
		if g.held && (len(prefix) == 0 || p == prefix[0]) {
			return true
		}
	}
	return false
}

// release lets go the requests held under prefix or, for none, all.
func (w *watchedNet) release(prefix ...string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for p, g := range w.gates {
		if len(prefix) == 0 || p == prefix[0] {
			close(g.open)
			delete(w.gates, p)
		}
	}
}

// waitHolding waits until a request under prefix is held.
func (w *watchedNet) waitHolding(t *testing.T, prefix string, timeout time.Duration) {
	t.Helper()
	for deadline := time.Now().Add(timeout); !w.holding(prefix); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("nothing asked for %s in %s", prefix, timeout)
		}
	}
}

// count tells how many requests for path were served since the last take.
func (w *watchedNet) count(path string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, p := range w.served {
		if p == path {
			n++
		}
	}
	return n
}

// take returns the paths served since the last take, and forgets them.
func (w *watchedNet) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.served
	w.served = nil
	w.bytes = map[string]int64{}
	return s
}

// twoVersions starts the hosts of two versions of a site, A and B, of n
// plainly synthetic articles (B's first headline changed), and returns
// them with A's dataset.
func twoVersions(t *testing.T, n int, name string) (hostA, hostB *host, dsA *article.Dataset) {
	t.Helper()
	dsA = archiveDataset(n)
	dsB := archiveDataset(n)
	dsB.Articles[0].Headline = "Synthetic archive story 0, updated"
	hostA = privateHost(t, "-data", writeDataset(t, name+"-a.json", dsA))
	hostB = privateHost(t, "-data", writeDataset(t, name+"-b.json", dsB))
	return hostA, hostB, dsA
}

// waitInstalled waits until the worker of version has installed: its
// install's last put is the offline page.
func (tb *tab) waitInstalled(what, version string, timeout time.Duration) {
	tb.t.Helper()
	tb.waitFor(what, `caches.open("dateline-`+version+`").then((c) => c.match("/_offline")).then((r) => window.__installed = !!r) && window.__installed === true`, timeout)
}

// setSaver ticks or clears Data saver in the Reading settings, as a
// reader does, and closes the panel.
func setSaver(tb *tab, on bool) {
	tb.t.Helper()
	tb.click("opening Reading settings", ".tool-settings")
	if eval[bool](tb, `document.getElementById("setting-saver").checked`) != on {
		tb.click("ticking Data saver", `label[for="setting-saver"]`)
	}
	tb.keys("closing Reading settings", kb.Escape)
	if got := eval[bool](tb, storedJS("dateline:settings")+`.saver === true`); got != on {
		tb.t.Fatalf("Data saver kept as %v, want %v", got, on)
	}
}

// siteFilesJS lists the files of a whole install beyond the app (the
// version's offline.json).
const siteFilesJS = `(async () => {
  const base = document.querySelector("script[data-base]").getAttribute("data-base");
  return await (await fetch(base + "/offline.json")).json();
})()`

// lightMissingJS lists what data saver keeps (the first page of the home
// list and of each section, with their data files; the saved articles',
// search, offline and not-found pages; the app but app.wasm) that is not
// in the cache named by window.__cacheName, for the version whose data
// path is window.__dataBase.
const lightMissingJS = `(async () => {
  const base = window.__dataBase;
  const want = ["/", base + "/lists/home/1.json", "/saved", "/search", "/_offline", "/_not-found",
    "/app.js", "/wasm_exec.js", "/web/reader.js", "/web/dateline.css", "/manifest.webmanifest"];
  for (const a of document.querySelectorAll(".site-header a[href^='/sections/']")) {
    const p = a.getAttribute("href");
    want.push(p, base + "/lists" + p + "/1.json");
  }
  const cache = await caches.open(window.__cacheName);
  const missing = [];
  for (const u of new Set(want)) if (!(await cache.match(u))) missing.push(u);
  return missing;
})()`

// countIn counts the entries of the cache named name whose path matches re.
func countIn(tb *tab, name, re string) int {
	tb.t.Helper()
	return evalAwait[int](tb, `(async () => {
	  const keys = await (await caches.open(`+jsString(name)+`)).keys();
	  return keys.filter((r) => new RegExp(`+jsString(re)+`).test(new URL(r.url).pathname)).length;
	})()`)
}

// stopInstall makes a first visit to the home page behind w, holds the
// article pages its worker's install fetches, turns data saver on while
// they are held, and waits for the install to end; it returns how many
// entries the stopped install saved. What w served after data saver was
// turned on is left for the caller to take.
func stopInstall(t *testing.T, tb *tab, w *watchedNet) int {
	t.Helper()
	w.hold("/articles/")
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitLive()
	for deadline := time.Now().Add(60 * time.Second); !w.holding(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the worker's install fetched no article page in 60s; status line %q", eval[string](tb, statusText))
		}
	}
	if got := eval[string](tb, statusText); !strings.HasPrefix(got, "Saving for offline") {
		t.Errorf("while the install runs the status line says %q", got)
	}
	setSaver(tb, true)
	w.take()
	w.release()
	return tb.waitSaved(2 * time.Minute)
}

// TestSaverStopsInstall turns data saver on while a first visit's install
// saves a site of 300 articles (its article pages held until then): the
// install stops at its next batch rather than go on to the end, with
// what data saver keeps in the cache; the status line says what is saved. Turned off again, the worker saves
// the rest, and the status line says the site is saved.
func TestSaverStopsInstall(t *testing.T) {
	t.Parallel()
	const n = 300
	h := privateHost(t, "-data", writeDataset(t, "saver-stop.json", archiveDataset(n)))
	w := newWatchedNet(t, h.URL)
	tb := newTab(t, 412, 900)
	tb.extend(4 * time.Minute)
	entries := stopInstall(t, tb, w)
	served := w.take()
	full := len(evalAwait[[]string](tb, siteFilesJS))
	eval[chromedp.Void](tb, `window.__cacheName = "dateline-" + goappGetenv("GOAPP_VERSION"); window.__dataBase = `+jsString(dataBase(t, h.URL+"/")))
	articles := countIn(tb, "dateline-"+eval[string](tb, `goappGetenv("GOAPP_VERSION")`), `^/articles/`)
	t.Logf("data saver on mid-install: %d entries in the cache of a site of %d files (%d article pages of %d); %d requests after it", entries, full, articles, n, len(served))
	if entries*2 > full || articles*2 > n {
		t.Errorf("the install went on after data saver was turned on: %d entries in the cache (%d article pages), for a site of %d files", entries, articles, full)
	}
	if len(served)*2 > full {
		t.Errorf("%d requests after data saver was turned on, for a site of %d files", len(served), full)
	}
	if missing := evalAwait[[]string](tb, lightMissingJS); len(missing) > 0 {
		t.Errorf("the stopped install lacks what data saver keeps: %q", missing)
	}
	if got := eval[string](tb, statusText); got != "Latest saved offline" {
		t.Errorf("after the stopped install the status line says %q, want Latest saved offline", got)
	}

	// Turned off: the rest of the site is saved, app.wasm too.
	setSaver(tb, false)
	tb.waitFor(`"Available offline"`, statusText+` === "Available offline"`, 2*time.Minute)
	if missing := evalAwait[[]string](tb, missingFromCacheJS); len(missing) > 0 {
		t.Errorf("with data saver off again, %d files of the site are not saved: %.200q", len(missing), missing)
	}
	if !evalAwait[bool](tb, `caches.open(window.__cacheName).then((c) => c.match("/web/app.wasm")).then((r) => !!r)`) {
		t.Error("with data saver off again, app.wasm is not saved")
	}
	tb.checkConsole(nil)
}

// TestSaverUpdateInstall saves a site of 300 articles, then the reader
// saves an article, turns data saver on, and the site publishes a new
// version: the update's install fetches only what data saver keeps (no
// article page but the saved one's refresh, no app.wasm), and offline the
// saved article still opens, the home page too, and an article never read
// opens from the copy the first version saved (the new version has none).
func TestSaverUpdateInstall(t *testing.T) {
	t.Parallel()
	const n = 300
	hostA, hostB, _ := twoVersions(t, n, "saver")
	w := newWatchedNet(t, hostA.URL)
	tb := newTab(t, 412, 900)
	tb.extend(4 * time.Minute)
	firstVisit(t, tb, w.URL, 2*time.Minute)
	full := len(evalAwait[[]string](tb, siteFilesJS))

	const slug = "archive-150"
	head := "Synthetic archive story 150"
	tb.mustLoad(w.URL+dlpage.ArticlePath(slug), http.StatusOK)
	tb.waitLive()
	tb.click("saving", ".tool-save")
	tb.waitFor("the saved copy", `caches.open("dateline-saved").then((c) => c.keys()).then((k) => window.__savedKeys = k.length)`+` && window.__savedKeys === 2`, 10*time.Second)
	setSaver(tb, true)

	versionB := versionOf(t, hostB.URL+"/")
	w.deploy(t, hostB.URL)
	w.take()
	// Any page opened looks for an update of the worker.
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitReader()
	eval[chromedp.Void](tb, `window.__cacheName = "dateline-`+versionB+`"; window.__dataBase = `+jsString(dataBase(t, hostB.URL+"/")))
	// The install's last put is the offline page.
	tb.waitInstalled("the new version's install", versionB, 2*time.Minute)
	tb.waitFor("the new version's worker in charge (the page offers it)", toastJS+`.includes("A new version")`, 20*time.Second)
	time.Sleep(2 * time.Second) // what the install, or anything after it, would still fetch
	if got := eval[string](tb, statusText); got != "Latest saved offline" {
		t.Errorf("after the update's install with data saver on the status line says %q, want Latest saved offline", got)
	}
	served := w.take()
	entries := countIn(tb, "dateline-"+versionB, ``)
	t.Logf("update with data saver on: %d requests, %d entries in the new cache, for a site of %d files; requested: %q", len(served), entries, full, served)
	// Beyond what data saver keeps: the saved article's page and data
	// file, refreshed once per version.
	beyond := regexp.MustCompile(`^/articles/|^/data/[^/]+/articles/|^/tags/|^/web/app\.wasm$`)
	for _, p := range served {
		if beyond.MatchString(p) && !strings.HasSuffix(p, "/"+slug) && !strings.HasSuffix(p, "/"+slug+".json") {
			t.Errorf("the update's install with data saver on fetched %s (of %d requests, for a site of %d files)", p, len(served), full)
			break
		}
	}
	if len(served)*10 > full || entries*10 > full {
		t.Errorf("the update's install with data saver on made %d requests and saved %d files, for a site of %d", len(served), entries, full)
	}
	if missing := evalAwait[[]string](tb, lightMissingJS); len(missing) > 0 {
		t.Errorf("the update's install lacks what data saver keeps: %q", missing)
	}

	tb.goOffline()
	tb.mustLoad(w.URL+dlpage.ArticlePath(slug), http.StatusOK)
	tb.waitReader()
	if h1 := eval[string](tb, `document.querySelector("h1").textContent`); h1 != head {
		t.Errorf("offline after the update, the saved article shows %q, want %q", h1, head)
	}
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitFor("the home page of the new version", `document.body.innerText.includes("Synthetic archive story 0, updated")`, 10*time.Second)
	if st, err := tb.load(w.URL + dlpage.ArticlePath("archive-200")); err != nil || st != http.StatusOK {
		t.Errorf("offline, an article the first version saved: status %d, %v; want its older copy (200)", st, err)
	}
	if h1 := eval[string](tb, `document.querySelector("h1").textContent`); h1 != "Synthetic archive story 200" {
		t.Errorf("offline, an article the first version saved shows %q", h1)
	}
	tb.checkConsole(allowOffline)
}
