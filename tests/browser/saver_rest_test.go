//go:build !(js && wasm)

package browser

// After an install that data saver stopped: turned off while a page
// starts the app, app.wasm is downloaded once, for the page and the
// worker's saving both; a page of a newer version, which the old worker
// fetched for want of a saved copy, is not offered "A new version".

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
)

// TestSaverOffWasmOnce: after a first visit's install with data saver on
// (the light files only), with app.wasm gone from the browser's HTTP cache, a page opens
// without the app. The reader turns data saver off: the page starts the
// app, whose app.wasm the worker answers, and the worker saves the rest of
// the site, app.wasm first. On a slow link (app.wasm's body spread over
// some 25 s, past the 20 s that Chromium's HTTP cache lock waits before a
// second request for the same file goes to the network on its own), the
// host is asked for app.wasm once.
func TestSaverOffWasmOnce(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "wasm-once.json", archiveDataset(100)))
	w := newWatchedNet(t, h.URL)
	tb := newTab(t, 412, 900)
	tb.extend(3 * time.Minute)
	// Data saver turned on while the worker's script is on its way: its
	// install saves the light files only.
	w.hold("/app-worker.js")
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitLive()
	for deadline := time.Now().Add(60 * time.Second); !w.holding(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the page registered no worker in 60s")
		}
	}
	setSaver(tb, true)
	// reader.js keeps the setting for an installing worker in a cache, a
	// write of its own: the install begins once it is there (on a loaded
	// machine the released script could come first, a case of its own).
	for deadline := time.Now().Add(10 * time.Second); !evalAwait[bool](tb, `caches.open("dateline-meta").then((c) => c.match("/_saver")).then((r) => r ? r.text() : "").then((t) => t === "on")`); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("data saver was not kept for the worker in 10 s")
		}
	}
	w.release()
	tb.waitSaved(time.Minute)
	// A reader's browser may well have dropped the first visit's copy.
	if _, err := chromedp.Call(tb.ctx, network.ClearBrowserCache, cdp.Empty{}); err != nil {
		t.Fatalf("clearing the HTTP cache: %v", err)
	}
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitReader()
	if !eval[bool](tb, `!!navigator.serviceWorker.controller`) {
		t.Fatal("no worker answered the page after the install")
	}
	if evalAwait[bool](tb, `caches.match("/web/app.wasm").then((r) => !!r)`) {
		t.Fatal("the install with data saver on saved app.wasm")
	}

	w.take()
	w.slow("/web/app.wasm", 16<<10, 270*time.Millisecond) // 1.5 MB in 16 kB pieces: 25 s
	off := time.Now()
	setSaver(tb, false)
	tb.waitFor("the app", `window.__dt && __dt.live()`, time.Minute)
	t.Logf("app.wasm came in %s, %d requests", time.Since(off).Round(100*time.Millisecond), w.count("/web/app.wasm"))
	if took := time.Since(off); took < 20*time.Second {
		t.Fatalf("app.wasm came in %s: the link was not slow enough for Chromium's cache lock to give up", took)
	}
	tb.waitFor(`"Available offline"`, statusText+` === "Available offline"`, 2*time.Minute)
	if got := w.count("/web/app.wasm"); got != 1 {
		t.Errorf("with data saver turned off, the host was asked for app.wasm %d times, want 1", got)
	}
	tb.checkConsole(nil)
}

// versionJS is the version of the page on screen (its loader's
// data-version).
const versionJS = `document.querySelector("script[data-version]").getAttribute("data-version")`

