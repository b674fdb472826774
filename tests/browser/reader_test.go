//go:build !(js && wasm)

package browser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"dateline/app/article"
	dlpage "dateline/app/page"
)

// The reader's side of an article (issue 15): reading settings, progress,
// resume, saved articles, share, listen, print, shortcuts, the status line
// and data saver, as web/reader.js does them in Chromium.

const (
	slugLong  = "reader-long"
	headLong  = "Reader test: a long synthetic story to read, save and listen to"
	slugShort = "reader-short"
	headShort = "Reader test: a short synthetic story"
)

// readerDataset is two plainly synthetic articles: a long one (30
// paragraphs) and a short one, in one section.
func readerDataset() *article.Dataset {
	var long []article.Block
	for i := range 30 {
		long = append(long, article.Block{Type: article.Paragraph, Text: fmt.Sprintf(
			"Paragraph %d of the long synthetic reader story. %s", i+1,
			strings.Repeat("This filler sentence is invented test copy that makes the story long enough to scroll and to read aloud. ", 3))})
	}
	return &article.Dataset{
		Site: &article.Site{Name: "Synthetic Reader", Description: "Plainly synthetic pages for the reader's tests."},
		Articles: []article.Article{
			{
				Slug: slugLong, Headline: headLong, Section: "Synthetic Section", Published: "2024-05-02T09:00:00Z",
				Dateline: &article.Dateline{Place: "TESTVILLE", Source: "Synthetic Wire"},
				Figures:  []article.Figure{{Caption: "A synthetic caption of a photo that is not in the collection.", Credit: "Photo: test fixture"}},
				Body:     long,
			},
			{
				Slug: slugShort, Headline: headShort, Section: "Synthetic Section", Published: "2024-05-01T09:00:00Z",
				Body: []article.Block{
					{Type: article.Paragraph, Text: "The first paragraph of the short synthetic story."},
					{Type: article.Paragraph, Text: "The second and last paragraph of the short synthetic story."},
				},
				Related: []article.Link{{Title: "A synthetic page elsewhere", URL: "https://example.org/synthetic/elsewhere"}},
			},
		},
	}
}

func readerHost(t testing.TB) *host {
	t.Helper()
	return datasetHost(t, "reader", readerDataset)
}

// addScript runs a script in every document the tab opens, before the
// page's own.
func (tb *tab) addScript(src string) {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
		tb.t.Fatalf("adding a script: %v", err)
	}
}

// click clicks the element sel matches.
func (tb *tab) click(what, sel string) {
	tb.t.Helper()
	tb.do(what, chromedp.Click(chromedp.CSS(sel)))
}

// keys types keys as a keyboard would, to whatever has focus.
func (tb *tab) keys(what, keys string) {
	tb.t.Helper()
	tb.do(what, chromedp.KeyEvent(keys))
}

// emulateMedia sets the media type and features CSS sees.
func (tb *tab) emulateMedia(media string, features ...*emulation.MediaFeature) {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media, Features: features}); err != nil {
		tb.t.Fatalf("emulating media %q: %v", media, err)
	}
}

// styleProbe records the page's styles in the first frame after
// DOMContentLoaded (the loader sets the reader's settings before the body
// is parsed, so a frame drawn earlier, of a page still loading, has the
// same), and the layout shifts of the page's life: their sum
// (window.__shifts) and, for each, what moved from where to where
// (window.__shiftsOf, x,y width×height).
const styleProbe = `(() => {
  window.__shifts = 0;
  window.__shiftsOf = [];
  const name = (n) => !n ? "(removed)" : n.nodeType !== 1 ? "text in " + name(n.parentElement) :
    n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") +
    (typeof n.className === "string" && n.className ? "." + n.className.trim().split(/\s+/).join(".") : "");
  const box = (r) => Math.round(r.x) + "," + Math.round(r.y) + " " + Math.round(r.width) + "×" + Math.round(r.height);
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__shifts += e.value;
      window.__shiftsOf.push(e.value.toFixed(4) + " at " + Math.round(e.startTime) + " ms: " +
        e.sources.map((s) => name(s.node) + " from " + box(s.previousRect) + " to " + box(s.currentRect)).join(", "));
    }
  }).observe({type: "layout-shift", buffered: true});
  document.addEventListener("DOMContentLoaded", () => requestAnimationFrame(() => {
    const b = getComputedStyle(document.body), h1 = document.querySelector("h1");
    window.__firstStyle = {
      background: b.backgroundColor, color: b.color, font: b.fontFamily,
      rootSize: getComputedStyle(document.documentElement).fontSize,
      measure: getComputedStyle(document.documentElement).getPropertyValue("--measure").trim(),
      theme: document.documentElement.getAttribute("data-theme") || "",
      h1Top: h1 ? h1.getBoundingClientRect().top : -1,
    };
  }), {once: true});
})();`

type firstStyle struct {
	Background, Color, Font, RootSize, Measure, Theme string
	H1Top                                             float64
}

// TestReadingSettings changes every reading setting from the panel, then
// reloads: the first frame already has them, nothing shifts, and the
// browser's toolbar takes the theme's colour. Reset brings the defaults
// back, and the automatic theme follows the system's.
func TestReadingSettings(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 412, 900)
	tb.do("setting the viewport", viewport(412, 900))
	tb.addScript(styleProbe)
	url := h.URL + dlpage.ArticlePath(slugLong)
	tb.mustLoad(url, http.StatusOK)
	tb.waitLive()
	before := eval[firstStyle](tb, `window.__firstStyle`)
	if before.Background != "rgb(251, 250, 247)" || before.RootSize != "16px" {
		t.Errorf("default first frame %+v, want the light paper at 16px", before)
	}

	tb.click("opening Reading settings", ".tool-settings")
	tb.waitFor("the settings panel", `document.getElementById("reader-settings").open`, 5*time.Second)
	if name := eval[string](tb, `document.querySelector(".tool-settings").innerText + "|" + document.querySelector(".tool-settings .tool-label").textContent`); !strings.HasSuffix(name, "|Reading settings") {
		t.Errorf("the settings button is not labelled Reading settings: %q", name)
	}
	tb.click("choosing the dark theme", `label[for="setting-theme-dark"]`)
	tb.click("choosing a narrow line", `label[for="setting-width-narrow"]`)
	tb.click("choosing loose lines", `label[for="setting-leading-loose"]`)
	tb.click("choosing sans serif", `label[for="setting-font-sans"]`)
	tb.do("focusing the text size", chromedp.Focus(chromedp.ID("setting-size")))
	tb.keys("making the text larger", kb.ArrowRight+kb.ArrowRight+kb.ArrowRight)
	want := storedMark + `{"size":5,"width":"narrow","leading":"loose","theme":"dark","font":"sans","keys":true,"saver":false}`
	if got := eval[string](tb, `localStorage.getItem("dateline:settings")`); got != want {
		t.Errorf("settings kept as %s, want %s", got, want)
	}
	if got := eval[string](tb, `document.getElementById("setting-size").getAttribute("aria-valuetext")`); got != "150%" {
		t.Errorf("the text size says %q, want 150%%", got)
	}
	// The reader was at the headline: the text reflowed below it, and the
	// page did not move to the first paragraph.
	if y := eval[float64](tb, `window.scrollY`); y != 0 {
		t.Errorf("changing the settings at the top of the article scrolled the page to %v", y)
	}
	tb.keys("closing the panel", kb.Escape)
	tb.waitFor("the panel to close", `!document.getElementById("reader-settings").open`, 5*time.Second)
	if f := eval[string](tb, `document.activeElement.className`); !strings.Contains(f, "tool-settings") {
		t.Errorf("closing the panel left focus on %q, not its button", f)
	}

	for _, p := range []struct {
		path   string
		status int64
	}{{dlpage.ArticlePath(slugLong), http.StatusOK}, {"/", http.StatusOK}, {dlpage.SavedPath, http.StatusOK}, {"/no/such/page", http.StatusNotFound}} {
		tb.mustLoad(h.URL+p.path, p.status)
		tb.waitLive()
		got := eval[firstStyle](tb, `window.__firstStyle`)
		if got.Background != "rgb(23, 21, 19)" || got.Color != "rgb(236, 232, 226)" || got.RootSize != "24px" ||
			!strings.HasPrefix(got.Font, "system-ui") || got.Measure != "32rem" || got.Theme != "dark" {
			t.Errorf("%s: the first frame is %+v, want dark, 24px, sans, narrow", p.path, got)
		}
		time.Sleep(300 * time.Millisecond)
		if s := eval[float64](tb, `window.__shifts`); s != 0 {
			t.Errorf("%s: layout shift %v, want 0: %q", p.path, s, eval[[]string](tb, `window.__shiftsOf`))
		}
		if c := eval[[]string](tb, `Array.from(document.querySelectorAll('meta[name="theme-color"]'), (m) => m.content)`); strings.Join(c, " ") != "#171513 #171513" {
			t.Errorf("%s: toolbar colours %q, want the dark paper", p.path, c)
		}
	}

	tb.click("opening Reading settings", ".tool-settings")
	tb.click("resetting", ".settings-reset")
	if got := eval[string](tb, `Array.from(document.documentElement.attributes, (a) => a.name).filter((n) => /^data-(size|width|leading|theme|font)$/.test(n)).join(" ")`); got != "" {
		t.Errorf("after Reset the page keeps %q", got)
	}
	tb.keys("closing the panel", kb.Escape)
	for _, scheme := range []struct{ name, paper string }{{"dark", "rgb(23, 21, 19)"}, {"light", "rgb(251, 250, 247)"}} {
		tb.emulateMedia("", &emulation.MediaFeature{Name: "prefers-color-scheme", Value: scheme.name})
		if bg := eval[string](tb, `getComputedStyle(document.body).backgroundColor`); bg != scheme.paper {
			t.Errorf("automatic theme, system %s: paper %s, want %s", scheme.name, bg, scheme.paper)
		}
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return m.Source == "network" && strings.Contains(m.Text, "404")
	})
}

