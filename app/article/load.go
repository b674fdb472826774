package article

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Problem is one thing wrong with a dataset, with its place in the file.
type Problem struct {
	// Line and Column are 1-based; Column counts characters.
	Line, Column int
	// Pointer is the JSON pointer of the value, for example /articles/3/body/2/text.
	Pointer string
	// Article is the index of the article the problem is in, or -1.
	Article int
	// Slug is that article's slug, when it has a usable one.
	Slug string
	// Message says what is wrong; Hint says how to fix it.
	Message, Hint string
}

// String formats the problem as "line:col: pointer (article): message. hint".
func (p Problem) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d:%d: ", p.Line, p.Column)
	if p.Pointer != "" {
		b.WriteString(p.Pointer + ": ")
	}
	if p.Article >= 0 {
		if p.Slug != "" {
			fmt.Fprintf(&b, "article %d (%q): ", p.Article, p.Slug)
		} else {
			fmt.Fprintf(&b, "article %d: ", p.Article)
		}
	}
	b.WriteString(p.Message)
	if p.Hint != "" {
		b.WriteString(" (" + p.Hint + ")")
	}
	return b.String()
}

// Error lists every problem found in one dataset file.
type Error struct {
	File     string
	Problems []Problem
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d problem", e.File, len(e.Problems))
	if len(e.Problems) != 1 {
		b.WriteString("s")
	}
	for _, p := range e.Problems {
		b.WriteString("\n  " + e.File + ":" + p.String())
	}
	return b.String()
}

// Limits on the size of values, so that one bad entry cannot make a page
// unreadable or the host slow.
const (
	MaxSlugLength     = 100
	MaxHeadlineLength = 400
	MaxTextLength     = 20000
)

var (
	slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	langPattern = regexp.MustCompile(`^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$`)
)

// Parse decodes and checks a dataset. On failure the error is an *Error
// listing every problem with its line, column and JSON pointer; file names
// the data in messages.
func Parse(file string, data []byte) (*Dataset, error) {
	return Read(data).Dataset(file)
}

// Document is a dataset file read once. The model's checks (Dataset), the
// generic value a JSON Schema validator reads (Value) and the places of
// values (Locator) all come from it. They may be used from several
// goroutines at once: none changes the document.
//
// Of a valid file, only what is outside the articles is kept as a tree;
// each article is read when it is needed and dropped after, so that a
// large dataset never has all its values in memory at once.
type Document struct {
	data []byte
	root *node // nil when the file is not a JSON document
	// valid tells that the tree was read from a document encoding/json
	// finds valid: only then does Value decode it.
	valid bool
	// articles is the top-level "articles" array when its elements are
	// read one at a time; offsets holds where each starts.
	articles *node
	offsets  []int
	// fault says why root is nil: where, what and how to fix it.
	fault *syntaxError
	hint  string
}

// Read reads data as JSON. It fails only in what Dataset then reports: a
// file that is empty, starts with a byte order mark, is not UTF-8 or is
// not a JSON document.
func Read(data []byte) *Document { return read(data, true) }

// read is Read, with the articles read at once unless lazy.
func read(data []byte, lazy bool) *Document {
	d := &Document{data: data}
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		d.fault = &syntaxError{off: 0, msg: "the file is empty"}
		d.hint = `a dataset is a JSON object such as {"articles": [...]}`
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		d.fault = &syntaxError{off: 0, msg: "the file starts with a byte order mark (BOM)"}
		d.hint = "save it as UTF-8 without a BOM"
	case !utf8.Valid(data):
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		d.fault = &syntaxError{off: off, msg: fmt.Sprintf("invalid UTF-8: byte 0x%02x at offset %d", data[off], off)}
		d.hint = "save the file as UTF-8"
	case json.Valid(data):
		// The common case, a well-formed file, takes a direct scan that
		// is several times faster than the decoder's token stream.
		sc := newScanner(data)
		sc.lazy = lazy
		root, err := sc.value(0)
		if err != nil {
			d.syntaxFault(err)
			return d
		}
		d.root, d.valid, d.articles, d.offsets = root, true, sc.articles, sc.offsets
	default:
		root, err := decodeTree(data)
		if err != nil {
			d.syntaxFault(err)
			return d
		}
		d.root = root
	}
	return d
}

