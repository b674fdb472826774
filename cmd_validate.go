//go:build !(js && wasm)

package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"dateline/app/dataset"
)

// validate checks a dataset, a file or a folder, and lists every problem
// at once.
func validate(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	maxSize := sizeFlag(dataset.DefaultMaxSize)
	fs.Var(&maxSize, "max-size", "largest dataset file accepted, in `BYTES` (or with a unit: 512MB, 2GB)")
	d := dataFlags{path: "articles.json", checkOnly: true}
	d.registerMedia(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := refuseEmpty("validate", fs, "dataset path", "media"); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("validate: one dataset at a time, got %d: dateline validate [-media DIR] [PATH]", fs.NArg())
	}
	d.maxSize = int64(maxSize)
	if fs.NArg() == 1 {
		d.path = fs.Arg(0)
	}
	arc, media, err := d.load()
	if err != nil {
		return err
	}
	if err := closeMedia(media); err != nil {
		return err
	}
	n := arc.Len()
	var b strings.Builder
	fmt.Fprintf(&b, "%s: ok, %s", dataset.FileName(d.path), countOf(n, "article", "articles"))
	if w := len(arc.Warnings); w > 0 {
		fmt.Fprintf(&b, ", %s", countOf(w, "warning", "warnings"))
	}
	b.WriteString("\n")
	for _, w := range arc.Warnings {
		b.WriteString("warning: " + w.String() + "\n")
	}
	if _, err := io.WriteString(stdout, b.String()); err != nil {
		return fmt.Errorf("validate: writing the result: %w", err)
	}
	return nil
}

// countOf is n with its noun: "1 article", "2 articles".
func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
