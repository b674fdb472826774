package i18n

import "sync"

// Key names one label: a text of the interface, such as the heading of the
// home page. Keys are dotted, lower case and stable: an edition's
// translations are stored under them in its dataset.
type Key string

// The labels of the interface. Adding one is a line here and a line in
// labels below, with its English text; placeholders in braces are filled
// by Text, Plural and FormatDate. TestKeysDeclared checks that every key
// has its text.
const (
	SkipToContent         Key = "nav.skip"
	NavPages              Key = "nav.pages"    // the pager's navigation label
	NavSections           Key = "nav.sections" // the section menu's navigation label
	NavEditions           Key = "nav.editions" // the footer's links to the newsroom's other editions
	ListLatest            Key = "list.latest"
	ListTagged            Key = "list.tagged"
	ListNewer             Key = "list.newer"
	ListOlder             Key = "list.older"
	ListNewest            Key = "list.newest" // a list's first page, from past its second
	ListOldest            Key = "list.oldest" // a list's last page, from before its last but one
	ListPageOf            Key = "list.page_of"
	ByAuthors             Key = "article.by"
	JoinLast              Key = "join.last"  // between the last two names of a list
	JoinComma             Key = "join.comma" // between the other names of a list
	Updated               Key = "article.updated"
	ReadMore              Key = "article.read_more"
	Related               Key = "article.related"
	NotInCollection       Key = "article.not_in_collection"
	OriginalStory         Key = "article.original"
	Tags                  Key = "article.tags"
	MoreStories           Key = "article.more_stories" // the story navigation's label
	NextInSection         Key = "article.next_in_section"
	PreviousInSection     Key = "article.previous_in_section"
	NextStory             Key = "article.next"
	PreviousStory         Key = "article.previous"
	NotFoundTitle         Key = "not_found.title"
	NotFoundText          Key = "not_found.text"
	NotFoundLatest        Key = "not_found.latest"
	ErrorTitle            Key = "error.title"
	ErrorText             Key = "error.text"
	ErrorRetry            Key = "error.retry"
	ErrorHome             Key = "error.home"
	StaleTitle            Key = "error.stale_title"
	StaleText             Key = "error.stale_text"
	Loading               Key = "page.loading"
	PageTitle             Key = "meta.title" // a page's title in the browser's tab
	PageNumbered          Key = "meta.page"
	ListDescription       Key = "meta.description"
	OfflineSaving         Key = "offline.saving"
	OfflineReady          Key = "offline.ready"
	OfflinePartial        Key = "offline.partial"
	OfflinePartialHint    Key = "offline.partial_hint"
	OfflineOlder          Key = "offline.older"
	OfflineFailed         Key = "offline.failed"
	Offline               Key = "offline.offline"
	OfflinePageTitle      Key = "offline.page_title" // the page of an address not saved, offline
	OfflinePageText       Key = "offline.page_text"
	UnreachableTitle      Key = "offline.unreachable_title" // the same page online: the site does not answer
	UnreachableText       Key = "offline.unreachable_text"
	InstallApp            Key = "install.button"
	InstallApple          Key = "install.apple"
	UpdateAvailable       Key = "update.available"
	UpdateReload          Key = "update.reload"
	LoadingApp            Key = "loader.label"
	DatePattern           Key = "date.pattern"
	ReadingTime           Key = "reading.time"
	Search                Key = "search.label"
	SearchTitle           Key = "search.title"
	SearchEmpty           Key = "search.empty"
	SearchNone            Key = "search.none"
	SearchMore            Key = "search.more"
	SearchEarlier         Key = "search.earlier"
	SearchBuilding        Key = "search.building"
	SearchStatic          Key = "search.static"
	SearchIncomplete      Key = "search.incomplete"
	SearchFailed          Key = "search.failed"
	SearchPastEnd         Key = "search.past_end"         // a page of results past the last
	SearchOfflineNone     Key = "search.offline_none"     // offline, and nothing of the results at hand
	SearchUnreachable     Key = "search.unreachable"      // SearchIncomplete online: the site does not answer
	SearchUnreachableNone Key = "search.unreachable_none" // SearchOfflineNone online
	SearchPartial         Key = "search.partial"          // a result the host could not show: its article is being updated
	SearchStaticSaver     Key = "search.static_saver"     // an exported site's search page, data saver on
	SearchWordsCut        Key = "search.words_cut"        // the words of a long query the search left out
	PhotoCaption          Key = "figure.caption"          // before a caption whose photo is not in the collection
	ArticleTools          Key = "article.tools"           // the label of the Save, Share and Listen toolbar
	Save                  Key = "article.save"
	SavedNote             Key = "article.saved_note"
	SavedSaving           Key = "article.saved_saving"      // while the service worker installs for a saved article
	SavedNoOffline        Key = "article.saved_no_offline"  // a browser without service workers or cache storage
	SavedNotOffline       Key = "article.saved_not_offline" // the worker's registration or install, or the article's copy, failed
	UnsavedNote           Key = "article.unsaved_note"
	Share                 Key = "article.share"
	LinkCopied            Key = "article.link_copied"
	CopyLink              Key = "article.copy_link"
	Listen                Key = "article.listen"
	ListenPause           Key = "listen.pause"
	ListenResume          Key = "listen.resume"
	ListenNext            Key = "listen.next"
	ListenStop            Key = "listen.stop"
	ListenPlayer          Key = "listen.player"
	ListenNoVoice         Key = "listen.no_voice"
	PrintedFrom           Key = "print.from"
	SavedNav              Key = "saved.nav"
	SavedTitle            Key = "saved.title"
	SavedEmpty            Key = "saved.empty"
	SavedRemove           Key = "saved.remove"
	SavedGone             Key = "saved.gone"     // a saved article's entry, when the site no longer has it
	SavedNotKept          Key = "saved.not_kept" // a saved article's entry, when this device has no copy of it yet
	ArticleGone           Key = "article.gone"   // the note atop such an article's saved copy
	ContinueReading       Key = "continue.title"
	ContinueRead          Key = "continue.read"
	Settings              Key = "settings.button"
	SettingsSize          Key = "settings.size"
	SettingsWidth         Key = "settings.width"
	SettingsNarrow        Key = "settings.width.narrow"
	SettingsMedium        Key = "settings.width.medium"
	SettingsWide          Key = "settings.width.wide"
	SettingsSpacing       Key = "settings.spacing"
	SettingsTight         Key = "settings.spacing.tight"
	SettingsNormal        Key = "settings.spacing.normal"
	SettingsLoose         Key = "settings.spacing.loose"
	SettingsTheme         Key = "settings.theme"
	SettingsAuto          Key = "settings.theme.auto"
	SettingsLight         Key = "settings.theme.light"
	SettingsSepia         Key = "settings.theme.sepia"
	SettingsDark          Key = "settings.theme.dark"
	SettingsFont          Key = "settings.font"
	SettingsSerif         Key = "settings.font.serif"
	SettingsSans          Key = "settings.font.sans"
	SettingsKeys          Key = "settings.keys"
	SettingsSaver         Key = "settings.saver"
	SettingsSaverNote     Key = "settings.saver_note"
	SettingsSaverAuto     Key = "settings.saver_browser"
	SettingsReset         Key = "settings.reset"
	SettingsResetDone     Key = "settings.reset_done" // said to screen readers after Reset
	Close                 Key = "dialog.close"
	ShortcutsTitle        Key = "keys.title"
	KeysHelp              Key = "keys.help"
	KeysSave              Key = "keys.save"
	KeysListen            Key = "keys.listen"
	KeysSettings          Key = "keys.settings"
	KeysNext              Key = "keys.next"
	KeysPrev              Key = "keys.previous"
	KeysSearch            Key = "keys.search"
	KeysOff               Key = "keys.off"
	DataSaverOn           Key = "status.saver"
	SearchResults         Key = "search.results"
)

