//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	dlpage "dateline/app/page"
)

// settingsSizeJS sets the text-size slider of the open settings panel to
// a step, as dragging it does (an input event), and measures the panel:
// the slider's width against the panel's inner width (its form's content
// box), and how far the panel's content runs past its box sideways.
const settingsSizeJS = `((step) => {
  const d = document.getElementById("reader-settings"), f = d.querySelector("form"), s = f.elements.size;
  s.value = String(step);
  s.dispatchEvent(new Event("input", {bubbles: true}));
  const cs = getComputedStyle(f);
  const inner = f.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  return {
    figure: f.querySelector("output").textContent,
    slider: s.getBoundingClientRect().width,
    inner,
    over: d.scrollWidth - d.clientWidth,
    pageOver: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
})`

type settingsSize struct {
	Figure                        string
	Slider, Inner, Over, PageOver float64
}

// TestSettingsSizeSlider opens the reading settings on 320, 360 and
// 412 px phones in the English, Arabic and Sorani editions and moves the
// text-size slider through every step it offers. The slider keeps most
// of the panel's width at every step (at 320 px and 200% it had 41 px
// for its eight steps, sharing its row with the growing "200%"), and the
// panel never runs sideways past its box (the Sorani panel did, by 6 px).
// The figure is written in the edition's digits with their own percent
// sign, as the host writes it and as reader.js does at each step (both
// put a Latin "%" after "١٥٠"), and so is Continue reading's "40% read".
func TestSettingsSizeSlider(t *testing.T) {
	t.Parallel()
	shots := os.Getenv("DATELINE_SCREENSHOTS")
	for _, lang := range []string{"en", "ar", "ckb"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			h := privateHost(t, "-data", gendata(t, "settings-"+lang+".json", "-n", "6", "-lang", lang))
			tb := newTab(t, 412, 800)
			tb.extend(2 * time.Minute)
			// An article read 40% of the way, for Continue reading: its
			// label is English in these editions, "{percent}% read",
			// and its per cent the edition's all the same.
			tb.mustLoad(h.URL+"/", http.StatusOK)
			eval[chromedp.Void](tb, `localStorage.setItem("dateline:places", JSON.stringify({"/articles/x": {i: 2, f: 0.5, p: 40, title: "Synthetic", t: Date.now()}}))`)
			tb.mustLoad(h.URL+"/", http.StatusOK)
			tb.waitLive()
			read := "40% read"
			if lang != "en" {
				read = "٤٠٪ read"
			}
			tb.waitFor("Continue reading", `!document.querySelector(".continue").hidden`, 5*time.Second)
			if got := eval[string](tb, `document.querySelector(".continue-read").textContent`); !strings.Contains(got, read) {
				t.Errorf("%s: Continue reading says %q, want %q", lang, got, read)
			}
			tb.click("opening the settings", ".tool-settings")
			tb.waitFor("the settings panel", `document.getElementById("reader-settings").open`, 10*time.Second)
			percent, figure := "%", "100%"
			if lang != "en" {
				percent, figure = "٪", "١٠٠٪"
			}
			if got := eval[string](tb, `document.querySelector("#reader-settings output").textContent`); got != figure {
				t.Errorf("%s: the size shows %q before a change, want %q", lang, got, figure)
			}
			for _, width := range []int64{320, 360, 412} {
				tb.do("setting the viewport", viewport(width, 800))
				for step := range 8 { // components.SizeSteps
					what := fmt.Sprintf("%s at %d px, text size step %d", lang, width, step)
					got := eval[settingsSize](tb, fmt.Sprintf("%s(%d)", settingsSizeJS, step))
					if got.Slider < 0.6*got.Inner {
						t.Errorf("%s (%s): the slider is %.0f px of the panel's %.0f, want 60%% or more", what, got.Figure, got.Slider, got.Inner)
					}
					if got.Over != 0 {
						t.Errorf("%s (%s): the panel's content is %.0f px wider than its box: %s", what, got.Figure, got.Over, eval[string](tb, panelOverflowJS))
					}
					if !strings.HasSuffix(got.Figure, percent) || (lang != "en") != strings.ContainsAny(got.Figure, "٠١٢٣٤٥٦٧٨٩") {
						t.Errorf("%s: the size shows %q, want the edition's digits and %q", what, got.Figure, percent)
					}
					if got.PageOver > 0 {
						t.Errorf("%s (%s): the page is %.0f px wider than the window", what, got.Figure, got.PageOver)
					}
					if shots != "" && (step == 2 || step == 7) {
						saveShot(t, tb, shots, fmt.Sprintf("settings-%s-%d-size%d.png", lang, width, step))
					}
				}
			}
			tb.checkConsole(nil)
		})
	}
}

