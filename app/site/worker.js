// Dateline's service worker: every page opens offline once the app has been
// visited, and a new version replaces the old one without breaking pages
// that are still open. The host fills in the values below.
"use strict";

const VERSION = "{{.Version}}";
const CACHE = "dateline-" + VERSION;
const CACHE_PREFIX = "dateline-";
// The app shell: HTML of the home page, scripts, styles, icons, app.wasm.
const SHELL = {{.ResourcesToCache}};
// The versioned data files; offline.json lists the pages (and their data
// files) to save at install, beyond the app.
const DATA_BASE = "__DATA_BASE__";
// Where this version's reuse list is (reuseSite).
const REUSE = "__REUSE__";
// The headers the host sends alike with every response (site.go's
// securityHeaders, which an export's configurations send too): a copy
// keeps the older response's, so it is made only where they are what this
// version's host sends (copyMasked).
const SITE_HEADERS = __SITE_HEADERS__;
// "all": install saves every page of the site, so any page opens offline.
// "viewed": install saves the first page of the home list and of each
// section; other pages are saved as they are read.
const ARTICLES = "__ARTICLES__";
// What a "viewed" install saves beyond the app, and any install while
// data saver is on: the saved articles' and search pages, the first page
// of the home list and of each section, and their data files.
const FIRST_PAGES = __FIRST_PAGES__;
// Each app file this version's pages name by its content's hash (the
// files under /web/, app.js, wasm_exec.js, the manifest), by plain path:
// that hash. A file an older version saved with the same hash is copied
// from its cache rather than downloaded again (reuse): app.wasm, 2 MB,
// mostly stays the same from one version of the dataset to the next. A
// page that names a file by another hash is of another version (resource).
const HASHES = __HASHES__;
// Served, with its 404 status, for unknown paths while offline.
const NOT_FOUND = "__NOT_FOUND__";
// Served, with status 503, for a page neither saved nor reachable.
const OFFLINE = "__OFFLINE__";
// A page's path, and the first page of a list spelt with "/page/1" (its
// own path is "/" or the section's or tag's), from app/page's patterns.
const PAGE = new RegExp("^(?:/|" + __PAGE_PATTERN__ + ")$");
const FIRST_PAGE = new RegExp("^(|" + __LIST_PATTERN__ + ")/page/1$");
// The search page's path. With a query, its address is the host's answer to
// that query, which no saved page holds (navigate).
const SEARCH = "__SEARCH__";
// A page's file in an export ends in HTML_EXT, the home page's is
// INDEX_FILE: asked for by its name, it leads to the page's address.
const HTML_EXT = "__HTML_EXT__";
const INDEX_FILE = "__INDEX_FILE__";
// The paths, as sent, of the files the host serves that are no page (the
// feeds, the sitemaps, robots.txt, the photos, the app's and the data
// files), from site.go's workerFilePattern. Offline, one of them that the
// worker has no copy of opens the offline page: it is not known missing.
const FILE = new RegExp("^(?:" + __FILE_PATTERN__ + ")$");
// How many batches of downloads run at once while caching, and their size.
const PARALLEL = 3;
const BATCH = 40;

self.addEventListener("install", (event) => {
  event.waitUntil(install());
});

// install saves the site for offline reading. With data saver on (a
// slow or costly network), whatever the mode, it saves only the light
// files, and turned on while the install runs it stops it at the next
// batch: the rest is saved once data saver is off (saveRest).
async function install() {
  const cache = await caches.open(CACHE);
  try {
    await reuse(cache);
    const light = lightFiles();
    const files = (await dataSaver()) ? light : await siteFiles(light, cache, "install");
    let whole = false;
    try {
      whole = (await cacheAll(cache, files, "install", light.length)) && files !== light;
    } catch (err) {
      if (!isFull(err) || files === light) {
        throw err;
      }
      // Storage cannot hold the whole site (a phone's nearly full): the
      // install keeps what data saver keeps, as failing would keep
      // nothing offline and try again, downloading what cannot be kept.
      // (The mark is a few bytes, which a full storage may refuse too:
      // the rest is then tried again after its pause, not the install.)
      await markFull().catch(() => {});
      await cacheAll(cache, light, "install", light.length);
    }
    const nf = await fetch(NOT_FOUND, { cache: "no-cache" });
    if (nf.status !== 404 || !isHTML(nf)) {
      throw new Error(NOT_FOUND + " answered " + nf.status + ", not the not-found page");
    }
    await cache.put(NOT_FOUND, nf);
    const off = await fetch(OFFLINE, { cache: "no-cache" });
    if (!off.ok || !isHTML(off)) {
      throw new Error(OFFLINE + " answered " + off.status + ", not the offline page");
    }
    await cache.put(OFFLINE, off);
    if (whole && ARTICLES === "all") {
      await markComplete();
    }
    await broadcast({ type: "cache-done", version: VERSION, complete: await isComplete() });
    await self.skipWaiting();
  } catch (err) {
    // The install fails as a whole, and the page is told why. What it
    // saved stays, for the next try of this version to go on from
    // (cacheAll skips what the cache holds; each batch went in whole): a
    // connection that drops mid-way costs its bytes once, not at every
    // try. Nothing takes that cache for a saved site: navigations are
    // answered from an active worker's own cache, and the site counts as
    // saved once the offline page, the install's last put, is in it. A
    // later version's activation removes it with the other old caches.
    await broadcast({ type: "cache-failed", version: VERSION, error: String(err && err.message ? err.message : err) });
    throw err;
  }
}

// HASHES_OF is where META keeps each version's HASHES (under the version),
// for the versions after it to reuse its files.
const HASHES_OF = "/_hashes/";

// reuse notes this version's HASHES and DATA_BASE (for reuseSite), then
// copies into cache each file of HASHES that an older version's cache
// holds with the same bytes, which the install then does not download:
// costing no network, it copies app.wasm with data saver on too. The
// browser's cache is asked last (below). An older version's record of HASHES
// only tells which files may be the same (its cache took them from
// addresses every version shares, whatever the host served then): each
// copy's bytes are hashed as the host hashes them (site.go) first. The
// copy is the response as it was saved, its address kept (the browser's
// cache of compiled code goes by it). Reuse saves downloads and never
// fails the install: on any error, the install downloads the rest.
async function reuse(cache) {
  try {
    const meta = await caches.open(META);
    await meta.put(HASHES_OF + VERSION, new Response(JSON.stringify(HASHES)));
    await meta.put(BASE_OF + VERSION, new Response(DATA_BASE));
    const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
    const wanted = Object.keys(HASHES).filter((u) => !have.has(u));
    for (const name of await caches.keys()) {
      if (wanted.length === 0) {
        break;
      }
      if (!name.startsWith(CACHE_PREFIX) || name === CACHE || name === META || name === SAVED || name === READ) {
        continue;
      }
      const r = await meta.match(HASHES_OF + name.slice(CACHE_PREFIX.length));
      let theirs;
      try {
        theirs = r && (await r.json());
      } catch (err) {
        continue; // not a worker's writing
      }
      if (!theirs) {
        continue; // a version from before HASHES
      }
      const older = await caches.open(name);
      for (let i = wanted.length - 1; i >= 0; i--) {
        const u = wanted[i];
        if (theirs[u] !== HASHES[u]) {
          continue;
        }
        const resp = await older.match(u);
        if (resp && (await hashOf(resp.clone())) === HASHES[u]) {
          await cache.put(u, resp);
          wanted.splice(i, 1);
        }
      }
    }
    // The browser's own cache: on a first visit the page has just
    // downloaded app.wasm and its scripts. A static host's export sends
    // them without validators (see app/feed's NginxConf), so the
    // install's download would be a second whole one, 2 MB of app.wasm;
    // taken from the browser's cache whatever its age, and hashed, it is
    // the page's download, or nothing. Not with data saver on, whose
    // install keeps no app.wasm (lightFiles): a page of this version then
    // fetches its own when saver goes off.
    // On a slow link the page may still be downloading it: cacheAll asks
    // again before it downloads a file (saveBatch).
    for (const u of (await dataSaver()) ? [] : wanted) {
      await fromHTTPCache(cache, u);
    }
  } catch (err) {
    // Storage full, an entry gone: what was not copied is downloaded.
  }
}

