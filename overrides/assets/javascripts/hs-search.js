/*
 * Helsesider search: the engine that reads the index written by helsesider/search.py
 * (window.HS_SEARCH_INDEX, loaded from search/hs-index.js of the page's language) and the
 * search form on every page. No worker, no fetch(): it works from file:// as from a server.
 * Folding and stemming rules come from the index, so they match the build exactly.
 */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; } else { root.HsSearch = api; }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
  var LEVELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var PREFIX_WEIGHT = 0.4, TYPO_WEIGHT = 0.6, PREFIX_LIMIT = 40;

  function Engine(index) {
    this.index = index;
    this.docs = index.docs;
    this.vocab = index.vocab ? index.vocab.split("\n") : [];
    this.encoded = index.postings;
    this.cache = Object.create(null);
  }

  Engine.prototype.fold = function (word) {
    var letters = this.index.fold.letters, out = "", lower = word.toLowerCase();
    for (var i = 0; i < lower.length; i++) { out += letters[lower[i]] !== undefined ? letters[lower[i]] : lower[i]; }
    out = out.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    this.index.fold.digraphs.forEach(function (pair) { out = out.split(pair[0]).join(pair[1]); });
    return out;
  };

  Engine.prototype.stem = function (word) {
    this.index.rules.forEach(function (step) {
      for (var i = 0; i < step.length; i++) {
        var rule = step[i], suffix = rule.suffix;
        if (word.length - suffix.length < rule.min || word.slice(-suffix.length) !== suffix) { continue; }
        var before = word.length > suffix.length ? word[word.length - suffix.length - 1] : "";
        if (rule.after !== undefined && rule.after.indexOf(before) < 0) { continue; }
        word = word.slice(0, word.length - suffix.length) + (rule.replace || "");
        break;
      }
    });
    return word;
  };

  /* The words of a text; a hyphenated word is one word and also its parts. */
  Engine.prototype.words = function (text) {
    var out = [];
    (text.match(WORD) || []).forEach(function (token) {
      var parts = token.split(/['-]/);
      if (parts.length > 1) { out.push(parts.join("")); parts.forEach(function (p) { if (p) { out.push(p); } }); }
      else { out.push(token); }
    });
    return out;
  };

  Engine.prototype.terms_ = function (text) {
    var self = this;
    return this.words(text).map(function (w) { return self.stem(self.fold(w)); });
  };

  /* Position of the first vocabulary term >= term (binary search; the vocabulary is sorted). */
  Engine.prototype.lowerBound = function (term) {
    var lo = 0, hi = this.vocab.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (this.vocab[mid] < term) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  };

  Engine.prototype.has = function (term) {
    var at = this.lowerBound(term);
    return at < this.vocab.length && this.vocab[at] === term;
  };

  Engine.prototype.postings = function (term) {
    if (this.cache[term]) { return this.cache[term]; }
    var encoded = this.encoded[this.lowerBound(term)], out = [], doc = 0, digits = "";
    for (var i = 0; i < encoded.length; i++) {
      var ch = encoded[i], level = LEVELS.indexOf(ch);
      if (level < 0) { digits += ch; continue; }
      doc += parseInt(digits, 36); digits = "";
      out.push([doc, Math.pow(2, level / 4) - 1]);
    }
    this.cache[term] = out;
    return out;
  };

  /* Terms of the index that can stand for a query term, with how much they count. */
  Engine.prototype.candidates = function (term, folded) {
    var found = Object.create(null), self = this;
    function add(t, weight) { if (!(found[t] >= weight) && self.has(t)) { found[t] = weight; } }
    add(term, 1); add(folded, 1);
    var exact = Object.keys(found).length > 0;
    if (term.length >= 3) {
      for (var i = this.lowerBound(term), n = 0; i < this.vocab.length && n < PREFIX_LIMIT && this.vocab[i].indexOf(term) === 0; i++, n++) {
        add(this.vocab[i], PREFIX_WEIGHT);
      }
    }
    if (!exact && folded.length >= 5) {
      [term, folded].forEach(function (q) {
        for (var j = 0; j < self.vocab.length; j++) {
          var v = self.vocab[j];
          if (Math.abs(v.length - q.length) <= 1 && oneEditAway(q, v)) { add(v, TYPO_WEIGHT); }
        }
      });
    }
    return found;
  };

  Engine.prototype.search = function (query, limit) {
    var self = this, words = this.words(query);
    if (!words.length) { return []; }
    var perWord = words.map(function (w) {
      var folded = self.fold(w), term = self.stem(folded), candidates = self.candidates(term, folded), best = Object.create(null);
      Object.keys(candidates).forEach(function (t) {
        self.postings(t).forEach(function (p) {
          var score = p[1] * candidates[t];
          if (!(best[p[0]] >= score)) { best[p[0]] = score; }
        });
      });
      return best;
    });
    var key = this.terms_(query).join(" "), totals = Object.create(null), matched = Object.create(null);
    perWord.forEach(function (best) {
      Object.keys(best).forEach(function (doc) {
        totals[doc] = (totals[doc] || 0) + best[doc];
        matched[doc] = (matched[doc] || 0) + 1;
      });
    });
    var results = Object.keys(totals).map(function (doc) {
      var d = self.docs[doc], score = totals[doc];
      if (matched[doc] === words.length) { score *= 4; }             // every word matched
      if (d[3][0] === key) { score += 1000; }                        // the exact title
      else if (d[3].indexOf(key) > 0) { score += 500; }              // an exact alias
      return { url: d[0], title: d[1], snippet: d[2], score: score };
    });
    results.sort(function (a, b) { return b.score - a.score || (a.title < b.title ? -1 : 1); });
    return results.slice(0, limit || 10);
  };

  /* True when b is a one letter insertion, deletion, substitution or swap away from a. */
  function oneEditAway(a, b) {
    if (a === b) { return false; }
    var la = a.length, lb = b.length, i = 0;
    while (i < la && i < lb && a[i] === b[i]) { i++; }
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) { return true; }
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    if (la + 1 === lb) { return a.slice(i) === b.slice(i + 1); }
    if (la === lb + 1) { return a.slice(i + 1) === b.slice(i); }
    return false;
  }

  /* ---- the search form on every page ---------------------------------------------- */

  function setup(box) {
    var input = box.querySelector("input[type=search]"), form = box.querySelector("form");
    var list = box.querySelector(".hs-search__results"), status = box.querySelector(".hs-search__status");
    var texts = JSON.parse(box.getAttribute("data-texts")), base = box.getAttribute("data-base");
    var engine = null, pending = null, timer = null, shown = null, closing = false;

    function ready() {
      engine = new Engine(self.HS_SEARCH_INDEX);
      if (pending) { var next = pending; pending = null; next(); }
    }

    function load(then) {
      if (engine) { then(); return; }
      pending = then;
      if (self.HS_SEARCH_INDEX) { ready(); return; }
      if (box.getAttribute("data-loading")) { return; }
      box.setAttribute("data-loading", "true");
      status.textContent = texts.loading;
      /* a deep link (?q=) started loading the index in <head> already */
      var script = document.getElementById("hs-search-index");
      if (!script) {
        script = document.createElement("script");
        script.id = "hs-search-index";
        script.src = box.getAttribute("data-index");
        document.head.appendChild(script);
      }
      script.addEventListener("load", ready);
      script.addEventListener("error", function () { status.textContent = texts.failed; });
    }

    function render(query) {
      if (query === shown) { return; }  // unchanged: keep the list (and the keyboard focus in it)
      shown = query;
      var results = engine.search(query, 10);
      list.textContent = "";
      results.forEach(function (r) {
        var item = document.createElement("li"), link = document.createElement("a"), snippet = document.createElement("p");
        item.className = "hs-search__result";
        link.className = "hs-search__link";
        link.href = base + r.url;
        link.textContent = r.title;
        snippet.className = "hs-search__snippet";
        snippet.textContent = r.snippet;
        item.appendChild(link); item.appendChild(snippet); list.appendChild(item);
      });
      list.hidden = results.length === 0;
      status.textContent = results.length ? texts.results.replace("{n}", results.length) : texts.none;
      box.setAttribute("data-results", String(results.length));
    }

    /* Esc: the first closes the results (the query stays), the next clears the field */
    function close() {
      clearTimeout(timer); pending = null;  /* a query typed just before Esc must not reopen the results */
      if (list.hidden && !status.textContent) { input.value = ""; }
      list.textContent = ""; list.hidden = true; status.textContent = ""; shown = null;
      closing = true;  /* focus returns to the field without opening the results again */
      input.focus();
      closing = false;
    }

    function run() {
      var query = input.value.trim();
      if (!query) { list.textContent = ""; list.hidden = true; status.textContent = ""; shown = null; return; }
      load(function () { render(input.value.trim()); });
    }

    input.addEventListener("focus", function () { if (closing) { return; } load(function () { status.textContent = ""; if (input.value.trim()) { run(); } }); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 30); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
      if (event.key === "ArrowDown") {
        /* show the results of what is typed now, so a late redraw cannot take the focus away */
        clearTimeout(timer);
        if (engine && input.value.trim()) { render(input.value.trim()); }
        if (list.firstChild) { event.preventDefault(); list.querySelector("a").focus(); }
      }
    });
    list.addEventListener("keydown", function (event) {
      var item = event.target.closest("li");
      if (!item) { return; }
      if (event.key === "ArrowDown" && item.nextSibling) { event.preventDefault(); item.nextSibling.querySelector("a").focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (item.previousSibling ? item.previousSibling.querySelector("a") : input).focus(); }
      if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
      if (document.querySelector("meta[name=hs-kiosk-home]")) { return; }  /* a kiosk keeps no trace of a query */
      try {
        var url = new URL(window.location.href);
        url.searchParams.set("q", input.value.trim());
        window.history.replaceState(null, "", url.toString());
      } catch (ignored) { /* some file:// pages refuse; the results are shown all the same */ }
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { input.value = query; run(); }
  }

  if (typeof document !== "undefined") {
    var start = function () {
      var boxes = document.querySelectorAll("[data-hs-search]");
      for (var i = 0; i < boxes.length; i++) { setup(boxes[i]); }
    };
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  }

  return { Engine: Engine, oneEditAway: oneEditAway };
});
