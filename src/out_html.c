/* out_html.c — model → the bilingual static website.
 *
 * Every page is a libxml2 tree made from the theme's page template
 * (themes/DIR/page.html, well-formed XHTML) whose elements marked
 * data-slot="…" are filled here; "{root}" in attribute values becomes the
 * relative path to the site's root, so the site works from any sub-path.
 * Markdown is walked from the model's tree into the same trees, and data
 * blocks become the generated tables and figures.  Serialized as HTML5, so
 * escaping is correct by construction.  Japanese is at /, English at /en/. */
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
       PAGE_COMMITTEE, PAGE_DOWNLOADS, PAGE_SEARCH, PAGE_404 };

typedef struct {
	const plan_t *p;
	outdir_t *out;
	xmlDocPtr tpl;
	page_t *pages;
	int npages;
	/* per page being made */
	lang_t lang;
	int page;
	int hshift;   /* added to Markdown heading levels */
	int nfig;     /* figures on this page, for unique ids */
	int nheading; /* headings on this page, for ids */
	xmlNodePtr toc; /* <ol> of the in-page table of contents, or NULL */
	int depth;      /* nesting of the Markdown being rendered */
	buf_t search; /* the search index being written, per language */
	bool ok;
} site_t;

static const char *W(const site_t *s, word_t w) { return plan_word(s->p, w, s->lang); }

/* The default language is at the site's root, each other in /CODE/. */
static const char *root(const site_t *s) { return s->lang ? "../" : ""; }

static void lang_dir(buf_t *b, const site_t *s, lang_t lang)
{
	if (lang)
		buf_printf(b, "%s/", s->p->langs[lang].code);
}

static const char *code(const site_t *s, lang_t lang) { return s->p->langs[lang].code; }

static xmlNodePtr el(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n = xmlNewNode(NULL, BAD_CAST name);
	if (text)
		xmlNodeAddContent(n, BAD_CAST text);
	if (parent)
		xmlAddChild(parent, n);
	return n;
}

static void attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, BAD_CAST name, BAD_CAST value);
}

static xmlNodePtr link(xmlNodePtr parent, const char *href, const char *text)
{
	xmlNodePtr a = el(parent, "a", text);
	attr(a, "href", href);
	return a;
}

static const char *page_title(const site_t *s, int i)
{
	const page_t *pg = &s->pages[i];
	return pg->title ? text_get(pg->title, s->lang) : W(s, (word_t)pg->word);
}

static void page_href(buf_t *b, const site_t *s, int i)
{
	buf_printf(b, "%s.html", s->pages[i].slug);
}

/* An element in the other language than the page gets its lang attribute. */
static void text_in(const site_t *s, xmlNodePtr parent, const text_t *t)
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
static void word_in(const site_t *s, xmlNodePtr parent, word_t w) { text_in(s, parent, &s->p->words[w]); }

static xmlNodePtr word_el(const site_t *s, xmlNodePtr parent, const char *name, word_t w)
{
	xmlNodePtr e = el(parent, name, NULL);
	word_in(s, e, w);
	return e;
}

/* "基本方針1　title" / "Basic policy 1: title" (the word numbered_title),
 * the title marked as text_in() marks it. */
static void numbered_in(site_t *s, xmlNodePtr parent, word_t word, int number, const text_t *title)
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
static void add_mixed(xmlNodePtr parent, const char *str)
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

static bool has_text(const text_t *t) { return text_has(t); }

/* ---- Markdown → tree --------------------------------------------------- */

/* Markdown nested deeper than any real document (a thousand quotes) is
 * rendered as its plain text, so that recursion stays bounded. */
#define MAX_DEPTH 64

static void flat_text(buf_t *b, const md_node *n)
{
	/* Iterative: the subtree may be as deep as the input allows. */
	const md_node *top = n;
	while (n) {
		if (n->text && (n->type == MD_TEXT || n->type == MD_CODE))
			buf_puts(b, n->text);
		if (n->first) {
			n = n->first;
			continue;
		}
		while (n != top && !n->next)
			n = n->parent;
		if (n == top)
			break;
		n = n->next;
	}
}

static void render_blocks(site_t *s, xmlNodePtr parent, const md_node *first);
static void render_data(site_t *s, xmlNodePtr parent, const md_node *n);

/* Raw HTML in the Markdown: shown as text unless the site settings allow
 * it (plan.yaml, site: allow_html); then parsed by libxml2's HTML parser and
 * grafted in as nodes, so the page stays well-formed either way. */
/* Raw HTML that a plan allows is still kept from running script or
 * fetching from elsewhere: elements that run or embed something, event
 * attributes, inline styles with url(), and addresses the loader would
 * refuse in Markdown are removed. */
static void sanitize(site_t *s, xmlNodePtr n)
{
	static const char *const drop[] = {"script", "style", "iframe", "frame", "frameset", "object", "embed",
					   "applet", "base", "meta", "link", "form", "noscript", "template", NULL};
	static const char *const fetch[] = {"src", "srcset", "poster", "background", "data", "lowsrc", "dynsrc",
					    NULL};
	static const char *const url[] = {"href", "action", "formaction", "cite", "ping", "longdesc", "xlink:href",
					  NULL};
	while (n) {
		xmlNodePtr next = n->next;
		bool gone = false;
		for (int i = 0; n->type == XML_ELEMENT_NODE && drop[i] && !gone; i++)
			if (xmlStrcasecmp(n->name, BAD_CAST drop[i]) == 0) {
				xmlUnlinkNode(n);
				xmlFreeNode(n);
				gone = true;
			}
		if (gone) {
			n = next;
			continue;
		}
		for (xmlAttrPtr a = n->type == XML_ELEMENT_NODE ? n->properties : NULL, an; a; a = an) {
			an = a->next;
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			const char *name = (const char *)a->name;
			char scheme[16];
			linkkind_t kind = plan_link_kind(v ? (const char *)v : "", scheme);
			bool bad = strncasecmp(name, "on", 2) == 0 || strcasecmp(name, "srcdoc") == 0 ||
				   (strcasecmp(name, "style") == 0 && v && strstr((const char *)v, "url("));
			for (int i = 0; fetch[i] && !bad; i++)
				bad = strcasecmp(name, fetch[i]) == 0 &&
				      (kind == LINK_UNSAFE || kind == LINK_ROOTED || kind == LINK_CONTACT ||
				       (kind == LINK_WEB && !s->p->external_images) || strcasecmp(name, "srcset") == 0);
			for (int i = 0; url[i] && !bad; i++)
				bad = strcasecmp(name, url[i]) == 0 && (kind == LINK_UNSAFE || kind == LINK_ROOTED);
			xmlFree(v);
			if (bad)
				xmlRemoveProp(a);
		}
		sanitize(s, n->children);
		n = next;
	}
}

