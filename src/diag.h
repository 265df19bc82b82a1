/* diag.h — the one diagnostic format.
 *
 *   content/indicators.yaml:12:14: error: expected a number, found "two"
 *      12 |     current: two
 *         |              ^
 *      hint: write the number plainly, e.g. 2216
 *
 * Source files are registered once (diag_file_add keeps a copy of the text)
 * so that every message can show the offending line with a caret.  Lines and
 * columns are 1-based; a column counts characters, not bytes.
 *
 * Messages are written in English in the code and shown in the language of
 * the people who edit the plan: GNU gettext translates each format string
 * (and each hint) when it is printed, from po/LANG.po.  A phrase passed as
 * an argument (a `what`) is translated where it is printed, with _(), and
 * marked where it is written (the keywords of `make pot`), or with N_(). */
#ifndef PLANGEN_DIAG_H
#define PLANGEN_DIAG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	int file; /* from diag_file_add; -1: no file */
	int line; /* 1-based; 0: the whole file */
	int col;  /* 1-based, in characters */
} pos_t;

#define POS_NONE ((pos_t){-1, 0, 0})

static inline pos_t diag_pos(int file, int line, int col)
{
	pos_t p = {file, line, col};
	return p;
}

int diag_file_add(const char *path, const char *text, size_t len);
/* The text of the line at pos (without its line end) and its length in
 * *len, or NULL when pos names no line of a file added. */
const char *diag_line(pos_t pos, size_t *len);
/* The path of the file pos is in ("" for none). */
const char *diag_file_path(pos_t pos);
/* Where text first occurs in the files added (the first file first), or
 * POS_NONE: the place of a character found missing only at the end. */
pos_t diag_find(const char *text);

/* A message in the language chosen (itself when it has no translation). */
const char *diag_tr(const char *msgid) __attribute__((format_arg(1)));
#define _(s) diag_tr(s)
/* The singular or the plural form for n, in the language chosen. */
const char *diag_ntr(const char *one, const char *many, unsigned long n) __attribute__((format_arg(1)))
__attribute__((format_arg(2)));
#define N_(s) (s)
/* Where the translations are (DIR/LANG/LC_MESSAGES/plangen.mo). */
void diag_set_localedir(const char *dir);
/* The language of the messages, by its code (ja, en …).  chosen: given by
 * the person (--lang, LANG), which the plan's default language (set by
 * the loader, chosen false) does not override. */
void diag_set_lang(const char *code, bool chosen);
/* The code of that language ("en" until one is set). */
const char *diag_lang(void);
/* The plan's word, in that language, for one of its parts, by its key in
 * words.yaml: basic_goal, policy, measure, baseline, current, target,
 * actions.  A
 * translation that writes {measure} shows it (NULL: the translation of the
 * part's noun). */
void diag_set_term(const char *name, const char *word);

/* With strict on, warnings are reported and counted as errors. */
void diag_set_strict(bool strict);
void diag_set_verbose(bool verbose);
bool diag_verbose(void);

void diag_error(pos_t pos, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_warning(pos_t pos, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A known gap declared in the content (a figure whose data is missing):
 * counted, and shown as a warning only when verbose (the summary line
 * gives their number); never made an error by strict mode. */
void diag_gap(pos_t pos, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds a hint line to the message just printed. */
void diag_hint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An error with no position (environment, usage). */
void diag_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int diag_errors(void);
/* Of those, the errors of the environment (diag_fatal): exit status 2. */
int diag_fatals(void);
int diag_warnings(void);
int diag_gaps(void);
/* Adds what another process counted (a booklet typeset in a child). */
void diag_add_counts(const int counts[4]);
void diag_get_counts(int counts[4]); /* errors, warnings, gaps, fatal errors */
/* Forgets files and counts (between runs in tests). */
void diag_reset(void);

#endif
