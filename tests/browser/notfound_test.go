//go:build !(js && wasm)

package browser

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const notFoundH1 = "Page not found"

// TestNotFound checks that unknown addresses answer 404 with the not-found
// page, prerendered and once the app is live, and that its link home works
// in place.
func TestNotFound(t *testing.T) {
	h := seedHost(t)

	// Plain HTTP first: the status and the prerendered heading.
	for _, path := range []string{
		"/no/such/page",
		"/articles/no-such-slug",
		"/articles/",
		"/articles/" + seedSlug + "/extra",
		"/Articles/" + seedSlug,
	} {
		resp, err := http.Get(h.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, resp.StatusCode)
		}
		if !strings.Contains(string(body), ">"+notFoundH1+"</h1>") {
			t.Errorf("GET %s: the prerendered page has no <h1>%s</h1>", path, notFoundH1)
		}
	}

	tb := newTab(t, 1280, 900)
	for _, path := range []string{"/no/such/page", "/articles/no-such-slug"} {
		if st := tb.navigate(h.URL + path); st != http.StatusNotFound {
			t.Errorf("%s in the browser: status %d, want 404", path, st)
		}
		painted := tb.firstFrame()
		if painted == nil || painted.H1 == nil || painted.H1.Text != notFoundH1 {
			t.Errorf("%s: the prerendered h1 is not %q: %+v", path, notFoundH1, painted)
		}
		tb.waitLive()
		tb.waitH1(notFoundH1)
		if title := eval[string](tb, `document.title`); title != notFoundH1+" · Dateline" {
			t.Errorf("%s: document.title = %q", path, title)
		}
		eval[chromedp.Void](tb, `window.__marker = 404`)
		tb.do("following the link home", chromedp.Click(chromedp.CSS(`main a[href="/"]`)))
		tb.waitH1("Latest articles")
		if m := eval[int](tb, `window.__marker || 0`); m != 404 {
			t.Errorf("%s: the link home reloaded the page", path)
		}
	}
	// The documents themselves, and the data file of an unknown article,
	// answer 404: the browser logs those; nothing else may be logged.
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return m.Source == "network" && strings.Contains(m.Text, "404")
	})
}

// TestNotFoundMarksNoSection opens a section's page past its last: the
// not-found page, which names no section as the page, neither as the host
// drew it nor once the app is live.
func TestNotFoundMarksNoSection(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "notfound-section.json", headerDataset()))
	tb := newTab(t, 1280, 800)
	const current = `[...document.querySelectorAll("[aria-current]")].map((e) => e.outerHTML)`
	path := "/sections/section-one/page/2" // Section One has one story: one page
	if st := tb.navigate(h.URL + path); st != http.StatusNotFound {
		t.Fatalf("%s: status %d, want 404", path, st)
	}
	if got := eval[[]string](tb, current); len(got) > 0 {
		t.Errorf("%s: the host's page marks %q as current", path, got)
	}
	tb.waitLive()
	tb.waitH1(notFoundH1)
	time.Sleep(200 * time.Millisecond)
	if got := eval[[]string](tb, current); len(got) > 0 {
		t.Errorf("%s: once the app is live, the not-found page marks %q as current", path, got)
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return m.Source == "network" && strings.Contains(m.Text, "404")
	})
}
