//go:build !(js && wasm)

package browser

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	dlpage "dateline/app/page"
)

// langsOfJS maps each of the texts it is given to the language of every
// text node of the page that holds it: that of its nearest element with a
// lang, as a screen reader picks its voice. Scripts' text (reader.js's
// labels, as JSON) is not read.
const langsOfJS = `((texts) => {
  const found = {};
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode()); ) {
    if (n.parentElement.closest("script")) continue;
    for (const t of texts) {
      if (n.data.includes(t)) {
        const el = n.parentElement.closest("[lang]");
        (found[t] = found[t] || []).push(el ? el.lang : "");
      }
    }
  }
  return found;
})(%s)`

// TestEditionFallbackLanguage opens an Arabic edition that gives two
// labels of its own and no others, so that readers see the rest in
// English: each English text is in English for a screen reader (an
// element of lang "en" holds it: WCAG 3.1.2), on the host's pages and
// the app's, in reader.js's messages and on the offline page, while the
// edition's own labels stay Arabic; axe finds nothing on those pages.
func TestEditionFallbackLanguage(t *testing.T) {
	t.Parallel()
	src := axeSource(t)
	const mark = "زاقن"
	ds := editionDataset("ar", mark, "عينة")
	ds.Site.Labels = map[string]string{"article.share": mark + " ١", "nav.skip": mark + " ٢"}
	h := privateHost(t, "-data", writeDataset(t, "ar-partial.json", ds))
	tb := newTab(t, 412, 900)
	share, skip := mark+" ١", mark+" ٢"
	check := func(what string, english []string, own ...string) {
		t.Helper()
		arg, err := json.Marshal(append(append([]string{}, english...), own...))
		if err != nil {
			t.Fatal(err)
		}
		found := eval[map[string][]string](tb, fmt.Sprintf(langsOfJS, arg))
		for _, s := range english {
			if langs := found[s]; len(langs) == 0 || strings.Trim(strings.Join(langs, " "), "en ") != "" {
				t.Errorf("%s: %q in languages %q, want en", what, s, langs)
			}
		}
		for _, s := range own {
			if langs := found[s]; len(langs) == 0 || strings.Trim(strings.Join(langs, " "), "ar ") != "" {
				t.Errorf("%s: the edition's own label %q in languages %q, want ar", what, s, langs)
			}
		}
	}
	article := []string{"Save for later", "Listen", " min read", "Updated ", "Related articles"}
	notFound := []string{"Page not found", "See the latest articles"}
	for _, p := range []struct {
		path   string
		status int64
		texts  []string
		own    []string
	}{
		{"/articles/edition-local", http.StatusOK, article, []string{share, skip}},
		{"/no/such/page", http.StatusNotFound, notFound, []string{skip}},
	} {
		tb.mustLoad(h.URL+p.path+"?wasm=false", p.status)
		check(p.path+" prerendered", p.texts, p.own...)
		runAxe(t, tb, src, p.path+" prerendered")
		tb.mustLoad(h.URL+p.path, p.status)
		tb.waitLive()
		time.Sleep(200 * time.Millisecond)
		check(p.path+" live", p.texts, p.own...)
		runAxe(t, tb, src, p.path+" live")
	}

	// reader.js's own messages: saving says so in a toast.
	tb.mustLoad(h.URL+"/articles/edition-local", http.StatusOK)
	tb.waitLive()
	tb.click("Save", ".tool-save")
	// Its last word, not "Keeping it for offline reading…", said first
	// while the first visit's install is still under way (a slow machine).
	tb.waitFor("the saved toast", savedNoteJS+` === "Saved. It opens offline from Saved articles."`, 45*time.Second)
	check("saved toast", []string{"Saved. It opens offline from Saved articles."}, share)
	runAxe(t, tb, src, "saved toast")

	tb.mustLoad(h.URL+dlpage.OfflinePath, http.StatusOK)
	check("offline page", []string{"You are offline", "See the latest articles", "Saved articles"}, skip)
	runAxe(t, tb, src, "offline page")
}
