package wasmfile

import (
	"slices"
	"testing"
)

// module is a hand-made binary: one imported function, two of its own
// (bodies of 2 and 4 bytes), and a name section naming the two.
var module = []byte{
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
	0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type: () -> ()
	0x02, 0x07, 0x01, 0x01, 'm', 0x01, 'f', 0x00, 0x00, // import m.f, a function
	0x03, 0x03, 0x02, 0x00, 0x00, // two functions of type 0
	0x0a, 0x09, 0x02, 0x02, 0x00, 0x0b, 0x04, 0x00, 0x01, 0x01, 0x0b, // code
	0x00, 0x12, 0x04, 'n', 'a', 'm', 'e', // custom "name"
	0x01, 0x0b, 0x02, 0x01, 0x03, 'a', '.', 'F', 0x02, 0x03, 'b', '.', 'G', // function names
}

func TestParse(t *testing.T) {
	m, err := Parse(module)
	if err != nil {
		t.Fatal(err)
	}
	if m.Total != len(module) || m.Imports != 1 || !slices.Equal(m.Code, []int{2, 4}) {
		t.Errorf("total %d, imports %d, code %v; want %d, 1, [2 4]", m.Total, m.Imports, m.Code, len(module))
	}
	if m.Sections["code"] != 9 || m.Sections["custom name"] != 18 || m.Sections["import"] != 7 {
		t.Errorf("sections %v", m.Sections)
	}
	for i, want := range []struct {
		name string
		size int
	}{{"func0", 0}, {"a.F", 2}, {"b.G", 4}, {"func3", 0}} {
		if m.Name(i) != want.name || m.Size(i) != want.size {
			t.Errorf("function %d: %q, %d bytes; want %q, %d", i, m.Name(i), m.Size(i), want.name, want.size)
		}
	}
	// A function's body longer than its code section says.
	long := slices.Clone(module)
	long[34] = 0x05
	for _, bad := range [][]byte{nil, []byte("\x7fELF\x02\x01\x01\x00"), module[:len(module)-3], module[:31], long} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(% x) accepted a broken binary", bad)
		}
	}
}
