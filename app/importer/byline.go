package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A byline is a line of its own that names the story's reporters: "By
// Jane Doe", "BY JANE DOE AND JOHN ROE", "By Jane Doe, John Roe and Max
// Mustermann", perhaps with their agency after a comma or a bar ("By Jane
// Doe, Reuters", "By Jane Doe | Synthetic Wire"). Wire stories put it
// between the headline and the dateline, some right after the dateline's
// paragraph. What tells it from a sentence that opens with "By" ("By
// Tuesday, officials said...") is that it is short and all names: each
// of two to five words, written as names are (capitalised, with the
// particles of names between: "Maria de Doe", "Jan van Doe"), none a
// weekday or a word such as "The" that opens no name.
var bylineLine = regexp.MustCompile(`^(?:By|BY):?\s+(\S.*)$`)

// Bounds of a byline: its length, its names, and the words of a name.
const (
	maxBylineLength    = 120
	maxBylineNames     = 6
	minBylineNameWords = 2
	maxBylineNameWords = 5
)

// Byline is a story's byline, as ParseWith read it.
type Byline struct {
	// Line is the byline's line in the story; 0 when it has none.
	Line int
	// Text is the whole line, "By Jane Doe, Reuters".
	Text string
	// Names are the reporters it names, in its order, each once.
	Names []string
	// Agency is the agency it names after the reporters ("Reuters"):
	// not an author, and not kept.
	Agency string
	// Used is true when the names are the article's authors: false when
	// the publisher gave the authors (Options.Authors).
	Used bool
}

// bylineAgencies are the agencies a byline names by more than one word,
// which would otherwise read as a reporter's name: "By Jane Doe,
// Associated Press". One of a word ("Reuters"), or with a digit
// ("Kurdistan 24"), is no reporter's.
var bylineAgencies = map[string]bool{
	"associated press": true, "agence france-presse": true, "agence france presse": true,
	"deutsche presse-agentur": true, "united press international": true, "anadolu agency": true,
	"thomson reuters": true,
}

// bylineParticles are the lower-case words between the capitalised words
// of a person's name ("Jan van Doe", "Ali bin Doe"), besides those of
// place names (particles).
var bylineParticles = map[string]bool{
	"van": true, "von": true, "den": true, "ter": true, "zu": true, "bin": true, "ibn": true, "bint": true,
	"abu": true, "y": true, "e": true, "dei": true, "st.": true,
}

// notFirstNames are capitalised words that open a phrase, not a name:
// "By The Associated Press" is an agency's, "By Late Tuesday" a sentence.
var notFirstNames = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"its": true, "our": true, "their": true, "his": true, "her": true, "my": true, "your": true,
	"then": true, "now": true, "next": true, "last": true, "late": true, "early": true, "mid": true,
	"end": true, "today": true, "tonight": true, "tomorrow": true, "yesterday": true,
	"noon": true, "midnight": true, "dawn": true, "morning": true, "evening": true,
}

// weekday is a weekday's name, which no reporter's name holds.
var weekday = regexp.MustCompile(`(?i)^(?:` + weekdays + `|(?:` + weekdayAbbreviations + `)\.?)$`)

// readByline reads a byline line: the reporters' names and the agency
// after them, if any.
func readByline(text string) (names []string, agency string, ok bool) {
	m := bylineLine.FindStringSubmatch(text)
	if m == nil || utf8.RuneCountInString(text) > maxBylineLength {
		return nil, "", false
	}
	rest := m[1]
	// An agency after a bar or a spaced dash: "Jane Doe | Reuters".
	for _, sep := range []string{" | ", " - ", " – ", " — "} {
		if before, after, found := strings.Cut(rest, sep); found {
			after = strings.TrimSpace(after)
			if !isAgency(after) && !isName(after, maxSourceWords, true) {
				return nil, "", false
			}
			rest, agency = before, after
			break
		}
	}
	parts := splitNames(rest)
	if agency == "" && len(parts) > 1 {
		// An agency after a comma: "Jane Doe, Reuters".
		if last := parts[len(parts)-1]; isBylineAgency(last) {
			parts, agency = parts[:len(parts)-1], last
		}
	}
	if len(parts) == 0 || len(parts) > maxBylineNames {
		return nil, "", false
	}
	for _, p := range parts {
		if !isPersonName(p) {
			return nil, "", false
		}
		dup := false
		for _, n := range names {
			dup = dup || strings.EqualFold(n, p)
		}
		if !dup {
			names = append(names, p)
		}
	}
	return names, agency, true
}

