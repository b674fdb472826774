//go:build !(js && wasm)

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"dateline/app/article"
	"dateline/app/dataset"
	"dateline/app/feed"
	"dateline/app/importer"
	"dateline/app/page"
	"dateline/app/search"
	"dateline/internal/dirlock"
)

// importStory adds a plain-text story to a dataset, or prints it as a
// dataset entry with -o -. Into a dataset file, the story is appended and
// every other byte stays as it was; into a folder, it is a file of its
// own, and no other file is touched. A dataset that does not exist yet
// is created, holding the story: a file, or a folder when its path ends
// in a separator, in a folder that exists; an empty folder, and a file
// whose articles list is empty, take the story as if they held others.
// Nothing is written unless the whole
// dataset, the story included, passes validation, and a story the dataset
// already holds, or whose headline an article has (a corrected story), is
// refused unless -copy asks for another. Read More lines
// whose title is the headline of one article of the dataset link to it.
// How the language and slug were chosen goes to stderr, with the authors
// a byline gave, the Read More lines linked or not (and how to link one),
// a note of a date its dateline gave, which the article does not keep,
// and a warning when the story has no date (it is then listed after every
// dated article, and says where) or no dateline.
func importStory(args []string, stdout, stderr io.Writer) (err error) {
	flags := flag.NewFlagSet("import", flag.ContinueOnError)
	path := flags.String("data", "articles.json", "dataset `PATH` to add the story to: a file, or a folder of .json files; created if it does not exist (a folder when PATH ends in /)")
	out := flags.String("o", "", "write the entry to standard output (-o -) instead of adding it to the dataset")
	lang := flags.String("lang", "", "the story's language, a BCP 47 `TAG` such as en, ckb, ar, kmr or tr (default: told from its letters)")
	slug := flags.String("slug", "", "the story's `SLUG` (default: made from its headline)")
	allowCopy := flags.Bool("copy", false, "add the story even if an article of the dataset has its headline, with the same text or other")
	published := flags.String("published", "", "the story's `DATE`: 2006-01-02, an RFC 3339 time, or now for the current time in UTC (default: none, and the story is listed after every dated one)")
	updatedAt := flags.String("updated", "", "when the story last changed, a `DATE` as -published takes (2006-01-02, an RFC 3339 time, or now), not before the one -published gives (default: none)")
	section := flags.String("section", "", "the story's section, a `NAME` such as Politics (default: none)")
	var tags nameList
	flags.Var(&tags, "tag", "a tag of the story, a `NAME`; repeat -tag for each")
	var authors nameList
	flags.Var(&authors, "author", "a byline of the story, a `NAME`; repeat -author for each (default: the names of the story's \"By ...\" line, if it has one)")
	maxSize := sizeFlag(dataset.DefaultMaxSize)
	flags.Var(&maxSize, "max-size", "largest dataset file accepted, in `BYTES` (or with a unit: 512MB, 2GB)")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	// -section "" would be no section, where -tag "" and -author "" are
	// refused as slips: refused too.
	if err := refuseEmpty("import", flags, "story file", "data", "o", "section", "published", "updated", "slug", "lang"); err != nil {
		return err
	}
	if flags.NArg() != 1 {
		return usagef("import: give one story file: dateline import [-data PATH] [-lang TAG] [-slug SLUG] [-published DATE] [-updated DATE] [-section NAME] [-tag NAME]... [-author NAME]... [-copy] [-o -] STORY.txt")
	}
	if *out != "" && *out != "-" {
		return usagef("import: -o takes only - (standard output), not %q; to add the story to a dataset, use -data", *out)
	}
	storyFile := flags.Arg(0)
	text, err := readStory(storyFile)
	if err != nil {
		return err
	}
	a, choices, err := importer.ParseWith(text, importer.Options{
		Lang: *lang, Slug: *slug, Published: *published, Updated: *updatedAt, Section: *section, Tags: tags, Authors: authors,
	})
	var notHeadline *importer.NotHeadlineError
	if errors.As(err, &notHeadline) {
		return fmt.Errorf("import: %s:%d: %s; nothing was changed", storyFile, notHeadline.Line, notHeadline.Reason())
	}
	if err != nil {
		return fmt.Errorf("import: %s: %w; nothing was changed", storyFile, err)
	}
	note := func(format string, args ...any) error {
		if _, err := fmt.Fprintf(stderr, format+"\n", args...); err != nil {
			return fmt.Errorf("import: writing a note: %w", err)
		}
		return nil
	}
	how := "given"
	if choices.LangDetected {
		how = "detected: " + choices.LangReason
	} else if choices.LangReason != "given" {
		how = choices.LangReason
	}
	if err := note("language: %s (%s)", a.Language(), how); err != nil {
		return err
	}
	if err := note("slug: %s (%s)", a.Slug, choices.SlugReason); err != nil {
		return err
	}
	var source string
	if a.Dateline != nil {
		source = a.Dateline.Source
	}
	if err := noteByline(choices.Byline, storyFile, source, note); err != nil {
		return err
	}
	if *published == importer.PublishedNow {
		if err := note("published: %s (now, in UTC)", a.Published); err != nil {
			return err
		}
	}
	if *updatedAt == importer.PublishedNow {
		if err := note("updated: %s (now, in UTC)", a.Updated); err != nil {
			return err
		}
	}
	if choices.DatelineDate != "" {
		dated := "date the story with -published DATE"
		if *published != "" {
			dated = "the story's date is the one given with -published"
		}
		if err := note("note: the dateline on line %d of %s gives the date %q, which the article does not keep (a dateline holds a place and a source); %s",
			choices.FirstLine, storyFile, choices.DatelineDate, dated); err != nil {
			return err
		}
	}
	warn := func(where, dateFix, datelineFix, entryFile string) error {
		for _, no := range choices.SecondDatelines {
			if err := note("warning: line %d of %s opens with a dateline, as the story's first paragraph (line %d) does: if a second story is pasted there, it is now the end of this one; import each story from a file of its own",
				no, storyFile, choices.FirstLine); err != nil {
				return err
			}
		}
		if err := warnLooseCredits(choices.LooseCredits, storyFile, entryFile, stderr); err != nil {
			return err
		}
		if err := warnNoDateline(a, choices.FirstLine, storyFile, stderr, datelineFix); err != nil {
			return err
		}
		return warnUndated(a, stderr, where, dateFix)
	}

	if *out != "-" {
		// One import at a time writes a dataset: two at once each added
		// their story to the file as they read it, and the last rename
		// dropped the other's story, both saying "added".
		unlock, lerr := lockDataset(*path, stderr)
		if lerr != nil {
			return lerr
		}
		defer func() { err = errors.Join(err, unlock()) }()
	}
	info, statErr := os.Stat(*path)
	// The dataset may have no article yet: it is created (a file or a
	// folder that does not exist, an empty folder), or its file's
	// articles list is empty. There is then nothing to check the story
	// against, and arc stays nil.
	var arc *dataset.Archive
	var create creation
	links := importer.ReadMoreLinks(a)
	switch {
	case errors.Is(statErr, fs.ErrNotExist) && *out == "-":
		// No dataset to be unique in, nor to link Read More lines to.
		if err := printEntry(a, storyFile, stdout); err != nil {
			return err
		}
		if err := noteReadMore(links.Resolve(&a), choices.ReadMoreLines, storyFile, *path, false, linkInEntry, stderr); err != nil {
			return err
		}
		return warn("", dateWithFlag, fmt.Sprintf(datelineInText, choices.FirstLine), "")
	case errors.Is(statErr, fs.ErrNotExist):
		if create, err = toCreate(*path); err != nil {
			return err
		}
	case statErr != nil:
		return fmt.Errorf("import: reading the dataset: %w", statErr)
	case info.Mode()&fs.ModeNamedPipe != 0 && *out != "-":
		// Read, the pipe's data would be gone, and the dataset with the
		// story added has nowhere to be written.
		return fmt.Errorf("import: %s is a named pipe: import adds the story by writing the dataset back, which a pipe cannot take; give the dataset's file or folder with -data, or print the entry with -o -; nothing was changed", *path)
	case info.IsDir() && emptyFolder(*path):
		create = intoEmptyFolder
	}
	opts := dataset.Options{MaxSize: int64(maxSize)}
	if create == notCreated {
		// A dataset with no article yet (an empty list, a folder with
		// only the site) takes its first: the story's load checks it all.
		if arc, err = dataset.Load(*path, opts); err != nil && !((info.Mode().IsRegular() || info.IsDir()) && dataset.OnlyEmpty(err)) {
			return fmt.Errorf("import: the dataset must be valid before a story is added; nothing was changed: %w", err)
		}
	}
	if arc != nil {
		// Its files are held open, to read articles from.
		defer func() { err = errors.Join(err, arc.Close()) }()
	}
	if arc != nil {
		switch h, err := holding(arc, a, links); {
		case err != nil:
			return fmt.Errorf("import: reading the dataset: %w; nothing was changed", err)
		case h.Same != "" && !*allowCopy:
			return fmt.Errorf("import: %s: the dataset already holds this story as %q (same headline and text); nothing was changed; to add it again anyway, use -copy", storyFile, h.Same)
		case h.Same != "":
			if err := note("note: the dataset already holds this story as %q; adding a copy (-copy)", h.Same); err != nil {
				return err
			}
		case h.Other != "" && !*allowCopy:
			// A corrected story imported again: added, it would be a
			// second article with the headline, listed twice, and a Read
			// More line naming it would link to neither.
			file, _ := arc.File(h.Other)
			return fmt.Errorf("import: %s: the dataset already has %s, with other text (a corrected story?); nothing was changed; "+
				"to correct it, edit its entry in %s (or remove it and import the story again, which gives it the same slug if no other article takes it); "+
				"to add this story as another article with the same headline, use -copy (a Read More line that names the headline then links to neither)",
				storyFile, sameHeadline(arc, h.Other, h.Others), file)
		case h.Other != "":
			if err := note("note: the dataset already has %s, with other text; adding another (-copy): a Read More line that names the headline links to neither", sameHeadline(arc, h.Other, h.Others)); err != nil {
				return err
			}
		}
		if err := sameSpelling(arc, a); err != nil {
			return fmt.Errorf("import: %s: %w; nothing was changed", storyFile, err)
		}
		if *slug != "" && arc.Has(a.Slug) {
			// A slug the publisher chose is an address they mean to use:
			// said, not changed.
			return fmt.Errorf("import: %s: the slug %q given with -slug is taken by an article of the dataset; nothing was changed; give another, or leave -slug out to have one made", storyFile, a.Slug)
		}
		if unique := importer.UniqueSlug(a.Slug, arc.Has); unique != a.Slug {
			if err := note("slug: %s (%q is taken)", unique, a.Slug); err != nil {
				return err
			}
			a.Slug = unique
		}
	}
	// The links go in before the dataset is checked with the story: a
	// slug the story links to must be one of the dataset's.
	matches := links.Resolve(&a)
	if *out == "-" {
		if err := printEntry(a, storyFile, stdout); err != nil {
			return err
		}
		if err := noteReadMore(matches, choices.ReadMoreLines, storyFile, *path, arc != nil, linkInEntry, stderr); err != nil {
			return err
		}
		if arc == nil {
			return warn("", dateWithFlag, fmt.Sprintf(datelineInText, choices.FirstLine), "")
		}
		return warn(listedAfter(arc, a.Updated != ""), dateWithFlag, fmt.Sprintf(datelineInText, choices.FirstLine), "")
	}

	var name string
	var data, current []byte
	switch {
	case create == intoFile:
		name = *path
		if data, err = articleFile(a); err != nil {
			return err
		}
	case create != notCreated || info.IsDir():
		// A file of its own, named after the slug (and never over a file
		// that is there: a slug is unique, a file name may be taken by
		// a file of other articles).
		taken := func(s string) bool {
			_, err := os.Lstat(filepath.Join(*path, s+".json"))
			return err == nil || arc != nil && arc.Has(s)
		}
		file := importer.UniqueSlug(a.Slug, taken)
		if *slug == "" && file != a.Slug {
			// The slug is an address for good: its change is said, as
			// for a slug taken by an article.
			if err := note("slug: %s (%s holds other articles)", file, filepath.Join(*path, a.Slug+".json")); err != nil {
				return err
			}
			a.Slug = file
		} // a slug given stays, in a file of another name
		name = filepath.Join(*path, file+".json")
		if data, err = articleFile(a); err != nil {
			return err
		}
	default:
		name = *path
		if info.Mode().Perm()&0o222 == 0 {
			// Replace would write it anew, as root or as its owner.
			return fmt.Errorf("import: %s is read-only; nothing was changed; to add stories to it, make it writable (chmod u+w %s)", name, name)
		}
		if current, err = os.ReadFile(name); err != nil {
			return fmt.Errorf("import: reading the dataset: %w", err)
		}
		if data, err = importer.Append(current, a); err != nil {
			return fmt.Errorf("import: adding the story to %s: %w; nothing was changed", name, err)
		}
	}
	var updated *dataset.Archive
	if create == notCreated {
		opts.Overlay = map[string][]byte{name: data}
		updated, err = dataset.Load(*path, opts)
	} else {
		// The one file is the whole dataset.
		updated, err = dataset.LoadBytes(name, data)
	}
	if err != nil {
		return fmt.Errorf("import: with %s added, the dataset would not be valid; nothing was changed: %w", storyFile, err)
	}
	defer func() { err = errors.Join(err, updated.Close()) }()
	switch {
	case create == intoFolder:
		err = createIn(*path, name, data)
	case create != notCreated || info.IsDir():
		err = dataset.Create(name, data)
	default:
		// Imports wait for each other (lockDataset); an editor's save
		// does not: the file must still be the one the story was added
		// to, or that save would be lost.
		err = dataset.ReplaceUnchanged(name, data, current)
		if errors.Is(err, dataset.ErrChangedMeanwhile) {
			return fmt.Errorf("import: %s changed while the story was being added (saved from an editor?); nothing was changed; import the story again", name)
		}
	}
	if err != nil {
		return fmt.Errorf("import: %w; nothing was changed", err)
	}
	done := fmt.Sprintf("%s: added %q in %s; the dataset has %s", *path, a.Slug, name, countOf(updated.Len(), "article", "articles"))
	if create != notCreated {
		done = fmt.Sprintf("%s: created the dataset with %q", *path, a.Slug)
		if name != *path {
			done += " in " + name
		}
	}
	if _, err := fmt.Fprintln(stdout, done); err != nil {
		return fmt.Errorf("import: the story was added, but reporting it failed: %w", err)
	}
	if err := noteReadMore(matches, choices.ReadMoreLines, storyFile, *path, arc != nil, fmt.Sprintf(linkByHand, name), stderr); err != nil {
		return err
	}
	return warn(listedAt(updated, a.Slug, a.Updated != ""), fmt.Sprintf(dateByHand, name), fmt.Sprintf(datelineByHand, name), name)
}

