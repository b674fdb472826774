//go:build !(js && wasm)

package browser

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
)

// TestAppFilesKeptBetweenPages opens two pages one after the other, each
// a whole page load, where no service worker answers: with data saver on
// (no worker is registered then), and with the app running before a
// worker is in charge (a first visit's next page, a browser without
// workers). The second page takes the app's files (the stylesheet, the
// scripts, the icon, app.wasm) from the browser's cache without asking
// the server, on the Go host and on the export behind nginx and Caddy:
// pages name them by their content's hash, in their names, which the
// hosts answer as immutable. Before, the static hosts sent them whole again for every
// page (they carry no validators there), and the Go host was asked each
// time (a 304): on a slow link, a round trip each.
func TestAppFilesKeptBetweenPages(t *testing.T) {
	t.Parallel()
	data := writeDataset(t, "appfiles.json", synthetic())
	dir := exportSite(t, "-data", data)
	h := privateHost(t, "-data", data)
	ng, cd := &staticSite{Root: dir}, &staticSite{Root: dir}
	startNginx(t, []*staticSite{ng})
	startCaddy(t, cd)
	for _, srv := range []struct{ name, url string }{{"host", h.URL}, {"nginx", ng.URL}, {"caddy", cd.URL}} {
		for _, saver := range []bool{true, false} {
			name := srv.name + "/app running"
			if saver {
				name = srv.name + "/data saver"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				tb := newTab(t, 412, 900)
				if saver {
					if _, err := chromedp.Call(tb.ctx, emulation.SetDataSaverOverride, emulation.SetDataSaverOverrideParams{DataSaverEnabled: ptrTo(true)}); err != nil {
						t.Fatalf("emulating Save-Data: %v", err)
					}
				}
				// No worker answers, as before one is in charge.
				if _, err := chromedp.Call(tb.ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true}); err != nil {
					t.Fatalf("bypassing the service worker: %v", err)
				}
				net := watchRequests(t, tb)
				open := func(path string) {
					tb.mustLoad(srv.url+path, http.StatusOK)
					if saver {
						tb.waitFor("reader.js", `document.documentElement.hasAttribute("data-reader")`, 20*time.Second)
					} else {
						tb.waitLive()
					}
					time.Sleep(500 * time.Millisecond) // the icon, the manifest
				}
				open("/")
				// What the browser keeps it writes as the body comes: on a
				// loaded machine app.wasm's entry may not be whole yet.
				tb.waitFor("the first page's files in the browser's cache", `(window.__kept = window.__kept || (() => {
				  const names = performance.getEntriesByType("resource").map((e) => e.name).filter((n) => /\/web\/|\/app\.[0-9a-f]{24}\.js|\/wasm_exec\.[0-9a-f]{24}\.js|\/manifest\.[0-9a-f]{24}\.webmanifest/.test(n));
				  const p = Promise.all(names.map((n) => fetch(n, {cache: "only-if-cached", mode: "same-origin"}).then((r) => r.ok, () => false)))
				    .then((oks) => { p.done = oks.every(Boolean); if (!p.done) window.__kept = undefined; });
				  return p;
				})()) && window.__kept.done === true`, 20*time.Second)
				first := net.take()
				if len(first.asked(isAppFile)) == 0 {
					t.Fatalf("the first page asked the server for none of the app's files: %v", first)
				}
				open(dlpage.ArticlePath(slugAlpha))
				second := net.take()
				if asked := second.asked(isAppFile); len(asked) > 0 {
					t.Errorf("the second page asked the server again for %v (%d bytes over the network)", asked, second.bytes(isAppFile))
				}
				if !saver && !slices.ContainsFunc(second.all, func(r request) bool { return plainName(r.path) == "/web/app.wasm" }) {
					t.Errorf("the second page did not load app.wasm at all: %v", second)
				}
				t.Logf("second page: %d bytes over the network in all, %d for the app's files", second.bytes(nil), second.bytes(isAppFile))
			})
		}
	}
}

// isAppFile tells the app's files, which every page shares, from the
// page, its data and the rest.
func isAppFile(path string) bool {
	path = plainName(path)
	return strings.HasPrefix(path, "/web/") || path == "/app.js" || path == "/wasm_exec.js" || path == "/manifest.webmanifest"
}

// hashInName is the content's hash in the name of an app's file, as pages
// name it ("/web/dateline.<hash>.css").
var hashInName = regexp.MustCompile(`\.[0-9a-f]{24}(\.[0-9A-Za-z]+)$`)

// plainName is the path of an app's file without the hash in its name
// (and without a query string).
func plainName(path string) string {
	path, _, _ = strings.Cut(path, "?")
	return hashInName.ReplaceAllString(path, "$1")
}

