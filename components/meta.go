package components

import (
	"dateline/app/i18n"
	"dateline/app/page"
)

// Meta is what a page says of itself in its head: its title and
// description, its robots meta's content (page.Ref.Robots; "" for none),
// and its name without the site's (a headline, a section's name).
type Meta struct {
	Title       string
	Description string
	Robots      string
	Name        string
}

// descriptionLength bounds an article's description, in characters.
const descriptionLength = 160

// MetaOf returns the head of a page: the host writes it, and the client
// sets it after each navigation.
func MetaOf(site *page.Site, ref page.Ref, d page.Data) Meta {
	t := site.Table.Plain() // text of the head, not of the page
	titled := func(title string) string { return t.Text(i18n.PageTitle, "title", title, "site", site.Name) }
	switch {
	case ref.Kind == page.Saved:
		title := t.Text(i18n.SavedTitle)
		return Meta{Title: titled(title), Description: site.Description, Robots: ref.Robots(), Name: title}
	case ref.Kind == page.Offline:
		title := t.Text(i18n.OfflinePageTitle)
		return Meta{Title: titled(title), Description: site.Description, Robots: ref.Robots(), Name: title}
	case d.Drawn != nil:
		// The document's own, which the host wrote from the page's data.
		return Meta{Title: d.Drawn.Title, Description: d.Drawn.Description, Robots: d.Drawn.Robots}
	case ref.Kind == page.Search:
		// What the search found, as its heading says, or while that is
		// not known the query.
		title := t.Text(i18n.SearchTitle)
		switch {
		case searchCounted(ref, d.Found):
			title = t.Plural(i18n.SearchResults, d.Found.Total, "query", ref.Slug)
		case ref.Slug != "":
			title = ref.Slug
		}
		m := Meta{Title: titled(title), Description: site.Description, Robots: ref.Robots(), Name: title}
		if ref.N > 1 && ref.Slug != "" {
			m.Title = titled(t.Text(i18n.PageNumbered, "title", title, "n", t.Number(ref.N)))
		}
		return m
	case d.Story != nil:
		a := d.Story.Article
		return Meta{Title: titled(a.Headline), Description: a.Excerpt(descriptionLength), Robots: ref.Robots(), Name: a.Headline}
	case d.List != nil:
		title := listTitle(t, ref, d.List)
		m := Meta{Title: titled(title), Description: site.Description, Robots: ref.Robots(), Name: title}
		if ref.Kind != page.Home {
			m.Description = t.Text(i18n.ListDescription, "title", title, "site", site.Name)
		}
		if d.List.Page > 1 {
			m.Title = titled(t.Text(i18n.PageNumbered, "title", title, "n", t.Number(d.List.Page)))
		} else if ref.Kind == page.Home {
			m.Title, m.Name = site.Name, site.Name
		}
		return m
	}
	return Meta{Title: titled(t.Text(i18n.NotFoundTitle)), Description: site.Description, Robots: page.Ref{}.Robots(), Name: t.Text(i18n.NotFoundTitle)}
}

// listTitle heads a list of articles.
func listTitle(t *i18n.Table, ref page.Ref, l *page.List) string {
	switch ref.Kind {
	case page.Section:
		return l.Name
	case page.Tag:
		return t.Text(i18n.ListTagged, "tag", l.Name)
	}
	return t.Text(i18n.ListLatest)
}
