// Package article holds Dateline's domain model: a dataset of news articles,
// each with a headline, an optional dateline and figures, a body of
// paragraphs and inline related links, and a list of related articles.
//
// The same types are used by the host (to validate, prerender and export) and
// by the WebAssembly client (to render). The package imports only the
// standard library so that it stays small in app.wasm.
package article

import (
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// DefaultLang is the language of an article whose "lang" field is empty.
const DefaultLang = "en"

// Dataset is a whole dataset held in memory, as small datasets and tools
// make it. The host reads large ones a file and an article at a time
// (app/dataset).
type Dataset struct {
	// Schema is the optional "$schema" reference editors use for completion.
	Schema   string    `json:"$schema,omitempty"`
	Site     *Site     `json:"site,omitempty"`
	Articles []Article `json:"articles"`
}

// DefaultSiteName is the name of a site whose dataset does not give one.
const DefaultSiteName = "Dateline"

// DefaultSiteDescription describes a site whose dataset does not.
const DefaultSiteDescription = "News articles, fast on any phone and readable offline."

// Site describes the edition a dataset makes: the optional top-level
// "site" object. Every field is optional; WithDefaults fills in Dateline's.
type Site struct {
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	// Lang is the edition's language, a BCP 47 tag; DefaultLang if empty.
	Lang string `json:"lang,omitempty"`
	// URL is the site's public origin, such as "https://news.example.org",
	// used for absolute links; empty when it is not known.
	URL string `json:"url,omitempty"`
	// Publisher names the organisation that publishes the site.
	Publisher string `json:"publisher,omitempty"`
	// Labels are the interface's texts in the edition's language, by key
	// (app/i18n); a key left out is shown in English.
	Labels map[string]string `json:"labels,omitempty"`
	// Editions are the newsroom's other editions, each in its own
	// language: every page's footer links their home pages, and the home
	// page's head names them to search engines (hreflang).
	Editions []Edition `json:"editions,omitempty"`
}

// Edition is another edition of the same newsroom.
type Edition struct {
	// Lang is its language, a BCP 47 tag other than this edition's.
	Lang string `json:"lang"`
	// Name is what it is called in its own language, such as "کوردی".
	Name string `json:"name"`
	// URL is the absolute address of its home page.
	URL string `json:"url"`
}

// WithDefaults returns the site with Dateline's name, description and
// language where it gives none. s may be nil.
func (s *Site) WithDefaults() Site {
	var out Site
	if s != nil {
		out = *s
	}
	if out.Name == "" {
		out.Name = DefaultSiteName
	}
	if out.Description == "" {
		out.Description = DefaultSiteDescription
	}
	if out.Lang == "" {
		out.Lang = DefaultLang
	}
	return out
}

// Article is one news story.
type Article struct {
	// Slug names the article in its URL: /articles/<slug>.
	Slug string `json:"slug"`
	// Lang is a BCP 47 language tag; empty means the edition's (the
	// site's Lang), which the host's reading of a dataset gives it, and
	// DefaultLang where there is no edition to say.
	Lang     string    `json:"lang,omitempty"`
	Headline string    `json:"headline"`
	Dateline *Dateline `json:"dateline,omitempty"`
	// Section names the one section the article belongs to, such as
	// "Politics"; its page's slug is NameSlug(Section).
	Section string `json:"section,omitempty"`
	// Tags name what the article is about; each has a page too.
	Tags []string `json:"tags,omitempty"`
	// Published is an optional date ("2006-01-02") or RFC 3339 time.
	Published string `json:"published,omitempty"`
	// Updated is when the article last changed, in the same forms; not
	// before Published.
	Updated string `json:"updated,omitempty"`
	// Authors are optional bylines.
	Authors []string `json:"authors,omitempty"`
	// SourceURL is the optional address of the original story (http or https).
	SourceURL string   `json:"source_url,omitempty"`
	Figures   []Figure `json:"figures,omitempty"`
	Body      []Block  `json:"body"`
	Related   []Link   `json:"related,omitempty"`
}

// Dateline says where a story was filed from and by which outlet, as in
// "ERBIL (Kurdistan 24) – ".
type Dateline struct {
	Place  string `json:"place,omitempty"`
	Source string `json:"source,omitempty"`
}

// Label writes the dateline the way wire copy does: "ERBIL (Kurdistan 24)".
func (d *Dateline) Label() string {
	switch {
	case d.Place != "" && d.Source != "":
		return d.Place + " (" + d.Source + ")"
	case d.Place != "":
		return d.Place
	default:
		return d.Source
	}
}

// Figure is a photo with its caption and credit. The image file itself is
// optional: a story scraped as text keeps its caption even without the photo.
type Figure struct {
	Caption string `json:"caption,omitempty"`
	Credit  string `json:"credit,omitempty"`
	Image   *Image `json:"image,omitempty"`
}

// Image is a picture file. Width and height are its intrinsic size in
// pixels, so that the page reserves its space before it loads.
type Image struct {
	// Src is an http(s) URL or a path on this site starting with "/".
	Src    string `json:"src"`
	Alt    string `json:"alt"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// BlockType tells what a body block is.
type BlockType string

// The kinds of body block.
const (
	Paragraph BlockType = "paragraph"
	// ReadMore is an inline "Read More: <title>" link between paragraphs.
	ReadMore BlockType = "read_more"
)

// Block is one piece of an article's body: a paragraph (Text) or an inline
// related link (the Link fields).
type Block struct {
	Type BlockType `json:"type"`
	Text string    `json:"text,omitempty"`
	Link
}

// Link points at a related story: another article of the dataset (Slug), an
// outside page (URL), or neither, when the story is known only by its title
// and is not in this collection.
type Link struct {
	Title string `json:"title,omitempty"`
	Slug  string `json:"slug,omitempty"`
	URL   string `json:"url,omitempty"`
}

// LinkKind says where a related link leads.
type LinkKind int

// The kinds of related link.
const (
	// Unlinked is a title only: the story is not in this collection.
	Unlinked LinkKind = iota
	// Internal leads to another article of the dataset.
	Internal
	// External leads to an http(s) page elsewhere.
	External
)

// Kind says where the link leads.
func (l Link) Kind() LinkKind {
	switch {
	case l.Slug != "":
		return Internal
	case l.URL != "" && IsWebURL(l.URL):
		return External
	default:
		return Unlinked
	}
}

// Language returns the article's language tag, DefaultLang when unset.
func (a *Article) Language() string {
	if a.Lang == "" {
		return DefaultLang
	}
	return a.Lang
}

// Dir returns "rtl" for right-to-left languages and "ltr" otherwise: the
// languages written right to left by default, unless a script subtag says
// otherwise ("ckb-Latn", "ar-arz-Latn"), and any language written in a
// right-to-left script ("ku-Arab", "yi-Hebr").
func Dir(lang string) string {
	tag := strings.ToLower(lang)
	primary, rest := cutSubtag(tag)
	// The extended language subtags between the language and its script,
	// up to three of three letters each ("ar-arz", "zh-yue"): a region is
	// two letters or three digits, a variant longer.
	for n := 0; n < 3 && rest != ""; n++ {
		ext, after := cutSubtag(rest)
		if len(ext) != 3 || !letters(ext) {
			break
		}
		rest = after
	}
	script, _ := cutSubtag(rest)
	switch {
	case !isScriptCode(script): // a region, a variant: no script
	case strings.Contains(rtlScripts, script):
		return "rtl"
	case !strings.Contains(noOneScript, script):
		return "ltr" // another script, "latn" or "cyrl"
	}
	switch primary { // a switch, not a map: no table built when app.wasm starts
	case "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "syr", "ug", "ur", "yi":
		return "rtl"
	}
	return "ltr"
}

// cutSubtag cuts a language tag's first subtag from the rest, at a hyphen
// or an underscore (as some systems write "ar_EG").
func cutSubtag(tag string) (sub, rest string) {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		return tag[:i], tag[i+1:]
	}
	return tag, ""
}

// The script codes (ISO 15924, lower-cased) that Dir reads, each four
// letters, so that one is in a list only as a whole word of it: the
// scripts written right to left, those whose letters Lean counts so
// (Arabic and its Nastaliq form, Hebrew, Syriac and its variants, Thaana,
// NKo, Samaritan, Mandaic, Adlam, Mende, Hanifi Rohingya, Yezidi, Garay,
// and the historic ones); and the codes that name no one script (common,
// inherited, mathematical, symbols, unwritten, unknown), which leave the
// language's direction, as the private-use ones (qaaa to qabx) do. One
// string each, not a switch of 50 cases: a few hundred bytes of app.wasm,
// not kilobytes of comparisons.
const (
	rtlScripts = "arab aran hebr syrc syre syrj syrn thaa nkoo samr mand adlm mend rohg yezi gara " +
		"armi avst chrs cprt elym hatr hung khar lydi mani narb nbat orkh ougr palm phli phlp phlv phnx prti sarb sogd sogo"
	noOneScript = "zinh zmth zsye zsym zxxx zyyy zzzz"
)

// isScriptCode reports whether s is a script subtag's form: four letters,
// lower-cased (by Dir) and not a private-use code.
func isScriptCode(s string) bool {
	return len(s) == 4 && s[0] != 'q' && letters(s)
}

// letters reports whether s is lower-case ASCII letters only.
func letters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// Lean returns how far text leans right to left: the number of its
// letters written right to left less the number written left to right.
// Digits, marks, spaces and punctuation take the direction of the letters
// around them and are not counted.
func Lean(text string) int {
	n := 0
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf:
			if c := r | 0x20; 'a' <= c && c <= 'z' {
				n--
			}
		case !unicode.IsLetter(r):
		case rightToLeft(r):
			n++
		default:
			n--
		}
	}
	return n
}

// LeanDir returns the direction of text that leans by lean (Lean), inside
// a piece in direction dir ("ltr" or "rtl"): that of most of its letters,
// dir when they are as many. A Sorani paragraph quoted in an English
// article is laid out right to left, its last Latin words and its full
// stop where a reader of Sorani looks for them; a paragraph of an Arabic
// article that opens with a Latin name ("XYZ said...", in Arabic) stays
// right to left, as the first strong letter (dir="auto") would not have
// it.
func LeanDir(dir string, lean int) string {
	switch {
	case lean > 0:
		return "rtl"
	case lean < 0:
		return "ltr"
	}
	return dir
}

// TextDir returns the direction of text inside a piece in direction dir
// (LeanDir).
func TextDir(dir, text string) string {
	return LeanDir(dir, Lean(text))
}

// rightToLeft reports whether letter r is of a script written right to
// left: the blocks of Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan and
// Mandaic, their presentation forms, and the right-to-left blocks of the
// supplementary planes. A range test, not unicode.Is: no table in
// app.wasm.
func rightToLeft(r rune) bool {
	return 0x0590 <= r && r <= 0x08FF || 0xFB1D <= r && r <= 0xFDFF || 0xFE70 <= r && r <= 0xFEFF ||
		0x10800 <= r && r <= 0x10FFF || 0x1E800 <= r && r <= 0x1EFFF
}

// Paragraphs returns the text of the body's paragraphs, in order.
func (a *Article) Paragraphs() []string {
	var ps []string
	for _, b := range a.Body {
		if b.Type == Paragraph {
			ps = append(ps, b.Text)
		}
	}
	return ps
}

// Bylines returns the authors' names that are not blank (IsBlank): a
// dataset may hold an empty one (a CMS's empty author field, or one left
// with a direction mark), which would read "By and Jane Roe". It is
// a.Authors itself when none is blank.
func (a *Article) Bylines() []string {
	for i, n := range a.Authors {
		if IsBlank(n) {
			out := a.Authors[:i:i] // appending copies: a.Authors stays
			for _, n := range a.Authors[i+1:] {
				if !IsBlank(n) {
					out = append(out, n)
				}
			}
			return out
		}
	}
	return a.Authors
}

// IsBlank reports whether s shows nothing: it holds only white space and
// characters with no look of their own. Those are the format characters
// (the direction marks U+200E and U+200F, which right-to-left editors
// leave behind, joiners, the byte order mark), combining marks with no
// letter to sit on (harakat alone), and the tatweel ـ, which only draws
// out the letters it joins; and the fillers drawn as blank space, which
// pass for a name where a blank one is refused: the Hangul fillers
// (U+115F, U+1160, U+3164, U+FFA0) and the blank braille pattern U+2800.
// The format characters that are drawn, the prepended concatenation
// marks (the Arabic number sign U+0600, the end of ayah U+06DD...), are
// text.
func IsBlank(s string) bool { return isBlank(s, true) }

// isBlank is IsBlank with showless set: the letters that show nothing (the
// tatweel and the Hangul fillers) are blank. A name's check clears it and
// counts them as text, as it took them for the letters Unicode classes
// them as, and made a page's address of them.
func isBlank(s string, showless bool) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if r > ' ' && r != 0x7f {
				return false
			}
		} else if !(showless && (r == 'ـ' || r == 0x115f || r == 0x1160 || r == 0x3164 || r == 0xffa0)) && r != 0x2800 && !unicode.IsSpace(r) && !unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me) ||
			r >= 0x600 && r <= 0x605 || r == 0x6dd || r == 0x70f || r == 0x890 || r == 0x891 || r == 0x8e2 || r == 0x110bd || r == 0x110cd {
			return false
		}
	}
	return true
}

// Excerpt returns the start of the first paragraph, cut at a word boundary
// to at most max runes, with an ellipsis when it was cut.
func (a *Article) Excerpt(max int) string {
	ps := a.Paragraphs()
	if len(ps) == 0 {
		return ""
	}
	return Truncate(ps[0], max)
}

// Truncate cuts s at a word boundary to at most max runes, adding "…" when
// it cut anything.
func Truncate(s string, max int) string {
	s = strings.TrimSpace(s)
	// starts holds where each of the first max+1 runes starts.
	var buf [ExcerptLength + 1]int
	starts := buf[:0]
	for i := range s {
		if len(starts) > max {
			break
		}
		starts = append(starts, i)
	}
	if len(starts) <= max {
		return s
	}
	cut := max - 1
	for i := cut; i > max/2; i-- {
		if r, _ := utf8.DecodeRuneInString(s[starts[i]:]); unicode.IsSpace(r) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(s[:starts[cut]], func(c rune) bool {
		return unicode.IsSpace(c) || unicode.IsPunct(c) && c != '"' && c != '”' && c != '’'
	}) + "…"
}

// Summary is what a list of articles shows of one.
type Summary struct {
	Slug      string `json:"slug"`
	Lang      string `json:"lang,omitempty"`
	Headline  string `json:"headline"`
	Published string `json:"published,omitempty"`
	Section   string `json:"section,omitempty"`
	Excerpt   string `json:"excerpt,omitempty"`
}

// ExcerptLength is the length in runes of the excerpts in lists.
const ExcerptLength = 220

// Summarize returns the article's entry in lists.
func (a *Article) Summarize() Summary {
	return Summary{
		Slug:      a.Slug,
		Lang:      a.Lang,
		Headline:  a.Headline,
		Published: a.Published,
		Section:   a.Section,
		Excerpt:   a.Excerpt(ExcerptLength),
	}
}

// Language returns the summary's language tag, DefaultLang when unset.
func (s *Summary) Language() string {
	if s.Lang == "" {
		return DefaultLang
	}
	return s.Lang
}

// IsWebURL reports whether u is an absolute http or https URL with a host.
func IsWebURL(u string) bool {
	if strings.ContainsAny(u, " \t\r\n<>\"\\") {
		return false
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	return (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// FormatDate writes a published date for readers, "2 January 2006", from
// the dataset's "2006-01-02" or RFC 3339 form; other text is returned as is.
func FormatDate(s string) string {
	if t, ok := ParseDate(s); ok {
		return t.Format("2 January 2006")
	}
	return s
}

// ParseDate reads a date of the dataset: "2006-01-02" (midnight UTC) or an
// RFC 3339 time.
func ParseDate(s string) (time.Time, bool) {
	if len(s) == len(time.DateOnly) {
		t, err := time.Parse(time.DateOnly, s)
		return t, err == nil
	}
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}
