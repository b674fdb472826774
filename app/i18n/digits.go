package i18n

import (
	"strconv"

	"dateline/app/article"
)

// Digits names the digits numbers are written with, by their CLDR
// numbering system.
type Digits string

// The digits an edition can use.
const (
	// LatinDigits are 0123456789.
	LatinDigits Digits = "latn"
	// ArabicDigits are the Arabic-Indic digits ٠١٢٣٤٥٦٧٨٩ (U+0660 to
	// U+0669), which Sorani and Arabic use.
	ArabicDigits Digits = "arab"
)

// DefaultDigits returns the digits a language is written with when its
// edition does not say: Arabic-Indic for Arabic (ar) and Sorani (ckb,
// ku-Arab) in Arabic script, Latin for every other language and script.
// Editions that print 0-9 in Arabic, as many do, set the "digits" label to
// "latn".
func DefaultDigits(lang string) Digits {
	if arabicScript(lang) {
		return ArabicDigits
	}
	return LatinDigits
}

// arabicScript reports whether lang is Arabic or Kurdish in Arabic
// script, as article.Dir reads its script: "ar", "ckb", "ku-Arab"; not
// "ckb-Latn" or "ku", laid out left to right, whose writers use Latin
// digits.
func arabicScript(lang string) bool {
	primary, _ := splitTag(lang)
	return (primary == "ar" || primary == "ckb" || primary == "ku") && article.Dir(lang) == "rtl"
}

// Number writes a whole number in these digits, with no grouping of
// thousands.
func (d Digits) Number(n int) string {
	return d.Convert(strconv.Itoa(n))
}

// PercentSign is the sign written after a number of per cent in these
// digits: "%" after Latin digits, the Arabic percent sign "٪" (U+066A)
// after Arabic-Indic ones, as CLDR's Arabic and Sorani locales write it.
func (d Digits) PercentSign() string {
	if d == ArabicDigits {
		return "٪"
	}
	return "%"
}

// Convert writes the ASCII digits of s in these digits and leaves every
// other character as it is.
func (d Digits) Convert(s string) string {
	if d != ArabicDigits {
		return s
	}
	b := make([]rune, 0, len(s))
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r += '٠' - '0'
		}
		b = append(b, r)
	}
	return string(b)
}
