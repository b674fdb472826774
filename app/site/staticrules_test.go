package site_test

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dateline/app/feed"
	"dateline/app/page"
)

// hostRule is one rule of an export's _redirects or _headers, as Netlify
// and Cloudflare Pages read it: a path pattern, where ":name" matches one
// segment and "*" the rest, and what the rule gives a path it matches.
type hostRule struct {
	pattern *regexp.Regexp
	names   []string // the placeholders, in order ("splat" for "*")
	line    int
	to      string      // _redirects: the destination
	status  string      // _redirects: the status, as written
	header  http.Header // _headers: the headers
}

// placeholder is a ":name" of a rule's path (Cloudflare's documented form:
// a colon, a letter, then letters, digits and underscores).
var placeholder = regexp.MustCompile(`:[A-Za-z]\w*|\*`)

// compileRulePath turns a rule's path into its pattern.
func compileRulePath(t *testing.T, line int, p string) (*regexp.Regexp, []string) {
	t.Helper()
	if !strings.HasPrefix(p, "/") {
		t.Fatalf("line %d: path %q does not start with /", line, p)
	}
	var re strings.Builder
	var names []string
	last := 0
	for _, m := range placeholder.FindAllStringIndex(p, -1) {
		re.WriteString(regexp.QuoteMeta(p[last:m[0]]))
		if p[m[0]:m[1]] == "*" {
			re.WriteString("(.*)")
			names = append(names, "splat")
		} else {
			re.WriteString("([^/]+)")
			names = append(names, p[m[0]+1:m[1]])
		}
		last = m[1]
	}
	re.WriteString(regexp.QuoteMeta(p[last:]))
	return regexp.MustCompile("^" + re.String() + "$"), names
}

// match tells whether the rule matches the escaped path, and with what.
func (r hostRule) match(escaped string) (map[string]string, bool) {
	m := r.pattern.FindStringSubmatch(escaped)
	if m == nil {
		return nil, false
	}
	vals := map[string]string{}
	for i, n := range r.names {
		vals[n] = m[i+1]
	}
	return vals, true
}

// parseRedirects reads a _redirects file, and checks what both hosts ask
// of it: a source, a destination and a status on each line (Cloudflare
// Pages takes 302 when none is given, Netlify 301, and Cloudflare refuses
// Netlify's forced "301!"), each source once, and the rules without
// placeholders before those with.
func parseRedirects(t *testing.T, b []byte) []hostRule {
	t.Helper()
	var rules []hostRule
	seen := map[string]bool{}
	dynamic := false
	for i, line := range strings.Split(string(b), "\n") {
		n := i + 1
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if len(line) > 1000 {
			t.Errorf("_redirects line %d: %d characters, past Cloudflare's 1,000", n, len(line))
		}
		f := strings.Fields(line)
		if len(f) != 3 || f[2] != "301" && f[2] != "200" {
			t.Errorf("_redirects line %d: %q, want a source, a destination and 301 (or 200, a rewrite)", n, line)
			continue
		}
		if seen[f[0]] {
			t.Errorf("_redirects line %d: %s twice (Cloudflare passes over the second)", n, f[0])
		}
		seen[f[0]] = true
		re, names := compileRulePath(t, n, f[0])
		if len(names) > 0 {
			dynamic = true
		} else if dynamic {
			t.Errorf("_redirects line %d: %s, without placeholders, after rules with", n, f[0])
		}
		rules = append(rules, hostRule{pattern: re, names: names, line: n, to: f[1], status: f[2]})
	}
	return rules
}

// firstRule applies the first rule that matches target (an escaped path
// and query string), as both hosts do: the destination with the matched
// values in, and the query string when the destination has none, with the
// rule that applies; "" and nil when no rule matches.
func firstRule(rules []hostRule, target string) (string, *hostRule) {
	p, query, _ := strings.Cut(target, "?")
	for _, r := range rules {
		vals, ok := r.match(p)
		if !ok {
			continue
		}
		to := r.to
		for n, v := range vals {
			to = strings.ReplaceAll(to, ":"+n, v)
		}
		if query != "" && !strings.Contains(to, "?") {
			to += "?" + query
		}
		return to, &r
	}
	return "", nil
}

