//go:build !(js && wasm)

package browser

// Saving an article with data saver on from a first visit: pages under
// data saver run no app, so nothing had registered the service worker,
// and "Saved. It opens offline" was untrue. Saving registers it (its
// data saver install: the light files, no app.wasm), and the note says
// "Saved" once the article opens offline, or says what is true.

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
	"dateline/internal/chromium"
)

// savedNoteJS is the text of the toast about the saved article.
const savedNoteJS = `((document.querySelector(".toast-saved") || {}).innerText || "")`

// saverOn turns data saver on before the tab's first page: the browser's
// Save-Data, or the reader's setting kept from an earlier visit.
func saverOn(t *testing.T, tb *tab, how, base string) {
	t.Helper()
	if how == "browser" {
		if _, err := chromedp.Call(tb.ctx, emulation.SetDataSaverOverride, emulation.SetDataSaverOverrideParams{DataSaverEnabled: ptrTo(true)}); err != nil {
			t.Fatalf("emulating Save-Data: %v", err)
		}
		return
	}
	tb.mustLoad(base+"/robots.txt", http.StatusOK)
	eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", JSON.stringify({saver: true}))`)
}

// TestSaverSaveOpensOffline: with data saver on from a first visit, the
// reader saves an article that is no list's first page. The note says
// it opens offline once it does; app.wasm is never downloaded; the
// article's page and data file are downloaded once each (the save's own
// copies: the worker that saving registers neither refreshes them, which
// are this version's already, nor downloads the page again to keep it,
// however many status requests the page sends); offline, the article and
// the saved articles' page open from the device.
func TestSaverSaveOpensOffline(t *testing.T) {
	t.Parallel()
	ds := archiveDataset(60)
	data := writeDataset(t, "saver-save.json", ds)
	h := privateHost(t, "-data", data)
	// The export behind nginx too, whose validators make the browser's
	// revalidations 304s: a 304 is a request all the same.
	static := &staticSite{Root: exportSite(t, "-data", data)}
	startNginx(t, []*staticSite{static})
	a := ds.Articles[len(ds.Articles)-1]
	for _, c := range []struct{ how, host string }{{"browser", h.URL}, {"setting", h.URL}, {"setting-nginx", static.URL}} {
		how := strings.TrimSuffix(c.how, "-nginx")
		t.Run(c.how, func(t *testing.T) {
			w := newWatchedNet(t, c.host)
			tb := newTab(t, 412, 900)
			tb.extend(2 * time.Minute)
			saverOn(t, tb, how, w.URL)
			tb.mustLoad(w.URL+"/", http.StatusOK)
			tb.waitReader()
			tb.mustLoad(w.URL+dlpage.ArticlePath(a.Slug), http.StatusOK)
			tb.waitReader()
			if n := evalAwait[int](tb, `navigator.serviceWorker.getRegistrations().then((r) => r.length)`); n != 0 {
				t.Fatalf("%d service workers registered before saving, want none with data saver on", n)
			}
			w.take()
			tb.click("Save for later", ".tool-save")
			tb.waitFor("the note", savedNoteJS+` !== "" && `+savedNoteJS+` !== "Saved. Keeping it for offline reading…"`, time.Minute)
			if got := eval[string](tb, savedNoteJS); got != "Saved. It opens offline from Saved articles." {
				t.Fatalf("after saving, the note says %q", got)
			}
			if !evalAwait[bool](tb, `navigator.serviceWorker.getRegistration().then((r) => !!(r && r.active))`) {
				t.Fatal("the note says the article opens offline, and no service worker is active")
			}
			// The worker has kept the page the reader opened on, and
			// refreshed the saved copies for its version.
			version := eval[string](tb, `document.querySelector("script[data-version]").getAttribute("data-version")`)
			tb.waitFor("the worker to keep the page and refresh the saved copies",
				`Promise.all([caches.open("dateline-meta").then((c) => c.match("/_saved_version")).then((r) => r && r.text()),`+
					` caches.open("dateline-`+version+`").then((c) => c.match(location.pathname)).then((r) => !!r)])`+
					`.then(([v, kept]) => window.__settled = v === "`+version+`" && kept) && window.__settled`, 30*time.Second)
			time.Sleep(time.Second) // any fetch still to come from a second status request
			var sent int64
			w.mu.Lock()
			for _, n := range w.bytes {
				sent += n
			}
			w.mu.Unlock()
			served := w.take()
			t.Logf("saving with data saver on: %d requests, %d bytes", len(served), sent)
			dataFile := eval[string](tb, `document.querySelector("script[data-base]").getAttribute("data-base")`) + "/articles/" + a.Slug + ".json"
			count := map[string]int{}
			for _, p := range served {
				if p == "/web/app.wasm" {
					t.Errorf("with data saver on, saving downloaded %s", p)
				}
				count[p]++
			}
			for _, p := range []string{dlpage.ArticlePath(a.Slug), dataFile} {
				if got := count[p]; got != 1 {
					t.Errorf("saving requested %s %d times, want once", p, got)
				}
			}
			tb.goOffline()
			tb.mustLoad(w.URL+dlpage.ArticlePath(a.Slug), http.StatusOK)
			tb.waitReader()
			if got := eval[string](tb, `document.querySelector("h1").innerText`); got != a.Headline {
				t.Errorf("offline, the saved article shows %q, want %q", got, a.Headline)
			}
			tb.mustLoad(w.URL+dlpage.SavedPath, http.StatusOK)
			tb.waitFor("the saved list", `document.querySelectorAll(".saved-list li").length === 1`, 10*time.Second)
			if got := eval[string](tb, `document.querySelector(".saved-list a").getAttribute("href")`); got != dlpage.ArticlePath(a.Slug) {
				t.Errorf("offline, the saved list links to %q", got)
			}
			tb.checkConsole(allowOffline)
		})
	}
}