// TestToolbarThemeFirstFrame loads pages with a theme chosen other than
// the system's, the app running and with data saver on (reader.js alone,
// each page a new document): in the first frame the browser's toolbar
// already takes the theme's paper, as the page does. It took the system
// theme's until reader.js ran, after that frame: a light toolbar over a
// dark page, then dark, at each page a document opened.
func TestToolbarThemeFirstFrame(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	for _, c := range []struct {
		theme, system, paper string
		saver                bool
	}{
		{"dark", "light", "#171513", false},
		{"sepia", "dark", "#f4ecd8", true},
		{"light", "dark", "#fbfaf7", true},
	} {
		t.Run(c.theme, func(t *testing.T) {
			tb := newTab(t, 412, 800)
			tb.emulateMedia("", &emulation.MediaFeature{Name: "prefers-color-scheme", Value: c.system})
			tb.addScript(`document.addEventListener("DOMContentLoaded", () => requestAnimationFrame(() => {
  window.__firstToolbar = Array.from(document.querySelectorAll('meta[name="theme-color"]'), (m) => m.content).join(" ");
  window.__firstPaper = getComputedStyle(document.documentElement).getPropertyValue("--paper").trim();
}), {once: true});`)
			tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
			eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", "`+storedMark+`" + JSON.stringify({theme: `+jsString(c.theme)+`, saver: `+strconv.FormatBool(c.saver)+`}))`)
			for _, path := range []string{dlpage.ArticlePath(slugLong), "/"} {
				tb.mustLoad(h.URL+path, http.StatusOK)
				tb.waitReader()
				tb.waitFor("the first frame", `window.__firstToolbar !== undefined`, 5*time.Second)
				if got, want := eval[string](tb, `window.__firstToolbar`), c.paper+" "+c.paper; got != want {
					t.Errorf("%s: the toolbar's colours in the first frame are %q, want the %s paper, %q", path, got, c.theme, want)
				}
				// The same colour as the style sheet's paper, in the first
				// frame (loader.js's table) and once reader.js has run (its
				// PAPER): the three say it each, and must agree.
				if got := eval[string](tb, `window.__firstPaper + " " + getComputedStyle(document.documentElement).getPropertyValue("--paper").trim() + " " + document.querySelector('meta[name="theme-color"]').content`); got != c.paper+" "+c.paper+" "+c.paper {
					t.Errorf("%s: the style sheet's paper in the first frame, then now, and the toolbar's now: %q, want %s", path, got, c.paper)
				}
			}
			// Automatic again: each system theme its own paper.
			tb.click("opening Reading settings", ".tool-settings")
			tb.click("choosing the automatic theme", `label[for="setting-theme-auto"]`)
			if got := eval[string](tb, `Array.from(document.querySelectorAll('meta[name="theme-color"]'), (m) => m.content + " " + m.media).join(", ")`); got != "#fbfaf7 (prefers-color-scheme: light), #171513 (prefers-color-scheme: dark)" {
				t.Errorf("the automatic theme chosen again: the toolbar's colours are %q", got)
			}
			tb.checkConsole(func(m chromedp.ConsoleMessage) bool { return strings.HasSuffix(m.URL, "/favicon.ico") }) // robots.txt's
		})
	}
}

// TestBackForwardCacheTakesSettings reads with data saver on, where each
// page is a document of its own, which the browser keeps in its
// back/forward cache: from the home page to the long article, read into,
// there the dark theme and a larger text chosen, then Back. The home page
// the browser restores has the reader's settings from its first frame,
// the toolbar's colour included, and Continue reading offers the article
// just left. It was shown as it was left, light, at the old size and
// without the article, until a reload.
func TestBackForwardCacheTakesSettings(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 412, 800)
	tb.do("setting the viewport", viewport(412, 800))
	// The page as its first frame after the restore draws it.
	tb.addScript(`window.addEventListener("pageshow", (e) => {
  window.__restored = e.persisted;
  if (e.persisted) requestAnimationFrame(() => {
    window.__restoredFrame = (document.documentElement.getAttribute("data-theme") || "") + " " + (document.documentElement.getAttribute("data-size") || "");
  });
});`)
	tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
	eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", "`+storedMark+`" + JSON.stringify({saver: true}))`)
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitReader()
	if !eval[bool](tb, `document.querySelector(".continue").hidden`) {
		t.Fatal("Continue reading is shown before any article was read")
	}
	if _, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(`main a[href="/articles/`+slugLong+`"]`)))); err != nil {
		t.Fatalf("following a link: %v", err)
	}
	tb.waitH1(headLong)
	tb.waitReader()
	eval[chromedp.Void](tb, `(() => {
	  const p = document.querySelectorAll("article.story .story-body > p")[12];
	  window.scrollTo(0, scrollY + p.getBoundingClientRect().top);
	})()`)
	tb.waitFor("the place to be kept", `(((`+storedJS("dateline:places")+` || {})[location.pathname]) || {}).i === 12`, 5*time.Second)
	tb.keys("opening Reading settings", "t")
	tb.waitFor("the settings panel", `document.getElementById("reader-settings").open`, 5*time.Second)
	tb.click("choosing the dark theme", `label[for="setting-theme-dark"]`)
	tb.do("focusing the text size", chromedp.Focus(chromedp.ID("setting-size")))
	tb.keys("making the text larger", kb.ArrowRight+kb.ArrowRight)
	tb.keys("closing the panel", kb.Escape)
	tb.waitFor("the panel's entry to be left", `!document.getElementById("reader-settings").open && !(history.state && history.state.datelineDialog)`, 5*time.Second)

	tb.goBack("going back to the home page")
	// Read with single evaluations: chromedp's poll loses the restored
	// document's context.
	for i := 0; i < 50 && !eval[bool](tb, `location.pathname === "/" && window.__restoredFrame !== undefined`); i++ {
		time.Sleep(100 * time.Millisecond)
	}
	if !eval[bool](tb, `window.__restored === true`) {
		t.Fatal("the home page was not restored from the back/forward cache: the test tests nothing")
	}
	type restored struct {
		Frame, Background, Toolbar string
		Continue                   string
	}
	got := eval[restored](tb, `({frame: window.__restoredFrame, background: getComputedStyle(document.body).backgroundColor,
  toolbar: Array.from(document.querySelectorAll('meta[name="theme-color"]'), (m) => m.content).join(" "),
  continue: document.querySelector(".continue").hidden ? "" : document.querySelector(".continue-list").innerText})`)
	if got.Frame != "dark 4" || got.Background != "rgb(23, 21, 19)" || got.Toolbar != "#171513 #171513" {
		t.Errorf("the home page restored: theme and size %q in its first frame, paper %s, toolbar %q; want the settings chosen since (dark 4)", got.Frame, got.Background, got.Toolbar)
	}
	if !strings.Contains(got.Continue, headLong) {
		t.Errorf("the home page restored: Continue reading lists %q, want the article just left", got.Continue)
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool { return strings.HasSuffix(m.URL, "/favicon.ico") }) // robots.txt's
}

// paragraphAtTopJS is the index of the first paragraph of the article's
// body not scrolled past, and how much of it is, as reader.js counts.
const paragraphAtTopJS = `(() => {
  const ps = Array.from(document.querySelectorAll("article.story .story-body > p"));
  for (let i = 0; i < ps.length; i++) {
    const r = ps[i].getBoundingClientRect();
    if (r.bottom > 8) return {i, f: (8 - r.top) / r.height};
  }
  return {i: -1, f: 0};
})()`

type place struct {
	I int
	F float64
}

// progressJS is the scale the reading progress bar is drawn at.
const progressJS = `(() => {
  const t = getComputedStyle(document.querySelector("article.story .reading-progress")).transform;
  const m = /matrix\(([^,]+),/.exec(t);
  return m ? Number(m[1]) : (t === "none" ? 1 : -1);
})()`

// TestProgressAndResume reads into the long article: the progress bar
// follows the body; a change of text size keeps the paragraph on screen;
// the home page offers to continue it; opening it again, in the app or
// afresh, returns to the same paragraph; finished, it leaves the list.
func TestProgressAndResume(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 412, 800)
	tb.do("setting the viewport", viewport(412, 800))
	url := h.URL + dlpage.ArticlePath(slugLong)
	tb.mustLoad(url, http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	start := eval[float64](tb, progressJS)
	if start < 0 || start > 0.2 {
		t.Errorf("progress at the top is %v, want under 0.2", start)
	}
	eval[chromedp.Void](tb, `(() => {
	  const p = document.querySelectorAll("article.story .story-body > p")[12];
	  window.scrollTo(0, scrollY + p.getBoundingClientRect().top - 8 + p.getBoundingClientRect().height / 2);
	})()`)
	tb.waitFor("the place to be kept", `(((`+storedJS("dateline:places")+` || {})[location.pathname]) || {}).i === 12`, 5*time.Second)
	mid := eval[float64](tb, progressJS)
	if mid <= start || mid >= 0.8 {
		t.Errorf("progress at paragraph 13 of 30 is %v, want between %v and 0.8", mid, start)
	}

	// From the keyboard (t): a tap on the header's button scrolls the page
	// to the header, which is then the reader's place.
	tb.keys("opening Reading settings", "t")
	tb.waitFor("the settings panel", `document.getElementById("reader-settings").open`, 5*time.Second)
	tb.do("focusing the text size", chromedp.Focus(chromedp.ID("setting-size")))
	tb.keys("making the text larger", kb.ArrowRight+kb.ArrowRight)
	tb.keys("closing the panel", kb.Escape)
	if p := eval[place](tb, paragraphAtTopJS); p.I != 12 || math.Abs(p.F-0.5) > 0.1 {
		t.Errorf("after a larger text size the window shows paragraph %d at %.2f, want 12 at 0.5", p.I, p.F)
	}
	time.Sleep(500 * time.Millisecond) // the place is kept 300 ms after scrolling stops

	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitFor("the Continue reading list", `!document.querySelector(".continue").hidden`, 5*time.Second)
	items := eval[string](tb, `document.querySelector(".continue-list").innerText`)
	if !strings.Contains(items, headLong) || !strings.Contains(items, "% read") || strings.Contains(items, headShort) {
		t.Errorf("Continue reading lists %q, want the long story only, with how much is read", items)
	}
	eval[chromedp.Void](tb, `window.__marker = 7`)
	tb.click("continuing", ".continue-list a")
	tb.waitH1(headLong)
	tb.waitFor("the place to be restored", `(`+paragraphAtTopJS+`).i === 12`, 5*time.Second)
	if p := eval[place](tb, paragraphAtTopJS); math.Abs(p.F-0.5) > 0.15 {
		t.Errorf("in the app, the article opens at paragraph 12 at %.2f, want 0.5", p.F)
	}
	if m := eval[int](tb, `window.__marker || 0`); m != 7 {
		t.Logf("the continue link loaded a new document") // either way the place must be restored
	}

	tb.mustLoad(url, http.StatusOK)
	tb.waitLive()
	tb.waitFor("the place to be restored on a new visit", `(`+paragraphAtTopJS+`).i === 12`, 5*time.Second)

	eval[chromedp.Void](tb, `window.scrollTo(0, document.documentElement.scrollHeight)`)
	tb.waitFor("the bar to be full", progressJS+` > 0.999`, 5*time.Second)
	tb.waitFor("the article to be finished", `(((`+storedJS("dateline:places")+` || {})[location.pathname]) || {}).done === true`, 5*time.Second)
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	time.Sleep(300 * time.Millisecond)
	if !eval[bool](tb, `document.querySelector(".continue").hidden`) {
		t.Errorf("a finished article is still offered: %q", eval[string](tb, `document.querySelector(".continue").innerText`))
	}
	tb.checkConsole(nil)
}