func (d *Document) syntaxFault(err error) {
	se := err.(*syntaxError)
	d.fault = &syntaxError{off: se.off, msg: "JSON syntax error: " + se.msg}
}

// Dataset runs the model's checks and returns the dataset. On failure the
// error is an *Error listing every problem with its line, column and JSON
// pointer; file names the data in messages.
func (d *Document) Dataset(file string) (*Dataset, error) {
	c := &checker{data: d.data, article: -1, doc: d, sc: newScanner(d.data)}
	var ds *Dataset
	if d.fault != nil {
		c.problemAt(d.fault.off, nil, d.fault.msg, d.hint)
	} else {
		ds = c.dataset(d.root)
	}
	if len(c.problems) > 0 {
		return nil, &Error{File: file, Problems: c.problems}
	}
	return ds, nil
}

// count returns the number of elements of the array arts.
func (d *Document) count(arts *node) int {
	if arts == d.articles {
		return len(d.offsets)
	}
	return len(arts.elems)
}

// element returns element i of the array arts. An article read one at a
// time is read with sc, and its tree is valid until sc's next element.
func (d *Document) element(sc *scanner, arts *node, i int) *node {
	if arts != d.articles {
		return arts.elems[i]
	}
	sc.reset()
	return sc.article(d.offsets[i])
}

// Value returns the document in the generic form that encoding/json gives
// with UseNumber (maps, slices, strings, json.Number, bools, nil); ok is
// false when the file is not valid UTF-8 JSON without a byte order mark.
func (d *Document) Value() (v any, ok bool) {
	if n, ok := d.Articles(); ok {
		return d.ValueWithArticles(0, n), true
	}
	if d.root == nil || !d.valid {
		return nil, false
	}
	return d.root.value(), true
}

// Articles returns the number of elements of the top-level "articles"
// array; ok is false when Value fails or there is no such array.
func (d *Document) Articles() (n int, ok bool) {
	if d.root == nil || !d.valid || d.articles == nil {
		return 0, false
	}
	return len(d.offsets), true
}

// ValueWithArticles returns Value with the top-level "articles" array cut
// to its elements lo to hi-1, so that a large dataset can be converted and
// checked a part at a time. It needs Articles to succeed and lo <= hi <= n.
func (d *Document) ValueWithArticles(lo, hi int) any {
	sc := newScanner(d.data)
	m := make(map[string]any, len(d.root.members))
	for _, mb := range d.root.members {
		if _, dup := m[mb.key]; dup {
			continue // the first wins, as in value
		}
		if mb.val != d.articles {
			m[mb.key] = mb.val.value()
			continue
		}
		part := make([]any, hi-lo)
		for i := range part {
			part[i] = d.element(sc, d.articles, lo+i).value()
		}
		m[mb.key] = part
	}
	return m
}

// Locator returns a Locator over the document; it fails when the file is
// not a JSON document.
func (d *Document) Locator() (*Locator, error) {
	if d.root == nil {
		return nil, d.fault
	}
	return NewLocator(d.data)
}

// checker walks the JSON tree, builds the model and collects problems.
type checker struct {
	data     []byte
	doc      *Document
	sc       *scanner // reads the articles
	problems []Problem
	article  int    // index of the article being checked, or -1
	slug     string // its slug, when valid
}

// path is the JSON pointer of a value, held as its parent's path and its
// own token, and written out only for a problem: a large dataset has
// hundreds of thousands of values and few problems, if any. The nil path
// is the whole document.
type path struct {
	parent *path
	key    string // the member's name, when index is -1
	index  int    // the element's index in its array, or -1
}

// field returns the path of the member key of the object at p.
func (p *path) field(key string) path { return path{parent: p, key: key, index: -1} }

// item returns the path of element i of the array at p.
func (p *path) item(i int) path { return path{parent: p, index: i} }

