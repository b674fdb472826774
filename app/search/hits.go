package search

// hits fetches the head parts of documents ids and makes their hits,
// fetching a rest part too where the excerpt must show a body match the
// head part lacks. A missing head part leaves its hit out and returns an
// error; a missing rest part only makes the excerpt the body's opening.
func (s *Searcher) hits(m *manifest, q *query, ids []uint32, terms []string, prefix bool) ([]Hit, error) {
	mt := matcher{terms: terms, prefix: prefix}
	want := make([]int, 2*len(ids)) // the head parts', then the rest parts' (-1: none)
	heads, rests := want[:len(ids)], want[len(ids):]
	for k, id := range ids {
		heads[k], rests[k] = int(id), -1
	}
	parts, err := s.get(m, heads, kindHead)
	parts = parts[:len(ids)]
	// The rest parts that the excerpts need: a hit's whose excerpt must
	// show a body match its head part lacks. Its excerpt looks for the
	// match from the rest on: the head part's body has been read.
	for k, id := range ids {
		mt.alt = q.letterOf(id)
		if h, ok := parts[k].val.(*docHead); ok && h.restLen > 0 && q.inBody(id) && mt.first(h.body) < 0 {
			rests[k] = int(id)
		}
	}
	// Without its rest part, an excerpt comes from the head part's body.
	got, _ := s.get(m, rests, kindRest)
	got = got[:len(ids)]
	var hits []Hit
	for k, id := range ids {
		if h, ok := parts[k].val.(*docHead); ok {
			rest, kept := got[k].val.(string)
			from := 0
			if rests[k] >= 0 {
				from = len(h.body)
			}
			hit := h.hit
			mt.alt = q.letterOf(id)
			hit.HeadlineMarks = mt.marks("", hit.Headline, "")
			hit.Excerpt = mt.excerpt(h.body+rest, from, h.restLen > 0 && !kept)
			hits = append(hits, hit)
		}
	}
	return hits, err
}

// inBody tells whether document id has one of the query's words in its
// body.
func (q *query) inBody(id uint32) bool {
	for _, ws := range q.words {
		if ws.b.has(id) {
			return true
		}
	}
	return false
}

// letterOf returns the letter a hit was found by (query.alt) when it does
// not have the last word as itself, or "": a hit with the last word as
// itself marks it alone; one found by its letter, the words of that
// letter too.
func (q *query) letterOf(id uint32) string {
	if q.alt != "" && !q.exact.has(id) {
		return q.alt
	}
	return ""
}
