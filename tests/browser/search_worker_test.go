//go:build !(js && wasm)

package browser

// A search with a query once the service worker is installed: the
// worker's saved search page is the page without a query, which only
// app.wasm fills. With data saver on, app.wasm never runs, so the reader
// saw "Search the archive" with the box empty; with the app running, a
// reload of a page of results opened on that empty page and lost its
// place.

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	dlpage "dateline/app/page"
)

// TestSearchSaverWithWorker: with data saver on and the worker installed,
// by saving an article with data saver on from a first visit, or by a
// visit in the app before data saver was turned on, a search shows the
// host's results, from the header's box as from an address.
func TestSearchSaverWithWorker(t *testing.T) {
	t.Parallel()
	h := searchHost(t)
	const want = "11 results for story 3"
	for _, c := range []struct {
		scenario string
		install  func(t *testing.T, tb *tab)
	}{
		{"SavedWithSaverOn", func(t *testing.T, tb *tab) {
			saverOn(t, tb, "setting", h.URL)
			tb.mustLoad(h.URL+dlpage.ArticlePath("archive-007"), http.StatusOK)
			tb.waitReader()
			tb.click("Save for later", ".tool-save")
			tb.waitFor("the note", savedNoteJS+` === "Saved. It opens offline from Saved articles."`, time.Minute)
		}},
		{"SaverOnAfterTheApp", func(t *testing.T, tb *tab) {
			tb.mustLoad(h.URL+"/", http.StatusOK)
			tb.waitLive()
			tb.waitSaved(30 * time.Second)
			setSaver(tb, true)
			// The next page runs no app.
			tb.mustLoad(h.URL+"/", http.StatusOK)
			tb.waitReader()
		}},
	} {
		t.Run(c.scenario, func(t *testing.T) {
			tb := newTab(t, 1280, 900)
			tb.extend(2 * time.Minute)
			c.install(t, tb)
			if !evalAwait[bool](tb, `navigator.serviceWorker.getRegistration().then((r) => !!(r && r.active))`) {
				t.Fatal("no service worker is active")
			}
			if live := eval[string](tb, `document.documentElement.dataset.app || ""`); live == "live" {
				t.Fatal("the app runs with data saver on")
			}
			// The header's box, as a reader searches.
			tb.do("focusing the box", chromedp.Focus(chromedp.ID("search-input")))
			if _, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent("story 3"+kb.Enter))); err != nil {
				t.Fatalf("searching from the box: %v", err)
			}
			if got := eval[searchState](tb, searchStateJS); got.H1 != want || got.Input != "story 3" || len(got.Hits) != 11 {
				t.Errorf("searching from the box with data saver on: %+v; want %q, the query in the box", got, want)
			}
			// An address, as a link or a reload opens it.
			tb.mustLoad(h.URL+"/search?q=story+3", http.StatusOK)
			if got := eval[searchState](tb, searchStateJS); got.H1 != want || got.Input != "story 3" || len(got.Hits) != 11 {
				t.Errorf("/search?q=story+3 with data saver on: %+v; want %q, the query in the box", got, want)
			}
			if live := eval[string](tb, `document.documentElement.dataset.app || ""`); live == "live" {
				t.Error("the app ran with data saver on")
			}
			tb.checkConsole(func(m chromedp.ConsoleMessage) bool { return strings.HasSuffix(m.URL, "/favicon.ico") }) // robots.txt's
		})
	}
}

// TestSearchReloadKeepsPlace reloads a page of results scrolled down, in
// the app with the worker installed: it opens where it was, as any page
// does, not at the top of the search page without a query.
func TestSearchReloadKeepsPlace(t *testing.T) {
	t.Parallel()
	h := searchHost(t)
	tb := newTab(t, 412, 900)
	tb.extend(2 * time.Minute)
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitSaved(30 * time.Second)
	tb.mustLoad(h.URL+"/search?q=synthetic&page=2", http.StatusOK)
	tb.waitLive()
	tb.waitFor("page 2 of the results", `document.querySelectorAll(".search-results > li").length === 20`, 10*time.Second)
	const wantY = 2000.0
	if most := eval[float64](tb, `document.documentElement.scrollHeight - innerHeight`); most < wantY+100 {
		t.Fatalf("page 2 of the results scrolls to %v at most: this test needs past %v", most, wantY)
	}
	eval[chromedp.Void](tb, fmt.Sprintf(`window.scrollTo(0, %v)`, wantY))
	tb.waitFor("the page to scroll", fmt.Sprintf(`Math.abs(window.scrollY - %v) < 1`, wantY), 5*time.Second)
	eval[chromedp.Void](tb, `window.__marker = 1`)
	tb.reload("reloading")
	tb.waitFor("the reloaded page to be live", `!window.__marker && window.__dt && __dt.live()`, 30*time.Second)
	const tolerance = 40.0
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[chromedp.Void](
		fmt.Sprintf(`Math.abs(window.scrollY - %v) <= %v`, wantY, tolerance), chromedp.WithPollingTimeout(5*time.Second)))
	if err == nil {
		time.Sleep(500 * time.Millisecond) // and stays there
	}
	if y := eval[float64](tb, `window.scrollY`); math.Abs(y-wantY) > tolerance {
		t.Errorf("after a reload page 2 of the results is at scrollY %v, want %v (±%v)", y, wantY, tolerance)
	}
	if got := eval[searchState](tb, searchStateJS); got.H1 != "45 results for synthetic Page 2 of 3" || len(got.Hits) != 20 {
		t.Errorf("the reloaded page: %+v", got)
	}
	tb.checkConsole(nil)
}
