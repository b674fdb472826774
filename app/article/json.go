package article

import (
	"fmt"
	"strings"

	"dateline/app/jsonread"
)

// The fields of each object of the dataset format, in the order the
// format lists them. articles.schema.json says the same for editors; a test
// keeps the two in agreement.
var (
	DatasetFields  = []string{"$schema", "site", "articles"}
	SiteFields     = []string{"name", "description", "lang", "url", "publisher", "labels", "editions"}
	EditionFields  = []string{"lang", "name", "url"}
	ArticleFields  = []string{"slug", "lang", "headline", "dateline", "section", "tags", "published", "updated", "authors", "source_url", "figures", "body", "related"}
	DatelineFields = []string{"place", "source"}
	FigureFields   = []string{"caption", "credit", "image"}
	ImageFields    = []string{"src", "alt", "width", "height"}
	ParagraphField = []string{"type", "text"}
	ReadMoreFields = []string{"type", "title", "slug", "url"}
	LinkFields     = []string{"title", "slug", "url"}
)

// ReadJSON reads an article from r: its fields, each of the type the
// format gives it. Shape problems (a value of the wrong type, an unknown,
// missing or repeated field) go to r's Report; the rules of the model are
// Validate's.
func (a *Article) ReadJSON(r *jsonread.Reader) {
	off := r.Offset()
	var seen [3]bool // slug, headline, body
	r.Object(func(key string) {
		switch key {
		case "slug":
			a.Slug, seen[0] = r.String(), true
		case "lang":
			a.Lang = r.String()
		case "headline":
			a.Headline, seen[1] = r.String(), true
		case "dateline":
			d := &Dateline{}
			if d.readJSON(r) {
				a.Dateline = d
			}
		case "section":
			a.Section = r.String()
		case "tags":
			a.Tags = r.StringList()
		case "published":
			a.Published = r.String()
		case "updated":
			a.Updated = r.String()
		case "authors":
			a.Authors = r.StringList()
		case "source_url":
			a.SourceURL = r.String()
		case "figures":
			r.Array(func(int) {
				var f Figure
				f.readJSON(r)
				a.Figures = append(a.Figures, f)
			})
		case "body":
			seen[2] = true
			r.Array(func(int) {
				var b Block
				b.readJSON(r)
				a.Body = append(a.Body, b)
			})
		case "related":
			r.Array(func(int) {
				var l Link
				l.readJSON(r)
				a.Related = append(a.Related, l)
			})
		default:
			r.Unknown(key, ArticleFields)
		}
	})
	if r.Err() != nil {
		return
	}
	for i, req := range []struct{ key, hint string }{
		{"slug", `add "slug": a URL-safe name such as "kurdistan-parliament-session"`},
		{"headline", `add "headline": the story's title`},
		{"body", `add "body": [{"type": "paragraph", "text": "..."}]`},
	} {
		if !seen[i] {
			r.Missing(off, req.key, req.hint)
		}
	}
}

func (d *Dateline) readJSON(r *jsonread.Reader) bool {
	return r.Object(func(key string) {
		switch key {
		case "place":
			d.Place = r.String()
		case "source":
			d.Source = r.String()
		default:
			r.Unknown(key, DatelineFields)
		}
	})
}

func (f *Figure) readJSON(r *jsonread.Reader) {
	r.Object(func(key string) {
		switch key {
		case "caption":
			f.Caption = r.String()
		case "credit":
			f.Credit = r.String()
		case "image":
			img := &Image{}
			if img.readJSON(r) {
				f.Image = img
			}
		default:
			r.Unknown(key, FigureFields)
		}
	})
}

func (img *Image) readJSON(r *jsonread.Reader) bool {
	off := r.Offset()
	var seen [4]bool
	ok := r.Object(func(key string) {
		switch key {
		case "src":
			img.Src, seen[0] = r.String(), true
		case "alt":
			img.Alt, seen[1] = r.String(), true
		case "width":
			img.Width, seen[2] = r.Int(), true
		case "height":
			img.Height, seen[3] = r.Int(), true
		default:
			r.Unknown(key, ImageFields)
		}
	})
	if !ok || r.Err() != nil {
		return ok
	}
	hints := [4]string{
		`add "src": the picture's address, an https URL or a path such as /media/photo.jpg`,
		`add "alt": a description of the picture for readers who cannot see it ("" only if it is decorative)`,
		"give the picture's size in pixels, so the page keeps its layout while it loads",
		"give the picture's size in pixels, so the page keeps its layout while it loads",
	}
	for i, key := range ImageFields {
		if !seen[i] {
			r.Missing(off, key, hints[i])
		}
	}
	return true
}

