package article

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"dateline/app/jsonread"
)

func TestCheckLang(t *testing.T) {
	for _, tag := range []string{"en", "ckb", "ar-IQ", "ku-Arab", "zh-Hant-TW", "en-GB", "sr-Latn", "kmr", "es-419", "de-CH-1996", "en-x-synth"} {
		if msg, _ := CheckLang(tag); msg != "" {
			t.Errorf("CheckLang(%q) = %q, want it accepted", tag, msg)
		}
	}
	for _, tag := range []string{"english", "e", "zz", "en-", "12", "en--GB", "xx-YY", "", "en_GB", "i-klingon", "en-a"} {
		if msg, hint := CheckLang(tag); msg == "" || hint == "" {
			t.Errorf("CheckLang(%q) accepted it, want it refused with a hint", tag)
		}
	}
}

func TestNameSlug(t *testing.T) {
	for _, tt := range []struct{ name, slug string }{
		{"Politics", "politics"},
		{"Middle East & Gulf", "middle-east-gulf"},
		{"  Sport  ", "sport"},
		{"COVID-19", "covid-19"},
		{"سیاسەت", "سیاسەت"},
		{"Élections 2024", "élections-2024"},
		{"* * *", ""},
		{"राजनीति", "राजनीति"}, // vowel signs that take space (Mc) stay in the word
		{"தமிழ் நாடு", "தமிழ்-நாடு"},
	} {
		if got := NameSlug(tt.name); got != tt.slug {
			t.Errorf("NameSlug(%q) = %q, want %q", tt.name, got, tt.slug)
		}
	}
}

// now is the time the tests check dates against: never the real clock.
var now = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

