/* model.h — the plan, independent of any input or output format.
 *
 * The ownership rule of the whole code base: a structure owns everything
 * reachable from it and is released by its _free function (plan_free,
 * view_table_free, fig_free, md_free, ytree_free).  A function whose name
 * makes something (_new, _parse, view_…, fig_…, buf_detach, a function that
 * says "the caller frees") hands it to the caller; every other pointer a
 * function returns is borrowed from its arguments and lives as long as
 * they do (text_get, plan_word: as long as the plan).
 *
 * A plan_t owns everything reachable from it; plan_free() releases it all.
 * Cross references are indices into the plan's arrays (-1: none), so a
 * renamed section is one string in one place.  Every entry keeps the source
 * position it was read from, for diagnostics. */
#ifndef PLANGEN_MODEL_H
#define PLANGEN_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "words.h"

/* The languages of a plan are a list in plan.yaml (languages: [ja, en]);
 * a lang_t is an index into it.  The first is the default language: the
 * site's root, the language every text must have. */
#define MAX_LANGS 8
/* A plan's default language when plan.yaml does not list its languages;
 * also the language of the messages until a plan says its own. */
#define PLAN_DEFAULT_LANG "ja"
typedef int lang_t;
#define LANG_DEFAULT 0

typedef struct {
	char code[16]; /* BCP 47: "ja", "en", "ko", "zh-Hant" */
	bool cjk;      /* Chinese, Japanese, Korean: wide characters, no spaces between words */
} language_t;

/* A reader-visible text in each language.  s[0] == NULL: absent;
 * s[l] == NULL: not translated into language l (shown in the default). */
typedef struct {
	char *s[MAX_LANGS];
	pos_t pos;
} text_t;

/* The text in `lang`, falling back to the default language; never NULL. */
const char *text_get(const text_t *t, lang_t lang);
/* Whether the text is shown in `lang` in the default language for want of
 * a translation (the site marks it with the default language's lang). */
bool text_fallback(const text_t *t, lang_t lang);
/* Whether the text is there (in the default language, not empty). */
bool text_has(const text_t *t);

/* A number as written in the content: its value and its decimals (70.0 → 1). */
typedef struct {
	double v;
	int decimals;
} num_t;

/* Formats n with thousands separators and its written decimals. */
void num_format(buf_t *out, num_t n);

/* What a link's or an image's address leads to, decided once for the
 * loader (which refuses what is unsafe), the site and the booklet.
 * Browsers ignore tabs and line breaks inside an address and control
 * characters and spaces before it, and read "\\" as "/"; so does this. */
typedef enum {
	LINK_RELATIVE, /* a page or file of the site: "2-plan.html#s1", "#note-1" */
	LINK_WEB,      /* http:, https:, or "//host/…" */
	LINK_CONTACT,  /* mailto:, tel: */
	LINK_ROOTED,   /* "/path": depends on the server, refused */
	LINK_UNSAFE,   /* any other scheme: javascript:, vbscript:, data:, file: … */
} linkkind_t;

/* The kind of url; scheme receives its scheme in lower case ("" if none). */
linkkind_t plan_link_kind(const char *url, char scheme[16]);

/* Whether a chapter named `name` would collide with the site's own pages
 * and folders ("index", "search", "assets", "measure-…" …) or a name that
 * Windows reserves ("con", "aux" …), case ignored as on Windows and macOS:
 * says who has the name ("the pages of policies and measures"), else NULL. */
const char *plan_name_taken(const char *name);

/* ---- organization ---------------------------------------------------- */

typedef struct {
	char *id;
	text_t name;
	pos_t pos;
} orgunit_t; /* a department or a section */

/* ---- structure ------------------------------------------------------- */

typedef enum { MARK_NONE, MARK_ADDED, MARK_REVISED, MARK_REPLACED } mark_t;

typedef struct {
	text_t text;
	int *departments, ndepartments;
	mark_t mark;
	pos_t pos;
} action_t;

struct md_node;

typedef struct {
	char *id;
	int number; /* 1-based across the plan */
	int policy;
	text_t title, summary;
	action_t *actions;
	int nactions;
	struct md_node *body[MAX_LANGS]; /* ja/measures/ID.md, en/…, per language */
	bool in_booklet; /* derived: placed by a chapter, or by a text a chapter places */
	pos_t placed;    /* derived: where the booklet first places it */
	pos_t pos;
} measure_t;

