/* out_data.c — the indicators as open data: downloads/indicators.csv,
 * indicators.json and the item definition (項目定義書) indicators-items.csv.
 *
 * The files follow the national rules for machine-readable data (総務省,
 * 2020): one header row, one value per cell, one record per indicator,
 * period and part; numbers without units, separators or ▲, Western fiscal
 * years; the units and the meaning of every column in the item definition.
 * The CSVs are UTF-8 with a BOM (without it Excel reads them as Shift_JIS)
 * and end their lines with CRLF, as RFC 4180 and Excel expect; a field is
 * quoted only when it holds a comma, a quote or a line break.  A text cell
 * that begins with =, +, -, @, a tab or CR gets a leading ' (OWASP's rule
 * against formula injection); number cells never do.  The JSON holds the
 * same records with the same number texts, and the texts as they are: both
 * are written from one list of cells, so they cannot disagree.  Nothing
 * depends on the clock or the locale, so the same content always gives the
 * same bytes. */
#include "backends.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* ---- columns -------------------------------------------------------------- */

/* The columns and their definitions are in Japanese and English, the two
 * languages of the national format, whatever the plan's languages are: the
 * text columns take the plan's ja and en texts (empty when the plan has no
 * such language). */
enum { DOC_JA, DOC_EN, DOC_LANGS };

/* The plan's language for a documentation language, or -1. */
static lang_t plan_lang(const plan_t *p, int doc)
{
	return plan_lang_find(p, doc == DOC_EN ? "en" : "ja");
}

enum {
	C_ID, C_PART, C_PART_JA, C_PART_EN, C_SET, C_PERIOD_START, C_PERIOD_END,
	C_POLICY_NUMBER, C_POLICY_ID, C_POLICY_JA, C_POLICY_EN,
	C_MEASURE_NUMBER, C_MEASURE_ID, C_MEASURE_JA, C_MEASURE_EN,
	C_NAME_JA, C_NAME_EN, C_NAME_NOTE_JA, C_NAME_NOTE_EN, C_UNIT_JA, C_UNIT_EN, C_DIRECTION,
	C_BASELINE_YEAR, C_BASELINE_VALUE, C_BASELINE_STATE,
	C_CURRENT_YEAR, C_CURRENT_VALUE, C_CURRENT_STATE,
	C_TARGET_YEAR, C_TARGET_VALUE, C_TARGET_STATE,
	C_VALUE_NOTE_JA, C_VALUE_NOTE_EN,
	C_STATUS, C_STATUS_JA, C_STATUS_EN, C_RATE,
	C_CHANGE, C_MARK, C_FROM, C_SUCCESSOR, C_REASON_JA, C_REASON_EN,
	C_SECTION_JA, C_SECTION_EN, C_DESCRIPTION_JA, C_DESCRIPTION_EN, C_NOTE_JA, C_NOTE_EN,
	NCOLS
};

/* T_CODE: a string from plangen's own fixed list (a code or its label),
 * never text from the content. */
typedef enum { T_STRING, T_CODE, T_INTEGER, T_NUMBER } coltype_t;

typedef struct {
	const char *key;
	coltype_t type;
	const char *label[DOC_LANGS], *unit[DOC_LANGS], *meaning[DOC_LANGS];
} column_def_t;

#define VALUE_UNIT {"unit_ja列の単位", "the unit in unit_en"}
#define FY {"年度", "fiscal year"}
#define NONE {"", ""}

