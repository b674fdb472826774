// Package htmltest parses rendered HTML for tests, tolerantly: attribute
// order, indentation and entity spelling do not matter.
package htmltest

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// Node is an element of rendered HTML, parsed tolerantly: attribute order,
// indentation and entity spelling do not matter to the tests.
type Node struct {
	Tag      string
	Attrs    map[string]string
	Children []*Node
	Text     string // for text nodes (Tag == "")
}

// Parse parses the output of app.HTMLString into a tree under a
// synthetic root. encoding/xml in non-strict mode reads HTML's void
// elements, bare attributes and named entities; quoteBrackets makes it
// accept the < and > that HTML allows inside quoted attribute values.
func Parse(t testing.TB, s string) *Node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(quoteBrackets(s)))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	root := &Node{Tag: "#root"}
	stack := []*Node{root}
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
			n := &Node{Tag: strings.ToLower(tok.Name.Local), Attrs: map[string]string{}}
			for _, a := range tok.Attr {
				name := a.Name.Local
				if a.Name.Space != "" {
					name = a.Name.Space + ":" + name
				}
				n.Attrs[strings.ToLower(name)] = a.Value
			}
			top.Children = append(top.Children, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			top.Children = append(top.Children, &Node{Text: string(tok)})
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

// All returns the elements under n (n included) with the given tag, in
// document order.
func (n *Node) All(tag string) []*Node {
	var found []*Node
	var walk func(*Node)
	walk = func(n *Node) {
		if n.Tag == tag {
			found = append(found, n)
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(n)
	return found
}

// Find returns the elements under n with the given tag whose attribute
// key is value.
func (n *Node) Find(tag, key, value string) []*Node {
	var found []*Node
	for _, e := range n.All(tag) {
		if v, ok := e.Attrs[key]; ok && v == value {
			found = append(found, e)
		}
	}
	return found
}

// WithClass returns the elements under n whose class list holds class.
func (n *Node) WithClass(class string) []*Node {
	var found []*Node
	var walk func(*Node)
	walk = func(n *Node) {
		for _, c := range strings.Fields(n.Attrs["class"]) {
			if c == class {
				found = append(found, n)
				break
			}
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(n)
	return found
}

// TextContent is the text under n with white space collapsed, as a reader
// would see it.
func (n *Node) TextContent() string {
	var b strings.Builder
	var walk func(*Node)
	walk = func(n *Node) {
		if n.Tag == "" {
			b.WriteString(n.Text)
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// AttrValues returns the values of attribute name on every element under n.
func (n *Node) AttrValues(name string) []string {
	var vals []string
	var walk func(*Node)
	walk = func(n *Node) {
		if v, ok := n.Attrs[name]; ok {
			vals = append(vals, v)
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(n)
	return vals
}
