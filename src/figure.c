/* figure.c — indicator charts, data charts and the structure diagram as
 * shapes.  Every number shown is formatted by the model (num_format,
 * plan_format_value), so a chart says exactly what the tables say. */
#include "figure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_theme.h"
#include "utf8.h"
#include "view.h"

/* Contrast on white: ink 12.6:1, grid 1.6:1 (decoration only), marks ≥ 4.5:1. */
/* A new figure drawn in the plan's colours. */
static fig_t *fig_new(const plan_t *p)
{
	fig_t *f = xcalloc(1, sizeof *f);
	memcpy(f->colour, p->colours, sizeof f->colour);
	return f;
}

#define INK (f->colour[COLOUR_INK])
#define PAPER (f->colour[COLOUR_PAPER])

static fig_shape *add(fig_t *f, shape_kind kind)
{
	if (f->nshapes == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->shapes = xrealloc(f->shapes, sizeof *f->shapes * (size_t)f->cap);
	}
	fig_shape *s = &f->shapes[f->nshapes++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->stroke_width = 1;
	return s;
}

static void rect(fig_t *f, double x, double y, double w, double h, const fig_rgb *fill, const fig_rgb *stroke,
		 fig_pattern pattern)
{
	fig_shape *s = add(f, SHAPE_RECT);
	s->x = x, s->y = y, s->w = w, s->h = h;
	if (fill)
		s->fill = true, s->fill_rgb = *fill;
	if (stroke)
		s->stroke = true, s->stroke_rgb = *stroke;
	s->pattern = pattern;
	s->pattern_rgb = stroke ? *stroke : INK;
}

static void line(fig_t *f, double x, double y, double x2, double y2, fig_rgb rgb, double width, int dash)
{
	fig_shape *s = add(f, SHAPE_LINE);
	s->x = x, s->y = y, s->x2 = x2, s->y2 = y2;
	s->stroke = true, s->stroke_rgb = rgb, s->stroke_width = width, s->dash = dash;
}

/* An arrow from x1, y1 to x2, y2: a line and a filled head, so that its
 * direction is read from its form, not only from its colour. */
static void arrow(fig_t *f, double x1, double y1, double x2, double y2, fig_rgb rgb, double width)
{
	double dx = x2 - x1, dy = y2 - y1, len = hypot(dx, dy), head = 4 + 2.5 * width;
	if (len < head * 1.5)
		return;
	double ux = dx / len, uy = dy / len, bx = x2 - ux * head, by = y2 - uy * head;
	line(f, x1, y1, bx, by, rgb, width, 0);
	fig_shape *t = add(f, SHAPE_POLYGON);
	t->pts = xmalloc(6 * sizeof *t->pts);
	double half = head * 0.55;
	double pts[6] = {bx - uy * half, by + ux * half, bx + uy * half, by - ux * half, x2, y2};
	memcpy(t->pts, pts, sizeof pts);
	t->npts = 3;
	t->fill = true, t->fill_rgb = rgb;
}

static void text(fig_t *f, double x, double y, const char *str, double size, bool bold, fig_anchor anchor,
		 fig_rgb rgb)
{
	fig_shape *s = add(f, SHAPE_TEXT);
	s->x = x, s->y = y;
	s->text = xstrdup(str);
	s->size = size;
	s->bold = bold;
	s->anchor = anchor;
	s->fill = true, s->fill_rgb = rgb;
}

/* ---- text that fits ------------------------------------------------- */

/* A text shrinks to this part of its size, never under FIG_MIN_SIZE,
 * before a word too wide for its box is cut. */
#define MIN_SCALE 0.8
#define FIG_MIN_SIZE 8.0
#define LEAD 1.35 /* line height ÷ type size */

typedef struct {
	char **line;
	int n;
	double size;
	bool bold;
} lines_t;

static int role(bool bold)
{
	return bold ? F_BOLD : F_SANS;
}

/* Sets s in lines no wider than maxw, broken where JLReq allows (Latin
 * text at spaces); a word wider than maxw first shrinks the size. */
static void fit(pdf_metrics *m, bool cjk, const char *s, double size, bool bold, double maxw, lines_t *out)
{
	pdf_span sp = {.text = s, .len = strlen(s), .font = role(bold), .size = size};
	double min, max;
	pdf_extent(m, &sp, 1, cjk, &min, &max);
	if (min > maxw)
		sp.size = fmax(fmin(size, FIG_MIN_SIZE), fmax(size * MIN_SCALE, floor(size * maxw / min * 10) / 10));
	/* As many lines as it takes, as even as they go (Japanese broken
	 * between phrases): no word or kana left alone on the last. */
	pdf_lines ls;
	pdf_break_even(m, &sp, 1, maxw, PDF_LEFT, cjk, 0, &ls);
	out->size = sp.size;
	out->bold = bold;
	out->line = xcalloc((size_t)ls.n + 1, sizeof *out->line);
	out->n = 0;
	for (int i = 0; i < ls.n; i++) {
		const pdf_line *l = &ls.lines[i];
		if (!l->nfrags)
			continue;
		size_t start = l->frags[0].start, end = l->frags[l->nfrags - 1].end;
		out->line[out->n++] = xstrndup(s + start, end - start);
	}
	pdf_lines_free(&ls);
}

static double lines_height(const lines_t *l)
{
	return l->n * l->size * LEAD;
}

/* Draws the lines from y down, each anchored at x. */
static void draw_lines(fig_t *f, const lines_t *l, double x, double y, fig_anchor anchor, fig_rgb rgb)
{
	for (int i = 0; i < l->n; i++)
		text(f, x, y + l->size * (1.0 + LEAD * i) - l->size * 0.2, l->line[i], l->size, l->bold, anchor, rgb);
}

static void lines_free(lines_t *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->line[i]);
	free(l->line);
	l->line = NULL, l->n = 0;
}

