// Package feed makes what search engines, feed readers and static hosts
// read of a Dateline site, as pure functions of the dataset's values:
//
//   - Atom 1.0 feeds (RFC 4287): Atom, with entries made by NewEntry;
//   - sitemaps (sitemaps.org): Sitemaps and WriteSitemaps, split into a
//     sitemap index and parts past the protocol's limits;
//   - robots.txt: Robots;
//   - schema.org JSON-LD for <script type="application/ld+json">:
//     NewsArticle and WebSite;
//   - Open Graph and Twitter tags for <head>: HeadTags;
//   - the configuration of static hosts, with the same security headers and
//     cache classes as the Go host: NginxConf, Caddyfile, HeadersFile and
//     RedirectsFile.
//
// Nothing here reads a clock, the disk or the network: the same dataset
// gives the same bytes on every build, so that an export can be compared
// with the last one and readers see no spurious updates.
//
// Absolute URLs come from the site's URL (article.Site.URL). When it is
// unknown, nothing is guessed: the feed's links are relative references
// (valid in Atom, see Atom), the Open Graph URL and the canonical link are
// left out, and there is no sitemap (ErrNoSiteURL).
//
// The package is for the host only: it is not part of app.wasm.
package feed

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"dateline/app/article"
)

// ErrNoSiteURL says that an output needs absolute URLs and the site's URL
// is not known.
var ErrNoSiteURL = errors.New("the site's URL is not known")

// origin returns the site's public origin without a trailing slash, such as
// "https://news.example.org", or "" when the site does not give one. The
// model's own rule (article.Site.Validate) decides what a valid URL is.
func origin(site article.Site) (string, error) {
	if site.URL == "" {
		return "", nil
	}
	for _, f := range site.Validate() {
		if f.Pointer == "/url" && !f.Warn {
			return "", fmt.Errorf("site url: %s", f.Message)
		}
	}
	return strings.TrimSuffix(site.URL, "/"), nil
}

// absURL joins the origin and a page's path, percent-encoding the path as
// a URI needs it: "/tags/سیاسەت" becomes "/tags/%D8%B3...". A query string
// (a search page's, as page.Ref.Path writes it, already encoded) is kept as
// it is: "/search?q=a%26b" stays so, not "/search%3Fq=a%2526b". With an
// empty origin it returns the encoded path alone, a relative reference.
func absURL(origin, ref string) string {
	path, query, ok := strings.Cut(ref, "?")
	if !ok {
		return origin + escapePath(ref)
	}
	return origin + escapePath(path) + "?" + query
}

// escapePath percent-encodes a path, leaving the common all-ASCII one as
// it is without allocating.
func escapePath(p string) string {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("/-._~", c) >= 0) {
			return (&url.URL{Path: p}).EscapedPath()
		}
	}
	return p
}

// checkPath says what keeps p from being a path on the site.
func checkPath(what, p string) error {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return fmt.Errorf("%s %q is not a path starting with one \"/\"", what, p)
	}
	if strings.ContainsAny(p, "?#\\ \t\r\n") {
		return fmt.Errorf("%s %q has a character a path cannot have", what, p)
	}
	return nil
}

// imageURL returns the absolute address of an image: its src when that is
// already an http(s) URL, the origin and the path when it is a path on the
// site, and "" when the origin is unknown (Open Graph and schema.org need
// absolute URLs). A path is used as the dataset writes it.
func imageURL(origin string, img *article.Image) string {
	switch {
	case article.IsWebURL(img.Src):
		return img.Src
	case origin != "" && article.IsSitePath(img.Src):
		return origin + img.Src
	}
	return ""
}

// firstImage returns the image of the article's first figure that has one.
func firstImage(a *article.Article) *article.Image {
	for i := range a.Figures {
		if img := a.Figures[i].Image; img != nil && img.Src != "" {
			return img
		}
	}
	return nil
}

// parseDate reads one of the dataset's dates ("2006-01-02" or RFC 3339),
// saying which field it was when it is not one.
func parseDate(field, s string) (time.Time, error) {
	t, ok := article.ParseDate(s)
	if !ok {
		return time.Time{}, fmt.Errorf("%s %q is not a date (\"2006-01-02\" or RFC 3339)", field, s)
	}
	return t, nil
}

// isoTime returns a dataset's date as the time it stands for, in RFC 3339:
// a date alone ("2006-01-02") is midnight UTC, as the feeds write it (a
// time without a zone is read in the reader's own: Google's in
// Googlebot's), and a time is kept as written. Other text is returned as
// is. (A sitemap's lastmod keeps a date alone: the protocol takes a day,
// and a crawler reads it as one.)
func isoTime(s string) string {
	if len(s) == len(time.DateOnly) {
		if t, ok := article.ParseDate(s); ok {
			return t.Format(time.RFC3339)
		}
	}
	return s
}

// idNamespace is the UUID namespace of Dateline's feed ids (a random
// version 4 UUID drawn once). Changing it changes every id readers know.
var idNamespace = [16]byte{
	0x6f, 0x3c, 0x1a, 0x52, 0x8e, 0x0d, 0x4b, 0x7a,
	0x9c, 0x25, 0xd1, 0x40, 0x63, 0xe8, 0x7f, 0x19,
}

// nameUUID returns the name-based (version 5, SHA-1) UUID of name in the
// namespace ns, as RFC 9562 section 5.5 makes it, in "urn:uuid:" form.
func nameUUID(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // the RFC's variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// articleID is an article's Atom id in the site (with its defaults). See
// Atom for why it is made this way.
func articleID(site article.Site, slug string) string {
	return nameUUID(idNamespace, "article\x00"+site.Name+"\x00"+slug+idEdition(site))
}

// feedID is a feed's Atom id in the site (with its defaults).
func feedID(site article.Site, feedPath string) string {
	return nameUUID(idNamespace, "feed\x00"+site.Name+"\x00"+feedPath+idEdition(site))
}

// idEdition is what sets an edition's ids apart from those of the
// newsroom's other editions, which most often share its name (and may
// give a translation the original's slug): its language, in lower case as
// tags are compared. An English edition, the default, adds nothing, so
// that its ids are the ones every Dateline feed had before editions were
// told apart; editions differ in language (validate refuses two in one),
// so at most one of them is English.
func idEdition(site article.Site) string {
	lang := strings.ToLower(site.Lang)
	if lang == "" || lang == article.DefaultLang {
		return ""
	}
	return "\x00" + lang
}
