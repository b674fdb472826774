package page

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestPathPattern holds the patterns that the service worker and the
// static hosts' configurations match a page's path with to Parse: every
// path of up to four segments made from the words of a page's address and
// the characters a slug may not hold is a page by the pattern exactly
// when Parse says so, unescaped and escaped (hex digits in either case).
func TestPathPattern(t *testing.T) {
	for _, p := range []string{PathPattern(SlugPattern), PathPattern(EscapedSlugPattern), ListPattern(SlugPattern), ListPattern(EscapedSlugPattern)} {
		// nginx and Caddy would read braces and semicolons as their own
		// syntax, and their rules number the captures around a pattern.
		if strings.ContainsAny(p, "{};") {
			t.Errorf("pattern %q holds a brace or a semicolon", p)
		}
		if n := regexp.MustCompile(p).NumSubexp(); n != 0 {
			t.Errorf("pattern %q has %d capturing groups", p, n)
		}
	}
	page := regexp.MustCompile(`^(?:/|` + PathPattern(SlugPattern) + `)$`)
	escaped := regexp.MustCompile(`^(?:/|` + PathPattern(EscapedSlugPattern) + `)$`)
	list := regexp.MustCompile(`^` + ListPattern(SlugPattern) + `$`)
	segments := []string{"", "page", "articles", "sections", "tags", "saved", "search",
		"1", "2", "9", "02", "10", "123456789", "1234567890",
		"x", "a?b", "a%b", "a#b", `a\b`, "كوردستان", "a b", "a.b"}
	lowerHex := regexp.MustCompile(`%[0-9A-F]{2}`)
	kinds := map[Kind]int{}
	var walk func(p string, depth int)
	walk = func(p string, depth int) {
		r := Parse(p)
		kinds[r.Kind]++
		want := r.Kind != NotFound
		if got := page.MatchString(p); got != want {
			t.Errorf("PathPattern(SlugPattern) matches %q: %v; Parse finds a page: %v", p, got, want)
		}
		sent := (&url.URL{Path: p}).EscapedPath()
		if got := escaped.MatchString(sent); got != want {
			t.Errorf("PathPattern(EscapedSlugPattern) matches %q (%q): %v; Parse finds a page: %v", sent, p, got, want)
		}
		lower := lowerHex.ReplaceAllStringFunc(sent, strings.ToLower)
		if got := escaped.MatchString(lower); got != want {
			t.Errorf("PathPattern(EscapedSlugPattern) matches %q (%q): %v; Parse finds a page: %v", lower, p, got, want)
		}
		if got, want := list.MatchString(p), (r.Kind == Section || r.Kind == Tag) && r.N == 1; got != want {
			t.Errorf("ListPattern(SlugPattern) matches %q: %v; Parse finds a list's first page: %v", p, got, want)
		}
		if depth == 4 {
			return
		}
		for _, s := range segments {
			walk(p+"/"+s, depth+1)
		}
	}
	for _, s := range segments {
		walk("/"+s, 1)
	}
	// The walk must reach every kind of page, or it proves little.
	for k := NotFound; k < Offline; k++ {
		if kinds[k] == 0 {
			t.Errorf("no path of the walk is of kind %d", k)
		}
	}
}
