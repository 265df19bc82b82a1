// The preview's pages in a browser: node tests/web/preview.js URL TEXT
// Opens URL (a page `plangen serve` serves) in headless Chromium and waits up
// to 5 s for the panel of the build's messages (#plangen-messages) to show
// TEXT in its summary or body. Prints what it found; exits 0 when it did.
"use strict";
const {chromium} = require("playwright-core");

(async () => {
	const [url, text] = process.argv.slice(2);
	const browser = await chromium.launch({executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox",
		"--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"]});
	let found = "";
	try {
		const page = await browser.newPage();
		await page.goto(url);
		const panel = await page.waitForSelector("#plangen-messages", {timeout: 5000}).catch(() => null);
		if (panel) {
			found = await panel.evaluate((e) => e.querySelector("summary").textContent + "\n" + e.textContent);
			// folded at first: the page stays readable
			if (await panel.evaluate((e) => e.open)) found = "open at first\n" + found;
		}
	} finally {
		await browser.close();
	}
	console.log(found || "no panel");
	process.exit(found.includes(text) && !found.startsWith("open at first") ? 0 : 1);
})();
