package article

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// Locator finds values of one JSON document by JSON pointer (RFC 6901), so
// that a problem found by another tool, such as a JSON Schema validator,
// can be reported with its line and column.
type Locator struct {
	data []byte
	root *node
}

// NewLocator parses data once for any number of look-ups. It fails when
// data is not a JSON document.
func NewLocator(data []byte) (*Locator, error) {
	root, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	return &Locator{data: data, root: root}, nil
}

// Locate returns the 1-based line and column (counted in characters) where
// the value at pointer starts in data; ok is false when data is not JSON or
// holds no such value. The pointer "" is the whole document.
func Locate(data []byte, pointer string) (line, col int, ok bool) {
	l, err := NewLocator(data)
	if err != nil {
		return 0, 0, false
	}
	return l.Value(pointer)
}

// Value returns the line and column where the value at pointer starts.
func (l *Locator) Value(pointer string) (line, col int, ok bool) {
	n, _, ok := l.find(pointer)
	if !ok {
		return 0, 0, false
	}
	line, col = position(l.data, n.off)
	return line, col, true
}

// Key returns the line and column of the quoted key of the object member at
// pointer, where an editor shows a field; for an array element or the
// whole document it is where the value starts.
func (l *Locator) Key(pointer string) (line, col int, ok bool) {
	_, off, ok := l.find(pointer)
	if !ok {
		return 0, 0, false
	}
	line, col = position(l.data, off)
	return line, col, true
}

// Span returns the byte offsets where the value at pointer starts and ends
// (just past its last byte), for tools that edit the file in place.
func (l *Locator) Span(pointer string) (start, end int, ok bool) {
	n, _, ok := l.find(pointer)
	if !ok {
		return 0, 0, false
	}
	dec := json.NewDecoder(bytes.NewReader(l.data[n.off:]))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return 0, 0, false
	}
	return n.off, n.off + int(dec.InputOffset()), true
}

// Len returns the number of elements of the array, or of members of the
// object, at pointer.
func (l *Locator) Len(pointer string) (int, bool) {
	n, _, ok := l.find(pointer)
	switch {
	case !ok:
		return 0, false
	case n.kind == kindArray:
		return len(n.elems), true
	case n.kind == kindObject:
		return len(n.members), true
	}
	return 0, false
}

// find returns the node at pointer and the offset that names it: the key of
// an object member, otherwise the value itself.
func (l *Locator) find(pointer string) (*node, int, bool) {
	if pointer == "" {
		return l.root, l.root.off, true
	}
	if !strings.HasPrefix(pointer, "/") {
		return nil, 0, false
	}
	n, off := l.root, l.root.off
	for _, tok := range strings.Split(pointer[1:], "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		switch n.kind {
		case kindObject:
			m, ok := n.member(tok)
			if !ok {
				return nil, 0, false
			}
			n, off = m.val, m.keyOff
		case kindArray:
			i, ok := arrayIndex(tok)
			if !ok || i >= len(n.elems) {
				return nil, 0, false
			}
			n = n.elems[i]
			off = n.off
		default:
			return nil, 0, false
		}
	}
	return n, off, true
}

// member returns the first member named key, as get does.
func (n *node) member(key string) (member, bool) {
	for _, m := range n.members {
		if m.key == key {
			return m, true
		}
	}
	return member{}, false
}

// arrayIndex parses an array index token: digits without leading zeros.
func arrayIndex(tok string) (int, bool) {
	if tok == "" || len(tok) > 1 && tok[0] == '0' {
		return 0, false
	}
	for _, c := range []byte(tok) {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	i, err := strconv.Atoi(tok)
	return i, err == nil
}