// fromHTTPCache puts into cache the browser's cached copy of u, a file of
// HASHES, if it has one with the bytes HASHES names, whatever its age; it
// tells whether it did. It costs no network.
async function fromHTTPCache(cache, u) {
  let resp;
  try {
    resp = await fetch(ref(u), { cache: "only-if-cached", mode: "same-origin" });
  } catch (err) {
    return false; // not in the browser's cache
  }
  if (!resp.ok || (await hashOf(resp.clone())) !== HASHES[u]) {
    return false;
  }
  await cache.put(u, resp);
  return true;
}

// notDownloaded returns the urls of a batch but the files of HASHES that
// a page has downloaded: asked of the browser's cache again just before
// the worker would download them, since the install's first look
// (reuse) comes while a page on a slow link is still downloading
// app.wasm, 2 MB that a static host sends without validators, so that the
// worker's download would be a second whole one at the same time. A page
// downloading app.wasm says so when asked (app/site/wasmfetch.js): the
// worker waits for it to end first (pageDownload).
async function notDownloaded(cache, urls) {
  const left = [];
  for (const u of urls) {
    if (HASHES[u] === undefined) {
      left.push(u);
      continue;
    }
    try {
      if (await fromHTTPCache(cache, u)) {
        continue;
      }
      if (u.endsWith(".wasm") && (await pageDownload(ref(u))) && (await fromHTTPCache(cache, u))) {
        continue;
      }
    } catch (err) {
      if (isFull(err)) {
        throw err; // a download could not be kept either
      }
      // A page gone: the worker downloads it.
    }
    left.push(u);
  }
  return left;
}

// How long a page has to answer whether it is downloading a file, and how
// often the worker looks whether a page it waits for is still open.
const ASK_ANSWER = 2000;
const ASK_POLL = 1000;

// pageDownload waits while an open page downloads url, and tells whether
// one has it now. Each page is asked through a channel of its own; one
// that downloads it reports each piece, then "done" or "failed". The wait
// ends at the first "done", or once no page is downloading it: each has
// answered otherwise, failed, been closed, not answered within
// ASK_ANSWER, or gone STALL ms without a piece (a dead connection).
async function pageDownload(url) {
  const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  let over = false;
  const watchPage = (page) =>
    new Promise((resolve) => {
      const ch = new MessageChannel();
      let last = Date.now();
      let answered = false;
      let timer = 0;
      const end = (done) => {
        clearInterval(timer);
        ch.port1.close();
        resolve(done);
      };
      ch.port1.onmessage = (e) => {
        const state = e.data && e.data.state;
        last = Date.now();
        answered = true;
        if (state !== "loading") {
          end(state === "done");
        }
      };
      timer = setInterval(async () => {
        const quiet = Date.now() - last > (answered ? STALL : ASK_ANSWER);
        if (over || quiet || !(await self.clients.get(page.id))) {
          end(false);
        }
      }, ASK_POLL);
      page.postMessage({ datelineDownload: url }, [ch.port2]);
    });
  const done = await new Promise((resolve) => {
    let left = pages.length;
    if (left === 0) {
      resolve(false);
    }
    for (const page of pages) {
      watchPage(page).then((ok) => {
        left--;
        if (ok || left === 0) {
          resolve(ok);
        }
      });
    }
  });
  over = true;
  return done;
}

// ref is how pages name u, a file of HASHES (or of an older version's
// hashes): with its hash before the extension of its name (site.go's ref,
// feed.HashedName), the address under which the browser's cache holds a
// page's copy.
function ref(u, hashes = HASHES) {
  const dot = u.lastIndexOf(".");
  return u.slice(0, dot) + "." + hashes[u] + u.slice(dot);
}

// plain is the plain path of an app file's hashed name (ref's, with any
// hash: a page of another version names its own, see resource), or p as
// it is.
function plain(p) {
  return p.replace(/\.[0-9a-f]{24}(\.[0-9A-Za-z]+)$/, "$1");
}

