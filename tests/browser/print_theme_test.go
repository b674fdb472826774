//go:build !(js && wasm)

package browser

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"dateline/app/article"
	"dateline/app/i18n"
	dlpage "dateline/app/page"
)

// printThemeDataset is two plainly synthetic articles in one section: the
// first has what prints in the soft ink (a date and reading time, a
// photo's caption and credit, a related story not in this collection)
// and is followed in its section by the second.
func printThemeDataset() *article.Dataset {
	para := func(s string) article.Block { return article.Block{Type: article.Paragraph, Text: s} }
	filler := strings.Repeat("This sentence is invented test copy for the print tests. ", 8)
	return &article.Dataset{
		Site: &article.Site{Name: "Synthetic Print", Description: "Plainly synthetic pages for the print tests."},
		Articles: []article.Article{
			{
				Slug: "print-first", Headline: "Print test: a synthetic story to print", Section: "Synthetic Section",
				Published: "2024-05-02T09:00:00Z",
				Dateline:  &article.Dateline{Place: "TESTVILLE", Source: "Synthetic Wire"},
				Figures:   []article.Figure{{Caption: "A synthetic caption of a photo that is not in the collection.", Credit: "Photo: test fixture"}},
				Body:      []article.Block{para("The first synthetic paragraph. " + filler), para("The second synthetic paragraph. " + filler)},
				Related:   []article.Link{{Title: "A synthetic story outside this collection"}},
			},
			{
				Slug: "print-second", Headline: "Print test: the next synthetic story", Section: "Synthetic Section",
				Published: "2024-05-01T09:00:00Z",
				Tags:      []string{"مطبوع"},
				Body:      []article.Block{para("The only synthetic paragraph. " + filler)},
			},
		},
	}
}

// printedJS reads the page as print media draws it: the palette on the
// root element, the paper, and each element with text of its own that is
// drawn, with its contrast against what lies behind it (its nearest
// ancestor with a background, else the paper).
const printedJS = `(() => {
  const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const v = rgb(c).map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const clear = (c) => c === "transparent" || /rgba\(.*, 0\)$/.test(c);
  const behind = (el) => { for (let e = el; e; e = e.parentElement) { const b = getComputedStyle(e).backgroundColor; if (!clear(b)) return b; } return "rgb(255, 255, 255)"; };
  const name = (el) => el.tagName.toLowerCase() + (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "");
  const root = getComputedStyle(document.documentElement);
  const texts = [];
  for (const el of document.body.querySelectorAll("*")) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join("").trim();
    if (!own) continue;
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || cs.visibility !== "visible" || el.closest("[hidden], dialog")) continue;
    texts.push({what: name(el) + " " + JSON.stringify(own.slice(0, 40)), color: cs.color, contrast: ratio(cs.color, behind(el))});
  }
  const cap = document.querySelector(".figure-caption"), ccs = cap && getComputedStyle(cap);
  const rules = !cap ? [] : ["Top", "Right", "Bottom", "Left"].filter((s) => parseFloat(ccs["border" + s + "Width"]) > 0).map((s) => ccs["border" + s + "Color"]);
  return {
    palette: ["--paper", "--ink", "--ink-soft", "--rule"].map((p) => p + " " + root.getPropertyValue(p).trim()).join(", "),
    paper: getComputedStyle(document.body).backgroundColor,
    rule: rules.join(" "),
    texts,
  };
})()`

type printedPage struct {
	Palette, Paper, Rule string
	Texts                []struct {
		What, Color string
		Contrast    float64
	}
}

// printHost is the host the print tests share, on printThemeDataset.
func printHost(t *testing.T) *host {
	t.Helper()
	return sharedHost(t, "print", func() ([]string, error) {
		b, err := json.MarshalIndent(printThemeDataset(), "", "  ")
		if err != nil {
			return nil, err
		}
		file := filepath.Join(tmpDir, "print.json")
		if err := os.WriteFile(file, b, 0o644); err != nil {
			return nil, err
		}
		return []string{"-data", file}, nil
	})
}

