package dataset

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"dateline/app/article"

	"dateline/internal/testfiles"
)

// want is one expected problem of a broken dataset.
type want struct {
	line, col int
	pointer   string
	words     string
}

// readWant reads testdata/broken/want.txt: file, line:col, pointer ("-"
// for none) and the words the message must hold.
func readWant(t *testing.T) map[string][]want {
	t.Helper()
	f, err := os.Open("testdata/broken/want.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases := make(map[string][]want)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		if strings.HasPrefix(text, "#") || strings.TrimSpace(text) == "" {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) < 4 {
			t.Fatalf("want.txt:%d: want file, line:col, pointer and words", n)
		}
		l, c, ok := strings.Cut(fields[1], ":")
		line, err1 := strconv.Atoi(l)
		col, err2 := strconv.Atoi(c)
		if !ok || err1 != nil || err2 != nil {
			t.Fatalf("want.txt:%d: bad position %q", n, fields[1])
		}
		ptr := fields[2]
		if ptr == "-" {
			ptr = ""
		}
		cases[fields[0]] = append(cases[fields[0]], want{line, col, ptr, strings.Join(fields[3:], " ")})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// problemsOf returns the problems of a refused dataset, or fails the test.
func problemsOf(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got error %v, want an *Error", err)
	}
	return e
}

func listOf(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  " + p.String() + "\n")
	}
	return b.String()
}

// testNow is the time the tests check dates against, rather than the
// clock: the broken datasets' dates in the future are so under both.
var testNow = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// TestBrokenDatasets checks that every broken dataset is refused with each
// problem in its place, once, with a hint.
func TestBrokenDatasets(t *testing.T) {
	cases := readWant(t)
	files, err := filepath.Glob("testdata/broken/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 55 {
		t.Fatalf("%d broken datasets, want at least 55", len(files))
	}
	for _, file := range files {
		name := filepath.Base(file)
		wants, ok := cases[name]
		if !ok {
			t.Errorf("%s has no line in want.txt", name)
			continue
		}
		delete(cases, name)
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			_, err := Load(file, Options{Now: testNow})
			e := problemsOf(t, err)
			if e.Name != file {
				t.Errorf("error names %q, want %q", e.Name, file)
			}
			got := e.Problems
			if len(got) != len(wants) || e.Count != len(wants) {
				t.Fatalf("%d problems (count %d), want %d:\n%s", len(got), e.Count, len(wants), listOf(got))
			}
			for i, w := range wants {
				p := got[i]
				if p.File != file || p.Line != w.line || p.Column != w.col || p.Pointer != w.pointer || !strings.Contains(p.Message, w.words) {
					t.Errorf("problem %d:\n got %s %d:%d %q %q\nwant %s %d:%d %q, message holding %q", i, p.File, p.Line, p.Column, p.Pointer, p.Message, file, w.line, w.col, w.pointer, w.words)
				}
				if p.Hint == "" {
					t.Errorf("problem %d has no hint: %s", i, p)
				}
			}
			// The bytes in memory give the same problems as the file.
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, err = LoadBytesOptions(file, data, Options{Now: testNow})
			if mem := problemsOf(t, err); listOf(mem.Problems) != listOf(got) {
				t.Errorf("in memory:\n%s\nfrom the file:\n%s", listOf(mem.Problems), listOf(got))
			}
		})
	}
	for name := range cases {
		t.Errorf("want.txt names %s, which is not in testdata/broken", name)
	}
}

// TestGoodDatasets checks that valid datasets, the shipped one included,
// are read with every article.
func TestGoodDatasets(t *testing.T) {
	files, err := filepath.Glob("testdata/good/*.json")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "../../articles.json")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			a, err := Load(file, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Len() == 0 || a.Home().Len() != a.Len() {
				t.Errorf("%d articles, %d on the home list", a.Len(), a.Home().Len())
			}
			a.Slugs(func(slug string) {
				art, ok, err := a.Article(slug)
				if err != nil || !ok || art.Slug != slug {
					t.Errorf("Article(%q) = %v, %v, %v", slug, art, ok, err)
				}
			})
		})
	}
}

// writeFiles makes a folder of dataset files from name -> content.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	testfiles.Write(t, dir, files)
	return dir
}

