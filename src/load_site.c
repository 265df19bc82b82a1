/* load_site.c — plan.yaml's site: settings, the website's and the open
 * data's (its address, what its footer says, the accessibility level). */
#include "load_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

/* An https:// or http:// address (a copy), or NULL after reporting. */
static char *load_web_address(const ynode *n, const char *what)
{
	if (strncmp(n->str, "https://", 8) == 0 || strncmp(n->str, "http://", 7) == 0)
		return xstrdup(n->str);
	diag_error(n->pos, "%s must be a web address starting with https://", _(what));
	diag_hint("write the whole address, e.g. https://www.city.example.lg.jp/");
	return NULL;
}

static int compare_a11y_pages(const void *a, const void *b)
{
	return strcmp(((const a11y_page_t *)a)->path, ((const a11y_page_t *)b)->path);
}

/* The file of the site's tests in a browser (make a11y writes it):
 *   tested: 2026-11-30
 *   tools: {axe-core: 4.10.2, html-validate: 9.1.0}
 *   pages:
 *     index.html: {digest: 0123456789abcdef, axe-core: 0, html-validate: 0}
 * Returns NULL if it cannot be read (reported). */
static a11y_results_t *load_a11y_results(loader_t *l, const ynode *name)
{
	int errors = diag_errors();
	ynode *root = load_open_yaml(l, l->dir, name->str, false);
	if (!root) {
		if (diag_errors() == errors) { /* missing: the site is built, to be tested */
			diag_warning(name->pos, "the file of accessibility test results \"%s\" does not exist", name->str);
			diag_hint("write it with `make a11y`, which tests the built site with axe-core and html-validate, "
				  "or remove accessibility_results");
		}
		return NULL;
	}
	static const char *const keys[] = {"tested", "tools", "pages", NULL};
	static const char *const tool_keys[] = {"axe-core", "html-validate", NULL};
	static const char *const page_keys[] = {"digest", "axe-core", "html-validate", NULL};
	const char *what = N_("the accessibility test results");
	a11y_results_t *r = xcalloc(1, sizeof *r);
	r->pos = name->pos;
	load_check_keys(root, keys, what);
	const ynode *n, *tools, *pages;
	char tail;
	if ((n = load_need(root, "tested", what)) &&
	    (n->type != Y_SCALAR || sscanf(n->str, "%4d-%2d-%2d%c", &r->year, &r->month, &r->day, &tail) != 3 ||
	     r->year < 2000 || r->month < 1 || r->month > 12 || r->day < 1 || r->day > 31)) {
		diag_error(n->pos, "the day of the test should be a date, found \"%s\"", n->type == Y_SCALAR ? n->str : "");
		diag_hint("write it as YYYY-MM-DD, e.g. 2026-11-30");
	}
	if ((tools = load_need(root, "tools", what)) && load_expect(tools, Y_MAP, "the tools of the test")) {
		load_check_keys(tools, tool_keys, "the tools of the test");
		char **version[] = {&r->axe_version, &r->validator_version};
		for (int i = 0; i < 2; i++)
			if ((n = load_need(tools, tool_keys[i], "the tools of the test")) &&
			    load_expect(n, Y_SCALAR, "a tool's version"))
				*version[i] = xstrdup(n->str);
	}
	if ((pages = load_need(root, "pages", what)) && load_expect(pages, Y_MAP, "the pages tested")) {
		r->pages = xcalloc((size_t)pages->n + 1, sizeof *r->pages);
		for (int i = 0; i < pages->n; i++) {
			const ynode *key = pages->items[2 * i], *v = pages->items[2 * i + 1];
			if (!load_expect(v, Y_MAP, "a page's results"))
				continue;
			load_check_keys(v, page_keys, "a page's results");
			a11y_page_t *pg = &r->pages[r->npages];
			char *end = NULL;
			if ((n = load_need(v, "digest", "a page's results"))) {
				pg->digest = n->type == Y_SCALAR && n->len == 16 ? strtoull(n->str, &end, 16) : 0;
				if (!end || *end) {
					diag_error(n->pos, "a page's digest should be 16 hexadecimal digits, found \"%s\"",
						   n->type == Y_SCALAR ? n->str : "");
					diag_hint("write this file again with `make a11y` rather than by hand");
				}
			}
			if ((n = load_need(v, "axe-core", "a page's results")))
				load_int(n, 0, 1000000, &pg->axe, "the problems axe-core found");
			if ((n = load_need(v, "html-validate", "a page's results")))
				load_int(n, 0, 1000000, &pg->validator, "the problems html-validate found");
			pg->path = xstrdup(key->str);
			r->npages++;
		}
		qsort(r->pages, (size_t)r->npages, sizeof *r->pages, compare_a11y_pages);
	}
	ytree_free(root);
	return r; /* after an error too: the plan fails to load and frees it */
}

