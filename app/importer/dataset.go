package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/go-json-experiment/json/jsontext"

	"dateline/app/article"
)

// Marshal writes an article as a dataset holds it: one field a line, each
// level indented by indent, every line after the first starting with
// prefix, lines ending in newline. HTML characters are not escaped.
func Marshal(a article.Article, prefix, indent, newline string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, indent)
	if err := enc.Encode(a); err != nil {
		return nil, fmt.Errorf("encoding article %q: %w", a.Slug, err)
	}
	out := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	if newline != "\n" {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte(newline))
	}
	return out, nil
}

// Append adds an article at the end of the "articles" list of a dataset
// file and returns the new file. Every other byte stays as it was: the
// article is inserted after the last one, indented and with the line
// endings the file already uses, so that the change reads as one hunk in
// a diff.
func Append(dataset []byte, a article.Article) ([]byte, error) {
	// A UTF-8 byte order mark, which the dataset's reader passes over,
	// stays where it is; the rest is the JSON text.
	if body, ok := bytes.CutPrefix(dataset, utf8BOM); ok {
		out, err := appendTo(body, a)
		if err != nil {
			return nil, err
		}
		return append(append(make([]byte, 0, len(utf8BOM)+len(out)), utf8BOM...), out...), nil
	}
	return appendTo(dataset, a)
}

// utf8BOM is the byte order mark some editors put at the start of a
// UTF-8 file.
var utf8BOM = []byte("\ufeff")

// appendTo is Append for a dataset's JSON text.
func appendTo(dataset []byte, a article.Article) ([]byte, error) {
	list, err := findArticles(dataset)
	if err != nil {
		return nil, err
	}
	start, closing, count := list.start, list.end-1, list.count // closing is the ]
	newline := "\n"
	if bytes.Contains(dataset, []byte("\r\n")) {
		newline = "\r\n"
	}
	// The new text goes in at offset at; the file goes on from tail, so
	// that the white space of an empty list is replaced.
	var at, tail int
	var insert []byte
	switch {
	case bytes.IndexByte(dataset, '\n') < 0: // a file on one line
		entry, err := Marshal(a, "", "", "")
		if err != nil {
			return nil, err
		}
		entry = compact(entry)
		if count > 0 {
			at = lastNonSpace(dataset, start, closing) + 1
			tail, insert = at, append([]byte(","), entry...)
		} else {
			at, tail, insert = start+1, closing, entry
		}
	case count > 0:
		last := list.last
		indent, ok := linePrefix(dataset, last)
		if !ok {
			indent = lineIndent(dataset, start) + "  "
		}
		entry, err := Marshal(a, indent, innerIndent(dataset, last, indent), newline)
		if err != nil {
			return nil, err
		}
		at = lastNonSpace(dataset, start, closing) + 1
		tail, insert = at, append([]byte(","+newline+indent), entry...)
	default: // an empty list in a file written over several lines
		outer := lineIndent(dataset, start)
		unit := outer
		if unit == "" {
			unit = "  "
		}
		entry, err := Marshal(a, outer+unit, unit, newline)
		if err != nil {
			return nil, err
		}
		at, tail = start+1, closing
		insert = append([]byte(newline+outer+unit), entry...)
		insert = append(insert, newline+outer...)
	}
	return concat(dataset[:at], insert, dataset[tail:]), nil
}

// articlesList is where the top-level "articles" array of a dataset is:
// from its [ to after its ], with count elements, the last starting at last.
type articlesList struct {
	start, end, last, count int
}

// findArticles reads a dataset file as far as its "articles" array.
func findArticles(data []byte) (articlesList, error) {
	var l articlesList
	dec := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return l, errors.New("the dataset is not a JSON object")
	}
	for dec.PeekKind() == '"' {
		name, err := dec.ReadToken()
		if err != nil {
			return l, fmt.Errorf("the dataset is not valid JSON: %w", err)
		}
		if name.String() != "articles" {
			if _, err := dec.ReadValue(); err != nil {
				return l, fmt.Errorf("the dataset is not valid JSON: %w", err)
			}
			continue
		}
		if dec.PeekKind() != '[' {
			return l, errors.New(`the dataset's "articles" is not a list`)
		}
		if _, err := dec.ReadToken(); err != nil {
			return l, fmt.Errorf("the dataset is not valid JSON: %w", err)
		}
		l.start = int(dec.InputOffset()) - 1
		for dec.PeekKind() != ']' {
			v, err := dec.ReadValue()
			if err != nil {
				return l, fmt.Errorf("the dataset is not valid JSON: %w", err)
			}
			l.last = int(dec.InputOffset()) - len(v)
			l.count++
		}
		if _, err := dec.ReadToken(); err != nil {
			return l, fmt.Errorf("the dataset is not valid JSON: %w", err)
		}
		l.end = int(dec.InputOffset())
		return l, nil
	}
	return l, errors.New(`the dataset has no "articles" list`)
}

// compact removes the white space between the tokens of JSON text.
func compact(entry []byte) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, entry); err != nil {
		return entry
	}
	return b.Bytes()
}

func concat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// lastNonSpace returns the offset of the last byte before end, and after
// start, that is not white space.
func lastNonSpace(data []byte, start, end int) int {
	i := end - 1
	for i > start && isSpace(data[i]) {
		i--
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// linePrefix returns the white space that starts the line holding off,
// when only white space stands before off on that line.
func linePrefix(data []byte, off int) (string, bool) {
	ls := bytes.LastIndexByte(data[:off], '\n') + 1
	p := data[ls:off]
	for _, c := range p {
		if c != ' ' && c != '\t' {
			return "", false
		}
	}
	return string(p), true
}

// lineIndent returns the white space that starts the line holding off.
func lineIndent(data []byte, off int) string {
	ls := bytes.LastIndexByte(data[:off], '\n') + 1
	n := ls
	for n < off && (data[n] == ' ' || data[n] == '\t') {
		n++
	}
	return string(data[ls:n])
}

// innerIndent finds the indentation step of the value at off from its
// second line, the first member of an object written one member a line.
func innerIndent(data []byte, off int, outer string) string {
	nl := bytes.IndexByte(data[off:], '\n')
	if nl < 0 {
		return "  "
	}
	rest := data[off+nl+1:]
	n := 0
	for n < len(rest) && (rest[n] == ' ' || rest[n] == '\t') {
		n++
	}
	inner := string(rest[:n])
	if len(inner) > len(outer) && inner[:len(outer)] == outer {
		return inner[len(outer):]
	}
	return "  "
}
