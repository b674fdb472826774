//go:build !(js && wasm)

package browser

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"dateline/app/article"
)

// headerDataset is readerDataset under a two-word name, with a short
// story in each of seven more sections, so that the header has a row of
// sections as a news site's has.
func headerDataset() *article.Dataset {
	ds := readerDataset()
	ds.Site.Name = "Synthetic Times"
	addSectionStories(ds, "header-section", "Header", "Section One", "Section Two", "Section Three", "Section Four", "Section Five", "Section Six", "Section Seven")
	return ds
}

// addSectionStories adds to ds a plainly synthetic story in each of
// sections, one a day from 20 April 2024 back, slugged slug-1, slug-2...
// and headed "<what> test: a synthetic story in <section>".
func addSectionStories(ds *article.Dataset, slug, what string, sections ...string) {
	for i, sec := range sections {
		ds.Articles = append(ds.Articles, article.Article{
			Slug:      fmt.Sprintf("%s-%d", slug, i+1),
			Headline:  fmt.Sprintf("%s test: a synthetic story in %s", what, sec),
			Section:   sec,
			Published: fmt.Sprintf("2024-04-%02dT09:00:00Z", 20-i),
			Body:      []article.Block{{Type: article.Paragraph, Text: "A plainly synthetic paragraph for the " + strings.ToLower(what) + "'s tests."}},
		})
	}
}

// headerRowJS measures the header: its first row (the bar with the name,
// the search box and the tools, and the status line), the row of
// sections, and the header as a whole. Spread is how far apart the
// middles of the row's items are, and Over how far any of them runs
// outside the row's box.
const headerRowJS = `(() => {
  const header = document.querySelector(".site-header");
  const bar = header.querySelector(":scope > .bar:first-child");
  const status = header.querySelector(":scope > .status");
  const nav = header.querySelector(":scope > nav.sections");
  const r = (e) => e.getBoundingClientRect();
  const items = [...bar.children, ...status.children].filter((e) => e.offsetParent && r(e).width > 1);
  const middles = items.map((e) => r(e).top + r(e).height / 2);
  const top = Math.min(r(bar).top, r(status).top), bottom = Math.max(r(bar).bottom, r(status).bottom);
  return {
    header: r(header).height,
    row: bottom - top,
    nav: nav ? r(nav).height : -1,
    tallest: Math.max(...items.map((e) => r(e).height)),
    spread: Math.max(...middles) - Math.min(...middles),
    over: Math.max(0, ...items.map((e) => Math.max(top - r(e).top, r(e).bottom - bottom))),
    items: items.map((e) => (e.className || e.tagName) + "@" + Math.round(r(e).top) + "+" + Math.round(r(e).height)).join(", "),
  };
})()`

type headerRow struct {
	Header, Row, Nav, Tallest, Spread, Over float64
	Items                                   string
}

// TestHeaderDesktopOneRow loads an English site and an Arabic edition
// (right to left, with longer labels), each with a two-word name and
// sections, on wide windows: the name, the search box, the tools and the
// status line share one row, and the header is that row and the row of
// sections, no taller; the status text, which comes after the first
// paint, moves nothing. With the largest text the row may wrap, but
// nothing runs off the window and nothing moves either.
func TestHeaderDesktopOneRow(t *testing.T) {
	t.Parallel()
	shots := os.Getenv("DATELINE_SCREENSHOTS")
	sites := []struct {
		name string
		ds   *article.Dataset
	}{
		{"en", headerDataset()},
		{"ar", editionDataset("ar", editions[1].mark, editions[1].word)},
	}
	for _, site := range sites {
		t.Run(site.name, func(t *testing.T) {
			t.Parallel()
			h := privateHost(t, "-data", writeDataset(t, "header-"+site.name+".json", site.ds))
			tb := newTab(t, 1280, 800)
			tb.addScript(styleProbe)          // window.__shifts
			const defaultSize, largest = 2, 7 // steps of components.SizeSteps
			check := func(width int64, size int) {
				t.Helper()
				what := fmt.Sprintf("%s at %d px, text size %d", site.name, width, size)
				tb.do("setting the viewport", viewport(width, 800))
				tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
				if size == defaultSize {
					eval[chromedp.Void](tb, `localStorage.removeItem("dateline:settings")`)
				} else {
					eval[chromedp.Void](tb, fmt.Sprintf(`localStorage.setItem("dateline:settings", JSON.stringify({size: %d}))`, size))
				}
				tb.mustLoad(h.URL+"/", http.StatusOK)
				tb.waitLive()
				tb.waitFor("the status line's text", statusText+` !== ""`, 20*time.Second)
				time.Sleep(300 * time.Millisecond)
				if s := eval[float64](tb, `window.__shifts`); s != 0 {
					t.Errorf("%s: the page moved: layout shift %v, want 0: %q", what, s, eval[[]string](tb, `window.__shiftsOf`))
				}
				if o := eval[float64](tb, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); o > 0 {
					t.Errorf("%s: the page is %vpx wider than the window", what, o)
				}
				if shots != "" {
					saveShot(t, tb, shots, fmt.Sprintf("header-%s-%d-size%d.png", site.name, width, size))
				}
				if size != defaultSize {
					return
				}
				got := eval[headerRow](tb, headerRowJS)
				// One row: its tallest item (the 2.25rem tools, a little more
				// in Arabic script) with the bar's 0.5rem above and below.
				row := max(got.Tallest, 2.25*16) + 16
				if got.Spread > 4 || got.Over > 1 || got.Row > row+1 {
					t.Errorf("%s: the header's first row is %vpx tall (want %v) and its items' middles %vpx apart: they do not share one row: %s",
						what, got.Row, row, got.Spread, got.Items)
				}
				if want := row + got.Nav + 1; got.Nav <= 0 || got.Header > want+1 {
					t.Errorf("%s: the header is %vpx tall, want %v: one row, the sections' (%vpx) and its border", what, got.Header, want, got.Nav)
				}
			}
			for _, width := range []int64{1024, 1280} {
				check(width, defaultSize)
			}
			check(1280, largest)
			tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
				return m.Source == "network" && strings.Contains(m.Text, "404")
			})
		})
	}
}