/* The size at which s fits maxw on one line: its own, or smaller within
 * the limits; 0 when it does not fit even so. */
static double one_line(pdf_metrics *m, bool cjk, const char *s, double size, bool bold, double maxw)
{
	double w = pdf_text_width(m, role(bold), size, s, strlen(s), cjk);
	if (w <= maxw)
		return size;
	double least = fmax(fmin(size, FIG_MIN_SIZE), size * MIN_SCALE), fitted = floor(size * maxw / w * 10) / 10;
	return fitted >= least ? fitted : 0;
}

/* A label centred at x, no wider than maxw: on one line at y, shrunk
 * within limits, else broken into lines going up from y (up true: its
 * last line on y) or down (its first).  Returns the baseline below its
 * last line's.  A number is never cut. */
static double label(fig_t *f, pdf_metrics *m, bool cjk, double x, double y, double maxw, const char *s,
		    double size, bool bold, fig_rgb rgb, bool up)
{
	double one = one_line(m, cjk, s, size, bold, maxw);
	if (one > 0) {
		text(f, x, y, s, one, bold, ANCHOR_MIDDLE, rgb);
		return y + one * LEAD;
	}
	lines_t l;
	fit(m, cjk, s, size, bold, maxw, &l);
	double first = up ? y - (l.n - 1) * l.size * LEAD : y;
	for (int i = 0; i < l.n; i++)
		text(f, x, first + i * l.size * LEAD, l.line[i], l.size, bold, ANCHOR_MIDDLE, rgb);
	double next = first + l.n * l.size * LEAD;
	lines_free(&l);
	return next;
}

/* What label() sets with `up` from y (its last line there): its top,
 * and the width of its widest line. */
static double label_box(pdf_metrics *m, bool cjk, double y, double maxw, const char *s, double size, bool bold,
			double *width)
{
	double one = one_line(m, cjk, s, size, bold, maxw);
	if (one > 0) {
		*width = pdf_text_width(m, role(bold), one, s, strlen(s), cjk);
		return y - one;
	}
	lines_t l;
	fit(m, cjk, s, size, bold, maxw, &l);
	*width = 0;
	for (int i = 0; i < l.n; i++)
		*width = fmax(*width, pdf_text_width(m, role(bold), l.size, l.line[i], strlen(l.line[i]), cjk));
	double top = y - (l.n - 1) * l.size * LEAD - l.size;
	lines_free(&l);
	return top;
}

/* Centred, wrapped text from y down; returns the height it takes. */
static double text_block(fig_t *f, pdf_metrics *m, bool cjk, double cx, double y, double maxw, const char *s,
			 double size, bool bold, fig_rgb rgb)
{
	lines_t l;
	fit(m, cjk, s, size, bold, maxw, &l);
	draw_lines(f, &l, cx, y, ANCHOR_MIDDLE, rgb);
	double h = lines_height(&l);
	lines_free(&l);
	return h;
}

void fig_free(fig_t *f)
{
	if (!f)
		return;
	for (int i = 0; i < f->nshapes; i++) {
		free(f->shapes[i].text);
		free(f->shapes[i].pts);
	}
	free(f->shapes);
	free(f->alt);
	free(f->breaks);
	free(f->links);
	free(f);
}

void fig_shape_extent(const fig_shape *s, double *top, double *bottom)
{
	switch (s->kind) {
	case SHAPE_RECT:
		*top = s->y, *bottom = s->y + s->h;
		break;
	case SHAPE_LINE:
		*top = fmin(s->y, s->y2), *bottom = fmax(s->y, s->y2);
		break;
	case SHAPE_CIRCLE:
		*top = s->y - s->r, *bottom = s->y + s->r;
		break;
	case SHAPE_TEXT:
		*top = s->y - s->size, *bottom = s->y + s->size * 0.25;
		break;
	default:
		*top = HUGE_VAL, *bottom = -HUGE_VAL;
		for (int i = 0; i < s->npts; i++)
			*top = fmin(*top, s->pts[2 * i + 1]), *bottom = fmax(*bottom, s->pts[2 * i + 1]);
		break;
	}
}

/* ---- indicator chart --------------------------------------------------- */

static const word_t slot_word[YEAR_COUNT] = {WORD_BASELINE, WORD_CURRENT, WORD_TARGET};


/* The year under a column of an indicator's chart: with more columns than
 * the three, the Western year alone (the data table beside the chart
 * gives the era year too). */
static void year_label(buf_t *out, const plan_t *p, lang_t lang, int year, int ncol)
{
	if (ncol > YEAR_COUNT) {
		plan_word_year_western(out, p, lang, year);
	} else {
		plan_word_years(out, p, WORD_FISCAL_YEAR, lang, year, year);
	}
}

/* The narrowest a text of fig_indicator may be set: its widest word, at the
 * least size it may shrink to when shrink is true. */
