// Command icons draws Dateline's app icons: an SVG and the PNG sizes the
// manifest names (192, 512 and a 512 maskable one), all from one geometry.
//
//	go run ./tools/icons web/icons
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"os"
	"path/filepath"
	"strings"
)

// shape is a rounded rectangle in a 0..1 unit square.
type shape struct {
	x, y, w, h, r float64
	fill          color.RGBA
}

var (
	red   = color.RGBA{0x8c, 0x1c, 0x13, 0xff}
	paper = color.RGBA{0xfb, 0xfa, 0xf7, 0xff}
	ink   = color.RGBA{0x22, 0x1f, 0x1c, 0xff}
	grey  = color.RGBA{0x9a, 0x93, 0x8a, 0xff}
)

// glyph is a newspaper page: a headline bar and lines of text, drawn inside
// the unit square with the given inset (larger for maskable icons, whose
// edges may be cut off).
func glyph(inset float64) []shape {
	s := 1 - 2*inset
	at := func(x, y, w, h, r float64, c color.RGBA) shape {
		return shape{inset + x*s, inset + y*s, w * s, h * s, r * s, c}
	}
	return []shape{
		at(0.18, 0.14, 0.64, 0.72, 0.05, paper),
		at(0.27, 0.24, 0.46, 0.09, 0.02, ink),
		at(0.27, 0.40, 0.46, 0.045, 0.02, grey),
		at(0.27, 0.50, 0.46, 0.045, 0.02, grey),
		at(0.27, 0.60, 0.46, 0.045, 0.02, grey),
		at(0.27, 0.70, 0.30, 0.045, 0.02, grey),
	}
}

func icon(corner, inset float64) []shape {
	return append([]shape{{0, 0, 1, 1, corner, red}}, glyph(inset)...)
}

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: icons DIR")
	}
	dir := os.Args[1]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	files := []struct {
		name   string
		size   int
		shapes []shape
	}{
		{"icon-192.png", 192, icon(0.18, 0)},
		{"icon-512.png", 512, icon(0.18, 0)},
		{"maskable-512.png", 512, icon(0, 0.12)},
	}
	for _, f := range files {
		if err := writePNG(filepath.Join(dir, f.name), f.size, f.shapes); err != nil {
			log.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "icon.svg"), []byte(svg(icon(0.18, 0))), 0o644); err != nil {
		log.Fatal(err)
	}
}

// writePNG rasterises the shapes with 4x4 supersampling for smooth edges.
func writePNG(name string, size int, shapes []shape) error {
	const ss = 4
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/ss) / float64(size)
					var c color.RGBA
					for _, s := range shapes {
						if s.contains(x, y) {
							c = s.fill
						}
					}
					r, g, b, a = r+float64(c.R), g+float64(c.G), b+float64(c.B), a+float64(c.A)
				}
			}
			n := float64(ss * ss)
			if a > 0 { // average colour over covered samples, coverage as alpha
				img.SetNRGBA(px, py, color.NRGBA{uint8(r * 255 / a), uint8(g * 255 / a), uint8(b * 255 / a), uint8(a / n)})
			}
		}
	}
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("creating %s: %w", name, err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("encoding %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

func (s shape) contains(x, y float64) bool {
	if x < s.x || y < s.y || x > s.x+s.w || y > s.y+s.h {
		return false
	}
	cx := min(max(x, s.x+s.r), s.x+s.w-s.r)
	cy := min(max(y, s.y+s.r), s.y+s.h-s.r)
	dx, dy := x-cx, y-cy
	return dx*dx+dy*dy <= s.r*s.r
}

func svg(shapes []shape) string {
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">`)
	for _, s := range shapes {
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="%.1f" fill="#%02x%02x%02x"/>`,
			s.x*512, s.y*512, s.w*512, s.h*512, s.r*512, s.fill.R, s.fill.G, s.fill.B)
	}
	b.WriteString("</svg>\n")
	return b.String()
}