typedef struct {
	char *id;
	int number;
	text_t title;
	int first_measure, nmeasures;
	struct md_node *body[MAX_LANGS];
	bool in_booklet; /* derived, as for a measure */
	pos_t placed;
	pos_t pos;
} policy_t;

typedef struct {
	char *id;
	text_t title, text;
	text_t short_title; /* for the structure diagram; absent: the title */
	pos_t pos;
} point_t; /* a point for solving issues */

/* A band of the structure diagram that the structure alone does not give:
 * a box with an optional label, or two boxes side by side joined by a
 * word; placed between the points and the policies, or after the
 * policies. */
typedef enum { BAND_BEFORE_POLICIES, BAND_AFTER_POLICIES } bandplace_t;

typedef struct {
	bandplace_t place;
	text_t label, text;       /* one box: text, under its label if any */
	text_t left, right, link; /* two boxes (left, right), link between them */
	bool shade, strong;       /* a tinted box; its text in bold */
	pos_t pos;
} band_t;

/* ---- indicators ------------------------------------------------------ */

typedef struct {
	char *id;
	text_t word; /* "cases" */
	pos_t pos;
} unit_t;

typedef enum { YEAR_BASELINE, YEAR_CURRENT, YEAR_TARGET, YEAR_COUNT } yearslot_t;

typedef struct {
	char *id;
	text_t title;
	int years[YEAR_COUNT];
	pos_t pos;
} indset_t;

typedef enum {
	VAL_MISSING,    /* ~ : shown as — */
	VAL_NUMBER,     /* one number per part */
	VAL_MONITORING, /* target only: monitoring indicator */
	VAL_PENDING,    /* target only: still to be set (text says when) */
} valkind_t;

#define MAX_PARTS 4

typedef struct {
	valkind_t kind;
	int year; /* fiscal year measured; the set's year unless written */
	bool own_year; /* the year was written (another year than the set's) */
	num_t num[MAX_PARTS];
	text_t pending;
	pos_t pos;
} value_t;

typedef enum { DIR_UP, DIR_DOWN, DIR_MONITOR } direction_t;

typedef enum {
	CHANGE_NONE,
	CHANGE_KEPT,
	CHANGE_TARGET_REVISED,
	CHANGE_REPLACED,
	CHANGE_MOVED,
	CHANGE_ADDED,
	CHANGE_DROPPED,
} change_t;

typedef struct {
	char *id;
	int set;
	int measure; /* -1: overall indicator */
	text_t name, name_note, note, description;
	int unit;
	direction_t direction;
	int nparts; /* 1, or the number of `parts` */
	text_t parts[MAX_PARTS];
	value_t value[YEAR_COUNT];
	/* `values:` — the value of each year given, in year order (NULL, 0
	 * without it).  The current value is the latest of them; the baseline,
	 * unless written, the one of the set's baseline year. */
	value_t *series;
	int nseries;
	int *sections, nsections;
	mark_t mark;
	change_t change;
	int from;      /* the first-set indicator this one continues; -1 */
	int successor; /* derived: the indicator whose `from` is this one; -1 */
	text_t reason;
	int figure_number; /* derived: its chart's number in the booklet, in the
			    * order the chapters place charts; 0: not placed */
	pos_t pos;
} indicator_t;

/* ---- figures and tables ---------------------------------------------- */

typedef enum { FIG_CHART, FIG_IMAGE } figkind_t;
typedef enum { CHART_BAR, CHART_LINE } charttype_t;

typedef struct {
	text_t name;
	num_t *values;
} series_t;

typedef struct {
	char *id;
	figkind_t kind;
	text_t title, source;
	char *image;   /* path under content/, or NULL */
	bool has_data; /* false: declared `data: missing` */
	charttype_t type;
	int unit;
	text_t *categories;
	int ncategories;
	series_t *series;
	int nseries;
	pos_t pos;
} figure_t;

typedef struct {
	text_t title;
	bool is_number;
	int unit; /* -1 */
} column_t;

typedef struct {
	text_t text;   /* text columns */
	num_t num;     /* number columns */
	bool empty;
	int span;      /* the columns it covers (a text: span: 4); 0 for a column a span covers */
} cell_t;

typedef enum { TABLE_PLAIN, TABLE_MEMBERS } tablerole_t;

