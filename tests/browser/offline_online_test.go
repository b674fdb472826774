//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"dateline/app/i18n"
	dlpage "dateline/app/page"
	"dateline/app/site"
	"dateline/internal/chromium"
)

// TestOfflinePageOpensOnline: the offline page says the page "will open
// when you are back online", and it does, with no tap: the worker's page
// for an address typed offline, and the app's for a link followed offline.
// A reader on a patchy connection who waits on it is not left looking at
// "You are offline" once the connection is back.
func TestOfflinePageOpensOnline(t *testing.T) {
	t.Parallel()
	ds := archiveDataset(site.FullOfflineMaxArticles + 1)
	tr := dlpage.NewSite(ds.Site, nil).Table
	h := privateHost(t, "-data", writeDataset(t, "offline-online.json", ds))
	base := h.URL
	listed := func(path string) string {
		return `location.pathname === ` + jsString(path) + ` && document.querySelectorAll("main article.summary").length > 0`
	}

	// visited is a phone's tab that has been to the site once, with the
	// worker installed.
	visited := func(t *testing.T) *tab {
		t.Helper()
		tb := newTab(t, 360, 740)
		tb.extend(3 * time.Minute)
		firstVisit(t, tb, base, 60*time.Second)
		return tb
	}
	// typedOffline takes tb offline and types path there: the worker
	// answers with its offline page (503). It returns what brings tb back
	// online.
	typedOffline := func(t *testing.T, tb *tab, path string) func() {
		t.Helper()
		online := tb.goOffline()
		if st, err := tb.load(base + path); err != nil || st != http.StatusServiceUnavailable {
			t.Fatalf("offline, %s typed: status %d, %v; want the offline page's 503", path, st, err)
		}
		waitOfflineWords(tb, tr, true)
		return online
	}

	// A link followed offline in the app: the app's offline page, then the
	// page once online.
	t.Run("link", func(t *testing.T) {
		tb := visited(t)
		tb.mustLoad(base+"/sections/odd-section", http.StatusOK)
		tb.waitLive()
		online := tb.goOffline()
		tb.click("Older articles in Odd Section", `main a[rel=next]`)
		waitOfflineWords(tb, tr, true)
		online()
		waitAcrossLoad(tb, "/sections/odd-section/page/2 listed once back online", listed("/sections/odd-section/page/2"))
		tb.checkConsole(allowOffline)
	})

	// Typed offline: the worker's offline page, then the page once online.
	t.Run("typed", func(t *testing.T) {
		tb := visited(t)
		online := typedOffline(t, tb, "/page/2")
		online()
		waitAcrossLoad(tb, "/page/2 listed once back online", listed("/page/2"))
		tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
			return allowOffline(m) || (m.Source == "network" && strings.Contains(m.Text, "status of 503") && strings.HasSuffix(m.URL, "/page/2"))
		})
	})

	// The offline page at its own address, which the host serves too (and
	// an export as a file): it is the page, and is not reloaded, again
	// and again, for the page it would stand in for.
	t.Run("own address", func(t *testing.T) {
		tb := newTab(t, 360, 740)
		tb.mustLoad(base+dlpage.OfflinePath, http.StatusOK)
		waitOfflineWords(tb, tr, false) // online
		eval[chromedp.Void](tb, `window.__marker = 1`)
		time.Sleep(3500 * time.Millisecond) // past the first try, 2 s after it is shown
		if !eval[bool](tb, `window.__marker === 1`) {
			t.Error("the offline page at its own address reloaded itself")
		}
	})

	// A connection that answers the page's HEAD but not the worker's
	// load of the page (one that comes and goes; here the worker is kept
	// offline while the page is not): the offline page comes back after
	// each reload, and reloads less and less often, never every 2 s.
	t.Run("flapping", func(t *testing.T) {
		tb := visited(t)
		if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `sessionStorage.__loads = String(Number(sessionStorage.__loads || 0) + 1)`,
		}); err != nil {
			t.Fatal(err)
		}
		typedOffline(t, tb, "/page/2")
		// The page's connection back, the worker's not.
		if err := chromium.EmulateNetwork(tb.ctx, network.Conditions{DownloadThroughput: -1, UploadThroughput: -1}, false); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(tb.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(12 * time.Second)
		var loads string
		for deadline := time.Now().Add(5 * time.Second); loads == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			loads, _ = chromedp.Run(tb.ctx, chromedp.Evaluate[string](`sessionStorage.__loads || ""`))
		}
		// The load typed, the reload at the "online" event, and one 4 s
		// later; the next is 8 s after that.
		if n, _ := strconv.Atoi(loads); n < 2 || n > 4 {
			t.Errorf("the offline page was loaded %s times in 12 s after the page's connection came back, want 2 to 4", loads)
		}
	})

	// Reloads in a row for one address end when another page opens: the
	// reader who left the offline page of /page/2 after five of them, and
	// comes to it offline again later, has it tried as any offline page
	// is. The count was kept for that address until that page itself
	// opened: its offline page then never tried the site again (only an
	// "online" event did), or put its first try off for a minute.
	t.Run("count ends", func(t *testing.T) {
		tb := newTab(t, 360, 740)
		tb.mustLoad(base+"/page/3", http.StatusOK)
		eval[chromedp.Void](tb, `sessionStorage.setItem("dateline:reopened", JSON.stringify({href: `+jsString(base+"/page/2")+`, n: 5}))`)
		tb.mustLoad(base+"/", http.StatusOK)
		tb.waitReader()
		// Once the page is idle (reader.js's later): not in the start.
		got := "?"
		for deadline := time.Now().Add(5 * time.Second); got != "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			got = eval[string](tb, `sessionStorage.getItem("dateline:reopened") || ""`)
		}
		if got != "" {
			t.Errorf("the home page opened, the count of /page/2's reloads is still %s 5 s later; want it gone", got)
		}
	})

	// An address the site does not have, typed offline (the worker, which
	// saved only part of the site, cannot tell): once online, the
	// not-found page that the site answers, not the offline page for ever.
	t.Run("gone", func(t *testing.T) {
		tb := visited(t)
		online := typedOffline(t, tb, "/articles/no-such-story")
		online()
		waitAcrossLoad(tb, "the not-found page once back online", `location.pathname === "/articles/no-such-story" && `+
			`(document.querySelector("h1") || {}).textContent === `+jsString(tr.Text(i18n.NotFoundTitle)))
		tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
			return allowOffline(m) || (m.Source == "network" && strings.HasSuffix(m.URL, "/articles/no-such-story") &&
				(strings.Contains(m.Text, "status of 503") || strings.Contains(m.Text, "status of 404")))
		})
	})
}

