// Dateline's reader: what a reader does with a page, with or without
// app.wasm (data saver runs this script alone). The Go components draw
// every element this script uses; it adds behaviour:
//
//   - the reading settings (loader.js applies them before the first paint;
//     this is the panel that changes them);
//   - the reading progress bar, the place in each article (a paragraph and
//     a share of it, not pixels, so it survives a change of text size) and
//     the "Continue reading" list;
//   - saved articles, kept in a cache of their own that the service worker
//     answers from offline and that outlives app updates;
//   - Share, Listen, print, the keyboard shortcuts;
//   - the status line: saving for offline (and trying again when that
//     failed), offline, install, update.
//
// The app tells it, by a "dateline:page" event on the document, that it
// has drawn a page anew (components/nav.go).
(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;
  // The taps on this script's controls before it ran, that the inline
  // loader kept (app/site/loader.js); it keeps no more from now on.
  var taps = window.datelineTaps || [];
  window.datelineTaps = null;
  var loader = doc.querySelector("script[data-scripts]");
  var labelsEl = doc.getElementById("reader-labels");
  if (!loader || !labelsEl) {
    return; // not a page of the site (the worker's offline page)
  }
  var labels = JSON.parse(labelsEl.textContent);
  var DATA_BASE = loader.getAttribute("data-base");
  var VERSION = loader.getAttribute("data-version");
  // The data file of the page the document opened on (app.wasm takes that
  // page over as drawn, without it): the worker saves it, when it saves
  // pages as they are read.
  var FIRST_FILE = loader.getAttribute("data-file");
  // That page's address, which the worker keeps too (pages read in the
  // app are told as they are drawn: shown).
  var FIRST_PAGE = location.pathname;
  var SAVED_CACHE = "dateline-saved";
  var VERSION_CACHE = "dateline-" + VERSION; // the service worker's of this version (worker.js, CACHE)
  var META_CACHE = "dateline-meta"; // the service worker's small entries
  // The service worker's script, as go-app's app.js registers it
  // (app/site's workerPath).
  var WORKER = "/app-worker.js";
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  // The site opened as an installed app: one query, kept, as paintStatus
  // asks on every page.
  var standalone = window.matchMedia("(display-mode: standalone)");

  // ---- small helpers -----------------------------------------------------

  // text returns a label with its {placeholders} filled. In the English
  // text of a label the edition lacks ("{percent}% read", marked: see
  // MARKS), a per cent after Arabic-Indic digits takes their sign
  // (labels.percent); an edition's own label is as its editors wrote it.
  function text(key, values) {
    var s = labels.texts[key] || "";
    var english = s.charAt(0) === "\x0e";
    s = s.replace(/\{([a-z_]+)\}/g, function (m, name) {
      return values && values[name] != null ? String(values[name]) : m;
    });
    return english && labels.percent === "٪" ? s.replace(/([٠-٩])%/g, "$1٪") : s;
  }

  // The English text an edition in another language falls back to is
  // marked in its labels, between U+000E and U+000F (app/i18n's
  // EnglishStart and EnglishEnd).
  var MARKS = /[\x0e\x0f]/g;

  // plain is text without the marks: for an attribute, a tooltip or a
  // shared title, which hold no element.
  function plain(s) {
    return s.replace(MARKS, "");
  }

  // label returns the nodes of a label, its English fallback text in a
  // span of that language and direction, as the pages write it
  // (components/entries.go, writeText): a screen reader speaks it in
  // English, and the browser lays it out apart from the words around it.
  // English marked inside English (a month's name in a date) is in the
  // same span, as escape writes it: a span of its own would be isolated,
  // and ordered as the Arabic-Indic numbers around it are, right to left.
  function label(s) {
    var nodes = doc.createDocumentFragment();
    var at = nodes;
    var open = 0;
    String(s).split(/([\x0e\x0f])/).forEach(function (part) {
      if (part === "\x0e") {
        if (open++ === 0) {
          var span = doc.createElement("span");
          span.lang = "en";
          span.dir = "ltr";
          at = at.appendChild(span);
        }
      } else if (part === "\x0f") {
        if (open > 0 && --open === 0) {
          at = nodes;
        }
      } else if (part) {
        at.appendChild(doc.createTextNode(part));
      }
    });
    return nodes;
  }

  // setLabel makes s, a label (or text), e's content.
  function setLabel(e, s) {
    e.replaceChildren(label(s));
  }

  // number writes n in the edition's digits.
  function number(n) {
    return String(n).replace(/[0-9]/g, function (d) {
      return labels.digits.charAt(+d);
    });
  }

  // The reader's settings, places and saved articles are kept in
  // localStorage as JSON after a mark, STORED, that JSON cannot begin
  // with. go-app, as it starts, reads every entry of localStorage as one
  // of its own persisted states, decoding it with encoding/json: the mark
  // stops that decoder at the first byte, which keeps some 90 kB of Go
  // code from being compiled at every start (BENCHMARKS.md). A single
  // quote is the one such character that encoding/json names in its error
  // without strconv's quoting. loader.js reads the same form. Entries
  // kept before the mark are rewritten once.
  var STORED = "'";
  var store = {
    get: function (key, fallback) {
      try {
        var v = localStorage.getItem(key);
        return v == null ? fallback : JSON.parse(v.charAt(0) === STORED ? v.slice(1) : v);
      } catch (e) {
        return fallback;
      }
    },
    set: function (key, value) {
      try {
        localStorage.setItem(key, STORED + JSON.stringify(value));
      } catch (e) {
        // Storage full or refused: the setting lasts for this page only.
      }
    },
  };
  try {
    for (var i = localStorage.length - 1; i >= 0; i--) {
      var key = localStorage.key(i);
      var v = key && key.lastIndexOf("dateline:", 0) === 0 ? localStorage.getItem(key) : null;
      if (v != null && v.charAt(0) !== STORED) {
        store.set(key, store.get(key, null));
      }
    }
  } catch (e) {
    // No storage: nothing to rewrite.
  }

  function $(sel, el) {
    return (el || doc).querySelector(sel);
  }

  // later runs fn once the browser is idle: what a page needs soon but not
  // at its start, which on a warm load keeps the main thread busy until
  // the app is live (and would put that off): the first use of
  // sessionStorage in a tab's renderer, which waits on the browser
  // process, and the key of a history entry, whose replaceState costs what
  // the navigation's pushState does. Where the browser has no idle
  // callbacks, a timer.
  var later = window.requestIdleCallback
    ? function (fn) {
        requestIdleCallback(fn, { timeout: 2000 });
      }
    : function (fn) {
        setTimeout(fn, 300);
      };

  function $$(sel, el) {
    return Array.prototype.slice.call((el || doc).querySelectorAll(sel));
  }

  // setAttr gives e's attribute name the value, unless it has it already:
  // reader.js paints the header on every page, and even a write of the
  // value an attribute has makes the browser check the page's style again.
  function setAttr(e, name, value) {
    if (e.getAttribute(name) !== value) {
      e.setAttribute(name, value);
    }
  }

  // setHidden shows or hides e, unless it is so already (setAttr).
  function setHidden(e, hidden) {
    if (e.hidden !== hidden) {
      e.hidden = hidden;
    }
  }

  function el(tag, attrs, children) {
    var e = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") {
        setLabel(e, attrs[k]);
      } else {
        e.setAttribute(k, attrs[k]);
      }
    });
    (children || []).forEach(function (c) {
      e.appendChild(c);
    });
    return e;
  }

  // ---- messages at the bottom of the screen -------------------------------

  var toasts = $(".toasts");

  // toastFrom holds, for each message, what had focus when it came: the
  // control that led to it (Share).
  var toastFrom = new WeakMap();

  // toast shows a message that goes away by itself: the reader never has
  // to dismiss it. A message with a button (update) stays until used. One
  // the reader is using when its time is up (focus in it, as in Share's
  // link to copy, or the pointer on it) stays until they leave it; Escape
  // in it takes it away.
  function toast(message, opts) {
    opts = opts || {};
    var t = el("div", { class: "toast" + (opts.id ? " toast-" + opts.id : "") });
    if (opts.id) {
      $$(".toast-" + opts.id, toasts).forEach(dropToast);
    }
    toastFrom.set(t, doc.activeElement);
    t.appendChild(el("span", { text: message }));
    if (opts.content) {
      t.appendChild(opts.content);
    }
    toasts.appendChild(t);
    if (!opts.stay) {
      var due = false;
      var go = function () {
        if (due && !t.contains(doc.activeElement) && !t.matches(":hover")) {
          dropToast(t);
        }
      };
      setTimeout(function () {
        due = true;
        go();
      }, opts.ms || 4000);
      // Where focus goes is settled after focusout; the pointer's hover
      // after pointerleave.
      ["focusout", "pointerleave"].forEach(function (type) {
        t.addEventListener(type, function () {
          setTimeout(go, 0);
        });
      });
      t.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && !e.defaultPrevented) {
          e.preventDefault();
          dropToast(t);
        }
      });
    }
    return t;
  }

  // stillHere returns a test of whether the reader is still on the page
  // they are on now. The message that answers a tool (Save's, Share's) is
  // its page's: an answer that comes once they have left it says nothing
  // on the next page.
  function stillHere() {
    var at = location.pathname + location.search;
    return function () {
      return location.pathname + location.search === at;
    };
  }

  // dropToast takes a message away. Focus in it goes back to the control
  // that led to it, without scrolling, rather than fall to the page's
  // body (the start of the page for the next Tab).
  function dropToast(t) {
    var from = toastFrom.get(t);
    var inside = t.contains(doc.activeElement);
    t.remove();
    if (inside && from && from !== doc.body && from.isConnected) {
      from.focus({ preventScroll: true });
    }
  }

  // ---- reading settings -------------------------------------------------

  var SETTINGS = "dateline:settings";
  var DEFAULTS = { size: 2, width: "medium", leading: "normal", theme: "auto", font: "serif", keys: true, saver: false };
  var SHOWN = ["size", "width", "leading", "theme", "font"];
  // The toolbar's colour of each theme, as loader.js sets it first.
  var PAPER = { light: "#fbfaf7", sepia: "#f4ecd8", dark: "#171513" };

  function settings() {
    var saved = store.get(SETTINGS, {});
    var s = {};
    Object.keys(DEFAULTS).forEach(function (k) {
      s[k] = saved && saved[k] != null ? saved[k] : DEFAULTS[k];
    });
    return s;
  }

  // apply sets the settings on the root element, as loader.js does
  // before the first paint.
  function apply(s) {
    SHOWN.forEach(function (k) {
      if (s[k] === DEFAULTS[k]) {
        root.removeAttribute("data-" + k);
      } else {
        root.setAttribute("data-" + k, String(s[k]));
      }
    });
    var metas = $$('meta[name="theme-color"]');
    metas.forEach(function (m) {
      if (!m.hasAttribute("data-auto")) {
        m.setAttribute("data-auto", m.getAttribute("content"));
      }
      m.setAttribute("content", PAPER[s.theme] || m.getAttribute("data-auto"));
    });
    var browserSaver = !!(navigator.connection && navigator.connection.saveData);
    if (s.saver || browserSaver) {
      root.setAttribute("data-saver", s.saver ? "on" : "browser");
    } else {
      root.removeAttribute("data-saver");
    }
  }

  var panel = doc.getElementById("reader-settings");
  var form = panel && $("form", panel);

  function showSettings(s) {
    if (!form) {
      return;
    }
    form.elements.size.value = String(s.size);
    sizeText(s.size);
    ["width", "leading", "theme", "font"].forEach(function (k) {
      var r = form.querySelector('input[name="' + k + '"][value="' + s[k] + '"]');
      if (r) {
        r.checked = true;
      }
    });
    form.elements.keys.checked = s.keys;
    form.elements.saver.checked = s.saver;
  }

  function sizeText(i) {
    var v = number(labels.sizes[i] || 100) + (labels.percent || "%");
    form.elements.size.setAttribute("aria-valuetext", v);
    $("output", form).textContent = v;
  }

  // change keeps the reader's place in the text while the text reflows;
  // a reader above the text (the headline, the photo) stays where they are.
  function change(update) {
    var place = placeNow();
    if (place && place.before) {
      place = null;
    }
    var s = settings();
    var wasSaver = s.saver;
    update(s);
    store.set(SETTINGS, s);
    apply(s);
    showSettings(s);
    if (place) {
      goTo(place);
    }
    if (wasSaver !== s.saver) {
      var on = root.hasAttribute("data-saver"); // the setting's or the browser's
      keepSaver(on);
      tellWorker({ type: "saver", on: on });
      if (!s.saver && !root.hasAttribute("data-saver")) {
        startApp();
      }
    }
    paintStatus();
  }

  // unsay empties the settings' status region (set below, with it).
  var unsay = function () {};
  if (form) {
    // said tells screen readers what Reset did (components/panels.go; a
    // detached one for a page kept from before it).
    var said = $(".settings-said", form) || doc.createElement("p");
    var saying = 0;
    form.addEventListener("input", function (e) {
      var t = e.target;
      clearTimeout(saying);
      said.textContent = "";
      change(function (s) {
        if (t.name === "size") {
          s.size = +t.value;
        } else if (t.type === "checkbox") {
          s[t.name] = t.checked;
        } else if (t.type === "radio" && t.checked) {
          s[t.name] = t.value;
        }
      });
    });
    // Reset puts back the look of the text (SHOWN), not data saver or
    // single-key shortcuts: a reader who undoes a theme does not mean to
    // download the app, or to have the shortcuts they turned off again.
    $(".settings-reset", form).addEventListener("click", function () {
      change(function (s) {
        SHOWN.forEach(function (k) {
          s[k] = DEFAULTS[k];
        });
      });
      // Emptied first, then filled: a second Reset is said again.
      said.textContent = "";
      clearTimeout(saying);
      saying = setTimeout(setLabel, 100, said, text("settings.reset_done"));
    });
    // Said once: the dialog opened again does not hold it (openDialog).
    unsay = function () {
      clearTimeout(saying);
      said.textContent = "";
    };
  }

  // keepSaver writes whether data saver is on for this page (the reader's
  // setting or the browser's Save-Data) where the service worker keeps it
  // (its META cache), for a worker still installing: it looks at it before
  // each batch it downloads, and tellWorker's message reaches only an
  // active worker. A worker does not always see the browser's Save-Data
  // itself (an emulated one, in Chromium). It resolves once written.
  function keepSaver(on) {
    if (!("caches" in window)) {
      return Promise.resolve();
    }
    return caches
      .open(META_CACHE)
      .then(function (cache) {
        return cache.put("/_saver", new Response(on ? "on" : "off"));
      })
      .catch(function (err) {
        console.warn("dateline: keeping data saver for the service worker:", err);
      });
  }

  // startApp runs the app's scripts when data saver is turned off, but on
  // a page whose loader is marked data-no-app (the offline page), which
  // loader.js never starts it on either.
  function startApp() {
    if (loader.hasAttribute("data-no-app")) {
      return;
    }
    var lite = loader.getAttribute("data-lite");
    var scripts = loader
      .getAttribute("data-scripts")
      .split(" ")
      .filter(function (src) {
        return src !== lite;
      });
    // Already run (the loader's, or an earlier start): the page names
    // each script by its content's hash, an address of paths and hex
    // digits only.
    var ran = scripts.some(function (src) {
      return doc.querySelector('script[src="' + src + '"]');
    });
    if (ran) {
      return;
    }
    scripts.forEach(function (src) {
      var script = doc.createElement("script");
      script.src = src;
      script.async = false;
      doc.head.appendChild(script);
    });
  }

  // Dialogs give focus back to what opened them without scrolling to it:
  // the browser's own return of focus would scroll the page to the header's
  // button and lose the reader's place.
  var opener = null;

  // An open dialog is an entry in the history, as a page is: the
  // browser's Back (Android's too) closes it, as Escape does, where it
  // would otherwise move the page underneath and leave the dialog open
  // over it. Closed otherwise (Escape, its Close button), the dialog takes
  // its entry back, so that no Back is spent on a dialog no longer there.
  // The entry is the page's own (the same address and entry key: shown),
  // marked with the dialog's id: a move between the two opens or closes
  // the dialog and is no navigation, for go-app (which is not told of it)
  // nor for the reader's places. Neither entry has its scroll restored by
  // the browser, which would put the page back where it was when the
  // dialog opened: a change of text size in the dialog keeps the reader's
  // place by scrolling (change).
  var DIALOG = "datelineDialog";
  // goingBack: closeDialog went back off a dialog's entry, and the move
  // (which the browser makes later) has not come yet; pending, a dialog
  // opened meanwhile ("?", Escape, "t" in a row), whose entry waits for
  // that move, or the move would close it.
  var goingBack = false;
  var pending = null;

  function dialogEntry() {
    var st = history.state;
    return st && typeof st === "object" && typeof st[DIALOG] === "string" ? st[DIALOG] : "";
  }

  // markEntry writes (push) or rewrites the entry of dialog id, keeping
  // what else the page's entry state holds. A state that is not an object
  // (not go-app's, nor this script's) is left alone.
  function markEntry(id, push) {
    var st = history.state;
    if (st !== null && typeof st !== "object") {
      return;
    }
    if (push) {
      keyNow(); // the page's entry, which the new one copies
      st = history.state;
    }
    var next = Object.assign({}, st);
    next[DIALOG] = id;
    try {
      if (push) {
        setRestoration("manual"); // the page's entry, which the new one copies
        history.pushState(next, "");
      } else {
        history.replaceState(next, "");
      }
    } catch (e) {
      // A state the browser cannot copy: Back leaves the page, as before.
    }
  }

  function openDialog(d) {
    if (!d || d.open) {
      return;
    }
    $$("dialog[open]").forEach(function (o) {
      closeDialog(o, true); // its entry becomes d's
    });
    opener = doc.activeElement && doc.activeElement !== doc.body ? doc.activeElement : null;
    if (d === panel) {
      unsay();
    }
    d.showModal();
    if (goingBack) {
      pending = d;
    } else if (dialogEntry() !== d.id) {
      markEntry(d.id, !dialogEntry());
    }
  }

  // closeDialog closes d and, unless its entry is gone already (a move in
  // the history) or kept for another dialog, goes back off it.
  function closeDialog(d, entryGone) {
    if (opener && opener.isConnected) {
      opener.focus({ preventScroll: true });
    } else if (doc.activeElement && d.contains(doc.activeElement)) {
      doc.activeElement.blur();
    }
    opener = null;
    d.close();
    if (pending === d) {
      pending = null;
    } else if (!entryGone && dialogEntry() === d.id && !goingBack) {
      goingBack = true;
      history.back();
    }
  }

  $$("dialog.panel").forEach(function (d) {
    d.addEventListener("cancel", function (e) {
      e.preventDefault();
      closeDialog(d);
    });
    $("form", d).addEventListener("submit", function (e) {
      e.preventDefault();
      closeDialog(d);
    });
  });

  // A move in the history shows the dialog its entry names, if any, and
  // closes the others. Heard first (reader.js runs before app.wasm, and
  // on the window's capture phase), a move within the page's entries
  // goes no further: go-app and the places' listeners below never see it.
  window.addEventListener(
    "popstate",
    function (e) {
      var want = dialogEntry();
      var own = goingBack;
      goingBack = false;
      if (own && !want && onEntry()) {
        e.stopImmediatePropagation(); // closeDialog's move
        var d = pending;
        pending = null;
        if (d && d.open) {
          markEntry(d.id, true);
        } else {
          settle();
        }
        return;
      }
      pending = null;
      $$("dialog.panel[open]").forEach(function (d) {
        if (d.id !== want) {
          closeDialog(d, true);
        }
      });
      if (!onEntry() || !onScreen()) {
        // Another page: a navigation, which shown follows. So is a move
        // back onto this page's entry once the app has left it for
        // another, still loading (its note has taken this page's place):
        // the app must draw this page again.
        return;
      }
      e.stopImmediatePropagation();
      if (want) {
        openDialog(doc.getElementById(want)); // Forward, back onto it
        return;
      }
      settle();
    },
    true
  );

  // settle follows a move back onto the page's entry from a dialog's: its
  // scroll is the reader's once the browser's restoring, which follows the
  // move at once, is over (unless the search box holds it: hold). An entry
  // whose restoring was turned back on (the dialog closed, then opened by
  // Forward) has the page put back where the move found it.
  function settle() {
    var y = window.scrollY;
    setTimeout(function () {
      if (window.scrollY !== y && !dialogEntry()) {
        window.scrollTo({ left: window.scrollX, top: y, behavior: "instant" });
      }
      setRestoration(held !== null ? "manual" : "auto");
    }, 0);
  }

  // ---- the page: progress, place, continue reading ------------------------

  var PLACES = "dateline:places";
  var MAX_PLACES = 200;
  // path is the address of the page last shown (shown, below), under
  // which its place is kept; pathSlug the slug of the article it showed,
  // or null. The app draws the next page before it tells this script
  // (components/nav.go), and a place kept in between would be the next
  // article's under this one's address: keepPlace measures the story on
  // screen only while it is still pathSlug's.
  var path = "";
  var pathSlug = null;
  // held is the scroll the page was given to show the header's search box
  // (focusHeader), or null: the search's scroll, not the reader's. While
  // the page is there, what the reader left for the box stays their place
  // (and the list's scroll, keepScroll); the first scroll elsewhere, theirs
  // or Escape's way back, ends it.
  var held = null;
  // heldFrom is where the reader was before the search took the scroll:
  // the window's scroll and the element that had focus.
  var heldFrom = null;

  // hold marks the scroll y as the search's, taken from the reader at
  // from. The browser keeps a scroll with the history entry too, and
  // restores it when the reader comes back to the entry, after this script
  // has put them at their place: while the search holds the scroll, the
  // entry's is not restored (this script restores places and lists'
  // scrolls itself: shown).
  function hold(y, from) {
    held = y;
    heldFrom = from;
    setRestoration("manual");
  }

  // bySearch tells whether the page is where showing the search box put it.
  function bySearch() {
    if (held !== null && window.scrollY === held) {
      return true;
    }
    if (held !== null) {
      held = null;
      heldFrom = null;
      setRestoration("auto");
    }
    return false;
  }

  // A page the browser keeps in its back/forward cache comes back as it
  // was left, and a page left by a search from the header (a new page
  // with data saver on, or before the app is live) was left at the box:
  // back there, the reader is back where they were, as Escape in the box
  // would put them.
  // It also takes what the reader changed on the pages since (takeKept).
  window.addEventListener("pageshow", function (e) {
    if (!e.persisted) {
      return;
    }
    if (heldFrom && bySearch()) {
      var from = heldFrom;
      held = null;
      heldFrom = null;
      setRestoration("auto");
      goBack(from);
      // Then the box folds away (narrow screens), as on the next page: the
      // header shrinks above the window, which the browser's scroll
      // anchoring follows, and the reader's text stays where it is.
      var open = $("form.search-form-open");
      if (open) {
        openSearch(open, false, false);
      }
    }
    takeKept();
  });

  // setRestoration sets whether the browser restores the current history
  // entry's scroll (a new entry takes the current one's).
  function setRestoration(mode) {
    if ("scrollRestoration" in history && history.scrollRestoration !== mode) {
      history.scrollRestoration = mode;
    }
  }

  function story() {
    return $("article.story");
  }

  function paragraphs() {
    return $$("article.story .story-body > p");
  }

  // topOffset is where, from the top of the window, a place in the text
  // counts as reached: a line's height below the edge.
  function topOffset() {
    return 8;
  }

  // placeNow is where the reader is in the article: the first paragraph
  // not yet scrolled past, and how much of it is. before tells that the
  // reader has not reached the text yet (the headline, the photo).
  function placeNow() {
    var ps = paragraphs();
    for (var i = 0; i < ps.length; i++) {
      var r = ps[i].getBoundingClientRect();
      if (r.bottom > topOffset()) {
        var f = r.height > 0 ? Math.max(0, Math.min(1, (topOffset() - r.top) / r.height)) : 0;
        return { i: i, f: Math.round(f * 1000) / 1000, before: i === 0 && r.top > topOffset() };
      }
    }
    return ps.length ? { i: ps.length - 1, f: 1 } : null;
  }

  function goTo(place) {
    var ps = paragraphs();
    var p = ps[Math.min(place.i, ps.length - 1)];
    if (!p) {
      return;
    }
    var r = p.getBoundingClientRect();
    window.scrollTo(0, window.scrollY + r.top + place.f * r.height - topOffset());
  }

  // progress is how far through the article's body the reader is: 1 once
  // its end is on screen.
  function progress() {
    var body = $("article.story .story-body");
    if (!body) {
      return 0;
    }
    var r = body.getBoundingClientRect();
    if (r.height <= 0) {
      return 0;
    }
    return Math.max(0, Math.min(1, (window.innerHeight - r.top) / r.height));
  }

  var framePending = false;
  function onScroll() {
    if (framePending) {
      return;
    }
    framePending = true;
    requestAnimationFrame(function () {
      framePending = false;
      var bar = $("article.story .reading-progress");
      if (bar) {
        bar.style.transform = "scaleX(" + progress().toFixed(4) + ")";
      }
      keepPlaceSoon();
    });
  }

  var keepTimer = 0;
  function keepPlaceSoon() {
    clearTimeout(keepTimer);
    keepTimer = setTimeout(keepPlace, 300);
  }

  // keepPlace stores the reader's place in the article on screen, under
  // its address, while that article is still the page's.
  function keepPlace() {
    var s = story();
    if (!s || !restored || s.getAttribute("data-slug") !== pathSlug || bySearch()) {
      return;
    }
    var place = placeNow();
    if (!place) {
      return;
    }
    var places = store.get(PLACES, {});
    var p = progress();
    var old = places[path] || {};
    places[path] = {
      i: place.i,
      f: place.f,
      p: Math.round(p * 100),
      done: old.done || p >= 0.99,
      title: $("#page-title").textContent,
      lang: s.getAttribute("lang") || "",
      dir: headDir(s),
      t: Date.now(),
    };
    var keys = Object.keys(places);
    if (keys.length > MAX_PLACES) {
      keys.sort(function (a, b) {
        return places[a].t - places[b].t;
      });
      keys.slice(0, keys.length - MAX_PLACES).forEach(function (k) {
        delete places[k];
      });
    }
    store.set(PLACES, places);
  }

  var restored = false;

  // restore returns the reader to their place in an article read before,
  // unless the browser restores the scroll itself (a reload, back and
  // forward on the document's first page).
  function restore(first) {
    var place = store.get(PLACES, {})[path];
    if (place && !place.done && (place.i > 0 || place.f > 0)) {
      var nav = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
      var browserDoes = first && nav && nav.type !== "navigate" && history.scrollRestoration !== "manual";
      var hash = location.hash !== "";
      if (!browserDoes && !hash) {
        goTo(place);
      }
    }
    restored = true;
    onScroll();
  }

  // continueList fills the home page's "Continue reading" list: articles
  // started and not finished, the latest first.
  function continueList() {
    var section = $(".continue");
    if (!section) {
      return;
    }
    var places = store.get(PLACES, {});
    var started = Object.keys(places)
      .filter(function (k) {
        var p = places[k];
        return !p.done && (p.i > 0 || p.f > 0) && p.title;
      })
      .sort(function (a, b) {
        return places[b].t - places[a].t;
      })
      .slice(0, 5);
    var list = $(".continue-list", section);
    list.textContent = "";
    started.forEach(function (k) {
      var p = places[k];
      list.appendChild(
        el("li", {}, [
          el("a", { href: k, lang: p.lang, dir: p.dir, text: p.title }),
          el("span", { class: "continue-read", text: " " + text("continue.read", { percent: number(p.p || 0) }) }),
        ])
      );
    });
    section.hidden = started.length === 0;
  }

  // ---- saved articles ----------------------------------------------------

  var SAVED = "dateline:saved";

  function savedList() {
    var l = store.get(SAVED, []);
    return Array.isArray(l) ? l : [];
  }

  function isSaved(slug) {
    return savedList().some(function (a) {
      return a.slug === slug;
    });
  }

  // isOff: a saved article not kept for offline reading yet (setKept).
  function isOff(a) {
    return !!a.off;
  }

  function savedDataKey(slug) {
    return "/_saved/articles/" + encodeURIComponent(slug) + ".json";
  }

  // keepOffline puts the article's page and data file in the saved
  // cache; the service worker answers from it when the network cannot.
  // With from, a cache's name, it takes them from that cache rather than
  // the network; with orFetch too, what that cache lacks from the network.
  function keepOffline(slug, pagePath, from, orFetch) {
    if (!("caches" in window)) {
      return Promise.resolve();
    }
    var keep = function (cache, url, key) {
      return (from ? caches.match(url, { cacheName: from }) : fetch(url))
        .then(function (r) {
          return r || !orFetch ? r : fetch(url);
        })
        .then(function (r) {
          if (!r || !r.ok) {
            throw new Error(url + (r ? " answered " + r.status : " is not in " + from));
          }
          return cache.put(key, r);
        });
    };
    return caches.open(SAVED_CACHE).then(function (cache) {
      return Promise.all([keep(cache, pagePath, pagePath), keep(cache, DATA_BASE + "/articles/" + encodeURIComponent(slug) + ".json", savedDataKey(slug))]);
    });
  }

  function forget(a) {
    store.set(
      SAVED,
      savedList().filter(function (x) {
        return x.slug !== a.slug;
      })
    );
    if ("caches" in window) {
      caches.open(SAVED_CACHE).then(function (cache) {
        cache.delete(a.path);
        cache.delete(savedDataKey(a.slug));
      });
    }
  }

  function toggleSave() {
    var s = story();
    if (!s) {
      return;
    }
    var slug = s.getAttribute("data-slug");
    if (isSaved(slug)) {
      forget({ slug: slug, path: path });
      toast(text("article.unsaved_note"), { id: "saved" });
    } else {
      var list = savedList();
      list.unshift({
        slug: slug,
        path: path,
        title: $("#page-title").textContent,
        lang: s.getAttribute("lang") || "",
        dir: headDir(s),
        t: Date.now(),
      });
      store.set(SAVED, list);
      var kept = keepOffline(slug, path).then(
        function () {
          return null;
        },
        function (err) {
          return err;
        }
      );
      // The note is the article's page's (stillHere): a first install
      // that ends once the reader has moved on says nothing there.
      var here = stillHere();
      var note = function (key) {
        if (isSaved(slug) && here()) {
          toast(text(key), { id: "saved" });
        }
      };
      // Said only if the answer takes time (a first install).
      var waiting = setTimeout(note, 300, "article.saved_saving");
      Promise.all([workerReady(), kept])
        .then(function (r) {
          // The copy failed (the network went, or the host did not
          // answer) while the worker's first install went on: its cache,
          // this version's, holds the article once it has ended, as it
          // saves the whole site (up to 2,500 articles).
          if (r[0] !== "ready" || !r[1]) {
            return r;
          }
          return keepOffline(slug, path, VERSION_CACHE).then(
            function () {
              return [r[0], null];
            },
            function () {
              return r;
            }
          );
        })
        .then(function (r) {
          clearTimeout(waiting);
          if (r[1]) {
            console.warn("dateline: keeping " + path + " offline:", r[1]);
          }
          // An article without its copy, or without a worker to open it
          // offline, gets them once the connection allows (keepMissing);
          // the list says so.
          setKept({ slug: slug, path: path }, !r[1] && r[0] !== "failed");
          // The note says what is true: open offline, or not.
          note(r[0] === "ready" && !r[1] ? "article.saved_note" : r[0] === "none" ? "article.saved_no_offline" : "article.saved_not_offline");
        });
    }
    markSaved();
    goneNote();
  }

  // workerReady makes sure a service worker will answer offline, where the
  // saved articles' cache is read: saving an article asks for it to open
  // offline, data saver on or not. It resolves to "ready" once a worker is
  // in place, "none" where the browser has no service workers or no cache
  // storage, "failed" where the registration or the install failed (the
  // browser refused it, the network went).
  //
  // With data saver on, pages do not run the app's scripts, which register
  // the worker: this registers it, telling it first that data saver is on,
  // so that its install saves only the light files (no app.wasm). Without
  // it, this registers it now rather than once the app has started
  // (workerstart.js, which then finds it there). A page a worker controls
  // costs nothing more: no registration is looked up.
  //
  // A registration without a worker, installing or other, is one whose
  // script is still on its way (the app registered it a moment ago, as it
  // went live): registering the same script again waits for it, where
  // taking it as it was counted it failed.
  function workerReady() {
    var sw = navigator.serviceWorker;
    if (!sw || !("caches" in window)) {
      return Promise.resolve("none");
    }
    if (sw.controller) {
      return Promise.resolve("ready");
    }
    return sw
      .getRegistration()
      .then(function (reg) {
        if (reg && (reg.installing || reg.waiting || reg.active)) {
          return reg;
        }
        return keepSaver(root.hasAttribute("data-saver")).then(function () {
          return sw.register(WORKER);
        });
      })
      .then(installEnded)
      .then(
        function (ok) {
          return ok ? "ready" : "failed";
        },
        function (err) {
          console.warn("dateline: registering the service worker:", err);
          return "failed";
        }
      );
  }

  // keepMissing gives the saved articles that lack their saved copy theirs:
  // one saved while no copy could be made (offline, or the host gone)
  // before a worker was in place, or while its install failed. Nothing
  // else would make it (the worker refreshes the copies there are): the
  // article opened offline from a version's cache at most, and not once
  // an update had replaced that cache. It runs once a worker is in place:
  // as the page starts, when an install this page follows ends or a worker
  // takes the page, and when the connection comes back. Each copy comes
  // from this version's cache, which the install filled (the whole site
  // up to 2,500 articles), and what that lacks from the network when
  // online: nothing the worker holds is downloaded again. The saved list
  // marks the entries still without one (drawSaved), and those saved
  // while no worker could be registered (the save's own copy made or
  // not: without a worker it opens offline nowhere).
  //
  // With data saver on, only a save registers the worker (workerReady):
  // one whose registration failed (offline, the host gone, the browser
  // refusing it) registers it here, once online, as the page starts or
  // the connection comes back. Without data saver the app's start
  // registers it, and retries a failure (saveAgain).
  var missing = { run: null, again: false };
  function keepMissing() {
    var sw = navigator.serviceWorker;
    if (!sw || !("caches" in window) || !savedList().length) {
      return;
    }
    if (missing.run) {
      missing.again = true;
      return;
    }
    missing.run = sw
      .getRegistration()
      .then(function (reg) {
        if (!reg || !(reg.active || reg.waiting)) {
          if (root.hasAttribute("data-saver") && navigator.onLine && savedList().some(isOff)) {
            return workerReady().then(function (r) {
              missing.again = r === "ready";
            });
          }
          return;
        }
        return caches
          .open(SAVED_CACHE)
          .then(function (cache) {
            return cache.keys();
          })
          .then(function (reqs) {
            var have = {};
            reqs.forEach(function (r) {
              have[new URL(r.url).pathname] = true;
            });
            // One article at a time: a cheap phone's reader is reading.
            return savedList()
              .filter(function (a) {
                var has = have[a.path] && have[savedDataKey(a.slug)];
                if (has && a.off) {
                  setKept(a, true); // kept by a save that said it was not
                }
                return !has;
              })
              .reduce(function (done, a) {
                return done.then(function () {
                  var online = navigator.onLine;
                  return keepOffline(a.slug, a.path, VERSION_CACHE, online).then(
                    function () {
                      setKept(a, true);
                      // The save's note, still up on the article's page,
                      // said it was not kept: it is now, and opens
                      // offline (a worker is in place).
                      var s = story();
                      if (s && s.getAttribute("data-slug") === a.slug && $(".toast-saved", toasts)) {
                        toast(text("article.saved_note"), { id: "saved" });
                      }
                    },
                    function (err) {
                      if (online) {
                        console.warn("dateline: keeping " + a.path + " offline:", err);
                      }
                      setKept(a, false);
                    }
                  );
                });
              }, Promise.resolve());
          });
      })
      .catch(function (err) {
        console.warn("dateline: keeping saved articles offline:", err);
      })
      .then(function () {
        missing.run = null;
        if (missing.again) {
          missing.again = false;
          keepMissing();
        }
      });
  }

  // setKept records whether the saved article a ({slug, path}) has its
  // saved copy (an entry without one is marked off), for the list to say
  // so from its first paint. An article removed meanwhile has its copy
  // removed too. A copy kept while the list is on screen has its mark
  // hidden where it is, keeping its room until the list is drawn again:
  // the entries below do not move under the reader.
  function setKept(a, kept) {
    if (!isSaved(a.slug)) {
      forget(a);
      return;
    }
    var list = savedList();
    var changed = false;
    list.forEach(function (x) {
      if (x.slug === a.slug && !x.off !== kept) {
        if (kept) {
          delete x.off;
        } else {
          x.off = true;
        }
        changed = true;
      }
    });
    if (!changed) {
      return;
    }
    store.set(SAVED, list);
    $$(".saved-list .saved-remove").forEach(function (b) {
      var off = b.getAttribute("data-slug") === a.slug && $(".saved-off", b.parentNode);
      if (off && kept) {
        off.classList.add("saved-off-gone");
      }
    });
  }

  // installEnded resolves, once reg's install has ended, to whether a worker
  // is in place (as workerstart.js's datelineInstall does).
  function installEnded(reg) {
    var w = reg.installing;
    if (!w) {
      return !!(reg.waiting || reg.active);
    }
    return new Promise(function (resolve) {
      var ended = function () {
        if (w.state !== "installing") {
          w.removeEventListener("statechange", ended);
          resolve(w.state !== "redundant");
        }
      };
      w.addEventListener("statechange", ended);
      ended();
    });
  }

  // headDir is the direction of the headline of the article s as its page
  // lays it out, for the lists that show it elsewhere (Saved articles,
  // Continue reading): the headline's own where it has one (mostly in
  // another script than its article's language: components/direction.go),
  // else its article's. The article's alone laid a Latin headline of an
  // Arabic article out right to left, its words in another order.
  function headDir(s) {
    var h = $("#page-title");
    return (h && h.getAttribute("dir")) || s.getAttribute("dir") || "";
  }

  // markSaved says on the Save button whether the article is saved; a
  // saved article shown under another headline than the one the list
  // keeps (corrected since it was saved) gives the list its headline. The
  // loader's mark of the first page's saved story (data-saved-story),
  // which drew Save pressed until now, goes.
  function markSaved() {
    var s = story();
    var b = $(".tool-save");
    if (s && b) {
      var slug = s.getAttribute("data-slug");
      b.setAttribute("aria-pressed", String(isSaved(slug)));
      retitle([{ slug: slug, title: $("#page-title").textContent, dir: headDir(s) }]);
    }
    root.removeAttribute("data-saved-story");
  }

  // retitle gives saved articles new headlines ({slug, title} each, and
  // the headline's direction where the page shows it, dir), and tells
  // whether any changed.
  function retitle(titles) {
    var list = savedList();
    var changed = false;
    list.forEach(function (a) {
      titles.forEach(function (n) {
        if (a.slug === n.slug && n.title && a.title !== n.title) {
          a.title = n.title;
          changed = true;
        }
        if (a.slug === n.slug && n.dir !== undefined && a.dir !== n.dir) {
          a.dir = n.dir;
          changed = true;
        }
      });
    });
    if (changed) {
      store.set(SAVED, list);
    }
    return changed;
  }

  // savedTitles reads the headline of each saved article's saved copy:
  // the worker replaces the copies at each update (refreshSaved), so a
  // headline corrected since the article was saved is the list's too,
  // without the reader opening it first.
  function savedTitles() {
    return caches.open(SAVED_CACHE).then(function (cache) {
      return Promise.all(
        savedList().map(function (a) {
          return cache
            .match(savedDataKey(a.slug))
            .then(function (r) {
              return r ? r.json() : null;
            })
            .then(
              function (d) {
                var h = d && d.story && d.story.article && d.story.article.headline;
                return { slug: a.slug, title: typeof h === "string" ? h : "" };
              },
              function () {
                return { slug: a.slug, title: "" }; // not a data file: left as listed
              }
            );
        })
      );
    });
  }

  // TITLED keeps the version whose saved copies the list's headlines were
  // last read from: the worker replaces the copies once per version (its
  // META's /_saved_version says which), so the copies, whole articles,
  // are read again only after it has.
  var TITLED = "dateline:saved-titled";

  // savedPage lists the saved articles, newest saved first, then again
  // if the copies the worker refreshed since have other headlines.
  function savedPage() {
    if (!$(".saved-list")) {
      return;
    }
    drawSaved();
    if (!("caches" in window)) {
      return;
    }
    caches
      .match("/_saved_version", { cacheName: META_CACHE })
      .then(function (r) {
        return r ? r.text() : "";
      })
      .then(function (version) {
        if (!version || version === store.get(TITLED, "")) {
          return;
        }
        return savedTitles().then(function (titles) {
          if (retitle(titles)) {
            relabelSaved();
          }
          store.set(TITLED, version);
        });
      })
      .catch(function (err) {
        console.warn("dateline: reading the saved copies' headlines:", err);
      });
  }

  function drawSaved() {
    var list = $(".saved-list");
    var saved = savedList();
    list.textContent = "";
    saved.forEach(function (a) {
      // The button's name ends with the headline, in its language and
      // direction as the link has it: a screen reader reads an English
      // headline in an Arabic edition with the English voice.
      var remove = el("button", { type: "button", class: "button button-quiet saved-remove", "data-slug": a.slug }, [
        label(text("saved.remove")),
        el("span", { class: "visually-hidden" }, [doc.createTextNode(": "), el("span", { lang: a.lang, dir: a.dir, text: a.title })]),
      ]);
      var item = el("li", { class: "saved-item" }, [el("a", { href: a.path, lang: a.lang, dir: a.dir, text: a.title }), doc.createTextNode(" "), remove]);
      if (a.off) {
        // Not kept for offline reading (setKept): it opens online only.
        item.insertBefore(el("span", { class: "saved-off", text: " — " + text("saved.not_kept") }), remove.previousSibling);
      }
      list.appendChild(item);
    });
    $(".saved-empty").hidden = saved.length > 0;
    doc.documentElement.toggleAttribute("data-saved", saved.length > 0);
    markGone();
  }

  // markGone marks the list's entries of articles the site no longer has.
  function markGone() {
    var paths = {};
    savedList().forEach(function (a) {
      paths[a.slug] = a.path;
    });
    goneList().then(function (gone) {
      $$(".saved-list .saved-remove").forEach(function (b) {
        var a = b.parentNode.querySelector("a");
        if (a && gone.indexOf(paths[b.getAttribute("data-slug")]) >= 0 && !$(".saved-gone", b.parentNode)) {
          a.parentNode.insertBefore(el("span", { class: "saved-gone", text: " — " + text("saved.gone") }), a.nextSibling);
        }
      });
    });
  }

  // goneList reads the paths of the saved articles the site no longer has,
  // as the service worker found them (its META cache): their addresses open
  // the saved copy, online too.
  function goneList() {
    if (!("caches" in window)) {
      return Promise.resolve([]);
    }
    return caches
      .match("/_gone", { cacheName: META_CACHE })
      .then(function (r) {
        return r ? r.json() : [];
      })
      .then(
        function (l) {
          return Array.isArray(l) ? l : [];
        },
        function () {
          return []; // not the worker's writing
        }
      );
  }

  // goneNote says, on a saved article the site no longer has, that the
  // page is the reader's saved copy: in a message (toast), which lies over
  // the page rather than push the article down after it was painted. The
  // message of the page before goes (the app draws the next page in the
  // same elements).
  function goneNote() {
    $$(".toast-gone", toasts).forEach(dropToast);
    var s = story();
    var at = location.pathname;
    if (!s || !isSaved(s.getAttribute("data-slug")) || !text("article.gone")) {
      return;
    }
    goneList().then(function (gone) {
      if (location.pathname === at && gone.indexOf(at) >= 0) {
        toast(text("article.gone"), { id: "gone", ms: 8000 });
      }
    });
  }

  // relabelSaved gives the list's entries their headlines in place, where
  // the reader may already be, focus and all.
  function relabelSaved() {
    var titles = {};
    savedList().forEach(function (a) {
      titles[a.slug] = a.title;
    });
    $$(".saved-list .saved-remove").forEach(function (b) {
      var title = titles[b.getAttribute("data-slug")];
      var a = b.parentNode.querySelector("a");
      if (title !== undefined && a) {
        a.textContent = title;
        $(".visually-hidden [lang]", b).textContent = title;
      }
    });
  }

  // ---- share ---------------------------------------------------------------

  // pageURL is the address to give others for the page on screen: its
  // canonical one when it has one (the site's public address), else this
  // one without its fragment, and without its query string (tracking
  // parameters) but on the search page, whose query is its subject.
  function pageURL() {
    var canonical = $('link[rel="canonical"]');
    if (canonical && canonical.href) {
      return canonical.href;
    }
    return location.origin + location.pathname + (location.pathname === "/search" ? location.search : "");
  }

  function share() {
    var url = pageURL();
    // The message is this page's: an answer that comes once the reader
    // has left it (the clipboard's, late) says nothing.
    var onPage = stillHere();
    var title = $("#page-title") ? $("#page-title").textContent : doc.title;
    // A tap kept from before this script ran (app/site/loader.js) can come
    // too late for the activation navigator.share needs, which would then
    // refuse it unseen: the link is copied instead.
    var activated = !navigator.userActivation || navigator.userActivation.isActive;
    // The link to copy by hand, where it could not be copied: an address
    // reads left to right, its start first, in any edition.
    var fallback = function () {
      if (!onPage()) {
        return;
      }
      var input = el("input", { type: "text", readonly: "", dir: "ltr", value: url, "aria-label": plain(text("article.copy_link")), class: "toast-input" });
      toast(text("article.copy_link"), { id: "share", content: input, ms: 10000 });
      input.focus();
      input.select();
    };
    var copy = function () {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(function () {
          if (onPage()) {
            toast(text("article.link_copied"), { id: "share" });
          }
        }, fallback);
      } else {
        fallback();
      }
    };
    if (navigator.share && activated) {
      // The title once: share targets show text and title together.
      navigator.share({ title: plain(title), url: url }).catch(function (e) {
        // The reader's own cancel says nothing, nor a second tap while
        // the sheet opens (InvalidStateError): the sheet comes. A refusal
        // (a permissions policy, data the sheet takes not) gives the link
        // as if there were no sheet.
        if (!e || (e.name !== "AbortError" && e.name !== "InvalidStateError")) {
          copy();
        }
      });
      return;
    }
    copy();
  }

  // ---- listen ------------------------------------------------------------

  var speech = window.speechSynthesis;
  var player = $(".player");
  // { items, at, token, paused, held, from }: held, that the platform
  // holds the utterance paused (it said so); from, where in the paragraph
  // its reading has got to (pauseOrResume).
  var listening = null;
  // asking: a Listen waiting for the platform's voices (voices), which
  // can take a second and a half to come. A second tap meanwhile starts
  // no second reading, and a page left meanwhile (stopListening) is not
  // the one read once they come.
  var asking = null;

  function voiceFor(lang) {
    var primary = (lang || "en").toLowerCase().split("-")[0];
    var voices = speech.getVoices();
    var match = function (v) {
      var l = v.lang.toLowerCase().replace("_", "-");
      return l === lang.toLowerCase() || l.split("-")[0] === primary;
    };
    return voices.filter(match)[0] || null;
  }

  function voices() {
    return new Promise(function (resolve) {
      if (speech.getVoices().length) {
        resolve();
        return;
      }
      var done = function () {
        speech.removeEventListener("voiceschanged", done);
        resolve();
      };
      speech.addEventListener("voiceschanged", done);
      setTimeout(done, 1500);
    });
  }

  function listen() {
    if (listening) {
      pauseOrResume();
      return;
    }
    var s = story();
    if (!s || !speech || asking) {
      return;
    }
    var lang = s.getAttribute("lang") || root.lang;
    var ask = (asking = {});
    voices().then(function () {
      if (asking !== ask) {
        return;
      }
      asking = null;
      var voice = voiceFor(lang);
      if (!voice) {
        toast(text("listen.no_voice"), { id: "listen" });
        return;
      }
      var items = [$("#page-title")].concat(paragraphs());
      var place = placeNow();
      listening = { items: items, at: place && (place.i > 0 || place.f > 0.05) ? place.i + 1 : 0, token: 0, paused: false, held: false, from: 0, voice: voice, lang: lang };
      player.hidden = false;
      measurePlayer();
      root.setAttribute("data-listening", "");
      $(".tool-listen") && $(".tool-listen").setAttribute("aria-pressed", "true");
      paintPlayer();
      speak();
    });
  }

  function speak() {
    var l = listening;
    if (!l) {
      return;
    }
    $$(".is-speaking").forEach(function (e) {
      e.classList.remove("is-speaking");
    });
    var item = l.items[l.at];
    if (!item) {
      stopListening();
      return;
    }
    item.classList.add("is-speaking");
    // The player covers the bottom of the window: what is read must end
    // above it, or begin in view when it is taller than the room left.
    var r = item.getBoundingClientRect();
    var room = player.getBoundingClientRect().top;
    if (r.top < 0 || r.bottom > room) {
      item.scrollIntoView({ block: r.height > room ? "start" : "center", behavior: reduceMotion.matches ? "auto" : "smooth" });
    }
    var token = ++l.token;
    var from = l.from;
    var u = new SpeechSynthesisUtterance(item.textContent.slice(from));
    u.lang = l.lang;
    u.voice = l.voice;
    u.onpause = function () {
      if (l.token === token) {
        l.held = true;
      }
    };
    u.onboundary = function (e) {
      if (l.token === token && e.charIndex >= 0) {
        l.from = from + e.charIndex;
      }
    };
    u.onend = function () {
      if (listening === l && l.token === token) {
        l.at++;
        l.from = 0;
        speak();
      }
    };
    // A pause outlasts cancel() (a skip, a stop): what is queued after it
    // waits for resume(), and the player would say "Pause" over silence.
    if (speech.paused) {
      speech.resume();
    }
    speech.speak(u);
  }

  function pauseOrResume() {
    var l = listening;
    if (!l) {
      return;
    }
    l.paused = !l.paused;
    if (l.paused) {
      l.held = false;
      speech.pause();
    } else if (l.held) {
      speech.resume();
    } else {
      // The platform did not hold the utterance: Chrome on Android stops
      // it at pause() (its Resume does nothing, and no event says so),
      // which left the player saying "Pause" over silence. The paragraph
      // is read again from the word it had reached (the start, where the
      // voice gives no word boundaries).
      l.token++;
      speech.cancel();
      speak();
    }
    paintPlayer();
  }

  function nextParagraph() {
    var l = listening;
    if (!l) {
      return;
    }
    l.token++;
    speech.cancel();
    l.at++;
    l.from = 0;
    l.paused = false;
    paintPlayer();
    speak();
  }

  // stopListening ends the reading and hides the player. Focus in the
  // player (on Stop, or on any of its buttons when the article runs out)
  // goes back to the Listen button that opened it, as a dialog's goes back
  // to its opener, rather than fall to the page's body, where the next Tab
  // starts again at "Skip to content". It goes there without scrolling:
  // the page followed the reading down, and the reader who stops means to
  // read on from that paragraph, not to be taken back up to the tools
  // under the headline. Focus elsewhere (a navigation has put it on the
  // new page's heading) is left where it is. A Listen still waiting for
  // the voices is dropped.
  function stopListening() {
    asking = null;
    if (!listening) {
      return;
    }
    listening.token++;
    listening = null;
    speech.cancel();
    var inside = player.contains(doc.activeElement);
    player.hidden = true;
    root.removeAttribute("data-listening");
    $$(".is-speaking").forEach(function (e) {
      e.classList.remove("is-speaking");
    });
    var b = $(".tool-listen");
    if (b) {
      b.setAttribute("aria-pressed", "false");
      if (inside) {
        b.focus({ preventScroll: true });
      }
    }
  }

  // measurePlayer keeps the player's height in --player-height: one row
  // on a wide window, two or more on a narrow one or at a large text size.
  // The stylesheet leaves that much room under the page, under the
  // messages, and under what scrollIntoView brings into view.
  function measurePlayer() {
    if (!player.hidden) {
      root.style.setProperty("--player-height", player.offsetHeight + "px");
    }
  }

  function paintPlayer() {
    var b = $(".player-pause", player);
    setLabel(b, text(listening && listening.paused ? "listen.resume" : "listen.pause"));
  }

  if (player) {
    // The window turns, the text size changes: the player rewraps.
    if (window.ResizeObserver) {
      new ResizeObserver(measurePlayer).observe(player);
    }
    player.addEventListener("click", function (e) {
      var b = e.target.closest("button");
      if (!b) {
        return;
      }
      if (b.classList.contains("player-pause")) {
        pauseOrResume();
      } else if (b.classList.contains("player-next")) {
        nextParagraph();
      } else if (b.classList.contains("player-stop")) {
        stopListening();
      }
    });
  }

  // ---- print ---------------------------------------------------------------

  window.addEventListener("beforeprint", function () {
    var note = $(".print-note");
    if (!note) {
      return;
    }
    // Today, as the pages write dates: the edition's pattern, month names
    // and digits.
    var d = new Date();
    var month = labels.months[d.getMonth()] || "";
    var when = text("date.pattern", { day: number(d.getDate()), month: month, year: number(d.getFullYear()) });
    // As app/i18n's FormatDate: the pattern holds no words, so where the
    // edition gives the month's name the date is in its language, not
    // marked English (and so set left to right) for an English pattern.
    if (month.charAt(0) !== "\x0e") {
      when = plain(when);
    }
    // The address as a reader reads it: a path in Arabic script in its
    // letters, not in the percent-escapes the browser keeps (decodeURI
    // leaves an escaped "/", "?" or "#" as it is).
    var url = pageURL();
    try {
      url = decodeURI(url);
    } catch (e) {
      // a malformed escape: printed as it is
    }
    // The address is set apart, left to right, as an address reads: as
    // text of a right-to-left sentence, a name in Arabic script after its
    // last "/" went to the left of its "https".
    var nodes = label(text("print.from", { url: "\x10", date: when }));
    var walk = doc.createTreeWalker(nodes, NodeFilter.SHOW_TEXT);
    for (var n = walk.nextNode(); n; n = walk.nextNode()) {
      var at = n.data.indexOf("\x10");
      if (at >= 0) {
        var rest = n.splitText(at);
        rest.deleteData(0, 1);
        n.parentNode.insertBefore(el("bdi", { dir: "ltr", text: url }), rest);
        break;
      }
    }
    note.replaceChildren(nodes);
  });

  // ---- keyboard ------------------------------------------------------------

  function typing(t) {
    if (!t || !t.tagName) {
      return false;
    }
    var tag = t.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || t.isContentEditable;
  }

  // stepParagraph moves to the next (1) or previous (-1) paragraph.
  function stepParagraph(dir) {
    var ps = paragraphs();
    if (!ps.length) {
      return;
    }
    var at = ps.indexOf(doc.activeElement);
    if (at < 0) {
      var place = placeNow();
      at = place ? place.i - (dir > 0 && place.f === 0 ? 1 : 0) : -1;
      if (dir < 0 && place) {
        at = place.i + (place.f > 0 ? 1 : 0);
      }
    }
    var next = ps[Math.max(0, Math.min(ps.length - 1, at + dir))];
    next.setAttribute("tabindex", "-1");
    next.focus({ preventScroll: true });
    next.scrollIntoView({ block: "start", behavior: reduceMotion.matches ? "auto" : "smooth" });
  }

  // shortcutOf names the shortcut a key press stands for: the character
  // it types, as on the keys of a Latin layout (so that AZERTY's keys
  // work by what they type); with Caps Lock on, a letter in lower case;
  // and where the layout types another script (Arabic, Sorani, Persian:
  // "س", "؟"), the Latin key at the same place (e.code), which is the
  // one the shortcuts dialog names.
  var keyCodes = { KeyT: "t", KeyS: "s", KeyL: "l", KeyJ: "j", KeyK: "k", Slash: "/" };
  function shortcutOf(e) {
    var k = e.key || "";
    if (k.length !== 1) {
      return k;
    }
    if (k.charCodeAt(0) > 0x7f) {
      var c = keyCodes[e.code] || "";
      return c === "/" && e.shiftKey ? "?" : c;
    }
    return e.getModifierState && e.getModifierState("CapsLock") ? k.toLowerCase() : k;
  }

  doc.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || doc.querySelector("dialog[open]")) {
      return;
    }
    if (!settings().keys) {
      return;
    }
    var key = shortcutOf(e);
    // A key held a little long repeats its keydown: s and l, which
    // toggle, would save and remove, pause and resume, in turn. j and k
    // step on, as an arrow key held does.
    if (e.repeat && key !== "j" && key !== "k") {
      return;
    }
    var handled = true;
    switch (key) {
      case "?":
        openDialog(doc.getElementById("reader-keys"));
        break;
      case "t":
        openDialog(panel);
        break;
      case "s":
        handled = !!story();
        toggleSave();
        break;
      case "l":
        handled = !!story() && !!speech;
        if (handled) {
          listen();
        }
        break;
      case "j":
        stepParagraph(1);
        break;
      case "k":
        stepParagraph(-1);
        break;
      case "/":
        handled = focusSearch();
        if (handled) {
          swallow(e.key);
        }
        break;
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
    }
  });

  // ---- search --------------------------------------------------------------

  // On a narrow screen (web/dateline.css) the header's box is folded away
  // and its button, a submit button, opens it in place: a disclosure, whose
  // state is said (aria-expanded) and which Escape closes, focus back on
  // the button. On a wider screen the box is always there and the button
  // only submits: it says no state.
  var narrow = window.matchMedia("(max-width: 599px)");

  function searchState() {
    var f = $("form.search-form");
    var b = f && $(".tool-search", f);
    if (!b) {
      return;
    }
    if (narrow.matches) {
      setAttr(b, "aria-expanded", String(f.classList.contains("search-form-open")));
      setAttr(b, "aria-controls", "search-input");
    } else {
      b.removeAttribute("aria-expanded");
      b.removeAttribute("aria-controls");
    }
  }

  // openSearch opens or closes the box, focus in it or on its button.
  function openSearch(f, open, focus) {
    f.classList.toggle("search-form-open", open);
    searchState();
    if (focus) {
      focusHeader($(open ? ".search-input" : ".tool-search", f));
    }
  }

  // focusHeader gives focus to e, in the header's search form. The header
  // scrolls away with the page, and the browser brings e into view: a
  // scroll that is the search's, not the reader's, which keepPlace would
  // otherwise keep as their place in the article (and Back and Continue
  // reading would open it at its top). The place they leave is kept now,
  // and held while the page stays where the focus put it.
  function focusHeader(e) {
    clearTimeout(keepTimer);
    keepPlace();
    var from = { el: doc.activeElement, x: window.scrollX, y: window.scrollY };
    e.focus();
    if (window.scrollY !== from.y) {
      hold(window.scrollY, from);
    }
  }

  narrow.addEventListener("change", searchState);

  // boxDir sets the search box's direction by what it holds: a query's
  // first letter says it (dir="auto"), so that "abc سلام" reads in the
  // order it was typed in a right-to-left edition, and an Arabic query
  // from its right in an English one. A box without a letter keeps the
  // page's direction: the browser reads auto as left-to-right there, and
  // would put an empty box's caret on the wrong side of an Arabic page.
  function boxDir() {
    var box = $(".search-input");
    if (!box) {
      return;
    }
    if (/\p{L}/u.test(box.value)) {
      setAttr(box, "dir", "auto");
    } else {
      box.removeAttribute("dir");
    }
  }
  window.datelineBoxDir = boxDir; // boot.js's datelineShowQuery
  doc.addEventListener("input", function (e) {
    if (e.target.matches && e.target.matches(".search-input")) {
      boxDir();
    }
  });

  // cameFrom is where the reader was when "/" took them to the search
  // box: the window's scroll and the element that had focus. Escape in
  // the box gives both back; leaving the box otherwise forgets them.
  var cameFrom = null;

  function goBack(from) {
    var el = from.el;
    if (el && el !== doc.body && el !== root && el.isConnected) {
      el.focus({ preventScroll: true });
    } else if (doc.activeElement && doc.activeElement.blur) {
      doc.activeElement.blur();
    }
    window.scrollTo({ left: from.x, top: from.y, behavior: "instant" });
  }

  doc.addEventListener("keydown", function (e) {
    var f = e.key === "Escape" && !e.defaultPrevented && e.target.closest && e.target.closest("form.search-form");
    if (!f) {
      return;
    }
    var from = e.target === (cameFrom && cameFrom.input) ? cameFrom : null;
    var open = narrow.matches && f.classList.contains("search-form-open");
    if (!open && !from) {
      return; // the wide header's box: Escape is the field's own
    }
    e.preventDefault(); // a search field's own Escape would empty it
    cameFrom = null;
    if (open) {
      openSearch(f, false, !from);
    }
    if (from) {
      goBack(from);
    }
  });

  doc.addEventListener("focusout", function (e) {
    if (cameFrom && e.target === cameFrom.input) {
      cameFrom = null;
    }
  });

  // Once the app is live, a search goes through its navigation, without
  // loading a page; before (or with data saver) the form asks the host.
  doc.addEventListener("submit", function (e) {
    var f = e.target;
    if (!f.matches || !f.matches("form.search-form")) {
      return;
    }
    cameFrom = null;
    // Only the folded button itself opens the box: a submission with no
    // button (requestSubmit(), a script's or an assistant's) carries the
    // query and searches. e.submitter is the button pressed, or the
    // default button for Enter in the field (the box is open then); null
    // for no button; undefined where the browser does not say (as before).
    var pressed = e.submitter === undefined || e.submitter === $(".tool-search", f);
    if (narrow.matches && pressed && !f.classList.contains("search-form-open")) {
      e.preventDefault();
      openSearch(f, true, true);
      return;
    }
    if (root.getAttribute("data-app") !== "live" || typeof goappNav !== "function") {
      return;
    }
    e.preventDefault();
    // Half of a surrogate pair (pasted, an emoji cut in two) is written
    // as U+FFFD, as the form itself sends it: encodeURIComponent throws.
    var q = f.elements.q.value.trim().replace(/[\uD800-\uDFFF]/gu, "\uFFFD");
    var to = q ? "/search?q=" + encodeURIComponent(q) : "/search";
    // Named for app.wasm (components.Page.Next), which then draws the
    // results in this task when it has them at hand; cleared after, for
    // when go-app did not navigate (the same address).
    window.datelineNext = to;
    goappNav(to); // eslint-disable-line no-undef
    window.datelineNext = undefined;
  });

  // focusSearch puts the caret in the search box, opening it where it is
  // folded away (narrow screens), and keeps where the reader was for
  // Escape to go back to.
  function focusSearch() {
    var input = $(".search-input");
    if (!input) {
      return false;
    }
    var from = { input: input, el: doc.activeElement, x: window.scrollX, y: window.scrollY };
    if (input.offsetParent === null) {
      openSearch(input.form, true, true);
    } else {
      focusHeader(input);
      input.select();
    }
    cameFrom = from;
    return true;
  }

  // swallow cancels the character of the key just handled, should it still
  // come (as a separate keypress) to the field that now has focus: until
  // the key is released, which comes after its character however late
  // that is (a timer of 0 ms could end before it), or a second at most.
  function swallow(key) {
    var stop = function (e) {
      if (e.key === key) {
        e.preventDefault();
      }
    };
    var end = function (e) {
      if (!e || e.key === key) {
        doc.removeEventListener("keypress", stop, true);
        doc.removeEventListener("keyup", end, true);
        clearTimeout(timer);
      }
    };
    doc.addEventListener("keypress", stop, true);
    doc.addEventListener("keyup", end, true);
    var timer = setTimeout(end, 1000);
  }

  // ---- clicks --------------------------------------------------------------

  // The inline loader keeps the taps on these buttons made before this
  // script ran (app/site/loader.js, tools; carried out at the end here):
  // a button added here goes in its list too.
  doc.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button");
    if (!b) {
      return;
    }
    if (b.classList.contains("tool-settings")) {
      openDialog(panel);
    } else if (b.classList.contains("tool-save")) {
      toggleSave();
    } else if (b.classList.contains("tool-share")) {
      share();
    } else if (b.classList.contains("tool-listen")) {
      if (listening) {
        stopListening();
      } else {
        listen();
      }
    } else if (b.classList.contains("saved-remove")) {
      var slug = b.getAttribute("data-slug");
      var a = savedList().filter(function (x) {
        return x.slug === slug;
      })[0];
      if (a) {
        // Focus goes to the entry that takes this one's place (the next,
        // or the one before when the last went), not back to the list's
        // top; to the heading once the list is empty.
        var at = $$(".saved-list .saved-remove").indexOf(b);
        forget(a);
        toast(text("article.unsaved_note"), { id: "saved" });
        savedPage();
        var left = $$(".saved-list .saved-remove");
        (left[Math.min(Math.max(at, 0), left.length - 1)] || $("#page-title")).focus();
      }
    } else if (b.classList.contains("status-retry")) {
      saveAgain(true);
    } else if (b.classList.contains("install-button")) {
      install();
    } else if (b.id === "reload-button") {
      reloadKeepingPlace();
    }
  });

  // The skip link moves focus to <main> itself. The browser does so for an
  // in-page link, but once the app is live go-app takes the link for a
  // navigation, which scrolls to <main> and leaves focus where it was.
  doc.addEventListener("click", function (e) {
    var main = e.target.closest && e.target.closest(".skip-link") && doc.getElementById("main");
    if (main) {
      main.focus();
    }
  });

  // ---- status line ---------------------------------------------------------

  var status = { offline: !navigator.onLine, state: "", done: 0, total: 0, error: "", update: false };
  var installPrompt = null;
  var announced = ""; // the state the live copy last said
  // painted: the line last painted. A page the app draws keeps the header
  // it had (one search after another), and with it the line: shown() paints
  // a new one only, as each change of the status paints the one there is.
  var painted = null;

  function paintStatus() {
    var p = $(".status-text");
    painted = p;
    if (!p) {
      return;
    }
    var msg = "";
    var hint = "";
    var words = null; // what screen readers are told, when not msg
    if (status.offline) {
      msg = text("offline.offline");
    } else if (status.state === "saving") {
      var percent = number(status.total ? Math.floor((status.done * 100) / status.total) : 0);
      msg = text("offline.saving", { percent: percent });
      words = (labels.texts["offline.saving"] || "")
        .replace(/[^\s\x0e\x0f]*\{percent\}[^\s\x0e\x0f]*/, "")
        .replace(/\s+/g, " ")
        .trim();
    } else if (status.state === "ready") {
      msg = text("offline.ready");
    } else if (status.state === "partial") {
      msg = text("offline.partial");
      hint = text("offline.partial_hint");
    } else if (status.state === "failed") {
      msg = text("offline.failed");
      hint = status.error;
    } else if (root.hasAttribute("data-saver")) {
      msg = text("status.saver");
    }
    if (p.textContent !== plain(msg)) {
      drawLine(p, msg);
    }
    // Screen readers read the status from its live copy alone (the line
    // on screen is hidden from them: components/shell.go), and hear it
    // when the state changes. The copy says the state in words, without
    // saving's figure (and what is attached to it: 52%), which would be
    // out of date as soon as read and announced at each step.
    var live = $(".status-live");
    var said = status.offline ? "offline" : status.state || (msg ? "saver" : "");
    words = words === null ? msg : words;
    if (live && said !== announced) {
      announced = said;
      setLabel(live, words);
    } else if (live && live.textContent !== plain(words)) {
      quietly(live, words); // a new copy: app.wasm drew the header anew
    }
    [p, live].forEach(function (e) {
      if (e && msg) {
        setAttr(e, "title", plain(hint ? msg + " – " + hint : msg));
      } else if (e) {
        e.removeAttribute("title");
      }
    });
    var retrying = paintRetry(p);
    var b = $(".install-button:not(.status-retry)");
    if (b) {
      // While the site is saved (an update, as a rule: Install waits for
      // a saved copy), the line is its progress alone: on a phone at a
      // large text size the button would leave the figure no room. Once
      // it is saved, Install's room is kept beside the text whether the
      // browser has offered installing yet or not (install-waiting: kept,
      // not shown), so that the offer, when it comes, moves no word of
      // the line.
      setHidden(b, retrying || status.state === "saving" || installed() || !savedOffline());
      b.classList.toggle("install-waiting", !installable());
    }
    fitStatus(p, b);
    if (status.update && !$(".toast-update")) {
      var reload = el("button", { type: "button", class: "button", id: "reload-button", text: text("update.reload") });
      toast(text("update.available"), { id: "update", content: reload, stay: true });
    }
  }

  // quietly writes a live region's text without having it announced: the
  // same state, said already, in a region drawn anew. It is live again two
  // frames later, once the accessibility tree has the text.
  function quietly(live, words) {
    live.setAttribute("aria-live", "off");
    setLabel(live, words);
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        live.setAttribute("aria-live", "polite");
      });
    });
  }

  // drawLine writes the status text, in a box of its own
  // (web/dateline.css), which whole measures.
  function drawLine(p, msg) {
    p.replaceChildren(el("span", { text: msg }));
  }

  // whole tells whether the status text shows whole: no wider than its
  // room (a word wider than the room left: words are never broken) and
  // no taller than its row (two lines).
  function whole(p) {
    var s = p.firstElementChild;
    if (!s) {
      return true;
    }
    var r = s.getBoundingClientRect();
    return r.width <= p.getBoundingClientRect().width + 0.5 && r.bottom <= p.parentNode.getBoundingClientRect().bottom + 0.5;
  }

  // fitStatus keeps the status whole, never cut: its text wraps onto two
  // lines (web/dateline.css); where that is not room enough beside Install
  // or its room (a phone at a large text size), Install gives way, as it
  // does while the site is saved.
  function fitStatus(p, install) {
    if (install && !install.hidden && !whole(p)) {
      install.hidden = true;
    }
  }

  function installed() {
    return standalone.matches || navigator.standalone === true;
  }

  function apple() {
    return typeof goappIsAppleBrowser === "function" && goappIsAppleBrowser(); // eslint-disable-line no-undef
  }

  // installable: an app installed without an offline copy would not open
  // offline, so Install waits for one (this version's, or the one of the
  // worker in charge of the page).
  function installable() {
    return !installed() && (installPrompt !== null || apple()) && savedOffline();
  }

  function savedOffline() {
    var sw = navigator.serviceWorker;
    return status.state === "ready" || status.state === "partial" || !!(sw && sw.controller);
  }

  function install() {
    if (installPrompt) {
      var p = installPrompt;
      installPrompt = null;
      p.prompt();
      p.userChoice.then(paintStatus, paintStatus);
    } else if (apple()) {
      toast(text("install.apple"), { id: "install", ms: 10000 });
    }
  }

  window.addEventListener("beforeinstallprompt", function (e) {
    e.preventDefault();
    installPrompt = e;
    paintStatus();
  });
  window.addEventListener("appinstalled", function () {
    installPrompt = null;
    paintStatus();
  });
  // updateOnline: a new version to offer once online (onWorker).
  var updateOnline = false;
  // netWords shows what is true on the offline page: the device offline,
  // or online and the site not answering. The page holds both (the style
  // sheet shows one by data-offline, which the inline loader set); the
  // document's title, which holds one, changes with them.
  function netWords() {
    var offline = !navigator.onLine;
    if (offline !== root.hasAttribute("data-offline")) {
      root.toggleAttribute("data-offline", offline);
    }
    var h = $("main .notice-offline h1");
    var off = h && $(".net-off", h);
    var on = h && $(".net-on", h);
    if (off && on) {
      var from = (offline ? on : off).textContent;
      var to = (offline ? off : on).textContent;
      if (from && doc.title.indexOf(from) >= 0) {
        doc.title = doc.title.replace(from, to);
      }
    }
  }
  window.addEventListener("online", function () {
    netWords();
    // The offline page (the worker's for an address typed, the app's for a
    // link followed) says the page will open once back online: it does.
    // So do a search's results that lacked a part of the index offline
    // (its note in two wordings, the offline one shown): searched again.
    if (waitsForNet()) {
      openWhenReachable(1000, true);
    }
    status.offline = false;
    status.update = status.update || updateOnline;
    paintStatus();
    saveAgain(false);
    keepMissing();
  });
  // openWhenReachable reloads the offline page once the site answers for
  // its address (with the page, or that there is none): a HEAD, which the
  // worker lets through, costs a few hundred bytes, where a reload that
  // the connection cannot carry yet would open the offline page again.
  // Tried again, each time later,
  // while online and on that page: at the "online" event at once, and
  // after wait when the page is shown online (navigator.onLine says
  // nothing of a connection that carries nothing, or of a site down for
  // a moment, and no "online" event will come). A later call starts over.
  var reaching = 0;
  // The offline page's own address (page.OfflinePath, and its file in an
  // export): there it is the page, which a reload would only draw again.
  var ownOffline = /^\/_offline(\.html)?$/;
  // waitsForNet tells whether the page on screen is one that the network
  // would complete: the offline page, or a search's results that lacked a
  // part of the index (components/search.go, writeBoth).
  function waitsForNet() {
    return !!($("main .notice-offline") || $("main .search-note .net-off"));
  }
  // REOPENED is the address the last of those reloads was for, and how
  // many in a row found the offline page again (the HEAD was answered,
  // the page's own load then was not: a connection that comes and goes).
  // Each such page waits twice as long before its first try, and after
  // five only the "online" event tries: never a reload every 2 s.
  var REOPENED = "dateline:reopened";
  function reopened() {
    try {
      var v = JSON.parse(sessionStorage.getItem(REOPENED) || "null");
      return v && v.href === location.href ? v.n : 0;
    } catch (e) {
      return 0;
    }
  }
  function endReopened() {
    try {
      if (sessionStorage.getItem(REOPENED) !== null) {
        sessionStorage.removeItem(REOPENED);
      }
    } catch (e) {
      // No storage: nothing kept.
    }
  }
  function openWhenReachable(wait, now) {
    var run = ++reaching;
    var at = location.href;
    var still = function () {
      return run === reaching && location.href === at && waitsForNet() && !ownOffline.test(location.pathname);
    };
    var probe = function () {
      if (!still()) {
        return;
      }
      fetch(at, { method: "HEAD", cache: "no-store" })
        .then(function (r) {
          // Any answer but a 5xx is the site's: a page gone since is its
          // not-found page, not the offline page for ever. A 502, 503
          // or 504 is a proxy's or a CDN's while the site is down.
          if (r.status >= 500) {
            throw new Error("status " + r.status);
          }
          if (still()) {
            try {
              sessionStorage.setItem(REOPENED, JSON.stringify({ href: at, n: reopened() + 1 }));
            } catch (e) {
              // No storage: the next try is not put off.
            }
            location.reload();
          }
        })
        .catch(function () {
          if (still() && navigator.onLine && wait <= 32000) {
            setTimeout(probe, wait);
            wait *= 2;
          }
        });
    };
    if (now) {
      probe();
    } else {
      setTimeout(probe, wait);
      wait *= 2;
    }
  }
  window.addEventListener("offline", function () {
    netWords();
    status.offline = true;
    paintStatus();
  });

  // olderNote says that the page on screen is a copy the device kept from
  // before the site's last update (offline: the worker had no newer one),
  // which may have changed since: a corrected story would otherwise read
  // as it was, with nothing to tell.
  function olderNote() {
    toast(text("offline.older"), { id: "older", ms: 10000 });
  }
  // The note is its page's, as Share's message is (the link it copied or
  // gives to copy) and Save's (kept for offline reading, or not): leaving
  // the page (a link followed, a search, a move in the history) takes
  // them away, before the next page's data, which may bring a note of its
  // own (the worker's word comes as it is read).
  ["click", "submit", "popstate"].forEach(function (type) {
    window.addEventListener(
      type,
      function (e) {
        if (type !== "click" || (e.target.closest && e.target.closest("a[href]"))) {
          $$(".toast-older, .toast-share, .toast-saved", toasts).forEach(dropToast);
        }
      },
      true
    );
  });

  // onWorker follows the service worker's reports. A worker of another
  // version offers its version only to a page of one it came after (the
  // versions it lists as older): a page newer than the worker, which the
  // host gave it (the worker fetches what it has not saved), or which a
  // hard reload took from the host while an update was on its way, is
  // not offered the older one. Offline, a page of an older version that
  // the worker's own cache does not hold (a copy of a page read, which an
  // update carried) is offered the new version once online: a reload
  // before that would open the same copy.
  function onWorker(msg) {
    if (!msg) {
      return;
    }
    var other = msg.version && msg.version !== VERSION && Array.isArray(msg.older) && msg.older.indexOf(VERSION) >= 0;
    // A saved article the site no longer has is its saved copy in every
    // version (gone): a reload gives no other.
    if ((msg.type === "activated" || msg.type === "status") && other && !msg.gone) {
      if (msg.current === false && !navigator.onLine) {
        updateOnline = true;
        if (location.pathname === FIRST_PAGE) {
          olderNote(); // the status is of the page the document opened on
        }
      } else {
        status.update = true; // a worker of another version is in charge
      }
    }
    switch (msg.type) {
      case "older-copy":
        olderNote(); // the page's data, as onWorker's status says for a page
        return;
      case "cache-progress":
        status.state = "saving";
        status.done = msg.done;
        status.total = msg.total;
        break;
      case "cache-done":
        // Every page, or the latest and those read ("viewed").
        status.state = msg.complete === false ? "partial" : "ready";
        break;
      case "cache-failed":
        if (navigator.serviceWorker.controller && !retry.attempt) {
          // An update's install failed (this tab's or another's) while a
          // worker serves this page from what it saved: the site is still
          // saved (the worker in charge says how much), and the browser
          // checks for the update again at the next visit.
          status.state = "";
          askStatus();
          break;
        }
        status.state = "failed";
        status.error = String(msg.error || "");
        if (!retry.attempt) {
          failed(); // an install this page did not start (another tab's)
        }
        break;
      case "status":
        if (msg.complete) {
          status.state = "ready";
        } else if (msg.saved) {
          status.state = "partial";
        }
        break;
    }
    paintStatus();
  }

  // askStatus asks the worker what it has saved, and tells it whether data
  // saver is on for this page: the worker keeps that for its installs and
  // saves the rest of the site once it is off.
  // Data saver is read when the message goes, once a worker is active: a
  // page asks before, and the reader may turn it on meanwhile.
  function askStatus() {
    tellWorker(function () {
      return { type: "status", file: FIRST_FILE, page: FIRST_PAGE, saver: root.hasAttribute("data-saver") };
    });
  }

  // tellWorker sends msg, or what the function msg returns then, to the
  // active worker once there is one.
  function tellWorker(msg) {
    var sw = navigator.serviceWorker;
    if (!sw) {
      return;
    }
    sw.ready.then(function (reg) {
      if (reg.active) {
        reg.active.postMessage({ dateline: typeof msg === "function" ? msg() : msg });
      }
    });
  }

  // ---- saving for offline again ------------------------------------------

  // A failed install leaves no worker (its files stay for the next try). The page
  // tries again by itself, RETRY_DELAYS seconds after each failure, once
  // the time has come and the page is online and on screen (when the timer
  // finds it offline or hidden, at the next "online" event, in-app page or
  // return to the page); a try costs a request when the network or the
  // host is still gone. After as many tries as RETRY_DELAYS holds, only
  // the reader's "Try again" (or the next visit) tries: a connection that
  // fails mid-way costs what it downloaded each time. Data saver never
  // tries: with it on, a worker is registered only by saving an article
  // (workerReady).
  var RETRY_DELAYS = [10, 30, 90, 270, 300];
  var retry = { failures: 0, due: 0, timer: 0, attempt: null, label: text("error.retry") };

  // follow waits for the end of an install (workerstart.js,
  // datelineSaveOffline): a worker in place, or a failure.
  function follow(attempt) {
    if (!attempt || attempt === retry.attempt) {
      return;
    }
    retry.attempt = attempt;
    var ended = function (ok) {
      if (retry.attempt !== attempt) {
        return;
      }
      retry.attempt = null;
      if (ok) {
        retry.failures = 0;
        clearTimeout(retry.timer);
        keepMissing();
        if (status.state === "failed" || (status.state === "saving" && !status.total)) {
          // A worker is in place, but no install reported to this page (a
          // try that found one already there): the worker says what it
          // has saved.
          status.state = "";
          askStatus();
        }
        paintStatus();
        return;
      }
      if (status.state !== "failed") {
        // The registration itself failed: no worker ran to say why.
        status.state = "failed";
        status.error = "the service worker could not be registered";
      }
      failed();
    };
    attempt.then(ended, function () {
      ended(false);
    });
  }

  // failed counts a failed install and sets the time of the next try.
  function failed() {
    clearTimeout(retry.timer);
    var delay = RETRY_DELAYS[retry.failures++];
    retry.due = delay ? Date.now() + delay * 1000 : Infinity;
    if (delay) {
      retry.timer = setTimeout(function () {
        saveAgain(false);
      }, delay * 1000);
    }
    paintStatus();
  }

  // saveAgain registers the worker again after a failure: at once for the
  // reader's "Try again", when due for the page's own tries.
  function saveAgain(byReader) {
    if (!retryable() || retry.attempt) {
      return;
    }
    if (!byReader && (Date.now() < retry.due || doc.visibilityState !== "visible")) {
      return;
    }
    clearTimeout(retry.timer);
    if (byReader) {
      status.state = "saving"; // until the worker reports
      status.done = 0;
      status.total = 0;
    }
    follow(window.datelineSaveOffline());
    paintStatus();
  }

  function retryable() {
    return status.state === "failed" && !status.offline && !root.hasAttribute("data-saver") && typeof window.datelineSaveOffline === "function";
  }

  // paintRetry shows "Try again" after a failure, beside the status text,
  // and tells whether it is shown. It wears the install button's look
  // (the status row's height is set for it) and takes its place: the two
  // never show together. While a try runs, a button on screen stays,
  // marked disabled, until the site is saved or the try has failed; when
  // it goes with focus on it, focus goes to the status's live copy, the
  // one screen readers read.
  function paintRetry(p) {
    var b = $(".status-retry");
    if (!b) {
      if (!retry.label || status.state !== "failed") {
        return false;
      }
      b = el("button", { type: "button", class: "install-button status-retry", hidden: "", text: retry.label });
      var install = $(".install-button");
      p.parentNode.insertBefore(b, install ? install.nextSibling : null);
    }
    var saved = status.state === "ready" || status.state === "partial";
    var show = !saved && (retryable() || (!!retry.attempt && !b.hidden));
    if (show && retry.attempt) {
      b.setAttribute("aria-disabled", "true");
    } else {
      b.removeAttribute("aria-disabled");
    }
    var live = $(".status-live");
    if (!show && !b.hidden && doc.activeElement === b && live) {
      live.setAttribute("tabindex", "-1");
      live.focus({ preventScroll: true });
    }
    setHidden(b, !show);
    return show;
  }

  doc.addEventListener("dateline:installing", function () {
    follow(window.datelineInstalling);
  });
  follow(window.datelineInstalling); // a registration made before this ran
  doc.addEventListener("visibilitychange", function () {
    saveAgain(false);
  });

  if (navigator.serviceWorker) {
    navigator.serviceWorker.addEventListener("message", function (e) {
      onWorker(e.data && e.data.dateline);
    });
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      askStatus();
      keepMissing();
    });
    // At the start, only for an article saved without its copy, and once
    // the browser is idle: looking through the saved articles' cache on
    // every page of a reader who saved some would be a trip to the
    // browser's storage on each warm start, for nothing.
    if (savedList().some(isOff)) {
      later(keepMissing);
    }
    onWorker(window.datelineWorkerReport); // kept by boot.js, if it ran first
    // Asked whether or not the worker controls this page: a page opened
    // while the worker was installing is not controlled, and may have
    // missed its reports (it registers once the app has started).
    askStatus();
  }

  // reloadKeepingPlace reloads for a new version where the reader is.
  function reloadKeepingPlace() {
    try {
      sessionStorage.setItem("dateline:scroll:" + location.pathname, String(window.scrollY));
    } catch (e) {
      // No session storage: the reload starts at the top.
    }
    location.reload();
  }

  // How the document was opened: "navigate", "reload" or "back_forward".
  // reloadKeepingPlace's place is read after a reload only.
  var navType = ((performance.getEntriesByType && performance.getEntriesByType("navigation")[0]) || {}).type;

  function restoreAfterReload() {
    try {
      var key = "dateline:scroll:" + location.pathname;
      var y = sessionStorage.getItem(key);
      if (y != null) {
        sessionStorage.removeItem(key);
        window.scrollTo(0, +y);
        return true;
      }
    } catch (e) {
      // No session storage.
    }
    return false;
  }

  // ---- back and forward -----------------------------------------------------

  // go-app draws the page of a history entry anew, at its top, where the
  // browser would have put the reader back where they were in a list.
  // Each entry's scroll is kept as the reader moves (only while the entry
  // is still the page's: a navigation changes the entry before the page)
  // and given back when back or forward returns to it; an article has its
  // own place (restore, above).
  //
  // The records are an entry's, not an address's (a list can be in the
  // history twice), under a key the entry carries in its state: go-app
  // pushes its entries with a null state and never reads it, and shown
  // gives each a key. A reload starts this script anew while the history
  // stays, so the records go to sessionStorage when the document is
  // hidden or left, and are read back as it starts.
  var ENTRIES = "dateline:entries";
  var MAX_ENTRIES = 100; // more than the 50 entries Chromium keeps a tab
  // Read back only for an entry that has a key, which a reload or a move
  // in the history returns to: the entries a document opened anew reaches
  // are its own, and writeEntries merges the stored ones with them.
  var entries = entryKey() ? readEntries() : {};
  var here = ""; // the key of the entry on screen
  // The first element of <main> as shown found it: the app, leaving the
  // page, puts another page's in its place, or the note that it is
  // loading, before shown runs again.
  var drawn = null;

  // onScreen tells whether the page shown last is still the one on screen.
  function onScreen() {
    return !!drawn && drawn.isConnected;
  }
  var returning = null;

  function entryKey() {
    var st = history.state;
    return st && typeof st === "object" && typeof st.dateline === "string" ? st.dateline : "";
  }

  // keyEntry gives the entry on screen a key, keeping whatever else its
  // state holds. A state that is not an object (not go-app's, nor this
  // script's) is left alone: that entry is not kept. Writing the key
  // (replaceState) costs about what the navigation's own pushState does,
  // so it is written after the page is drawn: in the task after a page
  // the app drew, and once the browser is idle on the page the document
  // opened on (later), unless the reader leaves the entry first (keyNow);
  // and only while the entry is still the one on screen: until then the
  // records below are the page's while its address is (onEntry).
  var keyPending = null; // { key, url, write } until written
  function keyEntry() {
    var st = history.state;
    if (entryKey() || (st !== null && typeof st !== "object")) {
      return entryKey();
    }
    var key = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    var url = location.href;
    var p = { key: key, url: url };
    p.write = function () {
      if (keyPending === p) {
        keyPending = null;
      }
      if (here !== key || location.href !== url || entryKey()) {
        return; // another entry now, or this one keyed
      }
      try {
        history.replaceState(Object.assign({}, history.state, { dateline: key }), "");
      } catch (e) {
        here = ""; // a state the browser cannot copy: not kept
      }
    };
    keyPending = p;
    if (root.getAttribute("data-app") === "live") {
      // A page the app drew: in the next task, out of the navigation's,
      // and before the reader's next search or link.
      setTimeout(p.write, 0);
    } else {
      later(p.write); // the warm start: the app's own is still to come
    }
    return key;
  }

  // keyNow writes the key of the entry on screen now, if it is still to
  // be written: the reader is leaving it (a link, the search form), or a
  // dialog's entry is to copy it (markEntry).
  function keyNow() {
    if (keyPending) {
      keyPending.write();
    }
  }
  // Heard before the records' own listeners below, and go-app's.
  doc.addEventListener(
    "click",
    function (e) {
      if (e.target && e.target.closest && e.target.closest("a[href]")) {
        keyNow();
      }
    },
    true
  );
  doc.addEventListener("submit", keyNow, true);

  // onEntry tells whether the entry on screen is the page's (here): its
  // key, or none yet where that key is still to be written for this
  // address (keyEntry).
  function onEntry() {
    var k = entryKey();
    return !!here && (k === here || (!k && !!keyPending && keyPending.key === here && keyPending.url === location.href));
  }

  function readEntries() {
    try {
      var v = JSON.parse(sessionStorage.getItem(ENTRIES) || "{}");
      return v && typeof v === "object" ? v : {};
    } catch (e) {
      return {};
    }
  }

  // record returns the entry key's record, made if needed.
  function record(key) {
    var r = entries[key];
    if (!r) {
      r = entries[key] = { y: 0, f: null, t: 0 };
    }
    r.t = Date.now();
    return r;
  }

  // writeEntries keeps the records in sessionStorage, merged with what
  // another document of this tab wrote there (one in the back/forward
  // cache writes when it goes again), the latest of each entry's, the
  // MAX_ENTRIES latest entries.
  function writeEntries() {
    var all = readEntries();
    Object.keys(entries).forEach(function (k) {
      if (!all[k] || all[k].t <= entries[k].t) {
        all[k] = entries[k];
      }
    });
    var keys = Object.keys(all).sort(function (a, b) {
      return all[b].t - all[a].t;
    });
    keys.slice(MAX_ENTRIES).forEach(function (k) {
      delete all[k];
    });
    entries = all;
    try {
      sessionStorage.setItem(ENTRIES, JSON.stringify(all));
    } catch (e) {
      // No session storage: the records last as long as this document.
    }
  }

  function keepScroll() {
    if (onEntry() && !bySearch()) {
      record(here).y = window.scrollY;
    }
  }
  window.addEventListener("popstate", function () {
    returning = entryKey() || null;
  });
  // The link the reader followed from each entry: back there, focus
  // returns to it (the app puts it on the page's heading), so that a
  // keyboard's next Tab goes on from where the reader was. A link outside
  // <main> (the header's) forgets the one followed before, which may be
  // far from where the reader left the page.
  doc.addEventListener(
    "click",
    function (e) {
      var a = e.target && e.target.closest ? e.target.closest("a[href]") : null;
      if (a && onEntry()) {
        keepScroll();
        record(here).f = a.closest("main") ? a.getAttribute("href") : null;
      }
    },
    true
  );
  // A search from the header's box leaves the page too: the element the
  // reader was on is the one the box took focus from (by "/", the
  // phone's Search button, a click or Tab), or the one that has focus
  // when the form is submitted from outside it (requestSubmit).
  var beforeBox = null;
  doc.addEventListener("focusin", function (e) {
    var f = e.target.closest && e.target.closest("form.search-form");
    if (f && !(e.relatedTarget && f.contains(e.relatedTarget))) {
      beforeBox = e.relatedTarget;
    }
  });
  doc.addEventListener(
    "submit",
    function (e) {
      var f = e.target;
      if (!f.matches || !f.matches("form.search-form") || !onEntry()) {
        return;
      }
      var at = f.contains(doc.activeElement) ? beforeBox : doc.activeElement;
      var a = at && at.closest ? at.closest("main a[href]") : null;
      keepScroll();
      record(here).f = a ? a.getAttribute("href") : null;
    },
    true
  );
  function refocus() {
    var href = entries[here] && entries[here].f;
    var links = href ? $$("main a[href]") : [];
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("href") === href) {
        links[i].focus({ preventScroll: true });
        return;
      }
    }
  }

  // ---- the row of sections ------------------------------------------------

  // inStrip scrolls the header's row of sections sideways, and only
  // sideways, so that link a shows whole, a gap's width from the strip's
  // edge where there is room: the current section's link (the app draws
  // the row anew, scrolled to its start, and a first load starts there
  // too) and a focused link (Chromium leaves a link partly out of view
  // where it is). scrollIntoView would scroll the page as well, up to the
  // header, where the reader is further down. The difference of the boxes
  // moves the strip the same way in a right-to-left edition.
  function inStrip(a) {
    var list = a && a.closest(".sections-list");
    if (!list || list.scrollWidth <= list.clientWidth) {
      return;
    }
    var l = list.getBoundingClientRect();
    var r = a.getBoundingClientRect();
    var gap = parseFloat(getComputedStyle(list).columnGap) || 0;
    var m = Math.max(0, Math.min(gap, (l.width - r.width) / 2));
    if (r.left < l.left + m) {
      list.scrollLeft += r.left - l.left - m;
    } else if (r.right > l.right - m) {
      list.scrollLeft += r.right - l.right + m;
    }
  }
  doc.addEventListener("focusin", function (e) {
    if (e.target.closest && e.target.closest("nav.sections")) {
      inStrip(e.target);
    }
  });

  // ---- each page ------------------------------------------------------------

  // shown runs for every page drawn: the prerendered one, the same page
  // again once app.wasm is live (the same elements, which the app keeps:
  // components/kept.go), and each page the app navigates to.
  function shown() {
    netWords();
    if ($("main .notice-offline")) {
      var again = reopened();
      if (navigator.onLine && again < 5) {
        openWhenReachable(2000 << again, false);
      }
    } else {
      // A page opened: this one, or another, which ends the reloads in a
      // row of the last (a count kept for that address would put off,
      // or stop, its next offline page's tries). Once idle (later): the
      // count waits for the next offline page, which comes no sooner.
      later(endReopened);
    }
    var first = path === "";
    var changed = path !== location.pathname;
    here = keyEntry();
    drawn = ($("main") || {}).firstElementChild || null;
    var back = !!here && returning === here && !first;
    returning = null;
    pathSlug = story() ? story().getAttribute("data-slug") : null;
    // Back to a list, or to a story: restore below moves a story read
    // halfway to its place; one read to its end keeps none, and the
    // browser's own restoring came while the page left was on screen,
    // which a short one cuts short.
    if (back && entries[here] && entries[here].y) {
      window.scrollTo(0, entries[here].y);
    }
    if (back) {
      refocus();
    }
    if (changed) {
      if (!first) {
        // A page the app drew in place: the worker keeps it, for a
        // reload or a start on it offline.
        tellWorker({ type: "read", page: location.pathname });
      }
      stopListening();
      path = location.pathname;
      held = null;
      heldFrom = null;
      // An entry the search held, or one that took that from it: the
      // browser's restoring, which follows a move in the history at once,
      // is over by the next task, and the scroll is the reader's again.
      if ("scrollRestoration" in history && history.scrollRestoration === "manual") {
        setTimeout(setRestoration, 0, "auto");
      }
      restored = false;
      if (!(first && navType === "reload" && restoreAfterReload()) && story()) {
        restore(first);
      } else {
        restored = true;
      }
    }
    var search = $("form.search-form-open");
    if (changed && search && location.pathname !== "/search") {
      openSearch(search, false, false); // opened on the page before
    }
    searchState();
    boxDir();
    inStrip($("nav.sections a[aria-current]"));
    markSaved();
    goneNote();
    continueList();
    savedPage();
    if ($(".status-text") !== painted) {
      paintStatus();
    }
    saveAgain(false);
    onScroll();
  }

  apply(settings());
  showSettings(settings());
  doc.addEventListener("dateline:page", shown);
  // The first page the app draws takes the place of the one the host drew,
  // which the app kept on screen (components/kept.go): a header of its
  // own, whose status line is painted as it comes, not once the page's
  // data has (shown), which leaves it empty meanwhile. Later pages keep
  // the header, its line and what the reader typed in its box: so the new
  // box takes what was typed in the old, unless the page puts another
  // query there (a search page's own; the next page of the same results
  // keeps the edit). The watch ends once it has painted one line.
  //
  // A search page's box and another page's are two boxes (the app draws
  // a new one between them, components/search.go): the words go across
  // only where a later page would have kept the box, or leaving a search
  // page the host drew would leave its query in an article's box. A first
  // page the app does not keep (the saved page) is drawn again in the
  // task that shows it, whose line shown() has painted by now: the host's
  // header going is the sign then.
  //
  // The focus goes across too. The app takes the host's box away, and
  // the browser gives its focus to the body: a reader typing in it (on the
  // saved page as the app draws it again, or searching, the results
  // loading under the new header) would be left out of any box, their next
  // keys the page's shortcuts, where on a later page the box stays and so
  // does the focus. boxBack gives the focus, and the caret, to the new
  // box where nothing has taken it since (a page's heading), and before
  // afterNav reads where it is (components/nav.go): boot.js's
  // datelineShowQuery calls it as a search page's query comes, before this
  // watch's microtask. Chromium blurs a focused box it takes away, while
  // the box is still in the page, or does not (a window without focus):
  // inHostBox is cleared once the blur is seen not to be that.
  var hostBox = $(".search-input");
  var inHostBox = !!hostBox && doc.activeElement === hostBox;
  // A search page drawn without its query holds results only once the app
  // has searched: an export's one search page, the same for every query,
  // or the worker's saved one offline. Its box shows the address's query
  // from now on, as the host's pages of results do, so that the reader
  // sees what is being searched. As the query it was given (defaultValue),
  // not as typed: where the reader has typed already, their words stay,
  // and what they type until the results come is carried into the app's
  // box as an edit (headerWatch, given), not wiped by the query.
  // The query is read as the app reads it (addressQuery), once.
  var hostSearch = $("main .search-page");
  var pageQuery = hostSearch && location.search ? addressQuery() : "";
  var fromAddress = hostBox && !hostBox.defaultValue ? pageQuery : "";
  if (fromAddress) {
    hostBox.defaultValue = fromAddress;
    boxDir();
  }
  // A search page whose results the app finds itself, the page drawn
  // with another query than the address's (the worker's page without a
  // query, offline) or none (an export's, a page drawn while the index
  // was being built), shows them once the app is live, after screen
  // readers have read the page as it loaded: focus goes to their count,
  // as after a search in the app (headerWatch), where the reader has not
  // put it in the box (boxBack), and the page stays where it is.
  var announce = pageQuery !== "" && hostSearch.getAttribute("data-query") !== pageQuery;
  // addressQuery is the address's query as the app reads it (page.ParseURL,
  // page.SearchRef), so that it is the same query, which headerWatch asks
  // of the boxes: none where Go's url.ParseQuery refuses the address's
  // query (a "%" without two hex digits, a ";") or a byte is not UTF-8
  // (which the app drops, where URLSearchParams gives U+FFFD: left empty,
  // as before); its first page.MaxQuery characters (the box's maxlength);
  // a control character or a noncharacter a
  // space; trimmed of what Go's strings.TrimSpace trims (not U+FEFF, as
  // String.trim does).
  function addressQuery() {
    var raw = location.search.slice(1);
    var q = /;|%(?![0-9a-f]{2})/i.test(raw) ? "" : new URLSearchParams(raw).get("q") || "";
    if (q.indexOf("\ufffd") >= 0) {
      return "";
    }
    var chars = Array.from(q); // code points, as page.MaxQuery counts
    var max = hostBox.maxLength;
    if (max > 0 && chars.length > max) {
      q = chars.slice(0, max).join("");
    }
    return q
      .replace(/[\u0000-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/g, " ")
      .replace(/^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, "");
  }
  if (hostBox) {
    hostBox.addEventListener("focus", function () {
      inHostBox = true;
    });
    hostBox.addEventListener("blur", function () {
      Promise.resolve().then(function () {
        if (hostBox.isConnected && doc.activeElement !== hostBox) {
          inHostBox = false;
        }
      });
    });
  }
  function boxBack() {
    var box = $(".search-input");
    var at = doc.activeElement;
    if (!inHostBox || hostBox.isConnected || !box || (at && at !== doc.body)) {
      return;
    }
    inHostBox = false;
    if (hostBox.form && hostBox.form.classList.contains("search-form-open") && !box.form.classList.contains("search-form-open")) {
      openSearch(box.form, true, false); // folded, it could not take focus
    }
    box.focus({ preventScroll: true });
    if (box.value === hostBox.value) {
      box.setSelectionRange(hostBox.selectionStart, hostBox.selectionEnd, hostBox.selectionDirection);
    }
  }
  window.datelineBoxBack = boxBack; // boot.js's datelineShowQuery
  var headerWatch = new MutationObserver(function (records) {
    var gone = null; // the host's page, with its header
    records.forEach(function (r) {
      Array.prototype.forEach.call(r.removedNodes, function (n) {
        if (n.querySelector && n.querySelector(".search-input")) {
          gone = n;
        }
      });
    });
    if (!gone && $(".status-text") === painted) {
      return;
    }
    headerWatch.disconnect();
    var box = $(".search-input");
    var old = gone && $(".search-input", gone);
    var searching = function (el) {
      return !!(el && $("main .search-page", el));
    };
    // The query each box was given: by boot.js's datelineShowQuery, or in
    // the markup (a search page's, as the host or the app's first page
    // wrote it; none elsewhere).
    var given = function (b) {
      return b.datelineQuery !== undefined ? b.datelineQuery : b.defaultValue;
    };
    if (old && box && old.value !== given(old) && box.value === given(box) && given(box) === given(old) &&
      searching(gone) === searching(box.closest(".app"))) {
      box.value = old.value;
      box.datelineQuery = given(old); // the same query again: the edit stays
    }
    boxBack();
    var count = announce && gone && doc.getElementById("page-title");
    announce = false;
    if (count && (!doc.activeElement || doc.activeElement === doc.body)) {
      count.focus({ preventScroll: true });
    }
    boxDir();
    if ($(".status-text") !== painted) {
      paintStatus();
    }
    searchState();
  });
  headerWatch.observe(doc.body, { childList: true });
  window.addEventListener("scroll", onScroll, { passive: true });
  window.addEventListener("scroll", keepScroll, { passive: true });
  window.addEventListener("resize", onScroll, { passive: true });
  window.addEventListener("resize", paintStatus, { passive: true });
  window.addEventListener("pagehide", function () {
    keepPlace();
    stopListening();
    writeEntries();
    leftWith = kept();
  });
  // leftWith is what the reader's places and saved articles were when
  // the page was left (a page the browser may keep, and show again).
  var leftWith;
  function kept() {
    try {
      return localStorage.getItem(PLACES) + "\n" + localStorage.getItem(SAVED);
    } catch (e) {
      return "";
    }
  }
  // takeKept: a page the browser shows again from its back/forward cache
  // (each page with data saver on, where every page is a document) is as
  // it was left, and the reader may have chosen other settings on the
  // pages since, read or saved articles. It takes them, as a page opened
  // anew would, before its first frame: the settings, the reader's place
  // kept through a change of them (as change does), the Save button,
  // Continue reading and the saved list, and focus, where the list it
  // was in is written anew, on the link followed.
  function takeKept() {
    var s = settings();
    var look = function () {
      return SHOWN.map(function (k) {
        return root.getAttribute("data-" + k);
      }).join();
    };
    var before = look();
    var place = placeNow();
    var wasSaver = root.hasAttribute("data-saver");
    apply(s);
    showSettings(s);
    if (place && !place.before && look() !== before) {
      goTo(place);
    }
    // Data saver turned off on a page since: this one, opened with it on,
    // starts the app as a page opened now would (as change does), rather
    // than stay the prerendered page with nothing to say why.
    if (wasSaver && !root.hasAttribute("data-saver")) {
      startApp();
    }
    markSaved();
    if (kept() !== leftWith) {
      var at = doc.activeElement;
      continueList();
      savedPage();
      if (at && !at.isConnected && onEntry()) {
        refocus();
      }
    }
    paintStatus();
  }
  doc.addEventListener("visibilitychange", function () {
    if (doc.visibilityState === "hidden") {
      writeEntries();
    }
  });
  // Each of the app's navigations starts with a click on a link, a form
  // (the search box) or a move in the history (components/page.go,
  // routeEvents). Heard in the capture phase, before go-app's handlers on
  // the window, the page on screen is still the one being left: its place
  // is kept now, not 300 ms after the last scroll.
  var leaving = function (e) {
    if (e.type !== "click" || (e.target && e.target.closest && e.target.closest("a[href]"))) {
      clearTimeout(keepTimer);
      keepPlace();
    }
  };
  doc.addEventListener("click", leaving, true);
  doc.addEventListener("submit", leaving, true);
  // A link clicked with Shift (a new window) or Alt (a download) is the
  // browser's, as with Ctrl or Meta: go-app's handler on the window leaves
  // it only those two, and would open the page here. Stopped on the way
  // down, the click never reaches that handler; what the browser does
  // with it is not prevented.
  window.addEventListener(
    "click",
    function (e) {
      if ((e.shiftKey || e.altKey) && e.target.closest && e.target.closest("a[href]")) {
        e.stopPropagation();
      }
    },
    true
  );
  window.addEventListener("popstate", leaving, true);
  root.setAttribute("data-reader", "");
  shown();
  // The page reloaded on a dialog's entry: the dialog is open again, as the
  // entry says (a Back then closes it, as any).
  if (dialogEntry()) {
    openDialog(doc.getElementById(dialogEntry()));
  }
  // The taps made before this ran are carried out now, each once: on the
  // control tapped or, where the app has drawn the page anew since, the
  // same control of the new page.
  taps.forEach(function (t) {
    var slug = t.el.getAttribute("data-slug");
    var b = t.el.isConnected ? t.el : $(t.sel + (slug ? '[data-slug="' + CSS.escape(slug) + '"]' : ""));
    if (b) {
      b.click();
    }
  });
})();
