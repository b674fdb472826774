//go:build !(js && wasm)

package browser

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"dateline/app/article"
	dlpage "dateline/app/page"
)

// The reader's place in an article survives the app's own navigations
// (review 7, fault 2): following a link from one article to another, or
// through a list, keeps the first article's place under its own address
// and headline, and the second starts at its top.

const (
	slugPlaceA = "place-alpha"
	slugPlaceB = "place-bravo"
	slugPlaceC = "place-charlie"
	slugPlaceD = "place-delta"

	headPlaceA = "Place test alpha: a long synthetic story read halfway"
	headPlaceB = "Place test bravo: a synthetic story it reads more of"
	headPlaceC = "Place test charlie: a synthetic story related to alpha"
	headPlaceD = "Place test delta: the synthetic story before alpha"

	// placeSection holds the four stories: by date, delta is alpha's next
	// (older) story and bravo its previous (newer) one.
	placeSection = "Synthetic Places"
	// placeAt is the paragraph of alpha the reader stops at, halfway
	// through it.
	placeAt = 10
)

// placeDataset is four plainly synthetic articles in one section: alpha,
// long, leads inline (Read More) to bravo and in its related list to
// charlie.
func placeDataset() *article.Dataset {
	para := func(name string, i int) article.Block {
		return article.Block{Type: article.Paragraph, Text: fmt.Sprintf(
			"Paragraph %d of the synthetic %s story. %s", i+1, name,
			strings.Repeat("This filler sentence is invented test copy that gives the story a length to scroll through. ", 3))}
	}
	var alpha []article.Block
	for i := range 24 {
		alpha = append(alpha, para("alpha", i))
		if i == 15 {
			alpha = append(alpha, article.Block{Type: article.ReadMore, Link: article.Link{Title: headPlaceB, Slug: slugPlaceB}})
		}
	}
	short := func(name string) []article.Block {
		var b []article.Block
		for i := range 8 {
			b = append(b, para(name, i))
		}
		return b
	}
	return &article.Dataset{
		Site: &article.Site{Name: "Synthetic Places", Description: "Plainly synthetic pages for the tests of the reader's place."},
		Articles: []article.Article{
			{Slug: slugPlaceB, Headline: headPlaceB, Section: placeSection, Published: "2024-05-04T09:00:00Z", Body: short("bravo")},
			{
				Slug: slugPlaceA, Headline: headPlaceA, Section: placeSection, Published: "2024-05-03T09:00:00Z", Body: alpha,
				Related: []article.Link{{Title: headPlaceC, Slug: slugPlaceC}},
			},
			{Slug: slugPlaceD, Headline: headPlaceD, Section: placeSection, Published: "2024-05-02T09:00:00Z", Body: short("delta")},
			{Slug: slugPlaceC, Headline: headPlaceC, Section: placeSection, Published: "2024-05-01T09:00:00Z", Body: short("charlie")},
		},
	}
}

func placeHost(t testing.TB) *host {
	t.Helper()
	return datasetHost(t, "place", placeDataset)
}

// keptPlace is an entry of reader.js's places (dateline:places).
type keptPlace struct {
	I     int
	F     float64
	P     int
	Done  bool
	Title string
}

// places returns reader.js's kept places, by address.
func (tb *tab) places() map[string]keptPlace {
	tb.t.Helper()
	return eval[map[string]keptPlace](tb, `(`+storedJS("dateline:places")+`) || {}`)
}

