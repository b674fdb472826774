//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/app/article"
)

// TestBackWhileLoading follows a link on a slow network and goes Back
// while the new page's data is still coming, as a reader who changes their
// mind does: the page they came from is drawn again at its own address and
// stays, and the late answer draws nothing over it. reader.js, which keeps
// a move between a page's own entries (a dialog's) from the app, took the
// move back onto the page's entry for one of those: the address went back
// and the new page then drew itself under it.
func TestBackWhileLoading(t *testing.T) {
	t.Parallel()
	h := datasetHost(t, "search", func() *article.Dataset { return archiveDataset(45) })
	tb := newTab(t, 412, 900)
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	tb.waitH1("Latest articles")
	// The app's fetches of articles' data wait until the test lets them go.
	eval[chromedp.Void](tb, `window.__marker = 7`)
	holdFetches(tb, "/articles/")
	link := eval[string](tb, `document.querySelector("main .summary-headline a").getAttribute("href")`)
	tb.click("the first article", "main .summary-headline a")
	tb.waitFor("the article loading", `location.pathname === `+jsString(link)+` && window.__held.length > 0 && !!document.querySelector("main .loading")`, 10*time.Second)
	tb.goBack("Back while it loads")
	tb.waitFor("the home page again", `location.pathname === "/" && (document.querySelector("h1") || {}).textContent === "Latest articles" && !document.querySelector("main .loading")`, 10*time.Second)
	releaseFetches(tb)
	time.Sleep(500 * time.Millisecond) // the late answer, had it been drawn
	type state struct {
		Marker int
		Path   string
		H1     string
		Story  bool
	}
	got := eval[state](tb, `({marker: window.__marker || 0, path: location.pathname, h1: (document.querySelector("h1") || {}).textContent || "",
  story: !!document.querySelector("article.story")})`)
	if got != (state{Marker: 7, Path: "/", H1: "Latest articles"}) {
		t.Errorf("after Back and the late answer: %+v; want the home page, in the same document", got)
	}
	tb.goForward("Forward to the article")
	tb.waitFor("the article", `location.pathname === `+jsString(link)+` && !!document.querySelector("article.story")`, 10*time.Second)
	tb.checkConsole(nil)
}

// holdFetches makes the page's fetches whose address holds match (every
// one, for "") wait until releaseFetches, as on a slow network: the app
// fetches data with the window's fetch. window.__held counts them.
func holdFetches(tb *tab, match string) {
	tb.t.Helper()
	eval[chromedp.Void](tb, `((match) => {
  window.__held = [];
  window.__let = false;
  const fetch = window.fetch;
  window.fetch = function (...args) {
    if (window.__let || !String(args[0]).includes(match)) return fetch.apply(this, args);
    return new Promise((go) => window.__held.push(go)).then(() => fetch.apply(this, args));
  };
})(`+jsString(match)+`)`)
}

// releaseFetches lets the held fetches go, and those after them through.
func releaseFetches(tb *tab) {
	tb.t.Helper()
	eval[chromedp.Void](tb, `window.__let = true, window.__held.forEach((go) => go())`)
}

