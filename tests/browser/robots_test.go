//go:build !(js && wasm)

package browser

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"dateline/app/i18n"
	dlpage "dateline/app/page"
)

// robotsJS lists the content of every robots meta in the document's head.
const robotsJS = `Array.from(document.querySelectorAll('head meta[name="robots"]'), (m) => m.content)`

// ogTitleJS lists the content of every og:title meta in the document's head.
const ogTitleJS = `Array.from(document.querySelectorAll('head meta[property="og:title"]'), (m) => m.content)`

// TestRobotsInTheApp moves between pages in the app and reads the head's
// robots meta on each, as a crawler that runs the app would: noindex on a
// search's results and on the not-found page, as the host writes them
// (app/feed HeadTags), and large image previews on an article or the home
// page, going forward and back. The head's og:title stays the host's: go-app's
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
	check("the home page", dlpage.LargePreviews)
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
	// The head is written once the results are painted, with focus moved
	// to their count (components.afterPaint).
	tb.waitFor("the results", `(document.querySelector("h1") || {}).textContent === "45 results for synthetic"`+searchDone, 10*time.Second)
	check("a search's results", "noindex")

	tb.click("opening a result", ".search-results .summary-headline a")
	tb.waitFor("an article", `location.pathname.startsWith("/articles/") && !!document.querySelector("article.story")`, 10*time.Second)
	check("an article opened from the results", dlpage.LargePreviews)
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
	// The page is drawn before its head is written (components.afterNav).
	tb.waitFor("the home page's head", `document.querySelector('head meta[name="robots"]').content === "`+dlpage.LargePreviews+`"`, 5*time.Second)
	check("the home page, back", dlpage.LargePreviews)
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
	tb.waitFor("the results", `location.search === "?q=synthetic" && (document.querySelector("h1") || {}).textContent === "45 results for synthetic"`+searchDone, 10*time.Second)
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

// headJS reads what the app keeps of a page's head: the robots metas'
// content, and every element marked data-head by its tag and name or rel.
const headJS = `({
  robots: Array.from(document.querySelectorAll('head meta[name="robots"]'), (m) => m.content),
  marked: Array.from(document.querySelectorAll("head [data-head]"), (e) => e.localName + ":" + (e.getAttribute("name") || e.getAttribute("property") || e.getAttribute("rel") || e.getAttribute("type") || "")),
  title: document.title,
})`

// pageHead is headJS's reading.
type pageHead struct {
	Robots, Marked []string
	Title          string
}

