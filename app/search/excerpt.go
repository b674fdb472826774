package search

import (
	"strings"
	"unicode/utf8"
)

// excerptRunes is the most an excerpt shows, ellipses aside.
const excerptRunes = 200

// ellipsis marks where an excerpt cuts a sentence.
const ellipsis = "…"

// matcher tells which folded words a query marks.
type matcher struct {
	terms  []string
	prefix bool   // the last term matches as a prefix
	alt    string // and so does this one (query.alt)
}

func (m *matcher) matches(w []byte) bool {
	for i, t := range m.terms {
		v := w
		if i == len(m.terms)-1 && m.prefix && len(t) < len(v) {
			v = v[:len(t)] // the start of w
		}
		if string(v) == t {
			return true
		}
	}
	return len(m.terms) > 0 && m.prefix && m.alt != "" && hasPrefix(w, m.alt)
}

func hasPrefix(w []byte, p string) bool { return len(w) >= len(p) && string(w[:len(p)]) == p }

// next returns the byte range of the next word of t that the query
// marks; ok is false at the end. (first and marks share it, so that
// app.wasm holds matches inlined once.)
func (m *matcher) next(t *tokenizer) (start, end int, ok bool) {
	for {
		start, end, w, ok := t.next()
		if !ok || m.matches(w) {
			return start, end, ok
		}
	}
}

// first returns where the first word of text that the query marks starts,
// or -1.
func (m *matcher) first(text string) int {
	t := tokenizer{s: text}
	if start, _, ok := m.next(&t); ok {
		return start
	}
	return -1
}

// marks returns text cut into spans, the words the query marks in marked
// ones, between head and tail, unmarked, each unless it is "".
func (m *matcher) marks(head, text, tail string) []Span {
	var spans []Span
	done := 0
	for t := (tokenizer{s: text}); ; {
		start, end, ok := m.next(&t)
		word := text[start:end]
		if !ok {
			start, word = len(text), tail // the rest of the text, then the tail
		}
		// The head (first time only), the text before the word, and the
		// word, marked: each unless empty, by one append (each append
		// costs app.wasm a few hundred bytes).
		for k, s := range [...]string{head, text[done:start], word} {
			if s != "" {
				spans = append(spans, Span{Text: s, Mark: k == 2 && ok})
			}
		}
		if !ok {
			return spans
		}
		head, done = "", end
	}
}

// excerpt returns the sentence of body around its first marked word, or
// its opening when it has none, at most excerptRunes long, marked; the
// caller knows that no marked word starts before byte from, which the
// search starts at (from the start of the word there: a head part may
// end inside one); more tells that the text goes on after body. (One
// function rather than helpers, as each function costs app.wasm a few
// hundred bytes.)
func (m *matcher) excerpt(body string, from int, more bool) []Span {
	for from > 0 && body[from-1] != ' ' && body[from-1] != '\n' {
		from--
	}
	at := m.first(body[from:])
	if at < 0 {
		at = 0
	} else {
		at += from
	}
	// The sentence that holds the byte at: from after the last break
	// before it to the first break at or after it. One loop from the
	// start (first has read that far already), so that app.wasm holds
	// sentenceEnd inlined once, not twice.
	from, to := 0, len(body)
	for i := range len(body) {
		if body[i] == '\n' || sentenceEnd(body, i) {
			if i >= at {
				to = i
				break
			}
			from = i + 1
		}
	}
	head, tail := "", "" // an ellipsis where the sentence is cut
	if utf8.RuneCountInString(body[from:to]) > excerptRunes {
		// Keep a third of the room before the match, then cut at spaces.
		start := at
		for n := excerptRunes / 3; n > 0 && start > 0; n-- {
			_, size := utf8.DecodeLastRuneInString(body[:start])
			start -= size
		}
		if start > from {
			if sp := strings.IndexByte(body[start:at], ' '); sp >= 0 {
				start += sp + 1
			}
			from, head = start, ellipsis
		}
		end := from
		for n := excerptRunes; n > 0 && end < len(body); n-- {
			_, size := utf8.DecodeRuneInString(body[end:])
			end += size
		}
		if end < to {
			if sp := strings.LastIndexByte(body[at:end], ' '); sp > 0 {
				end = at + sp
			}
			to, tail = end, ellipsis
		}
	}
	if to == len(body) && more && len(body) > 0 {
		tail = ellipsis
	}
	return m.marks(head, strings.TrimSpace(body[from:to]), tail)
}