// story is a minimal valid article with extra fields.
func story(slug string, extra string) string {
	if extra != "" {
		extra += ", "
	}
	return fmt.Sprintf(`{"slug": %q, %s"headline": "Synthetic %s", "body": [{"type": "paragraph", "text": "Synthetic text of %s."}]}`, slug, extra, slug, slug)
}

func TestFolder(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"site.json":           `{"site": {"name": "Synthetic Times", "lang": "en", "url": "https://news.example.org"}}`,
		"2024/03/a.json":      `{"articles": [` + story("a", `"published": "2024-03-01", "section": "World"`) + `]}`,
		"2024/03/b-c.json":    `{"articles": [` + story("b", `"published": "2024-03-02", "section": "World", "tags": ["Tests"]`) + `, ` + story("c", `"related": [{"title": "A", "slug": "a"}]`) + `]}`,
		"notes.txt":           `not a dataset file`,
		".hidden/x.json":      `not even JSON`,
		".editor-backup.json": `{`,
	})
	a, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Site.Name != "Synthetic Times" || a.Len() != 3 {
		t.Fatalf("site %+v with %d articles", a.Site, a.Len())
	}
	if got := a.Summaries(a.Home(), 0, 10); len(got) != 3 || got[0].Slug != "b" || got[1].Slug != "a" || got[2].Slug != "c" {
		t.Errorf("home order %+v, want b, a, c", got)
	}

	// Problems name their file, with line and column in that file.
	bad := writeFiles(t, map[string]string{
		"one.json":   `{"site": {"name": "One"}, "articles": [` + story("a", "") + `]}`,
		"two.json":   "{\n  \"site\": {\"name\": \"Two\"},\n  \"articles\": [\n    " + story("b", `"colour": "red"`) + "\n  ]\n}",
		"three.json": `{"articles": [` + story("c", `"related": [{"title": "X", "slug": "nowhere"}]`) + `]}`,
		"four.json":  `{"articles": []}`,
	})
	_, err = Load(bad, Options{})
	e := problemsOf(t, err)
	var got []string
	for _, p := range e.Problems {
		got = append(got, fmt.Sprintf("%s:%d:%d: %s: %s", filepath.Base(p.File), p.Line, p.Column, p.Pointer, p.Message))
	}
	want := []string{
		`four.json:1:14: /articles: the file has no articles`,
		`three.json:1:64: /articles/0/related/0/slug: related article "nowhere" is not in the dataset`,
		`two.json:2:11: /site: the site is given in ` + filepath.Join(bad, "one.json") + ` already`,
		`two.json:4:19: /articles/0/colour: unknown field "colour"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.HasPrefix(e.Error(), bad+": 4 problems\n") {
		t.Errorf("error starts %q", e.Error()[:60])
	}
}

// TestNameSpellings checks that two spellings of one section or tag are
// refused at the later one, naming both and where the first is: those
// that make one slug (case), and those that search reads as one word
// (Arabic-script letter forms). The Arabic-script names are placeholder
// words, lorem ipsum transliterated as tools/gendata writes them.
func TestNameSpellings(t *testing.T) {
	two := func(a, b string) string { return "{\"articles\": [\n" + a + ",\n" + b + "\n]}" }
	for _, tt := range []struct {
		scenario string
		files    map[string]string
		want     []string // FILE:LINE:COL: POINTER: message, FILE relative to the folder
	}{
		{"alef with hamza and plain alef", map[string]string{
			"a.json": two(story("a", `"section": "أديبيسينغ"`), story("b", `"section": "اديبيسينغ"`)),
		}, []string{
			`a.json:3:26: /articles/1/section: section "اديبيسينغ" and section "أديبيسينغ" are one name spelt two ways (search reads them as one word), with a page each; "أديبيسينغ" is at a.json:2:26, article 0 ("a")`,
		}},
		{"the first spelling in another file", map[string]string{
			"a.json": two(story("a", `"section": "إيبسوم"`), story("b", `"section": "إيبسوم"`)),
			"b.json": two(story("c", `"section": "ايبسوم"`), story("d", `"section": "ايبسوم"`)),
		}, []string{
			`b.json:2:26: /articles/0/section: section "ايبسوم" and section "إيبسوم" are one name spelt two ways (search reads them as one word), with a page each; "إيبسوم" is at a.json:2:26, article 0 ("a")`,
		}},
		{"Arabic-Indic digits and kaf", map[string]string{
			"a.json": two(story("a", `"tags": ["لوريم", "كونسيكتيتور ٢٠٢٤"]`), story("b", `"tags": ["کونسيکتيتور 2024"]`)),
		}, []string{
			`a.json:3:24: /articles/1/tags/0: tag "کونسيکتيتور 2024" and tag "كونسيكتيتور ٢٠٢٤" are one name spelt two ways (search reads them as one word), with a page each; "كونسيكتيتور ٢٠٢٤" is at a.json:2:33, article 0 ("a")`,
		}},
		{"heh and a ZWNJ, ae, in one article", map[string]string{
			"a.json": two(story("a", `"tags": ["سيته\u200cأميت", "سیتەامیت"]`), story("b", "")),
		}, []string{
			`a.json:2:42: /articles/0/tags/1: tag "سیتەامیت" and tag "سيته\u200cأميت" are one name spelt two ways (search reads them as one word), with a page each; "سيته\u200cأميت" is at a.json:2:24, article 0 ("a")`,
		}},
		{"case, which makes one slug", map[string]string{
			"a.json": two(story("a", `"section": "Lorem"`), story("b", `"section": "lorem"`)),
		}, []string{
			`a.json:3:26: /articles/1/section: section "lorem" and section "Lorem" would share the page /sections/lorem; "Lorem" is at a.json:2:26, article 0 ("a")`,
		}},
		{"a Latin accent", map[string]string{
			"a.json": two(story("a", `"section": "Lorem"`), story("b", `"section": "Lorém"`)),
		}, []string{
			`a.json:3:26: /articles/1/section: section "Lorém" and section "Lorem" are one name spelt two ways (search reads them as one word), with a page each; "Lorem" is at a.json:2:26, article 0 ("a")`,
		}},
		{"NFC and NFD, which look the same", map[string]string{
			"a.json": two(story("a", `"tags": ["Caf\u00e9"]`), story("b", `"tags": ["Cafe\u0301"]`)),
		}, []string{
			"a.json:3:24: /articles/1/tags/0: tag \"Cafe\u0301\" and tag \"Caf\u00e9\" are one name spelt two ways (search reads them as one word), with a page each; \"Caf\u00e9\" is at a.json:2:24, article 0 (\"a\")",
		}},
		{"Devanagari vowel signs make another name", map[string]string{
			"a.json": two(story("a", `"tags": ["भारत"]`), story("b", `"tags": ["भारती"]`)),
		}, nil},
		{"a name whose page's file name would be too long", map[string]string{
			"a.json": two(story("a", `"section": "`+strings.Repeat("政", 83)+`"`), story("b", `"section": "`+strings.Repeat("政", 82)+`"`)),
		}, []string{
			`a.json:2:26: /articles/0/section: section "` + strings.Repeat("政", 83) + `" makes a page address of 249 bytes, more than 247: no file system takes a file of that name`,
		}},
		{"the Arabic article makes another name", map[string]string{
			"a.json": two(story("a", `"section": "الإيبسوم"`), story("b", `"section": "إيبسوم"`)),
		}, nil},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			_, err := Load(dir, Options{})
			if tt.want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var got []string
			for _, p := range problemsOf(t, err).Problems {
				rel, _ := filepath.Rel(dir, p.File)
				got = append(got, fmt.Sprintf("%s:%d:%d: %s: %s", rel, p.Line, p.Column, p.Pointer, strings.ReplaceAll(p.Message, dir+string(filepath.Separator), "")))
				if p.Hint == "" {
					t.Errorf("no hint: %s", p)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestFolderWithoutFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{"README.md": "no dataset here"})
	_, err := Load(dir, Options{})
	if err == nil || !strings.Contains(err.Error(), "has no .json files") {
		t.Errorf("got %v", err)
	}
	onlySite := writeFiles(t, map[string]string{"site.json": `{"site": {"name": "X"}}`})
	_, err = Load(onlySite, Options{})
	if e := problemsOf(t, err); e.Count != 1 || !strings.Contains(e.Problems[0].Message, "no articles") {
		t.Errorf("got %v", err)
	}
}

// TestSiteFileEmptyList: a folder's site file may give its list of
// articles empty, as it may leave it out, the site before the list or
// after it; another file's empty list is a problem of its own.
func TestSiteFileEmptyList(t *testing.T) {
	for _, site := range []string{
		`{"site": {"name": "X"}, "articles": []}`,
		`{"articles": [], "site": {"name": "X"}}`,
	} {
		dir := writeFiles(t, map[string]string{"site.json": site, "a.json": `{"articles": [` + story("a", "") + `]}`})
		if a, err := Load(dir, Options{}); err != nil || a.Len() != 1 {
			t.Errorf("%s beside an article's file: %v", site, err)
		}
		alone := writeFiles(t, map[string]string{"site.json": site})
		_, err := Load(alone, Options{})
		if e := problemsOf(t, err); e.Count != 1 || e.Problems[0].Message != "the dataset has no articles" || !OnlyEmpty(err) {
			t.Errorf("%s alone: %v", site, err)
		}
	}
	dir := writeFiles(t, map[string]string{"site.json": `{"site": {"name": "X"}}`, "a.json": `{"articles": [` + story("a", "") + `]}`, "b.json": `{"articles": []}`})
	_, err := Load(dir, Options{})
	if e := problemsOf(t, err); e.Count != 1 || e.Problems[0].Message != "the file has no articles" || filepath.Base(e.Problems[0].File) != "b.json" {
		t.Errorf("an articles file with an empty list: %v", err)
	}
}

// TestOverlay checks the dataset import is about to write: a file
// replaced, and a new file in a folder.
func TestOverlay(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.json": `{"articles": [` + story("a", "") + `]}`})
	added := filepath.Join(dir, "b.json")
	a, err := Load(dir, Options{Overlay: map[string][]byte{added: []byte(`{"articles": [` + story("b", `"related": [{"title": "A", "slug": "a"}]`) + `]}`)}})
	if err != nil {
		t.Fatal(err)
	}
	if a.Len() != 2 || !a.Has("b") {
		t.Errorf("%d articles", a.Len())
	}
	_, err = Load(dir, Options{Overlay: map[string][]byte{added: []byte(`{"articles": [` + story("a", "") + `]}`)}})
	if e := problemsOf(t, err); e.Count != 1 || e.Problems[0].File != added {
		t.Errorf("got %v", err)
	}
}

// TestManyProblems checks that a dataset with a problem in every article
// is refused with the count of them all and the first MaxListed listed.
func TestManyProblems(t *testing.T) {
	const n = 5000
	var b bytes.Buffer
	b.WriteString(`{"articles": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(story("a"+strconv.Itoa(i), `"colour": "red"`))
	}
	b.WriteString("]}")
	_, err := LoadBytes("many.json", b.Bytes())
	e := problemsOf(t, err)
	if e.Count != n || len(e.Problems) != MaxListed {
		t.Fatalf("count %d, listed %d", e.Count, len(e.Problems))
	}
	if p := e.Problems[MaxListed-1]; p.Line != MaxListed || p.Pointer != fmt.Sprintf("/articles/%d/colour", MaxListed-1) {
		t.Errorf("last listed problem: %s", p)
	}
	if msg := e.Error(); !strings.HasSuffix(msg, fmt.Sprintf("... and %d more problems: fix these, then run validate again", n-MaxListed)) {
		t.Errorf("error ends %q", msg[len(msg)-100:])
	}
}

