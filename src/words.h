/* words.h — the words of the interface, as keys.
 *
 * Every word plangen shows (a column header, a menu entry, a label) has a
 * key here; its text in each language is data: themes/default/words.yaml
 * gives every word, content/words.yaml may override any of them, and the
 * loader puts the result into plan_t.words.  The back-ends ask plan_word().
 * Adding a word: a line here and one in every theme's words.yaml. */
#ifndef PLANGEN_WORDS_H
#define PLANGEN_WORDS_H

#define WORD_LIST \
	X(SKIP, "skip") \
	X(HOME, "home") \
	X(ON_THIS_PAGE, "on_this_page") \
	X(PREVIOUS, "previous") \
	X(NEXT, "next") \
	X(OTHER_LANGUAGE, "other_language") \
	X(OTHER_LANGUAGE_NAME, "other_language_name") \
	X(INDICATORS_PAGE, "indicators_page") \
	X(STRUCTURE, "structure") \
	X(REVISIONS, "revisions") \
	X(COMMITTEE, "committee") \
	X(DOWNLOADS, "downloads") \
	X(SEARCH, "search") \
	X(NOT_FOUND, "not_found") \
	X(NOT_FOUND_TEXT, "not_found_text") \
	X(SEARCH_LABEL, "search_label") \
	X(SEARCH_BUTTON, "search_button") \
	X(SEARCH_NOJS, "search_nojs") \
	X(ALL_PAGES, "all_pages") \
	X(BREADCRUMB, "breadcrumb") \
	X(PAGE_NAV, "page_nav") \
	X(MAIN_NAV, "main_nav") \
	X(PLAN_TEXT, "plan_text") \
	X(CONTENTS, "contents") \
	X(FILE, "file") \
	X(FORMAT, "format") \
	X(PERIOD, "period") \
	X(PHILOSOPHY, "philosophy") \
	X(BASIC_GOAL, "basic_goal") \
	X(GOAL, "goal") \
	X(POINTS, "points") \
	X(POLICY, "policy") \
	X(MEASURE, "measure") \
	X(MEASURES, "measures") \
	X(MEASURE_SHORT, "measure_short") \
	X(ACTIONS, "actions") \
	X(ACTION, "action") \
	X(DEPARTMENTS, "departments") \
	X(FISCAL_YEAR, "fiscal_year") \
	X(FISCAL_PERIOD, "fiscal_period") \
	X(REVISED_PERIOD, "revised_period") \
	X(BASIC_INDICATORS, "basic_indicators") \
	X(OVERALL, "overall") \
	X(ITEM, "item") \
	X(BASELINE, "baseline") \
	X(CURRENT, "current") \
	X(TARGET, "target") \
	X(DESCRIPTION, "description") \
	X(SECTION, "section") \
	X(STATUS, "status") \
	X(PROGRESS, "progress") \
	X(INDICATOR_CHARTS, "indicator_charts") \
	X(REASON, "reason") \
	X(OWNER, "owner") \
	X(FIGURE, "figure") \
	X(PHOTO, "photo") \
	X(DATA_TABLE, "data_table") \
	X(SOURCE, "source") \
	X(NO_DATA, "no_data") \
	X(PUBLISHED_BY, "published_by") \
	X(EDITED_BY, "edited_by") \
	X(ADOPTED, "adopted") \
	X(REVISED, "revised") \
	X(YEAR_MONTH, "year_month") \
	X(MONTH_NAMES, "month_names")

typedef enum {
#define X(id, key) WORD_##id,
	WORD_LIST
#undef X
	WORD_COUNT
} word_t;

/* The key of a word in words.yaml ("basic_indicators"). */
extern const char *const word_keys[WORD_COUNT + 1];

#endif
