/* fuzz_build.c — libFuzzer target for the whole pipeline: mutated content
 * goes through load_content() and, when it has no errors, every back-end
 * (site, SVG, PDF booklets, open data) into a scratch output folder, as
 * `plangen build` does (src/main.c).  tests/fuzz.c fuzzes the two parsers
 * alone, much faster.
 *
 * The input is a set of content files, each after a separator line:
 *
 *     @@ structure.yaml
 *     philosophy: …
 *     @@ ja/measures/m1.md
 *     講座を行います。
 *     @@ -en/measures/m1.md
 *
 * A file named on a "@@ NAME" line gets the text up to the next such line
 * (the newline before it included); every other file keeps the text of
 * tests/fixture/.  NAME is a fixture file, or a new Markdown file
 * {ja,en}/{chapters,policies,measures}/ID.md (ID of letters, digits, - and
 * _).  "@@ -NAME" removes a fixture file instead, e.g. an English text, so
 * the back-ends take their fallbacks.  Text before the first separator, and
 * under any other name, is ignored.  tests/fuzz_input.py unpacks an input
 * into a content folder for build/plangen.
 *
 * The fixture is copied once per process into a scratch folder
 * ($TMPDIR/plangen-fuzz-XXXXXX, removed at exit; a crash leaves it, with the
 * crashing content in it); each run writes only the files it names and
 * restores them afterwards.  The fixture and the theme
 * (themes/default) are found in PLANGEN_ROOT, by default the folder above
 * the binary's (build/fuzz_build → .).  The booklets are typeset in this
 * process (PLANGEN_NO_FORK), so the sanitizers see them too.
 *
 * Content that loads without errors must build: a failing back-end aborts,
 * which libFuzzer reports as a crash. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hpdf.h>

#include "backends.h"
#include "buf.h"
#include "diag.h"
#include "files.h"
#include "load.h"
#include "output.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
	char *rel;  /* "ja/measures/m1.md" */
	char *text; /* the fixture's bytes */
	size_t len;
	bool dirty; /* changed by this run */
} file_t;

#define MAX_NEW 16 /* new Markdown files per input; more are ignored */

static struct {
	char *scratch, *content, *output, *theme, *fixture;
	file_t *files;
	int nfiles;
	char *created[MAX_NEW]; /* paths of new files, removed after the run */
	int ncreated;
} fz;

static void die(const char *what, const char *path)
{
	fprintf(stderr, "fuzz_build: %s \"%s\": %s\n", what, path, strerror(errno));
	exit(2);
}

static void write_all(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die("cannot write", path);
	for (size_t done = 0; done < len;) {
		ssize_t n = write(fd, (const char *)data + done, len - done);
		if (n < 0)
			die("cannot write", path);
		done += (size_t)n;
	}
	close(fd);
}

static char *join(const char *a, const char *b)
{
	buf_t p = BUF_INIT;
	buf_printf(&p, "%s/%s", a, b);
	return buf_detach(&p);
}

/* zlib compressing the embedded fonts is two thirds of a build's time and
 * none of plangen's code: this definition takes the place of libharu's, so
 * the fuzzer's booklets stay uncompressed (libharu's default) and a run
 * takes a third of the time. */
HPDF_STATUS HPDF_SetCompressionMode(HPDF_Doc pdf, HPDF_UINT mode)
{
	(void)pdf, (void)mode;
	return HPDF_OK;
}

/* ---- the scratch copy of the fixture, made once ------------------------- */

static int copy_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)ftw;
	const char *rel = path + strlen(fz.fixture);
	if (*rel == '/')
		rel++;
	char *dst = join(fz.content, rel);
	if (flag == FTW_D) {
		if (*rel && mkdir(dst, 0755) != 0)
			die("cannot make", dst);
	} else if (flag == FTW_F) {
		file_t *f;
		fz.files = xrealloc(fz.files, sizeof *fz.files * (size_t)(fz.nfiles + 1));
		f = &fz.files[fz.nfiles++];
		f->rel = xstrdup(rel);
		f->dirty = false;
		files_status status;
		if (!(f->text = files_read(fz.fixture, rel, FILES_TEXT_LIMIT, &f->len, &status, NULL)))
			die("cannot read", path);
		write_all(dst, f->text, f->len);
	}
	free(dst);
	return 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	if (fz.scratch)
		nftw(fz.scratch, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	char root[PATH_MAX];
	const char *env = getenv("PLANGEN_ROOT");
	if (env && *env) {
		snprintf(root, sizeof root, "%s", env);
	} else {
		ssize_t n = readlink("/proc/self/exe", root, sizeof root - 1);
		if (n < 0)
			die("cannot find", "/proc/self/exe");
		root[n] = '\0';
		char *up = xstrdup(dirname(dirname(root)));
		snprintf(root, sizeof root, "%s", up);
		free(up);
	}
	fz.fixture = join(root, "tests/fixture");
	fz.theme = join(root, "themes/default");
	struct stat st;
	if (stat(fz.fixture, &st) != 0 || stat(fz.theme, &st) != 0) {
		fprintf(stderr, "fuzz_build: no tests/fixture and themes/default in \"%s\"; set PLANGEN_ROOT\n", root);
		exit(2);
	}
	setenv("PLANGEN_NO_FORK", "1", 1);

	const char *tmp = getenv("TMPDIR");
	fz.scratch = join(tmp && *tmp ? tmp : "/tmp", "plangen-fuzz-XXXXXX");
	if (!mkdtemp(fz.scratch))
		die("cannot make", fz.scratch);
	atexit(cleanup);
	fz.content = join(fz.scratch, "content");
	fz.output = join(fz.scratch, "out");
	if (mkdir(fz.content, 0755) != 0)
		die("cannot make", fz.content);
	if (nftw(fz.fixture, copy_entry, 16, FTW_PHYS) != 0)
		die("cannot copy", fz.fixture);
	return 0;
}

