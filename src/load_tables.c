/* load_tables.c — the plan's figures (figures.yaml), its tables
 * (tables.yaml) and its glossary (glossary.yaml). */
#define _GNU_SOURCE /* strcasestr */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load_priv.h"

/* [Mean, 1,240,158 yen]: a number written with commas, which a [ ] row
 * reads as cells of its own (1 | 240 | 158 yen), and a chart's values as
 * values of their own.  True when reported. */
static bool report_split_number(const ynode *row, bool cells)
{
	for (int k = 1; k < row->n; k++) {
		const ynode *a = row->items[k - 1], *b = row->items[k];
		if (a->type != Y_SCALAR || b->type != Y_SCALAR || !a->len || a->str[a->len - 1] < '0' ||
		    a->str[a->len - 1] > '9' || strspn(b->str, "0123456789") != 3)
			continue;
		int e = k; /* the last group: 3 digits, then a unit only after the last */
		while (e + 1 < row->n && row->items[e + 1]->type == Y_SCALAR && row->items[e]->str[3] == '\0' &&
		       strspn(row->items[e + 1]->str, "0123456789") == 3)
			e++;
		buf_t written = BUF_INIT, digits = BUF_INIT;
		for (int j = k - 1; j <= e; j++) {
			buf_printf(&written, "%s%s", j > k - 1 ? "," : "", row->items[j]->str);
			const char *d = row->items[j]->str;
			buf_put(&digits, d, strspn(d, "0123456789"));
		}
		if (cells)
			diag_error(a->pos, "\"%s\": the commas of a number split it into cells", written.ptr);
		else
			diag_error(a->pos, "\"%s\": the commas of a number split it into values", written.ptr);
		diag_hint("write numbers without separators or units: %s", digits.ptr);
		buf_free(&written);
		buf_free(&digits);
		return true;
	}
	return false;
}

/* ---- figures.yaml ------------------------------------------------------ */

static void load_chart_data(loader_t *l, const ynode *d, figure_t *f)
{
	static const char *const keys[] = {"type", "unit", "categories", "series", NULL};
	static const char *const series_keys[] = {"name", "values", NULL};
	static const char *const types[] = {"bar", "line", NULL};
	static const char *const type_words[] = {N_("bar chart, bars"), N_("line chart, line graph"), NULL};
	plan_t *p = l->p;
	load_check_keys(d, keys, "the chart data");
	const ynode *n;
	if ((n = load_need(d, "type", "the chart data"))) {
		int t = load_choice(n, types, type_words, "the chart type");
		f->type = t < 0 ? CHART_BAR : (charttype_t)t;
	}
	f->unit = -1;
	if ((n = ytree_get(d, "unit")))
		f->unit = load_resolve(l, n, p->units, sizeof *p->units, p->nunits, "unit", "indicators.yaml (units)",
				  !l->indicators_ok);
	const ynode *cats = load_need(d, "categories", "the chart data");
	if (!cats || !load_expect(cats, Y_SEQ, "the categories"))
		return;
	f->categories = xcalloc((size_t)cats->n, sizeof *f->categories);
	f->ncategories = cats->n;
	for (int i = 0; i < cats->n; i++) {
		/* a fiscal year (in the era, say) is written in every language by the plan's words */
		const ynode *c = cats->items[i];
		int year;
		if (c->type == Y_SCALAR && c->plain && plan_fiscal_year(p, c->str, &year)) {
			f->categories[i].pos = c->pos;
			f->categories[i].s[0] = xstrdup(c->str);
			for (int k = 1; k < p->nlangs; k++) {
				buf_t b = BUF_INIT;
				plan_word_years(&b, p, WORD_FISCAL_YEAR, k, year, 0);
				f->categories[i].s[k] = buf_detach(&b);
			}
		} else {
			load_text(l, c, &f->categories[i], "a category");
		}
	}
	const ynode *ser = load_need(d, "series", "the chart data");
	if (!ser || !load_expect(ser, Y_SEQ, "the series"))
		return;
	f->series = xcalloc((size_t)ser->n, sizeof *f->series);
	f->nseries = ser->n;
	for (int i = 0; i < ser->n; i++) {
		const ynode *s = ser->items[i];
		if (!load_expect(s, Y_MAP, "a series"))
			continue;
		load_check_keys(s, series_keys, "a series");
		if ((n = load_need(s, "name", "a series")))
			load_text(l, n, &f->series[i].name, "the series name");
		const ynode *vals = load_need(s, "values", "a series");
		if (!vals || !load_expect(vals, Y_SEQ, "the values"))
			continue;
		if (vals->n > cats->n && report_split_number(vals, false))
			continue;
		if (vals->n != cats->n) {
			diag_error(vals->pos, "%d values for %d categories", vals->n, cats->n);
			if (vals->n > cats->n) /* a year's value added, its category not */
				diag_hint("give one value per category: add the category of the new value to categories, "
					  "or remove the value");
			else
				diag_hint("give one value per category; leave out a category that has no value yet");
			continue;
		}
		f->series[i].values = xcalloc((size_t)vals->n, sizeof *f->series[i].values);
		for (int k = 0; k < vals->n; k++)
			load_num_of(vals->items[k], &f->series[i].values[k], "a value",
				    f->unit >= 0 ? &p->units[f->unit].word : NULL);
	}
	f->has_data = true;
}

