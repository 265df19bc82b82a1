/* hyph.c — libhyphen's patterns for the line breaker. */
#include "hyph.h"

#include <dirent.h>
#include <hyphen.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define DIR_HYPHEN "/usr/share/hyphen"

struct hyph {
	HyphenDict *dict;
};

hyph_t *hyph_open(const char *lang)
{
	buf_t path = BUF_INIT;
	buf_printf(&path, "%s/hyph_%s.dic", DIR_HYPHEN, lang);
	HyphenDict *dict = hnj_hyphen_load(path.ptr);
	if (!dict) {
		/* hyph_en_US.dic: the first region's, in name order. */
		struct dirent **names;
		int n = scandir(DIR_HYPHEN, &names, NULL, alphasort);
		buf_t prefix = BUF_INIT;
		buf_printf(&prefix, "hyph_%s_", lang);
		for (int i = 0; i < n; i++) {
			if (!dict && strncmp(names[i]->d_name, prefix.ptr, prefix.len) == 0) {
				buf_free(&path);
				buf_printf(&path, "%s/%s", DIR_HYPHEN, names[i]->d_name);
				dict = hnj_hyphen_load(path.ptr);
			}
			free(names[i]);
		}
		if (n >= 0)
			free(names);
		buf_free(&prefix);
	}
	buf_free(&path);
	if (!dict)
		return NULL;
	hyph_t *h = xcalloc(1, sizeof *h);
	h->dict = dict;
	return h;
}

void hyph_close(hyph_t *h)
{
	if (!h)
		return;
	hnj_hyphen_free(h->dict);
	free(h);
}

/* before[i]: a hyphen may end a line before byte i of the word (lower-case
 * ASCII letters), three letters at least on either side. */
static void points(void *ctx, const char *word, size_t len, bool *before)
{
	hyph_t *h = ctx;
	memset(before, 0, len * sizeof *before);
	if (len < 5 || len > 200)
		return;
	char *hyphens = xmalloc(len + 5);
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	if (hnj_hyphen_hyphenate3(h->dict, word, (int)len, hyphens, NULL, &rep, &pos, &cut, 3, 3, 3, 3) == 0)
		for (size_t i = 0; i + 1 < len; i++)
			before[i + 1] = hyphens[i] & 1;
	if (rep) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	free(hyphens);
}

void hyph_attach(pdf_metrics *m, hyph_t *h)
{
	m->hyphenate = h ? points : NULL;
	m->hyph_ctx = h;
}
