package feed

import (
	"bytes"
	"fmt"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"dateline/app/page"
)

// The Cache-Control values of the two cache classes of a static export.
const (
	// CacheImmutable is for content-hashed paths: their bytes never
	// change, so browsers keep them a year without asking.
	CacheImmutable = "public, max-age=31536000, immutable"
	// CacheRevalidate is for everything else (pages, app-worker.js, the
	// manifest, app.js, app.wasm): browsers ask the server on every use.
	CacheRevalidate = "no-cache"
)

// ImmutablePrefix is where the export's versioned data files are
// ("/data/<hash>/..."): always in the immutable class.
const ImmutablePrefix = "/data/"

// NotFoundPage is the export's not-found page, served with status 404
// for every path that has no file.
const NotFoundPage = "/404.html"

// Where an export puts the configuration of static hosts: the comments at
// the top of each file show how to use it from there, the site's root
// being exampleRoot.
const (
	HeadersPath   = "/_headers"
	RedirectsPath = "/_redirects"
	ConfigDir     = "/_config/"
	NginxConfPath = ConfigDir + "nginx.conf"
	CaddyfilePath = ConfigDir + "Caddyfile"
	exampleRoot   = "/srv/dateline"
)

// Deploy is what a static host's configuration is made from.
type Deploy struct {
	// Header holds the headers every response carries, as the Go host
	// sends them: Content-Security-Policy and the other security headers.
	// Several values of one header are joined with ", ".
	Header http.Header
	// Immutable lists content-hashed paths beyond ImmutablePrefix: a path
	// ending in "/" covers everything under it, any other is one file.
	Immutable []string
	// Validated lists paths in the revalidated class whose files keep the
	// server's validators (ETag, Last-Modified), in the same form as
	// Immutable: large files that rarely change, such as the newsroom's
	// photos under /media/, which a browser's check then gets as a 304
	// rather than whole. An export writes such a file only when its bytes
	// change, with a new mtime.
	Validated []string
	// Hashed lists the app's files that pages name by their content's
	// hash (HashedName: "/web/dateline.css" as "/web/dateline.<hash>.css"),
	// by their plain paths, each a file with an extension. The export
	// writes each under both names. A hashed name whose file is there is
	// kept a year (CacheImmutable), by a CDN as by a browser, since its
	// address changes with its bytes; nginx and Caddy match any hash, so
	// that their configuration stays the same from one export to the next.
	// Another hash (a page of an older version, open across a deploy) gets
	// the file at its plain path, revalidated, as the Go host answers it,
	// rather than a 404 for a stylesheet or app.wasm the page needs.
	Hashed []string
	// HashedNames lists this export's hashed names of Hashed's files, for
	// a host whose rules take no patterns (_headers: HeadersFile).
	HashedNames []string
	// Hidden lists paths of the export that are not the site's, such as
	// the configuration files themselves, in the same form as Immutable:
	// nginx and Caddy answer them as missing (404). A host that reads
	// _headers keeps that file to itself.
	Hidden []string
}

// HashSize is the length of the content hashes in HashedName: 24 hex
// digits, the first 12 bytes of the SHA-256 (the host's ETag).
const HashSize = 24

// HashedName is the name of the app's file p by its content's hash h
// (Deploy.Hashed): h goes before the extension of its name, so that
// "/web/dateline.css" is "/web/dateline.<h>.css", in the same folder (a
// stylesheet's relative addresses resolve as before) and of the same type.
func HashedName(p, h string) string {
	ext := path.Ext(p)
	return p[:len(p)-len(ext)] + "." + h + ext
}

// PlainName returns the plain path of a name of HashedName's form, with
// any hash of HashSize lowercase hex digits; ok is false for another name.
func PlainName(p string) (plain string, ok bool) {
	ext := path.Ext(p)
	stem := p[:len(p)-len(ext)]
	dot := len(stem) - HashSize - 1
	if ext == "" || dot < 1 || stem[dot] != '.' || stem[dot-1] == '/' || !isHash(stem[dot+1:]) {
		return "", false
	}
	return stem[:dot] + ext, true
}

