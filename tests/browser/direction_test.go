//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/app/article"
	"dateline/app/page"
)

// latinWord is a made-up Latin acronym, as brand names and acronyms open
// Arabic and Sorani names and captions.
const latinWord = "XYZ"

// directionDataset is an edition in lang whose names and caption open
// with latinWord and go on in word, of the edition's script: its name,
// one article's section, tag, author and caption.
func directionDataset(lang, word string, labels map[string]string) *article.Dataset {
	name := latinWord + " " + word
	return &article.Dataset{
		Site: &article.Site{Name: name, Description: word + " synthetic edition", Lang: lang, Labels: labels},
		Articles: []article.Article{{
			Slug: "direction", Lang: lang, Headline: word + " headline",
			Section: name, Tags: []string{name}, Authors: []string{name},
			Figures: []article.Figure{{Caption: name + " " + word + "."}},
			Body:    []article.Block{{Type: article.Paragraph, Text: word + " synthetic text."}},
		}},
	}
}

// wordBoxes is where the browser put the Latin and the edition's word of
// a name: its element's dir and text, and each word's box.
type wordBoxes struct {
	Err          string
	Dir, Text    string
	Latin, Local *box
}

// wordBoxesJS measures, in the first element that a selector matches, the
// boxes of two words of its text.
const wordBoxesJS = `((sel, latin, local) => {
  const el = document.querySelector(sel);
  if (!el) return {err: "no " + sel};
  const at = (word) => {
    const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const i = n.data.indexOf(word);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + word.length);
      const b = r.getBoundingClientRect();
      return {x: b.left, y: b.top, w: b.width, h: b.height};
    }
    return null;
  };
  return {dir: el.getAttribute("dir") || "", text: el.textContent, latin: at(latin), local: at(local)};
})`

// TestEditionDirection lays out names of an Arabic and a Sorani edition
// that open with a Latin acronym ("XYZ <word>") and checks, on the host's
// page and once the app has drawn it again, that each is laid out right
// to left: the Latin word's box to the right of the edition's word's. A
// name isolated with dir="auto" was laid out left to right, the Latin word
// first on the left. The Sorani edition gives no labels: "Tagged" is the
// English fallback, isolated as a whole around the tag's name. With
// DATELINE_SCREENSHOTS set, it saves the article and the tag page.
func TestEditionDirection(t *testing.T) {
	t.Parallel()
	shots := os.Getenv("DATELINE_SCREENSHOTS")
	for _, ed := range editions {
		t.Run(ed.lang, func(t *testing.T) {
			labels := syntheticLabels(ed.mark)
			if ed.lang == "ckb" {
				labels = nil
			}
			name := latinWord + " " + ed.word
			slug := article.NameSlug(name)
			h := privateHost(t, "-data", writeDataset(t, ed.lang+"-direction.json", directionDataset(ed.lang, ed.word, labels)))
			tb := newTab(t, 412, 900)
			tb.do("setting the viewport", viewport(412, 900))
			for _, p := range []struct {
				path, shot string
				names      []string // selectors of the names to measure
			}{
				{page.ArticlePath("direction"), "article", []string{".site-name", "nav.sections a", ".story-section a", ".story-author", ".figure-text", ".story-tags a", "footer bdi"}},
				{page.TagRef(slug, 1).Path(), "tag", []string{"h1.list-title bdi"}},
				{page.SectionRef(slug, 1).Path(), "", []string{"h1.list-title bdi", "nav.sections a"}},
			} {
				measure := func(how string) map[string]wordBoxes {
					got := map[string]wordBoxes{}
					for _, sel := range p.names {
						w := eval[wordBoxes](tb, fmt.Sprintf("%s(%s, %s, %s)", wordBoxesJS, jsString(sel), jsString(latinWord), jsString(ed.word)))
						got[sel] = w
						what := fmt.Sprintf("%s %s, %s", p.path, how, sel)
						switch {
						case w.Err != "":
							t.Errorf("%s: %s", what, w.Err)
						case w.Latin == nil || w.Local == nil:
							t.Errorf("%s: the words are not in %q", what, w.Text)
						case w.Latin.Y+w.Latin.H <= w.Local.Y || w.Local.Y+w.Local.H <= w.Latin.Y:
							t.Errorf("%s: the words of %q are on different lines", what, w.Text)
						case w.Latin.X < w.Local.X+w.Local.W-1:
							t.Errorf("%s <… dir=%q>: %q laid out left to right: %s at x %.0f, left of %s ending at x %.0f",
								what, w.Dir, w.Text, latinWord, w.Latin.X, ed.word, w.Local.X+w.Local.W)
						}
					}
					return got
				}
				tb.mustLoad(h.URL+p.path+"?wasm=false", http.StatusOK)
				pre := measure("prerendered")
				if shots != "" && p.shot != "" {
					saveShot(t, tb, shots, "direction-"+ed.lang+"-"+p.shot+"-412.png")
				}
				tb.mustLoad(h.URL+p.path, http.StatusOK)
				tb.waitLive()
				time.Sleep(200 * time.Millisecond)
				live := measure("live")
				for sel, w := range pre {
					if l := live[sel]; l.Dir != w.Dir || l.Text != w.Text {
						t.Errorf("%s %s: <… dir=%q>%q prerendered, <… dir=%q>%q live", p.path, sel, w.Dir, w.Text, l.Dir, l.Text)
					}
				}
			}
			tb.checkConsole(nil)
		})
	}
}