// String returns the pointer, such as /articles/3/body/2/text.
func (p *path) String() string {
	var tokens []string
	for q := p; q != nil; q = q.parent {
		if q.index >= 0 {
			tokens = append(tokens, strconv.Itoa(q.index))
		} else {
			tokens = append(tokens, pointerToken(q.key))
		}
	}
	var b strings.Builder
	for i := len(tokens) - 1; i >= 0; i-- {
		b.WriteString("/" + tokens[i])
	}
	return b.String()
}

func (c *checker) problemAt(off int, at *path, msg, hint string) {
	line, col := position(c.data, off)
	c.problems = append(c.problems, Problem{
		Line: line, Column: col, Pointer: at.String(),
		Article: c.article, Slug: c.slug,
		Message: msg, Hint: hint,
	})
}

func (c *checker) problem(n *node, at *path, msg, hint string) { c.problemAt(n.off, at, msg, hint) }

func (c *checker) dataset(root *node) *Dataset {
	var doc *path
	if !c.isKind(root, doc, kindObject) {
		return nil
	}
	c.fields(root, doc, "$schema", "articles")
	ds := &Dataset{}
	if n := root.get("$schema"); n != nil {
		p := doc.field("$schema")
		ds.Schema, _ = c.str(n, &p)
	}
	arts := root.get("articles")
	if arts == nil {
		c.problem(root, doc, `missing field "articles"`, `add "articles": [ ... ] with one object per article`)
		return ds
	}
	artsAt := doc.field("articles")
	if !c.isKind(arts, &artsAt, kindArray) {
		return ds
	}
	n := c.doc.count(arts)
	if n == 0 {
		c.problem(arts, &artsAt, "the dataset has no articles", "add at least one article")
	}
	ds.Articles = make([]Article, n)
	for i := range n {
		c.article, c.slug = i, ""
		at := artsAt.item(i)
		ds.Articles[i] = c.articleAt(c.doc.element(c.sc, arts, i), &at)
	}
	c.article, c.slug = -1, ""
	c.crossChecks(ds, arts, &artsAt)
	return ds
}

func (c *checker) articleAt(n *node, at *path) Article {
	var a Article
	if !c.isKind(n, at, kindObject) {
		return a
	}
	c.fields(n, at, "slug", "lang", "headline", "dateline", "published", "authors", "source_url", "figures", "body", "related")
	if s, ok := c.required(n, at, "slug", "a URL-safe name such as \"kurdistan-parliament-session\""); ok {
		a.Slug = s
		p := at.field("slug")
		switch {
		case len(s) > MaxSlugLength:
			c.problem(n.get("slug"), &p, fmt.Sprintf("slug is %d characters long, more than %d", len(s), MaxSlugLength), "shorten it")
		case !slugPattern.MatchString(s):
			c.problem(n.get("slug"), &p, fmt.Sprintf("slug %q is not URL-safe", s), "use lower-case letters a-z, digits and single hyphens, for example \"kurdistan-parliament-session\"")
		default:
			c.slug = s
		}
	}
	if v := n.get("lang"); v != nil {
		p := at.field("lang")
		if s, ok := c.str(v, &p); ok {
			if !langPattern.MatchString(s) {
				c.problem(v, &p, fmt.Sprintf("%q is not a language tag", s), `use a BCP 47 tag such as "en", "ar" or "ckb"`)
			}
			a.Lang = s
		}
	}
	if s, ok := c.required(n, at, "headline", "the story's title"); ok {
		a.Headline = s
		p := at.field("headline")
		c.textLimits(n.get("headline"), &p, s, MaxHeadlineLength, false)
	}
	if v := n.get("dateline"); v != nil {
		p := at.field("dateline")
		a.Dateline = c.datelineAt(v, &p)
	}
	if v := n.get("published"); v != nil {
		p := at.field("published")
		if s, ok := c.str(v, &p); ok {
			if !validDate(s) {
				c.problem(v, &p, fmt.Sprintf("%q is not a date", s), `use "2006-01-02" or an RFC 3339 time such as "2006-01-02T15:04:05Z"`)
			}
			a.Published = s
		}
	}
	if v := n.get("authors"); v != nil {
		p := at.field("authors")
		if c.isKind(v, &p, kindArray) {
			for i, e := range v.elems {
				ep := p.item(i)
				if s, ok := c.str(e, &ep); ok {
					if c.textLimits(e, &ep, s, MaxHeadlineLength, false) {
						a.Authors = append(a.Authors, s)
					}
				}
			}
		}
	}
	if v := n.get("source_url"); v != nil {
		p := at.field("source_url")
		if s, ok := c.str(v, &p); ok {
			c.webURL(v, &p, s)
			a.SourceURL = s
		}
	}
	if v := n.get("figures"); v != nil {
		p := at.field("figures")
		if c.isKind(v, &p, kindArray) {
			for i, e := range v.elems {
				ep := p.item(i)
				a.Figures = append(a.Figures, c.figureAt(e, &ep))
			}
		}
	}
	if v := n.get("body"); v == nil {
		c.problem(n, at, `missing field "body"`, `add "body": [{"type": "paragraph", "text": "..."}]`)
	} else if p := at.field("body"); c.isKind(v, &p, kindArray) {
		if len(v.elems) == 0 {
			c.problem(v, &p, "body is empty", "add at least one paragraph")
		}
		for i, e := range v.elems {
			ep := p.item(i)
			a.Body = append(a.Body, c.blockAt(e, &ep))
		}
	}
	if v := n.get("related"); v != nil {
		p := at.field("related")
		if c.isKind(v, &p, kindArray) {
			for i, e := range v.elems {
				ep := p.item(i)
				var l Link
				if c.isKind(e, &ep, kindObject) {
					c.fields(e, &ep, "title", "slug", "url")
					l = c.linkAt(e, &ep)
				}
				// One entry per element, even a bad one, so that
				// crossChecks finds each link's node at the same index.
				a.Related = append(a.Related, l)
			}
		}
	}
	return a
}

