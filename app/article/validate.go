package article

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Fault is one rule of the model that a value breaks: where in the value
// (a JSON pointer relative to it, such as "/body/2/text"), what is wrong,
// and how to fix it. The host's dataset reader places faults in the file.
type Fault struct {
	Pointer string
	Message string
	Hint    string
	// Ahead marks a date further ahead of the clock than DateSlack: the
	// one fault that a wrong clock makes, which a serving host reports as
	// a warning (dataset.Options.AheadWarns).
	Ahead bool
	// Warn marks a fault that a reader notices but that breaks nothing
	// else (a picture the pages do not load): every command reports it
	// as a warning, and none refuses the dataset for it.
	Warn bool
}

// Limits on the size of values, so that one bad entry cannot make a page
// unreadable or the host slow.
const (
	MaxSlugLength     = 100
	MaxHeadlineLength = 400
	MaxTextLength     = 20000
	MaxNameLength     = 100
	MaxTags           = 20
	// MaxNameSlugBytes bounds the slug of a section's or tag's name, in
	// bytes: a file system takes file names of at most 255 bytes, and the
	// export adds up to 8 to a slug ("politics.html.br"). 100 letters of a
	// script written in three bytes each (Chinese, Devanagari) would not
	// fit.
	MaxNameSlugBytes = 255 - len(".html.br")
)

// faults collects Faults under a pointer prefix.
type faults struct {
	list []Fault
}

func (f *faults) add(pointer, msg, hint string) {
	f.list = append(f.list, Fault{Pointer: pointer, Message: msg, Hint: hint})
}

// Validate checks the article against every rule of the model that can be
// checked on the article alone; the dataset checks the rest (unique slugs,
// links that resolve, section and tag names that share a slug). Its dates
// are checked against now (see DateSlack). It returns nil for a valid
// article.
func (a *Article) Validate(now time.Time) []Fault {
	var f faults
	f.requiredText("/slug", "slug", a.Slug, `a URL-safe name such as "kurdistan-parliament-session"`)
	if a.Slug != "" {
		if msg, hint := CheckSlug(a.Slug); msg != "" {
			f.add("/slug", msg, hint)
		}
	}
	if a.Lang != "" {
		if msg, hint := CheckLang(a.Lang); msg != "" {
			f.add("/lang", msg, hint)
		}
	}
	if f.requiredText("/headline", "headline", a.Headline, "the story's title") &&
		f.text("/headline", a.Headline, MaxHeadlineLength, false) {
		if open := OpenBidi(a.Headline); len(open) > 0 {
			// The pages close it (their title, and the headline's own
			// element); a feed reader's list or a social card may not.
			names := make([]string, len(open))
			for i, r := range open {
				names[i] = fmt.Sprintf("%U", r)
			}
			f.add("/headline", fmt.Sprintf("headline opens bidirectional formatting it does not close (%s)", strings.Join(names, ", ")),
				"close it, with U+202C after an embedding or override and U+2069 after an isolate, or remove it: left open, it reorders the text that follows the headline where other sites show it")
			f.list[len(f.list)-1].Warn = true
		}
	}
	if a.Dateline != nil {
		a.Dateline.validate(&f, "/dateline")
	}
	if a.Section != "" {
		f.name("/section", "section", a.Section)
	}
	for i, t := range a.Tags {
		p := "/tags/" + strconv.Itoa(i)
		if !f.name(p, "tag", t) {
			continue
		}
		for j, u := range a.Tags[:i] {
			if NameSlug(u) == NameSlug(t) {
				f.add(p, fmt.Sprintf("tag %q is the same as tag %d, %q", t, j, u), "give each tag once")
				break
			}
		}
	}
	if len(a.Tags) > MaxTags {
		f.add("/tags", fmt.Sprintf("%d tags, more than %d", len(a.Tags), MaxTags), "keep the tags that say most about the story")
	}
	published, pubOK := a.date(&f, "/published", a.Published, now)
	// A published date in the future is the fault to fix, not an updated
	// date before it.
	if updated, ok := a.date(&f, "/updated", a.Updated, now); ok && pubOK && updated.Before(published) && !ahead(published, now) {
		hint := "an article is updated after it is published: check both dates"
		if zoneExplains(a.Published, a.Updated, published, updated) {
			hint += "; a date alone is midnight UTC, so give the time, with its zone"
		}
		f.add("/updated", fmt.Sprintf("updated %s is before published %s", a.Updated, a.Published), hint)
	}
	for i, name := range a.Authors {
		p := "/authors/" + strconv.Itoa(i)
		if msg, _, _ := blankFault("author", name, ""); msg != "" && name != "" {
			// Left out of the byline (Bylines): the page is only the
			// poorer for it, as for an optional text (shown). An empty
			// entry, which a newsroom's system may write for every
			// story without a byline, is left out without a word.
			f.add(p, msg, "give the author's name, or remove the entry: the byline leaves it out")
			f.list[len(f.list)-1].Warn = true
			continue
		}
		f.text(p, name, MaxHeadlineLength, false)
	}
	if a.SourceURL != "" {
		f.webURL("/source_url", a.SourceURL)
	}
	for i := range a.Figures {
		a.Figures[i].validate(&f, "/figures/"+strconv.Itoa(i))
	}
	if len(a.Body) == 0 {
		f.add("/body", "body is empty", "add at least one paragraph")
	}
	for i, b := range a.Body {
		// A dataset has millions of paragraphs: their pointers are
		// written only for a fault.
		switch b.Type {
		case Paragraph:
			msg, hint, unseen := blankFault("text", b.Text, "the paragraph's text")
			if msg == "" {
				msg, hint = textFault(b.Text, MaxTextLength, true)
			}
			if msg != "" {
				f.add("/body/"+strconv.Itoa(i)+"/text", msg, hint)
				f.list[len(f.list)-1].Warn = unseen
			}
		case ReadMore:
			b.Link.validate(&f, "/body", i)
		default:
			f.add("/body/"+strconv.Itoa(i)+"/type", fmt.Sprintf("unknown block type %q", b.Type), `use "paragraph" or "read_more"`)
		}
	}
	for i, l := range a.Related {
		l.validate(&f, "/related", i)
	}
	return f.list
}

