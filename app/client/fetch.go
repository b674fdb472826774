//go:build js && wasm

package client

import (
	"errors"
	"fmt"
	"syscall/js"

	"dateline/app/page"
)

// errNotFound is a 404 answer: the data file does not exist.
var errNotFound = errors.New("not found")

// fetch gets url with the browser's fetch and returns its body, read as
// bytes (the search index's files are binary). It uses fetch rather than
// net/http to keep app.wasm small.
func fetch(url string) ([]byte, error) {
	type result struct {
		status int
		body   []byte
		err    error
	}
	done := make(chan result, 1)
	send := func(r result) {
		select { // the first answer wins; a late one is dropped
		case done <- r:
		default:
		}
	}
	var onResponse, onBody, onError js.Func
	release := func() {
		onResponse.Release()
		onBody.Release()
		onError.Release()
	}
	status := 0
	retry := false // a Retry-After: the host's own 503, not a gateway's
	onError = js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := "fetch failed"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		send(result{err: errors.New(msg)})
		return nil
	})
	onBody = js.FuncOf(func(this js.Value, args []js.Value) any {
		send(result{status: status, body: bytesOf(args[0])})
		return nil
	})
	onResponse = js.FuncOf(func(this js.Value, args []js.Value) any {
		resp := args[0]
		status = resp.Get("status").Int()
		retry = resp.Get("headers").Call("has", "Retry-After").Bool()
		resp.Call("arrayBuffer").Call("then", onBody).Call("catch", onError)
		return nil
	})
	js.Global().Call("fetch", url).Call("then", onResponse).Call("catch", onError)
	r := <-done
	release()

	switch {
	case r.err != nil:
		// fetch rejects, or the reading of its body does, when no whole
		// answer came, neither from the network nor from the service
		// worker (offline, a data file it has not saved: app/site/worker.js
		// rethrows). Any answer, a 500 included, has a status instead.
		return nil, fmt.Errorf("fetching %s: %w: %w", url, page.ErrOffline, r.err)
	case r.status == 404:
		return nil, fmt.Errorf("fetching %s: %w", url, errNotFound)
	case r.status == 503 && retry:
		return nil, fmt.Errorf("fetching %s: %w", url, errNotReady)
	case r.status >= 502 && r.status <= 504:
		// A proxy's or a CDN's answer for a site that does not answer
		// (the service worker's too, when it has no copy): as no answer.
		return nil, fmt.Errorf("fetching %s: %w: status %d from a gateway", url, page.ErrOffline, r.status)
	case r.status != 200:
		return nil, fmt.Errorf("fetching %s: status %d", url, r.status)
	}
	return r.body, nil
}

// errNotReady is the host's 503 answer (with its Retry-After): it is still
// making the file (the search index, after a start), or a page's article
// changed on disk and the host is reading the dataset again.
var errNotReady = errors.New("not ready yet")

// bytesOf copies an ArrayBuffer into Go.
func bytesOf(buf js.Value) []byte {
	bytes := js.Global().Get("Uint8Array").New(buf)
	b := make([]byte, bytes.Length())
	js.CopyBytesToGo(b, bytes)
	return b
}
