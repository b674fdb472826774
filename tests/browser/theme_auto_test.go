//go:build !(js && wasm)

package browser

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
)

// TestAutoThemeFirstFrame chooses the dark theme in Reading settings, then
// the automatic one again, on a system in dark mode, and opens pages (the
// app running, and with data saver on): the first frame is dark, as the
// page is once reader.js has run. reader.js keeps every setting, the
// automatic theme as "auto", and loader.js set data-theme="auto", which
// the style sheet's dark automatic theme (for a root without data-theme)
// did not match: each page opened light, then turned dark.
func TestAutoThemeFirstFrame(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 412, 800)
	tb.emulateMedia("", &emulation.MediaFeature{Name: "prefers-color-scheme", Value: "dark"})
	tb.addScript(`document.addEventListener("DOMContentLoaded", () => requestAnimationFrame(() => {
  window.__firstPaper = getComputedStyle(document.documentElement).getPropertyValue("--paper").trim();
}), {once: true});`)
	tb.mustLoad(h.URL+dlpage.ArticlePath(slugShort), http.StatusOK)
	tb.waitReader()
	tb.click("opening Reading settings", ".tool-settings")
	tb.click("choosing the dark theme", `label[for="setting-theme-dark"]`)
	tb.click("choosing the automatic theme", `label[for="setting-theme-auto"]`)
	if got := eval[string](tb, `localStorage.getItem("dateline:settings")`); !strings.Contains(got, `"theme":"auto"`) {
		t.Fatalf("the settings kept are %q, want the automatic theme among them", got)
	}
	const dark = "#171513"
	for _, saver := range []bool{false, true} {
		if saver {
			eval[chromedp.Void](tb, `(() => { const k = "dateline:settings", v = localStorage.getItem(k); localStorage.setItem(k, v.replace('"saver":false', '"saver":true')); })()`)
		}
		for _, path := range []string{dlpage.ArticlePath(slugLong), "/"} {
			tb.mustLoad(h.URL+path, http.StatusOK)
			tb.waitReader()
			tb.waitFor("the first frame", `window.__firstPaper !== undefined`, 5*time.Second)
			got := eval[string](tb, `window.__firstPaper + " " + getComputedStyle(document.documentElement).getPropertyValue("--paper").trim()`)
			if got != dark+" "+dark {
				t.Errorf("data saver %v, %s: the paper in the first frame, then once reader.js has run: %q, want the dark system's %s both", saver, path, got, dark)
			}
		}
	}
	tb.checkConsole(nil)
}
