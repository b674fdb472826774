package dataset

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestUnreadableFile checks that a file that cannot be read is a problem
// of its own, named with its file and the system's reason and without a
// place, listed with the other files' problems: it once stopped the
// listing with "placing the problems of b.json: opening b.json: open
// b.json: permission denied". A file that goes away between the listing
// and the reading stands for one that cannot be opened, which a test can
// make without root.
func TestUnreadableFile(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.json": `{"articles": [` + story("a", `"colour": "red"`) + `]}`,
		"c.json": `{"articles": [` + story("c", "") + `]}`,
	})
	a, gone, c := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json"), filepath.Join(dir, "c.json")
	files := []*file{{name: a, path: a, size: -1}, {name: gone, path: gone, size: -1}, {name: c, path: c, size: -1}}
	_, err := read(dir, files, DefaultMaxSize, Options{CheckOnly: true})
	e := problemsOf(t, err)
	want := []string{
		a + `:1:29: /articles/0/colour: article 0 ("a"): unknown field "colour"`,
		gone + ": cannot be read: no such file or directory",
	}
	if e.Count != len(want) || len(e.Problems) != len(want) {
		t.Fatalf("%d problems, want %d:\n%s", e.Count, len(want), listOf(e.Problems))
	}
	for i, w := range want {
		if got := e.Problems[i].String(); !strings.HasPrefix(got, w) {
			t.Errorf("problem %d:\n got %s\nwant %s...", i, got, w)
		}
	}

	// A file its reader may not read: only a user other than root is
	// refused.
	t.Run("permission", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root reads any file")
		}
		if err := os.WriteFile(gone, []byte(`{"articles": []}`), 0o000); err != nil {
			t.Fatal(err)
		}
		_, err := Load(dir, Options{})
		e := problemsOf(t, err)
		if e.Count != 2 || e.Problems[1].String() != gone+": cannot be read: permission denied (let the user who runs dateline read it)" {
			t.Errorf("got %v", err)
		}
	})
}

// TestPlaceFails checks that a file that can no longer be read when its
// problems are placed keeps its problems, listed without their places,
// with one more that says why.
func TestPlaceFails(t *testing.T) {
	gone := filepath.Join(t.TempDir(), "gone.json")
	l := &loader{name: gone, files: []*fileState{{f: &file{name: gone, path: gone, size: -1}}}}
	e := problemsOf(t, l.errorOf([]Problem{{File: gone, Article: -1, Message: "a problem", off: 10}}))
	got := []string{}
	for _, p := range e.Problems {
		got = append(got, p.String())
	}
	want := []string{gone + ": a problem", gone + ": cannot be read again to place its problems: no such file or directory"}
	if e.Count != 2 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got (count %d)\n%s\nwant\n%s", e.Count, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLinks checks the links in a dataset folder: a link to a folder is
// followed as a link to a file is (links to folders were once left out
// without a word), and one to a folder that holds it is not, or the
// listing would never end; a link to nothing is a problem that names it,
// listed with the others (a dangling link once stopped the listing with
// "stat h/dangling.json: no such file or directory").
func TestLinks(t *testing.T) {
	base := writeFiles(t, map[string]string{
		"h/a.json":       `{"articles": [` + story("a", "") + `]}`,
		"h/sub/b.json":   `{"articles": [` + story("b", `"related": [{"title": "C", "slug": "c"}]`) + `]}`,
		"outside/c.json": `{"articles": [` + story("c", "") + `]}`,
		"else/d.json":    `{"articles": [` + story("d", "") + `]}`,
	})
	h := filepath.Join(base, "h")
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(h, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	link("../outside", "more")
	link("../else/d.json", "d.json")
	link("nowhere", "notes") // not a dataset file by its name
	a, err := Load(h, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Has("c") || a.Len() != 4 {
		t.Errorf("%d articles, c in the linked folder: %v", a.Len(), a.Has("c"))
	}

	link("nowhere.json", "dangling.json")
	link("round.json", "round.json")
	link("..", "sub/up")
	link(".", "sub/self")
	link("..", "parent") // the folder that holds the dataset
	_, err = Load(h, Options{})
	e := problemsOf(t, err)
	want := []string{
		filepath.Join(h, "dangling.json") + ": is a link to nowhere.json, which does not exist (fix the link, or remove it)",
		filepath.Join(h, "parent") + ": is a link to " + base + ", a folder that holds it (remove the link: a folder cannot hold itself)",
		filepath.Join(h, "round.json") + ": is a link that leads round in a loop of links (fix the link, or remove it)",
		filepath.Join(h, "sub", "self") + ": is a link to " + filepath.Join(h, "sub") + ", a folder that holds it (remove the link: a folder cannot hold itself)",
		filepath.Join(h, "sub", "up") + ": is a link to " + h + ", a folder that holds it (remove the link: a folder cannot hold itself)",
	}
	got := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		got[i] = p.String()
	}
	if e.Count != len(want) || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %d problems:\n%s\nwant\n%s", e.Count, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The same link given as the dataset.
	_, err = Load(filepath.Join(h, "dangling.json"), Options{})
	if e := problemsOf(t, err); e.Count != 1 || e.Problems[0].String() != want[0] {
		t.Errorf("the link as the dataset: %v", err)
	}

	// A folder its reader may not list: only a user other than root is
	// refused.
	t.Run("permission", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root reads any folder")
		}
		locked := filepath.Join(h, "locked")
		if err := os.Mkdir(locked, 0o000); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(locked, 0o755)
		_, err := Load(h, Options{})
		e := problemsOf(t, err)
		if e.Count != len(want)+1 || e.Problems[1].String() != locked+": cannot be read: permission denied (let the user who runs dateline read it)" {
			t.Errorf("got %v", err)
		}
	})
}

