package importer

import (
	"reflect"
	"strings"
	"testing"

	"dateline/app/article"
)

// TestBylines reads a story whose byline stands between its headline and
// its dateline, after a caption, or right after the dateline's paragraph:
// its names are the authors, its agency is left out, and the dateline is
// found on the line after it.
func TestBylines(t *testing.T) {
	const dateline = "SYNTHETIC CITY, Testland, Dec 7 (Reuters) – Synthetic words."
	for _, tt := range []struct {
		scenario string
		text     string // after the headline
		names    []string
		left     []BylinePart
		line     int // the byline's
		first    int // the first paragraph's
	}{
		{"By NAME", "By Jane Doe\n" + dateline, []string{"Jane Doe"}, nil, 2, 3},
		{"BY NAME, in capitals", "BY JANE DOE\n\n" + dateline, []string{"Jane Doe"}, nil, 2, 4},
		{"By: NAME", "By: Jane Doe\n" + dateline, []string{"Jane Doe"}, nil, 2, 3},
		{"two names", "By Jane Doe and John Roe\n" + dateline, []string{"Jane Doe", "John Roe"}, nil, 2, 3},
		{"two names in capitals", "BY JANE DOE AND JOHN ROE\n" + dateline, []string{"Jane Doe", "John Roe"}, nil, 2, 3},
		{"three names", "By Jane Doe, John Roe and Max Mustermann\n" + dateline, []string{"Jane Doe", "John Roe", "Max Mustermann"}, nil, 2, 3},
		{"three names, a serial comma", "By Jane Doe, John Roe, and Max Mustermann\n" + dateline, []string{"Jane Doe", "John Roe", "Max Mustermann"}, nil, 2, 3},
		{"an ampersand", "By Jane Doe & John Roe\n" + dateline, []string{"Jane Doe", "John Roe"}, nil, 2, 3},
		{"a name twice", "By Jane Doe and Jane Doe\n" + dateline, []string{"Jane Doe"}, nil, 2, 3},
		{"initials and particles", "By J. R. Doe, Maria de la Roe and Ali al-Doe\n" + dateline, []string{"J. R. Doe", "Maria de la Roe", "Ali al-Doe"}, nil, 2, 3},
		{"an agency after a comma", "By Jane Doe, Reuters\n" + dateline, []string{"Jane Doe"}, []BylinePart{{"Reuters", PartAgency}}, 2, 3},
		{"an agency of two words after a comma", "By Jane Doe and John Roe, Associated Press\n" + dateline, []string{"Jane Doe", "John Roe"}, []BylinePart{{"Associated Press", PartAgency}}, 2, 3},
		{"an agency with a number", "By Jane Doe, Synthetic 24\n" + dateline, []string{"Jane Doe"}, []BylinePart{{"Synthetic 24", PartOutlet}}, 2, 3},
		{"an agency after a bar", "By Jane Doe | Synthetic Wire\n" + dateline, []string{"Jane Doe"}, []BylinePart{{"Synthetic Wire", PartOutlet}}, 2, 3},
		{"an agency in lower case after a bar", "By Jane Doe | dpa\n" + dateline, []string{"Jane Doe"}, []BylinePart{{"dpa", PartAgency}}, 2, 3},
		{"after a caption", "A synthetic caption. (Photo: Test Fixture)\nBy Jane Doe\n" + dateline, []string{"Jane Doe"}, nil, 3, 4},
		{"before a caption", "By Jane Doe\nA synthetic caption. (Photo: Test Fixture)\n" + dateline, []string{"Jane Doe"}, nil, 2, 4},
		{"right after the dateline", dateline + "\nBy Jane Doe\nMore synthetic words.", []string{"Jane Doe"}, nil, 3, 2},
		{"with no dateline", "By Jane Doe\nSynthetic words.", []string{"Jane Doe"}, nil, 2, 3},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			text := "Synthetic headline\n" + tt.text + "\nLast synthetic words.\n"
			a, c, err := ParseWith([]byte(text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := Byline{Line: tt.line, Names: tt.names, Left: tt.left, Used: true}
			if got := c.Byline; got.Line != want.Line || !reflect.DeepEqual(got.Names, want.Names) || !reflect.DeepEqual(got.Left, want.Left) || !got.Used {
				t.Errorf("byline %+v, want %+v", got, want)
			}
			if !reflect.DeepEqual(a.Authors, tt.names) {
				t.Errorf("authors %q, want %q", a.Authors, tt.names)
			}
			if c.FirstLine != tt.first {
				t.Errorf("first paragraph on line %d, want %d", c.FirstLine, tt.first)
			}
			for _, p := range a.Paragraphs() {
				if strings.Contains(p, "Doe") {
					t.Errorf("the byline stayed a paragraph: %q", p)
				}
			}
			if strings.Contains(tt.text, dateline) {
				if want := (&article.Dateline{Place: "SYNTHETIC CITY, Testland", Source: "Reuters"}); !reflect.DeepEqual(a.Dateline, want) {
					t.Errorf("dateline %+v, want %+v", a.Dateline, want)
				}
				if ps := a.Paragraphs(); ps[0] != "Synthetic words." {
					t.Errorf("first paragraph %q", ps[0])
				}
			}
		})
	}
}

