/* pdf_layout.c — the JLReq line breaker, paragraphs, tables and pages. */
#include "pdf_layout.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

/* Where the baseline falls in a line box of type size `size`: the BIZ UD
 * fonts' ascent is 0.88 em and their descent 0.12 em. */
#define ASCENT 0.88

/* ---- measuring -------------------------------------------------------- */

void pdf_metrics_init(pdf_metrics *m, pdf_advance_fn advance, void *ctx)
{
	memset(m, 0, sizeof *m);
	m->advance = advance;
	m->ctx = ctx;
}

void pdf_metrics_fini(pdf_metrics *m)
{
	for (int i = 0; i < PDF_MAX_FONTS; i++)
		free(m->cache[i]);
	memset(m, 0, sizeof *m);
}

static double advance(pdf_metrics *m, int font, uint32_t cp)
{
	if (font < 0 || font >= PDF_MAX_FONTS)
		font = 0;
	if (cp > 0xFFFF)
		cp = ' '; /* libharu sets characters outside the BMP as spaces */
	if (!m->cache[font]) {
		m->cache[font] = xmalloc(0x10000 * sizeof *m->cache[font]);
		for (size_t i = 0; i < 0x10000; i++)
			m->cache[font][i] = INT16_MIN;
	}
	int16_t *w = &m->cache[font][cp];
	if (*w == INT16_MIN)
		*w = (int16_t)m->advance(m->ctx, font, cp);
	return *w;
}

double pdf_width(pdf_metrics *m, int font, double size, const char *s, size_t len)
{
	double w = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (!n)
			n = 1, cp = '?';
		w += advance(m, font, cp);
		i += (size_t)n;
	}
	return w * size / 1000;
}

/* ---- character classes (JLReq appendix C) ----------------------------- */

static int cmp_cp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static bool in_set(const uint32_t *set, size_t n, uint32_t cp)
{
	return bsearch(&cp, set, n, sizeof *set, cmp_cp) != NULL;
}

/* cl-02 closing brackets, cl-03 hyphens, cl-04 ？！, cl-05 ・：；, cl-06 。．,
 * cl-07 、，, cl-09 iteration marks, cl-10 ー, cl-11 small kana; with their
 * ASCII and half-width forms.  Sorted. */
static const uint32_t NO_START[] = {
	'!', '%', ')', ',', '.', ':', ';', '?', ']', '}', 0x00BB, 0x2010, 0x2013, 0x2019, 0x201D, 0x203C,
	0x2047, 0x2048, 0x2049, 0x3001, 0x3002, 0x3005, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015,
	0x3017, 0x3019, 0x301B, 0x301C, 0x301F, 0x303B, 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063,
	0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096, 0x309B, 0x309C, 0x309D, 0x309E, 0x30A0, 0x30A1,
	0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6, 0x30FB,
	0x30FC, 0x30FD, 0x30FE, 0xFF01, 0xFF05, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D,
	0xFF5D, 0xFF5E, 0xFF60, 0xFF61, 0xFF63, 0xFF64, 0xFF65, 0xFF67, 0xFF68, 0xFF69, 0xFF6A, 0xFF6B,
	0xFF6C, 0xFF6D, 0xFF6E, 0xFF6F, 0xFF70,
};

/* cl-01 opening brackets.  Sorted. */
static const uint32_t NO_END[] = {
	'(', '[', '{', 0x00AB, 0x2018, 0x201C, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010,
	0x3014, 0x3016, 0x3018, 0x301A, 0x301D, 0xFF08, 0xFF3B, 0xFF5B, 0xFF5F, 0xFF62,
};

bool pdf_no_start(uint32_t cp)
{
	return (cp >= 0x31F0 && cp <= 0x31FF) || in_set(NO_START, sizeof NO_START / sizeof *NO_START, cp);
}

bool pdf_no_end(uint32_t cp)
{
	return in_set(NO_END, sizeof NO_END / sizeof *NO_END, cp);
}

/* cl-08: dashes and leaders that come in pairs (――, ……). */
static bool inseparable(uint32_t cp)
{
	return cp == 0x2014 || cp == 0x2015 || cp == 0x2025 || cp == 0x2026 || cp == 0x2E3A || cp == 0x2E3B;
}

static bool is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Characters set like ideographs, between which a line may break: the
 * East Asian wide ones and the punctuation, symbols and circled numbers
 * that Japanese fonts set full width (※ ― … ① ○). */
static bool ideographic(uint32_t cp)
{
	return utf8_is_wide(cp) || (cp >= 0x2010 && cp <= 0x206F) || (cp >= 0x2190 && cp <= 0x21FF) ||
	       (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x2500 && cp <= 0x27BF);
}

bool pdf_can_break(uint32_t a, uint32_t b, bool cjk)
{
	if (a == '\n' || b == '\n')
		return true;
	if (pdf_no_start(b) || pdf_no_end(a))
		return false;
	if (a == b && inseparable(a))
		return false;
	/* A note mark or a postal mark stays with its number: ※7, 〒963. */
	if ((a == 0x203B || a == 0x3012) && is_digit(b))
		return false;
	bool ia = ideographic(a), ib = ideographic(b);
	/* English compounds break after their dash or hyphen
	 * ("agriculture–commerce–…", "Mid-Term"), numbers never
	 * ("024-924-3471", "FY2022–2025"). */
	if ((a == '-' || a == '/' || a == 0x2013 || a == 0x2014) && ((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))
		return true;
	if (!ia && !ib)
		return false; /* inside a Latin word or a number */
	return cjk || (ia && ib);
}

bool pdf_phrase_break(uint32_t a, uint32_t b)
{
	if (!pdf_can_break(a, b, true))
		return false;
	bool hira_a = a >= 0x3041 && a <= 0x309F, hira_b = b >= 0x3041 && b <= 0x309F;
	/* Kana, the long vowel mark and iteration marks do not close a phrase
	 * however they may not start a line. */
	bool word_part = (a >= 0x3040 && a <= 0x30FF && a != 0x30FB) || (a >= 0x31F0 && a <= 0x31FF) || a == 0x3005;
	/* After the particles and endings that close a phrase (を|支える,
	 * 活動の|推進), after a comma, a middle dot or a closing mark, and
	 * before an opening one. */
	return (hira_a && !hira_b) || (pdf_no_start(a) && !word_part) || pdf_no_end(b);
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t';
}

/* ---- line breaking ---------------------------------------------------- */

typedef struct {
	uint32_t cp;
	int span;
	size_t off;
	int blen;
	double adv;  /* points, as set: a mark that gives up its blank, less */
	double nat;  /* the glyph's own advance */
	double glue; /* space before it unless it starts a line; < 0: drawn back into the blank before, even there */
	bool whole;  /* of a span never broken inside */
	bool hyph;   /* a hyphen may end a line before it */
} bchar;

/* The glue before c[i] on a line that starts at c[s]. */
static double lead(const bchar *c, size_t i, size_t s)
{
	return i > s || c[i].glue < 0 ? c[i].glue : 0;
}

/* JLReq's classes of the marks that carry half an em of blank: opening
 * brackets (cl-01, blank before the ink), closing brackets (cl-02), full
 * stops and commas (cl-06, cl-07; blank after). */
static bool opening(uint32_t cp)
{
	return cp == 0x300C || cp == 0x300E || cp == 0xFF08 || cp == 0x3014 || cp == 0xFF3B || cp == 0xFF5B ||
	       cp == 0x3008 || cp == 0x300A || cp == 0x3010 || cp == 0x3016 || cp == 0x3018 || cp == 0x301D;
}

static bool closing(uint32_t cp)
{
	return cp == 0x300D || cp == 0x300F || cp == 0xFF09 || cp == 0x3015 || cp == 0xFF3D || cp == 0xFF5D ||
	       cp == 0x3009 || cp == 0x300B || cp == 0x3011 || cp == 0x3017 || cp == 0x3019 || cp == 0x301F ||
	       cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C || cp == 0xFF0E;
}

/* Kana and kanji, which stand a quarter em from Latin letters and digits. */
static bool kana_kanji(uint32_t cp)
{
	/* ・ and ゠ are marks with their own blank; 々 is a kanji. */
	return (utf8_is_kana_kanji(cp) && cp != 0x30FB && cp != 0x30A0) || cp == 0x3005;
}

static bool western(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || cp == '%';
}

/* The spacing of JLReq 3.1.4 and 3.2.3, decided between each pair of
 * neighbours: of two marks in a row, the blank between them is at most half
 * an em (」「 、「 。」 （「 are set in 1.5 em); kana and kanji stand a
 * quarter em (四分アキ) from Latin letters and digits, and a space typed
 * between them is set as that quarter em. */
static void jlreq_spacing(bchar *c, size_t n, const pdf_span *spans)
{
	for (size_t i = 1; i < n; i++) {
		bchar *a = &c[i - 1], *b = &c[i];
		double em = spans[b->span].size;
		if (closing(a->cp) && (closing(b->cp) || opening(b->cp)))
			a->adv = a->nat - 0.5 * spans[a->span].size;
		else if (opening(a->cp) && opening(b->cp))
			b->glue = -0.5 * em;
		else if ((kana_kanji(a->cp) && western(b->cp)) || (western(a->cp) && kana_kanji(b->cp)))
			b->glue = 0.25 * fmin(em, spans[a->span].size);
		else if (is_space(b->cp) && i + 1 < n && !is_space(c[i + 1].cp) &&
			 ((kana_kanji(a->cp) && western(c[i + 1].cp)) || (western(a->cp) && kana_kanji(c[i + 1].cp))))
			b->adv = fmin(b->nat, 0.25 * em);
	}
}

/* Japanese fonts draw the typographic quotes ‘ ’ “ ” in a fixed half em,
 * the ink to one side: in Latin text ("the city’s") each is set in its
 * ink with a narrow side bearing, as a Latin font would. */
static void latin_quote(pdf_metrics *m, const pdf_span *sp, bchar *ch)
{
	const int side = 70; /* thousandths of an em, as the fonts' apostrophe */
	int left, width;
	if (ch->cp < 0x2018 || ch->cp > 0x201F || !m->ink || !m->ink(m->ink_ctx, sp->font, ch->cp, &left, &width))
		return;
	double adv = (width + 2 * side) * sp->size / 1000;
	if (adv >= ch->nat - 0.01)
		return;
	ch->adv = adv;
	ch->glue = (side - left) * sp->size / 1000;
}

static bool ascii_letter(uint32_t cp)
{
	return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
}

/* Marks the hyphenation points of every word of ASCII letters within one
 * span (a number, a code such as FY2022 or a word joined to digits is
 * left whole). */
static void hyphenation_points(pdf_metrics *m, bchar *c, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && ascii_letter(c[j].cp) && c[j].span == c[i].span)
			j++;
		/* Words of seven letters or more, not in a compound that has
		 * its own hyphen (working-age) nor joined to digits. */
		bool alone = j > i && (i == 0 || !(c[i - 1].cp < 0x80 && (isalnum((int)c[i - 1].cp) || c[i - 1].cp == '-'))) &&
			     (j == n || !(c[j].cp < 0x80 && (isalnum((int)c[j].cp) || c[j].cp == '-')));
		if (alone && j - i >= 7 && !c[i].whole) {
			char word[64];
			bool before[64];
			size_t len = j - i < sizeof word ? j - i : 0;
			for (size_t k = 0; k < len; k++)
				word[k] = (char)(c[i + k].cp | 0x20);
			word[len] = '\0';
			if (len) {
				m->hyphenate(m->hyph_ctx, word, len, before);
				for (size_t k = 1; k < len; k++)
					c[i + k].hyph = before[k];
			}
		}
		i = j > i ? j : i + 1;
	}
}

