/* fonts.h — the theme's fonts: found through fontconfig, measured with
 * HarfBuzz.  The only file that sees either library.
 *
 * The booklets are typeset with these fonts' advances and embed them cut
 * to the characters drawn (fonts_subset, out_pdf.c); the figures are laid
 * out with the same advances, so a diagram's boxes fit their texts in the
 * booklet and on the site (whose style sheet names the same families
 * first) alike.
 *
 * A fonts_t owns its file names and faces: fonts_close() releases them. */
#ifndef PLANGEN_FONTS_H
#define PLANGEN_FONTS_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "pdf_layout.h"
#include "pdf_theme.h"

typedef struct {
	char *path;
	char *family; /* as print.yaml names it */
	int index;    /* in a .ttc collection */
} fontfile_t;

typedef struct fonts fonts_t;

/* Finds and opens the font of every role (F_BODY, F_SANS, F_BOLD) of every
 * language of the plan; NULL after reporting a family that is not
 * installed or a file that cannot be read. */
fonts_t *fonts_open(const theme_t *th, const plan_t *p);
void fonts_close(fonts_t *f);

/* The file of a language's font in a role. */
const fontfile_t *fonts_file(const fonts_t *f, lang_t lang, int role);

/* A measurer of a language's fonts (advances, and the ink of the marks
 * the line breaker sets by it), roles as font numbers, for the line
 * breaker and the figures; release it with pdf_metrics_fini(). */
void fonts_metrics(pdf_metrics *m, fonts_t *f, lang_t lang);

/* A copy of a language's font in a role cut to the characters used
 * (used[cp] for every BMP code point; those the font lacks are reported
 * and cleared), written to a new file in $TMPDIR (default /tmp), so that
 * libharu embeds kilobytes instead of megabytes.  Returns the file's path,
 * which the caller removes and frees; NULL when it cannot be made. */
char *fonts_subset(fonts_t *f, lang_t lang, int role, bool *used);

#endif
