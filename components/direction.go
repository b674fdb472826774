package components

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
// The rule is the same in every edition: in a left-to-right edition, text
// of its language is marked ltr, as auto marked a name that opens with a
// Latin letter, and an Arabic article's caption rtl, as auto did.
const dirAuto = "auto"
