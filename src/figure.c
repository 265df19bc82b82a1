/* figure.c — indicator charts, data charts and the structure diagram as
 * shapes.  Every number shown is formatted by the model (num_format,
 * plan_format_value), so a chart says exactly what the tables say. */
#include "figure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

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

double fig_text_width(const char *s, double size)
{
	double w = 0;
	size_t len = strlen(s), i = 0;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (!n)
			n = 1, cp = '?';
		w += utf8_is_wide(cp) ? size : cp == ' ' ? 0.3 * size : 0.55 * size;
		i += (size_t)n;
	}
	return w;
}

/* Breaks s into lines no wider than maxw: at spaces for Latin text, between
 * any two characters for Japanese (the diagram's short labels need no more).
 * Returns the number of lines; *out holds them (caller frees each and it). */
static int wrap(const char *s, double size, double maxw, char ***out)
{
	char **lines = NULL;
	int n = 0;
	size_t len = strlen(s), start = 0, i = 0, last_space = 0;
	double w = 0;
	while (i <= len) {
		uint32_t cp = 0;
		int k = i < len ? utf8_decode(s + i, len - i, &cp) : 0;
		if (i < len && !k)
			k = 1, cp = '?';
		char ch[5] = {0};
		if (k)
			memcpy(ch, s + i, (size_t)k);
		double cw = k ? fig_text_width(ch, size) : 0;
		if (i == len || cp == '\n' || (w + cw > maxw && i > start)) {
			size_t end = i;
			if (i < len && cp != '\n' && !utf8_is_wide(cp) && last_space > start)
				end = last_space; /* break at the last space */
			lines = xrealloc(lines, sizeof *lines * (size_t)(n + 1));
			lines[n++] = xstrndup(s + start, end - start);
			if (i == len)
				break;
			start = end;
			while (start < len && (s[start] == ' ' || s[start] == '\n'))
				start++;
			i = start;
			w = 0;
			last_space = start;
			continue;
		}
		if (cp == ' ')
			last_space = i;
		w += cw;
		i += (size_t)k;
	}
	*out = lines;
	return n;
}

