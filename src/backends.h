/* backends.h — everything `build` writes, from one loaded plan.
 *
 * Each back-end writes its files into the new output folder and returns
 * false after reporting a problem through diag. */
#ifndef PLANGEN_BACKENDS_H
#define PLANGEN_BACKENDS_H

#include "fonts.h"
#include "model.h"
#include "pdf_theme.h"
#include "output.h"

typedef struct data_defs data_defs;

/* Writes every output of the plan; press: the booklets' press editions too. */
bool backends_write(const plan_t *p, const char *theme, bool press, outdir_t *out);

/* out_data.c: the indicators as open data, downloads/indicators.csv,
 * indicators.json and their item definition indicators-items.csv (one
 * record per indicator, set and part; see the file's comment for the
 * format).  Call it before a back-end that lists the downloads. */
bool out_data(const plan_t *p, const data_defs *d, outdir_t *out);
/* The records of indicators.csv and indicators.json, appended to csv and json. */
void data_records(const plan_t *p, const data_defs *d, buf_t *csv, buf_t *json);

/* The names, types, units and meanings of the columns, in Japanese and
 * English, from the theme's opendata.yaml; NULL (reported) when the file
 * cannot be read, and reported problems with its contents. */
data_defs *data_defs_load(const char *theme);
void data_defs_free(data_defs *d);

/* The item definition of indicators.csv, column by column, for
 * the downloads page to show what indicators-items.csv says.  `type` and
 * `unit` belong to the definitions; the rest to the item, released with
 * data_item_free(). */
typedef struct {
	char *key;         /* the column's header: "baseline_value" */
	char *label;       /* its name: "Baseline value" */
	const char *type;  /* "string", "integer", "number", in the document's language */
	const char *unit;  /* "" when the column has none */
	char *description; /* what it means and its codes */
} data_item_t;

/* The columns of the plan's open data: the fixed ones, and one per other
 * language after each pair of the content's texts (name_ko …). */
int data_nitems(const plan_t *p);
/* The definition in Japanese (doc 0) or English (doc 1), the languages of
 * the item definition whatever the plan's are; 0 ≤ i < data_nitems(). */
data_item_t data_item(const plan_t *p, const data_defs *d, int i, int doc);
void data_item_free(data_item_t *it);

/* Appends s as one CSV field (RFC 4180: quoted only when it holds a comma,
 * a quote or a line break; when text is true and s begins with =, +, -, @,
 * a tab or CR, with a ' before it, so that a spreadsheet does not run it as
 * a formula) or as a JSON string (every character JSON requires escaped,
 * U+2028/2029 too; bytes that are not UTF-8 become U+FFFD). */
void data_put_csv_field(buf_t *b, const char *s, bool text);
void data_put_json_string(buf_t *b, const char *s);

/* out_pdf.c: the booklets downloads/plan-<code>.pdf (libharu), one per
 * language, laid out with the print style and set in its fonts; with press
 * also plan-<code>-press.pdf for the printer.  out_pdf_start() sets them
 * going, each in a process of its own; out_pdf_finish() waits for them and
 * tells whether all were written. */
typedef struct booklets booklets_t;
booklets_t *out_pdf_start(const plan_t *p, const theme_t *th, fonts_t *fonts, bool press, outdir_t *out);
bool out_pdf_finish(booklets_t *bk);

/* out_html.c: the website (the default language at /, each other at
 * /<code>/); its figures are laid out with the same fonts as the booklet's.
 * out_html_start() writes the pages before the downloads page, which can be
 * made while the booklets are typeset; out_html_finish() the downloads page
 * (it lists the files written before it, with their sizes), the pages after
 * it, the search index and the sitemap.  Either frees the site when it
 * fails; out_html_start returns NULL then. */
typedef struct site site_t;
site_t *out_html_start(const plan_t *p, const data_defs *defs, fonts_t *fonts, const char *theme, outdir_t *out);
bool out_html_finish(site_t *s);

#endif