typedef struct {
	char *id;
	tablerole_t role; /* members: the committee's roster, with a page of its own */
	text_t caption, note, source;
	column_t *columns;
	int ncolumns;
	int header; /* the column whose cells head their rows (`header: true`; else the first) */
	cell_t *cells; /* nrows × ncolumns, row-major */
	int nrows;
	pos_t pos;
} table_t;

typedef struct {
	text_t term, note;
	pos_t pos;
} term_t;

/* ---- chapters (Markdown, converted to plangen's own tree) ------------- */

typedef enum {
	MD_DOCUMENT, MD_HEADING, MD_PARAGRAPH, MD_LIST, MD_ITEM, MD_BLOCKQUOTE,
	MD_THEMATIC_BREAK, MD_CODE_BLOCK, MD_HTML_BLOCK, MD_DATA,
	MD_TEXT, MD_CODE, MD_EMPH, MD_STRONG, MD_LINK, MD_IMAGE, MD_LINEBREAK,
	MD_HTML_INLINE,
} mdtype_t;

typedef enum {
	DATA_INDICATORS, DATA_CHART, DATA_FIGURE, DATA_TABLE, DATA_ACTIONS,
	DATA_POLICY, DATA_MEASURE, DATA_STRUCTURE, DATA_GOAL, DATA_POINTS,
	DATA_REVISIONS, DATA_COLOPHON, DATA_PROGRESS,
} datakind_t;

typedef struct md_node {
	mdtype_t type;
	char *text;  /* text, code, html; the link or image URL */
	size_t len;  /* strlen(text) */
	int level;   /* heading level; list: 1 if ordered */
	int start;   /* ordered list start */
	bool tight;  /* list */
	bool underlined; /* heading: made by a line of - or = under its text */
	bool media;  /* link: to a file of the content folder, copied to media/ */
	datakind_t data;   /* MD_DATA: what the block places */
	int ref, set;      /* MD_DATA: index of the referenced entry, of the set */
	int argcol;        /* MD_DATA: the column of text's first word on the fence's line */
	pos_t pos;
	struct md_node *parent, *first, *last, *next;
} md_node;

void md_free(md_node *n);

/* The node after n in document order (children first), within root; NULL
 * after the last.  Iterative: deep Markdown cannot exhaust the stack. */
md_node *md_next(const md_node *n, const md_node *root);

/* The plain text of n and its descendants (text and code, no marks). */
void md_flat_text(buf_t *out, const md_node *n);

/* Whether the document places the chart of indicator `ind` (```plangen
 * chart ID```). */
bool md_places_chart(const md_node *doc, int ind);

/* N when the paragraph is the note of mark ※N (it begins with the mark
 * and a space), else 0. */
int md_note_number(const md_node *para);

/* The anchors of a page's headings, so that a link can name a section
 * (2-plan.html#the-plans-period, a Japanese heading by its own words)
 * and keep naming it when sections are added
 * before it.  A heading's anchor is its text from its first letter
 * (a section's number before it left out, as Pandoc does): ASCII letters
 * in lower case, a hyphen for each run of spaces, punctuation and
 * symbols left out; the same text a second time on the page gets -1,
 * then -2.  A
 * text that could be one of the site's own ids (main, note-3, fig-…)
 * is prefixed with "section-", one with nothing left is "section".
 * The site gives its headings these ids and the loader checks links by
 * them, each walking a page's headings in the same order.  An anchors_t
 * owns its strings: anchors_free() releases them. */
typedef struct {
	char **ids;
	const md_node **heads; /* the heading of each id; NULL: made otherwise */
	int n, cap;
} anchors_t;

/* The anchor of a heading whose text is `text`, unique on the page so
 * far (owned by a); anchors_take() adds an id made otherwise
 * (measure-m1), as it is. */
const char *anchors_add(anchors_t *a, const char *text);
const char *anchors_take(anchors_t *a, const char *id);
/* anchors_add() of a Markdown heading's text. */
const char *anchors_heading(anchors_t *a, const md_node *heading);
bool anchors_has(const anchors_t *a, const char *id);
void anchors_free(anchors_t *a);

typedef struct {
	char *id; /* file name without .md */
	text_t title; /* from the first heading */
	md_node *doc[MAX_LANGS];
	pos_t pos;
} chapter_t;

/* ---- the plan --------------------------------------------------------- */

typedef struct {
	int year, month;
} yearmonth_t;

