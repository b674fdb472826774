package dataset

import (
	"strings"
	"testing"
)

// TestTrailingComma checks a comma after the last item of a list or the
// last field of an object, read whole and streamed: it is said as such, at
// the comma's line and column, with the hint to remove it, wherever it is.
// After the last article or the last field of the dataset (where the
// reading peeks past the comma) it was "invalid character ',' at start of
// value" with the hint to put text in double quotes; inside a value it
// was placed at the closing bracket.
func TestTrailingComma(t *testing.T) {
	const (
		item  = "JSON syntax error: a comma after the last item of a list, before its closing ] (remove the comma: JSON has none after the last item)"
		field = "JSON syntax error: a comma after the last field of an object, before its closing } (remove the comma: JSON has none after the last field)"
		stray = "JSON syntax error: invalid character ',' at start of value (remove the comma: it does not stand between two items or two fields)"
	)
	art := `{"slug": "a", "headline": "h", "body": [{"type": "paragraph", "text": "x"}]}`
	for _, c := range []struct {
		scenario, data, want string
	}{{
		scenario: "after the last article",
		data:     "{\n \"articles\": [\n  " + art + ",\n ]\n}\n",
		want:     "synthetic.json:3:79: /articles: " + item,
	}, {
		scenario: "after the articles, the dataset's last field",
		data:     "{\n \"articles\": [\n  " + art + "\n ],\n}\n",
		want:     "synthetic.json:4:3: " + field,
	}, {
		scenario: "after the last article, the bracket far below",
		data:     "{\"articles\": [" + art + "," + strings.Repeat("\n", 5000) + "]}",
		want:     "synthetic.json:1:91: /articles: " + item,
	}, {
		scenario: "after the last paragraph of a body",
		data:     "{\n \"articles\": [\n  " + strings.Replace(art, `"x"}]`, `"x"},]`, 1) + "\n ]\n}\n",
		want:     "synthetic.json:3:77: /articles/0/body: " + item,
	}, {
		scenario: "after the last field of a paragraph",
		data:     "{\n \"articles\": [\n  " + strings.Replace(art, `"x"}`, "\"x\",\n  }", 1) + "\n ]\n}\n",
		want:     "synthetic.json:3:76: /articles/0/body/0: " + field,
	}, {
		scenario: "after the last field of the site",
		data:     "{\"site\": {\"name\": \"Synthetic\",\t}, \"articles\": [" + art + "]}",
		want:     "synthetic.json:1:30: /site: " + field,
	}, {
		scenario: "two commas: the second is no trailing comma",
		data:     "{\"articles\": [" + art + ",,]}",
		want:     "synthetic.json:1:92: /articles/1: " + stray,
	}, {
		scenario: "a comma first in the list",
		data:     "{\"articles\": [," + art + "]}",
		want:     "synthetic.json:1:15: /articles: " + stray,
	}, {
		scenario: "a comma first in the dataset",
		data:     "{,\"articles\": [" + art + "]}",
		want:     "synthetic.json:1:2: " + stray,
	}} {
		t.Run(c.scenario, func(t *testing.T) {
			for _, streamed := range []bool{false, true} {
				probs := loadAs(t, []byte(c.data), streamed)
				if len(probs) != 1 || probs[0].String() != c.want {
					t.Errorf("streamed %v:\n%s\nwant\n  %s", streamed, listOf(probs), c.want)
				}
			}
		})
	}
}

// TestLineBreakInText checks a line break and a tab typed inside a text,
// as a paragraph pasted into the file brings them, read whole and
// streamed: the message says how to write them. The hint was never
// given: it looked for words the message does not have.
func TestLineBreakInText(t *testing.T) {
	for _, c := range []struct{ scenario, text, char string }{
		{"a line break", "Synthetic line one\nline two", `'\n'`},
		{"a tab", "Synthetic\tword", `'\t'`},
	} {
		t.Run(c.scenario, func(t *testing.T) {
			data := `{"articles": [{"slug": "a", "headline": "h", "body": [{"type": "paragraph", "text": "` + c.text + `"}]}]}`
			for _, streamed := range []bool{false, true} {
				probs := loadAs(t, []byte(data), streamed)
				if len(probs) != 1 || !strings.Contains(probs[0].String(), "invalid character "+c.char) ||
					!strings.Contains(probs[0].String(), `(inside text, write a line break as \n, a tab as \t and a double quote as \")`) {
					t.Errorf("streamed %v:\n%s", streamed, listOf(probs))
				}
			}
		})
	}
}
