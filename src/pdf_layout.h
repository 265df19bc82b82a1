/* pdf_layout.h — lines, paragraphs, tables and pages of the booklet, as a
 * list of drawing operations per page, without any PDF library.
 *
 * Text is measured through a callback (pdf_advance_fn) that gives a
 * character's advance in a font, so the line breaker can be tested with
 * made-up metrics and out_pdf.c stays the only file that sees libharu.
 * Coordinates are points from the page's top-left corner, y downwards; the
 * drawing back-end flips them.
 *
 * Line breaking follows the W3C "Requirements for Japanese Text Layout"
 * (JLReq), appendix C: no line starts with a closing bracket, 、。，．, ？！,
 * ・：；, a hyphen or wave dash, an iteration mark, ー or a small kana; no
 * line ends with an opening bracket; ……, ―― , numbers (2,216  74.8%),
 * Latin words and a note mark with its number (※7) are never split.  Lines
 * are justified to the measure by spreading (or, to pull a closing mark onto
 * a full line, slightly tightening) the space between characters; English is
 * broken at spaces and justified between words.
 *
 * Ownership: a pdf_flow owns its pages and every string in their operations
 * (pdf_flow_free).  Spans passed in are borrowed for the duration of the
 * call; a pdf_table keeps copies of its cells' text (pdf_table_free). */
#ifndef PLANGEN_PDF_LAYOUT_H
#define PLANGEN_PDF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	unsigned char r, g, b;
} pdf_rgb;

/* ---- measuring -------------------------------------------------------- */

#define PDF_MAX_FONTS 4

/* The advance of code point cp in font (0 … PDF_MAX_FONTS-1), in
 * thousandths of an em. */
typedef int (*pdf_advance_fn)(void *ctx, int font, uint32_t cp);

/* The ink of code point cp in font: its left side bearing and its width,
 * in thousandths of an em; false when not known. */
typedef bool (*pdf_ink_fn)(void *ctx, int font, uint32_t cp, int *left, int *width);

/* Where a word (len bytes of lower-case ASCII letters) may be hyphenated:
 * before[i], before its byte i. */
typedef void (*pdf_hyphen_fn)(void *ctx, const char *word, size_t len, bool *before);

/* Advances are asked once per font and code point, then cached; the ink
 * (optional, NULL: unknown) only of the few marks set by it.  Words are
 * hyphenated in text that is not Japanese when `hyphenate` is set. */
typedef struct {
	pdf_advance_fn advance;
	void *ctx;
	pdf_ink_fn ink;
	void *ink_ctx;
	pdf_hyphen_fn hyphenate;
	void *hyph_ctx;
	int16_t *cache[PDF_MAX_FONTS]; /* per BMP code point; INT16_MIN: not asked yet */
} pdf_metrics;

void pdf_metrics_init(pdf_metrics *m, pdf_advance_fn advance, void *ctx);
void pdf_metrics_fini(pdf_metrics *m);
/* Width in points of len bytes of UTF-8 text. */
double pdf_width(pdf_metrics *m, int font, double size, const char *s, size_t len);

/* ---- line breaking ---------------------------------------------------- */

/* A run of text in one font, size and colour; a link target ("#note-1" or
 * a URL) makes it clickable. */
typedef struct {
	const char *text;
	size_t len;
	int font;
	double size;
	pdf_rgb rgb;
	const char *link; /* NULL: none */
	bool whole;       /* never broken inside (an amount: 2,123,361件) */
	double rise;      /* its baseline raised by this many points (a note mark) */
} pdf_span;

typedef enum { PDF_LEFT, PDF_CENTER, PDF_RIGHT, PDF_JUSTIFY } pdf_align;

/* A piece of a line drawn with one text operation: bytes [start, end) of
 * span `span`, at x from the line's left edge, with char_space added after
 * every character (justification). */
typedef struct {
	int span;
	size_t start, end;
	double x, width, char_space;
} pdf_frag;

typedef struct {
	pdf_frag *frags;
	int nfrags;
	double width; /* as set, alignment and justification included */
	double size;  /* the largest type size on the line */
	bool hyphen;  /* ends inside a word: a hyphen follows the last fragment */
	bool newline; /* the text breaks the line (a name, then its note): read as text, a space
			 follows, in languages written with spaces */
	double adjust; /* space added at each place justification may use (< 0: taken) */
} pdf_line;

typedef struct {
	pdf_line *lines;
	int n;
} pdf_lines;

