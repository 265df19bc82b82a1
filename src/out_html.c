/* out_html.c — model → the static website, one per language.
 *
 * Every page is a libxml2 tree made from the theme's page template
 * (themes/DIR/page.html, well-formed XHTML) whose elements marked
 * data-slot="…" are filled here; "{root}" in attribute values becomes the
 * relative path to the site's root, so the site works from any sub-path.
 * The pages' content (Markdown, the data blocks) is made by html_blocks.c
 * into the same trees.  Serialized as HTML5, so escaping is correct by
 * construction.  The default language is at /, each other at /CODE/. */
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backends.h"
#include "files.h"
#include "site.h"
#include "view.h"
#include "utf8.h"


/* ---- pages ------------------------------------------------------------- */

static int add_page(site_t *s, const char *slug, text_t *title, int word, int kind)
{
	s->pages = xrealloc(s->pages, sizeof *s->pages * (size_t)(s->npages + 1));
	page_t *pg = &s->pages[s->npages];
	memset(pg, 0, sizeof *pg);
	pg->slug = xstrdup(slug);
	pg->title = title;
	pg->word = word;
	pg->parent = -1;
	pg->chapter = pg->policy = pg->measure = -1;
	pg->kind = kind;
	return s->npages++;
}

static void plan_pages(site_t *s)
{
	plan_t *p = (plan_t *)s->p;
	add_page(s, "index", NULL, WORD_HOME, PAGE_HOME);
	for (int i = 0; i < p->nchapters; i++) {
		int k = add_page(s, p->chapters[i].id, &p->chapters[i].title, -1, PAGE_CHAPTER);
		s->pages[k].chapter = i;
	}
	for (int i = 0; i < p->npolicies; i++) {
		buf_t slug = BUF_INIT;
		buf_printf(&slug, "policy-%s", p->policies[i].id);
		int k = add_page(s, slug.ptr, &p->policies[i].title, -1, PAGE_POLICY);
		s->pages[k].policy = i;
		buf_free(&slug);
	}
	for (int i = 0; i < p->nmeasures; i++) {
		buf_t slug = BUF_INIT;
		buf_printf(&slug, "measure-%s", p->measures[i].id);
		int k = add_page(s, slug.ptr, &p->measures[i].title, -1, PAGE_MEASURE);
		s->pages[k].measure = i;
		s->pages[k].parent = -2 - p->measures[i].policy; /* resolved below */
		buf_free(&slug);
	}
	for (int i = 0; i < s->npages; i++)
		if (s->pages[i].parent <= -2)
			for (int k = 0; k < s->npages; k++)
				if (s->pages[k].policy == -2 - s->pages[i].parent)
					s->pages[i].parent = k;
	add_page(s, "indicators", NULL, WORD_INDICATORS_PAGE, PAGE_INDICATORS);
	add_page(s, "structure", NULL, WORD_STRUCTURE, PAGE_STRUCTURE);
	/* Pages that exist only when the plan has something for them. */
	if (plan_has_page(p, "revisions"))
		add_page(s, "revisions", NULL, WORD_REVISIONS, PAGE_REVISIONS);
	if (plan_has_page(p, "committee"))
		add_page(s, "committee", NULL, WORD_COMMITTEE, PAGE_COMMITTEE);
	add_page(s, "downloads", NULL, WORD_DOWNLOADS, PAGE_DOWNLOADS);
	add_page(s, "search", NULL, WORD_SEARCH, PAGE_SEARCH);
	add_page(s, "404", NULL, WORD_NOT_FOUND, PAGE_404);
	/* Last: it states the results of the checks of all the others. */
	if (plan_has_page(p, "accessibility"))
		add_page(s, "accessibility", NULL, WORD_ACCESSIBILITY, PAGE_ACCESSIBILITY);
}

/* The main menu: short, the same on every page; the chapters are listed on
 * the home page (#contents) and linked from one another. */
static void nav_list(site_t *s, xmlNodePtr parent)
{
	xmlNodePtr ul = el(parent, "ul", NULL);
	link(el(ul, "li", NULL), "index.html#contents", W(s, WORD_PLAN_TEXT));
	for (int i = 1; i < s->npages; i++) {
		const page_t *pg = &s->pages[i];
		if (pg->kind != PAGE_INDICATORS && pg->kind != PAGE_STRUCTURE && pg->kind != PAGE_REVISIONS &&
		    pg->kind != PAGE_DOWNLOADS)
			continue;
		buf_t href = BUF_INIT;
		page_href(&href, s, i);
		xmlNodePtr a = link(el(ul, "li", NULL), href.ptr, page_title(s, i));
		if (i == s->page)
			attr(a, "aria-current", "page");
		buf_free(&href);
	}
}

static void home_content(site_t *s, xmlNodePtr main)
{
	const plan_t *p = s->p;
	xmlNodePtr hero = el(main, "div", NULL);
	attr(hero, "class", "hero");
	text_in(s, el(hero, "p", NULL), &p->publisher);
	xmlNodePtr h1 = heading(hero, 1);
	text_in(s, h1, &p->title);
	xmlNodePtr sub = el(hero, "p", NULL);
	attr(sub, "class", "subtitle");
	text_in(s, sub, &p->subtitle);
	buf_t period = BUF_INIT;
	buf_t years = BUF_INIT;
	buf_printf(&period, "%s%s", W(s, WORD_PERIOD), W(s, WORD_LABEL_SEPARATOR));
	plan_word_years(&years, p, WORD_FISCAL_PERIOD, s->lang, p->period_from, p->period_to);
	if (p->revised_from) {
		buf_t revised = BUF_INIT;
		plan_word_years(&revised, p, WORD_REVISED_PERIOD, s->lang, p->revised_from, p->revised_to);
		plan_word_fmt(&period, p, WORD_PARENTHESIZED, s->lang, "text", years.ptr, "inner", revised.ptr, NULL);
		buf_free(&revised);
	} else {
		buf_puts(&period, years.ptr);
	}
	buf_free(&years);
	attr(el(hero, "p", period.ptr), "class", "period");
	buf_free(&period);
	if (has_text(&p->summary))
		text_in(s, el(hero, "p", NULL), &p->summary);

	xmlNodePtr h = heading(main, 2);
	word_in(s, h, WORD_GOAL);
	xmlNodePtr g = el(main, "p", NULL);
	attr(g, "class", "goal");
	text_in(s, g, &p->goal);
	if (p->npoints) {
		h = heading(main, 2);
		word_in(s, h, WORD_POINTS);
		points_block(s, main);
	}

	/* Progress of the revised set's indicators, by measure. */
	h = heading(main, 2);
	word_in(s, h, WORD_PROGRESS);
	draw_table(s, main, view_progress(s->p, s->lang, p->nsets - 1));
	buf_t b = BUF_INIT;

	h = heading(main, 2);
	attr(h, "id", "contents");
	word_in(s, h, WORD_PLAN_TEXT);
	xmlNodePtr cards = el(main, "ul", NULL);
	attr(cards, "class", "cards");
	for (int i = 1; i < s->npages; i++) {
		const page_t *pg = &s->pages[i];
		if (pg->kind == PAGE_404 || pg->kind == PAGE_MEASURE)
			continue;
		buf_t href = BUF_INIT;
		page_href(&href, s, i);
		xmlNodePtr li = el(cards, "li", NULL);
		if (pg->kind == PAGE_POLICY) {
			xmlNodePtr a = link(li, href.ptr, NULL);
			numbered_in(s, a, WORD_POLICY, p->policies[pg->policy].number, pg->title);
			xmlNodePtr ul = el(li, "ul", NULL);
			const policy_t *po = &p->policies[pg->policy];
			for (int k = 0; k < po->nmeasures; k++) {
				const measure_t *me = &p->measures[po->first_measure + k];
				buf_printf(&b, "measure-%s.html", me->id);
				xmlNodePtr ma = link(el(ul, "li", NULL), b.ptr, NULL);
				buf_free(&b);
				buf_printf(&b, "%d ", me->number);
				xmlNodeAddContent(ma, BAD_CAST b.ptr);
				buf_free(&b);
				text_in(s, ma, &me->title);
			}
		} else {
			xmlNodePtr a = link(li, href.ptr, NULL);
			if (pg->title)
				text_in(s, a, pg->title);
			else
				xmlNodeAddContent(a, BAD_CAST page_title(s, i));
		}
		buf_free(&href);
	}
}

