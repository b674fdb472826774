// Package importer turns a plain-text story, as scraped from a news site,
// into an article of the dataset, and adds it to a dataset file without
// disturbing the rest of the file.
//
// The text has this form (blank lines between blocks are optional):
//
//	Headline on the first line
//
//	A photo caption. (Photos: Agency A, Agency B)
//	A photo caption. (Photos: Agency A, Agency B)
//
//	PLACE (Source) – First paragraph ...
//
//	Another paragraph.
//
//	Read More: Title of a related story
//
//	Last paragraph.
//
// Every other line is a paragraph of its own. A line ending in
// "(Photo: ...)" or "(Photos: ...)" is a photo caption with its credit; the
// same caption given twice (a scrape holds it as alt text and as caption)
// is one figure. A credit alone on its line is the credit of the line
// before it, which is then a caption, as if both were one line, unless
// that line is read as something else (a caption with a credit, a Read More
// line, a byline, a paragraph that opens with a dateline), or the credit
// ends the story (where it most often credits the story's photo, and the
// line before is its last paragraph, which is not to be lost from the
// body): the credit then has no caption, which a figure needs, and is
// left out (Choices.LooseCredits), never made a paragraph. A "PLACE (Source) – " opening of the first paragraph, with
// an en dash, em dash or hyphen, is its dateline. In a script with capital
// letters the place is in capitals ("ERBIL", "WASHINGTON, D.C.") or in
// title case ("Baghdad (AFP) - "), perhaps with its region or country
// after a comma ("SULAIMANI, Kurdistan Region"), and perhaps with a date
// or a weekday in English, French or German ("BAGHDAD, Dec 7",
// "BAGHDAD, Tuesday", "ERBIL, 7. Dezember"), which is left out, as a
// dateline holds none (Choices.DatelineDate); a place in title case is
// taken only with a source written as a name, or as one of the agencies
// that write their short name in lower case ("Berlin (dpa) - "), and a
// text that does not go on in lower case, so that "The minister (left) -
// said" stays a sentence. In a script without capitals (Arabic) the place
// is one to four words ("هەولێر (کوردستان ٢٤) – "). "Read More: <title>"
// lines stay in place as inline links and are listed, in order, as the
// related stories, with neither slug nor url: the text does not say where
// they lead. ReadMoreLinks links one to the article of a dataset whose
// headline is its title.
//
// Stories in Arabic script mark them with their own words: a credit
// "(صورة: ...)" in Arabic (also "الصورة", "صور", "تصوير") or "(وێنە: ...)" in
// Sorani (also "وێنەکان"), and a Read More line "اقرأ أيضا: ...", "اقرأ
// المزيد: ..." in Arabic or "زیاتر بخوێنەوە: ..." in Sorani. Their colon may
// be the ASCII one or a full-width or small form; the words are compared
// without marks (tanwin), tatweel, joiners or direction marks, and with the
// spellings real text mixes folded together (أ إ آ and ا, ي ى and ی, ك and
// ک, ة ە and ه). Any of these words is recognised in a story of any
// language, so that a dateline after a caption is found whatever the
// caption's language. A place in Arabic script may be followed by an
// Arabic comma or a dash before its source ("PLACE، (Source) – ",
// "PLACE - (Source) - "): they are left out of the place.
//
// A line "By NAME", "By NAME and NAME" or "By NAME, NAME and NAME" (or
// "BY ..."), perhaps with an agency after a comma or a bar ("By Jane Doe,
// Reuters"), between the headline and the first paragraph or right after
// the dateline's paragraph, is the story's byline, not a paragraph: its
// names are the article's authors, unless the publisher gives them
// (Options.Authors); what names no person (an agency, an outlet, a job
// title, a credit: Byline.Left) is left out, and names in capitals are
// written in title case. It is short and all names, so that a first
// sentence such as "By Tuesday, officials said ..." or a phrase such as
// "By Christmas Eve" stays a paragraph (Byline).
//
// Blank lines before the headline are skipped. A first line of text that
// is one of the lines above (a caption with its credit, a Read More line,
// a byline, or a paragraph that opens with a dateline) is refused as the
// headline (NotHeadlineError): the story was pasted without its own, and
// the line would become its headline and its slug.
//
// The text carries no date, address or image file, and the article gets
// no address or image; its date, section and tags are the publisher's
// (Options), or it has none.
//
// The story's language is the publisher's, or is told from its letters
// (DetectLang). Its slug is the publisher's, or is made from the headline,
// transliterated to Latin letters when it is written in Arabic script
// (Slug). Fingerprint tells a story already in a dataset.
package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dateline/app/article"
	"dateline/app/charset"
	"dateline/app/search"
)