// TestNotBylines reads lines that open with "By" but are no byline: a
// sentence, a phrase of capitalised words that names no one, too many
// names, or a byline where a story has none (after its second paragraph,
// or after a first one without a dateline). Each stays a paragraph, and
// the story has no authors.
func TestNotBylines(t *testing.T) {
	const dateline = "SYNTHETIC CITY (Synthetic Wire) – Synthetic words."
	for _, tt := range []struct {
		scenario string
		text     string // after the headline
	}{
		{"a first sentence", "By Tuesday, officials said the talks would end.\nMore words."},
		{"a first sentence in title case", "By Tuesday, Synthetic City Officials Said So.\nMore words."},
		{"a holiday's eve", "By Christmas Eve\n" + dateline},
		{"a day", "By Election Day\n" + dateline},
		{"a day, possessive", "By Mother's Day\n" + dateline},
		{"a phrase", "By Popular Demand\n" + dateline},
		{"a phrase in capitals", "BY ROYAL DECREE\n" + dateline},
		{"a plane", "By Air Force One\n" + dateline},
		{"a month", "By October Ninth\n" + dateline},
		{"a time of day", "By Halloween Night\n" + dateline},
		{"a year", "By Year End\n" + dateline},
		{"a place alone", "By Erbil\n" + dateline},
		{"a sentence before the dateline", "By the end of the day, Jane Doe had left.\n" + dateline},
		{"a sentence after the dateline", dateline + "\nBy Tuesday, officials said the talks would end."},
		{"a weekday and a time", "By Late Tuesday\n" + dateline},
		{"a weekday alone", "By Tuesday\n" + dateline},
		{"two weekdays", "By Monday Or Tuesday\n" + dateline},
		{"the agency's phrase", "By The Synthetic Press\n" + dateline},
		{"a name in lower case", "By jane doe\n" + dateline},
		{"by in lower case", "by Jane Doe\n" + dateline},
		{"a word run on", "Bystanders Jane Doe\n" + dateline},
		{"a trailing and", "By Jane Doe and\n" + dateline},
		{"a full stop", "By Jane Doe. Synthetic words follow\n" + dateline},
		{"seven names", "By Ann Doe, Bob Doe, Cy Doe, Di Doe, Ed Doe, Flo Doe and Gus Doe\n" + dateline},
		{"a name of six words", "By Jane Mary Ann Lee Sue Doe\n" + dateline},
		{"a long line", "By Jane " + strings.Repeat("Doe-", 40) + "Doe\n" + dateline},
		{"after the second paragraph", dateline + "\nSecond synthetic words.\nBy Jane Doe"},
		{"after a first paragraph without a dateline", "Synthetic words.\nBy Jane Doe"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			text := "Synthetic headline\n" + tt.text + "\n"
			a, c, err := ParseWith([]byte(text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if c.Byline.Line != 0 || len(a.Authors) != 0 {
				t.Errorf("byline %+v, authors %q, want none", c.Byline, a.Authors)
			}
			var byLine string
			for _, l := range strings.Split(tt.text, "\n") {
				if strings.HasPrefix(strings.ToLower(l), "by") {
					byLine = l
				}
			}
			found := false
			for _, p := range a.Paragraphs() {
				found = found || p == byLine
			}
			if !found {
				t.Errorf("%q is not a paragraph: %q", byLine, a.Paragraphs())
			}
		})
	}
}

// TestBylineAuthors reads the authors of bylines that name more than
// reporters: a job title, an outlet, a place, a time or another credit
// after the names is no author, nor is a byline of an agency or the staff
// alone; a full stop that ends the line is not the name's, and names in
// capitals are written in title case. Each line is a byline all the same,
// not a paragraph.
func TestBylineAuthors(t *testing.T) {
	const dateline = "SYNTHETIC CITY (Synthetic Wire) – Synthetic words."
	for _, tt := range []struct {
		scenario string
		line     string
		authors  []string
	}{
		{"a job title", "By Jane Doe, Staff Writer", []string{"Jane Doe"}},
		{"a job title in lower case", "By Jane Doe, senior correspondent", []string{"Jane Doe"}},
		{"job titles", "By Jane Doe, Bureau Chief, and John Roe, Special Correspondent", []string{"Jane Doe", "John Roe"}},
		{"a contributor", "By Jane Doe, Contributor", []string{"Jane Doe"}},
		{"an editor", "By Jane Doe, Synthetic Editor", []string{"Jane Doe"}},
		{"an outlet", "By Jane Doe, Synthetic News Service", []string{"Jane Doe"}},
		{"an outlet of a newspaper", "By Jane Doe and John Roe, The Synthetic Times", []string{"Jane Doe", "John Roe"}},
		{"an outlet in capitals", "By Jane Doe, SYNTHETIC NEWS", []string{"Jane Doe"}},
		{"a known outlet", "By Jane Doe, Al Jazeera", []string{"Jane Doe"}},
		{"a title and an outlet", "By Jane Doe, Chief Reporter, Synthetic Post", []string{"Jane Doe"}},
		{"an agency alone", "By Agence France-Presse", nil},
		{"an agency of one word alone", "By Reuters", nil},
		{"the staff", "By Staff Reporter", nil},
		{"an agency's staff", "By Reuters Staff", nil},
		{"our correspondent", "By Our Correspondent", nil},
		{"a full stop", "By Jane Doe.", []string{"Jane Doe"}},
		{"a full stop after two names", "By Jane Doe and John Roe.", []string{"Jane Doe", "John Roe"}},
		{"a suffix's full stop", "By John Roe Jr.", []string{"John Roe Jr."}},
		{"in capitals", "BY JANE DOE", []string{"Jane Doe"}},
		{"in capitals, particles and prefixes", "BY MARIA DE LA ROE, ALI AL-DOE AND SEAN MCDOE", []string{"Maria de la Roe", "Ali al-Doe", "Sean McDoe"}},
		{"in capitals, an apostrophe and a numeral", "BY JANE O'DOE AND JOHN ROE III", []string{"Jane O'Doe", "John Roe III"}},
		{"a place after a comma", "By Jane Doe, Erbil", []string{"Jane Doe"}},
		{"a time after a bar", "By Jane Doe | Updated 12 March", []string{"Jane Doe"}},
		{"a photo credit", "By Jane Doe, Photos By John Roe", []string{"Jane Doe"}},
		{"additional reporting", "By Jane Doe, Additional reporting by John Roe", []string{"Jane Doe"}},
		{"a name that is also a word", "By Doris Day", []string{"Doris Day"}},
		{"a name with a month's", "By June Doe and Max May", []string{"June Doe", "Max May"}},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			a, c, err := ParseWith([]byte("Synthetic headline\n"+tt.line+"\n"+dateline+"\n"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a.Authors, tt.authors) {
				t.Errorf("authors %q, want %q", a.Authors, tt.authors)
			}
			if c.Byline.Line != 2 || a.Dateline == nil || len(a.Paragraphs()) != 1 {
				t.Errorf("byline on line %d, dateline %+v, paragraphs %q: want the byline on line 2, the dateline after it", c.Byline.Line, a.Dateline, a.Paragraphs())
			}
		})
	}
}

