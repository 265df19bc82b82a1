/* out_data.c — the indicators as open data: downloads/indicators.csv,
 * indicators.json and the item definition indicators-items.csv.
 *
 * The files follow the national rules for machine-readable data (MIC,
 * 2020): one header row, one value per cell, one record per indicator,
 * period and part; numbers without units, separators or ▲, Western fiscal
 * years; the units and the meaning of every column in the item definition.
 * The CSVs are UTF-8 with a BOM (without it Excel reads them as Shift_JIS)
 * and end their lines with CRLF, as RFC 4180 and Excel expect; a field is
 * quoted only when it holds a comma, a quote or a line break.  A text cell
 * that begins with =, +, -, @, a tab or CR gets a leading ' (OWASP's rule
 * against formula injection); number cells never do.  The JSON holds the
 * same records with the same number texts, and the texts as they are: both
 * are written from one list of cells, so they cannot disagree.  Nothing
 * depends on the clock or the locale, so the same content always gives the
 * same bytes. */
#include "backends.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "load.h"
#include "utf8.h"
#include "ytree.h"

/* ---- columns -------------------------------------------------------------- */

/* The columns and their definitions are in Japanese and English, the two
 * languages of the national format, whatever the plan's languages are: the
 * text columns take the plan's ja and en texts (empty when the plan has no
 * such language). */
enum { DOC_JA, DOC_EN, DOC_LANGS };

/* The plan's language for a documentation language, or -1. */
static lang_t plan_lang(const plan_t *p, int doc)
{
	return plan_lang_find(p, doc == DOC_EN ? "en" : "ja");
}

enum {
	C_ID, C_PART, C_PART_JA, C_PART_EN, C_SET, C_PERIOD_START, C_PERIOD_END,
	C_POLICY_NUMBER, C_POLICY_ID, C_POLICY_JA, C_POLICY_EN,
	C_MEASURE_NUMBER, C_MEASURE_ID, C_MEASURE_JA, C_MEASURE_EN,
	C_NAME_JA, C_NAME_EN, C_NAME_NOTE_JA, C_NAME_NOTE_EN, C_UNIT_JA, C_UNIT_EN, C_DIRECTION,
	C_BASELINE_YEAR, C_BASELINE_VALUE, C_BASELINE_STATE,
	C_CURRENT_YEAR, C_CURRENT_VALUE, C_CURRENT_STATE,
	C_TARGET_YEAR, C_TARGET_VALUE, C_TARGET_STATE,
	C_VALUE_NOTE_JA, C_VALUE_NOTE_EN,
	C_STATUS, C_STATUS_JA, C_STATUS_EN, C_RATE,
	C_CHANGE, C_MARK, C_FROM, C_SUCCESSOR, C_REASON_JA, C_REASON_EN,
	C_SECTION_JA, C_SECTION_EN, C_DESCRIPTION_JA, C_DESCRIPTION_EN, C_NOTE_JA, C_NOTE_EN,
	NCOLS,
	/* indicators-values.csv's own, after its id, part and set */
	C_YEAR = NCOLS, C_VALUE, C_ROLE,
	NALLCOLS
};

/* T_CODE: a string from plangen's own fixed list (a code or its label),
 * never text from the content. */
typedef enum { T_STRING, T_CODE, T_INTEGER, T_NUMBER } coltype_t;

/* The key and type of each column; their names, units and meanings, in
 * Japanese and English, are the theme's (opendata.yaml, data_defs). */
typedef struct {
	const char *key;
	coltype_t type;
} column_def_t;