/* A chapter: its title, a table of contents of its sections, its text; a
 * language without the chapter shows the default one's, marked. */
static void chapter_page(site_t *s, xmlNodePtr main)
{
	const plan_t *p = s->p;
	const page_t *pg = &s->pages[s->page];
	xmlNodePtr h;
	const chapter_t *c = &p->chapters[pg->chapter];
	const md_node *doc = c->doc[s->lang] ? c->doc[s->lang] : c->doc[0];
	xmlNodePtr art = main;
	if (s->lang && !c->doc[s->lang]) {
		art = el(main, "div", NULL);
		attr(art, "lang", code(s, 0));
	}
	if (!doc)
		return;
	const md_node *rest = doc->first;
	if (rest && rest->type == MD_HEADING && rest->level == 1) {
		h = heading(art, 1);
		render_inlines(s, h, rest->first);
		attr(h, "id", anchors_heading(&s->anchors, rest));
		rest = rest->next;
	}
	xmlNodePtr nav = el(art, "nav", NULL);
	attr(nav, "class", "toc");
	attr(nav, "aria-labelledby", "toc-title");
	xmlNodePtr tt = word_el(s, nav, "p", WORD_ON_THIS_PAGE);
	attr(tt, "id", "toc-title");
	s->toc = el(nav, "ol", NULL);
	render_blocks(s, art, rest);
	if (!s->toc->children)
		xmlUnlinkNode(nav), xmlFreeNode(nav);
	s->toc = NULL;
}

/* A policy: its text and the list of its measures. */
static void policy_page(site_t *s, xmlNodePtr main)
{
	const plan_t *p = s->p;
	const page_t *pg = &s->pages[s->page];
	const policy_t *po = &p->policies[pg->policy];
	numbered_heading(s, main, WORD_POLICY, po->id, po->number, &po->title, 1);
	s->hshift = 1;
	render_body(s, main, po->body);
	word_in(s, heading(main, 2), WORD_MEASURES);
	xmlNodePtr ul = el(main, "ul", NULL);
	for (int k = 0; k < po->nmeasures; k++) {
		const measure_t *m = &p->measures[po->first_measure + k];
		buf_t b = BUF_INIT;
		buf_printf(&b, "measure-%s.html", m->id);
		xmlNodePtr a = link(el(ul, "li", NULL), b.ptr, NULL);
		buf_free(&b);
		numbered_in(s, a, WORD_MEASURE, m->number, &m->title);
	}
}

/* A measure: its summary, its text and the charts of its indicators. */
static void measure_page(site_t *s, xmlNodePtr main)
{
	const plan_t *p = s->p;
	const page_t *pg = &s->pages[s->page];
	xmlNodePtr h;
	const measure_t *m = &p->measures[pg->measure];
	numbered_heading(s, main, WORD_MEASURE, m->id, m->number, &m->title, 1);
	if (has_text(&m->summary)) {
		xmlNodePtr lead = el(main, "p", NULL);
		attr(lead, "class", "lead");
		text_in(s, lead, &m->summary);
	}
	s->hshift = 1;
	render_body(s, main, m->body);
	/* The charts of its indicators that the text does not place. */
	const md_node *body = m->body[s->lang] ? m->body[s->lang] : m->body[0];
	h = NULL;
	for (int i = 0; i < p->nindicators; i++) {
		if (p->indicators[i].measure != pg->measure || p->indicators[i].set != p->nsets - 1 ||
		    md_places_chart(body, i))
			continue;
		if (!h)
			word_in(s, h = heading(main, 2), WORD_INDICATOR_CHARTS);
		chart_block(s, main, &p->indicators[i]);
	}
}

/* The item definition of the open data, as indicators-items.csv says it. */
static void items_table(site_t *s, xmlNodePtr main)
{
	const plan_t *p = s->p;
	word_in(s, heading(main, 2), WORD_ITEM_DEFINITION);
	char cap_id[32];
	xmlNodePtr t = el(table_wrap(s, main, cap_id), "table", NULL);
	attr(t, "class", "items stack"); /* a card per item on a phone */
	attr(word_el(s, t, "caption", WORD_ITEM_COLUMNS), "id", cap_id);
	xmlNodePtr tr = el(el(t, "thead", NULL), "tr", NULL);
	static const word_t cols[5] = {WORD_ITEM_KEY, WORD_ITEM_NAME, WORD_ITEM_TYPE, WORD_ITEM_UNIT,
				       WORD_ITEM_MEANING};
	for (int c = 0; c < 5; c++)
		attr(el(tr, "th", W(s, cols[c])), "scope", "col");
	xmlNodePtr body = el(t, "tbody", NULL);
	for (int i = 0; i < data_nitems(p); i++) {
		data_item_t it = data_item(s->p, s->defs, i, strcmp(code(s, s->lang), "en") == 0);
		tr = el(body, "tr", NULL);
		xmlNodePtr th = el(tr, "th", NULL);
		attr(th, "scope", "row");
		el(th, "code", it.key);
		const char *text[3] = {it.label, it.type, it.unit};
		for (int c = 0; c < 3; c++)
			attr(el(tr, "td", text[c]), "data-label", W(s, cols[c + 1]));
		xmlNodePtr desc = el(tr, "td", NULL);
		attr(desc, "data-label", W(s, cols[4]));
		if (s->lang)
			add_mixed(desc, it.description);
		else
			xmlNodeAddContent(desc, BAD_CAST it.description);
		data_item_free(&it);
	}
}

/* The booklets and the open data, with the item definition of the data. */
static void downloads_page(site_t *s, xmlNodePtr main)
{
	const plan_t *p = s->p;
	word_in(s, heading(main, 1), WORD_DOWNLOADS);
	static const struct {
		datafile_t file;
		word_t word;
		const char *fmt;
	} data[] = {
		{DL_CSV, WORD_INDICATOR_DATA, "CSV"},
		{DL_JSON, WORD_INDICATOR_DATA, "JSON"},
		{DL_ITEMS, WORD_ITEM_DEFINITION_FILE, "CSV"},
		{DL_VALUES, WORD_INDICATOR_VALUES_BY_YEAR, "CSV"},
		{DL_VALUES_ITEMS, WORD_VALUES_DEFINITION_FILE, "CSV"},
	};
	xmlNodePtr ul = el(main, "ul", NULL);
	attr(ul, "class", "downloads");
	int listed = 0;
	/* A booklet per language, then the open data. */
	for (int i = 0; i < p->nlangs + (int)(sizeof data / sizeof *data); i++) {
		buf_t file = BUF_INIT, label = BUF_INIT, b = BUF_INIT;
		const char *fmt = "PDF";
		if (i < p->nlangs) {
			plan_booklet_file(&file, p, (lang_t)i, false);
			plan_lang_label(&b, p, i, s->lang);
			plan_word_fmt(&label, p, WORD_BOOKLET, s->lang, "language", b.ptr, NULL);
			buf_free(&b);
		} else {
			buf_puts(&file, plan_data_files[data[i - p->nlangs].file]);
			buf_puts(&label, W(s, data[i - p->nlangs].word));
			fmt = data[i - p->nlangs].fmt;
		}
		if (out_exists(s->out, file.ptr)) {
			buf_printf(&b, "%s%s", root(s), file.ptr);
			xmlNodePtr a = link(el(ul, "li", NULL), b.ptr, label.ptr);
			buf_free(&b);
			buf_printf(&b, " (%s, %ld KB)", fmt, (out_size(s->out, file.ptr) + 1023) / 1024);
			xmlNodeAddContent(a, BAD_CAST b.ptr);
			listed++;
		}
		buf_free(&b);
		buf_free(&file);
		buf_free(&label);
	}
	if (!listed)
		xmlUnlinkNode(ul), xmlFreeNode(ul);
	if (!out_exists(s->out, plan_data_files[DL_ITEMS]))
		return;
	items_table(s, main);
}

