package i18n

// Reading speeds in characters a minute, from Firefox's Reader View
// (toolkit/components/reader/ReaderMode.sys.mjs, _getReadingSpeedForLanguage),
// which takes them from a study of reading speed in several languages
// (iovs.arvojournals.org/article.aspx?articleid=2166061). Sorani is not in the
// study: it takes Arabic's speed, the nearest script, as a first guess.
// Kurmanji is not either: like Firefox for any language it lacks, it
// takes English's.
var charsPerMinute = map[string]int{
	"en":  987,
	"ar":  612,
	"tr":  1054,
	"ckb": 612, // not measured: Arabic's
}

// CharsPerMinute returns how many characters a minute a reader of lang
// reads, English's 987 for a language without a measure.
func CharsPerMinute(lang string) int {
	primary, _ := splitTag(lang)
	switch arabic := arabicScript(lang); {
	case arabic && primary == "ku":
		primary = "ckb"
	case !arabic && (primary == "ar" || primary == "ckb"):
		primary = "en" // Arabic's speed is that of its script: "ckb-Latn" reads as Latin
	}
	if n, ok := charsPerMinute[primary]; ok {
		return n
	}
	return charsPerMinute["en"]
}

// ReadingMinutes returns the minutes a text of chars characters takes to
// read in lang, rounded up, at least 1.
func ReadingMinutes(lang string, chars int) int {
	cpm := CharsPerMinute(lang)
	if m := (chars + cpm - 1) / cpm; m > 1 {
		return m
	}
	return 1
}
