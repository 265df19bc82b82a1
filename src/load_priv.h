/* load_priv.h — what the loader's two files share (load.c: the YAML files;
 * load_text.c: the Markdown texts, links and images).  Nothing else
 * includes it. */
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
} loader_t;

/* load.c */
/* Notes a missing translation (message and hint are copied). */
void load_missing(loader_t *l, pos_t pos, lang_t lang, const char *message, const char *hint);
int load_open_source(loader_t *l, const char *dir, const char *name, bool required, char **text, size_t *len);
int load_enum_of(const ynode *n, const char *const *names, const char *what);
int load_resolve(const ynode *n, const void *base, size_t stride, int count, const char *what, const char *where,
		 bool quiet);

/* load_text.c */
void load_check_image(loader_t *l, char **url, pos_t pos);
void load_chapters(loader_t *l);
void load_bodies(loader_t *l, const char *sub, const void *base, size_t stride, int count, size_t body_offset,
		 const char *what);
void load_check_cycles(loader_t *l);
void load_check_booklet(loader_t *l);

#endif
