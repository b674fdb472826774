//go:build !(js && wasm)

package browser

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
)

// TestSaveWhileWorkerRegisters: on a first visit (data saver off), the
// app goes live and registers the service worker (workerstart.js), and
// the reader saves the article while the worker's script is still on its
// way (its request held here; on a loopback it takes some 40 ms, on a
// slow network a round trip or more). The registration is there, with no
// worker yet, installing or other: the save took it for a failed one and
// said "Saved to your list, but this device could not keep it for
// offline reading.", though it had kept its copy and the worker installed
// a moment later. The save now waits for that worker's install, as for
// one it registers itself, and says the article opens offline once it
// does; offline, it opens. The same on the page back from the
// back/forward cache, left while the script was on its way.
func TestSaveWhileWorkerRegisters(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	alpha, bravo := dlpage.ArticlePath(slugAlpha), dlpage.ArticlePath(slugBravo)
	for _, c := range []struct {
		name string
		back bool
	}{
		{"at once", false},
		{"back from the back/forward cache", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			w, tb := liveHolding(t, h.URL, alpha, "/app-worker.js")
			w.waitHolding(t, "/app-worker.js", 30*time.Second)
			if c.back {
				eval[chromedp.Void](tb, `window.__fromCache = false, addEventListener("pageshow", (e) => { if (e.persisted) window.__fromCache = true })`)
				tb.mustLoad(w.URL+bravo, http.StatusOK)
				eval[chromedp.Void](tb, `history.back()`)
				waitAcrossContexts(t, tb, "alpha back from the back/forward cache (this test needs the browser's cache)",
					`location.pathname === "`+alpha+`" && window.__fromCache === true`, 10*time.Second)
			}
			if got := evalAwait[string](tb, `navigator.serviceWorker.getRegistration().then((r) => r ? "installing " + !!r.installing + ", waiting " + !!r.waiting + ", active " + !!r.active : "none")`); got != "installing false, waiting false, active false" {
				t.Fatalf("the worker's script held: registration %s, want one without a worker yet", got)
			}
			// Clicked and polled by script, as a page from the back/forward
			// cache needs: chromedp's Poll keeps to the script context the
			// page had before.
			eval[chromedp.Void](tb, `document.querySelector(".tool-save").click()`)
			waitAcrossContexts(t, tb, "the note", savedNoteJS+` !== ""`, 10*time.Second)
			time.Sleep(500 * time.Millisecond) // a note the save had to change its mind about
			if got := eval[string](tb, savedNoteJS); got != "Saved. Keeping it for offline reading…" {
				t.Fatalf("the worker's script still on its way, the note says %q", got)
			}
			w.release("/app-worker.js")
			// The note that follows, not the pause between: "Keeping it…"
			// goes after 4 s, before a slow install has ended (a loaded
			// machine's, seen once: the note read "").
			waitAcrossContexts(t, tb, "the note once the worker installed", savedNoteJS+` !== "" && `+savedNoteJS+` !== "Saved. Keeping it for offline reading…"`, 45*time.Second)
			if got := eval[string](tb, savedNoteJS); got != "Saved. It opens offline from Saved articles." {
				t.Fatalf("once the worker installed, the note says %q", got)
			}
			if !evalAwait[bool](tb, `caches.open("dateline-saved").then((c) => c.match("`+alpha+`")).then((r) => !!r)`) {
				t.Errorf("the saved articles' cache has no copy of %s", alpha)
			}
			waitAcrossContexts(t, tb, "a worker in charge of the page", `!!navigator.serviceWorker.controller`, 30*time.Second)
			// From a page of its own: chromedp's waits keep to the script
			// context the back/forward cache's page had before.
			tb.mustLoad(w.URL+bravo, http.StatusOK)
			tb.waitReader()
			tb.goOffline()
			tb.mustLoad(w.URL+alpha, http.StatusOK)
			tb.waitReader()
			if got := eval[string](tb, `document.querySelector("h1").innerText`); got != headAlpha {
				t.Errorf("offline, the saved article shows %q, want %q", got, headAlpha)
			}
			tb.checkConsole(allowOffline)
		})
	}
}