void load_figures(loader_t *l)
{
	static const char *const keys[] = {"figures", NULL};
	static const char *const fig_keys[] = {"id", "kind", "title", "source", "data", "image", NULL};
	static const char *const kinds[] = {"chart", "image", NULL};
	static const char *const kind_words[] = {N_("chart, graph"), N_("image, photo, picture, illustration"), NULL};
	plan_t *p = l->p;
	ynode *root = load_open_yaml(l, l->dir, "figures.yaml", true);
	if (!root)
		return;
	load_check_keys(root, keys, "figures.yaml");
	const ynode *list = load_need(root, "figures", "figures.yaml"), *n;
	if (list && load_expect(list, Y_SEQ, "the figures")) {
		p->figures = xcalloc((size_t)list->n, sizeof *p->figures);
		p->nfigures = list->n;
		for (int i = 0; i < list->n; i++) {
			const ynode *e = list->items[i];
			figure_t *f = &p->figures[i];
			f->pos = e->pos;
			f->unit = -1;
			if (!load_expect(e, Y_MAP, "a figure"))
				continue;
			load_check_keys(e, fig_keys, "a figure");
			if ((n = load_need(e, "id", "a figure")))
				f->id = load_id(n, "the id");
			int k = -1;
			if ((n = load_need(e, "kind", "a figure"))) {
				k = load_choice(n, kinds, kind_words, "the kind");
				f->kind = k < 0 ? FIG_CHART : (figkind_t)k;
			}
			if ((n = load_need(e, "title", "a figure")))
				load_text(l, n, &f->title, "the figure's title");
			if ((n = ytree_get(e, "source")))
				load_text(l, n, &f->source, "the source note");
			if ((n = ytree_get(e, "image")) && load_expect(n, Y_SCALAR, "the image")) {
				f->image = xstrdup(n->str);
				load_check_image(l, &f->image, n->pos);
			}
			const ynode *d = ytree_get(e, "data");
			if (f->kind == FIG_IMAGE) {
				if (d)
					diag_error(d->pos, "an image has no data");
			} else if (!d) {
				if (k >= 0) { /* a misspelt kind is told already: no data asked for */
					diag_error(e->pos, "the chart \"%s\" has no data", f->id ? f->id : "");
					diag_hint("add its numbers under \"data\", or write \"data: missing\" if they are not "
						  "available");
				}
			} else if (d->type == Y_SCALAR && strcmp(d->str, "missing") == 0) {
				diag_gap(d->pos, "the data of the chart \"%s\" is missing: only its title and source are shown",
					 f->id ? f->id : "");
			} else if (load_expect(d, Y_MAP, "the chart data")) {
				load_chart_data(l, d, f);
			}
		}
		UNIQUE(l, p->figures, p->nfigures, "figure");
	}
	l->figures_ok = true;
	ytree_free(root);
}

/* ---- tables.yaml ------------------------------------------------------- */

