/* pdf_theme.c — print.yaml: page, fonts, type sizes and colours of the booklets. */
#include "pdf_theme.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "files.h"
#include "load.h"


static void check_keys(const ynode *map, const char *const *keys)
{
	if (map && map->type == Y_MAP)
		load_check_keys(map, keys, "the print style");
}

static void theme_num(const ynode *map, const char *key, double *v, double lo, double hi)
{
	const ynode *n = ytree_get(map, key);
	if (!n)
		return;
	char *end = NULL;
	double d = n->type == Y_SCALAR ? strtod(n->str, &end) : NAN;
	if (!end || *end || end == n->str || !(d >= lo && d <= hi)) {
		diag_error(n->pos, "%s should be a number from %g to %g", key, lo, hi);
		return;
	}
	*v = d;
}

static void theme_rgb(const ynode *map, const char *key, pdf_rgb *v)
{
	const ynode *n = ytree_get(map, key);
	if (!n)
		return;
	unsigned r, g, b;
	char tail;
	if (n->type != Y_SCALAR || sscanf(n->str, "#%2x%2x%2x%c", &r, &g, &b, &tail) != 3 || strlen(n->str) != 7) {
		diag_error(n->pos, "the colour %s should be written \"#RRGGBB\"", key);
		diag_hint("for example \"#1F4E79\", in double quotes");
		return;
	}
	*v = (pdf_rgb){(unsigned char)r, (unsigned char)g, (unsigned char)b};
}

/* A setting of one of two words (in `map`, under `section`): *out is
 * whether it is the first. */
static void theme_either(const ynode *map, const char *section, const char *key, const char *yes, const char *no,
			 bool *out)
{
	const ynode *n = ytree_get(map, key);
	if (!n)
		return;
	if (n->str && (strcmp(n->str, yes) == 0 || strcmp(n->str, no) == 0))
		*out = strcmp(n->str, yes) == 0;
	else
		diag_error(n->pos, "%s: %s should be %s or %s", section, key, yes, no);
}

static void theme_defaults(theme_t *t)
{
	memset(t, 0, sizeof *t);
	const double mm = 72 / 25.4;
	t->g = (pdf_geometry){595.276, 841.89, 20 * mm, 20 * mm, 22 * mm, 20 * mm};
	static const char *const fam[2][F_COUNT] = {
		{"BIZ UDMincho", "BIZ UDPGothic", "BIZ UDPGothic", "BIZ UDPMincho"},
		{"BIZ UDPMincho", "BIZ UDPGothic", "BIZ UDPGothic", "BIZ UDPMincho"}};
	for (int l = 0; l < 2; l++) {
		strcpy(t->fonts[l].code, l ? "en" : "ja");
		for (int f = 0; f < F_COUNT; f++)
			t->fonts[l].family[f] = xstrdup(fam[l][f]);
	}
	t->nfonts = 2;
	t->body = 10, t->leading = 1.75, t->leading_latin = 1.45, t->small = 8.5, t->table = 8, t->revisions = 7, t->revisions_en = 8;
	t->part = 17, t->section = 13, t->subsection = 11.5, t->minor = 10.5, t->title = 24, t->chart_scale = 0.62;
	t->ink = (pdf_rgb){0x22, 0x22, 0x22};
	t->accent = (pdf_rgb){0x1F, 0x4E, 0x79};
	t->muted = (pdf_rgb){0x4D, 0x4D, 0x4D};
	t->rule = (pdf_rgb){0x80, 0x80, 0x80};
	t->shade = (pdf_rgb){0xE3, 0xEA, 0xF2};
	t->band = (pdf_rgb){0xF2, 0xF5, 0xF9};
	t->justify_en = true;
	t->revisions_turned_en = true;
}

void theme_free(theme_t *t)
{
	for (int l = 0; l < t->nfonts; l++)
		for (int f = 0; f < F_COUNT; f++)
			free(t->fonts[l].family[f]);
}

char *const *theme_families(const theme_t *t, const language_t *lang)
{
	int ja = 0, en = 0;
	for (int l = 0; l < t->nfonts; l++) {
		if (strcmp(t->fonts[l].code, lang->code) == 0)
			return t->fonts[l].family;
		if (strcmp(t->fonts[l].code, "ja") == 0)
			ja = l;
		if (strcmp(t->fonts[l].code, "en") == 0)
			en = l;
	}
	return t->fonts[lang->cjk ? ja : en].family;
}

