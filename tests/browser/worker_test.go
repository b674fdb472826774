//go:build !(js && wasm)

package browser

// Helpers for the tests of the service worker, offline reading and updates:
// waiting for the worker's cache to be complete, going offline for real
// (the page and every service worker), loading a page that may fail, and
// checking an article page against its dataset entry.

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"dateline/app/article"
	"dateline/internal/chromium"
)

// evalAwait evaluates a JavaScript expression whose value is a promise and
// returns what it resolves to, stopping the test on failure.
func evalAwait[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// extend gives the rest of the test d more time in its browser than
// tabTimeout allows, for the few steps that are slow by nature (caching
// thousands of articles). The browser still ends with the test.
func (tb *tab) extend(d time.Duration) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(tb.ctx), d)
	tb.t.Cleanup(cancel)
	tb.ctx = ctx
}

// statusText is the text of the status bar in the page's header (not its
// live copy for screen readers).
const statusText = `((document.querySelector(".site-header .status-text") || {}).innerText || "")`

// cacheCountJS counts the entries of this page's version's cache, or -1
// when that cache does not exist (caches.open would create it: it is not
// called then).
const cacheCountJS = `(async () => {
  const name = "dateline-" + goappGetenv("GOAPP_VERSION");
  if (!(await caches.has(name))) return -1;
  return (await (await caches.open(name)).keys()).length;
})()`

// waitSaved waits until the status bar says the site is saved offline and the
// worker's cache for this page's version has stopped growing (activation
// is reported before a precache can have finished), and returns how many
// entries it holds.
func (tb *tab) waitSaved(timeout time.Duration) int {
	tb.t.Helper()
	tb.waitFor(`the status bar to say "Available offline" (or, past the precache limit, "Latest saved offline")`,
		statusText+`.includes("Available offline") || `+statusText+`.includes("Latest saved offline")`, timeout)
	last, same := -2, 0
	deadline := time.Now().Add(timeout)
	for same < 4 {
		n := evalAwait[int](tb, cacheCountJS)
		if n == last && n > 0 {
			same++
		} else {
			last, same = n, 0
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("the service worker's cache kept changing for %s (last count %d)", timeout, n)
		}
		time.Sleep(250 * time.Millisecond)
	}
	return last
}

// goOffline cuts the page and every service worker of the browser off the
// network, as DevTools' "Offline" does: requests fail, navigator.onLine is
// false, and the worker's own fetches fail too (emulating the page alone
// passes falsely, since the worker still reaches the host). The worker
// sessions stay attached until the test ends, so the emulation holds.
// online undoes it, for a test that comes back online.
func (tb *tab) goOffline() (online func()) {
	tb.t.Helper()
	apply := func(ctx context.Context, what string, offline bool) {
		tb.t.Helper()
		err := chromium.EmulateNetwork(ctx, network.Conditions{DownloadThroughput: -1, UploadThroughput: -1}, offline)
		if err != nil {
			tb.t.Fatalf("emulating offline %v on %s: %v", offline, what, err)
		}
		_, err = chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
			Offline: offline, DownloadThroughput: -1, UploadThroughput: -1,
		})
		if err != nil {
			tb.t.Fatalf("overriding the network state on %s: %v", what, err)
		}
	}
	apply(tb.ctx, "the page", true)
	targets, err := chromedp.Targets(tb.ctx)
	if err != nil {
		tb.t.Fatalf("listing targets: %v", err)
	}
	type worker struct {
		ctx  context.Context
		what string
	}
	var workers []worker
	for _, info := range targets {
		if info.Type != "service_worker" {
			continue
		}
		wctx, cancel := chromedp.NewContext(tb.ctx, chromedp.WithTargetID(info.TargetID), chromedp.WithDetachOnCancel())
		tb.t.Cleanup(cancel)
		w := worker{wctx, "the service worker " + info.URL}
		apply(w.ctx, w.what, true)
		workers = append(workers, w)
	}
	if len(workers) == 0 {
		tb.t.Fatal("going offline: no service_worker target to cut off")
	}
	tb.waitFor("navigator.onLine to be false", `!navigator.onLine`, 5*time.Second)
	return func() {
		tb.t.Helper()
		// The workers first: the page hears "online" when its own
		// connection is back, and may then load through them.
		for _, w := range workers {
			apply(w.ctx, w.what, false)
		}
		apply(tb.ctx, "the page", false)
		// Polled by hand: a page may reload as the connection comes back
		// (the offline page does), and an evaluation in the document that
		// went is an error, not a false.
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(25 * time.Millisecond) {
			on, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`navigator.onLine`))
			if err == nil && on {
				return
			}
			if time.Now().After(deadline) {
				tb.t.Fatalf("waiting for navigator.onLine to be true: %v, %v", on, err)
			}
		}
	}
}

