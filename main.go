// Command dateline is a news-article reader. Built for the host, it
// prerenders and serves the site and holds the publisher's tools (see
// main_host.go); built for GOOS=js GOARCH=wasm, it is app.wasm, the client
// that takes over the page in the browser (see main_wasm.go).
package main

func main() { run() }
