//go:build !(js && wasm)

package browser

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"dateline/app/article"
	dlpage "dateline/app/page"
)

// TestNewerPageRunsItsOwnApp: a site saved at A, then B published with a
// story in a new section, and the reader opens that story by a shared link
// while A's worker is still in charge (B's worker held on its way). The
// document is B's, from the network; the page runs the app its HTML names,
// B's app.js and app.wasm, not A's copies that the worker keeps under the
// same plain paths: B's version and sections once live, the story's
// section link opens the section, and home lists the story from B's data.
func TestNewerPageRunsItsOwnApp(t *testing.T) {
	t.Parallel()
	const (
		slug     = "weather-first"
		headline = "Synthetic weather story, the first of its section"
		section  = "Weather"
	)
	dsA := archiveDataset(12)
	dsB := archiveDataset(12)
	dsB.Articles = append(dsB.Articles, article.Article{
		Slug:      slug,
		Headline:  headline,
		Section:   section,
		Published: time.Date(2025, 1, 2, 9, 0, 0, 0, time.UTC).Format(time.RFC3339),
		Body:      []article.Block{{Type: article.Paragraph, Text: "Synthetic text of the weather story."}},
	})
	hostA := privateHost(t, "-data", writeDataset(t, "newer-a.json", dsA))
	hostB := privateHost(t, "-data", writeDataset(t, "newer-b.json", dsB))
	w := newWatchedNet(t, hostA.URL)
	tb := newTab(t, 1280, 900)
	tb.extend(3 * time.Minute)
	firstVisit(t, tb, w.URL, 2*time.Minute)
	versionA := eval[string](tb, versionJS)
	versionB := versionOf(t, hostB.URL+"/")
	baseB := dataBase(t, hostB.URL+"/")
	if versionA == versionB {
		t.Fatalf("A and B are both version %s", versionA)
	}

	w.hold("/app-worker.js") // B's worker on its way: A's stays in charge
	w.deploy(t, hostB.URL)
	tb.mustLoad(w.URL+dlpage.ArticlePath(slug), http.StatusOK)
	tb.waitLive()
	tb.waitH1(headline)
	if got := eval[string](tb, versionJS); got != versionB {
		t.Fatalf("the shared link opened a page of version %s, want B's %s", got, versionB)
	}
	if !eval[bool](tb, `navigator.serviceWorker.controller !== null`) {
		t.Fatal("no worker in charge of the page: the test needs A's")
	}
	if got := eval[string](tb, `goappGetenv("GOAPP_VERSION")`); got != versionB {
		t.Errorf("B's page runs the app of version %s, want its own %s (A's is %s)", got, versionB, versionA)
	}
	if got := eval[string](tb, `goappGetenv("DATELINE_DATA")`); got != baseB {
		t.Errorf("B's page runs the app with data path %s, want its own %s", got, baseB)
	}
	sectionPath := dlpage.SectionRef(article.NameSlug(section), 1).Path()
	if !eval[bool](tb, `!!document.querySelector('nav.sections a[href="`+sectionPath+`"]')`) {
		t.Errorf("once live, the header has no link to %s: %q", sectionPath,
			eval[string](tb, `(document.querySelector("nav.sections") || {}).innerText || ""`))
	}

	tb.expectPage()
	tb.click("following the story's section link", `.story-section a`)
	tb.waitPage("the story's section")
	if h1 := eval[string](tb, `(document.querySelector("h1") || {}).textContent || ""`); h1 != section {
		t.Errorf("the story's section link opened a page with h1 %q, want %q", h1, section)
	}

	tb.expectPage()
	tb.click("going home", `.site-header a[href="/"]`)
	tb.waitPage("home")
	home := eval[[]string](tb, `Array.from(document.querySelectorAll("main article.summary h2 a")).map((a) => a.getAttribute("href"))`)
	if len(home) == 0 || home[0] != dlpage.ArticlePath(slug) {
		t.Errorf("home lists %q, want B's list with %s first", home, dlpage.ArticlePath(slug))
	}
	loaded := strings.Join(eval[[]string](tb, `performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.startsWith("/data/"))`), " ")
	if strings.Contains(loaded, dataBase(t, hostA.URL+"/")+"/") {
		t.Errorf("B's page fetched data files of A: %s", loaded)
	}
	tb.checkConsole(nil)
	w.release()
}