// TestSaveWithoutWorker: where no service worker can be had (a browser
// without them, or one that refuses the registration), saving an
// article says that it is in the list but will not open offline.
func TestSaveWithoutWorker(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	for _, c := range []struct {
		scenario, script, want string
	}{
		{"NoServiceWorkers", `delete Navigator.prototype.serviceWorker;`,
			"Saved to your list. This browser cannot keep articles for offline reading."},
		{"RegistrationRefused", `ServiceWorkerContainer.prototype.register = function () { return Promise.reject(new DOMException("refused by the test", "SecurityError")); };`,
			"Saved to your list, but this device could not keep it for offline reading."},
	} {
		t.Run(c.scenario, func(t *testing.T) {
			tb := newTab(t, 412, 900)
			saverOn(t, tb, "browser", h.URL)
			tb.addScript(c.script)
			tb.mustLoad(h.URL+"/articles/"+slugLong, http.StatusOK)
			tb.waitReader()
			tb.click("Save for later", ".tool-save")
			tb.waitFor("the note", savedNoteJS+` !== "" && `+savedNoteJS+` !== "Saved. Keeping it for offline reading…"`, 20*time.Second)
			if got := eval[string](tb, savedNoteJS); got != c.want {
				t.Errorf("after saving, the note says %q, want %q", got, c.want)
			}
			if !strings.Contains(eval[string](tb, `localStorage.getItem("dateline:saved") || ""`), slugLong) {
				t.Error("the article is not in the saved list")
			}
			tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
				return strings.Contains(m.Text, "refused by the test")
			})
		})
	}
}

// TestSaverSaveKeptLater: with data saver on, only a save registers the
// service worker. A save whose registration failed (the browser refusing
// it, the host or the network gone) left the article unable to open
// offline for good: nothing registered the worker again. The saved list
// marks it not kept yet; once the connection comes back, or on the next
// page, the worker is registered, the mark goes, and the article opens
// offline.
func TestSaverSaveKeptLater(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	article := "/articles/" + slugLong
	offJS := storedJS("dateline:saved") + `.map((a) => !!a.off).join()`
	activeJS := `navigator.serviceWorker.getRegistration().then((r) => !!(r && r.active))`
	// The first registration refused, as a browser may; those after it
	// (the tab's session) go through.
	refuseOnce := `(() => {
  const register = ServiceWorkerContainer.prototype.register;
  ServiceWorkerContainer.prototype.register = function (...args) {
    if (sessionStorage.getItem("refused")) {
      return register.apply(this, args);
    }
    sessionStorage.setItem("refused", "1");
    return Promise.reject(new DOMException("refused by the test", "SecurityError"));
  };
})();`
	for _, scenario := range []string{"back online", "next page"} {
		t.Run(strings.ReplaceAll(scenario, " ", "-"), func(t *testing.T) {
			tb := newTab(t, 412, 900)
			tb.extend(time.Minute)
			saverOn(t, tb, "browser", h.URL)
			tb.addScript(refuseOnce)
			tb.mustLoad(h.URL+article, http.StatusOK)
			tb.waitReader()
			tb.click("Save for later", ".tool-save")
			tb.waitFor("the note", savedNoteJS+` !== "" && `+savedNoteJS+` !== "Saved. Keeping it for offline reading…"`, 20*time.Second)
			if got, want := eval[string](tb, savedNoteJS), "Saved to your list, but this device could not keep it for offline reading."; got != want {
				t.Errorf("after saving, the note says %q, want %q", got, want)
			}
			if got := eval[string](tb, offJS); got != "true" {
				t.Fatalf("after a save no worker could keep, the saved list's marks are %q, want the entry not kept (true)", got)
			}
			if evalAwait[bool](tb, activeJS) {
				t.Fatal("a worker is active after a save that said none could be had")
			}
			if scenario == "back online" {
				// No worker to cut off: the page's connection alone.
				pageOffline(tb, true)
				tb.waitFor("navigator.onLine to be false", `!navigator.onLine`, 5*time.Second)
				pageOffline(tb, false)
			} else {
				tb.mustLoad(h.URL+"/", http.StatusOK)
				tb.waitReader()
			}
			tb.waitFor("a worker registered and active", activeJS+`.then((a) => window.__active = a) && window.__active`, 30*time.Second)
			tb.waitFor("the entry kept", offJS+` === "false"`, 20*time.Second)
			tb.goOffline()
			tb.mustLoad(h.URL+article, http.StatusOK)
			tb.waitReader()
			if got := eval[string](tb, `document.querySelector("article.story").getAttribute("data-slug")`); got != slugLong {
				t.Errorf("offline, the saved article's page shows the article %q", got)
			}
			tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
				return allowOffline(m) || strings.Contains(m.Text, "refused by the test")
			})
		})
	}
}

// pageOffline cuts the page's own connection, or gives it back: for a
// page no service worker serves (goOffline cuts the workers too).
func pageOffline(tb *tab, offline bool) {
	tb.t.Helper()
	if err := chromium.EmulateNetwork(tb.ctx, network.Conditions{DownloadThroughput: -1, UploadThroughput: -1}, offline); err != nil {
		tb.t.Fatalf("emulating offline %v on the page: %v", offline, err)
	}
	if _, err := chromedp.Call(tb.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: offline, DownloadThroughput: -1, UploadThroughput: -1,
	}); err != nil {
		tb.t.Fatalf("overriding the page's network state: %v", err)
	}
}