/* The level the site aims at, and what the build checked on every other
 * page of this language (html_check.c), with the number of problems. */
static void accessibility_page(site_t *s, xmlNodePtr main)
{
	const plan_t *p = s->p;
	buf_t b = BUF_INIT;
	char pages[16], problems[16];
	snprintf(pages, sizeof pages, "%d", s->checked[s->lang]);
	snprintf(problems, sizeof problems, "%d", s->problems[s->lang]);
	word_in(s, heading(main, 1), WORD_ACCESSIBILITY);
	plan_word_fmt(&b, p, WORD_ACCESSIBILITY_TARGET, s->lang, "level", p->a11y_level, NULL);
	el(main, "p", b.ptr);
	buf_free(&b);
	word_in(s, heading(main, 2), WORD_ACCESSIBILITY_CHECKS);
	plan_word_fmt(&b, p, WORD_ACCESSIBILITY_RESULT, s->lang, "pages", pages, "problems", problems, NULL);
	el(main, "p", b.ptr);
	buf_free(&b);
	xmlNodePtr ul = el(main, "ul", NULL);
	static const word_t checks[] = {WORD_A11Y_LANG, WORD_A11Y_TITLE, WORD_A11Y_ALT, WORD_A11Y_HEADERS,
					WORD_A11Y_HEADINGS, WORD_A11Y_LINKS, WORD_A11Y_IDS};
	for (size_t i = 0; i < sizeof checks / sizeof *checks; i++)
		word_el(s, ul, "li", checks[i]);
	const a11y_results_t *r = p->a11y_results;
	if (!r) {
		word_el(s, main, "p", WORD_ACCESSIBILITY_TOOLS);
		return;
	}
	/* The tests in a browser, as make a11y recorded them; what changed since. */
	word_in(s, heading(main, 2), WORD_ACCESSIBILITY_TESTS);
	buf_t date = BUF_INIT;
	plan_date(&date, p, r->year, r->month, r->day, s->lang);
	char tested[16], axe[16], validator[16], changed[16], added[16];
	snprintf(tested, sizeof tested, "%d", s->tested[s->lang]);
	snprintf(axe, sizeof axe, "%d", s->axe[s->lang]);
	snprintf(validator, sizeof validator, "%d", s->validator[s->lang]);
	snprintf(changed, sizeof changed, "%d", s->changed[s->lang]);
	snprintf(added, sizeof added, "%d", s->added[s->lang]);
	plan_word_fmt(&b, p, WORD_ACCESSIBILITY_TESTED, s->lang, "date", date.ptr, "pages", tested, "axe_version",
		      r->axe_version, "validator_version", r->validator_version, "axe", axe, "validator", validator,
		      NULL);
	el(main, "p", b.ptr);
	buf_free(&b);
	if (s->changed[s->lang] || s->added[s->lang]) {
		plan_word_fmt(&b, p, WORD_ACCESSIBILITY_SINCE, s->lang, "changed", changed, "added", added, NULL);
		el(main, "p", b.ptr);
		buf_free(&b);
	}
	buf_free(&date);
}

/* The search form, and every page for those without JavaScript. */
static void search_page(site_t *s, xmlNodePtr main)
{
	word_in(s, heading(main, 1), WORD_SEARCH);
	xmlNodePtr form = el(main, "form", NULL);
	attr(form, "class", "search-page");
	attr(form, "action", "search.html");
	attr(form, "role", "search");
	xmlNodePtr lab = word_el(s, form, "label", WORD_SEARCH_LABEL);
	attr(lab, "for", "q");
	xmlNodePtr in = el(form, "input", NULL);
	attr(in, "type", "search");
	attr(in, "id", "q");
	attr(in, "name", "q");
	xmlNodePtr btn = word_el(s, form, "button", WORD_SEARCH_BUTTON);
	attr(btn, "type", "submit");
	xmlNodePtr res = el(main, "div", NULL);
	attr(res, "id", "search-results");
	attr(res, "aria-live", "polite");
	attr(res, "data-count", W(s, WORD_SEARCH_COUNT));
	attr(res, "data-none", W(s, WORD_SEARCH_NONE));
	attr(res, "data-failed", W(s, WORD_SEARCH_FAILED));
	/* The index, as a script: a page opened from disk may not fetch. */
	buf_t src = BUF_INIT;
	buf_printf(&src, "%sassets/search-%s.js", root(s), code(s, s->lang));
	xmlNodePtr script = el(main, "script", NULL);
	attr(script, "src", src.ptr);
	attr(script, "defer", "defer");
	buf_free(&src);
	xmlNodePtr nojs = el(main, "div", NULL);
	attr(nojs, "class", "nojs");
	attr(word_el(s, nojs, "p", WORD_SEARCH_NOJS), "class", "nojs-why");
	word_in(s, heading(nojs, 2), WORD_ALL_PAGES);
	xmlNodePtr ul = el(nojs, "ul", NULL);
	for (int i = 0; i < s->npages; i++) {
		if (s->pages[i].kind == PAGE_404 || s->pages[i].kind == PAGE_SEARCH)
			continue;
		buf_t b = BUF_INIT;
		page_href(&b, s, i);
		link(el(ul, "li", NULL), b.ptr, page_title(s, i));
		buf_free(&b);
	}
}

/* Every indicator table, the latest set first. */
static void indicators_page(site_t *s, xmlNodePtr main)
{
	const plan_t *p = s->p;
	word_in(s, heading(main, 1), WORD_INDICATORS_PAGE);
	for (int set = p->nsets - 1; set >= 0; set--) {
		text_in(s, heading(main, 2), &p->sets[set].title);
		for (int m = -1; m < p->nmeasures; m++) {
			xmlNodePtr h = heading(main, 3);
			if (m < 0)
				word_in(s, h, WORD_OVERALL);
			else
				numbered_in(s, h, WORD_MEASURE, p->measures[m].number, &p->measures[m].title);
			draw_table(s, main, view_indicators(p, s->lang, set, m, true));
		}
	}
}

