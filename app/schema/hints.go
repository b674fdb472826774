package schema

import (
	"fmt"
	"strings"

	"dateline/app/article"
)

// explainModel adds a hint to the model's problems that have none: the JSON
// syntax errors, worded by encoding/json for programmers, and the type
// mismatches. For an unknown field near a known one, it asks whether that
// was meant.
func explainModel(p *article.Problem) {
	if known, ok := strings.CutPrefix(p.Hint, "known fields here: "); ok {
		var field string
		if _, err := fmt.Sscanf(p.Message, "unknown field %q", &field); err == nil {
			if near, ok := closest(field, strings.Split(known, ", ")); ok {
				p.Hint = fmt.Sprintf("did you mean %q? %s", near, p.Hint)
			}
		}
		return
	}
	if p.Hint != "" {
		return
	}
	for _, h := range modelHints {
		if strings.Contains(p.Message, h.contains) {
			p.Hint = h.hint
			return
		}
	}
}

// modelHints pair a piece of a model or encoding/json message with what an
// editor should do about it. The first match wins.
var modelHints = []struct{ contains, hint string }{
	{"after object key:value pair", "a comma is missing before this place, between two fields"},
	{"after array element", "a comma is missing before this place, between two items"},
	{"after object key", `put a colon between the field name and its value: "name": value`},
	{"character ']' looking for beginning of value", "remove the comma before the closing ]"},
	{"character '}' looking for beginning of object key", "remove the comma before the closing }"},
	{"looking for beginning of object key string", `field names need double quotes: "name": value`},
	{"in literal", `write true, false and null in lower case, and put text in double quotes`},
	{"looking for beginning of value", `put text in double quotes ("..."); numbers, true, false and null go without`},
	{"in string literal", `inside text, write a line break as \n, a tab as \t and a double quote as \"`},
	{"in string escape code", `a backslash in text starts an escape: write \\ for a backslash itself`},
	{"unexpected end of file", "a closing } or ] is missing, or the file was cut short"},
	{"after the end of the JSON document", "remove what follows the dataset's closing }, or join it into the dataset"},
	{"after top-level value", "remove what follows the dataset's closing }, or join it into the dataset"},
	{"nested more than", "the dataset format needs fewer than ten levels: check the brackets"},
	{"expected a string", "put the text in double quotes"},
	{"expected an array", "use a list in square brackets: [ ... ]"},
	{"expected an object", "use an object in braces: { ... }"},
	{"expected a number", "write the number without quotes"},
}
