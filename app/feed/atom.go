package feed

import (
	"encoding/xml"
	"fmt"
	"time"
	"unicode/utf8"

	"dateline/app/article"
	"dateline/app/i18n"
	"dateline/app/page"
)

// MaxEntries is how many entries a feed holds: the newest, as the caller
// orders them.
const MaxEntries = 50

// FullTextLength is the longest body, in characters of its paragraphs,
// that an entry carries in full; a longer article has its summary and a
// link.
const FullTextLength = 2000

// undated is the time a feed gives as "updated" when its data has no date
// at all, here or in any entry: Atom requires the element. It is a fixed
// instant (the Unix epoch, 1970-01-01T00:00:00Z) rather than the build
// time, so that an unchanged dataset gives an unchanged feed and readers
// see no false update; readers and validators take it as "long ago".
var undated = time.Unix(0, 0).UTC()

// Entry is one article as a feed shows it.
type Entry struct {
	Slug string
	// Lang is the article's BCP 47 language tag; the site's when empty.
	Lang     string
	Headline string
	// Published and Updated are dates as the dataset writes them
	// ("2006-01-02" or RFC 3339), empty when unknown.
	Published string
	Updated   string
	Authors   []string
	Section   string
	Tags      []string
	// Summary is the start of the text; Atom shows it always.
	Summary string
	// Content is a short article's text as its page shows it; nil for a
	// long one, which readers open by its link.
	Content *Content
}

// NewEntry makes the feed entry of an article: its summary is the excerpt
// lists show, and its content, when its paragraphs hold at most
// FullTextLength characters, what its page shows of its text, with the
// labels of t (the table the page uses for the article's language).
func NewEntry(a *article.Article, t *i18n.Table) Entry {
	e := Entry{
		Slug:      a.Slug,
		Lang:      a.Lang,
		Headline:  a.Headline,
		Published: a.Published,
		Updated:   a.Updated,
		Authors:   a.Bylines(),
		Section:   a.Section,
		Tags:      a.Tags,
		Summary:   a.Excerpt(article.ExcerptLength),
	}
	ps := a.Paragraphs()
	n := 0
	for _, p := range ps {
		n += utf8.RuneCountInString(p)
	}
	if n <= FullTextLength {
		e.Content = newContent(a, t)
	}
	return e
}

// Feed is one Atom feed: the site's newest articles, or a section's.
type Feed struct {
	// Path is where the feed is served, such as "/feed.xml": its
	// rel="self" link, and part of its id.
	Path string
	// Page is the path of the HTML page the feed follows, such as "/" or
	// "/sections/politics": its rel="alternate" link.
	Page string
	// Title names the feed; the site's name when empty.
	Title string
	// Entries are the articles, newest first; only the first MaxEntries
	// are written.
	Entries []Entry
}

// Atom writes the feed as an Atom 1.0 document (RFC 4287).
//
// Ids are "urn:uuid:" name-based UUIDs (RFC 9562, version 5) of the site's
// name and the article's slug (or, for the feed, the feed's path). They do
// not depend on the host name, the deploy or the clock, and need no date or
// domain: a "tag:" URI (RFC 4151) needs a domain the publisher owned on a
// given date, which a site without a URL has not, and one built from the
// URL would change with the host. Renaming the site changes the ids. An
// edition in another language than English has its language in its ids
// too (see idEdition): a newsroom's editions often share one name, and
// their feeds and entries would otherwise share ids.
//
// Dates are RFC 3339 times; a date alone is midnight UTC. An entry is
// updated when the article was (else published, else undated); the feed is
// updated when its newest entry was, never at the build time.
//
// Links are absolute when the site's URL is known. Without it, the feed
// has no rel="self" and no feed-level rel="alternate" (a self link must
// say where the feed is), while each entry keeps its rel="alternate" link
// as a relative reference ("/articles/<slug>"): RFC 4287 allows any IRI
// reference in href (4.2.7.1), resolved against the feed's own address
// (section 2, RFC 3986 5.1), and requires the link of an entry that has no
// content (4.1.1.1). Category schemes must be IRIs, so they are left out.
//
// The feed's author is the site's publisher, else the site's name; an
// entry names only the article's own authors. An article with none (the
// seed story, a wire report) has no atom:author of its own: RFC 4287
// (4.1.2) lets the feed's stand for it, and a reader is not told that the
// site wrote a story the data names no author for.
func Atom(site article.Site, f Feed) ([]byte, error) {
	site = site.WithDefaults()
	org, err := origin(site)
	if err != nil {
		return nil, fmt.Errorf("atom feed %s: %w", f.Path, err)
	}
	if err := checkPath("feed path", f.Path); err != nil {
		return nil, fmt.Errorf("atom feed: %w", err)
	}
	if err := checkPath("feed page", f.Page); err != nil {
		return nil, fmt.Errorf("atom feed %s: %w", f.Path, err)
	}
	entries := f.Entries
	if len(entries) > MaxEntries {
		entries = entries[:MaxEntries]
	}
	title := f.Title
	if title == "" {
		title = site.Name
	}
	siteAuthor := site.Publisher
	if siteAuthor == "" {
		siteAuthor = site.Name
	}

	doc := atomFeed{
		Lang:     site.Lang,
		ID:       feedID(site, f.Path),
		Title:    atomText{Type: "text", Body: title},
		Subtitle: &atomText{Type: "text", Body: site.Description},
		Authors:  []atomPerson{{Name: siteAuthor}},
		Entries:  make([]atomEntry, 0, len(entries)),
	}
	if org != "" {
		doc.Links = []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: absURL(org, f.Path)},
			{Rel: "alternate", Type: "text/html", Href: absURL(org, f.Page)},
		}
	}
	newest := undated
	for i := range entries {
		e, updated, err := atomEntryOf(site, org, &entries[i])
		if err != nil {
			return nil, fmt.Errorf("atom feed %s: entry %d (%s): %w", f.Path, i, entries[i].Slug, err)
		}
		if updated.After(newest) {
			newest = updated
		}
		doc.Entries = append(doc.Entries, e)
	}
	doc.Updated = newest.Format(time.RFC3339)

	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("atom feed %s: %w", f.Path, err)
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}