// isHash reports whether s is lowercase hex digits.
func isHash(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// hashable matches a path that Deploy.Hashed may list: a file whose name
// has an extension, with nothing a pattern or a configuration's quoting
// would read.
var hashable = regexp.MustCompile(`^(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*/[A-Za-z0-9_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*\.[A-Za-z0-9]+$`)

// hashedPattern matches the names of d.Hashed's files with any hash,
// capturing the plain path's stem and extension in groups that begin
// with stem and ext ("" or a name, "?<name>"): nginx and Caddy keep such
// a name a year where the export has its file, and answer another hash
// with the plain path's file (Deploy.Hashed). It is loose across the
// files (one stem with another's extension), which leads only to a
// missing path. "" if there are none.
func (d Deploy) hashedPattern(stem, ext string) string {
	if len(d.Hashed) == 0 {
		return ""
	}
	var stems, exts []string
	for _, p := range d.Hashed {
		ext := path.Ext(p)
		stems = append(stems, regexp.QuoteMeta(strings.TrimSuffix(p, ext)))
		exts = append(exts, regexp.QuoteMeta(ext))
	}
	slices.Sort(stems)
	slices.Sort(exts)
	return `^(` + stem + strings.Join(slices.Compact(stems), "|") + `)\.[0-9a-f]{` + strconv.Itoa(HashSize) + `}(` + ext + strings.Join(slices.Compact(exts), "|") + `)$`
}

// headerLine is one header of Deploy.Header, its values joined.
type headerLine struct {
	name, value string
}

// check validates the deploy and returns its headers sorted by name and
// its immutable paths, ImmutablePrefix first. Values are checked against
// every format's quoting at once, so that the three configurations always
// agree: printable ASCII without '"', '\', '$' (an nginx variable), '{'
// or '}' (a Caddy placeholder).
func (d Deploy) check() ([]headerLine, []string, error) {
	for _, p := range d.Validated {
		if err := checkPath("validated path", p); err != nil {
			return nil, nil, fmt.Errorf("deploy: %w", err)
		}
		if strings.ContainsAny(p, `*"'$;{}`) || strings.Contains(p, "/../") || strings.HasSuffix(p, "/..") || p == "/" || p == NotFoundPage {
			return nil, nil, fmt.Errorf("deploy: validated path %q: give a plain path or a directory ending in \"/\", no patterns, not / nor %s", p, NotFoundPage)
		}
		if slices.Contains(d.Immutable, p) || p == ImmutablePrefix {
			return nil, nil, fmt.Errorf("deploy: %s is both immutable and validated", p)
		}
	}
	if len(d.Header) == 0 {
		return nil, nil, fmt.Errorf("deploy: no headers: give the host's security headers")
	}
	var lines []headerLine
	for name, values := range d.Header {
		if !isToken(name) {
			return nil, nil, fmt.Errorf("deploy: header name %q is not an HTTP token", name)
		}
		canon := http.CanonicalHeaderKey(name)
		switch canon {
		case "Cache-Control", "Etag", "Last-Modified", "Content-Type", "Content-Length", "Content-Encoding", "Vary":
			return nil, nil, fmt.Errorf("deploy: header %s is the configuration's own (cache classes, files), not a security header", canon)
		}
		value := strings.Join(values, ", ")
		if value == "" {
			return nil, nil, fmt.Errorf("deploy: header %s has no value", canon)
		}
		for _, c := range []byte(value) {
			if c < 0x20 || c > 0x7e || strings.IndexByte(`"\${}`, c) >= 0 {
				return nil, nil, fmt.Errorf("deploy: header %s has %q, which a host configuration cannot carry as it is", canon, c)
			}
		}
		lines = append(lines, headerLine{name: canon, value: value})
	}
	slices.SortFunc(lines, func(a, b headerLine) int { return strings.Compare(a.name, b.name) })
	for i := 1; i < len(lines); i++ {
		if lines[i].name == lines[i-1].name {
			return nil, nil, fmt.Errorf("deploy: header %s given twice", lines[i].name)
		}
	}

	for _, p := range d.Hashed {
		if err := checkPath("hashed path", p); err != nil {
			return nil, nil, fmt.Errorf("deploy: %w", err)
		}
		if !hashable.MatchString(p) || p == NotFoundPage {
			return nil, nil, fmt.Errorf("deploy: hashed path %q: give the plain path of a file whose name has an extension, no patterns, not %s", p, NotFoundPage)
		}
		if slices.Contains(d.Immutable, p) || slices.Contains(d.Validated, p) || strings.HasPrefix(p, ImmutablePrefix) {
			return nil, nil, fmt.Errorf("deploy: %s is hashed and also immutable or validated", p)
		}
	}
	for _, n := range d.HashedNames {
		if p, ok := PlainName(n); !ok || !slices.Contains(d.Hashed, p) {
			return nil, nil, fmt.Errorf("deploy: %q is not a hashed name of a file Hashed lists", n)
		}
	}

	paths := []string{ImmutablePrefix}
	for _, p := range d.Immutable {
		if err := checkPath("immutable path", p); err != nil {
			return nil, nil, fmt.Errorf("deploy: %w", err)
		}
		if strings.ContainsAny(p, `*"'$;{}`) || strings.Contains(p, "/../") || strings.HasSuffix(p, "/..") {
			return nil, nil, fmt.Errorf("deploy: immutable path %q: give a plain path or a directory ending in \"/\", no patterns", p)
		}
		if p == NotFoundPage {
			return nil, nil, fmt.Errorf("deploy: %s cannot be immutable: it is served for every missing path", p)
		}
		if !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	return lines, paths, nil
}

// isToken reports whether s is an HTTP field name (RFC 9110 token).
func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return s != ""
}

// exportTypes are the MIME types of the files an export holds, with
// whether they are text in UTF-8 (given a charset) and whether static hosts
// compress them as they go out: text, and the search index's files (".bin",
// only the index has them), which are made to compress well. app.wasm is
// compressed ahead, by the export's .br and .gz files. Both servers get the
// whole table rather than their own: nginx's mime.types and Caddy's (Go's
// and the system's) vary with the version, and Debian 12's lack
// webmanifest.
var exportTypes = []struct {
	typ            string
	exts           []string
	text, compress bool
}{
	{"text/html", []string{"html"}, true, true},
	{"text/css", []string{"css"}, true, true},
	{"text/javascript", []string{"js", "mjs"}, true, true},
	{"text/plain", []string{"txt"}, true, true},
	{"application/json", []string{"json"}, true, true},
	{"application/manifest+json", []string{"webmanifest"}, true, true},
	{"application/xml", []string{"xml"}, true, true},
	{"application/atom+xml", []string{"atom"}, true, true},
	{"image/svg+xml", []string{"svg"}, true, true},
	{page.SearchFileType, []string{searchExt}, false, true},
	{"application/wasm", []string{"wasm"}, false, false},
	{"image/png", []string{"png"}, false, false},
	{"image/jpeg", []string{"jpg", "jpeg"}, false, false},
	{"image/webp", []string{"webp"}, false, false},
	{"image/avif", []string{"avif"}, false, false},
	{"image/gif", []string{"gif"}, false, false},
	{"image/x-icon", []string{"ico"}, false, false},
	{"font/woff2", []string{"woff2"}, false, false},
	{"font/woff", []string{"woff"}, false, false},
}

// searchExt is the extension of the search index's files.
var searchExt = path.Ext(page.SearchManifest)[1:]

// The on-the-fly compression NginxConf sets: gzip at GzipLevel, for the
// compressed types' files of GzipMinLength bytes or more.
const (
	GzipLevel     = 5
	GzipMinLength = 512
)

// FileType returns the Content-Type a static host configured by the export
// sends a file with, by its name, and whether it compresses the file as it
// goes out (beside the .gz and .br files an export writes, which it sends
// instead when the reader accepts them): what NginxConf and Caddyfile say,
// for a server that follows them in Go (the benchmark's). A name with no
// type of the table is application/octet-stream, sent as it is.
func FileType(name string) (contentType string, compress bool) {
	if path.Base(name) == AtomName {
		return atomType + "; charset=utf-8", true
	}
	ext := strings.ToLower(path.Ext(name))
	for _, t := range exportTypes {
		if ext != "" && slices.Contains(t.exts, ext[1:]) {
			if t.text {
				return t.typ + "; charset=utf-8", t.compress
			}
			return t.typ, t.compress
		}
	}
	return "application/octet-stream", false
}

// AtomName is the file name of the Atom feeds a site has: "/feed.xml" and
// "/sections/<slug>/feed.xml". Static hosts serve a file of this name as
// application/atom+xml, as the Go host does and as the pages' rel=alternate
// links say; the other .xml files, the sitemaps, stay application/xml.
const AtomName = "feed.xml"

// atomType is the Content-Type of AtomName files.
const atomType = "application/atom+xml"

// notFoundType is the Content-Type of the not-found page.
const notFoundType = "text/html; charset=utf-8"

// NginxConf returns nginx directives for the server block of a static
// export (nginx 1.22 or later, as Debian 12 ships): include it after
// listen and root. It maps "/articles/x" to articles/x.html and sends
// "/articles/x.html" there (as the Go host does, one address per page),
// serves 404.html with status 404 for missing paths, serves the .gz files the
// export writes (gzip_static), and sets the headers of each cache class.
//
// Two nginx rules shape it. add_header in a location replaces every
// add_header inherited from the server, so each location repeats the
// security headers, all with "always" so that error responses have them
// too. And nginx's ETag and Last-Modified come from the file's mtime and
// size, not its content: two exports whose app-worker.js differ in bytes
// but not in size can share both (files copied with "rsync -t", or
// exported within one second), and nginx then answers a browser's update
// check with 304 and the old worker stays. So the revalidated class has
// no validators at all (etag off, if_modified_since off, and Last-Modified
// removed: nginxNoLastModified): every check is
// a full 200 with the current bytes, small for pages and the worker. Pages
// name app.wasm and the app's other files by their content's hash
// (Deploy.Hashed), which is kept a year. Immutable paths keep nginx's
// validators: a content-hashed path only ever holds one content. The
// directives name no hash of an export: the file stays the same from one
// export to the next, and nginx need not be reloaded for a new one.
func NginxConf(d Deploy) ([]byte, error) {
	headers, immutable, err := d.check()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`# Dateline static export: directives for the nginx server block that serves it.
# Include this file after "listen" and "root":
#     server {
#         listen 443 ssl;
#         server_name news.example.org;
#         root ` + exampleRoot + `;
#         include ` + exampleRoot + NginxConfPath + `;
#     }
# Made by dateline/app/feed (NginxConf): make it again rather than edit it.

# The export's MIME types. A types block here replaces the http block's
# mime.types for this server.
types {
`)
	for _, t := range exportTypes {
		fmt.Fprintf(&b, "    %-26s %s;\n", t.typ, strings.Join(t.exts, " "))
	}
	b.WriteString(`}
default_type application/octet-stream;
charset utf-8;
charset_types ` + nginxTextTypes + `;

index index.html;

# nginx makes ETag and Last-Modified from a file's mtime and size, which two
# different exports can share: revalidated files carry no validators, so
# that every check gets the current bytes (a 200, never a stale 304). Each
# of their locations removes Last-Modified too (a header set with no value).
etag off;
if_modified_since off;

error_page 404 /404.html;
# A missing file is a 404 for the reader, not an error for the operator.
log_not_found off;
`)
	for _, p := range d.Hidden {
		if strings.HasSuffix(p, "/") {
			fmt.Fprintf(&b, "\n# Not the site's: the export's own files.\nlocation ^~ %s {\n    return 404;\n}\n", p)
		} else {
			fmt.Fprintf(&b, "\n# Not the site's: the export's own file.\nlocation = %s {\n    return 404;\n}\n", p)
		}
	}
	b.WriteString(`
# Pages (/articles/x is articles/x.html), app-worker.js, the manifest,
# app.js, app.wasm and the not-found page: revalidated on every use.
location / {
` + nginxEmptySegment + nginxRedirects + `    try_files $uri $uri.html $uri/index.html =404;
`)
	nginxHeaders(&b, CacheRevalidate, false, headers)
	b.WriteString("}\n")
	// "index" would answer / by an internal redirect to /index.html, which
	// the redirect of that address (nginxRedirects) would send back to /:
	// try_files serves the file without one.
	b.WriteString(`
# The home page, from its file: /index.html itself leads here.
location = / {
    # Slashes alone ("//", which nginx merges into "/") are the home
    # page's address with a trailing slash: to its own, as the Go host does.
    absolute_redirect off;
    if ($request_uri ~ "^//") {
        return 301 /$is_args$args;
    }
    try_files ` + page.IndexFile + ` =404;
`)
	nginxHeaders(&b, CacheRevalidate, false, headers)
	b.WriteString("}\n")
	fmt.Fprintf(&b, `
# The not-found page's file is no page's, as on the Go host: asked for by
# its name, it is missing (404); error_page still serves it.
location = %s {
    internal;
`, NotFoundPage)
	nginxHeaders(&b, CacheRevalidate, false, headers)
	b.WriteString("}\n")
	for _, p := range fileOnly[1:] {
		fmt.Fprintf(&b, "\n# No page's file, as on the Go host: missing.\nlocation = %s {\n    return 404;\n}\n", p)
	}
	// A regular expression location: nginx tries it after the prefix ones
	// above, and it wins over "location /"; the ^~ locations (hidden,
	// immutable) keep their paths from it.
	if hashed := d.hashedPattern("?<dateline_stem>", "?<dateline_ext>"); hashed != "" {
		fmt.Fprintf(&b, `
# The app's files by their content's hash in their names: kept a year, by
# browsers and CDNs alike, where the export has the file. By another hash
# (a page of an older version, open across a deploy), the file at the
# plain path, revalidated (location /).
location ~ "%s" {
%s    if (!-f $request_filename) {
        rewrite ^ $dateline_stem$dateline_ext last;
    }
    etag on;
    if_modified_since exact;
`, hashed, nginxEmptySegment)
		nginxHeaders(&b, CacheImmutable, true, headers)
		b.WriteString("}\n")
	}
	fmt.Fprintf(&b, `
# Atom feeds (/%[1]s, /sections/<slug>/%[1]s): %[2]s, as the Go host
# sends them; the sitemaps stay application/xml.
location ~ /%[3]s$ {
    types {
        %[2]s %[4]s;
    }
%[5]s`, AtomName, atomType, regexp.QuoteMeta(AtomName), path.Ext(AtomName)[1:], nginxEmptySegment)
	nginxHeaders(&b, CacheRevalidate, false, headers)
	b.WriteString("}\n")
	for _, p := range d.Validated {
		fmt.Fprintf(&b, "\n# Revalidated on every use, with nginx's validators: large files whose\n# mtime and size an export changes when it writes new bytes.\nlocation %s %s {\n", nginxMatch(p), p)
		b.WriteString(nginxEmptySegment + nginxFilesOnly(p) + "    etag on;\n    if_modified_since exact;\n")
		nginxHeaders(&b, CacheRevalidate, true, headers)
		b.WriteString("}\n")
	}
	for _, p := range immutable {
		if strings.HasSuffix(p, "/") {
			fmt.Fprintf(&b, "\n# Content-hashed: never changes under this path.\nlocation ^~ %s {\n", p)
		} else {
			fmt.Fprintf(&b, "\n# Content-hashed: never changes.\nlocation = %s {\n", p)
		}
		b.WriteString(nginxEmptySegment + nginxFilesOnly(p) + "    etag on;\n    if_modified_since exact;\n")
		nginxHeaders(&b, CacheImmutable, true, headers)
		b.WriteString("}\n")
	}
	return b.Bytes(), nil
}