// importWait is how long an import waits for the folder of its dataset,
// which other imports hold one after another.
const importWait = 10 * time.Minute

// lockDataset holds the folder that the dataset at path is in, the file or
// the folder of files, as the path is once its links are followed
// (dirlock): two imports of one dataset, through a link or not, or that
// both create it, hold the same folder; a dataset's own file, which
// Replace replaces, could not hold the lock. It waits for another process
// that holds it (an import, into this dataset or another in the same
// folder), saying so once on stderr. The returned function lets it go. A
// folder that does not exist, or that this user may not read, or whose
// file system has no such lock, holds nothing: the file is still read
// again before it is replaced (dataset.ReplaceUnchanged).
func lockDataset(path string, stderr io.Writer) (func() error, error) {
	resolved := filepath.Clean(path)
	if r, err := filepath.EvalSymlinks(resolved); err == nil {
		resolved = r
	}
	dir := filepath.Dir(resolved)
	unlock, err := dirlock.Lock(dir, time.Second)
	if errors.Is(err, dirlock.ErrBusy) {
		if _, werr := fmt.Fprintf(stderr, "import: waiting for %s, which another process holds (an import into a dataset there)\n", dir); werr != nil {
			return nil, fmt.Errorf("import: writing a note: %w", werr)
		}
		unlock, err = dirlock.Lock(dir, importWait)
	}
	switch {
	case errors.Is(err, dirlock.ErrBusy):
		return nil, fmt.Errorf("import: waited %s for %s, which another process holds; nothing was changed; import the story again once it ends", importWait, dir)
	case err != nil:
		return func() error { return nil }, nil
	}
	return unlock, nil
}

