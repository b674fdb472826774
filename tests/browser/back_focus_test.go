//go:build !(js && wasm)

package browser

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBackFocusAfterHeaderLink opens an article from the middle of
// home's list, comes back (focus on the link followed, as before), then
// scrolls to the top and leaves by a section in the header: back again,
// the list is at its top, where the reader left it, with focus on its
// heading. Before, focus went to the link followed the time before, some
// 3,000 px below the window: the next Tab jumped there, and a screen
// reader read on from there.
func TestBackFocusAfterHeaderLink(t *testing.T) {
	t.Parallel()
	const link = "/articles/synthetic-article-00015"
	tb, _, y := backHome(t, link)
	tb.keys("opening the article", kb.Enter)
	tb.waitFor("the article", `location.pathname === "`+link+`" && !!document.querySelector("article.story")`, 10*time.Second)
	tb.goBack("going back")
	waitListPlace(t, tb, "back from the article", "/", y, link)

	eval[chromedp.Void](tb, `window.scrollTo(0, 0)`)
	time.Sleep(200 * time.Millisecond) // keepScroll hears the scroll in the next frame
	tb.follow("following a section in the header", ".site-header nav.sections a", "")
	tb.goBack("going back from the section")
	tb.waitFor("home", `location.pathname === "/" && !!document.querySelector("main .summary")`, 10*time.Second)
	time.Sleep(300 * time.Millisecond)
	got := eval[listPlace](tb, listPlaceJS)
	if got.Y != 0 || got.Focus != "page-title" {
		t.Errorf("back on home left from its top by the header: the reader is at %+v, want scrollY 0, focus on the heading (page-title)", got)
	}
	tb.checkConsole(nil)
}
