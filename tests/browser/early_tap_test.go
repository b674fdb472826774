//go:build !(js && wasm)

package browser

// A tap on a control that reader.js alone makes work, made while the page
// is on screen and reader.js has not yet run (a first visit on a slow
// link), is kept by the inline loader and carried out once reader.js runs
// (app/site/loader.js). A tap on a link is not kept: links work without
// reader.js.

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	dlpage "dateline/app/page"
	"dateline/internal/chromium"
)

// TestReaderToolTapBeforeReader taps Save (a click) and Reading settings
// (Enter on the focused button) in the first frame of a first visit while
// reader.js's response is held, then lets reader.js come: the article is
// saved and the settings are open, nothing shifted, and a link tapped
// meanwhile was left to the browser.
func TestReaderToolTapBeforeReader(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	w := newWatchedNet(t, h.URL)
	w.hold("/web/reader.js")
	w.hold("/web/app.wasm") // the prerendered page stays on screen while tapped
	tb := newTab(t, 412, 800)
	tb.addScript(styleProbe)
	loaded := make(chan error, 1)
	go func() {
		_, err := chromium.Load(tb.ctx, w.URL+dlpage.ArticlePath(slugAlpha))
		loaded <- err
	}()
	tb.firstFrame()

	tb.click("tap Save", ".tool-save")
	tb.do("focus Reading settings", chromedp.Focus(chromedp.CSS(".tool-settings")))
	tb.keys("press Enter on Reading settings", kb.Enter)
	// A link: the loader lets its click through (its capture listener,
	// registered first on the document, would have cancelled it); this
	// listener then cancels it, to stay on the page.
	eval[chromedp.Void](tb, `document.addEventListener("click", (e) => {
  if (e.target.closest("a[href]")) { window.__linkCancelled = e.defaultPrevented; e.preventDefault(); }
}, true)`)
	tb.click("tap a link in the story", ".story-body a[href]")
	if got := eval[string](tb, `String(window.__linkCancelled)`); got != "false" {
		t.Errorf("the link's click cancelled before reader.js ran: %s, want false", got)
	}

	w.waitHolding(t, "/web/reader.js", 10*time.Second)
	if eval[bool](tb, `document.documentElement.hasAttribute("data-reader")`) {
		t.Fatal("reader.js ran while held")
	}
	if got := eval[string](tb, `document.querySelector(".tool-save").getAttribute("aria-pressed") + " " + document.getElementById("reader-settings").open`); got != "false false" {
		t.Fatalf("before reader.js: Save pressed and settings open %q, want \"false false\"", got)
	}
	w.release()
	if err := <-loaded; err != nil {
		t.Fatal(err)
	}
	tb.waitFor("reader.js to run", `document.documentElement.hasAttribute("data-reader")`, 20*time.Second)
	tb.waitFor("the article saved", `document.querySelector(".tool-save").getAttribute("aria-pressed") === "true" && (`+
		storedJS("dateline:saved")+` || []).some((a) => a.slug === "`+slugAlpha+`")`, 5*time.Second)
	tb.waitFor("the settings open", `document.getElementById("reader-settings").open`, 5*time.Second)
	if n := eval[float64](tb, `window.__shifts`); n != 0 {
		t.Errorf("layout shifts %v, want 0: %v", n, eval[[]string](tb, `window.__shiftsOf`))
	}
	if eval[bool](tb, `window.datelineTaps !== null`) {
		t.Error("the loader still keeps taps after reader.js ran")
	}
	tb.checkConsole(nil)
}
