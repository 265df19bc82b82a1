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
	X(INDICATORS_PAGE, "indicators_page") \
	X(STRUCTURE, "structure") \
	X(STRUCTURE_ALT, "structure_alt") \
	X(REVISIONS, "revisions") \
	X(COMMITTEE, "committee") \
	X(DOWNLOADS, "downloads") \
	X(SEARCH, "search") \
	X(NOT_FOUND, "not_found") \
	X(NOT_FOUND_TEXT, "not_found_text") \
	X(SEARCH_LABEL, "search_label") \
	X(SEARCH_BUTTON, "search_button") \
	X(SEARCH_COUNT, "search_count") \
	X(SEARCH_NONE, "search_none") \
	X(SEARCH_FAILED, "search_failed") \
	X(SEARCH_NOJS, "search_nojs") \
	X(ALL_PAGES, "all_pages") \
	X(NOTES, "notes") \
	X(ACCESSIBILITY, "accessibility") \
	X(ACCESSIBILITY_TARGET, "accessibility_target") \
	X(ACCESSIBILITY_CHECKS, "accessibility_checks") \
	X(ACCESSIBILITY_RESULT, "accessibility_result") \
	X(A11Y_LANG, "a11y_lang") \
	X(A11Y_TITLE, "a11y_title") \
	X(A11Y_ALT, "a11y_alt") \
	X(A11Y_HEADERS, "a11y_headers") \
	X(A11Y_HEADINGS, "a11y_headings") \
	X(A11Y_LINKS, "a11y_links") \
	X(A11Y_IDS, "a11y_ids") \
	X(ACCESSIBILITY_TOOLS, "accessibility_tools") \
	X(ACCESSIBILITY_TESTS, "accessibility_tests") \
	X(ACCESSIBILITY_TESTED, "accessibility_tested") \
	X(ACCESSIBILITY_SINCE, "accessibility_since") \
	X(BREADCRUMB, "breadcrumb") \
	X(PAGE_NAV, "page_nav") \
	X(MAIN_NAV, "main_nav") \
	X(PLAN_TEXT, "plan_text") \
	X(CONTENTS, "contents") \
	X(FILE, "file") \
	X(FORMAT, "format") \
	X(BOOKLET, "booklet") \
	X(INDICATOR_DATA, "indicator_data") \
	X(INDICATOR_VALUES_BY_YEAR, "indicator_values_by_year") \
	X(VALUES_DEFINITION_FILE, "values_definition_file") \
	X(ITEM_DEFINITION, "item_definition") \
	X(ITEM_DEFINITION_FILE, "item_definition_file") \
	X(ITEM_COLUMNS, "item_columns") \
	X(ITEM_KEY, "item_key") \
	X(ITEM_NAME, "item_name") \
	X(ITEM_TYPE, "item_type") \
	X(ITEM_UNIT, "item_unit") \
	X(ITEM_MEANING, "item_meaning") \
	X(LANGUAGE_NAMES, "language_names") \
	X(PERIOD, "period") \
	X(COVER_PERIOD, "cover_period") \
	X(PHILOSOPHY, "philosophy") \
	X(BASIC_GOAL, "basic_goal") \
	X(GOAL, "goal") \
	X(POINTS, "points") \
	X(POINT_TITLE, "point_title") \
	X(POLICY, "policy") \
	X(MEASURE, "measure") \
	X(MEASURES, "measures") \
	X(MEASURE_SHORT, "measure_short") \
	X(ACTIONS, "actions") \
	X(ACTION, "action") \
	X(DEPARTMENTS, "departments") \
	X(FISCAL_YEAR, "fiscal_year") \
	X(FISCAL_PERIOD, "fiscal_period") \
	X(FISCAL_YEAR_ERA, "fiscal_year_era") \
	X(FISCAL_YEAR_BOTH, "fiscal_year_both") \
	X(FISCAL_PERIOD_ERA, "fiscal_period_era") \
	X(FISCAL_PERIOD_BOTH, "fiscal_period_both") \
	X(ERAS, "eras") \
	X(YEAR_SUFFIXES, "year_suffixes") \
	X(ERA_YEAR, "era_year") \
	X(ERA_FIRST, "era_first") \
	X(REVISED_PERIOD, "revised_period") \
	X(NUMBERED, "numbered") \
	X(NUMBERED_TITLE, "numbered_title") \
	X(BRACKETED, "bracketed") \
	X(PARENTHESIZED, "parenthesized") \
	X(LIST_SEPARATOR, "list_separator") \
	X(CLAUSE_SEPARATOR, "clause_separator") \
	X(LABEL_SEPARATOR, "label_separator") \
	X(SUMMARY_SEPARATOR, "summary_separator") \
	X(SPACE, "space") \
	X(MARK, "mark") \
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
	X(MONITORING_ONLY, "monitoring_only") \
	X(REVISIONS_CAPTION, "revisions_caption") \
	X(MEASURE_GROUP, "measure_group") \
	X(VALUE_YEAR, "value_year") \
	X(PART_SEPARATOR, "part_separator") \
	X(STATUS_ACHIEVED, "status_achieved") \
	X(STATUS_ON_TRACK, "status_on_track") \
	X(STATUS_BEHIND, "status_behind") \
	X(STATUS_WORSE, "status_worse") \
	X(STATUS_MONITORING, "status_monitoring") \
	X(STATUS_NO_TARGET, "status_no_target") \
	X(STATUS_NO_DATA, "status_no_data") \
	X(SYMBOL_ACHIEVED, "symbol_achieved") \
	X(SYMBOL_ON_TRACK, "symbol_on_track") \
	X(SYMBOL_BEHIND, "symbol_behind") \
	X(SYMBOL_WORSE, "symbol_worse") \
	X(SYMBOL_MONITORING, "symbol_monitoring") \
	X(SYMBOL_NO_TARGET, "symbol_no_target") \
	X(SYMBOL_NO_DATA, "symbol_no_data") \
	X(MARK_ADDED, "mark_added") \
	X(MARK_REVISED, "mark_revised") \
	X(MARK_REPLACED, "mark_replaced") \
	X(OWNER, "owner") \
	X(FIGURE, "figure") \
	X(PHOTO, "photo") \
	X(DATA_TABLE, "data_table") \
	X(CHART_CAPTION, "chart_caption") \
	X(CHART_CAPTION_UNNUMBERED, "chart_caption_unnumbered") \
	X(PHOTO_CAPTION, "photo_caption") \
	X(STRUCTURE_TEXT, "structure_text") \
	X(SOURCE, "source") \
	X(NO_DATA, "no_data") \
	X(PUBLISHED_BY, "published_by") \
	X(EDITED_BY, "edited_by") \
	X(ADDRESS_LINE, "address_line") \
	X(POSTCODE_LINE, "postcode_line") \
	X(CONTACT_SEPARATOR, "contact_separator") \
	X(CITY_SITE, "city_site") \
	X(DATA_LICENCE, "data_licence") \
	X(EDITION_DATE, "edition_date") \
	X(TELEPHONE, "telephone") \
	X(FAX, "fax") \
	X(TELEPHONE_LINK, "telephone_link") \
	X(ADOPTED, "adopted") \
	X(REVISED, "revised") \
	X(YEAR_MONTH, "year_month") \
	X(DATE, "date") \
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
