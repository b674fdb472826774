//go:build !(js && wasm)

package browser

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// robotsJS lists the content of every robots meta in the document's head.
const robotsJS = `Array.from(document.querySelectorAll('head meta[name="robots"]'), (m) => m.content)`

// ogTitleJS lists the content of every og:title meta in the document's head.
const ogTitleJS = `Array.from(document.querySelectorAll('head meta[property="og:title"]'), (m) => m.content)`

// TestRobotsInTheApp moves between pages in the app and reads the head's
// robots meta on each, as a crawler that runs the app would: noindex on a
// search's results and on the not-found page, as the host writes them
// (app/feed HeadTags), and none on an article or the home page, going
// forward and back. The head's og:title stays the host's: go-app's
// SetTitle wrote the document's title into it, and made one more after a
// page without a head (a search).
func TestRobotsInTheApp(t *testing.T) {
	t.Parallel()
	tb := searchHome(t, 1280)
	eval[chromedp.Void](tb, `window.__marker = 7`)
	check := func(page string, want ...string) {
		t.Helper()
		if got := eval[[]string](tb, robotsJS); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: robots metas %q, want %q", page, got, want)
		}
	}
	check("the home page")
	homeOG := eval[[]string](tb, ogTitleJS)
	if len(homeOG) != 1 {
		t.Fatalf("the home page as the host drew it has og:title %q, want one", homeOG)
	}
	checkOG := func(page string, want ...string) {
		t.Helper()
		if got := eval[[]string](tb, ogTitleJS); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: og:title metas %q, want %q (the host's)", page, got, want)
		}
	}

	tb.keys("/", "/")
	tb.waitFor("the search box to have focus", `document.activeElement.id === "search-input"`, 5*time.Second)
	tb.keys("a query", "synthetic"+kb.Enter)
	tb.waitFor("the results", `(document.querySelector("h1") || {}).textContent === "45 results for synthetic"`, 10*time.Second)
	check("a search's results", "noindex")

	tb.click("opening a result", ".search-results .summary-headline a")
	tb.waitFor("an article", `location.pathname.startsWith("/articles/") && !!document.querySelector("article.story")`, 10*time.Second)
	check("an article opened from the results")
	checkOG("an article opened from the results", eval[string](tb, `document.querySelector("h1").textContent`))

	eval[chromedp.Void](tb, `history.back()`)
	tb.waitFor("the results again", `location.search.includes("q=") && (document.querySelector("h1") || {}).textContent === "45 results for synthetic"`, 10*time.Second)
	check("the results, back", "noindex")

	// A link to an article that does not exist, followed in the app.
	eval[chromedp.Void](tb, `(() => { const a = document.createElement("a"); a.href = "/articles/no-such-story"; a.textContent = "gone"; document.querySelector("main").append(a); a.click() })()`)
	tb.waitH1(notFoundH1)
	check("the not-found page", "noindex")

	eval[chromedp.Void](tb, `history.back()`)
	tb.waitFor("the results again", `(document.querySelector("h1") || {}).textContent === "45 results for synthetic"`, 10*time.Second)
	eval[chromedp.Void](tb, `history.back()`)
	tb.waitFor("the home page again", `location.pathname === "/" && !location.search && !!document.querySelector("main article.summary")`, 10*time.Second)
	check("the home page, back")
	checkOG("the home page, back", homeOG...)
	if m := eval[int](tb, `window.__marker || 0`); m != 7 {
		t.Error("moving between the pages loaded a new document")
	}
	// The unknown article's data file answers 404: the browser logs it.
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return m.Source == "network" && strings.Contains(m.Text, "404")
	})
}

// descriptionsJS lists, as markup, the description and og:description
// metas in the head of the document d.
const descriptionsJS = `((d) => ({
  description: Array.from(d.querySelectorAll('head meta[name="description"]'), (m) => m.outerHTML),
  og: Array.from(d.querySelectorAll('head meta[property="og:description"]'), (m) => m.outerHTML),
}))`

// descriptions are the description metas of a page's head, as markup.
type descriptions struct {
	Description, OG []string
}

