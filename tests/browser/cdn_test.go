//go:build !(js && wasm)

package browser

import (
	"bytes"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"text/template"
)

// TestCDNKeepsAppFiles puts a shared cache, as a CDN is, in front of an
// export behind nginx (testdata/cdn.conf.tmpl: nginx's proxy_cache, its
// key without the query string, as CloudFront's default policy has it),
// and opens the home page in two browsers, one after the other, each
// with a profile of its own: two readers. The second reader's page gets
// the app's files that pages name by their content's hash (the
// stylesheet, the scripts, the icons, app.wasm) from the cache, without
// a request reaching the origin: their names change with their bytes, so
// the origin lets shared caches keep them a year. Before, the hash was in
// the query string, which such a key leaves out, so the origin kept them
// from shared caches (private), and every reader's app.wasm came from it.
func TestCDNKeepsAppFiles(t *testing.T) {
	t.Parallel()
	dir := exportSite(t, "-data", writeDataset(t, "cdn.json", synthetic()))
	origin := &staticSite{Root: dir}
	startNginx(t, []*staticSite{origin})
	var mu sync.Mutex
	var asked []string
	target, err := url.Parse(origin.URL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	recorder := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.RequestURI())
		mu.Unlock()
		proxy.ServeHTTP(w, r)
	})
	port := freePort(t)
	srv := &http.Server{Addr: addrOf(port), Handler: recorder}
	go srv.ListenAndServe()
	t.Cleanup(func() { srv.Close() })
	cdn := startCDN(t, "http://"+addrOf(port))
	take := func() []string {
		mu.Lock()
		defer mu.Unlock()
		// The app's files as pages name them: by the hash in their names
		// (or, before, in their query string); the service worker's
		// install asks for them by their plain paths, revalidated.
		hashed := []string{}
		for _, u := range asked {
			p, query, _ := strings.Cut(u, "?")
			if plainName(p) != p || strings.HasPrefix(query, "v=") {
				hashed = append(hashed, u)
			}
		}
		asked = nil
		return hashed
	}
	for reader := 1; reader <= 2; reader++ {
		tb := newTab(t, 412, 900)
		tb.mustLoad(cdn+"/", http.StatusOK)
		tb.waitLive()
		tb.waitSaved(tabTimeout / 2)
		got := take()
		switch {
		case reader == 1 && len(got) < 5:
			t.Fatalf("the first reader's page asked the origin for %d of the app's files by their hashed names (%q): the CDN had none, it should have asked for them all", len(got), got)
		case reader == 2 && len(got) > 0:
			t.Errorf("the second reader's page asked the origin again for %q: the CDN did not keep them", got)
		}
		t.Logf("reader %d: %d of the app's files by their hashed names from the origin", reader, len(got))
	}
}

// startCDN starts nginx as a shared cache in front of origin, and returns
// its URL.
func startCDN(t *testing.T, origin string) string {
	t.Helper()
	tmpl, err := template.ParseFiles("testdata/cdn.conf.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	port := freePort(t)
	var conf bytes.Buffer
	if err := tmpl.Execute(&conf, struct {
		Dir, Origin string
		Port        int
	}{dir, origin, port}); err != nil {
		t.Fatal(err)
	}
	confFile := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confFile, conf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	errLog := filepath.Join(dir, "error.log")
	u := "http://" + addrOf(port)
	serveUntilEnd(t, "nginx (the CDN)", exec.Command(nginxPath, "-p", dir, "-e", errLog, "-c", confFile), syscall.SIGQUIT, []string{u + "/"}, func() string {
		log, _ := os.ReadFile(errLog)
		return "error.log:\n" + string(log) + "\nconfiguration:\n" + conf.String()
	})
	return u
}

// TestCDNKeepsCompressedFiles puts the shared cache of TestCDNKeepsAppFiles
// in front of an export behind nginx, and behind Caddy. A first client
// that asks for a file without compression (a crawler, a link preview, a
// script) fills the cache; a reader's browser, which accepts gzip and
// brotli, then asks for the same file. It must get it compressed: the
// origin's answer to the first said that it varies with Accept-Encoding,
// so the cache keeps a copy for each. Caddy said so only when it
// compressed, and the cache gave every reader after that client the
// file whole, for as long as it keeps it: app.wasm by its hashed name,
// 7.6 MB rather than 1.5, for a year.
func TestCDNKeepsCompressedFiles(t *testing.T) {
	t.Parallel()
	dir := exportSite(t, "-data", writeDataset(t, "cdn-vary.json", synthetic()))
	ng, cd := &staticSite{Root: dir}, &staticSite{Root: dir}
	startNginx(t, []*staticSite{ng})
	startCaddy(t, cd)
	hashed := func(pattern string) string {
		t.Helper()
		m, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil || len(m) != 1 {
			t.Fatalf("the export's %s: %q, %v; want one file", pattern, m, err)
		}
		return "/" + filepath.ToSlash(strings.TrimPrefix(m[0], dir+string(filepath.Separator)))
	}
	paths := []string{hashed("web/app.*[0-9a-f].wasm"), hashed("web/reader.*[0-9a-f].js"), "/", "/feed.xml", "/no/such/page"}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(u, enc string) (status int, encoding, vary string) {
		t.Helper()
		resp, _ := getAs(t, client, u, enc)
		return resp.StatusCode, resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary")
	}
	for _, origin := range []struct {
		name string
		site *staticSite
	}{{"nginx", ng}, {"caddy", cd}} {
		cdn := startCDN(t, origin.site.URL)
		for _, p := range paths {
			if st, enc, vary := get(cdn+p, ""); enc != "" || vary != "Accept-Encoding" {
				t.Errorf("%s %s without compression: %d, Content-Encoding %q, Vary %q; want none, Accept-Encoding", origin.name, p, st, enc, vary)
			}
			if st, enc, _ := get(cdn+p, "gzip, deflate, br"); enc == "" {
				t.Errorf("%s %s through the CDN, asked by a browser after a client that takes no compression: %d, sent whole", origin.name, p, st)
			}
		}
	}
}
