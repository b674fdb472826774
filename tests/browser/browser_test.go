//go:build !(js && wasm)

package browser

import (
	"context"
	"fmt"
	"math"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"dateline/internal/chromium"
)

// chromiumPath is Debian's Chromium unless CHROME_PATH names another.
func chromiumPath(t testing.TB) string {
	t.Helper()
	p := chromium.Path()
	if fi, err := os.Stat(p); err != nil || fi.IsDir() {
		t.Fatalf("install chromium: apt-get install chromium (no browser at %s)", p)
	}
	return p
}

// tab is one page of a Chromium started for one test with a fresh, empty
// profile (a cold cache and no service worker). It records everything the
// page writes to its console.
type tab struct {
	t   *testing.T
	ctx context.Context // every action runs under the test's deadline

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

// tabTimeout bounds everything one test does in its browser.
const tabTimeout = 90 * time.Second

// newTab starts Chromium with a new profile at the given window size.
func newTab(t *testing.T, width, height int) *tab {
	t.Helper()
	// The browser is started by the first call, which must not carry a
	// deadline (it would end the browser). A context whose start failed
	// is not used again: chromedp would start a second browser for it
	// and, when both ended, close one channel twice and panic the whole
	// test binary (seen once in CI: allocate.go, "close of closed
	// channel"). A failed start gets a new browser, once.
	var bctx context.Context
	for attempt := 1; bctx == nil; attempt++ {
		allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(),
			chromium.Options(chromiumPath(t), t.TempDir(), width, height)...)
		t.Cleanup(allocCancel)
		c, bcancel := chromedp.NewContext(allocCtx)
		t.Cleanup(bcancel)
		_, err := chromedp.Call(c, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: probeScript})
		switch {
		case err == nil:
			bctx = c
		case attempt == 2:
			t.Fatalf("starting chromium: %v", err)
		default:
			t.Logf("starting chromium failed, starting another: %v", err)
		}
	}

	tb := &tab{t: t}
	// Subscribed before any page loads.
	messages := chromedp.Console(bctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.console = append(tb.console, m)
			tb.mu.Unlock()
		}
	}()
	ctx, cancel := context.WithTimeout(bctx, tabTimeout)
	t.Cleanup(cancel)
	tb.ctx = ctx
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("browser console:\n%s", tb.consoleText())
		}
	})
	return tb
}

// probeScript runs in every document before the page's own scripts. It
// gives the tests helpers (window.__dt), records the registrations of a
// service worker (window.__swRegistered), marks the prerendered tree so that
// the takeover can be seen, records the page as it is in the first frame
// after DOMContentLoaded (window.__firstFrame: no frame is drawn before the
// stylesheet has loaded, while DOMContentLoaded may come before it), and
// then samples every frame until the app is live (window.__frames, one
// entry per change), to catch a flash of other content.
const probeScript = `(() => {
  const describe = (el) => el ? el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "") : "nothing";
  const rect = (el) => {
    const r = el.getBoundingClientRect();
    return {x: r.x, y: r.y, w: r.width, h: r.height};
  };
  const dt = {
    // The visible text of the page, without go-app's loader (its label
    // holds the download percentage until the app takes over) and without
    // the status line and the live regions outside <main> (what reader.js
    // fills in once the worker reports, such as "Available offline") and
    // the install button (shown when the browser offers to install).
    // Everything in <main> counts.
    text() {
      let text = Array.from(document.body.children)
        .filter((el) => el.id !== "app-wasm-loader")
        .map((el) => el.innerText).join("\n");
      for (const el of document.querySelectorAll("body [aria-live], .status-text, .install-button")) {
        const t = el.closest("main") ? "" : el.innerText;
        if (t) text = text.replace(t, " ");
      }
      return text;
    },
    // The boxes of the landmarks of a page, to compare before and after the
    // takeover.
    rects() {
      const out = {};
      for (const sel of ["h1", ".site-header", ".figure-caption", ".story-body > p", ".read-more", "section.related", ".site-footer"]) {
        const el = document.querySelector(sel);
        if (el) out[sel] = rect(el);
      }
      return out;
    },
    h1() {
      const h1 = document.querySelector("h1");
      if (!h1) return null;
      const r = h1.getBoundingClientRect(), cs = getComputedStyle(h1);
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return {text: h1.textContent, x: r.x, y: r.y, w: r.width, h: r.height,
        visibility: cs.visibility, display: cs.display, opacity: Number(cs.opacity),
        hit: !!hit && (hit === h1 || h1.contains(hit)), hitWhat: describe(hit)};
    },
    loader() {
      const l = document.getElementById("app-wasm-loader");
      if (!l) return null;
      const cs = getComputedStyle(l);
      return Object.assign(rect(l), {pointerEvents: cs.pointerEvents, display: cs.display});
    },
    // live: the app has marked the document and its first render is in
    // (the page it drew, or the empty element before the page it kept).
    live() {
      const first = document.body && document.body.firstElementChild;
      return document.documentElement.dataset.app === "live" && !!first && !first.__dtPrerendered;
    },
  };
  window.__dt = dt;
  window.__frames = [];
  // Each registration of a service worker, with where the app stood then
  // (app.js registers it once the page has started: workerstart.js).
  window.__swRegistered = [];
  if (window.ServiceWorkerContainer) {
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...args) {
      window.__swRegistered.push({app: document.documentElement.dataset.app || "", script: String(args[0])});
      return register.apply(this, args);
    };
  }
  document.addEventListener("DOMContentLoaded", () => {
    const first = document.body.firstElementChild;
    if (first) first.__dtPrerendered = true;
    requestAnimationFrame(firstFrame);
  }, {once: true});
  const firstFrame = () => {
    window.__firstFrame = {app: document.documentElement.dataset.app || "", h1: dt.h1(), loader: dt.loader(),
      text: dt.text(), rects: dt.rects(), vw: innerWidth, vh: innerHeight,
      // what covers the middle of the window, and the middle of the first paragraph
      hitMiddle: describe(document.elementFromPoint(innerWidth / 2, innerHeight / 2))};
    let last = "", after = 0;
    const sample = () => {
      const h1 = document.querySelector("h1");
      const main = document.querySelector("main");
      const s = (h1 ? h1.textContent : "(no h1)") + " | " + (main ? main.innerText.length : -1);
      if (s !== last) {
        window.__frames.push({h1: h1 ? h1.textContent : null, mainChars: main ? main.innerText.length : -1,
          live: dt.live()});
        last = s;
      }
      if (dt.live()) {
        if (!window.__liveAt) window.__liveAt = performance.now();
        if (++after > 5) return;
      }
      requestAnimationFrame(sample);
    };
    sample();
  };
})();`

