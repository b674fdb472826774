// Command precompress writes FILE.br and FILE.gz beside each FILE, at the
// highest compression levels, so that the host serves them without
// compressing on the fly.
//
//	go run ./tools/precompress web/app.wasm
package main

import (
	"compress/gzip"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

func main() {
	log.SetFlags(0)
	for _, name := range os.Args[1:] {
		if err := compress(name); err != nil {
			log.Fatal(err)
		}
	}
}

func compress(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	if err := write(name+".br", data, func(w io.Writer) (io.WriteCloser, error) {
		return brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24}), nil
	}); err != nil {
		return err
	}
	return write(name+".gz", data, func(w io.Writer) (io.WriteCloser, error) {
		return gzip.NewWriterLevel(w, gzip.BestCompression)
	})
}

// write compresses data into name through a temporary file beside it (so
// that the rename stays on one file system, and an interrupted run leaves
// nothing in the working directory), renamed into place only when
// complete, so a failure never leaves a truncated file.
func write(name string, data []byte, newWriter func(io.Writer) (io.WriteCloser, error)) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return fmt.Errorf("creating temporary file for %s: %w", name, err)
	}
	defer os.Remove(tmp.Name())
	zw, err := newWriter(tmp)
	if err != nil {
		tmp.Close()
		return fmt.Errorf("compressing %s: %w", name, err)
	}
	if _, err := zw.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("compressing %s: %w", name, err)
	}
	if err := zw.Close(); err != nil {
		tmp.Close()
		return fmt.Errorf("compressing %s: %w", name, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	info, err := os.Stat(name)
	if err != nil {
		return fmt.Errorf("checking %s: %w", name, err)
	}
	fmt.Printf("%s: %d bytes (from %d)\n", name, info.Size(), len(data))
	return nil
}
