//go:build !(js && wasm)

package browser

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"dateline/app/article"
	dlpage "dateline/app/page"
	"dateline/internal/testfiles"
)

// TestOfflinePhoto opens a site whose articles have photos once, reads one
// article, and goes offline: the photo of the article read is the photo;
// that of an article not read, which the install did not save (README),
// is the worker's placeholder, never the browser's broken image, in the box
// the <img>'s width and height reserve.
func TestOfflinePhoto(t *testing.T) {
	t.Parallel()
	media := t.TempDir()
	ds := archiveDataset(12)
	photos := map[string][]byte{}
	for i := range ds.Articles {
		name := fmt.Sprintf("p%d.png", i)
		photos[name] = testfiles.PNG(t)
		ds.Articles[i].Figures = []article.Figure{{Caption: "A synthetic photo.",
			Image: &article.Image{Src: "/media/" + name, Alt: "Synthetic photo " + name, Width: 2, Height: 2}}}
	}
	testfiles.Write(t, media, photos)
	h := privateHost(t, "-data", writeDataset(t, "offline-photo.json", ds), "-media", media)
	read, unread := ds.Articles[0].Slug, ds.Articles[1].Slug

	tb := newTab(t, 412, 900)
	firstVisit(t, tb, h.URL, 30*time.Second)
	tb.mustLoad(h.URL+dlpage.ArticlePath(read), http.StatusOK)
	tb.waitFor("the photo", `(() => { const i = document.querySelector("img.figure-image"); return i && i.complete && i.naturalWidth > 0 })()`, 10*time.Second)
	tb.goOffline()

	const imgJS = `new Promise((ok) => {
		const i = document.querySelector("img.figure-image");
		const done = () => ok({w: i.naturalWidth, h: i.naturalHeight, boxW: i.clientWidth, boxH: i.clientHeight});
		i.loading = "eager";
		if (i.complete) { done() } else { i.addEventListener("load", done); i.addEventListener("error", done) }
	})`
	type img struct{ W, H, BoxW, BoxH int }
	tb.mustLoad(h.URL+dlpage.ArticlePath(read), http.StatusOK)
	if got := evalAwait[img](tb, imgJS); got.W != 2 || got.H != 2 {
		t.Errorf("offline, the photo of the article read is %dx%d, want the photo, 2x2", got.W, got.H)
	}
	tb.mustLoad(h.URL+dlpage.ArticlePath(unread), http.StatusOK)
	got := evalAwait[img](tb, imgJS)
	switch {
	case got.W == 0:
		t.Errorf("offline, the photo of an unread article is a broken image (%+v)", got)
	case got.W == 2 && got.H == 2:
		t.Errorf("offline, the photo of an unread article is the photo: the test's premise (photos not saved) is gone")
	case got.BoxW == 0 || got.BoxH != got.BoxW:
		t.Errorf("offline, the placeholder's box is %dx%d, want the square the <img>'s width and height reserve", got.BoxW, got.BoxH)
	}
	tb.checkConsole(allowOffline)
}