// shareStub replaces navigator.share and the clipboard, as the test asks:
// "share" (the API, recording its call), "copy" (no API, the clipboard
// works), "refuse" (no API, the clipboard refuses), "sheet-refuses" (the
// API refuses, NotAllowedError, as a permissions policy makes it; the
// clipboard works) or "sheet-cancelled" (the reader closes the sheet:
// AbortError).
func shareStub(mode string) string {
	return `(() => {
  const mode = ` + jsString(mode) + `;
  window.__shared = null; window.__copied = null;
  const refusal = {"sheet-refuses": "NotAllowedError", "sheet-cancelled": "AbortError"}[mode];
  Object.defineProperty(Navigator.prototype, "share", {configurable: true,
    value: mode === "share" || mode === "canonical" ? function (d) { window.__shared = d; return Promise.resolve(); } :
      refusal ? function (d) { window.__shared = d; return Promise.reject(new DOMException("synthetic", refusal)); } : undefined});
  Object.defineProperty(Navigator.prototype, "clipboard", {configurable: true, get: () => ({
    writeText: (s) => mode === "refuse" ? Promise.reject(new Error("synthetic refusal")) : (window.__copied = s, Promise.resolve()),
  })});
})();`
}

// TestShare shares with navigator.share where the browser has it, and
// otherwise copies the link with a visible confirmation, or shows the
// link selected to copy (left to right, in any edition): never an error,
// and the message goes by itself (the link's, once the reader has left
// it). A share sheet that refuses is as no sheet; the reader's closing
// it says nothing.
func TestShare(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	url := h.URL + dlpage.ArticlePath(slugShort)
	for _, mode := range []string{"share", "copy", "refuse", "canonical", "sheet-refuses", "sheet-cancelled"} {
		t.Run(mode, func(t *testing.T) {
			tb := newTab(t, 412, 800)
			tb.addScript(shareStub(mode))
			// What the reader came by is not passed on.
			tb.mustLoad(url+"?utm_source=synthetic#top", http.StatusOK)
			tb.waitLive()
			want := url
			if mode == "canonical" {
				// The site's public address, when the dataset gives it.
				want = "https://news.example.org/articles/" + slugShort
				eval[chromedp.Void](tb, `document.head.insertAdjacentHTML("beforeend", '<link rel="canonical" href="`+want+`">')`)
			}
			tb.click("sharing", ".tool-share")
			switch mode {
			case "share", "canonical":
				tb.waitFor("navigator.share", `!!window.__shared`, 5*time.Second)
				got := eval[map[string]string](tb, `window.__shared`)
				if got["url"] != want || got["title"] != headShort || got["text"] != "" {
					t.Errorf("shared %v, want the title once and %s", got, want)
				}
				if n := eval[int](tb, `document.querySelectorAll(".toast").length`); n != 0 {
					t.Errorf("sharing showed %d messages", n)
				}
			case "sheet-cancelled":
				tb.waitFor("navigator.share", `!!window.__shared`, 5*time.Second)
				time.Sleep(300 * time.Millisecond) // for a message, had one come
				if got := eval[string](tb, `document.querySelector(".toasts").innerText + (window.__copied || "")`); got != "" {
					t.Errorf("a share the reader cancelled said or copied %q", got)
				}
			case "copy", "sheet-refuses":
				if mode == "sheet-refuses" {
					tb.waitFor("navigator.share", `!!window.__shared`, 5*time.Second) // the sheet was asked first
				}
				tb.waitFor("the confirmation", `document.querySelector(".toasts").innerText.includes("Link copied")`, 5*time.Second)
				if got := eval[string](tb, `window.__copied`); got != want {
					t.Errorf("copied %q, want %q", got, want)
				}
			case "refuse":
				tb.waitFor("the link to copy", `!!document.querySelector(".toast-input")`, 5*time.Second)
				got := eval[map[string]any](tb, `(() => { const i = document.querySelector(".toast-input");
				  return {value: i.value, focused: document.activeElement === i, selected: i.selectionEnd - i.selectionStart, dir: i.getAttribute("dir")}; })()`) // ltr in any edition
				if got["value"] != want || got["focused"] != true || got["selected"] != float64(len(want)) || got["dir"] != "ltr" {
					t.Errorf("the fallback shows %v, want %s focused and selected, left to right", got, want)
				}
				// It stays while focus is in it (TestShareLinkStaysWhileUsed).
				eval[chromedp.Void](tb, `document.activeElement.blur()`)
			}
			if mode == "copy" || mode == "refuse" || mode == "sheet-refuses" {
				tb.waitFor("the message to go by itself", `document.querySelectorAll(".toast").length === 0`, 12*time.Second)
			}
			tb.checkConsole(nil)
		})
	}
}

// TestShareMessageStaysOnItsPage shares an article, then leaves it for
// another before Share's message has gone: by a link, or back in the
// history. The message is the page's (the link copied, or given to copy):
// it goes with it, and one whose answer comes after the reader has left
// (the clipboard, late) is not shown on the next page. "Link copied" once
// stayed up on the next page for its 4 s, "Copy this link" for 10 s with
// the page before's address in its field, and a late answer put "Link
// copied" on the next page.
func TestShareMessageStaysOnItsPage(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	alpha, bravo := dlpage.ArticlePath(slugAlpha), dlpage.ArticlePath(slugBravo)
	// The clipboard takes 1.5 s to answer.
	const late = `Object.defineProperty(Navigator.prototype, "clipboard", {configurable: true, get: () => ({
  writeText: (s) => new Promise((done) => setTimeout(() => { window.__copied = s; done(); }, 1500)),
})});`
	for _, c := range []struct {
		name, stub, extra, shown string
		back                     bool
	}{
		{"copied, a link followed", "copy", "", "Link copied", false},
		{"link to copy, a link followed", "refuse", "", "Copy this link", false},
		{"copied late, a link followed", "copy", late, "", false},
		{"copied, back", "copy", "", "Link copied", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, 1280, 800)
			tb.addScript(shareStub(c.stub) + c.extra)
			from, to := alpha, bravo
			tb.mustLoad(h.URL+alpha, http.StatusOK)
			tb.waitLive()
			tb.waitReader()
			if c.back {
				tb.click("following Read More", `.story-body .read-more a[href="`+bravo+`"]`)
				tb.waitFor("bravo", `location.pathname === "`+bravo+`" && !!document.querySelector('.story[data-slug="`+slugBravo+`"]')`, 10*time.Second)
				from, to = bravo, alpha
			}
			tb.click("sharing", ".tool-share")
			if c.shown != "" {
				tb.waitFor("Share's message", `document.querySelector(".toasts").innerText.includes(`+jsString(c.shown)+`)`, 5*time.Second)
			}
			tb.leaveFor(to, c.back)
			for _, wait := range []time.Duration{0, 2 * time.Second} {
				time.Sleep(wait)
				if got := eval[string](tb, `[...document.querySelectorAll(".toast")].map((t) => t.innerText + " " + [...t.querySelectorAll("input")].map((i) => i.value).join(" ")).join(" | ")`); got != "" {
					t.Errorf("%s after leaving %s for %s: messages %q, want none", wait, from, to, got)
				}
			}
			if got := eval[string](tb, `window.__copied || ""`); c.stub == "copy" && got != h.URL+from {
				t.Errorf("copied %q, want %s: the reader asked for it", got, h.URL+from)
			}
			tb.checkConsole(nil)
		})
	}
}

// shareToastJS is the Share fallback's message and where focus is: in
// its link field, on Share, or another element (its tag).
const shareToastJS = `(() => {
  const a = document.activeElement;
  return {
    shown: !!document.querySelector(".toast-share .toast-input"),
    focus: !a ? "" : a.classList.contains("toast-input") ? "field" : a.classList.contains("tool-share") ? "share" : a.tagName.toLowerCase(),
  };
})()`

type shareToast struct {
	Shown bool
	Focus string
}

// TestShareLinkStaysWhileUsed works Share by keyboard where the clipboard
// refuses the link: focus goes to the message's "Copy this link" field.
// The message outlasts its 10 s while focus is in it, and while the
// pointer is on it once focus has left; it goes when the pointer leaves
// too. Escape in the field takes the message away and focus back to
// Share. Before, the message went after 10 s with focus in it, and focus
// fell to the page's body.
func TestShareLinkStaysWhileUsed(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 1280, 800)
	tb.addScript(shareStub("refuse"))
	tb.mustLoad(h.URL+dlpage.ArticlePath(slugShort), http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	expect := func(what string, want shareToast) {
		t.Helper()
		if got := eval[shareToast](tb, shareToastJS); got != want {
			t.Errorf("%s: the message and focus are %+v, want %+v", what, got, want)
		}
	}
	share := func() {
		t.Helper()
		eval[chromedp.Void](tb, `document.querySelector(".tool-share").focus()`)
		tb.keys("pressing Enter on Share", kb.Enter)
		tb.waitFor("the link to copy, focused", `!!document.activeElement && document.activeElement.classList.contains("toast-input")`, 5*time.Second)
	}

	share()
	time.Sleep(10500 * time.Millisecond)
	if got, want := eval[shareToast](tb, shareToastJS), (shareToast{Shown: true, Focus: "field"}); got != want {
		t.Fatalf("10.5 s later, focus in the field: the message and focus are %+v, want %+v", got, want)
	}

	// The pointer on the message holds it once focus has gone back.
	at := eval[box](tb, `(() => { const r = document.querySelector(".toast-share").getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; })()`)
	tb.do("pointing at the message", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, at.X+at.W/2, at.Y+at.H/2))
	eval[chromedp.Void](tb, `document.querySelector(".tool-share").focus({preventScroll: true})`)
	time.Sleep(500 * time.Millisecond)
	expect("the pointer on the message, focus on Share", shareToast{Shown: true, Focus: "share"})
	tb.do("moving the pointer away", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 5))
	tb.waitFor("the message to go", `!document.querySelector(".toast-share")`, 5*time.Second)
	expect("the pointer gone", shareToast{Shown: false, Focus: "share"})

	share()
	tb.keys("pressing Escape", kb.Escape)
	tb.waitFor("the message to go", `!document.querySelector(".toast-share")`, 5*time.Second)
	expect("Escape in the field", shareToast{Shown: false, Focus: "share"})
	tb.checkConsole(nil)
}

