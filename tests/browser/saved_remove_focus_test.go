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

// TestSavedRemoveKeepsPlace removes saved articles with the keyboard: focus
// goes to the Remove button of the entry that took the removed one's place
// (the next, or the one before when the last went), as a list's reader
// expects, and to the page's heading once the list is empty. It went to the
// first entry's button whatever was removed: a reader clearing the middle
// of a long list was sent back to its top, and a screen reader read them
// an entry they had not asked for.
func TestSavedRemoveKeepsPlace(t *testing.T) {
	t.Parallel()
	h := syntheticHost(t)
	tb := newTab(t, 1280, 900)
	tb.openSaved(h.URL, slugAlpha, slugBravo, slugCharlie)
	tb.waitFor("the saved list", `document.querySelectorAll(".saved-list .saved-remove").length === 3`, 10*time.Second)
	focused := `(() => { const e = document.activeElement; return !e ? "" : e.id === "page-title" ? "heading" : e.getAttribute("data-slug") || e.tagName; })()`
	for _, step := range []struct{ remove, want string }{
		{slugBravo, slugAlpha},   // the middle one: the next takes its place
		{slugAlpha, slugCharlie}, // the last: the one before it
		{slugCharlie, "heading"}, // the only one: the list is empty
	} {
		tb.do("focusing Remove of "+step.remove, chromedp.Focus(chromedp.CSS(fmt.Sprintf(`.saved-remove[data-slug=%q]`, step.remove))))
		tb.keys("pressing Enter on Remove of "+step.remove, kb.Enter)
		tb.waitFor(step.remove+" removed", fmt.Sprintf(`!document.querySelector('.saved-remove[data-slug=%q]')`, step.remove), 5*time.Second)
		time.Sleep(100 * time.Millisecond)
		if got := eval[string](tb, focused); got != step.want {
			t.Errorf("removing %s: focus is on %q, want %q", step.remove, got, step.want)
		}
	}
	tb.checkConsole(nil)
}

// openSaved saves the articles of slugs on the site at base, each from
// its page with the Save key, and opens the saved articles' page, live.
func (tb *tab) openSaved(base string, slugs ...string) {
	tb.t.Helper()
	for _, slug := range slugs {
		tb.mustLoad(base+dlpage.ArticlePath(slug), http.StatusOK)
		tb.waitLive()
		tb.waitReader()
		tb.keys("saving "+slug, "s")
		tb.waitFor(slug+" saved", `document.querySelector(".tool-save").getAttribute("aria-pressed") === "true"`, 5*time.Second)
	}
	tb.mustLoad(base+dlpage.SavedPath, http.StatusOK)
	tb.waitLive()
}

// TestSavedRemoveNamesInItsLanguage saves an English story and one in the
// edition's language in a Sorani and an Arabic edition: each Remove
// button's name ends with its entry's headline, for a screen reader only
// ("Remove: headline"). That headline was in no element of its own, so
// it took the edition's language and direction: a screen reader read the
// English headline with the Arabic or Sorani voice, where the entry's
// link beside it has the headline's language. It now carries the
// headline's language and direction, as the link does, before and after
// a redraw of the list in place (the saved copies' headlines read again).
// The page passes axe with entries in it.
func TestSavedRemoveNamesInItsLanguage(t *testing.T) {
	t.Parallel()
	src := axeSource(t)
	for _, ed := range editions {
		t.Run(ed.lang, func(t *testing.T) {
			t.Parallel()
			h := privateHost(t, "-data", writeDataset(t, ed.lang+"-saved.json", editionDataset(ed.lang, ed.mark, ed.word)))
			tb := newTab(t, 320, 800)
			tb.openSaved(h.URL, "edition-local", "edition-english")
			tb.waitFor("the saved list", `document.querySelectorAll(".saved-list .saved-remove").length === 2`, 10*time.Second)
			type named struct{ Slug, Link, Name string }
			const namesJS = `[...document.querySelectorAll(".saved-list .saved-remove")].map((b) => {
			  const a = b.parentNode.querySelector("a"), h = b.querySelector(".visually-hidden");
			  const title = [...h.querySelectorAll("[lang]")].find((e) => e.textContent === a.textContent);
			  const of = (e) => e ? e.closest("[lang]").lang + " " + getComputedStyle(e).direction : "none";
			  return {slug: b.dataset.slug, link: of(a), name: title ? of(title) : "none: " + h.outerHTML};
			})`
			check := func(when string) {
				t.Helper()
				for _, n := range eval[[]named](tb, namesJS) {
					if n.Name != n.Link {
						t.Errorf("%s, %s: the Remove button's headline is %q, its link %q", when, n.Slug, n.Name, n.Link)
					}
				}
			}
			check("drawn")
			// The list's headlines read again from the saved copies, in
			// place (savedPage, relabelSaved), as after an update: once
			// the copies are kept and the worker has said which version
			// they are (/_saved_version, at its activation), which a
			// loaded machine can take past the reload.
			tb.waitFor("the saved copies, and the worker's word on them", `Promise.all([
			  caches.match("/_saved_version", {cacheName: "dateline-meta"}),
			  caches.open("dateline-saved").then((c) => Promise.all(["edition-local", "edition-english"].map((s) => c.match("/_saved/articles/" + s + ".json")))),
			]).then(([v, l]) => window.__copies = !!v && l.every(Boolean)) && window.__copies === true`, 40*time.Second)
			eval[chromedp.Void](tb, `(() => { const k = "dateline:saved", v = localStorage.getItem(k);
			  const l = JSON.parse(v.slice(1)); l.forEach((a) => { a.title += " (old)"; });
			  localStorage.setItem(k, v.charAt(0) + JSON.stringify(l)); localStorage.removeItem("dateline:saved-titled"); })()`)
			tb.reload("Saved articles")
			tb.waitLive()
			tb.waitFor("the headlines read again", `![...document.querySelectorAll(".saved-list a")].some((a) => a.textContent.endsWith(" (old)"))`, 10*time.Second)
			check("read again")
			runAxe(t, tb, src, ed.lang+" saved articles with entries at 320 px")
			tb.checkConsole(nil)
		})
	}
}