// readJSON reads a body block: its type says which fields it may have.
func (b *Block) readJSON(r *jsonread.Reader) {
	off := r.Offset()
	type field struct {
		key string
		off int
	}
	var fields []field
	hasType, hasText, hasTitle := false, false, false
	if !r.Object(func(key string) {
		fields = append(fields, field{key, r.KeyOffset()})
		hasTitle = hasTitle || key == "title"
		switch key {
		case "type":
			b.Type, hasType = BlockType(r.String()), true
		case "text":
			b.Text, hasText = r.String(), true
		case "title", "slug", "url":
			b.Link.readMember(r, key, ReadMoreFields)
		default:
			r.Skip() // reported below, with the fields of the block's type
		}
	}) || r.Err() != nil {
		return
	}
	if !hasType {
		r.Missing(off, "type", `add "type": "paragraph" or "read_more"`)
		return
	}
	var allowed []string
	switch b.Type {
	case Paragraph:
		allowed = ParagraphField
		if !hasText {
			r.Missing(off, "text", `add "text": the paragraph's text`)
		}
	case ReadMore:
		allowed = ReadMoreFields
		if !hasTitle {
			r.Missing(off, "title", `add "title": the related story's headline`)
		}
	default:
		return // Validate says that the type is unknown
	}
	for _, f := range fields {
		if !containsKey(allowed, f.key) {
			r.Problem(f.off, "/"+jsonread.PointerToken(f.key), fmt.Sprintf("unknown field %q", f.key),
				fmt.Sprintf("known fields of a %s block: %s", b.Type, strings.Join(allowed, ", ")))
		}
	}
}

func containsKey(list []string, k string) bool {
	for _, s := range list {
		if s == k {
			return true
		}
	}
	return false
}

// readJSON reads a related link.
func (l *Link) readJSON(r *jsonread.Reader) {
	off := r.Offset()
	hasTitle := false
	ok := r.Object(func(key string) {
		hasTitle = hasTitle || key == "title"
		l.readMember(r, key, LinkFields)
	})
	if ok && r.Err() == nil && !hasTitle {
		r.Missing(off, "title", `add "title": the related story's headline`)
	}
}

// readMember reads one member of a link.
func (l *Link) readMember(r *jsonread.Reader, key string, known []string) {
	switch key {
	case "title":
		l.Title = r.String()
	case "slug":
		l.Slug = r.String()
	case "url":
		l.URL = r.String()
	default:
		r.Unknown(key, known)
	}
}

// ReadJSON reads the site object from r.
func (s *Site) ReadJSON(r *jsonread.Reader) bool {
	return r.Object(func(key string) {
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
			s.Labels = ReadLabels(r)
		case "editions":
			s.Editions = ReadEditions(r, func(key string) { r.Unknown(key, EditionFields) })
		default:
			r.Unknown(key, SiteFields)
		}
	})
}

// ReadEditions reads the site's other editions. other takes a key the
// format does not give an edition, and must read or skip its value.
func ReadEditions(r *jsonread.Reader, other func(key string)) []Edition {
	var editions []Edition
	r.Array(func(int) {
		var e Edition
		r.Object(func(key string) {
			switch key {
			case "lang":
				e.Lang = r.String()
			case "name":
				e.Name = r.String()
			case "url":
				e.URL = r.String()
			default:
				other(key)
			}
		})
		editions = append(editions, e)
	})
	return editions
}

// ReadLabels reads an object of texts by key.
func ReadLabels(r *jsonread.Reader) map[string]string {
	labels := map[string]string{}
	r.Object(func(key string) { labels[key] = r.String() })
	return labels
}

// ReadJSON reads a summary, as the host writes it in a list's data file.
func (s *Summary) ReadJSON(r *jsonread.Reader) {
	r.Object(func(key string) {
		switch key {
		case "slug":
			s.Slug = r.String()
		case "lang":
			s.Lang = r.String()
		case "headline":
			s.Headline = r.String()
		case "published":
			s.Published = r.String()
		case "section":
			s.Section = r.String()
		case "excerpt":
			s.Excerpt = r.String()
		default:
			r.Skip()
		}
	})
}
