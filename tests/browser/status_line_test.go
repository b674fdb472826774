//go:build !(js && wasm)

package browser

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/app/article"
)

// gendata writes a dataset made by tools/gendata with the given flags
// into the test's temporary directory and returns its path.
func gendata(t *testing.T, name string, args ...string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to run tools/gendata: %v", err)
	}
	cmd := exec.Command(goTool, append([]string{"run", "./tools/gendata"}, args...)...)
	cmd.Dir = filepath.Join("..", "..")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go run ./tools/gendata %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var ds article.Dataset
	if err := json.Unmarshal(out, &ds); err != nil || len(ds.Articles) == 0 {
		t.Fatalf("tools/gendata %s wrote %d articles (%v)", strings.Join(args, " "), len(ds.Articles), err)
	}
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// statusLineJS measures the header's status line: what it shows (its
// text without the isolates of an English fallback), each of its words
// that is not wholly seen and why (cut by the line's box or the row's,
// drawn on two lines, under the button beside it), whether Install
// shows, the contrast of the text and of the button with the page, and
// how far the page runs past the window.
const statusLineJS = `(() => {
  const p = document.querySelector(".site-header .status-text"), row = p.parentElement;
  const pr = p.getBoundingClientRect(), rr = row.getBoundingClientRect();
  const buttons = [...row.querySelectorAll("button")].filter((b) => !b.hidden && b.getBoundingClientRect().width > 0);
  const cut = [];
  const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode()); ) {
    for (const m of n.data.matchAll(/[^\s\u2068\u2069]+/g)) {
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      const rects = [...r.getClientRects()].filter((c) => c.width > 0);
      const tops = new Set(rects.map((c) => Math.round(c.top)));
      const b = r.getBoundingClientRect(), mid = b.top + b.height / 2;
      const why = !rects.length ? "not drawn" : tops.size > 1 ? "broken over two lines" :
        b.left < pr.left - 0.5 || b.right > pr.right + 0.5 ? "outside the line " + Math.round(b.left) + "-" + Math.round(b.right) + " of " + Math.round(pr.left) + "-" + Math.round(pr.right) :
        mid < rr.top || mid > rr.bottom ? "outside the row" :
        buttons.some((x) => { const q = x.getBoundingClientRect(); return b.right > q.left + 0.5 && b.left < q.right - 0.5 && mid > q.top && mid < q.bottom; }) ? "under a button" : "";
      if (why) cut.push(m[0] + ": " + why);
    }
  }
  const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const v = rgb(c).map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const paper = getComputedStyle(document.body).backgroundColor;
  const install = row.querySelector(".install-button:not(.status-retry)");
  return {
    text: p.textContent.replace(/[\u2068\u2069]/g, "").replace(/[\u0660-\u0669]/g, (d) => d.charCodeAt(0) - 0x660),
    cut,
    install: !install.hidden && getComputedStyle(install).visibility === "visible",
    textContrast: ratio(getComputedStyle(p).color, paper),
    buttonContrast: ratio(getComputedStyle(install).color, paper),
    over: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
})()`

type statusLine struct {
	Text                         string
	Cut                          []string
	Install                      bool
	TextContrast, ButtonContrast float64
	Over                         float64
}

