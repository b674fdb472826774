//go:build !(js && wasm)

package browser

import (
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// TestStorageFullSavesLatest: a phone whose storage is nearly full gives
// the site less room than a whole install takes (app.wasm alone is some
// 7 MB stored). The worker keeps what data saver keeps, the latest
// articles and the app's light files, and says "Latest saved offline",
// rather than failing the install, leaving nothing offline and trying
// again and again; and app.wasm, which the page downloaded and storage
// cannot hold, is not downloaded a second time by the worker.
func TestStorageFullSavesLatest(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "storage-full.json", archiveDataset(60)))
	w := newWatchedNet(t, h.URL)
	tb := newTab(t, 360, 740)
	tb.extend(3 * time.Minute)
	quota := 2e6
	if _, err := chromedp.Call(tb.ctx, storage.OverrideQuotaForOrigin, storage.OverrideQuotaForOriginParams{Origin: w.URL, QuotaSize: &quota}); err != nil {
		t.Fatal(err)
	}
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitFor(`the status line to say "Latest saved offline"`, statusText+`.includes("Latest saved offline")`, 60*time.Second)

	wasm, err := os.Stat("../../web/app.wasm.br")
	if err != nil {
		t.Fatal(err)
	}
	if got := w.sent("/web/app.wasm"); got > wasm.Size()+wasm.Size()/10 {
		t.Errorf("app.wasm: %d bytes downloaded, want it once (%d bytes)", got, wasm.Size())
	}

	// The home page opens offline.
	tb.goOffline()
	tb.mustLoad(w.URL+"/", http.StatusOK)
	tb.waitFor("the home list offline", `document.querySelectorAll("main article.summary").length > 0`, 10*time.Second)
	tb.checkConsole(allowOffline)
}
