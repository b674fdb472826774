//go:build !(js && wasm)

package browser

import (
	"net/http"
	"slices"
	"testing"
	"time"

	kb "github.com/chromedp/chromedp/kb"
)

// TestFirstPageKept checks that app.wasm keeps the page the host drew: the
// elements the browser laid out and painted before the app was live are
// still the page once it is (components.KeepDrawn), so that nothing is
// parsed, laid out or painted again, and what the reader did to the page
// meanwhile stays. The first page the app draws then takes its place, once,
// its header with the words the reader typed in the box (web/reader.js), as
// any later page keeps them; and going back draws the first page again.
// The skip link moves focus to
// <main> on the kept page and on one the app drew (web/reader.js): go-app
// takes it for a navigation, which would leave focus on the link.
func TestFirstPageKept(t *testing.T) {
	t.Parallel()
	// Marked at DOMContentLoaded, before app.wasm has run (the harness's
	// __dtPrerendered marks the body's first element there too).
	tb := openFirst(t, "/articles/"+slugAlpha, `document.addEventListener("DOMContentLoaded", () => {
  document.querySelector("h1").__drawnByHost = true;
  document.getElementById("search-input").value = "typed before the app";
}, {once: true});`)
	page := `(() => {
  const apps = document.querySelectorAll("body > .app");
  const h1 = document.querySelector("h1");
  return [String(apps.length), String(document.querySelectorAll("main").length), String(document.querySelectorAll("#page-title").length),
    String(!!(apps[0] && apps[0].__dtPrerendered)), String(!!(h1 && h1.__drawnByHost)), h1 ? h1.textContent : "",
    document.getElementById("search-input").value];
})()`
	want := []string{"1", "1", "1", "true", "true", headAlpha, "typed before the app"}
	if got := eval[[]string](tb, page); !slices.Equal(got, want) {
		t.Errorf("the first page once live: [.app, main, #page-title, host's .app, host's h1, h1, search box] = %q, want %q", got, want)
	}
	skip := func(where string) {
		t.Helper()
		eval[any](tb, `document.querySelector(".skip-link").focus()`)
		tb.keys("following the skip link with Enter", kb.Enter)
		tb.waitFor("focus on <main> "+where, `document.activeElement && document.activeElement.id === "main"`, 5*time.Second)
	}
	skip("on the page kept as the host drew it")

	tb.click("following Read More", `.story-body .read-more a[href="/articles/`+slugBravo+`"]`)
	tb.waitH1(headBravo)
	want = []string{"1", "1", "1", "false", "false", headBravo, "typed before the app"}
	if got := eval[[]string](tb, page); !slices.Equal(got, want) {
		t.Errorf("the page the app drew next: %q, want %q", got, want)
	}
	skip("on a page the app drew")

	// The skip links followed are entries of the history (#main).
	tb.goBack("going back from the skip link's entry")
	tb.waitFor("the page without #main", `location.hash === ""`, 5*time.Second)
	tb.goBack("going back to the first page")
	tb.waitH1(headAlpha)
	want = []string{"1", "1", "1", "false", "false", headAlpha, "typed before the app"}
	if got := eval[[]string](tb, page); !slices.Equal(got, want) {
		t.Errorf("back on the first page: %q, want %q", got, want)
	}
	tb.checkConsole(nil)
}

// TestFirstPageKeptQueryWins checks that the words typed in the kept page's
// box give way to a search page's own query when the first page the app
// draws is a search: its box says what it found.
func TestFirstPageKeptQueryWins(t *testing.T) {
	t.Parallel()
	tb := openFirst(t, "/articles/"+slugAlpha, "")
	eval[any](tb, `(() => {
  document.getElementById("search-input").value = "words not sent";
  const a = document.createElement("a");
  a.href = "/search?q=bravo";
  a.id = "to-search";
  a.textContent = "a search";
  document.getElementById("main").append(a);
})()`)
	tb.click("following a link to a search page", "#to-search")
	tb.waitFor("the search page", `location.pathname === "/search" && !!document.querySelector(".search-page")`, 10*time.Second)
	if got := eval[string](tb, `document.getElementById("search-input").value`); got != "bravo" {
		t.Errorf("the search page's box = %q, want its query %q", got, "bravo")
	}
	if n := eval[int](tb, `document.querySelectorAll("body > .app").length`); n != 1 {
		t.Errorf("%d .app elements, want 1", n)
	}
	tb.checkConsole(nil)
}

