//go:build !(js && wasm)

package browser

import (
	"net/http"
	"strings"
	"testing"

	"dateline/app/article"
	"dateline/app/page"
)

// TestLatinScriptFaces opens an edition of Sorani written in Latin
// letters (ckb-Latn), which article.Dir lays out left to right, and
// checks that its text is not set in the faces and spacing drawn for
// Arabic script (dateline.css's :lang(ckb), which matches ckb-Latn too)
// while an edition in ckb keeps them, its frame in their sans-serif. The
// text is made up.
func TestLatinScriptFaces(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		lang   string
		arabic bool
	}{{"ckb-Latn", false}, {"ckb", true}} {
		t.Run(tt.lang, func(t *testing.T) {
			ds := &article.Dataset{
				Site: &article.Site{Name: "Synthetic Sorani", Lang: tt.lang, Labels: map[string]string{}},
				Articles: []article.Article{{Slug: "faces", Lang: tt.lang, Headline: "Sernavê synthetic",
					Body: []article.Block{{Type: article.Paragraph, Text: "Nivîsa synthetic ya çîrokê."}}}},
			}
			h := privateHost(t, "-data", writeDataset(t, "faces-"+tt.lang+".json", ds))
			tb := newTab(t, 412, 900)
			tb.mustLoad(h.URL+page.ArticlePath("faces")+"?wasm=false", http.StatusOK)
			font := eval[string](tb, `getComputedStyle(document.querySelector(".story-body p")).fontFamily`)
			if got := strings.Contains(font, "Naskh Arabic"); got != tt.arabic {
				t.Errorf("a paragraph of a %s edition is set in %s", tt.lang, font)
			}
			// The frame's sans-serif rules (a class each) still win over
			// the language's faces, which set the serif on every element.
			sans := eval[string](tb, `getComputedStyle(document.querySelector(".site-footer")).fontFamily`)
			if want := map[bool]string{true: `"Noto Sans Arabic"`, false: "system-ui"}[tt.arabic]; !strings.HasPrefix(sans, want) {
				t.Errorf("the footer of a %s edition is set in %s, want %s first", tt.lang, sans, want)
			}
		})
	}
}
