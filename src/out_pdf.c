/* out_pdf.c — the plan as print-ready PDF booklets (libharu), one per
 * language: downloads/plan-ja.pdf and downloads/plan-en.pdf.
 *
 * The only file that sees libharu; fonts.c has found the fonts the theme
 * names.  The work is done in three steps:
 *   1. pdf_book.c walks the model in the booklet's order and lays it out
 *      (pdf_layout.c) into pages of drawing operations: the body first,
 *      then the cover and the table of contents, which needs the body's
 *      pages; pdf_theme.c has read the print style;
 *   2. every character to be drawn is known, so each font gets a character
 *      map of just those (libharu otherwise looks up all 65,536 code points
 *      of every font, a tenth of a second each) and a correct ToUnicode map;
 *   3. the operations are drawn, figures through the same figure module
 *      the website uses, with links, bookmarks and document information.
 * Nothing depends on the clock: the dates come from SOURCE_DATE_EPOCH or
 * from the plan, so the same content gives byte-identical files. */
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
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
#include "fonts.h"
#include "hyph.h"
#include "pdf_book.h"
#include "pdf_pack.h"
#include "pdf_theme.h"
#include "utf8.h"

/* ---- drawing with libharu ---------------------------------------------- */

typedef struct {
	double x0, y0, x1, y1;
} seg_t;

typedef struct {
	HPDF_Doc pdf;
	HPDF_STATUS error;
	HPDF_STATUS detail;
	const char *name[F_COUNT];
	HPDF_FontDef def[F_COUNT];
	HPDF_TTF_CmapRange saved[F_COUNT]; /* the fonts' own cmaps, while direct_cmap's stand */
	bool swapped[F_COUNT];
	void *cmap_mem[F_COUNT][5];
	HPDF_Font font[F_COUNT];
	int file_of[F_COUNT]; /* roles sharing a file share a font */
	bool *used[F_COUNT];  /* per BMP code point: drawn in this font */
	HPDF_Page *pages;
	int npages;
	double height;
	const plan_t *plan;
	bool cjk;         /* the booklet's language is set by JLReq */
	bool press;       /* the press edition: CMYK, bleed and trim marks */
	double width;     /* the trimmed page being drawn (at_page) */
	double upright_w, upright_h; /* the print style's page */
	bool *turned;     /* per page: landscape (pdf_turn) */
	char doing[160];  /* the step under way, for a message if it fails */
	char failed[160]; /* the step during which the first error came */
	/* The tagged PDF: the book's structure, the marked content sequence
	 * open on the page being drawn (mc_open: none), and every sequence
	 * with an MCID, in the order drawn. */
	const pdf_struct *st;
	int mc;      /* the element whose sequence is open, PDF_ARTIFACT, or MC_NONE */
	int *nmcid;  /* per page: the MCIDs given */
	struct mcr {
		int elem, page, mcid, op; /* op: the first operation it marks, on its page */
	} *mcrs;
	int nmcrs, mcrcap;
	seg_t *segs; /* the lines of a path being drawn */
	int segcap;
	long tx, ty; /* the text line's start, in hundredths of a point (show_text) */
	struct objr { /* a link annotation, the content of a Link element */
		int elem;
		HPDF_Annotation annot;
	} *objrs;
	int nobjrs;
} hdoc_t;

enum { MC_NONE = -2 };

static void hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	hdoc_t *d = data;
	if (!d->error) {
		d->error = error, d->detail = detail;
		memcpy(d->failed, d->doing, sizeof d->failed);
	}
}

/* Says what the booklet is doing; a text is shortened to fit. */
static void doing(hdoc_t *d, const char *fmt, const char *arg)
{
	char cut[64];
	size_t n = arg ? strlen(arg) : 0;
	if (n > 40) {
		n = 40;
		while (n && ((unsigned char)arg[n] & 0xC0) == 0x80)
			n--;
	}
	snprintf(cut, sizeof cut, "%.*s%s", (int)n, arg ? arg : "", arg && strlen(arg) > n ? "…" : "");
	snprintf(d->doing, sizeof d->doing, fmt, cut);
}

/* libharu's errors said in plain words; the others by their number. */
static void report_hpdf(const hdoc_t *d, lang_t lang)
{
	static const struct {
		HPDF_STATUS code;
		const char *words;
	} known[] = {
		{HPDF_FAILD_TO_ALLOC_MEM, "the memory ran out"},
		{HPDF_FILE_IO_ERROR, "a font file could not be read"},
		{HPDF_FILE_OPEN_ERROR, "a font file could not be opened"},
		{HPDF_STRING_OUT_OF_RANGE, "a text is longer than PDF allows (65,535 bytes)"},
		{HPDF_REAL_OUT_OF_RANGE, "a number is beyond what PDF can hold"},
		{HPDF_PAGE_INVALID_FONT_SIZE, "a type size is out of range (see print.yaml)"},
		{HPDF_PAGE_INVALID_SIZE, "the page size is out of range (see print.yaml)"},
		{HPDF_TTF_CANNOT_EMBEDDING_FONT, "the font's licence does not allow embedding it"},
		{HPDF_TTF_INVALID_CMAP, "the font has no Unicode character map"},
		{HPDF_TTF_INVALID_FOMAT, "the font file is not a TrueType font"},
		{HPDF_TTF_MISSING_TABLE, "the font file lacks a table PDF needs"},
		{HPDF_UNSUPPORTED_FONT_TYPE, "the font is of a kind libharu cannot embed"},
		{HPDF_INVALID_URI, "a web address is not valid"},
		{HPDF_ZLIB_ERROR, "compressing the PDF failed"},
	};
	const char *words = NULL;
	for (size_t i = 0; i < sizeof known / sizeof *known && !words; i++)
		if (known[i].code == d->error)
			words = known[i].words;
	diag_fatal("cannot make the %s PDF: %s%s%s (libharu error 0x%04X)", _(plan_lang_name(d->plan, lang)),
		   words ? words : "the PDF library failed", d->failed[0] ? ", while " : "", d->failed,
		   (unsigned)d->error);
}

static void mark_used(hdoc_t *d, int font, const char *s)
{
	if (font < 0 || font >= F_COUNT)
		font = F_BODY;
	size_t len = strlen(s), i = 0;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (!n)
			n = 1, cp = '?';
		if (cp <= 0xFFFF)
			d->used[d->file_of[theme_face(font, cp)]][cp] = true;
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

/* Gives the font a character map that finds each character at once.
 * libharu looks up every BMP code point in it when it makes the font
 * (HPDF_GetFont), one linear search over its segments each, and a font
 * cut to the characters drawn has a segment per character (their glyphs
 * are in the font's order, not in Unicode's).  One segment from the first
 * character drawn to the last, through a glyph array (cmap format 4's
 * idRangeOffset), and the closing one, make every lookup a step or two.
 * Only libharu's lookups use it: the embedded font keeps its own cmap,
 * which restore_cmaps() puts back before libharu frees it. */
static void direct_cmap(hdoc_t *d, int font)
{
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)d->def[font]->attr;
	const bool *used = d->used[font];
	uint32_t lo = 0xFFFF, hi = 0;
	for (uint32_t cp = 0; cp < 0xFFFF; cp++)
		if (used[cp])
			lo = cp < lo ? cp : lo, hi = cp;
	if (lo > hi)
		return;
	HPDF_UINT16 *glyphs = xcalloc(hi - lo + 1, sizeof *glyphs);
	for (uint32_t cp = lo; cp <= hi; cp++)
		if (used[cp])
			glyphs[cp - lo] = HPDF_TTFontDef_GetGlyphid(d->def[font], (HPDF_UINT16)cp);
	HPDF_UINT16 *end = xmalloc(2 * sizeof *end), *start = xmalloc(2 * sizeof *start);
	HPDF_INT16 *delta = xcalloc(2, sizeof *delta);
	HPDF_UINT16 *range = xcalloc(2, sizeof *range);
	start[0] = (HPDF_UINT16)lo, end[0] = (HPDF_UINT16)hi;
	range[0] = 4; /* glyph array index: range/2 + (code - start) - (segments - 0) = code - start */
	start[1] = end[1] = 0xFFFF, delta[1] = 1;
	d->saved[font] = attr->cmap;
	d->swapped[font] = true;
	attr->cmap.end_count = end, attr->cmap.start_count = start, attr->cmap.id_delta = delta;
	attr->cmap.id_range_offset = range, attr->cmap.glyph_id_array = glyphs;
	attr->cmap.glyph_id_array_count = hi - lo + 1;
	attr->cmap.seg_count_x2 = 4;
	void *mem[5] = {end, start, delta, range, glyphs};
	memcpy(d->cmap_mem[font], mem, sizeof mem);
}

/* Leaves the character map out of the embedded font: a CIDFontType2 finds
 * its glyphs through the CIDToGIDMap, never through the font's cmap (ISO
 * 32000-1 9.7.4.2, 9.9), and the cmap of a font cut to a few hundred
 * scattered characters is a segment per character — 4 to 5 KB of each
 * compressed font.  libharu read it when it loaded the font; at saving it
 * copies the tables it needs from the file, found by their tags, and
 * writes one the font lacks as an empty table: renamed, the cmap is such a
 * table.
 *
 * libharu 2.3.0 cannot save a font whose tables add up to a multiple of
 * 4,096 bytes (its memory stream finds no block at the end, to seek to the
 * empty last table): a trial save tells, and such a font keeps its cmap,
 * which changes the sum. */