// nginxEmptySegment answers 404 for an address with a doubled slash
// inside it (an empty segment, "/page//2", "//articles/x"), which no page
// or file of the site has on the Go host: nginx merges slashes before it
// looks for a file, and would serve the page of "/page/2". Slashes at the
// end are a trailing slash, which the redirects handle. In each location
// that serves files, not in the not-found page's, which the 404's internal
// redirect reaches with the same $request_uri.
const nginxEmptySegment = `    # A doubled slash inside an address is no page's, as on the Go host.
    if ($request_uri ~ "` + emptySegmentPattern + `") {
        return 404;
    }
`

// emptySegmentPattern matches an address as sent, query string and all,
// with an empty segment before its last: a doubled slash inside it.
const emptySegmentPattern = `^[^?]*//+[^/?]`

// nginxFilesOnly is what a location of files under a directory p serves
// for p's folders ("/media/", "/media/2024/"): 404, as on the Go host,
// rather than nginx's 403 for a folder without an index. A file's path
// needs none.
func nginxFilesOnly(p string) string {
	if !strings.HasSuffix(p, "/") {
		return ""
	}
	return "    try_files $uri =404;\n"
}

// nginxMatch is the location modifier for a path: a prefix that wins
// over regular expressions for a directory, an exact match for a file.
func nginxMatch(p string) string {
	if strings.HasSuffix(p, "/") {
		return "^~"
	}
	return "="
}