// readAlphaHalfway opens alpha in a new tab, app live, and scrolls to
// halfway through paragraph placeAt, which reader.js then keeps; with
// atOnce, it returns without waiting for that.
func readAlphaHalfway(t *testing.T, h *host, width int, atOnce bool) *tab {
	t.Helper()
	tb := newTab(t, width, 800)
	tb.do("setting the viewport", viewport(int64(width), 800))
	tb.mustLoad(h.URL+dlpage.ArticlePath(slugPlaceA), http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	scrollAlphaHalfway(tb, atOnce)
	return tb
}

// scrollAlphaHalfway scrolls alpha, on screen, to halfway through
// paragraph placeAt and, unless atOnce, waits until reader.js keeps that
// place.
func scrollAlphaHalfway(tb *tab, atOnce bool) {
	tb.t.Helper()
	eval[chromedp.Void](tb, fmt.Sprintf(`(() => {
	  const p = document.querySelectorAll("article.story .story-body > p")[%d];
	  window.scrollTo(0, scrollY + p.getBoundingClientRect().top - 8 + p.getBoundingClientRect().height / 2);
	})()`, placeAt))
	if !atOnce {
		tb.waitFor("alpha's place to be kept", fmt.Sprintf(`(((%s || {})[location.pathname]) || {}).i === %d`, storedJS("dateline:places"), placeAt), 5*time.Second)
	}
}

// follow clicks the link sel matches, as go-app hears it (a click event on
// the link, where the link is: no scrolling to it first), and waits for the
// page it leads to, headed want ("": any heading).
func (tb *tab) follow(what, sel, want string) {
	tb.t.Helper()
	tb.expectPage()
	if !eval[bool](tb, fmt.Sprintf(`(() => { const a = document.querySelector(%s); if (a) a.click(); return !!a })()`, jsString(sel))) {
		tb.t.Fatalf("%s: no link %s on %s", what, sel, eval[string](tb, `location.pathname`))
	}
	if want != "" {
		tb.waitH1(want)
	}
	tb.waitPage(what)
	// reader.js keeps a place 300 ms after the last scroll: a late one
	// lands now.
	time.Sleep(500 * time.Millisecond)
}

// back goes back in the history and waits for the page headed want.
func (tb *tab) back(want string) {
	tb.t.Helper()
	tb.expectPage()
	eval[chromedp.Void](tb, `history.back()`)
	tb.waitH1(want)
	tb.waitPage("going back to " + want)
	time.Sleep(500 * time.Millisecond)
}

// checkAlphaKept checks alpha's kept place: the paragraph the reader left
// it at, under alpha's address and headline.
func checkAlphaKept(t *testing.T, when string, places map[string]keptPlace) {
	t.Helper()
	a, ok := places[dlpage.ArticlePath(slugPlaceA)]
	switch {
	case !ok:
		t.Errorf("%s: alpha has no kept place; places: %+v", when, places)
	case a.I != placeAt || math.Abs(a.F-0.5) > 0.15 || a.Title != headPlaceA || a.Done:
		t.Errorf("%s: alpha's place is %+v, want paragraph %d at 0.5, titled %q, not done", when, a, placeAt, headPlaceA)
	}
}

// checkPlaceKeys checks that every kept place is an article's, under its
// own headline.
func checkPlaceKeys(t *testing.T, when string, places map[string]keptPlace) {
	t.Helper()
	heads := map[string]string{
		dlpage.ArticlePath(slugPlaceA): headPlaceA,
		dlpage.ArticlePath(slugPlaceB): headPlaceB,
		dlpage.ArticlePath(slugPlaceC): headPlaceC,
		dlpage.ArticlePath(slugPlaceD): headPlaceD,
	}
	for k, p := range places {
		if want, ok := heads[k]; !ok || p.Title != want {
			t.Errorf("%s: a place is kept under %s titled %q; want only articles, each under its own headline", when, k, p.Title)
		}
	}
}

// checkAlphaRestored checks that alpha, on screen, shows the reader's place.
func checkAlphaRestored(t *testing.T, tb *tab, when string) {
	t.Helper()
	tb.waitFor(when+": alpha's place restored", fmt.Sprintf(`(%s).i === %d`, paragraphAtTopJS, placeAt), 5*time.Second)
	if p := eval[place](tb, paragraphAtTopJS); math.Abs(p.F-0.5) > 0.15 {
		t.Errorf("%s: alpha shows paragraph %d at %.2f, want %d at 0.5", when, p.I, p.F, placeAt)
	}
}

// continueItem is a link of the home page's Continue reading list.
type continueItem struct{ Href, Text string }

// checkContinue goes home through the header and checks that Continue
// reading offers alpha first, under its headline, then the articles of
// more, each under its own.
func checkContinue(t *testing.T, tb *tab, more ...continueItem) {
	t.Helper()
	tb.follow("going home", `.site-header a[href="/"]`, "")
	tb.waitFor("the Continue reading list", `!document.querySelector(".continue").hidden`, 5*time.Second)
	items := eval[[]continueItem](tb, `Array.from(document.querySelectorAll(".continue-list a"), (a) => ({href: a.getAttribute("href"), text: a.textContent}))`)
	want := append([]continueItem{{dlpage.ArticlePath(slugPlaceA), headPlaceA}}, more...)
	if !slices.Equal(items, want) {
		t.Errorf("Continue reading lists %+v, want %+v", items, want)
	}
	if read := eval[string](tb, `document.querySelector(".continue-list li").innerText`); !strings.Contains(read, "% read") {
		t.Errorf("Continue reading says %q, want how much of alpha is read", read)
	}
}

// TestPlaceAcrossArticles reads alpha halfway and follows each kind of
// link to another article, then comes back: alpha's place is kept under
// its address and headline, the other article starts at its top and keeps
// its own place, Back returns to alpha's paragraph, and the home page
// offers to continue alpha.
func TestPlaceAcrossArticles(t *testing.T) {
	t.Parallel()
	h := placeHost(t)
	for _, tc := range []struct {
		name, link, to, head string
		// atOnce follows the link right after scrolling, before reader.js
		// has kept the place (it does 300 ms after the last scroll).
		atOnce bool
	}{
		{"read more", ".story-body .read-more a", slugPlaceB, headPlaceB, false},
		{"related", ".related-list a", slugPlaceC, headPlaceC, false},
		{"next in section", "a.story-nav-next", slugPlaceD, headPlaceD, false},
		{"previous in section", "a.story-nav-prev", slugPlaceB, headPlaceB, false},
		{"read more at once", ".story-body .read-more a", slugPlaceB, headPlaceB, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := readAlphaHalfway(t, h, 412, tc.atOnce)
			if got := eval[string](tb, fmt.Sprintf(`(document.querySelector(%s) || {}).pathname || ""`, jsString(tc.link))); got != dlpage.ArticlePath(tc.to) {
				t.Fatalf("the %s link leads to %q, want %q", tc.name, got, dlpage.ArticlePath(tc.to))
			}
			tb.follow("following "+tc.name, tc.link, tc.head)
			if y := eval[float64](tb, `scrollY`); y != 0 {
				t.Errorf("the other article opens at scrollY %v, want its top", y)
			}
			places := tb.places()
			checkAlphaKept(t, "on the other article", places)
			checkPlaceKeys(t, "on the other article", places)
			if p, ok := places[dlpage.ArticlePath(tc.to)]; ok && (p.I != 0 || p.F != 0) {
				t.Errorf("the other article, at its top, is kept at %+v, want paragraph 0 at 0", p)
			}

			// The other article's own place, kept as the reader leaves it.
			eval[chromedp.Void](tb, `(() => {
			  const p = document.querySelectorAll("article.story .story-body > p")[2];
			  window.scrollTo(0, scrollY + p.getBoundingClientRect().top - 8 + p.getBoundingClientRect().height / 4);
			})()`)
			tb.waitFor("the other article's place to be kept", `(((`+storedJS("dateline:places")+` || {})[location.pathname]) || {}).i === 2`, 5*time.Second)

			tb.back(headPlaceA)
			checkAlphaRestored(t, tb, "back on alpha")
			places = tb.places()
			checkAlphaKept(t, "back on alpha", places)
			checkPlaceKeys(t, "back on alpha", places)
			if p := places[dlpage.ArticlePath(tc.to)]; p.I != 2 || math.Abs(p.F-0.25) > 0.15 {
				t.Errorf("back on alpha, the other article's place is %+v, want paragraph 2 at 0.25", p)
			}

			// Alpha, left last, comes first.
			checkContinue(t, tb, continueItem{dlpage.ArticlePath(tc.to), tc.head})
			tb.checkConsole(nil)
		})
	}
}

