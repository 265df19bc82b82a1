/* pdf_book.c — the booklet composed: chapters, data blocks, headings,
 * tables, figures, the cover, the contents and the running heads, as pages
 * of drawing operations (see pdf_book.h).  No PDF library here. */
#include "pdf_book.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "view.h"

/* ---- text spans ------------------------------------------------------- */

/* A growing list of spans with the strings they own. */
typedef struct {
	pdf_span *s;
	int n, cap;
	char **own;
	int nown, owncap;
} spans_t;

static void sp_free(spans_t *b)
{
	for (int i = 0; i < b->nown; i++)
		free(b->own[i]);
	free(b->own);
	free(b->s);
	memset(b, 0, sizeof *b);
}

static const char *sp_keep(spans_t *b, char *s)
{
	if (b->nown == b->owncap) {
		b->owncap = b->owncap ? b->owncap * 2 : 8;
		b->own = xrealloc(b->own, (size_t)b->owncap * sizeof *b->own);
	}
	return b->own[b->nown++] = s;
}

static void sp_raw(spans_t *b, const char *text, size_t len, int font, double size, pdf_rgb rgb, const char *link)
{
	if (!len)
		return;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 8;
		b->s = xrealloc(b->s, (size_t)b->cap * sizeof *b->s);
	}
	b->s[b->n++] = (pdf_span){text, len, font, size, rgb, link, false, 0};
}

/* A footnote mark ("※7"), linked to its note: a small superscript. */
static void sp_mark(spans_t *b, const char *text, size_t len, int font, double size, pdf_rgb rgb, const char *link)
{
	sp_raw(b, text, len, font, size * 0.7, rgb, link);
	if (len)
		b->s[b->n - 1].rise = size * 0.3;
}

/* Adds text, linking each footnote mark "※7" to its note. */
static void sp_text(spans_t *b, const char *text, int font, double size, pdf_rgb rgb)
{
	const char *s, *from = text;
	size_t len;
	int number;
	while ((s = text_next_note_mark(from, &len, &number)) != NULL) {
		sp_raw(b, from, (size_t)(s - from), font, size, rgb, NULL);
		buf_t link = BUF_INIT;
		buf_printf(&link, "#note-%d", number);
		sp_mark(b, s, len, font, size, rgb, sp_keep(b, buf_detach(&link)));
		from = s + len;
	}
	sp_raw(b, from, strlen(from), font, size, rgb, NULL);
}

/* Adds a string made here (copied and kept). */
static void sp_own(spans_t *b, const char *text, int font, double size, pdf_rgb rgb)
{
	sp_text(b, sp_keep(b, xstrdup(text)), font, size, rgb);
}

/* ---- the booklet being laid out --------------------------------------- */



/* `check` refuses texts that place themselves; this bound holds anyway. */
#define MAX_PLACING 8

static const char *W(const book_t *b, word_t word)
{
	return plan_word(b->p, word, b->lang);
}

static const char *T(const book_t *b, const text_t *t)
{
	return text_get(t, b->lang);
}

static bool has_text(const text_t *t)
{
	return text_has(t);
}

static void keep_fig(book_t *b, fig_t *f)
{
	if (b->nfigs == b->figcap) {
		b->figcap = b->figcap ? b->figcap * 2 : 16;
		b->figs = xrealloc(b->figs, (size_t)b->figcap * sizeof *b->figs);
	}
	b->figs[b->nfigs++] = f;
}

/* The leading of paragraphs: Japanese needs more air between its lines
 * than a language written with spaces. */
static double leading(const book_t *b)
{
	return b->p->langs[b->lang].cjk ? b->th->leading : b->th->leading_latin;
}

static pdf_parstyle style(double leading, pdf_align align, double before, double after)
{
	pdf_parstyle st = {0};
	st.leading = leading;
	st.align = align;
	st.before = before;
	st.after = after;
	return st;
}

static pdf_align body_align(const book_t *b)
{
	return b->p->langs[b->lang].cjk || b->th->justify_en ? PDF_JUSTIFY : PDF_LEFT;
}

/* Records a heading for the outline (and, levels 1–2, the table of
 * contents), and names its place as a link target.  A heading may still
 * move to the next page with the block after it: its page is read from
 * that name once the body is laid out (locate_heads). */
static void add_head(book_t *b, int level, const char *title, pdf_where w)
{
	if (b->nheads == b->headcap) {
		b->headcap = b->headcap ? b->headcap * 2 : 32;
		b->heads = xrealloc(b->heads, (size_t)b->headcap * sizeof *b->heads);
	}
	buf_t name = BUF_INIT;
	buf_printf(&name, "h-%d", b->nheads);
	head_t *h = &b->heads[b->nheads++];
	h->level = level;
	h->title = xstrdup(title);
	h->dest = buf_detach(&name);
	h->page = w.page;
	h->y = w.y;
	pdf_add(&b->body, w.page, PDF_OP_DEST, b->th->g.left, w.y, 0, 0, h->dest);
}

static void locate_heads(book_t *b)
{
	for (int pg = 0; pg < b->body.npages; pg++)
		for (int i = 0; i < b->body.pages[pg].nops; i++) {
			const pdf_op *op = &b->body.pages[pg].ops[i];
			int k;
			if (op->kind == PDF_OP_DEST && sscanf(op->text, "h-%d", &k) == 1 && k >= 0 && k < b->nheads)
				b->heads[k].page = pg, b->heads[k].y = op->y;
		}
}

/* A link target made here (the page's name before a section's #id), kept
 * until the book is freed. */
static const char *book_str(book_t *b, buf_t *s)
{
	b->strs = xrealloc(b->strs, (size_t)(b->nstrs + 1) * sizeof *b->strs);
	return b->strs[b->nstrs++] = buf_detach(s);
}

/* Turns a paragraph's inlines into spans: strong text in bold, links
 * (footnote references) kept as links, hard breaks as '\n'.  A link to a
 * section of its own page (#id) names the page, as the booklet's places
 * are named (sitedest_t). */
static void inline_spans(book_t *b, spans_t *sp, const md_node *par, int font, double size, pdf_rgb rgb)
{
	const md_node *c = par->first, *named = NULL; /* the link last given its page's name */
	const char *full = NULL;
	while (c) {
		int f = font;
		const char *link = NULL;
		const md_node *link_node = NULL;
		for (const md_node *a = c->parent; a && a != par; a = a->parent) {
			if (a->type == MD_STRONG)
				f = F_BOLD;
			else if (a->type == MD_LINK && !link)
				link = a->text, link_node = a;
		}
		if (link && link_node->media) { /* a document of the content folder: the site's media/ */
			if (link_node != named) {
				buf_t name = BUF_INIT;
				buf_printf(&name, "%smedia/%s", b->lang ? "../" : "", link);
				full = book_str(b, &name), named = link_node;
			}
			link = full;
		} else if (link && link[0] == '#' && strncmp(link, "#note-", 6) != 0 && b->page) {
			if (link_node != named) { /* once for all the pieces of a link */
				buf_t name = BUF_INIT;
				buf_printf(&name, "%s.html%s", b->page, link);
				full = book_str(b, &name), named = link_node;
			}
			link = full;
		}
		switch (c->type) {
		case MD_TEXT:
		case MD_CODE:
		case MD_HTML_INLINE:
			if (link && strncmp(link, "#note-", 6) == 0)
				sp_mark(sp, c->text, c->len ? c->len : strlen(c->text), f, size, rgb, link);
			else if (link)
				sp_raw(sp, c->text, c->len ? c->len : strlen(c->text), f, size, rgb, link);
			else
				sp_text(sp, c->text, f, size, rgb);
			break;
		case MD_LINEBREAK:
			sp_raw(sp, "\n", 1, f, size, rgb, NULL);
			break;
		default:
			break;
		}
		if (c->first) {
			c = c->first;
			continue;
		}
		while (c != par && !c->next)
			c = c->parent;
		if (c == par)
			break;
		c = c->next;
	}
}

/* ---- headings ---------------------------------------------------------- */