func TestValidate(t *testing.T) {
	good := func() Article {
		return Article{Slug: "a", Headline: "Synthetic", Body: []Block{{Type: Paragraph, Text: "Text."}}}
	}
	if f := func() []Fault { a := good(); return a.Validate(now) }(); f != nil {
		t.Fatalf("a valid article: %+v", f)
	}
	for _, tt := range []struct {
		scenario string
		change   func(a *Article)
		pointer  string
		words    string
	}{
		{"blank headline", func(a *Article) { a.Headline = " " }, "/headline", "headline is empty"},
		// A name of invisible characters makes no page address.
		{"section of a mark", func(a *Article) { a.Section = "\u200f" }, "/section", "section holds nothing to read"},
		{"bad slug", func(a *Article) { a.Slug = "A b" }, "/slug", "not URL-safe"},
		{"no body", func(a *Article) { a.Body = nil }, "/body", "body is empty"},
		{"line break in headline", func(a *Article) { a.Headline = "a\nb" }, "/headline", "U+000A"},
		{"updated before published", func(a *Article) { a.Published, a.Updated = "2024-02-02", "2024-02-01T23:00:00Z" }, "/updated", "before published"},
		{"empty section", func(a *Article) { a.Section = " " }, "/section", "section is empty"},
		{"tag given twice", func(a *Article) { a.Tags = []string{"Tests", "tests"} }, "/tags/1", "same as tag 0"},
		{"too many tags", func(a *Article) { a.Tags = strings.Fields("a b c d e f g h i j k l m n o p q r s t u") }, "/tags", "21 tags"},
		{"image without size", func(a *Article) { a.Figures = []Figure{{Image: &Image{Src: "/a.jpg", Height: 3}}} }, "/figures/0/image/width", "width 0"},
		{"unknown block", func(a *Article) { a.Body = append(a.Body, Block{Type: "quote"}) }, "/body/1/type", `unknown block type "quote"`},
		{"replacement character", func(a *Article) { a.Headline = "a\ufffdb" }, "/headline", "U+FFFD"},
		{"noncharacter", func(a *Article) { a.Body[0].Text = "a\uffffb" }, "/body/0/text", "noncharacter U+FFFF"},
		{"published in the future", func(a *Article) { a.Published = "3024-03-05" }, "/published", "published 3024-03-05 is in the future (it is now 2024-06-01 12:00 UTC)"},
		{"published past the slack", func(a *Article) { a.Published = "2024-06-02T12:00:01Z" }, "/published", "in the future"},
		{"published the day after tomorrow", func(a *Article) { a.Published = "2024-06-03" }, "/published", "published 2024-06-03 is in the future"},
		{"updated in the future", func(a *Article) { a.Published, a.Updated = "2024-03-05", "2204-03-06T10:00:00Z" }, "/updated", "updated 2204-03-06T10:00:00Z is in the future"},
		// Not also "updated is before published": the year to fix is published's.
		{"published ahead of updated", func(a *Article) { a.Published, a.Updated = "3024-03-05", "2024-03-06" }, "/published", "in the future"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			a := good()
			tt.change(&a)
			faults := a.Validate(now)
			if len(faults) != 1 || faults[0].Pointer != tt.pointer || !strings.Contains(faults[0].Message, tt.words) || faults[0].Hint == "" || faults[0].Warn {
				t.Errorf("faults %+v, want one at %s holding %q, with a hint", faults, tt.pointer, tt.words)
			}
		})
	}
	// A date alone is midnight UTC, which a newsroom west of Greenwich
	// reads as the evening before: the hint says so where that may be
	// why, a date alone and a time less than a day apart.
	for _, tt := range []struct {
		published, updated string
		why                bool
	}{
		{"2021-12-07T23:30:00-05:00", "2021-12-08", true},
		{"2021-12-09", "2021-12-09T02:00:00+05:30", true},
		{"2021-12-09", "2021-12-08T18:00:00-05:00", false},
		{"2021-12-07T23:30:00-05:00", "2021-12-08T04:00:00Z", false},
		{"2021-12-09", "2021-12-08", false},
		{"2021-12-09", "2021-12-08T10:00:00+05:30", false},
	} {
		a := good()
		a.Published, a.Updated = tt.published, tt.updated
		faults := a.Validate(now)
		if len(faults) != 1 || strings.Contains(faults[0].Hint, "a date alone is midnight UTC") != tt.why || strings.Count(faults[0].Hint, "(") > 0 {
			t.Errorf("published %s, updated %s: faults %+v; want one, saying what a date alone is: %v", tt.published, tt.updated, faults, tt.why)
		}
	}
	// A text of invisible characters (right-to-left editors leave
	// direction marks; a tatweel or harakat alone have no letter to show):
	// a warning, as datasets held them before, and the page is only the
	// poorer for an empty place.
	for _, tt := range []struct {
		scenario string
		change   func(a *Article)
		pointer  string
	}{
		{"headline of a direction mark", func(a *Article) { a.Headline = "\u200f" }, "/headline"},
		{"headline of tatweels", func(a *Article) { a.Headline = " ـــ " }, "/headline"},
		{"paragraph of marks", func(a *Article) { a.Body[0].Text = "\u200e\u064e\u200f" }, "/body/0/text"},
		{"related title of a mark", func(a *Article) { a.Related = []Link{{Title: "\ufeff", Slug: "b"}} }, "/related/0/title"},
		{"caption of marks, no image", func(a *Article) { a.Figures = []Figure{{Caption: "\u200f\u200e"}} }, "/figures/0/caption"},
		{"place of a mark", func(a *Article) { a.Dateline = &Dateline{Place: "\u200f"} }, "/dateline/place"},
		{"caption of a mark under a photo", func(a *Article) {
			a.Figures = []Figure{{Caption: "\u200f", Image: &Image{Src: "/a.jpg", Width: 4, Height: 3}}}
		}, "/figures/0/caption"},
		{"credit of a mark", func(a *Article) { a.Figures = []Figure{{Caption: "Synthetic caption.", Credit: " \u200e"}} }, "/figures/0/credit"},
		{"source of a mark beside a place", func(a *Article) { a.Dateline = &Dateline{Place: "SYNTHETIC", Source: "\u200f"} }, "/dateline/source"},
		{"second author of a filler", func(a *Article) { a.Authors = []string{"Synthetic Author", "\u3164"} }, "/authors/1"},
		// Unicode classes the fillers as letters: such a name made a
		// page's address, and datasets held it.
		{"section of a filler", func(a *Article) { a.Section = "\u3164" }, "/section"},
		{"section of tatweels", func(a *Article) { a.Section = "ـــ" }, "/section"},
		{"tag of a filler", func(a *Article) { a.Tags = []string{"Synthetic", "\uffa0\uffa0"} }, "/tags/1"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			a := good()
			tt.change(&a)
			faults := a.Validate(now)
			if len(faults) != 1 || faults[0].Pointer != tt.pointer || !strings.Contains(faults[0].Message, "nothing to read") || !faults[0].Warn {
				t.Errorf("faults %+v, want one warning at %s", faults, tt.pointer)
			}
		})
	}
	// An empty author, which a newsroom's system may write for every
	// story without a byline, is left out of the byline without a word;
	// white space alone is said.
	a := good()
	a.Authors = []string{"", " "}
	if f := a.Validate(now); len(f) != 1 || f[0].Pointer != "/authors/1" || f[0].Message != "author is empty" || !f[0].Warn {
		t.Errorf("an empty author and one of a space: faults %+v, want the warning \"author is empty\" for the second", f)
	}
	// Text with marks and letters is text.
	if !IsBlank(" \u200f\t") || IsBlank("\u200fا") || IsBlank("ـا") || IsBlank("a") || IsBlank("١") || IsBlank("\u06dd") || IsBlank("\u0600") {
		t.Error("IsBlank draws the line in the wrong place")
	}
	// The fillers that draw as blank space are blank; the letters beside
	// them are not.
	for _, s := range []string{"\u3164", "\u2800\u2800", "\u115f\u1160", "\uffa0 "} {
		if !IsBlank(s) || IsBlank(s+"\u1100") || IsBlank("\u2801"+s) {
			t.Errorf("IsBlank(%+q) wrong, or wrong beside a letter", s)
		}
	}
}