static void raw_html(site_t *s, xmlNodePtr parent, const char *html)
{
	if (!s->p->allow_html) {
		xmlNodeAddContent(parent, BAD_CAST html);
		return;
	}
	buf_t b = BUF_INIT;
	buf_printf(&b, "<html><body><div>%s</div></body></html>", html);
	htmlDocPtr frag = htmlReadMemory(b.ptr, (int)b.len, NULL, "UTF-8",
					 HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	buf_free(&b);
	xmlNodePtr n = frag ? xmlDocGetRootElement(frag) : NULL;
	while (n && !xmlStrEqual(n->name, BAD_CAST "div"))
		n = n->children ? n->children : n->next;
	if (n)
		sanitize(s, n->children);
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		xmlAddChild(parent, xmlCopyNode(c, 1));
	xmlFreeDoc(frag);
}

static void render_inlines(site_t *s, xmlNodePtr parent, const md_node *first);

/* Inline raw HTML comes from cmark in pieces (<b>, text, </b>): with
 * allow_html the whole run of inlines is serialized with the pieces in
 * place, then parsed once, so that tags pair up across the pieces. */
#define RAW_MARK "@@plangen-raw-html@@"

static bool render_with_html(site_t *s, xmlNodePtr parent, const md_node *first)
{
	if (!s->p->allow_html)
		return false;
	const md_node *n = first;
	while (n && n->type != MD_HTML_INLINE)
		n = n->next;
	if (!n)
		return false;
	/* Render with ASCII placeholders (the serializer writes non-ASCII as
	 * character references), serialize, put the raw pieces back. */
	xmlNodePtr tmp = xmlNewNode(NULL, BAD_CAST "span");
	for (n = first; n; n = n->next) {
		if (n->type == MD_HTML_INLINE) {
			xmlNodeAddContent(tmp, BAD_CAST RAW_MARK);
			continue;
		}
		md_node copy = *n;
		copy.next = NULL;
		render_inlines(s, tmp, &copy);
	}
	xmlBufferPtr xb = xmlBufferCreate();
	for (xmlNodePtr c = tmp->children; c; c = c->next)
		htmlNodeDump(xb, NULL, c);
	buf_t html = BUF_INIT;
	const char *out = (const char *)xmlBufferContent(xb);
	n = first;
	for (const char *q = out; *q;) {
		const char *mark = strstr(q, RAW_MARK);
		if (!mark) {
			buf_puts(&html, q);
			break;
		}
		buf_put(&html, q, (size_t)(mark - q));
		while (n && n->type != MD_HTML_INLINE)
			n = n->next;
		if (n) {
			buf_puts(&html, n->text);
			n = n->next;
		}
		q = mark + strlen(RAW_MARK);
	}
	raw_html(s, parent, html.ptr);
	buf_free(&html);
	xmlBufferFree(xb);
	xmlFreeNode(tmp);
	return true;
}

/* An image's address: the loader made it a file of the content folder,
 * copied to media/ (backends.c), or a web address the plan allows. */
static void image_src(site_t *s, buf_t *b, const char *url)
{
	char scheme[16];
	if (plan_link_kind(url, scheme) == LINK_RELATIVE)
		buf_printf(b, "%smedia/%s", root(s), url);
	else
		buf_puts(b, url);
}

static void render_inlines(site_t *s, xmlNodePtr parent, const md_node *first)
{
	if (render_with_html(s, parent, first))
		return;
	if (s->depth + 1 > MAX_DEPTH) {
		buf_t b = BUF_INIT;
		for (const md_node *n = first; n; n = n->next)
			flat_text(&b, n);
		xmlNodeAddContent(parent, BAD_CAST b.ptr);
		buf_free(&b);
		return;
	}
	s->depth++;
	for (const md_node *n = first; n; n = n->next) {
		xmlNodePtr e;
		switch (n->type) {
		case MD_TEXT:
			xmlNodeAddContent(parent, BAD_CAST n->text);
			break;
		case MD_CODE:
			el(parent, "code", n->text);
			break;
		case MD_HTML_INLINE:
			raw_html(s, parent, n->text);
			break;
		case MD_LINEBREAK:
			el(parent, "br", NULL);
			break;
		case MD_EMPH:
			render_inlines(s, el(parent, "em", NULL), n->first);
			break;
		case MD_STRONG:
			render_inlines(s, el(parent, "strong", NULL), n->first);
			break;
		case MD_LINK:
			e = link(parent, n->text, NULL);
			if (strncmp(n->text, "#note-", 6) == 0) {
				attr(e, "class", "noteref");
				e = el(e, "sup", NULL);
			}
			render_inlines(s, e, n->first);
			break;
		case MD_IMAGE: {
			buf_t alt = BUF_INIT;
			for (const md_node *c = n->first; c; c = c->next)
				if (c->type == MD_TEXT)
					buf_puts(&alt, c->text);
			e = el(parent, "img", NULL);
			buf_t src = BUF_INIT;
			image_src(s, &src, n->text);
			attr(e, "src", src.ptr);
			attr(e, "alt", alt.ptr);
			buf_free(&src);
			buf_free(&alt);
			break;
		}
		default:
			render_inlines(s, parent, n->first);
			break;
		}
	}
	s->depth--;
}

static int footnote_number(const md_node *para)
{
	const md_node *t = para->first;
	if (!t || t->type != MD_TEXT || strncmp(t->text, "※", 3) != 0)
		return 0;
	int n = atoi(t->text + 3);
	return n > 0 && strchr(" 　", t->text[3 + strspn(t->text + 3, "0123456789")]) ? n : 0;
}

static xmlNodePtr heading(site_t *s, xmlNodePtr parent, int level)
{
	char name[4];
	level = level < 1 ? 1 : level > 6 ? 6 : level;
	snprintf(name, sizeof name, "h%d", level);
	xmlNodePtr h = el(parent, name, NULL);
	char id[32];
	snprintf(id, sizeof id, "s%d", ++s->nheading);
	attr(h, "id", id);
	return h;
}

/* Adds the finished heading h to the page's table of contents. */
static void toc_add(site_t *s, xmlNodePtr h, int level)
{
	if (!s->toc || level < 2 || level > 3)
		return;
	/* A sub-section goes into a list of its own under its section, so
	 * that the nesting is heard, not only seen. */
	xmlNodePtr list = s->toc, last = xmlGetLastChild(s->toc);
	if (level == 3 && last) {
		list = xmlGetLastChild(last);
		if (!list || list->type != XML_ELEMENT_NODE || !xmlStrEqual(list->name, BAD_CAST "ol"))
			list = el(last, "ol", NULL);
	}
	xmlNodePtr li = el(list, "li", NULL);
	buf_t href = BUF_INIT;
	xmlChar *id = xmlGetProp(h, BAD_CAST "id");
	xmlChar *txt = xmlNodeGetContent(h);
	buf_printf(&href, "#%s", (char *)id);
	link(li, href.ptr, (char *)txt);
	xmlFree(id);
	xmlFree(txt);
	buf_free(&href);
}

static void render_blocks(site_t *s, xmlNodePtr parent, const md_node *first)
{
	if (++s->depth > MAX_DEPTH) {
		buf_t b = BUF_INIT;
		for (const md_node *n = first; n; n = n->next)
			flat_text(&b, n);
		el(parent, "p", b.ptr);
		buf_free(&b);
		s->depth--;
		return;
	}
	for (const md_node *n = first; n; n = n->next) {
		xmlNodePtr e;
		int note;
		switch (n->type) {
		case MD_HEADING: {
			int level = n->level + s->hshift;
			e = heading(s, parent, level);
			render_inlines(s, e, n->first);
			toc_add(s, e, level);
			break;
		}
		case MD_PARAGRAPH:
			e = el(parent, "p", NULL);
			if ((note = footnote_number(n))) {
				char id[32];
				snprintf(id, sizeof id, "note-%d", note);
				attr(e, "id", id);
				attr(e, "class", "footnote");
			}
			render_inlines(s, e, n->first);
			break;
		case MD_LIST:
			e = el(parent, n->level ? "ol" : "ul", NULL);
			if (n->level && n->start != 1) {
				char b[16];
				snprintf(b, sizeof b, "%d", n->start);
				attr(e, "start", b);
			}
			render_blocks(s, e, n->first);
			break;
		case MD_ITEM:
			e = el(parent, "li", NULL);
			/* A tight list's paragraphs are not wrapped in <p>. */
			if (n->parent && n->parent->tight && n->first && n->first->type == MD_PARAGRAPH && !n->first->next)
				render_inlines(s, e, n->first->first);
			else
				render_blocks(s, e, n->first);
			break;
		case MD_BLOCKQUOTE:
			render_blocks(s, el(parent, "blockquote", NULL), n->first);
			break;
		case MD_THEMATIC_BREAK:
			el(parent, "hr", NULL);
			break;
		case MD_CODE_BLOCK:
			el(el(parent, "pre", NULL), "code", n->text);
			break;
		case MD_HTML_BLOCK:
			raw_html(s, s->p->allow_html ? parent : el(parent, "p", NULL), n->text);
			break;
		case MD_DATA:
			render_data(s, parent, n);
			break;
		default:
			break;
		}
	}
	s->depth--;
}

/* ---- generated blocks -------------------------------------------------- */

/* A wide table scrolls sideways on a phone; its wrapper takes the keyboard
 * focus so that it can be scrolled without a mouse. */
static xmlNodePtr table_wrap(xmlNodePtr parent)
{
	xmlNodePtr wrap = el(parent, "div", NULL);
	attr(wrap, "class", "table-wrap");
	attr(wrap, "tabindex", "0");
	return wrap;
}

/* The runs of a view cell: a revision mark in its own span, a note in
 * <small>, Japanese shown for want of a translation in a span marked
 * lang="ja", line breaks as <br>. */
static void draw_runs(xmlNodePtr parent, const view_cell *c)
{
	for (int i = 0; i < c->nruns; i++) {
		const view_run *r = &c->runs[i];
		if (i && r->soft_break)
			xmlNodeAddContent(parent, BAD_CAST " ");
		xmlNodePtr at = parent;
		if (r->style == VIEW_MARK) {
			attr(el(parent, "span", r->text), "class", "mark");
			continue;
		}
		if (r->style == VIEW_NOTE)
			at = el(at, "small", NULL);
		if (r->fallback)
			attr(at = el(at, "span", NULL), "lang", "ja");
		for (const char *q = r->text; *q;) {
			const char *nl = strchr(q, '\n');
			size_t len = nl ? (size_t)(nl - q) : strlen(q);
			char *part = xstrndup(q, len);
			xmlNodeAddContent(at, BAD_CAST part);
			free(part);
			if (!nl)
				break;
			el(at, "br", NULL);
			q = nl + 1;
		}
	}
}

static const char *const table_class[] = {
	[VIEW_INDICATORS] = "indicators", [VIEW_CHART_DATA] = "chart-data", [VIEW_DATA] = NULL,
	[VIEW_ACTIONS] = "actions", [VIEW_PROGRESS] = "progress", [VIEW_REVISIONS] = "revisions",
};

/* A table of the view (view.c decides what it says; this only draws it),
 * then its note and source.  Takes the table and frees it. */
static void draw_table(site_t *s, xmlNodePtr parent, view_table *vt)
{
	(void)s;
	if (!vt)
		return;
	xmlNodePtr t = el(vt->wide ? table_wrap(parent) : parent, "table", NULL);
	if (vt->id)
		attr(t, "id", vt->id);
	if (table_class[vt->kind])
		attr(t, "class", table_class[vt->kind]);
	if (vt->caption.nruns)
		draw_runs(el(t, "caption", NULL), &vt->caption);
	xmlNodePtr head = vt->nhead ? el(t, "thead", NULL) : NULL, body = NULL;
	for (int i = 0; i < vt->nrows; i++) {
		const view_row *r = &vt->rows[i];
		if (r->kind != VIEW_ROW_HEAD && !body)
			body = el(t, "tbody", NULL);
		xmlNodePtr tr = el(r->kind == VIEW_ROW_HEAD ? head : body, "tr", NULL);
		if (r->id)
			attr(tr, "id", r->id);
		if (r->kind == VIEW_ROW_GROUP)
			attr(tr, "class", "group");
		for (int k = 0; k < r->ncells; k++) {
			const view_cell *c = &r->cells[k];
			xmlNodePtr cell = el(tr, c->head ? "th" : "td", NULL);
			char n[16];
			if (c->colspan > 1) {
				snprintf(n, sizeof n, "%d", c->colspan);
				attr(cell, "colspan", n);
			}
			if (c->rowspan > 1) {
				snprintf(n, sizeof n, "%d", c->rowspan);
				attr(cell, "rowspan", n);
			}
			if (c->head)
				attr(cell, "scope", r->kind == VIEW_ROW_BODY ? "row"
						    : r->kind == VIEW_ROW_GROUP || c->colspan > 1 ? "colgroup" : "col");
			if (c->id)
				attr(cell, "id", c->id);
			if (c->number)
				attr(cell, "class", "num");
			if (c->status) {
				buf_t cls = BUF_INIT;
				buf_printf(&cls, "status %s", c->status);
				attr(cell, "class", cls.ptr);
				buf_free(&cls);
			}
			draw_runs(c->href ? link(cell, c->href, NULL) : cell, c);
		}
	}
	if (vt->note.nruns) {
		xmlNodePtr n = el(parent, "p", NULL);
		attr(n, "class", "table-note");
		draw_runs(n, &vt->note);
	}
	if (vt->source.nruns) {
		xmlNodePtr n = el(parent, "p", NULL);
		attr(n, "class", "source");
		draw_runs(n, &vt->source);
	}
	view_table_free(vt);
}

static void chart_block(site_t *s, xmlNodePtr parent, const indicator_t *ind)
{
	const plan_t *p = s->p;
	xmlNodePtr fig = el(parent, "figure", NULL);
	attr(fig, "class", "chart");
	char id[96];
	snprintf(id, sizeof id, "fig-%s", ind->id);
	attr(fig, "id", id);
	xmlNodePtr cap = el(fig, "figcaption", NULL);
	buf_t c = BUF_INIT;
	view_chart_caption(&c, p, s->lang, ind);
	xmlNodeAddContent(cap, BAD_CAST c.ptr);
	text_in(s, cap, &ind->name);
	buf_free(&c);
	char fid[112];
	snprintf(fid, sizeof fid, "%s-%d", id, ++s->nfig);
	fig_t *f = fig_indicator(p, ind, s->lang);
	xmlNodePtr row = el(fig, "div", NULL);
	attr(row, "class", "chart-row");
	xmlAddChild(row, svg_figure(f, fid, NULL));
	fig_free(f);
	draw_table(s, row, view_chart_data(s->p, s->lang, ind));
}

static void figure_block(site_t *s, xmlNodePtr parent, const figure_t *fg)
{
	xmlNodePtr fig = el(parent, "figure", NULL);
	char id[96];
	snprintf(id, sizeof id, "fig-%s", fg->id);
	attr(fig, "id", id);
	attr(fig, "class", fg->kind == FIG_IMAGE ? "photo" : "chart");
	xmlNodePtr cap = el(fig, "figcaption", NULL);
	text_in(s, cap, &fg->title);
	if (fg->kind == FIG_IMAGE) {
		/* The picture itself is lost in the source: its caption stays. */
		xmlNodePtr kind = xmlNewNode(NULL, BAD_CAST "span");
		word_in(s, kind, WORD_PHOTO);
		word_in(s, kind, WORD_LABEL_SEPARATOR);
		attr(kind, "class", "kind");
		xmlAddPrevSibling(cap->children, kind);
		if (fg->image) {
			xmlNodePtr img = el(fig, "img", NULL);
			buf_t src = BUF_INIT;
			image_src(s, &src, fg->image);
			attr(img, "src", src.ptr);
			attr(img, "alt", text_get(&fg->title, s->lang));
			buf_free(&src);
		}
	} else {
		fig_t *f = fig_chart(s->p, fg, s->lang);
		if (f) {
			char fid[112];
			snprintf(fid, sizeof fid, "%s-%d", id, ++s->nfig);
			xmlAddChild(fig, svg_figure(f, fid, NULL));
			fig_free(f);
		} else {
			attr(word_el(s, fig, "p", WORD_NO_DATA), "class", "no-data");
		}
	}
	if (has_text(&fg->source)) {
		xmlNodePtr src = el(fig, "p", NULL);
		attr(src, "class", "source");
		text_in(s, src, &fg->source);
	}
}

static void structure_block(site_t *s, xmlNodePtr parent)
{
	const plan_t *p = s->p;
	xmlNodePtr fig = el(parent, "figure", NULL);
	attr(fig, "class", "structure");
	attr(fig, "id", "structure-diagram");
	word_el(s, fig, "figcaption", WORD_STRUCTURE);
	fig_t *f = fig_structure(p, s->lang);
	char fid[32];
	snprintf(fid, sizeof fid, "structure-%d", ++s->nfig);
	xmlAddChild(fig, svg_figure(f, fid, NULL));
	fig_free(f);
	/* The same structure as text, for every reader. */
	xmlNodePtr det = el(fig, "details", NULL);
	word_el(s, det, "summary", WORD_STRUCTURE_TEXT);
	xmlNodePtr ul = el(det, "ul", NULL);
	for (int i = 0; i < p->npolicies; i++) {
		const policy_t *po = &p->policies[i];
		xmlNodePtr li = el(ul, "li", NULL);
		buf_t b = BUF_INIT;
		numbered_in(s, li, WORD_POLICY, po->number, &po->title);
		xmlNodePtr sub = el(li, "ul", NULL);
		for (int k = 0; k < po->nmeasures; k++) {
			const measure_t *m = &p->measures[po->first_measure + k];
			xmlNodePtr mli = el(sub, "li", NULL);
			buf_printf(&b, "measure-%s.html", m->id);
			xmlNodePtr a = link(mli, b.ptr, NULL);
			buf_free(&b);
			numbered_in(s, a, WORD_MEASURE, m->number, &m->title);
			if (has_text(&m->summary)) {
				word_in(s, mli, WORD_SUMMARY_SEPARATOR);
				text_in(s, mli, &m->summary);
			}
		}
	}
}

static void points_block(site_t *s, xmlNodePtr parent)
{
	xmlNodePtr ol = el(parent, "ol", NULL);
	attr(ol, "class", "points");
	for (int i = 0; i < s->p->npoints; i++) {
		const point_t *pt = &s->p->points[i];
		xmlNodePtr li = el(ol, "li", NULL);
		text_in(s, el(li, "strong", NULL), &pt->title);
		const char *t = text_get(&pt->text, s->lang);
		/* Paragraphs of the text are separated by blank lines. */
		for (const char *q = t; *q;) {
			const char *end = strstr(q, "\n\n");
			size_t len = end ? (size_t)(end - q) : strlen(q);
			char *para = xstrndup(q, len);
			el(li, "p", para);
			free(para);
			if (!end)
				break;
			q = end + 2;
		}
	}
}

static void colophon_block(site_t *s, xmlNodePtr parent)
{
	view_colophon *c = view_colophon_of(s->p, s->lang);
	xmlNodePtr div = el(parent, "div", NULL);
	attr(div, "class", "colophon");
	int first = c->nlines - c->naddress;
	for (int i = 0; i < first; i++)
		draw_runs(el(div, "p", NULL), &c->lines[i]);
	xmlNodePtr addr = el(div, "address", NULL);
	for (int i = first; i < c->nlines; i++) {
		view_cell *l = &c->lines[i];
		if (i > first)
			el(addr, "br", NULL);
		if (l->href && l->nruns) {
			l->nruns--;
			draw_runs(addr, l);
			draw_runs(link(addr, l->href, NULL), &(view_cell){.runs = &l->runs[l->nruns], .nruns = 1});
			l->nruns++;
		} else {
			draw_runs(addr, l);
		}
	}
	view_colophon_free(c);
}

/* How many indicators of a set are achieved, on track, behind … by measure. */

static void render_body(site_t *s, xmlNodePtr parent, md_node *const body[MAX_LANGS])
{
	const md_node *doc = body[s->lang] ? body[s->lang] : body[0];
	if (!doc)
		return;
	if (s->lang && !body[s->lang]) {
		xmlNodePtr div = el(parent, "div", NULL);
		attr(div, "lang", code(s, 0));
		parent = div;
	}
	render_blocks(s, parent, doc->first);
}

/* "基本方針1　…" / "Basic measure 3: …": the heading of a policy or a measure. */
static void numbered_heading(site_t *s, xmlNodePtr parent, word_t word, int number, const text_t *title, int level)
{
	xmlNodePtr h = heading(s, parent, level);
	numbered_in(s, h, word, number, title);
	toc_add(s, h, level);
}

/* The level of the heading a data block's own heading goes under. */
static int current_level(const md_node *n)
{
	int level = 1;
	for (const md_node *c = n->parent ? n->parent->first : NULL; c && c != n; c = c->next)
		if (c->type == MD_HEADING)
			level = c->level;
	return level;
}

static void render_data(site_t *s, xmlNodePtr parent, const md_node *n)
{
	const plan_t *p = s->p;
	if (n->ref < 0 && n->data != DATA_INDICATORS && n->data != DATA_STRUCTURE && n->data != DATA_GOAL &&
	    n->data != DATA_POINTS && n->data != DATA_REVISIONS && n->data != DATA_COLOPHON && n->data != DATA_PROGRESS)
		return;
	switch (n->data) {
	case DATA_INDICATORS:
		if (n->set >= 0)
			draw_table(s, parent, view_indicators(s->p, s->lang, n->set, n->ref));
		break;
	case DATA_CHART:
		chart_block(s, parent, &p->indicators[n->ref]);
		break;
	case DATA_FIGURE:
		figure_block(s, parent, &p->figures[n->ref]);
		break;
	case DATA_TABLE:
		draw_table(s, parent, view_data(s->p, s->lang, &p->tables[n->ref]));
		break;
	case DATA_ACTIONS:
		draw_table(s, parent, view_actions(s->p, s->lang, &p->measures[n->ref]));
		break;
	case DATA_POLICY:
	case DATA_MEASURE: {
		int level = current_level(n) + s->hshift + 1;
		int saved = s->hshift;
		xmlNodePtr sec = el(parent, "section", NULL);
		if (n->data == DATA_POLICY) {
			numbered_heading(s, sec, WORD_POLICY, p->policies[n->ref].number, &p->policies[n->ref].title, level);
			s->hshift = level; /* the body has no headings of its own, but be safe */
			render_body(s, sec, p->policies[n->ref].body);
		} else {
			numbered_heading(s, sec, WORD_MEASURE, p->measures[n->ref].number, &p->measures[n->ref].title, level);
			s->hshift = level;
			render_body(s, sec, p->measures[n->ref].body);
		}
		s->hshift = saved;
		break;
	}
	case DATA_STRUCTURE:
		structure_block(s, parent);
		break;
	case DATA_GOAL: {
		xmlNodePtr g = el(parent, "p", NULL);
		attr(g, "class", "goal");
		text_in(s, g, &p->goal);
		break;
	}
	case DATA_POINTS:
		points_block(s, parent);
		break;
	case DATA_REVISIONS:
		draw_table(s, parent, view_revisions(s->p, s->lang));
		break;
	case DATA_COLOPHON:
		colophon_block(s, parent);
		break;
	case DATA_PROGRESS:
		if (n->set >= 0)
			draw_table(s, parent, view_progress(s->p, s->lang, n->set));
		break;
	}
}

/* One side of a revision row: name (with mark), current value, target. */
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
	if (p->nsets >= 2)
		add_page(s, "revisions", NULL, WORD_REVISIONS, PAGE_REVISIONS);
	if (plan_members_table(p) >= 0)
		add_page(s, "committee", NULL, WORD_COMMITTEE, PAGE_COMMITTEE);
	add_page(s, "downloads", NULL, WORD_DOWNLOADS, PAGE_DOWNLOADS);
	add_page(s, "search", NULL, WORD_SEARCH, PAGE_SEARCH);
	add_page(s, "404", NULL, WORD_NOT_FOUND, PAGE_404);
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
	xmlNodePtr h1 = heading(s, hero, 1);
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

	xmlNodePtr h = heading(s, main, 2);
	word_in(s, h, WORD_GOAL);
	xmlNodePtr g = el(main, "p", NULL);
	attr(g, "class", "goal");
	text_in(s, g, &p->goal);
	if (p->npoints) {
		h = heading(s, main, 2);
		word_in(s, h, WORD_POINTS);
		points_block(s, main);
	}

	/* Progress of the revised set's indicators, by measure. */
	h = heading(s, main, 2);
	word_in(s, h, WORD_PROGRESS);
	draw_table(s, main, view_progress(s->p, s->lang, p->nsets - 1));
	buf_t b = BUF_INIT;

	h = heading(s, main, 2);
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

static void fill_main(site_t *s, xmlNodePtr main)
{
	const plan_t *p = s->p;
	const page_t *pg = &s->pages[s->page];
	xmlNodePtr h;
	switch (pg->kind) {
	case PAGE_HOME:
		home_content(s, main);
		return;
	case PAGE_CHAPTER: {
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
			h = heading(s, art, 1);
			render_inlines(s, h, rest->first);
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
		return;
	}
	case PAGE_POLICY: {
		const policy_t *po = &p->policies[pg->policy];
		numbered_heading(s, main, WORD_POLICY, po->number, &po->title, 1);
		s->hshift = 1;
		render_body(s, main, po->body);
		h = heading(s, main, 2);
		word_in(s, h, WORD_MEASURES);
		xmlNodePtr ul = el(main, "ul", NULL);
		for (int k = 0; k < po->nmeasures; k++) {
			const measure_t *m = &p->measures[po->first_measure + k];
			buf_t b = BUF_INIT;
			buf_printf(&b, "measure-%s.html", m->id);
			xmlNodePtr a = link(el(ul, "li", NULL), b.ptr, NULL);
			buf_free(&b);
			numbered_in(s, a, WORD_MEASURE, m->number, &m->title);
		}
		return;
	}
	case PAGE_MEASURE: {
		const measure_t *m = &p->measures[pg->measure];
		numbered_heading(s, main, WORD_MEASURE, m->number, &m->title, 1);
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
				word_in(s, h = heading(s, main, 2), WORD_INDICATOR_CHARTS);
			chart_block(s, main, &p->indicators[i]);
		}
		return;
	}
	case PAGE_INDICATORS:
		h = heading(s, main, 1);
		word_in(s, h, WORD_INDICATORS_PAGE);
		for (int set = p->nsets - 1; set >= 0; set--) {
			h = heading(s, main, 2);
			text_in(s, h, &p->sets[set].title);
			for (int m = -1; m < p->nmeasures; m++) {
				h = heading(s, main, 3);
				if (m < 0) {
					word_in(s, h, WORD_OVERALL);
				} else {
					numbered_in(s, h, WORD_MEASURE, p->measures[m].number, &p->measures[m].title);
				}
				draw_table(s, main, view_indicators(s->p, s->lang, set, m));
			}
		}
		return;
	case PAGE_STRUCTURE:
		h = heading(s, main, 1);
		word_in(s, h, WORD_STRUCTURE);
		structure_block(s, main);
		return;
	case PAGE_REVISIONS:
		h = heading(s, main, 1);
		word_in(s, h, WORD_REVISIONS);
		draw_table(s, main, view_revisions(s->p, s->lang));
		return;
	case PAGE_COMMITTEE:
		h = heading(s, main, 1);
		word_in(s, h, WORD_COMMITTEE);
		draw_table(s, main, view_data(s->p, s->lang, &p->tables[plan_members_table(p)]));
		return;
	case PAGE_DOWNLOADS: {
		h = heading(s, main, 1);
		xmlNodePtr h1 = h;
		word_in(s, h1, WORD_DOWNLOADS);
		static const struct {
			const char *file;
			word_t word;
			const char *fmt;
		} data[] = {
			{"downloads/indicators.csv", WORD_INDICATOR_DATA, "CSV"},
			{"downloads/indicators.json", WORD_INDICATOR_DATA, "JSON"},
			{"downloads/indicators-items.csv", WORD_ITEM_DEFINITION_FILE, "CSV"},
		};
		xmlNodePtr ul = el(main, "ul", NULL);
		attr(ul, "class", "downloads");
		int listed = 0;
		/* A booklet per language, then the open data. */
		for (int i = 0; i < p->nlangs + (int)(sizeof data / sizeof *data); i++) {
			buf_t file = BUF_INIT, label = BUF_INIT, b = BUF_INIT;
			const char *fmt = "PDF";
			if (i < p->nlangs) {
				buf_printf(&file, "downloads/plan-%s.pdf", code(s, i));
				plan_lang_label(&b, p, i, s->lang);
				plan_word_fmt(&label, p, WORD_BOOKLET, s->lang, "language", b.ptr, NULL);
				buf_free(&b);
			} else {
				buf_puts(&file, data[i - p->nlangs].file);
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
		if (!out_exists(s->out, "downloads/indicators-items.csv"))
			return;
		/* The item definition of the open data, as indicators-items.csv says it. */
		h = heading(s, main, 2);
		word_in(s, h, WORD_ITEM_DEFINITION);
		xmlNodePtr t = el(table_wrap(main), "table", NULL);
		attr(t, "class", "items");
		word_el(s, t, "caption", WORD_ITEM_COLUMNS);
		xmlNodePtr tr = el(el(t, "thead", NULL), "tr", NULL);
		static const word_t cols[5] = {WORD_ITEM_KEY, WORD_ITEM_NAME, WORD_ITEM_TYPE, WORD_ITEM_UNIT,
					       WORD_ITEM_MEANING};
		for (int c = 0; c < 5; c++)
			attr(el(tr, "th", W(s, cols[c])), "scope", "col");
		xmlNodePtr body = el(t, "tbody", NULL);
		for (int i = 0; i < data_nitems(); i++) {
			data_item_t it = data_item(s->p, i, strcmp(code(s, s->lang), "en") == 0);
			tr = el(body, "tr", NULL);
			xmlNodePtr th = el(tr, "th", NULL);
			attr(th, "scope", "row");
			el(th, "code", it.key);
			el(tr, "td", it.label);
			el(tr, "td", it.type);
			el(tr, "td", it.unit);
			xmlNodePtr desc = el(tr, "td", NULL);
			if (s->lang)
				add_mixed(desc, it.description);
			else
				xmlNodeAddContent(desc, BAD_CAST it.description);
			free(it.description);
		}
		return;
	}
	case PAGE_SEARCH: {
		h = heading(s, main, 1);
		word_in(s, h, WORD_SEARCH);
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
		xmlNodePtr nojs = el(main, "div", NULL);
		attr(nojs, "class", "nojs");
		word_el(s, nojs, "p", WORD_SEARCH_NOJS);
		h = heading(s, nojs, 2);
		word_in(s, h, WORD_ALL_PAGES);
		xmlNodePtr ul = el(nojs, "ul", NULL);
		for (int i = 0; i < s->npages; i++) {
			if (s->pages[i].kind == PAGE_404 || s->pages[i].kind == PAGE_SEARCH)
				continue;
			buf_t b = BUF_INIT;
			page_href(&b, s, i);
			link(el(ul, "li", NULL), b.ptr, page_title(s, i));
			buf_free(&b);
		}
		return;
	}
	case PAGE_404:
		h = heading(s, main, 1);
		word_in(s, h, WORD_NOT_FOUND);
		word_el(s, main, "p", WORD_NOT_FOUND_TEXT);
		return;
	}
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
		for (int l = base ? -1 : 0; l < s->p->nlangs; l++) {
			lang_t ll = l < 0 ? s->lang : (lang_t)l;
			xmlNodePtr ln = xmlNewNode(NULL, BAD_CAST "link");
			attr(ln, "rel", l < 0 ? "canonical" : "alternate");
			if (l >= 0)
				attr(ln, "hreflang", code(s, l));
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
		xmlNodePtr p1 = el(n, "p", NULL);
		text_in(s, p1, &s->p->publisher);
		xmlNodeAddContent(p1, BAD_CAST " ");
		text_in(s, p1, &s->p->editor_name);
		if (s->p->phone) {
			buf_printf(&b, "  TEL %s", s->p->phone);
			xmlNodeAddContent(p1, BAD_CAST b.ptr);
		}
		xmlNodePtr ul = el(n, "ul", NULL);
		static const int foot[] = {PAGE_REVISIONS, PAGE_COMMITTEE, PAGE_DOWNLOADS, PAGE_SEARCH};
		for (size_t f = 0; f < sizeof foot / sizeof *foot; f++)
			for (int i = 0; i < s->npages; i++)
				if (s->pages[i].kind == foot[f]) {
					buf_free(&b);
					page_href(&b, s, i);
					link(el(ul, "li", NULL), b.ptr, page_title(s, i));
				}
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

/* Plain text of a node for the search index, white space collapsed. */
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
			   !xmlStrEqual(n->name, BAD_CAST "nav")) {
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

/* Footnote marks written in YAML texts (an indicator's name "…バンク※7…")
 * become links to their note when the page has it, as Markdown references
 * already are. */
static bool has_id(xmlNodePtr n, const char *id)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *v = xmlGetProp(n, BAD_CAST "id");
		bool hit = v && strcmp((char *)v, id) == 0;
		xmlFree(v);
		if (hit || has_id(n->children, id))
			return true;
	}
	return false;
}

static void link_marks(xmlNodePtr main, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			/* Not inside links, figures' SVG, or the notes themselves. */
			xmlChar *cls = xmlGetProp(n, BAD_CAST "class");
			bool skip = xmlStrEqual(n->name, BAD_CAST "a") || xmlStrEqual(n->name, BAD_CAST "svg") ||
				    (cls && strcmp((char *)cls, "footnote") == 0);
			xmlFree(cls);
			if (!skip)
				link_marks(main, n->children);
			continue;
		}
		if (n->type != XML_TEXT_NODE || !n->content)
			continue;
		const char *t = (const char *)n->content, *mark = strstr(t, "※");
		int num = mark ? atoi(mark + 3) : 0;
		if (num <= 0 || mark[3] < '0' || mark[3] > '9')
			continue;
		char id[32];
		snprintf(id, sizeof id, "note-%d", num);
		if (!has_id(main, id))
			continue;
		/* Split: text before, <a><sup>※N</sup></a>, text after (looked at next). */
		size_t mlen = 3 + strspn(mark + 3, "0123456789");
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

static xmlNodePtr find_main(xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(n->name, BAD_CAST "main"))
			return n;
		xmlNodePtr m = find_main(n->children);
		if (m)
			return m;
	}
	return NULL;
}

