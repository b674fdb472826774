package site

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"sync"
	"time"

	"dateline/app/dataset"
	"dateline/app/feed"
	"dateline/app/i18n"
	"dateline/app/page"
	"dateline/components"
)

// What search engines and feed readers read of the site (app/feed makes
// the bytes): each page's head beyond its title, the Atom feeds, the
// sitemaps and robots.txt.

// feedPath is the site's feed of its newest articles; a section's is at
// its page's path with feedFile added. Static hosts know feeds by this
// name (feed.AtomName).
const (
	feedPath = "/" + feed.AtomName
	feedFile = "/" + feed.AtomName
)

// headOf makes a page's head: canonical address, Open Graph and Twitter
// tags (a list page's image is its lead article's), links to the pages
// around a list page and to the feeds, and the schema.org JSON-LD of an
// article or of the home page.
func (s *Site) headOf(ref page.Ref, d page.Data) (*page.Head, error) {
	h, _, err := s.head(ref, d)
	return h, err
}

// head is headOf, and says whether the head is whole: not when the lead
// of a list page could not be read (its bytes changed on disk), which
// leaves its image out until it reads again.
func (s *Site) head(ref page.Ref, d page.Data) (_ *page.Head, whole bool, _ error) {
	whole = true
	m := components.MetaOf(s.site, ref, d)
	p := feed.Page{Ref: ref, Title: m.Name, Description: m.Description}
	if d.Story != nil {
		p.Article = d.Story.Article
	}
	if d.List != nil && len(d.List.Items) > 0 && ref.Kind.IsList() {
		// The lead's photo, in the page's link previews. The list stands
		// on the summaries the archive holds: a lead whose bytes changed
		// on disk since (its own page answers 503 for them) leaves the
		// image out, not the list; such a head is not kept (whole).
		if lead, ok, err := s.arc.Article(d.List.Items[0].Slug); ok && err == nil {
			p.Lead = lead
		} else if err != nil {
			whole = false
		}
	}
	if d.Missing() && ref.Kind.HasData() {
		p = feed.Page{Title: m.Name}
	}
	tags, err := feed.HeadTags(s.site.Site, p)
	if err != nil {
		return nil, false, err
	}
	h := &page.Head{Canonical: tags.Canonical}
	for _, t := range tags.Meta {
		h.Meta = append(h.Meta, page.Meta{Property: t.Property, Name: t.Name, Content: t.Content})
	}
	if l := d.List; l != nil {
		if prev, ok := l.Prev(ref); ok {
			h.Links = append(h.Links, page.Link{Rel: "prev", Href: prev.Path()})
		}
		if next, ok := l.Next(ref); ok {
			h.Links = append(h.Links, page.Link{Rel: "next", Href: next.Path()})
		}
	}
	h.Links = append(h.Links, page.Link{Rel: "alternate", Type: atomType, Href: feedPath, Title: s.site.Name})
	if ref.Kind == page.Home && ref.N == 1 && len(s.site.Editions) > 0 {
		// The same front page in the newsroom's other languages, for
		// search engines to show a reader the edition in theirs; each
		// names this one too, absolute when the site's address is known.
		if h.Canonical != "" {
			h.Links = append(h.Links, page.Link{Rel: "alternate", Href: h.Canonical, Hreflang: s.site.Lang})
		}
		for _, e := range s.site.Editions {
			h.Links = append(h.Links, page.Link{Rel: "alternate", Href: e.URL, Hreflang: e.Lang})
		}
	}
	if ref.Kind == page.Section && d.List != nil {
		h.Links = append(h.Links, page.Link{Rel: "alternate", Type: atomType, Href: page.SectionRef(ref.Slug, 1).Path() + feedFile,
			Title: s.site.Table.Plain().Text(i18n.PageTitle, "title", d.List.Name, "site", s.site.Name)})
	}
	var ld []byte
	switch {
	case d.Story != nil:
		ld, err = feed.NewsArticle(s.site.Site, d.Story.Article, ref.Path())
	case ref.Kind == page.Home && ref.N == 1 && d.List != nil:
		ld, err = feed.WebSite(s.site.Site, "")
	}
	if err != nil {
		return nil, false, err
	}
	h.JSONLD = string(ld)
	return h, whole, nil
}

// The types of what this file serves.
const (
	atomType = "application/atom+xml"
	xmlType  = "application/xml; charset=utf-8"
)