// creation is how import makes the dataset it adds a story to, when
// there is none yet.
type creation int

const (
	notCreated      creation = iota // the dataset is there
	intoFile                        // a new file, holding the story
	intoFolder                      // a new folder, holding the story's file
	intoEmptyFolder                 // a folder there, with nothing in it
)

// toCreate says how to create the dataset at path, which does not exist:
// a folder when path ends in a separator, else a file, which is named
// *.json as a folder's files are (news, without it, is more likely a slip
// than a name). The folder it goes in must exist.
func toCreate(path string) (creation, error) {
	folder := strings.HasSuffix(path, string(filepath.Separator)) || strings.HasSuffix(path, "/")
	if info, err := os.Lstat(filepath.Clean(path)); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		// A link to nothing, which a new dataset cannot take the place
		// of: its file would be linked in "over" it ("file exists").
		target, err := os.Readlink(filepath.Clean(path))
		if err != nil {
			return notCreated, fmt.Errorf("import: reading the link %s: %w; nothing was changed", path, err)
		}
		return notCreated, fmt.Errorf("import: %s is a link to %s, which does not exist: fix the link, or remove it, then import again; nothing was changed", path, target)
	}
	if !folder && !strings.EqualFold(filepath.Ext(path), ".json") {
		return notCreated, fmt.Errorf("import: %s does not exist: to create a dataset there, give -data a file name ending in .json, or a folder's name ending in %c; nothing was changed", path, filepath.Separator)
	}
	parent := filepath.Dir(filepath.Clean(path))
	switch fi, err := os.Stat(parent); {
	case errors.Is(err, fs.ErrNotExist):
		return notCreated, fmt.Errorf("import: %s does not exist, nor does the folder %s to create it in: create the folder first, or check the path; nothing was changed", path, parent)
	case err != nil:
		return notCreated, fmt.Errorf("import: creating the dataset %s: %w; nothing was changed", path, err)
	case !fi.IsDir():
		return notCreated, fmt.Errorf("import: %s does not exist, and %s, where it would be created, is not a folder; nothing was changed", path, parent)
	}
	if folder {
		return intoFolder, nil
	}
	return intoFile, nil
}