static bool font_saves(hdoc_t *d, int font)
{
	HPDF_Stream trial = HPDF_MemStream_New(d->pdf->mmgr, 65536);
	if (!trial)
		return false;
	HPDF_STATUS st = HPDF_TTFontDef_SaveFontData(d->def[font], trial);
	HPDF_Stream_Free(trial);
	if (st != HPDF_OK)
		HPDF_ResetError(d->pdf);
	return st == HPDF_OK;
}

static void rename_table(hdoc_t *d, int font, const char *from, const char *to)
{
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)d->def[font]->attr;
	for (int i = 0; i < attr->offset_tbl.num_tables; i++)
		if (memcmp(attr->offset_tbl.table[i].tag, from, 4) == 0)
			memcpy(attr->offset_tbl.table[i].tag, to, 4);
}

static void drop_cmap_table(hdoc_t *d, int font)
{
	rename_table(d, font, "cmap", "gone");
	if (!font_saves(d, font))
		rename_table(d, font, "gone", "cmap");
}

static void restore_cmaps(hdoc_t *d)
{
	for (int f = 0; f < F_COUNT; f++) {
		if (d->swapped[f]) {
			((HPDF_TTFontDefAttr)d->def[f]->attr)->cmap = d->saved[f];
			d->swapped[f] = false;
		}
		for (int k = 0; k < 5; k++) {
			free(d->cmap_mem[f][k]);
			d->cmap_mem[f][k] = NULL;
		}
	}
}

/* libharu 2.3.0 writes its encoding CMap as the font's ToUnicode map, which
 * is not a valid one (pdftotext: "Invalid 'begincidrange' operator").  With
 * the UTF-8 encoder a character's code is its Unicode value, so the right
 * map maps the codes used onto themselves. */
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
	/* Each block of 256 codes that holds a character used maps as a
	 * range onto itself: a few dozen lines instead of one per character. */
	const bool *used = d->used[font];
	int blocks[256], n = 0;
	for (int hi = 0; hi < 256; hi++) {
		bool any = false;
		for (int lo = 0; lo < 256 && !any && !(hi >= 0xD8 && hi <= 0xDF); lo++)
			any = used[hi << 8 | lo];
		if (any)
			blocks[n++] = hi;
	}
	for (int i = 0; i < n; i += 100) {
		int k = n - i < 100 ? n - i : 100;
		buf_printf(&s, "%d beginbfrange\n", k);
		for (int j = i; j < i + k; j++)
			buf_printf(&s, "<%02X00> <%02XFF> <%02X00>\n", blocks[j], blocks[j], blocks[j]);
		buf_puts(&s, "endbfrange\n");
	}
	buf_puts(&s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)s.ptr, (HPDF_UINT)s.len);
	buf_free(&s);
}

/* A length or coordinate in points, to a hundredth (3.5 µm): the page
 * streams stay short, so they compress faster and smaller. */
static HPDF_REAL pt(double v)
{
	return (HPDF_REAL)(round(v * 100) / 100);
}

/* A colour component, to a thousandth: still each of the 256 levels. */
static float level(float v)
{
	return roundf(v * 1000) / 1000;
}

/* Sets the fill or the stroke colour.  On screen RGB; in the press edition
 * CMYK (DeviceCMYK, no profile), a grey as black alone (K) so that text
 * prints in one ink, a colour by the plain conversion K = 1 − max(R, G,
 * B), C = (1 − R − K) / (1 − K), and so on. */
static void colour(const hdoc_t *d, HPDF_Page pg, bool stroke, unsigned r8, unsigned g8, unsigned b8)
{
	float r = r8 / 255.0f, g = g8 / 255.0f, b = b8 / 255.0f;
	if (!d->press) {
		/* Not again what libharu's graphics state already holds. */
		HPDF_RGBColor now = stroke ? HPDF_Page_GetRGBStroke(pg) : HPDF_Page_GetRGBFill(pg);
		HPDF_ColorSpace cs = stroke ? HPDF_Page_GetStrokingColorSpace(pg) : HPDF_Page_GetFillingColorSpace(pg);
		if (cs == HPDF_CS_DEVICE_RGB && now.r == level(r) && now.g == level(g) && now.b == level(b))
			return;
		(stroke ? HPDF_Page_SetRGBStroke : HPDF_Page_SetRGBFill)(pg, level(r), level(g), level(b));
		return;
	}
	float k = 1 - fmaxf(r, fmaxf(g, b)), c = 0, m = 0, y = 0;
	if (k < 1 && !(r8 == g8 && g8 == b8))
		c = (1 - r - k) / (1 - k), m = (1 - g - k) / (1 - k), y = (1 - b - k) / (1 - k);
	(stroke ? HPDF_Page_SetCMYKStroke : HPDF_Page_SetCMYKFill)(pg, level(c), level(m), level(y), level(k));
}

/* The colour of text: in the press edition black alone (K), as dark as
 * the colour's luminance, so that no letter depends on the registration
 * of four inks. */
static void set_text_fill(const hdoc_t *d, HPDF_Page pg, unsigned r, unsigned g, unsigned b)
{
	if (d->press)
		r = g = b = (299 * r + 587 * g + 114 * b + 500) / 1000;
	colour(d, pg, false, r, g, b);
}

static void set_rgb_fill(const hdoc_t *d, HPDF_Page pg, pdf_rgb c)
{
	colour(d, pg, false, c.r, c.g, c.b);
}

static void set_rgb_stroke(const hdoc_t *d, HPDF_Page pg, pdf_rgb c)
{
	colour(d, pg, true, c.r, c.g, c.b);
}

static void set_fig_fill(const hdoc_t *d, HPDF_Page pg, fig_rgb c)
{
	colour(d, pg, false, c.r, c.g, c.b);
}

static void set_fig_stroke(const hdoc_t *d, HPDF_Page pg, fig_rgb c)
{
	colour(d, pg, true, c.r, c.g, c.b);
}

static void set_line_width(HPDF_Page pg, double w)
{
	if (HPDF_Page_GetLineWidth(pg) != (HPDF_REAL)pt(w))
		HPDF_Page_SetLineWidth(pg, pt(w));
}

static void set_dash(HPDF_Page pg, int dash, double scale)
{
	if (dash <= 0 && HPDF_Page_GetDash(pg).num_ptn == 0)
		return; /* solid already */
	if (dash > 0) {
		HPDF_UINT16 d = (HPDF_UINT16)fmax(1, round(dash * scale));
		HPDF_UINT16 pat[2] = {d, d};
		HPDF_Page_SetDash(pg, pat, 2, 0);
	} else {
		HPDF_Page_SetDash(pg, NULL, 0, 0);
	}
}

/* ---- text ----------------------------------------------------------------- */

/* Operators libharu has no call for go into the page's content stream as
 * they are; its graphics state is unchanged by them. */
static void put_raw(HPDF_Page pg, const char *s)
{
	HPDF_Stream_WriteStr(((HPDF_PageAttr)pg->attr)->stream, s);
}



/* ---- paths ----------------------------------------------------------------
 *
 * Written into the content stream as text, each number to a hundredth
 * ("804.47"), where libharu's path functions write a float's noise
 * ("804.46997": 2.3 KB of the Japanese booklet).  libharu is not told:
 * its graphics mode stays that of a page's description, so each path is
 * built and painted (or clipped to) here, whole. */

static void path_op(HPDF_Page pg, const char *op, int n, const double *v)
{
	buf_t b = BUF_INIT;
	for (int i = 0; i < n; i++) {
		char num[32];
		double r = round(v[i] * 100) / 100;
		int len = snprintf(num, sizeof num, "%.2f", r == 0 ? 0.0 : r);
		while (num[len - 1] == '0')
			len--;
		if (num[len - 1] == '.')
			len--;
		buf_put(&b, num, (size_t)len);
		buf_putc(&b, ' ');
	}
	buf_printf(&b, "%s\012", op);
	put_raw(pg, b.ptr);
	buf_free(&b);
}

static void path_move(HPDF_Page pg, double x, double y)
{
	path_op(pg, "m", 2, (double[]){x, y});
}

static void path_line(HPDF_Page pg, double x, double y)
{
	path_op(pg, "l", 2, (double[]){x, y});
}

static void path_rect(HPDF_Page pg, double x, double y, double w, double h)
{
	path_op(pg, "re", 4, (double[]){x, y, w, h});
}

/* Four Bézier quarters, as libharu's HPDF_Page_Circle draws it. */
static void path_circle(HPDF_Page pg, double x, double y, double r)
{
	const double k = 0.552 * r;
	path_move(pg, x - r, y);
	path_op(pg, "c", 6, (double[]){x - r, y + k, x - k, y + r, x, y + r});
	path_op(pg, "c", 6, (double[]){x + k, y + r, x + r, y + k, x + r, y});
	path_op(pg, "c", 6, (double[]){x + r, y - k, x + k, y - r, x, y - r});
	path_op(pg, "c", 6, (double[]){x - k, y - r, x - r, y - k, x - r, y});
}

/* Paints the path: "S" stroke, "f" fill, "B" both, "h" closes it,
 * "W n" clips to it. */
static void path_end(HPDF_Page pg, const char *op)
{
	path_op(pg, op, 0, NULL);
}

/* Text is written into the content stream as it is shown: the move from
 * the line's start before in hundredths of a point, exact ("31.56 0 Td";
 * libharu's TextOut writes the difference of two floats, "-17.63995"),
 * and the characters as their codes, which for the UTF-8 encoder are their
 * Unicode values (libharu's TextOut also clears a buffer per call). */