static double widest_word(pdf_metrics *m, bool cjk, const char *s, double size, bool bold, bool shrink)
{
	double least = shrink ? fmax(fmin(size, FIG_MIN_SIZE), size * MIN_SCALE) : size, word, whole;
	pdf_span sp = {.text = s, .len = strlen(s), .font = role(bold), .size = least};
	pdf_extent(m, &sp, 1, cjk, &word, &whole);
	return word;
}

fig_t *fig_indicator(const plan_t *p, const indicator_t *ind, lang_t lang, pdf_metrics *m, double width)
{
	bool any = false;
	for (int s = 0; s < YEAR_COUNT; s++)
		any |= ind->value[s].kind == VAL_NUMBER;
	if (!any)
		return NULL; /* nothing to draw: no empty axes */
	fig_t *f = fig_new(p);
	const double H = 230, left = 16, top = 34, bottom = 44, plot_h = H - top - bottom;
	bool cjk = p->langs[lang].cjk;
	f->height = H;
	const fig_rgb *const colours[YEAR_COUNT] = {&f->colour[COLOUR_BASELINE], &f->colour[COLOUR_CURRENT],
						   &f->colour[COLOUR_TARGET]};
	static const fig_pattern patterns[YEAR_COUNT] = {PATTERN_NONE, PATTERN_NONE, PATTERN_HATCH};

	/* The columns: the baseline, the current value and the target; with
	 * `values:`, each year of them, then the target.  slot: the column's
	 * place in the three (its colour and caption), or -1 for another year. */
	enum { MAX_COLUMNS = 12 };
	const value_t *col[MAX_COLUMNS];
	int slot_of[MAX_COLUMNS], ncol = 0;
	int first = ind->nseries > MAX_COLUMNS - 1 ? ind->nseries - (MAX_COLUMNS - 1) : 0;
	for (int i = first; i < ind->nseries && ind->nseries > 1; i++) {
		col[ncol] = &ind->series[i];
		slot_of[ncol++] = plan_series_slot(ind, i);
	}
	for (int s = ncol ? YEAR_TARGET : 0; s < YEAR_COUNT; s++) {
		col[ncol] = &ind->value[s];
		slot_of[ncol++] = s;
	}

	double max = 0;
	for (int c = 0; c < ncol; c++)
		if (col[c]->kind == VAL_NUMBER)
			for (int k = 0; k < ind->nparts; k++)
				max = fmax(max, col[c]->num[k].v);
	if (max <= 0)
		max = 1;

	/* Alternative text: the name and every value, as the table says them. */
	buf_t alt = BUF_INIT;
	buf_printf(&alt, "%s: ", text_get(&ind->name, lang));

	/* A column is as wide as its values' and captions' widest words need
	 * at their sizes: the chart widens rather than cut a number. */
	double need = 0;
	for (int c = 0; c < ncol; c++) {
		buf_t lab = BUF_INIT;
		year_label(&lab, p, lang, col[c]->year, ncol);
		need = fmax(need, widest_word(m, cjk, lab.ptr, 11, false, true) + 4);
		if (slot_of[c] >= 0)
			need = fmax(need, widest_word(m, cjk, plan_word(p, slot_word[slot_of[c]], lang), 11,
						     slot_of[c] == YEAR_TARGET, true) + 4);
		buf_free(&lab);
		for (int k = 0; k < ind->nparts && col[c]->kind == VAL_NUMBER; k++) {
			buf_t val = BUF_INIT;
			plan_format_amount(&val, p, col[c]->num[k], ind->unit, lang);
			/* A part's label is as wide as its bar and stands beside its
			 * neighbour's: whole, 4 apart.  A single value's may shrink. */
			if (ind->nparts > 1)
				need = fmax(need, (widest_word(m, cjk, val.ptr, 9.5, true, false) + 4) * ind->nparts + 24);
			else
				need = fmax(need, widest_word(m, cjk, val.ptr, 11, true, true) + 4);
			buf_free(&val);
		}
	}
	const double W = fmax(width, 2 * left + need * ncol);
	f->width = W;
	double group_w = (W - 2 * left) / ncol;
	double base_y = top + plot_h, low = H;
	double bar_w = fmin(56, (group_w - 24) / ind->nparts);
	/* Parts named in their bars when the names fit there, else numbered,
	 * with a key under the chart. */
	bool numbered = false;
	for (int k = 0; k < ind->nparts && ind->nparts > 1; k++)
		numbered |= one_line(m, cjk, text_get(&ind->parts[k], lang), 9, false, bar_w - 8) == 0;
	line(f, left, base_y, W - left, base_y, INK, 1, 0);
	for (int c = 0; c < ncol; c++) {
		const value_t *v = col[c];
		int s = slot_of[c];
		double gx = left + c * group_w;
		buf_t lab = BUF_INIT;
		year_label(&lab, p, lang, v->year, ncol);
		double y = label(f, m, cjk, gx + group_w / 2, base_y + 16, group_w - 4, lab.ptr, 11, false, INK, false);
		if (s >= 0)
			y = label(f, m, cjk, gx + group_w / 2, fmax(y, base_y + 31), group_w - 4,
				  plan_word(p, slot_word[s], lang), 11, s == YEAR_TARGET, INK, false);
		low = fmax(low, y - 11 * LEAD + 13); /* under the last baseline: 230 as ever when nothing wraps */
		buf_printf(&alt, "%s%s%s%s ", c ? plan_word(p, WORD_CLAUSE_SEPARATOR, lang) : "",
			   s >= 0 ? plan_word(p, slot_word[s], lang) : "", s >= 0 ? " " : "", lab.ptr);
		/* A year of `values:` is said as a current value is. */
		indicator_t one = *ind;
		one.value[s >= 0 ? s : YEAR_CURRENT] = *v;
		plan_format_value(&alt, p, &one, s >= 0 ? (yearslot_t)s : YEAR_CURRENT, lang);
		buf_free(&lab);
		if (v->kind != VAL_NUMBER) {
			buf_t msg = BUF_INIT;
			plan_format_value(&msg, p, ind, (yearslot_t)s, lang);
			/* Its message in place of the bar, standing on the axis. */
			lines_t l;
			fit(m, cjk, msg.ptr, 11, false, group_w - 16, &l);
			draw_lines(f, &l, gx + group_w / 2, base_y - 6 - lines_height(&l), ANCHOR_MIDDLE, INK);
			lines_free(&l);
			buf_free(&msg);
			continue;
		}
		double x0 = gx + (group_w - bar_w * ind->nparts) / 2;
		const fig_rgb *colour = colours[s >= 0 ? s : YEAR_CURRENT];
		for (int k = 0; k < ind->nparts; k++) {
			double h = plot_h * v->num[k].v / max;
			double x = x0 + k * bar_w + 3;
			rect(f, x, base_y - h, bar_w - 6, h, s == YEAR_TARGET ? &PAPER : colour, colour,
			     patterns[s >= 0 ? s : YEAR_CURRENT]);
			if (s == YEAR_TARGET)
				f->shapes[f->nshapes - 1].stroke_width = 2;
			buf_t val = BUF_INIT;
			plan_format_amount(&val, p, v->num[k], ind->unit, lang);
			label(f, m, cjk, x + (bar_w - 6) / 2, base_y - h - 5, ind->nparts > 1 ? bar_w : group_w - 4, val.ptr,
			      ind->nparts > 1 ? 9.5 : 11, true, INK, true);
			buf_free(&val);
			if (ind->nparts > 1) {
				char num[16];
				snprintf(num, sizeof num, "%d", k + 1);
				label(f, m, cjk, x + (bar_w - 6) / 2, base_y - 4, bar_w - 8,
				      numbered ? num : text_get(&ind->parts[k], lang), 9, false,
				      s == YEAR_TARGET ? INK : PAPER, true);
			}
		}
	}
	/* The trend, as the printed charts show it: an arrow from the
	 * baseline's value to the current value's, between their labels
	 * (which stand 5 above their bars, centred, 11 pt bold). */
	const value_t *b = &ind->value[YEAR_BASELINE], *c = &ind->value[YEAR_CURRENT];
	if (ind->nparts == 1 && b->kind == VAL_NUMBER && c->kind == VAL_NUMBER && ncol == YEAR_COUNT &&
	    slot_of[0] == YEAR_BASELINE && slot_of[1] == YEAR_CURRENT) {
		double half[2], over[2];
		for (int k = 0; k < 2; k++) {
			buf_t val = BUF_INIT;
			const num_t *n = &ind->value[k ? YEAR_CURRENT : YEAR_BASELINE].num[0];
			plan_format_amount(&val, p, *n, ind->unit, lang);
			over[k] = label_box(m, cjk, base_y - plot_h * n->v / max - 5, group_w - 4, val.ptr, 11, true, &half[k]);
			half[k] /= 2;
			buf_free(&val);
		}
		double xb = left + group_w / 2 + half[0] + 4, xc = left + group_w * 1.5 - half[1] - 4;
		double yb = base_y - plot_h * b->num[0].v / max - 9, yc = base_y - plot_h * c->num[0].v / max - 9;
		/* Long labels leave no room: over them (however many lines they
		 * take), centre to centre. */
		if (xc - xb < 16) {
			/* Over them: from the top of the lower label to the top
			 * corner of the higher one that faces it, so that neither
			 * the shaft nor the head's wings cross a label. */
			xb = left + group_w / 2, xc = left + group_w * 1.5, yb = over[0] - 5, yc = over[1] - 5;
			/* (the head's lower wing, 5 under its tip, stays over the
			 * lower label where the two nearly touch) */
			if (over[1] < over[0])
				xc -= half[1] + 2, yc = fmin(over[1] - 1, over[0] - 6);
			else
				xb += half[0] + 2, yb = over[0] - 1;
		}
		arrow(f, xb, yb, xc, yc, f->colour[COLOUR_TREND], 2);
	} else if (ind->nparts > 1 && b->kind == VAL_NUMBER && c->kind == VAL_NUMBER && ncol == YEAR_COUNT &&
		   slot_of[0] == YEAR_BASELINE && slot_of[1] == YEAR_CURRENT) {
		/* Several parts: an arrow for each, in the gap between the two
		 * groups of bars, from a little under the top of its baseline bar
		 * to that of its current one (the labels stand over the bars). */
		double span = bar_w * ind->nparts;
		double xb = left + (group_w - span) / 2 + span + 2, xc = left + group_w + (group_w - span) / 2 - 2;
		for (int k = 0; k < ind->nparts && xc - xb > 12; k++) {
			double yb = base_y - plot_h * b->num[k].v / max + 8, yc = base_y - plot_h * c->num[k].v / max + 8;
			arrow(f, xb, yb, xc, yc, f->colour[COLOUR_TREND], 2);
		}
	}
	if (numbered) {
		/* The key: "1 Elementary school pupils  2 General public". */
		buf_t key = BUF_INIT;
		for (int k = 0; k < ind->nparts; k++)
			buf_printf(&key, "%s%d %s", k ? "  " : "", k + 1, text_get(&ind->parts[k], lang));
		low += 4 + text_block(f, m, cjk, W / 2, low, W - 2 * left, key.ptr, 9.5, false, INK);
		buf_free(&key);
	}
	f->height = low;
	f->alt = buf_detach(&alt);
	return f;
}

