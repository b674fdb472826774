//go:build !(js && wasm)

package browser

import (
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	dlpage "dateline/app/page"
)

// TestForcedColorsPressedToolFocus tabs to the pressed Save button in
// forced colors (a contrast theme) whose light or dark is not the one of
// the reader's theme: its focus ring is drawn in the system's text colour,
// as a chosen setting's is. The button keeps its own colours there
// (forced-color-adjust: none, to show it pressed), and its ring kept the
// page theme's: #1a5fb4 of the light theme on a dark contrast theme's
// black, or #8cb8ff of the dark one on a light theme's white, a ring a
// keyboard user could hardly see.
func TestForcedColorsPressedToolFocus(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	for _, c := range []struct{ theme, scheme string }{{"light", "dark"}, {"dark", "light"}} {
		t.Run(c.theme+" theme, "+c.scheme+" system", func(t *testing.T) {
			tb := newTab(t, 1280, 900)
			tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
			eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", JSON.stringify({theme: `+jsString(c.theme)+`}))`)
			tb.emulateMedia("screen", &emulation.MediaFeature{Name: "forced-colors", Value: "active"},
				&emulation.MediaFeature{Name: "prefers-color-scheme", Value: c.scheme})
			tb.mustLoad(h.URL+dlpage.ArticlePath(slugShort), http.StatusOK)
			tb.waitLive()
			tb.waitReader()
			tb.keys("saving", "s")
			tb.waitFor("Save pressed", `document.querySelector(".tool-save").getAttribute("aria-pressed") === "true"`, 5*time.Second)
			tb.do("focusing Share", chromedp.Focus(chromedp.CSS(".tool-share")))
			tb.do("Shift+Tab to Save", chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
			tb.waitFor("Save focused by the keyboard", `document.activeElement.matches(".tool-save:focus-visible")`, 5*time.Second)
			got := eval[[]string](tb, `(() => {
  const probe = document.createElement("span");
  probe.style.color = "CanvasText";
  document.body.append(probe);
  const text = getComputedStyle(probe).color;
  probe.remove();
  const s = getComputedStyle(document.querySelector(".tool-save"));
  return [s.outlineStyle, s.outlineColor, text];
})()`)
			if got[0] == "none" || got[1] != got[2] {
				t.Errorf("the pressed Save button's focus ring is %s %s, want the system's text colour %s", got[0], got[1], got[2])
			}
		})
	}
}
