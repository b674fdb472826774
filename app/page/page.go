// Package page names Dateline's pages: the URL scheme, the kinds of page,
// the data each page needs to render and the versioned data file it comes
// in, and the Source interface that hands pages their data. The host
// (app/site), the client (app/client) and the components all build on it,
// so that a path is spelt in one place.
//
// It imports only the standard library and the model: it is in app.wasm.
package page

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind tells which page a path shows.
type Kind uint8

// The kinds of page.
const (
	NotFound Kind = iota
	// Home lists the whole archive, newest first: "/", "/page/2", ...
	Home
	// Section lists one section: "/sections/<slug>", "/sections/<slug>/page/2".
	Section
	// Tag lists the articles with one tag: "/tags/<slug>", "/tags/<slug>/page/2".
	Tag
	// Article shows one article: "/articles/<slug>".
	Article
	// Saved lists the articles the reader saved on this device: "/saved".
	// The browser keeps the list; the page has no data file.
	Saved
	// Search shows the results of a query: "/search?q=words&page=2". Its
	// Ref holds the query in Slug; the results come from the search index,
	// not from a data file.
	Search
	// Offline is what the service worker shows, with status 503, for a
	// page that is neither saved on the device nor reachable. No address
	// parses to it: the host serves it under OfflinePath for the worker.
	Offline
)

// HasData reports whether pages of kind k have a data file: every page but
// Saved, which the browser fills, Search, NotFound and Offline.
func (k Kind) HasData() bool { return k != Saved && k != Search && k != NotFound && k != Offline }

// IsList reports whether pages of kind k are lists of articles.
func (k Kind) IsList() bool { return k == Home || k == Section || k == Tag }

// Size is how many articles a list page shows.
const Size = 30

// Ref identifies one page.
type Ref struct {
	Kind Kind
	// Slug names the article, section or tag.
	Slug string
	// N is the number of a list page, from 1.
	N int
}

// HomeRef, SectionRef, TagRef and ArticleRef make the Ref of a page.
func HomeRef(n int) Ref                 { return Ref{Kind: Home, N: n} }
func SectionRef(slug string, n int) Ref { return Ref{Kind: Section, Slug: slug, N: n} }
func TagRef(slug string, n int) Ref     { return Ref{Kind: Tag, Slug: slug, N: n} }
func ArticleRef(slug string) Ref        { return Ref{Kind: Article, Slug: slug} }

// ArticlePath is the path of an article's page.
func ArticlePath(slug string) string { return "/articles/" + slug }

// SavedPath is the path of the saved articles' page.
const SavedPath = "/saved"

// OfflinePath is where the host serves the offline page (Offline), which
// the service worker saves at install; a static export writes it as
// OfflinePath + ".html".
const OfflinePath = "/_offline"

// SearchPath is the path of the search page; the query is in its query
// string.
const SearchPath = "/search"

// SearchDir is the directory of the search index's files under the data
// path, and SearchManifest the name its manifest is served under there:
// the index is made from the dataset, so the data path's version names it
// too (app/search names its other files).
const (
	SearchDir      = "search"
	SearchManifest = "index.bin"
)

// SearchFileType is the Content-Type of the search index's files (".bin"),
// on the host and on static hosts: a type of their own, which every host
// the export configures compresses (their parts are made to compress well),
// rather than application/octet-stream, which hosts and CDNs send as it is.
const SearchFileType = "application/x-dateline-search"

// MaxQuery bounds a search query, in characters (code points): a longer
// one is cut. The search box's maxlength is the same figure, which the
// browser counts in UTF-16 units, never fewer than code points: whatever
// the box lets a reader type is searched whole, in any script (a bound in
// bytes cut an Arabic query of more than 100 letters, whose tail the
// reader never knew was gone).
const MaxQuery = 200

