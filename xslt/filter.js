/* The home page's filter (assets/filter.js): shows the box, hidden
   without JavaScript, and as one types keeps the benchmarks whose name,
   family or id holds every word typed (any case), hiding the families
   left empty. The page is whole without it. */
(function () {
	"use strict";
	var form = document.getElementById("filter-form");
	var box = document.getElementById("filter");
	var status = document.getElementById("filter-status");
	if (!form || !box) return;
	form.hidden = false;
	form.addEventListener("submit", function (ev) { ev.preventDefault(); });
	var groups = Array.prototype.slice.call(document.querySelectorAll("section.family"));

	function apply() {
		var ws = box.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
		groups.forEach(function (g) {
			var fam = g.getAttribute("data-family").toLowerCase(), any = false;
			Array.prototype.forEach.call(g.querySelectorAll("tbody tr"), function (tr) {
				var text = (fam + " " + tr.textContent + " " + tr.getAttribute("data-slug")).toLowerCase();
				var ok = ws.every(function (w) { return text.indexOf(w) >= 0; });
				tr.hidden = !ok;
				if (ok) { any = true; shown++; }
			});
			g.hidden = !any;
		});
		status.textContent = ws.length ? shown + (shown === 1 ? " benchmark" : " benchmarks") + " shown" : "";
	}
	box.addEventListener("input", apply);
	var q = new URLSearchParams(location.search).get("filter");
	if (q) { box.value = q; }
	apply();
})();