static void begin_text(hdoc_t *d, HPDF_Page pg)
{
	HPDF_Page_BeginText(pg);
	d->tx = d->ty = 0;
}

static void put_hundredths(buf_t *b, long v)
{
	if (v < 0)
		buf_putc(b, '-'), v = -v;
	buf_printf(b, "%ld", v / 100);
	if (v % 100)
		buf_printf(b, v % 10 ? ".%02ld" : ".%ld", v % 10 ? v % 100 : v % 100 / 10);
}

static void show_text(hdoc_t *d, HPDF_Page pg, double x, double y, const char *s, size_t len)
{
	long X = lround(x * 100), Y = lround(y * 100);
	buf_t b = BUF_INIT;
	put_hundredths(&b, X - d->tx);
	buf_putc(&b, ' ');
	put_hundredths(&b, Y - d->ty);
	buf_puts(&b, " Td <");
	d->tx = X, d->ty = Y;
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (!n)
			n = 1, cp = '?';
		if (cp > 0xFFFF)
			cp = 0x20;
		char code[4] = {hex[cp >> 12], hex[cp >> 8 & 15], hex[cp >> 4 & 15], hex[cp & 15]};
		buf_put(&b, code, 4);
		i += (size_t)n;
	}
	buf_puts(&b, "> Tj\012");
	put_raw(pg, b.ptr);
	buf_free(&b);
}

/* ---- marked content (a tagged PDF) ------------------------------------- */

static void mc_end(hdoc_t *d, HPDF_Page pg)
{
	if (d->mc != MC_NONE)
		put_raw(pg, "EMC\012");
	d->mc = MC_NONE;
}

/* Makes what follows the content of element `elem` (an artifact if < 0):
 * a marked content sequence with the page's next MCID, recorded for the
 * structure tree, unless that element's is already open. */
static void mc_to(hdoc_t *d, HPDF_Page pg, int page, int elem, int op_index)
{
	if (!d->st || elem < 0)
		elem = PDF_ARTIFACT;
	if (d->mc == elem)
		return;
	mc_end(d, pg);
	d->mc = elem;
	if (elem < 0) {
		put_raw(pg, "/Artifact BMC\012");
		return;
	}
	if (d->nmcrs == d->mcrcap) {
		d->mcrcap = d->mcrcap ? d->mcrcap * 2 : 256;
		d->mcrs = xrealloc(d->mcrs, (size_t)d->mcrcap * sizeof *d->mcrs);
	}
	int mcid = d->nmcid[page]++;
	d->mcrs[d->nmcrs++] = (struct mcr){elem, page, mcid, op_index};
	char op[64];
	snprintf(op, sizeof op, "/%s<</MCID %d>>BDC\012", d->st->elems[elem].type, mcid);
	put_raw(pg, op);
}

/* One kid of an element, where its content begins: (page << 32 | op). */
typedef struct {
	int parent;
	long long at;
	int order;   /* its place in the kids made, for kids of the same place */
	int kind;    /* 0 a marked content sequence, 1 an element, 2 an annotation */
	int ref;     /* its index in d->mcrs, st->elems or d->objrs */
} kid_t;

static int compare_kids(const void *a, const void *b)
{
	const kid_t *x = a, *y = b;
	if (x->parent != y->parent)
		return (x->parent > y->parent) - (x->parent < y->parent);
	if (x->at != y->at)
		return (x->at > y->at) - (x->at < y->at);
	return (x->order > y->order) - (x->order < y->order);
}

/* A number or name tree's next leaf: the tree itself when it has no
 * leaves (kids NULL), else a new one added to them. */
static HPDF_Dict tree_leaf(hdoc_t *d, HPDF_Dict tree, HPDF_Array kids)
{
	if (!kids)
		return tree;
	HPDF_Dict leaf = HPDF_Dict_New(d->pdf->mmgr);
	HPDF_Xref_Add(d->pdf->xref, leaf);
	HPDF_Array_Add(kids, leaf);
	return leaf;
}

/* Whether element i has an /ID: a note, or a header others name. */
static bool has_id(const pdf_struct *st, int i)
{
	return st->elems[i].has_id || strcmp(st->elems[i].type, "Note") == 0;
}

/* Element i's ID: "note" or "th" and its number, zero-padded to the
 * digits of the element count, so that the names sort by it. */
static void elem_id(char *id, size_t size, const pdf_struct *st, int i)
{
	int digits = 1;
	for (int n = st->n; n >= 10; n /= 10)
		digits++;
	snprintf(id, size, "%s%0*d", strcmp(st->elems[i].type, "Note") == 0 ? "note" : "th", digits, i);
}

/* The structure tree (ISO 32000-1 14.7): an element per pdf_elem, its kids
 * (its marked content, its child elements, a link's annotation) in the
 * order their content is drawn, so a link reads inside its sentence; the
 * parent tree maps each page's MCIDs back to their elements, and each
 * annotation (by its /StructParent, after the pages' keys) to its Link;
 * pages are read in the structure's order (Tabs /S).  Written small, for
 * a booklet has thousands of elements: an element whose content is on one
 * page names the page once (/Pg) and its MCIDs as numbers, and the
 * optional /Type of elements is left out. */
