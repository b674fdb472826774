//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
	"dateline/app/site"
)

// readPage is a page the reader opened online: its address, its heading,
// and its data file (its name under the data path).
type readPage struct {
	path, h1, file string
}

// TestReadPagesOpenOffline reads an archive past the precache limit (its
// worker saves the app, the first page of each list and what is read):
// the article a first visit opens on, then in the app a list page and an
// article of it. Offline, each opens by a typed address (the installed
// app's start on it is the same navigation) and by a reload, not as the
// offline page, and by an in-app link.
func TestReadPagesOpenOffline(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "read-offline.json", archiveDataset(site.FullOfflineMaxArticles+1)))
	tb := newTab(t, 412, 900)
	tb.extend(3 * time.Minute)
	read := readPages(t, tb, h.URL)
	tb.goOffline()
	checkReadOffline(t, tb, h.URL, read, versionOf(t, h.URL+"/"))
	tb.checkConsole(allowOffline)
}

// readPages makes a first visit to base on an article that no install
// saves, waits until the site is saved, then opens in the app the home
// page, its second page and the first article listed there; it returns
// the pages read (the home page is saved at install).
func readPages(t *testing.T, tb *tab, base string) []readPage {
	t.Helper()
	first := readPage{dlpage.ArticlePath("archive-2000"), "Synthetic archive story 2000", "articles/archive-2000.json"}
	tb.mustLoad(base+first.path, http.StatusOK)
	tb.waitLive()
	tb.waitSaved(60 * time.Second)
	if got := eval[string](tb, statusText); !strings.Contains(got, "Latest saved offline") {
		t.Fatalf("the status says %q: the worker saves the whole site, not the pages read", got)
	}
	tb.follow("going home", `.site-header a[href="/"]`, "")
	tb.follow("Older articles", `main a[rel=next]`, "")
	list := readPage{"/page/2", eval[string](tb, `document.querySelector("h1").textContent`), "lists/home/2.json"}
	if p := eval[string](tb, `location.pathname`); p != list.path {
		t.Fatalf("Older articles led to %s, want %s", p, list.path)
	}
	href := eval[string](tb, `document.querySelector("main article.summary h2 a").getAttribute("href")`)
	slug := strings.TrimPrefix(href, "/articles/")
	var n int
	if _, err := fmt.Sscanf(slug, "archive-%d", &n); err != nil {
		t.Fatalf("the second page lists %q first: %v", href, err)
	}
	story := readPage{href, fmt.Sprintf("Synthetic archive story %d", n), "articles/" + slug + ".json"}
	tb.follow("the first story of page 2", `main article.summary h2 a`, story.h1)
	read := []readPage{first, list, story}

	// What the worker keeps as it is read, it keeps in the background: the
	// test gives it time, and what it did not keep shows offline below.
	kept := make([]string, len(read))
	for i, p := range read {
		kept[i] = jsString(p.path)
	}
	keptJS := `Promise.all([` + strings.Join(kept, ",") + `].map((p) => caches.match(p))).then((rs) => window.__keptRead = rs.every((r) => !!r)) && window.__keptRead === true`
	deadline := time.Now().Add(10 * time.Second)
	for !eval[bool](tb, keptJS) && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	return read
}

