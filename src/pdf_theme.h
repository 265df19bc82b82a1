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

/* The roles of the fonts: paragraphs, tables and captions, headings. */
enum { F_BODY, F_SANS, F_BOLD, F_COUNT };

typedef struct {
	pdf_geometry g;
	char *family[LANG_COUNT][F_COUNT];
	double body, leading, small, table, revisions, revisions_en, part, section, subsection, minor, title, chart_scale;
	pdf_rgb ink, accent, muted, rule, shade, band;
	bool justify_en;
} theme_t;

/* false after reporting errors; the caller calls theme_free() either way. */
bool theme_load(theme_t *t, const char *dir);
void theme_free(theme_t *t);

#endif