// parseHeaders reads a _headers file: a path on a line of its own, then
// its headers, indented.
func parseHeaders(t *testing.T, b []byte) []hostRule {
	t.Helper()
	var rules []hostRule
	for i, line := range strings.Split(string(b), "\n") {
		n := i + 1
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "/"):
			re, names := compileRulePath(t, n, line)
			rules = append(rules, hostRule{pattern: re, names: names, line: n, header: http.Header{}})
		case strings.HasPrefix(line, "  ") && len(rules) > 0:
			name, value, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok {
				t.Fatalf("_headers line %d: %q is not a header", n, line)
			}
			rules[len(rules)-1].header.Add(name, value)
		default:
			t.Fatalf("_headers line %d: %q", n, line)
		}
	}
	return rules
}

// headersFor returns the headers of every rule that matches the escaped
// path: both hosts join them.
func headersFor(rules []hostRule, escaped string) http.Header {
	h := http.Header{}
	for _, r := range rules {
		if _, ok := r.match(escaped); ok {
			for name, values := range r.header {
				h[name] = append(h[name], values...)
			}
		}
	}
	return h
}

// byExtension is the type every static host gives a file of the export by
// its name's extension, without a word from _headers.
var byExtension = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
	".xml": "application/xml", ".txt": "text/plain", ".webmanifest": "application/manifest+json",
	".png": "image/png", ".svg": "image/svg+xml", ".wasm": "application/wasm",
}

