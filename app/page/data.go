package page

import (
	"errors"
	"strings"

	"dateline/app/article"
	"dateline/app/i18n"
	"dateline/app/search"
)

// Data is everything one page needs to render, as its data file holds it.
// A page that does not exist (an unknown article, a list page past the
// last) has neither List nor Story.
type Data struct {
	List  *List  `json:"list,omitempty"`
	Story *Story `json:"story,omitempty"`
	// Head is the page's head beyond its title and description.
	Head *Head `json:"head,omitempty"`
	// Found is a search page's results: made by the host or the app from
	// the search index, never in a data file.
	Found *Found `json:"-"`
	// Drawn is the page app.wasm opens on, as its document drew it: the
	// app takes it over as it is, never from a data file.
	Drawn *Drawn `json:"-"`
}

// Drawn is a page as the host drew it in the document app.wasm starts in.
// Taking it over instead of its data file spares the start the file's
// fetch and decode and the writing of the same markup again, and the
// browser compiling the code that does them.
type Drawn struct {
	// Content is the markup of each element of the page's <main>.
	Content []string
	// Title, Description and Robots (its robots meta) are the document's;
	// Head is the markup of each element the host marked data-head (see
	// Head).
	Title, Description, Robots string
	Head                       []string
	// InSection: the header marks the section of the page's address as
	// the page (aria-current), as on a section's list. The not-found page
	// drawn for a section's page past its last marks none.
	InSection bool
}

// Found is what a search page shows.
type Found struct {
	search.Results
	// Building: the host is still building the index, and has no results
	// yet. Static: the page was exported with no server to search, so the
	// app searches once it has loaded. Incomplete: a file of the index
	// could not be had (offline, most often), so results may be missing.
	Building, Static, Incomplete bool
	// Failed: the search could not run at all. Pending: it is running.
	Failed, Pending bool
	// Partial: the host could not make a result's part (its article
	// changed on disk, the host reading the dataset again): the page
	// shows the others and says so, and is neither kept nor marked as
	// complete.
	Partial bool
}

// A search page drawn with complete results marks its content (the element
// of class "search-page") with its query and its page of results. app.wasm,
// opening on that page, takes the content as it is (Drawn) instead of
// running the query again, which on a first visit meant fetching the
// index's manifest, a shard and a file for each result shown.
const (
	DrawnQuery = "data-query"
	DrawnPage  = "data-page"
)

// Complete reports whether f holds every result of its query's page (or
// that none matched), as the search page draws them.
func (f *Found) Complete() bool {
	return !f.Building && !f.Static && !f.Incomplete && !f.Failed && !f.Pending && !f.Partial
}

// Missing reports whether the page does not exist.
func (d Data) Missing() bool { return d.List == nil && d.Story == nil && d.Drawn == nil }

// List is one page of a list of articles: the home page, a section or a tag.
type List struct {
	// Name is the section's or the tag's name; empty on the home page.
	Name string `json:"name,omitempty"`
	// Page is this page's number, from 1, of Pages.
	Page  int `json:"page"`
	Pages int `json:"pages"`
	// Total is how many articles the whole list has.
	Total int               `json:"total"`
	Items []article.Summary `json:"items"`
}

// Prev and Next are the list's pages before and after this one, if any.
func (l *List) Prev(r Ref) (Ref, bool) { return r.WithN(l.Page - 1), l.Page > 1 }
func (l *List) Next(r Ref) (Ref, bool) { return r.WithN(l.Page + 1), l.Page < l.Pages }

// Story is an article's page: the article, and the stories around it in
// its section (or in the archive, when it has no section), so that a
// reader never reaches a dead end.
type Story struct {
	Article *article.Article `json:"article"`
	// Newer and Older are the stories before and after it in its list,
	// newest first.
	Newer *Teaser `json:"newer,omitempty"`
	Older *Teaser `json:"older,omitempty"`
}

// Teaser names another article in a link.
type Teaser struct {
	Slug      string `json:"slug"`
	Lang      string `json:"lang,omitempty"`
	Headline  string `json:"headline"`
	Published string `json:"published,omitempty"`
}

// Site is what every page shows of the edition, beyond its own data: the
// name, the description, the language and the sections to navigate by,
// and the interface's texts in its language.
type Site struct {
	article.Site
	// Sections are the edition's sections, in the order they are shown.
	Sections []Named `json:"sections,omitempty"`
	// Table is the interface's texts, dates and digits in the edition's
	// language (made from Lang and Labels by NewSite).
	Table *i18n.Table `json:"-"`
}

// NewSite returns the edition s (with Dateline's defaults where it gives
// nothing) with its sections, and its table of texts.
func NewSite(s *article.Site, sections []Named) *Site {
	site := &Site{Site: s.WithDefaults(), Sections: sections}
	site.Table = i18n.New(site.Lang, site.Labels)
	return site
}

// TableFor returns the texts for what is shown in language lang inside the
// edition, such as an article's byline: the edition's own for its language,
// and English (built in) for English, which every edition has; for any
// other language, the edition's.
func (s *Site) TableFor(lang string) *i18n.Table {
	if primary(lang) == "en" && primary(s.Lang) != "en" {
		return english
	}
	return s.Table
}

// english is the built-in English table.
var english = i18n.New("en", nil)

// SameLanguage reports whether two language tags name one language (en
// and en-GB do; ar and ckb do not).
func SameLanguage(a, b string) bool { return primary(a) == primary(b) }

// primary returns the language subtag of a tag, lower-cased.
func primary(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

// Named is a section or a tag: its name and the slug of its page.
type Named struct {
	Name string `json:"name"`
	Slug string `json:"slug"`
}

// ErrStale says that the site has a new version since the page was
// opened, and the data of its version is no longer served: the reader
// needs to reload.
var ErrStale = errors.New("the site has a new version")

// ErrOffline says that a page's data is neither on this device nor
// reachable: no answer came (the browser is offline, or the host cannot be
// reached) and the service worker has no copy. The reader is shown the
// offline page (Offline), as the worker shows it for that address typed.
var ErrOffline = errors.New("offline, and the page is not saved on this device")

// Source gives pages their data. The host's answers from the dataset; the
// client's from the versioned data files the host serves.
type Source interface {
	// Cached returns the page's data when it is at hand at once.
	Cached(r Ref) (Data, bool)
	// Load gets the page's data, blocking: the client calls it in
	// ctx.Async. A page that does not exist is Data{} with no error.
	Load(r Ref) (Data, error)
}

// Head is what a page says of itself beyond its title and description,
// for search engines, feed readers and the apps that show a link: its
// canonical address, Open Graph and Twitter tags, links to its feeds and
// to the pages before and after it, and its schema.org JSON-LD. The host
// makes it; the client puts it in the document's head after a navigation.
type Head struct {
	Canonical string `json:"canonical,omitempty"`
	Meta      []Meta `json:"meta,omitempty"`
	Links     []Link `json:"links,omitempty"`
	// JSONLD is safe inside a <script> element: "<", ">" and "&" are
	// written as \u escapes.
	JSONLD string `json:"jsonld,omitempty"`
}

// Meta is one <meta> element: by Property (Open Graph) or by Name.
type Meta struct {
	Property string `json:"property,omitempty"`
	Name     string `json:"name,omitempty"`
	Content  string `json:"content"`
}

// Link is one <link> element of the head.
type Link struct {
	Rel   string `json:"rel"`
	Href  string `json:"href"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
	// Hreflang is the language of the page linked, another edition's.
	Hreflang string `json:"hreflang,omitempty"`
}
