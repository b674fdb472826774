package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A byline is a line of its own that names the story's reporters: "By
// Jane Doe", "BY JANE DOE AND JOHN ROE", "By Jane Doe, John Roe and Max
// Mustermann", perhaps with their agency, outlet or job title after a
// comma or a bar ("By Jane Doe, Reuters", "By Jane Doe, Staff Writer",
// "By Jane Doe | Synthetic Wire"), which are no authors (BylinePart); or
// only an agency or the staff ("By Reuters", "By Staff Reporter"). Wire
// stories put it between the headline and the dateline, some right after
// the dateline's paragraph. What tells it from a sentence that opens with "By" ("By
// Tuesday, officials said...") is that it is short and all names: each
// of two to five words, written as names are (capitalised, with the
// particles of names between: "Maria de Doe", "Jan van Doe"), none a
// weekday, a word that is in no name ("Christmas") or a word such as
// "The" that opens no name.
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
	// Names are the reporters it names, in its order, each once; none
	// when it credits an agency or the staff only ("By Reuters Staff").
	Names []string
	// Left are the parts of it that name no author, left out: its agency,
	// outlet, a job title, another credit ("Reuters", "Staff Writer").
	Left []BylinePart
	// Recased is true when the names were written in capitals ("BY JANE
	// DOE") and are given in title case ("Jane Doe").
	Recased bool
	// Used is true when the names are the article's authors: false when
	// the publisher gave the authors (Options.Authors).
	Used bool
}

// BylinePart is a part of a byline that names no author.
type BylinePart struct {
	Text string
	Kind PartKind
}

// PartKind says what a part of a byline that names no author is.
type PartKind int

// The parts of a byline that name no author.
const (
	// PartOther is a name of one word after the reporters' ("Erbil"):
	// a place, an outlet or an agency, but no person's.
	PartOther PartKind = iota
	// PartAgency is a news agency known by its name ("Reuters",
	// "Agence France-Presse").
	PartAgency
	// PartOutlet is a newspaper, broadcaster or service ("Synthetic News
	// Service", "Kurdistan 24").
	PartOutlet
	// PartTitle is a reporter's job title ("Staff Writer").
	PartTitle
	// PartStaff credits the staff, not a person ("Staff Reporter",
	// "Reuters Staff").
	PartStaff
	// PartCredit credits other work than the story's ("Photos By John
	// Roe").
	PartCredit
	// PartTime is when the story was written or updated ("Updated 12
	// March").
	PartTime
)

// Describe says what the part is, quoting it: `its agency "Reuters"`.
func (p BylinePart) Describe() string {
	switch p.Kind {
	case PartAgency:
		return fmt.Sprintf("its agency %q", p.Text)
	case PartOutlet:
		return fmt.Sprintf("its outlet %q", p.Text)
	case PartTitle:
		return fmt.Sprintf("the job title %q", p.Text)
	case PartStaff:
		return fmt.Sprintf("the staff credit %q", p.Text)
	case PartCredit:
		return fmt.Sprintf("the credit %q", p.Text)
	case PartTime:
		return fmt.Sprintf("the time %q", p.Text)
	}
	return fmt.Sprintf("%q (one word after the names: a place or an outlet, no person's name)", p.Text)
}

// knownAgencies are the agencies and outlets a byline may name alone or
// after the reporters, besides those isAgency knows: those of more than
// one word would otherwise read as a reporter's name ("By Jane Doe,
// Associated Press"), and a byline of one of them alone ("By Agence
// France-Presse", "By Reuters") names no author.
var knownAgencies = map[string]PartKind{
	"associated press": PartAgency, "the associated press": PartAgency, "agence france-presse": PartAgency,
	"agence france presse": PartAgency, "deutsche presse-agentur": PartAgency, "united press international": PartAgency,
	"anadolu agency": PartAgency, "thomson reuters": PartAgency, "reuters": PartAgency, "xinhua": PartAgency,
	"kyodo": PartAgency, "yonhap": PartAgency, "bernama": PartAgency, "tass": PartAgency, "irna": PartAgency,
	"upi": PartAgency, "anadolu": PartAgency, "agencies": PartAgency,
	"al jazeera": PartOutlet, "bbc": PartOutlet, "cnn": PartOutlet,
}

