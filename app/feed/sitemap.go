package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"dateline/app/article"
)

// SitemapPath is where search engines find the sitemap, or the sitemap
// index when there are several: robots.txt names it.
const SitemapPath = "/sitemap.xml"

// The sitemaps.org protocol's limits on one file.
const (
	MaxSitemapURLs  = 50000
	MaxSitemapBytes = 50 << 20 // 52,428,800 bytes, uncompressed
)

// URL is one page in a sitemap.
type URL struct {
	// Loc is the page's path on the site, such as "/articles/<slug>".
	Loc string
	// LastMod is when the page last changed, as the dataset writes dates
	// ("2006-01-02" or RFC 3339); empty when unknown.
	LastMod string
}

// limits are a sitemap file's: the protocol's, smaller in tests.
type limits struct {
	urls, bytes int
}

var protocolLimits = limits{urls: MaxSitemapURLs, bytes: MaxSitemapBytes}

// Sitemaps returns the site's sitemap files by path: "/sitemap.xml" alone
// when every URL fits in one file, else a sitemap index at "/sitemap.xml"
// and the parts "/sitemap-1.xml", "/sitemap-2.xml", ... Sitemaps need
// absolute URLs: without the site's URL there is no sitemap, and the error
// is ErrNoSiteURL. urls is read once, in order; to write the files as they
// are made, without holding them all, use WriteSitemaps.
func Sitemaps(site article.Site, urls iter.Seq[URL]) (map[string][]byte, error) {
	files := make(map[string][]byte)
	err := WriteSitemaps(site, urls, func(path string, body []byte) error {
		files[path] = body
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// WriteSitemaps makes the files Sitemaps returns and hands each one, as it
// is finished, to emit with its path; emit may keep body. Whatever the
// number of URLs, it holds at most two files: the one being written and
// the first, until it knows whether there is an index. The index, when
// there is one, comes last.
func WriteSitemaps(site article.Site, urls iter.Seq[URL], emit func(path string, body []byte) error) error {
	return writeSitemaps(site, urls, emit, protocolLimits)
}

const (
	urlsetOpen    = xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n"
	urlsetClose   = "</urlset>\n"
	indexOpen     = xml.Header + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n"
	indexClose    = "</sitemapindex>\n"
	partPathStart = "/sitemap-"
)

// part is a sitemap file being written.
type part struct {
	buf     bytes.Buffer
	n       int
	lastMod []byte    // the newest lastmod of its URLs, as written
	newest  time.Time // and its time
}

// bytes returns the part's file; a copy when the buffer grew much larger
// than the file, as the last part of a large site does, so that a caller
// keeping it does not keep the spare room.
func (p *part) bytes() []byte {
	if b := p.buf.Bytes(); cap(b) <= 2*len(b) {
		return b
	}
	return bytes.Clone(p.buf.Bytes())
}

func newPart() *part {
	p := &part{}
	p.buf.Grow(1 << 16)
	p.buf.WriteString(urlsetOpen)
	return p
}

// growAt is the number of URLs in a part at which its buffer grows to
// the size a full part would take.
const growAt = 1024

// sitemapWriter cuts a stream of URLs into sitemap files.
type sitemapWriter struct {
	org  string
	emit func(path string, body []byte) error
	lim  limits
	cur  *part
	// held is the first part, kept until a second one shows that there
	// must be an index (it is then /sitemap-1.xml) or the URLs end (it is
	// then /sitemap.xml).
	held  *part
	parts []partEntry // the parts emitted, for the index
	entry []byte      // reused for each URL's element
}

// partEntry is a part as the index lists it.
type partEntry struct {
	loc, lastMod string
}

func writeSitemaps(site article.Site, urls iter.Seq[URL], emit func(string, []byte) error, lim limits) error {
	org, err := origin(site)
	if err != nil {
		return fmt.Errorf("sitemap: %w", err)
	}
	if org == "" {
		return fmt.Errorf("sitemap: %w: sitemaps need absolute URLs", ErrNoSiteURL)
	}
	w := &sitemapWriter{org: org, emit: emit, lim: lim, cur: newPart()}
	for u := range urls {
		if err := w.add(u); err != nil {
			return err
		}
	}
	return w.close()
}

// add writes u into the current part, cutting it first when u would take
// it past a limit.
func (w *sitemapWriter) add(u URL) error {
	var (
		lastMod []byte
		t       time.Time
		err     error
	)
	w.entry, lastMod, t, err = appendURL(w.entry[:0], w.org, u)
	if err != nil {
		return err
	}
	if len(urlsetOpen)+len(w.entry)+len(urlsetClose) > w.lim.bytes {
		return fmt.Errorf("sitemap: the entry of %s is larger than a sitemap file may be", u.Loc)
	}
	if w.cur.n == w.lim.urls || w.cur.buf.Len()+len(w.entry)+len(urlsetClose) > w.lim.bytes {
		if err := w.cut(); err != nil {
			return err
		}
	}
	w.cur.buf.Write(w.entry)
	w.cur.n++
	if w.cur.n == growAt {
		// A large site: make room for a whole part at once, from the size
		// of the URLs so far, rather than doubling the buffer a dozen times.
		if want := min(w.lim.bytes, w.cur.buf.Len()/w.cur.n*w.lim.urls*9/8); want > w.cur.buf.Len() {
			w.cur.buf.Grow(want - w.cur.buf.Len())
		}
	}
	if lastMod != nil && (w.cur.lastMod == nil || t.After(w.cur.newest)) {
		w.cur.lastMod, w.cur.newest = append(w.cur.lastMod[:0], lastMod...), t
	}
	return nil
}

// cut finishes the current part and starts the next.
func (w *sitemapWriter) cut() error {
	w.cur.buf.WriteString(urlsetClose)
	done := w.cur
	w.cur = newPart()
	if w.held == nil && len(w.parts) == 0 {
		w.held = done
		return nil
	}
	if w.held != nil {
		if err := w.emitPart(w.held); err != nil {
			return err
		}
		w.held = nil
	}
	return w.emitPart(done)
}

// close finishes the last part, then writes the single sitemap or the
// index. No URLs at all give an empty urlset, which is valid.
func (w *sitemapWriter) close() error {
	if w.cur.n > 0 || w.held == nil && len(w.parts) == 0 {
		if err := w.cut(); err != nil {
			return err
		}
	}
	if w.held != nil {
		if err := w.emit(SitemapPath, w.held.bytes()); err != nil {
			return fmt.Errorf("sitemap %s: %w", SitemapPath, err)
		}
		return nil
	}
	return w.writeIndex()
}

// emitPart hands a numbered part to emit and lists it for the index.
func (w *sitemapWriter) emitPart(p *part) error {
	path := partPathStart + strconv.Itoa(len(w.parts)+1) + ".xml"
	if err := w.emit(path, p.bytes()); err != nil {
		return fmt.Errorf("sitemap %s: %w", path, err)
	}
	w.parts = append(w.parts, partEntry{loc: w.org + path, lastMod: string(p.lastMod)})
	return nil
}

// writeIndex writes the sitemap index of the parts.
func (w *sitemapWriter) writeIndex() error {
	if len(w.parts) > w.lim.urls {
		return fmt.Errorf("sitemap: %d parts, more than a sitemap index may list (%d)", len(w.parts), w.lim.urls)
	}
	var b bytes.Buffer
	b.WriteString(indexOpen)
	for _, p := range w.parts {
		b.WriteString("<sitemap><loc>")
		b.WriteString(xmlEscaper.Replace(p.loc))
		b.WriteString("</loc>")
		if p.lastMod != "" {
			b.WriteString("<lastmod>" + p.lastMod + "</lastmod>")
		}
		b.WriteString("</sitemap>\n")
	}
	b.WriteString(indexClose)
	if b.Len() > w.lim.bytes {
		return fmt.Errorf("sitemap: the index is %d bytes, more than %d", b.Len(), w.lim.bytes)
	}
	if err := w.emit(SitemapPath, b.Bytes()); err != nil {
		return fmt.Errorf("sitemap %s: %w", SitemapPath, err)
	}
	return nil
}

// appendURL appends the <url> element of u to b, and returns its lastmod
// as written (a part of b, nil when u has none) and as a time.
func appendURL(b []byte, org string, u URL) ([]byte, []byte, time.Time, error) {
	if err := checkPath("sitemap loc", u.Loc); err != nil {
		return b, nil, time.Time{}, fmt.Errorf("sitemap: %w", err)
	}
	b = append(b, "<url><loc>"...)
	b = appendXMLText(b, org)
	b = appendXMLText(b, escapePath(u.Loc))
	b = append(b, "</loc>"...)
	if u.LastMod == "" {
		return append(b, "</url>\n"...), nil, time.Time{}, nil
	}
	t, ok := article.ParseDate(u.LastMod)
	if !ok {
		return b, nil, time.Time{}, fmt.Errorf("sitemap: lastmod of %s %q is not a date (\"2006-01-02\" or RFC 3339)", u.Loc, u.LastMod)
	}
	// W3C Datetime: a date alone as it is, a time in RFC 3339 (seconds,
	// with its offset).
	b = append(b, "<lastmod>"...)
	start := len(b)
	if len(u.LastMod) == len(time.DateOnly) {
		b = append(b, u.LastMod...)
	} else {
		b = t.AppendFormat(b, time.RFC3339)
	}
	end := len(b)
	b = append(b, "</lastmod></url>\n"...)
	return b, b[start:end], t, nil
}

// xmlEscaper escapes the characters XML gives a meaning to. What it is
// used on is plain ASCII without controls: a checked origin and a
// percent-encoded path.
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "'", "&apos;", `"`, "&quot;")

// appendXMLText appends s escaped as XML character data; text with
// nothing to escape is copied as it is.
func appendXMLText(b []byte, s string) []byte {
	if !strings.ContainsAny(s, `<>&'"`) {
		return append(b, s...)
	}
	return append(b, xmlEscaper.Replace(s)...)
}
