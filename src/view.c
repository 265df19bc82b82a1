/* view.c — the plan's tables, decided once for the site and the booklets. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* ---- building ----------------------------------------------------------- */

static view_table *table_new(view_kind kind, int ncols)
{
	view_table *t = xcalloc(1, sizeof *t);
	t->kind = kind;
	t->ncols = ncols;
	return t;
}

static view_row *add_row(view_table *t, view_rowkind kind)
{
	t->rows = xrealloc(t->rows, (size_t)(t->nrows + 1) * sizeof *t->rows);
	view_row *r = &t->rows[t->nrows++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	if (kind == VIEW_ROW_HEAD)
		t->nhead++;
	return r;
}

static view_cell *add_cell(view_row *r)
{
	r->cells = xrealloc(r->cells, (size_t)(r->ncells + 1) * sizeof *r->cells);
	view_cell *c = &r->cells[r->ncells++];
	memset(c, 0, sizeof *c);
	c->colspan = c->rowspan = 1;
	c->head = r->kind != VIEW_ROW_BODY;
	c->align = c->head && r->kind == VIEW_ROW_HEAD ? VIEW_CENTER : VIEW_START;
	return c;
}

static view_run *add_run(view_cell *c, const char *text, view_style style)
{
	c->runs = xrealloc(c->runs, (size_t)(c->nruns + 1) * sizeof *c->runs);
	view_run *r = &c->runs[c->nruns++];
	memset(r, 0, sizeof *r);
	r->text = xstrdup(text);
	r->style = style;
	return r;
}

/* A text of the plan in the view's language; marked as a fallback when it
 * is shown in Japanese for want of a translation. */
static void add_text(view_cell *c, const text_t *t, lang_t lang, view_style style)
{
	const char *s = text_get(t, lang);
	view_run *r = add_run(c, s, style);
	r->fallback = text_fallback(t, lang) && utf8_has_japanese(s);
}

static bool has_text(const text_t *t) { return text_has(t); }

/* A word with a text of the plan in its placeholder {`slot`}: the runs
 * before and after it, and the text as a run of its own (it may be shown
 * in Japanese for want of a translation).  One more placeholder, `name`,
 * may be given its value. */
static void add_filled(view_cell *c, const plan_t *p, word_t w, lang_t lang, const char *slot, const text_t *title,
		       const char *name, const char *value)
{
	buf_t b = BUF_INIT;
	plan_word_fmt(&b, p, w, lang, slot, "\x01", name, value, NULL);
	char *mark = strchr(b.ptr, '\x01');
	if (mark)
		*mark = '\0';
	if (*b.ptr)
		add_run(c, b.ptr, VIEW_PLAIN);
	if (mark && title) {
		add_text(c, title, lang, VIEW_PLAIN);
		if (mark[1])
			add_run(c, mark + 1, VIEW_PLAIN);
	}
	buf_free(&b);
}

/* A cell of one plain text (a word, a number). */
static view_cell *text_cell(view_row *r, const char *text)
{
	view_cell *c = add_cell(r);
	add_run(c, text, VIEW_PLAIN);
	return c;
}

/* A cell of a word of the interface (shown in the default language, and
 * so marked, where the view's language has no words of its own). */
static view_cell *word_cell(view_row *r, const plan_t *p, word_t w, lang_t lang)
{
	view_cell *c = add_cell(r);
	add_text(c, &p->words[w], lang, VIEW_PLAIN);
	return c;
}

static view_cell *number_cell(view_row *r, const char *text, view_align align)
{
	view_cell *c = text_cell(r, text);
	c->number = true;
	c->align = align;
	return c;
}

/* "FY2016" above "At the plan's adoption": a header of a column of one year. */
static void year_head(view_row *r, const plan_t *p, lang_t lang, int year, word_t w)
{
	buf_t b = BUF_INIT;
	plan_word_years(&b, p, WORD_FISCAL_YEAR, lang, year, year);
	view_cell *c = text_cell(r, b.ptr);
	add_text(c, &p->words[w], lang, VIEW_PLAIN);
	c->runs[c->nruns - 1].soft_break = true;
	buf_free(&b);
}

/* "Basic indicators (title)", the brackets from the words. */
static void bracketed(buf_t *b, const plan_t *p, const char *text, const char *inner, lang_t lang)
{
	plan_word_fmt(b, p, WORD_BRACKETED, lang, "text", text, "inner", inner, NULL);
}

static void parenthesized(buf_t *b, const plan_t *p, const char *text, const char *inner, lang_t lang)
{
	plan_word_fmt(b, p, WORD_PARENTHESIZED, lang, "text", text, "inner", inner, NULL);
}

static void set_caption(view_table *t, const char *text)
{
	add_run(&t->caption, text, VIEW_PLAIN);
}

/* Names of departments or sections, in one cell. */
static void names_cell(view_row *r, const plan_t *p, const orgunit_t *units, const int *refs, int n, lang_t lang)
{
	view_cell *c = add_cell(r);
	for (int k = 0; k < n; k++) {
		if (k)
			add_run(c, plan_word(p, WORD_LIST_SEPARATOR, lang), VIEW_PLAIN);
		if (refs[k] >= 0)
			add_text(c, &units[refs[k]].name, lang, VIEW_PLAIN);
	}
}

static const char *mark_word(const plan_t *p, mark_t m, lang_t lang, buf_t *b)
{
	b->len = 0;
	plan_word_fmt(b, p, WORD_MARK, lang, "label", plan_mark_label(p, m, lang), NULL);
	return b->ptr;
}

/* An indicator's name: its revision mark, the name, the note under it. */
static void name_runs(view_cell *c, const plan_t *p, const indicator_t *ind, mark_t mark, lang_t lang)
{
	if (mark != MARK_NONE) {
		buf_t b = BUF_INIT;
		add_run(c, mark_word(p, mark, lang, &b), VIEW_MARK);
		buf_free(&b);
	}
	add_text(c, &ind->name, lang, VIEW_PLAIN);
	if (has_text(&ind->name_note))
		add_text(c, &ind->name_note, lang, VIEW_NOTE);
}

/* A value, a run per piece: its amounts are never broken inside. */
static void value_cell(view_row *r, const plan_t *p, const indicator_t *ind, yearslot_t slot, lang_t lang)
{
	buf_t pieces[VALUE_PIECES];
	for (int i = 0; i < VALUE_PIECES; i++)
		buf_init(&pieces[i]);
	bool amount[VALUE_PIECES];
	int n = plan_value_pieces(pieces, amount, p, ind, slot, lang);
	view_cell *c = number_cell(r, pieces[0].ptr, VIEW_CENTER);
	/* Japanese sets a number and its unit as one word (no break between
	 * 2,123,361 and its counter); languages with spaces may break there. */
	bool cjk = p->langs[lang].cjk;
	c->runs[0].whole = amount[0] && cjk;
	for (int i = 1; i < n; i++)
		add_run(c, pieces[i].ptr, VIEW_PLAIN)->whole = amount[i] && cjk;
	for (int i = 0; i < VALUE_PIECES; i++)
		buf_free(&pieces[i]);
}

/* "◎ Achieved": a status tells itself apart by symbol and word, never by
 * colour.  An indicator's status carries its code; a column header sets
 * the word under the symbol where columns are narrow. */
static view_cell *status_cell(view_row *r, const plan_t *p, status_t st, lang_t lang, bool header)
{
	buf_t b = BUF_INIT;
	buf_printf(&b, "%s %s", plan_status_symbol(p, st, lang), plan_status_label(p, st, lang));
	view_cell *c = header ? text_cell(r, plan_status_symbol(p, st, lang)) : text_cell(r, b.ptr);
	if (header)
		add_run(c, plan_status_label(p, st, lang), VIEW_PLAIN)->soft_break = true;
	else
		c->status = xstrdup(plan_status_code(st));
	buf_free(&b);
	return c;
}

/* ---- the tables ----------------------------------------------------------- */

static const word_t slot_word[YEAR_COUNT] = {WORD_BASELINE, WORD_CURRENT, WORD_TARGET};

view_table *view_indicators(const plan_t *p, lang_t lang, int set, int measure, bool status)
{
	const indset_t *st = &p->sets[set];
	view_table *t = table_new(VIEW_INDICATORS, status ? 7 : 6);
	t->cards = true;
	buf_t b = BUF_INIT;
	bracketed(&b, p, plan_word(p, measure < 0 ? WORD_OVERALL : WORD_BASIC_INDICATORS, lang), text_get(&st->title, lang),
		  lang);
	set_caption(t, b.ptr);
	buf_free(&b);
	view_row *r = add_row(t, VIEW_ROW_HEAD);
	word_cell(r, p, WORD_ITEM, lang);
	for (int k = 0; k < YEAR_COUNT; k++)
		year_head(r, p, lang, st->years[k], slot_word[k]);
	word_cell(r, p, WORD_DESCRIPTION, lang);
	word_cell(r, p, WORD_SECTION, lang);
	if (status)
		word_cell(r, p, WORD_STATUS, lang);
	for (int i = 0; i < p->nindicators; i++) {
		const indicator_t *ind = &p->indicators[i];
		if (ind->set != set || ind->measure != measure)
			continue;
		r = add_row(t, VIEW_ROW_BODY);
		buf_printf(&b, "ind-%s", ind->id);
		r->id = buf_detach(&b);
		view_cell *c = add_cell(r);
		c->head = true;
		name_runs(c, p, ind, ind->mark, lang);
		for (int k = 0; k < YEAR_COUNT; k++)
			value_cell(r, p, ind, (yearslot_t)k, lang);
		c = add_cell(r);
		add_text(c, &ind->description, lang, VIEW_PLAIN);
		if (has_text(&ind->note))
			add_text(c, &ind->note, lang, VIEW_NOTE);
		names_cell(r, p, p->sections, ind->sections, ind->nsections, lang);
		if (status)
			status_cell(r, p, plan_progress(ind).status, lang, false);
	}
	return t;
}

view_table *view_chart_data(const plan_t *p, lang_t lang, const indicator_t *ind)
{
	view_table *t = table_new(VIEW_CHART_DATA, 2);
	add_text(&t->caption, &p->words[WORD_DATA_TABLE], lang, VIEW_PLAIN);
	/* With `values:`, a row for each year (the baseline's and the current
	 * one's named so), then the target's. */
	for (int i = 0; i < ind->nseries && ind->nseries > 1; i++) {
		const value_t *v = &ind->series[i];
		view_row *r = add_row(t, VIEW_ROW_BODY);
		buf_t y = BUF_INIT, h = BUF_INIT;
		plan_word_years(&y, p, WORD_FISCAL_YEAR, lang, v->year, 0);
		int slot = plan_series_slot(ind, i);
		if (slot >= 0)
			parenthesized(&h, p, plan_word(p, slot_word[slot], lang), y.ptr, lang);
		text_cell(r, slot >= 0 ? h.ptr : y.ptr)->head = true;
		buf_free(&y);
		buf_free(&h);
		indicator_t one = *ind;
		one.value[YEAR_CURRENT] = *v;
		value_cell(r, p, &one, YEAR_CURRENT, lang);
	}
	for (int k = ind->nseries > 1 ? YEAR_TARGET : 0; k < YEAR_COUNT; k++) {
		view_row *r = add_row(t, VIEW_ROW_BODY);
		buf_t y = BUF_INIT, h = BUF_INIT;
		plan_word_years(&y, p, WORD_FISCAL_YEAR, lang, ind->value[k].year, 0);
		parenthesized(&h, p, plan_word(p, slot_word[k], lang), y.ptr, lang);
		text_cell(r, h.ptr)->head = true;
		buf_free(&y);
		buf_free(&h);
		value_cell(r, p, ind, (yearslot_t)k, lang);
	}
	return t;
}

view_table *view_figure_data(const plan_t *p, lang_t lang, const figure_t *fg)
{
	if (fg->kind != FIG_CHART || !fg->has_data || !fg->ncategories || !fg->nseries)
		return NULL;
	view_table *t = table_new(VIEW_CHART_DATA, fg->nseries + 1);
	add_text(&t->caption, &p->words[WORD_DATA_TABLE], lang, VIEW_PLAIN);
	/* The categories down, a column for each series, as the chart reads
	 * (the years along its axis). */
	view_row *r = add_row(t, VIEW_ROW_HEAD);
	add_cell(r);
	for (int k = 0; k < fg->nseries; k++)
		add_text(add_cell(r), &fg->series[k].name, lang, VIEW_PLAIN);
	for (int c = 0; c < fg->ncategories; c++) {
		r = add_row(t, VIEW_ROW_BODY);
		view_cell *h = add_cell(r);
		add_text(h, &fg->categories[c], lang, VIEW_PLAIN);
		h->head = true;
		for (int k = 0; k < fg->nseries; k++) {
			buf_t b = BUF_INIT;
			if (fg->series[k].values)
				plan_format_amount(&b, p, fg->series[k].values[c], fg->unit, lang);
			number_cell(r, b.ptr, VIEW_END);
			buf_free(&b);
		}
	}
	return t;
}

/* Whether text column c repeats, in language lang, its row's header in
 * every row: a roster's reading in English (Naomi Konnai | Naomi Konnai),
 * left out as saying nothing. */
static bool repeats_header(const table_t *tb, int c, lang_t lang)
{
	if (c == tb->header || tb->header < 0 || tb->columns[c].is_number || !tb->nrows)
		return false;
	for (int row = 0; row < tb->nrows; row++) {
		const cell_t *ce = &tb->cells[row * tb->ncolumns + c], *h = &tb->cells[row * tb->ncolumns + tb->header];
		if (ce->span != 1 || h->span != 1 || ce->empty || h->empty ||
		    strcmp(text_get(&ce->text, lang), text_get(&h->text, lang)) != 0)
			return false;
	}
	return true;
}

view_table *view_data(const plan_t *p, lang_t lang, const table_t *tb)
{
	bool *skip = xcalloc((size_t)tb->ncolumns + 1, sizeof *skip);
	int shown = 0;
	for (int c = 0; c < tb->ncolumns; c++)
		shown += !(skip[c] = repeats_header(tb, c, lang));
	view_table *t = table_new(VIEW_DATA, shown);
	t->wide = true;
	/* A table too wide for a phone (four columns or more) reads there as
	 * a card per row, headed by its row's header (a roster by the names),
	 * unless a cell spans columns. */
	t->cards = tb->header >= 0 && shown >= 4;
	for (int i = 0; i < tb->nrows * tb->ncolumns; i++)
		t->cards = t->cards && tb->cells[i].span == 1;
	buf_t b = BUF_INIT;
	buf_printf(&b, "table-%s", tb->id);
	t->id = buf_detach(&b);
	if (has_text(&tb->caption))
		add_text(&t->caption, &tb->caption, lang, VIEW_PLAIN);
	view_row *r = add_row(t, VIEW_ROW_HEAD);
	for (int c = 0; c < tb->ncolumns; c++)
		if (!skip[c])
			add_text(add_cell(r), &tb->columns[c].title, lang, VIEW_PLAIN);
	for (int row = 0; row < tb->nrows; row++) {
		r = add_row(t, VIEW_ROW_BODY);
		for (int c = 0; c < tb->ncolumns; c++) {
			const cell_t *ce = &tb->cells[row * tb->ncolumns + c];
			view_cell *vc;
			if (!ce->span || skip[c]) /* covered by a span, or left out */
				continue;
			if (ce->span > 1) {
				vc = add_cell(r);
				vc->colspan = ce->span;
				add_text(vc, &ce->text, lang, VIEW_PLAIN);
			} else if (ce->empty) {
				vc = add_cell(r);
			} else if (tb->columns[c].is_number) {
				plan_format_amount(&b, p, ce->num, tb->columns[c].unit, lang);
				vc = number_cell(r, b.ptr, VIEW_END);
				buf_free(&b);
			} else {
				vc = add_cell(r);
				add_text(vc, &ce->text, lang, VIEW_PLAIN);
			}
			vc->head = c == tb->header; /* the row's header */
		}
	}
	if (has_text(&tb->note))
		add_text(&t->note, &tb->note, lang, VIEW_PLAIN);
	if (has_text(&tb->source))
		add_text(&t->source, &tb->source, lang, VIEW_PLAIN);
	free(skip);
	return t;
}

view_table *view_actions(const plan_t *p, lang_t lang, const measure_t *m)
{
	view_table *t = table_new(VIEW_ACTIONS, 2);
	add_text(&t->caption, &p->words[WORD_ACTIONS], lang, VIEW_PLAIN);
	view_row *r = add_row(t, VIEW_ROW_HEAD);
	word_cell(r, p, WORD_ACTION, lang);
	word_cell(r, p, WORD_DEPARTMENTS, lang);
	for (int i = 0; i < m->nactions; i++) {
		const action_t *a = &m->actions[i];
		r = add_row(t, VIEW_ROW_BODY);
		view_cell *c = add_cell(r);
		c->head = true;
		/* Circled numbers ①…⑳, as in the printed plan, then digits. */
		char num[16];
		if (i < 20)
			snprintf(num, sizeof num, "%c%c%c ", 0xE2, 0x91, 0xA0 + i);
		else
			snprintf(num, sizeof num, "%d ", i + 1);
		add_run(c, num, VIEW_PLAIN);
		if (a->mark != MARK_NONE) {
			buf_t b = BUF_INIT;
			add_run(c, mark_word(p, a->mark, lang, &b), VIEW_MARK);
			buf_free(&b);
		}
		add_text(c, &a->text, lang, VIEW_PLAIN);
		names_cell(r, p, p->departments, a->departments, a->ndepartments, lang);
	}
	return t;
}

view_table *view_progress(const plan_t *p, lang_t lang, int set)
{
	view_table *t = table_new(VIEW_PROGRESS, 1 + STATUS_COUNT);
	t->cards = true;
	buf_t b = BUF_INIT;
	parenthesized(&b, p, plan_word(p, WORD_PROGRESS, lang), text_get(&p->sets[set].title, lang), lang);
	set_caption(t, b.ptr);
	buf_free(&b);
	view_row *r = add_row(t, VIEW_ROW_HEAD);
	word_cell(r, p, WORD_MEASURE, lang);
	for (int st = 0; st < STATUS_COUNT; st++)
		status_cell(r, p, (status_t)st, lang, true);
	for (int m = -1; m < p->nmeasures; m++) {
		tally_t tl = plan_progress_tally(p, set, m);
		if (!tl.total)
			continue;
		r = add_row(t, VIEW_ROW_BODY);
		view_cell *c;
		if (m < 0) {
			c = word_cell(r, p, WORD_OVERALL, lang);
		} else {
			c = add_cell(r);
			buf_printf(&b, "%d ", p->measures[m].number);
			add_run(c, b.ptr, VIEW_PLAIN);
			buf_free(&b);
			add_text(c, &p->measures[m].title, lang, VIEW_PLAIN);
			buf_printf(&b, "measure-%s.html", p->measures[m].id);
			c->href = buf_detach(&b);
		}
		c->head = true;
		for (int st = 0; st < STATUS_COUNT; st++) {
			buf_printf(&b, "%d", tl.count[st]);
			number_cell(r, b.ptr, VIEW_CENTER);
			buf_free(&b);
		}
	}
	return t;
}

/* One side of a revision row: the indicator's name, current value and
 * target.  An old indicator without a successor shows dashes on the new
 * side; an added one leaves the old side empty. */
static void revision_side(view_row *r, const plan_t *p, lang_t lang, int idx, mark_t mark, bool new_side)
{
	if (idx < 0) {
		for (int k = 0; k < 3; k++)
			if (new_side)
				number_cell(r, "—", VIEW_CENTER);
			else
				add_cell(r);
		return;
	}
	const indicator_t *ind = &p->indicators[idx];
	name_runs(add_cell(r), p, ind, mark, lang);
	for (int k = YEAR_CURRENT; k <= YEAR_TARGET; k++)
		value_cell(r, p, ind, (yearslot_t)k, lang);
}

view_table *view_revisions(const plan_t *p, lang_t lang)
{
	int nrows;
	revrow_t *rows = plan_revision_rows(p, &nrows);
	if (!rows)
		return NULL;
	view_table *t = table_new(VIEW_REVISIONS, 8);
	t->wide = true;
	t->cards = true;
	buf_t b = BUF_INIT, period = BUF_INIT;
	plan_word_years(&period, p, WORD_FISCAL_PERIOD, lang, p->period_from, p->period_to);
	plan_word_fmt(&b, p, WORD_REVISIONS_CAPTION, lang, "title", text_get(&p->title, lang), "period", period.ptr, "list",
		      plan_word(p, WORD_REVISIONS, lang), NULL);
	set_caption(t, b.ptr);
	buf_free(&b);
	buf_free(&period);
	/* Two header rows: the sets over their three columns, then the columns. */
	const indset_t *sets[2] = {&p->sets[p->nsets - 2], &p->sets[p->nsets - 1]};
	view_row *r = add_row(t, VIEW_ROW_HEAD);
	for (int k = 0; k < 2; k++) {
		view_cell *c = add_cell(r);
		add_text(c, &sets[k]->title, lang, VIEW_PLAIN);
		c->colspan = 3;
		c->id = xstrdup(k ? "rv-new" : "rv-old");
	}
	word_cell(r, p, WORD_REASON, lang)->rowspan = 2;
	word_cell(r, p, WORD_OWNER, lang)->rowspan = 2;
	r = add_row(t, VIEW_ROW_HEAD);
	for (int k = 0; k < 2; k++) {
		word_cell(r, p, WORD_ITEM, lang);
		year_head(r, p, lang, sets[k]->years[YEAR_CURRENT], WORD_CURRENT);
		year_head(r, p, lang, sets[k]->years[YEAR_TARGET], WORD_TARGET);
	}
	int measure = -2;
	for (int i = 0; i < nrows; i++) {
		const revrow_t *rw = &rows[i];
		if (rw->measure != measure) {
			measure = rw->measure;
			r = add_row(t, VIEW_ROW_GROUP);
			view_cell *c = add_cell(r);
			c->colspan = 8;
			if (measure < 0) {
				add_run(c, plan_word(p, WORD_OVERALL, lang), VIEW_PLAIN);
			} else {
				buf_t numbered = BUF_INIT;
				view_numbered(&numbered, p, lang, WORD_MEASURE, p->measures[measure].number);
				add_filled(c, p, WORD_MEASURE_GROUP, lang, "title", &p->measures[measure].title, "numbered",
					   numbered.ptr);
				buf_free(&numbered);
			}
		}
		r = add_row(t, VIEW_ROW_BODY);
		revision_side(r, p, lang, rw->old_ind, MARK_NONE, false);
		revision_side(r, p, lang, rw->new_ind, rw->mark, true);
		view_cell *c = add_cell(r);
		if (rw->reason->s[0])
			add_text(c, rw->reason, lang, VIEW_PLAIN);
		names_cell(r, p, p->sections, rw->sections, rw->nsections, lang);
	}
	free(rows);
	return t;
}

static void cell_fini(view_cell *c);

/* ---- captions and numbers --------------------------------------------------- */

void view_numbered(buf_t *out, const plan_t *p, lang_t lang, word_t w, int number)
{
	char num[16];
	snprintf(num, sizeof num, "%d", number);
	plan_word_fmt(out, p, WORD_NUMBERED, lang, "word", plan_word(p, w, lang), "number", num, NULL);
}

void view_chart_caption(buf_t *out, const plan_t *p, lang_t lang, const indicator_t *ind)
{
	buf_t where = BUF_INIT;
	if (ind->measure >= 0)
		view_numbered(&where, p, lang, WORD_MEASURE_SHORT, p->measures[ind->measure].number);
	else
		buf_puts(&where, plan_word(p, WORD_OVERALL, lang));
	char num[16];
	snprintf(num, sizeof num, "%d", ind->figure_number);
	/* A chart the booklet does not set has no number. */
	plan_word_fmt(out, p, ind->figure_number ? WORD_CHART_CAPTION : WORD_CHART_CAPTION_UNNUMBERED, lang, "figure",
		      plan_word(p, WORD_FIGURE, lang), "number", num, "where", where.ptr, NULL);
	buf_free(&where);
}

/* ---- the colophon ---------------------------------------------------------- */

static view_cell *add_line(view_colophon *c)
{
	c->lines = xrealloc(c->lines, (size_t)(c->nlines + 1) * sizeof *c->lines);
	view_cell *l = &c->lines[c->nlines++];
	memset(l, 0, sizeof *l);
	l->colspan = l->rowspan = 1;
	return l;
}

static void date_line(view_colophon *c, const plan_t *p, lang_t lang, word_t w, yearmonth_t ym)
{
	buf_t date = BUF_INIT, line = BUF_INIT;
	plan_year_month(&date, p, ym, lang);
	const char *vars[] = {"date", date.ptr, NULL};
	plan_word_fill(&line, p, w, lang, vars);
	add_run(add_line(c), line.ptr, VIEW_PLAIN);
	buf_free(&date);
	buf_free(&line);
}

view_colophon *view_colophon_of(const plan_t *p, lang_t lang)
{
	view_colophon *c = xcalloc(1, sizeof *c);
	const char *sep = plan_word(p, WORD_SPACE, lang);
	add_text(add_line(c), &p->title, lang, VIEW_PLAIN);
	date_line(c, p, lang, WORD_ADOPTED, p->adopted);
	if (p->revised.year)
		date_line(c, p, lang, WORD_REVISED, p->revised);
	int first = c->nlines;
	view_cell *l = add_line(c);
	add_run(l, plan_word(p, WORD_PUBLISHED_BY, lang), VIEW_PLAIN);
	add_run(l, sep, VIEW_PLAIN);
	add_text(l, &p->publisher, lang, VIEW_PLAIN);
	l = add_line(c);
	add_run(l, plan_word(p, WORD_EDITED_BY, lang), VIEW_PLAIN);
	add_run(l, sep, VIEW_PLAIN);
	add_text(l, &p->editor_name, lang, VIEW_PLAIN);
	if (p->postcode && has_text(&p->editor_address))
		add_filled(add_line(c), p, WORD_ADDRESS_LINE, lang, "address", &p->editor_address, "postcode", p->postcode);
	else if (p->postcode)
		add_filled(add_line(c), p, WORD_POSTCODE_LINE, lang, "address", NULL, "postcode", p->postcode);
	else if (has_text(&p->editor_address))
		add_text(add_line(c), &p->editor_address, lang, VIEW_PLAIN);
	buf_t b = BUF_INIT;
	if (p->phone || p->fax) {
		if (p->phone)
			plan_phone(&b, p, WORD_TELEPHONE, lang, p->phone);
		if (p->phone && p->fax)
			buf_puts(&b, plan_word(p, WORD_CONTACT_SEPARATOR, lang));
		if (p->fax)
			plan_phone(&b, p, WORD_FAX, lang, p->fax);
		add_run(add_line(c), b.ptr, VIEW_PLAIN);
		buf_free(&b);
	}
	if (p->email) {
		l = add_line(c);
		add_run(l, "E-mail: ", VIEW_PLAIN);
		add_run(l, p->email, VIEW_PLAIN);
		buf_printf(&b, "mailto:%s", p->email);
		l->href = buf_detach(&b);
	}
	c->naddress = c->nlines - first;
	return c;
}

void view_colophon_free(view_colophon *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->nlines; i++)
		cell_fini(&c->lines[i]);
	free(c->lines);
	free(c);
}

