/* load_priv.h — what the loader's two files share (load.c: the YAML files;
 * load_text.c: the Markdown texts, links and images).  Nothing else
 * includes it. */
#ifndef PLANGEN_LOAD_PRIV_H
#define PLANGEN_LOAD_PRIV_H

#include "load.h"

typedef struct {
	plan_t *p;
	const char *dir;
	bool org_ok, structure_ok, indicators_ok, figures_ok, tables_ok;
	bool env_error;
} loader_t;

/* load.c */
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
