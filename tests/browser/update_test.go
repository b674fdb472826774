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

	"dateline/app/article"
	dlpage "dateline/app/page"
)

const (
	slugUpdate  = "test-update"
	headUpdateA = "Test update story, version A: a synthetic headline"
	headUpdateB = "Test update story, version B: another synthetic headline"
)

// updateDataset is one long, plainly synthetic article under headline.
func updateDataset(headline string) *article.Dataset {
	var body []article.Block
	for i := range 24 {
		body = append(body, article.Block{Type: article.Paragraph, Text: fmt.Sprintf(
			"Paragraph %d of the synthetic update story. %s", i+1,
			strings.Repeat("This filler sentence exists only so that the page is long enough to scroll. ", 4))})
	}
	return &article.Dataset{Articles: []article.Article{{
		Slug:     slugUpdate,
		Headline: headline,
		Dateline: &article.Dateline{Place: "TESTVILLE", Source: "Synthetic Wire"},
		Body:     body,
	}}}
}

const toastJS = `((document.querySelector(".toast") || {}).innerText || "")`

// scrollProbe records, in every document, how the scroll position and the
// page's height change until a few seconds after load, to explain a lost
// scroll position.
const scrollProbe = `(() => {
  const log = window.__scrollLog = [];
  const t0 = performance.now();
  let last = "";
  const sample = () => {
    const h = document.documentElement ? document.documentElement.scrollHeight : 0;
    const s = Math.round(scrollY) + "/" + h + "/" + (document.documentElement.dataset.app || "") +
      "/" + ((document.querySelector("main") || {}).innerText || "").length;
    if (s !== last) {
      log.push(Math.round(performance.now() - t0) + "ms scrollY/height/app/main: " + s);
      last = s;
    }
    if (performance.now() - t0 < 8000) requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
})();`

// TestUpdatePrompt serves version A of the site, lets the reader open an
// article and scroll, then replaces the host with version B on the same
// address (same article, new headline). The open page is told that a new
// version is available; Reload shows B's headline at the same place. The
// first visit itself never announces a new version.
func TestUpdatePrompt(t *testing.T) {
	t.Parallel()
	port := freePort(t)
	fileA := writeDataset(t, "update-a.json", updateDataset(headUpdateA))
	fileB := writeDataset(t, "update-b.json", updateDataset(headUpdateB))
	hostA := privateHost(t, "-addr", addrOf(port), "-data", fileA)
	url := hostA.URL + dlpage.ArticlePath(slugUpdate)

	tb := newTab(t, 1280, 900)
	if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: scrollProbe}); err != nil {
		t.Fatal(err)
	}
	tb.mustLoad(url, http.StatusOK)
	tb.waitLive()
	tb.waitH1(headUpdateA)
	tb.waitSaved(30 * time.Second)

	// First visit, same host: an update check finds nothing new.
	eval[chromedp.Void](tb, `goappTryUpdate()`)
	time.Sleep(time.Second)
	if toast := eval[string](tb, toastJS); toast != "" {
		t.Errorf("the first visit announces a new version: %q", toast)
	}
	tb.checkNoUpdatePrompt()

	const wantY = 1200.0
	eval[chromedp.Void](tb, fmt.Sprintf(`window.scrollTo(0, %v)`, wantY))
	tb.waitFor("the page to scroll", fmt.Sprintf(`Math.abs(window.scrollY - %v) < 1`, wantY), 5*time.Second)

	hostA.stop()
	hostB := privateHost(t, "-addr", addrOf(port), "-data", fileB)
	if hostB.URL != hostA.URL {
		t.Fatalf("host B serves %s, not host A's address %s", hostB.URL, hostA.URL)
	}
	// The page looks for updates when it is shown again; a reader's
	// browser does so again and again, the test every few seconds.
	hasToast := toastJS + `.includes("A new version is available.")`
	for deadline := time.Now().Add(30 * time.Second); !eval[bool](tb, hasToast); {
		if time.Now().After(deadline) {
			t.Fatalf("no update toast 30s after the host changed; status bar: %q", eval[string](tb, statusText))
		}
		eval[chromedp.Void](tb, `document.dispatchEvent(new Event("visibilitychange"))`)
		_, _ = chromedp.Run(tb.ctx, chromedp.Poll[chromedp.Void](hasToast, chromedp.WithPollingTimeout(3*time.Second)))
	}
	if h1 := eval[string](tb, `document.querySelector("h1").textContent`); h1 != headUpdateA {
		t.Errorf("before Reload, the open page shows h1 %q, want version A's %q", h1, headUpdateA)
	}
	if y := eval[float64](tb, `window.scrollY`); math.Abs(y-wantY) > 1 {
		t.Errorf("the toast moved the page: scrollY %v, want %v", y, wantY)
	}

	eval[chromedp.Void](tb, `window.__marker = 1`)
	if _, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.ID("reload-button")))); err != nil {
		t.Fatalf("clicking Reload: %v", err)
	}
	tb.waitFor("the reloaded page to be live", `!window.__marker && window.__dt && __dt.live()`, 30*time.Second)
	tb.waitH1(headUpdateB)
	const tolerance = 40.0
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[chromedp.Void](
		fmt.Sprintf(`Math.abs(window.scrollY - %v) <= %v`, wantY, tolerance),
		chromedp.WithPollingTimeout(5*time.Second)))
	if err == nil {
		time.Sleep(500 * time.Millisecond)
	}
	if y := eval[float64](tb, `window.scrollY`); math.Abs(y-wantY) > tolerance {
		t.Errorf("after Reload the page is at scrollY %v, want %v (±%v); since the reload:\n  %s", y, wantY, tolerance,
			strings.Join(eval[[]string](tb, `window.__scrollLog`), "\n  "))
	}
	if toast := eval[string](tb, toastJS); toast != "" {
		t.Errorf("after Reload the page still announces a new version: %q", toast)
	}
	if v := eval[string](tb, `goappGetenv("GOAPP_VERSION")`); !strings.Contains(hostB.Log(), "version "+v) {
		t.Errorf("after Reload the page is of version %s, not host B's:\n%s", v, hostB.Log())
	}
	// While host A was stopped the update checks failed: the browser logs
	// those.
	tb.checkConsole(allowOffline)
}
