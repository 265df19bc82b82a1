/* serve.c — `plangen serve` (serve.h): the only file that sees libmicrohttpd
 * and inotify. */
#define _DEFAULT_SOURCE
#include "serve.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backends.h"
#include "buf.h"
#include "diag.h"

/* What the server knows of the last build; the HTTP thread reads it, the
 * main thread writes it, both under the lock. */
typedef struct {
	pthread_mutex_t lock;
	unsigned version; /* builds done */
	bool ok;          /* the last one succeeded */
	buf_t log;        /* its messages when it failed */
	const char *output;
} state_t;

/* Loaded by every page served: polls the build's state, reloads the page
 * after a good build, shows the messages of a failed one over it, and those
 * of a good one that has some at a place (path:line:col: a warning) in a
 * folded panel at the foot of the page, summed up by the build's count of
 * errors and warnings (its first line that is not a message's). */
static const char reload_js[] =
	"(function () {\n"
	"  var seen = null, box = null, note = null;\n"
	"  function show(log) {\n"
	"    if (!box) {\n"
	"      box = document.createElement('div');\n"
	"      box.setAttribute('role', 'alert');\n"
	"      box.style.cssText = 'position:fixed;inset:0 0 auto 0;max-height:60vh;overflow:auto;z-index:99;'\n"
	"        + 'background:#fff;color:#000;border-bottom:4px solid #b00020;padding:1em;font:14px/1.5 monospace;'\n"
	"        + 'white-space:pre-wrap';\n"
	"      document.body.appendChild(box);\n"
	"    }\n"
	"    box.textContent = log;\n"
	"  }\n"
	"  function warn(log) {\n"
	"    var lines = log.replace(/\\s+$/, '').split('\\n');\n"
	"    note = document.createElement('details');\n"
	"    note.id = 'plangen-messages';\n"
	"    note.setAttribute('role', 'status');\n"
	"    note.style.cssText = 'position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;z-index:99;'\n"
	"      + 'background:#fff;color:#000;border-top:4px solid #8a5a00;padding:0.5em 1em;font:14px/1.5 monospace;'\n"
	"      + 'white-space:pre-wrap';\n"
	"    var sum = document.createElement('summary');\n"
	"    sum.style.cursor = 'pointer';\n"
	"    sum.textContent = lines.filter(function (l) { return !/^\\s|:\\d+:\\d+: /.test(l); })[0] || lines[0];\n"
	"    note.appendChild(sum);\n"
	"    note.appendChild(document.createTextNode(log));\n"
	"    document.body.appendChild(note);\n"
	"    document.body.style.paddingBottom = '3em';\n"
	"  }\n"
	"  function poll() {\n"
	"    fetch('/__plangen/status', {cache: 'no-store'}).then(function (r) { return r.json(); })\n"
	"      .then(function (s) {\n"
	"        if (seen !== null && s.version !== seen && s.ok) { location.reload(); return; }\n"
	"        if (seen === null && s.ok && /^[^ \\n][^\\n]*:\\d+:\\d+: /m.test(s.log)) warn(s.log);\n"
	"        seen = s.version;\n"
	"        if (!s.ok) show(s.log); else if (box) { box.remove(); box = null; }\n"
	"        setTimeout(poll, 300);\n"
	"      }, function () { setTimeout(poll, 1000); });\n"
	"  }\n"
	"  poll();\n"
	"})();\n";

static const char reload_tag[] = "<script src=\"/__plangen/reload.js\"></script>";

static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

/* ---- building ------------------------------------------------------------ */

/* Runs `plangen build` (this program) in a child process, its messages
 * copied to ours and kept for the browser. */