// partialHeaderProbe records each frame drawn while the page is parsed
// with a header but no <main> yet, the header cut short
// (window.__partialHeader: how much of it there was), and the layout
// shifts that moved something in the header (window.__headerShifts).
const partialHeaderProbe = `(() => {
  window.__partialHeader = [];
  window.__headerShifts = 0;
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) {
      const inHeader = (n) => n && (n.nodeType === 1 ? n : n.parentElement)?.closest(".site-header");
      if (!e.hadRecentInput && e.sources.some((s) => inHeader(s.node))) window.__headerShifts += e.value;
    }
  }).observe({type: "layout-shift", buffered: true});
  const frame = () => {
    const h = document.querySelector(".site-header");
    if (h && !document.getElementById("main")) {
      const bar = h.firstElementChild;
      window.__partialHeader.push(h.children.length + " rows, the first of " + (bar ? bar.children.length : 0) + " items");
    }
    if (document.readyState === "loading") requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`

// TestHeaderWholeAtFirstPaint loads the home page over a slow link, its
// document in small pieces with a pause after each, as on a phone's bad
// connection (or a busy phone's parser, which yields): the browser draws
// no frame of the page until the header is whole, and nothing in the
// header moves. A header drawn in part lays its first row out otherwise
// (without the status line the bar sits at the row's end, without the
// tools the search box does), and the rest, when it comes, moves it.
// Nor does anything below it: the page paints before <main> is whole, on
// purpose, and its lines go on as they come without moving what is drawn
// (TestPageAsItArrives cuts the page where a line once moved).
func TestHeaderWholeAtFirstPaint(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "header-slow.json", headerDataset()))
	w := newWatchedNet(t, h.URL)
	w.slow("/", 64, 20*time.Millisecond) // 12 kB, less compressed: a second or two
	tb := newTab(t, 1280, 800)
	tb.do("setting the viewport", viewport(1280, 800))
	tb.addScript(styleProbe)
	tb.addScript(partialHeaderProbe)
	tb.mustLoad(w.URL+"/", http.StatusOK)
	if got := eval[[]string](tb, `window.__partialHeader`); len(got) > 0 {
		t.Errorf("%d frames drew the header cut short: %q", len(got), got)
	}
	tb.waitLive()
	tb.waitFor("the status line's text", statusText+` !== ""`, 20*time.Second)
	time.Sleep(300 * time.Millisecond)
	if s := eval[float64](tb, `window.__headerShifts`); s != 0 {
		t.Errorf("the header moved: layout shift %v, want 0: %q", s, eval[[]string](tb, `window.__shiftsOf`))
	} else if s := eval[float64](tb, `window.__shifts`); s != 0 {
		t.Errorf("below the header, the page moved as it came: layout shift %v, want 0: %q", s, eval[[]string](tb, `window.__shiftsOf`))
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return m.Source == "network" && strings.Contains(m.Text, "404")
	})
}

