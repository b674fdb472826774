package site_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// maskedHash is the rule of the reuse list (/data/reuse-<version>.json), written again from its
// description (worker.js reads files the same way): text's version, data
// path's and app.js's names masked, binary files as they are, the first 8
// bytes of the SHA-256 in hex.
func maskedHash(body []byte, n names) string {
	if utf8.Valid(body) && !bytes.Contains(body, []byte{0}) {
		body = bytes.ReplaceAll(body, []byte(n.version), []byte("\x00v"))
		body = bytes.ReplaceAll(body, []byte(n.dataBase[strings.LastIndex(n.dataBase, "/")+1:]), []byte("\x00d"))
		body = bytes.ReplaceAll(body, []byte(n.app), []byte("\x00a"))
	}
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:8])
}

// names are the names a version of the site gives its files: its version,
// its data path, and go-app's app.js's hashed name, which pages load.
type names struct{ version, dataBase, app string }

// appName matches app.js's hashed name in a page.
var appName = regexp.MustCompile(`/app\.[0-9a-f]+\.js`)

func namesOf(t *testing.T, ts *testServer) names {
	t.Helper()
	app := appName.Find(ts.get(t, "/", "").raw)
	if app == nil {
		t.Fatal("the home page names no /app.<hash>.js")
	}
	return names{version: ts.Version, dataBase: ts.DataBase, app: string(app)}
}

// unnamed is body without its version's names n.
func unnamed(body []byte, n names) []byte {
	for _, name := range []string{n.version, n.dataBase, n.app} {
		body = bytes.ReplaceAll(body, []byte(name), nil)
	}
	return body
}

// TestReuseList checks the reuse list, by which an updating service worker
// copies an older version's files: one hash for each file of
// offline.json, of the file the host serves and of the file an export
// writes; and for two versions of a site, one story's text changed, the
// same hash exactly where the files are the same but for the names of
// their version.
func TestReuseList(t *testing.T) {
	data := archiveData(40)
	changed := bytes.Replace(data, []byte(`"Synthetic text 5."`), []byte(`"Synthetic text 5, corrected."`), 1)
	a, b := newTestServer(t, data, testWeb(t, nil)), newTestServer(t, changed, testWeb(t, nil))
	type files struct {
		list, hashes []string
		bodies       map[string][]byte
	}
	read := func(ts *testServer) files {
		var f files
		n := namesOf(t, ts)
		if err := json.Unmarshal(ts.get(t, ts.DataBase+"/offline.json", "").raw, &f.list); err != nil {
			t.Fatalf("offline.json: %v", err)
		}
		r := ts.get(t, "/data/reuse-"+ts.Version+".json", "")
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Cache-Control"), "public, max-age=31536000") {
			t.Errorf("reuse.json: status %d, Cache-Control %q: want 200, immutable", r.status, r.header.Get("Cache-Control"))
		}
		if err := json.Unmarshal(r.raw, &f.hashes); err != nil {
			t.Fatalf("reuse.json: %v", err)
		}
		if len(f.hashes) != len(f.list) {
			t.Fatalf("reuse.json has %d hashes for offline.json's %d files", len(f.hashes), len(f.list))
		}
		f.bodies = map[string][]byte{}
		for i, u := range f.list {
			r := ts.get(t, u, "")
			f.bodies[u] = r.raw
			if want := maskedHash(r.raw, n); f.hashes[i] != want {
				t.Errorf("reuse.json gives %s the hash %s, want %s, that of the file served", u, f.hashes[i], want)
			}
		}
		return f
	}
	fa, fb := read(a), read(b)
	na, nb := namesOf(t, a), namesOf(t, b)
	if na.app == nb.app {
		t.Fatalf("both versions' pages load %s: the app.js of each carries its version", na.app)
	}
	hashA := map[string]string{}
	for i, u := range fa.list {
		hashA[strings.Replace(u, a.DataBase, b.DataBase, 1)] = fa.hashes[i]
	}
	var same, differ int
	for i, u := range fb.list {
		if hashA[u] == "" {
			continue // a search file: its folder is named by the index
		}
		// The same bytes once each version's names are taken out.
		equal := bytes.Equal(unnamed(fa.bodies[strings.Replace(u, b.DataBase, a.DataBase, 1)], na), unnamed(fb.bodies[u], nb))
		if equal != (hashA[u] == fb.hashes[i]) {
			t.Errorf("%s: the same file but for its version's names %v, the same hash in both versions %v", u, equal, !equal)
		}
		if equal {
			same++
		} else {
			differ++
		}
	}
	// An unchanged story's page, which names its version's app.js, is
	// the same but for the names: a worker copies it.
	for i, u := range fb.list {
		if u == "/articles/story-020" && hashA[u] != fb.hashes[i] {
			t.Errorf("%s, unchanged, has the hash %s in one version and %s in the other: an update downloads it again", u, hashA[u], fb.hashes[i])
		}
	}
	if same < 40 || differ == 0 || bytes.Equal(fa.bodies["/articles/story-020"], fb.bodies["/articles/story-020"]) {
		t.Errorf("%d files the same but for the names, %d not: not the two versions this test needs", same, differ)
	}

	// An export's reuse.json hashes the files it wrote: its search page
	// is not the host's (it answers once the app has loaded).
	dir := t.TempDir()
	if _, err := b.Export(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "data", "reuse-"+b.Version+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var exported []string
	if err := json.Unmarshal(raw, &exported); err != nil || len(exported) != len(fb.list) {
		t.Fatalf("the export's reuse.json: %d hashes for %d files (%v)", len(exported), len(fb.list), err)
	}
	for i, u := range fb.list {
		name := u
		if !strings.HasPrefix(u, "/data/") {
			name = strings.TrimSuffix(u, "/") + ".html"
			if u == "/" {
				name = "/index.html"
			}
		}
		body, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if want := maskedHash(body, nb); exported[i] != want {
			t.Errorf("the export's reuse.json gives %s the hash %s, want %s, that of %s", u, exported[i], want, name)
		}
		if (u == "/search") == (exported[i] == fb.hashes[i]) {
			t.Errorf("%s: the export's hash %s, the host's %s", u, exported[i], fb.hashes[i])
		}
	}
}
