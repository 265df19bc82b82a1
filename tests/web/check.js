// Checks of the generated site, as its users and the web team need them.
// usage: node tests/web/check.js [--static] [--search QUERY=PAGE]... OUTPUT_DIR
// Prints one line per failure and "site: N passed, N failed"; exits 1 on failure.
// --static runs only the checks that need no browser: links, safe, valid, titles, pairs.
// --record FILE writes what axe-core and html-validate found on each page, with the
//   page's digest, for the accessibility page (plan.yaml site: accessibility_results:;
//   make a11y runs it). The accessibility pages themselves are not recorded: they state
//   the results.
// --search QUERY=PAGE adds a search probe: the search page of PAGE's language
//   (e.g. en/measure-m5.html → en/search.html), given QUERY, lists PAGE.
//   links      every internal link, fragment and asset reference resolves
//   safe       no live script: no javascript:, vbscript: or data: URL, no inline
//              event handler (on…), no <script> but the theme's own files in
//              assets/; nothing fetched from elsewhere (src, srcset, <link href>,
//              CSS url() are relative); the search index links only to pages
//   valid      every page passes html-validate (offline)
//   pairs      every page of the default language (at the root) exists in every
//              other language's folder (en/, ko/ …) and vice versa
//   english    English pages hold no Japanese outside elements marked lang="ja"
//   axe        axe-core in headless Chromium: no WCAG 2.1 A/AA violation on any page
//   notes      every note mark a page shows (※7) links to its note on that page
//   layout     at 320 and 360 px no page scrolls sideways, no table column is under
//              three characters, no Japanese column head of words breaks inside a
//              word, no table shown as cards (class stack) is wider
//              than the main column and no text of a diagram is under 10 px; at
//              1280 px no table is wider than the main column
//   text       the text of the Japanese pages, written to OUTPUT_DIR/../site-ja.txt
//              for the faithfulness check (tests/faithful.py --text)
//   search     every page but 404 and search is in its language's search index; for
//              every page a distinctive part of its title (Japanese: characters from
//              inside a word; other languages: a whole word; the whole title if no part
//              is its alone), and each --search probe,
//              searched in Chromium, lists that page, and lists exactly the pages whose
//              indexed text holds every word of the query; and opened from disk
//              (file://), a search finds its page and marks the query in the result
"use strict";
const fs = require("fs");
const path = require("path");
const {HtmlValidate} = require("html-validate");
const {chromium} = require("playwright-core");
const {serve} = require("./serve.js");

const args = process.argv.slice(2);
const staticOnly = args.includes("--static");
const probes = [];  // [query, page]
const rest = [];
let record = null;
for (let i = 0; i < args.length; i++) {
	if (args[i] === "--record") {
		record = args[++i];
		if (!record || staticOnly) { console.error("--record needs a FILE, and the browser (not --static)"); process.exit(2); }
	} else if (args[i] === "--search") {
		const m = /^(.+)=([^=]+)$/.exec(args[++i] || "");
		if (!m) { console.error("--search needs QUERY=PAGE"); process.exit(2); }
		probes.push([m[1], m[2]]);
	} else if (args[i] !== "--static") rest.push(args[i]);
}
const dir = path.resolve(rest[0]);
let passed = 0, failed = 0;
function ok(cond, what) {
	if (cond) passed++;
	else { failed++; console.log("FAIL " + what); }
}

function walk(d, out = []) {
	for (const e of fs.readdirSync(d, {withFileTypes: true})) {
		const p = path.join(d, e.name);
		if (e.isDirectory()) walk(p, out);
		else out.push(p);
	}
	return out;
}
const files = walk(dir);
const pages = files.filter((f) => f.endsWith(".html")).map((f) => path.relative(dir, f)).sort();
const html = Object.fromEntries(pages.map((p) => [p, fs.readFileSync(path.join(dir, p), "utf8")]));
// The languages: the default at the root, each other in a folder of its own
// with its index.html (en/, ko/ …).
const langDirs = fs.readdirSync(dir, {withFileTypes: true})
	.filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "index.html"))).map((e) => e.name);
const langOf = (p) => (p.includes("/") && langDirs.includes(p.split("/")[0]) ? p.split("/")[0] : "");

