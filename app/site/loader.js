// Dateline: starts the app without slowing the first paint. The host puts
// this script, without these comment lines, inline in every page's head,
// after the title and before the stylesheet (an inline script after a
// stylesheet would wait for it), in place of go-app's <script defer> tags.
// The Content-Security-Policy names its hash.
//
// On a first visit everything comes over the network, where the scripts
// would share the link with the stylesheet that the
// first paint waits for: on a slow link that made the paint later by a
// tenth of a second or more. So the page asks for them once it has been
// painted. When a service worker answers the page, or the page is not on
// screen, nothing competes with the paint: they are fetched at once and
// the scripts run once the document is parsed, as deferred scripts would.
// go-app's scripts keep their order (async = false).
//
// It also applies the reader's settings (web/reader.js keeps them) to the
// root element before anything is painted, so that the first frame has
// the reader's theme (the browser's toolbar too) and text size (and, on the saved page, data-saved
// when articles are saved; on a saved article's, data-saved-story); and with data saver on (the reader's
// setting, or the browser's Save-Data) it runs only the scripts of
// data-lite: the page stays the prerendered page and app.wasm is not
// downloaded. So does a page whose loader is marked data-no-app.
//
// And it holds the first paint until the page's header is parsed whole
// (link rel=expect), so that no frame draws a header cut short.
//
// reader.js needs nothing of go-app's scripts to start (it asks for
// goappNav and goappIsAppleBrowser only when used): it runs as soon as it
// has come (async), not behind go-app's three. Until it has run, the
// controls it alone makes work (the settings, the article's tools) are on
// screen and do nothing: a tap on one is kept (window.datelineTaps), and
// reader.js carries it out once it runs. Links and the search form work
// without reader.js and are left alone.
(function (me) {
  "use strict";
  var root = document.documentElement;
  var saver = false;
  // reader.js keeps these entries as JSON after a mark (a single quote)
  // that stops go-app's decoding of them at its start; entries from before
  // the mark are plain JSON.
  var stored = function (key, fallback) {
    var v = localStorage.getItem(key);
    return v == null ? fallback : JSON.parse(v.charAt(0) === "'" ? v.slice(1) : v);
  };
  try {
    var settings = stored("dateline:settings", {}) || {};
    ["size", "width", "leading", "theme", "font"].forEach(function (k) {
      if (settings[k] != null) {
        root.setAttribute("data-" + k, String(settings[k]));
      }
    });
    // The browser's toolbar takes the theme's paper too (the page's
    // theme-color metas come before this script), as reader.js keeps it
    // (its PAPER): the system theme's would show until reader.js ran.
    var paper = { light: "#fbfaf7", sepia: "#f4ecd8", dark: "#171513" }[settings.theme];
    if (typeof paper === "string") {
      document.querySelectorAll('meta[name="theme-color"]').forEach(function (m) {
        m.setAttribute("data-auto", m.getAttribute("content"));
        m.setAttribute("content", paper);
      });
    }
    saver = settings.saver === true;
    var slug = me.getAttribute("data-slug");
    if (me.hasAttribute("data-saved-page") || slug) {
      var saved = stored("dateline:saved", []);
      if (Array.isArray(saved) && saved.length > 0 && !slug) {
        root.setAttribute("data-saved", "");
      }
      // A saved story's Save wears its tick from the first frame (until
      // reader.js presses it): put on later, it made the label longer, and
      // moved the buttons after it, or the story below a label that then
      // took another line.
      if (slug && Array.isArray(saved) && saved.some(function (a) {
        return a && a.slug === slug;
      })) {
        root.setAttribute("data-saved-story", "");
      }
    }
  } catch (e) {
    // No storage (a private window that refuses it) or a damaged entry:
    // the defaults.
  }
  var conn = navigator.connection;
  if (saver || (conn && conn.saveData)) {
    root.setAttribute("data-saver", saver ? "on" : "browser");
  }
  root.setAttribute("data-js", "");
  // A tap on one of reader.js's buttons before it runs (those of its
  // click handler, "clicks" in reader.js; a key that activates a button
  // clicks it too) is kept for reader.js, each button once.
  var tools = [".tool-settings", ".tool-save", ".tool-share", ".tool-listen", ".saved-remove", ".status-retry", ".install-button", "#reload-button"];
  var taps = (window.datelineTaps = []);
  document.addEventListener(
    "click",
    function (e) {
      var b = window.datelineTaps === taps && e.target.closest ? e.target.closest("button") : null;
      var sel = b && tools.filter(function (s) {
        return b.matches(s);
      })[0];
      if (!sel) {
        return;
      }
      e.preventDefault();
      var kept = taps.some(function (t) {
        return t.el === b;
      });
      if (!kept) {
        taps.push({ el: b, sel: sel });
      }
    },
    true
  );
  if ("speechSynthesis" in window) {
    root.setAttribute("data-speech", "");
  }
  // The device offline: the offline page then says so, and online that
  // the site does not answer (components/notfound.go). reader.js keeps
  // it at the "online" and "offline" events.
  if (navigator.onLine === false) {
    root.setAttribute("data-offline", "");
  }
  var head = document.head;
  // No frame until the header is whole. Chromium draws a page it is still
  // parsing (its parser yields on a busy phone, or the rest of the
  // document comes in a later packet), and a header cut short lays its
  // first row out otherwise: without the status line the bar sits at the
  // row's end, without the tools the search box does; the rest then moves
  // them, a layout shift. So rendering waits until <main>, the element
  // after the header (components' Shell), is in the document. Not the
  // header itself: Chromium lets the page paint once the element expected
  // is inserted, not closed. (Where "parsed" means closed, the first paint
  // waits for <main>'s end: later, but no shift.) The link is written
  // here, in the head while it is parsed, because the Nu checker refuses
  // blocking="render" on a link that is not a stylesheet.
  var expect = document.createElement("link");
  expect.rel = "expect";
  expect.href = "#main";
  expect.setAttribute("blocking", "render");
  head.appendChild(expect);
  // data-no-app: the service worker's offline page, which app.wasm would
  // take over as the page it stands in for.
  var lite = root.hasAttribute("data-saver") || me.hasAttribute("data-no-app");
  // reader.js (the lite script) is asked for first, and runs on its own
  // (async); go-app's scripts and boot.js keep their order.
  var reader = me.getAttribute("data-lite");
  var scripts = [reader].concat(
    me
      .getAttribute(lite ? "data-lite" : "data-scripts")
      .split(" ")
      .filter(function (src) {
        return src !== reader;
      })
  );
  function preload(href, as) {
    var link = document.createElement("link");
    link.rel = "preload";
    link.as = as;
    link.href = href;
    head.appendChild(link);
  }
  function run() {
    // The page as the host drew it, before reader.js marks it up (a saved
    // article's button, a reader's place): app.wasm takes it over as it
    // is (app/client, page.Drawn), rather than fetch the page's data file
    // and write the same page again.
    var main = !lite && document.getElementById("main");
    if (main) {
      window.datelineDrawn = main.cloneNode(true);
    }
    scripts.forEach(function (src) {
      var script = document.createElement("script");
      script.src = src;
      script.async = src === reader;
      head.appendChild(script);
    });
  }
  function whenParsed(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn, { once: true });
    } else {
      fn();
    }
  }
  var sw = navigator.serviceWorker;
  var controlled = !!(sw && sw.controller);
  if (controlled && !lite && WebAssembly.compileStreaming) {
    // app.wasm comes from the worker's cache: start compiling it now, while
    // the page is parsed and painted, rather than once app.js runs after
    // DOMContentLoaded. wasmfetch.js (in app.js) takes
    // the module; if this fails, it fetches app.wasm again the usual way.
    // It is asked for by the name the page's app.js gives it (data-wasm,
    // with its content's hash), as every file of the app: a page of
    // another version than the worker's gets its own version's.
    var wasm = WebAssembly.compileStreaming(fetch(me.getAttribute("data-wasm")));
    wasm.catch(function () {});
    window.datelineWasm = wasm;
  }
  if (controlled || document.visibilityState !== "visible") {
    scripts.forEach(function (src) {
      preload(src, "script");
    });
    whenParsed(run);
    return;
  }
  whenParsed(function () {
    requestAnimationFrame(function () {
      setTimeout(run, 0);
    });
  });
})(document.currentScript);