// speechStub is a speechSynthesis that speaks nothing, and keeps to the
// Web Speech API as Chromium does: speak() queues an utterance, which
// starts only while not paused and ends 150 ms later (window.__speechMs
// later, when a test sets it to read slowly); pause() holds the
// one being spoken and fires its pause event; cancel() empties the queue
// and leaves paused as it is; only resume() clears it. With
// window.__speechAndroid set, pause() and resume() are Chrome on
// Android's (content/browser/speech/tts_android.cc): pause() stops the
// utterance being spoken, with no event, which stays the one "speaking",
// and resume() does nothing. With window.__speechWord = n, each utterance
// says at its start that its (n+1)th word is being spoken (a boundary
// event). window.__speech.spoken lists each utterance as it begins,
// __speech.calls the other calls. Its voices have the languages langs.
func speechStub(langs ...string) string {
	l, _ := json.Marshal(langs)
	return `(() => {
  const langs = ` + string(l) + `;
  const log = window.__speech = {spoken: [], calls: []};
  let queue = [], current = null, paused = false, timer = 0;
  const finish = () => { const u = current; current = null; if (u.onend) u.onend({}); next(); };
  const next = () => {
    if (current || paused || !queue.length) return;
    current = queue.shift();
    log.spoken.push({text: current.text, lang: current.lang, voice: current.voice && current.voice.lang});
    timer = setTimeout(finish, window.__speechMs || 150);
    const word = window.__speechWord && current.text.split(" ").slice(0, window.__speechWord).join(" ").length + 1;
    if (word && word < current.text.length && current.onboundary) current.onboundary({name: "word", charIndex: word});
  };
  const stub = {
    getVoices: () => langs.map((lang) => ({lang, name: "Synthetic " + lang, default: false, localService: true, voiceURI: lang})),
    speak(u) { queue.push(u); next(); },
    pause() {
      log.calls.push("pause"); clearTimeout(timer);
      if (window.__speechAndroid) return;
      paused = true;
      if (current && current.onpause) current.onpause({});
    },
    resume() {
      log.calls.push("resume");
      if (window.__speechAndroid) return;
      paused = false; if (current) { timer = setTimeout(finish, window.__speechMs || 150); } else { next(); }
    },
    cancel() { log.calls.push("cancel"); clearTimeout(timer); queue = []; current = null; },
    addEventListener() {}, removeEventListener() {},
    get speaking() { return !!current; }, get paused() { return paused; }, get pending() { return queue.length > 0; },
  };
  Object.defineProperty(window, "speechSynthesis", {configurable: true, value: stub});
  // The browser's utterance takes only its own voices.
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ""; this.voice = null; this.onend = null; this.onpause = null; this.onboundary = null; } };
})();`
}

// TestListen reads the article aloud with a stubbed speechSynthesis: in
// its language, paragraph after paragraph with the one being read marked,
// pause and resume, skip, and stop on leaving the page. Without a voice
// for the language it says so; without speechSynthesis there is no Listen.
func TestListen(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	url := h.URL + dlpage.ArticlePath(slugLong)

	tb := newTab(t, 412, 800)
	tb.addScript(speechStub("fr-FR", "en-GB"))
	tb.mustLoad(url, http.StatusOK)
	tb.waitLive()
	tb.click("listening", ".tool-listen")
	tb.waitFor("three utterances", `__speech.spoken.length >= 3`, 10*time.Second)
	spoken := eval[[]map[string]string](tb, `__speech.spoken`)
	if spoken[0]["text"] != headLong || !strings.HasPrefix(spoken[1]["text"], "TESTVILLE (Synthetic Wire) – Paragraph 1 ") || !strings.HasPrefix(spoken[2]["text"], "Paragraph 2 ") {
		t.Errorf("spoke %q…, want the headline then the paragraphs in order", spoken[:3])
	}
	if spoken[0]["lang"] != "en" || spoken[0]["voice"] != "en-GB" {
		t.Errorf("utterance in %q with voice %q, want en with the English voice", spoken[0]["lang"], spoken[0]["voice"])
	}
	if !eval[bool](tb, `!document.querySelector(".player").hidden && document.querySelector(".tool-listen").getAttribute("aria-pressed") === "true"`) {
		t.Error("the player is not shown while listening")
	}
	tb.click("pausing", ".player-pause")
	n := eval[int](tb, `__speech.spoken.length`)
	marked := eval[string](tb, `(document.querySelector(".is-speaking") || {}).textContent || ""`)
	if !strings.Contains(marked, fmt.Sprintf("Paragraph %d ", n-1)) {
		t.Errorf("while utterance %d is read, the marked paragraph is %.30q", n, marked)
	}
	time.Sleep(400 * time.Millisecond)
	if got := eval[int](tb, `__speech.spoken.length`); got != n {
		t.Errorf("paused, it went on speaking: %d utterances, then %d", n, got)
	}
	if label := eval[string](tb, `document.querySelector(".player-pause").textContent`); label != "Resume" {
		t.Errorf("paused, the button says %q, want Resume", label)
	}
	tb.click("resuming", ".player-pause")
	tb.click("skipping", ".player-next")
	tb.waitFor("the next paragraph", fmt.Sprintf(`__speech.spoken.length >= %d`, n+2), 5*time.Second)
	if calls := eval[string](tb, `__speech.calls.join(" ")`); !strings.HasPrefix(calls, "pause resume cancel") {
		t.Errorf("calls %q, want pause, resume, then cancel to skip", calls)
	}
	tb.click("pausing", ".player-pause") // the smooth scroll to the paragraph ends
	tb.waitFor("the paragraph being read to be in view",
		`(() => { const r = document.querySelector(".is-speaking").getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`, 5*time.Second)
	tb.click("resuming", ".player-pause")
	eval[chromedp.Void](tb, `__speech.calls = []`)
	// The page scrolls as it reads: a click by coordinates could miss.
	eval[chromedp.Void](tb, `document.querySelector(".site-name").click()`)
	tb.waitH1("Latest articles")
	tb.waitFor("speech to stop", `__speech.calls.includes("cancel") && document.querySelector(".player").hidden`, 5*time.Second)
	if n := eval[int](tb, `document.querySelectorAll(".is-speaking").length`); n != 0 {
		t.Errorf("%d paragraphs still marked after leaving", n)
	}
	tb.checkConsole(nil)

	// No voice for the article's language.
	tb2 := newTab(t, 412, 800)
	tb2.addScript(speechStub("fr-FR"))
	tb2.mustLoad(url, http.StatusOK)
	tb2.waitLive()
	tb2.click("listening", ".tool-listen")
	tb2.waitFor("the message", `document.querySelector(".toasts").innerText.includes("no voice")`, 5*time.Second)
	if n := eval[int](tb2, `__speech.spoken.length`); n != 0 {
		t.Errorf("without a voice for English it spoke %d utterances", n)
	}

	// No speechSynthesis: no Listen.
	tb3 := newTab(t, 412, 800)
	tb3.addScript(`delete window.speechSynthesis; delete Window.prototype.speechSynthesis;`)
	tb3.mustLoad(url, http.StatusOK)
	tb3.waitLive()
	if shown := eval[string](tb3, `"speechSynthesis" in window ? "present" : getComputedStyle(document.querySelector(".tool-listen")).display`); shown != "none" {
		t.Errorf("without speechSynthesis, Listen is %q", shown)
	}
}

// TestListenAfterPause pauses the reading, then skips to the next
// paragraph, and pauses, stops and listens again: each time the
// paragraph marked is spoken. A browser's speech stays paused through a
// cancel() until resume() (speechStub keeps to that): the player said
// "Pause" over silence.
func TestListenAfterPause(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 412, 800)
	tb.addScript(speechStub("en-GB"))
	tb.mustLoad(h.URL+dlpage.ArticlePath(slugLong), http.StatusOK)
	tb.waitLive()
	speaking := func(what string) {
		t.Helper()
		tb.waitFor(what, `speechSynthesis.speaking && !speechSynthesis.paused &&
  __speech.spoken[__speech.spoken.length - 1].text === (document.querySelector(".is-speaking") || {}).textContent`, 5*time.Second)
		if label := eval[string](tb, `document.querySelector(".player-pause").textContent`); label != "Pause" {
			t.Errorf("%s: the button says %q, want Pause", what, label)
		}
	}
	tb.click("listening", ".tool-listen")
	speaking("the headline spoken")
	tb.click("pausing", ".player-pause")
	tb.click("skipping", ".player-next")
	speaking("the next paragraph spoken after a pause")
	tb.click("pausing", ".player-pause")
	eval[chromedp.Void](tb, `document.querySelector(".player-stop").click()`)
	tb.waitFor("the player to go", `document.querySelector(".player").hidden`, 5*time.Second)
	// The page scrolled as it read: a click by coordinates could miss.
	eval[chromedp.Void](tb, `document.querySelector(".tool-listen").click()`)
	speaking("the reading spoken again after a pause and a stop")
	tb.checkConsole(nil)
}

// TestListenResumeAndroid pauses and resumes the reading where pause()
// stops the utterance and resume() does nothing, as Chrome on Android's
// do: Resume reads the paragraph on from the word it had reached, and
// the player says Pause over speech. Before, Resume called resume() alone,
// and the player said "Pause" over silence until Next paragraph or Stop.
// Where the platform holds the utterance (its pause event), Resume is
// still its resume().
func TestListenResumeAndroid(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	for _, android := range []bool{true, false} {
		t.Run(fmt.Sprintf("android=%v", android), func(t *testing.T) {
			tb := newTab(t, 412, 800)
			tb.addScript(speechStub("en-GB"))
			tb.addScript(fmt.Sprintf(`window.__speechAndroid = %v; window.__speechWord = 2; window.__speechMs = 600000`, android))
			tb.mustLoad(h.URL+dlpage.ArticlePath(slugLong), http.StatusOK)
			tb.waitLive()
			tb.waitReader()
			eval[chromedp.Void](tb, `document.querySelector(".tool-listen").click()`)
			tb.waitFor("the headline spoken", `__speech.spoken.length === 1`, 5*time.Second)
			eval[chromedp.Void](tb, `document.querySelector(".player-next").click()`)
			tb.waitFor("the first paragraph spoken", `__speech.spoken.length === 2`, 5*time.Second)
			eval[chromedp.Void](tb, `document.querySelector(".player-pause").click()`)
			eval[chromedp.Void](tb, `document.querySelector(".player-pause").click()`)
			time.Sleep(300 * time.Millisecond)
			type state struct {
				Spoken   []string
				Calls    string
				Marked   string
				Speaking bool
				Label    string
			}
			got := eval[state](tb, `({spoken: __speech.spoken.map((s) => s.text), calls: __speech.calls.join(" "),
  marked: (document.querySelector(".is-speaking") || {}).textContent || "", speaking: speechSynthesis.speaking && !speechSynthesis.paused,
  label: document.querySelector(".player-pause").textContent})`)
			if got.Label != "Pause" || !got.Speaking {
				t.Errorf("resumed: the button says %q, speaking %v; want Pause, speaking", got.Label, got.Speaking)
			}
			first := got.Spoken[1]
			if !strings.HasPrefix(first, "TESTVILLE (Synthetic Wire) – Paragraph 1 ") || got.Marked != first {
				t.Fatalf("the first paragraph spoken %.40q, marked %.40q", first, got.Marked)
			}
			if !android {
				// The platform held the utterance: resumed, not spoken again.
				if len(got.Spoken) != 2 || !strings.HasSuffix(got.Calls, "pause resume") {
					t.Errorf("resumed where the platform pauses: spoken %d, calls %q; want the utterance resumed", len(got.Spoken), got.Calls)
				}
				return
			}
			// From its third word, which the boundary said was being spoken.
			want := strings.SplitN(first, " ", 3)[2]
			if len(got.Spoken) != 3 || got.Spoken[2] != want {
				t.Errorf("resumed on Android: spoken %q (calls %q), want the paragraph again from its third word, %.40q…", got.Spoken, got.Calls, want)
			}
			tb.checkConsole(nil)
		})
	}
}

