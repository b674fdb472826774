//go:build !(js && wasm)

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

// wasmSizes is section c: app.wasm as built, and as the browser receives
// it.
func wasmSizes(ctx context.Context, cfg *config, r *report) error {
	r.printf("### c. app.wasm\n\n")
	t := newTable("Form", "Bytes", "Of raw")
	var raw float64
	for _, name := range []string{"app.wasm", "app.wasm.gz", "app.wasm.br"} {
		fi, err := os.Stat(filepath.Join(cfg.root, "web", name))
		if err != nil {
			return fmt.Errorf("%w (run make build)", err)
		}
		size := float64(fi.Size())
		if raw == 0 {
			raw = size
		}
		t.add("`web/"+name+"`", byteCount(size)+" ("+kB(size)+")", fmt.Sprintf("%.1f%%", 100*size/raw))
	}

	h, err := startHost(ctx, cfg.hostBin)
	if err != nil {
		return err
	}
	defer h.stop()
	for _, ae := range []string{"br, gzip", "gzip", ""} {
		f, err := getOK(ctx, h.url+"/web/app.wasm", ae)
		if err != nil {
			return err
		}
		enc := f.header.Get("Content-Encoding")
		if enc == "" {
			enc = "identity"
		}
		label := "no Accept-Encoding"
		if ae != "" {
			label = "Accept-Encoding: " + ae
		}
		t.add(fmt.Sprintf("Host response body, %s (Content-Encoding: %s)", label, enc),
			byteCount(float64(len(f.body))), fmt.Sprintf("%.1f%%", 100*float64(len(f.body))/raw))
	}

	b, err := newBrowser(ctx, cfg)
	if err != nil {
		return err
	}
	defer b.close()
	progress("loading %s in Chromium for app.wasm's transfer size", homePath)
	res, err := measureLoad(b.ctx, loadSpec{url: h.url + homePath, app: true})
	if err != nil {
		return err
	}
	t.add(fmt.Sprintf("Received by Chromium (Content-Encoding: %s), headers included", res.wasmEncoding),
		byteCount(res.wasmBytes), fmt.Sprintf("%.1f%%", 100*res.wasmBytes/raw))
	t.write(r)
	r.printf("Chromium's figure is `Network.loadingFinished` `encodedDataLength` for `/web/app.wasm` in a cold load of `/`: " +
		"the compressed body and the response headers. 1 kB = 1000 bytes, 1 MB = 10^6 bytes.\n\n")

	// The budget is Dateline's share over go-app's empty app (the
	// performance issue moved it there from a fixed 1.5 MB); the host
	// must send it compressed.
	if res.wasmEncoding != "br" {
		r.note("app.wasm sent as brotli", "Content-Encoding: br", res.wasmEncoding, false, "not sent as brotli")
	}
	return wasmBudget(ctx, cfg, r)
}

// wasmBudgetBytes is how much larger than go-app's empty app app.wasm may
// be, brotli-compressed: every feature shares it.
const wasmBudgetBytes = 150e3

// errOverBudget makes make bench fail, after the report is written.
var errOverBudget = errors.New("app.wasm is over its budget")

// wasmBudget compares app.wasm with go-app's empty app (bench/floorapp),
// both built with the Makefile's flags and compressed as
// tools/precompress does, and fails when Dateline's own share is over
// wasmBudgetBytes. BENCHMARKS.md keeps the ledger of what each feature
// added.
func wasmBudget(ctx context.Context, cfg *config, r *report) error {
	dir, err := os.MkdirTemp("", "dateline-floor-size-")
	if err != nil {
		return fmt.Errorf("go-app's empty app: %w", err)
	}
	defer func() {
		if err := os.RemoveAll(dir); err != nil {
			progress("warning: removing %s: %v", dir, err)
		}
	}()
	floorWasm := filepath.Join(dir, "app.wasm")
	progress("building go-app's empty app for its size")
	if err := goBuild(ctx, cfg, []string{"GOOS=js", "GOARCH=wasm"}, "-trimpath", "-ldflags=-s -w", "-o", floorWasm, "./bench/floorapp"); err != nil {
		return fmt.Errorf("building go-app's empty app: %w", err)
	}
	sizes := map[string]float64{}
	for name, path := range map[string]string{"floor": floorWasm, "app": filepath.Join(cfg.root, "web", "app.wasm")} {
		n, err := brotliSize(path)
		if err != nil {
			return err
		}
		sizes[name] = n
	}
	own := sizes["app"] - sizes["floor"]
	t := newTable("app.wasm, brotli (quality 11, window 2^24)", "Bytes")
	t.add("go-app's empty app (`bench/floorapp`)", byteCount(sizes["floor"])+" ("+kB(sizes["floor"])+")")
	t.add("Dateline", byteCount(sizes["app"])+" ("+kB(sizes["app"])+")")
	t.add("Dateline's own share", byteCount(own)+" ("+kB(own)+")")
	t.write(r)
	r.judge("app.wasm over go-app's empty app (brotli)", "≤ +150 kB", own, wasmBudgetBytes, kB)
	if own > wasmBudgetBytes {
		return fmt.Errorf("%w: %s over go-app's empty app, more than %s", errOverBudget, kB(own), kB(wasmBudgetBytes))
	}
	return nil
}

// brotliSize is the size of a file compressed as tools/precompress does.
func brotliSize(path string) (float64, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("reading %s: %w", path, err)
	}
	var n countingWriter
	w := brotli.NewWriterOptions(&n, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24})
	if _, err := w.Write(raw); err != nil {
		return 0, fmt.Errorf("compressing %s: %w", path, err)
	}
	if err := w.Close(); err != nil {
		return 0, fmt.Errorf("compressing %s: %w", path, err)
	}
	return float64(n), nil
}

// countingWriter counts the bytes written to it.
type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
