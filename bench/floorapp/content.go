//go:build contentfloor

package main

import (
	"encoding/base64"
	"log"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// contentB64 is set at build time (-ldflags -X, base64 so that the markup
// survives the flag's quoting): the element a page of Dateline's draws,
// its prerendered <div class="app">, as the host served it.
var contentB64 string

// Built with -tags contentfloor, the empty app shows that markup with
// Dateline's style sheet and nothing else of Dateline's: no data, no
// components, no reader.js. It is go-app's floor for a real page: go-app
// prerenders it, and its first render replaces it with the same markup
// (app.Raw), so the browser lays the page out twice, as it does for
// Dateline. Decoding the base64 (some 20 kB) costs the start a few
// microseconds and a small function.
func init() {
	b, err := base64.StdEncoding.DecodeString(contentB64)
	if err != nil {
		log.Fatalf("floorapp: the content: %v", err)
	}
	markup := string(b)
	styles = []string{"/web/dateline.css"}
	body = func() app.UI { return app.Raw(markup) }
}
