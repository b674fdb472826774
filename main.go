// Command dateline is a news-article reader. Built for the host, it
// prerenders and serves the site (see main_host.go); built for
// GOOS=js GOARCH=wasm, it is app.wasm, the client that takes over the page
// in the browser (see main_wasm.go). Both register the same routes.
package main

import (
	"dateline/components"
)

func main() {
	components.Route()
	run()
}
