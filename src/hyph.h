/* hyph.h — where a word may be hyphenated, from libhyphen's patterns
 * (Debian's hyphen-* packages, the dictionaries LibreOffice uses).  The
 * only file that sees libhyphen.
 *
 * A hyph_t owns its dictionary: hyph_close() releases it. */
#ifndef PLANGEN_HYPH_H
#define PLANGEN_HYPH_H

#include "pdf_layout.h"

typedef struct hyph hyph_t;

/* The patterns of a language ("en", "de": /usr/share/hyphen/hyph_en.dic or
 * the first hyph_en_*.dic); NULL when none is installed, and the booklet
 * is then set without hyphens. */
hyph_t *hyph_open(const char *lang);
void hyph_close(hyph_t *h);

/* Lets the line breaker of m hyphenate with h (NULL: not at all). */
void hyph_attach(pdf_metrics *m, hyph_t *h);

#endif
