package site_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dateline/app/feed"
	"dateline/internal/htmltest"
)

// The two Cache-Control values of the host.
const (
	keptAYear   = "public, max-age=31536000, immutable"
	revalidated = "no-cache"
)

// workerScript returns the service worker as the browser runs it: the
// script /app-worker.js imports (site.go's splitWorker), which it checks
// to be one line naming it by its content's hash.
func workerScript(t *testing.T, ts *testServer) []byte {
	t.Helper()
	line := ts.get(t, "/app-worker.js", "").raw
	m := regexp.MustCompile(`^importScripts\("(/dateline-worker\.([0-9a-f]{24})\.js)"\);\n$`).FindSubmatch(line)
	if m == nil {
		t.Fatalf("/app-worker.js is %.200q, not the line that imports the worker", line)
	}
	body := ts.get(t, "/dateline-worker.js", "").raw
	if sum := sha256.Sum256(body); hex.EncodeToString(sum[:12]) != string(m[2]) {
		t.Errorf("/app-worker.js imports %s, but the worker's bytes' hash is %x", m[1], sum[:12])
	}
	if named := ts.get(t, string(m[1]), ""); !bytes.Equal(named.raw, body) || named.header.Get("Cache-Control") != keptAYear {
		t.Errorf("GET %s: Cache-Control %q, %d bytes; want %q and the worker's %d", m[1], named.header.Get("Cache-Control"), len(named.raw), keptAYear, len(body))
	}
	return body
}

// TestPagesNameAppFilesByContent checks every address of an app file that
// a page names (its icons, stylesheet and scripts, and app.wasm in the
// app.js it loads): each carries the hash of the bytes served at its path,
// and the host answers it with those bytes, kept a year; the path alone,
// or with another hash (a page of another version), is revalidated as
// before. The service worker's record of the files (HASHES) names the
// same hashes, go-app's files' too: by them it tells a page of another
// version, which names its own.
func TestPagesNameAppFilesByContent(t *testing.T) {
	ts := newTestServer(t, testDataset(t), testWeb(t, nil))
	root := htmltest.Parse(t, string(ts.get(t, "/", "").raw))
	var refs []string
	for _, l := range root.All("link") {
		if rel := l.Attrs["rel"]; rel == "icon" || rel == "apple-touch-icon" || rel == "manifest" || rel == "stylesheet" {
			refs = append(refs, l.Attrs["href"])
		}
	}
	loader := root.All("script")[0]
	refs = append(refs, strings.Fields(loader.Attrs["data-scripts"])...)
	refs = append(refs, loader.Attrs["data-lite"])
	wasm := regexp.MustCompile(`datelineFetchWasm\("([^"]+)"`).FindSubmatch(ts.get(t, "/app.js", "").raw)
	if wasm == nil {
		t.Fatal("app.js does not fetch app.wasm through datelineFetchWasm")
	}
	refs = append(refs, string(wasm[1]))
	// The loader compiles app.wasm early, by the same name.
	if early := loader.Attrs["data-wasm"]; early != string(wasm[1]) {
		t.Errorf("the loader compiles app.wasm as %q, app.js fetches it as %q", early, wasm[1])
	}
	// The manifest's icons, which Chromium fetches with the manifest at
	// each page load; the manifest keeps the id it had without one.
	var manifest struct {
		ID    string
		Icons []struct{ Src string }
	}
	if err := json.Unmarshal(ts.get(t, "/manifest.webmanifest", "").raw, &manifest); err != nil {
		t.Fatalf("reading the manifest: %v", err)
	}
	if manifest.ID != "/" {
		t.Errorf("the manifest's id is %q, want /, its start_url", manifest.ID)
	}
	for _, i := range manifest.Icons {
		refs = append(refs, i.Src)
	}
	worker := string(workerScript(t, ts))
	want := []string{"/web/icons/icon.svg", "/web/icons/maskable-512.png", "/manifest.webmanifest", "/web/dateline.css",
		"/wasm_exec.js", "/app.js", "/web/boot.js", "/web/reader.js", "/web/reader.js", "/web/app.wasm",
		"/web/icons/maskable-512.png", "/web/icons/icon.svg", "/web/icons/icon-512.png", "/web/icons/icon-192.png"}
	var paths []string
	for _, ref := range refs {
		p, ok := feed.PlainName(ref)
		if !ok {
			t.Errorf("a page names %s, not by its content's hash", ref)
			continue
		}
		paths = append(paths, p)
		plain := ts.get(t, p, "")
		sum := sha256.Sum256(plain.raw)
		h := hex.EncodeToString(sum[:12])
		if ref != feed.HashedName(p, h) {
			t.Errorf("a page names %s, whose bytes' hash is %s", ref, h)
		}
		if !strings.Contains(worker, `"`+p+`":"`+h+`"`) {
			t.Errorf("the service worker's HASHES do not give %s the hash %s", p, h)
		}
		for _, enc := range []string{"", "gzip", "br"} {
			kept := ts.get(t, ref, enc)
			same := ts.get(t, p, enc)
			if kept.status != http.StatusOK || kept.header.Get("Cache-Control") != keptAYear || !bytes.Equal(kept.raw, same.raw) ||
				kept.header.Get("Content-Encoding") != same.header.Get("Content-Encoding") || kept.header.Get("Etag") != same.header.Get("Etag") ||
				kept.header.Get("Content-Type") != same.header.Get("Content-Type") {
				t.Errorf("GET %s (Accept-Encoding %q): %d, Cache-Control %q, %d bytes; want 200, %q, the %d bytes of %s",
					ref, enc, kept.status, kept.header.Get("Cache-Control"), len(kept.raw), keptAYear, len(same.raw), p)
			}
		}
		// The plain path, another version's hash (a page open across an
		// update), and the query string pages named files by before: the
		// same bytes, revalidated.
		for _, other := range []string{p, feed.HashedName(p, strings.Repeat("0", 24)), p + "?v=" + h, ref + "?x=1"} {
			r := ts.get(t, other, "")
			want := revalidated
			if other == ref+"?x=1" {
				want = keptAYear
			}
			if r.status != http.StatusOK || r.header.Get("Cache-Control") != want || !bytes.Equal(r.raw, plain.raw) {
				t.Errorf("GET %s: %d, Cache-Control %q; want 200, %q and the bytes of %s", other, r.status, r.header.Get("Cache-Control"), want, p)
			}
		}
	}
	if !slices.Equal(paths, want) {
		t.Errorf("a page names the app's files %q, want %q", paths, want)
	}
	// Other files are named as they are, and have no hashed names.
	sum := sha256.Sum256(ts.get(t, "/app-worker.js", "").raw)
	for _, p := range []string{feed.HashedName("/app-worker.js", hex.EncodeToString(sum[:12])), feed.HashedName("/robots.txt", strings.Repeat("0", 24)),
		feed.HashedName("/web/missing.css", strings.Repeat("0", 24))} {
		if r := ts.get(t, p, ""); r.status != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, r.status)
		}
	}
	// The worker itself, which the script imports by its hash, is kept a
	// year too (workerScript checks the hash).
	workerScript(t, ts)
}