static void write_structure(hdoc_t *d)
{
	const pdf_struct *st = d->st;
	HPDF_MMgr mm = d->pdf->mmgr;
	HPDF_Encoder enc = HPDF_GetEncoder(d->pdf, "UTF-8");
	HPDF_Dict root = HPDF_Dict_New(mm);
	HPDF_Xref_Add(d->pdf->xref, root);
	HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
	int n = st->n;
	HPDF_Dict *el = xcalloc((size_t)n + 1, sizeof *el);
	HPDF_Array *kids = xcalloc((size_t)n + 1, sizeof *kids);
	HPDF_Array top = HPDF_Array_New(mm);
	for (int i = 0; i < n; i++) {
		el[i] = HPDF_Dict_New(mm);
		HPDF_Xref_Add(d->pdf->xref, el[i]);
		HPDF_Dict_AddName(el[i], "S", st->elems[i].type);
		int parent = st->elems[i].parent;
		HPDF_Dict_Add(el[i], "P", parent >= 0 ? el[parent] : root);
		kids[i] = HPDF_Array_New(mm);
		HPDF_Dict_Add(el[i], "K", kids[i]);
		if (st->elems[i].alt) {
			/* A PDF string holds 65,535 bytes (UTF-16 here, two per byte
			 * of UTF-8 at most): the diagram of a very large plan says
			 * the rest with "…". */
			const char *alt = st->elems[i].alt;
			size_t len = strlen(alt);
			buf_t cut = BUF_INIT;
			if (len > 32000) {
				len = 32000;
				while (len && ((unsigned char)alt[len] & 0xC0) == 0x80)
					len--;
				buf_put(&cut, alt, len);
				buf_puts(&cut, "…");
				alt = cut.ptr;
			}
			HPDF_Dict_Add(el[i], "Alt", HPDF_String_New(mm, alt, enc));
			buf_free(&cut);
		}
		if (st->elems[i].actual)
			HPDF_Dict_Add(el[i], "ActualText", HPDF_String_New(mm, st->elems[i].actual, enc));
		const pdf_elem *e = &st->elems[i];
		if (e->scope || e->colspan > 1 || e->rowspan > 1 || e->nheaders) { /* the Table attributes */
			HPDF_Dict a = HPDF_Dict_New(mm);
			HPDF_Dict_AddName(a, "O", "Table");
			if (e->scope)
				HPDF_Dict_AddName(a, "Scope", e->scope == PDF_SCOPE_ROW ? "Row" : "Column");
			if (e->colspan > 1)
				HPDF_Dict_AddNumber(a, "ColSpan", e->colspan);
			if (e->rowspan > 1)
				HPDF_Dict_AddNumber(a, "RowSpan", e->rowspan);
			if (e->nheaders) { /* its columns' headers and its group's */
				HPDF_Array h = HPDF_Array_New(mm);
				for (int k = 0; k < e->nheaders; k++) {
					char id[32];
					elem_id(id, sizeof id, st, e->headers[k]);
					HPDF_Array_Add(h, HPDF_String_New(mm, id, NULL));
				}
				HPDF_Dict_Add(a, "Headers", h);
			}
			HPDF_Dict_Add(el[i], "A", a);
		}
	}
	/* Where each element's content begins: its first sequence's, or its
	 * first child's (children come after their parents); an element with
	 * none stands after the sibling made before it. */
	/* Places are (page << 32 | operation) << 1: an odd one stands just
	 * after an element's end (a note after the block that refers to it). */
	const long long none = 0x7FFFFFFFFFFFFFFFLL;
	long long *at = xcalloc((size_t)n + 1, sizeof *at), *end = xcalloc((size_t)n + 1, sizeof *end);
	int *page_of = xcalloc((size_t)n + 1, sizeof *page_of); /* -1 none yet, -2 several */
	for (int i = 0; i < n; i++)
		at[i] = none, end[i] = -1, page_of[i] = -1;
	for (int k = 0; k < d->nmcrs; k++) {
		const struct mcr *r = &d->mcrs[k];
		long long a = ((long long)r->page << 32 | (unsigned)r->op) << 1;
		if (a < at[r->elem])
			at[r->elem] = a;
		if (a > end[r->elem])
			end[r->elem] = a;
		int *pg = &page_of[r->elem];
		*pg = *pg == -1 || *pg == r->page ? r->page : -2;
	}
	for (int i = n - 1; i > 0; i--) {
		int up = st->elems[i].parent;
		if (up >= 0 && at[i] < at[up])
			at[up] = at[i];
		if (up >= 0 && end[i] > end[up])
			end[up] = end[i];
	}
	for (int i = 0; i < n; i++)
		if (page_of[i] >= 0)
			HPDF_Dict_Add(el[i], "Pg", d->pages[page_of[i]]);
	int nkids = d->nmcrs + n + d->nobjrs;
	kid_t *kid = xcalloc((size_t)nkids + 1, sizeof *kid);
	int nk = 0;
	for (int k = 0; k < d->nmcrs; k++)
		kid[nk] = (kid_t){d->mcrs[k].elem, ((long long)d->mcrs[k].page << 32 | (unsigned)d->mcrs[k].op) << 1, nk, 0,
				  k},
		nk++;
	long long *last = xcalloc((size_t)n + 2, sizeof *last); /* per parent + 1: its last kid's place */
	for (int i = 0; i < n; i++) {
		int parent = st->elems[i].parent, after = st->elems[i].after - 1;
		long long a = after >= 0 && end[after] >= 0 ? end[after] | 1 : at[i] != none ? at[i] : last[parent + 1];
		last[parent + 1] = a;
		kid[nk] = (kid_t){parent, a, nk, 1, i}, nk++;
	}
	for (int k = 0; k < d->nobjrs; k++) /* after the link's text */
		kid[nk] = (kid_t){d->objrs[k].elem, none, nk, 2, k}, nk++;
	qsort(kid, (size_t)nk, sizeof *kid, compare_kids);
	HPDF_Array *parents = xcalloc((size_t)d->npages + 1, sizeof *parents);
	for (int p = 0; p < d->npages; p++)
		parents[p] = HPDF_Array_New(mm);
	int **byid = xcalloc((size_t)d->npages + 1, sizeof *byid);
	for (int p = 0; p < d->npages; p++)
		byid[p] = xcalloc((size_t)d->nmcid[p] + 1, sizeof **byid);
	for (int k = 0; k < nk; k++) {
		const kid_t *c = &kid[k];
		HPDF_Array into = c->parent >= 0 ? kids[c->parent] : top;
		if (c->kind == 1) {
			HPDF_Array_Add(into, el[c->ref]);
		} else if (c->kind == 2) {
			HPDF_Dict objr = HPDF_Dict_New(mm);
			HPDF_Dict_AddName(objr, "Type", "OBJR");
			HPDF_Dict_Add(objr, "Obj", d->objrs[c->ref].annot);
			HPDF_Array_Add(into, objr);
			HPDF_Dict_AddNumber(d->objrs[c->ref].annot, "StructParent", d->npages + c->ref);
		} else {
			const struct mcr *r = &d->mcrs[c->ref];
			if (page_of[r->elem] >= 0) {
				HPDF_Array_AddNumber(into, r->mcid);
			} else {
				HPDF_Dict mcr = HPDF_Dict_New(mm);
				HPDF_Dict_AddName(mcr, "Type", "MCR");
				HPDF_Dict_Add(mcr, "Pg", d->pages[r->page]);
				HPDF_Dict_AddNumber(mcr, "MCID", r->mcid);
				HPDF_Array_Add(into, mcr);
			}
			byid[r->page][r->mcid] = r->elem;
		}
	}
	HPDF_Dict_Add(root, "K", top);
	HPDF_Dict tree = HPDF_Dict_New(mm);
	/* Its keys: the pages', then the annotations'.  libharu's arrays hold
	 * at most 8,191 items, so a long booklet's tree has leaves (/Kids) of
	 * LEAF keys each, with their /Limits. */
	enum { LEAF = 2000 };
	int nkeys = d->npages + d->nobjrs;
	HPDF_Array leaves = nkeys > LEAF ? HPDF_Array_New(mm) : NULL, nums = NULL;
	for (int key = 0; key < nkeys; key++) {
		if (key % LEAF == 0) {
			nums = HPDF_Array_New(mm);
			HPDF_Dict leaf = tree_leaf(d, tree, leaves);
			if (leaves) {
				HPDF_Array limits = HPDF_Array_New(mm);
				HPDF_Array_AddNumber(limits, key);
				HPDF_Array_AddNumber(limits, key + LEAF < nkeys ? key + LEAF - 1 : nkeys - 1);
				HPDF_Dict_Add(leaf, "Limits", limits);
			}
			HPDF_Dict_Add(leaf, "Nums", nums);
		}
		HPDF_Array_AddNumber(nums, key);
		if (key < d->npages) {
			int p = key;
			for (int m = 0; m < d->nmcid[p]; m++)
				HPDF_Array_Add(parents[p], el[byid[p][m]]);
			HPDF_Array_Add(nums, parents[p]);
			HPDF_Dict_AddNumber(d->pages[p], "StructParents", p);
			HPDF_Dict_AddName(d->pages[p], "Tabs", "S");
			free(byid[p]);
		} else {
			HPDF_Array_Add(nums, el[d->objrs[key - d->npages].elem]);
		}
	}
	if (leaves)
		HPDF_Dict_Add(tree, "Kids", leaves);
	HPDF_Dict_Add(root, "ParentTree", tree);
	/* The elements found by their IDs (elem_id): the notes (PDF/UA-1
	 * 7.9), then the group headers; the names sort so, as the name tree
	 * needs, in leaves of LEAF names as the parent tree. */
	HPDF_Dict idtree = HPDF_Dict_New(mm);
	HPDF_Array ids = NULL, idleaves = NULL, limits = NULL;
	int nids = 0;
	for (int i = 0; i < n; i++)
		nids += has_id(st, i);
	if (nids > LEAF)
		idleaves = HPDF_Array_New(mm), HPDF_Dict_Add(idtree, "Kids", idleaves);
	for (int pass = 0, k = 0; pass < 2; pass++) {
		for (int i = 0; i < n; i++) {
			if (!has_id(st, i) || (strcmp(st->elems[i].type, "Note") == 0) != (pass == 0))
				continue;
			char id[32];
			elem_id(id, sizeof id, st, i);
			if (k % LEAF == 0) {
				ids = HPDF_Array_New(mm);
				HPDF_Dict leaf = tree_leaf(d, idtree, idleaves);
				if (idleaves) {
					limits = HPDF_Array_New(mm);
					HPDF_Array_Add(limits, HPDF_String_New(mm, id, NULL));
					HPDF_Dict_Add(leaf, "Limits", limits);
				}
				HPDF_Dict_Add(leaf, "Names", ids);
			}
			if (limits && (k % LEAF == LEAF - 1 || k == nids - 1))
				HPDF_Array_Add(limits, HPDF_String_New(mm, id, NULL));
			HPDF_Dict_Add(el[i], "ID", HPDF_String_New(mm, id, NULL));
			HPDF_Array_Add(ids, HPDF_String_New(mm, id, NULL));
			HPDF_Array_Add(ids, el[i]);
			k++;
		}
	}
	HPDF_Dict_Add(root, "IDTree", idtree);
	HPDF_Dict_AddNumber(root, "ParentTreeNextKey", d->npages + d->nobjrs);
	HPDF_Dict_Add(d->pdf->catalog, "StructTreeRoot", root);
	HPDF_Dict mark = HPDF_Dict_New(mm);
	HPDF_Dict_Add(mark, "Marked", HPDF_Boolean_New(mm, HPDF_TRUE));
	HPDF_Dict_Add(d->pdf->catalog, "MarkInfo", mark);
	free(last);
	free(kid);
	free(page_of);
	free(at);
	free(end);
	free(byid);
	free(parents);
	free(kids);
	free(el);
}

/* The shape's outline as the current path (page coordinates). */
static void fig_path(HPDF_Page pg, const fig_shape *s, double ox, double oy, double sc, double H)
{
#define X(v) (pt(ox + (v) * sc))
#define Y(v) (pt(H - (oy + (v) * sc)))
	switch (s->kind) {
	case SHAPE_RECT:
		path_rect(pg, X(s->x), Y(s->y + s->h), s->w * sc, s->h * sc);
		break;
	case SHAPE_CIRCLE:
		path_circle(pg, X(s->x), Y(s->y), s->r * sc);
		break;
	case SHAPE_LINE:
		path_move(pg, X(s->x), Y(s->y));
		path_line(pg, X(s->x2), Y(s->y2));
		break;
	case SHAPE_POLYLINE:
	case SHAPE_POLYGON:
		for (int k = 0; k < s->npts; k++) {
			if (k == 0)
				path_move(pg, X(s->pts[0]), Y(s->pts[1]));
			else
				path_line(pg, X(s->pts[2 * k]), Y(s->pts[2 * k + 1]));
		}
		if (s->kind == SHAPE_POLYGON && s->npts)
			path_end(pg, "h");
		break;
	case SHAPE_TEXT:
		break;
	}
}

/* Hatching or dots over a filled shape, so that the fill does not carry
 * its meaning by colour alone (the same patterns as the website's SVG). */
