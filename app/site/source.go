package site

import (
	"dateline/app/article"
	"dateline/components"
)

// source answers the components' data needs from the dataset in memory.
type source struct {
	ds        *article.Dataset
	summaries []article.Summary
	bySlug    map[string]*article.Article
	dataBase  string // "/data/<dataset hash>"
}

func newSource(ds *article.Dataset, dataBase string) *source {
	s := &source{ds: ds, dataBase: dataBase, summaries: make([]article.Summary, len(ds.Articles)),
		bySlug: make(map[string]*article.Article, len(ds.Articles))}
	for i := range ds.Articles {
		a := &ds.Articles[i]
		s.summaries[i] = a.Summarize()
		s.bySlug[a.Slug] = a
	}
	return s
}

func (s *source) Cached(path string) (components.PageData, bool) {
	switch components.KindOf(path) {
	case components.HomeKind:
		return components.PageData{Kind: components.HomeKind, Index: s.summaries}, true
	case components.ArticleKind:
		slug, _ := components.ArticleSlug(path)
		if a, ok := s.bySlug[slug]; ok {
			return components.PageData{Kind: components.ArticleKind, Article: a}, true
		}
	}
	return components.PageData{Kind: components.NotFoundKind}, true
}

func (s *source) Load(path string) (components.PageData, error) {
	d, _ := s.Cached(path)
	return d, nil
}

func (s *source) DataURL(path string) string {
	switch d, _ := s.Cached(path); d.Kind {
	case components.HomeKind:
		return s.dataBase + "/index.json"
	case components.ArticleKind:
		return s.dataBase + "/articles/" + d.Article.Slug + ".json"
	}
	return ""
}
