package components

import (
	"strings"

	"dateline/app/article"
	"dateline/app/search"
)

// Data text (a name, a title, a caption) written beside other text is
// isolated: its element has a dir, which browsers isolate as they do
// <bdi>, so that the text and the words around it keep their order.
//
// Its direction is that of its language where the language is known,
// never guessed from its first strong letter (dir="auto"): the name of an
// Arabic edition's section "XYZ عربي" opens with a Latin acronym and is
// Arabic all the same, laid out right to left ("auto" laid it out left to
// right, its Latin word first on the left). The language is known from
// what holds the text:
//
//   - the edition's own text (its name and description, its sections in
//     the navigation, a section's or a tag's name heading its list) is in
//     the edition's language;
//   - an article's fields (its section and tags, authors, captions and
//     credits, the titles of the stories it relates) are in the article's
//     language, which may differ from the edition's;
//   - only text of which nothing says the language keeps dirAuto: a query
//     a reader typed, the title of another site's page.
//
// Running text of an article (its headline and paragraphs, its captions
// and credits, the titles it relates, its excerpt in lists) may all the
// same be written in another script: a Sorani paragraph quoted in an
// English article. Such text takes the direction most of its letters are
// written in (textDir, article.LeanDir), and its article's when they are
// as many: a sentence is long enough for its letters to say it, where a
// name of two words ("BBC عربي") is not, and a paragraph that opens with
// a Latin name stays right to left in an Arabic article. A paragraph,
// headline or excerpt, which is a block, carries a dir only when it
// differs from its article's (writeOwnDir).
//
// The rule is the same in every edition: in a left-to-right edition, text
// of its language is marked ltr, as auto marked a name that opens with a
// Latin letter, and an Arabic article's caption rtl, as auto did.
const dirAuto = "auto"

// textDir returns the direction of running text of an article in
// language lang: most of its letters', lang's on a tie.
func textDir(lang, text string) string {
	return article.TextDir(article.Dir(lang), text)
}

// writeOwnDir gives a block of running text of an article in language
// lang, made of spans ss, the dir of its letters where it is not lang's
// direction, which the block inherits.
func writeOwnDir(b *strings.Builder, lang string, ss ...search.Span) {
	lean := 0
	for _, s := range ss {
		lean += article.Lean(s.Text)
	}
	if d := article.Dir(lang); article.LeanDir(d, lean) != d {
		attr(b, "dir", article.LeanDir(d, lean))
	}
}
