/* Helsesider's service worker: the site on a citizen's phone when the network is gone.
   `make build` writes it as sw.js at the site's root with this build's configuration
   (helsesider/site/offline.py): {version, enabled, wait, languages: {code: {folder, offline, store}}}.

   - A page is asked of the network first; when the network has not answered within `wait`
     milliseconds, or fails, the stored copy is shown; with none, the offline page of the page's
     own language (never a page of another language). Every page opened is stored.
   - A language's first page asks (a message from hs-site.js) for what that language stores on a
     first visit: the front page, acute help and its articles, A–Å, the services, the
     accessibility statement, the offline page, the search index's head and what they load.
   - The other files of the site (stylesheets, scripts, the search index's parts, icons) are
     taken from the store when there, and stored when fetched.
   - Every store is named with the build's version: a new deploy installs a new worker, which
     stores again what the old one had (fresh from the network unless the citizen has asked to
     save data) and deletes the old stores.
   - With `enabled` false (offline: false in data/site.yml) the worker deletes what it stored
     and unregisters itself. */
"use strict";

var CONFIG = /*HS_CONFIG*/null;
var OURS = "hs-";
var VERSION = CONFIG.version;
var PAGES = OURS + "pages-" + VERSION, FILES = OURS + "files-" + VERSION;
function shellName(lang) { return OURS + "shell-" + VERSION + "-" + lang; }

var scope = self.registration.scope;  // the site's root, ending in "/"
function address(rel) { return new URL(rel, scope).href; }
function withoutQuery(url) { return url.split("#")[0].split("?")[0]; }

/* The language of an address: the one whose folder it is in (the default language has none). */
function languageOf(url) {
  var path = url.slice(scope.length), found = null;
  Object.keys(CONFIG.languages).forEach(function (code) {
    var folder = CONFIG.languages[code].folder;
    if (folder && path.indexOf(folder) === 0) { found = code; }
    if (!folder && !found) { found = code; }
  });
  return found;
}

function savingData() {
  var connection = self.navigator && self.navigator.connection;
  return !!(connection && connection.saveData);
}

function store(lang) {
  var language = CONFIG.languages[lang];
  if (!language) { return Promise.resolve(false); }
  return caches.open(shellName(lang)).then(function (cache) {
    return cache.addAll(language.store.map(address)).then(function () { return true; });
  });
}

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(CONFIG.enabled ? renew() : remove());
});

/* offline: false: everything stored goes, and the worker with it */
function remove() {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf(OURS) === 0; }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.registration.unregister(); });
}

/* A new version: store again the languages and the pages the old one had, then delete it. */
function renew() {
  return caches.keys().then(function (names) {
    var old = names.filter(function (n) { return n.indexOf(OURS) === 0 && n.indexOf(VERSION) < 0; });
    var languages = {};
    old.forEach(function (n) { var m = /^hs-shell-[^-]+-(.+)$/.exec(n); if (m && CONFIG.languages[m[1]]) { languages[m[1]] = true; } });
    var pages = old.filter(function (n) { return n.indexOf(OURS + "pages-") === 0; });
    return Promise.all(Object.keys(languages).map(function (lang) { return store(lang).catch(function () {}); }))
      .then(function () { return Promise.all(pages.map(carryOver)); })
      .then(function () { return Promise.all(old.map(function (n) { return caches.delete(n); })); })
      .then(function () { return self.clients.claim(); });
  });
}

function carryOver(name) {
  return Promise.all([caches.open(name), caches.open(PAGES)]).then(function (both) {
    var before = both[0], now = both[1];
    return before.keys().then(function (requests) {
      return Promise.all(requests.map(function (request) {
        var kept = function () { return before.match(request).then(function (r) { return r && now.put(request, r); }); };
        if (savingData()) { return kept(); }
        return fetch(request.url, { cache: "no-cache" }).then(function (fresh) {
          return fresh.ok ? now.put(request, fresh) : kept();
        }, kept);
      }));
    });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "hs-store" || !CONFIG.enabled) { return; }
  event.waitUntil(caches.has(shellName(data.lang)).then(function (has) {
    return has ? true : store(data.lang);
  }).then(function (done) {
    if (event.source) { event.source.postMessage({ type: "hs-stored", lang: data.lang, done: !!done }); }
  }, function () {
    if (event.source) { event.source.postMessage({ type: "hs-stored", lang: data.lang, done: false }); }
  }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (!CONFIG.enabled || request.method !== "GET" || request.url.indexOf(scope) !== 0) { return; }
  if (request.mode === "navigate") { event.respondWith(page(event)); return; }
  var path = request.url.slice(scope.length);
  if (/(^|\/)(assets|search)\//.test(path) || /manifest\.webmanifest$/.test(path)) { event.respondWith(file(request)); }
});

function isPage(response) {
  return response && response.ok && response.type === "basic" && (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
}

function page(event) {
  var request = event.request, key = withoutQuery(request.url);
  var network = fetch(request);
  /* the page as the network gave it is stored (the copy is taken before the page reads it) */
  event.waitUntil(network.then(function (response) {
    if (!isPage(response)) { return null; }
    var copy = response.clone();
    return caches.open(PAGES).then(function (cache) { return cache.put(key, copy); });
  }).catch(function () { return null; }));
  var late = network.catch(function () { return null; });
  var waited = new Promise(function (resolve) { setTimeout(resolve, CONFIG.wait, null); });
  return Promise.race([late, waited]).then(function (first) {
    if (first) { return first; }
    return caches.match(key).then(function (stored) {
      if (stored) { return stored; }
      return late.then(function (answer) { return answer || offlinePage(key); });
    });
  });
}

/* The offline page of the address's language, shown at the address asked for: a <base> makes
   its links, stylesheets and scripts resolve from the offline page's own place */
function offlinePage(url) {
  var at = address(CONFIG.languages[languageOf(url)].offline);
  return caches.match(at).then(function (stored) {
    if (!stored) { return new Response("", { status: 503, statusText: "Offline" }); }
    return stored.text().then(function (html) {
      var based = html.replace(/<head[^>]*>/i, function (head) { return head + '<base href="' + at + '">'; });
      return new Response(based, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  });
}

function file(request) {
  return caches.match(request).then(function (stored) {
    if (stored) { return stored; }
    return fetch(request).then(function (response) {
      if (response.ok && response.type === "basic") {
        var copy = response.clone();
        caches.open(FILES).then(function (cache) { return cache.put(request, copy); });
      }
      return response;
    });
  });
}
