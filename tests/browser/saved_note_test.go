//go:build !(js && wasm)

package browser

import (
	"testing"
	"time"

	dlpage "dateline/app/page"
)

// TestSavedNoteStaysOnItsPage: on a first visit (data saver off, the app
// live) the reader saves an article while the service worker's first
// install is still under way (its last file, the offline page, held), and
// leaves the article for another page, by a link or back in the history,
// before the install ends. Save's note is the article's page's, as
// Share's message is: "Saved. Keeping it for offline reading…" goes with
// the page, and "Saved. It opens offline from Saved articles.", which
// once came on the next page when the install ended, is not shown there.
func TestSavedNoteStaysOnItsPage(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	alpha, bravo := dlpage.ArticlePath(slugAlpha), dlpage.ArticlePath(slugBravo)
	for _, c := range []struct {
		name string
		back bool
	}{
		{"a link followed", false},
		{"back", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			w, tb := liveHolding(t, h.URL, alpha, "/_offline")
			from, to := alpha, bravo
			if c.back {
				tb.click("following Read More", `.story-body .read-more a[href="`+bravo+`"]`)
				tb.waitFor("bravo", `location.pathname === "`+bravo+`" && !!document.querySelector('.story[data-slug="`+slugBravo+`"]')`, 10*time.Second)
				from, to = bravo, alpha
			}
			// The first install under way (the app registered the worker
			// once live), as for a reader who saves a moment later.
			w.waitHolding(t, "/_offline", 30*time.Second)
			tb.click("Save for later", ".tool-save")
			tb.waitFor("the note", savedNoteJS+` !== ""`, 10*time.Second)
			if got := eval[string](tb, savedNoteJS); got != "Saved. Keeping it for offline reading…" {
				t.Fatalf("while the worker installs, the note says %q", got)
			}
			tb.leaveFor(to, c.back)
			if got := eval[string](tb, messagesJS); got != "" {
				t.Errorf("after leaving %s for %s: messages %q, want none", from, to, got)
			}
			w.release("/_offline")
			tb.waitFor("the worker's install to end", `navigator.serviceWorker.getRegistration().then((r) => window.__active = !!(r && r.active)) && window.__active === true`, 30*time.Second)
			time.Sleep(time.Second) // the note's promise, had it a word to say
			if got := eval[string](tb, messagesJS); got != "" {
				t.Errorf("on %s once the install ended: messages %q, want none (the note was %s's)", to, got, from)
			}
			if !eval[bool](tb, storedJS("dateline:saved")+`.some((a) => a.path === "`+from+`")`) {
				t.Errorf("%s is not in the saved list", from)
			}
			tb.checkConsole(nil)
		})
	}
}

// messagesJS is the text of the messages on screen, joined.
const messagesJS = `[...document.querySelectorAll(".toast")].map((t) => t.innerText).join(" | ")`
