//go:build !(js && wasm)

package browser

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
	"dateline/app/site"
)

// TestUpdateCopiesUnchangedPages: a site saved whole at version A is
// updated to B, one headline changed. Every page of B names B's version
// and every data file sits under B's data path, but most are A's files
// otherwise: B's install copies those from A's cache with B's names put
// in, and downloads only the others. Which files are the same is worked
// out here from the two hosts' files, not from the worker's list
// (its reuse list); each copy must be the host's file to the byte, and B's
// pages open offline from them.
func TestUpdateCopiesUnchangedPages(t *testing.T) {
	t.Parallel()
	hostA, hostB, _ := twoVersions(t, 30, "copies")
	a, b := versionFiles(t, hostA.URL), versionFiles(t, hostB.URL)

	// What B's install should copy: a file of B's list whose body, the
	// versions' names masked, is A's at the same address (its data path's
	// for a data file), or any of A's data files (the search index's
	// files move with the index).
	aData := map[string]bool{}
	for u, body := range a.bodies {
		if strings.HasPrefix(u, a.base+"/") {
			aData[a.masked(body)] = true
		}
	}
	same, changed := map[string]bool{}, map[string]bool{}
	for _, u := range b.list {
		m := b.masked(b.bodies[u])
		old, ok := a.bodies[strings.Replace(u, b.base, a.base, 1)]
		if (ok && a.masked(old) == m) || (strings.HasPrefix(u, b.base+"/") && aData[m]) {
			same[u] = true
		} else {
			changed[u] = true
		}
	}
	story0 := dlpage.ArticlePath("archive-000")
	if !changed[story0] || !changed["/"] || len(same) < len(b.list)/2 {
		t.Fatalf("of B's %d files, %d are A's but for the names, and %d changed (the changed story's page %v, the home page %v): not the update this test needs",
			len(b.list), len(same), len(changed), changed[story0], changed["/"])
	}
	if bytes.Equal(a.bodies[dlpage.ArticlePath("archive-010")], b.bodies[dlpage.ArticlePath("archive-010")]) {
		t.Fatal("an unchanged story's page is the same in both versions: it should name its version")
	}
	// Every page names its version's app.js, which carries the version:
	// the unchanged pages, all but the changed story's and the lists that
	// name it, are copied.
	if a.app == b.app {
		t.Fatalf("both versions' pages load %s: the test needs each its own", a.app)
	}
	pages, samePages := 0, 0
	for _, u := range b.list {
		if !strings.HasPrefix(u, b.base+"/") {
			pages++
			if same[u] {
				samePages++
			}
		}
	}
	if unchanged := dlpage.ArticlePath("archive-010"); !same[unchanged] || samePages < pages/2 {
		t.Fatalf("%d of B's %d pages are A's but for the names (%s among them: %v): want the unchanged stories' pages", samePages, pages, unchanged, same[unchanged])
	}

	w := newWatchedNet(t, hostA.URL)
	tb := newTab(t, 412, 900)
	tb.extend(3 * time.Minute)
	firstVisit(t, tb, w.URL, 2*time.Minute)
	w.take()
	w.deploy(t, hostB.URL)
	start := time.Now()
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitInstalled("B's install", b.version, 2*time.Minute)
	took := time.Since(start)

	asked := map[string]int{}
	for _, p := range w.take() {
		asked[p]++
	}
	for _, u := range b.list {
		switch {
		case same[u] && asked[u] > 0:
			t.Errorf("B's install downloaded %s, which A's cache holds the same but for the version's names", u)
		case changed[u] && asked[u] == 0:
			t.Errorf("B's install never downloaded %s, which changed", u)
		}
	}
	if n := asked["/data/reuse-"+b.version+".json"]; n != 1 {
		t.Errorf("B's install fetched its reuse list %d times, want once", n)
	}
	t.Logf("B's install copied %d files and downloaded %d, in %s", len(same), len(changed), took.Round(10*time.Millisecond))

	// Every file of B's cache is the host's, to the byte.
	got := evalAwait[map[string]string](tb, `(async () => {
  const cache = await caches.open("dateline-`+b.version+`");
  const out = {};
  for (const u of `+jsonOf(t, b.list)+`) {
    const r = await cache.match(u);
    if (r) {
      const sum = new Uint8Array(await crypto.subtle.digest("SHA-256", await r.arrayBuffer()));
      out[u] = Array.from(sum, (x) => x.toString(16).padStart(2, "0")).join("");
    }
  }
  return out;
})()`)
	for _, u := range b.list {
		sum := sha256.Sum256(b.bodies[u])
		if want := hex.EncodeToString(sum[:]); got[u] != want {
			t.Errorf("B's cache holds %s with SHA-256 %q, want the host's %s", u, got[u], want)
		}
	}

	// B in charge, offline: a copied story's page opens as B's.
	tb.waitFor("B's worker in charge (the page offers it)", toastJS+`.includes("A new version")`, 20*time.Second)
	tb.goOffline()
	story := dlpage.ArticlePath("archive-010")
	tb.mustLoad(w.URL+story, http.StatusOK)
	tb.waitLive()
	if v := eval[string](tb, versionJS); v != b.version {
		t.Errorf("offline, %s is of version %s, want B's %s", story, v, b.version)
	}
	if h := eval[string](tb, `document.querySelector("h1").innerText`); h != "Synthetic archive story 10" {
		t.Errorf("offline, %s shows %q", story, h)
	}
	// In the app, a copied data file: the home page's link to another.
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitLive()
	other := dlpage.ArticlePath("archive-012")
	tb.click("following the home page's link to "+other, `a[href="`+other+`"]`)
	tb.waitFor("the story's headline", `(document.querySelector("h1") || {}).innerText === "Synthetic archive story 12"`, 10*time.Second)
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return allowOffline(m) || strings.Contains(m.Text, "has been updated")
	})
}