/* Reads dir/print.yaml over the defaults; false after reporting errors. */
bool theme_load(theme_t *t, const char *dir)
{
	theme_defaults(t);
	buf_t path = BUF_INIT;
	buf_printf(&path, "%s/print.yaml", dir);
	size_t len;
	char *text = files_theme(dir, "print.yaml", &len);
	if (!text) {
		buf_free(&path);
		return false;
	}
	int errors = diag_errors();
	int file = diag_file_add(path.ptr, text, len);
	ynode *root = ytree_parse(file, text, len);
	free(text);
	buf_free(&path);
	if (!root)
		return false;
	static const char *const top[] = {"page", "fonts", "sizes", "colours", "english", "additions", NULL};
	check_keys(root, top);
	const ynode *page = ytree_get(root, "page");
	static const char *const page_keys[] = {"size", "margin_top", "margin_bottom", "margin_left", "margin_right",
						NULL};
	check_keys(page, page_keys);
	const ynode *size = ytree_get(page, "size");
	if (size) {
		static const struct {
			const char *name;
			double w, h;
		} sizes[] = {{"A4", 595.276, 841.89}, {"A5", 419.528, 595.276}, {"B5", 515.906, 728.504},
			     {"Letter", 612, 792}};
		bool found = false;
		for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
			if (size->str && strcasecmp(size->str, sizes[i].name) == 0)
				t->g.width = sizes[i].w, t->g.height = sizes[i].h, found = true;
		if (!found) {
			diag_error(size->pos, "unknown page size \"%s\"", size->str ? size->str : "");
			diag_hint("write A4, A5, B5 or Letter");
		}
	}
	const double mm = 72 / 25.4;
	double m[4] = {t->g.top / mm, t->g.bottom / mm, t->g.left / mm, t->g.right / mm};
	theme_num(page, "margin_top", &m[0], 12, 60);
	theme_num(page, "margin_bottom", &m[1], 12, 60);
	theme_num(page, "margin_left", &m[2], 8, 60);
	theme_num(page, "margin_right", &m[3], 8, 60);
	t->g.top = m[0] * mm, t->g.bottom = m[1] * mm, t->g.left = m[2] * mm, t->g.right = m[3] * mm;

	const ynode *fonts = ytree_get(root, "fonts");
	static const char *const role_keys[] = {"body", "sans", "bold", "latin", NULL};
	if (fonts && fonts->type != Y_MAP)
		diag_error(fonts->pos, "the fonts are given per language: fonts: {ja: {body: …}, en: {…}}");
	for (int i = 0; fonts && fonts->type == Y_MAP && i < fonts->n; i++) {
		const ynode *key = fonts->items[2 * i], *fl = fonts->items[2 * i + 1];
		int l = 0;
		while (l < t->nfonts && strcmp(t->fonts[l].code, key->str ? key->str : "") != 0)
			l++;
		if (l == t->nfonts) {
			if (l == MAX_LANGS || !key->str || strlen(key->str) >= sizeof t->fonts[l].code) {
				diag_error(key->pos, "fonts for at most %d languages, each named by its code", MAX_LANGS);
				continue;
			}
			strcpy(t->fonts[l].code, key->str);
			for (int r = 0; r < F_COUNT; r++)
				t->fonts[l].family[r] = xstrdup(t->fonts[0].family[r]);
			t->nfonts++;
		}
		check_keys(fl, role_keys);
		for (int r = 0; r < F_COUNT; r++) {
			const ynode *n = ytree_get(fl, role_keys[r]);
			if (!n)
				continue;
			if (n->type != Y_SCALAR || !n->len) {
				diag_error(n->pos, "a font is given by its family name, e.g. BIZ UDPGothic");
				continue;
			}
			free(t->fonts[l].family[r]);
			t->fonts[l].family[r] = xstrdup(n->str);
		}
	}
	const ynode *sz = ytree_get(root, "sizes");
	const struct {
		const char *key;
		double *v, lo, hi;
	} sizes[] = {
		{"body", &t->body, 5, 60},
		{"leading", &t->leading, 1, 3},
		{"leading_latin", &t->leading_latin, 1, 3},
		{"small", &t->small, 5, 60},
		{"table", &t->table, 5, 60},
		{"revisions", &t->revisions, 5, 60},
		{"revisions_en", &t->revisions_en, 5, 60},
		{"part", &t->part, 5, 60},
		{"section", &t->section, 5, 60},
		{"subsection", &t->subsection, 5, 60},
		{"minor", &t->minor, 5, 60},
		{"title", &t->title, 5, 60},
		{"chart_scale", &t->chart_scale, 0.3, 2},
	};
	const char *size_keys[sizeof sizes / sizeof *sizes + 1];
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
		size_keys[i] = sizes[i].key;
	size_keys[sizeof sizes / sizeof *sizes] = NULL;
	check_keys(sz, size_keys);
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
		theme_num(sz, sizes[i].key, sizes[i].v, sizes[i].lo, sizes[i].hi);
	const ynode *co = ytree_get(root, "colours");
	static const char *const colour_keys[] = {"ink", "accent", "muted", "rule", "shade", "band", NULL};
	check_keys(co, colour_keys);
	pdf_rgb *cv[] = {&t->ink, &t->accent, &t->muted, &t->rule, &t->shade, &t->band};
	for (size_t i = 0; i < sizeof cv / sizeof *cv; i++)
		theme_rgb(co, colour_keys[i], cv[i]);
	const ynode *en = ytree_get(root, "english");
	static const char *const en_keys[] = {"align", "revisions", NULL};
	check_keys(en, en_keys);
	theme_either(en, "english", "align", "justify", "left", &t->justify_en);
	theme_either(en, "english", "revisions", "landscape", "portrait", &t->revisions_turned_en);
	const ynode *add = ytree_get(root, "additions");
	static const char *const add_keys[] = {"status", NULL};
	check_keys(add, add_keys);
	theme_either(add, "additions", "status", "true", "false", &t->status);
	ytree_free(root);
	return diag_errors() == errors;
}
