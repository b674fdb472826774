package schema

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"dateline/app/article"
)

// schemaFile is the schema that package main embeds.
const schemaFile = "../../articles.schema.json"

var testValidator = sync.OnceValues(func() (*Validator, error) {
	b, err := os.ReadFile(schemaFile)
	if err != nil {
		return nil, err
	}
	return New(b)
})

func validator(t testing.TB) *Validator {
	t.Helper()
	v, err := testValidator()
	if err != nil {
		t.Fatalf("compiling %s: %v", schemaFile, err)
	}
	return v
}

// want is one expected problem of a broken dataset.
type want struct {
	line, col int
	pointer   string
	words     string
}

// readWant reads testdata/broken/want.txt: file, line:col, pointer ("-"
// for none) and the words the message must hold.
func readWant(t *testing.T) map[string][]want {
	t.Helper()
	f, err := os.Open("testdata/broken/want.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases := make(map[string][]want)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		if strings.HasPrefix(text, "#") || strings.TrimSpace(text) == "" {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) < 4 {
			t.Fatalf("want.txt:%d: want file, line:col, pointer and words", n)
		}
		l, c, ok := strings.Cut(fields[1], ":")
		line, err1 := strconv.Atoi(l)
		col, err2 := strconv.Atoi(c)
		if !ok || err1 != nil || err2 != nil {
			t.Fatalf("want.txt:%d: bad position %q", n, fields[1])
		}
		ptr := fields[2]
		if ptr == "-" {
			ptr = ""
		}
		cases[fields[0]] = append(cases[fields[0]], want{line, col, ptr, strings.Join(fields[3:], " ")})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestBrokenDatasets checks that every broken dataset is refused with each
// problem in its place, once, whichever of schema and model found it.
func TestBrokenDatasets(t *testing.T) {
	v := validator(t)
	cases := readWant(t)
	files, err := filepath.Glob("testdata/broken/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 25 {
		t.Fatalf("%d broken datasets, want at least 25", len(files))
	}
	for _, file := range files {
		name := filepath.Base(file)
		wants, ok := cases[name]
		if !ok {
			t.Errorf("%s has no line in want.txt", name)
			continue
		}
		delete(cases, name)
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ds, err := v.Check(name, data)
			var ae *article.Error
			if !errors.As(err, &ae) {
				t.Fatalf("Check returned (%v, %v), want an *article.Error", ds, err)
			}
			if ae.File != name {
				t.Errorf("error names file %q, want %q", ae.File, name)
			}
			got := ae.Problems
			if len(got) != len(wants) {
				t.Fatalf("%d problems, want %d:\n%s", len(got), len(wants), list(got))
			}
			for i, w := range wants {
				p := got[i]
				if p.Line != w.line || p.Column != w.col || p.Pointer != w.pointer || !strings.Contains(p.Message, w.words) {
					t.Errorf("problem %d:\n got %d:%d %q %q\nwant %d:%d %q, message holding %q", i, p.Line, p.Column, p.Pointer, p.Message, w.line, w.col, w.pointer, w.words)
				}
				if p.Hint == "" && !strings.Contains(p.Message, "pixels") {
					t.Errorf("problem %d has no hint: %s", i, p)
				}
			}
		})
	}
	for name := range cases {
		t.Errorf("want.txt names %s, which is not in testdata/broken", name)
	}
}

func list(ps []article.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  " + p.String() + "\n")
	}
	return b.String()
}

// TestGoodDatasets checks that valid datasets, the shipped one included,
// pass, and that the schema alone accepts them too: a schema stricter than
// the model would make editors flag good data.
func TestGoodDatasets(t *testing.T) {
	v := validator(t)
	files, err := filepath.Glob("testdata/good/*.json")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "../../articles.json")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ds, err := v.Check(file, data)
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Articles) == 0 {
				t.Error("no articles")
			}
			if found := v.schemaFindings(decode(t, data)); len(found) > 0 {
				t.Errorf("the schema alone refuses a valid dataset: %+v", found)
			}
		})
	}
}