static pdf_where part_heading(book_t *b, const char *title)
{
	const theme_t *th = b->th;
	b->parts = xrealloc(b->parts, (size_t)(b->nparts + 1) * sizeof *b->parts);
	b->part_page = xrealloc(b->part_page, (size_t)(b->nparts + 1) * sizeof *b->part_page);
	b->parts[b->nparts] = xstrdup(title);
	b->body.part = b->nparts;
	pdf_new_page(&b->body);
	b->part_page[b->nparts++] = b->body.npages - 1;
	/* A part: a Sect of the document, its title an H1. */
	pdf_close(&b->body, b->doc_elem);
	pdf_open(&b->body, "Sect");
	b->part_elem = b->st.cur, b->sect_elem = -1;
	b->hdrawn[0] = b->htag[0] = 1, b->hdepth = 1;
	pdf_keep_with_next(&b->body); /* so that it turns with a turned page after it */
	int h1 = pdf_open(&b->body, "H1");
	spans_t sp = {0};
	sp_text(&sp, title, F_BOLD, th->part, th->accent);
	pdf_parstyle st = style(1.4, PDF_LEFT, 0, 4);
	st.even = st.keep = true;
	pdf_where w = pdf_paragraph(&b->body, sp.s, sp.n, &st);
	sp_free(&sp);
	pdf_close(&b->body, h1);
	pdf_op *op = pdf_add(&b->body, b->body.npages - 1, PDF_OP_LINE, th->g.left, b->body.y, pdf_measure(&b->body),
			     0, NULL);
	op->stroke = true, op->rgb = th->accent, op->line_width = 1.5;
	b->body.y += th->body * 1.6;
	add_head(b, 1, title, w);
	return w;
}

/* A heading of level 2–4, kept with the block after it; `band` sets it on
 * a pale band (policies). */
static pdf_where heading_band(book_t *b, int level, const char *title, int outline, bool band)
{
	const theme_t *th = b->th;
	double size = level == 2 ? th->section : level == 3 ? th->subsection : th->minor;
	pdf_rgb rgb = level <= 3 ? th->accent : th->ink;
	spans_t sp = {0};
	sp_text(&sp, title, F_BOLD, size, rgb);
	pdf_parstyle st = style(1.45, PDF_LEFT, level == 2 ? size * 1.1 : size * 0.8, level == 2 ? size * 0.5 : 3);
	st.keep = st.even = true;
	double marker = level == 3 ? size * 0.9 : 0;
	st.indent = marker;
	double h = pdf_paragraph_height(&b->body, sp.s, sp.n, &st);
	pdf_skip(&b->body, st.before);
	st.before = 0;
	pdf_need(&b->body, h + th->body * leading(b) * 3);
	pdf_keep_with_next(&b->body);
	if (level == 2) { /* a section: a Sect of its part */
		pdf_close(&b->body, b->part_elem >= 0 ? b->part_elem : b->doc_elem);
		pdf_open(&b->body, "Sect");
		b->sect_elem = b->st.cur;
	}
	/* Its element: the level it is drawn at, but never more than one
	 * below the heading it stands under (the last one drawn larger), so
	 * points drawn alike under a section are all H3. */
	static const char *const hn[] = {"H1", "H2", "H3", "H4"};
	int drawn = level < 2 ? 2 : level > 4 ? 4 : level;
	while (b->hdepth > 0 && b->hdrawn[b->hdepth - 1] >= drawn)
		b->hdepth--;
	int tag = b->hdepth ? b->htag[b->hdepth - 1] + 1 : 1;
	if (tag > drawn)
		tag = drawn;
	b->hdrawn[b->hdepth] = drawn, b->htag[b->hdepth] = tag, b->hdepth++;
	int hd = pdf_open(&b->body, hn[tag - 1]);
	pdf_where w = pdf_paragraph(&b->body, sp.s, sp.n, &st);
	pdf_close(&b->body, hd);
	sp_free(&sp);
	if (band) {
		/* A policy: its heading on a pale band, ruled above. */
		pdf_op *op = pdf_add(&b->body, w.page, PDF_OP_RECT, th->g.left, w.y - 2, pdf_measure(&b->body),
				     b->body.y - st.after - w.y + 4, NULL);
		op->fill = true, op->rgb = th->band;
		op = pdf_add(&b->body, w.page, PDF_OP_LINE, th->g.left, w.y - 2, pdf_measure(&b->body), 0, NULL);
		op->stroke = true, op->rgb = th->accent, op->line_width = 1.2;
	}
	if (level == 2) {
		pdf_op *op = pdf_add(&b->body, w.page, PDF_OP_LINE, th->g.left, b->body.y - st.after + 1,
				     pdf_measure(&b->body), 0, NULL);
		op->stroke = true, op->rgb = th->accent, op->line_width = 0.6;
	} else if (level == 3) {
		/* A small square before the heading, drawn, not typed. */
		pdf_op *op = pdf_add(&b->body, w.page, PDF_OP_RECT, th->g.left, w.y + (size * 1.45 - size * 0.55) / 2,
				     size * 0.55, size * 0.55, NULL);
		op->fill = true, op->rgb = th->accent;
	}
	if (outline)
		add_head(b, outline, title, w);
	return w;
}

static pdf_where heading(book_t *b, int level, const char *title, int outline)
{
	return heading_band(b, level, title, outline, false);
}

/* ---- the site's places ------------------------------------------------- */

static int cmp_sitedest(const void *x, const void *y)
{
	const sitedest_t *a = x, *c = y;
	uintptr_t p = (uintptr_t)a->head, q = (uintptr_t)c->head;
	return p != q ? (p < q ? -1 : 1) : strcmp(a->name, c->name);
}

static void add_sitedest(book_t *b, const md_node *head, const char *page, const char *id)
{
	b->sitedests = xrealloc(b->sitedests, (size_t)(b->nsitedests + 1) * sizeof *b->sitedests);
	buf_t name = BUF_INIT;
	buf_printf(&name, "%s.html%s%s", page, id ? "#" : "", id ? id : "");
	b->sitedests[b->nsitedests++] = (sitedest_t){head, buf_detach(&name)};
}

/* Every chapter's, policy's and measure's page of the site in the
 * booklet's language, and their sections, by the headings the booklet
 * draws them with (plan_page_anchors, as the site names them). */
static void site_dests(book_t *b)
{
	const plan_t *p = b->p;
	for (int i = 0; i < p->nchapters + p->npolicies + p->nmeasures; i++) {
		buf_t page = BUF_INIT;
		plan_text_page(&page, p, i);
		anchors_t a = {0};
		if (page.len) {
			plan_text_anchors(p, b->lang, i, &a);
			md_node *const *docs = plan_text_docs(p, i);
			const md_node *doc = i < p->nchapters ? (docs[b->lang] ? docs[b->lang] : docs[0]) : NULL;
			if (doc && doc->first && doc->first->type == MD_HEADING)
				add_sitedest(b, doc->first, page.ptr, NULL); /* the chapter's page */
			for (int k = 0; k < a.n; k++)
				if (a.heads[k])
					add_sitedest(b, a.heads[k], page.ptr, a.ids[k]);
		}
		anchors_free(&a);
		buf_free(&page);
	}
	if (b->nsitedests > 1)
		qsort(b->sitedests, (size_t)b->nsitedests, sizeof *b->sitedests, cmp_sitedest);
}

/* Names the place w of a heading as each page or section of the site it
 * is (a link there leads here). */
static void name_site_places(book_t *b, const md_node *head, pdf_where w)
{
	int lo = 0, hi = b->nsitedests;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if ((uintptr_t)b->sitedests[mid].head < (uintptr_t)head)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < b->nsitedests && b->sitedests[lo].head == head; lo++)
		pdf_add(&b->body, w.page, PDF_OP_DEST, b->th->g.left, w.y, 0, 0, b->sitedests[lo].name);
}

/* A policy's or a measure's heading at w: its page of the site, and its
 * section of the chapter's page that places it.  Returns its page's name,
 * the page of its text (kept with the book). */