// MaxStorySize bounds the text of one story.
const MaxStorySize = 4 << 20

// MaxSlugLength is the length of a slug made from a headline, before any
// "-2" that makes it unique.
const MaxSlugLength = 60

var (
	// captionLine is a line ending in a photo credit, "(Photo: ...)",
	// after a caption, or holding the credit alone.
	captionLine  = regexp.MustCompile(`^(?:(.*\S)\s*)?\(((?i:photos?):\s*[^()]*\S)\s*\)$`)
	readMoreLine = regexp.MustCompile(`^(?i:read more)\s*:\s*(\S.*)$`)

	// creditedLine is a line ending in a parenthesis, or holding one
	// alone, which may hold a photo credit in Arabic script (photoWords);
	// direction marks may stand around the parenthesis.
	creditedLine = regexp.MustCompile(`^(?:(.*?\S)[\s\x{200E}\x{200F}\x{061C}]*)?\(([^()]*)\)[\s\x{200E}\x{200F}\x{061C}]*$`)
	// labelledLine is a line that opens with a few words and a colon,
	// which may be a Read More line in Arabic script (readMoreWords).
	labelledLine = regexp.MustCompile(`^([^` + colons + `]{1,40}?)[` + colons + `][\s\x{200E}\x{200F}\x{061C}]*(\S.*)$`)
)

// colons are the colons that end the word of a credit or a Read More line
// in Arabic script: the ASCII colon, which Arabic and Sorani keyboards
// type, and its full-width and small forms.
const colons = `:\x{FF1A}\x{FE55}`

// The words that mark a photo credit and a Read More line in Arabic
// script, as foldArabic writes them: Arabic and Sorani, singular and
// plural, with and without the Arabic article, "Read More" as Arabic
// wire stories write "Read also" and "Read more".
var (
	photoWords    = foldedSet("صورة", "الصورة", "صور", "تصوير", "وێنە", "وێنەکان")
	readMoreWords = foldedSet("اقرأ أيضا", "اقرأ أيضاً", "اقرأ المزيد", "زیاتر بخوێنەوە")
)

// Errors a publisher's option resolves: the command names its flag.
var (
	// ErrNoSlug is a headline, or a slug given, with no letter or digit
	// a slug can be made of: none at all, or none in Latin letters or in
	// Arabic script, which Slug transliterates (such as Cyrillic).
	ErrNoSlug = errors.New("no letter or digit to make a slug of")
	// ErrUnknownLang is a story whose language its letters do not tell.
	ErrUnknownLang = errors.New("the story's language cannot be told from its letters")
)

// Options are what the publisher says of a story; the zero value asks
// ParseWith to find out.
type Options struct {
	// Lang is the story's language, a BCP 47 tag such as "ckb"; empty to
	// tell it from the story's letters.
	Lang string
	// Slug is the story's slug on the publisher's site; empty to make one
	// from the headline. One that is not URL-safe is made so.
	Slug string
	// Published is the story's date, "2006-01-02" or an RFC 3339 time,
	// or PublishedNow; empty for none, as the text carries none.
	Published string
	// Updated is when the story last changed, in the forms Published
	// takes, and not before it; empty for none.
	Updated string
	// Section names the story's section; empty for none.
	Section string
	// Tags name what the story is about; none when empty.
	Tags []string
	// Authors are the story's bylines; when empty, the names of the
	// story's byline line, if it has one.
	Authors []string
	// Clock tells the time PublishedNow stands for, and the time a date
	// given must not be a day past; nil for time.Now.
	Clock func() time.Time
}

// PublishedNow, given as Options.Published or Options.Updated, dates the
// story with the current time in UTC, as an RFC 3339 time to the second.
const PublishedNow = "now"

// Choices says how ParseWith chose what the text did not say, and what
// of the text it read but left out, for the importer's user to check.
type Choices struct {
	// LangDetected is false when Options gave the language.
	LangDetected bool
	// LangReason is why the language was chosen, such as "Sorani letters
	// ێ, ە", or "given".
	LangReason string
	// SlugReason is where the slug came from, such as "transliterated from
	// the headline (Sorani, Hawar-style Latin)".
	SlugReason string
	// FirstLine is the line of the first paragraph, which opens with the
	// dateline if the story has one.
	FirstLine int
	// DatelineDate is the date the dateline gave after its place, such
	// as "Dec 7"; the article does not keep it, as a dateline is a place
	// and a source. Empty when it gave none.
	DatelineDate string
	// ReadMoreLines are the lines of the Read More blocks of the body,
	// in its order.
	ReadMoreLines []int
	// Byline is the story's byline, whose names are the article's
	// authors unless Options gave them; its Line is 0 when it has none.
	Byline Byline
	// LooseCredits are the photo credits on a line of their own with no
	// caption before them, in the story's order: a figure needs a caption
	// (the story gives no image), so they are left out of the article.
	LooseCredits []LooseCredit
	// SecondDatelines are the lines of the paragraphs after the first
	// that open with a dateline as the first does, its place and source
	// and a dash: most likely a second story pasted after the first, which
	// it now ends.
	SecondDatelines []int
}