void load_tables(loader_t *l)
{
	static const char *const keys[] = {"tables", NULL};
	static const char *const table_keys[] = {"id", "role", "caption", "columns", "rows", "note", "source", NULL};
	static const char *const roles[] = {"plain", "members", NULL};
	static const char *const role_words[] = {N_("a plain table"), N_("members, committee members, roster"), NULL};
	static const char *const col_keys[] = {"title", "type", "unit", "header", NULL};
	static const char *const types[] = {"text", "number", NULL};
	static const char *const type_words[] = {N_("text, words"), N_("number, numbers, numeric, figure"), NULL};
	plan_t *p = l->p;
	ynode *root = load_open_yaml(l, l->dir, "tables.yaml", true);
	if (!root)
		return;
	load_check_keys(root, keys, "tables.yaml");
	const ynode *list = load_need(root, "tables", "tables.yaml"), *n;
	if (list && load_expect(list, Y_SEQ, "the tables")) {
		p->tables = xcalloc((size_t)list->n, sizeof *p->tables);
		p->ntables = list->n;
		for (int i = 0; i < list->n; i++) {
			const ynode *e = list->items[i];
			table_t *t = &p->tables[i];
			t->pos = e->pos;
			if (!load_expect(e, Y_MAP, "a table"))
				continue;
			load_check_keys(e, table_keys, "a table");
			if ((n = load_need(e, "id", "a table")))
				t->id = load_id(n, "the id");
			if ((n = ytree_get(e, "role"))) {
				int r = load_choice(n, roles, role_words, "the role");
				t->role = r < 0 ? TABLE_PLAIN : (tablerole_t)r;
				if (t->role == TABLE_MEMBERS && plan_members_table(p) < i) {
					diag_error(n->pos, "a second table with the role \"members\"");
					diag_hint("one table is the roster of members: its page shows it");
				}
			}
			if ((n = load_need(e, "caption", "a table")))
				load_text(l, n, &t->caption, "the caption");
			if ((n = ytree_get(e, "note")))
				load_text(l, n, &t->note, "the note");
			if ((n = ytree_get(e, "source")))
				load_text(l, n, &t->source, "the source");
			const ynode *cols = load_need(e, "columns", "a table");
			if (!cols || !load_expect(cols, Y_SEQ, "the columns"))
				continue;
			t->columns = xcalloc((size_t)cols->n, sizeof *t->columns);
			t->ncolumns = cols->n;
			bool header = false;
			for (int c = 0; c < cols->n; c++) {
				const ynode *ce = cols->items[c];
				t->columns[c].unit = -1;
				if (!load_expect(ce, Y_MAP, "a column"))
					continue;
				load_check_keys(ce, col_keys, "a column");
				if ((n = load_need(ce, "title", "a column")))
					load_text(l, n, &t->columns[c].title, "the column title");
				if ((n = ytree_get(ce, "type")))
					t->columns[c].is_number = load_choice(n, types, type_words, "the column type") == 1;
				if ((n = ytree_get(ce, "header")) && load_bool(n, "header")) {
					if (header) {
						diag_error(n->pos, "a second column with \"header: true\"");
						diag_hint("one column's cells head their rows (a roster's names, say)");
					}
					t->header = c, header = true;
				}
				if ((n = ytree_get(ce, "unit")))
					t->columns[c].unit = load_resolve(l, n, p->units, sizeof *p->units, p->nunits, "unit",
								     "indicators.yaml (units)", !l->indicators_ok);
			}
			const ynode *rows = load_need(e, "rows", "a table");
			if (!rows || !load_expect(rows, Y_SEQ, "the rows"))
				continue;
			t->cells = xcalloc((size_t)rows->n * (size_t)t->ncolumns + 1, sizeof *t->cells);
			t->nrows = rows->n;
			for (int r = 0; r < rows->n; r++) {
				const ynode *row = rows->items[r];
				if (!load_expect(row, Y_SEQ, "a row"))
					continue;
				/* A text may span columns ({ja: …, en: …, span: 4}): the
				 * row has one cell less for each column more. */
				int covered = 0, span;
				bool bad = false;
				for (int c = 0; c < row->n; c++) {
					const ynode *sp = row->items[c]->type == Y_MAP ? ytree_get(row->items[c], "span") : NULL;
					span = 1;
					if (sp && !load_int(sp, 2, t->ncolumns, &span, "the columns a cell spans"))
						bad = true;
					covered += span;
				}
				if (bad)
					continue;
				if (covered > t->ncolumns && report_split_number(row, true))
					continue;
				if (covered != t->ncolumns) {
					if (covered == row->n)
						diag_error(row->pos, "this row has %d cells, the table has %d columns", covered,
							   t->ncolumns);
					else
						diag_error(row->pos, "the cells of this row cover %d columns, the table has %d",
							   covered, t->ncolumns);
					diag_hint("write one cell per column; \"\" for an empty cell; a text across "
						  "columns says so with span: (e.g. {ja: …, en: …, span: 4})");
					continue;
				}
				for (int k = 0, c = 0; k < row->n; k++) {
					const ynode *cell = row->items[k];
					cell_t *out = &t->cells[r * t->ncolumns + c];
					out->span = 1;
					if (cell->type == Y_MAP && (n = ytree_get(cell, "span"))) {
						load_check_text_keys(l, cell, "span", "a cell");
						load_int(n, 2, t->ncolumns, &out->span, "the columns a cell spans");
						load_text_in(l, cell, &out->text, "a cell");
					} else if (cell->type == Y_SCALAR && (cell->len == 0 || (cell->plain && strcmp(cell->str, "~") == 0))) {
						out->empty = true; /* "" or ~: nothing to show */
					} else if (t->columns[c].is_number && cell->type == Y_MAP) {
						diag_error(cell->pos, "a cell of a number column holds a number, not a text");
						diag_hint("write \"\" for a cell without a number, and why in the table's note");
					} else if (t->columns[c].is_number) {
						load_num_of(cell, &out->num, "a cell of a number column",
							    t->columns[c].unit >= 0 ? &p->units[t->columns[c].unit].word : NULL);
					} else {
						load_text(l, cell, &out->text, "a cell");
					}
					c += out->span;
				}
			}
		}
		UNIQUE(l, p->tables, p->ntables, "table");
	}
	l->tables_ok = true;
	ytree_free(root);
}

/* ---- glossary.yaml ----------------------------------------------------- */

void load_glossary(loader_t *l)
{
	static const char *const keys[] = {"terms", NULL};
	plan_t *p = l->p;
	ynode *root = load_open_yaml(l, l->dir, "glossary.yaml", true);
	if (!root)
		return;
	load_check_keys(root, keys, "glossary.yaml");
	const ynode *list = load_need(root, "terms", "glossary.yaml"), *n;
	if (list && load_expect(list, Y_SEQ, "the terms")) {
		p->terms = xcalloc((size_t)list->n, sizeof *p->terms);
		p->nterms = list->n;
		for (int i = 0; i < list->n; i++) {
			const ynode *e = list->items[i];
			term_t *t = &p->terms[i];
			t->pos = e->pos;
			if (!load_expect(e, Y_MAP, "a term"))
				continue;
			load_check_text_keys(l, e, "note", "a term");
			/* The term itself is the entry's own text by language. */
			load_text_in(l, e, &t->term, "the term");
			if ((n = ytree_get(e, "note")))
				load_text(l, n, &t->note, "the note");
		}
	}
	ytree_free(root);
	/* A term listed twice: the check reads the first entry's words only. */
	for (int i = 0; i < p->nterms; i++)
		for (int k = 0; k < i && p->terms[i].term.s[0]; k++)
			if (p->terms[k].term.s[0] && strcmp(p->terms[k].term.s[0], p->terms[i].term.s[0]) == 0) {
				diag_warning(p->terms[i].pos, "the term \"%s\" is listed a second time: this entry is not used",
					     p->terms[i].term.s[0]);
				diag_hint("it is listed first on line %d: keep one entry, with the words meant",
					  p->terms[k].pos.line);
				break;
			}
	/* Longest first: "citizen collaboration" before "collaboration", which it contains. */
	l->term_order = xcalloc((size_t)p->nterms + 1, sizeof *l->term_order);
	for (int i = 0; i < p->nterms; i++) {
		int k = i;
		size_t len = p->terms[i].term.s[0] ? strlen(p->terms[i].term.s[0]) : 0;
		for (; k > 0; k--) {
			const char *prev = p->terms[l->term_order[k - 1]].term.s[0];
			if ((prev ? strlen(prev) : 0) >= len)
				break;
			l->term_order[k] = l->term_order[k - 1];
		}
		l->term_order[k] = i;
	}
}

/* ---- the glossary's words in the translations ----------------------------- */

/* Whether the character at s belongs to a word: a letter or digit, an
 * apostrophe; not a hyphen (work-life is two words, as in "work life"), a
 * typographic quote or dash (U+2000-U+206F). */
static bool word_char_at(const char *s)
{
	unsigned char c = (unsigned char)*s;
	if (c < 0x80)
		return isalnum(c) || c == '\'';
	return !(c == 0xe2 && ((unsigned char)s[1] == 0x80 || (unsigned char)s[1] == 0x81));
}

/* Whether a word goes on before s (the first byte of a character). */
static bool word_before(const char *text, const char *s)
{
	if (s == text)
		return false;
	const char *c = s - 1;
	while (c > text && ((unsigned char)*c & 0xc0) == 0x80)
		c--;
	return word_char_at(c);
}

