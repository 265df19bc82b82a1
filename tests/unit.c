/* unit.c — unit tests of the buffer, UTF-8, numbers, Markdown soft breaks,
 * value formatting, and the seed plan's content as loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "load.h"
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
	md_node *doc = md_parse(f, md, strlen(md));
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
	diag_reset();
}

static void test_format_value(void)
{
	bool env;
	plan_t *p = load_content("tests/fixture", &env);
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
		{lec, YEAR_BASELINE, LANG_JA, "261件"},
		{lec, YEAR_BASELINE, LANG_EN, "261 cases"},
		{lec, YEAR_CURRENT, LANG_JA, "18件 (2021)"},
		{lec, YEAR_CURRENT, LANG_EN, "18 cases (FY2021)"},
		{share, YEAR_BASELINE, LANG_JA, "71.2%（小6） 35.7%（中3）"},
		{share, YEAR_TARGET, LANG_EN, "75.0% (Grade 6), 50.0% (Grade 9)"},
		{share, YEAR_CURRENT, LANG_JA, "—"},
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

/* The real content: it loads without errors and its counts are the seed's. */
static void test_seed_counts(void)
{
	bool env;
	plan_t *p = load_content("content", &env);
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
	static const struct {
		const char *id;
		status_t want;
	} progress[] = {
		{"r-attachment", STATUS_ACHIEVED},          /* 67.6 → 74.8, target 70.0 */
		{"r-satisfaction", STATUS_ON_TRACK},        /* 62.3 → 70.8 of 73.0: 79% */
		{"r-importance", STATUS_WORSE},             /* 6.4 → 1.3, target 5.0 */
		{"r-kirameki-lectures", STATUS_WORSE},      /* 261 → 238, target 300 */
		{"r-youth-borderless", STATUS_NO_DATA},     /* no baseline */
		{"r-local-events", STATUS_WORSE},           /* both parts fell */
		{"r-clear-information", STATUS_NO_TARGET},  /* target set in FY2022 */
		{"r-traffic-accidents", STATUS_ON_TRACK},   /* down: 1,128 → 679 of 300: 54% */
		{"f-traffic-deaths", STATUS_BEHIND},        /* down: 9 → 9, target 3 */
		{"f-local-talent-schools", STATUS_MONITORING},
		{"r-waste-per-person", STATUS_BEHIND},      /* down: 1,141 → 1,127 of 952: 7% */
		{"r-center-consultations", STATUS_ON_TRACK},/* 946 → 2,216 of 2,500: 82% */
		{"f-center-consultations", STATUS_ACHIEVED},/* 2,216 ≥ 1,800 */
		{"r-disaster-info-recipients", STATUS_ACHIEVED}, /* 10,510 ≥ 7,400 */
		{"r-line-subscribers", STATUS_NO_DATA},     /* no baseline */
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
	}
	CHECK(p->coverage.texts > 0 && p->coverage.translated == p->coverage.texts);
	plan_free(p);
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
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
