//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"dateline/app/article"
	"dateline/app/i18n"
)

// syntheticLabels gives every label of the interface a plainly synthetic
// text: a made-up Arabic-script word (mark), then the English text, its
// placeholders kept. Nothing here is a translation; the mark shows which
// labels came from the edition. Month names become "mark N".
func syntheticLabels(mark string) map[string]string {
	labels := map[string]string{}
	for _, k := range i18n.Keys() {
		en, _ := i18n.English(k)
		labels[k] = mark + " " + en
	}
	for m := 1; m <= 12; m++ {
		labels[string(i18n.Month(m))] = fmt.Sprintf("%s %d", mark, m)
	}
	return labels
}

// The editions: their language, the mark of their labels, and made-up
// words of their script.
var editions = []struct {
	lang, mark, word string
}{
	{"ckb", "ژێکۆ", "بەرێڤان"},
	{"ar", "زاقن", "مستدرة"},
}

// editionDataset is a synthetic edition in lang: its site and labels, a
// story in its language with a byline of names in both directions, a
// Read More and related links, a photo credit in Latin script, and an
// English story.
func editionDataset(lang, mark, word string) *article.Dataset {
	local := func(s string) string { return word + " " + s }
	return &article.Dataset{
		Site: &article.Site{Name: local("Times"), Description: local("synthetic edition"), Lang: lang, Labels: syntheticLabels(mark)},
		Articles: []article.Article{
			{
				Slug: "edition-local", Lang: lang, Headline: local("headline one"),
				Section:   local("section"),
				Tags:      []string{local("tag"), "Latin Tag"},
				Published: "2021-12-07", Updated: "2021-12-09T10:00:00Z",
				Authors:  []string{local("author"), "A. Writer"},
				Dateline: &article.Dateline{Place: local("place"), Source: local("source")},
				Figures:  []article.Figure{{Caption: local("caption."), Credit: "Photo: a deliberately long synthetic credit line in Latin script, 68 chars"}},
				Body: []article.Block{
					{Type: article.Paragraph, Text: local("first paragraph, of made-up words.")},
					{Type: article.ReadMore, Link: article.Link{Title: local("related title"), Slug: "edition-english"}},
					{Type: article.Paragraph, Text: local("second paragraph.")},
				},
				Related: []article.Link{{Title: "A Latin-script related title", Slug: "edition-english"}, {Title: local("title only")}},
			},
			{
				Slug: "edition-english", Lang: "en", Headline: "A synthetic English story in the edition",
				Section:   local("section"),
				Published: "2021-12-06",
				Authors:   []string{"B. Writer", local("author two")},
				Body: []article.Block{
					{Type: article.Paragraph, Text: "Plainly synthetic English text."},
					{Type: article.ReadMore, Link: article.Link{Title: local("related title"), Slug: "edition-local"}},
				},
			},
		},
	}
}

// editionState is what the page says of its language, labels and text.
type editionState struct {
	Lang, Dir    string
	H1           string
	Title        string
	Skip         string
	Byline       string
	Times        []string
	Isolated     int // bdi elements, and links and spans with a dir
	ReadMore     string
	Overflow     float64
	StoryLang    string
	StoryDir     string
	NavSections  string
	Slanted      []string // elements set in italic whose own text is in Arabic script
	ArticleLabel string
}

const editionStateJS = `(() => {
  const q = (s) => document.querySelector(s);
  const text = (s) => (q(s) || {}).textContent || "";
  return {
    lang: document.documentElement.lang, dir: document.documentElement.dir,
    h1: text("h1"), title: document.title, skip: text(".skip-link"),
    byline: text(".story-byline").replace(/\s+/g, " ").trim(),
    times: Array.from(document.querySelectorAll("main time")).map((t) => t.textContent),
    isolated: document.querySelectorAll("main bdi, main a[dir], main span[dir], header a[dir], footer bdi").length,
    readMore: text(".read-more-label"),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    storyLang: (q("article.story") || {}).lang || "", storyDir: (q("article.story") || {}).dir || "",
    navSections: (q("nav.sections") || {getAttribute: () => ""}).getAttribute("aria-label"),
    articleLabel: text(".related-title"),
    slanted: Array.from(document.querySelectorAll("body *")).filter((e) => getComputedStyle(e).fontStyle !== "normal" &&
      Array.from(e.childNodes).some((n) => n.nodeType === 3 && /[\u0600-\u06ff]/.test(n.textContent))).map((e) => e.tagName + "." + e.className),
  };
})()`

