package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"dateline/app/article"
)

// finding is one problem the schema (or the language check) found, before
// it is placed in the file.
type finding struct {
	pointer string
	// atKey places the problem on the member's key rather than its value,
	// as the model does for unknown fields.
	atKey bool
	// rank orders findings at the same pointer: only the first is kept.
	rank          int
	message, hint string
}

// Ranks: what makes a value unusable comes before what is wrong with it.
const (
	rankShape = iota // missing or unknown fields
	rankType
	rankChoice // enum, const
	rankValue  // pattern, lengths, bounds, formats
	rankForm   // anyOf, oneOf, not
	rankOther
)

var printer = message.NewPrinter(language.English)

// translate turns a jsonschema error tree into findings. Wrappers (the
// whole schema, $ref, allOf, if/then) are looked through; anyOf, oneOf and
// not are reported as one finding, since the errors of their branches say
// what each rejected alternative lacked, which only confuses.
func (v *Validator) translate(e *jsonschema.ValidationError, found []finding) []finding {
	return v.walk(e, nil, found)
}

// walk translates e. outer is the schema of the first error met at e's
// instance location: the property's own schema, whose description and
// examples fit the value better than those of a shared definition it
// refers to.
func (v *Validator) walk(e *jsonschema.ValidationError, outer *jsonschema.ValidationError, found []finding) []finding {
	if outer == nil || !slices.Equal(outer.InstanceLocation, e.InstanceLocation) {
		outer = e
	}
	switch e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf, *kind.Not:
		return append(found, v.describe(e, outer)...)
	}
	if len(e.Causes) > 0 {
		for _, c := range e.Causes {
			found = v.walk(c, outer, found)
		}
		return found
	}
	return append(found, v.describe(e, outer)...)
}

// describe says in plain words what one schema error means, with a hint
// built from the schema's own examples and descriptions.
func (v *Validator) describe(e, outer *jsonschema.ValidationError) []finding {
	tokens := e.InstanceLocation
	ptr := pointer(tokens)
	name := fieldName(tokens)
	frag := fragment(e.SchemaURL)
	sch := v.node(frag)
	// about is the schema that best describes the value, for hints.
	about := sch
	if o := v.node(fragment(outer.SchemaURL)); o["description"] != nil || o["examples"] != nil {
		about = o
	}
	one := func(rank int, msg, hint string) []finding {
		return []finding{{pointer: ptr, rank: rank, message: msg, hint: hint}}
	}
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		props := object(sch["properties"])
		var quoted, adds []string
		for _, m := range k.Missing {
			quoted = append(quoted, strconv.Quote(m))
			add := strconv.Quote(m)
			if ex, ok := v.example(object(props[m])); ok {
				add += ": " + ex
			}
			adds = append(adds, add)
		}
		msg := "missing field " + quoted[0]
		if len(quoted) > 1 {
			msg = "missing fields " + join(quoted)
		}
		if len(tokens) > 0 {
			msg = name + ": " + msg
		}
		return one(rankShape, msg, "add "+join(adds))

	case *kind.AdditionalProperties:
		allowed := slices.Sorted(mapKeys(object(sch["properties"])))
		var out []finding
		for _, p := range k.Properties {
			hint := "remove it; the fields allowed here are " + strings.Join(allowed, ", ")
			if near, ok := closest(p, allowed); ok {
				hint = fmt.Sprintf("did you mean %q? The fields allowed here are %s", near, strings.Join(allowed, ", "))
			}
			out = append(out, finding{
				pointer: ptr + "/" + escape(p), atKey: true, rank: rankShape,
				message: fmt.Sprintf("unknown field %q", p), hint: hint,
			})
		}
		return out

	case *kind.Type:
		var wants []string
		for _, w := range k.Want {
			wants = append(wants, typeWords[w])
		}
		msg := fmt.Sprintf("%s should be %s, not %s", name, strings.Join(wants, " or "), gotWords[k.Got])
		if len(tokens) == 0 {
			return one(rankType, msg, `a dataset is an object: {"articles": [ ... ]}`)
		}
		return one(rankType, msg, v.exampleHint(about))

	case *kind.Enum:
		var want []string
		for _, w := range k.Want {
			want = append(want, display(w))
		}
		msg := fmt.Sprintf("%s is %s, which is not one of %s", name, display(k.Got), joinWith(want, "or"))
		return one(rankChoice, msg, describeHint(about))

	case *kind.Const:
		return one(rankChoice, fmt.Sprintf("%s must be %s, not %s", name, display(k.Want), display(k.Got)), describeHint(about))

	case *kind.Pattern:
		msg, hint := v.patternWords(frag, name, k.Got, about)
		return one(rankValue, msg, hint)

	case *kind.MinLength:
		if k.Want == 1 {
			return one(rankValue, name+" is empty", v.exampleHint(about))
		}
		return one(rankValue, fmt.Sprintf("%s is %d characters long, fewer than %d", name, k.Got, k.Want), describeHint(about))

	case *kind.MaxLength:
		return one(rankValue, fmt.Sprintf("%s is %d characters long, more than %d", name, k.Got, k.Want), "shorten it or split it")

	case *kind.Minimum:
		return one(rankValue, fmt.Sprintf("%s is %s, less than %s", name, ratString(k.Got), ratString(k.Want)), describeHint(sch))

	case *kind.Maximum:
		return one(rankValue, fmt.Sprintf("%s is %s, more than %s", name, ratString(k.Got), ratString(k.Want)), describeHint(sch))

	case *kind.MinItems:
		if k.Got == 0 {
			return one(rankValue, name+" is empty", emptyListHint(tokens))
		}
		return one(rankValue, fmt.Sprintf("%s has %d items, fewer than %d", name, k.Got, k.Want), describeHint(about))

	case *kind.Format:
		return one(rankValue, fmt.Sprintf("%s is %s, which is not a real date or time", name, display(k.Got)), dateHint)

	case *kind.AnyOf, *kind.OneOf, *kind.Not:
		switch frag {
		case "/$defs/dateline":
			return one(rankForm, "the dateline has neither place nor source", `give "place" (such as "ERBIL") or "source", or remove the dateline`)
		case "/$defs/figure":
			return one(rankForm, "the figure has neither a caption nor an image", `give it a "caption", an "image", or both`)
		case "/$defs/date":
			return one(rankForm, fmt.Sprintf("%s is not a real date or time", name), dateHint)
		case "/$defs/readMore", "/$defs/link":
			return one(rankForm, `the link has both "slug" and "url"`, `keep "slug" for an article in this dataset, "url" for a page elsewhere`)
		}
		return one(rankForm, name+" does not have a form the dataset format allows", describeHint(about))
	}
	return one(rankOther, fmt.Sprintf("%s is not valid: %s", name, e.ErrorKind.LocalizedString(printer)), describeHint(about))
}

