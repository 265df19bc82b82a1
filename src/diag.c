/* diag.c — diagnostics with path:line:col, the source line and a caret. */
#include "diag.h"

#include <libintl.h>
#include <locale.h>
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
	size_t *starts; /* where each line begins, made when one is first shown */
	int nlines;
} srcfile_t;

static srcfile_t *files;
static int nfiles;
static bool strict, verbose;
static int nerrors, nwarnings, ngaps, nfatal;
static bool lang_chosen;
static char lang_code[16] = "en";

#define DOMAIN "plangen"

/* The plan's own words for its parts, which a translation names as
 * {measure} (the keys of words.yaml): a city whose plan calls its measures
 * "directions" reads that in its messages.  Unset, a term reads as the
 * translation of its noun. */
static struct {
	const char *name, *noun;
	char *word;
} terms[] = {
	/* The words of the parts where the plan gives none in the messages'
	 * language: the nouns as a translation would use them in a sentence. */
	{"basic_goal", N_("basic goal"), NULL},   {"policy", N_("basic policy"), NULL},
	{"measure", N_("basic measure"), NULL},   {"baseline", N_("baseline"), NULL},
	{"current", N_("current value"), NULL},   {"target", N_("target value"), NULL},
	{"actions", N_("priority actions"), NULL},
};
#define NTERMS (sizeof terms / sizeof terms[0])

/* Translations with their terms filled in, kept while the terms stand. */
static struct {
	char *from, *to;
} *filled;
static int nfilled;

static void forget_filled(void)
{
	for (int i = 0; i < nfilled; i++) {
		free(filled[i].from);
		free(filled[i].to);
	}
	free(filled);
	filled = NULL;
	nfilled = 0;
}

void diag_set_term(const char *name, const char *word)
{
	for (size_t i = 0; i < NTERMS; i++)
		if (strcmp(terms[i].name, name) == 0) {
			free(terms[i].word);
			/* a word is put into format strings: one with % stays unused */
			terms[i].word = word && *word && !strchr(word, '%') ? xstrdup(word) : NULL;
			forget_filled();
		}
}

static const char *fill_terms(const char *t)
{
	if (!t || !strchr(t, '{'))
		return t;
	for (int i = 0; i < nfilled; i++)
		if (strcmp(filled[i].from, t) == 0)
			return filled[i].to;
	buf_t b = BUF_INIT;
	for (const char *q = t; *q;) {
		size_t i = 0, n = 0;
		if (*q == '{')
			for (i = 0; i < NTERMS; i++) {
				n = strlen(terms[i].name);
				if (strncmp(q + 1, terms[i].name, n) == 0 && q[n + 1] == '}')
					break;
			}
		if (*q != '{' || i == NTERMS) {
			buf_putc(&b, *q++);
			continue;
		}
		buf_puts(&b, terms[i].word ? terms[i].word : dgettext(DOMAIN, terms[i].noun));
		q += n + 2;
	}
	filled = xrealloc(filled, sizeof *filled * (size_t)(nfilled + 1));
	filled[nfilled].from = xstrdup(t);
	filled[nfilled].to = buf_detach(&b);
	return filled[nfilled++].to;
}

const char *diag_tr(const char *msgid)
{
	/* gettext("") is the catalogue's header, not a message. */
	return msgid && *msgid ? fill_terms(dgettext(DOMAIN, msgid)) : msgid;
}

const char *diag_ntr(const char *one, const char *many, unsigned long n)
{
	return fill_terms(dngettext(DOMAIN, one, many, n));
}

const char *diag_lang(void) { return lang_code; }

void diag_set_localedir(const char *dir)
{
	bindtextdomain(DOMAIN, dir);
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	/* The C library's own messages (strerror) in the same language, whose
	 * translations would otherwise be cut to ASCII in the C locale. */
	bind_textdomain_codeset("libc", "UTF-8");
}

/* gettext reads the languages wanted from LANGUAGE, in any locale but C;
 * C.UTF-8 is always there (glibc) and leaves numbers as they are.
 * setlocale() after setenv() makes gettext forget what it looked up. */
void diag_set_lang(const char *code, bool chosen)
{
	if (lang_chosen && !chosen)
		return;
	lang_chosen = lang_chosen || chosen;
	snprintf(lang_code, sizeof lang_code, "%s", code);
	setenv("LANGUAGE", code, 1);
	setlocale(LC_MESSAGES, "C.UTF-8");
}