// emptyFolder reports whether the folder holds nothing a dataset's reader
// would look at: no file or folder but hidden ones (.DS_Store).
func emptyFolder(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false // said by the dataset's reader
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			return false
		}
	}
	return true
}

// articleFile is a dataset file holding the one article a, as a folder's
// file of it is written.
func articleFile(a article.Article) ([]byte, error) {
	entry, err := importer.Marshal(a, "    ", "  ", "\n")
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return []byte("{\n  \"articles\": [\n    " + string(entry) + "\n  ]\n}\n"), nil
}

// createIn makes the folder dir, in a folder that exists, and the file
// name in it, holding data, both owned as that folder is when the process
// may (dataset.CreateFolder); if the file cannot be written, the folder
// is removed again.
func createIn(dir, name string, data []byte) error {
	if err := dataset.CreateFolder(dir); err != nil {
		return fmt.Errorf("creating the dataset's folder: %w", err)
	}
	if err := dataset.Create(name, data); err != nil {
		return errors.Join(err, os.Remove(dir))
	}
	return nil
}

// nameList is a flag given once for each name, such as -tag.
type nameList []string

func (l *nameList) String() string { return strings.Join(*l, ", ") }

func (l *nameList) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// sameSpelling refuses a section or tag that the dataset spells another
// way: "politics" where it has "Politics" (both would be one page), or
// "اديبيسينغ" where it has "أديبيسينغ" (one name that search reads as one
// word, with two pages). Either way the dataset would not be valid; said
// here, the message names the spelling to give.
func sameSpelling(arc *dataset.Archive, a article.Article) error {
	if a.Section != "" {
		if g, why := spelt(a.Section, arc.Section, arc.Sections(), page.SectionRef); g != nil {
			return fmt.Errorf("the section given (-section), %q, is spelt %q in the dataset (%s); give -section %q", a.Section, g.Name, why, g.Name)
		}
	}
	for _, t := range a.Tags {
		if g, why := spelt(t, arc.Tag, arc.Tags(), page.TagRef); g != nil {
			return fmt.Errorf("the tag given (-tag %q) is spelt %q in the dataset (%s); give -tag %q", t, g.Name, why, g.Name)
		}
	}
	return nil
}

