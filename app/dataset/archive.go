// Package dataset reads Dateline's datasets for the host: a file, or a
// folder of files, in the format of articles.json. It checks every file in
// one pass (jsontext for the syntax, the model's own decoding and
// validation for everything else) and reports each problem with its file,
// line, column and JSON pointer. What it keeps is an Archive: of each
// article, what lists show and where the rest is in its file, so that a
// dataset of 100,000 articles is served from a few tens of megabytes.
//
// The package is the host's only: app.wasm never reads a dataset.
package dataset

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"dateline/app/article"
	"dateline/app/jsonread"
	"dateline/app/search"
)

// entry is what the archive keeps of one article.
type entry struct {
	slug, lang, headline string
	published, updated   string
	section              string
	excerpt              string
	dated                bool
	pub                  int64 // Published as Unix seconds, when dated

	// Where the article is: its file, its index there, its bytes.
	file  int32
	index int32
	off   int64
	size  int32
	sum   uint64 // maphash of its bytes: the file must not change

	// pos is the article's place in its section's list (or the home
	// list, without a section).
	pos int32

	// Only while reading: the tags, and the slugs the article links to.
	tags  []string
	links []link
}

// link is a slug an article links to, in its list ("body" or "related")
// at index.
type link struct {
	slug, list string
	index      int
}

// pointer is the link's slug's JSON pointer in its article.
func (l link) pointer() string { return "/" + l.list + "/" + strconv.Itoa(l.index) + "/slug" }

// Group is a list of articles: a section, a tag, or the whole archive.
type Group struct {
	// Name is the section's or the tag's name as first met (newest
	// article first); Slug the slug of its page.
	Name, Slug string
	items      []int32 // newest first
}

// Len is the number of articles in the group.
func (g *Group) Len() int { return len(g.items) }

// Archive is a dataset read and checked.
type Archive struct {
	// Name is the dataset's file or folder.
	Name string
	// Site is the dataset's site object; zero when it has none.
	Site article.Site
	// Version is a hash of the dataset's content: it changes when any of
	// its bytes does, or a folder's file is renamed, never with where the
	// dataset lies or how its path is given.
	Version string
	// Warnings are what the dataset may have but readers would notice,
	// such as labels its edition leaves in English; placed like problems.
	Warnings []Problem

	// lang is the edition's language (the site's "lang"), which an
	// article without a "lang" of its own is in; "" for DefaultLang.
	lang     string
	files    []*file
	links    []Link // the links to folders that the listing followed
	seed     maphash.Seed
	entries  []*entry // in dataset order: files in order, articles in order
	bySlug   map[string]int32
	home     Group
	sections []*Group // sorted by name
	tags     []*Group
	section  map[string]*Group // by slug
	tag      map[string]*Group
}

// Len is the number of articles.
func (a *Archive) Len() int { return len(a.entries) }

// Links returns the symbolic links that reading the dataset followed, to
// folders and to files, in the order of their paths, with where each
// leads: what the dataset reads besides its own folder. A link to a file
// is followed again here, where a folder's listing only opened it.
func (a *Archive) Links() ([]Link, error) {
	links := slices.Clone(a.links)
	for _, f := range a.files {
		if !f.link || f.path == "" {
			continue
		}
		target, err := filepath.EvalSymlinks(f.path)
		if err == nil {
			target, err = filepath.Abs(target)
		}
		if err != nil {
			return nil, fmt.Errorf("finding where the link %s leads: %w", f.name, err)
		}
		links = append(links, Link{Path: f.name, Target: target})
	}
	slices.SortFunc(links, func(x, y Link) int { return strings.Compare(x.Path, y.Path) })
	return links, nil
}

// Home is the whole archive, newest first: dated articles by their
// published time, then the undated ones, each in dataset order.
func (a *Archive) Home() *Group { return &a.home }

// Sections lists the sections, sorted by name.
func (a *Archive) Sections() []*Group { return a.sections }

// Section returns the section whose page has the slug.
func (a *Archive) Section(slug string) (*Group, bool) {
	g, ok := a.section[slug]
	return g, ok
}

// Tags lists the tags, sorted by name.
func (a *Archive) Tags() []*Group { return a.tags }

// Tag returns the tag whose page has the slug.
func (a *Archive) Tag(slug string) (*Group, bool) {
	g, ok := a.tag[slug]
	return g, ok
}

// Summaries returns the summaries of the group's articles lo to hi-1.
func (a *Archive) Summaries(g *Group, lo, hi int) []article.Summary {
	lo, hi = max(0, lo), min(hi, len(g.items))
	if lo >= hi {
		return nil
	}
	out := make([]article.Summary, 0, hi-lo)
	for _, i := range g.items[lo:hi] {
		out = append(out, a.entries[i].summary())
	}
	return out
}

