//go:build !(js && wasm)

package browser

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
	"dateline/internal/chromium"
)

// TestSavedStoryFirstFrame opens a saved article while reader.js is held
// (a cheap phone, where the first frame comes before reader.js has run):
// Save wears its tick from the first frame, and nothing moves once
// reader.js presses it. Before, the tick came with reader.js, which made
// Save's label longer and moved Share and Listen after it (here, a shift
// of 0.0005). An article not saved shows no tick, before reader.js or
// after.
func TestSavedStoryFirstFrame(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	w := newWatchedNet(t, h.URL)
	tb := newTab(t, 412, 800)
	tb.addScript(styleProbe)
	// Each load asks for reader.js again, for the hold to catch it.
	if _, err := chromedp.Call(tb.ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatalf("disabling the browser's cache: %v", err)
	}
	tb.mustLoad(w.URL+"/robots.txt", http.StatusOK)
	eval[chromedp.Void](tb, `localStorage.setItem("dateline:saved", JSON.stringify([{slug: "`+slugAlpha+`", path: "`+dlpage.ArticlePath(slugAlpha)+`", title: "Saved", lang: "", dir: "", t: 1}]))`)
	tick := `getComputedStyle(document.querySelector(".tool-save"), "::before").content`

	for _, c := range []struct {
		slug  string
		saved bool
	}{{slugAlpha, true}, {slugBravo, false}} {
		w.hold("/web/reader.js")
		w.hold("/web/app.wasm") // the page stays the host's
		loaded := make(chan error, 1)
		go func() {
			_, err := chromium.Load(tb.ctx, w.URL+dlpage.ArticlePath(c.slug))
			loaded <- err
		}()
		// Asked for once the new document is painted (on a visit that no
		// worker answers), so this is the new document's first frame.
		w.waitHolding(t, "/web/reader.js", 10*time.Second)
		tb.firstFrame()
		if eval[bool](tb, `document.documentElement.hasAttribute("data-reader")`) {
			t.Fatalf("%s: reader.js ran while held", c.slug)
		}
		before := eval[string](tb, tick)
		if hasTick := before != "none" && before != "normal"; hasTick != c.saved {
			t.Errorf("%s (saved %v), before reader.js: Save's tick is %s", c.slug, c.saved, before)
		}
		w.release()
		if err := <-loaded; err != nil {
			t.Fatal(err)
		}
		tb.waitReader()
		if got, want := eval[string](tb, `document.querySelector(".tool-save").getAttribute("aria-pressed")`), strconv.FormatBool(c.saved); got != want {
			t.Errorf("%s: Save pressed %s, want %s", c.slug, got, want)
		}
		if after := eval[string](tb, tick); after != before {
			t.Errorf("%s: Save's tick is %s after reader.js, %s before", c.slug, after, before)
		}
		if eval[bool](tb, `document.documentElement.hasAttribute("data-saved-story")`) {
			t.Errorf("%s: the loader's mark is still there after reader.js", c.slug)
		}
		if n := eval[float64](tb, `window.__shifts`); n != 0 {
			t.Errorf("%s: layout shifts %v, want 0: %v", c.slug, n, eval[[]string](tb, `window.__shiftsOf`))
		}
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool { return strings.HasSuffix(m.URL, "/favicon.ico") }) // robots.txt's page
}