// versionFiles is what a host of one version serves for a worker to save:
// offline.json's list and each file's body.
type versionFilesOf struct {
	version, base string
	app           string // app.js's hashed name, which pages load
	list          []string
	bodies        map[string][]byte
}

func versionFiles(t *testing.T, hostURL string) *versionFilesOf {
	t.Helper()
	v := &versionFilesOf{
		version: versionOf(t, hostURL+"/"),
		base:    loaderAttr(t, hostURL+"/", "data-base", `/data/[0-9a-f]+`),
		app:     regexp.MustCompile(`/app\.[0-9a-f]+\.js`).FindString(string(httpBody(t, hostURL+"/"))),
		bodies:  map[string][]byte{},
	}
	if err := json.Unmarshal(httpBody(t, hostURL+v.base+"/offline.json"), &v.list); err != nil {
		t.Fatalf("offline.json: %v", err)
	}
	for _, u := range v.list {
		v.bodies[u] = httpBody(t, hostURL+u)
	}
	return v
}

// masked is body with the version's names masked, for text; as it is
// otherwise.
func (v *versionFilesOf) masked(body []byte) string {
	s := string(body)
	if !utf8.ValidString(s) || strings.Contains(s, "\x00") {
		return s
	}
	s = strings.ReplaceAll(s, v.version, "<version>")
	s = strings.ReplaceAll(s, v.base[strings.LastIndex(v.base, "/")+1:], "<data>")
	return strings.ReplaceAll(s, v.app, "<app>")
}