// checkReadOffline checks, offline, that the data file of each page read
// (what an in-app link fetches) is answered, that each page opens by its
// address and by a reload as the page of version, and then follows in-app
// links from the home page to the list page and the article read there.
func checkReadOffline(t *testing.T, tb *tab, base string, read []readPage, version string) {
	t.Helper()
	tb.mustLoad(base+"/", http.StatusOK)
	tb.waitLive()
	dataBase := eval[string](tb, `document.querySelector("script[data-base]").getAttribute("data-base")`)
	for _, p := range read {
		file := dataBase + "/" + p.file
		if st := evalAwait[int](tb, `fetch(`+jsString(file)+`).then((r) => r.status, () => 0)`); st != http.StatusOK {
			t.Errorf("offline, the data file %s of %s: status %d, want 200", file, p.path, st)
		}
	}
	check := func(how string, p readPage) {
		t.Helper()
		tb.waitFor(how+" "+p.path+": reader.js", `document.documentElement.hasAttribute("data-reader")`, 10*time.Second)
		if got := eval[string](tb, `document.querySelector("h1").textContent`); got != p.h1 {
			t.Errorf("offline, %s %s shows %q, want %q", how, p.path, got, p.h1)
		}
		if got := eval[string](tb, versionJS); got != version {
			t.Errorf("offline, %s %s is a page of version %s, want %s", how, p.path, got, version)
		}
	}
	for _, p := range read {
		if st, err := tb.load(base + p.path); err != nil || st != http.StatusOK {
			t.Errorf("offline, %s typed: status %d, %v; want the page read (200)", p.path, st, err)
			continue
		}
		check("typed", p)
		tb.reload("reloading " + p.path)
		check("reloaded", p)
	}
	tb.mustLoad(base+"/", http.StatusOK)
	tb.waitLive()
	for _, p := range read[1:] {
		tb.expectPage()
		tb.click("following a link to "+p.path, `main a[href="`+p.path+`"]`)
		tb.waitFor("the address "+p.path, `location.pathname === `+jsString(p.path), 5*time.Second)
		tb.waitPage("in-app to " + p.path)
		if got := eval[string](tb, `document.querySelector("h1").textContent`); got != p.h1 {
			t.Errorf("offline, an in-app link to %s shows %q, want %q", p.path, got, p.h1)
			return
		}
	}
}

// TestReadPagesOpenOfflineAfterUpdates reads pages at version A, then the
// site is updated to B and to C, each worker taking over: A's cache is
// gone. Offline, each page read opens by its address, a reload and an
// in-app link, as the copy kept when it was read, and its data file
// answers under C's data path: the updates carried the copies, and asked
// the host for none of those pages or data files. The copy, of version
// A, does not offer the new version offline, where a reload would open
// the same copy; once online it does, and the reload opens C's page.
func TestReadPagesOpenOfflineAfterUpdates(t *testing.T) {
	t.Parallel()
	hostA, hostB, hostC := threeVersions(t, site.FullOfflineMaxArticles+1, "read-updates")
	w := newWatchedNet(t, hostA.URL)
	tb := newTab(t, 412, 900)
	tb.extend(4 * time.Minute)
	read := readPages(t, tb, w.URL)
	versionA := eval[string](tb, versionJS)

	w.take()
	takeUpdate(t, tb, w, hostB)
	versionC := takeUpdate(t, tb, w, hostC)
	if evalAwait[bool](tb, `caches.has("dateline-`+versionA+`")`) {
		t.Fatalf("A's cache is still there after two updates")
	}
	for _, p := range w.take() {
		for _, r := range read {
			if p == r.path || strings.HasSuffix(p, "/"+r.file) {
				t.Errorf("the updates asked the host for %s, a page read or its data file", p)
			}
		}
	}

	online := tb.goOffline()
	checkReadOffline(t, tb, w.URL, read, versionA)

	tb.mustLoad(w.URL+read[2].path, http.StatusOK)
	tb.waitReader()
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if got := eval[string](tb, toastJS); strings.Contains(got, "A new version") {
			t.Fatalf("offline, A's copy of %s offers the new version (%q), which a reload cannot open", read[2].path, got)
		}
	}
	online()
	tb.waitFor("the new version offered once online", toastJS+`.includes("A new version")`, 10*time.Second)
	if _, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.ID("reload-button")))); err != nil {
		t.Fatalf("clicking Reload: %v", err)
	}
	tb.waitLive()
	if got := eval[string](tb, versionJS); got != versionC {
		t.Errorf("online, Reload opened %s as a page of version %s, want C's %s", read[2].path, got, versionC)
	}
	tb.checkConsole(allowOffline)
}

// threeVersions starts the hosts of three versions of a site of n plainly
// synthetic articles, each with its own first headline.
func threeVersions(t *testing.T, n int, name string) (hostA, hostB, hostC *host) {
	t.Helper()
	hostA, hostB, _ = twoVersions(t, n, name)
	dsC := archiveDataset(n)
	dsC.Articles[0].Headline = "Synthetic archive story 0, updated twice"
	hostC = privateHost(t, "-data", writeDataset(t, name+"-c.json", dsC))
	return hostA, hostB, hostC
}