static bchar *flatten(pdf_metrics *m, const pdf_span *spans, int nspans, bool cjk, bool hyphenate, size_t *n)
{
	size_t total = 0;
	for (int s = 0; s < nspans; s++)
		total += spans[s].len;
	bchar *c = xmalloc((total + 1) * sizeof *c);
	size_t k = 0;
	for (int s = 0; s < nspans; s++) {
		const pdf_span *sp = &spans[s];
		size_t i = 0;
		while (i < sp->len) {
			uint32_t cp;
			int len = utf8_decode(sp->text + i, sp->len - i, &cp);
			if (!len)
				len = 1, cp = '?';
			if (cp == '\r') {
				i += (size_t)len;
				continue;
			}
			double adv = cp == '\n' ? 0 : advance(m, sp->font, cp) * sp->size / 1000;
			c[k] = (bchar){cp, s, i, len, adv, adv, 0, sp->whole, false};
			if (!cjk)
				latin_quote(m, sp, &c[k]);
			k++;
			i += (size_t)len;
		}
	}
	*n = k;
	if (cjk)
		jlreq_spacing(c, k, spans);
	else if (hyphenate && m->hyphenate)
		hyphenation_points(m, c, k);
	return c;
}

/* Whether a line may end before c[i] (and the next start at c[i], after
 * any spaces). */
static bool break_before(const bchar *c, size_t i, bool cjk)
{
	if (c[i].whole && c[i - 1].whole && c[i].span == c[i - 1].span)
		return false;
	if (is_space(c[i].cp) || is_space(c[i - 1].cp))
		return true;
	return pdf_can_break(c[i - 1].cp, c[i].cp, cjk);
}

static void add_frag(pdf_line *l, int *cap, pdf_frag fr)
{
	if (l->nfrags == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		l->frags = xrealloc(l->frags, (size_t)*cap * sizeof *l->frags);
	}
	l->frags[l->nfrags++] = fr;
}

/* Whether justification may add space between c[i] and c[i + 1] in
 * Japanese: between ideographs, at the Japanese–Latin boundaries and at
 * spaces, never inside a Latin word, a number, an amount or a pair of marks
 * already set close. */
static bool stretchable(const bchar *c, size_t i)
{
	const bchar *a = &c[i], *b = &c[i + 1];
	if (a->whole && b->whole && a->span == b->span)
		return false;
	if (is_space(a->cp) || is_space(b->cp))
		return true;
	if ((opening(a->cp) || closing(a->cp)) && (opening(b->cp) || closing(b->cp)))
		return false;
	return ideographic(a->cp) || ideographic(b->cp);
}

/* A quarter em: the glue before a character, or a typed space set so. */
static bool quarter(const bchar *ch)
{
	return ch->glue > 0 || (is_space(ch->cp) && ch->adv < ch->nat);
}

static bool adjustable(const bchar *c, size_t i, bool shrink)
{
	return stretchable(c, i) && !(shrink && (quarter(&c[i]) || quarter(&c[i + 1])));
}

/* Makes the line of characters [s, e): trailing spaces dropped, justified
 * unless it ends a paragraph or a forced line; its last character takes
 * its full advance (a mark set close to the next one, on the next line, is
 * not set close at the end of this one).  The space a line lacks or
 * has over (a closing mark pulled onto it, JLReq's oikomi) is taken from,
 * or added to, the places stretchable() allows.  hyphen: the width of the
 * hyphen that ends it inside a word, 0 for none. */
static pdf_line make_line(const bchar *c, size_t s, size_t e, const pdf_span *spans, double width, pdf_align align,
			  bool cjk, bool last, double hyphen)
{
	pdf_line l = {.hyphen = hyphen > 0};
	size_t end = e; /* with the spaces the line ends with */
	while (e > s && is_space(c[e - 1].cp))
		e--;
	double natural = hyphen, space = 0;
	int nchars = 0, nspaces = 0, nopp = 0;
	for (size_t i = s; i < e; i++) {
		natural += (i + 1 < e ? c[i].adv : c[i].nat) + lead(c, i, s);
		nchars++;
		if (is_space(c[i].cp))
			nspaces++, space = c[i].adv;
		if (spans[c[i].span].size > l.size)
			l.size = spans[c[i].span].size;
	}
	/* A line set tighter keeps its quarter ems between Japanese and
	 * Latin: the space comes from between the other characters. */
	bool shrink = natural > width;
	for (size_t i = s; i + 1 < e; i++)
		nopp += adjustable(c, i, shrink);
	if (nchars == 0) {
		/* An empty line keeps the height of its text. */
		l.size = spans[c[s].span].size;
		return l;
	}
	double extra = width - natural, cs = 0, ws = 0, offset = 0;
	bool justify = align == PDF_JUSTIFY && !last;
	if (extra < 0 || justify) {
		if (cjk && nopp > 0) {
			cs = extra / nopp;
			/* A line cut short before a long word is not spread thin. */
			if (cs > 0.3 * l.size)
				cs = 0;
		} else if (!cjk && nspaces > 0 && extra > 0) {
			ws = fmin(extra / nspaces, space); /* never over twice its width */
		}
	}
	double set = natural + cs * nopp + ws * nspaces;
	l.adjust = cjk ? cs : ws;
	if (align == PDF_CENTER)
		offset = (width - set) / 2;
	else if (align == PDF_RIGHT)
		offset = width - set;
	if (offset < 0)
		offset = 0;
	l.width = set;
	int cap = 0;
	double x = offset;
	pdf_frag *fr = NULL;
	double prev_gap = 0;
	for (size_t i = s; i < e; i++) {
		x += lead(c, i, s);
		if (!cjk && is_space(c[i].cp)) {
			/* The space is drawn after its word (its place comes
			 * from the next word's), so the text has it. */
			if (fr && c[i].span == fr->span)
				fr->end = c[i].off + (size_t)c[i].blen;
			x += c[i].adv + ws;
			fr = NULL;
			continue;
		}
		double gap = cjk && i + 1 < e && adjustable(c, i, shrink) ? cs : 0;
		/* A text operation spaces its characters evenly: a change of
		 * span, spacing or advance begins another. */
		if (!fr || c[i].span != fr->span || c[i].glue != 0 || c[i - 1].adv != c[i - 1].nat ||
		    fr->char_space != prev_gap) {
			add_frag(&l, &cap, (pdf_frag){c[i].span, c[i].off, 0, x, 0, gap});
			fr = &l.frags[l.nfrags - 1];
		}
		fr->end = c[i].off + (size_t)c[i].blen;
		fr->width = x + (i + 1 < e ? c[i].adv : c[i].nat) - fr->x;
		x += c[i].adv + gap;
		prev_gap = gap;
	}
	/* A line broken at a space keeps one at its end, unseen: read as
	 * text (a screen reader, a copy), its last word and the next line's
	 * first are two words. */
	pdf_frag *last_frag = l.nfrags ? &l.frags[l.nfrags - 1] : NULL;
	if (end > e && last_frag && !hyphen && c[e].span == last_frag->span)
		last_frag->end = c[e].off + (size_t)c[e].blen;
	return l;
}

static void push_line(pdf_lines *out, int *cap, pdf_line l)
{
	if (out->n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		out->lines = xrealloc(out->lines, (size_t)*cap * sizeof *out->lines);
	}
	out->lines[out->n++] = l;
}

/* Whether c[i] is in the text's last word: hyphenated, it would leave a
 * fragment alone on the last line. */
static bool last_word(const bchar *c, size_t i, size_t n)
{
	for (; i < n; i++)
		if (is_space(c[i].cp) || c[i].cp == '\n')
			return false;
	return true;
}

/* Whether the line [s, e) of width w (trailing spaces included) would
 * have its word spaces stretched by more than half their width to fill
 * `width`. */
