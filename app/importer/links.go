package importer

import (
	"strings"

	"dateline/app/article"
)

// Links matches the titles of a story's Read More lines with the headlines
// of a dataset's articles, to link each line to the article it names, by
// its slug, as the model links an article of the same dataset
// (article.Internal). A title names an article whose headline is the same
// text but for what linkKey leaves out: a Read More line often writes a
// headline in another case, spacing or dash, or, in Arabic script, with
// another spelling of a letter (ى for ي, ا for أ) or with harakat. The dataset is read once, an article at a time
// (Visit), and only the few slugs that match are kept.
type Links struct {
	titles []*linkTitle
}

// linkTitle is one distinct Read More title and the articles it names.
type linkTitle struct {
	title, key string
	slugs      []string // the first MaxLinkMatches
	count      int
}

// MaxLinkMatches is how many slugs of articles that share a headline a
// LinkMatch keeps.
const MaxLinkMatches = 5

// LinkMatch is a Read More title and the articles whose headline it is.
type LinkMatch struct {
	Title string
	// Slugs are the slugs of the articles whose headline is Title, in
	// dataset order, the first MaxLinkMatches of Count. The title is
	// linked when there is exactly one.
	Slugs []string
	Count int
}

// ReadMoreLinks returns the matcher of the titles of a's Read More links
// (its related list, where each title is once).
func ReadMoreLinks(a article.Article) *Links {
	l := &Links{}
	for _, r := range a.Related {
		if r.Slug != "" || r.URL != "" {
			continue
		}
		key := linkKey(r.Title)
		dup := key == ""
		for _, t := range l.titles {
			dup = dup || t.key == key
		}
		if !dup {
			l.titles = append(l.titles, &linkTitle{title: r.Title, key: key})
		}
	}
	return l
}

// linkKey is a title or headline as Links compares them: as HeadlineKey
// writes it (white space squeezed, dashes and quotation marks made one,
// Arabic script's marks and interchangeable spellings folded: foldArabic),
// in lower case. No more: punctuation, articles and Latin accents tell
// headlines apart ("C++ 26" is not "C 26", "Résumé" not "Resume").
func linkKey(s string) string { return strings.ToLower(HeadlineKey(s)) }

// Visit notes the dataset's article with the slug and headline, if a
// title names it.
func (l *Links) Visit(slug, headline string) {
	if len(l.titles) == 0 {
		return
	}
	key := linkKey(headline)
	for _, t := range l.titles {
		if t.key != key {
			continue
		}
		if t.count < MaxLinkMatches {
			t.slugs = append(t.slugs, slug)
		}
		t.count++
	}
}

// Resolve gives every Read More link of a, in its body and in its related
// list, whose title names exactly one of the articles visited, that
// article's slug, and returns what the title of each Read More block of
// the body matched, in the order of the body. A title that two articles
// share is left unlinked: which one is meant cannot be told. The related
// list names an article once: of the titles linked to the same slug (the
// same headline in another case or spacing), the first is kept.
func (l *Links) Resolve(a *article.Article) []LinkMatch {
	find := func(title string) *linkTitle {
		key := linkKey(title)
		for _, t := range l.titles {
			if key != "" && t.key == key {
				return t
			}
		}
		return nil
	}
	link := func(k *article.Link) *linkTitle {
		t := find(k.Title)
		if t != nil && t.count == 1 && k.Slug == "" && k.URL == "" {
			k.Slug = t.slugs[0]
		}
		return t
	}
	var matches []LinkMatch
	for i := range a.Body {
		if a.Body[i].Type != article.ReadMore {
			continue
		}
		m := LinkMatch{Title: a.Body[i].Title}
		if t := link(&a.Body[i].Link); t != nil {
			m.Slugs, m.Count = t.slugs, t.count
		}
		matches = append(matches, m)
	}
	related, linked := a.Related[:0], make(map[string]bool)
	for _, k := range a.Related {
		link(&k)
		if k.Slug != "" && linked[k.Slug] {
			continue
		}
		linked[k.Slug] = true
		related = append(related, k)
	}
	a.Related = related
	return matches
}