func TestSiteValidate(t *testing.T) {
	ok := Site{Name: "Synthetic Times", Lang: "ckb", URL: "https://news.example.org/", Publisher: "Synthetic Media",
		Editions: []Edition{{Lang: "en", Name: "Synthetic English", URL: "https://en.news.example.org/"}, {Lang: "ar-IQ", Name: "Synthetic Arabic", URL: "https://news.example.org/ar/"}}}
	if f := ok.Validate(); f != nil {
		t.Fatalf("%+v", f)
	}
	for _, u := range []string{
		"https://news.example.org", "https://news.example.org:8443/", "https://[2001:db8::1]",
		// Internationalised host names in punycode, as a browser writes them.
		"https://xn--bcher-kva.example", "https://xn--mgbh0fb.example",
		// Names a browser takes as they are, though DNS would not.
		"https://a_b.example", "https://r3---sn-x.example",
		"https://192.0.2.1:8443", "https://[::ffff:c000:201]",
	} {
		if f := (&Site{URL: u}).Validate(); f != nil {
			t.Errorf("url %q refused: %+v", u, f)
		}
	}
	// Valid origins no one outside the machine or its network reaches: a
	// warning, put in every canonical link and feed as they are.
	for _, tt := range []struct{ url, says string }{
		{"https://localhost", "a loopback address"},
		{"https://news.localhost:8443", "a loopback address"},
		{"https://127.0.0.1", "a loopback address"},
		{"https://[::1]", "a loopback address"},
		{"https://[::ffff:7f00:1]", "a loopback address"},
		{"https://10.1.2.3", "a private network address"},
		{"https://192.168.0.10:8443", "a private network address"},
		{"https://[fd00::1]", "a private network address"},
		{"https://169.254.1.1", "a private network address"},
		{"https://newsroom.local", "a local network name"},
		{"https://0.0.0.0", "an unspecified address"},
		{"https://[::]", "an unspecified address"},
		{"https://100.64.1.1", "a private network address"},
		{"https://news.internal", "a local network name"},
		{"https://x.home.arpa", "a local network name"},
		{"https://home.arpa", "a local network name"},
		{"https://224.0.0.1", "a multicast or broadcast address"},
		{"https://255.255.255.255", "a multicast or broadcast address"},
		{"https://[ff02::1]", "a multicast or broadcast address"},
		{"https://router.lan", "a local network name"},
		{"https://intranet", "a local network name"},
	} {
		f := (&Site{URL: tt.url}).Validate()
		if len(f) != 1 || !f[0].Warn || f[0].Pointer != "/url" || !strings.Contains(f[0].Message, tt.says+": search engines") {
			t.Errorf("url %q: %+v, want a warning that it is %s", tt.url, f, tt.says)
		}
	}
	for _, tt := range []struct{ url, says string }{
		{"http://news.example.org", "not an https address"},
		{"https://news.example.org/x", "more than an origin"},
		{"https://news.example.org?a=1", "more than an origin"},
		{"https://", "no host name"},
		{"news.example.org", "not an https address"},
		{"https://u@news.example.org", "user name"},
		// Each of these was written out before every path, in every
		// canonical address, sitemap entry and feed link: an empty query
		// or fragment made them all the home page's.
		{"https://news.example.org?", `write "https://news.example.org"`},
		{"https://news.example.org/?", `write "https://news.example.org"`},
		{"https://news.example.org#", `write "https://news.example.org"`},
		{"https://NEWS.Example.org", `write "https://news.example.org"`},
		{"https://news.example.org.", `write "https://news.example.org"`},
		{"https://news.example.org:443", `write "https://news.example.org"`},
		{"https://[2001:DB8::1]:443/", `write "https://[2001:db8::1]"`},
		// A browser's origin has no leading zeros in its port, and a host
		// name in ASCII (punycode for another script, after mapping).
		{"https://news.example:0443", `"https://news.example:0443" is not written as an origin: write "https://news.example"`},
		{"https://news.example:08443", `"https://news.example:08443" is not written as an origin: write "https://news.example:8443"`},
		{"https://مثال.example", `"https://مثال.example" is not written as an origin: write "https://xn--mgbh0fb.example"`},
		{"https://bücher.example/", `"https://bücher.example/" is not written as an origin: write "https://xn--bcher-kva.example"`},
		{"https://%D9%85%D8%AB%D8%A7%D9%84.example", `write "https://xn--mgbh0fb.example"`},
		{"https://XN--MGBH0FB.example", `write "https://xn--mgbh0fb.example"`},
		{"https://ＮＥＷＳ.example", `write "https://news.example"`},
		{"https://news.example..", `write "https://news.example"`},
		{"https://0xc0.0.2.1", `write "https://192.0.2.1"`},
		{"https://192.0.2.1.", `write "https://192.0.2.1"`},
		{"https://[::ffff:192.0.2.1]", `write "https://[::ffff:c000:201]"`},
		{"https://[2001:db8:0:0:1:0:0:1]", `write "https://[2001:db8::1:0:0:1]"`},
		// A browser refuses these: there is no form to write.
		{"https://news.example:65536", `"https://news.example:65536": port 65536 is not a valid port: a port is a number from 0 to 65535`},
		{"https://news.example:99999", "port 99999 is not a valid port"},
		{"https://xn--a.example", `"https://xn--a.example": host "xn--a.example" is not a valid host name`},
		{"https://xn--.example", "is not a valid host name"},
		{"https://news.123", `host "news.123" is not a valid host name`},
		{"https://192.0.2.256", "is not a valid host name"},
		{"https://[fe80::1%25en0]", "is not a valid host name"},
		{"https://.", "is not a valid host name"},
	} {
		f := (&Site{URL: tt.url}).Validate()
		if len(f) != 1 || f[0].Pointer != "/url" || !strings.Contains(f[0].Message, tt.says) {
			t.Errorf("url %q: %+v, want one fault at /url saying %q", tt.url, f, tt.says)
		}
	}
	if got := (*Site)(nil).WithDefaults(); got.Name != DefaultSiteName || got.Lang != DefaultLang || got.Description != DefaultSiteDescription {
		t.Errorf("defaults %+v", got)
	}
}