// TestHeadFromSearchToSearch searches again and again from the header's
// box, as a reader does, then leaves the results for the search page
// without a query, a page the host fails to give, a missing article and
// an article, and back: each page's head holds its own robots meta (one
// noindex on results and on the not-found page, large image previews on
// the other pages with a head, none on the error page) and no
// element of the last page's. The app writes only what changes from one
// page to the next (components/head.go, headWritten): a page like the
// last, one search after another, keeps the robots meta the last wrote.
func TestHeadFromSearchToSearch(t *testing.T) {
	t.Parallel()
	ds := archiveDataset(60)
	h := privateHost(t, "-data", writeDataset(t, "head-search.json", ds))
	broken := dataBase(t, h.URL+"/") + "/lists/home/2.json"
	srv := failingProxy(t, h.URL, broken, serverError)

	tb := newTab(t, 1280, 800)
	tb.mustLoad(srv.URL+"/", http.StatusOK)
	tb.waitLive()
	eval[chromedp.Void](tb, `window.__marker = 7`)
	check := func(page string, robots ...string) pageHead {
		t.Helper()
		got := eval[pageHead](tb, headJS)
		if strings.Join(got.Robots, ",") != strings.Join(robots, ",") {
			t.Errorf("%s: robots metas %q, want %q", page, got.Robots, robots)
		}
		return got
	}
	bare := func(page string, got pageHead, robots bool) {
		t.Helper()
		want := []string(nil)
		if robots {
			want = []string{"meta:robots"}
		}
		if strings.Join(got.Marked, ",") != strings.Join(want, ",") {
			t.Errorf("%s: the head's marked elements are %q, want %q (none of the last page's)", page, got.Marked, want)
		}
	}
	home := check("the home page", dlpage.LargePreviews)
	if len(home.Marked) < 3 {
		t.Fatalf("the home page as the host drew it has %q marked in its head: want its canonical and Open Graph tags", home.Marked)
	}
	search := func(q, h1 string) {
		t.Helper()
		eval[chromedp.Void](tb, `(() => { const i = document.getElementById("search-input"); i.value = `+jsString(q)+`; i.form.requestSubmit(); })()`)
		tb.waitFor("the results of "+q, `(document.querySelector("h1") || {}).textContent === `+jsString(h1)+searchDone, 10*time.Second)
	}
	search("synthetic", "60 results for synthetic")
	bare("a search", check("a search", "noindex"), true)
	search("story 7", "1 result for story 7")
	got := check("a second search", "noindex")
	bare("a second search", got, true)
	if !strings.Contains(got.Title, "story 7") {
		t.Errorf("a second search: the title %q does not name its query", got.Title)
	}
	eval[chromedp.Void](tb, `(() => { const i = document.getElementById("search-input"); i.value = ""; i.form.requestSubmit(); })()`)
	tb.waitFor("the search page without a query", `location.pathname === "/search" && location.search === "" && !document.querySelector(".search-results") && document.activeElement && document.activeElement.id === "search-input"`, 10*time.Second)
	bare("the search page without a query", check("the search page without a query", dlpage.LargePreviews), true)
	search("story 8", "1 result for story 8")
	bare("a search after none", check("a search after none", "noindex"), true)

	// A link whose page the host fails to give: the error page has no head.
	eval[chromedp.Void](tb, `(() => { const a = document.createElement("a"); a.href = "/page/2"; a.textContent = "older"; document.querySelector("main").append(a); a.click() })()`)
	tb.waitH1(dlpage.NewSite(ds.Site, nil).Table.Text(i18n.ErrorTitle))
	bare("the error page", check("the error page"), false)
	tb.goBack("back to the results")
	tb.waitFor("the results again", `(document.querySelector("h1") || {}).textContent === "1 result for story 8"`, 10*time.Second)
	bare("the results, back", check("the results, back", "noindex"), true)

	eval[chromedp.Void](tb, `(() => { const a = document.createElement("a"); a.href = "/articles/no-such-story"; a.textContent = "gone"; document.querySelector("main").append(a); a.click() })()`)
	tb.waitH1(notFoundH1)
	bare("the not-found page", check("the not-found page", "noindex"), true)
	tb.goBack("back to the results")
	tb.waitFor("the results again", `(document.querySelector("h1") || {}).textContent === "1 result for story 8"`, 10*time.Second)
	tb.click("opening the result", ".search-results .summary-headline a")
	tb.waitFor("the article", `location.pathname === "/articles/archive-008" && !!document.querySelector("article.story")`, 10*time.Second)
	art := check("the article", dlpage.LargePreviews)
	if !slices.Contains(art.Marked, "meta:og:title") {
		t.Errorf("the article: the head's marked elements are %q, want its og:title among them", art.Marked)
	}
	tb.goBack("back to the results")
	tb.waitFor("the results again", `(document.querySelector("h1") || {}).textContent === "1 result for story 8"`, 10*time.Second)
	bare("the results, back from the article", check("the results, back from the article", "noindex"), true)
	if m := eval[int](tb, `window.__marker || 0`); m != 7 {
		t.Error("moving between the pages loaded a new document")
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return (m.Source == "network" && (strings.Contains(m.Text, "status of 500") || strings.Contains(m.Text, "404"))) ||
			strings.Contains(m.Text, "dateline: loading page data: loading /page/2: fetching "+broken+": status 500")
	})
}
