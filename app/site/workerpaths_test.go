package site_test

import (
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dateline/app/feed"
	"dateline/internal/testfiles"
)

// workerPattern returns the pattern the service worker builds a RegExp of
// under the name name (`const NAME = new RegExp("^(?:" + "…" + ")$")`),
// as Go's regexp: the patterns are written in the syntax both share.
func workerPattern(t *testing.T, worker, name, prefix string) *regexp.Regexp {
	t.Helper()
	re := regexp.MustCompile(`\nconst ` + name + ` = new RegExp\("` + regexp.QuoteMeta(prefix) + `" \+ ("(?:[^"\\]|\\.)*") \+ "\)\$"\);\n`)
	m := re.FindStringSubmatch(worker)
	if m == nil {
		t.Fatalf("the service worker has no %s pattern", name)
	}
	p, err := strconv.Unquote(m[1])
	if err != nil {
		t.Fatalf("the worker's %s: %v", name, err)
	}
	return regexp.MustCompile(prefix + p + ")$")
}

// TestWorkerKnowsEveryAddress holds the service worker's two kinds of
// address to what the site serves: every file an export writes (every
// response of the host, a static host serving them by name) is a page by
// the worker's PAGE or a file by its FILE, so that offline a page it has
// not saved opens the offline page, and so does a file such as a feed,
// rather than "Page not found"; and addresses that are nothing of the site
// are neither, and the host answers them 404.
func TestWorkerKnowsEveryAddress(t *testing.T) {
	photos := t.TempDir()
	testfiles.Write(t, photos, map[string][]byte{"photo.png": testfiles.PNG(t), "2024/photo.jpg": testfiles.JPEG(t)})
	s := mediaSite(t, seoData("https://news.example.org"), photos)
	if _, err := s.WaitSearch(); err != nil {
		t.Fatal(err)
	}
	status := func(target string) int {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		return rec.Code
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/dateline-worker.js", nil))
	worker := rec.Body.String()
	pages := workerPattern(t, worker, "PAGE", "^(?:/|")
	fileRe := workerPattern(t, worker, "FILE", "^(?:")

	dir := filepath.Join(t.TempDir(), "site")
	if _, err := s.Export(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	// The export's own files, and the HTML files of no page (the host has
	// the not-found and offline pages elsewhere).
	own := regexp.MustCompile(`^(?:` + regexp.QuoteMeta(feed.HeadersPath[1:]) + `|` + regexp.QuoteMeta(feed.RedirectsPath[1:]) +
		`|` + regexp.QuoteMeta(feed.ConfigDir[1:]) + `.*|\.dateline-export|404\.html|_offline\.html)$`)
	kinds := map[string]int{}
	for name := range files(t, dir) {
		if own.MatchString(name) {
			continue
		}
		if p, ok := strings.CutSuffix("/"+name, ".html"); ok {
			if p == "/index" {
				p = "/"
			}
			if !pages.MatchString(p) {
				t.Errorf("%s: %s is a page, which the worker's PAGE does not match", name, p)
			}
			kinds["page"]++
			continue
		}
		p := "/" + name
		if !fileRe.MatchString(p) || pages.MatchString(p) {
			t.Errorf("%s: the worker's FILE matches it %v and PAGE %v, want a file", p, fileRe.MatchString(p), pages.MatchString(p))
		}
		if !strings.HasSuffix(p, ".br") && !strings.HasSuffix(p, ".gz") {
			if st := status(p); st != 200 {
				t.Errorf("%s: status %d on the host, which the export wrote it for", p, st)
			}
		}
		kinds[strings.SplitN(p, "/", 3)[1]]++
	}
	// The walk must meet each kind of file, or it proves little.
	for _, k := range []string{"page", "feed.xml", "sections", "sitemap.xml", "robots.txt", "app.js", "manifest.webmanifest", "web", "data", "media"} {
		if kinds[k] == 0 {
			t.Errorf("the export holds no %s file: %v", k, kinds)
		}
	}
	for _, p := range []string{"/no/such/page", "/tags/alpha/feed.xml", "/sections/world/page/2/feed.xml", "/sitemap-0.xml", "/sitemaps.xml",
		"/robots.txt.bak", "/feed.xml/x", "/media/", "/web/", "/data/", "/favicon.ico", "/app.css"} {
		if fileRe.MatchString(p) || pages.MatchString(p) {
			t.Errorf("%s: the worker's FILE matches it %v and PAGE %v, want neither", p, fileRe.MatchString(p), pages.MatchString(p))
		}
		if st := status(p); st != 404 {
			t.Errorf("%s: status %d on the host, want 404", p, st)
		}
	}
}