// spelt returns the section or tag of the dataset (bySlug finds one by
// its page's slug, groups are all of them) that name is another spelling
// of, and why the two are one; nil when there is none.
func spelt(name string, bySlug func(string) (*dataset.Group, bool), groups []*dataset.Group, ref func(string, int) page.Ref) (*dataset.Group, string) {
	if g, ok := bySlug(article.NameSlug(name)); ok {
		if g.Name == name {
			return nil, ""
		}
		return g, "both would be the page " + ref(g.Slug, 1).Path()
	}
	key := search.NameKey(name)
	for _, g := range groups {
		if search.NameKey(g.Name) == key {
			return g, "search reads the two as one word, but each would have a page of its own"
		}
	}
	return nil, ""
}

// listedAt says where the home list shows the article with the slug, a
// story just added to the dataset without a published date (updated
// tells it has an updated one).
func listedAt(arc *dataset.Archive, slug string, updated bool) string {
	home := arc.Home()
	for lo := 0; lo < home.Len(); lo += page.Size {
		for i, s := range arc.Summaries(home, lo, lo+page.Size) {
			if s.Slug == slug {
				left := !updated && arc.FeedDated(home, feed.MaxEntries)
				return "on " + listPlace(lo+i, home.Len(), false) + ", and " + inFeed(lo+i, false, left, updated)
			}
		}
	}
	return "" // never: the story is in the dataset
}

// listedAfter says where the home list of a dataset would show a story
// without a published date added to it (updated tells it has an updated
// one): after every dated article at least.
func listedAfter(arc *dataset.Archive, updated bool) string {
	home := arc.Home()
	dated := 0
	for lo := 0; lo < home.Len() && dated == lo; lo += page.Size {
		for _, s := range arc.Summaries(home, lo, lo+page.Size) {
			if s.Published == "" {
				break
			}
			dated++
		}
	}
	return fmt.Sprintf("added to this dataset, which has %s, it would be on %s, and %s",
		countOf(dated, "dated article", "dated articles"), listPlace(dated, home.Len()+1, true), inFeed(dated, true, !updated && arc.FeedDated(home, feed.MaxEntries), updated))
}

// listPlace names the page of the home list that shows its article pos
// (from 0) of n: "/page/7, the last of the home list's 7 pages".
func listPlace(pos, n int, orLater bool) string {
	p, pages := pos/page.Size+1, (n+page.Size-1)/page.Size
	where := page.HomeRef(p).Path()
	switch {
	case orLater && p < pages:
		return fmt.Sprintf("%s or a later page of the home list's %d", where, pages)
	case pages == 1:
		return where + ", the home list's only page"
	case p == pages:
		return fmt.Sprintf("%s, the last of the home list's %d pages", where, pages)
	}
	return fmt.Sprintf("%s, page %d of the home list's %d", where, p, pages)
}

