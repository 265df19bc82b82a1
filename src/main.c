/* main.c — the command line: plangen check | build | serve | diff. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backends.h"
#include "buf.h"
#include "diag.h"
#include "load.h"
#include "output.h"
#include "pdf_theme.h"
#include "diff.h"
#include "serve.h"

#define PLANGEN_VERSION "0.1.0"

/* Translated where printed: _(usage). */
static const char usage[] =
	N_("usage: plangen check [--content DIR] [--theme DIR] [--strict] [--verbose] [--lang CODE]\n"
	"       plangen build [--content DIR] [--theme DIR] [--output DIR] [--strict] [--verbose] [--lang CODE] [--press]\n"
	"       plangen serve [--content DIR] [--theme DIR] [--output DIR] [--strict] [--verbose] [--lang CODE] [--port N]\n"
	"       plangen diff OLD NEW [--theme DIR] [--lang CODE] [--format text|csv]\n"
	"       plangen --help | --version\n"
	"\n"
	"  check   read and validate the content, print a summary\n"
	"  build   check, then write the site, PDFs and data files into the output folder\n"
	"  serve   build, serve the output on http://127.0.0.1:N/ and build again on every save\n"
	"  diff    what changed between two editions: content folders or published indicators.json\n"
	"\n"
	"  --content DIR  the content folder (default: content)\n"
	"  --theme DIR    the theme folder (default: themes/default)\n"
	"  --output DIR   the output folder (default: output); replaced only if the build succeeds\n"
	"  --strict       treat warnings (missing English, …) as errors\n"
	"  --verbose      also list the figures whose data the source lacks (data: missing)\n"
	"  --lang CODE    the language of the messages (default: LANG's, else the plan's)\n"
	"  --press        also write the booklets for the printer: downloads/plan-LANG-press.pdf\n"
	"                 (A4 trim, 3 mm bleed, trim marks, CMYK, pages a multiple of 4)\n"
	"  --port N       the port serve listens on, on this computer only (default: 8080)\n"
	"\n"
	"Exit status: 0 success, 1 content errors, 2 usage or environment errors.\n");

typedef struct {
	const char *content, *theme, *output, *port, *lang;
	bool strict, press, verbose;
} options_t;

static void print_summary(const plan_t *p)
{
	printf(_("%d policies, %d measures, %d indicators"), p->npolicies, p->nmeasures, p->nindicators);
	for (int s = 0; s < p->nsets; s++) {
		int n = 0;
		for (int i = 0; i < p->nindicators; i++)
			n += p->indicators[i].set == s;
		printf("%s%s %d", s ? ", " : " (", p->sets[s].id ? p->sets[s].id : "?", n);
	}
	printf(_("%s, %d chapters, %d figures, %d tables\n"), p->nsets ? ")" : "", p->nchapters, p->nfigures,
	       p->ntables);
	for (int s = 0; s < p->nsets; s++) {
		printf("  %s:", p->sets[s].id ? p->sets[s].id : "?");
		for (int m = -1; m < p->nmeasures; m++) {
			int n = 0;
			for (int i = 0; i < p->nindicators; i++)
				n += p->indicators[i].set == s && p->indicators[i].measure == m;
			printf(" %s %d", m < 0 ? "overall" : p->measures[m].id ? p->measures[m].id : "?", n);
		}
		putchar('\n');
	}
	/* How much of the plan each language other than the default has. */
	const coverage_t *c = &p->coverage;
	for (int l = 1; l < p->nlangs; l++) {
		int done = c->translated[l] + c->docs_translated[l], all = c->texts + c->docs;
		printf(_("%s: %.1f%% (%d of %d texts, %d of %d Markdown files)\n"), _(plan_lang_name(p, l)),
		       all ? 100.0 * done / all : 100.0, c->translated[l], c->texts, c->docs_translated[l], c->docs);
	}
}

/* build: the command writes an output folder (build, serve); serve: it serves it. */
static int parse_args(int argc, char **argv, options_t *o, bool build, bool serving)
{
	for (int i = 2; i < argc; i++) {
		const char **dst = NULL;
		if (strcmp(argv[i], "--strict") == 0) {
			o->strict = true;
			continue;
		}
		if (strcmp(argv[i], "--verbose") == 0) {
			o->verbose = true;
			continue;
		}
		if (build && !serving && strcmp(argv[i], "--press") == 0) {
			o->press = true;
			continue;
		}
		if (strcmp(argv[i], "--content") == 0)
			dst = &o->content;
		else if (strcmp(argv[i], "--theme") == 0)
			dst = &o->theme;
		else if (build && strcmp(argv[i], "--output") == 0)
			dst = &o->output;
		else if (serving && strcmp(argv[i], "--port") == 0)
			dst = &o->port;
		else if (strcmp(argv[i], "--lang") == 0)
			dst = &o->lang;
		if (!dst) {
			fprintf(stderr, _("plangen: unknown option \"%s\"\n%s"), argv[i], _(usage));
			return 2;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, _("plangen: %s needs a %s after it\n"), argv[i],
				dst == &o->port ? _("number") : dst == &o->lang ? _("language code") : _("folder"));
			return 2;
		}
		*dst = argv[++i];
	}
	return 0;
}

