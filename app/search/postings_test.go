package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestListCodes(t *testing.T) {
	const n = 10_000
	r := rand.New(rand.NewPCG(1, 2))
	random := func(p float64) []uint32 {
		var ids []uint32
		for i := range uint32(n) {
			if r.Float64() < p {
				ids = append(ids, i)
			}
		}
		return ids
	}
	run := func(from, to uint32) []uint32 {
		var ids []uint32
		for i := from; i < to; i++ {
			ids = append(ids, i)
		}
		return ids
	}
	tests := []struct {
		scenario string
		ids      []uint32
		code     byte
	}{
		{"Empty", nil, listEmpty},
		{"One", []uint32{4242}, listDelta},
		{"Sparse", random(0.01), listDelta},
		{"HalfFull", random(0.5), listBitmap},
		{"Everything", run(0, n), listRuns},
		{"TwoRuns", append(run(10, 900), run(5000, n)...), listRuns},
		{"Last", []uint32{n - 1}, listDelta},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			data, code := appendList([]byte{0xaa}, tt.ids)
			if code != tt.code {
				t.Errorf("code = %d, want %d", code, tt.code)
			}
			r := &listReader{data: data, i: 1, n: n}
			got := newBitset(n)
			r.list(code, got)
			if r.bad || r.i != len(data) {
				t.Fatalf("reading back: bad %v, read %d of %d bytes", r.bad, r.i, len(data))
			}
			var ids []uint32
			for i := range uint32(n) {
				if got.has(i) {
					ids = append(ids, i)
				}
			}
			if !slices.Equal(ids, tt.ids) {
				t.Errorf("read back %d ids, want %d", len(ids), len(tt.ids))
			}
		})
	}
}

func TestListRejectsIDsOutOfRange(t *testing.T) {
	data, code := appendList(nil, []uint32{5, 99})
	r := &listReader{data: data, n: 50}
	r.list(code, newBitset(50))
	if !r.bad {
		t.Error("an id past the documents was read")
	}
}
