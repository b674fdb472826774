//go:build !(js && wasm)

package browser

import (
	"bytes"
	"fmt"
	"image/png"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"dateline/app/article"
)

// stripJS measures the header's row of sections: the box it shows its
// links in (a scroll container clips at its padding box), the focused
// link's focus ring (its box grown by the outline's offset and width, which
// may be negative: an inset ring), the current section's link, and how far
// the strip is scrolled.
const stripJS = `(() => {
  const list = document.querySelector("nav.sections .sections-list");
  const r = (e) => e.getBoundingClientRect();
  const l = r(list);
  const ring = (a) => {
    if (!a) return null;
    const s = getComputedStyle(a), b = r(a);
    const grow = s.outlineStyle === "none" ? 0 : parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth);
    return {left: b.left - grow, right: b.right + grow, top: b.top - grow, bottom: b.bottom + grow,
      width: s.outlineStyle === "none" ? 0 : parseFloat(s.outlineWidth), text: a.textContent};
  };
  const focused = document.activeElement && document.activeElement.closest("nav.sections") ? document.activeElement : null;
  const cur = list.querySelector("a[aria-current]");
  return {
    list: {left: l.left, right: l.right, top: l.top, bottom: l.bottom},
    focus: ring(focused),
    current: cur ? {left: r(cur).left, right: r(cur).right, top: r(cur).top, bottom: r(cur).bottom, text: cur.textContent} : null,
    scrollLeft: list.scrollLeft,
    scrollable: list.scrollWidth > list.clientWidth,
    scrollY: window.scrollY,
  };
})()`

type stripEdges struct {
	Left, Right, Top, Bottom, Width float64
	Text                            string
}

func (e stripEdges) String() string {
	return fmt.Sprintf("%q x %.1f-%.1f y %.1f-%.1f", e.Text, e.Left, e.Right, e.Top, e.Bottom)
}

// inside says whether e lies within the strip's box, to half a pixel.
func (e stripEdges) inside(l stripEdges) bool {
	return e.Left >= l.Left-0.5 && e.Right <= l.Right+0.5 && e.Top >= l.Top-0.5 && e.Bottom <= l.Bottom+0.5
}

type strip struct {
	List, Focus, Current *stripEdges
	ScrollLeft, ScrollY  float64
	Scrollable           bool
}

// TestHeaderSectionFocusRing tabs through the header's sections on a
// desktop and on phones: each focused link's whole focus ring is inside
// the strip, which clips what overflows it (at 320 px the strip scrolls:
// a link partly out of view is brought into it, ring and all). Showing
// the ring moves nothing.
func TestHeaderSectionFocusRing(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "focus-ring.json", headerDataset()))
	tb := newTab(t, 1280, 800)
	tb.addScript(styleProbe) // window.__shifts
	for _, width := range []int64{1280, 412, 320} {
		tb.do("setting the viewport", viewport(width, 800))
		tb.mustLoad(h.URL+"/", http.StatusOK)
		tb.waitLive()
		n := eval[int](tb, `document.querySelectorAll("nav.sections a").length`)
		if n < 8 {
			t.Fatalf("%d px: %d sections in the header, want 8", width, n)
		}
		// Tab from the top of the page to the first section.
		for i := 0; !eval[bool](tb, `!!document.activeElement.closest("nav.sections")`); i++ {
			if i == 20 {
				t.Fatalf("%d px: 20 tabs did not reach the sections", width)
			}
			tb.keys("tabbing", kb.Tab)
		}
		for i := range n {
			if i > 0 {
				tb.keys("tabbing", kb.Tab)
			}
			time.Sleep(50 * time.Millisecond) // a smooth scroll, were there one
			got := eval[strip](tb, stripJS)
			if got.Focus == nil {
				t.Fatalf("%d px: tab %d left the sections", width, i+1)
			}
			if got.Focus.Width < 2 {
				t.Errorf("%d px: the focused section %q shows no ring", width, got.Focus.Text)
			} else if !got.Focus.inside(*got.List) {
				t.Errorf("%d px: the focus ring of %s is cut by the strip's box x %.1f-%.1f y %.1f-%.1f (scrolled %.0f)",
					width, got.Focus, got.List.Left, got.List.Right, got.List.Top, got.List.Bottom, got.ScrollLeft)
			}
		}
		if s := eval[float64](tb, `window.__shifts`); s != 0 {
			t.Errorf("%d px: the page moved: layout shift %v, want 0: %q", width, s, eval[[]string](tb, `window.__shiftsOf`))
		}
	}
	tb.checkConsole(nil)
}

