//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	dlpage "dateline/app/page"
)

// The player of Listen sits over the bottom of the window, one row tall
// on a wide phone and two or more on a narrow one or at a large text
// size: what the reader reads or taps must stay above it.

// playerSizes are the windows and text sizes (2 is the default, 4 is
// 130%, 7 is 200%) at which the player's height is checked: at 320 px its
// buttons wrap to two rows from 115%.
var playerSizes = []struct {
	width, height int
	size          int
}{
	{412, 800, 2}, {412, 800, 4},
	{320, 640, 2}, {320, 640, 4}, {320, 640, 7},
}

// listenAt opens the long article in tb at the given window and text
// size, with utterances that outlast the test, and starts listening.
func listenAt(tb *tab, h *host, width, height, size int) {
	tb.t.Helper()
	tb.do("setting the viewport", viewport(int64(width), int64(height)))
	// A fresh start each time, set away from the article (which keeps
	// its place as it is left): no place kept from the last round, no
	// article saved.
	tb.mustLoad(h.URL+"/", http.StatusOK)
	eval[chromedp.Void](tb, fmt.Sprintf(`localStorage.clear(), localStorage.setItem("dateline:settings", "`+storedMark+`" + JSON.stringify({size: %d}))`, size))
	tb.mustLoad(h.URL+dlpage.ArticlePath(slugLong), http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	eval[chromedp.Void](tb, `window.__speechMs = 600000`)
	// The page scrolls as it reads: a click by coordinates could miss.
	eval[chromedp.Void](tb, `document.querySelector(".tool-listen").click()`)
	tb.waitFor("the headline spoken", `__speech.spoken.length === 1 && !document.querySelector(".player").hidden`, 5*time.Second)
}

// waitStill waits until the page has not scrolled for 200 ms: a smooth
// scroll to the paragraph being read has ended.
func (tb *tab) waitStill() {
	tb.t.Helper()
	eval[chromedp.Void](tb, `window.__still = {y: -1, n: 0}`)
	tb.waitFor("the page to stop scrolling", `(() => { const s = window.__still;
  if (s.y === scrollY) { s.n++ } else { s.y = scrollY; s.n = 0 }
  return s.n >= 8; })()`, 10*time.Second)
}

// TestListenAbovePlayer listens to the long article and goes on with
// Next paragraph: at each step the paragraph being read is wholly in view
// above the player. The page scrolled only once the paragraph left the
// window, so the lines under the player were read unseen (at 412 px, a
// paragraph at y 558-788 under a player from 739).
func TestListenAbovePlayer(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	type spot struct {
		Text                   string
		Top, Bottom, PlayerTop float64
	}
	for _, width := range []int{412, 320} {
		tb := newTab(t, width, 800)
		tb.extend(2 * time.Minute)
		tb.addScript(speechStub("en-GB"))
		for _, c := range playerSizes {
			if c.width != width {
				continue
			}
			listenAt(tb, h, c.width, c.height, c.size)
			for step := 0; step <= 8; step++ {
				if step > 0 {
					eval[chromedp.Void](tb, `document.querySelector(".player-next").click()`)
					tb.waitFor("the next paragraph", fmt.Sprintf(`__speech.spoken.length === %d`, step+1), 5*time.Second)
				}
				tb.waitStill()
				s := eval[spot](tb, `(() => {
  const e = document.querySelector(".is-speaking"), r = e.getBoundingClientRect();
  return {text: e.textContent.slice(0, 12), top: r.top, bottom: r.bottom,
    playerTop: document.querySelector(".player").getBoundingClientRect().top};
})()`)
				fits := s.Bottom-s.Top <= s.PlayerTop
				if s.Top < 0 || s.Top >= s.PlayerTop || (fits && s.Bottom > s.PlayerTop+0.5) {
					t.Errorf("%dx%d, text size %d, step %d: %q read at y %.0f-%.0f, the player's top at %.0f: want it in view above the player",
						c.width, c.height, c.size, step, s.Text, s.Top, s.Bottom, s.PlayerTop)
				}
			}
			tb.click("stopping", ".player-stop")
		}
		tb.checkConsole(nil)
	}
}

// TestToastAbovePlayer saves the article with s while listening at
// 320 px, where the player wraps to two rows at larger text sizes, and
// takes no more than 30% of the window at 200%: the message sits above the
// player and leaves its buttons to be tapped, nothing on the page moves,
// and at the end of the page the footer is read above the player. Both were placed for a one-row
// player, and the message lay over Pause and Next paragraph.
func TestToastAbovePlayer(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 320, 640)
	tb.extend(time.Minute)
	tb.addScript(speechStub("en-GB"))
	tb.addScript(styleProbe)
	for _, c := range playerSizes {
		if c.width != 320 {
			continue
		}
		listenAt(tb, h, c.width, c.height, c.size)
		tb.keys("s", "s")
		tb.waitFor("the message", `!!document.querySelector(".toast-saved")`, 5*time.Second)
		type overlap struct {
			Toast, Player box
			Hit           string
		}
		o := eval[overlap](tb, `(() => {
  const rect = (el) => { const r = el.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  // What a tap at the middle of each of the player's buttons reaches.
  const hit = Array.from(document.querySelectorAll(".player button"), (b) => {
    const r = b.getBoundingClientRect(), at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return at && b.contains(at) ? "" : b.textContent + " under " + (!at ? "nothing" : at.closest(".toast") ? "a message" : at.tagName.toLowerCase() + "." + at.className);
  }).filter(Boolean).join("; ");
  return {toast: rect(document.querySelector(".toast-saved")), player: rect(document.querySelector(".player")), hit};
})()`)
		if o.Toast.Y+o.Toast.H > o.Player.Y && o.Toast.Y < o.Player.Y+o.Player.H && o.Toast.W > 0 {
			t.Errorf("text size %d: the message at y %.0f-%.0f lies over the player at y %.0f-%.0f",
				c.size, o.Toast.Y, o.Toast.Y+o.Toast.H, o.Player.Y, o.Player.Y+o.Player.H)
		}
		if o.Hit != "" {
			t.Errorf("text size %d: the player's buttons do not take their taps: %s", c.size, o.Hit)
		}
		// Room for the paragraph being read: at 200% its three buttons
		// stacked took 356 px of the 640.
		if o.Player.H > 0.3*640 {
			t.Errorf("text size %d: the player is %.0f px high, %.0f%% of the window", c.size, o.Player.H, o.Player.H/6.4)
		}
		// The player and the message come over the page: nothing under
		// them moves.
		if s := eval[float64](tb, `window.__shifts`); s != 0 {
			t.Errorf("text size %d: the page moved: layout shift %v, want 0: %q", c.size, s, eval[[]string](tb, `window.__shiftsOf`))
		}

		eval[chromedp.Void](tb, `window.scrollTo(0, document.scrollingElement.scrollHeight)`)
		tb.waitStill()
		end := eval[[]float64](tb, `[document.querySelector(".site-footer").getBoundingClientRect().bottom, document.querySelector(".player").getBoundingClientRect().top]`)
		if end[0] > end[1]+0.5 {
			t.Errorf("text size %d: at the end of the page the footer ends at y %.0f, under the player from %.0f", c.size, end[0], end[1])
		}
		tb.click("stopping", ".player-stop")
	}
	tb.checkConsole(nil)
}

