//go:build !(js && wasm)

package browser

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// seedSlug is the seed story's article in the bundled dataset.
const seedSlug = "us-sec-def-to-pm-barzani-there-is-a-special-relationship"

// seedFile is a byte-for-byte copy of the project's first seed story.
const seedFile = "testdata/000_3e3b267afa8f17cc.txt"

// seed is what a reader must find of the seed story on its page, read from
// the plain-text scrape itself, not from the dataset.
type seed struct {
	Headline string
	Caption  string   // the photo caption, without its credit
	Credit   string   // "Photos: DoD, KRG"
	Body     []string // paragraphs, the first led by its dateline
	ReadMore []string // titles of the "Read More:" lines, in order
}

var creditSuffix = regexp.MustCompile(`^(.*\S)\s+\(([^()]+)\)$`)

// readSeed parses the scrape: line 1 the headline, the caption line twice,
// "Read More: <title>" lines, and paragraphs. All white space is normalized.
func readSeed(t *testing.T) seed {
	t.Helper()
	b, err := os.ReadFile(filepath.FromSlash(seedFile))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = normalize(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) < 4 || lines[1] != lines[2] {
		t.Fatalf("%s: expected a headline then the caption line twice", seedFile)
	}
	s := seed{Headline: lines[0]}
	m := creditSuffix.FindStringSubmatch(lines[1])
	if m == nil {
		t.Fatalf("%s: caption line %q has no (credit)", seedFile, lines[1])
	}
	s.Caption, s.Credit = m[1], m[2]
	for _, l := range lines[3:] {
		if title, ok := strings.CutPrefix(l, "Read More:"); ok {
			s.ReadMore = append(s.ReadMore, strings.TrimSpace(title))
		} else {
			s.Body = append(s.Body, l)
		}
	}
	if len(s.ReadMore) != 3 || !strings.HasPrefix(s.Body[0], "ERBIL (Kurdistan 24) – ") {
		t.Fatalf("%s: unexpected shape: %d Read More lines, first paragraph %.40q", seedFile, len(s.ReadMore), s.Body[0])
	}
	return s
}

// sentenceEnd splits a paragraph after ., ? or ! (and a closing quote).
var sentenceEnd = regexp.MustCompile(`[.?!]["”’]?\s`)

func sentences(p string) []string {
	var out []string
	for {
		loc := sentenceEnd.FindStringIndex(p)
		if loc == nil {
			break
		}
		out = append(out, strings.TrimSpace(p[:loc[1]]))
		p = p[loc[1]:]
	}
	if p = strings.TrimSpace(p); p != "" {
		out = append(out, p)
	}
	return out
}

// checkSeedText checks the visible text of a seed article page: every
// sentence of the body in order (the dateline leading the first), the
// headline and the caption exactly once, the credit, and the Read More
// titles in order, each after its "Read More:" label.
func checkSeedText(t *testing.T, which, text string, s seed) {
	t.Helper()
	text = normalize(text)
	if n := strings.Count(text, s.Headline); n != 1 {
		t.Errorf("%s: headline appears %d times, want 1", which, n)
	}
	if n := strings.Count(text, s.Caption); n != 1 {
		t.Errorf("%s: caption %q appears %d times, want 1", which, s.Caption, n)
	}
	if !strings.Contains(text, s.Credit) {
		t.Errorf("%s: credit %q missing", which, s.Credit)
	}
	at := 0
	for _, p := range s.Body {
		for _, sen := range sentences(p) {
			i := strings.Index(text[at:], sen)
			if i < 0 {
				if strings.Contains(text, sen) {
					t.Errorf("%s: sentence out of order: %q", which, sen)
				} else {
					t.Errorf("%s: sentence missing: %q", which, sen)
				}
				continue
			}
			at += i + len(sen)
		}
	}
	at = 0
	for _, title := range s.ReadMore {
		want := "Read More: " + title
		i := strings.Index(text[at:], want)
		if i < 0 {
			t.Errorf("%s: %q missing or out of order", which, want)
			continue
		}
		at += i + len(want)
	}
}