// TestHeaderCurrentSection opens the last of many sections on a 320 px
// phone, whose strip of sections scrolls: from the strip, swiped to its
// end, in the app; then by its address; then from the home page, with
// the strip at its start; in English and in a right-to-left edition. Each time its page shows the section's link
// (aria-current) in the strip, at once and once the app is live, without
// scrolling the page or moving anything.
func TestHeaderCurrentSection(t *testing.T) {
	t.Parallel()
	rtl := headerDataset()
	rtl.Site.Lang = "ar" // right to left: the strip scrolls the other way
	for _, site := range []struct {
		name string
		ds   *article.Dataset
	}{{"en", headerDataset()}, {"ar", rtl}} {
		t.Run(site.name, func(t *testing.T) {
			t.Parallel()
			currentSection(t, privateHost(t, "-data", writeDataset(t, "current-section-"+site.name+".json", site.ds)))
		})
	}
}

// resetShifts forgets the layout shifts of the page so far (styleProbe),
// to count those of what the test does next: in-app navigations from a
// page that has come whole.
const resetShifts = `window.__shifts = 0, window.__shiftsOf = []`

func currentSection(t *testing.T, h *host) {
	tb := newTab(t, 320, 700)
	tb.do("setting the viewport", viewport(320, 700))
	tb.addScript(styleProbe) // window.__shifts
	check := func(what string, want string) {
		t.Helper()
		time.Sleep(100 * time.Millisecond) // a smooth scroll, were there one
		got := eval[strip](tb, stripJS)
		switch {
		case !got.Scrollable:
			t.Fatalf("%s: the strip of sections does not scroll at 320 px", what)
		case got.Current == nil || got.Current.Text != want:
			t.Errorf("%s: the current section is %v, want %q", what, got.Current, want)
		case !got.Current.inside(*got.List):
			t.Errorf("%s: the current section, %s, is outside the strip's x %.1f-%.1f (scrolled %.0f)",
				what, got.Current, got.List.Left, got.List.Right, got.ScrollLeft)
		}
		if got.ScrollY != 0 {
			t.Errorf("%s: the page is scrolled to %v, want 0", what, got.ScrollY)
		}
		if s := eval[float64](tb, `window.__shifts`); s != 0 {
			t.Errorf("%s: the page moved: layout shift %v, want 0: %q", what, s, eval[[]string](tb, `window.__shiftsOf`))
		}
	}
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	last := eval[string](tb, `document.querySelector("nav.sections li:last-child a").textContent`)
	href := eval[string](tb, `document.querySelector("nav.sections li:last-child a").getAttribute("href")`)
	// A swipe to the strip's end, then a tap on its last link.
	eval[chromedp.Void](tb, `(() => { const l = document.querySelector(".sections-list"); l.scrollLeft = l.scrollWidth })()`)
	eval[chromedp.Void](tb, resetShifts)
	tb.expectPage()
	tb.click("tapping the last section", "nav.sections li:last-child a")
	tb.waitPage("the last section")
	tb.waitH1(last)
	check("tapped in the strip", last)

	tb.mustLoad(h.URL+href, http.StatusOK)
	check("loaded by its address", last)
	tb.waitLive()
	time.Sleep(300 * time.Millisecond)
	check("loaded by its address, once the app is live", last)

	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	eval[chromedp.Void](tb, `document.querySelector(".sections-list").scrollLeft = 0`)
	eval[chromedp.Void](tb, resetShifts)
	tb.expectPage()
	eval[chromedp.Void](tb, `document.querySelector("nav.sections li:last-child a").click()`)
	tb.waitPage("the last section, from the strip's start")
	tb.waitH1(last)
	check("opened with the strip at its start", last)
	tb.checkConsole(nil)
}