void load_site(loader_t *l, const ynode *site)
{
	static const char *const site_keys[] = {"base_url", "allow_html", "external_images", "city_url", "licence",
						"updated", "accessibility", "accessibility_results", NULL};
	static const char *const licence_keys[] = {"name", "url", NULL};
	static const char *const levels[] = {"A", "AA", "AAA", NULL};
	plan_t *p = l->p;
	const ynode *n;
	load_check_keys(site, site_keys, "the site settings");
	if ((n = ytree_get(site, "base_url")) && load_expect(n, Y_SCALAR, "the base URL")) {
		if (strncmp(n->str, "https://", 8) != 0 && strncmp(n->str, "http://", 7) != 0 &&
		    (n->str[0] != '/' || n->str[1] == '/')) {
			diag_error(n->pos, "the base URL must start with https://, http:// or / (a path on the city's site)");
			diag_hint("write the address the site is published at, e.g. https://www.city.example.lg.jp/plan/, "
				  "or its path when the host is not known yet, e.g. /plan/");
		} else {
			/* Always one trailing slash, so page paths append cleanly. */
			size_t len = n->len;
			while (len && n->str[len - 1] == '/')
				len--;
			p->base_url = xmalloc(len + 2);
			memcpy(p->base_url, n->str, len);
			memcpy(p->base_url + len, "/", 2);
		}
	}
	if ((n = ytree_get(site, "city_url")) && load_expect(n, Y_SCALAR, "the city's site"))
		p->city_url = load_web_address(n, "the city's site");
	const ynode *lic = ytree_get(site, "licence");
	if (lic && load_expect(lic, Y_MAP, "the licence of the open data")) {
		load_check_keys(lic, licence_keys, "the licence");
		if ((n = load_need(lic, "name", "the licence")))
			load_text(l, n, &p->licence, "the licence's name");
		if ((n = ytree_get(lic, "url")) && load_expect(n, Y_SCALAR, "the licence's address"))
			p->licence_url = load_web_address(n, "the licence's address");
	}
	if ((n = ytree_get(site, "updated")))
		load_yearmonth(p, n, &p->updated, "the date of the update");
	if ((n = ytree_get(site, "accessibility"))) {
		int k = load_enum_of(n, levels, "the accessibility level");
		if (k >= 0)
			p->a11y_level = xstrdup(levels[k]);
	}
	if ((n = ytree_get(site, "accessibility_results")) && load_expect(n, Y_SCALAR, "the accessibility test results")) {
		if (!p->a11y_level) {
			diag_error(n->pos, "the accessibility test results are shown on the accessibility page, which "
					   "needs the level the site aims at");
			diag_hint("add accessibility: AA under site:");
		} else
			p->a11y_results = load_a11y_results(l, n);
	}
	if ((n = ytree_get(site, "allow_html")))
		p->allow_html = load_bool(n, "allow_html");
	if ((n = ytree_get(site, "external_images")))
		p->external_images = load_bool(n, "external_images");
}
