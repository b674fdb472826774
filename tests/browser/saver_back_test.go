//go:build !(js && wasm)

package browser

import (
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
)

// TestSaverOffBackStartsApp: with data saver on, the reader opens alpha
// (no app), then bravo, turns data saver off there (bravo's app starts),
// and goes Back: alpha comes from the back/forward cache as it was left,
// opened without the app. Data saver is off now, so the app starts there
// as on bravo. Before, alpha took the setting (no data-saver on its root)
// and stayed the prerendered page, its app never started and nothing
// said why.
func TestSaverOffBackStartsApp(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	alpha, bravo := dlpage.ArticlePath(slugAlpha), dlpage.ArticlePath(slugBravo)
	tb := newTab(t, 1280, 800)
	tb.extend(time.Minute)
	saverOn(t, tb, "setting", h.URL)
	tb.mustLoad(h.URL+alpha, http.StatusOK)
	tb.waitReader()
	if on := eval[string](tb, `document.documentElement.getAttribute("data-saver") || ""`); on != "on" {
		t.Fatalf("data-saver is %q, want on", on)
	}
	eval[chromedp.Void](tb, `window.__fromCache = false, addEventListener("pageshow", (e) => { if (e.persisted) window.__fromCache = true })`)
	tb.mustLoad(h.URL+bravo, http.StatusOK)
	tb.waitReader()
	setSaver(tb, false)
	tb.waitLive()
	eval[chromedp.Void](tb, `history.back()`)
	waitAcrossContexts(t, tb, "alpha back from the back/forward cache (this test needs the browser's cache)",
		`location.pathname === "`+alpha+`" && window.__fromCache === true`, 10*time.Second)
	if eval[bool](tb, `document.documentElement.hasAttribute("data-saver")`) {
		t.Fatal("back on alpha, data-saver is still on its root")
	}
	// Polled as waitAcrossContexts does: chromedp's Poll keeps to the
	// script context the page had before the cache.
	waitAcrossContexts(t, tb, "the app to be live on alpha", `!!(window.__dt && __dt.live())`, 30*time.Second)
	if got := eval[string](tb, `document.querySelector("h1").innerText`); got != headAlpha {
		t.Errorf("back on alpha with its app live, the page shows %q, want %q", got, headAlpha)
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool { return m.URL != "" && m.URL == h.URL+"/favicon.ico" }) // robots.txt's
}
