/* output.c — a new output folder, swapped in whole; nothing else replaced. */
#define _GNU_SOURCE
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"

static const char marker_text[] =
	"This folder was written by plangen. Each build replaces it whole: edit content/ instead.\n";

/* ---- removing a folder ---------------------------------------------------
 *
 * Plain system calls only (openat, getdents64, unlinkat), no allocation, so
 * the same function serves the signal handler.  Symbolic links are removed,
 * never followed. */

#define RM_MAX_DEPTH 32

/* The marker of a folder being removed goes last: a removal that stops
 * half-way leaves a folder the next build still knows as its own. */
static int rm_at(int dirfd, const char *name, int depth)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOTDIR || errno == ELOOP ? unlinkat(dirfd, name, 0) : -1;
	int rc = 0;
	if (depth >= RM_MAX_DEPTH) {
		errno = ELOOP;
		rc = -1;
	}
	/* Entries removed while the folder is read may shift the rest: read it
	 * again from the start until a pass finds nothing to remove. */
	for (int pass = 0; rc == 0 && pass < 64; pass++) {
		char chunk[2048] __attribute__((aligned(8)));
		bool removed = false;
		ssize_t n;
		lseek(fd, 0, SEEK_SET);
		while (rc == 0 && (n = getdents64(fd, chunk, sizeof chunk)) > 0) {
			for (ssize_t off = 0; off < n;) {
				struct dirent64 *e = (struct dirent64 *)(chunk + off);
				off += e->d_reclen;
				if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
					continue;
				if (strcmp(e->d_name, OUT_MARKER) == 0)
					continue;
				bool dir = e->d_type == DT_DIR;
				if (e->d_type == DT_UNKNOWN) {
					struct stat st;
					dir = fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
				}
				if ((dir ? rm_at(fd, e->d_name, depth + 1) : unlinkat(fd, e->d_name, 0)) != 0) {
					rc = -1;
					break;
				}
				removed = true;
			}
		}
		if (!removed)
			break;
	}
	if (rc == 0 && unlinkat(fd, OUT_MARKER, 0) != 0 && errno != ENOENT)
		rc = -1;
	int err = errno;
	close(fd);
	if (rc == 0)
		rc = unlinkat(dirfd, name, AT_REMOVEDIR);
	else
		errno = err;
	return rc;
}

static int rm_tree(const char *path) { return rm_at(AT_FDCWD, path, 0); }

/* ---- signals ------------------------------------------------------------ */

static char sig_tmp[PATH_MAX];
static pid_t sig_owner, sig_children[16];

static void on_signal(int sig)
{
	if (getpid() == sig_owner) {
		for (size_t i = 0; i < sizeof sig_children / sizeof *sig_children; i++)
			if (sig_children[i] > 0) {
				kill(sig_children[i], SIGKILL);
				waitpid(sig_children[i], NULL, 0);
			}
		if (sig_tmp[0])
			rm_tree(sig_tmp);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};

static void handle_signals(void (*handler)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof stop_signals / sizeof *stop_signals; i++)
		sigaction(stop_signals[i], &sa, NULL);
}

static void block_signals(bool block)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof stop_signals / sizeof *stop_signals; i++)
		sigaddset(&set, stop_signals[i]);
	sigprocmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

pid_t out_fork(void)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		/* A child outliving a killed build would hold the folder's lock
		 * and write into it: it dies with its parent. */
		handle_signals(SIG_DFL);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(1);
	} else if (pid > 0) {
		for (size_t i = 0; i < sizeof sig_children / sizeof *sig_children; i++)
			if (sig_children[i] == 0) {
				sig_children[i] = pid;
				break;
			}
	}
	return pid;
}

int out_wait(pid_t child)
{
	int status = 0;
	if (waitpid(child, &status, 0) != child)
		status = -1;
	for (size_t i = 0; i < sizeof sig_children / sizeof *sig_children; i++)
		if (sig_children[i] == child)
			sig_children[i] = 0;
	return status;
}

/* ---- what may be replaced ----------------------------------------------- */

/* The absolute path of `path`, whose parent folder exists; NULL if not. */
static char *absolute(const char *path)
{
	char *real = realpath(path, NULL);
	if (real)
		return real;
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	char *rdir = realpath(dir, NULL);
	free(dir);
	if (!rdir)
		return NULL;
	buf_t b = BUF_INIT;
	buf_printf(&b, "%s%s%s", rdir, strcmp(rdir, "/") ? "/" : "", slash ? slash + 1 : path);
	free(rdir);
	return buf_detach(&b);
}

/* Whether `inner` is `outer` or lies inside it (both absolute). */
static bool within(const char *inner, const char *outer)
{
	size_t n = strlen(outer);
	if (strcmp(outer, "/") == 0)
		return true;
	return strncmp(inner, outer, n) == 0 && (inner[n] == '\0' || inner[n] == '/');
}

