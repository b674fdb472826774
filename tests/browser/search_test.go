//go:build !(js && wasm)

package browser

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"dateline/app/article"
)

// Search (issue 11) as a reader uses it: the header's box, "/", Enter, the
// results with the count announced, more results, back and forward, on a
// phone, before the app is live, offline, and on the exported site.

// searchHost serves an archive of 45 plainly synthetic articles, whose
// every headline has "Synthetic archive story N".
func searchHost(t testing.TB) *host {
	t.Helper()
	return datasetHost(t, "search", func() *article.Dataset { return archiveDataset(45) })
}

// searchHome opens the home page of searchHost in a tab width pixels wide,
// once the app is live and reader.js has started.
func searchHome(t *testing.T, width int) *tab {
	t.Helper()
	return searchAt(t, width, "/")
}

// searchAt opens path of searchHost in a tab width pixels wide, once the
// app is live and reader.js has started.
func searchAt(t *testing.T, width int, path string) *tab {
	t.Helper()
	h := searchHost(t)
	tb := newTab(t, width, 900)
	tb.mustLoad(h.URL+path, http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	return tb
}

// searchDone is true once a search's results, drawn and painted, have had
// their head written and focus moved to their count, which follow the
// paint in a new history entry (components.afterPaint).
const searchDone = ` && document.activeElement && document.activeElement.id === "page-title"`

// searchState is what a search page shows.
type searchState struct {
	Marker  int
	Path    string
	H1      string
	Focused string
	Hits    []string
	Marks   int
	Input   string
	Note    string
}

const searchStateJS = `({
  marker: window.__marker || 0,
  path: location.pathname + location.search,
  h1: (document.querySelector("h1") || {}).textContent || "",
  focused: document.activeElement ? document.activeElement.id : "",
  hits: Array.from(document.querySelectorAll(".search-results .summary-headline a"), (a) => a.getAttribute("href")),
  marks: document.querySelectorAll(".search-results mark").length,
  input: (document.getElementById("search-input") || {}).value || "",
  note: (document.querySelector(".search-note") || {}).innerText || "", // as shown: offline or online
})`

// TestSearchInTheApp searches from the home page with the keyboard, pages
// through the results, searches again, and goes back and forward: all in
// the app, without a page load, the count of results focused each time.
func TestSearchInTheApp(t *testing.T) {
	t.Parallel()
	tb := searchHome(t, 1280)
	home := listedPaths(t, tb) // newest first, as results tie
	eval[chromedp.Void](tb, `window.__marker = 11`)

	tb.keys("/", "/")
	tb.waitFor("the search box to have focus", `document.activeElement.id === "search-input"`, 5*time.Second)
	tb.keys("typing a query", "story 1"+kb.Enter)
	tb.waitFor("the results", `(document.querySelector("h1") || {}).textContent.includes("results for")`, 10*time.Second)
	// Focus follows once the results are painted (components.afterPaint).
	tb.waitFor("the count focused", `document.activeElement && document.activeElement.id === "page-title"`, 5*time.Second)
	got := eval[searchState](tb, searchStateJS)
	// "story" is in every headline; "1" is the start of the words 1 and
	// 10 to 19: 11 results.
	if got.Marker != 11 || got.H1 != "11 results for story 1" || got.Focused != "page-title" || len(got.Hits) != 11 || got.Marks < 22 {
		t.Errorf("after Enter: %+v; want 11 results in the app, the count focused, both words marked", got)
	}
	if got.Path != "/search?q=story%201" && got.Path != "/search?q=story+1" {
		t.Errorf("the query is not in the address: %s", got.Path)
	}
	if got.Input != "story 1" {
		t.Errorf("the box shows %q, want the query", got.Input)
	}

	// More than a page: 45 results, 20 at a time.
	tb.do("focusing the box", chromedp.Focus(chromedp.ID("search-input")))
	eval[chromedp.Void](tb, `document.getElementById("search-input").value = ""`)
	tb.keys("another query", "synthetic"+kb.Enter)
	tb.waitFor("45 results", `(document.querySelector("h1") || {}).textContent === "45 results for synthetic"`, 10*time.Second)
	if n := len(eval[searchState](tb, searchStateJS).Hits); n != 20 {
		t.Errorf("the first page shows %d results, want 20", n)
	}
	tb.click("More results", ".pager-next")
	// The address changes before the page does, and a page of results
	// passes through "Loading" on its way: wait for page 2 drawn.
	tb.waitFor("page 2", `location.search.includes("page=2") && !!document.querySelector('.search-page[data-page="2"]')`, 10*time.Second)
	if n := eval[int](tb, `document.querySelectorAll(".search-results li").length`); n != 20 {
		t.Errorf("page 2 shows %d results, want 20", n)
	}
	first := eval[string](tb, `document.querySelector(".search-results a").getAttribute("href")`)
	if first != home[20] {
		t.Errorf("page 2 starts with %s, want the 21st newest, %s", first, home[20])
	}

	// Back and forward.
	eval[chromedp.Void](tb, `history.back()`)
	tb.waitFor("page 1 again", `!location.search.includes("page=2") && !!document.querySelector('.search-page[data-page="1"]') && (document.querySelector("h1") || {}).textContent === "45 results for synthetic"`, 10*time.Second)
	eval[chromedp.Void](tb, `history.back()`)
	tb.waitFor("the first query again", `(document.querySelector("h1") || {}).textContent === "11 results for story 1"`, 10*time.Second)
	eval[chromedp.Void](tb, `history.forward()`)
	tb.waitFor("forward", `(document.querySelector("h1") || {}).textContent === "45 results for synthetic"`, 10*time.Second)
	if m := eval[int](tb, `window.__marker || 0`); m != 11 {
		t.Error("searching loaded a new page")
	}

	// Nothing found, said plainly.
	tb.do("focusing the box", chromedp.Focus(chromedp.ID("search-input")))
	eval[chromedp.Void](tb, `document.getElementById("search-input").value = ""`)
	tb.keys("a query with no results", "zzqqxx"+kb.Enter)
	tb.waitFor("the no-results note", `(document.querySelector(".search-note") || {}).textContent === "No articles match zzqqxx."`, 10*time.Second)

	// A result opens its article.
	eval[chromedp.Void](tb, `history.back()`)
	tb.waitFor("results", `document.querySelectorAll(".search-results a").length > 0`, 10*time.Second)
	tb.click("opening a result", ".search-results .summary-headline a")
	tb.waitFor("an article", `location.pathname.startsWith("/articles/") && !!document.querySelector("article.story")`, 10*time.Second)
	tb.checkConsole(nil)
}

// TestSearchNarrow searches on a phone's width, where the header's box is
// folded away: the / key, and the Search button, open it where the reader
// is, with the caret in it, so that what the reader types next is the
// query (TestSearchDisclosureKeyboard works the button by keyboard).
func TestSearchNarrow(t *testing.T) {
	t.Parallel()
	tb := searchHome(t, 412)
	eval[chromedp.Void](tb, `window.__marker = 5`)
	if shown := eval[bool](tb, `document.getElementById("search-input").offsetParent !== null`); shown {
		t.Fatal("the header's search box shows at 412 px: this test needs it folded away")
	}
	atBox := `location.pathname === "/" && document.activeElement && document.activeElement.id === "search-input" && document.activeElement.offsetParent !== null`
	tb.keys("/", "/")
	tb.waitFor("the box open, focused", atBox, 10*time.Second)
	tb.keys("typing a query", "story 1"+kb.Enter)
	tb.waitFor("the results", `(document.querySelector("h1") || {}).textContent === "11 results for story 1"`+searchDone, 10*time.Second)
	if title := eval[string](tb, `document.title`); !strings.HasPrefix(title, "11 results for story 1 · ") {
		t.Errorf("the results' title is %q, want it to say what the query found", title)
	}

	tb.click("going home", "a.site-name")
	tb.waitFor("home", `location.pathname === "/" && !!document.querySelector(".summary-headline")`, 10*time.Second)
	tb.click("the Search button", ".tool-search")
	tb.waitFor("the box open, focused", atBox, 10*time.Second)
	if m := eval[int](tb, `window.__marker || 0`); m != 5 {
		t.Error("searching loaded a new page")
	}
	tb.checkConsole(nil)
}

// TestSearchKeepsListScroll searches with "/" from the home page
// scrolled down its list, on a phone and on a desktop, and goes back:
// home opens where the reader was, not at the top the search box scrolled
// it to (the search's scroll, as in TestPlaceThroughSearchBox).
func TestSearchKeepsListScroll(t *testing.T) {
	t.Parallel()
	for _, width := range []int{412, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			h := searchHost(t)
			tb := newTab(t, width, 900)
			tb.do("setting the viewport", viewport(int64(width), 900))
			tb.mustLoad(h.URL+"/", http.StatusOK)
			tb.waitLive()
			tb.waitReader()
			eval[chromedp.Void](tb, `window.scrollTo({top: 1200, behavior: "instant"})`)
			// keepScroll hears the scroll in the next frame.
			time.Sleep(200 * time.Millisecond)
			tb.keys("/", "/")
			tb.waitFor("the search box to have focus", `document.activeElement.id === "search-input" && scrollY < 1200`, 5*time.Second)
			time.Sleep(200 * time.Millisecond)
			tb.expectPage()
			tb.keys("searching", "story 1"+kb.Enter)
			tb.waitPage("searching")
			tb.waitFor("the results", `(document.querySelector("h1") || {}).textContent === "11 results for story 1"`, 10*time.Second)
			tb.expectPage()
			eval[chromedp.Void](tb, `history.back()`)
			tb.waitPage("going back home")
			// The browser restores a history entry's scroll after the page
			// has been drawn: the list stays where it is put.
			time.Sleep(500 * time.Millisecond)
			if y := eval[float64](tb, `scrollY`); y != 1200 {
				t.Errorf("back home, the list is at scrollY %v, want 1200, where the reader pressed /", y)
			}
			tb.checkConsole(nil)
		})
	}
}