// TestStaticHostRules reads the _redirects and _headers files an export
// writes for Netlify and Cloudflare Pages, as those hosts document them,
// and holds them to the Go host's own answers for the same addresses, so
// that the files cannot drift from the host: a redirect of the host is
// the file's, or one both hosts make on their own (the file must then
// hold no rule for it, which would loop on Netlify); an address the host
// does not redirect has no rule; and a response the host sends under a
// type that no static host gives the file by its extension, or immutable,
// gets that type and Cache-Control from _headers, with the host's
// security headers.
func TestStaticHostRules(t *testing.T) {
	ts := newTestServer(t, seoData("https://news.example.org"), testWeb(t, nil))
	if _, err := ts.WaitSearch(); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := ts.Export(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	got := files(t, dir)
	redirects := parseRedirects(t, []byte(got[strings.TrimPrefix(feed.RedirectsPath, "/")]))
	headers := parseHeaders(t, []byte(got[strings.TrimPrefix(feed.HeadersPath, "/")]))

	const arabic = "/sections/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9" // a section slug in Arabic script, escaped
	// The app's files as pages name them, by their content's hash.
	home := string(ts.get(t, "/", "").raw)
	css := regexp.MustCompile(`/web/dateline\.[0-9a-f]{24}\.css`).FindString(home)
	wasm := regexp.MustCompile(`/web/app\.[0-9a-f]{24}\.wasm`).FindString(string(ts.get(t, "/app.js", "").raw))
	if css == "" || wasm == "" {
		t.Fatalf("no hashed names of the stylesheet (%q) and app.wasm (%q)", css, wasm)
	}
	for _, c := range []struct {
		target string
		// own: the host's redirect is one both static hosts make on
		// their own (a trailing slash, a page's file by its name).
		own bool
	}{
		{target: "/page/1"},
		{target: "/page/1/"},
		{target: "/page/1?utm=x&a=b"},
		{target: "/sections/world/page/1"},
		{target: "/sections/world/page/1/?utm=x"},
		{target: "/tags/alpha/page/1"},
		{target: "/tags/alpha/page/1/"},
		{target: "/tags/no-such-tag/page/1"}, // then 404, as that address is
		{target: arabic + "/page/1"},
		{target: "/index"},
		{target: "/index/"},
		{target: "/index?utm=x"},
		{target: "/"},
		{target: "/page/2"},
		{target: "/sections/world"},
		{target: "/tags/alpha"},
		{target: "/articles/seo-photo"},
		{target: "/articles/seo-photo/page/1"},
		{target: "/sections/world/x/page/1"},
		{target: "/sections//page/1"},
		{target: "/page//1"},
		{target: "/page/1/x"},
		{target: "/indexes"},
		{target: "/saved"},
		{target: "/search?q=synthetic"},
		{target: "/feed.xml"},
		{target: "/sections/world/feed.xml"},
		{target: "/sitemap.xml"},
		{target: "/robots.txt"},
		{target: "/manifest.webmanifest"},
		{target: "/app-worker.js"},
		{target: "/web/dateline.css"},
		{target: "/web/app.wasm"},
		{target: css},
		{target: feed.HashedName("/web/dateline.css", strings.Repeat("0", feed.HashSize))},
		{target: wasm},
		{target: feed.HashedName("/web/app.wasm", strings.Repeat("0", feed.HashSize))},
		{target: "/web/dateline.css?v=" + strings.Repeat("0", feed.HashSize)},
		{target: "/404.html"},
		{target: ts.DataBase + "/articles/seo-photo.json"},
		{target: ts.DataBase + "/" + page.SearchDir + "/" + page.SearchManifest},
		{target: "/articles/seo-photo/", own: true},
		{target: "/sections/world/", own: true},
		{target: "/saved/", own: true},
		{target: "/articles/seo-photo.html", own: true},
		{target: "/index.html", own: true},
	} {
		r := ts.get(t, c.target, "")
		loc, rule := firstRule(redirects, c.target)
		line := 0
		if rule != nil {
			line = rule.line
		}
		switch {
		case rule != nil && rule.status == "200":
			// A rewrite, which Cloudflare Pages follows for a file that
			// exists too: the host's bytes at the destination.
			if to := ts.get(t, loc, ""); r.status != http.StatusOK || to.status != http.StatusOK || !bytes.Equal(r.raw, to.raw) {
				t.Errorf("%s: _redirects line %d rewrites it to %s (%d, %d bytes); the host answers %d, %d bytes", c.target, line, loc, to.status, len(to.raw), r.status, len(r.raw))
			}
		case r.status == http.StatusMovedPermanently && c.own:
			if line != 0 {
				t.Errorf("%s: _redirects line %d leads to %q: both hosts send it to %q on their own, and such a rule loops on Netlify", c.target, line, loc, r.header.Get("Location"))
			}
		case r.status == http.StatusMovedPermanently:
			if loc != r.header.Get("Location") {
				t.Errorf("%s: _redirects leads to %q (line %d), the host to %q", c.target, loc, line, r.header.Get("Location"))
			}
		case c.own:
			t.Errorf("%s: status %d on the host, which the table says it redirects", c.target, r.status)
		case line != 0:
			t.Errorf("%s: _redirects line %d leads to %q; the host answers %d", c.target, line, loc, r.status)
		}
		if r.status != http.StatusOK {
			continue
		}
		p, _, _ := strings.Cut(c.target, "?")
		h := headersFor(headers, p)
		for _, name := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy"} {
			if got, want := h.Values(name), r.header.Get(name); len(got) != 1 || got[0] != want {
				t.Errorf("%s: _headers gives %s %q, the host %q", c.target, name, got, want)
			}
		}
		if cc := r.header.Get("Cache-Control"); cc == feed.CacheImmutable {
			if got := h.Values("Cache-Control"); len(got) != 1 || got[0] != cc {
				t.Errorf("%s: _headers gives Cache-Control %q, the host %q", c.target, got, cc)
			}
		} else if got := h.Values("Cache-Control"); len(got) != 0 {
			t.Errorf("%s: _headers gives Cache-Control %q, the host %q (the static hosts revalidate by themselves)", c.target, got, cc)
		}
		ct := r.header.Get("Content-Type")
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil {
			t.Fatalf("%s: Content-Type %q: %v", c.target, ct, err)
		}
		ext := path.Ext(p)
		if ext == "" {
			ext = ".html" // a page, served from its file
		}
		if got := h.Values("Content-Type"); len(got) > 1 || len(got) == 1 && got[0] != ct {
			t.Errorf("%s: _headers gives Content-Type %q, the host %q", c.target, got, ct)
		} else if len(got) == 0 && byExtension[ext] != mt {
			t.Errorf("%s: the host sends %q, which a static host does not give a %s file by itself, and _headers says nothing", c.target, ct, ext)
		}
	}
}