func (e *entry) summary() article.Summary {
	return article.Summary{Slug: e.slug, Lang: e.lang, Headline: e.headline, Published: e.published, Section: e.section, Excerpt: e.excerpt}
}

// Has reports whether an article has the slug.
func (a *Archive) Has(slug string) bool {
	_, ok := a.bySlug[slug]
	return ok
}

// Slugs calls fn with every article's slug, in dataset order.
func (a *Archive) Slugs(fn func(slug string)) {
	for _, e := range a.entries {
		fn(e.slug)
	}
}

// File returns the name of the file that holds the article with the
// slug, as the dataset's path names it; ok is false when there is no such
// article.
func (a *Archive) File(slug string) (name string, ok bool) {
	i, ok := a.bySlug[slug]
	if !ok {
		return "", false
	}
	return a.files[a.entries[i].file].name, true
}

// Summary returns the summary of the article with the slug.
func (a *Archive) Summary(slug string) (article.Summary, bool) {
	i, ok := a.bySlug[slug]
	if !ok {
		return article.Summary{}, false
	}
	return a.entries[i].summary(), true
}

// Updated returns when the article with the slug last changed: its updated
// date, or else its published date; "" when it has neither.
func (a *Archive) Updated(slug string) string {
	i, ok := a.bySlug[slug]
	if !ok {
		return ""
	}
	if e := a.entries[i]; e.updated != "" {
		return e.updated
	}
	return a.entries[i].published
}

// FeedDated tells whether a feed of the first n articles of g lists its
// dated ones only: when one of them has a date, published or updated (an
// article with an updated date alone is listed among the undated).
func (a *Archive) FeedDated(g *Group, n int) bool {
	for _, i := range g.items[:min(n, len(g.items))] {
		if e := a.entries[i]; e.published != "" || e.updated != "" {
			return true
		}
	}
	return false
}

// LastChange returns when the articles of g from lo to hi last changed:
// the latest of their updated or else published dates, as the data gives
// it; "" when none has a date.
func (a *Archive) LastChange(g *Group, lo, hi int) string {
	lo, hi = max(0, lo), min(hi, len(g.items))
	var last string
	var lastT time.Time
	if lo >= hi {
		return ""
	}
	for _, i := range g.items[lo:hi] {
		e := a.entries[i]
		s := e.updated
		if s == "" {
			s = e.published
		}
		if t, ok := article.ParseDate(s); ok && (last == "" || t.After(lastT)) {
			last, lastT = s, t
		}
	}
	return last
}

// Neighbours returns the articles before (newer) and after (older) the one
// with the slug in its section, or in the whole archive when it has no
// section.
func (a *Archive) Neighbours(slug string) (newer, older *article.Summary) {
	i, ok := a.bySlug[slug]
	if !ok {
		return nil, nil
	}
	e := a.entries[i]
	g := &a.home
	if e.section != "" {
		g = a.section[article.NameSlug(e.section)]
	}
	if p := int(e.pos); p > 0 {
		s := a.entries[g.items[p-1]].summary()
		newer = &s
	}
	if p := int(e.pos); p+1 < len(g.items) {
		s := a.entries[g.items[p+1]].summary()
		older = &s
	}
	return newer, older
}

// ErrChanged says that a dataset file changed after it was read: its
// articles are served again once the dataset is read and checked anew.
var ErrChanged = errors.New("the dataset changed on disk since it was checked")

// Article reads the article with the slug from its file. ok is false when
// there is no such article. An article whose bytes moved in its file
// since it was checked is read where they are now; one whose bytes are no
// longer there is an error that is ErrChanged (a *ChangedError).
func (a *Archive) Article(slug string) (art *article.Article, ok bool, err error) {
	i, ok := a.bySlug[slug]
	if !ok {
		return nil, false, nil
	}
	e := a.entries[i]
	f := a.files[e.file]
	raw, err := f.readAt(e.off, int(e.size))
	if err == nil && maphash.Bytes(a.seed, raw) == e.sum {
		art, err := a.decode(raw, slug, f)
		return art, true, err
	}
	if f.path == "" {
		return nil, true, err // in memory: unchanged, and read whole
	}
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, fs.ErrNotExist) {
		return nil, true, err
	}
	// Cut short, removed or written again since it was checked (an
	// editor truncates a file before it writes it again): the article's
	// bytes may be elsewhere in the file. A file that changes again while
	// it is looked through is looked through once more.
	var r *relocation
	for range 2 {
		var rerr error
		if r, rerr = a.relocate(int(e.file)); rerr != nil {
			return nil, true, &ChangedError{Slug: slug, File: f.name, Err: errors.Join(err, rerr)}
		}
		off := r.at[e.index]
		if off < 0 {
			break
		}
		if raw, err = f.readAt(off, int(e.size)); err == nil && maphash.Bytes(a.seed, raw) == e.sum {
			art, err := a.decode(raw, slug, f)
			return art, true, err
		}
	}
	return nil, true, r.changedError(e, f)
}

