/* Search for a stigdiff site (assets/search.js): loads search-index.json
   (written by stigdiff site) and the part of the index it names for each
   benchmark once, finds the rules holding every query
   word (each word matches the start of an indexed word, so "encrypt"
   finds "encryption"), and lists links to their pages in #results. The
   query comes from ?q= on load and from the form; nothing leaves the
   site. */
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

	/* Outside a browser (tests/words-test.js): the tokenizer alone. */
	if (typeof document === "undefined") {
		module.exports = { words: words };
		return;
	}
	var form = document.getElementById("search-form");
	var input = document.getElementById("q");
	var results = document.getElementById("results");
	var status = document.getElementById("status");
	var index = null;

	/* The docs holding a word starting with `prefix`, as a set. */
	function docsFor(prefix) {
		var set = {}, w = index.words;
		for (var i = 0; i < w.length; i++) {
			if (w[i][0].lastIndexOf(prefix, 0) === 0) {
				for (var k = 1; k < w[i].length; k++) set[w[i][k]] = true;
			}
		}
		return set;
	}

	function show(q) {
		var ws = words(q);
		while (results.firstChild) results.removeChild(results.firstChild);
		if (!ws.length) { status.textContent = ""; return; }
		var hits = null;
		for (var i = 0; i < ws.length; i++) {
			var set = docsFor(ws[i]);
			if (hits === null) { hits = set; continue; }
			var next = {};
			for (var d in hits) if (set[d]) next[d] = true;
			hits = next;
		}
		/* Rules whose title holds the words come first. */
		var rank = function (n) {
			var t = words(index.docs[n][3]), k = 0;
			ws.forEach(function (w) {
				if (t.some(function (x) { return x.lastIndexOf(w, 0) === 0; })) k++;
			});
			return k;
		};
		var ids = Object.keys(hits).map(Number).map(function (n) {
			return [rank(n), n];
		}).sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; }).map(function (p) {
			return p[1];
		});
		status.textContent = ids.length + (ids.length === 1 ? " rule matches" : " rules match") +
			" \u201c" + q + "\u201d";
		ids.slice(0, 500).forEach(function (n) {
			var d = index.docs[n], li = document.createElement("li");
			var a = document.createElement("a");
			a.href = d[0];
			a.textContent = (d[2] || d[1]) + " " + d[3];
			li.appendChild(a);
			li.appendChild(document.createTextNode(" (" + d[4] + ", " + d[1] +
				(d[5] ? ", " + d[5] : "") + ")"));
			results.appendChild(li);
		});
	}

	function load(url) {
		return fetch(url).then(function (r) {
			if (!r.ok) throw new Error(url + ": " + r.status);
			return r.json();
		});
	}

	/* One index of every part: their docs one after the other, each
	   part's doc numbers moved past the docs of the parts before it. */
	function join(parts) {
		var all = { docs: [], words: [] };
		parts.forEach(function (p) {
			var base = all.docs.length;
			p.docs.forEach(function (d) { all.docs.push(d); });
			p.words.forEach(function (w) {
				var v = [w[0]];
				for (var k = 1; k < w.length; k++) v.push(w[k] + base);
				all.words.push(v);
			});
		});
		return all;
	}

	function run(q) {
		if (index) { show(q); return; }
		status.textContent = "Loading the index\u2026";
		load("search-index.json").then(function (j) {
			return Promise.all(j.parts.map(load));
		}).then(function (parts) { index = join(parts); show(q); }).catch(function (e) {
			status.textContent = "Cannot load the search index: " + e.message;
		});
	}

	form.addEventListener("submit", function (ev) {
		ev.preventDefault();
		var q = input.value;
		history.replaceState(null, "", "?q=" + encodeURIComponent(q));
		run(q);
	});
	var q = new URLSearchParams(location.search).get("q");
	if (q) { input.value = q; run(q); }
})();