static const char *name_part_place(book_t *b, bool measure, const char *id, pdf_where w)
{
	buf_t page = BUF_INIT, name = BUF_INIT;
	plan_part_page(&page, measure, id);
	buf_printf(&name, "%s.html", page.ptr);
	pdf_add(&b->body, w.page, PDF_OP_DEST, b->th->g.left, w.y, 0, 0, name.ptr);
	if (b->page) {
		name.len = 0;
		buf_printf(&name, "%s.html#%s", b->page, page.ptr);
		pdf_add(&b->body, w.page, PDF_OP_DEST, b->th->g.left, w.y, 0, 0, name.ptr);
	}
	buf_free(&name);
	return book_str(b, &page);
}

/* ---- paragraphs -------------------------------------------------------- */

/* List and quote nesting of a block: its indent and, for the first
 * paragraph of a list item, the item's label. */
typedef struct {
	double indent;
	char label[16];
	bool bullet; /* a list item's first paragraph, unnumbered */
	int lbl;     /* the structure element of the label (Lbl) */
	bool keep;   /* an item's first paragraph with more of the item after it */
} nesting_t;

/* A note (a paragraph that starts with its mark, "※7 …"): small type, the
 * mark hung in front of its text, the text indented past it.  Fills sp,
 * st and label (which st points to); returns the note's number, or 0 for
 * a paragraph that is not a note. */
static int note_paragraph(book_t *b, const md_node *par, double indent, spans_t *sp, pdf_parstyle *st,
			  pdf_span *label)
{
	const theme_t *th = b->th;
	const md_node *first = par->first;
	int note = 0;
	size_t marklen = first && first->type == MD_TEXT && first->text ? text_note_mark(first->text, &note) : 0;
	if (!marklen)
		return 0;
	*st = style(1.6, body_align(b), 0, th->body * 0.55);
	*label = (pdf_span){first->text, marklen, F_BODY, th->small, th->ink, NULL, false, 0};
	double lw = pdf_width(b->m, F_BODY, th->small, first->text, marklen);
	st->label = label;
	st->label_x = indent;
	st->indent = indent + lw + th->small * 0.6;
	spans_t tmp = {0};
	inline_spans(b, &tmp, par, F_BODY, th->small, th->ink);
	/* Drop the mark (and the space after it) from the first span. */
	for (int i = 0; i < tmp.n; i++) {
		pdf_span s = tmp.s[i];
		if (i == 0) {
			s.text += marklen, s.len -= marklen;
			size_t sp_len = utf8_spaces(s.text, s.len);
			s.text += sp_len, s.len -= sp_len;
			if (s.len && s.link && strncmp(s.link, "#note-", 6) == 0)
				s.link = NULL;
		}
		sp_raw(sp, s.text, s.len, s.font, s.size, s.rgb, s.link);
	}
	sp->own = tmp.own, sp->nown = tmp.nown, sp->owncap = tmp.owncap;
	free(tmp.s);
	return note;
}

/* The notes of a text, known to the flow before any text refers to them:
 * each stands at the foot of the pages that refer to it (pdf_footnote). */
static void register_notes(book_t *b, const md_node *doc)
{
	for (const md_node *n = doc; n; n = md_next(n, doc)) {
		if (n->type != MD_PARAGRAPH || !md_note_number(n))
			continue;
		spans_t sp = {0};
		pdf_parstyle st;
		pdf_span label;
		int note = note_paragraph(b, n, 0, &sp, &st, &label);
		char target[32], dest[32];
		snprintf(target, sizeof target, "#note-%d", note);
		snprintf(dest, sizeof dest, "note-%d", note);
		pdf_footnote(&b->body, target, dest, sp.s, sp.n, &st);
		sp_free(&sp);
	}
}

static void paragraph(book_t *b, const md_node *par, const nesting_t *nest)
{
	const theme_t *th = b->th;
	spans_t sp = {0};
	pdf_parstyle st = style(leading(b), body_align(b), 0, th->body * 0.55);
	st.indent = nest->indent;
	pdf_span label = {0};
	int note = note_paragraph(b, par, nest->indent, &sp, &st, &label);
	char target[32];
	snprintf(target, sizeof target, "#note-%d", note);
	if (note && pdf_footnote_set(&b->body, target)) {
		sp_free(&sp); /* at the foot of the page that refers to it */
		return;
	}
	if (!note) {
		inline_spans(b, &sp, par, F_BODY, th->body, th->ink);
		/* A Japanese paragraph begins one em in (JLReq 3.1.6). */
		if (b->p->langs[b->lang].cjk && !nest->label[0] && nest->indent == 0)
			st.first = th->body;
	}
	/* A list item's short first paragraph stays with the rest of the item
	 * rather than alone at the foot of a page. */
	if (nest->keep && pdf_paragraph_height(&b->body, sp.s, sp.n, &st) <= 2 * th->body * st.leading + 0.01) {
		pdf_keep_with_next(&b->body);
		st.keep = true;
	}
	int el = pdf_open(&b->body, note ? "Note" : "P");
	pdf_where w = pdf_paragraph(&b->body, sp.s, sp.n, &st);
	pdf_close(&b->body, el);
	if (nest->label[0] && !nest->bullet) {
		/* An ordered item's number, in front of its first line: its Lbl. */
		int lbl = b->st.cur;
		pdf_close(&b->body, nest->lbl);
		pdf_op *op = pdf_add(&b->body, w.page, PDF_OP_TEXT, th->g.left + nest->indent - th->body * 1.1,
				     pdf_baseline(w.y, th->body, st.leading), 0, 0, nest->label);
		op->font = F_BODY, op->size = th->body, op->rgb = th->ink;
		op->w = pdf_width(b->m, F_BODY, th->body, nest->label, strlen(nest->label));
		pdf_close(&b->body, lbl);
	}
	if (nest->bullet) {
		/* The bullet is drawn, not typed: a middle dot at the head of a line
		 * would read as a breach of the line-start rules, and it is not
		 * part of the text to copy. */
		double d = th->body * 0.3, lh = th->body * st.leading;
		pdf_op *op = pdf_add(&b->body, w.page, PDF_OP_RECT, th->g.left + nest->indent - th->body * 0.8,
				     w.y + lh / 2 - d / 2 + th->body * 0.02, d, d, NULL);
		op->fill = true, op->rgb = th->ink;
	}
	if (note) { /* nothing before it referred to it: it stays where the text puts it */
		pdf_add(&b->body, w.page, PDF_OP_DEST, th->g.left, w.y, 0, 0, target + 1);
		pdf_footnote_in_text(&b->body, target);
	}
	sp_free(&sp);
}

/* A paragraph of plain text in the body style. */
static void text_paragraph(book_t *b, const char *text, double indent, int font, double size, pdf_align align,
			   double after)
{
	spans_t sp = {0};
	sp_text(&sp, text, font, size, b->th->ink);
	pdf_parstyle st = style(size == b->th->body ? leading(b) : 1.55, align, 0, after);
	st.indent = indent;
	int el = pdf_open(&b->body, "P");
	pdf_paragraph(&b->body, sp.s, sp.n, &st);
	pdf_close(&b->body, el);
	sp_free(&sp);
}

/* Each paragraph of a YAML text (blank lines between them). */
static void text_paragraphs(book_t *b, const char *text, double indent)
{
	const char *s = text;
	while (*s) {
		const char *e = strstr(s, "\n\n");
		size_t len = e ? (size_t)(e - s) : strlen(s);
		char *par = xstrndup(s, len);
		text_paragraph(b, par, indent, F_BODY, b->th->body, body_align(b), b->th->body * 0.55);
		free(par);
		s += len;
		while (*s == '\n')
			s++;
	}
}

/* ---- figures ----------------------------------------------------------- */

static void caption(book_t *b, const char *text, pdf_align align, double after)
{
	spans_t sp = {0};
	sp_text(&sp, text, F_BOLD, b->th->minor - 0.5, b->th->ink);
	pdf_parstyle st = style(1.45, align, 0, after);
	st.keep = st.even = true;
	int el = pdf_open(&b->body, "Caption");
	pdf_paragraph(&b->body, sp.s, sp.n, &st);
	pdf_close(&b->body, el);
	sp_free(&sp);
}

