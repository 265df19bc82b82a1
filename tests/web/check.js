// Checks of the generated site, as its users and the web team need them.
// usage: node tests/web/check.js OUTPUT_DIR
// Prints one line per failure and "site: N passed, N failed"; exits 1 on failure.
//   links      every internal link, fragment and asset reference resolves
//   valid      every page passes html-validate (offline)
//   pairs      every Japanese page has its English counterpart and vice versa
//   english    English pages hold no Japanese outside elements marked lang="ja"
//   axe        axe-core in headless Chromium: no WCAG 2.1 A/AA violation on any page
//   text       the text of the Japanese pages, written to OUTPUT_DIR/../site-ja.txt
//              for the faithfulness check (tests/faithful.py --text)
"use strict";
const fs = require("fs");
const path = require("path");
const {HtmlValidate} = require("html-validate");
const {chromium} = require("playwright-core");
const {serve} = require("./serve.js");

const dir = path.resolve(process.argv[2]);
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

// ids per page, for fragments
const ids = {};
for (const p of pages) ids[p] = new Set([...html[p].matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));

// links
for (const p of pages) {
	for (const m of html[p].matchAll(/\s(?:href|src)="([^"]*)"/g)) {
		const ref = m[1].replace(/&amp;/g, "&");
		if (/^(mailto:|https?:)/.test(ref)) continue;
		const [file, frag] = ref.split("#");
		const target = file ? path.normalize(path.join(path.dirname(p), file)) : p;
		const exists = fs.existsSync(path.join(dir, target));
		ok(exists, `links: ${p} → ${ref} (no such file)`);
		if (exists && frag && target.endsWith(".html"))
			ok(ids[target] && ids[target].has(decodeURIComponent(frag)), `links: ${p} → ${ref} (no such id)`);
	}
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
	}

	// titles: unique within each language
	for (const lang of ["ja", "en"]) {
		const seen = {};
		for (const p of pages.filter((q) => (lang === "en") === q.startsWith("en/"))) {
			const t = (html[p].match(/<title>([^<]*)<\/title>/) || [])[1];
			ok(t && !seen[t], `titles: ${p} has ${t ? "the title of " + seen[t] : "no title"}`);
			if (t) seen[t] = p;
		}
	}

	// pairs
	const ja = pages.filter((p) => !p.startsWith("en/"));
	const en = pages.filter((p) => p.startsWith("en/")).map((p) => p.slice(3));
	for (const p of ja) ok(en.includes(p), `pairs: ${p} has no English page`);
	for (const p of en) ok(ja.includes(p), `pairs: en/${p} has no Japanese page`);

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
		for (const v of res.violations)
			ok(false, `axe: ${p}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
		ok(true, `axe: ${p}`);
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
		} else if (p !== "404.html" && p !== "search.html") {
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

	// search: a Japanese word inside a longer one, and an English word, find their pages
	for (const [url, want] of [["search.html?q=" + encodeURIComponent("加入率"), "measure-m4.html"],
		["en/search.html?q=crowdfunding", "measure-m5.html"]]) {
		await page.goto(base + url);
		await page.waitForSelector("#search-results ol", {timeout: 5000}).catch(() => {});
		const hrefs = await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
		ok(hrefs.includes(want), `search: ${decodeURIComponent(url)} finds ${want} (found ${hrefs.join(" ")})`);
	}
	await browser.close();
	server.close();
	console.log(`site: ${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
