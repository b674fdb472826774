package article

import (
	"bytes"
	"fmt"
	"regexp"
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
	c := &checker{data: data, article: -1}
	ds := c.dataset()
	if len(c.problems) > 0 {
		return nil, &Error{File: file, Problems: c.problems}
	}
	return ds, nil
}

// checker walks the JSON tree, builds the model and collects problems.
type checker struct {
	data     []byte
	problems []Problem
	article  int    // index of the article being checked, or -1
	slug     string // its slug, when valid
}

func (c *checker) problemAt(off int, ptr, msg, hint string) {
	line, col := position(c.data, off)
	c.problems = append(c.problems, Problem{
		Line: line, Column: col, Pointer: ptr,
		Article: c.article, Slug: c.slug,
		Message: msg, Hint: hint,
	})
}

func (c *checker) problem(n *node, ptr, msg, hint string) { c.problemAt(n.off, ptr, msg, hint) }

func (c *checker) dataset() *Dataset {
	data := c.data
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		c.problemAt(0, "", "the file is empty", `a dataset is a JSON object such as {"articles": [...]}`)
		return nil
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		c.problemAt(0, "", "the file starts with a byte order mark (BOM)", "save it as UTF-8 without a BOM")
		return nil
	case !utf8.Valid(data):
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		c.problemAt(off, "", fmt.Sprintf("invalid UTF-8: byte 0x%02x at offset %d", data[off], off), "save the file as UTF-8")
		return nil
	}
	root, err := parseTree(data)
	if err != nil {
		se := err.(*syntaxError)
		c.problemAt(se.off, "", "JSON syntax error: "+se.msg, "")
		return nil
	}
	if !c.isKind(root, "", kindObject) {
		return nil
	}
	c.fields(root, "", "$schema", "articles")
	ds := &Dataset{}
	if n := root.get("$schema"); n != nil {
		ds.Schema, _ = c.str(n, "/$schema")
	}
	arts := root.get("articles")
	if arts == nil {
		c.problem(root, "", `missing field "articles"`, `add "articles": [ ... ] with one object per article`)
		return ds
	}
	if !c.isKind(arts, "/articles", kindArray) {
		return ds
	}
	if len(arts.elems) == 0 {
		c.problem(arts, "/articles", "the dataset has no articles", "add at least one article")
	}
	ds.Articles = make([]Article, len(arts.elems))
	for i, n := range arts.elems {
		c.article, c.slug = i, ""
		ds.Articles[i] = c.articleAt(n, fmt.Sprintf("/articles/%d", i))
	}
	c.article, c.slug = -1, ""
	c.crossChecks(ds, arts)
	return ds
}

