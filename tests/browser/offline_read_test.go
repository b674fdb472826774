//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
	"dateline/app/site"
)

// readPage is a page the reader opened online: its address, its heading,
// and its data file (its name under the data path).
type readPage struct {
	path, h1, file string
}

// TestReadPagesOpenOffline reads an archive past the precache limit (its
// worker saves the app, the first page of each list and what is read):
// the article a first visit opens on, then in the app a list page and an
// article of it. Offline, each opens by a typed address (the installed
// app's start on it is the same navigation) and by a reload, not as the
// offline page, and by an in-app link.
func TestReadPagesOpenOffline(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "read-offline.json", archiveDataset(site.FullOfflineMaxArticles+1)))
	tb := newTab(t, 412, 900)
	tb.extend(3 * time.Minute)
	read := readPages(t, tb, h.URL)
	tb.goOffline()
	checkReadOffline(t, tb, h.URL, read, versionOf(t, h.URL+"/"))
	tb.checkConsole(allowOffline)
}

// readPages makes a first visit to base on an article that no install
// saves, waits until the site is saved, then opens in the app the home
// page, its second page and the first article listed there; it returns
// the pages read (the home page is saved at install).
func readPages(t *testing.T, tb *tab, base string) []readPage {
	t.Helper()
	first := readPage{dlpage.ArticlePath("archive-2000"), "Synthetic archive story 2000", "articles/archive-2000.json"}
	tb.mustLoad(base+first.path, http.StatusOK)
	tb.waitLive()
	tb.waitSaved(60 * time.Second)
	if got := eval[string](tb, statusText); !strings.Contains(got, "Latest saved offline") {
		t.Fatalf("the status says %q: the worker saves the whole site, not the pages read", got)
	}
	tb.follow("going home", `.site-header a[href="/"]`, "")
	tb.follow("Older articles", `main a[rel=next]`, "")
	list := readPage{"/page/2", eval[string](tb, `document.querySelector("h1").textContent`), "lists/home/2.json"}
	if p := eval[string](tb, `location.pathname`); p != list.path {
		t.Fatalf("Older articles led to %s, want %s", p, list.path)
	}
	href := eval[string](tb, `document.querySelector("main article.summary h2 a").getAttribute("href")`)
	slug := strings.TrimPrefix(href, "/articles/")
	var n int
	if _, err := fmt.Sscanf(slug, "archive-%d", &n); err != nil {
		t.Fatalf("the second page lists %q first: %v", href, err)
	}
	story := readPage{href, fmt.Sprintf("Synthetic archive story %d", n), "articles/" + slug + ".json"}
	tb.follow("the first story of page 2", `main article.summary h2 a`, story.h1)
	read := []readPage{first, list, story}

	// What the worker keeps as it is read, it keeps in the background: the
	// test gives it time, and what it did not keep shows offline below.
	kept := make([]string, len(read))
	for i, p := range read {
		kept[i] = jsString(p.path)
	}
	keptJS := `Promise.all([` + strings.Join(kept, ",") + `].map((p) => caches.match(p))).then((rs) => window.__keptRead = rs.every((r) => !!r)) && window.__keptRead === true`
	deadline := time.Now().Add(10 * time.Second)
	for !eval[bool](tb, keptJS) && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	return read
}

// checkReadOffline checks, offline, that the data file of each page read
// (what an in-app link fetches) is answered, that each page opens by its
// address and by a reload as the page of version, and then follows in-app
// links from the home page to the list page and the article read there.
func checkReadOffline(t *testing.T, tb *tab, base string, read []readPage, version string) {
	t.Helper()
	tb.mustLoad(base+"/", http.StatusOK)
	tb.waitLive()
	dataBase := eval[string](tb, `document.querySelector("script[data-base]").getAttribute("data-base")`)
	for _, p := range read {
		file := dataBase + "/" + p.file
		if st := evalAwait[int](tb, `fetch(`+jsString(file)+`).then((r) => r.status, () => 0)`); st != http.StatusOK {
			t.Errorf("offline, the data file %s of %s: status %d, want 200", file, p.path, st)
		}
	}
	check := func(how string, p readPage) {
		t.Helper()
		tb.waitFor(how+" "+p.path+": reader.js", `document.documentElement.hasAttribute("data-reader")`, 10*time.Second)
		if got := eval[string](tb, `document.querySelector("h1").textContent`); got != p.h1 {
			t.Errorf("offline, %s %s shows %q, want %q", how, p.path, got, p.h1)
		}
		if got := eval[string](tb, versionJS); got != version {
			t.Errorf("offline, %s %s is a page of version %s, want %s", how, p.path, got, version)
		}
	}
	for _, p := range read {
		if st, err := tb.load(base + p.path); err != nil || st != http.StatusOK {
			t.Errorf("offline, %s typed: status %d, %v; want the page read (200)", p.path, st, err)
			continue
		}
		check("typed", p)
		tb.do("reloading "+p.path, chromedp.Reload())
		check("reloaded", p)
	}
	tb.mustLoad(base+"/", http.StatusOK)
	tb.waitLive()
	for _, p := range read[1:] {
		tb.expectPage()
		tb.click("following a link to "+p.path, `main a[href="`+p.path+`"]`)
		tb.waitFor("the address "+p.path, `location.pathname === `+jsString(p.path), 5*time.Second)
		tb.waitPage("in-app to " + p.path)
		if got := eval[string](tb, `document.querySelector("h1").textContent`); got != p.h1 {
			t.Errorf("offline, an in-app link to %s shows %q, want %q", p.path, got, p.h1)
			return
		}
	}
}
