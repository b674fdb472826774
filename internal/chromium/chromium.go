//go:build !(js && wasm)

// Package chromium holds the path and command-line options with which
// Dateline's benchmark (bench/) and browser tests (tests/browser/) start
// Chromium: headless, without sandbox or GPU, with its background
// connections off, and resolving no host name but 127.0.0.1, so that a
// page reaches only the servers under test.
package chromium

import (
	"os"

	"github.com/chromedp/chromedp"
)

// Path is the Chromium to start: $CHROME_PATH, or Debian's.
func Path() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// Options returns the chromedp ExecAllocator options that start the
// Chromium at execPath headless, with its profile in userDataDir (which
// should be new and empty, for a cold cache and no service worker) and a
// window of width×height pixels.
func Options(execPath, userDataDir string, width, height int) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(userDataDir),
		chromedp.WindowSize(width, height),
	}
}