/* A folder of the installation, found next to the program wherever it is
 * run from: in a checkout (build/plangen or build/san/plangen → themes/default,
 * build/locale) or installed (bin/plangen → share/plangen/themes/default,
 * share/locale); else `fallback` under the current folder.  The caller
 * frees the result. */
static char *beside_program(const char *const places[2], const char *fallback)
{
	char dir[4096];
	ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
	for (int up = 0; n > 0 && up < 3; up++) {
		dir[n] = '\0';
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = '\0';
		n = slash - dir;
		for (size_t i = 0; i < 2; i++) {
			char path[4200];
			struct stat st;
			snprintf(path, sizeof path, places[i], dir);
			if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
				return realpath(path, NULL);
		}
	}
	return xstrdup(fallback);
}

static char *default_theme(void)
{
	static const char *const places[2] = {"%s/themes/default", "%s/share/plangen/themes/default"};
	return beside_program(places, "themes/default");
}

/* The language of the messages: --lang, else the first that LANGUAGE,
 * LC_ALL, LC_MESSAGES or LANG names (ja_JP.UTF-8 → ja; not C or POSIX),
 * else the plan's default language (the loader sets it once plan.yaml is
 * read; PLAN_DEFAULT_LANG until then). */
static void choose_language(const char *option)
{
	static const char *const places[2] = {"%s/locale", "%s/share/locale"};
	char *dir = beside_program(places, "build/locale");
	diag_set_localedir(dir);
	free(dir);
	/* Read before diag_set_lang() sets LANGUAGE for gettext. */
	const char *env = NULL;
	const char *names[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < 4 && !env; i++)
		if (getenv(names[i]) && *getenv(names[i]))
			env = getenv(names[i]);
	char code[16] = "";
	size_t n = env ? strcspn(env, "_.@:") : 0;
	if (n > 0 && n < sizeof code && strcmp(env, "POSIX") != 0 && !(env[0] == 'C' && n == 1)) {
		memcpy(code, env, n);
		code[n] = '\0';
	}
	if (option)
		diag_set_lang(option, true);
	else if (*code)
		diag_set_lang(code, true);
	else
		diag_set_lang(PLAN_DEFAULT_LANG, false);
}

/* The theme is the installation's, not the content's: a missing one is an
 * environment error, found before any work is done. */
static bool theme_ok(const char *theme)
{
	struct stat st;
	if (stat(theme, &st) == 0 && S_ISDIR(st.st_mode))
		return true;
	diag_fatal("cannot open the theme folder \"%s\": %s", theme, errno ? strerror(errno) : "not a folder");
	diag_hint("give the folder that holds page.html, print.yaml, words.yaml, charts.yaml and opendata.yaml: --theme DIR");
	return false;
}

static int finish(plan_t *p, int status)
{
	if (diag_warnings() || diag_gaps() || diag_errors()) {
		int e = diag_errors(), w = diag_warnings(), g = diag_gaps();
		buf_t b = BUF_INIT;
		buf_printf(&b, diag_ntr("%d error", "%d errors", (unsigned long)e), e);
		buf_puts(&b, _(", "));
		buf_printf(&b, diag_ntr("%d warning", "%d warnings", (unsigned long)w), w);
		buf_puts(&b, _(", "));
		buf_printf(&b, diag_ntr("%d figure without data", "%d figures without data", (unsigned long)g), g);
		if (g && !diag_verbose())
			buf_puts(&b, _(" (--verbose lists them)"));
		fprintf(stderr, "%s\n", b.ptr);
		buf_free(&b);
	}
	plan_free(p);
	diag_reset();
	return status;
}

static int run(const options_t *opt, bool build);