// DateSlack is how far after now a published or updated date may be.
// Dateline has no scheduling: a story dated ahead is listed first at once,
// and a mistyped year (3024 for 2024) would keep it there for years. A
// date without a time is midnight UTC, which a day that has begun in a
// time zone ahead of UTC (up to UTC+14) has not reached yet; a day also
// covers an editor's clock that runs ahead.
const DateSlack = 24 * time.Hour

// ahead reports whether t is further after now than DateSlack.
func ahead(t, now time.Time) bool { return t.After(now.Add(DateSlack)) }

// date checks an optional date field and returns its time.
func (a *Article) date(f *faults, p, s string, now time.Time) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, ok := ParseDate(s)
	switch {
	case !ok:
		msg, hint := dateFault(s)
		f.add(p, msg, hint)
	case ahead(t, now):
		f.add(p, fmt.Sprintf("%s %s is in the future (it is now %s)", p[1:], s, now.UTC().Format("2006-01-02 15:04 UTC")),
			"check the date: Dateline has no scheduling, and would list the story first at once; add a story when it is published")
		f.list[len(f.list)-1].Ahead = true
	case t.Year() < EarliestYear:
		// A warning: an archive's oldest stories may be old indeed, and
		// the site keeps serving; validate says it.
		f.add(p, fmt.Sprintf("%s %s is before the year %d", p[1:], s, EarliestYear),
			fmt.Sprintf("check the year: a slip such as %04d for %d lists the story last, as centuries old",
				t.Year(), 2000+t.Year()%100))
		f.list[len(f.list)-1].Warn = true
	}
	return t, ok
}

// EarliestYear is the first year of a date validate takes without a
// warning: newspapers are printed from the 17th century on, and a year
// before it is most often a slip (0024 or 0000).
const EarliestYear = 1600