// Another form of a page's address leads to the page's own, as the Go
// host answers it (page.Canonical): "/page/1" and "/sections/x/page/1"
// are the lists' first pages, "/articles/x/" (any page's address with
// trailing slashes) is "/articles/x". nginx matches the decoded URI, so
// its slugs are page.SlugPattern's: an escaped "?" never becomes a query
// string ("/articles/a%3Fb/" is not "/articles/a?b").
var (
	firstPagePattern = `^/page/1/*$`
	listPage1Pattern = `^(` + page.ListPattern(page.SlugPattern) + `)/page/1/*$`
	slashPattern     = `^(` + page.PathPattern(page.SlugPattern) + `)/+$`
)

// nginxRedirects are the redirects in NginxConf's location, where its
// headers apply to them too; the query string goes along, and the
// Location is relative (absolute_redirect off), right behind a proxy.
var nginxRedirects = `    # Another form of a page's address (a trailing slash, the first page
    # of a list as /page/1, the page's file as /articles/x.html or
    # /index.html) leads to the page's own, as the Go host does.
    absolute_redirect off;
    rewrite ` + firstPagePattern + ` / permanent;
    rewrite ` + listPage1Pattern + ` $1 permanent;
    rewrite ` + slashPattern + ` $1 permanent;
    rewrite ` + indexFilePattern + ` / permanent;
    rewrite ` + pageFilePattern + ` $1 permanent;
`