static void draw_pattern(const hdoc_t *d, HPDF_Page pg, const fig_shape *s, double ox, double oy, double sc, double H)
{
	if (s->kind != SHAPE_RECT && s->kind != SHAPE_CIRCLE && s->kind != SHAPE_POLYGON)
		return;
	fig_rgb c = s->pattern_rgb;
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
	path_end(pg, "W n");
	const double step = 6;
	/* A bar too small for a dot (a value of 0) or with a negative size
	 * gets no mark, and painting no path is a libharu error that fails
	 * the whole booklet. */
	int marks = 0;
	if (s->pattern == PATTERN_HATCH) {
		set_fig_stroke(d, pg, c);
		HPDF_Page_SetLineWidth(pg, pt(1.2 * sc));
		HPDF_Page_SetDash(pg, NULL, 0, 0);
		for (double t = x0 - (y1 - y0); t < x1 + step; t += step, marks++) {
			path_move(pg, X(t), Y(y1));
			path_line(pg, X(t + (y1 - y0)), Y(y0));
		}
		if (marks)
			path_end(pg, "S");
	} else {
		set_fig_fill(d, pg, c);
		for (double y = y0 + step / 2; y < y1; y += step)
			for (double x = x0 + step / 2; x < x1; x += step, marks++)
				path_circle(pg, X(x), Y(y), 1.2 * sc);
		if (marks)
			path_end(pg, "f");
	}
	HPDF_Page_GRestore(pg);
}

/* Draws the shapes of the figure that stand between y0 and y1 (its own
 * units), its origin at ox, oy, scaled by sc. */
static void draw_fig(hdoc_t *d, pdf_metrics *m, HPDF_Page pg, const fig_t *f, double ox, double oy, double sc,
		     double y0, double y1)
{
	double H = d->height;
	for (int i = 0; i < f->nshapes; i++) {
		const fig_shape *s = &f->shapes[i];
		double top, bottom;
		fig_shape_extent(s, &top, &bottom);
		if (bottom <= y0 || top >= y1)
			continue;
		if (s->kind == SHAPE_TEXT) {
			if (!s->text || !*s->text)
				continue;
			/* Set as the booklet's lines are (JLReq spacing), in the
			 * width figure.c measured. */
			pdf_span sp = {.text = s->text, .len = strlen(s->text), .font = s->bold ? F_BOLD : F_SANS,
				       .size = s->size * sc};
			pdf_lines ls;
			pdf_break(m, &sp, 1, HUGE_VAL, 0, PDF_LEFT, d->cjk, &ls);
			double w = ls.n ? ls.lines[0].width : 0;
			double x = ox + s->x * sc;
			if (s->anchor == ANCHOR_MIDDLE)
				x -= w / 2;
			else if (s->anchor == ANCHOR_END)
				x -= w;
			begin_text(d, pg);
			HPDF_Page_SetFontAndSize(pg, d->font[sp.font], pt(sp.size));
			HPDF_Page_SetCharSpace(pg, 0);
			set_text_fill(d, pg, s->fill_rgb.r, s->fill_rgb.g, s->fill_rgb.b);
			for (int k = 0; ls.n && k < ls.lines[0].nfrags; k++) {
				const pdf_frag *fr = &ls.lines[0].frags[k];
				show_text(d, pg, x + fr->x, H - (oy + s->y * sc), s->text + fr->start, fr->end - fr->start);
			}
			HPDF_Page_EndText(pg);
			pdf_lines_free(&ls);
			continue;
		}
		bool closed = s->kind == SHAPE_RECT || s->kind == SHAPE_CIRCLE || s->kind == SHAPE_POLYGON;
		bool fill = s->fill && closed, stroke = s->stroke;
		if (fill || stroke) {
			if (fill)
				set_fig_fill(d, pg, s->fill_rgb);
			if (stroke) {
				set_fig_stroke(d, pg, s->stroke_rgb);
				HPDF_Page_SetLineWidth(pg, pt(s->stroke_width * sc));
				set_dash(pg, s->dash, sc);
			}
			fig_path(pg, s, ox, oy, sc, H);
			if (fill && stroke && s->pattern == PATTERN_NONE)
				path_end(pg, "B");
			else if (fill)
				path_end(pg, "f");
			else
				path_end(pg, "S");
		}
		if (s->pattern != PATTERN_NONE) {
			draw_pattern(d, pg, s, ox, oy, sc, H);
			if (stroke) {
				/* The outline over the pattern. */
				set_fig_stroke(d, pg, s->stroke_rgb);
				HPDF_Page_SetLineWidth(pg, pt(s->stroke_width * sc));
				set_dash(pg, s->dash, sc);
				fig_path(pg, s, ox, oy, sc, H);
				path_end(pg, "S");
			}
		}
	}
	HPDF_Page_SetDash(pg, NULL, 0, 0);
#undef X
#undef Y
}

/* ---- the press edition -------------------------------------------------- */

#define BLEED (3 * 72 / 25.4)  /* 3 mm beyond the trim */
#define SLUG (15 * 72 / 25.4)  /* the sheet's margin around the trim: bleed and marks */

/* A filled area that touches the trim runs on into the bleed, so that a
 * slightly off cut leaves no white edge (the cover's band). */
static void bleed(const hdoc_t *d, double *x, double *y, double *w, double *h)
{
	const double eps = 0.5;
	if (*x <= eps)
		*w += *x + BLEED, *x = -BLEED;
	if (*y <= eps)
		*h += *y + BLEED, *y = -BLEED;
	if (*x + *w >= d->width - eps)
		*w = d->width + BLEED - *x;
	if (*y + *h >= d->height - eps)
		*h = d->height + BLEED - *y;
}

static HPDF_Array box(hdoc_t *d, double x0, double y0, double x1, double y1)
{
	HPDF_Array a = HPDF_Array_New(d->pdf->mmgr);
	HPDF_Array_AddReal(a, pt(x0));
	HPDF_Array_AddReal(a, pt(y0));
	HPDF_Array_AddReal(a, pt(x1));
	HPDF_Array_AddReal(a, pt(y1));
	return a;
}

/* A sheet of the press edition: the trimmed page SLUG in from its edges,
 * TrimBox and BleedBox, and the trim marks (tombo) in registration colour
 * (all four inks) outside the bleed: at each corner the trim and the bleed
 * lines, and a centre mark on each side.  libharu has no API for the boxes:
 * they are written into the page dictionary. */
static void press_sheet(hdoc_t *d, HPDF_Page pg)
{
	double W = d->width, H = d->height, o = SLUG;
	HPDF_Page_SetWidth(pg, pt(W + 2 * o));
	HPDF_Page_SetHeight(pg, pt(H + 2 * o));
	HPDF_Dict_Add(pg, "TrimBox", box(d, o, o, o + W, o + H));
	HPDF_Dict_Add(pg, "BleedBox", box(d, o - BLEED, o - BLEED, o + W + BLEED, o + H + BLEED));
	mc_to(d, pg, 0, PDF_ARTIFACT, 0); /* the marks are not content */
	HPDF_Page_SetCMYKStroke(pg, 1, 1, 1, 1);
	HPDF_Page_SetLineWidth(pg, 0.25);
	const double len = o - BLEED - 2; /* from the sheet's edge to 2 pt short of the bleed */
	for (int cx = 0; cx < 2; cx++)
		for (int cy = 0; cy < 2; cy++) {
			double x = o + cx * W, y = o + cy * H, sx = cx ? 1 : -1, sy = cy ? 1 : -1;
			for (int k = 0; k < 2; k++) {
				double at = k * BLEED; /* the trim line, then the bleed line */
				path_move(pg, pt(x + sx * (BLEED + 2)), pt(y + sy * at));
				path_line(pg, pt(x + sx * (BLEED + 2 + len)), pt(y + sy * at));
				path_move(pg, pt(x + sx * at), pt(y + sy * (BLEED + 2)));
				path_line(pg, pt(x + sx * at), pt(y + sy * (BLEED + 2 + len)));
			}
		}
	/* Centre marks: a cross outside the bleed on each side. */
	double cxs[4] = {o + W / 2, o + W / 2, o - BLEED - 2 - len / 2, o + W + BLEED + 2 + len / 2};
	double cys[4] = {o - BLEED - 2 - len / 2, o + H + BLEED + 2 + len / 2, o + H / 2, o + H / 2};
	for (int i = 0; i < 4; i++) {
		path_move(pg, pt(cxs[i] - len / 2), pt(cys[i]));
		path_line(pg, pt(cxs[i] + len / 2), pt(cys[i]));
		path_move(pg, pt(cxs[i]), pt(cys[i] - len / 2));
		path_line(pg, pt(cxs[i]), pt(cys[i] + len / 2));
	}
	path_end(pg, "S");
	mc_end(d, pg);
	/* What follows is drawn on the trimmed page. */
	HPDF_Page_Concat(pg, 1, 0, 0, 1, pt(o), pt(o));
}

/* Sorts vertical and horizontal segments by their line and start, and
 * joins those that continue one another; others stay as they are.
 * Returns how many are left. */
static int compare_segments(const void *a, const void *b)
{
	const seg_t *s = a, *t = b;
	int ks = s->x0 == s->x1 ? 0 : s->y0 == s->y1 ? 1 : 2, kt = t->x0 == t->x1 ? 0 : t->y0 == t->y1 ? 1 : 2;
	double v[2][3] = {{ks, ks == 0 ? s->x0 : s->y0, ks == 0 ? fmin(s->y0, s->y1) : fmin(s->x0, s->x1)},
			  {kt, kt == 0 ? t->x0 : t->y0, kt == 0 ? fmin(t->y0, t->y1) : fmin(t->x0, t->x1)}};
	for (int i = 0; i < 3; i++)
		if (v[0][i] != v[1][i])
			return v[0][i] < v[1][i] ? -1 : 1;
	return 0;
}

