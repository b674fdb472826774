//go:build !(js && wasm)

package browser

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"text/template"
	"time"

	"github.com/chromedp/chromedp"

	dlpage "dateline/app/page"
	"dateline/internal/hostproc"
)

// nginxPath is Debian's nginx.
const nginxPath = "/usr/sbin/nginx"

// nginxTemplate is the configuration the test runs nginx with; the README
// points to it as the way to serve an exported site.
const nginxTemplate = "testdata/nginx.conf.tmpl"

// exportSite writes the site of the given host arguments (-data FILE or
// none for the bundled dataset) as static files into a new directory.
func exportSite(t *testing.T, args ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	cmd := exec.Command(hostBinary(t), append(append([]string{"export"}, args...), dir)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	hostproc.DieWithParent(cmd)
	if err := cmd.Run(); err != nil {
		t.Fatalf("dateline export %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	return dir
}

// staticSite is one exported site that nginx serves.
type staticSite struct {
	Port int
	Root string
	URL  string
}

// startNginx runs nginx in the foreground with testdata/nginx.conf.tmpl,
// serving each site on its own port of 127.0.0.1, until the test ends.
func startNginx(t *testing.T, sites []*staticSite) {
	t.Helper()
	if fi, err := os.Stat(nginxPath); err != nil || fi.IsDir() {
		t.Fatalf("install nginx: apt-get install nginx (no %s)", nginxPath)
	}
	tmpl, err := template.ParseFiles(nginxTemplate)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, s := range sites {
		s.Port = freePort(t)
		s.URL = "http://" + addrOf(s.Port)
	}
	var conf bytes.Buffer
	if err := tmpl.Execute(&conf, struct {
		Dir   string
		Sites []*staticSite
	}{dir, sites}); err != nil {
		t.Fatal(err)
	}
	confFile := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confFile, conf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	errLog := filepath.Join(dir, "error.log")
	cmd := exec.Command(nginxPath, "-p", dir, "-e", errLog, "-c", confFile)
	var urls []string
	for _, s := range sites {
		urls = append(urls, s.URL+"/")
	}
	serveUntilEnd(t, "nginx", cmd, syscall.SIGQUIT, urls, func() string { // SIGQUIT: a graceful stop
		log, _ := os.ReadFile(errLog)
		return "error.log:\n" + string(log) + "\nconfiguration:\n" + conf.String()
	})
}

// serveUntilEnd starts cmd, a static host called name, and waits until
// every URL of urls answers; when the test ends it stops the host with
// stop, or kills it 5 s later. more gives what to show of the host besides
// its output when it fails.
func serveUntilEnd(t *testing.T, name string, cmd *exec.Cmd, stop os.Signal, urls []string, more func() string) {
	t.Helper()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	hostproc.DieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", name, err)
	}
	// done is closed when the host has exited, waitErr set before.
	done := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(done) }()
	output := func() string {
		if more == nil {
			return out.String()
		}
		return out.String() + "\n" + more()
	}
	t.Cleanup(func() {
		cmd.Process.Signal(stop)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("%s output:\n%s", name, output())
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for _, u := range urls {
		for {
			resp, err := http.Get(u)
			if err == nil {
				resp.Body.Close()
				break
			}
			select {
			case <-done:
				t.Fatalf("%s exited (%v):\n%s", name, waitErr, output())
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s does not answer on %s: %v\n%s", name, u, err, output())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// TestStaticExportBehindNginx exports the bundled site and the synthetic
// one, serves them with nginx, and checks that they work as the host does:
// pages prerendered and then live, links followed in place, the not-found
// page with its 404, app.wasm compressed and typed, and offline reading
// once the service worker has saved the site.
func TestStaticExportBehindNginx(t *testing.T) {
	t.Parallel()
	seedDir := exportSite(t)
	syntheticDir := exportSite(t, "-data", writeDataset(t, "synthetic.json", synthetic()))
	seedSite, syntheticSite := &staticSite{Root: seedDir}, &staticSite{Root: syntheticDir}
	startNginx(t, []*staticSite{seedSite, syntheticSite})

	t.Run("http", func(t *testing.T) {
		client := &http.Client{
			Transport:     &http.Transport{DisableCompression: true},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
		get := func(path string, header ...string) (*http.Response, string) {
			t.Helper()
			req, err := http.NewRequest(http.MethodGet, seedSite.URL+path, nil)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i+1 < len(header); i += 2 {
				req.Header.Set(header[i], header[i+1])
			}
			resp, body := send(t, client, req)
			return resp, string(body)
		}
		resp, _ := get("/web/app.wasm", "Accept-Encoding", "gzip")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" ||
			resp.Header.Get("Content-Type") != "application/wasm" {
			t.Errorf("GET /web/app.wasm (Accept-Encoding: gzip): %d, Content-Encoding %q, Content-Type %q; want 200, gzip, application/wasm",
				resp.StatusCode, resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"))
		}
		for _, path := range []string{"/no/such/page", "/articles/no-such-slug", "/_not-found"} {
			resp, body := get(path)
			if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, ">"+notFoundH1+"</h1>") {
				t.Errorf("GET %s: status %d (want 404), not-found heading present: %v", path, resp.StatusCode, strings.Contains(body, notFoundH1))
			}
		}
		for path, ct := range map[string]string{
			"/":                           "text/html",
			"/articles/" + seedSlug:       "text/html",
			"/manifest.webmanifest":       "application/manifest+json",
			"/app-worker.js":              "text/javascript",
			"/_offline":                   "text/html",
			"/web/dateline.css":           "text/css",
			"/web/icons/icon-192.png":     "image/png",
			"/articles/" + seedSlug + "/": "",
			"/page/1":                     "",
		} {
			resp, _ := get(path)
			if ct == "" {
				// Another form of a page's address: to the page's own.
				want := strings.TrimSuffix(strings.TrimSuffix(path, "/"), "/page/1")
				if want == "" {
					want = "/"
				}
				if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
					t.Errorf("GET %s: status %d to %q, want 301 to %s", path, resp.StatusCode, resp.Header.Get("Location"), want)
				}
				continue
			}
			if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), ct) {
				t.Errorf("GET %s: %d %q, want 200 %s", path, resp.StatusCode, resp.Header.Get("Content-Type"), ct)
			}
		}
	})

	// The export's one search page has no query in its markup: until the
	// app has searched, its box shows the address's query (web/reader.js),
	// and what the reader types in it meanwhile stays when the results
	// come. Before, the box stood empty, and the query the app put in it
	// wiped the reader's words. A query longer than the app keeps
	// (page.MaxQuery characters) shows cut as the app cuts it: shown whole, the
	// app's box, given the cut one, did not take it for the same, and the
	// reader's words were wiped again.
	for _, c := range []struct{ scenario, query, typed string }{
		{"search box before the app", "alpha", " edited"},
		// 225 characters, 270 bytes: cut at page.MaxQuery characters, the
		// box's maxlength, and trimmed, it leaves the reader room for one.
		{"search box before the app, a long query", strings.Repeat("café ", 45), "s"},
	} {
		t.Run(c.scenario, func(t *testing.T) {
			cut := dlpage.SearchRef(c.query, 1).Slug // the query the app searches
			tb := newTab(t, 1280, 900)
			tb.addScript(`(() => {
  window.__held = [];
  const fetch = window.fetch;
  window.fetch = function (...args) {
    if (window.__let || !/\/web\/app[.0-9a-f]*\.wasm/.test(String(args[0]))) return fetch.apply(this, args);
    return new Promise((go) => window.__held.push(go)).then(() => fetch.apply(this, args));
  };
})()`)
			tb.mustLoad(syntheticSite.URL+"/search?"+url.Values{"q": {c.query}}.Encode(), http.StatusOK)
			tb.waitFor("reader.js, and app.wasm asked for", `document.documentElement.hasAttribute("data-reader") && window.__held.length > 0`, 10*time.Second)
			box := `document.getElementById("search-input").value`
			if got := eval[string](tb, box); got != cut {
				t.Errorf("the export's search page before the app: box %q, want the query the app searches, %q", got, cut)
			}
			eval[any](tb, `(() => { const b = document.getElementById("search-input"); b.focus(); b.setSelectionRange(b.value.length, b.value.length); })()`)
			tb.keys("typing in the box", c.typed)
			if eval[bool](tb, `window.__dt && __dt.live()`) {
				t.Fatal("the app was live while app.wasm was held")
			}
			eval[any](tb, `window.__hostBox = document.getElementById("search-input"), window.__let = true, window.__held.forEach((go) => go())`)
			tb.waitLive()
			tb.waitFor("the app's own box", `!window.__hostBox.isConnected && !!document.getElementById("search-input")`, 10*time.Second)
			if c.query == "alpha" {
				tb.waitFor("results from the exported index", `(document.querySelector("h1") || {}).textContent.includes(" for alpha") &&
			!!document.querySelector(".search-results a[href='/articles/`+slugAlpha+`']")`, 10*time.Second)
			}
			if got, want := eval[string](tb, box), cut+c.typed; got != want {
				t.Errorf("the box once the app has searched: %q, want the reader's words %q", got, want)
			}
			tb.checkConsole(nil)
		})
	}

	t.Run("seed", func(t *testing.T) {
		s := readSeed(t)
		tb := newTab(t, 1280, 900)
		tb.mustLoad(seedSite.URL+"/articles/"+seedSlug, http.StatusOK)
		painted := tb.firstFrame()
		switch {
		case painted == nil || painted.H1 == nil:
			t.Errorf("no h1 at the first frame: %+v", painted)
		case normalize(painted.H1.Text) != s.Headline:
			t.Errorf("h1 at the first frame = %q, want %q", painted.H1.Text, s.Headline)
		case painted.H1.W <= 0 || painted.H1.H <= 0 || painted.H1.Visibility != "visible" || painted.H1.Opacity < 1 || !painted.H1.Hit:
			t.Errorf("h1 not visible at the first frame: %+v", *painted.H1)
		}
		tb.waitLive()
		checkWasmFetch(t, tb, "first visit, from nginx", "network")
		checkSeedText(t, "live, from nginx", eval[string](tb, `document.body.innerText`), s)

		st, err := tb.load(seedSite.URL + "/no/such/page")
		if err != nil || st != http.StatusNotFound {
			t.Errorf("/no/such/page from nginx: status %d (%v), want 404", st, err)
		}
		checkNotFound(t, tb, "/no/such/page from nginx")

		paths := firstVisit(t, tb, seedSite.URL, 30*time.Second)
		tb.goOffline()
		for _, p := range paths {
			tb.mustLoad(seedSite.URL+p+"?utm=x", http.StatusOK)
			checkArticle(t, tb, "offline from nginx "+p, bySlug(bundled(t))[strings.TrimPrefix(p, "/articles/")], true)
			checkWasmFetch(t, tb, "offline from nginx "+p, "early")
		}
		st, err = tb.load(seedSite.URL + "/articles/no-such-slug")
		if err != nil || st != http.StatusNotFound {
			t.Errorf("offline /articles/no-such-slug from nginx: status %d (%v), want 404", st, err)
		}
		checkNotFound(t, tb, "offline /articles/no-such-slug from nginx")
		tb.checkConsole(allowOffline)
	})

	// nginx sends the app without validators, so that a check of it is a
	// whole download: the worker's install takes the page's from the
	// browser's cache rather than download app.wasm a second time.
	t.Run("app.wasm once", func(t *testing.T) {
		w := newWatchedNet(t, syntheticSite.URL)
		tb := newTab(t, 412, 900)
		tb.mustLoad(w.URL+dlpage.ArticlePath(slugAlpha), http.StatusOK)
		tb.waitLive()
		tb.waitSaved(30 * time.Second)
		if n := w.count("/web/app.wasm"); n != 1 {
			t.Errorf("a first visit from nginx downloaded app.wasm %d times, want once", n)
		}
		for _, f := range []string{"/web/dateline.css", "/web/reader.js", "/web/boot.js"} {
			if n := w.count(f); n != 1 {
				t.Errorf("a first visit from nginx downloaded %s %d times, want once", f, n)
			}
		}
		tb.checkConsole(nil)
	})

	// On a slow link the install comes (30 s after the page has loaded,
	// workerstart.js) while the page is still downloading app.wasm: it
	// waits for the page's download, then takes it from the browser's
	// cache, rather than download the file a second time alongside.
	t.Run("app.wasm once on a slow link", func(t *testing.T) {
		w := newWatchedNet(t, syntheticSite.URL)
		// About 2 MB in pieces of 12 kB, 350 ms apart: some 60 s. The
		// worker is registered at about 31 s; Chromium's HTTP cache holds
		// its requests for a file being downloaded 20 s at most: the
		// page's download is still under way then.
		w.slow("/web/app.wasm", 12<<10, 350*time.Millisecond)
		tb := newTab(t, 412, 900)
		tb.mustLoad(w.URL+dlpage.ArticlePath(slugAlpha), http.StatusOK)
		tb.waitFor("the worker to be registered", `!!window.datelineInstalling`, 45*time.Second)
		if eval[bool](tb, `window.__dt && __dt.live()`) {
			t.Fatal("the app was live before the worker was registered: the page's download was not slow enough to test the race")
		}
		tb.waitFor("the app to be live", `window.__dt && __dt.live()`, 55*time.Second)
		if n := w.count("/web/app.wasm"); n != 1 {
			t.Errorf("app.wasm was requested %d times by the time the page had it, want once", n)
		}
		tb.waitSaved(25 * time.Second)
		if n := w.count("/web/app.wasm"); n != 1 {
			t.Errorf("a first visit from nginx on a slow link downloaded app.wasm %d times, want once", n)
		}
		tb.checkConsole(nil)
	})

	t.Run("synthetic", func(t *testing.T) {
		ds := bySlug(synthetic())
		tb := newTab(t, 412, 900)
		tb.do("setting the viewport", viewport(412, 900))
		tb.mustLoad(syntheticSite.URL+"/articles/"+slugAlpha, http.StatusOK)
		checkArticle(t, tb, "from nginx", ds[slugAlpha], true)
		eval[chromedp.Void](tb, `window.__marker = 42`)
		tb.do("following Read More", chromedp.Click(chromedp.CSS(`.story-body .read-more a[href="/articles/`+slugBravo+`"]`)))
		checkArticle(t, tb, "followed from alpha, from nginx", ds[slugBravo], false)
		tb.do("following a related link", chromedp.Click(chromedp.CSS(`section.related a[href="/articles/`+slugCharlie+`"]`)))
		checkArticle(t, tb, "followed from bravo, from nginx", ds[slugCharlie], false)
		if p := eval[string](tb, `location.pathname`); p != "/articles/"+slugCharlie {
			t.Errorf("location.pathname = %q after following links", p)
		}
		if m := eval[int](tb, `window.__marker || 0`); m != 42 {
			t.Error("following links on the static site reloaded the page")
		}

		// Search: nginx serves the same page for every query; the app
		// searches the exported index.
		tb.mustLoad(syntheticSite.URL+"/search?q=alpha", http.StatusOK)
		tb.waitLive()
		tb.waitFor("results from the exported index", `(document.querySelector("h1") || {}).textContent.includes(" for alpha") &&
			(document.querySelector(".search-results a") || {getAttribute: () => ""}).getAttribute("href") === "/articles/`+slugAlpha+`"`, 10*time.Second)
		// The results drawn, the head still keeps them out of search
		// engines' indexes, as the host's do.
		noindex := func(what string) {
			t.Helper()
			if got := eval[[]string](tb, robotsJS); len(got) != 1 || got[0] != "noindex" {
				t.Errorf("%s: robots metas %q, want one noindex", what, got)
			}
		}
		noindex("results from the exported index")

		tb.waitSaved(30 * time.Second)
		// A search under the worker comes from nginx first: the same
		// page, which the app fills; offline, the saved one, which it
		// fills from the index the device keeps.
		searched := func(what, q, slug string) {
			t.Helper()
			tb.mustLoad(syntheticSite.URL+"/search?q="+q, http.StatusOK)
			tb.waitLive()
			tb.waitFor(what, `(document.querySelector("h1") || {}).textContent === "1 result for `+q+`" &&
			(document.querySelector(".search-results a") || {getAttribute: () => ""}).getAttribute("href") === "/articles/`+slug+`"`, 10*time.Second)
			noindex(what)
		}
		searched("results under the worker", "bravo", slugBravo)
		tb.goOffline()
		for _, slug := range []string{slugAlpha, slugBravo, slugCharlie} {
			tb.mustLoad(syntheticSite.URL+dlpage.ArticlePath(slug)+"#frag", http.StatusOK)
			checkArticle(t, tb, fmt.Sprintf("offline from nginx %s", slug), ds[slug], true)
		}
		searched("results offline", "charlie", slugCharlie)
		tb.checkConsole(allowOffline)
	})
}