/* The results of the site's tests in a browser (plan.yaml site:
 * accessibility_results:, a file written by `make a11y`): the day of the
 * test, the tools' versions, and page by page (sorted by path, "en/x.html")
 * the page's digest as tested (FNV-1a 64 of its bytes, to tell a page that
 * changed since) and the problems each tool found on it. */
typedef struct {
	char *path;
	uint64_t digest;
	int axe, validator;
} a11y_page_t;
typedef struct {
	int year, month, day;
	char *axe_version, *validator_version;
	a11y_page_t *pages;
	int npages;
	pos_t pos; /* where plan.yaml names the file */
} a11y_results_t;

/* The colours of the charts and the structure diagram, on the site and in
 * the booklets alike: the theme's charts.yaml, checked for contrast. */
typedef struct {
	unsigned char r, g, b;
} rgb_t;
typedef enum {
	COLOUR_INK,      /* text, axes, outlines */
	COLOUR_PAPER,    /* the background, and text on the darker bars */
	COLOUR_BASELINE, /* the baseline's bars (paper-coloured text on them) */
	COLOUR_CURRENT,  /* the current value's bars and the diagram's labels */
	COLOUR_TARGET,   /* the target's outlined bars */
	COLOUR_BOX,      /* the shaded boxes of the structure diagram */
	COLOUR_TREND,    /* the arrow from the baseline to the current value */
	COLOUR_COUNT
} colour_t;

/* Translation coverage, counted by the loader: texts with Japanese in them,
 * and how many of them each language has; chapter files and their
 * translations. */
typedef struct {
	int texts, translated[MAX_LANGS];
	int docs, docs_translated[MAX_LANGS];
} coverage_t;

typedef struct {
	language_t langs[MAX_LANGS];
	int nlangs;
	coverage_t coverage;
	/* The words of the interface: the theme's, with the plan's own over
	 * them (see words.h). */
	text_t words[WORD_COUNT];
	rgb_t colours[COLOUR_COUNT];
	text_t title, subtitle, summary, publisher;
	int period_from, period_to, revised_from, revised_to;
	yearmonth_t adopted, revised;
	text_t editor_name, editor_address;
	char *postcode, *phone, *fax, *email;

	/* The website's settings (plan.yaml, site:).  base_url: the address the
	 * site is published at, ending in "/" — absolute (https://…/plan/) or a
	 * path on the city's site (/plan/) — or NULL (links stay relative and
	 * pages carry no canonical URL).  allow_html: raw HTML in the Markdown
	 * is kept as HTML instead of being shown as text. */
	char *base_url;
	bool allow_html;
	/* The footer's: the city's main site, the licence of the open data
	 * (its name and address), the date of this edition; each optional. */
	char *city_url, *licence_url;
	text_t licence;
	yearmonth_t updated;
	char *lg_code; /* the local government code, six digits, or NULL */
	/* The JIS X 8341-3 level the site aims at ("AA"), or NULL: with it, an
	 * accessibility page says so with the results of the build's checks. */
	char *a11y_level;
	a11y_results_t *a11y_results; /* or NULL */
	/* How fiscal years are shown (plan.yaml years:): Western (FY2021), the
	 * Japanese era (era name and 3) or both. */
	enum { YEARS_WESTERN, YEARS_ERA, YEARS_BOTH } years;
	/* external_images: images may be fetched from other sites (off: every
	 * image is a file of the content folder, copied into the output). */
	bool external_images;
	/* The content folder, and the images it holds that the plan shows
	 * (paths inside it, as found on disk, each once): copied to media/. */
	char *dir;
	char **media;
	int nmedia;

	text_t philosophy, goal;
	point_t *points;
	int npoints;
	policy_t *policies;
	int npolicies;
	measure_t *measures;
	int nmeasures;
	band_t *bands; /* of the structure diagram, in order */
	int nbands;

	orgunit_t *departments, *sections;
	int ndepartments, nsections;

	unit_t *units;
	int nunits;
	indset_t *sets;
	int nsets;
	indicator_t *indicators;
	int nindicators;

	figure_t *figures;
	int nfigures;
	table_t *tables;
	int ntables;
	term_t *terms;
	int nterms;
	chapter_t *chapters;
	int nchapters;
} plan_t;

/* The index of the table whose role is the members' roster, or -1. */
int plan_members_table(const plan_t *p);
/* Whether the plan's site has the page `name` (without .html): the pages
 * it always has, those it has when the plan has something for them
 * (revisions, committee, accessibility), the chapters', the policies' and
 * the measures'.  The site makes those pages, the loader checks links. */
