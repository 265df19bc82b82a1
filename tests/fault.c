/* fault.c — LD_PRELOAD shim for the tests: unlinkat() fails with EPERM on
 * any name that contains "undeletable", as on a file a build cannot remove
 * (root can remove anything else, so permissions cannot stage it). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <string.h>

int unlinkat(int dirfd, const char *path, int flags);

int unlinkat(int dirfd, const char *path, int flags)
{
	static int (*real)(int, const char *, int);
	if (strstr(path, "undeletable")) {
		errno = EPERM;
		return -1;
	}
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "unlinkat");
	return real(dirfd, path, flags);
}