// finish runs the checks across articles and files, and builds the archive
// or the error that lists every problem.
func (l *loader) finish() (a *Archive, err error) {
	// The files read are held open for the archive served (file.hold),
	// and closed for one refused or only checked.
	defer func() {
		if err != nil || l.checkOnly {
			files := make([]*file, len(l.files))
			for i, fs := range l.files {
				files[i] = fs.f
			}
			if cerr := closeFiles(files); cerr != nil && err == nil {
				a, err = nil, cerr
			}
		}
	}()
	a = &Archive{Name: l.name, seed: l.seed}
	var problems []Problem
	broken := false
	h := sha256.New()
	var line []byte
	var siteFile *fileState
	for fi, fs := range l.files {
		a.files = append(a.files, fs.f)
		problems = append(problems, fs.problems...)
		problems = append(problems, fs.checked...)
		broken = broken || fs.broken
		// The version is the content's: a file's line names it by its
		// path inside a folder, whose files' order is the articles', and
		// a dataset of one file by nothing, so that the same bytes are
		// the same site wherever they lie and however their path is
		// given (two hosts behind a balancer, a release folder, a copy).
		rel := ""
		if l.folder {
			// The listing names each file by joining its folders to the
			// dataset's path, so the path is cut rather than worked out
			// again (filepath.Rel); a file given in memory may be named
			// otherwise.
			rel = fs.f.name
			if r, ok := strings.CutPrefix(fs.f.name, l.name+string(filepath.Separator)); ok {
				rel = filepath.ToSlash(r)
			} else if r, err := filepath.Rel(l.name, fs.f.name); err == nil {
				rel = filepath.ToSlash(r)
			}
		}
		if !l.checkOnly {
			line = append(append(line[:0], rel...), ' ')
			line = append(hex.AppendEncode(line, fs.sum[:]), '\n')
			h.Write(line)
		}
		if fs.site != nil {
			if siteFile != nil {
				problems = append(problems, Problem{File: fs.f.name, Article: -1, Pointer: "/site", off: fs.siteOff,
					Message: fmt.Sprintf(`the site is given in %s already`, siteFile.f.name), Hint: `give "site" in one file of the dataset`})
			} else {
				siteFile, a.Site = fs, *fs.site
			}
		}
		for _, e := range fs.entries {
			if e == nil { // the file was cut short by a syntax error
				continue
			}
			e.file = int32(fi)
			a.entries = append(a.entries, e)
		}
	}
	if !l.checkOnly {
		a.Version = hex.EncodeToString(h.Sum(nil)[:8])
	}
	// An article without a "lang" is in the edition's language: known
	// once every file is read, as any of a folder's may give the site.
	if a.lang = a.Site.Lang; a.lang != "" {
		for _, e := range a.entries {
			if e.lang == "" {
				e.lang = a.lang
			}
		}
	}
	if len(a.entries) == 0 && len(problems) == 0 {
		problems = append(problems, Problem{File: l.name, Article: -1, Message: "the dataset has no articles", Hint: "add at least one article", empty: true})
	}
	// The lists are made while the checks across articles run: neither
	// writes what the other reads, and when the checks find nothing, as
	// they mostly do, the lists are ready with them. Each has its own
	// table of slugs, and the entries' tags and links are dropped once
	// both are done.
	a.bySlug = make(map[string]int32, len(a.entries))
	ordered := make(chan struct{})
	go func() {
		defer close(ordered)
		if !l.checkOnly {
			a.order(make(slugs))
		}
	}()
	problems = append(problems, a.crossCheck(broken, make(slugs))...)
	<-ordered
	for _, e := range a.entries {
		e.tags, e.links = nil, nil
	}
	if len(problems) > 0 {
		return nil, l.errorOf(problems)
	}
	for _, fs := range l.files {
		ws := append(fs.warnings, fs.checkedWarnings...)
		if err := place(fs.f, ws); err != nil {
			return nil, fmt.Errorf("placing the warnings of %s: %w", fs.f.name, err)
		}
		a.Warnings = append(a.Warnings, ws...)
	}
	return a, nil
}