// inFeed says whether the site's feed, of the newest articles, holds its
// article pos (from 0) of the home list, a story without a published date
// (updated tells it has an updated one); left tells that the feed leaves
// it out, having no date at all among dated articles (site.feedOf).
func inFeed(pos int, orLater, left, updated bool) string {
	feedPath := "/" + feed.AtomName
	switch {
	case left:
		return fmt.Sprintf("not in %s, which lists dated articles only", feedPath)
	case pos >= feed.MaxEntries:
		return fmt.Sprintf("not in %s (the newest %d)", feedPath, feed.MaxEntries)
	case orLater && updated:
		return fmt.Sprintf("in %s (the newest %d) only while fewer than %d articles are listed before it", feedPath, feed.MaxEntries, feed.MaxEntries)
	case orLater:
		return fmt.Sprintf("in %s (the newest %d) only while fewer than %d articles are listed before it and none is dated", feedPath, feed.MaxEntries, feed.MaxEntries)
	case updated:
		return fmt.Sprintf("in %s (the newest %d) until %d more dated articles are added", feedPath, feed.MaxEntries, feed.MaxEntries-pos)
	}
	return fmt.Sprintf("in %s (the newest %d) until a dated article is added (it then lists dated articles only)", feedPath, feed.MaxEntries)
}

// warnUndated warns, when the story has no date, that it is listed after
// every dated article, where says where, and fix how to date it.
func warnUndated(a article.Article, stderr io.Writer, where, fix string) error {
	if a.Published != "" {
		return nil
	}
	msg := "warning: the story has no date, so it is listed after every dated article"
	if a.Updated != "" {
		msg = "warning: the story has no published date (an updated one only), so it is listed after every article published on a date"
	}
	switch {
	case where != "":
		msg += ": " + where
	case a.Updated == "":
		msg += fmt.Sprintf(" and is not in %s of a site with dated articles (it lists those only)", "/"+feed.AtomName)
	}
	msg += "\n  to date it: " + fix + "\n"
	if _, err := io.WriteString(stderr, msg); err != nil {
		return fmt.Errorf("import: writing a warning: %w", err)
	}
	return nil
}

// How to date a story, in the warning about one without a date.
const (
	dateWithFlag = "import it with -published DATE (2006-01-02 or an RFC 3339 time) or -published now (the current time, UTC)"
	dateByHand   = `add "published" (2006-01-02 or an RFC 3339 time) to its entry in %s; next time, import with -published DATE or -published now`
)

// warnNoDateline warns, when the story has no dateline, that its first
// paragraph, on line firstLine of storyFile, opens with none, quoting how
// it opens; fix says how to give it one.
func warnNoDateline(a article.Article, firstLine int, storyFile string, stderr io.Writer, fix string) error {
	if a.Dateline != nil {
		return nil
	}
	var first string
	if ps := a.Paragraphs(); len(ps) > 0 {
		first = ps[0]
	}
	msg := fmt.Sprintf("warning: the story has no dateline: its first paragraph, line %d of %s, opens %q, not with a place, a source in parentheses and a dash\n  to give it one: %s\n",
		firstLine, storyFile, importer.FirstWords(first, quotedOpening), fix)
	if _, err := io.WriteString(stderr, msg); err != nil {
		return fmt.Errorf("import: writing a warning: %w", err)
	}
	return nil
}

// noteByline says whose names the story's byline, on its line of
// storyFile, gave the article as its authors, quoting the line so that
// the user can check it was one, and what of it was left out (its agency,
// a job title...), or that it names no person, or that it was not used as
// the authors were given with -author. source is the dateline's source,
// "" for none: an agency that is all a byline names often is.
func noteByline(b importer.Byline, storyFile, source string, note func(format string, args ...any) error) error {
	switch {
	case b.Line == 0:
		return nil
	case !b.Used:
		return note("note: the byline on line %d of %s, %q, is not used: the authors are the ones given with -author", b.Line, storyFile, b.Text)
	}
	left := make([]string, len(b.Left))
	for i, p := range b.Left {
		left[i] = p.Describe()
		if len(b.Names) == 0 && p.Kind == importer.PartAgency && source != "" && strings.EqualFold(p.Text, source) {
			left[i] += " (the dateline's source too)"
		}
	}
	if len(b.Names) == 0 {
		return note("note: the byline on line %d of %s, %q, names no person, only %s, so the article has no author; to give it some, import with -author NAME",
			b.Line, storyFile, b.Text, strings.Join(left, " and "))
	}
	names := make([]string, len(b.Names))
	for i, n := range b.Names {
		names[i] = strconv.Quote(n)
	}
	var more string
	if len(left) > 0 {
		more = "; left out as no author: " + strings.Join(left, ", ")
	}
	if b.Recased {
		more += "; the names are written in title case from the line's capitals: check their spelling, or give them with -author"
	}
	return note("authors: %s (from the byline on line %d of %s, %q%s)", strings.Join(names, ", "), b.Line, storyFile, b.Text, more)
}