static const column_def_t columns[NCOLS] = {
	[C_ID] = {"id", T_STRING, {"指標ID", "Indicator ID"}, NONE,
		  {"指標を識別する記号。idとpartの組で1レコードを識別する",
		   "Identifier of the indicator; id and part together identify a record"}},
	[C_PART] = {"part", T_INTEGER, {"部分番号", "Part number"}, NONE,
		    {"値が複数の部分からなる指標（例：小6と中3）の部分の番号（1から）。部分のない指標は1",
		     "Number of the part, from 1, for an indicator whose value has several parts (e.g. Grade 6 and Grade 9); "
		     "1 for an indicator without parts"}},
	[C_PART_JA] = {"part_ja", T_STRING, {"部分名", "Part (Japanese)"}, NONE,
		       {"部分の名称。部分のない指標は空欄", "Name of the part in Japanese; empty for an indicator without parts"}},
	[C_PART_EN] = {"part_en", T_STRING, {"部分名（英語）", "Part"}, NONE,
		       {"部分の英語の名称。部分のない指標は空欄", "Name of the part; empty for an indicator without parts"}},
	[C_SET] = {"set", T_STRING, {"指標の区分", "Indicator set"}, NONE,
		   {"指標のまとまりの記号", "Identifier of the set of indicators"}},
	[C_PERIOD_START] = {"period_start", T_INTEGER, {"期間の開始年度", "First year of the period"}, FY,
			    {"その指標のまとまりを用いる期間の最初の年度（西暦）", "First fiscal year in which the set is used"}},
	[C_PERIOD_END] = {"period_end", T_INTEGER, {"期間の終了年度", "Last year of the period"}, FY,
			  {"その指標のまとまりを用いる期間の最後の年度（西暦）", "Last fiscal year in which the set is used"}},
	[C_POLICY_NUMBER] = {"policy_number", T_INTEGER, {"基本方針の番号", "Basic policy number"}, NONE,
			     {"指標が属する基本方針の番号。全体指標は空欄", "Number of the basic policy; empty for an overall indicator"}},
	[C_POLICY_ID] = {"policy_id", T_STRING, {"基本方針ID", "Basic policy ID"}, NONE,
			 {"基本方針を識別する記号。全体指標は空欄", "Identifier of the basic policy; empty for an overall indicator"}},
	[C_POLICY_JA] = {"policy_ja", T_STRING, {"基本方針名", "Basic policy (Japanese)"}, NONE,
			 {"基本方針の名称。全体指標は空欄", "Title of the basic policy in Japanese; empty for an overall indicator"}},
	[C_POLICY_EN] = {"policy_en", T_STRING, {"基本方針名（英語）", "Basic policy"}, NONE,
			 {"基本方針の英語の名称。全体指標は空欄", "Title of the basic policy; empty for an overall indicator"}},
	[C_MEASURE_NUMBER] = {"measure_number", T_INTEGER, {"基本施策の番号", "Basic measure number"}, NONE,
			      {"指標が属する基本施策の番号。全体指標は空欄", "Number of the basic measure; empty for an overall indicator"}},
	[C_MEASURE_ID] = {"measure_id", T_STRING, {"基本施策ID", "Basic measure ID"}, NONE,
			  {"基本施策を識別する記号。全体指標はoverall", "Identifier of the basic measure; overall for an overall indicator"}},
	[C_MEASURE_JA] = {"measure_ja", T_STRING, {"基本施策名", "Basic measure (Japanese)"}, NONE,
			  {"基本施策の名称。全体指標は「全体指標」", "Title of the basic measure in Japanese; 全体指標 for an overall indicator"}},
	[C_MEASURE_EN] = {"measure_en", T_STRING, {"基本施策名（英語）", "Basic measure"}, NONE,
			  {"基本施策の英語の名称。全体指標はOverall indicators",
			   "Title of the basic measure; Overall indicators for an overall indicator"}},
	[C_NAME_JA] = {"name_ja", T_STRING, {"指標名", "Indicator name (Japanese)"}, NONE,
		       {"指標の名称。注の記号（※7など）は除く", "Name of the indicator in Japanese, without note marks such as ※7"}},
	[C_NAME_EN] = {"name_en", T_STRING, {"指標名（英語）", "Indicator name"}, NONE,
		       {"指標の英語の名称。注の記号（※7など）は除く", "Name of the indicator, without note marks such as ※7"}},
	[C_NAME_NOTE_JA] = {"name_note_ja", T_STRING, {"指標名の注記", "Note on the name (Japanese)"}, NONE,
			    {"指標名に添える注記（出典の調査など）。なければ空欄",
			     "Note printed under the name in Japanese (e.g. the survey it comes from); empty if none"}},
	[C_NAME_NOTE_EN] = {"name_note_en", T_STRING, {"指標名の注記（英語）", "Note on the name"}, NONE,
			    {"指標名に添える注記の英語。なければ空欄", "Note printed under the name; empty if none"}},
	[C_UNIT_JA] = {"unit_ja", T_STRING, {"単位", "Unit (Japanese)"}, NONE,
		       {"値（baseline_value、current_value、target_value）の単位（例：%、件、人）",
			"Unit of the values (baseline_value, current_value, target_value) in Japanese (e.g. %, 件, 人)"}},
	[C_UNIT_EN] = {"unit_en", T_STRING, {"単位（英語）", "Unit"}, NONE,
		       {"値の単位の英語（例：%、cases、people）", "Unit of the values (e.g. %, cases, people)"}},
	[C_DIRECTION] = {"direction", T_CODE, {"望ましい方向", "Direction"}, NONE,
			 {"up：値が増えるほどよい、down：値が減るほどよい、monitor：モニタリング指標（目標値なし）",
			  "up: higher is better; down: lower is better; monitor: monitoring indicator (no target)"}},
	[C_BASELINE_YEAR] = {"baseline_year", T_INTEGER, {"基準値の年度", "Baseline year"}, FY,
			     {"基準値を測定した年度（西暦）", "Fiscal year in which the baseline was measured"}},
	[C_BASELINE_VALUE] = {"baseline_value", T_NUMBER, {"基準値", "Baseline value"}, VALUE_UNIT,
			      {"基準値。桁区切りなし。値がなければ空欄（baseline_stateとvalue_noteを参照）",
			       "Baseline value, without separators; empty if there is none (see baseline_state and value_note)"}},
	[C_BASELINE_STATE] = {"baseline_state", T_CODE, {"基準値の状態", "Baseline state"}, NONE,
			      {"number：数値あり、missing：データなし", "number: a value is given; missing: no data"}},
	[C_CURRENT_YEAR] = {"current_year", T_INTEGER, {"現況値の年度", "Current value year"}, FY,
			    {"現況値を測定した年度（西暦）。期間の現況値の年度と異なることがある",
			     "Fiscal year in which the current value was measured; may differ from the set's year"}},
	[C_CURRENT_VALUE] = {"current_value", T_NUMBER, {"現況値", "Current value"}, VALUE_UNIT,
			     {"現況値。桁区切りなし。値がなければ空欄（current_stateとvalue_noteを参照）",
			      "Current value, without separators; empty if there is none (see current_state and value_note)"}},
	[C_CURRENT_STATE] = {"current_state", T_CODE, {"現況値の状態", "Current value state"}, NONE,
			     {"number：数値あり、missing：データなし", "number: a value is given; missing: no data"}},
	[C_TARGET_YEAR] = {"target_year", T_INTEGER, {"目標値の年度", "Target year"}, FY,
			   {"目標とする年度（西暦）", "Fiscal year of the target"}},
	[C_TARGET_VALUE] = {"target_value", T_NUMBER, {"目標値", "Target value"}, VALUE_UNIT,
			    {"目標値。桁区切りなし。値がなければ空欄（target_stateとvalue_noteを参照）",
			     "Target value, without separators; empty if there is none (see target_state and value_note)"}},
	[C_TARGET_STATE] = {"target_state", T_CODE, {"目標値の状態", "Target state"}, NONE,
			    {"number：数値あり、missing：データなし、pending：今後設定する、monitoring：モニタリング指標のため目標値なし",
			     "number: a value is given; missing: no data; pending: still to be set; "
			     "monitoring: a monitoring indicator, which has no target"}},
	[C_VALUE_NOTE_JA] = {"value_note_ja", T_STRING, {"値の注記", "Value note (Japanese)"}, NONE,
			     {"基準値・現況値・目標値が空欄の理由", "Why a baseline, current or target value is empty, in Japanese"}},
	[C_VALUE_NOTE_EN] = {"value_note_en", T_STRING, {"値の注記（英語）", "Value note"}, NONE,
			     {"値が空欄の理由の英語", "Why a baseline, current or target value is empty"}},
	[C_STATUS] = {"status", T_CODE, {"進捗状況", "Progress status"}, NONE,
		      {"現況値での進捗状況。部分のある指標は最も進んでいない部分の状況",
		       "Progress at the current value; for an indicator with parts, that of its weakest part"}},
	[C_STATUS_JA] = {"status_ja", T_CODE, {"進捗状況（表示名）", "Progress status (Japanese)"}, NONE,
			 {"進捗状況の表示名", "The status as shown in Japanese"}},
	[C_STATUS_EN] = {"status_en", T_CODE, {"進捗状況（英語の表示名）", "Progress status (English)"}, NONE,
			 {"進捗状況の英語の表示名", "The status as shown in English"}},
	[C_RATE] = {"achievement_rate", T_NUMBER, {"達成率", "Achievement rate"}, {"%", "%"},
		    {"（現況値－基準値）÷（目標値－基準値）×100、小数第1位まで。減らすことを目指す指標も目標に近づけば正の値。"
		     "部分のある指標は最も進んでいない部分の値。achieved・on_track・behind・worse以外は空欄",
		     "(current − baseline) / (target − baseline) × 100, to one decimal; positive when the value moves toward "
		     "the target, also for an indicator that should fall; for an indicator with parts, that of its weakest "
		     "part; empty unless the status is achieved, on_track, behind or worse"}},
	[C_CHANGE] = {"change", T_CODE, {"見直しの区分", "Revision"}, NONE,
		      {"見直し前の指標は見直しでどうなったか、見直し後の指標はどう設けられたか。kept：継続、"
		       "target_revised：目標値の修正、replaced：別の指標に変更、moved：他の基本施策へ（から）移行、"
		       "added：追加、dropped：廃止",
		       "For an indicator of an earlier set, what became of it at the revision; for a revised indicator, how "
		       "it came about. kept; target_revised: new target; replaced: replaced by another indicator; moved: moved "
		       "to (or from) another basic measure; added; dropped"}},
	[C_MARK] = {"mark", T_CODE, {"見直しの記号", "Revision mark"}, NONE,
		    {"表に添える記号", "The mark shown in the tables"}},
	[C_FROM] = {"from", T_STRING, {"見直し前の指標ID", "Previous indicator ID"}, NONE,
		    {"この指標が引き継ぐ見直し前の指標のid。なければ空欄",
		     "id of the earlier indicator this one continues; empty if none"}},
	[C_SUCCESSOR] = {"successor", T_STRING, {"見直し後の指標ID", "Next indicator ID"}, NONE,
			 {"この指標を引き継ぐ見直し後の指標のid。なければ空欄",
			  "id of the revised indicator that continues this one; empty if none"}},
	[C_REASON_JA] = {"reason_ja", T_STRING, {"見直し理由", "Reason for the revision (Japanese)"}, NONE,
			 {"指標の見直しの理由。なければ空欄", "Reason for the revision in Japanese; empty if none"}},
	[C_REASON_EN] = {"reason_en", T_STRING, {"見直し理由（英語）", "Reason for the revision"}, NONE,
			 {"見直しの理由の英語。なければ空欄", "Reason for the revision; empty if none"}},
	[C_SECTION_JA] = {"section_ja", T_STRING, {"所管課", "Responsible division (Japanese)"}, NONE,
			  {"指標を所管する課。複数の場合は「、」で区切る",
			   "Division responsible for the indicator, in Japanese; several are separated by 、"}},
	[C_SECTION_EN] = {"section_en", T_STRING, {"所管課（英語）", "Responsible division"}, NONE,
			  {"所管課の英語。複数の場合は「; 」で区切る", "Division responsible for the indicator; several are separated by \"; \""}},
	[C_DESCRIPTION_JA] = {"description_ja", T_STRING, {"指標の説明", "Description (Japanese)"}, NONE,
			      {"指標が何を数えるか", "What the indicator measures, in Japanese"}},
	[C_DESCRIPTION_EN] = {"description_en", T_STRING, {"指標の説明（英語）", "Description"}, NONE,
			      {"指標の説明の英語", "What the indicator measures"}},
	[C_NOTE_JA] = {"note_ja", T_STRING, {"備考", "Note (Japanese)"}, NONE,
		       {"指標に添える注記。なければ空欄", "Note on the indicator in Japanese; empty if none"}},
	[C_NOTE_EN] = {"note_en", T_STRING, {"備考（英語）", "Note"}, NONE,
		       {"注記の英語。なければ空欄", "Note on the indicator; empty if none"}},
};

