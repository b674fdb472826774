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
// dataset, the story included, passes validation.
func importStory(args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("import", flag.ContinueOnError)
	path := flags.String("data", "articles.json", "dataset `PATH` to add the story to: a file, or a folder of .json files")
	out := flags.String("o", "", "write the entry to standard output (-o -) instead of adding it to the dataset")
	maxSize := flags.Int64("max-size", dataset.DefaultMaxSize, "largest dataset file accepted, in `BYTES`")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() != 1 {
		return errors.New("import: give one story file: dateline import [-data PATH] [-o -] STORY.txt")
	}
	if *out != "" && *out != "-" {
		return fmt.Errorf("import: -o takes only - (standard output), not %q; to add the story to a dataset, use -data", *out)
	}
	storyFile := flags.Arg(0)
	text, err := readStory(storyFile)
	if err != nil {
		return err
	}
	a, err := importer.Parse(text)
	if err != nil {
		return fmt.Errorf("import: %s: %w; nothing was changed", storyFile, err)
	}

	info, statErr := os.Stat(*path)
	switch {
	case errors.Is(statErr, fs.ErrNotExist) && *out == "-":
		return printEntry(a, storyFile, stdout) // no dataset to be unique in
	case statErr != nil:
		return fmt.Errorf("import: reading the dataset: %w", statErr)
	}
	opts := dataset.Options{MaxSize: *maxSize}
	arc, err := dataset.Load(*path, opts)
	if err != nil {
		return fmt.Errorf("import: the dataset must be valid before a story is added; nothing was changed: %w", err)
	}
	a.Slug = importer.UniqueSlug(a.Slug, arc.Has)
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
		a.Slug = importer.UniqueSlug(a.Slug, taken)
		name = filepath.Join(*path, a.Slug+".json")
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
	if _, err := fmt.Fprintf(stdout, "%s: added %q in %s; the dataset has %d articles\n", *path, a.Slug, name, updated.Len()); err != nil {
		return fmt.Errorf("import: the story was added, but reporting it failed: %w", err)
	}
	return nil
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
