package components

import (
	"encoding/json"
	"strings"
	"testing"

	"dateline/app/article"
	"dateline/app/page"
	"dateline/internal/htmltest"
)

// The markup that web/reader.js drives: its tests in Chromium are in
// tests/browser/reader_test.go; these check what the components draw.

func TestReadingTime(t *testing.T) {
	words := func(n int, w string) string { return strings.TrimSpace(strings.Repeat(w+" ", n)) }
	for _, tt := range []struct {
		scenario string
		lang     string
		text     string
		want     string
	}{
		// English reads 987 characters a minute: 1,974 is two minutes,
		// one more is three.
		{"English, two minutes", "en", strings.Repeat("x", 1974), "2 min read"},
		{"English, a character over", "en", strings.Repeat("x", 1975), "3 min read"},
		{"a few words is one minute", "en", "Synthetic words.", "1 min read"},
		// Arabic reads 612 a minute: the same length takes longer.
		{"Arabic script, slower", "ar", words(494, "کتێب"), "5 min read"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			a := story()
			a.Lang = tt.lang
			a.Body = []article.Block{{Type: article.Paragraph, Text: tt.text}}
			_, root := render(t, &ArticleView{Site: testSite, Story: &page.Story{Article: a}})
			got := root.WithClass("story-reading-time")
			if len(got) != 1 || got[0].TextContent() != tt.want {
				t.Fatalf("reading time %d elements, want one %q", len(got), tt.want)
			}
		})
	}
}

func TestArticleToolbar(t *testing.T) {
	_, root := render(t, &ArticleView{Site: testSite, Story: &page.Story{Article: story()}})
	bars := root.WithClass("story-tools")
	if len(bars) != 1 || bars[0].Attrs["role"] != "group" || bars[0].Attrs["aria-label"] != "Article tools" {
		t.Fatalf("want one labelled group of tools, got %d", len(bars))
	}
	buttons := bars[0].All("button")
	var got []string
	for _, b := range buttons {
		got = append(got, b.TextContent()+"|"+b.Attrs["type"]+"|"+b.Attrs["aria-pressed"])
	}
	want := "Save for later|button|false Share|button| Listen|button|false"
	if strings.Join(got, " ") != want {
		t.Errorf("toolbar buttons %q, want %q", got, want)
	}
	arts := root.All("article")
	if len(arts) != 1 || arts[0].Attrs["data-slug"] != "synthetic-story" {
		t.Errorf("the article does not carry its slug for reader.js")
	}
	if n := len(root.WithClass("reading-progress")); n != 1 {
		t.Errorf("%d progress bars, want 1", n)
	}
	if n := len(root.WithClass("print-note")); n != 1 {
		t.Errorf("%d print notes, want 1", n)
	}
}

func TestCaptionWithoutPhoto(t *testing.T) {
	a := story() // its figure is a caption alone
	_, root := render(t, &ArticleView{Site: testSite, Story: &page.Story{Article: a}})
	figs := root.WithClass("figure-no-image")
	if len(figs) != 1 {
		t.Fatalf("%d photo-less figures, want 1", len(figs))
	}
	if got, want := figs[0].TextContent(), "Photo caption: Synthetic caption for test figure. Photo: test fixture"; got != want {
		t.Errorf("caption %q, want %q", got, want)
	}
	a.Figures[0].Image = &article.Image{Src: "/synthetic.jpg", Alt: "Synthetic", Width: 4, Height: 3}
	_, root = render(t, &ArticleView{Site: testSite, Story: &page.Story{Article: a}})
	if n := len(root.WithClass("figure-label")) + len(root.WithClass("figure-no-image")); n != 0 {
		t.Errorf("a caption under its photo is labelled as photo-less")
	}
}

func TestSavedPage(t *testing.T) {
	ref := page.Parse(page.SavedPath)
	_, root := render(t, View(testSite, ref, page.Data{}))
	h1 := root.All("h1")
	if len(h1) != 1 || h1[0].TextContent() != "Saved articles" {
		t.Fatalf("want the h1 Saved articles")
	}
	if n := len(root.WithClass("saved-list")); n != 1 {
		t.Errorf("%d saved lists, want 1", n)
	}
	if e := root.WithClass("saved-empty"); len(e) != 1 || has(e[0], "hidden") {
		t.Errorf("the empty note must be in the page, not hidden: the stylesheet hides it when something is saved")
	}
	if m := MetaOf(testSite, ref, page.Data{}); m.Title != "Saved articles · Synthetic Times" {
		t.Errorf("title %q", m.Title)
	}
	if n := len(root.WithClass("story")); n != 0 {
		t.Errorf("the saved page drew an article")
	}
}

func TestContinueReadingOnHomeOnly(t *testing.T) {
	for _, tt := range []struct {
		ref  page.Ref
		l    *page.List
		want int
	}{
		{page.HomeRef(1), list("", 1, 2), 1},
		{page.HomeRef(2), list("", 2, 2), 0},
		{page.SectionRef("world", 1), list("World", 1, 1), 0},
	} {
		_, root := render(t, View(testSite, tt.ref, page.Data{List: tt.l}))
		c := root.WithClass("continue")
		if len(c) != tt.want {
			t.Errorf("%s: %d continue sections, want %d", tt.ref.Path(), len(c), tt.want)
			continue
		}
		if tt.want == 1 && (!has(c[0], "hidden") || c[0].All("h2")[0].TextContent() != "Continue reading") {
			t.Errorf("%s: the continue section must start hidden, headed Continue reading", tt.ref.Path())
		}
	}
}