// LooseCredit is a photo credit on a line of its own, "(Photo: Agency)",
// with no caption on the line before it.
type LooseCredit struct {
	// Line is the line's number in the story.
	Line int
	// Text is the line; Credit the credit in it, without parentheses.
	Text, Credit string
	// End is true for a credit among those alone on the story's last
	// lines, after a line kept as a paragraph rather than taken as their
	// caption.
	End bool
}

// Parse reads a story as ParseWith does with no options: its language is
// told from its letters and its slug is made from its headline.
func Parse(text []byte) (article.Article, error) {
	a, _, err := ParseWith(text, Options{})
	return a, err
}

// ParseWith reads a story. It refuses text that is empty, binary or not
// UTF-8, and text that would not make a valid article, saying which line
// is at fault. The language and slug are the options' or, when they are
// empty, told from the letters (DetectLang) and made from the headline
// (Slug); Choices says which and why. The date, section and tags are the
// options' only, refused when the model's rules refuse them. Make the slug
// unique in a dataset with UniqueSlug.
func ParseWith(text []byte, opts Options) (article.Article, Choices, error) {
	var a article.Article
	var c Choices
	if err := checkText(text); err != nil {
		return a, c, err
	}
	text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))
	s := strings.ReplaceAll(string(text), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")

	// A line with nothing to read (white space, or a direction mark an
	// editor left: article.IsBlank) is a blank line.
	var lines []line
	for i, l := range strings.Split(s, "\n") {
		if l = squeeze(l); !article.IsBlank(l) {
			lines = append(lines, line{no: i + 1, text: l})
		}
	}
	if len(lines) == 0 {
		return a, c, errors.New("the story is empty: it holds only white space")
	}
	for _, l := range lines {
		for _, r := range l.text {
			if unicode.IsControl(r) {
				return a, c, fmt.Errorf("line %d holds the control character %U, which a story cannot show: remove it", l.no, r)
			}
			if article.IsNoncharacter(r) {
				return a, c, fmt.Errorf("line %d holds the noncharacter %U, which a story cannot show (a broken conversion leaves them): remove it", l.no, r)
			}
			if r == utf8.RuneError {
				return a, c, fmt.Errorf("line %d holds U+FFFD, the mark a conversion leaves for a character it lost: put back the character the story was meant to have", l.no)
			}
		}
	}

	head := lines[0]
	if err := checkHeadline(head); err != nil {
		return a, c, err
	}
	if n := utf8.RuneCountInString(head.text); n > article.MaxHeadlineLength {
		return a, c, fmt.Errorf("line %d, the headline, is %d characters long, more than %d: is the first line really the headline?", head.no, n, article.MaxHeadlineLength)
	}
	a.Headline = head.text
	if err := readBody(&a, &c, lines[1:]); err != nil {
		return a, c, err
	}
	if len(a.Paragraphs()) == 0 {
		return a, c, fmt.Errorf("the story has a headline (line %d) but no paragraph after it", head.no)
	}
	if c.Byline.Line != 0 && len(opts.Authors) == 0 {
		a.Authors, c.Byline.Used = slices.Clone(c.Byline.Names), true
	}

	var err error
	if a.Lang, c.LangReason, c.LangDetected, err = chooseLang(opts.Lang, lines); err != nil {
		return a, c, err
	}
	if a.Slug, c.SlugReason, err = chooseSlug(opts.Slug, a.Lang, head); err != nil {
		return a, c, err
	}
	if err := describe(&a, opts); err != nil {
		return a, c, err
	}
	return a, c, nil
}

// NotHeadlineError is a story whose first line of text is not a
// headline but one of the lines the importer reads after it: a photo
// caption with its credit, a byline, a Read More line, or the first
// paragraph, which opens with a dateline. A story pasted without its
// headline opens so, and the line would be taken as its headline and as
// its slug, a permanent address.
type NotHeadlineError struct {
	// Line is the line's number in the story; blank lines before it
	// count.
	Line int
	// Is says what the line is, quoting it: `a byline, "By Jane Doe"`.
	Is string
}