// TestSearchPageTakeover opens a search page with a query: app.wasm takes
// the page over with the results the host drew, as they are in the page,
// never with the "Loading" note between them (which would draw the results
// twice, and move the page).
func TestSearchPageTakeover(t *testing.T) {
	t.Parallel()
	h := searchHost(t)
	tb := newTab(t, 412, 900)
	tb.addScript(`window.__loadingSeen = false;
new MutationObserver(() => {
  const note = document.querySelector(".search-note");
  if (note && note.textContent === "Loading…") window.__loadingSeen = true;
}).observe(document, {subtree: true, childList: true, characterData: true});`)
	tb.mustLoad(h.URL+"/search?q=story+3", http.StatusOK)
	tb.waitLive()
	got := eval[searchState](tb, searchStateJS)
	if got.H1 != "11 results for story 3" || len(got.Hits) != 11 || got.Marks < 22 {
		t.Errorf("the search page once live: %+v", got)
	}
	if eval[bool](tb, `window.__loadingSeen`) {
		t.Error("the app drew the search page as loading before its results")
	}
	// It took them from the page as drawn (page.DrawnQuery), fetching no
	// file of the index.
	fetched := eval[[]string](tb, `performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.includes("/search/"))`)
	if len(fetched) != 0 {
		t.Errorf("the app fetched the index to draw the results the page carried: %q", fetched)
	}
	if q := eval[string](tb, `(document.querySelector(".search-page") || {dataset: {}}).dataset.query || ""`); q != "story 3" {
		t.Errorf("the live search page is marked %q, want the drawn results of story 3", q)
	}
	// The next query is run in the app, as any.
	tb.do("focusing the box", chromedp.Focus(chromedp.ID("search-input")))
	eval[chromedp.Void](tb, `document.getElementById("search-input").value = ""`)
	tb.keys("another query", "story 4"+kb.Enter)
	tb.waitFor("the next results", `(document.querySelector("h1") || {}).textContent === "6 results for story 4"`, 10*time.Second)
	if eval[int](tb, `performance.getEntriesByType("resource").filter((e) => new URL(e.name).pathname.includes("/search/")).length`) == 0 {
		t.Error("the next query was answered without the index")
	}
	tb.checkConsole(nil)
}

