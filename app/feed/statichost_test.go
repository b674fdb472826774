package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/app/page"
	"dateline/internal/testfiles"
)

// These tests run the configurations in real servers: Debian's nginx and
// caddy, started on loopback ports with everything they write in the
// test's temporary directory.

const (
	nginxBin = "/usr/sbin/nginx"
	caddyBin = "caddy"
)

// The worker's two versions: the same size, different bytes.
const (
	workerV1 = "self.placeholderVersion = 'aaaa1111';\n"
	workerV2 = "self.placeholderVersion = 'bbbb2222';\n"
)

// wasmBytes stand for app.wasm: the wasm magic number, then padding.
var wasmBytes = append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("placeholder "), 200)...)

// searchShard stands for a file of the search index: bytes that are no
// text, long and repetitive enough to be worth compressing.
var searchShard = bytes.Repeat([]byte("\x00\x03\x81placeholder-term\x7f\x01"), 60)

// writeSite writes a small exported site into dir.
func writeSite(t *testing.T, dir string) {
	t.Helper()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	if _, err := zw.Write(wasmBytes); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	page := func(body string) string {
		return "<!doctype html><html lang=\"en\"><title>Placeholder</title><p>" + body + "</p></html>\n"
	}
	// Past 512 bytes, text is compressed as it goes out.
	long := strings.Repeat("placeholder text long enough to be compressed; ", 20)
	files := map[string][]byte{
		"articles/long-story.html":              []byte(page(long)),
		"sitemap-1.xml":                         []byte(`<urlset><loc>` + long + `</loc></urlset>`),
		"sections/long/feed.xml":                []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>` + long + `</title></feed>`),
		"data/abc123/long.json":                 []byte(`{"placeholder": "` + long + `"}`),
		"data/abc123/search/0123/s0.bin":        searchShard,
		"index.html":                            []byte(page("placeholder home page")),
		"articles/lorem-ipsum.html":             []byte(page("placeholder article lorem-ipsum")),
		"sections/lorem.html":                   []byte(page("placeholder section lorem, page 1")),
		"sections/lorem/page/2.html":            []byte(page("placeholder section lorem, page 2")),
		"feed.xml":                              []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>placeholder feed</title></feed>`),
		"sections/lorem/feed.xml":               []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>placeholder section feed</title></feed>`),
		"sitemap.xml":                           []byte(`<urlset><loc>placeholder sitemap</loc></urlset>`),
		".dateline-export":                      []byte("dateline-export 1\nplaceholder manifest\n"),
		".dateline-staging/index.html":          []byte(page("placeholder staged page")),
		"_config/nginx.conf":                    []byte("# placeholder configuration\n"),
		"_headers":                              []byte("# placeholder headers\n"),
		"_redirects":                            []byte("# placeholder redirects\n"),
		"404.html":                              []byte(page("placeholder not-found page")),
		"_offline.html":                         []byte(page("placeholder offline page")),
		"saved.html":                            []byte(page("placeholder saved page")),
		"web/notes.html":                        []byte(page("placeholder file that is no page")),
		"data/abc123/x.json":                    []byte(`{"placeholder": "data"}`),
		"app-worker.js":                         []byte(workerV1),
		"app.js":                                []byte("console.log('placeholder app.js');\n"),
		"manifest.webmanifest":                  []byte(`{"name": "Placeholder"}`),
		"web/app.wasm":                          wasmBytes,
		"web/app.wasm.gz":                       gz.Bytes(),
		"web/app.0123abcd.wasm":                 wasmBytes,
		"web/app." + testHash + ".wasm":         wasmBytes,
		"web/app." + testHash + ".wasm.gz":      gz.Bytes(),
		"app." + testHash + ".js":               []byte("console.log('placeholder app.js');\n"),
		"manifest." + testHash + ".webmanifest": []byte(`{"name": "Placeholder"}`),
		"web/notes." + testHash + ".html":       []byte(page("placeholder file that is no page")),
		"web/fonts/placeholder.woff2":           []byte("wOF2 placeholder"),
		"media/photo.png":                       testfiles.PNG(t),
		"media/sub/photo.jpg":                   testfiles.JPEG(t),
		"media/x?y.png":                         testfiles.PNG(t),
		"media/why?/photo.jpg":                  testfiles.JPEG(t),
		"media/colon:.png":                      testfiles.PNG(t),
		"media/12:30/photo.jpg":                 testfiles.JPEG(t),
		"articles/سياسة.html":                   []byte(page("placeholder article in Arabic script")),
		"sections/سياسة.html":                   []byte(page("placeholder section in Arabic script")),
	}
	testfiles.Write(t, dir, files)
}

// server is a static host under test: base serves the generated
// configuration, control the same files with the host's defaults.
type server struct {
	name          string
	base, control string
	stderr        *lockedBuffer
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// freePort returns a loopback port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return port
}

// requireTool fails, never skips, when a server the tests need is missing.
func requireTool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed (%v): these tests run the generated configuration in it; install it with `apt-get install -y %s`", name, err, pkg)
	}
	return path
}

// start runs cmd until the test ends, and waits until every port answers.
func start(t *testing.T, name string, cmd *exec.Cmd, ports ...int) *lockedBuffer {
	t.Helper()
	stderr := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", name, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		if err := cmd.Process.Kill(); err != nil && !strings.Contains(err.Error(), "process already finished") {
			t.Errorf("stopping %s: %v", name, err)
		}
		<-exited
	})
	deadline := time.Now().Add(5 * time.Second)
	for _, port := range ports {
		for {
			c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), 100*time.Millisecond)
			if err == nil {
				if err := c.Close(); err != nil {
					t.Fatal(err)
				}
				break
			}
			select {
			case err := <-exited:
				exited <- err
				t.Fatalf("%s exited (%v):\n%s", name, err, stderr)
			case <-time.After(20 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s does not answer on port %d after 5 s:\n%s", name, port, stderr)
			}
		}
	}
	return stderr
}

// startNginx serves root with the generated snippet, and with nginx's
// defaults on a second port.
func startNginx(t *testing.T, root string, snippet []byte) *server {
	bin := requireTool(t, nginxBin, "nginx")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dateline.conf"), snippet, 0o644); err != nil {
		t.Fatal(err)
	}
	port, control := freePort(t), freePort(t)
	conf := fmt.Sprintf(`master_process off;
daemon off;
pid %[1]s/nginx.pid;
error_log stderr warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path %[1]s/client_body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    gzip on; # as Debian's nginx.conf has it
    server {
        listen 127.0.0.1:%[2]d;
        root %[3]s;
        # An operator's own compression, before the export's: not refused
        # as given twice.
        gzip on;
        gzip_vary on;
        gzip_types text/plain;
        gzip_static on;
        include %[1]s/dateline.conf;
    }
    server {
        listen 127.0.0.1:%[4]d;
        root %[3]s;
        location / { try_files $uri $uri.html $uri/index.html =404; }
    }
}
`, dir, port, root, control)
	confPath := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-e", "stderr", "-p", dir+"/", "-c", confPath)
	stderr := start(t, "nginx", cmd, port, control)
	return &server{name: "nginx", base: fmt.Sprintf("http://127.0.0.1:%d", port), control: fmt.Sprintf("http://127.0.0.1:%d", control), stderr: stderr}
}

// startCaddy serves root with the generated snippet, and with a plain
// file_server on a second port. Caddy's admin endpoint is off, and its
// home and XDG directories are the test's.
func startCaddy(t *testing.T, root string, snippet []byte) *server {
	bin := requireTool(t, caddyBin, "caddy")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dateline.caddy"), snippet, 0o644); err != nil {
		t.Fatal(err)
	}
	port, control := freePort(t), freePort(t)
	conf := fmt.Sprintf(`{
	admin off
	auto_https off
}
http://127.0.0.1:%[2]d {
	root * %[3]s
	import %[1]s/dateline.caddy
}
http://127.0.0.1:%[4]d {
	root * %[3]s
	try_files {path} {path}.html {path}/index.html
	file_server
}
`, dir, port, root, control)
	confPath := filepath.Join(dir, "Caddyfile")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "run", "--config", confPath, "--adapter", "caddyfile")
	cmd.Env = append(os.Environ(),
		"HOME="+filepath.Join(dir, "home"),
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"XDG_DATA_HOME="+filepath.Join(dir, "data"),
	)
	stderr := start(t, "caddy", cmd, port, control)
	return &server{name: "caddy", base: fmt.Sprintf("http://127.0.0.1:%d", port), control: fmt.Sprintf("http://127.0.0.1:%d", control), stderr: stderr}
}

// client sends requests as they are written: no transparent gzip, no
// keep-alive between servers.
var client = &http.Client{
	Transport: &http.Transport{DisableCompression: true, DisableKeepAlives: true},
	Timeout:   5 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	},
}

type reply struct {
	status int
	header http.Header
	body   []byte
}

func get(t *testing.T, url string, header http.Header) reply {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: reading the body: %v", url, err)
	}
	return reply{status: res.StatusCode, header: res.Header, body: body}
}

// staticCases are the expectations every host must meet, as data.
// testHash stands for a file's content hash as pages name it, otherHash
// for another version's.
const (
	testHash  = "0123456789abcdef01234567"
	otherHash = "89abcdef0123456789abcdef"
)

var staticCases = []struct {
	path, acceptEncoding string
	status               int
	contentType          string
	cacheControl         string
	contentEncoding      string
	body                 string // what the body contains
}{
	{"/", "", 200, "text/html", CacheRevalidate, "", "placeholder home page"},
	{"/articles/lorem-ipsum", "", 200, "text/html", CacheRevalidate, "", "placeholder article lorem-ipsum"},
	{"/sections/lorem", "", 200, "text/html", CacheRevalidate, "", "section lorem, page 1"},
	{"/sections/lorem/page/2", "", 200, "text/html", CacheRevalidate, "", "section lorem, page 2"},
	{"/feed.xml", "", 200, "application/atom+xml", CacheRevalidate, "", "placeholder feed"},
	{"/sections/lorem/feed.xml", "", 200, "application/atom+xml", CacheRevalidate, "", "placeholder section feed"},
	{"/sitemap.xml", "", 200, "application/xml", CacheRevalidate, "", "placeholder sitemap"},
	{"/sections/nowhere/feed.xml", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/.dateline-export", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/.dateline-staging/index.html", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/_config/nginx.conf", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/_headers", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/_redirects", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/data/abc123/x.json", "gzip", 200, "application/json", CacheImmutable, "", `"placeholder"`},
	{"/app-worker.js", "gzip", 200, "text/javascript", CacheRevalidate, "", "placeholderVersion"},
	{"/app.js", "gzip", 200, "text/javascript", CacheRevalidate, "", "placeholder app.js"},
	{"/manifest.webmanifest", "", 200, "application/manifest+json", CacheRevalidate, "", "Placeholder"},
	{"/articles/long-story", "gzip", 200, "text/html", CacheRevalidate, "gzip", "\x1f\x8b"},
	{"/articles/long-story", "", 200, "text/html", CacheRevalidate, "", "placeholder text long"},
	{"/sitemap-1.xml", "gzip", 200, "application/xml", CacheRevalidate, "gzip", "\x1f\x8b"},
	{"/sections/long/feed.xml", "gzip", 200, "application/atom+xml", CacheRevalidate, "gzip", "\x1f\x8b"},
	{"/data/abc123/long.json", "gzip", 200, "application/json", CacheImmutable, "gzip", "\x1f\x8b"},
	{"/data/abc123/search/0123/s0.bin", "gzip", 200, page.SearchFileType, CacheImmutable, "gzip", "\x1f\x8b"},
	{"/data/abc123/search/0123/s0.bin", "", 200, page.SearchFileType, CacheImmutable, "", "placeholder-term"},
	{"/web/app.wasm", "", 200, "application/wasm", CacheRevalidate, "", "\x00asm"},
	{"/web/app.wasm", "gzip", 200, "application/wasm", CacheRevalidate, "gzip", "\x1f\x8b"},
	{"/web/app.0123abcd.wasm", "", 200, "application/wasm", CacheImmutable, "", "\x00asm"},
	{"/web/fonts/placeholder.woff2", "", 200, "font/woff2", CacheImmutable, "", "wOF2"},
	// The app's files named by their content's hash (Deploy.Hashed), as
	// the export writes them: kept a year by browsers and CDNs, whatever
	// the encoding. By another hash (a page of an older version), the
	// file at the plain path, revalidated; a name that is not of that
	// form, or of no file the deploy lists, is missing.
	{"/web/app." + testHash + ".wasm", "", 200, "application/wasm", CacheImmutable, "", "\x00asm"},
	{"/web/app." + testHash + ".wasm", "gzip", 200, "application/wasm", CacheImmutable, "gzip", "\x1f\x8b"},
	{"/app." + testHash + ".js", "gzip", 200, "text/javascript", CacheImmutable, "", "placeholder app.js"},
	{"/manifest." + testHash + ".webmanifest", "", 200, "application/manifest+json", CacheImmutable, "", "Placeholder"},
	{"/web/notes." + testHash + ".html", "", 200, "text/html", CacheImmutable, "", "placeholder file that is no page"},
	{"/web/app." + otherHash + ".wasm", "", 200, "application/wasm", CacheRevalidate, "", "\x00asm"},
	{"/web/app." + otherHash + ".wasm", "gzip", 200, "application/wasm", CacheRevalidate, "gzip", "\x1f\x8b"},
	{"/app." + otherHash + ".js", "", 200, "text/javascript", CacheRevalidate, "", "placeholder app.js"},
	{"/manifest." + otherHash + ".webmanifest", "", 200, "application/manifest+json", CacheRevalidate, "", "Placeholder"},
	{"/web/notes." + otherHash + ".html", "", 200, "text/html", CacheRevalidate, "", "placeholder file that is no page"},
	{"/web/app." + strings.ToUpper(testHash) + ".wasm", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/web/app." + testHash[1:] + ".wasm", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/web/app." + testHash + "0.wasm", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/web/dateline." + otherHash + ".css", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/web/missing." + testHash + ".css", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/web/fonts/placeholder." + otherHash + ".woff2", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/media/photo." + testHash + ".png", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	// A page of a version before hashed names asks by the query string:
	// the file at its path, revalidated.
	{"/web/app.wasm?v=" + testHash, "gzip", 200, "application/wasm", CacheRevalidate, "gzip", "\x1f\x8b"},
	{"/app.js?v=" + testHash, "", 200, "text/javascript", CacheRevalidate, "", "placeholder app.js"},
	{"/no/such/page", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/articles/no-such-story", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/data/abc123/missing.json", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/web/fonts/missing.woff2", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/media/photo.png", "gzip", 200, "image/png", CacheRevalidate, "", "\x89PNG"},
	{"/media/sub/photo.jpg", "", 200, "image/jpeg", CacheRevalidate, "", "\xff\xd8"},
	{"/media/missing.png", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	// A "?" in a photo's name, escaped in its address: the file, not a
	// query string cut from its path.
	{"/media/x%3Fy.png", "", 200, "image/png", CacheRevalidate, "", "\x89PNG"},
	{"/media/why%3F/photo.jpg", "", 200, "image/jpeg", CacheRevalidate, "", "\xff\xd8"},
	{"/media/x", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	// A ":" in a photo's name, as it is or escaped: the file.
	{"/media/colon:.png", "", 200, "image/png", CacheRevalidate, "", "\x89PNG"},
	{"/media/colon%3A.png", "", 200, "image/png", CacheRevalidate, "", "\x89PNG"},
	{"/media/12%3A30/photo.jpg", "", 200, "image/jpeg", CacheRevalidate, "", "\xff\xd8"},
	// Pages whose slugs are in Arabic script, by their escaped addresses.
	{"/articles/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9", "", 200, "text/html", CacheRevalidate, "", "placeholder article in Arabic script"},
	{"/sections/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9", "", 200, "text/html", CacheRevalidate, "", "placeholder section in Arabic script"},
	// Files that are no page's: the Go host has nothing there.
	{"/404.html", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/404", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	{"/_offline.html", "", 404, "text/html", CacheRevalidate, "", "placeholder not-found page"},
	// The offline page, for the service worker, and a file under /web/
	// that happens to end in .html: served under their own names.
	{"/_offline", "", 200, "text/html", CacheRevalidate, "", "placeholder offline page"},
	{"/saved", "", 200, "text/html", CacheRevalidate, "", "placeholder saved page"},
	{"/web/notes.html", "", 200, "text/html", CacheRevalidate, "", "placeholder file that is no page"},
}

func TestStaticHosts(t *testing.T) {
	d := testDeploy()
	// As an export hides them: its configuration, and its own entries;
	// and as it keeps the validators of the newsroom's photos.
	d.Hidden = []string{"/_config/", "/_headers", "/_redirects", "/.dateline-export", "/.dateline-staging/"}
	d.Validated = []string{"/media/"}
	// As an export names the app's files by their content's hash.
	d.Hashed = []string{"/web/app.wasm", "/app.js", "/manifest.webmanifest", "/web/notes.html", "/web/dateline.css"}
	for _, p := range d.Hashed[:4] {
		d.HashedNames = append(d.HashedNames, HashedName(p, testHash))
	}
	nginxConf, err := NginxConf(d)
	if err != nil {
		t.Fatal(err)
	}
	caddyConf, err := Caddyfile(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, host := range []struct {
		name  string
		start func(t *testing.T, root string, conf []byte) *server
		conf  []byte
	}{
		{"nginx", startNginx, nginxConf},
		{"caddy", startCaddy, caddyConf},
	} {
		t.Run(host.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			writeSite(t, root)
			s := host.start(t, root, host.conf)
			t.Run("responses", func(t *testing.T) { checkResponses(t, s) })
			t.Run("same size and mtime", func(t *testing.T) { checkSameSizeAndTime(t, s, root) })
			t.Run("redirects", func(t *testing.T) { checkRedirects(t, s) })
			t.Run("media", func(t *testing.T) { checkMedia(t, s) })
			t.Run("search index", func(t *testing.T) { checkSearchFile(t, s) })
			if s.name == "nginx" {
				for _, level := range []string{"[warn]", "[error]", "[crit]", "[alert]", "[emerg]"} {
					if strings.Contains(s.stderr.String(), level) {
						t.Errorf("nginx logged at %s", level)
					}
				}
			}
			if t.Failed() {
				t.Logf("%s's output:\n%s", s.name, s.stderr)
			}
		})
	}
}

func checkResponses(t *testing.T, s *server) {
	for _, tt := range staticCases {
		t.Run(fmt.Sprintf("%s %s", tt.path, tt.acceptEncoding), func(t *testing.T) {
			h := http.Header{}
			if tt.acceptEncoding != "" {
				h.Set("Accept-Encoding", tt.acceptEncoding)
			}
			r := get(t, s.base+tt.path, h)
			if r.status != tt.status {
				t.Errorf("status %d, want %d", r.status, tt.status)
			}
			if mt, _, err := mime.ParseMediaType(r.header.Get("Content-Type")); err != nil || mt != tt.contentType {
				t.Errorf("Content-Type %q, want %s", r.header.Get("Content-Type"), tt.contentType)
			}
			if got := r.header.Values("Cache-Control"); len(got) != 1 || got[0] != tt.cacheControl {
				t.Errorf("Cache-Control %q, want %q", got, tt.cacheControl)
			}
			if got := r.header.Get("Content-Encoding"); got != tt.contentEncoding {
				t.Errorf("Content-Encoding %q, want %q", got, tt.contentEncoding)
			}
			if !bytes.Contains(r.body, []byte(tt.body)) {
				t.Errorf("body %.80q does not contain %q", r.body, tt.body)
			}
			for name, values := range testHeaders() {
				if got := r.header.Values(name); len(got) != 1 || got[0] != values[0] {
					t.Errorf("%s %q, want %q", name, got, values[0])
				}
			}
			if tt.cacheControl == CacheRevalidate && r.status == 200 && strings.HasPrefix(tt.path, "/media/") {
				if r.header.Get("ETag") == "" {
					t.Error("no ETag on a photo: every check would download it whole")
				}
			} else if tt.cacheControl == CacheRevalidate {
				// No validator: each comes from mtime and size.
				for _, v := range []string{"ETag", "Last-Modified"} {
					if got := r.header.Get(v); got != "" {
						t.Errorf("%s %q on a revalidated file: it comes from mtime and size", v, got)
					}
				}
			}
		})
	}
}

// checkSearchFile checks that a file of the search index goes out
// compressed, and undone is the file.
func checkSearchFile(t *testing.T, s *server) {
	r := get(t, s.base+"/data/abc123/search/0123/s0.bin", http.Header{"Accept-Encoding": {"gzip"}})
	if enc := r.header.Get("Content-Encoding"); r.status != 200 || enc != "gzip" {
		t.Fatalf("status %d, Content-Encoding %q: want 200, gzip", r.status, enc)
	}
	zr, err := gzip.NewReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, searchShard) {
		t.Errorf("undone: %d bytes (%v), want the file's %d", len(got), err, len(searchShard))
	}
	if len(r.body) >= len(searchShard) {
		t.Errorf("%d bytes sent for a file of %d", len(r.body), len(searchShard))
	}
}

// checkMedia checks that a browser's check of a photo it has is a 304,
// not the photo again.
func checkMedia(t *testing.T, s *server) {
	first := get(t, s.base+"/media/photo.png", nil)
	etag := first.header.Get("ETag")
	if first.status != 200 || etag == "" {
		t.Fatalf("status %d, ETag %q; want 200 with an ETag", first.status, etag)
	}
	r := get(t, s.base+"/media/photo.png", http.Header{"If-None-Match": {etag}})
	if r.status != http.StatusNotModified || len(r.body) != 0 {
		t.Errorf("If-None-Match %s: status %d with %d bytes, want 304", etag, r.status, len(r.body))
	}
	if got := r.header.Get("Cache-Control"); got != CacheRevalidate {
		t.Errorf("304: Cache-Control %q, want %q", got, CacheRevalidate)
	}
	if r := get(t, s.base+"/media/photo.png", http.Header{"If-None-Match": {`"other"`}}); r.status != 200 {
		t.Errorf("another ETag: status %d, want 200", r.status)
	}
}

// checkRedirects asks for pages by another form of their address, which
// must lead to their own as the Go host's do (page.Canonical), with the
// query string and the security headers; other paths must not move.
func checkRedirects(t *testing.T, s *server) {
	const arabic = "/sections/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9" // a section slug in Arabic script, escaped
	for from, to := range map[string]string{
		"/page/1":                        "/",
		"/page/1/?utm=x":                 "/?utm=x",
		"/page/2/":                       "/page/2",
		"/sections/lorem/page/1":         "/sections/lorem",
		"/sections/lorem//":              "/sections/lorem",
		"/tags/lorem/page/1/":            "/tags/lorem",
		"/sections/lorem/page/2/":        "/sections/lorem/page/2",
		"/articles/lorem-ipsum/?a=b&c=d": "/articles/lorem-ipsum?a=b&c=d",
		"/saved/":                        "/saved",
		"/search/?q=lorem+ipsum":         "/search?q=lorem+ipsum",
		arabic + "/page/1":               arabic,
		arabic + "/":                     arabic,
		"/articles/lorem-ipsum/page/1":   "",
		"/articles/lorem-ipsum%3Fx/":     "",
		"/articles/lorem-ipsum%5cx/":     "",
		"/no/such/page/":                 "",
		"/articles/":                     "",
		// A page's file asked for by its name.
		"/index.html":                      "/",
		"/index.html?utm=x":                "/?utm=x",
		"/articles/lorem-ipsum.html":       "/articles/lorem-ipsum",
		"/articles/lorem-ipsum.html?a=b&c": "/articles/lorem-ipsum?a=b&c",
		"/articles/no-such-story.html":     "/articles/no-such-story", // then 404, as that address is
		"/page/2.html":                     "/page/2",
		"/sections/lorem.html":             "/sections/lorem",
		"/sections/lorem/page/2.html":      "/sections/lorem/page/2",
		"/tags/lorem.html":                 "/tags/lorem",
		"/saved.html":                      "/saved",
		"/search.html?q=lorem+ipsum":       "/search?q=lorem+ipsum",
		arabic + ".html":                   arabic,
		"/articles/lorem-ipsum.html/":      "/articles/lorem-ipsum.html", // then to the page's own
		"/page/1.html":                     "",
		"/sections/lorem/page/1.html":      "",
		"/.html":                           "",
		"/index.html/":                     "/",
		"/articles/.html":                  "",
		"/404.html":                        "",
		"/_offline.html":                   "",
		// The home page's file without its extension, and slashes alone.
		"/index":      "/",
		"/index/?a=b": "/?a=b",
		"//":          "/",
		"///?utm=x":   "/?utm=x",
		// A doubled slash inside an address, and a folder: no page's.
		"/sections//lorem/page/2":   "",
		"//articles/lorem-ipsum":    "",
		"/page//1":                  "",
		"/sections/lorem//feed.xml": "",
		"/media//photo.png":         "",
		"/data/abc123//x.json":      "",
		"/web//app.0123abcd.wasm":   "",
		"/media/":                   "",
		"/media/sub/":               "",
		"/data/":                    "",
		"/data/abc123/":             "",
		"/web/":                     "",
	} {
		r := get(t, s.base+from, nil)
		if to == "" {
			if r.status != http.StatusNotFound {
				t.Errorf("%s: status %d (Location %q), want 404", from, r.status, r.header.Get("Location"))
			}
			continue
		}
		loc := r.header.Get("Location")
		if u, err := url.Parse(loc); err == nil && u.IsAbs() {
			loc = strings.TrimPrefix(loc, u.Scheme+"://"+u.Host)
		}
		if r.status != http.StatusMovedPermanently && r.status != http.StatusPermanentRedirect || loc != to {
			t.Errorf("%s: status %d to %q, want a permanent redirect to %q", from, r.status, r.header.Get("Location"), to)
		}
		// As the Go host says it of its redirects (site.redirect).
		if got := r.header.Values("Cache-Control"); len(got) != 1 || got[0] != CacheRevalidate {
			t.Errorf("%s: Cache-Control %q, want %q", from, got, CacheRevalidate)
		}
		for name, values := range testHeaders() {
			if got := r.header.Values(name); len(got) != 1 || got[0] != values[0] {
				t.Errorf("%s: %s %q, want %q", from, name, got, values[0])
			}
		}
	}
}

// checkSameSizeAndTime replaces files by others of the same size and
// mtime, as two exports copied with "rsync -t" or made within one second
// can be, and checks that a browser's conditional request, with the
// validators of the first response, gets the new bytes: a 200, never a
// 304. The host's defaults (the control) answer 304 there, which shows the
// test can see the fault.
func checkSameSizeAndTime(t *testing.T, s *server, root string) {
	mtime := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		scenario string
		path     string
		file     string
		v1, v2   string
	}{
		{"the service worker", "/app-worker.js", "app-worker.js", workerV1, workerV2},
		{"a page", "/articles/lorem-ipsum", "articles/lorem-ipsum.html", "<p>placeholder version aaaa</p>\n", "<p>placeholder version bbbb</p>\n"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			file := filepath.Join(root, filepath.FromSlash(tt.file))
			write := func(body string) {
				t.Helper()
				if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(file, mtime, mtime); err != nil {
					t.Fatal(err)
				}
			}
			write(tt.v1)
			first := get(t, s.base+tt.path, nil)
			firstControl := get(t, s.control+tt.path, nil)
			if string(first.body) != tt.v1 || string(firstControl.body) != tt.v1 {
				t.Fatalf("first responses %q and %q, want %q", first.body, firstControl.body, tt.v1)
			}
			write(tt.v2)

			// What a browser sends: the validators it was given. Where the
			// configuration gives none, the ones the host's defaults
			// would have given, as a browser that cached the file before
			// the configuration changed still sends.
			conditional := func(r reply) http.Header {
				h := http.Header{}
				if v := r.header.Get("ETag"); v != "" {
					h.Set("If-None-Match", v)
				} else {
					h.Set("If-None-Match", firstControl.header.Get("ETag"))
				}
				if v := r.header.Get("Last-Modified"); v != "" {
					h.Set("If-Modified-Since", v)
				} else {
					h.Set("If-Modified-Since", mtime.Format(http.TimeFormat))
				}
				return h
			}
			again := get(t, s.base+tt.path, conditional(first))
			if again.status != http.StatusOK || string(again.body) != tt.v2 {
				t.Errorf("after the change: status %d, body %q; want 200 with %q", again.status, again.body, tt.v2)
			}
			control := get(t, s.control+tt.path, conditional(firstControl))
			if control.status != http.StatusNotModified {
				t.Errorf("control (%s's defaults): status %d, want 304: the test no longer shows the fault it guards against", s.name, control.status)
			}
		})
	}
}
