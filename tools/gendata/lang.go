package main

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"unicode/utf8"
)

// language is what a synthetic archive is written in: its placeholder
// words and the few labels every article carries. The right-to-left
// ones (Arabic and Sorani Kurdish) transliterate the Latin placeholder
// words, as Arabic-script typesetting does for its own "lorem ipsum", so
// nothing reads as real news in either script.
type language struct {
	tag         string   // the BCP 47 tag of the site and its articles
	words       []string // placeholder words, lower case
	sections    []string
	site, about string // the site's name and description
	headline    string // "Synthetic article %s", the number formatted by digits
	place       string // the dateline's place
	wire        string // the dateline's source
	caption     string // "Synthetic test figure %s.", as headline
	credit      string
	elsewhere   string // a related link without an address
	away        string // a related link to example.com
	// digits writes a number in the language's digits.
	digits func(int) string
	// vary respells a word now and then the way real text of the
	// language mixes spellings (in Arabic script: hamza dropped from
	// alef, Arabic letters for Sorani ones, a tatweel or a vowel mark),
	// so that a search's folding is exercised at archive size. nil for
	// none.
	vary func(r *rand.Rand, word string) string
	// upper capitalises sentences and tags; false where the script has
	// no case.
	upper bool
}

// languages are the languages gendata writes, by tag.
var languages = map[string]*language{
	"en": {
		tag: "en",
		words: strings.Fields(`lorem ipsum dolor sit amet consectetur adipiscing elit sed do
eiusmod tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud
exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in
reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint occaecat
cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum`),
		sections:  []string{"Lorem", "Ipsum", "Dolor", "Sit Amet", "Consectetur", "Adipiscing", "Elit", "Tempor"},
		site:      "Synthetic Times",
		about:     "Plainly synthetic articles, generated for tests and benchmarks.",
		headline:  "Synthetic article %s",
		place:     "TESTVILLE",
		wire:      "Synthetic Wire",
		caption:   "Synthetic test figure %s.",
		credit:    "Photo: none (test data)",
		elsewhere: "A synthetic story outside this collection",
		away:      "A synthetic page elsewhere",
		digits:    func(n int) string { return fmt.Sprint(n) },
		upper:     true,
	},
	"ar": {
		tag: "ar",
		words: strings.Fields(`لوريم إيبسوم دولور سيت أميت كونسيكتيتور أديبيسينغ إيليت سيد دو
إيوسمود تيمبور إنكيديدونت أوت لابوري إت دولوري ماجنا أليكوا إينيم أد مينيم فينيام كويس نوسترود
إكسيرسيتاسيون أولامكو لابوريس نيسي أليكويب إكس إيا كومودو كونسيكوات دويس أوتي إيروري إن
ريبريهينديريت فولوبتاتي فيليت إيسي سيلوم فوجيات نولا بارياتور إكسيبتيور سينت أوكايكات
كوبيداتات نون برويدينت سونت كولبا كوي أوفيسيا ديسيرونت موليت أنيم إيد إيست لابوروم`),
		sections:  []string{"لوريم", "إيبسوم", "دولور", "سيت أميت", "كونسيكتيتور", "أديبيسينغ", "إيليت", "تيمبور"},
		site:      "الصحيفة الاصطناعية",
		about:     "مقالات اصطناعية بحتة، مولدة للاختبارات وقياس الأداء.",
		headline:  "مقال اصطناعي %s",
		place:     "مدينة الاختبار",
		wire:      "وكالة اصطناعية",
		caption:   "صورة اختبار اصطناعية %s.",
		credit:    "تصوير: لا أحد (بيانات اختبار)",
		elsewhere: "قصة اصطناعية خارج هذه المجموعة",
		away:      "صفحة اصطناعية في مكان آخر",
		digits:    easternDigits,
		vary:      varyArabic,
	},
	"ckb": {
		tag: "ckb",
		words: strings.Fields(`لۆرێم ئیپسوم دۆلۆر سیت ئامێت کۆنسێکتێتور ئەدیپیسینگ ئێلیت سێد دۆ
ئێیوسمۆد تێمپۆر ئینکیدیدونت ئوت لابۆرێ ئێت دۆلۆرێ ماگنا ئالیکوا ئێنیم ئاد مینیم ڤێنیام کویس
نۆسترود ئێکسێرسیتاتیۆن ئولامکۆ لابۆریس نیسی ئالیکویپ ئێکس ئێا کۆمۆدۆ کۆنسێکوات دویس ئاوتێ
ئیرورێ ئین ڕێپرێهێندێریت ڤۆلوپتاتێ ڤێلیت ئێسێ سیلوم فوگیات نولا پاریاتور ئێکسێپتێور سینت
ئۆکایکات کوپیداتات نۆن پرۆیدێنت سونت کولپا کوی ئۆفیسیا دێسێرونت مۆلیت ئانیم ئید ئێست لابۆروم`),
		sections:  []string{"لۆرێم", "ئیپسوم", "دۆلۆر", "سیت ئامێت", "کۆنسێکتێتور", "ئەدیپیسینگ", "ئێلیت", "تێمپۆر"},
		site:      "ڕۆژنامەی دەستکرد",
		about:     "وتاری دەستکردی ڕووت، بۆ تاقیکردنەوە و پێوانە دروستکراون.",
		headline:  "وتاری دەستکرد %s",
		place:     "شاری تاقیکردنەوە",
		wire:      "ئاژانسی دەستکرد",
		caption:   "وێنەی تاقیکردنەوەی دەستکرد %s.",
		credit:    "وێنە: هیچ (داتای تاقیکردنەوە)",
		elsewhere: "چیرۆکێکی دەستکرد لە دەرەوەی ئەم کۆمەڵەیە",
		away:      "پەڕەیەکی دەستکرد لە شوێنێکی تر",
		digits:    easternDigits,
		vary:      varySorani,
	},
}

