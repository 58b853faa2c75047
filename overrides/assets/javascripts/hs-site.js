/* Helsesider: the header's buttons and the search, on every page (plain JavaScript, no library).

   - A button with data-hs-toggle="id" opens and closes that element (the menu, the language list,
     the search field), says so with aria-expanded, closes with Esc (focus back on the button) and
     when another opens or the reader clicks elsewhere. Without script these buttons are hidden and
     links to the footer's lists stand in their place (overrides/partials/header.html).
   - The search engine (hs-search.js) is loaded when a search starts: the field is focused, a
     query is sent, or the address asks for one (?q=). A page nobody searches from loads none of it.
   - A page opened from a search result (?hs-mark=words) marks those words in its text, so the
     citizen sees where the answer is; the words leave the address bar (the page's own address
     stays shareable) and nothing is stored.
   - "Your municipality" (local additions): chosen once in a dialog from the footer or an article's
     notice, kept in this browser's localStorage only (no cookie, nothing sent). An article with
     additions then loads the chosen municipality's and its health trusts' scripts
     (search/hs-local-<region>.js beside the search index: file:// and the CSP allow them) and
     shows their additions in place. A kiosk's municipality is fixed by the page (data-hs-region).
   - Offline (meta hs-offline, helsesider/site/offline.py): from a web server, the site's service
     worker is registered and asked to store what this language keeps for a citizen with no
     network (<html data-hs-stored> says when that is done); with the site's offline turned off,
     any worker there is removed with what it stored. Without network, a stored page says it is
     a stored copy, and the offline page lists the pages this device has stored in its language.
*/
(function () {
  "use strict";

  var toggles = [];

  function target(button) { return document.getElementById(button.getAttribute("data-hs-toggle")); }

  function isOpen(button) { return button.getAttribute("aria-expanded") === "true"; }

  function set(button, open) {
    var element = target(button);
    if (!element) { return; }
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (element.classList.contains("hs-search-panel")) {
      element.classList.toggle("hs-open", open);
      if (open) { var field = element.querySelector("input"); if (field) { field.focus(); } }
    } else {
      element.hidden = !open;
    }
  }

  function closeAll(except) {
    toggles.forEach(function (button) { if (button !== except && isOpen(button)) { set(button, false); } });
  }

  /* The phone menu (overrides/partials/header.html) holds Home and the emergency numbers; its
     other links are the header's (services, A–Å) and the footer's (topics, languages), copied in
     here instead of written into every page twice (about 1.8 KB a page). The page's topic is the
     one whose folder holds it. */
  function fillMenu() {
    var menu = document.getElementById("hs-menu"), nav = document.querySelector(".hs-header__nav");
    var list = menu && menu.querySelector(".hs-menu__list");
    if (!list || !nav || list.children.length > 1) { return; }
    var header = Array.prototype.slice.call(nav.querySelectorAll("a"));
    var skip = header.map(function (a) { return a.href; }), here = location.pathname;
    function item(link, current) {
      var entry = document.createElement("li"), copy = link.cloneNode(true);
      copy.removeAttribute("class");
      if (current) { copy.setAttribute("aria-current", "true"); }
      entry.appendChild(copy);
      return entry;
    }
    list.appendChild(item(header[0]));
    document.querySelectorAll("#hs-footer-nav a").forEach(function (a) {
      if (skip.indexOf(a.href) >= 0) { return; }
      var folder = new URL(a.href).pathname.replace(/index\.html$/, "");
      list.appendChild(item(a, here.indexOf(folder) === 0 && folder.length > 1));
    });
    header.slice(1).forEach(function (a) { list.appendChild(item(a)); });
    var languages = menu.querySelector(".hs-menu__languages");
    document.querySelectorAll("#hs-footer-languages li a").forEach(function (a) { languages.appendChild(item(a)); });
  }

  function setupToggles() {
    toggles = Array.prototype.slice.call(document.querySelectorAll("[data-hs-toggle]"));
    toggles.forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.stopPropagation();
        var open = !isOpen(button);
        closeAll(button);
        set(button, open);
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      toggles.forEach(function (button) {
        if (isOpen(button) && target(button).contains(document.activeElement) || isOpen(button) && document.activeElement === button) {
          set(button, false);
          button.focus();
        }
      });
    });
    document.addEventListener("click", function (event) {
      toggles.forEach(function (button) {
        var element = target(button);
        if (isOpen(button) && element && !element.contains(event.target) && !element.classList.contains("hs-search-panel")) {
          set(button, false);
        }
      });
    });
  }

  /* ---- the search engine, loaded when a search starts ------------------------------- */

  function loadSearch(box) {
    if (document.getElementById("hs-search-engine")) { return; }
    var script = document.createElement("script");
    script.id = "hs-search-engine";
    script.src = box.getAttribute("data-script");
    document.head.appendChild(script);
  }

  function setupSearch() {
    var box = document.querySelector("[data-hs-search]");
    if (!box) { return; }
    var input = box.querySelector("input"), form = box.querySelector("form");
    if (/[?&]q=./.test(window.location.search)) {
      loadSearch(box);
      /* the stylesheet shows the header's field while the results are shown: say so */
      var toggle = document.querySelector("[data-hs-toggle=hs-search-panel]"), panel = document.getElementById("hs-search-panel");
      if (toggle && panel) { toggle.setAttribute("aria-expanded", "true"); panel.classList.add("hs-open"); }
      return;
    }
    input.addEventListener("focus", function () { loadSearch(box); });
    form.addEventListener("submit", function (event) {
      if (box.hsSearch) { return; }  /* the engine's own handler takes it */
      event.preventDefault();
      box.setAttribute("data-submit", "true");
      loadSearch(box);
    });
  }

  /* ---- the query's words, marked on the page a search result opens ---------------- */

  function fold(word) {
    return word.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "o").replace(/å/g, "a")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /* A word of the page matches a query word when it starts with the query word's first letters
     (all of a short word; a long word without its last two, so "koster" marks "kostnad") */
  function marker(query) {
    var stems = (query.match(/[\p{L}\p{N}]+/gu) || []).map(fold).filter(function (w) { return w.length >= 3; })
      .map(function (w) { return w.length > 5 ? w.slice(0, w.length - 2) : w; });
    if (!stems.length) { return null; }
    return function (word) { var f = fold(word); return stems.some(function (s) { return f.indexOf(s) === 0; }); };
  }

  function markWords() {
    var params = new URLSearchParams(window.location.search), query = params.get("hs-mark");
    var body = document.querySelector(".hs-page__body");
    if (!query || !body) { return; }
    var matches = marker(query);
    if (matches) {
      var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          return node.parentNode.closest("script, style, mark, .hs-visually-hidden, nav") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        }
      });
      var nodes = [];
      while (walker.nextNode()) { nodes.push(walker.currentNode); }
      nodes.forEach(function (node) {
        var parts = node.nodeValue.split(/([\p{L}\p{N}]+)/u), changed = false, out = document.createDocumentFragment();
        parts.forEach(function (part, i) {
          if (i % 2 === 1 && matches(part)) {
            var mark = document.createElement("mark");
            mark.className = "hs-mark";
            mark.textContent = part;
            out.appendChild(mark);
            changed = true;
          } else if (part) { out.appendChild(document.createTextNode(part)); }
        });
        if (changed) { node.parentNode.replaceChild(out, node); }
      });
    }
    try {
      params.delete("hs-mark");
      var rest = params.toString();
      window.history.replaceState(window.history.state, "", window.location.pathname + (rest ? "?" + rest : "") + window.location.hash);
    } catch (ignored) { /* some file:// pages refuse: the words stay in the address */ }
  }

  /* Glossary terms (hooks/glossary.py): each marked word becomes a button that opens its
     explanation in place, in a live region at the end of its paragraph (read out when it opens;
     the sentence stays whole); Esc closes it. Without script the word links to the list "Ord og uttrykk" at the article's end. */
  function setupGlossary() {
    var list = document.querySelector(".hs-glossary");
    if (!list) { return; }
    var show = list.getAttribute("data-hs-show") || "";
    Array.prototype.forEach.call(document.querySelectorAll("a.hs-term"), function (link) {
      var term = document.getElementById(link.getAttribute("data-hs-term"));
      var text = term && term.nextElementSibling ? term.nextElementSibling.textContent : "";
      if (!text) { return; }
      var button = document.createElement("button"), hint = document.createElement("span");
      var box = document.createElement("span");
      button.type = "button";
      button.className = "hs-term";
      button.textContent = link.textContent;
      hint.className = "hs-visually-hidden";
      hint.textContent = " (" + show + ")";
      button.appendChild(hint);
      box.className = "hs-term__explanation";
      box.id = link.getAttribute("data-hs-term") + "-here";
      box.setAttribute("aria-live", "polite");
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", box.id);
      function open(yes) {
        button.setAttribute("aria-expanded", yes ? "true" : "false");
        box.textContent = yes ? text : "";
      }
      button.addEventListener("click", function () { open(button.getAttribute("aria-expanded") !== "true"); });
      button.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") { open(false); event.stopPropagation(); }
      });
      link.parentNode.replaceChild(button, link);
      // at the end of the paragraph or list item: the sentence stays whole around the word
      (button.closest("p, li, dd, dt, td, th, blockquote, figcaption") || button.parentNode).appendChild(box);
    });
    document.documentElement.classList.add("hs-glossary-js");
  }

  /* ---- your municipality: local additions in place ------------------------------------------- */

  var LOCAL_KEY = "hs-municipality", REGION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  function chosenRegion() {
    try {
      var value = JSON.parse(window.localStorage.getItem(LOCAL_KEY) || "null");
      return value && REGION_ID.test(value.id) && typeof value.name === "string" ? value : null;
    } catch (e) { return null; }
  }

  function keepRegion(choice) {
    try {
      if (choice) { window.localStorage.setItem(LOCAL_KEY, JSON.stringify(choice)); } else { window.localStorage.removeItem(LOCAL_KEY); }
    } catch (e) { /* storage refused (private mode): the choice lasts for this page */ }
  }

  /* self[store][key], filed there by the data script at `src` (loaded once): the build's data
     comes as scripts, which load from file:// and under the CSP's script-src 'self' */
  function scriptData(src, store, key) {
    return new Promise(function (resolve, reject) {
      var found = (self[store] || {})[key];
      if (found) { resolve(found); return; }
      var script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.addEventListener("load", function () {
        var loaded = (self[store] || {})[key];
        if (loaded) { resolve(loaded); } else { reject(new Error("no " + key + " in " + src)); }
      });
      script.addEventListener("error", function () { reject(new Error("cannot load " + src)); });
      document.head.appendChild(script);
    });
  }

  /* self.HS_LOCAL[key] from its script in the folder `base` ("regions", or "r:<region>") */
  function localData(base, key) {
    return scriptData(base + "hs-local-" + (key === "regions" ? "regions" : key.slice(2)) + ".js", "HS_LOCAL", key);
  }

  function localTexts() {
    var footer = document.querySelector("[data-hs-local-choice]");
    try { return footer ? JSON.parse(footer.getAttribute("data-texts")) : null; } catch (e) { return null; }
  }

  /* The chosen municipality's additions (and its trusts') to this article, in place */
  function showLocal(notice, region, texts) {
    var place = notice.querySelector("[data-hs-local-place]"), base = notice.getAttribute("data-hs-local");
    var key = notice.getAttribute("data-hs-local-key");
    place.textContent = "";
    if (!region) { return; }
    localData(base, "regions").then(function (regions) {
      var found = regions.choices.filter(function (c) { return c.id === region; })[0];
      return Promise.all((found ? found.load : []).map(function (r) { return localData(base, "r:" + r); }));
    }).then(function (parts) {
      place.textContent = "";
      parts.forEach(function (part) {
        if (!part[key]) { return; }
        var template = document.createElement("template");
        template.innerHTML = part[key];  /* the build's own HTML, checked by its content policy */
        place.appendChild(template.content);
      });
    }).catch(function () {
      if (texts) { place.textContent = texts.failed; }
    });
  }

  function applyRegion() {
    var texts = localTexts(), chosen = chosenRegion();
    var footer = document.querySelector("[data-hs-local-choice]");
    if (footer && texts) {
      footer.hidden = false;
      footer.querySelector("[data-hs-local-name]").textContent = chosen ? chosen.name : texts.none_chosen;
      footer.querySelector("[data-hs-local-choose]").textContent = chosen ? texts.change : texts.choose;
    }
    document.querySelectorAll("[data-hs-local-key]").forEach(function (notice) {
      var fixed = notice.getAttribute("data-hs-region"), button = notice.querySelector("[data-hs-local-choose]");
      if (button && texts) { button.hidden = false; button.textContent = chosen ? texts.change : texts.choose; }
      showLocal(notice, fixed || (chosen && chosen.id), texts);
    });
  }

  function fold(value) { return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  /* The dialog (its texts and the municipalities come with the language's regions script) */
  function chooserDialog(texts, choices) {
    var dialog = element("dialog", "hs-local-dialog"), heading = element("h2", "hs-local-dialog__heading", texts.choose);
    heading.id = "hs-local-dialog-heading";
    dialog.setAttribute("aria-labelledby", heading.id);
    var label = element("label", "hs-local-dialog__label", texts.filter), field = element("input", "hs-local-dialog__filter");
    field.type = "search"; field.id = "hs-local-filter"; field.autocomplete = "off"; label.htmlFor = field.id;
    var none = element("p", "hs-local-dialog__none"), list = element("ul", "hs-local-dialog__list");
    none.setAttribute("aria-live", "polite");
    var actions = element("p", "hs-local-dialog__actions"), forget = element("button", "hs-local-dialog__forget", texts.forget);
    var close = element("button", "hs-local-dialog__close", texts.close);
    forget.type = close.type = "button";
    actions.append(forget, close);
    dialog.append(heading, element("p", "", texts.dialog_intro), label, field, none, list, actions);
    close.addEventListener("click", function () { dialog.close(); });
    forget.addEventListener("click", function () { keepRegion(null); dialog.close(); applyRegion(); });
    function filter() {
      var wanted = fold(field.value.trim()), shown = 0;
      list.querySelectorAll("li").forEach(function (item) {
        item.hidden = wanted !== "" && fold(item.textContent).indexOf(wanted) < 0;
        shown += item.hidden ? 0 : 1;
      });
      none.textContent = shown || !list.firstChild ? "" : texts.no_match;
    }
    field.addEventListener("input", filter);
    /* Esc closes the dialog at once (a search field would first only clear itself) */
    field.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); dialog.close(); }
    });
    choices.forEach(function (choice) {
      var item = element("li"), button = element("button", "hs-local-dialog__choice", choice.name);
      button.type = "button";
      button.setAttribute("data-id", choice.id);
      markCurrent(button);
      button.addEventListener("click", function () {
        keepRegion({ id: choice.id, name: choice.name, load: choice.load });
        dialog.close();
        applyRegion();
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    document.body.appendChild(dialog);
    return dialog;
  }

  var chooser = null;

  function markCurrent(button) {
    var chosen = chosenRegion();
    if (chosen && button.getAttribute("data-id") === chosen.id) { button.setAttribute("aria-current", "true"); } else { button.removeAttribute("aria-current"); }
  }

  function setupLocal() {
    var texts = localTexts(), footer = document.querySelector("[data-hs-local-choice]");
    applyRegion();
    if (!texts || !footer) { return; }
    document.addEventListener("click", function (event) {
      if (!event.target.closest || !event.target.closest("[data-hs-local-choose]")) { return; }
      localData(footer.getAttribute("data-hs-local"), "regions").then(function (regions) {
        chooser = chooser || chooserDialog(regions.texts, regions.choices);
        chooser.querySelector(".hs-local-dialog__forget").hidden = !chosenRegion();
        chooser.querySelectorAll(".hs-local-dialog__choice").forEach(markCurrent);
        chooser.showModal();
        chooser.querySelector("input").focus();
      }).catch(function () { footer.querySelector("[data-hs-local-name]").textContent = texts.failed; });
    });
    /* another tab changed the choice */
    window.addEventListener("storage", function (event) { if (event.key === LOCAL_KEY) { applyRegion(); } });
  }

  /* ---- offline: the service worker (hs-sw.js) ---- */

  function offlineMeta() { return document.querySelector("meta[name=hs-offline]"); }

  function setupOffline() {
    var meta = offlineMeta();
    if (!meta || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) { return; }
    if (meta.content !== "on") {
      navigator.serviceWorker.getRegistrations().then(function (all) {
        all.forEach(function (r) { r.unregister(); });
      }).catch(function () {});
      if (window.caches) {
        caches.keys().then(function (names) {
          names.forEach(function (n) { if (n.indexOf("hs-") === 0) { caches.delete(n); } });
        }).catch(function () {});
      }
      return;
    }
    var lang = meta.getAttribute("data-lang");
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "hs-stored" && event.data.lang === lang && event.data.done) {
        document.documentElement.setAttribute("data-hs-stored", lang);
      }
    });
    /* ask the active worker to store this language (again when a new worker takes over) */
    function ask() {
      navigator.serviceWorker.ready.then(function (registration) {
        if (registration.active) { registration.active.postMessage({ type: "hs-store", lang: lang }); }
      }).catch(function () {});
    }
    navigator.serviceWorker.addEventListener("controllerchange", ask);
    navigator.serviceWorker.register(meta.getAttribute("data-worker"), { scope: meta.getAttribute("data-scope") })
      .then(function (registration) {
        /* a page no worker serves asks for the newest (a worker that was turned off keeps its
           place until then) */
        if (!navigator.serviceWorker.controller && registration.active) { registration.update().catch(function () {}); }
        ask();
      }).catch(function () {});
    if (navigator.onLine === false) { showStoredCopy(meta); }
    window.addEventListener("offline", function () { showStoredCopy(meta); });
    listStoredPages(meta);
  }

  /* Without network, a page says that it is the copy this device stored */
  function showStoredCopy(meta) {
    if (document.querySelector(".hs-offline-copy") || document.querySelector("[data-hs-offline-page]")) { return; }
    var note = document.createElement("p"), main = document.querySelector(".hs-page") || document.body;
    note.className = "hs-offline-copy";
    note.setAttribute("role", "status");
    note.textContent = meta.getAttribute("data-copy");
    main.insertBefore(note, main.firstChild);
  }

  /* The pages this device has stored in the page's language, each with its title (hs-sw.js's
     stores; another language's pages are not offered) */
  function storedPages(meta) {
    if (!window.caches) { return Promise.resolve([]); }
    var root = new URL(meta.getAttribute("data-scope"), document.baseURI).href;
    var here = new URL(meta.getAttribute("data-root"), document.baseURI).href;
    var others = (meta.getAttribute("data-others") || "").split(" ").filter(Boolean);
    return caches.keys().then(function (names) {
      var ours = names.filter(function (n) { return /^hs-(pages|shell)-/.test(n); });
      return Promise.all(ours.map(function (n) {
        return caches.open(n).then(function (cache) {
          return cache.keys().then(function (requests) {
            return Promise.all(requests.filter(function (r) { return inLanguage(r.url, root, here); }).map(function (r) {
              return cache.match(r).then(function (response) {
                if (!response || (response.headers.get("Content-Type") || "").indexOf("text/html") !== 0) { return null; }
                return response.text().then(function (html) { return readPage(r.url, html); });
              });
            }));
          });
        });
      }));
    }).then(function (lists) {
      var seen = {}, pages = [];
      lists.forEach(function (list) { list.forEach(function (p) { if (p && !seen[p.url]) { seen[p.url] = true; pages.push(p); } }); });
      return pages;
    });
    function inLanguage(url, siteRoot, languageRoot) {
      if (url.indexOf(languageRoot) !== 0) { return false; }
      if (languageRoot !== siteRoot) { return true; }
      /* the default language is at the root: leave out the other languages' folders */
      var rest = url.slice(siteRoot.length);
      return !others.some(function (folder) { return rest.indexOf(folder) === 0; });
    }
  }

  function readPage(url, html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    if (doc.querySelector("[data-hs-offline-page]")) { return null; }
    var heading = doc.querySelector("h1:not(.hs-results__heading)"), description = doc.querySelector("meta[name=description]");
    var body = doc.querySelector(".hs-page__body") || doc.querySelector("main") || doc.body;
    return { url: url, title: heading ? heading.textContent.trim() : doc.title,
             description: description ? description.content : "", text: body ? body.textContent : "" };
  }

  function listStoredPages(meta) {
    var view = document.querySelector("[data-hs-offline-page]");
    if (!view) { return; }
    var list = view.querySelector(".hs-offline__list"), empty = view.querySelector(".hs-offline__empty");
    storedPages(meta).then(function (pages) {
      pages.sort(function (a, b) { return a.title.localeCompare(b.title, document.documentElement.lang); });
      pages.forEach(function (p) {
        var item = document.createElement("li"), link = document.createElement("a");
        link.href = p.url;
        link.textContent = p.title;
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = pages.length === 0;
      empty.hidden = pages.length > 0;
    });
  }

  function start() {
    fillMenu();
    setupToggles();
    setupSearch();
    markWords();
    setupGlossary();
    setupLocal();
    setupOffline();
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  window.HsSite = { closeAll: function () { closeAll(null); }, scriptData: scriptData,
                   storedPages: function () { var m = offlineMeta(); return m ? storedPages(m) : Promise.resolve([]); } };
})();
