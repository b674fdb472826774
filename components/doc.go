// Package components draws Dateline's pages with go-app, the same on the
// host (prerendered) and in the browser (app.wasm).
//
// Elements are made with go-app's generic app.Elem and
// app.ElemSelfClosing, and their attributes set with Attr, never with its
// typed constructors (app.Div, app.A, app.Img...) and setters (Href,
// Src...): every typed element brings its own copy of each method called
// on it, and the components used some forty of them. Made generic, the
// same markup cost app.wasm 243 kB less code, 25 kB less brotli.
// TestGenericElements keeps it so.
package components
