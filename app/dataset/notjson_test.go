package dataset

import "testing"

// TestNotJSON checks a dataset file that is not JSON at all, read whole
// and streamed: the problem names what is there, where it begins. A saved
// error page, plain text or a stray character were all "expected an
// object, found nothing", as for an empty file.
func TestNotJSON(t *testing.T) {
	const object = `a dataset is a JSON object such as {"articles": [...]}`
	for _, c := range []struct {
		scenario, data, want string
	}{{
		scenario: "an HTML error page",
		data:     "<!doctype html><title>502 Bad Gateway</title>",
		want:     "synthetic.json:1:1: expected an object, found '<' (this looks like a web page (HTML), such as an error page saved in its place: " + object + ")",
	}, {
		scenario: "an HTML page after white space and a byte order mark",
		data:     "\xef\xbb\xbf\n  <html>",
		want:     "synthetic.json:2:3: expected an object, found '<' (this looks like a web page (HTML), such as an error page saved in its place: " + object + ")",
	}, {
		scenario: "plain text",
		data:     "hello world\n",
		want:     "synthetic.json:1:1: expected an object, found text (" + object + ")",
	}, {
		scenario: "plain text in Arabic script",
		data:     "ملف نصي",
		want:     "synthetic.json:1:1: expected an object, found text (" + object + ")",
	}, {
		scenario: "a word that begins like true",
		data:     "tomorrow",
		want:     "synthetic.json:1:1: expected an object, found text (" + object + ")",
	}, {
		scenario: "a control character",
		data:     "\x01",
		want:     "synthetic.json:1:1: expected an object, found the character U+0001 (" + object + ")",
	}, {
		scenario: "some other character",
		data:     "#!",
		want:     "synthetic.json:1:1: expected an object, found '#' (" + object + ")",
	}, {
		scenario: "JSON, but not an object",
		data:     "[1]",
		want:     "synthetic.json:1:1: expected an object, found an array (" + object + ")",
	}} {
		t.Run(c.scenario, func(t *testing.T) {
			for _, streamed := range []bool{false, true} {
				probs := loadAs(t, []byte(c.data), streamed)
				if len(probs) != 1 || probs[0].String() != c.want {
					t.Errorf("streamed %v:\n%s\nwant\n  %s", streamed, listOf(probs), c.want)
				}
			}
		})
	}
}
