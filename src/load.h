/* load.h — content/ → plan.
 *
 * load_content() reads every file of a content folder, and the words of the
 * theme (THEME/words.yaml, see words.h), reports every problem through diag
 * (errors, warnings for missing English), and returns the plan (never NULL;
 * the caller owns it and checks diag_errors()).  A content folder that
 * cannot be read at all, or a theme without its words, is an environment
 * error: *env_error is set. */
#ifndef PLANGEN_LOAD_H
#define PLANGEN_LOAD_H

#include "model.h"
#include "ytree.h"

plan_t *load_content(const char *dir, const char *theme, bool *env_error);

/* Reports the keys of a map that are not among `keys` (NULL-terminated),
 * with the likely one ("did you mean …"), and keys written twice; `what`
 * names the map in the message ("a table").  Also for the theme's files. */
void load_check_keys(const ynode *map, const char *const *keys, const char *what);

/* Markdown text → plangen's tree (load_md.c).  Soft breaks between two
 * wide characters are dropped; data blocks become MD_DATA nodes whose text
 * holds the block's words after "plangen", unresolved.  smart: straight
 * quotes become typographic ones and -- and --- dashes (languages written
 * with spaces; Japanese keeps what it typed). */
md_node *md_parse(int file, const char *text, size_t len, bool smart);


#endif