static int join_segments(seg_t *s, int n)
{
	for (int i = 0; i < n; i++) { /* each from its smaller end */
		if ((s[i].x0 == s[i].x1 && s[i].y0 > s[i].y1) || (s[i].y0 == s[i].y1 && s[i].x0 > s[i].x1)) {
			seg_t t = {s[i].x1, s[i].y1, s[i].x0, s[i].y0};
			s[i] = t;
		}
	}
	qsort(s, (size_t)n, sizeof *s, compare_segments);
	int out = 0;
	for (int i = 0; i < n; i++) {
		seg_t *last = out ? &s[out - 1] : NULL;
		bool vert = s[i].x0 == s[i].x1, horiz = s[i].y0 == s[i].y1;
		if (last && vert && last->x0 == last->x1 && last->x0 == s[i].x0 && s[i].y0 <= last->y1 + 0.001)
			last->y1 = fmax(last->y1, s[i].y1);
		else if (last && horiz && !vert && last->y0 == last->y1 && last->x0 != last->x1 && last->y0 == s[i].y0 &&
			 s[i].x0 <= last->x1 + 0.001)
			last->x1 = fmax(last->x1, s[i].x1);
		else
			s[out++] = s[i];
	}
	return out;
}

static bool same_line_style(const pdf_op *a, const pdf_op *b)
{
	return a->kind == PDF_OP_LINE && b->kind == PDF_OP_LINE && memcmp(&a->rgb, &b->rgb, sizeof a->rgb) == 0 &&
	       a->line_width == b->line_width && a->dash == b->dash;
}

static void draw_page(hdoc_t *d, pdf_metrics *m, HPDF_Page pg, const pdf_page *page, int index)
{
	double H = d->height;
	/* Graphics first, text over them.  A figure is its element's content;
	 * rules, frames, shading and leaders are artifacts. */
	for (int i = 0; i < page->nops; i++) {
		const pdf_op *op = &page->ops[i];
		if (op->kind == PDF_OP_RECT || op->kind == PDF_OP_LINE || op->kind == PDF_OP_FIG)
			mc_to(d, pg, index, op->kind == PDF_OP_FIG ? op->elem : PDF_ARTIFACT, i);
		switch (op->kind) {
		case PDF_OP_RECT:
			if (op->fill)
				set_rgb_fill(d, pg, op->rgb);
			if (op->stroke) {
				set_rgb_stroke(d, pg, op->fill ? op->line : op->rgb);
				set_line_width(pg, op->line_width);
				set_dash(pg, op->dash, 1);
			}
			double x = op->x, y = op->y, w = op->w, h = op->h;
			if (d->press && op->fill)
				bleed(d, &x, &y, &w, &h);
			path_rect(pg, x, H - y - h, w, h);
			if (op->fill && op->stroke)
				path_end(pg, "B");
			else if (op->fill)
				path_end(pg, "f");
			else
				path_end(pg, "S");
			if (op->dash)
				HPDF_Page_SetDash(pg, NULL, 0, 0);
			break;
		case PDF_OP_LINE:
			set_rgb_stroke(d, pg, op->rgb);
			set_line_width(pg, op->line_width);
			if (op->dash < 0) {
				/* Dots: a 1 pt square every 4 pt (a line 1 pt wide). */
				static const HPDF_UINT16 dots[2] = {1, 3};
				HPDF_Page_SetDash(pg, dots, 2, 0);
			} else {
				set_dash(pg, op->dash, 1);
			}
			/* The lines that follow alike (a table's rules) go in one
			 * path, text in between being drawn later anyway; a rule
			 * continued row after row is one line. */
			int nseg = 0;
			for (int j = i;; j++) {
				const pdf_op *l = &page->ops[j];
				if (l->kind != PDF_OP_LINE)
					continue;
				if (nseg == d->segcap) {
					d->segcap = d->segcap ? d->segcap * 2 : 256;
					d->segs = xrealloc(d->segs, (size_t)d->segcap * sizeof *d->segs);
				}
				d->segs[nseg++] = (seg_t){l->x, l->y, l->x + l->w, l->y + l->h};
				i = j;
				int k = j + 1;
				while (k < page->nops && (page->ops[k].kind == PDF_OP_TEXT || page->ops[k].kind == PDF_OP_LINK ||
							  page->ops[k].kind == PDF_OP_DEST))
					k++;
				if (k >= page->nops || !same_line_style(&page->ops[k], op))
					break;
			}
			nseg = join_segments(d->segs, nseg);
			for (int s = 0; s < nseg; s++) {
				path_move(pg, pt(d->segs[s].x0), pt(H - d->segs[s].y0));
				path_line(pg, pt(d->segs[s].x1), pt(H - d->segs[s].y1));
			}
			path_end(pg, "S");
			if (op->dash)
				HPDF_Page_SetDash(pg, NULL, 0, 0);
			break;
		case PDF_OP_FIG:
			if (op->fig_top == 0 && op->h >= ((const fig_t *)op->fig)->height * op->size - 0.01) {
				draw_fig(d, m, pg, op->fig, op->x, op->y, op->size, -HUGE_VAL, HUGE_VAL);
				break;
			}
			/* A slice of the figure: its shapes there, clipped to it. */
			HPDF_Page_GSave(pg);
			path_rect(pg, op->x, d->height - op->y - op->h, op->w, op->h);
			path_end(pg, "W n");
			draw_fig(d, m, pg, op->fig, op->x, op->y - op->fig_top * op->size, op->size, op->fig_top,
				 op->fig_top + op->h / op->size);
			HPDF_Page_GRestore(pg);
			break;
		default:
			break;
		}
	}
	mc_end(d, pg); /* a sequence does not cross into a text object */
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
			begin_text(d, pg);
			in_text = true;
		}
		mc_to(d, pg, index, op->elem, i);
		int f = op->font >= 0 && op->font < F_COUNT ? op->font : F_BODY;
		if (op->char_space != cs) {
			HPDF_Page_SetCharSpace(pg, (HPDF_REAL)op->char_space);
			cs = op->char_space;
		}
		if (!rgb_set || memcmp(&rgb, &op->rgb, sizeof rgb) != 0) {
			set_text_fill(d, pg, op->rgb.r, op->rgb.g, op->rgb.b);
			rgb = op->rgb, rgb_set = true;
		}
		/* A run of characters per font file (theme_face), each after the one
		 * before by its advances and the character spacing, as one
		 * text operation would have moved. */
		const char *s = op->text, *end = s + strlen(s);
		double x = op->x;
		while (s < end) {
			uint32_t cp;
			int n = utf8_decode(s, (size_t)(end - s), &cp);
			int face = d->file_of[theme_face(f, n ? cp : '?')], count = 0;
			const char *e = s;
			while (e < end) {
				n = utf8_decode(e, (size_t)(end - e), &cp);
				if (d->file_of[theme_face(f, n ? cp : '?')] != face)
					break;
				e += n ? n : 1, count++;
			}
			if (face != font || op->size != size) {
				HPDF_Page_SetFontAndSize(pg, d->font[face], pt(op->size));
				font = face, size = op->size;
			}
			show_text(d, pg, x, H - op->y, s, (size_t)(e - s));
			x += pdf_width(m, f, op->size, s, (size_t)(e - s)) + count * op->char_space;
			s = e;
		}
	}
	mc_end(d, pg);
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

/* The size of page i (turned or not) becomes the one drawn. */
static void at_page(hdoc_t *d, int i)
{
	bool turned = d->turned && d->turned[i];
	d->width = turned ? d->upright_h : d->upright_w;
	d->height = turned ? d->upright_w : d->upright_h;
}

/* A link's address as a URI action holds it, in ASCII: the bytes of a
 * section's Japanese anchor (2-plan.html#...) or of a web address written
 * with its words, and spaces, as %XX. */
static void uri_escaped(buf_t *b, const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c > 0x20 && *c < 0x7F)
			buf_putc(b, *c);
		else
			buf_printf(b, "%%%02X", *c);
}

static HPDF_Destination make_dest(hdoc_t *d, int page, double y)
{
	at_page(d, page);
	/* [page /XYZ 0 top null]: the reader's zoom is kept (libharu's
	 * HPDF_Destination_SetXYZ refuses a null zoom). */
	HPDF_Destination dst = HPDF_Page_CreateDestination(d->pages[page]);
	HPDF_Array_Clear(dst);
	HPDF_Array_Add(dst, d->pages[page]);
	HPDF_Array_AddName(dst, "XYZ");
	HPDF_Array_AddReal(dst, 0);
	HPDF_Array_AddReal(dst, pt(fmin(d->height, d->height - y + 4) + (d->press ? SLUG : 0)));
	HPDF_Array_Add(dst, HPDF_Null_New(d->pdf->mmgr));
	return dst;
}

/* Links to places inside the booklet: notes, and the pages and sections of
 * the site that the booklet also has (where their headings are drawn);
 * to web and mail addresses; to the site's other pages when its address
 * is known (base_url); else (a note that does not exist) plain text. */
