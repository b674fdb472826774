//go:build !(js && wasm)

package browser

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	dlpage "dateline/app/page"
)

// TestPlaceThroughSearchBoxSaver: with data saver on, no app runs and a
// search from the header loads a new page; the page left goes to the
// browser's back/forward cache as it was, scrolled up to the search box.
// The reader reads alpha halfway, opens the box with "/", searches, and
// goes Back: alpha comes back at the paragraph they were reading, focus
// out of the box and the box folded away again (phone), as Escape in the
// box would have left it. Before, Back showed alpha's top with the query
// in the box.
func TestPlaceThroughSearchBoxSaver(t *testing.T) {
	t.Parallel()
	h := placeHost(t)
	for _, width := range []int{412, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			tb := newTab(t, width, 800)
			tb.extend(time.Minute)
			tb.do("setting the viewport", viewport(int64(width), 800))
			saverOn(t, tb, "setting", h.URL)
			tb.mustLoad(h.URL+dlpage.ArticlePath(slugPlaceA), http.StatusOK)
			tb.waitReader()
			if on := eval[string](tb, `document.documentElement.getAttribute("data-saver") || ""`); on != "on" {
				t.Fatalf("data-saver is %q, want on", on)
			}
			scrollAlphaHalfway(tb, false)
			eval[chromedp.Void](tb, `window.__fromCache = false, addEventListener("pageshow", (e) => { if (e.persisted) window.__fromCache = true })`)

			tb.keys("pressing /", "/")
			tb.waitFor("the search box to have focus", `document.activeElement.id === "search-input"`, 5*time.Second)
			if y := eval[float64](tb, `scrollY`); y != 0 {
				t.Fatalf("opening the search box left the page at scrollY %v: this test needs it scrolled up to the box", y)
			}
			if _, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent("bravo"+kb.Enter))); err != nil {
				t.Fatalf("searching from the box: %v", err)
			}
			tb.waitFor("the host's search page", `location.pathname === "/search" && !!document.querySelector('main a[href="/articles/`+slugPlaceB+`"]')`, 10*time.Second)

			eval[chromedp.Void](tb, `history.back()`)
			waitAcrossContexts(t, tb, "alpha back from the back/forward cache (this test needs the browser's cache)",
				`location.pathname === "/articles/`+slugPlaceA+`" && window.__fromCache === true`, 10*time.Second)
			p := eval[place](tb, paragraphAtTopJS)
			if p.I != placeAt || math.Abs(p.F-0.5) > 0.15 {
				t.Errorf("back on alpha, it shows paragraph %d at %.2f, want %d at 0.5 (scrollY %v)", p.I, p.F, placeAt, eval[float64](tb, `scrollY`))
			}
			if id := eval[string](tb, `document.activeElement.id`); id == "search-input" {
				t.Error("back on alpha, focus is still in the search box")
			}
			if eval[bool](tb, `!!document.querySelector("form.search-form-open")`) {
				t.Error("back on alpha, the search box is still open")
			}
			checkAlphaKept(t, "back on alpha", tb.places())
			tb.checkConsole(func(m chromedp.ConsoleMessage) bool { return strings.HasSuffix(m.URL, "/favicon.ico") }) // robots.txt's
		})
	}
}

// waitAcrossContexts waits until expr is true on a page the history brings
// back from the back/forward cache: its script context comes back under a
// new id, and an evaluation sent meanwhile fails ("Cannot find context"),
// which chromedp's Poll does not retry.
func waitAcrossContexts(t *testing.T, tb *tab, what, expr string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("waiting for %s (%s): not true after %s (last error: %v)", what, expr, timeout, last)
}
