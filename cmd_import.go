//go:build !(js && wasm)

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"dateline/app/article"
	"dateline/app/dataset"
	"dateline/app/importer"
)

// importStory adds a plain-text story to a dataset, or prints it as a
// dataset entry with -o -. Into a dataset file, the story is appended and
// every other byte stays as it was; into a folder, it is a file of its
// own, and no other file is touched. Nothing is written unless the whole
// dataset, the story included, passes validation, and a story the dataset
// already holds is refused unless -copy asks for another. How the language
// and slug were chosen goes to stderr.
func importStory(args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("import", flag.ContinueOnError)
	path := flags.String("data", "articles.json", "dataset `PATH` to add the story to: a file, or a folder of .json files")
	out := flags.String("o", "", "write the entry to standard output (-o -) instead of adding it to the dataset")
	lang := flags.String("lang", "", "the story's language, a BCP 47 `TAG` such as en, ckb, ar, kmr or tr (default: told from its letters)")
	slug := flags.String("slug", "", "the story's `SLUG` (default: made from its headline)")
	allowCopy := flags.Bool("copy", false, "add the story even if the dataset already holds the same headline and text")
	maxSize := sizeFlag(dataset.DefaultMaxSize)
	flags.Var(&maxSize, "max-size", "largest dataset file accepted, in `BYTES` (or with a unit: 512MB, 2GB)")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if flags.NArg() != 1 {
		return usagef("import: give one story file: dateline import [-data PATH] [-lang TAG] [-slug SLUG] [-copy] [-o -] STORY.txt")
	}
	if *out != "" && *out != "-" {
		return usagef("import: -o takes only - (standard output), not %q; to add the story to a dataset, use -data", *out)
	}
	storyFile := flags.Arg(0)
	text, err := readStory(storyFile)
	if err != nil {
		return err
	}
	a, choices, err := importer.ParseWith(text, importer.Options{Lang: *lang, Slug: *slug})
	if err != nil {
		return fmt.Errorf("import: %s: %w; nothing was changed", storyFile, err)
	}
	note := func(format string, args ...any) error {
		if _, err := fmt.Fprintf(stderr, format+"\n", args...); err != nil {
			return fmt.Errorf("import: writing a note: %w", err)
		}
		return nil
	}
	how := "given"
	if choices.LangDetected {
		how = "detected: " + choices.LangReason
	} else if choices.LangReason != "given" {
		how = choices.LangReason
	}
	if err := note("language: %s (%s)", a.Language(), how); err != nil {
		return err
	}
	if err := note("slug: %s (%s)", a.Slug, choices.SlugReason); err != nil {
		return err
	}

	info, statErr := os.Stat(*path)
	switch {
	case errors.Is(statErr, fs.ErrNotExist) && *out == "-":
		return printEntry(a, storyFile, stdout) // no dataset to be unique in
	case statErr != nil:
		return fmt.Errorf("import: reading the dataset: %w", statErr)
	case info.Mode()&fs.ModeNamedPipe != 0 && *out != "-":
		// Read, the pipe's data would be gone, and the dataset with the
		// story added has nowhere to be written.
		return fmt.Errorf("import: %s is a named pipe: import adds the story by writing the dataset back, which a pipe cannot take; give the dataset's file or folder with -data, or print the entry with -o -; nothing was changed", *path)
	}
	opts := dataset.Options{MaxSize: int64(maxSize)}
	arc, err := dataset.Load(*path, opts)
	if err != nil {
		return fmt.Errorf("import: the dataset must be valid before a story is added; nothing was changed: %w", err)
	}
	switch held, err := holding(arc, a); {
	case err != nil:
		return fmt.Errorf("import: reading the dataset: %w; nothing was changed", err)
	case held != "" && !*allowCopy:
		return fmt.Errorf("import: %s: the dataset already holds this story as %q (same headline and text); nothing was changed; to add it again anyway, use -copy", storyFile, held)
	case held != "":
		if err := note("note: the dataset already holds this story as %q; adding a copy (-copy)", held); err != nil {
			return err
		}
	}
	if *slug != "" && arc.Has(a.Slug) {
		// A slug the publisher chose is an address they mean to use:
		// said, not changed.
		return fmt.Errorf("import: %s: the slug %q given with -slug is taken by an article of the dataset; nothing was changed; give another, or leave -slug out to have one made", storyFile, a.Slug)
	}
	if unique := importer.UniqueSlug(a.Slug, arc.Has); unique != a.Slug {
		if err := note("slug: %s (%q is taken)", unique, a.Slug); err != nil {
			return err
		}
		a.Slug = unique
	}
	if *out == "-" {
		return printEntry(a, storyFile, stdout)
	}

	var name string
	var data []byte
	if info.IsDir() {
		// A file of its own, named after the slug (and never over a file
		// that is there: a slug is unique, a file name may be taken by
		// a file of other articles).
		taken := func(s string) bool {
			_, err := os.Lstat(filepath.Join(*path, s+".json"))
			return err == nil || arc.Has(s)
		}
		file := importer.UniqueSlug(a.Slug, taken)
		if *slug == "" {
			a.Slug = file
		} // a slug given stays, in a file of another name
		name = filepath.Join(*path, file+".json")
		entry, err := importer.Marshal(a, "    ", "  ", "\n")
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		data = []byte("{\n  \"articles\": [\n    " + string(entry) + "\n  ]\n}\n")
	} else {
		name = *path
		current, err := os.ReadFile(name)
		if err != nil {
			return fmt.Errorf("import: reading the dataset: %w", err)
		}
		if data, err = importer.Append(current, a); err != nil {
			return fmt.Errorf("import: adding the story to %s: %w; nothing was changed", name, err)
		}
	}
	opts.Overlay = map[string][]byte{name: data}
	updated, err := dataset.Load(*path, opts)
	if err != nil {
		return fmt.Errorf("import: with %s added, the dataset would not be valid; nothing was changed: %w", storyFile, err)
	}
	if info.IsDir() {
		err = dataset.Create(name, data)
	} else {
		err = dataset.Replace(name, data)
	}
	if err != nil {
		return fmt.Errorf("import: %w; nothing was changed", err)
	}
	if _, err := fmt.Fprintf(stdout, "%s: added %q in %s; the dataset has %s\n", *path, a.Slug, name, countOf(updated.Len(), "article", "articles")); err != nil {
		return fmt.Errorf("import: the story was added, but reporting it failed: %w", err)
	}
	return nil
}