// label is a key with its English text.
type label struct {
	key Key
	en  string
}

// labels holds the built-in English text of every key, in the order
// reports and templates keep; a plural key's forms are held under
// key.one and key.other. A table of constants, which the linker lays out
// as data: declared by calls, the labels were 30 kB of app.wasm's init
// code.
var labels = [...]label{
	{SkipToContent, "Skip to content"},
	{NavPages, "Pages"},
	{NavSections, "Sections"},
	{NavEditions, "Other editions"},
	{ListLatest, "Latest articles"},
	{ListTagged, "Tagged {tag}"},
	{ListNewer, "Newer articles"},
	{ListOlder, "Older articles"},
	{ListNewest, "Newest"},
	{ListOldest, "Oldest"},
	{ListPageOf, "Page {n} of {pages}"},
	{ByAuthors, "By {authors}"},
	{JoinLast, " and "},
	{JoinComma, ", "},
	{Updated, "Updated {date}"},
	{ReadMore, "Read More:"},
	{Related, "Related articles"},
	{NotInCollection, "(not in this collection)"},
	{OriginalStory, "Read the original story"},
	{Tags, "Tags"},
	{MoreStories, "More stories"},
	{NextInSection, "Next in {section}"},
	{PreviousInSection, "Previous in {section}"},
	{NextStory, "Next story"},
	{PreviousStory, "Previous story"},
	{NotFoundTitle, "Page not found"},
	{NotFoundText, "There is no page at this address. It may have been moved or removed."},
	{NotFoundLatest, "See the latest articles"},
	{ErrorTitle, "This page could not be loaded"},
	{ErrorText, "Check your connection and try again."},
	{ErrorRetry, "Try again"},
	{ErrorHome, "Go to the home page"},
	{StaleTitle, "This site has been updated"},
	{StaleText, "Reload to see this page in its new version."},
	{Loading, "Loading…"},
	{PageTitle, "{title} · {site}"},
	{PageNumbered, "{title}, page {n}"},
	{ListDescription, "{title}: the latest from {site}."},
	{OfflineSaving, "Saving for offline {percent}%"},
	{OfflineReady, "Available offline"},
	{OfflinePartial, "Latest saved offline"},
	{OfflinePartialHint, "The latest articles, and every article you open, are kept on this device"},
	{OfflineOlder, "This copy was kept on an earlier visit. The site has been updated since: this page may have changed."},
	{OfflineFailed, "Not saved for offline"},
	{Offline, "Offline"},
	{OfflinePageTitle, "You are offline"},
	{OfflinePageText, "This page has not been saved on this device yet. It will open when you are back online."},
	{UnreachableTitle, "The site is not answering"},
	{UnreachableText, "This page has not been saved on this device yet. It will open when the site answers again."},
	{InstallApp, "Install app"},
	{InstallApple, "To install {site}, tap the Share button, then Add to Home Screen."},
	{UpdateAvailable, "A new version is available."},
	{UpdateReload, "Reload"},
	{LoadingApp, "Loading the app"},
	{DatePattern, "{day} {month} {year}"},
	{ReadingTime + ".one", "{minutes} min read"},
	{ReadingTime + ".other", "{minutes} min read"},
	{Search, "Search"},
	{SearchTitle, "Search the archive"},
	{SearchEmpty, "Type one or more words: every word must match, the last one also as the start of a word."},
	{SearchNone, "No articles match {query}."},
	{SearchMore, "More results"},
	{SearchEarlier, "Previous results"},
	{SearchBuilding, "The search is being prepared. Try again in a moment."},
	{SearchStatic, "Search runs in the app, which is loading: the results will appear here."},
	{SearchIncomplete, "Offline: these results come from the parts of the index on this device and may be incomplete."},
	{SearchFailed, "The search could not run. Check your connection and try again."},
	{SearchPastEnd, "These results end at page {pages}: there is no page {n}."},
	{SearchStaticSaver, "Data saver is on, so the app that searches this site is not downloaded. To search, turn data saver off in the reading settings."},
	{SearchWordsCut, "A search counts the first {first} words and the last. Left out of this one: {words}."},
	{SearchOfflineNone, "You are offline, and this device does not hold the part of the index these results need. Search again once you are back online."},
	{SearchUnreachable, "The site is not answering: these results come from the parts of the index on this device and may be incomplete."},
	{SearchUnreachableNone, "The site is not answering, and this device does not hold the part of the index these results need. Search again in a moment."},
	{SearchPartial, "Some results cannot be shown while their articles are being updated."},
	{PhotoCaption, "Photo caption:"},
	{ArticleTools, "Article tools"},
	{Save, "Save for later"},
	{SavedNote, "Saved. It opens offline from Saved articles."},
	{SavedSaving, "Saved. Keeping it for offline reading…"},
	{SavedNoOffline, "Saved to your list. This browser cannot keep articles for offline reading."},
	{SavedNotOffline, "Saved to your list, but this device could not keep it for offline reading."},
	{UnsavedNote, "Removed from Saved articles."},
	{Share, "Share"},
	{LinkCopied, "Link copied"},
	{CopyLink, "Copy this link:"},
	{Listen, "Listen"},
	{ListenPause, "Pause"},
	{ListenResume, "Resume"},
	{ListenNext, "Next paragraph"},
	{ListenStop, "Stop"},
	{ListenPlayer, "Listening"},
	{ListenNoVoice, "This device has no voice for this article's language."},
	{PrintedFrom, "From {url}, printed {date}"},
	{SavedNav, "Saved"},
	{SavedTitle, "Saved articles"},
	{SavedEmpty, "Nothing saved yet. Choose “Save for later” on an article to keep it here, readable offline."},
	{SavedRemove, "Remove"},
	{SavedGone, "no longer on the site"},
	{SavedNotKept, "not kept for offline reading yet"},
	{ArticleGone, "This article is no longer on the site. This is your saved copy."},
	{ContinueReading, "Continue reading"},
	{ContinueRead, "{percent}% read"},
	{Settings, "Reading settings"},
	{SettingsSize, "Text size"},
	{SettingsWidth, "Line width"},
	{SettingsNarrow, "Narrow"},
	{SettingsMedium, "Medium"},
	{SettingsWide, "Wide"},
	{SettingsSpacing, "Line spacing"},
	{SettingsTight, "Tight"},
	{SettingsNormal, "Normal"},
	{SettingsLoose, "Loose"},
	{SettingsTheme, "Theme"},
	{SettingsAuto, "Automatic"},
	{SettingsLight, "Light"},
	{SettingsSepia, "Sepia"},
	{SettingsDark, "Dark"},
	{SettingsFont, "Typeface"},
	{SettingsSerif, "Serif"},
	{SettingsSans, "Sans serif"},
	{SettingsKeys, "Single-key shortcuts"},
	{SettingsSaver, "Data saver"},
	{SettingsSaverNote, "Data saver is on: the app (about 1.5 MB) is not downloaded. Each page loads whole from the site, and search needs a connection. Reading settings, saved articles, sharing, listening and print still work."},
	{SettingsSaverAuto, "Your browser asks sites to save data."},
	{SettingsReset, "Reset"},
	{SettingsResetDone, "Text settings reset"},
	{Close, "Close"},
	{ShortcutsTitle, "Keyboard shortcuts"},
	{KeysHelp, "Show these shortcuts"},
	{KeysSave, "Save or remove the article"},
	{KeysListen, "Listen, or pause"},
	{KeysSettings, "Reading settings"},
	{KeysNext, "Next paragraph"},
	{KeysPrev, "Previous paragraph"},
	{KeysSearch, "Search"},
	{KeysOff, "Single-key shortcuts can be turned off in Reading settings."},
	{DataSaverOn, "Data saver on"},
	{SearchResults + ".one", "{count} result for {query}"},
	{SearchResults + ".other", "{count} results for {query}"},
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

// plurals maps each plural key to the placeholder that holds its number.
var plurals = [...]struct {
	key   Key
	count string
}{
	{ReadingTime, "minutes"},
	{SearchResults, "count"},
}

// months are the keys of the month names, January first.
var months = [12]Key{
	"date.month.1",
	"date.month.2",
	"date.month.3",
	"date.month.4",
	"date.month.5",
	"date.month.6",
	"date.month.7",
	"date.month.8",
	"date.month.9",
	"date.month.10",
	"date.month.11",
	"date.month.12",
}

// Month returns the key of a month's name; m is 1 for January.
func Month(m int) Key {
	if m < 1 || m > 12 {
		return ""
	}
	return months[m-1]
}

// DigitsSetting is the key, among an edition's labels, that chooses its
// digits: "latn" (0-9) or "arab" (٠-٩). It is a setting, not a text.
const DigitsSetting = "digits"

// GroupSetting is the key, among an edition's labels, that sets the mark
// between groups of thousands: one character, such as "," "." or a narrow
// no-break space, or "" for none. Without it, "٬" (U+066C ARABIC
// THOUSANDS SEPARATOR) goes with Arabic-Indic digits and "," with Latin
// ones. It is a setting, not a text.
const GroupSetting = "number.group"

// tableSet is the labels' lookups, made from the tables above on first
// use rather than at start.
type tableSet struct {
	english map[Key]string
	counts  map[Key]string // the placeholder of each plural key's number
	keys    []Key          // in the order declared, plural forms spelled out
}

var tables = sync.OnceValue(func() *tableSet {
	t := &tableSet{english: make(map[Key]string, len(labels)), counts: make(map[Key]string, len(plurals)), keys: make([]Key, len(labels))}
	for i, l := range labels {
		t.english[l.key] = l.en
		t.keys[i] = l.key
	}
	for _, p := range plurals {
		t.counts[p.key] = p.count
	}
	return t
})

// Keys returns every label key in the order they are declared, a plural
// key as its forms (search.results.one, search.results.other).
func Keys() []string {
	keys := tables().keys
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = string(k)
	}
	return out
}

// English returns the built-in English text of a key (of a plural form
// such as "search.results.other"), and whether there is one.
func English(key string) (string, bool) {
	s, ok := tables().english[Key(key)]
	return s, ok
}