// TestReadJSON checks that ReadJSON reads what encoding/json writes.
func TestReadJSON(t *testing.T) {
	want := Article{
		Slug: "first-story", Lang: "ckb", Headline: "First \"story\" \u2028 ✓",
		Dateline: &Dateline{Place: "SOMEWHERE", Source: "Synthetic Wire"},
		Section:  "World", Tags: []string{"Tests", "Synthetic"},
		Published: "2024-03-05", Updated: "2024-03-06T10:00:00Z", Authors: []string{"Jane Example"},
		SourceURL: "https://news.example.org/first",
		Figures:   []Figure{{Caption: "A photo.", Credit: "Photo: Someone", Image: &Image{Src: "/web/a.jpg", Width: 4, Height: 3}}},
		Body: []Block{
			{Type: Paragraph, Text: "One.\nTwo. 😀 <b>&amp;</b>"},
			{Type: ReadMore, Link: Link{Title: "Second story", Slug: "second-story"}},
		},
		Related: []Link{{Title: "Elsewhere", URL: "https://news.example.org/elsewhere"}, {Title: "By title only"}},
	}
	b, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	var got Article
	var problems []jsonread.Problem
	r := jsonread.NewReader(b)
	r.Report = func(p jsonread.Problem) { problems = append(problems, p) }
	got.ReadJSON(r)
	if err := r.End(); err != nil || problems != nil {
		t.Fatalf("%v %+v", err, problems)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read\n%+v\nwant\n%+v", got, want)
	}
}

