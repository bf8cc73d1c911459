/* Compare any two releases of a benchmark on a stigdiff site
   (assets/compare.js): loads compare-data.js (written by stigdiff site
   beside compare.html) once and lists, between the releases picked in
   the form (or given as ?from=&to=), the rules added, removed, changed
   in their text and changed in their ids only, each linked to its page
   (whose history shows the changes word by word), and the prepared page
   of the pair when there is one. Nothing leaves the site. */
(function () {
	"use strict";
	var form = document.getElementById("compare-form");
	var from = document.getElementById("from");
	var to = document.getElementById("to");
	var status = document.getElementById("status");
	var result = document.getElementById("compare-result");
	var data = null;
	var KINDS = [
		["added", "Added"],
		["removed", "Removed"],
		["changed", "Text changed"],
		["ids", "Identifiers changed only (rule revision, Vuln ID)"]
	];

	function labelIndex(label) {
		for (var i = 0; i < data.releases.length; i++) {
			if (data.releases[i].label === label) return i;
		}
		return -1;
	}

	/* What became of each rule between releases a and b. */
	function kindOf(x, y) {
		if (!x && !y) return null;
		if (!x) return "added";
		if (!y) return "removed";
		if (x[0] !== y[0]) return "changed";
		if (x[1] !== y[1]) return "ids";
		return "same";
	}

	function el(tag, text) {
		var e = document.createElement(tag);
		if (text !== undefined) e.textContent = text;
		return e;
	}

	function show(fromLabel, toLabel) {
		var a = labelIndex(fromLabel), b = labelIndex(toLabel);
		while (result.firstChild) result.removeChild(result.firstChild);
		if (a < 0 || b < 0) {
			status.textContent = "No release " + (a < 0 ? fromLabel : toLabel) + " in this benchmark";
			return;
		}
		var lists = { added: [], removed: [], changed: [], ids: [], same: [] };
		data.rules.forEach(function (r) {
			var k = kindOf(r.at[a], r.at[b]);
			if (k) lists[k].push(r);
		});
		status.textContent = fromLabel + " to " + toLabel + ": " +
			lists.added.length + " added, " + lists.removed.length + " removed, " +
			lists.changed.length + " changed, " + lists.ids.length + " with new ids only, " +
			lists.same.length + " unchanged";
		var older = a < b ? a : b, newer = a < b ? b : a;
		if (older !== newer && (newer === older + 1 || newer === data.releases.length - 1)) {
			var p = el("p"), link = el("a", "The prepared page for " +
				data.releases[older].label + " to " + data.releases[newer].label);
			link.href = "compare/" + data.releases[older].label + "-" + data.releases[newer].label + ".html";
			p.appendChild(link);
			p.appendChild(document.createTextNode(" shows every change word by word."));
			result.appendChild(p);
		}
		KINDS.forEach(function (kind) {
			var rows = lists[kind[0]];
			if (!rows.length) return;
			result.appendChild(el("h2", kind[1] + " (" + rows.length + ")"));
			var ul = el("ul");
			ul.className = "compare-" + kind[0];
			rows.forEach(function (r) {
				var li = el("li"), link = el("a", (r.stig || r.page) + " " + r.title);
				link.href = r.page;
				li.appendChild(link);
				ul.appendChild(li);
			});
			result.appendChild(ul);
		});
	}

	/* compare-data.js calls stigdiffCompare() with the releases: a
	   <script>, not fetch(), so that the page works from file:// too. */
	var pending = null;
	window.stigdiffCompare = function (j) {
		data = j;
		if (pending) { var p = pending; pending = null; show(p[0], p[1]); }
	};

	function run(f, t) {
		if (data) { show(f, t); return; }
		var first = !pending;
		pending = [f, t];
		if (!first) return;
		status.textContent = "Loading the releases\u2026";
		var s = document.createElement("script");
		s.src = "compare-data.js";
		s.onerror = function () {
			pending = null;
			status.textContent = "Cannot load compare-data.js. Serve the site and open it from there: " +
				"python3 -m http.server --directory SITE_DIR";
		};
		document.head.appendChild(s);
	}

	form.addEventListener("submit", function (ev) {
		ev.preventDefault();
		history.replaceState(null, "", "?from=" + encodeURIComponent(from.value) +
			"&to=" + encodeURIComponent(to.value));
		run(from.value, to.value);
	});
	var q = new URLSearchParams(location.search);
	if (q.get("from") && q.get("to")) {
		from.value = q.get("from");
		to.value = q.get("to");
		run(q.get("from"), q.get("to"));
	}
})();