// TestStatusLineWhole shows the status line in English, in an Arabic
// edition (tools/gendata -lang ar, whose labels are English, isolated in
// a right-to-left page) and in one with labels in Arabic script
// (editionDataset) on 320, 360 and 412 px phones, at every text size
// the settings offer, light and dark: saved for offline with Install
// offered beside it, the latest saved with Install, and saving at 100%.
// Every word of the status is seen whole: none cut by an ellipsis (at
// 320 px and 150% it read "…lable offline"), broken or hidden under the
// button; nothing runs off the window; the text and the button keep
// their contrast; and nothing moves while the line changes, nor when
// Install comes and goes beside it.
func TestStatusLineWhole(t *testing.T) {
	t.Parallel()
	shots := os.Getenv("DATELINE_SCREENSHOTS")
	for _, lang := range []string{"en", "ar", "ar-labels"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			// The English text's per cent after Arabic-Indic digits is
			// theirs ("١٠٠٪", read here in ASCII digits); an edition's
			// own label keeps what its editors wrote.
			data, mark, percent := "", "", "%"
			if lang == "ar" {
				percent = "٪"
			}
			if lang == "ar-labels" {
				data = writeDataset(t, "status-ar-labels.json", editionDataset("ar", editions[1].mark, editions[1].word))
				mark = editions[1].mark + " " // its labels: the mark and the English
			} else {
				data = gendata(t, "status-"+lang+".json", "-n", "12", "-lang", lang)
			}
			h := privateHost(t, "-data", data)
			tb := newTab(t, 412, 800)
			tb.extend(4 * time.Minute) // 24 pages
			tb.addScript(styleProbe)   // window.__shifts
			// told has the page told msg, as the service worker tells it
			// (web/reader.js, onWorker), and measures the line at once: a
			// report of the worker's own can come in between two calls.
			told := func(msg string) statusLine {
				return eval[statusLine](tb, `(() => {
				  navigator.serviceWorker.dispatchEvent(new MessageEvent("message", {data: {dateline: `+msg+`}}));
				  return `+statusLineJS+`;
				})()`)
			}
			for _, width := range []int64{320, 360, 412} {
				tb.do("setting the viewport", viewport(width, 800))
				for size := range 8 { // components.SizeSteps
					tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
					eval[chromedp.Void](tb, fmt.Sprintf(`localStorage.setItem("dateline:settings", JSON.stringify({size: %d}))`, size))
					tb.mustLoad(h.URL+"/", http.StatusOK)
					tb.waitLive()
					tb.waitFor("the status line's text", statusText+` !== ""`, 20*time.Second)
					eval[chromedp.Void](tb, offerInstallJS)
					// The theme changes colours alone: the reader's setting,
					// as the settings panel sets it.
					for _, theme := range []string{"light", "dark"} {
						what := fmt.Sprintf("%s at %d px, text size %d, %s", lang, width, size, theme)
						eval[chromedp.Void](tb, fmt.Sprintf(`document.documentElement.setAttribute("data-theme", %q)`, theme))
						for _, state := range []struct{ name, msg, want string }{
							{"saved", `{type: "cache-done"}`, "Available offline"},
							{"latest saved", `{type: "cache-done", complete: false}`, "Latest saved offline"},
							{"saving", `{type: "cache-progress", done: 100, total: 100}`, "Saving for offline 100" + percent},
						} {
							got := told(state.msg)
							if got.Text != mark+state.want {
								t.Errorf("%s, %s: the status line reads %q, want %q", what, state.name, got.Text, mark+state.want)
							}
							if len(got.Cut) > 0 {
								t.Errorf("%s, %s: the status %q is not seen whole: %q", what, state.name, got.Text, got.Cut)
							}
							if got.TextContrast < 4.5 || got.Install && got.ButtonContrast < 4.5 {
								t.Errorf("%s, %s: contrast %.2f for the text, %.2f for Install, want 4.5 or more", what, state.name, got.TextContrast, got.ButtonContrast)
							}
							if got.Over > 0 {
								t.Errorf("%s, %s: the page is %vpx wider than the window: %s", what, state.name, got.Over, eval[string](tb, overflowingJS))
							}
							if shots != "" && theme == "light" && (size == 2 || size == 5 || size == 7) {
								saveShot(t, tb, shots, fmt.Sprintf("status-%s-%d-size%d-%s.png", lang, width, size, strings.ReplaceAll(state.name, " ", "-")))
							}
							if state.name == "saved" && width == 320 && size == 2 && !got.Install {
								t.Errorf("%s: Install is not shown beside the status, where there is room for both", what)
							}
						}
						// Install withdrawn (installed from the browser's menu),
						// then offered again: the text, on one line without the
						// button and two beside it at a large size, keeps its
						// first line where it was.
						tops := eval[[]float64](tb, `(() => {
						  const top = () => {
						    const r = document.createRange();
						    r.selectNodeContents(document.querySelector(".site-header .status-text"));
						    return r.getClientRects()[0].top;
						  };
						  const tops = [];
						  navigator.serviceWorker.dispatchEvent(new MessageEvent("message", {data: {dateline: {type: "cache-done"}}}));
						  tops.push(top());
						  window.dispatchEvent(new Event("appinstalled"));
						  tops.push(top());
						  `+offerInstallJS+`;
						  tops.push(top());
						  return tops;
						})()`)
						if tops[1] != tops[0] || tops[2] != tops[0] {
							t.Errorf("%s: the status's first line is at %v with Install, %v without, %v with it again: it moved", what, tops[0], tops[1], tops[2])
						}
						if s := eval[float64](tb, `window.__shifts`); s != 0 {
							t.Errorf("%s: the page moved: layout shift %v, want 0: %q", what, s, eval[[]string](tb, `window.__shiftsOf`))
						}
					}
				}
			}
			tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
				return m.Source == "network" && strings.Contains(m.Text, "404") // robots.txt's favicon
			})
		})
	}
}