static double caption_height(book_t *b, const char *text)
{
	spans_t sp = {0};
	sp_text(&sp, text, F_BOLD, b->th->minor - 0.5, b->th->ink);
	pdf_parstyle st = style(1.45, PDF_LEFT, 0, 0);
	double h = pdf_paragraph_height(&b->body, sp.s, sp.n, &st);
	sp_free(&sp);
	return h;
}

/* The height of a page between its top and bottom margins. */
static double body_height(const book_t *b)
{
	return b->th->g.height - b->th->g.top - b->th->g.bottom;
}

/* Places a figure centred under its caption, scaled to fit the page. */
static void place_figure(book_t *b, fig_t *f, const char *cap, double scale)
{
	double bodyh = body_height(b);
	double caph = cap ? caption_height(b, cap) + 4 : 0;
	double s = fmin(scale, pdf_measure(&b->body) / f->width);
	if (f->height * s + caph > bodyh)
		s = (bodyh - caph) / f->height;
	pdf_skip(&b->body, b->th->body * 0.4);
	/* A figure of more than half a page shrinks a little rather than
	 * leave the rest of this page empty, or, on a new page, rather than
	 * leave behind the heading carried there with it. */
	for (int pass = 0; pass < 2; pass++) {
		double room = pdf_room(&b->body);
		if (f->height * s > bodyh / 2 && room < caph + f->height * s && room > 0.8 * (caph + f->height * s))
			s = (room - caph) / f->height;
		pdf_need(&b->body, caph + f->height * s);
	}
	/* A Figure: its caption, its drawing, the site's text alternative. */
	int el = pdf_open(&b->body, "Figure");
	pdf_alt(&b->body, f->alt);
	if (cap)
		caption(b, cap, PDF_CENTER, 4);
	pdf_where w = pdf_place(&b->body, f->height * s);
	double x = b->th->g.left + (pdf_measure(&b->body) - f->width * s) / 2;
	pdf_op *op = pdf_add(&b->body, w.page, PDF_OP_FIG, x, w.y, f->width * s, f->height * s, NULL);
	op->fig = f;
	op->size = s;
	pdf_close(&b->body, el);
	keep_fig(b, f);
	b->body.y += b->th->body * 0.8;
}

static void source_note(book_t *b, const text_t *src)
{
	if (!has_text(src))
		return;
	text_paragraph(b, T(b, src), 0, F_SANS, b->th->small, PDF_RIGHT, b->th->body * 0.8);
}

static void indicator_chart(book_t *b, const indicator_t *ind)
{
	const plan_t *p = b->p;
	buf_t cap = BUF_INIT;
	view_chart_caption(&cap, p, b->lang, ind);
	buf_puts(&cap, T(b, &ind->name));
	fig_t *f = fig_indicator(p, ind, b->lang, b->m, FIG_INDICATOR_WIDTH);
	if (f)
		place_figure(b, f, cap.ptr, b->th->chart_scale); /* else its table says it has no number */
	buf_free(&cap);
}

static void figure_block(book_t *b, const figure_t *fg)
{
	const theme_t *th = b->th;
	if (fg->kind == FIG_IMAGE) {
		/* No photograph is stored with the content: its caption stands
		 * for it. */
		buf_t t = BUF_INIT;
		plan_word_fmt(&t, b->p, WORD_PHOTO_CAPTION, b->lang, "photo", W(b, WORD_PHOTO), "title", T(b, &fg->title),
			      NULL);
		pdf_skip(&b->body, th->body * 0.3);
		int el = pdf_open(&b->body, "Figure");
		pdf_alt(&b->body, t.ptr);
		text_paragraph(b, t.ptr, 0, F_SANS, th->small, PDF_CENTER, th->body * 0.8);
		pdf_close(&b->body, el);
		buf_free(&t);
		return;
	}
	fig_t *f = fg->has_data ? fig_chart(b->p, fg, b->lang, b->m, FIG_CHART_WIDTH) : NULL;
	if (f) {
		place_figure(b, f, T(b, &fg->title), th->chart_scale);
		source_note(b, &fg->source);
		return;
	}
	/* Data missing: the title and the source note stay, with a frame that
	 * says why the chart is not there. */
	double boxh = th->small * 4;
	double caph = caption_height(b, T(b, &fg->title)) + 4;
	pdf_skip(&b->body, th->body * 0.4);
	pdf_need(&b->body, caph + boxh + th->small * 2);
	int el = pdf_open(&b->body, "Figure");
	buf_t alt = BUF_INIT;
	buf_printf(&alt, "%s: %s", T(b, &fg->title), W(b, WORD_NO_DATA));
	pdf_alt(&b->body, alt.ptr);
	buf_free(&alt);
	caption(b, T(b, &fg->title), PDF_CENTER, 4);
	double w = pdf_measure(&b->body) * 0.7, x = th->g.left + (pdf_measure(&b->body) - w) / 2;
	pdf_where at = pdf_place(&b->body, boxh);
	pdf_op *op = pdf_add(&b->body, at.page, PDF_OP_RECT, x, at.y, w, boxh, NULL);
	op->stroke = true, op->rgb = th->rule, op->dash = 3, op->line_width = 0.6;
	const char *msg = W(b, WORD_NO_DATA);
	double mw = pdf_width(b->m, F_SANS, th->small, msg, strlen(msg));
	op = pdf_add(&b->body, at.page, PDF_OP_TEXT, x + (w - mw) / 2, at.y + boxh / 2 + th->small * 0.35, mw, 0, msg);
	op->font = F_SANS, op->size = th->small, op->rgb = th->muted;
	pdf_close(&b->body, el);
	b->body.y += 3;
	source_note(b, &fg->source);
}

/* ---- tables ------------------------------------------------------------ */

typedef struct {
	book_t *b;
	pdf_table t;
	double size;
	double min_note; /* the smallest size of a cell's note (the revision list's: 8 pt) */
} tbuild_t;

static void cell(tbuild_t *tb, const char *text, int font, int colspan, pdf_align align, bool shade)
{
	spans_t sp = {0};
	sp_text(&sp, text, font, tb->size, tb->b->th->ink);
	pdf_table_cell(&tb->t, sp.s, sp.n, colspan, align, shade);
	sp_free(&sp);
}

static void table_begin(book_t *b, tbuild_t *tb, int ncols, double size)
{
	tb->b = b;
	tb->size = size;
	tb->min_note = 0;
	pdf_table_init(&tb->t, ncols);
	tb->t.rule = b->th->rule;
	tb->t.shade = b->th->shade;
}

static void table_end(tbuild_t *tb)
{
	pdf_skip(&tb->b->body, tb->b->th->body * 0.5);
	pdf_table_set(&tb->b->body, &tb->t);
	pdf_table_free(&tb->t);
	tb->b->body.y += tb->b->th->body * 0.4;
}

/* The runs of a view cell as spans: a revision mark bold in the accent
 * colour, a note on a line of its own, smaller and muted; a soft break is
 * a line break here, where columns are narrow; an amount never broken. */
static void cell_spans(tbuild_t *tb, spans_t *sp, const view_cell *c, int font)
{
	const theme_t *th = tb->b->th;
	for (int i = 0; i < c->nruns; i++) {
		const view_run *r = &c->runs[i];
		if (i && r->soft_break)
			sp_raw(sp, "\n", 1, font, tb->size, th->ink, NULL);
		if (r->style == VIEW_MARK) {
			sp_text(sp, r->text, F_BOLD, tb->size, th->accent);
		} else if (r->style == VIEW_NOTE) {
			/* Smaller and muted. */
			double size = fmax(tb->min_note, tb->size * 0.9);
			sp_raw(sp, "\n", 1, F_SANS, size, th->ink, NULL);
			sp_text(sp, r->text, F_SANS, size, th->muted);
		} else {
			int from = sp->n;
			sp_text(sp, r->text, font, tb->size, th->ink);
			for (int k = from; k < sp->n; k++)
				sp->s[k].whole = r->whole;
		}
	}
}