// Error says the line's number, what it is, and how to fix the story.
func (e *NotHeadlineError) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, e.Reason())
}

// Reason is Error without the line's number, for a caller that says the
// line as FILE:LINE.
func (e *NotHeadlineError) Reason() string {
	return fmt.Sprintf("the first line of text is %s, not a headline: the story seems to have lost its headline; "+
		"give it as the story's first line, above this one, and import the story again", e.Is)
}

// quotedLine is the most characters of a line that NotHeadlineError quotes.
const quotedLine = 60

// checkHeadline refuses a first line of text that readBody would read as
// a caption, a Read More line, a byline or a paragraph with a dateline,
// with the same recognisers, in its order: it is no headline
// (NotHeadlineError).
func checkHeadline(head line) error {
	var is string
	if f, ok := splitCaption(head.text); ok {
		is = fmt.Sprintf("a photo caption, %q, with its credit %q", FirstWords(f.Caption, quotedLine), FirstWords(f.Credit, quotedLine))
	} else if _, ok := readMoreTitle(head.text); ok {
		is = fmt.Sprintf("a Read More line, %q, which names a related story", FirstWords(head.text, quotedLine))
	} else if _, ok := readByline(head.text); ok {
		is = fmt.Sprintf("a byline, %q", head.text)
	} else if o, ok := splitDateline(head.text); ok {
		opening := strings.TrimSpace(strings.TrimSuffix(head.text, o.rest))
		is = fmt.Sprintf("a paragraph that opens with a dateline, %q, as a story's first paragraph does", opening)
	}
	if is == "" {
		return nil
	}
	return &NotHeadlineError{Line: head.no, Is: is}
}

// FirstWords returns s, or as many of its first words as max characters
// hold, followed by "…"; a first word longer than that is cut.
func FirstWords(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	var kept string
	for _, w := range strings.Fields(s) {
		next := w
		if kept != "" {
			next = kept + " " + w
		}
		if utf8.RuneCountInString(next) > max {
			break
		}
		kept = next
	}
	if kept == "" {
		kept = string([]rune(s)[:max])
	}
	return kept + "…"
}

