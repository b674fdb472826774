//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestLoadPastReplaceState loads a slow page from one that keeps
// rewriting its history entry, as reader.js does once in a task of its
// own: the load helper still waits for the new document and gives its
// status. chromedp's NavigateResponse took the rewrite for the end of the
// navigation and gave no response (a CI failure of TestToastAbovePlayer).
func TestLoadPastReplaceState(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>busy</title><script>setInterval(() => history.replaceState({n: Math.random()}, ""), 1)</script>`)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		w.WriteHeader(http.StatusAccepted) // a status no page before it had
		fmt.Fprint(w, `<!doctype html><title>slow</title><p id="arrived">here</p>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	tb := newTab(t, 412, 800)
	for i := range 3 {
		if st := tb.navigate(srv.URL + "/busy"); st != http.StatusOK {
			t.Fatalf("round %d: /busy answered %d", i, st)
		}
		if st := tb.navigate(srv.URL + "/slow"); st != http.StatusAccepted {
			t.Fatalf("round %d: /slow answered %d, want 202", i, st)
		}
		if !eval[bool](tb, `!!document.getElementById("arrived") && document.readyState === "complete"`) {
			t.Fatalf("round %d: the load returned before the new document had loaded", i)
		}
	}
}