func decode(t testing.TB, data []byte) any {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// TestSchemaAgreesWithModel guards against drift between
// articles.schema.json and app/article: on every broken dataset that is
// JSON, the schema must find a problem at each place the model does, but
// for the checks no schema can make, and nothing the model does not.
func TestSchemaAgreesWithModel(t *testing.T) {
	v := validator(t)
	// modelOnly are the model's problems beyond any JSON Schema: they need
	// the whole dataset, or the raw text of the file.
	modelOnly := map[string][]string{
		"dangling-read-more.json": {"/articles/0/body/1/slug"},
		"dangling-related.json":   {"/articles/0/related/0/slug"},
		"related-not-object.json": {"/articles/0/related/1/slug"},
		"duplicate-slug.json":     {"/articles/1/slug"},
		"duplicate-key.json":      {"/articles/0/headline"},
	}
	// languageOnly are found by golang.org/x/text/language alone.
	languageOnly := map[string][]string{
		"lang-english.json": {"/articles/0/lang"},
	}
	files, err := filepath.Glob("testdata/broken/*.json")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, file := range files {
		name := filepath.Base(file)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil || !utf8.Valid(data) || bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
			continue // not JSON text: the model alone can say where
		}
		checked++
		var model, schema []string
		if _, err := article.Parse(name, data); err != nil {
			var ae *article.Error
			if !errors.As(err, &ae) {
				t.Fatal(err)
			}
			for _, p := range ae.Problems {
				model = append(model, p.Pointer)
			}
		}
		for _, f := range v.schemaFindings(inst) {
			schema = append(schema, f.pointer)
		}
		for _, ptr := range model {
			if !slices.Contains(schema, ptr) && !slices.Contains(modelOnly[name], ptr) {
				t.Errorf("%s: the model finds a problem at %q, the schema does not (schema: %q)", name, ptr, schema)
			}
		}
		for _, ptr := range schema {
			if !slices.Contains(model, ptr) {
				t.Errorf("%s: the schema finds a problem at %q, the model does not (model: %q)", name, ptr, model)
			}
		}
		for _, ptr := range languageOnly[name] {
			if slices.Contains(model, ptr) || slices.Contains(schema, ptr) {
				t.Errorf("%s: %q was meant to be caught by the language check alone", name, ptr)
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d broken datasets were JSON", checked)
	}
}

// TestSchemaMessages checks the translation of each kind of schema error
// into plain words with a hint, without jsonschema's own wording.
func TestSchemaMessages(t *testing.T) {
	v := validator(t)
	long := strings.Repeat("word ", 81)
	tests := []struct {
		scenario string
		doc      string
		pointer  string
		message  string
		hint     string
	}{
		{"required", `{"articles":[{"slug":"a","body":[{"type":"paragraph","text":"t"}]}]}`,
			"/articles/0", `missing field "headline"`, `add "headline": "Town council opens new library"`},
		{"required several", `{"articles":[{"slug":"a","headline":"h","body":[{"type":"paragraph","text":"t"}],"figures":[{"image":{"src":"/a.jpg"}}]}]}`,
			"/articles/0/figures/0/image", `missing fields "alt", "width" and "height"`, `add "alt": `},
		{"additional property, near a known one", `{"articles":[{"slug":"a","headlin":"h","headline":"h","body":[{"type":"paragraph","text":"t"}]}]}`,
			"/articles/0/headlin", `unknown field "headlin"`, `did you mean "headline"?`},
		{"additional property", `{"articles":[{"slug":"a","headline":"h","colour":"red","body":[{"type":"paragraph","text":"t"}]}]}`,
			"/articles/0/colour", `unknown field "colour"`, "the fields allowed here are authors, body,"},
		{"type", `{"articles":[{"slug":"a","headline":"h","body":[{"type":"paragraph","text":"t"}],"authors":"Jane"}]}`,
			"/articles/0/authors", `"authors" should be a list in square brackets [ ], not text`, `for example ["Jane Example","John Sample"]`},
		{"type of an item", `{"articles":[{"slug":"a","headline":"h","body":[{"type":"paragraph","text":"t"}],"authors":[7]}]}`,
			"/articles/0/authors/0", "author 0 should be text in double quotes, not a number", `for example "Jane Example"`},
		{"type at the top", `[]`, "", "the dataset should be an object in braces { }, not a list", `{"articles": [ ... ]}`},
		{"pattern of a slug", `{"articles":[{"slug":"A_b","headline":"h","body":[{"type":"paragraph","text":"t"}]}]}`,
			"/articles/0/slug", `slug "A_b" is not URL-safe`, "lower-case letters"},
		{"pattern of a web address", `{"articles":[{"slug":"a","headline":"h","source_url":"ftp://x","body":[{"type":"paragraph","text":"t"}]}]}`,
			"/articles/0/source_url", `"ftp://x" is not an http or https address`, "https://"},
		{"pattern of text: blank", `{"articles":[{"slug":"a","headline":" ","body":[{"type":"paragraph","text":"t"}]}]}`,
			"/articles/0/headline", `"headline" is blank`, "write the text"},
		{"pattern of text: line break", `{"articles":[{"slug":"a","headline":"a\nb","body":[{"type":"paragraph","text":"t"}]}]}`,
			"/articles/0/headline", `"headline" holds the control character U+000A (a line break)`, "keep it on one line"},
		{"pattern of a date", `{"articles":[{"slug":"a","headline":"h","published":"5 March","body":[{"type":"paragraph","text":"t"}]}]}`,
			"/articles/0/published", `"5 March" is not a date`, "2006-01-02"},
		{"format of a date", `{"articles":[{"slug":"a","headline":"h","published":"2024-02-30","body":[{"type":"paragraph","text":"t"}]}]}`,
			"/articles/0/published", "not a real date", "real month, day"},
		{"enum", `{"articles":[{"slug":"a","headline":"h","body":[{"type":"image"}]}]}`,
			"/articles/0/body/0/type", `"type" is "image", which is not one of "paragraph" or "read_more"`, "what the block is"},
		{"maxLength", `{"articles":[{"slug":"a","headline":"` + long + `","body":[{"type":"paragraph","text":"t"}]}]}`,
			"/articles/0/headline", `"headline" is 405 characters long, more than 400`, "shorten it"},
		{"minimum", `{"articles":[{"slug":"a","headline":"h","figures":[{"image":{"src":"/a.jpg","alt":"","width":-3,"height":2}}],"body":[{"type":"paragraph","text":"t"}]}]}`,
			"/articles/0/figures/0/image/width", `"width" is -3, less than 1`, "a whole number from 1 to 100000"},
		{"maximum", `{"articles":[{"slug":"a","headline":"h","figures":[{"image":{"src":"/a.jpg","alt":"","width":3,"height":100001}}],"body":[{"type":"paragraph","text":"t"}]}]}`,
			"/articles/0/figures/0/image/height", `"height" is 100001, more than 100000`, "a whole number from 1 to 100000"},
		{"minItems", `{"articles":[{"slug":"a","headline":"h","body":[]}]}`,
			"/articles/0/body", `"body" is empty`, "add at least one paragraph"},
		{"anyOf of a dateline", `{"articles":[{"slug":"a","headline":"h","dateline":{"place":""},"body":[{"type":"paragraph","text":"t"}]}]}`,
			"/articles/0/dateline", "the dateline has neither place nor source", `give "place"`},
		{"anyOf of a figure", `{"articles":[{"slug":"a","headline":"h","figures":[{}],"body":[{"type":"paragraph","text":"t"}]}]}`,
			"/articles/0/figures/0", "the figure has neither a caption nor an image", `give it a "caption"`},
		{"not", `{"articles":[{"slug":"a","headline":"h","body":[{"type":"read_more","title":"t","slug":"a","url":"https://x.example"}]}]}`,
			"/articles/0/body/0", `the link has both "slug" and "url"`, `keep "slug"`},
	}
	internal := []string{"does not match pattern", "additional properties", "jsonschema", "minLength", "maxLength", "got ", "want ", "'anyOf'", "'not'", "allOf"}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			var found []finding
			for _, f := range v.schemaFindings(decode(t, []byte(tt.doc))) {
				if f.pointer == tt.pointer {
					found = append(found, f)
				}
			}
			if len(found) == 0 {
				t.Fatalf("no schema finding at %q", tt.pointer)
			}
			f := found[0]
			if !strings.Contains(f.message, tt.message) {
				t.Errorf("message %q\nwant it to hold %q", f.message, tt.message)
			}
			if !strings.Contains(f.hint, tt.hint) {
				t.Errorf("hint %q\nwant it to hold %q", f.hint, tt.hint)
			}
			for _, w := range internal {
				if strings.Contains(f.message, w) {
					t.Errorf("message %q speaks jsonschema (%q)", f.message, w)
				}
			}
		})
	}
}