func TestDir(t *testing.T) {
	for lang, dir := range map[string]string{"en": "ltr", "ckb": "rtl", "ar-IQ": "rtl", "ku-Arab": "rtl", "ku": "ltr", "kmr": "ltr", "fa": "rtl", "tr": "ltr",
		"ckb-Latn": "ltr", "az-Arab-IR": "rtl", "yi-Hebr": "rtl", "ar-Latn": "ltr", "ckb-IQ": "rtl", "en-US": "ltr", "ar_EG": "rtl", "uz-Cyrl": "ltr"} {
		if got := Dir(lang); got != dir {
			t.Errorf("Dir(%q) = %q, want %q", lang, got, dir)
		}
	}
}

// TestTextDir checks a text's direction inside a piece of each direction:
// its letters' majority, the piece's on a tie or with no letters.
// Synthetic text in made-up words.
func TestTextDir(t *testing.T) {
	for _, tt := range []struct {
		scenario, text string
		inLTR, inRTL   string
	}{
		{"Latin", "A synthetic sentence.", "ltr", "ltr"},
		{"Sorani", "ژێکۆ بەرێڤان.", "rtl", "rtl"},
		{"Sorani ending in Latin words", "بەرپرسێک گوتی ١٢٣ کەس hello world ٤٥٦.", "rtl", "rtl"},
		{"Latin quoting Sorani", "The sign read «هەولێر ٢٤ کیلۆمەتر» in 2026, said the synthetic officer.", "ltr", "ltr"},
		{"Arabic opening with a Latin acronym", "XYZ قال إن مستدرة زاقن.", "rtl", "rtl"},
		{"Latin opening with an Arabic word", "مستدرة is a synthetic word in a Latin sentence.", "ltr", "ltr"},
		{"Hebrew", "שלום עולם", "rtl", "rtl"},
		{"Cyrillic", "Синтетический текст", "ltr", "ltr"},
		{"digits and marks only", "١٢٣ – 456 (!)", "ltr", "rtl"},
		{"a tie", "ab زق", "ltr", "rtl"},
		{"empty", "", "ltr", "rtl"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := TextDir("ltr", tt.text); got != tt.inLTR {
				t.Errorf("TextDir(ltr, %q) = %q, want %q", tt.text, got, tt.inLTR)
			}
			if got := TextDir("rtl", tt.text); got != tt.inRTL {
				t.Errorf("TextDir(rtl, %q) = %q, want %q", tt.text, got, tt.inRTL)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	for _, tt := range []struct {
		s    string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"one two three four five", 12, "one two…"},
		{"one two, three four five", 12, "one two…"},
		{"unbrokenwordthatislong", 10, "unbrokenw…"},
		{"  padded text here  ", 9, "padded…"},
		{"یەک دوو سێ چوار پێنج", 12, "یەک دوو سێ…"},
	} {
		if got := Truncate(tt.s, tt.max); got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.s, tt.max, got, tt.want)
		}
	}
}

