/* unit.c — unit tests of the buffer, UTF-8, numbers, Markdown soft breaks,
 * value formatting, the seed plan's content as loaded, progress, the
 * revision list against the seed's (tests/revisions.txt), and the open
 * data's escaping. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends.h"
#include "buf.h"
#include "diag.h"
#include "figure.h"
#include "fonts.h"
#include "load.h"
#include "site.h"

#include <libxml/HTMLparser.h>
#include "model.h"
#include "utf8.h"

static int passed, failed;

#define CHECK(cond)                                                              \
	do {                                                                     \
		if (cond) {                                                      \
			passed++;                                                \
		} else {                                                         \
			failed++;                                                \
			fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                \
	} while (0)

#define CHECK_STR(got, want)                                                          \
	do {                                                                          \
		const char *g_ = (got), *w_ = (want);                                 \
		if (strcmp(g_, w_) == 0) {                                            \
			passed++;                                                     \
		} else {                                                              \
			failed++;                                                     \
			fprintf(stderr, "%s:%d: FAILED: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, g_, w_); \
		}                                                                     \
	} while (0)

static void test_buf(void)
{
	buf_t b = BUF_INIT;
	CHECK(b.ptr != NULL && b.ptr[0] == '\0');
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	CHECK(b.len == strlen(b.ptr));
	CHECK(strncmp(b.ptr, "0,1,2,", 6) == 0);
	char *s = buf_detach(&b);
	CHECK(b.len == 0 && b.ptr[0] == '\0');
	free(s);
	s = buf_detach(&b); /* an empty buffer still gives a string */
	CHECK_STR(s, "");
	free(s);
}

static void test_utf8(void)
{
	uint32_t cp;
	CHECK(utf8_decode("あ", 3, &cp) == 3 && cp == 0x3042);
	CHECK(utf8_decode("\xC0\xAF", 2, &cp) == 0);  /* overlong */
	CHECK(utf8_decode("\xED\xA0\x80", 3, &cp) == 0); /* surrogate */
	CHECK(utf8_invalid_at("abc\xFFz", 5) == 3);
	CHECK(utf8_invalid_at("郡山", strlen("郡山")) == -1);
	CHECK(utf8_invalid_at("\xE9\x83", 2) == 0); /* truncated */
	CHECK(utf8_is_wide(0x3002) && utf8_is_wide(0x90E1) && !utf8_is_wide('a'));
	CHECK(utf8_has_japanese("SDGs未来都市") && !utf8_has_japanese("SDGs 2030"));
	{ /* full-width Latin letters, digits and signs as ASCII; kana and others kept */
		char *n = utf8_narrow_ascii("ｍ１－ａ：あ〜");
		CHECK_STR(n, "m1-a:あ〜");
		free(n);
		CHECK(utf8_narrow_ascii("m1 あ") == NULL);
	}
	/* Typographic quotes (English), one width of parentheses (Japanese). */
	static const char *const texts[][3] = {
		{"the city's \"basic plan\" ('ours')", "the city’s “basic plan” (‘ours’)", NULL},
		{"世代(ここでは30歳未満)が", NULL, "世代（ここでは30歳未満）が"},
		{"71.2%(小6)", NULL, "71.2%（小6）"},
		{"ICT(情報通信技術)", NULL, "ICT（情報通信技術）"},
		{"see (ICT) here", NULL, "see (ICT) here"},
		{"(unpaired 未", NULL, "(unpaired 未"},
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		char *q = utf8_smart_quotes(texts[i][0]), *w = utf8_fullwidth_parens(texts[i][0]);
		CHECK(strcmp(q, texts[i][1] ? texts[i][1] : texts[i][0]) == 0);
		CHECK(strcmp(w, texts[i][2] ? texts[i][2] : texts[i][0]) == 0);
		free(q), free(w);
	}
}