// A page's file asked for by its name ("/articles/x.html", "/index.html",
// and "/index", which static hosts serve as index.html) leads to the
// page's address, as the Go host answers it (page.Canonical):
// one address per page, wherever the site is served, as Cloudflare Pages
// also does. Only pages' files: the other files keep their names, and
// fileOnly are missing.
var (
	indexFilePattern = `^` + regexp.QuoteMeta(strings.TrimSuffix(page.IndexFile, page.HTMLExt)) + `(?:` + regexp.QuoteMeta(page.HTMLExt) + `)?/*$`
	pageFilePattern  = `^(` + page.PathPattern(page.SlugPattern) + `)` + regexp.QuoteMeta(page.HTMLExt) + `$`
)

// fileOnly are the paths under which a static host would serve an
// export's file that is no page's, the not-found page first: the Go host
// has no page there, so they are missing (404) on a static host too. The
// offline page's address (page.OfflinePath) stays, for the service worker.
var fileOnly = []string{
	NotFoundPage,
	strings.TrimSuffix(NotFoundPage, page.HTMLExt),
	page.OfflinePath + page.HTMLExt,
}

// caddyRedirects are NginxConf's redirects in a Caddyfile. Caddy's path
// matchers see the path unescaped, and a capture of it would put raw
// UTF-8 in the Location (a section named in Arabic script): these match
// the request's URI as sent, escaped (page.EscapedSlugPattern), with its
// query string.
var caddyRedirects = `# Another form of a page's address (a trailing slash, the first page of a
# list as /page/1) leads to the page's own, as the Go host does.
@dateline_page1 vars_regexp page1 {http.request.uri} ^/page/1/*(\?.*)?$
redir @dateline_page1 /{re.page1.1} permanent
@dateline_list1 vars_regexp list1 {http.request.uri} ^(` + page.ListPattern(page.EscapedSlugPattern) + `)/page/1/*(\?.*)?$
redir @dateline_list1 {re.list1.1}{re.list1.2} permanent
@dateline_slash vars_regexp slash {http.request.uri} ^(` + page.PathPattern(page.EscapedSlugPattern) + `)/+(\?.*)?$
redir @dateline_slash {re.slash.1}{re.slash.2} permanent
# Slashes alone are the home page's address with a trailing slash.
@dateline_root vars_regexp root {http.request.uri} ^//+(\?.*)?$
redir @dateline_root /{re.root.1} permanent
# A page's file asked for by its name leads to the page's address.
@dateline_index vars_regexp index {http.request.uri} ` + indexFilePattern[:len(indexFilePattern)-1] + `(\?.*)?$
redir @dateline_index /{re.index.1} permanent
@dateline_pagefile vars_regexp pagefile {http.request.uri} ^(` + page.PathPattern(page.EscapedSlugPattern) + `)` + regexp.QuoteMeta(page.HTMLExt) + `(\?.*)?$
redir @dateline_pagefile {re.pagefile.1}{re.pagefile.2} permanent
`

// nginxGzip is each location's compression: the .gz files the export
// writes (app.wasm.gz and the other app files), and pages, data files, the
// search index, feeds and sitemaps, which it does not, compressed as they
// go out (Debian's nginx.conf compresses text/html only). In the
// locations, not the server: a server block that sets gzip itself would
// otherwise be refused as giving a directive twice.
var nginxGzip = "    gzip_static on;\n    gzip on;\n    gzip_types " + nginxTypes(func(compress, _ bool) bool { return compress }) + ";\n" +
	fmt.Sprintf("    gzip_min_length %d;\n    gzip_comp_level %d;\n    gzip_vary on;\n", GzipMinLength, GzipLevel)

// nginxNoLastModified removes nginx's Last-Modified: "etag off" drops the
// ETag and "if_modified_since off" the 304s, but nginx still sends the
// file's time, which a browser keeps and sends back to no use, and which
// says of a revalidated file what it does not mean (two exports can share
// it). add_header with an empty value removes the header (nginx's headers
// module sets Last-Modified itself rather than adding a second one), with
// no module beyond the core; TestStaticHosts checks it in Debian's nginx.
const nginxNoLastModified = "    add_header Last-Modified \"\" always;\n"

// nginxTextTypes lists the export's text types for charset_types.
var nginxTextTypes = nginxTypes(func(_, text bool) bool { return text })

// nginxTypes lists the export's types that keep says to, but text/html,
// which charset_types and gzip_types always have.
func nginxTypes(keep func(compress, text bool) bool) string {
	var types []string
	for _, t := range exportTypes {
		if keep(t.compress, t.text) && t.typ != "text/html" {
			types = append(types, t.typ)
		}
	}
	return strings.Join(types, " ")
}

