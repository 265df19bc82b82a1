/* files.c — content and theme files, read only from inside their folder. */
#define _DEFAULT_SOURCE
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"

static bool inside(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strcmp(dir, "/") == 0 || (strncmp(path, dir, n) == 0 && path[n] == '/');
}

char *files_read(const char *root, const char *rel, size_t limit, size_t *len, files_status *status,
		 char **where)
{
	buf_t path = BUF_INIT, data = BUF_INIT;
	char *real = NULL, *rroot = NULL;
	int fd = -1;
	if (where)
		*where = NULL;
	*status = FILES_OK;
	buf_printf(&path, "%s/%s", root, rel);
	struct stat st;
	if (stat(path.ptr, &st) != 0) {
		*status = errno == ENOENT || errno == ENOTDIR ? FILES_MISSING : FILES_UNREADABLE;
		goto done;
	}
	real = realpath(path.ptr, NULL);
	rroot = realpath(root, NULL);
	if (!real || !rroot) {
		*status = FILES_UNREADABLE;
		goto done;
	}
	if (!inside(real, rroot)) {
		*status = FILES_OUTSIDE;
		if (where) {
			*where = real;
			real = NULL;
		}
		goto done;
	}
	/* Opened without waiting (a pipe would block), then checked again on
	 * the open file: it is what is read. */
	fd = open(real, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0) {
		*status = FILES_UNREADABLE;
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		*status = FILES_SPECIAL;
		goto done;
	}
	if ((size_t)st.st_size > limit) {
		*status = FILES_TOO_LARGE;
		goto done;
	}
	buf_grow(&data, (size_t)st.st_size + 1);
	for (;;) {
		char chunk[65536];
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*status = FILES_UNREADABLE;
			goto done;
		}
		if (n == 0)
			break;
		if (data.len + (size_t)n > limit) { /* it grew while being read */
			*status = FILES_TOO_LARGE;
			goto done;
		}
		buf_put(&data, chunk, (size_t)n);
	}
done:;
	int err = errno;
	if (fd >= 0)
		close(fd);
	if (*status == FILES_OK && where)
		*where = xstrdup(real + strlen(rroot) + (strcmp(rroot, "/") != 0));
	free(real);
	free(rroot);
	buf_free(&path);
	if (*status != FILES_OK) {
		buf_free(&data);
		errno = err;
		return NULL;
	}
	*len = data.len;
	return buf_detach(&data);
}

const char *files_reason(files_status status)
{
	switch (status) {
	case FILES_OK: return "";
	case FILES_MISSING: return _("there is no such file");
	case FILES_UNREADABLE: return errno == EACCES ? _("it may not be read (permissions)") : strerror(errno);
	case FILES_OUTSIDE: return _("it is a symbolic link that leads outside its folder");
	case FILES_SPECIAL: return _("it is not a plain file (a folder, a pipe or a device)");
	case FILES_TOO_LARGE: return _("it is larger than plangen accepts");
	}
	return "";
}

char *files_near(const char *root, const char *rel)
{
	buf_t path = BUF_INIT;
	const char *slash = strrchr(rel, '/');
	const char *name = slash ? slash + 1 : rel;
	buf_printf(&path, "%s/%.*s", root, slash ? (int)(slash - rel) : 1, slash ? rel : ".");
	DIR *dh = opendir(path.ptr);
	buf_free(&path);
	char *found = NULL;
	size_t n = strlen(name);
	for (struct dirent *e; dh && !found && (e = readdir(dh));) {
		/* The same name in other letters (M3.MD), or with more after it
		 * (m3.md.txt, as an editor may save it). */
		if (strcasecmp(e->d_name, name) == 0 || (strncasecmp(e->d_name, name, n) == 0 && e->d_name[n] == '.'))
			found = xstrdup(e->d_name);
	}
	if (dh)
		closedir(dh);
	return found;
}

char *files_theme(const char *theme, const char *name, size_t *len)
{
	files_status st;
	char *where;
	char *text = files_read(theme, name, FILES_TEXT_LIMIT, len, &st, &where);
	if (!text) {
		if (st == FILES_OUTSIDE)
			diag_fatal("the theme file \"%s/%s\" is a symbolic link to \"%s\", outside the theme folder",
				   theme, name, where);
		else if (st == FILES_TOO_LARGE)
			diag_fatal("the theme file \"%s/%s\" is larger than %u MiB", theme, name, FILES_TEXT_LIMIT >> 20);
		else
			diag_fatal("cannot read the theme file \"%s/%s\": %s", theme, name, files_reason(st));
	}
	free(where);
	return text;
}
