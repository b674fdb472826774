//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"dateline/app/article"
)

// editionsDataset is the synthetic archive of an English edition that
// names two other editions of its newsroom, right to left both.
func editionsDataset() *article.Dataset {
	ds := archiveDataset(25)
	ds.Site.URL = "https://news.example.org"
	ds.Site.Editions = []article.Edition{
		{Lang: "ckb", Name: "Synthetic Sorani edition", URL: "https://ckb.news.example.org/"},
		{Lang: "ar", Name: "Synthetic Arabic edition", URL: "https://ar.news.example.org/"},
	}
	return ds
}

// editionsState is what a page says of the other editions: the footer's
// links and the head's alternates by language.
type editionsState struct {
	Label      string
	Links      []string
	Alternates []string
}

const editionsJS = `(() => {
  const nav = document.querySelector("footer nav.editions");
  return {
    label: nav ? nav.getAttribute("aria-label") : "",
    links: nav ? Array.from(nav.querySelectorAll("a"), (a) =>
      [a.getAttribute("href"), a.hreflang, a.lang, a.dir, a.textContent].join(" | ")) : [],
    alternates: Array.from(document.querySelectorAll('head link[rel="alternate"][hreflang]'), (l) => l.hreflang + " " + l.getAttribute("href")),
  };
})()`

// TestOtherEditions opens the home page of an edition that names its
// newsroom's other editions: the footer links each by its name, in its
// language and direction, and the head names them to search engines
// (hreflang), with the page itself. An article, drawn by the app, has the
// same footer and no alternates (no page of another edition is known to
// be its translation); back on the home page, they are there again, as on
// a home page the app draws from its data file. The footer passes axe at
// a phone's width.
func TestOtherEditions(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "editions.json", editionsDataset()))
	tb := newTab(t, 412, 900)
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	wantLinks := []string{
		"https://ckb.news.example.org/ | ckb | ckb | rtl | Synthetic Sorani edition",
		"https://ar.news.example.org/ | ar | ar | rtl | Synthetic Arabic edition",
	}
	check := func(page string, alternates ...string) {
		t.Helper()
		got := eval[editionsState](tb, editionsJS)
		if got.Label != "Other editions" || fmt.Sprint(got.Links) != fmt.Sprint(wantLinks) {
			t.Errorf("%s: the footer's editions %q %q, want %q %q", page, got.Label, got.Links, "Other editions", wantLinks)
		}
		if fmt.Sprint(got.Alternates) != fmt.Sprint(alternates) {
			t.Errorf("%s: the head's alternates %q, want %q", page, got.Alternates, alternates)
		}
	}
	home := []string{"en https://news.example.org/", "ckb https://ckb.news.example.org/", "ar https://ar.news.example.org/"}
	check("the home page", home...)
	runAxe(t, tb, axeSource(t), "the home page with its editions")

	tb.click("opening an article", "main .summary-headline a")
	tb.waitFor("the article", `location.pathname.startsWith("/articles/") && !!document.querySelector("article.story")`, 10*time.Second)
	tb.waitFor("the article's head", `!!document.querySelector('head link[rel="canonical"][href*="/articles/"]')`, 5*time.Second)
	check("an article the app drew")

	tb.goBack("back to the home page")
	tb.waitFor("the home page's head", `document.querySelectorAll('head link[rel="alternate"][hreflang]').length === 3`, 10*time.Second)
	check("the home page, back", home...)
	tb.checkConsole(nil)

	// Opened on an article, the home page is the app's from its data
	// file: the head and the footer come through app.wasm's decoding.
	tb = newTab(t, 412, 900)
	tb.mustLoad(h.URL+"/articles/archive-003", http.StatusOK)
	tb.waitLive()
	check("an article the host drew")
	tb.click("the site's name", "header .site-name")
	tb.waitFor("the home page's head", `location.pathname === "/" && document.querySelectorAll('head link[rel="alternate"][hreflang]').length === 3`, 10*time.Second)
	check("the home page the app drew", home...)
	tb.checkConsole(nil)
}