func (c *checker) datelineAt(n *node, at *path) *Dateline {
	if !c.isKind(n, at, kindObject) {
		return nil
	}
	c.fields(n, at, "place", "source")
	d := &Dateline{}
	for _, f := range []struct {
		key string
		dst *string
	}{{"place", &d.Place}, {"source", &d.Source}} {
		if v := n.get(f.key); v != nil {
			p := at.field(f.key)
			if s, ok := c.str(v, &p); ok && c.textLimits(v, &p, s, MaxHeadlineLength, false) {
				*f.dst = s
			}
		}
	}
	if d.Place == "" && d.Source == "" {
		c.problem(n, at, "dateline has neither place nor source", `give "place" (such as "ERBIL") or "source", or remove the dateline`)
	}
	return d
}

func (c *checker) figureAt(n *node, at *path) Figure {
	var f Figure
	if !c.isKind(n, at, kindObject) {
		return f
	}
	c.fields(n, at, "caption", "credit", "image")
	for _, fl := range []struct {
		key string
		dst *string
	}{{"caption", &f.Caption}, {"credit", &f.Credit}} {
		if v := n.get(fl.key); v != nil {
			p := at.field(fl.key)
			if s, ok := c.str(v, &p); ok && c.textLimits(v, &p, s, MaxTextLength, false) {
				*fl.dst = s
			}
		}
	}
	if v := n.get("image"); v != nil {
		if p := at.field("image"); c.isKind(v, &p, kindObject) {
			f.Image = c.imageAt(v, &p)
		}
	}
	if f.Caption == "" && f.Image == nil {
		c.problem(n, at, "figure has neither caption nor image", `give it a "caption", an "image", or both`)
	}
	return f
}

