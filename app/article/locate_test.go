package article

import (
	"testing"
)

const locateDoc = `{
  "articles": [
    {
      "slug": "first",
      "a/b": {"c~d": [10, 20]},
      "headline": "Ünïcödé then a value: 42"
    }
  ]
}`

func TestLocate(t *testing.T) {
	tests := []struct {
		scenario  string
		pointer   string
		line, col int
		ok        bool
	}{
		{"whole document", "", 1, 1, true},
		{"member", "/articles", 2, 15, true},
		{"element", "/articles/0", 3, 5, true},
		{"nested member", "/articles/0/slug", 4, 15, true},
		{"escaped slash and tilde", "/articles/0/a~1b/c~0d/1", 5, 27, true},
		{"column counts characters", "/articles/0/headline", 6, 19, true},
		{"no such member", "/articles/0/byline", 0, 0, false},
		{"index past the end", "/articles/1", 0, 0, false},
		{"index with a leading zero", "/articles/00", 0, 0, false},
		{"index that is not a number", "/articles/first", 0, 0, false},
		{"into a string", "/articles/0/slug/x", 0, 0, false},
		{"not a pointer", "articles", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			line, col, ok := Locate([]byte(locateDoc), tt.pointer)
			if line != tt.line || col != tt.col || ok != tt.ok {
				t.Errorf("Locate(%q) = %d, %d, %v; want %d, %d, %v", tt.pointer, line, col, ok, tt.line, tt.col, tt.ok)
			}
		})
	}
}

func TestLocateNotJSON(t *testing.T) {
	for _, data := range []string{"", "{", `{"a": 1,}`, "\xef\xbb\xbf{}"} {
		if _, _, ok := Locate([]byte(data), ""); ok {
			t.Errorf("Locate(%q) found a value", data)
		}
	}
}

func TestLocatorKeySpanLen(t *testing.T) {
	l, err := NewLocator([]byte(locateDoc))
	if err != nil {
		t.Fatal(err)
	}
	if line, col, ok := l.Key("/articles/0/slug"); line != 4 || col != 7 || !ok {
		t.Errorf("Key(slug) = %d, %d, %v; want 4, 7, true", line, col, ok)
	}
	if line, col, ok := l.Key("/articles/0"); line != 3 || col != 5 || !ok {
		t.Errorf("Key of an element = %d, %d, %v; want its value, 3, 5, true", line, col, ok)
	}
	start, end, ok := l.Span("/articles/0/a~1b")
	if got := locateDoc[start:end]; !ok || got != `{"c~d": [10, 20]}` {
		t.Errorf("Span = %q, %v", got, ok)
	}
	start, end, ok = l.Span("/articles")
	if !ok || locateDoc[start] != '[' || locateDoc[end-1] != ']' {
		t.Errorf("Span(/articles) = %d, %d, %v", start, end, ok)
	}
	for ptr, want := range map[string]int{"": 1, "/articles": 1, "/articles/0": 3, "/articles/0/a~1b/c~0d": 2} {
		if n, ok := l.Len(ptr); n != want || !ok {
			t.Errorf("Len(%q) = %d, %v; want %d", ptr, n, ok, want)
		}
	}
	if _, ok := l.Len("/articles/0/slug"); ok {
		t.Error("Len of a string reported a length")
	}
}

// TestLocateAgreesWithParse checks that Locate places a value where Parse
// reports its problems.
func TestLocateAgreesWithParse(t *testing.T) {
	data := []byte(`{"articles": [
  {"slug": "a", "headline": 7, "body": [{"type": "paragraph", "text": "t"}]}
]}`)
	_, err := Parse("x.json", data)
	problems := problemsOf(t, err)
	if len(problems) != 1 {
		t.Fatalf("problems: %v", problems)
	}
	p := problems[0]
	line, col, ok := Locate(data, p.Pointer)
	if !ok || line != p.Line || col != p.Column {
		t.Errorf("Locate(%q) = %d:%d, Parse reports %d:%d", p.Pointer, line, col, p.Line, p.Column)
	}
}
