package importer

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"dateline/app/article"
)

// A dateline opens a story's first paragraph: a place, its source in
// parentheses and a dash ("ERBIL (Kurdistan 24) – "). What tells it from
// a first sentence that holds a parenthesis and a dash ("The minister
// (left) – said") is its place, which is short and written as names are:
// in capitals, or else in title case, when its source must be written as
// a name too, or be an agency's short name in lower case ("(dpa)"), and
// the text after the dash must not go on in lower case.
var (
	// casedOpening is "HEAD (Source) – " at the start of a paragraph in a
	// script with capitals (the dash any of - – —, or typed as two or
	// three: "--", "---", "——");
	// readCased reads HEAD, which is the place, perhaps with its region, a
	// date and a weekday.
	casedOpening = regexp.MustCompile(`^(\p{Lu}[^()]{0,99}?)\s*\(([^()]{1,60})\)\s*[-–—]{1,3}\s*(\S.*)$`)
	// datelineDate is what wire services write after the place, as
	// its last part: a date (", Dec 7", ", 7. Dezember", ", 1er août"),
	// perhaps after a weekday (", Tuesday, Dec 7", ", Di., 7. Dez.", ",
	// mardi 7 décembre"), or a weekday alone (", Tuesday", ", Thurs.").
	// The whole of it is the first group, and the day of a date the
	// second or the third. A head that is all date has no place.
	datelineDate = regexp.MustCompile(`(?i)(?:^|,)\s*((?:` + weekdayBeforeDate + `,?\s+)?` + date + `|` + weekdayAlone + `)$`)
	// caselessDateline is the same opening in a script without capitals,
	// such as Arabic: the place starts with a letter of such a script and
	// has no cased letter; direction marks may stand around its parts.
	caselessDateline = regexp.MustCompile(`^[\x{200E}\x{200F}\x{061C}]*(\p{Lo}[^()\p{Lu}\p{Ll}\p{Lt}]{0,39}?)[\s\x{200E}\x{200F}\x{061C}]*\(([^()]{1,60})\)[\s\x{200E}\x{200F}\x{061C}]*[-–—]{1,3}[\s\x{200E}\x{200F}\x{061C}]*(\S.*)$`)
)

