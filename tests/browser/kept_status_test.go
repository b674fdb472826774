//go:build !(js && wasm)

package browser

import (
	"net/http"
	"testing"
	"time"

	dlpage "dateline/app/page"
)

// TestKeptStatusThroughFirstPage follows a link from the page the host
// drew, which the app kept (components/kept.go), to a page whose data is
// slow to come: the app's first page brings a header of its own, and the
// status line says what it said on the kept page while the new page
// loads, as it does through every later page, instead of going blank
// until the data has come.
func TestKeptStatusThroughFirstPage(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	w := newWatchedNet(t, h.URL)
	tb := newTab(t, 1280, 900)
	tb.mustLoad(w.URL+dlpage.ArticlePath(slugAlpha), http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	tb.waitFor("a status", statusText+` !== ""`, 30*time.Second)
	w.hold("/data/")
	tb.click("following Read More", `.story-body .read-more a[href="/articles/`+slugBravo+`"]`)
	tb.waitFor("the loading page", `!!document.querySelector("main .loading")`, 10*time.Second)
	w.waitHolding(t, "/data/", 10*time.Second)
	got := eval[string](tb, statusText)
	w.release()
	if got == "" {
		t.Error("the status line is empty while the app's first page loads")
	}
	tb.waitH1(headBravo)
	tb.checkConsole(nil)
}