// languageTags lists the tags gendata knows, for its usage and errors.
func languageTags() string {
	tags := make([]string, 0, len(languages))
	for t := range languages {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	return strings.Join(tags, ", ")
}

// easternDigits writes n in Eastern Arabic digits (٠١٢…), as Arabic and
// Sorani text does; search folds them to ASCII digits.
func easternDigits(n int) string {
	s := []rune(fmt.Sprint(n))
	for i, r := range s {
		s[i] = '٠' + (r - '0')
	}
	return string(s)
}

var (
	// dropHamza writes alef with hamza as a bare alef, as much Arabic
	// text does.
	dropHamza = strings.NewReplacer("أ", "ا", "إ", "ا")
	// arabicYehKaf writes Sorani's yeh and kaf as Arabic's, as Sorani
	// typed on an Arabic keyboard does.
	arabicYehKaf = strings.NewReplacer("ی", "ي", "ک", "ك")
)

// arabicLetters writes a Sorani word as typed on an Arabic keyboard: yeh
// and kaf as Arabic's, and ae, which that keyboard lacks, as heh with a
// zero-width non-joiner inside the word and as heh or teh marbuta at its
// end (the spellings Lucene's SoraniNormalizer folds back to ae).
func arabicLetters(w string, final string) string {
	w = arabicYehKaf.Replace(w)
	w, ends := strings.CutSuffix(w, "ە")
	w = strings.ReplaceAll(w, "ە", "ه\u200c")
	if ends {
		w += final
	}
	return w
}

// varyArabic drops the hamza of a word in one word of eight, and
// stretches one word in 32 with a tatweel or marks it with a fatha after
// its first letter.
func varyArabic(r *rand.Rand, w string) string {
	if r.IntN(8) == 0 {
		w = dropHamza.Replace(w)
	}
	return stretch(r, w)
}

// varySorani spells a word with Arabic letters in one word of eight (a
// final ae as heh or teh marbuta by turns), and stretches one in 32 as
// varyArabic does.
func varySorani(r *rand.Rand, w string) string {
	if r.IntN(8) == 0 {
		w = arabicLetters(w, [2]string{"ه", "ة"}[r.IntN(2)])
	}
	return stretch(r, w)
}

// stretch puts a tatweel (U+0640) or a fatha (U+064E) after the first
// letter of one word in 32: both change how a word looks, not what it is.
// Words that begin with a letter that joins only to the one before it
// (alef, dal, reh, waw...) are left alone: a tatweel after it would stand
// apart.
func stretch(r *rand.Rand, w string) string {
	if first, _ := utf8.DecodeRuneInString(w); strings.ContainsRune("اأإآدذرزوۆڕژ", first) {
		return w
	}
	switch r.IntN(64) {
	case 0:
		return insertAfterFirst(w, "ـ")
	case 1:
		return insertAfterFirst(w, "\u064e")
	}
	return w
}

// insertAfterFirst puts s after w's first rune.
func insertAfterFirst(w, s string) string {
	for i := range w {
		if i > 0 {
			return w[:i] + s + w[i:]
		}
	}
	return w
}