/* ---- charts of figures.yaml -------------------------------------------- */

static const colour_t series_colour[] = {COLOUR_CURRENT, COLOUR_TARGET, COLOUR_BASELINE};

fig_t *fig_chart(const plan_t *p, const figure_t *fg, lang_t lang, pdf_metrics *m, double width)
{
	if (!fg->has_data || fg->ncategories == 0)
		return NULL;
	fig_t *f = fig_new(p);
	const char *unit = fg->unit >= 0 ? text_get(&p->units[fg->unit].word, lang) : "";
	bool cjk = p->langs[lang].cjk;
	/* The margins narrow with the chart, so a phone's keeps its plot; a
	 * column widens the chart where its values or a word of its category
	 * would not fit whole. */
	const double left = fmin(48, width / 10), right = fmin(16, width / 30), top = *unit ? 36 : 20, plot_h = 160;
	double need = 0;
	for (int c = 0; c < fg->ncategories; c++) {
		const char *cat = text_get(&fg->categories[c], lang);
		pdf_span sp = {.text = cat, .len = strlen(cat), .font = F_SANS, .size = 10};
		double word, whole;
		pdf_extent(m, &sp, 1, cjk, &word, &whole);
		need = fmax(need, word + 4);
		for (int s = 0; s < fg->nseries; s++) {
			if (!fg->series[s].values)
				continue;
			buf_t val = BUF_INIT;
			num_format(&val, fg->series[s].values[c]);
			double w = pdf_text_width(m, F_SANS, 9, val.ptr, val.len, cjk);
			need = fmax(need, fg->type == CHART_BAR && fg->nseries > 1 ? w * fg->nseries + 12 : w + 4);
			buf_free(&val);
		}
	}
	const double W = fmax(width, left + right + need * fg->ncategories);
	f->width = W;
	double max = 0;
	for (int s = 0; s < fg->nseries; s++)
		for (int c = 0; c < fg->ncategories; c++)
			if (fg->series[s].values)
				max = fmax(max, fg->series[s].values[c].v);
	if (max <= 0)
		max = 1;
	double base_y = top + plot_h, cw = (W - left - right) / fg->ncategories;
	line(f, left, base_y, W - right, base_y, INK, 1, 0);
	/* The unit once, over the plot ("(thousand t-CO2)"): the values carry
	 * their numbers alone, which fit beside one another. */
	if (*unit) {
		buf_t u = BUF_INIT;
		plan_word_fmt(&u, p, WORD_PARENTHESIZED, lang, "text", "", "inner", unit, NULL);
		text(f, left, 12, u.ptr + strspn(u.ptr, " "), 9, false, ANCHOR_START, INK);
		buf_free(&u);
	}
	buf_t alt = BUF_INIT;
	buf_printf(&alt, "%s:", text_get(&fg->title, lang));
	size_t title_len = alt.len; /* the series after it are parted by ";" */
	/* The categories under their bars, each within its own column; below:
	 * the baseline of their lowest line. */
	double below = base_y + 16;
	for (int c = 0; c < fg->ncategories; c++)
		below = fmax(below, label(f, m, cjk, left + cw * (c + 0.5), base_y + 16, cw - 4,
					  text_get(&fg->categories[c], lang), 10, false, INK, false) - 10 * LEAD);
	for (int s = 0; s < fg->nseries; s++) {
		const series_t *se = &fg->series[s];
		if (!se->values)
			continue;
		const fig_rgb *rgb = &f->colour[series_colour[s % 3]];
		buf_printf(&alt, "%s %s", alt.len > title_len ? ";" : "", text_get(&se->name, lang));
		double *pts = xcalloc((size_t)fg->ncategories * 2, sizeof *pts);
		for (int c = 0; c < fg->ncategories; c++) {
			double v = se->values[c].v, h = plot_h * v / max;
			double x = left + cw * (c + 0.5), bw = fmin(40, (cw - 12) / fg->nseries);
			buf_t val = BUF_INIT, amount = BUF_INIT;
			num_format(&val, se->values[c]);
			plan_format_amount(&amount, p, se->values[c], fg->unit, lang);
			buf_printf(&alt, " %s %s%s", text_get(&fg->categories[c], lang), amount.ptr,
				   c + 1 < fg->ncategories ? "," : "");
			buf_free(&amount);
			if (fg->type == CHART_BAR) {
				double bx = x - bw * fg->nseries / 2 + bw * s;
				rect(f, bx + 2, base_y - h, bw - 4, h, rgb, rgb, s == 1 ? PATTERN_HATCH : s == 2 ? PATTERN_DOTS : PATTERN_NONE);
				label(f, m, cjk, bx + bw / 2, base_y - h - 4, fg->nseries > 1 ? bw : cw - 4, val.ptr, 9, false,
				      INK, true);
			} else {
				pts[2 * c] = x, pts[2 * c + 1] = base_y - h;
				fig_shape *dot = add(f, s == 0 ? SHAPE_CIRCLE : SHAPE_RECT); /* a shape per series */
				dot->fill = true, dot->fill_rgb = *rgb;
				if (s == 0)
					dot->x = x, dot->y = base_y - h, dot->r = 3.5;
				else
					dot->x = x - 3.5, dot->y = base_y - h - 3.5, dot->w = dot->h = 7;
				label(f, m, cjk, x, base_y - h - 8, cw - 4, val.ptr, 9, false, INK, true);
			}
			buf_free(&val);
		}
		if (fg->type == CHART_LINE) {
			fig_shape *pl = add(f, SHAPE_POLYLINE);
			pl->pts = pts, pl->npts = fg->ncategories;
			pl->stroke = true, pl->stroke_rgb = *rgb, pl->stroke_width = 2, pl->dash = s ? 4 : 0;
		} else {
			free(pts);
		}
		if (fg->nseries > 1) {
			double ly = below + 14 + 18 * s;
			rect(f, left, ly - 9, 12, 10, rgb, rgb, s == 1 ? PATTERN_HATCH : s == 2 ? PATTERN_DOTS : PATTERN_NONE);
			text(f, left + 18, ly, text_get(&se->name, lang), 10, false, ANCHOR_START, INK);
		}
	}
	f->height = below + 12 + (fg->nseries > 1 ? 18.0 * fg->nseries : 0);
	f->alt = buf_detach(&alt);
	return f;
}

