package feed

import (
	"bytes"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dateline/app/page"
)

// testHeaders are security headers shaped like the Go host's: a CSP with
// quotes, a hash and many directives.
func testHeaders() http.Header {
	return http.Header{
		"Content-Security-Policy": {"default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-AbCd+/Ef0123456789abcdefABCDEF0123456789ab='; " +
			"style-src 'self'; img-src 'self' https: data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; " +
			"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
		"X-Content-Type-Options":     {"nosniff"},
		"Referrer-Policy":            {"strict-origin-when-cross-origin"},
		"Permissions-Policy":         {"camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
		"Cross-Origin-Opener-Policy": {"same-origin"},
	}
}

func testDeploy() Deploy {
	return Deploy{Header: testHeaders(), Immutable: []string{"/web/fonts/", "/web/app.0123abcd.wasm"}}
}

func TestDeployCheck(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		change   func(d *Deploy)
		want     string
	}{
		{"no headers", func(d *Deploy) { d.Header = nil }, "no headers"},
		{"a header name with a space", func(d *Deploy) { d.Header["X Bad"] = []string{"v"} }, "not an HTTP token"},
		{"a value with a newline", func(d *Deploy) { d.Header.Set("X-Frame-Options", "DENY\r\nX-Injected: 1") }, "cannot carry"},
		{"a value with an nginx variable", func(d *Deploy) { d.Header.Set("X-Frame-Options", "$host") }, "cannot carry"},
		{"a value with a Caddy placeholder", func(d *Deploy) { d.Header.Set("X-Frame-Options", "{host}") }, "cannot carry"},
		{"a value with a quote", func(d *Deploy) { d.Header.Set("X-Frame-Options", `"DENY"`) }, "cannot carry"},
		{"an empty value", func(d *Deploy) { d.Header["X-Frame-Options"] = []string{""} }, "no value"},
		{"Cache-Control among the security headers", func(d *Deploy) { d.Header.Set("Cache-Control", "no-store") }, "configuration's own"},
		{"the same header in two spellings", func(d *Deploy) { d.Header["x-content-type-options"] = []string{"nosniff"} }, "given twice"},
		{"an immutable path that is a pattern", func(d *Deploy) { d.Immutable = []string{"/web/*.wasm"} }, "no patterns"},
		{"an immutable path that is relative", func(d *Deploy) { d.Immutable = []string{"web/"} }, "immutable path"},
		{"an immutable path that climbs", func(d *Deploy) { d.Immutable = []string{"/web/../etc/"} }, "no patterns"},
		{"the not-found page as immutable", func(d *Deploy) { d.Immutable = []string{NotFoundPage} }, "served for every missing path"},
		{"a hashed path that is a folder", func(d *Deploy) { d.Hashed = []string{"/web/"} }, "hashed path"},
		{"a hashed path without an extension", func(d *Deploy) { d.Hashed = []string{"/app"} }, "hashed path"},
		{"a hashed path that is a pattern", func(d *Deploy) { d.Hashed = []string{"/web/*.css"} }, "hashed path"},
		{"a hashed path with a quote", func(d *Deploy) { d.Hashed = []string{`/web/a".css`} }, "hashed path"},
		{"a hashed path that is relative", func(d *Deploy) { d.Hashed = []string{"web/app.wasm"} }, "hashed path"},
		{"a hashed path also immutable", func(d *Deploy) { d.Hashed = []string{"/web/app.0123abcd.wasm"} }, "also immutable"},
		{"the not-found page as hashed", func(d *Deploy) { d.Hashed = []string{NotFoundPage} }, "hashed path"},
		{"a hashed name of no hashed file", func(d *Deploy) {
			d.Hashed = []string{"/app.js"}
			d.HashedNames = []string{"/web/app.0123456789abcdef01234567.wasm"}
		}, "not a hashed name"},
		{"a hashed name without its hash", func(d *Deploy) { d.Hashed, d.HashedNames = []string{"/app.js"}, []string{"/app.js"} }, "not a hashed name"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			d := testDeploy()
			tt.change(&d)
			for name, gen := range generators {
				if _, err := gen(d); err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("%s: error %v, want one saying %q", name, err, tt.want)
				}
			}
		})
	}
}

var generators = map[string]func(Deploy) ([]byte, error){
	"NginxConf":     NginxConf,
	"Caddyfile":     Caddyfile,
	"HeadersFile":   HeadersFile,
	"RedirectsFile": RedirectsFile,
}

