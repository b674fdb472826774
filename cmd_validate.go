//go:build !(js && wasm)

package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"dateline/app/dataset"
)

// validate checks a dataset, a file or a folder, and lists every problem
// at once.
func validate(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	maxSize := fs.Int64("max-size", dataset.DefaultMaxSize, "largest dataset file accepted, in `BYTES`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return fmt.Errorf("validate: one dataset at a time, got %d", fs.NArg())
	}
	d := dataFlags{path: "articles.json", maxSize: *maxSize, checkOnly: true}
	if fs.NArg() == 1 {
		d.path = fs.Arg(0)
	}
	arc, err := d.load()
	if err != nil {
		return err
	}
	n := arc.Len()
	var b strings.Builder
	fmt.Fprintf(&b, "%s: ok, %d %s", d.path, n, plural(n, "article", "articles"))
	if w := len(arc.Warnings); w > 0 {
		fmt.Fprintf(&b, ", %d %s", w, plural(w, "warning", "warnings"))
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

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
