package article

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// decodeStd is the reference: encoding/json with UseNumber.
func decodeStd(t testing.TB, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("reference decode: %v", err)
	}
	return v
}

// TestDecodeValueAgreesWithEncodingJSON checks the fast scanner against
// encoding/json on valid documents: escapes, numbers, nesting, unicode,
// white space, and every JSON file under testdata.
func TestDecodeValueAgreesWithEncodingJSON(t *testing.T) {
	docs := map[string]string{
		"escapes":    `{"a": "quote \" backslash \\ slash \/ tab \t nl \n u \u00e9 \u2028 surrogate \ud83d\ude00"}`,
		"numbers":    `[0, -1, 3.25, 1e10, -2.5E-3, 12345678901234567890]`,
		"literals":   `{"t": true, "f": false, "n": null}`,
		"empty":      `{"o": {}, "a": [], "s": ""}`,
		"nested":     `[[[[{"x": [1, {"y": [true]}]}]]]]`,
		"whitespace": " \r\n\t{ \"k\" :\n[ 1 ,\t2 ] }\n ",
		"unicode":    `{"ckb": "نموونەی تاقیکردنەوە", "fa": "نمونه‌های"}`,
	}
	files, err := filepath.Glob("../../articles.json")
	if err != nil {
		t.Fatal(err)
	}
	more, err := filepath.Glob("../schema/testdata/good/*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs[f] = string(b)
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			got, ok := DecodeValue([]byte(doc))
			if !ok {
				t.Fatalf("DecodeValue refused a valid document")
			}
			if want := decodeStd(t, []byte(doc)); !reflect.DeepEqual(got, want) {
				t.Errorf("DecodeValue = %#v\nwant %#v", got, want)
			}
		})
	}
}

// TestDecodeValueRefusesInvalid checks that invalid documents are refused,
// never half-read.
func TestDecodeValueRefusesInvalid(t *testing.T) {
	for _, doc := range []string{``, `{`, `{"a": 1,}`, `[1 2]`, `{"a": 'x'}`, `{} {}`, `"\x"`, "\"a\x01b\""} {
		if v, ok := DecodeValue([]byte(doc)); ok {
			t.Errorf("DecodeValue(%q) = %#v, want refusal", doc, v)
		}
	}
}

// TestScanTreeMatchesDecoderTree checks that the fast scanner and the
// decoder-based parser build the same tree, offsets included, so problems
// are placed the same way whichever path read the file.
func TestScanTreeMatchesDecoderTree(t *testing.T) {
	data, err := os.ReadFile("../../articles.json")
	if err != nil {
		t.Fatal(err)
	}
	fast, err := scanTree(data)
	if err != nil {
		t.Fatal(err)
	}
	p := &treeParser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	slow, err := p.value(0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Errorf("the scanner's tree differs from the decoder's")
	}
}