/* ---- structure diagram ------------------------------------------------- */

#define PAD 6          /* inside a box */
#define GAP 6          /* between boxes side by side */
#define LABEL_SIZE 9   /* a box's label: "Basic policy 1" */
#define TITLE_SIZE 11
#define NOTE_SIZE 9.5  /* a measure's summary */

typedef struct {
	fig_t *f;
	const plan_t *p;
	lang_t lang;
	pdf_metrics *m;
	bool cjk;
	double W, inner; /* the figure's width and that between its margins */
	buf_t alt;
} diagram_t;

/* What a box says: a small coloured label, a title (centred, or from the
 * left under a label when a note follows) and a note. */
typedef struct {
	const char *label, *title, *note;
	bool bold;
	const fig_rgb *fill;
} boxtext_t;

/* Draws a box of width w and at least h_min high, its texts fitted inside
 * and centred vertically; returns its height.  draw false: measures only. */
static double box(diagram_t *d, double x, double y, double w, double h_min, const boxtext_t *b, bool draw)
{
	fig_t *f = d->f;
	lines_t label = {0}, title = {0}, note = {0};
	double inw = w - 2 * PAD, h = 0;
	if (b->label)
		fit(d->m, d->cjk, b->label, LABEL_SIZE, true, inw, &label), h += lines_height(&label) + 1;
	fit(d->m, d->cjk, b->title, TITLE_SIZE, b->bold, inw, &title);
	h += lines_height(&title);
	if (b->note)
		fit(d->m, d->cjk, b->note, NOTE_SIZE, false, inw, &note), h += lines_height(&note) + 2;
	double bh = fmax(h + 2 * PAD, h_min);
	if (draw) {
		rect(f, x, y, w, bh, b->fill, &INK, PATTERN_NONE);
		double ty = y + (bh - h) / 2;
		if (b->label) {
			draw_lines(f, &label, x + PAD, ty, ANCHOR_START, f->colour[COLOUR_CURRENT]);
			ty += lines_height(&label) + 1;
		}
		if (b->note)
			draw_lines(f, &title, x + PAD, ty, ANCHOR_START, INK);
		else
			draw_lines(f, &title, x + w / 2, ty, ANCHOR_MIDDLE, INK);
		ty += lines_height(&title) + 2;
		if (b->note)
			draw_lines(f, &note, x + PAD, ty, ANCHOR_START, INK);
	}
	lines_free(&label), lines_free(&title), lines_free(&note);
	return bh;
}

