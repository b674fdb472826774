//go:build !(js && wasm)

package browser

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/chromedp"

	"dateline/app/article"
	dlpage "dateline/app/page"
	"dateline/internal/testfiles"
)

// caddyPath is Debian's Caddy.
const caddyPath = "/usr/bin/caddy"

// startCaddy serves an exported site with Caddy and the site block the
// export writes (DIR/_config/Caddyfile), until the test ends.
func startCaddy(t *testing.T, site *staticSite) {
	t.Helper()
	if fi, err := os.Stat(caddyPath); err != nil || fi.IsDir() {
		t.Fatalf("install Caddy: apt-get install caddy (no %s)", caddyPath)
	}
	dir := t.TempDir()
	site.Port = freePort(t)
	site.URL = "http://" + addrOf(site.Port)
	conf := fmt.Sprintf(`{
	admin off
	auto_https off
	storage file_system %s
}

http://%s {
	root * %s
	import %s
}
`, filepath.Join(dir, "storage"), addrOf(site.Port), site.Root, filepath.Join(site.Root, "_config", "Caddyfile"))
	confFile := filepath.Join(dir, "Caddyfile")
	if err := os.WriteFile(confFile, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(caddyPath, "run", "--config", confFile, "--adapter", "caddyfile")
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir)
	serveUntilEnd(t, "caddy", cmd, syscall.SIGTERM, []string{site.URL + "/"}, nil)
}

