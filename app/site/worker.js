// Dateline's service worker: every page opens offline once the app has been
// visited, and a new version replaces the old one without breaking pages
// that are still open. The host fills in the values below.
"use strict";

const VERSION = "{{.Version}}";
const CACHE = "dateline-" + VERSION;
const CACHE_PREFIX = "dateline-";
// The app shell: HTML of the home page, scripts, styles, icons, app.wasm.
const SHELL = {{.ResourcesToCache}};
// The versioned data files; index.json lists every article.
const DATA_BASE = "__DATA_BASE__";
// "all": install also caches every article's page and data file.
// "viewed": articles are cached when read, or all at once on request.
const ARTICLES = "__ARTICLES__";
// Served, with its 404 status, for unknown paths while offline.
const NOT_FOUND = "/_not-found";
// How many batches of downloads run at once while caching, and their size.
const PARALLEL = 3;
const BATCH = 40;

self.addEventListener("install", (event) => {
  event.waitUntil(install());
});

async function install() {
  const cache = await caches.open(CACHE);
  try {
    // go-app lists its /app.css, which no page links to (the host removes
    // the link); index.json goes last, below.
    const urls = SHELL.filter((u) => u !== DATA_BASE + "/index.json" && u !== "/app.css");
    urls.push(DATA_BASE + "/index.json");
    if (ARTICLES === "all") {
      const index = await fetchChecked(DATA_BASE + "/index.json");
      for (const a of await index.json()) {
        urls.push("/articles/" + a.slug, DATA_BASE + "/articles/" + a.slug + ".json");
      }
    }
    await cacheAll(cache, urls, "install");
    const nf = await fetch(NOT_FOUND, { cache: "no-cache" });
    if (nf.status !== 404 || !isHTML(nf)) {
      throw new Error(NOT_FOUND + " answered " + nf.status + ", not the not-found page");
    }
    await cache.put(NOT_FOUND, nf);
    await broadcast({ type: "cache-done", version: VERSION });
    await self.skipWaiting();
  } catch (err) {
    // Never leave a half-filled cache behind: the install fails as a whole
    // and the page is told why.
    await caches.delete(CACHE);
    await broadcast({ type: "cache-failed", version: VERSION, error: String(err && err.message ? err.message : err) });
    throw err;
  }
}

