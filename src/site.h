/* site.h — what the website back-end's files share (libxml2 types allowed
 * here and only in out_html.c and out_svg.c). */
#ifndef PLANGEN_SITE_H
#define PLANGEN_SITE_H

#include <libxml/tree.h>

#include "figure.h"

/* The figure as an <svg> element (the caller owns it).  Its <title> holds
 * the figure's text alternative; `id` makes its pattern ids unique in a
 * page; `labelledby`, if not NULL, names the visible caption instead. */
xmlNodePtr svg_figure(const fig_t *f, const char *id, const char *labelledby);

#endif