// TestPrint prints the article with the dark theme chosen: the article
// alone, dark text on white, the address and date at its end, and a PDF
// of few pages.
func TestPrint(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 1280, 900)
	tb.mustLoad(h.URL+"/", http.StatusOK)
	eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", "`+storedMark+`" + JSON.stringify({theme: "dark", size: 6}))`)
	url := h.URL + dlpage.ArticlePath(slugShort)
	tb.mustLoad(url, http.StatusOK)
	tb.waitLive()
	tb.emulateMedia("print")
	eval[chromedp.Void](tb, `window.dispatchEvent(new Event("beforeprint"))`)
	type printed struct {
		Color, Background, Hidden, Note, Shown, Elsewhere string
	}
	got := eval[printed](tb, `(() => {
	  const cs = (el) => getComputedStyle(el);
	  const hidden = [".site-header", ".site-footer", ".story-tools", ".reading-progress", ".story-nav", "#app-wasm-loader", ".toasts"]
	    .filter((s) => document.querySelector(s) && cs(document.querySelector(s)).display !== "none");
	  const shown = ["h1", ".story-byline", ".story-body"].filter((s) => cs(document.querySelector(s)).display === "none");
	  return {color: cs(document.querySelector(".story-body p")).color, background: cs(document.body).backgroundColor,
	    hidden: hidden.join(" "), note: document.querySelector(".print-note").innerText, shown: shown.join(" "),
	    elsewhere: cs(document.querySelector(".related a.external")).display === "none" ? "" : getComputedStyle(document.querySelector(".related a.external"), "::after").content};
	})()`)
	// A page elsewhere keeps its address on paper.
	if want := "https://example.org/synthetic/elsewhere"; !strings.Contains(got.Elsewhere, want) {
		t.Errorf("printed, the related page elsewhere is followed by %q, want its address %s", got.Elsewhere, want)
	}
	if got.Color != "rgb(0, 0, 0)" || got.Background != "rgb(255, 255, 255)" {
		t.Errorf("printed text %s on %s, want black on white", got.Color, got.Background)
	}
	if got.Hidden != "" || got.Shown != "" {
		t.Errorf("printed: not hidden %q, hidden %q", got.Hidden, got.Shown)
	}
	// Today as the pages write dates ("4 December 2026"), not the
	// browser's own form.
	today := eval[[]int](tb, `(() => { const d = new Date(); return [d.getDate(), d.getMonth() + 1, d.getFullYear()]; })()`)
	if date := fmt.Sprintf("%d %s %d", today[0], time.Month(today[1]), today[2]); !strings.Contains(got.Note, url) || !strings.Contains(got.Note, date) {
		t.Errorf("print note %q, want the address and %s", got.Note, date)
	}
	pdf, err := chromedp.Call(tb.ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69})
	if err != nil {
		t.Fatalf("printing to PDF: %v", err)
	}
	if pages := bytes.Count(pdf.Data, []byte("/Type /Page\n")) + bytes.Count(pdf.Data, []byte("/Type /Page/")) + bytes.Count(pdf.Data, []byte("/Type /Page ")); pages < 1 || pages > 2 {
		t.Logf("the PDF has %d pages by a rough count", pages)
	}
	if shots := os.Getenv("DATELINE_SCREENSHOTS"); shots != "" {
		tb.do("setting the viewport", viewport(600, 900))
		saveShot(t, tb, shots, "print-600.png")
		if err := os.WriteFile(filepath.Join(shots, "print.pdf"), pdf.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tb.checkConsole(nil)
}

// saveShot saves a screenshot of the window under dir.
func saveShot(t *testing.T, tb *tab, dir, name string) {
	t.Helper()
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, screenshot(tb), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("saved %s", file)
}

// TestShortcuts presses every shortcut: ? lists them, t opens the
// settings, s saves, l listens, j and k move between paragraphs. None
// fires while typing in a field, nor once the reader turns them off.
func TestShortcuts(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 1280, 900)
	tb.addScript(speechStub("en-US"))
	tb.mustLoad(h.URL+dlpage.ArticlePath(slugLong), http.StatusOK)
	tb.waitLive()
	tb.waitReader()

	tb.keys("?", "?")
	tb.waitFor("the shortcuts", `document.getElementById("reader-keys").open`, 5*time.Second)
	tb.keys("Escape", kb.Escape)
	tb.keys("t", "t")
	tb.waitFor("the settings", `document.getElementById("reader-settings").open`, 5*time.Second)
	tb.keys("s in the panel", "s")
	if eval[string](tb, `document.querySelector(".tool-save").getAttribute("aria-pressed")`) != "false" {
		t.Error("s saved the article while the settings panel was open")
	}
	tb.keys("Escape", kb.Escape)
	tb.keys("s", "s")
	tb.waitFor("the article to be saved", `document.querySelector(".tool-save").getAttribute("aria-pressed") === "true"`, 5*time.Second)
	tb.keys("s again", "s")
	tb.waitFor("the article to be removed", `document.querySelector(".tool-save").getAttribute("aria-pressed") === "false"`, 5*time.Second)
	tb.keys("l", "l")
	tb.waitFor("listening", `__speech.spoken.length > 0`, 5*time.Second)
	tb.keys("l again to pause", "l")
	tb.waitFor("a pause", `__speech.calls.includes("pause")`, 5*time.Second)
	tb.click("stopping", ".player-stop")

	paragraph := `Array.from(document.querySelectorAll("article.story .story-body > p")).indexOf(document.activeElement)`
	eval[chromedp.Void](tb, `window.scrollTo(0, 0)`)
	tb.keys("j", "j")
	tb.waitFor("the first paragraph", paragraph+` === 0`, 5*time.Second)
	tb.keys("j", "j")
	tb.waitFor("the second paragraph", paragraph+` === 1`, 5*time.Second)
	tb.keys("k", "k")
	tb.waitFor("back to the first", paragraph+` === 0`, 5*time.Second)

	// Typing: a field of the page takes the keys.
	eval[chromedp.Void](tb, `(() => { const i = document.createElement("input"); i.id = "typing-test"; i.setAttribute("aria-label", "test field");
	  document.querySelector(".toasts").before(i); })()`)
	tb.do("typing", chromedp.SendKeys(chromedp.ID("typing-test"), "st?jl"))
	if got := eval[string](tb, `document.getElementById("typing-test").value + "|" + document.querySelector(".tool-save").getAttribute("aria-pressed") + "|" + document.querySelectorAll("dialog[open]").length`); got != "st?jl|false|0" {
		t.Errorf("typing fired shortcuts: %s", got)
	}
	eval[chromedp.Void](tb, `document.getElementById("typing-test").remove()`)

	// Turned off in the settings.
	tb.click("opening Reading settings", ".tool-settings")
	tb.click("turning off single-key shortcuts", `label[for="setting-keys"]`)
	tb.keys("Escape", kb.Escape)
	eval[chromedp.Void](tb, `document.activeElement.blur()`)
	tb.keys("s, t and ?", "st?")
	time.Sleep(200 * time.Millisecond)
	if got := eval[string](tb, `document.querySelector(".tool-save").getAttribute("aria-pressed") + "|" + document.querySelectorAll("dialog[open]").length`); got != "false|0" {
		t.Errorf("shortcuts turned off still fire: %s", got)
	}
	tb.checkConsole(nil)
}

// TestShortcutsOtherLayouts presses the shortcuts as a keyboard of
// another script types them: on an Arabic layout the key of s types "س"
// and Shift with the key of / types "؟"; the shortcuts go by the key's
// place, as the dialog names them. With Caps Lock on, "S" is s.
func TestShortcutsOtherLayouts(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 1280, 900)
	tb.mustLoad(h.URL+dlpage.ArticlePath(slugLong), http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	// press sends the key as Chromium gets it from a keyboard whose layout
	// types text at code.
	press := func(what, text, code string, shift bool) {
		t.Helper()
		var mods int64
		if shift {
			mods = 8 // DevTools' bit for Shift
		}
		down := &input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: text, Code: code, Text: text, Modifiers: mods}
		up := &input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: text, Code: code, Modifiers: mods}
		for _, ev := range []*input.DispatchKeyEventParams{down, up} {
			if _, err := chromedp.Call(tb.ctx, input.DispatchKeyEvent, *ev); err != nil {
				t.Fatalf("%s: %v", what, err)
			}
		}
	}
	saved := `document.querySelector(".tool-save").getAttribute("aria-pressed")`
	press("س, the key of s", "س", "KeyS", false)
	tb.waitFor("the article saved by س", saved+` === "true"`, 5*time.Second)
	press("؟, Shift and the key of /", "؟", "Slash", true)
	tb.waitFor("the shortcuts by ؟", `document.getElementById("reader-keys").open`, 5*time.Second)
	tb.keys("Escape", kb.Escape)
	// Caps Lock is not a modifier that DevTools' key events carry: the
	// event is made in the page, as its keyboard would send it.
	eval[chromedp.Void](tb, `document.dispatchEvent(new KeyboardEvent("keydown", {key: "S", code: "KeyS", modifierCapsLock: true, bubbles: true, cancelable: true}))`)
	tb.waitFor("the article removed by S with Caps Lock on", saved+` === "false"`, 5*time.Second)
	// Shift and s, without Caps Lock, is no shortcut.
	eval[chromedp.Void](tb, `document.dispatchEvent(new KeyboardEvent("keydown", {key: "S", code: "KeyS", shiftKey: true, bubbles: true, cancelable: true}))`)
	time.Sleep(200 * time.Millisecond)
	if got := eval[string](tb, saved); got != "false" {
		t.Errorf("Shift and s saved the article (%s)", got)
	}
	// A key of another script that no shortcut sits on does nothing.
	press("ق, the key of f", "ق", "KeyF", false)
	time.Sleep(200 * time.Millisecond)
	if got := eval[string](tb, saved+` + "|" + document.querySelectorAll("dialog[open]").length`); got != "false|0" {
		t.Errorf("ق fired a shortcut: %s", got)
	}
	tb.checkConsole(nil)
}

// redeploy stops old and serves ds on its port in its place, as a
// newsroom publishing a new version, and waits until the page on screen
// offers the update.
func redeploy(t *testing.T, tb *tab, old *host, port int, file string, ds *article.Dataset) *host {
	t.Helper()
	old.stop()
	h := privateHost(t, "-addr", addrOf(port), "-data", writeDataset(t, file, ds))
	for deadline := time.Now().Add(30 * time.Second); !eval[bool](tb, toastJS+`.includes("A new version")`); {
		if time.Now().After(deadline) {
			t.Fatal("no update 30s after the host changed")
		}
		eval[chromedp.Void](tb, `goappTryUpdate()`)
		time.Sleep(time.Second)
	}
	return h
}