// TestHashedName checks the names of the app's files by their content's
// hash, and that PlainName finds the plain path of those names only.
func TestHashedName(t *testing.T) {
	const h = "0123456789abcdef01234567"
	for _, tt := range []struct{ plain, named string }{
		{"/web/dateline.css", "/web/dateline." + h + ".css"},
		{"/manifest.webmanifest", "/manifest." + h + ".webmanifest"},
		{"/web/icons/maskable-512.png", "/web/icons/maskable-512." + h + ".png"},
		{"/wasm_exec.js", "/wasm_exec." + h + ".js"},
		{"/web/app.min.js", "/web/app.min." + h + ".js"},
	} {
		if got := HashedName(tt.plain, h); got != tt.named {
			t.Errorf("HashedName(%q) = %q, want %q", tt.plain, got, tt.named)
		}
		if got, ok := PlainName(tt.named); !ok || got != tt.plain {
			t.Errorf("PlainName(%q) = %q, %v; want %q", tt.named, got, ok, tt.plain)
		}
	}
	for _, p := range []string{
		"/web/dateline.css", "/web/app." + h, "/web/." + h + ".css", "/." + h + ".css", "/web/app." + h[1:] + ".wasm",
		"/web/app.0" + h + ".wasm", "/web/app." + strings.ToUpper(h) + ".wasm", "/web/app-" + h + ".wasm", "/articles/lorem",
	} {
		if got, ok := PlainName(p); ok {
			t.Errorf("PlainName(%q) = %q, true; want no plain path", p, got)
		}
	}
}

// TestHashedConfigStays checks that nginx's and Caddy's configuration do
// not name the export's hashes: a newsroom that includes them from the
// export's folder need not reload the server after each export.
func TestHashedConfigStays(t *testing.T) {
	d := testDeploy()
	d.Hashed = []string{"/web/dateline.css", "/app.js"}
	for name, gen := range map[string]func(Deploy) ([]byte, error){"NginxConf": NginxConf, "Caddyfile": Caddyfile} {
		var confs [][]byte
		for _, h := range []string{"0123456789abcdef01234567", "89abcdef0123456789abcdef"} {
			d.HashedNames = []string{HashedName("/web/dateline.css", h), HashedName("/app.js", h)}
			b, err := gen(d)
			if err != nil {
				t.Fatal(err)
			}
			confs = append(confs, b)
		}
		if !bytes.Equal(confs[0], confs[1]) {
			t.Errorf("%s changes with the export's hashes", name)
		}
	}
}

// TestRedirectsFileHashed checks the rewrites of the app's files by
// another hash: one per file, to its plain path, after the redirects.
func TestRedirectsFileHashed(t *testing.T) {
	d := testDeploy()
	d.Hashed = []string{"/web/dateline.css", "/app.js"}
	b, err := RedirectsFile(d)
	if err != nil {
		t.Fatal(err)
	}
	want := "/app.* /app.js 200\n/web/dateline.* /web/dateline.css 200\n"
	if !strings.HasSuffix(string(b), want) {
		t.Errorf("_redirects ends %q, want %q", b[max(0, len(b)-len(want)):], want)
	}
	if n := strings.Count(string(b), " 200\n"); n != 2 {
		t.Errorf("_redirects has %d rewrites, want 2:\n%s", n, b)
	}
}