// mixedDataset is an edition in lang (with synthetic labels when it is
// not English) whose article "mixed" has a paragraph of its language, then
// one written mostly in the other direction, other, and whose article
// "other-lead" opens with other, so that its excerpt in the home page's
// list is other too. The text is made up.
func mixedDataset(lang, mark, own, other string) *article.Dataset {
	ds := &article.Dataset{Articles: []article.Article{
		{Slug: "mixed", Lang: lang, Headline: own, Published: "2026-02-05",
			Body: []article.Block{{Type: article.Paragraph, Text: own}, {Type: article.Paragraph, Text: other}}},
		{Slug: "other-lead", Lang: lang, Headline: own, Published: "2026-02-04",
			Body: []article.Block{{Type: article.Paragraph, Text: other}, {Type: article.Paragraph, Text: own}}},
	}}
	if lang != "en" {
		ds.Site = &article.Site{Name: mark + " synthetic", Lang: lang, Labels: syntheticLabels(mark)}
	}
	return ds
}

// paragraphSides is how the browser laid out a paragraph: its computed
// direction and alignment, and where its first word and its last
// character (a full stop) were put.
type paragraphSides struct {
	Err              string
	Direction, Align string
	First, Last      *box
}

// paragraphSidesJS measures the paragraph of a selector whose text is the
// one given.
const paragraphSidesJS = `((sel, text) => {
  const p = [...document.querySelectorAll(sel)].find((p) => p.textContent === text);
  if (!p) return {err: "no " + sel + " of the text"};
  const n = p.firstChild, r = document.createRange();
  const rect = (from, to) => { r.setStart(n, from); r.setEnd(n, to); const b = r.getBoundingClientRect(); return {x: b.left, y: b.top, w: b.width, h: b.height}; };
  const cs = getComputedStyle(p);
  return {direction: cs.direction, align: cs.textAlign, first: rect(0, n.data.indexOf(" ")), last: rect(n.data.length - 1, n.data.length)};
})`

// TestMixedDirectionParagraph opens an English article with a paragraph
// in Sorani that ends in Latin words, and an Arabic article with a
// paragraph in English, and checks, on the host's page and once the app
// has drawn it, that each such paragraph is laid out in its own
// direction: its computed direction, and its full stop on the side where
// its line ends (left in Sorani, where the Latin words had put it on the
// right). So is the excerpt of a list. The pages keep passing axe and fit
// the window at 320, 412 and 1280 px.
func TestMixedDirectionParagraph(t *testing.T) {
	t.Parallel()
	src := axeSource(t)
	for _, tt := range []struct {
		lang, mark, own, other string
		dir                    string // the other paragraph's
	}{
		{"en", "", "The sign read «هەولێر ٢٤ کیلۆمەتر» in 2026, said the synthetic officer.", "بەرپرسێک گوتی ١٢٣ کەس hello world ٤٥٦.", "rtl"},
		{"ar", editions[1].mark, "XYZ قال إن مستدرة زاقن في ٢٠٢٦.", "The word مستدرة is made up.", "ltr"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			h := privateHost(t, "-data", writeDataset(t, tt.lang+"-mixed.json", mixedDataset(tt.lang, tt.mark, tt.own, tt.other)))
			tb := newTab(t, 412, 900)
			tb.do("setting the viewport", viewport(412, 900))
			own := article.Dir(tt.lang)
			// check measures a paragraph; its full stop's side, when side
			// is set, for a paragraph short enough for one line.
			check := func(how, sel, text, dir string, side bool) {
				t.Helper()
				s := eval[paragraphSides](tb, fmt.Sprintf("%s(%s, %s)", paragraphSidesJS, jsString(sel), jsString(text)))
				what := fmt.Sprintf("%s, %s %q", how, sel, text)
				switch {
				case s.Err != "":
					t.Errorf("%s: %s", what, s.Err)
				case s.Direction != dir:
					t.Errorf("%s: direction %s, want %s", what, s.Direction, dir)
				case !side:
				case s.First == nil || s.Last == nil || s.First.Y != s.Last.Y:
					t.Errorf("%s: not on one line (first word %+v, full stop %+v)", what, s.First, s.Last)
				case dir == "rtl" && s.Last.X > s.First.X, dir == "ltr" && s.Last.X < s.First.X:
					t.Errorf("%s: the full stop at x %.0f, the first word at x %.0f: not laid out %s", what, s.Last.X, s.First.X, dir)
				}
			}
			for _, how := range []string{"prerendered", "live"} {
				q := "?wasm=false"
				if how == "live" {
					q = ""
				}
				tb.mustLoad(h.URL+page.ArticlePath("mixed")+q, http.StatusOK)
				if how == "live" {
					tb.waitLive()
					time.Sleep(200 * time.Millisecond)
				}
				check(how, ".story-body p", tt.own, own, false)
				check(how, ".story-body p", tt.other, tt.dir, true)
				tb.mustLoad(h.URL+"/"+q, http.StatusOK)
				if how == "live" {
					tb.waitLive()
					time.Sleep(200 * time.Millisecond)
				}
				check(how, ".summary-excerpt", tt.own, own, false)
				check(how, ".summary-excerpt", tt.other, tt.dir, true)
			}
			for _, size := range layoutWidths {
				tb.do("setting the viewport", viewport(size.width, size.height))
				for _, p := range []string{"/", page.ArticlePath("mixed")} {
					checkLayout(t, tb, src, h.URL+p, http.StatusOK, tt.lang+" "+p+" at "+size.name+" px")
				}
			}
			tb.checkConsole(nil)
		})
	}
}

