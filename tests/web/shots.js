// Screenshots of key pages at phone and desktop widths, for people to look at.
// usage: node tests/web/shots.js OUTPUT_DIR SHOT_DIR
"use strict";
const {chromium} = require("playwright-core");
const {serve} = require("./serve.js");
const fs = require("fs");

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync"];
const PAGES = (process.env.PAGES || "index.html measure-m1.html indicators.html en/index.html structure.html").split(" ");

(async () => {
	const [dir, shots] = process.argv.slice(2);
	fs.mkdirSync(shots, {recursive: true});
	const server = await serve(dir);
	const base = `http://127.0.0.1:${server.address().port}/`;
	const browser = await chromium.launch({executablePath: "/usr/bin/chromium", args: ARGS});
	for (const width of [360, 1280]) {
		const page = await browser.newPage({viewport: {width, height: 900}});
		for (const p of PAGES) {
			await page.goto(base + p);
			const name = `${shots}/${p.replace(/\//g, "_").replace(".html", "")}-${width}.png`;
			// SLICE=Y: only the 900 px from Y down (to look at part of a long page)
			const y = process.env.SLICE ? Number(process.env.SLICE) : null;
			await page.screenshot(y !== null
				? {path: name, fullPage: true, clip: {x: 0, y, width, height: 900}}
				: {path: name, fullPage: !process.env.VIEWPORT});
			console.log(name);
		}
		await page.close();
	}
	await browser.close();
	server.close();
})().catch((e) => { console.error(e); process.exit(1); });