func TestArchiveLists(t *testing.T) {
	data := `{"articles": [` + strings.Join([]string{
		story("undated-1", `"section": "World"`),
		story("old", `"published": "2020-01-01", "section": "World", "tags": ["Tests", "Old"]`),
		story("new", `"published": "2024-01-01T10:00:00Z", "section": "World", "tags": ["Tests"]`),
		story("mid", `"published": "2022-06-01", "section": "Culture", "tags": ["tests"]`),
		story("undated-2", ""),
	}, ",") + `]}`
	a, err := LoadBytes("lists.json", []byte(data))
	if err == nil {
		t.Fatal("tags Tests and tests were accepted as two tags")
	}
	data = strings.Replace(data, `["tests"]`, `["Tests"]`, 1)
	if a, err = LoadBytes("lists.json", []byte(data)); err != nil {
		t.Fatal(err)
	}
	slugs := func(g *Group) string {
		var s []string
		for _, sum := range a.Summaries(g, 0, g.Len()) {
			s = append(s, sum.Slug)
		}
		return strings.Join(s, " ")
	}
	if got := slugs(a.Home()); got != "new mid old undated-1 undated-2" {
		t.Errorf("home: %s", got)
	}
	world, ok := a.Section("world")
	if !ok || world.Name != "World" || slugs(world) != "new old undated-1" {
		t.Errorf("section world: %v %+v %s", ok, world, slugs(world))
	}
	if g := a.Sections(); len(g) != 2 || g[0].Slug != "culture" || g[1].Slug != "world" {
		t.Errorf("sections %+v", g)
	}
	if tag, ok := a.Tag("tests"); !ok || slugs(tag) != "new mid old" {
		t.Errorf("tag tests: %v", ok)
	}
	for _, tt := range []struct{ slug, newer, older string }{
		{"new", "", "old"},
		{"old", "new", "undated-1"},
		{"undated-1", "old", ""},
		{"mid", "", ""},
		{"undated-2", "undated-1", ""}, // no section: the home list
	} {
		newer, older := a.Neighbours(tt.slug)
		got := func(s *article.Summary) string {
			if s == nil {
				return ""
			}
			return s.Slug
		}
		if got(newer) != tt.newer || got(older) != tt.older {
			t.Errorf("Neighbours(%s) = %q, %q, want %q, %q", tt.slug, got(newer), got(older), tt.newer, tt.older)
		}
	}
}