static const column_def_t columns[NALLCOLS] = {
	[C_ID] = {"id", T_STRING},
	[C_PART] = {"part", T_INTEGER},
	[C_PART_JA] = {"part_ja", T_STRING},
	[C_PART_EN] = {"part_en", T_STRING},
	[C_SET] = {"set", T_STRING},
	[C_PERIOD_START] = {"period_start", T_INTEGER},
	[C_PERIOD_END] = {"period_end", T_INTEGER},
	[C_POLICY_NUMBER] = {"policy_number", T_INTEGER},
	[C_POLICY_ID] = {"policy_id", T_STRING},
	[C_POLICY_JA] = {"policy_ja", T_STRING},
	[C_POLICY_EN] = {"policy_en", T_STRING},
	[C_MEASURE_NUMBER] = {"measure_number", T_INTEGER},
	[C_MEASURE_ID] = {"measure_id", T_STRING},
	[C_MEASURE_JA] = {"measure_ja", T_STRING},
	[C_MEASURE_EN] = {"measure_en", T_STRING},
	[C_NAME_JA] = {"name_ja", T_STRING},
	[C_NAME_EN] = {"name_en", T_STRING},
	[C_NAME_NOTE_JA] = {"name_note_ja", T_STRING},
	[C_NAME_NOTE_EN] = {"name_note_en", T_STRING},
	[C_UNIT_JA] = {"unit_ja", T_STRING},
	[C_UNIT_EN] = {"unit_en", T_STRING},
	[C_DIRECTION] = {"direction", T_CODE},
	[C_BASELINE_YEAR] = {"baseline_year", T_INTEGER},
	[C_BASELINE_VALUE] = {"baseline_value", T_NUMBER},
	[C_BASELINE_STATE] = {"baseline_state", T_CODE},
	[C_CURRENT_YEAR] = {"current_year", T_INTEGER},
	[C_CURRENT_VALUE] = {"current_value", T_NUMBER},
	[C_CURRENT_STATE] = {"current_state", T_CODE},
	[C_TARGET_YEAR] = {"target_year", T_INTEGER},
	[C_TARGET_VALUE] = {"target_value", T_NUMBER},
	[C_TARGET_STATE] = {"target_state", T_CODE},
	[C_VALUE_NOTE_JA] = {"value_note_ja", T_STRING},
	[C_VALUE_NOTE_EN] = {"value_note_en", T_STRING},
	[C_STATUS] = {"status", T_CODE},
	[C_STATUS_JA] = {"status_ja", T_CODE},
	[C_STATUS_EN] = {"status_en", T_CODE},
	[C_RATE] = {"achievement_rate", T_NUMBER},
	[C_CHANGE] = {"change", T_CODE},
	[C_MARK] = {"mark", T_CODE},
	[C_FROM] = {"from", T_STRING},
	[C_SUCCESSOR] = {"successor", T_STRING},
	[C_REASON_JA] = {"reason_ja", T_STRING},
	[C_REASON_EN] = {"reason_en", T_STRING},
	[C_SECTION_JA] = {"section_ja", T_STRING},
	[C_SECTION_EN] = {"section_en", T_STRING},
	[C_DESCRIPTION_JA] = {"description_ja", T_STRING},
	[C_DESCRIPTION_EN] = {"description_en", T_STRING},
	[C_NOTE_JA] = {"note_ja", T_STRING},
	[C_NOTE_EN] = {"note_en", T_STRING},
	[C_YEAR] = {"year", T_INTEGER},
	[C_VALUE] = {"value", T_NUMBER},
	[C_ROLE] = {"role", T_CODE},
};

/* The columns of indicators-values.csv, the long form. */
static const int value_columns[] = {C_ID, C_PART, C_SET, C_YEAR, C_VALUE, C_ROLE};

/* The columns of a plan: the ones above, and after each pair of columns of
 * the content's texts (name_ja, name_en …) one more for each other
 * language of the plan (name_ko …). */
typedef struct {
	int base;    /* a C_… column: for another language, the pair's _en one */
	lang_t lang; /* the other language, or -1 */
} col_t;

#define MAX_COLS (NCOLS + 10 * MAX_LANGS)

static bool text_pair(int base)
{
	static const int pairs[] = {C_PART_EN, C_POLICY_EN, C_MEASURE_EN, C_NAME_EN, C_NAME_NOTE_EN,
				    C_UNIT_EN, C_REASON_EN, C_SECTION_EN, C_DESCRIPTION_EN, C_NOTE_EN};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		if (pairs[i] == base)
			return true;
	return false;
}

static int plan_columns(const plan_t *p, col_t cols[MAX_COLS])
{
	int n = 0;
	for (int c = 0; c < NCOLS; c++) {
		cols[n++] = (col_t){c, -1};
		if (!text_pair(c))
			continue;
		for (lang_t l = 0; l < p->nlangs; l++)
			if (l != plan_lang(p, DOC_JA) && l != plan_lang(p, DOC_EN))
				cols[n++] = (col_t){c, l};
	}
	return n;
}

/* The key of a column: "name_ko" for another language's. */
static void col_key(buf_t *b, const plan_t *p, col_t c)
{
	if (c.lang < 0) {
		buf_puts(b, columns[c.base].key);
		return;
	}
	const char *key = columns[c.base].key;
	buf_printf(b, "%.*s_%s", (int)(strlen(key) - 3), key, p->langs[c.lang].code);
}

/* The codes of the data; their words are the theme's. */
static const char *const direction_codes[] = {"up", "down", "monitor"};
static const char *const change_codes[] = {"", "kept", "target_revised", "replaced", "moved", "added", "dropped"};
static const char *const mark_codes[] = {"", "added", "revised", "replaced"};
static const char *const state_codes[] = {"missing", "number", "monitoring", "pending"};

/* ---- the definitions (themes/…/opendata.yaml) ------------------------------ */