static void fill_main(site_t *s, xmlNodePtr main)
{
	const plan_t *p = s->p;
	const page_t *pg = &s->pages[s->page];
	switch (pg->kind) {
	case PAGE_HOME:
		home_content(s, main);
		return;
	case PAGE_CHAPTER:
		chapter_page(s, main);
		return;
	case PAGE_POLICY:
		policy_page(s, main);
		return;
	case PAGE_MEASURE:
		measure_page(s, main);
		return;
	case PAGE_INDICATORS:
		indicators_page(s, main);
		return;
	case PAGE_STRUCTURE:
		word_in(s, heading(main, 1), WORD_STRUCTURE);
		structure_block(s, main);
		return;
	case PAGE_REVISIONS:
		word_in(s, heading(main, 1), WORD_REVISIONS);
		draw_table(s, main, view_revisions(s->p, s->lang));
		return;
	case PAGE_COMMITTEE:
		word_in(s, heading(main, 1), WORD_COMMITTEE);
		draw_table(s, main, view_data(s->p, s->lang, &p->tables[plan_members_table(p)]));
		return;
	case PAGE_DOWNLOADS:
		downloads_page(s, main);
		return;
	case PAGE_SEARCH:
		search_page(s, main);
		return;
	case PAGE_404:
		word_in(s, heading(main, 1), WORD_NOT_FOUND);
		word_el(s, main, "p", WORD_NOT_FOUND_TEXT);
		return;
	case PAGE_ACCESSIBILITY:
		accessibility_page(s, main);
		return;
	}
}

/* The footer: who publishes the plan and how to reach them, the date of
 * the edition, the licence of the data, and links to the city's site and
 * the site's reference pages. */
static void footer_slot(site_t *s, xmlNodePtr n)
{
	buf_t b = BUF_INIT;
	xmlNodePtr p1 = el(n, "p", NULL);
	text_in(s, p1, &s->p->publisher);
	xmlNodeAddContent(p1, BAD_CAST " ");
	text_in(s, p1, &s->p->editor_name);
	if (s->p->phone) {
		xmlNodeAddContent(p1, BAD_CAST "  ");
		plan_phone(&b, s->p, WORD_TELEPHONE_LINK, s->lang, s->p->phone);
		xmlNodePtr a = link(p1, b.ptr, NULL);
		buf_free(&b);
		plan_phone(&b, s->p, WORD_TELEPHONE, s->lang, s->p->phone);
		/* A number is not broken over two lines: no-break spaces
		 * and hyphens. */
		buf_t nb = BUF_INIT;
		for (const char *c = b.ptr; *c; c++)
			buf_puts(&nb, *c == ' ' ? "\u00A0" : *c == '-' ? "\u2011" : (char[2]){*c, 0});
		xmlNodeAddContent(a, BAD_CAST nb.ptr);
		buf_free(&nb);
		buf_free(&b);
	}
	const plan_t *p = s->p;
	if (p->updated.year) {
		buf_t date = BUF_INIT;
		plan_year_month(&date, p, p->updated, s->lang);
		plan_word_fmt(&b, p, WORD_EDITION_DATE, s->lang, "date", date.ptr, NULL);
		el(n, "p", b.ptr);
		buf_free(&b);
		buf_free(&date);
	}
	if (text_has(&p->licence)) {
		xmlNodePtr lp = word_el(s, n, "p", WORD_DATA_LICENCE);
		text_in(s, p->licence_url ? link(lp, p->licence_url, NULL) : lp, &p->licence);
	}
	xmlNodePtr ul = el(n, "ul", NULL);
	if (p->city_url) {
		plan_word_fmt(&b, p, WORD_CITY_SITE, s->lang, "publisher", text_get(&p->publisher, s->lang), NULL);
		link(el(ul, "li", NULL), p->city_url, b.ptr);
		buf_free(&b);
	}
	static const int foot[] = {PAGE_REVISIONS, PAGE_COMMITTEE, PAGE_DOWNLOADS, PAGE_SEARCH,
				   PAGE_ACCESSIBILITY};
	for (size_t f = 0; f < sizeof foot / sizeof *foot; f++)
		for (int i = 0; i < s->npages; i++)
			if (s->pages[i].kind == foot[f]) {
				buf_free(&b);
				page_href(&b, s, i);
				link(el(ul, "li", NULL), b.ptr, page_title(s, i));
			}
	buf_free(&b);
}

/* ---- the page template ------------------------------------------------- */

static void fill_slot(site_t *s, xmlNodePtr n, const char *slot)
{
	const page_t *pg = &s->pages[s->page];
	buf_t b = BUF_INIT;
	if (strcmp(slot, "title") == 0) {
		if (pg->kind == PAGE_HOME)
			buf_puts(&b, text_get(&s->p->title, s->lang));
		else
			buf_printf(&b, "%s | %s", page_title(s, s->page), text_get(&s->p->title, s->lang));
		xmlNodeAddContent(n, BAD_CAST b.ptr);
	} else if (strcmp(slot, "skip") == 0) {
		word_in(s, n, WORD_SKIP);
	} else if (strcmp(slot, "home") == 0) {
		text_in(s, n, &s->p->title);
	} else if (strcmp(slot, "alternate") == 0) {
		/* <link rel="alternate" hreflang> to this page in both languages, and
		 * its canonical address when the site's base URL is known. */
		const char *base = s->p->base_url;
		if (base && pg->kind == PAGE_404) {
			/* The server shows this page at any missing address, however
			 * deep: its relative links resolve from the site's own folder. */
			xmlNodePtr bn = xmlNewNode(NULL, BAD_CAST "base");
			buf_puts(&b, base);
			lang_dir(&b, s, s->lang);
			attr(bn, "href", b.ptr);
			/* Before any element with a URL: right after <meta charset>. */
			xmlAddNextSibling(n->parent->children, bn);
			buf_free(&b);
		}
		/* canonical (l -1), each language, and x-default (l nlangs: the
		 * default language's page) when the address is known. */
		for (int l = base ? -1 : 0; l < s->p->nlangs + (base != NULL); l++) {
			lang_t ll = l < 0 ? s->lang : l < s->p->nlangs ? (lang_t)l : 0;
			xmlNodePtr ln = xmlNewNode(NULL, BAD_CAST "link");
			attr(ln, "rel", l < 0 ? "canonical" : "alternate");
			if (l >= 0)
				attr(ln, "hreflang", l < s->p->nlangs ? code(s, l) : "x-default");
			buf_free(&b);
			buf_puts(&b, base ? base : root(s));
			lang_dir(&b, s, ll);
			buf_printf(&b, "%s.html", pg->slug);
			attr(ln, "href", b.ptr);
			xmlAddPrevSibling(n, ln);
		}
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	} else if (strcmp(slot, "langswitch") == 0) {
		/* This page in each other language, named in that language. */
		for (int l = 0; l < s->p->nlangs; l++) {
			if (l == s->lang)
				continue;
			buf_t name = BUF_INIT;
			buf_free(&b);
			buf_puts(&b, root(s));
			lang_dir(&b, s, l);
			buf_printf(&b, "%s.html", pg->slug);
			plan_lang_label(&name, s->p, l, l);
			xmlNodePtr a = link(n, b.ptr, name.ptr);
			attr(a, "lang", code(s, l));
			attr(a, "hreflang", code(s, l));
			buf_free(&name);
		}
	} else if (strcmp(slot, "nav") == 0) {
		attr(n, "aria-label", W(s, WORD_MAIN_NAV));
		nav_list(s, n);
	} else if (strcmp(slot, "search") == 0) {
		buf_printf(&b, "search.html");
		attr(n, "action", b.ptr);
		xmlNodePtr lab = word_el(s, n, "label", WORD_SEARCH_LABEL);
		attr(lab, "for", "site-q");
		attr(lab, "class", "visually-hidden");
		xmlNodePtr in = el(n, "input", NULL);
		attr(in, "type", "search");
		attr(in, "id", "site-q");
		attr(in, "name", "q");
		attr(in, "placeholder", W(s, WORD_SEARCH_LABEL));
		attr(word_el(s, n, "button", WORD_SEARCH_BUTTON), "type", "submit");
	} else if (strcmp(slot, "breadcrumbs") == 0) {
		attr(n, "aria-label", W(s, WORD_BREADCRUMB));
		if (pg->kind == PAGE_HOME) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			buf_free(&b);
			return;
		}
		xmlNodePtr ol = el(n, "ol", NULL);
		link(el(ol, "li", NULL), "index.html", W(s, WORD_HOME));
		int chain[8], nc = 0;
		for (int i = pg->parent; i >= 0 && nc < 8; i = s->pages[i].parent)
			chain[nc++] = i;
		while (nc-- > 0) {
			page_href(&b, s, chain[nc]);
			link(el(ol, "li", NULL), b.ptr, page_title(s, chain[nc]));
			buf_free(&b);
		}
		xmlNodePtr cur = el(ol, "li", NULL);
		xmlNodePtr sp = el(cur, "span", page_title(s, s->page));
		attr(sp, "aria-current", "page");
	} else if (strcmp(slot, "main") == 0) {
		fill_main(s, n);
		if (pg->kind == PAGE_CHAPTER) {
			/* Previous and next chapter. */
			xmlNodePtr nav = el(n, "nav", NULL);
			attr(nav, "class", "pager");
			attr(nav, "aria-label", W(s, WORD_PAGE_NAV));
			for (int d = -1; d <= 1; d += 2) {
				int k = s->page + d;
				if (k < 0 || k >= s->npages || s->pages[k].kind != PAGE_CHAPTER)
					continue;
				page_href(&b, s, k);
				xmlNodePtr a = link(nav, b.ptr, NULL);
				buf_free(&b);
				attr(a, "class", d < 0 ? "prev" : "next");
				attr(a, "rel", d < 0 ? "prev" : "next");
				xmlNodePtr small = el(a, "span", W(s, d < 0 ? WORD_PREVIOUS : WORD_NEXT));
				attr(small, "class", "pager-label");
				el(a, "span", page_title(s, k));
			}
		}
	} else if (strcmp(slot, "footer") == 0) {
		footer_slot(s, n);
	}
	buf_free(&b);
}

