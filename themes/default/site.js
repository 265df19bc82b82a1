/* plangen's site script.  Pages work fully without it; it adds:
 *
 * Search, with no server: the build writes the text of every page into
 * assets/search-LANG.js, which the search page loads as a script (so it
 * works from file:// and offline).  A query matches by characters
 * (Japanese has no spaces between words), so any part of a page's text
 * finds the page; the snippet shows the match highlighted with <mark>.
 * The page's words (result count, nothing found, index missing) are
 * data-* attributes of #search-results, in the page's language.
 *
 * Tables that scroll: a wide table's wrapper is focusable (so a keyboard
 * can scroll it) only while it really scrolls. */
(function () {
	"use strict";
	var html = document.documentElement;
	html.className += " js";

	function scrollers() {
		var wraps = document.querySelectorAll(".table-wrap");
		for (var i = 0; i < wraps.length; i++) {
			var w = wraps[i];
			if (w.scrollWidth > w.clientWidth + 1) w.setAttribute("tabindex", "0");
			else w.removeAttribute("tabindex");
		}
	}

	function norm(s) { return s.normalize("NFKC").toLowerCase(); }

	/* s normalised, with map[i] the offset in s of the character that gave
	 * the normalised text's i-th code unit (and map[length] = s.length). */
	function normMap(s) {
		var out = "", map = [];
		for (var i = 0; i < s.length;) {
			var cp = s.codePointAt(i), ch = String.fromCodePoint(cp), n = norm(ch);
			for (var k = 0; k < n.length; k++) map.push(i);
			out += n;
			i += ch.length;
		}
		map.push(s.length);
		return {text: out, map: map};
	}

	/* Appends s[from, to) to el with every occurrence of the terms marked. */
	function marked(el, s, from, to, terms) {
		var nm = normMap(s), spans = [];
		terms.forEach(function (t) {
			for (var at = nm.text.indexOf(t); at >= 0; at = nm.text.indexOf(t, at + t.length))
				spans.push([nm.map[at], nm.map[at + t.length]]);
		});
		spans.sort(function (a, b) { return a[0] - b[0]; });
		var pos = from;
		spans.forEach(function (sp) {
			var a = Math.max(sp[0], pos), b = Math.min(sp[1], to);
			if (b <= a) return;
			el.appendChild(document.createTextNode(s.slice(pos, a)));
			var m = document.createElement("mark");
			m.textContent = s.slice(a, b);
			el.appendChild(m);
			pos = b;
		});
		if (pos < to) el.appendChild(document.createTextNode(s.slice(pos, to)));
	}

	function search() {
		var form = document.querySelector("form.search-page");
		var out = document.getElementById("search-results");
		if (!form || !out) return;
		var q = new URLSearchParams(location.search).get("q") || "";
		form.q.value = q;
		var pages = window.plangenSearch;
		if (!pages) {
			/* The index could not be loaded: the list of pages stays. */
			html.className += " no-index";
			out.textContent = out.getAttribute("data-failed");
			return;
		}
		if (!q.trim()) return;
		var terms = norm(q).split(/\s+/).filter(Boolean);
		var hits = [];
		pages.forEach(function (p) {
			var t = norm(p.t), text = t + " " + norm(p.x), score = 0;
			for (var i = 0; i < terms.length; i++) {
				var n = text.split(terms[i]).length - 1;
				if (!n) return;
				score += n + (t.indexOf(terms[i]) >= 0 ? 10 : 0);
			}
			hits.push({p: p, score: score});
		});
		hits.sort(function (a, b) { return b.score - a.score; });
		out.textContent = "";
		var h = document.createElement("p");
		h.textContent = hits.length ? out.getAttribute("data-count").replace("{count}", hits.length)
			: out.getAttribute("data-none");
		out.appendChild(h);
		var ol = document.createElement("ol");
		hits.forEach(function (hit) {
			var li = document.createElement("li"), a = document.createElement("a");
			a.href = hit.p.u;
			marked(a, hit.p.t, 0, hit.p.t.length, terms);
			li.appendChild(a);
			/* The snippet: 120 characters of the text around the first
			 * term found in it (the start when only the title has it). */
			var x = hit.p.x, nm = normMap(x), at = -1;
			for (var i = 0; i < terms.length && at < 0; i++) at = nm.text.indexOf(terms[i]);
			var start = at < 0 ? 0 : Math.max(0, nm.map[at] - 40), end = Math.min(x.length, start + 120);
			/* in words written with spaces, whole words at both ends */
			var letter = /[A-Za-z0-9\u00C0-\u024F]/;
			if (start > 0 && letter.test(x.charAt(start - 1)) && letter.test(x.charAt(start))) {
				var sp = x.indexOf(" ", start);
				if (sp >= 0 && sp < nm.map[at]) start = sp + 1;
			}
			if (end < x.length && letter.test(x.charAt(end)) && letter.test(x.charAt(end - 1))) {
				var bp = x.lastIndexOf(" ", end);
				if (bp > (at < 0 ? start : nm.map[at])) end = bp;
			}
			var snip = document.createElement("p");
			if (start) snip.appendChild(document.createTextNode("…"));
			marked(snip, x, start, end, terms);
			if (end < x.length) snip.appendChild(document.createTextNode("…"));
			li.appendChild(snip);
			ol.appendChild(li);
		});
		out.appendChild(ol);
	}

	document.addEventListener("DOMContentLoaded", function () {
		scrollers();
		window.addEventListener("resize", scrollers);
		search();
	});
})();
