//go:build js && wasm

package main

// serve is the server's part: app.wasm never serves.
func serve() {}
