//go:build !(js && wasm)

package browser

import (
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
