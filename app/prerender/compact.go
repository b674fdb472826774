// Package prerender writes go-app components as the HTML the host serves:
// the same tree app.wasm then mounts, as markup a browser reads as that tree.
package prerender

import (
	"html"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// HTML writes the markup of a component tree as app.wasm mounts it:
// without the white space go-app's encoder lays it out with (compactHTML),
// and with attribute values in HTML's syntax. Go quoting turns a quotation
// mark into \" (which ends the attribute in HTML) and a zero-width
// non-joiner, common in Persian and Kurdish text, into a visible \u200c.
// ok is false when the markup was not in the form compactHTML reads: it is
// then written as go-app laid it out, still correct, with spaces between
// elements where the tree has none.
func HTML(ui app.UI) (markup string, ok bool) {
	s := app.HTMLString(ui)
	if markup, ok := compactHTML(s); ok {
		return markup, true
	}
	return htmlAttrValues(s), false
}

// htmlAttr rewrites an attribute as go-app v10 writes it (name="value")
// in HTML's syntax; see htmlValue.
func htmlAttr(a string) string {
	name, quoted, ok := strings.Cut(a, "=")
	if !ok {
		return a
	}
	if v, changed := htmlValue(quoted); changed {
		return name + "=" + v
	}
	return a
}

// htmlValue rewrites an attribute value as go-app v10 quotes it, with
// strconv.Quote (Go's string syntax, not HTML's), in HTML's syntax:
// "a\"b" becomes "a&#34;b". changed is false when the value reads the same
// in both, or is not Go syntax after all (then it is left as written).
func htmlValue(quoted string) (v string, changed bool) {
	if len(quoted) < 2 {
		return quoted, false
	}
	if raw := quoted[1 : len(quoted)-1]; !strings.ContainsAny(raw, "\\\n<>&'") && utf8.ValidString(raw) {
		return quoted, false
	}
	u, err := strconv.Unquote(quoted)
	if err != nil {
		return quoted, false
	}
	return `"` + html.EscapeString(u) + `"`, true
}

// htmlAttrValues rewrites every attribute value of go-app v10's markup in
// HTML's syntax (htmlValue), for markup compactHTML could not read. Text
// nodes are HTML-escaped, so a raw `="` only ever starts an attribute
// value. It reads the markup once: a regular expression doing the same
// took a sixth of an export's time.
func htmlAttrValues(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is in b, or needs no change
	for i := 0; ; {
		j := strings.Index(s[i:], `="`)
		if j < 0 {
			break
		}
		start := i + j + 1 // the opening quotation mark
		end := goQuotedEnd(s, start)
		if end < 0 {
			i = start // no value here: look further on
			continue
		}
		i = end
		v, changed := htmlValue(s[start:end])
		if !changed {
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s) + 64)
		}
		b.WriteString(s[done:start])
		b.WriteString(v)
		done = end
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// goQuotedEnd returns the index just past the quotation mark that closes
// the value opened at s[open], skipping backslash escapes, or -1 when
// none does.
func goQuotedEnd(s string, open int) int {
	for k := open + 1; k < len(s); k++ {
		switch s[k] {
		case '"':
			return k + 1
		case '\\':
			if k+1 >= len(s) || s[k+1] == '\n' {
				return -1
			}
			k++
		}
	}
	return -1
}

// compactHTML removes the white space go-app's encoder adds to lay out the
// markup it writes (app.HTMLString), so that the prerendered page has the
// same text nodes as the tree app.wasm mounts, which has none of it. The
// difference shows: between two inline elements, or an element and the
// text beside it, the layout's line break is drawn as a space, as in
// "A , B and C" for the names "A", "B", "C" joined by ", " and " and ".
//
// go-app v10 writes an element at depth d as 2d spaces, the start tag,
// then: nothing more for an element that takes no content; the text for a
// text alone; or a line break, each child at depth d+1 followed by a line
// break, and 2d spaces; then the end tag. A text child is written after
// the 2(d+1) spaces of its depth, escaped: it never holds "<". Markup the
// components write themselves (app.Raw) is written as it is after its
// indentation: it is kept when it is one element on one line. compactHTML
// reads that form back, with attribute values in HTML's syntax
// (htmlAttr); for anything else it returns ok false, and the caller keeps
// the markup as written.
func compactHTML(s string) (string, bool) {
	c := compacter{s: s}
	c.b.Grow(len(s))
	if !c.element(0) || c.i != len(c.s) {
		return s, false
	}
	return c.b.String(), true
}

type compacter struct {
	s string
	i int
	b strings.Builder
}

// voidElements take no content, and go-app writes no end tag for them.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// indent consumes the 2*depth spaces of a depth.
func (c *compacter) indent(depth int) bool {
	n := 2 * depth
	if len(c.s)-c.i < n || strings.TrimLeft(c.s[c.i:c.i+n], " ") != "" {
		return false
	}
	c.i += n
	return true
}

// element reads an element written at depth, and writes it compact.
func (c *compacter) element(depth int) bool {
	if !c.indent(depth) || !strings.HasPrefix(c.s[c.i:], "<") || strings.HasPrefix(c.s[c.i:], "</") {
		return false
	}
	tag := c.i
	name, attrs, ok := c.startTag()
	if !ok {
		return false
	}
	end := "</" + name + ">"
	if j := strings.IndexByte(c.s[c.i:], '<'); !voidElements[name] && !strings.HasPrefix(c.s[c.i:], "\n") && j >= 0 && !strings.HasPrefix(c.s[c.i+j:], end) {
		// A tag on the start tag's line that is not its end tag, right
		// after it or after a text: go-app writes an element's children
		// on lines of their own, and a text alone right before the end
		// tag, so this is markup the components wrote themselves
		// (app.Raw), compact and in HTML's syntax already, on one line:
		// kept as it is.
		k := strings.IndexByte(c.s[c.i:], '\n')
		if k < 0 {
			k = len(c.s) - c.i
		}
		if !strings.HasSuffix(c.s[c.i:c.i+k], end) {
			return false
		}
		c.b.WriteString(c.s[tag : c.i+k])
		c.i += k
		return true
	}
	// go-app writes attributes in the random order of a map: sorted, the
	// same page is the same bytes on every render, host and export.
	sort.Strings(attrs)
	c.b.WriteString("<" + name)
	for _, a := range attrs {
		// go-app writes a boolean attribute set to false as name="false",
		// which HTML reads as true: checked="false" is checked. Left out.
		if n, ok := strings.CutSuffix(a, `="false"`); ok && booleanAttrs[n] {
			continue
		}
		c.b.WriteString(" " + htmlAttr(a))
	}
	c.b.WriteString(">")
	if voidElements[name] {
		return true
	}
	switch {
	case strings.HasPrefix(c.s[c.i:], "\n"):
		c.i++
		for {
			if c.atEnd(depth, end) {
				break
			}
			if !c.child(depth + 1) {
				return false
			}
			if !strings.HasPrefix(c.s[c.i:], "\n") {
				return false
			}
			c.i++
		}
		if !c.indent(depth) {
			return false
		}
	default: // empty, or one text child written as it is
		j := strings.IndexByte(c.s[c.i:], '<')
		if j < 0 {
			return false
		}
		c.b.WriteString(c.s[c.i : c.i+j])
		c.i += j
	}
	if !strings.HasPrefix(c.s[c.i:], end) {
		return false
	}
	c.b.WriteString(end)
	c.i += len(end)
	return true
}

// atEnd reports whether the element's end tag comes next, after the
// indentation of its depth.
func (c *compacter) atEnd(depth int, end string) bool {
	n := 2 * depth
	return len(c.s)-c.i >= n && strings.TrimLeft(c.s[c.i:c.i+n], " ") == "" && strings.HasPrefix(c.s[c.i+n:], end)
}

// child reads one child written at depth: an element, or a text up to the
// line break that comes before the next tag's indentation.
func (c *compacter) child(depth int) bool {
	if strings.HasPrefix(c.s[c.i:], "\n") {
		return true // an empty text: go-app writes nothing, not even its indentation
	}
	n := 2 * depth
	if len(c.s)-c.i > n && strings.TrimLeft(c.s[c.i:c.i+n], " ") == "" && c.s[c.i+n] == '<' {
		return c.element(depth)
	}
	if !c.indent(depth) {
		return false
	}
	// The text runs to the last line break before the next "<": a text
	// holds no "<", but may hold line breaks of its own.
	j := strings.IndexByte(c.s[c.i:], '<')
	if j < 0 {
		return false
	}
	k := strings.LastIndexByte(c.s[c.i:c.i+j], '\n')
	if k < 0 {
		return false
	}
	c.b.WriteString(c.s[c.i : c.i+k])
	c.i += k
	return true
}

// startTag reads a start tag, whose attribute values go-app quotes in Go's
// syntax (a quotation mark inside is \"), and returns the element's name
// and its attributes as written (name="value", or a name alone).
func (c *compacter) startTag() (name string, attrs []string, ok bool) {
	j := c.i + 1
	for j < len(c.s) && c.s[j] != ' ' && c.s[j] != '>' {
		j++
	}
	name = c.s[c.i+1 : j]
	start := -1 // of the attribute being read
	for j < len(c.s) {
		switch c.s[j] {
		case '>':
			if start >= 0 {
				attrs = append(attrs, c.s[start:j])
			}
			c.i = j + 1
			return name, attrs, name != ""
		case ' ':
			if start >= 0 {
				attrs = append(attrs, c.s[start:j])
			}
			start = j + 1
		case '"':
			j++
			for j < len(c.s) && c.s[j] != '"' {
				if c.s[j] == '\\' {
					j++
				}
				j++
			}
		}
		j++
	}
	return "", nil, false
}

// booleanAttrs are HTML's boolean attributes that go-app's elements set
// from a bool: present means true, whatever their value.
var booleanAttrs = map[string]bool{
	"hidden": true, "checked": true, "disabled": true, "selected": true, "readonly": true,
	"required": true, "multiple": true, "autofocus": true, "open": true, "novalidate": true,
	"formnovalidate": true, "async": true, "defer": true, "allowfullscreen": true, "autoplay": true,
	"controls": true, "loop": true, "muted": true, "default": true, "ismap": true, "reversed": true,
	"inert": true, "playsinline": true, "nomodule": true,
}
