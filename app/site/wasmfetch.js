
// Dateline (added by the host to go-app's app.js). go-app's fetchWithProgress
// pumps app.wasm through a JavaScript stream to report progress: chunk by
// chunk on the page's main thread, 0.35 s of it when the file comes at once
// from the service worker's cache (a CPU profile of a second visit). When a
// service worker answers the page, app.wasm is read from its cache and there
// is no download to show: the response goes to the compiler as it is. The
// mark "dateline:wasm-fetch" says which way was taken.
function datelineFetchWasm(url, progress) {
  const fromWorker = "serviceWorker" in navigator && !!navigator.serviceWorker.controller;
  performance.mark("dateline:wasm-fetch", { detail: fromWorker ? "worker" : "network" });
  if (!fromWorker) {
    return fetchWithProgress(url, progress);
  }
  progress(100);
  return fetch(url).then((response) => {
    if (!response.ok) {
      throw new Error("loading " + url + " failed: status " + response.status);
    }
    return response;
  });
}
