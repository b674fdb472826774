//go:build !(js && wasm)

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/app/article"
	"dateline/app/dataset"

	"dateline/internal/testfiles"
)

const (
	brokenDir = "app/dataset/testdata/broken"
	seedStory = "app/importer/testdata/000_3e3b267afa8f17cc.txt"
)

// brokenPlace is where a broken dataset must be refused, as the command
// prints it.
type brokenPlace struct {
	file  string
	place string // FILE:LINE:COL: POINTER:
	words string
}

// readBroken reads the expectations app/dataset's tests share with these.
func readBroken(t *testing.T) []brokenPlace {
	t.Helper()
	f, err := os.Open(filepath.Join(brokenDir, "want.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []brokenPlace
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		file := filepath.Join(brokenDir, fields[0])
		place := file + ":" + fields[1] + ": "
		if fields[2] != "-" {
			place += fields[2] + ": "
		}
		out = append(out, brokenPlace{file, place, strings.Join(fields[3:], " ")})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 25 {
		t.Fatalf("%d broken datasets, want at least 25", len(out))
	}
	return out
}

// TestValidateRefusesBrokenDatasets runs `dateline validate` on each broken
// dataset: it fails, naming each problem's place, one line each.
func TestValidateRefusesBrokenDatasets(t *testing.T) {
	for _, b := range readBroken(t) {
		t.Run(filepath.Base(b.place), func(t *testing.T) {
			var stdout bytes.Buffer
			err := dispatch([]string{"validate", b.file}, &stdout, io.Discard)
			if err == nil {
				t.Fatalf("validate accepted %s: %s", b.file, stdout.String())
			}
			if !strings.Contains(err.Error(), "\n"+b.place) {
				t.Errorf("the error does not start a line with %q:\n%v", b.place, err)
			}
			line := err.Error()[strings.Index(err.Error(), b.place):]
			line, _, _ = strings.Cut(line, "\n")
			if !strings.Contains(line, b.words) {
				t.Errorf("line %q lacks %q", line, b.words)
			}
			if stdout.Len() > 0 {
				t.Errorf("validate printed %q for a broken file", stdout.String())
			}
		})
	}
}

func TestValidateGood(t *testing.T) {
	// full.json shows /media/library.jpg.
	media := t.TempDir()
	if err := os.WriteFile(filepath.Join(media, "library.jpg"), testfiles.JPEG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ file, want string }{
		{"articles.json", "articles.json: ok, 1 article\n"},
		{"app/dataset/testdata/good/full.json", "app/dataset/testdata/good/full.json: ok, 4 articles\n"},
	}
	for _, tt := range tests {
		var stdout bytes.Buffer
		if err := dispatch([]string{"validate", "-media", media, tt.file}, &stdout, io.Discard); err != nil {
			t.Fatal(err)
		}
		if stdout.String() != tt.want {
			t.Errorf("validate %s printed %q, want %q", tt.file, stdout.String(), tt.want)
		}
	}
}

// TestValidateRefusesHugeFiles checks the size limit: a file over it is
// refused before it is read, with a message saying why.
func TestValidateRefusesHugeFiles(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.json")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: past the default limit without writing it.
	if err := f.Truncate(dataset.DefaultMaxSize + 1); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	small := filepath.Join(dir, "small.json")
	data, err := os.ReadFile("articles.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(small, data, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args  []string
		words string
	}{
		{[]string{"validate", huge}, "huge.json: the file is 4 GB, larger than the 4 GB limit"},
		{[]string{"validate", "-max-size", "1000", small}, "small.json: the file is 5.2 kB, larger than the 1000 bytes limit"},
	}
	// Read, the sparse file would be a syntax error at 1:1: the message
	// about its size says it was refused unread.
	for _, tt := range tests {
		err := dispatch(tt.args, &bytes.Buffer{}, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tt.words) || !strings.Contains(err.Error(), "-max-size") {
			t.Errorf("%q: error %v, want one holding %q and naming -max-size", tt.args, err, tt.words)
		}
	}
}

func TestValidateUsage(t *testing.T) {
	for _, args := range [][]string{
		{"validate", "a.json", "b.json"},
		{"validate", filepath.Join(t.TempDir(), "missing.json")},
		{"validate", t.TempDir()},
		{"validate", "-max-size", "lots"},
	} {
		if err := dispatch(args, &bytes.Buffer{}, io.Discard); err == nil {
			t.Errorf("%q succeeded", args)
		}
	}
}

// importFixture is a directory with a copy of the shipped dataset.
func importFixture(t *testing.T) (dir, dataFile string, original []byte) {
	t.Helper()
	dir = t.TempDir()
	original, err := os.ReadFile("articles.json")
	if err != nil {
		t.Fatal(err)
	}
	dataFile = filepath.Join(dir, "articles.json")
	if err := os.WriteFile(dataFile, original, 0o640); err != nil {
		t.Fatal(err)
	}
	return dir, dataFile, original
}

// TestImportAppends adds the seed story to the shipped dataset, which
// already holds it: refused, then added as a copy when asked.
func TestImportAppends(t *testing.T) {
	dir, dataFile, original := importFixture(t)
	var stdout, stderr bytes.Buffer
	err := dispatch([]string{"import", "-data", dataFile, seedStory}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), `the dataset already holds this story as "us-sec-def-to-pm-barzani-there-is-a-special-relationship"`) ||
		!strings.Contains(err.Error(), "-copy") {
		t.Fatalf("importing a story the dataset holds: %v", err)
	}
	assertUnchanged(t, dataFile, original)
	stdout.Reset()
	stderr.Reset()
	if err := dispatch([]string{"import", "-data", dataFile, "-copy", seedStory}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	const slug = "us-sec-def-to-pm-barzani-there-is-a-special-relationship-2"
	if want := dataFile + `: added "` + slug + `" in ` + dataFile + "; the dataset has 2 articles\n"; stdout.String() != want {
		t.Errorf("printed %q, want %q", stdout.String(), want)
	}
	for _, want := range []string{"language: en (detected: ", "slug: us-sec-def-to-pm-barzani-there-is-a-special-relationship (", "adding a copy (-copy)", `slug: ` + slug + ` ("us-sec-def-to-pm-barzani-there-is-a-special-relationship" is taken)`} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("notes lack %q:\n%s", want, stderr.String())
		}
	}
	got, err := os.ReadFile(dataFile)
	if err != nil {
		t.Fatal(err)
	}
	arc, err := dataset.LoadBytes(dataFile, got)
	if err != nil {
		t.Fatal(err)
	}
	if arc.Len() != 2 || !arc.Has(slug) {
		t.Fatalf("%d articles after import", arc.Len())
	}
	keep := bytes.LastIndex(original, []byte("}\n  ]\n}")) + 1
	if !bytes.HasPrefix(got, original[:keep]) || !bytes.HasSuffix(got, original[keep:]) {
		t.Error("the bytes around the new article changed")
	}
	if fi, err := os.Stat(dataFile); err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("the dataset's mode is %v (%v), want 0640 kept", fi.Mode(), err)
	}
	assertOnlyFile(t, dir, "articles.json")
}