// TestSearchDrawnAtOnce runs a query whose index files the app has kept:
// its results are drawn in the task of the search itself (components.Page's
// OnUpdate), not at go-app's next frame. A query whose files are not kept
// yet is drawn once they come, as before.
func TestSearchDrawnAtOnce(t *testing.T) {
	t.Parallel()
	tb := searchHome(t, 412)
	// submitNow submits a query from the header's box and reads, in the
	// same script, the heading and the address.
	const submitNow = `((q) => {
  const input = document.getElementById("search-input");
  input.value = q;
  input.form.requestSubmit();
  return {h1: (document.querySelector("h1") || {}).textContent || "", path: location.pathname + location.search,
    scrollY: window.scrollY, focused: document.activeElement ? document.activeElement.id : ""};
})`
	type drawn struct {
		H1, Path, Focused string
		ScrollY           float64
	}
	for _, q := range []string{"story 3", "synthetic"} {
		got := eval[drawn](tb, submitNow+`(`+jsString(q)+`)`)
		if strings.Contains(got.H1, "for "+q) {
			t.Errorf("%q, its files not kept yet, was drawn in the task of the search: %+v", q, got)
		}
		tb.waitFor("the results of "+q, `(document.querySelector("h1") || {}).textContent.endsWith("for `+q+`")`, 10*time.Second)
	}
	// Its files kept now too, if they were not.
	eval[drawn](tb, submitNow+`("story 7")`)
	tb.waitFor("the results of story 7", `(document.querySelector("h1") || {}).textContent === "1 result for story 7"`, 10*time.Second)
	before := eval[int](tb, `performance.getEntriesByType("resource").filter((e) => new URL(e.name).pathname.includes("/search/")).length`)
	// From a page scrolled down (the box still on screen): the results
	// come at the top in the same task, never painted first where the page
	// was, and focus moves to their count once they are painted, not in
	// that task, which would hold their paint back (components.afterPaint).
	// One result draws well inside go-app's frame of 8.3 ms, eleven take
	// longer on this machine: the scroll is the search's own either way,
	// not left to that frame.
	for _, c := range []struct {
		q, h1 string
		hits  int
	}{{"story 3", "11 results for story 3", 11}, {"story 7", "1 result for story 7", 1}} {
		if y := eval[float64](tb, `window.scrollTo(0, 60), window.scrollY`); y != 60 {
			t.Fatalf("the results page scrolled to %v, want 60", y)
		}
		got := eval[drawn](tb, submitNow+`(`+jsString(c.q)+`)`)
		want := "/search?q=" + strings.ReplaceAll(c.q, " ", "%20")
		if got.H1 != c.h1 || (got.Path != want && got.Path != strings.ReplaceAll(want, "%20", "+")) {
			t.Errorf("a query whose files are kept, read in the task of the search: %+v; want %q at %s", got, c.h1, want)
		}
		if got.ScrollY != 0 || got.Focused == "page-title" {
			t.Errorf("%q: in the task of the search, scrolled to %v with focus on %q; want the top, and focus left for after the paint", c.q, got.ScrollY, got.Focused)
		}
		tb.waitFor("the count focused", `document.activeElement && document.activeElement.id === "page-title"`, 5*time.Second)
		st := eval[searchState](tb, searchStateJS)
		if st.H1 != c.h1 || len(st.Hits) != c.hits || st.Marks < 2*c.hits || st.Input != c.q {
			t.Errorf("the results of %q drawn at once: %+v", c.q, st)
		}
	}
	if after := eval[int](tb, `performance.getEntriesByType("resource").filter((e) => new URL(e.name).pathname.includes("/search/")).length`); after != before {
		t.Errorf("the queries whose files were kept fetched %d index files", after-before)
	}
	// Back to the query before, and forward: the history holds both.
	eval[chromedp.Void](tb, `history.back()`)
	tb.waitFor("the query before", `(document.querySelector("h1") || {}).textContent === "11 results for story 3"`, 10*time.Second)
	eval[chromedp.Void](tb, `history.forward()`)
	tb.waitFor("forward", `(document.querySelector("h1") || {}).textContent === "1 result for story 7"`, 10*time.Second)
	tb.checkConsole(nil)
}

// TestSearchBeforeTheApp reads results the host rendered, with the app not
// running (go-app's ?wasm=false): the form asks the host and the host
// answers with the results.
func TestSearchBeforeTheApp(t *testing.T) {
	t.Parallel()
	h := searchHost(t)
	tb := newTab(t, 412, 900)
	tb.do("setting the viewport", viewport(412, 900))
	tb.mustLoad(h.URL+"/search?q=story+3&wasm=false", http.StatusOK)
	got := eval[searchState](tb, searchStateJS)
	if got.H1 != "11 results for story 3" || len(got.Hits) != 11 || got.Input != "story 3" {
		t.Errorf("the host's results: %+v", got)
	}
	if vis := eval[string](tb, `getComputedStyle(document.getElementById("search-input")).display`); vis == "none" {
		t.Error("on the search page at 412 px the box is hidden")
	}
	// At 412 px elsewhere, the box folds into its button, which opens it
	// (reader.js runs without the app); searching then asks the host.
	// reader.js runs once the page is painted (app/site/loader.js), after
	// its load event as often as not: pressed before, the button is the
	// plain submit it is without script and leads to the host's search
	// page. So the test waits for it.
	tb.mustLoad(h.URL+"/?wasm=false", http.StatusOK)
	if vis := eval[string](tb, `getComputedStyle(document.getElementById("search-input")).display`); vis != "none" {
		t.Errorf("at 412 px the header's box shows (%s)", vis)
	}
	tb.waitReader()
	if exp := eval[string](tb, `document.querySelector(".tool-search").getAttribute("aria-expanded") || ""`); exp != "false" {
		t.Errorf("the folded Search button, without the app, says aria-expanded=%q, want false", exp)
	}
	tb.click("pressing Search", ".tool-search")
	tb.waitFor("the box open", `getComputedStyle(document.getElementById("search-input")).display !== "none"`, 5*time.Second)
	if exp := eval[string](tb, `document.querySelector(".tool-search").getAttribute("aria-expanded") || ""`); exp != "true" {
		t.Errorf("the opened box's button says aria-expanded=%q, want true", exp)
	}
	if _, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(".tool-search")))); err != nil {
		t.Fatalf("pressing Search: %v", err)
	}
	tb.waitFor("the search page", `location.pathname === "/search"`, 10*time.Second)
	if got := eval[searchState](tb, searchStateJS); got.H1 != "Search the archive" || !strings.HasPrefix(got.Note, "Type one or more words") {
		t.Errorf("the empty search page: %+v", got)
	}
	tb.checkConsole(nil)
}

// TestSearchOffline searches an archive saved whole offline, after the
// host is gone: every query answers. A search page opened offline is the
// worker's page without a query ("Type one or more words"), which screen
// readers read as the page loads; the app's results replace it, and focus
// moves to their count, so that it is heard, as after a search in the app.
func TestSearchOffline(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "search-offline.json", archiveDataset(30)))
	tb := newTab(t, 1280, 900)
	firstVisit(t, tb, h.URL, 30*time.Second)
	h.stop()
	tb.goOffline()
	tb.mustLoad(h.URL+"/search?q=story+2", http.StatusOK)
	tb.waitLive()
	tb.waitFor("results offline", `(document.querySelector("h1") || {}).textContent === "11 results for story 2"`, 10*time.Second)
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[chromedp.Void](`document.activeElement && document.activeElement.id === "page-title"`,
		chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Errorf("the results offline are not announced: focus is on %s, not on their count", eval[string](tb, `document.activeElement ? document.activeElement.tagName + "#" + document.activeElement.id : "nothing"`))
	}
	if note := eval[searchState](tb, searchStateJS).Note; note != "" {
		t.Errorf("a site saved whole says %q offline", note)
	}
	// The worker answered with the search page of no query: the app,
	// which searched, says in the title what the query found.
	if title := eval[string](tb, `document.title`); !strings.HasPrefix(title, "11 results for story 2 · ") {
		t.Errorf("the offline results' title is %q, want it to say what the query found", title)
	}
	tb.checkConsole(allowOffline)
}