// do runs actions, stopping the test on failure.
func (tb *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page, stopping the test on
// failure.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// navigate loads a URL and returns the HTTP status of the document.
func (tb *tab) navigate(url string) int64 {
	tb.t.Helper()
	resp, err := chromium.Load(tb.ctx, url)
	if err != nil {
		tb.t.Fatal(err)
	}
	return resp.Status
}

// reload reloads the page and waits for the new document's load event.
func (tb *tab) reload(what string) {
	tb.t.Helper()
	if err := chromium.Reload(tb.ctx); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// goBack and goForward move in the history and wait until the entry is on
// screen (see chromium.Go).
func (tb *tab) goBack(what string) {
	tb.t.Helper()
	if err := chromium.Go(tb.ctx, -1); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

func (tb *tab) goForward(what string) {
	tb.t.Helper()
	if err := chromium.Go(tb.ctx, 1); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// waitFor polls a JavaScript expression until it is truthy.
func (tb *tab) waitFor(what, expr string, timeout time.Duration) {
	tb.t.Helper()
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(25*time.Millisecond)))
	if err != nil {
		state, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[string](
			`JSON.stringify({path: location.pathname, app: document.documentElement.dataset.app || "", h1: window.__dt && __dt.h1()})`))
		tb.t.Fatalf("waiting for %s (%s): %v; page state: %s", what, expr, err, state)
	}
}

// firstFrame returns the page as the probe recorded it in its first frame,
// waiting for that frame: the load event can come before it.
func (tb *tab) firstFrame() *firstFrameState {
	tb.t.Helper()
	tb.waitFor("the page's first frame", "!!window.__firstFrame", 10*time.Second)
	return eval[*firstFrameState](tb, `window.__firstFrame`)
}

// waitLive waits until app.wasm has taken over the page.
func (tb *tab) waitLive() {
	tb.t.Helper()
	tb.waitFor("the app to be live", `window.__dt && __dt.live()`, 30*time.Second)
}

// waitReader waits until web/reader.js has started on the page
// (html[data-reader]).
func (tb *tab) waitReader() {
	tb.t.Helper()
	tb.waitFor("reader.js", `document.documentElement.hasAttribute("data-reader")`, 10*time.Second)
}

// expectPage arms a mark for the app's next page change: components tell
// reader.js by a "dateline:page" event once a page changed in place is
// drawn, scrolled and focused. Arm it before the click or key that
// navigates; waitPage waits for the mark. The address changes first, and
// the old page stays on screen until go-app's next frame draws the new one,
// which on a loaded machine can come well after.
func (tb *tab) expectPage() {
	tb.t.Helper()
	eval[chromedp.Void](tb, `window.__pageDrawn = false, document.addEventListener("dateline:page", () => { window.__pageDrawn = true }, {once: true})`)
}

// waitPage waits for the page change that expectPage armed for.
func (tb *tab) waitPage(what string) {
	tb.t.Helper()
	tb.waitFor(what+": the page drawn", `window.__pageDrawn === true`, 10*time.Second)
}

// waitOfflineH1 waits until the offline page's heading shows want (its
// words for the other state, online or offline, are there, hidden).
func (tb *tab) waitOfflineH1(want string) {
	tb.t.Helper()
	tb.waitFor(fmt.Sprintf("the offline page's h1 %q", want),
		fmt.Sprintf(`(document.querySelector("main .notice-offline h1") || {}).innerText === %s`, jsString(want)), 10*time.Second)
}

// waitH1 waits until the page's h1 reads want, its white space collapsed
// (the host's markup puts a line break between the parts of a heading).
func (tb *tab) waitH1(want string) {
	tb.t.Helper()
	tb.waitFor(fmt.Sprintf("h1 %q", want),
		fmt.Sprintf(`((document.querySelector("h1") || {}).textContent || "").replace(/\s+/g, " ").trim() === %s`, jsString(want)), 10*time.Second)
}

func (tb *tab) consoleText() string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var b strings.Builder
	for _, m := range tb.console {
		fmt.Fprintf(&b, "  %s (%s:%d)\n", m, m.URL, m.Line)
	}
	return b.String()
}