// dateFault says what is wrong with s, a date ParseDate refused, and how
// to write it, naming the two slips that editors' tools make most: a time
// without its time zone, and a space in place of the T.
func dateFault(s string) (msg, hint string) {
	msg = fmt.Sprintf("%q is not a date", s)
	t, spaced := s, false
	if n := len(time.DateOnly); len(s) > n && s[n] == ' ' {
		t, spaced = s[:n]+"T"+s[n+1:], true
	}
	if _, ok := ParseDate(t); ok && spaced {
		return msg + ": a space stands between its date and its time", fmt.Sprintf("write a T there: %q", t)
	}
	if _, err := time.Parse("2006-01-02T15:04:05", t); err == nil {
		return msg + ": its time has no time zone", fmt.Sprintf(`add "Z" for UTC or the zone's offset, such as %q`, t+"+03:00")
	}
	if what, ok := outOfRange(t); ok {
		// Written in the right form, with a day or an hour that is not
		// (30 February): the form is not what to change.
		if what == "day" {
			y, _ := strconv.Atoi(t[:4])
			m, _ := strconv.Atoi(t[5:7])
			days := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			return msg + fmt.Sprintf(": %s %04d has %d days", time.Month(m), y, days), fmt.Sprintf("check the day: 01 to %02d", days)
		}
		ranges := map[string]string{"month": "01 to 12", "hour": "00 to 23", "minute": "00 to 59", "second": "00 to 59"}
		if r, ok := ranges[what]; ok {
			return msg + fmt.Sprintf(": its %s is not %s", what, r), fmt.Sprintf("check the %s", what)
		}
		return msg + fmt.Sprintf(": its %s is out of range", what), `check it: a zone's offset is at most "+14:00" or "-12:00"`
	}
	return msg, `use "2006-01-02" or an RFC 3339 time such as "2006-01-02T15:04:05Z"`
}

// outOfRange says which part of s, a date or an RFC 3339 time in the
// right form, is out of its range ("day", "month", "hour", "minute",
// "second", "time zone offset hour"...); ok is false when the form
// itself is wrong.
func outOfRange(s string) (what string, ok bool) {
	layout := time.RFC3339
	if len(s) == len(time.DateOnly) {
		layout = time.DateOnly
	}
	_, err := time.Parse(layout, s)
	var pe *time.ParseError
	if !errors.As(err, &pe) {
		return "", false
	}
	what, ok = strings.CutSuffix(strings.TrimPrefix(pe.Message, ": "), " out of range")
	return what, ok && len(s) >= len(time.DateOnly)
}

func (d *Dateline) validate(f *faults, p string) {
	if d.Place == "" && d.Source == "" {
		f.add(p, "dateline has neither place nor source", `give "place" (such as "ERBIL") or "source", or remove the dateline`)
	}
	f.shown(p+"/place", "place", d.Place)
	f.shown(p+"/source", "source", d.Source)
	if d.Place != "" {
		f.text(p+"/place", d.Place, MaxHeadlineLength, false)
	}
	if d.Source != "" {
		f.text(p+"/source", d.Source, MaxHeadlineLength, false)
	}
}

func (fig *Figure) validate(f *faults, p string) {
	if fig.Caption == "" && fig.Image == nil {
		f.add(p, "figure has neither caption nor image", `give it a "caption", an "image", or both`)
	}
	f.shown(p+"/caption", "caption", fig.Caption)
	f.shown(p+"/credit", "credit", fig.Credit)
	if fig.Caption != "" {
		f.text(p+"/caption", fig.Caption, MaxTextLength, false)
	}
	if fig.Credit != "" {
		f.text(p+"/credit", fig.Credit, MaxTextLength, false)
	}
	if img := fig.Image; img != nil {
		ip := p + "/image"
		if f.requiredText(ip+"/src", "src", img.Src, "the picture's address: an https URL or a path such as /media/photo.jpg") {
			switch {
			case IsWebURL(img.Src) && strings.EqualFold(img.Src[:len("http:")], "http:"):
				// The pages' Content-Security-Policy takes pictures from
				// https hosts only, as browsers do on an https page.
				f.add(ip+"/src", fmt.Sprintf("image src %q is an http address, which the site's pages do not load", img.Src),
					`give the picture's "https://..." address, or a path on this site such as /media/photo.jpg`)
				// A warning: a site that showed it broken before this
				// check stays up, and can take new stories.
				f.list[len(f.list)-1].Warn = true
			case !IsWebURL(img.Src) && !IsSitePath(img.Src):
				msg, hint := srcFault(img.Src)
				f.add(ip+"/src", msg, hint)
			case IsWebURL(img.Src):
				if msg, hint := urlFault(img.Src); msg != "" {
					// A warning, as an http one's.
					f.add(ip+"/src", "image src "+msg, hint)
					f.list[len(f.list)-1].Warn = true
				}
			}
		}
		f.text(ip+"/alt", img.Alt, MaxTextLength, false)
		for _, d := range []struct {
			key string
			v   int
		}{{"width", img.Width}, {"height", img.Height}} {
			if d.v <= 0 || d.v > 100000 {
				f.add(ip+"/"+d.key, fmt.Sprintf("%s %d is not a whole number of pixels between 1 and 100000", d.key, d.v), "give the picture's size in pixels, so the page keeps its layout while it loads")
			}
		}
	}
}