// TestSearchOpensIncomplete opens a search page whose results app.wasm
// finds itself (no copy of the page as drawn, as on an exported site or
// offline) while the index's document files are refused: its first render
// is the results it could have, marked incomplete, with no "Loading…" before
// them and the query not run a second time. Once the files can be had, the
// same query submitted again runs anew, complete, and so does a return to
// it, in the app.
func TestSearchOpensIncomplete(t *testing.T) {
	t.Parallel()
	h := searchHost(t)
	tb := newTab(t, 412, 900)
	tb.addScript(`Object.defineProperty(window, "datelineDrawn", {get() { return undefined; }, set() {}});
window.__notes = [];
new MutationObserver(() => {
  const note = document.querySelector("main .search-note");
  const text = note ? note.innerText : "";
  if (window.__notes[window.__notes.length - 1] !== text) window.__notes.push(text);
}).observe(document, {subtree: true, childList: true, characterData: true});`)
	var mu sync.Mutex
	asked := map[string]int{} // index files requested, by path
	if err := chromedp.Listen(tb.ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && strings.Contains(e.Request.URL, "/search/") {
			mu.Lock()
			asked[strings.TrimPrefix(e.Request.URL, h.URL)]++
			mu.Unlock()
		}
	}); err != nil {
		t.Fatalf("listening to the tab's requests: %v", err)
	}
	refuse := func(patterns ...string) { tb.refuse(h.URL, patterns...) }
	// Every document's head (its headline and excerpt): the query's
	// terms are had, the results to list are not.
	refuse("/data/*/search/*h.bin")
	tb.mustLoad(h.URL+"/search?q=story+3", http.StatusOK)
	tb.waitLive()
	// A second search would start once the page is live (its OnNav):
	// give it time to show in the requests and notes below.
	time.Sleep(700 * time.Millisecond)
	// No head at hand: nothing to list, and the way out said. The device
	// is online: the site did not answer.
	const incomplete = "The site is not answering, and this device does not hold the part of the index these results need. Search again in a moment."
	got := eval[searchState](tb, searchStateJS)
	if !strings.HasSuffix(got.H1, " for story 3") || got.Note != incomplete || len(got.Hits) != 0 {
		t.Errorf("the search page opened with refused files: %+v", got)
	}
	// The notes the page showed as it opened: the host's page (its
	// results, no note), then the app's first render.
	if notes := eval[[]string](tb, `window.__notes`); !slices.Equal(notes, []string{"", incomplete}) {
		t.Errorf("the search page's notes as it opened: %q, want the host's page, then %q", notes, incomplete)
	}
	mu.Lock()
	for path, n := range asked {
		if n != 1 {
			t.Errorf("%s was asked for %d times as the page opened, want once", path, n)
		}
	}
	if len(asked) == 0 {
		t.Error("the app asked for no index file: its search did not run")
	}
	mu.Unlock()

	// The files can be had again: the same query submitted anew is
	// complete; so is a return to it after another query.
	refuse()
	eval[chromedp.Void](tb, `window.__marker = 7`)
	complete := `!document.querySelector("main .search-note") && document.querySelectorAll(".search-results > li").length === 11 &&
		(document.querySelector("h1") || {}).textContent === "11 results for story 3"`
	tb.do("focusing the box", chromedp.Focus(chromedp.ID("search-input")))
	tb.keys("the same query again", kb.Enter)
	tb.waitFor("the same query, complete", complete, 10*time.Second)
	tb.do("focusing the box again", chromedp.Focus(chromedp.ID("search-input")))
	eval[chromedp.Void](tb, `document.getElementById("search-input").value = ""`)
	tb.keys("another query", "story 4"+kb.Enter)
	tb.waitFor("the next results", `(document.querySelector("h1") || {}).textContent === "6 results for story 4"`, 10*time.Second)
	tb.goBack("going back")
	tb.waitFor("the first query again, complete", `location.search.startsWith("?q=story") && `+complete, 10*time.Second)
	if m := eval[int](tb, `window.__marker || 0`); m != 7 {
		t.Error("searching again or going back reloaded the page")
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		// The refused heads; the search they left incomplete, which the
		// page says, logs nothing.
		return strings.Contains(m.Text, "ERR_BLOCKED_BY_CLIENT") && strings.Contains(m.URL+m.Text, "h.bin")
	})
}

// arabicSearchDataset is an Arabic edition of three plainly synthetic
// articles, its words transliterated placeholder words (as gendata -lang
// writes them): one spelled the Arabic way with hamza and Eastern Arabic
// digits, one spelled the Sorani way, and one in English.
func arabicSearchDataset() *article.Dataset {
	story := func(slug, lang, headline, text, published string) article.Article {
		return article.Article{Slug: slug, Lang: lang, Headline: headline, Published: published,
			Body: []article.Block{{Type: article.Paragraph, Text: text}}}
	}
	return &article.Dataset{
		Site: &article.Site{Name: "الصحيفة الاصطناعية", Description: "مقالات اصطناعية للاختبار", Lang: "ar"},
		Articles: []article.Article{
			story("hamza-story", "ar", "مقال اختبار ١٢: أميت لوريم", "نص اصطناعي فيه إيبسوم ودولور.", "2021-03-02"),
			story("sorani-story", "ckb", "وتاری تاقیکردنەوە: کۆمۆدۆ نیسی", "دەقی دەستکرد بۆ تاقیکردنەوە.", "2021-03-01"),
			story("latin-story", "en", "Synthetic story 12: amet lorem", "Plainly synthetic English text.", "2021-02-28"),
		},
	}
}