func (c *checker) articleAt(n *node, ptr string) Article {
	var a Article
	if !c.isKind(n, ptr, kindObject) {
		return a
	}
	c.fields(n, ptr, "slug", "lang", "headline", "dateline", "published", "authors", "source_url", "figures", "body", "related")
	if s, ok := c.required(n, ptr, "slug", "a URL-safe name such as \"kurdistan-parliament-session\""); ok {
		a.Slug = s
		p := ptr + "/slug"
		switch {
		case len(s) > MaxSlugLength:
			c.problem(n.get("slug"), p, fmt.Sprintf("slug is %d characters long, more than %d", len(s), MaxSlugLength), "shorten it")
		case !slugPattern.MatchString(s):
			c.problem(n.get("slug"), p, fmt.Sprintf("slug %q is not URL-safe", s), "use lower-case letters a-z, digits and single hyphens, for example \"kurdistan-parliament-session\"")
		default:
			c.slug = s
		}
	}
	if v := n.get("lang"); v != nil {
		if s, ok := c.str(v, ptr+"/lang"); ok {
			if !langPattern.MatchString(s) {
				c.problem(v, ptr+"/lang", fmt.Sprintf("%q is not a language tag", s), `use a BCP 47 tag such as "en", "ar" or "ckb"`)
			}
			a.Lang = s
		}
	}
	if s, ok := c.required(n, ptr, "headline", "the story's title"); ok {
		a.Headline = s
		c.textLimits(n.get("headline"), ptr+"/headline", s, MaxHeadlineLength, false)
	}
	if v := n.get("dateline"); v != nil {
		a.Dateline = c.datelineAt(v, ptr+"/dateline")
	}
	if v := n.get("published"); v != nil {
		if s, ok := c.str(v, ptr+"/published"); ok {
			if !validDate(s) {
				c.problem(v, ptr+"/published", fmt.Sprintf("%q is not a date", s), `use "2006-01-02" or an RFC 3339 time such as "2006-01-02T15:04:05Z"`)
			}
			a.Published = s
		}
	}
	if v := n.get("authors"); v != nil && c.isKind(v, ptr+"/authors", kindArray) {
		for i, e := range v.elems {
			p := fmt.Sprintf("%s/authors/%d", ptr, i)
			if s, ok := c.str(e, p); ok {
				if c.textLimits(e, p, s, MaxHeadlineLength, false) {
					a.Authors = append(a.Authors, s)
				}
			}
		}
	}
	if v := n.get("source_url"); v != nil {
		if s, ok := c.str(v, ptr+"/source_url"); ok {
			c.webURL(v, ptr+"/source_url", s)
			a.SourceURL = s
		}
	}
	if v := n.get("figures"); v != nil && c.isKind(v, ptr+"/figures", kindArray) {
		for i, e := range v.elems {
			a.Figures = append(a.Figures, c.figureAt(e, fmt.Sprintf("%s/figures/%d", ptr, i)))
		}
	}
	if v := n.get("body"); v == nil {
		c.problem(n, ptr, `missing field "body"`, `add "body": [{"type": "paragraph", "text": "..."}]`)
	} else if c.isKind(v, ptr+"/body", kindArray) {
		if len(v.elems) == 0 {
			c.problem(v, ptr+"/body", "body is empty", "add at least one paragraph")
		}
		for i, e := range v.elems {
			a.Body = append(a.Body, c.blockAt(e, fmt.Sprintf("%s/body/%d", ptr, i)))
		}
	}
	if v := n.get("related"); v != nil && c.isKind(v, ptr+"/related", kindArray) {
		for i, e := range v.elems {
			p := fmt.Sprintf("%s/related/%d", ptr, i)
			var l Link
			if c.isKind(e, p, kindObject) {
				c.fields(e, p, "title", "slug", "url")
				l = c.linkAt(e, p)
			}
			// One entry per element, even a bad one, so that crossChecks
			// finds each link's node at the same index.
			a.Related = append(a.Related, l)
		}
	}
	return a
}

func (c *checker) datelineAt(n *node, ptr string) *Dateline {
	if !c.isKind(n, ptr, kindObject) {
		return nil
	}
	c.fields(n, ptr, "place", "source")
	d := &Dateline{}
	for _, f := range []struct {
		key string
		dst *string
	}{{"place", &d.Place}, {"source", &d.Source}} {
		if v := n.get(f.key); v != nil {
			if s, ok := c.str(v, ptr+"/"+f.key); ok && c.textLimits(v, ptr+"/"+f.key, s, MaxHeadlineLength, false) {
				*f.dst = s
			}
		}
	}
	if d.Place == "" && d.Source == "" {
		c.problem(n, ptr, "dateline has neither place nor source", `give "place" (such as "ERBIL") or "source", or remove the dateline`)
	}
	return d
}