// TestSavedOfflineAfterUpdate saves an article of an archive past the
// precache limit, updates the app, then reads it offline from /saved: the
// saved copy outlives the update, and the update's correction of its
// headline reaches the copy and the list. Unsaving from the list removes
// it.
func TestSavedOfflineAfterUpdate(t *testing.T) {
	t.Parallel()
	const n = 2501 // one past site.FullOfflineMaxArticles: pages are saved as read
	const slug = "archive-2400"
	head, corrected := "Synthetic archive story 2400", "Synthetic archive story 2400, corrected"
	dsA := archiveDataset(n)
	dsB := archiveDataset(n)
	dsB.Articles[0].Headline = "Synthetic archive story 0, updated"
	if dsB.Articles[2400].Slug != slug {
		t.Fatalf("the dataset's article 2400 is %s", dsB.Articles[2400].Slug)
	}
	dsB.Articles[2400].Headline = corrected
	port := freePort(t)
	hostA := privateHost(t, "-addr", addrOf(port), "-data", writeDataset(t, "saved-a.json", dsA))
	tb := newTab(t, 412, 900)
	tb.extend(3 * time.Minute)
	firstVisit(t, tb, hostA.URL, 60*time.Second)

	tb.mustLoad(hostA.URL+dlpage.ArticlePath(slug), http.StatusOK)
	tb.waitLive()
	// app.wasm took the page over as drawn, without its data file; past
	// the precache limit the worker saves that file, as it does for the
	// pages read after it, so that an in-app link to it works offline.
	tb.waitFor("the worker to keep the page's data file",
		`caches.match(document.querySelector("script[data-file]").getAttribute("data-file")).then((r) => window.__kept = !!r) && window.__kept === true`, 10*time.Second)
	tb.click("saving", ".tool-save")
	tb.waitFor("the saved copy", `caches.open("dateline-saved").then((c) => c.keys()).then((k) => window.__savedKeys = k.length)`+` && window.__savedKeys === 2`, 10*time.Second)
	if got := eval[string](tb, `document.querySelector(".toasts").innerText`); !strings.Contains(got, "Saved") {
		t.Errorf("saving says %q", got)
	}
	// A saved article shown under another headline than the list's (as
	// one corrected since it was saved) gives the list its headline.
	savedTitle := `(JSON.parse(localStorage.getItem("dateline:saved").slice(` + strconv.Itoa(len(storedMark)) + `)).find((a) => a.slug === "` + slug + `") || {}).title`
	eval[chromedp.Void](tb, `localStorage.setItem("dateline:saved", localStorage.getItem("dateline:saved").replace(`+jsString(head)+`, "An older headline"))`)
	tb.reload("reloading the saved article")
	tb.waitLive()
	tb.waitReader()
	if got := eval[string](tb, savedTitle); got != head {
		t.Errorf("after the article was shown, the saved list keeps %q, want its headline %q", got, head)
	}

	hostB := redeploy(t, tb, hostA, port, "saved-b.json", dsB)
	tb.mustLoad(hostB.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitH1("Latest articles")
	tb.waitFor("version B", `document.body.innerText.includes("Synthetic archive story 0, updated")`, 10*time.Second)
	tb.waitSaved(60 * time.Second)
	if got := eval[string](tb, savedTitle); got != head {
		t.Fatalf("before /saved is shown, the list has %q, want the headline as saved", got)
	}
	// The worker replaces the saved copies with version B's.
	tb.waitFor("the saved copy corrected", `caches.open("dateline-saved").then((c) => c.match("/_saved/articles/`+slug+`.json")).then((r) => r.json()).then((d) => window.__savedHead = d.story.article.headline) && window.__savedHead === `+jsString(corrected), 30*time.Second)

	tb.goOffline()
	tb.mustLoad(hostB.URL+dlpage.SavedPath, http.StatusOK)
	tb.waitLive()
	tb.waitFor("the saved list", `document.querySelectorAll(".saved-list li").length === 1`, 10*time.Second)
	tb.waitFor("the corrected headline in the list", `document.querySelector(".saved-list a").textContent === `+jsString(corrected)+
		` && document.querySelector(".saved-remove").textContent.endsWith(`+jsString(corrected)+`)`, 5*time.Second)
	tb.mustLoad(hostB.URL+dlpage.ArticlePath(slug), http.StatusOK)
	tb.waitLive()
	tb.waitH1(corrected)
	time.Sleep(500 * time.Millisecond)
	if h1 := eval[string](tb, `document.querySelector("h1").textContent`); h1 != corrected {
		t.Errorf("offline after the update, the saved article shows %q", h1)
	}
	// A page of the archive neither saved nor read is not there.
	if st, err := tb.load(hostB.URL + dlpage.ArticlePath("archive-2300")); err != nil || st != http.StatusServiceUnavailable {
		t.Errorf("an article neither saved nor read opened offline: status %d, %v", st, err)
	}
	// It says so, as the host drew it for this edition, and runs no app
	// that would take it over as the article.
	tb.waitOfflineH1("You are offline")
	time.Sleep(500 * time.Millisecond)
	if got := eval[[]string](tb, `performance.getEntriesByType("resource").map((e) => e.name).filter((n) => /app\.wasm|app\.js|wasm_exec/.test(n))`); len(got) != 0 {
		t.Errorf("the offline page loaded the app: %q", got)
	}
	if !eval[bool](tb, `!!document.querySelector(".site-header") && !!document.querySelector('main a[href="/saved"]')`) {
		t.Error("the offline page lacks the site's header or its link to the saved articles")
	}

	tb.mustLoad(hostB.URL+dlpage.SavedPath, http.StatusOK)
	tb.waitLive()
	tb.waitFor("the saved list", `document.querySelectorAll(".saved-list li").length === 1`, 10*time.Second)
	// The empty note is in the page as served; with something saved,
	// the root's data-saved (the inline loader's, before the first
	// paint) keeps it from showing.
	if !eval[bool](tb, `document.documentElement.hasAttribute("data-saved") && getComputedStyle(document.querySelector(".saved-empty")).display === "none"`) {
		t.Error("with an article saved, the saved page shows its empty note")
	}
	tb.click("removing", ".saved-remove")
	tb.waitFor("the empty list", `document.querySelectorAll(".saved-list li").length === 0 && !document.querySelector(".saved-empty").hidden`+
		` && getComputedStyle(document.querySelector(".saved-empty")).display !== "none" && !document.documentElement.hasAttribute("data-saved")`, 5*time.Second)
	tb.waitFor("the saved copy to go", `caches.open("dateline-saved").then((c) => c.keys()).then((k) => window.__savedKeys = k.length) && window.__savedKeys === 0`, 5*time.Second)
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return allowOffline(m) || (m.Source == "network" && strings.Contains(m.Text, "status of 503") && strings.Contains(m.URL, "/archive-2300"))
	})
}

// TestSavedArticleGone saves an article, then the newsroom removes it and
// publishes a new version: the reader's saved copy is theirs. Its address
// opens the saved copy online (the host answers 404) as offline and as the
// in-app link from the saved list does, each with a message saying the
// site no longer has it (a message over the page: a note in the article,
// put in after the paint, would push its text down), and the saved list
// marks it.
func TestSavedArticleGone(t *testing.T) {
	t.Parallel()
	const slug = "archive-005"
	head := "Synthetic archive story 5"
	dsA := archiveDataset(12)
	dsB := archiveDataset(12)
	dsB.Articles = append(dsB.Articles[:5:5], dsB.Articles[6:]...)
	port := freePort(t)
	hostA := privateHost(t, "-addr", addrOf(port), "-data", writeDataset(t, "gone-a.json", dsA))
	tb := newTab(t, 412, 900)
	tb.extend(2 * time.Minute)
	firstVisit(t, tb, hostA.URL, 60*time.Second)
	tb.mustLoad(hostA.URL+dlpage.ArticlePath(slug), http.StatusOK)
	tb.waitLive()
	tb.click("saving", ".tool-save")
	tb.waitFor("the saved copy", `caches.open("dateline-saved").then((c) => c.keys()).then((k) => window.__savedKeys = k.length) && window.__savedKeys === 2`, 10*time.Second)
	const note = "This article is no longer on the site. This is your saved copy."
	const toastsJS = `Array.from(document.querySelectorAll(".toast"), (t) => t.innerText).join("\n")`
	time.Sleep(500 * time.Millisecond)
	if got := eval[string](tb, toastsJS); strings.Contains(got, note) {
		t.Errorf("an article the site has says %q", got)
	}

	hostB := redeploy(t, tb, hostA, port, "gone-b.json", dsB)
	tb.mustLoad(hostB.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitSaved(60 * time.Second)
	tb.waitFor("the worker to refresh the saved copies", `caches.open("dateline-meta").then((c) => c.match("/_saved_version")).then((r) => r && r.text()).then((v) => window.__savedVersion = v)`+
		` && window.__savedVersion === document.querySelector("script[data-scripts]").getAttribute("data-version")`, 30*time.Second)

	gone := func(what string) {
		t.Helper()
		tb.waitH1(head)
		tb.waitFor(what+": the message", toastsJS+`.includes(`+jsString(note)+`)`, 5*time.Second)
	}
	// A reload of its address, online: the host has no such page.
	tb.mustLoad(hostB.URL+dlpage.ArticlePath(slug), http.StatusOK)
	tb.waitLive()
	gone("loaded online")
	time.Sleep(time.Second)
	if got := eval[string](tb, toastsJS); strings.Contains(got, "A new version") {
		t.Errorf("the saved copy offers a new version, which a reload would not give: %q", got)
	}
	tb.reload("reloading the saved copy")
	tb.waitLive()
	gone("reloaded online")

	// The saved list marks it, and its link in the app opens the same.
	tb.mustLoad(hostB.URL+dlpage.SavedPath, http.StatusOK)
	tb.waitLive()
	tb.waitFor("the entry marked", `document.querySelector(".saved-item").textContent.includes("no longer on the site")`, 5*time.Second)
	eval[chromedp.Void](tb, `window.__marker = 7`)
	tb.click("following the saved link", ".saved-list a")
	gone("from the saved list")
	if got := eval[int](tb, `window.__marker || 0`); got != 7 {
		t.Error("the saved list's link loaded a document, not a page in the app")
	}
	// The next article, drawn by the app in the same elements: no note.
	next := `main a[href^="/articles/"]:not([href$="/` + slug + `"])`
	tb.click("following a link to an article the site has", next)
	tb.waitFor("the other article", `location.pathname !== `+jsString(dlpage.ArticlePath(slug))+` && (document.querySelector("h1") || {textContent: ""}).textContent.startsWith("Synthetic archive story")`+
		` && document.querySelector("h1").textContent !== `+jsString(head), 10*time.Second)
	time.Sleep(500 * time.Millisecond)
	if eval[bool](tb, toastsJS+`.includes(`+jsString(note)+`) || window.__marker !== 7`) {
		t.Error("an article the site has, opened in the app, says it is a saved copy")
	}

	tb.goOffline()
	tb.mustLoad(hostB.URL+dlpage.ArticlePath(slug), http.StatusOK)
	tb.waitLive()
	gone("offline")
	tb.checkConsole(allowOffline)
}

// TestLongWordsWrap reads a story whose headline is one long word, with a
// read-more link and related stories not in the collection, on a 320 px phone at
// the largest text size; saves it and stops halfway. Nothing runs off the
// side of the article, the saved list or the home page's "Continue
// reading", nor a long section or tag name on the article and its lists.
func TestLongWordsWrap(t *testing.T) {
	t.Parallel()
	long := "Synthetic" + strings.Repeat("unbrokenword", 12)
	var body []article.Block
	for i := range 12 {
		body = append(body, article.Block{Type: article.Paragraph, Text: fmt.Sprintf("Paragraph %d of a synthetic story. %s", i+1, strings.Repeat("Invented filler copy to scroll through. ", 8))})
		if i == 1 {
			body = append(body, article.Block{Type: article.ReadMore, Link: article.Link{Title: "A synthetic story not in this collection"}})
		}
	}
	ds := &article.Dataset{Articles: []article.Article{{Slug: "long-word", Headline: long, Body: body,
		Section: "Synthetic" + strings.Repeat("sectionword", 4), Tags: []string{"Synthetic" + strings.Repeat("tagword", 5), "Short tag"},
		Related: []article.Link{{Title: "A synthetic story outside this collection"}}}}}
	h := privateHost(t, "-data", writeDataset(t, "long-word.json", ds))
	tb := newTab(t, 320, 700)
	tb.do("setting the viewport", viewport(320, 700))
	tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
	eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", JSON.stringify({size: 7}))`)
	overflow := func(where string) {
		t.Helper()
		if over := eval[float64](tb, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
			t.Errorf("%s: the page is %vpx wider than the window", where, over)
		}
	}
	tb.mustLoad(h.URL+dlpage.ArticlePath("long-word"), http.StatusOK)
	tb.waitLive()
	if got := eval[string](tb, `document.documentElement.getAttribute("data-size")`); got != "7" {
		t.Fatalf("the largest text size is not applied: data-size %q", got)
	}
	overflow("the article")
	// The skip link, two lines at this size, stays above the window until
	// it has the focus.
	if bottom := eval[float64](tb, `document.querySelector(".skip-link").getBoundingClientRect().bottom`); bottom > 0 {
		t.Errorf("the skip link shows %vpx at the top of the page without the focus", bottom)
	}
	tb.keys("tabbing to the skip link", kb.Tab)
	if top := eval[float64](tb, `document.activeElement.matches(".skip-link") ? document.activeElement.getBoundingClientRect().top : -1`); top != 0 {
		t.Errorf("the focused skip link is at %vpx, want the top of the window", top)
	}
	lists := eval[[]string](tb, `["/sections/", "/tags/"].map((p) => document.querySelector("main a[href^='" + p + "']").getAttribute("href"))`)
	for _, href := range lists {
		tb.mustLoad(h.URL+href, http.StatusOK)
		tb.waitLive()
		overflow(href)
	}
	tb.mustLoad(h.URL+dlpage.ArticlePath("long-word"), http.StatusOK)
	tb.waitLive()
	tb.click("saving", ".tool-save")
	tb.waitFor("the article in the saved list", `(localStorage.getItem("dateline:saved") || "").includes("long-word")`, 5*time.Second)
	eval[chromedp.Void](tb, `document.querySelectorAll("article.story .story-body > p")[6].scrollIntoView()`)
	tb.waitFor("the place kept", `(localStorage.getItem("dateline:places") || "").includes("long-word")`, 5*time.Second)

	tb.mustLoad(h.URL+dlpage.SavedPath, http.StatusOK)
	tb.waitLive()
	tb.waitFor("the saved list", `document.querySelectorAll(".saved-list li").length === 1`, 10*time.Second)
	overflow("the saved list")
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitFor("Continue reading", `document.querySelectorAll(".continue-list li").length === 1`, 10*time.Second)
	overflow("Continue reading")
	// robots.txt, opened to reach the site's storage, has no icon link.
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool { return strings.HasSuffix(m.URL, "/favicon.ico") })
}