// TestLinksFollowed checks that an archive names the links its reading
// followed and where each really leads, through links on the way: export
// checks its folder against them, so that it never writes into a folder
// that the dataset reads through a link.
func TestLinksFollowed(t *testing.T) {
	base := writeFiles(t, map[string]string{
		"h/a.json":           `{"articles": [` + story("a", "") + `]}`,
		"outside/c.json":     `{"articles": [` + story("c", "") + `]}`,
		"outside/in/e.json":  `{"articles": [` + story("e", "") + `]}`,
		"else/d.json":        `{"articles": [` + story("d", "") + `]}`,
		"deeper/sub/f.json":  `{"articles": [` + story("f", "") + `]}`,
		"deeper/ignored.txt": "not read",
	})
	real, err := filepath.EvalSymlinks(base)
	if err != nil {
		t.Fatal(err)
	}
	h := filepath.Join(base, "h")
	for _, l := range []struct{ target, name string }{
		{"../outside", "more"},
		{"../else/d.json", "d.json"},
		{"../../deeper/sub", "more/in/next"}, // a link inside a linked folder
		{"nowhere", "notes"},                 // not followed: not a dataset file by its name
	} {
		if err := os.Symlink(l.target, filepath.Join(h, filepath.FromSlash(l.name))); err != nil {
			t.Fatal(err)
		}
	}
	a, err := Load(h, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Len() != 5 {
		t.Errorf("%d articles, want 5", a.Len())
	}
	got, err := a.Links()
	if err != nil {
		t.Fatal(err)
	}
	want := []Link{
		{Path: filepath.Join(h, "d.json"), Target: filepath.Join(real, "else", "d.json")},
		{Path: filepath.Join(h, "more"), Target: filepath.Join(real, "outside"), Folder: true},
		{Path: filepath.Join(h, "more", "in", "next"), Target: filepath.Join(real, "deeper", "sub"), Folder: true},
	}
	if !slices.Equal(got, want) {
		t.Errorf("links:\n got %v\nwant %v", got, want)
	}

	// A dataset without links, and a dataset file, follow none.
	for _, path := range []string{filepath.Join(base, "else"), filepath.Join(base, "else", "d.json")} {
		a, err := Load(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := a.Links(); err != nil || len(got) != 0 {
			t.Errorf("%s: links %v, %v; want none", path, got, err)
		}
	}
}

// TestUpperCaseExtension checks that a folder's x.JSON is read as x.json
// is: such a folder was once said to have no .json files.
func TestUpperCaseExtension(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"x.JSON":     `{"articles": [` + story("x", "") + `]}`,
		"sub/y.Json": `{"articles": [` + story("y", "") + `]}`,
		"notes.txt":  "not a dataset file",
	})
	a, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Len() != 2 || !a.Has("x") || !a.Has("y") {
		t.Errorf("%d articles, want x and y", a.Len())
	}
}