// TestPrintTheme prints an article (print media, as Ctrl+P and
// Page.printToPDF draw it) with each theme, and with the automatic one on
// a system in light mode and in dark mode: every theme prints the print
// palette, black and dark grey on white, and every text drawn keeps a
// contrast of 4.5:1 or more. With the system dark and the theme on
// Automatic, the dark theme's palette used to win over the print one (a
// stronger selector): the date and reading time, the caption, the credit,
// "(not in this collection)" printed grey on white, about 2.2:1, and the
// caption's rule took the dark theme's colour.
func TestPrintTheme(t *testing.T) {
	t.Parallel()
	h := printHost(t)
	url := h.URL + dlpage.ArticlePath("print-first")
	shots := os.Getenv("DATELINE_SCREENSHOTS")
	for _, c := range []struct{ name, theme, system string }{
		{"automatic-light", "", "light"},
		{"automatic-dark", "", "dark"},
		{"light", "light", "dark"},
		{"sepia", "sepia", "dark"},
		{"dark", "dark", "light"},
		{"dark-on-dark", "dark", "dark"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, 800, 900)
			tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
			settings := `{}`
			if c.theme != "" {
				settings = fmt.Sprintf(`{theme: %q}`, c.theme)
			}
			eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", "`+storedMark+`" + JSON.stringify(`+settings+`))`)
			tb.emulateMedia("print", &emulation.MediaFeature{Name: "prefers-color-scheme", Value: c.system})
			tb.mustLoad(url, http.StatusOK)
			tb.waitLive()
			if got := eval[string](tb, `document.documentElement.getAttribute("data-theme") || ""`); got != c.theme {
				t.Fatalf("the page has the theme %q, want %q", got, c.theme)
			}
			eval[chromedp.Void](tb, `window.dispatchEvent(new Event("beforeprint"))`)
			got := eval[printedPage](tb, printedJS)
			if want := "--paper #ffffff, --ink #000000, --ink-soft #333333, --rule #999999"; got.Palette != want {
				t.Errorf("printed with the palette %s, want %s", got.Palette, want)
			}
			if got.Paper != "rgb(255, 255, 255)" {
				t.Errorf("printed on %s, want white", got.Paper)
			}
			if got.Rule != "rgb(153, 153, 153)" {
				t.Errorf("the caption's rule printed %q, want the print rule rgb(153, 153, 153)", got.Rule)
			}
			var seen []string
			for _, x := range got.Texts {
				seen = append(seen, x.What)
				if x.Contrast < 4.5 {
					t.Errorf("%s printed %s, contrast %.2f:1, want 4.5 or more", x.What, x.Color, x.Contrast)
				}
			}
			// The elements the fault was seen on are among those measured.
			all := strings.Join(seen, "\n")
			for _, want := range []string{".story-reading-time", ".figure-text", ".figure-credit", ".unlinked-note"} {
				if !strings.Contains(all, want) {
					t.Errorf("no printed text in %s; measured:\n%s", want, all)
				}
			}
			if shots != "" {
				saveShot(t, tb, shots, "print-theme-"+c.name+".png")
			}
			tb.checkConsole(func(m chromedp.ConsoleMessage) bool { return strings.HasSuffix(m.URL, "/favicon.ico") }) // robots.txt's
		})
	}
}

// TestPrintPhotosAfterTheFirst prints a story whose four photos come
// before its text: on paper the first is up to 9 cm tall, the others up to
// 5 cm, so that the text is not pushed pages down (at 9 cm each, four
// photos left the first page the headline and one photo, and the text
// began on the fourth page).
func TestPrintPhotosAfterTheFirst(t *testing.T) {
	t.Parallel()
	photo := func(i int) article.Figure {
		return article.Figure{Caption: fmt.Sprintf("Synthetic photo %d.", i), Credit: "Photo: test fixture",
			Image: &article.Image{Src: "/web/icons/icon-512.png", Alt: fmt.Sprintf("Synthetic picture %d", i), Width: 512, Height: 512}}
	}
	ds := printThemeDataset()
	ds.Articles[0].Figures = []article.Figure{photo(1), photo(2), photo(3), photo(4)}
	h := privateHost(t, "-data", writeDataset(t, "print-photos.json", ds))
	tb := newTab(t, 800, 900)
	tb.emulateMedia("print")
	tb.mustLoad(h.URL+dlpage.ArticlePath("print-first"), http.StatusOK)
	tb.waitLive()
	tb.waitFor("the photos", `[...document.querySelectorAll(".figure-image")].every((i) => i.complete && i.naturalWidth > 0)`, 10*time.Second)
	cm := 96 / 2.54 // CSS pixels
	heights := eval[[]float64](tb, `[...document.querySelectorAll(".figure-image")].map((i) => i.getBoundingClientRect().height)`)
	if len(heights) != 4 {
		t.Fatalf("%d photos drawn, want 4", len(heights))
	}
	for i, h := range heights {
		limit := 5.0
		if i == 0 {
			limit = 9
		}
		if h <= 0 || h > limit*cm+0.5 {
			t.Errorf("on paper photo %d is %.1f cm tall, want at most %.0f cm", i+1, h/cm, limit)
		}
	}
}

