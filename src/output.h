/* output.h — writing the output folder atomically, and never anything else.
 *
 * out_begin() checks that the target may be replaced, then makes a fresh
 * folder beside it; back-ends write into it with out_write(); out_commit()
 * swaps it in place of the target in one step, out_abort() removes it.  A
 * failed build never touches the target.
 *
 * The target may be replaced only when it is missing, an empty folder, or a
 * folder that an earlier build wrote: every build writes the marker file
 * OUT_MARKER into it.  Anything else — a folder of other files, a file, a
 * symbolic link, a device, the content or theme folder or a folder that
 * holds them — is refused with a message (the caller exits 2).
 *
 * The folder being written is named .NAME.plangen-XXXXXX beside the target
 * and holds the marker, locked (flock) while its build runs.  A build that
 * was killed leaves such a folder; the next build removes those whose lock
 * is free, and only those.  SIGINT, SIGTERM and SIGHUP remove it at once.
 *
 * All functions report their problems through diag. */
#ifndef PLANGEN_OUTPUT_H
#define PLANGEN_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define OUT_MARKER ".plangen-output"

typedef struct {
	char *target; /* the folder to replace */
	char *tmp;    /* the folder being written */
	int lock;     /* the marker in tmp, locked; -1 */
	bool failed;
} outdir_t;

/* protect: folders never to replace nor to write into, NULL-terminated. */
bool out_begin(outdir_t *o, const char *target, const char *const *protect);
/* Writes rel (a path inside the folder, parents made as needed). */
bool out_write(outdir_t *o, const char *rel, const void *data, size_t len);
/* Whether rel has been written, and its size in bytes (-1 if not). */
bool out_exists(const outdir_t *o, const char *rel);
long out_size(const outdir_t *o, const char *rel);
/* Swaps the new folder in and removes the previous output.  false when the
 * swap failed (the target is as it was) or the previous output could not
 * be removed (the new output is in place). */
bool out_commit(outdir_t *o);
void out_abort(outdir_t *o);

/* fork() for a back-end that writes into the folder from a child process:
 * a signal that stops the build kills the child before the folder is
 * removed, so nothing is written into it afterwards. */
pid_t out_fork(void);
/* Waits for a child of out_fork(); its status as waitpid() gives it, or -1. */
int out_wait(pid_t child);

#endif
