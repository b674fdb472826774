//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"dateline/app/article"
)

// archiveDataset is a plainly synthetic archive of n articles in two
// sections, dated one a day back from 2024-12-31 (article 0 the newest),
// every fifth without a date, each tagged "Archive Test" and by parity.
func archiveDataset(n int) *article.Dataset {
	ds := &article.Dataset{Site: &article.Site{Name: "Synthetic Archive", Description: "A plainly synthetic archive for tests."}}
	for i := range n {
		a := article.Article{
			Slug:     fmt.Sprintf("archive-%03d", i),
			Headline: fmt.Sprintf("Synthetic archive story %d", i),
			Section:  []string{"Even Section", "Odd Section"}[i%2],
			Tags:     []string{"Archive Test", []string{"Even Tag", "Odd Tag"}[i%2]},
			Body:     []article.Block{{Type: article.Paragraph, Text: fmt.Sprintf("Synthetic text of archive story %d.", i)}},
		}
		if i%5 != 4 {
			a.Published = time.Date(2024, 12, 31-i, 9, 0, 0, 0, time.UTC).Format(time.RFC3339)
		}
		ds.Articles = append(ds.Articles, a)
	}
	return ds
}

// archiveState is what a list page shows.
type archiveState struct {
	Marker int
	Path   string
	H1     string
	Items  []string
	Prev   string
	Next   string
}

const archiveStateJS = `({
  marker: window.__marker || 0,
  path: location.pathname,
  h1: (document.querySelector("h1") || {}).textContent || "",
  items: Array.from(document.querySelectorAll("main article.summary h2 a")).map((a) => a.getAttribute("href")),
  prev: (document.querySelector("main a[rel=prev]") || {getAttribute: () => ""}).getAttribute("href") || "",
  next: (document.querySelector("main a[rel=next]") || {getAttribute: () => ""}).getAttribute("href") || "",
})`

// TestBackKeepsListPlace scrolls down a list, opens an article and comes
// back: the list is where the reader left it, as the browser would have
// it without the app (go-app drew it anew at its top). Forward to the
// article and back again does the same; a new visit to the list by a link
// starts at its top. On a page that is never idle, where reader.js's key
// of each history entry waits (later), the key is written as the reader
// leaves the entry, and the place is kept the same.
func TestBackKeepsListPlace(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "back.json", archiveDataset(40)))
	for _, c := range []struct{ name, setup string }{
		{"idle", ""},
		{"never idle", `window.requestIdleCallback = () => 0;`},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			backKeepsListPlace(t, h, c.setup)
		})
	}
}

func backKeepsListPlace(t *testing.T, h *host, setup string) {
	tb := newTab(t, 412, 900)
	if setup != "" {
		tb.addScript(setup)
	}
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	eval[chromedp.Void](tb, `window.__marker = 9`)
	eval[chromedp.Void](tb, `window.scrollTo(0, 2000)`)
	tb.waitFor("the list scrolled", `Math.abs(window.scrollY - 2000) < 2`, 5*time.Second)
	// The entry nearest the middle of the window, opened.
	href := eval[string](tb, `(() => {
  const links = Array.from(document.querySelectorAll("main .summary-headline a"));
  const mid = window.innerHeight / 2;
  links.sort((a, b) => Math.abs(a.getBoundingClientRect().top - mid) - Math.abs(b.getBoundingClientRect().top - mid));
  return links[0].getAttribute("href");
})()`)
	// Opened from the keyboard: back, focus is on that link again, so that
	// Tab goes on from there, not from the top of the page.
	tb.do("focusing the entry", chromedp.Focus(chromedp.CSS(`main .summary-headline a[href="`+href+`"]`)))
	eval[chromedp.Void](tb, `window.scrollTo(0, 2000)`)
	tb.keys("opening an article", kb.Enter)
	tb.waitFor("the article", `location.pathname === "`+href+`" && !!document.querySelector("article.story")`, 10*time.Second)
	atList := `location.pathname === "/" && !!document.querySelector("main .summary") && Math.abs(window.scrollY - 2000) < 2`
	tb.goBack("going back")
	tb.waitFor("the list where it was left", atList, 10*time.Second)
	if got := eval[string](tb, `document.activeElement.getAttribute("href") || document.activeElement.id`); got != href {
		t.Errorf("back at the list, focus is on %q, want the link followed, %s", got, href)
	}
	tb.goForward("going forward")
	tb.waitFor("the article again", `location.pathname === "`+href+`" && !!document.querySelector("article.story")`, 10*time.Second)
	tb.goBack("going back again")
	tb.waitFor("the list where it was left, again", atList, 10*time.Second)
	tb.click("the site's name", "a.site-name")
	tb.waitFor("the list by a link, at its top", `location.pathname === "/" && window.scrollY === 0`, 10*time.Second)
	if m := eval[int](tb, `window.__marker || 0`); m != 9 {
		t.Error("the page was reloaded")
	}
	tb.checkConsole(nil)
}