// describe gives the article the dates, section and tags of the options,
// checked by the model's own rules (Article.Validate), and says which
// option breaks one. Names are squeezed as the story's text is, unless
// nothing but white space would be left, which the model refuses.
func describe(a *article.Article, opts Options) error {
	now := time.Now
	if opts.Clock != nil {
		now = opts.Clock
	}
	at := now()
	date := func(s string) string {
		if s == PublishedNow {
			return at.UTC().Format(time.RFC3339)
		}
		return s
	}
	a.Published, a.Updated = date(opts.Published), date(opts.Updated)
	name := func(s string) string {
		if q := squeeze(s); q != "" {
			return q
		}
		return s
	}
	if opts.Section != "" {
		a.Section = name(opts.Section)
	}
	for _, t := range opts.Tags {
		a.Tags = append(a.Tags, name(t))
	}
	var problems []string
	for _, n := range opts.Authors {
		if article.IsBlank(n) {
			// A dataset may hold a blank byline, which pages leave out
			// (Article.Bylines); a flag given blank is a slip.
			problems = append(problems, fmt.Sprintf("the author given (-author %q) is empty: give a name", n))
			continue
		}
		a.Authors = append(a.Authors, name(n))
	}
	for _, f := range a.Validate(at) {
		var given string
		switch field, index, _ := strings.Cut(strings.TrimPrefix(f.Pointer, "/"), "/"); field {
		case "published":
			given = fmt.Sprintf("the date given (-published): %s: %s, or %q for the current time", f.Message, f.Hint, PublishedNow)
		case "updated":
			switch {
			case before(a.Updated, a.Published) && !f.Ahead:
				given = fmt.Sprintf("the date given with -updated, %s, is before the one given with -published, %s: %s",
					givenDate(opts.Updated, a.Updated), givenDate(opts.Published, a.Published), f.Hint)
			case f.Ahead:
				// The model's hint speaks of publishing.
				given = fmt.Sprintf("the date given (-updated): %s: check the date: a story is updated when it changes; give that time, or %q", f.Message, PublishedNow)
			default:
				given = fmt.Sprintf("the date given (-updated): %s: %s, or %q for the current time", f.Message, f.Hint, PublishedNow)
			}
		case "section":
			given = fmt.Sprintf("the section given (-section): %s: %s", f.Message, f.Hint)
		case "tags":
			if i, err := strconv.Atoi(index); err == nil && i < len(opts.Tags) {
				given = fmt.Sprintf("the tag given (-tag %q): %s: %s", opts.Tags[i], f.Message, f.Hint)
			} else {
				given = fmt.Sprintf("the tags given (-tag): %s: %s", f.Message, f.Hint)
			}
		case "authors":
			if i, err := strconv.Atoi(index); err == nil && i < len(a.Authors) {
				given = fmt.Sprintf("the author given (-author %q): %s: %s", a.Authors[i], f.Message, f.Hint)
			} else {
				given = fmt.Sprintf("the authors given (-author): %s: %s", f.Message, f.Hint)
			}
		}
		if given != "" {
			problems = append(problems, given)
		}
	}
	// Two spellings of one tag that make two pages ("اختبار" and
	// "إختبار"), which the model does not compare: a dataset refuses them.
	for i, t := range a.Tags {
		for j, u := range a.Tags[:i] {
			if article.NameSlug(u) != article.NameSlug(t) && search.NameKey(u) == search.NameKey(t) {
				problems = append(problems, fmt.Sprintf("the tag given (-tag %q): tag %q and tag %d, %q, are one name spelt two ways (search reads them as one word): give each tag once, spelt one way", opts.Tags[i], t, j, u))
				break
			}
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// before reports whether the date or time u is before p, both read as
// the model reads them (article.ParseDate).
func before(u, p string) bool {
	ut, uok := article.ParseDate(u)
	pt, pok := article.ParseDate(p)
	return uok && pok && ut.Before(pt)
}

// readBody reads the lines after the headline: captions, Read More links,
// a byline before the first paragraph or right after it when it opens
// with a dateline, and paragraphs, the first with its dateline, whose line
// and date it writes in c, with the lines of the Read More links and the
// byline.
func readBody(a *article.Article, c *Choices, lines []line) error {
	seenCaption := make(map[article.Figure]bool)
	seenRelated := make(map[string]bool)
	paragraphs := 0
	afterDateline := false // the line before was the dateline's paragraph
	addFigure := func(no int, f article.Figure) error {
		if err := limit(no, "caption", f.Caption, article.MaxTextLength); err != nil {
			return err
		}
		if !seenCaption[f] {
			seenCaption[f] = true
			a.Figures = append(a.Figures, f)
		}
		return nil
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		justAfterDateline := afterDateline
		afterDateline = false
		if caption, credit, ok := readCredit(l.text); ok {
			if caption == "" {
				// No caption on its line, nor on the line before,
				// which would have taken it: no figure can hold it.
				// Among the credits that end the story, after its last
				// paragraph (j: the first of them).
				j := i
				for j > 0 && creditsOnly(lines[j-1:j]) {
					j--
				}
				end := creditsOnly(lines[i:]) && j > 0 && len(a.Body) > 0 && a.Body[len(a.Body)-1].Type == article.Paragraph &&
					a.Body[len(a.Body)-1].Text == lines[j-1].text
				c.LooseCredits = append(c.LooseCredits, LooseCredit{Line: l.no, Text: l.text, Credit: credit, End: end})
				continue
			}
			if err := addFigure(l.no, article.Figure{Caption: caption, Credit: credit}); err != nil {
				return err
			}
			continue
		}
		if title, ok := readMoreTitle(l.text); ok {
			if err := limit(l.no, "Read More title", title, article.MaxHeadlineLength); err != nil {
				return err
			}
			a.Body = append(a.Body, article.Block{Type: article.ReadMore, Link: article.Link{Title: title}})
			c.ReadMoreLines = append(c.ReadMoreLines, l.no)
			if !seenRelated[title] {
				seenRelated[title] = true
				a.Related = append(a.Related, article.Link{Title: title})
			}
			continue
		}
		if c.Byline.Line == 0 && (paragraphs == 0 || justAfterDateline) {
			if b, ok := readByline(l.text); ok {
				b.Line, b.Text = l.no, l.text
				c.Byline = b
				continue
			}
		}
		if i+1 < len(lines) && !creditsOnly(lines[i+2:]) {
			// A credit alone on the next line makes this line its
			// caption, as if both were one line; a line that opens with
			// a dateline stays a paragraph, and so does the line before
			// the credits that end the story.
			if caption, credit, ok := readCredit(lines[i+1].text); ok && caption == "" {
				if _, dated := splitDateline(l.text); !dated {
					if err := addFigure(l.no, article.Figure{Caption: trimMarks(l.text), Credit: credit}); err != nil {
						return err
					}
					i++
					continue
				}
			}
		}
		text := l.text
		if paragraphs == 0 {
			c.FirstLine = l.no
			if o, ok := splitDateline(text); ok {
				a.Dateline, text, c.DatelineDate = &o.dateline, o.rest, o.date
				afterDateline = true
			}
		} else if _, ok := splitDateline(text); ok && a.Dateline != nil && afterHeadline(a.Body) {
			// A story has one dateline: one after a line shaped as a
			// headline (no sentence's end) is a second story's. (A score
			// or a name with its party in parentheses and a dash, after
			// a sentence, is the story's text; a first paragraph without
			// a dateline, such as a standfirst, may come before the
			// dateline: that story has warnNoDateline's note.)
			c.SecondDatelines = append(c.SecondDatelines, l.no)
		}
		if err := limit(l.no, "paragraph", text, article.MaxTextLength); err != nil {
			return err
		}
		a.Body = append(a.Body, article.Block{Type: article.Paragraph, Text: text})
		paragraphs++
	}
	return nil
}

// afterHeadline tells whether the body's last block is a paragraph shaped
// as a headline: short, and not ended as a sentence is (a full stop, an
// exclamation mark, an ellipsis or a colon, in either script, before any
// closing quotation marks or brackets).
func afterHeadline(body []article.Block) bool {
	if len(body) == 0 || body[len(body)-1].Type != article.Paragraph {
		return false
	}
	t := strings.TrimRight(body[len(body)-1].Text, " \"'”’»)]")
	if t == "" || utf8.RuneCountInString(t) > article.MaxHeadlineLength {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".!…:؛۔", r)
}

// creditsOnly tells whether every line of lines is a credit alone (none
// at all is true): lines ending the story after one so.
func creditsOnly(lines []line) bool {
	for _, l := range lines {
		if caption, _, ok := readCredit(l.text); !ok || caption != "" {
			return false
		}
	}
	return true
}

// splitCaption reads a photo caption with its credit: "Caption. (Photo:
// Agency)", or the same with a credit in Arabic script (photoWords).
func splitCaption(text string) (article.Figure, bool) {
	caption, credit, ok := readCredit(text)
	if !ok || caption == "" {
		return article.Figure{}, false
	}
	return article.Figure{Caption: caption, Credit: credit}, true
}

// readCredit reads a line ending in a photo credit, "(Photo: Agency)" or
// the same in Arabic script (photoWords): the caption before it, "" when
// the credit is alone on its line, and the credit.
func readCredit(text string) (caption, credit string, ok bool) {
	if m := captionLine.FindStringSubmatch(text); m != nil {
		return m[1], m[2], true
	}
	m := creditedLine.FindStringSubmatch(text)
	if m == nil {
		return "", "", false
	}
	caption, credit = trimMarks(m[1]), trimMarks(m[2])
	word, names, found := cutColon(credit)
	if !found || trimMarks(names) == "" || !photoWords[foldArabic(word)] {
		return "", "", false
	}
	return caption, credit, true
}

// readMoreTitle reads the title of a Read More line: "Read More: Title",
// or the same in Arabic script (readMoreWords).
func readMoreTitle(text string) (string, bool) {
	if m := readMoreLine.FindStringSubmatch(text); m != nil {
		return m[1], true
	}
	m := labelledLine.FindStringSubmatch(text)
	if m == nil || !readMoreWords[foldArabic(m[1])] {
		return "", false
	}
	title := trimMarks(m[2])
	return title, title != ""
}

// arabicMark reports whether r is a combining mark of Arabic script's
// blocks (most are of no script of their own in Unicode's tables).
func arabicMark(r rune) bool {
	return unicode.Is(unicode.Mn, r) && (r >= 0x610 && r <= 0x61a || r >= 0x64b && r <= 0x65f || r == 0x670 ||
		r >= 0x6d6 && r <= 0x6ed || r >= 0x898 && r <= 0x8ff)
}

// cutColon cuts s at its first colon (colons).
func cutColon(s string) (before, after string, found bool) {
	i := strings.IndexAny(s, ":\uFF1A\uFE55")
	if i < 0 {
		return s, "", false
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return s[:i], s[i+size:], true
}

// foldArabic writes words in Arabic script as the marker words are
// compared: composed, without Arabic script's marks (harakat and the
// Quranic marks), tatweel, joiners or direction marks, one space between
// words, and with the letters that real text spells interchangeably made
// one: أ إ آ ٱ as ا, ي ى as ی, ك as ک, ة ە as ه. Other scripts' marks stay:
// a Devanagari vowel sign or a Thai tone mark makes another word.
func foldArabic(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case arabicMark(r), unicode.Is(unicode.Cf, r), r == '\u0640':
			return -1
		}
		switch r {
		case 'أ', 'إ', 'آ', 'ٱ':
			return 'ا'
		case 'ي', 'ى':
			return 'ی'
		case 'ك':
			return 'ک'
		case 'ة', 'ە':
			return 'ه'
		}
		return r
	}, norm.NFC.String(s))
	return squeeze(s)
}

// foldedSet is a set of words as foldArabic writes them.
func foldedSet(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[foldArabic(w)] = true
	}
	return set
}