static int collect_output(void *ctx, const char *data, int len)
{
	buf_put(ctx, data, (size_t)len);
	return len;
}

static void write_page(site_t *s)
{
	s->nfig = s->nheading = 0;
	s->hshift = 0;
	s->toc = NULL;
	htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
	xmlNodePtr html = xmlDocCopyNode(xmlDocGetRootElement(s->tpl), doc, 1);
	xmlDocSetRootElement(doc, html);
	apply_template(s, html);

	const page_t *pg = &s->pages[s->page];
	xmlNodePtr page_main = find_main(html);
	if (page_main)
		link_marks(page_main, page_main->children);
	if (pg->kind != PAGE_404 && pg->kind != PAGE_SEARCH) {
		xmlNodePtr main = page_main;
		buf_t text = BUF_INIT;
		collect_text(&text, main ? main->children : NULL);
		if (s->search.len > 1)
			buf_puts(&s->search, ",\n");
		buf_puts(&s->search, "{\"u\":");
		buf_t href = BUF_INIT;
		page_href(&href, s, s->page);
		json_string(&s->search, href.ptr);
		buf_puts(&s->search, ",\"t\":");
		json_string(&s->search, page_title(s, s->page));
		buf_puts(&s->search, ",\"x\":");
		json_string(&s->search, text.ptr);
		buf_puts(&s->search, "}");
		buf_free(&href);
		buf_free(&text);
	}

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

/* Appends s escaped for XML text and attribute values: the sitemap is
 * written as text, not as a libxml2 tree, and a base URL or a chapter's
 * file name may hold any of these. */
static void put_xml_escaped(buf_t *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		default: buf_putc(b, *s); break;
		}
	}
}