static bool loose(const bchar *c, size_t s, size_t e, double w, double width)
{
	double space = 0;
	int nspaces = 0;
	while (e > s && is_space(c[e - 1].cp))
		w -= c[--e].adv;
	for (size_t i = s; i < e; i++)
		if (is_space(c[i].cp))
			nspaces++, space = c[i].adv;
	return nspaces == 0 || (width - w) / nspaces > 0.5 * space;
}

/* Whether the last line [start[1], n) holds one or two characters and
 * follows a line it may be joined to. */
static bool joinable_pair(const bchar *c, const size_t *start, size_t n, bool joinable)
{
	int chars = 0;
	for (size_t i = start[1]; i < n; i++) {
		if (c[i].cp == '\n')
			return false;
		chars += !is_space(c[i].cp);
	}
	return joinable && chars > 0 && chars <= 2 && start[0] < start[1];
}

static void lines_drop(pdf_lines *l, int k)
{
	for (; k > 0 && l->n > 0; k--)
		free(l->lines[--l->n].frags);
}

/* pdf_break on characters already flattened. */
static void break_chars(pdf_metrics *m, const bchar *c, size_t n, const pdf_span *spans, double width, double first,
			pdf_align align, bool cjk, pdf_lines *out)
{
	out->lines = NULL;
	out->n = 0;
	int cap = 0;
	const double eps = 0.01;
	size_t s = 0;
	/* Where the last two lines made start, and whether the one before
	 * the last ended a forced line (for the short last line below). */
	size_t start[2] = {0, 0};
	int made = 0;
	bool joinable[2] = {false, false}; /* ended neither forced nor hyphenated */
	while (s < n) {
		while (s < n && is_space(c[s].cp))
			s++;
		if (s >= n)
			break;
		start[0] = start[1], start[1] = s;
		double w = out->n == 0 ? first : 0, wlast = 0, hyphen = 0, hw = 0;
		size_t last = 0, hy = 0, i = s, end = n;
		bool forced = false, done = false;
		for (; i < n; i++) {
			if (c[i].cp == '\n') {
				end = i;
				forced = true;
				break;
			}
			if (i > s && break_before(c, i, cjk))
				last = i, wlast = w;
			if (c[i].hyph && i > s && align == PDF_JUSTIFY && !last_word(c, i, n)) {
				double h = advance(m, spans[c[i - 1].span].font, '-') * spans[c[i - 1].span].size / 1000;
				if (w + h <= width + eps)
					hy = i, hw = h;
			}
			double wi = w + c[i].adv + lead(c, i, s);
			if (wi > width + eps && i > s && !is_space(c[i].cp)) {
				double size = spans[c[i].span].size;
				/* Pull a closing mark onto a full line by taking back the
				 * half em of blank a full-width mark carries, spread over
				 * the line, rather than push the word before it down. */
				if (cjk && closing(c[i].cp) && c[i].adv == c[i].nat && wi - width <= 0.5 * size + eps && i - s >= 12 &&
				    (i + 1 >= n || break_before(c, i + 1, cjk))) {
					end = i + 1;
					break;
				}
				if (hy > last && hy > s && (last <= s || loose(c, s, last, wlast, width))) {
					end = hy;
					hyphen = hw;
				} else if (last > s) {
					end = last;
				} else {
					/* Nothing may break here: cut the word, yet never
					 * start the next line with a closing mark. */
					end = i;
					if (pdf_no_start(c[i].cp) && i - 1 > s)
						end = i - 1;
				}
				break;
			}
			w = wi;
		}
		if (i >= n && !forced) {
			end = n;
			done = true;
		}
		double indent = out->n == 0 ? first : 0;
		pdf_line l = make_line(c, s, end, spans, width - indent, align, cjk, done || forced, hyphen);
		l.newline = forced && !cjk;
		for (int k = 0; k < l.nfrags; k++)
			l.frags[k].x += indent;
		push_line(out, &cap, l);
		made = out->n;
		joinable[0] = joinable[1], joinable[1] = !forced && hyphen == 0;
		s = forced ? end + 1 : end;
		/* Consecutive '\n' give empty lines. */
		while (forced && s < n && c[s].cp == '\n') {
			pdf_line empty = {.size = spans[c[s].span].size};
			push_line(out, &cap, empty);
			s++;
		}
	}
	/* A Japanese paragraph does not end on a line of one or two
	 * characters (「す。」): they are pulled onto the line before when the
	 * space between its characters shrinks by at most 6 % of an em. */
	if (cjk && align == PDF_JUSTIFY && made == out->n && made >= 2 && joinable_pair(c, start, n, joinable[0])) {
		double indent = made == 2 ? first : 0;
		pdf_line l = make_line(c, start[0], n, spans, width - indent, align, cjk, true, 0);
		if (l.nfrags && l.adjust >= -0.06 * l.size) {
			for (int k = 0; k < l.nfrags; k++)
				l.frags[k].x += indent;
			lines_drop(out, 2);
			push_line(out, &cap, l);
		} else {
			free(l.frags);
		}
	}
}

void pdf_break(pdf_metrics *m, const pdf_span *spans, int nspans, double width, double first, pdf_align align,
	       bool cjk, pdf_lines *out)
{
	size_t n;
	bchar *c = flatten(m, spans, nspans, cjk, align == PDF_JUSTIFY, &n);
	break_chars(m, c, n, spans, width, first, align, cjk, out);
	free(c);
}

/* Sums over the characters, so that the width of any line is found at
 * once: sum[i], the advances and glue of the characters before i; fwd[i],
 * the first one from i that is not a space; back[i], the end of the last
 * one before i that is not; solid[i], how many before i are not spaces. */
typedef struct {
	double *sum;
	size_t *fwd, *back;
	int *solid;
} prefix;

static void prefix_init(prefix *p, const bchar *c, size_t n)
{
	p->sum = xmalloc((n + 1) * sizeof *p->sum);
	p->fwd = xmalloc((n + 1) * sizeof *p->fwd);
	p->back = xmalloc((n + 1) * sizeof *p->back);
	p->solid = xmalloc((n + 1) * sizeof *p->solid);
	p->sum[0] = 0, p->solid[0] = 0, p->back[0] = 0;
	for (size_t i = 0; i < n; i++) {
		p->sum[i + 1] = p->sum[i] + c[i].adv + c[i].glue;
		p->solid[i + 1] = p->solid[i] + !is_space(c[i].cp);
		p->back[i + 1] = is_space(c[i].cp) ? p->back[i] : i + 1;
	}
	p->fwd[n] = n;
	for (size_t i = n; i-- > 0;)
		p->fwd[i] = is_space(c[i].cp) ? p->fwd[i + 1] : i;
}

static void prefix_free(prefix *p)
{
	free(p->sum), free(p->fwd), free(p->back), free(p->solid);
}

/* Width of characters [a, b) set as one line: the spaces at either end
 * left out, the first one's glue too (unless it draws it back), the last
 * one at its full advance (a mark set close to the next one is not, at the
 * end of a line). */
static double range_width(const bchar *c, const prefix *p, size_t a, size_t b)
{
	a = p->fwd[a];
	b = p->back[b];
	if (b <= a)
		return 0;
	return p->sum[b] - p->sum[a] - c[a].glue + lead(c, a, a) + c[b - 1].nat - c[b - 1].adv;
}

static bool katakana(uint32_t cp)
{
	return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC || (cp >= 0x31F0 && cp <= 0x31FF);
}

static bool kanji(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || cp == 0x3005;
}

/* What a Japanese cut between a and b costs the reader: nothing between
 * phrases (文節), 1 between a compound's kanji and katakana parts (市民
 * 防災/リーダー), 3 inside a katakana word (リー/ダー), 2 elsewhere (inside
 * a run of kanji, before an ending or a particle, between a number and
 * its unit). */
static int cut_cost(uint32_t a, uint32_t b)
{
	if (is_space(a) || is_space(b) || pdf_phrase_break(a, b))
		return 0;
	if (katakana(a) && katakana(b))
		return 3;
	return (kanji(a) && katakana(b)) || (katakana(a) && kanji(b)) ? 1 : 2;
}

/* The cuts of the greedy break of n lines moved to the places where the
 * lines are most even: in Japanese first the cuts that cost the reader
 * least (cut_cost: none when the phrases allow it), then the shortest
 * longest line; best[j][k] for cut k ending line j.  Japanese lines never
 * hold only one or two characters; elsewhere a cut after a hyphen costs 1.
 * Returns false when no such cuts fit;
 * *cost, what they cost. */
