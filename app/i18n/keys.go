package i18n

// Key names one label: a text of the interface, such as the heading of the
// home page. Keys are dotted, lower case and stable: an edition's
// translations are stored under them in its dataset.
type Key string

// english holds the built-in English text of every key; a plural key's
// forms are held under key.one and key.other.
var english = map[Key]string{}

// keys lists the keys in the order they are declared, plural forms
// spelled out, so that reports and templates keep that order.
var keys []Key

// counts maps each plural key to the placeholder that holds its number.
var counts = map[Key]string{}

// label declares a key with its English text. It is not inlined: the
// calls are most of the package's init code in app.wasm.
//
//go:noinline
func label(k Key, en string) Key {
	english[k] = en
	keys = append(keys, k)
	return k
}

// plural declares a key whose text depends on a number, with the name of
// the number's placeholder and the English forms for one and for other
// numbers.
func plural(k Key, count, one, other string) Key {
	counts[k] = count
	label(k+".one", one)
	label(k+".other", other)
	return k
}

// The labels of the interface. Adding one is one line here; placeholders
// in braces are filled by Text, Plural and FormatDate.
var (
	SkipToContent      = label("nav.skip", "Skip to content")
	NavPages           = label("nav.pages", "Pages")       // the pager's navigation label
	NavSections        = label("nav.sections", "Sections") // the section menu's navigation label
	ListLatest         = label("list.latest", "Latest articles")
	ListTagged         = label("list.tagged", "Tagged {tag}")
	ListNewer          = label("list.newer", "Newer articles")
	ListOlder          = label("list.older", "Older articles")
	ListPageOf         = label("list.page_of", "Page {n} of {pages}")
	ByAuthors          = label("article.by", "By {authors}")
	JoinLast           = label("join.last", " and ") // between the last two names of a list
	JoinComma          = label("join.comma", ", ")   // between the other names of a list
	Updated            = label("article.updated", "Updated {date}")
	ReadMore           = label("article.read_more", "Read More:")
	Related            = label("article.related", "Related articles")
	NotInCollection    = label("article.not_in_collection", "(not in this collection)")
	OriginalStory      = label("article.original", "Read the original story")
	Tags               = label("article.tags", "Tags")
	MoreStories        = label("article.more_stories", "More stories") // the story navigation's label
	NextInSection      = label("article.next_in_section", "Next in {section}")
	PreviousInSection  = label("article.previous_in_section", "Previous in {section}")
	NextStory          = label("article.next", "Next story")
	PreviousStory      = label("article.previous", "Previous story")
	NotFoundTitle      = label("not_found.title", "Page not found")
	NotFoundText       = label("not_found.text", "There is no page at this address. It may have been moved or removed.")
	NotFoundLatest     = label("not_found.latest", "See the latest articles")
	ErrorTitle         = label("error.title", "This page could not be loaded")
	ErrorText          = label("error.text", "Check your connection and try again.")
	ErrorRetry         = label("error.retry", "Try again")
	ErrorHome          = label("error.home", "Go to the home page")
	StaleTitle         = label("error.stale_title", "This site has been updated")
	StaleText          = label("error.stale_text", "Reload to see this page in its new version.")
	Loading            = label("page.loading", "Loading…")
	PageTitle          = label("meta.title", "{title} · {site}") // a page's title in the browser's tab
	PageNumbered       = label("meta.page", "{title}, page {n}")
	ListDescription    = label("meta.description", "{title}: the latest from {site}.")
	OfflineSaving      = label("offline.saving", "Saving for offline {percent}%")
	OfflineReady       = label("offline.ready", "Available offline")
	OfflinePartial     = label("offline.partial", "Latest saved offline")
	OfflinePartialHint = label("offline.partial_hint", "The latest articles, and every article you open, are kept on this device")
	OfflineFailed      = label("offline.failed", "Not saved for offline")
	Offline            = label("offline.offline", "Offline")
	InstallApp         = label("install.button", "Install app")
	InstallApple       = label("install.apple", "To install {site}, tap the Share button, then Add to Home Screen.")
	UpdateAvailable    = label("update.available", "A new version is available.")
	UpdateReload       = label("update.reload", "Reload")
	LoadingApp         = label("loader.label", "Loading the app")
	DatePattern        = label("date.pattern", "{day} {month} {year}")
	ReadingTime        = plural("reading.time", "minutes", "{minutes} min read", "{minutes} min read")
	Search             = label("search.label", "Search")
	SearchTitle        = label("search.title", "Search the archive")
	SearchEmpty        = label("search.empty", "Type one or more words: every word must match, the last one also as the start of a word.")
	SearchNone         = label("search.none", "No articles match {query}.")
	SearchMore         = label("search.more", "More results")
	SearchEarlier      = label("search.earlier", "Earlier results")
	SearchBuilding     = label("search.building", "The search is being prepared. Try again in a moment.")
	SearchStatic       = label("search.static", "Search runs in the app, which is loading: the results will appear here.")
	SearchIncomplete   = label("search.incomplete", "Offline: these results come from the parts of the index on this device and may be incomplete.")
	SearchFailed       = label("search.failed", "The search could not run. Check your connection and try again.")
	PhotoCaption       = label("figure.caption", "Photo caption:") // before a caption whose photo is not in the collection
	ArticleTools       = label("article.tools", "Article tools")   // the label of the Save, Share and Listen toolbar
	Save               = label("article.save", "Save for later")
	SavedNote          = label("article.saved_note", "Saved. It opens offline from Saved articles.")
	UnsavedNote        = label("article.unsaved_note", "Removed from Saved articles.")
	Share              = label("article.share", "Share")
	LinkCopied         = label("article.link_copied", "Link copied")
	CopyLink           = label("article.copy_link", "Copy this link:")
	Listen             = label("article.listen", "Listen")
	ListenPause        = label("listen.pause", "Pause")
	ListenResume       = label("listen.resume", "Resume")
	ListenNext         = label("listen.next", "Next paragraph")
	ListenStop         = label("listen.stop", "Stop")
	ListenPlayer       = label("listen.player", "Listening")
	ListenNoVoice      = label("listen.no_voice", "This device has no voice for this article's language.")
	PrintedFrom        = label("print.from", "From {url}, printed {date}")
	SavedNav           = label("saved.nav", "Saved")
	SavedTitle         = label("saved.title", "Saved articles")
	SavedEmpty         = label("saved.empty", "Nothing saved yet. Choose “Save for later” on an article to keep it here, readable offline.")
	SavedRemove        = label("saved.remove", "Remove")
	ContinueReading    = label("continue.title", "Continue reading")
	ContinueRead       = label("continue.read", "{percent}% read")
	Settings           = label("settings.button", "Reading settings")
	SettingsSize       = label("settings.size", "Text size")
	SettingsWidth      = label("settings.width", "Line width")
	SettingsNarrow     = label("settings.width.narrow", "Narrow")
	SettingsMedium     = label("settings.width.medium", "Medium")
	SettingsWide       = label("settings.width.wide", "Wide")
	SettingsSpacing    = label("settings.spacing", "Line spacing")
	SettingsTight      = label("settings.spacing.tight", "Tight")
	SettingsNormal     = label("settings.spacing.normal", "Normal")
	SettingsLoose      = label("settings.spacing.loose", "Loose")
	SettingsTheme      = label("settings.theme", "Theme")
	SettingsAuto       = label("settings.theme.auto", "Automatic")
	SettingsLight      = label("settings.theme.light", "Light")
	SettingsSepia      = label("settings.theme.sepia", "Sepia")
	SettingsDark       = label("settings.theme.dark", "Dark")
	SettingsFont       = label("settings.font", "Typeface")
	SettingsSerif      = label("settings.font.serif", "Serif")
	SettingsSans       = label("settings.font.sans", "Sans serif")
	SettingsKeys       = label("settings.keys", "Single-key shortcuts")
	SettingsSaver      = label("settings.saver", "Data saver")
	SettingsSaverNote  = label("settings.saver_note", "Data saver is on: the app (about 1.5 MB) is not downloaded. Each page loads whole from the site, and search needs a connection. Reading settings, saved articles, sharing, listening and print still work.")
	SettingsSaverAuto  = label("settings.saver_browser", "Your browser asks sites to save data.")
	SettingsReset      = label("settings.reset", "Reset")
	Close              = label("dialog.close", "Close")
	ShortcutsTitle     = label("keys.title", "Keyboard shortcuts")
	KeysHelp           = label("keys.help", "Show these shortcuts")
	KeysSave           = label("keys.save", "Save or remove the article")
	KeysListen         = label("keys.listen", "Listen, or pause")
	KeysSettings       = label("keys.settings", "Reading settings")
	KeysNext           = label("keys.next", "Next paragraph")
	KeysPrev           = label("keys.previous", "Previous paragraph")
	KeysSearch         = label("keys.search", "Search")
	KeysOff            = label("keys.off", "Single-key shortcuts can be turned off in Reading settings.")
	DataSaverOn        = label("status.saver", "Data saver on")
	SearchResults      = plural("search.results", "count", "{count} result for {query}", "{count} results for {query}")
)

// months are the keys of the month names, January first.
var months = [12]Key{
	label("date.month.1", "January"),
	label("date.month.2", "February"),
	label("date.month.3", "March"),
	label("date.month.4", "April"),
	label("date.month.5", "May"),
	label("date.month.6", "June"),
	label("date.month.7", "July"),
	label("date.month.8", "August"),
	label("date.month.9", "September"),
	label("date.month.10", "October"),
	label("date.month.11", "November"),
	label("date.month.12", "December"),
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

// Keys returns every label key in the order they are declared, a plural
// key as its forms (search.results.one, search.results.other).
func Keys() []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = string(k)
	}
	return out
}

// English returns the built-in English text of a key (of a plural form
// such as "search.results.other"), and whether there is one.
func English(key string) (string, bool) {
	s, ok := english[Key(key)]
	return s, ok
}