// TestEditions reads a Sorani and an Arabic edition as prerendered and
// live: the document follows the edition's language and direction, the
// labels come from its table (an English story's from English), dates and
// digits are the edition's, data text beside labels is isolated, nothing
// overflows at 320 px, and axe finds nothing at 320, 412 and 1280 px.
// No Arabic-script text is set in italic (a caption without its photo, a
// query in a search page's heading were slanted letters), where Latin
// text still is. With DATELINE_SCREENSHOTS set, it saves a screenshot of each article.
func TestEditions(t *testing.T) {
	t.Parallel()
	src := axeSource(t)
	shots := os.Getenv("DATELINE_SCREENSHOTS")
	for _, ed := range editions {
		t.Run(ed.lang, func(t *testing.T) {
			h := privateHost(t, "-data", writeDataset(t, ed.lang+".json", editionDataset(ed.lang, ed.mark, ed.word)))
			tb := newTab(t, 412, 900)
			// 7 December 2021 in the edition's digits and synthetic labels
			// (date.pattern and the month's name carry the mark).
			date := ed.mark + " ٧ " + ed.mark + " 12 ٢٠٢١"
			check := func(what string, s editionState, english bool) {
				t.Helper()
				if s.Lang != ed.lang || s.Dir != "rtl" {
					t.Errorf("%s: <html lang=%q dir=%q>, want %q rtl", what, s.Lang, s.Dir, ed.lang)
				}
				if s.Skip != ed.mark+" Skip to content" || s.NavSections != ed.mark+" Sections" {
					t.Errorf("%s: skip link %q, sections nav %q: not the edition's labels", what, s.Skip, s.NavSections)
				}
				if s.Isolated < 6 {
					t.Errorf("%s: %d isolated pieces of data text", what, s.Isolated)
				}
				if s.Overflow > 0 {
					t.Errorf("%s: the page is %vpx wider than the window", what, s.Overflow)
				}
				// Arabic script has no italic: the browser slants its letters.
				if len(s.Slanted) > 0 {
					t.Errorf("%s: Arabic-script text set in italic in %q", what, s.Slanted)
				}
				if s.StoryLang == "" {
					return
				}
				wantDir := "rtl"
				if english {
					wantDir = "ltr"
				}
				if s.StoryDir != wantDir {
					t.Errorf("%s: <article dir=%q>, want %q", what, s.StoryDir, wantDir)
				}
				if english {
					if s.ReadMore != "Read More:" || s.ArticleLabel != "" && s.ArticleLabel != "Related articles" || !strings.HasPrefix(s.Byline, "By B. Writer and ") || !strings.Contains(s.Byline, "6 December 2021") {
						t.Errorf("%s: an English story in the edition is not labelled in English: %q, %q", what, s.ReadMore, s.Byline)
					}
					return
				}
				if s.ReadMore != ed.mark+" Read More:" || s.ArticleLabel != ed.mark+" Related articles" {
					t.Errorf("%s: article labels %q, %q", what, s.ReadMore, s.ArticleLabel)
				}
				if !strings.HasPrefix(s.Byline, ed.mark+" By "+ed.word+" author") || !strings.Contains(s.Byline, "A. Writer") || !strings.Contains(s.Byline, ed.mark+" Updated") {
					t.Errorf("%s: byline %q", what, s.Byline)
				}
				if len(s.Times) < 2 || s.Times[0] != date {
					t.Errorf("%s: dates %q, want the first %q: the edition's digits and month names", what, s.Times, date)
				}
			}
			for _, p := range []struct {
				path    string
				english bool
			}{{"/articles/edition-local", false}, {"/articles/edition-english", true}, {"/", false}} {
				tb.mustLoad(h.URL+p.path+"?wasm=false", http.StatusOK)
				check(p.path+" prerendered", eval[editionState](tb, editionStateJS), p.english)
				tb.mustLoad(h.URL+p.path, http.StatusOK)
				tb.waitLive()
				time.Sleep(200 * time.Millisecond)
				check(p.path+" live", eval[editionState](tb, editionStateJS), p.english)
			}
			// A search page: its heading's query in Arabic script upright, a
			// Latin one in italic as in every edition.
			for _, q := range []struct{ query, style string }{{ed.word, "normal"}, {"zzqq", "italic"}} {
				tb.mustLoad(h.URL+"/search?q="+url.QueryEscape(q.query)+"&wasm=false", http.StatusOK)
				if got := eval[string](tb, `getComputedStyle(document.querySelector("h1 .search-query")).fontStyle`); got != q.style {
					t.Errorf("/search?q=%s: the heading's query is set %s, want %s", q.query, got, q.style)
				}
			}
			// The date's machine form stays.
			tb.mustLoad(h.URL+"/articles/edition-local", http.StatusOK)
			tb.waitLive()
			if got := eval[string](tb, `document.querySelector("main time").getAttribute("datetime")`); got != "2021-12-07" {
				t.Errorf("<time datetime=%q>: the machine form must stay", got)
			}
			for _, size := range layoutWidths {
				tb.do("setting the viewport", viewport(size.width, size.height))
				for _, p := range []struct {
					path   string
					status int64
				}{{"/", http.StatusOK}, {"/articles/edition-local", http.StatusOK}, {"/no/such/page", http.StatusNotFound}} {
					checkLayout(t, tb, src, h.URL+p.path, p.status, ed.lang+" "+p.path+" at "+size.name+" px")
					if shots != "" && p.path == "/articles/edition-local" && size.name != "1280" {
						saveShot(t, tb, shots, "edition-"+ed.lang+"-"+size.name+".png")
					}
				}
			}
			tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
				return m.Source == "network" && strings.Contains(m.Text, "404")
			})
		})
	}
}

