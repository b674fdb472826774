package site_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/app/dataset"
	"dateline/app/page"
	"dateline/app/site"
)

// siteOnFile serves data from a dataset file, as the host does, its search
// index built: it returns the site, the file, for the test to change, and
// a GET of the site.
func siteOnFile(t *testing.T, data []byte) (s *site.Site, file string, get func(path string) *httptest.ResponseRecorder) {
	t.Helper()
	file = filepath.Join(t.TempDir(), "news.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	arc, err := dataset.Load(file, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s, err = site.New(site.Config{Archive: arc, Web: testWeb(t, nil), Build: "test"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitSearch(); err != nil {
		t.Fatal(err)
	}
	return s, file, func(p string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		return rec
	}
}

// TestChangedOnDisk edits the dataset file under a site that read it, as
// a newsroom's editor does while the host serves it: the pages and data
// files of the articles it had not yet made answer 503 with Retry-After,
// a page saying the site has been updated (never a bare 500), while the
// pages it made before and the lists still answer.
func TestChangedOnDisk(t *testing.T) {
	for _, change := range []struct {
		scenario string
		data     []byte
	}{
		{"rewritten", []byte(strings.ReplaceAll(string(archiveData(5)), "Synthetic text", "Edited synthetic text"))},
		{"truncated", nil},
	} {
		t.Run(change.scenario, func(t *testing.T) {
			s, file, get := siteOnFile(t, archiveData(5))
			if rec := get("/articles/story-000"); rec.Code != http.StatusOK {
				t.Fatalf("before the change: status %d", rec.Code)
			}
			if err := os.WriteFile(file, change.data, 0o644); err != nil {
				t.Fatal(err)
			}
			tests := []struct {
				path   string
				status int
				want   string
			}{
				{"/articles/story-000", http.StatusOK, "Synthetic story 0"}, // made before the change
				{"/", http.StatusOK, "Synthetic story 1"},
				{"/articles/story-001", http.StatusServiceUnavailable, "This site has been updated"},
				{s.DataBase + "/" + page.ArticleRef("story-002").DataFile(), http.StatusServiceUnavailable, "being updated"},
			}
			for _, tt := range tests {
				rec := get(tt.path)
				if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.want) {
					t.Errorf("%s: status %d, want %d with %q:\n%.300s", tt.path, rec.Code, tt.status, tt.want, rec.Body)
				}
				if tt.status == http.StatusServiceUnavailable && strings.HasPrefix(tt.path, "/articles/") && !strings.Contains(rec.Body.String(), " data-no-app") {
					// app.wasm would keep the page for the visit.
					t.Errorf("%s: the page runs app.wasm", tt.path)
				}
				if tt.status == http.StatusServiceUnavailable {
					if rec.Header().Get("Retry-After") == "" || rec.Header().Get("Cache-Control") != "no-store" {
						t.Errorf("%s: Retry-After %q, Cache-Control %q", tt.path, rec.Header().Get("Retry-After"), rec.Header().Get("Cache-Control"))
					}
				}
			}
		})
	}
}

// TestSearchChangedArticle edits one article in place under a site whose
// search index is built, as an editor saves a file: the host's search
// page leaves that article out until the host reads the dataset again,
// and says so, while every other result of the query is shown; it never
// says that the search could not run. The index's part of that article
// answers 503 (the app leaves it out likewise).
func TestSearchChangedArticle(t *testing.T) {
	// More articles than a site saved whole offline has, whose index keeps
	// every part made: past it, parts are made from the dataset.
	const n = site.FullOfflineMaxArticles + 1
	_, file, get := siteOnFile(t, archiveData(n))
	// "123" finds story 123 and stories 1230 to 1239 by their numbers.
	edited := strings.Replace(string(archiveData(n)), "Synthetic text 1234.", "Synthetic text 1234, edited.", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	rec := get("/search?q=123")
	body := rec.Body.String()
	if rec.Code != http.StatusOK || strings.Contains(body, "could not run") || !strings.Contains(body, "being updated") || !strings.Contains(body, "<title>11 results for 123") {
		t.Fatalf("status %d, the search failed or did not say why a result is missing:\n%s", rec.Code, body[strings.Index(body, "<main"):])
	}
	for _, i := range []int{123, 1230, 1231, 1234, 1239} {
		if listed, want := strings.Contains(body, fmt.Sprintf(`href="/articles/story-%03d"`, i)), i != 1234; listed != want {
			t.Errorf("story-%03d listed %v, want %v", i, listed, want)
		}
	}
	if strings.Contains(body, `data-query=`) {
		t.Error("the page is marked as complete results, which the app would keep")
	}
	// Once the article reads as it did, the page is whole again: the
	// page with one missing was not kept.
	if err := os.WriteFile(file, archiveData(n), 0o644); err != nil {
		t.Fatal(err)
	}
	if body := get("/search?q=123").Body.String(); !strings.Contains(body, `href="/articles/story-1234"`) || strings.Contains(body, "being updated") {
		t.Errorf("the article as it was is still left out:\n%s", body[strings.Index(body, "<main"):])
	}
}

// TestListImageWhileLeadChanged edits the lead article of the home page in
// place, as an editor saves the file: the home page, asked for meanwhile,
// leaves its og:image out (the lead's page answers 503). Once the article
// reads as it did again, the page and its data file show the lead's photo
// again: what was made without it was not kept, as a search's results
// missing a changed article are not, nor served to be kept for good.
func TestListImageWhileLeadChanged(t *testing.T) {
	const photo = "https://images.example.org/synthetic-lead.jpg"
	data := []byte(`{"site": {"name": "Synthetic Archive", "lang": "en"}, "articles": [
  {"slug": "story-lead", "headline": "Synthetic lead", "published": "2024-03-06",
   "figures": [{"image": {"src": "` + photo + `", "alt": "A synthetic photo", "width": 1200, "height": 800}}],
   "body": [{"type": "paragraph", "text": "Synthetic text of the lead."}]},
  {"slug": "story-next", "headline": "Synthetic next", "published": "2024-03-05",
   "body": [{"type": "paragraph", "text": "Synthetic text of the next."}]}
]}`)
	s, file, get := siteOnFile(t, data)
	dataPath := s.DataBase + "/" + page.Ref{Kind: page.Home, N: 1}.DataFile()
	edited := strings.Replace(string(data), "Synthetic text of the lead.", "Synthetic text of the lead, edited.", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", dataPath} {
		rec := get(p)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s while the lead changed: status %d", p, rec.Code)
		}
		if strings.Contains(rec.Body.String(), photo) {
			t.Fatalf("%s while the lead changed shows its photo", p)
		}
		if cc := rec.Header().Get("Cache-Control"); strings.Contains(cc, "immutable") {
			t.Errorf("%s while the lead changed, without its photo, is served to be kept for good: Cache-Control %q", p, cc)
		}
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", dataPath} {
		if rec := get(p); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"`+photo+`"`) {
			t.Errorf("%s once the lead reads as it did: status %d, no og:image of its photo", p, rec.Code)
		}
	}
}