func (c *checker) figureAt(n *node, ptr string) Figure {
	var f Figure
	if !c.isKind(n, ptr, kindObject) {
		return f
	}
	c.fields(n, ptr, "caption", "credit", "image")
	for _, fl := range []struct {
		key string
		dst *string
	}{{"caption", &f.Caption}, {"credit", &f.Credit}} {
		if v := n.get(fl.key); v != nil {
			if s, ok := c.str(v, ptr+"/"+fl.key); ok && c.textLimits(v, ptr+"/"+fl.key, s, MaxTextLength, false) {
				*fl.dst = s
			}
		}
	}
	if v := n.get("image"); v != nil && c.isKind(v, ptr+"/image", kindObject) {
		p := ptr + "/image"
		c.fields(v, p, "src", "alt", "width", "height")
		img := &Image{}
		if s, ok := c.required(v, p, "src", "the picture's address: an https URL or a path such as /web/images/photo.jpg"); ok {
			img.Src = s
			if !IsWebURL(s) && !isSitePath(s) {
				c.problem(v.get("src"), p+"/src", fmt.Sprintf("image src %q is neither an http(s) URL nor a path on this site", s), `use "https://..." or a path starting with "/"`)
			}
		}
		if a := v.get("alt"); a == nil {
			c.problem(v, p, `missing field "alt"`, `describe the picture for readers who cannot see it ("" only if it is decorative)`)
		} else if s, ok := c.str(a, p+"/alt"); ok {
			img.Alt = s
		}
		img.Width = c.dimension(v, p, "width")
		img.Height = c.dimension(v, p, "height")
		f.Image = img
	}
	if f.Caption == "" && f.Image == nil {
		c.problem(n, ptr, "figure has neither caption nor image", `give it a "caption", an "image", or both`)
	}
	return f
}

func (c *checker) dimension(n *node, ptr, key string) int {
	v := n.get(key)
	if v == nil {
		c.problem(n, ptr, fmt.Sprintf("missing field %q", key), "give the picture's size in pixels, so the page keeps its layout while it loads")
		return 0
	}
	if !c.isKind(v, ptr+"/"+key, kindNumber) {
		return 0
	}
	i, err := strconv.Atoi(v.num.String())
	if err != nil || i <= 0 || i > 100000 {
		c.problem(v, ptr+"/"+key, fmt.Sprintf("%s %s is not a whole number of pixels between 1 and 100000", key, v.num), "")
		return 0
	}
	return i
}

func (c *checker) blockAt(n *node, ptr string) Block {
	var b Block
	if !c.isKind(n, ptr, kindObject) {
		return b
	}
	t, ok := c.required(n, ptr, "type", `"paragraph" or "read_more"`)
	if !ok {
		return b
	}
	b.Type = BlockType(t)
	switch b.Type {
	case Paragraph:
		c.fields(n, ptr, "type", "text")
		if s, ok := c.required(n, ptr, "text", "the paragraph's text"); ok {
			b.Text = s
			c.textLimits(n.get("text"), ptr+"/text", s, MaxTextLength, true)
		}
	case ReadMore:
		c.fields(n, ptr, "type", "title", "slug", "url")
		b.Link = c.linkAt(n, ptr)
	default:
		c.problem(n.get("type"), ptr+"/type", fmt.Sprintf("unknown block type %q", t), `use "paragraph" or "read_more"`)
	}
	return b
}

func (c *checker) linkAt(n *node, ptr string) Link {
	var l Link
	if s, ok := c.required(n, ptr, "title", "the related story's headline"); ok {
		l.Title = s
		c.textLimits(n.get("title"), ptr+"/title", s, MaxHeadlineLength, false)
	}
	if v := n.get("slug"); v != nil {
		if s, ok := c.str(v, ptr+"/slug"); ok {
			l.Slug = s
		}
	}
	if v := n.get("url"); v != nil {
		if s, ok := c.str(v, ptr+"/url"); ok {
			c.webURL(v, ptr+"/url", s)
			l.URL = s
		}
	}
	if l.Slug != "" && l.URL != "" {
		c.problem(n, ptr, "link has both slug and url", "keep slug for an article in this dataset, url for a page elsewhere")
	}
	return l
}