func TestLanguageTags(t *testing.T) {
	for _, tag := range []string{"en", "ckb", "ar-IQ", "ku-Arab", "zh-Hant-TW", "en-GB", "sr-Latn"} {
		if msg, bad := checkLanguage(tag); bad {
			t.Errorf("checkLanguage(%q) = %q, want it accepted", tag, msg)
		}
	}
	for _, tag := range []string{"english", "e", "zz", "en-", "12", "en--GB", "xx-YY", ""} {
		if _, bad := checkLanguage(tag); !bad {
			t.Errorf("checkLanguage(%q) accepted it, want it refused", tag)
		}
	}
}

// TestSchemaOnlyProblems checks how problems that only the schema finds are
// placed: on the key for an unknown field, on the value otherwise, with
// the article they are in.
func TestSchemaOnlyProblems(t *testing.T) {
	strict := []byte(`{
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "articles": {"type": "array", "items": {"properties": {"headline": {"maxLength": 3}}}}
  }
}`)
	v, err := New(strict)
	if err != nil {
		t.Fatal(err)
	}
	data := []byte(`{
  "$schema": "./articles.schema.json",
  "articles": [
    {"slug": "a", "headline": "Four", "body": [{"type": "paragraph", "text": "t"}]}
  ]
}`)
	got := v.Problems(data)
	if len(got) != 2 {
		t.Fatalf("%d problems, want 2:\n%s", len(got), list(got))
	}
	want := []article.Problem{
		{Line: 2, Column: 3, Pointer: "/$schema", Article: -1},
		{Line: 4, Column: 31, Pointer: "/articles/0/headline", Article: 0, Slug: "a"},
	}
	for i, w := range want {
		p := got[i]
		if p.Line != w.Line || p.Column != w.Column || p.Pointer != w.Pointer || p.Article != w.Article || p.Slug != w.Slug {
			t.Errorf("problem %d = %+v, want %+v", i, p, w)
		}
	}
}