// outletWords are words of an outlet's name, which no reporter's name
// holds after a comma ("Jane Doe, Synthetic News Service").
var outletWords = map[string]bool{
	"news": true, "service": true, "services": true, "press": true, "agency": true, "times": true,
	"post": true, "network": true, "television": true, "tv": true, "radio": true, "wire": true,
	"journal": true, "herald": true, "tribune": true, "gazette": true, "daily": true, "media": true,
	"broadcasting": true, "channel": true, "magazine": true, "chronicle": true, "telegraph": true,
	"newspaper": true, "online": true, "weekly": true, "bulletin": true,
}

// titleWords are words of a reporter's job title ("Staff Writer", "Bureau
// Chief"), and staffWords those of a byline that credits the staff.
var (
	titleWords = map[string]bool{
		"writer": true, "writers": true, "reporter": true, "reporters": true, "correspondent": true,
		"correspondents": true, "editor": true, "editors": true, "contributor": true, "contributors": true,
		"chief": true, "columnist": true, "columnists": true, "journalist": true, "journalists": true,
		"producer": true, "producers": true, "analyst": true, "photographer": true, "stringer": true,
		"intern": true, "staff": true,
	}
	staffWords = map[string]bool{"staff": true, "desk": true, "team": true, "bureau": true, "our": true, "agencies": true}
)

// creditLine and timeLine are a credit for other work than the story's
// ("Photos By John Roe", "Additional reporting by John Roe") and a time
// ("Updated 12 March") after the reporters' names.
var (
	creditLine = regexp.MustCompile(`(?i)^(?:additional\s+)?(?:photos?|photographs?|photography|pictures?|images?|videos?|graphics?|illustrations?|reporting|editing|writing|research|translation|translated)(?:\s+by\b|:)`)
	timeLine   = regexp.MustCompile(`(?i)^(?:(?:last\s+)?updated|(?:first\s+)?published|posted|filed)\b|\b(?:` + months + `)\.?\s+\d|\d\s+(?:` + months + `)\b|\d{1,2}:\d\d`)
)

// nonNames are capitalised words that are in no person's name, which
// make a short line of them no byline: "By Christmas Eve", "By Election
// Day", "By Popular Demand", "BY ROYAL DECREE", "By Air Force One". Day
// and Eve are not among them, being names too ("Doris Day"); the word
// before them is, in the phrases a story opens with. The months that are
// also names (April, May, June, August) are not either.
var nonNames = map[string]bool{
	"christmas": true, "easter": true, "election": true, "elections": true, "demand": true,
	"decree": true, "force": true, "one": true, "two": true, "three": true, "four": true, "five": true,
	"six": true, "seven": true, "eight": true, "nine": true, "ten": true, "hundred": true,
	"thousand": true, "million": true, "first": true, "second": true, "third": true, "half": true,
	"week": true, "weeks": true, "weekend": true, "year": true, "years": true, "month": true,
	"months": true, "days": true, "hours": true, "decade": true, "century": true, "season": true,
	"night": true, "nightfall": true, "afternoon": true, "dusk": true, "daybreak": true,
	"sunrise": true, "sunset": true, "holiday": true, "holidays": true, "deadline": true,
	"popular": true, "order": true, "law": true, "default": true, "air": true, "sea": true,
	"land": true, "road": true, "rail": true, "train": true, "plane": true, "car": true, "bus": true,
	"boat": true, "ship": true, "mail": true, "phone": true, "telephone": true, "email": true,
	"fax": true, "time": true, "contrast": true, "comparison": true, "request": true,
	"appointment": true, "accident": true, "design": true, "chance": true, "far": true,
	"ramadan": true, "eid": true, "nowruz": true, "newroz": true, "thanksgiving": true,
	"halloween": true, "hanukkah": true, "diwali": true, "independence": true, "memorial": true,
	"labor": true, "labour": true, "polling": true, "voting": true, "judgment": true,
	"judgement": true, "doomsday": true, "boxing": true, "victory": true, "new": true,
	"january": true, "february": true, "march": true, "july": true, "september": true,
	"october": true, "november": true, "december": true,
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

// readByline reads a byline line: the reporters' names, and the parts
// that name no author (its agency, a job title...). A byline names a
// reporter, or only a known agency or the staff ("By Reuters", "By Staff
// Reporter").
func readByline(text string) (Byline, bool) {
	m := bylineLine.FindStringSubmatch(text)
	if m == nil || utf8.RuneCountInString(text) > maxBylineLength {
		return Byline{}, false
	}
	var b Byline
	rest := m[1]
	// A part after a bar or a spaced dash: "Jane Doe | Reuters".
	for _, sep := range []string{" | ", " - ", " – ", " — "} {
		if before, after, found := strings.Cut(rest, sep); found {
			after = trimStop(strings.TrimSpace(after))
			kind, ok := leftOut(after, true)
			if !ok && !isName(after, maxSourceWords, true) {
				return Byline{}, false
			}
			rest, b.Left = before, []BylinePart{{Text: after, Kind: kind}}
			break
		}
	}
	groups := strings.Split(rest, ",")
	for j, g := range groups {
		// After a comma, a part that names no author: "Jane Doe, Staff
		// Writer", "Jane Doe, Synthetic News Service", "Jane Doe, Erbil".
		if g := trimStop(strings.TrimSpace(g)); j > 0 && !hasAnd(g) {
			if kind, ok := leftOut(g, j == len(groups)-1); ok {
				b.Left = append(b.Left, BylinePart{Text: g, Kind: kind})
				continue
			}
		}
		for _, p := range splitNames(g, j > 0) {
			p = trimStop(p)
			if kind, ok := noPerson(p); ok {
				b.Left = append(b.Left, BylinePart{Text: p, Kind: kind})
				continue
			}
			if !isPersonName(p) {
				return Byline{}, false
			}
			if name := titleCase(p); name != p {
				p, b.Recased = name, true
			}
			if !slices.ContainsFunc(b.Names, func(n string) bool { return strings.EqualFold(n, p) }) {
				b.Names = append(b.Names, p)
			}
		}
	}
	if len(b.Names) > maxBylineNames || len(b.Names) == 0 && slices.ContainsFunc(b.Left, func(p BylinePart) bool {
		return p.Kind != PartAgency && p.Kind != PartStaff
	}) {
		return Byline{}, false
	}
	return b, len(b.Names) > 0 || len(b.Left) > 0
}

// trimStop trims a full stop that ends a byline ("By Jane Doe.") but not
// an initial's or an abbreviation's ("Jane Doe Jr.").
func trimStop(s string) string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return s
	}
	last := words[len(words)-1]
	if !strings.HasSuffix(last, ".") || utf8.RuneCountInString(last) <= 2 {
		return s
	}
	switch strings.ToLower(last) {
	case "jr.", "sr.", "st.":
		return s
	}
	return strings.TrimSuffix(s, ".")
}