enum { F_LABEL, F_UNIT, F_MEANING, NFIELDS };
enum {
	X_SEPARATOR, X_SET_ITEM, X_STATUS_ITEM, X_MARK_ITEM, X_FORMULA, X_OTHER_LABEL, X_OTHER_MEANING,
	X_VALUE_NOTE, X_VALUE_NOTE_SEPARATOR, X_BASELINE, X_CURRENT, X_TARGET, X_NO_DATA, X_MONITORING, NTEXTS
};
static const char *const text_keys[NTEXTS + 1] = {
	"separator", "set_item", "status_item", "mark_item", "formula", "other_label", "other_meaning",
	"value_note", "value_note_separator", "baseline", "current", "target", "no_data", "monitoring", NULL};
static const char *const type_keys[] = {"string", "integer", "number", NULL};

struct data_defs {
	char *col[NALLCOLS][NFIELDS][DOC_LANGS];
	char *type[3][DOC_LANGS];
	char *text[NTEXTS][DOC_LANGS];
};

/* {ja: …, en: …} into two strings; false (reported) if it is not one. */
static bool load_pair(const ynode *n, char *out[DOC_LANGS], const char *what)
{
	static const char *const langs[] = {"ja", "en", NULL};
	const ynode *v[DOC_LANGS] = {NULL, NULL};
	if (n->type == Y_MAP) {
		load_check_keys(n, langs, what);
		v[DOC_JA] = ytree_get(n, "ja"), v[DOC_EN] = ytree_get(n, "en");
	}
	if (!v[DOC_JA] || !v[DOC_EN] || v[DOC_JA]->type != Y_SCALAR || v[DOC_EN]->type != Y_SCALAR) {
		diag_error(n->pos, "%s is written {ja: …, en: …}", _(what));
		return false;
	}
	for (int d = 0; d < DOC_LANGS; d++)
		out[d] = xstrdup(v[d]->str);
	return true;
}

/* Every key of `keys` from map into out[k], reported when one is missing. */
static void load_pairs(const ynode *map, const char *const *keys, char *(*out)[DOC_LANGS], const char *what)
{
	load_check_keys(map, keys, what);
	for (int k = 0; keys[k]; k++) {
		const ynode *n = ytree_get(map, keys[k]);
		if (n)
			load_pair(n, out[k], keys[k]);
		else
			diag_error(map->pos, "%s has no \"%s\"", _(what), keys[k]);
	}
}

static void load_columns(data_defs *d, const ynode *cs)
{
	static const char *const fields[] = {"label", "unit", "meaning", NULL};
	const char *keys[NALLCOLS + 1];
	for (int c = 0; c < NALLCOLS; c++)
		keys[c] = columns[c].key;
	keys[NALLCOLS] = NULL;
	load_check_keys(cs, keys, "the columns of opendata.yaml");
	for (int c = 0; c < NALLCOLS; c++) {
		const ynode *col = ytree_get(cs, keys[c]), *n;
		if (!col || col->type != Y_MAP) {
			diag_error(cs->pos, "opendata.yaml has no column \"%s\"", keys[c]);
			continue;
		}
		load_check_keys(col, fields, "a column");
		for (int f = 0; f < NFIELDS; f++)
			if ((n = ytree_get(col, fields[f])))
				load_pair(n, d->col[c][f], fields[f]);
			else if (f != F_UNIT)
				diag_error(col->pos, "the column \"%s\" has no %s", keys[c], fields[f]);
	}
}

/* Every string of the definitions, "" where an error left a gap (so that
 * a build can go on to report more). */
static void fill_gaps(char **s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!s[i])
			s[i] = xstrdup("");
}

data_defs *data_defs_load(const char *theme)
{
	size_t len;
	char *text = files_theme(theme, "opendata.yaml", &len);
	if (!text)
		return NULL;
	buf_t path = BUF_INIT;
	buf_printf(&path, "%s/opendata.yaml", theme);
	int file = diag_file_add(path.ptr, text, len);
	buf_free(&path);
	ynode *root = ytree_parse(file, text, len);
	free(text);
	data_defs *d = xcalloc(1, sizeof *d);
	static const char *const top[] = {"columns", "types", "texts", NULL};
	if (root) {
		const ynode *n;
		load_check_keys(root, top, "opendata.yaml");
		if ((n = ytree_get(root, "columns")) && n->type == Y_MAP)
			load_columns(d, n);
		if ((n = ytree_get(root, "types")) && n->type == Y_MAP)
			load_pairs(n, type_keys, d->type, "the types of opendata.yaml");
		if ((n = ytree_get(root, "texts")) && n->type == Y_MAP)
			load_pairs(n, text_keys, d->text, "the texts of opendata.yaml");
		ytree_free(root);
	}
	fill_gaps(&d->col[0][0][0], sizeof d->col / sizeof(char *));
	fill_gaps(&d->type[0][0], sizeof d->type / sizeof(char *));
	fill_gaps(&d->text[0][0], sizeof d->text / sizeof(char *));
	return d;
}

