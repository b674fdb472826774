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
// is one figure. A "PLACE (Source) – " opening of the first paragraph, with
// an en dash, em dash or hyphen, is its dateline. "Read More: <title>"
// lines stay in place as inline links and are listed, in order, as the
// related stories; they name stories outside the collection, so they get
// neither slug nor url. The text carries no date, author, address or image
// file, and the article gets none.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dateline/app/article"
)

// MaxStorySize bounds the text of one story.
const MaxStorySize = 4 << 20

// MaxSlugLength is the length of a slug made from a headline, before any
// "-2" that makes it unique.
const MaxSlugLength = 60

// Lang is the language of imported stories.
const Lang = "en"

var (
	captionLine  = regexp.MustCompile(`^(.*\S)\s*\(((?i:photos?):\s*[^()]*\S)\s*\)$`)
	readMoreLine = regexp.MustCompile(`^(?i:read more)\s*:\s*(\S.*)$`)
	// datelineOpening is "PLACE (Source) – " at the start of a paragraph.
	// The place is written without lower-case letters, as datelines are, so
	// that an ordinary sentence with a parenthesis and a dash is left alone.
	datelineOpening = regexp.MustCompile(`^(\p{Lu}[^()\p{Ll}]{0,59}?)\s*\(([^()]{1,60})\)\s*[-–—]\s*(\S.*)$`)
)

// Parse reads a story. It refuses text that is empty, binary or not UTF-8,
// and text that would not make a valid article, saying which line is at
// fault. The article's slug comes from its headline; make it unique in a
// dataset with UniqueSlug.
func Parse(text []byte) (article.Article, error) {
	var a article.Article
	if err := checkText(text); err != nil {
		return a, err
	}
	text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))
	s := strings.ReplaceAll(string(text), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")

	var lines []line
	for i, l := range strings.Split(s, "\n") {
		if l = squeeze(l); l != "" {
			lines = append(lines, line{no: i + 1, text: l})
		}
	}
	if len(lines) == 0 {
		return a, errors.New("the story is empty: it holds only white space")
	}
	for _, l := range lines {
		for _, r := range l.text {
			if unicode.IsControl(r) {
				return a, fmt.Errorf("line %d holds the control character %U, which a story cannot show: remove it", l.no, r)
			}
		}
	}

	head := lines[0]
	if n := utf8.RuneCountInString(head.text); n > article.MaxHeadlineLength {
		return a, fmt.Errorf("line %d, the headline, is %d characters long, more than %d: is the first line really the headline?", head.no, n, article.MaxHeadlineLength)
	}
	a.Slug = Slug(head.text)
	a.Lang = Lang
	a.Headline = head.text

	seenCaption := make(map[article.Figure]bool)
	seenRelated := make(map[string]bool)
	paragraphs := 0
	for _, l := range lines[1:] {
		if m := captionLine.FindStringSubmatch(l.text); m != nil {
			f := article.Figure{Caption: m[1], Credit: m[2]}
			if err := limit(l.no, "caption", f.Caption, article.MaxTextLength); err != nil {
				return a, err
			}
			if !seenCaption[f] {
				seenCaption[f] = true
				a.Figures = append(a.Figures, f)
			}
			continue
		}
		if m := readMoreLine.FindStringSubmatch(l.text); m != nil {
			title := m[1]
			if err := limit(l.no, "Read More title", title, article.MaxHeadlineLength); err != nil {
				return a, err
			}
			a.Body = append(a.Body, article.Block{Type: article.ReadMore, Link: article.Link{Title: title}})
			if !seenRelated[title] {
				seenRelated[title] = true
				a.Related = append(a.Related, article.Link{Title: title})
			}
			continue
		}
		text := l.text
		if paragraphs == 0 {
			if m := datelineOpening.FindStringSubmatch(text); m != nil {
				a.Dateline = &article.Dateline{Place: strings.TrimSpace(m[1]), Source: strings.TrimSpace(m[2])}
				text = m[3]
			}
		}
		if err := limit(l.no, "paragraph", text, article.MaxTextLength); err != nil {
			return a, err
		}
		a.Body = append(a.Body, article.Block{Type: article.Paragraph, Text: text})
		paragraphs++
	}
	if paragraphs == 0 {
		return a, fmt.Errorf("the story has a headline (line %d) but no paragraph after it", head.no)
	}
	return a, nil
}

// line is one non-blank line of a story, its white space squeezed.
type line struct {
	no   int
	text string
}

// checkText refuses what is not a story: nothing, a binary file, text in
// another encoding than UTF-8.
func checkText(text []byte) error {
	if len(text) > MaxStorySize {
		return fmt.Errorf("the story is %d bytes long, more than %d: is it the right file?", len(text), MaxStorySize)
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return errors.New("the story is empty")
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
		return fmt.Errorf("the story is not UTF-8 text: byte 0x%02x on line %d; save it as UTF-8 and import it again", text[off], lineNo)
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

// Slug makes a URL-safe name from a headline: lower-case ASCII letters
// and digits (accents dropped), every other run of characters one hyphen,
// cut at a hyphen to at most MaxSlugLength characters. A headline with no
// such letter gives "article".
func Slug(headline string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(headline) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // an accent, split from its letter by NFKD
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		default:
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteRune(r)
	}
	s := b.String()
	if len(s) > MaxSlugLength {
		if i := strings.LastIndexByte(s[:MaxSlugLength+1], '-'); i > 0 {
			s = s[:i]
		} else {
			s = s[:MaxSlugLength]
		}
	}
	if s == "" {
		return "article"
	}
	return s
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
