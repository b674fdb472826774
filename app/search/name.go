package search

import (
	"unicode/utf8"

	"dateline/app/article"
)

// NameKey returns what a section's or a tag's name is as a name: two
// names with the same key are one name spelt two ways, which search reads
// as one word, and which a dataset must not give two pages. The name's
// words are folded as Fold folds them: Arabic script's alef forms, yeh and
// alef maksura, kaf, teh marbuta and word-final heh, heh doachashmee,
// word-initial reh, tatweel, harakat, a ZWNJ and direction marks,
// Arabic-Indic digits; Latin letters' accents and ligatures, written as
// one character or as a letter and combining marks ("Café" as NFC or NFD,
// "Région" and "Region", "Zürich" and "Zurich"), which an editor cannot
// tell apart on screen and a reader's search does not either. Then the
// whole is made a slug (article.NameSlug), which lower-cases it and makes
// every run of other characters a hyphen.
//
// Unlike Fold, the key keeps the Arabic article ("الاقتصاد" and "اقتصاد"
// are two names): it makes another word, not another spelling of one. The
// slug of a name's page stays NameSlug's, so that no page moves; the
// dataset's check refuses two names of one key instead.
func NameKey(name string) string {
	ascii := true
	for i := 0; i < len(name) && ascii; i++ {
		ascii = name[i] < utf8.RuneSelf
	}
	if ascii {
		return article.NameSlug(name) // nothing to fold
	}
	out := make([]byte, 0, len(name))
	var buf [64]byte
	word := buf[:0]
	endWord := func() {
		out = append(out, finalHeh(word)...)
		word = word[:0]
	}
	for _, r := range name {
		switch {
		case !isWordRune(r):
			endWord()
			out = utf8.AppendRune(out, r)
		case r >= utf8.RuneSelf:
			word = foldRune(word, r)
		default:
			word = append(word, byte(r)) // NameSlug lower-cases it
		}
	}
	endWord()
	return article.NameSlug(string(out))
}
