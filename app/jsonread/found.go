//go:build !js

package jsonread

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Found names what data holds after any white space, in the words of
// "expected an object, found ...": the kind of its value, "nothing" when
// it ends there, and for what is not JSON "text" (a letter, as in a
// plain-text file or a word without quotes), the character in quotes
// ('<' begins an HTML page), a control character by its code point, or
// "bytes that are not UTF-8".
func Found(data []byte) string {
	if k := foundKind(data); k != Invalid.String() {
		return k
	}
	data = skipSpace(data)
	r, size := utf8.DecodeRune(data)
	switch {
	case r == utf8.RuneError && size <= 1:
		return "bytes that are not UTF-8"
	case unicode.IsLetter(r):
		return "text"
	case unicode.IsControl(r) || !unicode.IsPrint(r):
		return fmt.Sprintf("the character %U", r)
	}
	return "'" + string(r) + "'"
}
