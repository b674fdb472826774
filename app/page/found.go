package page

import (
	"strings"

	"dateline/app/jsonread"
	"dateline/app/search"
)

// FoundID is the id of the element in which a search page's document
// carries its results (FoundData, as JSON in a <script
// type="application/json">): app.wasm takes the page over with them instead
// of running the query again, which on a first visit meant fetching the
// index's manifest, a shard and a file for each result shown.
const FoundID = "search-found"

// FoundData is what a search page's document carries of its results: the
// host writes it with encoding/json, app.wasm reads it with ReadJSON.
type FoundData struct {
	// Query is the query as the page's address gives it (Ref.Slug), and
	// Page the page of results (Ref.N): the app uses the data only on
	// that page.
	Query string     `json:"q"`
	Page  int        `json:"page"`
	Pages int        `json:"pages"`
	Total int        `json:"total"`
	Hits  []FoundHit `json:"hits"`
}

// FoundHit is a result. Headline and Excerpt are their text cut at the
// query's words: the pieces at even places plain, at odd places marked.
type FoundHit struct {
	Slug      string   `json:"slug"`
	Lang      string   `json:"lang,omitempty"`
	Section   string   `json:"section,omitempty"`
	Published string   `json:"published,omitempty"`
	Headline  []string `json:"headline"`
	Excerpt   []string `json:"excerpt,omitempty"`
}

// FoundDataOf is what the document of the search page ref carries of f:
// complete results only, so nothing when the page has no query or its
// search was not made (the index being built, an exported page) or did
// not fully run.
func FoundDataOf(ref Ref, f *Found) (*FoundData, bool) {
	if ref.Kind != Search || ref.Slug == "" || f == nil || f.Building || f.Static || f.Incomplete || f.Failed || f.Pending {
		return nil, false
	}
	d := &FoundData{Query: ref.Slug, Page: f.Page, Pages: f.Pages, Total: f.Total, Hits: make([]FoundHit, len(f.Hits))}
	for i := range f.Hits {
		h := &f.Hits[i]
		d.Hits[i] = FoundHit{Slug: h.Slug, Lang: h.Lang, Section: h.Section, Published: h.Published,
			Headline: pieces(h.HeadlineMarks), Excerpt: pieces(h.Excerpt)}
	}
	return d, true
}

// Found gives the results back as the search page shows them, if they
// are those of ref.
func (d *FoundData) Found(ref Ref) (*Found, bool) {
	if ref.Kind != Search || d.Query != ref.Slug || d.Page != max(ref.N, 1) {
		return nil, false
	}
	f := &Found{}
	f.Page, f.Pages, f.Total = d.Page, d.Pages, d.Total
	f.Hits = make([]search.Hit, len(d.Hits))
	for i := range d.Hits {
		h := &d.Hits[i]
		marks := spans(h.Headline)
		var headline strings.Builder
		for _, s := range marks {
			headline.WriteString(s.Text)
		}
		f.Hits[i] = search.Hit{Slug: h.Slug, Lang: h.Lang, Section: h.Section, Published: h.Published,
			Headline: headline.String(), HeadlineMarks: marks, Excerpt: spans(h.Excerpt)}
	}
	return f, true
}

// pieces writes spans as alternating plain and marked text, joining
// neighbours of the same kind.
func pieces(ss []search.Span) []string {
	var out []string
	for _, s := range ss {
		if s.Text == "" {
			continue
		}
		switch next := len(out)%2 == 1; { // whether the next place is marked
		case s.Mark == next:
			out = append(out, s.Text)
		case len(out) == 0: // a mark first: an empty plain piece before it
			out = append(out, "", s.Text)
		default: // the same kind as the last piece
			out[len(out)-1] += s.Text
		}
	}
	return out
}

// spans reads pieces back.
func spans(ps []string) []search.Span {
	var out []search.Span
	for i, p := range ps {
		if p != "" {
			out = append(out, search.Span{Text: p, Mark: i%2 == 1})
		}
	}
	return out
}

// ReadJSON reads the results a search page carries.
func (d *FoundData) ReadJSON(r *jsonread.Reader) {
	r.Object(func(key string) {
		switch key {
		case "q":
			d.Query = r.String()
		case "page":
			d.Page = r.Int()
		case "pages":
			d.Pages = r.Int()
		case "total":
			d.Total = r.Int()
		case "hits":
			r.Array(func(int) {
				var h FoundHit
				r.Object(func(key string) {
					switch key {
					case "slug":
						h.Slug = r.String()
					case "lang":
						h.Lang = r.String()
					case "section":
						h.Section = r.String()
					case "published":
						h.Published = r.String()
					case "headline":
						h.Headline = r.StringList()
					case "excerpt":
						h.Excerpt = r.StringList()
					default:
						r.Skip()
					}
				})
				d.Hits = append(d.Hits, h)
			})
		default:
			r.Skip()
		}
	})
}