// TestSearchBoxLargeText: on a 320 px phone at the largest text size, the
// search page's box keeps a row of its own, wide enough to read a query
// (its button wraps below it), and nothing runs off the window; at the
// default size box and button share the row.
func TestSearchBoxLargeText(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "search-large.json", headerDataset()))
	tb := newTab(t, 320, 700)
	tb.do("setting the viewport", viewport(320, 700))
	type box struct{ Input, Button, InputTop, ButtonTop, Over float64 }
	const boxJS = `(() => {
  const r = (s) => document.querySelector(".site-header " + s).getBoundingClientRect();
  const i = r(".search-input"), b = r(".search-form button");
  return {input: i.width, button: b.width, inputTop: i.top, buttonTop: b.top,
    over: document.documentElement.scrollWidth - document.documentElement.clientWidth};
})()`
	for _, tt := range []struct {
		size     int
		sameRow  bool
		minInput float64
	}{{0, true, 140}, {7, false, 240}} {
		tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
		set := `localStorage.removeItem("dateline:settings")` // the default size
		if tt.size > 0 {
			set = fmt.Sprintf(`localStorage.setItem("dateline:settings", JSON.stringify({size: %d}))`, tt.size)
		}
		eval[chromedp.Void](tb, set)
		tb.mustLoad(h.URL+"/search?q=synthetic", http.StatusOK)
		tb.waitLive()
		got := eval[box](tb, boxJS)
		if got.Input < tt.minInput || got.Over > 0 || (got.InputTop == got.ButtonTop) != tt.sameRow {
			t.Errorf("text size %d: the search box is %.0fpx wide (want at least %.0f), its button %.0fpx at %.0f against the box's %.0f (same row: want %v), the page %.0fpx wider than the window",
				tt.size, got.Input, tt.minInput, got.Button, got.ButtonTop, got.InputTop, tt.sameRow, got.Over)
		}
	}
}

// mastheadJS measures the site's name and the status line. Broken lists
// each word of the name drawn on more than one line although it is no
// wider than the header's row (only a word longer than the row may
// break), and Hidden each word that begins below the name's box (cut off
// by a clamp). Figure is the last number of the status text as drawn and
// Clipped says why it is not wholly seen: the element that holds it cut
// short (an ellipsis), or the number outside the status text's box.
const mastheadJS = `(() => {
  const name = document.querySelector(".site-name");
  const bar = name.parentElement, bs = getComputedStyle(bar);
  const row = bar.clientWidth - parseFloat(bs.paddingLeft) - parseFloat(bs.paddingRight);
  const box = name.getBoundingClientRect();
  const broken = [], hidden = [];
  const walk = document.createTreeWalker(name, NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode()); ) {
    for (const m of n.data.matchAll(/\S+/g)) {
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      const rects = [...r.getClientRects()].filter((c) => c.width > 0);
      const tops = rects.map((c) => c.top);
      const width = rects.reduce((w, c) => w + c.width, 0);
      if (Math.max(...tops) - Math.min(...tops) > 2 && width <= row) broken.push(m[0]);
      if (Math.min(...tops) >= box.bottom - 1) hidden.push(m[0]);
    }
  }
  const p = document.querySelector(".site-header .status-text"), pr = p.getBoundingClientRect();
  let figure = "", clipped = "no number in " + JSON.stringify(p.textContent);
  const digits = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  for (let n; (n = digits.nextNode()); ) {
    for (const m of n.data.matchAll(/[0-9\u0660-\u0669\u06F0-\u06F9]+/g)) {
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      const f = r.getBoundingClientRect(), holder = n.parentElement;
      figure = m[0];
      clipped = holder.scrollWidth > holder.clientWidth ? "its " + holder.className + " is cut short: " + holder.scrollWidth + "px in " + holder.clientWidth :
        f.left < pr.left - 0.5 || f.right > pr.right + 0.5 ? "drawn at " + Math.round(f.left) + "-" + Math.round(f.right) + ", outside " + Math.round(pr.left) + "-" + Math.round(pr.right) : "";
    }
  }
  return {broken, hidden, figure, clipped, over: document.documentElement.scrollWidth - document.documentElement.clientWidth};
})()`

type masthead struct {
	Broken, Hidden  []string
	Figure, Clipped string
	Over            float64
}

