// A static file server for the generated site, on 127.0.0.1 only.
"use strict";
const http = require("http");
const fs = require("fs");
const path = require("path");

const TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
	".json": "application/json", ".xml": "application/xml", ".pdf": "application/pdf",
	".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml"};

function serve(dir) {
	dir = path.resolve(dir);
	const server = http.createServer((req, res) => {
		let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
		if (p.endsWith("/")) p += "index.html";
		const file = path.join(dir, path.normalize(p));
		if (!file.startsWith(path.resolve(dir)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
			res.writeHead(404, {"content-type": TYPES[".html"]});
			res.end(fs.readFileSync(path.join(dir, "404.html")));
			return;
		}
		res.writeHead(200, {"content-type": TYPES[path.extname(file)] || "application/octet-stream"});
		res.end(fs.readFileSync(file));
	});
	return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
module.exports = {serve};
