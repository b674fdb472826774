//go:build !(js && wasm)

package browser

import (
	"net/http"
	"testing"
	"time"

	dlpage "dateline/app/page"
)

// TestSaverReadPagesAfterUpdates: on a site of 60 articles (its worker
// saves every page when data saver is off), the reader has data saver on
// from the first visit, saves an article (which registers the worker: its
// install saves the light files) and reads another online, which the
// worker keeps as it is read. The site is updated twice, data saver still
// on: each install saves the light files only, and the first version's
// cache goes. Offline, the article read opens from the copy kept when it
// was read, as past 2,500 articles; it opened as the offline page, the
// updates having carried nothing for a site whose worker saves every page
// with data saver off.
func TestSaverReadPagesAfterUpdates(t *testing.T) {
	t.Parallel()
	hostA, hostB, hostC := threeVersions(t, 60, "saver-read")
	w := newWatchedNet(t, hostA.URL)
	tb := newTab(t, 412, 900)
	tb.extend(4 * time.Minute)
	saverOn(t, tb, "setting", w.URL)
	versionA := versionOf(t, hostA.URL+"/")

	tb.mustLoad(w.URL+dlpage.ArticlePath("archive-030"), http.StatusOK)
	tb.waitReader()
	tb.click("Save for later", ".tool-save")
	tb.waitFor("the worker's install", savedNoteJS+` === "Saved. It opens offline from Saved articles."`, time.Minute)
	read := dlpage.ArticlePath("archive-020")
	tb.mustLoad(w.URL+read, http.StatusOK)
	tb.waitReader()
	tb.waitFor("the page read kept in A's cache", `caches.open("dateline-`+versionA+`").then((c) => c.match(`+jsString(read)+`)).then((r) => window.__kept = !!r) && window.__kept === true`, 10*time.Second)

	for _, h := range []*host{hostB, hostC} {
		takeUpdate(t, tb, w, h)
	}
	if evalAwait[bool](tb, `caches.has("dateline-`+versionA+`")`) {
		t.Fatal("A's cache is still there after two updates")
	}

	tb.goOffline()
	st, err := tb.load(w.URL + read)
	if err != nil || st != http.StatusOK {
		t.Fatalf("offline after two updates with data saver on, %s, read online at A: status %d, %v; want the copy kept (200)", read, st, err)
	}
	tb.waitReader()
	if got, want := eval[string](tb, `document.querySelector("h1").textContent`), "Synthetic archive story 20"; got != want {
		t.Errorf("offline, %s shows %q, want %q", read, got, want)
	}
	// The saved article opens too, as before.
	tb.mustLoad(w.URL+dlpage.ArticlePath("archive-030"), http.StatusOK)
	tb.waitReader()
	if got, want := eval[string](tb, `document.querySelector("h1").textContent`), "Synthetic archive story 30"; got != want {
		t.Errorf("offline, the saved article shows %q, want %q", got, want)
	}
	tb.checkConsole(allowOffline)
}