// openFirst opens path on the synthetic host as the document's first page
// (the first article's is kept as the host drew it), in a new tab that runs
// setup (a script, if any) before the page's own, and waits until the app
// is live and reader.js has run.
func openFirst(t *testing.T, path, setup string) *tab {
	t.Helper()
	h := syntheticHost(t)
	tb := newTab(t, 1280, 900)
	if setup != "" {
		tb.addScript(setup)
	}
	tb.mustLoad(h.URL+path, http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	return tb
}

// TestFirstPageKeptSearchLeft checks that leaving a search page the host
// drew empties the box, as leaving any search page the app drew does: the
// query the box showed was the page's, and an article's header takes no
// query (components/search.go, searchForm). The box then shows the same
// whether the article is reached from the first page or from a later one.
func TestFirstPageKeptSearchLeft(t *testing.T) {
	t.Parallel()
	tb := openFirst(t, "/search?q=bravo", "")
	box := `document.getElementById("search-input").value`
	if got := eval[string](tb, box); got != "bravo" {
		t.Fatalf("the search page the host drew: box %q, want its query %q", got, "bravo")
	}
	tb.click("following a result", `main a[href="/articles/`+slugBravo+`"]`)
	tb.waitH1(headBravo)
	first := eval[string](tb, box)

	// The same, from a search page the app drew.
	eval[any](tb, `(() => { const b = document.getElementById("search-input"); b.value = "charlie"; b.form.requestSubmit(); })()`)
	tb.waitFor("the app's search page", `location.search === "?q=charlie" && !!document.querySelector('main a[href="/articles/`+slugCharlie+`"]')`, 10*time.Second)
	tb.click("following a result", `main a[href="/articles/`+slugCharlie+`"]`)
	tb.waitH1(headCharlie)
	later := eval[string](tb, box)
	if first != "" || later != "" {
		t.Errorf("the box on the article left to from a search page: %q from the host's, %q from the app's; want both empty", first, later)
	}
	if n := eval[int](tb, `document.querySelectorAll("body > .app").length`); n != 1 {
		t.Errorf("%d .app elements, want 1", n)
	}
	tb.checkConsole(nil)
}

// TestFirstPageNotKeptWords checks that a first page the app draws again
// (the saved page, whose list reader.js writes) keeps the words typed in
// its box before the app was live: the page the reader is typing in is the
// same page.
func TestFirstPageNotKeptWords(t *testing.T) {
	t.Parallel()
	tb := openFirst(t, "/saved", `document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("search-input").value = "typed before the app";
  window.__hostApp = document.querySelector("body > .app");
}, {once: true});`)
	tb.waitFor("the app's own page", `!window.__hostApp.isConnected`, 10*time.Second)
	got := eval[[]string](tb, `[String(document.querySelectorAll("body > .app").length), document.getElementById("search-input").value]`)
	if want := []string{"1", "typed before the app"}; !slices.Equal(got, want) {
		t.Errorf("the search page drawn again: [.app, search box] = %q, want %q", got, want)
	}
	tb.checkConsole(nil)
}

// TestEmptySearchPageKept checks that the search page without a query, the
// page a reader opens to search, stays as the host drew it once the app is
// live: what they typed in its box before then, and the focus, stay where
// they were (the app drew the page again, and the box lost focus, before).
// A search from it then shows its results.
func TestEmptySearchPageKept(t *testing.T) {
	t.Parallel()
	tb := openFirst(t, "/search", `document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("search-input");
  box.focus();
  box.value = "brav";
  box.setSelectionRange(2, 2);
}, {once: true});`)
	got := eval[[]string](tb, `(() => {
  const apps = document.querySelectorAll("body > .app"), box = document.getElementById("search-input");
  return [String(apps.length), String(!!(apps[0] && apps[0].__dtPrerendered)), box.value,
    String(document.activeElement === box), String(box.selectionStart)];
})()`)
	if want := []string{"1", "true", "brav", "true", "2"}; !slices.Equal(got, want) {
		t.Errorf("the search page once live: [.app, the host's, box, box focused, caret] = %q, want %q", got, want)
	}
	eval[any](tb, `(() => { const b = document.getElementById("search-input"); b.value = "bravo"; b.form.requestSubmit(); })()`)
	tb.waitFor("the results", `location.search === "?q=bravo" && !!document.querySelector('main a[href="/articles/`+slugBravo+`"]')`, 10*time.Second)
	if n := eval[int](tb, `document.querySelectorAll("body > .app").length`); n != 1 {
		t.Errorf("%d .app elements after the search, want 1", n)
	}
	tb.checkConsole(nil)
}

// TestFirstPageKeptSearchNextPage edits the box of a search page the host
// drew, then follows its link to the next page of results: the edit stays
// in the box, as it does from a search page the app drew. The box was
// given the page's query by the host, not by the app, and the next page's
// query (the same) must not wipe what the reader typed since.
func TestFirstPageKeptSearchNextPage(t *testing.T) {
	t.Parallel()
	tb := searchAt(t, 1280, "/search?q=synthetic")
	box := `document.getElementById("search-input").value`
	next := func(from, page string) string {
		eval[any](tb, `(() => {
  const b = document.getElementById("search-input");
  b.value = "edited words";
  b.dispatchEvent(new Event("input", {bubbles: true}));
})()`)
		tb.click("following the next page's link from "+from, "main a.pager-next")
		tb.waitFor("page "+page, `new URLSearchParams(location.search).get("page") === "`+page+`" &&
			!!document.querySelector("main .search-results > li")`, 10*time.Second)
		return eval[string](tb, box)
	}
	if got := eval[string](tb, box); got != "synthetic" {
		t.Fatalf("the search page the host drew: box %q, want its query %q", got, "synthetic")
	}
	first := next("the host's page", "2")
	later := next("the app's page", "3")
	if first != "edited words" || later != "edited words" {
		t.Errorf("the box on the next page of results: %q from the host's page, %q from the app's; want both %q", first, later, "edited words")
	}
	if n := eval[int](tb, `document.querySelectorAll("body > .app").length`); n != 1 {
		t.Errorf("%d .app elements, want 1", n)
	}
	tb.checkConsole(nil)
}

// TestFirstPageKeptSearchFocus searches from the box of the empty search
// page the host drew (kept), its index's files held as on a slow network:
// while the results load, under the app's first header, the box keeps the
// focus, as it does on a search page the app drew (web/reader.js, boxBack).
// Before, the box the reader had typed in went with the host's page and
// focus with it: their next keys went to the page, whose single-key
// shortcuts then apply.
func TestFirstPageKeptSearchFocus(t *testing.T) {
	t.Parallel()
	tb := openFirst(t, "/search", `document.addEventListener("DOMContentLoaded", () => {
  window.__hostApp = document.querySelector("body > .app");
}, {once: true});`)
	eval[any](tb, `document.getElementById("search-input").focus()`)
	search := func(what, q string) []string {
		t.Helper()
		holdFetches(tb, "")
		tb.keys("typing "+q, q+kb.Enter)
		tb.waitFor(what+": the search page while searching", `location.search === "?q=`+q+`" && !!document.querySelector("main .search-page:not([data-query])")`, 10*time.Second)
		got := eval[[]string](tb, `[String(document.querySelectorAll("body > .app").length), String(window.__hostApp.isConnected),
  document.activeElement ? (document.activeElement.id || document.activeElement.tagName) : "none", document.getElementById("search-input").value]`)
		releaseFetches(tb)
		tb.waitFor(what+": the results", `location.search === "?q=`+q+`" && !!document.querySelector("main .search-page[data-query]")`+searchDone, 10*time.Second)
		return got
	}
	first := search("from the host's page", "bravo")
	if want := []string{"1", "false", "search-input", "bravo"}; !slices.Equal(first, want) {
		t.Errorf("searching from the kept page: [.app, host's .app on, focus, box] = %q, want %q", first, want)
	}
	eval[any](tb, `(() => { const b = document.getElementById("search-input"); b.focus(); b.value = ""; })()`)
	later := search("from the app's page", "charlie")
	if want := []string{"1", "false", "search-input", "charlie"}; !slices.Equal(later, want) {
		t.Errorf("searching from the app's page: %q, want %q", later, want)
	}
	tb.checkConsole(nil)
}

// TestFirstPageNotKeptFocus checks that the saved page, which the app
// draws again as it goes live, keeps the focus and the caret of the reader
// typing in its box, as it keeps their words (TestFirstPageNotKeptWords).
func TestFirstPageNotKeptFocus(t *testing.T) {
	t.Parallel()
	tb := openFirst(t, "/saved", `document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("search-input");
  box.focus();
  box.value = "typed before the app";
  box.setSelectionRange(5, 5);
  window.__hostApp = document.querySelector("body > .app");
}, {once: true});`)
	tb.waitFor("the app's own page", `!window.__hostApp.isConnected`, 10*time.Second)
	got := eval[[]string](tb, `(() => { const box = document.getElementById("search-input");
  return [box.value, document.activeElement ? (document.activeElement.id || document.activeElement.tagName) : "none", String(box.selectionStart)]; })()`)
	if want := []string{"typed before the app", "search-input", "5"}; !slices.Equal(got, want) {
		t.Errorf("the saved page drawn again: [box, focus, caret] = %q, want %q", got, want)
	}
	tb.checkConsole(nil)
}

// TestFirstPageNotKeptOpenBox is TestFirstPageNotKeptFocus on a narrow
// screen, where the reader opened the folded box (its button, once
// reader.js runs) to type in it before app.wasm came (held here, as on a
// slow network): the app's box is open, the focus in it.
func TestFirstPageNotKeptOpenBox(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	tb := newTab(t, 400, 800)
	tb.addScript(`(() => {
  window.__let = false;
  window.__held = [];
  const fetch = window.fetch;
  window.fetch = function (...args) {
    if (window.__let || !String(args[0] && args[0].url || args[0]).includes(".wasm")) return fetch.apply(this, args);
    return new Promise((go) => window.__held.push(go)).then(() => fetch.apply(this, args));
  };
  document.addEventListener("DOMContentLoaded", () => { window.__hostApp = document.querySelector("body > .app"); }, {once: true});
})()`)
	tb.mustLoad(h.URL+"/saved", 200)
	tb.waitReader()
	tb.click("opening the folded box", ".tool-search")
	tb.waitFor("the box open, in focus", `document.activeElement && document.activeElement.id === "search-input"`, 5*time.Second)
	tb.keys("typing", "typed")
	if live := eval[bool](tb, `document.documentElement.getAttribute("data-app") === "live"`); live {
		t.Fatal("the app went live before app.wasm was let through")
	}
	releaseFetches(tb)
	tb.waitLive()
	tb.waitFor("the app's own page", `!window.__hostApp.isConnected`, 10*time.Second)
	got := eval[[]string](tb, `(() => { const box = document.getElementById("search-input");
  return [box.value, String(box.form.classList.contains("search-form-open")), document.activeElement ? (document.activeElement.id || document.activeElement.tagName) : "none"]; })()`)
	if want := []string{"typed", "true", "search-input"}; !slices.Equal(got, want) {
		t.Errorf("the saved page drawn again, narrow: [box, open, focus] = %q, want %q", got, want)
	}
	tb.checkConsole(nil)
}

// TestFirstPageKeptSearchAgainFocus: a search whose results are at hand
// (the host's page's own, submitted again from its box) still ends with
// focus on the results' count, as from a page the app drew: the box the
// focus goes back to (web/reader.js, boxBack) is where afterNav finds it.
func TestFirstPageKeptSearchAgainFocus(t *testing.T) {
	t.Parallel()
	tb := openFirst(t, "/search?q=bravo", "")
	eval[any](tb, `document.getElementById("search-input").focus()`)
	tb.keys("submitting again", kb.Enter)
	tb.waitFor("the results, focus on their count", `location.search === "?q=bravo" && !!document.querySelector("main .search-page[data-query]") && !document.querySelector(".app").__dtPrerendered`+searchDone, 10*time.Second)
	if n := eval[int](tb, `document.querySelectorAll("body > .app").length`); n != 1 {
		t.Errorf("%d .app elements, want 1", n)
	}
	tb.checkConsole(nil)
}