// date is a date as wire services write it in English, French and
// German: a day and a month, either first, with or without a year
// ("Dec 7", "Dec. 7, 2021", "December 7th", "7 December", "7. Dez.",
// "1er août 2021"). Its day is a group of its own, one of two.
const date = `(?:(?:` + months + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:\.|er|st|nd|rd|th)?\s+(?:` + months + `)\.?)(?:,?\s+\d{4})?`

// months are the names of the months in English, French and German, in
// full and as wire services shorten them; the French and German ones also
// without their accents and umlauts, as capitals often write them.
const months = `jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?` +
	`|janv(?:ier)?|f[ée]v(?:r(?:ier)?)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[ûu]t|septembre|octobre|novembre|d[ée]c(?:embre)?` +
	`|januar|j[äa]n(?:ner)?|februar|feber|m[äa]rz|m[äa]r|mrz|juni|juli|okt(?:ober)?|dez(?:ember)?`

// A weekday in a dateline: its name in English, French or German, or a
// short form. Alone, a short form has its full stop ("Thurs."), and one
// of two letters (German) is not taken, as "Mo." is also Missouri, as AP
// writes it; before a date, any is ("Tue Dec 7", "Di., 7. Dez.").
const (
	weekdays                  = `monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag`
	weekdayAbbreviations      = `mon|tues?|wed|thu(?:rs?)?|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim`
	shortWeekdayAbbreviations = `mo|di|mi|do|fr|sa|so`
	weekdayAlone              = `(?:` + weekdays + `|(?:` + weekdayAbbreviations + `)\.)`
	weekdayBeforeDate         = `(?:` + weekdays + `|(?:` + weekdayAbbreviations + `|` + shortWeekdayAbbreviations + `)\.?)`
)

// maxCaselessPlaceWords bounds the words of a place in a script without
// capitals: there, only its length tells a place from the start of a
// sentence that holds a parenthesis and a dash.
const maxCaselessPlaceWords = 4

// Bounds of a place in title case: a town, its region and its country at
// most ("Erbil, Kurdistan Region, Iraq"), each of a few words; and of a
// source, a name of a few words ("Kurdistan 24", "Agence France-Presse").
const (
	maxPlaceParts     = 3
	maxPlacePartWords = 4
	maxSourceWords    = 5
	// maxPlaceLength is the length of a place, as it always was in
	// capitals.
	maxPlaceLength = 60
)

// particles are the lower-case words of place names in title case ("Rio
// de Janeiro", "Dar es Salaam", "Frankfurt am Main"): between capitalised
// words, they leave a place a place.
var particles = map[string]bool{
	"de": true, "da": true, "do": true, "dos": true, "das": true, "del": true, "della": true,
	"di": true, "du": true, "des": true, "la": true, "le": true, "les": true, "el": true,
	"al": true, "es": true, "am": true, "an": true, "der": true, "upon": true,
}

// opening is a dateline read at the start of a paragraph.
type opening struct {
	dateline article.Dateline
	// date is a date written after the place, such as "Dec 7": a
	// Dateline holds none, and the article does not keep it.
	date string
	// rest is the paragraph after the dateline.
	rest string
}

// splitDateline finds a dateline at the start of a paragraph.
func splitDateline(text string) (opening, bool) {
	if o, ok := readCased(text); ok {
		return o, true
	}
	m := caselessDateline.FindStringSubmatch(text)
	if m == nil {
		return opening{}, false
	}
	// An Arabic comma or a dash may stand between the place and its
	// source: "PLACE، (Source) – ", "PLACE - (Source) - ".
	place := strings.TrimRightFunc(m[1], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\u200e\u200f\u061c،-–—", r)
	})
	place, source := trimMarks(place), trimMarks(m[2])
	if len(strings.Fields(place)) > maxCaselessPlaceWords || place == "" || source == "" {
		return opening{}, false
	}
	return opening{dateline: article.Dateline{Place: place, Source: source}, rest: m[3]}, true
}

// readCased reads a dateline in a script with capitals. A date after the
// place is cut off. A place without a lower-case letter ("ERBIL",
// "WASHINGTON, D.C.") takes any source; one in title case ("Baghdad",
// "SULAIMANI, Kurdistan Region") is a place of at most maxPlaceParts
// parts, split by commas, each a name (isName), and is taken only with a
// source written as a name or an agency's short name in lower case
// (isAgency) and a text that does not go on in lower case.
func readCased(text string) (opening, bool) {
	m := casedOpening.FindStringSubmatch(text)
	if m == nil {
		return opening{}, false
	}
	head, source, rest := m[1], strings.TrimSpace(m[2]), m[3]
	var date string
	if d := datelineDate.FindStringSubmatch(head); d != nil {
		day, err := strconv.Atoi(d[2] + d[3])
		if d[2]+d[3] == "" || err == nil && day >= 1 && day <= 31 {
			date, head = d[1], head[:len(head)-len(d[0])]
		}
	}
	place := strings.TrimSpace(head)
	o := opening{dateline: article.Dateline{Place: place, Source: source}, date: date, rest: rest}
	if place == "" || utf8.RuneCountInString(place) > maxPlaceLength {
		return opening{}, false
	}
	if !strings.ContainsFunc(place, unicode.IsLower) {
		return o, true
	}
	if first, _ := utf8.DecodeRuneInString(rest); unicode.IsLower(first) || !isName(source, maxSourceWords, true) && !isAgency(source) {
		return opening{}, false
	}
	parts := strings.Split(place, ",")
	if len(parts) > maxPlaceParts {
		return opening{}, false
	}
	for _, p := range parts {
		if !isName(p, maxPlacePartWords, false) {
			return opening{}, false
		}
	}
	return o, true
}

// agencies are the short names that news agencies write in lower case in
// their datelines ("Berlin (dpa) - "), German-language ones mostly. No
// rule of letters tells such a name from a remark in parentheses in a
// first sentence ("(sic)", "(top)", "(file)", "(links)"), and a remark
// read as a source would take the sentence's opening words out of its
// text; a name missing here leaves the story with no dateline, which the
// import warns of. So only these are taken.
var agencies = map[string]bool{
	"afp": true, "ansa": true, "ap": true, "apa": true, "ats": true, "awp": true,
	"ddp": true, "dpa": true, "dpa-afx": true, "dts": true, "efe": true, "epd": true,
	"kap": true, "kathpress": true, "kna": true, "rtr": true, "sda": true, "sid": true,
}

// maxAgencies bounds the agencies a dateline credits together
// ("dpa/afp/rtr").
const maxAgencies = 3

// isAgency reports whether s is the short name of an agency that writes
// it in lower case (agencies), or a few names joined by slashes, each
// such a name or a capitalised word, and one at least such a name:
// "dpa", "dpa/afp", "dpa/AFP".
func isAgency(s string) bool {
	parts := strings.Split(s, "/")
	if len(parts) > maxAgencies {
		return false
	}
	known := false
	for i, p := range parts {
		switch {
		case agencies[strings.ToLower(p)]:
			known = true
		case i > 0 && agencies[strings.ToLower(parts[i-1])] && isServiceCode(p):
			// An agency's service: dpa's regional ones ("dpa/lnw").
		case !capitalised(p):
			return false
		}
	}
	return known
}

// isServiceCode reports whether s is the short lower-case name of one of
// an agency's services, which follows the agency's ("dpa/tmn").
func isServiceCode(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// isName reports whether s is written as a name: one to max words, the
// first capitalised, those after it capitalised, particles of place names
// between two, or numbers when numbers are allowed ("Kurdistan 24", never
// "2": a score is no source). A capitalised word starts with a capital and goes on with
// letters, digits, full stops, hyphens, apostrophes or ampersands
// ("D.C.", "France-Presse", "Kurdistan24").
func isName(s string, max int, numbers bool) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > max {
		return false
	}
	for i, w := range words {
		switch {
		case numbers && i > 0 && strings.Trim(w, "0123456789") == "":
		case capitalised(w):
		case slashed(w): // "Frankfurt/Main", "Reuters/AFP"
		case particles[w] && i > 0 && i < len(words)-1:
		default:
			return false
		}
	}
	return true
}

// slashed reports whether w is two or three capitalised words joined by
// slashes, as German datelines name a town by its river or region
// ("Frankfurt/Main", "Halle/Saale").
func slashed(w string) bool {
	parts := strings.Split(w, "/")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for _, p := range parts {
		if !capitalised(p) {
			return false
		}
	}
	return true
}

// capitalised reports whether w is a word that starts with a capital
// (isName).
func capitalised(w string) bool {
	first, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(first) && !unicode.IsTitle(first) {
		return false
	}
	for _, r := range w[size:] {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && !strings.ContainsRune(".-'’&", r) {
			return false
		}
	}
	return true
}