// TestSaveOfflineWhileInstalling: on a first visit (data saver off), the
// worker's first install is under way (its last file, the offline page,
// on its way) when the network goes, and the reader saves the article.
// The save's own copy fails, offline; the install ends, its last file
// already sent, with the article in the worker's cache. The save said
// "Saved to your list, but this device could not keep it for offline
// reading." and the saved articles' cache had no copy, to keep through
// updates; it now takes the worker's copy once the install has ended, and
// says the article opens offline; offline, it opens.
func TestSaveOfflineWhileInstalling(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	alpha := dlpage.ArticlePath(slugAlpha)
	w, tb := liveHolding(t, h.URL, alpha, "/_offline")
	w.waitHolding(t, "/_offline", 30*time.Second)
	tb.goOffline()
	tb.click("Save for later", ".tool-save")
	tb.waitFor("the note", savedNoteJS+` !== ""`, 10*time.Second)
	time.Sleep(500 * time.Millisecond) // a note the save had to change its mind about
	if got := eval[string](tb, savedNoteJS); got != "Saved. Keeping it for offline reading…" {
		t.Fatalf("the install still under way, the note says %q", got)
	}
	w.release("/_offline")
	tb.waitFor("the note once the install ended", savedNoteJS+` !== "" && `+savedNoteJS+` !== "Saved. Keeping it for offline reading…"`, 45*time.Second)
	if got := eval[string](tb, savedNoteJS); got != "Saved. It opens offline from Saved articles." {
		t.Fatalf("once the install ended, the note says %q", got)
	}
	for _, key := range []string{alpha, "/_saved/articles/" + slugAlpha + ".json"} {
		if !evalAwait[bool](tb, `caches.open("dateline-saved").then((c) => c.match("`+key+`")).then((r) => !!r && r.ok)`) {
			t.Errorf("the saved articles' cache has no copy under %s", key)
		}
	}
	tb.waitFor("a worker in charge of the page", `!!navigator.serviceWorker.controller`, 30*time.Second)
	tb.mustLoad(w.URL+alpha, http.StatusOK)
	tb.waitReader()
	if got := eval[string](tb, `document.querySelector("h1").innerText`); got != headAlpha {
		t.Errorf("offline, the saved article shows %q, want %q", got, headAlpha)
	}
	tb.checkConsole(allowOffline)
}

// TestSaveKeptOnceWorkerInstalls: on a first visit (data saver off), the
// worker's first install fails (the connection drops, the host goes for a
// while) and the reader saves the article with the host still gone: no
// copy, no worker, and the note says "Saved to your list, but this device
// could not keep it for offline reading." The host back, the reader opens
// Saved articles, which says from its first paint that the article is
// not kept for offline reading yet; that page's app installs the worker,
// whose cache holds the article. Nothing then copied it into the saved
// articles' cache: it opened offline from that version's cache only, not
// once an update had replaced it, as saved articles do. It is now copied
// from the worker's cache (not downloaded again), the mark goes without
// moving the list, and a reload of the list shows no mark.
func TestSaveKeptOnceWorkerInstalls(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "kept-later.json", synthetic()))
	alpha := dlpage.ArticlePath(slugAlpha)
	data := dataBase(t, h.URL+alpha) + "/articles/" + slugAlpha + ".json"
	d := newDroppingNet(t, h.URL)
	tb := newTab(t, 412, 900)
	tb.extend(time.Minute)
	failFirstInstallAt(t, tb, d, alpha)
	tb.waitReader()
	tb.click("Save for later", ".tool-save")
	tb.waitFor("the note", savedNoteJS+` !== "" && `+savedNoteJS+` !== "Saved. Keeping it for offline reading…"`, 20*time.Second)
	if got := eval[string](tb, savedNoteJS); got != "Saved to your list, but this device could not keep it for offline reading." {
		t.Fatalf("saved with the host gone and no worker, the note says %q", got)
	}

	d.mu.Lock()
	d.recording = true
	d.mu.Unlock()
	d.up()
	tb.mustLoad(d.URL+"/saved", http.StatusOK)
	tb.waitReader()
	const markJS = `(() => { const m = document.querySelector(".saved-list .saved-off");
	  return m ? getComputedStyle(m).visibility + ": " + m.innerText : ""; })()`
	if got := eval[string](tb, markJS); got != "visible: — not kept for offline reading yet" {
		t.Errorf("Saved articles, before a worker is in place, marks the article %q, want it said not kept for offline reading yet", got)
	}
	tb.waitLive()
	tb.waitSaved(40 * time.Second)
	copiesJS := `Promise.all(["` + alpha + `", "/_saved/articles/` + slugAlpha + `.json"].map((k) =>
	  caches.open("dateline-saved").then((c) => c.match(k)).then((r) => !!r && r.ok))).then((l) => l.every(Boolean))`
	for deadline := time.Now().Add(20 * time.Second); !evalAwait[bool](tb, copiesJS); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("20 s after the site was saved, the saved articles' cache has no copy of %s and its data file", alpha)
		}
	}
	tb.waitFor("the mark to go", markJS+` === "" || `+markJS+`.startsWith("hidden")`, 5*time.Second)
	if s := eval[float64](tb, `window.__shifts`); s != 0 {
		t.Errorf("the list's mark going shifted the layout: CLS %v: %q", s, eval[[]string](tb, `window.__shiftsOf`))
	}
	d.mu.Lock()
	served := slices.Clone(d.served)
	d.mu.Unlock()
	for _, p := range []string{alpha, data} {
		if n := len(slices.DeleteFunc(slices.Clone(served), func(s string) bool { return s != p })); n > 1 {
			t.Errorf("%s was downloaded %d times once the host was back, want once at most (the install's): %q", p, n, served)
		}
	}
	tb.reload("Saved articles")
	tb.waitReader()
	if got := eval[string](tb, markJS); got != "" {
		t.Errorf("reloaded, Saved articles marks the kept article %q", got)
	}
	tb.checkConsole(allowDropped)
}

