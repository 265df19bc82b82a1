/* figure.h — charts and diagrams as geometry, independent of SVG or PDF.
 *
 * A figure is computed once from the model and drawn by each back-end
 * (out_svg.c, out_pdf.c) without any further decisions: the same shapes, the
 * same labels, the same numbers.  Units are points (1/72 in); the origin is
 * the top-left corner and y grows downwards (back-ends that count upwards,
 * like PDF, flip it).  Texts are measured in the theme's fonts (a
 * pdf_metrics from fonts.c, roles F_SANS and F_BOLD), wrapped by the JLReq
 * line breaker and shrunk within limits, so they fit their boxes in the
 * booklet, which embeds those fonts, and on the site, whose style sheet
 * names them first; back-ends draw text with its anchor, so a slightly
 * different browser font does not misalign it.
 *
 * A fig_t owns its shapes and their strings: fig_free() releases them. */
#ifndef PLANGEN_FIGURE_H
#define PLANGEN_FIGURE_H

#include "model.h"
#include "pdf_layout.h"

typedef rgb_t fig_rgb;

typedef enum { SHAPE_RECT, SHAPE_LINE, SHAPE_POLYLINE, SHAPE_POLYGON, SHAPE_CIRCLE, SHAPE_TEXT } shape_kind;
typedef enum { ANCHOR_START, ANCHOR_MIDDLE, ANCHOR_END } fig_anchor;
/* Fills that carry meaning also carry a pattern, never colour alone. */
typedef enum { PATTERN_NONE, PATTERN_HATCH, PATTERN_DOTS } fig_pattern;

typedef struct {
	shape_kind kind;
	/* RECT: x, y, w, h.  LINE: x, y to x2, y2.  CIRCLE: centre x, y, radius r.
	 * TEXT: x, y is the baseline at the anchor.  POLYLINE/POLYGON: pts. */
	double x, y, w, h, x2, y2, r;
	double *pts; /* x0, y0, x1, y1, … */
	int npts;    /* number of points */
	bool fill, stroke;
	fig_rgb fill_rgb, stroke_rgb;
	fig_rgb pattern_rgb; /* of the pattern, when there is one */
	double stroke_width;
	int dash; /* dash length in points; 0: solid */
	fig_pattern pattern;
	char *text;
	double size; /* font size */
	bool bold;
	fig_anchor anchor;
} fig_shape;

typedef struct {
	double width, height;
	fig_shape *shapes;
	int nshapes, cap;
	char *alt; /* a text alternative saying what the figure shows, in its language */
	/* Where a figure taller than a page may be cut (y, ascending), between
	 * its parts; none crosses them. */
	double *breaks;
	int nbreaks;
	/* The boxes that stand for a measure, for a back-end to link to it. */
	struct fig_link {
		double x, y, w, h;
		int measure;
	} *links;
	int nlinks;
	rgb_t colour[COLOUR_COUNT]; /* the plan's palette, as it was drawn with */
} fig_t;

/* The chart of one indicator: baseline, current value and target (every
 * part of a multi-part value), as bars with their values written on them. */
fig_t *fig_indicator(const plan_t *p, const indicator_t *ind, lang_t lang, pdf_metrics *m, double width); /* NULL: no number */
#define FIG_INDICATOR_WIDTH 480 /* as the booklet sets it (its chart_scale of it) */
/* A chart of figures.yaml with data (NULL if it has none), `width` points
 * wide, or as much wider as its columns need to show each value and each
 * word of a category whole: its texts keep their size. */
fig_t *fig_chart(const plan_t *p, const figure_t *f, lang_t lang, pdf_metrics *m, double width);
#define FIG_CHART_WIDTH 480      /* as the booklet sets it */
#define FIG_CHART_SITE_WIDTH 260 /* a 320 px screen shows its smallest text at 10 px */
/* The plan structure diagram `width` points wide: philosophy,
 * goal, points and the content's bands, then the tree of policies and
 * their measures with each one's summary — side by side from
 * FIG_TREE_WIDTH, one under the other in a narrower column (a phone).  A
 * break between the two parts lets a booklet set them on two pages. */
#define FIG_TREE_WIDTH 440
fig_t *fig_structure(const plan_t *p, lang_t lang, pdf_metrics *m, double width);
void fig_free(fig_t *f);

/* The top and bottom of a shape (a text's from its type size), to draw
 * only the shapes of a slice of a figure. */
void fig_shape_extent(const fig_shape *s, double *top, double *bottom);

#endif