int diag_file_add(const char *path, const char *text, size_t len)
{
	files = xrealloc(files, sizeof *files * (size_t)(nfiles + 1));
	files[nfiles].path = xstrdup(path);
	files[nfiles].text = xstrndup(text, len);
	files[nfiles].len = len;
	files[nfiles].starts = NULL;
	files[nfiles].nlines = 0;
	return nfiles++;
}

pos_t diag_find(const char *text)
{
	size_t n = strlen(text);
	for (int i = 0; i < nfiles && n; i++) {
		const char *at = strstr(files[i].text, text);
		if (!at)
			continue;
		int line = 1, col = 1;
		for (const char *q = files[i].text; q < at; q++) {
			if (*q == '\n')
				line++, col = 1;
			else if (((unsigned char)*q & 0xC0) != 0x80)
				col++;
		}
		return diag_pos(i, line, col);
	}
	return POS_NONE;
}

void diag_set_strict(bool on) { strict = on; }
void diag_set_verbose(bool on) { verbose = on; }
bool diag_verbose(void) { return verbose; }

const char *diag_file_path(pos_t pos)
{
	return pos.file >= 0 && pos.file < nfiles ? files[pos.file].path : "";
}

/* The start of line `line` of the file of pos, or NULL past its end.  The
 * lines are indexed once per file: the loader looks up a line for each
 * text it reads (a YAML comment cut from it), so a file of 100,000 lines
 * is not scanned from its start each time. */
static const char *line_start(pos_t pos)
{
	if (pos.file < 0 || pos.file >= nfiles || pos.line <= 0)
		return NULL;
	srcfile_t *f = &files[pos.file];
	if (!f->starts) {
		int n = 1;
		for (const char *q = f->text; (q = memchr(q, '\n', (size_t)(f->text + f->len - q))); q++)
			n++;
		f->starts = xmalloc((size_t)n * sizeof *f->starts);
		f->starts[0] = 0;
		f->nlines = 1;
		for (const char *q = f->text; (q = memchr(q, '\n', (size_t)(f->text + f->len - q))); q++)
			f->starts[f->nlines++] = (size_t)(q + 1 - f->text);
	}
	return pos.line <= f->nlines ? f->text + f->starts[pos.line - 1] : NULL;
}

const char *diag_line(pos_t pos, size_t *len)
{
	const char *p = line_start(pos);
	if (!p)
		return NULL;
	const char *end = files[pos.file].text + files[pos.file].len;
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	*len = (size_t)((eol ? eol : end) - p);
	return p;
}

/* Prints line `line` of the file and a caret under column `col`.  Wide
 * characters take two cells, tabs are copied, so the caret lines up. */
static void show_source(pos_t pos)
{
	const char *p = line_start(pos);
	if (!p)
		return;
	const char *end = files[pos.file].text + files[pos.file].len;
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
	fprintf(stderr, "%s: ", _(kind));
	vfprintf(stderr, _(fmt), ap);
	fputc('\n', stderr);
	show_source(pos);
}

void diag_error(pos_t pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(pos, N_("error"), fmt, ap);
	va_end(ap);
	nerrors++;
}

void diag_warning(pos_t pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(pos, strict ? N_("error") : N_("warning"), fmt, ap);
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
		report(pos, N_("warning"), fmt, ap);
		va_end(ap);
	}
	ngaps++;
}

void diag_hint(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "      = %s: ", _("hint"));
	vfprintf(stderr, _(fmt), ap);
	fputc('\n', stderr);
	va_end(ap);
}

void diag_fatal(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "plangen: %s: ", _("error"));
	vfprintf(stderr, _(fmt), ap);
	fputc('\n', stderr);
	va_end(ap);
	nerrors++;
	nfatal++;
}

void diag_get_counts(int counts[4])
{
	counts[0] = nerrors, counts[1] = nwarnings, counts[2] = ngaps, counts[3] = nfatal;
}

void diag_add_counts(const int counts[4])
{
	nerrors += counts[0], nwarnings += counts[1], ngaps += counts[2], nfatal += counts[3];
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
		free(files[i].starts);
	}
	free(files);
	files = NULL;
	nfiles = 0;
	nerrors = nwarnings = ngaps = nfatal = 0;
	for (size_t i = 0; i < NTERMS; i++)
		diag_set_term(terms[i].name, NULL);
}
