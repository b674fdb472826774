package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad checks that any bytes give either a dataset or an *Error whose
// problems are placed in the file: never a panic, never another error.
func FuzzLoad(f *testing.F) {
	files, err := filepath.Glob("testdata/*/*.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := LoadBytes("fuzz.json", data)
		var e *Error
		switch {
		case err == nil:
			a.Slugs(func(slug string) {
				if _, ok, err := a.Article(slug); !ok || err != nil {
					t.Errorf("Article(%q): %v %v", slug, ok, err)
				}
			})
		case errors.As(err, &e):
			for _, p := range e.Problems {
				if p.Line < 1 || p.Column < 1 || p.Message == "" {
					t.Errorf("problem not placed: %+v", p)
				}
			}
		default:
			t.Errorf("error %v is not an *Error", err)
		}
	})
}
