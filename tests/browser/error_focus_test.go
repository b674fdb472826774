//go:build !(js && wasm)

package browser

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/app/i18n"
	dlpage "dateline/app/page"
)

// TestLoadErrorTakesFocus follows a link in the app whose page the host
// fails to give (its data file answers 500), from the foot of a long list,
// as a reader on a phone taps "Older articles": the error, with its Try
// again, is at the top with focus on its heading, as any other page the
// app draws. Focus was left on the body, the link followed being gone, and
// a screen reader said nothing of the failure.
func TestLoadErrorTakesFocus(t *testing.T) {
	t.Parallel()
	ds := archiveDataset(120)
	tr := dlpage.NewSite(ds.Site, nil).Table
	h := privateHost(t, "-data", writeDataset(t, "error-place.json", ds))
	broken := dataBase(t, h.URL+"/") + "/lists/home/2.json"
	srv := failingProxy(t, h.URL, broken, serverError)

	tb := newTab(t, 360, 740)
	tb.mustLoad(srv.URL+"/", http.StatusOK)
	tb.waitLive()
	eval[bool](tb, `(document.querySelector("main a[rel=next]").scrollIntoView({block: "center"}), true)`)
	if y := eval[float64](tb, `window.scrollY`); y < 1000 {
		t.Fatalf("the list's foot is at %.0f px: too short a list for the test", y)
	}
	tb.click("Older articles", `main a[rel=next]`)
	tb.waitH1(tr.Text(i18n.ErrorTitle))
	type place struct {
		Y       float64
		Focused string
		H1Top   float64
	}
	var got place
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		got = eval[place](tb, `({y: window.scrollY, focused: document.activeElement.id || document.activeElement.tagName, h1Top: document.querySelector("h1").getBoundingClientRect().top})`)
		if got.Y == 0 && got.Focused == "page-title" {
			break
		}
	}
	if got.Y != 0 || got.Focused != "page-title" || got.H1Top < 0 || got.H1Top > 740 {
		t.Errorf("the error page: scrolled to %.0f, its heading at %.0f px in the window, focus on %q; want the top, the heading in view and focused", got.Y, got.H1Top, got.Focused)
	}
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return allowOffline(m) || (m.Source == "network" && strings.Contains(m.Text, "status of 500") && m.URL == srv.URL+broken) ||
			strings.Contains(m.Text, "dateline: loading page data: loading /page/2: fetching "+broken+": status 500")
	})
}
