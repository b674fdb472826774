//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// TestLoadPastReplaceState loads, goes back and forward between, and
// reloads slow pages that keep rewriting their history entry, as
// reader.js does once in a task of its own: each helper waits for the
// page asked for, loaded. chromedp's NavigateResponse took such a rewrite
// for the end of the navigation and gave no response (a CI failure of
// TestToastAbovePlayer); its Reload, NavigateBack and NavigateForward
// ended the same way, on the page being left.
func TestLoadPastReplaceState(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/page" {
			http.NotFound(w, r)
			return
		}
		time.Sleep(300 * time.Millisecond)
		n := r.URL.Query().Get("n")
		w.Header().Set("Cache-Control", "no-store") // loaded again on Back, not kept
		if n == "2" {
			w.WriteHeader(http.StatusAccepted) // a status no other page has
		}
		fmt.Fprintf(w, `<!doctype html><title>page %s</title><link rel="icon" href="data:,"><p id="n">%s</p>`+
			`<script>setInterval(() => history.replaceState({r: Math.random()}, ""), 20)</script>`, n, n)
	}))
	t.Cleanup(srv.Close)
	tb := newTab(t, 412, 800)
	on := func(what string, n int) {
		t.Helper()
		got := eval[string](tb, `document.readyState + " " + (document.getElementById("n") || {}).textContent`)
		if want := "complete " + strconv.Itoa(n); got != want {
			t.Fatalf("%s: the page is %q, want %q", what, got, want)
		}
	}
	if st := tb.navigate(srv.URL + "/page?n=1"); st != http.StatusOK {
		t.Fatalf("page 1 answered %d", st)
	}
	on("loading page 1", 1)
	for i := range 2 {
		if st := tb.navigate(srv.URL + "/page?n=2"); st != http.StatusAccepted {
			t.Fatalf("round %d: page 2 answered %d, want 202", i, st)
		}
		on("loading page 2", 2)
		eval[any](tb, `window.__old = true`)
		tb.reload("reloading page 2")
		on("reloading page 2", 2)
		if eval[bool](tb, `!!window.__old`) {
			t.Fatalf("round %d: the reload returned on the old document", i)
		}
		tb.goBack("back to page 1")
		on("back to page 1", 1)
		tb.goForward("forward to page 2")
		on("forward to page 2", 2)
		tb.goBack("back to page 1 again")
		on("back to page 1 again", 1)
	}
	// A move within the document, between two entries the page made.
	eval[any](tb, `history.pushState(null, "", "?n=1&in=doc")`)
	tb.goBack("back within page 1")
	if got := eval[string](tb, `location.search`); got != "?n=1" {
		t.Fatalf("back within page 1: at %q, want ?n=1", got)
	}
	tb.goForward("forward within page 1")
	if got := eval[string](tb, `location.search`); got != "?n=1&in=doc" {
		t.Fatalf("forward within page 1: at %q, want ?n=1&in=doc", got)
	}
	tb.checkConsole(nil)
}