static bool is_marked(const char *dir)
{
	buf_t m = BUF_INIT;
	buf_printf(&m, "%s/%s", dir, OUT_MARKER);
	struct stat st;
	bool ok = lstat(m.ptr, &st) == 0 && S_ISREG(st.st_mode);
	buf_free(&m);
	return ok;
}

static bool is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return false;
	struct dirent *e;
	bool empty = true;
	while (empty && (e = readdir(d)))
		empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
	closedir(d);
	return empty;
}

/* Whether target is, holds or lies inside one of the protected folders;
 * reported when it does. */
static bool is_protected(const char *target, const char *const *protect)
{
	char *abs = absolute(target);
	bool hit = false;
	for (int i = 0; !hit && abs && protect && protect[i]; i++) {
		char *p = realpath(protect[i], NULL);
		if (p && (within(p, abs) || within(abs, p))) {
			diag_fatal(strcmp(p, abs) == 0 ? "the output \"%s\" is the folder \"%s\" that plangen reads"
				   : within(p, abs) ? "the output \"%s\" holds the folder \"%s\" that plangen reads"
						    : "the output \"%s\" is inside the folder \"%s\" that plangen reads",
				   target, protect[i]);
			diag_hint("write the output to a folder of its own, e.g. --output output");
			hit = true;
		}
		free(p);
	}
	free(abs);
	return hit;
}

/* Whether target may be replaced (see output.h); reported when not. */
static bool may_replace(const char *target, const char *const *protect)
{
	if (is_protected(target, protect))
		return false;
	struct stat st;
	if (lstat(target, &st) != 0) {
		if (errno == ENOENT)
			return true;
		diag_fatal("cannot look at the output folder \"%s\": %s", target, strerror(errno));
		return false;
	}
	if (S_ISLNK(st.st_mode)) {
		char to[PATH_MAX];
		ssize_t n = readlink(target, to, sizeof to - 1);
		to[n < 0 ? 0 : n] = '\0';
		diag_fatal("the output \"%s\" is a symbolic link to \"%s\"; plangen does not replace links", target, to);
		diag_hint("give the folder itself: --output %s", to);
		return false;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_fatal("the output \"%s\" is %s, not a folder; plangen does not replace it", target,
			   S_ISREG(st.st_mode) ? "a file" : "a special file (a device, a pipe or a socket)");
		diag_hint("give a new or empty folder, e.g. --output output");
		return false;
	}
	if (!is_marked(target) && !is_empty(target)) {
		diag_fatal("the output folder \"%s\" holds files that plangen did not write; it is left as it is",
			   target);
		diag_hint("give a new or empty folder, or one that plangen wrote before (it holds %s)", OUT_MARKER);
		return false;
	}
	return true;
}

/* ---- leftovers of killed builds ----------------------------------------- */

/* The letters mkdtemp() puts after the name. */
enum { MKDTEMP_TAG = 6 };

static void split_path(const char *target, char **dir, const char **base)
{
	const char *slash = strrchr(target, '/');
	*dir = slash ? xstrndup(target, slash == target ? 1 : (size_t)(slash - target)) : xstrdup(".");
	*base = slash ? slash + 1 : target;
}

/* Whether the marker's lock is free, or is freed within half a second: a
 * build killed with SIGKILL leaves its booklet processes, which hold the
 * lock too, for the moment they take to die with it (PR_SET_PDEATHSIG). */
static bool lock_free_soon(int fd)
{
	for (int i = 0; i < 25; i++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return true;
		nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
	}
	return false;
}

/* Removes the folders .BASE.plangen-… beside the target whose marker is
 * not locked: their build is gone.  An empty folder of a build's name
 * without a marker is one killed between making it and its marker; a
 * build that loses its folder so makes another (out_begin).  A previous output left aside by a
 * fallback swap that was killed goes back in place when the target is
 * missing. */
static void clean_stale(const char *target)
{
	char *dir;
	const char *base;
	split_path(target, &dir, &base);
	buf_t prefix = BUF_INIT;
	buf_printf(&prefix, ".%s.plangen-", base);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, prefix.ptr, prefix.len) != 0)
			continue;
		buf_t path = BUF_INIT, mark = BUF_INIT;
		buf_printf(&path, "%s/%s", dir, e->d_name);
		buf_printf(&mark, "%s/%s", path.ptr, OUT_MARKER);
		struct stat st;
		int fd = lstat(path.ptr, &st) == 0 && S_ISDIR(st.st_mode)
				 ? open(mark.ptr, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
				 : -1;
		if (fd < 0 && errno == ENOENT && strlen(e->d_name + prefix.len) == MKDTEMP_TAG)
			rmdir(path.ptr); /* made, then killed before its marker: empty, or rmdir fails */
		if (fd >= 0 && lock_free_soon(fd)) {
			bool old = strncmp(e->d_name + prefix.len, "old-", 4) == 0;
			if (!(old && lstat(target, &st) != 0 && errno == ENOENT && rename(path.ptr, target) == 0) &&
			    rm_tree(path.ptr) != 0)
				diag_warning(POS_NONE, "cannot remove \"%s\", left by an earlier build: %s", path.ptr,
					     strerror(errno));
		}
		if (fd >= 0)
			close(fd);
		buf_free(&path);
		buf_free(&mark);
	}
	if (d)
		closedir(d);
	buf_free(&prefix);
	free(dir);
}

