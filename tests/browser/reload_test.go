//go:build !(js && wasm)

package browser

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"dateline/app/article"
)

// reloadDataset is three plainly synthetic articles whose paragraphs say
// word.
func reloadDataset(word string) *article.Dataset {
	ds := &article.Dataset{}
	for i, slug := range []string{"reload-a", "reload-b", "reload-c"} {
		ds.Articles = append(ds.Articles, article.Article{
			Slug:      slug,
			Headline:  "Synthetic reload story " + strings.ToUpper(slug[len(slug)-1:]),
			Published: "2024-03-0" + string(rune('1'+i)),
			Body:      []article.Block{{Type: article.Paragraph, Text: word + " synthetic paragraph."}},
		})
	}
	return ds
}

// workerlessTab opens url in a new tab whose requests bypass the service
// worker, so that what the page fetches is the host's answer, and waits
// until the app is live.
func workerlessTab(t *testing.T, url string) *tab {
	t.Helper()
	tb := newTab(t, 1280, 900)
	if _, err := chromedp.Call(tb.ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("enabling the network domain: %v", err)
	}
	if _, err := chromedp.Call(tb.ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true}); err != nil {
		t.Fatalf("bypassing the service worker: %v", err)
	}
	if st := tb.navigate(url); st != 200 {
		t.Fatalf("%s: status %d, want 200", url, st)
	}
	tb.waitLive()
	return tb
}

// TestChangedDatasetTellsReader saves the served dataset half written while
// a reader has the site open, with no page saved by the service worker: an
// article the app had not loaded says that the site has been updated, not
// to check the connection, and so does its address opened (status 503);
// once a valid save is served, the page's Reload shows the new text.
func TestChangedDatasetTellsReader(t *testing.T) {
	t.Parallel()
	file := writeDataset(t, "reload.json", reloadDataset("Original"))
	h := privateHost(t, "-data", file)
	tb := workerlessTab(t, h.URL+"/")
	tb.waitH1("Latest articles")

	waitLog := func(want string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for !strings.Contains(h.Log(), want) {
			if time.Now().After(deadline) {
				t.Fatalf("the host did not log %q:\n%s", want, h.Log())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	if err := os.WriteFile(file, []byte(`{"articles": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	waitLog("not reloaded")

	tb.click("opening an article", `article.summary h2 a[href="/articles/reload-b"]`)
	tb.waitH1("This site has been updated")
	if text := eval[string](tb, `document.querySelector("main").innerText`); strings.Contains(text, "connection") {
		t.Errorf("the reader is told to check the connection:\n%s", text)
	}

	if st := tb.navigate(h.URL + "/articles/reload-c"); st != 503 {
		t.Errorf("an article changed on disk, opened: status %d, want 503", st)
	}
	tb.waitH1("This site has been updated")

	good, err := os.ReadFile(writeDataset(t, "edited.json", reloadDataset("Edited")))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, good, 0o644); err != nil {
		t.Fatal(err)
	}
	waitLog("dataset changed: reloaded 3 articles")
	// Reload is a plain link to the page (the page runs no app.wasm):
	// followed as the browser would, by loading it.
	if href := eval[string](tb, `document.querySelector("main a.button").getAttribute("href")`); href != "/articles/reload-c" {
		t.Fatalf("Reload leads to %q", href)
	}
	if st := tb.navigate(h.URL + "/articles/reload-c"); st != 200 {
		t.Errorf("after the valid save: status %d, want 200", st)
	}
	tb.waitH1("Synthetic reload story C")
	if text := eval[string](tb, `document.querySelector("main").innerText`); !strings.Contains(text, "Edited synthetic paragraph.") {
		t.Errorf("after Reload, the page reads:\n%s", text)
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		// The 503s themselves, and the app's note of the failed load.
		return strings.Contains(m.Text, "503") || strings.Contains(m.Text, "loading page data")
	})
}

// TestSearchAfterTheSiteChanged searches in the app once the site its page
// came from is no longer there as it was, with no index file saved by the
// service worker: after a deploy (the page's version, its index with it,
// gone) the page says that the site has been updated, with Reload, as a
// page's load does; with the host down, the note says that the site is not
// answering, not that the reader, who is online, is offline.
func TestSearchAfterTheSiteChanged(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		scenario string
		change   func(t *testing.T, h *host, file string)
		want     string // in <main>
	}{
		{"deployed", func(t *testing.T, h *host, file string) {
			good, err := os.ReadFile(writeDataset(t, "edited.json", reloadDataset("Edited")))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, good, 0o644); err != nil {
				t.Fatal(err)
			}
			for deadline := time.Now().Add(20 * time.Second); !strings.Contains(h.Log(), "dataset changed: reloaded 3 articles"); {
				if time.Now().After(deadline) {
					t.Fatalf("the host did not reload:\n%s", h.Log())
				}
				time.Sleep(100 * time.Millisecond)
			}
		}, "This site has been updated"},
		{"host down", func(t *testing.T, h *host, file string) { h.stop() },
			"The site is not answering, and this device does not hold the part of the index these results need."},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			t.Parallel()
			file := writeDataset(t, "search-reload.json", reloadDataset("Original"))
			h := privateHost(t, "-data", file)
			tb := workerlessTab(t, h.URL+"/")
			tb.waitReader()
			tt.change(t, h, file)
			submitQuery(tb, "synthetic")
			tb.waitFor("the page to say "+tt.want, `document.querySelector("main").innerText.includes(`+jsString(tt.want)+`)`, 10*time.Second)
			if text := eval[string](tb, `document.querySelector("main").innerText`); strings.Contains(text, "offline") || strings.Contains(text, "connection") {
				t.Errorf("the reader, online, is told of being offline or of the connection:\n%s", text)
			}
		})
	}
}