// TestArchiveNavigation reads an archive of 65 articles in the app: the
// pages of the home list, a section from the header, a story's next and
// previous, a tag; every step changes the page in place, with the right
// articles, and the addresses past the last page are not found.
func TestArchiveNavigation(t *testing.T) {
	t.Parallel()
	const n = 65
	h := privateHost(t, "-data", writeDataset(t, "archive.json", archiveDataset(n)))
	tb := newTab(t, 412, 900)
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitH1("Latest articles")
	eval[chromedp.Void](tb, `window.__marker = 42`)
	state := func(what string) archiveState {
		t.Helper()
		s := eval[archiveState](tb, archiveStateJS)
		if s.Marker != 42 {
			t.Fatalf("%s: the page was reloaded", what)
		}
		return s
	}
	click := func(what, sel string, wantPath string) archiveState {
		t.Helper()
		eval[chromedp.Void](tb, fmt.Sprintf(`document.querySelector(%s).scrollIntoView({block: "center"})`, jsString(sel)))
		tb.expectPage()
		tb.do(what, chromedp.Click(chromedp.CSS(sel)))
		tb.waitFor(what+": the address "+wantPath, `location.pathname === `+jsString(wantPath), 5*time.Second)
		tb.waitPage(what)
		return state(what)
	}

	var seen []string
	s := state("home")
	for page, want := range []struct {
		path, prev, next string
		items            int
		h1               string // the heading focused, as a screen reader reads it
	}{
		{"/", "", "/page/2", 30, "Latest articles"},
		{"/page/2", "/", "/page/3", 30, "Latest articles Page 2 of 3"},
		{"/page/3", "/page/2", "", 5, "Latest articles Page 3 of 3"},
	} {
		if page > 0 {
			s = click("following Older articles", "main a[rel=next]", want.path)
		}
		if s.Path != want.path || len(s.Items) != want.items || s.Prev != want.prev || s.Next != want.next || s.H1 != want.h1 {
			t.Fatalf("%s: %d articles, prev %q, next %q, h1 %q; want %d, %q, %q, %q", want.path, len(s.Items), s.Prev, s.Next, s.H1, want.items, want.prev, want.next, want.h1)
		}
		seen = append(seen, s.Items...)
	}
	// Newest first, then the undated in dataset order.
	if seen[0] != "/articles/archive-000" || seen[n-1] != "/articles/archive-064" || seen[n-13] != "/articles/archive-004" {
		t.Errorf("the list runs %q ... %q", seen[:3], seen[n-13:])
	}
	// The list's two ends: from its last page to its first (Newest), and
	// from there to its last (Oldest).
	s = click("following Newest", "main a.pager-first", "/")
	if len(s.Items) != 30 || s.Items[0] != seen[0] || s.H1 != "Latest articles" {
		t.Errorf("Newest: %d articles from %q, h1 %q", len(s.Items), s.Items, s.H1)
	}
	s = click("following Oldest", "main a.pager-last", "/page/3")
	if len(s.Items) != 5 || s.Items[0] != seen[60] {
		t.Errorf("Oldest: %d articles from %q", len(s.Items), s.Items)
	}
	tb.goBack("going back to the first page")
	tb.waitFor("back to /", `location.pathname === "/"`, 5*time.Second)
	tb.goBack("going back to the last page")
	tb.waitFor("back to /page/3", `location.pathname === "/page/3"`, 5*time.Second)
	tb.goBack("going back")
	// The address changes at once, the list at go-app's next frame.
	tb.waitFor("back to /page/2", `location.pathname === "/page/2" && document.querySelectorAll("main article.summary h2 a").length === 30`, 5*time.Second)
	if s := state("back"); len(s.Items) != 30 || s.Items[0] != seen[30] {
		t.Errorf("back on /page/2: %d articles from %q", len(s.Items), s.Items)
	}

	s = click("opening a section from the header", `nav.sections a[href="/sections/odd-section"]`, "/sections/odd-section")
	if s.H1 != "Odd Section" || len(s.Items) != 30 || s.Next != "/sections/odd-section/page/2" {
		t.Errorf("section: h1 %q, %d articles, next %q", s.H1, len(s.Items), s.Next)
	}
	if title := eval[string](tb, `document.title`); title != "Odd Section · Synthetic Archive" {
		t.Errorf("section: title %q", title)
	}
	current := `Array.from(document.querySelectorAll("nav.sections a[aria-current=page]"), (a) => a.getAttribute("href"))`
	if got := eval[[]string](tb, current); !slices.Equal(got, []string{"/sections/odd-section"}) {
		t.Errorf("section: the header marks %q as the page, want the section", got)
	}
	second := s.Items[1]
	click("opening the section's second story", `main article.summary h2 a[href="`+second+`"]`, second)
	var num int
	if _, err := fmt.Sscanf(second, "/articles/archive-%d", &num); err != nil {
		t.Fatalf("the section lists %q: %v", second, err)
	}
	tb.waitH1(fmt.Sprintf("Synthetic archive story %d", num))
	nav := eval[[]string](tb, `Array.from(document.querySelectorAll(".story-nav a")).map((a) => a.getAttribute("href"))`)
	if len(nav) != 2 || nav[0] != s.Items[2] || nav[1] != s.Items[0] {
		t.Errorf("%s leads to %q, want the section's next %s and previous %s", second, nav, s.Items[2], s.Items[0])
	}
	click("following Next in Odd Section", ".story-nav-next", s.Items[2])
	if got := eval[[]string](tb, current); len(got) != 0 {
		t.Errorf("an article: the header marks %q as the page", got)
	}
	click("opening the tag", `.story-tags a[href="/tags/archive-test"]`, "/tags/archive-test")
	if s := state("tag"); s.H1 != "Tagged Archive Test" || len(s.Items) != 30 {
		t.Errorf("tag: h1 %q, %d articles", s.H1, len(s.Items))
	}

	for _, path := range []string{"/page/4", "/sections/odd-section/page/3", "/tags/no-such-tag"} {
		tb.mustLoad(h.URL+path, http.StatusNotFound)
		checkNotFound(t, tb, path)
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return m.Source == "network" && strings.Contains(m.Text, "404")
	})
}

