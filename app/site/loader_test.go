package site

import (
	"strings"
	"testing"
)

func TestDeferLoadRefusesUnexpectedPages(t *testing.T) {
	const scripts = `<script defer src="/wasm_exec.js"></script><script src="/app.js" defer></script><script src="/web/boot.js" defer></script>`
	for _, tt := range []struct{ name, page, want string }{
		{"a script missing", `<head><script defer src="/wasm_exec.js"></script><script src="/web/boot.js" defer></script></head>`, "want"},
		{"another script", `<head>` + scripts + `<script src="/x.js"></script></head>`, "was go-app upgraded"},
		{"an inline script", `<head><script>alert(1)</script>` + scripts + `</head>`, "only loader.js may be inline"},
		{"no title", `<head>` + scripts + `</head>`, "no </title>"},
		{"no head end", `<head><title>T</title>` + scripts, "no </head>"},
		{"scripts only in the body", `<head><title>T</title></head><body>` + scripts + `</body>`, "was go-app upgraded"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deferLoad([]byte(tt.page), "/d/a.json")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("deferLoad: error %v, want one saying %q", err, tt.want)
			}
		})
	}
	page, err := deferLoad([]byte(`<head><title>T</title><link rel="stylesheet" href="/s.css">`+scripts+`</head><body></body>`), "/d/a.json")
	if err != nil {
		t.Fatal(err)
	}
	want := "<head><title>T</title>\n    " + `<script data-scripts="/wasm_exec.js /app.js /web/boot.js" data-preload="/d/a.json">` + loaderScript + `</script><link rel="stylesheet" href="/s.css"></head><body></body>`
	if string(page) != want {
		t.Errorf("deferLoad:\n%s\nwant\n%s", page, want)
	}
	for dataURL, attr := range map[string]string{"": `data-scripts="/wasm_exec.js /app.js /web/boot.js">`, "/d/a&b.json": `data-preload="/d/a&amp;b.json">`} {
		page, err := deferLoad([]byte(`<head><title>T</title>`+scripts+`</head>`), dataURL)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), attr) {
			t.Errorf("deferLoad with data URL %q: %s, want %s", dataURL, page, attr)
		}
	}
}