// TestBylineLeftOut says what a byline holds that is no author, and
// whether its names were written in title case.
func TestBylineLeftOut(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		line     string
		left     []BylinePart
		recased  bool
		describe string
	}{
		{"a job title", "By Jane Doe, Staff Writer", []BylinePart{{"Staff Writer", PartTitle}}, false, `the job title "Staff Writer"`},
		{"an outlet", "By Jane Doe, Synthetic News Service", []BylinePart{{"Synthetic News Service", PartOutlet}}, false, `its outlet "Synthetic News Service"`},
		{"an agency", "By Jane Doe, Reuters", []BylinePart{{"Reuters", PartAgency}}, false, `its agency "Reuters"`},
		{"an agency alone", "By Agence France-Presse", []BylinePart{{"Agence France-Presse", PartAgency}}, false, `its agency "Agence France-Presse"`},
		{"the staff", "By Reuters Staff", []BylinePart{{"Reuters Staff", PartStaff}}, false, `the staff credit "Reuters Staff"`},
		{"a place", "By Jane Doe, Erbil", []BylinePart{{"Erbil", PartOther}}, false, `"Erbil" (one word after the names: a place or an outlet, no person's name)`},
		{"a time", "By Jane Doe | Updated 12 March", []BylinePart{{"Updated 12 March", PartTime}}, false, `the time "Updated 12 March"`},
		{"a credit", "By Jane Doe, Photos By John Roe", []BylinePart{{"Photos By John Roe", PartCredit}}, false, `the credit "Photos By John Roe"`},
		{"two parts, capitals", "BY JANE DOE, CHIEF REPORTER, SYNTHETIC TIMES", []BylinePart{{"CHIEF REPORTER", PartTitle}, {"SYNTHETIC TIMES", PartOutlet}}, true, `the job title "CHIEF REPORTER"`},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			b, ok := readByline(tt.line)
			if !ok {
				t.Fatalf("%q is no byline", tt.line)
			}
			if !reflect.DeepEqual(b.Left, tt.left) || b.Recased != tt.recased {
				t.Errorf("left out %+v, recased %v; want %+v, %v", b.Left, b.Recased, tt.left, tt.recased)
			}
			if got := b.Left[0].Describe(); got != tt.describe {
				t.Errorf("described as %s, want %s", got, tt.describe)
			}
		})
	}
}