// trimMarks trims white space and direction marks from both ends of s.
func trimMarks(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200e' || r == '\u200f' || r == '\u061c'
	})
}

// chooseLang returns the given language, checked, or the one the story's
// letters tell. A given language the letters contradict is kept, and the
// reason says what the letters suggest.
func chooseLang(given string, lines []line) (lang, reason string, detected bool, err error) {
	var all strings.Builder
	for _, l := range lines {
		all.WriteString(l.text)
		all.WriteByte('\n')
	}
	lang, reason = DetectLang(all.String())
	if given != "" {
		if msg, hint := article.CheckLang(given); msg != "" {
			return "", "", false, fmt.Errorf("the language given (-lang): %s: %s", msg, hint)
		}
		if lang != "" && sameLanguage(given) != lang {
			return given, fmt.Sprintf("given; its letters suggest %s (%s)", lang, reason), false, nil
		}
		return given, "given", false, nil
	}
	if lang == "" {
		return "", "", true, fmt.Errorf("%w (%s): give it with -lang, such as ckb, ar, en, kmr or tr", ErrUnknownLang, reason)
	}
	return lang, reason, true, nil
}

// sameLanguage returns the code DetectLang gives for the language of tag:
// its primary subtag, with Kurdish in Arabic script as ckb and Kurdish
// otherwise as kmr.
func sameLanguage(tag string) string {
	tag = strings.ToLower(tag)
	primary, rest, _ := strings.Cut(tag, "-")
	switch {
	case primary == "ku" && strings.HasPrefix(rest, "arab"):
		return "ckb"
	case primary == "ku":
		return "kmr"
	}
	return primary
}