func TestImportToStdout(t *testing.T) {
	dir, dataFile, original := importFixture(t)
	var stdout bytes.Buffer
	if err := dispatch([]string{"import", "-data", dataFile, "-copy", "-o", "-", seedStory}, &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	if !strings.HasPrefix(out, "{\n  \"slug\": \"us-sec-def-to-pm-barzani-there-is-a-special-relationship-2\",\n") || !strings.HasSuffix(out, "\n}\n") {
		t.Errorf("entry:\n%s", out)
	}
	assertUnchanged(t, dataFile, original)
	assertOnlyFile(t, dir, "articles.json")

	// With no dataset there is nothing to be unique in: the plain slug.
	stdout.Reset()
	if err := dispatch([]string{"import", "-data", filepath.Join(dir, "none.json"), "-o", "-", seedStory}, &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), `"slug": "us-sec-def-to-pm-barzani-there-is-a-special-relationship",`) {
		t.Errorf("entry:\n%s", stdout.String())
	}
}

// TestImportRefuses feeds the command what it must refuse; the dataset is
// left byte for byte as it was, with no temporary file beside it.
func TestImportRefuses(t *testing.T) {
	stories := map[string]string{
		"empty.txt":   "",
		"blank.txt":   "\n \u00a0\n",
		"binary.txt":  "Headline\n\x00\x01\x02\x03",
		"latin1.txt":  "Headline\nCaf\xe9.",
		"only.txt":    "Headline only\n",
		"control.txt": "Headline\nA \x1b[31m red word.",
	}
	tests := []struct {
		scenario string
		args     []string // before the dataset flag; the story is last
		story    string
		dataFile string // replaces the dataset when set
		words    string
	}{
		{"empty story", nil, "empty.txt", "", "the story is empty"},
		{"blank story", nil, "blank.txt", "", "the story is empty"},
		{"binary story", nil, "binary.txt", "", "NUL byte"},
		{"non-UTF-8 story", nil, "latin1.txt", "", "not UTF-8"},
		{"headline only", nil, "only.txt", "", "no paragraph"},
		{"control characters", nil, "control.txt", "", "control character U+001B"},
		{"missing story", nil, "none.txt", "", "no such file"},
		{"broken dataset", nil, seedStory, "{\"articles\": [\n  {\"slug\": \"a\"}\n]}\n", `missing field "headline"`},
		{"not a dataset", nil, seedStory, "{\"stories\": []}\n", `unknown field "stories"`},
		{"dataset with a syntax error", nil, seedStory, "{\"articles\": [}\n", "syntax error"},
		{"-o to a file", []string{"-o", "out.json"}, seedStory, "", "-o takes only -"},
		{"two stories", []string{seedStory}, seedStory, "", "one story file"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			dir, dataFile, original := importFixture(t)
			if tt.dataFile != "" {
				original = []byte(tt.dataFile)
				if err := os.WriteFile(dataFile, original, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			story := tt.story
			if text, ok := stories[story]; ok {
				story = filepath.Join(dir, story)
				if err := os.WriteFile(story, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if story == "none.txt" {
				story = filepath.Join(dir, story)
			}
			args := append([]string{"import", "-data", dataFile}, tt.args...)
			var stdout bytes.Buffer
			err := dispatch(append(args, story), &stdout, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.words) {
				t.Fatalf("error %v, want one holding %q", err, tt.words)
			}
			if stdout.Len() > 0 {
				t.Errorf("printed %q", stdout.String())
			}
			assertUnchanged(t, dataFile, original)
			files, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if strings.HasSuffix(f.Name(), ".tmp") {
					t.Errorf("left %s behind", f.Name())
				}
			}
		})
	}
}

func assertUnchanged(t *testing.T, name string, original []byte) {
	t.Helper()
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, original) {
		t.Errorf("%s changed", name)
	}
}

func assertOnlyFile(t *testing.T, dir, name string) {
	t.Helper()
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name() != name {
		var names []string
		for _, f := range files {
			names = append(names, f.Name())
		}
		t.Errorf("%s holds %q, want only %s", dir, names, name)
	}
}

// TestBinaryRefusesToServeBrokenDatasets starts the real host on broken
// datasets: it must stop at once, naming the place, never serving.
func TestBinaryRefusesToServeBrokenDatasets(t *testing.T) {
	bin := os.Getenv("DATELINE_BIN")
	if bin == "" {
		t.Fatal("DATELINE_BIN is not set: run make test, which builds bin/dateline and sets it")
	}
	pick := map[string]bool{
		"syntax-missing-comma.json": true,
		"duplicate-slug.json":       true,
		"javascript-url.json":       true,
		"invalid-utf8.json":         true,
		"missing-slug.json":         true,
		"dangling-related.json":     true,
	}
	ran := 0
	for _, b := range readBroken(t) {
		if !pick[filepath.Base(b.file)] {
			continue
		}
		ran++
		t.Run(filepath.Base(b.file), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-data", b.file)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			out := stdout.String() + stderr.String()
			if strings.Contains(out, "serving") {
				t.Fatalf("the host started serving a broken dataset:\n%s", out)
			}
			if ctx.Err() != nil {
				t.Fatalf("the host did not stop within 20 s:\n%s", out)
			}
			if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() == 0 {
				t.Fatalf("exit: %v, want a non-zero status", err)
			}
			place, _, _ := strings.Cut(b.place, ": ") // FILE:LINE:COL
			if !strings.Contains(stderr.String(), place+":") {
				t.Errorf("stderr does not name %s:\n%s", place, stderr.String())
			}
		})
	}
	if ran != len(pick) {
		t.Errorf("ran %d of %d cases: a file was renamed?", ran, len(pick))
	}

	// The validate command of the same binary.
	cmd := exec.Command(bin, "validate", filepath.Join(brokenDir, "duplicate-slug.json"))
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 1 {
		t.Errorf("validate exit: %v, want status 1", err)
	}
	if !strings.Contains(string(out), "duplicate-slug.json:11:15: /articles/1/slug: ") {
		t.Errorf("validate printed:\n%s", out)
	}
}

