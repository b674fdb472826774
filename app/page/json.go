package page

import (
	"dateline/app/article"
	"dateline/app/jsonread"
)

// The data files are written by the host with encoding/json and read in
// app.wasm with these methods, which cost in proportion to the file
// rather than to reflection. Fields they do not know are skipped: a newer
// host may write more.

// ReadJSON reads a page's data file.
func (d *Data) ReadJSON(r *jsonread.Reader) {
	r.Object(func(key string) {
		switch key {
		case "list":
			d.List = new(List)
			d.List.readJSON(r)
		case "story":
			d.Story = new(Story)
			d.Story.readJSON(r)
		case "head":
			d.Head = new(Head)
			d.Head.readJSON(r)
		default:
			r.Skip()
		}
	})
}

func (l *List) readJSON(r *jsonread.Reader) {
	r.Object(func(key string) {
		switch key {
		case "name":
			l.Name = r.String()
		case "page":
			l.Page = r.Int()
		case "pages":
			l.Pages = r.Int()
		case "total":
			l.Total = r.Int()
		case "items":
			r.Array(func(int) {
				var s article.Summary
				s.ReadJSON(r)
				l.Items = append(l.Items, s)
			})
		default:
			r.Skip()
		}
	})
}

func (s *Story) readJSON(r *jsonread.Reader) {
	r.Object(func(key string) {
		switch key {
		case "article":
			s.Article = new(article.Article)
			s.Article.ReadJSON(r)
		case "newer":
			s.Newer = new(Teaser)
			s.Newer.readJSON(r)
		case "older":
			s.Older = new(Teaser)
			s.Older.readJSON(r)
		default:
			r.Skip()
		}
	})
}

func (t *Teaser) readJSON(r *jsonread.Reader) {
	r.Object(func(key string) {
		switch key {
		case "slug":
			t.Slug = r.String()
		case "lang":
			t.Lang = r.String()
		case "headline":
			t.Headline = r.String()
		case "published":
			t.Published = r.String()
		default:
			r.Skip()
		}
	})
}

func (h *Head) readJSON(r *jsonread.Reader) {
	r.Object(func(key string) {
		switch key {
		case "canonical":
			h.Canonical = r.String()
		case "jsonld":
			h.JSONLD = r.String()
		case "meta":
			r.Array(func(int) {
				var m Meta
				r.Object(func(key string) {
					switch key {
					case "property":
						m.Property = r.String()
					case "name":
						m.Name = r.String()
					case "content":
						m.Content = r.String()
					default:
						r.Skip()
					}
				})
				h.Meta = append(h.Meta, m)
			})
		case "links":
			r.Array(func(int) {
				var l Link
				r.Object(func(key string) {
					switch key {
					case "rel":
						l.Rel = r.String()
					case "href":
						l.Href = r.String()
					case "type":
						l.Type = r.String()
					case "title":
						l.Title = r.String()
					case "hreflang":
						l.Hreflang = r.String()
					default:
						r.Skip()
					}
				})
				h.Links = append(h.Links, l)
			})
		default:
			r.Skip()
		}
	})
}

// ReadJSON reads the edition as the host hands it to app.wasm.
func (s *Site) ReadJSON(r *jsonread.Reader) {
	r.Object(func(key string) {
		switch key {
		case "name":
			s.Name = r.String()
		case "description":
			s.Description = r.String()
		case "lang":
			s.Lang = r.String()
		case "url":
			s.URL = r.String()
		case "publisher":
			s.Publisher = r.String()
		case "labels":
			s.Labels = article.ReadLabels(r)
		case "editions":
			s.Editions = article.ReadEditions(r, func(string) { r.Skip() })
		case "sections":
			r.Array(func(int) {
				var n Named
				r.Object(func(key string) {
					switch key {
					case "name":
						n.Name = r.String()
					case "slug":
						n.Slug = r.String()
					default:
						r.Skip()
					}
				})
				s.Sections = append(s.Sections, n)
			})
		default:
			r.Skip()
		}
	})
}