bool out_html(const plan_t *p, const char *theme, outdir_t *out)
{
	site_t s = {.p = p, .out = out, .ok = true};
	size_t len;
	char *tpl = files_theme(theme, "page.html", &len);
	if (!tpl)
		return false;
	s.tpl = xmlReadMemory(tpl, (int)len, "page.html", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	free(tpl);
	if (!s.tpl) {
		diag_fatal("the theme's page template \"%s/page.html\" is not well-formed XML", theme);
		return false;
	}
	plan_pages(&s);
	for (int l = 0; l < p->nlangs && s.ok; l++) {
		s.lang = (lang_t)l;
		buf_init(&s.search);
		buf_puts(&s.search, "[");
		for (s.page = 0; s.page < s.npages && s.ok; s.page++)
			write_page(&s);
		buf_puts(&s.search, "]\n");
		buf_t rel = BUF_INIT;
		buf_printf(&rel, "assets/search-%s.json", code(&s, l));
		s.ok = s.ok && out_write(out, rel.ptr, s.search.ptr, s.search.len);
		buf_free(&rel);
		buf_free(&s.search);
	}
	s.ok = s.ok && copy_asset(&s, theme, "style.css") && copy_asset(&s, theme, "search.js");

	/* sitemap.xml: absolute locations when the base URL is known, else
	 * relative (the site can live under any path). */
	buf_t map = BUF_INIT, loc = BUF_INIT;
	buf_puts(&map, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		       "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (int l = 0; l < p->nlangs; l++)
		for (int i = 0; i < s.npages; i++) {
			if (s.pages[i].kind == PAGE_404)
				continue;
			buf_free(&loc);
			buf_puts(&loc, p->base_url ? p->base_url : "");
			lang_dir(&loc, &s, l);
			buf_printf(&loc, "%s.html", s.pages[i].slug);
			buf_puts(&map, "  <url><loc>");
			put_xml_escaped(&map, loc.ptr);
			buf_puts(&map, "</loc></url>\n");
		}
	buf_puts(&map, "</urlset>\n");
	buf_free(&loc);
	s.ok = s.ok && out_write(out, "sitemap.xml", map.ptr, map.len);
	buf_free(&map);

	for (int i = 0; i < s.npages; i++)
		free(s.pages[i].slug);
	free(s.pages);
	xmlFreeDoc(s.tpl);
	return s.ok;
}
