// Package schema checks a dataset file twice over: against
// articles.schema.json, the JSON Schema that editors and other tools read,
// and against the model in app/article, which makes the checks a schema
// cannot express (unique slugs, related links that resolve, http(s)-only
// addresses, positions of syntax errors). It adds a check of language tags
// with golang.org/x/text/language.
//
// Both report the same kind of value, article.Problem, with a line, column
// and JSON pointer. Where both find something wrong with the same value,
// the model's problem is kept: it is the more specific. Schema problems
// are translated into plain words with a hint taken from the schema's own
// descriptions and examples.
//
// The package is used by the host only: app.wasm never validates.
package schema

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"

	"dateline/app/article"
)

// resource names the schema inside the compiler; it is never fetched.
const resource = "urn:dateline:articles.schema.json"

// Validator checks datasets against one compiled schema. It is safe for
// concurrent use.
type Validator struct {
	schema *jsonschema.Schema
	// doc is the schema as JSON, for the field lists, examples and
	// descriptions that hints quote.
	doc any
}

// New compiles the schema, the bytes of articles.schema.json.
func New(schemaJSON []byte) (*Validator, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, fmt.Errorf("reading the dataset schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(resource, doc); err != nil {
		return nil, fmt.Errorf("adding the dataset schema: %w", err)
	}
	sch, err := c.Compile(resource)
	if err != nil {
		return nil, fmt.Errorf("compiling the dataset schema: %w", err)
	}
	return &Validator{schema: sch, doc: doc}, nil
}

// Check validates a dataset and returns it. On failure the error is an
// *article.Error that lists every problem, sorted by position; file names
// the data in messages.
func (v *Validator) Check(file string, data []byte) (*article.Dataset, error) {
	ds, problems := v.check(file, data)
	if len(problems) > 0 {
		return nil, &article.Error{File: file, Problems: problems}
	}
	return ds, nil
}

// Problems returns every problem of a dataset, sorted by position; none
// when it is valid.
func (v *Validator) Problems(data []byte) []article.Problem {
	_, problems := v.check("", data)
	return problems
}

func (v *Validator) check(file string, data []byte) (*article.Dataset, []article.Problem) {
	// The file is read once; the model's checks and the schema's are
	// independent until merged, so they run side by side. Once the
	// model's are done, this goroutine takes on parts of the schema's. No
	// more goroutines run than there are cores: the runtime preempts the
	// extra ones with signals, which are slow on the virtual machines the
	// host runs on.
	doc := article.Read(data)
	schema := v.startFindings(doc, runtime.GOMAXPROCS(0)-1)
	model, ds := modelProblems(file, doc)
	for i := range model {
		explainModel(&model[i])
	}
	extra := v.extraProblems(doc, model, schema.finish())
	problems := append(model, extra...)
	slices.SortStableFunc(problems, func(a, b article.Problem) int {
		return cmp.Or(
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Pointer, b.Pointer),
			cmp.Compare(a.Message, b.Message),
		)
	})
	if len(problems) > 0 {
		return nil, problems
	}
	return ds, nil
}

// modelProblems runs the model's own checks.
func modelProblems(file string, doc *article.Document) ([]article.Problem, *article.Dataset) {
	ds, err := doc.Dataset(file)
	if err == nil {
		return nil, ds
	}
	var ae *article.Error
	if errors.As(err, &ae) {
		return ae.Problems, nil
	}
	return []article.Problem{{Line: 1, Column: 1, Article: -1, Message: err.Error()}}, nil
}

// findings runs the schema and the language check on a dataset file.
func (v *Validator) findings(data []byte) (*article.Document, []finding) {
	doc := article.Read(data)
	return doc, v.startFindings(doc, runtime.GOMAXPROCS(0)-1).finish()
}

// schemaCheck is the schema and language check of a document, under way.
// A large dataset is checked in parts: each part is the document with a
// slice of its articles, converted to the schema's generic form only when
// its turn comes, so that a part's values and the validator's garbage are
// freed before the next parts need memory: touching less memory is much
// of what makes the host start fast. The findings' pointers are moved
// back to the articles' places in the whole; those outside the articles,
// found once per part, are merged by extraProblems, which keeps one
// problem per place. A small document is one part, checked whole.
type schemaCheck struct {
	v        *Validator
	doc      *article.Document
	articles int          // the document's, when it is checked in parts
	results  [][]finding  // each part's
	next     atomic.Int64 // the next part to check
	helpers  sync.WaitGroup
}

// startFindings starts checking doc, on as many goroutines as helpers;
// finish completes it.
func (v *Validator) startFindings(doc *article.Document, helpers int) *schemaCheck {
	s := &schemaCheck{v: v, doc: doc}
	parts := 1
	if n, ok := doc.Articles(); ok && n/minPart >= 2 {
		s.articles, parts = n, n/minPart
	}
	s.results = make([][]finding, parts)
	for range min(helpers, parts) {
		s.helpers.Go(s.work)
	}
	return s
}

// finish checks the parts left, if any, and returns all the findings;
// nothing when the file cannot be decoded, which the model reports with
// its place.
func (s *schemaCheck) finish() []finding {
	s.work()
	s.helpers.Wait()
	return slices.Concat(s.results...)
}

// work checks parts until there are none left.
func (s *schemaCheck) work() {
	for p := int(s.next.Add(1) - 1); p < len(s.results); p = int(s.next.Add(1) - 1) {
		s.results[p] = s.part(p)
	}
}