const dateHint = "write a date as 2006-01-02 or a time as 2006-01-02T15:04:05Z (RFC 3339), with a real month, day and hour"

// patternWords explains a string that does not match its pattern, by what
// the value is meant to be.
func (v *Validator) patternWords(frag, name, got string, sch map[string]any) (string, string) {
	val := display(got)
	switch frag {
	case "/$defs/slug", "/$defs/linkSlug":
		return fmt.Sprintf("slug %s is not URL-safe", val),
			`use lower-case letters a-z, digits and single hyphens, for example "town-council-opens-new-library"`
	case "/$defs/lang":
		return fmt.Sprintf("%s is not a language tag", val), `use a BCP 47 language tag such as "en", "ar", "ckb" or "ar-IQ"`
	case "/$defs/date":
		return fmt.Sprintf("%s is not a date", val), dateHint
	case "/$defs/webURL":
		return fmt.Sprintf("%s is not an http or https address", val),
			`only addresses starting with "https://" or "http://" can be links`
	case "/$defs/image/properties/src":
		return fmt.Sprintf("image address %s is neither an http(s) URL nor a path on this site", val),
			`use "https://..." or a path starting with "/"`
	case "/$defs/line", "/$defs/text":
		return textWords(name, got, false)
	case "/$defs/paragraph/properties/text":
		return textWords(name, got, true)
	}
	return fmt.Sprintf("%s %s is not in the form the dataset format expects", name, val), describeHint(sch)
}

// textWords says why a text value was refused: blank, or holding a control
// character (line breaks and tabs are allowed in paragraphs only).
func textWords(name, s string, multiline bool) (string, string) {
	if strings.TrimSpace(s) == "" {
		return name + " is blank", "write the text, or remove the field if it is optional"
	}
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t') || !unicode.IsControl(r) {
			continue
		}
		msg := fmt.Sprintf("%s holds the control character %U%s", name, r, controlNames[r])
		if r == '\n' || r == '\t' || r == '\r' {
			return msg, "keep it on one line: only a paragraph's text may hold line breaks and tabs"
		}
		return msg, "remove it"
	}
	return fmt.Sprintf("%s holds a character that is not allowed", name), "remove control characters"
}

var controlNames = map[rune]string{'\n': " (a line break)", '\t': " (a tab)", '\r': " (a carriage return)", 0: " (a NUL byte)"}

