//go:build !(js && wasm)

package browser

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestSearchAgainSameAddress searches from the box while the index's
// document files are refused: the results the app draws are incomplete,
// and the page asks the reader to search again. Once the files can be
// had, the same query submitted again, at the very same address (the box
// writes it as it did), runs anew and is complete: only a move between
// fragments of an address leaves its page as it is (components' load).
func TestSearchAgainSameAddress(t *testing.T) {
	t.Parallel()
	h := searchHost(t)
	tb := newTab(t, 1280, 900)
	refuse := func(patterns ...string) { tb.refuse(h.URL, patterns...) }
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	refuse("/data/*/search/*h.bin")
	eval[chromedp.Void](tb, `window.__marker = 7`)
	tb.do("focusing the box", chromedp.Focus(chromedp.ID("search-input")))
	tb.keys("a query", "story 3"+kb.Enter)
	tb.waitFor("the incomplete results", `!!document.querySelector("main .search-note") &&
		((document.querySelector("h1") || {}).textContent || "").endsWith(" for story 3")`, 10*time.Second)
	at := eval[string](tb, `location.pathname + location.search`)

	refuse()
	tb.do("focusing the box again", chromedp.Focus(chromedp.ID("search-input")))
	tb.keys("the same query again", kb.Enter)
	tb.waitFor("the same query, complete", `!document.querySelector("main .search-note") &&
		document.querySelectorAll(".search-results > li").length === 11`, 10*time.Second)
	if again := eval[string](tb, `location.pathname + location.search`); again != at {
		t.Errorf("searched again at %s, want the same address %s", again, at)
	}
	if m := eval[int](tb, `window.__marker || 0`); m != 7 {
		t.Error("searching again reloaded the page")
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return strings.Contains(m.Text, "ERR_BLOCKED_BY_CLIENT") && strings.Contains(m.URL+m.Text, "h.bin")
	})
}
