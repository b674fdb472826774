package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestEnglish holds the whole English table: a key that changes, or an
// English text that changes, is a change for every edition's translators.
func TestEnglish(t *testing.T) {
	want := [][2]string{
		{"nav.skip", "Skip to content"},
		{"nav.pages", "Pages"},
		{"nav.sections", "Sections"},
		{"nav.editions", "Other editions"},
		{"list.latest", "Latest articles"},
		{"list.tagged", "Tagged {tag}"},
		{"list.newer", "Newer articles"},
		{"list.older", "Older articles"},
		{"list.newest", "Newest"},
		{"list.oldest", "Oldest"},
		{"list.page_of", "Page {n} of {pages}"},
		{"article.by", "By {authors}"},
		{"join.last", " and "},
		{"join.comma", ", "},
		{"article.updated", "Updated {date}"},
		{"article.read_more", "Read More:"},
		{"article.related", "Related articles"},
		{"article.not_in_collection", "(not in this collection)"},
		{"article.original", "Read the original story"},
		{"article.tags", "Tags"},
		{"article.more_stories", "More stories"},
		{"article.next_in_section", "Next in {section}"},
		{"article.previous_in_section", "Previous in {section}"},
		{"article.next", "Next story"},
		{"article.previous", "Previous story"},
		{"not_found.title", "Page not found"},
		{"not_found.text", "There is no page at this address. It may have been moved or removed."},
		{"not_found.latest", "See the latest articles"},
		{"error.title", "This page could not be loaded"},
		{"error.text", "Check your connection and try again."},
		{"error.retry", "Try again"},
		{"error.home", "Go to the home page"},
		{"error.stale_title", "This site has been updated"},
		{"error.stale_text", "Reload to see this page in its new version."},
		{"page.loading", "Loading…"},
		{"meta.title", "{title} · {site}"},
		{"meta.page", "{title}, page {n}"},
		{"meta.description", "{title}: the latest from {site}."},
		{"offline.saving", "Saving for offline {percent}%"},
		{"offline.ready", "Available offline"},
		{"offline.partial", "Latest saved offline"},
		{"offline.partial_hint", "The latest articles, and every article you open, are kept on this device"},
		{"offline.older", "This copy was kept on an earlier visit. The site has been updated since: this page may have changed."},
		{"offline.failed", "Not saved for offline"},
		{"offline.offline", "Offline"},
		{"offline.page_title", "You are offline"},
		{"offline.page_text", "This page has not been saved on this device yet. It will open when you are back online."},
		{"offline.unreachable_title", "The site is not answering"},
		{"offline.unreachable_text", "This page has not been saved on this device yet. It will open when the site answers again."},
		{"install.button", "Install app"},
		{"install.apple", "To install {site}, tap the Share button, then Add to Home Screen."},
		{"update.available", "A new version is available."},
		{"update.reload", "Reload"},
		{"loader.label", "Loading the app"},
		{"date.pattern", "{day} {month} {year}"},
		{"reading.time.one", "{minutes} min read"},
		{"reading.time.other", "{minutes} min read"},
		{"search.label", "Search"},
		{"search.title", "Search the archive"},
		{"search.empty", "Type one or more words: every word must match, the last one also as the start of a word."},
		{"search.none", "No articles match {query}."},
		{"search.more", "More results"},
		{"search.earlier", "Previous results"},
		{"search.building", "The search is being prepared. Try again in a moment."},
		{"search.static", "Search runs in the app, which is loading: the results will appear here."},
		{"search.incomplete", "Offline: these results come from the parts of the index on this device and may be incomplete."},
		{"search.failed", "The search could not run. Check your connection and try again."},
		{"search.past_end", "These results end at page {pages}: there is no page {n}."},
		{"search.static_saver", "Data saver is on, so the app that searches this site is not downloaded. To search, turn data saver off in the reading settings."},
		{"search.words_cut", "A search counts the first {first} words and the last. Left out of this one: {words}."},
		{"search.offline_none", "You are offline, and this device does not hold the part of the index these results need. Search again once you are back online."},
		{"search.unreachable", "The site is not answering: these results come from the parts of the index on this device and may be incomplete."},
		{"search.unreachable_none", "The site is not answering, and this device does not hold the part of the index these results need. Search again in a moment."},
		{"search.partial", "Some results cannot be shown while their articles are being updated."},
		{"figure.caption", "Photo caption:"},
		{"article.tools", "Article tools"},
		{"article.save", "Save for later"},
		{"article.saved_note", "Saved. It opens offline from Saved articles."},
		{"article.saved_saving", "Saved. Keeping it for offline reading…"},
		{"article.saved_no_offline", "Saved to your list. This browser cannot keep articles for offline reading."},
		{"article.saved_not_offline", "Saved to your list, but this device could not keep it for offline reading."},
		{"article.unsaved_note", "Removed from Saved articles."},
		{"article.share", "Share"},
		{"article.link_copied", "Link copied"},
		{"article.copy_link", "Copy this link:"},
		{"article.listen", "Listen"},
		{"listen.pause", "Pause"},
		{"listen.resume", "Resume"},
		{"listen.next", "Next paragraph"},
		{"listen.stop", "Stop"},
		{"listen.player", "Listening"},
		{"listen.no_voice", "This device has no voice for this article's language."},
		{"print.from", "From {url}, printed {date}"},
		{"saved.nav", "Saved"},
		{"saved.title", "Saved articles"},
		{"saved.empty", "Nothing saved yet. Choose “Save for later” on an article to keep it here, readable offline."},
		{"saved.remove", "Remove"},
		{"saved.gone", "no longer on the site"},
		{"saved.not_kept", "not kept for offline reading yet"},
		{"article.gone", "This article is no longer on the site. This is your saved copy."},
		{"continue.title", "Continue reading"},
		{"continue.read", "{percent}% read"},
		{"settings.button", "Reading settings"},
		{"settings.size", "Text size"},
		{"settings.width", "Line width"},
		{"settings.width.narrow", "Narrow"},
		{"settings.width.medium", "Medium"},
		{"settings.width.wide", "Wide"},
		{"settings.spacing", "Line spacing"},
		{"settings.spacing.tight", "Tight"},
		{"settings.spacing.normal", "Normal"},
		{"settings.spacing.loose", "Loose"},
		{"settings.theme", "Theme"},
		{"settings.theme.auto", "Automatic"},
		{"settings.theme.light", "Light"},
		{"settings.theme.sepia", "Sepia"},
		{"settings.theme.dark", "Dark"},
		{"settings.font", "Typeface"},
		{"settings.font.serif", "Serif"},
		{"settings.font.sans", "Sans serif"},
		{"settings.keys", "Single-key shortcuts"},
		{"settings.saver", "Data saver"},
		{"settings.saver_note", "Data saver is on: the app (about 1.5 MB) is not downloaded. Each page loads whole from the site, and search needs a connection. Reading settings, saved articles, sharing, listening and print still work."},
		{"settings.saver_browser", "Your browser asks sites to save data."},
		{"settings.reset", "Reset"},
		{"settings.reset_done", "Text settings reset"},
		{"dialog.close", "Close"},
		{"keys.title", "Keyboard shortcuts"},
		{"keys.help", "Show these shortcuts"},
		{"keys.save", "Save or remove the article"},
		{"keys.listen", "Listen, or pause"},
		{"keys.settings", "Reading settings"},
		{"keys.next", "Next paragraph"},
		{"keys.previous", "Previous paragraph"},
		{"keys.search", "Search"},
		{"keys.off", "Single-key shortcuts can be turned off in Reading settings."},
		{"status.saver", "Data saver on"},
		{"search.results.one", "{count} result for {query}"},
		{"search.results.other", "{count} results for {query}"},
		{"date.month.1", "January"},
		{"date.month.2", "February"},
		{"date.month.3", "March"},
		{"date.month.4", "April"},
		{"date.month.5", "May"},
		{"date.month.6", "June"},
		{"date.month.7", "July"},
		{"date.month.8", "August"},
		{"date.month.9", "September"},
		{"date.month.10", "October"},
		{"date.month.11", "November"},
		{"date.month.12", "December"},
	}
	got := Keys()
	if len(got) != len(want) {
		t.Errorf("%d keys, want %d: %q", len(got), len(want), got)
	}
	for i, w := range want {
		if i < len(got) && got[i] != w[0] {
			t.Errorf("key %d is %q, want %q", i, got[i], w[0])
		}
		if en, ok := English(w[0]); !ok || en != w[1] {
			t.Errorf("English(%q) = %q, %v; want %q", w[0], en, ok, w[1])
		}
	}
}

