//go:build !(js && wasm)

package browser

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"dateline/app/article"
	dlpage "dateline/app/page"
)

// arrivalDataset is headerDataset with the long story's every kind of
// line that joins pieces: a byline of three authors, its dates, a caption
// with its credit, a Read More and a related title that is not in the
// collection.
func arrivalDataset() *article.Dataset {
	ds := headerDataset()
	a := &ds.Articles[0]
	a.Authors = []string{"A. Writer", "B. Writer", "C. Writer"}
	a.Updated = "2024-05-04T09:00:00Z"
	a.Body = append([]article.Block{a.Body[0], {Type: article.ReadMore, Link: article.Link{Title: headShort, Slug: slugShort}}}, a.Body[1:]...)
	a.Related = []article.Link{{Title: headShort, Slug: slugShort}, {Title: "A synthetic story outside this collection"}}
	return ds
}

// cutAfterSpaces returns where to cut a page's <main> as it is sent:
// after the space that begins a text following a tag (" · " after a
// list entry's date, " " between a caption and its credit), so that a
// line is drawn with that space as its last text. Not after the first
// letter of every text: a word drawn in part at a line's end moves to the
// next line when the rest of it comes, wherever the cut, and no page can
// help that.
func cutAfterSpaces(doc string) []int {
	start, end := strings.Index(doc, "<main"), strings.Index(doc, "</main>")
	var cuts []int
	for i := start; i >= 0 && i < end; i++ {
		if doc[i] != '>' || i+1 >= end {
			continue
		}
		if r, n := utf8.DecodeRuneInString(doc[i+1:]); unicode.IsSpace(r) {
			cuts = append(cuts, i+1+n)
		}
	}
	return cuts
}

// arrivingHost serves the host's pages to the browser, each document
// that the browser navigates to sent in pieces cut at cuts(doc), with a
// pause after each in which a frame is drawn (a fifth of a second: at 40
// ms, one cut in three went by without a frame, and at 100 ms some did on
// a loaded machine): a page coming over a slow link, its parse stopping at
// every such place in turn. All else, and the service worker's own
// requests, pass as they are.
func arrivingHost(t *testing.T, h *host, cuts func(doc string) []int) string {
	t.Helper()
	proxy := proxyTo(t, h.URL)
	srv := &http.Server{Handler: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Sec-Fetch-Mode") != "navigate" {
			proxy.ServeHTTP(rw, r)
			return
		}
		resp, err := http.Get(h.URL + r.URL.RequestURI())
		if err != nil {
			http.Error(rw, err.Error(), http.StatusBadGateway)
			return
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			http.Error(rw, err.Error(), http.StatusBadGateway)
			return
		}
		for k, v := range resp.Header {
			if k != "Content-Length" && k != "Content-Encoding" {
				rw.Header()[k] = v
			}
		}
		rw.WriteHeader(resp.StatusCode)
		doc, at := string(body), 0
		for _, cut := range append(cuts(doc), len(doc)) {
			if _, err := io.WriteString(rw, doc[at:cut]); err != nil {
				return
			}
			if err := http.NewResponseController(rw).Flush(); err != nil {
				return
			}
			at = cut
			select {
			// Time for a frame at each cut on a loaded machine too (at
			// 100 ms, four tests at a time on 2 cores drew two).
			case <-time.After(200 * time.Millisecond):
			case <-r.Context().Done():
				return
			}
		}
	})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

// spaceFramesProbe counts the frames drawn while the document ends in a
// text of spaces alone in <main> (window.__spaceFrames): the frames
// TestPageAsItArrives is about.
const spaceFramesProbe = `(() => {
  window.__spaceFrames = 0;
  const frame = () => {
    let n = document.body;
    while (n && n.lastChild) n = n.lastChild;
    if (n && n.nodeType === 3 && /^\s+$/.test(n.data) && n.parentElement.closest("main")) window.__spaceFrames++;
    if (document.readyState === "loading") requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`

// TestPageAsItArrives loads a list and an article, on a desktop and on a
// phone, their documents cut after each space that begins a text in
// <main> (cutAfterSpaces), a frame drawn at each cut: nothing on the page
// moves as the rest of each line comes. A space alone at a line's end was
// laid out at the top of the line box, and moved down when the line went
// on: a list entry's date line by 1 px, a caption's by 9
// (components/entries.go, nbsp). TestHeaderWholeAtFirstPaint sends pieces
// of 64 bytes, where a cut falls at random.
func TestPageAsItArrives(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "arrival.json", arrivalDataset()))
	url := arrivingHost(t, h, cutAfterSpaces)
	for _, width := range []int64{1280, 360} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, int(width), 800)
			tb.do("setting the viewport", viewport(width, 800))
			tb.addScript(styleProbe)
			tb.addScript(spaceFramesProbe)
			for _, path := range []string{"/", dlpage.ArticlePath(slugLong)} {
				tb.mustLoad(url+path, http.StatusOK)
				// Each of these pages has more than five such spaces.
				if n := eval[int](tb, `window.__spaceFrames`); n < 3 {
					t.Errorf("%s at %d px: %d frames drew a line that ended in its joining space, want 3 or more: the test saw too little", path, width, n)
				}
				tb.waitLive()
				if s := eval[float64](tb, `window.__shifts`); s != 0 {
					t.Errorf("%s at %d px: the page moved as it came: layout shift %v, want 0: %q", path, width, s, eval[[]string](tb, `window.__shiftsOf`))
				}
			}
		})
	}
}