// TestHeaderSectionsShowMore opens the home page of an edition whose eight
// sections (tools/gendata's names) overflow a 320 px phone's row: there
// the row ends in the gap after "Elit", so no part of the four sections
// beyond is in view. The row must show that it goes on: a shade at its end
// (just above the names, where no letter is drawn), none at its start;
// scrolled to its end, a shade at its start and none at its end. Before,
// the edge looked as the page does, and nothing told the reader that
// half the sections were there; in light and dark themes alike.
func TestHeaderSectionsShowMore(t *testing.T) {
	t.Parallel()
	ds := &article.Dataset{}
	addSectionStories(ds, "strip-story", "Strip", "Adipiscing", "Consectetur", "Dolor", "Elit", "Ipsum", "Lorem", "Sit Amet", "Tempor")
	h := privateHost(t, "-data", writeDataset(t, "strip-more.json", ds))
	tb := newTab(t, 320, 700)
	tb.do("setting the viewport", viewport(320, 700))
	for _, theme := range []string{"light", "dark"} {
		tb.emulateMedia("", &emulation.MediaFeature{Name: "prefers-color-scheme", Value: theme})
		tb.mustLoad(h.URL+"/", http.StatusOK)
		tb.waitLive()
		// The edges of the strip's box, a row of pixels 3 px below its top
		// (above the names), and a point of that row in its middle, which
		// shows the page's colour: links have no background.
		type edges struct {
			Left, Right, Y, Mid, DPR float64
			Scrollable               bool
		}
		at := func() edges {
			return eval[edges](tb, `(() => {
  const l = document.querySelector("nav.sections .sections-list"), r = l.getBoundingClientRect();
  return {left: r.left, right: r.right, y: r.top + 3, mid: (r.left + r.right) / 2, dpr: devicePixelRatio,
    scrollable: l.scrollWidth > l.clientWidth};
})()`)
		}
		e := at()
		if !e.Scrollable {
			t.Fatalf("%s: the row of sections does not overflow at 320 px: the test needs it to", theme)
		}
		shades := func(what string) (start, end bool) {
			t.Helper()
			time.Sleep(100 * time.Millisecond)
			img, err := png.Decode(bytes.NewReader(screenshot(tb)))
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			px := func(x float64) [3]int {
				r, g, b, _ := img.At(int(x*e.DPR), int(e.Y*e.DPR)).RGBA()
				return [3]int{int(r >> 8), int(g >> 8), int(b >> 8)}
			}
			differs := func(a, b [3]int) bool {
				d := 0
				for i := range a {
					d += max(a[i]-b[i], b[i]-a[i])
				}
				return d >= 12
			}
			page := px(e.Mid)
			return differs(px(e.Left+1), page), differs(px(e.Right-2), page)
		}
		if start, end := shades(theme + ", at the row's start"); start || !end {
			t.Errorf("%s, the row scrolled to its start: a shade at its start %v, at its end %v; want only at its end, where more sections are", theme, start, end)
		}
		eval[chromedp.Void](tb, `(() => { const l = document.querySelector("nav.sections .sections-list"); l.scrollLeft = l.scrollWidth; })()`)
		if start, end := shades(theme + ", at the row's end"); !start || end {
			t.Errorf("%s, the row scrolled to its end: a shade at its start %v, at its end %v; want only at its start, where more sections are", theme, start, end)
		}
	}
	tb.checkConsole(nil)
}