static void rebuild(state_t *st, const char *content, const char *theme, const char *output, bool strict, bool verbose, const char *lang)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	buf_t log = BUF_INIT;
	int status = -1;
	int fds[2];
	if (n > 0 && pipe(fds) == 0) {
		self[n] = '\0';
		fflush(stdout);
		fflush(stderr);
		pid_t pid = fork();
		if (pid == 0) {
			dup2(fds[1], STDOUT_FILENO);
			dup2(fds[1], STDERR_FILENO);
			close(fds[0]);
			close(fds[1]);
			const char *argv[12] = {self, "build", "--content", content, "--theme", theme, "--output", output};
			int argc = 8;
			if (strict)
				argv[argc++] = "--strict";
			if (verbose)
				argv[argc++] = "--verbose";
			if (lang) {
				argv[argc++] = "--lang";
				argv[argc++] = lang;
			}
			execv(self, (char *const *)argv);
			_exit(2);
		}
		close(fds[1]);
		char chunk[4096];
		ssize_t got;
		while (pid > 0 && ((got = read(fds[0], chunk, sizeof chunk)) > 0 || (got < 0 && errno == EINTR)))
			if (got > 0)
				buf_put(&log, chunk, (size_t)got);
		close(fds[0]);
		while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	} else {
		buf_printf(&log, "cannot start a build: %s\n", strerror(errno));
	}
	bool ok = status == 0;
	time_t now = time(NULL);
	char when[16];
	strftime(when, sizeof when, "%H:%M:%S", localtime(&now));
	fprintf(stderr, "%s%s %s\n", log.ptr ? log.ptr : "", when, ok ? "built" : "the build failed; the last good output stays served");
	pthread_mutex_lock(&st->lock);
	st->version++;
	st->ok = ok;
	buf_free(&st->log);
	st->log = log;
	pthread_mutex_unlock(&st->lock);
}

/* ---- serving ------------------------------------------------------------- */