func httpBody(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading %s: %v", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d", url, resp.StatusCode)
	}
	return body
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestUpdateCopiesTakeTheHostsPolicy: a copy's body is the host's file, and
// so must its headers be. B's host sends another Content-Security-Policy
// than A's did (a new build's, or a static host's new configuration), on
// every response: each file of B's cache, copied or downloaded, carries
// B's policy, not the one A's cache kept.
func TestUpdateCopiesTakeTheHostsPolicy(t *testing.T) {
	t.Parallel()
	hostA, hostB, _ := twoVersions(t, 12, "policy")
	b := versionFiles(t, hostB.URL)

	w := newWatchedNet(t, hostA.URL)
	tb := newTab(t, 412, 900)
	tb.extend(3 * time.Minute)
	firstVisit(t, tb, w.URL, 2*time.Minute)
	p := proxyTo(t, hostB.URL)
	p.ModifyResponse = func(r *http.Response) error {
		csp := r.Header.Get("Content-Security-Policy")
		r.Header.Set("Content-Security-Policy", strings.Replace(csp, "img-src 'self'", "img-src 'self' blob:", 1))
		return nil
	}
	w.mu.Lock()
	w.proxy = p
	w.mu.Unlock()
	resp, err := http.Get(w.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	want := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(want, "blob:") {
		t.Fatalf("B's host sends the policy %q, not the one this test gives it", want)
	}
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitInstalled("B's install", b.version, 2*time.Minute)

	got := evalAwait[map[string]string](tb, `(async () => {
  const cache = await caches.open("dateline-`+b.version+`");
  const out = {};
  for (const u of `+jsonOf(t, b.list)+`) {
    const r = await cache.match(u);
    out[u] = r ? r.headers.get("Content-Security-Policy") || "" : "(not saved)";
  }
  return out;
})()`)
	wrong := 0
	for _, u := range b.list {
		if got[u] != want {
			if wrong++; wrong <= 3 {
				t.Errorf("B's cache holds %s with the policy %q, want B's host's %q", u, got[u], want)
			}
		}
	}
	if wrong > 3 {
		t.Errorf("and %d files more", wrong-3)
	}
}

// TestUpdateCopyShowsProgress: a site saved whole is updated, and B's
// install copies most of it from A's cache before it downloads anything
// (a minute at 2,400 articles). The status line shows the saving's figure
// rise during the copy, and only rise until the install is done: the
// copies and the downloads are one count. Every request after B's reuse
// list (the downloads, which come once the copy is done) is held, so that
// what the line showed by then is the copy's.
func TestUpdateCopyShowsProgress(t *testing.T) {
	t.Parallel()
	hostA, hostB, _ := twoVersions(t, 60, "progress")
	b := versionFiles(t, hostB.URL)
	reusePath := "/data/reuse-" + b.version + ".json"

	w := newWatchedNet(t, hostA.URL)
	tb := newTab(t, 412, 900)
	tb.extend(3 * time.Minute)
	firstVisit(t, tb, w.URL, 2*time.Minute)

	var listed atomic.Bool
	held := make(chan string, 1)
	release := make(chan struct{})
	released := sync.OnceFunc(func() { close(release) })
	t.Cleanup(released)
	p := proxyTo(t, hostB.URL)
	p.ModifyResponse = func(r *http.Response) error {
		switch path := r.Request.URL.Path; {
		case path == reusePath:
			listed.Store(true)
		case listed.Load() && path != "/app-worker.js":
			select {
			case held <- path:
			default:
			}
			select {
			case <-release:
			case <-r.Request.Context().Done():
			}
		}
		return nil
	}
	w.holdOnce(reusePath) // until the page records its status line
	w.mu.Lock()
	w.proxy = p
	w.mu.Unlock()

	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitLive()
	// Each figure the status line shows, in turn.
	eval[bool](tb, `(() => {
  window.__figures = [];
  const note = () => {
    const m = /(\d+)\s*%/.exec(`+statusText+`);
    const f = m ? Number(m[1]) : null;
    if (f !== null && f !== window.__figures[window.__figures.length - 1]) window.__figures.push(f);
  };
  new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  note();
  return true;
})()`)
	w.waitHolding(t, reusePath, time.Minute)
	w.release(reusePath)

	var first string
	select {
	case first = <-held:
	case <-time.After(time.Minute):
		t.Fatal("B's install asked for nothing after its reuse list in a minute")
	}
	tb.waitFor("the status line's figure rising before B's install downloads "+first,
		`window.__figures.length >= 2`, 10*time.Second)
	during := eval[[]int](tb, `window.__figures`)
	released()
	tb.waitInstalled("B's install", b.version, 2*time.Minute)

	all := eval[[]int](tb, `window.__figures`)
	for i := 1; i < len(all); i++ {
		if all[i] <= all[i-1] {
			t.Errorf("the status line's figure went from %d%% to %d%% (all: %v)", all[i-1], all[i], all)
		}
	}
	if during[len(during)-1] >= 100 {
		t.Errorf("before B's install downloaded anything, the status line showed %v: it should not reach 100%%", during)
	}
	t.Logf("the status line's figures: %v before the downloads, %v in all", during, all)
}

// TestUpdateOfferedBackOnline publishes a new version while the reader is
// offline, with the site open and saved: back online, the page offers it
// (the reload toast) at once. The app looked for updates at its start,
// when the page was shown again and every five minutes: the reader went on
// reading the older version's pages for up to five minutes.
func TestUpdateOfferedBackOnline(t *testing.T) {
	t.Parallel()
	hostA, hostB, _ := twoVersions(t, 12, "back-online")
	w := newWatchedNet(t, hostA.URL)
	tb := newTab(t, 412, 900)
	tb.extend(2 * time.Minute)
	firstVisit(t, tb, w.URL, time.Minute)
	time.Sleep(4 * time.Second) // past the app's first check, 3 s after its start
	online := tb.goOffline()
	w.deploy(t, hostB.URL)
	time.Sleep(time.Second)
	if eval[string](tb, toastJS) != "" {
		t.Fatalf("offline, the page shows a toast already: %q", eval[string](tb, toastJS))
	}
	online()
	tb.waitFor("the update's offer, back online", toastJS+`.includes("A new version")`, 20*time.Second)
	tb.checkConsole(allowOffline)
}

// TestOlderCopySaysSo reads an old story of an archive too large to be
// saved whole (none of the latest, which an update saves anew), then takes
// an update that corrects its headline, and opens it offline, by a link in
// the app and typed: the device has only the copy read before the update,
// which opens, and the page says that it was kept on an earlier visit and
// may have changed since. It said nothing: the home list showed the
// corrected headline, the story the old one.
func TestOlderCopySaysSo(t *testing.T) {
	t.Parallel()
	dsA := archiveDataset(site.FullOfflineMaxArticles + 1)
	dsB := archiveDataset(site.FullOfflineMaxArticles + 1)
	const old = 2000
	dsB.Articles[old].Headline += ", corrected"
	hostA := privateHost(t, "-data", writeDataset(t, "older-copy-a.json", dsA))
	hostB := privateHost(t, "-data", writeDataset(t, "older-copy-b.json", dsB))
	b := versionOf(t, hostB.URL+"/")
	story := dlpage.ArticlePath(dsA.Articles[old].Slug)
	w := newWatchedNet(t, hostA.URL)
	tb := newTab(t, 412, 900)
	tb.extend(3 * time.Minute)
	// link follows a link to the story from the page on screen, in the
	// app: no list of the first pages names an old story.
	link := func(what string) {
		t.Helper()
		eval[chromedp.Void](tb, `(() => { const a = document.createElement("a"); a.href = `+jsString(story)+`; a.textContent = "old story"; document.querySelector("main").append(a); a.click(); })()`)
		tb.waitFor(what, `location.pathname === `+jsString(story)+` && !!document.querySelector("article.story")`, 10*time.Second)
	}
	firstVisit(t, tb, w.URL, time.Minute)
	link("the story read")
	if h := eval[string](tb, `document.querySelector("h1").textContent`); h != dsA.Articles[old].Headline {
		t.Fatalf("the story read in A: %q, want %q", h, dsA.Articles[old].Headline)
	}
	// A's worker keeps the page read (reader.js asks it after the page is
	// shown): kept before B is deployed, or its fetch gets B's page.
	tb.waitFor("A's worker keeping the story read", `caches.open("dateline-`+versionOf(t, hostA.URL+"/")+`").then((c) => c.match(`+jsString(story)+`)).then((r) => window.__kept = !!r) && window.__kept === true`, 10*time.Second)

	w.deploy(t, hostB.URL)
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitInstalled("B's install", b, 2*time.Minute)
	tb.waitFor("B's worker in charge (the page offers it)", toastJS+`.includes("A new version")`, 20*time.Second)
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitLive()
	if v := eval[string](tb, versionJS); v != b {
		t.Fatalf("the home page reloaded is of version %s, want B's %s", v, b)
	}
	const note = `.includes("may have changed")`
	online := tb.goOffline()
	// The host gone too: a worker that Chromium stops and starts again is
	// a new target, which the emulated offline state does not reach.
	hostB.stop()
	link("the story's copy, by a link")
	tb.waitFor("the copy's note", toastJS+note, 10*time.Second)
	t.Logf("offline, by a link: %q, the note %q", eval[string](tb, `document.querySelector("h1").textContent`), eval[string](tb, toastJS))
	// The note is the story's: back on B's home page, its own, it is gone.
	tb.expectPage()
	tb.goBack("back to B's home page")
	tb.waitPage("back to B's home page")
	if got := eval[string](tb, toastJS); strings.Contains(got, "may have changed") {
		t.Errorf("back on B's home page, its own, the page says %q", got)
	}

	tb.mustLoad(w.URL+story, http.StatusOK)
	tb.waitLive()
	tb.waitFor("the story typed, with its note", toastJS+note, 10*time.Second)
	online()
	tb.checkConsole(allowOffline)
}