/* ---- freeing and reading ---------------------------------------------- */

static void cell_fini(view_cell *c)
{
	for (int i = 0; i < c->nruns; i++)
		free(c->runs[i].text);
	free(c->runs);
	free(c->status);
	free(c->href);
	free(c->id);
}

void view_table_free(view_table *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->nrows; i++) {
		for (int k = 0; k < t->rows[i].ncells; k++)
			cell_fini(&t->rows[i].cells[k]);
		free(t->rows[i].cells);
		free(t->rows[i].id);
	}
	free(t->rows);
	cell_fini(&t->caption);
	cell_fini(&t->note);
	cell_fini(&t->source);
	free(t->id);
	free(t);
}

void view_cell_text(buf_t *out, const view_cell *c)
{
	for (int i = 0; i < c->nruns; i++) {
		if (i && c->runs[i].soft_break)
			buf_putc(out, ' ');
		buf_puts(out, c->runs[i].text);
	}
}

void view_column_label(buf_t *out, const view_table *t, int col)
{
	/* busy[c]: header rows still covered at column c by a cell above. */
	int *busy = xcalloc((size_t)t->ncols + 1, sizeof *busy);
	bool first = true;
	for (int r = 0; r < t->nhead && r < t->nrows; r++) {
		const view_row *row = &t->rows[r];
		int c = 0;
		for (int k = 0; k < row->ncells; k++) {
			while (c < t->ncols && busy[c])
				c++;
			const view_cell *cell = &row->cells[k];
			int span = cell->colspan > 0 ? cell->colspan : 1;
			/* A header over several columns names their group once, at
			 * the first: a card shows its cells in the columns' order. */
			if ((span > 1 ? col == c : col >= c && col < c + span) && cell->nruns) {
				if (!first)
					buf_putc(out, ' ');
				view_cell_text(out, cell);
				first = false;
			}
			for (int i = c; i < c + span && i < t->ncols; i++)
				busy[i] = cell->rowspan > 1 ? cell->rowspan : 1;
			c += span;
		}
		for (int i = 0; i < t->ncols; i++)
			if (busy[i])
				busy[i]--;
	}
	free(busy);
}