/* ---- the build's folder ------------------------------------------------- */

/* A new folder .BASE.plangen-TAG-XXXXXX beside the target; NULL (errno). */
static char *make_beside(const char *target, const char *tag)
{
	char *dir;
	const char *base;
	split_path(target, &dir, &base);
	buf_t b = BUF_INIT;
	buf_printf(&b, "%s/.%s.plangen-%sXXXXXX", dir, base, tag);
	free(dir);
	if (!mkdtemp(b.ptr)) {
		buf_free(&b);
		return NULL;
	}
	chmod(b.ptr, 0755);
	return buf_detach(&b);
}

static void forget(outdir_t *o)
{
	sig_tmp[0] = '\0';
	if (o->lock >= 0)
		close(o->lock);
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
	o->lock = -1;
}

bool out_begin(outdir_t *o, const char *target, const char *const *protect)
{
	size_t len = strlen(target);
	while (len > 1 && target[len - 1] == '/')
		len--;
	o->target = xstrndup(target, len);
	o->tmp = NULL;
	o->lock = -1;
	o->failed = false;
	if (!may_replace(o->target, protect)) {
		forget(o);
		return false;
	}
	clean_stale(o->target);
	/* From the folder's creation on, a signal removes it: none may come
	 * between the two. */
	block_signals(true);
	buf_t mark = BUF_INIT;
	for (int tries = 0; tries < 8 && o->lock < 0; tries++) {
		free(o->tmp);
		o->tmp = make_beside(o->target, "");
		if (!o->tmp)
			break;
		buf_free(&mark);
		buf_printf(&mark, "%s/%s", o->tmp, OUT_MARKER);
		o->lock = open(mark.ptr, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (o->lock < 0 && errno != ENOENT) /* ENOENT: another build's clean_stale took it */
			break;
	}
	if (o->lock < 0 || flock(o->lock, LOCK_EX) != 0 ||
	    write(o->lock, marker_text, sizeof marker_text - 1) != (ssize_t)sizeof marker_text - 1) {
		diag_fatal("cannot create a folder beside \"%s\": %s", o->target, strerror(errno));
		if (o->tmp)
			rm_tree(o->tmp);
		buf_free(&mark);
		forget(o);
		block_signals(false);
		return false;
	}
	buf_free(&mark);
	if (strlen(o->tmp) < sizeof sig_tmp) {
		memcpy(sig_tmp, o->tmp, strlen(o->tmp) + 1);
		sig_owner = getpid();
		handle_signals(on_signal);
	}
	block_signals(false);
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

/* Without an atomic exchange (a file system that lacks it, or
 * PLANGEN_NO_EXCHANGE set for the tests): the previous output is renamed
 * aside first, then the new one into its place.  Should the build be killed
 * between the two, the next build puts the previous output back. */
static bool swap_by_renames(outdir_t *o, char **old)
{
	*old = make_beside(o->target, "old-");
	if (!*old)
		return false;
	if (rename(o->target, *old) != 0) {
		int err = errno;
		rmdir(*old);
		errno = err;
		return false;
	}
	if (rename(o->tmp, o->target) != 0) {
		int err = errno;
		rename(*old, o->target);
		errno = err;
		return false;
	}
	return true;
}

bool out_commit(outdir_t *o)
{
	/* The swap is not interrupted: a signal waits until it is done. */
	block_signals(true);
	bool ok = may_replace(o->target, NULL), reported = !ok;
	char *old = NULL;
	struct stat st;
	if (ok && lstat(o->target, &st) != 0) {
		ok = rename(o->tmp, o->target) == 0;
	} else if (ok) {
		const char *force = getenv("PLANGEN_NO_EXCHANGE");
		if (!(force && *force) && renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->target, RENAME_EXCHANGE) == 0)
			old = xstrdup(o->tmp); /* now the previous output */
		else if ((force && *force) || errno == EINVAL || errno == ENOSYS || errno == ENOTSUP)
			ok = swap_by_renames(o, &old);
		else
			ok = false;
	}
	if (!ok) {
		if (!reported)
			diag_fatal("cannot replace \"%s\": %s", o->target, strerror(errno));
		rm_tree(o->tmp);
	} else if (old && rm_tree(old) != 0) {
		diag_fatal("the new output is in \"%s\", but the previous one could not be removed from \"%s\": %s",
			   o->target, old, strerror(errno));
		diag_hint("remove that folder by hand");
		ok = false;
	}
	free(old);
	forget(o);
	block_signals(false);
	return ok;
}

void out_abort(outdir_t *o)
{
	block_signals(true);
	if (o->tmp)
		rm_tree(o->tmp);
	forget(o);
	block_signals(false);
}