static bool even_cuts(const bchar *c, size_t nc, double width, int n, bool cjk, size_t *out, int *cost)
{
	size_t *cut = xmalloc((nc + 2) * sizeof *cut);
	int *inside = xmalloc((nc + 2) * sizeof *inside); /* what the cut costs */
	int k = 0;
	cut[k] = 0, inside[k++] = 0;
	for (size_t i = 1; i < nc; i++)
		if (break_before(c, i, cjk) && !(is_space(c[i].cp) && is_space(c[i - 1].cp))) {
			cut[k] = i;
			/* in words written with spaces, a space before a hyphen
			 * (42 / clean-ups, not 42 clean- / ups) */
			inside[k++] = cjk ? cut_cost(c[i - 1].cp, c[i].cp) : c[i - 1].cp == '-' || c[i - 1].cp == 0x2010;
		}
	cut[k] = nc, inside[k++] = 0;
	prefix p;
	prefix_init(&p, c, nc);
	double *best = xmalloc((size_t)(n + 1) * (size_t)k * sizeof *best);
	int *splits = xmalloc((size_t)(n + 1) * (size_t)k * sizeof *splits);
	int *from = xcalloc((size_t)(n + 1) * (size_t)k, sizeof *from);
	for (int x = 0; x < (n + 1) * k; x++)
		best[x] = HUGE_VAL, splits[x] = INT_MAX;
	best[0] = 0, splits[0] = 0;
	for (int j = 1; j <= n; j++)
		for (int b = 1; b < k; b++)
			for (int a = b - 1; a >= 0; a--) {
				double w = range_width(c, &p, cut[a], cut[b]);
				if (w > width + 0.01)
					break; /* longer still from further back */
				if (best[(j - 1) * k + a] == HUGE_VAL || (cjk && p.solid[cut[b]] - p.solid[cut[a]] < 3))
					continue;
				double worst = fmax(w, best[(j - 1) * k + a]);
				int sp = splits[(j - 1) * k + a] + inside[b];
				if (sp < splits[j * k + b] || (sp == splits[j * k + b] && worst < best[j * k + b] - 0.01))
					best[j * k + b] = worst, splits[j * k + b] = sp, from[j * k + b] = a;
			}
	bool ok = best[n * k + k - 1] != HUGE_VAL;
	*cost = ok ? splits[n * k + k - 1] : INT_MAX;
	for (int j = n, b = k - 1; ok && j > 0; j--) {
		out[j - 1] = cut[b];
		b = from[j * k + b];
	}
	free(best), free(splits), free(from), free(cut), free(inside);
	prefix_free(&p);
	return ok;
}

/* The lines of c[0..nc) (no forced break in it), as greedy breaking
 * counts them or up to `room` lines where more cost the reader less
 * (even_cuts), set as evenly as they go. */
static void even_segment(pdf_metrics *m, const bchar *c, size_t nc, const pdf_span *spans, double width,
			 pdf_align align, bool cjk, int room, pdf_lines *out)
{
	break_chars(m, c, nc, spans, width, 0, align, cjk, out);
	if (out->n < 2)
		return;
	size_t *ends = xmalloc((size_t)(out->n > room ? out->n : room) * sizeof *ends);
	size_t *more = xmalloc((size_t)(out->n > room ? out->n : room) * sizeof *more);
	int n = 0, cost = INT_MAX;
	for (int k = out->n; k == out->n || k <= room; k++) {
		int kc;
		if (even_cuts(c, nc, width, k, cjk, more, &kc) && kc < cost) {
			memcpy(ends, more, (size_t)k * sizeof *ends);
			n = k, cost = kc;
		}
		if (cost == 0)
			break;
	}
	free(more);
	if (n) {
		pdf_lines_free(out);
		out->lines = xcalloc((size_t)n, sizeof *out->lines);
		for (size_t j = 0, a = 0; j < (size_t)n; a = ends[j++]) {
			while (a < ends[j] && is_space(c[a].cp))
				a++;
			out->lines[out->n++] = make_line(c, a, ends[j], spans, width, align, cjk, j + 1 == (size_t)n, 0);
		}
	}
	free(ends);
}

void pdf_break_even(pdf_metrics *m, const pdf_span *spans, int nspans, double width, pdf_align align, bool cjk,
		    int room, pdf_lines *out)
{
	size_t nc;
	bchar *c = flatten(m, spans, nspans, cjk, align == PDF_JUSTIFY, &nc);
	/* Lines the text itself breaks stay; each stretch between them is set
	 * evenly on its own (a name, then its note on a line of its own).  An
	 * empty stretch between two breaks is an empty line, as break_chars
	 * makes it. */
	out->lines = NULL;
	out->n = 0;
	int cap = 0;
	for (size_t a = 0; a <= nc;) {
		size_t b = a;
		while (b < nc && c[b].cp != '\n')
			b++;
		pdf_lines seg = {NULL, 0};
		even_segment(m, c + a, b - a, spans, width, align, cjk, a == 0 && b == nc ? room : 0, &seg);
		if (seg.n == 0 && b < nc && a > 0)
			push_line(out, &cap, make_line(c, a, a, spans, width, align, cjk, true, 0));
		for (int i = 0; i < seg.n; i++)
			push_line(out, &cap, seg.lines[i]);
		if (seg.n && b < nc && !cjk)
			out->lines[out->n - 1].newline = true;
		free(seg.lines);
		a = b + 1;
	}
	free(c);
}

void pdf_lines_free(pdf_lines *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->lines[i].frags);
	free(l->lines);
	l->lines = NULL;
	l->n = 0;
}

double pdf_text_width(pdf_metrics *m, int font, double size, const char *s, size_t len, bool cjk)
{
	pdf_span sp = {.text = s, .len = len, .font = font, .size = size};
	size_t n;
	bchar *c = flatten(m, &sp, 1, cjk, false, &n);
	double w = 0;
	for (size_t i = 0; i < n; i++)
		w += c[i].adv + lead(c, i, 0);
	free(c);
	return w;
}

void pdf_extent(pdf_metrics *m, const pdf_span *spans, int nspans, bool cjk, double *min, double *max)
{
	size_t n;
	bchar *c = flatten(m, spans, nspans, cjk, false, &n);
	double unit = 0, line = 0;
	*min = *max = 0;
	for (size_t i = 0; i < n; i++) {
		if (c[i].cp == '\n') {
			*max = fmax(*max, line);
			*min = fmax(*min, unit);
			line = unit = 0;
			continue;
		}
		if (i > 0 && c[i - 1].cp != '\n' && break_before(c, i, cjk)) {
			*min = fmax(*min, unit);
			unit = 0;
		}
		if (!is_space(c[i].cp))
			unit += c[i].adv + (unit > 0 ? c[i].glue : 0);
		else if (c[i].whole && unit > 0)
			unit += c[i].adv; /* a space inside an amount: 454,897 connections */
		line += c[i].adv + lead(c, i, 0);
	}
	*max = fmax(*max, line);
	*min = fmax(*min, unit);
	free(c);
}

/* ---- pages ------------------------------------------------------------ */

void pdf_flow_init(pdf_flow *f, const pdf_geometry *g, pdf_metrics *m, bool cjk)
{
	memset(f, 0, sizeof *f);
	f->g = *g;
	f->m = m;
	f->cjk = cjk;
	f->part = -1;
}

/* ---- structure ----------------------------------------------------------- */

void pdf_struct_init(pdf_struct *s)
{
	memset(s, 0, sizeof *s);
	s->cur = -2;
}

void pdf_struct_free(pdf_struct *s)
{
	for (int i = 0; i < s->n; i++) {
		free(s->elems[i].alt);
		free(s->elems[i].headers);
	}
	free(s->elems);
	memset(s, 0, sizeof *s);
}

static int new_elem(pdf_struct *s, const char *type, int parent)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->elems = xrealloc(s->elems, (size_t)s->cap * sizeof *s->elems);
	}
	s->elems[s->n] = (pdf_elem){.type = type, .parent = parent};
	return s->n++;
}

int pdf_open(pdf_flow *f, const char *type)
{
	if (!f->st)
		return PDF_ARTIFACT;
	int prev = f->st->cur;
	if (prev != PDF_ARTIFACT) /* nothing inside an artifact is content */
		f->st->cur = new_elem(f->st, type, prev < 0 ? -1 : prev);
	return prev;
}

int pdf_artifact(pdf_flow *f)
{
	if (!f->st)
		return PDF_ARTIFACT;
	int prev = f->st->cur;
	f->st->cur = PDF_ARTIFACT;
	return prev;
}

void pdf_close(pdf_flow *f, int prev)
{
	if (f->st)
		f->st->cur = prev;
}

void pdf_alt(pdf_flow *f, const char *alt)
{
	if (f->st && f->st->cur >= 0 && alt) {
		free(f->st->elems[f->st->cur].alt);
		f->st->elems[f->st->cur].alt = xstrdup(alt);
	}
}

typedef struct pdf_note {
	char *target, *dest;
	pdf_span *spans, label; /* copies */
	int nspans;
	pdf_parstyle st;
	double height;
	bool at_foot; /* at the foot of some page */
	bool named;   /* its dest is taken (by a foot, or by the text) */
	int elem, elem_page; /* its Note element, on the first page that holds it */
} pdf_note;

static pdf_span *copy_spans(const pdf_span *spans, int n);
static void free_spans(pdf_span *s, int n);

void pdf_flow_free(pdf_flow *f)
{
	for (int p = 0; p < f->npages; p++) {
		for (int i = 0; i < f->pages[p].nops; i++)
			free(f->pages[p].ops[i].text);
		free(f->pages[p].ops);
		free(f->pages[p].notes);
	}
	for (int i = 0; i < f->nnotes; i++) {
		pdf_note *n = &f->notes[i];
		free(n->target);
		free(n->dest);
		free_spans(n->spans, n->nspans);
		free((char *)n->label.text);
	}
	free(f->notes);
	f->notes = NULL;
	f->nnotes = 0;
	free(f->pages);
	f->pages = NULL;
	f->npages = f->cap = 0;
}

void pdf_new_page(pdf_flow *f)
{
	pdf_flow_finish(f);
	if (f->npages == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->pages = xrealloc(f->pages, (size_t)f->cap * sizeof *f->pages);
	}
	f->pages[f->npages++] = (pdf_page){NULL, 0, 0, f->part, NULL, 0, 0, false, f->landscape};
	f->y = f->g.top;
	f->keep = false;
}

static void page_break(pdf_flow *f);

