package search

// hits fetches the head parts of documents ids and makes their hits,
// fetching a rest part too where the excerpt must show a body match the
// head part lacks. A missing head part leaves its hit out and returns an
// error; a missing rest part only makes the excerpt the body's opening.
func (s *Searcher) hits(m *manifest, q *query, ids []uint32, terms []string, prefix bool) ([]Hit, error) {
	mt := matcher{terms: terms, prefix: prefix}
	names := make([]string, len(ids))
	for k, id := range ids {
		names[k] = docName(m.version, int(id), false)
	}
	heads, err := s.get(names, kindHead, 0)
	// The rest parts that the excerpts need: a hit's whose excerpt must
	// show a body match its head part lacks. Its excerpt looks for the
	// match from the rest on (from): the head part's body has been read.
	restNames := make([]string, len(heads))
	from := make([]int, len(heads))
	for k, v := range heads {
		id := ids[k]
		mt.alt = q.letterOf(id)
		if h, ok := v.(*docHead); ok && h.restLen > 0 && q.inBody(id) && mt.first(h.body) < 0 {
			restNames[k] = docName(m.version, int(id), true)
			from[k] = len(h.body)
		}
	}
	// Without its rest part, an excerpt comes from the head part's body.
	rests, _ := s.get(restNames, kindRest, 0)
	var hits []Hit
	for k, v := range heads {
		if h, ok := v.(*docHead); ok {
			rest, got := rests[k].(string)
			hit := h.hit
			mt.alt = q.letterOf(ids[k])
			hit.HeadlineMarks = mt.marks("", hit.Headline, "")
			hit.Excerpt = mt.excerpt(h.body+rest, from[k], h.restLen > 0 && !got)
			hits = append(hits, hit)
		}
	}
	return hits, err
}

// inBody tells whether document id has one of the query's words in its
// body.
func (q *query) inBody(id uint32) bool {
	for _, b := range q.bodies {
		if b.has(id) {
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
