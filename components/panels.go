package components

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/i18n"
	"dateline/app/page"
)

// Panels are the parts of every page that web/reader.js drives and that
// live outside the page's own content: the reading settings, the list of
// keyboard shortcuts, the player of Listen and the messages at the bottom
// of the screen (ReaderLabels are the texts it writes). The host writes them after
// the element app.wasm takes over, so that a navigation in the app never
// redraws them: an open panel stays open, a message stays up.
//
// Only the host calls Panels: they are not in app.wasm.
func Panels(site *page.Site) []app.UI {
	t := site.Table
	return []app.UI{
		settingsPanel(t),
		shortcutsPanel(t),
		app.Elem("div").Class("player").Role("region").Attr("aria-label", t.Plain().Text(i18n.ListenPlayer)).Hidden(true).Body(
			app.Elem("button").Attr("type", "button").Class("button player-pause").Body(Label(t.Text(i18n.ListenPause))),
			app.Elem("button").Attr("type", "button").Class("button button-quiet player-next").Body(Label(t.Text(i18n.ListenNext))),
			app.Elem("button").Attr("type", "button").Class("button button-quiet player-stop").Body(Label(t.Text(i18n.ListenStop))),
		),
		// Present from the start, so that screen readers announce what
		// reader.js puts in it.
		app.Elem("div").Class("toasts").Attr("aria-live", "polite"),
	}
}

// panel is a modal dialog whose form closes it.
func panel(id string, title string, body ...app.UI) app.UI {
	return app.Elem("dialog").ID(id).Class("panel").Attr("aria-labelledby", id+"-title").Body(
		app.Elem("form").Attr("method", "dialog").Class("panel-form").Body(
			append([]app.UI{
				app.Elem("div").Class("panel-head").Body(
					app.Elem("h2").ID(id + "-title").Class("panel-title").Body(Label(title)),
				),
			}, body...)...,
		),
	)
}

// SizeSteps are the text sizes of the reading settings, as a share of the
// normal size; web/dateline.css sets each (html[data-size]) and
// web/reader.js steps through them. DefaultSize is the normal one.
var SizeSteps = []int{80, 90, 100, 115, 130, 150, 175, 200}

// DefaultSize is the index of 100% in SizeSteps.
const DefaultSize = 2

// settingsPanel is the reading settings: text size, line width, line
// spacing, theme, typeface, the single-key shortcuts and data saver.
func settingsPanel(t *i18n.Table) app.UI {
	choice := func(name string, legend i18n.Key, def string, options ...any) app.UI {
		var items []app.UI
		for i := 0; i+1 < len(options); i += 2 {
			value, key := options[i].(string), options[i+1].(i18n.Key)
			id := "setting-" + name + "-" + value
			items = append(items, app.Elem("span").Class("choice").Body(
				app.ElemSelfClosing("input").Attr("type", "radio").ID(id).Attr("name", name).Attr("value", value).Attr("checked", value == def),
				app.Elem("label").Attr("for", id).Body(Label(t.Text(key))),
			))
		}
		return app.Elem("fieldset").Class("setting setting-" + name).Body(
			append([]app.UI{app.Elem("legend").Body(Label(t.Text(legend)))}, items...)...,
		)
	}
	size := t.Number(SizeSteps[DefaultSize]) + t.Digits().PercentSign() // "100%", "١٠٠٪"
	return panel("reader-settings", t.Text(i18n.Settings),
		app.Elem("div").Class("setting setting-size").Body(
			app.Elem("label").Attr("for", "setting-size").Body(Label(t.Text(i18n.SettingsSize))),
			app.ElemSelfClosing("input").Attr("type", "range").ID("setting-size").Attr("name", "size").
				Attr("min", 0).Attr("max", len(SizeSteps)-1).Attr("step", 1).Attr("value", strconv.Itoa(DefaultSize)).
				Attr("aria-valuetext", size),
			app.Elem("output").Attr("for", "setting-size").Class("setting-value").Text(size),
		),
		choice("width", i18n.SettingsWidth, "medium",
			"narrow", i18n.SettingsNarrow, "medium", i18n.SettingsMedium, "wide", i18n.SettingsWide),
		choice("leading", i18n.SettingsSpacing, "normal",
			"tight", i18n.SettingsTight, "normal", i18n.SettingsNormal, "loose", i18n.SettingsLoose),
		choice("theme", i18n.SettingsTheme, "auto",
			"auto", i18n.SettingsAuto, "light", i18n.SettingsLight, "sepia", i18n.SettingsSepia, "dark", i18n.SettingsDark),
		choice("font", i18n.SettingsFont, "serif",
			"serif", i18n.SettingsSerif, "sans", i18n.SettingsSans),
		app.Elem("div").Class("setting setting-check").Body(
			app.ElemSelfClosing("input").Attr("type", "checkbox").ID("setting-keys").Attr("name", "keys").Attr("checked", true),
			app.Elem("label").Attr("for", "setting-keys").Body(Label(t.Text(i18n.SettingsKeys))),
		),
		app.Elem("div").Class("setting setting-check").Body(
			app.ElemSelfClosing("input").Attr("type", "checkbox").ID("setting-saver").Attr("name", "saver").Attr("aria-describedby", "saver-note"),
			app.Elem("label").Attr("for", "setting-saver").Body(Label(t.Text(i18n.SettingsSaver))),
			app.Elem("p").ID("saver-note").Class("setting-note").Body(
				app.Elem("span").Class("saver-browser").Body(Label(t.Text(i18n.SettingsSaverAuto)+" ")),
				app.Elem("span").Class("saver-on").Body(Label(t.Text(i18n.SettingsSaverNote))),
			),
		),
		// What Reset did, for screen readers: the page's messages
		// (.toasts) are inert while this modal dialog is open.
		app.Elem("p").Class("visually-hidden settings-said").Role("status"),
		app.Elem("div").Class("panel-foot").Body(
			app.Elem("button").Attr("type", "button").Class("button button-quiet settings-reset").Body(Label(t.Text(i18n.SettingsReset))),
			app.Elem("button").Attr("type", "submit").Class("button").Body(Label(t.Text(i18n.Close))),
		),
	)
}