// TestDataSaver visits with data saver on, the browser's (Save-Data) and
// the reader's: app.wasm is never requested, the article is readable,
// links lead on, the settings work and say what is off.
func TestDataSaver(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	wasmRequests := `performance.getEntriesByType("resource").filter((e) => /app\.wasm|app\.js|wasm_exec/.test(e.name)).length`
	for _, how := range []string{"browser", "setting"} {
		t.Run(how, func(t *testing.T) {
			tb := newTab(t, 412, 900)
			if how == "browser" {
				if _, err := chromedp.Call(tb.ctx, emulation.SetDataSaverOverride, emulation.SetDataSaverOverrideParams{DataSaverEnabled: ptrTo(true)}); err != nil {
					t.Fatalf("emulating Save-Data: %v", err)
				}
			} else {
				tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
				eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", JSON.stringify({saver: true}))`)
			}
			tb.mustLoad(h.URL+"/", http.StatusOK)
			tb.waitReader()
			if got := eval[string](tb, `document.documentElement.getAttribute("data-saver")`); got != map[string]string{"browser": "browser", "setting": "on"}[how] {
				t.Errorf("data-saver = %q", got)
			}
			if _, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
				chromedp.Click(chromedp.CSS(`main a[href="/articles/`+slugLong+`"]`)))); err != nil {
				t.Fatalf("following a link: %v", err)
			}
			tb.waitH1(headLong)
			time.Sleep(time.Second)
			if n := eval[int](tb, wasmRequests); n != 0 {
				t.Errorf("with data saver on, %d requests for the app's scripts or app.wasm", n)
			}
			if text := eval[string](tb, `document.querySelector(".story-body").innerText`); !strings.Contains(text, "Paragraph 30 of the long synthetic reader story.") {
				t.Error("the article is not readable")
			}
			if got := eval[string](tb, `document.querySelector(".status-text").textContent`); got != "Data saver on" {
				t.Errorf("the status says %q, want Data saver on", got)
			}
			tb.click("opening Reading settings", ".tool-settings")
			note := eval[string](tb, `document.getElementById("saver-note").innerText`)
			if !strings.Contains(note, "the app (about 1.5 MB) is not downloaded") {
				t.Errorf("the panel does not say what is off: %q", note)
			}
			tb.click("choosing the sepia theme", `label[for="setting-theme-sepia"]`)
			if bg := eval[string](tb, `getComputedStyle(document.body).backgroundColor`); bg != "rgb(244, 236, 216)" {
				t.Errorf("the settings do not apply without the app: paper %s", bg)
			}
			if how == "setting" {
				tb.click("turning data saver off", `label[for="setting-saver"]`)
				tb.waitLive()
				if n := eval[int](tb, wasmRequests); n == 0 {
					t.Error("turning data saver off did not start the app")
				}
			}
			tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
				return m.Source == "network" && strings.Contains(m.Text, "404") // robots.txt's favicon
			})
		})
	}
}

// TestStatusLine looks at the status line at 320 px: a first visit shows
// the progress of saving for offline before the app is live, then
// "Available offline", as text; the install button has a visible label
// and nothing of it is clipped; offline, one "Offline".
func TestStatusLine(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 320, 700)
	tb.do("setting the viewport", viewport(320, 700))
	tb.addScript(`(() => {
	  window.__statuses = [];
	  window.__announced = [];
	  const seen = () => {
	    const s = document.querySelector(".status-text");
	    const text = s ? s.textContent : "";
	    if (text && window.__statuses[window.__statuses.length - 1] !== text) window.__statuses.push(text + (document.documentElement.dataset.app === "live" ? " (live)" : ""));
	    const l = document.querySelector(".status-live");
	    const said = l ? l.textContent : "";
	    if (said && window.__announced[window.__announced.length - 1] !== said) window.__announced.push(said);
	  };
	  new MutationObserver(seen).observe(document, {subtree: true, childList: true, characterData: true});
	})();`)
	tb.mustLoad(h.URL+dlpage.ArticlePath(slugShort), http.StatusOK)
	tb.waitFor(`"Available offline"`, statusText+`.includes("Available offline")`, 30*time.Second)
	seen := eval[[]string](tb, `window.__statuses`)
	saving := false
	for _, s := range seen {
		saving = saving || strings.HasPrefix(s, "Saving for offline ")
	}
	if !saving {
		t.Errorf("a first visit never showed the progress of saving for offline: %q", seen)
	}
	// Screen readers hear the start and the end, not every percentage.
	announced := eval[[]string](tb, `window.__announced`)
	if len(announced) != 2 || !strings.HasPrefix(announced[0], "Saving for offline") || announced[1] != "Available offline" {
		t.Errorf("a first visit announced %q, want the saving once, then Available offline", announced)
	}
	if tag := eval[string](tb, `document.querySelector(".status-text").tagName`); tag != "P" {
		t.Errorf("the status is a %s, want text", tag)
	}

	// The browser offers to install: the button shows, labelled, whole.
	eval[chromedp.Void](tb, `(() => { const e = new Event("beforeinstallprompt"); e.prompt = () => { window.__prompted = true; };
	  e.userChoice = Promise.resolve({outcome: "dismissed"}); window.dispatchEvent(e); })()`)
	tb.waitFor("the install button", installShownJS, 5*time.Second)
	tb.do("focusing Install", chromedp.Focus(chromedp.CSS(".install-button")))
	type box struct {
		Text                     string
		Left, Right, Top, Bottom float64
		Clipped                  string
		Width                    float64
	}
	b := eval[box](tb, `(() => {
	  const b = document.querySelector(".install-button"), r = b.getBoundingClientRect();
	  let clipped = "";
	  for (let e = b.parentElement; e && e !== document.body; e = e.parentElement) {
	    if (getComputedStyle(e).overflow !== "visible") clipped += e.className + " ";
	  }
	  return {text: b.innerText, left: r.left, right: r.right, top: r.top, bottom: r.bottom, clipped, width: document.documentElement.scrollWidth};
	})()`)
	if b.Text != "Install app" || b.Left < 3 || b.Right > 317 || b.Clipped != "" || b.Width > 320 {
		t.Errorf("at 320 px the install button is %+v: want its label whole, its focus ring inside the window, no clipping", b)
	}
	tb.click("installing", ".install-button")
	tb.waitFor("the prompt", `window.__prompted === true`, 5*time.Second)

	tb.goOffline()
	tb.waitFor(`"Offline"`, statusText+` === "Offline"`, 10*time.Second)
	// Once on screen; its live copy, visually hidden, is for screen readers.
	if n := eval[int](tb, `(document.querySelector(".site-header").innerText.match(/Offline/g) || []).length - (document.querySelector(".status-live").innerText === "Offline" ? 1 : 0)`); n != 1 {
		t.Errorf("the header says Offline %d times", n)
	}
	if shots := os.Getenv("DATELINE_SCREENSHOTS"); shots != "" {
		saveShot(t, tb, shots, "status-offline-320.png")
	}
	tb.checkConsole(allowOffline)
}

// overflowingJS names the elements that reach past the window's right
// edge, outermost first.
const overflowingJS = `Array.from(document.querySelectorAll("body *")).filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .slice(0, 8).map((e) => e.tagName.toLowerCase() + "." + String(e.className).replace(/ /g, ".") + " " + Math.round(e.getBoundingClientRect().right)).join(", ")`