/* Breaks the spans into lines of at most `width` points, the first one
 * indented by `first` (a Japanese paragraph's one-em indent).  cjk:
 * Japanese rules (a break may fall between any two characters the JLReq
 * allows; a last line of one or two characters is pulled up when that
 * takes little); otherwise breaks fall at spaces, or, in justified text,
 * inside a word at a hyphenation point (pdf_metrics.hyphenate) when the
 * line would otherwise have its word spaces stretched by more than half
 * (never the last word, nor a word under seven letters).  Word spaces are
 * never stretched to more than twice their width: such a line falls short
 * of the measure.  A '\n' in a span forces a break.  A word longer than
 * the width is cut where it must be.  The caller frees *out with
 * pdf_lines_free. */
void pdf_break(pdf_metrics *m, const pdf_span *spans, int nspans, double width, double first, pdf_align align,
	       bool cjk, pdf_lines *out);
/* As pdf_break with no indent, in as many lines, but as even as they go:
 * Japanese broken between phrases where it can be (「基準値より/悪化」,
 * not 「基準値より悪/化」), else between a compound's parts in different
 * scripts rather than inside a katakana word, never with one or two
 * characters alone on a line.  In up to `room` lines (a table cell in a
 * row taller than it) where more lines break it better.  For table cells
 * and labels. */
void pdf_break_even(pdf_metrics *m, const pdf_span *spans, int nspans, double width, pdf_align align, bool cjk,
		    int room, pdf_lines *out);
void pdf_lines_free(pdf_lines *l);

/* The width of text set on one line, as pdf_break sets it (with the JLReq
 * spacing when cjk): for labels, running heads and figures. */
double pdf_text_width(pdf_metrics *m, int font, double size, const char *s, size_t len, bool cjk);

/* The narrowest width the spans can be set in without cutting a word
 * (their widest unbreakable piece) and the width of their longest line
 * unbroken.  Used to give table columns widths from their content. */
void pdf_extent(pdf_metrics *m, const pdf_span *spans, int nspans, bool cjk, double *min, double *max);

/* The JLReq classes, for tests: characters that may not start a line, that
 * may not end one, and whether a break may fall between a and b (neither a
 * space). */
bool pdf_no_start(uint32_t cp);
bool pdf_no_end(uint32_t cp);
bool pdf_can_break(uint32_t a, uint32_t b, bool cjk);
/* Whether a Japanese break between a and b falls between two phrases
 * (文節), where a short text such as a diagram's label reads best broken. */
bool pdf_phrase_break(uint32_t a, uint32_t b);

/* ---- pages ------------------------------------------------------------ */

typedef enum { PDF_OP_TEXT, PDF_OP_RECT, PDF_OP_LINE, PDF_OP_FIG, PDF_OP_LINK, PDF_OP_DEST } pdf_opkind;

/* One drawing operation.  TEXT: `text` with its baseline starting at x, y.
 * RECT: x, y, w, h, filled and/or stroked.  LINE: from x, y to x + w, y + h,
 * dashed when dash > 0, dotted (a dot every 4 pt from x) when dash < 0.  FIG: the caller's figure `fig`, its top-left corner
 * at x, y, scaled by `size`; only its slice from `fig_top` (in its own
 * units) down h points is drawn.  LINK: the area x, y, w, h leads to `text`.
 * DEST: `text` names this place (x, y) as a link target. */
typedef struct {
	pdf_opkind kind;
	double x, y, w, h;
	int font;
	double size, char_space;
	pdf_rgb rgb;   /* text, fill or stroke colour */
	pdf_rgb line;  /* RECT: stroke colour when both fill and stroke */
	bool fill, stroke;
	double line_width;
	int dash;
	char *text;
	const void *fig;
	double fig_top;
	int elem; /* the structure element it belongs to (pdf_struct), or PDF_ARTIFACT */
} pdf_op;

typedef struct {
	pdf_op *ops;
	int nops, cap;
	int part; /* the caller's index of the part for the running header; -1 none */
	int *notes; /* the footnotes at its foot (indices into the flow's), in order */
	int nnotes;
	double foot; /* the height they take, with the rule above them */
	bool foot_set; /* drawn (the page is complete) */
	bool landscape; /* turned: the geometry's width and height swapped */
} pdf_page;

typedef struct {
	double width, height;                  /* the page */
	double left, right, top, bottom;       /* margins */
} pdf_geometry;

struct pdf_note;

/* ---- structure (a tagged PDF) ------------------------------------------ */