// TestDatesWithinSlack checks the dates that are not in the future by
// DateSlack: a story published today in a time zone ahead of UTC, or on a
// clock that runs ahead, and any date before now.
func TestDatesWithinSlack(t *testing.T) {
	for _, d := range []string{
		"2024-06-01", "2024-06-02", // today and tomorrow, as dates: midnight UTC
		"2024-06-02T12:00:00Z",      // a day ahead, to the second
		"2024-06-02T09:00:00+14:00", // Kiribati's morning, this evening in UTC
		"2021-12-07", "1970-01-01T00:00:00Z",
		"1600-01-01", "1605-06-01T00:00:00+01:00", // an archive's oldest
	} {
		a := Article{Slug: "a", Headline: "Synthetic", Body: []Block{{Type: Paragraph, Text: "Text."}}, Published: d, Updated: d}
		if f := a.Validate(now); f != nil {
			t.Errorf("published and updated %s, now %s: %+v", d, now, f)
		}
	}
}

// TestHeadlineBidiLeftOpen checks that a headline that opens an
// embedding, override or isolate and leaves it open is a warning naming
// what is open (a feed reader or a social card that shows it would
// reorder the text after it), and that one closed, or closed by the
// isolate around it, is not.
func TestHeadlineBidiLeftOpen(t *testing.T) {
	for _, tt := range []struct{ headline, open string }{
		{"Synthetic \u202eheadline", "U+202E"},
		{"\u2067Synthetic\u202b headline", "U+2067, U+202B"},
		{"\u202eSynthetic\u202c \u202bheadline", "U+202B"},
		{"Synthetic \u2068a\u2069 \u2066b", "U+2066"},
		{"Synthetic\u202c\u2069 \u202dheadline", "U+202D"}, // closers with nothing to close
		{"Synthetic \u202eheadline\u202c", ""},
		{"\u2067Synthetic \u202eheadline\u2069", ""}, // the isolate closes the override in it
		{"Synthetic \u200fheadline", ""},             // a mark opens nothing
	} {
		a := Article{Slug: "a", Headline: tt.headline, Body: []Block{{Type: Paragraph, Text: "Text."}}}
		f := a.Validate(now)
		if tt.open == "" {
			if f != nil {
				t.Errorf("headline %+q: %+v, want nothing", tt.headline, f)
			}
			continue
		}
		if len(f) != 1 || f[0].Pointer != "/headline" || !f[0].Warn || !strings.HasSuffix(f[0].Message, "("+tt.open+")") {
			t.Errorf("headline %+q: %+v, want one warning at /headline naming %s", tt.headline, f, tt.open)
		}
	}
}

// TestDatesCenturiesOld checks that a year before EarliestYear, most
// often a digit left out (0024 for 2024), is a warning at its field that
// names the date and the year it may have meant.
func TestDatesCenturiesOld(t *testing.T) {
	for _, tt := range []struct{ published, updated, pointer, says string }{
		{"0024-05-01", "", "/published", "published 0024-05-01 is before the year 1600"},
		{"0000-01-01T00:00:00Z", "", "/published", "such as 0000 for 2000 "},
		{"1599-12-31T23:59:59Z", "", "/published", "1599-12-31T23:59:59Z"},
		{"2024-05-01", "0024-05-02", "/updated", "such as 0024 for 2024 "},
	} {
		a := Article{Slug: "a", Headline: "Synthetic", Body: []Block{{Type: Paragraph, Text: "Text."}}, Published: tt.published, Updated: tt.updated}
		f := a.Validate(now)
		if tt.pointer == "/updated" {
			// Updated before published is said too: the same slip.
			f = slices.DeleteFunc(f, func(x Fault) bool { return strings.Contains(x.Message, "before published") })
		}
		if len(f) != 1 || f[0].Pointer != tt.pointer || !f[0].Warn || !strings.Contains(f[0].Message+" "+f[0].Hint, tt.says) {
			t.Errorf("published %q, updated %q: %+v, want one warning at %s saying %q", tt.published, tt.updated, f, tt.pointer, tt.says)
		}
	}
}