/* ---- one input ---------------------------------------------------------- */

static bool one_of(const char *s, size_t len, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == len && memcmp(s, *words, len) == 0)
			return true;
	return false;
}

/* {ja,en}/{chapters,policies,measures}/ID.md: a file the loader looks for. */
static bool new_md_name(const char *s, size_t len)
{
	static const char *const langs[] = {"ja", "en", NULL};
	static const char *const subs[] = {"chapters", "policies", "measures", NULL};
	const char *a = memchr(s, '/', len), *b = a ? memchr(a + 1, '/', len - (size_t)(a + 1 - s)) : NULL;
	if (!b || !one_of(s, (size_t)(a - s), langs) || !one_of(a + 1, (size_t)(b - a - 1), subs))
		return false;
	const char *id = b + 1, *end = s + len;
	if (end - id < 4 || end - id > 64 || memcmp(end - 3, ".md", 3) != 0)
		return false;
	for (const char *c = id; c < end - 3; c++)
		if (!(('a' <= *c && *c <= 'z') || ('A' <= *c && *c <= 'Z') || ('0' <= *c && *c <= '9') || *c == '-' ||
		      *c == '_'))
			return false;
	return true;
}

static void apply(const char *name, size_t nlen, const char *text, size_t len)
{
	bool remove_it = nlen > 0 && name[0] == '-';
	if (remove_it)
		name++, nlen--;
	for (int i = 0; i < fz.nfiles; i++) {
		file_t *f = &fz.files[i];
		if (strlen(f->rel) == nlen && memcmp(f->rel, name, nlen) == 0) {
			char *path = join(fz.content, f->rel);
			if (remove_it)
				unlink(path);
			else
				write_all(path, text, len);
			f->dirty = true;
			free(path);
			return;
		}
	}
	if (remove_it || !new_md_name(name, nlen) || fz.ncreated == MAX_NEW)
		return;
	char *rel = xstrndup(name, nlen);
	char *path = join(fz.content, rel);
	free(rel);
	write_all(path, text, len);
	for (int i = 0; i < fz.ncreated; i++)
		if (strcmp(fz.created[i], path) == 0) {
			free(path);
			return;
		}
	fz.created[fz.ncreated++] = path;
}

/* Where the separator line at or after i starts ("@@ " at a line start). */
static size_t next_sep(const char *s, size_t size, size_t i)
{
	for (; i + 3 <= size; i++) {
		if ((i == 0 || s[i - 1] == '\n') && memcmp(s + i, "@@ ", 3) == 0)
			return i;
		const char *nl = memchr(s + i, '\n', size - i);
		if (!nl)
			break;
		i = (size_t)(nl - s);
	}
	return size;
}

static void restore(void)
{
	for (int i = 0; i < fz.nfiles; i++) {
		file_t *f = &fz.files[i];
		if (f->dirty) {
			char *path = join(fz.content, f->rel);
			write_all(path, f->text, f->len);
			free(path);
			f->dirty = false;
		}
	}
	for (int i = 0; i < fz.ncreated; i++) {
		unlink(fz.created[i]);
		free(fz.created[i]);
	}
	fz.ncreated = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	for (size_t i = next_sep(s, size, 0); i < size;) {
		const char *name = s + i + 3;
		const char *nl = memchr(name, '\n', size - (size_t)(name - s));
		size_t nlen = nl ? (size_t)(nl - name) : size - (size_t)(name - s);
		size_t body = nl ? (size_t)(nl + 1 - s) : size;
		size_t next = next_sep(s, size, body);
		apply(name, nlen, s + body, next - body);
		i = next;
	}

	bool env_error;
	plan_t *p = load_content(fz.content, fz.theme, &env_error);
	if (!env_error && !diag_errors()) {
		outdir_t out;
		if (!out_begin(&out, fz.output, NULL))
			abort();
		bool ok = backends_write(p, fz.theme, false, &out) && !out.failed;
		out_abort(&out);
		/* The fixture's theme and fonts are sound: content that passed
		 * the checks and still fails to build is a bug. */
		if (!ok) {
			fprintf(stderr, "fuzz_build: content without errors did not build\n");
			abort();
		}
	}
	plan_free(p);
	diag_reset();
	restore();
	return 0;
}