// Pages read the way a browser reads them: start tags, entities, URLs, CSS.
const NAMED = {amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", colon: ":", sol: "/", bsol: "\\",
	tab: "\t", newline: "\n", nbsp: "\u00a0", excl: "!", num: "#", lpar: "(", rpar: ")", period: ".",
	comma: ",", semi: ";", equals: "=", quest: "?", commat: "@", percnt: "%", plus: "+", lowbar: "_"};
function decodeEntities(s) {
	return s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));?/gi, (m, hex, dec, name) => {
		if (hex || dec) {
			const cp = parseInt(hex || dec, hex ? 16 : 10);
			return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : "\ufffd";
		}
		const c = NAMED[name.toLowerCase()];
		return c === undefined ? m : c;
	});
}
// A URL as the browser resolves it: entities decoded, white space and control
// characters dropped anywhere (the URL parser drops tabs and newlines), "\"
// read as "/", lower case.
function normURL(v) {
	return decodeEntities(v).replace(/[\u0000-\u0020\u007f-\u00a0]/g, "").replace(/\\/g, "/").toLowerCase();
}
// What the safe checks look for.
const SCRIPT_URL = /^(javascript|vbscript|data):/;
const ELSEWHERE = /^([a-z][a-z0-9+.-]*:|\/\/)/; // a scheme, or "//host"
const URL_ATTRS = new Set(["href", "src", "action", "formaction", "poster", "xlink:href", "data", "background",
	"cite", "longdesc", "ping"]);
// Relations of <link> that name a page, not something the page loads.
const LINK_NO_FETCH = new Set(["canonical", "alternate", "author", "help", "license", "next", "prev", "bookmark"]);
// Only these are read as raw text: reading the content of <title> or
// <textarea> as markup too errs on the safe side (in SVG it is markup).
const RAW_TEXT = new Set(["script", "style"]);

// The start tags of a page, with raw attribute values and the text of <script>
// and <style>, following the HTML tokenizer where it matters: comments, <!…>,
// <?…>, quoted and unquoted values, and </script> ending a script.
function tags(src) {
	const out = [];
	let i = 0;
	while ((i = src.indexOf("<", i)) >= 0) {
		if (src.startsWith("<!--", i)) {
			const e = src.indexOf("-->", i + 4);
			i = e < 0 ? src.length : e + 3;
			continue;
		}
		if (/^<[!?\/]/.test(src.slice(i, i + 2)) && !/^<\/[a-z]/i.test(src.slice(i, i + 3))) {
			const e = src.indexOf(">", i);
			i = e < 0 ? src.length : e + 1;
			continue;
		}
		const m = /^<(\/?)([a-z][^\s\/>]*)/i.exec(src.slice(i, i + 200));
		if (!m) { i++; continue; }
		const tag = {name: m[2].toLowerCase(), end: !!m[1], attrs: [], text: ""};
		i += m[0].length;
		for (;;) {
			while (i < src.length && /[\s\/]/.test(src[i])) i++;
			if (i >= src.length || src[i] === ">") { i++; break; }
			const n = /^[^\s\/>][^\s\/>=]*/.exec(src.slice(i, i + 1000))[0];
			i += n.length;
			while (/\s/.test(src[i] || "")) i++;
			let v = "";
			if (src[i] === "=") {
				i++;
				while (/\s/.test(src[i] || "")) i++;
				const q = src[i];
				if (q === '"' || q === "'") {
					const e = src.indexOf(q, i + 1);
					v = src.slice(i + 1, e < 0 ? src.length : e);
					i = e < 0 ? src.length : e + 1;
				} else {
					const mv = /^[^\s>]*/.exec(src.slice(i))[0];
					v = mv;
					i += mv.length;
				}
			}
			tag.attrs.push([n.toLowerCase(), v]);
		}
		if (!tag.end && RAW_TEXT.has(tag.name)) {
			const e = src.toLowerCase().indexOf("</" + tag.name, i);
			tag.text = src.slice(i, e < 0 ? src.length : e);
			i = e < 0 ? src.length : e;
		}
		if (!tag.end) out.push(tag);
	}
	return out;
}

// url() and @import in CSS: what the style sheet loads.
function cssURLs(css) {
	const out = [];
	const text = css.replace(/\/\*[\s\S]*?\*\//g, "");
	for (const m of text.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\s*\)|@import\s*(?:"([^"]*)"|'([^']*)')/gi))
		out.push(m.slice(1).find((x) => x !== undefined));
	return out;
}
function checkCSS(css, report) {
	for (const u of cssURLs(css))
		report(!ELSEWHERE.test(normURL(u)), `CSS loads ${u.slice(0, 60)} from elsewhere`);
}