// cacheAll downloads urls into cache, skipping those already there. It
// stores them in batches (one storage transaction each, far faster than one
// put per file) and reports progress to the open pages. Any failure rejects.
async function cacheAll(cache, urls, phase) {
  const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  const todo = urls.filter((u) => !have.has(u));
  const total = urls.length;
  let done = total - todo.length;
  let next = 0;
  await broadcast({ type: "cache-progress", phase, done, total, version: VERSION });
  async function worker() {
    while (next < todo.length) {
      const batch = todo.slice(next, next + BATCH);
      next += batch.length;
      try {
        await cache.addAll(batch.map((u) => new Request(u, { cache: "no-cache" })));
      } catch (err) {
        throw await batchFailure(batch, err);
      }
      done += batch.length;
      await broadcast({ type: "cache-progress", phase, done, total, version: VERSION });
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
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
  await self.clients.claim();
  const previous = await previousVersion();
  const keys = await caches.keys();
  await Promise.all(
    keys
      .filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE && k !== previous)
      .map((k) => caches.delete(k))
  );
  await rememberVersion();
  await broadcast({ type: "activated", version: VERSION });
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

async function rememberVersion() {
  const meta = await caches.open(META);
  await meta.put("/_version", new Response(VERSION));
}

self.addEventListener("message", (event) => {
  const msg = event.data && event.data.dateline;
  if (!msg) {
    return;
  }
  switch (msg.type) {
    case "status":
      event.waitUntil(status(event.source));
      break;
    case "save-all":
      event.waitUntil(saveAll());
      break;
  }
});

async function status(client) {
  const cache = await caches.open(CACHE);
  const reply = { type: "status", version: VERSION, articles: ARTICLES, complete: ARTICLES === "all" };
  const index = await cache.match(DATA_BASE + "/index.json");
  if (index && ARTICLES !== "all") {
    const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
    const slugs = (await index.json()).map((a) => a.slug);
    reply.saved = slugs.filter((s) => have.has("/articles/" + s)).length;
    reply.total = slugs.length;
    reply.complete = reply.saved === slugs.length;
  }
  client.postMessage({ dateline: reply });
}

// saveAll caches every article not cached yet, on the reader's request.
async function saveAll() {
  const cache = await caches.open(CACHE);
  try {
    const index = await (await cache.match(DATA_BASE + "/index.json")).json();
    const urls = [];
    for (const a of index) {
      urls.push("/articles/" + a.slug, DATA_BASE + "/articles/" + a.slug + ".json");
    }
    await cacheAll(cache, urls, "save-all");
    await broadcast({ type: "cache-done", version: VERSION });
  } catch (err) {
    await broadcast({ type: "cache-failed", version: VERSION, error: String(err && err.message ? err.message : err) });
  }
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
  event.respondWith(resource(req, url));
});

// navigate answers page loads from the cache, ignoring any query string or
// fragment, then from the network, then with the not-found page offline.
async function navigate(url) {
  const cache = await caches.open(CACHE);
  const key = url.pathname;
  const cached = await cache.match(key);
  if (cached) {
    return cached;
  }
  try {
    const resp = await fetch(url.pathname + url.search);
    if (resp.ok && isHTML(resp) && isArticleOrHome(key)) {
      await cache.put(key, resp.clone());
    }
    return resp;
  } catch (err) {
    const nf = await cache.match(NOT_FOUND);
    if (nf && !(await isKnownPage(cache, key))) {
      return nf;
    }
    return offlinePage();
  }
}

function isArticleOrHome(path) {
  return path === "/" || /^\/articles\/[^/]+$/.test(path);
}

// isKnownPage tells, from the cached index, whether path is a page of the
// site: an unknown one gets the not-found page, a known one not yet saved
// gets the offline page.
async function isKnownPage(cache, path) {
  if (path === "/") {
    return true;
  }
  const m = /^\/articles\/([^/]+)$/.exec(path);
  const index = m && (await cache.match(DATA_BASE + "/index.json"));
  if (!index) {
    return false;
  }
  const slug = decodeURIComponent(m[1]);
  return (await index.json()).some((a) => a.slug === slug);
}

// offlinePage is the answer for an article that is neither cached nor
// reachable: the not-found page would be wrong, so say what happened.
function offlinePage() {
  const body =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Offline · Dateline</title><link rel="stylesheet" href="/web/dateline.css"></head>' +
    '<body><main id="main">' +
    '<h1 id="page-title">You are offline</h1><p>This article has not been saved on this device yet. ' +
    'It will open when you are back online.</p><p><a href="/">See the saved articles</a></p></main></body></html>';
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// resource answers other same-origin requests from this version's cache,
// then from any older version's cache (a page of that version may still be
// open), then from the network, caching what it fetched.
async function resource(req, url) {
  const cache = await caches.open(CACHE);
  const cached = (await cache.match(req)) || (await caches.match(req));
  if (cached) {
    return cached;
  }
  let resp;
  try {
    resp = await fetch(req);
  } catch (err) {
    // Offline: the data file of an article that does not exist is a plain
    // 404, so the app shows its not-found page rather than an error.
    const m = url.pathname.startsWith(DATA_BASE + "/articles/") && /([^/]+)\.json$/.exec(url.pathname);
    if (m && !(await isKnownPage(cache, "/articles/" + m[1]))) {
      return new Response("not found", { status: 404, headers: { "Content-Type": "text/plain" } });
    }
    throw err;
  }
  if (resp.ok && resp.type === "basic" && url.pathname !== "/app-worker.js") {
    await cache.put(req, resp.clone());
  }
  return resp;
}
