//go:build !(js && wasm)

package main

import (
	"flag"
	"fmt"
	"io"
)

func validate(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	var d dataFlags
	fs.Int64Var(&d.maxSize, "max-size", defaultMaxDataset, "largest dataset accepted, in `BYTES`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d.file = "articles.json"
	if fs.NArg() > 0 {
		d.file = fs.Arg(0)
	}
	ds, _, name, err := d.load()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: ok, %d articles\n", name, len(ds.Articles))
	return nil
}
