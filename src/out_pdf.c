/* out_pdf.c — the plan as print-ready PDF booklets (libharu), one per
 * language: downloads/plan-ja.pdf and downloads/plan-en.pdf.
 *
 * The only file that sees libharu (and fontconfig, to find the fonts the
 * theme names).  The work is done in three steps:
 *   1. the model is walked in the booklet's order and laid out by
 *      pdf_layout.c into pages of drawing operations: the body first, then
 *      the cover and the table of contents, which needs the body's pages;
 *   2. every character to be drawn is known, so each font gets a character
 *      map of just those (libharu otherwise looks up all 65,536 code points
 *      of every font, a tenth of a second each) and a correct ToUnicode map;
 *   3. the operations are drawn, figures through the same figure module
 *      the website uses, with links, bookmarks and document information.
 * Nothing depends on the clock: the dates come from SOURCE_DATE_EPOCH or
 * from the plan, so the same content gives byte-identical files. */
#include <fontconfig/fontconfig.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <strings.h>
#include <time.h>

#include "backends.h"
#include "figure.h"
#include "load.h"
#include "pdf_layout.h"
#include "utf8.h"
#include "ytree.h"

enum { F_BODY, F_SANS, F_BOLD, F_COUNT };

/* ---- words of the booklet itself ------------------------------------- */

enum {
	L_TOC, L_PERIOD, L_ITEM, L_BASELINE, L_CURRENT, L_TARGET, L_DESCRIPTION, L_SECTION, L_STATUS,
	L_OVERALL, L_BASIC, L_ACTIONS, L_ACTION, L_DEPARTMENTS, L_POLICY, L_MEASURE, L_FIGURE, L_NO_DATA,
	L_PHOTO, L_REVISIONS, L_REASON, L_OWNER, L_PUBLISHED, L_EDITED, L_ADOPTED, L_REVISED,
	L_MEASURE_SHORT, L_COUNT
};

static const char *const WORDS[LANG_COUNT][L_COUNT] = {
	{"目次", "計画期間", "項目", "計画策定時", "現況値", "目標値", "説明", "担当所属", "進捗", "全体指標",
	 "基本指標", "重点項目", "取り組み内容", "推進部局", "基本方針", "基本施策", "図",
	 "この図の数値は原資料に収録されていません。", "写真", "指標の見直し一覧", "見直し理由", "所管課", "発行",
	 "編集", "策定", "一部見直し", "施策"},
	{"Contents", "Plan period", "Indicator", "At adoption", "Current", "Target", "Description",
	 "Responsible section", "Progress", "Overall indicators", "Basic indicators", "Priority actions", "Action",
	 "Promoting departments", "Basic policy", "Basic measure", "Figure",
	 "The figures for this chart are not included in the source document.", "Photo", "Indicator revisions",
	 "Reason for the revision", "Responsible section", "Published by", "Edited by", "Adopted", "Partly revised",
	 "Measure"},
};

static const char *const MONTHS[12] = {"January", "February", "March", "April", "May", "June",
				       "July", "August", "September", "October", "November", "December"};

/* ---- the print style (themes/…/print.yaml) ---------------------------- */

typedef struct {
	pdf_geometry g;
	char *family[LANG_COUNT][F_COUNT];
	double body, leading, small, table, revisions, revisions_en, part, section, subsection, minor, title, chart_scale;
	pdf_rgb ink, accent, muted, rule, shade, band;
	bool justify_en;
} theme_t;

/* Warns about keys of a map that plangen does not read (a misspelling
 * would otherwise be silently ignored). */
