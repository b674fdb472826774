package prerender

import (
	"html"
	"regexp"
	"strconv"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// TestCompactHTML checks that the markup go-app writes comes back as the
// tree it describes: every text exactly as given, no white space between
// elements that the tree does not have.
func TestCompactHTML(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		ui       app.UI
		want     string
	}{
		{"one text", app.P().Text("plain"), `<p>plain</p>`},
		{"empty", app.Div(), `<div></div>`},
		{"void", app.Div().Body(app.Img().Src("/a.png"), app.Br()), `<div><img src="/a.png"><br></div>`},
		{"names joined", app.P().Body(app.Text("By "), app.Bdi().Text("A"), app.Text(", "), app.Bdi().Text("B"), app.Text(" and "), app.Bdi().Text("C")),
			`<p>By <bdi>A</bdi>, <bdi>B</bdi> and <bdi>C</bdi></p>`},
		{"spaces kept", app.P().Body(app.Text(" · "), app.Span().Text("x"), app.Text(" ")), `<p> · <span>x</span> </p>`},
		{"line breaks in a text", app.Div().Body(app.P().Text("one\n  two"), app.P().Body(app.Span().Text("a"), app.Text("b\n   c\n"))),
			"<div><p>one\n  two</p><p><span>a</span>b\n   c\n</p></div>"},
		{"nested", app.Div().Body(app.Ul().Body(app.Li().Body(app.A().Href("/x").Text("X")), app.Li().Text("Y"))),
			`<div><ul><li><a href="/x">X</a></li><li>Y</li></ul></div>`},
		{"empty text", app.P().Body(app.Text(""), app.Span().Text("a")), `<p><span>a</span></p>`},
		{"markup in text and attributes", app.P().Title(`a">b`).Body(app.Text("<b>"), app.Span().Text("&")),
			`<p title="a&#34;&gt;b">&lt;b&gt;<span>&amp;</span></p>`},
		{"raw markup kept as written", app.Div().Body(app.P().Text("a"), app.Raw(`<ul class="x&amp;y"><li title="&#34;">b &amp; c</li><li>d</li></ul>`)),
			`<div><p>a</p><ul class="x&amp;y"><li title="&#34;">b &amp; c</li><li>d</li></ul></div>`},
		{"raw markup alone", app.Div().Body(app.Raw(`<p><b>x</b></p>`)), `<div><p><b>x</b></p></div>`},
		{"raw markup opening with a text", app.Div().Body(app.Raw(`<h1 id="x">Latest <span class="y"> page 2</span></h1>`), app.P().Text("a")),
			`<div><h1 id="x">Latest <span class="y"> page 2</span></h1><p>a</p></div>`},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			got, ok := compactHTML(app.HTMLString(tt.ui))
			if !ok || got != tt.want {
				t.Errorf("compactHTML = %q, %v\nwant %q", got, ok, tt.want)
			}
		})
	}
	// What is not go-app's form is left as it is.
	for _, s := range []string{"<p>\nx</p>", "<p>", "text", "<div>\n  <p>a</p>\n</span>",
		"<div>\n  <ul><li>raw markup on two lines</li>\n</ul>\n</div>"} {
		if got, ok := compactHTML(s); ok || got != s {
			t.Errorf("compactHTML(%q) = %q, %v, want it returned as it is", s, got, ok)
		}
	}
}

func TestHTML(t *testing.T) {
	got, ok := HTML(app.P().Title("a \"quote\" and \u200c").Body(app.Text("x "), app.Span().Text("y")))
	if want := "<p title=\"a &#34;quote&#34; and \u200c\">x <span>y</span></p>"; !ok || got != want {
		t.Errorf("HTML = %q, %v, want %q", got, ok, want)
	}
}

// TestAttributesSorted checks that the same tree is the same markup on
// every render, whatever order go-app writes attributes in.
func TestAttributesSorted(t *testing.T) {
	ui := func() app.UI {
		return app.A().Href("/x").Class("c").ID("i").Title("t").Rel("r").Lang("en").Dir("auto").Text("x")
	}
	want, _ := HTML(ui())
	if want != `<a class="c" dir="auto" href="/x" id="i" lang="en" rel="r" title="t">x</a>` {
		t.Errorf("HTML = %s", want)
	}
	for range 20 {
		if got, _ := HTML(ui()); got != want {
			t.Fatalf("the same tree gave %s, then %s", want, got)
		}
	}
}

// TestFalseBooleanAttributes checks that a boolean attribute go-app sets
// to false is left out: HTML reads checked="false" as checked.
func TestFalseBooleanAttributes(t *testing.T) {
	got, ok := HTML(app.Div().Body(
		app.Input().Type("radio").Checked(false),
		app.Input().Type("radio").Checked(true),
		app.P().Hidden(false).Text("shown"),
		app.P().Hidden(true).Text("hidden"),
		app.P().Title("false").Text("a title may say false"),
	))
	want := `<div><input type="radio"><input checked type="radio"><p>shown</p><p hidden>hidden</p><p title="false">a title may say false</p></div>`
	if !ok || got != want {
		t.Errorf("HTML = %s, %v\nwant   %s", got, ok, want)
	}
}

// attrOracle is how HTML rewrote attribute values before htmlAttrValues:
// a regular expression, slower but plain to read. The two must agree.
var attrOracle = regexp.MustCompile(`="((?:[^"\\]|\\.)*)"`)

func oracleAttrValues(s string) string {
	return attrOracle.ReplaceAllStringFunc(s, func(m string) string {
		v, err := strconv.Unquote(m[1:])
		if err != nil {
			return m
		}
		return `="` + html.EscapeString(v) + `"`
	})
}

var attrCases = []string{
	``, `<p>x</p>`, `<a href="/x">X</a>`, `<p title="a\"b">c</p>`, `<p title="a \u200c b">`,
	`<p title="<&'>">`, `<p title="a\\">x="y"</p>`, `<p title="a\nb">`, "<p title=\"a\nb\">",
	`<p title="\x">`, `<p title="open`, `<p title="a\`, "=\"\\\n\" =\"b\\\"\"", `="" ="x"`,
	"<p title=\"\xff\">", `<p title="\xff">`, `<img alt="A \"B\" & C" src="/a.png"><p data-x="1">t</p>`,
}

// TestHTMLAttrValues checks the scanner against the regular expression it
// replaced.
func TestHTMLAttrValues(t *testing.T) {
	for _, s := range attrCases {
		if got, want := htmlAttrValues(s), oracleAttrValues(s); got != want {
			t.Errorf("htmlAttrValues(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzHTMLAttrValues(f *testing.F) {
	for _, s := range attrCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := htmlAttrValues(s), oracleAttrValues(s); got != want {
			t.Errorf("htmlAttrValues(%q) = %q, want %q", s, got, want)
		}
	})
}
