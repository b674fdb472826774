package site

import (
	"iter"

	"dateline/app/feed"
)

// MoveOrder is moveOrder, for the export's tests in package site_test.
var MoveOrder = moveOrder

// NewsItems is newsItems, for the news sitemap's tests in package site_test.
func (s *Site) NewsItems() iter.Seq[feed.NewsItem] { return s.newsItems() }

// CacheLen is the number of responses the site's cache holds.
func (s *Site) CacheLen() int {
	n, _ := s.cache.stats()
	return n
}
