/* load_site.c — plan.yaml's site: settings, the website's and the open
 * data's (its address, what its footer says, the accessibility level). */
#include "load_priv.h"

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

void load_site(loader_t *l, const ynode *site)
{
	static const char *const site_keys[] = {"base_url", "allow_html", "external_images", "city_url", "licence",
						"updated", "accessibility", NULL};
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
		load_yearmonth(n, &p->updated, "the date of the update");
	if ((n = ytree_get(site, "accessibility"))) {
		int k = load_enum_of(n, levels, "the accessibility level");
		if (k >= 0)
			p->a11y_level = xstrdup(levels[k]);
	}
	static const char *const yesno[] = {"false", "true", NULL};
	if ((n = ytree_get(site, "allow_html")))
		p->allow_html = load_enum_of(n, yesno, "allow_html") == 1;
	if ((n = ytree_get(site, "external_images")))
		p->external_images = load_enum_of(n, yesno, "external_images") == 1;
}