// TestClientSideNavigation follows links from the home page through three
// articles and back with the browser's history, and checks at every step
// that the page changed in place (no reload: a value set on window stays),
// with the right address, headline and document title; after a followed
// link the window is at the top and focus is on the new headline.
func TestClientSideNavigation(t *testing.T) {
	h := syntheticHost(t)
	tb := newTab(t, 1280, 900)
	if st := tb.navigate(h.URL + "/"); st != 200 {
		t.Fatalf("status %d, want 200", st)
	}
	tb.waitLive()
	tb.waitH1("Latest articles")
	if n := eval[int](tb, `document.querySelectorAll("article.summary h2 a[href^='/articles/']").length`); n != 3 {
		t.Errorf("the home page lists %d articles, want 3", n)
	}
	eval[chromedp.Void](tb, `window.__marker = 42`)
	// The head of the page the app opened on, which it took over as drawn
	// (page.Drawn): coming back to it puts the same head back.
	const headJS = `[...document.querySelectorAll('head [data-head], head meta[name="description"]')].map((e) => e.outerHTML).join("\n")`
	firstHead := eval[string](tb, headJS)
	if !strings.Contains(firstHead, "data-head") {
		t.Fatalf("the home page's head has no data-head elements:\n%s", firstHead)
	}

	click := func(sel string) func() {
		return func() {
			// Scroll the link to the middle of the window first, so that the
			// new page's scroll to the top is seen.
			eval[chromedp.Void](tb, fmt.Sprintf(`document.querySelector(%s).scrollIntoView({block: "center"})`, jsString(sel)))
			tb.do("clicking "+sel, chromedp.Click(chromedp.CSS(sel)))
		}
	}
	back := func() { tb.goBack("going back") }
	forward := func() { tb.goForward("going forward") }

	steps := []struct {
		name     string
		act      func()
		followed bool // a link was clicked (not the history)
		path, h1 string
		title    string
	}{
		{"open an article from the list", click(`article.summary h2 a[href="/articles/` + slugAlpha + `"]`), true,
			"/articles/" + slugAlpha, headAlpha, headAlpha + " · Dateline"},
		{"follow the inline Read More", click(`.story-body .read-more a[href="/articles/` + slugBravo + `"]`), true,
			"/articles/" + slugBravo, headBravo, headBravo + " · Dateline"},
		{"follow a related article", click(`section.related a[href="/articles/` + slugCharlie + `"]`), true,
			"/articles/" + slugCharlie, headCharlie, headCharlie + " · Dateline"},
		{"go home through the site name", click(`a.site-name`), true,
			"/", "Latest articles", "Dateline"},
		{"history back", back, false,
			"/articles/" + slugCharlie, headCharlie, headCharlie + " · Dateline"},
		{"history back again", back, false,
			"/articles/" + slugBravo, headBravo, headBravo + " · Dateline"},
		{"history forward", forward, false,
			"/articles/" + slugCharlie, headCharlie, headCharlie + " · Dateline"},
	}
	for _, st := range steps {
		st.act()
		tb.waitH1(st.h1)
		type state struct {
			Marker  int
			Path    string
			Title   string
			ScrollY float64
			Focus   string
		}
		got := eval[state](tb, `({marker: window.__marker || 0, path: location.pathname, title: document.title,
			scrollY: window.scrollY, focus: document.activeElement ? document.activeElement.id : ""})`)
		if got.Marker != 42 {
			t.Fatalf("%s: window.__marker = %d, want 42: the page was reloaded", st.name, got.Marker)
		}
		if got.Path != st.path {
			t.Errorf("%s: location.pathname = %q, want %q", st.name, got.Path, st.path)
		}
		// The title is set with the page; give it the moment it may need.
		if got.Title != st.title {
			tb.waitFor(fmt.Sprintf("%s: document.title %q (was %q)", st.name, st.title, got.Title),
				`document.title === `+jsString(st.title), 2*time.Second)
		}
		if head := eval[string](tb, headJS); (st.path == "/") != (head == firstHead) {
			t.Errorf("%s: the head is\n%s\nand the first page's was\n%s", st.name, head, firstHead)
		}
		if st.followed {
			if got.ScrollY != 0 {
				t.Errorf("%s: the new page is scrolled to %vpx, want the top", st.name, got.ScrollY)
			}
			if got.Focus != "page-title" {
				t.Errorf("%s: focus is on #%s, want the new page's heading (#page-title)", st.name, got.Focus)
			}
		}
	}
	tb.checkConsole(nil)
}

// TestReloadDeepLink reloads an article opened by its address, and an
// article reached by a followed link, and checks that each comes back
// prerendered and then live.
func TestReloadDeepLink(t *testing.T) {
	h := syntheticHost(t)
	tb := newTab(t, 1280, 900)
	if st := tb.navigate(h.URL + "/articles/" + slugBravo); st != 200 {
		t.Fatalf("status %d, want 200", st)
	}
	tb.waitLive()
	tb.waitH1(headBravo)

	reload := func(path, head string) {
		t.Helper()
		eval[chromedp.Void](tb, `window.__marker = 7`)
		tb.reload("reloading " + path)
		if m := eval[int](tb, `window.__marker || 0`); m != 0 {
			t.Fatalf("reloading %s: window.__marker survived (%d): no reload happened", path, m)
		}
		if p := eval[string](tb, `location.pathname`); p != path {
			t.Errorf("after reloading %s, location.pathname = %q", path, p)
		}
		painted := tb.firstFrame()
		if painted == nil || painted.H1 == nil || painted.H1.Text != head {
			t.Errorf("after reloading %s, the prerendered h1 is not %q: %+v", path, head, painted)
		}
		tb.waitLive()
		tb.waitH1(head)
	}
	reload("/articles/"+slugBravo, headBravo)

	// A deep link that exists only because the app pushed it.
	tb.do("following Read More", chromedp.Click(chromedp.CSS(`.story-body .read-more a[href="/articles/`+slugCharlie+`"]`)))
	tb.waitH1(headCharlie)
	reload("/articles/"+slugCharlie, headCharlie)
	tb.checkNoUpdatePrompt()
	tb.checkConsole(nil)
}

