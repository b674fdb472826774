package search

// hits fetches the head parts of documents ids and makes their hits,
// fetching a rest part too where the excerpt must show a body match the
// head part lacks. A missing head part leaves its hit out and returns an
// error; a missing rest part only makes the excerpt the body's opening.
func (s *Searcher) hits(m *manifest, q *query, ids []uint32, terms []string, prefix bool) ([]Hit, error) {
	mt := matcher{terms: terms, prefix: prefix}
	heads := make([]*docHead, len(ids))
	errs := make([]error, len(ids))
	each(len(ids), func(k int) {
		var v any
		v, errs[k] = s.cache.get(s, docName(m.version, int(ids[k]), false), false, func(data []byte) (any, int, error) {
			h, err := parseHead(data)
			return &h, len(data), err
		})
		if errs[k] == nil {
			heads[k] = v.(*docHead)
		}
	})
	bodies := make([]string, len(ids))
	more := make([]bool, len(ids))
	var rests []int
	for k, h := range heads {
		if h == nil {
			continue
		}
		bodies[k], more[k] = h.body, h.restLen > 0
		if h.restLen > 0 && q.inBody(ids[k]) && mt.first(h.body) < 0 {
			rests = append(rests, k)
		}
	}
	each(len(rests), func(j int) {
		k := rests[j]
		v, err := s.cache.get(s, docName(m.version, int(ids[k]), true), false, func(data []byte) (any, int, error) {
			return string(data), len(data), nil
		})
		if err == nil { // else the excerpt comes from the head part's body
			bodies[k] += v.(string)
			more[k] = false
		}
	})
	var hits []Hit
	for k, h := range heads {
		if h == nil {
			continue
		}
		hits = append(hits, Hit{
			Slug: h.slug, Lang: h.lang, Headline: h.headline, Section: h.section, Published: h.published,
			HeadlineMarks: mt.marks(h.headline),
			Excerpt:       mt.excerpt(bodies[k], more[k]),
		})
	}
	return hits, firstError(errs)
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
