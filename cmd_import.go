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
	"dateline/app/importer"
)

// importStory adds a plain-text story to a dataset file, or prints it as a
// dataset entry with -o -. Nothing is written unless the whole dataset,
// the story included, passes validation.
func importStory(args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("import", flag.ContinueOnError)
	dataFile := flags.String("data", "articles.json", "dataset `FILE` to add the story to")
	out := flags.String("o", "", "write the entry to standard output (-o -) instead of adding it to the dataset")
	maxSize := flags.Int64("max-size", defaultMaxDataset, "largest dataset accepted, in `BYTES`")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() != 1 {
		return errors.New("import: give one story file: dateline import [-data FILE] [-o -] STORY.txt")
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

	data, err := readDataset(*dataFile, *maxSize)
	missing := errors.Is(err, fs.ErrNotExist)
	switch {
	case missing && *out == "-":
		data = nil // no dataset to be unique in
	case err != nil:
		return fmt.Errorf("import: %w", err)
	}
	if data != nil {
		taken, err := importer.Slugs(data)
		if err != nil {
			return datasetFault(*dataFile, data, err)
		}
		a.Slug = importer.UniqueSlug(a.Slug, taken)
	}

	if *out == "-" {
		return printEntry(a, storyFile, stdout)
	}
	updated, err := importer.Append(data, a)
	if err != nil {
		return datasetFault(*dataFile, data, err)
	}
	ds, err := loadDataset(*dataFile, updated)
	if err != nil {
		return fmt.Errorf("import: with %s added, the dataset would not be valid; nothing was changed: %w", storyFile, err)
	}
	if err := writeAtomic(*dataFile, updated); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if _, err := fmt.Fprintf(stdout, "%s: added %q as article %d of %d\n", *dataFile, a.Slug, len(ds.Articles)-1, len(ds.Articles)); err != nil {
		return fmt.Errorf("import: the story was added, but reporting it failed: %w", err)
	}
	return nil
}

// datasetFault explains why a story could not be added to a dataset: the
// dataset's own problems when it has any, else err.
func datasetFault(name string, data []byte, err error) error {
	if _, lerr := loadDataset(name, data); lerr != nil {
		return fmt.Errorf("import: the dataset must be valid before a story is added; nothing was changed: %w", lerr)
	}
	return fmt.Errorf("import: adding the story to %s: %w; nothing was changed", name, err)
}

// printEntry writes the article as a dataset entry, after checking that it
// is one.
func printEntry(a article.Article, storyFile string, stdout io.Writer) error {
	entry, err := importer.Marshal(a, "", "  ", "\n")
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	alone := []byte(`{"articles": [` + string(entry) + "]}")
	if _, err := loadDataset(storyFile+" (as a dataset entry)", alone); err != nil {
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
			name, byteSize(fi.Size()), byteSize(importer.MaxStorySize))
	}
	text, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("import: reading the story: %w", err)
	}
	return text, nil
}

// writeAtomic replaces a file with data: written in full to a temporary
// file in the same directory, then renamed over it, so that a reader (or
// a crash) never sees half a dataset. The file keeps its permissions; a
// symbolic link keeps pointing at the file it named.
func writeAtomic(name string, data []byte) (err error) {
	target, err := filepath.EvalSymlinks(name)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	fi, err := os.Stat(target)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	closed := false
	defer func() {
		if err == nil {
			return
		}
		if !closed {
			err = errors.Join(err, tmp.Close())
		}
		err = errors.Join(err, os.Remove(tmp.Name()))
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
		return fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	closed = true
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("replacing %s: %w", name, err)
	}
	return nil
}