// TestProblemsSorted checks that problems from the model, the schema and
// the language check come out in file order, one per place.
func TestProblemsSorted(t *testing.T) {
	v := validator(t)
	data := []byte(`{"articles": [
  {"slug": "b", "lang": "english", "headline": "h", "body": [{"type": "paragraph", "text": "t"}]},
  {"slug": "b", "headline": 5, "body": []},
  {"slug": "c", "headline": "h", "extra": 1, "body": [{"type": "read_more", "title": "x", "slug": "nowhere"}]}
]}`)
	got := v.Problems(data)
	var places []string
	for _, p := range got {
		places = append(places, strconv.Itoa(p.Line)+":"+strconv.Itoa(p.Column)+" "+p.Pointer)
	}
	want := []string{
		"2:25 /articles/0/lang",
		"3:12 /articles/1/slug",
		"3:29 /articles/1/headline",
		"3:40 /articles/1/body",
		"4:34 /articles/2/extra",
		"4:99 /articles/2/body/0/slug",
	}
	if !slices.Equal(places, want) {
		t.Errorf("problems at\n%s\nwant\n%s\n%s", strings.Join(places, "\n"), strings.Join(want, "\n"), list(got))
	}
}

func TestNewRefusesBadSchema(t *testing.T) {
	for _, s := range []string{``, `{`, `{"type": 5}`} {
		if _, err := New([]byte(s)); err == nil {
			t.Errorf("New(%q) accepted it", s)
		}
	}
}

// TestSchemaDocumentsEveryField checks that each field of the format has a
// description and examples for editors, and that the schema's limits are
// the model's.
func TestSchemaDocumentsEveryField(t *testing.T) {
	v := validator(t)
	var walk func(ptr string, node any)
	fields := 0
	walk = func(ptr string, node any) {
		if n, ok := node.(map[string]any); ok {
			if props, ok := n["properties"].(map[string]any); ok {
				for name, p := range props {
					fields++
					sch := v.resolve(object(p))
					if sch["description"] == nil || sch["examples"] == nil {
						t.Errorf("%s/properties/%s lacks a description or examples", ptr, name)
					}
				}
			}
			// Fields are defined under these; anyOf, not and if hold
			// conditions on fields defined elsewhere, and are not walked.
			for _, k := range []string{"$defs", "properties", "items"} {
				if c, ok := n[k].(map[string]any); ok {
					if k == "items" {
						walk(ptr+"/items", c)
						continue
					}
					for name, d := range c {
						walk(ptr+"/"+k+"/"+escape(name), d)
					}
				}
			}
		}
	}
	walk("", v.doc)
	if fields < 30 {
		t.Errorf("only %d fields found", fields)
	}
	limits := []struct {
		frag string
		want int
	}{
		{"/$defs/slug", article.MaxSlugLength},
		{"/$defs/linkSlug", article.MaxSlugLength},
		{"/$defs/article/properties/headline", article.MaxHeadlineLength},
		{"/$defs/linkTitle", article.MaxHeadlineLength},
		{"/$defs/dateline/properties/place", article.MaxHeadlineLength},
		{"/$defs/dateline/properties/source", article.MaxHeadlineLength},
		{"/$defs/article/properties/authors/items", article.MaxHeadlineLength},
		{"/$defs/figure/properties/caption", article.MaxTextLength},
		{"/$defs/figure/properties/credit", article.MaxTextLength},
		{"/$defs/paragraph/properties/text", article.MaxTextLength},
	}
	for _, l := range limits {
		got, _ := v.node(l.frag)["maxLength"].(json.Number)
		if n, err := got.Int64(); err != nil || int(n) != l.want {
			t.Errorf("%s maxLength %q, want %d as in app/article", l.frag, got, l.want)
		}
	}
}

