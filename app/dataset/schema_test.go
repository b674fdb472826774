package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"dateline/app/article"
	"dateline/app/i18n"
	"dateline/app/jsonread"
)

// The JSON Schema in articles.schema.json is for editors: the model's own
// reading and validation are what the host and `dateline validate` run.
// These tests keep the two in agreement, with a JSON Schema validator
// used here only.

const schemaFile = "../../articles.schema.json"

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("urn:dateline:articles.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("urn:dateline:articles.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// schemaProblems returns where the schema finds problems: the instance
// locations of its innermost errors, as JSON pointers.
func schemaProblems(t *testing.T, sch *jsonschema.Schema, data []byte) []string {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var ve *jsonschema.ValidationError
	if err := sch.Validate(inst); !errors.As(err, &ve) {
		return nil
	}
	var out []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			var b strings.Builder
			for _, tok := range e.InstanceLocation {
				b.WriteString("/" + jsonread.PointerToken(tok))
			}
			if !slices.Contains(out, b.String()) {
				out = append(out, b.String())
			}
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

// within reports whether pointer p is q or inside it.
func within(p, q string) bool { return p == q || strings.HasPrefix(p, q+"/") }

// TestSchemaAgreesWithModel checks, on every broken dataset of the suite
// that is JSON, that the schema refuses it too, and that the two find
// problems in the same places: each of the schema's at or above one of
// the model's, each of the model's at or below one of the schema's (a
// schema places a missing or unknown field on its object), but for the
// checks no schema can make. Every good dataset passes both.
func TestSchemaAgreesWithModel(t *testing.T) {
	sch := compileSchema(t)
	// modelOnly are the model's problems beyond any JSON Schema: they need
	// the whole dataset, the raw text, to compare two values, or the time.
	modelOnly := map[string][]string{
		"dangling-read-more.json":       {"/articles/0/body/1/slug"},
		"dangling-related.json":         {"/articles/0/related/0/slug"},
		"related-not-object.json":       {"/articles/0/related/1/slug"},
		"duplicate-slug.json":           {"/articles/1/slug"},
		"duplicate-key.json":            {"/articles/0/headline"},
		"updated-before-published.json": {"/articles/0/updated"},
		"section-same-slug.json":        {"/articles/1/section"},
		"tag-same-slug.json":            {"/articles/1/tags/0"},
		"tag-twice.json":                {"/articles/0/tags/1"},
		"site-editions.json":            {"/site/editions/2/lang"},
		"site-edition-own-lang.json":    {"/site/editions/0/lang"},
		// Two spellings of one name: compared as search folds them.
		"section-spelt-two-ways.json":   {"/articles/1/section"},
		"tag-spelt-two-ways.json":       {"/articles/1/tags/0"},
		"tag-twice-spelt-two-ways.json": {"/articles/0/tags/1"},
		// A date is compared with the time of the check, which a
		// schema cannot know.
		"published-future.json": {"/articles/0/published"},
		"updated-future.json":   {"/articles/0/updated"},
		// A label's placeholders are the English text's: each key's own.
		"labels-missing-placeholder.json": {"/site/labels/list.tagged", "/site/labels/list.page_of"},
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
		// A byte order mark, which the model passes over, is no part of
		// the JSON text the schema checks.
		text := bytes.TrimPrefix(data, bom)
		if _, err := jsonschema.UnmarshalJSON(bytes.NewReader(text)); err != nil || !utf8.Valid(text) ||
			bytes.Contains(text, []byte(`\ud`)) {
			continue // not JSON text: the model alone can say where
		}
		checked++
		_, err = LoadBytes(name, data)
		var model []string
		for _, p := range problemsOf(t, err).Problems {
			if !slices.Contains(modelOnly[name], p.Pointer) {
				model = append(model, p.Pointer)
			}
		}
		schema := schemaProblems(t, sch, text)
		if len(schema) == 0 && len(model) > 0 {
			t.Errorf("%s: the schema accepts it; the model finds %q", name, model)
			continue
		}
		for _, m := range model {
			if !slices.ContainsFunc(schema, func(s string) bool { return within(m, s) }) {
				t.Errorf("%s: the model finds a problem at %q, the schema none there (schema: %q)", name, m, schema)
			}
		}
		for _, s := range schema {
			if !slices.ContainsFunc(model, func(m string) bool { return within(m, s) }) {
				t.Errorf("%s: the schema finds a problem at %q, the model none there (model: %q)", name, s, model)
			}
		}
	}
	if checked < 45 {
		t.Errorf("only %d broken datasets were JSON", checked)
	}
	good, err := filepath.Glob("testdata/good/*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range append(good, "../../articles.json") {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if found := schemaProblems(t, sch, bytes.TrimPrefix(data, bom)); len(found) > 0 {
			t.Errorf("%s: the schema refuses a valid dataset at %q", file, found)
		}
	}
}

// TestSchemaKnowsEveryField checks that the schema lists the fields the
// model reads, object by object, each with a description and examples for
// editors.
func TestSchemaKnowsEveryField(t *testing.T) {
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	root := doc.(map[string]any)
	defs := root["$defs"].(map[string]any)
	props := func(n map[string]any) []string {
		var names []string
		for k, v := range n["properties"].(map[string]any) {
			names = append(names, k)
			p := v.(map[string]any)
			if ref, ok := p["$ref"].(string); ok && (p["description"] == nil || p["examples"] == nil) {
				p = defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any) // described where it is defined
			}
			if p["description"] == nil || p["examples"] == nil {
				t.Errorf("field %q lacks a description or examples", k)
			}
		}
		slices.Sort(names)
		return names
	}
	def := func(name string) map[string]any { return defs[name].(map[string]any) }
	for _, tt := range []struct {
		name   string
		schema map[string]any
		model  []string
	}{
		{"dataset", root, modelFields("dataset")},
		{"site", def("site"), modelFields("site")},
		{"edition", def("edition"), modelFields("edition")},
		{"article", def("article"), modelFields("article")},
		{"dateline", def("dateline"), modelFields("dateline")},
		{"figure", def("figure"), modelFields("figure")},
		{"image", def("image"), modelFields("image")},
		{"paragraph", def("paragraph"), modelFields("paragraph")},
		{"readMore", def("readMore"), modelFields("read_more")},
		{"link", def("link"), modelFields("link")},
	} {
		if got := props(tt.schema); !slices.Equal(got, tt.model) {
			t.Errorf("%s: the schema has the fields %q, the model %q", tt.name, got, tt.model)
		}
	}
}