// validate checks the link at index i of list; like paragraphs, links are
// many, and their pointers are written only for a fault.
func (l Link) validate(f *faults, list string, i int) {
	at := func(leaf string) string { return list + "/" + strconv.Itoa(i) + leaf }
	msg, hint, unseen := blankFault("title", l.Title, "the related story's headline")
	if msg == "" {
		msg, hint = textFault(l.Title, MaxHeadlineLength, false)
	}
	if msg != "" {
		f.add(at("/title"), msg, hint)
		f.list[len(f.list)-1].Warn = unseen
	}
	if l.Slug != "" && l.URL != "" {
		f.add(at(""), "link has both slug and url", "keep slug for an article in this dataset, url for a page elsewhere")
	}
	if l.URL != "" {
		f.webURL(at("/url"), l.URL)
	}
}

// Validate checks the site's fields.
func (s *Site) Validate() []Fault {
	var f faults
	if s.Name != "" {
		f.name("/name", "name", s.Name)
	}
	if s.Description != "" {
		f.text("/description", s.Description, MaxHeadlineLength, false)
	}
	if s.Lang != "" {
		if msg, hint := CheckLang(s.Lang); msg != "" {
			f.add("/lang", msg, hint)
		}
	}
	if s.URL != "" {
		if msg := checkOrigin(s.URL); msg != "" {
			f.add("/url", msg, `give the public address of the site, such as "https://news.example.org"`)
		} else if where := unreachableHost(s.URL); where != "" {
			// A valid origin, put in every canonical link, feed and
			// sitemap: a warning, as a test site may well be one.
			f.add("/url", fmt.Sprintf("%q is %s: search engines, feed readers and shared links cannot reach it", s.URL, where),
				`give the public address of the site, such as "https://news.example.org"`)
			f.list[len(f.list)-1].Warn = true
		}
	}
	if s.Publisher != "" {
		f.name("/publisher", "publisher", s.Publisher)
	}
	own := s.Lang
	if own == "" {
		own = DefaultLang
	}
	langs := map[string]int{strings.ToLower(own): -1}
	// Home pages by address (homeKey): this edition's, when its address
	// is known, and each edition's, so that no page is named in two
	// languages.
	homes := map[string]int{}
	if s.URL != "" && checkOrigin(s.URL) == "" {
		homes[homeKey(s.URL)] = -1
	}
	// required is requiredText, but a text with nothing to read (a
	// direction mark) is an error, not a warning: no dataset held
	// editions before such texts were refused, and one would be an
	// hreflang that is no language, a link to no page or one with no name.
	required := func(p, key, s, what string) bool {
		if f.requiredText(p, key, s, what) {
			return true
		}
		f.list[len(f.list)-1].Warn = false
		return false
	}
	for i, e := range s.Editions {
		at := "/editions/" + strconv.Itoa(i)
		if required(at+"/lang", "lang", e.Lang, "the edition's language") {
			if msg, hint := CheckLang(e.Lang); msg != "" {
				f.add(at+"/lang", msg, hint)
			} else if j, seen := langs[strings.ToLower(e.Lang)]; seen && j < 0 {
				f.add(at+"/lang", fmt.Sprintf("%q is this edition's own language", e.Lang), "list the newsroom's other editions, each in a language of its own")
			} else if seen {
				f.add(at+"/lang", fmt.Sprintf("%q is the language of editions/%d too", e.Lang, j), "give each edition once, in a language of its own")
			} else {
				langs[strings.ToLower(e.Lang)] = i
			}
		}
		if required(at+"/name", "name", e.Name, "the edition's name in its own language") {
			f.text(at+"/name", e.Name, MaxNameLength, false)
		}
		if required(at+"/url", "url", e.URL, "the address of the edition's home page") && f.webURL(at+"/url", e.URL) {
			switch j, seen := homes[homeKey(e.URL)]; {
			case seen && j < 0:
				f.add(at+"/url", fmt.Sprintf("%q is this edition's own address", e.URL), "give the address of the other edition's home page")
			case seen:
				f.add(at+"/url", fmt.Sprintf("%q is the address of editions/%d too", e.URL, j), "give each edition's own home page")
			default:
				homes[homeKey(e.URL)] = i
			}
		}
	}
	if len(s.Editions) > 0 && s.URL == "" {
		// The home page's hreflang links then leave this edition out: a
		// link to itself needs its whole address. A warning, as a test
		// site may well have none.
		f.add("/editions", "the other editions are named, but not this one: without the site's address (url) its home page cannot name itself among them, as search engines need to pair the editions",
			`give the public address of the site, such as "https://news.example.org"`)
		f.list[len(f.list)-1].Warn = true
	}
	return f.list
}

