package jsonread

import (
	"strings"
	"testing"
)

// TestFound checks the words for what data holds where a value should be.
func TestFound(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "nothing"},
		{" \n\t", "nothing"},
		{`{"a": 1}`, "an object"},
		{"[]", "an array"},
		{`"x"`, "a string"},
		{"-1", "a number"},
		{"true", "true or false"},
		{"false", "true or false"},
		{"null", "null"},
		{"nothing", "text"},
		{"tomorrow", "text"},
		{"hello world", "text"},
		{"هەولێر", "text"},
		{"<!doctype html>", "'<'"},
		{"  <html>", "'<'"},
		{"#", "'#'"},
		{"\x01", "the character U+0001"},
		{"\u200b", "the character U+200B"},
		{"\xff\xfe", "bytes that are not UTF-8"},
	} {
		if got := Found([]byte(c.in)); got != c.want {
			t.Errorf("Found(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestFoundKind checks app.wasm's Found (found_js.go), which names the
// kind of a value only: "no JSON value" for what is not JSON.
func TestFoundKind(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "nothing"},
		{" \r\n", "nothing"},
		{` {"a": 1}`, "an object"},
		{"[]", "an array"},
		{`"x"`, "a string"},
		{"-1", "a number"},
		{"false", "true or false"},
		{"null", "null"},
		{"<!doctype html>", "no JSON value"},
		{"tomorrow", "no JSON value"},
	} {
		if got := foundKind([]byte(c.in)); got != c.want {
			t.Errorf("foundKind(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestReadNotJSON reads an object from data that is not JSON, such as an
// HTML error page in the place of a data file: the error names what was
// there. It was "expected a value" whatever the data held.
func TestReadNotJSON(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<!doctype html><title>502 Bad Gateway</title>", "offset 0: expected an object, found '<'"},
		{"Service Unavailable", "offset 0: expected an object, found text"},
		{"", "offset 0: expected an object, found nothing"},
	} {
		r := NewReader([]byte(c.in))
		r.Object(func(string) { r.Skip() })
		if err := r.End(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("reading an object from %q: %v, want %q", c.in, err, c.want)
		}
	}
	r := NewReader([]byte(`{"a": <b>}`))
	r.Object(func(string) { r.Skip() })
	if err, want := r.End(), "offset 6: expected a value, found '<'"; err == nil || err.Error() != want {
		t.Errorf("skipping <b> as a value: %v, want %q", err, want)
	}
}