static const char *content_type(const char *path)
{
	static const char *const types[][2] = {
		{".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"}, {".svg", "image/svg+xml"},
		{".json", "application/json"}, {".csv", "text/csv; charset=utf-8"},
		{".pdf", "application/pdf"}, {".png", "image/png"},
		{".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"},
		{".xml", "application/xml"}, {".txt", "text/plain; charset=utf-8"},
		{".md", "text/plain; charset=utf-8"},
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
		if (strcmp(dot, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned code, const char *type, const void *data,
			     size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	enum MHD_Result ret = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return ret;
}

/* The state as JSON: {"version":N,"ok":true,"log":"…"}. */
static enum MHD_Result status_reply(struct MHD_Connection *c, state_t *st)
{
	buf_t b = BUF_INIT;
	pthread_mutex_lock(&st->lock);
	buf_printf(&b, "{\"version\":%u,\"ok\":%s,\"log\":", st->version, st->ok ? "true" : "false");
	data_put_json_string(&b, st->log.ptr ? st->log.ptr : "");
	pthread_mutex_unlock(&st->lock);
	buf_puts(&b, "}");
	enum MHD_Result ret = reply(c, MHD_HTTP_OK, "application/json", b.ptr, b.len);
	buf_free(&b);
	return ret;
}

/* The file of the output folder that url names, or false: no "..", no
 * hidden file; a folder stands for its index.html. */
static bool file_of(buf_t *path, const state_t *st, const char *url)
{
	if (url[0] != '/' || strstr(url, "/.") || strchr(url, '\\'))
		return false;
	buf_printf(path, "%s%s", st->output, url);
	struct stat s;
	if (path->ptr[path->len - 1] == '/' || (stat(path->ptr, &s) == 0 && S_ISDIR(s.st_mode)))
		buf_puts(path, path->ptr[path->len - 1] == '/' ? "index.html" : "/index.html");
	return stat(path->ptr, &s) == 0 && S_ISREG(s.st_mode);
}

static enum MHD_Result file_reply(struct MHD_Connection *c, state_t *st, const char *url)
{
	buf_t path = BUF_INIT;
	unsigned code = MHD_HTTP_OK;
	if (!file_of(&path, st, url)) {
		buf_free(&path);
		buf_printf(&path, "%s/404.html", st->output);
		code = MHD_HTTP_NOT_FOUND;
	}
	FILE *f = fopen(path.ptr, "rb");
	buf_t body = BUF_INIT;
	if (f) {
		char chunk[65536];
		size_t got;
		while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_put(&body, chunk, got);
		fclose(f);
	}
	const char *type = f ? content_type(path.ptr) : "text/html; charset=utf-8";
	/* No output yet (the first build failed): a page that shows why. */
	if (!f)
		buf_puts(&body, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>plangen</title>"
				"</head><body><p>No output yet.</p></body></html>");
	/* Every page loads the reload script, before </body>. */
	if (strcmp(type, "text/html; charset=utf-8") == 0 && body.ptr) {
		char *end = strstr(body.ptr, "</body>");
		size_t at = end ? (size_t)(end - body.ptr) : body.len;
		buf_t page = BUF_INIT;
		buf_put(&page, body.ptr, at);
		buf_puts(&page, reload_tag);
		buf_put(&page, body.ptr + at, body.len - at);
		buf_free(&body);
		body = page;
	}
	enum MHD_Result ret = reply(c, code, type, body.ptr ? body.ptr : "", body.len);
	buf_free(&body);
	buf_free(&path);
	return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload, size_t *upload_size, void **req)
{
	(void)version, (void)upload, (void)upload_size, (void)req;
	state_t *st = cls;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain", "GET only\n", 9);
	if (strcmp(url, "/__plangen/status") == 0)
		return status_reply(c, st);
	if (strcmp(url, "/__plangen/reload.js") == 0)
		return reply(c, MHD_HTTP_OK, "text/javascript; charset=utf-8", reload_js, sizeof reload_js - 1);
	return file_reply(c, st, url);
}

/* ---- watching ------------------------------------------------------------ */

#define WATCH_EVENTS (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF)

/* Watches dir and every folder under it. */
static void watch_tree(int fd, const char *dir)
{
	if (inotify_add_watch(fd, dir, WATCH_EVENTS) < 0)
		return;
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		buf_t sub = BUF_INIT;
		buf_printf(&sub, "%s/%s", dir, e->d_name);
		struct stat s;
		if (lstat(sub.ptr, &s) == 0 && S_ISDIR(s.st_mode))
			watch_tree(fd, sub.ptr);
		buf_free(&sub);
	}
	closedir(d);
}

/* Waits for a change (true), or for a stop (false).  A change is taken
 * once nothing more happened for 100 ms: an editor's save is several
 * events. */
static bool wait_change(int fd)
{
	bool changed = false;
	for (;;) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int n = poll(&p, 1, changed ? 100 : 500);
		if (stopping)
			return false;
		if (n == 0 && changed)
			return true;
		if (n <= 0)
			continue;
		char events[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
		ssize_t got = read(fd, events, sizeof events);
		if (got > 0)
			changed = true;
	}
}

int serve(const char *content, const char *theme, const char *output, int port, bool strict, bool verbose, const char *lang)
{
	state_t st = {.lock = PTHREAD_MUTEX_INITIALIZER, .output = output};
	struct sigaction sa = {.sa_handler = on_stop};
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	rebuild(&st, content, theme, output, strict, verbose, lang);
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, (uint16_t)port, NULL, NULL, handle, &st,
						MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_END);
	if (!d) {
		diag_fatal("cannot serve on http://127.0.0.1:%d/: %s", port, strerror(errno));
		diag_hint("another program may use the port: choose another with --port N");
		buf_free(&st.log);
		return 2;
	}
	int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (fd < 0) {
		diag_fatal("cannot watch the content folder: %s", strerror(errno));
		MHD_stop_daemon(d);
		buf_free(&st.log);
		return 2;
	}
	watch_tree(fd, content);
	watch_tree(fd, theme);
	printf("serving %s on http://127.0.0.1:%d/ (Ctrl-C stops)\n", output, port);
	fflush(stdout);
	while (wait_change(fd)) {
		/* Folders made since are watched too. */
		watch_tree(fd, content);
		rebuild(&st, content, theme, output, strict, verbose, lang);
	}
	close(fd);
	MHD_stop_daemon(d);
	buf_free(&st.log);
	return 0;
}
