package dataset

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/internal/testfiles"
)

// loadWithin loads the dataset at path, failing the test if it takes
// longer than limit: a pipeline that deadlocks hangs, with no error.
func loadWithin(t *testing.T, path string, limit time.Duration) (*Archive, error) {
	t.Helper()
	type loaded struct {
		a   *Archive
		err error
	}
	done := make(chan loaded, 1)
	start := time.Now()
	go func() {
		a, err := Load(path, Options{})
		done <- loaded{a, err}
	}()
	select {
	case r := <-done:
		t.Logf("loaded %s in %v", filepath.Base(path), time.Since(start).Round(time.Millisecond))
		return r.a, r.err
	case <-time.After(limit):
		t.Fatalf("Load(%s) did not return within %v: the reading pipeline is stuck", path, limit)
		return nil, nil
	}
}

// manyFiles writes a folder of n files of synthetic articles, spread over
// subfolders, and returns it with the slugs in dataset order (the order of
// the files' paths, then of the articles in each file). Every tenth file
// holds two articles, so that an article's index in its file is not always
// 0; each article but the first links to the one before it, in another
// file, so that the checks across files have work to do.
func manyFiles(t *testing.T, n int) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.json"), []byte(`{"site": {"name": "Synthetic Times", "lang": "en"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var slugs []string
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	article := func() string {
		i := len(slugs)
		slug := fmt.Sprintf("synthetic-%05d", i)
		extra := fmt.Sprintf(`"published": %q`, base.Add(time.Duration(i)*time.Minute).Format(time.RFC3339))
		if i > 0 {
			extra += fmt.Sprintf(`, "related": [{"title": "Synthetic", "slug": %q}]`, slugs[i-1])
		}
		slugs = append(slugs, slug)
		return story(slug, extra)
	}
	for f := range n {
		arts := []string{article()}
		if f%10 == 9 {
			arts = append(arts, article())
		}
		// Subfolders of 100 sort before site.json ("s" > "0"), and the
		// names sort in the order they are made.
		p := filepath.Join(dir, fmt.Sprintf("%02d", f/100), fmt.Sprintf("file-%05d.json", f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(`{"articles": [`+strings.Join(arts, ", ")+`]}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, slugs
}

// TestFolderOfManyFiles checks that a folder of many more files than the
// pipeline's buffers hold is read, with every article in dataset order.
// The reading once deadlocked past about 512 files.
func TestFolderOfManyFiles(t *testing.T) {
	const n = 2000
	dir, slugs := manyFiles(t, n)
	a, err := loadWithin(t, dir, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if a.Site.Name != "Synthetic Times" {
		t.Errorf("site %+v", a.Site)
	}
	if a.Len() != len(slugs) {
		t.Fatalf("%d articles, want %d", a.Len(), len(slugs))
	}
	var got []string
	a.Slugs(func(slug string) { got = append(got, slug) })
	for i := range slugs {
		if got[i] != slugs[i] {
			t.Fatalf("article %d of the dataset is %q, want %q", i, got[i], slugs[i])
		}
	}
	// Each article is found again in its own file, at its own place.
	for _, slug := range slugs {
		art, ok, err := a.Article(slug)
		if err != nil || !ok || art.Slug != slug {
			t.Fatalf("Article(%q) = %v, %v, %v", slug, art, ok, err)
		}
	}
	// Newest first: the last made is the newest.
	home := a.Summaries(a.Home(), 0, a.Home().Len())
	for i, s := range home {
		if want := slugs[len(slugs)-1-i]; s.Slug != want {
			t.Fatalf("home list %d is %q, want %q", i, s.Slug, want)
		}
	}
}

// TestFolderOfManyBrokenFiles checks that a folder of many files, each
// with a problem its article's check finds and one its reading finds, is
// refused with every problem counted: none is lost on the way, however
// the reading and the checking of one file overlap. Each file names its
// own unknown field, so a problem that kept a pointer into a buffer read
// again for another file would show that file's name instead.
func TestFolderOfManyBrokenFiles(t *testing.T) {
	const n = 1000
	files := make(map[string]string, n)
	for i := range n {
		slug := fmt.Sprintf("synthetic-%04d", i)
		files[fmt.Sprintf("%02d/file-%04d.json", i/100, i)] = `{"articles": [` + story(slug, fmt.Sprintf(`"colour%04d": "red"`, i)) + `], "extra": 1}`
	}
	dir := writeFiles(t, files)
	_, err := loadWithin(t, dir, time.Minute)
	e := problemsOf(t, err)
	if e.Count != 2*n || len(e.Problems) != MaxListed {
		t.Fatalf("count %d, listed %d; want %d, %d", e.Count, len(e.Problems), 2*n, MaxListed)
	}
	// Each file's problems come in the order of their places.
	for i, p := range e.Problems {
		want := fmt.Sprintf("file-%04d.json", i/2)
		pointer, field, slug := fmt.Sprintf("/articles/0/colour%04d", i/2), fmt.Sprintf("colour%04d", i/2), fmt.Sprintf("synthetic-%04d", i/2)
		if i%2 == 1 {
			pointer, field, slug = "/extra", "extra", ""
		}
		if filepath.Base(p.File) != want || p.Pointer != pointer || p.Line != 1 || !strings.Contains(p.Message, field) || p.Slug != slug {
			t.Fatalf("problem %d: %s, want one of %s at %s", i, p, want, pointer)
		}
	}
}

// TestLargeFile checks a file too large to read whole, which streams
// through a buffer and gives each article a copy of its own bytes: every
// article's problem is its own, and, once fixed, every article is found
// again at its place.
func TestLargeFile(t *testing.T) {
	const n = 2500
	pad := strings.Repeat("Synthetic padding. ", 20) // within the 400 characters of a dateline
	build := func(broken bool) string {
		var b strings.Builder
		b.WriteString(`{"articles": [`)
		for i := range n {
			if i > 0 {
				b.WriteString(",\n")
			}
			extra := fmt.Sprintf(`"dateline": {"source": %q}`, pad)
			if broken {
				extra += fmt.Sprintf(`, "colour%04d": "red"`, i)
			}
			b.WriteString(story(fmt.Sprintf("synthetic-%04d", i), extra))
		}
		b.WriteString("]}")
		return b.String()
	}
	dir := writeFiles(t, map[string]string{"big.json": build(true)})
	path := filepath.Join(dir, "big.json")
	if fi, err := os.Stat(path); err != nil || fi.Size() <= wholeFile {
		t.Fatalf("the file is %v bytes (%v), want more than %d", fi.Size(), err, wholeFile)
	}
	_, err := loadWithin(t, path, time.Minute)
	e := problemsOf(t, err)
	if e.Count != n || len(e.Problems) != MaxListed {
		t.Fatalf("count %d, listed %d; want %d, %d", e.Count, len(e.Problems), n, MaxListed)
	}
	for i, p := range e.Problems {
		field := fmt.Sprintf("colour%04d", i)
		if p.Pointer != fmt.Sprintf("/articles/%d/%s", i, field) || p.Line != i+1 || !strings.Contains(p.Message, field) || p.Slug != fmt.Sprintf("synthetic-%04d", i) {
			t.Fatalf("problem %d: %s", i, p)
		}
	}
	if err := os.WriteFile(path, []byte(build(false)), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := loadWithin(t, path, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 1, n / 2, n - 1} {
		slug := fmt.Sprintf("synthetic-%04d", i)
		art, ok, err := a.Article(slug)
		if err != nil || !ok || art.Slug != slug || art.Dateline.Source != pad {
			t.Fatalf("Article(%q) = %v, %v, %v", slug, art.Slug, ok, err)
		}
	}
}

// TestCheckOnly checks that a load that only checks finds what a full
// load finds, the count and the problems, and builds neither the version
// nor the lists.
func TestCheckOnly(t *testing.T) {
	dir, slugs := manyFiles(t, 40)
	full, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checked, err := Load(dir, Options{CheckOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if checked.Len() != len(slugs) || checked.Len() != full.Len() || checked.Version != "" || full.Version == "" || checked.Home().Len() != 0 {
		t.Errorf("check only: %d articles, version %q, home %d; full: %d, %q", checked.Len(), checked.Version, checked.Home().Len(), full.Len(), full.Version)
	}
	broken := writeFiles(t, map[string]string{
		"a.json": `{"articles": [` + story("a", `"colour": 1`) + `]}`,
		"b.json": `{"articles": [` + story("a", `"tags": ["x", "X"]`) + `]}`,
	})
	_, errFull := Load(broken, Options{})
	_, errChecked := Load(broken, Options{CheckOnly: true})
	if errFull == nil || errChecked == nil || errFull.Error() != errChecked.Error() {
		t.Errorf("problems differ:\nfull: %v\ncheck only: %v", errFull, errChecked)
	}
}

// TestFolderByteOrderMarks checks that a folder's files may each start
// with a byte order mark, as editors on Windows save them: read as if it
// were not there, with problems placed from the character after it.
func TestFolderByteOrderMarks(t *testing.T) {
	const mark = "\xef\xbb\xbf"
	dir := writeFiles(t, map[string]string{
		"site.json": mark + `{"site": {"name": "Synthetic Times"}}`,
		"a.json":    mark + `{"articles": [` + story("a", `"published": "2024-03-05"`) + `]}`,
	})
	a, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if art, ok, err := a.Article("a"); err != nil || !ok || art.Published != "2024-03-05" || a.Site.Name != "Synthetic Times" {
		t.Errorf("Article(a) = %+v, %v, %v; site %+v", art, ok, err, a.Site)
	}
	testfiles.Write(t, dir, map[string]string{"b.json": mark + `{"articles": [` + story("b", `"colour": "red"`) + `]}`})
	_, err = Load(dir, Options{})
	e := problemsOf(t, err)
	if len(e.Problems) != 1 {
		t.Fatalf("problems:\n%s", listOf(e.Problems))
	}
	if p := e.Problems[0]; filepath.Base(p.File) != "b.json" || p.Line != 1 || p.Column != 29 || p.Pointer != "/articles/0/colour" {
		t.Errorf("got %s, want b.json:1:29: /articles/0/colour", p)
	}
}