func ptrTo[T any](v T) *T { return &v }

// load navigates to url and returns the status of the document, or an
// error when the navigation failed (a browser error page).
func (tb *tab) load(url string) (int64, error) {
	tb.t.Helper()
	resp, err := chromium.Load(tb.ctx, url)
	if err != nil {
		return 0, err
	}
	if href := eval[string](tb, `location.href`); strings.HasPrefix(href, "chrome-error:") {
		return resp.Status, fmt.Errorf("the browser shows its error page (%s)", href)
	}
	return resp.Status, nil
}

// mustLoad loads url and stops the test unless it answered want.
func (tb *tab) mustLoad(url string, want int64) {
	tb.t.Helper()
	st, err := tb.load(url)
	if err != nil {
		tb.t.Fatalf("loading %s: %v", url, err)
	}
	if st != want {
		tb.t.Fatalf("loading %s: status %d, want %d", url, st, want)
	}
}

// checkArticle checks the page on screen against its article: the
// prerendered h1 at the first frame (when this document was loaded, not
// changed in place), then once the app is live the h1 and every paragraph.
func checkArticle(t *testing.T, tb *tab, what string, a article.Article, loaded bool) {
	t.Helper()
	if loaded {
		painted := tb.firstFrame()
		if painted == nil || painted.H1 == nil || normalize(painted.H1.Text) != normalize(a.Headline) {
			t.Errorf("%s: the prerendered h1 is not %q: %+v", what, a.Headline, painted)
		}
	}
	tb.waitLive()
	tb.waitH1(a.Headline)
	text := normalize(eval[string](tb, `(document.querySelector("main") || document.body).innerText`))
	for i, p := range a.Paragraphs() {
		if !strings.Contains(text, normalize(p)) {
			t.Errorf("%s: paragraph %d missing from the page: %.80q", what, i, p)
		}
	}
	if a.Dateline != nil && a.Dateline.Place != "" && !strings.Contains(text, a.Dateline.Place) {
		t.Errorf("%s: the dateline %q is missing", what, a.Dateline.Place)
	}
}

// checkNotFound checks that the page on screen is the not-found page, a
// real document of the site (not the browser's error page), prerendered
// and then live.
func checkNotFound(t *testing.T, tb *tab, what string) {
	t.Helper()
	painted := tb.firstFrame()
	if painted == nil || painted.H1 == nil || painted.H1.Text != notFoundH1 {
		t.Errorf("%s: the prerendered h1 is not %q: %+v", what, notFoundH1, painted)
	}
	tb.waitLive()
	tb.waitH1(notFoundH1)
	// "Page not found · " and the site's name.
	if title := eval[string](tb, `document.title`); !strings.HasPrefix(title, notFoundH1+" · ") {
		t.Errorf("%s: document.title = %q, want %q and the site's name", what, title, notFoundH1+" · ")
	}
}

// bundled reads the dataset the host binary embeds (the repository's
// articles.json, which make build bundles).
func bundled(t testing.TB) *article.Dataset {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "articles.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ds article.Dataset
	if err := json.Unmarshal(b, &ds); err != nil {
		t.Fatalf("articles.json: %v", err)
	}
	return &ds
}

// bySlug indexes a dataset's articles.
func bySlug(ds *article.Dataset) map[string]article.Article {
	m := make(map[string]article.Article, len(ds.Articles))
	for _, a := range ds.Articles {
		m[a.Slug] = a
	}
	return m
}

// writeDataset writes ds as JSON into the test's temporary directory.
func writeDataset(t testing.TB, name string, ds *article.Dataset) string {
	t.Helper()
	b, err := json.MarshalIndent(ds, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// privateHost starts a host only this test uses, stopped when it ends.
func privateHost(t testing.TB, args ...string) *host {
	t.Helper()
	h, err := startHost(hostBinary(t), args...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.stop)
	return h
}

// freePort returns a port of 127.0.0.1 that nothing listens on right now.
func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// addrOf is "127.0.0.1:port".
func addrOf(port int) string { return "127.0.0.1:" + strconv.Itoa(port) }