// shortcutsPanel lists the keyboard shortcuts.
func shortcutsPanel(t *i18n.Table) app.UI {
	var rows []app.UI
	for _, k := range []struct {
		key   string
		label i18n.Key
	}{
		{"?", i18n.KeysHelp},
		{"t", i18n.KeysSettings},
		{"s", i18n.KeysSave},
		{"l", i18n.KeysListen},
		{"j", i18n.KeysNext},
		{"k", i18n.KeysPrev},
		{"/", i18n.KeysSearch},
	} {
		rows = append(rows, app.Elem("div").Class("key-row").Body(
			app.Elem("dt").Body(app.Elem("kbd").Text(k.key)),
			app.Elem("dd").Body(Label(t.Text(k.label))),
		))
	}
	return panel("reader-keys", t.Text(i18n.ShortcutsTitle),
		app.Elem("dl").Class("keys").Body(rows...),
		app.Elem("p").Class("setting-note").Body(Label(t.Text(i18n.KeysOff))),
		app.Elem("div").Class("panel-foot").Body(
			app.Elem("button").Attr("type", "submit").Class("button").Body(Label(t.Text(i18n.Close))),
		),
	)
}

// ReaderLabels are the texts reader.js writes, in the edition's language,
// as JSON for a <script type="application/json" id="reader-labels"> (its
// escaping of <, > and & keeps it inert there). Only the host calls it.
func ReaderLabels(site *page.Site) (string, error) {
	t := site.Table
	texts := map[string]string{}
	for _, k := range []i18n.Key{
		i18n.OfflineSaving, i18n.OfflineReady, i18n.OfflinePartial, i18n.OfflinePartialHint, i18n.OfflineOlder,
		i18n.OfflineFailed, i18n.Offline, i18n.UpdateAvailable, i18n.UpdateReload,
		i18n.SavedNote, i18n.SavedSaving, i18n.SavedNoOffline, i18n.SavedNotOffline, i18n.UnsavedNote, i18n.LinkCopied, i18n.CopyLink,
		i18n.ListenPause, i18n.ListenResume, i18n.ListenNoVoice, i18n.PrintedFrom,
		i18n.ContinueRead, i18n.SavedRemove, i18n.SavedGone, i18n.SavedNotKept, i18n.ArticleGone, i18n.DataSaverOn, i18n.Close,
		i18n.DatePattern, i18n.ErrorRetry, i18n.SettingsResetDone,
	} {
		texts[string(k)] = t.Text(k) // placeholders kept: reader.js fills them
	}
	texts[string(i18n.InstallApple)] = t.Text(i18n.InstallApple, "site", site.Name)
	out := struct {
		Texts map[string]string `json:"texts"`
		Sizes []int             `json:"sizes"`
		// Digits writes numbers in the edition's digits: 0-9 in order.
		Digits string `json:"digits"`
		// Months are the edition's month names, January first, for the
		// date pattern (a printed article's date).
		Months []string `json:"months"`
		// Percent is the sign after a text size, "%" or "٪".
		Percent string `json:"percent"`
	}{texts, SizeSteps, t.Digits().Convert("0123456789"), t.Months(), t.Digits().PercentSign()}
	b, err := json.Marshal(out)
	if err != nil {
		return "", fmt.Errorf("encoding reader.js's labels: %w", err)
	}
	return string(b), nil
}
