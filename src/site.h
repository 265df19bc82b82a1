/* site.h — what the website back-end's files share (libxml2 types allowed
 * here and only in out_html.c, html_blocks.c, html_check.c and out_svg.c): the site being
 * written, small helpers to make its trees, and the blocks html_blocks.c
 * draws for the pages out_html.c makes. */
#ifndef PLANGEN_SITE_H
#define PLANGEN_SITE_H

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends.h"
#include "figure.h"
#include "utf8.h"
#include "view.h"

/* The figure as an <svg> element (the caller owns it).  Its <title> holds
 * the figure's text alternative; `id` makes its pattern ids unique in a
 * page; `labelledby`, if not NULL, names the visible caption instead. */
xmlNodePtr svg_figure(const fig_t *f, const char *id, const char *labelledby);

/* ---- the site being written -------------------------------------------- */

typedef struct {
	char *slug;  /* file name without .html */
	text_t *title;    /* borrowed */
	int word; /* the title of a page titled by the interface: a word_t */
	int parent;  /* page index for breadcrumbs, -1: home */
	int chapter; /* chapter index or -1 */
	int policy, measure;
	int kind;
} page_t;

enum { PAGE_HOME, PAGE_CHAPTER, PAGE_POLICY, PAGE_MEASURE, PAGE_INDICATORS, PAGE_STRUCTURE, PAGE_REVISIONS,
       PAGE_COMMITTEE, PAGE_DOWNLOADS, PAGE_SEARCH, PAGE_404, PAGE_ACCESSIBILITY };

typedef struct site {
	const plan_t *p;
	const data_defs *defs; /* the open data's item definitions */
	fonts_t *fonts;
	const char *theme;
	outdir_t *out;
	xmlDocPtr tpl;
	page_t *pages;
	int npages;
	/* per page being made */
	lang_t lang;
	pdf_metrics *m; /* the language's fonts, to lay out figures */
	int page;
	int hshift;   /* added to Markdown heading levels */
	int nfig;     /* figures on this page, for unique ids */
	int ntable;   /* scrolling tables on this page, for their captions' ids */
	anchors_t anchors; /* the ids of this page's headings */
	buf_t text_page;   /* the page of a placed policy's or measure's text being made (policy-ID), else empty */
	/* per language, made when first needed: the notes the texts link to on
	 * another page (measure-m1.html#note-3), which that page shows */
	struct notelink {
		char *page;
		int num;
	} *notelinks[MAX_LANGS];
	int nnotelinks[MAX_LANGS];
	bool notelinks_made[MAX_LANGS];
	xmlNodePtr toc; /* <ol> of the in-page table of contents, or NULL */
	int depth;      /* nesting of the Markdown being rendered */
	/* per language */
	buf_t search[MAX_LANGS]; /* the search index being written */
	int checked[MAX_LANGS], problems[MAX_LANGS]; /* pages checked, problems found */
	/* Against the accessibility test results (plan.yaml site:
	 * accessibility_results), the pages written: tested (and of those,
	 * changed since), not tested, and the problems the tools found. */
	int tested[MAX_LANGS], changed[MAX_LANGS], added[MAX_LANGS], axe[MAX_LANGS], validator[MAX_LANGS];
	bool ok;
} site_t;

static inline const char *W(const site_t *s, word_t w) { return plan_word(s->p, w, s->lang); }

/* The default language is at the site's root, each other in /CODE/. */
static inline const char *root(const site_t *s) { return s->lang ? "../" : ""; }

static inline void lang_dir(buf_t *b, const site_t *s, lang_t lang)
{
	if (lang)
		buf_printf(b, "%s/", s->p->langs[lang].code);
}

static inline const char *code(const site_t *s, lang_t lang) { return s->p->langs[lang].code; }

static inline xmlNodePtr el(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n = xmlNewNode(NULL, BAD_CAST name);
	if (text)
		xmlNodeAddContent(n, BAD_CAST text);
	if (parent)
		xmlAddChild(parent, n);
	return n;
}

static inline void attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, BAD_CAST name, BAD_CAST value);
}

static inline xmlNodePtr link(xmlNodePtr parent, const char *href, const char *text)
{
	xmlNodePtr a = el(parent, "a", text);
	attr(a, "href", href);
	return a;
}

static inline const char *page_title(const site_t *s, int i)
{
	const page_t *pg = &s->pages[i];
	return pg->title ? text_get(pg->title, s->lang) : W(s, (word_t)pg->word);
}