func (c *checker) imageAt(n *node, at *path) *Image {
	c.fields(n, at, "src", "alt", "width", "height")
	img := &Image{}
	if s, ok := c.required(n, at, "src", "the picture's address: an https URL or a path such as /web/images/photo.jpg"); ok {
		img.Src = s
		if !IsWebURL(s) && !isSitePath(s) {
			p := at.field("src")
			c.problem(n.get("src"), &p, fmt.Sprintf("image src %q is neither an http(s) URL nor a path on this site", s), `use "https://..." or a path starting with "/"`)
		}
	}
	if a := n.get("alt"); a == nil {
		c.problem(n, at, `missing field "alt"`, `describe the picture for readers who cannot see it ("" only if it is decorative)`)
	} else {
		p := at.field("alt")
		if s, ok := c.str(a, &p); ok {
			img.Alt = s
		}
	}
	img.Width = c.dimension(n, at, "width")
	img.Height = c.dimension(n, at, "height")
	return img
}

func (c *checker) dimension(n *node, at *path, key string) int {
	v := n.get(key)
	if v == nil {
		c.problem(n, at, fmt.Sprintf("missing field %q", key), "give the picture's size in pixels, so the page keeps its layout while it loads")
		return 0
	}
	p := at.field(key)
	if !c.isKind(v, &p, kindNumber) {
		return 0
	}
	i, err := strconv.Atoi(v.str)
	if err != nil || i <= 0 || i > 100000 {
		c.problem(v, &p, fmt.Sprintf("%s %s is not a whole number of pixels between 1 and 100000", key, v.str), "")
		return 0
	}
	return i
}

func (c *checker) blockAt(n *node, at *path) Block {
	var b Block
	if !c.isKind(n, at, kindObject) {
		return b
	}
	t, ok := c.required(n, at, "type", `"paragraph" or "read_more"`)
	if !ok {
		return b
	}
	b.Type = BlockType(t)
	switch b.Type {
	case Paragraph:
		c.fields(n, at, "type", "text")
		if s, ok := c.required(n, at, "text", "the paragraph's text"); ok {
			b.Text = s
			p := at.field("text")
			c.textLimits(n.get("text"), &p, s, MaxTextLength, true)
		}
	case ReadMore:
		c.fields(n, at, "type", "title", "slug", "url")
		b.Link = c.linkAt(n, at)
	default:
		p := at.field("type")
		c.problem(n.get("type"), &p, fmt.Sprintf("unknown block type %q", t), `use "paragraph" or "read_more"`)
	}
	return b
}

func (c *checker) linkAt(n *node, at *path) Link {
	var l Link
	if s, ok := c.required(n, at, "title", "the related story's headline"); ok {
		l.Title = s
		p := at.field("title")
		c.textLimits(n.get("title"), &p, s, MaxHeadlineLength, false)
	}
	if v := n.get("slug"); v != nil {
		p := at.field("slug")
		if s, ok := c.str(v, &p); ok {
			l.Slug = s
		}
	}
	if v := n.get("url"); v != nil {
		p := at.field("url")
		if s, ok := c.str(v, &p); ok {
			c.webURL(v, &p, s)
			l.URL = s
		}
	}
	if l.Slug != "" && l.URL != "" {
		c.problem(n, at, "link has both slug and url", "keep slug for an article in this dataset, url for a page elsewhere")
	}
	return l
}

// crossChecks runs the checks that need the whole dataset: unique slugs and
// links to articles that exist. An article is read again only to place a
// problem.
func (c *checker) crossChecks(ds *Dataset, arts *node, artsAt *path) {
	first := make(map[string]int, len(ds.Articles))
	for i, a := range ds.Articles {
		if a.Slug == "" {
			continue
		}
		if j, dup := first[a.Slug]; dup {
			c.article, c.slug = i, a.Slug
			at := artsAt.item(i)
			p := at.field("slug")
			c.problem(c.doc.element(c.sc, arts, i).get("slug"), &p,
				fmt.Sprintf("slug %q is already used by article %d", a.Slug, j), "give every article its own slug")
			continue
		}
		first[a.Slug] = i
	}
	// The links of an article are in its Body and Related only when
	// "body" and "related" are arrays, one entry for each element.
	for i, a := range ds.Articles {
		c.article, c.slug = i, a.Slug
		at := artsAt.item(i)
		for j, b := range a.Body {
			if b.Type == ReadMore && dangling(first, b.Link) {
				n := c.doc.element(c.sc, arts, i).get("body").elems[j]
				p := at.field("body")
				c.danglingLink(b.Link, n, p.item(j))
			}
		}
		for j, l := range a.Related {
			if dangling(first, l) {
				n := c.doc.element(c.sc, arts, i).get("related").elems[j]
				p := at.field("related")
				c.danglingLink(l, n, p.item(j))
			}
		}
	}
	c.article, c.slug = -1, ""
}