/* Boxes side by side, as high as the highest; returns their bottom. */
static double box_row(diagram_t *d, double x, double y, double w, const boxtext_t *b, int n)
{
	double h = 0;
	for (int i = 0; i < n; i++)
		h = fmax(h, box(d, 0, 0, w, 0, &b[i], false));
	for (int i = 0; i < n; i++)
		box(d, x + i * (w + GAP), y, w, h, &b[i], true);
	return y + h;
}

static void arrow_down(fig_t *f, double x, double y1, double y2)
{
	line(f, x, y1, x, y2 - 5, INK, 1.2, 0);
	fig_shape *t = add(f, SHAPE_POLYGON);
	t->pts = xmalloc(6 * sizeof *t->pts);
	double pts[6] = {x - 4, y2 - 6, x + 4, y2 - 6, x, y2};
	memcpy(t->pts, pts, sizeof pts);
	t->npts = 3;
	t->fill = true, t->fill_rgb = INK;
}

/* A heading over a part of the diagram, from the left; returns its bottom. */
static double heading(diagram_t *d, double x, double y, double w, const char *s)
{
	lines_t l;
	fit(d->m, d->cjk, s, LABEL_SIZE, true, w, &l);
	draw_lines(d->f, &l, x, y, ANCHOR_START, d->f->colour[COLOUR_CURRENT]);
	double h = lines_height(&l);
	lines_free(&l);
	return y + h + 2;
}

/* The figure may be cut at y (between two of its parts). */
static void add_break(fig_t *f, double y)
{
	f->breaks = xrealloc(f->breaks, (size_t)(f->nbreaks + 1) * sizeof *f->breaks);
	f->breaks[f->nbreaks++] = y;
}