// TestLastChange checks when a run of a list last changed: the latest date,
// updated or published, of its articles, which an article updated after
// its publication can hold though it is not the newest published.
func TestLastChange(t *testing.T) {
	data := `{"articles": [` + strings.Join([]string{
		story("new", `"published": "2024-01-01T10:00:00Z"`),
		story("fixed", `"published": "2023-05-01", "updated": "2024-02-01T08:30:00+03:00"`),
		story("old", `"published": "2020-01-01"`),
		story("undated", ""),
	}, ",") + `]}`
	a, err := LoadBytes("lastchange.json", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lo, hi int
		want   string
	}{
		{0, 4, "2024-02-01T08:30:00+03:00"},
		{0, 1, "2024-01-01T10:00:00Z"},
		{2, 3, "2020-01-01"},
		{3, 4, ""}, // the undated article alone
		{2, 30, "2020-01-01"},
		{5, 30, ""}, // past the end
	} {
		if got := a.LastChange(a.Home(), tt.lo, tt.hi); got != tt.want {
			t.Errorf("LastChange(home, %d, %d) = %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
	}
}

// TestArticleChangedOnDisk checks that an article is never served from a
// file that changed after it was checked, and that a file rewritten or cut
// short says so (ErrChanged), as the host's reload needs. A file removed
// is still open: its article is served as it was checked.
func TestArticleChangedOnDisk(t *testing.T) {
	tests := []struct {
		scenario string
		change   func(name string) error
		kept     bool
	}{
		{"rewritten", func(name string) error {
			return os.WriteFile(name, []byte(`{"articles": [`+story("a", `"lang": "ar"`)+`]}`), 0o644)
		}, false},
		{"truncated", func(name string) error { return os.Truncate(name, 0) }, false},
		{"removed", os.Remove, runtime.GOOS != "windows"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"a.json": `{"articles": [` + story("a", "") + `]}`})
			a, err := Load(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := a.Article("a"); err != nil {
				t.Fatal(err)
			}
			if err := tt.change(filepath.Join(dir, "a.json")); err != nil {
				t.Fatal(err)
			}
			art, ok, err := a.Article("a")
			switch {
			case tt.kept && (!ok || err != nil || art.Lang != ""):
				t.Errorf("after a change on disk: %v, %v; want the article as checked", ok, err)
			case !tt.kept && (!ok || !errors.Is(err, ErrChanged)):
				t.Errorf("after a change on disk: %v, %v", ok, err)
			}
		})
	}
}