// TestEditionFallbackIsolated opens an Arabic edition that gives no labels
// of its own, so that readers see the English ones (Validate warns of
// each), and checks where the browser puts the final period of an English
// sentence: laid out as a right-to-left paragraph, it would move to the
// line's left end, before the words. The English text is isolated (in a
// span of dir "ltr", as components write i18n's fallbacks: its text node
// is the span's), so the period follows the word it ends,
// on the host's page and once the app has drawn it again.
func TestEditionFallbackIsolated(t *testing.T) {
	t.Parallel()
	ds := editionDataset("ar", "", "عينة")
	ds.Site.Labels = nil
	h := privateHost(t, "-data", writeDataset(t, "ar-bare.json", ds))
	tb := newTab(t, 412, 900)
	tb.do("setting the viewport", viewport(320, 800))
	// The search page's note for an empty query ends its English sentence
	// with "word.": the period's box against its "d"'s.
	const probe = `(() => {
  const el = document.querySelector(".search-note");
  if (!el) return "no note";
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node = null;
  while (!node && walk.nextNode()) if (walk.currentNode.data.includes("word.")) node = walk.currentNode;
  if (!node) return "no English sentence in " + JSON.stringify(el.textContent);
  const at = node.data.lastIndexOf("word.") + 3;
  const box = (i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect(); };
  const d = box(at), dot = box(at + 1);
  if (Math.abs(d.top - dot.top) > 1) return "the period is not on its word's line";
  return dot.left >= d.right - 1 ? "after" : "period at " + dot.left + ", before its word's end at " + d.right;
})()`
	if st := tb.navigate(h.URL + "/search"); st != 200 {
		t.Fatalf("/search: status %d", st)
	}
	if got := eval[string](tb, `document.documentElement.dir`); got != "rtl" {
		t.Fatalf("<html dir=%q>, want rtl", got)
	}
	if got := eval[string](tb, probe); got != "after" {
		t.Errorf("host's page: %s", got)
	}
	tb.waitLive()
	if got := eval[string](tb, probe); got != "after" {
		t.Errorf("the app's page: %s", got)
	}
	if shots := os.Getenv("DATELINE_SCREENSHOTS"); shots != "" {
		tb.emulateMedia("screen", &emulation.MediaFeature{Name: "prefers-color-scheme", Value: "dark"})
		saveShot(t, tb, shots, "edition-ar-fallback-320-dark.png")
	}
}

// TestArticleWithoutLang opens, in a Sorani and an Arabic edition, an
// article that gives no "lang": it is in the edition's language, on the
// host's page and on the page the app draws from its data file (followed
// from the home list), right to left with the edition's labels, where it
// was lang="en", left to right with English labels (while its feed entry
// said the edition's language). The English article keeps its own.
func TestArticleWithoutLang(t *testing.T) {
	t.Parallel()
	for _, ed := range editions {
		t.Run(ed.lang, func(t *testing.T) {
			ds := editionDataset(ed.lang, ed.mark, ed.word)
			ds.Articles[0].Lang = "" // edition-local
			h := privateHost(t, "-data", writeDataset(t, ed.lang+"-no-lang.json", ds))
			tb := newTab(t, 412, 900)
			tb.do("setting the viewport", viewport(412, 900))
			const storyJS = `(() => {
  const a = document.querySelector("article.story");
  return a ? [a.lang, a.dir, (document.querySelector(".related-title") || {}).textContent || ""] : [];
})()`
			check := func(how, slug, lang, dir, label string) {
				t.Helper()
				got := eval[[]string](tb, storyJS)
				if len(got) != 3 || got[0] != lang || got[1] != dir || !strings.HasPrefix(got[2], label) {
					t.Errorf("%s %s: <article lang dir> and related heading %q, want %q, %q, and %q first", how, slug, got, lang, dir, label)
				}
			}
			tb.mustLoad(h.URL+"/articles/edition-local?wasm=false", http.StatusOK)
			check("host's page", "edition-local", ed.lang, "rtl", ed.mark)
			tb.mustLoad(h.URL+"/", http.StatusOK)
			tb.waitLive()
			tb.follow("the article without a lang", `.summary-headline a[href="/articles/edition-local"]`, "")
			check("app's page", "edition-local", ed.lang, "rtl", ed.mark)
			tb.follow("the English article", `.related a[href="/articles/edition-english"]`, "")
			check("app's page", "edition-english", "en", "ltr", "")
			tb.checkConsole(nil)
		})
	}
}