/* Two boxes and the word that links them over a dashed line between. */
static double band_pair(diagram_t *d, const band_t *b, double y, const fig_rgb *fill)
{
	fig_t *f = d->f;
	const char *l = text_get(&b->left, d->lang), *r = text_get(&b->right, d->lang);
	const char *link = b->link.s[0] ? text_get(&b->link, d->lang) : NULL;
	double gap = 36;
	if (link)
		gap = fmin(fmax(gap, pdf_width(d->m, F_BOLD, LABEL_SIZE, link, strlen(link)) + 8), d->inner / 3);
	double w = (d->inner - gap) / 2, x = (d->W - d->inner) / 2;
	boxtext_t bt[2] = {{.title = l, .bold = b->strong, .fill = fill}, {.title = r, .bold = b->strong, .fill = fill}};
	double h = fmax(box(d, 0, 0, w, 0, &bt[0], false), box(d, 0, 0, w, 0, &bt[1], false));
	box(d, x, y, w, h, &bt[0], true);
	box(d, x + w + gap, y, w, h, &bt[1], true);
	double mid = y + h / 2;
	line(f, x + w, mid, x + w + gap, mid, INK, 1.2, 3);
	if (link) {
		lines_t ll;
		fit(d->m, d->cjk, link, LABEL_SIZE, true, gap - 4, &ll);
		draw_lines(f, &ll, d->W / 2, mid - 3 - lines_height(&ll), ANCHOR_MIDDLE, f->colour[COLOUR_CURRENT]);
		lines_free(&ll);
	}
	buf_printf(&d->alt, "; %s %s %s", l, link ? link : "", r);
	return y + h;
}

/* The bands of content's diagram that stand at `place`, from y down;
 * returns the y below them. */
static double bands(diagram_t *d, bandplace_t place, double y)
{
	const plan_t *p = d->p;
	double x = (d->W - d->inner) / 2;
	for (int i = 0; i < p->nbands; i++) {
		const band_t *b = &p->bands[i];
		if (b->place != place)
			continue;
		const fig_rgb *fill = b->shade ? &d->f->colour[COLOUR_BOX] : &d->f->colour[COLOUR_PAPER];
		if (place == BAND_AFTER_POLICIES)
			add_break(d->f, y + GAP / 2);
		y += GAP;
		if (b->left.s[0]) {
			y = band_pair(d, b, y, fill);
			continue;
		}
		const char *label = b->label.s[0] ? text_get(&b->label, d->lang) : NULL, *t = text_get(&b->text, d->lang);
		boxtext_t bt = {.label = label, .title = t, .bold = b->strong, .fill = fill};
		y += box(d, x, y, d->inner, 0, &bt, true);
		if (label)
			buf_printf(&d->alt, "; %s: %s", label, t);
		else
			buf_printf(&d->alt, "; %s", t);
	}
	return y;
}

/* Philosophy, goal, the points and the bands before the policies. */
static double top_part(diagram_t *d, double y)
{
	const plan_t *p = d->p;
	fig_t *f = d->f;
	double x = (d->W - d->inner) / 2;
	boxtext_t phil = {.label = plan_word(p, WORD_PHILOSOPHY, d->lang), .title = text_get(&p->philosophy, d->lang),
			  .fill = &PAPER};
	boxtext_t goal = {.label = plan_word(p, WORD_BASIC_GOAL, d->lang), .title = text_get(&p->goal, d->lang),
			  .bold = true, .fill = &f->colour[COLOUR_BOX]};
	y += box(d, x, y, d->inner, 0, &phil, true);
	arrow_down(f, d->W / 2, y, y + 16);
	y += 16;
	y += box(d, x, y, d->inner, 0, &goal, true);
	if (p->npoints) {
		const char *points = plan_word(p, WORD_POINTS, d->lang);
		y = heading(d, x, y + 8, d->inner, points);
		buf_printf(&d->alt, "; %s:", points);
	}
	int cols = d->W >= FIG_TREE_WIDTH ? 4 : 2;
	if (p->npoints < cols)
		cols = p->npoints ? p->npoints : 1;
	double w = (d->inner - (cols - 1) * GAP) / cols;
	buf_t lab[4] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
	for (int i = 0; i < p->npoints; i += cols) {
		boxtext_t bt[4];
		int n = 0;
		for (int k = i; k < i + cols && k < p->npoints; k++, n++) {
			const point_t *pt = &p->points[k];
			const char *title = text_get(pt->short_title.s[0] ? &pt->short_title : &pt->title, d->lang);
			buf_free(&lab[n]);
			buf_printf(&lab[n], "%d", k + 1);
			bt[n] = (boxtext_t){.label = lab[n].ptr, .title = title, .fill = &PAPER};
			buf_printf(&d->alt, " %d %s", k + 1, title);
		}
		y = box_row(d, x, y + (i ? GAP : 0), w, bt, n);
	}
	for (int i = 0; i < 4; i++)
		buf_free(&lab[i]);
	return bands(d, BAND_BEFORE_POLICIES, y);
}

/* A policy's measures, each with its summary, from y down in a column at
 * x, w wide; returns their bottom.  mid: each one's middle, for the lines
 * from its policy. */