// TestStaticHostHeaders exports one site and serves it with the host,
// with nginx and with Caddy, each static host with the configuration the
// export writes: every response carries the host's headers, with the
// same cache class, and the export's own files are not served.
func TestStaticHostHeaders(t *testing.T) {
	t.Parallel()
	// With an archive beside, so that the search index has files worth
	// compressing.
	ds := synthetic()
	ds.Articles = append(ds.Articles, archiveDataset(600).Articles...)
	// A public address and a story of the last hour: the sitemaps, the
	// news sitemap among them, are exported too.
	ds.Site = &article.Site{URL: "https://news.example.org"}
	ds.Articles[0].Published = time.Now().UTC().Add(-time.Hour).Format(time.RFC3339)
	data := writeDataset(t, "headers.json", ds)
	// A newsroom's photos, in a folder of theirs, some with a "?" in a
	// name, which an address carries as %3F, or a ":".
	media := t.TempDir()
	photo := testfiles.PNG(t)
	testfiles.Write(t, media, map[string][]byte{
		"photo.png":       photo,
		"2024/photo.png":  photo,
		"x?y.png":         photo,
		"tail?.png":       photo,
		"why?/photo.png":  photo,
		"2024/?photo.png": photo,
		"colon:.png":      photo,
		"12:30/photo.png": photo,
	})
	dir := exportSite(t, "-data", data, "-media", media)
	h := privateHost(t, "-data", data, "-media", media)
	ng, cd := &staticSite{Root: dir}, &staticSite{Root: dir}
	startNginx(t, []*staticSite{ng})
	startCaddy(t, cd)
	// One data folder, and beside it the version's reuse list.
	base, err := filepath.Glob(filepath.Join(dir, "data", "*"))
	lists, lerr := filepath.Glob(filepath.Join(dir, "data", "reuse-*.json"))
	if err != nil || lerr != nil || len(base) != 2 || len(lists) != 1 {
		t.Fatalf("the export's data folder holds %q (%v, %v): want a data path and a reuse list", base, err, lerr)
	}
	reuseList := "/data/" + filepath.Base(lists[0])
	dataFile := "/data/" + filepath.Base(slices.DeleteFunc(base, func(p string) bool { return p == lists[0] })[0]) + "/articles/" + slugAlpha + ".json"
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(url string) *http.Response {
		t.Helper()
		resp, err := client.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	for _, c := range []struct {
		path   string
		status int
		cache  string
	}{
		{"/", 200, "no-cache"},
		{"/articles/" + slugAlpha, 200, "no-cache"},
		{"/app-worker.js", 200, "no-cache"},
		{"/manifest.webmanifest", 200, "no-cache"},
		{"/feed.xml", 200, "no-cache"},
		{"/sitemap.xml", 200, "no-cache"},
		{"/news-sitemap.xml", 200, "no-cache"},
		{dataFile, 200, "public, max-age=31536000, immutable"},
		{reuseList, 200, "public, max-age=31536000, immutable"},
		{"/no/such/page", 404, "no-cache"},
	} {
		want := get(h.URL + c.path)
		for _, srv := range []struct {
			name string
			url  string
		}{{"host", h.URL}, {"nginx", ng.URL}, {"caddy", cd.URL}} {
			got := get(srv.url + c.path)
			if strings.HasSuffix(c.path, ".xml") && !strings.Contains(got.Header.Get("Content-Type"), "xml") {
				t.Errorf("%s %s: Content-Type %q, want an XML type", srv.name, c.path, got.Header.Get("Content-Type"))
			}
			if got.StatusCode != c.status || got.Header.Get("Cache-Control") != c.cache {
				t.Errorf("%s %s: %d, Cache-Control %q; want %d, %q", srv.name, c.path, got.StatusCode, got.Header.Get("Cache-Control"), c.status, c.cache)
			}
			// A static host's validators come from a file's time and
			// size, which two exports can share: a revalidated file
			// carries none (README, "Deploying a new version").
			if srv.name != "host" && c.cache == "no-cache" {
				for _, v := range []string{"ETag", "Last-Modified"} {
					if got.Header.Get(v) != "" {
						t.Errorf("%s %s: %s %q on a revalidated file", srv.name, c.path, v, got.Header.Get(v))
					}
				}
			}
			for _, name := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy"} {
				if got.Header.Get(name) != want.Header.Get(name) || want.Header.Get(name) == "" {
					t.Errorf("%s %s: %s %q, the host sends %q", srv.name, c.path, name, got.Header.Get(name), want.Header.Get(name))
				}
			}
		}
	}
	// A photo whose name has a "?" or a ":" is served as one without:
	// the same file, type and cache class on every host (a static host
	// must not take the decoded "?" for the start of a query).
	for _, srv := range []struct{ name, url string }{{"host", h.URL}, {"nginx", ng.URL}, {"caddy", cd.URL}} {
		plain := get(srv.url + "/media/photo.png")
		if plain.StatusCode != http.StatusOK || plain.Header.Get("Content-Type") != "image/png" {
			t.Errorf("%s /media/photo.png: %d, Content-Type %q; want 200, image/png", srv.name, plain.StatusCode, plain.Header.Get("Content-Type"))
		}
		for _, p := range []string{"/media/x%3Fy.png", "/media/x%3fy.png", "/media/tail%3F.png", "/media/why%3F/photo.png", "/media/2024/%3Fphoto.png",
			"/media/colon:.png", "/media/colon%3A.png", "/media/12:30/photo.png", "/media/12%3a30/photo.png"} {
			resp, err := client.Get(srv.url + p)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatalf("%s %s: reading the body: %v", srv.name, p, err)
			}
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" || !bytes.Equal(body, photo) {
				t.Errorf("%s %s: %d, Content-Type %q, %d bytes; want 200, image/png, the photo's %d bytes", srv.name, p, resp.StatusCode, resp.Header.Get("Content-Type"), len(body), len(photo))
			}
			if got, want := resp.Header.Get("Cache-Control"), plain.Header.Get("Cache-Control"); got != want {
				t.Errorf("%s %s: Cache-Control %q; /media/photo.png has %q", srv.name, p, got, want)
			}
			if got, want := resp.Header.Get("ETag") != "", plain.Header.Get("ETag") != ""; got != want {
				t.Errorf("%s %s: ETag %q; /media/photo.png has %q", srv.name, p, resp.Header.Get("ETag"), plain.Header.Get("ETag"))
			}
		}
	}
	// The search index: its manifest, its largest shard and its largest
	// document part, under their own type on every host.
	searchFiles := largestSearchFiles(t, dir)
	manifest := strings.TrimSuffix(dataFile, "/articles/"+slugAlpha+".json") + "/" + dlpage.SearchDir + "/" + dlpage.SearchManifest
	for _, p := range append([]string{manifest}, searchFiles...) {
		want := get(h.URL + p)
		for _, srv := range []*staticSite{ng, cd} {
			if got := get(srv.URL + p); got.StatusCode != 200 || got.Header.Get("Content-Type") != want.Header.Get("Content-Type") || want.Header.Get("Content-Type") != dlpage.SearchFileType {
				t.Errorf("%s%s: %d, Content-Type %q; the host sends %q, want %q", srv.URL, p, got.StatusCode, got.Header.Get("Content-Type"), want.Header.Get("Content-Type"), dlpage.SearchFileType)
			}
		}
	}
	// Text and the search index go out compressed by every host (the
	// export's .gz and .br files for the app's, the static host's own
	// compression for pages, data files, the index and feeds), once:
	// undone, it is the file.
	for _, p := range append([]string{"/", "/articles/" + slugAlpha, "/feed.xml", dataFile, "/web/dateline.css", "/web/reader.js", "/dateline-worker.js"}, searchFiles...) {
		for _, srv := range []struct {
			name string
			url  string
		}{{"host", h.URL}, {"nginx", ng.URL}, {"caddy", cd.URL}} {
			plain := getBody(t, client, srv.url+p, "")
			for _, enc := range []string{"gzip", "br"} {
				// Debian's nginx has no brotli module, and Caddy compresses
				// as it goes with zstd and gzip: brotli is the host's, and
				// Caddy's for the .br files the export writes.
				if enc == "br" && srv.name != "host" && !(srv.name == "caddy" && strings.HasPrefix(p, "/web/")) {
					continue
				}
				packed := getBody(t, client, srv.url+p, enc)
				if packed.encoding != enc {
					t.Errorf("%s %s asked with %s: Content-Encoding %q (%d bytes)", srv.name, p, enc, packed.encoding, len(plain.body))
					continue
				}
				if !bytes.Equal(decode(t, enc, packed.body), plain.body) {
					t.Errorf("%s %s with %s: undone, not the file's %d bytes", srv.name, p, enc, len(plain.body))
				}
			}
		}
	}
	for _, p := range []string{"/_config/nginx.conf", "/_config/Caddyfile", "/_headers", "/_redirects"} {
		for _, srv := range []*staticSite{ng, cd} {
			if got := get(srv.URL + p); got.StatusCode != http.StatusNotFound {
				t.Errorf("%s%s: status %d, want 404: the export's own files are not the site's", srv.URL, p, got.StatusCode)
			}
		}
	}
	checkOneAddress(t, dataFile, h.URL, ng.URL, cd.URL)
	checkDotSegments(t, dataFile, h.URL, ng.URL, cd.URL)
	checkSearchNoindex(t, h.URL, ng.URL, cd.URL)
}

