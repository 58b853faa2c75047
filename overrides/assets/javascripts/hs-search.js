/*
 * Helsesider search: the engine that reads the index written by helsesider/search/ and the
 * search form on every page. The index comes in parts loaded as scripts (no fetch(), no
 * worker), so it works from file:// as from a server, and under a CSP with script-src 'self':
 * a small head (search/hs-index.js: rules, stop words, alarm signs, lay phrases, the list of
 * shards), term shards (hs-t<n>.js) for the words of a query, document chunks (hs-d<n>.js) for
 * the results shown and section chunks (hs-s<n>.js) for the first of them. Folding and
 * stemming rules come from the head, so they match the build.
 *
 * A query, step by step: its words are folded and stemmed; stop words are dropped (they still
 * count for a title or alias typed whole, an alarm sign and a lay phrase); a lay phrase ("brent
 * meg") becomes one word whose candidates are the articles' words (skade, legevakt); each word
 * matches its term, its other spelling (Bokmål/Nynorsk, Sámi forms), the parts of a compound
 * ("feilbehandling" -> feil + behandling), and only when none of these exist, words one typo
 * away (from 5 letters) or two (from 8); the word being typed also matches as a prefix. A
 * document must match every word of a one- or two-word query, two of three, and half of a longer
 * one; pages that miss one word but are among its strongest matches follow (the service beside
 * the article); when nothing has enough words, the nearest hits come, marked as such. Titles and
 * aliases typed whole come first. The first results open at the section that answers the query,
 * and an alarm sign in the query shows the emergency guidance above them.
 *
 * While a citizen types, the field suggests titles, aliases and services (an ARIA 1.2 combobox)
 * from the term shard of the first word; Enter or the button shows the results.
 */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; } else { root.HsSearch = api; }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
  var LEVELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var WEIGHT = { exact: 1, variant: 0.9, part: 0.8, compound: 0.8, lay: 0.8, onePart: 0.4, typo1: 0.5, typo2: 0.3, typoPrefix: 0.25, prefix: 0.4 };
  /* a page that matches fewer words than the query requires is still a fair answer when one of
     its words is among the strongest matches of that word (half the best score): the service
     beside the article ("frikort grense" -> the exemption-card service too) */
  var FAIR = 0.5, FAIR_MAX = 5;
  /* the relaxed pass (when no page has enough of the words): a page that matches one word only
     counts when that word is a lay phrase of the query ("brent meg"), or when it stands in the
     page's title or aliases (its weight in the page, the score without the word's rarity, is
     at least this) and the site knows every other word of the query: "bytter vinterdekk" must
     not offer "Bytte fastlege". Never through a typo. */
  var RELAXED_WEIGHT = 6;
  /* the first results that may open at a section: their sections files are asked for with their
     titles, and two more files keep the first ten results in two rounds of six connections */
  var SECTION_RESULTS = 2;
  var BONUS = { title: 1000, alias: 500, inside: 60 };
  var PREFIX_LIMIT = 40, TYPO_LIMIT = 3;
  var FLAG_SERVICE = 1, FLAG_LOGIN = 2;

  function fileName(name) { return name === "head" ? "hs-index.js" : "hs-" + name + ".js"; }

  /* head: the index head; load(name) gives a part ("t3", "d0") or a promise of it. */
  function Engine(head, load) {
    var self = this;
    this.head = head;
    this.load = load;
    this.keys = Object.create(null);
    head.shards.forEach(function (prefix, i) { self.keys[prefix] = i; });
    this.stop = Object.create(null);
    head.stop.forEach(function (w) { self.stop[w] = true; });
    this.common = Object.create(null);
    (head.common || []).forEach(function (t) { self.common[t] = true; });
    this.lexicon = head.lexicon ? head.lexicon.split("\n") : [];
    this.depth = head.depth || 3;  /* the longest shard prefix */
    this.alarms = head.alarms || [];
    this.lay = head.lay || [];
    this.pending = Object.create(null);
    this.shards = Object.create(null);
    this.docs = Object.create(null);
  }

  Engine.prototype.fold = function (word) {
    var letters = this.head.fold.letters, out = "", lower = word.toLowerCase();
    for (var i = 0; i < lower.length; i++) { out += letters[lower[i]] !== undefined ? letters[lower[i]] : lower[i]; }
    out = out.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    this.head.fold.digraphs.forEach(function (pair) { out = out.split(pair[0]).join(pair[1]); });
    return out;
  };

  Engine.prototype.stem = function (word) {
    this.head.rules.forEach(function (step) {
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

  Engine.prototype.term = function (word) { return this.stem(this.fold(word)); };

  /* ---- loading parts -------------------------------------------------------------- */

  Engine.prototype.part = function (name) {
    if (!this.pending[name]) { this.pending[name] = Promise.resolve(this.load(name)); }
    return this.pending[name];
  };

  Engine.prototype.shardOf = function (term) {
    for (var k = Math.min(term.length, this.depth); k >= 0; k--) {
      var i = this.keys[term.slice(0, k)];
      if (i !== undefined) { return i; }
    }
    return -1;
  };

  /* Load the shards of these terms (those not loaded yet). */
  Engine.prototype.need = function (terms) {
    var self = this, wanted = Object.create(null);
    terms.forEach(function (t) { var i = self.shardOf(t); if (i >= 0 && !self.shards[i]) { wanted[i] = true; } });
    return Promise.all(Object.keys(wanted).map(function (i) {
      return self.part("t" + i).then(function (shard) {
        self.shards[i] = { vocab: shard.terms ? shard.terms.split("\n") : [], encoded: shard.postings,
                           phrases: shard.phrases, variants: shard.variants, cache: Object.create(null) };
      });
    }));
  };

  /* [shard, position] of a term in a loaded shard, or null. */
  Engine.prototype.find = function (term) {
    var shard = this.shards[this.shardOf(term)];
    if (!shard) { return null; }
    var at = lowerBound(shard.vocab, term);
    return at < shard.vocab.length && shard.vocab[at] === term ? [shard, at] : null;
  };

  Engine.prototype.has = function (term) { return this.find(term) !== null; };

  Engine.prototype.postings = function (term) {
    var found = this.find(term);
    if (!found) { return []; }
    var shard = found[0];
    if (shard.cache[term]) { return shard.cache[term]; }
    var encoded = shard.encoded[found[1]], out = [], doc = 0, digits = "";
    for (var i = 0; i < encoded.length; i++) {
      var ch = encoded[i], level = LEVELS.indexOf(ch);
      if (level < 0) { digits += ch; continue; }
      doc += parseInt(digits, 36); digits = "";
      out.push([doc, Math.pow(2, level / 4) - 1]);
    }
    shard.cache[term] = out;
    return out;
  };

  /* ---- the query ------------------------------------------------------------------ */

  /* The query's words ("slots"): a hyphenated word is one slot with its parts. */
  Engine.prototype.analyse = function (query) {
    var self = this, slots = [];
    (query.match(WORD) || []).forEach(function (token) {
      var pieces = token.split(/['-]/).filter(Boolean), folded = self.fold(pieces.join(""));
      slots.push({ raw: token, folded: folded, term: self.stem(folded),
                   parts: pieces.length > 1 ? pieces.map(function (p) { return self.term(p); }).filter(function (t) { return t.length >= 3; }) : [],
                   stop: self.stop[folded] === true || folded.length < 2 ||
                         (pieces.length > 1 && pieces.every(function (p) { return p.length < 2 || self.stop[self.fold(p)] === true; })) });
    });
    var all = this.words(query).map(function (w) { return self.term(w); });
    var content = this.layPhrases(slots.filter(function (s) { return !s.stop; }), all);
    return { slots: slots, content: content.length ? content : slots, all: all };
  };

  /* What people say happened ("brent meg", "vondt i brystet") also stands for the words the
     articles use (head.lay, from data/search/lay.yml): the words of a phrase become one slot of
     the query whose candidates are those words and theirs. */
  Engine.prototype.layPhrases = function (content, all) {
    var have = Object.create(null), claimed = [];
    all.forEach(function (t) { have[t] = true; });
    this.lay.forEach(function (entry) {
      var best = null;
      entry[0].forEach(function (phrase) {
        var parts = phrase.split(" ");
        if (parts.every(function (p) { return have[p]; }) && (!best || parts.length > best.length)) { best = parts; }
      });
      if (!best) { return; }
      var slot = null, own = [];
      content.forEach(function (s) {
        if (best.indexOf(s.term) >= 0 || best.indexOf(s.folded) >= 0) { own.push(s); }
      });
      /* a phrase whose words another phrase took joins that slot */
      claimed.forEach(function (c) { if (!slot && own.length && own.every(function (s) { return c.words.indexOf(s) >= 0; })) { slot = c; } });
      if (!slot) {
        own = own.filter(function (s) { return !claimed.some(function (c) { return c.words.indexOf(s) >= 0; }); });
        slot = { term: best.join(" "), folded: best.join(" "), parts: [], stop: false, lay: [], words: own, nearest: false };
        claimed.push(slot);
      }
      if (entry[2] !== false) { slot.nearest = true; }  /* what happened: enough for the nearest hits */
      entry[1].forEach(function (m) { if (slot.lay.indexOf(m) < 0) { slot.lay.push(m); } });
    });
    if (!claimed.length) { return content; }
    var out = [];
    content.forEach(function (s) {
      var c = claimed.filter(function (c) { return c.words.indexOf(s) >= 0; })[0];
      if (!c) { out.push(s); } else if (out.indexOf(c) < 0) { out.push(c); }
    });
    claimed.forEach(function (c) { if (out.indexOf(c) < 0) { out.push(c); } });
    return out;
  };

  /* The alarm signs the query holds (head.alarms, from data/search/alarms.yml): every word of
     one of a sign's phrases, as typed or as corrected; the guidance to show ("113" first). */
  Engine.prototype.alarm = function (q, plans) {
    var have = Object.create(null), calls = [];
    q.all.forEach(function (t) { have[t] = true; });
    q.slots.forEach(function (s) { have[s.folded] = true; });
    (plans || []).forEach(function (p) { if (p.best && p.best.term) { have[p.best.term] = true; } });
    this.alarms.forEach(function (sign) {
      if (calls.indexOf(sign[0]) < 0 && sign[1].some(function (phrase) { return phrase.split(" ").every(function (w) { return have[w]; }); })) {
        calls.push(sign[0]);
      }
    });
    calls.sort(function (a, b) { return (a === "113" ? 0 : 1) - (b === "113" ? 0 : 1); });
    return calls.length ? { call: calls[0], calls: calls } : null;
  };

  /* First round: the terms a slot can stand for without guessing. */
  Engine.prototype.plainTerms = function (slot) {
    if (slot.lay) {
      var out = [];
      slot.words.forEach(function (w) { out.push(w.term, w.folded); });
      slot.lay.forEach(function (m) { out = out.concat(m.split(" ")); });
      return out;
    }
    return [slot.term, slot.folded].concat(slot.parts);
  };

  /* The other spellings of a term (filed in its shard, which must be loaded). */
  Engine.prototype.variants = function (term) {
    var shard = this.shards[this.shardOf(term)];
    return (shard && shard.variants[term]) || [];
  };

  Engine.prototype.candidates = function (slot, last) {
    var self = this, found = [];
    function add(t, weight) { if (self.has(t) && !found.some(function (c) { return c.term === t; })) { found.push({ term: t, weight: weight }); } }
    if (slot.lay) {
      /* the words as typed count together ("sover dårlig": both), never one alone ("dårlig") */
      if (slot.words.length === 1) { add(slot.words[0].term, WEIGHT.exact); add(slot.words[0].folded, WEIGHT.exact); }
      else if (slot.words.length > 1 && slot.words.every(function (w) { return self.has(w.term); })) {
        found.push({ and: slot.words.map(function (w) { return w.term; }), weight: WEIGHT.exact });
      }
      slot.lay.forEach(function (m) {
        var parts = m.split(" ");
        if (parts.length === 1) { add(m, WEIGHT.lay); }
        else if (parts.every(function (p) { return self.has(p); })) { found.push({ and: parts, weight: WEIGHT.lay }); }
      });
      return found;
    }
    add(slot.term, WEIGHT.exact); add(slot.folded, WEIGHT.exact);
    this.variants(slot.term).forEach(function (t) { add(t, WEIGHT.variant); });
    slot.parts.forEach(function (t) { add(t, WEIGHT.part); });
    if (last && slot.folded.length >= 3) {
      var shard = this.shards[this.shardOf(slot.term)];
      if (shard) {
        for (var i = lowerBound(shard.vocab, slot.term), n = 0; i < shard.vocab.length && n < PREFIX_LIMIT && shard.vocab[i].indexOf(slot.term) === 0; i++, n++) {
          add(shard.vocab[i], WEIGHT.prefix);
        }
      }
    }
    return found;
  };

  /* Compound parts: cuts where the head is a word of the index; the tails' shards are loaded. */
  Engine.prototype.compoundCuts = function (slot) {
    var word = slot.folded, cuts = [];
    if (!this.head.compounds || word.length < 8) { return cuts; }
    for (var cut = word.length - 4; cut >= 4; cut--) {
      var head = word.slice(0, cut), tail = word.slice(cut), heads = [head];
      if ("se".indexOf(head[head.length - 1]) >= 0 && head.length > 4) { heads.push(head.slice(0, -1)); }
      for (var h = 0; h < heads.length; h++) {
        var known = this.has(heads[h]) ? heads[h] : this.has(this.stem(heads[h])) ? this.stem(heads[h]) : null;
        if (known) { cuts.push({ head: known, tail: tail }); }
      }
    }
    return cuts;
  };

  /* Both parts of a compound in one document; failing that, its longest known part (of five
     letters or more) on its own, weighted lower ("telefonnummer" -> "nummer"). */
  Engine.prototype.compound = function (cuts) {
    var longest = null;
    for (var i = 0; i < cuts.length; i++) {
      var tail = cuts[i].tail, stemmed = this.stem(tail);
      var t = this.has(tail) ? tail : this.has(stemmed) ? stemmed : null;
      if (t && t !== cuts[i].head) { return { and: [cuts[i].head, t], weight: WEIGHT.compound }; }
      [cuts[i].head, t].forEach(function (part) { if (part && part.length >= 5 && (!longest || part.length > longest.length)) { longest = part; } });
    }
    return longest ? { term: longest, weight: WEIGHT.onePart } : null;
  };

  /* Words a typo away: from the slot's shard and from the title words (the lexicon, which
     also catches typos in the first letters). Whole words before words the query could be the
     start of; the nearest few; a word of under five letters is not corrected (except two
     letters swapped in a title word: "crad" -> "card"). A word the query could be the start of,
     with a typo, needs six letters typed: the guess is the weakest there is, and with five too
     many words start nearly so ("tyres" is not "thres-hold"; "lgevak" is "legevak-t"). */
  Engine.prototype.typos = function (slot, fromLexicon) {
    var pool = fromLexicon ? this.lexicon : ((this.shards[this.shardOf(slot.term)] || {}).vocab || []);
    var whole = [], starts = [], bestWhole = 3, bestStart = 3;
    [slot.term, slot.folded].forEach(function (q) {
      var most = q.length >= 8 ? 2 : q.length >= 5 ? 1 : 0;
      for (var i = 0; i < pool.length; i++) {
        var v = pool[i];
        if (most === 0) {
          if (fromLexicon && q.length === 4 && swapped(q, v)) { if (bestWhole > 1) { bestWhole = 1; whole = []; } if (whole.indexOf(v) < 0) { whole.push(v); } }
          continue;
        }
        if (v.length < 5 || v.length < q.length - most) { continue; }
        var d = distance(q, v, most);
        if (d.whole <= most && d.whole <= bestWhole) {
          if (d.whole < bestWhole) { bestWhole = d.whole; whole = []; }
          if (whole.indexOf(v) < 0) { whole.push(v); }
        } else if (d.start <= most && d.start <= bestStart && q.length >= 6) {
          if (d.start < bestStart) { bestStart = d.start; starts = []; }
          if (starts.indexOf(v) < 0) { starts.push(v); }
        }
      }
    });
    if (whole.length) { return { terms: whole, weight: bestWhole === 1 ? WEIGHT.typo1 : WEIGHT.typo2, rank: bestWhole }; }
    return { terms: starts, weight: WEIGHT.typoPrefix, rank: starts.length ? bestStart + 0.5 : Infinity };
  };

  /* The results of a query (see answer). */
  Engine.prototype.search = function (query, limit) {
    return this.answer(query, limit).then(function (a) { return a.results; });
  };

  /* Everything the page shows for a query: {results, alarm (the emergency guidance to show
     above them, or null), relaxed (the results are the nearest hits, not hits on all the words),
     marks (the query's words, for the page a result opens)}. Each result: {url, title, snippet,
     service, login, score, section (an anchor, or null), heading (the section's)}. */
  /* `first`: how many results to find titles for before answering (the rest come with more()) */
  Engine.prototype.answer = function (query, limit, first) {
    var self = this, q = this.analyse(query);
    limit = limit || 20;
    var marks = q.slots.filter(function (s) { return !s.stop && s.folded.length >= 3; }).map(function (s) { return s.raw; });
    if (!q.slots.length) { return Promise.resolve({ results: [], alarm: null, relaxed: false, marks: [], more: null }); }
    return this.plan(q).then(function (plans) {
      var ranked = self.rank(q, plans, false), relaxed = false;
      if (!ranked.length) { ranked = self.rank(q, plans, true); relaxed = ranked.length > 0; }
      ranked = ranked.slice(0, limit);
      var now = ranked.slice(0, first || limit), later = ranked.slice(now.length);
      /* the titles and the sections of the first results are asked for at once */
      /* the titles and the sections of the first results are asked for at once; they show
         together, so nothing on the page moves once the results are there */
      var sections = Promise.all(now.slice(0, SECTION_RESULTS).map(function (r) { return self.sectionPart(r[0]); }));
      return Promise.all([self.results(now), sections]).then(function (found) {
        return self.sections(q, plans, found[0]);
      }).then(function (results) {
        return { results: results, alarm: self.alarm(q, plans), relaxed: relaxed, marks: marks,
                 more: later.length ? function () { return self.results(later); } : null };
      });
    });
  };

  /* [document, score, exact] -> results with their titles (from the document chunks) */
  Engine.prototype.results = function (ranked) {
    return this.documents(ranked.map(function (r) { return r[0]; })).then(function (docs) {
      return ranked.map(function (r, i) {
        var d = docs[i];
        return { url: d[0], title: d[1], snippet: d[2], service: (d[3] & FLAG_SERVICE) !== 0,
                 login: (d[3] & FLAG_LOGIN) !== 0,
                 score: r[1], exact: r[2], number: r[0], section: null, heading: null };
      });
    });
  };

  /* The sections of document `number`'s chunk, or null: only the articles' chunks (the head's
     `sectioned` first ones) have a sections file */
  Engine.prototype.sectionPart = function (number) {
    var n = Math.floor(number / this.head.chunk);
    return n < (this.head.sectioned || 0) ? this.part("s" + n).then(null, function () { return null; }) : Promise.resolve(null);
  };

  /* Load what the query's words need and find each word's candidates: its plans. */
  Engine.prototype.plan = function (q) {
    var self = this;
    var first = [];
    q.content.forEach(function (s) { first = first.concat(self.plainTerms(s)); });
    return this.need(first).then(function () {
      var spellings = [];
      q.content.forEach(function (s) { spellings = spellings.concat(self.variants(s.term)); });
      return self.need(spellings);
    }).then(function () {
      /* then: compound tails, and typo candidates from the title words */
      var second = [], plans = q.content.map(function (slot, i) {
        var last = i === q.content.length - 1 && q.slots[q.slots.length - 1] === slot;
        var plan = { slot: slot, last: last, found: self.candidates(slot, last) };
        if (!slot.lay && !plan.found.some(function (c) { return c.weight >= WEIGHT.part; })) {
          plan.cuts = self.compoundCuts(slot);
          plan.cuts.forEach(function (c) { second.push(c.tail, self.stem(c.tail)); });
          plan.lexical = self.typos(slot, true);
          second = second.concat(plan.lexical.terms);
        }
        return plan;
      });
      return self.need(second).then(function () { self.settle(plans); return plans; });
    });
  };

  /* Each plan's final candidates (compounds and typos where nothing plain matched), its best
     one, and its documents' scores. */
  Engine.prototype.settle = function (plans) {
    var self = this;
    plans.forEach(function (plan) {
      var found = plan.found.slice();
      if (plan.cuts && !found.some(function (c) { return c.weight >= WEIGHT.part; })) {
        var compound = self.compound(plan.cuts);
        if (compound) { found.push(compound); }
        else {
          var near = self.typos(plan.slot, false), lexical = plan.lexical;
          var pick = lexical.rank < near.rank ? lexical : near;
          var terms = lexical.rank === near.rank ? near.terms.concat(lexical.terms) : pick.terms;
          terms = terms.filter(function (t, i) { return self.has(t) && terms.indexOf(t) === i; });
          terms.sort(function (a, b) { return self.postings(b).length - self.postings(a).length; });  // the common word first
          /* a word the query could be the start of: only the word being typed (the last) */
          if (pick.weight !== WEIGHT.typoPrefix || plan.last) {
            terms.slice(0, TYPO_LIMIT).forEach(function (t) { found.push({ term: t, weight: pick.weight }); });
          }
        }
      }
      plan.found = found;
      plan.best = found.length ? found.reduce(function (a, b) { return b.weight > a.weight ? b : a; }) : null;
      var best = Object.create(null), guessed = Object.create(null), weight = Object.create(null), top = 0;
      found.forEach(function (c) {
        var scores = c.and ? andPostings(c.and.map(function (t) { return self.postings(t); })) : self.postings(c.term);
        var guess = c.weight <= WEIGHT.typo1;  /* a typo, a prefix, one part of a compound */
        var idf = Math.log(1 + self.head.docs / Math.max(scores.length, 1));
        scores.forEach(function (p) {
          var score = p[1] * c.weight;
          if (!(best[p[0]] >= score)) { best[p[0]] = score; guessed[p[0]] = guess; }
          if (score > top) { top = score; }
          if (!guess) { weight[p[0]] = Math.max(weight[p[0]] || 0, Math.exp(p[1] / idf) - 1); }
        });
      });
      plan.scores = best; plan.guessed = guessed; plan.weight = weight; plan.top = top;
    });
  };

  /* The documents of a query, best first, as [document, score, exact title or alias]. Strict:
     a document must match every word of a one- or two-word query, two of three, half of a
     longer one; then the fair answers that match fewer (FAIR). Relaxed (when strict finds
     nothing): the documents that match the most words, a single word only where it weighs
     RELAXED_FLOOR and was not guessed. */
  Engine.prototype.rank = function (q, plans, relaxed) {
    var self = this, totals = Object.create(null), matched = Object.create(null), strong = Object.create(null);
    plans.forEach(function (plan) {
      Object.keys(plan.scores).forEach(function (doc) {
        var score = plan.scores[doc];
        totals[doc] = (totals[doc] || 0) + score;
        matched[doc] = (matched[doc] || 0) + 1;
        if (!self.common[plan.slot.term] && score >= FAIR * plan.top) { strong[doc] = true; }
      });
    });
    /* a common word (in most documents) is not required, as a stop word is not */
    var n = plans.filter(function (p) { return !self.common[p.slot.term]; }).length || plans.length;
    var required = n <= 2 ? n : n === 3 ? 2 : Math.ceil(n / 2), scored = Object.create(null), exact = Object.create(null);
    if (relaxed) {
      /* a local addition's page is never a guess (they are the last documents), and a word only
         they have is not one the site knows ("parking at the hospital" is not about the
         legevakt's parking in one municipality) */
      var local = this.head.local_from >= 0 ? this.head.local_from : Infinity;
      var national = function (c) {
        var found = c.and ? andPostings(c.and.map(function (t) { return self.postings(t); })) : self.postings(c.term);
        return found.some(function (p) { return p[0] < local; });
      };
      var most = 0, sure = Object.create(null);
      var known = plans.every(function (p) { return p.found.some(function (c) { return c.weight > WEIGHT.typo1 && national(c); }); });
      plans.forEach(function (p) {
        Object.keys(p.scores).forEach(function (doc) { if (!p.guessed[doc]) { sure[doc] = (sure[doc] || 0) + 1; } });
      });
      Object.keys(sure).forEach(function (doc) { if (Number(doc) >= local) { delete sure[doc]; } });
      Object.keys(sure).forEach(function (doc) { if (sure[doc] > most) { most = sure[doc]; } });
      Object.keys(sure).forEach(function (doc) {
        if (sure[doc] < most) { return; }
        if (most === 1 && !plans.some(function (p) {
          if (p.scores[doc] === undefined || p.guessed[doc] || self.common[p.slot.term]) { return false; }
          return (p.slot.lay && p.slot.nearest) || (p.weight[doc] >= RELAXED_WEIGHT && known);
        })) { return; }
        scored[doc] = totals[doc];
      });
      return this.order(scored, exact);
    }
    /* a local addition's page (the last documents) is a precise answer or none: it has every
       word of the query, none of them through a guess (a typo, a prefix, one part of a compound).
       "parkeringsbot" is not the legevakt's parking, "opening hours on Saturday" not "open day
       and night" in one municipality */
    var localFrom = this.head.local_from >= 0 ? this.head.local_from : Infinity;
    var guessedLocal = function (doc) {
      return Number(doc) >= localFrom && (matched[doc] < n ||
        plans.some(function (p) { return p.scores[doc] !== undefined && p.guessed[doc]; }));
    };
    Object.keys(totals).forEach(function (doc) {
      if (matched[doc] < required || guessedLocal(doc)) { return; }
      scored[doc] = totals[doc] * (matched[doc] >= n ? 2 : 1);
    });
    this.phraseBonus(q, plans, totals, scored, exact);
    var order = this.order(scored, exact);
    if (!order.length) { return order; }
    /* the fair answers, among the strict ones by their score (without the bonus for every word) */
    var fair = Object.keys(totals).filter(function (doc) {
      return scored[doc] === undefined && strong[doc] && matched[doc] >= required - 1 && !guessedLocal(doc);
    }).map(Number).sort(function (a, b) { return totals[b] - totals[a] || a - b; }).slice(0, FAIR_MAX);
    fair.forEach(function (doc) { scored[doc] = totals[doc]; });
    return this.order(scored, exact);
  };

  Engine.prototype.order = function (scored, exact) {
    return Object.keys(scored).map(Number).sort(function (a, b) { return scored[b] - scored[a] || a - b; })
      .map(function (doc) { return [doc, scored[doc], exact[doc] || null]; });
  };

  /* The section of each of the first results that answers the query best: the one whose
     heading (3) or text (1) holds most of the query's words, when it holds more of them than
     the page's description does. A title typed whole opens the page at its top; an alias typed
     whole, at a section only when its heading holds every word ("Skolehelsetjenesten"). */
  Engine.prototype.sections = function (q, plans, results) {
    var self = this, chunk = this.head.chunk;
    var wanted = results.slice(0, SECTION_RESULTS).filter(function (r) { return !r.service && r.exact !== "title"; });
    if (!wanted.length) { return Promise.resolve(results); }
    var sets = plans.map(function (plan) {
      var set = Object.create(null);
      set[plan.slot.term] = true; set[plan.slot.folded] = true;
      (plan.slot.words || []).forEach(function (w) { set[w.term] = true; });
      plan.found.forEach(function (c) { (c.and ? c.and : [c.term]).forEach(function (t) { set[t] = true; }); });
      return set;
    });
    var others = Object.create(null);
    results.forEach(function (r) { if (r.title) { others[r.title.toLowerCase()] = true; } });
    /* a word of the page's title says which page, not which section: it counts a quarter */
    function count(heading, text, title) {
      var score = 0;
      sets.forEach(function (set) {
        var share = title.some(function (t) { return set[t]; }) ? 0.25 : 1;
        if (heading.some(function (t) { return set[t]; })) { score += 3 * share; }
        else if (text.some(function (t) { return set[t]; })) { score += share; }
      });
      return score;
    }
    return Promise.all(wanted.map(function (r) {
      return self.sectionPart(r.number).then(function (part) {
        var mine = (part && part.sections && part.sections[r.number % chunk]) || [], best = null, bestScore = 0;
        var title = self.words(r.title).map(function (w) { return self.term(w); });
        var intro = count([], self.words(r.snippet).map(function (w) { return self.term(w); }), title);
        mine.forEach(function (s) {
          var halves = s[2].split(" | "), heading = halves[0] ? halves[0].split(" ") : [];
          var score = count(heading, halves[1] ? halves[1].split(" ") : [], title);
          var whole = sets.every(function (set) { return heading.some(function (t) { return set[t]; }); });
          /* a section headed by another result's title is that page in brief: the alias
             "Helsestasjon" opens its page, not the section "Helsestasjon for ungdom" above the
             page of that name */
          if (others[String(s[1]).toLowerCase()]) { return; }
          if ((r.exact !== "alias" || whole) && score > bestScore) { best = s; bestScore = score; }
        });
        if (best && (r.exact === "alias" || bestScore >= intro + 1)) { r.section = best[0]; r.heading = best[1]; r.snippet = best[3] || r.snippet; }
      }, function () { /* no sections: the page's top */ });
    })).then(function () { return results; });
  };

  /* A title or alias typed whole comes first (also when typed with a typo); one found inside a
     longer query keeps its page among the results even when other words do not match (when it
     is at least half the query's words: "what does patient travel cost"), and one of several
     words lifts its page. */
  Engine.prototype.phraseBonus = function (q, plans, totals, scored, exact) {
    var self = this, whole = q.all.join(" "), content = q.content.map(function (s) { return s.term; }).join(" ");
    var corrected = plans.map(function (p) { return p.best && !p.best.and ? p.best.term : p.slot.term; }).join(" ");
    var padded = " " + whole + " ", paddedCorrected = " " + corrected + " ", seen = Object.create(null);
    var lookups = [];
    plans.forEach(function (plan) {
      lookups = lookups.concat([plan.slot.term], self.variants(plan.slot.term), plan.best && plan.best.term ? [plan.best.term] : []);
    });
    lookups.forEach(function (t) {
      var found = self.find(t);
      if (!found || !found[0].phrases[t]) { return; }
      found[0].phrases[t].forEach(function (entry) {
        var key = entry[0], doc = entry[1], id = key + "\u0000" + doc, size = key.split(" ").length;
        if (seen[id]) { return; }
        seen[id] = true;
        var bonus = entry[2] === 0 ? BONUS.title : BONUS.alias;
        if (key === whole || key === content) { scored[doc] = (scored[doc] || totals[doc] || 0) + bonus; exact[doc] = exact[doc] || (entry[2] === 0 ? "title" : "alias"); }
        else if (key === corrected) { scored[doc] = (scored[doc] || totals[doc] || 0) + bonus / 4; }
        else if (padded.indexOf(" " + key + " ") >= 0 || paddedCorrected.indexOf(" " + key + " ") >= 0) {
          if (scored[doc] === undefined && size * 2 >= plans.length && totals[doc] !== undefined) { scored[doc] = totals[doc]; }
          if (scored[doc] !== undefined && size > 1) { scored[doc] += BONUS.inside * size; }
        }
      });
    });
  };

  Engine.prototype.documents = function (numbers) {
    var self = this, chunk = this.head.chunk;
    return Promise.all(numbers.map(function (n) {
      var name = "d" + Math.floor(n / chunk);
      return self.part(name).then(function (part) { return part.docs[n % chunk]; });
    }));
  };

  /* ---- helpers -------------------------------------------------------------------- */

  function lowerBound(list, term) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < term) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }

  /* Documents in every list, with the lowest of their scores. */
  function andPostings(lists) {
    var out = lists[0];
    for (var i = 1; i < lists.length; i++) {
      var other = Object.create(null);
      lists[i].forEach(function (p) { other[p[0]] = p[1]; });
      out = out.filter(function (p) { return other[p[0]] !== undefined; }).map(function (p) { return [p[0], Math.min(p[1], other[p[0]])]; });
    }
    return out;
  }

  function swapped(a, b) {
    if (a === b || a.length !== b.length) { return false; }
    for (var i = 0; i < a.length - 1; i++) {
      if (a[i] !== b[i]) { return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); }
    }
    return false;
  }

  /* Edits (insert, delete, substitute, swap two neighbours) from a to b (whole) and from a to
     the nearest start of b (start: a word still being typed); past `most` counts as most + 1. */
  function distance(a, b, most) {
    var rows = [], i, j, start = most + 1;
    for (i = 0; i <= a.length; i++) { rows.push([i]); }
    for (j = 1; j <= b.length; j++) { rows[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      var low = Infinity;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { d = Math.min(d, rows[i - 2][j - 2] + 1); }
        rows[i][j] = d;
        if (d < low) { low = d; }
      }
      if (low > most) { return { whole: most + 1, start: most + 1 }; }
    }
    for (j = Math.max(1, a.length - most); j < b.length; j++) { start = Math.min(start, rows[a.length][j]); }
    return { whole: Math.min(rows[a.length][b.length], most + 1), start: start };
  }

  /* A loader for the browser: each part is a script next to the head. */
  function scriptLoader(base) {
    return function (name) {
      return new Promise(function (resolve, reject) {
        var parts = self.HS_SEARCH_PARTS || {};
        if (parts[name]) { resolve(parts[name]); return; }
        var script = document.createElement("script");
        script.src = base + fileName(name);
        script.async = true;
        script.addEventListener("load", function () {
          var part = (self.HS_SEARCH_PARTS || {})[name];
          if (part) { resolve(part); } else { reject(new Error("no search part " + name)); }
        });
        script.addEventListener("error", function () { reject(new Error("cannot load search part " + name)); });
        document.head.appendChild(script);
      });
    };
  }

  /* ---- suggestions while typing ---------------------------------------------------- */

  /* Titles, aliases and services whose words start with what is typed ("legev" -> Legevakt,
     "bytte fa" -> Bytte fastlege), from the term shard of the first word: the names are filed
     there with the titles (the index's phrases), so a keystroke loads nothing once the
     letters that name that shard are in (three or four: head.depth). Titles first, then shorter names; one per page. */
  Engine.prototype.suggest = function (text, limit) {
    var self = this, typed = this.words(text.trim()).map(function (w) { return self.fold(w); });
    if (!typed.length || typed.join("").length < 3) { return Promise.resolve([]); }
    var firstIndex = 0;
    while (firstIndex < typed.length - 1 && this.stop[typed[firstIndex]]) { firstIndex++; }
    var first = typed[firstIndex], stemmed = this.stem(first);
    if (first.length < 3) { return Promise.resolve([]); }
    return this.need([first.slice(0, self.depth)]).then(function () {
      var shard = self.shards[self.shardOf(first.slice(0, self.depth))], found = [], seen = Object.create(null);
      if (!shard) { return []; }
      Object.keys(shard.phrases).forEach(function (key) {
        if (key.indexOf(stemmed) !== 0 && first.indexOf(key) !== 0 && key.indexOf(first) !== 0) { return; }
        shard.phrases[key].forEach(function (entry) {
          var name = entry[3];
          if (!name) { return; }
          var words = self.words(name).map(function (w) { return self.fold(w); });
          var fits = typed.every(function (t, i) {
            var w = words[i];
            if (w === undefined) { return false; }
            return i === typed.length - 1 ? w.indexOf(t) === 0 || w.indexOf(self.stem(t)) === 0 : self.stem(w) === self.stem(t) || w === t;
          });
          if (fits) { found.push({ name: name, title: entry[4] || "", doc: entry[1], alias: entry[2] === 1, flags: entry[5] || 0 }); }
        });
      });
      found.sort(function (a, b) { return (a.alias - b.alias) || (a.name.length - b.name.length) || (a.name < b.name ? -1 : 1); });
      return found.filter(function (s) { if (seen[s.doc]) { return false; } seen[s.doc] = true; return true; })
        .slice(0, limit || 6)
        .map(function (s) { return { name: s.name, title: s.title, doc: s.doc, service: (s.flags & FLAG_SERVICE) !== 0, login: (s.flags & FLAG_LOGIN) !== 0 }; });
    });
  };

  /* ---- the search form and the page's results view -------------------------------- */

  function setup(box) {
    var input = box.querySelector("input[name=q]"), form = box.querySelector("form");
    var view = document.getElementById("hs-results");
    if (!input || !view || box.hsSearch) { return; }
    var heading = view.querySelector(".hs-results__heading"), list = view.querySelector(".hs-search__results");
    var status = view.querySelector(".hs-search__status"), none = null, alarms = [];  /* from the head: viewParts */
    var closer = view.querySelector(".hs-results__close-button"), near = view.querySelector(".hs-search__near");
    var suggestList = box.querySelector(".hs-suggest"), suggestStatus = box.querySelector("#hs-suggest-status");
    var texts = JSON.parse(box.getAttribute("data-texts")), base = box.getAttribute("data-base");
    var src = box.getAttribute("data-index"), folder = src.slice(0, src.lastIndexOf("/") + 1);
    var engine = null, pending = [], timer = null, shown = null, closing = false, asked = 0, suggested = [], active = -1, typedAsk = 0;
    var pageTitle = document.title, kiosk = !!document.querySelector("meta[name=hs-kiosk-home]");
    box.hsSearch = true;

    function fill(text, query, n) { return text.split("{query}").join(query).split("{n}").join(String(n)); }

    /* What the language's head brings for the view (helsesider/site/search_view.py): its words,
       and the alarm panels and the "nothing found" help, with the page's way to the site's root. */
    function viewParts(parts) {
      var more = parts.view || { texts: {}, alarms: "", none: "" }, root = (base || "./").replace(/[&"<>]/g, "");
      Object.keys(more.texts).forEach(function (key) { texts[key] = more.texts[key]; });
      if (!view.hsParts) {  /* once, whichever of the page's search forms loads the head first */
        view.hsParts = true;
        status.insertAdjacentHTML("afterend", more.alarms.split("{base}").join(root));
        list.insertAdjacentHTML("afterend", more.none.split("{base}").join(root));
      }
      alarms = Array.prototype.slice.call(view.querySelectorAll("[data-hs-alarm]"));
      none = view.querySelector(".hs-search__none") || document.createElement("div");
    }

    function ready() {
      if (!engine) { viewParts(self.HS_SEARCH_PARTS); engine = new Engine(self.HS_SEARCH_PARTS.head, scriptLoader(folder)); box.engine = engine; }
      var waiting = pending; pending = [];  /* a search and a suggestion may both wait for the head */
      waiting.forEach(function (next) { next(); });
    }

    function load(then) {
      if (engine) { then(); return; }
      pending.push(then);
      if (self.HS_SEARCH_PARTS && self.HS_SEARCH_PARTS.head) { ready(); return; }
      if (box.getAttribute("data-loading")) { return; }
      box.setAttribute("data-loading", "true");
      /* a search link (?q=) started loading the head in <head> already */
      var script = document.getElementById("hs-search-index");
      if (!script) {
        script = document.createElement("script");
        script.id = "hs-search-index";
        script.src = src;
        document.head.appendChild(script);
      }
      if (self.HS_SEARCH_PARTS && self.HS_SEARCH_PARTS.head) { ready(); return; }
      script.addEventListener("load", ready);
      script.addEventListener("error", function () { heading.textContent = texts.failed; status.textContent = texts.failed; });
    }

    /* The results view stands in the reading column in place of the page's content */
    function open(on) {
      document.documentElement.classList.toggle("hs-searching", on);
      view.hidden = !on;
      if (!on) { document.title = pageTitle; }
    }

    function clear() {
      list.textContent = ""; list.hidden = true; status.textContent = ""; shown = null;
      if (none) { none.hidden = true; }
      near.hidden = true;
      alarms.forEach(function (a) { a.hidden = true; });
      open(false);
    }

    /* A result's address: the page, the query's words for the page to mark, and the section */
    function address(r, marks) {
      return base + r.url + (marks.length ? "?hs-mark=" + encodeURIComponent(marks.join(" ")) : "") + (r.section ? "#" + r.section : "");
    }

    function item(r, marks) {
      var entry = document.createElement("li"), link = document.createElement("a"), snippet = document.createElement("p");
      entry.className = "hs-search__result";
      link.className = "hs-search__link";
      link.href = r.href || address(r, marks);  // r.href: a stored page's own address (offline)
      link.textContent = r.title;
      if (r.section) {
        var part = document.createElement("span");
        part.className = "hs-search__section";
        part.textContent = r.heading;
        link.appendChild(document.createTextNode(" – "));
        link.appendChild(part);
      }
      entry.appendChild(link);
      if (r.login) {
        var badge = document.createElement("span");
        badge.className = "ds-tag hs-tag hs-search__badge";
        badge.setAttribute("data-color", "info");
        badge.textContent = texts.login;
        entry.appendChild(badge);
      }
      snippet.className = "hs-search__snippet";
      snippet.textContent = r.snippet;
      entry.appendChild(snippet);
      return entry;
    }

    /* With a municipality chosen (hs-site.js keeps it in localStorage), the local additions of
       other regions are left out of the results; without one, every addition's page is found. */
    function localPage() { return texts.local_dir ? new RegExp("/" + texts.local_dir + "/([a-z0-9-]+)(?:/|\\.html)$") : null; }
    function chosenRegions() {
      try {
        var chosen = JSON.parse(window.localStorage.getItem("hs-municipality") || "null");
        return chosen && Array.isArray(chosen.load) ? chosen.load : null;
      } catch (e) { return null; }
    }
    function visible(results) {
      var regions = chosenRegions(), local = localPage();
      if (!local || !regions) { return results; }
      return results.filter(function (r) { var m = local.exec(r.url); return !m || regions.indexOf(m[1]) >= 0; });
    }

    function show(query, answer) {
      answer.results = visible(answer.results);
      var results = answer.results, calls = answer.alarm ? answer.alarm.calls : [], said = [];
      list.textContent = "";
      results.forEach(function (r) { list.appendChild(item(r, answer.marks)); });
      alarms.forEach(function (a) {
        a.hidden = calls.indexOf(a.getAttribute("data-hs-alarm")) < 0;
        if (!a.hidden) { said.push(a.querySelector(".hs-alarm__title").textContent); }
      });
      list.hidden = results.length === 0;
      none.hidden = results.length > 0;
      near.hidden = !(answer.relaxed && results.length);
      heading.textContent = fill(!results.length ? texts.heading_none : answer.relaxed ? texts.heading_near : texts.heading, query, results.length);
      said.push(results.length ? texts.results.replace("{n}", results.length) : texts.none);
      status.textContent = said.join(". ");
      document.title = fill(texts.title, query, 0) + " – " + texts.site;
      box.setAttribute("data-results", String(results.length));
      box.setAttribute("data-query", query);
      open(true);
    }

    /* ---- without network (hs-sw.js): the pages this device has stored, and nothing else ---- */

    function folded(text) { return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, ""); }

    /* how well a stored page answers the query's words: every word must be in it, as a word or
       the start of one (a longer word loses its last two letters: "brystet" finds "bryst") */
    function storedScore(page, words) {
      var parts = [folded(page.title), folded(page.description), folded(page.text)], score = 0;
      var tokens = parts.map(function (part) { return part.match(/[\p{L}\p{N}]+/gu) || []; });
      for (var i = 0; i < words.length; i++) {
        var w = words[i], stem = w.length >= 6 ? w.slice(0, -2) : w, hits = [0, 0, 0];
        tokens.forEach(function (list, k) { list.forEach(function (token) { if (token.indexOf(stem) === 0) { hits[k]++; } }); });
        if (!hits[0] && !hits[1] && !hits[2]) { return 0; }
        score += 10 * hits[0] + 3 * hits[1] + Math.min(hits[2], 5);
      }
      return score;
    }

    function renderStored(query) {
      shown = query;
      var ticket = ++asked, q = engine.analyse(query), alarm = engine.alarm(q, []);
      var words = q.slots.filter(function (s) { return !s.stop && s.folded.length >= 2; }).map(function (s) { return folded(s.raw); });
      heading.textContent = fill(texts.searching, query, 0);
      return self.HsSite.storedPages().then(function (pages) {
        if (ticket !== asked || shown !== query) { return; }
        var found = words.length ? pages.map(function (page) { return { page: page, score: storedScore(page, words) }; })
          .filter(function (x) { return x.score > 0; })
          .sort(function (a, b) { return b.score - a.score || a.page.title.localeCompare(b.page.title); }) : [];
        show(query, { results: [], alarm: alarm, relaxed: false, marks: [] });
        found.forEach(function (x) { list.appendChild(item({ href: x.page.url, title: x.page.title, snippet: x.page.description }, [])); });
        list.hidden = found.length === 0;
        none.hidden = found.length > 0;
        heading.textContent = fill(found.length ? texts.offline : texts.offline_none, query, found.length);
        status.textContent = heading.textContent;
        box.setAttribute("data-results", String(found.length));
        box.setAttribute("data-offline", "true");
      });
    }

    /* The results of `query`, unless the field has changed by the time they are found. */
    function render(query) {
      if (query === shown) { open(true); return Promise.resolve(); }  // unchanged: keep the list (and the focus in it)
      if (navigator.onLine === false && self.HsSite && self.HsSite.storedPages) { return renderStored(query); }
      shown = query;
      heading.textContent = fill(texts.searching, query, 0);
      var ticket = ++asked;
      /* the first ten as soon as they are known, the rest (up to twenty) after them */
      return engine.answer(query, 20, 10).then(function (answer) {
        if (ticket !== asked || shown !== query) { return; }
        show(query, answer);
        if (answer.more) {
          answer.more().then(function (rest) {
            if (ticket !== asked || shown !== query) { return; }
            rest = visible(rest);
            answer.results = answer.results.concat(rest);
            rest.forEach(function (r) { list.appendChild(item(r, answer.marks)); });
            heading.textContent = fill(answer.relaxed ? texts.heading_near : texts.heading, query, answer.results.length);
            box.setAttribute("data-results", String(answer.results.length));
          });
        }
      }, function () { heading.textContent = texts.failed; status.textContent = texts.failed; });
    }

    /* ---- the suggestions (combobox) ---- */

    function optionId(i) { return "hs-suggest-" + i; }

    function closeSuggestions() {
      typedAsk++;
      suggested = []; active = -1;
      suggestList.textContent = ""; suggestList.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(i) {
      active = i;
      Array.prototype.forEach.call(suggestList.children, function (option, j) {
        option.setAttribute("aria-selected", j === i ? "true" : "false");
        option.classList.toggle("hs-suggest__option--active", j === i);
      });
      if (i >= 0) { input.setAttribute("aria-activedescendant", optionId(i)); suggestList.children[i].scrollIntoView({ block: "nearest" }); }
      else { input.removeAttribute("aria-activedescendant"); }
    }

    /* Go to the page of a suggestion (its address is in its document chunk) */
    function go(i) {
      var s = suggested[i];
      if (!s) { return; }
      engine.documents([s.doc]).then(function (docs) { window.location.href = base + docs[0][0]; });
    }

    function showSuggestions(items) {
      suggested = items; active = -1;
      suggestList.textContent = "";
      items.forEach(function (s, i) {
        var option = document.createElement("li"), name = document.createElement("span");
        option.id = optionId(i);
        option.className = "hs-suggest__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        name.className = "hs-suggest__name";
        name.textContent = s.name;
        option.appendChild(name);
        if (s.title) {
          var title = document.createElement("span");
          title.className = "hs-suggest__title";
          title.textContent = s.title;
          option.appendChild(title);
        }
        if (s.login) {
          var badge = document.createElement("span");
          badge.className = "hs-suggest__login";
          badge.textContent = texts.login;
          option.appendChild(badge);
        }
        /* mousedown, not click: the field keeps the focus until the page changes */
        option.addEventListener("mousedown", function (event) { event.preventDefault(); go(i); });
        suggestList.appendChild(option);
      });
      suggestList.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      input.removeAttribute("aria-activedescendant");
      suggestStatus.textContent = items.length ? fill(texts.suggestions, "", items.length) : "";
    }

    function suggest() {
      var text = input.value, ticket = ++typedAsk;
      if (!text.trim()) { closeSuggestions(); return Promise.resolve(); }
      return new Promise(function (resolve) {
        load(function () {
          engine.suggest(text).then(function (items) {
            if (ticket === typedAsk && input.value === text) { showSuggestions(items); }
            resolve();
          }, resolve);
        });
      });
    }

    /* Esc: the first closes the results (the query stays), the next clears the field */
    function close() {
      clearTimeout(timer); pending = []; asked++;  /* a query typed just before Esc must not reopen the results */
      closeSuggestions();
      if (view.hidden) { input.value = ""; }
      clear();
      /* the field stays in sight (the header's search panel is folded once the results close) */
      var panel = input.closest(".hs-search-panel"), toggle = document.querySelector("[data-hs-toggle=hs-search-panel]");
      if (panel && toggle) { panel.classList.add("hs-open"); toggle.setAttribute("aria-expanded", "true"); }
      closing = true;  /* focus returns to the field without opening the results again */
      input.focus();
      closing = false;
    }

    function run() {
      var query = input.value.trim();
      if (!query) { asked++; clear(); return Promise.resolve(); }
      return new Promise(function (resolve) { load(function () { render(input.value.trim()).then(resolve); }); });
    }

    function remember(query) {
      if (kiosk) { return; }  /* a kiosk keeps no trace of a query */
      try {
        var url = new URL(window.location.href);
        if (url.searchParams.get("q") === query) { return; }
        url.searchParams.set("q", query);
        window.history.pushState({ hsSearch: query }, "", url.toString());
      } catch (ignored) { /* some file:// pages refuse; the results are shown all the same */ }
    }

    function submit() {
      var query = input.value.trim();
      clearTimeout(timer);  /* the suggestions of the last keystroke are not wanted any more */
      closeSuggestions();
      if (!query) { return; }
      run().then(function () { heading.focus(); });
      remember(query);
    }

    input.addEventListener("focus", function () { if (closing) { return; } load(function () {}); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(suggest, 30); });
    input.addEventListener("blur", function () { setTimeout(function () { if (document.activeElement !== input) { closeSuggestions(); } }, 150); });
    input.addEventListener("keydown", function (event) {
      var open = !suggestList.hidden;
      if (event.key === "Escape") {
        event.preventDefault();
        if (open) { closeSuggestions(); } else { close(); }
      } else if (event.key === "ArrowDown") {
        event.preventDefault();
        if (open) { choose(Math.min(active + 1, suggested.length - 1)); }
        else { clearTimeout(timer); suggest().then(function () { if (suggested.length) { choose(0); } }); }
      } else if (event.key === "ArrowUp") {
        if (open) { event.preventDefault(); choose(active - 1); }
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        go(active);
      }
    });
    list.addEventListener("keydown", function (event) {
      var item = event.target.closest("li");
      if (!item) { return; }
      if (event.key === "ArrowDown" && item.nextSibling) { event.preventDefault(); item.nextSibling.querySelector("a").focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (item.previousSibling ? item.previousSibling.querySelector("a") : input).focus(); }
      if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    closer.addEventListener("click", function () { close(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); submit(); });
    window.addEventListener("popstate", function () {
      var query = new URLSearchParams(window.location.search).get("q") || "";
      input.value = query;
      if (query) { run(); } else { asked++; clear(); }
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { input.value = query; run(); }
    else if (box.getAttribute("data-submit")) { box.removeAttribute("data-submit"); submit(); }
    else if (document.activeElement === input) { load(function () {}); if (input.value.trim()) { suggest(); } }
  }

  if (typeof document !== "undefined") {
    var start = function () {
      var boxes = document.querySelectorAll("[data-hs-search]");
      for (var i = 0; i < boxes.length; i++) { setup(boxes[i]); }
    };
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  }

  /* The engine of the page's search form, once its head has loaded (for tests and tools). */
  function pageEngine() {
    var box = document.querySelector("[data-hs-search]"), src = box.getAttribute("data-index");
    var load = scriptLoader(src.slice(0, src.lastIndexOf("/") + 1));
    return load("head").then(function (head) { return new Engine(head, load); });
  }

  return { Engine: Engine, distance: distance, fileName: fileName, pageEngine: pageEngine };
});