// TestReaderAccessibility runs axe-core (WCAG 2.2 A and AA, best
// practices) on the home page, an article, the saved articles and the
// not-found page in every theme, with the settings panel open once per
// theme, at 320, 412 and 1280 px; and checks reflow at 320 px with the
// text at 200%.
func TestReaderAccessibility(t *testing.T) {
	t.Parallel()
	src := axeSource(t)
	h := readerHost(t)
	shots := os.Getenv("DATELINE_SCREENSHOTS")
	for _, theme := range []string{"light", "sepia", "dark", "auto-dark"} {
		t.Run(theme, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, 1280, 900)
			tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
			setting := theme
			if theme == "auto-dark" {
				setting = "auto"
				tb.emulateMedia("", &emulation.MediaFeature{Name: "prefers-color-scheme", Value: "dark"})
			}
			eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", JSON.stringify({theme: `+jsString(setting)+`}))`)
			for _, size := range layoutWidths {
				tb.do("setting the viewport", viewport(size.width, size.height))
				for _, p := range []struct {
					path   string
					status int64
				}{{"/", http.StatusOK}, {dlpage.ArticlePath(slugLong), http.StatusOK}, {dlpage.SavedPath, http.StatusOK}, {"/no/such/page", http.StatusNotFound}} {
					checkLayout(t, tb, src, h.URL+p.path, p.status, theme+" "+p.path+" at "+size.name+" px")
					if shots != "" && p.path == dlpage.ArticlePath(slugLong) && size.name == "412" {
						saveShot(t, tb, shots, "theme-"+theme+"-412.png")
					}
				}
				tb.click("opening Reading settings", ".tool-settings")
				runAxe(t, tb, src, theme+" settings panel at "+size.name+" px")
				if shots != "" && size.name == "412" && theme != "auto-dark" {
					saveShot(t, tb, shots, "settings-"+theme+"-412.png")
				}
				tb.keys("closing", kb.Escape)
			}
			// Reflow: 200% text at 320 px scrolls only up and down.
			tb.do("setting the viewport", viewport(320, 800))
			eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", JSON.stringify({theme: `+jsString(setting)+`, size: 7}))`)
			for _, p := range []string{"/", dlpage.ArticlePath(slugLong), dlpage.SavedPath} {
				tb.mustLoad(h.URL+p, http.StatusOK)
				tb.waitLive()
				if over := eval[float64](tb, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
					t.Errorf("%s at 320 px and 200%% text: %vpx wider than the window: %s", p, over, eval[string](tb, overflowingJS))
				}
			}
			tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
				return m.Source == "network" && strings.Contains(m.Text, "404")
			})
		})
	}
}

// storedMark begins the value of each of reader.js's localStorage entries
// (web/reader.js, STORED): JSON cannot begin with it, so go-app's start,
// which decodes every entry as one of its persisted states, stops at once.
const storedMark = "'"

// storedJS is a JavaScript expression for the value reader.js keeps under
// key, or undefined when there is none or it lacks the mark.
func storedJS(key string) string {
	return `((v) => v != null && v.charAt(0) === "` + storedMark + `" ? JSON.parse(v.slice(1)) : undefined)(localStorage.getItem(` + jsString(key) + `))`
}

// TestStoredEntries checks the form of reader.js's entries in
// localStorage: those kept before the mark (plain JSON) still apply and
// are rewritten with it, and what reader.js writes carries it.
func TestStoredEntries(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 412, 800)
	tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
	eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", JSON.stringify({theme: "dark", size: 6}));
	  localStorage.setItem("dateline:places", JSON.stringify({"/articles/x": {i: 3, f: 0.5}}));
	  localStorage.setItem("other", "{}");`)
	// What the inline loader set from the settings, before any other
	// script ran (this listener comes before the loader's).
	tb.addScript(`document.addEventListener("DOMContentLoaded", () => {
	  const r = document.documentElement;
	  window.__atParse = [r.getAttribute("data-theme"), r.getAttribute("data-size"), r.hasAttribute("data-saved")].join(" ");
	});`)
	url := h.URL + dlpage.ArticlePath(slugLong)
	tb.mustLoad(url, http.StatusOK)
	if got := eval[string](tb, `window.__atParse`); got != "dark 6 false" {
		t.Errorf("settings kept as plain JSON: the loader set theme, size and saved %q, want \"dark 6 false\"", got)
	}
	tb.waitLive()
	tb.waitReader()
	tb.click("saving the article", ".tool-save")
	tb.waitFor("the saved list", `(`+storedJS("dateline:saved")+` || []).length === 1`, 10*time.Second)
	type entry struct{ Key, Value string }
	for _, e := range eval[[]entry](tb, `Object.keys(localStorage).map((k) => ({key: k, value: localStorage.getItem(k)}))`) {
		switch {
		case e.Key == "other":
			if e.Value != "{}" {
				t.Errorf("an entry not reader.js's was changed: %q", e.Value)
			}
		case !strings.HasPrefix(e.Value, storedMark):
			t.Errorf("localStorage %q = %.60q: it lacks the mark %q, so go-app decodes it at every start", e.Key, e.Value, storedMark)
		}
	}
	if got := eval[string](tb, `JSON.stringify(`+storedJS("dateline:places")+`["/articles/x"])`); got != `{"i":3,"f":0.5}` {
		t.Errorf("a place kept as plain JSON became %s", got)
	}
	tb.mustLoad(h.URL+dlpage.SavedPath, http.StatusOK)
	if got := eval[string](tb, `window.__atParse`); got != "dark 6 true" {
		t.Errorf("the settings and the saved list, read back with the mark: the loader set %q, want \"dark 6 true\"", got)
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return m.Source == "network" && strings.Contains(m.Text, "404") // robots.txt's favicon
	})
}

// TestHeaderRow loads a site whose name is long (six words): on a phone
// the name has the row to itself, whole, and the tools wrap below it
// rather than squeeze it into a column of words or cut it; on a wide
// window the name is whole (on two lines) and the search box keeps its
// 12rem, in one row with the tools; with the largest text the row may
// wrap, but nothing runs off the window. A two-word name keeps the row
// with the tools.
func TestHeaderRow(t *testing.T) {
	t.Parallel()
	ds := readerDataset()
	ds.Site.Name = "The Synthetic Evening Chronicle of Testville"
	h := privateHost(t, "-data", writeDataset(t, "long-name.json", ds))
	// The row's children on one line: their tops within a few pixels.
	const oneRow = `(() => {
		const kids = [...document.querySelector(".site-header > .bar").children].filter((e) => e.offsetParent);
		const tops = kids.map((e) => e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2);
		return Math.max(...tops) - Math.min(...tops) < 4;
	})()`
	// Cut: clamped (a line hidden) or clipped sideways.
	const cut = `(() => { const n = document.querySelector(".site-name"); return n.scrollHeight > n.clientHeight + 1 || n.scrollWidth > n.clientWidth + 1; })()`
	const lines = `(() => { const n = document.querySelector(".site-name"); return n.clientHeight / parseFloat(getComputedStyle(n).lineHeight); })()`
	const over = `document.documentElement.scrollWidth - document.documentElement.clientWidth`
	for _, width := range []int{320, 360, 412, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			tb := newTab(t, width, 800)
			tb.do("setting the viewport", viewport(int64(width), 800))
			tb.mustLoad(h.URL+dlpage.ArticlePath(slugShort), http.StatusOK)
			tb.waitLive()
			if got, want := eval[bool](tb, oneRow), width >= 1024; got != want {
				t.Errorf("at %d px the header's first row is one row: %v, want %v", width, got, want)
			}
			if eval[bool](tb, cut) {
				t.Errorf("at %d px the long name is cut", width)
			}
			if n := eval[float64](tb, lines); n > 2.1 {
				t.Errorf("the name takes %.1f lines at %d px, want at most 2", n, width)
			}
			if width == 1280 {
				if w := eval[float64](tb, `document.querySelector(".search-input").getBoundingClientRect().width`); w < 12*16-40 {
					t.Errorf("the search box is %vpx wide beside a long name", w)
				}
			}
			if o := eval[float64](tb, over); o > 0 {
				t.Errorf("the page is %vpx wider than the window", o)
			}
			if dir := os.Getenv("DATELINE_SCREENSHOTS"); dir != "" {
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("header-long-name-%d.png", width)), screenshot(tb), 0o644); err != nil {
					t.Error(err)
				}
			}
		})
	}
	// The largest text on the narrowest phone: the row wraps, and stays
	// inside the window.
	tb := newTab(t, 320, 800)
	tb.do("setting the viewport", viewport(320, 800))
	tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
	eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", JSON.stringify({size: 7}))`)
	tb.mustLoad(h.URL+dlpage.ArticlePath(slugShort), http.StatusOK)
	tb.waitLive()
	if o := eval[float64](tb, over); o > 0 {
		t.Errorf("with the largest text the page is %vpx wider than the window", o)
	}
	// A name that fits (on two lines) is whole.
	short := newTab(t, 360, 800)
	short.do("setting the viewport", viewport(360, 800))
	short.mustLoad(readerHost(t).URL+dlpage.ArticlePath(slugShort), http.StatusOK)
	short.waitLive()
	if eval[bool](short, cut) || !eval[bool](short, oneRow) {
		t.Errorf("the name %q is cut, or its row wrapped, at 360 px: %s", readerDataset().Site.Name,
			eval[string](short, `[...document.querySelector(".site-header > .bar").children].map((e) => e.className + " " + e.getBoundingClientRect().width + "/" + e.scrollWidth + "@" + e.getBoundingClientRect().top).join("; ")`))
	}
	// A name on one line (the bundled site's, at 360 px): the link is no
	// wider than the name, so a tap on the row's empty room does not go
	// home.
	one := newTab(t, 360, 800)
	one.do("setting the viewport", viewport(360, 800))
	one.mustLoad(seedHost(t).URL+"/", http.StatusOK)
	one.waitLive()
	if w, text := eval[float64](one, `document.querySelector(".site-name").getBoundingClientRect().width`),
		eval[float64](one, `(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector(".site-name")); return r.getBoundingClientRect().width; })()`); w > text+2 {
		t.Errorf("at 360 px the site name's link is %vpx wide around %vpx of name", w, text)
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool { return strings.HasSuffix(m.URL, "/favicon.ico") })
}

// leaveFor leaves an article's page for the article at path to, by Back
// when back is set, else by its Read More link to it, and waits for that
// article to be drawn.
func (tb *tab) leaveFor(to string, back bool) {
	tb.t.Helper()
	if back {
		tb.goBack("going back")
	} else {
		tb.click("following Read More", `.story-body .read-more a[href="`+to+`"]`)
	}
	slug := strings.TrimPrefix(to, "/articles/")
	tb.waitFor("the next page", `location.pathname === "`+to+`" && !!document.querySelector('.story[data-slug="`+slug+`"]')`, 10*time.Second)
}