bool plan_has_page(const plan_t *p, const char *name);
/* The files of downloads/, each named here once: the open data, which
 * out_data.c writes and the downloads page lists, and a booklet per
 * language (plan-ja.pdf, plan-ja-press.pdf). */
typedef enum { DL_CSV, DL_JSON, DL_ITEMS, DL_VALUES, DL_VALUES_ITEMS, DL_DATA_COUNT } datafile_t;
extern const char *const plan_data_files[DL_DATA_COUNT]; /* "downloads/indicators.csv" … */
void plan_booklet_file(buf_t *out, const plan_t *p, lang_t lang, bool press);
/* The i-th file a build may write into downloads/, press editions too,
 * into out; false past the last. */
bool plan_download(const plan_t *p, int i, buf_t *out);
/* A full address of a page of this site (base_url, by http: or https:,
 * with or without its last /), as a link from a page in language from's
 * folder writes it: measure-m1.html, ../measure-m1.html, index.html#main,
 * en/index.html, a page named without .html with it.  NULL when url is not
 * this site's; else newly allocated.  *default_folder (when not NULL):
 * the address names a folder of the default language (ja/…), which the
 * site does not have: its pages are at the top. */
char *plan_site_address(const plan_t *p, lang_t from, const char *url, bool *default_folder);
/* An address with its %XX escapes decoded, newly allocated: a section's
 * anchor copied from the browser's address bar (#%E8%A8%88...), as the
 * check and the booklet's links read it. */
char *plan_url_decoded(const char *s);
/* The site's own pages and its chapters' (names without .html, in the order of the site):
 * count of them into *count, an array the caller frees (the names are the plan's). */
const char **plan_site_pages(const plan_t *p, int *count);
/* The anchors of the headings of page `name` (without .html) in language
 * lang, in the order the site gives them (anchors_t), added to a: a
 * chapter's page, a policy's or a measure's, a text in its language or
 * the default one's where it has none.  False for the other pages, whose
 * headings are the site's own words. */
bool plan_page_anchors(const plan_t *p, lang_t lang, const char *name, anchors_t *a);
/* plan_page_anchors() of the page of the plan's i-th text (below). */
void plan_text_anchors(const plan_t *p, lang_t lang, int i, anchors_t *a);
/* Appends the name (without .html) of a policy's page (policy-ID) or a
 * measure's (measure-ID), which is also its section's id on a chapter's
 * page. */
void plan_part_page(buf_t *out, bool measure, const char *id);
/* The plan's i-th text (i below the sum of its chapters, policies and
 * measures, in that order): its documents by language. */
md_node *const *plan_text_docs(const plan_t *p, int i);
/* Appends the name (without .html) of the page of the plan's i-th text,
 * of its chapters, then its policies, then its measures: 2-plan,
 * policy-ID, measure-ID; nothing for a chapter without an id. */
void plan_text_page(buf_t *out, const plan_t *p, int i);

/* The language's name in English ("Korean"), for messages; its code if
 * plangen does not know it. */
const char *plan_lang_name(const plan_t *p, lang_t lang);
/* The name of language `which` in language `in` ("English",
 * "한국어"), from the word language_names; its code if it is not there. */
void plan_lang_label(buf_t *out, const plan_t *p, lang_t which, lang_t in);
/* Whether plangen knows the language code ("ko": yes, "enx": no). */
bool plan_lang_known(const char *code);
/* The index of the language with this code, or -1. */
int plan_lang_find(const plan_t *p, const char *code);

/* A word of the interface in a language; never NULL. */
const char *plan_word(const plan_t *p, word_t w, lang_t lang);

/* A pattern with its placeholders filled in: vars holds names and values,
 * NULL-terminated; "{name}" becomes the value, any other text stays. */
void text_fill(buf_t *out, const char *pattern, const char *const *vars);

/* The same with the names and values as arguments, NULL after the last:
 * plan_word_fmt(out, p, WORD_NUMBERED, lang, "word", w, "number", "3", NULL). */
void plan_word_fmt(buf_t *out, const plan_t *p, word_t w, lang_t lang, ...);

/* A word with its placeholders filled in: vars holds names and values,
 * NULL-terminated ({"year", "2020", NULL}); "{year}" becomes "2020", a
 * placeholder not in vars stays as it is. */