// slugs keeps the slug of each section and tag name met: a newsroom's
// 100,000 articles share a few hundred names, and making a slug is work
// (lower case, folding, dashes) that the checks and lists repeat for each.
type slugs map[string]string

func (s slugs) of(name string) string {
	slug, ok := s[name]
	if !ok {
		slug = article.NameSlug(name)
		s[name] = slug
	}
	return slug
}

// crossCheck runs the checks that need every article: unique slugs, links
// to articles that exist, and sections and tags whose names make distinct
// slugs and are not one name spelt two ways. Links are not checked when a file could not be read to its end.
func (a *Archive) crossCheck(broken bool, names slugs) []Problem {
	var problems []Problem
	// offset is where the value at pointer of the article is in its file.
	offset := func(e *entry, pointer string) int64 {
		if raw, err := a.files[e.file].readAt(e.off, int(e.size)); err == nil {
			if rel, err := jsonread.Locate(raw, pointer); err == nil {
				return e.off + int64(rel)
			}
		}
		return e.off
	}
	at := func(e *entry, pointer, msg, hint string) {
		problems = append(problems, Problem{File: a.files[e.file].name, Article: int(e.index), Slug: e.slug,
			Pointer: "/articles/" + strconv.Itoa(int(e.index)) + pointer, Message: msg, Hint: hint, off: offset(e, pointer)})
	}
	for i, e := range a.entries {
		if e.slug == "" {
			continue
		}
		if j, dup := a.bySlug[e.slug]; dup {
			first := a.entries[j]
			where := fmt.Sprintf("article %d", first.index)
			if first.file != e.file {
				where += " of " + a.files[first.file].name
			}
			at(e, "/slug", fmt.Sprintf("slug %q is already used by %s", e.slug, where), "give every article its own slug")
			continue
		}
		a.bySlug[e.slug] = int32(i)
	}
	if !broken {
		for _, e := range a.entries {
			for _, l := range e.links {
				if _, ok := a.bySlug[l.slug]; !ok {
					at(e, l.pointer(), fmt.Sprintf("related article %q is not in the dataset", l.slug),
						`fix the slug, add that article, use "url" for a page elsewhere, or remove "slug" to show the title as not in this collection`)
				}
			}
		}
	}
	// Two spellings that make one slug would share a page, and two that
	// search reads as one word (search.NameKey: "أديبيسينغ" and
	// "اديبيسينغ") would be one name with two pages: the first met wins,
	// every other spelling is reported once, with where the first is.
	type met struct {
		name, pointer string
		e             *entry
	}
	keys := make(map[string]string) // name → search.NameKey, made once per name
	distinct := func(kind string, each func(e *entry, visit func(name, pointer string))) {
		bySlug := make(map[string]met)
		byKey := make(map[string]met)
		reported := make(map[string]bool)
		for _, e := range a.entries {
			each(e, func(name, pointer string) {
				slug := names.of(name)
				if slug == "" || reported[name] {
					return
				}
				key, ok := keys[name]
				if !ok {
					key = search.NameKey(name)
					keys[name] = key
				}
				var first met
				var msg string
				if f, ok := bySlug[slug]; !ok {
					bySlug[slug] = met{name, pointer, e}
				} else if f.name != name {
					first, msg = f, fmt.Sprintf("%s %q and %s %q would share the page /%ss/%s", kind, name, kind, f.name, kind, slug)
				}
				if f, ok := byKey[key]; !ok {
					byKey[key] = met{name, pointer, e}
				} else if f.name != name && msg == "" {
					first, msg = f, fmt.Sprintf("%s %q and %s %q are one name spelt two ways (search reads them as one word), with a page each", kind, name, kind, f.name)
				}
				if msg == "" {
					return
				}
				reported[name] = true
				at(e, pointer, msg, fmt.Sprintf("spell the %s the same way in every article", kind))
				problems[len(problems)-1].other = &elsewhere{name: first.name, file: a.files[first.e.file].name,
					article: int(first.e.index), slug: first.e.slug, off: offset(first.e, first.pointer)}
			})
		}
	}
	distinct("section", func(e *entry, visit func(string, string)) {
		if e.section != "" {
			visit(e.section, "/section")
		}
	})
	distinct("tag", func(e *entry, visit func(string, string)) {
		for i, t := range e.tags {
			// A tag given twice in one article is the article's own
			// problem (Validate's), not one across articles; two
			// spellings of one name (search.NameKey), which the model
			// cannot tell, are checked here wherever they are.
			if !slices.ContainsFunc(e.tags[:i], func(u string) bool { return names.of(u) == names.of(t) }) {
				visit(t, "/tags/"+strconv.Itoa(i))
			}
		}
	})
	return problems
}

