package importer

import (
	"testing"
)

// FuzzImport checks that no text makes the importer panic and that every
// story it accepts makes a valid dataset, alone or added to the shipped
// one. The seed corpus is testdata/fuzz/FuzzImport plus the seed story
// and a synthetic story with a byline.
func FuzzImport(f *testing.F) {
	f.Add(read(f, seedFile))
	f.Add([]byte("Synthetic headline\nBy Jane Doe, John Roe and Max Mustermann | Synthetic Wire\nSYNTHETIC CITY (Synthetic Wire) – Words.\nBy Jane Doe\n"))
	shipped := read(f, shippedFile)
	shippedDS := valid(f, shipped)
	taken := func(s string) bool { return s == shippedDS.Articles[0].Slug }
	f.Fuzz(func(t *testing.T, text []byte) {
		a, err := Parse(text)
		if err != nil {
			if err.Error() == "" {
				t.Error("an error without a message")
			}
			return
		}
		entry, err := Marshal(a, "", "  ", "\n")
		if err != nil {
			t.Fatal(err)
		}
		alone := valid(t, []byte(`{"articles": [`+string(entry)+`]}`))
		if len(alone.Articles) != 1 {
			t.Fatalf("%d articles", len(alone.Articles))
		}
		a.Slug = UniqueSlug(a.Slug, taken)
		added, err := Append(shipped, a)
		if err != nil {
			t.Fatal(err)
		}
		ds := valid(t, added)
		if got := ds.Articles[len(ds.Articles)-1]; got.Slug != a.Slug || len(ds.Articles) != 2 {
			t.Errorf("the story did not become the last article: %+v", got)
		}
		if a.Slug == ds.Articles[0].Slug {
			t.Error("two articles share a slug")
		}
	})
}