/* A table of the view (view.c decides what it says; this only sets it),
 * then its note and source.  Takes the table and frees it.  A cell that
 * spans rows is set in its first row, over empty cells below it. */
static void draw_table(book_t *b, view_table *vt)
{
	if (!vt)
		return;
	const theme_t *th = b->th;
	double size = vt->kind == VIEW_REVISIONS ? (b->p->langs[b->lang].cjk ? th->revisions : th->revisions_en)
		      : vt->kind == VIEW_ACTIONS ? th->table + 0.5 : th->table;
	if (vt->kind == VIEW_ACTIONS) {
		/* The priority actions are a section of the measure: a heading. */
		buf_t cap = BUF_INIT;
		view_cell_text(&cap, &vt->caption);
		heading(b, 4, cap.ptr, 0);
		buf_free(&cap);
	}
	/* The English revision list, its words longer, on turned pages. */
	bool turned = vt->kind == VIEW_REVISIONS && !b->p->langs[b->lang].cjk && th->revisions_turned_en;
	tbuild_t tb;
	table_begin(b, &tb, vt->ncols, size);
	tb.t.nhead = vt->nhead;
	if (vt->kind == VIEW_REVISIONS)
		tb.t.pad_x = 2.2, tb.min_note = fmin(8, size); /* its notes too at 8 pt: legible in print */
	if (vt->caption.nruns && vt->kind != VIEW_ACTIONS) {
		spans_t sp = {0};
		tbuild_t cap = tb;
		cap.size = th->minor - 0.5;
		cell_spans(&cap, &sp, &vt->caption, F_BOLD);
		pdf_table_caption(&tb.t, sp.s, sp.n);
		sp_free(&sp);
	}
	int *below = xcalloc((size_t)vt->ncols, sizeof *below); /* rows still covered, per column */
	int *cover = xcalloc((size_t)vt->ncols, sizeof *cover);  /* by which cell */
	for (int i = 0; i < vt->nrows; i++) {
		const view_row *r = &vt->rows[i];
		pdf_table_row(&tb.t);
		int col = 0;
		for (int k = 0; k <= r->ncells; k++) {
			while (col < vt->ncols && below[col] > 0) {
				below[col]--;
				cell(&tb, "", F_SANS, 1, PDF_CENTER, r->kind == VIEW_ROW_HEAD);
				pdf_table_covered(&tb.t, cover[col]);
				col++;
			}
			if (k == r->ncells)
				break;
			const view_cell *c = &r->cells[k];
			bool header = r->kind != VIEW_ROW_BODY;
			static const pdf_align align[] = {[VIEW_START] = PDF_LEFT, [VIEW_CENTER] = PDF_CENTER,
							  [VIEW_END] = PDF_RIGHT};
			spans_t sp = {0};
			cell_spans(&tb, &sp, c, header ? F_BOLD : F_SANS);
			if (sp.n)
				pdf_table_cell(&tb.t, sp.s, sp.n, c->colspan, align[c->align], header);
			else
				cell(&tb, "", F_SANS, c->colspan, align[c->align], header);
			/* Header cells as the site's: of their row in the body, else of
			 * their column. */
			if (c->head)
				pdf_table_head(&tb.t, r->kind == VIEW_ROW_BODY ? PDF_SCOPE_ROW : PDF_SCOPE_COLUMN);
			sp_free(&sp);
			for (int s = 0; s < c->colspan && col + s < vt->ncols; s++)
				below[col + s] = c->rowspan - 1, cover[col + s] = tb.t.ncells - 1;
			col += c->colspan;
		}
	}
	free(below);
	free(cover);
	if (turned)
		pdf_turn(&b->body, true);
	table_end(&tb);
	if (vt->note.nruns) {
		buf_t note = BUF_INIT;
		view_cell_text(&note, &vt->note);
		text_paragraph(b, note.ptr, 0, F_SANS, th->small, PDF_LEFT, th->body * 0.6);
		buf_free(&note);
	}
	if (vt->source.nruns) {
		buf_t src = BUF_INIT;
		view_cell_text(&src, &vt->source);
		text_paragraph(b, src.ptr, 0, F_SANS, th->small, PDF_RIGHT, th->body * 0.8);
		buf_free(&src);
	}
	if (turned)
		pdf_turn(&b->body, false);
	view_table_free(vt);
}

/* ---- the other data blocks --------------------------------------------- */

static void render_doc(book_t *b, const md_node *doc, double indent);

static void measure_block(book_t *b, const measure_t *m);

/* "Basic policy 1: title" (the word numbered_title). */
static void numbered_title(buf_t *out, const book_t *b, word_t w, int number, const text_t *title)
{
	char num[16];
	snprintf(num, sizeof num, "%d", number);
	plan_word_fmt(out, b->p, WORD_NUMBERED_TITLE, b->lang, "word", W(b, w), "number", num, "title", T(b, title), NULL);
}

/* The text of a policy or a measure under its title, drawn at `level`:
 * its headings one level below, as the site sets them. */
static void placed_text(book_t *b, const md_node *doc, int level)
{
	if (!doc || b->placing >= MAX_PLACING)
		return;
	int saved = b->hshift;
	b->placing++;
	b->hshift = level;
	render_doc(b, doc, 0);
	b->hshift = saved;
	b->placing--;
}

static void policy_block(book_t *b, const policy_t *po)
{
	buf_t h = BUF_INIT;
	numbered_title(&h, b, WORD_POLICY, po->number, &po->title);
	const char *chapter = b->page;
	b->page = name_part_place(b, false, po->id, heading_band(b, 3, h.ptr, 3, true));
	buf_free(&h);
	const md_node *doc = po->body[b->lang] ? po->body[b->lang] : po->body[0];
	placed_text(b, doc, 3);
	b->page = chapter;
	/* The measures that no text places come after the policy's text. */
	for (int k = 0; k < po->nmeasures && b->placing < MAX_PLACING; k++)
		if (!b->p->measures[po->first_measure + k].in_booklet)
			measure_block(b, &b->p->measures[po->first_measure + k]);
}

static void measure_block(book_t *b, const measure_t *m)
{
	buf_t h = BUF_INIT;
	numbered_title(&h, b, WORD_MEASURE, m->number, &m->title);
	const char *chapter = b->page;
	b->page = name_part_place(b, true, m->id, heading(b, 3, h.ptr, 3));
	buf_free(&h);
	/* Its aim in one line, as the website's lead and the seed's diagram
	 * give it, kept with the heading above and the text below. */
	if (has_text(&m->summary)) {
		spans_t sp = {0};
		sp_text(&sp, T(b, &m->summary), F_BOLD, b->th->body, b->th->ink);
		pdf_parstyle st = style(leading(b), PDF_LEFT, 0, b->th->body * 0.6);
		st.keep = true;
		int el = pdf_open(&b->body, "P");
		pdf_paragraph(&b->body, sp.s, sp.n, &st);
		pdf_close(&b->body, el);
		sp_free(&sp);
	}
	const md_node *doc = m->body[b->lang] ? m->body[b->lang] : m->body[0];
	placed_text(b, doc, 3);
	b->page = chapter;
}

static void goal_block(book_t *b)
{
	const theme_t *th = b->th;
	spans_t sp = {0};
	sp_text(&sp, T(b, &b->p->goal), F_BOLD, th->section + 2, th->accent);
	pdf_parstyle st = style(1.5, PDF_CENTER, 0, 0);
	st.indent = th->body * 2;
	st.width = pdf_measure(&b->body) - th->body * 4;
	double h = pdf_paragraph_height(&b->body, sp.s, sp.n, &st), pad = th->body;
	pdf_skip(&b->body, th->body * 0.6);
	pdf_need(&b->body, h + 2 * pad);
	int page = b->body.npages - 1;
	double top = b->body.y;
	pdf_op *op = pdf_add(&b->body, page, PDF_OP_RECT, th->g.left + th->body, top, pdf_measure(&b->body) - 2 * th->body,
			     h + 2 * pad, NULL);
	op->fill = op->stroke = true, op->rgb = th->band, op->line = th->accent, op->line_width = 1;
	b->body.y += pad;
	int el = pdf_open(&b->body, "P");
	pdf_paragraph(&b->body, sp.s, sp.n, &st);
	pdf_close(&b->body, el);
	b->body.y += pad + th->body;
	sp_free(&sp);
}

