/* files.h — reading the files of a folder that plangen was given, and only
 * those.
 *
 * Content and theme files are read through files_read(): a file must be a
 * regular file that lies inside its folder (a symbolic link may point
 * within the folder, never out of it) and be at most `limit` bytes.  A pipe
 * or a device is refused without being read, so nothing hangs and nothing
 * outside the folder is published. */
#ifndef PLANGEN_FILES_H
#define PLANGEN_FILES_H

#include <stddef.h>

/* The size limits, in bytes, documented in README.md. */
#define FILES_TEXT_LIMIT (16u << 20)  /* a YAML, Markdown or theme file */
#define FILES_IMAGE_LIMIT (32u << 20) /* an image */

typedef enum {
	FILES_OK,
	FILES_MISSING,    /* no such file (errno ENOENT) */
	FILES_UNREADABLE, /* cannot be opened or read: errno says why */
	FILES_OUTSIDE,    /* a symbolic link that leaves the folder */
	FILES_SPECIAL,    /* a folder, a pipe, a device, a socket */
	FILES_TOO_LARGE,
} files_status;

/* Reads root/rel whole into a new NUL-terminated string (the caller frees
 * it).  On failure returns NULL and sets *status.  where may be NULL; else
 * it receives a new string (the caller frees it) or NULL: on success the
 * file's path inside root once links are followed ("images/a.png"), for
 * FILES_OUTSIDE its real path. */
char *files_read(const char *root, const char *rel, size_t limit, size_t *len, files_status *status,
		 char **where);

/* A plain-words reason for a status, for messages ("is a pipe or a device,
 * not a file"); uses errno for FILES_UNREADABLE. */
const char *files_reason(files_status status);
/* The name of a file beside root/rel that may be the one meant when rel is
 * missing (the same name in other letters, or with an extension added), or
 * NULL.  The caller frees it. */
char *files_near(const char *root, const char *rel);

/* Reads THEME/name, reporting a problem as an environment error (a theme
 * is part of the installation, not of the content). */
char *files_theme(const char *theme, const char *name, size_t *len);

#endif