void pdf_turn(pdf_flow *f, bool landscape)
{
	if (f->landscape == landscape)
		return;
	f->landscape = landscape;
	double measure = pdf_measure(f), w = f->g.width;
	f->g.width = f->g.height, f->g.height = w;
	pdf_page *pg = f->npages ? &f->pages[f->npages - 1] : NULL;
	if (pg && f->keep && f->keep_page == f->npages - 1 && f->keep_op == 0) {
		/* The page holds only headings kept with what follows (a part's
		 * title): it turns itself; a rule across the measure stays so. */
		pg->landscape = landscape;
		for (int i = 0; i < pg->nops; i++)
			if (pg->ops[i].kind == PDF_OP_LINE && fabs(pg->ops[i].w - measure) < 0.5)
				pg->ops[i].w = pdf_measure(f);
	} else if (!pg) {
		pdf_new_page(f);
	} else {
		page_break(f); /* a heading kept with what follows turns with it */
	}
}

void pdf_keep_with_next(pdf_flow *f)
{
	if (!f->npages)
		pdf_new_page(f);
	if (f->keep && f->keep_page == f->npages - 1)
		return; /* a heading under a heading: the first one's mark holds */
	f->keep = true;
	f->keep_page = f->npages - 1;
	f->keep_op = f->pages[f->npages - 1].nops;
	f->keep_y = f->y;
}

/* A new page for a block that does not fit; kept headings go with it. */
static void page_break(pdf_flow *f)
{
	if (!f->keep || f->keep_page != f->npages - 1 || f->keep_y <= f->g.top + 0.01) {
		pdf_new_page(f);
		return;
	}
	double dy = f->g.top - f->keep_y, y = f->y;
	/* The kept operations leave before the page is completed (its
	 * footnotes are set after its last operation). */
	pdf_page *src = &f->pages[f->npages - 1];
	int nmove = src->nops - f->keep_op;
	pdf_op *move = xcalloc((size_t)nmove + 1, sizeof *move);
	memcpy(move, src->ops + f->keep_op, (size_t)nmove * sizeof *move);
	src->nops = f->keep_op;
	pdf_new_page(f);
	pdf_page *dst = &f->pages[f->npages - 1];
	for (int i = 0; i < nmove; i++) {
		if (dst->nops == dst->cap) {
			dst->cap = dst->cap ? dst->cap * 2 : 64;
			dst->ops = xrealloc(dst->ops, (size_t)dst->cap * sizeof *dst->ops);
		}
		move[i].y += dy;
		dst->ops[dst->nops++] = move[i];
	}
	free(move);
	f->y = y + dy;
}

double pdf_room(const pdf_flow *f)
{
	return f->npages ? f->g.height - f->g.bottom - f->pages[f->npages - 1].foot - f->y : 0;
}

static bool at_top(const pdf_flow *f)
{
	return f->npages && f->y <= f->g.top + 0.01;
}

void pdf_need(pdf_flow *f, double h)
{
	if (!f->npages)
		pdf_new_page(f);
	else if (pdf_room(f) < h - 0.01 && !at_top(f))
		page_break(f);
}

void pdf_skip(pdf_flow *f, double h)
{
	if (!f->npages)
		pdf_new_page(f);
	if (at_top(f))
		return;
	f->y += h;
	if (pdf_room(f) < 0)
		pdf_new_page(f);
}

double pdf_measure(const pdf_flow *f)
{
	return f->g.width - f->g.left - f->g.right;
}

pdf_op *pdf_add(pdf_flow *f, int page, pdf_opkind kind, double x, double y, double w, double h, const char *text)
{
	pdf_page *pg = &f->pages[page];
	if (pg->nops == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 64;
		pg->ops = xrealloc(pg->ops, (size_t)pg->cap * sizeof *pg->ops);
	}
	pdf_op *op = &pg->ops[pg->nops++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	op->x = x, op->y = y, op->w = w, op->h = h;
	op->line_width = 0.5;
	op->text = text ? xstrdup(text) : NULL;
	op->elem = f->st && f->st->cur >= 0 ? f->st->cur : PDF_ARTIFACT;
	return op;
}

double pdf_text(pdf_flow *f, int page, double x, double y, const pdf_span *sp)
{
	pdf_lines ls;
	pdf_break(f->m, sp, 1, HUGE_VAL, 0, PDF_LEFT, f->cjk, &ls);
	double w = 0;
	for (int i = 0; i < ls.n; i++, y += sp->size * 1.2) {
		for (int k = 0; k < ls.lines[i].nfrags; k++) {
			const pdf_frag *fr = &ls.lines[i].frags[k];
			pdf_op *op = pdf_add(f, page, PDF_OP_TEXT, x + fr->x, y, fr->width, 0, NULL);
			op->text = xstrndup(sp->text + fr->start, fr->end - fr->start);
			op->font = sp->font, op->size = sp->size, op->rgb = sp->rgb;
		}
		w = fmax(w, ls.lines[i].width);
	}
	pdf_lines_free(&ls);
	return w;
}

/* Draws line l with its top at y and its left edge at x. */
static void draw_line(pdf_flow *f, const pdf_line *l, const pdf_span *spans, double x, double y, double leading)
{
	double lh = l->size * leading;
	double base = y + (lh - l->size) / 2 + l->size * ASCENT;
	int page = f->npages - 1;
	int link = 0;
	double link_x = 0;
	const char *carry = f->carry_link;
	f->carry_link = NULL;
	for (int k = 0; k < l->nfrags; k++) {
		const pdf_frag *fr = &l->frags[k];
		const pdf_span *sp = &spans[fr->span];
		/* A link's text and its annotation, one for the pieces of a
		 * line that lead to the same place (a note's mark ※10 may be
		 * two); a link that goes on from the line before is its Link
		 * element still, with an annotation on each line. */
		const char *prev = k > 0 ? spans[l->frags[k - 1].span].link : NULL;
		if (sp->link && !(prev && strcmp(prev, sp->link) == 0)) {
			if (k == 0 && sp->link == carry && f->st && f->carry_elem >= 0)
				link = f->st->cur, f->st->cur = f->carry_elem;
			else
				link = pdf_open(f, "Link");
			link_x = x + fr->x;
		}
		char *t = xstrndup(sp->text + fr->start, fr->end - fr->start);
		pdf_op *op = pdf_add(f, page, PDF_OP_TEXT, x + fr->x, base - sp->rise, fr->width, 0, NULL);
		op->text = t;
		op->font = sp->font;
		op->size = sp->size;
		op->char_space = fr->char_space;
		op->rgb = sp->rgb;
		const char *next = k + 1 < l->nfrags ? spans[l->frags[k + 1].span].link : NULL;
		if (sp->link && !(next && strcmp(next, sp->link) == 0)) {
			pdf_add(f, page, PDF_OP_LINK, link_x, y, x + fr->x + fr->width - link_x, lh, sp->link);
			if (k + 1 == l->nfrags && f->st)
				f->carry_link = sp->link, f->carry_elem = f->st->cur;
			pdf_close(f, link);
		}
	}
	if (l->hyphen && l->nfrags) {
		/* The hyphen of a word broken at the line's end reads as a
		 * soft hyphen (U+00AD): to a screen reader the word is whole. */
		const pdf_frag *fr = &l->frags[l->nfrags - 1];
		const pdf_span *sp = &spans[fr->span];
		int span = pdf_open(f, "Span");
		if (f->st && f->st->cur >= 0)
			f->st->elems[f->st->cur].actual = "\xC2\xAD";
		pdf_op *op = pdf_add(f, page, PDF_OP_TEXT, x + fr->x + fr->width, base, 0, 0, "-");
		op->font = sp->font, op->size = sp->size, op->rgb = sp->rgb;
		op->w = pdf_width(f->m, sp->font, sp->size, "-", 1);
		pdf_close(f, span);
	} else if (l->newline && l->nfrags) {
		/* Unseen, so that the line and the next read as two words. */
		const pdf_frag *fr = &l->frags[l->nfrags - 1];
		const pdf_span *sp = &spans[fr->span];
		pdf_op *op = pdf_add(f, page, PDF_OP_TEXT, x + fr->x + fr->width, base, 0, 0, " ");
		op->font = sp->font, op->size = sp->size, op->rgb = sp->rgb;
		op->w = pdf_width(f->m, sp->font, sp->size, " ", 1);
	}
}

static double lines_height(const pdf_lines *ls, int from, int to, double leading)
{
	double h = 0;
	for (int i = from; i < to; i++)
		h += ls->lines[i].size * leading;
	return h;
}

static double par_width(const pdf_flow *f, const pdf_parstyle *st)
{
	return st->width > 0 ? st->width : pdf_measure(f) - st->indent;
}

/* The paragraph's lines. */
static void par_lines(pdf_flow *f, const pdf_span *spans, int nspans, const pdf_parstyle *st, pdf_lines *ls)
{
	if (st->even && st->first == 0)
		pdf_break_even(f->m, spans, nspans, par_width(f, st), st->align, f->cjk, 0, ls);
	else
		pdf_break(f->m, spans, nspans, par_width(f, st), st->first, st->align, f->cjk, ls);
}

double pdf_paragraph_height(pdf_flow *f, const pdf_span *spans, int nspans, const pdf_parstyle *st)
{
	pdf_lines ls;
	par_lines(f, spans, nspans, st, &ls);
	double h = lines_height(&ls, 0, ls.n, st->leading);
	pdf_lines_free(&ls);
	return h;
}

/* ---- footnotes ---------------------------------------------------------- */

static int find_note(const pdf_flow *f, const char *target)
{
	for (int i = 0; i < f->nnotes; i++)
		if (strcmp(f->notes[i].target, target) == 0)
			return i;
	return -1;
}

/* The room above a page's first footnote, for the rule: an em of the notes. */
static double note_gap(const pdf_note *n)
{
	return (n->nspans ? n->spans[0].size : 8) * 1.2;
}

void pdf_footnote(pdf_flow *f, const char *target, const char *dest, const pdf_span *spans, int nspans,
		  const pdf_parstyle *st)
{
	if (find_note(f, target) >= 0)
		return;
	f->notes = xrealloc(f->notes, (size_t)(f->nnotes + 1) * sizeof *f->notes);
	pdf_note *n = &f->notes[f->nnotes++];
	memset(n, 0, sizeof *n);
	n->target = xstrdup(target);
	n->dest = xstrdup(dest);
	n->spans = copy_spans(spans, nspans);
	n->nspans = nspans;
	n->st = *st;
	n->st.before = n->st.after = 0;
	n->st.label = NULL; /* &n->label when set: the array moves */
	if (st->label) {
		n->label = *st->label;
		n->label.text = xstrndup(st->label->text, st->label->len);
		n->label.link = NULL;
	}
	n->height = pdf_paragraph_height(f, n->spans, nspans, &n->st);
	n->elem = PDF_ARTIFACT;
	n->elem_page = -1;
}

bool pdf_footnote_set(const pdf_flow *f, const char *target)
{
	int k = find_note(f, target);
	return k >= 0 && f->notes[k].at_foot;
}

/* A page's notes: k at its foot, -1 - k set in its text. */
static void page_note(pdf_page *pg, int entry)
{
	pg->notes = xrealloc(pg->notes, (size_t)(pg->nnotes + 1) * sizeof *pg->notes);
	pg->notes[pg->nnotes++] = entry;
}

static bool page_holds(const pdf_page *pg, int note)
{
	for (int i = 0; i < pg->nnotes; i++)
		if (pg->notes[i] == note || pg->notes[i] == -1 - note)
			return true;
	return false;
}

void pdf_footnote_in_text(pdf_flow *f, const char *target)
{
	int k = find_note(f, target);
	if (k < 0 || !f->npages)
		return;
	f->notes[k].named = true;
	page_note(&f->pages[f->npages - 1], -1 - k);
}

static bool foot_empty(const pdf_page *pg)
{
	for (int i = 0; i < pg->nnotes; i++)
		if (pg->notes[i] >= 0)
			return false;
	return true;
}

/* The footnotes up to MAX_WANT a span refers to that the page holds not
 * yet, added to want[]; returns the height they add to its foot. */
#define MAX_WANT 16
static double want_note(const pdf_flow *f, const pdf_span *sp, int *want, int *nwant)
{
	if (!sp->link || sp->link[0] != '#' || !f->nnotes || *nwant == MAX_WANT)
		return 0;
	int k = find_note(f, sp->link);
	const pdf_page *pg = &f->pages[f->npages - 1];
	if (k < 0 || page_holds(pg, k))
		return 0;
	for (int i = 0; i < *nwant; i++)
		if (want[i] == k)
			return 0;
	want[(*nwant)++] = k;
	return f->notes[k].height + (foot_empty(pg) && *nwant == 1 ? note_gap(&f->notes[k]) : 0);
}

static double line_wants(const pdf_flow *f, const pdf_line *l, const pdf_span *spans, int *want, int *nwant)
{
	double h = 0;
	for (int k = 0; k < l->nfrags; k++)
		h += want_note(f, &spans[l->frags[k].span], want, nwant);
	return h;
}

/* The footnotes wanted go to the current page's foot. */
static void take_notes(pdf_flow *f, const int *want, int nwant)
{
	pdf_page *pg = &f->pages[f->npages - 1];
	for (int i = 0; i < nwant; i++) {
		if (page_holds(pg, want[i]))
			continue;
		pdf_note *n = &f->notes[want[i]];
		pg->foot += n->height + (foot_empty(pg) ? note_gap(n) : 0);
		if (!n->at_foot && f->st && f->st->cur >= 0) {
			/* Its element follows what refers to it, in the section. */
			int sect = f->st->cur;
			while (sect >= 0 && strcmp(f->st->elems[sect].type, "Sect") != 0 &&
			       strcmp(f->st->elems[sect].type, "Document") != 0)
				sect = f->st->elems[sect].parent;
			/* The block of the section that holds the reference:
			 * the note is read after it, not where the page ends. */
			int block = f->st->cur;
			while (block >= 0 && f->st->elems[block].parent != sect)
				block = f->st->elems[block].parent;
			n->elem = new_elem(f->st, "Note", sect);
			n->elem_page = f->npages - 1;
			if (block >= 0 && block != sect)
				f->st->elems[n->elem].after = block + 1;
		}
		n->at_foot = true;
		page_note(pg, want[i]);
	}
}

double pdf_baseline(double y, double size, double leading)
{
	return y + (size * leading - size) / 2 + size * ASCENT;
}

static void draw_label(pdf_flow *f, const pdf_parstyle *st, const pdf_line *l, double y)
{
	double base = pdf_baseline(y, l->size, st->leading);
	pdf_op *op = pdf_add(f, f->npages - 1, PDF_OP_TEXT, f->g.left + st->label_x, base, 0, 0, NULL);
	op->font = st->label->font;
	op->size = st->label->size;
	op->rgb = st->label->rgb;
	op->w = pdf_width(f->m, op->font, op->size, st->label->text, st->label->len);
	/* A space after it, unseen, parts it from the text it labels when
	 * read as text (※10 Industry), in languages written with spaces. */
	buf_t t = BUF_INIT;
	buf_put(&t, st->label->text, st->label->len);
	if (!f->cjk)
		buf_putc(&t, ' ');
	op->text = buf_detach(&t);
}

/* The last page's footnotes, from the foot up: a short rule, then each. */
void pdf_flow_finish(pdf_flow *f)
{
	pdf_page *pg = f->npages ? &f->pages[f->npages - 1] : NULL;
	if (!pg || foot_empty(pg) || pg->foot_set)
		return;
	pg->foot_set = true;
	/* The page's own height: the flow may have turned since (pdf_turn). */
	double height = pg->landscape == f->landscape ? f->g.height : f->g.width;
	int i0 = 0;
	while (pg->notes[i0] < 0)
		i0++;
	const pdf_note *first = &f->notes[pg->notes[i0]];
	double y = height - f->g.bottom - pg->foot, gap = note_gap(first);
	pdf_op *op = pdf_add(f, f->npages - 1, PDF_OP_LINE, f->g.left, y + gap * 0.45, pdf_measure(f) / 4, 0, NULL);
	op->stroke = true, op->rgb = first->nspans ? first->spans[0].rgb : (pdf_rgb){0, 0, 0};
	y += gap;
	for (int i = i0; i < pg->nnotes; i++) {
		if (pg->notes[i] < 0)
			continue;
		pdf_note *n = &f->notes[pg->notes[i]];
		pdf_parstyle st = n->st;
		st.label = n->label.text ? &n->label : NULL;
		/* The note's element where it is first set; a repeat is an artifact. */
		int prev = f->st ? f->st->cur : PDF_ARTIFACT;
		if (f->st)
			f->st->cur = n->elem_page == f->npages - 1 ? n->elem : PDF_ARTIFACT;
		pdf_lines ls;
		par_lines(f, n->spans, n->nspans, &st, &ls);
		if (!n->named)
			pdf_add(f, f->npages - 1, PDF_OP_DEST, f->g.left, y, 0, 0, n->dest);
		n->named = true;
		for (int j = 0; j < ls.n; j++) {
			if (j == 0 && st.label)
				draw_label(f, &st, &ls.lines[0], y);
			draw_line(f, &ls.lines[j], n->spans, f->g.left + st.indent, y, st.leading);
			y += ls.lines[j].size * st.leading;
		}
		pdf_lines_free(&ls);
		pdf_close(f, prev);
	}
}

pdf_where pdf_paragraph(pdf_flow *f, const pdf_span *spans, int nspans, const pdf_parstyle *st)
{
	pdf_lines ls;
	par_lines(f, spans, nspans, st, &ls);
	if (!f->npages)
		pdf_new_page(f);
	pdf_skip(f, st->before);
	double body = f->g.height - f->g.top - f->g.bottom;
	if (st->keep && lines_height(&ls, 0, ls.n, st->leading) <= body)
		pdf_need(f, lines_height(&ls, 0, ls.n, st->leading));
	pdf_where first = {f->npages - 1, f->y};
	double x = f->g.left + st->indent;
	int i = 0;
	while (i < ls.n) {
		int k = 0, want[MAX_WANT], nwant = 0;
		double h = 0, room = pdf_room(f);
		/* Each line with the footnotes it brings to this page's foot. */
		while (i + k < ls.n) {
			int was = nwant;
			double lh = ls.lines[i + k].size * st->leading + line_wants(f, &ls.lines[i + k], spans, want, &nwant);
			if (h + lh > room + 0.01) {
				nwant = was;
				break;
			}
			h += lh, k++;
		}
		int rest = ls.n - i - k;
		if (rest > 0 && !at_top(f)) {
			/* An orphan (one line at the foot) goes to the next page;
			 * a widow (one line alone at the head) takes one with it,
			 * or the whole paragraph when that would leave an orphan. */
			if (i == 0 && (k < 2 || (k == 2 && rest == 1))) {
				page_break(f);
				continue;
			}
			if (rest == 1 && k > 2)
				k--;
		}
		if (k == 0)
			k = 1; /* a line taller than a page: set it anyway */
		if (i == 0)
			first = (pdf_where){f->npages - 1, f->y};
		nwant = 0;
		for (int j = i; j < i + k; j++) {
			if (j == 0 && st->label)
				draw_label(f, st, &ls.lines[0], f->y);
			draw_line(f, &ls.lines[j], spans, x, f->y, st->leading);
			line_wants(f, &ls.lines[j], spans, want, &nwant);
			f->y += ls.lines[j].size * st->leading;
		}
		take_notes(f, want, nwant);
		i += k;
		if (!st->keep)
			f->keep = false;
		if (i < ls.n)
			pdf_new_page(f);
	}
	pdf_lines_free(&ls);
	f->y += st->after;
	return first;
}

pdf_where pdf_place(pdf_flow *f, double h)
{
	pdf_need(f, h);
	pdf_where w = {f->npages - 1, f->y};
	f->y += h;
	f->keep = false;
	return w;
}

/* ---- tables ----------------------------------------------------------- */

static pdf_span *copy_spans(const pdf_span *spans, int n)
{
	pdf_span *c = xcalloc((size_t)n + 1, sizeof *c);
	for (int i = 0; i < n; i++) {
		c[i] = spans[i];
		c[i].text = xstrndup(spans[i].text, spans[i].len);
		c[i].link = spans[i].link ? xstrdup(spans[i].link) : NULL;
	}
	return c;
}

static void free_spans(pdf_span *s, int n)
{
	for (int i = 0; i < n; i++) {
		free((char *)s[i].text);
		free((char *)s[i].link);
	}
	free(s);
}

void pdf_table_init(pdf_table *t, int ncols)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->pad_x = 3.5;
	t->pad_y = 2.5;
	t->leading = 1.35;
	t->rule = (pdf_rgb){0x70, 0x70, 0x70};
	t->shade = (pdf_rgb){0xE6, 0xEC, 0xF2};
}

