//go:build !(js && wasm)

package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"dateline/app/article"
	"dateline/app/schema"
)

// datasetSchema is articles.schema.json, the dataset format that editors,
// `dateline validate` and the host all check against.
//
//go:embed articles.schema.json
var datasetSchema []byte

// datasetValidator compiles the schema once, on first use.
var datasetValidator = sync.OnceValues(func() (*schema.Validator, error) {
	return schema.New(datasetSchema)
})

// loadDataset checks a dataset against the schema and the model and
// returns it. On failure the error lists every problem, one a line, as
// FILE:LINE:COL: POINTER: message (hint).
func loadDataset(name string, data []byte) (*article.Dataset, error) {
	v, err := datasetValidator()
	if err != nil {
		return nil, err
	}
	ds, err := v.Check(name, data)
	var ae *article.Error
	if errors.As(err, &ae) {
		return nil, &datasetError{ae}
	}
	if err != nil {
		return nil, fmt.Errorf("checking dataset %s: %w", name, err)
	}
	return ds, nil
}

// datasetError lists a dataset's problems in the form editors and CI logs
// link to a place in a file.
type datasetError struct{ err *article.Error }

func (e *datasetError) Error() string {
	var b strings.Builder
	n := len(e.err.Problems)
	fmt.Fprintf(&b, "%s: %d %s", e.err.File, n, plural(n, "problem", "problems"))
	for _, p := range e.err.Problems {
		b.WriteString("\n" + problemLine(e.err.File, p))
	}
	return b.String()
}

func (e *datasetError) Unwrap() error { return e.err }

// problemLine formats one problem as FILE:LINE:COL: POINTER: message (hint);
// the pointer is left out for the file as a whole.
func problemLine(file string, p article.Problem) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: ", file, p.Line, p.Column)
	if p.Pointer != "" {
		b.WriteString(p.Pointer + ": ")
	}
	b.WriteString(p.Message)
	if p.Hint != "" {
		b.WriteString(" (" + p.Hint + ")")
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// validate checks a dataset file and lists every problem at once.
func validate(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	maxSize := fs.Int64("max-size", defaultMaxDataset, "largest dataset accepted, in `BYTES`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return fmt.Errorf("validate: one dataset file at a time, got %d", fs.NArg())
	}
	name := "articles.json"
	if fs.NArg() == 1 {
		name = fs.Arg(0)
	}
	data, err := readDataset(name, *maxSize)
	if err != nil {
		return err
	}
	ds, err := loadDataset(name, data)
	if err != nil {
		return err
	}
	n := len(ds.Articles)
	if _, err := fmt.Fprintf(stdout, "%s: ok, %d %s\n", name, n, plural(n, "article", "articles")); err != nil {
		return fmt.Errorf("validate: writing the result: %w", err)
	}
	return nil
}

// readDataset reads a dataset file, refusing one larger than max bytes
// before reading it.
func readDataset(name string, max int64) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("reading dataset: %w", err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a dataset file", name)
	}
	if fi.Mode().IsRegular() && fi.Size() > max {
		return nil, fmt.Errorf("%s: the file is %s, larger than the %s limit: a dataset this big is most likely the wrong file (raise -max-size if it is meant to be)",
			name, byteSize(fi.Size()), byteSize(max))
	}
	return readLimited(name, max)
}

// byteSize writes a size for people: 64 MB, 1.5 kB, 12 bytes.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<20))) + " MB"
	case n >= 1<<10:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<10))) + " kB"
	}
	return fmt.Sprintf("%d bytes", n)
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }
