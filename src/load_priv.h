/* load_priv.h — what the loader's files share (load.c: the YAML files of
 * the plan, its structure and indicators, and the checks every file uses;
 * load_tables.c: figures, tables and glossary; load_text.c: the Markdown
 * texts, links and images; load_md.c: Markdown to the tree; load_site.c: the site
 * settings).  Nothing else includes it. */
#ifndef PLANGEN_LOAD_PRIV_H
#define PLANGEN_LOAD_PRIV_H

#include "load.h"

/* A translation that is missing, reported when the whole plan is read: a
 * language with no texts at all gets one line instead of hundreds. */
typedef struct {
	pos_t pos;
	lang_t lang;
	char *message, *hint;
} missing_t;

/* The ids of a list, sorted (load_resolve, load_check_unique): a plan of thousands of
 * indicators is resolved in n log n, not n². */
typedef struct {
	const char *id;
	int index;
} id_at;

typedef struct {
	const void *base; /* the list, and its length when sorted */
	int count;
	id_at *sorted;
	int n;
} id_index;

typedef struct {
	plan_t *p;
	const char *dir;
	bool org_ok, structure_ok, indicators_ok, figures_ok, tables_ok;
	bool env_error;
	bool theme_words; /* reading the theme's words: any language, nothing counted */
	pos_t languages;  /* where plan.yaml lists them */
	missing_t *missing;
	int nmissing;
	char unused[MAX_LANGS][16]; /* language codes of texts that plan.yaml does not list */
	pos_t unused_at[MAX_LANGS];
	int nunused;
	id_index *indexes; /* load_resolve's, freed by load_forget_indexes() */
	int nindexes;
	/* Ids load_resolve did not find: each is reported in full once, its
	 * other uses once together (load_report_unknown). */
	struct unknown_ref {
		const char *what;
		char *id;
		pos_t again; /* its second use */
		int more;    /* uses after the first */
		buf_t lines; /* the later uses: lines of again's file, file:line of others */
	} *unknown;
	int nunknown;
	const char *not_suggested; /* an id load_resolve does not offer: the one that refers */
	int *term_order; /* the glossary's terms, longest first; NULL until it is read */
	bool *empty_told; /* set × (measure + 1): an empty indicators block told */
	/* The note marks (\u203B7) in the YAML texts, checked against the notes
	 * once the Markdown texts are read (load_check_booklet). */
	struct note_mark {
		int num;
		pos_t pos;
	} *marks;
	int nmarks, capmarks;
} loader_t;

/* load.c */
/* The place in the file of the len bytes at `at`, of a text that begins at
 * start: looked for from start on (the text as read has lost its quotes,
 * its Markdown marks and the line breaks joined), start if not found. */
pos_t load_pos_in(pos_t start, const char *at, size_t len);
/* Notes a missing translation (message and hint are copied). */
void load_missing(loader_t *l, pos_t pos, lang_t lang, const char *message, const char *hint);
int load_open_source(loader_t *l, const char *dir, const char *name, bool required, char **text, size_t *len);
/* The closest of `count` names (each a char * at offset 0 of `stride` bytes) to
 * word, if it is close enough to be a slip of it; else NULL. */
const char *load_closest(const char *word, const void *base, size_t stride, int count);
int load_enum_of(const ynode *n, const char *const *names, const char *what);
/* The same, with the words a person may write for each name (words[i], N_() and
 * translated): "increase" is told to be written "up". */
int load_choice(const ynode *n, const char *const *names, const char *const *words, const char *what);
/* true or false (else reported, and false). */
bool load_bool(const ynode *n, const char *what);
int load_resolve(loader_t *l, const ynode *n, const void *base, size_t stride, int count, const char *what,
		 const char *where, bool quiet);
/* Warns of the first character of s that the booklet cannot print (beyond
 * U+FFFF); at is where s begins in its file (quoted: after a quote). */
void load_check_chars(const char *s, pos_t at, bool quoted);
/* A YAML file of the content folder, or NULL (reported when required). */
ynode *load_open_yaml(loader_t *l, const char *dir, const char *name, bool required);
/* The value of a key that must be there, or NULL (reported). */
ynode *load_need(const ynode *map, const char *key, const char *what);
/* Whether n is of the type, reported when it is not. */
bool load_expect(const ynode *n, ytype_t type, const char *what);
/* A text: a string in the default language, or a map by language. */
void load_text(loader_t *l, const ynode *n, text_t *t, const char *what);
/* The texts of a map keyed by language (other keys are the caller's). */
void load_text_in(loader_t *l, const ynode *n, text_t *t, const char *what);
/* The keys of a map of texts: the plan's languages and `extra`. */
void load_check_text_keys(loader_t *l, const ynode *map, const char *extra, const char *what);
/* A number as written, with its decimals. */
bool load_num(const ynode *n, num_t *out, const char *what);
/* The same for a value of `unit` (or NULL): a number followed by its unit
 * gets the hint to write the number alone. */
bool load_num_of(const ynode *n, num_t *out, const char *what, const text_t *unit);
/* A whole number from min to max (else reported). */
bool load_int(const ynode *n, int min, int max, int *out, const char *what);
/* An id (a-z, 0-9, - and _), or NULL (reported). */
char *load_id(const ynode *n, const char *what);
/* Reports each entry of array[0..count) whose id an earlier entry has (the
 * array's elements begin with their id and hold their pos). */
void load_check_unique(loader_t *l, const void *base, size_t stride, int count, const pos_t *first_pos,
		       const char *what);
#define UNIQUE(l, array, count, what) \
	load_check_unique((l), (array), sizeof *(array), (count), (array) ? &(array)[0].pos : NULL, (what))

/* A year and month (2018-03), or false (reported). */
bool load_yearmonth(const plan_t *p, const ynode *n, yearmonth_t *ym, const char *what);

/* load_site.c: plan.yaml's site: settings. */
void load_site(loader_t *l, const ynode *site);

/* load_tables.c */
void load_figures(loader_t *l);
void load_tables(loader_t *l);
void load_glossary(loader_t *l);
/* Warns where a translation does not write the glossary's word for a term its
 * default-language text uses: text[lang] by language (NULL: none), told at at[lang]. */
void load_check_terms(loader_t *l, const char *const text[MAX_LANGS], const pos_t at[MAX_LANGS]);

/* load_text.c */
void load_check_image(loader_t *l, char **url, pos_t pos);
void load_chapters(loader_t *l);
void load_bodies(loader_t *l, const char *sub, const void *base, size_t stride, int count, size_t body_offset,
		 size_t pos_offset, const char *what);
void load_check_cycles(loader_t *l);
/* Every link of the texts to a page or a note of the site leads to one. */
void load_check_links(loader_t *l);
void load_check_booklet(loader_t *l);

#endif