void pdf_table_free(pdf_table *t)
{
	for (int i = 0; i < t->ncells; i++)
		free_spans(t->cells[i].spans, t->cells[i].nspans);
	free(t->cells);
	free(t->rows);
	free_spans(t->caption, t->ncaption);
	memset(t, 0, sizeof *t);
}

void pdf_table_caption(pdf_table *t, const pdf_span *spans, int nspans)
{
	free_spans(t->caption, t->ncaption);
	t->caption = copy_spans(spans, nspans);
	t->ncaption = nspans;
}

void pdf_table_head(pdf_table *t, pdf_scope scope)
{
	if (t->ncells)
		t->cells[t->ncells - 1].head = scope;
}

void pdf_table_covered(pdf_table *t, int above)
{
	if (!t->ncells || above < 0 || above >= t->ncells - 1)
		return;
	t->cells[t->ncells - 1].covered = true;
	int r = t->nrows - 1;
	while (r > 0 && t->rows[r] > above)
		r--;
	if (t->cells[above].rowspan < t->nrows - r)
		t->cells[above].rowspan = t->nrows - r;
}

void pdf_table_row(pdf_table *t)
{
	if (t->nrows == t->rowcap) {
		t->rowcap = t->rowcap ? t->rowcap * 2 : 16;
		t->rows = xrealloc(t->rows, (size_t)t->rowcap * sizeof *t->rows);
	}
	t->rows[t->nrows++] = t->ncells;
}

void pdf_table_cell(pdf_table *t, const pdf_span *spans, int nspans, int colspan, pdf_align align, bool shade)
{
	if (t->ncells == t->cellcap) {
		t->cellcap = t->cellcap ? t->cellcap * 2 : 64;
		t->cells = xrealloc(t->cells, (size_t)t->cellcap * sizeof *t->cells);
	}
	t->cells[t->ncells++] = (pdf_cell){.spans = copy_spans(spans, nspans), .nspans = nspans,
					   .colspan = colspan < 1 ? 1 : colspan, .align = align, .shade = shade,
					   .rowspan = 1};
}

static int row_end(const pdf_table *t, int r)
{
	return r + 1 < t->nrows ? t->rows[r + 1] : t->ncells;
}

/* Column widths from the content.  Each column has a hard minimum (its
 * widest unbreakable piece: Japanese breaks almost anywhere, so that is one
 * character), a comfortable minimum (its text unbroken, up to about six
 * characters: "1,901人" is not split) and its text's full width.  The
 * columns get their comfortable minimum, then share the rest at one common
 * level (scaled by the square root of their full width) up to their full
 * width: short columns are set whole, long ones share what is left. */
static void column_widths(pdf_flow *f, const pdf_table *t, double total, double *w)
{
	int nc = t->ncols;
	double *mn = xcalloc((size_t)nc, sizeof *mn), *pm = xcalloc((size_t)nc, sizeof *pm);
	double *mx = xcalloc((size_t)nc, sizeof *mx);
	for (int r = 0; r < t->nrows; r++) {
		int col = 0;
		for (int i = t->rows[r]; i < row_end(t, r) && col < nc; i++) {
			const pdf_cell *c = &t->cells[i];
			if (c->colspan == 1 && c->nspans > 0) {
				double a, b, em = c->spans[0].size;
				pdf_extent(f->m, c->spans, c->nspans, f->cjk, &a, &b);
				mn[col] = fmax(mn[col], a + 2 * t->pad_x);
				pm[col] = fmax(pm[col], fmax(a, fmin(b, 6.2 * em)) + 2 * t->pad_x);
				mx[col] = fmax(mx[col], b + 2 * t->pad_x);
			}
			col += c->colspan;
		}
	}
	double smin = 0, spm = 0, smax = 0;
	for (int c = 0; c < nc; c++) {
		mn[c] = fmax(mn[c], 2 * t->pad_x + 6);
		pm[c] = fmax(pm[c], mn[c]);
		mx[c] = fmax(mx[c], pm[c]);
		smin += mn[c], spm += pm[c], smax += mx[c];
	}
	if (smax <= total) {
		for (int c = 0; c < nc; c++)
			w[c] = mx[c] + (total - smax) * mx[c] / smax;
	} else if (spm <= total) {
		double lo = 0, hi = 1e6;
		for (int it = 0; it < 60; it++) {
			double mid = (lo + hi) / 2, sum = 0;
			for (int c = 0; c < nc; c++)
				sum += fmin(mx[c], fmax(pm[c], mid * sqrt(mx[c])));
			if (sum > total)
				hi = mid;
			else
				lo = mid;
		}
		double sum = 0;
		for (int c = 0; c < nc; c++)
			sum += w[c] = fmin(mx[c], fmax(pm[c], lo * sqrt(mx[c])));
		/* What rounding left goes to the widest column. */
		int widest = 0;
		for (int c = 1; c < nc; c++)
			if (w[c] > w[widest])
				widest = c;
		w[widest] += total - sum;
	} else if (smin <= total) {
		for (int c = 0; c < nc; c++)
			w[c] = mn[c] + (total - smin) * (pm[c] - mn[c]) / (spm - smin);
	} else {
		for (int c = 0; c < nc; c++)
			w[c] = mn[c] * total / smin;
	}
	free(mn);
	free(pm);
	free(mx);
}

typedef struct {
	pdf_lines *cells; /* per cell of the row */
	double h;
} row_layout;

/* The row's cells broken into lines, and its height.  A cell shorter
 * than its row is broken again in the lines it has room for, where more
 * of them break its words better (pdf_break_even). */
static row_layout layout_row(pdf_flow *f, const pdf_table *t, int r, const double *x)
{
	int first = t->rows[r], n = row_end(t, r) - first;
	row_layout rl = {xcalloc((size_t)n + 1, sizeof(pdf_lines)), 0};
	double *w = xmalloc(((size_t)n + 1) * sizeof *w);
	for (int i = 0, col = 0; i < n; i++) {
		const pdf_cell *c = &t->cells[first + i];
		int end = col + c->colspan > t->ncols ? t->ncols : col + c->colspan;
		w[i] = x[end] - x[col] - 2 * t->pad_x;
		pdf_break_even(f->m, c->spans, c->nspans, w[i], c->align, f->cjk, 0, &rl.cells[i]);
		rl.h = fmax(rl.h, lines_height(&rl.cells[i], 0, rl.cells[i].n, t->leading) + 2 * t->pad_y);
		col = end;
	}
	for (int i = 0; f->cjk && i < n; i++) {
		const pdf_cell *c = &t->cells[first + i];
		pdf_lines *ls = &rl.cells[i];
		double line = 0;
		for (int k = 0; k < ls->n; k++)
			line = fmax(line, ls->lines[k].size * t->leading);
		int room = line > 0 ? (int)((rl.h - 2 * t->pad_y + 0.01) / line) : 0;
		if (ls->n < 2 || room <= ls->n)
			continue;
		pdf_lines more;
		pdf_break_even(f->m, c->spans, c->nspans, w[i], c->align, f->cjk, room, &more);
		pdf_lines_free(ls);
		*ls = more;
	}
	free(w);
	return rl;
}

static void free_row(const pdf_table *t, int r, row_layout *rl)
{
	for (int i = 0; i < row_end(t, r) - t->rows[r]; i++)
		pdf_lines_free(&rl->cells[i]);
	free(rl->cells);
}

static void rule(pdf_flow *f, const pdf_table *t, double x, double y, double w, double h, double width)
{
	pdf_op *op = pdf_add(f, f->npages - 1, PDF_OP_LINE, x, y, w, h, NULL);
	op->stroke = true;
	op->rgb = t->rule;
	op->line_width = width;
}

/* Draws row r with its top at f->y and moves below it. */
/* The footnotes a row's cells refer to (want_note). */
static double row_wants(const pdf_flow *f, const pdf_table *t, int r, int *want, int *nwant)
{
	double h = 0;
	for (int i = t->rows[r]; i < row_end(t, r); i++)
		for (int k = 0; k < t->cells[i].nspans; k++)
			h += want_note(f, &t->cells[i].spans[k], want, nwant);
	return h;
}

/* The header cells of a table that its data cells may name: the head
 * rows' over each column (nhead × ncols, -1 none), the current group's. */
typedef struct {
	int *col;
	int group;
} table_heads;

/* Data cell `cell` of columns [from, to) names its columns' headers and
 * its group's (PDF/UA 7.5: with /Headers a reader takes those only). */