// errorOf sorts the problems by file and place, and places the first
// MaxListed of them by line and column.
func (l *loader) errorOf(problems []Problem) error {
	fileIndex := make(map[string]int, len(l.files))
	for i, fs := range l.files {
		fileIndex[fs.f.name] = i
	}
	fileOf := func(p Problem) int {
		if i, ok := fileIndex[p.File]; ok {
			return i
		}
		return len(l.files) // the dataset as a whole: last
	}
	sort.SliceStable(problems, func(i, j int) bool {
		a, b := problems[i], problems[j]
		if fa, fb := fileOf(a), fileOf(b); fa != fb {
			return fa < fb
		}
		if a.off != b.off {
			return a.off < b.off
		}
		if a.Pointer != b.Pointer {
			return a.Pointer < b.Pointer
		}
		return a.Message < b.Message
	})
	listed := problems[:min(len(problems), MaxListed)]
	out := make([]Problem, 0, len(listed))
	count := len(problems)
	for start := 0; start < len(listed); {
		end := start
		for end < len(listed) && listed[end].File == listed[start].File {
			end++
		}
		out = append(out, listed[start:end]...)
		if i := fileOf(listed[start]); i < len(l.files) {
			if err := place(l.files[i].f, out[len(out)-(end-start):]); err != nil {
				// The file went away or changed since it was read: its
				// problems are listed without their places, and why.
				for k := len(out) - (end - start); k < len(out); k++ {
					out[k].Line, out[k].Column = 0, 0
				}
				again := unreadable(listed[start].File, err)
				again.Message = "cannot be read again to place its problems: " + strings.TrimPrefix(again.Message, "cannot be read: ")
				out = append(out, again)
				count++
			}
		}
		start = end
	}
	l.placeOthers(out, fileIndex)
	return &Error{Name: l.name, Problems: out, Count: count}
}

// placeOthers finishes the messages of the problems that name a second
// place (Problem.other), with its line and column. When that place's file
// cannot be read again, the message names it by file and article alone:
// still a place to go to, and the file's own problems, if any, say why.
func (l *loader) placeOthers(probs []Problem, fileIndex map[string]int) {
	byFile := make(map[int][]int) // a file's index → the problems naming a place in it
	for i, p := range probs {
		if p.other != nil {
			if fi, ok := fileIndex[p.other.file]; ok {
				byFile[fi] = append(byFile[fi], i)
			}
		}
	}
	for fi, list := range byFile {
		at := make([]Problem, len(list))
		for k, i := range list {
			at[k].off = probs[i].other.off
		}
		if err := place(l.files[fi].f, at); err != nil {
			continue // named without line and column, as said above
		}
		for k, i := range list {
			probs[i].other.line, probs[i].other.column = at[k].Line, at[k].Column
		}
	}
	for i := range probs {
		if o := probs[i].other; o != nil {
			probs[i].Message += "; " + o.say()
			probs[i].other = nil
		}
	}
}

// order builds the lists: the home list, newest first, and the sections
// and tags, each in the same order.
func (a *Archive) order(names slugs) {
	home := make([]int32, len(a.entries))
	for i := range home {
		home[i] = int32(i)
	}
	slices.SortStableFunc(home, func(i, j int32) int {
		x, y := a.entries[i], a.entries[j]
		switch {
		case x.dated != y.dated:
			if x.dated {
				return -1
			}
			return 1
		case !x.dated:
			return 0
		}
		return cmp.Compare(y.pub, x.pub)
	})
	a.home = Group{items: home}
	a.section = make(map[string]*Group)
	a.tag = make(map[string]*Group)
	group := func(m map[string]*Group, list *[]*Group, name string) *Group {
		slug := names.of(name)
		g, ok := m[slug]
		if !ok {
			g = &Group{Name: name, Slug: slug}
			m[slug] = g
			*list = append(*list, g)
		}
		return g
	}
	for pos, i := range home {
		e := a.entries[i]
		if e.section == "" {
			e.pos = int32(pos)
		} else {
			g := group(a.section, &a.sections, e.section)
			e.pos = int32(len(g.items))
			g.items = append(g.items, i)
		}
		for _, t := range e.tags {
			g := group(a.tag, &a.tags, t)
			g.items = append(g.items, i)
		}
	}
	byName := func(list []*Group) {
		sort.Slice(list, func(i, j int) bool { return list[i].Slug < list[j].Slug })
	}
	byName(a.sections)
	byName(a.tags)
}