// TestColdLoadShowsArticleBeforeWasm opens the seed article in a cold
// profile, on a desktop window and on a phone, and checks the page as it is
// at the first frame, long before app.wasm runs: the headline is laid out,
// visible and on top (go-app's loader does not cover it), the loader is a
// thin bar, the text is the story's. The page is painted before the app is
// live, and no frame until the takeover showed anything but the article.
func TestColdLoadShowsArticleBeforeWasm(t *testing.T) {
	s := readSeed(t)
	h := seedHost(t)
	for _, size := range []struct {
		name          string
		width, height int64
	}{
		{"desktop-1280x900", 1280, 900},
		{"phone-412x900", 412, 900},
	} {
		t.Run(size.name, func(t *testing.T) {
			tb := newTab(t, int(size.width), int(size.height))
			tb.do("setting the viewport", viewport(size.width, size.height))
			if st := tb.navigate(h.URL + "/articles/" + seedSlug); st != 200 {
				t.Fatalf("status %d, want 200", st)
			}
			painted := tb.firstFrame()
			if painted == nil {
				t.Fatal("the first-frame probe did not run")
			}
			if painted.App == "live" {
				t.Errorf("data-app was already %q at the first frame: this load does not show the prerendered page", painted.App)
			}
			switch h1 := painted.H1; {
			case h1 == nil:
				t.Error("no h1 at the first frame")
			default:
				if normalize(h1.Text) != s.Headline {
					t.Errorf("h1 at the first frame = %q, want %q", h1.Text, s.Headline)
				}
				if h1.W <= 0 || h1.H <= 0 || h1.Visibility != "visible" || h1.Display == "none" || h1.Opacity < 1 {
					t.Errorf("h1 not visible at the first frame: %+v", *h1)
				}
				if h1.Y+h1.H > painted.VH || h1.X < 0 || h1.X+h1.W > painted.VW {
					t.Errorf("h1 outside the %vx%v window at the first frame: %+v", painted.VW, painted.VH, *h1)
				}
				if !h1.Hit {
					t.Errorf("the centre of the h1 is covered by %s at the first frame", h1.HitWhat)
				}
			}
			if l := painted.Loader; l == nil {
				t.Log("no #app-wasm-loader at the first frame")
			} else {
				if l.H > 8 {
					t.Errorf("the wasm loader is %vpx high at the first frame; it must be a thin bar: %+v", l.H, *l)
				}
				if l.PointerEvents != "none" {
					t.Errorf("the wasm loader takes pointer events (%q)", l.PointerEvents)
				}
			}
			if strings.Contains(painted.HitMiddle, "app-wasm-loader") {
				t.Errorf("the middle of the window is covered by %s at the first frame", painted.HitMiddle)
			}
			checkSeedText(t, "at the first frame", painted.Text, s)

			tb.waitLive()
			paint := eval[struct{ FCP, Live float64 }](tb, `({
				fcp: (performance.getEntriesByName("first-contentful-paint")[0] || {startTime: -1}).startTime,
				live: window.__liveAt || -1})`)
			switch {
			case paint.FCP < 0:
				t.Error("no first-contentful-paint entry")
			case paint.Live >= 0 && paint.FCP >= paint.Live:
				t.Errorf("first contentful paint at %.0f ms, after the app went live at %.0f ms: the prerendered page was not shown", paint.FCP, paint.Live)
			default:
				t.Logf("first contentful paint at %.0f ms; app live at %.0f ms", paint.FCP, paint.Live)
			}
			checkLoadsAfterStyles(t, tb)
			checkNoShift(t, tb, painted)
			for i, f := range eval[[]frame](tb, `window.__frames`) {
				if f.H1 == nil || normalize(*f.H1) != s.Headline || f.MainChars < 1000 {
					h1 := "(none)"
					if f.H1 != nil {
						h1 = *f.H1
					}
					t.Errorf("frame sample %d showed h1 %q with %d characters in main (live %v): the page flashed", i, h1, f.MainChars, f.Live)
				}
			}
			tb.checkConsole(nil)
		})
	}
}

// checkLoadsAfterStyles checks, on a first visit, that the app's scripts
// were asked for only once the stylesheet, which
// the first paint waits for, had arrived: on a slow link they would share
// it (app/site/loader.js).
func checkLoadsAfterStyles(t *testing.T, tb *tab) {
	t.Helper()
	type entry struct {
		Name       string
		Start, End float64
	}
	entries := eval[[]entry](tb, `performance.getEntriesByType("resource").map((e) => ({
		name: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd}))`)
	for i := range entries {
		entries[i].Name = plainName(entries[i].Name) // pages name the app's files by their hash
	}
	css := -1.0
	for _, e := range entries {
		if e.Name == "/web/dateline.css" {
			css = e.End
		}
	}
	if css < 0 {
		t.Fatalf("no resource entry for /web/dateline.css in %+v", entries)
	}
	later := map[string]bool{"/wasm_exec.js": false, "/app.js": false, "/web/boot.js": false}
	for _, e := range entries {
		name := e.Name
		if strings.HasPrefix(name, "/data/") {
			// app.wasm takes the page over as drawn (page.Drawn).
			t.Errorf("the page's start asked for a data file, %s", name)
			continue
		}
		if _, ok := later[name]; !ok {
			continue
		}
		later[name] = true
		if e.Start < css {
			t.Errorf("%s was asked for at %.1f ms, before the stylesheet arrived at %.1f ms", e.Name, e.Start, css)
		}
	}
	for name, seen := range later {
		if !seen {
			t.Errorf("no resource entry for %s", name)
		}
	}
}