var typeWords = map[string]string{
	"string":  "text in double quotes",
	"integer": "a whole number",
	"number":  "a number",
	"array":   "a list in square brackets [ ]",
	"object":  "an object in braces { }",
	"boolean": "true or false",
	"null":    "null",
}

var gotWords = map[string]string{
	"string":  "text",
	"integer": "a whole number",
	"number":  "a number",
	"array":   "a list",
	"object":  "an object",
	"boolean": "true or false",
	"null":    "null",
}

// emptyListHint says what an empty list needs.
func emptyListHint(tokens []string) string {
	if len(tokens) > 0 {
		switch tokens[len(tokens)-1] {
		case "articles":
			return "add at least one article"
		case "body":
			return `add at least one paragraph: {"type": "paragraph", "text": "..."}`
		}
	}
	return "add at least one item, or remove the field if it is optional"
}

// fieldName names the value at a pointer for a reader: a quoted field
// name, or an item of a list.
func fieldName(tokens []string) string {
	if len(tokens) == 0 {
		return "the dataset"
	}
	last := tokens[len(tokens)-1]
	if len(tokens) >= 2 {
		if _, err := strconv.Atoi(last); err == nil {
			parent := tokens[len(tokens)-2]
			switch parent {
			case "articles":
				return "article " + last
			case "body":
				return "body block " + last
			case "figures":
				return "figure " + last
			case "related":
				return "related link " + last
			case "authors":
				return "author " + last
			}
			return fmt.Sprintf("item %s of %q", last, parent)
		}
	}
	return strconv.Quote(last)
}

// pointer joins instance location tokens into a JSON pointer.
func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteString("/" + escape(t))
	}
	return b.String()
}

// escape escapes a key for a JSON pointer (RFC 6901).
func escape(key string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(key)
}

// fragment returns the JSON pointer part of a schema location.
func fragment(schemaURL string) string {
	_, frag, _ := strings.Cut(schemaURL, "#")
	return frag
}

// node returns the schema object at a JSON pointer into the schema.
func (v *Validator) node(frag string) map[string]any {
	cur := v.doc
	if frag != "" {
		for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
			tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
			cur = object(cur)[tok]
		}
	}
	return object(cur)
}

// resolve follows a local "$ref" of a schema object without annotations.
func (v *Validator) resolve(sch map[string]any) map[string]any {
	for range 4 {
		ref, ok := sch["$ref"].(string)
		if !ok || sch["examples"] != nil {
			break
		}
		sch = v.node(strings.TrimPrefix(ref, "#"))
	}
	return sch
}

// example returns the first example of a schema object, as JSON; a long
// list or object is shown as its brackets only.
func (v *Validator) example(sch map[string]any) (string, bool) {
	ex, ok := v.resolve(sch)["examples"].([]any)
	if !ok || len(ex) == 0 {
		return "", false
	}
	s := compactJSON(ex[0])
	if len(s) > 80 {
		switch ex[0].(type) {
		case []any:
			return "[ ... ]", true
		case map[string]any:
			return "{ ... }", true
		}
	}
	return s, true
}

// exampleHint suggests the schema's example for a value.
func (v *Validator) exampleHint(sch map[string]any) string {
	if ex, ok := v.example(sch); ok {
		return "for example " + ex
	}
	return describeHint(sch)
}

// describeHint quotes the schema's description of a value.
func describeHint(sch map[string]any) string {
	d, _ := sch["description"].(string)
	d = strings.TrimSuffix(d, ".")
	if r, size := utf8.DecodeRuneInString(d); unicode.IsUpper(r) {
		d = string(unicode.ToLower(r)) + d[size:]
	}
	return d
}

func compactJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSpace(b.String())
}

// display shows a value from the dataset in a message, cut when long.
func display(v any) string {
	s := compactJSON(v)
	if utf8.RuneCountInString(s) > 80 {
		s = article.Truncate(s, 80)
	}
	return s
}

func ratString(r *big.Rat) string {
	if r == nil {
		return "?"
	}
	if r.IsInt() {
		return r.Num().String()
	}
	return r.FloatString(3)
}

func object(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func mapKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// join lists words as "a", "a and b" or "a, b and c".
func join(words []string) string { return joinWith(words, "and") }

// joinWith lists words as "a", "a or b" or "a, b or c".
func joinWith(words []string, conj string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

// closest returns the allowed name nearest to a misspelt one, when it is
// close enough to be what was meant.
func closest(name string, allowed []string) (string, bool) {
	best, bestDist := "", 3
	for _, a := range allowed {
		if strings.EqualFold(a, name) {
			return a, true
		}
		if d := distance(strings.ToLower(name), a); d < bestDist {
			best, bestDist = a, d
		}
	}
	return best, best != ""
}

// distance is the Levenshtein distance between two short strings.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