// TestPrintListSaysWhere prints the home page, a section's list and a
// tag's whose name is in Arabic script: the header, which names the site,
// is not printed, so the paper says where and when it comes from in the
// print note, as an article's does, with the address in its letters.
func TestPrintListSaysWhere(t *testing.T) {
	t.Parallel()
	h := printHost(t)
	for _, path := range []string{"/", dlpage.SectionRef("synthetic-section", 1).Path(), "/tags/مطبوع"} {
		t.Run(strings.Trim(path, "/"), func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, 800, 900)
			tb.emulateMedia("print")
			tb.mustLoad(h.URL+path, http.StatusOK)
			tb.waitLive()
			eval[chromedp.Void](tb, `window.dispatchEvent(new Event("beforeprint"))`)
			got := eval[string](tb, `(() => {
  const n = document.querySelectorAll("main .print-note");
  if (n.length !== 1) return "print notes: " + n.length;
  return getComputedStyle(n[0]).display + " " + n[0].textContent;
})()`)
			if !strings.HasPrefix(got, "block From "+h.URL+path+", printed ") || !strings.Contains(got, time.Now().Format("2006")) {
				t.Errorf("the printed list's note: %q, want it shown, with the page's address %s and today's date", got, h.URL+path)
			}
		})
	}
}

// TestPrintInEdition prints an article of an Arabic edition that gives
// its month names but not the date's pattern (English's "{day} {month}
// {year}" suits it): the print note's date is in the edition's language
// and direction, as the byline's dates are. It was marked as English, so
// set left to right, and read year first. A related page elsewhere has
// its address printed apart from its title, on the title's side (the
// space before it was inside the address's left-to-right run, on its far
// side, and the address touched the title).
func TestPrintInEdition(t *testing.T) {
	t.Parallel()
	ds := editionDataset("ar", "زاقن", "مستدرة")
	delete(ds.Site.Labels, string(i18n.DatePattern))
	ds.Articles[0].Related = append(ds.Articles[0].Related, article.Link{Title: "مستدرة صفحة في مكان آخر", URL: "https://example.com/synthetic/5"})
	h := privateHost(t, "-data", writeDataset(t, "print-ar.json", ds))
	tb := newTab(t, 800, 900)
	tb.emulateMedia("print")
	tb.mustLoad(h.URL+"/articles/edition-local", http.StatusOK)
	tb.waitLive()
	eval[chromedp.Void](tb, `window.dispatchEvent(new Event("beforeprint"))`)
	now := time.Now()
	want := fmt.Sprintf("%s زاقن %d %s", i18n.ArabicDigits.Number(now.Day()), int(now.Month()), i18n.ArabicDigits.Number(now.Year()))
	type note struct {
		Text    string
		English int
	}
	got := eval[note](tb, `(() => {
  const n = document.querySelector("main .print-note");
  return {text: n.textContent, english: n.querySelectorAll("[lang=en]").length};
})()`)
	if !strings.Contains(got.Text, want) || got.English != 0 {
		t.Errorf("the print note %q holds %d pieces marked English; want the date %q in the edition's language", got.Text, got.English, want)
	}
	type address struct {
		Content, Dir, Display string
		Left, Right           float64
	}
	addr := eval[address](tb, `(() => {
  const a = document.querySelector(".related a.external"), s = getComputedStyle(a, "::after");
  return {content: s.content, dir: getComputedStyle(a).direction, display: s.display, left: parseFloat(s.marginLeft), right: parseFloat(s.marginRight)};
})()`)
	if !strings.HasPrefix(addr.Content, `"<`) || addr.Dir != "rtl" || addr.Display != "inline-block" || addr.Right <= 0 || addr.Left != 0 {
		t.Errorf("printed, the page elsewhere in a right-to-left list: its address %s (%s), margins %.1f px left and %.1f px right (link %s); want it one box, apart on its right, the title's side",
			addr.Content, addr.Display, addr.Left, addr.Right, addr.Dir)
	}
}