// TestSearchArabicScript searches an Arabic edition the way its readers
// type: a hamza left out and ASCII digits for the text's Eastern Arabic
// ones; Arabic yeh, kaf and teh marbuta for a Sorani word's yeh, kaf and
// ae. app.wasm finds each article, marks the words it matched, keeps the
// query in the address, and goes back to the query before; the host's own
// page finds the same articles.
func TestSearchArabicScript(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "search-arabic.json", arabicSearchDataset()))
	tb := newTab(t, 412, 900)
	tb.do("setting the viewport", viewport(412, 900))
	tb.mustLoad(h.URL+"/search", http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	eval[chromedp.Void](tb, `window.__marker = 7`)
	cases := []struct {
		query string
		want  []string
		marks int // in the headline; the excerpt may mark more
	}{
		{"اميت 12", []string{"/articles/hamza-story"}, 2},
		{"نيسي تاقيكردنةوة", []string{"/articles/sorani-story"}, 2},
		{"لوريم", []string{"/articles/hamza-story"}, 1},
	}
	for _, c := range cases {
		tb.do("focusing the box", chromedp.Focus(chromedp.ID("search-input")))
		eval[chromedp.Void](tb, `document.getElementById("search-input").value = ""`)
		tb.keys("typing "+c.query, c.query+kb.Enter)
		// Until the search is done (its box written, focus on the count),
		// the next query typed could be overwritten by this one's.
		tb.waitFor("the results of "+c.query, `(() => {
  const q = document.querySelector("h1 .search-query");
  return !!q && q.textContent === `+jsString(c.query)+` && document.querySelectorAll(".search-results li").length > 0;
})()`+searchDone, 10*time.Second)
		got := eval[searchState](tb, searchStateJS)
		if got.Marker != 7 || !slices.Equal(got.Hits, c.want) || got.Marks < c.marks {
			t.Errorf("%q in the app: %+v; want %q with at least %d words marked, without a page load", c.query, got, c.want, c.marks)
		}
		if q, err := url.ParseQuery(strings.TrimPrefix(got.Path, "/search?")); err != nil || q.Get("q") != c.query {
			t.Errorf("%q: the address is %s", c.query, got.Path)
		}
	}
	eval[chromedp.Void](tb, `history.back()`)
	tb.waitFor("the query before", `(document.querySelector("h1 .search-query") || {}).textContent === `+jsString(cases[1].query), 10*time.Second)
	if got := eval[searchState](tb, searchStateJS); !slices.Equal(got.Hits, cases[1].want) {
		t.Errorf("back to %q: %+v", cases[1].query, got)
	}
	tb.checkConsole(nil)

	// The host's page, as a reader without the app gets it (the tab's
	// service worker would answer with the app's page): the same articles.
	for _, c := range cases {
		res, err := http.Get(h.URL + "/search?" + url.Values{"q": {c.query}}.Encode())
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("%q on the host: status %d, %v", c.query, res.StatusCode, err)
		}
		page := string(body)
		for _, slug := range []string{"/articles/hamza-story", "/articles/sorani-story", "/articles/latin-story"} {
			if listed, want := strings.Contains(page, `href="`+slug+`"`), slices.Contains(c.want, slug); listed != want {
				t.Errorf("%q on the host's page: %s listed %v, want %v", c.query, slug, listed, want)
			}
		}
		if n := strings.Count(page, "<mark>"); n < c.marks {
			t.Errorf("%q on the host's page: %d words marked, want at least %d", c.query, n, c.marks)
		}
	}
}

// submitQuery puts q in the header's search box and submits its form, as
// Enter in the box does, and waits for the app to draw the page.
func submitQuery(tb *tab, q string) {
	tb.t.Helper()
	tb.expectPage()
	eval[chromedp.Void](tb, `((q) => {
  const input = document.getElementById("search-input");
  input.value = q;
  input.form.requestSubmit();
})(`+jsString(q)+`)`)
	tb.waitPage("the results of " + q)
}

// TestSearchHeaderWritesOnlyChanges runs queries in the app, on a phone's
// width (where the Search button says its state) once the status line
// has something to say: reader.js paints the header on every page, and
// writes none of its attributes with the value it has already. Each such
// write costs the search a check of the page's style (the status line's
// titles were rewritten at every query).
func TestSearchHeaderWritesOnlyChanges(t *testing.T) {
	t.Parallel()
	tb := searchHome(t, 412)
	tb.waitFor("the status line", `(document.querySelector(".status-text") || {}).textContent !== ""`, 30*time.Second)
	submitQuery(tb, "story 3")
	eval[chromedp.Void](tb, `window.__rewrites = [];
new MutationObserver((recs) => {
  for (const r of recs) {
    if (r.oldValue === r.target.getAttribute(r.attributeName)) {
      window.__rewrites.push(r.attributeName + " on " + r.target.tagName.toLowerCase() + "." + r.target.className);
    }
  }
}).observe(document.querySelector(".site-header"), {subtree: true, attributes: true, attributeOldValue: true})`)
	for _, q := range []string{"story 7", "synthetic", "story 3"} {
		submitQuery(tb, q)
	}
	// quietly() gives the live copy its aria-live back two frames later.
	eval[chromedp.Void](tb, `window.__framed = false, requestAnimationFrame(() => requestAnimationFrame(() => { window.__framed = true }))`)
	tb.waitFor("two frames", `window.__framed`, 5*time.Second)
	if got := eval[[]string](tb, `window.__rewrites`); len(got) != 0 {
		t.Errorf("searching rewrote the header's attributes with the values they had: %q", got)
	}
	type line struct{ Text, Title, Expanded string }
	got := eval[line](tb, `({text: document.querySelector(".status-text").textContent, title: document.querySelector(".status-text").title,
  expanded: document.querySelector(".tool-search").getAttribute("aria-expanded") || ""})`)
	if got.Text == "" || !strings.HasPrefix(got.Title, got.Text) || got.Expanded != "true" {
		t.Errorf("the header after the searches: %+v; want the status with its title, the open box's button saying so", got)
	}
	tb.checkConsole(nil)
}

