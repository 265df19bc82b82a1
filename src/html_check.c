/* html_check.c — the site's own accessibility checks, made on every page
 * as it is written, whose results the accessibility page states.
 *
 * They are what can be decided from the page's tree alone (the colour
 * contrast of the charts is checked with the theme, the rest by the test
 * suite in a browser): a language, a title, a text alternative for every
 * picture, header cells that say what they head, heading levels that do
 * not skip, a name for every link, and ids used once. */
#include "site.h"

#include "diag.h"

typedef struct {
	const char *page;
	int problems;
	int level;        /* the last heading's level, 0 before the first */
	char **ids;
	int nids, cap;
} checker_t;

static void problem(checker_t *c, const char *what, const xmlChar *detail)
{
	diag_warning(POS_NONE, "the page %s %s%s%s%s", c->page, _(what), detail ? " (" : "",
		     detail ? (const char *)detail : "", detail ? ")" : "");
	c->problems++;
}

static bool has_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	bool yes = v && v[0];
	xmlFree(v);
	return yes;
}

/* Whether n holds text, or a picture with its alternative, to name a link. */
static bool has_name(xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content && n->content[strspn((char *)n->content, " \n\t")])
			return true;
		if (n->type == XML_ELEMENT_NODE &&
		    ((xmlStrEqual(n->name, BAD_CAST "img") && has_attr(n, "alt")) || has_name(n->children)))
			return true;
	}
	return false;
}

static void check_id(checker_t *c, xmlNodePtr n)
{
	xmlChar *id = xmlGetProp(n, BAD_CAST "id");
	if (!id)
		return;
	if (c->nids == c->cap)
		c->ids = xrealloc(c->ids, (size_t)(c->cap = c->cap ? 2 * c->cap : 64) * sizeof *c->ids);
	c->ids[c->nids++] = xstrdup((char *)id);
	xmlFree(id);
}

static int compare_ids(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Each id used twice, once: sorted, equal ids are neighbours (a page of a
 * large plan holds tens of thousands). */
static void check_ids_once(checker_t *c)
{
	if (c->nids < 2)
		return;
	qsort(c->ids, (size_t)c->nids, sizeof *c->ids, compare_ids);
	for (int i = 1; i < c->nids; i++)
		if (strcmp(c->ids[i - 1], c->ids[i]) == 0)
			problem(c, "uses an id twice", BAD_CAST c->ids[i]);
}

static void walk(checker_t *c, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		check_id(c, n);
		if (strcmp(name, "img") == 0 && !xmlHasProp(n, BAD_CAST "alt")) {
			xmlChar *src = xmlGetProp(n, BAD_CAST "src");
			problem(c, "has a picture without a text alternative", src);
			xmlFree(src);
		}
		if (strcmp(name, "svg") == 0 && has_attr(n, "role") && !has_attr(n, "aria-labelledby") &&
		    !has_attr(n, "aria-label"))
			problem(c, "has a figure without a text alternative", NULL);
		if (strcmp(name, "th") == 0 && !has_attr(n, "scope") && !has_attr(n, "id"))
			problem(c, "has a header cell that does not say what it heads", NULL);
		if (strcmp(name, "a") == 0 && xmlHasProp(n, BAD_CAST "href") && !has_attr(n, "aria-label") &&
		    !has_name(n->children))
			problem(c, "has a link without a name", NULL);
		if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
			int level = name[1] - '0';
			if (level > c->level + 1)
				problem(c, "skips a heading level", n->name);
			c->level = level;
		}
		walk(c, n->children);
	}
}

int html_check_page(xmlNodePtr html, const char *page)
{
	checker_t c = {.page = page};
	if (!has_attr(html, "lang"))
		problem(&c, "does not say its language", NULL);
	xmlNodePtr head = html->children;
	while (head && (head->type != XML_ELEMENT_NODE || !xmlStrEqual(head->name, BAD_CAST "head")))
		head = head->next;
	bool titled = false;
	for (xmlNodePtr t = head ? head->children : NULL; t; t = t->next)
		titled |= t->type == XML_ELEMENT_NODE && xmlStrEqual(t->name, BAD_CAST "title") && has_name(t->children);
	if (!titled)
		problem(&c, "has no title", NULL);
	walk(&c, html->children);
	check_ids_once(&c);
	for (int i = 0; i < c.nids; i++)
		free(c.ids[i]);
	free(c.ids);
	return c.problems;
}