// TestSavedHeadlineDirection saves, and reads part of, an article of an
// Arabic edition whose headline is mostly Latin: the page lays the
// headline out left to right (its own dir), and the saved list and
// Continue reading, which reader.js draws from what it kept, must lay
// it out the same way. They took the article's direction, right to left,
// which moved its last Arabic word to the left of the words before it
// ("Wrenfield Zqx Summit Opens / كيلفان Today in" on a phone): the
// headline read in another order than on its page.
func TestSavedHeadlineDirection(t *testing.T) {
	t.Parallel()
	ed := editions[1]
	head := "Wrenfield Zqx Summit Opens Today in " + ed.word
	para := func(i int) article.Block {
		return article.Block{Type: article.Paragraph, Text: fmt.Sprintf("%s %d زاقن مستدرة زاقن مستدرة زاقن مستدرة زاقن مستدرة زاقن مستدرة زاقن مستدرة زاقن مستدرة زاقن مستدرة.", ed.word, i)}
	}
	var body []article.Block
	for i := range 12 {
		body = append(body, para(i))
	}
	ds := &article.Dataset{
		Site:     &article.Site{Name: ed.word, Lang: ed.lang, Labels: syntheticLabels(ed.mark)},
		Articles: []article.Article{{Slug: "latin-head", Lang: ed.lang, Headline: head, Body: body}},
	}
	h := privateHost(t, "-data", writeDataset(t, "latin-head.json", ds))
	tb := newTab(t, 320, 800)
	tb.do("setting the viewport", viewport(320, 800))
	tb.mustLoad(h.URL+page.ArticlePath("latin-head"), http.StatusOK)
	tb.waitLive()
	if got := eval[string](tb, `getComputedStyle(document.querySelector("#page-title")).direction`); got != "ltr" {
		t.Fatalf("the headline %q is laid out %s on its page, want ltr", head, got)
	}
	tb.click("saving", ".tool-save")
	tb.waitFor("the article in the saved list", `(localStorage.getItem("dateline:saved") || "").includes("latin-head")`, 5*time.Second)
	eval[chromedp.Void](tb, `document.querySelectorAll("article.story .story-body > p")[5].scrollIntoView()`)
	tb.waitFor("the place kept", `(localStorage.getItem("dateline:places") || "").includes("latin-head")`, 5*time.Second)
	for _, l := range []struct{ path, sel string }{{page.SavedPath, ".saved-list a"}, {"/", ".continue-list a"}} {
		tb.mustLoad(h.URL+l.path, http.StatusOK)
		tb.waitLive()
		tb.waitFor(l.sel, `!!document.querySelector("`+l.sel+`")`, 10*time.Second)
		if got := eval[string](tb, `getComputedStyle(document.querySelector("`+l.sel+`")).direction`); got != "ltr" {
			t.Errorf("%s: the headline %q is laid out %s, not as on its page (ltr)", l.path, head, got)
		}
	}
	tb.checkConsole(nil)
}
