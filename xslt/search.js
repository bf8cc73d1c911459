/* Search for a stigdiff site (assets/search.js). The index
   (docs/formats/site.md) is script files written by stigdiff site, each
   one call of stigdiffSearch(): search/index.js (benchmarks, families,
   where each term shard starts), search/t<N>.js (words and the rules
   holding them) and search/d<N>.js (the rules themselves). A query loads
   the index, the term shards its words fall in and the doc shards of the
   results it shows, through <script> elements: from file:// as from a
   server. Every query word must match the start of an indexed word
   ("encrypt" finds "encryption"), as `corpus search` does. Ranking: the
   rule whose id the query is, then rules with more query words in their
   title (or ids), then the rest; the latest releases first among equals.
   Filters: product family and severity. Nothing leaves the site. */
(function () {
	"use strict";

	/* The words of a text, by the rule of stigdiff's tokenizer
	   (stigdiff/util/words.h), which cut the index's words: runs of ASCII
	   letters and digits and of every non-ASCII character, lower-cased in
	   ASCII only, cut to 64 bytes of UTF-8 at a character's start. */
	function words(text) {
		var out = [], w = "", bytes = 0;
		for (var c of text + " ") {
			var cp = c.codePointAt(0);
			var word = (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) ||
				(cp >= 97 && cp <= 122) || cp >= 128;
			if (!word) {
				if (w) out.push(w);
				w = "";
				bytes = 0;
				continue;
			}
			var n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
			if (bytes + n <= 64) w += cp >= 65 && cp <= 90 ? c.toLowerCase() : c;
			bytes += n;
		}
		return out;
	}

	/* Strings in code point order, as the index sorts its words (UTF-8
	   bytes); JavaScript's < compares UTF-16 units. */
	function cmp(a, b) {
		var x = Array.from(a), y = Array.from(b);
		for (var i = 0; i < x.length && i < y.length; i++) {
			var d = x[i].codePointAt(0) - y[i].codePointAt(0);
			if (d) return d;
		}
		return x.length - y.length;
	}

	function startsWith(s, p) { return s.lastIndexOf(p, 0) === 0; }

	/* Term shards that may hold a word starting with `w`: from the last
	   one starting at or before w to the last one starting with w. */
	function shardsFor(shards, w) {
		var lo = 0;
		for (var i = 0; i < shards.length; i++) {
			if (cmp(shards[i], w) <= 0) lo = i;
			else break;
		}
		var out = [lo];
		for (var k = lo + 1; k < shards.length && startsWith(shards[k], w); k++) out.push(k);
		return out;
	}

	var api = { words: words, cmp: cmp, shardsFor: shardsFor };
	/* Outside a browser (tests/words-test.js): the functions alone. */
	if (typeof document === "undefined") {
		module.exports = api;
		return;
	}

	var PAGE = 25;
	var SEVERITY = ["", "low", "medium", "high"];
	var form = document.getElementById("search-form");
	var input = document.getElementById("q");
	var famSel = document.getElementById("family");
	var sevSel = document.getElementById("severity");
	var results = document.getElementById("results");
	var status = document.getElementById("status");
	var more = document.getElementById("more");
	var index = null, terms = {}, docs = {}, waiting = {};
	var base = "search/";
	var current = null;

	/* Every file of the index calls this with its object. */
	window.stigdiffSearch = function (j) {
		var key;
		if (j.format === "stigdiff-search") { index = j; key = "index"; }
		else if (j.format === "stigdiff-search-terms") { terms[j.shard] = j.words; key = "t" + j.shard; }
		else if (j.format === "stigdiff-search-docs") { docs[j.shard] = j.docs; key = "d" + j.shard; }
		else return;
		var w = waiting[key];
		delete waiting[key];
		if (w) w.ok();
	};

	/* Load search/<name>.js once; a promise of its having run. */
	function load(name) {
		var have = name === "index" ? index : name[0] === "t" ? terms[name.slice(1)] : docs[name.slice(1)];
		if (have) return Promise.resolve();
		if (waiting[name]) return waiting[name].p;
		var w = {};
		w.p = new Promise(function (ok, fail) {
			w.ok = ok;
			var s = document.createElement("script");
			s.src = base + name + ".js";
			s.onerror = function () { delete waiting[name]; fail(new Error(s.src + " did not load")); };
			document.head.appendChild(s);
		});
		waiting[name] = w;
		return w.p;
	}

	/* For query word w: doc -> [best field, severity] over every word
	   starting with w. */
	function postings(w) {
		var out = new Map();
		shardsFor(index.shards, w).forEach(function (s) {
			terms[s].forEach(function (t) {
				if (!startsWith(t[0], w)) return;
				var v = 0;
				for (var k = 1; k < t.length; k++) {
					v += t[k];
					var doc = v >> 4, field = v & 3, prev = out.get(doc);
					if (!prev || prev[0] < field) out.set(doc, [field, (v >> 2) & 3]);
				}
			});
		});
		return out;
	}

	function benchOf(doc) {
		var b = index.benchmarks, lo = 0, hi = b.length - 1;
		while (lo < hi) {
			var mid = (lo + hi + 1) >> 1;
			if (b[mid][3] <= doc) lo = mid; else hi = mid - 1;
		}
		return b[lo];
	}

	function docOf(n) { return docs[Math.floor(n / index["doc-shard"])][n % index["doc-shard"]]; }

	function clear() {
		while (results.firstChild) results.removeChild(results.firstChild);
		more.hidden = true;
	}

	/* The docs matching every word, ranked. */
	function match(ws, fam, sev) {
		var hits = null;
		ws.forEach(function (w) {
			var p = postings(w);
			if (hits === null) {
				hits = new Map();
				p.forEach(function (v, doc) { hits.set(doc, { doc: doc, sev: v[1], title: v[0] > 0 ? 1 : 0, id: v[0] === 2 ? 1 : 0 }); });
				return;
			}
			hits.forEach(function (h, doc) {
				var v = p.get(doc);
				if (!v) { hits.delete(doc); return; }
				if (v[0] > 0) h.title++;
				if (v[0] === 2) h.id++;
			});
		});
		var out = [];
		hits.forEach(function (h) {
			if (sev && SEVERITY[h.sev] !== sev) return;
			if (fam !== "" && String(benchOf(h.doc)[2]) !== fam) return;
			h.exact = 0;
			out.push(h);
		});
		return out;
	}

	/* Rules whose every query word is in an id may be the rule the query
	   names: load them and mark those whose vuln, STIG or rule id has
	   exactly the query's words. */
	function markExact(list, ws) {
		var cand = list.filter(function (h) { return h.id === ws.length; }).slice(0, 50);
		var need = {};
		cand.forEach(function (h) { need[Math.floor(h.doc / index["doc-shard"])] = true; });
		return Promise.all(Object.keys(need).map(function (s) { return load("d" + s); })).then(function () {
			var q = ws.join(" ");
			cand.forEach(function (h) {
				var d = docOf(h.doc);
				if ([d[1], d[2], d[3]].some(function (id) { return words(id).join(" ") === q; })) h.exact = 1;
			});
		});
	}

	function rank(a, b) {
		return b.exact - a.exact || b.title - a.title || a.doc - b.doc;
	}

	/* Show results [from, from + PAGE) of the current query. */
	function showPage(from) {
		var c = current, slice = c.list.slice(from, from + PAGE), need = {};
		slice.forEach(function (h) { need[Math.floor(h.doc / index["doc-shard"])] = true; });
		return Promise.all(Object.keys(need).map(function (s) { return load("d" + s); })).then(function () {
			if (c !== current) return;
			slice.forEach(function (h) {
				var d = docOf(h.doc), b = benchOf(h.doc);
				var li = document.createElement("li"), a = document.createElement("a");
				a.href = "stig/" + b[0] + "/" + d[0] + ".html";
				a.textContent = (d[2] || d[1]) + " " + d[4];
				li.appendChild(a);
				li.appendChild(document.createTextNode(" (" + b[1] + ", " + d[1] +
					(h.sev ? ", " + SEVERITY[h.sev] : "") + ")"));
				results.appendChild(li);
			});
			c.shown = from + slice.length;
			more.hidden = c.shown >= c.list.length;
		});
	}

	function show(q) {
		var ws = words(q);
		clear();
		if (!ws.length) { status.textContent = ""; return Promise.resolve(); }
		var need = {};
		ws.forEach(function (w) { shardsFor(index.shards, w).forEach(function (s) { need[s] = true; }); });
		return Promise.all(Object.keys(need).map(function (s) { return load("t" + s); })).then(function () {
			var list = match(ws, famSel ? famSel.value : "", sevSel ? sevSel.value : "");
			return markExact(list, ws).then(function () {
				list.sort(rank);
				current = { list: list, shown: 0 };
				status.textContent = list.length + (list.length === 1 ? " rule matches" : " rules match") +
					" \u201c" + q + "\u201d";
				return showPage(0);
			});
		});
	}

	function fillFamilies() {
		if (!famSel || famSel.options.length > 1) return;
		var fams = index.families.map(function (f, i) { return [f, i]; });
		fams.sort(function (a, b) { return a[0].localeCompare(b[0]); });
		fams.forEach(function (f) {
			var o = document.createElement("option");
			o.value = String(f[1]);
			o.textContent = f[0];
			famSel.appendChild(o);
		});
	}

	function run(q, fam) {
		status.textContent = "Loading the index\u2026";
		return load("index").then(function () {
			fillFamilies();
			if (fam !== null && fam !== undefined && famSel) {
				var i = index.families.indexOf(fam);
				famSel.value = i < 0 ? "" : String(i);
			}
			return show(q);
		}).catch(function (e) {
			status.textContent = "Cannot load the search index: " + e.message +
				". Serve the site and open it from there: python3 -m http.server --directory SITE_DIR";
		});
	}

	function params() {
		var p = "?q=" + encodeURIComponent(input.value);
		if (famSel && famSel.value !== "") p += "&family=" + encodeURIComponent(index.families[Number(famSel.value)]);
		if (sevSel && sevSel.value) p += "&severity=" + sevSel.value;
		return p;
	}

	form.addEventListener("submit", function (ev) {
		ev.preventDefault();
		run(input.value).then(function () { history.replaceState(null, "", params()); });
	});
	more.addEventListener("click", function () { if (current) showPage(current.shown); });
	var u = new URLSearchParams(location.search);
	if (sevSel && u.get("severity")) sevSel.value = u.get("severity");
	var q = u.get("q");
	if (q) { input.value = q; run(q, u.get("family")); }
	else load("index").then(fillFamilies, function () {});
})();
