package page

import (
	"path"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		path     string
		want     Ref
		data     string
	}{
		{"home", "/", HomeRef(1), "lists/home/1.json"},
		{"home page 2", "/page/2", HomeRef(2), "lists/home/2.json"},
		{"home page 1 is the home page's only address", "/page/1", Ref{}, ""},
		{"no leading zeros", "/page/02", Ref{}, ""},
		{"no page 0", "/page/0", Ref{}, ""},
		{"no sign", "/page/+3", Ref{}, ""},
		{"article", "/articles/synthetic-story", ArticleRef("synthetic-story"), "articles/synthetic-story.json"},
		{"articles without slug", "/articles/", Ref{}, ""},
		{"nested path", "/articles/a/b", Ref{}, ""},
		{"trailing slash", "/articles/a/", Ref{}, ""},
		{"articles prefix only", "/articlesx", Ref{}, ""},
		{"section", "/sections/world", SectionRef("world", 1), "lists/sections/world/1.json"},
		{"section page 3", "/sections/world/page/3", SectionRef("world", 3), "lists/sections/world/3.json"},
		{"section page 1", "/sections/world/page/1", Ref{}, ""},
		{"section in another script", "/sections/سیاسەت", SectionRef("سیاسەت", 1), "lists/sections/سیاسەت/1.json"},
		{"tag", "/tags/test-words", TagRef("test-words", 1), "lists/tags/test-words/1.json"},
		{"tag page 12", "/tags/test-words/page/12", TagRef("test-words", 12), "lists/tags/test-words/12.json"},
		{"dot segments", "/sections/..", Ref{}, ""},
		{"sections alone", "/sections", Ref{}, ""},
		{"saved articles", "/saved", Ref{Kind: Saved}, ""},
		{"saved with trailing slash", "/saved/", Ref{}, ""},
		{"other path", "/about", Ref{}, ""},
		{"empty", "", Ref{}, ""},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			got := Parse(tt.path)
			if got != tt.want {
				t.Fatalf("Parse(%q) = %+v, want %+v", tt.path, got, tt.want)
			}
			if got.DataFile() != tt.data {
				t.Errorf("DataFile = %q, want %q", got.DataFile(), tt.data)
			}
			if got.Kind == NotFound {
				return
			}
			if back := got.Path(); back != tt.path {
				t.Errorf("Path() = %q, want %q", back, tt.path)
			}
			if got.Kind.HasData() != (tt.data != "") {
				t.Errorf("HasData = %v with data file %q", got.Kind.HasData(), tt.data)
			}
			if !got.Kind.HasData() {
				return
			}
			if r, ok := ParseDataFile(tt.data); !ok || r != got {
				t.Errorf("ParseDataFile(%q) = %+v, %v", tt.data, r, ok)
			}
		})
	}
	for _, bad := range []string{"lists/home/0.json", "lists/home/01.json", "lists/home/x.json", "lists/sections/1.json", "articles/.json", "articles/a/b.json", "index.json", "lists/tags/t/2.jsonx"} {
		if r, ok := ParseDataFile(bad); ok {
			t.Errorf("ParseDataFile(%q) = %+v, want no page", bad, r)
		}
	}
}

func TestParseURL(t *testing.T) {
	long := ""
	for range 30 {
		long += "synthetic "
	}
	for _, tt := range []struct {
		scenario, path, query string
		want                  Ref
		back                  string
	}{
		{"a query", "/search", "q=synthetic+words", SearchRef("synthetic words", 1), "/search?q=synthetic+words"},
		{"page 2", "/search", "q=x&page=2", Ref{Kind: Search, Slug: "x", N: 2}, "/search?q=x&page=2"},
		{"page 1 is the first", "/search", "q=x&page=1", Ref{Kind: Search, Slug: "x", N: 1}, "/search?q=x"},
		{"a bad page is the first", "/search", "q=x&page=-3", Ref{Kind: Search, Slug: "x", N: 1}, "/search?q=x"},
		{"no query", "/search", "", Ref{Kind: Search, N: 1}, "/search"},
		{"blank query", "/search", "q=+++", Ref{Kind: Search, N: 1}, "/search"},
		{"escaped", "/search", "q=%3Cb%3E%26", SearchRef("<b>&", 1), "/search?q=%3Cb%3E%26"},
		{"a malformed query string", "/search", "q=%zz", Ref{Kind: Search, N: 1}, "/search"},
		{"control characters are spaces", "/search", "q=%00x%07y%C2%85z%7F", Ref{Kind: Search, Slug: "x y z", N: 1}, "/search?q=x+y+z"},
		{"noncharacters are spaces", "/search", "q=x%EF%BF%BFy%EF%B7%90z%F0%9F%BF%BE", Ref{Kind: Search, Slug: "x y z", N: 1}, "/search?q=x+y+z"},
		{"bytes that are not UTF-8 are dropped", "/search", "q=ab%FFc%C3", Ref{Kind: Search, Slug: "abc", N: 1}, "/search?q=abc"},
		{"other pages ignore it", "/articles/a", "q=x", ArticleRef("a"), "/articles/a"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			got := ParseURL(tt.path, tt.query)
			if got != tt.want || got.Path() != tt.back {
				t.Errorf("ParseURL(%q, %q) = %+v (%s), want %+v (%s)", tt.path, tt.query, got, got.Path(), tt.want, tt.back)
			}
		})
	}
	// The bound counts characters, as the search box's maxlength does:
	// what a reader can type is kept whole in any script.
	arabic := strings.Repeat("سين ", MaxQuery/4) // synthetic: 200 letters and spaces
	for _, tt := range []struct {
		scenario, query, want string
	}{
		{"Latin past the bound", long + "é", strings.TrimSpace(long[:MaxQuery])},
		{"Arabic at the bound, 2 bytes a letter", arabic + "x", strings.TrimSpace(arabic)},
		{"Arabic one letter past the bound", arabic[:len(arabic)-1] + "نx", arabic[:len(arabic)-1] + "ن"},
		{"4 bytes a character", strings.Repeat("𝑥", MaxQuery+1), strings.Repeat("𝑥", MaxQuery)},
		{"stray continuation bytes count for nothing and are dropped", strings.Repeat("\x80", 3*MaxQuery) + "abc", "abc"},
		{"the cut after a multibyte character", strings.Repeat("a", MaxQuery-1) + "éz", strings.Repeat("a", MaxQuery-1) + "é"},
	} {
		if got := SearchRef(tt.query, 1).Slug; got != tt.want || !utf8Valid(got) {
			t.Errorf("%s: SearchRef kept %d characters (%d bytes), want %d (%d bytes)", tt.scenario,
				utf8.RuneCountInString(got), len(got), utf8.RuneCountInString(tt.want), len(tt.want))
		}
	}
}