func TestBylines(t *testing.T) {
	for _, tt := range []struct{ in, want []string }{
		{nil, nil},
		{[]string{"Jane Roe"}, []string{"Jane Roe"}},
		{[]string{"", "Jane Roe", " \t", "John Doe", ""}, []string{"Jane Roe", "John Doe"}},
		{[]string{" "}, []string{}},
	} {
		a := &Article{Authors: slices.Clone(tt.in)}
		if got := a.Bylines(); !slices.Equal(got, tt.want) {
			t.Errorf("Bylines of %q = %q, want %q", tt.in, got, tt.want)
		}
		if !slices.Equal(a.Authors, tt.in) {
			t.Errorf("Bylines changed the authors: %q, was %q", a.Authors, tt.in)
		}
	}
}

// TestSiteValidateEditionAddress checks that validate refuses an edition
// whose address is this edition's own home page, or another edition's:
// the home page's head would name one page in two languages (hreflang),
// and the footer link to the page the reader is on.
func TestSiteValidateEditionAddress(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		editions []Edition
		pointer  string
	}{
		{"the site's own address", []Edition{{Lang: "ckb", Name: "Synthetic Sorani", URL: "https://news.example.org"}}, "/editions/0/url"},
		{"the site's own home page, spelt otherwise", []Edition{{Lang: "ckb", Name: "Synthetic Sorani", URL: "HTTPS://News.Example.org/"}}, "/editions/0/url"},
		{"two editions at one address", []Edition{
			{Lang: "ckb", Name: "Synthetic Sorani", URL: "https://ckb.example.org/"},
			{Lang: "ar", Name: "Synthetic Arabic", URL: "https://ckb.example.org"},
		}, "/editions/1/url"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			s := Site{Lang: "en", URL: "https://news.example.org", Editions: tt.editions}
			f := s.Validate()
			if len(f) != 1 || f[0].Pointer != tt.pointer || f[0].Warn {
				t.Errorf("%+v, want one problem at %s", f, tt.pointer)
			}
		})
	}
	// Another edition under the site's host, at a path of its own, is
	// another page.
	s := Site{Lang: "en", URL: "https://news.example.org", Editions: []Edition{{Lang: "ar", Name: "Synthetic Arabic", URL: "https://news.example.org/ar/"}}}
	if f := s.Validate(); f != nil {
		t.Errorf("an edition at a path of the site's host: %+v", f)
	}
}

// TestSiteValidateEditionsNoAddress checks that editions without the
// site's own address are a warning at the editions: the home page's
// hreflang links then leave this edition out, where search engines need
// each edition to name itself.
func TestSiteValidateEditionsNoAddress(t *testing.T) {
	e := []Edition{{Lang: "ckb", Name: "Synthetic Sorani", URL: "https://ckb.example.org/"}}
	f := (&Site{Lang: "en", Editions: e}).Validate()
	if len(f) != 1 || f[0].Pointer != "/editions" || !f[0].Warn || !strings.Contains(f[0].Message, "(url)") {
		t.Errorf("editions without the site's address: %+v, want one warning at /editions naming url", f)
	}
	if f := (&Site{Lang: "en"}).Validate(); f != nil {
		t.Errorf("no editions and no address: %+v, want nothing", f)
	}
}

// TestSiteValidateEditionNothingToRead checks that an edition's language,
// name or address holding only characters with nothing to show is an
// error, not the warning old datasets' texts get: no dataset held an
// edition before, and the footer would show a link with no name.
func TestSiteValidateEditionNothingToRead(t *testing.T) {
	for _, e := range []Edition{
		{Lang: "\u200f", Name: "Synthetic Sorani", URL: "https://ckb.example.org/"},
		{Lang: "ckb", Name: "\u200f", URL: "https://ckb.example.org/"},
		{Lang: "ckb", Name: "Synthetic Sorani", URL: "\u200e"},
	} {
		f := (&Site{Lang: "en", URL: "https://news.example.org", Editions: []Edition{e}}).Validate()
		if len(f) != 1 || f[0].Warn {
			t.Errorf("%+q: %+v, want one error", e, f)
		}
	}
}