// TestHeaderMastheadWhole loads an English site, an Arabic edition and a
// site with a long three-word name on 320, 360 and 412 px phones, at
// every text size from the default to the largest: no word of the name
// that fits the row is broken (the tools wrap to a row of their own
// first), no word is cut off, nothing runs off the window and nothing
// moves. The status line, told that saving for offline is at 100% (the
// widest figure), shows the figure whole.
func TestHeaderMastheadWhole(t *testing.T) {
	t.Parallel()
	shots := os.Getenv("DATELINE_SCREENSHOTS")
	ar := editionDataset("ar", editions[1].mark, editions[1].word)
	ar.Site.Name = "الصحيفة الاصطناعية"
	long := headerDataset()
	long.Site.Name = "Synthetic International Chronicle"
	sites := []struct {
		name string
		ds   *article.Dataset
	}{{"en", headerDataset()}, {"ar", ar}, {"long", long}}
	for _, site := range sites {
		t.Run(site.name, func(t *testing.T) {
			t.Parallel()
			h := privateHost(t, "-data", writeDataset(t, "masthead-"+site.name+".json", site.ds))
			tb := newTab(t, 412, 800)
			tb.addScript(styleProbe)          // window.__shifts
			const defaultSize, largest = 2, 7 // steps of components.SizeSteps
			for _, width := range []int64{320, 360, 412} {
				tb.do("setting the viewport", viewport(width, 800))
				for size := defaultSize; size <= largest; size++ {
					what := fmt.Sprintf("%s at %d px, text size %d", site.name, width, size)
					tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
					eval[chromedp.Void](tb, fmt.Sprintf(`localStorage.setItem("dateline:settings", JSON.stringify({size: %d}))`, size))
					tb.mustLoad(h.URL+"/", http.StatusOK)
					tb.waitLive()
					tb.waitFor("the status line's text", statusText+` !== ""`, 20*time.Second)
					// What the service worker reports while it saves the
					// site (web/reader.js, onWorker), at its widest.
					got := eval[masthead](tb, `(() => {
					  navigator.serviceWorker.dispatchEvent(new MessageEvent("message", {data: {dateline: {type: "cache-progress", done: 100, total: 100}}}));
					  return `+mastheadJS+`;
					})()`)
					time.Sleep(300 * time.Millisecond)
					if len(got.Broken) > 0 {
						t.Errorf("%s: the name is broken inside %q, which fits the row", what, got.Broken)
					}
					if len(got.Hidden) > 0 {
						t.Errorf("%s: the name is cut: %q not shown", what, got.Hidden)
					}
					if got.Clipped != "" {
						t.Errorf("%s: the status line's figure %q is not whole: %s", what, got.Figure, got.Clipped)
					}
					if got.Over > 0 {
						t.Errorf("%s: the page is %vpx wider than the window: %s", what, got.Over, eval[string](tb, overflowingJS))
					}
					if s := eval[float64](tb, `window.__shifts`); s != 0 {
						t.Errorf("%s: the page moved: layout shift %v, want 0: %q", what, s, eval[[]string](tb, `window.__shiftsOf`))
					}
					if shots != "" && (size == defaultSize || size == 5 || size == largest) {
						saveShot(t, tb, shots, fmt.Sprintf("masthead-%s-%d-size%d.png", site.name, width, size))
					}
				}
			}
			tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
				return m.Source == "network" && strings.Contains(m.Text, "404") // robots.txt's favicon
			})
		})
	}
}

// TestSkipLinkUnseen compares the top of the page with the skip link as
// it is and with it gone (display: none), on phones and a desktop, at the
// default and the largest text size: until it has the focus, not a pixel
// of it shows. Focused, it is at the top of the window.
func TestSkipLinkUnseen(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "skip-link.json", headerDataset()))
	tb := newTab(t, 1280, 800)
	shot := func() image.Image {
		t.Helper()
		png64, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		img, err := png.Decode(bytes.NewReader(png64))
		if err != nil {
			t.Fatalf("decoding the screenshot: %v", err)
		}
		return img
	}
	for _, width := range []int64{320, 412, 1280} {
		for _, size := range []int{2, 7} { // the default and the largest of components.SizeSteps
			what := fmt.Sprintf("%d px, text size %d", width, size)
			tb.do("setting the viewport", viewport(width, 800))
			tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
			eval[chromedp.Void](tb, fmt.Sprintf(`localStorage.setItem("dateline:settings", JSON.stringify({size: %d}))`, size))
			tb.mustLoad(h.URL+"/", http.StatusOK)
			tb.waitLive()
			tb.waitFor("the status line's text", statusText+` !== ""`, 20*time.Second)
			time.Sleep(200 * time.Millisecond)
			with := shot()
			eval[chromedp.Void](tb, `document.querySelector(".skip-link").style.display = "none"`)
			without := shot()
			eval[chromedp.Void](tb, `document.querySelector(".skip-link").style.display = ""`)
			var shown []string
			for y := range 3 {
				for x := with.Bounds().Min.X; x < with.Bounds().Max.X; x++ {
					if with.At(x, y) != without.At(x, y) {
						shown = append(shown, fmt.Sprintf("%d,%d", x, y))
					}
				}
			}
			if len(shown) > 0 {
				t.Errorf("%s: the unfocused skip link shows %d pixels at the top of the page, from %s to %s",
					what, len(shown), shown[0], shown[len(shown)-1])
			}
			tb.keys("tabbing to the skip link", kb.Tab)
			if got := eval[float64](tb, `document.activeElement.matches(".skip-link") ? document.activeElement.getBoundingClientRect().top : -1`); got != 0 {
				t.Errorf("%s: the focused skip link is at %vpx, want the top of the window", what, got)
			}
		}
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return m.Source == "network" && strings.Contains(m.Text, "404") // robots.txt's favicon
	})
}
