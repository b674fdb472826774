//go:build !(js && wasm)

package browser

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/testfiles"
)

// TestOfflineFiles opens a small archive once, so that the worker saves
// every page, then, offline, opens files of the site that are no page and
// that the worker does not keep: the site's feed, a section's, robots.txt
// and a newsroom's photo no article shows. Each is the offline page (the
// host has it; the device does not), not "Page not found", which stays for
// what is nothing of the site: an unknown path, a tag's feed (tags have
// none).
func TestOfflineFiles(t *testing.T) {
	t.Parallel()
	media := t.TempDir()
	testfiles.Write(t, media, map[string][]byte{"photo.png": testfiles.PNG(t)})
	h := privateHost(t, "-data", writeDataset(t, "offline-files.json", archiveDataset(40)), "-media", media)
	files := []string{"/feed.xml", "/sections/even-section/feed.xml", "/robots.txt", "/media/photo.png"}
	// Online, the host serves them all.
	for _, p := range files {
		resp, err := http.Get(h.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d online, want 200", p, resp.StatusCode)
		}
	}
	tb := newTab(t, 412, 900)
	firstVisit(t, tb, h.URL, 30*time.Second)
	tb.goOffline()
	for _, p := range files {
		st, err := tb.load(h.URL + p)
		if err != nil || st != http.StatusServiceUnavailable {
			t.Errorf("offline %s: status %d (%v), want 503, the offline page", p, st, err)
			continue
		}
		tb.waitOfflineH1("You are offline")
		if !eval[bool](tb, `!!document.querySelector(".site-header") && !!document.querySelector('main a[href="/saved"]')`) {
			t.Errorf("offline %s: the offline page lacks the site's header or its link to the saved articles", p)
		}
	}
	for _, p := range []string{"/no/such/page", "/tags/even-tag/feed.xml"} {
		st, err := tb.load(h.URL + p)
		if err != nil || st != http.StatusNotFound {
			t.Errorf("offline %s: status %d (%v), want 404", p, st, err)
			continue
		}
		checkNotFound(t, tb, "offline "+p)
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return allowOffline(m) || m.Source == "network" && strings.Contains(m.Text, "status of 503")
	})
}