// panelOverflowJS names the settings panel's elements that reach past
// its inner box, for a failure's message.
const panelOverflowJS = `(() => {
  const d = document.getElementById("reader-settings"), b = d.getBoundingClientRect();
  return [...d.querySelectorAll("*")].filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > b.right - 1 || r.left < b.left + 1); })
    .map((e) => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : "") + " " + Math.round(e.getBoundingClientRect().left) + "-" + Math.round(e.getBoundingClientRect().right) + " of " + Math.round(b.left) + "-" + Math.round(b.right)).join(", ");
})()`

// TestPanelsLargeText opens the keyboard shortcuts and the reading
// settings at 200% on a 320 px phone, in the English and Arabic editions:
// no text in either runs past the panel's box, and the panel does not
// scroll sideways. "Previous paragraph" ran 11 px past the shortcuts'
// panel, its last word cut off (on the left, right to left). At 130% and
// 200% every shortcut's words are laid out alike, beside its key or below
// it: a row whose words fit on one line beside the key kept them there,
// the next put them below.
func TestPanelsLargeText(t *testing.T) {
	t.Parallel()
	const overJS = `((id) => {
  const d = document.getElementById(id), box = d.querySelector("form").getBoundingClientRect();
  const out = [...d.querySelectorAll("dt, dd, label, p, h2, button, output")].filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5 || e.scrollWidth > e.clientWidth + 1);
  }).map((e) => e.tagName.toLowerCase() + " " + JSON.stringify(e.textContent.trim().slice(0, 30)));
  if (d.scrollWidth > d.clientWidth) out.push("the panel scrolls sideways by " + (d.scrollWidth - d.clientWidth) + " px");
  return out;
})`
	for _, ed := range []struct{ name, url string }{
		{"en", readerHost(t).URL},
		{"ar", privateHost(t, "-data", writeDataset(t, "ar-panels.json", editionDataset(editions[1].lang, editions[1].mark, editions[1].word))).URL},
	} {
		t.Run(ed.name, func(t *testing.T) {
			tb := newTab(t, 320, 640)
			tb.do("setting the viewport", viewport(320, 640))
			tb.mustLoad(ed.url+"/robots.txt", http.StatusOK)
			eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", JSON.stringify({size: 7}))`)
			tb.mustLoad(ed.url+"/", http.StatusOK)
			tb.waitReader()
			for _, size := range []int{4, 7} {
				eval[chromedp.Void](tb, fmt.Sprintf(`document.documentElement.setAttribute("data-size", "%d")`, size))
				tb.keys("opening the shortcuts", "?")
				tb.waitFor("the shortcuts", `document.getElementById("reader-keys").open`, 5*time.Second)
				below := eval[[]bool](tb, `[...document.querySelectorAll("#reader-keys .key-row")].map((r) =>
  r.querySelector("dd").getBoundingClientRect().top > r.querySelector("dt").getBoundingClientRect().bottom - 2)`)
				if len(below) < 7 || slices.Contains(below, true) && slices.Contains(below, false) {
					t.Errorf("text size %d: the shortcuts' words below their key, row by row: %v, want all alike", size, below)
				}
				tb.keys("closing the shortcuts", kb.Escape)
				tb.waitFor("the shortcuts closed", `!document.getElementById("reader-keys").open`, 5*time.Second)
			}
			eval[chromedp.Void](tb, `document.documentElement.setAttribute("data-size", "7")`)
			for _, p := range []struct{ key, id string }{{"?", "reader-keys"}, {"t", "reader-settings"}} {
				tb.keys("opening "+p.id, p.key)
				tb.waitFor(p.id, `document.getElementById(`+jsString(p.id)+`).open`, 5*time.Second)
				if out := eval[[]string](tb, overJS+`(`+jsString(p.id)+`)`); len(out) > 0 {
					t.Errorf("%s at 200%%, 320 px: past the panel's box: %q", p.id, out)
				}
				tb.keys("closing "+p.id, kb.Escape)
				tb.waitFor(p.id+" closed", `!document.getElementById(`+jsString(p.id)+`).open`, 5*time.Second)
			}
		})
	}
}

