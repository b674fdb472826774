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
	"dateline/app/i18n"
	dlpage "dateline/app/page"
	"dateline/app/site"
)

// offlineViewJS is what a reader sees of the offline page: its title, the
// text of <main> and the links there.
const offlineViewJS = `({
  title: document.title,
  path: location.pathname,
  text: document.querySelector("main").innerText.trim(),
  links: Array.from(document.querySelectorAll("main a")).map((a) => a.getAttribute("href") + " " + a.textContent),
  buttons: document.querySelectorAll("main button").length,
})`

// offlineView is offlineViewJS's value.
type offlineView struct {
	Title   string
	Path    string
	Text    string
	Links   []string
	Buttons int
}

// TestOfflineNavToUnsavedPage follows in-app links to list pages that the
// service worker has not saved (an archive past the precache limit, whose
// worker saves the first page of each list and what is read), offline:
// the app shows the offline page that the worker answers the same address
// with when it is typed, not the error of a failed load, in the edition's
// language, and the same link works once the connection is back. A page
// whose data the host fails to give (a 500, through a proxy) is still the
// error.
func TestOfflineNavToUnsavedPage(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, lang string
		labels     map[string]string
	}{
		{"english", "", nil},
		{"sorani edition", editions[0].lang, syntheticLabels(editions[0].mark)},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ds := archiveDataset(site.FullOfflineMaxArticles + 1)
			ds.Site.Lang, ds.Site.Labels = c.lang, c.labels
			offlineNav(t, ds)
		})
	}
}

// offlineNav is TestOfflineNavToUnsavedPage on one archive.
func offlineNav(t *testing.T, ds *article.Dataset) {
	tr := dlpage.NewSite(ds.Site, nil).Table
	titled := func(title string) string { return tr.Text(i18n.PageTitle, "title", title, "site", ds.Site.Name) }
	h := privateHost(t, "-data", writeDataset(t, "offline-nav.json", ds))
	broken := dataBase(t, h.URL+"/") + "/lists/home/3.json"
	srv := failingProxy(t, h.URL, broken, serverError)
	base := srv.URL

	tb := newTab(t, 412, 900)
	tb.extend(3 * time.Minute)
	firstVisit(t, tb, base, 60*time.Second)
	if got := eval[string](tb, statusText); !strings.Contains(got, "Latest saved offline") {
		t.Fatalf("the status says %q: the worker saves the whole site, not the pages read", got)
	}
	online := tb.goOffline()

	// Typed, the address is the worker's offline page, as the host drew it.
	if st, err := tb.load(base + "/page/2"); err != nil || st != http.StatusServiceUnavailable {
		t.Fatalf("offline, /page/2 typed: status %d, %v; want the offline page's 503", st, err)
	}
	tb.waitOfflineH1(tr.Text(i18n.OfflinePageTitle))
	typed := eval[offlineView](tb, offlineViewJS)
	if want := titled(tr.Text(i18n.OfflinePageTitle)); typed.Title != want {
		t.Errorf("typed: title %q, want %q", typed.Title, want)
	}
	if want := []string{"/ " + tr.Text(i18n.NotFoundLatest), "/saved " + tr.Text(i18n.SavedTitle)}; fmt.Sprint(typed.Links) != fmt.Sprint(want) {
		t.Errorf("typed: links %q, want %q", typed.Links, want)
	}

	// By "Older articles" in the app, from a section and from the home page.
	for _, from := range []string{"/sections/odd-section", "/"} {
		tb.mustLoad(base+from, http.StatusOK)
		tb.waitLive()
		tb.click("Older articles on "+from, `main a[rel=next]`)
		want := strings.TrimSuffix(from, "/") + "/page/2"
		tb.waitFor("the address "+want, `location.pathname === `+jsString(want), 5*time.Second)
		// The offline page's heading, or any other drawn in its place.
		tb.waitFor("a page drawn for "+want, `!document.querySelector("main .loading") && !!document.querySelector("main h1") && `+
			`(document.querySelector("main h1").innerText === `+jsString(tr.Text(i18n.OfflinePageTitle))+` || !document.querySelector("main a[rel=next]"))`, 10*time.Second)
		got := eval[offlineView](tb, offlineViewJS)
		if got.Text != typed.Text || fmt.Sprint(got.Links) != fmt.Sprint(typed.Links) || got.Buttons != 0 {
			t.Errorf("offline, Older articles on %s shows\n%q, links %q, %d buttons;\nwant the offline page\n%q, links %q",
				from, got.Text, got.Links, got.Buttons, typed.Text, typed.Links)
		}
		if got.Title != typed.Title {
			t.Errorf("offline, Older articles on %s: title %q, want %q", from, got.Title, typed.Title)
		}
		focused := false
		for deadline := time.Now().Add(2 * time.Second); !focused && time.Now().Before(deadline); time.Sleep(25 * time.Millisecond) {
			focused = eval[bool](tb, `document.activeElement === document.getElementById("page-title")`)
		}
		if !focused {
			t.Errorf("offline, Older articles on %s: the focus is not on the page's title", from)
		}
	}

	// Back online, the same visit: the offline page opens the page it
	// stood in for (TestOfflinePageOpensOnline).
	online()
	page2 := titled(tr.Text(i18n.PageNumbered, "title", tr.Text(i18n.ListLatest), "n", tr.Number(2)))
	waitAcrossLoad(tb, "page 2 of the latest articles, listed", `location.pathname === "/page/2" && document.title === `+jsString(page2)+
		` && document.querySelectorAll("main article.summary").length > 0`)
	tb.waitLive()

	// Online, a failure of the host is not the offline page.
	tb.click("Older articles on /page/2", `main a[rel=next]`)
	tb.waitH1(tr.Text(i18n.ErrorTitle))
	if got := eval[offlineView](tb, offlineViewJS); got.Path != "/page/3" || got.Buttons != 1 {
		t.Errorf("a 500 for /page/3's data: %+v, want the error with its Try again button", got)
	}

	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return allowOffline(m) ||
			(m.Source == "network" && strings.Contains(m.Text, "status of 503") && strings.HasSuffix(m.URL, "/page/2")) ||
			(m.Source == "network" && strings.Contains(m.Text, "status of 500") && m.URL == base+broken) ||
			strings.Contains(m.Text, "dateline: loading page data: loading /page/3: fetching "+broken+": status 500")
	})
}
