//go:build !(js && wasm)

package browser

import (
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
)

// TestSlowPageNoShift: on a slow network, a link in the app shows its
// page's loading line until the page's data comes. The footer stood under
// that line, in view, and the page coming in pushed it away, long after
// the tap: a layout shift of 0.145 at 320 px, one that counts. Now the
// footer is not drawn while the line is alone in <main>, and the page only
// appears.
func TestSlowPageNoShift(t *testing.T) {
	t.Parallel()
	ds := archiveDataset(40)
	h := privateHost(t, "-data", writeDataset(t, "slow-page.json", ds))
	tb := newTab(t, 320, 640)
	tb.extend(time.Minute)
	tb.do("setting the viewport", viewport(320, 640))
	tb.mustLoad(h.URL+dlpage.ArticlePath(ds.Articles[5].Slug), http.StatusOK)
	tb.waitLive()
	// The network, not the service worker, answers, a second late.
	if _, err := chromedp.Call(tb.ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true}); err != nil {
		t.Fatalf("bypassing the service worker: %v", err)
	}
	if _, err := chromedp.Call(tb.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Latency: 1000, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatalf("slowing the network: %v", err)
	}
	eval[chromedp.Void](tb, `window.__shifts = [], new PerformanceObserver((l) => {
	  for (const e of l.getEntries()) window.__shifts.push({value: e.value, input: e.hadRecentInput,
	    nodes: e.sources.map((s) => s.node ? s.node.nodeName + "." + s.node.className : "?").join(" ")});
	}).observe({type: "layout-shift"})`)

	// A link followed as go-app hears it, with no input the browser would
	// forgive a shift for.
	tb.expectPage()
	eval[chromedp.Void](tb, `document.querySelector(".site-header a.site-name").click()`)
	tb.waitFor("the loading line", `!!document.querySelector("main > .loading")`, 5*time.Second)
	if shown := eval[bool](tb, `getComputedStyle(document.querySelector(".site-footer")).display !== "none"`); shown {
		t.Error("the footer is drawn under the loading line")
	}
	tb.waitPage("following the link home")
	tb.waitFor("the home list", `!!document.querySelector("main .article-list li") && !document.querySelector("main > .loading")`, 10*time.Second)
	if shown := eval[bool](tb, `getComputedStyle(document.querySelector(".site-footer")).display !== "none"`); !shown {
		t.Error("the footer is not drawn with the page")
	}
	time.Sleep(300 * time.Millisecond) // the last entries
	type shift struct {
		Value float64
		Input bool
		Nodes string
	}
	for _, s := range eval[[]shift](tb, `window.__shifts`) {
		t.Errorf("layout shift %.4f (after input: %v) of %s", s.Value, s.Input, s.Nodes)
	}
	tb.checkConsole(nil)
}
