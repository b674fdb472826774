//go:build !(js && wasm)

package browser

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestSettingsResetKeepsSaver: Reset in Reading settings puts the look of
// the text back (size, width, spacing, theme, typeface), and leaves the
// reader's data saver and single-key shortcuts as they are. It turned
// data saver off, and with it started the app: a reader on an expensive
// connection, undoing a change of theme, downloaded app.wasm (1.5 MB) and
// the rest of the site; one who had turned single-key shortcuts off (a
// speech-input user) had them on again. What Reset did is said to screen
// readers from a status region in the dialog (the page's messages are
// inert under a modal dialog); it said nothing.
func TestSettingsResetKeepsSaver(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	wasmRequests := `performance.getEntriesByType("resource").filter((e) => /app\.wasm|app\.js|wasm_exec/.test(e.name)).length`
	tb := newTab(t, 360, 740)
	tb.mustLoad(h.URL+"/robots.txt", http.StatusOK)
	eval[chromedp.Void](tb, `localStorage.setItem("dateline:settings", JSON.stringify({saver: true, keys: false}))`)
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitReader()

	tb.click("opening Reading settings", ".tool-settings")
	tb.click("choosing the dark theme", `label[for="setting-theme-dark"]`)
	tb.click("choosing the wide line", `label[for="setting-width-wide"]`)
	tb.click("Reset", ".settings-reset")
	time.Sleep(time.Second)

	type state struct {
		Saver, Theme, Width string
		SaverBox, KeysBox   bool
		Wasm                int
	}
	got := eval[state](tb, `({
	  saver: document.documentElement.getAttribute("data-saver") || "",
	  theme: document.documentElement.getAttribute("data-theme") || "",
	  width: document.documentElement.getAttribute("data-width") || "",
	  saverBox: document.getElementById("setting-saver").checked,
	  keysBox: document.getElementById("setting-keys").checked,
	  wasm: `+wasmRequests+`,
	})`)
	if got.Theme != "" || got.Width != "" {
		t.Errorf("after Reset, theme %q and width %q, want the defaults", got.Theme, got.Width)
	}
	if got.Saver != "on" || !got.SaverBox || got.Wasm != 0 {
		t.Errorf("after Reset, data-saver %q (box ticked: %v), %d requests for the app; want data saver still on, and no app", got.Saver, got.SaverBox, got.Wasm)
	}
	if got.KeysBox {
		t.Error("after Reset, single-key shortcuts are on again; the reader had turned them off")
	}
	said := `(() => { const s = document.querySelector("#reader-settings[open] [role=status]"); return s ? s.textContent : "no status region in the open dialog"; })()`
	if got := eval[string](tb, said); got != "Text settings reset" {
		t.Errorf("after Reset, the settings' status region says %q, want %q", got, "Text settings reset")
	}
	tb.click("choosing the sepia theme", `label[for="setting-theme-sepia"]`)
	if got := eval[string](tb, said); got != "" {
		t.Errorf("after a change following Reset, the status region still says %q", got)
	}
	// Closed after a Reset and opened again, the dialog does not hold it.
	tb.click("Reset again", ".settings-reset")
	tb.waitFor("Reset said", said+` === "Text settings reset"`, 5*time.Second)
	eval[chromedp.Void](tb, `document.getElementById("reader-settings").close()`)
	tb.click("opening Reading settings again", ".tool-settings")
	if got := eval[string](tb, said); got != "" {
		t.Errorf("the settings opened again after a Reset: the status region says %q", got)
	}
	// And after a reload, as kept.
	tb.reload("reloading")
	tb.waitReader()
	if s := eval[string](tb, `document.documentElement.getAttribute("data-saver") || ""`); s != "on" {
		t.Errorf("after Reset and a reload, data-saver %q, want on", s)
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return m.Source == "network" && strings.Contains(m.Text, "404") // robots.txt's favicon
	})
}
