package feed

import (
	"bytes"
	"encoding/json"
	"fmt"

	"dateline/app/article"
)

// NewsArticle returns the schema.org NewsArticle of an article as JSON-LD,
// for <script type="application/ld+json"> on its page, canonicalPath being
// the page's path. Every property comes from the data, and one the data
// lacks is left out: the headline; the description (the article's
// 160-character excerpt); the image of the first figure that has one, when
// its address can be made absolute; the dates; the authors (a Person
// each); the publisher (an Organization named by the site's publisher);
// the language; the section; the tags as keywords; and the absolute page
// URL as mainEntityOfPage when the site's URL is known.
//
// The JSON is safe inside a script element: "<", ">" and "&" are written
// \u003c, \u003e and \u0026, and U+2028 and U+2029 escaped too, so no
// text can close the element or open a comment.
func NewsArticle(site article.Site, a *article.Article, canonicalPath string) ([]byte, error) {
	org, err := origin(site)
	if err != nil {
		return nil, fmt.Errorf("json-ld of %s: %w", a.Slug, err)
	}
	if err := checkPath("canonical path", canonicalPath); err != nil {
		return nil, fmt.Errorf("json-ld of %s: %w", a.Slug, err)
	}
	doc := newsArticle{
		Context:        schemaContext,
		Type:           "NewsArticle",
		Headline:       a.Headline,
		Description:    a.Excerpt(160),
		DatePublished:  isoTime(a.Published),
		DateModified:   isoTime(a.Updated),
		InLanguage:     a.Language(),
		ArticleSection: a.Section,
		Keywords:       a.Tags,
	}
	if img := firstImage(a); img != nil {
		if u := imageURL(org, img); u != "" {
			doc.Image = &imageObject{Type: "ImageObject", URL: u, Width: img.Width, Height: img.Height}
		}
	}
	for _, name := range a.Bylines() {
		doc.Author = append(doc.Author, thing{Type: "Person", Name: name})
	}
	if site.Publisher != "" {
		doc.Publisher = &thing{Type: "Organization", Name: site.Publisher}
	}
	if org != "" {
		doc.MainEntityOfPage = absURL(org, canonicalPath)
	}
	return marshalLD("json-ld of "+a.Slug, doc)
}

// WebSite returns the schema.org WebSite of the site as JSON-LD for the
// home page: its name, description and language as its pages show them
// (article.Site.WithDefaults), its publisher, and, when the site's URL is
// known, its URL and a SearchAction whose target is
// "<site URL><searchPath>?q={search_term_string}". An empty searchPath
// leaves the SearchAction out.
func WebSite(site article.Site, searchPath string) ([]byte, error) {
	org, err := origin(site)
	if err != nil {
		return nil, fmt.Errorf("json-ld of the site: %w", err)
	}
	if searchPath != "" {
		if err := checkPath("search path", searchPath); err != nil {
			return nil, fmt.Errorf("json-ld of the site: %w", err)
		}
	}
	site = site.WithDefaults()
	doc := webSite{
		Context:     schemaContext,
		Type:        "WebSite",
		Name:        site.Name,
		Description: site.Description,
		InLanguage:  site.Lang,
	}
	if site.Publisher != "" {
		doc.Publisher = &thing{Type: "Organization", Name: site.Publisher}
	}
	if org != "" {
		doc.URL = org + "/"
		if searchPath != "" {
			doc.PotentialAction = &searchAction{
				Type:       "SearchAction",
				Target:     entryPoint{Type: "EntryPoint", URLTemplate: absURL(org, searchPath) + "?q={search_term_string}"},
				QueryInput: "required name=search_term_string",
			}
		}
	}
	return marshalLD("json-ld of the site", doc)
}

const schemaContext = "https://schema.org"

// marshalLD writes v as JSON with the HTML-sensitive characters escaped
// (encoding/json's default, checked by the tests), without the trailing
// newline of an Encoder.
func marshalLD(what string, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if bytes.ContainsAny(b, "<>&\u2028\u2029") {
		return nil, fmt.Errorf("%s: unescaped HTML-sensitive characters in the JSON", what)
	}
	return b, nil
}

// The schema.org types, in the order their properties are written.
type (
	newsArticle struct {
		Context          string       `json:"@context"`
		Type             string       `json:"@type"`
		Headline         string       `json:"headline"`
		Description      string       `json:"description,omitempty"`
		Image            *imageObject `json:"image,omitempty"`
		DatePublished    string       `json:"datePublished,omitempty"`
		DateModified     string       `json:"dateModified,omitempty"`
		Author           []thing      `json:"author,omitempty"`
		Publisher        *thing       `json:"publisher,omitempty"`
		InLanguage       string       `json:"inLanguage,omitempty"`
		ArticleSection   string       `json:"articleSection,omitempty"`
		Keywords         []string     `json:"keywords,omitempty"`
		MainEntityOfPage string       `json:"mainEntityOfPage,omitempty"`
	}
	webSite struct {
		Context         string        `json:"@context"`
		Type            string        `json:"@type"`
		Name            string        `json:"name"`
		Description     string        `json:"description,omitempty"`
		URL             string        `json:"url,omitempty"`
		InLanguage      string        `json:"inLanguage,omitempty"`
		Publisher       *thing        `json:"publisher,omitempty"`
		PotentialAction *searchAction `json:"potentialAction,omitempty"`
	}
	// thing is a Person or an Organization.
	thing struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	imageObject struct {
		Type   string `json:"@type"`
		URL    string `json:"url"`
		Width  int    `json:"width,omitempty"`
		Height int    `json:"height,omitempty"`
	}
	searchAction struct {
		Type       string     `json:"@type"`
		Target     entryPoint `json:"target"`
		QueryInput string     `json:"query-input"`
	}
	entryPoint struct {
		Type        string `json:"@type"`
		URLTemplate string `json:"urlTemplate"`
	}
)