static void free_lines(char **lines, int n)
{
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* Centred, wrapped text in a box; returns the height the text needs. */
static double text_block(fig_t *f, double cx, double y, double maxw, const char *s, double size, bool bold,
			 fig_rgb rgb, bool draw)
{
	char **lines;
	int n = wrap(s, size, maxw, &lines);
	for (int i = 0; i < n && draw; i++)
		text(f, cx, y + size * (1.0 + 1.35 * i) - size * 0.2, lines[i], size, bold, ANCHOR_MIDDLE, rgb);
	free_lines(lines, n);
	return size * 1.35 * n;
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
	free(f);
}

/* ---- indicator chart --------------------------------------------------- */

static const word_t slot_word[YEAR_COUNT] = {WORD_BASELINE, WORD_CURRENT, WORD_TARGET};


fig_t *fig_indicator(const plan_t *p, const indicator_t *ind, lang_t lang)
{
	fig_t *f = fig_new(p);
	const double W = 480, H = 230, left = 16, top = 34, bottom = 44, plot_h = H - top - bottom;
	f->width = W;
	f->height = H;
	const fig_rgb *const colours[YEAR_COUNT] = {&f->colour[COLOUR_BASELINE], &f->colour[COLOUR_CURRENT],
						   &f->colour[COLOUR_TARGET]};
	static const fig_pattern patterns[YEAR_COUNT] = {PATTERN_NONE, PATTERN_NONE, PATTERN_HATCH};

	double max = 0;
	for (int s = 0; s < YEAR_COUNT; s++)
		if (ind->value[s].kind == VAL_NUMBER)
			for (int k = 0; k < ind->nparts; k++)
				max = fmax(max, ind->value[s].num[k].v);
	if (max <= 0)
		max = 1;

	/* Alternative text: the name and every value, as the table says them. */
	buf_t alt = BUF_INIT;
	buf_printf(&alt, "%s: ", text_get(&ind->name, lang));

	double group_w = (W - 2 * left) / YEAR_COUNT;
	double base_y = top + plot_h;
	line(f, left, base_y, W - left, base_y, INK, 1, 0);
	for (int s = 0; s < YEAR_COUNT; s++) {
		const value_t *v = &ind->value[s];
		double gx = left + s * group_w;
		buf_t lab = BUF_INIT;
		plan_word_years(&lab, p, WORD_FISCAL_YEAR, lang, v->year, v->year);
		text(f, gx + group_w / 2, base_y + 16, lab.ptr, 11, false, ANCHOR_MIDDLE, INK);
		text(f, gx + group_w / 2, base_y + 31, plan_word(p, slot_word[s], lang), 11, s == YEAR_TARGET, ANCHOR_MIDDLE, INK);
		buf_printf(&alt, "%s%s %s ", s ? plan_word(p, WORD_CLAUSE_SEPARATOR, lang) : "", plan_word(p, slot_word[s], lang), lab.ptr);
		plan_format_value(&alt, p, ind, (yearslot_t)s, lang);
		buf_free(&lab);
		if (v->kind != VAL_NUMBER) {
			buf_t msg = BUF_INIT;
			plan_format_value(&msg, p, ind, (yearslot_t)s, lang);
			text_block(f, gx + group_w / 2, base_y - 40, group_w - 16, msg.ptr, 11, false, INK, true);
			buf_free(&msg);
			continue;
		}
		double bar_w = fmin(56, (group_w - 24) / ind->nparts);
		double x0 = gx + (group_w - bar_w * ind->nparts) / 2;
		for (int k = 0; k < ind->nparts; k++) {
			double h = plot_h * v->num[k].v / max;
			double x = x0 + k * bar_w + 3;
			rect(f, x, base_y - h, bar_w - 6, h, s == YEAR_TARGET ? &PAPER : colours[s], colours[s], patterns[s]);
			if (s == YEAR_TARGET)
				f->shapes[f->nshapes - 1].stroke_width = 2;
			buf_t val = BUF_INIT;
			plan_format_amount(&val, p, v->num[k], ind->unit, lang);
			text(f, x + (bar_w - 6) / 2, base_y - h - 5, val.ptr, ind->nparts > 1 ? 9.5 : 11, true,
			     ANCHOR_MIDDLE, INK);
			buf_free(&val);
			if (ind->nparts > 1)
				text(f, x + (bar_w - 6) / 2, base_y - 4, text_get(&ind->parts[k], lang), 9, false,
				     ANCHOR_MIDDLE, s == YEAR_TARGET ? INK : PAPER);
		}
	}
	f->alt = buf_detach(&alt);
	return f;
}

/* ---- charts of figures.yaml -------------------------------------------- */

static const colour_t series_colour[] = {COLOUR_CURRENT, COLOUR_TARGET, COLOUR_BASELINE};

fig_t *fig_chart(const plan_t *p, const figure_t *fg, lang_t lang)
{
	if (!fg->has_data || fg->ncategories == 0)
		return NULL;
	fig_t *f = fig_new(p);
	const double W = 480, left = 48, right = 16, top = 20, plot_h = 160;
	double legend_h = fg->nseries > 1 ? 18.0 * fg->nseries : 0;
	f->width = W;
	f->height = top + plot_h + 28 + legend_h;
	double max = 0;
	for (int s = 0; s < fg->nseries; s++)
		for (int c = 0; c < fg->ncategories; c++)
			if (fg->series[s].values)
				max = fmax(max, fg->series[s].values[c].v);
	if (max <= 0)
		max = 1;
	double base_y = top + plot_h, cw = (W - left - right) / fg->ncategories;
	const char *unit = fg->unit >= 0 ? text_get(&p->units[fg->unit].word, lang) : "";
	line(f, left, base_y, W - right, base_y, INK, 1, 0);
	buf_t alt = BUF_INIT;
	buf_printf(&alt, "%s:", text_get(&fg->title, lang));
	for (int c = 0; c < fg->ncategories; c++)
		text(f, left + cw * (c + 0.5), base_y + 16, text_get(&fg->categories[c], lang), 10, false, ANCHOR_MIDDLE,
		     INK);
	for (int s = 0; s < fg->nseries; s++) {
		const series_t *se = &fg->series[s];
		if (!se->values)
			continue;
		const fig_rgb *rgb = &f->colour[series_colour[s % 3]];
		buf_printf(&alt, " %s", text_get(&se->name, lang));
		double *pts = xcalloc((size_t)fg->ncategories * 2, sizeof *pts);
		for (int c = 0; c < fg->ncategories; c++) {
			double v = se->values[c].v, h = plot_h * v / max;
			double x = left + cw * (c + 0.5), bw = fmin(40, (cw - 12) / fg->nseries);
			buf_t val = BUF_INIT;
			num_format(&val, se->values[c]);
			buf_puts(&val, unit);
			buf_printf(&alt, " %s %s%s", text_get(&fg->categories[c], lang), val.ptr,
				   c + 1 < fg->ncategories ? "," : ";");
			if (fg->type == CHART_BAR) {
				double bx = x - bw * fg->nseries / 2 + bw * s;
				rect(f, bx + 2, base_y - h, bw - 4, h, rgb, rgb, s == 1 ? PATTERN_HATCH : s == 2 ? PATTERN_DOTS : PATTERN_NONE);
				text(f, bx + bw / 2, base_y - h - 4, val.ptr, 9, false, ANCHOR_MIDDLE, INK);
			} else {
				pts[2 * c] = x, pts[2 * c + 1] = base_y - h;
				fig_shape *m = add(f, s == 0 ? SHAPE_CIRCLE : SHAPE_RECT); /* a shape per series */
				m->fill = true, m->fill_rgb = *rgb;
				if (s == 0)
					m->x = x, m->y = base_y - h, m->r = 3.5;
				else
					m->x = x - 3.5, m->y = base_y - h - 3.5, m->w = m->h = 7;
				text(f, x, base_y - h - 8, val.ptr, 9, false, ANCHOR_MIDDLE, INK);
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
			double ly = base_y + 30 + 18 * s;
			rect(f, left, ly - 9, 12, 10, rgb, rgb, s == 1 ? PATTERN_HATCH : s == 2 ? PATTERN_DOTS : PATTERN_NONE);
			text(f, left + 18, ly, text_get(&se->name, lang), 10, false, ANCHOR_START, INK);
		}
	}
	f->alt = buf_detach(&alt);
	return f;
}

/* ---- structure diagram ------------------------------------------------- */

/* A labelled box of full or given width; returns its bottom. */
static double box(fig_t *f, double x, double y, double w, const char *label, const char *body, const fig_rgb *fill,
		  bool bold_body)
{
	const double pad = 6, lsize = 9.5, bsize = 11.5;
	double h = pad;
	if (label)
		h += lsize * 1.35;
	h += text_block(f, 0, 0, w - 2 * pad, body, bsize, bold_body, INK, false) + pad;
	rect(f, x, y, w, h, fill, &INK, PATTERN_NONE);
	double ty = y + pad;
	if (label) {
		text(f, x + pad, ty + lsize - 1, label, lsize, true, ANCHOR_START, f->colour[COLOUR_CURRENT]);
		ty += lsize * 1.35;
	}
	text_block(f, x + w / 2, ty, w - 2 * pad, body, bsize, bold_body, INK, true);
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

/* The bands of content's diagram that stand at `place`, from y down;
 * returns the y below them. */
static double bands(fig_t *f, const plan_t *p, lang_t lang, bandplace_t place, double y, buf_t *alt)
{
	const double W = 340, m = 4, inner = W - 2 * m, half = (inner - 6) / 2;
	for (int i = 0; i < p->nbands; i++) {
		const band_t *b = &p->bands[i];
		if (b->place != place)
			continue;
		const fig_rgb *fill = b->shade ? &f->colour[COLOUR_BOX] : &PAPER;
		if (b->left.s[0]) {
			/* Two boxes, the link between them on a dashed line. */
			const char *l = text_get(&b->left, lang), *r = text_get(&b->right, lang);
			const char *link = b->link.s[0] ? text_get(&b->link, lang) : NULL;
			double b1 = box(f, m, y, half - 14, NULL, l, fill, b->strong);
			double b2 = box(f, m + half + 20, y, half - 14, NULL, r, fill, b->strong);
			if (link)
				text(f, W / 2, y + 18, link, 10, true, ANCHOR_MIDDLE, f->colour[COLOUR_CURRENT]);
			line(f, m + half - 14, y + 24, m + half + 20, y + 24, INK, 1.2, 3);
			buf_printf(alt, "; %s %s %s", l, link ? link : "", r);
			y = fmax(b1, b2) + 6;
			continue;
		}
		const char *label = b->label.s[0] ? text_get(&b->label, lang) : NULL, *t = text_get(&b->text, lang);
		bool after = place == BAND_AFTER_POLICIES;
		y = box(f, m, y + (label || after ? 4 : 0), inner, label, t, fill, b->strong) + (label ? 6 : 2);
		if (label)
			buf_printf(alt, "; %s: %s", label, t);
		else
			buf_printf(alt, "; %s", t);
	}
	return y;
}

static const char *number(char buf[16], int n)
{
	snprintf(buf, 16, "%d", n);
	return buf;
}

fig_t *fig_structure(const plan_t *p, lang_t lang)
{
	char num[16];
	fig_t *f = fig_new(p);
	const double W = 340, m = 4, inner = W - 2 * m;
	double y = m;
	buf_t alt = BUF_INIT, lab = BUF_INIT;
	const char *phil = plan_word(p, WORD_PHILOSOPHY, lang), *goal = plan_word(p, WORD_BASIC_GOAL, lang);
	plan_word_fmt(&alt, p, WORD_STRUCTURE_ALT, lang, "structure", plan_word(p, WORD_STRUCTURE, lang), "philosophy",
		      phil, "philosophy_text", text_get(&p->philosophy, lang), "goal", goal, "goal_text",
		      text_get(&p->goal, lang), NULL);
	y = box(f, m, y, inner, phil, text_get(&p->philosophy, lang), &PAPER, false);
	arrow_down(f, W / 2, y, y + 16);
	y = box(f, m, y + 16, inner, goal, text_get(&p->goal, lang), &f->colour[COLOUR_BOX], true);
	arrow_down(f, W / 2, y, y + 16);
	y += 16;
	/* The points, two per row. */
	if (p->npoints) {
		const char *points = plan_word(p, WORD_POINTS, lang);
		text(f, m, y + 11, points, 9.5, true, ANCHOR_START, f->colour[COLOUR_CURRENT]);
		y += 16;
		buf_printf(&alt, "; %s:", points);
	}
	double half = (inner - 6) / 2;
	for (int i = 0; i < p->npoints; i += 2) {
		double b1 = 0, b2 = 0;
		for (int k = i; k < i + 2 && k < p->npoints; k++) {
			const point_t *pt = &p->points[k];
			const char *title = text_get(pt->short_title.s[0] ? &pt->short_title : &pt->title, lang);
			buf_free(&lab);
			buf_printf(&lab, "%d", k + 1);
			double b = box(f, m + (k - i) * (half + 6), y, half, lab.ptr, title, &PAPER, false);
			*(k == i ? &b1 : &b2) = b;
			buf_printf(&alt, " %d %s", k + 1, title);
		}
		y = fmax(b1, b2) + 6;
	}
	y = bands(f, p, lang, BAND_BEFORE_POLICIES, y, &alt);
	const char *pol_label = plan_word(p, WORD_POLICY, lang), *mea_label = plan_word(p, WORD_MEASURE, lang);
	for (int i = 0; i < p->npolicies; i++) {
		const policy_t *po = &p->policies[i];
		buf_free(&lab);
		plan_word_fmt(&lab, p, WORD_NUMBERED, lang, "word", pol_label, "number", number(num, po->number), NULL);
		arrow_down(f, W / 2, y, y + 14);
		y = box(f, m, y + 14, inner, lab.ptr, text_get(&po->title, lang), &f->colour[COLOUR_BOX], true);
		buf_printf(&alt, "; %s %s:", lab.ptr, text_get(&po->title, lang));
		double top = y, last_branch = y;
		for (int k = 0; k < po->nmeasures; k++) {
			const measure_t *me = &p->measures[po->first_measure + k];
			buf_free(&lab);
			plan_word_fmt(&lab, p, WORD_NUMBERED, lang, "word", mea_label, "number", number(num, me->number), NULL);
			double by = y + 8;
			last_branch = by + 12;
			line(f, m + 10, last_branch, m + 24, last_branch, INK, 1.2, 0);
			y = box(f, m + 24, by, inner - 24, lab.ptr, text_get(&me->title, lang), &PAPER, false);
			buf_printf(&alt, " %s %s%s", lab.ptr, text_get(&me->title, lang), k + 1 < po->nmeasures ? "," : "");
		}
		/* The trunk from the policy down to the last measure's branch. */
		line(f, m + 10, top, m + 10, last_branch, INK, 1.2, 0);
		y += 6;
	}
	y = bands(f, p, lang, BAND_AFTER_POLICIES, y, &alt);
	buf_free(&lab);
	f->width = W;
	f->height = y + m;
	f->alt = buf_detach(&alt);
	return f;
}
