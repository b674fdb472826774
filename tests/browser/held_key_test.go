//go:build !(js && wasm)

package browser

import (
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
)

// holdKey presses key and holds it: a keydown, then the keyboard's
// repeats (autoRepeat, e.repeat in the page), then the keyup.
func (tb *tab) holdKey(what, key, code string, repeats int) {
	tb.t.Helper()
	vk := int64(key[0] - 'a' + 'A')
	send := func(p input.DispatchKeyEventParams) {
		if _, err := chromedp.Call(tb.ctx, input.DispatchKeyEvent, p); err != nil {
			tb.t.Fatalf("%s: %v", what, err)
		}
	}
	for i := 0; i <= repeats; i++ {
		repeat := i > 0
		send(input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code, Text: key, WindowsVirtualKeyCode: vk, AutoRepeat: &repeat})
	}
	send(input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: key, Code: code, WindowsVirtualKeyCode: vk})
}

// TestShortcutHeld holds s, then l, a little longer than a tap: the
// article is saved, and read aloud, as by one press. Each of the
// keyboard's repeats was a press of its own: s saved and removed the
// article in turn (held through five repeats it ended saved or not by
// chance, under a message for each), and l started the reading, paused
// it, resumed it.
func TestShortcutHeld(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 412, 800)
	tb.addScript(speechStub("en-GB"))
	tb.mustLoad(h.URL+dlpage.ArticlePath(slugLong), http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	eval[chromedp.Void](tb, `window.__speechMs = 600000`)

	tb.holdKey("holding s", "s", "KeyS", 5)
	tb.waitFor("the message", `!!document.querySelector(".toast-saved")`, 5*time.Second)
	if got := eval[string](tb, `document.querySelector(".tool-save").getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("s held: Save for later is pressed %q, want true", got)
	}

	tb.holdKey("holding l", "l", "KeyL", 4)
	tb.waitFor("the headline spoken", `__speech.spoken.length === 1 && !document.querySelector(".player").hidden`, 5*time.Second)
	time.Sleep(300 * time.Millisecond)
	if got := eval[[]string](tb, `__speech.calls`); len(got) != 0 {
		t.Errorf("l held: the reading was paused or resumed, %q, want it read on", got)
	}
	if got := eval[string](tb, `document.querySelector(".player-pause").textContent`); got != "Pause" {
		t.Errorf("l held: the player offers %q, want Pause", got)
	}
	tb.checkConsole(nil)
}