// requiredText reports a missing or blank text; it returns whether the
// text is there. A text of invisible characters is a warning (see
// blankFault).
func (f *faults) requiredText(p, key, s, what string) bool {
	if msg, hint, unseen := blankFault(key, s, what); msg != "" {
		f.add(p, msg, hint)
		f.list[len(f.list)-1].Warn = unseen
		return false
	}
	return true
}

// zoneExplains reports whether an updated date before the published one
// may be only the reading of a date alone as midnight UTC: one of the two
// is a date alone, and read as a day in the zone of the other's time, it
// is in the right order. "2021-12-08" against "2021-12-07T23:30:00-05:00"
// (04:30 UTC on the 8th) is; two dates alone, or a day apart, are not.
func zoneExplains(pubText, updText string, published, updated time.Time) bool {
	pubDay, updDay := len(pubText) == len(time.DateOnly), len(updText) == len(time.DateOnly)
	switch {
	case updDay && !pubDay:
		// The update's day, in the zone of publication, ends after it.
		y, m, d := updated.Date()
		return time.Date(y, m, d+1, 0, 0, 0, 0, published.Location()).After(published)
	case pubDay && !updDay:
		// The day of publication, in the zone of the update, begins
		// before it.
		y, m, d := published.Date()
		return !time.Date(y, m, d, 0, 0, 0, 0, updated.Location()).After(updated)
	}
	return false
}

// blankFault says that a required text is missing or blank (IsBlank).
// unseen is true for a text that holds more than white space: characters
// with nothing to show, such as a direction mark, which datasets held
// before this check refused them; a host keeps serving such a dataset,
// so the fault is a warning there, as the page is only the poorer for it.
func blankFault(key, s, what string) (msg, hint string, unseen bool) {
	if !IsBlank(s) {
		return "", "", false
	}
	if held := unread(s); held != "" {
		return key + " holds nothing to read, only " + held, "give " + what, true
	}
	return key + " is empty", "give " + what, false
}

