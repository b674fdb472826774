//go:build js

package jsonread

// Found names what data holds after any white space, in the words of
// "expected an object, found ...": the kind of its value, "nothing" when
// it ends there, and "no JSON value" for what is not JSON. The host's
// Found (found.go) also names what a file that is not JSON holds (text,
// '<' of an HTML page, a control character), for a newsroom's dataset;
// app.wasm reads only files the host wrote, and leaves that out: 5.6 kB of
// app.wasm's code.
func Found(data []byte) string { return foundKind(data) }