func TestSizeLimit(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.json": `{"articles": [` + story("a", "") + `]}`})
	_, err := Load(filepath.Join(dir, "a.json"), Options{MaxSize: 10})
	if err == nil || !strings.Contains(err.Error(), "larger than the 10 bytes limit") {
		t.Errorf("got %v", err)
	}
}

// TestFolderSizeLimit checks the limit in a folder, where a file's size is
// read once it is open: the file over it is named, and nothing of it is
// read; a symbolic link is followed to its file, and a folder named like
// a file (folder.json) is a folder.
func TestFolderSizeLimit(t *testing.T) {
	small := `{"articles": [` + story("a", "") + `]}`
	dir := writeFiles(t, map[string]string{
		"a.json":     small,
		"sub/b.json": `{"articles": [` + story("b", "") + `]}` + strings.Repeat(" ", 400),
	})
	if err := os.Symlink(filepath.Join(dir, "a.json"), filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir, Options{MaxSize: int64(len(small))})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want an *Error", err)
	}
	b := filepath.Join(dir, "sub", "b.json")
	var large, linked bool
	for _, p := range e.Problems {
		switch {
		case p.File == b && strings.Contains(p.Message, "larger than the "+ByteSize(int64(len(small)))+" limit"):
			large = true
		case p.File == filepath.Join(dir, "link.json") && strings.Contains(p.Message, `slug "a" is already used`):
			// The link is read as a second copy of a.json.
			linked = true
		default:
			t.Errorf("unexpected problem: %s", p)
		}
	}
	if !large || !linked {
		t.Errorf("want %s named as too large, and link.json read as a copy of a.json: %v", b, err)
	}
	// Without the link, and with the limit raised, the folder loads.
	if err := os.Remove(filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	a, err := Load(dir, Options{MaxSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if a.Len() != 2 {
		t.Errorf("%d articles, want 2", a.Len())
	}
}

// TestLabelWarnings checks that an edition in another language that leaves
// labels out is read, with a warning for each, placed in its file.
func TestLabelWarnings(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"site.json": "{\"site\": {\n  \"lang\": \"ckb\",\n  \"labels\": {\"list.latest\": \"[ckb] Latest articles\"}\n}}",
		"a.json":    `{"articles": [` + story("a", "") + `]}`,
	})
	a, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Warnings) < 10 {
		t.Fatalf("%d warnings, want one for each label left out", len(a.Warnings))
	}
	w := a.Warnings[0]
	if w.File != filepath.Join(dir, "site.json") || w.Line != 3 || !strings.HasPrefix(w.Pointer, "/site/labels") || w.Hint == "" {
		t.Errorf("first warning: %s", w)
	}
	if a.Site.Labels["list.latest"] != "[ckb] Latest articles" {
		t.Errorf("labels %v", a.Site.Labels)
	}
	// An English edition needs none.
	en, err := LoadBytes("en.json", []byte(`{"articles": [`+story("a", "")+`]}`))
	if err != nil || len(en.Warnings) != 0 {
		t.Errorf("an English edition: %v, %d warnings", err, len(en.Warnings))
	}
}

