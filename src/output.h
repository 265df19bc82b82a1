/* output.h — writing the output folder atomically.
 *
 * out_begin() makes a fresh folder beside the target; back-ends write into
 * it with out_write(); out_commit() swaps it in place of the target in one
 * step, out_abort() removes it.  A failed build never touches the target. */
#ifndef PLANGEN_OUTPUT_H
#define PLANGEN_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char *target; /* the folder to replace */
	char *tmp;    /* the folder being written */
	bool failed;
} outdir_t;

bool out_begin(outdir_t *o, const char *target);
/* Writes rel (a path inside the folder, parents made as needed). */
bool out_write(outdir_t *o, const char *rel, const void *data, size_t len);
/* Whether rel has been written, and its size in bytes (-1 if not). */
bool out_exists(const outdir_t *o, const char *rel);
long out_size(const outdir_t *o, const char *rel);
bool out_commit(outdir_t *o);
void out_abort(outdir_t *o);

#endif
