package search

import (
	"slices"
	"strings"
	"testing"
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
		{"Hostile", `<script>alert("x")</script>`, []string{"script", "alert", "x", "script"}},
		{"LatinAcute", "Zévranô Çalíque", []string{"zevrano", "calique"}},
		{"LatinTilde", "Mañaro Ãovel", []string{"manaro", "aovel"}},
		{"LatinUmlaut", "Brüvel Öntar Ÿsel", []string{"bruvel", "ontar", "ysel"}},
		{"SharpS", "Quaßel", []string{"quassel"}},
		{"Ligatures", "Ænvar Œlmis ĳzel", []string{"aenvar", "oelmis", "ijzel"}},
		{"NordicAndIcelandic", "Ørvik Þorn Ðalen", []string{"orvik", "thorn", "dalen"}},
		{"LatinExtendedA", "Łodar Śvenč Ğulip Ħamro Ŧeld ſavo", []string{"lodar", "svenc", "gulip", "hamro", "teld", "savo"}},
		{"DotlessAndDottedI", "İzmel ıvran", []string{"izmel", "ivran"}},
		{"CombiningMarks", "Ze\u0301vrano", []string{"zevrano"}},
		{"SoftHyphen", "quil\u00adlan", []string{"quillan"}},
		{"ZeroWidthSpaceSplits", "quil\u200blan", []string{"quil", "lan"}},
		{"AlefForms", "أكمار إدول آسين ٱلوم", []string{"اکمار", "ادول", "اسین", "الوم"}},
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
