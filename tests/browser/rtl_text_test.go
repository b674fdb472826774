//go:build !(js && wasm)

package browser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/app/article"
)

// partsAtJS finds the texts it is given in the element sel, in that order
// in its text, and returns where each is laid out: the left edge of each
// (null for one not found), and the text read.
const partsAtJS = `((sel, parts) => {
  const el = document.querySelector(sel);
  if (!el) return {text: "no " + sel, lefts: []};
  const nodes = [];
  let text = "";
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode()); ) { nodes.push([n, text.length]); text += n.data; }
  const at = (i) => { for (const [n, o] of nodes) if (i <= o + n.data.length) return [n, i - o]; return null; };
  const lefts = [];
  let from = 0;
  for (const p of parts) {
    const i = text.indexOf(p, from);
    if (i < 0) { lefts.push(null); continue; }
    from = i + p.length;
    const r = document.createRange();
    r.setStart(...at(i));
    r.setEnd(...at(i + p.length));
    lefts.push(r.getBoundingClientRect().left);
  }
  return {text, lefts};
})`

// partsAt is partsAtJS's reading.
type partsAt struct {
	Text  string
	Lefts []*float64
}

// inOrder tells whether the parts were all found, laid out left to right.
func (p partsAt) inOrder() bool {
	for i, l := range p.Lefts {
		if l == nil || i > 0 && *l <= *p.Lefts[i-1] {
			return false
		}
	}
	return len(p.Lefts) > 0
}

func (p partsAt) String() string {
	s := fmt.Sprintf("%q at", p.Text)
	for _, l := range p.Lefts {
		if l == nil {
			s += " (not found)"
		} else {
			s += fmt.Sprintf(" %.0f", *l)
		}
	}
	return s
}

// TestEnglishDateInOrder opens an Arabic edition without its own month
// names, whose dates read in English with the edition's digits
// ("٧ December ٢٠٢١"), set left to right: the day, the month and the year
// are laid out in that order from the left, on the host's page and the
// app's, and so is today's date in the note a printed page ends with
// (reader.js). The month was an element of its own inside the date's,
// which isolated it: between two numbers in Arabic-Indic digits it was
// ordered as they are, right to left, and the year came first.
func TestEnglishDateInOrder(t *testing.T) {
	t.Parallel()
	ds := editionDataset("ar", "زاقن", "عينة")
	ds.Site.Labels = map[string]string{"article.share": "زاقن ١"}
	h := privateHost(t, "-data", writeDataset(t, "ar-dates.json", ds))
	tb := newTab(t, 412, 900)
	check := func(what, sel string, parts ...string) {
		t.Helper()
		arg, err := json.Marshal(parts)
		if err != nil {
			t.Fatal(err)
		}
		got := eval[partsAt](tb, partsAtJS+"("+jsString(sel)+", "+string(arg)+")")
		if !got.inOrder() {
			t.Errorf("%s: %v; want %q laid out left to right", what, got, parts)
		}
	}
	tb.mustLoad(h.URL+"/articles/edition-local?wasm=false", http.StatusOK)
	check("the byline's date, prerendered", "article.story time", "٧", "December", "٢٠٢١")
	tb.mustLoad(h.URL+"/articles/edition-local", http.StatusOK)
	tb.waitLive()
	check("the byline's date in the app", "article.story time", "٧", "December", "٢٠٢١")
	check("the byline's date updated", "article.story", "Updated", "٩", "December", "٢٠٢١")
	tb.emulateMedia("print")
	eval[chromedp.Void](tb, `window.dispatchEvent(new Event("beforeprint"))`)
	now := time.Now()
	arabic := func(n int) string { return arabicDigits(fmt.Sprint(n)) }
	check("the printed note's date", ".print-note", arabic(now.Day()), now.Month().String(), arabic(now.Year()))
	tb.emulateMedia("")
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	check("a list's date", "main .summary-meta", "٧", "December", "٢٠٢١")
}