static void points_block(book_t *b)
{
	const theme_t *th = b->th;
	for (int i = 0; i < b->p->npoints; i++) {
		const point_t *pt = &b->p->points[i];
		buf_t t = BUF_INIT;
		char n[16];
		snprintf(n, sizeof n, "%d", i + 1);
		plan_word_fmt(&t, b->p, WORD_POINT_TITLE, b->lang, "number", n, "title", T(b, &pt->title), NULL);
		heading(b, 4, t.ptr, 0);
		buf_free(&t);
		text_paragraphs(b, T(b, &pt->text), th->body * 1.5);
	}
}

/* A figure taller than the room left, set at full size in slices cut at
 * its breaks, each slice as far down the pages as it fits. */
static void place_slices(book_t *b, fig_t *f)
{
	double s = fmin(1.0, pdf_measure(&b->body) / f->width);
	double x = b->th->g.left + (pdf_measure(&b->body) - f->width * s) / 2;
	pdf_skip(&b->body, b->th->body * 0.4);
	int el = pdf_open(&b->body, "Figure"); /* one figure in its slices */
	pdf_alt(&b->body, f->alt);
	for (double top = 0; top < f->height;) {
		/* The lowest cut that fits the room; on a fresh page where none
		 * does, as much as the page holds. */
		double room = pdf_room(&b->body) / s, cut = 0;
		if (f->height - top <= room)
			cut = f->height;
		for (int i = f->nbreaks - 1; i >= 0 && !cut; i--)
			if (f->breaks[i] > top && f->breaks[i] - top <= room)
				cut = f->breaks[i];
		if (!cut && pdf_room(&b->body) < body_height(b) - 1) {
			pdf_need(&b->body, HUGE_VAL); /* a new page, the heading above taken along */
			continue;
		}
		if (!cut)
			cut = top + room;
		pdf_where w = pdf_place(&b->body, (cut - top) * s);
		pdf_op *op = pdf_add(&b->body, w.page, PDF_OP_FIG, x, w.y, f->width * s, (cut - top) * s, NULL);
		op->fig = f;
		op->size = s;
		op->fig_top = top;
		top = cut;
	}
	pdf_close(&b->body, el);
	keep_fig(b, f);
	b->body.y += b->th->body * 0.8;
}

static void structure_block(book_t *b)
{
	fig_t *f = fig_structure(b->p, b->lang, b->m, pdf_measure(&b->body));
	if (f->height > pdf_room(&b->body))
		place_slices(b, f);
	else
		place_figure(b, f, NULL, 1.0);
}

/* The colophon stands at the foot of the last page. */
static void colophon_block(book_t *b)
{
	const theme_t *th = b->th;
	view_colophon *c = view_colophon_of(b->p, b->lang);
	int n = c->nlines;
	buf_t *lines = xcalloc((size_t)n, sizeof *lines);
	for (int i = 0; i < n; i++) {
		buf_init(&lines[i]);
		view_cell_text(&lines[i], &c->lines[i]);
	}
	view_colophon_free(c);
	double size = th->small + 0.5, pad = th->body;
	spans_t *sp = xcalloc((size_t)n, sizeof *sp);
	pdf_parstyle st = style(1.7, PDF_LEFT, 0, 0);
	st.indent = th->body;
	st.width = pdf_measure(&b->body) - 2 * th->body;
	double h = 2 * pad;
	for (int i = 0; i < n; i++) {
		sp_text(&sp[i], lines[i].ptr, i == 0 ? F_BOLD : F_SANS, i == 0 ? size * 1.25 : size, th->ink);
		h += pdf_paragraph_height(&b->body, sp[i].s, sp[i].n, &st);
	}
	if (pdf_room(&b->body) < h + th->body)
		pdf_new_page(&b->body);
	int page = b->body.npages - 1;
	b->body.y = th->g.height - th->g.bottom - h;
	pdf_op *op = pdf_add(&b->body, page, PDF_OP_LINE, th->g.left, b->body.y, pdf_measure(&b->body), 0, NULL);
	op->stroke = true, op->rgb = th->accent, op->line_width = 0.8;
	b->body.y += pad;
	for (int i = 0; i < n; i++) {
		int el = pdf_open(&b->body, "P");
		pdf_paragraph(&b->body, sp[i].s, sp[i].n, &st);
		pdf_close(&b->body, el);
		sp_free(&sp[i]);
		buf_free(&lines[i]);
	}
	free(sp);
	free(lines);
	op = pdf_add(&b->body, page, PDF_OP_LINE, th->g.left, b->body.y + pad, pdf_measure(&b->body), 0, NULL);
	op->stroke = true, op->rgb = th->accent, op->line_width = 0.8;
	b->body.y = th->g.height - th->g.bottom;
}

static void data_block(book_t *b, const md_node *n)
{
	const plan_t *p = b->p;
	switch (n->data) {
	case DATA_INDICATORS:
		if (n->set >= 0)
			draw_table(b, view_indicators(p, b->lang, n->set, n->ref, b->th->status));
		break;
	case DATA_CHART:
		if (n->ref >= 0)
			indicator_chart(b, &p->indicators[n->ref]);
		break;
	case DATA_FIGURE:
		if (n->ref >= 0)
			figure_block(b, &p->figures[n->ref]);
		break;
	case DATA_TABLE:
		if (n->ref >= 0)
			draw_table(b, view_data(p, b->lang, &p->tables[n->ref]));
		break;
	case DATA_ACTIONS:
		if (n->ref >= 0)
			draw_table(b, view_actions(p, b->lang, &p->measures[n->ref]));
		break;
	case DATA_POLICY:
		if (n->ref >= 0)
			policy_block(b, &p->policies[n->ref]);
		break;
	case DATA_MEASURE:
		if (n->ref >= 0)
			measure_block(b, &p->measures[n->ref]);
		break;
	case DATA_STRUCTURE:
		structure_block(b);
		break;
	case DATA_GOAL:
		goal_block(b);
		break;
	case DATA_POINTS:
		points_block(b);
		break;
	case DATA_REVISIONS:
		draw_table(b, view_revisions(p, b->lang));
		break;
	case DATA_COLOPHON:
		colophon_block(b);
		break;
	case DATA_PROGRESS:
		if (n->set >= 0)
			draw_table(b, view_progress(p, b->lang, n->set));
		break;
	}
}

/* ---- chapters ---------------------------------------------------------- */

#define MAX_NEST 8

/* Walks a document's blocks in order, without recursion (content may nest
 * deeply): lists and quotes indent their paragraphs, a list item's first
 * paragraph carries its bullet or number. */