// TestDirScripts checks Dir against the scripts whose letters Lean counts
// right to left: a tag naming one is rtl ("ur-Aran", Urdu in Nastaliq,
// was rtl by its language before scripts were read, and a Samaritan,
// Mandaic, Yezidi or Syriac-variant tag reads as its letters do), and a
// special script code (Zyyy common, Zxxx unwritten, Qaaa private) leaves
// the language's own direction.
func TestDirScripts(t *testing.T) {
	for lang, dir := range map[string]string{
		"ur-Aran": "rtl", "fa-Aran-IR": "rtl", "ks-Aran": "rtl", "syr-Syre": "rtl", "syr-Syrn": "rtl",
		"myz-Mand": "rtl", "smp-Samr": "rtl", "ku-Yezi": "rtl", "men-Mend": "rtl",
		"ar-Zyyy": "rtl", "ar-Qaaa": "rtl", "en-Zxxx": "ltr", "ar-": "rtl", "ar-1996": "rtl", "mn-Zanb": "ltr", "sr-Latn-RS": "ltr", "ks-Deva": "ltr",
		// Extended language subtags before the script.
		"ar-arz-Latn": "ltr", "ar-arz": "rtl", "ar-apc-Arab-SY": "rtl", "zh-yue-Hant": "ltr", "ar-arz-EG": "rtl", "ar-abc-def-ghi-Latn": "ltr",
		"ckb-IQ-Latn": "rtl", // not a script's place: after a region
	} {
		if got := Dir(lang); got != dir {
			t.Errorf("Dir(%q) = %q, want %q", lang, got, dir)
		}
	}
}

// TestDateFault checks the words for a date that is not one: the two
// slips editors' tools make most are named, with the date written right;
// a day, month or hour out of its range in a date of the right form is
// named, with its range, not answered with the form to use (which
// "2024-02-30" has).
func TestDateFault(t *testing.T) {
	for _, tt := range []struct {
		scenario, date, msg, hint string
	}{
		{"a time without its zone", "2021-12-07T09:30:00", "its time has no time zone", `"2021-12-07T09:30:00+03:00"`},
		{"with a fraction", "2021-12-07T09:30:00.5", "its time has no time zone", `"2021-12-07T09:30:00.5+03:00"`},
		{"a space and no zone", "2021-12-07 09:30:00", "its time has no time zone", `"2021-12-07T09:30:00+03:00"`},
		{"a space for the T", "2021-12-07 09:30:00Z", "a space stands between its date and its time", `"2021-12-07T09:30:00Z"`},
		{"a day that is not", "2024-02-30", `"2024-02-30" is not a date: February 2024 has 29 days`, `check the day: 01 to 29`},
		{"a day of a year that is not a leap year", "2023-02-29T10:00:00Z", `"2023-02-29T10:00:00Z" is not a date: February 2023 has 28 days`, `check the day: 01 to 28`},
		{"day 0", "2024-04-00", "April 2024 has 30 days", `01 to 30`},
		{"month 13", "2021-13-01", "its month is not 01 to 12", "check the month"},
		{"hour 25", "2021-01-01T25:00:00Z", "its hour is not 00 to 23", "check the hour"},
		{"hour 25 after a space", "2021-01-01 25:00:00Z", "its hour is not 00 to 23", "check the hour"},
		{"a zone too far", "2021-01-01T10:00:00+25:00", "its time zone offset hour is out of range", `"+14:00"`},
		{"a day first", "07/12/2021", `"07/12/2021" is not a date`, `use "2006-01-02"`},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			if _, ok := ParseDate(tt.date); ok {
				t.Fatalf("ParseDate(%q) took it", tt.date)
			}
			msg, hint := dateFault(tt.date)
			if !strings.HasPrefix(msg, strconv.Quote(tt.date)+" is not a date") || !strings.Contains(msg, tt.msg) || !strings.Contains(hint, tt.hint) {
				t.Errorf("dateFault(%q) = %q, %q; want a message with %q and a hint with %q", tt.date, msg, hint, tt.msg, tt.hint)
			}
		})
	}
}