void plan_word_fill(buf_t *out, const plan_t *p, word_t w, lang_t lang, const char *const *vars);

/* The fiscal year of an era year as written in one of the plan's languages,
 * by the words eras, era_first and year_suffixes (the era's name and "3",
 * the era's name and its first-year word, "R3", "H30"), or of a Western
 * year with a year suffix ("2025" and a suffix), in half- or full-width digits:
 * 2021, 2019, 2021, 2018, 2025; 0 if the text is not one. */
int plan_era_year(const plan_t *p, const char *text);
/* Whether text is a fiscal year as the plan writes one in its default
 * language, Western, in the era or both (the Western year, the era year in brackets); its year in *year. */
bool plan_fiscal_year(const plan_t *p, const char *text, int *year);

/* A year and month in the words year_month and month_names:
 * "March 2018". */
void plan_year_month(buf_t *out, const plan_t *p, yearmonth_t ym, lang_t lang);
/* A day, the same way (the word date). */
void plan_date(buf_t *out, const plan_t *p, int year, int month, int day, lang_t lang);

/* A word with its years filled in: {year} and {from} become `year`, {to}
 * becomes `to` ("FY{year}" → "FY2020", "FY{from}–{to}" → "FY2018–2025"),
 * {era_year}, {era_from}, {era_to} the same years in the Japanese era
 * (the era's name and "3").  fiscal_year and fiscal_period take their era
 * or both forms when the plan shows years so; in another word (revised_period)
 * {period} is the years as fiscal_period writes them. */
void plan_word_years(buf_t *out, const plan_t *p, word_t w, lang_t lang, int year, int to);
/* A fiscal year by the word fiscal_year itself, whatever form the plan
 * writes years in (a narrow column of a chart); its slots filled all the same. */
void plan_word_year_western(buf_t *out, const plan_t *p, lang_t lang, int year);

/* A number with its unit ("2,216 cases", "20,028,928 yen"; a Latin unit word
 * after a space); unit -1: none. */
void plan_format_amount(buf_t *out, const plan_t *p, num_t n, int unit, lang_t lang);

plan_t *plan_new(void);
void plan_free(plan_t *plan);

/* Index of the entry with this id, or -1. */
int plan_find_indicator(const plan_t *p, const char *id);
int plan_find_set(const plan_t *p, const char *id);

/* The fiscal years a set covers (Western years, both included).  The model
 * knows the plan's period and its revised period: with one set, the set
 * covers the plan's period; with more, the last set covers the revised
 * period and the earlier ones the plan's period up to the revision. */
void plan_set_period(const plan_t *p, int set, int *from, int *to);

/* Derives what the content does not state: successors. */
void plan_derive(plan_t *p);

/* Progress of an indicator at its current value, computed once here and
 * shown the same way everywhere.  The achievement rate is
 *   (current − baseline) / (target − baseline),
 * which respects the direction by itself (a falling count toward a lower
 * target gives a positive rate).  The expected share of progress by the
 * current year is (current year − baseline year) / (target year − baseline
 * year).  A value in parts takes the status of its weakest part. */
typedef enum {
	STATUS_ACHIEVED,   /* the target is reached */
	STATUS_ON_TRACK,   /* rate ≥ the expected share */
	STATUS_BEHIND,     /* 0 ≤ rate < the expected share */
	STATUS_WORSE,      /* moved away from the target since the baseline */
	STATUS_MONITORING, /* monitoring indicator: no target by design */
	STATUS_NO_TARGET,  /* the target is still to be set */
	STATUS_NO_DATA,    /* the baseline or the current value is missing */
} status_t;

/* The number of statuses; a macro, so that a switch over status_t need
 * not name it. */
#define STATUS_COUNT (STATUS_NO_DATA + 1)

typedef struct {
	status_t status;
	double rate; /* of the weakest part; meaningful for the first four statuses */
} progress_t;

progress_t plan_progress(const indicator_t *ind);

/* A status as a stable code for data files ("achieved", "on_track",
 * "behind", "worse", "monitoring", "no_target", "no_data"), as a label
 * (the word status_achieved …: "Achieved") and as a symbol that
 * tells it apart without colour (the word symbol_achieved …: "◎").  Never NULL, never freed. */
const char *plan_status_code(status_t s);
const char *plan_status_label(const plan_t *p, status_t s, lang_t lang);
const char *plan_status_symbol(const plan_t *p, status_t s, lang_t lang);

