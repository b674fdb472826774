//go:build !(js && wasm)

package main

import (
	"embed"
	"fmt"
	"io/fs"
)

// The files the host ships inside its binary, so that it runs from any
// directory: the default dataset and everything under web/ (app.wasm
// included, built first by make).
var (
	//go:embed articles.json
	defaultDataset []byte

	//go:embed web
	webFiles embed.FS
)

// Web returns the files served under /web/.
func Web() (fs.FS, error) {
	sub, err := fs.Sub(webFiles, "web")
	if err != nil {
		return nil, fmt.Errorf("opening embedded web files: %w", err)
	}
	return sub, nil
}