static void name_headers(pdf_struct *st, int cell, const pdf_table *t, const table_heads *hd, int from, int to)
{
	pdf_elem *e = &st->elems[cell];
	e->headers = xcalloc((size_t)(t->nhead * (to - from) + 1), sizeof *e->headers);
	for (int h = 0; h < t->nhead; h++)
		for (int k = from; k < to; k++) {
			int th = hd->col[h * t->ncols + k], seen = 0;
			for (int j = 0; j < e->nheaders; j++)
				seen |= e->headers[j] == th;
			if (th >= 0 && !seen)
				e->headers[e->nheaders++] = th, st->elems[th].has_id = true;
		}
	e->headers[e->nheaders++] = hd->group;
}

/* Whether row r is a group's: one cell across the table. */
static bool group_row(const pdf_table *t, int r)
{
	return row_end(t, r) - t->rows[r] == 1 && t->cells[t->rows[r]].colspan >= t->ncols;
}

/* A row taller than a page, drawn a page at a time: the next line of each
 * cell, and the elements of the row and its cells, made on its first page
 * and continued on the next. */
typedef struct {
	int *from, *elem;
	int tr;
} row_slice;

/* Makes what follows the content of element `elem` again (a row or a cell
 * continued on the next page); pdf_close() ends it. */
static int pdf_continue(pdf_flow *f, int elem)
{
	if (!f->st)
		return PDF_ARTIFACT;
	int prev = f->st->cur;
	f->st->cur = elem;
	return prev;
}

/* Draws row r with its top at f->y and moves below it; with a slice, only
 * the lines of its cells (from slice->from) that fit in `room`.  Returns
 * whether the row is drawn to its end.  Its cells are TH or TD elements
 * with their spans; a cell covered by one above is drawn as an artifact.
 * A group row's header heads its own row, and the data cells below it
 * name it and their columns' headers in /Headers, where a column's scope
 * would make it the header of every row below. */
static bool draw_row(pdf_flow *f, const pdf_table *t, int r, const row_layout *rl, const double *x, table_heads *hd,
		     row_slice *sl, double room)
{
	int first = t->rows[r], n = row_end(t, r) - first, col = 0;
	int page = f->npages - 1;
	/* The lines of each cell this page holds, and the height they take. */
	int *to = xcalloc((size_t)n + 1, sizeof *to);
	double h = sl ? 0 : rl->h;
	bool done = true;
	for (int i = 0; i < n; i++) {
		const pdf_lines *ls = &rl->cells[i];
		int k = sl ? sl->from[i] : 0;
		double used = 0;
		while (k < ls->n && (!sl || used + ls->lines[k].size * t->leading <= room - 2 * t->pad_y ||
				     k == sl->from[i]))
			used += ls->lines[k++].size * t->leading;
		to[i] = k;
		done &= k == ls->n;
		if (sl)
			h = fmax(h, used + 2 * t->pad_y);
	}
	int row = sl && sl->tr >= 0 ? pdf_continue(f, sl->tr) : pdf_open(f, "TR");
	if (sl && sl->tr < 0 && f->st)
		sl->tr = f->st->cur;
	bool grouping = r >= t->nhead && group_row(t, r);
	for (int i = 0; i < n; i++) {
		const pdf_cell *c = &t->cells[first + i];
		int end = col + c->colspan > t->ncols ? t->ncols : col + c->colspan;
		int cell;
		if (sl && sl->elem[i] != -2) {
			cell = pdf_continue(f, sl->elem[i]);
		} else {
			cell = c->covered ? pdf_artifact(f) : pdf_open(f, c->head ? "TH" : "TD");
			if (sl && f->st)
				sl->elem[i] = f->st->cur;
			if (f->st && f->st->cur >= 0) {
				pdf_elem *e = &f->st->elems[f->st->cur];
				e->scope = grouping && c->head ? PDF_SCOPE_ROW : c->head;
				e->colspan = end - col;
				e->rowspan = c->rowspan;
				if (hd->col && r < t->nhead)
					for (int k = col; k < end; k++)
						hd->col[r * t->ncols + k] = f->st->cur;
				if (grouping && c->head)
					hd->group = f->st->cur, e->has_id = true;
				else if (!c->head && r >= t->nhead && hd->group >= 0)
					name_headers(f->st, f->st->cur, t, hd, col, end);
			}
		}
		if (c->shade) {
			pdf_op *op = pdf_add(f, page, PDF_OP_RECT, x[col], f->y, x[end] - x[col], h, NULL);
			op->fill = true;
			op->rgb = t->shade;
		}
		double y = f->y + t->pad_y;
		for (int j = sl ? sl->from[i] : 0; j < to[i]; j++) {
			draw_line(f, &rl->cells[i].lines[j], c->spans, x[col] + t->pad_x, y, t->leading);
			y += rl->cells[i].lines[j].size * t->leading;
		}
		if (sl)
			sl->from[i] = to[i];
		if (col > 0)
			rule(f, t, x[col], f->y, 0, h, 0.5);
		col = end;
		pdf_close(f, cell);
	}
	pdf_close(f, row);
	rule(f, t, x[0], f->y, x[t->ncols] - x[0], 0, 0.5);
	rule(f, t, x[0], f->y, 0, h, 0.5);
	rule(f, t, x[t->ncols], f->y, 0, h, 0.5);
	f->y += h;
	free(to);
	return done;
}

/* Ends the table's page and begins the next with its head repeated. */
static void next_table_page(pdf_flow *f, const pdf_table *t, const row_layout *rl, const double *x, int nhead)
{
	rule(f, t, x[0], f->y, x[t->ncols] - x[0], 0, 0.5);
	pdf_new_page(f);
	int head_again = pdf_artifact(f); /* the head repeated */
	table_heads none = {NULL, -1};
	for (int h = 0; h < nhead; h++)
		draw_row(f, t, h, &rl[h], x, &none, NULL, 0);
	pdf_close(f, head_again);
}

pdf_where pdf_table_set(pdf_flow *f, pdf_table *t)
{
	double total = t->width > 0 ? t->width : pdf_measure(f);
	double *w = xcalloc((size_t)t->ncols + 1, sizeof *w), *x = xcalloc((size_t)t->ncols + 1, sizeof *x);
	column_widths(f, t, total, w);
	x[0] = f->g.left + (pdf_measure(f) - total) / 2;
	for (int c = 0; c < t->ncols; c++)
		x[c + 1] = x[c] + w[c];
	row_layout *rl = xcalloc((size_t)t->nrows + 1, sizeof *rl);
	for (int r = 0; r < t->nrows; r++)
		rl[r] = layout_row(f, t, r, x);
	int nhead = t->nhead < t->nrows ? t->nhead : 0;
	double head = 0;
	for (int r = 0; r < nhead; r++)
		head += rl[r].h;
	pdf_parstyle cap = {.leading = 1.5, .align = PDF_LEFT, .after = 3, .keep = true, .even = true};
	double caph = t->ncaption ? pdf_paragraph_height(f, t->caption, t->ncaption, &cap) + cap.after : 0;
	if (!f->npages)
		pdf_new_page(f);
	/* The caption, the head and the first row stay together; a short
	 * table (half a page at most: the roster of a committee) is not split. */
	double all = caph;
	for (int r = 0; r < t->nrows; r++)
		all += rl[r].h;
	double body = f->g.height - f->g.top - f->g.bottom;
	pdf_need(f, all <= body / 2 ? all : caph + head + (nhead < t->nrows ? rl[nhead].h : 0));
	pdf_where where = {f->npages - 1, f->y};
	int table = pdf_open(f, "Table");
	if (t->ncaption) {
		int c = pdf_open(f, "Caption");
		pdf_paragraph(f, t->caption, t->ncaption, &cap);
		pdf_close(f, c);
	}
	table_heads heads = {xcalloc((size_t)(t->nhead * t->ncols) + 1, sizeof(int)), -1};
	for (int k = 0; k < t->nhead * t->ncols; k++)
		heads.col[k] = -1;
	for (int r = 0; r < nhead; r++)
		draw_row(f, t, r, &rl[r], x, &heads, NULL, 0);
	for (int r = nhead; r < t->nrows; r++) {
		if (r > nhead)
			f->keep = false;
		/* A group row stays with the row after it. */
		bool group = group_row(t, r);
		int want[MAX_WANT], nwant = 0;
		double need = rl[r].h + (group && r + 1 < t->nrows ? rl[r + 1].h : 0) + row_wants(f, t, r, want, &nwant);
		if (need > pdf_room(f) + 0.01 && pdf_room(f) < body - head - 0.01) {
			next_table_page(f, t, rl, x, nhead);
			nwant = 0;
			row_wants(f, t, r, want, &nwant);
		}
		if (rl[r].h <= pdf_room(f) + 0.01) {
			draw_row(f, t, r, &rl[r], x, &heads, NULL, 0);
		} else {
			/* Taller than a page: its cells' lines run on over the
			 * pages, the head repeated on each, nothing cut. */
			int n = row_end(t, r) - t->rows[r];
			row_slice sl = {xcalloc((size_t)n + 1, sizeof(int)), xcalloc((size_t)n + 1, sizeof(int)), -2};
			for (int i = 0; i < n; i++)
				sl.elem[i] = -2;
			int other[MAX_WANT], nother = 0; /* room for its notes on every page */
			double notes = row_wants(f, t, r, other, &nother);
			while (!draw_row(f, t, r, &rl[r], x, &heads, &sl, pdf_room(f) - notes))
				next_table_page(f, t, rl, x, nhead);
			free(sl.from);
			free(sl.elem);
		}
		take_notes(f, want, nwant);
	}
	rule(f, t, x[0], f->y, x[t->ncols] - x[0], 0, 0.5);
	pdf_close(f, table);
	f->keep = false;
	for (int r = 0; r < t->nrows; r++)
		free_row(t, r, &rl[r]);
	free(heads.col);
	free(rl);
	free(w);
	free(x);
	return where;
}