// TestPlaceThroughLists reads alpha halfway, goes to a list (its section,
// search results, the saved articles), follows the list's link to bravo,
// and comes back twice: no place is kept under the list's address or
// under another article's headline, and alpha's place is restored.
func TestPlaceThroughLists(t *testing.T) {
	t.Parallel()
	h := placeHost(t)
	for _, tc := range []struct {
		name string
		// toList goes from alpha to the list.
		toList func(tb *tab)
	}{
		{"section", func(tb *tab) {
			tb.follow("going to the section", ".story-section a", "")
		}},
		{"search results", func(tb *tab) {
			tb.expectPage()
			eval[chromedp.Void](tb, `(() => {
			  const f = document.querySelector(".site-header form.search-form");
			  f.elements.q.value = "bravo";
			  f.requestSubmit();
			})()`)
			tb.waitPage("searching")
			tb.waitFor("the search results", `!!document.querySelector('main a[href="/articles/`+slugPlaceB+`"]')`, 10*time.Second)
		}},
		{"saved articles", func(tb *tab) {
			eval[chromedp.Void](tb, `localStorage.setItem("dateline:saved", JSON.stringify([{slug: "`+slugPlaceB+`",
			  path: "/articles/`+slugPlaceB+`", title: `+jsString(headPlaceB)+`, lang: "en", dir: "ltr", t: 1}]))`)
			tb.follow("going to the saved articles", `.site-header a.tool-saved`, "")
			tb.waitFor("the saved list", `!!document.querySelector('.saved-list a[href="/articles/`+slugPlaceB+`"]')`, 10*time.Second)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := readAlphaHalfway(t, h, 1024, false)
			tc.toList(tb)
			list := eval[string](tb, `location.pathname`)
			tb.follow("following the list's link", `main a[href="/articles/`+slugPlaceB+`"]`, headPlaceB)
			places := tb.places()
			checkAlphaKept(t, "on bravo", places)
			checkPlaceKeys(t, "on bravo", places)

			tb.expectPage()
			eval[chromedp.Void](tb, `history.back()`)
			tb.waitFor("the list again", `location.pathname === `+jsString(list), 10*time.Second)
			tb.waitPage("going back to the list")
			time.Sleep(500 * time.Millisecond)
			tb.back(headPlaceA)
			checkAlphaRestored(t, tb, "back on alpha")
			places = tb.places()
			checkAlphaKept(t, "back on alpha", places)
			checkPlaceKeys(t, "back on alpha", places)
			tb.checkConsole(nil)
		})
	}
}