// request is one request of a page, as Chromium's network saw it.
type request struct {
	path    string // with its query
	network bool   // it reached the server (a 200 or a 304), not a cache
	bytes   int64  // over the network, headers included

	answered, cached bool
}

// requests are those of a page load.
type requests struct{ all []request }

func (rs requests) asked(match func(string) bool) []string {
	var out []string
	for _, r := range rs.all {
		if r.network && match(strings.SplitN(r.path, "?", 2)[0]) {
			out = append(out, r.path)
		}
	}
	return out
}

func (rs requests) bytes(match func(string) bool) int64 {
	var n int64
	for _, r := range rs.all {
		if match == nil || match(strings.SplitN(r.path, "?", 2)[0]) {
			n += r.bytes
		}
	}
	return n
}

// requestWatch records a tab's requests as Chromium's network domain
// reports them.
type requestWatch struct {
	mu   sync.Mutex
	byID map[network.RequestID]*request
	ids  []network.RequestID
}

func watchRequests(t *testing.T, tb *tab) *requestWatch {
	t.Helper()
	w := &requestWatch{byID: map[network.RequestID]*request{}}
	if err := chromedp.Listen(tb.ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			u, err := url.Parse(e.Request.URL)
			if err != nil || e.Request.Method != http.MethodGet {
				return
			}
			if _, ok := w.byID[e.RequestID]; !ok {
				w.ids = append(w.ids, e.RequestID)
			}
			w.byID[e.RequestID] = &request{path: u.RequestURI()}
		case *network.EventResponseReceived:
			if r := w.byID[e.RequestID]; r != nil {
				r.answered = e.Response.Status != 0
				r.cached = r.cached || e.Response.FromDiskCache || e.Response.FromPrefetchCache || e.Response.FromServiceWorker
			}
		case *network.EventRequestServedFromCache:
			if r := w.byID[e.RequestID]; r != nil {
				r.cached = true
			}
		case *network.EventLoadingFinished:
			if r := w.byID[e.RequestID]; r != nil {
				r.bytes = int64(e.EncodedDataLength)
			}
		}
	}); err != nil {
		t.Fatalf("listening to the tab's requests: %v", err)
	}
	if _, err := chromedp.Call(tb.ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("enabling the network domain: %v", err)
	}
	return w
}

// take returns the requests seen since the last take, and forgets them.
func (w *requestWatch) take() requests {
	w.mu.Lock()
	defer w.mu.Unlock()
	var rs requests
	for _, id := range w.ids {
		r := *w.byID[id]
		r.network = r.answered && !r.cached
		if !r.network {
			r.bytes = 0
		}
		rs.all = append(rs.all, r)
	}
	w.byID, w.ids = map[network.RequestID]*request{}, nil
	return rs
}

// TestWorkerUpdateCheckSmall: a reader whose site is saved opens another
// page of the export behind nginx, which sends the worker's script without
// validators. The browser checks for a new worker (the page registers it
// again once the app is live) and downloads /app-worker.js whole: one
// line now, which imports the worker by its hash from the browser's cache
// (app/site's splitWorker). Before, that was the whole worker, 15 kB
// gzipped, at each page load.
func TestWorkerUpdateCheckSmall(t *testing.T) {
	t.Parallel()
	dir := exportSite(t, "-data", writeDataset(t, "updatecheck.json", synthetic()))
	ng := &staticSite{Root: dir}
	startNginx(t, []*staticSite{ng})
	w := newWatchedNet(t, ng.URL)
	tb := newTab(t, 412, 900)
	tb.extend(2 * time.Minute)
	firstVisit(t, tb, w.URL, time.Minute)
	w.take()
	tb.mustLoad(w.URL+dlpage.ArticlePath(slugAlpha), http.StatusOK)
	tb.waitLive()
	for deadline := time.Now().Add(30 * time.Second); w.count("/app-worker.js") == 0; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no update check of the worker in 30 s after the page was live")
		}
	}
	time.Sleep(time.Second) // what the check would import
	line := w.sent("/app-worker.js")
	body := w.count("/dateline-worker.js")
	t.Logf("the update check downloaded /app-worker.js, %d bytes, and the worker %d times", line, body)
	if line > 200 || body != 0 {
		t.Errorf("an update check downloaded %d bytes of /app-worker.js and the worker %d times: want one line, and the worker from the browser's cache", line, body)
	}
	if got := eval[string](tb, `navigator.serviceWorker.controller ? navigator.serviceWorker.controller.scriptURL : ""`); !strings.HasSuffix(got, "/app-worker.js") {
		t.Errorf("the page's worker is %q, want /app-worker.js", got)
	}
}