// focusedJS names what has focus, for the messages of the tests.
const focusedJS = `(() => { const a = document.activeElement;
  return !a ? "nothing" : a.tagName.toLowerCase() + (a.className ? "." + a.className.trim().split(/\s+/).join(".") : ""); })()`

// TestListenStopFocus starts Listen and stops it from the keyboard: focus
// goes back to the Listen button that opened the player, without moving
// the page, whether Stop ends the reading or the article runs out under
// Next paragraph. Focus elsewhere when the reading ends stays there. The
// player was hidden with focus in it, which fell to the body, and the next
// Tab went to "Skip to content".
func TestListenStopFocus(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 412, 800)
	tb.addScript(speechStub("en-GB"))
	// start opens the article and starts listening with Enter on Listen,
	// with utterances that last as long as the test needs.
	start := func(slug string, ms int) {
		t.Helper()
		tb.mustLoad(h.URL+dlpage.ArticlePath(slug), http.StatusOK)
		tb.waitLive()
		tb.waitReader()
		eval[chromedp.Void](tb, fmt.Sprintf(`window.__speechMs = %d, document.querySelector(".tool-listen").focus()`, ms))
		tb.keys("pressing Enter on Listen", kb.Enter)
		tb.waitFor("the headline spoken", `__speech.spoken.length === 1 && !document.querySelector(".player").hidden`, 5*time.Second)
	}
	// tabTo stands for the Tabs from Listen to a button of the player,
	// which comes after the whole page.
	tabTo := func(sel string) {
		t.Helper()
		eval[chromedp.Void](tb, `document.querySelector(`+jsString(sel)+`).focus({preventScroll: true})`)
	}

	t.Run("Stop", func(t *testing.T) {
		start(slugLong, 600000)
		// Read on a few paragraphs, so that the page has followed the
		// reading down, away from Listen.
		tabTo(".player-next")
		for i := range 4 {
			tb.keys("pressing Enter on Next paragraph", kb.Enter)
			tb.waitFor("the next paragraph", fmt.Sprintf(`__speech.spoken.length === %d`, i+2), 5*time.Second)
		}
		tb.waitStill()
		y := eval[float64](tb, `scrollY`)
		if y == 0 {
			t.Fatal("the page did not follow the reading down")
		}
		tabTo(".player-stop")
		tb.keys("pressing Enter on Stop", kb.Enter)
		tb.waitFor("the player to go", `document.querySelector(".player").hidden`, 5*time.Second)
		if !eval[bool](tb, `document.activeElement === document.querySelector(".tool-listen")`) {
			t.Errorf("after Stop, focus is on %s, want the Listen button", eval[string](tb, focusedJS))
		}
		if got := eval[float64](tb, `scrollY`); got != y {
			t.Errorf("after Stop the page moved from y %.0f to %.0f, want it left where the reading was", y, got)
		}
		tb.keys("tabbing on", kb.Tab)
		if eval[bool](tb, `document.activeElement === document.body || document.activeElement.matches(".skip-link")`) {
			t.Errorf("the Tab after Stop went to %s, want the control after Listen", eval[string](tb, focusedJS))
		}
	})

	t.Run("EndOfArticle", func(t *testing.T) {
		// The short article: its headline and two paragraphs, then the end.
		start(slugShort, 600000)
		tabTo(".player-next")
		for i := range 3 {
			tb.keys("pressing Enter on Next paragraph", kb.Enter)
			if i < 2 {
				tb.waitFor("the next paragraph", fmt.Sprintf(`__speech.spoken.length === %d`, i+2), 5*time.Second)
			}
		}
		tb.waitFor("the player to go at the end", `document.querySelector(".player").hidden`, 5*time.Second)
		if !eval[bool](tb, `document.activeElement === document.querySelector(".tool-listen")`) {
			t.Errorf("at the end of the article, focus is on %s, want the Listen button", eval[string](tb, focusedJS))
		}
	})

	t.Run("FocusElsewhere", func(t *testing.T) {
		// The reading runs to its end by itself while the reader is on
		// Share: focus stays there. Pausing and resuming with l sets the
		// utterance on screen going again at the new, short length.
		start(slugShort, 600000)
		eval[chromedp.Void](tb, `document.querySelector(".tool-share").focus(), window.__speechMs = 100`)
		tb.keys("pausing with l", "l")
		tb.keys("resuming with l", "l")
		tb.waitFor("the player to go at the end", `document.querySelector(".player").hidden`, 5*time.Second)
		if !eval[bool](tb, `document.activeElement === document.querySelector(".tool-share")`) {
			t.Errorf("the reading ended with focus on Share, and focus moved to %s", eval[string](tb, focusedJS))
		}
	})
	tb.checkConsole(nil)
}