// TestForcedColors opens the reading settings in forced colors (a contrast
// theme), with the sepia theme and wide lines chosen: each chosen setting
// is drawn apart from the others of its group, as a pressed Listen button
// and the paragraph being read are from the rest. Backgrounds said them
// alone, and forced colors take them away.
func TestForcedColors(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 412, 900)
	tb.addScript(speechStub("en-GB"))
	tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
	eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", JSON.stringify({theme: "sepia", width: "wide"}))`)
	tb.emulateMedia("screen", &emulation.MediaFeature{Name: "forced-colors", Value: "active"})
	tb.mustLoad(h.URL+dlpage.ArticlePath(slugShort), http.StatusOK)
	tb.waitReader()
	if !eval[bool](tb, `matchMedia("(forced-colors: active)").matches`) {
		t.Fatal("forced colors are not emulated")
	}
	// The look of an element: its text's and border's colours and its
	// outline. Not its background's: forced colors draw every one in the
	// page's colour, keeping only its transparency, which shows nothing.
	const lookJS = `((e) => { const s = getComputedStyle(e); return [s.color, s.borderTopColor, s.outlineStyle].join(" | "); })`
	tb.keys("opening the settings", "t")
	tb.waitFor("the settings", `document.getElementById("reader-settings").open`, 5*time.Second)
	for _, group := range []string{"width", "theme"} {
		looks := eval[map[string]string](tb, `(() => {
  const out = {};
  for (const i of document.querySelectorAll('#reader-settings input[name="`+group+`"]')) out[i.value + (i.checked ? " (chosen)" : "")] = `+lookJS+`(i.nextElementSibling);
  return out;
})()`)
		chosen, others := "", map[string]bool{}
		for k, v := range looks {
			if strings.HasSuffix(k, "(chosen)") {
				chosen = v
			} else {
				others[v] = true
			}
		}
		if chosen == "" || others[chosen] {
			t.Errorf("%s: the chosen setting looks as the others do: %q", group, looks)
		}
	}
	tb.keys("closing the settings", kb.Escape)
	tb.click("listening", ".tool-listen")
	tb.waitFor("the paragraph read", `!!document.querySelector(".is-speaking")`, 5*time.Second)
	got := eval[[]string](tb, `[`+lookJS+`(document.querySelector(".tool-listen")), `+lookJS+`(document.querySelector(".tool-share")),
  `+lookJS+`(document.querySelector(".is-speaking")), `+lookJS+`(document.querySelector(".story-body p:not(.is-speaking)"))]`)
	if got[0] == got[1] || got[2] == got[3] {
		t.Errorf("forced colors: pressed Listen %q against Share %q; the paragraph read %q against another %q", got[0], got[1], got[2], got[3])
	}
	tb.click("stopping", ".player-stop")
	// A message has an edge, over the text; the reading progress a colour
	// other than the page's.
	tb.keys("saving", "s")
	tb.waitFor("the message", `!!document.querySelector(".toast-saved")`, 5*time.Second)
	if edge := eval[string](tb, `(() => { const s = getComputedStyle(document.querySelector(".toast-saved")); return s.borderTopStyle + " " + s.borderTopWidth; })()`); edge != "solid 1px" {
		t.Errorf("forced colors: a message's edge is %q, want a solid line", edge)
	}
	eval[chromedp.Void](tb, `window.scrollTo(0, document.scrollingElement.scrollHeight / 3)`)
	tb.waitFor("the reading progress", `getComputedStyle(document.querySelector(".reading-progress")).transform !== "none"`, 5*time.Second)
	if bar, page := eval[string](tb, `getComputedStyle(document.querySelector(".reading-progress")).backgroundColor`), eval[string](tb, `getComputedStyle(document.body).backgroundColor`); bar == page {
		t.Errorf("forced colors: the reading progress is drawn in the page's colour, %s", bar)
	}
}
