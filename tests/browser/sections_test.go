//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp/kb"
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
