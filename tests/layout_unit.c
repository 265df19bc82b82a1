/* layout_unit.c — unit tests of the line breaker (src/pdf_layout.c) with
 * made-up metrics: wide characters 1 em, others half an em, so every
 * expected break can be worked out by hand.
 *
 *   cc -std=c11 -Wall -Wextra -Isrc -o build/layout_unit tests/layout_unit.c \
 *      src/pdf_layout.c src/buf.c src/utf8.c -lm && build/layout_unit
 *
 * Prints "N passed, N failed"; exit status 1 on a failure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_layout.h"
#include "utf8.h"

static int passed, failed;

static void check(int cond, const char *name, const char *detail)
{
	if (cond) {
		passed++;
		return;
	}
	failed++;
	fprintf(stderr, "FAIL %s%s%s\n", name, detail ? ": " : "", detail ? detail : "");
}

static int fake_advance(void *ctx, int font, uint32_t cp)
{
	(void)ctx, (void)font;
	if (cp == ' ')
		return 250;
	return utf8_is_wide(cp) || cp == 0x203B || cp == 0x2015 || cp == 0x2026 ? 1000 : 500;
}

/* Breaks text (10 pt) into lines of `chars` ems and returns them joined
 * with '|' (each line's fragments concatenated). */
/* Made-up patterns: "collaboration" may be hyphenated as
 * col-lab-o-ra-tion, no other word at all. */
static void fake_hyphenate(void *ctx, const char *word, size_t len, bool *before)
{
	(void)ctx;
	memset(before, 0, len * sizeof *before);
	if (len == 13 && memcmp(word, "collaboration", 13) == 0)
		before[3] = before[6] = before[7] = before[9] = true;
}

/* The lines' text joined with '|'. */
static char *joined(const char *text, const pdf_lines *l);

static char *lines(pdf_metrics *m, const char *text, double chars, bool cjk, pdf_align align, pdf_lines *keep)
{
	pdf_span sp = {text, strlen(text), 0, 10, {0, 0, 0}, NULL, false, 0};
	pdf_lines ls;
	pdf_break(m, &sp, 1, chars * 10, 0, align, cjk, &ls);
	char *out = joined(text, &ls);
	if (keep)
		*keep = ls;
	else
		pdf_lines_free(&ls);
	return out;
}

/* As a table cell breaks text: as evenly as it goes, in up to `room`
 * lines (pdf_break_even). */
static void expect_even_in(pdf_metrics *m, const char *name, const char *text, double chars, bool cjk, int room,
			   const char *want)
{
	pdf_span sp = {text, strlen(text), 0, 10, {0, 0, 0}, NULL, false, 0};
	pdf_lines ls;
	pdf_break_even(m, &sp, 1, chars * 10, PDF_LEFT, cjk, room, &ls);
	char *got = joined(text, &ls);
	char detail[1024];
	snprintf(detail, sizeof detail, "want \"%s\", got \"%s\"", want, got);
	check(strcmp(got, want) == 0, name, detail);
	free(got);
	pdf_lines_free(&ls);
}

static void expect_even(pdf_metrics *m, const char *name, const char *text, double chars, int room, const char *want)
{
	expect_even_in(m, name, text, chars, true, room, want);
}

static char *joined(const char *text, const pdf_lines *l)
{
	const pdf_lines ls = *l;
	size_t cap = strlen(text) * 2 + 64, len = 0;
	char *out = calloc(1, cap);
	for (int i = 0; i < ls.n; i++) {
		if (i)
			out[len++] = '|';
		/* A line's text is its pieces' (a word's space is drawn after
		 * it), shown without the space it ends with. */
		for (int k = 0; k < ls.lines[i].nfrags; k++) {
			const pdf_frag *f = &ls.lines[i].frags[k];
			memcpy(out + len, text + f->start, f->end - f->start);
			len += f->end - f->start;
		}
		while (len && out[len - 1] == ' ')
			len--;
	}
	return out;
}

static void expect(pdf_metrics *m, const char *name, const char *text, double chars, bool cjk, const char *want)
{
	char *got = lines(m, text, chars, cjk, PDF_JUSTIFY, NULL);
	char detail[1024];
	snprintf(detail, sizeof detail, "want \"%s\", got \"%s\"", want, got);
	check(strcmp(got, want) == 0, name, detail);
	free(got);
}

