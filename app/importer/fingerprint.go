package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"dateline/app/article"
)

// Fingerprint returns a stable digest of an article's headline and body
// text (its paragraphs, the dateline written back at the start of the
// first, without a date it gave), to tell a story that a dataset already
// holds: two imports of the same text give the same fingerprint whatever
// their slug, language, photos or Read More links, and whether or not the
// importer read the dateline or the byline. A paragraph that may be a
// byline (bylineShaped) before the first other one, or right after it when
// it opens with a dateline, does not count: an importer that read no
// byline kept it as a paragraph (and the dateline after it in the text),
// one that reads it keeps it out of the body. White space is squeezed,
// dashes made one, quotation marks made straight, direction marks and
// other invisible characters dropped, the text put in Unicode's composed
// form, and Arabic script's interchangeable letters made one (foldArabic)
// before hashing (SHA-256, in hex): the same story pasted from Word and
// from a web page, or typed with Persian ی for ي, is the same story.
func Fingerprint(a article.Article) string {
	var b strings.Builder
	b.WriteString(fingerprintText(a.Headline))
	first := true       // no paragraph written yet
	afterDated := false // the paragraphs written are one, opening with a dateline
	for _, blk := range a.Body {
		if blk.Type != article.Paragraph {
			continue
		}
		text := blk.Text
		if (first || afterDated) && bylineShaped(text) {
			continue
		}
		afterDated = false
		if first && a.Dateline != nil {
			text = a.Dateline.Label() + " - " + text
		}
		if first {
			// Read again, a dateline is written one way, without a
			// date: as ParseWith splits it off, whether an article has
			// it or holds it in its text (imported by an importer that
			// did not read its form).
			if o, ok := splitDateline(text); ok {
				text, afterDated = o.dateline.Label()+" - "+o.rest, true
			}
		}
		first = false
		b.WriteByte('\n')
		b.WriteString(fingerprintText(text))
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// HeadlineKey returns a headline as Fingerprint reads it. Two articles
// whose headlines have different keys never have the same fingerprint (a
// headline is one line), so a search for a story can compare headlines
// first and read a whole article only when they match.
func HeadlineKey(headline string) string { return fingerprintText(headline) }

// fingerprintText is s as Fingerprint compares it.
func fingerprintText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '–' || r == '—':
			return '-'
		case r == '‘' || r == '’' || r == '‚' || r == '‛' || r == '′':
			return '\''
		case r == '“' || r == '”' || r == '„' || r == '‟' || r == '″':
			return '"'
		case unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, norm.NFC.String(s))
	return foldArabic(squeeze(s))
}