// feedOf returns the Atom feed at p: the site's, or a section's; ok is
// false when p is no feed.
func (s *Site) feedOf(p string) (res *response, ok bool, err error) {
	var g *dataset.Group
	f := feed.Feed{Path: p}
	switch {
	case p == feedPath:
		g, f.Page = s.arc.Home(), "/"
	case strings.HasPrefix(p, "/sections/") && strings.HasSuffix(p, feedFile):
		ref := page.Parse(strings.TrimSuffix(p, feedFile))
		if ref.Kind != page.Section || ref.N != 1 {
			return nil, false, nil
		}
		if g, ok = s.arc.Section(ref.Slug); !ok {
			return nil, false, nil
		}
		f.Page, f.Title = ref.Path(), s.site.Table.Plain().Text(i18n.PageTitle, "title", g.Name, "site", s.site.Name)
	default:
		return nil, false, nil
	}
	res, err = s.cache.get(p, func() (*response, error) {
		dated := s.arc.FeedDated(g, feed.MaxEntries)
		for _, sum := range s.arc.Summaries(g, 0, feed.MaxEntries) {
			if dated && s.arc.Updated(sum.Slug) == "" {
				// An article with no date at all, in a feed of dated
				// news: Atom requires an updated time, and readers would
				// list it as of 1970. A feed none of whose articles has a
				// date, such as a site of one undated story, keeps them.
				continue
			}
			a, _, err := s.arc.Article(sum.Slug)
			if err != nil {
				return nil, err
			}
			f.Entries = append(f.Entries, feed.NewEntry(a, s.site.TableFor(a.Language())))
		}
		b, err := feed.Atom(s.site.Site, f)
		if err != nil {
			return nil, err
		}
		return newResponse(http.StatusOK, atomType+"; charset=utf-8", revalidate, b)
	})
	return res, true, err
}

// newsSitemap returns the news sitemap at p (feed.NewsSitemapPath), made
// anew for each request: which articles it lists changes with the time,
// not only with the dataset. ok is false when p is not it, or the site's
// URL is unknown (a sitemap's URLs are absolute).
func (s *Site) newsSitemap(p string, now time.Time) (res *response, ok bool, err error) {
	if p != feed.NewsSitemapPath {
		return nil, false, nil
	}
	b, err := feed.NewsSitemap(s.site.Site, s.newsItems(), now)
	if errors.Is(err, feed.ErrNoSiteURL) {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, fmt.Errorf("making the news sitemap: %w", err)
	}
	// Which articles it lists changes only now and then: the same bytes
	// as the last time are that response, not compressed again (some
	// 14 MB of garbage and 9 ms for 1,000 articles).
	if last := s.news.Load(); last != nil && bytes.Equal(last.body, b) {
		return last, true, nil
	}
	res, err = newResponse(http.StatusOK, xmlType, revalidate, b)
	if err == nil {
		s.news.Store(res)
	}
	return res, true, err
}

// newsItems lists the home page's dated articles, newest first, for the
// news sitemap, which reads only as far as the last two days go: a page's
// worth of summaries at a time. The undated ones, last in the home list,
// are not read: none is in the sitemap, and an archive may hold many.
func (s *Site) newsItems() iter.Seq[feed.NewsItem] {
	return func(yield func(feed.NewsItem) bool) {
		home := s.arc.Home()
		for lo := 0; ; lo += page.Size {
			sums := s.arc.Summaries(home, lo, lo+page.Size)
			if len(sums) == 0 {
				return
			}
			for _, sum := range sums {
				if sum.Published == "" {
					return // the undated ones, and no dated one after them
				}
				if !yield(feed.NewsItem{Loc: page.ArticlePath(sum.Slug), Lang: sum.Lang, Title: sum.Headline, Published: sum.Published}) {
					return
				}
			}
		}
	}
}

// sitemaps holds the site's sitemap files, made once on first request.
type sitemaps struct {
	once  sync.Once
	files map[string]*response
	err   error
}

// sitemap returns the sitemap file at p, if the site has one there.
func (s *Site) sitemap(p string) (*response, bool, error) {
	if p != feed.SitemapPath && !(strings.HasPrefix(p, "/sitemap-") && strings.HasSuffix(p, ".xml")) {
		return nil, false, nil
	}
	s.maps.once.Do(func() {
		files, err := feed.Sitemaps(s.site.Site, s.pageURLs())
		if errors.Is(err, feed.ErrNoSiteURL) {
			return // no sitemap: its URLs must be absolute
		}
		if err != nil {
			s.maps.err = fmt.Errorf("making the sitemaps: %w", err)
			return
		}
		s.maps.files = make(map[string]*response, len(files))
		for name, b := range files {
			if s.maps.files[name], err = newResponse(http.StatusOK, xmlType, revalidate, b); err != nil {
				s.maps.err = err
				return
			}
		}
	})
	res, ok := s.maps.files[p]
	return res, ok, s.maps.err
}

// pageURLs lists every page worth indexing, with when it last changed:
// the pages of the home list, of the sections and of the tags (as of the
// latest date, updated or published, of the articles on the page), and
// every article.
func (s *Site) pageURLs() iter.Seq[feed.URL] {
	return func(yield func(feed.URL) bool) {
		for _, ref := range s.listRefs(true) {
			var g *dataset.Group
			switch ref.Kind {
			case page.Home:
				g = s.arc.Home()
			case page.Section:
				g, _ = s.arc.Section(ref.Slug)
			case page.Tag:
				g, _ = s.arc.Tag(ref.Slug)
			}
			u := feed.URL{Loc: ref.Path(), LastMod: s.arc.LastChange(g, (ref.N-1)*page.Size, ref.N*page.Size)}
			if !yield(u) {
				return
			}
		}
		done := false
		s.arc.Slugs(func(slug string) {
			if !done && !yield(feed.URL{Loc: page.ArticlePath(slug), LastMod: s.arc.Updated(slug)}) {
				done = true
			}
		})
	}
}