// crossChecks runs the checks that need the whole dataset: unique slugs and
// links to articles that exist.
func (c *checker) crossChecks(ds *Dataset, arts *node) {
	first := make(map[string]int)
	for i, a := range ds.Articles {
		if a.Slug == "" {
			continue
		}
		if j, dup := first[a.Slug]; dup {
			c.article, c.slug = i, a.Slug
			c.problem(arts.elems[i].get("slug"), fmt.Sprintf("/articles/%d/slug", i),
				fmt.Sprintf("slug %q is already used by article %d", a.Slug, j), "give every article its own slug")
			continue
		}
		first[a.Slug] = i
	}
	for i, a := range ds.Articles {
		an := arts.elems[i]
		if an.kind != kindObject {
			continue
		}
		c.article, c.slug = i, a.Slug
		check := func(l Link, n *node, ptr string) {
			if l.Slug == "" {
				return
			}
			if _, ok := first[l.Slug]; !ok {
				c.problem(n.get("slug"), ptr+"/slug", fmt.Sprintf("related article %q is not in the dataset", l.Slug),
					"fix the slug, add that article, use \"url\" for a page elsewhere, or remove \"slug\" to show the title as not in this collection")
			}
		}
		if body := an.get("body"); body != nil && body.kind == kindArray {
			for j, b := range a.Body {
				if b.Type == ReadMore {
					check(b.Link, body.elems[j], fmt.Sprintf("/articles/%d/body/%d", i, j))
				}
			}
		}
		if rel := an.get("related"); rel != nil && rel.kind == kindArray {
			for j, l := range a.Related {
				check(l, rel.elems[j], fmt.Sprintf("/articles/%d/related/%d", i, j))
			}
		}
	}
	c.article, c.slug = -1, ""
}

// fields reports members that are not in the format and keys given twice.
func (c *checker) fields(n *node, ptr string, allowed ...string) {
	seen := make(map[string]bool, len(n.members))
	for _, m := range n.members {
		p := ptr + "/" + pointerToken(m.key)
		if seen[m.key] {
			c.problemAt(m.keyOff, p, fmt.Sprintf("field %q is given twice", m.key), "keep one")
			continue
		}
		seen[m.key] = true
		known := false
		for _, a := range allowed {
			known = known || a == m.key
		}
		if !known {
			c.problemAt(m.keyOff, p, fmt.Sprintf("unknown field %q", m.key), "known fields here: "+strings.Join(allowed, ", "))
		}
	}
}

func (c *checker) isKind(n *node, ptr string, k kind) bool {
	if n.kind != k {
		c.problem(n, ptr, fmt.Sprintf("expected %s, found %s", k, n.kind), "")
		return false
	}
	return true
}

func (c *checker) str(n *node, ptr string) (string, bool) {
	if !c.isKind(n, ptr, kindString) {
		return "", false
	}
	return n.str, true
}

// required returns a non-blank string member, reporting it when missing.
func (c *checker) required(n *node, ptr, key, what string) (string, bool) {
	v := n.get(key)
	if v == nil {
		c.problem(n, ptr, fmt.Sprintf("missing field %q", key), "add "+key+": "+what)
		return "", false
	}
	s, ok := c.str(v, ptr+"/"+key)
	if !ok {
		return "", false
	}
	if strings.TrimSpace(s) == "" {
		c.problem(v, ptr+"/"+key, key+" is empty", "give "+what)
		return "", false
	}
	return s, true
}

// textLimits reports text that is too long or holds control characters
// (line breaks are allowed only where multiline is true).
func (c *checker) textLimits(n *node, ptr, s string, max int, multiline bool) bool {
	if l := utf8.RuneCountInString(s); l > max {
		c.problem(n, ptr, fmt.Sprintf("text is %d characters long, more than %d", l, max), "split or shorten it")
		return false
	}
	for _, r := range s {
		if (r == '\n' || r == '\t') && multiline {
			continue
		}
		if unicode.IsControl(r) {
			c.problem(n, ptr, fmt.Sprintf("text holds the control character %U", r), "remove it")
			return false
		}
	}
	return true
}

func (c *checker) webURL(n *node, ptr, s string) {
	if !IsWebURL(s) {
		c.problem(n, ptr, fmt.Sprintf("%q is not an http or https URL", s), `only addresses starting with "https://" or "http://" can be links`)
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