// arabicDigits writes s's ASCII digits as Arabic-Indic ones.
func arabicDigits(s string) string {
	b := []rune(s)
	for i, r := range b {
		if '0' <= r && r <= '9' {
			b[i] = r - '0' + '٠'
		}
	}
	return string(b)
}

// TestQueryUprightArabic searches an Arabic edition and an English one
// for a query that opens with a Latin word and goes on in Arabic, whose
// <bdi> is then left to right: the query is in italic, and its Arabic
// letters, whose fonts have no italic, are drawn upright, pixel for pixel
// as with the italic taken off, where the browser's slant would move them
// (as a control, the same word with the browser allowed to slant it).
func TestQueryUprightArabic(t *testing.T) {
	t.Parallel()
	const word = "عينة"
	for _, lang := range []string{"ar", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			h := privateHost(t, "-data", writeDataset(t, "upright-"+lang+".json", editionDataset(lang, "زاقن", word)))
			tb := newTab(t, 412, 900)
			tb.mustLoad(h.URL+"/search?q="+url.QueryEscape("XYZ "+word), http.StatusOK)
			tb.waitLive()
			const q = `document.querySelector("h1 .search-query")`
			if got := eval[string](tb, q+` ? getComputedStyle(`+q+`).fontStyle + " " + `+q+`.matches(":dir(ltr)") : "none"`); got != "italic true" {
				t.Fatalf("the heading's query: %q, want italic and left to right (the case this test is for)", got)
			}
			rect := eval[[]float64](tb, `(() => {
  const el = `+q+`, n = el.firstChild, i = n.data.indexOf(`+jsString(word)+`);
  const r = document.createRange();
  r.setStart(n, i);
  r.setEnd(n, i + `+fmt.Sprint(len([]rune(word)))+`);
  const b = r.getBoundingClientRect();
  return [b.left, b.top, b.right, b.bottom];
})()`)
			shot := func() image.Image {
				t.Helper()
				img, err := png.Decode(bytes.NewReader(screenshot(tb)))
				if err != nil {
					t.Fatalf("decoding the screenshot: %v", err)
				}
				return img
			}
			// The word's box, in the screenshot's pixels (scale 1).
			box := image.Rect(int(rect[0])+1, int(rect[1]), int(rect[2])-1, int(rect[3]))
			same := func(a, b image.Image) bool {
				for y := box.Min.Y; y < box.Max.Y; y++ {
					for x := box.Min.X; x < box.Max.X; x++ {
						if a.At(x, y) != b.At(x, y) {
							return false
						}
					}
				}
				return true
			}
			drawn := shot()
			eval[chromedp.Void](tb, q+`.style.fontSynthesisStyle = "auto"`)
			slanted := shot()
			eval[chromedp.Void](tb, q+`.style.fontStyle = "normal"`)
			upright := shot()
			if same(slanted, upright) {
				t.Fatalf("the word %q looks the same slanted by the browser and upright in %v: the check sees nothing", word, box)
			}
			if !same(drawn, upright) {
				t.Errorf("the query's %q is drawn slanted (in %v): want it upright, as without the italic", word, box)
			}
		})
	}
}