// unread names the characters other than white space that a blank text
// holds, such as "U+200F, U+0640", or "" when it holds only white space.
func unread(s string) string {
	var names []string
	for _, r := range s {
		if !unicode.IsSpace(r) && len(names) < 3 {
			if n := fmt.Sprintf("%U", r); !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	return strings.Join(names, ", ")
}

// shown reports an optional text given but blank (a caption of a
// direction mark alone): a warning, as the page shows an empty place for
// it and nothing breaks.
func (f *faults) shown(p, key, s string) {
	if s != "" && IsBlank(s) {
		msg, _, _ := blankFault(key, s, "")
		f.add(p, msg, "give its text, or remove the field")
		f.list[len(f.list)-1].Warn = true
	}
}

// name checks a section, tag or other short name, which must have letters
// or digits to make a slug of.
func (f *faults) name(p, what, s string) bool {
	// Not a warning for invisible characters: a name makes a page's
	// address, and was refused without letters or digits before. The
	// tatweel and the Hangul fillers, which Unicode classes as letters,
	// made an address: a name of them is a warning, as datasets held them.
	if msg, hint, _ := blankFault(what, s, "a name, or remove the field"); msg != "" {
		f.add(p, msg, hint)
		if isBlank(s, false) {
			return false
		}
		f.list[len(f.list)-1].Warn = true
	}
	if !f.text(p, s, MaxNameLength, false) {
		return false
	}
	switch slug := NameSlug(s); {
	case slug == "":
		f.add(p, fmt.Sprintf("%s %q has no letters or digits", what, s), "a name needs letters or digits to make the address of its page")
		return false
	case len(slug) > MaxNameSlugBytes:
		f.add(p, fmt.Sprintf("%s %q makes a page address of %d bytes, more than %d: no file system takes a file of that name", what, s, len(slug), MaxNameSlugBytes),
			"shorten it")
		return false
	}
	return true
}

// text reports text that is too long or holds control characters (line
// breaks are allowed only where multiline is true), a noncharacter, or the
// character that stands for one lost in a conversion.
func (f *faults) text(p, s string, max int, multiline bool) bool {
	if msg, hint := textFault(s, max, multiline); msg != "" {
		f.add(p, msg, hint)
		return false
	}
	return true
}

// textFault is text's check. It reads the text once: a dataset has
// hundreds of megabytes of it, so eight bytes of plain ASCII (no control
// character, no DEL) are taken at a time.
func textFault(s string, max int, multiline bool) (msg, hint string) {
	n, bad := scanText(s, multiline)
	switch {
	case n > max:
		return fmt.Sprintf("text is %d characters long, more than %d", n, max), "split or shorten it"
	case bad == utf8.RuneError:
		return "text holds U+FFFD, the replacement for a character that was lost", "find the character the text was meant to have"
	case IsNoncharacter(bad):
		return fmt.Sprintf("text holds the noncharacter %U, which a web page may not hold", bad), "remove it: it is no letter, and a page or feed that holds it is invalid"
	case bad >= 0:
		return fmt.Sprintf("text holds the control character %U", bad), "remove it"
	}
	return "", ""
}

// IsNoncharacter reports whether r is one of Unicode's 66 noncharacters
// (U+FDD0 to U+FDEF, and the last two code points of every plane), which
// HTML forbids in a document and XML in a feed.
func IsNoncharacter(r rune) bool {
	return r >= 0xfdd0 && r <= 0xfdef || r >= 0 && r <= unicode.MaxRune && r&0xfffe == 0xfffe
}

// scanText counts the characters of s and finds its first that a text
// may not hold (-1 if none): a control character (but a line break or a
// tab where multiline), a noncharacter, or U+FFFD.
func scanText(s string, multiline bool) (n int, bad rune) {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	bad = -1
	for i := 0; i < len(s); n++ {
		if i+8 <= len(s) {
			w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			del := w ^ 0x7f*ones
			// No byte at or over 0x80, none under 0x20, none equal to 0x7f.
			if w&highs == 0 && (w-0x20*ones)&^w&highs == 0 && (del-ones)&^del&highs == 0 {
				i += 8
				n += 7
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 || c == 0x7f) && !(multiline && (c == '\n' || c == '\t')) && bad < 0 {
				bad = rune(c)
			}
			i++
			continue
		}
		// Two bytes from U+00C0 to U+07FF (Latin letters with accents,
		// Greek, Cyrillic, Hebrew, Arabic): never a control character
		// nor U+FFFD, so not decoded. Arabic-script text is made of them.
		if c >= 0xc3 && c <= 0xdf && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
			for i += 2; i+1 < len(s) && s[i] >= 0xc3 && s[i] <= 0xdf && s[i+1]&0xc0 == 0x80; i += 2 {
				n++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError || unicode.IsControl(r) || IsNoncharacter(r)) && bad < 0 {
			bad = r
		}
		i += size
	}
	return n, bad
}

func (f *faults) webURL(p, s string) bool {
	if IsWebURL(s) {
		if msg, hint := urlFault(s); msg != "" {
			// A warning: a site that showed the dead link before this
			// check stays up, and can take new stories.
			f.add(p, msg, hint)
			f.list[len(f.list)-1].Warn = true
		}
		return true
	}
	if hasWebScheme(s) {
		if msg, hint := escapeFault(s); msg != "" {
			f.add(p, msg, hint)
			return false
		}
		if msg, hint := hostFault(s); msg != "" {
			f.add(p, msg, hint)
			return false
		}
	}
	f.add(p, fmt.Sprintf("%q is not an http or https URL", s), `only addresses starting with "https://" or "http://" can be links`)
	return false
}

// hostFault says what is wrong with the host of u, an address that
// starts as an http or https URL does but that IsWebURL refuses, when
// the host is what is wrong: none ("https:///x"), or one that Go's
// parser refuses, as a browser does (an escape such as "%20" in it);
// empty strings otherwise. "not an http URL" would read as untrue.
func hostFault(u string) (msg, hint string) {
	_, rest, _ := strings.Cut(u, "//")
	host := rest
	if end := strings.IndexAny(rest, "/?#"); end >= 0 {
		host = rest[:end]
	}
	const fix = "correct the address: a browser does not open it"
	if host == "" {
		return fmt.Sprintf("%q has no host name", u), fix
	}
	if _, err := url.Parse(u[:len(u)-len(rest)] + host); err != nil {
		return fmt.Sprintf("%q: host %q is not a valid host name", u, host), fix
	}
	return "", ""
}

// homeKey is what two addresses of one home page share: the host (in any
// case, its port kept), the path ("" is "/") and the query; not the
// scheme, as an http address of a site is the same page as its https one.
func homeKey(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	path := p.EscapedPath()
	if path == "" {
		path = "/"
	}
	return strings.ToLower(p.Host) + path + "?" + p.RawQuery
}

// srcFault says what keeps an image's src from being an http(s) URL or a
// path on this site, and how to fix it.
func srcFault(src string) (msg, hint string) {
	switch {
	case strings.HasPrefix(src, "//"):
		return fmt.Sprintf("image src %q starts with //, which a browser reads as the address of another host", src),
			`give a host's address with its scheme, "https://...", or a path on this site with a single "/"`
	case strings.HasPrefix(src, "/") || hasWebScheme(src):
		if msg, hint := escapeFault(src); msg != "" {
			return "image src " + msg, hint
		}
		if hasWebScheme(src) {
			if msg, hint := hostFault(src); msg != "" {
				return "image src " + msg, hint
			}
		}
	}
	return fmt.Sprintf("image src %q is neither an https URL nor a path on this site", src), `use "https://..." or a path starting with "/"`
}

// hasWebScheme reports whether u starts as an http or https URL does.
func hasWebScheme(u string) bool {
	l := strings.ToLower(u[:min(len(u), len("https://"))])
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// escapeFault names the first character of u that an address must escape
// and that the rules refuse (a space, a control character, < > " or a
// backslash), and says how to write it; empty strings when u has none.
func escapeFault(u string) (msg, hint string) {
	i := strings.IndexFunc(u, mustEscape)
	if i < 0 {
		return "", ""
	}
	c := u[i]
	var name string
	switch c {
	case ' ':
		name = "a space"
	case '\t':
		name = "a tab"
	case '\n':
		name = "a line break"
	case '\r':
		name = "a carriage return"
	case '"':
		name = `a double quote (")`
	case '\\':
		name = `a backslash (\)`
	case '<', '>':
		name = `"` + string(c) + `"`
	default:
		name = fmt.Sprintf("the control character %U", c)
	}
	if _, rest, ok := strings.Cut(u, "//"); ok && hasWebScheme(u) && !strings.ContainsAny(u[len(u)-len(rest):i], "/?#") {
		// In the host: escaped, it is no host name either.
		return fmt.Sprintf("%q has %s in its host name, which no host name has", u, name), "correct the address: a browser does not open it"
	}
	msg = fmt.Sprintf("%q has %s, which an address must escape", u, name)
	if c == '\\' {
		return msg, `write "/" between folders, and %5C for a backslash that is part of a name`
	}
	var b strings.Builder
	for _, r := range u {
		if mustEscape(r) {
			fmt.Fprintf(&b, "%%%02X", r)
		} else {
			b.WriteRune(r)
		}
	}
	return msg, fmt.Sprintf("write it as %%%02X: %q", c, b.String())
}

// mustEscape reports whether an address refuses r written as it is.
func mustEscape(r rune) bool {
	return r <= ' ' || r == 0x7f || r == '<' || r == '>' || r == '"' || r == '\\'
}

// IsSitePath reports whether s is an absolute path on this site (not
// "//host") with no character it must escape. Whether the site serves a
// file there is the host's to check.
func IsSitePath(s string) bool {
	return strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") &&
		!strings.ContainsFunc(s, mustEscape)
}

// CheckSlug says what is wrong with an article slug, and how to fix it;
// empty strings when nothing is.
func CheckSlug(s string) (msg, hint string) {
	if len(s) > MaxSlugLength {
		return fmt.Sprintf("slug is %d characters long, more than %d", len(s), MaxSlugLength), "shorten it"
	}
	if !isSlug(s) {
		return fmt.Sprintf("slug %q is not URL-safe", s), `use lower-case letters a-z, digits and single hyphens, for example "kurdistan-parliament-session"`
	}
	return "", ""
}

// isSlug reports whether s is lower-case ASCII letters and digits in runs
// joined by single hyphens.
func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// NameSlug makes the slug of a section's or a tag's page from its name:
// letters (lower-cased) and digits of any script, with every other run of
// characters turned into one hyphen: "Middle East & Gulf" gives
// "middle-east-gulf". A name with neither letters nor digits gives "".
func NameSlug(name string) string {
	if isSlug(name) {
		return name // already lower-case ASCII words joined by hyphens
	}
	var b strings.Builder
	b.Grow(len(name))
	hyphen := false
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) && b.Len() > 0:
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	return b.String()
}

// CheckLang says what is wrong with a language tag, and how to fix it;
// empty strings when nothing is. A tag must be a well-formed BCP 47 tag
// whose language is a two-letter ISO 639-1 code the standard lists, or a
// three-letter code (ISO 639-2 and 639-3 hold thousands: ckb, kmr, ...).
func CheckLang(tag string) (msg, hint string) {
	const example = `use a BCP 47 tag such as "en", "ar" or "ckb"`
	if !wellFormedTag(tag) {
		return fmt.Sprintf("%q is not a language tag", tag), example
	}
	lang, _, _ := strings.Cut(strings.ToLower(tag), "-")
	if len(lang) == 2 && !strings.Contains(iso6391, " "+lang+" ") {
		return fmt.Sprintf("%q is not a language tag: %q is no ISO 639-1 language", tag, lang), example
	}
	return "", ""
}

// iso6391 lists the two-letter language codes of ISO 639-1.
const iso6391 = " aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy" +
	" da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz" +
	" ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo" +
	" lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps" +
	" pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn" +
	" to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu "

// wellFormedTag reports whether tag follows RFC 5646's langtag production:
// language (two or three letters, with up to three extended language
// subtags), then an optional script, region, variants, extensions and a
// private use part. Grandfathered tags and languages of four or more
// letters, which no tag in use has, are refused.
func wellFormedTag(tag string) bool {
	subtags := strings.Split(tag, "-")
	for _, s := range subtags {
		if s == "" || len(s) > 8 || !isAlnum(s) {
			return false
		}
	}
	i := 0
	if l := len(subtags[0]); l < 2 || l > 3 || !isAlpha(subtags[0]) {
		return false
	}
	i++
	for n := 0; n < 3 && i < len(subtags) && len(subtags[i]) == 3 && isAlpha(subtags[i]); n++ {
		i++ // extlang
	}
	if i < len(subtags) && len(subtags[i]) == 4 && isAlpha(subtags[i]) {
		i++ // script
	}
	if i < len(subtags) && (len(subtags[i]) == 2 && isAlpha(subtags[i]) || len(subtags[i]) == 3 && isDigits(subtags[i])) {
		i++ // region
	}
	for i < len(subtags) && (len(subtags[i]) >= 5 || len(subtags[i]) == 4 && subtags[i][0] >= '0' && subtags[i][0] <= '9') {
		i++ // variant
	}
	for i < len(subtags) && len(subtags[i]) == 1 {
		private := strings.EqualFold(subtags[i], "x")
		i++
		n := 0
		for ; i < len(subtags) && (len(subtags[i]) >= 2 || private); n++ {
			i++
		}
		if n == 0 {
			return false
		}
	}
	return i == len(subtags)
}

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9') && !isAlpha(s[i:i+1]) {
			return false
		}
	}
	return true
}