func TestKeysAreWellFormed(t *testing.T) {
	form := regexp.MustCompile(`^[a-z][a-z_]*(\.[a-z0-9_]+)+$`)
	seen := map[string]bool{}
	for _, k := range Keys() {
		if !form.MatchString(k) {
			t.Errorf("key %q is not dotted lower-case words", k)
		}
		if seen[k] {
			t.Errorf("key %q declared twice", k)
		}
		seen[k] = true
		if k == DigitsSetting {
			t.Errorf("key %q is the digits setting", k)
		}
	}
	for base, count := range tables().counts {
		for _, form := range []string{string(base) + ".one", string(base) + ".other"} {
			en, _ := English(form)
			if !slices.Contains(placeholders(en), count) {
				t.Errorf("%s = %q lacks its number {%s}", form, en, count)
			}
		}
	}
	if _, ok := English("no.such.key"); ok {
		t.Error("English found a key that is not declared")
	}
}

func TestMonth(t *testing.T) {
	tests := []struct {
		scenario string
		month    int
		want     Key
	}{
		{"January", 1, "date.month.1"},
		{"December", 12, "date.month.12"},
		{"zero", 0, ""},
		{"thirteen", 13, ""},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := Month(tt.month); got != tt.want {
				t.Errorf("Month(%d) = %q, want %q", tt.month, got, tt.want)
			}
		})
	}
}

// TestKeysDeclared checks keys.go's two lists against each other: every
// key constant has its English text in labels (a plural key, its two
// forms), and every entry of labels is a declared key, a plural form or a
// month.
func TestKeysDeclared(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "keys.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Key" {
				continue
			}
			for _, v := range vs.Values {
				lit, ok := v.(*ast.BasicLit)
				if !ok {
					t.Fatalf("a Key constant that is not a string literal: %#v", v)
				}
				k, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				declared[k] = true
			}
		}
	}
	if len(declared) < 100 {
		t.Fatalf("found %d Key constants in keys.go; the parse missed them", len(declared))
	}
	plural := map[string]bool{}
	for _, p := range plurals {
		plural[string(p.key)] = true
	}
	for k := range declared {
		forms := []string{k}
		if plural[k] {
			forms = []string{k + ".one", k + ".other"}
		}
		for _, form := range forms {
			if _, ok := English(form); !ok {
				t.Errorf("key %q has no English text in labels", form)
			}
		}
	}
	for _, l := range labels {
		k := string(l.key)
		base := strings.TrimSuffix(strings.TrimSuffix(k, ".one"), ".other")
		switch {
		case declared[k] && !plural[k], plural[base], strings.HasPrefix(k, "date.month."):
		default:
			t.Errorf("labels has %q, which is no declared key", k)
		}
	}
}
