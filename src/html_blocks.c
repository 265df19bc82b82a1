/* html_blocks.c — the content of the site's pages: Markdown walked into
 * libxml2 trees, and the data blocks drawn from the view (tables), the
 * figure module (charts, the structure diagram) and the model. */
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "site.h"

/* ---- Markdown → tree --------------------------------------------------- */

/* Markdown nested deeper than any real document (a thousand quotes) is
 * rendered as its plain text, so that recursion stays bounded. */
#define MAX_DEPTH 64

void render_blocks(site_t *s, xmlNodePtr parent, const md_node *first);
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

void render_inlines(site_t *s, xmlNodePtr parent, const md_node *first);

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

/* An image's or a linked document's address: the loader made it a file of
 * the content folder, copied to media/ (backends.c), or, for an image, a
 * web address the plan allows. */
static void media_src(site_t *s, buf_t *b, const char *url)
{
	char scheme[16];
	if (plan_link_kind(url, scheme) == LINK_RELATIVE)
		buf_printf(b, "%smedia/%s", root(s), url);
	else
		buf_puts(b, url);
}

/* The id on this page of the section #frag of the page of the text being
 * made (s->text_page), which a link in a placed policy's or measure's
 * text names: on a chapter's page its heading may have another (-1 after
 * a heading of the same words).  NULL: the same, or none; the caller
 * frees it. */
static char *section_here(site_t *s, const char *frag)
{
	anchors_t own = {0}, here = {0};
	char *want = plan_url_decoded(frag), *id = NULL;
	const md_node *head = NULL;
	if (plan_page_anchors(s->p, s->lang, s->text_page.ptr, &own))
		for (int k = 0; k < own.n && !head; k++)
			head = own.heads[k] && strcmp(own.ids[k], want) == 0 ? own.heads[k] : NULL;
	if (head && plan_page_anchors(s->p, s->lang, s->pages[s->page].slug, &here))
		for (int k = 0; k < here.n && !id; k++)
			if (here.heads[k] == head && strcmp(here.ids[k], want) != 0)
				id = xstrdup(here.ids[k]);
	anchors_free(&own);
	anchors_free(&here);
	free(want);
	return id;
}