// splitNames splits the names of a byline at its commas and at "and" or
// "&" ("Jane Doe, John Roe, and Max Doe"). A part left empty ("Jane Doe
// and") is kept, as no name.
func splitNames(s string) []string {
	var parts []string
	for j, p := range strings.Split(s, ",") {
		words := strings.Fields(p)
		if j > 0 && len(words) > 0 && isAnd(words[0]) {
			words = words[1:] // the comma and the "and" make one break
		}
		start := 0
		for i, w := range words {
			if isAnd(w) {
				parts = append(parts, strings.Join(words[start:i], " "))
				start = i + 1
			}
		}
		parts = append(parts, strings.Join(words[start:], " "))
	}
	return parts
}

// isAnd reports whether w joins the last two names of a byline.
func isAnd(w string) bool { return w == "and" || w == "AND" || w == "And" || w == "&" }

// isBylineAgency reports whether the last part of a byline's names is
// its agency: a word alone ("Reuters", "AFP"; a reporter is named by two
// at least), a name with a digit ("Kurdistan 24"), an agency that writes
// its short name in lower case (isAgency) or one of bylineAgencies.
func isBylineAgency(s string) bool {
	words := strings.Fields(s)
	switch {
	case len(words) == 1:
		return capitalised(words[0]) || isAgency(words[0])
	case strings.ContainsFunc(s, unicode.IsDigit):
		return isName(s, maxSourceWords, true)
	}
	return bylineAgencies[strings.ToLower(strings.Join(words, " "))]
}

// isPersonName reports whether s is a reporter's name: two to five words,
// the first and the last capitalised, those between capitalised or the
// particles of names, none a weekday, the first not a word that opens a
// phrase (notFirstNames).
func isPersonName(s string) bool {
	words := strings.Fields(s)
	if len(words) < minBylineNameWords || len(words) > maxBylineNameWords || notFirstNames[strings.ToLower(words[0])] {
		return false
	}
	for i, w := range words {
		switch {
		case weekday.MatchString(w):
			return false
		case capitalised(w) && strings.ContainsFunc(w, unicode.IsLetter):
		case i > 0 && i < len(words)-1 && (particles[w] || bylineParticles[w]):
		case prefixedName(w): // "al-Doe"
		default:
			return false
		}
	}
	return true
}

// prefixedName reports whether w is a particle joined by a hyphen to a
// capitalised name, as Arabic names are written in Latin letters
// ("al-Doe", "el-Roe").
func prefixedName(w string) bool {
	p, name, found := strings.Cut(w, "-")
	return found && (particles[p] || bylineParticles[p] || p == "ad" || p == "ash" || p == "as") && capitalised(name)
}

// bylineShaped reports whether a paragraph may be a byline, as the
// importer reads one now or read one before (Fingerprint): a line that
// readByline takes, or any short line of "By" and words written as names
// are (capitalised, particles of names, agencies, numbers) with commas,
// bars, dashes and "and" between. It takes more than readByline does
// ("By Christmas Eve"), so that a line one reading took as a byline and
// another as a paragraph counts the same in both.
func bylineShaped(text string) bool {
	if _, _, ok := readByline(text); ok {
		return true
	}
	m := bylineLine.FindStringSubmatch(text)
	if m == nil || utf8.RuneCountInString(text) > maxBylineLength {
		return false
	}
	for _, w := range strings.Fields(m[1]) {
		w = strings.TrimRight(w, ",.;:")
		switch {
		case w == "", w == "|", w == "-", w == "–", w == "—", isAnd(w):
		case capitalised(w), slashed(w), prefixedName(w), isAgency(w):
		case particles[w], bylineParticles[w], strings.ContainsFunc(w, unicode.IsDigit):
		default:
			return false
		}
	}
	return true
}
