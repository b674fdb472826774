// Package testfiles makes the files tests need: plainly synthetic
// pictures, and trees of files written into a test's folder. Only tests
// import it.
package testfiles

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// picture is 2 by 2 pixels of one colour.
func picture() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	for x := range 2 {
		for y := range 2 {
			img.Set(x, y, color.RGBA{R: 0x8c, G: 0x1c, B: 0x13, A: 0xff})
		}
	}
	return img
}

// PNG is a synthetic picture, 2 by 2 pixels of one colour, as PNG.
func PNG(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, picture()); err != nil {
		t.Fatalf("encoding a synthetic PNG: %v", err)
	}
	return b.Bytes()
}

// JPEG is PNG's picture as a JPEG.
func JPEG(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, picture(), nil); err != nil {
		t.Fatalf("encoding a synthetic JPEG: %v", err)
	}
	return b.Bytes()
}

// Write writes files under dir, each named by its path in slash form,
// making the folders they need.
func Write[C string | []byte](t testing.TB, dir string, files map[string]C) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
