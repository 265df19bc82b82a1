/* plangen site search: no server.  The build writes the text of every page
 * into assets/search-LANG.json; this script matches a query against it by
 * characters (Japanese has no spaces between words), so any substring of a
 * page's text finds the page.  Pages work fully without this script. */
(function () {
	"use strict";
	document.documentElement.className += " js";
	var form = document.querySelector("form.search-page");
	var out = document.getElementById("search-results");
	if (!form || !out) return;
	var lang = document.documentElement.lang || "ja";
	/* The site's root, from where this script was loaded ({root}assets/search.js). */
	var me = document.querySelector("script[src$='assets/search.js']");
	var root = me ? me.getAttribute("src").replace(/assets\/search\.js$/, "") : "";
	var words = lang === "en"
		? {none: "No page contains all of these words.", count: " pages found"}
		: {none: "該当するページはありませんでした。", count: "件のページが見つかりました"};
	function norm(s) { return s.normalize("NFKC").toLowerCase(); }
	var q = new URLSearchParams(location.search).get("q") || "";
	form.q.value = q;
	if (!q.trim()) return;
	fetch(root + "assets/search-" + lang + ".json").then(function (r) { return r.json(); }).then(function (pages) {
		var terms = norm(q).split(/\s+/).filter(Boolean);
		var hits = [];
		pages.forEach(function (p) {
			var text = norm(p.t + " " + p.x), score = 0;
			for (var i = 0; i < terms.length; i++) {
				var n = text.split(terms[i]).length - 1;
				if (!n) return;
				score += n + (norm(p.t).indexOf(terms[i]) >= 0 ? 10 : 0);
			}
			var at = text.indexOf(terms[0]);
			hits.push({p: p, score: score, at: at});
		});
		hits.sort(function (a, b) { return b.score - a.score; });
		out.textContent = "";
		var h = document.createElement("p");
		h.textContent = hits.length ? (lang === "en" ? hits.length + words.count : hits.length + words.count) : words.none;
		out.appendChild(h);
		var ol = document.createElement("ol");
		hits.forEach(function (hit) {
			var li = document.createElement("li"), a = document.createElement("a");
			a.href = hit.p.u;
			a.textContent = hit.p.t;
			li.appendChild(a);
			var snip = document.createElement("p");
			var x = hit.p.x, start = Math.max(0, hit.at - 40);
			snip.textContent = (start ? "…" : "") + x.slice(start, start + 120) + "…";
			li.appendChild(snip);
			ol.appendChild(li);
		});
		out.appendChild(ol);
	});
})();