// atomEntryOf makes the Atom entry of e and returns when it was updated.
// site has its defaults; org is its origin or "".
func atomEntryOf(site article.Site, org string, e *Entry) (atomEntry, time.Time, error) {
	if e.Slug == "" || e.Headline == "" {
		return atomEntry{}, time.Time{}, fmt.Errorf("an entry needs a slug and a headline")
	}
	lang := e.Lang
	if lang == "" {
		lang = site.Lang
	}
	out := atomEntry{
		Lang:  lang,
		ID:    articleID(site, e.Slug),
		Title: atomText{Type: "text", Body: e.Headline},
		Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: absURL(org, page.ArticlePath(e.Slug))}},
	}
	updated := undated
	if e.Published != "" {
		t, err := parseDate("published", e.Published)
		if err != nil {
			return atomEntry{}, time.Time{}, err
		}
		out.Published = t.Format(time.RFC3339)
		updated = t
	}
	if e.Updated != "" {
		t, err := parseDate("updated", e.Updated)
		if err != nil {
			return atomEntry{}, time.Time{}, err
		}
		updated = t
	}
	out.Updated = updated.Format(time.RFC3339)

	for _, name := range e.Authors {
		out.Authors = append(out.Authors, atomPerson{Name: name})
	}
	if e.Section != "" {
		out.Categories = append(out.Categories, category(org, page.SectionRef, e.Section))
	}
	for _, t := range e.Tags {
		out.Categories = append(out.Categories, category(org, page.TagRef, t))
	}
	summary := e.Summary
	if summary == "" {
		summary = e.Headline
	}
	out.Summary = atomText{Type: "text", Body: summary}
	if e.Content != nil {
		div, err := xhtmlDiv(org, article.Dir(lang), e.Content)
		if err != nil {
			return atomEntry{}, time.Time{}, err
		}
		out.Content = &atomContent{Type: "xhtml", Div: div}
	}
	return out, updated, nil
}

// category makes the Atom category of a section or a tag: the slug of its
// page as the term, its name as the label and, when the site's URL is
// known, the address its pages start with as the scheme, so that scheme
// and term make the page's URL.
func category(org string, ref func(slug string, n int) page.Ref, name string) atomCategory {
	slug := article.NameSlug(name)
	if slug == "" {
		slug = name
	}
	c := atomCategory{Term: slug, Label: name}
	if org != "" {
		c.Scheme = absURL(org, ref("", 1).Path()) // "/sections/", "/tags/"
	}
	return c
}

// The Atom document, as encoding/xml writes it.
type (
	atomFeed struct {
		XMLName  xml.Name     `xml:"http://www.w3.org/2005/Atom feed"`
		Lang     string       `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
		ID       string       `xml:"id"`
		Title    atomText     `xml:"title"`
		Subtitle *atomText    `xml:"subtitle,omitempty"`
		Updated  string       `xml:"updated"`
		Links    []atomLink   `xml:"link"`
		Authors  []atomPerson `xml:"author"`
		Entries  []atomEntry  `xml:"entry"`
	}
	atomEntry struct {
		Lang       string         `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
		ID         string         `xml:"id"`
		Title      atomText       `xml:"title"`
		Published  string         `xml:"published,omitempty"`
		Updated    string         `xml:"updated"`
		Links      []atomLink     `xml:"link"`
		Authors    []atomPerson   `xml:"author"`
		Categories []atomCategory `xml:"category"`
		Summary    atomText       `xml:"summary"`
		Content    *atomContent   `xml:"content,omitempty"`
	}
	atomText struct {
		Type string `xml:"type,attr,omitempty"`
		Body string `xml:",chardata"`
	}
	atomLink struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
	atomPerson struct {
		Name string `xml:"name"`
	}
	atomCategory struct {
		Term   string `xml:"term,attr"`
		Scheme string `xml:"scheme,attr,omitempty"`
		Label  string `xml:"label,attr,omitempty"`
	}
	// atomContent is xhtml content: Div is its XHTML div as xhtmlDiv
	// writes it.
	atomContent struct {
		Type string `xml:"type,attr"`
		Div  string `xml:",innerxml"`
	}
)