void render_inlines(site_t *s, xmlNodePtr parent, const md_node *first)
{
	if (render_with_html(s, parent, first))
		return;
	if (s->depth + 1 > MAX_DEPTH) {
		buf_t b = BUF_INIT;
		for (const md_node *n = first; n; n = n->next)
			md_flat_text(&b, n);
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
		case MD_LINK: {
			char *here = n->text[0] == '#' && s->text_page.len ? section_here(s, n->text + 1) : NULL;
			buf_t href = BUF_INIT;
			if (here)
				buf_printf(&href, "#%s", here);
			else if (n->media) /* a document of the content folder */
				media_src(s, &href, n->text);
			e = link(parent, href.len ? href.ptr : n->text, NULL);
			free(here);
			buf_free(&href);
			if (strncmp(n->text, "#note-", 6) == 0) {
				attr(e, "class", "noteref");
				e = el(e, "sup", NULL);
			}
			render_inlines(s, e, n->first);
			break;
		}
		case MD_IMAGE: {
			buf_t alt = BUF_INIT;
			for (const md_node *c = n->first; c; c = c->next)
				if (c->type == MD_TEXT)
					buf_puts(&alt, c->text);
			e = el(parent, "img", NULL);
			buf_t src = BUF_INIT;
			media_src(s, &src, n->text);
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

xmlNodePtr heading(xmlNodePtr parent, int level)
{
	char name[4];
	level = level < 1 ? 1 : level > 6 ? 6 : level;
	snprintf(name, sizeof name, "h%d", level);
	return el(parent, name, NULL);
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

void render_blocks(site_t *s, xmlNodePtr parent, const md_node *first)
{
	if (++s->depth > MAX_DEPTH) {
		buf_t b = BUF_INIT;
		for (const md_node *n = first; n; n = n->next)
			md_flat_text(&b, n);
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
			e = heading(parent, level);
			render_inlines(s, e, n->first);
			attr(e, "id", anchors_heading(&s->anchors, n));
			toc_add(s, e, level);
			break;
		}
		case MD_PARAGRAPH:
			e = el(parent, "p", NULL);
			if ((note = md_note_number(n))) {
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
xmlNodePtr table_wrap(site_t *s, xmlNodePtr parent, char caption_id[32])
{
	xmlNodePtr wrap = el(parent, caption_id ? "section" : "div", NULL);
	attr(wrap, "class", "table-wrap");
	if (caption_id) {
		snprintf(caption_id, 32, "caption-%d", ++s->ntable);
		attr(wrap, "aria-labelledby", caption_id);
	}
	attr(wrap, "tabindex", "0");
	return wrap;
}

/* The runs of a view cell: a revision mark in its own span, a note in
 * <small>, Japanese shown for want of a translation in a span marked
 * lang="ja", an amount never broken in a span of its own, line breaks as
 * <br>. */
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
		if (r->whole)
			attr(at = el(at, "span", NULL), "class", "whole");
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
	[VIEW_INDICATORS] = "indicators", [VIEW_CHART_DATA] = "chart-data", [VIEW_DATA] = "data",
	[VIEW_ACTIONS] = "actions", [VIEW_PROGRESS] = "progress", [VIEW_REVISIONS] = "revisions",
};

/* A table of the view (view.c decides what it says; this only draws it),
 * then its note and source.  Takes the table and frees it. */
void draw_table(site_t *s, xmlNodePtr parent, view_table *vt)
{
	if (!vt)
		return;
	char cap_id[32] = "";
	xmlNodePtr t = el(vt->wide ? table_wrap(s, parent, vt->caption.nruns ? cap_id : NULL) : parent, "table", NULL);
	if (vt->id)
		attr(t, "id", vt->id);
	buf_t cls = BUF_INIT;
	buf_printf(&cls, "%s%s%s", table_class[vt->kind] ? table_class[vt->kind] : "",
		   table_class[vt->kind] && vt->cards ? " " : "", vt->cards ? "stack" : "");
	if (cls.len)
		attr(t, "class", cls.ptr);
	buf_free(&cls);
	if (vt->caption.nruns) {
		xmlNodePtr cap = el(t, "caption", NULL);
		if (cap_id[0])
			attr(cap, "id", cap_id);
		draw_runs(cap, &vt->caption);
	}
	/* On a narrow screen a card's cells say what they are. */
	buf_t *label = vt->cards ? xcalloc((size_t)vt->ncols, sizeof *label) : NULL;
	for (int c = 0; label && c < vt->ncols; c++)
		view_column_label(&label[c], vt, c);
	xmlNodePtr head = vt->nhead ? el(t, "thead", NULL) : NULL, body = NULL;
	for (int i = 0; i < vt->nrows; i++) {
		const view_row *r = &vt->rows[i];
		/* A group's row begins its rows' tbody, and heads them. */
		if (r->kind != VIEW_ROW_HEAD && (!body || r->kind == VIEW_ROW_GROUP))
			body = el(t, "tbody", NULL);
		xmlNodePtr tr = el(r->kind == VIEW_ROW_HEAD ? head : body, "tr", NULL);
		if (r->id)
			attr(tr, "id", r->id);
		if (r->kind == VIEW_ROW_GROUP)
			attr(tr, "class", "group");
		for (int k = 0, col = 0; k < r->ncells; col += r->cells[k].colspan, k++) {
			const view_cell *c = &r->cells[k];
			xmlNodePtr cell = el(tr, c->head ? "th" : "td", NULL);
			if (label && !c->head && r->kind == VIEW_ROW_BODY && col < vt->ncols && label[col].len)
				attr(cell, "data-label", label[col].ptr);
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
				attr(cell, "scope", r->kind == VIEW_ROW_BODY    ? "row"
						    : r->kind == VIEW_ROW_GROUP ? "rowgroup"
						    : c->colspan > 1            ? "colgroup"
										: "col");
			if (c->id)
				attr(cell, "id", c->id);
			if (c->number)
				attr(cell, "class", "num");
			if (c->status) {
				buf_printf(&cls, "status %s", c->status);
				attr(cell, "class", cls.ptr);
				buf_free(&cls);
			}
			draw_runs(c->href ? link(cell, c->href, NULL) : cell, c);
		}
	}
	for (int c = 0; label && c < vt->ncols; c++)
		buf_free(&label[c]);
	free(label);
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

void chart_block(site_t *s, xmlNodePtr parent, const indicator_t *ind)
{
	const plan_t *p = s->p;
	xmlNodePtr fig = el(parent, "figure", NULL);
	attr(fig, "class", ind->nparts > 1 ? "chart parts" : "chart"); /* parts: bars side by side, narrower */
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
	/* As narrow as a chart of figures.yaml, so that its words stay
	 * legible on a phone, where it is shown at the screen's width. */
	fig_t *f = fig_indicator(p, ind, s->lang, s->m, FIG_CHART_SITE_WIDTH);
	xmlNodePtr row = el(fig, "div", NULL);
	attr(row, "class", "chart-row");
	if (f)
		xmlAddChild(row, svg_figure(f, fid, NULL));
	else
		attr(word_el(s, row, "p", WORD_NO_DATA), "class", "no-data");
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
			media_src(s, &src, fg->image);
			attr(img, "src", src.ptr);
			attr(img, "alt", text_get(&fg->title, s->lang));
			buf_free(&src);
		}
	} else {
		fig_t *f = fig_chart(s->p, fg, s->lang, s->m, FIG_CHART_SITE_WIDTH);
		if (f) {
			char fid[112];
			snprintf(fid, sizeof fid, "%s-%d", id, ++s->nfig);
			/* Its numbers in a table beside it, as an indicator's are,
			 * for every reader. */
			xmlNodePtr row = el(fig, "div", NULL);
			attr(row, "class", "chart-row");
			xmlAddChild(row, svg_figure(f, fid, NULL));
			draw_table(s, row, view_figure_data(s->p, s->lang, fg));
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

void structure_block(site_t *s, xmlNodePtr parent)
{
	const plan_t *p = s->p;
	xmlNodePtr fig = el(parent, "figure", NULL);
	attr(fig, "class", "structure");
	attr(fig, "id", "structure-diagram");
	word_el(s, fig, "figcaption", WORD_STRUCTURE);
	/* The tree across a wide screen; on a phone, the policies each over
	 * their measures (the style sheet shows one of the two), drawn 240
	 * wide so that on a 320 px screen its smallest text (8) is 10 px. */
	static const struct {
		double width;
		const char *class;
	} layout[] = {{720, "diagram wide"}, {240, "diagram narrow"}};
	for (size_t i = 0; i < sizeof layout / sizeof *layout; i++) {
		fig_t *f = fig_structure(p, s->lang, s->m, layout[i].width);
		char fid[32];
		snprintf(fid, sizeof fid, "structure-%d", ++s->nfig);
		xmlNodePtr box = el(fig, "div", NULL);
		attr(box, "class", layout[i].class);
		xmlNodePtr svg = svg_figure(f, fid, NULL);
		xmlAddChild(box, svg);
		/* Each measure's box leads to its page: links over the picture,
		 * in an SVG of their own, since a picture (role img) holds none. */
		xmlNodePtr over = xmlNewChild(box, NULL, BAD_CAST "svg", NULL);
		xmlSetProp(over, BAD_CAST "xmlns", BAD_CAST "http://www.w3.org/2000/svg");
		xmlChar *vb = xmlGetProp(svg, BAD_CAST "viewBox");
		xmlSetProp(over, BAD_CAST "viewBox", vb);
		xmlFree(vb);
		attr(over, "class", "links");
		for (int k = 0; k < f->nlinks; k++) {
			const measure_t *m = &p->measures[f->links[k].measure];
			buf_t b = BUF_INIT, name = BUF_INIT;
			buf_printf(&b, "measure-%s.html", m->id);
			view_numbered(&name, p, s->lang, WORD_MEASURE, m->number);
			buf_printf(&name, " %s", text_get(&m->title, s->lang));
			xmlNodePtr a = xmlNewChild(over, NULL, BAD_CAST "a", NULL);
			xmlSetProp(a, BAD_CAST "href", BAD_CAST b.ptr);
			xmlSetProp(a, BAD_CAST "aria-label", BAD_CAST name.ptr);
			xmlNodePtr r = xmlNewChild(a, NULL, BAD_CAST "rect", NULL);
			char num[32];
			static const char *const at[] = {"x", "y", "width", "height"};
			double v[4] = {f->links[k].x, f->links[k].y, f->links[k].w, f->links[k].h};
			for (int q = 0; q < 4; q++) {
				snprintf(num, sizeof num, "%.1f", v[q]);
				xmlSetProp(r, BAD_CAST at[q], BAD_CAST num);
			}
			buf_free(&b);
			buf_free(&name);
		}
		fig_free(f);
	}
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

void points_block(site_t *s, xmlNodePtr parent)
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

void render_body(site_t *s, xmlNodePtr parent, md_node *const body[MAX_LANGS])
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

/* "Basic measure 3: …" (the word numbered_title): the heading of a policy or a measure. */
void numbered_heading(site_t *s, xmlNodePtr parent, word_t word, const char *id, int number, const text_t *title,
		      int level)
{
	xmlNodePtr h = heading(parent, level);
	buf_t anchor = BUF_INIT;
	plan_part_page(&anchor, word == WORD_MEASURE, id);
	attr(h, "id", anchors_take(&s->anchors, anchor.ptr));
	buf_free(&anchor);
	numbered_in(s, h, word, number, title);
	toc_add(s, h, level);
}

/* The level of the heading a data block's own heading goes under. */
/* The level of the last heading before n in its text; 0 when none (a
 * policy's or a measure's text, whose headings follow the page's). */
static int current_level(const md_node *n)
{
	int level = 0;
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
			draw_table(s, parent, view_indicators(s->p, s->lang, n->set, n->ref, true));
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
		/* Its links to its own sections name this page's anchors. */
		buf_t outer = s->text_page;
		buf_init(&s->text_page);
		plan_part_page(&s->text_page, n->data == DATA_MEASURE,
			       n->data == DATA_POLICY ? p->policies[n->ref].id : p->measures[n->ref].id);
		if (n->data == DATA_POLICY) {
			const policy_t *po = &p->policies[n->ref];
			numbered_heading(s, sec, WORD_POLICY, po->id, po->number, &po->title, level);
			s->hshift = level; /* the body has no headings of its own, but be safe */
			render_body(s, sec, p->policies[n->ref].body);
		} else {
			const measure_t *m = &p->measures[n->ref];
			numbered_heading(s, sec, WORD_MEASURE, m->id, m->number, &m->title, level);
			s->hshift = level;
			render_body(s, sec, p->measures[n->ref].body);
		}
		s->hshift = saved;
		buf_free(&s->text_page);
		s->text_page = outer;
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
