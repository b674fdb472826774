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
		app.Div().Class("player").Role("region").Attr("aria-label", t.Text(i18n.ListenPlayer)).Hidden(true).Body(
			app.Button().Type("button").Class("button player-pause").Text(t.Text(i18n.ListenPause)),
			app.Button().Type("button").Class("button button-quiet player-next").Text(t.Text(i18n.ListenNext)),
			app.Button().Type("button").Class("button button-quiet player-stop").Text(t.Text(i18n.ListenStop)),
		),
		// Present from the start, so that screen readers announce what
		// reader.js puts in it.
		app.Div().Class("toasts").Attr("aria-live", "polite"),
	}
}

// panel is a modal dialog whose form closes it.
func panel(id string, title string, body ...app.UI) app.UI {
	return app.Dialog().ID(id).Class("panel").Attr("aria-labelledby", id+"-title").Body(
		app.Form().Method("dialog").Class("panel-form").Body(
			append([]app.UI{
				app.Div().Class("panel-head").Body(
					app.H2().ID(id + "-title").Class("panel-title").Text(title),
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
			value, label := options[i].(string), options[i+1].(i18n.Key)
			id := "setting-" + name + "-" + value
			items = append(items, app.Span().Class("choice").Body(
				app.Input().Type("radio").ID(id).Name(name).Value(value).Checked(value == def),
				app.Label().For(id).Text(t.Text(label)),
			))
		}
		return app.FieldSet().Class("setting setting-" + name).Body(
			append([]app.UI{app.Legend().Text(t.Text(legend))}, items...)...,
		)
	}
	return panel("reader-settings", t.Text(i18n.Settings),
		app.Div().Class("setting setting-size").Body(
			app.Label().For("setting-size").Text(t.Text(i18n.SettingsSize)),
			app.Input().Type("range").ID("setting-size").Name("size").
				Min(0).Max(len(SizeSteps)-1).Step(1).Value(strconv.Itoa(DefaultSize)).
				Attr("aria-valuetext", t.Number(SizeSteps[DefaultSize])+"%"),
			app.Output().For("setting-size").Class("setting-value").Text(t.Number(SizeSteps[DefaultSize])+"%"),
		),
		choice("width", i18n.SettingsWidth, "medium",
			"narrow", i18n.SettingsNarrow, "medium", i18n.SettingsMedium, "wide", i18n.SettingsWide),
		choice("leading", i18n.SettingsSpacing, "normal",
			"tight", i18n.SettingsTight, "normal", i18n.SettingsNormal, "loose", i18n.SettingsLoose),
		choice("theme", i18n.SettingsTheme, "auto",
			"auto", i18n.SettingsAuto, "light", i18n.SettingsLight, "sepia", i18n.SettingsSepia, "dark", i18n.SettingsDark),
		choice("font", i18n.SettingsFont, "serif",
			"serif", i18n.SettingsSerif, "sans", i18n.SettingsSans),
		app.Div().Class("setting setting-check").Body(
			app.Input().Type("checkbox").ID("setting-keys").Name("keys").Checked(true),
			app.Label().For("setting-keys").Text(t.Text(i18n.SettingsKeys)),
		),
		app.Div().Class("setting setting-check").Body(
			app.Input().Type("checkbox").ID("setting-saver").Name("saver").Attr("aria-describedby", "saver-note"),
			app.Label().For("setting-saver").Text(t.Text(i18n.SettingsSaver)),
			app.P().ID("saver-note").Class("setting-note").Body(
				app.Span().Class("saver-browser").Text(t.Text(i18n.SettingsSaverAuto)+" "),
				app.Span().Class("saver-on").Text(t.Text(i18n.SettingsSaverNote)),
			),
		),
		app.Div().Class("panel-foot").Body(
			app.Button().Type("button").Class("button button-quiet settings-reset").Text(t.Text(i18n.SettingsReset)),
			app.Button().Type("submit").Class("button").Text(t.Text(i18n.Close)),
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
		rows = append(rows, app.Div().Class("key-row").Body(
			app.Dt().Body(app.Kbd().Text(k.key)),
			app.Dd().Text(t.Text(k.label)),
		))
	}
	return panel("reader-keys", t.Text(i18n.ShortcutsTitle),
		app.Dl().Class("keys").Body(rows...),
		app.P().Class("setting-note").Text(t.Text(i18n.KeysOff)),
		app.Div().Class("panel-foot").Body(
			app.Button().Type("submit").Class("button").Text(t.Text(i18n.Close)),
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
		i18n.OfflineSaving, i18n.OfflineReady, i18n.OfflinePartial, i18n.OfflinePartialHint,
		i18n.OfflineFailed, i18n.Offline, i18n.UpdateAvailable, i18n.UpdateReload,
		i18n.SavedNote, i18n.UnsavedNote, i18n.LinkCopied, i18n.CopyLink,
		i18n.ListenPause, i18n.ListenResume, i18n.ListenNoVoice, i18n.PrintedFrom,
		i18n.ContinueRead, i18n.SavedRemove, i18n.DataSaverOn, i18n.Close,
	} {
		texts[string(k)] = t.Text(k) // placeholders kept: reader.js fills them
	}
	texts[string(i18n.InstallApple)] = t.Text(i18n.InstallApple, "site", site.Name)
	out := struct {
		Texts map[string]string `json:"texts"`
		Sizes []int             `json:"sizes"`
		// Digits writes numbers in the edition's digits: 0-9 in order.
		Digits string `json:"digits"`
	}{texts, SizeSteps, t.Digits().Convert("0123456789")}
	b, err := json.Marshal(out)
	if err != nil {
		return "", fmt.Errorf("encoding reader.js's labels: %w", err)
	}
	return string(b), nil
}