// noteReadMore says what became of each Read More line of the story,
// on lines of storyFile: linked to the one article of the dataset at path
// whose headline is its title, or not linked, as no article has that
// headline or several have, when it shows as not in this collection;
// where says where to give it the slug (linkInEntry, linkByHand). read is
// false when the dataset has no article to link to.
func noteReadMore(matches []importer.LinkMatch, lines []int, storyFile, path string, read bool, where string, stderr io.Writer) error {
	var b strings.Builder
	for i, m := range matches {
		if i >= len(lines) {
			break // never: a line for each Read More block
		}
		line := fmt.Sprintf("the Read More line %d of %s, %q,", lines[i], storyFile, m.Title)
		switch {
		case m.Count == 1:
			fmt.Fprintf(&b, "link: %s links to %q, the article of %s with that headline\n", line, m.Slugs[0], path)
		case m.Count == 0:
			none := "no article of " + path + " has that headline"
			if !read {
				none = path + " holds no article to link to"
			}
			fmt.Fprintf(&b, "note: %s is not linked (%s), so it will show as not in this collection\n  to link it: %s\n",
				line, none, fmt.Sprintf(linkHow, `"slug": "SLUG"`, "the article's slug", where))
		default:
			quoted := make([]string, len(m.Slugs))
			for j, s := range m.Slugs {
				quoted[j] = strconv.Quote(s)
			}
			slugs := strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
			if more := m.Count - len(m.Slugs); more > 0 {
				slugs = strings.Join(quoted, ", ") + fmt.Sprintf(" and %d more", more)
			}
			fmt.Fprintf(&b, "note: %s is the headline of %d articles of %s, %s, so it is not linked (which one it means cannot be told) and will show as not in this collection\n  to link it: %s\n",
				line, m.Count, path, slugs, fmt.Sprintf(linkHow, `"slug"`, "the slug of the one it means", where))
		}
	}
	if _, err := io.WriteString(stderr, b.String()); err != nil {
		return fmt.Errorf("import: writing a note: %w", err)
	}
	return nil
}

// How to link a Read More line to an article of the dataset: give its
// block in the body and its entry in "related" the article's slug (the
// field, then what its value is), in the entry printed or in the
// dataset's file (linkByHand, with its name).
const (
	linkHow     = `in %[3]s, add %[1]s (%[2]s) to its "read_more" block in "body" and to its entry in "related"; for a page elsewhere, "url" instead of "slug"`
	linkInEntry = "the entry printed"
	linkByHand  = "its entry in %s"
)

// How to give a story a dateline, in the warning about one without: in
// the story's text, at the start of its first paragraph (the line's
// number), or in its entry in the dataset file (its name).
const (
	datelineInText = `start line %d with one, such as "ERBIL (Kurdistan 24) – " or "Baghdad (AFP) - ", and import the story again`
	datelineByHand = `add "dateline": {"place": "PLACE", "source": "Source"} to its entry in %s`
)

// warnLooseCredits warns of each photo credit on a line of its own of
// storyFile with no caption before it, which the article leaves out, and
// says how to keep it: in the story's text, or in its entry in entryFile,
// the dataset file the story was added to ("" for none).
func warnLooseCredits(credits []importer.LooseCredit, storyFile, entryFile string, stderr io.Writer) error {
	var b strings.Builder
	for _, c := range credits {
		fix := creditInText
		if entryFile != "" {
			fix = fmt.Sprintf(creditByHand, c.Credit, entryFile)
		}
		if c.End {
			if entryFile == "" {
				fix = creditEndInText
			}
			fmt.Fprintf(&b, "warning: line %d of %s, %q, is a photo credit that ends the story: the line before it stays the last paragraph, not its caption, so the credit is left out: a figure needs a caption (the article has no image)\n  to keep it: %s\n",
				c.Line, storyFile, c.Text, fix)
			continue
		}
		fmt.Fprintf(&b, "warning: line %d of %s, %q, is a photo credit with no caption on the line before it, so it is left out: a figure needs a caption (the article has no image)\n  to keep it: %s\n",
			c.Line, storyFile, c.Text, fix)
	}
	if _, err := io.WriteString(stderr, b.String()); err != nil {
		return fmt.Errorf("import: writing a warning: %w", err)
	}
	return nil
}