// appTrouble matches what the app and the Go runtime log when something has
// gone wrong, whatever the console level they use.
var appTrouble = regexp.MustCompile(`(?i)panic:|fatal error:|staying on the prerendered page|loading page data|go program has already exited|wasm.*failed`)

// checkConsole fails the test for every error, exception or sign of trouble
// the page wrote to its console, except those allow accepts.
func (tb *tab) checkConsole(allow func(chromedp.ConsoleMessage) bool) {
	tb.t.Helper()
	// Messages arrive asynchronously; give the last ones a moment.
	time.Sleep(100 * time.Millisecond)
	tb.mu.Lock()
	msgs := append([]chromedp.ConsoleMessage(nil), tb.console...)
	tb.mu.Unlock()
	for _, m := range msgs {
		bad := m.Type == chromedp.ConsoleError || m.IsException() || appTrouble.MatchString(m.Text)
		if bad && (allow == nil || !allow(m)) {
			tb.t.Errorf("console %s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line)
		}
	}
}

// checkNoUpdatePrompt waits until the service worker controls the page
// (its first activation is when a false "update" would be announced) and
// checks that the reader is not told of a new version: the host has not
// changed during the test.
func (tb *tab) checkNoUpdatePrompt() {
	tb.t.Helper()
	tb.waitFor("the service worker to control the page", `!!navigator.serviceWorker.controller`, 20*time.Second)
	time.Sleep(300 * time.Millisecond)
	if text := eval[string](tb, `document.body.innerText`); regexp.MustCompile(`(?i)new version`).MatchString(text) {
		tb.t.Errorf("the page announces a new version although the host did not change:\n%s", normalize(text))
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// box is an element's rectangle in CSS pixels.
type box struct {
	X, Y, W, H float64
}

func (a box) near(b box) bool {
	const tol = 1.0
	return math.Abs(a.X-b.X) <= tol && math.Abs(a.Y-b.Y) <= tol &&
		math.Abs(a.W-b.W) <= tol && math.Abs(a.H-b.H) <= tol
}

// h1State is what __dt.h1() reports.
type h1State struct {
	Text       string
	X, Y, W, H float64
	Visibility string
	Display    string
	Opacity    float64
	Hit        bool
	HitWhat    string
}

// loaderState is what __dt.loader() reports.
type loaderState struct {
	X, Y, W, H    float64
	PointerEvents string
	Display       string
}

// firstFrameState is window.__firstFrame: the page in its first frame.
type firstFrameState struct {
	App       string
	H1        *h1State
	Loader    *loaderState
	Text      string
	Rects     map[string]box
	VW, VH    float64
	HitMiddle string
}

// frame is one entry of window.__frames.
type frame struct {
	H1        *string
	MainChars int
	Live      bool
}

// normalize turns every run of white space (no-break spaces included) into
// one space and trims the ends.
func normalize(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// viewport sets the page's viewport; below 600px wide it emulates a phone
// (mobile, so that the page's meta viewport applies).
func viewport(width, height int64) chromedp.Action[chromedp.Void] {
	if width < 600 {
		return chromedp.EmulateViewport(width, height, chromedp.EmulateMobile)
	}
	return chromedp.EmulateViewport(width, height)
}

// screenshot captures the viewport as PNG.
func screenshot(tb *tab) []byte {
	tb.t.Helper()
	png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.t.Fatalf("screenshot: %v", err)
	}
	return png
}
