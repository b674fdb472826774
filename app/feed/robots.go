package feed

import "dateline/app/article"

// Robots returns the site's robots.txt: every crawler may fetch every
// path (pages need their data files and scripts to render), and Sitemap
// lines give the absolute addresses of SitemapPath and NewsSitemapPath
// when the site's URL is known; robots.txt allows no relative one. A URL the model does
// not accept, which validation stops before anything is served, counts as
// unknown.
func Robots(site article.Site) []byte {
	b := []byte("User-agent: *\nAllow: /\n")
	if org, err := origin(site); err == nil && org != "" {
		b = append(b, "\nSitemap: "+org+SitemapPath+"\nSitemap: "+org+NewsSitemapPath+"\n"...)
	}
	return b
}