// TestSearchBoxStaysInPlace searches in the app on a phone's width and
// moves through the history: from one search page to another (once the
// first query has drawn the box of the page the app opened on anew) the
// header's box is the same element, showing each page's query (none on the cleared
// search), and nothing of the header is drawn anew; a page without a query
// has an empty, closed box. A new box at each query, drawn with the query in
// its markup, made the browser lay the header out again before the results'
// heading took focus (make bench, section f).
func TestSearchBoxStaysInPlace(t *testing.T) {
	t.Parallel()
	tb := searchAt(t, 412, "/search?q=story+3")
	type box struct {
		Same    bool
		Value   string
		Open    bool
		Removed []string
	}
	look := func() box {
		return eval[box](tb, `(() => {
  const input = document.getElementById("search-input");
  return {same: !!input && input === window.__box, value: input ? input.value : "(none)",
    open: !!input && input.form.classList.contains("search-form-open"), removed: window.__removed};
})()`)
	}
	// keep marks the box on screen; what of the header is removed after is
	// listed, but for the status line, which reader.js writes as the
	// worker's install goes on.
	keep := func() {
		eval[chromedp.Void](tb, `window.__box = document.getElementById("search-input");
window.__removed = [];
window.__watch && window.__watch.disconnect();
window.__watch = new MutationObserver((recs) => {
  for (const r of recs) {
    if (r.target.closest(".status")) continue; // reader.js writes the status line
    for (const n of r.removedNodes) {
      window.__removed.push(n.nodeName.toLowerCase() + (n.className ? "." + n.className : ""));
    }
  }
});
window.__watch.observe(document.querySelector(".site-header"), {subtree: true, childList: true})`)
	}
	same := func(step, value string) {
		t.Helper()
		if got := look(); !got.Same || got.Value != value || !got.Open || len(got.Removed) != 0 {
			t.Errorf("%s: %+v; want the same open box showing %q, and nothing of the header removed", step, got, value)
		}
	}
	if got := look(); got.Value != "story 3" || !got.Open {
		t.Errorf("the page the app opened on: %+v; want the open box showing %q", got, "story 3")
	}
	// The box of the page the app opened on holds its query in its markup,
	// as the host's does: the first query draws the box the others keep.
	submitQuery(tb, "story 7")
	tb.waitH1("1 result for story 7")
	if got := look(); got.Value != "story 7" || !got.Open {
		t.Errorf("after a query: %+v; want the open box showing %q", got, "story 7")
	}
	keep()
	submitQuery(tb, "synthetic")
	tb.waitH1("45 results for synthetic")
	same("after another", "synthetic")
	tb.goBack("Back")
	tb.waitH1("1 result for story 7")
	same("Back", "story 7")
	tb.goBack("Back again")
	tb.waitH1("11 results for story 3")
	same("Back to the first page", "story 3")
	eval[chromedp.Void](tb, `goappNav("/")`)
	tb.waitH1("Latest articles")
	if got := look(); got.Value != "" || got.Open {
		t.Errorf("a page without a query: %+v; want an empty, closed box", got)
	}
	// A query from there whose index files are still coming: the search
	// page shows it while it loads.
	holdFetches(tb, "")
	eval[chromedp.Void](tb, `{
  const input = document.getElementById("search-input");
  input.value = "story 1";
  input.form.requestSubmit();
}`)
	tb.waitFor("the search loading", `location.search === "?q=story%201" && window.__held.length > 0 && !!document.querySelector(".search-page")`, 10*time.Second)
	if got := look(); got.Value != "story 1" || !got.Open {
		t.Errorf("a search loading: %+v; want the open box showing %q", got, "story 1")
	}
	releaseFetches(tb)
	tb.waitH1("11 results for story 1")
	tb.goBack("Back to the home page")
	tb.waitH1("Latest articles")
	tb.goBack("Back to the results")
	tb.waitH1("11 results for story 3")
	if got := look(); got.Value != "story 3" || !got.Open {
		t.Errorf("Back to the results: %+v; want the open box showing %q", got, "story 3")
	}
	keep()
	eval[chromedp.Void](tb, `goappNav("/search")`)
	tb.waitFor("the search page without a query", `location.pathname === "/search" && location.search === "" && !!document.querySelector(".search-note")`, 10*time.Second)
	same("the search cleared", "")
	tb.checkConsole(nil)
}

// TestSearchNoResultsHeading searches for a word no article has, in the
// app: focus goes to the heading, which names the query and says there
// are no results (the count form with 0), as the title does; the page the
// host draws for the address says the same before the app is live.
func TestSearchNoResultsHeading(t *testing.T) {
	t.Parallel()
	const q, want = "zzzzqqq", "0 results for zzzzqqq"
	tb := searchHome(t, 1280)
	eval[chromedp.Void](tb, `window.__marker = 3`)
	tb.do("focusing the box", chromedp.Focus(chromedp.ID("search-input")))
	tb.keys("a query with no results", q+kb.Enter)
	tb.waitFor("the search", `location.search === "?q=`+q+`" && !!document.querySelector(".search-note")`, 10*time.Second)
	tb.waitFor("focus on the heading", `document.activeElement && document.activeElement.id === "page-title"`, 5*time.Second)
	got := eval[searchState](tb, searchStateJS)
	if got.Marker != 3 || got.H1 != want || got.Note != "No articles match "+q+"." || len(got.Hits) != 0 {
		t.Errorf("in the app: %+v; want the focused heading %q, the note in words", got, want)
	}
	if q := eval[string](tb, `(document.querySelector("#page-title .search-query") || {}).textContent || ""`); q != "zzzzqqq" {
		t.Errorf("the focused heading holds the query %q", q)
	}
	if title := eval[string](tb, `document.title`); !strings.HasPrefix(title, want+" · ") {
		t.Errorf("in the app, the title is %q, want %q and the site's name", title, want)
	}

	tb.mustLoad(strings.TrimSuffix(eval[string](tb, `location.origin`), "/")+"/search?q="+q+"&wasm=false", http.StatusOK)
	if painted := tb.firstFrame(); painted == nil || painted.H1 == nil || painted.H1.Text != want {
		h1 := "(no frame or heading)"
		if painted != nil && painted.H1 != nil {
			h1 = painted.H1.Text
		}
		t.Errorf("the host's page: the first frame's heading is %q, want %q", h1, want)
	}
	if title := eval[string](tb, `document.title`); !strings.HasPrefix(title, want+" · ") {
		t.Errorf("the host's page: the title is %q, want %q and the site's name", title, want)
	}
	tb.checkConsole(nil)
}

// TestSearchLoneSurrogate searches, in the app, a query holding half of a
// surrogate pair, as text pasted from a page that cut an emoji in two
// does: it searches, the half written as U+FFFD as a form without script
// sends it. reader.js's encodeURIComponent threw on it, after the
// submission had been cancelled: Enter did nothing.
func TestSearchLoneSurrogate(t *testing.T) {
	t.Parallel()
	tb := searchHome(t, 1280)
	eval[chromedp.Void](tb, `window.__marker = 4`)
	tb.do("focusing the box", chromedp.Focus(chromedp.ID("search-input")))
	eval[chromedp.Void](tb, `document.getElementById("search-input").value = "story\ud800 1"`)
	tb.keys("Enter", kb.Enter)
	tb.waitFor("the results", `location.search === "?q=story%EF%BF%BD%201"`+searchDone, 10*time.Second)
	if got := eval[searchState](tb, searchStateJS); got.Marker != 4 || got.H1 != "11 results for story\ufffd 1" || len(got.Hits) != 11 {
		t.Errorf("the results: %+v; want those of story 1, in the app", got)
	}
	tb.checkConsole(nil)
}

