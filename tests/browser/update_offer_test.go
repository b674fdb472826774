//go:build !(js && wasm)

package browser

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
)

// The status line offers "A new version" to a page older than the worker
// in charge, and only to one: the worker lists the versions it came after
// (its status and activation reports), and a page of another version not
// among them is newer than the worker, which the host gave it.

// TestUpdateOfferNewerPageHardReload: a site saved at A, B deployed, and
// the reader reloads past the worker (Shift and Reload) while B's worker
// is still on its way: the page is B's, the newest. A's worker answers its
// status request; the page offers nothing, since following the offer (a
// reload) would give A's older page from A's cache.
func TestUpdateOfferNewerPageHardReload(t *testing.T) {
	t.Parallel()
	hostA, hostB, _ := twoVersions(t, 30, "hard")
	w := newWatchedNet(t, hostA.URL)
	tb := newTab(t, 412, 900)
	tb.extend(3 * time.Minute)
	firstVisit(t, tb, w.URL, 2*time.Minute)
	versionB := versionOf(t, hostB.URL+"/")

	w.hold("/app-worker.js") // B's worker on its way
	w.deploy(t, hostB.URL)
	if _, err := chromedp.Call(tb.ctx, page.Reload, page.ReloadParams{IgnoreCache: ptrTo(true)}); err != nil {
		t.Fatalf("reloading past the worker: %v", err)
	}
	time.Sleep(time.Second) // the old document's context goes
	tb.waitFor("reader.js", `document.documentElement.hasAttribute("data-reader")`, 20*time.Second)
	if got := eval[string](tb, versionJS); got != versionB {
		t.Fatalf("the page reloaded past the worker is of version %s, want B's %s", got, versionB)
	}
	tb.waitFor("A's worker in charge", `!!navigator.serviceWorker.controller`, 20*time.Second)
	tb.waitFor("the worker's status", statusText+` !== ""`, 10*time.Second)
	time.Sleep(2 * time.Second)
	if toast := eval[string](tb, toastJS); toast != "" {
		t.Errorf("a page of the newest version B, under A's worker, shows %q", toast)
	}
	tb.checkConsole(nil)
}

// TestStalledPageTriedAgain: a page the worker has not saved is opened,
// and the host's answer stalls (a dead connection on a flaky link). The
// reader tries again: the worker does not wait for the stalled download
// of the same page for good, and the new try, which the host answers at
// once, shows the page.
func TestStalledPageTriedAgain(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "stall.json", archiveDataset(30)))
	w := newWatchedNet(t, h.URL)
	tb := newTab(t, 412, 900)
	tb.extend(3 * time.Minute)
	firstVisit(t, tb, w.URL, 2*time.Minute)
	version := eval[string](tb, versionJS)
	doc := dlpage.ArticlePath("archive-029")
	if !evalAwait[bool](tb, `caches.open("dateline-`+version+`").then((c) => c.delete(`+jsString(doc)+`))`) {
		t.Fatalf("%s was not in the cache", doc)
	}
	w.holdOnce(doc)
	go chromedp.Run(tb.ctx, chromedp.Navigate(w.URL+doc)) // stalls
	w.waitHolding(t, doc, 30*time.Second)
	time.Sleep(time.Second)
	tried := time.Now()
	done := make(chan error, 1)
	go func() {
		_, err := chromedp.Run(tb.ctx, chromedp.Navigate(w.URL+doc))
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("trying again: %v", err)
		}
		t.Logf("the new try came %s after it was made", time.Since(tried).Round(100*time.Millisecond))
		tb.waitH1("Synthetic archive story 29")
	case <-time.After(40 * time.Second):
		t.Errorf("the new try of %s, which the host answers at once, had no answer in 40 s", doc)
	}
	w.release()
}