static double measures(diagram_t *d, const policy_t *po, double x, double y, double w, double *mid)
{
	buf_t lab = BUF_INIT;
	for (int k = 0; k < po->nmeasures; k++) {
		const measure_t *me = &d->p->measures[po->first_measure + k];
		buf_free(&lab);
		view_numbered(&lab, d->p, d->lang, WORD_MEASURE, me->number);
		const char *title = text_get(&me->title, d->lang);
		boxtext_t bt = {.label = lab.ptr, .title = title, .bold = true, .fill = &d->f->colour[COLOUR_PAPER],
				.note = text_has(&me->summary) ? text_get(&me->summary, d->lang) : NULL};
		y += k ? GAP : 0;
		double h = box(d, x, y, w, 0, &bt, true);
		fig_t *f = d->f;
		f->links = xrealloc(f->links, (size_t)(f->nlinks + 1) * sizeof *f->links);
		f->links[f->nlinks++] = (struct fig_link){x, y, w, h, po->first_measure + k};
		mid[k] = y + h / 2;
		y += h;
		buf_printf(&d->alt, " %s %s%s", lab.ptr, title, k + 1 < po->nmeasures ? "," : "");
	}
	buf_free(&lab);
	return y;
}

/* The policies and their measures: side by side, a line from each policy
 * to each of its measures, or (narrow) each policy over its measures. */
static double tree(diagram_t *d, double y)
{
	const plan_t *p = d->p;
	fig_t *f = d->f;
	bool wide = d->W >= FIG_TREE_WIDTH;
	double x = (d->W - d->inner) / 2, link = wide ? 18 : 24;
	double pw = wide ? d->inner * 0.32 : d->inner, mx = wide ? x + pw + link : x + link;
	double mw = d->inner - (mx - x);
	if (wide && p->npolicies) {
		double y1 = heading(d, x, y, pw, plan_word(p, WORD_POLICY, d->lang));
		double y2 = heading(d, mx, y, mw, plan_word(p, WORD_MEASURE, d->lang));
		y = fmax(y1, y2);
	}
	buf_t lab = BUF_INIT;
	for (int i = 0; i < p->npolicies; i++) {
		const policy_t *po = &p->policies[i];
		buf_free(&lab);
		view_numbered(&lab, p, d->lang, WORD_POLICY, po->number);
		const char *title = text_get(&po->title, d->lang);
		boxtext_t bt = {.label = lab.ptr, .title = title, .bold = true, .fill = &f->colour[COLOUR_BOX]};
		buf_printf(&d->alt, "; %s %s:", lab.ptr, title);
		double *mid = xcalloc((size_t)po->nmeasures + 1, sizeof *mid);
		if (i || !wide) {
			if (i)
				add_break(f, y + 5);
			y += 10;
		}
		if (wide) {
			/* The policy as high as its measures (or they centred on it). */
			double ph = box(d, 0, 0, pw, 0, &bt, false), top = y;
			double mh = measures(d, po, mx, top, mw, mid) - top;
			if (ph > mh) {
				/* Set the measures again, lower, centred on the policy. */
				for (int k = f->nshapes - 1; k >= 0 && f->shapes[k].y >= top; k--)
					f->shapes[k].y += (ph - mh) / 2;
				for (int k = f->nlinks - 1; k >= 0 && f->links[k].y >= top; k--)
					f->links[k].y += (ph - mh) / 2;
				for (int k = 0; k < po->nmeasures; k++)
					mid[k] += (ph - mh) / 2;
			}
			box(d, x, top, pw, fmax(ph, mh), &bt, true);
			for (int k = 0; k < po->nmeasures; k++)
				line(f, x + pw, mid[k], mx, mid[k], INK, 1.2, 0);
			y = top + fmax(ph, mh);
		} else {
			y += box(d, x, y, pw, 0, &bt, true);
			double top = y;
			y = measures(d, po, mx, y + GAP, mw, mid);
			if (po->nmeasures) {
				double trunk = x + link / 2;
				line(f, trunk, top, trunk, mid[po->nmeasures - 1], INK, 1.2, 0);
				for (int k = 0; k < po->nmeasures; k++)
					line(f, trunk, mid[k], mx, mid[k], INK, 1.2, 0);
			}
		}
		free(mid);
	}
	buf_free(&lab);
	return y;
}

fig_t *fig_structure(const plan_t *p, lang_t lang, pdf_metrics *m, double width)
{
	diagram_t d = {.f = fig_new(p), .p = p, .lang = lang, .m = m, .cjk = p->langs[lang].cjk, .W = width,
		       .inner = width - 8, .alt = BUF_INIT};
	const char *phil = plan_word(p, WORD_PHILOSOPHY, lang), *goal = plan_word(p, WORD_BASIC_GOAL, lang);
	plan_word_fmt(&d.alt, p, WORD_STRUCTURE_ALT, lang, "structure", plan_word(p, WORD_STRUCTURE, lang), "philosophy",
		      phil, "philosophy_text", text_get(&p->philosophy, lang), "goal", goal, "goal_text",
		      text_get(&p->goal, lang), NULL);
	double y = top_part(&d, 4);
	/* The booklet may turn the page here, before the tree. */
	add_break(d.f, y + 2);
	if (p->npolicies) {
		arrow_down(d.f, width / 2, y + 4, y + 20);
		y = tree(&d, y + 24);
	}
	y = bands(&d, BAND_AFTER_POLICIES, y);
	d.f->width = width;
	d.f->height = y + 4;
	d.f->alt = buf_detach(&d.alt);
	return d.f;
}