// chooseSlug returns the given slug, made URL-safe if it is not, or one
// made from the headline.
func chooseSlug(given, lang string, head line) (slug, reason string, err error) {
	if given != "" {
		if msg, _ := article.CheckSlug(given); msg == "" {
			return given, "given", nil
		}
		if slug = Slug(lang, given); slug == "" {
			return "", "", noSlug(fmt.Sprintf("the slug given, %q", given), given, "give one of a-z, 0-9 and hyphens with -slug")
		}
		return slug, fmt.Sprintf("made URL-safe from the slug given, %q", given), nil
	}
	if slug = Slug(lang, head.text); slug == "" {
		return "", "", noSlug(fmt.Sprintf("line %d, the headline", head.no), head.text, "give the story's slug with -slug, of a-z, 0-9 and hyphens")
	}
	if !hasArabicLetters(head.text) {
		return slug, "from the headline", nil
	}
	if soraniTable(lang) {
		return slug, "transliterated from the headline (Sorani, Hawar-style Latin)", nil
	}
	return slug, "transliterated from the headline (Arabic script, plain Latin)", nil
}

// noSlug says why Slug made nothing of s, what names it (the headline,
// or the slug given): it has no letter or digit, or none Slug writes in
// Latin letters, as it transliterates Arabic script and no other. fix says
// what to do. The error is ErrNoSlug.
func noSlug(what, s, fix string) error {
	s = norm.NFKC.String(s) // as Slug reads it
	i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	if i < 0 {
		return fmt.Errorf("%s: %w; %s", what, ErrNoSlug, fix)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	var script string
	switch name := scriptName(r); {
	case unicode.Is(unicode.Arabic, r):
		script = fmt.Sprintf("it is written in Arabic script, in letters the importer does not transliterate (such as %q)", r)
	case unicode.Is(unicode.Latin, r):
		script = fmt.Sprintf("its Latin letters have no plain a-z form (such as %q)", r)
	case strings.HasPrefix(name, "in "):
		script = "it is written " + name
	default:
		script = "it is written in " + name + " script"
	}
	return &noLatinSlug{fmt.Sprintf("%s, has no Latin letters or digits to make a slug of: %s, and a slug is a-z, 0-9 and hyphens, which the importer makes from Latin letters and transliterates from Arabic script, but from no other script; %s", what, script, fix)}
}

// noLatinSlug is ErrNoSlug for text of letters or digits that Slug does
// not write in Latin letters: said so, not as "no letter or digit".
type noLatinSlug struct{ msg string }

func (e *noLatinSlug) Error() string        { return e.msg }
func (e *noLatinSlug) Is(target error) bool { return target == ErrNoSlug }

// line is one non-blank line of a story, its white space squeezed.
type line struct {
	no   int
	text string
}

// arabicCodePage tells whether text, not UTF-8, reads as Arabic in
// Windows code page 1256: most of its bytes past ASCII are that code
// page's Arabic letters (0xC1 to 0xED), and most words of letters have
// no ASCII letter.
func arabicCodePage(text []byte) bool {
	high, arabic, ascii := 0, 0, 0
	for _, b := range text {
		switch {
		case b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z':
			ascii++
		case b < 0x80:
		case b >= 0xc1 && b <= 0xed && b != 0xd7 && b != 0xe0 && b != 0xe2 && b != 0xe7 && b != 0xe8 && b != 0xe9 && b != 0xea && b != 0xeb && b != 0xee && b != 0xef:
			high++
			arabic++
		default:
			high++
		}
	}
	return high >= 8 && arabic*4 >= high*3 && high > ascii
}

// checkText refuses what is not a story: nothing, a binary file, text in
// another encoding than UTF-8, naming UTF-16 and UTF-32 (charset.Wide).
func checkText(text []byte) error {
	if len(text) > MaxStorySize {
		return fmt.Errorf("the story is %d bytes long, more than %d: is it the right file?", len(text), MaxStorySize)
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return errors.New("the story is empty")
	}
	if enc := charset.Wide(text); enc != "" {
		// Its zero bytes would otherwise be taken for a binary file's.
		return fmt.Errorf("the story is %s text, not UTF-8: save it as UTF-8 (in Notepad: File, Save As, then Encoding: UTF-8) and import it again", enc)
	}
	if bytes.HasPrefix(text, []byte("PK\x03\x04")) {
		// A zip file: Word's .docx, LibreOffice's .odt.
		return errors.New("the story is a zip file, such as a Word document (.docx), not text: in Word, use File, Save As, Plain Text (.txt), then Encoding: Unicode (UTF-8), and import that file")
	}
	if i := bytes.IndexByte(text, 0); i >= 0 {
		lineNo := bytes.Count(text[:i], []byte("\n")) + 1
		return fmt.Errorf("the story is not text: it holds a NUL byte on line %d (a binary file?)", lineNo)
	}
	if !utf8.Valid(text) {
		off := 0
		for off < len(text) {
			r, size := utf8.DecodeRune(text[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		lineNo := bytes.Count(text[:off], []byte("\n")) + 1
		// Arabic letters in Windows' Arabic code page (1256) are bytes
		// 0xC1 to 0xED, most of them; so are accented Latin ones in
		// Latin-1, but those come between ASCII letters.
		hint := ""
		if arabicCodePage(text) {
			hint = " (it looks like Windows Arabic, code page 1256)"
		}
		return fmt.Errorf("the story is not UTF-8 text%s: byte 0x%02x on line %d; save it as UTF-8 (in Notepad: File, Save As, then Encoding: UTF-8) and import it again", hint, text[off], lineNo)
	}
	// A dataset given where the story goes (the story forgotten) would
	// be read as a story of one long headline: say what it is.
	if t := bytes.TrimSpace(bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))); len(t) > 0 && (t[0] == '{' || t[0] == '[') && json.Valid(t) {
		return errors.New("the story is JSON, such as a dataset, not a story's text: give a dataset with -data and the story after it (dateline import -data DATASET STORY.txt)")
	}
	return nil
}

// squeeze turns every run of white space, non-breaking spaces included,
// into one space, and trims the ends.
func squeeze(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

func limit(lineNo int, what, s string, max int) error {
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Errorf("line %d: the %s is %d characters long, more than %d: split or shorten it", lineNo, what, n, max)
	}
	return nil
}

// UniqueSlug returns slug, or slug-2, slug-3, ... : the first that is not
// taken.
func UniqueSlug(slug string, taken func(string) bool) string {
	s := slug
	for n := 2; taken(s); n++ {
		s = fmt.Sprintf("%s-%d", slug, n)
	}
	return s
}

// givenDate is a date as given to a flag, with the time that "now" stood
// for.
func givenDate(given, date string) string {
	if given == PublishedNow {
		return fmt.Sprintf("%s (%s)", PublishedNow, date)
	}
	return given
}