// TestRareSchemaErrors checks the words for error kinds that the dataset
// schema reaches only inside anyOf or not, with a small schema of its own.
func TestRareSchemaErrors(t *testing.T) {
	v, err := New([]byte(`{
  "type": "object",
  "properties": {
    "kind": {"const": "story", "description": "Always story."},
    "note": {"type": "string", "minLength": 1, "examples": ["a note"]},
    "code": {"type": "string", "minLength": 3, "description": "Three letters or more."},
    "tags": {"type": "array", "minItems": 2, "description": "Two tags or more."},
    "mood": {"oneOf": [{"type": "string"}, {"type": "integer"}], "description": "A word or a number."},
    "size": {"multipleOf": 2, "description": "An even number."}
  }
}`))
	if err != nil {
		t.Fatal(err)
	}
	found := v.schemaFindings(decode(t, []byte(`{"kind": "poem", "note": "", "code": "ab", "tags": ["x"], "mood": 1.5, "size": 3}`)))
	want := map[string][2]string{
		"/kind": {`"kind" must be "story", not "poem"`, "always story"},
		"/note": {`"note" is empty`, `for example "a note"`},
		"/code": {`"code" is 2 characters long, fewer than 3`, "three letters or more"},
		"/tags": {`"tags" has 1 items, fewer than 2`, "two tags or more"},
		"/mood": {`"mood" does not have a form the dataset format allows`, "a word or a number"},
		"/size": {`"size" is not valid: `, "an even number"},
	}
	if len(found) != len(want) {
		t.Errorf("%d findings, want %d: %+v", len(found), len(want), found)
	}
	for _, f := range found {
		w, ok := want[f.pointer]
		if !ok || !strings.Contains(f.message, w[0]) || !strings.Contains(f.hint, w[1]) {
			t.Errorf("at %q: %q (%q), want %q (%q)", f.pointer, f.message, f.hint, w[0], w[1])
		}
	}
}

// TestModelHints checks the hints added to the model's own problems.
func TestModelHints(t *testing.T) {
	v := validator(t)
	tests := []struct{ doc, hint string }{
		{`{"articles": [{"slug": "a", "headlnie": "h", "body": [{"type": "paragraph", "text": "t"}]}]}`, `did you mean "headline"? known fields here:`},
		{`{"articles": [{"slug": "a" "headline": "h"}]}`, "a comma is missing"},
		{`{"articles": [{"slug": "a", "headline": "h",}]}`, "remove the comma before the closing }"},
		{`{"articles": [1,]}`, "remove the comma before the closing ]"},
		{`{"articles": [{slug: "a"}]}`, "field names need double quotes"},
		{`{"articles": [{"slug": True}]}`, "put text in double quotes"},
		{`{"articles": [{"slug": tru}]}`, "lower case"},
		{`{"articles": [`, "a closing } or ] is missing"},
		{`{"articles": []} []`, "remove what follows"},
		{`{"articles": [{"slug": "a", "headline": ["h"], "body": [{"type": "paragraph", "text": "t"}]}]}`, "put the text in double quotes"},
	}
	for _, tt := range tests {
		got := v.Problems([]byte(tt.doc))
		if !slices.ContainsFunc(got, func(p article.Problem) bool { return strings.Contains(p.Hint, tt.hint) }) {
			t.Errorf("%s:\n%s\nwant a hint holding %q", tt.doc, list(got), tt.hint)
		}
	}
}