// folderFixture is a folder dataset: a site file and two article files, one
// of them in a subfolder.
func folderFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site.json":        `{"site": {"name": "Synthetic Folder Times"}}` + "\n",
		"2024/first.json":  `{"articles": [{"slug": "first", "headline": "Synthetic first", "published": "2024-01-02", "body": [{"type": "paragraph", "text": "One."}]}]}` + "\n",
		"2024/second.json": `{"articles": [{"slug": "second", "headline": "Synthetic second", "body": [{"type": "paragraph", "text": "Two."}]}]}` + "\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			files[p] = "-> " + target
			return err
		}
		b, err := os.ReadFile(p)
		files[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestValidateFolder(t *testing.T) {
	dir := folderFixture(t)
	var stdout bytes.Buffer
	if err := dispatch([]string{"validate", dir}, &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	if want := dir + ": ok, 2 articles\n"; stdout.String() != want {
		t.Errorf("printed %q, want %q", stdout.String(), want)
	}
	bad := filepath.Join(dir, "2024", "second.json")
	if err := os.WriteFile(bad, []byte("{\"articles\": [\n  {\"slug\": \"second\", \"headline\": \"x\", \"colour\": 1, \"body\": [{\"type\": \"paragraph\", \"text\": \"y\"}]}\n]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := dispatch([]string{"validate", dir}, &stdout, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "\n"+bad+`:2:39: /articles/0/colour: article 0 ("second"): unknown field "colour"`) {
		t.Errorf("validate of a folder with a bad file: %v", err)
	}
}

// TestImportIntoFolder checks that import writes the story as a file of
// its own and leaves every other file as it was.
func TestImportIntoFolder(t *testing.T) {
	dir := folderFixture(t)
	before := snapshot(t, dir)
	var stdout bytes.Buffer
	if err := dispatch([]string{"import", "-data", dir, seedStory}, &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	const slug = "us-sec-def-to-pm-barzani-there-is-a-special-relationship"
	added := filepath.Join(dir, slug+".json")
	if want := dir + `: added "` + slug + `" in ` + added + "; the dataset has 3 articles\n"; stdout.String() != want {
		t.Errorf("printed %q, want %q", stdout.String(), want)
	}
	after := snapshot(t, dir)
	for name, content := range before {
		if after[name] != content {
			t.Errorf("%s changed", name)
		}
	}
	if len(after) != len(before)+1 || after[added] == "" {
		t.Fatalf("files after import: %d, want the %d there were and %s", len(after), len(before), added)
	}
	arc, err := dataset.Load(dir, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !arc.Has(slug) || arc.Len() != 3 {
		t.Errorf("the folder has %d articles after import", arc.Len())
	}

	// A second import is refused; a copy asked for gets a slug and a file
	// of its own.
	if err := dispatch([]string{"import", "-data", dir, seedStory}, &stdout, io.Discard); err == nil {
		t.Error("a second import of the same story was accepted")
	}
	stdout.Reset()
	if err := dispatch([]string{"import", "-data", dir, "-copy", seedStory}, &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, slug+"-2.json")); err != nil {
		t.Errorf("second import: %v (printed %q)", err, stdout.String())
	}

	// A folder with a problem is refused, and nothing is written.
	if err := os.WriteFile(filepath.Join(dir, "2024", "second.json"), []byte(`{"articles": [{"slug": "first", "headline": "x", "body": [{"type": "paragraph", "text": "y"}]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	before = snapshot(t, dir)
	err = dispatch([]string{"import", "-data", dir, seedStory}, &stdout, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "must be valid before") || !strings.Contains(err.Error(), "already used") {
		t.Errorf("import into a broken folder: %v", err)
	}
	if after := snapshot(t, dir); len(after) != len(before) {
		t.Errorf("a file was written into a broken folder")
	}
}

// TestImportFileNameTaken: in a folder, the file a story's slug names may
// hold other articles. The story then gets the next slug, and its own
// file; a slug is an address for good, so the change is said, with why.
func TestImportFileNameTaken(t *testing.T) {
	dir := folderFixture(t)
	const slug = "us-sec-def-to-pm-barzani-there-is-a-special-relationship"
	other := filepath.Join(dir, slug+".json")
	if err := os.WriteFile(other, []byte(`{"articles": [{"slug": "synthetic-other", "headline": "Synthetic other", "body": [{"type": "paragraph", "text": "Other."}]}]}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := dispatch([]string{"import", "-data", dir, seedStory}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	added := filepath.Join(dir, slug+"-2.json")
	if want := dir + `: added "` + slug + `-2" in ` + added + "; the dataset has 4 articles\n"; stdout.String() != want {
		t.Errorf("printed %q, want %q", stdout.String(), want)
	}
	if want := "slug: " + slug + "-2 (" + other + " holds other articles)"; !strings.Contains(stderr.String(), want) {
		t.Errorf("the notes do not say why the slug is not the headline's, %q:\n%s", want, stderr.String())
	}
}

// TestImportInAnyLanguage imports synthetic Sorani, Arabic and English
// stories into a folder: the language is told from the letters (and said),
// or taken from -lang; the slug is transliterated, or taken from -slug.
func TestImportInAnyLanguage(t *testing.T) {
	const stories = "app/importer/testdata/stories/"
	for _, tt := range []struct {
		scenario string
		args     []string
		story    string
		lang     string
		note     string // in the notes
		slug     string // "" for any transliterated slug
	}{
		{"Sorani, detected", nil, "synthetic-ckb.txt", "ckb", "language: ckb (detected: Sorani letters", ""},
		{"Arabic, detected", nil, "synthetic-ar.txt", "ar", "language: ar (detected: ", ""},
		{"Sorani, given, with a slug", []string{"-lang", "ckb", "-slug", "synthetic-given-slug"}, "synthetic-ckb.txt", "ckb", "language: ckb (given)", "synthetic-given-slug"},
		{"English with Turkish-looking names", nil, "synthetic-en-names.txt", "en", "language: en (detected: ", ""},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			dir := folderFixture(t)
			var stdout, stderr bytes.Buffer
			args := append(append([]string{"import", "-data", dir}, tt.args...), stories+tt.story)
			if err := dispatch(args, &stdout, &stderr); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(stderr.String(), tt.note) {
				t.Errorf("notes lack %q:\n%s", tt.note, stderr.String())
			}
			arc, err := dataset.Load(dir, dataset.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var added *article.Article
			arc.Slugs(func(slug string) {
				if slug != "first" && slug != "second" {
					added, _, err = arc.Article(slug)
				}
			})
			if err != nil || added == nil {
				t.Fatalf("the story is not in the folder: %v", err)
			}
			if added.Language() != tt.lang || added.Slug == "article" || (tt.slug != "" && added.Slug != tt.slug) {
				t.Errorf("added %q in %q, want language %q and slug %q", added.Slug, added.Language(), tt.lang, tt.slug)
			}
			if tt.lang != "en" && (added.Dateline == nil || added.Dateline.Place == "" || strings.Contains(added.Body[0].Text, "–")) {
				t.Errorf("the dateline stayed in the first paragraph: %+v %q", added.Dateline, added.Body[0].Text)
			}
		})
	}
}

// TestExportRefusesDatasetFolder checks that export refuses, before it
// writes anything, a folder inside the dataset folder (the export's JSON
// files would be read as the dataset's) or one that holds the dataset,
// however the paths name them.
func TestExportRefusesDatasetFolder(t *testing.T) {
	dir := folderFixture(t)
	outside := t.TempDir()
	alias := filepath.Join(outside, "alias")
	if err := os.Symlink(filepath.Join(dir, "2024"), alias); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(outside, "articles.json")
	if err := os.WriteFile(file, defaultDataset, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		scenario     string
		data, target string
		want         string
	}{
		{"a new folder inside the dataset folder", dir, filepath.Join(dir, "public"), "is inside the dataset folder"},
		{"a folder of the dataset", dir, filepath.Join(dir, "2024"), "is inside the dataset folder"},
		{"inside, through a symbolic link", dir, filepath.Join(alias, "public"), "is inside the dataset folder"},
		{"inside, by a relative path", dir, filepath.Join(dir, "..", filepath.Base(dir), "public"), "is inside the dataset folder"},
		{"the dataset folder itself", dir, dir, "is the dataset"},
		{"a folder that holds the dataset folder", dir, filepath.Dir(dir), "holds the dataset"},
		{"a folder that holds the dataset file", file, outside, "holds the dataset"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			before := snapshot(t, dir)
			var stdout bytes.Buffer
			err := dispatch([]string{"export", "-data", tt.data, tt.target}, &stdout, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "choose") {
				t.Errorf("error %v, want one saying the folder %s, and to choose another", err, tt.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the export wrote into the dataset folder: %v", err)
			}
			if after := snapshot(t, dir); !maps.Equal(after, before) {
				t.Errorf("the dataset folder changed: %d files, were %d", len(after), len(before))
			}
		})
	}
	var stdout bytes.Buffer
	if err := dispatch([]string{"validate", dir}, &stdout, io.Discard); err != nil {
		t.Errorf("the dataset no longer validates: %v", err)
	}
	// A folder beside it, whose name begins with the dataset folder's.
	beside := dir + "-public"
	if err := dispatch([]string{"export", "-data", dir, beside}, &stdout, io.Discard); err != nil {
		t.Errorf("exporting beside the dataset folder: %v", err)
	}
}

// TestExportNotesNoSiteURL: an export of a dataset without the site's
// address says what the site then lacks; one with it says nothing of it.
func TestExportNotesNoSiteURL(t *testing.T) {
	for _, tt := range []struct {
		scenario, site string
		note           bool
	}{
		{"no site", "", true},
		{"a site without url", `"site": {"name": "Synthetic Desk"},`, true},
		{"a site with url", `"site": {"name": "Synthetic Desk", "url": "https://news.example"},`, false},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			dir := t.TempDir()
			data := filepath.Join(dir, "articles.json")
			ds := `{` + tt.site + `"articles": [{"slug": "synthetic-one", "headline": "A synthetic story", "body": [{"type": "paragraph", "text": "Invented text."}]}]}`
			if err := os.WriteFile(data, []byte(ds), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout bytes.Buffer
			if err := dispatch([]string{"export", "-data", data, filepath.Join(dir, "public")}, &stdout, io.Discard); err != nil {
				t.Fatalf("export: %v", err)
			}
			if got := strings.Contains(stdout.String(), "no sitemap.xml"); got != tt.note {
				t.Errorf("the note on the missing site url: %v, want %v; export said:\n%s", got, tt.note, stdout.String())
			}
			_, err := os.Stat(filepath.Join(dir, "public", "sitemap.xml"))
			if exists := err == nil; exists == tt.note {
				t.Errorf("sitemap.xml written: %v, with the note %v", exists, tt.note)
			}
		})
	}
}

// TestExportSaysWarnings exports a dataset with a fault that warns (a
// picture at an http address, which the pages' Content-Security-Policy
// does not load): the export goes out, and says so in the fault's place,
// as validate does.
func TestExportSaysWarnings(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "articles.json")
	ds := "{\"articles\": [{\"slug\": \"synthetic-one\", \"headline\": \"A synthetic story\",\n" +
		"\"figures\": [{\"image\": {\"src\": \"http://photos.example/one.jpg\", \"alt\": \"A synthetic photo\", \"width\": 800, \"height\": 600}}],\n" +
		"\"body\": [{\"type\": \"paragraph\", \"text\": \"Invented text.\"}]}]}"
	if err := os.WriteFile(data, []byte(ds), 0o644); err != nil {
		t.Fatal(err)
	}
	var validated bytes.Buffer
	if err := dispatch([]string{"validate", data}, &validated, io.Discard); err != nil {
		t.Fatalf("validate: %v", err)
	}
	var want string
	for _, line := range strings.Split(validated.String(), "\n") {
		if strings.HasPrefix(line, "warning: ") && strings.Contains(line, "http address") {
			want = line
		}
	}
	if want == "" {
		t.Fatalf("validate gave no warning of the http picture; the test's dataset no longer warns:\n%s", validated.String())
	}
	var stdout bytes.Buffer
	if err := dispatch([]string{"export", "-data", data, filepath.Join(dir, "public")}, &stdout, io.Discard); err != nil {
		t.Fatalf("export: %v", err)
	}
	if !strings.Contains(stdout.String(), want+"\n") {
		t.Errorf("export did not say the warning %q; it said:\n%s", want, stdout.String())
	}
	if !strings.Contains(stdout.String(), "exported 1 article") {
		t.Errorf("export with a warning did not export; it said:\n%s", stdout.String())
	}
}

// TestExportRefusesLinkedFolder checks that export refuses, before it
// writes anything, a folder that the dataset reads through one of its
// links, a folder inside one, or one that holds what a link leads to, and
// names the link. An export into such a folder once wrote its data/*.json
// where the next reading of the dataset took them for articles.
func TestExportRefusesLinkedFolder(t *testing.T) {
	tests := []struct {
		scenario string
		// link is where the dataset's link "more" leads, and target
		// where the site is exported, both in a folder of their own
		// (which, when it is the target, holds an earlier export).
		link, target string
		file         bool // the link is to a file, more.json
		want         string
	}{
		{"the folder a link leads to", "out", "out", false, "is a folder that the dataset"},
		{"a new folder inside the folder a link leads to", ".", "public", false, "is inside the folder"},
		{"a folder inside, through a link that leads to a link", "alias", "public", false, "is inside the folder"},
		{"a folder that holds a linked folder", "stories", ".", false, "holds"},
		{"a folder that holds a linked file", "stories/more.json", ".", true, "holds"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			data := folderFixture(t)
			other := t.TempDir()
			if tt.target == "." {
				// An earlier export, which the next one updates.
				if err := dispatch([]string{"export", "-data", data, other}, io.Discard, io.Discard); err != nil {
					t.Fatal(err)
				}
			}
			for _, d := range []string{"out", "stories"} {
				if err := os.Mkdir(filepath.Join(other, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			more := `{"articles": [{"slug": "more", "headline": "Synthetic more", "body": [{"type": "paragraph", "text": "More."}]}]}`
			if err := os.WriteFile(filepath.Join(other, "stories", "more.json"), []byte(more), 0o644); err != nil {
				t.Fatal(err)
			}
			to := filepath.Join(other, tt.link)
			if tt.link == "alias" {
				// A link elsewhere to the folder: one inside it
				// would be a loop of the dataset's.
				to = filepath.Join(t.TempDir(), "alias")
				if err := os.Symlink(other, to); err != nil {
					t.Fatal(err)
				}
			}
			name := "more"
			if tt.file {
				name = "more.json"
			}
			linkPath := filepath.Join(data, "2024", name)
			if err := os.Symlink(to, linkPath); err != nil {
				t.Fatal(err)
			}
			target := filepath.Join(other, tt.target)
			before, otherBefore := snapshot(t, data), snapshot(t, other)
			err := dispatch([]string{"export", "-data", data, target}, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "link "+linkPath) || !strings.Contains(err.Error(), "choose") {
				t.Errorf("error %v, want one saying the folder %s, naming the link %s, and to choose another", err, tt.want, linkPath)
			}
			if after := snapshot(t, data); !maps.Equal(after, before) {
				t.Errorf("the dataset folder changed: %d files, were %d", len(after), len(before))
			}
			if after := snapshot(t, other); !maps.Equal(after, otherBefore) {
				t.Errorf("the linked folder changed: %d files, were %d", len(after), len(otherBefore))
			}
			if err := dispatch([]string{"validate", data}, io.Discard, io.Discard); err != nil {
				t.Errorf("the dataset no longer validates: %v", err)
			}
		})
	}

	// A folder beside the one a link leads to is no part of the dataset.
	data := folderFixture(t)
	other := t.TempDir()
	if err := os.Mkdir(filepath.Join(other, "stories"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(other, "stories"), filepath.Join(data, "more")); err != nil {
		t.Fatal(err)
	}
	if err := dispatch([]string{"export", "-data", data, filepath.Join(other, "stories-public")}, io.Discard, io.Discard); err != nil {
		t.Errorf("exporting beside a linked folder: %v", err)
	}
}

// TestExportStopsOnSignal interrupts the export of a synthetic archive
// into a new folder: the command stops, says that nothing was written,
// exits with status 130, as an interrupted command does, and leaves neither the folder nor its staging
// files.
func TestExportStopsOnSignal(t *testing.T) {
	bin := hostBinary(t)
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`{"site": {"name": "Synthetic Signal Times"}, "articles": [`)
	for i := range 1500 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"slug": "synthetic-%d", "headline": "Synthetic story %d", "section": "Section %d", "tags": ["Tag %d"], "body": [{"type": "paragraph", "text": "Synthetic placeholder text of story %d."}]}`,
			i, i, i%8, i%40, i)
	}
	b.WriteString("]}\n")
	data := filepath.Join(dir, "synthetic.json")
	if err := os.WriteFile(data, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "site")
	cmd := exec.Command(bin, "export", "-data", data, target)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	waited := false
	t.Cleanup(func() {
		if !waited {
			cmd.Process.Kill()
			<-exited
		}
	})

	// Once it writes the site's files, Ctrl-C.
	staging := filepath.Join(target, ".dateline-staging")
	deadline := time.Now().Add(60 * time.Second)
	for {
		if entries, err := os.ReadDir(staging); err == nil && len(entries) > 0 {
			break
		}
		select {
		case err := <-exited:
			waited = true
			t.Fatalf("the export ended (%v) before it could be interrupted: the dataset should be larger; stderr:\n%s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no file was written within a minute; stderr:\n%s", stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	var err error
	select {
	case err = <-exited:
		waited = true
	case <-time.After(20 * time.Second):
		t.Fatalf("the export still runs 20 s after Ctrl-C; stderr:\n%s", stderr.String())
	}
	var exit *exec.ExitError
	// 128 and SIGINT's number, as a shell reports a process Ctrl-C ended.
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Errorf("exit: %v, want status 130", err)
	}
	if want := "dateline: export interrupted: nothing was written (" + target + " does not exist)\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
	if stdout.Len() > 0 {
		t.Errorf("stdout %q, want nothing", stdout.String())
	}
	if _, err := os.Stat(target); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the interrupted export left its folder: %v", err)
	}
}

// TestImportGivenSlug checks that a slug given with -slug is the one the
// story gets: one the dataset holds is refused (it was renamed, with a
// note), and one whose file name a folder holds keeps the slug in a file
// of another name.
func TestImportGivenSlug(t *testing.T) {
	dir := folderFixture(t)
	before := snapshot(t, dir)
	err := dispatch([]string{"import", "-data", dir, "-slug", "first", seedStory}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), `the slug "first" given with -slug is taken`) {
		t.Errorf("a taken slug given: %v, want it refused", err)
	}
	if after := snapshot(t, dir); !maps.Equal(after, before) {
		t.Error("a refused import changed the folder")
	}
	// site.json holds no article: its name is free as a slug.
	var stdout bytes.Buffer
	if err := dispatch([]string{"import", "-data", dir, "-slug", "site", seedStory}, &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	arc, err := dataset.Load(dir, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !arc.Has("site") {
		t.Errorf("the story's slug is not the one given (printed %q)", stdout.String())
	}
	if after := snapshot(t, dir); after[filepath.Join(dir, "site.json")] != before[filepath.Join(dir, "site.json")] || after[filepath.Join(dir, "site-2.json")] == "" {
		t.Errorf("the story is not in a file of its own beside site.json (printed %q)", stdout.String())
	}
}