// robotsMeta finds a <meta name="robots"> in a page, either attribute
// order and quoting as the host and go-app write them.
var robotsMeta = regexp.MustCompile(`<meta[^>]*\bname="robots"[^>]*\bcontent="([^"]*)"`)

// checkSearchNoindex checks that a search's results say noindex on every
// host, by the page or by an X-Robots-Tag header, to a crawler that runs
// no script: a static host serves one file for every query, which the
// app fills in, and search engines ask sites to keep their own search
// results out of the index.
func checkSearchNoindex(t *testing.T, hosts ...string) {
	t.Helper()
	for _, host := range hosts {
		for _, p := range []string{dlpage.SearchPath + "?q=council", dlpage.SearchPath + "?q=alpha&page=2"} {
			resp, err := http.Get(host + p)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatalf("%s%s: reading the body: %v", host, p, err)
			}
			var said []string
			if m := robotsMeta.FindSubmatch(body); m != nil {
				said = append(said, string(m[1]))
			}
			said = append(said, resp.Header.Values("X-Robots-Tag")...)
			if resp.StatusCode != http.StatusOK || !slices.ContainsFunc(said, func(s string) bool { return strings.Contains(s, "noindex") }) {
				t.Errorf("%s%s: %d, robots %q; want 200 and noindex, in the page or an X-Robots-Tag", host, p, resp.StatusCode, said)
			}
		}
	}
}