// TestBylineAndGivenAuthors keeps the authors given, and says that the
// byline was not used.
func TestBylineAndGivenAuthors(t *testing.T) {
	a, c, err := ParseWith([]byte("Synthetic headline\nBy Jane Doe\nSYNTHETIC CITY (Synthetic Wire) – Synthetic words.\n"), Options{Authors: []string{"John Roe"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := a.Authors, []string{"John Roe"}; !reflect.DeepEqual(got, want) {
		t.Errorf("authors %q, want %q", got, want)
	}
	if c.Byline.Line != 2 || c.Byline.Used || c.Byline.Text != "By Jane Doe" {
		t.Errorf("byline %+v, want line 2, not used", c.Byline)
	}
	if a.Dateline == nil || len(a.Paragraphs()) != 1 {
		t.Errorf("dateline %+v, paragraphs %q: the byline is still no paragraph", a.Dateline, a.Paragraphs())
	}
}

// TestFingerprintByline gives a story with a byline the fingerprint of
// the article an importer that read no byline made of it (the byline its
// first paragraph, or the one after the dateline's, and a dateline after
// the byline left in the text), and of the article the byline reading
// makes, so that importing it again is refused as a copy whichever made
// the dataset's. A first sentence that opens with "By", or other words,
// still counts.
func TestFingerprintByline(t *testing.T) {
	const (
		dateline = "SYNTHETIC CITY (Synthetic Wire) – Synthetic words."
		rest     = "Synthetic words."
		last     = "Last synthetic words."
	)
	wire := &article.Dateline{Place: "SYNTHETIC CITY", Source: "Synthetic Wire"}
	paragraphs := func(dl *article.Dateline, texts ...string) article.Article {
		a := article.Article{Headline: "Synthetic headline", Dateline: dl}
		for _, p := range texts {
			a.Body = append(a.Body, article.Block{Type: article.Paragraph, Text: p})
		}
		return a
	}
	for _, tt := range []struct {
		scenario string
		text     string // after the headline
		other    article.Article
		same     bool
	}{
		{"a byline before the dateline, read as a paragraph", "By Jane Doe\n" + dateline + "\n" + last,
			paragraphs(nil, "By Jane Doe", dateline, last), true},
		{"a byline and an agency in capitals, read as a paragraph", "BY JANE DOE AND JOHN ROE, REUTERS\n\n" + dateline + "\n" + last,
			paragraphs(nil, "BY JANE DOE AND JOHN ROE, REUTERS", dateline, last), true},
		{"a byline after a caption, read as a paragraph", "A synthetic caption. (Photo: Test Fixture)\nBy Jane Doe | Synthetic Wire\n" + dateline + "\n" + last,
			paragraphs(nil, "By Jane Doe | Synthetic Wire", dateline, last), true},
		{"a byline after the dateline, read as a paragraph", dateline + "\nBy Jane Doe\n" + last,
			paragraphs(wire, rest, "By Jane Doe", last), true},
		{"a byline after the dateline kept in the text, read as a paragraph", dateline + "\nBy Jane Doe\n" + last,
			paragraphs(nil, dateline, "By Jane Doe", last), true},
		{"a byline read as one", "By Jane Doe\n" + dateline + "\n" + last,
			paragraphs(wire, rest, last), true},
		{"a line taken as a byline by one reading only", "By Christmas Eve\n" + dateline + "\n" + last,
			paragraphs(wire, rest, last), true},
		{"the same line read as a paragraph", "By Christmas Eve\n" + dateline + "\n" + last,
			paragraphs(nil, "By Christmas Eve", dateline, last), true},
		{"a byline and a word changed", "By Jane Doe\n" + dateline + "\n" + last,
			paragraphs(nil, "By Jane Doe", dateline, "Last synthetic word."), false},
		{"a first sentence opening with By", "By Tuesday, officials said the talks would end.\n" + last,
			paragraphs(nil, last), false},
		{"a byline after the second paragraph", dateline + "\n" + last + "\nBy Jane Doe",
			paragraphs(wire, rest, last), false},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			a, err := Parse([]byte("Synthetic headline\n" + tt.text + "\n"))
			if err != nil {
				t.Fatal(err)
			}
			if got := Fingerprint(a) == Fingerprint(tt.other); got != tt.same {
				t.Errorf("same fingerprint as %q: %v, want %v", tt.other.Paragraphs(), got, tt.same)
			}
		})
	}
}