// Every page's start tags (not text that looks like a tag).
const parsed = Object.fromEntries(pages.map((p) => [p, tags(html[p])]));

// ids per page, for fragments
const ids = {};
for (const p of pages)
	ids[p] = new Set(parsed[p].flatMap((t) => t.attrs.filter(([n]) => n === "id").map(([, v]) => decodeEntities(v))));

// links
for (const p of pages) {
	for (const t of parsed[p]) {
		for (const [name, raw] of t.attrs) {
			if (name !== "href" && name !== "src") continue;
			const ref = decodeEntities(raw);
			if (/^(mailto:|tel:|https?:)/.test(ref)) continue;
			const [file, frag] = ref.split("#");
			const target = file ? path.normalize(path.join(path.dirname(p), file)) : p;
			const exists = fs.existsSync(path.join(dir, target));
			ok(exists, `links: ${p} → ${ref} (no such file)`);
			if (exists && frag && target.endsWith(".html"))
				ok(ids[target] && ids[target].has(decodeURIComponent(frag)), `links: ${p} → ${ref} (no such id)`);
		}
	}
}

// safe: nothing on a page runs but the theme's scripts, nothing is fetched
// from elsewhere; links to other sites are fine.
const scripts = new Set(files.map((f) => path.relative(dir, f)).filter((f) => /^assets\/[^/]+\.js$/.test(f)));
for (const p of pages) {
	let bad = 0;
	const no = (cond, what) => { if (!cond) { bad++; ok(false, `safe: ${p}: ${what}`); } };
	for (const t of parsed[p]) {
		const attrs = Object.fromEntries(t.attrs);
		for (const [name, raw] of t.attrs) {
			no(!name.startsWith("on"), `<${t.name} ${name}="${raw.slice(0, 40)}"> is an inline event handler`);
			no(name !== "srcdoc", `<${t.name} srcdoc> holds a document`);
			let urls = name === "srcset" || name === "imagesrcset"
				? decodeEntities(raw).split(",").map((c) => c.trim().split(/\s+/)[0]) : URL_ATTRS.has(name) ? [raw] : [];
			// <meta http-equiv="refresh" content="0; url=…">, and SVG animation setting an href
			if (t.name === "meta" && name === "content" && /refresh/i.test(attrs["http-equiv"] || ""))
				urls = [decodeEntities(raw).replace(/^[^;,]*[;,]\s*(url\s*=\s*)?["']?/i, "")];
			if (/^(animate|set)$/.test(t.name) && /href$/i.test(attrs.attributename || "") &&
					["to", "from", "by", "values"].includes(name))
				urls = decodeEntities(raw).split(";");
			for (const u of urls)
				no(!SCRIPT_URL.test(normURL(u)), `<${t.name} ${name}="${u.slice(0, 60)}"> is a script or data URL`);
			// what the page loads: src and srcset anywhere, href of <link> (but
			// canonical and alternate) and of SVG <image>/<use>, poster, data
			const loads = ["src", "srcset", "imagesrcset", "poster", "data", "background"].includes(name) ||
				(name === "href" || name === "xlink:href") && (["image", "use", "feimage", "script"].includes(t.name) ||
				t.name === "link" && !(attrs.rel || "").toLowerCase().split(/\s+/).every((r) => LINK_NO_FETCH.has(r)));
			if (loads)
				for (const u of urls)
					no(!ELSEWHERE.test(normURL(u)), `<${t.name} ${name}="${u.slice(0, 60)}"> loads from elsewhere`);
			if (name === "style") checkCSS(decodeEntities(raw), (c, w) => no(c, `<${t.name} style>: ${w}`));
		}
		if (t.name === "script") {
			const src = attrs.src === undefined ? "" : path.normalize(path.join(path.dirname(p), decodeEntities(attrs.src)));
			const body = t.text.trim();
			no(scripts.has(src) && !body, `<script${attrs.src ? ` src="${attrs.src}"` : ""}> is not one of the theme's ` +
				`scripts (${[...scripts].join(", ")})${body ? ": " + body.slice(0, 60) : ""}`);
		}
		if (t.name === "style") checkCSS(t.text, (c, w) => no(c, `<style>: ${w}`));
	}
	ok(bad === 0, `safe: ${p}`);
}
for (const f of files.filter((x) => x.endsWith(".css")))
	checkCSS(fs.readFileSync(f, "utf8"), (c, w) => ok(c, `safe: ${path.relative(dir, f)}: ${w}`));
// The search index (assets/search-LANG.js): one assignment of JSON data, nothing
// else that could run; site.js makes a link of every entry's u (its text is set
// as text), so each must be a page of the site.
const INDEX = /^assets\/search-[A-Za-z-]+\.js$/;
function readIndex(f) {
	const m = /^window\.plangenSearch = (\[[^]*\]);\n$/.exec(fs.readFileSync(f, "utf8"));
	if (!m) throw new Error("not one assignment of an array");
	return JSON.parse(m[1]);
}
for (const f of files.filter((x) => INDEX.test(path.relative(dir, x)))) {
	let index = [];
	try {
		index = readIndex(f);
	} catch (e) {
		ok(false, `safe: ${path.relative(dir, f)} is not JSON data: ${e.message}`);
	}
	const lang = path.basename(f).slice(7, -3);
	for (const e of index) {
		const u = String(e.u);
		const page = path.normalize(path.join(langDirs.includes(lang) ? lang : "", u));
		ok(typeof e.u === "string" && !ELSEWHERE.test(normURL(u)) && html[page] !== undefined,
			`safe: ${path.relative(dir, f)}: ${u.slice(0, 60)} is not a page of the site`);
	}
}

// What the tools found, page by page (--record).
const found = {};
// FNV-1a, 64 bits, of a page's bytes: the digest by which plangen (out_html.c,
// page_digest) tells a page tested from one changed since.
function fnv1a64(bytes) {
	let h = 0xcbf29ce484222325n;
	for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
	return h.toString(16).padStart(16, "0");
}
function writeRecord(file) {
	const version = (name) => JSON.parse(fs.readFileSync(path.join(__dirname, "node_modules", name, "package.json"))).version;
	const d = new Date();
	const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
	const lines = ["# The site's tests in a browser (make a11y: tests/web/check.js --record), for the",
		"# accessibility page (plan.yaml site: accessibility_results:). Written again by each test.",
		`tested: ${day}`, "tools:", `  axe-core: "${version("axe-core")}"`, `  html-validate: "${version("html-validate")}"`,
		"pages:"];
	for (const p of pages.filter((q) => path.basename(q) !== "accessibility.html" && found[q]))
		lines.push(`  "${p}": {digest: "${fnv1a64(fs.readFileSync(path.join(dir, p)))}", ` +
			`axe-core: ${found[p].axe}, html-validate: ${found[p].validator}}`);
	fs.writeFileSync(file, lines.join("\n") + "\n");
}

// validity
const validator = new HtmlValidate({
	extends: ["html-validate:recommended"],
	rules: {
		// Japanese text needs no quotes normalised; our tables carry scope on every th.
		"no-trailing-whitespace": "off",
		"long-title": "off",
	},
});
(async () => {
	for (const p of pages) {
		const report = await validator.validateString(html[p], p);
		const msgs = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
		ok(report.valid, `valid: ${p}\n    ${msgs.slice(0, 8).join("\n    ")}`);
		found[p] = {validator: msgs.length, axe: 0};
	}

	// titles: unique within each language
	for (const lang of ["", ...langDirs]) {
		const seen = {};
		for (const p of pages.filter((q) => langOf(q) === lang)) {
			const t = (html[p].match(/<title>([^<]*)<\/title>/) || [])[1];
			ok(t && !seen[t], `titles: ${p} has ${t ? "the title of " + seen[t] : "no title"}`);
			if (t) seen[t] = p;
		}
	}

	// pairs
	const rootPages = pages.filter((p) => langOf(p) === "");
	for (const lang of langDirs) {
		const other = pages.filter((p) => langOf(p) === lang).map((p) => p.slice(lang.length + 1));
		for (const p of rootPages) ok(other.includes(p), `pairs: ${p} has no ${lang}/ page`);
		for (const p of other) ok(rootPages.includes(p), `pairs: ${lang}/${p} has no page at the root`);
	}
	if (staticOnly) {
		console.log(`site: ${passed} passed, ${failed} failed`);
		process.exit(failed ? 1 : 0);
	}

	// axe, English text, site text — in the browser, as a reader sees the page
	const server = await serve(dir);
	const base = `http://127.0.0.1:${server.address().port}/`;
	const browser = await chromium.launch({executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox",
		"--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync"]});
	const page = await browser.newPage({viewport: {width: 1280, height: 900}});
	const axe = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
	let siteText = "";
	for (const p of pages) {
		await page.goto(base + p);
		await page.addScriptTag({content: axe});
		const res = await page.evaluate(async () => await window.axe.run(document, {
			runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}));
		found[p].axe = res.violations.reduce((n, v) => n + v.nodes.length, 0);
		for (const v of res.violations)
			ok(false, `axe: ${p}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
		ok(true, `axe: ${p}`);
		// notes: every note mark shown (※7) is a link to its note on the same page
		const loose = await page.evaluate(() => {
			const out = [];
			const main = document.querySelector("main");
			if (!main) return out;
			const w = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
			for (let n; (n = w.nextNode());) {
				const el = n.parentElement;
				if (el.closest("svg, .footnote, .items")) continue;
				const a = el.closest("a.noteref");
				if (/※\s*[0-9０-９]/.test(n.textContent) && !(a && document.getElementById(a.hash.slice(1))))
					out.push(n.textContent.trim().slice(0, 40));
			}
			return out;
		});
		ok(loose.length === 0, `notes: ${p} shows marks that lead to no note on it: ${loose.slice(0, 3).join(" | ")}`);
		if (p.startsWith("en/")) {
			const jp = await page.evaluate(() => {
				const out = [];
				const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
				for (let n; (n = walker.nextNode());) {
					const el = n.parentElement;
					if (el.closest('[lang="ja"]') || el.closest("svg title")) continue;
					if (/[\u3040-\u30ff\u3400-\u9fff]/.test(n.textContent)) out.push(n.textContent.trim().slice(0, 60));
				}
				return out;
			});
			ok(jp.length === 0, `english: ${p} has Japanese text: ${jp.slice(0, 3).join(" | ")}`);
		} else if (langOf(p) === "" && p !== "404.html" && p !== "search.html") {
			// every text node, hidden or not (closed <details>, SVG labels): what the page holds
			siteText += await page.evaluate(() => {
				const out = [];
				const w = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
				for (let n; (n = w.nextNode());) out.push(n.textContent);
				return out.join("\n");
			}) + "\n";
		}
	}
	fs.writeFileSync(path.join(path.dirname(dir), "site-ja.txt"), siteText);

	// layout: at 320 and 360 px no page scrolls sideways and no table column is
	// squeezed (a cell narrower than three characters with more text than that);
	// at 1280 px no table is wider than the main column.
	for (const width of [320, 360, 1280]) {
		await page.setViewportSize({width, height: 900});
		for (const p of pages) {
			await page.goto(base + p);
			const r = await page.evaluate((w) => {
				const out = [];
				const doc = document.documentElement;
				if (w < 1000 && doc.scrollWidth > doc.clientWidth + 1)
					out.push(`the page is ${doc.scrollWidth} px wide`);
				const main = document.querySelector("main");
				const mainW = main ? main.clientWidth : doc.clientWidth;
				// a diagram shown on a phone is drawn for it: no text under 10 px
				for (const svg of document.querySelectorAll(".diagram svg[viewBox]")) {
					const box = svg.getBoundingClientRect();
					if (w >= 1000 || box.width === 0) continue;
					const k = box.width / svg.viewBox.baseVal.width;
					for (const t of svg.querySelectorAll("text")) {
						const px = parseFloat(getComputedStyle(t).fontSize) * k;
						if (px < 10) {
							out.push(`the diagram's text "${t.textContent.slice(0, 20)}" is ${px.toFixed(1)} px`);
							break;
						}
					}
				}
				// a chart's text on a phone: 8 px at least (the chart is drawn as
				// narrow as its words allow); 7 where a value's parts stand side
				// by side, each bar's label as wide as its bar
				for (const svg of document.querySelectorAll("figure.chart svg[viewBox]")) {
					const box = svg.getBoundingClientRect();
					if (w >= 1000 || box.width === 0) continue;
					const k = box.width / svg.viewBox.baseVal.width;
					const least = svg.closest("figure").classList.contains("parts") ? 7 : 8;
					for (const t of svg.querySelectorAll("text")) {
						const px = parseFloat(t.getAttribute("font-size")) * k;
						if (px < least) {
							out.push(`the chart's text "${t.textContent.slice(0, 20)}" is ${px.toFixed(1)} px`);
							break;
						}
					}
				}
				for (const t of document.querySelectorAll("main table")) {
					if (!t.offsetParent) continue;
					const name = (t.caption ? t.caption.textContent : t.className).trim().slice(0, 40);
					if (w >= 1000 && t.getBoundingClientRect().width > mainW + 1)
						out.push(`table "${name}" is ${Math.round(t.getBoundingClientRect().width)} px, the column ${mainW}`);
					// a table shown as cards never scrolls sideways
					if (w < 1000 && t.classList.contains("stack") && t.getBoundingClientRect().width > mainW + 1)
						out.push(`the cards of table "${name}" are ${Math.round(t.getBoundingClientRect().width)} px, the column ${mainW}`);
					// a Japanese column head of words ("2016年度 計画策定時") breaks
					// only between them (a space, a bracket), never inside a word
					for (const c of t.querySelectorAll("thead th")) {
						const text = c.textContent;
						if (!/[\u3040-\u30ff\u3400-\u9fff]/.test(text) || !/\S\s+\S/.test(text.trim())) continue;
						let prevTop = null, prevChar = "", bad = null;
						const walker = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
						for (let n = walker.nextNode(); n && !bad; n = walker.nextNode())
							for (let i = 0; i < n.data.length && !bad; i++) {
								const range = document.createRange();
								range.setStart(n, i);
								range.setEnd(n, i + 1);
								const rect = range.getClientRects()[0];
								if (!rect || /\s/.test(n.data[i])) { prevChar = n.data[i]; continue; }
								// a space, or a bracket or a mark between words ("年度（令和元年度）")
								if (prevTop !== null && rect.top > prevTop + rect.height / 2 && !/[\s）」』】〕、。・]/.test(prevChar) &&
								    !/[（「『【〔]/.test(n.data[i]))
									bad = `${text.trim().slice(0, 20)}" breaks before "${n.data[i]}`;
								prevTop = rect.top;
								prevChar = n.data[i];
							}
						if (bad) {
							out.push(`a column head of table "${name}" breaks inside a word: "${bad}"`);
							break;
						}
					}
					for (const c of t.querySelectorAll("th, td")) {
						const st = getComputedStyle(c);
						// not shown, or only to screen readers (a header row clipped away)
						const head = c.closest("thead");
						if (st.display === "none" || (head && head.getBoundingClientRect().width <= 1)) continue;
						const fsz = parseFloat(st.fontSize);
						const inner = c.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
						const text = c.textContent.trim();
						const cjk = /[\u3040-\u30ff\u3400-\u9fff]/.test(text);
						const three = 3 * fsz * (cjk ? 1 : 0.55);
						if (text.length > 3 && inner < three - 0.5) {
							out.push(`a column of table "${name}" is ${Math.round(inner)} px: "${text.slice(0, 20)}"`);
							break;
						}
					}
				}
				return out;
			}, width);
			ok(r.length === 0, `layout: ${p} at ${width} px: ${r.slice(0, 4).join("; ")}`);
		}
	}

	// search: what each language's search page lists for a query must be the pages whose
	// indexed text (title and text, NFKC, lower case, as site.js reads them) holds every
	// word of it.  Probes: a distinctive part of every page's title, and the --search ones.
	const norm = (t) => t.normalize("NFKC").toLowerCase();
	const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
	const indexes = {};  // language folder ("" for the root) → entries
	for (const f of files.filter((x) => INDEX.test(path.relative(dir, x)))) {
		const lang = path.basename(f).slice(7, -3);
		try {
			indexes[langDirs.includes(lang) ? lang : ""] = readIndex(f);
		} catch (e) { /* reported by the safe checks */ }
	}
	const all = [];  // [search page, query, wanted page (relative to the search page), entries]
	for (const lang of ["", ...langDirs]) {
		const entries = indexes[lang] || [];
		const prefix = lang ? lang + "/" : "";
		ok(entries.length > 0, `search: ${prefix || "the root"} has a search index`);
		const indexed = new Set(entries.map((e) => path.normalize(prefix + e.u)));
		for (const p of pages.filter((q) => langOf(q) === lang && !/(^|\/)(404|search)\.html$/.test(q)))
			ok(indexed.has(p), `search: ${p} is in the search index`);
		// A part of each title that no other title holds: characters from inside a word
		// (Japanese has no spaces, any part of a word must find it), else the longest word.
		const titles = entries.map((e) => norm(e.t));
		for (const [i, e] of entries.entries()) {
			const t = titles[i], others = titles.filter((x, j) => j !== i);
			const cands = [];
			if (CJK.test(t)) {
				// strictly inside first, then ending with the title (ホーム → ーム)
				for (const end of [t.length - 1, t.length])
					for (const n of [3, 4, 2])
						for (let k = 1; k + n <= end; k++) {
							const c = t.slice(k, k + n);
							if ([...c].every((ch) => CJK.test(ch))) cands.push(c);
						}
			} else {
				cands.push(...(t.match(/[\p{L}\p{N}]{4,}/gu) || []).sort((a, b) => b.length - a.length));
			}
			// no part of it is its alone ("Indicators" beside "Progress of the indicators"):
			// all its words
			const q = cands.find((c) => !others.some((o) => o.includes(c))) || t;
			all.push([prefix + "search.html", q, e.u, entries]);
		}
	}
	for (const [query, want] of probes) {
		const lang = langOf(want);
		all.push([(lang ? lang + "/" : "") + "search.html", query, lang ? want.slice(lang.length + 1) : want,
			indexes[lang] || []]);
	}
	for (const [searchPage, query, want, entries] of all) {
		const terms = norm(query).split(/\s+/).filter(Boolean);
		const expect = entries.filter((e) => terms.every((w) => norm(e.t + " " + e.x).includes(w))).map((e) => e.u);
		await page.goto(base + searchPage + "?q=" + encodeURIComponent(query));
		await page.waitForSelector("#search-results ol", {timeout: 5000}).catch(() => {});
		const hrefs = await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
		ok(hrefs.includes(want), `search: ${searchPage}?q=${query} finds ${want} (found ${hrefs.join(" ")})`);
		ok(hrefs.length === expect.length && expect.every((u) => hrefs.includes(u)),
			`search: ${searchPage}?q=${query} lists the pages that hold it: ${expect.join(" ")} (found ${hrefs.join(" ")})`);
		// a snippet of words written with spaces begins and ends with whole words
		const snips = await page.$$eval("#search-results li", (lis) =>
			lis.map((li) => [li.querySelector("a").getAttribute("href"), li.querySelector("p") ? li.querySelector("p").textContent : ""]));
		const letter = /[A-Za-z0-9\u00C0-\u024F]/, cut = [];
		for (const [u, sn] of snips) {
			const e = entries.find((x) => x.u === u), body = sn.replace(/^…/, "").replace(/…$/, "");
			if (!e || !body || CJK.test(body)) continue;
			const i = e.x.indexOf(body), j = i + body.length;
			if (i < 0 || (i > 0 && letter.test(e.x[i - 1]) && letter.test(body[0])) ||
			    (j < e.x.length && letter.test(e.x[j]) && letter.test(body[body.length - 1])))
				cut.push(`${u}: "${sn.slice(0, 30)}…${sn.slice(-20)}"`);
		}
		ok(cut.length === 0, `search: ${searchPage}?q=${query} shows whole words at a snippet's ends: ${cut.slice(0, 3).join("; ")}`);
	}
	// search from disk: the same page opened as file:// (no fetch allowed there)
	// finds the page, with the query marked in the result.
	for (const lang of ["", ...langDirs]) {
		// a --search probe (a word of the text: the snippet must mark it), else a title's part
		const sp = (lang ? lang + "/" : "") + "search.html";
		const given = probes.find(([, w]) => langOf(w) === lang);
		const probe = given ? [sp, given[0], lang ? given[1].slice(lang.length + 1) : given[1]]
			: all.find(([p]) => p === sp);
		if (!probe) continue;
		const [searchPage, query, want] = probe;
		await page.goto("file://" + path.join(dir, searchPage) + "?q=" + encodeURIComponent(query));
		await page.waitForSelector("#search-results ol", {timeout: 5000}).catch(() => {});
		const found = await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
		const marks = await page.$$eval(`#search-results li:first-child ${given ? "p " : ""}mark`,
			(ms) => ms.map((m) => m.textContent));
		ok(found.includes(want), `search: from disk, ${searchPage}?q=${query} finds ${want} (found ${found.join(" ")})`);
		ok(marks.length > 0 && marks.every((m) => norm(m).includes(norm(query).split(/\s+/)[0]) ||
			norm(query).includes(norm(m))), `search: from disk, ${searchPage}?q=${query} marks the query (${marks.join(" | ")})`);
	}
	await browser.close();
	server.close();
	if (record) writeRecord(record);
	console.log(`site: ${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