// largestSearchFiles returns the URL paths of an export's search index
// files worth compressing: its largest shard and its largest document
// part, each checked to be larger than the static hosts' least size to
// compress (1 kB, beyond nginx's 512 bytes).
func largestSearchFiles(t *testing.T, dir string) []string {
	t.Helper()
	roots, err := filepath.Glob(filepath.Join(dir, "data", "*", dlpage.SearchDir))
	if err != nil || len(roots) != 1 {
		t.Fatalf("the export's search folders: %q, %v", roots, err)
	}
	largest := map[string]string{} // kind: file
	sizes := map[string]int64{}
	err = filepath.WalkDir(roots[0], func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		kind := "document part"
		switch base := filepath.Base(p); {
		case base == dlpage.SearchManifest:
			return nil
		case strings.HasPrefix(base, "s"):
			kind = "shard"
		}
		if fi.Size() > sizes[kind] {
			largest[kind], sizes[kind] = p, fi.Size()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, kind := range []string{"shard", "document part"} {
		if sizes[kind] <= 1024 {
			t.Fatalf("the export's largest search index %s is %d bytes (%s): too small to show compression", kind, sizes[kind], largest[kind])
		}
		rel, err := filepath.Rel(dir, largest[kind])
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, "/"+filepath.ToSlash(rel))
	}
	return paths
}

// checkOneAddress asks the host, nginx and Caddy for the same URLs, the
// export's files by their names among them, and wants the same answer
// from all three: a page's file leads to the page's address for good, with
// the query string, so that a page has one address wherever the site is
// served; a file that is no page's is missing, as on the host; the app's
// and the data's files are served under their own names.
func checkOneAddress(t *testing.T, dataFile string, host, nginx, caddy string) {
	t.Helper()
	client := &http.Client{
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	article := dlpage.ArticlePath(slugAlpha)
	for _, c := range []struct {
		path     string
		status   int
		location string
	}{
		{article + ".html", http.StatusMovedPermanently, article},
		{article + ".html?utm=x&a=b", http.StatusMovedPermanently, article + "?utm=x&a=b"},
		{"/index.html", http.StatusMovedPermanently, "/"},
		{"/index.html?utm=x", http.StatusMovedPermanently, "/?utm=x"},
		{dlpage.SavedPath + ".html", http.StatusMovedPermanently, dlpage.SavedPath},
		{dlpage.SearchPath + ".html?q=alpha", http.StatusMovedPermanently, dlpage.SearchPath + "?q=alpha"},
		{"/articles/no-such-story.html", http.StatusMovedPermanently, "/articles/no-such-story"},
		{article, http.StatusOK, ""},
		{"/", http.StatusOK, ""},
		{"/404.html", http.StatusNotFound, ""},
		{"/404", http.StatusNotFound, ""},
		{dlpage.OfflinePath + ".html", http.StatusNotFound, ""},
		{"/page/1.html", http.StatusNotFound, ""},
		{dlpage.OfflinePath, http.StatusOK, ""},
		{dataFile, http.StatusOK, ""},
		{"/web/dateline.css", http.StatusOK, ""},
		{"/feed.xml", http.StatusOK, ""},
		{"/robots.txt", http.StatusOK, ""},
		{"/media/photo.png", http.StatusOK, ""},
		{"/media/2024/photo.png", http.StatusOK, ""},
		// The home page's file without its extension is the home page's
		// too, as /index.html is: to its address.
		{"/index", http.StatusMovedPermanently, "/"},
		{"/index/", http.StatusMovedPermanently, "/"},
		{"/index?utm=x", http.StatusMovedPermanently, "/?utm=x"},
		// A doubled slash inside an address is no page's address; one
		// made of slashes alone is the home page's, as a trailing slash
		// is another form of a page's.
		{"/page//2", http.StatusNotFound, ""},
		{"//page/2", http.StatusNotFound, ""},
		{"/articles//" + slugAlpha, http.StatusNotFound, ""},
		{"//articles/" + slugAlpha, http.StatusNotFound, ""},
		{"/page//1", http.StatusNotFound, ""},
		{"//", http.StatusMovedPermanently, "/"},
		{"///?utm=x", http.StatusMovedPermanently, "/?utm=x"},
		{"/articles/" + slugAlpha + "//", http.StatusMovedPermanently, article},
		// A folder of files is no page.
		{"/media/", http.StatusNotFound, ""},
		{"/media/2024/", http.StatusNotFound, ""},
		{"/data/", http.StatusNotFound, ""},
		{"/web/", http.StatusNotFound, ""},
		{"/web/icons/", http.StatusNotFound, ""},
		{"/media", http.StatusNotFound, ""},
	} {
		for _, srv := range []struct{ name, url string }{{"host", host}, {"nginx", nginx}, {"caddy", caddy}} {
			resp, err := client.Get(srv.url + c.path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, resp.Body); err != nil {
				t.Fatalf("%s %s: reading the body: %v", srv.name, c.path, err)
			}
			if err := resp.Body.Close(); err != nil {
				t.Fatalf("%s %s: %v", srv.name, c.path, err)
			}
			if loc := resp.Header.Get("Location"); resp.StatusCode != c.status || loc != c.location {
				t.Errorf("%s %s: %d to %q; want %d to %q, as on every host", srv.name, c.path, resp.StatusCode, loc, c.status, c.location)
			}
			// A redirect kept by a browser or a CDN for as long as on any
			// other host: revalidated, as a page.
			if cc := resp.Header.Get("Cache-Control"); c.status == http.StatusMovedPermanently && cc != "no-cache" {
				t.Errorf("%s %s: a redirect with Cache-Control %q; want \"no-cache\", as on every host", srv.name, c.path, cc)
			}
		}
	}
}

// checkDotSegments checks that a path with segments "." or "..", plain or
// escaped, as curl, a crawler or a proxy may send it (a browser resolves
// them first), ends on every host where its clean path does: the same
// status and bytes, in place (nginx, Caddy) or by a redirect (the host),
// and the export's own files stay hidden.
func checkDotSegments(t *testing.T, dataFile string, hosts ...string) {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(url string) (int, []byte) {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, url, nil)
		if err != nil {
			t.Fatal(err)
		}
		// As written: Go's client would send "%2e" as ".".
		req.URL.Opaque = req.URL.Path
		if req.URL.RawPath != "" {
			req.URL.Opaque = req.URL.RawPath
		}
		resp, body := send(t, client, req)
		return resp.StatusCode, body
	}
	article := dlpage.ArticlePath(slugAlpha)
	for _, c := range []struct{ path, clean string }{
		{"/a/.." + article, article},
		{"/articles/./" + slugAlpha, article},
		{"/articles/%2e%2e" + article, article},
		{"/articles/%2E/" + slugAlpha + "?utm=x", article + "?utm=x"},
		{"/./", "/"},
		{"/sections/../saved", dlpage.SavedPath},
		{"/a/../web/dateline.css", "/web/dateline.css"},
		{"/a/.." + dataFile, dataFile},
		{"/media/../media/photo.png", "/media/photo.png"},
		{"/a/../_config/nginx.conf", "/_config/nginx.conf"},
		{"/a/..%2F_headers", "/_headers"},
	} {
		for _, host := range hosts {
			status, body := get(host + c.path)
			wantStatus, want := get(host + c.clean)
			if status != wantStatus || !bytes.Equal(body, want) {
				t.Errorf("%s%s: %d, %d bytes; %s answers %d, %d bytes", host, c.path, status, len(body), c.clean, wantStatus, len(want))
			}
		}
	}
}

// setTimes gives every file under dir the same modification time, as a
// deploy that keeps file times would (rsync -t, a reproducible build).
func setTimes(t *testing.T, dir string, at time.Time) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, at, at)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDeployOverOpenPage serves version A of an export with nginx, opens a
// page, then exports version B over it with every file time the same as
// A's: the open page is told of the new version (never a stale 304 for
// the service worker) and still follows links; reloaded, it shows version
// B, which then reads offline.
func TestDeployOverOpenPage(t *testing.T) {
	t.Parallel()
	fileA := writeDataset(t, "deploy-a.json", updateDataset(headUpdateA))
	fileB := writeDataset(t, "deploy-b.json", updateDataset(headUpdateB))
	dir := exportSite(t, "-data", fileA)
	when := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	setTimes(t, dir, when)
	site := &staticSite{Root: dir}
	startNginx(t, []*staticSite{site})

	tb := newTab(t, 1280, 900)
	tb.mustLoad(site.URL+dlpage.ArticlePath(slugUpdate), http.StatusOK)
	tb.waitLive()
	tb.waitH1(headUpdateA)
	tb.waitSaved(30 * time.Second)

	cmd := exec.Command(hostBinary(t), "export", "-data", fileB, dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("exporting version B over A: %v\n%s", err, out)
	}
	setTimes(t, dir, when)

	hasToast := toastJS + `.includes("A new version is available.")`
	for deadline := time.Now().Add(30 * time.Second); !eval[bool](tb, hasToast); {
		if time.Now().After(deadline) {
			t.Fatalf("no update toast 30s after the deploy; status bar: %q", eval[string](tb, statusText))
		}
		eval[chromedp.Void](tb, `document.dispatchEvent(new Event("visibilitychange"))`)
		_, _ = chromedp.Run(tb.ctx, chromedp.Poll[chromedp.Void](hasToast, chromedp.WithPollingTimeout(3*time.Second)))
	}
	// Version A's page still works: the site's name leads home, in place.
	eval[chromedp.Void](tb, `window.__marker = 42`)
	tb.do("going home", chromedp.Click(chromedp.CSS("a.site-name")))
	tb.waitH1("Latest articles")
	if m := eval[int](tb, `window.__marker || 0`); m != 42 {
		t.Error("after the deploy, following a link reloaded the page")
	}
	// Reload: version B, which then reads offline.
	tb.mustLoad(site.URL+dlpage.ArticlePath(slugUpdate), http.StatusOK)
	tb.waitLive()
	tb.waitH1(headUpdateB)
	tb.waitSaved(30 * time.Second)
	tb.goOffline()
	tb.mustLoad(site.URL+dlpage.ArticlePath(slugUpdate)+"?offline", http.StatusOK)
	tb.waitLive()
	tb.waitH1(headUpdateB)
	tb.checkConsole(func(m chromedp.ConsoleMessage) bool {
		return allowOffline(m) || strings.Contains(m.Text, "has been updated")
	})
}

// encoded is a response's body as it came, with its Content-Encoding.
type encoded struct {
	body     []byte
	encoding string
}

// getBody gets url asking for the encoding enc ("" for none), and fails
// the test on any status but 200.
func getBody(t *testing.T, client *http.Client, url, enc string) encoded {
	t.Helper()
	resp, b := getAs(t, client, url, enc)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s (%s): status %d", url, enc, resp.StatusCode)
	}
	return encoded{body: b, encoding: resp.Header.Get("Content-Encoding")}
}

// getAs gets url asking for the encoding enc ("" for none), and returns
// the answer with its body read whole, as it came.
func getAs(t *testing.T, client *http.Client, url, enc string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if enc != "" {
		req.Header.Set("Accept-Encoding", enc)
	}
	return send(t, client, req)
}

// send sends req with client and returns the answer with its body read
// whole, as it came.
func send(t *testing.T, client *http.Client, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", req.Method, req.URL, err)
	}
	return resp, b
}

// decode undoes a gzip or brotli encoding.
func decode(t *testing.T, enc string, b []byte) []byte {
	t.Helper()
	var r io.Reader
	switch enc {
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("gzip: %v", err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(bytes.NewReader(b))
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("undoing %s: %v", enc, err)
	}
	return out
}
