//go:build !(js && wasm)

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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

	if res.wasmEncoding == "br" {
		r.judge("app.wasm transferred (brotli)", "≤ 1.5 MB (10^6 bytes)", res.wasmBytes, 1.5e6, kB)
	} else {
		r.note("app.wasm transferred (brotli)", "≤ 1.5 MB (10^6 bytes)",
			fmt.Sprintf("%s as %s", kB(res.wasmBytes), res.wasmEncoding), false, "not sent as brotli")
	}
	return nil
}