/* Walks a copied template: fills slots, resolves {root}. */
static void apply_template(site_t *s, xmlNodePtr n)
{
	while (n) {
		xmlNodePtr next = n->next;
		if (n->type == XML_ELEMENT_NODE) {
			for (xmlAttrPtr a = n->properties; a; a = a->next) {
				xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
				const char *hit = v ? strstr((char *)v, "{root}") : NULL;
				if (hit) {
					buf_t b = BUF_INIT;
					buf_put(&b, v, (size_t)(hit - (char *)v));
					buf_puts(&b, root(s));
					buf_puts(&b, hit + 6);
					xmlSetProp(n, a->name, BAD_CAST b.ptr);
					buf_free(&b);
				}
				xmlFree(v);
			}
			if (xmlStrEqual(n->name, BAD_CAST "html"))
				attr(n, "lang", code(s, s->lang));
			xmlChar *slot = xmlGetProp(n, BAD_CAST "data-slot");
			if (slot) {
				xmlUnsetProp(n, BAD_CAST "data-slot");
				/* A language without words of its own shows the
				 * default language's menus: they say so. */
				static const char *const chrome[] = {"skip", "nav", "search", "breadcrumbs", "footer", NULL};
				for (int i = 0; chrome[i] && s->lang && !s->p->words[WORD_HOME].s[s->lang]; i++)
					if (strcmp((char *)slot, chrome[i]) == 0)
						attr(n, "lang", code(s, 0));
				apply_template(s, n->children);
				fill_slot(s, n, (char *)slot);
				xmlFree(slot);
				n = next;
				continue;
			}
			apply_template(s, n->children);
		}
		n = next;
	}
}

static bool has_class(xmlNodePtr n, const char *cls)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST "class");
	bool yes = false;
	for (const char *c = (const char *)v; v && (c = strstr(c, cls)); c += strlen(cls))
		if ((c == (const char *)v || c[-1] == ' ') && (c[strlen(cls)] == ' ' || !c[strlen(cls)]))
			yes = true;
	xmlFree(v);
	return yes;
}

/* Plain text of a node for the search index, white space collapsed: the
 * words a reader looks for, not the figures (charts, the numbers of the
 * tables, the counts of the progress), which would only fill snippets. */
static void collect_text(buf_t *b, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE) {
			for (const xmlChar *c = n->content; *c; c++) {
				bool space = *c == ' ' || *c == '\n' || *c == '\t';
				if (space && (b->len == 0 || b->ptr[b->len - 1] == ' '))
					continue;
				buf_putc(b, space ? ' ' : *c);
			}
		} else if (n->type == XML_ELEMENT_NODE && !xmlStrEqual(n->name, BAD_CAST "svg") &&
			   !xmlStrEqual(n->name, BAD_CAST "nav") && !xmlStrEqual(n->name, BAD_CAST "script") &&
			   !has_class(n, "num") && !has_class(n, "progress")) {
			collect_text(b, n->children);
			if (b->len && b->ptr[b->len - 1] != ' ')
				buf_putc(b, ' ');
		}
	}
}

static void json_string(buf_t *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20)
			buf_printf(b, "\\u%04x", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}

/* The numbers of the notes a page holds (elements with id "note-N"),
 * found in one walk, so that each mark is looked up at once. */
typedef struct {
	int *num;
	int n, cap;
} noteset;

static bool noteset_has(const noteset *ns, int num)
{
	for (int lo = 0, hi = ns->n; lo < hi;) {
		int mid = (lo + hi) / 2;
		if (ns->num[mid] == num)
			return true;
		if (ns->num[mid] < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static void noteset_add(noteset *ns, int num)
{
	if (noteset_has(ns, num))
		return;
	if (ns->n == ns->cap)
		ns->num = xrealloc(ns->num, (size_t)(ns->cap = ns->cap ? 2 * ns->cap : 16) * sizeof *ns->num);
	int i = ns->n++;
	for (; i > 0 && ns->num[i - 1] > num; i--)
		ns->num[i] = ns->num[i - 1];
	ns->num[i] = num;
}

static void noteset_find(noteset *ns, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *v = xmlGetProp(n, BAD_CAST "id");
		int num;
		char end;
		if (v && sscanf((const char *)v, "note-%d%c", &num, &end) == 1)
			noteset_add(ns, num);
		xmlFree(v);
		noteset_find(ns, n->children);
	}
}

/* Elements whose marks refer to no note: figures (their text alternative
 * is in the page's words), the notes themselves, and the open data's item
 * definitions, which speak about marks ("without its mark (※7 …)"). */
static bool no_marks(xmlNodePtr n)
{
	return xmlStrEqual(n->name, BAD_CAST "svg") || has_class(n, "footnote") || has_class(n, "items");
}

/* The numbers of the note marks in the text under n (not in figures, nor
 * in the notes themselves), each once, in order. */
static void add_mark(int num, int *nums, int *count, int max)
{
	bool seen = false;
	for (int i = 0; i < *count; i++)
		seen |= nums[i] == num;
	if (!seen && *count < max)
		nums[(*count)++] = num;
}

/* The notes a page refers to: by their marks, and by links to them
 * ([see the note](#note-3)). */
static void find_marks(xmlNodePtr n, int *nums, int *count, int max)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			xmlChar *href = xmlStrEqual(n->name, BAD_CAST "a") ? xmlGetProp(n, BAD_CAST "href") : NULL;
			int num;
			char end;
			if (href && sscanf((const char *)href, "#note-%d%c", &num, &end) == 1)
				add_mark(num, nums, count, max);
			xmlFree(href);
			if (!no_marks(n))
				find_marks(n->children, nums, count, max);
			continue;
		}
		if (n->type != XML_TEXT_NODE || !n->content)
			continue;
		size_t len;
		int num;
		for (const char *t = (const char *)n->content, *m; (m = text_next_note_mark(t, &len, &num)); t = m + len)
			add_mark(num, nums, count, max);
	}
}