// TestSeedTextPrerenderedAndLive checks the seed story's text on the page
// without app.wasm (go-app's ?wasm=false) and once the app is live, and that
// the takeover keeps the same text in the same place.
func TestSeedTextPrerenderedAndLive(t *testing.T) {
	s := readSeed(t)
	h := seedHost(t)
	tb := newTab(t, 1280, 900)
	url := h.URL + "/articles/" + seedSlug

	if st := tb.navigate(url + "?wasm=false"); st != 200 {
		t.Fatalf("status %d, want 200", st)
	}
	checkSeedText(t, "prerendered (?wasm=false)", eval[string](tb, `document.body.innerText`), s)
	pre := eval[string](tb, `__dt.text()`)
	if app := eval[string](tb, `document.documentElement.dataset.app || ""`); app != "" {
		t.Errorf("with ?wasm=false, data-app = %q: the app ran", app)
	}

	tb.navigate(url)
	painted := tb.firstFrame()
	if painted == nil {
		t.Fatal("the first-frame probe did not run")
	}
	tb.waitLive()
	live := eval[string](tb, `document.body.innerText`)
	checkSeedText(t, "live", live, s)
	readMore := eval[[]string](tb, `Array.from(document.querySelectorAll(".story-body .read-more")).map((e) => e.innerText)`)
	if len(readMore) != len(s.ReadMore) {
		t.Errorf("live: %d .read-more blocks, want %d", len(readMore), len(s.ReadMore))
	}
	for i := range min(len(readMore), len(s.ReadMore)) {
		if got := normalize(readMore[i]); !strings.HasPrefix(got, "Read More: "+s.ReadMore[i]) {
			t.Errorf("live: .read-more %d = %q, want it to start with %q", i, got, "Read More: "+s.ReadMore[i])
		}
	}
	caption := eval[string](tb, `(document.querySelector("figure > figcaption .figure-text") || {}).textContent || ""`)
	if normalize(caption) != s.Caption {
		t.Errorf("live: figcaption .figure-text = %q, want %q", caption, s.Caption)
	}
	credit := eval[string](tb, `(document.querySelector("figure > figcaption .figure-credit") || {}).textContent || ""`)
	if normalize(credit) != s.Credit {
		t.Errorf("live: figcaption .figure-credit = %q, want %q", credit, s.Credit)
	}

	liveText := normalize(eval[string](tb, `__dt.text()`))
	if p := normalize(pre); p != liveText {
		t.Errorf("the live page's text differs from the prerendered page's:\n%s", firstDiff(p, liveText))
	}
	if d := normalize(painted.Text); d != liveText {
		t.Errorf("the live page's text differs from the text at the first frame:\n%s", firstDiff(d, liveText))
	}
	checkNoShift(t, tb, painted)
	tb.checkConsole(nil)
}

// checkNoShift compares the boxes of the page's landmarks in the first
// frame with their boxes now that the app is live.
func checkNoShift(t *testing.T, tb *tab, painted *firstFrameState) {
	t.Helper()
	after := eval[map[string]box](tb, `__dt.rects()`)
	if len(painted.Rects) == 0 {
		t.Error("no landmark boxes recorded at the first frame")
	}
	for sel, b := range painted.Rects {
		a, ok := after[sel]
		switch {
		case !ok:
			t.Errorf("%s is gone after the takeover", sel)
		case !b.near(a):
			t.Errorf("%s moved in the takeover: %+v at the first frame, %+v live", sel, b, a)
		}
	}
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	clip := func(s string) string {
		lo := max(0, i-60)
		hi := min(len(s), i+60)
		return strings.ToValidUTF8(s[lo:hi], "")
	}
	return "  before: …" + clip(a) + "…\n  after:  …" + clip(b) + "…"
}

// TestScreenshots renders the seed article on a phone and on a desktop
// window, checks that nothing overflows sideways, and saves the pictures
// when DATELINE_SCREENSHOTS names a folder (for the README).
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("DATELINE_SCREENSHOTS")
	h := seedHost(t)
	tb := newTab(t, 1280, 900)
	for _, size := range []struct {
		name          string
		width, height int64
	}{
		{"phone-412", 412, 900},
		{"desktop-1280", 1280, 900},
	} {
		tb.do("setting the viewport", viewport(size.width, size.height))
		tb.navigate(h.URL + "/articles/" + seedSlug)
		tb.waitLive()
		if over := eval[float64](tb, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
			t.Errorf("%s: the page is %vpx wider than the window", size.name, over)
		}
		if dir == "" {
			continue
		}
		png := screenshot(tb)
		file := filepath.Join(dir, "article-"+size.name+".png")
		if err := os.WriteFile(file, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("saved %s", file)
	}
	tb.checkConsole(nil)
}