static void add_links(hdoc_t *d, const plan_t *plan, lang_t lang, pdf_flow *const *flows, const int *first,
		      int nflows)
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
				at_page(d, first[fl] + p);
				HPDF_Rect r = {pt(op->x), pt(d->height - op->y - op->h),
					       pt(op->x + op->w), pt(d->height - op->y)};
				HPDF_Annotation an = NULL;
				/* A note (#note-7), or a page or section of the site that
				 * the booklet has (measure-m1.html, 2-plan.html#..., or
				 * by its full address): there in the booklet. */
				char *rel = plan_site_address(plan, lang, op->text, NULL);
				const char *at = op->text[0] == '#' ? op->text + 1 : rel ? rel : op->text;
				char *place = plan_url_decoded(strncmp(at, "./", 2) == 0 ? at + 2 : at);
				/* a page's note is the booklet's; a query is the site's */
				char *note = strstr(place, "#note-"), *query = strchr(place, '?');
				if (note)
					memmove(place, note + 1, strlen(note));
				else if (query)
					memmove(query, query + strcspn(query, "#"), strlen(query + strcspn(query, "#")) + 1);
				dest_t key = {place, 0, 0};
				const dest_t *to = bsearch(&key, dests, (size_t)ndest, sizeof *dests, cmp_dest);
				free(place);
				free(rel);
				if (to) {
					an = HPDF_Page_CreateLinkAnnot(pg, r, make_dest(d, to->page, to->y));
				} else if (op->text[0] != '#') {
					char scheme[16];
					linkkind_t kind = plan_link_kind(op->text, scheme);
					buf_t uri = BUF_INIT;
					if (kind == LINK_WEB || kind == LINK_CONTACT)
						uri_escaped(&uri, op->text);
					else if (kind == LINK_RELATIVE && plan->base_url) {
						/* ../ from a translated booklet: the default language's */
						bool up = lang && strncmp(op->text, "../", 3) == 0;
						buf_printf(&uri, "%s%s%s", plan->base_url, lang && !up ? plan->langs[lang].code : "",
							   lang && !up ? "/" : "");
						uri_escaped(&uri, op->text + (up ? 3 : 0));
					}
					if (uri.len)
						an = HPDF_Page_CreateURILinkAnnot(pg, r, uri.ptr);
					buf_free(&uri);
				}
				if (an)
					HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
				if (an && d->st && op->elem >= 0 && strcmp(d->st->elems[op->elem].type, "Link") == 0) {
					d->objrs = xrealloc(d->objrs, (size_t)(d->nobjrs + 1) * sizeof *d->objrs);
					d->objrs[d->nobjrs++] = (struct objr){op->elem, an};
					/* Its description: the whole text of its Link, which
					 * lines and pages may break into pieces (an annotation
					 * each), so on this page and its neighbours. */
					buf_t text = BUF_INIT;
					for (int q = p > 0 ? p - 1 : 0; q <= p + 1 && q < flows[fl]->npages; q++) {
						const pdf_page *page = &flows[fl]->pages[q];
						for (int k = 0; k < page->nops; k++)
							if (page->ops[k].kind == PDF_OP_TEXT && page->ops[k].elem == op->elem &&
							    page->ops[k].text)
								buf_puts(&text, page->ops[k].text);
					}
					if (text.len)
						HPDF_Dict_Add(an, "Contents", HPDF_String_New(d->pdf->mmgr, text.ptr,
											      HPDF_GetEncoder(d->pdf, "UTF-8")));
					buf_free(&text);
				}
			}
	free(dests);
}

/* The document's metadata as XMP (ISO 16684-1), which PDF/UA asks for: the
 * title, the author, the language and the dates of the information
 * dictionary, and the PDF/UA-1 identifier: tests/tagged.py checks the
 * machine-checkable rules of veraPDF's PDF/UA-1 profile on every booklet
 * (the README says what is left to a person and to veraPDF or PAC). */
static void write_xmp(hdoc_t *d, const char *title, const char *author, const char *lang, HPDF_Date dt)
{
	buf_t x = BUF_INIT, date = BUF_INIT;
	buf_printf(&date, "%04d-%02d-%02dT%02d:%02d:%02dZ", dt.year, dt.month, dt.day, dt.hour, dt.minutes, dt.seconds);
	buf_puts(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		     "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
		     "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n<rdf:Description rdf:about=\"\" "
		     "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" "
		     "xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
		     "<pdfuaid:part>1</pdfuaid:part>\n<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	buf_put_xml(&x, title);
	buf_puts(&x, "</rdf:li></rdf:Alt></dc:title>\n<dc:creator><rdf:Seq><rdf:li>");
	buf_put_xml(&x, author);
	buf_puts(&x, "</rdf:li></rdf:Seq></dc:creator>\n<dc:language><rdf:Bag><rdf:li>");
	buf_put_xml(&x, lang);
	buf_printf(&x, "</rdf:li></rdf:Bag></dc:language>\n<xmp:CreatorTool>plangen</xmp:CreatorTool>\n"
		       "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
		       "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"r\"?>",
		   date.ptr, date.ptr);
	HPDF_Dict meta = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
	HPDF_Dict_AddName(meta, "Type", "Metadata");
	HPDF_Dict_AddName(meta, "Subtype", "XML");
	meta->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)x.ptr, (HPDF_UINT)x.len);
	HPDF_Dict_Add(d->pdf->catalog, "Metadata", meta);
	buf_free(&x);
	buf_free(&date);
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

/* Writes downloads/plan-LANG.pdf, or with press plan-LANG-press.pdf: the
 * same pages on sheets with bleed and trim marks, in CMYK, padded with
 * blank pages to a multiple of 4 for saddle stitching, without links. */