// nginxHeaders writes a location's add_header lines: its Cache-Control and
// the security headers, and, unless its files keep nginx's validators,
// the removal of Last-Modified.
func nginxHeaders(b *bytes.Buffer, cacheControl string, validators bool, headers []headerLine) {
	b.WriteString(nginxGzip)
	fmt.Fprintf(b, "    add_header Cache-Control \"%s\" always;\n", cacheControl)
	if !validators {
		b.WriteString(nginxNoLastModified)
	}
	for _, h := range headers {
		fmt.Fprintf(b, "    add_header %s \"%s\" always;\n", h.name, h.value)
	}
}

// Caddyfile returns Caddyfile directives for the site block of a static
// export (Caddy 2.6.2, as Debian 12 ships, or later): put them after the
// site's root. They do what NginxConf does: try_files for extensionless
// page URLs and redirects to them from the pages' files, the
// precompressed .br and .gz files, 404.html with status 404
// (handle_errors), and the headers of each cache class.
//
// Caddy's ETag, like nginx's, comes from the file's mtime and size, and
// its file server answers If-None-Match and If-Modified-Since itself. So
// for revalidated paths the conditional request headers are removed
// before the file server sees them (request_header), and the validators
// from the response: every check is a full 200 with the current bytes.
// Errors are handled by a separate route that keeps the headers set
// before the error, so handle_errors sets the security headers and the
// revalidate class again: a missing file under an immutable path must not
// be cached for a year.
func Caddyfile(d Deploy) ([]byte, error) {
	headers, immutable, err := d.check()
	if err != nil {
		return nil, err
	}
	matchList := strings.Join(caddyPatterns(immutable), " ")
	validatedList := strings.Join(caddyPatterns(d.Validated), " ")
	ownValidators := strings.TrimSpace(matchList + " " + validatedList)
	var b bytes.Buffer
	b.WriteString(`# Dateline static export: directives for the Caddy site block that serves it.
# Import this file after "root":
#     news.example.org {
#         root * ` + exampleRoot + `
#         import ` + exampleRoot + CaddyfilePath + `
#     }
# Made by dateline/app/feed (Caddyfile): make it again rather than edit it.

`)
	caddyHeaderBlock(&b, "", headers, nil)
	fmt.Fprintf(&b, `
# Compressed as they go out (encode) or from the export's .br and .gz
# files, any answer but a picture's or a font's may be: it says so to
# shared caches (a CDN) whether or not it is, as nginx does. Caddy says it
# only when it compresses, and a CDN that kept a copy sent whole, asked
# for by a client that takes no compression, gave it to every reader
# (app.wasm by its hashed name, 7.6 MB for 1.5, for a year). "?" sets it
# where encode has not.
@dateline_vary not path %s
header @dateline_vary %s
`, uncompressedExts(), caddyVary)
	b.WriteString(`
# The export's MIME types, as NginxConf gives them. The file server keeps
# a Content-Type set before it.
`)
	atomExt := path.Ext(AtomName)[1:]
	for _, t := range exportTypes {
		typ := t.typ
		if t.text {
			typ += "; charset=utf-8"
		}
		name, match := t.exts[0], "*."+strings.Join(t.exts, " *.")
		if slices.Contains(t.exts, atomExt) {
			// Two header directives that both match a path would run in an
			// order Caddy chooses: the feeds are kept out of this one.
			fmt.Fprintf(&b, "@dateline_%s {\n\tpath %s\n\tnot path */%s\n}\n", name, match, AtomName)
		} else {
			fmt.Fprintf(&b, "@dateline_%s path %s\n", name, match)
		}
		fmt.Fprintf(&b, "header @dateline_%s Content-Type \"%s\"\n", name, typ)
	}
	fmt.Fprintf(&b, "# Atom feeds: %[1]s, as the Go host sends them.\n@dateline_atomfeed path */%[2]s\nheader @dateline_atomfeed Content-Type \"%[1]s; charset=utf-8\"\n", atomType, AtomName)
	fmt.Fprintf(&b, `
# Content-hashed: never changes under these paths.
@dateline_immutable path %s
header @dateline_immutable Cache-Control "%s"
`, matchList, CacheImmutable)
	hashed := d.hashedPattern("", "")
	if hashed != "" {
		fmt.Fprintf(&b, `
# The app's files by their content's hash in their names: kept a year, by
# browsers and CDNs alike, where the export has the file (by another hash,
# revalidated: below).
@dateline_hashed {
	path_regexp %s
	file
}
header @dateline_hashed Cache-Control "%s"
`, hashed, CacheImmutable)
	}
	fmt.Fprintf(&b, `
# Everything else (pages, app-worker.js, and the app's files by their plain
# paths or by another export's hash) is revalidated on every use, without
# validators: Caddy's ETag comes from the file's mtime and size, which two
# different exports can share.
@dateline_revalidate {
	not path %s
`, ownValidators)
	if hashed != "" {
		b.WriteString("\tnot {\n\t\tpath_regexp " + hashed + "\n\t\tfile\n\t}\n")
	}
	b.WriteString("}\n")
	caddyHeaderBlock(&b, "@dateline_revalidate ", []headerLine{{"Cache-Control", CacheRevalidate}}, []string{"ETag", "Last-Modified"})
	b.WriteString(`request_header @dateline_revalidate -If-None-Match
request_header @dateline_revalidate -If-Modified-Since
`)
	if validatedList != "" {
		fmt.Fprintf(&b, `
# Revalidated on every use, with Caddy's validators: large files whose
# mtime and size an export changes when it writes new bytes.
@dateline_validated path %s
header @dateline_validated Cache-Control "%s"
`, validatedList, CacheRevalidate)
	}
	if len(d.Hidden) > 0 {
		fmt.Fprintf(&b, "\n# Not the site's: the export's own files.\n@dateline_hidden path %s\nerror @dateline_hidden 404\n", strings.Join(caddyPatterns(d.Hidden), " "))
	}
	// The path as asked: @dateline_page has made "/_offline" "/_offline.html"
	// by the time error runs.
	fmt.Fprintf(&b, "\n# Files that are no page's, as on the Go host: missing.\n@dateline_fileonly vars {http.request.orig_uri.path} %s\nerror @dateline_fileonly 404\n", strings.Join(fileOnly, " "))
	b.WriteString(`# A doubled slash inside an address is no page's, as on the Go host (the
# file server would serve the page of the address with one).
@dateline_emptyseg vars_regexp emptyseg {http.request.orig_uri} ` + emptySegmentPattern + `
error @dateline_emptyseg 404
`)
	if hashed != "" {
		fmt.Fprintf(&b, `
# The app's files by another hash than the export's (a page of an older
# version, open across a deploy): the file at the plain path, revalidated
# (the headers above went by the name asked for).
@dateline_stale {
	path_regexp dateline_stale %s
	not file
}
rewrite @dateline_stale {re.dateline_stale.1}{re.dateline_stale.2}
`, hashed)
	}
	// try_files as Caddy's documentation writes it out, so that it takes
	// a matcher: its rewrite parses the file it found as a URI, so a "?"
	// in a photo's name (/media/x%3Fy.png) began a query there and the
	// rewrite went to /media/x (Caddy 2.6.2). The paths of files by their
	// names, files-only locations in NginxConf, are no page's: the file
	// server finds them as asked. Caddy runs only the first rewrite that
	// matches: @dateline_stale's paths are no file's, so never a page's.
	b.WriteString(`
` + caddyRedirects + `
# /articles/x is articles/x.html. Not for the paths of files by their
# names, which the file server finds as they are asked for.
@dateline_page {
	not path ` + ownValidators + `
	file {path} {path}.html {path}/index.html
}
rewrite @dateline_page {http.matchers.file.relative}
# The .br and .gz files the export writes for the app's files; pages, data
# files, the search index, feeds and sitemaps compressed as they go out.
encode zstd gzip {
	match {
` + caddyTextTypes() + `	}
}
file_server {
	precompressed br gzip
}

# Missing paths get 404.html with status 404, revalidated like a page. The
# error route keeps the headers the first route set (an immutable
# Cache-Control, a Content-Type from the path): set them again.
handle_errors {
`)
	var inner bytes.Buffer
	set := append([]headerLine{{"Cache-Control", CacheRevalidate}, {"Content-Type", notFoundType}}, headers...)
	caddyHeaderBlock(&inner, "", set, []string{"ETag", "Last-Modified"})
	inner.WriteString(`request_header -If-None-Match
request_header -If-Modified-Since
@dateline_notfound expression ` + "`{err.status_code} == 404`" + `
handle @dateline_notfound {
	rewrite * ` + NotFoundPage + `
	# Compressed as the pages are: the routes above, encode among them,
	# do not run for an error.
	header ` + caddyVary + `
	encode zstd gzip
	file_server
}
`)
	for _, line := range strings.SplitAfter(inner.String(), "\n") {
		if line != "" {
			b.WriteString("\t" + line)
		}
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// caddyVary is the header directive's arguments that add "Vary:
// Accept-Encoding" to an answer that has none (encode adds it to those it
// compresses).
const caddyVary = `?Vary "Accept-Encoding"`

// uncompressedExts are the path patterns of the export's files that no
// host compresses: pictures and fonts ("*.png").
func uncompressedExts() string {
	var pats []string
	for _, t := range exportTypes {
		if !t.compress && t.typ != "application/wasm" {
			for _, e := range t.exts {
				pats = append(pats, "*."+e)
			}
		}
	}
	return strings.Join(pats, " ")
}

// caddyTextTypes matches the export's compressed types in encode's match
// block, a line each (one matcher's values for a field are alternatives):
// Caddy 2.6's own list for encode leaves out application/xml, and the
// search index's type.
func caddyTextTypes() string {
	var b strings.Builder
	for _, t := range exportTypes {
		if t.compress {
			b.WriteString("\t\theader Content-Type " + t.typ + "*\n")
		}
	}
	return b.String()
}

// caddyHeaderBlock writes a header directive that sets headers and
// deletes the named ones; Caddy defers a block that deletes until the
// response is written.
func caddyHeaderBlock(b *bytes.Buffer, matcher string, set []headerLine, del []string) {
	b.WriteString("header " + matcher + "{\n")
	for _, h := range set {
		fmt.Fprintf(b, "\t%s \"%s\"\n", h.name, h.value)
	}
	for _, name := range del {
		fmt.Fprintf(b, "\t-%s\n", name)
	}
	b.WriteString("}\n")
}

// caddyPatterns turns immutable paths into Caddy path matcher patterns
// (and _headers ones, which take the same form): a directory gets "*".
func caddyPatterns(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		if strings.HasSuffix(p, "/") {
			p += "*"
		}
		out[i] = p
	}
	return out
}

// HeadersFile returns a _headers file for Netlify and Cloudflare Pages:
// the security headers on every path, CacheImmutable on the immutable
// paths, the search index's Content-Type on its files and the feeds'
// (AtomName) on theirs. Both hosts already serve everything else the way
// the revalidate class needs ("Cache-Control: public, max-age=0, must-revalidate" with an
// ETag made from the content), and both merge the headers of every rule a
// path matches, joining the values of a repeated header: so no path here
// matches two rules that set the same header, and the file needs no "! "
// removal lines. Both also map extensionless URLs to .html files and serve
// 404.html for missing paths on their own.
func HeadersFile(d Deploy) ([]byte, error) {
	headers, immutable, err := d.check()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`# Dateline static export: headers for Netlify and Cloudflare Pages.
# Made by dateline/app/feed (HeadersFile): make it again rather than edit it.
/*
`)
	for _, h := range headers {
		line := "  " + h.name + ": " + h.value + "\n"
		if len(line) > 2000 {
			return nil, fmt.Errorf("deploy: header %s is longer than a _headers line may be (2,000 characters)", h.name)
		}
		b.WriteString(line)
	}
	for _, p := range caddyPatterns(immutable) {
		b.WriteString(p + "\n  Cache-Control: " + CacheImmutable + "\n")
	}
	// The app's files by this export's hashes; another's is rewritten to
	// the plain path (RedirectsFile), revalidated.
	for _, n := range slices.Sorted(slices.Values(d.HashedNames)) {
		b.WriteString(n + "\n  Cache-Control: " + CacheImmutable + "\n")
	}
	// The search index's files under their own type, as every other host
	// sends them, rather than application/octet-stream. Neither host
	// compresses that type on its own (each keeps a fixed list of types):
	// it is what a compression rule of theirs, where the plan has one
	// (Cloudflare's Compression Rules), can name to compress the index
	// without compressing every file of an unknown type.
	b.WriteString(searchFiles + "\n  Content-Type: " + page.SearchFileType + "\n")
	// The feeds under their type, as the Go host, nginx and Caddy send
	// them and as the pages' rel=alternate links say: by their extension
	// both hosts would say application/xml, which some feed readers take
	// for something else than a feed.
	for _, p := range atomFeeds {
		b.WriteString(p + "\n  Content-Type: " + atomType + "; charset=utf-8\n")
	}
	return b.Bytes(), nil
}