// leftOut tells a part of a byline after its names that names no author:
// a known agency or outlet, a job title, a credit, a time, a name with a
// digit ("Kurdistan 24") or a word of an outlet's name ("Synthetic News
// Service"), or, when it is the last, one capitalised word ("Erbil").
func leftOut(s string, last bool) (PartKind, bool) {
	words := strings.Fields(s)
	has := func(set map[string]bool) bool {
		return slices.ContainsFunc(words, func(w string) bool { return set[strings.ToLower(w)] })
	}
	if kind, ok := knownAgency(s); ok {
		return kind, true
	}
	switch {
	case len(words) == 0:
		return 0, false
	case creditLine.MatchString(s):
		return PartCredit, true
	case timeLine.MatchString(s):
		return PartTime, true
	case has(titleWords):
		return PartTitle, true
	case has(staffWords):
		return PartStaff, true
	case strings.ContainsFunc(s, unicode.IsDigit) && isName(s, maxSourceWords, true), has(outletWords):
		return PartOutlet, true
	case last && len(words) == 1 && capitalised(words[0]):
		return PartOther, true
	}
	return 0, false
}

// noPerson tells a part of a byline's names that is no person: a known
// agency ("Reuters", "AFP", "Agence France-Presse") or a credit of the
// staff ("Staff Reporter", "Reuters Staff", "Our Correspondent").
func noPerson(s string) (PartKind, bool) {
	if kind, ok := knownAgency(s); ok {
		return kind, true
	}
	words := strings.Fields(strings.ToLower(s))
	if len(words) > 0 && slices.ContainsFunc(strings.Fields(s), capitalised) &&
		(slices.ContainsFunc(words, func(w string) bool { return staffWords[w] }) || titleWords[words[len(words)-1]]) {
		return PartStaff, true
	}
	return 0, false
}

