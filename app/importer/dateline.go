package importer

import (
	"regexp"
	"strings"
	"unicode"

	"dateline/app/article"
)

var (
	// datelineOpening is "PLACE (Source) – " at the start of a paragraph.
	// The place is written without lower-case letters, as datelines are, so
	// that an ordinary sentence with a parenthesis and a dash is left alone.
	datelineOpening = regexp.MustCompile(`^(\p{Lu}[^()\p{Ll}]{0,59}?)\s*\(([^()]{1,60})\)\s*[-–—]\s*(\S.*)$`)
	// caselessDateline is the same opening in a script without capitals,
	// such as Arabic: the place starts with a letter of such a script and
	// has no cased letter; direction marks may stand around its parts.
	caselessDateline = regexp.MustCompile(`^[\x{200E}\x{200F}\x{061C}]*(\p{Lo}[^()\p{Lu}\p{Ll}\p{Lt}]{0,39}?)[\s\x{200E}\x{200F}\x{061C}]*\(([^()]{1,60})\)[\s\x{200E}\x{200F}\x{061C}]*[-–—][\s\x{200E}\x{200F}\x{061C}]*(\S.*)$`)
)

// maxCaselessPlaceWords bounds the words of a place in a script without
// capitals: there, only its length tells a place from the start of a
// sentence that holds a parenthesis and a dash.
const maxCaselessPlaceWords = 4

// splitDateline finds a dateline at the start of a paragraph and returns
// it with the rest of the paragraph.
func splitDateline(text string) (*article.Dateline, string, bool) {
	if m := datelineOpening.FindStringSubmatch(text); m != nil {
		return &article.Dateline{Place: strings.TrimSpace(m[1]), Source: strings.TrimSpace(m[2])}, m[3], true
	}
	m := caselessDateline.FindStringSubmatch(text)
	if m == nil {
		return nil, text, false
	}
	// An Arabic comma or a dash may stand between the place and its
	// source: "PLACE، (Source) – ", "PLACE - (Source) - ".
	place := strings.TrimRightFunc(m[1], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\u200e\u200f\u061c،-–—", r)
	})
	place, source := trimMarks(place), trimMarks(m[2])
	if len(strings.Fields(place)) > maxCaselessPlaceWords || place == "" || source == "" {
		return nil, text, false
	}
	return &article.Dateline{Place: place, Source: source}, m[3], true
}
