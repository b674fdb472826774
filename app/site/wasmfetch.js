
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
    return fetchWithProgress(url, progress);
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