/* The indicators of a set counted by status, for the summaries of progress:
 * those of one measure, the overall indicators (measure -1), or the whole
 * set (MEASURE_ALL).  total is the sum of count[]. */
#define MEASURE_ALL (-3)

typedef struct {
	int count[STATUS_COUNT];
	int total;
} tally_t;

tally_t plan_progress_tally(const plan_t *p, int set, int measure);

/* A mark's word without brackets (mark_added …: "Added", "Revised",
 * "Replaced"); "" for MARK_NONE. */
const char *plan_mark_label(const plan_t *p, mark_t m, lang_t lang);

/* Appends s without its footnote marks ("※7", with ASCII or fullwidth digits): for the texts of
 * open data, which have no notes to link them to.  A space left doubled
 * by the cut is dropped ("Bank※7 (cumulative)" → "Bank (cumulative)"). */
void text_strip_marks(buf_t *out, const char *s);

/* A footnote mark at s ("※7": the reference mark and 1 to 3 digits, ASCII or
 * full-width): its length in bytes and, unless number is NULL, its number;
 * 0 if s does not begin with one.  text_next_note_mark finds the first in
 * s (NULL if none).  Every back-end finds the marks with these. */
size_t text_note_mark(const char *s, int *number);
const char *text_next_note_mark(const char *s, size_t *len, int *number);

/* ---- the revision list ------------------------------------------------ */

/* One row of the list: an indicator of the earlier set, of the last set, or
 * both when the last one continues the earlier one in the same measure.
 * The pointers borrow from the plan and live as long as it does. */
typedef struct {
	int measure;          /* -1: overall indicators */
	int old_ind, new_ind; /* indices into p->indicators; -1: that side is empty */
	change_t change;      /* kept, target_revised, replaced, moved, added, dropped */
	mark_t mark;          /* shown before the new name, in brackets: added,
			       * target_revised, replaced; none otherwise */
	const text_t *reason; /* never NULL; absent when there is none (kept) */
	const int *sections;  /* section indices to show (the new side's if any) */
	int nsections;
} revrow_t;

/* The rows of the revision list between the last two indicator sets, in
 * the seed's order: by measure (overall first, then measures in order) and
 * within a measure along the last set, each earlier indicator that stands
 * alone (dropped, or moved to another measure) placed before the first row
 * that comes after it in the earlier set's order, or before the first added
 * or moved-in row.  A moved indicator gives two rows: old only in its old
 * measure (with the old indicator's reason) and new only in its new measure
 * (with the new one's).  Returns a new array of *nrows rows that the caller
 * frees with free(); NULL and 0 rows when the plan has fewer than two sets. */
revrow_t *plan_revision_rows(const plan_t *p, int *nrows);

/* The paragraph of note ※number in the texts of language lang (chapters,
 * then policies and measures), or of the default language when lang has
 * none (*fallback true); NULL when no text has it.  For a page that shows
 * a mark whose note stands elsewhere. */
const md_node *plan_note(const plan_t *p, lang_t lang, int number, bool *fallback);

/* A telephone or fax number in the word w (telephone, fax,
 * telephone_link): {number} as written, {international} without its
 * leading 0. */
void plan_phone(buf_t *out, const plan_t *p, word_t w, lang_t lang, const char *number);

/* Formats an indicator value with its unit: "2,216 cases", "56.6% (Grade 6) 35.0% (Grade 9)",
 * "18 people (2021)", "—".  The one place where values become text. */
/* The place of the i-th year of `values:` among the three: YEAR_CURRENT
 * for the latest, YEAR_BASELINE for the baseline's year, else -1. */
int plan_series_slot(const indicator_t *ind, int i);
void plan_format_value(buf_t *out, const plan_t *p, const indicator_t *ind,
		       yearslot_t slot, lang_t lang);
/* The same in pieces, appended to pieces[0 …] (initialised by the caller):
 * the amounts (number and unit, amount[i] true), and the parts' names,
 * separators and own year between them, so that an output may wrap there
 * and never inside an amount.  Returns the number of pieces. */
#define VALUE_PIECES (4 * MAX_PARTS + 1)
int plan_value_pieces(buf_t pieces[VALUE_PIECES], bool amount[VALUE_PIECES], const plan_t *p,
		      const indicator_t *ind, yearslot_t slot, lang_t lang);


#endif
