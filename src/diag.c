/* diag.c — diagnostics with path:line:col, the source line and a caret. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

typedef struct {
	char *path;
	char *text;
	size_t len;
} srcfile_t;

static srcfile_t *files;
static int nfiles;
static bool strict, verbose;
static int nerrors, nwarnings, ngaps, nfatal;

int diag_file_add(const char *path, const char *text, size_t len)
{
	files = xrealloc(files, sizeof *files * (size_t)(nfiles + 1));
	files[nfiles].path = xstrdup(path);
	files[nfiles].text = xstrndup(text, len);
	files[nfiles].len = len;
	return nfiles++;
}

void diag_set_strict(bool on) { strict = on; }
void diag_set_verbose(bool on) { verbose = on; }
bool diag_verbose(void) { return verbose; }

/* Prints line `line` of the file and a caret under column `col`.  Wide
 * characters take two cells, tabs are copied, so the caret lines up. */
static void show_source(pos_t pos)
{
	if (pos.file < 0 || pos.file >= nfiles || pos.line <= 0)
		return;
	const srcfile_t *f = &files[pos.file];
	const char *p = f->text, *end = f->text + f->len;
	for (int l = 1; l < pos.line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return;
		p = nl + 1;
	}
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	if (eol > p && eol[-1] == '\r')
		eol--;
	buf_t pad = BUF_INIT;
	const char *q = p;
	for (int c = 1; c < pos.col && q < eol; c++) {
		uint32_t cp;
		int n = utf8_decode(q, (size_t)(eol - q), &cp);
		if (n == 0) { /* invalid byte: one cell */
			n = 1;
			cp = '?';
		}
		buf_puts(&pad, cp == '\t' ? "\t" : utf8_is_wide(cp) ? "  " : " ");
		q += n;
	}
	/* Invalid bytes in the shown line would garble the terminal: show them as '?'. */
	buf_t line = BUF_INIT;
	for (q = p; q < eol;) {
		uint32_t cp;
		int n = utf8_decode(q, (size_t)(eol - q), &cp);
		if (n == 0) {
			buf_putc(&line, '?');
			q++;
		} else {
			buf_put(&line, q, (size_t)n);
			q += n;
		}
	}
	fprintf(stderr, "%5d | %s\n      | %s^\n", pos.line, line.ptr, pad.ptr);
	buf_free(&pad);
	buf_free(&line);
}

static void report(pos_t pos, const char *kind, const char *fmt, va_list ap)
{
	fflush(stdout);
	if (pos.file >= 0 && pos.file < nfiles) {
		if (pos.line > 0)
			fprintf(stderr, "%s:%d:%d: ", files[pos.file].path, pos.line, pos.col);
		else
			fprintf(stderr, "%s: ", files[pos.file].path);
	} else {
		fputs("plangen: ", stderr);
	}
	fprintf(stderr, "%s: ", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	show_source(pos);
}

void diag_error(pos_t pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(pos, "error", fmt, ap);
	va_end(ap);
	nerrors++;
}

void diag_warning(pos_t pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(pos, strict ? "error" : "warning", fmt, ap);
	va_end(ap);
	if (strict)
		nerrors++;
	else
		nwarnings++;
}

void diag_gap(pos_t pos, const char *fmt, ...)
{
	if (verbose) {
		va_list ap;
		va_start(ap, fmt);
		report(pos, "warning", fmt, ap);
		va_end(ap);
	}
	ngaps++;
}

void diag_hint(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("      = hint: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void diag_fatal(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("plangen: error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	nerrors++;
	nfatal++;
}

int diag_errors(void) { return nerrors; }
int diag_fatals(void) { return nfatal; }
int diag_warnings(void) { return nwarnings; }
int diag_gaps(void) { return ngaps; }

void diag_reset(void)
{
	for (int i = 0; i < nfiles; i++) {
		free(files[i].path);
		free(files[i].text);
	}
	free(files);
	files = NULL;
	nfiles = 0;
	nerrors = nwarnings = ngaps = nfatal = 0;
}