/* The columns of a plan: the ones above, and after each pair of columns of
 * the content's texts (name_ja, name_en …) one more for each other
 * language of the plan (name_ko …). */
typedef struct {
	int base;    /* a C_… column: for another language, the pair's _en one */
	lang_t lang; /* the other language, or -1 */
} col_t;

#define MAX_COLS (NCOLS + 10 * MAX_LANGS)

static bool text_pair(int base)
{
	static const int pairs[] = {C_PART_EN, C_POLICY_EN, C_MEASURE_EN, C_NAME_EN, C_NAME_NOTE_EN,
				    C_UNIT_EN, C_REASON_EN, C_SECTION_EN, C_DESCRIPTION_EN, C_NOTE_EN};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		if (pairs[i] == base)
			return true;
	return false;
}

static int plan_columns(const plan_t *p, col_t cols[MAX_COLS])
{
	int n = 0;
	for (int c = 0; c < NCOLS; c++) {
		cols[n++] = (col_t){c, -1};
		if (!text_pair(c))
			continue;
		for (lang_t l = 0; l < p->nlangs; l++)
			if (l != plan_lang(p, DOC_JA) && l != plan_lang(p, DOC_EN))
				cols[n++] = (col_t){c, l};
	}
	return n;
}

/* The key of a column: "name_ko" for another language's. */
static void col_key(buf_t *b, const plan_t *p, col_t c)
{
	if (c.lang < 0) {
		buf_puts(b, columns[c.base].key);
		return;
	}
	const char *key = columns[c.base].key;
	buf_printf(b, "%.*s_%s", (int)(strlen(key) - 3), key, p->langs[c.lang].code);
}