static inline void page_href(buf_t *b, const site_t *s, int i)
{
	buf_printf(b, "%s.html", s->pages[i].slug);
}

/* An element in the other language than the page gets its lang attribute. */
static inline void text_in(const site_t *s, xmlNodePtr parent, const text_t *t)
{
	const char *str = text_get(t, s->lang);
	if (text_fallback(t, s->lang) && utf8_has_japanese(str)) {
		xmlNodePtr span = el(parent, "span", str);
		attr(span, "lang", code(s, 0));
		return;
	}
	xmlNodeAddContent(parent, BAD_CAST str);
}

/* A word of the interface, marked as text_in() marks a text: a language
 * without its own words shows the default language's. */
static inline void word_in(const site_t *s, xmlNodePtr parent, word_t w) { text_in(s, parent, &s->p->words[w]); }

static inline xmlNodePtr word_el(const site_t *s, xmlNodePtr parent, const char *name, word_t w)
{
	xmlNodePtr e = el(parent, name, NULL);
	word_in(s, e, w);
	return e;
}

/* "Basic policy 1: title" (the word numbered_title),
 * the title marked as text_in() marks it. */
static inline void numbered_in(site_t *s, xmlNodePtr parent, word_t word, int number, const text_t *title)
{
	char num[16];
	snprintf(num, sizeof num, "%d", number);
	buf_t b = BUF_INIT;
	plan_word_fmt(&b, s->p, WORD_NUMBERED_TITLE, s->lang, "word", W(s, word), "number", num, "title", "\x01", NULL);
	char *mark = strchr(b.ptr, '\x01');
	if (mark)
		*mark = '\0';
	xmlNodeAddContent(parent, BAD_CAST b.ptr);
	if (mark) {
		text_in(s, parent, title);
		xmlNodeAddContent(parent, BAD_CAST(mark + 1));
	}
	buf_free(&b);
}

/* Adds English text that quotes Japanese words: each Japanese run gets its
 * own lang="ja" (WCAG 3.1.2), so screen readers switch voice for it. */
static inline void add_mixed(xmlNodePtr parent, const char *str)
{
	size_t len = strlen(str), i = 0, start = 0;
	int run = -1; /* 1: Japanese, 0: other */
	while (i <= len) {
		uint32_t cp = 0;
		int n = i < len ? utf8_decode(str + i, len - i, &cp) : 1;
		if (!n)
			n = 1;
		char ch[5] = {0};
		if (i < len)
			memcpy(ch, str + i, (size_t)n);
		/* Spaces and Latin punctuation join the run they are in. */
		int kind = i == len ? 2 : utf8_is_wide(cp) ? 1 : (cp < 0x80 && !((cp | 32) >= 'a' && (cp | 32) <= 'z')) ? run : 0;
		if (run == -1)
			run = kind;
		if (kind != run) {
			char *part = xstrndup(str + start, i - start);
			if (run == 1)
				xmlSetProp(el(parent, "span", part), BAD_CAST "lang", BAD_CAST "ja");
			else
				xmlNodeAddContent(parent, BAD_CAST part);
			free(part);
			start = i;
			run = kind;
		}
		i += (size_t)n;
	}
}

static inline bool has_text(const text_t *t) { return text_has(t); }

/* ---- html_check.c: the site's own accessibility checks ------------------ */

/* Checks a page as it is written (page: its path, for the messages);
 * returns the number of problems, each reported as a warning. */
int html_check_page(xmlNodePtr html, const char *page);

/* ---- html_blocks.c: Markdown and the generated blocks ------------------ */

void chart_block(site_t *s, xmlNodePtr parent, const indicator_t *ind);
void draw_table(site_t *s, xmlNodePtr parent, view_table *vt);
xmlNodePtr heading(xmlNodePtr parent, int level);
void numbered_heading(site_t *s, xmlNodePtr parent, word_t word, const char *id, int number, const text_t *title,
		      int level);
void points_block(site_t *s, xmlNodePtr parent);
void render_blocks(site_t *s, xmlNodePtr parent, const md_node *first);
void render_body(site_t *s, xmlNodePtr parent, md_node *const body[MAX_LANGS]);
void render_inlines(site_t *s, xmlNodePtr parent, const md_node *first);
void structure_block(site_t *s, xmlNodePtr parent);
/* A wrapper in which a wide table scrolls, focusable so that a keyboard
 * can scroll it; named by the table's caption, whose id it writes into
 * caption_id, when there is one (NULL: none). */
xmlNodePtr table_wrap(site_t *s, xmlNodePtr parent, char caption_id[32]);

#endif