void data_defs_free(data_defs *d)
{
	if (!d)
		return;
	char **all[] = {&d->col[0][0][0], &d->type[0][0], &d->text[0][0]};
	size_t counts[] = {sizeof d->col / sizeof(char *), sizeof d->type / sizeof(char *),
			   sizeof d->text / sizeof(char *)};
	for (int a = 0; a < 3; a++)
		for (size_t i = 0; i < counts[a]; i++)
			free(all[a][i]);
	free(d);
}

static const char *type_name(const data_defs *d, coltype_t t, int doc)
{
	return d->type[t == T_INTEGER ? 1 : t == T_NUMBER ? 2 : 0][doc];
}

/* A text of the definitions with its placeholders filled. */
static void fill(buf_t *out, const data_defs *d, int x, int doc, const char *const *vars)
{
	text_fill(out, d->text[x][doc], vars);
}

/* A column's label or meaning in the plan's own words: {policy}, {measure}
 * and {overall} are its words in the documentation language, and vars (or
 * NULL) fill the rest. */
static void def_text(buf_t *out, const plan_t *p, const char *pattern, int doc, const char *const *vars)
{
	lang_t lang = plan_lang(p, doc) < 0 ? 0 : plan_lang(p, doc);
	const char *all[16] = {"policy", plan_word(p, WORD_POLICY, lang), "measure", plan_word(p, WORD_MEASURE, lang),
			       "overall", plan_word(p, WORD_OVERALL, lang)};
	for (int i = 0; vars && vars[i] && i < 8; i++)
		all[6 + i] = vars[i];
	text_fill(out, pattern, all);
}

int data_nitems(const plan_t *p)
{
	col_t cols[MAX_COLS];
	return plan_columns(p, cols);
}

/* The definition of a column, in the documentation's language. */
static data_item_t item_of(const plan_t *p, const data_defs *d, col_t col, int doc)
{
	const int c = col.base;
	data_item_t it = {NULL, NULL, type_name(d, columns[c].type, doc), d->col[c][F_UNIT][doc], NULL};
	buf_t key = BUF_INIT, label = BUF_INIT, m = BUF_INIT, list = BUF_INIT;
	col_key(&key, p, col);
	if (col.lang >= 0) {
		/* Another language's column: the pair's words, and its name —
		 * the Japanese word of the _ja column, "Indicator name" of the _en one. */
		buf_t word = BUF_INIT, name = BUF_INIT;
		def_text(&word, p, d->col[doc == DOC_JA ? c - 1 : c][F_LABEL][doc], doc, NULL);
		if (doc == DOC_JA && plan_lang(p, DOC_JA) >= 0)
			plan_lang_label(&name, p, col.lang, plan_lang(p, DOC_JA));
		else
			buf_puts(&name, plan_lang_name(p, col.lang));
		const char *vars[] = {"label", word.ptr, "language", name.ptr, NULL};
		fill(&label, d, X_OTHER_LABEL, doc, vars);
		fill(&m, d, X_OTHER_MEANING, doc, vars);
		buf_free(&word);
		buf_free(&name);
	} else {
		def_text(&label, p, d->col[c][F_LABEL][doc], doc, NULL);
		/* Codes whose words live in the model or the content are listed
		 * from there, so that the definition cannot drift from the data. */
		lang_t lang = plan_lang(p, doc) < 0 ? 0 : plan_lang(p, doc);
		char a[16], b[16];
		for (int s = 0; c == C_SET && s < p->nsets; s++) {
			int from, to;
			plan_set_period(p, s, &from, &to);
			snprintf(a, sizeof a, "%d", from);
			snprintf(b, sizeof b, "%d", to);
			const char *vars[] = {"id", p->sets[s].id, "from", a, "to", b, NULL};
			if (s)
				buf_puts(&list, d->text[X_SEPARATOR][doc]);
			fill(&list, d, X_SET_ITEM, doc, vars);
		}
		for (int s = 0; c == C_STATUS && s < STATUS_COUNT; s++) {
			const char *vars[] = {"code", plan_status_code((status_t)s), "label",
					      plan_status_label(p, (status_t)s, lang), NULL};
			if (s)
				buf_puts(&list, d->text[X_SEPARATOR][doc]);
			fill(&list, d, X_STATUS_ITEM, doc, vars);
		}
		for (int k = MARK_ADDED; c == C_MARK && k <= MARK_REPLACED; k++) {
			const char *vars[] = {"code", mark_codes[k], "label", plan_mark_label(p, (mark_t)k, lang), NULL};
			if (k > MARK_ADDED)
				buf_puts(&list, d->text[X_SEPARATOR][doc]);
			fill(&list, d, X_MARK_ITEM, doc, vars);
		}
		const char *vars[] = {"sets", list.ptr, "codes", list.ptr, NULL};
		def_text(&m, p, d->col[c][F_MEANING][doc], doc, vars);
	}
	if (columns[c].type == T_STRING)
		buf_puts(&m, d->text[X_FORMULA][doc]);
	buf_free(&list);
	it.key = buf_detach(&key);
	it.label = buf_detach(&label);
	it.description = buf_detach(&m);
	return it;
}