func TestHeaderTools(t *testing.T) {
	_, root := render(t, View(testSite, page.HomeRef(1), page.Data{List: list("", 1, 1)}))
	saved := root.WithClass("tool-saved")
	if len(saved) != 1 || saved[0].Attrs["href"] != "/saved" {
		t.Errorf("want a link to /saved in the header")
	}
	s := root.WithClass("tool-settings")
	if len(s) != 1 || s[0].TextContent() != "AaReading settings" || s[0].Attrs["aria-controls"] != "reader-settings" {
		t.Errorf("want the Reading settings button, got %d", len(s))
	}
	st := root.WithClass("status-text")
	if len(st) != 1 || st[0].Attrs["aria-live"] != "" || st[0].TextContent() != "" {
		t.Errorf("want one empty status text, not live: its percentages would be read out one by one")
	}
	if len(st) == 1 && st[0].Attrs["aria-hidden"] != "true" {
		t.Errorf("want the status text hidden from screen readers, which read its live copy: browsing read it twice")
	}
	live := root.WithClass("status-live")
	if len(live) != 1 || live[0].Attrs["aria-live"] != "polite" || !has(live[0], "class") || live[0].TextContent() != "" {
		t.Errorf("want one empty live region for the status's changes of state")
	}
	if b := root.WithClass("install-button"); len(b) != 1 || !has(b[0], "hidden") || b[0].TextContent() != "Install app" {
		t.Errorf("want a hidden, labelled install button")
	}
}

func TestPanels(t *testing.T) {
	var b strings.Builder
	for _, ui := range Panels(testSite) {
		s, _ := render(t, ui)
		b.WriteString(s)
	}
	labelsJSON, err := ReaderLabels(testSite)
	if err != nil {
		t.Fatal(err)
	}
	root := htmltest.Parse(t, "<div>"+b.String()+"</div>")
	settings := root.Find("dialog", "id", "reader-settings")
	if len(settings) != 1 || settings[0].Attrs["aria-labelledby"] != "reader-settings-title" {
		t.Fatalf("want the labelled settings dialog")
	}
	for name, want := range map[string]string{
		"width":   "narrow medium wide",
		"leading": "tight normal loose",
		"theme":   "auto light sepia dark",
		"font":    "serif sans",
	} {
		var values []string
		checked := 0
		for _, in := range settings[0].Find("input", "name", name) {
			values = append(values, in.Attrs["value"])
			if has(in, "checked") {
				checked++
			}
			if len(root.Find("label", "for", in.Attrs["id"])) != 1 {
				t.Errorf("%s %s has no label", name, in.Attrs["value"])
			}
		}
		if strings.Join(values, " ") != want || checked != 1 {
			t.Errorf("%s: %q with %d checked, want %q with one", name, values, checked, want)
		}
	}
	size := root.Find("input", "id", "setting-size")
	if len(size) != 1 || size[0].Attrs["max"] != "7" || size[0].Attrs["value"] != "2" {
		t.Errorf("the text size has 8 steps from 0, at 2 (100%%)")
	}
	if SizeSteps[DefaultSize] != 100 || len(SizeSteps) < 7 {
		t.Errorf("size steps %v", SizeSteps)
	}
	if len(root.Find("dialog", "id", "reader-keys")) != 1 {
		t.Error("no shortcuts dialog")
	}
	if kbd := root.All("kbd"); len(kbd) != 7 {
		t.Errorf("%d shortcuts listed, want 7", len(kbd))
	}
	var got struct {
		Texts  map[string]string
		Sizes  []int
		Digits string
	}
	if err := json.Unmarshal([]byte(labelsJSON), &got); err != nil {
		t.Fatalf("labels: %v", err)
	}
	if got.Texts["offline.saving"] != "Saving for offline {percent}%" || got.Digits != "0123456789" || len(got.Sizes) != len(SizeSteps) {
		t.Errorf("labels %+v", got)
	}
	if !strings.Contains(got.Texts["install.apple"], "Synthetic Times") {
		t.Errorf("install.apple not filled with the site's name: %q", got.Texts["install.apple"])
	}
}

// TestPanelsInTheEditionsDigits checks that an edition with Eastern Arabic
// digits gives reader.js its digits.
func TestPanelsInTheEditionsDigits(t *testing.T) {
	site := page.NewSite(&article.Site{Name: "نموونە", Lang: "ckb"}, nil)
	s, err := ReaderLabels(site)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s, "٠١٢٣٤٥٦٧٨٩") {
		t.Errorf("labels without the edition's digits: %.200s", s)
	}
}

// has tells whether an element has an attribute, such as hidden.
func has(n *htmltest.Node, attr string) bool {
	_, ok := n.Attrs[attr]
	return ok
}
