package dataset

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Problem is one thing wrong with a dataset, with its place.
type Problem struct {
	// File names the file, as given on the command line (or the folder,
	// for a problem of the dataset as a whole).
	File string
	// Line and Column are 1-based, Column counting characters; 0 when the
	// problem is of a whole file or folder.
	Line, Column int
	// Pointer is the JSON pointer of the value in its file, such as
	// /articles/3/body/2/text.
	Pointer string
	// Article is the index of the article in its file, or -1; Slug is its
	// slug, when it has a usable one.
	Article int
	Slug    string
	// Message says what is wrong; Hint how to fix it.
	Message, Hint string

	// off is the byte offset in the file, until Line and Column are set;
	// unplaced for a problem of the file as a whole.
	off int64
	// other is a second place the message names, once it is placed.
	other *elsewhere
	// empty marks the problem that the dataset as a whole has no
	// articles (OnlyEmpty).
	empty bool
}

// elsewhere is where the value a problem is about is given another way:
// the first spelling of a section or a tag that a later one clashes with.
type elsewhere struct {
	name    string // the value there
	file    string
	off     int64
	article int
	slug    string
	// line and column, 1-based, once placed.
	line, column int
}

// FileName is how problems name a file or folder: as given, unless the
// name holds what would break the line it is printed on or is not text (a
// control character such as a line break, a line or paragraph separator,
// bytes that are not UTF-8). Such a name is printed in double quotes with
// Go's escapes, "bad\nname.json", so that each problem stays one line that
// tools can read.
func FileName(name string) string {
	if strings.IndexFunc(name, breaksLine) < 0 && utf8.ValidString(name) {
		return name
	}
	return strconv.Quote(name)
}

func breaksLine(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
}

// oneLine escapes in text what would break its line, as Go would in a
// quoted string (\n, \x01, \u2028), leaving the rest as it is: a message
// that names a file, or quotes an error that does.
func oneLine(text string) string {
	if strings.IndexFunc(text, breaksLine) < 0 {
		return text
	}
	var b strings.Builder
	for _, r := range text {
		if breaksLine(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// say is the message's part about the other place: the value, and where
// it is, with its line and column when they are known.
func (o *elsewhere) say() string {
	where := FileName(o.file)
	if o.line > 0 {
		where += fmt.Sprintf(":%d:%d", o.line, o.column)
	}
	who := fmt.Sprintf("article %d", o.article)
	if o.slug != "" {
		who += fmt.Sprintf(" (%q)", o.slug)
	}
	return fmt.Sprintf("%q is at %s, %s", o.name, where, who)
}

// String formats the problem the way editors and CI logs link to a place:
// FILE:LINE:COL: POINTER: article N ("slug"): message (hint), on one line
// (FileName).
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(FileName(p.File))
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", p.Line, p.Column)
	}
	b.WriteString(": ")
	if p.Pointer != "" {
		b.WriteString(oneLine(p.Pointer) + ": ")
	}
	if p.Article >= 0 {
		if p.Slug != "" {
			fmt.Fprintf(&b, "article %d (%q): ", p.Article, p.Slug)
		} else {
			fmt.Fprintf(&b, "article %d: ", p.Article)
		}
	}
	b.WriteString(oneLine(p.Message))
	if p.Hint != "" {
		b.WriteString(" (" + oneLine(p.Hint) + ")")
	}
	return b.String()
}

// unplaced is the offset of a problem that has no place in its file, such
// as a file that cannot be read: it is listed without line and column.
const unplaced = -1

// MaxListed is how many problems an Error lists; it always counts them all.
const MaxListed = 500

// Error is a dataset that cannot be used: every problem found, the first
// MaxListed of them listed, in file order.
type Error struct {
	// Name names the dataset: its file or folder.
	Name string
	// Problems are the problems listed; Count is how many there are in
	// all, which is more when the list was cut.
	Problems []Problem
	Count    int
}

// OnlyEmpty reports whether err says only that the dataset has no
// articles: a file whose list is empty, or a folder whose files hold
// none (only the site, say). Adding a story is then all it needs.
func OnlyEmpty(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Count == 1 && len(e.Problems) == 1 && e.Problems[0].empty
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d %s", FileName(e.Name), e.Count, plural(e.Count, "problem", "problems"))
	for _, p := range e.Problems {
		b.WriteString("\n" + p.String())
	}
	if more := e.Count - len(e.Problems); more > 0 {
		fmt.Fprintf(&b, "\n... and %d more %s: fix these, then run validate again", more, plural(more, "problem", "problems"))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