// TestPlaceThroughSearchBox reads alpha halfway and searches from the
// header: "/" (on a phone, where it opens the folded box, and on a
// desktop) or the phone's Search button, each scrolling the page up to the
// box; then a query and Enter, and Back. The scroll to the box is the
// search's, not the reader's: alpha's place stays the paragraph they were
// reading, as they open the box and as they leave the page, Back returns
// there, and home offers to continue alpha. Before, opening the box kept
// the top of the page as alpha's place.
func TestPlaceThroughSearchBox(t *testing.T) {
	t.Parallel()
	h := placeHost(t)
	for _, tc := range []struct {
		name  string
		width int
		// open opens the header's box, focus in it.
		open func(tb *tab)
	}{
		{"phone, slash", 412, func(tb *tab) { tb.keys("pressing /", "/") }},
		{"phone, Search button", 412, func(tb *tab) {
			// Pressed where it is, as go-app hears a click: no scrolling to
			// it first.
			eval[chromedp.Void](tb, `document.querySelector(".site-header .tool-search").click()`)
		}},
		{"desktop, slash", 1280, func(tb *tab) { tb.keys("pressing /", "/") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := readAlphaHalfway(t, h, tc.width, false)
			tc.open(tb)
			tb.waitFor("the search box to have focus", `document.activeElement.id === "search-input"`, 5*time.Second)
			if y := eval[float64](tb, `scrollY`); y != 0 {
				t.Fatalf("opening the search box left the page at scrollY %v: this test needs it scrolled up to the box", y)
			}
			// reader.js keeps a place 300 ms after the last scroll.
			time.Sleep(500 * time.Millisecond)
			checkAlphaKept(t, "with the search box open", tb.places())

			tb.expectPage()
			tb.keys("searching", "bravo"+kb.Enter)
			tb.waitPage("searching")
			tb.waitFor("the search results", `!!document.querySelector('main a[href="/articles/`+slugPlaceB+`"]')`, 10*time.Second)
			places := tb.places()
			checkAlphaKept(t, "on the search results", places)
			checkPlaceKeys(t, "on the search results", places)

			tb.back(headPlaceA)
			checkAlphaRestored(t, tb, "back on alpha")
			checkAlphaKept(t, "back on alpha", tb.places())
			checkContinue(t, tb)
			tb.checkConsole(nil)
		})
	}
}