// dangling reports whether a link names a slug that no article of the
// dataset has; first holds the index of each slug's article.
func dangling(first map[string]int, l Link) bool {
	if l.Slug == "" {
		return false
	}
	_, ok := first[l.Slug]
	return !ok
}

// danglingLink reports the link of node n, at at, whose slug names no
// article.
func (c *checker) danglingLink(l Link, n *node, at path) {
	p := at.field("slug")
	c.problem(n.get("slug"), &p, fmt.Sprintf("related article %q is not in the dataset", l.Slug),
		"fix the slug, add that article, use \"url\" for a page elsewhere, or remove \"slug\" to show the title as not in this collection")
}

// fields reports members that are not in the format and keys given twice.
func (c *checker) fields(n *node, at *path, allowed ...string) {
	// The objects of the format have a handful of members: finding a key
	// among those before it is quicker than a map, but for a long object.
	var seen map[string]bool
	if len(n.members) > 16 {
		seen = make(map[string]bool, len(n.members))
	}
	for i, m := range n.members {
		var dup bool
		if seen != nil {
			dup = seen[m.key]
			seen[m.key] = true
		} else {
			dup = slices.ContainsFunc(n.members[:i], func(e member) bool { return e.key == m.key })
		}
		if dup {
			p := at.field(m.key)
			c.problemAt(m.keyOff, &p, fmt.Sprintf("field %q is given twice", m.key), "keep one")
			continue
		}
		if !slices.Contains(allowed, m.key) {
			p := at.field(m.key)
			c.problemAt(m.keyOff, &p, fmt.Sprintf("unknown field %q", m.key), "known fields here: "+strings.Join(allowed, ", "))
		}
	}
}

func (c *checker) isKind(n *node, at *path, k kind) bool {
	if n.kind != k {
		c.problem(n, at, fmt.Sprintf("expected %s, found %s", k, n.kind), "")
		return false
	}
	return true
}

func (c *checker) str(n *node, at *path) (string, bool) {
	if !c.isKind(n, at, kindString) {
		return "", false
	}
	return n.str, true
}

// required returns a non-blank string member, reporting it when missing.
func (c *checker) required(n *node, at *path, key, what string) (string, bool) {
	v := n.get(key)
	if v == nil {
		c.problem(n, at, fmt.Sprintf("missing field %q", key), "add "+key+": "+what)
		return "", false
	}
	p := at.field(key)
	s, ok := c.str(v, &p)
	if !ok {
		return "", false
	}
	if strings.TrimSpace(s) == "" {
		c.problem(v, &p, key+" is empty", "give "+what)
		return "", false
	}
	return s, true
}

// textLimits reports text that is too long or holds control characters
// (line breaks are allowed only where multiline is true).
func (c *checker) textLimits(n *node, at *path, s string, max int, multiline bool) bool {
	if l := utf8.RuneCountInString(s); l > max {
		c.problem(n, at, fmt.Sprintf("text is %d characters long, more than %d", l, max), "split or shorten it")
		return false
	}
	for _, r := range s {
		if (r == '\n' || r == '\t') && multiline {
			continue
		}
		if unicode.IsControl(r) {
			c.problem(n, at, fmt.Sprintf("text holds the control character %U", r), "remove it")
			return false
		}
	}
	return true
}

func (c *checker) webURL(n *node, at *path, s string) {
	if !IsWebURL(s) {
		c.problem(n, at, fmt.Sprintf("%q is not an http or https URL", s), `only addresses starting with "https://" or "http://" can be links`)
	}
}

// isSitePath reports whether s is an absolute path on this site (not "//host").
func isSitePath(s string) bool {
	return strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") &&
		!strings.ContainsAny(s, " \t\r\n<>\"\\")
}

func validDate(s string) bool {
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}
