//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	dlpage "dateline/app/page"
)

// TestSavedRemoveKeepsPlace removes saved articles with the keyboard: focus
// goes to the Remove button of the entry that took the removed one's place
// (the next, or the one before when the last went), as a list's reader
// expects, and to the page's heading once the list is empty. It went to the
// first entry's button whatever was removed: a reader clearing the middle
// of a long list was sent back to its top, and a screen reader read them
// an entry they had not asked for.
func TestSavedRemoveKeepsPlace(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	tb := newTab(t, 1280, 900)
	tb.openSaved(h.URL, slugAlpha, slugBravo, slugCharlie)
	tb.waitFor("the saved list", `document.querySelectorAll(".saved-list .saved-remove").length === 3`, 10*time.Second)
	focused := `(() => { const e = document.activeElement; return !e ? "" : e.id === "page-title" ? "heading" : e.getAttribute("data-slug") || e.tagName; })()`
	for _, step := range []struct{ remove, want string }{
		{slugBravo, slugAlpha},   // the middle one: the next takes its place
		{slugAlpha, slugCharlie}, // the last: the one before it
		{slugCharlie, "heading"}, // the only one: the list is empty
	} {
		tb.do("focusing Remove of "+step.remove, chromedp.Focus(chromedp.CSS(fmt.Sprintf(`.saved-remove[data-slug=%q]`, step.remove))))
		tb.keys("pressing Enter on Remove of "+step.remove, kb.Enter)
		tb.waitFor(step.remove+" removed", fmt.Sprintf(`!document.querySelector('.saved-remove[data-slug=%q]')`, step.remove), 5*time.Second)
		time.Sleep(100 * time.Millisecond)
		if got := eval[string](tb, focused); got != step.want {
			t.Errorf("removing %s: focus is on %q, want %q", step.remove, got, step.want)
		}
	}
	tb.checkConsole(nil)
}

// openSaved saves the articles of slugs on the site at base, each from
// its page with the Save key, and opens the saved articles' page, live.
func (tb *tab) openSaved(base string, slugs ...string) {
	tb.t.Helper()
	for _, slug := range slugs {
		tb.mustLoad(base+dlpage.ArticlePath(slug), http.StatusOK)
		tb.waitLive()
		tb.waitReader()
		tb.keys("saving "+slug, "s")
		tb.waitFor(slug+" saved", `document.querySelector(".tool-save").getAttribute("aria-pressed") === "true"`, 5*time.Second)
	}
	tb.mustLoad(base+dlpage.SavedPath, http.StatusOK)
	tb.waitLive()
}