/* How much of a word its forms share: gas of gases, polic of policy and
 * policies, collaborat of collaboration and collaborative; the whole of a
 * word in another script. */
static size_t stem_len(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)w[i] >= 0x80)
			return n;
	if (n > 4 && strncasecmp(w + n - 3, "ies", 3) == 0)
		n -= 3;
	else if (n > 4 && strncasecmp(w + n - 2, "es", 2) == 0)
		n -= 2;
	else if (n > 3 && (w[n - 1] == 's' || w[n - 1] == 'S'))
		n -= 1;
	else if (n > 4 && (w[n - 1] == 'y' || w[n - 1] == 'Y'))
		n -= 1;
	return n > 7 ? n - 3 : n;
}

/* The length of the word at s, and of what is not a word at s. */
static size_t word_len(const char *s, const char *end)
{
	const char *e = s;
	while (e < end && *e && word_char_at(e))
		e++;
	return (size_t)(e - s);
}

static size_t gap_len(const char *s, const char *end)
{
	const char *e = s;
	while (e < end && *e && !word_char_at(e))
		e++;
	return (size_t)(e - s);
}

/* Whether text writes the words of term in a row, each in any of its forms,
 * case, punctuation and line breaks between them aside; an explanation in
 * ( ) at the term's end aside. */
static bool writes_term(const char *text, const char *term, bool cjk)
{
	const char *paren = strstr(term, " (");
	const char *end = paren ? paren : term + strlen(term), *tend = text + strlen(text);
	if (cjk) {
		char *t = xstrndup(term, (size_t)(end - term));
		bool found = strstr(text, t) != NULL;
		free(t);
		return found;
	}
	const char *first = term + gap_len(term, end);
	char *stem = xstrndup(first, stem_len(first, word_len(first, end)));
	bool found = false;
	for (const char *s = strcasestr(text, stem); s && !found; s = strcasestr(s + 1, stem)) {
		if (word_before(text, s))
			continue;
		const char *t = first, *x = s;
		bool same = t < end;
		while (same && t < end) {
			size_t n = word_len(t, end), k = stem_len(t, n);
			same = strncasecmp(x, t, k) == 0;
			if (!same)
				break;
			x += k;
			x += word_len(x, tend);
			t += n;
			t += gap_len(t, end);
			if (t < end) {
				size_t g = gap_len(x, tend);
				same = g > 0;
				x += g;
			}
		}
		found = same;
	}
	free(stem);
	return found;
}

void load_check_terms(loader_t *l, const char *const text[MAX_LANGS], const pos_t at[MAX_LANGS])
{
	const plan_t *p = l->p;
	if (!l->term_order || !text[0] || !*text[0])
		return;
	/* The terms the default-language text uses, a longer one's words not
	 * again as a shorter term's. */
	size_t len = strlen(text[0]);
	bool *taken = xcalloc(len + 1, sizeof *taken);
	bool *uses = xcalloc((size_t)p->nterms + 1, sizeof *uses);
	for (int o = 0; o < p->nterms; o++) {
		int i = l->term_order[o];
		const char *w = p->terms[i].term.s[0];
		size_t wn = w ? strlen(w) : 0;
		for (const char *hit = wn ? strstr(text[0], w) : NULL; hit; hit = strstr(hit + 1, w)) {
			size_t from = (size_t)(hit - text[0]);
			bool free_span = true;
			for (size_t k = from; k < from + wn && free_span; k++)
				free_span = !taken[k];
			if (!free_span)
				continue;
			memset(taken + from, 1, wn);
			uses[i] = true;
		}
	}
	for (int lang = 1; lang < p->nlangs; lang++) {
		if (!text[lang] || !*text[lang])
			continue;
		buf_t missing = BUF_INIT;
		int count = 0;
		for (int o = 0; o < p->nterms; o++) {
			int i = l->term_order[o];
			const char *want = p->terms[i].term.s[lang];
			if (!uses[i] || !want || !*want || writes_term(text[lang], want, p->langs[lang].cjk))
				continue;
			buf_printf(&missing, "%s%s (%s)", count++ ? ", " : "", p->terms[i].term.s[0], want);
		}
		if (count) {
			diag_warning(at[lang], "the %s text does not write the glossary's words for %s", _(plan_lang_name(p, lang)),
				     missing.ptr);
			diag_hint("glossary.yaml gives each term's %s: write it so, or change the glossary",
				  _(plan_lang_name(p, lang)));
		}
		buf_free(&missing);
	}
	free(taken);
	free(uses);
}