// TestNginxConfText checks what a real nginx cannot show in one request:
// every location repeats every security header, since add_header in a
// location drops the server's.
func TestNginxConfText(t *testing.T) {
	b, err := NginxConf(testDeploy())
	if err != nil {
		t.Fatal(err)
	}
	conf := string(b)
	locations := regexp.MustCompile(`(?m)^location ([^{]+)\{\n((?:    .*\n)*)\}`).FindAllStringSubmatch(conf, -1)
	var names []string
	answered := 0 // locations that answer, rather than return 404
	for _, l := range locations {
		names = append(names, strings.TrimSpace(l[1]))
		if l[2] == "    return 404;\n" {
			continue // error_page: the not-found page's location sets the headers
		}
		answered++
		for name, values := range testHeaders() {
			line := "    add_header " + name + ` "` + values[0] + `" always;`
			if !strings.Contains(l[2], line+"\n") {
				t.Errorf("location %s lacks %s", l[1], line)
			}
		}
		want := CacheRevalidate
		if n := strings.TrimSpace(l[1]); n != "/" && n != "= /" && n != "= "+NotFoundPage && n != `~ /feed\.xml$` {
			want = CacheImmutable
		}
		if !strings.Contains(l[2], `    add_header Cache-Control "`+want+`" always;`) {
			t.Errorf("location %s: want Cache-Control %q", l[1], want)
		}
		// A location that keeps nginx's validators says "etag on"; the
		// others remove Last-Modified, which nginx sends without them.
		keeps := strings.Contains(l[2], "    etag on;\n")
		if removes := strings.Contains(l[2], nginxNoLastModified); removes == keeps {
			t.Errorf("location %s: etag on %v, Last-Modified removed %v", l[1], keeps, removes)
		}
	}
	if want := []string{"/", "= /", "= /404.html", "= /404", "= /_offline.html", `~ /feed\.xml$`, "^~ /data/", "^~ /web/fonts/", "= /web/app.0123abcd.wasm"}; !slices.Equal(names, want) {
		t.Errorf("locations %q, want %q", names, want)
	}
	if strings.Count(conf, "add_header") != answered*(len(testHeaders())+1)+strings.Count(conf, nginxNoLastModified) {
		t.Errorf("%d add_header lines outside the locations' sets", strings.Count(conf, "add_header"))
	}
}

// TestHeadersFile parses the _headers file back: the security headers on
// "/*" and nowhere else, Cache-Control only on the immutable paths, so that
// no path gets two values of one header from two rules.
func TestHeadersFile(t *testing.T) {
	b, err := HeadersFile(testDeploy())
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]map[string]string{}
	var order []string
	var cur string
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "/"):
			cur = line
			order = append(order, cur)
			rules[cur] = map[string]string{}
		case strings.HasPrefix(line, "  ") && cur != "":
			name, value, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok {
				t.Fatalf("line %d: %q is not a header", i+1, line)
			}
			rules[cur][name] = value
		default:
			t.Fatalf("line %d: %q", i+1, line)
		}
	}
	if want := []string{"/*", "/data/*", "/web/fonts/*", "/web/app.0123abcd.wasm", "/data/:version/search/*", "/feed.xml", "/sections/:slug/feed.xml"}; !slices.Equal(order, want) {
		t.Fatalf("rules %q, want %q", order, want)
	}
	for name, values := range testHeaders() {
		if got := rules["/*"][name]; got != values[0] {
			t.Errorf("/*: %s %q, want %q", name, got, values[0])
		}
	}
	if _, ok := rules["/*"]["Cache-Control"]; ok {
		t.Errorf("/* sets Cache-Control: the immutable paths would get two values")
	}
	// The search index's files and the feeds: their type, and no header
	// that another rule for them (/data/*) sets.
	for p, typ := range map[string]string{order[4]: page.SearchFileType, order[5]: atomType + "; charset=utf-8", order[6]: atomType + "; charset=utf-8"} {
		if got := rules[p]; len(got) != 1 || got["Content-Type"] != typ {
			t.Errorf("%s: %v, want Content-Type %q alone", p, got, typ)
		}
	}
	for _, p := range order[1:4] {
		if got := rules[p]; len(got) != 1 || got["Cache-Control"] != CacheImmutable {
			t.Errorf("%s: %v, want Cache-Control %q alone", p, got, CacheImmutable)
		}
	}
}

// TestFileType checks the types a static host sends, by the file's name,
// against the configurations' table.
func TestFileType(t *testing.T) {
	for _, tt := range []struct {
		name, contentType string
		compress          bool
	}{
		{"/articles/x.html", "text/html; charset=utf-8", true},
		{"/data/abc/articles/x.json", "application/json; charset=utf-8", true},
		{"/feed.xml", "application/atom+xml; charset=utf-8", true},
		{"/sitemap.xml", "application/xml; charset=utf-8", true},
		{"/data/abc/search/0123/s0.bin", page.SearchFileType, true},
		{"/data/abc/search/" + page.SearchManifest, page.SearchFileType, true},
		{"/web/app.wasm", "application/wasm", false},
		{"/media/photo.JPG", "image/jpeg", false},
		{"/pagefind/index/en_0123.pf_index", "application/octet-stream", false},
		{"/LICENSE", "application/octet-stream", false},
	} {
		ct, compress := FileType(tt.name)
		if ct != tt.contentType || compress != tt.compress {
			t.Errorf("FileType(%q) = %q, %v; want %q, %v", tt.name, ct, compress, tt.contentType, tt.compress)
		}
	}
}