// TestSearchLongQuerySaysWordsLeftOut searches in the app with more words
// than a search counts: the results are those of the first seven words
// and the last, and the page says which words it left out, as the host's
// page of the same address does.
func TestSearchLongQuerySaysWordsLeftOut(t *testing.T) {
	t.Parallel()
	tb := searchHome(t, 412)
	eval[chromedp.Void](tb, `window.__marker = 5`)
	const q = "synthetic archive story text of test odd <zzz> yyy 1"
	tb.keys("/", "/")
	tb.waitFor("the search box to have focus", `document.activeElement.id === "search-input"`, 5*time.Second)
	tb.keys("typing", q+kb.Enter)
	tb.waitFor("the results", `new URLSearchParams(location.search).get("q") === `+jsString(q)+searchDone, 10*time.Second)
	note := `[...document.querySelectorAll(".search-note")].map((p) => p.textContent).join("|")`
	want := "A search counts the first 7 words and the last. Left out of this one: zzz\u00a0and yyy." // words, not their marks; joined as bylines are (writeList)
	// The odd stories whose number starts with 1: 1, 11, 13 … 19.
	if got := eval[searchState](tb, searchStateJS); got.Marker != 5 || got.H1 != "6 results for "+q || len(got.Hits) != 6 {
		t.Errorf("the results: %+v; want the 6 odd stories numbered from 1, in the app", got)
	}
	if got := eval[string](tb, note); got != want {
		t.Errorf("the app's notes: %q, want %q", got, want)
	}
	tb.reload("the host's page of the same address")
	tb.waitLive()
	if got := eval[string](tb, note); got != want {
		t.Errorf("the host's notes: %q, want %q", got, want)
	}
	tb.checkConsole(nil)
}

// TestSearchKeepsTypingWhileLoading searches again from a search page
// while the new query's index files are slow to come, and types on in the
// box before its results are drawn, as a reader who sees a typo does: the
// results then drawn leave what they typed in the box. The loading page
// shows its query in the box already, and the same box stays on screen;
// putting the query in again when the results came wiped the reader's
// typing.
func TestSearchKeepsTypingWhileLoading(t *testing.T) {
	t.Parallel()
	tb := searchAt(t, 1280, "/search?q=story+3")
	holdFetches(tb, "")
	eval[chromedp.Void](tb, `document.getElementById("search-input").focus();
document.getElementById("search-input").select();`)
	tb.keys("a new query", "story 1")
	tb.keys("Enter", kb.Enter)
	tb.waitFor("the search loading", `location.search === "?q=story%201" && window.__held.length > 0 && !!document.querySelector(".search-page")`, 10*time.Second)
	eval[chromedp.Void](tb, `document.getElementById("search-input").focus()`)
	tb.keys("typing on while it loads", "2")
	if got := eval[string](tb, `document.getElementById("search-input").value`); got != "story 12" {
		t.Fatalf("the box while the search loads: %q; want %q", got, "story 12")
	}
	releaseFetches(tb)
	tb.waitH1("11 results for story 1")
	if got := eval[string](tb, `document.getElementById("search-input").value`); got != "story 12" {
		t.Errorf("the box once the results are drawn: %q; want what the reader typed, %q", got, "story 12")
	}
	tb.checkConsole(nil)
}

// TestSearchBoxDirection types queries of both directions into the
// header's box. A query takes its first letter's direction (dir="auto"):
// "abc سلام" reads as typed in a right-to-left edition, an Arabic query
// from the right in an English one. A box without a letter, empty or of
// digits, keeps the page's direction, where Chromium reads auto as
// left-to-right and would put an empty box's caret on the wrong side. The
// box a search page opens with, the app's and the host's, is set too.
func TestSearchBoxDirection(t *testing.T) {
	t.Parallel()
	const mixed = "abc سلام"
	dirJS := `(() => { const b = document.getElementById("search-input");
  return (b.matches(":dir(rtl)") ? "rtl" : "ltr") + (b.hasAttribute("dir") ? " " + b.getAttribute("dir") : ""); })()`
	clear := func(tb *tab) {
		tb.t.Helper()
		eval[chromedp.Void](tb, `(() => { const b = document.getElementById("search-input"); b.focus(); b.select(); })()`)
		tb.keys("deleting the query", kb.Backspace)
	}
	for _, c := range []struct {
		name     string
		h        *host
		page     string // the page's direction
		typed    string
		typedDir string
	}{
		{"ar", privateHost(t, "-data", writeDataset(t, "ar.json", editionDataset(editions[1].lang, editions[1].mark, editions[1].word))), "rtl", mixed, "ltr auto"},
		{"en", syntheticHost(t), "ltr", "سلام", "rtl auto"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := newTab(t, 412, 900)
			tb.mustLoad(c.h.URL+"/", http.StatusOK)
			tb.waitLive()
			tb.waitReader()
			if got := eval[string](tb, dirJS); got != c.page {
				t.Errorf("the empty box: %q, want the page's %q and no dir", got, c.page)
			}
			tb.keys("opening the box with /", "/") // folded away at this width
			tb.keys("typing "+c.typed, c.typed)
			if got := eval[string](tb, dirJS); got != c.typedDir {
				t.Errorf("%q typed: %q, want %q", c.typed, got, c.typedDir)
			}
			clear(tb)
			tb.keys("typing digits", "٢٦ 26")
			if got := eval[string](tb, dirJS); got != c.page {
				t.Errorf("digits typed: %q, want the page's %q and no dir", got, c.page)
			}
			clear(tb)
			if got := eval[string](tb, dirJS); got != c.page {
				t.Errorf("the box emptied: %q, want the page's %q and no dir", got, c.page)
			}
			// The app's search page puts the query in the box.
			submitQuery(tb, c.typed)
			if got := eval[string](tb, dirJS); got != c.typedDir {
				t.Errorf("the app's search page for %q: %q, want %q", c.typed, got, c.typedDir)
			}
			// The host's, without the app.
			tb.mustLoad(c.h.URL+"/search?"+url.Values{"q": {c.typed}, "wasm": {"false"}}.Encode(), http.StatusOK)
			tb.waitReader()
			if got := eval[string](tb, dirJS); got != c.typedDir {
				t.Errorf("the host's search page for %q: %q, want %q", c.typed, got, c.typedDir)
			}
		})
	}
}