/* plangen diff OLD NEW [--theme DIR] [--lang CODE] [--format text|csv] */
static int diff_command(int argc, char **argv)
{
	/* --lang is taken by main() before any command (choose_language). */
	const char *sides[2] = {NULL, NULL}, *theme = NULL, *lang_taken = NULL, *format = "text";
	int nsides = 0;
	for (int i = 2; i < argc; i++) {
		const char **dst = strcmp(argv[i], "--theme") == 0    ? &theme
				   : strcmp(argv[i], "--lang") == 0   ? &lang_taken
				   : strcmp(argv[i], "--format") == 0 ? &format
								      : NULL;
		if (dst && i + 1 < argc) {
			*dst = argv[++i];
		} else if (!dst && argv[i][0] != '-' && nsides < 2) {
			sides[nsides++] = argv[i];
		} else {
			fprintf(stderr, _("plangen: unexpected \"%s\"\n%s"), argv[i], _(usage));
			return 2;
		}
	}
	if (nsides != 2 || (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0)) {
		if (nsides != 2)
			fprintf(stderr, _("plangen: diff compares two editions, OLD and NEW (content folders or "
					  "indicators.json), found %d\n"), nsides);
		else
			fprintf(stderr, _("plangen: --format is text or csv, found \"%s\"\n"), format);
		fputs(_(usage), stderr);
		return 2;
	}
	char *found = theme ? NULL : default_theme();
	if (!theme_ok(theme ? theme : found)) {
		free(found);
		return finish(NULL, 2);
	}
	int rc = diff(sides[0], sides[1], theme ? theme : found, strcmp(format, "csv") == 0);
	free(found);
	/* The editions' known gaps are not news: the last line only for errors,
	 * without them. */
	int counts[4];
	diag_get_counts(counts);
	diag_reset();
	if (counts[0] || counts[3]) {
		counts[2] = 0;
		diag_add_counts(counts);
	}
	return finish(NULL, rc);
}

int main(int argc, char **argv)
{
	const char *lang = NULL;
	for (int i = 2; i + 1 < argc; i++)
		if (strcmp(argv[i], "--lang") == 0)
			lang = argv[i + 1];
	choose_language(lang);
	if (argc < 2) {
		fputs(_(usage), stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(_(usage), stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("plangen " PLANGEN_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "diff") == 0)
		return diff_command(argc, argv);
	bool serving = strcmp(argv[1], "serve") == 0;
	bool build = serving || strcmp(argv[1], "build") == 0;
	if (!build && strcmp(argv[1], "check") != 0) {
		fprintf(stderr, _("plangen: unknown command \"%s\"\n"), argv[1]);
		/* chek, biuld: a command of the same beginning and about the length */
		static const char *const commands[] = {"check", "build", "serve", "diff"};
		for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
			size_t a = strlen(argv[1]), b = strlen(commands[i]);
			if (strncmp(argv[1], commands[i], 1) == 0 && (a > b ? a - b : b - a) <= 1) {
				fprintf(stderr, _("did you mean \"plangen %s\"?\n"), commands[i]);
				break;
			}
		}
		fputs(_(usage), stderr);
		return 2;
	}
	options_t o = {"content", NULL, "output", "8080", NULL, false, false, false};
	int rc = parse_args(argc, argv, &o, build, serving);
	if (rc)
		return rc;
	char *end;
	long port = strtol(o.port, &end, 10);
	if (*end || port < 1 || port > 65535) {
		fprintf(stderr, _("plangen: the port should be a number from 1 to 65535, found \"%s\"\n"), o.port);
		return 2;
	}
	char *theme = o.theme ? NULL : default_theme();
	if (theme)
		o.theme = theme;
	if (serving)
		rc = theme_ok(o.theme) ? serve(o.content, o.theme, o.output, (int)port, o.strict, o.verbose, o.lang) : 2;
	else
		rc = run(&o, build);
	free(theme);
	return rc;
}

static int run(const options_t *opt, bool build)
{
	options_t o = *opt;
	diag_set_strict(o.strict);
	diag_set_verbose(o.verbose);

	outdir_t out;
	const char *protect[] = {o.content, o.theme, NULL};
	if (!theme_ok(o.theme) || (build && !out_begin(&out, o.output, protect)))
		return finish(NULL, 2);
	bool env_error;
	plan_t *p = load_content(o.content, o.theme, &env_error);
	/* The print style and the open data's definitions are checked with the
	 * content, so that their mistakes show before a build (which reads
	 * them again). */
	theme_t th;
	if (!build && !env_error) {
		theme_load(&th, o.theme), theme_free(&th);
		data_defs_free(data_defs_load(o.theme));
	}
	if (env_error || diag_errors()) {
		if (build)
			out_abort(&out);
		return finish(p, env_error || diag_fatals() ? 2 : 1);
	}
	if (!build) {
		print_summary(p);
		return finish(p, 0);
	}

	bool ok = backends_write(p, o.theme, o.press, &out);
	if (!ok || out.failed) {
		out_abort(&out);
		return finish(p, diag_fatals() || out.failed ? 2 : 1);
	}
	if (!out_commit(&out))
		return finish(p, 2);
	print_summary(p);
	printf(_("wrote %s\n"), o.output);
	return finish(p, 0);
}