// TestArchiveOffline opens an archive once, then without the host reads
// the pages of its lists, a section, a tag and articles: a small archive is
// saved whole at install.
func TestArchiveOffline(t *testing.T) {
	t.Parallel()
	ds := archiveDataset(40)
	h := privateHost(t, "-data", writeDataset(t, "archive-offline.json", ds))
	tb := newTab(t, 1280, 900)
	firstVisit(t, tb, h.URL, 30*time.Second)
	h.cmd.Process.Kill()
	<-h.done
	for _, c := range []struct{ path, h1 string }{
		{"/page/2", "Latest articles Page 2 of 2"},
		{"/sections/even-section", "Even Section"},
		{"/tags/odd-tag", "Tagged Odd Tag"},
		{"/articles/archive-039", "Synthetic archive story 39"},
	} {
		tb.mustLoad(h.URL+c.path, http.StatusOK)
		tb.waitLive()
		tb.waitH1(c.h1)
	}
	// In the app, from a list to the page after it.
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	eval[chromedp.Void](tb, `window.__marker = 42`)
	tb.do("following Older articles offline", chromedp.Click(chromedp.CSS("main a[rel=next]")))
	tb.waitFor("the second page", `location.pathname === "/page/2" && document.querySelectorAll("main article.summary").length === 10`, 5*time.Second)
	if m := eval[int](tb, `window.__marker || 0`); m != 42 {
		t.Errorf("offline: following Older articles reloaded the page")
	}
	tb.mustLoad(h.URL+"/page/3", http.StatusNotFound)
	checkNotFound(t, tb, "offline /page/3")
	tb.checkConsole(allowOffline)
}
