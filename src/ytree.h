/* ytree.h — a parsed YAML file as plangen's own tree, with positions.
 *
 * load_yaml.c is the only file that sees libyaml; everything else reads this
 * tree.  A tree is owned by its root: ytree_free() releases it. */
#ifndef PLANGEN_YTREE_H
#define PLANGEN_YTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef enum { Y_SCALAR, Y_SEQ, Y_MAP } ytype_t;

typedef struct ynode {
	ytype_t type;
	pos_t pos;
	char *str;   /* scalar text (NUL-terminated) */
	size_t len;
	bool plain;  /* scalar written without quotes */
	bool flow;   /* seq or map written in [ ] or { }, not a line per item */
	const char *meant; /* a key that is not known: the known key it is a slip of
			    * (set by load_check_keys), so its absence is not told again */
	int n;       /* seq: items; map: pairs */
	struct ynode **items; /* seq: items[i]; map: key items[2i], value items[2i+1] */
} ynode;

/* Parses text (registered as diagnostics file `file`).  Returns the root, or
 * NULL after reporting a syntax error.  An empty file gives an empty map. */
ynode *ytree_parse(int file, const char *text, size_t len);
void ytree_free(ynode *n);
/* The value of `key` in a mapping, or NULL (also when map is not a mapping). */
ynode *ytree_get(const ynode *map, const char *key);

#endif