static const char *const type_names[][DOC_LANGS] = {
	[T_STRING] = {"文字列", "string"}, [T_CODE] = {"文字列", "string"},
	[T_INTEGER] = {"整数", "integer"}, [T_NUMBER] = {"数値", "number"},
};

/* The CSV's rule against formulas, said of every text column. */
static void formula_note(buf_t *m, int doc)
{
	buf_puts(m, doc == DOC_JA ? "。CSVでは、=、+、-、@、タブ、CRで始まる値の前に'を付ける（数式として実行させないため）"
				  : "; in the CSV, a value beginning with =, +, -, @, a tab or CR has a ' put before it, "
				    "so that it is not run as a formula");
}

int data_nitems(const plan_t *p)
{
	col_t cols[MAX_COLS];
	return plan_columns(p, cols);
}

data_item_t data_item(const plan_t *p, int i, int doc)
{
	col_t cols[MAX_COLS];
	plan_columns(p, cols);
	if (cols[i].lang >= 0) {
		/* Another language's column: the pair's words, and its name. */
		/* "指標名" of the _ja column, "Indicator name" of the _en one */
		const char *word = doc == DOC_JA ? columns[cols[i].base - 1].label[0] : columns[cols[i].base].label[1];
		buf_t key = BUF_INIT, name = BUF_INIT, label = BUF_INIT, m = BUF_INIT;
		col_key(&key, p, cols[i]);
		if (doc == DOC_JA && plan_lang(p, DOC_JA) >= 0)
			plan_lang_label(&name, p, cols[i].lang, plan_lang(p, DOC_JA));
		else
			buf_puts(&name, plan_lang_name(p, cols[i].lang));
		buf_printf(&label, doc == DOC_JA ? "%s（%s）" : "%s (%s)", word, name.ptr);
		buf_printf(&m, doc == DOC_JA ? "%sの%s。なければ空欄" : "%s in %s; empty if none", word, name.ptr);
		formula_note(&m, doc);
		static char keys[MAX_COLS][24], labels[MAX_COLS][2][96];
		snprintf(keys[i], sizeof keys[i], "%s", key.ptr);
		snprintf(labels[i][doc], sizeof labels[i][doc], "%s", label.ptr);
		buf_free(&key);
		buf_free(&name);
		buf_free(&label);
		return (data_item_t){keys[i], labels[i][doc], type_names[T_STRING][doc], "", buf_detach(&m)};
	}
	i = cols[i].base;
	const column_def_t *c = &columns[i];
	bool ja = doc == DOC_JA;
	lang_t lang = plan_lang(p, doc) < 0 ? 0 : plan_lang(p, doc);
	buf_t m = BUF_INIT;
	buf_puts(&m, c->meaning[doc]);
	/* Codes whose words live in the model or the content are listed from
	 * there, so that the definition cannot drift from the data. */
	if (i == C_SET) {
		buf_puts(&m, ja ? "（" : " (");
		for (int s = 0; s < p->nsets; s++) {
			int from, to;
			plan_set_period(p, s, &from, &to);
			buf_printf(&m, ja ? "%s%s：%d～%d年度" : "%s%s: FY%d–%d", s ? (ja ? "、" : "; ") : "", p->sets[s].id,
				   from, to);
		}
		buf_puts(&m, ja ? "）" : ")");
	} else if (i == C_STATUS) {
		for (int s = 0; s < STATUS_COUNT; s++)
			buf_printf(&m, ja ? "%s%s：%s" : "%s%s: %s", s ? (ja ? "、" : "; ") : (ja ? "。" : ". "),
				   plan_status_code((status_t)s), plan_status_label(p, (status_t)s, lang));
	} else if (i == C_MARK) {
		for (int k = MARK_ADDED; k <= MARK_REPLACED; k++)
			buf_printf(&m, ja ? "%s%s：【%s】" : "%s%s: [%s]", k > MARK_ADDED ? (ja ? "、" : "; ") : (ja ? "。" : ": "),
				   k == MARK_ADDED ? "added" : k == MARK_REVISED ? "revised" : "replaced",
				   plan_mark_label(p, (mark_t)k, lang));
		buf_puts(&m, ja ? "。記号がなければ空欄" : "; empty if none");
	}
	if (c->type == T_STRING)
		formula_note(&m, doc);
	return (data_item_t){c->key, c->label[doc], type_names[c->type][doc], c->unit[doc], buf_detach(&m)};
}