// TestSaverStoppedNewerPage: data saver stops a first visit's install of
// version A, and the site publishes version B. An article that A's install
// did not save is fetched from the host by A's worker, still in charge: the
// page is B's, the newest there is. Its worker tells it it has saved the
// latest ("Latest saved offline"), and it is not offered a new version,
// neither then nor once B's worker has installed.
func TestSaverStoppedNewerPage(t *testing.T) {
	t.Parallel()
	const n = 100
	hostA, hostB, dsA := twoVersions(t, n, "newer")
	w := newWatchedNet(t, hostA.URL)
	tb := newTab(t, 412, 900)
	tb.extend(3 * time.Minute)
	stopInstall(t, tb, w)
	versionA := eval[string](tb, versionJS)
	versionB := versionOf(t, hostB.URL+"/")
	if versionA == versionB {
		t.Fatalf("hosts A and B serve the same version %s", versionA)
	}

	// The last article of the list: the stopped install saved none of
	// the article pages past its first batch.
	path := dlpage.ArticlePath(dsA.Articles[len(dsA.Articles)-1].Slug)
	if evalAwait[bool](tb, `caches.match(`+jsString(path)+`).then((r) => !!r)`) {
		t.Fatalf("the stopped install saved %s: pick a page it did not save", path)
	}
	w.deploy(t, hostB.URL)
	tb.mustLoad(w.URL+path, http.StatusOK)
	tb.waitReader()
	if got := eval[string](tb, versionJS); got != versionB {
		t.Fatalf("the page not saved is of version %s, want B's %s (A's is %s)", got, versionB, versionA)
	}
	if !eval[bool](tb, `!!navigator.serviceWorker.controller`) {
		t.Fatal("no worker answered the page: the test needs A's worker in charge")
	}
	// A's worker answers the page's status request.
	tb.waitFor(`"Latest saved offline"`, statusText+` === "Latest saved offline"`, 10*time.Second)
	time.Sleep(500 * time.Millisecond)
	if toast := eval[string](tb, toastJS); toast != "" {
		t.Errorf("a page of the newest version, under the old worker, shows %q", toast)
	}
	// B's worker installs (the navigation's update check) and takes over.
	tb.waitInstalled("B's install", versionB, time.Minute)
	time.Sleep(2 * time.Second)
	if toast := eval[string](tb, toastJS); toast != "" {
		t.Errorf("once B's worker installed, the page of version B shows %q", toast)
	}
	tb.checkConsole(nil)
}

// TestSaverUpdateWasmOfItsVersion: a site saved whole at version A, an
// update to B installed with data saver on (no app.wasm in B's cache),
// then saver turned off. A page of B starts the app only with B's
// app.wasm, held at the host here: never with A's, which A's cache still
// holds at the same address and which would run under B's pages and
// scripts. (A and B are built from one binary, so their app.wasm is the
// same file: A's worker notes its own as another, so that B's install does
// not copy it, and getting it before the host lets B's go is what tells.)
func TestSaverUpdateWasmOfItsVersion(t *testing.T) {
	t.Parallel()
	hostA, hostB, _ := twoVersions(t, 30, "wasm")
	w := newWatchedNet(t, hostA.URL)
	tb := newTab(t, 412, 900)
	tb.extend(3 * time.Minute)
	firstVisit(t, tb, w.URL, 2*time.Minute)
	setSaver(tb, true)

	versionB := versionOf(t, hostB.URL+"/")
	// A and B are one binary's, with one app.wasm, which B's install would
	// copy from A's cache (reuse): A's worker notes its app.wasm as another.
	versionA := eval[string](tb, versionJS)
	evalAwait[bool](tb, `caches.open("dateline-meta").then(async (m) => {
  const r = await m.match("/_hashes/`+versionA+`");
  const hashes = await r.json();
  hashes["/web/app.wasm"] = "another app.wasm";
  await m.put("/_hashes/`+versionA+`", new Response(JSON.stringify(hashes)));
  return true;
})`)
	w.deploy(t, hostB.URL)
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitReader()
	tb.waitInstalled("B's install", versionB, time.Minute)
	tb.waitFor("B's worker in charge (the page offers it)", toastJS+`.includes("A new version")`, 20*time.Second)
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitReader()
	if got := eval[string](tb, versionJS); got != versionB {
		t.Fatalf("the page is of version %s, want B's %s", got, versionB)
	}
	if evalAwait[bool](tb, `caches.open("dateline-`+versionB+`").then((c) => c.match("/web/app.wasm")).then((r) => !!r)`) {
		t.Fatal("B's install with data saver on saved app.wasm")
	}
	if !evalAwait[bool](tb, `caches.match("/web/app.wasm").then((r) => !!r)`) {
		t.Fatal("no cache holds A's app.wasm: the test needs it there")
	}

	// The page's own request for app.wasm, as the tab's network sees it:
	// answered from A's cache, its response comes at once, however long
	// the machine then takes to compile and start the app.
	var mu sync.Mutex
	var asked, answered bool
	wasmID := network.RequestID("")
	if err := chromedp.Listen(tb.ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if u, err := url.Parse(e.Request.URL); err == nil && plainName(u.Path) == "/web/app.wasm" && wasmID == "" { // pages name it with its hash
				wasmID, asked = e.RequestID, true
			}
		case *network.EventResponseReceived:
			if e.RequestID == wasmID {
				answered = true
			}
		}
	}); err != nil {
		t.Fatalf("listening to the tab's requests: %v", err)
	}
	if _, err := chromedp.Call(tb.ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("enabling the network domain: %v", err)
	}
	// A's first visit downloaded app.wasm, under the address pages name it
	// by (its hash, the same in A and B): the browser's cache would give the
	// page B's bytes without the host, which is right, but would tell
	// nothing of A's cache here.
	if _, err := chromedp.Call(tb.ctx, network.ClearBrowserCache, cdp.Empty{}); err != nil {
		t.Fatalf("clearing the browser's cache: %v", err)
	}
	w.hold("/web/app.wasm")
	setSaver(tb, false)
	tb.mustLoad(w.URL+dlpage.ArticlePath("archive-005"), http.StatusOK)
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(100 * time.Millisecond) {
		mu.Lock()
		seen := asked
		mu.Unlock()
		if seen {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the page did not ask for app.wasm in 1m")
		}
	}
	w.waitHolding(t, "/web/app.wasm", time.Minute)
	time.Sleep(2 * time.Second)
	mu.Lock()
	early := answered
	mu.Unlock()
	if early {
		t.Error("a page of version B got app.wasm while B's was held at the host: A's, from A's cache")
	}
	w.release()
	tb.waitLive()
	tb.waitFor(`"Available offline"`, statusText+` === "Available offline"`, 2*time.Minute)
	if !evalAwait[bool](tb, `caches.open("dateline-`+versionB+`").then((c) => c.match("/web/app.wasm")).then((r) => !!r)`) {
		t.Error("with data saver off, B's cache did not get its app.wasm")
	}
	tb.checkConsole(nil)
}