// slowVoices makes the stubbed speechSynthesis list no voice until
// window.__voicesReady is set, as Chrome's first getVoices() does: Listen
// then waits for them (up to 1.5 s).
const slowVoices = `(() => { const s = window.speechSynthesis, all = s.getVoices; s.getVoices = () => window.__voicesReady ? all() : []; })()`

// TestListenWhileVoicesCome taps Listen while the platform's voices have
// not come yet: a second tap meanwhile starts no second reading, and a
// page left meanwhile is not read. Each tap started a reading once the
// voices came, so the headline was read twice; and the page the reader
// had gone to in the meantime was read instead (the home page's heading,
// "Latest articles", under a player on a page with no Listen).
func TestListenWhileVoicesCome(t *testing.T) {
	t.Parallel()
	h := readerHost(t)
	tb := newTab(t, 412, 800)
	tb.addScript(speechStub("en-GB"))
	tb.addScript(slowVoices)

	tb.mustLoad(h.URL+dlpage.ArticlePath(slugLong), http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	// Both taps in one task: the second comes while Listen still waits,
	// however slow the machine (the wait ends at most 1.5 s after the
	// first, and a round trip each may take that long under load).
	eval[chromedp.Void](tb, `window.__speechMs = 50, setTimeout(() => window.__voicesReady = true, 300),
		document.querySelector(".tool-listen").click(), document.querySelector(".tool-listen").click()`)
	tb.waitFor("four utterances", `__speech.spoken.length >= 4`, 10*time.Second)
	spoken := eval[[]map[string]string](tb, `__speech.spoken.slice(0, 4)`)
	for i, want := range []string{headLong, "TESTVILLE", "Paragraph 2 ", "Paragraph 3 "} {
		if got := spoken[i]["text"]; len(got) < len(want) || got[:len(want)] != want {
			t.Errorf("utterance %d is %q, want %q…: the headline once, then the paragraphs", i, got, want)
		}
	}
	tb.click("stopping", ".player-stop")

	// Listen, then the home page at once; the voices come only once the
	// home page is drawn, so that a Listen still waiting then would read
	// it. (Voices that came before the page changed would start the
	// article's reading on a slow machine: seen once under load.)
	eval[chromedp.Void](tb, `window.__voicesReady = false, __speech.spoken = []`)
	tb.expectPage()
	eval[chromedp.Void](tb, `document.querySelector(".tool-listen").click(), document.querySelector('.site-header a[href="/"]').click()`)
	tb.waitPage("the home page")
	eval[chromedp.Void](tb, `window.__voicesReady = true`)
	time.Sleep(2 * time.Second) // the wait (1.5 s from the tap; the stub sends no voiceschanged) is over
	if got := eval[[]map[string]string](tb, `__speech.spoken`); len(got) > 0 {
		t.Errorf("on the home page, after Listen tapped on the article: spoken %q, want nothing", got)
	}
	if eval[bool](tb, `!document.querySelector(".player").hidden`) {
		t.Errorf("the player is shown on the home page")
	}
	tb.checkConsole(nil)
}
