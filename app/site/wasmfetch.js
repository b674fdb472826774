
// Dateline (added by the host to go-app's app.js): how app.wasm is fetched
// and compiled.
//
// go-app's fetchWithProgress pumps app.wasm through a JavaScript stream to
// report progress: chunk by chunk on the page's main thread, 0.35 s of it
// when the file comes at once from the service worker's cache (a CPU
// profile of a second visit). When a service worker answers the page,
// app.wasm is read from its cache and there is no download to show: the
// host's loader (app/site/loader.js) has already started compiling it, in
// the page's head, and window.datelineWasm holds the promise of the
// module. Without it (an older loader, no compileStreaming), the response
// goes to the compiler as it is. The mark "dateline:wasm-fetch" says which
// way was taken: "early", "worker" or "network".
function datelineFetchWasm(url, progress) {
  const early = window.datelineWasm;
  window.datelineWasm = undefined;
  const fromWorker = "serviceWorker" in navigator && !!navigator.serviceWorker.controller;
  performance.mark("dateline:wasm-fetch", { detail: early ? "early" : fromWorker ? "worker" : "network" });
  if (!early && !fromWorker) {
    const resp = fetchWithProgress(url, progress);
    datelineFollowDownload(url, resp);
    return resp;
  }
  progress(100);
  if (early) {
    // An early compile that failed is made again the usual way, so that
    // the error a reader sees is that one's.
    return early.catch(() => datelineFetch(url));
  }
  return datelineFetch(url);
}

function datelineFetch(url) {
  return fetch(url).then((response) => {
    if (!response.ok) {
      throw new Error("loading " + url + " failed: status " + response.status);
    }
    return response;
  });
}

// datelineInstantiate stands for WebAssembly.instantiateStreaming in
// go-app's loader: it takes what datelineFetchWasm gave, a compiled module
// or a response, and resolves to { module, instance } as that does. When
// app.wasm cannot be fetched, compiled or instantiated, it marks the page
// <html data-app="failed"> (workerstart.js then registers the service
// worker) before go-app shows the error.
function datelineInstantiate(source, importObject) {
  return Promise.resolve(source)
    .then((s) => {
      if (s instanceof WebAssembly.Module) {
        return WebAssembly.instantiate(s, importObject).then((instance) => ({ module: s, instance }));
      }
      if (WebAssembly.instantiateStreaming) {
        return WebAssembly.instantiateStreaming(s, importObject);
      }
      return s.arrayBuffer().then((b) => WebAssembly.instantiate(b, importObject));
    })
    .catch((err) => {
      document.documentElement.setAttribute("data-app", "failed");
      throw err;
    });
}

// The page's download of app.wasm, for the service worker's install: on
// a slow link a first visit's install comes while the page is still
// downloading it, and a static host sends it without validators, so that
// the worker's own download would be a second whole one, 2 MB at the same
// time. The worker asks each page, with a message port (worker.js,
// pageDownload); a page that is downloading the file reports each piece,
// then "done" (the file is in the browser's cache, where the worker takes
// it) or "failed". A page that is not answers "none" at once.
// (A var, made at the first download: go-app starts the download at the
// top of app.js, before this part of the script has run.)
var datelineDownloads;

// datelineFollowDownload follows response, the promise of url's answer,
// reading a copy of its body as it comes.
function datelineFollowDownload(url, response) {
  const d = { state: "loading", ports: [] };
  datelineDownloads = datelineDownloads || new Map();
  datelineDownloads.set(url, d);
  const tell = (state) => {
    d.state = state;
    for (const port of d.ports) {
      port.postMessage({ state });
    }
    if (state !== "loading") {
      d.ports = [];
    }
  };
  let last = 0;
  response
    .then(async (resp) => {
      if (!resp.ok || !resp.body) {
        throw new Error("status " + resp.status);
      }
      const reader = resp.clone().body.getReader();
      while (!(await reader.read()).done) {
        // A piece, told at most once a second.
        if (Date.now() - last > 1000) {
          last = Date.now();
          tell("loading");
        }
      }
      tell("done");
    })
    .catch(() => tell("failed"));
}

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.addEventListener("message", (event) => {
    const url = event.data && event.data.datelineDownload;
    const port = event.ports && event.ports[0];
    if (typeof url !== "string" || !port) {
      return;
    }
    const d = datelineDownloads && datelineDownloads.get(url);
    port.postMessage({ state: d ? d.state : "none" });
    if (d && d.state === "loading") {
      d.ports.push(port);
    }
  });
}
