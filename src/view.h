/* view.h — the plan's tables as neutral blocks, decided once for every
 * back-end.
 *
 * What figure.c does for charts, this does for tables: it turns a part of
 * the model into a table of cells in one language — caption, header rows
 * with spans, group rows, body rows whose cells are runs of text with marks
 * — and the site (out_html.c) and the booklets (out_pdf.c) only draw it.  A
 * column header, a number or a word therefore exists once, and the two
 * cannot disagree.
 *
 * Ownership: a view_table owns everything reachable from it, strings
 * included; view_table_free() releases it.  A view borrows nothing from
 * the plan, so it may outlive it. */
#ifndef PLANGEN_VIEW_H
#define PLANGEN_VIEW_H

#include <stdbool.h>

#include "model.h"

typedef enum {
	VIEW_PLAIN, /* text */
	VIEW_MARK,  /* a revision mark before a name ("[Added]"), emphasised */
	VIEW_NOTE,  /* a note under the main text: smaller, on a line of its own */
} view_style;

/* A run of text.  '\n' in the text is a line break in every output;
 * soft_break before the run is a break where the column is narrow (the
 * booklet) and a space elsewhere (the site). */
typedef struct {
	char *text;
	view_style style;
	bool soft_break;
	bool fallback; /* shown in Japanese because the text has no translation */
	bool whole;    /* never broken inside: an amount, a part of a value */
} view_run;

typedef enum { VIEW_START, VIEW_CENTER, VIEW_END } view_align;

typedef struct {
	view_run *runs;
	int nruns;
	int colspan, rowspan; /* at least 1 */
	bool head;            /* a header cell: of a column, a row or a group */
	bool number;          /* a number: aligned as numbers are */
	view_align align;
	char *status;         /* the status code of a progress cell ("achieved"), or NULL */
	char *href;           /* a page of the site this cell leads to, or NULL */
	char *id;             /* an anchor for complex headers, or NULL */
} view_cell;

typedef enum { VIEW_ROW_HEAD, VIEW_ROW_GROUP, VIEW_ROW_BODY } view_rowkind;

typedef struct {
	view_rowkind kind;
	view_cell *cells;
	int ncells;
	char *id; /* an anchor for the row ("ind-r-npo-count"), or NULL */
} view_row;

typedef enum { VIEW_INDICATORS, VIEW_CHART_DATA, VIEW_DATA, VIEW_ACTIONS, VIEW_PROGRESS, VIEW_REVISIONS } view_kind;

typedef struct {
	view_kind kind;
	char *id;          /* an anchor for the table ("table-finance"), or NULL */
	view_cell caption; /* no runs: none */
	view_cell note, source; /* printed under the table; no runs: none */
	int ncols;
	view_row *rows;    /* the header rows come first */
	int nrows, nhead;
	bool wide;         /* may be wider than the screen: it scrolls */
	bool cards;        /* on a narrow screen each row may stand as a card of
			    * cells labelled with their column's header */
} view_table;

/* The indicators of a set for a measure (-1: the overall indicators), with
 * a last column of their statuses if `status`. */
view_table *view_indicators(const plan_t *p, lang_t lang, int set, int measure, bool status);
/* The numbers of an indicator's chart, as a table beside it. */
view_table *view_chart_data(const plan_t *p, lang_t lang, const indicator_t *ind);
/* A table of tables.yaml. */
/* A figure's chart as a table: its categories by its series (NULL for
 * a photo or a chart without data). */
view_table *view_figure_data(const plan_t *p, lang_t lang, const figure_t *f);
view_table *view_data(const plan_t *p, lang_t lang, const table_t *t);
/* The priority actions of a measure with their departments. */
view_table *view_actions(const plan_t *p, lang_t lang, const measure_t *m);
/* The indicators of a set counted by status, per measure. */
view_table *view_progress(const plan_t *p, lang_t lang, int set);
/* The revision list between the last two sets; NULL with fewer than two. */
view_table *view_revisions(const plan_t *p, lang_t lang);

void view_table_free(view_table *t);

/* The words before an indicator chart's title:
 * "Figure 3 [Measure 1] " (the words figure, chart_caption, numbered). */
void view_chart_caption(buf_t *out, const plan_t *p, lang_t lang, const indicator_t *ind);
/* "Basic measure 1": a numbered word. */
void view_numbered(buf_t *out, const plan_t *p, lang_t lang, word_t w, int number);

/* The colophon: the title, the dates, then the address lines (publisher,
 * editor, address, telephone and fax, e-mail); a line whose value is
 * missing is left out, never printed as a bare label.  A line's href is the
 * address of its last run (the e-mail's mailto:). */
typedef struct {
	view_cell *lines;
	int nlines, naddress; /* the last naddress lines are the address */
} view_colophon;

view_colophon *view_colophon_of(const plan_t *p, lang_t lang);
void view_colophon_free(view_colophon *c);

/* The words of the header cells over column `col` (0-based), joined by
 * spaces: what a cell of that column is, where the table is shown as cards.
 * A header over several columns is named only in the first of them. */
void view_column_label(buf_t *out, const view_table *t, int col);

/* The runs of a cell as one plain string (soft breaks as spaces). */
void view_cell_text(buf_t *out, const view_cell *c);

#endif
