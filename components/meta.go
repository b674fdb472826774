package components

import (
	"strconv"

	"dateline/app/page"
)

// Meta is what a page says of itself in its head: its title and
// description.
type Meta struct {
	Title       string
	Description string
}

// errorTitle is the title of a page whose data could not be loaded.
const errorTitle = "This page could not be loaded"

// descriptionLength bounds an article's description, in characters.
const descriptionLength = 160

// MetaOf returns the head of a page: the host writes it, and the client
// sets it after each navigation.
func MetaOf(site *page.Site, ref page.Ref, d page.Data) Meta {
	titled := func(t string) string { return t + " · " + site.Name }
	switch {
	case d.Story != nil:
		return Meta{Title: titled(d.Story.Article.Headline), Description: d.Story.Article.Excerpt(descriptionLength)}
	case d.List != nil:
		title := listTitle(site, ref, d.List)
		if d.List.Page > 1 {
			title += ", page " + strconv.Itoa(d.List.Page)
		}
		m := Meta{Title: titled(title), Description: site.Description}
		if ref.Kind == page.Home && d.List.Page == 1 {
			m.Title = site.Name
		}
		if ref.Kind != page.Home {
			m.Description = title + ": the latest from " + site.Name + "."
		}
		return m
	}
	return Meta{Title: titled(notFoundTitle), Description: site.Description}
}

// listTitle heads a list of articles.
func listTitle(site *page.Site, ref page.Ref, l *page.List) string {
	switch ref.Kind {
	case page.Section:
		return l.Name
	case page.Tag:
		return "Tagged " + l.Name
	}
	return "Latest articles"
}