/* ---- escaping ------------------------------------------------------------- */

void data_put_csv_field(buf_t *b, const char *s, bool text)
{
	/* A spreadsheet runs a cell that begins with one of these as a formula
	 * (=HYPERLINK, DDE): a leading ' makes it text (OWASP's rule).  Never a
	 * number: "-3.5" must stay a number. */
	bool neutral = text && *s && strchr("=+-@\t\r", *s);
	if (!s[strcspn(s, ",\"\r\n")]) {
		if (neutral)
			buf_putc(b, '\'');
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (neutral)
		buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

void data_put_json_string(buf_t *b, const char *s)
{
	size_t len = strlen(s);
	buf_putc(b, '"');
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
				: c == '\t' ? "\\t" : c == '\b' ? "\\b" : c == '\f' ? "\\f" : NULL;
		if (esc) {
			buf_puts(b, esc);
			i++;
		} else if (c < 0x20 || c == 0x7F) {
			buf_printf(b, "\\u%04x", c);
			i++;
		} else if (c < 0x80) {
			buf_putc(b, c);
			i++;
		} else {
			uint32_t cp;
			int n = utf8_decode(s + i, len - i, &cp);
			if (n == 0) {
				buf_puts(b, "\\ufffd"); /* the loader rejects these; never emit invalid JSON */
				i++;
			} else if (cp == 0x2028 || cp == 0x2029) {
				/* Valid JSON, but not valid JavaScript before ES2019. */
				buf_printf(b, "\\u%04x", (unsigned)cp);
				i += (size_t)n;
			} else {
				buf_put(b, s + i, (size_t)n);
				i += (size_t)n;
			}
		}
	}
	buf_putc(b, '"');
}

/* ---- records -------------------------------------------------------------- */

static const char *const direction_codes[] = {"up", "down", "monitor"};
static const char *const change_codes[] = {"", "kept", "target_revised", "replaced", "moved", "added", "dropped"};
static const char *const mark_codes[] = {"", "added", "revised", "replaced"};
static const char *const state_codes[] = {"missing", "number", "monitoring", "pending"};
static const char *const slot_names[YEAR_COUNT][DOC_LANGS] = {
	{"基準値", "Baseline"}, {"現況値", "Current value"}, {"目標値", "Target"},
};

/* A number as plain digits with its decimals: no separator, no unit, and
 * never "-0.0". */
static void put_number(buf_t *b, double v, int decimals)
{
	char digits[64];
	snprintf(digits, sizeof digits, "%.*f", decimals, v);
	const char *s = digits;
	if (*s == '-' && strspn(s + 1, "0.") == strlen(s + 1))
		s++;
	buf_puts(b, s);
}

/* A text in one of the plan's languages, as written (no fallback). */
static void put_text(buf_t *b, const text_t *t, lang_t lang)
{
	const char *s = lang >= 0 ? t->s[lang] : NULL;
	if (s)
		text_strip_marks(b, s);
}

/* The cell of another language's column. */
static void extra_cell(const plan_t *p, int i, int k, col_t c, buf_t *cell)
{
	const indicator_t *ind = &p->indicators[i];
	const measure_t *m = ind->measure >= 0 ? &p->measures[ind->measure] : NULL;
	const policy_t *pol = m && m->policy >= 0 ? &p->policies[m->policy] : NULL;
	const text_t *t = NULL;
	switch (c.base) {
	case C_PART_EN: t = ind->nparts > 1 ? &ind->parts[k] : NULL; break;
	case C_POLICY_EN: t = pol ? &pol->title : NULL; break;
	case C_MEASURE_EN: t = m ? &m->title : &p->words[WORD_OVERALL]; break;
	case C_NAME_EN: t = &ind->name; break;
	case C_NAME_NOTE_EN: t = &ind->name_note; break;
	case C_UNIT_EN: t = ind->unit >= 0 ? &p->units[ind->unit].word : NULL; break;
	case C_REASON_EN: t = &ind->reason; break;
	case C_DESCRIPTION_EN: t = &ind->description; break;
	case C_NOTE_EN: t = &ind->note; break;
	case C_SECTION_EN:
		for (int s = 0; s < ind->nsections; s++) {
			if (s)
				buf_puts(cell, plan_word(p, WORD_LIST_SEPARATOR, c.lang));
			put_text(cell, &p->sections[ind->sections[s]].name, c.lang);
		}
		return;
	}
	if (t)
		put_text(cell, t, c.lang);
}

static void fill_record(const plan_t *p, int i, int k, buf_t *cell)
{
	const lang_t JA = plan_lang(p, DOC_JA), EN = plan_lang(p, DOC_EN);
	const indicator_t *ind = &p->indicators[i];
	const measure_t *m = ind->measure >= 0 ? &p->measures[ind->measure] : NULL;
	const policy_t *pol = m && m->policy >= 0 ? &p->policies[m->policy] : NULL;
	buf_puts(&cell[C_ID], ind->id);
	buf_printf(&cell[C_PART], "%d", k + 1);
	if (ind->nparts > 1) {
		put_text(&cell[C_PART_JA], &ind->parts[k], JA);
		put_text(&cell[C_PART_EN], &ind->parts[k], EN);
	}
	int from, to;
	plan_set_period(p, ind->set, &from, &to);
	buf_puts(&cell[C_SET], p->sets[ind->set].id);
	buf_printf(&cell[C_PERIOD_START], "%d", from);
	buf_printf(&cell[C_PERIOD_END], "%d", to);
	if (pol) {
		buf_printf(&cell[C_POLICY_NUMBER], "%d", pol->number);
		buf_puts(&cell[C_POLICY_ID], pol->id);
		put_text(&cell[C_POLICY_JA], &pol->title, JA);
		put_text(&cell[C_POLICY_EN], &pol->title, EN);
	}
	if (m) {
		buf_printf(&cell[C_MEASURE_NUMBER], "%d", m->number);
		buf_puts(&cell[C_MEASURE_ID], m->id);
		put_text(&cell[C_MEASURE_JA], &m->title, JA);
		put_text(&cell[C_MEASURE_EN], &m->title, EN);
	} else {
		buf_puts(&cell[C_MEASURE_ID], "overall");
		put_text(&cell[C_MEASURE_JA], &p->words[WORD_OVERALL], JA);
		put_text(&cell[C_MEASURE_EN], &p->words[WORD_OVERALL], EN);
	}
	put_text(&cell[C_NAME_JA], &ind->name, JA);
	put_text(&cell[C_NAME_EN], &ind->name, EN);
	put_text(&cell[C_NAME_NOTE_JA], &ind->name_note, JA);
	put_text(&cell[C_NAME_NOTE_EN], &ind->name_note, EN);
	if (ind->unit >= 0) {
		put_text(&cell[C_UNIT_JA], &p->units[ind->unit].word, JA);
		put_text(&cell[C_UNIT_EN], &p->units[ind->unit].word, EN);
	}
	buf_puts(&cell[C_DIRECTION], direction_codes[ind->direction]);

	for (int y = 0; y < YEAR_COUNT; y++) {
		const value_t *v = &ind->value[y];
		int col = C_BASELINE_YEAR + 3 * y; /* year, value, state */
		buf_printf(&cell[col], "%d", v->year);
		if (v->kind == VAL_NUMBER)
			put_number(&cell[col + 1], v->num[k].v, v->num[k].decimals);
		buf_puts(&cell[col + 2], state_codes[v->kind]);
		if (v->kind == VAL_NUMBER)
			continue;
		/* The empty cell says why, in words, in both languages. */
		for (int l = 0; l < DOC_LANGS; l++) {
			buf_t *note = &cell[C_VALUE_NOTE_JA + l];
			buf_printf(note, l == DOC_JA ? "%s%s：" : "%s%s: ", l == DOC_JA || !note->len ? "" : " ",
				   slot_names[y][l]);
			if (v->kind == VAL_PENDING)
				put_text(note, &v->pending, l == DOC_JA ? JA : EN);
			else if (v->kind == VAL_MONITORING)
				buf_puts(note, l == DOC_JA ? "モニタリング指標のため目標値なし" : "none, a monitoring indicator");
			else
				buf_puts(note, l == DOC_JA ? "データなし" : "no data");
			buf_puts(note, l == DOC_JA ? "。" : ".");
		}
	}

	progress_t pr = plan_progress(ind);
	buf_puts(&cell[C_STATUS], plan_status_code(pr.status));
	if (JA >= 0)
		buf_puts(&cell[C_STATUS_JA], plan_status_label(p, pr.status, JA));
	if (EN >= 0)
		buf_puts(&cell[C_STATUS_EN], plan_status_label(p, pr.status, EN));
	/* A target equal to the baseline leaves no rate to give. */
	if (pr.status <= STATUS_WORSE && isfinite(pr.rate))
		put_number(&cell[C_RATE], pr.rate * 100, 1);

	/* An earlier indicator carries no change of its own when it is continued:
	 * what became of it is its successor's change. */
	change_t change = ind->change;
	if (change == CHANGE_NONE && ind->successor >= 0)
		change = p->indicators[ind->successor].change;
	buf_puts(&cell[C_CHANGE], change_codes[change]);
	buf_puts(&cell[C_MARK], mark_codes[ind->mark]);
	if (ind->from >= 0)
		buf_puts(&cell[C_FROM], p->indicators[ind->from].id);
	if (ind->successor >= 0)
		buf_puts(&cell[C_SUCCESSOR], p->indicators[ind->successor].id);
	put_text(&cell[C_REASON_JA], &ind->reason, JA);
	put_text(&cell[C_REASON_EN], &ind->reason, EN);
	for (int s = 0; s < ind->nsections; s++) {
		const text_t *name = &p->sections[ind->sections[s]].name;
		if (s) {
			buf_puts(&cell[C_SECTION_JA], "、");
			buf_puts(&cell[C_SECTION_EN], "; ");
		}
		put_text(&cell[C_SECTION_JA], name, JA);
		put_text(&cell[C_SECTION_EN], name, EN);
	}
	put_text(&cell[C_DESCRIPTION_JA], &ind->description, JA);
	put_text(&cell[C_DESCRIPTION_EN], &ind->description, EN);
	put_text(&cell[C_NOTE_JA], &ind->note, JA);
	put_text(&cell[C_NOTE_EN], &ind->note, EN);
}

static const char bom[] = "\xEF\xBB\xBF";

static bool is_text(coltype_t type)
{
	return type == T_STRING || type == T_CODE;
}

static void csv_row_end(buf_t *b)
{
	buf_puts(b, "\r\n");
}

static void json_pair(buf_t *b, const char *key, const char *value, coltype_t type, bool last)
{
	buf_puts(b, "      ");
	data_put_json_string(b, key);
	buf_puts(b, ": ");
	if (is_text(type))
		data_put_json_string(b, value);
	else
		buf_puts(b, *value ? value : "null"); /* already plain digits */
	buf_puts(b, last ? "\n" : ",\n");
}

static void json_text(buf_t *b, const plan_t *p, const char *key, const text_t *t, bool last)
{
	buf_puts(b, "  ");
	data_put_json_string(b, key);
	buf_t ja = BUF_INIT, en = BUF_INIT;
	put_text(&ja, t, plan_lang(p, DOC_JA));
	put_text(&en, t, plan_lang(p, DOC_EN));
	buf_puts(b, ": {\"ja\": ");
	data_put_json_string(b, ja.ptr);
	buf_puts(b, ", \"en\": ");
	data_put_json_string(b, en.ptr);
	buf_puts(b, last ? "}\n" : "},\n");
	buf_free(&ja);
	buf_free(&en);
}

static bool write_items(const plan_t *p, outdir_t *out)
{
	static const char *const head[] = {"no", "column", "label_ja", "label_en", "type_ja", "type_en",
					   "unit_ja", "unit_en", "description_ja", "description_en"};
	buf_t b = BUF_INIT;
	buf_puts(&b, bom);
	for (size_t h = 0; h < sizeof head / sizeof *head; h++) {
		if (h)
			buf_putc(&b, ',');
		buf_puts(&b, head[h]);
	}
	csv_row_end(&b);
	for (int i = 0; i < data_nitems(p); i++) {
		data_item_t it[DOC_LANGS] = {data_item(p, i, DOC_JA), data_item(p, i, DOC_EN)};
		buf_printf(&b, "%d,", i + 1);
		data_put_csv_field(&b, it[0].key, true);
		const char *cells[] = {it[0].label, it[1].label, it[0].type, it[1].type,
				       it[0].unit, it[1].unit, it[0].description, it[1].description};
		for (size_t c = 0; c < sizeof cells / sizeof *cells; c++) {
			buf_putc(&b, ',');
			data_put_csv_field(&b, cells[c], true);
		}
		csv_row_end(&b);
		free(it[0].description);
		free(it[1].description);
	}
	bool ok = out_write(out, "downloads/indicators-items.csv", b.ptr, b.len);
	buf_free(&b);
	return ok;
}

bool out_data(const plan_t *p, outdir_t *out)
{
	buf_t csv = BUF_INIT, json = BUF_INIT;
	col_t cols[MAX_COLS];
	int ncols = plan_columns(p, cols);
	buf_t key[MAX_COLS];
	buf_puts(&csv, bom);
	for (int c = 0; c < ncols; c++) {
		buf_init(&key[c]);
		col_key(&key[c], p, cols[c]);
		if (c)
			buf_putc(&csv, ',');
		buf_puts(&csv, key[c].ptr);
	}
	csv_row_end(&csv);

	buf_puts(&json, "{\n");
	json_text(&json, p, "plan", &p->title, false);
	json_text(&json, p, "publisher", &p->publisher, false);
	buf_puts(&json, "  \"item_definition\": \"indicators-items.csv\",\n  \"records\": [");

	buf_t cell[NCOLS], extra = BUF_INIT;
	for (int c = 0; c < NCOLS; c++)
		buf_init(&cell[c]);
	bool first = true;
	for (int i = 0; i < p->nindicators; i++) {
		for (int k = 0; k < p->indicators[i].nparts; k++) {
			for (int c = 0; c < NCOLS; c++)
				buf_free(&cell[c]);
			fill_record(p, i, k, cell);
			buf_puts(&json, first ? "\n    {\n" : ",\n    {\n");
			first = false;
			for (int c = 0; c < ncols; c++) {
				const column_def_t *def = &columns[cols[c].base];
				const char *value = cell[cols[c].base].ptr;
				if (cols[c].lang >= 0) {
					buf_free(&extra);
					extra_cell(p, i, k, cols[c], &extra);
					value = extra.ptr;
				}
				if (c)
					buf_putc(&csv, ',');
				/* Only the CSV neutralises formulas: the JSON keeps the text. */
				data_put_csv_field(&csv, value, is_text(def->type));
				json_pair(&json, key[c].ptr, value, def->type, c == ncols - 1);
			}
			csv_row_end(&csv);
			buf_puts(&json, "    }");
		}
	}
	buf_puts(&json, "\n  ]\n}\n");
	for (int c = 0; c < NCOLS; c++)
		buf_free(&cell[c]);
	for (int c = 0; c < ncols; c++)
		buf_free(&key[c]);
	buf_free(&extra);

	bool ok = out_write(out, "downloads/indicators.csv", csv.ptr, csv.len) &&
		  out_write(out, "downloads/indicators.json", json.ptr, json.len) && write_items(p, out);
	buf_free(&csv);
	buf_free(&json);
	return ok;
}