static void render_doc(book_t *b, const md_node *doc, double indent)
{
	const theme_t *th = b->th;
	int item_no[MAX_NEST + 1] = {0};
	int depth = 0; /* list items and quotes around n */
	/* The structure elements of the lists, items and quotes open around n:
	 * the element open before each (to close it), and an item's Lbl. */
	enum { MAX_OPEN = 3 * MAX_NEST };
	int open_prev[MAX_OPEN], lbl[MAX_OPEN], nopen = 0, skipped = 0;
	const md_node *n = doc->first;
	while (n) {
		bool descend = false;
		const md_node *item = n->parent && n->parent->type == MD_ITEM ? n->parent : NULL;
		nesting_t nest = {indent + th->body * 1.3 * (depth < MAX_NEST ? depth : MAX_NEST), "", false,
				  nopen && !skipped ? lbl[nopen - 1] : PDF_ARTIFACT, false};
		switch (n->type) {
		case MD_HEADING: {
			buf_t t = BUF_INIT;
			md_flat_text(&t, n);
			int level = n->level + b->hshift;
			pdf_where w = level <= 1 ? part_heading(b, t.ptr)
						 /* in the outline: a chapter's sections */
						 : heading(b, level > 4 ? 4 : level, t.ptr, level == 2 ? 2 : 0);
			name_site_places(b, n, w);
			buf_free(&t);
			break;
		}
		case MD_PARAGRAPH:
			if (item && item->first == n) {
				const md_node *list = item->parent;
				int d = depth - 1 < MAX_NEST ? depth - 1 : MAX_NEST;
				if (list && list->level) /* ordered */
					snprintf(nest.label, sizeof nest.label, "%d.", item_no[d < 0 ? 0 : d]);
				else
					nest.bullet = true;
				nest.keep = n->next != NULL;
			}
			paragraph(b, n, &nest);
			break;
		case MD_DATA:
			data_block(b, n);
			break;
		case MD_LIST:
		case MD_BLOCKQUOTE:
			descend = true;
			break;
		case MD_ITEM: {
			int d = depth < MAX_NEST ? depth : MAX_NEST;
			item_no[d] = n->parent && n->parent->first == n ? n->parent->start : item_no[d] + 1;
			descend = true;
			break;
		}
		case MD_THEMATIC_BREAK: {
			pdf_skip(&b->body, th->body * 0.5);
			pdf_need(&b->body, th->body);
			pdf_op *op = pdf_add(&b->body, b->body.npages - 1, PDF_OP_LINE, th->g.left + nest.indent,
					     b->body.y, pdf_measure(&b->body) - nest.indent, 0, NULL);
			op->stroke = true, op->rgb = th->rule;
			b->body.y += th->body;
			break;
		}
		case MD_CODE_BLOCK:
		case MD_HTML_BLOCK:
			if (n->text)
				text_paragraph(b, n->text, nest.indent, F_SANS, th->small, PDF_LEFT, th->body * 0.5);
			break;
		default:
			break;
		}
		if (descend && n->first) {
			depth += n->type == MD_ITEM || n->type == MD_BLOCKQUOTE;
			if (nopen < MAX_OPEN) {
				/* A list (L), its item (LI: the Lbl of its number, then an
				 * LBody), a quote (BlockQuote). */
				lbl[nopen] = PDF_ARTIFACT;
				open_prev[nopen] = pdf_open(&b->body, n->type == MD_LIST ? "L" : n->type == MD_ITEM ? "LI"
								  : "BlockQuote");
				if (n->type == MD_ITEM) {
					if (n->parent && n->parent->level) { /* ordered: a number */
						int li = pdf_open(&b->body, "Lbl");
						lbl[nopen] = b->st.cur;
						pdf_close(&b->body, li);
					}
					pdf_open(&b->body, "LBody");
				}
				nopen++;
			} else {
				skipped++;
			}
			n = n->first;
			continue;
		}
		while (n != doc && !n->next) {
			n = n->parent;
			depth -= n != doc && (n->type == MD_ITEM || n->type == MD_BLOCKQUOTE);
			if (n != doc && (n->type == MD_LIST || n->type == MD_ITEM || n->type == MD_BLOCKQUOTE)) {
				if (skipped)
					skipped--;
				else if (nopen)
					pdf_close(&b->body, open_prev[--nopen]);
			}
		}
		if (n == doc)
			break;
		n = n->next;
	}
}

/* ---- front matter ------------------------------------------------------ */

static void cover(book_t *b, pdf_flow *f)
{
	const plan_t *p = b->p;
	const theme_t *th = b->th;
	pdf_new_page(f);
	f->pages[f->npages - 1].part = -1;
	double mw = pdf_measure(f);
	pdf_op *op = pdf_add(f, 0, PDF_OP_RECT, 0, 0, th->g.width, th->g.top * 0.6, NULL);
	op->fill = true, op->rgb = th->accent;
	f->y = th->g.height * 0.22;
	spans_t sp = {0};
	sp_text(&sp, T(b, &p->title), F_BOLD, th->title, th->accent);
	pdf_parstyle st = style(1.4, PDF_CENTER, 0, th->body * 1.2);
	int el = pdf_open(f, "H1");
	pdf_paragraph(f, sp.s, sp.n, &st);
	pdf_close(f, el);
	sp_free(&sp);
	sp_text(&sp, T(b, &p->subtitle), F_BOLD, th->section + 2, th->ink);
	st.after = th->body * 2.5;
	el = pdf_open(f, "P");
	pdf_paragraph(f, sp.s, sp.n, &st);
	pdf_close(f, el);
	sp_free(&sp);
	buf_t per = BUF_INIT, years = BUF_INIT;
	plan_word_years(&years, p, WORD_FISCAL_PERIOD, b->lang, p->period_from, p->period_to);
	plan_word_fmt(&per, p, WORD_COVER_PERIOD, b->lang, "word", W(b, WORD_PERIOD), "period", years.ptr, NULL);
	buf_free(&years);
	sp_own(&sp, per.ptr, F_SANS, th->minor, th->muted);
	buf_free(&per);
	st.after = th->body * 4;
	el = pdf_open(f, "P");
	pdf_paragraph(f, sp.s, sp.n, &st);
	pdf_close(f, el);
	sp_free(&sp);
	/* The explanatory paragraph, framed. */
	sp_text(&sp, T(b, &p->summary), F_BODY, th->body, th->ink);
	pdf_parstyle sst = style(leading(b), body_align(b), 0, 0);
	sst.indent = mw * 0.1 + th->body;
	sst.width = mw * 0.8 - 2 * th->body;
	double h = pdf_paragraph_height(f, sp.s, sp.n, &sst);
	op = pdf_add(f, 0, PDF_OP_RECT, th->g.left + mw * 0.1, f->y, mw * 0.8, h + 2 * th->body, NULL);
	op->stroke = true, op->rgb = th->accent, op->line_width = 0.8;
	f->y += th->body;
	el = pdf_open(f, "P");
	pdf_paragraph(f, sp.s, sp.n, &sst);
	pdf_close(f, el);
	sp_free(&sp);
	f->y = th->g.height * 0.82;
	sp_text(&sp, T(b, &p->publisher), F_BOLD, th->section + 3, th->ink);
	st.after = 0;
	el = pdf_open(f, "P");
	pdf_paragraph(f, sp.s, sp.n, &st);
	pdf_close(f, el);
	sp_free(&sp);
}

/* The table of contents: parts and sections, with dot leaders and page
 * numbers, each entry a link to its heading. */