// TestDatesOnOneLine reads the article's byline and the home page's list
// at 320 px, in an English edition and in an Arabic one whose dates keep
// English month names, at the default text size and the largest: each
// date is laid out on one line (at 320 px the Arabic byline broke
// "٧ December ٢٠٢١" after its day), and nothing is wider than the window.
func TestDatesOnOneLine(t *testing.T) {
	t.Parallel()
	const linesJS = `Array.from(document.querySelectorAll("main time"), (el) => {
  // The lines of its text: a date is a box of its own (inline-block),
  // which has one rect however many lines it holds.
  const r = document.createRange();
  r.selectNodeContents(el);
  const tops = Array.from(r.getClientRects(), (r) => Math.round(r.top));
  return {text: el.textContent, lines: new Set(tops).size};
})`
	type dateLines struct {
		Text  string
		Lines int
	}
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			ds := editionDataset(lang, "زاقن", "عينة")
			if lang == "en" {
				ds.Site.Labels = nil // English, its own month names
			}
			h := privateHost(t, "-data", writeDataset(t, "dates-"+lang+".json", ds))
			tb := newTab(t, 320, 640)
			tb.do("setting the viewport", viewport(320, 640))
			for _, size := range []int{2, 7} {
				for _, path := range []string{"/articles/edition-local", "/"} {
					tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
					eval[chromedp.Void](tb, fmt.Sprintf(`localStorage.setItem("dateline:settings", JSON.stringify({size: %d}))`, size))
					tb.mustLoad(h.URL+path, http.StatusOK)
					tb.waitLive()
					dates := eval[[]dateLines](tb, linesJS)
					if len(dates) == 0 {
						t.Fatalf("%s, size %d: no date in <main>", path, size)
					}
					for _, d := range dates {
						if d.Lines != 1 {
							t.Errorf("%s, size %d: the date %q is on %d lines, want 1", path, size, d.Text, d.Lines)
						}
					}
					if over := eval[float64](tb, `document.documentElement.scrollWidth - innerWidth`); over > 0 {
						t.Errorf("%s, size %d: the page is %.0f px wider than the window", path, size, over)
					}
				}
			}
		})
	}
}

// TestLongDateStaysOnScreen reads an article's byline and the home page's
// list at 320 px at the largest text size, in an edition whose date is
// wider than the column there ("27 de septiembre de 2024"): the date
// breaks inside, within the column, and the page stays as wide as the
// screen. Kept on one line, it ran off the screen, and the phone laid the
// page out 394 px wide, scrolled sideways.
func TestLongDateStaysOnScreen(t *testing.T) {
	t.Parallel()
	ds := &article.Dataset{Site: &article.Site{Name: "Synthetic Times", Lang: "es", Labels: map[string]string{
		"date.pattern": "{day} de {month} de {year}", "date.month.9": "septiembre", "article.updated": "Actualizado el {date}",
	}}}
	ds.Articles = append(ds.Articles, article.Article{
		Slug: "long-date", Lang: "es", Headline: "Una historia sintética de septiembre", Section: "Mundo",
		Published: "2024-09-27", Updated: "2024-09-28T10:00:00Z", Authors: []string{"A. Escritor"},
		Body: []article.Block{{Type: article.Paragraph, Text: "Texto claramente sintético."}},
	})
	h := privateHost(t, "-data", writeDataset(t, "long-date.json", ds))
	tb := newTab(t, 320, 640)
	tb.do("setting the viewport", viewport(320, 640))
	type dateBox struct {
		Text        string
		Right, Edge float64
	}
	for _, path := range []string{"/articles/long-date", "/"} {
		tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
		eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", JSON.stringify({size: 7}))`)
		tb.mustLoad(h.URL+path, http.StatusOK)
		tb.waitLive()
		dates := eval[[]dateBox](tb, `Array.from(document.querySelectorAll("main time"), (el) => {
  const p = el.parentElement, cs = getComputedStyle(p);
  return {text: el.textContent, right: el.getBoundingClientRect().right,
    edge: p.getBoundingClientRect().right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth)};
})`)
		if len(dates) == 0 {
			t.Fatalf("%s: no date in <main>", path)
		}
		for _, d := range dates {
			if d.Right > d.Edge+0.5 {
				t.Errorf("%s: the date %q ends at %.1f px, past its line's edge at %.1f px", path, d.Text, d.Right, d.Edge)
			}
		}
		if w := eval[float64](tb, `document.documentElement.scrollWidth`); w > 320 {
			t.Errorf("%s: the page is laid out %.0f px wide, wider than the 320 px screen", path, w)
		}
	}
}