// atomFeeds are the _headers patterns of the feeds: the site's, and each
// section's ("/sections/:slug/feed.xml").
var atomFeeds = []string{"/" + AtomName, page.SectionRef(":slug", 1).Path() + "/" + AtomName}

// RedirectsFile returns a _redirects file for Netlify and Cloudflare
// Pages, in the form both read (a source, a destination and a status per
// line; ":slug" matches one segment; the query string goes along): the
// first page of a list by its "/page/1" address, and the home page by
// "/index", lead to the page's own for good (301), as the Go host, nginx
// and Caddy send them (page.Canonical). Each rule comes with and without
// a trailing slash: Cloudflare Pages matches the path as it is, Netlify
// either way (the second is then the first again, which it passes over).
//
// Both hosts do the rest of page.Canonical's work on their own, which
// rules must not redo: they send a trailing slash to the page's
// address (Netlify with its Pretty URLs on, its default; a rule that adds
// or removes one loops there), and Cloudflare Pages sends a page's file
// by its name (/articles/x.html, /index.html) to the page's address. A
// rule that a file shadows is passed over by Netlify unless forced with
// "!", which Cloudflare Pages refuses as a status: none is forced, so
// Netlify serves /articles/x.html as the file.
//
// The app's files of d.Hashed by any hash are then the file at the plain
// path (status 200, a rewrite): for another hash than the export's, as
// NginxConf and Caddyfile answer it. Netlify passes over the rule for the
// export's own hashed files, which exist; Cloudflare Pages follows it
// for them too, to the same bytes, the address and its headers unchanged.
func RedirectsFile(d Deploy) ([]byte, error) {
	if _, _, err := d.check(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`# Dateline static export: redirects for Netlify and Cloudflare Pages.
# Made by dateline/app/feed (RedirectsFile): make it again rather than edit it.
# Another form of a page's address leads to the page's own, as the Go host
# does; both hosts send a trailing slash to the page's address themselves.
`)
	for _, r := range Redirects() {
		for _, from := range []string{r.From, r.From + "/"} {
			fmt.Fprintf(&b, "%s %s 301\n", from, r.To)
		}
	}
	if len(d.Hashed) > 0 {
		b.WriteString("# The app's files by another version's hash: the current file.\n")
	}
	for _, p := range slices.Sorted(slices.Values(d.Hashed)) {
		fmt.Fprintf(&b, "%s.* %s 200\n", strings.TrimSuffix(p, path.Ext(p)), p)
	}
	return b.Bytes(), nil
}

// Redirect is a rule of RedirectsFile, without its trailing-slash form:
// From leads to To, ":slug" standing for one segment in both.
type Redirect struct{ From, To string }

// Redirects are RedirectsFile's rules, the addresses without placeholders
// first, as Cloudflare Pages asks: "/page/1", "/index", and the first page
// of a section and of a tag by its "/page/1" address.
func Redirects() []Redirect {
	first := func(r page.Ref) Redirect {
		// "/page/2" is the list's second page: the first's other address
		// is the same with 1.
		return Redirect{From: strings.TrimSuffix(r.WithN(2).Path(), "2") + "1", To: r.Path()}
	}
	return []Redirect{
		first(page.HomeRef(1)),
		{From: strings.TrimSuffix(page.IndexFile, page.HTMLExt), To: page.HomeRef(1).Path()},
		first(page.SectionRef(":slug", 1)),
		first(page.TagRef(":slug", 1)),
	}
}

// searchFiles is the _headers pattern of the search index's files: the
// folder page.SearchDir of the data path, "/data/<version>/". A
// ":placeholder" matches one segment, "*" the rest.
const searchFiles = ImmutablePrefix + ":version/" + page.SearchDir + "/*"