static void contents(book_t *b, pdf_flow *f)
{
	const theme_t *th = b->th;
	f->part = -1;
	pdf_new_page(f);
	spans_t sp = {0};
	sp_own(&sp, W(b, WORD_CONTENTS), F_BOLD, th->part, th->accent);
	pdf_parstyle st = style(1.4, PDF_CENTER, 0, th->body * 2);
	int el = pdf_open(f, "H1");
	pdf_paragraph(f, sp.s, sp.n, &st);
	pdf_close(f, el);
	sp_free(&sp);
	int toc = pdf_open(f, "TOC");
	double mw = pdf_measure(f), numw = th->body * 3;
	for (int i = 0; i < b->nheads; i++) {
		const head_t *h = &b->heads[i];
		if (h->level > 2)
			continue;
		int item = pdf_open(f, "TOCI");
		int link_el = pdf_open(f, "Link"); /* the entry leads to its heading */
		bool part = h->level == 1;
		double size = part ? th->minor : th->body;
		double indent = part ? 0 : th->body * 1.5;
		sp_text(&sp, h->title, part ? F_BOLD : F_SANS, size, th->ink);
		pdf_parstyle es = style(1.6, PDF_LEFT, part ? th->body * 0.9 : 0, 0);
		es.indent = indent;
		es.width = mw - indent - numw - th->body;
		es.keep = true;
		pdf_where w = pdf_paragraph(f, sp.s, sp.n, &es);
		sp_free(&sp);
		/* The last line's end: the leader runs from there to the number. */
		int page = f->npages - 1;
		const pdf_page *pg = &f->pages[page];
		double end = th->g.left + indent, base = 0;
		for (int k = 0; k < pg->nops; k++)
			if (pg->ops[k].kind == PDF_OP_TEXT && pg->ops[k].y < f->y)
				base = fmax(base, pg->ops[k].y);
		for (int k = 0; k < pg->nops; k++)
			if (pg->ops[k].kind == PDF_OP_TEXT && fabs(pg->ops[k].y - base) < 0.01)
				end = fmax(end, pg->ops[k].x + pg->ops[k].w);
		/* The page number, after a space that read as text parts it
		 * from the title. */
		char num[16];
		snprintf(num, sizeof num, " %d", h->page + 1);
		double nw = pdf_width(b->m, F_SANS, size, num + 1, strlen(num + 1));
		double sw = pdf_width(b->m, F_SANS, size, " ", 1);
		double right = th->g.left + mw;
		pdf_op *op = pdf_add(f, page, PDF_OP_TEXT, right - nw - sw, base, nw + sw, 0, num);
		op->font = F_SANS, op->size = size, op->rgb = th->ink;
		/* Dot leaders on a grid from the margin, so that the dots of
		 * one line stand under those of the line above. */
		double from = th->g.left + ceil((end + 4 - th->g.left) / 4) * 4;
		double to = th->g.left + floor((right - nw - 4 - th->g.left) / 4) * 4;
		if (to - from >= 8) {
			op = pdf_add(f, page, PDF_OP_LINE, from, base - 1, to - from, 0, NULL);
			op->stroke = true, op->rgb = th->muted, op->dash = -1, op->line_width = 1;
		}
		buf_t link = BUF_INIT;
		buf_printf(&link, "#%s", h->dest);
		pdf_add(f, page, PDF_OP_LINK, th->g.left, w.page == page ? w.y : th->g.top, mw,
			f->y - (w.page == page ? w.y : th->g.top), link.ptr);
		buf_free(&link);
		pdf_close(f, link_el);
		pdf_close(f, item);
	}
	pdf_close(f, toc);
}

/* Running header (the part) and footer (the page number, from 1) of every
 * page of the body; the page that opens a part has no header. */
static void furniture(book_t *b, pdf_flow *f)
{
	const theme_t *th = b->th;
	for (int i = 0; i < f->npages; i++) {
		int number = 1 + i;
		char num[16];
		snprintf(num, sizeof num, "%d", number);
		double size = th->small;
		/* A turned page's own width and height (pdf_turn). */
		bool turned = f->pages[i].landscape;
		double pw = turned ? th->g.height : th->g.width, ph = turned ? th->g.width : th->g.height;
		double w = pdf_width(b->m, F_SANS, size, num, strlen(num));
		double y = ph - th->g.bottom * 0.45;
		pdf_op *op = pdf_add(f, i, PDF_OP_TEXT, (pw - w) / 2, y, w, 0, num);
		op->font = F_SANS, op->size = size, op->rgb = th->muted;
		int part = f->pages[i].part;
		if (part < 0 || part >= b->nparts || b->part_page[part] == i)
			continue;
		/* A part title longer than the measure is shortened with "…". */
		buf_t t = BUF_INIT;
		buf_puts(&t, b->parts[part]);
		double mw = pw - th->g.left - th->g.right, tw;
		bool words = !b->p->langs[b->lang].cjk;
		while ((tw = pdf_text_width(b->m, F_SANS, size, t.ptr, t.len, !words)) > mw && t.len > 0) {
			size_t cut = t.len - 1;
			if (t.len >= 3 && strcmp(t.ptr + t.len - 3, "…") == 0)
				cut = t.len - 4;
			while (cut > 0 && (t.ptr[cut] & 0xC0) == 0x80)
				cut--;
			/* Never inside a word where words are spaced: back to the
			 * space before it (and not after a comma or colon). */
			while (words && cut > 0 && t.ptr[cut] != ' ')
				cut--;
			while (words && cut > 0 && strchr(" ,:;", t.ptr[cut - 1]))
				cut--;
			t.len = cut;
			t.ptr[cut] = '\0';
			buf_puts(&t, "…");
		}
		double hy = th->g.top * 0.55;
		pdf_span head = {.text = t.ptr, .len = t.len, .font = F_SANS, .size = size, .rgb = th->muted};
		pdf_text(f, i, pw - th->g.right - tw, hy, &head);
		buf_free(&t);
		op = pdf_add(f, i, PDF_OP_LINE, th->g.left, hy + size * 0.5, mw, 0, NULL);
		op->stroke = true, op->rgb = th->rule, op->line_width = 0.4;
	}
}

/* ---- the whole booklet ------------------------------------------------ */

void pdf_book_compose(book_t *b, const plan_t *p, const theme_t *th, pdf_metrics *m, lang_t lang)
{
	memset(b, 0, sizeof *b);
	b->p = p, b->lang = lang, b->th = th, b->m = m;
	bool cjk = p->langs[lang].cjk;
	pdf_flow_init(&b->body, &th->g, m, cjk);
	/* The structure: the Document, its cover and contents first (they are
	 * laid out last, with the body's page numbers), then the parts. */
	pdf_struct_init(&b->st);
	b->body.st = &b->st;
	pdf_open(&b->body, "Document");
	b->doc_elem = b->st.cur;
	int prev = pdf_open(&b->body, "Sect");
	b->cover_elem = b->st.cur;
	pdf_close(&b->body, prev);
	pdf_open(&b->body, "Sect");
	b->toc_elem = b->st.cur;
	pdf_close(&b->body, prev);
	b->part_elem = b->sect_elem = -1;
	for (int c = 0; c < p->nchapters; c++)
		register_notes(b, p->chapters[c].doc[lang] ? p->chapters[c].doc[lang] : p->chapters[c].doc[0]);
	for (int i = 0; i < p->npolicies; i++)
		register_notes(b, p->policies[i].body[lang] ? p->policies[i].body[lang] : p->policies[i].body[0]);
	for (int i = 0; i < p->nmeasures; i++)
		register_notes(b, p->measures[i].body[lang] ? p->measures[i].body[lang] : p->measures[i].body[0]);
	site_dests(b);
	for (int c = 0; c < p->nchapters; c++) {
		const md_node *doc = p->chapters[c].doc[lang] ? p->chapters[c].doc[lang] : p->chapters[c].doc[0];
		b->page = p->chapters[c].id;
		if (doc)
			render_doc(b, doc, 0);
	}
	b->page = NULL;
	if (!b->body.npages)
		pdf_new_page(&b->body);
	pdf_flow_finish(&b->body);
	locate_heads(b);
	/* As printed: the cover and the contents carry no page number; part I
	 * starts at page 1, and the contents give the body's numbers. */
	pdf_flow_init(&b->front, &th->g, m, cjk);
	b->front.st = &b->st;
	pdf_close(&b->front, b->cover_elem);
	cover(b, &b->front);
	pdf_close(&b->front, b->toc_elem);
	contents(b, &b->front);
	b->nfront = b->front.npages;
	pdf_artifact(&b->body); /* running heads and folios */
	furniture(b, &b->body);
}

void pdf_book_free(book_t *b)
{
	pdf_flow_free(&b->body);
	pdf_flow_free(&b->front);
	pdf_struct_free(&b->st);
	for (int i = 0; i < b->nheads; i++) {
		free(b->heads[i].title);
		free(b->heads[i].dest);
	}
	free(b->heads);
	for (int i = 0; i < b->nsitedests; i++)
		free(b->sitedests[i].name);
	free(b->sitedests);
	for (int i = 0; i < b->nstrs; i++)
		free(b->strs[i]);
	free(b->strs);
	for (int i = 0; i < b->nparts; i++)
		free(b->parts[i]);
	free(b->parts);
	free(b->part_page);
	for (int i = 0; i < b->nfigs; i++)
		fig_free(b->figs[i]);
	free(b->figs);
}