// modelFields returns, sorted, the fields the model reads of an object.
func modelFields(object string) []string {
	fields := map[string][]string{
		"dataset":   article.DatasetFields,
		"site":      article.SiteFields,
		"edition":   article.EditionFields,
		"article":   article.ArticleFields,
		"dateline":  article.DatelineFields,
		"figure":    article.FigureFields,
		"image":     article.ImageFields,
		"paragraph": article.ParagraphField,
		"read_more": article.ReadMoreFields,
		"link":      article.LinkFields,
	}[object]
	return slices.Sorted(slices.Values(fields))
}

// TestSchemaKnowsEveryLabel checks that the keys the schema allows in
// site.labels are app/i18n's: every key, and each plural key in every
// form.
func TestSchemaKnowsEveryLabel(t *testing.T) {
	sch := compileSchema(t)
	var labels []string
	keys := i18n.Keys()
	settings := map[string]string{i18n.DigitsSetting: "arab", i18n.GroupSetting: "."}
	for _, k := range append(keys, i18n.DigitsSetting, i18n.GroupSetting) {
		v, ok := settings[k]
		if !ok {
			v = "x"
		}
		labels = append(labels, fmt.Sprintf("%q: %q", k, v))
		if base, ok := strings.CutSuffix(k, ".other"); ok {
			for _, form := range []string{"zero", "two", "few", "many"} {
				labels = append(labels, fmt.Sprintf("%q: %q", base+"."+form, "x"))
			}
		}
	}
	doc := func(labels ...string) []byte {
		return []byte(`{"site": {"labels": {` + strings.Join(labels, ", ") + `}}}`)
	}
	if found := schemaProblems(t, sch, doc(labels...)); len(found) > 0 {
		t.Errorf("the schema refuses keys app/i18n knows: %q", found)
	}
	for _, bad := range []string{`"list.lastest": "x"`, `"search.results.several": "x"`, `"list.latest": ""`, `"digits": "x"`, `"number.group": ", "`} {
		if found := schemaProblems(t, sch, doc(bad)); len(found) == 0 {
			t.Errorf("the schema accepts labels {%s}", bad)
		}
		if _, err := LoadBytes("labels.json", []byte(`{"site": {"lang": "ar", "labels": {`+bad+`}}, "articles": [`+story("a", "")+`]}`)); err == nil {
			t.Errorf("the model accepts labels {%s}", bad)
		}
	}
}
