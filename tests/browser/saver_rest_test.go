//go:build !(js && wasm)

package browser

// After an install that data saver stopped: a page of a newer version,
// which the old worker fetched for want of a saved copy, is not offered
// "A new version".

import (
	"net/http"
	"testing"
	"time"

	dlpage "dateline/app/page"
)

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
	dsA := archiveDataset(n)
	dsB := archiveDataset(n)
	dsB.Articles[0].Headline = "Synthetic archive story 0, updated"
	hostA := privateHost(t, "-data", writeDataset(t, "newer-a.json", dsA))
	hostB := privateHost(t, "-data", writeDataset(t, "newer-b.json", dsB))
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
	tb.waitFor("reader.js", `document.documentElement.hasAttribute("data-reader")`, 10*time.Second)
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
	tb.waitFor("B's install", `caches.open("dateline-`+versionB+`").then((c) => c.match("/_offline")).then((r) => window.__installed = !!r) && window.__installed === true`, time.Minute)
	time.Sleep(2 * time.Second)
	if toast := eval[string](tb, toastJS); toast != "" {
		t.Errorf("once B's worker installed, the page of version B shows %q", toast)
	}
	tb.checkConsole(nil)
}