// How to keep a photo credit that has no caption, in the warning about
// one: in the story's text, or in its entry in the dataset file (the
// credit, then the file's name).
const (
	creditInText = `give the photo's caption on the line before it, or before the credit on its line ("CAPTION (Photo: …)"), and import the story again`
	// At the story's end, the line before a credit stays a paragraph.
	creditEndInText = `give the photo's caption before the credit on its line ("CAPTION (Photo: …)"), and import the story again`
	creditByHand    = `add {"caption": "CAPTION", "credit": %q} to "figures" in its entry in %s`
)

// quotedOpening is the most characters of a paragraph that the warning
// about a story without a dateline quotes.
const quotedOpening = 48

// held is what a dataset holds of a story: the article with the same
// headline and text, and the articles with the same headline, in any
// case (as a Read More line names one: importer.Links), and other text.
type held struct {
	// Same is the slug of the article with the same headline and text;
	// "" when there is none.
	Same string
	// Other is the slug of the first article with the same headline and
	// other text, of Others; "" when there is none.
	Other  string
	Others int
}

// holding returns what the dataset holds of a (held), and shows links
// every article's headline, to match a's Read More titles with, in the
// same pass. Headlines are compared first, from the archive's summaries
// in memory: only an article with the same headline is read from its file
// (100,000 read and compared took 6.5 s).
func holding(arc *dataset.Archive, a article.Article, links *importer.Links) (held, error) {
	want, head := importer.Fingerprint(a), importer.HeadlineKey(a.Headline)
	var h held
	var err error
	arc.Slugs(func(slug string) {
		if err != nil {
			return
		}
		s, _ := arc.Summary(slug)
		links.Visit(slug, s.Headline)
		key := importer.HeadlineKey(s.Headline)
		if !strings.EqualFold(key, head) {
			return
		}
		if h.Same == "" && key == head {
			var other *article.Article
			if other, _, err = arc.Article(slug); err == nil && importer.Fingerprint(*other) == want {
				h.Same = slug
				return
			}
		}
		if h.Other == "" {
			h.Other = slug
		}
		h.Others++
	})
	return h, err
}

// sameHeadline names the article of the dataset with the slug, which has
// the headline of a story, and the others that have it too (others in
// all), with the file that holds it.
func sameHeadline(arc *dataset.Archive, slug string, others int) string {
	what := fmt.Sprintf("an article with this headline, %q", slug)
	if others > 1 {
		what = fmt.Sprintf("%d articles with this headline, the first %q", others, slug)
	}
	if file, ok := arc.File(slug); ok {
		what += " in " + file
	}
	return what
}

// printEntry writes the article as a dataset entry, after checking that it
// is one. Its links to other articles are the dataset's (Links), which
// the entry alone does not hold: it is checked without them.
func printEntry(a article.Article, storyFile string, stdout io.Writer) error {
	entry, err := importer.Marshal(a, "", "  ", "\n")
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	unlinked, err := importer.Marshal(withoutSlugs(a), "", "  ", "\n")
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	alone := []byte(`{"articles": [` + string(unlinked) + "]}")
	if _, err := dataset.LoadBytes(storyFile+" (as a dataset entry)", alone); err != nil {
		return fmt.Errorf("import: the story does not make a valid article: %w", err)
	}
	if _, err := fmt.Fprintf(stdout, "%s\n", entry); err != nil {
		return fmt.Errorf("import: writing the entry: %w", err)
	}
	return nil
}

// withoutSlugs returns a copy of a whose links to other articles, in its
// body and its related list, are titles only.
func withoutSlugs(a article.Article) article.Article {
	a.Body, a.Related = slices.Clone(a.Body), slices.Clone(a.Related)
	for i := range a.Body {
		a.Body[i].Slug = ""
	}
	for i := range a.Related {
		a.Related[i].Slug = ""
	}
	return a
}

// readStory reads a story file, refusing an absurdly large one unread.
func readStory(name string) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("import: reading the story: %w", err)
	}
	if fi.Mode().IsRegular() && fi.Size() > importer.MaxStorySize {
		return nil, fmt.Errorf("import: %s: the story is %s, more than %s: is it the right file? Nothing was changed",
			name, dataset.ByteSize(fi.Size()), dataset.ByteSize(importer.MaxStorySize))
	}
	// A pipe or a device has no size to check first (/dev/zero, or
	// `yes |` given as the story, would fill the memory): read up to
	// the limit and one byte more.
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("import: reading the story: %w", err)
	}
	text, err := io.ReadAll(io.LimitReader(f, importer.MaxStorySize+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("import: reading the story: %w", err)
	}
	if len(text) > importer.MaxStorySize {
		return nil, fmt.Errorf("import: %s: the story is more than %s: is it the right file? Nothing was changed",
			name, dataset.ByteSize(importer.MaxStorySize))
	}
	return text, nil
}