func (s *schemaCheck) part(p int) []finding {
	if s.articles == 0 {
		inst, ok := s.doc.Value()
		if !ok {
			return nil
		}
		return append(s.v.schemaFindings(inst), languageFindings(inst)...)
	}
	parts := len(s.results)
	lo, hi := p*s.articles/parts, (p+1)*s.articles/parts
	inst := s.doc.ValueWithArticles(lo, hi)
	found := append(s.v.validate(inst), languageFindings(inst)...)
	for i := range found {
		found[i].pointer = shiftArticle(found[i].pointer, lo)
	}
	return found
}

// minPart is the fewest articles a part of a large dataset has: enough
// that the parts' own costs are small, few enough that a part's garbage is.
const minPart = 250

// extraProblems keeps the schema's and the language check's findings that
// the model did not already report at the same pointer, with their places.
func (v *Validator) extraProblems(doc *article.Document, model []article.Problem, found []finding) []article.Problem {
	if len(found) == 0 {
		return nil
	}

	// One problem per value: the model's if it has one, else the
	// schema's most telling.
	seen := make(map[string]bool, len(model)+len(found))
	for _, p := range model {
		seen[p.Pointer] = true
	}
	slices.SortStableFunc(found, func(a, b finding) int {
		return cmp.Or(cmp.Compare(a.pointer, b.pointer), cmp.Compare(a.rank, b.rank), cmp.Compare(a.message, b.message))
	})
	var keep []finding
	for _, f := range found {
		if !seen[f.pointer] {
			seen[f.pointer] = true
			keep = append(keep, f)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	loc, err := doc.Locator()
	if err != nil {
		return nil // the model could not read the tree either, and said why
	}
	problems := make([]article.Problem, 0, len(keep))
	for _, f := range keep {
		p := article.Problem{Pointer: f.pointer, Article: -1, Message: f.message, Hint: f.hint}
		var ok bool
		if f.atKey {
			p.Line, p.Column, ok = loc.Key(f.pointer)
		} else {
			p.Line, p.Column, ok = loc.Value(f.pointer)
		}
		if !ok {
			p.Line, p.Column = 1, 1
		}
		p.Article, p.Slug = articleOf(doc, f.pointer)
		problems = append(problems, p)
	}
	return problems
}

// schemaFindings validates a decoded dataset against the schema.
func (v *Validator) schemaFindings(inst any) []finding {
	return v.validate(inst)
}

// shiftArticle adds offset to the article index of a pointer below /articles/.
func shiftArticle(pointer string, offset int) string {
	rest, ok := strings.CutPrefix(pointer, "/articles/")
	if !ok {
		return pointer
	}
	idx, tail, _ := strings.Cut(rest, "/")
	i, err := strconv.Atoi(idx)
	if err != nil {
		return pointer
	}
	if tail != "" {
		tail = "/" + tail
	}
	return "/articles/" + strconv.Itoa(i+offset) + tail
}

// validate checks one document against the schema.
func (v *Validator) validate(inst any) []finding {
	err := v.schema.Validate(inst)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []finding{{message: "the dataset could not be checked against the schema: " + err.Error()}}
	}
	return v.translate(ve, nil)
}

// languageFindings checks each article's "lang" against the BCP 47
// registry, which the model, using the standard library only, cannot.
func languageFindings(inst any) []finding {
	root, _ := inst.(map[string]any)
	arts, _ := root["articles"].([]any)
	var found []finding
	for i, a := range arts {
		obj, _ := a.(map[string]any)
		tag, ok := obj["lang"].(string)
		if !ok {
			continue
		}
		if msg, bad := checkLanguage(tag); bad {
			found = append(found, finding{
				pointer: fmt.Sprintf("/articles/%d/lang", i),
				message: msg,
				hint:    `use a BCP 47 language tag such as "en", "ar", "ckb" or "ar-IQ"`,
			})
		}
	}
	return found
}

// checkLanguage says what is wrong with a language tag, if anything.
func checkLanguage(tag string) (string, bool) {
	_, err := language.Parse(tag)
	if err == nil {
		return "", false
	}
	var unknown language.ValueError
	if errors.As(err, &unknown) {
		return fmt.Sprintf("%q is not a known language: %q is not a registered language subtag", tag, unknown.Subtag()), true
	}
	return fmt.Sprintf("%q is not a language tag", tag), true
}

// articleOf returns the index of the article a pointer is in, and its slug
// when it is a usable one, as the model reports them.
func articleOf(doc *article.Document, pointer string) (int, string) {
	rest, ok := strings.CutPrefix(pointer, "/articles/")
	if !ok {
		return -1, ""
	}
	rest, _, _ = strings.Cut(rest, "/")
	i, err := strconv.Atoi(rest)
	n, ok := doc.Articles()
	if err != nil || !ok || i < 0 || i >= n {
		return -1, ""
	}
	root, _ := doc.ValueWithArticles(i, i+1).(map[string]any)
	arts, _ := root["articles"].([]any)
	obj, _ := arts[0].(map[string]any)
	slug, _ := obj["slug"].(string)
	if !isSlug(slug) {
		slug = ""
	}
	return i, slug
}

// isSlug reports whether s is a valid article slug.
func isSlug(s string) bool {
	if s == "" || len(s) > article.MaxSlugLength || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}