/* The logical structure of a booklet, in reading order: elements of the
 * standard types of PDF (ISO 32000 14.8.4: "Sect", "H1", "P", "L", "LI",
 * "Lbl", "LBody", "Table", "TR", "TH", "TD", "Caption", "Figure", "Note",
 * "TOC", "TOCI"), each the child of the one open when it was made.  Every
 * operation belongs to the element open when it was added; with none (or
 * after pdf_artifact) it is an artifact: running heads, folios, leaders,
 * rules, shading and the head of a table repeated on its next page.  The
 * drawing back-end marks each operation's content with its element. */
#define PDF_ARTIFACT (-1)

typedef enum { PDF_SCOPE_NONE, PDF_SCOPE_COLUMN, PDF_SCOPE_ROW } pdf_scope;

typedef struct {
	const char *type; /* a static string */
	int parent;       /* -1: the root */
	char *alt;        /* Figure: its text alternative (owned) */
	const char *actual; /* Span: the text it reads as (static), if not its own */
	pdf_scope scope;  /* TH: the cells it heads */
	int colspan, rowspan; /* TH, TD: the columns and rows it spans, if more than one */
	int *headers;     /* TD of a group's rows: the TH elements it names in /Headers (owned) */
	int nheaders;
	bool has_id;      /* it has an /ID (a Note, a group's TH) */
	int after;        /* Note: 1 + the block of its section that refers to it (read after it), or 0 */
} pdf_elem;

typedef struct {
	pdf_elem *elems;
	int n, cap;
	int cur; /* the open element, PDF_ARTIFACT, or -2: none yet (at the root) */
} pdf_struct;

void pdf_struct_init(pdf_struct *s);
void pdf_struct_free(pdf_struct *s);

/* The flow of the booklet: blocks are placed one after the other, and a
 * new page starts when the next one does not fit. */
typedef struct {
	pdf_geometry g;
	pdf_metrics *m;
	bool cjk;
	pdf_page *pages;
	int npages, cap;
	double y;  /* the next block's top on the last page */
	int part;  /* given to pages as they are made */
	/* Operations from keep_op on page keep_page (from keep_y down) belong
	 * to headings that must not stay behind at the foot of a page: when
	 * the block after them needs a new page, they move to it. */
	bool keep;
	int keep_page, keep_op;
	double keep_y;
	struct pdf_note *notes; /* pdf_footnote's */
	int nnotes;
	bool landscape; /* pages are being made turned (pdf_turn) */
	pdf_struct *st; /* borrowed; NULL: every operation is an artifact */
	/* The link the last line drawn ended with, and its Link element: a
	 * link broken over lines is one element (draw_line). */
	const char *carry_link;
	int carry_elem;
} pdf_flow;

void pdf_flow_init(pdf_flow *f, const pdf_geometry *g, pdf_metrics *m, bool cjk);
void pdf_flow_free(pdf_flow *f);

/* Opens an element of `type` inside the open one; returns the element that
 * was open, for pdf_close.  Without a structure, does nothing. */
int pdf_open(pdf_flow *f, const char *type);
/* Opens an artifact (what follows is not content); returns the element
 * that was open. */
int pdf_artifact(pdf_flow *f);
/* Makes `prev` (pdf_open's or pdf_artifact's return) the open element again. */
void pdf_close(pdf_flow *f, int prev);
/* The open element's text alternative (a figure's), copied. */
void pdf_alt(pdf_flow *f, const char *alt);

/* Starts a new page (the first one too); the page before it is complete. */
void pdf_new_page(pdf_flow *f);
/* Completes the last page (its footnotes). */
void pdf_flow_finish(pdf_flow *f);
/* Pages from here on turned (landscape: the width and height of the
 * geometry swapped, the same margins) or upright again; either starts a
 * new page when it changes the orientation. */
void pdf_turn(pdf_flow *f, bool landscape);
/* Room left on the current page, in points (0 before the first page). */
double pdf_room(const pdf_flow *f);
/* Starts a new page unless h points fit on this one. */
void pdf_need(pdf_flow *f, double h);
/* Marks what is placed next (headings) as kept with the block after it;
 * that block's placement ends the mark.  A new page ends it too. */
void pdf_keep_with_next(pdf_flow *f);
/* Vertical space, dropped at the top of a page. */
void pdf_skip(pdf_flow *f, double h);
/* The width between the margins. */
double pdf_measure(const pdf_flow *f);

/* Adds an operation to page `page`; returns it for further fields.  Its
 * text, if any, is copied. */