static void check_keys(const ynode *map, const char *const *keys)
{
	if (!map || map->type != Y_MAP)
		return;
	for (int i = 0; i < map->n; i++) {
		const ynode *k = map->items[2 * i];
		bool known = false;
		for (const char *const *s = keys; *s && !known; s++)
			known = k->str && strcmp(k->str, *s) == 0;
		if (!known) {
			buf_t all = BUF_INIT;
			for (const char *const *s = keys; *s; s++)
				buf_printf(&all, "%s%s", s == keys ? "" : ", ", *s);
			diag_error(k->pos, "unknown key \"%s\" in the print style", k->str ? k->str : "");
			diag_hint("the keys here are: %s", all.ptr);
			buf_free(&all);
		}
	}
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

static void theme_defaults(theme_t *t)
{
	memset(t, 0, sizeof *t);
	const double mm = 72 / 25.4;
	t->g = (pdf_geometry){595.276, 841.89, 20 * mm, 20 * mm, 22 * mm, 20 * mm};
	static const char *const fam[LANG_COUNT][F_COUNT] = {{"BIZ UDMincho", "BIZ UDPGothic", "BIZ UDPGothic"},
							     {"BIZ UDPMincho", "BIZ UDPGothic", "BIZ UDPGothic"}};
	for (int l = 0; l < LANG_COUNT; l++)
		for (int f = 0; f < F_COUNT; f++)
			t->family[l][f] = xstrdup(fam[l][f]);
	t->body = 10, t->leading = 1.75, t->small = 8.5, t->table = 8, t->revisions = 7, t->revisions_en = 6.3;
	t->part = 17, t->section = 13, t->subsection = 11.5, t->minor = 10.5, t->title = 24, t->chart_scale = 0.62;
	t->ink = (pdf_rgb){0x22, 0x22, 0x22};
	t->accent = (pdf_rgb){0x1F, 0x4E, 0x79};
	t->muted = (pdf_rgb){0x4D, 0x4D, 0x4D};
	t->rule = (pdf_rgb){0x80, 0x80, 0x80};
	t->shade = (pdf_rgb){0xE3, 0xEA, 0xF2};
	t->band = (pdf_rgb){0xF2, 0xF5, 0xF9};
	t->justify_en = true;
}

static void theme_free(theme_t *t)
{
	for (int l = 0; l < LANG_COUNT; l++)
		for (int f = 0; f < F_COUNT; f++)
			free(t->family[l][f]);
}

/* Reads dir/print.yaml over the defaults; false after reporting errors. */
static bool theme_load(theme_t *t, const char *dir)
{
	theme_defaults(t);
	buf_t path = BUF_INIT;
	buf_printf(&path, "%s/print.yaml", dir);
	size_t len;
	char *text = read_file(path.ptr, &len);
	if (!text) {
		diag_fatal("cannot read the print style \"%s\"", path.ptr);
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
	static const char *const top[] = {"page", "fonts", "sizes", "colours", "english", NULL};
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
	static const char *const lang_keys[] = {"ja", "en", NULL}, *const role_keys[] = {"body", "sans", "bold", NULL};
	check_keys(fonts, lang_keys);
	for (int l = 0; l < LANG_COUNT; l++) {
		const ynode *fl = ytree_get(fonts, lang_keys[l]);
		check_keys(fl, role_keys);
		for (int r = 0; r < F_COUNT; r++) {
			const ynode *n = ytree_get(fl, role_keys[r]);
			if (!n)
				continue;
			if (n->type != Y_SCALAR || !n->len) {
				diag_error(n->pos, "a font is given by its family name, e.g. BIZ UDPGothic");
				continue;
			}
			free(t->family[l][r]);
			t->family[l][r] = xstrdup(n->str);
		}
	}
	const ynode *sz = ytree_get(root, "sizes");
	const struct {
		const char *key;
		double *v, lo, hi;
	} sizes[] = {
		{"body", &t->body, 5, 60},
		{"leading", &t->leading, 1, 3},
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
	static const char *const en_keys[] = {"align", NULL};
	check_keys(en, en_keys);
	const ynode *al = ytree_get(en, "align");
	if (al) {
		if (al->str && strcmp(al->str, "justify") == 0)
			t->justify_en = true;
		else if (al->str && strcmp(al->str, "left") == 0)
			t->justify_en = false;
		else
			diag_error(al->pos, "english: align should be justify or left");
	}
	ytree_free(root);
	return diag_errors() == errors;
}

/* ---- fonts through fontconfig ----------------------------------------- */

typedef struct {
	char *path;
	int index; /* in a .ttc collection */
} fontfile_t;

/* Finds the file of a family in its regular or bold style; false (after
 * reporting) when fontconfig only offers a substitute. */
static bool font_find(FcConfig *cfg, const char *family, bool bold, fontfile_t *out)
{
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
	FcConfigSubstitute(cfg, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcPattern *match = FcFontMatch(cfg, pat, &res);
	FcPatternDestroy(pat);
	bool ok = false;
	if (match) {
		FcChar8 *fam, *file;
		for (int i = 0; !ok && FcPatternGetString(match, FC_FAMILY, i, &fam) == FcResultMatch; i++)
			ok = strcasecmp((const char *)fam, family) == 0;
		if (ok && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
			int index = 0;
			FcPatternGetInteger(match, FC_INDEX, 0, &index);
			out->path = xstrdup((const char *)file);
			out->index = index;
		} else {
			ok = false;
		}
		FcPatternDestroy(match);
	}
	if (!ok) {
		diag_fatal("the font family \"%s\" is not installed", family);
		diag_hint("install it (BIZ UD fonts: apt-get install fonts-morisawa-bizud-gothic "
			  "fonts-morisawa-bizud-mincho) or name another family in print.yaml");
	}
	return ok;
}

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
	b->s[b->n++] = (pdf_span){text, len, font, size, rgb, link};
}

/* Adds text, linking each footnote mark "※7" to its note. */
static void sp_text(spans_t *b, const char *text, int font, double size, pdf_rgb rgb)
{
	static const char mark[] = "※";
	const char *s = text, *from = text;
	while ((s = strstr(s, mark)) != NULL) {
		const char *d = s + sizeof mark - 1;
		size_t nd = strspn(d, "0123456789");
		if (nd == 0 || nd > 3) {
			s = d;
			continue;
		}
		sp_raw(b, from, (size_t)(s - from), font, size, rgb, NULL);
		buf_t link = BUF_INIT;
		buf_printf(&link, "#note-%.*s", (int)nd, d);
		sp_raw(b, s, (size_t)(d + nd - s), font, size, rgb, sp_keep(b, buf_detach(&link)));
		s = from = d + nd;
	}
	sp_raw(b, from, strlen(from), font, size, rgb, NULL);
}

/* Adds a string made here (copied and kept). */
static void sp_own(spans_t *b, const char *text, int font, double size, pdf_rgb rgb)
{
	sp_text(b, sp_keep(b, xstrdup(text)), font, size, rgb);
}

/* ---- the booklet being laid out --------------------------------------- */

typedef struct {
	int level;    /* 1 part, 2 section, 3 policy or measure */
	char *title;  /* plain text */
	char *dest;   /* the name of its place */
	int page;     /* body page index, known once the body is laid out */
	double y;
} head_t;

typedef struct {
	const plan_t *p;
	lang_t lang;
	const theme_t *th;
	pdf_metrics *m;
	pdf_flow body, front;
	head_t *heads;
	int nheads, headcap;
	char **parts; /* part titles, for the running header */
	int *part_page; /* the body page where each part begins */
	int nparts;
	fig_t **figs;
	int nfigs, figcap;
	int nfront; /* pages before the body */
} book_t;

static const char *W(const book_t *b, int word)
{
	return WORDS[b->lang][word];
}

static const char *T(const book_t *b, const text_t *t)
{
	return text_get(t, b->lang);
}

static bool has_text(const text_t *t)
{
	return t->ja && *t->ja;
}

static void keep_fig(book_t *b, fig_t *f)
{
	if (b->nfigs == b->figcap) {
		b->figcap = b->figcap ? b->figcap * 2 : 16;
		b->figs = xrealloc(b->figs, (size_t)b->figcap * sizeof *b->figs);
	}
	b->figs[b->nfigs++] = f;
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
	return b->lang == LANG_JA || b->th->justify_en ? PDF_JUSTIFY : PDF_LEFT;
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

/* The text of a Markdown node's inlines, without marks. */
static void plain_text(buf_t *out, const md_node *n)
{
	const md_node *c = n->first;
	while (c) {
		if ((c->type == MD_TEXT || c->type == MD_CODE) && c->text)
			buf_puts(out, c->text);
		if (c->first) {
			c = c->first;
			continue;
		}
		while (c != n && !c->next)
			c = c->parent;
		if (c == n)
			break;
		c = c->next;
	}
}

/* Turns a paragraph's inlines into spans: strong text in bold, links
 * (footnote references) kept as links, hard breaks as '\n'. */
static void inline_spans(spans_t *sp, const md_node *par, int font, double size, pdf_rgb rgb)
{
	const md_node *c = par->first;
	while (c) {
		int f = font;
		const char *link = NULL;
		for (const md_node *a = c->parent; a && a != par; a = a->parent) {
			if (a->type == MD_STRONG)
				f = F_BOLD;
			else if (a->type == MD_LINK && !link)
				link = a->text;
		}
		switch (c->type) {
		case MD_TEXT:
		case MD_CODE:
		case MD_HTML_INLINE:
			if (link)
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

static void part_heading(book_t *b, const char *title)
{
	const theme_t *th = b->th;
	b->parts = xrealloc(b->parts, (size_t)(b->nparts + 1) * sizeof *b->parts);
	b->part_page = xrealloc(b->part_page, (size_t)(b->nparts + 1) * sizeof *b->part_page);
	b->parts[b->nparts] = xstrdup(title);
	b->body.part = b->nparts;
	pdf_new_page(&b->body);
	b->part_page[b->nparts++] = b->body.npages - 1;
	spans_t sp = {0};
	sp_text(&sp, title, F_BOLD, th->part, th->accent);
	pdf_parstyle st = style(1.4, PDF_LEFT, 0, 4);
	pdf_where w = pdf_paragraph(&b->body, sp.s, sp.n, &st);
	sp_free(&sp);
	pdf_op *op = pdf_add(&b->body, b->body.npages - 1, PDF_OP_LINE, th->g.left, b->body.y, pdf_measure(&b->body),
			     0, NULL);
	op->stroke = true, op->rgb = th->accent, op->line_width = 1.5;
	b->body.y += th->body * 1.6;
	add_head(b, 1, title, w);
}

/* A heading of level 2–4, kept with the block after it; `band` sets it on
 * a pale band (policies). */
static void heading_band(book_t *b, int level, const char *title, int outline, bool band)
{
	const theme_t *th = b->th;
	double size = level == 2 ? th->section : level == 3 ? th->subsection : th->minor;
	pdf_rgb rgb = level <= 3 ? th->accent : th->ink;
	spans_t sp = {0};
	sp_text(&sp, title, F_BOLD, size, rgb);
	pdf_parstyle st = style(1.45, PDF_LEFT, level == 2 ? size * 1.1 : size * 0.8, level == 2 ? size * 0.5 : 3);
	st.keep = true;
	double marker = level == 3 ? size * 0.9 : 0;
	st.indent = marker;
	double h = pdf_paragraph_height(&b->body, sp.s, sp.n, &st);
	pdf_skip(&b->body, st.before);
	st.before = 0;
	pdf_need(&b->body, h + th->body * th->leading * 3);
	pdf_keep_with_next(&b->body);
	pdf_where w = pdf_paragraph(&b->body, sp.s, sp.n, &st);
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
}

static void heading(book_t *b, int level, const char *title, int outline)
{
	heading_band(b, level, title, outline, false);
}

/* ---- paragraphs -------------------------------------------------------- */

/* A note paragraph starts with its mark: "※1 SDGs：…".  Returns the mark's
 * length in bytes (0: not a note) and its number. */
static size_t note_mark(const char *s, int *number)
{
	static const char mark[] = "※";
	if (strncmp(s, mark, sizeof mark - 1) != 0)
		return 0;
	size_t nd = strspn(s + sizeof mark - 1, "0123456789");
	if (nd == 0 || nd > 3)
		return 0;
	*number = atoi(s + sizeof mark - 1);
	return sizeof mark - 1 + nd;
}

/* List and quote nesting of a block: its indent and, for the first
 * paragraph of a list item, the item's label. */
typedef struct {
	double indent;
	char label[16];
	bool bullet; /* a list item's first paragraph, unnumbered */
} nesting_t;

static void paragraph(book_t *b, const md_node *par, const nesting_t *nest)
{
	const theme_t *th = b->th;
	spans_t sp = {0};
	const md_node *first = par->first;
	int note = 0;
	size_t marklen = first && first->type == MD_TEXT && first->text ? note_mark(first->text, &note) : 0;
	pdf_parstyle st = style(th->leading, body_align(b), 0, th->body * 0.55);
	st.indent = nest->indent;
	pdf_span label = {0};
	if (marklen) {
		/* A note: small type, its mark hung in the margin of its text. */
		label = (pdf_span){first->text, marklen, F_BODY, th->small, th->ink, NULL};
		double lw = pdf_width(b->m, F_BODY, th->small, first->text, marklen);
		st.label = &label;
		st.label_x = nest->indent;
		st.indent = nest->indent + lw + th->small * 0.6;
		st.leading = 1.6;
		spans_t tmp = {0};
		inline_spans(&tmp, par, F_BODY, th->small, th->ink);
		/* Drop the mark (and the space after it) from the first span. */
		for (int i = 0; i < tmp.n; i++) {
			pdf_span s = tmp.s[i];
			if (i == 0) {
				s.text += marklen, s.len -= marklen;
				while (s.len && (*s.text == ' ' || (unsigned char)*s.text == 0xE3)) {
					if (*s.text == ' ') {
						s.text++, s.len--;
					} else if (s.len >= 3 && strncmp(s.text, "　", 3) == 0) {
						s.text += 3, s.len -= 3;
					} else {
						break;
					}
				}
				if (s.len && s.link && strncmp(s.link, "#note-", 6) == 0)
					s.link = NULL;
			}
			sp_raw(&sp, s.text, s.len, s.font, s.size, s.rgb, s.link);
		}
		sp.own = tmp.own, sp.nown = tmp.nown, sp.owncap = tmp.owncap;
		free(tmp.s);
	} else {
		inline_spans(&sp, par, F_BODY, th->body, th->ink);
		/* A Japanese paragraph begins one em in (JLReq 3.1.6). */
		if (b->lang == LANG_JA && !nest->label[0] && nest->indent == 0)
			st.first = th->body;
		if (nest->label[0] && !nest->bullet) {
			label = (pdf_span){nest->label, strlen(nest->label), F_BODY, th->body, th->ink, NULL};
			st.label = &label;
			st.label_x = nest->indent - th->body * 1.1;
		}
	}
	pdf_where w = pdf_paragraph(&b->body, sp.s, sp.n, &st);
	if (nest->bullet) {
		/* The bullet is drawn, not typed: a "・" at the head of a line
		 * would read as a breach of the line-start rules, and it is not
		 * part of the text to copy. */
		double d = th->body * 0.3, lh = th->body * st.leading;
		pdf_op *op = pdf_add(&b->body, w.page, PDF_OP_RECT, th->g.left + nest->indent - th->body * 0.8,
				     w.y + lh / 2 - d / 2 + th->body * 0.02, d, d, NULL);
		op->fill = true, op->rgb = th->ink;
	}
	if (marklen) {
		char name[32];
		snprintf(name, sizeof name, "note-%d", note);
		pdf_add(&b->body, w.page, PDF_OP_DEST, th->g.left, w.y, 0, 0, name);
	}
	sp_free(&sp);
}

/* A paragraph of plain text in the body style. */
static void text_paragraph(book_t *b, const char *text, double indent, int font, double size, pdf_align align,
			   double after)
{
	spans_t sp = {0};
	sp_text(&sp, text, font, size, b->th->ink);
	pdf_parstyle st = style(size == b->th->body ? b->th->leading : 1.55, align, 0, after);
	st.indent = indent;
	pdf_paragraph(&b->body, sp.s, sp.n, &st);
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
	st.keep = true;
	pdf_paragraph(&b->body, sp.s, sp.n, &st);
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

/* Places a figure centred under its caption, scaled to fit the page. */
static void place_figure(book_t *b, fig_t *f, const char *cap, double scale)
{
	double bodyh = b->th->g.height - b->th->g.top - b->th->g.bottom;
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
	if (cap)
		caption(b, cap, PDF_CENTER, 4);
	pdf_where w = pdf_place(&b->body, f->height * s);
	double x = b->th->g.left + (pdf_measure(&b->body) - f->width * s) / 2;
	pdf_op *op = pdf_add(&b->body, w.page, PDF_OP_FIG, x, w.y, f->width * s, f->height * s, NULL);
	op->fig = f;
	op->size = s;
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
	if (ind->measure >= 0)
		buf_printf(&cap, b->lang == LANG_JA ? "%s%d 【%s%d】" : "%s %d [%s %d] ", W(b, L_FIGURE),
			   ind->figure_number, W(b, L_MEASURE_SHORT), p->measures[ind->measure].number);
	else
		buf_printf(&cap, b->lang == LANG_JA ? "%s%d 【%s】" : "%s %d [%s] ", W(b, L_FIGURE), ind->figure_number,
			   W(b, L_OVERALL));
	buf_puts(&cap, T(b, &ind->name));
	place_figure(b, fig_indicator(p, ind, b->lang), cap.ptr, b->th->chart_scale);
	buf_free(&cap);
}

static void figure_block(book_t *b, const figure_t *fg)
{
	const theme_t *th = b->th;
	if (fg->kind == FIG_IMAGE) {
		/* No photograph is stored with the content: its caption stands
		 * for it. */
		buf_t t = BUF_INIT;
		buf_printf(&t, b->lang == LANG_JA ? "［%s］%s" : "[%s] %s", W(b, L_PHOTO), T(b, &fg->title));
		pdf_skip(&b->body, th->body * 0.3);
		text_paragraph(b, t.ptr, 0, F_SANS, th->small, PDF_CENTER, th->body * 0.8);
		buf_free(&t);
		return;
	}
	fig_t *f = fg->has_data ? fig_chart(b->p, fg, b->lang) : NULL;
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
	caption(b, T(b, &fg->title), PDF_CENTER, 4);
	double w = pdf_measure(&b->body) * 0.7, x = th->g.left + (pdf_measure(&b->body) - w) / 2;
	pdf_where at = pdf_place(&b->body, boxh);
	pdf_op *op = pdf_add(&b->body, at.page, PDF_OP_RECT, x, at.y, w, boxh, NULL);
	op->stroke = true, op->rgb = th->rule, op->dash = 3, op->line_width = 0.6;
	const char *msg = W(b, L_NO_DATA);
	double mw = pdf_width(b->m, F_SANS, th->small, msg, strlen(msg));
	op = pdf_add(&b->body, at.page, PDF_OP_TEXT, x + (w - mw) / 2, at.y + boxh / 2 + th->small * 0.35, mw, 0, msg);
	op->font = F_SANS, op->size = th->small, op->rgb = th->muted;
	b->body.y += 3;
	source_note(b, &fg->source);
}

/* ---- tables ------------------------------------------------------------ */

typedef struct {
	book_t *b;
	pdf_table t;
	double size;
} tbuild_t;

static void cell(tbuild_t *tb, const char *text, int font, int colspan, pdf_align align, bool shade)
{
	spans_t sp = {0};
	sp_text(&sp, text, font, tb->size, tb->b->th->ink);
	pdf_table_cell(&tb->t, sp.s, sp.n, colspan, align, shade);
	sp_free(&sp);
}

static void head_cell(tbuild_t *tb, const char *text, int colspan)
{
	cell(tb, text, F_BOLD, colspan, PDF_CENTER, true);
}

static void table_begin(book_t *b, tbuild_t *tb, int ncols, double size)
{
	tb->b = b;
	tb->size = size;
	pdf_table_init(&tb->t, ncols);
	tb->t.rule = b->th->rule;
	tb->t.shade = b->th->shade;
}

static void table_caption(tbuild_t *tb, const char *text)
{
	spans_t sp = {0};
	sp_text(&sp, text, F_BOLD, tb->b->th->minor - 0.5, tb->b->th->ink);
	pdf_table_caption(&tb->t, sp.s, sp.n);
	sp_free(&sp);
}

static void table_end(tbuild_t *tb)
{
	pdf_skip(&tb->b->body, tb->b->th->body * 0.5);
	pdf_table_set(&tb->b->body, &tb->t);
	pdf_table_free(&tb->t);
	tb->b->body.y += tb->b->th->body * 0.4;
}

static void year_word(buf_t *out, const book_t *b, int year, const char *word, bool newline)
{
	buf_printf(out, b->lang == LANG_JA ? "%d年度%s%s" : "FY%d%s%s", year, newline ? "\n" : " ", word);
}

static void sections_text(buf_t *out, const book_t *b, const int *sections, int n)
{
	for (int k = 0; k < n; k++) {
		if (k)
			buf_puts(out, b->lang == LANG_JA ? "、" : ", ");
		if (sections[k] >= 0)
			buf_puts(out, T(b, &b->p->sections[sections[k]].name));
	}
}

static const char *mark_text(const book_t *b, mark_t m)
{
	static const char *const marks[LANG_COUNT][4] = {{"", "【追加】", "【修正】", "【変更】"},
							 {"", "[Added] ", "[Revised] ", "[Replaced] "}};
	return m >= MARK_NONE && m <= MARK_REPLACED ? marks[b->lang][m] : "";
}

/* The name cell of an indicator: its mark, its name, the note under it. */
static void name_cell(tbuild_t *tb, const indicator_t *ind, mark_t mark)
{
	book_t *b = tb->b;
	spans_t sp = {0};
	if (mark != MARK_NONE)
		sp_own(&sp, mark_text(b, mark), F_BOLD, tb->size, b->th->accent);
	sp_text(&sp, T(b, &ind->name), F_SANS, tb->size, b->th->ink);
	if (has_text(&ind->name_note)) {
		sp_raw(&sp, "\n", 1, F_SANS, tb->size * 0.9, b->th->ink, NULL);
		sp_text(&sp, T(b, &ind->name_note), F_SANS, tb->size * 0.9, b->th->muted);
	}
	pdf_table_cell(&tb->t, sp.s, sp.n, 1, PDF_LEFT, false);
	sp_free(&sp);
}

static void indicator_table(book_t *b, int set, int measure)
{
	const plan_t *p = b->p;
	const indset_t *st = &p->sets[set];
	tbuild_t tb;
	table_begin(b, &tb, 7, b->th->table);
	tb.t.nhead = 1;
	buf_t cap = BUF_INIT;
	buf_printf(&cap, b->lang == LANG_JA ? "%s【%s】" : "%s (%s)", W(b, measure < 0 ? L_OVERALL : L_BASIC),
		   T(b, &st->title));
	table_caption(&tb, cap.ptr);
	buf_free(&cap);
	pdf_table_row(&tb.t);
	head_cell(&tb, W(b, L_ITEM), 1);
	static const int slot_word[YEAR_COUNT] = {L_BASELINE, L_CURRENT, L_TARGET};
	for (int k = 0; k < YEAR_COUNT; k++) {
		buf_t h = BUF_INIT;
		year_word(&h, b, st->years[k], W(b, slot_word[k]), true);
		head_cell(&tb, h.ptr, 1);
		buf_free(&h);
	}
	head_cell(&tb, W(b, L_DESCRIPTION), 1);
	head_cell(&tb, W(b, L_SECTION), 1);
	head_cell(&tb, W(b, L_STATUS), 1);
	for (int i = 0; i < p->nindicators; i++) {
		const indicator_t *ind = &p->indicators[i];
		if (ind->set != set || ind->measure != measure)
			continue;
		pdf_table_row(&tb.t);
		name_cell(&tb, ind, ind->mark);
		for (int k = 0; k < YEAR_COUNT; k++) {
			buf_t v = BUF_INIT;
			plan_format_value(&v, p, ind, (yearslot_t)k, b->lang);
			cell(&tb, v.ptr, F_SANS, 1, PDF_CENTER, false);
			buf_free(&v);
		}
		spans_t sp = {0};
		sp_text(&sp, T(b, &ind->description), F_SANS, tb.size, b->th->ink);
		if (has_text(&ind->note)) {
			sp_raw(&sp, "\n", 1, F_SANS, tb.size * 0.9, b->th->ink, NULL);
			sp_text(&sp, T(b, &ind->note), F_SANS, tb.size * 0.9, b->th->muted);
		}
		pdf_table_cell(&tb.t, sp.s, sp.n, 1, PDF_LEFT, false);
		sp_free(&sp);
		buf_t sec = BUF_INIT;
		sections_text(&sec, b, ind->sections, ind->nsections);
		cell(&tb, sec.ptr, F_SANS, 1, PDF_LEFT, false);
		buf_free(&sec);
		/* The status as a symbol and a word, never by colour alone. */
		progress_t pr = plan_progress(ind);
		buf_t s = BUF_INIT;
		buf_printf(&s, "%s %s", plan_status_symbol(pr.status), plan_status_label(pr.status, b->lang));
		cell(&tb, s.ptr, F_SANS, 1, PDF_LEFT, false);
		buf_free(&s);
	}
	table_end(&tb);
}

/* How many indicators of a set are achieved, on track, behind … by measure:
 * the same counts the site shows (plan_progress_tally). */
static void progress_table(book_t *b, int set)
{
	const plan_t *p = b->p;
	tbuild_t tb;
	table_begin(b, &tb, 1 + STATUS_COUNT, b->th->table);
	tb.t.nhead = 1;
	buf_t t = BUF_INIT;
	buf_printf(&t, b->lang == LANG_JA ? "指標の進捗（%s）" : "Progress of the indicators (%s)", T(b, &p->sets[set].title));
	table_caption(&tb, t.ptr);
	buf_free(&t);
	pdf_table_row(&tb.t);
	head_cell(&tb, W(b, L_MEASURE), 1);
	for (int st = 0; st < STATUS_COUNT; st++) {
		buf_printf(&t, "%s\n%s", plan_status_symbol((status_t)st), plan_status_label((status_t)st, b->lang));
		head_cell(&tb, t.ptr, 1);
		buf_free(&t);
	}
	for (int m = -1; m < p->nmeasures; m++) {
		tally_t tl = plan_progress_tally(p, set, m);
		if (!tl.total)
			continue;
		pdf_table_row(&tb.t);
		if (m < 0)
			buf_puts(&t, W(b, L_OVERALL));
		else
			buf_printf(&t, "%d %s", p->measures[m].number, T(b, &p->measures[m].title));
		cell(&tb, t.ptr, F_SANS, 1, PDF_LEFT, false);
		buf_free(&t);
		for (int st = 0; st < STATUS_COUNT; st++) {
			buf_printf(&t, "%d", tl.count[st]);
			cell(&tb, t.ptr, F_SANS, 1, PDF_CENTER, false);
			buf_free(&t);
		}
	}
	table_end(&tb);
}

static void data_table(book_t *b, const table_t *t)
{
	tbuild_t tb;
	table_begin(b, &tb, t->ncolumns, b->th->table);
	tb.t.nhead = 1;
	if (has_text(&t->caption))
		table_caption(&tb, T(b, &t->caption));
	pdf_table_row(&tb.t);
	for (int c = 0; c < t->ncolumns; c++)
		head_cell(&tb, T(b, &t->columns[c].title), 1);
	for (int r = 0; r < t->nrows; r++) {
		pdf_table_row(&tb.t);
		for (int c = 0; c < t->ncolumns; c++) {
			const cell_t *ce = &t->cells[r * t->ncolumns + c];
			if (ce->empty) {
				cell(&tb, "", F_SANS, 1, PDF_LEFT, false);
			} else if (t->columns[c].is_number) {
				buf_t v = BUF_INIT;
				num_format(&v, ce->num);
				cell(&tb, v.ptr, F_SANS, 1, PDF_RIGHT, false);
				buf_free(&v);
			} else {
				cell(&tb, T(b, &ce->text), F_SANS, 1, PDF_LEFT, false);
			}
		}
	}
	table_end(&tb);
	if (has_text(&t->note))
		text_paragraph(b, T(b, &t->note), 0, F_SANS, b->th->small, PDF_LEFT, b->th->body * 0.6);
	source_note(b, &t->source);
}

static void actions_table(book_t *b, const measure_t *m)
{
	heading(b, 4, W(b, L_ACTIONS), 0);
	tbuild_t tb;
	table_begin(b, &tb, 2, b->th->table + 0.5);
	tb.t.nhead = 1;
	pdf_table_row(&tb.t);
	head_cell(&tb, W(b, L_ACTION), 1);
	head_cell(&tb, W(b, L_DEPARTMENTS), 1);
	for (int i = 0; i < m->nactions; i++) {
		const action_t *a = &m->actions[i];
		pdf_table_row(&tb.t);
		spans_t sp = {0};
		/* Circled numbers ①…⑳, as in the printed plan. */
		char num[16];
		if (i < 20)
			snprintf(num, sizeof num, "%c%c%c ", 0xE2, 0x91, 0xA0 + i);
		else
			snprintf(num, sizeof num, "%d ", i + 1);
		sp_own(&sp, num, F_SANS, tb.size, b->th->ink);
		if (a->mark != MARK_NONE)
			sp_own(&sp, mark_text(b, a->mark), F_BOLD, tb.size, b->th->accent);
		sp_text(&sp, T(b, &a->text), F_SANS, tb.size, b->th->ink);
		pdf_table_cell(&tb.t, sp.s, sp.n, 1, PDF_LEFT, false);
		sp_free(&sp);
		buf_t d = BUF_INIT;
		for (int k = 0; k < a->ndepartments; k++) {
			if (k)
				buf_puts(&d, b->lang == LANG_JA ? "、" : ", ");
			if (a->departments[k] >= 0)
				buf_puts(&d, T(b, &b->p->departments[a->departments[k]].name));
		}
		cell(&tb, d.ptr, F_SANS, 1, PDF_LEFT, false);
		buf_free(&d);
	}
	table_end(&tb);
}

static void revisions_table(book_t *b)
{
	const plan_t *p = b->p;
	int nrows;
	revrow_t *rows = plan_revision_rows(p, &nrows);
	if (!rows)
		return;
	int oldset = p->nsets - 2, newset = p->nsets - 1;
	tbuild_t tb;
	table_begin(b, &tb, 8, b->lang == LANG_JA ? b->th->revisions : b->th->revisions_en);
	tb.t.nhead = 2;
	tb.t.pad_x = 2.2;
	buf_t cap = BUF_INIT;
	if (b->lang == LANG_JA)
		buf_printf(&cap, "%s（%d年度～%d年度） %s", T(b, &p->title), p->period_from, p->period_to,
			   W(b, L_REVISIONS));
	else
		buf_printf(&cap, "%s (FY%d–%d): %s", T(b, &p->title), p->period_from, p->period_to, W(b, L_REVISIONS));
	table_caption(&tb, cap.ptr);
	buf_free(&cap);
	pdf_table_row(&tb.t);
	head_cell(&tb, T(b, &p->sets[oldset].title), 3);
	head_cell(&tb, T(b, &p->sets[newset].title), 3);
	head_cell(&tb, W(b, L_REASON), 1);
	head_cell(&tb, W(b, L_OWNER), 1);
	pdf_table_row(&tb.t);
	for (int s = 0; s < 2; s++) {
		const indset_t *st = &p->sets[s ? newset : oldset];
		buf_t h = BUF_INIT;
		head_cell(&tb, W(b, L_ITEM), 1);
		year_word(&h, b, st->years[YEAR_CURRENT], W(b, L_CURRENT), true);
		head_cell(&tb, h.ptr, 1);
		buf_free(&h);
		year_word(&h, b, st->years[YEAR_TARGET], W(b, L_TARGET), true);
		head_cell(&tb, h.ptr, 1);
		buf_free(&h);
	}
	head_cell(&tb, "", 1);
	head_cell(&tb, "", 1);
	int measure = -2;
	for (int r = 0; r < nrows; r++) {
		const revrow_t *rw = &rows[r];
		if (rw->measure != measure) {
			measure = rw->measure;
			buf_t g = BUF_INIT;
			if (measure < 0)
				buf_puts(&g, W(b, L_OVERALL));
			else
				buf_printf(&g, b->lang == LANG_JA ? "%s%d 【%s】" : "%s %d: %s", W(b, L_MEASURE),
					   p->measures[measure].number, T(b, &p->measures[measure].title));
			pdf_table_row(&tb.t);
			spans_t sp = {0};
			sp_text(&sp, g.ptr, F_BOLD, tb.size, b->th->ink);
			pdf_table_cell(&tb.t, sp.s, sp.n, 8, PDF_LEFT, true);
			sp_free(&sp);
			buf_free(&g);
		}
		pdf_table_row(&tb.t);
		for (int side = 0; side < 2; side++) {
			int idx = side ? rw->new_ind : rw->old_ind;
			if (idx < 0) {
				/* An old indicator without a successor shows dashes on
				 * the new side; an added one leaves the old side empty. */
				const char *dash = side ? "—" : "";
				for (int k = 0; k < 3; k++)
					cell(&tb, dash, F_SANS, 1, PDF_CENTER, false);
				continue;
			}
			const indicator_t *ind = &p->indicators[idx];
			name_cell(&tb, ind, side ? rw->mark : MARK_NONE);
			for (int k = YEAR_CURRENT; k <= YEAR_TARGET; k++) {
				buf_t v = BUF_INIT;
				plan_format_value(&v, p, ind, (yearslot_t)k, b->lang);
				cell(&tb, v.ptr, F_SANS, 1, PDF_CENTER, false);
				buf_free(&v);
			}
		}
		cell(&tb, rw->reason && rw->reason->ja ? T(b, rw->reason) : "", F_SANS, 1, PDF_LEFT, false);
		buf_t sec = BUF_INIT;
		sections_text(&sec, b, rw->sections, rw->nsections);
		cell(&tb, sec.ptr, F_SANS, 1, PDF_LEFT, false);
		buf_free(&sec);
	}
	free(rows);
	table_end(&tb);
}

/* ---- the other data blocks --------------------------------------------- */

static void render_doc(book_t *b, const md_node *doc, double indent);

static void policy_block(book_t *b, const policy_t *po)
{
	buf_t h = BUF_INIT;
	buf_printf(&h, b->lang == LANG_JA ? "%s%d　%s" : "%s %d: %s", W(b, L_POLICY), po->number, T(b, &po->title));
	heading_band(b, 3, h.ptr, 3, true);
	buf_free(&h);
	const md_node *doc = po->body[b->lang] ? po->body[b->lang] : po->body[LANG_JA];
	if (doc)
		render_doc(b, doc, 0);
}

static void measure_block(book_t *b, const measure_t *m)
{
	buf_t h = BUF_INIT;
	buf_printf(&h, b->lang == LANG_JA ? "%s%d　%s" : "%s %d: %s", W(b, L_MEASURE), m->number, T(b, &m->title));
	heading(b, 3, h.ptr, 3);
	buf_free(&h);
	/* Its aim in one line, as the website's lead and the seed's diagram
	 * give it. */
	if (has_text(&m->summary))
		text_paragraph(b, T(b, &m->summary), 0, F_BOLD, b->th->body, PDF_LEFT, b->th->body * 0.6);
	const md_node *doc = m->body[b->lang] ? m->body[b->lang] : m->body[LANG_JA];
	if (doc)
		render_doc(b, doc, 0);
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
	pdf_paragraph(&b->body, sp.s, sp.n, &st);
	b->body.y += pad + th->body;
	sp_free(&sp);
}

static void points_block(book_t *b)
{
	const theme_t *th = b->th;
	for (int i = 0; i < b->p->npoints; i++) {
		const point_t *pt = &b->p->points[i];
		buf_t t = BUF_INIT;
		buf_printf(&t, "%d　%s", i + 1, T(b, &pt->title));
		heading(b, 4, t.ptr, 0);
		buf_free(&t);
		text_paragraphs(b, T(b, &pt->text), th->body * 1.5);
	}
}

static void structure_block(book_t *b)
{
	place_figure(b, fig_structure(b->p, b->lang), NULL, 1.0);
}

/* The colophon stands at the foot of the last page. */
static void colophon_block(book_t *b)
{
	const plan_t *p = b->p;
	const theme_t *th = b->th;
	bool ja = b->lang == LANG_JA;
	buf_t lines[8];
	int n = 0;
	for (int i = 0; i < 8; i++)
		buf_init(&lines[i]);
	buf_puts(&lines[n++], T(b, &p->title));
	if (ja)
		buf_printf(&lines[n++], "%d年%d月%s", p->adopted.year, p->adopted.month, W(b, L_ADOPTED));
	else
		buf_printf(&lines[n++], "%s %s %d", W(b, L_ADOPTED), MONTHS[(p->adopted.month + 11) % 12], p->adopted.year);
	if (p->revised.year) {
		if (ja)
			buf_printf(&lines[n++], "%d年%d月%s", p->revised.year, p->revised.month, W(b, L_REVISED));
		else
			buf_printf(&lines[n++], "%s %s %d", W(b, L_REVISED), MONTHS[(p->revised.month + 11) % 12],
				   p->revised.year);
	}
	buf_printf(&lines[n++], ja ? "%s　%s" : "%s %s", W(b, L_PUBLISHED), T(b, &p->publisher));
	buf_printf(&lines[n++], ja ? "%s　%s" : "%s %s", W(b, L_EDITED), T(b, &p->editor_name));
	if (ja)
		buf_printf(&lines[n++], "〒%s　%s", p->postcode ? p->postcode : "", T(b, &p->editor_address));
	else
		buf_printf(&lines[n++], "%s %s", T(b, &p->editor_address), p->postcode ? p->postcode : "");
	buf_printf(&lines[n++], "TEL %s　FAX %s", p->phone ? p->phone : "", p->fax ? p->fax : "");
	if (p->email)
		buf_printf(&lines[n++], "E-mail: %s", p->email);
	double size = th->small + 0.5, pad = th->body;
	spans_t sp[8];
	pdf_parstyle st = style(1.7, PDF_LEFT, 0, 0);
	st.indent = th->body;
	st.width = pdf_measure(&b->body) - 2 * th->body;
	double h = 2 * pad;
	for (int i = 0; i < n; i++) {
		memset(&sp[i], 0, sizeof sp[i]);
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
		pdf_paragraph(&b->body, sp[i].s, sp[i].n, &st);
		sp_free(&sp[i]);
		buf_free(&lines[i]);
	}
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
			indicator_table(b, n->set, n->ref);
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
			data_table(b, &p->tables[n->ref]);
		break;
	case DATA_ACTIONS:
		if (n->ref >= 0)
			actions_table(b, &p->measures[n->ref]);
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
		revisions_table(b);
		break;
	case DATA_COLOPHON:
		colophon_block(b);
		break;
	case DATA_PROGRESS:
		if (n->set >= 0)
			progress_table(b, n->set);
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
	const md_node *n = doc->first;
	while (n) {
		bool descend = false;
		const md_node *item = n->parent && n->parent->type == MD_ITEM ? n->parent : NULL;
		nesting_t nest = {indent + th->body * 1.3 * (depth < MAX_NEST ? depth : MAX_NEST), "", false};
		switch (n->type) {
		case MD_HEADING: {
			buf_t t = BUF_INIT;
			plain_text(&t, n);
			if (n->level <= 1)
				part_heading(b, t.ptr);
			else
				heading(b, n->level > 4 ? 4 : n->level, t.ptr, n->level == 2 ? 2 : 0);
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
			n = n->first;
			continue;
		}
		while (n != doc && !n->next) {
			n = n->parent;
			depth -= n != doc && (n->type == MD_ITEM || n->type == MD_BLOCKQUOTE);
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
	pdf_paragraph(f, sp.s, sp.n, &st);
	sp_free(&sp);
	sp_text(&sp, T(b, &p->subtitle), F_BOLD, th->section + 2, th->ink);
	st.after = th->body * 2.5;
	pdf_paragraph(f, sp.s, sp.n, &st);
	sp_free(&sp);
	buf_t per = BUF_INIT;
	if (b->lang == LANG_JA)
		buf_printf(&per, "%s　%d年度～%d年度", W(b, L_PERIOD), p->period_from, p->period_to);
	else
		buf_printf(&per, "%s: FY%d–%d", W(b, L_PERIOD), p->period_from, p->period_to);
	sp_own(&sp, per.ptr, F_SANS, th->minor, th->muted);
	buf_free(&per);
	st.after = th->body * 4;
	pdf_paragraph(f, sp.s, sp.n, &st);
	sp_free(&sp);
	/* The explanatory paragraph, framed. */
	sp_text(&sp, T(b, &p->summary), F_BODY, th->body, th->ink);
	pdf_parstyle sst = style(th->leading, body_align(b), 0, 0);
	sst.indent = mw * 0.1 + th->body;
	sst.width = mw * 0.8 - 2 * th->body;
	double h = pdf_paragraph_height(f, sp.s, sp.n, &sst);
	op = pdf_add(f, 0, PDF_OP_RECT, th->g.left + mw * 0.1, f->y, mw * 0.8, h + 2 * th->body, NULL);
	op->stroke = true, op->rgb = th->accent, op->line_width = 0.8;
	f->y += th->body;
	pdf_paragraph(f, sp.s, sp.n, &sst);
	sp_free(&sp);
	f->y = th->g.height * 0.82;
	sp_text(&sp, T(b, &p->publisher), F_BOLD, th->section + 3, th->ink);
	st.after = 0;
	pdf_paragraph(f, sp.s, sp.n, &st);
	sp_free(&sp);
}

/* The table of contents: parts and sections, with dot leaders and page
 * numbers, each entry a link to its heading. */
static void contents(book_t *b, pdf_flow *f, int offset)
{
	const theme_t *th = b->th;
	f->part = -1;
	pdf_new_page(f);
	spans_t sp = {0};
	sp_own(&sp, W(b, L_TOC), F_BOLD, th->part, th->accent);
	pdf_parstyle st = style(1.4, PDF_CENTER, 0, th->body * 2);
	pdf_paragraph(f, sp.s, sp.n, &st);
	sp_free(&sp);
	double mw = pdf_measure(f), numw = th->body * 3;
	for (int i = 0; i < b->nheads; i++) {
		const head_t *h = &b->heads[i];
		if (h->level > 2)
			continue;
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
		char num[16];
		snprintf(num, sizeof num, "%d", h->page + 1 + offset);
		double nw = pdf_width(b->m, F_SANS, size, num, strlen(num));
		double right = th->g.left + mw;
		pdf_op *op = pdf_add(f, page, PDF_OP_TEXT, right - nw, base, nw, 0, num);
		op->font = F_SANS, op->size = size, op->rgb = th->ink;
		if (right - nw - 6 > end + 6) {
			op = pdf_add(f, page, PDF_OP_LINE, end + 4, base - 1, right - nw - end - 8, 0, NULL);
			op->stroke = true, op->rgb = th->muted, op->dash = 2, op->line_width = 0.8;
		}
		buf_t link = BUF_INIT;
		buf_printf(&link, "#%s", h->dest);
		pdf_add(f, page, PDF_OP_LINK, th->g.left, w.page == page ? w.y : th->g.top, mw,
			f->y - (w.page == page ? w.y : th->g.top), link.ptr);
		buf_free(&link);
	}
}

/* Running header (the part) and footer (the page number) of every page
 * after the cover; the page that opens a part has no header. */
static void furniture(book_t *b, pdf_flow *f, int first_number, bool body)
{
	const theme_t *th = b->th;
	for (int i = 0; i < f->npages; i++) {
		int number = first_number + i;
		if (number <= 1)
			continue;
		char num[16];
		snprintf(num, sizeof num, "%d", number);
		double size = th->small;
		double w = pdf_width(b->m, F_SANS, size, num, strlen(num));
		double y = th->g.height - th->g.bottom * 0.45;
		pdf_op *op = pdf_add(f, i, PDF_OP_TEXT, (th->g.width - w) / 2, y, w, 0, num);
		op->font = F_SANS, op->size = size, op->rgb = th->muted;
		int part = f->pages[i].part;
		if (!body || part < 0 || part >= b->nparts || b->part_page[part] == i)
			continue;
		/* A part title longer than the measure is shortened with "…". */
		buf_t t = BUF_INIT;
		buf_puts(&t, b->parts[part]);
		double mw = pdf_measure(f), tw;
		while ((tw = pdf_width(b->m, F_SANS, size, t.ptr, t.len)) > mw && t.len > 0) {
			size_t cut = t.len - 1;
			if (t.len >= 3 && strcmp(t.ptr + t.len - 3, "…") == 0)
				cut = t.len - 4;
			while (cut > 0 && (t.ptr[cut] & 0xC0) == 0x80)
				cut--;
			t.len = cut;
			t.ptr[cut] = '\0';
			buf_puts(&t, "…");
		}
		double hy = th->g.top * 0.55;
		op = pdf_add(f, i, PDF_OP_TEXT, th->g.width - th->g.right - tw, hy, tw, 0, t.ptr);
		buf_free(&t);
		op->font = F_SANS, op->size = size, op->rgb = th->muted;
		op = pdf_add(f, i, PDF_OP_LINE, th->g.left, hy + size * 0.5, th->g.width - th->g.left - th->g.right, 0,
			     NULL);
		op->stroke = true, op->rgb = th->rule, op->line_width = 0.4;
	}
}

/* ---- drawing with libharu ---------------------------------------------- */

typedef struct {
	HPDF_Doc pdf;
	HPDF_STATUS error;
	HPDF_STATUS detail;
	const char *name[F_COUNT];
	HPDF_FontDef def[F_COUNT];
	HPDF_Font font[F_COUNT];
	int file_of[F_COUNT]; /* roles sharing a file share a font */
	bool *used[F_COUNT];  /* per BMP code point: drawn in this font */
	HPDF_TTF_CmapRange saved[F_COUNT];
	bool swapped[F_COUNT];
	void *cmap_mem[F_COUNT][4];
	HPDF_Page *pages;
	int npages;
	double height;
} hdoc_t;

static void hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	hdoc_t *d = data;
	if (!d->error)
		d->error = error, d->detail = detail;
}

static int hpdf_advance(void *ctx, int font, uint32_t cp)
{
	hdoc_t *d = ctx;
	if (font < 0 || font >= F_COUNT)
		font = F_BODY;
	return HPDF_TTFontDef_GetCharWidth(d->def[font], (HPDF_UNICODE)cp);
}

static void mark_used(hdoc_t *d, int font, const char *s)
{
	if (font < 0 || font >= F_COUNT)
		font = F_BODY;
	font = d->file_of[font];
	size_t len = strlen(s), i = 0;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (!n)
			n = 1, cp = '?';
		if (cp <= 0xFFFF)
			d->used[font][cp] = true;
		i += (size_t)n;
	}
}

static void collect_used(hdoc_t *d, const pdf_flow *f)
{
	for (int p = 0; p < f->npages; p++)
		for (int i = 0; i < f->pages[p].nops; i++) {
			const pdf_op *op = &f->pages[p].ops[i];
			if (op->kind == PDF_OP_TEXT && op->text)
				mark_used(d, op->font, op->text);
			if (op->kind == PDF_OP_FIG && op->fig) {
				const fig_t *fg = op->fig;
				for (int k = 0; k < fg->nshapes; k++)
					if (fg->shapes[k].kind == SHAPE_TEXT && fg->shapes[k].text)
						mark_used(d, fg->shapes[k].bold ? F_BOLD : F_SANS, fg->shapes[k].text);
			}
		}
}

/* Gives the font a character map of only the characters drawn in it.
 * libharu builds a font's glyph map by looking up every BMP code point in
 * the font's cmap, one linear search over its ~5,000 ranges each; with a
 * map of the few hundred characters used, that costs little.  The font
 * file embedded is not changed: its own cmap is copied as it is. */
static void reduce_cmap(hdoc_t *d, int font)
{
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)d->def[font]->attr;
	bool *used = d->used[font];
	int n = 0;
	for (uint32_t cp = 0; cp < 0xFFFF; cp++)
		n += used[cp];
	HPDF_UINT16 *end = xmalloc(((size_t)n + 1) * sizeof *end), *start = xmalloc(((size_t)n + 1) * sizeof *start);
	HPDF_INT16 *delta = xmalloc(((size_t)n + 1) * sizeof *delta);
	HPDF_UINT16 *range = xcalloc((size_t)n + 1, sizeof *range);
	int segs = 0;
	HPDF_UINT16 last_gid = 0;
	for (uint32_t cp = 0; cp < 0xFFFF; cp++) {
		if (!used[cp])
			continue;
		HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(d->def[font], (HPDF_UINT16)cp);
		if (gid == 0) {
			used[cp] = false; /* not in the font: nothing to map */
			if (cp > ' ')
				diag_warning(POS_NONE, "the font %s has no glyph for U+%04X: it is printed as a blank",
					     d->name[font], (unsigned)cp);
			continue;
		}
		/* Consecutive characters with consecutive glyphs share a range. */
		if (segs && (uint32_t)end[segs - 1] + 1 == cp && last_gid + 1 == gid) {
			end[segs - 1] = (HPDF_UINT16)cp;
		} else {
			start[segs] = end[segs] = (HPDF_UINT16)cp;
			delta[segs] = (HPDF_INT16)(HPDF_UINT16)(gid - cp);
			segs++;
		}
		last_gid = gid;
	}
	start[segs] = end[segs] = 0xFFFF;
	delta[segs] = 1;
	segs++;
	d->saved[font] = attr->cmap;
	d->swapped[font] = true;
	attr->cmap.end_count = end;
	attr->cmap.start_count = start;
	attr->cmap.id_delta = delta;
	attr->cmap.id_range_offset = range;
	attr->cmap.seg_count_x2 = (HPDF_UINT16)(segs * 2);
	d->cmap_mem[font][0] = end, d->cmap_mem[font][1] = start, d->cmap_mem[font][2] = delta;
	d->cmap_mem[font][3] = range;
}

static void restore_cmaps(hdoc_t *d)
{
	for (int f = 0; f < F_COUNT; f++) {
		if (d->swapped[f]) {
			((HPDF_TTFontDefAttr)d->def[f]->attr)->cmap = d->saved[f];
			d->swapped[f] = false;
		}
		for (int k = 0; k < 4; k++) {
			free(d->cmap_mem[f][k]);
			d->cmap_mem[f][k] = NULL;
		}
	}
}

/* libharu 2.3.0 writes its encoding CMap as the font's ToUnicode map, which
 * is not a valid one (pdftotext: "Invalid 'begincidrange' operator").  With
 * the UTF-8 encoder a character's code is its Unicode value, so the right
 * map lists each character used as mapping to itself. */
static void fix_tounicode(hdoc_t *d, int font)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)d->font[font]->attr;
	HPDF_Dict cmap = attr->cmap_stream;
	if (!cmap || !cmap->stream)
		return;
	HPDF_MemStream_FreeData(cmap->stream);
	/* The entries of an encoding CMap that a ToUnicode stream has not.
	 * Removing a missing one is not an error here: libharu records it as
	 * one, so it is cleared. */
	static const char *const drop[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
	for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
		if (HPDF_Dict_RemoveElement(cmap, drop[i]) != HPDF_OK)
			HPDF_ResetError(d->pdf);
	buf_t s = BUF_INIT;
	buf_puts(&s, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		     "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	const bool *used = d->used[font];
	uint32_t cp = 0;
	for (;;) {
		int n = 0;
		uint32_t from = cp;
		for (uint32_t c = from; c < 0xFFFF && n < 100; c++)
			if (used[c])
				n++;
		if (!n)
			break;
		buf_printf(&s, "%d beginbfchar\n", n);
		int k = 0;
		for (cp = from; cp < 0xFFFF && k < n; cp++)
			if (used[cp]) {
				buf_printf(&s, "<%04X> <%04X>\n", (unsigned)cp, (unsigned)cp);
				k++;
			}
		buf_puts(&s, "endbfchar\n");
	}
	buf_puts(&s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)s.ptr, (HPDF_UINT)s.len);
	buf_free(&s);
}

static void set_rgb_fill(HPDF_Page pg, pdf_rgb c)
{
	HPDF_Page_SetRGBFill(pg, c.r / 255.0f, c.g / 255.0f, c.b / 255.0f);
}

static void set_rgb_stroke(HPDF_Page pg, pdf_rgb c)
{
	HPDF_Page_SetRGBStroke(pg, c.r / 255.0f, c.g / 255.0f, c.b / 255.0f);
}

static void set_fig_fill(HPDF_Page pg, fig_rgb c)
{
	HPDF_Page_SetRGBFill(pg, c.r / 255.0f, c.g / 255.0f, c.b / 255.0f);
}

static void set_fig_stroke(HPDF_Page pg, fig_rgb c)
{
	HPDF_Page_SetRGBStroke(pg, c.r / 255.0f, c.g / 255.0f, c.b / 255.0f);
}

static void set_dash(HPDF_Page pg, int dash, double scale)
{
	if (dash > 0) {
		HPDF_UINT16 d = (HPDF_UINT16)fmax(1, round(dash * scale));
		HPDF_UINT16 pat[2] = {d, d};
		HPDF_Page_SetDash(pg, pat, 2, 0);
	} else {
		HPDF_Page_SetDash(pg, NULL, 0, 0);
	}
}

/* The shape's outline as the current path (page coordinates). */
static void fig_path(HPDF_Page pg, const fig_shape *s, double ox, double oy, double sc, double H)
{
#define X(v) ((HPDF_REAL)(ox + (v) * sc))
#define Y(v) ((HPDF_REAL)(H - (oy + (v) * sc)))
	switch (s->kind) {
	case SHAPE_RECT:
		HPDF_Page_Rectangle(pg, X(s->x), Y(s->y + s->h), (HPDF_REAL)(s->w * sc), (HPDF_REAL)(s->h * sc));
		break;
	case SHAPE_CIRCLE:
		HPDF_Page_Circle(pg, X(s->x), Y(s->y), (HPDF_REAL)(s->r * sc));
		break;
	case SHAPE_LINE:
		HPDF_Page_MoveTo(pg, X(s->x), Y(s->y));
		HPDF_Page_LineTo(pg, X(s->x2), Y(s->y2));
		break;
	case SHAPE_POLYLINE:
	case SHAPE_POLYGON:
		for (int k = 0; k < s->npts; k++) {
			if (k == 0)
				HPDF_Page_MoveTo(pg, X(s->pts[0]), Y(s->pts[1]));
			else
				HPDF_Page_LineTo(pg, X(s->pts[2 * k]), Y(s->pts[2 * k + 1]));
		}
		if (s->kind == SHAPE_POLYGON && s->npts)
			HPDF_Page_ClosePath(pg);
		break;
	case SHAPE_TEXT:
		break;
	}
}

/* Hatching or dots over a filled shape, so that the fill does not carry
 * its meaning by colour alone (the same patterns as the website's SVG). */
static void draw_pattern(HPDF_Page pg, const fig_shape *s, double ox, double oy, double sc, double H)
{
	if (s->kind != SHAPE_RECT && s->kind != SHAPE_CIRCLE && s->kind != SHAPE_POLYGON)
		return;
	fig_rgb c = s->stroke ? s->stroke_rgb : FIG_INK;
	double x0, y0, x1, y1;
	if (s->kind == SHAPE_RECT)
		x0 = s->x, y0 = s->y, x1 = s->x + s->w, y1 = s->y + s->h;
	else if (s->kind == SHAPE_CIRCLE)
		x0 = s->x - s->r, y0 = s->y - s->r, x1 = s->x + s->r, y1 = s->y + s->r;
	else {
		x0 = y0 = 1e9, x1 = y1 = -1e9;
		for (int k = 0; k < s->npts; k++) {
			x0 = fmin(x0, s->pts[2 * k]), x1 = fmax(x1, s->pts[2 * k]);
			y0 = fmin(y0, s->pts[2 * k + 1]), y1 = fmax(y1, s->pts[2 * k + 1]);
		}
	}
	HPDF_Page_GSave(pg);
	fig_path(pg, s, ox, oy, sc, H);
	HPDF_Page_Clip(pg);
	HPDF_Page_EndPath(pg);
	const double step = 6;
	/* A bar too small for a dot (a value of 0) or with a negative size
	 * gets no mark, and painting no path is a libharu error that fails
	 * the whole booklet. */
	int marks = 0;
	if (s->pattern == PATTERN_HATCH) {
		set_fig_stroke(pg, c);
		HPDF_Page_SetLineWidth(pg, (HPDF_REAL)(1.2 * sc));
		HPDF_Page_SetDash(pg, NULL, 0, 0);
		for (double t = x0 - (y1 - y0); t < x1 + step; t += step, marks++) {
			HPDF_Page_MoveTo(pg, X(t), Y(y1));
			HPDF_Page_LineTo(pg, X(t + (y1 - y0)), Y(y0));
		}
		if (marks)
			HPDF_Page_Stroke(pg);
	} else {
		set_fig_fill(pg, c);
		for (double y = y0 + step / 2; y < y1; y += step)
			for (double x = x0 + step / 2; x < x1; x += step, marks++)
				HPDF_Page_Circle(pg, X(x), Y(y), (HPDF_REAL)(1.2 * sc));
		if (marks)
			HPDF_Page_Fill(pg);
	}
	HPDF_Page_GRestore(pg);
}

static void draw_fig(hdoc_t *d, pdf_metrics *m, HPDF_Page pg, const fig_t *f, double ox, double oy, double sc)
{
	double H = d->height;
	for (int i = 0; i < f->nshapes; i++) {
		const fig_shape *s = &f->shapes[i];
		if (s->kind == SHAPE_TEXT) {
			if (!s->text || !*s->text)
				continue;
			int font = s->bold ? F_BOLD : F_SANS;
			double size = s->size * sc;
			double w = pdf_width(m, font, size, s->text, strlen(s->text));
			double x = ox + s->x * sc;
			if (s->anchor == ANCHOR_MIDDLE)
				x -= w / 2;
			else if (s->anchor == ANCHOR_END)
				x -= w;
			HPDF_Page_BeginText(pg);
			HPDF_Page_SetFontAndSize(pg, d->font[font], (HPDF_REAL)size);
			HPDF_Page_SetCharSpace(pg, 0);
			set_fig_fill(pg, s->fill_rgb);
			HPDF_Page_TextOut(pg, (HPDF_REAL)x, (HPDF_REAL)(H - (oy + s->y * sc)), s->text);
			HPDF_Page_EndText(pg);
			continue;
		}
		bool closed = s->kind == SHAPE_RECT || s->kind == SHAPE_CIRCLE || s->kind == SHAPE_POLYGON;
		bool fill = s->fill && closed, stroke = s->stroke;
		if (fill || stroke) {
			if (fill)
				set_fig_fill(pg, s->fill_rgb);
			if (stroke) {
				set_fig_stroke(pg, s->stroke_rgb);
				HPDF_Page_SetLineWidth(pg, (HPDF_REAL)(s->stroke_width * sc));
				set_dash(pg, s->dash, sc);
			}
			fig_path(pg, s, ox, oy, sc, H);
			if (fill && stroke && s->pattern == PATTERN_NONE)
				HPDF_Page_FillStroke(pg);
			else if (fill)
				HPDF_Page_Fill(pg);
			else
				HPDF_Page_Stroke(pg);
		}
		if (s->pattern != PATTERN_NONE) {
			draw_pattern(pg, s, ox, oy, sc, H);
			if (stroke) {
				/* The outline over the pattern. */
				set_fig_stroke(pg, s->stroke_rgb);
				HPDF_Page_SetLineWidth(pg, (HPDF_REAL)(s->stroke_width * sc));
				set_dash(pg, s->dash, sc);
				fig_path(pg, s, ox, oy, sc, H);
				HPDF_Page_Stroke(pg);
			}
		}
	}
	HPDF_Page_SetDash(pg, NULL, 0, 0);
#undef X
#undef Y
}

static void draw_page(hdoc_t *d, pdf_metrics *m, HPDF_Page pg, const pdf_page *page)
{
	double H = d->height;
	/* Graphics first, text over them. */
	for (int i = 0; i < page->nops; i++) {
		const pdf_op *op = &page->ops[i];
		switch (op->kind) {
		case PDF_OP_RECT:
			if (op->fill)
				set_rgb_fill(pg, op->rgb);
			if (op->stroke) {
				set_rgb_stroke(pg, op->fill ? op->line : op->rgb);
				HPDF_Page_SetLineWidth(pg, (HPDF_REAL)op->line_width);
				set_dash(pg, op->dash, 1);
			}
			HPDF_Page_Rectangle(pg, (HPDF_REAL)op->x, (HPDF_REAL)(H - op->y - op->h), (HPDF_REAL)op->w,
					    (HPDF_REAL)op->h);
			if (op->fill && op->stroke)
				HPDF_Page_FillStroke(pg);
			else if (op->fill)
				HPDF_Page_Fill(pg);
			else
				HPDF_Page_Stroke(pg);
			if (op->dash)
				HPDF_Page_SetDash(pg, NULL, 0, 0);
			break;
		case PDF_OP_LINE:
			set_rgb_stroke(pg, op->rgb);
			HPDF_Page_SetLineWidth(pg, (HPDF_REAL)op->line_width);
			set_dash(pg, op->dash, 1);
			HPDF_Page_MoveTo(pg, (HPDF_REAL)op->x, (HPDF_REAL)(H - op->y));
			HPDF_Page_LineTo(pg, (HPDF_REAL)(op->x + op->w), (HPDF_REAL)(H - op->y - op->h));
			HPDF_Page_Stroke(pg);
			if (op->dash)
				HPDF_Page_SetDash(pg, NULL, 0, 0);
			break;
		case PDF_OP_FIG:
			draw_fig(d, m, pg, op->fig, op->x, op->y, op->size);
			break;
		default:
			break;
		}
	}
	bool in_text = false;
	int font = -1;
	double size = -1, cs = 0;
	pdf_rgb rgb = {1, 2, 3};
	bool rgb_set = false;
	for (int i = 0; i < page->nops; i++) {
		const pdf_op *op = &page->ops[i];
		if (op->kind != PDF_OP_TEXT || !op->text || !*op->text)
			continue;
		if (!in_text) {
			HPDF_Page_BeginText(pg);
			in_text = true;
		}
		int f = op->font >= 0 && op->font < F_COUNT ? op->font : F_BODY;
		if (f != font || op->size != size) {
			HPDF_Page_SetFontAndSize(pg, d->font[f], (HPDF_REAL)op->size);
			font = f, size = op->size;
		}
		if (op->char_space != cs) {
			HPDF_Page_SetCharSpace(pg, (HPDF_REAL)op->char_space);
			cs = op->char_space;
		}
		if (!rgb_set || memcmp(&rgb, &op->rgb, sizeof rgb) != 0) {
			set_rgb_fill(pg, op->rgb);
			rgb = op->rgb, rgb_set = true;
		}
		HPDF_Page_TextOut(pg, (HPDF_REAL)op->x, (HPDF_REAL)(H - op->y), op->text);
	}
	if (in_text)
		HPDF_Page_EndText(pg);
}

typedef struct {
	const char *name;
	int page;
	double y;
} dest_t;

static int cmp_dest(const void *a, const void *b)
{
	return strcmp(((const dest_t *)a)->name, ((const dest_t *)b)->name);
}

static HPDF_Destination make_dest(hdoc_t *d, int page, double y)
{
	/* [page /XYZ 0 top null]: the reader's zoom is kept (libharu's
	 * HPDF_Destination_SetXYZ refuses a null zoom). */
	HPDF_Destination dst = HPDF_Page_CreateDestination(d->pages[page]);
	HPDF_Array_Clear(dst);
	HPDF_Array_Add(dst, d->pages[page]);
	HPDF_Array_AddName(dst, "XYZ");
	HPDF_Array_AddReal(dst, 0);
	HPDF_Array_AddReal(dst, (HPDF_REAL)fmin(d->height, d->height - y + 4));
	HPDF_Array_Add(dst, HPDF_Null_New(d->pdf->mmgr));
	return dst;
}

/* Links to places inside the booklet (dropped when the place does not
 * exist: plain text then) and to web addresses. */
static void add_links(hdoc_t *d, pdf_flow *const *flows, const int *first, int nflows)
{
	int ndest = 0, cap = 64;
	dest_t *dests = xmalloc((size_t)cap * sizeof *dests);
	for (int fl = 0; fl < nflows; fl++)
		for (int p = 0; p < flows[fl]->npages; p++)
			for (int i = 0; i < flows[fl]->pages[p].nops; i++) {
				const pdf_op *op = &flows[fl]->pages[p].ops[i];
				if (op->kind != PDF_OP_DEST)
					continue;
				if (ndest == cap)
					dests = xrealloc(dests, (size_t)(cap *= 2) * sizeof *dests);
				dests[ndest++] = (dest_t){op->text, first[fl] + p, op->y};
			}
	qsort(dests, (size_t)ndest, sizeof *dests, cmp_dest);
	for (int fl = 0; fl < nflows; fl++)
		for (int p = 0; p < flows[fl]->npages; p++)
			for (int i = 0; i < flows[fl]->pages[p].nops; i++) {
				const pdf_op *op = &flows[fl]->pages[p].ops[i];
				if (op->kind != PDF_OP_LINK || !op->text)
					continue;
				HPDF_Page pg = d->pages[first[fl] + p];
				HPDF_Rect r = {(HPDF_REAL)op->x, (HPDF_REAL)(d->height - op->y - op->h),
					       (HPDF_REAL)(op->x + op->w), (HPDF_REAL)(d->height - op->y)};
				HPDF_Annotation an = NULL;
				if (op->text[0] == '#') {
					dest_t key = {op->text + 1, 0, 0};
					const dest_t *to = bsearch(&key, dests, (size_t)ndest, sizeof *dests, cmp_dest);
					if (to)
						an = HPDF_Page_CreateLinkAnnot(pg, r, make_dest(d, to->page, to->y));
				} else {
					an = HPDF_Page_CreateURILinkAnnot(pg, r, op->text);
				}
				if (an)
					HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
			}
	free(dests);
}

/* The date written into the document: SOURCE_DATE_EPOCH when set (the
 * reproducible-builds convention), else the first day of the revision's
 * month.  Never the clock. */
static HPDF_Date doc_date(const plan_t *p)
{
	HPDF_Date dt = {2000, 1, 1, 0, 0, 0, 'Z', 0, 0};
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end = NULL;
	long long secs = sde ? strtoll(sde, &end, 10) : -1;
	if (sde && end && !*end && secs >= 0) {
		time_t t = (time_t)secs;
		struct tm tm;
		if (gmtime_r(&t, &tm)) {
			dt.year = tm.tm_year + 1900, dt.month = tm.tm_mon + 1, dt.day = tm.tm_mday;
			dt.hour = tm.tm_hour, dt.minutes = tm.tm_min, dt.seconds = tm.tm_sec;
			return dt;
		}
	}
	const yearmonth_t *ym = p->revised.year ? &p->revised : &p->adopted;
	if (ym->year > 0 && ym->month >= 1 && ym->month <= 12)
		dt.year = ym->year, dt.month = ym->month;
	return dt;
}

/* ---- one booklet ------------------------------------------------------- */

static void book_free(book_t *b)
{
	pdf_flow_free(&b->body);
	pdf_flow_free(&b->front);
	for (int i = 0; i < b->nheads; i++) {
		free(b->heads[i].title);
		free(b->heads[i].dest);
	}
	free(b->heads);
	for (int i = 0; i < b->nparts; i++)
		free(b->parts[i]);
	free(b->parts);
	free(b->part_page);
	for (int i = 0; i < b->nfigs; i++)
		fig_free(b->figs[i]);
	free(b->figs);
}

static bool write_booklet(const plan_t *p, const theme_t *th, const fontfile_t *files, lang_t lang, outdir_t *out)
{
	hdoc_t d;
	memset(&d, 0, sizeof d);
	d.height = th->g.height;
	d.pdf = HPDF_New(hpdf_error, &d);
	if (!d.pdf) {
		diag_fatal("cannot start a PDF document (out of memory)");
		return false;
	}
	HPDF_SetCompressionMode(d.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(d.pdf);
	HPDF_SetCurrentEncoder(d.pdf, "UTF-8");
	/* Each font file once, however many roles use it. */
	for (int r = 0; r < F_COUNT; r++) {
		d.file_of[r] = r;
		for (int q = 0; q < r; q++)
			if (strcmp(files[q].path, files[r].path) == 0 && files[q].index == files[r].index) {
				d.file_of[r] = d.file_of[q];
				break;
			}
		if (d.file_of[r] != r) {
			d.name[r] = d.name[d.file_of[r]];
			d.def[r] = d.def[d.file_of[r]];
			continue;
		}
		const char *path = files[r].path;
		size_t len = strlen(path);
		bool ttc = len > 4 && strcasecmp(path + len - 4, ".ttc") == 0;
		d.name[r] = ttc ? HPDF_LoadTTFontFromFile2(d.pdf, path, (HPDF_UINT)files[r].index, HPDF_TRUE)
				: HPDF_LoadTTFontFromFile(d.pdf, path, HPDF_TRUE);
		d.def[r] = d.name[r] ? HPDF_GetFontDef(d.pdf, d.name[r]) : NULL;
		if (!d.def[r]) {
			diag_fatal("cannot load the font \"%s\" (libharu error 0x%04X)", path, (unsigned)d.error);
			diag_hint("libharu embeds TrueType fonts with glyph outlines; choose such a family in print.yaml");
			HPDF_Free(d.pdf);
			return false;
		}
		d.used[r] = xcalloc(0x10000, sizeof *d.used[r]);
	}
	pdf_metrics m;
	pdf_metrics_init(&m, hpdf_advance, &d);

	book_t b;
	memset(&b, 0, sizeof b);
	b.p = p, b.lang = lang, b.th = th, b.m = &m;
	bool cjk = lang == LANG_JA;
	pdf_flow_init(&b.body, &th->g, &m, cjk);
	for (int c = 0; c < p->nchapters; c++) {
		const md_node *doc = p->chapters[c].doc[lang] ? p->chapters[c].doc[lang] : p->chapters[c].doc[LANG_JA];
		if (doc)
			render_doc(&b, doc, 0);
	}
	if (!b.body.npages)
		pdf_new_page(&b.body);
	locate_heads(&b);
	/* The front matter needs the body's page numbers, which need its
	 * length: lay it out until the count of its pages settles. */
	int nfront = 2;
	for (int pass = 0; pass < 3; pass++) {
		pdf_flow_free(&b.front);
		pdf_flow_init(&b.front, &th->g, &m, cjk);
		cover(&b, &b.front);
		contents(&b, &b.front, nfront);
		if (b.front.npages == nfront)
			break;
		nfront = b.front.npages;
	}
	b.nfront = b.front.npages;
	furniture(&b, &b.front, 1, false);
	furniture(&b, &b.body, b.nfront + 1, true);

	/* Every character is known now: fonts with small maps. */
	collect_used(&d, &b.front);
	collect_used(&d, &b.body);
	for (int r = 0; r < F_COUNT; r++)
		if (d.file_of[r] == r)
			reduce_cmap(&d, r);
	for (int r = 0; r < F_COUNT; r++)
		d.font[r] = d.file_of[r] == r ? HPDF_GetFont(d.pdf, d.name[r], "UTF-8") : NULL;
	for (int r = 0; r < F_COUNT; r++)
		if (d.file_of[r] != r)
			d.font[r] = d.font[d.file_of[r]];

	d.npages = b.nfront + b.body.npages;
	d.pages = xcalloc((size_t)d.npages, sizeof *d.pages);
	for (int i = 0; i < d.npages && !d.error; i++) {
		d.pages[i] = HPDF_AddPage(d.pdf);
		HPDF_Page_SetWidth(d.pages[i], (HPDF_REAL)th->g.width);
		HPDF_Page_SetHeight(d.pages[i], (HPDF_REAL)th->g.height);
	}
	for (int i = 0; i < b.front.npages && !d.error; i++)
		draw_page(&d, &m, d.pages[i], &b.front.pages[i]);
	for (int i = 0; i < b.body.npages && !d.error; i++)
		draw_page(&d, &m, d.pages[b.nfront + i], &b.body.pages[i]);
	if (!d.error) {
		pdf_flow *flows[2] = {&b.front, &b.body};
		int first[2] = {0, b.nfront};
		add_links(&d, flows, first, 2);
	}
	/* Bookmarks: parts, their sections, and the policies and measures. */
	HPDF_Encoder enc = HPDF_GetEncoder(d.pdf, "UTF-8");
	HPDF_Outline parent[4] = {NULL, NULL, NULL, NULL};
	for (int i = 0; i < b.nheads && !d.error; i++) {
		const head_t *h = &b.heads[i];
		int lv = h->level < 1 ? 1 : h->level > 3 ? 3 : h->level;
		HPDF_Outline up = parent[lv - 1];
		for (int k = lv - 1; k > 0 && !up; k--)
			up = parent[k - 1];
		HPDF_Outline o = HPDF_CreateOutline(d.pdf, up, h->title, enc);
		HPDF_Outline_SetOpened(o, lv == 1 ? HPDF_TRUE : HPDF_FALSE);
		HPDF_Outline_SetDestination(o, make_dest(&d, b.nfront + h->page, h->y));
		parent[lv] = o;
		for (int k = lv + 1; k < 4; k++)
			parent[k] = NULL;
	}
	HPDF_SetPageMode(d.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	HPDF_AddPageLabel(d.pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);

	/* Document information, in UTF-8, and the language. */
	buf_t title = BUF_INIT;
	buf_printf(&title, "%s %s", text_get(&p->title, lang), text_get(&p->subtitle, lang));
	HPDF_SetInfoAttr(d.pdf, HPDF_INFO_TITLE, title.ptr);
	buf_free(&title);
	HPDF_SetInfoAttr(d.pdf, HPDF_INFO_AUTHOR, text_get(&p->publisher, lang));
	HPDF_SetInfoAttr(d.pdf, HPDF_INFO_SUBJECT, text_get(&p->subtitle, lang));
	HPDF_SetInfoAttr(d.pdf, HPDF_INFO_CREATOR, "plangen");
	HPDF_Date dt = doc_date(p);
	HPDF_SetInfoDateAttr(d.pdf, HPDF_INFO_CREATION_DATE, dt);
	HPDF_SetInfoDateAttr(d.pdf, HPDF_INFO_MOD_DATE, dt);
	HPDF_Dict_Add(d.pdf->catalog, "Lang", HPDF_String_New(d.pdf->mmgr, lang == LANG_JA ? "ja" : "en", NULL));
	for (int r = 0; r < F_COUNT; r++)
		if (d.file_of[r] == r && d.font[r])
			fix_tounicode(&d, r);

	bool ok = !d.error && HPDF_SaveToStream(d.pdf) == HPDF_OK;
	if (ok) {
		HPDF_UINT32 size = HPDF_GetStreamSize(d.pdf);
		char *data = xmalloc(size + 1);
		HPDF_UINT32 got = size;
		HPDF_ResetStream(d.pdf);
		ok = HPDF_ReadFromStream(d.pdf, (HPDF_BYTE *)data, &got) <= HPDF_STREAM_EOF && got == size;
		if (ok)
			ok = out_write(out, lang == LANG_JA ? "downloads/plan-ja.pdf" : "downloads/plan-en.pdf", data, size);
		free(data);
	}
	if (d.error) {
		diag_fatal("cannot make the %s PDF: libharu error 0x%04X (detail %u)",
			   lang == LANG_JA ? "Japanese" : "English", (unsigned)d.error, (unsigned)d.detail);
		ok = false;
	}
	restore_cmaps(&d);
	HPDF_Free(d.pdf);
	for (int r = 0; r < F_COUNT; r++)
		free(d.used[r]);
	free(d.pages);
	book_free(&b);
	pdf_metrics_fini(&m);
	return ok;
}

bool out_pdf(const plan_t *p, const char *theme, outdir_t *out)
{
	theme_t th;
	if (!theme_load(&th, theme)) {
		theme_free(&th);
		return false;
	}
	FcConfig *cfg = FcInitLoadConfigAndFonts();
	if (!cfg) {
		diag_fatal("cannot read the fontconfig configuration");
		theme_free(&th);
		return false;
	}
	bool ok = true;
	fontfile_t files[LANG_COUNT][F_COUNT];
	memset(files, 0, sizeof files);
	for (int l = 0; l < LANG_COUNT && ok; l++)
		for (int r = 0; r < F_COUNT && ok; r++)
			ok = font_find(cfg, th.family[l][r], r == F_BOLD, &files[l][r]);
	FcConfigDestroy(cfg);
	/* The booklets are independent: the English one is typeset in a child
	 * process while this one typesets the Japanese, which halves the time
	 * on two cores.  Each writes its own file; the output is the same. */
	fflush(stdout);
	fflush(stderr);
	/* PLANGEN_NO_FORK=1: both in this process, for fuzzers and debuggers,
	 * which see only this process. */
	const char *nofork = getenv("PLANGEN_NO_FORK");
	pid_t child = ok && !(nofork && *nofork && strcmp(nofork, "0") != 0) ? fork() : -1;
	if (child == 0) {
		int errors = diag_errors();
		bool child_ok = write_booklet(p, &th, files[LANG_EN], LANG_EN, out) && diag_errors() == errors;
		fflush(stderr);
		_exit(child_ok ? 0 : 1);
	}
	if (ok)
		ok = write_booklet(p, &th, files[LANG_JA], LANG_JA, out);
	if (child > 0) {
		int status = 0;
		if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			ok = false;
		/* A crash of the child would otherwise be a silent exit 2. */
		if (!ok && WIFSIGNALED(status))
			diag_fatal("the English booklet crashed (signal %d, %s); PLANGEN_NO_FORK=1 typesets it "
				   "in the main process for a debugger", WTERMSIG(status), strsignal(WTERMSIG(status)));
	} else if (ok) {
		ok = write_booklet(p, &th, files[LANG_EN], LANG_EN, out); /* no fork: one after the other */
	}
	/* A missing font or a library failure is the machine's problem, not
	 * the content's: exit status 2. */
	if (!ok)
		out->failed = true;
	for (int l = 0; l < LANG_COUNT; l++)
		for (int r = 0; r < F_COUNT; r++)
			free(files[l][r].path);
	theme_free(&th);
	return ok;
}
