package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The words below are made up: plainly synthetic text, in Latin and in
// Arabic script.

func TestTokens(t *testing.T) {
	tests := []struct {
		scenario string
		in       string
		want     []string
	}{
		{"Empty", "", nil},
		{"OnlySeparators", " ,.;— «» ", nil},
		{"LowerCase", "Zorvek QUILLAN mixTed", []string{"zorvek", "quillan", "mixted"}},
		{"Punctuation", "zorvek, quillan. (mixted)!", []string{"zorvek", "quillan", "mixted"}},
		{"Digits", "vandel 2026 v8", []string{"vandel", "2026", "v8"}},
		{"ApostropheAndHyphen", "vel'dar quin-tos", []string{"vel", "dar", "quin", "tos"}},
		{"Possessive", "Zorvek's quillan’s VANDEL'S plan", []string{"zorvek", "quillan", "vandel", "plan"}},
		{"PossessiveAtEnd", "the plan is Zorvek's", []string{"the", "plan", "is", "zorvek"}},
		{"PossessiveBeforePunctuation", "Zorvek's, quillan’s. Brüvel's", []string{"zorvek", "quillan", "bruvel"}},
		{"NotPossessive", "O'Sullivan vel'sar s 's", []string{"o", "sullivan", "vel", "sar", "s", "s"}},
		{"PluralPossessive", "the zorveks' plan", []string{"the", "zorveks", "plan"}},
		{"Hostile", `<script>alert("x")</script>`, []string{"script", "alert", "x", "script"}},
		{"LatinAcute", "Zévranô Çalíque", []string{"zevrano", "calique"}},
		{"LatinTilde", "Mañaro Ãovel", []string{"manaro", "aovel"}},
		{"LatinUmlaut", "Brüvel Öntar Ÿsel", []string{"bruvel", "ontar", "ysel"}},
		{"SharpS", "Quaßel", []string{"quassel"}},
		{"Ligatures", "Ænvar Œlmis ĳzel", []string{"aenvar", "oelmis", "ijzel"}},
		{"NordicAndIcelandic", "Ørvik Þorn Ðalen", []string{"orvik", "thorn", "dalen"}},
		{"LatinExtendedA", "Łodar Śvenč Ğulip Ħamro Ŧeld ſavo", []string{"lodar", "svenc", "gulip", "hamro", "teld", "savo"}},
		{"DotlessAndDottedI", "İzmel ıvran", []string{"izmel", "ivran"}},
		{"LatinExtendedB", "Zorvișel QUȚAN Ǎrvel Ơvan Ǣlmis Ǿrvik", []string{"zorvisel", "qutan", "arvel", "ovan", "aelmis", "orvik"}},
		{"LatinExtendedAdditional", "Quạnvệt Hồrmel Ẓevan Ỳsel", []string{"quanvet", "hormel", "zevan", "ysel"}},
		{"LatinExtendedAdditionalNFD", "Qua\u0323nve\u0323\u0302t Zorvis\u0326el", []string{"quanvet", "zorvisel"}},
		{"NoDecompositionKept", "ƀorn ǆel", []string{"ƀorn", "ǆel"}},
		{"CombiningMarks", "Ze\u0301vrano", []string{"zevrano"}},
		{"SoftHyphen", "quil\u00adlan", []string{"quillan"}},
		{"ZeroWidthSpaceSplits", "quil\u200blan", []string{"quil", "lan"}},
		{"AlefForms", "أكمار إدول آسين ٱسوم", []string{"اکمار", "ادول", "اسین", "اسوم"}},
		{"Article", "الزيلان زيلان", []string{"زیلان", "زیلان"}},
		{"ArticleWithParticles", "والزيلان بالزيلان كالزيلان فالزيلان للزيلان", []string{"زیلان", "زیلان", "زیلان", "زیلان", "زیلان"}},
		{"ArticleWithWaslaAndHarakat", "ٱلْزِيلَان", []string{"زیلان"}},
		{"ArticleBeforeReh", "الرامون رامون", []string{"ڕامون", "ڕامون"}},
		{"ArticleKeptOnShortWords", "الف بالغ ال لل", []string{"الف", "بالغ", "ال", "لل"}},
		{"ArticleOnlyAtStart", "زيال", []string{"زیال"}},
		{"AllahKeptWhole", "الله والله بالله له", []string{"اللە", "اللە", "اللە", "لە"}},
		{"YehForms", "سيمان سىلار سیرو", []string{"سیمان", "سیلار", "سیرو"}},
		{"KafToKeheh", "كاروم کاروم", []string{"کاروم", "کاروم"}},
		{"TehMarbuta", "زيلانة", []string{"زیلانە"}},
		{"WordFinalHeh", "زيلانه", []string{"زیلانە"}},
		{"MedialHehKept", "زهلون", []string{"زهلون"}},
		{"HehBeforeZWNJ", "دەره\u200cوان", []string{"دەرەوان"}},
		{"ZWNJAloneRemoved", "مير\u200cكان", []string{"میرکان"}},
		{"HehDoachashmee", "سھران", []string{"سهران"}},
		{"RehWithSmallVAbove", "باڒان", []string{"باڕان"}},
		{"WordInitialReh", "رامون بارون", []string{"ڕامون", "بارون"}},
		{"Tatweel", "سـيـمان", []string{"سیمان"}},
		{"Harakat", "سَيْمَانٌ", []string{"سیمان"}},
		{"SuperscriptAlef", "سيمٰان", []string{"سیمان"}},
		{"FinalHehAfterHaraka", "زيلانهُ", []string{"زیلانە"}},
		{"DirectionMarks", "\u200fزيلان\u200e \u061cكاروم", []string{"زیلان", "کاروم"}},
		{"ArabicIndicDigits", "٢٠٢٦", []string{"2026"}},
		{"ExtendedArabicIndicDigits", "۲۰۲۶", []string{"2026"}},
		{"ArabicPunctuation", "زيلان، كاروم؟ سيمان؛", []string{"زیلان", "کاروم", "سیمان"}},
		{"MixedScripts", "Zorvek زيلان 42 Brüvel", []string{"zorvek", "زیلان", "42", "bruvel"}},
		{"LongWordCut", strings.Repeat("ab", 40), []string{strings.Repeat("ab", 24)}},
		{"LongArabicWordCutAtRune", strings.Repeat("س", 30), []string{strings.Repeat("س", 24)}},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestSoraniArabicMeet checks that spellings of one synthetic word that
// differ the ways Sorani and Arabic writing do fold to one term.
func TestSoraniArabicMeet(t *testing.T) {
	tests := []struct {
		scenario string
		a, b     string
	}{
		{"YehAndKaf", "كيلار", "کیلار"},
		{"AlefMaksura", "سلمى", "سلمی"},
		{"TehMarbutaAndFinalHeh", "ماسة", "ماسه"},
		{"FinalHehAndAe", "ماسه", "ماسە"},
		{"HamzaAlef", "أرمان", "ارمان"},
		{"Vowelled", "كِتَابٌ", "کتاب"},
		{"EasternDigits", "٣٤", "۳۴"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			if a, b := Fold(tt.a), Fold(tt.b); a != b {
				t.Errorf("Fold(%q) = %q, Fold(%q) = %q: want them equal", tt.a, a, tt.b, b)
			}
		})
	}
}

func TestFoldJoinsTokens(t *testing.T) {
	if got, want := Fold("  Zévrano,  QUILLAN! "), "zevrano quillan"; got != want {
		t.Errorf("Fold = %q, want %q", got, want)
	}
}

// TestScanOffsets checks that each token's range is its word in the
// original text, for marking.
func TestScanOffsets(t *testing.T) {
	text := "Zévrano, \u200fزيلانه\u200e and <b>"
	var got []string
	scan(text, func(start, end int, _ []byte) { got = append(got, text[start:end]) })
	want := []string{"Zévrano", "\u200fزيلانه\u200e", "and", "b"}
	if !slices.Equal(got, want) {
		t.Errorf("words = %q, want %q", got, want)
	}
}

// TestArabicBitmaps checks the tokenizer's bitmaps of the Arabic block
// against the functions they stand for.
func TestArabicBitmaps(t *testing.T) {
	for k := range uint(256) {
		r := rune(0x600 + k)
		if got := arabicWord[k/64]&(1<<(k%64)) != 0; got != isWordRune(r) {
			t.Errorf("arabicWord has %U: %v, isWordRune says %v", r, got, !got)
		}
		plain := string(utf8.AppendRune([]byte("x"), r))
		folds := string(foldRune(nil, r)) != plain[1:] || string(foldRune([]byte("x"), r)) != plain
		if got := arabicFolded[k/64]&(1<<(k%64)) != 0; got != folds {
			t.Errorf("arabicFolded has %U: %v, foldRune changes it: %v", r, got, folds)
		}
	}
}

// TestTokenizerAgainstRunes checks the tokenizer, which reads ASCII runs
// and the Arabic block through shortcuts, against the rule read a rune at
// a time, on random texts made of the pieces at every edge: separators,
// letters that folding keeps or changes, word-initial reh, final heh,
// ZWNJ, broken UTF-8, the blocks on either side.
func TestTokenizerAgainstRunes(t *testing.T) {
	plain := func(s string) []string {
		var out []string
		var word []byte
		in := false
		flush := func() {
			if in && len(word) > 0 {
				w := stripArticle(finalHeh(word))
				if len(w) > MaxTokenBytes {
					w = cut(w, MaxTokenBytes)
				}
				out = append(out, string(w))
			}
			word, in = nil, false
		}
		rs := []rune(s)
		for k := 0; k < len(rs); k++ {
			r := rs[k]
			if !isWordRune(r) {
				// A possessive's "'s" after a word, then no word rune.
				if in && len(word) > 0 && (r == '\'' || r == '\u2019') && k+1 < len(rs) && (rs[k+1] == 's' || rs[k+1] == 'S') &&
					(k+2 == len(rs) || !isWordRune(rs[k+2])) {
					k++
				}
				flush()
				continue
			}
			in = true
			if r < utf8.RuneSelf {
				word = append(word, asciiClass[r])
			} else {
				word = foldRune(word, r)
			}
		}
		flush()
		return out
	}
	pieces := []string{"a", "Q", "7", " ", ".", "،", "؟", "ر", "ه", "ة", "أ", "ی", "ک", "ـ", "\u064e", "٣", "۴",
		"\u0600", "\u061c", "\u06dd", "\u06ff", "\u200c", "\u200f", "é", "\xd8", "\xdb\x41", "\xd8\xd8\x80", "\xd9\xc0", "😀", "\u0700",
		"\u05c0", "\u05f3", "\u05ff", "\u05d0", "'", "\u2019", "s", "S"} // the Hebrew block's lead bytes sit next to the Arabic block's
	rng := rand.New(rand.NewPCG(3, 4))
	for range 30000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := Tokens(s), plain(s); !slices.Equal(got, want) {
			t.Fatalf("Tokens(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestArticleRest: the letter a last word of an article and one letter
// also matches as; "" for every other word.
func TestArticleRest(t *testing.T) {
	for _, tt := range []struct{ word, want string }{
		{"الز", "ز"},
		{"والز", "ز"},
		{"بالم", "م"},
		{"للم", "م"},
		{"الر", "ڕ"}, // word-initial, as the index holds it
		{"الە", "ه"}, // "اله", its heh folded as a word's last
		{"الزي", ""}, // two letters: stripArticle's already
		{"ال", ""},
		{"ال1", ""},
		{"زيل", ""},
		{"alz", ""},
	} {
		if got := articleRest(tt.word); got != tt.want {
			t.Errorf("articleRest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