// hashOf is the hash the host gives a file (site.go's ETag): the first 12
// bytes of its SHA-256, in hex.
async function hashOf(resp) {
  const sum = new Uint8Array(await crypto.subtle.digest("SHA-256", await resp.arrayBuffer()));
  return Array.from(sum.subarray(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
}

// lightFiles are what data saver keeps, and what every install saves
// first: the app but app.wasm (pages do not run it with data saver on;
// go-app also lists its /app.css, which no page links to), then
// FIRST_PAGES. Each once: cache.addAll refuses a batch that names a file
// twice (the home page is both the app's and the first list page).
function lightFiles() {
  return [...new Set([...SHELL.filter((u) => u !== "/app.css" && !u.endsWith(".wasm")), ...FIRST_PAGES])];
}

// siteFiles are light followed by the rest of what a whole install saves:
// app.wasm and, in "all" mode, every page of the versioned offline list,
// of which those an older version saved the same are copied into cache
// first (reuseSite), reported as phase's progress.
async function siteFiles(light, cache, phase) {
  const urls = [...light, ...SHELL.filter((u) => u.endsWith(".wasm"))];
  if (ARTICLES !== "all") {
    return [...new Set(urls)];
  }
  const offline = await fetchChecked(DATA_BASE + "/offline.json");
  const list = await offline.json();
  const files = [...new Set([...urls, ...list])];
  const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  const progress = progressOf(phase, files.length, files.filter((u) => have.has(u)).length);
  await reuseSite(cache, list, have, progress);
  return files;
}

// BASE_OF is where META keeps each version's DATA_BASE (under the
// version), for the versions after it to find its data files.
const BASE_OF = "/_base/";

// reuseSite copies into cache each file of list (offline.json) that an
// older version's cache holds the same but for the version's names: every
// page names its version, its data path and its app.js (which carries
// both), and every data file sits under the data path, so that a
// correction to one article, or a new build of the app, would otherwise
// download the whole site again. The host's
// list at REUSE gives each file's masked hash (site/reuse.go), fetched
// only when a cache of an older version that noted its DATA_BASE is
// still there and some file is still wanted. A file is looked for where
// the older version kept it (its page's path, or its data path's), then among
// that version's other data files by content (the search index's files
// move with the index). have is what cache holds. Each copy counts in
// progress, reported from the moment an older version's cache is found:
// copying thousands of files takes tens of seconds. Like reuse, it never
// fails the install: what it did not copy is downloaded.
async function reuseSite(cache, list, have, progress) {
  try {
    const meta = await caches.open(META);
    let wanted = list.map((u, i) => i).filter((i) => !have.has(list[i]));
    let reuse = null;
    for (const older of (await olderVersions()).reverse()) {
      const name = CACHE_PREFIX + older;
      const base = await meta.match(BASE_OF + older);
      if (wanted.length === 0 || !base || !(await caches.has(name))) {
        continue;
      }
      if (!reuse) {
        progress.report();
        const resp = await fetchChecked(REUSE);
        reuse = { hashes: await resp.json(), headers: resp.headers };
        if (!Array.isArray(reuse.hashes) || reuse.hashes.length !== list.length) {
          return;
        }
      }
      const from = { cache: await caches.open(name), version: older, base: await base.text(), app: await appOf(meta, older) };
      wanted = await copyFrom(cache, from, list, reuse, wanted, progress);
    }
  } catch (err) {
    // Offline, storage full, an entry gone: what was not copied is
    // downloaded.
  } finally {
    await progress.report(); // before the downloads' own reports
  }
}

// appOf returns how the pages of an older version name its app.js, which
// carries the version: from the HASHES it noted; null if it noted none.
async function appOf(meta, older) {
  try {
    const r = await meta.match(HASHES_OF + older);
    const theirs = r && (await r.json());
    return theirs && theirs["/app.js"] ? ref("/app.js", theirs) : null;
  } catch (err) {
    return null; // not a worker's writing: its pages are downloaded
  }
}

// copyFrom copies the files of list at the indexes wanted from an older
// version's cache, first by address, then by content among its data
// files, and returns the indexes it did not copy. reuse is this version's
// reuse list: its hashes, and the headers of the host's answer. Each copy
// counts in progress.
async function copyFrom(cache, from, list, reuse, wanted, progress) {
  const oldAddress = (u) => (u.startsWith(DATA_BASE + "/") ? from.base + u.slice(DATA_BASE.length) : u);
  const left = [];
  const used = new Set();
  await inTurns(wanted, async (i) => {
    const old = oldAddress(list[i]);
    const resp = await from.cache.match(old);
    if (resp && (await copyMasked(cache, list[i], resp, reuse, i, from))) {
      used.add(old);
      progress.add(1);
    } else {
      left.push(i);
    }
  });
  if (!left.some((i) => list[i].startsWith(DATA_BASE + "/"))) {
    return left;
  }
  // The older version's data files not copied yet, by masked hash.
  const byHash = new Map();
  const others = (await from.cache.keys()).filter((r) => {
    const p = new URL(r.url).pathname;
    return p.startsWith(from.base + "/") && !used.has(p);
  });
  await inTurns(others, async (req) => {
    const resp = await from.cache.match(req);
    if (resp) {
      byHash.set((await masked(resp, from)).hash, req);
    }
  });
  const rest = [];
  await inTurns(left, async (i) => {
    const req = byHash.get(reuse.hashes[i]);
    const resp = req && (await from.cache.match(req));
    if (resp && (await copyMasked(cache, list[i], resp, reuse, i, from))) {
      progress.add(1);
    } else {
      rest.push(i);
    }
  });
  return rest;
}

// copyMasked stores resp, an older version's copy of url, into cache as
// url with this version's names in place of the older one's, if its
// masked hash is the reuse list's i-th and its SITE_HEADERS are those the
// host sends now; it tells whether it did.
async function copyMasked(cache, url, resp, reuse, i, from) {
  if (SITE_HEADERS.some((h) => resp.headers.get(h) !== reuse.headers.get(h))) {
    return false;
  }
  const m = await masked(resp.clone(), from);
  if (m.hash !== reuse.hashes[i]) {
    return false;
  }
  let body = m.bytes;
  if (m.text !== null) {
    body = m.text.replaceAll(MASK_VERSION, VERSION).replaceAll(MASK_DATA, lastPart(DATA_BASE)).replaceAll(MASK_APP, ref("/app.js"));
  }
  const headers = new Headers(resp.headers);
  headers.delete("Content-Length");
  headers.delete("ETag");
  await cache.put(url, new Response(body, { status: resp.status, statusText: resp.statusText, headers }));
  return true;
}

// The masks of site/reuse.go's maskedHash.
const MASK_VERSION = "\0v";
const MASK_DATA = "\0d";
const MASK_APP = "\0a";

// masked returns an older version's copy of a file as site/reuse.go's
// maskedHash reads it: for UTF-8 text without a NUL, the text with the
// version's names masked (its version, data path and app.js, from), and
// its hash; otherwise the bytes and theirs.
async function masked(resp, from) {
  const bytes = await resp.arrayBuffer();
  let text = null;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (err) {
    // not UTF-8: hashed as it is
  }
  if (text !== null && text.includes("\0")) {
    text = null;
  }
  if (text === null) {
    return { bytes, text, hash: await shortHash(bytes) };
  }
  text = text.replaceAll(from.version, MASK_VERSION).replaceAll(lastPart(from.base), MASK_DATA);
  if (from.app) {
    text = text.replaceAll(from.app, MASK_APP);
  }
  return { bytes, text, hash: await shortHash(new TextEncoder().encode(text)) };
}

// shortHash is maskedHash's: the first 8 bytes of the SHA-256, in hex.
async function shortHash(bytes) {
  const sum = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(sum.subarray(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}

function lastPart(path) {
  return path.slice(path.lastIndexOf("/") + 1);
}

// inTurns runs fn on each item, a few at a time: the cache's reads and
// writes overlap, without holding a whole site's bodies at once. Chromium
// writes a cache's entries one put after another; an update's copy of
// 2,400 articles took 48 s with 8 under way, against 66 s with one, and
// more with 3 or with more puts queued (bench/updatecopy).
async function inTurns(items, fn) {
  let next = 0;
  const one = async () => {
    while (next < items.length) {
      await fn(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: 8 }, one));
}

// progressOf follows how many of total files an install (phase "install")
// or the saving of the rest ("rest") has in its cache, done at first,
// copied and downloaded alike, and reports it to the open pages: one
// report at a time, each higher than the last, so that the figure a page
// shows only goes up. add counts n more files and reports every BATCH of
// them; report reports now, and resolves once every report so far is
// sent. A report that could not be sent does not stop the saving.
function progressOf(phase, total, done) {
  let sent = -1;
  let queue = Promise.resolve();
  const p = {
    done,
    add(n) {
      p.done += n;
      if (p.done - sent >= BATCH) {
        p.report();
      }
    },
    report() {
      const d = p.done;
      if (d > sent) {
        sent = d;
        queue = queue.then(() => broadcast({ type: "cache-progress", phase, done: d, total, version: VERSION })).catch(() => {});
      }
      return queue;
    },
  };
  return p;
}

// cacheAll downloads urls into cache, skipping those already there. It
// stores them in batches (one storage transaction each, far faster than one
// put per file) and reports progress to the open pages, counting the files
// the cache held already (an update's copies, reuseSite). Any failure rejects,
// once every batch under way has ended: none reports progress after it.
// Past the first `needed` urls, it looks before each batch at data saver,
// and, saving the rest (phase "rest"), at a newer version installing:
// either, and it downloads no more and resolves to false (true when every
// url is in the cache).
async function cacheAll(cache, urls, phase, needed) {
  const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  const todo = urls.filter((u) => !have.has(u));
  const must = urls.slice(0, needed).filter((u) => !have.has(u)).length;
  const total = urls.length;
  const progress = progressOf(phase, total, total - todo.length);
  let next = 0;
  let stopped = false;
  let failed = null;
  await progress.report();
  async function worker() {
    for (;;) {
      if (failed || next >= todo.length) {
        return;
      }
      if (next >= must && !stopped && ((await dataSaver()) || (phase === "rest" && newerComing()))) {
        stopped = true;
      }
      if (stopped) {
        return;
      }
      // A batch holds needed files or others, not both; app.wasm goes
      // alone, so that a page that waits for it (saving) waits for it only.
      let end = next < must ? Math.min(must, next + BATCH) : next + BATCH;
      const wasm = todo.slice(next, end).findIndex((u) => u.endsWith(".wasm"));
      if (wasm >= 0) {
        end = next + Math.max(wasm, 1);
      }
      const batch = todo.slice(next, end);
      next += batch.length;
      try {
        await saveBatch(cache, batch);
      } catch (err) {
        // Storage full: every file of the batch came, none can be kept.
        failed = failed || (isFull(err) ? err : await batchFailure(batch, err));
        return;
      }
      progress.done += batch.length;
      if (!failed) {
        await progress.report();
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (failed) {
    throw failed;
  }
  return !stopped || progress.done === total;
}

// saving holds, under its path, each download of a single file this
// worker has under way into its cache: its saving (cacheAll) and its
// answers to the pages (resource, navigate, keepFile) wait for one
// another's rather than download a file twice at once. Chromium's HTTP
// cache makes a second request for a file wait for the first, but gives
// up after 20 s: on a slow link app.wasm (1.5 MB) was downloaded twice
// when the reader turned data saver off while the page started the app.
// A wait lasts as long as the download goes on, never past STALL without
// a byte of it: a download that stalled (a dead connection) does not
// hold back a new try, which goes to the network on its own.
// A batch of files is not in it: a page would wait for the whole batch,
// seconds on a slow link, where the HTTP cache has its request wait for
// the batch's request of that one file, small, which ends well within
// those 20 s. app.wasm is saved on its own (cacheAll, saveOne).
const saving = new Map();
const STALL = 15000;

// share registers the download of key, which done ends, and returns its
// entry: settled, when it has ended, and last, when it last went on (its
// answer, a piece of its body).
function share(key, done) {
  const entry = { last: Date.now() };
  entry.settled = done.then(
    () => {},
    () => {}
  );
  saving.set(key, entry);
  entry.settled.then(() => {
    if (saving.get(key) === entry) {
      saving.delete(key);
    }
  });
  return entry;
}

// fromSaving answers key from cache once the download of it under way, if
// any, has ended; undefined when there is none, it failed, or it stalled.
async function fromSaving(cache, key) {
  const entry = saving.get(key);
  if (!entry) {
    return undefined;
  }
  for (;;) {
    const ended = await Promise.race([entry.settled.then(() => true), new Promise((ok) => setTimeout(ok, STALL / 3, false))]);
    if (ended) {
      return cache.match(key);
    }
    if (Date.now() - entry.last > STALL) {
      return undefined;
    }
  }
}

// refusals holds, under an answer fetchSaving fetched, why storage
// refused it.
const refusals = new WeakMap();

// fetchSaving fetches request and, when keep says so of the answer, stores
// it in cache under key (its body watched as it comes, for fromSaving);
// the others wait for it (saving) meanwhile.
function fetchSaving(cache, key, request, keep) {
  let entry;
  // A download of key that stalled (fromSaving gave up on it) still holds
  // the browser's cache entry for its address, and the cache has a new
  // request for it wait behind that one, some 20 s more: this one goes
  // around the browser's cache (every file saved here is the worker's to
  // keep; a page is revalidated anyway).
  if (saving.has(key)) {
    request = new Request(request, { cache: "no-store" });
  }
  const done = fetch(request).then(async (resp) => {
    entry.last = Date.now();
    if (keep(resp)) {
      watch(resp.clone(), entry);
      try {
        await cache.put(key, resp.clone());
      } catch (err) {
        // Storage full or refused, or the body broke off: the answer is
        // used, not kept.
        refusals.set(resp, err);
      }
    }
    return resp;
  });
  entry = share(key, done);
  return done;
}

// watch reads a copy of a body being stored, to note in entry when each
// piece of it comes. The stored answer itself stays the network's (its
// address kept, which the browser's cache of compiled code goes by).
async function watch(copy, entry) {
  if (!copy.body) {
    return;
  }
  const reader = copy.body.getReader();
  try {
    while (!(await reader.read()).done) {
      entry.last = Date.now();
    }
  } catch (err) {
    // The body broke off: the download ends, and its waiters with it.
  }
}

// saveBatch stores the urls of batch in cache, but those a page has
// downloaded (notDownloaded), in one transaction but for those this
// worker is downloading already for a page: it waits for those, and
// stores any that did not end up in the cache. A batch of one file is
// saved as the pages' downloads are, and shared with them (saving).
async function saveBatch(cache, batch) {
  const urls = await notDownloaded(cache, batch);
  const others = urls.filter((u) => saving.has(u));
  const mine = urls.filter((u) => !saving.has(u));
  const save = mine.length === 1 && urls.length === 1 ? saveOne(cache, mine[0]) : addAll(cache, mine);
  await Promise.all([save, ...others.map((u) => fromSaving(cache, u))]);
  const missed = [];
  for (const u of others) {
    if (!(await cache.match(u))) {
      missed.push(u);
    }
  }
  await addAll(cache, missed);
}

// saveOne stores url in cache as cache.add does (refused unless ok), as
// a download the pages can wait for.
async function saveOne(cache, url) {
  let stored = false;
  const resp = await fetchSaving(cache, url, new Request(url, { cache: "no-cache" }), (r) => (stored = r.ok));
  if (!stored || !(await cache.match(url))) {
    const refused = refusals.get(resp);
    throw isFull(refused) ? refused : new TypeError("saving " + url + ": no answer to keep");
  }
}

function addAll(cache, urls) {
  if (urls.length === 0) {
    return Promise.resolve();
  }
  return cache.addAll(urls.map((u) => new Request(u, { cache: "no-cache" })));
}

// newerComing tells whether a newer version of the worker is installing
// or waiting: this one's rest would be saved for nothing.
function newerComing() {
  const reg = self.registration;
  return !!(reg && (reg.installing || reg.waiting));
}

// saveRest saves the rest of the site, in "all" mode, once data saver is
// off, after an install that saved only the light files or that data
// saver stopped: when the reader turns data saver off, and at the next
// page opened (its status request) at the latest. It reports its progress
// as an install does, then the status; one runs at a time. A failure (the
// network or the host gone) leaves what it saved for the next try.
let savingRest = null;
// After a failed try, the next waits REST_PAUSE ms (while this worker
// runs), so that a lasting failure (storage full, a file the host no
// longer has) does not cost a batch at every page opened.
let restFailedAt = 0;
const REST_PAUSE = 5 * 60 * 1000;

function saveRest() {
  if (!savingRest) {
    savingRest = restOfSite().finally(() => {
      savingRest = null;
    });
  }
  return savingRest;
}

async function restOfSite() {
  if (ARTICLES !== "all" || Date.now() - restFailedAt < REST_PAUSE || newerComing() || (await isComplete()) || (await dataSaver()) || (await wasFull())) {
    return;
  }
  const light = lightFiles();
  const cache = await caches.open(CACHE);
  let files;
  try {
    files = await siteFiles(light, cache, "rest");
  } catch (err) {
    return; // offline, the host gone, or this version no longer served
  }
  try {
    if (await cacheAll(cache, files, "rest", light.length)) {
      await markComplete();
    }
  } catch (err) {
    // The network or the host went away mid-way: the pages, told it was
    // saving, are told what is saved. Storage full, this version no
    // longer tries.
    restFailedAt = Date.now();
    if (isFull(err)) {
      await markFull().catch(() => {});
    }
  }
  await broadcast(await statusReport());
}

// A version's cache holds the whole site once an install or saveRest has
// saved every file of siteFiles: a mark in META says so, one per version
// (activate removes the others but the previous version's, whose cache
// stays: carryRead reads it).
const COMPLETE = "/_complete/";

async function markComplete() {
  const meta = await caches.open(META);
  await meta.put(COMPLETE + VERSION, new Response(VERSION));
}

async function isComplete() {
  return ARTICLES === "all" && !!(await caches.match(COMPLETE + VERSION, { cacheName: META }));
}

// A version whose whole site the storage could not hold is marked in
// META (activate removes the others' marks): its rest is not saved.
const FULL = "/_full/";

async function markFull() {
  const meta = await caches.open(META);
  await meta.put(FULL + VERSION, new Response(VERSION));
}

async function wasFull() {
  return !!(await caches.match(FULL + VERSION, { cacheName: META }));
}

// isFull tells whether err is the browser refusing to store more: the
// site's share of storage is used up.
function isFull(err) {
  return !!err && err.name === "QuotaExceededError";
}

// batchFailure finds which file of a failed batch could not be fetched,
// since cache.addAll does not say: "caching /x failed: status 404".
async function batchFailure(batch, err) {
  for (const url of batch) {
    try {
      await fetchChecked(url);
    } catch (e) {
      return e;
    }
  }
  return err;
}

async function fetchChecked(url) {
  const resp = await fetch(url, { cache: "no-cache" });
  if (!resp.ok) {
    throw new Error("caching " + url + " failed: status " + resp.status);
  }
  return resp;
}

function isHTML(resp) {
  return (resp.headers.get("Content-Type") || "").startsWith("text/html");
}

async function broadcast(msg) {
  const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const page of pages) {
    page.postMessage({ dateline: msg });
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(activate());
});

// activate takes over open pages and removes the caches of versions before
// the previous one. The previous version's cache is kept until the next
// update, so a page of that version still open can finish what it loads.
async function activate() {
  // Not waited for: claiming can take as long as a page being left takes
  // to go, and fetches wait for the activation to end.
  self.clients.claim().catch(() => {});
  const previous = await previousVersion();
  const keys = await caches.keys();
  const gone = keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE && k !== previous && k !== META && k !== SAVED && k !== READ);
  await carryBeforeDeleting(previous, gone);
  await Promise.all(gone.map((k) => caches.delete(k)));
  const meta = await caches.open(META);
  const kept = previous.slice(CACHE_PREFIX.length);
  await Promise.all(
    (await meta.keys())
      .map((r) => new URL(r.url).pathname)
      .filter(
        (p) =>
          ((p.startsWith(COMPLETE) || p.startsWith(READ_LOG)) && !p.endsWith("/" + VERSION) && !p.endsWith("/" + kept)) ||
          (p.startsWith(FULL) && p !== FULL + VERSION) ||
          ((p.startsWith(HASHES_OF) || p.startsWith(BASE_OF)) && !p.endsWith("/" + VERSION) && !p.endsWith("/" + kept))
      )
      .map((p) => meta.delete(p))
  );
  const older = await rememberVersion();
  await broadcast({ type: "activated", version: VERSION, older });
}

// The articles the reader saved (web/reader.js) are kept in a cache of
// their own, which updates do not remove: each page under its path, its
// data file under SAVED_DATA and the article's file name, whatever the
// version. Offline, the worker answers from it after this version's cache.
const SAVED = "dateline-saved";
const SAVED_DATA = "/_saved/articles/";

// savedData is the saved copy of a data file of any version, if the
// article was saved.
async function savedData(url) {
  const m = /^\/data\/[^/]+\/articles\/([^/]+)$/.exec(url.pathname);
  if (!m) {
    return undefined;
  }
  const saved = await caches.open(SAVED);
  return saved.match(SAVED_DATA + m[1]);
}

// refreshSaved replaces the saved copies with this version's once per
// version, where the network allows; an article that is gone keeps its
// copy, and GONE lists it (an article back since is listed no more). A
// page's status request runs it, not the activation, during which the
// browser holds the pages' requests. A copy that is this version's
// already (savedCurrent: an article saved since the version came, as a
// first save with data saver on, which registers this worker, saves it) is
// not downloaded again. Every page asks for the status, and a page
// asks twice as the first worker takes it over (once active, once in
// charge): one runs at a time, and a second request waits for it.
let refreshing = null;

function refreshSaved() {
  if (!refreshing) {
    refreshing = refreshCopies().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

async function refreshCopies() {
  const meta = await caches.open(META);
  const done = await meta.match("/_saved_version");
  if (done && (await done.text()) === VERSION) {
    return;
  }
  const saved = await caches.open(SAVED);
  const gone = [];
  for (const req of await saved.keys()) {
    const path = new URL(req.url).pathname;
    if (await savedCurrent(saved, path)) {
      continue;
    }
    const fresh = path.startsWith(SAVED_DATA) ? DATA_BASE + "/articles/" + path.slice(SAVED_DATA.length) : path;
    try {
      const resp = await fetch(fresh, { cache: "no-cache" });
      if (resp.ok) {
        await saved.put(req, resp);
      } else if (resp.status === 404 && fresh === path) {
        gone.push(path);
      }
    } catch (err) {
      return; // offline: keep what is there, and try again later
    }
  }
  await meta.put(GONE, new Response(JSON.stringify(gone)));
  await meta.put("/_saved_version", new Response(VERSION));
}

// savedCurrent tells whether the saved copy under path (a page's, or a
// data file's under SAVED_DATA) is this version's: a page whose markup
// names this version, or a data file fetched under this version's data
// path whose article's page is such a page (a data path outlives a new
// build of the same dataset, a version does not).
async function savedCurrent(saved, path) {
  if (!path.startsWith(SAVED_DATA)) {
    return ofThisVersion(await saved.match(path));
  }
  const file = path.slice(SAVED_DATA.length);
  const copy = await saved.match(path);
  if (!copy || !copy.url || new URL(copy.url).pathname !== DATA_BASE + "/articles/" + file) {
    return false;
  }
  return ofThisVersion(await saved.match("/articles/" + file.slice(0, -".json".length)));
}

// ofThisVersion tells whether page, a saved copy of a page, is this
// version's: its loader names the version (app/site/document.go).
async function ofThisVersion(page) {
  return !!page && page.ok && (await page.text()).includes(' data-version="' + VERSION + '"');
}

// GONE, in META, lists the paths of the saved articles the site no longer
// has (the host answered 404): their addresses open the saved copy, online
// too (savedInstead), and the page says so (web/reader.js reads the list).
const GONE = "/_gone";

async function goneList() {
  const r = await caches.match(GONE, { cacheName: META });
  try {
    const list = r ? await r.json() : [];
    return Array.isArray(list) ? list : [];
  } catch (err) {
    return []; // not this worker's writing
  }
}

// savedInstead is the saved copy under key (a page's path, or a data file's
// under SAVED_DATA) of an article the host answered 404 for, at path, its
// page's path; GONE lists it first, for the page to read as it opens.
async function savedInstead(key, path) {
  const copy = await caches.match(key, { cacheName: SAVED });
  if (!copy) {
    return undefined;
  }
  const gone = await goneList();
  if (!gone.includes(path)) {
    gone.push(path);
    await (await caches.open(META)).put(GONE, new Response(JSON.stringify(gone)));
  }
  return copy;
}

// The pages read and their data files, carried from a version's cache
// into a cache of their own when an update replaces it, so that they still
// open offline once that version's cache is gone (two updates later): the
// copies as they were kept, downloading nothing. Past
// FullOfflineMaxArticles a version's cache holds only the first pages and
// what was read; an update's install saves again the first pages only, and
// a reader on a slow, costly network should not pay for the rest at each
// update. Each page is kept under its path, each data file under
// READ_DATA and its path under the data path (articles/x.json,
// lists/...), whatever the version, so that a later version finds it by
// its own data path (resource). Offline only, after this version's cache:
// online, pages and data files come as this version serves them, and are
// kept again as read.
const READ = "dateline-read";
const READ_DATA = "/_read/data";
// How many pages and data files READ keeps, each: the latest carried, the
// oldest dropped first (about 0.75 MB at the seed story's size).
const READ_KEPT = 100;
// A page's data file under any version's data path: the path under it.
const READ_FILE = /^\/data\/[^/]+(\/(?:articles|lists)\/[^/].*)$/;
// READ_DONE, in META, names the version that has carried into READ what
// the versions before it read.
const READ_DONE = "/_read_done";

// READ_LOG, in META, under a version: the pages read while that version's
// cache was complete (a JSON list of paths, the latest last, at most
// READ_KEPT), which the cache cannot tell from the pages never read. An
// update installed with data saver on saves the light files only, and
// carries these as it carries the pages of a cache that is not complete
// (carryRead): a reader who turned data saver on lost every page read at
// the second update, when the complete cache went.
const READ_LOG = "/_read_log/";

// logRead adds path to this version's READ_LOG, one at a time.
let logging = Promise.resolve();

function logRead(path) {
  logging = logging.then(async () => {
    try {
      const meta = await caches.open(META);
      const was = await meta.match(READ_LOG + VERSION);
      const list = was ? (await was.json()).filter((p) => p !== path) : [];
      list.push(path);
      await meta.put(READ_LOG + VERSION, new Response(JSON.stringify(list.slice(-READ_KEPT))));
    } catch (err) {
      // Storage full: the page is not carried by an update with data saver on.
    }
  });
  return logging;
}

// readData is the read copy of a data file asked under this version's data
// path, if an update carried one.
async function readData(url) {
  if (!url.pathname.startsWith(DATA_BASE + "/")) {
    return undefined;
  }
  const m = READ_FILE.exec(url.pathname);
  return m ? caches.match(READ_DATA + m[1], { cacheName: READ }) : undefined;
}

// carryOnce carries into READ, once per version, what the versions before
// this one read (the previous version's cache: activate removed the
// others). A page's status request runs it, not the activation, during
// which the browser holds the pages' requests: the previous version's
// cache stays until the next update, which carries it first if this
// version never did (carryBeforeDeleting). One runs at a time.
let carrying = null;

function carryOnce() {
  if (!carrying) {
    carrying = carryOlder().finally(() => {
      carrying = null;
    });
  }
  return carrying;
}

async function carryOlder() {
  try {
    // A page may ask for the status while this worker activates: the
    // caches activate removes are not read.
    await activation();
    const meta = await caches.open(META);
    const done = await meta.match(READ_DONE);
    if (done && (await done.text()) === VERSION) {
      return;
    }
    const names = [];
    for (const v of await olderVersions()) {
      if (await caches.has(CACHE_PREFIX + v)) {
        names.push(CACHE_PREFIX + v);
      }
    }
    await carryRead(names);
    await meta.put(READ_DONE, new Response(VERSION));
  } catch (err) {
    // Storage full, an entry gone: the next status request tries again.
  }
}

// activation resolves once this worker is activated (or replaced).
function activation() {
  const sw = self.serviceWorker;
  if (!sw || sw.state === "activated") {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    sw.addEventListener("statechange", () => {
      if (sw.state === "activated" || sw.state === "redundant") {
        resolve();
      }
    });
  });
}

// carryBeforeDeleting carries into READ, before activate removes them, the
// caches of gone (versions before previous, the one this worker replaces)
// when previous's worker never carried them (no page asked it for its
// status): it costs the activation time only then.
async function carryBeforeDeleting(previous, gone) {
  try {
    const done = await caches.match(READ_DONE, { cacheName: META });
    if (previous === "" || (done && CACHE_PREFIX + (await done.text()) === previous)) {
      return;
    }
    const order = (await olderVersions()).map((v) => CACHE_PREFIX + v);
    await carryRead(order.filter((name) => gone.includes(name)));
  } catch (err) {
    // Storage full, an entry gone: those pages are read again online.
  }
}

// carryRead copies into READ the pages read and the data files kept in the
// caches of names, the oldest version first, each cache's in the order it
// kept them, with the app's first pages and their data files left out
// (every install saves them); of those, and what READ held, it keeps the
// latest READ_KEPT of each. Nothing is carried into a complete cache
// (this version's): it holds every page. An older complete cache (its mark
// is kept while it is) holds every page too, not the pages read: of it,
// the pages its READ_LOG lists are carried, with the data files they name.
// In "all" mode a cache that is not complete (data saver's install, or
// storage that could not hold the whole site) keeps pages as they are read,
// as past 2,500 articles, and they are carried as there: they were lost at
// the second update with data saver on.
async function carryRead(names) {
  if (names.length === 0 || (await isComplete())) {
    return;
  }
  const light = new Set(lightFiles());
  const pages = [];
  const files = [];
  const meta = await caches.open(META);
  for (const name of names) {
    const from = await caches.open(name);
    const version = name.slice(CACHE_PREFIX.length);
    if (await meta.match(COMPLETE + version)) {
      await carryLogged(from, await meta.match(READ_LOG + version), light, pages, files);
      continue;
    }
    for (const req of await from.keys()) {
      const url = new URL(req.url);
      const m = READ_FILE.exec(url.pathname);
      if (url.search !== "") {
        continue;
      } else if (m && !light.has(DATA_BASE + m[1])) {
        files.push({ from, req, key: READ_DATA + m[1] });
      } else if (!m && isPage(url.pathname) && !light.has(url.pathname)) {
        pages.push({ from, req, key: url.pathname });
      }
    }
  }
  const read = await caches.open(READ);
  for (const c of [...pages.slice(-READ_KEPT), ...files.slice(-READ_KEPT)]) {
    const resp = await c.from.match(c.req);
    if (resp) {
      await read.delete(c.key); // put again, it is the latest
      await read.put(c.key, resp);
    }
  }
  const keys = (await read.keys()).map((r) => new URL(r.url).pathname);
  const keptPages = keys.filter((p) => !p.startsWith(READ_DATA + "/"));
  const keptFiles = keys.filter((p) => p.startsWith(READ_DATA + "/"));
  const over = [...keptPages.slice(0, Math.max(0, keptPages.length - READ_KEPT)), ...keptFiles.slice(0, Math.max(0, keptFiles.length - READ_KEPT))];
  for (const p of over) {
    await read.delete(p);
  }
}

// carryLogged adds to pages and files, as carryRead takes them, the pages
// a complete cache (from) kept that its read log (log, a response of
// READ_LOG) lists, and the data file each names (its loader's data-file,
// site/document.go), so that an in-app link to it opens offline too.
async function carryLogged(from, log, light, pages, files) {
  for (const path of log ? await log.json() : []) {
    const page = typeof path === "string" && !light.has(path) ? await from.match(path) : undefined;
    if (!page) {
      continue;
    }
    pages.push({ from, req: path, key: path });
    const m = DATA_FILE_ATTR.exec(await page.text());
    const file = m && READ_FILE.exec(m[1]);
    if (file && !light.has(m[1])) {
      files.push({ from, req: m[1], key: READ_DATA + file[1] });
    }
  }
}

// The loader's data-file attribute in a page as the host drew it.
const DATA_FILE_ATTR = / data-file="([^"&<>]+)"/;

// dataSaver tells whether the reader asked to save data: in the browser,
// or in Dateline's settings (a page tells the worker, which keeps it).
async function dataSaver() {
  if (self.navigator.connection && self.navigator.connection.saveData) {
    return true;
  }
  // caches.match does not create the cache, as caches.open would: a
  // failed install leaves no cache behind.
  const r = await caches.match("/_saver", { cacheName: META });
  return !!r && (await r.text()) === "on";
}

// The version that was active before this one is remembered in a small
// cache entry, since a worker has no other storage that is simple to use.
const META = "dateline-meta";

async function previousVersion() {
  const meta = await caches.open(META);
  const r = await meta.match("/_version");
  if (!r) {
    return "";
  }
  const v = await r.text();
  return v === VERSION ? "" : CACHE_PREFIX + v;
}

// rememberVersion notes this version as the last, and returns the ones it
// came after.
async function rememberVersion() {
  const meta = await caches.open(META);
  const older = (await olderVersions()).slice(-MAX_OLDER);
  await meta.put("/_version", new Response(VERSION));
  await meta.put(OLDER, new Response(JSON.stringify(older)));
  return older;
}

// OLDER lists, in META, the versions that this worker's came after, the
// latest last (up to MAX_OLDER): a page of one of them is older than the
// worker, and is offered the new version (web/reader.js). A page of a
// version the worker has never been, which only the host can have given
// it, is newer, and is not: after an install that data saver stopped, or
// past 2,500 articles, the worker fetches the pages it has not saved, and
// the host may serve a version that this worker has yet to become.
const OLDER = "/_older";
const MAX_OLDER = 64;

// olderVersions reads OLDER, with the version before this one at its end
// (the one /_version names, set before any worker kept OLDER).
async function olderVersions() {
  const meta = await caches.open(META);
  let list = [];
  const r = await meta.match(OLDER);
  if (r) {
    try {
      list = await r.json();
    } catch (err) {
      list = []; // not this worker's writing: begin again
    }
  }
  const v = await meta.match("/_version");
  const last = v ? await v.text() : "";
  if (last && last !== VERSION && list[list.length - 1] !== last) {
    list.push(last);
  }
  return list.filter((x) => typeof x === "string" && x !== VERSION);
}

self.addEventListener("message", (event) => {
  const msg = event.data && event.data.dateline;
  if (!msg) {
    return;
  }
  switch (msg.type) {
    case "status":
      // A page whose document was on its way while this worker activated
      // was not yet a client that the activation could claim: it stays
      // uncontrolled, and its data and search fetches bypass the cache
      // (offline, its next page fails). Every page asks for the status
      // once it runs, so the worker claims it now. Pages it already
      // controls are left as they are.
      // Once the page knows the status, the rest of the site is saved if
      // data saver kept it from being.
      // The page it opened on is kept, with its data file; a page with no
      // data file (the saved articles', the search page) is saved at install.
      // The page says whether data saver is on for it (the browser's
      // Save-Data, which this worker may not see, or the reader's
      // setting): kept before saveRest looks, and for the installs to come.
      event.waitUntil(
        Promise.all([
          self.clients.claim().catch(() => {}),
          Promise.all([keepSaver(msg.saver), status(event.source, msg.page)]).then(saveRest),
          refreshSaved(),
          carryOnce(),
          keepFile(msg.file),
          msg.file ? keepPage(msg.page) : undefined,
        ])
      );
      break;
    case "read":
      // A page opened in the app, which fetched its data file only.
      event.waitUntil(keepPage(msg.page));
      break;
    case "saver":
      // The page keeps the setting in META too, for a worker still
      // installing (an install looks at it before each batch).
      event.waitUntil(keepSaver(msg.on).then(() => (msg.on ? undefined : saveRest())));
      break;
  }
});

// keepSaver notes in META whether data saver is on, as a page said (a
// boolean; anything else, from a page of an older version, says nothing),
// writing only a change.
async function keepSaver(on) {
  if (typeof on !== "boolean") {
    return;
  }
  const meta = await caches.open(META);
  const was = await meta.match("/_saver");
  const want = on ? "on" : "off";
  if (!was || (await was.text()) !== want) {
    await meta.put("/_saver", new Response(want));
  }
}

// keepFile saves the data file of the page a document opened on, which
// app.wasm took over as drawn without fetching it, so that an in-app link
// to that page works offline later, as it does for the pages read after
// it. A complete cache has every data file already; with data saver on,
// pages run no app.wasm to follow such a link, and the file is not spent.
async function keepFile(file) {
  if (typeof file !== "string" || !file.startsWith(DATA_BASE + "/") || (await isComplete()) || (await dataSaver())) {
    return;
  }
  const cache = await caches.open(CACHE);
  if ((await cache.match(file)) || (await fromSaving(cache, file))) {
    return;
  }
  try {
    await fetchSaving(cache, file, file, (resp) => resp.ok);
  } catch (err) {
    // Offline: the file is saved on a later visit.
  }
}

// keepPage saves the page at path that the reader opened, so that it
// opens offline by a reload or the installed app's start on it, as by an
// in-app link: the page a document opened on (on a first visit its
// navigation came before the worker: the worker's fetch of it is the
// browser's cached copy, revalidated) and each page opened in the app,
// which fetches its data file only (resource keeps that). The page is kept
// as the host drew it, rather than drawn offline from its data file in an
// app shell: it shows at once, before app.wasm has run (with data saver on
// it never runs), and app.wasm takes it over as drawn. A complete cache has
// every page already. A saved article's copy of this version (once the
// refresh under way, if any, has ended) is copied, not downloaded again:
// with data saver on, saving an article fetched it moments before. One
// runs at a time for a page: a page's two status requests (refreshSaved)
// both name it.
const keeping = new Map();

function keepPage(path) {
  if (typeof path !== "string") {
    return Promise.resolve();
  }
  const key = canonical(path) || path;
  if (!isPage(key)) {
    return Promise.resolve();
  }
  if (!keeping.has(key)) {
    keeping.set(
      key,
      keepOne(key).finally(() => {
        keeping.delete(key);
      })
    );
  }
  return keeping.get(key);
}

async function keepOne(key) {
  if (await isComplete()) {
    await logRead(key);
    return;
  }
  const cache = await caches.open(CACHE);
  if ((await cache.match(key)) || (await fromSaving(cache, key))) {
    return;
  }
  await refreshing;
  const copy = await caches.match(key, { cacheName: SAVED });
  if (copy && (await ofThisVersion(copy.clone()))) {
    try {
      await cache.put(key, copy);
      return;
    } catch (err) {
      // Storage full: downloaded below, used if it can be kept.
    }
  }
  try {
    await fetchSaving(cache, key, key, (r) => r.ok && !r.redirected && isHTML(r));
  } catch (err) {
    // Offline: the page is kept when it is next read online.
  }
}

// status tells a page whether the install saved the whole site, once it
// has: an installing worker has nothing to report yet. For the page at
// path that asks it, it tells too whether this version's cache holds the
// page (current): a page of an older version opened offline from a copy
// (navigate) offers the new version only where a reload can give it
// (web/reader.js).
async function status(client, path) {
  const report = await statusReport();
  if (typeof path === "string") {
    const cache = await caches.open(CACHE);
    const key = canonical(path) || path;
    report.current = !!(await cache.match(key));
    // This version's page at that address is the saved copy, of whatever
    // version it was saved: a reload gives no other.
    // (Such a page is never this version's: looked up only then.)
    report.gone = !report.current && (await goneList()).includes(key) && !!(await caches.match(key, { cacheName: SAVED }));
  }
  client.postMessage({ dateline: report });
}

async function statusReport() {
  const cache = await caches.open(CACHE);
  const done = !!(await cache.match(OFFLINE)); // the install's last put
  return { type: "status", version: VERSION, older: await olderVersions(), articles: ARTICLES, complete: done && (await isComplete()), saved: done };
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) {
    return; // the browser handles it as usual
  }
  if (req.mode === "navigate") {
    event.respondWith(navigate(url));
    return;
  }
  event.respondWith(resource(req, url, event.clientId));
});

// navigate answers page loads from the cache, ignoring any query string or
// fragment, then from the network; offline, with a saved article, the
// not-found page (a path that is nothing of the site, or a page missing
// from a complete cache) or the offline page (a page not saved yet, or a
// file the worker has no copy of, such as a feed). Another form of a page's address
// ("/page/1", a trailing slash) is sent to the page's own, as the host
// does (page.Canonical), online or not. A search with a query comes from
// the network first (isQuery).
async function navigate(url) {
  const own = canonical(url.pathname);
  if (own) {
    return Response.redirect(own + url.search, 301);
  }
  const cache = await caches.open(CACHE);
  const key = url.pathname;
  const query = isQuery(url);
  const cached = !query && ((await cache.match(key)) || (await fromSaving(cache, key)));
  if (cached) {
    return cached;
  }
  // A navigation may not be answered with a response the worker's fetch
  // followed through a redirect (below): it is not kept. Nor is a search's
  // answer to one query.
  const keep = (r) => r.ok && !r.redirected && isHTML(r) && isPage(key) && !query;
  let resp;
  try {
    resp = await fetchSaving(cache, key, url.pathname + url.search, keep);
  } catch (err) {
    return unreachable(cache, key, query);
  }
  // A proxy's or a CDN's answer for a site that is down is no page of the
  // site's: the page opens as it does offline, from a copy, or as the
  // offline page, which opens it once the site answers.
  if (fromGateway(resp)) {
    return unreachable(cache, key, query);
  }
  // A navigation may not be answered with a response the worker's fetch
  // followed through a redirect: the browser would show an error. It is
  // sent to follow the redirect itself.
  if (resp.redirected) {
    return Response.redirect(resp.url, 301);
  }
  // An article the reader saved that the site no longer has opens from its
  // saved copy, as offline and as an in-app link to it (resource): the
  // reader's copy is theirs.
  if (resp.status === 404 && !query && isPage(key)) {
    return (await savedInstead(key, key)) || resp;
  }
  return resp;
}

// fromGateway tells a proxy's or a CDN's answer for a site that does not
// answer (502, 503, 504) from the host's own 503, which says when to try
// again (Retry-After: an article changed on disk, the search index being
// built) and is passed on as it is.
function fromGateway(resp) {
  return resp.status >= 502 && resp.status <= 504 && !(resp.status === 503 && resp.headers.has("Retry-After"));
}

// unreachable answers a page load the network did not answer (offline, or
// the site down): a copy the worker has, or the not-found or offline page.
async function unreachable(cache, key, query) {
  // Offline, a search opens on this version's saved search page, where
  // app.wasm searches the index the device keeps.
  const search = query && (await cache.match(key));
  if (search) {
    return search;
  }
  // An article the reader saved opens from its saved copy.
  const saved = await (await caches.open(SAVED)).match(key);
  if (saved) {
    return saved;
  }
  // A copy an older version saved (an update with data saver on saves
  // the light files only), or one of the pages read that an update
  // carried (READ: caches.match looks in every cache), rather than no
  // page: its data files are in the same cache, or among the read copies
  // (resource).
  const older = isPage(key) && (await caches.match(key));
  if (older) {
    return older;
  }
  // A file that is no page (a feed, a photo) is never all saved: the
  // host may well have it. Every page is saved once the cache is
  // complete: one not in it does not exist. Otherwise it may just not
  // have been read yet. A path of neither form is nothing of the site.
  const nf = await cache.match(NOT_FOUND);
  if (nf && !FILE.test(key) && (!isPage(key) || (await isComplete()))) {
    return nf;
  }
  return offlinePage(cache);
}

// isQuery tells whether url is a search with a query string: the host's
// answer to it is the results, drawn (app/site/search.go), while the page
// saved under SEARCH is the search page without a query, which only
// app.wasm fills. With data saver on app.wasm never runs, and the reader
// would see an empty search page, the query gone; with it running, a
// reload of a page of results would open on that empty page, its place
// lost. So such an address comes from the network first, as the host
// draws it, and from the saved page offline. An export's host answers it
// with its one search page (the app searches once it has loaded), as
// saved: the network then gives what the saved page would have.
function isQuery(url) {
  return url.pathname === SEARCH && url.search !== "";
}

// canonical returns the page's own address for another form of it, as
// page.Canonical does: the page's file by its name ("/articles/x.html",
// "/index.html", "/index") for the page, trailing slashes removed, a list's
// "/page/1" dropped; "" when path is already its own, or names no page.
function canonical(path) {
  let own = path.length > 1 ? path.replace(/\/+$/, "") || "/" : path;
  if (own === INDEX_FILE || own === INDEX_FILE.slice(0, -HTML_EXT.length)) {
    return "/";
  }
  if (path.endsWith(HTML_EXT)) {
    own = path.slice(0, -HTML_EXT.length);
    return own !== "/" && isPage(own) ? own : "";
  }
  const first = FIRST_PAGE.exec(own);
  if (first) {
    own = first[1] || "/";
  }
  return own !== path && isPage(own) ? own : "";
}

// isPage tells whether a path, as sent (escaped), has the form of a page
// of the site: the home list and its pages, a section or tag and its
// pages, an article, the saved and search pages.
function isPage(path) {
  return PAGE.test(path);
}

// offlinePage is the answer for a page that is neither cached nor
// reachable: the not-found page would be wrong, so it says what happened,
// in the edition's language (the host's page.Offline, saved at install).
async function offlinePage(cache) {
  const page = await cache.match(OFFLINE);
  if (!page) {
    return new Response("Offline, and this page is not saved on this device.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new Response(page.body, { status: 503, statusText: "Service Unavailable", headers: page.headers });
}

// resource answers other same-origin requests from this version's cache,
// then from any older version's cache (a page of that version may still be
// open), then from the network, caching what it fetched. A file of the
// shell is never taken from an older version: its address is the same in
// every version, and app.wasm of the version before would run under this
// version's pages and scripts (an update installed with data saver on has
// no app.wasm until saver goes off).
async function resource(req, url, client) {
  const cache = await caches.open(CACHE);
  // Pages name the app's files with their content's hash in their names
  // (site.go's ref): the worker keeps them under their plain paths, and
  // goes by those (a query string too, as pages named them before).
  const p = plain(url.pathname);
  if (p !== url.pathname && HASHES[p] !== undefined && url.pathname !== ref(p)) {
    return otherVersion(req, cache, p);
  }
  const shell = SHELL.includes(p) || HASHES[p] !== undefined;
  const key = shell ? p : url.pathname + url.search;
  const older = () => (shell ? undefined : caches.match(req));
  const cached = (await cache.match(shell ? key : req)) || (await older()) || (await fromSaving(cache, key));
  if (cached) {
    return cached;
  }
  const keep = (r) => r.ok && r.type === "basic" && url.pathname !== "/app-worker.js";
  let resp;
  try {
    resp = await fetchSaving(cache, key, req, keep);
    if (fromGateway(resp)) {
      // As no answer: a copy, or the app's word that the site does not
      // answer (app/client: fetch), not a gateway's error for its data.
      throw new Error("the site does not answer: a gateway's " + resp.status);
    }
  } catch (err) {
    const saved = await savedData(url);
    if (saved) {
      return saved;
    }
    const read = await readData(url);
    if (read) {
      olderCopy(client);
      return read;
    }
    // Offline, when every page was saved: the data file of a page that
    // does not exist is a plain 404, so the app shows its not-found page
    // rather than an error.
    if (url.pathname.startsWith(DATA_BASE + "/") && (await isComplete())) {
      return new Response("not found", { status: 404, headers: { "Content-Type": "text/plain" } });
    }
    // A picture the worker has no copy of: the install saves no photos
    // (README), only those of the pages read are kept.
    if (req.destination === "image") {
      return new Response(PLACEHOLDER, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "no-store" } });
    }
    throw err;
  }
  // The data file of a saved article the site no longer has is its saved
  // copy, as its page is (navigate). Under this version's data path only:
  // an older version's is gone as a whole (the app reloads).
  const file = resp.status === 404 && url.pathname.startsWith(DATA_BASE + "/articles/") && url.pathname.slice(DATA_BASE.length + "/articles/".length);
  if (file && file.endsWith(".json") && !file.includes("/")) {
    return (await savedInstead(SAVED_DATA + file, "/articles/" + file.slice(0, -".json".length))) || resp;
  }
  return resp;
}

// olderCopy tells the page (client) that the data of the page it opens is
// a copy read before the site's last update, which may have changed since:
// reader.js says so.
function olderCopy(client) {
  if (client) {
    self.clients
      .get(client)
      .then((c) => c && c.postMessage({ dateline: { type: "older-copy" } }))
      .catch(() => {});
  }
}

// otherVersion answers a page that names p, an app file, by a hash that
// is not this version's: the page is of another version, newer (the host
// gave it while this worker was still in charge: a shared link to a story
// published since) or older (open across an update). It runs the files
// its HTML names: this version's app.js, at the same plain path, carries
// this version's data path and sections, and its app.wasm may be another
// build; under a newer page they drew this version's home list, and a new
// section's page as not found. So the file comes from the network (through
// the browser's cache, which keeps it a year by that name), and is kept
// out of this version's cache, whose keys are this version's files, as
// the install and reuse expect. Offline, or where the host no longer has
// that file, the page gets this version's copy rather than no app.
async function otherVersion(req, cache, p) {
  let resp;
  let failure;
  try {
    resp = await fetch(req);
    if (resp.ok) {
      return resp;
    }
  } catch (err) {
    failure = err;
  }
  const own = (await cache.match(p)) || (await fromSaving(cache, p));
  if (own) {
    return own;
  }
  if (resp) {
    return resp;
  }
  throw failure;
}

// PLACEHOLDER stands offline for a picture not saved, rather than the
// browser's broken image: a small outline of a photo, centred, in a grey
// that reads on light and dark backgrounds, over nothing (a figure's own
// background shows through). It has no size and no proportions of its own,
// so the <img> keeps the box its width and height reserve: nothing moves.
const PLACEHOLDER =
  '<svg xmlns="http://www.w3.org/2000/svg">' +
  '<svg x="50%" y="50%" overflow="visible"><g transform="translate(-16 -12)" fill="none" stroke="#8a8a8a" stroke-width="2" stroke-linejoin="round">' +
  '<rect x="1" y="1" width="30" height="22" rx="2"/><path d="M3 21l8-8 6 6 4-4 8 8"/><circle cx="22" cy="8" r="2.5"/></g></svg></svg>';
