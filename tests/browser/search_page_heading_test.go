//go:build !(js && wasm)

package browser

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestSearchMoreResultsSaysPage follows More results and Previous results
// with the keyboard, as a screen reader user does: the app moves focus to
// the results' heading, which is all they hear of the new page. Past the
// first page it says which page it is (for screen readers only: the pager
// shows it), as a list's heading does; the same "45 results for synthetic"
// on every page told them nothing had changed.
func TestSearchMoreResultsSaysPage(t *testing.T) {
	t.Parallel()
	tb := searchAt(t, 1280, "/search?q=synthetic")
	heading := `(document.activeElement && document.activeElement.id === "page-title" ? document.activeElement.textContent : "(focus elsewhere)").replace(/\s+/g, " ").trim()`
	follow := func(what, sel, search string) string {
		t.Helper()
		tb.do("focusing "+what, chromedp.Focus(chromedp.CSS("main "+sel)))
		tb.expectPage()
		tb.keys("pressing Enter on "+what, kb.Enter)
		tb.waitFor(what+": "+search, `location.search === `+jsString(search), 10*time.Second)
		tb.waitPage(what)
		tb.waitFor(what+": the heading focused", `document.activeElement && document.activeElement.id === "page-title"`, 5*time.Second)
		return eval[string](tb, heading)
	}
	for _, step := range []struct {
		what, sel, search, want string
	}{
		{"More results", ".pager-next", "?q=synthetic&page=2", "45 results for synthetic Page 2 of 3"},
		{"More results", ".pager-next", "?q=synthetic&page=3", "45 results for synthetic Page 3 of 3"},
		{"Previous results", ".pager-prev", "?q=synthetic&page=2", "45 results for synthetic Page 2 of 3"},
		{"Previous results", ".pager-prev", "?q=synthetic", "45 results for synthetic"},
	} {
		if got := follow(step.what, step.sel, step.search); got != step.want {
			t.Errorf("%s to %s: the focused heading reads %q, want %q", step.what, step.search, got, step.want)
		}
	}
	tb.checkConsole(nil)
}
