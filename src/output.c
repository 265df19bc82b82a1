/* output.c — a new output folder, swapped in whole. */
#define _GNU_SOURCE
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void rm_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

bool out_begin(outdir_t *o, const char *target)
{
	buf_t b = BUF_INIT;
	size_t len = strlen(target);
	while (len > 1 && target[len - 1] == '/')
		len--;
	o->target = xstrndup(target, len);
	o->failed = false;
	buf_printf(&b, "%s.tmp-XXXXXX", o->target);
	o->tmp = buf_detach(&b);
	if (!mkdtemp(o->tmp)) {
		diag_fatal("cannot create a folder beside \"%s\": %s", o->target, strerror(errno));
		free(o->tmp);
		free(o->target);
		o->tmp = o->target = NULL;
		return false;
	}
	chmod(o->tmp, 0755);
	return true;
}

static bool make_parents(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			free(p);
			return false;
		}
		*s = '/';
	}
	free(p);
	return true;
}

bool out_write(outdir_t *o, const char *rel, const void *data, size_t len)
{
	buf_t path = BUF_INIT;
	buf_printf(&path, "%s/%s", o->tmp, rel);
	FILE *f = NULL;
	bool ok = make_parents(path.ptr) && (f = fopen(path.ptr, "wb")) != NULL;
	if (ok)
		ok = fwrite(data, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok) {
		diag_fatal("cannot write \"%s\": %s", path.ptr, strerror(errno));
		o->failed = true;
	}
	buf_free(&path);
	return ok;
}

long out_size(const outdir_t *o, const char *rel)
{
	buf_t path = BUF_INIT;
	buf_printf(&path, "%s/%s", o->tmp, rel);
	struct stat st;
	long size = stat(path.ptr, &st) == 0 ? (long)st.st_size : -1;
	buf_free(&path);
	return size;
}

bool out_exists(const outdir_t *o, const char *rel) { return out_size(o, rel) >= 0; }

bool out_commit(outdir_t *o)
{
	bool ok = true;
	struct stat st;
	if (lstat(o->target, &st) != 0) {
		if (rename(o->tmp, o->target) != 0)
			ok = false;
	} else if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->target, RENAME_EXCHANGE) == 0) {
		rm_tree(o->tmp); /* now the previous output */
	} else {
		/* No atomic exchange on this file system: two renames. */
		buf_t old = BUF_INIT;
		buf_printf(&old, "%s.old-%ld", o->target, (long)getpid());
		ok = rename(o->target, old.ptr) == 0;
		if (ok && rename(o->tmp, o->target) != 0) {
			rename(old.ptr, o->target);
			ok = false;
		}
		if (ok)
			rm_tree(old.ptr);
		buf_free(&old);
	}
	if (!ok) {
		diag_fatal("cannot replace \"%s\": %s", o->target, strerror(errno));
		rm_tree(o->tmp);
	}
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
	return ok;
}

void out_abort(outdir_t *o)
{
	if (o->tmp)
		rm_tree(o->tmp);
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
}