func utf8Valid(s string) bool {
	for _, r := range s {
		if r == '\uFFFD' {
			return false
		}
	}
	return true
}

// TestCanonical checks the other forms of a page's address that lead to
// it, and that nothing else does: what Canonical returns must be a page's
// address, on this site.
func TestCanonical(t *testing.T) {
	tests := []struct {
		path, want string
	}{
		{"/page/1", "/"},
		{"/page/1/", "/"},
		{"//", "/"},
		{"/page/2/", "/page/2"},
		{"/sections/politics/page/1", "/sections/politics"},
		{"/sections/politics/", "/sections/politics"},
		{"/sections/politics/page/1//", "/sections/politics"},
		{"/tags/oil/page/1", "/tags/oil"},
		{"/articles/some-story/", "/articles/some-story"},
		{"/articles/some-story///", "/articles/some-story"},
		{"/saved/", "/saved"},
		{"/search/", "/search"},
		// A page's file in a static export.
		{"/index.html", "/"},
		{"/index.html/", "/"},
		{"/index", "/"},
		{"/index//", "/"},
		{"/articles/some-story.html", "/articles/some-story"},
		{"/page/2.html", "/page/2"},
		{"/sections/politics.html", "/sections/politics"},
		{"/sections/politics/page/3.html", "/sections/politics/page/3"},
		{"/tags/كوردستان.html", "/tags/كوردستان"},
		{"/saved.html", "/saved"},
		{"/search.html", "/search"},
		{"/articles/some-story.html/", "/articles/some-story.html"}, // then, in a second step, the page's own
		// Already canonical, or no page at all.
		{"/", ""},
		{"/page/2", ""},
		{"/articles/some-story", ""},
		{"/articles/page/1", ""},
		{"/sections/page/1", ""},
		{"/articles/", ""},
		{"/page/01", ""},
		{"/page/0/", ""},
		{"//evil.example/", ""},
		{"/no/such/page/", ""},
		{"/articles/a/b/", ""},
		// Files that are no page's.
		{"/404.html", ""},
		{"/_offline.html", ""},
		{"/page/1.html", ""},
		{"/articles.html", ""},
		{"/articles/some-story/.html", ""},
		{"/.html", ""},
		{"/web/app.html", ""},
		{"/index/x", ""},
		{"/articles/index", ""},
		{"/index.htm", ""},
		{"/sections/politics/page/1.html", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := Canonical(tt.path)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Canonical(%q) = %q, %v; want %q", tt.path, got, ok, tt.want)
		}
		if ok && Parse(got).Kind == NotFound {
			t.Errorf("Canonical(%q) = %q, which is no page", tt.path, got)
		}
	}
}

// FuzzParse holds Parse to what the host relies on: a path it takes for a
// page is already clean (no "//", "." or ".." segments, no trailing slash),
// so the host never cleans a path itself, and the page's Path gives it back.
func FuzzParse(f *testing.F) {
	for _, p := range []string{"/", "/page/2", "/articles/a", "/articles/./a", "/articles//a", "/sections/../x", "/tags/t/page/3", "/sections/s/page/./3", "/saved", "/search"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		r := Parse(p)
		if r.Kind == NotFound {
			return
		}
		if c := path.Clean(p); c != p {
			t.Errorf("Parse(%q) = %+v, but the path cleans to %q", p, r, c)
		}
		if back := r.Path(); back != p {
			t.Errorf("Parse(%q).Path() = %q", p, back)
		}
	})
}