// TestDescriptionInTheApp moves between pages in the app, by links, a
// search, the history and to the not-found page, and compares the head's
// description and og:description metas on each with those the host
// writes for that address: one description, and the host's og:description
// where the page has the host's head (an article, a list), none on a page
// the app draws without it (a search, the not-found page). go-app's
// SetDescription wrote the description into the first og:description, and
// made one, unmarked, after a page without a head: the next article had
// two, and the stray one stayed on every page after.
func TestDescriptionInTheApp(t *testing.T) {
	t.Parallel()
	h := searchHost(t)
	tb := searchHome(t, 1280)
	eval[chromedp.Void](tb, `window.__marker = 7`)
	// check compares the document's metas with the host's page at the same
	// address, read by the browser's own parser. headed says the app puts
	// the host's head in for the page: its og:description must be there.
	check := func(page string, headed bool) {
		t.Helper()
		addr := eval[string](tb, `location.pathname + location.search`)
		resp, err := http.Get(h.URL + addr)
		if err != nil {
			t.Fatalf("%s: getting the host's page %s: %v", page, addr, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("%s: reading the host's page %s: %v", page, addr, err)
		}
		want := eval[descriptions](tb, descriptionsJS+`(new DOMParser().parseFromString(`+jsString(string(body))+`, "text/html"))`)
		got := eval[descriptions](tb, descriptionsJS+`(document)`)
		if len(want.Description) != 1 || len(want.OG) != 1 {
			t.Fatalf("%s: the host's page %s has descriptions %q, og:descriptions %q, want one of each", page, addr, want.Description, want.OG)
		}
		if fmt.Sprint(got.Description) != fmt.Sprint(want.Description) {
			t.Errorf("%s: description metas %q, want the host's %q", page, got.Description, want.Description)
		}
		if fmt.Sprint(got.OG) != fmt.Sprint(want.OG) && (headed || len(got.OG) != 0) {
			t.Errorf("%s: og:description metas %q, want the host's %q", page, got.OG, want.OG)
		}
	}
	check("the home page", true)

	// A link to a search, followed in the app.
	tb.expectPage()
	eval[chromedp.Void](tb, `(() => { const a = document.createElement("a"); a.href = "/search?q=synthetic"; a.textContent = "search"; document.querySelector("main").append(a); a.click() })()`)
	tb.waitPage("a search by a link")
	tb.waitFor("the results", `(document.querySelector("h1") || {}).textContent === "45 results for synthetic"`, 10*time.Second)
	check("a search's results by a link", false)

	tb.expectPage()
	tb.click("opening a result", ".search-results .summary-headline a")
	tb.waitPage("opening a result")
	check("an article opened from the results", true)

	tb.expectPage()
	tb.goBack("back to the results")
	tb.waitPage("back to the results")
	check("the results, back", false)

	tb.expectPage()
	tb.goForward("forward to the article")
	tb.waitPage("forward to the article")
	check("the article, forward", true)

	tb.expectPage()
	eval[chromedp.Void](tb, `document.querySelector(".site-name").click()`)
	tb.waitPage("the home page by its link")
	check("the home page by its link", true)

	tb.expectPage()
	eval[chromedp.Void](tb, `document.querySelector("nav.sections a[href^='/sections/']").click()`)
	tb.waitPage("a section by its link")
	check("a section by its link", true)

	// A link to an article that does not exist, followed in the app.
	tb.expectPage()
	eval[chromedp.Void](tb, `(() => { const a = document.createElement("a"); a.href = "/articles/no-such-story"; a.textContent = "gone"; document.querySelector("main").append(a); a.click() })()`)
	tb.waitPage("the not-found page")
	tb.waitH1(notFoundH1)
	check("the not-found page", false)

	tb.expectPage()
	tb.goBack("back to the section")
	tb.waitPage("back to the section")
	check("the section, back", true)

	tb.keys("/", "/")
	tb.waitFor("the search box to have focus", `document.activeElement.id === "search-input"`, 5*time.Second)
	tb.keys("a query", "synthetic"+kb.Enter)
	tb.waitFor("the results", `location.search === "?q=synthetic" && (document.querySelector("h1") || {}).textContent === "45 results for synthetic"`, 10*time.Second)
	check("a search's results from the box", false)

	tb.expectPage()
	tb.click("opening a result", ".search-results .summary-headline a")
	tb.waitPage("opening a result")
	check("an article opened from the box's results", true)
	if m := eval[int](tb, `window.__marker || 0`); m != 7 {
		t.Error("moving between the pages loaded a new document")
	}
	// The unknown article's data file answers 404: the browser logs it.
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return m.Source == "network" && strings.Contains(m.Text, "404")
	})
}
