/* Search for a stigdiff site (assets/search.js): loads search-index.json
   (written by stigdiff site) once, finds the rules holding every query
   word (each word matches the start of an indexed word, so "encrypt"
   finds "encryption"), and lists links to their pages in #results. The
   query comes from ?q= on load and from the form; nothing leaves the
   site. */
(function () {
	"use strict";
	var form = document.getElementById("search-form");
	var input = document.getElementById("q");
	var results = document.getElementById("results");
	var status = document.getElementById("status");
	var index = null;

	function words(text) {
		return (text.toLowerCase().match(/[a-z0-9\u0080-\uffff]+/g) || []);
	}

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
		var ids = Object.keys(hits).map(Number).sort(function (a, b) { return a - b; });
		status.textContent = ids.length + (ids.length === 1 ? " rule" : " rules") +
			" match \u201c" + q + "\u201d";
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

	function run(q) {
		if (index) { show(q); return; }
		status.textContent = "Loading the index\u2026";
		fetch("search-index.json").then(function (r) {
			if (!r.ok) throw new Error(r.status);
			return r.json();
		}).then(function (j) { index = j; show(q); }).catch(function (e) {
			status.textContent = "Cannot load search-index.json: " + e.message;
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
