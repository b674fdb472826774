package i18n

// Category is a CLDR plural category: the form of a text that a number
// calls for in a language.
type Category string

// The CLDR plural categories.
const (
	Zero  Category = "zero"
	One   Category = "one"
	Two   Category = "two"
	Few   Category = "few"
	Many  Category = "many"
	Other Category = "other"
)

// allCategories lists every category, in CLDR's order.
var allCategories = []Category{Zero, One, Two, Few, Many, Other}

// The cardinal plural rules of the languages Dateline publishes in, for
// whole numbers, from the Unicode CLDR's supplemental/plurals.xml:
//
//	en:          one: i = 1 and v = 0                (v = 0 for whole numbers)
//	ckb, ku, tr: one: n = 1
//	ar:          zero: n = 0; one: n = 1; two: n = 2;
//	             few: n % 100 = 3..10; many: n % 100 = 11..99
//
// and other for every other number. Kurmanji (kmr) takes the rules of ku,
// the code CLDR files Kurmanji under. Fractions are not counted here.
func pluralRule(primary string) (func(n int) Category, []Category) {
	switch primary {
	case "ar":
		return arabicPlural, allCategories
	case "en", "ckb", "ku", "kmr", "tr":
		return onePlural, []Category{One, Other}
	}
	return nil, nil
}

// onePlural is the rule "one: n = 1".
func onePlural(n int) Category {
	if n == 1 || n == -1 {
		return One
	}
	return Other
}

// arabicPlural is CLDR's rule for ar.
func arabicPlural(n int) Category {
	if n < 0 {
		n = -n
	}
	switch r := n % 100; {
	case n == 0:
		return Zero
	case n == 1:
		return One
	case n == 2:
		return Two
	case r >= 3 && r <= 10:
		return Few
	case r >= 11:
		return Many
	}
	return Other
}

// PluralCategory returns the category that n calls for in a language. A
// language without rules here follows "one: n = 1", the rule most
// languages have; its edition can give only the other form.
func PluralCategory(lang string, n int) Category {
	primary, _ := splitTag(lang)
	if rule, _ := pluralRule(primary); rule != nil {
		return rule(n)
	}
	return onePlural(n)
}

// Categories returns the plural categories a language uses, other last;
// nil for a language without rules here, which may use any of them.
func Categories(lang string) []Category {
	primary, _ := splitTag(lang)
	_, cats := pluralRule(primary)
	return cats
}