// TestDescriptionWarning checks that an edition in another language
// without a description of its own is read with a warning, placed at its
// site object: its pages and feeds would describe it in English.
func TestDescriptionWarning(t *testing.T) {
	described := func(a *Archive) []Problem {
		var ws []Problem
		for _, w := range a.Warnings {
			if strings.Contains(w.Message, `no "description"`) {
				ws = append(ws, w)
			}
		}
		return ws
	}
	for _, tt := range []struct {
		site string
		want int
	}{
		{`{"lang": "ckb"}`, 1},
		{`{"lang": "AR-iq", "name": "Synthetic"}`, 1},
		{`{"lang": "ckb", "description": "[ckb] A synthetic edition."}`, 0},
		{`{"lang": "en-GB"}`, 0},
		{`{"name": "Synthetic"}`, 0},
	} {
		a, err := LoadBytes("site.json", []byte("{\"site\": "+tt.site+",\n\"articles\": ["+story("a", "")+"]}"))
		if err != nil {
			t.Fatalf("%s: %v", tt.site, err)
		}
		ws := described(a)
		if len(ws) != tt.want {
			t.Errorf("%s: %d warnings of the description, want %d: %v", tt.site, len(ws), tt.want, ws)
			continue
		}
		if tt.want == 1 && (ws[0].Pointer != "/site" || ws[0].Line != 1 || !strings.Contains(ws[0].Message, article.DefaultSiteDescription) || ws[0].Hint == "") {
			t.Errorf("%s: the warning %s, want it at /site, line 1, naming the English default, with a hint", tt.site, ws[0])
		}
	}
}