data_item_t data_item(const plan_t *p, const data_defs *d, int i, int doc)
{
	col_t cols[MAX_COLS];
	plan_columns(p, cols);
	return item_of(p, d, cols[i], doc);
}

void data_item_free(data_item_t *it)
{
	free(it->key);
	free(it->label);
	free(it->description);
}

/* ---- escaping ------------------------------------------------------------- */

void data_put_csv_field(buf_t *b, const char *s, bool text)
{
	/* A spreadsheet runs a cell that begins with one of these as a formula
	 * (=HYPERLINK, DDE): a leading ' makes it text (OWASP's rule).  Never a
	 * number: "-3.5" must stay a number. */
	bool neutral = text && *s && strchr("=+-@\t\r", *s);
	if (!s[strcspn(s, ",\"\r\n")]) {
		if (neutral)
			buf_putc(b, '\'');
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (neutral)
		buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

void data_put_json_string(buf_t *b, const char *s)
{
	size_t len = strlen(s);
	buf_putc(b, '"');
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
				: c == '\t' ? "\\t" : c == '\b' ? "\\b" : c == '\f' ? "\\f" : NULL;
		if (esc) {
			buf_puts(b, esc);
			i++;
		} else if (c < 0x20 || c == 0x7F) {
			buf_printf(b, "\\u%04x", c);
			i++;
		} else if (c < 0x80) {
			buf_putc(b, c);
			i++;
		} else {
			uint32_t cp;
			int n = utf8_decode(s + i, len - i, &cp);
			if (n == 0) {
				buf_puts(b, "\\ufffd"); /* the loader rejects these; never emit invalid JSON */
				i++;
			} else if (cp == 0x2028 || cp == 0x2029) {
				/* Valid JSON, but not valid JavaScript before ES2019. */
				buf_printf(b, "\\u%04x", (unsigned)cp);
				i += (size_t)n;
			} else {
				buf_put(b, s + i, (size_t)n);
				i += (size_t)n;
			}
		}
	}
	buf_putc(b, '"');
}

/* ---- records -------------------------------------------------------------- */


/* A number as plain digits with its decimals: no separator, no unit, and
 * never "-0.0". */
static void put_number(buf_t *b, double v, int decimals)
{
	char digits[64];
	snprintf(digits, sizeof digits, "%.*f", decimals, v);
	const char *s = digits;
	if (*s == '-' && strspn(s + 1, "0.") == strlen(s + 1))
		s++;
	buf_puts(b, s);
}

/* A text in one of the plan's languages, as written (no fallback). */
static void put_text(buf_t *b, const text_t *t, lang_t lang)
{
	const char *s = lang >= 0 ? t->s[lang] : NULL;
	if (s)
		text_strip_marks(b, s);
}

/* The cell of another language's column. */
static void extra_cell(const plan_t *p, int i, int k, col_t c, buf_t *cell)
{
	const indicator_t *ind = &p->indicators[i];
	const measure_t *m = ind->measure >= 0 ? &p->measures[ind->measure] : NULL;
	const policy_t *pol = m && m->policy >= 0 ? &p->policies[m->policy] : NULL;
	const text_t *t = NULL;
	switch (c.base) {
	case C_PART_EN: t = ind->nparts > 1 ? &ind->parts[k] : NULL; break;
	case C_POLICY_EN: t = pol ? &pol->title : NULL; break;
	case C_MEASURE_EN: t = m ? &m->title : &p->words[WORD_OVERALL]; break;
	case C_NAME_EN: t = &ind->name; break;
	case C_NAME_NOTE_EN: t = &ind->name_note; break;
	case C_UNIT_EN: t = ind->unit >= 0 ? &p->units[ind->unit].word : NULL; break;
	case C_REASON_EN: t = &ind->reason; break;
	case C_DESCRIPTION_EN: t = &ind->description; break;
	case C_NOTE_EN: t = &ind->note; break;
	case C_SECTION_EN:
		for (int s = 0; s < ind->nsections; s++) {
			if (s)
				buf_puts(cell, plan_word(p, WORD_LIST_SEPARATOR, c.lang));
			put_text(cell, &p->sections[ind->sections[s]].name, c.lang);
		}
		return;
	}
	if (t)
		put_text(cell, t, c.lang);
}

static void fill_record(const plan_t *p, const data_defs *d, int i, int k, buf_t *cell)
{
	const lang_t JA = plan_lang(p, DOC_JA), EN = plan_lang(p, DOC_EN);
	const indicator_t *ind = &p->indicators[i];
	const measure_t *m = ind->measure >= 0 ? &p->measures[ind->measure] : NULL;
	const policy_t *pol = m && m->policy >= 0 ? &p->policies[m->policy] : NULL;
	buf_puts(&cell[C_ID], ind->id);
	buf_printf(&cell[C_PART], "%d", k + 1);
	if (ind->nparts > 1) {
		put_text(&cell[C_PART_JA], &ind->parts[k], JA);
		put_text(&cell[C_PART_EN], &ind->parts[k], EN);
	}
	int from, to;
	plan_set_period(p, ind->set, &from, &to);
	buf_puts(&cell[C_SET], p->sets[ind->set].id);
	buf_printf(&cell[C_PERIOD_START], "%d", from);
	buf_printf(&cell[C_PERIOD_END], "%d", to);
	if (pol) {
		buf_printf(&cell[C_POLICY_NUMBER], "%d", pol->number);
		buf_puts(&cell[C_POLICY_ID], pol->id);
		put_text(&cell[C_POLICY_JA], &pol->title, JA);
		put_text(&cell[C_POLICY_EN], &pol->title, EN);
	}
	if (m) {
		buf_printf(&cell[C_MEASURE_NUMBER], "%d", m->number);
		buf_puts(&cell[C_MEASURE_ID], m->id);
		put_text(&cell[C_MEASURE_JA], &m->title, JA);
		put_text(&cell[C_MEASURE_EN], &m->title, EN);
	} else {
		buf_puts(&cell[C_MEASURE_ID], "overall");
		put_text(&cell[C_MEASURE_JA], &p->words[WORD_OVERALL], JA);
		put_text(&cell[C_MEASURE_EN], &p->words[WORD_OVERALL], EN);
	}
	put_text(&cell[C_NAME_JA], &ind->name, JA);
	put_text(&cell[C_NAME_EN], &ind->name, EN);
	put_text(&cell[C_NAME_NOTE_JA], &ind->name_note, JA);
	put_text(&cell[C_NAME_NOTE_EN], &ind->name_note, EN);
	if (ind->unit >= 0) {
		put_text(&cell[C_UNIT_JA], &p->units[ind->unit].word, JA);
		put_text(&cell[C_UNIT_EN], &p->units[ind->unit].word, EN);
	}
	buf_puts(&cell[C_DIRECTION], direction_codes[ind->direction]);

	for (int y = 0; y < YEAR_COUNT; y++) {
		const value_t *v = &ind->value[y];
		int col = C_BASELINE_YEAR + 3 * y; /* year, value, state */
		buf_printf(&cell[col], "%d", v->year);
		if (v->kind == VAL_NUMBER)
			put_number(&cell[col + 1], v->num[k].v, v->num[k].decimals);
		buf_puts(&cell[col + 2], state_codes[v->kind]);
		if (v->kind == VAL_NUMBER)
			continue;
		/* The empty cell says why, in words, in both languages. */
		for (int l = 0; l < DOC_LANGS; l++) {
			buf_t *note = &cell[C_VALUE_NOTE_JA + l], why = BUF_INIT;
			if (note->len)
				buf_puts(note, d->text[X_VALUE_NOTE_SEPARATOR][l]);
			if (v->kind == VAL_PENDING)
				put_text(&why, &v->pending, l == DOC_JA ? JA : EN);
			else
				buf_puts(&why, d->text[v->kind == VAL_MONITORING ? X_MONITORING : X_NO_DATA][l]);
			const char *vars[] = {"slot", d->text[X_BASELINE + y][l], "why", why.ptr, NULL};
			fill(note, d, X_VALUE_NOTE, l, vars);
			buf_free(&why);
		}
	}

	progress_t pr = plan_progress(ind);
	buf_puts(&cell[C_STATUS], plan_status_code(pr.status));
	if (JA >= 0)
		buf_puts(&cell[C_STATUS_JA], plan_status_label(p, pr.status, JA));
	if (EN >= 0)
		buf_puts(&cell[C_STATUS_EN], plan_status_label(p, pr.status, EN));
	/* A target equal to the baseline leaves no rate to give. */
	if (pr.status <= STATUS_WORSE && isfinite(pr.rate))
		put_number(&cell[C_RATE], pr.rate * 100, 1);

	/* An earlier indicator carries no change of its own when it is continued:
	 * what became of it is its successor's change. */
	change_t change = ind->change;
	if (change == CHANGE_NONE && ind->successor >= 0)
		change = p->indicators[ind->successor].change;
	buf_puts(&cell[C_CHANGE], change_codes[change]);
	buf_puts(&cell[C_MARK], mark_codes[ind->mark]);
	if (ind->from >= 0)
		buf_puts(&cell[C_FROM], p->indicators[ind->from].id);
	if (ind->successor >= 0)
		buf_puts(&cell[C_SUCCESSOR], p->indicators[ind->successor].id);
	put_text(&cell[C_REASON_JA], &ind->reason, JA);
	put_text(&cell[C_REASON_EN], &ind->reason, EN);
	for (int s = 0; s < ind->nsections; s++) {
		const text_t *name = &p->sections[ind->sections[s]].name;
		if (s) {
			buf_puts(&cell[C_SECTION_JA], d->text[X_SEPARATOR][DOC_JA]);
			buf_puts(&cell[C_SECTION_EN], d->text[X_SEPARATOR][DOC_EN]);
		}
		put_text(&cell[C_SECTION_JA], name, JA);
		put_text(&cell[C_SECTION_EN], name, EN);
	}
	put_text(&cell[C_DESCRIPTION_JA], &ind->description, JA);
	put_text(&cell[C_DESCRIPTION_EN], &ind->description, EN);
	put_text(&cell[C_NOTE_JA], &ind->note, JA);
	put_text(&cell[C_NOTE_EN], &ind->note, EN);
}

static const char bom[] = "\xEF\xBB\xBF";

static bool is_text(coltype_t type)
{
	return type == T_STRING || type == T_CODE;
}

static void csv_row_end(buf_t *b)
{
	buf_puts(b, "\r\n");
}

static void json_pair(buf_t *b, const char *key, const char *value, coltype_t type, bool last)
{
	buf_puts(b, "      ");
	data_put_json_string(b, key);
	buf_puts(b, ": ");
	if (is_text(type))
		data_put_json_string(b, value);
	else
		buf_puts(b, *value ? value : "null"); /* already plain digits */
	buf_puts(b, last ? "\n" : ",\n");
}

static void json_text(buf_t *b, const plan_t *p, const char *key, const text_t *t, bool last)
{
	buf_puts(b, "  ");
	data_put_json_string(b, key);
	buf_t ja = BUF_INIT, en = BUF_INIT;
	put_text(&ja, t, plan_lang(p, DOC_JA));
	put_text(&en, t, plan_lang(p, DOC_EN));
	buf_puts(b, ": {\"ja\": ");
	data_put_json_string(b, ja.ptr);
	buf_puts(b, ", \"en\": ");
	data_put_json_string(b, en.ptr);
	buf_puts(b, last ? "}\n" : "},\n");
	buf_free(&ja);
	buf_free(&en);
}

/* An item definition: a row per column, in Japanese and English. */
static bool write_items(const plan_t *p, const data_defs *d, const col_t *cols, int ncols, const char *name,
			outdir_t *out)
{
	static const char *const head[] = {"no", "column", "label_ja", "label_en", "type_ja", "type_en",
					   "unit_ja", "unit_en", "description_ja", "description_en"};
	buf_t b = BUF_INIT;
	buf_puts(&b, bom);
	for (size_t h = 0; h < sizeof head / sizeof *head; h++) {
		if (h)
			buf_putc(&b, ',');
		buf_puts(&b, head[h]);
	}
	csv_row_end(&b);
	for (int i = 0; i < ncols; i++) {
		data_item_t it[DOC_LANGS] = {item_of(p, d, cols[i], DOC_JA), item_of(p, d, cols[i], DOC_EN)};
		buf_printf(&b, "%d,", i + 1);
		data_put_csv_field(&b, it[0].key, true);
		const char *cells[] = {it[0].label, it[1].label, it[0].type, it[1].type,
				       it[0].unit, it[1].unit, it[0].description, it[1].description};
		for (size_t c = 0; c < sizeof cells / sizeof *cells; c++) {
			buf_putc(&b, ',');
			data_put_csv_field(&b, cells[c], true);
		}
		csv_row_end(&b);
		data_item_free(&it[0]);
		data_item_free(&it[1]);
	}
	bool ok = out_write(out, name, b.ptr, b.len);
	buf_free(&b);
	return ok;
}

void data_records(const plan_t *p, const data_defs *d, buf_t *csv, buf_t *json)
{
	col_t cols[MAX_COLS];
	int ncols = plan_columns(p, cols);
	buf_t key[MAX_COLS];
	buf_puts(csv, bom);
	for (int c = 0; c < ncols; c++) {
		buf_init(&key[c]);
		col_key(&key[c], p, cols[c]);
		if (c)
			buf_putc(csv, ',');
		buf_puts(csv, key[c].ptr);
	}
	csv_row_end(csv);

	buf_puts(json, "{\n");
	json_text(json, p, "plan", &p->title, false);
	json_text(json, p, "publisher", &p->publisher, false);
	if (p->lg_code) {
		buf_puts(json, "  \"local_government_code\": ");
		data_put_json_string(json, p->lg_code);
		buf_puts(json, ",\n");
	}
	if (text_has(&p->licence)) {
		json_text(json, p, "licence", &p->licence, false);
		if (p->licence_url) {
			buf_puts(json, "  \"licence_url\": ");
			data_put_json_string(json, p->licence_url);
			buf_puts(json, ",\n");
		}
	}
	buf_puts(json, "  \"item_definition\": \"indicators-items.csv\",\n  \"records\": [");

	buf_t cell[NCOLS], extra = BUF_INIT;
	for (int c = 0; c < NCOLS; c++)
		buf_init(&cell[c]);
	bool first = true;
	for (int i = 0; i < p->nindicators; i++) {
		for (int k = 0; k < p->indicators[i].nparts; k++) {
			for (int c = 0; c < NCOLS; c++)
				buf_free(&cell[c]);
			fill_record(p, d, i, k, cell);
			buf_puts(json, first ? "\n    {\n" : ",\n    {\n");
			first = false;
			for (int c = 0; c < ncols; c++) {
				const column_def_t *def = &columns[cols[c].base];
				const char *value = cell[cols[c].base].ptr;
				if (cols[c].lang >= 0) {
					buf_free(&extra);
					extra_cell(p, i, k, cols[c], &extra);
					value = extra.ptr;
				}
				if (c)
					buf_putc(csv, ',');
				/* Only the CSV neutralises formulas: the JSON keeps the text. */
				data_put_csv_field(csv, value, is_text(def->type));
				json_pair(json, key[c].ptr, value, def->type, c == ncols - 1);
			}
			csv_row_end(csv);
			buf_puts(json, "    }");
		}
	}
	buf_puts(json, "\n  ]\n}\n");
	for (int c = 0; c < NCOLS; c++)
		buf_free(&cell[c]);
	for (int c = 0; c < ncols; c++)
		buf_free(&key[c]);
	buf_free(&extra);
}

static void value_row(buf_t *csv, const plan_t *p, const indicator_t *ind, int k, const value_t *v, int role)
{
	static const char *const roles[YEAR_COUNT] = {"baseline", "current", "target"};
	if (v->kind != VAL_NUMBER)
		return;
	data_put_csv_field(csv, ind->id, true);
	buf_printf(csv, ",%d,", k + 1);
	data_put_csv_field(csv, p->sets[ind->set].id, true);
	buf_printf(csv, ",%d,", v->year);
	put_number(csv, v->num[k].v, v->num[k].decimals);
	buf_printf(csv, ",%s", role >= 0 ? roles[role] : "");
	csv_row_end(csv);
}

/* downloads/indicators-values.csv, the long form: a row per indicator,
 * part and year with a number (each year of `values:`, else the baseline
 * and the current value), and the target's: id, part, set, year, value
 * and role (baseline, current, target, or empty for another year). */
static bool write_values(const plan_t *p, outdir_t *out)
{
	buf_t csv = BUF_INIT;
	buf_puts(&csv, bom);
	for (size_t c = 0; c < sizeof value_columns / sizeof *value_columns; c++)
		buf_printf(&csv, "%s%s", c ? "," : "", columns[value_columns[c]].key);
	csv_row_end(&csv);
	for (int i = 0; i < p->nindicators; i++) {
		const indicator_t *ind = &p->indicators[i];
		for (int k = 0; k < ind->nparts; k++) {
			for (int s = 0; s < ind->nseries; s++)
				value_row(&csv, p, ind, k, &ind->series[s], plan_series_slot(ind, s));
			for (int y = ind->nseries ? YEAR_TARGET : 0; y < YEAR_COUNT; y++)
				value_row(&csv, p, ind, k, &ind->value[y], y);
		}
	}
	bool ok = out_write(out, plan_data_files[DL_VALUES], csv.ptr, csv.len);
	buf_free(&csv);
	return ok;
}

bool out_data(const plan_t *p, const data_defs *d, outdir_t *out)
{
	buf_t csv = BUF_INIT, json = BUF_INIT;
	data_records(p, d, &csv, &json);
	col_t cols[MAX_COLS], vcols[sizeof value_columns / sizeof *value_columns];
	int ncols = plan_columns(p, cols);
	for (size_t i = 0; i < sizeof vcols / sizeof *vcols; i++)
		vcols[i] = (col_t){value_columns[i], -1};
	bool ok = out_write(out, plan_data_files[DL_CSV], csv.ptr, csv.len) &&
		  out_write(out, plan_data_files[DL_JSON], json.ptr, json.len) &&
		  write_items(p, d, cols, ncols, plan_data_files[DL_ITEMS], out) && write_values(p, out) &&
		  write_items(p, d, vcols, (int)(sizeof vcols / sizeof *vcols), plan_data_files[DL_VALUES_ITEMS], out);
	buf_free(&csv);
	buf_free(&json);
	return ok;
}
