//go:build !(js && wasm)

package browser

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"dateline/app/article"
)

// cspProbe records every Content Security Policy violation of a document
// in window.__csp, from before the page's own scripts run.
const cspProbe = `(() => {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push({directive: e.violatedDirective, blocked: e.blockedURI,
      source: e.sourceFile, line: e.lineNumber, sample: e.sample});
  }, true);
})();`

// cspViolation is one entry of window.__csp.
type cspViolation struct {
	Directive, Blocked, Source, Sample string
	Line                               int
}

// TestNoCSPViolations goes through everything a reader does (home page,
// article, links followed in place, the not-found page, the service
// worker's install) and checks that the host's Content Security Policy
// blocks nothing: no securitypolicyviolation event in any document, no
// console message about the policy.
func TestNoCSPViolations(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	seed := seedHost(t)
	tb := newTab(t, 1280, 900)
	if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbe}); err != nil {
		t.Fatal(err)
	}
	collect := func(step string) {
		t.Helper()
		if !eval[bool](tb, `Array.isArray(window.__csp)`) {
			t.Fatalf("%s: the CSP probe did not run", step)
		}
		for _, v := range eval[[]cspViolation](tb, `window.__csp`) {
			t.Errorf("%s: CSP violation of %s: blocked %q (%s:%d) %q", step, v.Directive, v.Blocked, v.Source, v.Line, v.Sample)
		}
	}

	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitH1("Latest articles")
	tb.do("opening alpha", chromedp.Click(chromedp.CSS(`main article.summary a[href="/articles/`+slugAlpha+`"]`)))
	tb.waitH1(headAlpha)
	tb.do("following Read More", chromedp.Click(chromedp.CSS(`.story-body .read-more a[href="/articles/`+slugBravo+`"]`)))
	tb.waitH1(headBravo)
	tb.waitSaved(30 * time.Second)
	collect("home page, links followed, service worker install")

	st, err := tb.load(h.URL + "/no/such/page")
	if err != nil || st != http.StatusNotFound {
		t.Errorf("/no/such/page: status %d (%v), want 404", st, err)
	}
	tb.waitLive()
	tb.waitH1(notFoundH1)
	collect("not-found page")

	tb.mustLoad(h.URL+"/articles/"+slugCharlie, http.StatusOK)
	tb.waitLive()
	tb.waitH1(headCharlie)
	collect("article loaded by address, from the service worker")

	tb.mustLoad(seed.URL+"/articles/"+seedSlug, http.StatusOK)
	tb.waitLive()
	tb.waitSaved(30 * time.Second)
	collect("seed article and its service worker install")

	tb.mu.Lock()
	msgs := append([]chromedp.ConsoleMessage(nil), tb.console...)
	tb.mu.Unlock()
	for _, m := range msgs {
		if strings.Contains(m.Text, "Content Security Policy") || strings.Contains(m.Text, "Content-Security-Policy") {
			t.Errorf("console: %s (%s:%d)", m.Text, m.URL, m.Line)
		}
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return m.Source == "network" && strings.Contains(m.Text, "404")
	})
}

// Hostile text: markup, a script end tag, an attribute break-out, a comment
// opener, and the two line separators that end a JavaScript string.
const (
	hostileImg     = `<img src=x onerror="window.__pwned=1">`
	hostileScript  = `</script><script>window.__pwned=2</script>`
	hostileSVG     = `"><svg onload=window.__pwned=3>`
	hostileComment = `<!--`
	hostileLines   = "line\u2028separator\u2029paragraph"
)

var hostileParts = []string{hostileImg, hostileScript, hostileSVG, hostileComment, hostileLines}

// hostile is the text every field of the hostile article holds, led by a
// label naming the field; a section's and a tag's name, which may be 100
// characters long, hold the markup parts only.
func hostile(field string) string {
	if field == "section" || field == "tag" {
		return "Test " + field + " " + hostileImg + " " + hostileSVG
	}
	return "Test " + field + " " + strings.Join(hostileParts, " ")
}

const (
	slugHostile      = "test-hostile"
	slugHostileOther = "test-hostile-other"
)

// hostileDataset has an article whose every text field holds hostile
// text, and a second one it links to.
func hostileDataset() *article.Dataset {
	return &article.Dataset{Articles: []article.Article{
		{
			Slug:     slugHostile,
			Headline: hostile("headline"),
			Dateline: &article.Dateline{Place: hostile("place"), Source: hostile("source")},
			Section:  hostile("section"),
			Tags:     []string{hostile("tag")},
			Authors:  []string{hostile("author")},
			Figures: []article.Figure{{
				Caption: hostile("caption"),
				Credit:  hostile("credit"),
				Image:   &article.Image{Src: "/web/icons/icon-192.png", Alt: hostile("alt"), Width: 192, Height: 192},
			}},
			Body: []article.Block{
				{Type: article.Paragraph, Text: hostile("paragraph")},
				{Type: article.ReadMore, Link: article.Link{Title: hostile("read-more"), Slug: slugHostileOther}},
				{Type: article.ReadMore, Link: article.Link{Title: hostile("read-more-unlinked")}},
				{Type: article.Paragraph, Text: "A plain synthetic paragraph between hostile ones."},
			},
			Related: []article.Link{
				{Title: hostile("related"), Slug: slugHostileOther},
				{Title: hostile("related-unlinked")},
				{Title: hostile("related-external"), URL: "https://example.com/synthetic"},
			},
		},
		{
			Slug:     slugHostileOther,
			Headline: "Test hostile other: a plain synthetic headline",
			Body:     []article.Block{{Type: article.Paragraph, Text: hostile("other-paragraph")}},
			Related:  []article.Link{{Title: hostile("other-related"), Slug: slugHostile}},
		},
	}}
}