// knownAgency tells an agency or outlet known by its name (knownAgencies,
// isAgency).
func knownAgency(s string) (PartKind, bool) {
	if kind, ok := knownAgencies[strings.ToLower(strings.Join(strings.Fields(s), " "))]; ok {
		return kind, true
	}
	return PartAgency, isAgency(s)
}

// splitNames splits a part of a byline between commas at "and" or "&"
// ("Jane Doe and John Roe"); after a comma, an "and" that opens it goes
// with the comma ("Jane Doe, John Roe, and Max Doe"). A part left empty
// ("Jane Doe and") is kept, as no name.
func splitNames(s string, afterComma bool) []string {
	var parts []string
	words := strings.Fields(s)
	if afterComma && len(words) > 0 && isAnd(words[0]) {
		words = words[1:] // the comma and the "and" make one break
	}
	start := 0
	for i, w := range words {
		if isAnd(w) {
			parts = append(parts, strings.Join(words[start:i], " "))
			start = i + 1
		}
	}
	return append(parts, strings.Join(words[start:], " "))
}

// hasAnd reports whether s, a part of a byline between commas, holds an
// "and" that joins names.
func hasAnd(s string) bool { return slices.ContainsFunc(strings.Fields(s), isAnd) }

// isAnd reports whether w joins the last two names of a byline.
func isAnd(w string) bool { return w == "and" || w == "AND" || w == "And" || w == "&" }

// isPersonName reports whether s is a reporter's name: two to five words,
// the first and the last capitalised, those between capitalised or the
// particles of names, none a weekday, a word that is in no name
// (nonNames) or a possessive ("Mother's"), the first not a word that opens
// a phrase (notFirstNames).
func isPersonName(s string) bool {
	words := strings.Fields(s)
	if len(words) < minBylineNameWords || len(words) > maxBylineNameWords || notFirstNames[strings.ToLower(words[0])] {
		return false
	}
	for i, w := range words {
		lower := strings.ToLower(w)
		switch {
		case weekday.MatchString(w), nonNames[strings.TrimSuffix(lower, ".")]:
			return false
		case strings.HasSuffix(lower, "'s"), strings.HasSuffix(lower, "’s"):
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

// titleCase writes a name in capitals ("JANE DOE") as a newsroom writes
// it: each word capitalised ("Jane Doe"), the particles of names in lower
// case but for the first word ("Maria de la Roe", "Ali al-Doe"), and the
// letter after "Mc" and "O'" capitalised ("McDoe", "O'Roe"); initials and
// numerals ("J.", "III") stay. A name with a lower-case letter is as
// written.
func titleCase(s string) string {
	if strings.ContainsFunc(s, unicode.IsLower) || !strings.ContainsFunc(s, unicode.IsUpper) {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		pieces := strings.Split(w, "-")
		for k, p := range pieces {
			lower := strings.ToLower(p)
			particle := len(lower) > 1 && (particles[lower] || bylineParticles[lower])
			switch {
			case particle && (i > 0 || k < len(pieces)-1) && !(i == len(words)-1 && k == len(pieces)-1):
				pieces[k] = lower
			case romanNumeral(p):
			default:
				pieces[k] = capitaliseName(lower)
			}
		}
		words[i] = strings.Join(pieces, "-")
	}
	if words[0] != "" {
		// The first word is capitalised, whatever it is ("Al-Doe").
		r, size := utf8.DecodeRuneInString(words[0])
		words[0] = string(unicode.ToTitle(r)) + words[0][size:]
	}
	return strings.Join(words, " ")
}

// capitaliseName capitalises a word of a name in lower case, and the
// letter after its "mc" or "o'" ("mcdoe" is "McDoe").
func capitaliseName(w string) string {
	upperAt := func(w string, i int) string {
		r, size := utf8.DecodeRuneInString(w[i:])
		return w[:i] + string(unicode.ToTitle(r)) + w[i+size:]
	}
	w = upperAt(w, 0)
	for _, prefix := range []string{"Mc", "O'", "O’", "D'", "D’"} {
		if strings.HasPrefix(w, prefix) && utf8.RuneCountInString(w) > utf8.RuneCountInString(prefix)+1 {
			return upperAt(w, len(prefix))
		}
	}
	return w
}

// romanNumeral reports whether w is a numeral after a name ("II", "IV").
func romanNumeral(w string) bool {
	switch w {
	case "II", "III", "IV", "VI", "VII", "VIII":
		return true
	}
	return false
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
	if _, ok := readByline(text); ok {
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