// TestExportNamesAppFilesByContent exports a site, then a version of it
// with another stylesheet into the same folder: each export holds every
// app file a page names under that name, with the plain file's bytes,
// and _headers keeps those names a year; the older version's name goes
// with it; and the nginx and Caddy configuration stays byte for byte the
// same, so that a server need not be reloaded for a new export.
func TestExportNamesAppFilesByContent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	var configs []map[string]string
	var styles []string
	for i, css := range []string{"", "/* a later version's stylesheet */\n"} {
		var web fstest.MapFS
		if css == "" {
			web = testWeb(t, nil)
		} else {
			web = testWeb(t, map[string][]byte{"dateline.css": append(testWeb(t, nil)["dateline.css"].Data, css...)})
		}
		ts := newTestServer(t, testDataset(t), web)
		if _, err := ts.Export(t.Context(), dir); err != nil {
			t.Fatal(err)
		}
		got := files(t, dir)
		home := got["index.html"]
		names := regexp.MustCompile(`(?:href|src|data-lite)="(/[^"?]+\.[0-9a-f]{24}\.[a-z]+)"`).FindAllStringSubmatch(home, -1)
		for _, f := range strings.Fields(regexp.MustCompile(`data-scripts="([^"]+)"`).FindStringSubmatch(home)[1]) {
			names = append(names, []string{"", f})
		}
		if len(names) < 6 {
			t.Fatalf("export %d: the home page names %d app files by their hash: %q", i, len(names), names)
		}
		for _, m := range names {
			name := m[1]
			p, ok := feed.PlainName(name)
			if !ok {
				t.Errorf("export %d: %s is not a hashed name", i, name)
				continue
			}
			body, there := got[strings.TrimPrefix(name, "/")]
			if !there || body != got[strings.TrimPrefix(p, "/")] {
				t.Errorf("export %d: %s is missing, or is not %s's bytes", i, name, p)
			}
			if !strings.Contains(got["_headers"], "\n"+name+"\n  Cache-Control: "+feed.CacheImmutable+"\n") {
				t.Errorf("export %d: _headers does not keep %s a year", i, name)
			}
			if p == "/web/dateline.css" {
				styles = append(styles, strings.TrimPrefix(name, "/"))
			}
		}
		configs = append(configs, map[string]string{"nginx.conf": got["_config/nginx.conf"], "Caddyfile": got["_config/Caddyfile"]})
		if i == 1 {
			if _, stays := got[styles[0]]; stays || styles[0] == styles[1] {
				t.Errorf("the first export's %s stays beside the second's %s", styles[0], styles[1])
			}
		}
	}
	for name, conf := range configs[0] {
		if conf == "" || conf != configs[1][name] {
			t.Errorf("_config/%s changed between the two exports (or is empty)", name)
		}
	}
}