/* Every mark a page shows leads to its note on that page: the notes that
 * stand on another page (a mark in a table, an indicator's name, a point)
 * are repeated at the page's foot. */
/* The notes the texts of every language link to on a page of language
 * lang (measure-m1.html#note-3 from its folder, en/… or ../… from the
 * other), once. */
static void note_links(site_t *s, lang_t lang)
{
	const plan_t *p = s->p;
	if (s->notelinks_made[lang])
		return;
	s->notelinks_made[lang] = true;
	for (lang_t from = 0; from < p->nlangs; from++)
		for (int i = 0; i < p->nchapters + p->npolicies + p->nmeasures; i++) {
			md_node *const *docs = plan_text_docs(p, i);
			const md_node *doc = docs[from] ? docs[from] : docs[0];
			for (const md_node *n = doc; n; n = md_next(n, doc)) {
				const char *t = n->type == MD_LINK && n->text ? n->text : NULL;
				lang_t to = from;
				if (t && strncmp(t, "./", 2) == 0)
					t += 2;
				if (t && from && strncmp(t, "../", 3) == 0)
					t += 3, to = 0;
				for (lang_t k = 1; t && !from && k < p->nlangs; k++) {
					size_t len = strlen(p->langs[k].code);
					if (strncmp(t, p->langs[k].code, len) == 0 && t[len] == '/')
						t += len + 1, to = k;
				}
				const char *hash = t && to == lang ? strstr(t, ".html#note-") : NULL;
				int num;
				char end;
				if (!hash || memchr(t, '/', (size_t)(hash - t)) || sscanf(hash + 11, "%d%c", &num, &end) != 1)
					continue;
				s->notelinks[lang] = xrealloc(s->notelinks[lang], (size_t)(s->nnotelinks[lang] + 1) *
										 sizeof *s->notelinks[lang]);
				s->notelinks[lang][s->nnotelinks[lang]++] = (struct notelink){xstrndup(t, (size_t)(hash - t)), num};
			}
		}
}

static void page_notes(site_t *s, xmlNodePtr main, noteset *have)
{
	int nums[64], n = 0;
	find_marks(main->children, nums, &n, 64);
	/* and the notes other pages link to here */
	note_links(s, s->lang);
	for (int i = 0; i < s->nnotelinks[s->lang]; i++)
		if (strcmp(s->notelinks[s->lang][i].page, s->pages[s->page].slug) == 0)
			add_mark(s->notelinks[s->lang][i].num, nums, &n, 64);
	xmlNodePtr sec = NULL;
	for (int i = 0; i < n; i++) {
		char id[32];
		snprintf(id, sizeof id, "note-%d", nums[i]);
		bool fallback;
		const md_node *para = noteset_has(have, nums[i]) ? NULL : plan_note(s->p, s->lang, nums[i], &fallback);
		if (!para)
			continue;
		noteset_add(have, nums[i]);
		if (!sec) {
			sec = el(main, "section", NULL);
			attr(sec, "class", "page-notes");
			word_in(s, heading(sec, 2), WORD_NOTES);
		}
		xmlNodePtr p = el(sec, "p", NULL);
		attr(p, "id", id);
		attr(p, "class", "footnote");
		if (fallback && s->lang)
			attr(p, "lang", code(s, 0));
		render_inlines(s, p, para->first);
	}
}

/* ---- ids a page would use twice ---------------------------------------------
 *
 * A block the content places twice on one page (check warns of it) is drawn
 * twice.  Its second drawing gets its ids numbered as a repeated heading's
 * anchor is (fig-a-1), and the references inside it (headers,
 * aria-labelledby, for, href="#…", url(#…)) follow them, so the page uses
 * each id once (WCAG 4.1.1) and a link from elsewhere leads to the first. */

typedef struct {
	xmlChar *id;
	xmlNodePtr el;
	int order; /* in the page */
} page_id;

typedef struct {
	page_id *v;
	int n, cap;
} page_ids;

static void ids_collect(page_ids *l, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(n, BAD_CAST "id");
		if (id) {
			if (l->n == l->cap)
				l->v = xrealloc(l->v, (size_t)(l->cap = l->cap ? 2 * l->cap : 64) * sizeof *l->v);
			l->v[l->n] = (page_id){id, n, l->n};
			l->n++;
		}
		ids_collect(l, n->children);
	}
}

static int compare_page_ids(const void *a, const void *b)
{
	const page_id *x = a, *y = b;
	int c = xmlStrcmp(x->id, y->id);
	return c ? c : x->order - y->order;
}

static bool ids_has(const page_ids *l, const xmlChar *id)
{
	for (int lo = 0, hi = l->n; lo < hi;) {
		int mid = (lo + hi) / 2, c = xmlStrcmp(l->v[mid].id, id);
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static bool is_within(xmlNodePtr n, xmlNodePtr root)
{
	for (; n; n = n->parent)
		if (n == root)
			return true;
	return false;
}

/* The element of a repeated drawing that holds `again`, the second use of
 * `first`'s id: the child, on again's side, of the two's nearest common
 * ancestor. */
static xmlNodePtr repeat_root(xmlNodePtr first, xmlNodePtr again)
{
	xmlNodePtr root = again;
	while (root->parent && !is_within(first, root->parent))
		root = root->parent;
	return root;
}

/* In value, each of the ids the old names (space-separated as in headers,
 * or as #id and url(#id)) replaced by its new name. */
static bool rename_refs(buf_t *out, const char *value, char **old, char **new, int n)
{
	bool changed = false;
	for (const char *c = value; *c;) {
		size_t skip = strcspn(c, " #");
		buf_put(out, c, skip);
		c += skip;
		if (!*c)
			break;
		buf_putc(out, *c++);
		size_t len = strcspn(c, " #)\"'");
		int k = 0;
		while (k < n && !(strlen(old[k]) == len && strncmp(old[k], c, len) == 0))
			k++;
		buf_puts(out, k < n ? new[k] : "");
		if (k == n)
			buf_put(out, c, len);
		changed |= k < n;
		c += len;
	}
	return changed;
}

static void refs_follow(xmlNodePtr n, char **old, char **new, int count)
{
	static const char *const refs[] = {"headers", "aria-labelledby", "aria-describedby", "for",
					   "href",    "fill",	     "stroke"};
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (size_t r = 0; r < sizeof refs / sizeof *refs; r++) {
			xmlChar *v = xmlGetProp(n, BAD_CAST refs[r]);
			buf_t b = BUF_INIT;
			/* an href names an id after #, the others by themselves */
			bool plain = r < 4;
			if (v && (plain || v[0] == '#' || xmlStrncmp(v, BAD_CAST "url(#", 5) == 0)) {
				buf_t in = BUF_INIT;
				if (plain)
					buf_putc(&in, ' ');
				buf_puts(&in, (const char *)v);
				if (rename_refs(&b, in.ptr, old, new, count))
					attr(n, refs[r], b.ptr + plain);
				buf_free(&in);
			}
			buf_free(&b);
			xmlFree(v);
		}
		refs_follow(n->children, old, new, count);
	}
}

/* One repeated drawing made unique; false when the page uses no id twice. */
static bool unique_once(xmlNodePtr main)
{
	page_ids l = {NULL, 0, 0};
	ids_collect(&l, main->children);
	if (l.n > 1)
		qsort(l.v, (size_t)l.n, sizeof *l.v, compare_page_ids);
	xmlNodePtr root = NULL;
	for (int i = 1; i < l.n && !root; i++)
		if (xmlStrEqual(l.v[i].id, l.v[i - 1].id))
			root = repeat_root(l.v[i - 1].el, l.v[i].el);
	char **old = NULL, **new = NULL;
	int count = 0;
	for (int i = 1; root && i < l.n; i++) {
		if (!xmlStrEqual(l.v[i].id, l.v[i - 1].id) || !is_within(l.v[i].el, root))
			continue;
		buf_t id = BUF_INIT;
		for (int k = 1;; k++) {
			id.len = 0;
			buf_printf(&id, "%s-%d", (const char *)l.v[i].id, k);
			bool taken = ids_has(&l, BAD_CAST id.ptr);
			for (int j = 0; j < count && !taken; j++)
				taken = strcmp(new[j], id.ptr) == 0;
			if (!taken)
				break;
		}
		old = xrealloc(old, (size_t)(count + 1) * sizeof *old);
		new = xrealloc(new, (size_t)(count + 1) * sizeof *new);
		old[count] = xstrdup((const char *)l.v[i].id);
		new[count++] = xstrdup(id.ptr);
		attr(l.v[i].el, "id", id.ptr);
		buf_free(&id);
	}
	if (root) {
		xmlNodePtr next = root->next;
		root->next = NULL; /* the drawing alone */
		refs_follow(root, old, new, count);
		root->next = next;
	}
	for (int i = 0; i < count; i++) {
		free(old[i]);
		free(new[i]);
	}
	free(old);
	free(new);
	for (int i = 0; i < l.n; i++)
		xmlFree(l.v[i].id);
	free(l.v);
	return root != NULL;
}

static void unique_ids(xmlNodePtr main)
{
	while (unique_once(main))
		;
}

static xmlNodePtr find_element(xmlNodePtr n, const char *name)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(n->name, BAD_CAST name))
			return n;
		xmlNodePtr m = find_element(n->children, name);
		if (m)
			return m;
	}
	return NULL;
}

