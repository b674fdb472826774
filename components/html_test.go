package components

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// node is an element of rendered HTML, parsed tolerantly: attribute order,
// indentation and entity spelling do not matter to the tests.
type node struct {
	tag      string
	attrs    map[string]string
	children []*node
	text     string // for text nodes (tag == "")
}

// parseHTML parses the output of app.HTMLString into a tree under a
// synthetic root. encoding/xml in non-strict mode reads HTML's void
// elements, bare attributes and named entities; quoteBrackets makes it
// accept the < and > that HTML allows inside quoted attribute values.
func parseHTML(t *testing.T, s string) *node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(quoteBrackets(s)))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	root := &node{tag: "#root"}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("parsing rendered HTML: %v\n%s", err, lineOf(s, err))
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{tag: strings.ToLower(tok.Name.Local), attrs: map[string]string{}}
			for _, a := range tok.Attr {
				name := a.Name.Local
				if a.Name.Space != "" {
					name = a.Name.Space + ":" + name
				}
				n.attrs[strings.ToLower(name)] = a.Value
			}
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			top.children = append(top.children, &node{text: string(tok)})
		}
	}
	return root
}

// quoteBrackets escapes < and > inside the quoted attribute values of
// tags, reading quotes as an HTML parser does (a backslash escapes nothing).
func quoteBrackets(s string) string {
	var b strings.Builder
	inTag, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			switch c {
			case quote:
				quote = 0
			case '<':
				b.WriteString("&lt;")
				continue
			case '>':
				b.WriteString("&gt;")
				continue
			}
		case inTag:
			switch c {
			case '"', '\'':
				quote = c
			case '>':
				inTag = false
			}
		case c == '<':
			inTag = true
		}
		b.WriteByte(c)
	}
	return b.String()
}

// lineOf returns the line of s a syntax error points at, or all of s.
func lineOf(s string, err error) string {
	var se *xml.SyntaxError
	if lines := strings.Split(s, "\n"); errors.As(err, &se) && se.Line >= 1 && se.Line <= len(lines) {
		return strings.TrimSpace(lines[se.Line-1])
	}
	return s
}

// all returns the elements under n (n included) with the given tag, in
// document order.
func (n *node) all(tag string) []*node {
	var found []*node
	var walk func(*node)
	walk = func(n *node) {
		if n.tag == tag {
			found = append(found, n)
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(n)
	return found
}

// withClass returns the elements under n whose class list holds class.
func (n *node) withClass(class string) []*node {
	var found []*node
	var walk func(*node)
	walk = func(n *node) {
		for _, c := range strings.Fields(n.attrs["class"]) {
			if c == class {
				found = append(found, n)
				break
			}
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(n)
	return found
}

// textContent is the text under n with white space collapsed, as a reader
// would see it.
func (n *node) textContent() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		if n.tag == "" {
			b.WriteString(n.text)
			b.WriteByte(' ')
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// attrValues returns the values of attribute name on every element under n.
func (n *node) attrValues(name string) []string {
	var vals []string
	var walk func(*node)
	walk = func(n *node) {
		if v, ok := n.attrs[name]; ok {
			vals = append(vals, v)
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(n)
	return vals
}
