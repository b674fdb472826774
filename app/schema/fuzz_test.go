package schema

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"dateline/app/article"
)

// FuzzValidate checks that no input makes the validator panic, that every
// problem has a place in the file, and that what it accepts the model
// accepts. The seed corpus is testdata/fuzz/FuzzValidate plus the good and
// broken datasets.
func FuzzValidate(f *testing.F) {
	v := validator(f)
	for _, pattern := range []string{"testdata/good/*.json", "testdata/broken/*.json"} {
		files, err := filepath.Glob(pattern)
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
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		problems := v.Problems(data)
		for _, p := range problems {
			if p.Line < 1 || p.Column < 1 || p.Message == "" {
				t.Errorf("problem without a place or a message: %+v", p)
			}
		}
		if !slices.IsSortedFunc(problems, func(a, b article.Problem) int {
			if a.Line != b.Line {
				return a.Line - b.Line
			}
			return a.Column - b.Column
		}) {
			t.Errorf("problems out of order: %+v", problems)
		}
		if len(problems) == 0 {
			if _, err := article.Parse("fuzz", data); err != nil {
				t.Errorf("the validator accepts what the model refuses: %v", err)
			}
		}
	})
}