// TestOfflinePageOpensWhenSiteAnswers: with the phone's connection up but
// the site out of reach (a connection that carries nothing, the host down
// for a moment), navigator.onLine stays true and no "online" event comes;
// the offline page still opens the page once the site answers again. It
// says that the site is not answering: "You are offline" sent the reader
// to check a connection that worked.
func TestOfflinePageOpensWhenSiteAnswers(t *testing.T) {
	t.Parallel()
	ds := archiveDataset(site.FullOfflineMaxArticles + 1)
	tr := dlpage.NewSite(ds.Site, nil).Table
	h := privateHost(t, "-data", writeDataset(t, "offline-reach.json", ds))
	proxy := proxyTo(t, h.URL)
	var down, gateway atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			if gateway.Load() { // a CDN or proxy answers for the site
				http.Error(w, "synthetic gateway: the site does not answer", http.StatusBadGateway)
				return
			}
			panic(http.ErrAbortHandler) // the connection drops: a network error
		}
		proxy.ServeHTTP(w, r)
	}))
	defer srv.Close()
	base := srv.URL

	for _, c := range []struct {
		name, path, typed, want string
		gateway                 bool
	}{
		{"link", "/sections/odd-section/page/2", "", `document.querySelectorAll("main article.summary").length > 0`, false},
		{"typed", "/page/2", "/page/2", `document.querySelectorAll("main article.summary").length > 0`, false},
		// A gateway's 502 for the page typed: the offline page, not the
		// gateway's error page, and the page once the site answers.
		{"typed behind a gateway", "/page/3", "/page/3", `document.querySelectorAll("main article.summary").length > 0`, true},
		// And for a link's data file: the app's offline page, not its
		// error page with Try again (a gateway's 502 was a failure).
		{"link behind a gateway", "/sections/odd-section/page/2", "", `document.querySelectorAll("main article.summary").length > 0`, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.gateway {
				gateway.Store(true)
				defer gateway.Store(false)
			}
			tb := newTab(t, 360, 740)
			tb.extend(3 * time.Minute)
			firstVisit(t, tb, base, 60*time.Second)
			if c.typed == "" {
				tb.mustLoad(base+"/sections/odd-section", http.StatusOK)
				tb.waitLive()
				down.Store(true)
				tb.click("Older articles in Odd Section", `main a[rel=next]`)
			} else {
				down.Store(true)
				if st, err := tb.load(base + c.typed); err != nil || st != http.StatusServiceUnavailable {
					t.Fatalf("the site down, %s typed: status %d, %v; want the offline page's 503", c.typed, st, err)
				}
			}
			if !eval[bool](tb, `navigator.onLine`) {
				t.Fatal("navigator.onLine is false: the site is down, not the connection")
			}
			// Not "You are offline": the phone is online, the site is
			// what does not answer.
			waitOfflineWords(tb, tr, false)
			down.Store(false)
			waitAcrossLoad(tb, c.path+" open once the site answers", `location.pathname === `+jsString(c.path)+` && `+c.want)
		})
	}

	// The connection back while the site is still out of reach: the status
	// line no longer says "Offline" while the page waits for the site.
	t.Run("status", func(t *testing.T) {
		tb := newTab(t, 360, 740)
		tb.extend(3 * time.Minute)
		firstVisit(t, tb, base, 60*time.Second)
		online := tb.goOffline()
		if st, err := tb.load(base + "/page/2"); err != nil || st != http.StatusServiceUnavailable {
			t.Fatalf("offline, /page/2 typed: status %d, %v; want the offline page's 503", st, err)
		}
		waitOfflineWords(tb, tr, true)
		tb.waitFor("the status line saying offline", statusText+` === `+jsString(tr.Text(i18n.Offline)), 5*time.Second)
		down.Store(true)
		online()
		tb.waitFor("the status line no longer saying offline", statusText+` !== `+jsString(tr.Text(i18n.Offline)), 5*time.Second)
		waitOfflineWords(tb, tr, false)
		down.Store(false)
		waitAcrossLoad(tb, "/page/2 open once the site answers", `location.pathname === "/page/2" && document.querySelectorAll("main article.summary").length > 0`)
	})
}

// waitOfflineWords waits until the offline page says what is true, in
// its heading, its text and the document's title: that the device is
// offline, or, online, that the site does not answer.
func waitOfflineWords(tb *tab, tr *i18n.Table, offline bool) {
	tb.t.Helper()
	title, text := i18n.UnreachableTitle, i18n.UnreachableText
	if offline {
		title, text = i18n.OfflinePageTitle, i18n.OfflinePageText
	}
	tb.waitOfflineH1(tr.Text(title))
	tb.waitFor(fmt.Sprintf("the offline page's text and title (offline %v)", offline),
		`document.querySelector("main .notice-offline p").innerText === `+jsString(tr.Text(text))+
			` && document.title.indexOf(`+jsString(tr.Plain().Text(title))+`) === 0`, 5*time.Second)
}

// waitAcrossLoad polls expr until it is true, through a load of a new
// document on the way (whose evaluations fail while it comes), for 15 s.
func waitAcrossLoad(tb *tab, what, expr string) {
	tb.t.Helper()
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			state, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`location.pathname + " " + (document.querySelector("h1") || {}).textContent`))
			tb.t.Fatalf("waiting for %s: %v, %v; the page: %s", what, ok, err, state)
		}
	}
}
