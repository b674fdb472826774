//go:build !(js && wasm)

package browser

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
)

// TestSaverReadPagesOfCompleteCache: on a site of 60 articles, the reader's
// first visit, data saver off, saves every page. The reader opens one
// article and follows a link in the app to another, then turns data saver
// on. The site is updated twice: each install saves the light files only,
// and the first version's complete cache goes. Offline, both articles open
// by their address, as the pages read while a cache was
// incomplete do, and the data file of the one read in the app is carried
// too, for the app once data saver is off. Both
// were the offline page: a complete cache holds every page, so the updates
// could not tell the pages read, and carried none.
func TestSaverReadPagesOfCompleteCache(t *testing.T) {
	t.Parallel()
	hostA, hostB, hostC := threeVersions(t, 60, "saver-complete")
	w := newWatchedNet(t, hostA.URL)
	tb := newTab(t, 412, 900)
	tb.extend(4 * time.Minute)
	versionA := versionOf(t, hostA.URL+"/")

	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitSaved(time.Minute)
	opened := dlpage.ArticlePath("archive-020")
	tb.mustLoad(w.URL+opened, http.StatusOK)
	tb.waitLive()
	// The home page's second story, through its link in the app.
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitLive()
	link := `document.querySelectorAll('main a[href^="/articles/"]')[1]`
	followed := eval[string](tb, link+`.getAttribute("href")`)
	if followed == opened || followed == "" {
		t.Fatalf("the home page's second story is %q: want another article", followed)
	}
	headline := eval[string](tb, link+`.textContent.trim()`)
	tb.expectPage()
	eval[chromedp.Void](tb, link+`.click()`)
	tb.waitPage("the article followed")
	tb.waitH1(headline)
	// What A's worker noted as read (its cache holds every page).
	readLog := `caches.match("/_read_log/` + versionA + `", {cacheName: "dateline-meta"}).then((r) => r ? r.text() : "")`
	tb.waitFor("the worker to note both articles read", `(`+readLog+`.then((v) => window.__log = v), (window.__log || "").includes(`+jsString(opened)+`) && window.__log.includes(`+jsString(followed)+`))`, 10*time.Second)

	saverOn(t, tb, "setting", w.URL)
	for _, h := range []*host{hostB, hostC} {
		takeUpdate(t, tb, w, h)
	}
	if evalAwait[bool](tb, `caches.has("dateline-`+versionA+`")`) {
		t.Fatal("A's cache is still there after two updates")
	}

	tb.goOffline()
	for path, want := range map[string]string{opened: "Synthetic archive story 20", followed: headline} {
		st, err := tb.load(w.URL + path)
		if err != nil || st != http.StatusOK {
			t.Fatalf("offline after two updates with data saver on, %s, read online at A while its cache was complete: status %d, %v; want the page carried (200)", path, st, err)
		}
		tb.waitReader()
		tb.waitH1(want)
	}
	// Its data file is carried too, under the path any version finds it by
	// (an in-app link to it, once data saver is off, fetches it).
	file := `caches.match("/_read/data/articles/` + followed[len("/articles/"):] + `.json", {cacheName: "dateline-read"}).then((r) => r ? r.json() : {})`
	if got := evalAwait[string](tb, file+`.then((d) => JSON.stringify(d))`); !strings.Contains(got, jsString(headline)) {
		t.Errorf("the data file carried for %s is %s, want one with the headline %q; the read copies: %s", followed, got, headline,
			evalAwait[string](tb, `caches.open("dateline-read").then((c) => c.keys()).then((ks) => ks.map((r) => new URL(r.url).pathname).join(" "))`))
	}
	tb.checkConsole(allowOffline)
}
