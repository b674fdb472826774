package page

import (
	"strings"

	"dateline/app/article"
	"dateline/app/i18n"
)

// Data is everything one page needs to render, as its data file holds it.
// A page that does not exist (an unknown article, a list page past the
// last) has neither List nor Story.
type Data struct {
	List  *List  `json:"list,omitempty"`
	Story *Story `json:"story,omitempty"`
}

// Missing reports whether the page does not exist.
func (d Data) Missing() bool { return d.List == nil && d.Story == nil }

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

// Source gives pages their data. The host's answers from the dataset; the
// client's from the versioned data files the host serves.
type Source interface {
	// Cached returns the page's data when it is at hand at once.
	Cached(r Ref) (Data, bool)
	// Load gets the page's data, blocking: the client calls it in
	// ctx.Async. A page that does not exist is Data{} with no error.
	Load(r Ref) (Data, error)
}
