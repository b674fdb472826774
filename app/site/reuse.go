package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"unicode/utf8"

	"dateline/app/page"
)

// reusePath is where the reuse list is served: for each file of
// offline.json, in its order, its masked hash (maskedHash). Not under the
// data path, whose files only the dataset and DataFormat name: its hashes
// are of the pages, which change with the build too. Under /data/ all the
// same, for the immutable class of static hosts (feed.ImmutablePrefix),
// and named by the whole version.
// A worker that installs over an older version fetches it and copies
// every file whose older copy has the same masked hash, with this
// version's names put in, rather than download it: a correction to one
// article changes a few pages and data files, and a new build of the app
// none, but every page names the version (data-version) and the app.js
// that carries it, and every data file sits under the data path
// (data-base, data-file), so that without it an update downloads the
// whole site again. A first install never
// fetches it.
func (s *Site) reusePath() string { return dataPrefix + "reuse-" + s.Version + ".json" }

// The masks that stand in for a version's names in maskedHash: they hold a
// NUL, which no file hashed with them holds (see maskedHash), so that
// putting the names back (the worker's copy) gives the file exactly.
const (
	maskVersion = "\x00v"
	maskData    = "\x00d"
	maskApp     = "\x00a"
)

// versionNames are the names that differ from one version to the next in
// files that are otherwise the same: the version (data-version), its data
// path's last part (data-base, data-file) and the hashed name of go-app's
// app.js, which carries them both, so that every page names a new one.
type versionNames struct{ version, data, app string }

// versionNames are s's.
func (s *Site) versionNames() versionNames {
	return versionNames{version: s.Version, data: s.dataVersion(), app: s.ref("/app.js")}
}

// maskedHash is how the service worker (worker.js, copyMasked) and the
// host compare a file of two versions: the SHA-256 of body with every
// version, then every data path's name, then every app.js's name (n)
// replaced by its mask, when body is UTF-8 text without a NUL (pages and
// data files); of body as it is otherwise (the search index's binary
// files). The first 8 bytes, in hex: a worker compares each file with one
// hash, or with the hashes of an older version's few thousand files, where
// 64 bits leave no chance of a false match, and the reuse list is mostly
// these hashes.
func maskedHash(body []byte, n versionNames) string {
	if utf8.Valid(body) && bytes.IndexByte(body, 0) < 0 {
		body = bytes.ReplaceAll(body, []byte(n.version), []byte(maskVersion))
		body = bytes.ReplaceAll(body, []byte(n.data), []byte(maskData))
		body = bytes.ReplaceAll(body, []byte(n.app), []byte(maskApp))
	}
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:8])
}

// dataVersion is the name of this version's data path, its last part.
func (s *Site) dataVersion() string { return s.DataBase[strings.LastIndexByte(s.DataBase, '/')+1:] }

// reuseList is reusePath's file, made once, on its first request: it hashes
// every file offline.json lists, as the host serves it.
type reuseList struct {
	once sync.Once
	res  *response
	err  error
}

func (s *Site) reuseJSON() (*response, error) {
	s.reuse.once.Do(func() {
		b, err := s.reuseHashes(func(u string) (string, error) {
			body, err := s.offlineBody(u)
			if err != nil {
				return "", err
			}
			return maskedHash(body, s.versionNames()), nil
		})
		if err != nil {
			s.reuse.err = err
			return
		}
		s.reuse.res, s.reuse.err = newResponse(http.StatusOK, "application/json", immutable, b)
	})
	return s.reuse.res, s.reuse.err
}

// reuseHashes encodes reusePath's file, with hash giving the masked hash of
// a file of offline.json as it is served: by the host (offlineBody), or
// as an export wrote it.
func (s *Site) reuseHashes(hash func(url string) (string, error)) ([]byte, error) {
	urls, err := s.offlineURLs()
	if err != nil {
		return nil, err
	}
	hashes := make([]string, len(urls))
	for i, u := range urls {
		if hashes[i], err = hash(u); err != nil {
			return nil, fmt.Errorf("hashing %s for %s: %w", u, s.reusePath(), err)
		}
	}
	out, err := json.Marshal(hashes)
	if err != nil {
		return nil, fmt.Errorf("encoding %s: %w", s.reusePath(), err)
	}
	return out, nil
}

// offlineBody returns the bytes the host serves at u, a path of
// offline.json, made afresh rather than through the cache of responses:
// hashing a whole site would push out of it what readers ask for, and
// compress every file for nothing.
func (s *Site) offlineBody(u string) ([]byte, error) {
	if name, ok := strings.CutPrefix(u, s.DataBase+"/"); ok {
		if file, ok := strings.CutPrefix(name, page.SearchDir+"/"); ok {
			return s.searchFile(file)
		}
		ref, ok := page.ParseDataFile(name)
		if !ok {
			return nil, fmt.Errorf("%s is no data file", u)
		}
		d, err := s.Load(ref)
		if err != nil {
			return nil, err
		}
		return dataJSON(d)
	}
	if u == page.SearchPath {
		res, err := s.searchPage("")
		if err != nil {
			return nil, err
		}
		return res.body, nil
	}
	ref := page.Parse(u)
	if !ref.Kind.HasData() {
		h, err := s.headOf(ref, page.Data{})
		if err != nil {
			return nil, fmt.Errorf("the head of %s: %w", u, err)
		}
		return s.document(ref, page.Data{Head: h})
	}
	d, err := s.Load(ref)
	if err != nil {
		return nil, err
	}
	return s.document(ref, d)
}