// TestClickAtTakeover follows a link the instant the app goes live, in the
// same task that marks it live: the first page is routed by its own path,
// and the route of every other path is compiled a moment later (see
// components.Route), so this click is the one that must bring it. It also
// checks the history: back to the first page, by its own route.
func TestClickAtTakeover(t *testing.T) {
	h := syntheticHost(t)
	tb := newTab(t, 1280, 900)
	tb.addScript(`new MutationObserver((_, mo) => {
  if (document.documentElement.getAttribute("data-app") !== "live") return;
  mo.disconnect();
  document.querySelector("article.summary h2 a[href='/articles/` + slugAlpha + `']").click();
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-app"]});`)
	if st := tb.navigate(h.URL + "/"); st != 200 {
		t.Fatalf("status %d, want 200", st)
	}
	tb.waitH1(headAlpha)
	if p := eval[string](tb, `location.pathname`); p != "/articles/"+slugAlpha {
		t.Errorf("after the click, location.pathname = %q", p)
	}
	tb.goBack("going back")
	tb.waitH1("Latest articles")
	tb.checkConsole(nil)
}

// TestModifiedClickIsTheBrowsers clicks an article's link on the home page
// with Shift, which opens it in a new window, with Ctrl, a new tab, and
// with Alt, which downloads it: each is the browser's to carry out, and
// the page clicked on stays as it was. go-app left only Ctrl and Meta to
// the browser: a Shift or Alt click opened the article in the page
// instead. A plain click is the app's.
func TestModifiedClickIsTheBrowsers(t *testing.T) {
	h := syntheticHost(t)
	tb := newTab(t, 1280, 900)
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	eval[chromedp.Void](tb, `window.__marker = 5`)
	sel := `article.summary h2 a[href="/articles/` + slugAlpha + `"]`
	opened := func() int {
		targets, err := chromedp.Targets(tb.ctx)
		if err != nil {
			t.Fatalf("listing the browser's targets: %v", err)
		}
		n := 0
		for _, tg := range targets {
			if tg.Type == "page" && strings.HasSuffix(tg.URL, "/articles/"+slugAlpha) {
				n++
			}
		}
		return n
	}
	for i, mod := range []struct {
		name string
		key  chromedp.Modifier
	}{{"Shift", chromedp.ModifierShift}, {"Ctrl", chromedp.ModifierCtrl}, {"Alt", chromedp.ModifierAlt}} {
		at := eval[[]float64](tb, `(() => { const r = document.querySelector(`+jsString(sel)+`).getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`)
		tb.do(mod.name+"-clicking "+sel, chromedp.MouseClickXY(at[0], at[1], chromedp.ButtonModifiers(mod.key)))
		for deadline := time.Now().Add(10 * time.Second); mod.name != "Alt" && opened() < i+1; {
			if time.Now().After(deadline) {
				t.Fatalf("%s-click: no new window or tab opened the article", mod.name)
			}
			time.Sleep(100 * time.Millisecond)
		}
		time.Sleep(300 * time.Millisecond) // for a navigation in the page, had it begun
		if got := eval[string](tb, `location.pathname + " " + window.__marker + " " + document.querySelector("h1").textContent`); got != "/ 5 Latest articles" {
			t.Errorf("%s-click: the page clicked on is now %q", mod.name, got)
		}
	}
	tb.click("clicking "+sel, sel)
	tb.waitH1(headAlpha)
	if got := eval[string](tb, `location.pathname + " " + window.__marker`); got != "/articles/"+slugAlpha+" 5" {
		t.Errorf("a plain click: %q, want the app's navigation", got)
	}
}
