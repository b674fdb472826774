package site

import (
	"strings"
	"testing"
)

func TestPatchAppJS(t *testing.T) {
	goApp := "const wasm = await instantiateStreaming(\n      " + goAppWasmFetch + ",\n      go.importObject\n    );"
	got, err := patchAppJS([]byte(goApp))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(got), goAppWasmFetch) || !strings.Contains(string(got), `datelineFetchWasm("/web/app.wasm", showProgress)`) {
		t.Errorf("the call was not replaced:\n%s", got)
	}
	if !strings.Contains(string(got), "function datelineFetchWasm(") {
		t.Errorf("datelineFetchWasm is not defined in the patched script")
	}

	// A go-app that no longer reads as expected stops the host.
	for _, js := range []string{"", goApp + goApp, strings.ReplaceAll(goApp, "showProgress", "onProgress")} {
		if _, err := patchAppJS([]byte(js)); err == nil || !strings.Contains(err.Error(), "was go-app upgraded?") {
			t.Errorf("patchAppJS(%.40q...) = %v, want an error about go-app's app.js", js, err)
		}
	}
}