// SearchRef is the Ref of page n (from 1) of the results for query.
// The query is text as a reader types it: bytes that are not UTF-8 are
// dropped, and a control character ("%00" in an address) or a Unicode
// noncharacter ("%EF%BF%BF", U+FFFF) is a space, as the page could not
// show either: HTML forbids both.
func SearchRef(query string, n int) Ref {
	// Characters are counted by their first bytes; bytes that are not
	// UTF-8 are dropped below.
	chars := 0
	for i := 0; i < len(query); i++ {
		if utf8.RuneStart(query[i]) {
			if chars == MaxQuery {
				query = query[:i]
				break
			}
			chars++
		}
	}
	query = strings.Map(func(r rune) rune {
		if r < ' ' || r >= 0x7f && r < 0xa0 || r >= 0xfdd0 && r <= 0xfdef || r&0xfffe == 0xfffe {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(query, ""))
	return Ref{Kind: Search, Slug: strings.TrimSpace(query), N: max(n, 1)}
}

// ParseURL is Parse for a whole URL's path and query string: the search
// page takes its query ("q") and page ("page") from the query string.
func ParseURL(path, rawQuery string) Ref {
	r := Parse(path)
	if r.Kind != Search {
		return r
	}
	v, err := url.ParseQuery(rawQuery)
	if err != nil {
		return SearchRef("", 1)
	}
	n, ok := pageNumber(v.Get("page"))
	if !ok {
		n = 1
	}
	return SearchRef(v.Get("q"), n)
}

// The first segment of each kind's paths.
const (
	articlesDir = "articles"
	sectionsDir = "sections"
	tagsDir     = "tags"
	pageDir     = "page"
)

// Parse tells which page a path (a URL's path, unescaped) shows. Anything
// that is not exactly a page's path, such as a trailing slash, "/page/1"
// (which is "/") or "/page/02", is NotFound. Whether the article, section
// or tag exists is the source's to say.
func Parse(path string) Ref {
	switch path {
	case "/":
		return HomeRef(1)
	case SavedPath:
		return Ref{Kind: Saved}
	case SearchPath:
		return SearchRef("", 1)
	}
	rest, ok := strings.CutPrefix(path, "/")
	if !ok {
		return Ref{}
	}
	parts := strings.Split(rest, "/")
	switch {
	case len(parts) == 2 && parts[0] == pageDir:
		if n, ok := pageNumber(parts[1]); ok {
			return HomeRef(n)
		}
	case len(parts) == 2 && parts[0] == articlesDir && validSlug(parts[1]):
		return ArticleRef(parts[1])
	case (len(parts) == 2 || len(parts) == 4) && (parts[0] == sectionsDir || parts[0] == tagsDir) && validSlug(parts[1]):
		kind := Section
		if parts[0] == tagsDir {
			kind = Tag
		}
		if len(parts) == 2 {
			return Ref{Kind: kind, Slug: parts[1], N: 1}
		}
		if n, ok := pageNumber(parts[3]); ok && parts[2] == pageDir {
			return Ref{Kind: kind, Slug: parts[1], N: n}
		}
	}
	return Ref{}
}

// HTMLExt ends the name of a page's file in a static export: "/articles/x"
// is articles/x.html, "/" is IndexFile.
const HTMLExt = ".html"

// IndexFile is the home page's file in a static export; indexName is its
// name without the extension, which static hosts also serve it under.
const (
	IndexFile = indexName + HTMLExt
	indexName = "/index"
)

// Canonical returns the address of the page that path names in another
// form: with trailing slashes ("/articles/x/", "/saved/"), as the first
// page of a list ("/page/1", "/sections/x/page/1"), which is the list's own
// address, or as the page's file in a static export ("/articles/x.html",
// "/index.html", and "/index", the name static hosts also serve that file
// under), so that a page has one address wherever the site is served. ok
// is false when path is already a page's address or names none: the result
// always parses to a page, so it never leads off the site.
func Canonical(path string) (string, bool) {
	if p := strings.TrimRight(path, "/"); p == IndexFile || p == indexName {
		return "/", true
	}
	if c, ok := strings.CutSuffix(path, HTMLExt); ok {
		// No slug holds a dot: a page's address never ends in ".html".
		// The home page's file is IndexFile, not "/.html".
		if c == "/" || Parse(c).Kind == NotFound {
			return "", false
		}
		return c, true
	}
	c := path
	if len(c) > 1 {
		if c = strings.TrimRight(c, "/"); c == "" {
			c = "/"
		}
	}
	if rest, ok := strings.CutSuffix(c, "/"+pageDir+"/1"); ok {
		if rest == "" {
			rest = "/"
		}
		if r := Parse(rest); r.Kind.IsList() {
			c = rest
		}
	}
	if c == path || Parse(c).Kind == NotFound {
		return "", false
	}
	return c, true
}

// Patterns of a page's path, for what recognises one without this package:
// the service worker (JavaScript) and the static hosts' configurations
// (nginx, Caddy). They are written in the syntax that Go's regexp,
// JavaScript's RegExp and PCRE share; TestPathPattern holds them to Parse.
// None of them refuses a segment "." or "..": every host and browser
// resolves those before a path is matched.
const (
	// SlugPattern is a slug in a path unescaped, as Parse reads it and
	// nginx matches it: a segment without "?", "#", "%" or "\".
	SlugPattern = `[^/?#%\x5c]+`
	// EscapedSlugPattern is a slug in a path as sent, percent-escaped, as
	// a browser's URL.pathname and Caddy's {http.request.uri} hold it:
	// plain characters, and escapes but those of the characters that
	// SlugPattern refuses ("#", "%", "/", "?", "\": %23, %25, %2F, %3F,
	// %5C), so that an escaped "?" never becomes a query string.
	EscapedSlugPattern = `(?:[^/?#%\x5c]|%(?:[0146-9A-Fa-f][0-9A-Fa-f]|2[0-246-9A-Ea-e]|3[0-9A-Ea-e]|5[0-9ABabD-Fd-f]))+`
	// numberPattern is a list page's number after the first, of at most
	// nine digits (pageNumber); without braces, which nginx and Caddy
	// would read as their own syntax.
	numberPattern = `(?:[2-9]|[1-9][0-9][0-9]?[0-9]?[0-9]?[0-9]?[0-9]?[0-9]?[0-9]?)`
)

// PathPattern is the pattern of every page's path but "/", with slugs
// written as slug (SlugPattern or EscapedSlugPattern).
func PathPattern(slug string) string {
	return `/(?:` + pageDir + `/` + numberPattern +
		`|` + articlesDir + `/` + slug +
		`|` + ListPattern(slug)[1:] + `(?:/` + pageDir + `/` + numberPattern + `)?` +
		`|` + SavedPath[1:] + `|` + SearchPath[1:] + `)`
}

// ListPattern is the pattern of the first page of a section or a tag,
// with slugs written as slug; its other pages add "/page/N".
func ListPattern(slug string) string {
	return `/(?:` + sectionsDir + `|` + tagsDir + `)/` + slug
}

// validSlug accepts a path segment that can name something: not empty, and
// nothing a path would treat specially.
func validSlug(s string) bool {
	return s != "" && s != "." && s != ".." && !strings.ContainsAny(s, "/?#%\\")
}

// pageNumber reads the number of a list page after the first: 2, 3, ...
// written without sign or leading zeros.
func pageNumber(s string) (int, bool) {
	if s == "" || s[0] < '1' || s[0] > '9' || len(s) > 9 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 2
}

// Path is the page's path, with the query string of a search; "" for
// NotFound.
func (r Ref) Path() string {
	switch r.Kind {
	case Home:
		if r.N > 1 {
			return "/" + pageDir + "/" + strconv.Itoa(r.N)
		}
		return "/"
	case Section, Tag:
		p := "/" + r.listDir() + "/" + r.Slug
		if r.N > 1 {
			p += "/" + pageDir + "/" + strconv.Itoa(r.N)
		}
		return p
	case Article:
		return ArticlePath(r.Slug)
	case Saved:
		return SavedPath
	case Search:
		if r.Slug == "" {
			return SearchPath
		}
		p := SearchPath + "?q=" + url.QueryEscape(r.Slug)
		if r.N > 1 {
			p += "&page=" + strconv.Itoa(r.N)
		}
		return p
	}
	return ""
}

// listDir is the first path segment of a list kind.
func (r Ref) listDir() string {
	if r.Kind == Tag {
		return tagsDir
	}
	return sectionsDir
}

// WithN returns the same list at page n.
func (r Ref) WithN(n int) Ref {
	r.N = n
	return r
}

// DataFile is where the page's data is, relative to the site's versioned
// data path: "articles/<slug>.json", "lists/home/2.json",
// "lists/sections/<slug>/1.json". NotFound pages have none ("").
func (r Ref) DataFile() string {
	switch r.Kind {
	case Home:
		return "lists/home/" + strconv.Itoa(r.N) + ".json"
	case Section, Tag:
		return "lists/" + r.listDir() + "/" + r.Slug + "/" + strconv.Itoa(r.N) + ".json"
	case Article:
		return articlesDir + "/" + r.Slug + ".json"
	}
	return ""
}

// NoIndex is what a page's robots meta says to keep it out of search
// engines' indexes; its links may still be followed.
const NoIndex = "noindex"

// LargePreviews is what the robots meta of every other page says: search
// engines may show its images at any size, which Google's Discover asks of
// the pages whose photos it shows large (without it, only thumbnails).
const LargePreviews = "max-image-preview:large"

// Robots is what the robots meta of r's page says, the same on the host
// and in the app: NoIndex for the not-found and offline pages (served with
// status 200 by some hosts), the reader's saved articles and the results
// of a query, which search engines ask sites to keep out of their index;
// LargePreviews for the others, the search page without a query, a box to
// type in, among them. A page whose data turns out missing is NotFound's.
func (r Ref) Robots() string {
	if r.Kind == NotFound || r.Kind == Saved || r.Kind == Offline || r.Kind == Search && r.Slug != "" {
		return NoIndex
	}
	return LargePreviews
}

// ParseDataFile is DataFile's inverse: the page whose data file is name.
func ParseDataFile(name string) (Ref, bool) {
	if slug, ok := strings.CutPrefix(name, articlesDir+"/"); ok {
		if slug, ok = strings.CutSuffix(slug, ".json"); ok && validSlug(slug) {
			return ArticleRef(slug), true
		}
		return Ref{}, false
	}
	rest, ok := strings.CutPrefix(name, "lists/")
	if !ok {
		return Ref{}, false
	}
	rest, ok = strings.CutSuffix(rest, ".json")
	if !ok {
		return Ref{}, false
	}
	parts := strings.Split(rest, "/")
	var r Ref
	switch {
	case len(parts) == 2 && parts[0] == "home":
		r = HomeRef(0)
	case len(parts) == 3 && parts[0] == sectionsDir && validSlug(parts[1]):
		r = SectionRef(parts[1], 0)
	case len(parts) == 3 && parts[0] == tagsDir && validSlug(parts[1]):
		r = TagRef(parts[1], 0)
	default:
		return Ref{}, false
	}
	num := parts[len(parts)-1]
	if num == "1" {
		r.N = 1
		return r, true
	}
	n, ok := pageNumber(num)
	r.N = n
	return r, ok
}
