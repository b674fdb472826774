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
	dlpage "dateline/app/page"
)

// toolsDataset is an edition in lang, of one short story, whose label for
// Save is save.
func toolsDataset(lang, save string) *article.Dataset {
	var body []article.Block
	for i := range 4 {
		body = append(body, article.Block{Type: article.Paragraph, Text: fmt.Sprintf("Paragraph %d of a synthetic story, invented filler copy.", i+1)})
	}
	return &article.Dataset{
		Site:     &article.Site{Name: "Synthetic Tools", Lang: lang, Labels: map[string]string{"article.save": save}},
		Articles: []article.Article{{Slug: "tools", Lang: lang, Headline: "A synthetic story", Body: body}},
	}
}

// toolsLayout is how the article's toolbar is laid out: the page's width
// beyond the window's, and the buttons that are cut or squeezed.
type toolsLayout struct {
	Over float64
	// Cut lists the buttons that run past the window's edge or whose
	// label runs past the button.
	Cut []string
	// Squeezed lists the buttons narrower than their label on one line
	// that still share their row: a label wraps only on a row of its own.
	Squeezed []string
}

const toolsLayoutJS = `(() => {
  const root = document.documentElement, bar = document.querySelector(".story-tools");
  const out = {over: root.scrollWidth - root.clientWidth, cut: [], squeezed: []};
  for (const b of bar.querySelectorAll(".tool")) {
    const r = b.getBoundingClientRect();
    if (r.width === 0) continue; // Listen, where the browser cannot speak
    const name = b.className.replace(/^tool /, "");
    if (r.left < -0.5 || r.right > root.clientWidth + 0.5 || b.scrollWidth > b.clientWidth + 0.5) out.cut.push(name);
    b.style.width = "max-content";
    const whole = b.getBoundingClientRect().width;
    b.style.width = "";
    const alone = Array.from(bar.children).every((o) => o === b || o.getBoundingClientRect().width === 0 ||
      o.getBoundingClientRect().bottom <= r.top + 0.5 || o.getBoundingClientRect().top >= r.bottom - 0.5);
    if (r.width < whole - 0.5 && !alone) out.squeezed.push(name);
  }
  return out;
})()`

// TestStoryToolsWrap opens an article of editions whose Save label is
// long, right to left (Sorani) and left to right, on a 320 px phone at
// every text size, the article saved or not: the toolbar stays within
// the window (no page wider than it, no button cut), a button wraps its
// label only on a row of its own, and nothing moves as the app takes the
// page over. Before, each
// button kept its label on one line: at the largest size the page was
// wider than the window and Save was cut.
func TestStoryToolsWrap(t *testing.T) {
	t.Parallel()
	for _, ed := range []struct{ lang, save string }{
		{"ckb", "پاشەکەوتکردن بۆ خوێندنەوەی دواتر"},
		{"en", "Keep this story to read it later"},
	} {
		t.Run(ed.lang, func(t *testing.T) {
			t.Parallel()
			if n := len([]rune(ed.save)); n < 30 {
				t.Fatalf("the label %q has %d characters, want 30 or more", ed.save, n)
			}
			h := privateHost(t, "-data", writeDataset(t, "tools-"+ed.lang+".json", toolsDataset(ed.lang, ed.save)))
			tb := newTab(t, 320, 700)
			tb.extend(time.Minute)
			tb.do("setting the viewport", viewport(320, 700))
			tb.addScript(styleProbe) // window.__shifts
			tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
			for i := range 16 {
				// Saved, Save is pressed and wears a tick.
				size, saved := i%8, i >= 8
				what := fmt.Sprintf("%s, text size %d, saved %v", ed.lang, size, saved)
				eval[chromedp.Void](tb, fmt.Sprintf(`localStorage.setItem("dateline:settings", JSON.stringify({size: %d}))`, size))
				if i == 8 {
					eval[chromedp.Void](tb, `localStorage.setItem("dateline:saved", JSON.stringify([{slug: "tools", path: "/articles/tools", title: "A synthetic story", lang: "", dir: "", t: 1}]))`)
				}
				tb.mustLoad(h.URL+dlpage.ArticlePath("tools"), http.StatusOK)
				tb.waitLive()
				time.Sleep(300 * time.Millisecond)
				if got := eval[string](tb, `(document.querySelector(".tool-save") || {}).textContent + " " + document.querySelector(".tool-save").getAttribute("aria-pressed")`); got != fmt.Sprint(ed.save, " ", saved) {
					t.Fatalf("%s: Save is %q, want %q pressed %v", what, got, ed.save, saved)
				}
				got := eval[toolsLayout](tb, toolsLayoutJS)
				if got.Over > 0 || len(got.Cut) > 0 {
					t.Errorf("%s: the page is %vpx wider than the window; cut: %s", what, got.Over, strings.Join(got.Cut, ", "))
				}
				if len(got.Squeezed) > 0 {
					t.Errorf("%s: %s wrap their labels beside another button", what, strings.Join(got.Squeezed, ", "))
				}
				if s := eval[float64](tb, `window.__shifts`); s != 0 {
					t.Errorf("%s: the page moved: layout shift %v, want 0: %q", what, s, eval[[]string](tb, `window.__shiftsOf`))
				}
			}
			tb.checkConsole(func(m chromedp.ConsoleMessage) bool { return strings.HasSuffix(m.URL, "/favicon.ico") })
		})
	}
}