static void test_num(void)
{
	struct {
		num_t n;
		const char *want;
	} cases[] = {
		{{2216, 0}, "2,216"}, {{74.8, 1}, "74.8"}, {{70, 1}, "70.0"},
		{{2113735, 0}, "2,113,735"}, {{20028928, 0}, "20,028,928"}, {{999, 0}, "999"},
		{{1000, 0}, "1,000"}, {{-1234.5, 1}, "-1,234.5"}, {{0, 0}, "0"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf_t b = BUF_INIT;
		num_format(&b, cases[i].n);
		CHECK_STR(b.ptr, cases[i].want);
		buf_free(&b);
	}
}

/* The text of a paragraph after the soft-break rule. */
static char *para_text(const char *md)
{
	int f = diag_file_add("t.md", md, strlen(md));
	md_node *doc = md_parse(f, md, strlen(md), false);
	buf_t b = BUF_INIT;
	for (md_node *c = doc->first->first; c; c = c->next)
		if (c->type == MD_TEXT)
			buf_puts(&b, c->text);
	md_free(doc);
	return buf_detach(&b);
}

static void test_soft_breaks(void)
{
	char *s = para_text("本計画は\n協働のまちを目指します。\n");
	CHECK_STR(s, "本計画は協働のまちを目指します。");
	free(s);
	s = para_text("This plan\naims at collaboration.\n");
	CHECK_STR(s, "This plan aims at collaboration.");
	free(s);
	s = para_text("（協議会委員意見）\n「連携」\n");
	CHECK_STR(s, "（協議会委員意見）「連携」");
	free(s);
	s = para_text("SDGs\nの推進\n"); /* Latin then Japanese: not both wide, a space stays */
	CHECK_STR(s, "SDGs の推進");
	free(s);
	/* The same in YAML's texts without quotes written over lines: no space
	 * between wide characters, YAML's folding elsewhere (an empty line a
	 * line break), and quoted texts as YAML reads them. */
	const char *yaml = "a: 公用車のうち\n  電気自動車の割合\nb: one two\n  three\n\n  four\n"
			   "c: 日本 語\nd: \"引用の\n  続き\"\ne: SDGs\n  の推進\n";
	ynode *root = ytree_parse(0, yaml, strlen(yaml));
	CHECK(root != NULL);
	if (root) {
		CHECK_STR(ytree_get(root, "a")->str, "公用車のうち電気自動車の割合");
		CHECK_STR(ytree_get(root, "b")->str, "one two three\nfour");
		CHECK_STR(ytree_get(root, "c")->str, "日本 語");
		CHECK_STR(ytree_get(root, "d")->str, "引用の 続き");
		CHECK_STR(ytree_get(root, "e")->str, "SDGs の推進");
		ytree_free(root);
	}
	diag_reset();
}

static void test_format_value(void)
{
	bool env;
	plan_t *p = load_content("tests/fixture", "themes/default", &env);
	CHECK(!env && diag_errors() == 0);
	int share = plan_find_indicator(p, "r-share"), lec = plan_find_indicator(p, "r-lectures");
	CHECK(share >= 0 && lec >= 0);
	if (share < 0 || lec < 0)
		goto done;
	struct {
		int ind;
		yearslot_t slot;
		lang_t lang;
		const char *want;
	} cases[] = {
		{lec, YEAR_BASELINE, 0, "261件"},
		{lec, YEAR_BASELINE, 1, "261 cases"},
		{lec, YEAR_CURRENT, 0, "18件 (2021)"},
		{lec, YEAR_CURRENT, 1, "18 cases (FY2021)"},
		{share, YEAR_BASELINE, 0, "71.2%（小6） 35.7%（中3）"},
		{share, YEAR_TARGET, 1, "75.0% (Grade 6), 50.0% (Grade 9)"},
		{share, YEAR_CURRENT, 0, "—"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf_t b = BUF_INIT;
		plan_format_value(&b, p, &p->indicators[cases[i].ind], cases[i].slot, cases[i].lang);
		CHECK_STR(b.ptr, cases[i].want);
		buf_free(&b);
	}
	CHECK(p->indicators[plan_find_indicator(p, "f-lectures")].successor == lec);
done:
	plan_free(p);
	diag_reset();
}

/* Years of the Japanese era as people write them, in any of the plan's
 * languages (by the theme's words eras, era_first, year_suffixes), read as
 * Western years. */
static void test_era_years(void)
{
	bool env;
	plan_t *p = load_content("content", "themes/default", &env);
	static const struct {
		const char *text;
		int want;
	} cases[] = {
		{"令和3年度", 2021}, {"令和元年", 2019}, {"令和元年度", 2019}, {"R3", 2021}, {"r3", 2021},
		{"H30", 2018}, {"平成31年度", 2019}, {"平成元年", 1989}, {"昭和64年", 1989},
		{"Reiwa 3", 2021}, {"Heisei 1", 1989},
		{"令和", 0}, {"2021", 0}, {"令和3年度から", 0}, {"R", 0}, {"令和0年度", 0}, {"Reiwa 3 FY", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int got = plan_era_year(p, cases[i].text);
		if (got != cases[i].want)
			fprintf(stderr, "era year %s: %d, want %d\n", cases[i].text, got, cases[i].want);
		CHECK(got == cases[i].want);
	}
	/* a fiscal year as the plan writes one (a chart category needs no English then) */
	static const struct {
		const char *text;
		int want; /* 0: no fiscal year */
	} fiscal[] = {
		{"令和3年度", 2021}, {"2021年度", 2021}, {"令和元年度", 2019}, {"2021年度（令和3年度）", 2021}, {"2021年度（令和4年度）", 0}, {"20210年度", 0},
		{"令和3年", 0}, {"前期", 0}, {"2021", 0}, {"令和3年度末", 0},
	};
	for (size_t i = 0; i < sizeof fiscal / sizeof *fiscal; i++) {
		int year = 0;
		bool is = plan_fiscal_year(p, fiscal[i].text, &year);
		if (is != (fiscal[i].want != 0) || (is && year != fiscal[i].want))
			fprintf(stderr, "fiscal year %s: %d %d, want %d\n", fiscal[i].text, is, year, fiscal[i].want);
		CHECK(is == (fiscal[i].want != 0) && (!is || year == fiscal[i].want));
	}
	plan_free(p);
}

/* A word about a period ({period}, revised_period) writes the years as the
 * plan writes a period: Western, in the era or both. */
static void test_period_word(void)
{
	bool env;
	plan_t *p = load_content("tests/plan2", "themes/default", &env);
	CHECK(p != NULL);
	if (!p)
		return;
	static const struct {
		int years;
		const char *want;
	} cases[] = {{YEARS_WESTERN, "見直し後 2026年度～2030年度"},
		     {YEARS_BOTH, "見直し後 2026年度～2030年度（令和8年度～令和12年度）"},
		     {YEARS_ERA, "見直し後 令和8年度～令和12年度"}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf_t b = BUF_INIT;
		p->years = cases[i].years;
		plan_word_years(&b, p, WORD_REVISED_PERIOD, 0, 2026, 2030);
		CHECK_STR(b.ptr, cases[i].want);
		buf_free(&b);
	}
	/* a chart's narrow column: fiscal_year itself, every slot filled */
	free(p->words[WORD_FISCAL_YEAR].s[0]);
	p->words[WORD_FISCAL_YEAR].s[0] = xstrdup("{year}年度（{era_year}年度）");
	buf_t b = BUF_INIT;
	plan_word_year_western(&b, p, 0, 2019);
	CHECK_STR(b.ptr, "2019年度（令和元年度）");
	buf_free(&b);
	plan_free(p);
	diag_reset();
}

/* Footnote marks as every back-end finds them: ※ and 1 to 3 digits. */
static void test_note_marks(void)
{
	static const struct {
		const char *text;
		size_t len;
		int number;
	} cases[] = {
		{"※7 word", 4, 7}, {"※12", 5, 12}, {"※１２", 9, 12}, {"※123", 6, 123},
		{"※1234", 0, 0}, {"※", 0, 0}, {"※ 7", 0, 0}, {"7", 0, 0}, {"*1", 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int n = 0;
		size_t len = text_note_mark(cases[i].text, &n);
		CHECK(len == cases[i].len && (len == 0 || n == cases[i].number));
	}
	size_t len;
	int n;
	const char *s = "バンク※ ※1234 の※8件";
	const char *m = text_next_note_mark(s, &len, &n);
	CHECK(m && strcmp(m, "※8件") == 0 && len == 4 && n == 8);
	CHECK(!text_next_note_mark("※ and ※x", &len, &n));
	buf_t b = BUF_INIT;
	text_strip_marks(&b, "word ※7 word ※1234 end ※2");
	CHECK(strcmp(b.ptr, "word word ※1234 end") == 0);
	buf_free(&b);
	/* The spaces after a note's mark, ASCII or ideographic. */
	CHECK(utf8_spaces(" \u3000x", 5) == 4 && utf8_spaces("x ", 2) == 0 && utf8_spaces("\u3001", 3) == 0);
}

/* Headings' anchors: the words kept, spaces and CJK marks as hyphens,
 * other signs left out; a second use numbered; the site's own ids and
 * a heading of signs alone kept apart. */
static void test_anchors(void)
{
	static const char *const cases[][2] = {
		{"1\u3000\u8a08\u753b\u306e\u4f4d\u7f6e\u4ed8\u3051\u30fb\u8a08\u753b\u671f\u9593",
		 "\u8a08\u753b\u306e\u4f4d\u7f6e\u4ed8\u3051-\u8a08\u753b\u671f\u9593"},
		{"2023\u5e74\u5ea6", "\u5e74\u5ea6"},
		{"\u2160 \u6982\u8981", "\u6982\u8981"},
		{"\u2460\u3054\u307f 2\u2103", "\u3054\u307f-2"},
		{"4-1 Outline", "outline"},
		{"\uff24\uff38\uff08\u30c7\u30b8\u30bf\u30eb\uff09", "dx-\u30c7\u30b8\u30bf\u30eb"},
		{"Residents' Satisfaction", "residents-satisfaction"},
		{"  Waste -- and  Recycling (2023)  ", "waste-and-recycling-2023"},
		{"1 Purpose of the Plan", "purpose-of-the-plan"},
		{"Notes", "notes"},
		{"Notes", "notes-1"},
		{"notes-1", "notes-1-1"},
		{"Note 3", "section-note-3"},
		{"Main", "section-main"},
		{"\u203b", "section"},
		{"\u2605\u25cf", "section-1"},
		{"snake_case \u2014 A", "snake_case-a"},
	};
	anchors_t a = {0};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK_STR(anchors_add(&a, cases[i][0]), cases[i][1]);
	CHECK(anchors_has(&a, "notes-1") && !anchors_has(&a, "Notes"));
	anchors_free(&a);
	CHECK(a.n == 0 && a.ids == NULL);
}

/* The second plan (tests/plan2), of another shape: its counts, beside the
 * seed's below.  One indicator set, policies of 1 and 4 measures. */
static void test_plan2_counts(void)
{
	bool env;
	plan_t *p = load_content("tests/plan2", "themes/default", &env);
	CHECK(!env && diag_errors() == 0);
	CHECK(p->npolicies == 2 && p->nmeasures == 5 && p->nsets == 1 && p->nindicators == 13);
	CHECK(p->policies[0].nmeasures == 1 && p->policies[1].nmeasures == 4);
	static const int want[6] = {2, 2, 2, 2, 2, 3}; /* overall, then m1…m5 */
	for (int m = -1; m < 5 && p->nmeasures == 5; m++) {
		int n = 0;
		for (int i = 0; i < p->nindicators; i++)
			n += p->indicators[i].measure == m;
		CHECK(n == want[m + 1]);
	}
	CHECK(p->nchapters == 3 && p->npoints == 2 && p->nfigures == 3 && p->ntables == 2);
	/* m5, the last of its policy, is placed by no text: the booklet sets it
	 * after its policy's text, in its order. */
	CHECK(p->nmeasures == 5 && !p->measures[4].in_booklet && p->measures[3].in_booklet && p->policies[1].in_booklet);
	CHECK(strcmp(plan_word(p, WORD_MEASURE, 0), "施策の方向") == 0);
	CHECK(strcmp(plan_word(p, WORD_TARGET, 0), "目標値") == 0); /* the theme's */
	/* Its period is written in era years, and shown in both calendars. */
	CHECK(p->period_from == 2021 && p->period_to == 2030 && p->years == YEARS_BOTH);
	buf_t b = BUF_INIT;
	plan_word_years(&b, p, WORD_FISCAL_YEAR, 0, 2019, 2019);
	CHECK_STR(b.ptr, "2019年度（令和元年度）");
	buf_free(&b);
	plan_word_years(&b, p, WORD_FISCAL_PERIOD, 0, 2021, 2030);
	CHECK_STR(b.ptr, "2021年度～2030年度（令和3年度～令和12年度）");
	buf_free(&b);
	plan_free(p);
	diag_reset();
}

/* The real content: it loads without errors and its counts are the seed's. */
static void test_seed_counts(void)
{
	bool env;
	plan_t *p = load_content("content", "themes/default", &env);
	CHECK(!env && diag_errors() == 0);
	CHECK(p->npolicies == 3);
	CHECK(p->nmeasures == 7);
	CHECK(p->npoints == 4);
	/* Indicators per measure (overall first) in the 2018–2021 and 2022–2025 sets. */
	static const int want[2][8] = {{2, 2, 2, 2, 5, 3, 2, 5}, {3, 4, 4, 4, 7, 6, 5, 6}};
	int first = plan_find_set(p, "first"), revised = plan_find_set(p, "revised");
	CHECK(first >= 0 && revised >= 0);
	for (int s = 0; s < 2 && first >= 0 && revised >= 0; s++) {
		for (int m = -1; m < 7; m++) {
			int n = 0;
			for (int i = 0; i < p->nindicators; i++)
				n += p->indicators[i].set == (s ? revised : first) && p->indicators[i].measure == m;
			if (n != want[s][m + 1])
				fprintf(stderr, "set %d measure %d: %d indicators, want %d\n", s, m + 1, n, want[s][m + 1]);
			CHECK(n == want[s][m + 1]);
		}
	}
	/* Priority actions per measure, as in the seed. */
	static const int actions[7] = {4, 2, 4, 2, 3, 3, 3};
	for (int m = 0; m < 7 && m < p->nmeasures; m++)
		CHECK(p->measures[m].nactions == actions[m]);
	CHECK(p->nchapters == 4);

	/* Progress statuses, checked by hand against the seed's numbers
	 * (expected share of progress by FY2020: 4/9 of FY2016→2025). */
	/* The code is the status as the open data writes it (indicators.csv;
	 * tests/data_test.py holds the same table). */
	static const struct {
		const char *id;
		status_t want;
		const char *code;
	} progress[] = {
		{"r-attachment", STATUS_ACHIEVED, "achieved"},          /* 67.6 → 74.8, target 70.0 */
		{"r-satisfaction", STATUS_ON_TRACK, "on_track"},        /* 62.3 → 70.8 of 73.0: 79% */
		{"r-importance", STATUS_WORSE, "worse"},                /* 6.4 → 1.3, target 5.0 */
		{"r-kirameki-lectures", STATUS_WORSE, "worse"},         /* 261 → 238, target 300 */
		{"r-youth-borderless", STATUS_NO_DATA, "no_data"},      /* no baseline */
		{"r-local-events", STATUS_WORSE, "worse"},              /* both parts fell */
		{"r-clear-information", STATUS_NO_TARGET, "no_target"}, /* target set in FY2022 */
		{"r-traffic-accidents", STATUS_ON_TRACK, "on_track"},   /* down: 1,128 → 679 of 300: 54% */
		{"f-traffic-deaths", STATUS_BEHIND, "behind"},          /* down: 9 → 9, target 3 */
		{"f-local-talent-schools", STATUS_MONITORING, "monitoring"},
		{"r-waste-per-person", STATUS_BEHIND, "behind"},        /* down: 1,141 → 1,127 of 952: 7% */
		{"r-center-consultations", STATUS_ON_TRACK, "on_track"},/* 946 → 2,216 of 2,500: 82% */
		{"f-center-consultations", STATUS_ACHIEVED, "achieved"},/* 2,216 ≥ 1,800 */
		{"r-disaster-info-recipients", STATUS_ACHIEVED, "achieved"}, /* 10,510 ≥ 7,400 */
		{"r-line-subscribers", STATUS_NO_DATA, "no_data"},      /* no baseline */
	};
	for (size_t i = 0; i < sizeof progress / sizeof *progress; i++) {
		int k = plan_find_indicator(p, progress[i].id);
		CHECK(k >= 0);
		if (k < 0)
			continue;
		progress_t pr = plan_progress(&p->indicators[k]);
		if (pr.status != progress[i].want)
			fprintf(stderr, "%s: status %d, want %d\n", progress[i].id, pr.status, progress[i].want);
		CHECK(pr.status == progress[i].want);
		CHECK_STR(plan_status_code(pr.status), progress[i].code);
	}
	/* The summary counts: every indicator once, by measure and in all. */
	for (int s = 0; s < p->nsets; s++) {
		tally_t all = plan_progress_tally(p, s, MEASURE_ALL);
		int sum = 0, n = 0;
		for (int m = -1; m < p->nmeasures; m++)
			sum += plan_progress_tally(p, s, m).total;
		for (int k = 0; k < STATUS_COUNT; k++)
			n += all.count[k];
		CHECK(all.total == sum && all.total == n);
		CHECK(all.total == (s == first ? 23 : 39));
	}
	tally_t m7 = plan_progress_tally(p, revised, 6); /* on track: participants, accidents, gatherings */
	CHECK(m7.total == 6 && m7.count[STATUS_ON_TRACK] == 3 && m7.count[STATUS_ACHIEVED] == 0);
	CHECK(p->coverage.texts > 0 && p->coverage.translated[1] == p->coverage.texts);
	plan_free(p);
	diag_reset();
}

/* ---- the revision list against the seed's (tests/revisions.txt) -------- */

enum { R_MEASURE, R_OLD, R_OLD_CURRENT, R_OLD_TARGET, R_NEW, R_NEW_CURRENT, R_NEW_TARGET,
       R_REASON, R_SECTION, R_IDS, R_FIELDS };

typedef struct {
	char *f[R_FIELDS];
	int line;
} seedrow_t;

static char *trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* The rows of the file; NULL if it cannot be read. */
static seedrow_t *read_seed_rows(const char *path, int *n)
{
	FILE *f = fopen(path, "rb");
	*n = 0;
	if (!f)
		return NULL;
	seedrow_t *rows = NULL;
	char line[4096];
	for (int ln = 1; fgets(line, sizeof line, f); ln++) {
		line[strcspn(line, "\n")] = '\0';
		if (!*trim(line) || line[0] == '#')
			continue;
		rows = xrealloc(rows, (size_t)(*n + 1) * sizeof *rows);
		seedrow_t *r = &rows[(*n)++];
		r->line = ln;
		char *s = line;
		for (int k = 0; k < R_FIELDS; k++) {
			char *bar = s ? strchr(s, '|') : NULL;
			if (bar)
				*bar = '\0';
			r->f[k] = xstrdup(s ? trim(s) : "");
			s = bar ? bar + 1 : NULL;
		}
	}
	fclose(f);
	return rows;
}

static void free_seed_rows(seedrow_t *rows, int n)
{
	for (int i = 0; i < n; i++)
		for (int k = 0; k < R_FIELDS; k++)
			free(rows[i].f[k]);
	free(rows);
}

/* A name as compared: without footnote marks, spaces, and with ( ) as （ ）. */
static char *norm(const char *s)
{
	buf_t plain = BUF_INIT, b = BUF_INIT;
	text_strip_marks(&plain, s ? s : "");
	for (const char *c = plain.ptr; *c; c++) {
		if (*c == ' ')
			continue;
		if (strncmp(c, "　", 3) == 0)
			c += 2;
		else if (*c == '(')
			buf_puts(&b, "（");
		else if (*c == ')')
			buf_puts(&b, "）");
		else
			buf_putc(&b, *c);
	}
	buf_free(&plain);
	return buf_detach(&b);
}

static bool same_norm(const char *a, const char *b)
{
	char *x = norm(a), *y = norm(b);
	bool same = strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

static double read_number(const char **s)
{
	char digits[64];
	size_t n = 0;
	while ((isdigit((unsigned char)**s) || **s == ',' || **s == '.') && n < sizeof digits - 1) {
		if (**s != ',')
			digits[n++] = **s;
		(*s)++;
	}
	digits[n] = '\0';
	return strtod(digits, NULL);
}

/* Two value texts are the same when their words are and their numbers are
 * equal as numbers ("75%（小6）" = "75.0%（小6）", "1,500" = "1500"). */
static bool same_value_text(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			if (read_number(&a) != read_number(&b))
				return false;
			continue;
		}
		if (*a != *b)
			return false;
		if (!*a)
			return true;
		a++, b++;
	}
}

/* The seed's cell against the indicator's value as the tables show it. */
static bool value_matches(const plan_t *p, const indicator_t *ind, yearslot_t slot, const char *cell)
{
	const value_t *v = &ind->value[slot];
	if (v->kind == VAL_MONITORING)
		return strncmp(cell, "モニタリング", strlen("モニタリング")) == 0;
	if (v->kind == VAL_PENDING) /* the list gives the note that says how it will be set */
		return same_norm(cell, v->pending.s[0]) || same_norm(cell, ind->note.s[0]);
	buf_t b = BUF_INIT;
	plan_format_value(&b, p, ind, slot, 0);
	bool same = same_value_text(cell, b.ptr);
	buf_free(&b);
	return same;
}

/* The value of key=… in the ids field, or NULL. */
static const char *annotation(const seedrow_t *r, const char *key, char *out, size_t size)
{
	size_t klen = strlen(key);
	for (const char *s = r->f[R_IDS]; (s = strstr(s, key)); s += klen) {
		if ((s == r->f[R_IDS] || s[-1] == ' ') && s[klen] == '=') {
			s += klen + 1;
			size_t n = strcspn(s, " ");
			snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), s);
			return out;
		}
	}
	return NULL;
}

static const char *const seed_marks[] = {"", "【追加】", "【修正】", "【変更】"}; /* by mark_t */

/* Whether generated row g is seed row r; *why says what differs. */
static bool row_matches(const plan_t *p, const revrow_t *g, const seedrow_t *r, const char **why)
{
	int old_set = p->nsets - 2, new_set = p->nsets - 1;
	const char *mid = g->measure < 0 ? "overall" : p->measures[g->measure].id;
	if (strcmp(mid, r->f[R_MEASURE]) != 0)
		return *why = "measure", false;
	/* the new name's mark */
	const char *newname = r->f[R_NEW];
	mark_t mark = MARK_NONE;
	for (int k = 1; k < 4; k++)
		if (strncmp(newname, seed_marks[k], strlen(seed_marks[k])) == 0) {
			mark = (mark_t)k;
			newname += strlen(seed_marks[k]);
		}
	if (g->mark != mark)
		return *why = "mark", false;
	const char *names[2] = {r->f[R_OLD], newname};
	const int inds[2] = {g->old_ind, g->new_ind}, sets[2] = {old_set, new_set};
	for (int side = 0; side < 2; side++) {
		const char *name = names[side];
		bool absent = !*name || strcmp(name, "—") == 0;
		if (absent != (inds[side] < 0))
			return *why = side ? "new side present or absent" : "old side present or absent", false;
		if (absent)
			continue;
		const indicator_t *ind = &p->indicators[inds[side]];
		char id[128];
		if (annotation(r, side ? "new" : "old", id, sizeof id)) {
			if (strcmp(ind->id, id) != 0)
				return *why = side ? "new indicator (by id)" : "old indicator (by id)", false;
		} else if (!same_norm(name, ind->name.s[0])) {
			return *why = side ? "new name" : "old name", false;
		}
		if (ind->set != sets[side])
			return *why = "set", false;
		if (!value_matches(p, ind, YEAR_CURRENT, r->f[side ? R_NEW_CURRENT : R_OLD_CURRENT]))
			return *why = side ? "new current value" : "old current value", false;
		if (!value_matches(p, ind, YEAR_TARGET, r->f[side ? R_NEW_TARGET : R_OLD_TARGET]))
			return *why = side ? "new target" : "old target", false;
	}
	change_t want = g->old_ind >= 0 && g->new_ind >= 0 ? (mark == MARK_ADDED ? CHANGE_NONE
			: mark == MARK_REVISED ? CHANGE_TARGET_REVISED
			: mark == MARK_REPLACED ? CHANGE_REPLACED : CHANGE_KEPT)
		: g->new_ind >= 0 ? (mark == MARK_ADDED ? CHANGE_ADDED : CHANGE_MOVED)
		: p->indicators[g->old_ind].successor >= 0 ? CHANGE_MOVED : CHANGE_DROPPED;
	if (g->change != want)
		return *why = "change", false;
	if (!same_norm(r->f[R_REASON], g->reason->s[0]))
		return *why = "reason", false;
	char ids[256];
	buf_t sec = BUF_INIT;
	bool by_id = annotation(r, "section", ids, sizeof ids) != NULL;
	for (int k = 0; k < g->nsections; k++) {
		const orgunit_t *u = &p->sections[g->sections[k]];
		buf_printf(&sec, "%s%s", by_id && k ? "," : "", by_id ? u->id : u->name.s[0]);
	}
	bool same = by_id ? strcmp(sec.ptr, ids) == 0 : same_norm(sec.ptr, r->f[R_SECTION]);
	buf_free(&sec);
	if (!same)
		return *why = "section", false;
	return true;
}

/* Problems between the generated rows and the seed's, each reported unless
 * quiet: a seed row that no generated row matches, one out of order, and
 * generated rows the seed does not have. */
static int revision_problems(const plan_t *p, const revrow_t *rows, int nrows, const seedrow_t *seed, int nseed,
			     bool quiet)
{
	int problems = 0, last = -1;
	for (int j = 0; j < nseed; j++) {
		int at = -1;
		const char *why = "no row", *first_why = NULL;
		for (int i = 0; i < nrows && at < 0; i++) {
			if (row_matches(p, &rows[i], &seed[j], &why))
				at = i;
			else if (i == j)
				first_why = why; /* the row in the seed's place: the likeliest culprit */
		}
		if (at < 0) {
			problems++;
			if (!quiet)
				fprintf(stderr, "tests/revisions.txt:%d: no generated row matches (row %d differs in: %s)\n",
					seed[j].line, j + 1, first_why ? first_why : why);
		} else if (at <= last) {
			problems++;
			if (!quiet)
				fprintf(stderr, "tests/revisions.txt:%d: generated out of order (row %d)\n", seed[j].line, at + 1);
		}
		if (at >= 0)
			last = at;
	}
	if (nrows != nseed) {
		problems++;
		if (!quiet)
			fprintf(stderr, "revision list: %d rows generated, the seed has %d\n", nrows, nseed);
	}
	return problems;
}

static void test_revisions(void)
{
	bool env;
	plan_t *p = load_content("content", "themes/default", &env);
	int nseed, nrows;
	seedrow_t *seed = read_seed_rows("tests/revisions.txt", &nseed);
	CHECK(seed != NULL && nseed == 45);
	revrow_t *rows = plan_revision_rows(p, &nrows);
	CHECK(rows != NULL);
	if (!seed || !rows)
		goto done;
	CHECK(revision_problems(p, rows, nrows, seed, nseed, false) == 0);

	/* The check can fail: a row left out, two rows swapped, a value changed. */
	revrow_t *copy = xmalloc((size_t)nrows * sizeof *copy);
	memcpy(copy, rows, (size_t)nrows * sizeof *copy);
	memmove(copy + 5, copy + 6, (size_t)(nrows - 6) * sizeof *copy);
	CHECK(revision_problems(p, copy, nrows - 1, seed, nseed, true) > 0);
	memcpy(copy, rows, (size_t)nrows * sizeof *copy);
	revrow_t t = copy[12]; /* the two dropped rows of measure 3 */
	copy[12] = copy[13];
	copy[13] = t;
	CHECK(revision_problems(p, copy, nrows, seed, nseed, true) > 0);
	free(copy);
	free(seed[3].f[R_NEW_TARGET]);
	seed[3].f[R_NEW_TARGET] = xstrdup("301件");
	CHECK(revision_problems(p, rows, nrows, seed, nseed, true) > 0);
	/* and the matching of values is by number, not by spelling */
	CHECK(same_value_text("75%（小6） 50%（中3）", "75.0%（小6） 50.0%（中3）"));
	CHECK(!same_value_text("75%（小6）", "75.1%（小6）"));
	CHECK(same_value_text("2,123,361件", "2123361件") && !same_value_text("238件", "238人"));
done:
	free(rows);
	free_seed_rows(seed, nseed);
	plan_free(p);
	diag_reset();
}

/* ---- open data: escaping and footnote marks ----------------------------- */

static void test_data_text(void)
{
	static const struct {
		const char *in, *csv, *json;
	} cases[] = {
		{"plain", "plain", "\"plain\""},
		{"a,b", "\"a,b\"", "\"a,b\""},
		{"say \"hi\"", "\"say \"\"hi\"\"\"", "\"say \\\"hi\\\"\""},
		{"two\r\nlines", "\"two\r\nlines\"", "\"two\\r\\nlines\""},
		{"tab\there\\", "tab\there\\", "\"tab\\there\\\\\""},
		{"\x01\x1f\x7f", "\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\""},
		{"郡山「市」", "郡山「市」", "\"郡山「市」\""},
		{"line\xE2\x80\xA8sep", "line\xE2\x80\xA8sep", "\"line\\u2028sep\""},
		{"bad\xFFutf8", "bad\xFFutf8", "\"bad\\ufffdutf8\""},
		{"", "", "\"\""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf_t c = BUF_INIT, j = BUF_INIT;
		data_put_csv_field(&c, cases[i].in, true);
		data_put_json_string(&j, cases[i].in);
		CHECK_STR(c.ptr, cases[i].csv);
		CHECK_STR(j.ptr, cases[i].json);
		buf_free(&c);
		buf_free(&j);
	}
	/* Formula injection: a text cell that a spreadsheet would run gets a
	 * leading ', inside the quotes when it needs them; numbers never. */
	static const struct {
		const char *in;
		bool text;
		const char *csv;
	} formulas[] = {
		{"=HYPERLINK(\"http://x\",\"y\")", true, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
		{"+1", true, "'+1"},
		{"-x", true, "'-x"},
		{"@SUM(A1)", true, "'@SUM(A1)"},
		{"\tx", true, "'\tx"},
		{"\rx", true, "\"'\rx\""},
		{"=1,2", true, "\"'=1,2\""},
		{"a=b", true, "a=b"},
		{"'=x", true, "'=x"},
		{"", true, ""},
		{"-3.5", false, "-3.5"},
		{"+1", false, "+1"},
	};
	for (size_t i = 0; i < sizeof formulas / sizeof *formulas; i++) {
		buf_t c = BUF_INIT;
		data_put_csv_field(&c, formulas[i].in, formulas[i].text);
		CHECK_STR(c.ptr, formulas[i].csv);
		buf_free(&c);
	}
	static const struct {
		const char *in, *want;
	} marks[] = {
		{"生涯学習きらめきバンク※7登録者数（累計）", "生涯学習きらめきバンク登録者数（累計）"},
		{"Kirameki Lifelong Learning Bank※7 (cumulative)", "Kirameki Lifelong Learning Bank (cumulative)"},
		{"通いの場※１１参加", "通いの場参加"},
		{"a ※3 b", "a b"},
		{"end ※12", "end"},
		{"※目標値は未定", "※目標値は未定"}, /* not a footnote mark */
	};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
		buf_t b = BUF_INIT;
		text_strip_marks(&b, marks[i].in);
		CHECK_STR(b.ptr, marks[i].want);
		buf_free(&b);
	}
}

/* The ink of a text shape: from its anchor, as wide as the fonts say. */
static void text_box(pdf_metrics *m, const fig_shape *t, double *x0, double *y0, double *x1, double *y1)
{
	double w = pdf_width(m, t->bold ? F_BOLD : F_SANS, t->size, t->text, strlen(t->text));
	*x0 = t->x - (t->anchor == ANCHOR_MIDDLE ? w / 2 : t->anchor == ANCHOR_END ? w : 0);
	*x1 = *x0 + w;
	*y0 = t->y - 0.88 * t->size, *y1 = t->y + 0.12 * t->size;
}

/* How many texts of the figure stand partly outside their box, over a
 * box's edge or over another text, or are set under FIG_MIN_SIZE. */
static int structure_problems(const fig_t *f, pdf_metrics *m, const char *what)
{
	int bad = 0;
	for (int i = 0; i < f->nshapes; i++) {
		const fig_shape *t = &f->shapes[i];
		if (t->kind != SHAPE_TEXT)
			continue;
		double x0, y0, x1, y1;
		text_box(m, t, &x0, &y0, &x1, &y1);
		bool inside = false, crosses = false;
		for (int k = 0; k < f->nshapes; k++) {
			const fig_shape *r = &f->shapes[k];
			if (r->kind != SHAPE_RECT)
				continue;
			bool in = x0 >= r->x + 1 && x1 <= r->x + r->w - 1 && y0 >= r->y && y1 <= r->y + r->h;
			bool meets = x1 > r->x && x0 < r->x + r->w && y1 > r->y && y0 < r->y + r->h;
			inside |= in;
			crosses |= meets && !in;
		}
		for (int k = i + 1; k < f->nshapes; k++) {
			const fig_shape *o = &f->shapes[k];
			double a0, b0, a1, b1;
			if (o->kind != SHAPE_TEXT)
				continue;
			text_box(m, o, &a0, &b0, &a1, &b1);
			if (x1 > a0 + 0.01 && x0 < a1 - 0.01 && y1 > b0 + 0.01 && y0 < b1 - 0.01) {
				fprintf(stderr, "%s: \"%s\" overlaps \"%s\"\n", what, t->text, o->text);
				bad++;
			}
		}
		if ((inside && crosses) || (!inside && crosses) || t->size < 8 - 1e-9 || x0 < 0 || x1 > f->width) {
			fprintf(stderr, "%s: \"%s\" (%.1f pt) does not fit\n", what, t->text, t->size);
			bad++;
		}
	}
	return bad;
}

/* The structure diagram of both plans, in every language, at the widths
 * of a phone, the site and the booklet, and with texts far too long for
 * their boxes: every text inside its box, none over another. */
/* The trend arrows of a chart: filled triangles in the trend colour. */
static int trend_arrows(const fig_t *f)
{
	int n = 0;
	for (int i = 0; i < f->nshapes; i++) {
		const fig_shape *s = &f->shapes[i];
		n += s->kind == SHAPE_POLYGON && s->npts == 3 && s->fill &&
		     memcmp(&s->fill_rgb, &f->colour[COLOUR_TREND], sizeof s->fill_rgb) == 0;
	}
	return n;
}

/* How many points of the trend arrows (their shafts sampled every half
 * point, their heads' corners) fall on a text's ink: the arrow must point
 * from label to label, never through one. */
static int arrow_over_text(const fig_t *f, pdf_metrics *m)
{
	int n = 0;
	for (int i = 0; i < f->nshapes; i++) {
		const fig_shape *a = &f->shapes[i];
		const fig_rgb *trend_rgb = &f->colour[COLOUR_TREND];
		bool trend = (a->kind == SHAPE_LINE && memcmp(&a->stroke_rgb, trend_rgb, sizeof *trend_rgb) == 0) ||
			     (a->kind == SHAPE_POLYGON && a->fill && memcmp(&a->fill_rgb, trend_rgb, sizeof *trend_rgb) == 0);
		if (!trend)
			continue;
		double pts[200][2];
		int np = 0;
		if (a->kind == SHAPE_LINE) {
			int steps = (int)fmin(199, hypot(a->x2 - a->x, a->y2 - a->y) * 2);
			for (int k = 0; k <= steps; k++, np++)
				pts[np][0] = a->x + (a->x2 - a->x) * k / (steps ? steps : 1),
				pts[np][1] = a->y + (a->y2 - a->y) * k / (steps ? steps : 1);
		} else {
			for (int k = 0; k < a->npts && np < 200; k++, np++)
				pts[np][0] = a->pts[2 * k], pts[np][1] = a->pts[2 * k + 1];
		}
		for (int k = 0; k < f->nshapes; k++) {
			const fig_shape *t = &f->shapes[k];
			if (t->kind != SHAPE_TEXT || !t->text)
				continue;
			double x0, y0, x1, y1;
			text_box(m, t, &x0, &y0, &x1, &y1);
			for (int q = 0; q < np; q++)
				n += pts[q][0] > x0 && pts[q][0] < x1 && pts[q][1] > y0 && pts[q][1] < y1;
		}
	}
	return n;
}

static void test_structure_fits(void)
{
	static const char *const dirs[] = {"content", "tests/plan2"};
	static const double widths[] = {240, 300, 340, 482, 720};
	static const char *const long_text[] = {
		"Interinstitutionalisation-of-multistakeholder-collaboration and counterintelligence",
		"協働推進のための市民活動団体等支援事業実施要綱に基づく補助金交付事務の見直しと地域コミュニティ活性化"};
	for (size_t d = 0; d < sizeof dirs / sizeof *dirs; d++) {
		bool env;
		plan_t *p = load_content(dirs[d], "themes/default", &env);
		theme_t th;
		CHECK(theme_load(&th, "themes/default"));
		fonts_t *fonts = fonts_open(&th, p);
		CHECK(fonts != NULL);
		for (int pass = 0; pass < 2 && fonts; pass++) {
			if (pass) /* every title of a measure and policy too long */
				for (lang_t l = 0; l < p->nlangs; l++) {
					const char *t = long_text[p->langs[l].cjk];
					free(p->policies[0].title.s[l]), p->policies[0].title.s[l] = xstrdup(t);
					free(p->measures[0].title.s[l]), p->measures[0].title.s[l] = xstrdup(t);
				}
			for (lang_t l = 0; l < p->nlangs; l++)
				for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
					pdf_metrics m;
					fonts_metrics(&m, fonts, l);
					fig_t *f = fig_structure(p, l, &m, widths[w]);
					char what[96];
					snprintf(what, sizeof what, "%s %s %.0f pt%s", dirs[d], p->langs[l].code, widths[w],
						 pass ? " (long titles)" : "");
					CHECK(structure_problems(f, &m, what) == 0);
					CHECK(f->width == widths[w] && f->nbreaks >= 1);
					fig_free(f);
					pdf_metrics_fini(&m);
				}
		}
		/* Every indicator's chart, at the site's and the booklet's widths:
		 * no label over another, a bar or the edge. */
		for (int i = 0; fonts && i < p->nindicators; i++)
			for (lang_t l = 0; l < p->nlangs; l++)
				for (int w = 0; w < 2; w++) {
					pdf_metrics m;
					fonts_metrics(&m, fonts, l);
					fig_t *f = fig_indicator(p, &p->indicators[i], l, &m, w ? FIG_INDICATOR_WIDTH : 340);
					char what[96];
					snprintf(what, sizeof what, "%s %s chart of %s", dirs[d], p->langs[l].code,
						 p->indicators[i].id);
					CHECK(!f || structure_problems(f, &m, what) == 0);
					if (f && arrow_over_text(f, &m))
						printf("  the trend arrow crosses a label: %s\n", what);
					CHECK(!f || arrow_over_text(f, &m) == 0);
					fig_free(f);
					pdf_metrics_fini(&m);
				}
		/* An indicator's chart draws no empty axes: none without a number.
		 * With a baseline and a current value of one part it draws the
		 * trend arrow (a filled head in the trend colour), else not. */
		if (fonts && p->nindicators) {
			pdf_metrics m;
			fonts_metrics(&m, fonts, 0);
			indicator_t *ind = &p->indicators[0];
			fig_t *f = fig_indicator(p, ind, 0, &m, FIG_INDICATOR_WIDTH);
			CHECK(f != NULL);
			CHECK(ind->nparts == 1 && ind->value[YEAR_BASELINE].kind == VAL_NUMBER &&
			      ind->value[YEAR_CURRENT].kind == VAL_NUMBER && trend_arrows(f) == 1);
			fig_free(f);
			valkind_t was = ind->value[YEAR_CURRENT].kind;
			ind->value[YEAR_CURRENT].kind = VAL_MISSING;
			f = fig_indicator(p, ind, 0, &m, FIG_INDICATOR_WIDTH);
			CHECK(f && trend_arrows(f) == 0);
			fig_free(f);
			ind->value[YEAR_CURRENT].kind = was;
			for (int s = 0; s < YEAR_COUNT; s++)
				ind->value[s].kind = VAL_MISSING;
			CHECK(fig_indicator(p, ind, 0, &m, FIG_INDICATOR_WIDTH) == NULL);
			pdf_metrics_fini(&m);
			/* Every chart of a baseline and a current value (no series of
			 * years) has an arrow for each of its parts, in every language;
			 * the texts of the data charts never overprint one another. */
			for (lang_t l = 0; l < p->nlangs; l++) {
				fonts_metrics(&m, fonts, l);
				int missing = 0;
				for (int i = 1; i < p->nindicators; i++) {
					const indicator_t *x = &p->indicators[i];
					if (x->nseries > 1 || x->value[YEAR_BASELINE].kind != VAL_NUMBER ||
					    x->value[YEAR_CURRENT].kind != VAL_NUMBER)
						continue;
					f = fig_indicator(p, x, l, &m, FIG_INDICATOR_WIDTH);
					missing += !f || trend_arrows(f) != x->nparts;
					fig_free(f);
				}
				CHECK(missing == 0);
				for (int i = 0; i < 2 * p->nfigures; i++) {
					f = fig_chart(p, &p->figures[i / 2], l, &m,
						      i % 2 ? FIG_CHART_WIDTH : FIG_CHART_SITE_WIDTH);
					if (!f)
						continue;
					CHECK(structure_problems(f, &m, "chart") == 0);
					int over = 0;
					for (int a = 0; a < f->nshapes; a++)
						for (int k = a + 1; k < f->nshapes; k++) {
							const fig_shape *t = &f->shapes[a], *o = &f->shapes[k];
							double x0, y0, x1, y1, a0, b0, a1, b1;
							if (t->kind != SHAPE_TEXT || o->kind != SHAPE_TEXT)
								continue;
							text_box(&m, t, &x0, &y0, &x1, &y1);
							text_box(&m, o, &a0, &b0, &a1, &b1);
							over += x1 > a0 + 0.01 && x0 < a1 - 0.01 && y1 > b0 + 0.01 && y0 < b1 - 0.01;
						}
					CHECK(over == 0);
					fig_free(f);
				}
				/* Far too narrow, a chart widens rather than cut a value. */
				for (int i = 0; i < p->nfigures; i++) {
					const figure_t *fg = &p->figures[i];
					f = fig_chart(p, fg, l, &m, 60);
					if (!f)
						continue;
					int whole = 0, values = 0;
					for (int s = 0; s < fg->nseries; s++)
						for (int c = 0; fg->series[s].values && c < fg->ncategories; c++) {
							buf_t v = BUF_INIT;
							num_format(&v, fg->series[s].values[c]);
							values++;
							for (int k = 0; k < f->nshapes; k++)
								if (f->shapes[k].kind == SHAPE_TEXT && strcmp(f->shapes[k].text, v.ptr) == 0) {
									whole++;
									break;
								}
							buf_free(&v);
						}
					CHECK(f->width > 60 && values > 0 && whole == values);
					CHECK(structure_problems(f, &m, "narrow chart") == 0);
					fig_free(f);
				}
				pdf_metrics_fini(&m);
			}
		}
		fonts_close(fonts);
		theme_free(&th);
		plan_free(p);
		diag_reset();
	}
}

/* The site's own accessibility checks find each kind of problem. */
static void test_html_check(void)
{
	static const char bad[] =
		"<html><head></head><body><h1>a</h1><h3>skipped</h3><img src=\"x.png\">"
		"<table><tr><th>head</th></tr></table><a href=\"x.html\"> </a><p id=\"d\"></p><p id=\"d\"></p>"
		"<svg role=\"img\"></svg></body></html>";
	static const char good[] =
		"<html lang=\"ja\"><head><title>t</title></head><body><h1>a</h1><h2>b</h2><img src=\"x.png\" alt=\"\">"
		"<table><tr><th scope=\"col\">head</th></tr></table><a href=\"x.html\">x</a>"
		"<svg role=\"img\" aria-label=\"f\"></svg></body></html>";
	const char *docs[2] = {bad, good};
	int want[2] = {8, 0}; /* lang, title, h3, img, th, link, id, svg */
	for (int i = 0; i < 2; i++) {
		htmlDocPtr doc = htmlReadMemory(docs[i], (int)strlen(docs[i]), "t.html", "UTF-8",
						HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
		int n = html_check_page(xmlDocGetRootElement(doc), "t.html");
		CHECK(n == want[i]);
		if (n != want[i])
			fprintf(stderr, "html_check_page: %d problems, want %d\n", n, want[i]);
		xmlFreeDoc(doc);
	}
	diag_reset();
}

int main(void)
{
	test_buf();
	test_utf8();
	test_num();
	test_soft_breaks();
	test_format_value();
	test_seed_counts();
	test_plan2_counts();
	test_era_years();
	test_period_word();
	test_note_marks();
	test_anchors();
	test_revisions();
	test_data_text();
	test_structure_fits();
	test_html_check();
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