// injectionJS reports what hostile text would have done had it been
// parsed as markup or script.
const injectionJS = `(() => {
  const onAttrs = [];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (a.name.startsWith("on")) onAttrs.push(el.tagName.toLowerCase() + "[" + a.name + "]");
    }
  }
  return {
    pwned: typeof window.__pwned === "undefined" ? "" : String(window.__pwned),
    imgX: document.querySelectorAll('img[src="x"]').length,
    svg: document.querySelectorAll("svg").length,
    scripts: Array.from(document.scripts).filter((s) => s.type !== "application/ld+json" && s.textContent.includes("__pwned")).length,
    onAttrs,
    text: document.body.innerText,
    title: document.title,
    h1: (document.querySelector("h1") || {}).textContent || "",
    alt: (document.querySelector("figure img") || {}).alt || "",
  };
})()`

type injection struct {
	Pwned   string
	ImgX    int
	SVG     int
	Scripts int
	OnAttrs []string
	Text    string
	Title   string
	H1      string
	Alt     string
}

func checkInjection(t *testing.T, tb *tab, what string, fields []string, wantH1 string) {
	t.Helper()
	got := eval[injection](tb, injectionJS)
	if got.Pwned != "" {
		t.Errorf("%s: window.__pwned = %s: hostile text ran as script", what, got.Pwned)
	}
	if got.ImgX != 0 || got.SVG != 0 || got.Scripts != 0 || len(got.OnAttrs) != 0 {
		t.Errorf("%s: hostile text became markup: %d <img src=x>, %d <svg>, %d scripts, event attributes %v",
			what, got.ImgX, got.SVG, got.Scripts, got.OnAttrs)
	}
	text := normalize(got.Text)
	for _, f := range fields {
		if !strings.Contains(text, normalize(hostile(f))) {
			t.Errorf("%s: the %s is not shown as text: want %q in the page", what, f, hostile(f))
		}
	}
	if wantH1 != "" {
		if got.H1 != wantH1 {
			t.Errorf("%s: h1 = %q, want %q", what, got.H1, wantH1)
		}
		if normalize(got.Title) != normalize(wantH1+" · Dateline") {
			t.Errorf("%s: document.title = %q, want %q", what, got.Title, wantH1+" · Dateline")
		}
	}
}

// TestHostileText serves a dataset whose every text field holds markup and
// script, and checks that the page shows it as text, prerendered and once
// the app is live: nothing runs, no element comes of it.
func TestHostileText(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "hostile.json", hostileDataset()))
	tb := newTab(t, 1280, 900)
	articleFields := []string{"headline", "place", "source", "section", "tag", "author", "caption", "credit", "paragraph",
		"read-more", "read-more-unlinked", "related", "related-unlinked", "related-external"}
	pages := []struct {
		path   string
		fields []string
		h1     string
	}{
		{"/articles/" + slugHostile, articleFields, hostile("headline")},
		{"/articles/" + slugHostileOther, []string{"other-paragraph", "other-related"}, ""},
		{"/", []string{"headline", "section"}, ""},
		{"/sections/" + article.NameSlug(hostile("section")), []string{"headline", "section"}, hostile("section")},
		{"/tags/" + article.NameSlug(hostile("tag")), []string{"headline", "section", "tag"}, "Tagged " + hostile("tag")},
	}
	for _, p := range pages {
		tb.mustLoad(h.URL+p.path+"?wasm=false", http.StatusOK)
		checkInjection(t, tb, p.path+" prerendered (?wasm=false)", p.fields, p.h1)
		if p.path == "/articles/"+slugHostile {
			if alt := eval[string](tb, `(document.querySelector("figure img") || {}).alt || ""`); alt != hostile("alt") {
				t.Errorf("%s prerendered: the image's alt = %q, want %q", p.path, alt, hostile("alt"))
			}
		}
		tb.mustLoad(h.URL+p.path, http.StatusOK)
		tb.waitLive()
		time.Sleep(200 * time.Millisecond) // let the live page settle
		checkInjection(t, tb, p.path+" live", p.fields, p.h1)
		if p.path == "/articles/"+slugHostile {
			if alt := eval[string](tb, `(document.querySelector("figure img") || {}).alt || ""`); alt != hostile("alt") {
				t.Errorf("%s live: the image's alt = %q, want %q", p.path, alt, hostile("alt"))
			}
		}
	}
	tb.checkConsole(nil)
}

// TestJavaScriptURLRefused checks that the host refuses a dataset whose
// links lead to javascript: URLs: it exits non-zero before serving, and
// names the place of each in the file.
func TestJavaScriptURLRefused(t *testing.T) {
	ds := hostileDataset()
	ds.Articles[0].Related = append(ds.Articles[0].Related, article.Link{Title: "Test related", URL: "javascript:window.__pwned=4"})
	ds.Articles[1].Body = append(ds.Articles[1].Body, article.Block{Type: article.ReadMore,
		Link: article.Link{Title: "Test read more", URL: "JavaScript:window.__pwned=5"}})
	file := writeDataset(t, "javascript-url.json", ds)
	out := hostRefuses(t, file)
	for _, ptr := range []string{"/articles/0/related/3", "/articles/1/body/1"} {
		if !regexp.MustCompile(regexp.QuoteMeta(file) + `:\d+:\d+: ` + regexp.QuoteMeta(ptr)).MatchString(out) {
			t.Errorf("stderr does not name %s with its line and column:\n%s", ptr, out)
		}
	}
}