// TestSiteURLWarning reads a site whose url no one outside the machine
// reaches (a test site's): a warning in its place, and the site read with
// it, as its pages and feeds will carry it.
func TestSiteURLWarning(t *testing.T) {
	a, err := LoadBytes("local.json", []byte("{\"site\": {\"url\": \"https://localhost:8443\"},\n\"articles\": ["+story("a", "")+"]}"))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Warnings) != 1 || a.Warnings[0].Pointer != "/site/url" || a.Warnings[0].Line != 1 || !strings.Contains(a.Warnings[0].Message, "loopback") {
		t.Errorf("warnings %v, want one for /site/url", a.Warnings)
	}
	if a.Site.URL != "https://localhost:8443" {
		t.Errorf("site url %q", a.Site.URL)
	}
}

// TestFutureDates checks that dates are checked against Options.Now: the
// same article is refused a day and more before its date, in its place,
// and read once the date is near.
func TestFutureDates(t *testing.T) {
	data := []byte("{\"articles\": [\n  " + story("a", `"published": "2024-06-03", "updated": "2024-06-03T08:00:00Z"`) + "\n]}")
	_, err := LoadBytesOptions("future.json", data, Options{Now: testNow})
	var got []string
	for _, p := range problemsOf(t, err).Problems {
		got = append(got, fmt.Sprintf("%d:%d: %s: %s", p.Line, p.Column, p.Pointer, p.Message))
	}
	want := []string{
		"2:30: /articles/0/published: published 2024-06-03 is in the future (it is now 2024-06-01 12:00 UTC)",
		"2:55: /articles/0/updated: updated 2024-06-03T08:00:00Z is in the future (it is now 2024-06-01 12:00 UTC)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := LoadBytesOptions("future.json", data, Options{Now: testNow.Add(24 * time.Hour)}); err != nil {
		t.Errorf("a day later: %v", err)
	}
	// A serving host warns instead, in the same places: a clock that is
	// behind must not keep the site down. Other problems still refuse.
	arc, err := LoadBytesOptions("future.json", data, Options{Now: testNow, AheadWarns: true})
	if err != nil {
		t.Fatalf("with AheadWarns: %v", err)
	}
	got = got[:0]
	for _, p := range arc.Warnings {
		got = append(got, fmt.Sprintf("%d:%d: %s: %s", p.Line, p.Column, p.Pointer, p.Message))
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	broken := []byte("{\"articles\": [\n  " + story("a", `"published": "2024-06-03", "updated": "2024-13-03"`) + "\n]}")
	if _, err := LoadBytesOptions("future.json", broken, Options{Now: testNow, AheadWarns: true}); err == nil {
		t.Error("with AheadWarns, a date that is not one is accepted")
	}
}

// TestHTTPImageWarns: an http picture, which the pages' Content-Security-
// Policy does not load, is a warning placed in its file, not a reason to
// refuse the dataset: a site that showed it broken before the check stays
// up and can take new stories.
func TestHTTPImageWarns(t *testing.T) {
	fig := `"figures": [{"caption": "Synthetic.", "image": {"src": "http://images.example.org/x.jpg", "alt": "", "width": 640, "height": 480}}]`
	data := []byte("{\"articles\": [\n  " + story("a", fig) + "\n]}")
	for _, opt := range []Options{{}, {CheckOnly: true}} {
		arc, err := LoadBytesOptions("http.json", data, opt)
		if err != nil {
			t.Fatalf("CheckOnly %v: %v", opt.CheckOnly, err)
		}
		if len(arc.Warnings) != 1 {
			t.Fatalf("CheckOnly %v: warnings %v, want the http picture's", opt.CheckOnly, arc.Warnings)
		}
		w := arc.Warnings[0]
		if w.Line != 2 || w.Pointer != "/articles/0/figures/0/image/src" || !strings.Contains(w.Message, "is an http address") || !strings.Contains(w.Hint, "https://") {
			t.Errorf("CheckOnly %v: warning %s", opt.CheckOnly, w)
		}
	}
}

// TestBrowserRefusedAddressWarns: a link, an edition's address or an
// image whose host or port a browser refuses (a port past 65535, an IPv4
// address past 255) is a warning, placed at its field, as validate took
// it and the page showed a link that leads nowhere or an image never
// loaded; a warning, not a problem, so that a site that showed it before
// this check stays up. Such an address that is otherwise plain (a
// trailing dot, an underscore, a name in punycode) is not warned of.
func TestBrowserRefusedAddressWarns(t *testing.T) {
	fig := `"figures": [{"caption": "Synthetic.", "image": {"src": "https://300.1.2.3/x.jpg", "alt": "", "width": 640, "height": 480}}]`
	rel := `"related": [{"title": "Synthetic", "url": "https://example.com:99999/synthetic"}, {"title": "Fine", "url": "https://a_b.example./x"}, {"title": "Fine too", "url": "https://xn--mgbh0fb.example/x"}]`
	site := `"site": {"url": "https://news.example.org", "editions": [{"lang": "ar", "name": "Synthetic", "url": "https://ar.example.org:70000/"}]}`
	data := []byte("{" + site + ", \"articles\": [\n  " + story("a", fig+", "+rel) + "\n]}")
	arc, err := LoadBytesOptions("hosts.json", data, Options{CheckOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range arc.Warnings {
		got = append(got, w.Pointer+": "+w.Message)
	}
	want := []string{
		`/site/editions/0/url: "https://ar.example.org:70000/": port 70000 is not a valid port: a port is a number from 0 to 65535`,
		`/articles/0/figures/0/image/src: image src "https://300.1.2.3/x.jpg": host "300.1.2.3" is not a valid host name: it ends in a number, which makes it an IPv4 address to a browser, and is not one: 300 is too large`,
		`/articles/0/related/0/url: "https://example.com:99999/synthetic": port 99999 is not a valid port: a port is a number from 0 to 65535`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestArticleLangIsTheEditions checks that an article without a "lang" is
// in the edition's language (the site's), in its summary, its neighbours'
// and the article read again from its file, so that its page, its data
// file, its feed entry and the news sitemap say one language: its page
// said "en" in an Arabic edition, drawn left to right with English
// labels, while its feed entry said "ar". The site may come in a later
// file of a folder than the article; an article with a "lang" keeps it,
// and without a site's "lang" an article has none (DefaultLang).
func TestArticleLangIsTheEditions(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		files    map[string]string
		want     map[string]string // slug → Lang
	}{
		{
			scenario: "one file",
			files: map[string]string{"news.json": `{"site": {"lang": "ar"}, "articles": [` +
				story("plain", `"published": "2024-03-02"`) + `, ` + story("english", `"lang": "en", "published": "2024-03-01"`) + `]}`},
			want: map[string]string{"plain": "ar", "english": "en"},
		},
		{
			scenario: "site after the articles",
			files: map[string]string{
				"a.json": `{"articles": [` + story("plain", `"published": "2024-03-02"`) + `]}`,
				"b.json": `{"articles": [` + story("sorani", `"lang": "ckb", "published": "2024-03-01"`) + `]}`,
				"z.json": `{"site": {"lang": "ckb-IQ"}}`,
			},
			want: map[string]string{"plain": "ckb-IQ", "sorani": "ckb"},
		},
		{
			scenario: "no site lang",
			files: map[string]string{"news.json": `{"site": {"name": "Synthetic Times"}, "articles": [` +
				story("plain", `"published": "2024-03-02"`) + `, ` + story("arabic", `"lang": "ar", "published": "2024-03-01"`) + `]}`},
			want: map[string]string{"plain": "", "arabic": "ar"},
		},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			a, err := Load(writeFiles(t, tt.files), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			for _, s := range a.Summaries(a.Home(), 0, a.Len()) {
				if got, want := s.Lang, tt.want[s.Slug]; got != want {
					t.Errorf("summary of %s: lang %q, want %q", s.Slug, got, want)
				}
				if newer, older := a.Neighbours(s.Slug); newer != nil && newer.Lang != tt.want[newer.Slug] || older != nil && older.Lang != tt.want[older.Slug] {
					t.Errorf("neighbours of %s: %+v, %+v", s.Slug, newer, older)
				}
				art, ok, err := a.Article(s.Slug)
				if err != nil || !ok {
					t.Fatalf("Article(%s): %v, %v", s.Slug, ok, err)
				}
				if got, want := art.Lang, tt.want[s.Slug]; got != want {
					t.Errorf("article %s: lang %q, want %q", s.Slug, got, want)
				}
			}
		})
	}
}
