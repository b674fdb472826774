//go:build !(js && wasm)

package main

import (
	"errors"
	"io"
)

// importStory adds a plain-text story to a dataset (see issue: publisher tools).
func importStory(args []string, stdout io.Writer) error {
	return errors.New("import: not implemented yet")
}
