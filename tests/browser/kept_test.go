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
// and going back draws the first page again. The skip link moves focus to
// <main> on the kept page and on one the app drew (web/reader.js): go-app
// takes it for a navigation, which would leave focus on the link.
func TestFirstPageKept(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	tb := newTab(t, 1280, 900)
	// Marked at DOMContentLoaded, before app.wasm has run (the harness's
	// __dtPrerendered marks the body's first element there too).
	tb.addScript(`document.addEventListener("DOMContentLoaded", () => {
  document.querySelector("h1").__drawnByHost = true;
  document.getElementById("search-input").value = "typed before the app";
}, {once: true});`)
	tb.mustLoad(h.URL+"/articles/"+slugAlpha, http.StatusOK)
	tb.waitLive()
	tb.waitFor("reader.js", `document.documentElement.hasAttribute("data-reader")`, 10*time.Second)
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
	want = []string{"1", "1", "1", "false", "false", headBravo, ""}
	if got := eval[[]string](tb, page); !slices.Equal(got, want) {
		t.Errorf("the page the app drew next: %q, want %q", got, want)
	}
	skip("on a page the app drew")

	// The skip links followed are entries of the history (#main).
	tb.goBack("going back from the skip link's entry")
	tb.waitFor("the page without #main", `location.hash === ""`, 5*time.Second)
	tb.goBack("going back to the first page")
	tb.waitH1(headAlpha)
	want = []string{"1", "1", "1", "false", "false", headAlpha, ""}
	if got := eval[[]string](tb, page); !slices.Equal(got, want) {
		t.Errorf("back on the first page: %q, want %q", got, want)
	}
	tb.checkConsole(nil)
}