// OpenBidi returns the explicit bidirectional formatting characters that
// s opens and leaves open, innermost last: embeddings and overrides
// (U+202A, U+202B, U+202D, U+202E), closed by U+202C, and isolates (U+2066
// to U+2068), closed by U+2069. A U+2069 closes its isolate and what was
// opened in it, as the bidi algorithm reads it; a closer with nothing to
// close closes nothing.
func OpenBidi(s string) []rune {
	if strings.IndexByte(s, 0xe2) < 0 { // the first byte of each, in UTF-8
		return nil
	}
	var open []rune
	for _, r := range s {
		switch r {
		case '\u202a', '\u202b', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068':
			open = append(open, r)
		case '\u202c':
			if n := len(open); n > 0 && !isIsolate(open[n-1]) {
				open = open[:n-1]
			}
		case '\u2069':
			for j := len(open) - 1; j >= 0; j-- {
				if isIsolate(open[j]) { // the innermost, and what it holds
					open = open[:j]
					break
				}
			}
		}
	}
	return open
}

// isIsolate tells an isolate's opener from an embedding's or override's.
func isIsolate(r rune) bool { return r >= '\u2066' && r <= '\u2068' }

// BidiCloser is the character that closes r, an opener OpenBidi returns.
func BidiCloser(r rune) rune {
	if isIsolate(r) {
		return '\u2069'
	}
	return '\u202c'
}
