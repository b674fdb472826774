package charset

import (
	"encoding/binary"
	"testing"
	"unicode/utf16"
)

// utf16Of writes s in UTF-16, little or big endian, after a byte order
// mark when bom is set.
func utf16Of(s string, order binary.AppendByteOrder, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xfeff}, units...)
	}
	var b []byte
	for _, u := range units {
		b = order.AppendUint16(b, u)
	}
	return b
}

// utf32Of writes s in UTF-32, as utf16Of does in UTF-16.
func utf32Of(s string, order binary.AppendByteOrder, bom bool) []byte {
	rs := []rune(s)
	if bom {
		rs = append([]rune{0xfeff}, rs...)
	}
	var b []byte
	for _, r := range rs {
		b = order.AppendUint32(b, uint32(r))
	}
	return b
}

func TestWide(t *testing.T) {
	le, be := binary.LittleEndian, binary.BigEndian
	const (
		english = "Headline\n\nERBIL (Kurdistan 24) – Words.\n"
		sorani  = "هەولێر (کوردستان ٢٤) – دەق.\r\nدەقی دووەم.\r\n"
		chinese = "中国经济增长放缓\n\n北京（新华社）一季度。\n"
		greek   = "Ελληνικά νέα σήμερα\nΚείμενο.\n"
	)
	for _, tt := range []struct {
		scenario string
		head     []byte
		want     string
	}{
		{"a JSON dataset in UTF-8", []byte(`{"articles": []}`), ""},
		{"a story in UTF-8", []byte(english), ""},
		{"a story in Arabic script, UTF-8", []byte(sorani), ""},
		{"a story in Chinese, UTF-8", []byte(chinese), ""},
		{"UTF-8 with a byte order mark", []byte("\ufeff" + english), ""},
		{"UTF-8 with a stray NUL", []byte("Headline text\x00\nWords.\n"), ""},
		{"UTF-8 with a NUL after a line break", []byte("Headline text\n\x00Words.\n"), ""},
		{"a story cut short by binary bytes", []byte("Headline\n\x00\x01\x02\x03"), ""},
		{"a binary file", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"), ""},
		{"nothing", nil, ""},

		{"UTF-16 LE with a mark, as Notepad saves Unicode", utf16Of(english, le, true), "UTF-16 (little endian, with a byte order mark)"},
		{"UTF-16 BE with a mark", utf16Of(english, be, true), "UTF-16 (big endian, with a byte order mark)"},
		{"UTF-32 LE with a mark", utf32Of(english, le, true), "UTF-32 (little endian, with a byte order mark)"},
		{"UTF-32 BE with a mark", utf32Of(english, be, true), "UTF-32 (big endian, with a byte order mark)"},
		{"a JSON dataset in UTF-16 LE, the dataset reader's four bytes", utf16Of(`{"articles"`, le, false)[:4], "UTF-16 (little endian)"},
		{"a JSON dataset in UTF-32 BE, four bytes", utf32Of(`{`, be, false), "UTF-32 (big endian)"},
		{"English in UTF-16 LE", utf16Of(english, le, false), "UTF-16 (little endian)"},
		{"English in UTF-16 BE", utf16Of(english, be, false), "UTF-16 (big endian)"},
		{"English in UTF-32 LE", utf32Of(english, le, false), "UTF-32 (little endian)"},
		{"Sorani in UTF-16 LE", utf16Of(sorani, le, false), "UTF-16 (little endian)"},
		{"Sorani in UTF-16 BE", utf16Of(sorani, be, false), "UTF-16 (big endian)"},
		{"Chinese in UTF-16 LE", utf16Of(chinese, le, false), "UTF-16 (little endian)"},
		{"Chinese in UTF-16 BE", utf16Of(chinese, be, false), "UTF-16 (big endian)"},
		{"Greek in UTF-16 LE", utf16Of(greek, le, false), "UTF-16 (little endian)"},
		{"Sorani in UTF-32 LE", utf32Of(sorani, le, false), "UTF-32 (little endian)"},
		{"Chinese in UTF-32 BE", utf32Of(chinese, be, false), "UTF-32 (big endian)"},
		{"an astral letter in UTF-16 LE", utf16Of("𝐀𝐁 headline\nWords.\n", le, false), "UTF-16 (little endian)"},
		{"Sorani in UTF-16 LE, too little to tell (no line break)", utf16Of(sorani, le, false)[:9], ""},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := Wide(tt.head); got != tt.want {
				t.Errorf("Wide(% x...) = %q, want %q", tt.head[:min(len(tt.head), 8)], got, tt.want)
			}
		})
	}
}
