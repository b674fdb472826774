package site

import (
	"strings"
	"testing"
)

func TestPatchAppJS(t *testing.T) {
	// The shape of go-app's loader around the three places.
	goApp := "let deferredPrompt = null;\n\ngoappInitServiceWorker();\ngoappWatchForUpdate();\n" +
		"let instantiateStreaming = WebAssembly.instantiateStreaming;\n" +
		"const wasm = await instantiateStreaming(\n      " + appJSPatches[0].goApp + ",\n      go.importObject\n    );"
	const wasm = "/web/app.0123456789abcdef01234567.wasm"
	got, err := patchAppJS([]byte(goApp), wasm)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range appJSPatches {
		want := strings.Replace(p.dateline, wasmRef, `"`+wasm+`"`, 1)
		if strings.Contains(string(got), p.goApp) || !strings.Contains(string(got), want) {
			t.Errorf("%s was not replaced by %s:\n%s", p.goApp, want, got)
		}
	}
	if strings.Contains(string(got), wasmRef) {
		t.Errorf("app.wasm's address was not put in:\n%s", got)
	}
	for _, fn := range []string{"function datelineFetchWasm(", "function datelineInstantiate(", "function datelineAfterStart("} {
		if !strings.Contains(string(got), fn) {
			t.Errorf("%s…) is not defined in the patched script", fn)
		}
	}

	// A go-app that no longer reads as expected stops the host: either
	// place missing, or twice.
	broken := []string{"", goApp + goApp, strings.ReplaceAll(goApp, "showProgress", "onProgress")}
	for _, p := range appJSPatches {
		broken = append(broken, strings.Replace(goApp, p.goApp, "", 1))
	}
	for _, js := range broken {
		if _, err := patchAppJS([]byte(js), wasm); err == nil || !strings.Contains(err.Error(), "was go-app upgraded?") {
			t.Errorf("patchAppJS(%.40q...) = %v, want an error about go-app's app.js", js, err)
		}
	}
}