// TestPrintAddressInOrder prints a section's list of a Sorani edition,
// whose address ends in the section's name in Arabic script: the print
// note's address reads as an address, left to right, its scheme first
// and the section's name last, in the edition's right-to-left sentence.
// It was text of the sentence, not set apart: the address's Latin part
// ran left to right, and the name after its last "/" went to its left,
// before "https" ("<name>/https://…/sections").
func TestPrintAddressInOrder(t *testing.T) {
	t.Parallel()
	ed := editions[0]
	ds := editionDataset(ed.lang, ed.mark, ed.word)
	ds.Site.Labels[string(i18n.PrintedFrom)] = ed.mark + " {url}، " + ed.mark + " {date}"
	section := ed.word + " " + ed.word
	for i := range ds.Articles {
		ds.Articles[i].Section = section
	}
	h := privateHost(t, "-data", writeDataset(t, "print-ckb.json", ds))
	tb := newTab(t, 412, 900)
	tb.do("setting the viewport", viewport(412, 900))
	path := dlpage.SectionRef(article.NameSlug(section), 1).Path()
	tb.mustLoad(h.URL+path, http.StatusOK)
	tb.waitLive()
	tb.emulateMedia("print")
	eval[chromedp.Void](tb, `window.dispatchEvent(new Event("beforeprint"))`)
	got := eval[partsAt](tb, partsAtJS+`("main .print-note", ["http", "sections", `+jsString(ed.word)+`])`)
	if !got.inOrder() {
		t.Errorf("the print note of %s: %v; want the address laid out left to right, http, sections, then %q", path, got, ed.word)
	}
}

// TestPrintSaved prints the saved articles' page with two saved: what
// prints is the list, headlines black on white, and the note that says
// where and when it is from, as a list of the site's does; no control
// (each entry's Remove button printed as a box with a word that does
// nothing on paper), and no empty room (the page's box, a window tall on
// screen for the scrollbar's sake, was a page tall on paper).
func TestPrintSaved(t *testing.T) {
	t.Parallel()
	h := printHost(t)
	tb := newTab(t, 800, 900)
	tb.openSaved(h.URL, "print-first", "print-second")
	tb.waitFor("the saved list", `document.querySelectorAll(".saved-list a").length === 2`, 10*time.Second)
	tb.emulateMedia("print")
	eval[chromedp.Void](tb, `window.dispatchEvent(new Event("beforeprint"))`)
	type printed struct {
		Controls, Headlines []string
		Note                string
		Room                float64
	}
	got := eval[printed](tb, `(() => {
  const drawn = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility === "visible"; };
  const controls = [...document.querySelectorAll("button, input, select, textarea, [role=button]")].filter(drawn)
    .map((el) => el.tagName.toLowerCase() + "." + el.className + " " + JSON.stringify(el.textContent.trim()));
  const headlines = [...document.querySelectorAll(".saved-list a")].filter(drawn).map((a) => a.textContent);
  const note = document.querySelector("main .print-note");
  // The room below the page's last drawn element, inside its box.
  const page = document.querySelector(".saved-page");
  const last = Math.max(...[...page.querySelectorAll("*")].filter(drawn).map((el) => el.getBoundingClientRect().bottom));
  return {controls, headlines, note: note && drawn(note) ? note.textContent : "", room: page.getBoundingClientRect().bottom - last};
})()`)
	if len(got.Controls) > 0 {
		t.Errorf("controls printed: %q", got.Controls)
	}
	if want := []string{"Print test: the next synthetic story", "Print test: a synthetic story to print"}; strings.Join(got.Headlines, "\n") != strings.Join(want, "\n") {
		t.Errorf("headlines printed: %q, want %q", got.Headlines, want)
	}
	if !strings.HasPrefix(got.Note, "From "+h.URL+dlpage.SavedPath+", printed ") {
		t.Errorf("the print note: %q, want it printed, with the page's address", got.Note)
	}
	if got.Room > 32 {
		t.Errorf("%.0f px of empty room printed below the list", got.Room)
	}
	page := eval[printedPage](tb, printedJS)
	for _, x := range page.Texts {
		if x.Contrast < 4.5 {
			t.Errorf("%s printed %s, contrast %.2f:1, want 4.5 or more", x.What, x.Color, x.Contrast)
		}
	}
	if shots := os.Getenv("DATELINE_SCREENSHOTS"); shots != "" {
		saveShot(t, tb, shots, "print-saved.png")
	}
	tb.checkConsole(nil)
}