// takeUpdate deploys h behind w and has its worker take over the tab, as
// a reader does: a visit finds the update, the page offers it, a reload
// opens the new version. It waits, 10 s at most, until the new worker has
// carried what was read before it (it does at a page's first status
// request), and returns the new version.
func takeUpdate(t *testing.T, tb *tab, w *watchedNet, h *host) string {
	t.Helper()
	version := versionOf(t, h.URL+"/")
	w.deploy(t, h.URL)
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitReader()
	tb.waitInstalled("the update's install", version, time.Minute)
	tb.waitFor("the update in charge (the page offers it)", toastJS+`.includes("A new version")`, 20*time.Second)
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitReader() // whose status request has the worker carry what was read
	if got := eval[string](tb, versionJS); got != version {
		t.Fatalf("after the update the home page is of version %s, want %s", got, version)
	}
	// The worker notes the version that carried; what it did not carry
	// shows in the tests' checks.
	carried := `caches.match("/_read_done", {cacheName: "dateline-meta"}).then((r) => r && r.text())`
	for deadline := time.Now().Add(10 * time.Second); evalAwait[string](tb, carried+`.then((v) => v || "")`) != version && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
	return version
}

// TestReadCopiesBounded: the read copies that updates carry are the
// latest 100 pages and 100 data files read, whatever was read: here 120
// of each kept in A's cache (as the worker keeps them), then 10 more in
// B's; after B, the latest 100 of A's; after C, the oldest 10 of those
// dropped for B's. Neither update asks the host for any of them.
func TestReadCopiesBounded(t *testing.T) {
	t.Parallel()
	const kept = 100
	hostA, hostB, hostC := threeVersions(t, site.FullOfflineMaxArticles+1, "read-bound")
	w := newWatchedNet(t, hostA.URL)
	tb := newTab(t, 412, 900)
	tb.extend(3 * time.Minute)
	firstVisit(t, tb, w.URL, 60*time.Second)
	keepRead := func(from, to int) {
		t.Helper()
		evalAwait[bool](tb, fmt.Sprintf(`(async () => {
  const base = document.querySelector("script[data-base]").getAttribute("data-base");
  const version = document.querySelector("script[data-version]").getAttribute("data-version");
  const cache = await caches.open("dateline-" + version);
  for (let i = %d; i < %d; i++) {
    await cache.put("/articles/archive-" + i, new Response("a synthetic page read", {headers: {"Content-Type": "text/html"}}));
    await cache.put(base + "/articles/archive-" + i + ".json", new Response("{}", {headers: {"Content-Type": "application/json"}}));
  }
  return true;
})()`, from, to))
	}
	want := func(ranges ...[2]int) []string {
		var s []string
		for _, r := range ranges {
			for i := r[0]; i < r[1]; i++ {
				s = append(s, fmt.Sprintf("/articles/archive-%d", i), fmt.Sprintf("/_read/data/articles/archive-%d.json", i))
			}
		}
		slices.Sort(s)
		return s
	}
	check := func(after string, want []string) {
		t.Helper()
		got := evalAwait[[]string](tb, `caches.open("dateline-read").then((c) => c.keys()).then((ks) => ks.map((r) => new URL(r.url).pathname).sort())`)
		if len(want) != 2*kept || !slices.Equal(got, want) {
			t.Errorf("after %s the read copies are %d, want the %d pages and data files of the latest %d read:\ngot  %q\nwant %q", after, len(got), len(want), kept, got, want)
		}
		for _, p := range w.take() {
			if strings.Contains(p, "/articles/archive-1") {
				t.Errorf("%s asked the host for %s, a page read or its data file", after, p)
			}
		}
	}

	keepRead(1000, 1120)
	w.take()
	takeUpdate(t, tb, w, hostB)
	check("B's update", want([2]int{1020, 1120}))
	keepRead(1200, 1210)
	takeUpdate(t, tb, w, hostC)
	check("C's update", want([2]int{1030, 1120}, [2]int{1200, 1210}))
	tb.checkConsole(nil)
}
