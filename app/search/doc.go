// Package search is Dateline's full-text search: a static, sharded,
// versioned index that the host builds from the dataset and that app.wasm
// reads a few small files at a time, online, behind any static host or
// CDN, and offline from whatever files the service worker kept.
//
// # Model
//
// Documents are numbered in the order they are added, newest first (id 0
// is the newest). Every word of a headline or a body paragraph is folded
// by Tokens (the same function for the index and the query) and each term
// gets two lists of document ids: the documents that have it in the
// headline, and those that have it in the body.
//
// A query matches the documents that have every one of its words (AND);
// its last word also matches as a prefix (type-ahead). Results are ranked
// by the number of query words found in the headline, a simple signal that
// fits news, where the headline names what the story is about; ties go to
// the newer story. They come PerPage at a time, with the total.
//
// # Files
//
// Builder.Finish makes a Files: a manifest, shards and, per document, a
// head and a rest part. Every name starts with the index's version, a hash
// of its whole content, so every file can be cached forever; only the
// manifest's name has to be handed to the client.
//
//   - The manifest lists the first term of each shard: a query for a word
//     fetches only the shard whose range holds it.
//   - A shard holds, for a range of terms in byte order, each term's
//     headline and body lists, each coded as whichever is smallest of
//     delta varints, a bitmap over the range of ids it spans, or runs.
//     A prefix whose terms would fill more than a shard also gets the
//     union of their lists (a "prefix entry", keyed right after the
//     prefix), so that a short last word costs one shard, not the dozens
//     its range spans. A large entry (a common term, a prefix entry) has
//     a shard of its own, so that its neighbours do not pay for it.
//   - A document's head part holds what a hit shows (slug, headline,
//     language, date, section) and the start of the body; its rest part
//     holds the rest of the body, fetched only when the excerpt must show
//     a match the head does not have.
//
// The index's parts are built to compress well over HTTP rather than
// compressed here. The host sends them with brotli or gzip, where that
// makes them smaller, under a Content-Type of their own
// (page.SearchFileType); the nginx and Caddy configurations an export
// writes compress that type as they send it. Netlify and Cloudflare Pages
// compress only the types of their own lists, which do not have it: there
// the files go out as they are, unless a compression rule names the type.
package search

import (
	"slices"

	"dateline/app/article"
)

// Doc is one article as the index sees it.
type Doc struct {
	Slug, Lang, Headline, Section string
	// Published is the date as the dataset gives it.
	Published string
	// Body holds the article's paragraphs.
	Body []string
	// Names are the article's authors, section and tags: what a reader
	// searches by that its text may not say. A word of them that the text
	// does not have weighs as the headline's; they are not shown in a hit.
	Names []string
	// Asides are its photos' captions and its dateline's place: searched
	// as the body is, not shown in a hit (a hit by one shows the body's
	// opening).
	Asides []string
}

// DocOf returns the part of an article that search indexes and shows:
// its paragraphs, not its inline "Read More" links, whose titles are other
// stories'; its authors, section and tags; its photos' captions, not their
// credits (a credit names the same agency on a thousand stories); its
// dateline's place, not its source, for the same reason.
func DocOf(a *article.Article) Doc {
	var asides []string
	for _, f := range a.Figures {
		if f.Caption != "" {
			asides = append(asides, f.Caption)
		}
	}
	if a.Dateline != nil && a.Dateline.Place != "" {
		asides = append(asides, a.Dateline.Place)
	}
	names := slices.Clip(a.Bylines())
	if a.Section != "" {
		names = append(names, a.Section)
	}
	return Doc{
		Asides:    asides,
		Slug:      a.Slug,
		Lang:      a.Language(),
		Headline:  a.Headline,
		Section:   a.Section,
		Published: a.Published,
		Body:      a.Paragraphs(),
		Names:     append(names, a.Tags...),
	}
}
