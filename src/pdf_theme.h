/* pdf_theme.h — the print style of the booklets (THEME/print.yaml).
 *
 * theme_load() reads the file over built-in defaults and reports every
 * unknown key or value out of range at its line; `check` loads it too, so
 * a mistake shows before a build.  No library types. */
#ifndef PLANGEN_PDF_THEME_H
#define PLANGEN_PDF_THEME_H

#include <stdbool.h>

#include "model.h"
#include "pdf_layout.h"

/* The roles of the fonts: paragraphs, tables and captions, headings, and
 * the Latin letters, digits and ASCII marks of paragraphs. */
enum { F_BODY, F_SANS, F_BOLD, F_LATIN, F_COUNT };

/* The face a role draws a character in.  Paragraphs are set as a
 * composite font: their ASCII characters in the Latin face, whose letters
 * are proportional (BIZ UDPMincho) where the Japanese face has them all
 * half an em wide; the other roles draw every character themselves. */
static inline int theme_face(int role, uint32_t cp)
{
	return role == F_BODY && cp >= 0x20 && cp < 0x7F ? F_LATIN : role;
}

typedef struct {
	pdf_geometry g;
	/* Font families by language: "ja" and "en" by default, any language
	 * code print.yaml names (see theme_families). */
	struct {
		char code[16];
		char *family[F_COUNT];
	} fonts[MAX_LANGS];
	int nfonts;
	double body, leading, leading_latin, small, table, revisions, revisions_en, part, section, subsection, minor, title, chart_scale;
	pdf_rgb ink, accent, muted, rule, shade, band;
	bool justify_en;
	bool revisions_turned_en; /* english: revisions: landscape */
	/* additions: status: the booklet's indicator tables end with each
	 * indicator's status, as the site's do; false (the default) reproduces a
	 * printed original.  A summary of progress is shown where the text
	 * places it, in both. */
	bool status;
} theme_t;

/* The font families for a language: its own in print.yaml, else those of
 * "ja" for a CJK language and of "en" for any other. */
char *const *theme_families(const theme_t *t, const language_t *lang);

/* false after reporting errors; the caller calls theme_free() either way. */
bool theme_load(theme_t *t, const char *dir);
void theme_free(theme_t *t);

#endif
