package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"dateline/app/article"
	"dateline/app/i18n"
)

// The Atom document as a reader parses it, with encoding/xml.
type (
	parsedFeed struct {
		XMLName xml.Name       `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string         `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		IDs     []string       `xml:"id"`
		Titles  []string       `xml:"title"`
		Updated []string       `xml:"updated"`
		Links   []parsedLink   `xml:"link"`
		Authors []parsedPerson `xml:"author"`
		Entries []parsedEntry  `xml:"entry"`
	}
	parsedEntry struct {
		Lang       string           `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		IDs        []string         `xml:"id"`
		Titles     []string         `xml:"title"`
		Updated    []string         `xml:"updated"`
		Published  []string         `xml:"published"`
		Links      []parsedLink     `xml:"link"`
		Authors    []parsedPerson   `xml:"author"`
		Categories []parsedCategory `xml:"category"`
		Summary    []string         `xml:"summary"`
		Content    []parsedContent  `xml:"content"`
	}
	parsedLink struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	}
	parsedPerson struct {
		Names []string `xml:"name"`
	}
	parsedCategory struct {
		Term   string `xml:"term,attr"`
		Scheme string `xml:"scheme,attr"`
		Label  string `xml:"label,attr"`
	}
	parsedContent struct {
		Type string `xml:"type,attr"`
		Div  struct {
			XMLName xml.Name
			Dir     string   `xml:"dir,attr"`
			P       []string `xml:"http://www.w3.org/1999/xhtml p"`
			Inner   string   `xml:",innerxml"`
		} `xml:"http://www.w3.org/1999/xhtml div"`
	}
)

func parseAtom(t *testing.T, b []byte) parsedFeed {
	t.Helper()
	var f parsedFeed
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	if err := d.Decode(&f); err != nil {
		t.Fatalf("the feed is not well-formed Atom: %v\n%s", err, b)
	}
	return f
}

// checkRFC4287 checks the elements RFC 4287 requires (4.1.1, 4.1.2) and
// the forms it gives their values.
func checkRFC4287(t *testing.T, f parsedFeed) {
	t.Helper()
	one := func(where, what string, vs []string) {
		if len(vs) != 1 || strings.TrimSpace(vs[0]) == "" {
			t.Errorf("%s: %d %s elements %q, want exactly one, not empty", where, len(vs), what, vs)
		}
	}
	date := func(where string, vs []string) {
		for _, v := range vs {
			if _, err := time.Parse(time.RFC3339, v); err != nil {
				t.Errorf("%s: %q is not an RFC 3339 date-time: %v", where, v, err)
			}
		}
	}
	absoluteIRI := func(where string, vs []string) {
		for _, v := range vs {
			if u, err := url.Parse(v); err != nil || u.Scheme == "" {
				t.Errorf("%s: id %q is not an absolute IRI", where, v)
			}
		}
	}
	one("feed", "id", f.IDs)
	absoluteIRI("feed", f.IDs)
	one("feed", "title", f.Titles)
	one("feed", "updated", f.Updated)
	date("feed updated", f.Updated)
	for _, a := range f.Authors {
		one("feed author", "name", a.Names)
	}
	ids := map[string]bool{}
	for i, e := range f.Entries {
		where := fmt.Sprintf("entry %d", i)
		one(where, "id", e.IDs)
		absoluteIRI(where, e.IDs)
		for _, id := range e.IDs {
			if ids[id] {
				t.Errorf("%s: id %s is not unique", where, id)
			}
			ids[id] = true
		}
		one(where, "title", e.Titles)
		one(where, "updated", e.Updated)
		date(where+" updated", e.Updated)
		date(where+" published", e.Published)
		if len(e.Published) > 1 {
			t.Errorf("%s: %d published elements", where, len(e.Published))
		}
		if len(e.Authors) == 0 && len(f.Authors) == 0 {
			t.Errorf("%s: no author, and the feed has none", where)
		}
		for _, a := range e.Authors {
			one(where+" author", "name", a.Names)
		}
		if len(e.Summary) != 1 {
			t.Errorf("%s: %d summaries, want one (Dateline always gives it)", where, len(e.Summary))
		}
		alternates := 0
		for _, l := range e.Links {
			if l.Href == "" {
				t.Errorf("%s: a link without href", where)
			}
			if l.Rel == "alternate" {
				alternates++
			}
		}
		if len(e.Content) == 0 && alternates == 0 {
			t.Errorf("%s: no content and no alternate link (RFC 4287 4.1.1.1)", where)
		}
		if alternates > 1 {
			t.Errorf("%s: %d alternate links of one type", where, alternates)
		}
	}
}

func linkHref(links []parsedLink, rel string) (string, bool) {
	for _, l := range links {
		if l.Rel == rel {
			return l.Href, true
		}
	}
	return "", false
}

func TestAtom(t *testing.T) {
	long := bareArticle("long-story")
	long.Body = []article.Block{paragraph(longText(1500)), paragraph(longText(501))}
	entries := func() []Entry {
		return []Entry{NewEntry(fullArticle(), testLabels), NewEntry(bareArticle("second-story"), testLabels), NewEntry(long, testLabels)}
	}
	for _, tt := range []struct {
		scenario string
		site     article.Site
		feed     Feed
		check    func(t *testing.T, f parsedFeed)
	}{
		{
			scenario: "site URL known: absolute links",
			site:     siteWithURL(),
			feed:     Feed{Path: "/feed.xml", Page: "/", Entries: entries()},
			check: func(t *testing.T, f parsedFeed) {
				for rel, want := range map[string]string{"self": testOrigin + "/feed.xml", "alternate": testOrigin + "/"} {
					if got, _ := linkHref(f.Links, rel); got != want {
						t.Errorf("feed link rel=%s = %q, want %q", rel, got, want)
					}
				}
				if got, want := f.Titles[0], "Placeholder News"; got != want {
					t.Errorf("title %q, want the site's name %q", got, want)
				}
				if got, _ := linkHref(f.Entries[0].Links, "alternate"); got != testOrigin+"/articles/lorem-ipsum" {
					t.Errorf("entry link %q", got)
				}
				want := []parsedCategory{
					{Term: "middle-east-gulf", Scheme: testOrigin + "/sections/", Label: "Middle East & Gulf"},
					{Term: "alpha", Scheme: testOrigin + "/tags/", Label: "Alpha"},
					{Term: "beta-gamma", Scheme: testOrigin + "/tags/", Label: "Beta Gamma"},
				}
				if got := f.Entries[0].Categories; fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("categories %+v, want %+v", got, want)
				}
			},
		},
		{
			scenario: "site URL unknown: relative entry links, no self link",
			site:     siteWithoutURL(),
			feed:     Feed{Path: "/feed.xml", Page: "/", Entries: entries()},
			check: func(t *testing.T, f parsedFeed) {
				if len(f.Links) != 0 {
					t.Errorf("feed links %+v, want none without the site's URL", f.Links)
				}
				for i, e := range f.Entries {
					href, ok := linkHref(e.Links, "alternate")
					if !ok || !strings.HasPrefix(href, "/articles/") {
						t.Errorf("entry %d: alternate link %q, want a relative /articles/ reference", i, href)
					}
					for _, c := range e.Categories {
						if c.Scheme != "" {
							t.Errorf("entry %d: category scheme %q without the site's URL", i, c.Scheme)
						}
					}
				}
			},
		},
		{
			scenario: "the feed is updated when its newest entry was, whatever the order",
			site:     siteWithURL(),
			feed: Feed{Path: "/feed.xml", Page: "/", Entries: []Entry{
				{Slug: "a", Headline: "A", Published: "2023-05-01"},
				{Slug: "b", Headline: "B", Published: "2022-01-01", Updated: "2024-06-30T23:00:00-02:00"},
				{Slug: "c", Headline: "C"},
			}},
			check: func(t *testing.T, f parsedFeed) {
				if got, want := f.Updated[0], "2024-06-30T23:00:00-02:00"; got != want {
					t.Errorf("feed updated %s, want %s", got, want)
				}
				wantEntries := [][2]string{ // updated, published
					{"2023-05-01T00:00:00Z", "2023-05-01T00:00:00Z"},
					{"2024-06-30T23:00:00-02:00", "2022-01-01T00:00:00Z"},
					{"1970-01-01T00:00:00Z", ""},
				}
				for i, w := range wantEntries {
					e := f.Entries[i]
					if e.Updated[0] != w[0] || strings.Join(e.Published, "") != w[1] {
						t.Errorf("entry %d: updated %v published %v, want %v", i, e.Updated, e.Published, w)
					}
				}
			},
		},
		{
			scenario: "no dates at all: the fixed fallback, not the clock",
			site:     siteWithURL(),
			feed:     Feed{Path: "/feed.xml", Page: "/", Entries: []Entry{NewEntry(bareArticle("undated"), testLabels)}},
			check: func(t *testing.T, f parsedFeed) {
				if got, want := f.Updated[0], "1970-01-01T00:00:00Z"; got != want {
					t.Errorf("feed updated %s, want %s", got, want)
				}
			},
		},
		{
			scenario: "no entries: still a valid feed",
			site:     siteWithoutURL(),
			feed:     Feed{Path: "/sections/lorem/feed.xml", Page: "/sections/lorem", Title: "Lorem"},
			check: func(t *testing.T, f parsedFeed) {
				if len(f.Entries) != 0 || f.Titles[0] != "Lorem" || len(f.Authors) != 1 {
					t.Errorf("entries %d, title %q, authors %+v", len(f.Entries), f.Titles[0], f.Authors)
				}
			},
		},
		{
			scenario: "authors: the article's; the feed's is the publisher, and stands for an unsigned entry",
			site:     siteWithURL(),
			feed:     Feed{Path: "/feed.xml", Page: "/", Entries: entries()[:2]},
			check: func(t *testing.T, f parsedFeed) {
				got := [][]string{}
				for _, e := range f.Entries {
					var names []string
					for _, a := range e.Authors {
						names = append(names, a.Names...)
					}
					got = append(got, names)
				}
				want := [][]string{{"Ada Placeholder", "Bo Example"}, nil}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("entry authors %q, want %q", got, want)
				}
				if f.Authors[0].Names[0] != "Example Publishing" {
					t.Errorf("feed author %q", f.Authors[0].Names)
				}
			},
		},
		{
			scenario: "no publisher: the site's name is the feed's author, the unsigned entry has none",
			site:     siteWithoutURL(),
			feed:     Feed{Path: "/feed.xml", Page: "/", Entries: entries()[1:2]},
			check: func(t *testing.T, f parsedFeed) {
				if got := f.Authors; len(got) != 1 || got[0].Names[0] != "Placeholder News" {
					t.Errorf("feed authors %+v, want the site's name", got)
				}
				if got := f.Entries[0].Authors; len(got) != 0 {
					t.Errorf("entry authors %+v, want none: the article names none", got)
				}
			},
		},
		{
			scenario: "full text for a short article, summary only for a long one",
			site:     siteWithURL(),
			feed:     Feed{Path: "/feed.xml", Page: "/", Entries: entries()},
			check: func(t *testing.T, f parsedFeed) {
				short := f.Entries[0]
				if len(short.Content) != 1 || short.Content[0].Type != "xhtml" {
					t.Fatalf("short article: content %+v, want one xhtml content", short.Content)
				}
				ps := fullArticle().Paragraphs()
				want := `<figure><figcaption>Photo caption: A caption without a photo.</figcaption></figure>` +
					`<figure><img src="` + testOrigin + `/web/images/placeholder.jpg" alt="A placeholder scene" width="1200" height="800"></img>` +
					`<figcaption>Placeholder photo.</figcaption></figure>` +
					`<p><strong>PLACEVILLE (Example Wire) – </strong>` + ps[0] + `</p>` +
					`<p>Read More: Placeholder related story (not in this collection)</p>` +
					`<p>` + ps[1] + `</p>`
				if got := short.Content[0].Div.Inner; got != want {
					t.Errorf("content\n%s\nwant\n%s", got, want)
				}
				if got, want := short.Summary[0], fullArticle().Excerpt(article.ExcerptLength); got != want {
					t.Errorf("summary %q, want the excerpt %q", got, want)
				}
				if len(f.Entries[2].Content) != 0 {
					t.Errorf("a 2,001-character article has content; want its summary and link only")
				}
			},
		},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			b, err := Atom(tt.site, tt.feed)
			if err != nil {
				t.Fatal(err)
			}
			f := parseAtom(t, b)
			checkRFC4287(t, f)
			tt.check(t, f)
			again, err := Atom(tt.site, tt.feed)
			if err != nil || !bytes.Equal(again, b) {
				t.Errorf("a second run gave other bytes (err %v)", err)
			}
		})
	}
}

func TestAtomIDs(t *testing.T) {
	entry := []Entry{NewEntry(bareArticle("stable-story"), testLabels)}
	ids := func(site article.Site, path string) (feed, first string) {
		t.Helper()
		b, err := Atom(site, Feed{Path: path, Page: "/", Entries: entry})
		if err != nil {
			t.Fatal(err)
		}
		f := parseAtom(t, b)
		return f.IDs[0], f.Entries[0].IDs[0]
	}
	feed, first := ids(siteWithURL(), "/feed.xml")
	if !strings.HasPrefix(feed, "urn:uuid:") || !strings.HasPrefix(first, "urn:uuid:") {
		t.Fatalf("ids %s and %s are not urn:uuid", feed, first)
	}
	for _, tt := range []struct {
		scenario string
		site     article.Site
		path     string
		same     bool
	}{
		{"another host", article.Site{Name: "Placeholder News", URL: "https://staging.example.org"}, "/feed.xml", true},
		{"no URL", siteWithoutURL(), "/feed.xml", true},
		{"another publisher", article.Site{Name: "Placeholder News", Publisher: "Other"}, "/feed.xml", true},
		{"English written in capitals", article.Site{Name: "Placeholder News", Lang: "EN"}, "/feed.xml", true},
		{"another site", article.Site{Name: "Other Placeholder", URL: testOrigin}, "/feed.xml", false},
		// A newsroom's editions most often share its name, and a
		// translation may keep the original's slug.
		{"the Sorani edition of the same name", article.Site{Name: "Placeholder News", Lang: "ckb", URL: "https://ckb.example.org"}, "/feed.xml", false},
		{"the Arabic edition of the same name", article.Site{Name: "Placeholder News", Lang: "ar"}, "/feed.xml", false},
		{"the British edition of the same name", article.Site{Name: "Placeholder News", Lang: "en-GB"}, "/feed.xml", false},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			f, e := ids(tt.site, tt.path)
			if tt.same && (f != feed || e != first) || !tt.same && (f == feed || e == first) {
				t.Errorf("ids %s, %s against %s, %s: want the same: %v", f, e, feed, first, tt.same)
			}
		})
	}
	if f, _ := ids(siteWithURL(), "/sections/lorem/feed.xml"); f == feed {
		t.Errorf("two feeds share the id %s", f)
	}
	arFeed, arEntry := ids(article.Site{Name: "Placeholder News", Lang: "ar"}, "/feed.xml")
	ckbFeed, ckbEntry := ids(article.Site{Name: "Placeholder News", Lang: "ckb"}, "/feed.xml")
	if arFeed == ckbFeed || arEntry == ckbEntry {
		t.Errorf("the Arabic and Sorani editions of one name share ids: %s, %s and %s, %s", arFeed, arEntry, ckbFeed, ckbEntry)
	}
	// The ids readers already hold: a change in how they are made makes
	// every entry of every feed new to them.
	if want := "urn:uuid:5f882614-7083-5b1f-8561-779d6ab534c3"; first != want {
		t.Errorf("entry id %s, want %s as before", first, want)
	}
	if want := "urn:uuid:46ed1abf-ef9c-5925-85eb-09e32a752863"; feed != want {
		t.Errorf("feed id %s, want %s as before", feed, want)
	}
}

// TestNameUUID checks the version 5 UUID against RFC 9562's example
// (Appendix A.4: the DNS namespace and "www.example.com").
func TestNameUUID(t *testing.T) {
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	if got, want := nameUUID(dns, "www.example.com"), "urn:uuid:2ed6657d-e927-568b-95e1-2665a8aea6a2"; got != want {
		t.Errorf("nameUUID = %s, want %s", got, want)
	}
}

func TestAtomText(t *testing.T) {
	hostile := bareArticle("hostile")
	hostile.Headline = `</title><script>alert("x")</script> & ]]> <![CDATA[ 'q'`
	hostile.Authors = []string{"<b>Ada</b> & Co"}
	hostile.Tags = []string{`Tag "quoted" <x>`}
	hostile.Body = []article.Block{paragraph("First & <second> paragraph ]]>"), paragraph("سڵاو")}
	hostile.Lang = "ckb"
	b, err := Atom(siteWithURL(), Feed{Path: "/feed.xml", Page: "/", Entries: []Entry{NewEntry(hostile, testLabels)}})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("<script")) || bytes.Contains(b, []byte("<b>")) {
		t.Errorf("markup from the data reached the feed unescaped:\n%s", b)
	}
	f := parseAtom(t, b)
	e := f.Entries[0]
	if e.Titles[0] != hostile.Headline || e.Authors[0].Names[0] != hostile.Authors[0] || e.Categories[0].Label != hostile.Tags[0] {
		t.Errorf("text did not survive: title %q, author %q, category %q", e.Titles[0], e.Authors[0].Names[0], e.Categories[0].Label)
	}
	if got := e.Content[0].Div.P; fmt.Sprint(got) != fmt.Sprint(hostile.Paragraphs()) {
		t.Errorf("paragraphs %q", got)
	}
	if e.Lang != "ckb" || e.Content[0].Div.Dir != "rtl" || f.Lang != "en" {
		t.Errorf("entry xml:lang %q, content dir %q, feed xml:lang %q; want ckb, rtl, en", e.Lang, e.Content[0].Div.Dir, f.Lang)
	}
}

func TestAtomEntries(t *testing.T) {
	var entries []Entry
	for i := range 60 {
		entries = append(entries, NewEntry(bareArticle(fmt.Sprintf("story-%02d", i)), testLabels))
	}
	b, err := Atom(siteWithURL(), Feed{Path: "/feed.xml", Page: "/", Entries: entries})
	if err != nil {
		t.Fatal(err)
	}
	f := parseAtom(t, b)
	if len(f.Entries) != MaxEntries {
		t.Fatalf("%d entries, want %d", len(f.Entries), MaxEntries)
	}
	if got := f.Entries[MaxEntries-1].Titles[0]; got != "Placeholder story-49" {
		t.Errorf("last entry %q, want the 50th given", got)
	}
}

func TestNewEntry(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		lengths  []int
		full     bool
	}{
		{"one short paragraph", []int{100}, true},
		{"exactly the limit", []int{1000, 1000}, true},
		{"one character over", []int{1000, 1001}, false},
		{"one long paragraph", []int{5000}, false},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			a := bareArticle("sized")
			a.Body = nil
			for _, n := range tt.lengths {
				a.Body = append(a.Body, paragraph(longText(n)), article.Block{Type: article.ReadMore, Link: article.Link{Title: longText(300)}})
			}
			e := NewEntry(a, testLabels)
			if got := e.Content != nil; got != tt.full {
				t.Errorf("full text = %v, want %v", got, tt.full)
			}
			if e.Summary != a.Excerpt(article.ExcerptLength) {
				t.Errorf("summary %q is not the excerpt", e.Summary)
			}
		})
	}
	// Characters, not bytes: 2,000 Arabic-script letters are 4,000 bytes.
	a := bareArticle("runes")
	a.Body = []article.Block{paragraph(strings.Repeat("س", FullTextLength))}
	if NewEntry(a, testLabels).Content == nil {
		t.Errorf("2,000 characters of Arabic script are counted as more")
	}
}

func TestAtomErrors(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		site     article.Site
		feed     Feed
		want     string
	}{
		{"a date that is not one", siteWithURL(), Feed{Path: "/feed.xml", Page: "/", Entries: []Entry{{Slug: "x", Headline: "X", Published: "yesterday"}}}, `entry 0 (x): published "yesterday"`},
		{"an entry without a slug", siteWithURL(), Feed{Path: "/feed.xml", Page: "/", Entries: []Entry{{Headline: "X"}}}, "slug"},
		{"a feed path that is a URL", siteWithURL(), Feed{Path: "https://example.org/feed.xml", Page: "/"}, "feed path"},
		{"a site URL the model refuses", article.Site{URL: "http://news.example.org"}, Feed{Path: "/feed.xml", Page: "/"}, "https"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			_, err := Atom(tt.site, tt.feed)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

// TestAtomShippedDataset makes the feed of the bundled dataset, which has
// no dates, authors or site URL: a valid feed all the same.
func TestAtomShippedDataset(t *testing.T) {
	d := shippedDataset(t)
	var entries []Entry
	for i := range d.Articles {
		entries = append(entries, NewEntry(&d.Articles[i], testLabels))
	}
	b, err := Atom(d.Site.WithDefaults(), Feed{Path: "/feed.xml", Page: "/", Entries: entries})
	if err != nil {
		t.Fatal(err)
	}
	f := parseAtom(t, b)
	checkRFC4287(t, f)
	if got, want := f.Entries[0].Titles[0], d.Articles[0].Headline; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if got := f.Updated[0]; got != "1970-01-01T00:00:00Z" {
		t.Errorf("updated %s for a dataset without dates, want the fixed fallback", got)
	}
	// The seed story names no author: its entry must not name one (the
	// site's name would read as its byline in a feed reader).
	for i, e := range f.Entries {
		if len(d.Articles[i].Authors) == 0 && len(e.Authors) != 0 {
			t.Errorf("entry %d (%s), which has no author in the data, has authors %+v", i, d.Articles[i].Slug, e.Authors)
		}
	}
}

// TestAtomContent checks an entry's content against its page: figures
// with their photo, caption and credit, the dateline, the "Read More"
// links by where they lead, labels from the edition's table, and text
// from the data kept as text, with no address that could run a script.
// The article is in Sorani and its text in English: each piece of the
// text is set left to right, as the page sets it (TestAtomContentTextDirection).
func TestAtomContent(t *testing.T) {
	a := bareArticle("content-story")
	a.Lang = "ckb"
	a.Dateline = &article.Dateline{Place: "TESTVILLE", Source: `Synthetic <Wire> & Co`}
	a.Figures = []article.Figure{
		{Caption: `Synthetic caption <b>bold</b>`, Credit: "Photo: synthetic & fixture",
			Image: &article.Image{Src: "/web/images/synthetic.jpg", Alt: `Alt "quoted" <i>`, Width: 640, Height: 480}},
		{Caption: "A remote synthetic photo.", Image: &article.Image{Src: "https://img.example.org/x.jpg"}},
		{Credit: "Script source dropped", Image: &article.Image{Src: "javascript:alert(1)", Alt: "x"}},
	}
	a.Body = []article.Block{
		paragraph("First synthetic paragraph </p><script>alert(1)</script>"),
		{Type: article.ReadMore, Link: article.Link{Title: "Synthetic inside", Slug: "other-story"}},
		{Type: article.ReadMore, Link: article.Link{Title: "Synthetic outside", URL: "https://example.org/elsewhere?a=1&b=2"}},
		{Type: article.ReadMore, Link: article.Link{Title: "Synthetic script link", URL: "javascript:alert(1)"}},
		paragraph("Second synthetic paragraph."),
	}
	labels := i18n.New("ckb", map[string]string{string(i18n.ReadMore): "زیاتر:", string(i18n.NotInCollection): "(نییە)"})
	const (
		figures = `<figure><img src="%[1]s/web/images/synthetic.jpg" alt="Alt &#34;quoted&#34; &lt;i&gt;" width="640" height="480"></img>` +
			`<figcaption><span dir="ltr">Synthetic caption &lt;b&gt;bold&lt;/b&gt;</span> <small dir="ltr">Photo: synthetic &amp; fixture</small></figcaption></figure>` +
			`<figure><img src="https://img.example.org/x.jpg" alt=""></img><figcaption><span dir="ltr">A remote synthetic photo.</span></figcaption></figure>` +
			`<figure><figcaption><small dir="ltr">Script source dropped</small></figcaption></figure>`
		body = `<p dir="ltr"><strong>TESTVILLE (Synthetic &lt;Wire&gt; &amp; Co) – </strong>First synthetic paragraph &lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>` +
			`<p>زیاتر: <a href="%[1]s/articles/other-story" dir="ltr">Synthetic inside</a></p>` +
			`<p>زیاتر: <a href="https://example.org/elsewhere?a=1&amp;b=2">Synthetic outside</a></p>` +
			`<p>زیاتر: <span dir="ltr">Synthetic script link</span> (نییە)</p>` +
			`<p dir="ltr">Second synthetic paragraph.</p>`
	)
	for _, tt := range []struct {
		scenario string
		site     article.Site
		origin   string
	}{
		{"site URL known: absolute addresses", siteWithURL(), testOrigin},
		{"site URL unknown: paths of the site", siteWithoutURL(), ""},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			b, err := Atom(tt.site, Feed{Path: "/feed.xml", Page: "/", Entries: []Entry{NewEntry(a, labels)}})
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte("<script")) || bytes.Contains(b, []byte("javascript:")) {
				t.Errorf("markup or a script address from the data reached the feed:\n%s", b)
			}
			c := parseAtom(t, b).Entries[0].Content
			if len(c) != 1 || c[0].Type != "xhtml" || c[0].Div.Dir != "rtl" {
				t.Fatalf("content %+v, want one xhtml content, right to left", c)
			}
			if got, want := c[0].Div.Inner, fmt.Sprintf(figures+body, tt.origin); got != want {
				t.Errorf("content\n%s\nwant\n%s", got, want)
			}
			it := parseGofeed(t, b).Items[0]
			if !strings.Contains(it.Content, "First synthetic paragraph &lt;/p&gt;&lt;script&gt;") {
				t.Errorf("a feed reader does not read the paragraph as text: %s", it.Content)
			}
		})
	}
}

// TestAtomContentLabelDirection: an Arabic article in an edition whose
// labels are English has each label set apart in its own direction, or its
// colon and parentheses would land on the other side; an article in the
// labels' direction has them as plain text.
func TestAtomContentLabelDirection(t *testing.T) {
	a := bareArticle("label-direction")
	a.Figures = []article.Figure{{Caption: "تعليق اصطناعي."}}
	a.Body = []article.Block{
		paragraph("فقرة اصطناعية."),
		{Type: article.ReadMore, Link: article.Link{Title: "خبر اصطناعي", Slug: "other-story"}},
		{Type: article.ReadMore, Link: article.Link{Title: "خبر اصطناعي آخر"}},
	}
	readMore, caption, notIn := testLabels.Text(i18n.ReadMore), testLabels.Text(i18n.PhotoCaption), testLabels.Text(i18n.NotInCollection)
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"ar", []string{
			`<figcaption><span dir="ltr">` + caption + `</span> تعليق اصطناعي.</figcaption>`,
			`<p><span dir="ltr">` + readMore + `</span> <a href=`,
			`<p><span dir="ltr">` + readMore + `</span> خبر اصطناعي آخر <span dir="ltr">` + notIn + `</span></p>`,
		}},
		{"en", []string{
			`<figcaption>` + caption + ` <span dir="rtl">تعليق اصطناعي.</span></figcaption>`,
			`<p dir="rtl">فقرة اصطناعية.</p>`,
			`<p>` + readMore + ` <a href=`,
			`<p>` + readMore + ` <span dir="rtl">خبر اصطناعي آخر</span> ` + notIn + `</p>`,
		}},
	} {
		a.Lang = tt.lang
		b, err := Atom(siteWithURL(), Feed{Path: "/feed.xml", Page: "/", Entries: []Entry{NewEntry(a, testLabels)}})
		if err != nil {
			t.Fatal(err)
		}
		inner := parseAtom(t, b).Entries[0].Content[0].Div.Inner
		for _, want := range tt.want {
			if !strings.Contains(inner, want) {
				t.Errorf("%s article: content lacks %s:\n%s", tt.lang, want, inner)
			}
		}
	}
}

// TestAtomContentTextDirection: text of an entry's content written mostly
// in the other direction than its article's language (a Sorani paragraph
// in an English article, an English one in an Arabic article) is set in
// its own, as on the article's page (components/direction.go); text in
// its article's direction, even opening with a letter of the other, is
// left to the content's.
func TestAtomContentTextDirection(t *testing.T) {
	const (
		ckb = "بەرپرسێک گوتی ١٢٣ کەس hello world ٤٥٦."
		en  = "The sign read «هەولێر ٢٤ کیلۆمەتر» in 2026, said the synthetic officer."
		ar  = "XYZ قال إن مستدرة زاقن في ٢٠٢٦."
	)
	for _, tt := range []struct {
		lang, own, other, dir string
	}{
		{"en", en, ckb, "rtl"},
		{"ar", ar, en, "ltr"},
	} {
		a := bareArticle("text-direction")
		a.Lang = tt.lang
		a.Figures = []article.Figure{{Caption: tt.other, Credit: tt.own}}
		a.Body = []article.Block{
			paragraph(tt.own),
			paragraph(tt.other),
			{Type: article.ReadMore, Link: article.Link{Title: tt.other, Slug: "other-story"}},
		}
		b, err := Atom(siteWithURL(), Feed{Path: "/feed.xml", Page: "/", Entries: []Entry{NewEntry(a, i18n.New(tt.lang, nil))}})
		if err != nil {
			t.Fatal(err)
		}
		inner := parseAtom(t, b).Entries[0].Content[0].Div.Inner
		for _, want := range []string{
			`<span dir="` + tt.dir + `">` + tt.other + `</span> <small>`,
			`<p>` + tt.own + `</p>`,
			`<p dir="` + tt.dir + `">` + tt.other + `</p>`,
			`/articles/other-story" dir="` + tt.dir + `">`,
		} {
			if !strings.Contains(inner, want) {
				t.Errorf("%s article: content lacks %s:\n%s", tt.lang, want, inner)
			}
		}
	}
}
