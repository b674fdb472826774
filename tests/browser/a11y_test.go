//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
)

// axePath is axe-core's browser build, installed by npm ci in tests/browser
// (package.json pins axe-core 4.14.1).
var axePath = filepath.Join("node_modules", "axe-core", "axe.min.js")

// axeSource returns axe-core's script, or stops the test.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatalf("run make test (npm ci in tests/browser): %v", err)
	}
	return string(b)
}

// axeRunJS runs the WCAG 2.0, 2.1 and 2.2 A and AA rules and the best
// practices on the whole document
// and keeps what a failure report needs.
const axeRunJS = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
  .then((r) => ({
    passes: r.passes.length,
    violations: r.violations.map((v) => ({
      id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({target: n.target.map(String).join(" "), html: n.html, summary: n.failureSummary || ""})),
    })),
  }))`

type axeResult struct {
	Passes     int
	Violations []struct {
		ID, Impact, Help, HelpURL string
		Nodes                     []struct{ Target, HTML, Summary string }
	}
}

// layoutWidths are the widths pages are checked at: a small phone, a
// common phone, a desktop.
var layoutWidths = []struct {
	name          string
	width, height int64
}{{"320", 320, 800}, {"412", 412, 900}, {"1280", 1280, 900}}

// checkLayout loads url (answering status), waits until the app is live
// and has settled, and checks that the page is no wider than the window
// (reflow) and that axe finds no violation; label names the page in
// failures.
func checkLayout(t *testing.T, tb *tab, src, url string, status int64, label string) {
	t.Helper()
	tb.mustLoad(url, status)
	tb.waitLive()
	time.Sleep(200 * time.Millisecond)
	if over := eval[float64](tb, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
		t.Errorf("%s: the page is %vpx wider than the window", label, over)
	}
	runAxe(t, tb, src, label)
}

// runAxe injects axe-core into the page on screen (Runtime.evaluate is
// not subject to the page's Content Security Policy), runs it, and reports
// every violation in detail.
func runAxe(t *testing.T, tb *tab, src, what string) {
	t.Helper()
	if !eval[bool](tb, `typeof window.axe === "object"`) {
		eval[chromedp.Void](tb, src)
	}
	res := evalAwait[axeResult](tb, axeRunJS)
	if res.Passes == 0 {
		t.Errorf("%s: axe-core passed no rule: it did not check the page", what)
	}
	for _, v := range res.Violations {
		var b strings.Builder
		fmt.Fprintf(&b, "%s: axe %s (%s): %s\n  %s", what, v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n  - %s\n    %s\n    %s", n.Target, clip(n.HTML, 300), strings.ReplaceAll(n.Summary, "\n", "\n    "))
		}
		t.Error(b.String())
	}
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// TestAccessibility runs axe-core's WCAG 2.1 A and AA checks on the home
// page, the seed article, the not-found page and the offline page, as
// prerendered (the app not running, ?wasm=false) and once the app is live
// (the offline page runs none), on a phone and on a desktop window.
func TestAccessibility(t *testing.T) {
	t.Parallel()
	src := axeSource(t)
	h := seedHost(t)
	pages := []struct {
		name, path string
		status     int64
		app        bool // the app takes the page over
	}{
		{"home", "/", http.StatusOK, true},
		{"seed article", "/articles/" + seedSlug, http.StatusOK, true},
		{"not found", "/no/such/page", http.StatusNotFound, true},
		// What the service worker shows offline for a page not saved: the
		// host's page, which runs no app.
		{"offline", dlpage.OfflinePath, http.StatusOK, false},
	}
	for _, size := range []struct {
		name          string
		width, height int64
	}{
		{"phone-412", 412, 900},
		{"desktop-1280", 1280, 900},
	} {
		t.Run(size.name, func(t *testing.T) {
			tb := newTab(t, int(size.width), int(size.height))
			tb.do("setting the viewport", viewport(size.width, size.height))
			for _, p := range pages {
				sep := "?"
				if strings.Contains(p.path, "?") {
					sep = "&"
				}
				tb.mustLoad(h.URL+p.path+sep+"wasm=false", p.status)
				tb.waitFor("the page to be laid out", `document.readyState === "complete"`, 10*time.Second)
				runAxe(t, tb, src, p.name+" prerendered")
				if !p.app {
					continue
				}

				tb.mustLoad(h.URL+p.path, p.status)
				tb.waitLive()
				time.Sleep(300 * time.Millisecond) // the status bar fills in
				runAxe(t, tb, src, p.name+" live")
			}
			tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
				return m.Source == "network" && strings.Contains(m.Text, "404")
			})
		})
	}
}