// TestUpdateReusesUnchangedFiles: a site saved whole at version A is
// updated to B, whose files under /web/ are A's (one binary, a changed
// headline): B's install copies them from A's cache instead of
// downloading them, app.wasm first, held at the host here and never asked
// for; with data saver on too, as a copy costs no network. B's pages
// start the app.
func TestUpdateReusesUnchangedFiles(t *testing.T) {
	t.Parallel()
	for _, saver := range []bool{false, true} {
		t.Run(fmt.Sprintf("data saver %v", saver), func(t *testing.T) {
			t.Parallel()
			hostA, hostB, _ := twoVersions(t, 30, "reuse")
			w := newWatchedNet(t, hostA.URL)
			tb := newTab(t, 412, 900)
			tb.extend(3 * time.Minute)
			firstVisit(t, tb, w.URL, 2*time.Minute)
			if saver {
				setSaver(tb, true)
			}
			versionB := versionOf(t, hostB.URL+"/")
			// A copy in A's cache that is not what A's record says (a file
			// the host changed under A's install): never copied.
			versionA := eval[string](tb, versionJS)
			evalAwait[bool](tb, `caches.open("dateline-`+versionA+`").then((c) => c.put("/web/boot.js", new Response("// not A's boot.js"))).then(() => true)`)
			w.take()
			w.hold("/web/app.wasm")
			w.deploy(t, hostB.URL)
			tb.mustLoad(w.URL+"/", http.StatusOK)
			tb.waitInstalled("B's install", versionB, time.Minute)
			if w.holding("/web/app.wasm") || w.count("/web/app.wasm") != 0 {
				t.Errorf("B's install asked the host for app.wasm, which A's cache holds with the same bytes")
			}
			// The host's, downloaded or from the browser's cache (the
			// page's, with data saver off), which hashes the same.
			if got := evalAwait[string](tb, `caches.open("dateline-`+versionB+`").then((c) => c.match("/web/boot.js")).then((r) => r ? r.text() : "")`); got != string(httpBody(t, hostB.URL+"/web/boot.js")) {
				t.Errorf("B's boot.js %.40q, downloaded %d times: want the host's, not A's copy that differs from its record", got, w.count("/web/boot.js"))
			}
			for _, f := range []string{"/web/app.wasm", "/web/dateline.css", "/web/reader.js"} {
				if !evalAwait[bool](tb, `caches.open("dateline-`+versionB+`").then((c) => c.match(`+jsString(f)+`)).then((r) => !!r)`) {
					t.Errorf("B's cache lacks %s", f)
				}
			}
			if got := w.count("/web/dateline.css"); got != 0 {
				t.Errorf("B's install downloaded dateline.css %d times, which A's cache holds with the same bytes", got)
			}
			if saver {
				setSaver(tb, false)
			}
			tb.waitFor("B's worker in charge (the page offers it)", toastJS+`.includes("A new version")`, 20*time.Second)
			tb.mustLoad(w.URL+dlpage.ArticlePath("archive-005"), http.StatusOK)
			tb.waitLive() // app.wasm still held at the host
			if got := eval[string](tb, versionJS); got != versionB {
				t.Errorf("the page is of version %s, want B's %s", got, versionB)
			}
			w.release()
			tb.checkConsole(nil)
		})
	}
}
