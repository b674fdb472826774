//go:build !(js && wasm)

package browser

import (
	"net/http"
	"testing"
	"time"
)

// earlyProbe records, until the app is live, each use of sessionStorage
// and each write of the history (the window's property read, or the call),
// with what was asked.
const earlyProbe = `(() => {
  const early = (window.__early = []);
  const live = () => document.documentElement.getAttribute("data-app") === "live";
  const d = Object.getOwnPropertyDescriptor(window, "sessionStorage") || Object.getOwnPropertyDescriptor(Window.prototype, "sessionStorage");
  Object.defineProperty(window, "sessionStorage", {configurable: true, get() {
    if (!live()) early.push("sessionStorage: " + (new Error().stack.split("\n")[2] || "").trim());
    return d.get.call(window);
  }});
  for (const m of ["pushState", "replaceState"]) {
    const f = History.prototype[m];
    History.prototype[m] = function (...a) {
      if (!live()) early.push("history." + m + ": " + JSON.stringify(a[0]));
      return f.apply(this, a);
    };
  }
})();`

// TestWarmStartLeavesSessionForLater opens an article again once the
// service worker has saved the site (a warm load, whose main thread is
// busy until the app is live): reader.js neither reads sessionStorage
// (whose first use in a renderer waits on the browser) nor writes the
// history entry's key (a replaceState, which costs what a navigation's
// pushState does) before the app is live. It does both once the page is
// idle: the entry has its key a moment later.
func TestWarmStartLeavesSessionForLater(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	tb := newTab(t, 412, 900)
	paths := firstVisit(t, tb, h.URL, 30*time.Second)
	tb.addScript(earlyProbe)
	tb.mustLoad(h.URL+paths[0], http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	if !eval[bool](tb, `!!navigator.serviceWorker.controller`) {
		t.Fatal("the worker does not answer the page: not a warm load")
	}
	if got := eval[[]string](tb, `window.__early`); len(got) > 0 {
		t.Errorf("before the app was live: %q, want none", got)
	}
	tb.waitFor("the entry's key", `!!history.state && typeof history.state.dateline === "string"`, 5*time.Second)
	tb.checkConsole(nil)
}