static void meta(xmlNodePtr head, const char *key, const char *name, const char *content)
{
	xmlNodePtr m = el(head, "meta", NULL);
	attr(m, key, name);
	attr(m, "content", content);
}

/* What a search engine or a link preview shows of the page: its
 * description (the plan's summary on the home page, else the page's first
 * paragraph, cut at about 120 characters) and the Open Graph tags, with
 * og:url when the site's absolute address is known. */
static void head_meta(site_t *s, xmlNodePtr html, xmlNodePtr main)
{
	xmlNodePtr head = find_element(html, "head"), para = main ? find_element(main->children, "p") : NULL;
	if (!head)
		return;
	const page_t *pg = &s->pages[s->page];
	buf_t d = BUF_INIT, b = BUF_INIT;
	if (pg->kind == PAGE_HOME && text_has(&s->p->summary))
		buf_puts(&d, text_get(&s->p->summary, s->lang));
	else if (para)
		collect_text(&d, para->children);
	else
		buf_puts(&d, page_title(s, s->page));
	while (d.len && d.ptr[d.len - 1] == ' ')
		d.ptr[--d.len] = 0;
	size_t cut = 0, i = 0, chars = 0;
	for (; i < d.len && chars < 120; chars++) {
		uint32_t cp;
		int n = utf8_decode(d.ptr + i, d.len - i, &cp);
		i += n ? (size_t)n : 1;
		cut = i;
	}
	if (cut < d.len) {
		d.len = cut, d.ptr[cut] = 0;
		buf_puts(&d, "…");
	}
	meta(head, "name", "description", d.ptr);
	buf_printf(&b, "%s", pg->kind == PAGE_HOME ? text_get(&s->p->title, s->lang) : page_title(s, s->page));
	meta(head, "property", "og:title", b.ptr);
	meta(head, "property", "og:description", d.ptr);
	meta(head, "property", "og:type", "website");
	meta(head, "property", "og:site_name", text_get(&s->p->title, s->lang));
	const char *base = s->p->base_url;
	if (base && base[0] != '/') {
		buf_free(&b);
		buf_puts(&b, base);
		lang_dir(&b, s, s->lang);
		buf_printf(&b, "%s.html", pg->slug);
		meta(head, "property", "og:url", b.ptr);
	}
	buf_free(&b);
	buf_free(&d);
}

/* Footnote marks written in YAML texts (an indicator's name "…Bank※7…")
 * become links to their note when the page has it, as Markdown references
 * already are. */
static void link_marks(const noteset *have, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			if (!xmlStrEqual(n->name, BAD_CAST "a") && !no_marks(n))
				link_marks(have, n->children);
			continue;
		}
		if (n->type != XML_TEXT_NODE || !n->content)
			continue;
		const char *t = (const char *)n->content, *mark;
		size_t mlen;
		int num;
		if (!(mark = text_next_note_mark(t, &mlen, &num)))
			continue;
		char id[32];
		snprintf(id, sizeof id, "note-%d", num);
		if (!noteset_has(have, num))
			continue;
		/* Split: text before, <a><sup>※N</sup></a>, text after (looked at next). */
		char *before = xstrndup(t, (size_t)(mark - t)), *label = xstrndup(mark, mlen), *after = xstrdup(mark + mlen);
		xmlNodePtr a = xmlNewNode(NULL, BAD_CAST "a");
		char href[40];
		snprintf(href, sizeof href, "#%s", id);
		xmlSetProp(a, BAD_CAST "href", BAD_CAST href);
		xmlSetProp(a, BAD_CAST "class", BAD_CAST "noteref");
		xmlNewTextChild(a, NULL, BAD_CAST "sup", BAD_CAST label);
		xmlNodeSetContent(n, BAD_CAST before);
		xmlAddNextSibling(n, a);
		if (*after)
			xmlAddNextSibling(a, xmlNewText(BAD_CAST after));
		n = a;
		free(before);
		free(label);
		free(after);
	}
}


/* FNV-1a, 64 bits: the digest by which make a11y's results (tests/web/check.js,
 * fnv1a64) tell a page tested from one changed since. */
static uint64_t page_digest(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
	return h;
}

static int compare_a11y_path(const void *key, const void *page)
{
	return strcmp(key, ((const a11y_page_t *)page)->path);
}

/* A page written, against the results of the tests in a browser. */
static void count_tested(site_t *s, const char *path, const buf_t *html)
{
	const a11y_results_t *r = s->p->a11y_results;
	if (!r || s->pages[s->page].kind == PAGE_ACCESSIBILITY)
		return;
	const a11y_page_t *t = bsearch(path, r->pages, (size_t)r->npages, sizeof *r->pages, compare_a11y_path);
	if (!t) {
		s->added[s->lang]++;
		return;
	}
	s->tested[s->lang]++;
	s->axe[s->lang] += t->axe;
	s->validator[s->lang] += t->validator;
	if (t->digest != page_digest(html->ptr, html->len))
		s->changed[s->lang]++;
}

static int collect_output(void *ctx, const char *data, int len)
{
	buf_put(ctx, data, (size_t)len);
	return len;
}