// TestSaveKeptOnNextVisit: an article saved without its copy (marked
// "not kept" in the saved list: offline with data saver's light install,
// say) gets it on the reader's next visit online with data saver on, as
// the page starts: with data saver, app.wasm does not run, so no install
// ends there to look for missing copies, and no connection comes back.
// The state is made from a real save whose copy is then taken out and its
// entry marked, as a save whose copy failed leaves them.
func TestSaveKeptOnNextVisit(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	alpha := dlpage.ArticlePath(slugAlpha)
	tb := newTab(t, 412, 900)
	tb.extend(time.Minute)
	tb.mustLoad(h.URL+alpha, http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	tb.waitSaved(40 * time.Second)
	tb.waitFor("a worker in charge of the page", `!!navigator.serviceWorker.controller`, 30*time.Second)
	tb.click("Save for later", ".tool-save")
	tb.waitFor("the note", savedNoteJS+` === "Saved. It opens offline from Saved articles."`, 20*time.Second)
	keys := `["` + alpha + `", "/_saved/articles/` + slugAlpha + `.json"]`
	evalAwait[bool](tb, `caches.open("dateline-saved").then((c) => Promise.all(`+keys+`.map((k) => c.delete(k)))).then(() => true)`)
	eval[chromedp.Void](tb, `(() => {
	  const v = localStorage.getItem("dateline:saved");
	  const mark = v.charAt(0) === "`+storedMark+`" ? v.charAt(0) : "";
	  const list = JSON.parse(mark ? v.slice(1) : v);
	  list.forEach((a) => { a.off = true; });
	  localStorage.setItem("dateline:saved", mark + JSON.stringify(list));
	})()`)

	setSaver(tb, true)
	tb.mustLoad(h.URL+"/saved", http.StatusOK)
	tb.waitReader()
	copiesJS := `caches.open("dateline-saved").then((c) => Promise.all(` + keys + `.map((k) => c.match(k)))).then((l) => l.every((r) => !!r && r.ok))`
	for deadline := time.Now().Add(20 * time.Second); !evalAwait[bool](tb, copiesJS); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("20 s into the next visit, the saved articles' cache has no copy of %s and its data file", alpha)
		}
	}
	tb.waitFor("the entry no longer marked not kept", storedJS("dateline:saved")+`.every((a) => !a.off)`, 5*time.Second)
	tb.checkConsole(nil)
}

// liveHolding opens path on a first visit (a new profile, 1280 px wide)
// through a network that holds the request for held, and waits until the
// app is live and reader.js has run: a save made while held's answer is
// on its way.
func liveHolding(t *testing.T, hostURL, path, held string) (*watchedNet, *tab) {
	t.Helper()
	w := newWatchedNet(t, hostURL)
	w.hold(held)
	tb := newTab(t, 1280, 800)
	tb.extend(time.Minute)
	tb.mustLoad(w.URL+path, http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	return w, tb
}
