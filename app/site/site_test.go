package site_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"

	"dateline/app/article"
	"dateline/app/dataset"
	"dateline/app/feed"
	"dateline/app/page"
	"dateline/app/site"
	"dateline/internal/htmltest"
)

// The placeholders served for app.wasm and its precompressed forms. These
// tests never run the wasm; they check which file is sent.
const (
	wasmRaw = "WASM-PLACEHOLDER"
	wasmBr  = "BR-PLACEHOLDER"
	wasmGz  = "GZ-PLACEHOLDER"
)

// webDir holds the site's real assets: styles, scripts, icons.
const webDir = "../../web"

// testWeb returns the files of web/ for a test site: the repository's
// assets, so that every file the host refers to is there, with placeholders
// for app.wasm. changes are applied last; a nil value removes a file.
func testWeb(t testing.TB, changes map[string][]byte) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(webDir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(name, "app.wasm") {
			return err
		}
		data, err := os.ReadFile(filepath.Join(webDir, name))
		fsys[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatalf("reading the web assets: %v", err)
	}
	for name, data := range map[string]string{"app.wasm": wasmRaw, "app.wasm.br": wasmBr, "app.wasm.gz": wasmGz} {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	for name, data := range changes {
		if data == nil {
			delete(fsys, name)
		} else {
			fsys[name] = &fstest.MapFile{Data: data}
		}
	}
	return fsys
}

// testDataset reads testdata/articles.json.
func testDataset(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/articles.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// newSite builds a site from a dataset and web files.
func newSite(t testing.TB, data []byte, web fstest.MapFS, build string) *site.Site {
	t.Helper()
	arc, err := dataset.LoadBytes("articles.json", data)
	if err != nil {
		t.Fatalf("test dataset: %v", err)
	}
	s, err := site.New(site.Config{Archive: arc, Web: web, Build: build})
	if err != nil {
		t.Fatalf("site.New: %v", err)
	}
	return s
}

// decodeDataset decodes a dataset the tests know is valid, to go through
// its articles.
func decodeDataset(t testing.TB, data []byte) *article.Dataset {
	t.Helper()
	var ds article.Dataset
	if err := json.Unmarshal(data, &ds); err != nil {
		t.Fatal(err)
	}
	return &ds
}

// testServer serves the test dataset over real HTTP.
type testServer struct {
	*site.Site
	ds     *article.Dataset
	url    string
	client *http.Client
}

func newTestServer(t *testing.T, data []byte, web fstest.MapFS) *testServer {
	t.Helper()
	s := newSite(t, data, web, "test")
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	tr := &http.Transport{DisableCompression: true}
	t.Cleanup(tr.CloseIdleConnections)
	ds := decodeDataset(t, data)
	return &testServer{
		Site: s,
		ds:   ds,
		url:  srv.URL,
		client: &http.Client{
			Transport:     tr,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
}

// reply is a response as it came over the wire.
type reply struct {
	status int
	header http.Header
	raw    []byte // body as sent, still encoded
}

// do sends a request whose target is written on the request line exactly
// as given, so that paths like /web/%2e%2e/x reach the server unchanged.
func (ts *testServer) do(t *testing.T, method, target string, header http.Header) reply {
	t.Helper()
	req, err := http.NewRequest(method, ts.url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(target, "//") {
		// An opaque "//x" would be sent as an absolute URL.
		req.URL.Path, req.URL.RawPath = target, target
	} else {
		req.URL.Opaque = target
	}
	maps.Copy(req.Header, header)
	res, err := ts.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, target, err)
	}
	return reply{status: res.StatusCode, header: res.Header, raw: raw}
}

func (ts *testServer) get(t *testing.T, target, acceptEncoding string) reply {
	t.Helper()
	h := http.Header{}
	if acceptEncoding != "" {
		h.Set("Accept-Encoding", acceptEncoding)
	}
	return ts.do(t, http.MethodGet, target, h)
}

// decoded returns the body with its Content-Encoding undone.
func (r reply) decoded() ([]byte, error) {
	var zr io.Reader
	switch enc := r.header.Get("Content-Encoding"); enc {
	case "":
		return r.raw, nil
	case "br":
		zr = brotli.NewReader(bytes.NewReader(r.raw))
	case "gzip":
		gz, err := gzip.NewReader(bytes.NewReader(r.raw))
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		zr = gz
	default:
		return nil, fmt.Errorf("unexpected Content-Encoding %q", enc)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("decoding %s: %w", r.header.Get("Content-Encoding"), err)
	}
	return b, nil
}

// scriptSrc is the script-src directive the site must send.
var scriptSrc = regexp.MustCompile(`^script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]{43}='$`)

// checkSecurityHeaders checks the headers every response must carry.
func checkSecurityHeaders(h http.Header) error {
	var errs []string
	csp := h.Get("Content-Security-Policy")
	// Scripts: the site's own files, app.wasm, and the one inline script
	// (loader.js) by its hash; nothing else inline.
	if !slices.ContainsFunc(cspDirectives(csp), scriptSrc.MatchString) {
		errs = append(errs, fmt.Sprintf("Content-Security-Policy %q lacks a directive like %q", csp, scriptSrc))
	}
	for _, want := range []string{
		"object-src 'none'",
		"base-uri 'none'",
		"frame-ancestors 'none'",
	} {
		if !slices.Contains(cspDirectives(csp), want) {
			errs = append(errs, fmt.Sprintf("Content-Security-Policy %q lacks %q", csp, want))
		}
	}
	if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
		errs = append(errs, fmt.Sprintf("X-Content-Type-Options = %q, want nosniff", got))
	}
	for _, name := range []string{"Referrer-Policy", "Permissions-Policy"} {
		if h.Get(name) == "" {
			errs = append(errs, name+" missing")
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

// cspDirectives splits a policy into its directives, white space tidied.
func cspDirectives(policy string) []string {
	var ds []string
	for _, d := range strings.Split(policy, ";") {
		if d = strings.Join(strings.Fields(d), " "); d != "" {
			ds = append(ds, d)
		}
	}
	return ds
}

func TestCompressedBodiesDecodeToTheSameBytes(t *testing.T) {
	ts := newTestServer(t, testDataset(t), testWeb(t, nil))
	paths := []string{
		"/",
		"/articles/synthetic-story",
		"/articles/no-such-story",
		ts.DataBase + "/lists/home/1.json",
		ts.DataBase + "/articles/synthetic-story.json",
		"/app.js",
		"/manifest.webmanifest",
		"/web/dateline.css",
	}
	for _, p := range paths {
		t.Run(p, func(t *testing.T) {
			plain := ts.get(t, p, "")
			if enc := plain.header.Get("Content-Encoding"); enc != "" {
				t.Fatalf("without Accept-Encoding: Content-Encoding %q", enc)
			}
			for _, tt := range []struct {
				accept, want string
			}{
				{"br", "br"},
				{"gzip", "gzip"},
				{"gzip, deflate, br, zstd", "br"},
				{"br;q=0, gzip", "gzip"},
				{"identity", ""},
			} {
				r := ts.get(t, p, tt.accept)
				if r.status != plain.status {
					t.Errorf("Accept-Encoding %q: status %d, want %d", tt.accept, r.status, plain.status)
				}
				if got := r.header.Get("Content-Encoding"); got != tt.want {
					t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", tt.accept, got, tt.want)
				}
				if got := r.header.Get("Vary"); got != "Accept-Encoding" {
					t.Errorf("Accept-Encoding %q: Vary %q, want Accept-Encoding", tt.accept, got)
				}
				if got, want := r.header.Get("Content-Length"), fmt.Sprint(len(r.raw)); got != want {
					t.Errorf("Accept-Encoding %q: Content-Length %s, body %s bytes", tt.accept, got, want)
				}
				if tt.want != "" && len(r.raw) >= len(plain.raw) {
					t.Errorf("Accept-Encoding %q: %d bytes, not smaller than %d", tt.accept, len(r.raw), len(plain.raw))
				}
				body, err := r.decoded()
				if err != nil {
					t.Fatalf("Accept-Encoding %q: %v", tt.accept, err)
				}
				if !bytes.Equal(body, plain.raw) {
					t.Errorf("Accept-Encoding %q: decoded body differs from the plain one", tt.accept)
				}
			}
		})
	}
}

func TestHeadMatchesGet(t *testing.T) {
	ts := newTestServer(t, testDataset(t), testWeb(t, nil))
	tests := []struct {
		path, accept string
	}{
		{"/", "br"},
		{"/", ""},
		{"/articles/synthetic-story", "gzip"},
		{"/articles/no-such-story", "br"},
		{"/web/app.wasm", "br"},
		{"/web/app.wasm", ""},
		{ts.DataBase + "/lists/home/1.json", "gzip"},
		{"/robots.txt", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path+" "+tt.accept, func(t *testing.T) {
			h := http.Header{}
			if tt.accept != "" {
				h.Set("Accept-Encoding", tt.accept)
			}
			get := ts.do(t, http.MethodGet, tt.path, h)
			head := ts.do(t, http.MethodHead, tt.path, h)
			if head.status != get.status {
				t.Errorf("HEAD status %d, GET %d", head.status, get.status)
			}
			if len(head.raw) != 0 {
				t.Errorf("HEAD sent a %d-byte body", len(head.raw))
			}
			for _, name := range []string{"Content-Length", "Content-Type", "Content-Encoding", "ETag", "Cache-Control", "Vary"} {
				if got, want := head.header.Get(name), get.header.Get(name); got != want {
					t.Errorf("HEAD %s = %q, GET %q", name, got, want)
				}
			}
			if head.header.Get("Content-Length") == "" {
				t.Errorf("HEAD has no Content-Length")
			}
			if err := checkSecurityHeaders(head.header); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestConditionalGet(t *testing.T) {
	ts := newTestServer(t, testDataset(t), testWeb(t, nil))
	for _, p := range []string{"/", "/articles/synthetic-story", ts.DataBase + "/lists/home/1.json", "/web/app.wasm", "/app.js"} {
		for _, accept := range []string{"", "br", "gzip"} {
			t.Run(p+" "+accept, func(t *testing.T) {
				first := ts.get(t, p, accept)
				etag := first.header.Get("ETag")
				if first.status != http.StatusOK || etag == "" {
					t.Fatalf("status %d, ETag %q; want 200 with an ETag", first.status, etag)
				}
				tests := []struct {
					scenario    string
					ifNoneMatch string
					want        int
				}{
					{"same ETag", etag, http.StatusNotModified},
					{"weak form", "W/" + etag, http.StatusNotModified},
					{"in a list", `"stale", ` + etag, http.StatusNotModified},
					{"any", "*", http.StatusNotModified},
					{"other ETag", `"0123456789abcdef"`, http.StatusOK},
					{"unquoted", strings.Trim(etag, `"`), http.StatusOK},
				}
				for _, tt := range tests {
					h := http.Header{"If-None-Match": {tt.ifNoneMatch}}
					if accept != "" {
						h.Set("Accept-Encoding", accept)
					}
					r := ts.do(t, http.MethodGet, p, h)
					if r.status != tt.want {
						t.Errorf("%s: status %d, want %d", tt.scenario, r.status, tt.want)
						continue
					}
					if tt.want == http.StatusNotModified {
						if len(r.raw) != 0 {
							t.Errorf("%s: 304 with a %d-byte body", tt.scenario, len(r.raw))
						}
						if got := r.header.Get("ETag"); got != etag {
							t.Errorf("%s: 304 ETag %q, want %q", tt.scenario, got, etag)
						}
					} else if !bytes.Equal(r.raw, first.raw) {
						t.Errorf("%s: 200 body differs from the first", tt.scenario)
					}
					if err := checkSecurityHeaders(r.header); err != nil {
						t.Errorf("%s: %v", tt.scenario, err)
					}
				}
			})
		}
	}
	t.Run("encodings have their own ETags", func(t *testing.T) {
		tags := map[string]string{}
		for _, accept := range []string{"", "br", "gzip"} {
			etag := ts.get(t, "/", accept).header.Get("ETag")
			if prev, dup := tags[etag]; dup {
				t.Errorf("Accept-Encoding %q and %q share ETag %s", prev, accept, etag)
			}
			tags[etag] = accept
		}
	})
	t.Run("not-found page is never 304", func(t *testing.T) {
		first := ts.get(t, "/articles/no-such-story", "")
		r := ts.do(t, http.MethodGet, "/articles/no-such-story", http.Header{"If-None-Match": {first.header.Get("ETag")}})
		if r.status != http.StatusNotFound {
			t.Errorf("status %d, want 404", r.status)
		}
	})
}

func TestManifest(t *testing.T) {
	ts := newTestServer(t, testDataset(t), testWeb(t, nil))
	r := ts.get(t, "/manifest.webmanifest", "")
	if r.status != http.StatusOK {
		t.Fatalf("status %d", r.status)
	}
	var m struct {
		Name      string `json:"name"`
		ShortName string `json:"short_name"`
		StartURL  string `json:"start_url"`
		Display   string `json:"display"`
		Icons     []struct {
			Src, Type, Sizes, Purpose string
		} `json:"icons"`
	}
	if err := json.Unmarshal(r.raw, &m); err != nil {
		t.Fatalf("manifest is not JSON: %v", err)
	}
	for _, f := range []struct{ name, got, want string }{
		{"name", m.Name, article.DefaultSiteName},
		{"short_name", m.ShortName, article.DefaultSiteName},
		{"start_url", m.StartURL, "/"},
		{"display", m.Display, "standalone"},
	} {
		if f.got != f.want {
			t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
	has := func(sizes, purpose string) bool {
		for _, ic := range m.Icons {
			if ic.Sizes == sizes && slices.Contains(strings.Fields(ic.Purpose), purpose) || ic.Sizes == sizes && purpose == "" {
				return true
			}
		}
		return false
	}
	for _, want := range []struct{ sizes, purpose string }{{"192x192", ""}, {"512x512", ""}, {"512x512", "maskable"}} {
		if !has(want.sizes, want.purpose) {
			t.Errorf("no %s icon %q in %+v", want.sizes, want.purpose, m.Icons)
		}
	}
	// Every icon must be served, or the service worker's precache fails.
	for _, ic := range m.Icons {
		if got := ts.get(t, ic.Src, ""); got.status != http.StatusOK {
			t.Errorf("icon %s: status %d", ic.Src, got.status)
		}
	}
	// The edition's language and direction: an installed Sorani or Arabic
	// edition's name reads right to left.
	for _, c := range []struct{ lang, dir string }{{"en", "ltr"}, {"ckb", "rtl"}, {"ar-IQ", "rtl"}} {
		data := []byte(`{"site": {"name": "Synthetic Edition", "lang": "` + c.lang + `"}, "articles": [{"slug": "edition-story", "headline": "Synthetic story", "body": [{"type": "paragraph", "text": "Synthetic text."}]}]}`)
		var got struct{ Lang, Dir string }
		if err := json.Unmarshal(newTestServer(t, data, testWeb(t, nil)).get(t, "/manifest.webmanifest", "").raw, &got); err != nil {
			t.Fatal(err)
		}
		if got.Lang != c.lang || got.Dir != c.dir {
			t.Errorf("the %s edition's manifest has lang %q, dir %q; want %q, %q", c.lang, got.Lang, got.Dir, c.lang, c.dir)
		}
	}
}

func TestVersion(t *testing.T) {
	data := testDataset(t)
	other := bytes.Replace(data, []byte("Synthetic headline one"), []byte("Synthetic headline two"), 1)
	base := newSite(t, data, testWeb(t, nil), "build-1")
	tests := []struct {
		scenario     string
		data         []byte
		web          fstest.MapFS
		build        string
		sameVersion  bool
		sameDataBase bool
	}{
		{"same inputs", data, testWeb(t, nil), "build-1", true, true},
		{"dataset changed", other, testWeb(t, nil), "build-1", false, false},
		{"web file changed", data, testWeb(t, map[string][]byte{"dateline.css": []byte("body{}")}), "build-1", false, true},
		{"web file added", data, testWeb(t, map[string][]byte{"icons/extra.png": []byte("x")}), "build-1", false, true},
		{"app.wasm changed", data, testWeb(t, map[string][]byte{"app.wasm": []byte("WASM-2")}), "build-1", false, true},
		{"host build changed", data, testWeb(t, nil), "build-2", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			s := newSite(t, tt.data, tt.web, tt.build)
			if s.Version == "" {
				t.Fatal("empty Version")
			}
			if got := s.Version == base.Version; got != tt.sameVersion {
				t.Errorf("Version %s, base %s: same = %v, want %v", s.Version, base.Version, got, tt.sameVersion)
			}
			if got := s.DataBase == base.DataBase; got != tt.sameDataBase {
				t.Errorf("DataBase %s, base %s: same = %v, want %v", s.DataBase, base.DataBase, got, tt.sameDataBase)
			}
		})
	}
}

func TestDataFilesEscapeMarkup(t *testing.T) {
	ts := newTestServer(t, testDataset(t), testWeb(t, nil))
	var hostile article.Article
	for _, a := range ts.ds.Articles {
		if a.Slug == "hostile-strings" {
			hostile = a
		}
	}
	for _, p := range []string{ts.DataBase + "/lists/home/1.json", ts.DataBase + "/articles/hostile-strings.json"} {
		t.Run(p, func(t *testing.T) {
			r := ts.get(t, p, "")
			if r.status != http.StatusOK {
				t.Fatalf("status %d", r.status)
			}
			for _, want := range []string{`\u003c/script\u003e`, `\u003c!--`, `\u2028`, `\u2029`} {
				if !bytes.Contains(r.raw, []byte(want)) {
					t.Errorf("body lacks the escape %s", want)
				}
			}
			for _, bad := range []string{"</script", "<!--", "<script", "\u2028", "\u2029"} {
				if bytes.Contains(r.raw, []byte(bad)) {
					t.Errorf("body holds %q unescaped", bad)
				}
			}
			// And the escapes decode back to the very headline.
			var headlines []string
			var d page.Data
			if err := json.Unmarshal(r.raw, &d); err != nil {
				t.Fatal(err)
			}
			switch {
			case d.List != nil:
				for _, s := range d.List.Items {
					headlines = append(headlines, s.Headline)
				}
			case d.Story != nil:
				headlines = append(headlines, d.Story.Article.Headline)
			default:
				t.Fatalf("body is neither a list nor a story")
			}
			if !slices.Contains(headlines, hostile.Headline) {
				t.Errorf("headlines %q do not include %q", headlines, hostile.Headline)
			}
		})
	}
}

// allowedScripts are the only scripts a page may load: go-app's two and
// the site's own under /web/. Any other <script> is an injection.
func allowedScripts(web fstest.MapFS) []string {
	allowed := []string{"/app.js", "/wasm_exec.js"}
	for name := range web {
		if path.Ext(name) == ".js" {
			allowed = append(allowed, "/web/"+name)
		}
	}
	return allowed
}

// withoutHash returns the path of ref, an app file's address as pages
// name it: with its content's hash in its name (feed.HashedName).
func withoutHash(t *testing.T, ref string) string {
	t.Helper()
	p, ok := feed.PlainName(ref)
	if !ok {
		t.Errorf("%q is not named by its content's hash", ref)
	}
	return p
}

// checkLoader checks that the page's one script is loader.js, inline,
// allowed by the Content-Security-Policy csp through its hash, and that it
// loads the allowed scripts in order, and names the page's data file
// (file, for the service worker) without fetching it: app.wasm takes the
// page over as drawn, from the copy of <main> the loader keeps.
func checkLoader(t *testing.T, root *htmltest.Node, csp string, allowed []string, file string) {
	t.Helper()
	var scripts []*htmltest.Node
	for _, s := range root.All("script") {
		if typ := s.Attrs["type"]; typ != "application/ld+json" && typ != "application/json" { // data, not script
			scripts = append(scripts, s)
		}
	}
	if len(scripts) != 1 {
		t.Fatalf("%d <script> elements, want one: the inline loader", len(scripts))
	}
	s := scripts[0]
	if src, ok := s.Attrs["src"]; ok {
		t.Errorf("the script loads %q, want it inline", src)
	}
	var text strings.Builder
	for _, c := range s.Children {
		text.WriteString(c.Text)
	}
	sum := sha256.Sum256([]byte(text.String()))
	if hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, "script-src 'self' 'wasm-unsafe-eval' "+hash+";") {
		t.Errorf("Content-Security-Policy %q does not allow the inline script (%s)", csp, hash)
	}
	if !strings.Contains(text.String(), `"data-scripts"`) || !strings.Contains(text.String(), `"data-lite"`) {
		t.Errorf("the inline script is not loader.js: %.80q", text.String())
	}
	for _, l := range strings.Split(text.String(), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "//") {
			t.Errorf("every page carries the loader's comment line %q", l)
		}
	}
	// With a worker, the loader compiles app.wasm early, by the name the
	// page's app.js gives it (TestPagesNameAppFilesByContent).
	if !strings.Contains(text.String(), `WebAssembly.compileStreaming(fetch(me.getAttribute("data-wasm")))`) {
		t.Errorf("the loader does not compile data-wasm early")
	}
	if wasm := withoutHash(t, s.Attrs["data-wasm"]); wasm != "/web/app.wasm" {
		t.Errorf("the loader's data-wasm names %q, want app.wasm", wasm)
	}
	// Each by its content's hash (TestPagesNameAppFilesByContent).
	var srcs []string
	for _, src := range strings.Fields(s.Attrs["data-scripts"]) {
		srcs = append(srcs, withoutHash(t, src))
	}
	if !slices.Equal(srcs, []string{"/wasm_exec.js", "/app.js", "/web/boot.js", "/web/reader.js"}) {
		t.Errorf("loads %q, want go-app's two scripts then boot.js and reader.js", srcs)
	}
	if lite := withoutHash(t, s.Attrs["data-lite"]); lite != "/web/reader.js" {
		t.Errorf("with data saver loads %q, want reader.js alone", lite)
	}
	for _, src := range srcs {
		if !slices.Contains(allowed, src) {
			t.Errorf("loads %q, want one of %q", src, allowed)
		}
	}
	if got := s.Attrs["data-file"]; got != file {
		t.Errorf("the loader's data-file is %q, want %q", got, file)
	}
	if strings.Contains(text.String(), "data-file") {
		t.Errorf("the loader reads data-file: the page's data file is the worker's to fetch, not the page's")
	}
	if !strings.Contains(text.String(), `window.datelineDrawn = main.cloneNode(true)`) {
		t.Errorf("the loader does not keep a copy of <main> for app.wasm")
	}
	for _, l := range root.All("link") {
		if l.Attrs["rel"] == "preload" {
			t.Errorf("a <link rel=preload href=%q> in the page: the loader preloads after the first paint", l.Attrs["href"])
		}
	}
}

func TestPagesLoadThroughTheLoader(t *testing.T) {
	web := testWeb(t, nil)
	ts := newTestServer(t, testDataset(t), web)
	for _, tt := range []struct {
		path, file string
		saved      bool
	}{
		{"/", ts.DataBase + "/lists/home/1.json", false},
		{"/articles/no-such-story", "", false},
		{"/saved", "", true},
	} {
		t.Run(tt.path, func(t *testing.T) {
			r := ts.get(t, tt.path, "")
			root := htmltest.Parse(t, string(r.raw))
			checkLoader(t, root, r.header.Get("Content-Security-Policy"), allowedScripts(web), tt.file)
			// Only the saved page has the loader look at the saved
			// articles before its first paint.
			if _, ok := root.All("script")[0].Attrs["data-saved-page"]; ok != tt.saved {
				t.Errorf("data-saved-page on the loader: %v, want %v", ok, tt.saved)
			}
			// An inline script waits for the stylesheets above it.
			if s, css := bytes.Index(r.raw, []byte("<script")), bytes.Index(r.raw, []byte("/web/dateline.")); s < 0 || css < 0 || s > css {
				t.Errorf("the loader (at byte %d) is not above the stylesheet (at %d)", s, css)
			}
		})
	}
}

func TestPagesCarryTheirArticle(t *testing.T) {
	web := testWeb(t, nil)
	ts := newTestServer(t, testDataset(t), web)
	allowed := allowedScripts(web)
	for _, a := range ts.ds.Articles {
		t.Run(a.Slug, func(t *testing.T) {
			r := ts.get(t, page.ArticlePath(a.Slug), "")
			if r.status != http.StatusOK {
				t.Fatalf("status %d", r.status)
			}
			html := string(r.raw)
			// Not even inside attribute values, where HTML serializers
			// now escape < and > too.
			for _, s := range []string{"<script>alert", "<img src=x"} {
				if i := strings.Index(html, s); i >= 0 {
					start := strings.LastIndexByte(html[:i], '\n') + 1
					end := i + strings.IndexByte(html[i:]+"\n", '\n')
					t.Errorf("page holds raw %q in: %s", s, strings.TrimSpace(html[start:end]))
				}
			}
			root := htmltest.Parse(t, html)
			checkLoader(t, root, r.header.Get("Content-Security-Policy"), allowed, ts.DataBase+"/articles/"+a.Slug+".json")
			h1s := root.All("h1")
			if len(h1s) != 1 || h1s[0].TextContent() != strings.Join(strings.Fields(a.Headline), " ") {
				t.Errorf("want one h1 with the headline %q", a.Headline)
			}
			arts := root.WithClass("story")
			if len(arts) != 1 || arts[0].Attrs["lang"] != a.Language() || arts[0].Attrs["dir"] != article.Dir(a.Language()) {
				t.Errorf("want one article with lang %q and dir %q", a.Language(), article.Dir(a.Language()))
			}
			if got := bodyTextOf(root); !strings.Contains(got, strings.Join(strings.Fields(a.Paragraphs()[0]), " ")) {
				t.Errorf("page text lacks the first paragraph")
			}
		})
	}
}

// TestPagesLoadNoUnusedStyles checks that pages link only to the site's own
// stylesheet: go-app's /app.css would block the first paint for styles no
// page shows. The loader's hidden icon must not be downloaded either.
func TestPagesLoadNoUnusedStyles(t *testing.T) {
	ts := newTestServer(t, testDataset(t), testWeb(t, nil))
	paths := []string{"/", "/no-such-page"}
	for _, a := range ts.ds.Articles {
		paths = append(paths, page.ArticlePath(a.Slug))
	}
	for _, p := range paths {
		root := htmltest.Parse(t, string(ts.get(t, p, "").raw))
		var sheets []string
		for _, l := range root.Find("link", "rel", "stylesheet") {
			sheets = append(sheets, l.Attrs["href"])
		}
		if len(sheets) == 1 {
			sheets[0] = withoutHash(t, sheets[0])
		}
		if !slices.Equal(sheets, []string{"/web/dateline.css"}) {
			t.Errorf("%s: stylesheets %q, want only /web/dateline.css", p, sheets)
		}
		// go-app's loader has a spinning icon that dateline.css hides:
		// the page has the element app.js looks for, but no image.
		icons := root.Find("span", "id", "app-wasm-loader-icon")
		if len(icons) != 1 || len(root.All("img")) > 0 && len(root.Find("img", "id", "app-wasm-loader-icon")) > 0 {
			t.Errorf("%s: want the loader icon as an empty, hidden element, got %d", p, len(icons))
		}
	}
}

// bodyTextOf is the text of the page's <main>.
func bodyTextOf(root *htmltest.Node) string {
	if mains := root.All("main"); len(mains) == 1 {
		return mains[0].TextContent()
	}
	return ""
}

// TestPageHeadRoundTrips checks that the title, description and Open Graph
// tags of every page read back, once parsed as HTML, as exactly the text the
// dataset gave: quotes, backslashes and line separators included.
func TestPageHeadRoundTrips(t *testing.T) {
	for _, file := range []string{"testdata/articles.json", "testdata/head.json"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		ts := newTestServer(t, data, testWeb(t, nil))
		for _, a := range ts.ds.Articles {
			t.Run(a.Slug, func(t *testing.T) {
				r := ts.get(t, page.ArticlePath(a.Slug), "")
				root := htmltest.Parse(t, string(r.raw))
				title := a.Headline + " · " + article.DefaultSiteName
				desc := a.Excerpt(160)
				if got := root.All("title"); len(got) != 1 || got[0].TextContent() != strings.Join(strings.Fields(title), " ") {
					t.Errorf("want one <title> %q", title)
				}
				for _, m := range []struct{ key, value, want string }{
					{"name", "description", desc},
					{"property", "og:description", desc},
					{"property", "og:title", a.Headline},
				} {
					metas := root.Find("meta", m.key, m.value)
					if len(metas) != 1 {
						t.Errorf("%d <meta %s=%s>, want 1", len(metas), m.key, m.value)
						continue
					}
					if got := metas[0].Attrs["content"]; got != m.want {
						t.Errorf("<meta %s=%s> content = %q, want %q", m.key, m.value, got, m.want)
					}
				}
			})
		}
	}
}

// TestAppJSFetchesWasmThroughDateline checks that the app.js pages load is
// go-app's, patched to fetch and compile app.wasm with app/site/wasmfetch.js.
func TestAppJSFetchesWasmThroughDateline(t *testing.T) {
	ts := newTestServer(t, testDataset(t), testWeb(t, nil))
	js := string(ts.get(t, "/app.js", "").raw)
	wasm := ts.get(t, "/web/app.wasm", "").header.Get("Etag")
	for _, want := range []string{`datelineFetchWasm("/web/app.` + strings.Trim(wasm, `"`) + `.wasm", showProgress)`, "let instantiateStreaming = datelineInstantiate;",
		"function datelineFetchWasm(", "function datelineInstantiate(", "async function fetchWithProgress("} {
		if strings.Count(js, want) != 1 {
			t.Errorf("/app.js holds %q %d times, want once", want, strings.Count(js, want))
		}
	}
}

// TestServiceWorkerPrecacheIsServed checks that every address the service
// worker caches at install answers 200: one failure leaves the reader with
// no offline copy at all.
func TestServiceWorkerPrecacheIsServed(t *testing.T) {
	ts := newTestServer(t, testDataset(t), testWeb(t, nil))
	r := reply{raw: workerScript(t, ts)}
	if left := regexp.MustCompile(`__[A-Z_]+__`).FindAll(r.raw, -1); left != nil {
		t.Errorf("the worker's template keeps placeholders the host did not fill: %q", left)
	}
	// The lists are JSON arrays of site paths, as go-app writes them.
	var urls []string
	for _, m := range regexp.MustCompile(`\[\s*"/[^\]]*\]`).FindAll(r.raw, -1) {
		var list []string
		if err := json.Unmarshal(m, &list); err == nil {
			urls = append(urls, list...)
		}
	}
	if !slices.Contains(urls, "/") || !slices.Contains(urls, "/web/app.wasm") {
		t.Fatalf("precache list %q lacks / or /web/app.wasm", urls)
	}
	// The pages it saves beyond the app, from the versioned list.
	if !bytes.Contains(r.raw, []byte(`"`+ts.DataBase+`"`)) {
		t.Fatalf("the worker does not name the data path %s", ts.DataBase)
	}
	var offline []string
	if err := json.Unmarshal(ts.get(t, ts.DataBase+"/offline.json", "").raw, &offline); err != nil {
		t.Fatal(err)
	}
	for _, a := range ts.ds.Articles {
		for _, want := range []string{page.ArticlePath(a.Slug), ts.DataBase + "/" + page.ArticleRef(a.Slug).DataFile()} {
			if !slices.Contains(offline, want) {
				t.Errorf("offline.json lacks %s: every page is saved in a small archive", want)
			}
		}
	}
	urls = append(urls, offline...)
	for _, u := range urls {
		if u == "/app.css" {
			continue // go-app lists it; the worker leaves it out (no page uses it)
		}
		if got := ts.get(t, u, "br"); got.status != http.StatusOK {
			t.Errorf("precached %s: status %d", u, got.status)
		}
	}
}

// TestRobots checks robots.txt: everything allowed, and the sitemap named
// when the site's URL is known.
func TestRobots(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		data     []byte
		sitemap  string
	}{
		{"no url", testDataset(t), ""},
		{"with url", bytes.Replace(testDataset(t), []byte(`{
  "articles"`), []byte(`{
  "site": {"url": "https://news.example.org"},
  "articles"`), 1), "Sitemap: https://news.example.org/sitemap.xml"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			ts := newTestServer(t, tt.data, testWeb(t, nil))
			r := ts.get(t, "/robots.txt", "")
			body := string(r.raw)
			if r.status != http.StatusOK || !strings.Contains(body, "User-agent: *") {
				t.Fatalf("status %d, body %q", r.status, body)
			}
			if got := strings.Contains(body, "Sitemap:"); got != (tt.sitemap != "") || !strings.Contains(body, tt.sitemap) {
				t.Errorf("body %q, want sitemap line %q", body, tt.sitemap)
			}
		})
	}
}

// TestMissingFilesTakeNoRoom checks that a data file or a file of the
// search index that does not exist is not kept in the cache, as a page
// that does not exist is not: each address made up would push out a
// response kept for one that does.
func TestMissingFilesTakeNoRoom(t *testing.T) {
	ts := newTestServer(t, testDataset(t), testWeb(t, nil))
	if _, err := ts.WaitSearch(); err != nil {
		t.Fatalf("building the search index: %v", err)
	}
	ts.get(t, "/articles/no-such-story", "") // the not-found page, kept once
	before := ts.CacheLen()
	for i := range 20 {
		for _, p := range []string{
			fmt.Sprintf("/articles/no-such-story-%d", i),
			fmt.Sprintf("%s/articles/no-such-story-%d.json", ts.DataBase, i),
			fmt.Sprintf("%s/lists/home/%d.json", ts.DataBase, 1000+i),
			fmt.Sprintf("%s/lists/tags/no-such-tag-%d/1.json", ts.DataBase, i),
			fmt.Sprintf("%s/search/no-such-file-%d.bin", ts.DataBase, i),
		} {
			if r := ts.get(t, p, ""); r.status != http.StatusNotFound {
				t.Fatalf("%s: status %d, want 404", p, r.status)
			}
		}
	}
	if n := ts.CacheLen(); n != before {
		t.Errorf("100 requests for files that do not exist left %d responses in the cache, want none", n-before)
	}
}