// TestSearchBackOnline searches an archive too large to be saved whole
// (the worker keeps the first pages, not the index) while offline, from
// the header's box: the page says the device lacks the part of the index
// the results need. Back online, the results come without the reader
// asking again, as the offline page opens once the site answers. They
// kept saying "The site is not answering" while it did.
func TestSearchBackOnline(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "search-back-online.json", archiveDataset(2600)))
	tb := newTab(t, 412, 900)
	tb.extend(2 * time.Minute)
	firstVisit(t, tb, h.URL, time.Minute)
	online := tb.goOffline()
	eval[chromedp.Void](tb, `(() => { const i = document.getElementById("search-input"); i.value = "story 7"; i.form.requestSubmit(); })()`)
	tb.waitFor("the offline note", `((document.querySelector(".search-note") || {}).innerText || "").startsWith("You are offline")`, 10*time.Second)
	if got := eval[searchState](tb, searchStateJS); len(got.Hits) != 0 || got.Path != "/search?q=story%207" {
		t.Fatalf("offline, the search: %+v; want no results at /search?q=story%%207", got)
	}
	// The heading the search focuses says no outcome: screen readers read
	// why with it, as its description (the note's words as shown).
	note := eval[string](tb, `document.querySelector(".search-note").innerText`)
	var heading axNode
	if !poll(func() bool {
		for _, n := range axTree(tb) {
			if n.Role == "heading" && n.Name == "Search the archive" {
				heading = n
			}
		}
		return heading.Description == note
	}) {
		t.Errorf("offline, the search's heading %q is described as %q, want the note %q", heading.Name, heading.Description, note)
	}
	if got := eval[string](tb, `document.activeElement.id`); got != "page-title" {
		t.Errorf("offline, the search left focus on #%s, want the heading", got)
	}
	online()
	waitAcrossLoad(tb, "the results, back online", `(document.querySelector("h1") || {}).textContent === "111 results for story 7" &&
		!document.querySelector(".search-note") && document.querySelectorAll(".search-results > li").length === 20`)
	tb.checkConsole(allowOffline) // the search offline, which the page says, logs nothing
}

// TestSearchServerErrorLogged searches while the host answers the index's
// first file with a 500: the page says the site is not answering, and the
// app logs the failure, which is the site's, not the network's (offline,
// a search logs nothing: TestSearchBackOnline).
func TestSearchServerErrorLogged(t *testing.T) {
	t.Parallel()
	h := searchHost(t)
	index := dataBase(t, h.URL+"/") + "/search/index.bin"
	srv := failingProxy(t, h.URL, index, serverError)
	tb := newTab(t, 1280, 900)
	tb.mustLoad(srv.URL+"/", http.StatusOK)
	tb.waitLive()
	eval[chromedp.Void](tb, `(() => { const i = document.getElementById("search-input"); i.value = "story 3"; i.form.requestSubmit(); })()`)
	tb.waitFor("the search's note", `((document.querySelector(".search-note") || {}).innerText || "").startsWith("The site is not answering")`, 10*time.Second)
	const logged = "dateline: searching: search: index file unavailable: index.bin: fetching "
	if c := tb.consoleText(); !strings.Contains(c, logged) || !strings.Contains(c, "status 500") {
		t.Errorf("the console does not log the index's 500 as the app's failure: %s", c)
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return m.Source == "network" && strings.Contains(m.Text, "status of 500") || strings.Contains(m.Text, logged)
	})
}

// TestSearchFocusWithoutFrame searches in a page that gets no frame after
// the results are drawn (a tab hidden meanwhile, here the frame callbacks
// held back): the head, the focus on the count and reader.js's hook, which
// wait for the results' paint, come all the same, from a timer.
func TestSearchFocusWithoutFrame(t *testing.T) {
	t.Parallel()
	tb := searchAt(t, 412, "/search")
	tb.expectPage()
	eval[chromedp.Void](tb, `(() => {
  window.requestAnimationFrame = () => 0;
  const i = document.getElementById("search-input");
  i.value = "story 7";
  i.form.requestSubmit();
})()`)
	tb.waitFor("the results, focused, with their title", `(document.querySelector("h1") || {}).textContent === "1 result for story 7"`+searchDone+
		` && document.title.startsWith("1 result for story 7")`, 5*time.Second)
	tb.waitPage("the search")
}

// TestSearchFocusLeftWhereMoved moves focus back into the search box
// between a search's results drawn and their paint, as a reader typing the
// next query does: the focus that the paint brings (to the results'
// heading) does not take it from the box, and the title is written all the
// same. Frame callbacks are held back, so that the moment lasts until the
// timer that stands in for them (components/nav.go, paintLate).
func TestSearchFocusLeftWhereMoved(t *testing.T) {
	t.Parallel()
	tb := searchAt(t, 412, "/search")
	tb.expectPage()
	eval[chromedp.Void](tb, `(() => {
  window.requestAnimationFrame = () => 0;
  // Back into the box as soon as the results are drawn (a microtask
  // after the app's task), before their paint.
  const mo = new MutationObserver(() => {
    if ((document.querySelector("h1") || {}).textContent === "1 result for story 7") {
      mo.disconnect();
      window.__movedAt = document.title;
      document.getElementById("search-input").focus();
    }
  });
  mo.observe(document.body, {subtree: true, childList: true, characterData: true});
  const i = document.getElementById("search-input");
  i.value = "story 7";
  i.form.requestSubmit();
})()`)
	tb.waitFor("the results with their title", `(document.querySelector("h1") || {}).textContent === "1 result for story 7"`+
		` && document.title.startsWith("1 result for story 7")`, 5*time.Second)
	if before := eval[string](tb, `window.__movedAt || ""`); strings.HasPrefix(before, "1 result") {
		t.Fatalf("the title was written (%q) before focus was moved back: the moment tested did not come", before)
	}
	time.Sleep(100 * time.Millisecond)
	if got := eval[string](tb, `document.activeElement ? document.activeElement.id : ""`); got != "search-input" {
		t.Errorf("focus is on %q after the results were painted, want the search box the reader moved it to", got)
	}
	tb.waitPage("the search")
}

// refuse makes the tab's requests to site+pattern fail, for each pattern
// (with * for any run of characters), as a network that loses them would;
// none lifts the refusal. The network domain is enabled on first use.
func (tb *tab) refuse(site string, patterns ...string) {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, network.Enable, network.EnableParams{}); err != nil {
		tb.t.Fatalf("enabling the network domain: %v", err)
	}
	var ps []*network.BlockPattern
	for _, p := range patterns {
		ps = append(ps, &network.BlockPattern{URLPattern: site + p, Block: true})
	}
	if _, err := chromedp.Call(tb.ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: ps}); err != nil {
		tb.t.Fatalf("refusing %q: %v", patterns, err)
	}
}
