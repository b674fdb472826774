package dataset

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNameOnOneLine checks that every problem is one line whatever its
// file's name holds: a name with a line break, another control character
// or bytes that are not UTF-8 is quoted with Go's escapes (a printable one
// stays as it is), and so is the dataset's name in the count; a message or
// pointer that holds such a character has it escaped. A file
// "bad\nname.json" printed its problem on two lines, "DIR/bad" and
// "name.json:1:48: ...", which scripts reading a problem a line took for
// two.
func TestNameOnOneLine(t *testing.T) {
	dir := t.TempDir()
	names := []string{"bad\nname.json", "not-utf8-\xff.json", "odd name é$`.json", "tab\tname.json"} // in the order read
	for i, name := range names {
		data := fmt.Sprintf(`{"articles": [{"slug": "synthetic-%d", "headline": "Synthetic", "body": []}]}`, i)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatalf("writing %q: %v", name, err)
		}
	}
	_, err := Load(dir, Options{})
	text := problemsOf(t, err).Error()
	lines := strings.Split(text, "\n")
	if len(lines) != 1+len(names) {
		t.Errorf("%d lines for %d problems:\n%s", len(lines), len(names), text)
	}
	for i, want := range []string{
		`"` + dir + `/bad\nname.json":1:`,
		`"` + dir + `/not-utf8-\xff.json":1:`,
		dir + "/odd name é$`.json:1:",
		`"` + dir + `/tab\tname.json":1:`,
	} {
		if 1+i >= len(lines) || !strings.HasPrefix(lines[1+i], want) || !strings.HasSuffix(lines[1+i], "body is empty (add at least one paragraph)") {
			t.Errorf("problem %d: want one line beginning %s; all:\n%s", i, want, text)
		}
	}

	e := &Error{Name: "news\rdesk", Count: 1, Problems: []Problem{{
		File: "news\rdesk/plain.json", Line: 2, Column: 3, Pointer: "/articles/0/a\nb", Article: 0,
		Message: "the site is given in news\rdesk/other\nname.json already", Hint: "line\u2028separator",
	}}}
	want := `"news\rdesk": 1 problem` + "\n" +
		`"news\rdesk/plain.json":2:3: /articles/0/a\nb: article 0: the site is given in news\rdesk/other\nname.json already (line\u2028separator)`
	if got := e.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
}