// holding returns the slug of the dataset's article with the same headline
// and text as a, if it has one. Headlines are compared first, from the
// archive's summaries in memory: only an article with the same headline
// is read from its file (100,000 read and compared took 6.5 s).
func holding(arc *dataset.Archive, a article.Article) (string, error) {
	want, head := importer.Fingerprint(a), importer.HeadlineKey(a.Headline)
	var held string
	var err error
	arc.Slugs(func(slug string) {
		if held != "" || err != nil {
			return
		}
		if s, _ := arc.Summary(slug); importer.HeadlineKey(s.Headline) != head {
			return
		}
		var other *article.Article
		if other, _, err = arc.Article(slug); err == nil && importer.Fingerprint(*other) == want {
			held = slug
		}
	})
	return held, err
}

// printEntry writes the article as a dataset entry, after checking that it
// is one.
func printEntry(a article.Article, storyFile string, stdout io.Writer) error {
	entry, err := importer.Marshal(a, "", "  ", "\n")
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	alone := []byte(`{"articles": [` + string(entry) + "]}")
	if _, err := dataset.LoadBytes(storyFile+" (as a dataset entry)", alone); err != nil {
		return fmt.Errorf("import: the story does not make a valid article: %w", err)
	}
	if _, err := fmt.Fprintf(stdout, "%s\n", entry); err != nil {
		return fmt.Errorf("import: writing the entry: %w", err)
	}
	return nil
}

// readStory reads a story file, refusing an absurdly large one unread.
func readStory(name string) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("import: reading the story: %w", err)
	}
	if fi.Mode().IsRegular() && fi.Size() > importer.MaxStorySize {
		return nil, fmt.Errorf("import: %s: the story is %s, more than %s: is it the right file? Nothing was changed",
			name, dataset.ByteSize(fi.Size()), dataset.ByteSize(importer.MaxStorySize))
	}
	text, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("import: reading the story: %w", err)
	}
	return text, nil
}
