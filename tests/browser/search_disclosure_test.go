//go:build !(js && wasm)

package browser

import (
	"fmt"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// searchButtonJS is the state of the header's Search button and its box:
// where focus is, the button's aria-expanded ("none" without it), whether
// the form is open and its field shown, and the page's path.
const searchButtonJS = `(() => {
  const f = document.querySelector("form.search-form"), b = f.querySelector(".tool-search"), i = f.querySelector(".search-input");
  const a = document.activeElement;
  return {
    focus: a === b ? "button" : a === i ? "field" : (a.tagName + "." + a.className).toLowerCase(),
    expanded: b.hasAttribute("aria-expanded") ? b.getAttribute("aria-expanded") : "none",
    open: f.classList.contains("search-form-open"),
    shown: i.offsetParent !== null,
    path: location.pathname,
  };
})()`

type searchButton struct {
	Focus, Expanded, Path string
	Open, Shown           bool
}

// searchExpanded is the Search button's expanded state in Chromium's
// accessibility tree, as a screen reader is told it ("" for none).
func searchExpanded(tb *tab) string {
	tb.t.Helper()
	for _, n := range axTree(tb) {
		if n.Role == "button" && n.Name == "Search" {
			return n.Expanded
		}
	}
	tb.t.Fatal("no Search button in the accessibility tree")
	return ""
}

// TestSearchDisclosureKeyboard works the header's Search button by
// keyboard on a 360 px phone, where it opens the folded search box: it
// says whether the box is open (aria-expanded, in the accessibility tree
// too); Enter opens the box in place with focus in it; Escape closes it,
// focus back on the button, the query kept. On the search page, where the
// box is drawn open, Escape closes it too. On a desktop, where the box is
// always there, the button says no state and Escape leaves the box.
func TestSearchDisclosureKeyboard(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "search-disclosure.json", headerDataset()))
	tb := newTab(t, 360, 800)
	tb.do("setting the viewport", viewport(360, 800))
	state := func() searchButton { return eval[searchButton](tb, searchButtonJS) }
	// expect waits until the button and box are as want, the
	// accessibility tree saying the same state.
	expect := func(what string, want searchButton) {
		t.Helper()
		var got searchButton
		if !poll(func() bool { got = state(); return got == want }) {
			t.Fatalf("%s: the Search button and its box are %+v, want %+v", what, got, want)
		}
		ax := ""
		if want.Expanded != "none" {
			ax = want.Expanded
		}
		var said string
		if !poll(func() bool { said = searchExpanded(tb); return said == ax }) {
			t.Errorf("%s: a screen reader is told the Search button's expanded state is %q, want %q", what, said, ax)
		}
	}

	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	for range 3 { // the skip link, the site's name, Search
		tb.keys("pressing Tab", kb.Tab)
	}
	expect("Tab three times", searchButton{Focus: "button", Expanded: "false", Path: "/"})
	tb.keys("pressing Enter", kb.Enter)
	expect("Enter on Search", searchButton{Focus: "field", Expanded: "true", Open: true, Shown: true, Path: "/"})
	tb.keys("typing a query", "synth")
	tb.keys("pressing Escape", kb.Escape)
	expect("Escape in the box", searchButton{Focus: "button", Expanded: "false", Path: "/"})
	if q := eval[string](tb, `document.querySelector(".search-input").value`); q != "synth" {
		t.Errorf("Escape emptied the query: %q, want %q", q, "synth")
	}
	tb.keys("pressing Enter", kb.Enter)
	expect("Enter on Search again", searchButton{Focus: "field", Expanded: "true", Open: true, Shown: true, Path: "/"})
	tb.expectPage()
	tb.keys("searching", kb.Enter)
	tb.waitPage("the search")
	expect("the search page", searchButton{Focus: "h1.list-title search-title", Expanded: "true", Open: true, Shown: true, Path: "/search"})
	tb.do("focusing the box", chromedp.Focus(chromedp.CSS(".search-input")))
	tb.keys("pressing Escape", kb.Escape)
	expect("Escape on the search page", searchButton{Focus: "button", Expanded: "false", Path: "/search"})

	// A desktop: the box is always there; the button is a plain submit.
	tb.do("setting the viewport", viewport(1280, 800))
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.do("focusing the box", chromedp.Focus(chromedp.CSS(".search-input")))
	tb.keys("pressing Escape", kb.Escape)
	expect("Escape in the desktop's box", searchButton{Focus: "field", Expanded: "none", Shown: true, Path: "/"})
	tb.checkConsole(nil)
}

// slashPlaceJS is where the reader is after "/" and Escape: the window's
// scroll, where focus is, whether the header's box is open and its
// field's query.
const slashPlaceJS = `(() => {
  const f = document.querySelector("form.search-form"), i = f.querySelector(".search-input"), a = document.activeElement;
  return {
    y: scrollY,
    focus: a === i ? "field" : a === document.body ? "body" : a.id || a.getAttribute("href") || a.tagName.toLowerCase(),
    open: f.classList.contains("search-form-open"),
    query: i.value,
  };
})()`

type slashPlace struct {
	Y            float64
	Focus, Query string
	Open         bool
}

// TestSlashEscapeKeepsPlace presses "/" in an article scrolled down its
// text, on phones (where it opens the folded box) and on a desktop (where
// it focuses the header's box), both scrolling the page to its top; and
// then Escape, by keyboard. Escape gives the reader back their place:
// the scroll within a few pixels and focus where it was (nothing, or the
// link they had reached), the phone's box closed again. Before, the phone
// left them at the top with focus on the Search button, the desktop in
// the field.
func TestSlashEscapeKeepsPlace(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", gendata(t, "slash.json", "-n", "8"))
	tb := newTab(t, 360, 800)
	tb.extend(time.Minute)
	place := func() slashPlace { return eval[slashPlace](tb, slashPlaceJS) }
	for _, width := range []int64{360, 412, 1280} {
		tb.do("setting the viewport", viewport(width, 800))
		tb.mustLoad(h.URL+"/articles/synthetic-article-00006", http.StatusOK)
		tb.waitLive()
		for _, from := range []string{"body", "a link"} {
			what := fmt.Sprintf("%d px, focus on %s", width, from)
			want := slashPlace{Y: 900, Focus: "body"}
			if from == "body" {
				eval[chromedp.Void](tb, `document.activeElement.blur(); window.scrollTo({top: 900, behavior: "instant"})`)
			} else {
				// The last link of the article's text or its tags.
				want.Focus = eval[string](tb, `(() => {
				  const a = [...document.querySelectorAll("main article a[href]")].pop();
				  a.focus();
				  return a.getAttribute("href");
				})()`)
				want.Y = eval[float64](tb, `scrollY`)
			}
			if got := place(); got.Y != want.Y || got.Y < 300 {
				t.Fatalf("%s: the article is at %v, want it scrolled down its text (%v)", what, got.Y, want.Y)
			}
			tb.keys("pressing /", "/")
			if got := place(); got.Focus != "field" || got.Query != "" || got.Y == want.Y {
				t.Fatalf("%s: after /, the reader is at %+v, want in the search field at the top", what, got)
			}
			tb.keys("pressing Escape", kb.Escape)
			var got slashPlace
			if !poll(func() bool { got = place(); return got.Focus == want.Focus && math.Abs(got.Y-want.Y) <= 3 && !got.Open }) {
				t.Errorf("%s: after / and Escape, the reader is at %+v, want back at %+v", what, got, want)
			}
		}
	}
	tb.checkConsole(nil)
}
