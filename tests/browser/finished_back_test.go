//go:build !(js && wasm)

package browser

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/app/article"
	dlpage "dateline/app/page"
)

const (
	slugFinished = "finished-long"
	headFinished = "Finished test: a long synthetic story read to its end"
	tagFinished  = "Lone synthetic tag"
)

// finishedDataset is a long plainly synthetic story with a tag that no
// other article has: the tag's page, one entry, is much shorter than the
// story.
func finishedDataset() *article.Dataset {
	var body []article.Block
	for i := range 30 {
		body = append(body, article.Block{Type: article.Paragraph, Text: fmt.Sprintf(
			"Paragraph %d of the long synthetic story. %s", i+1,
			strings.Repeat("This filler sentence is invented test copy that gives the story a length to scroll through. ", 3))})
	}
	return &article.Dataset{
		Site: &article.Site{Name: "Synthetic Finished", Description: "Plainly synthetic pages for a test of Back to a finished story."},
		Articles: []article.Article{
			{Slug: slugFinished, Headline: headFinished, Section: "Synthetic", Tags: []string{tagFinished},
				Published: "2024-05-03T09:00:00Z", Body: body},
			{Slug: "finished-other", Headline: "Finished test: another synthetic story", Section: "Synthetic",
				Published: "2024-05-02T09:00:00Z", Body: body[:3]},
		},
	}
}

// TestBackToFinishedStory reads a long story to its end, follows its tag
// (a page of one entry, much shorter than the story) and comes back: the
// story is where the reader left it, focus on the tag's link, as Back
// leaves a list or a story read halfway. Before, a story read to its end
// keeps no place to go back to (reader.js starts it again at its top
// when it is opened anew), and the browser's own restoring, which comes
// while the short page is still on screen, could scroll no further than
// that page: the reader was put back at the top of the story.
func TestBackToFinishedStory(t *testing.T) {
	t.Parallel()
	h := datasetHost(t, "finished", finishedDataset)
	tb := newTab(t, 412, 800)
	tb.do("setting the viewport", viewport(412, 800))
	tb.mustLoad(h.URL+dlpage.ArticlePath(slugFinished), http.StatusOK)
	tb.waitLive()
	tb.waitReader()
	eval[chromedp.Void](tb, `window.scrollTo(0, document.documentElement.scrollHeight)`)
	tb.waitFor("the story kept as read to its end",
		fmt.Sprintf(`(((%s || {})[location.pathname]) || {}).done === true`, storedJS("dateline:places")), 5*time.Second)
	y := eval[float64](tb, `scrollY`)
	if y < 2000 {
		t.Fatalf("the story is too short for the test: its end at scrollY %v", y)
	}
	tb.follow("following the tag", ".story-tags a", "Tagged "+tagFinished)
	if h := eval[float64](tb, `document.documentElement.scrollHeight`); h > y {
		t.Fatalf("the tag's page is %v px high, no shorter than the story's end at %v: the test shows nothing", h, y)
	}
	tb.back(headFinished)
	got := eval[float64](tb, `scrollY`)
	focus := eval[string](tb, `document.activeElement.getAttribute("href") || document.activeElement.tagName`)
	if math.Abs(got-y) > 2 || !strings.HasPrefix(focus, "/tags/") {
		t.Errorf("back on the story read to its end: scrollY %v, focus on %q; want %v, the tag's link", got, focus, y)
	}
}