static void write_page(site_t *s)
{
	s->nfig = s->ntable = 0;
	anchors_free(&s->anchors);
	s->hshift = 0;
	s->toc = NULL;
	htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
	xmlNodePtr html = xmlDocCopyNode(xmlDocGetRootElement(s->tpl), doc, 1);
	xmlDocSetRootElement(doc, html);
	apply_template(s, html);

	const page_t *pg = &s->pages[s->page];
	xmlNodePtr page_main = find_element(html, "main");
	if (page_main) {
		noteset have = {NULL, 0, 0};
		noteset_find(&have, page_main->children);
		page_notes(s, page_main, &have);
		link_marks(&have, page_main->children);
		free(have.num);
		unique_ids(page_main);
	}
	head_meta(s, html, page_main);
	if (pg->kind != PAGE_404 && pg->kind != PAGE_SEARCH) {
		xmlNodePtr main = page_main;
		buf_t text = BUF_INIT;
		collect_text(&text, main ? main->children : NULL);
		buf_t *search = &s->search[s->lang];
		if (search->ptr[search->len - 1] != '[')
			buf_puts(search, ",\n");
		buf_puts(search, "{\"u\":");
		buf_t href = BUF_INIT;
		page_href(&href, s, s->page);
		json_string(search, href.ptr);
		buf_puts(search, ",\"t\":");
		/* A policy or a measure by its number too. */
		buf_t title = BUF_INIT;
		if (pg->kind == PAGE_POLICY || pg->kind == PAGE_MEASURE) {
			bool m = pg->kind == PAGE_MEASURE;
			view_numbered(&title, s->p, s->lang, m ? WORD_MEASURE : WORD_POLICY,
				      m ? s->p->measures[pg->measure].number : s->p->policies[pg->policy].number);
			buf_putc(&title, ' ');
		}
		buf_puts(&title, page_title(s, s->page));
		json_string(search, title.ptr);
		buf_free(&title);
		buf_puts(search, ",\"x\":");
		json_string(search, text.ptr);
		buf_puts(search, "}");
		buf_free(&href);
		buf_free(&text);
	}

	buf_t where = BUF_INIT;
	lang_dir(&where, s, s->lang);
	buf_printf(&where, "%s.html", pg->slug);
	s->problems[s->lang] += html_check_page(html, where.ptr);
	s->checked[s->lang]++;
	buf_free(&where);

	/* Serialized through a UTF-8 encoder (without one, libxml2 writes every
	 * kanji as &#…;) into our buffer. */
	buf_t html_text = BUF_INIT;
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(collect_output, NULL, &html_text,
							xmlFindCharEncodingHandler("UTF-8"));
	htmlDocContentDumpFormatOutput(ob, doc, "UTF-8", 0);
	xmlOutputBufferClose(ob);
	buf_t path = BUF_INIT;
	lang_dir(&path, s, s->lang);
	buf_printf(&path, "%s.html", pg->slug);
	count_tested(s, path.ptr, &html_text);
	if (!out_write(s->out, path.ptr, html_text.ptr, html_text.len))
		s->ok = false;
	buf_free(&html_text);
	buf_free(&path);
	xmlFreeDoc(doc);
}

static bool copy_asset(site_t *s, const char *theme, const char *name)
{
	buf_t rel = BUF_INIT;
	buf_printf(&rel, "assets/%s", name);
	size_t len;
	char *data = files_theme(theme, name, &len);
	bool ok = data && out_write(s->out, rel.ptr, data, len);
	free(data);
	buf_free(&rel);
	return ok;
}

/* sitemap.xml, only when the site's absolute address is known, since a
 * sitemap's locations must be absolute. */
static bool write_sitemap(site_t *s)
{
	const plan_t *p = s->p;
	if (!p->base_url || p->base_url[0] == '/')
		return true;
	buf_t map = BUF_INIT, loc = BUF_INIT;
	buf_puts(&map, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		       "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (int l = 0; l < p->nlangs; l++)
		for (int i = 0; i < s->npages; i++) {
			if (s->pages[i].kind == PAGE_404)
				continue;
			buf_free(&loc);
			buf_puts(&loc, p->base_url);
			lang_dir(&loc, s, l);
			buf_printf(&loc, "%s.html", s->pages[i].slug);
			buf_puts(&map, "  <url><loc>");
			buf_put_xml(&map, loc.ptr);
			buf_puts(&map, "</loc></url>\n");
		}
	buf_puts(&map, "</urlset>\n");
	buf_free(&loc);
	bool ok = out_write(s->out, "sitemap.xml", map.ptr, map.len);
	buf_free(&map);
	return ok;
}

/* Writes the pages from..to-1 of each language. */
static void write_pages(site_t *s, int from, int to)
{
	for (int l = 0; l < s->p->nlangs && s->ok; l++) {
		s->lang = (lang_t)l;
		pdf_metrics m;
		fonts_metrics(&m, s->fonts, s->lang);
		s->m = &m;
		for (s->page = from; s->page < to && s->ok; s->page++)
			write_page(s);
		pdf_metrics_fini(&m);
		s->m = NULL;
	}
}

static void site_free(site_t *s)
{
	for (int i = 0; i < s->npages; i++)
		free(s->pages[i].slug);
	free(s->pages);
	for (int l = 0; l < MAX_LANGS; l++)
		buf_free(&s->search[l]);
	anchors_free(&s->anchors);
	buf_free(&s->text_page);
	for (int l = 0; l < MAX_LANGS; l++) {
		for (int i = 0; i < s->nnotelinks[l]; i++)
			free(s->notelinks[l][i].page);
		free(s->notelinks[l]);
	}
	xmlFreeDoc(s->tpl);
	free(s);
}

static int downloads_index(const site_t *s)
{
	int i = 0;
	while (i < s->npages && s->pages[i].kind != PAGE_DOWNLOADS)
		i++;
	return i;
}

site_t *out_html_start(const plan_t *p, const data_defs *defs, fonts_t *fonts, const char *theme, outdir_t *out)
{
	size_t len;
	char *tpl = files_theme(theme, "page.html", &len);
	if (!tpl)
		return NULL;
	xmlDocPtr doc = xmlReadMemory(tpl, (int)len, "page.html", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	free(tpl);
	if (!doc) {
		diag_fatal("the theme's page template \"%s/page.html\" is not well-formed XML", theme);
		return NULL;
	}
	site_t *s = xcalloc(1, sizeof *s);
	*s = (site_t){.p = p, .defs = defs, .fonts = fonts, .theme = theme, .out = out, .tpl = doc, .ok = true};
	buf_init(&s->text_page);
	plan_pages(s);
	for (int l = 0; l < p->nlangs; l++)
		buf_puts(&s->search[l], "window.plangenSearch = [");
	write_pages(s, 0, downloads_index(s));
	if (!s->ok) {
		site_free(s);
		return NULL;
	}
	return s;
}

bool out_html_finish(site_t *s)
{
	write_pages(s, downloads_index(s), s->npages);
	for (int l = 0; l < s->p->nlangs && s->ok; l++) {
		buf_puts(&s->search[l], "];\n");
		buf_t rel = BUF_INIT;
		buf_printf(&rel, "assets/search-%s.js", code(s, l));
		s->ok = out_write(s->out, rel.ptr, s->search[l].ptr, s->search[l].len);
		buf_free(&rel);
	}
	s->ok = s->ok && copy_asset(s, s->theme, "style.css") && copy_asset(s, s->theme, "site.js") &&
		copy_asset(s, s->theme, "favicon.svg");
	s->ok = s->ok && write_sitemap(s);
	int changed = 0, added = 0;
	for (int l = 0; l < s->p->nlangs; l++)
		changed += s->changed[l], added += s->added[l];
	if (changed || added) {
		diag_warning(s->p->a11y_results->pos, "the accessibility test results are older than the site: "
			     "pages changed since the test: %d, pages added: %d", changed, added);
		diag_hint("the accessibility page says so; test the site again with `make a11y` before publishing it");
	}
	bool ok = s->ok;
	site_free(s);
	return ok;
}