static bool write_booklet(const plan_t *p, const theme_t *th, fonts_t *fonts, lang_t lang, bool press, outdir_t *out)
{
	hdoc_t d;
	memset(&d, 0, sizeof d);
	d.height = d.upright_h = th->g.height;
	d.width = d.upright_w = th->g.width;
	d.press = press;
	d.plan = p;
	d.cjk = p->langs[lang].cjk;
	d.pdf = HPDF_New(hpdf_error, &d);
	if (!d.pdf) {
		diag_fatal("cannot start a PDF document (out of memory)");
		return false;
	}
	HPDF_SetCompressionMode(d.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(d.pdf);
	HPDF_SetCurrentEncoder(d.pdf, "UTF-8");
	/* Each font file once, however many roles use it. */
	const fontfile_t *files[F_COUNT];
	for (int r = 0; r < F_COUNT; r++)
		files[r] = fonts_file(fonts, lang, r);
	for (int r = 0; r < F_COUNT; r++) {
		d.file_of[r] = r;
		for (int q = 0; q < r && d.file_of[r] == r; q++)
			if (strcmp(files[q]->path, files[r]->path) == 0 && files[q]->index == files[r]->index)
				d.file_of[r] = d.file_of[q];
		if (d.file_of[r] == r)
			d.used[r] = xcalloc(0x10000, sizeof *d.used[r]);
	}
	/* Typeset with HarfBuzz's measures of the fonts, which are libharu's
	 * (fonts.c rounds them alike). */
	pdf_metrics m;
	fonts_metrics(&m, fonts, lang);
	hyph_t *hyph = p->langs[lang].cjk ? NULL : hyph_open(p->langs[lang].code);
	hyph_attach(&m, hyph);

	book_t b;
	pdf_book_compose(&b, p, th, &m, lang);

	/* Every character is known now: each font is cut to those it draws
	 * before libharu loads it, so it embeds and compresses kilobytes. */
	collect_used(&d, &b.front);
	collect_used(&d, &b.body);
	bool loaded = true;
	for (int r = 0; r < F_COUNT && loaded; r++) {
		if (d.file_of[r] != r)
			continue;
		doing(&d, "cutting the font %s to the characters used", files[r]->path);
		char *subset = fonts_subset(fonts, lang, r, d.used[r]);
		if (!subset) {
			diag_fatal("cannot cut the font %s to the characters the %s booklet uses", files[r]->path,
				   _(plan_lang_name(p, lang)));
			loaded = false;
			break;
		}
		/* libharu reads the file it keeps open, at loading and at
		 * saving: its name can go at once. */
		doing(&d, "loading the font %s", files[r]->path);
		d.name[r] = HPDF_LoadTTFontFromFile(d.pdf, subset, HPDF_TRUE);
		unlink(subset);
		free(subset);
		d.def[r] = d.name[r] ? HPDF_GetFontDef(d.pdf, d.name[r]) : NULL;
		if (!d.def[r]) {
			report_hpdf(&d, lang);
			diag_hint("libharu embeds TrueType fonts with glyph outlines; choose such a family in print.yaml");
			loaded = false;
			break;
		}
		direct_cmap(&d, r);
		/* libharu embeds the glyphs whose width it was asked. */
		for (uint32_t cp = 0; cp <= 0xFFFF; cp++)
			if (d.used[r][cp])
				HPDF_TTFontDef_GetCharWidth(d.def[r], (HPDF_UNICODE)cp);
		drop_cmap_table(&d, r);
		d.font[r] = HPDF_GetFont(d.pdf, d.name[r], "UTF-8");
	}
	for (int r = 0; r < F_COUNT; r++)
		if (d.file_of[r] != r)
			d.name[r] = d.name[d.file_of[r]], d.def[r] = d.def[d.file_of[r]], d.font[r] = d.font[d.file_of[r]];
	if (!loaded) {
		restore_cmaps(&d);
		HPDF_Free(d.pdf);
		for (int r = 0; r < F_COUNT; r++)
			free(d.used[r]);
		pdf_book_free(&b);
		pdf_metrics_fini(&m);
		hyph_close(hyph);
		return false;
	}

	int drawn = b.nfront + b.body.npages;
	d.npages = press ? (drawn + 3) / 4 * 4 : drawn;
	d.pages = xcalloc((size_t)d.npages, sizeof *d.pages);
	d.st = &b.st, d.mc = MC_NONE;
	d.nmcid = xcalloc((size_t)d.npages + 1, sizeof *d.nmcid);
	d.turned = xcalloc((size_t)d.npages + 1, sizeof *d.turned);
	for (int i = b.nfront; i < drawn; i++)
		d.turned[i] = b.body.pages[i - b.nfront].landscape;
	for (int i = 0; i < d.npages && !d.error; i++) {
		d.pages[i] = HPDF_AddPage(d.pdf);
		at_page(&d, i);
		HPDF_Page_SetWidth(d.pages[i], pt(d.width));
		HPDF_Page_SetHeight(d.pages[i], pt(d.height));
	}
	for (int i = 0; i < d.npages && !d.error; i++) {
		char page[16];
		snprintf(page, sizeof page, "%d", i + 1);
		doing(&d, "drawing page %s", page);
		at_page(&d, i);
		if (press)
			press_sheet(&d, d.pages[i]);
		if (i < drawn)
			draw_page(&d, &m, d.pages[i], i < b.nfront ? &b.front.pages[i] : &b.body.pages[i - b.nfront], i);
	}
	doing(&d, "adding the links%s", "");
	if (!d.error && !press) {
		pdf_flow *flows[2] = {&b.front, &b.body};
		int first[2] = {0, b.nfront};
		add_links(&d, p, lang, flows, first, 2);
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
		doing(&d, "adding the bookmark \"%s\"", h->title);
		HPDF_Outline o = HPDF_CreateOutline(d.pdf, up, h->title, enc);
		HPDF_Outline_SetOpened(o, lv == 1 ? HPDF_TRUE : HPDF_FALSE);
		HPDF_Outline_SetDestination(o, make_dest(&d, b.nfront + h->page, h->y));
		parent[lv] = o;
		for (int k = lv + 1; k < 4; k++)
			parent[k] = NULL;
	}
	doing(&d, "writing the document's title and information%s", "");
	HPDF_SetPageMode(d.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	/* Page labels as the pages are numbered: the cover and the contents
	 * in small roman numerals, the body from 1. */
	HPDF_AddPageLabel(d.pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, NULL);
	HPDF_AddPageLabel(d.pdf, (HPDF_UINT)b.nfront, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);

	/* Document information, in UTF-8, and the language. */
	buf_t title = BUF_INIT;
	buf_printf(&title, "%s %s", text_get(&p->title, lang), text_get(&p->subtitle, lang));
	HPDF_SetInfoAttr(d.pdf, HPDF_INFO_TITLE, title.ptr);
	HPDF_SetInfoAttr(d.pdf, HPDF_INFO_AUTHOR, text_get(&p->publisher, lang));
	HPDF_SetInfoAttr(d.pdf, HPDF_INFO_SUBJECT, text_get(&p->subtitle, lang));
	HPDF_SetInfoAttr(d.pdf, HPDF_INFO_CREATOR, "plangen");
	HPDF_Date dt = doc_date(p);
	HPDF_SetInfoDateAttr(d.pdf, HPDF_INFO_CREATION_DATE, dt);
	HPDF_SetInfoDateAttr(d.pdf, HPDF_INFO_MOD_DATE, dt);
	write_xmp(&d, title.ptr, text_get(&p->publisher, lang), p->langs[lang].code, dt);
	buf_free(&title);
	HPDF_Dict_Add(d.pdf->catalog, "Lang", HPDF_String_New(d.pdf->mmgr, p->langs[lang].code, NULL));
	/* Tagged: the structure tree, the title shown as the window's. */
	doing(&d, "writing the structure tree%s", "");
	if (!d.error)
		write_structure(&d);
	HPDF_Dict prefs = HPDF_Dict_New(d.pdf->mmgr);
	HPDF_Dict_Add(prefs, "DisplayDocTitle", HPDF_Boolean_New(d.pdf->mmgr, HPDF_TRUE));
	HPDF_Dict_Add(d.pdf->catalog, "ViewerPreferences", prefs);
	d.pdf->pdf_version = HPDF_VER_17;
	for (int r = 0; r < F_COUNT; r++)
		if (d.file_of[r] == r && d.font[r])
			fix_tounicode(&d, r);

	doing(&d, "writing the PDF file%s", "");
	bool ok = !d.error && HPDF_SaveToStream(d.pdf) == HPDF_OK;
	char *data = NULL;
	HPDF_UINT32 size = 0;
	if (ok) {
		size = HPDF_GetStreamSize(d.pdf);
		data = xmalloc(size + 1);
		HPDF_UINT32 got = size;
		HPDF_ResetStream(d.pdf);
		ok = HPDF_ReadFromStream(d.pdf, (HPDF_BYTE *)data, &got) <= HPDF_STREAM_EOF && got == size;
	}
	if (d.error) {
		report_hpdf(&d, lang);
		ok = false;
	}
	/* The document and its layout are let go before qpdf reads the file
	 * again, so a very large plan holds one copy at a time. */
	restore_cmaps(&d);
	HPDF_Free(d.pdf);
	for (int r = 0; r < F_COUNT; r++)
		free(d.used[r]);
	free(d.pages);
	free(d.nmcid);
	free(d.turned);
	free(d.mcrs);
	free(d.segs);
	free(d.objrs);
	pdf_book_free(&b);
	pdf_metrics_fini(&m);
	hyph_close(hyph);
	if (ok) {
		size_t packed_len = 0;
		char *packed = pdf_pack(data, size, &packed_len);
		ok = packed != NULL;
		buf_t name = BUF_INIT;
		plan_booklet_file(&name, p, lang, press);
		if (ok)
			ok = out_write(out, name.ptr, packed, packed_len);
		free(packed);
		buf_free(&name);
	}
	free(data);
	return ok;
}

/* A language's booklet, and its press edition when asked. */
static bool write_booklets(const plan_t *p, const theme_t *th, fonts_t *fonts, lang_t lang, bool press, outdir_t *out)
{
	return write_booklet(p, th, fonts, lang, false, out) && (!press || write_booklet(p, th, fonts, lang, true, out));
}

struct booklets {
	pid_t child[MAX_LANGS]; /* 0: typeset in this process */
	int counts[MAX_LANGS];  /* a pipe from the child: what it reported, as diag counts it; -1 */
	int nlangs;
	const char *names[MAX_LANGS];
	bool ok;
	outdir_t *out;
};

booklets_t *out_pdf_start(const plan_t *p, const theme_t *th, fonts_t *fonts, bool press, outdir_t *out)
{
	booklets_t *bk = xcalloc(1, sizeof *bk);
	bk->ok = true;
	bk->out = out;
	bk->nlangs = p->nlangs;
	/* The booklets are independent of each other and of the site: each is
	 * typeset in a child process while this one makes the site, which on
	 * two cores takes about half the time.  Each writes its own file; the
	 * output is the same as one after the other. */
	fflush(stdout);
	fflush(stderr);
	/* PLANGEN_NO_FORK=1: all in this process, for fuzzers and debuggers,
	 * which see only this process. */
	const char *nofork = getenv("PLANGEN_NO_FORK");
	bool fork_ok = !(nofork && *nofork && strcmp(nofork, "0") != 0);
	for (int l = 0; l < MAX_LANGS; l++)
		bk->counts[l] = -1;
	for (int l = 0; l < p->nlangs && bk->ok; l++) {
		bk->names[l] = _(plan_lang_name(p, l));
		int fds[2] = {-1, -1};
		if (fork_ok && pipe(fds) != 0)
			fds[0] = fds[1] = -1;
		bk->child[l] = fork_ok ? out_fork() : 0;
		if (bk->child[l] == 0 && fork_ok) {
			/* What it reports counts in this process's last line: its
			 * counts go back through the pipe.  Exit 0: written; 1:
			 * written, with errors of the content (--strict); 2: not. */
			int before[4], after[4];
			diag_get_counts(before);
			bool written = write_booklets(p, th, fonts, l, press, out);
			diag_get_counts(after);
			for (int k = 0; k < 4; k++)
				after[k] -= before[k];
			fflush(stderr);
			if (fds[1] >= 0 && write(fds[1], after, sizeof after) != (ssize_t)sizeof after)
				written = false;
			_exit(!written ? 2 : after[0] ? 1 : 0);
		}
		if (fds[1] >= 0)
			close(fds[1]);
		bk->counts[l] = fds[0];
		if (bk->child[l] < 0) /* no fork: here, now */
			bk->child[l] = 0;
		if (bk->child[l] == 0)
			bk->ok = write_booklets(p, th, fonts, l, press, out);
	}
	return bk;
}

bool out_pdf_finish(booklets_t *bk)
{
	bool ok = bk->ok, failed = !bk->ok;
	for (int l = 0; l < bk->nlangs; l++) {
		if (bk->child[l] <= 0)
			continue;
		int status = out_wait(bk->child[l]);
		int counts[4];
		if (bk->counts[l] >= 0 && read(bk->counts[l], counts, sizeof counts) == (ssize_t)sizeof counts)
			diag_add_counts(counts);
		if (bk->counts[l] >= 0)
			close(bk->counts[l]);
		if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			ok = false;
		/* Only a booklet that could not be written is the machine's problem. */
		if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) > 1)
			failed = true;
		/* A crash of the child would otherwise be a silent exit 2. */
		if (status != -1 && WIFSIGNALED(status))
			diag_fatal("the %s booklet crashed (signal %d, %s); PLANGEN_NO_FORK=1 typesets it in the "
				   "main process for a debugger", bk->names[l], WTERMSIG(status), strsignal(WTERMSIG(status)));
	}
	/* A missing font or a library failure is the machine's problem, not
	 * the content's: exit status 2. */
	if (failed)
		bk->out->failed = true;
	free(bk);
	return ok;
}