int main(void)
{
	pdf_metrics m;
	pdf_metrics_init(&m, fake_advance, NULL);

	/* Table cells: a compound cut between its scripts rather than inside
	 * a katakana word, in as many lines as greedy breaking makes; in more
	 * where the row has room for them and they cut better. */
	expect_even(&m, "even: a cut between scripts over one in a katakana word", "協働推進サポートセンター", 8, 0,
		    "協働推進|サポートセンター");
	expect_even(&m, "even: no room, the katakana word cut", "市民防災リーダー養成数", 6, 0, "市民防災リー|ダー養成数");
	expect_even(&m, "even: room for a third line, cut between scripts", "市民防災リーダー養成数", 6, 3,
		    "市民防災|リーダー|養成数");
	/* In words written with spaces, a cut at a space over one after a hyphen. */
	expect_even_in(&m, "even: a value and its unit cut at the space, not the hyphen", "42 clean-ups", 5, false, 0,
		       "42|clean-ups");
	expect_even(&m, "even: room unused where more lines cut no better", "あいうえおかきくけこさしすせ", 8, 4,
		    "あいうえおかき|くけこさしすせ");

	/* The classes. */
	check(pdf_no_start(0x3002) && pdf_no_start(0x3001) && pdf_no_start(0x300D) && pdf_no_start(0x30FC) &&
		      pdf_no_start(0x3063) && pdf_no_start(0x3005) && pdf_no_start(0xFF09) && pdf_no_start(0xFF5E),
	      "line-start prohibited: 。、」ーっ々）～", NULL);
	check(!pdf_no_start(0x3042) && !pdf_no_start(0x300C), "あ and 「 may start a line", NULL);
	check(pdf_no_end(0x300C) && pdf_no_end(0xFF08) && pdf_no_end(0x3010) && !pdf_no_end(0x300D),
	      "line-end prohibited: 「（【, not 」", NULL);
	check(!pdf_can_break('2', ',', true) && !pdf_can_break('S', 'D', true), "no break inside 2,216 or SDGs", NULL);
	check(!pdf_can_break(0x2026, 0x2026, true) && !pdf_can_break(0x2015, 0x2015, true), "…… and ―― stay whole",
	      NULL);
	check(!pdf_can_break(0x203B, '7', true), "※7 stays whole", NULL);
	check(pdf_can_break(0x3042, 0x3044, true) && pdf_can_break(0x3042, 0x3044, false), "between kana: a break",
	      NULL);

	/* Japanese: 5 ems a line. */
	expect(&m, "plain kana", "あいうえおかきくけこさし", 5, true, "あいうえお|かきくけこ|さし");
	/* 。 would start line 2: pulled back onto line 1 is not possible (line
	 * too short for oikomi), so お goes down with it. */
	expect(&m, "。 never starts a line", "あいうえお。かきく", 5, true, "あいうえ|お。かきく");
	expect(&m, "」。 never start a line", "あいう「え」。かきくけ", 5, true, "あいう|「え」。か|きくけ");
	expect(&m, "「 never ends a line", "あいうえ「おか」", 5, true, "あいうえ|「おか」");
	expect(&m, "ー and small kana never start a line", "あいうえコーヒッ", 5, true, "あいうえ|コーヒッ");
	expect(&m, "a number stays whole", "件数は2,216件です", 5, true, "件数は|2,216件で|す");
	expect(&m, "a Latin word stays whole", "あいうえSDGsの", 5, true, "あいうえ|SDGsの");
	expect(&m, "※ and its number stay together", "あいうえ※7です", 5, true, "あいうえ|※7です");
	expect(&m, "―― stays whole", "あいうえ――かき", 5, true, "あいうえ|――かき");
	expect(&m, "a forced break", "あい\nうえ", 5, true, "あい|うえ");

	/* Oikomi: a long line takes its closing 。 by tightening it by the
	 * half em of blank a full-width 。 carries. */
	expect(&m, "。 pulled onto a full line", "あいうえおかきくけこさしすせそたちつてと。なに", 20.5, true,
	       "あいうえおかきくけこさしすせそたちつてと。|なに");
	expect(&m, "。 not pulled onto a line it overfills", "あいうえおかきくけこさしすせそたちつてと。なに", 20.4,
	       true, "あいうえおかきくけこさしすせそたちつて|と。なに");

	/* Justification: every line but the last fills the measure. */
	pdf_lines ls;
	free(lines(&m, "あいうえおかきくけこ。さしすせそたちつてとなにぬねの", 10, true, PDF_JUSTIFY, &ls));
	int full = 1;
	for (int i = 0; i + 1 < ls.n; i++)
		full &= fabs(ls.lines[i].width - 100) < 0.01;
	check(full && ls.n > 2, "Japanese lines justified to the measure", NULL);
	check(ls.lines[ls.n - 1].width < 100, "the last line is not spread", NULL);
	pdf_lines_free(&ls);

	/* English: breaks at spaces, justified between words. */
	expect(&m, "English at spaces", "one two three four five", 8, false, "one two three|four five");
	/* Its text has the spaces between words and at the end of a line
	 * broken at one, so read as text the words stay apart. */
	pdf_break(&m, &(pdf_span){"one two three four five", 23, 0, 10, {0, 0, 0}, NULL, false, 0}, 1, 80, 0,
		  PDF_JUSTIFY, false, &ls);
	char first[64] = "";
	for (int k = 0; ls.n && k < ls.lines[0].nfrags; k++)
		strncat(first, "one two three four five" + ls.lines[0].frags[k].start,
			ls.lines[0].frags[k].end - ls.lines[0].frags[k].start);
	check(strcmp(first, "one two three ") == 0, "English: the words' spaces are in the line's text", first);
	pdf_lines_free(&ls);
	free(lines(&m, "one two three four five six seven", 9, false, PDF_JUSTIFY, &ls));
	full = 1;
	for (int i = 0; i + 1 < ls.n; i++)
		full &= fabs(ls.lines[i].width - 90) < 0.01 || ls.lines[i].nfrags == 1;
	check(full, "English lines justified between words", NULL);
	pdf_lines_free(&ls);

	/* Hyphenation, in justified text only, where the line would be
	 * loose: "we see" in 7 ems would leave 4.25 ems to one space;
	 * "collabo-" fills the line.  Word spaces never grow past twice their
	 * width: such a line falls short of the measure. */
	m.hyphenate = fake_hyphenate;
	expect(&m, "a word hyphenated where the line would be loose", "we see collaboration now", 7, false,
	       "we see collabo|ration now");
	free(lines(&m, "we see collaboration now", 7, false, PDF_JUSTIFY, &ls));
	check(ls.n == 2 && ls.lines[0].hyphen && !ls.lines[1].hyphen && fabs(ls.lines[0].width - 70) < 0.01,
	      "the hyphenated line ends with a hyphen, justified", NULL);
	pdf_lines_free(&ls);
	free(lines(&m, "we see collaboration now", 7, false, PDF_LEFT, &ls));
	check(ls.n == 3 && !ls.lines[0].hyphen && !ls.lines[1].hyphen, "no hyphenation in ragged text", NULL);
	pdf_lines_free(&ls);
	free(lines(&m, "a bc extraordinarily", 9, false, PDF_JUSTIFY, &ls));
	check(ls.n == 2 && fabs(ls.lines[0].width - 20) < 0.01,
	      "a line whose spaces would grow past twice their width has them at twice", NULL);
	pdf_lines_free(&ls);
	expect(&m, "the last word is not hyphenated (no fragment alone on the last line)", "we see collaboration", 7,
	       false, "we see|collaboration");
	m.hyphenate = NULL;
	pdf_lines_free(&ls);
	expect(&m, "a word longer than the line is cut", "abcdefghij", 3, false, "abcdef|ghij");
	expect(&m, "English compounds break after a dash", "agriculture–commerce", 7, false,
	       "agriculture–|commerce");
	expect(&m, "numbers never break at a dash", "FY2022–2025 plan", 6, false, "FY2022–2025|plan");

	/* The first line indented by one em. */
	pdf_span sp = {"あいうえおかき", strlen("あいうえおかき"), 0, 10, {0, 0, 0}, NULL, false, 0};
	pdf_break(&m, &sp, 1, 50, 10, PDF_JUSTIFY, true, &ls);
	check(ls.n == 2 && ls.lines[0].frags[0].x == 10 && ls.lines[0].frags[0].end == strlen("あいうえ"),
	      "first-line indent", NULL);
	pdf_lines_free(&ls);

	/* A Japanese paragraph's last line of one or two characters is pulled
	 * onto the line before when that takes at most 0.06 em a gap: 2 ems
	 * over the 41 gaps of a 40-em line (0.049), not over the 21 of a
	 * 20-em one (0.095). */
	{
		char text[200] = "";
		for (int i = 0; i < 40; i++)
			strcat(text, "あ");
		strcat(text, "す。");
		pdf_span js = {text, strlen(text), 0, 10, {0, 0, 0}, NULL, false, 0};
		pdf_break(&m, &js, 1, 400, 0, PDF_JUSTIFY, true, &ls);
		check(ls.n == 1 && fabs(ls.lines[0].width - 400) < 0.01, "a short last line pulled up", NULL);
		pdf_lines_free(&ls);
		char half[200] = "";
		for (int i = 0; i < 20; i++)
			strcat(half, "あ");
		strcat(half, "す。");
		js.text = half, js.len = strlen(half);
		pdf_break(&m, &js, 1, 200, 0, PDF_JUSTIFY, true, &ls);
		check(ls.n == 2, "a short last line left when pulling it up would squeeze too much", NULL);
		pdf_lines_free(&ls);
	}

	/* JLReq spacing: two marks in a row share half an em of blank (」「 in
	 * 1.5 em, （「 with the second bracket drawn into the first's blank);
	 * kana and kanji stand a quarter em from digits and Latin letters;
	 * justification never spreads a number or a pair of marks. */
	struct {
		const char *text, *piece;
		double x;
	} at[] = {
		{"あ」「い", "「", 15},   {"あ」「い", "い", 25},	 {"あ。」い", "」", 15},
		{"（「あ", "「", 5},      {"（「あ", "あ", 15},	 {"年2018年", "2018", 12.5},
		{"年2018年", "年", 35},   {"SDGsの推進", "の", 22.5}, {"2018 年", "年", 22.5},
	};
	for (size_t t = 0; t < sizeof at / sizeof *at; t++) {
		pdf_span js = {at[t].text, strlen(at[t].text), 0, 10, {0, 0, 0}, NULL, false, 0};
		pdf_break(&m, &js, 1, 200, 0, PDF_LEFT, true, &ls);
		size_t off = 0; /* the piece's last occurrence */
		for (const char *h = at[t].text; (h = strstr(h, at[t].piece)) != NULL; h++)
			off = (size_t)(h - at[t].text);
		double x = -1;
		for (int k = 0; ls.n == 1 && k < ls.lines[0].nfrags; k++) {
			const pdf_frag *f = &ls.lines[0].frags[k];
			if (f->start <= off && off < f->end)
				x = f->x + pdf_width(&m, 0, 10, at[t].text + f->start, off - f->start);
		}
		char detail[96];
		snprintf(detail, sizeof detail, "%s: %s at %.2f, not %.2f", at[t].text, at[t].piece, x, at[t].x);
		check(fabs(x - at[t].x) < 0.01, "JLReq spacing", detail);
		pdf_lines_free(&ls);
	}
	pdf_span just = {"あいう12345えお、「かき」くけこさしすせそたちつてと", 0, 0, 10, {0, 0, 0}, NULL, false, 0};
	just.len = strlen(just.text);
	pdf_break(&m, &just, 1, 150, 0, PDF_JUSTIFY, true, &ls);
	bool tight = ls.n == 2;
	for (int k = 0; tight && k < ls.lines[0].nfrags; k++) {
		const pdf_frag *f = &ls.lines[0].frags[k];
		const char *t = just.text + f->start;
		if (*t == '1')
			tight &= f->char_space == 0 && f->end - f->start == 5;
		if (strncmp(t, "、", 3) == 0)
			tight &= k + 1 < ls.lines[0].nfrags && fabs(ls.lines[0].frags[k + 1].x - f->x - 5) < 0.01;
	}
	check(tight && fabs(ls.lines[0].width - 150) < 0.01, "justification spreads neither a number nor 、「", NULL);
	pdf_lines_free(&ls);

	/* Extents for table columns. */
	double mn, mx;
	pdf_span e = {"件数 2,216件", strlen("件数 2,216件"), 0, 10, {0, 0, 0}, NULL, false, 0};
	pdf_extent(&m, &e, 1, true, &mn, &mx);
	/* 件数 20, a space set as a quarter em 2.5, 2,216 25, a quarter em 2.5, 件 10. */
	check(fabs(mn - 25) < 0.01 && fabs(mx - 60) < 0.01, "extent: widest piece 2,216 and whole width", NULL);

	/* An amount marked whole is never broken (2,216件), where a plain span
	 * may break between the number and its counter; its extent is whole. */
	pdf_span amount[2] = {{"件数", strlen("件数"), 0, 10, {0, 0, 0}, NULL, false, 0},
			      {"2,216件", strlen("2,216件"), 0, 10, {0, 0, 0}, NULL, true, 0}};
	pdf_break(&m, amount, 2, 50, 0, PDF_LEFT, true, &ls);
	check(ls.n == 2 && ls.lines[1].frags[0].span == 1 && ls.lines[1].frags[0].start == 0 &&
		      ls.lines[1].frags[ls.lines[1].nfrags - 1].end == strlen("2,216件"),
	      "a whole amount goes to the next line entire", NULL);
	pdf_lines_free(&ls);
	amount[1].whole = false;
	pdf_break(&m, amount, 2, 50, 0, PDF_LEFT, true, &ls);
	check(ls.n == 2 && ls.lines[1].frags[0].span == 1 && ls.lines[1].frags[0].start > 0,
	      "the same amount not whole breaks before its counter", NULL);
	pdf_lines_free(&ls);
	amount[1].whole = true;
	pdf_extent(&m, &amount[1], 1, true, &mn, &mx);
	check(fabs(mn - 37.5) < 0.01, "extent: a whole amount is one piece (2,216, a quarter em, 件)", NULL);

	pdf_metrics_fini(&m);
	printf("layout: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