pdf_op *pdf_add(pdf_flow *f, int page, pdf_opkind kind, double x, double y, double w, double h, const char *text);

/* Adds the text of span sp on one line, its baseline at x, y of page
 * `page`, as TEXT operations; returns its width. */
double pdf_text(pdf_flow *f, int page, double x, double y, const pdf_span *sp);

/* Where a block landed: its page (index) and top. */
typedef struct {
	int page;
	double y;
} pdf_where;

typedef struct {
	double indent;     /* left edge, from the left margin */
	double width;      /* the measure; 0: to the right margin */
	double leading;    /* line height as a multiple of the line's type size */
	double first;      /* extra indent of the first line */
	pdf_align align;
	double before, after;
	bool keep;         /* never split over two pages; kept with the next block (headings) */
	bool even;         /* lines as even as they go, broken between phrases (headings, captions) */
	/* A label hung in front of the first line (a list bullet, "※1"),
	 * at label_x from the left margin. */
	const pdf_span *label;
	double label_x;
} pdf_parstyle;

/* The baseline of a line of type `size` whose top is at y (pdf_paragraph's). */
double pdf_baseline(double y, double size, double leading);

/* Sets a paragraph: never leaves a single line at the foot or the head of
 * a page when it can be avoided.  Returns where its first line stands. */
pdf_where pdf_paragraph(pdf_flow *f, const pdf_span *spans, int nspans, const pdf_parstyle *st);
/* The height the paragraph would take (lines × leading, spacing excluded). */
double pdf_paragraph_height(pdf_flow *f, const pdf_span *spans, int nspans, const pdf_parstyle *st);

/* Reserves h points (a figure), on a new page if they do not fit. */
pdf_where pdf_place(pdf_flow *f, double h);

/* ---- footnotes -------------------------------------------------------- */

/* A footnote, known before the text that refers to it: it is set at the
 * foot of every page whose paragraph lines or table rows hold a span
 * linked to `target` ("#note-7"), under a short rule, in the order they
 * refer to it; the line that refers to it moves to the next page with it
 * when both do not fit.  The first page that holds it names its place
 * `dest` ("note-7").  Its spans and style (its label hung in front, the
 * text indented past it) are copied; the first footnote of a target
 * counts. */
void pdf_footnote(pdf_flow *f, const char *target, const char *dest, const pdf_span *spans, int nspans,
		  const pdf_parstyle *st);
/* Whether a footnote of `target` stands at the foot of some page. */
bool pdf_footnote_set(const pdf_flow *f, const char *target);
/* The footnote is set in the text instead (none of its pages referred to
 * it before): the caller names its place `dest`, so the feet do not. */
void pdf_footnote_in_text(pdf_flow *f, const char *target);

/* ---- tables ----------------------------------------------------------- */

typedef struct {
	pdf_span *spans; /* copies */
	int nspans;
	int colspan;
	pdf_align align;
	bool shade;
	pdf_scope head; /* a header cell: of its column (a head row) or of its row */
	int rowspan;    /* the rows it covers: it and the covered cells below it */
	bool covered;   /* under a cell of a row above: drawn, not content */
} pdf_cell;

/* A ruled table: rows of cells (with column spans), the first `nhead` rows
 * repeated at the top of every page the table runs onto, column widths from
 * the content. */
typedef struct {
	int ncols;
	pdf_cell *cells;
	int ncells, cellcap;
	int *rows; /* index of each row's first cell */
	int nrows, rowcap;
	int nhead;
	double pad_x, pad_y, leading, width; /* width 0: the full measure */
	pdf_rgb rule, shade;
	pdf_span *caption; /* copies; set above the table, kept with its head */
	int ncaption;
} pdf_table;

void pdf_table_init(pdf_table *t, int ncols);
void pdf_table_free(pdf_table *t);
void pdf_table_caption(pdf_table *t, const pdf_span *spans, int nspans);
/* Starts a row; then add its cells, whose colspans add up to ncols. */
void pdf_table_row(pdf_table *t);
void pdf_table_cell(pdf_table *t, const pdf_span *spans, int nspans, int colspan, pdf_align align, bool shade);
/* The last cell added heads its column or its row (TH). */
void pdf_table_head(pdf_table *t, pdf_scope scope);
/* The last cell added is covered by cell `above` (its index among the
 * table's cells), which spans the rows down to it. */
void pdf_table_covered(pdf_table *t, int above);
/* Sets the table into the flow. */
pdf_where pdf_table_set(pdf_flow *f, pdf_table *t);

#endif
