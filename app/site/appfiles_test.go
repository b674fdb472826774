package site_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dateline/internal/htmltest"
)

// The two Cache-Control values of the host.
const (
	keptAYear   = "private, max-age=31536000, immutable"
	revalidated = "no-cache"
)

// workerScript returns the service worker as the browser runs it: the
// script /app-worker.js imports (site.go's splitWorker), which it checks
// to be one line naming it by its content's hash.
func workerScript(t *testing.T, ts *testServer) []byte {
	t.Helper()
	line := ts.get(t, "/app-worker.js", "").raw
	m := regexp.MustCompile(`^importScripts\("(/dateline-worker\.js)\?v=([0-9a-f]{24})"\);\n$`).FindSubmatch(line)
	if m == nil {
		t.Fatalf("/app-worker.js is %.200q, not the line that imports the worker", line)
	}
	body := ts.get(t, string(m[1]), "").raw
	if sum := sha256.Sum256(body); hex.EncodeToString(sum[:12]) != string(m[2]) {
		t.Errorf("/app-worker.js imports %s?v=%s, whose bytes' hash is %x", m[1], m[2], sum[:12])
	}
	return body
}

// TestPagesNameAppFilesByContent checks every address of an app file that
// a page names (its icons, stylesheet and scripts, and app.wasm in the
// app.js it loads): each carries the hash of the bytes served at its path,
// and the host answers it with those bytes, kept a year; the path alone,
// or with another hash (a page of another version), is revalidated as
// before. The service worker's record of the files (HASHES) names the
// same hashes.
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
		p, v, _ := strings.Cut(ref, "?v=")
		paths = append(paths, p)
		plain := ts.get(t, p, "")
		sum := sha256.Sum256(plain.raw)
		if h := hex.EncodeToString(sum[:12]); v != h {
			t.Errorf("a page names %s, whose bytes' hash is %s", ref, h)
		}
		if strings.HasPrefix(p, "/web/") && !strings.Contains(worker, `"`+p+`":"`+v+`"`) {
			t.Errorf("the service worker's HASHES do not give %s the hash %s", p, v)
		}
		for _, enc := range []string{"", "gzip", "br"} {
			kept := ts.get(t, ref, enc)
			same := ts.get(t, p, enc)
			if kept.status != http.StatusOK || kept.header.Get("Cache-Control") != keptAYear || !bytes.Equal(kept.raw, same.raw) ||
				kept.header.Get("Content-Encoding") != same.header.Get("Content-Encoding") || kept.header.Get("Etag") != same.header.Get("Etag") {
				t.Errorf("GET %s (Accept-Encoding %q): %d, Cache-Control %q, %d bytes; want 200, %q, the %d bytes of %s",
					ref, enc, kept.status, kept.header.Get("Cache-Control"), len(kept.raw), keptAYear, len(same.raw), p)
			}
		}
		for _, other := range []string{p, p + "?v=" + strings.Repeat("0", 24), p + "?v=" + v + "&x=1", p + "?x=1"} {
			if r := ts.get(t, other, ""); r.status != http.StatusOK || r.header.Get("Cache-Control") != revalidated {
				t.Errorf("GET %s: %d, Cache-Control %q; want 200, %q", other, r.status, r.header.Get("Cache-Control"), revalidated)
			}
		}
	}
	if !slices.Equal(paths, want) {
		t.Errorf("a page names the app's files %q, want %q", paths, want)
	}
	// Other files are named as they are: a hash on them changes nothing.
	if r := ts.get(t, "/app-worker.js?v="+hex.EncodeToString(func() []byte { s := sha256.Sum256(ts.get(t, "/app-worker.js", "").raw); return s[:12] }()), ""); r.header.Get("Cache-Control") != revalidated {
		t.Errorf("the service worker's script with its hash: Cache-Control %q, want %q", r.header.Get("Cache-Control"), revalidated)
	}
	// The worker itself, which the script imports by its hash, is kept a
	// year too (workerScript checks the hash).
	workerScript(t, ts)
	body := ts.get(t, "/dateline-worker.js", "")
	sum := sha256.Sum256(body.raw)
	if r := ts.get(t, "/dateline-worker.js?v="+hex.EncodeToString(sum[:12]), ""); r.header.Get("Cache-Control") != keptAYear || !bytes.Equal(r.raw, body.raw) {
		t.Errorf("the worker by its hash: Cache-Control %q; want %q and its bytes", r.header.Get("Cache-Control"), keptAYear)
	}
}
