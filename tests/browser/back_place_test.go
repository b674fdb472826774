//go:build !(js && wasm)

package browser

import (
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// listPlaceJS is where the reader is on a list: the window's scroll, the
// address, and the link (or the element's id) that has focus.
const listPlaceJS = `({
  y: scrollY,
  path: location.pathname + location.search,
  focus: document.activeElement.getAttribute("href") || document.activeElement.id || document.activeElement.tagName.toLowerCase(),
})`

type listPlace struct {
	Y           float64
	Path, Focus string
}

// backHome opens the 100 articles' home page at 412 by 900 px and brings
// the link to want to the middle of the window, focused, as a reader
// tabbing down the list would have it; it returns the scroll.
func backHome(t *testing.T, want string) (*tab, *host, float64) {
	t.Helper()
	h := privateHost(t, "-data", gendata(t, "back-place.json", "-n", "100"))
	tb := newTab(t, 412, 900)
	tb.do("setting the viewport", viewport(412, 900))
	tb.extend(2 * time.Minute)
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	y := eval[float64](tb, `(() => {
  const a = document.querySelector('main a[href=`+jsString(want)+`]');
  a.scrollIntoView({block: "center", behavior: "instant"});
  a.focus({preventScroll: true});
  return scrollY;
})()`)
	if y < 1000 {
		t.Fatalf("%s is at scrollY %v: the list is too short for the test", want, y)
	}
	// keepScroll hears the scroll in the next frame.
	time.Sleep(200 * time.Millisecond)
	return tb, h, y
}

// waitListPlace waits until the reader is back on path at scrollY y with
// focus on the link focus.
func waitListPlace(t *testing.T, tb *tab, what, path string, y float64, focus string) {
	t.Helper()
	var got listPlace
	if !poll(func() bool {
		got = eval[listPlace](tb, listPlaceJS)
		return got.Path == path && math.Abs(got.Y-y) <= 2 && got.Focus == focus
	}) {
		t.Errorf("%s: the reader is at %+v, want %s at scrollY %v with focus on %s", what, got, path, y, focus)
	}
}

// TestBackAfterReloadKeepsListPlace opens an article from the middle of
// home's list by keyboard, then reloads the article before coming back:
// Back gives the list its scroll and the link followed its focus, as it
// does without the reload (TestBackKeepsListPlace). Before, a reload
// emptied what reader.js kept, and home opened at its top, focus on its
// heading. The list reloaded itself, then left and come back to, keeps
// its place the same way.
func TestBackAfterReloadKeepsListPlace(t *testing.T) {
	t.Parallel()
	const link = "/articles/synthetic-article-00015"
	tb, _, y := backHome(t, link)
	open := func(what string) {
		t.Helper()
		tb.keys(what, kb.Enter)
		tb.waitFor(what+": the article", `location.pathname === "`+link+`" && !!document.querySelector("article.story")`, 10*time.Second)
	}
	open("opening the article")
	tb.goBack("going back")
	waitListPlace(t, tb, "back without a reload", "/", y, link)
	tb.goForward("going forward")
	tb.waitFor("the article again", `location.pathname === "`+link+`" && !!document.querySelector("article.story")`, 10*time.Second)
	tb.reload("reloading the article")
	tb.waitLive()
	tb.goBack("going back")
	tb.waitFor("home", `location.pathname === "/" && !!document.querySelector("main .summary")`, 10*time.Second)
	tb.waitLive()
	waitListPlace(t, tb, "back after reloading the article", "/", y, link)

	// Home reloaded where the reader is, then left by the same link.
	tb.reload("reloading home")
	tb.waitLive()
	tb.waitReader()
	time.Sleep(200 * time.Millisecond)
	if got := eval[listPlace](tb, listPlaceJS); math.Abs(got.Y-y) > 2 {
		t.Fatalf("home reloaded at scrollY %v, want where it was, %v", got.Y, y)
	}
	tb.do("focusing the link", chromedp.Focus(chromedp.CSS(`main a[href="`+link+`"]`)))
	open("opening the article from the reloaded home")
	tb.goBack("going back")
	waitListPlace(t, tb, "back to the reloaded home", "/", y, link)
	tb.checkConsole(nil)
}

// TestBackAfterSearchKeepsFocus searches from the header with "/" while
// a link in the middle of home's list has focus, then goes back: the
// list is where it was and focus is on that link again, the element the
// search box took it from, so that the next Tab goes on from there.
// Before, focus was on the heading at the top of the page, off screen.
func TestBackAfterSearchKeepsFocus(t *testing.T) {
	t.Parallel()
	const link = "/articles/synthetic-article-00016"
	tb, _, y := backHome(t, link)
	tb.keys("pressing /", "/")
	tb.waitFor("the search box to have focus", `document.activeElement.id === "search-input"`, 5*time.Second)
	tb.expectPage()
	tb.keys("searching", "cillum"+kb.Enter)
	tb.waitPage("the search")
	tb.waitFor("the results", `location.pathname === "/search" && !!document.querySelector("main .search-page")`, 10*time.Second)
	tb.goBack("going back")
	waitListPlace(t, tb, "back from the search", "/", y, link)
	tb.checkConsole(nil)
}

// settingsStateJS is the reading settings dialog and the page under it:
// whether the dialog is open, where focus is, the address and scroll.
const settingsStateJS = `(() => {
  const a = document.activeElement;
  return {
    open: document.getElementById("reader-settings").open,
    focus: a.closest("dialog") ? "dialog" : a.classList.contains("tool-settings") ? "settings button" : a.getAttribute("href") || a.id || a.tagName.toLowerCase(),
    path: location.pathname,
    y: scrollY,
  };
})()`

type settingsState struct {
	Open        bool
	Focus, Path string
	Y           float64
}

// TestSettingsDialogBack opens the reading settings over an article
// opened from home, and presses the browser's Back: as Escape does, it
// closes the dialog, focus back on the settings button, and the article
// stays, where it was. Before, Back went home under the open dialog, focus
// still in it. Closed by Escape or by its Close button, the dialog leaves
// no entry in the history behind: the next Back goes home. Forward opens
// it again, and Back after a change of text size in it leaves the page
// where the change put it. A reload on the dialog's entry opens it again.
func TestSettingsDialogBack(t *testing.T) {
	t.Parallel()
	const link = "/articles/synthetic-article-00015"
	tb, _, _ := backHome(t, link)
	tb.keys("opening the article", kb.Enter)
	tb.waitFor("the article", `location.pathname === "`+link+`" && !!document.querySelector("article.story")`, 10*time.Second)
	eval[chromedp.Void](tb, `window.__marker = 5; window.scrollTo({top: 600, behavior: "instant"})`)
	tb.waitFor("the article scrolled", `scrollY === 600`, 5*time.Second)
	article := settingsState{Focus: "settings button", Path: link, Y: 600}
	expect := func(what string, want settingsState) {
		t.Helper()
		var got settingsState
		if !poll(func() bool { got = eval[settingsState](tb, settingsStateJS); return got == want }) {
			t.Fatalf("%s: %+v, want %+v", what, got, want)
		}
	}
	open := func(what string) {
		t.Helper()
		tb.do(what, chromedp.Focus(chromedp.CSS(".tool-settings")))
		eval[chromedp.Void](tb, `window.scrollTo({top: 600, behavior: "instant"})`)
		tb.keys(what, kb.Enter)
		expect(what, settingsState{Open: true, Focus: "dialog", Path: link, Y: 600})
	}
	open("opening the settings")
	tb.goBack("going back")
	expect("Back with the settings open", article)
	open("opening the settings again")
	tb.keys("pressing Escape", kb.Escape)
	expect("Escape", article)
	open("opening the settings a third time")
	tb.click("closing the settings", `#reader-settings button[type=submit]`)
	expect("the Close button", article)
	// Forward onto the dialog's entry opens it again; a larger text size
	// chosen in it moves the page to keep the reader's place, and Back
	// leaves the page there, not where it was when the dialog opened.
	tb.goForward("going forward")
	expect("Forward onto the settings", settingsState{Open: true, Focus: "dialog", Path: link, Y: 600})
	tb.do("focusing the text size", chromedp.Focus(chromedp.ID("setting-size")))
	tb.keys("making the text larger", kb.ArrowRight+kb.ArrowRight)
	larger := eval[float64](tb, `scrollY`)
	if larger == 600 {
		t.Fatal("a larger text did not move the page")
	}
	tb.goBack("going back")
	time.Sleep(300 * time.Millisecond) // the browser's restoring, were it to come
	expect("Back after a larger text", settingsState{Focus: "settings button", Path: link, Y: larger})
	if m := eval[int](tb, `window.__marker || 0`); m != 5 {
		t.Fatal("the article was loaded anew")
	}
	// Reloaded on the dialog's entry, the page opens with the dialog, and
	// Back closes it there.
	open("opening the settings before a reload")
	tb.reload("reloading")
	tb.waitLive()
	open1 := `document.getElementById("reader-settings").open && location.pathname === "` + link + `"`
	tb.waitFor("the settings open after the reload", open1, 10*time.Second)
	tb.goBack("going back")
	tb.waitFor("the settings closed over the article", `!document.getElementById("reader-settings").open && location.pathname === "`+link+`"`, 10*time.Second)
	tb.goBack("going back")
	tb.waitFor("home", `location.pathname === "/" && !!document.querySelector("main .summary")`, 10*time.Second)
	tb.checkConsole(nil)
}
