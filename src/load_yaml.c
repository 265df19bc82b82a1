/* load_yaml.c — libyaml → ytree, with syntax errors in plain words. */
#include <limits.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "utf8.h"
#include "ytree.h"

/* A file may hold at most this many values, counted while it is parsed,
 * with every alias (*name) counted as the values it stands for: a real
 * plan a hundred times Koriyama's has about 250,000, and memory stays
 * bounded (about 100 bytes a value) whatever the file does with aliases
 * ("billion laughs"). */
#define MAX_NODES 2000000
/* What aliases may add: at most a value per byte of the file, or this many. */
#define MAX_ALIAS_NODES 100000
#define MAX_DEPTH 200

static pos_t mark_pos(int file, yaml_mark_t m)
{
	return diag_pos(file, (int)m.line + 1, (int)m.column + 1);
}

/* libyaml's messages, said for people who edit content rather than parsers. */
static const struct {
	const char *problem, *message, *hint;
} plain_words[] = {
	{"mapping values are not allowed", N_("a \": \" is not allowed here"),
	 N_("if this is text containing \": \", put it in double quotes; otherwise check the indentation of this line")},
	{"did not find expected key", N_("this line does not fit the indentation around it"),
	 N_("keys of the same entry must start in the same column; list items start with \"- \"")},
	{"did not find expected '-' indicator", N_("a list item is expected here"),
	 N_("items of a list start with \"- \" in the same column")},
	{"found a tab character", N_("a tab is used for indentation"),
	 N_("indent with spaces, not tabs (set your editor to insert spaces)")},
	{"found character that cannot start any token", N_("this character cannot start a value"),
	 N_("indent with spaces, not tabs; put text starting with a special character (@ ` | > %) in double quotes")},
	{"found undefined tag handle", N_("this \"!\" is not allowed"), N_("put text starting with \"!\" in double quotes")},
	{"found unexpected end of stream", N_("the file ends inside a quoted text or a bracket"),
	 N_("close the quote \" or the bracket ] } opened above")},
	{"did not find expected ',' or ']'", N_("a list in [ ] is not closed"), N_("add the missing \"]\" or a \",\" between items")},
	{"did not find expected ',' or '}'", N_("a mapping in { } is not closed"), N_("add the missing \"}\" or a \",\" between entries")},
	{"found unknown escape character", N_("unknown escape after \\ in a double-quoted text"), N_("write \\\\ for a backslash")},
	{"could not find expected ':'", N_("a key without \":\""), N_("write \"key: value\", or put the text in double quotes")},
	{"found duplicate anchor", N_("an anchor (&name) is defined twice"), N_("give each anchor its own name")},
	{"found undefined alias", N_("an alias (*name) refers to an undefined anchor"), N_("define the anchor first with &name")},
	{"invalid leading UTF-8 octet", N_("invalid UTF-8"), N_("save the file as UTF-8")},
	{"invalid trailing UTF-8 octet", N_("invalid UTF-8"), N_("save the file as UTF-8")},
	{"control characters are not allowed", N_("a control character is not allowed"), N_("remove it")},
};

/* What libyaml was reading when it stopped, in plain words. */
static const char *const contexts[][2] = {
	{"while scanning a simple key", N_("in a key")},
	{"while scanning a plain scalar", N_("in a text without quotes")},
	{"while scanning a quoted scalar", N_("in a text in quotes")},
	{"while scanning a block scalar", N_("in a text after | or >")},
	{"while parsing a block mapping", N_("in a group of \"key: value\" lines")},
	{"while parsing a block collection", N_("in a list or a group of lines")},
	{"while parsing a flow sequence", N_("in a list in [ ]")},
	{"while parsing a flow mapping", N_("in a group in { }")},
	{"while parsing a node", N_("in a value")},
	{"while scanning an anchor", N_("in an anchor (&name)")},
	{"while scanning an alias", N_("in an alias (*name)")},
	{"while scanning a directive", N_("in a line that starts with %")},
};

static const char *context_words(const char *context)
{
	for (size_t i = 0; i < sizeof contexts / sizeof *contexts; i++)
		if (strcmp(context, contexts[i][0]) == 0)
			return _(contexts[i][1]);
	return context;
}

/* The mistakes of typing YAML with a Japanese input method, which libyaml
 * reports as something else further on: a key followed by a full-width
 * colon (current, U+FF1A, 2216), a line indented with full-width spaces.  Looked
 * for in lines first..last (1-based); true when one was reported. */
static bool report_wide_typing(int file, const char *text, size_t len, int first, int last)
{
	const char *p = text, *end = text + len;
	for (int line = 1; p < end && line <= last; line++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if (line >= first) {
			const char *q = p;
			while (q < eol && (*q == ' ' || *q == '-'))
				q++;
			int col = (int)(q - p) + 1;
			/* a no-break space (U+00A0), pasted from a word processor or a web page */
			if (eol - q >= 2 && memcmp(q, "\xC2\xA0", 2) == 0) {
				diag_error(diag_pos(file, line, col), "this line is indented with a no-break space (U+00A0), "
								      "pasted from a word processor or a web page");
				diag_hint("type the spaces at the start of the line again, as ordinary half-width spaces");
				return true;
			}
			if (eol - q >= 3 && memcmp(q, "\xE3\x80\x80", 3) == 0) {
				diag_error(diag_pos(file, line, col), "this line is indented with a full-width space");
				diag_hint("indent with half-width spaces (turn the input method off, or set the editor to "
					  "insert spaces)");
				return true;
			}
			const char *k = q;
			while (k < eol && ((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
					   (*k >= '0' && *k <= '9') || *k == '_' || *k == '-'))
				k++;
			/* current:152: a key and its value without the space, which
			 * YAML reads as one text and reports on a line below. */
			if (k > q && eol - k >= 3 && memcmp(k, ":\xC2\xA0", 3) == 0) {
				diag_error(diag_pos(file, line, (int)(k - p) + 2),
					   "the space after the colon of \"%.*s\" is a no-break space (U+00A0), pasted from a word "
					   "processor or a web page", (int)(k - q), q);
				diag_hint("type the space after the colon again, as an ordinary half-width space");
				return true;
			}
			if (k > q && k + 1 < eol && *k == ':' && k[1] != ' ' && k[1] != '/' && k[1] != '\r') {
				diag_error(diag_pos(file, line, (int)(k - p) + 1), "the key \"%.*s\" has no space after its colon",
					   (int)(k - q), q);
				diag_hint("write a space after the colon: %.*s: %.*s", (int)(k - q), q, (int)(eol - k - 1), k + 1);
				return true;
			}
			if (k > q && eol - k >= 3 && memcmp(k, "\xEF\xBC\x9A", 3) == 0) {
				int kcol = (int)(k - p) + 1;
				diag_error(diag_pos(file, line, kcol), "the key \"%.*s\" is followed by a full-width colon (U+FF1A)",
					   (int)(k - q), q);
				diag_hint("write a half-width colon and a space: %.*s: %.*s", (int)(k - q), q, (int)(eol - k - 3),
					  k + 3);
				return true;
			}
		}
		p = eol + 1;
	}
	return false;
}

/* ---- indentation, in the terms people indent by ---------------------------
 *
 * libyaml reports a line out of place where its grammar breaks, often a
 * line further on, and in its own terms.  This reads the lines as people
 * indent them: each is a key ("key:"), a list item ("- ") or the rest of
 * a value; the columns where the open groups start are kept on a stack.
 * The first line that starts in none of them, or right of a line whose
 * value is already given, is the misfit; where to mend it is found by
 * trying (below).  A shape this does not follow (a tab, "-" alone on its
 * line) is left to libyaml. */

typedef struct {
	int indent;         /* spaces before the line's first character */
	bool item;          /* starts with "- " */
	int nest[4], nn;    /* the columns of items begun on its line: "- - x" */
	int key;            /* the column of its key, or -1 */
	const char *kp;     /* the key */
	int kl;
	enum { V_NONE, V_BLOCK, V_VALUE } value; /* after the key or "- " */
	const char *eol;    /* the line's end (before a '\r') */
} yline_t;

typedef struct {
	int col;
	bool seq;
	int line; /* where its first key or item is */
	const char *kp;
	int kl;
	int members;    /* the lines in its column so far */
} ylevel_t;

/* The flow brackets and quotes of a value left open at the end of
 * [p, end): a value that goes on over the next lines.  `start`: p is the
 * value's first character (a quote there opens a quoted text). */
static void scan_open(const char *p, const char *end, bool start, int *flow, char *quote)
{
	char prev = start ? ' ' : '\n';
	for (; p < end; prev = *p++) {
		if (*quote) {
			if (*p == *quote && !(*quote == '"' && prev == '\\'))
				*quote = 0;
		} else if (*p == '"' || *p == '\'') {
			if ((start && prev == ' ') || (*flow && strchr(" [{,:", prev)))
				*quote = *p;
		} else if (*p == '[' || *p == '{') {
			++*flow;
		} else if ((*p == ']' || *p == '}') && *flow > 0) {
			--*flow;
		} else if (*p == '#' && (prev == ' ' || prev == '\t')) {
			return;
		}
		start = false;
	}
}

/* Reads one line (p to eol, not inside an open value); false when its
 * shape is one this reading leaves to libyaml. */
static bool read_yline(const char *p, const char *eol, yline_t *y, int *flow, char *quote)
{
	const char *q = p;
	while (q < eol && *q == ' ')
		q++;
	if (q < eol && *q == '\t')
		return false;
	*y = (yline_t){.indent = (int)(q - p), .key = -1, .eol = eol > p && eol[-1] == '\r' ? eol - 1 : eol};
	y->item = q < eol && *q == '-' && (q + 1 == eol || q[1] == ' ' || q[1] == '\r');
	for (bool dash = y->item; dash;) {
		for (q++; q < eol && *q == ' '; q++)
			;
		dash = q + 1 < eol && *q == '-' && q[1] == ' ';
		if (dash && y->nn == 4)
			return false;
		if (dash)
			y->nest[y->nn++] = (int)(q - p);
	}
	const char *v = q;
	if (q < eol && !strchr("\"'[{|>#\r", *q)) {
		for (const char *k = q; k < eol && !(*k == '#' && k > q && k[-1] == ' '); k++)
			if (*k == ':' && (k + 1 == eol || k[1] == ' ' || k[1] == '\r')) {
				y->key = (int)(q - p);
				y->kp = q;
				y->kl = (int)(k - q);
				for (v = k + 1; v < eol && *v == ' '; v++)
					;
				break;
			}
	}
	if (v == eol || *v == '\r' || *v == '#' || (*v == '&' && !memchr(v, ' ', (size_t)(eol - v))))
		y->value = V_NONE;
	else if (*v == '|' || *v == '>')
		y->value = V_BLOCK;
	else
		y->value = V_VALUE;
	if (y->value == V_NONE && y->key < 0)
		return false; /* "-" alone, or a line this does not read */
	if (y->value == V_VALUE && strchr("\"'[{", *v))
		scan_open(v, eol, true, flow, quote);
	return true;
}

static int push_level(ylevel_t *s, int depth, int col, bool seq, int line, const yline_t *y)
{
	if (depth == 64)
		return -1;
	s[depth] = (ylevel_t){col, seq, line, y->kp, y->kl, 1};
	return depth + 1;
}

/* The first line that fits no open group, and the groups around it. */
typedef struct {
	enum { M_NONE, M_DASH, M_TOP, M_ITEM_AMONG_KEYS, M_KEY_AMONG_ITEMS, M_OFF, M_TEXT, M_COMMA } kind;
	int line;
	yline_t y;
	ylevel_t top, popped;         /* col -1: none */
	int above, above_indent;      /* the line read before it */
	int before_indent;            /* and the one before that */
	const char *text, *text_end;  /* M_DASH, M_TEXT: from its first character; M_COMMA: its line to the comma */
	int block_line, block_indent; /* M_TEXT: the text after | or > just above, if any */
	int quote_line, quote_col;    /* the first quote left open at its line's end */
} misfit_t;

/* Places a line among the open groups s[0..*depth); false when it fits
 * none (told in m). */
static bool place_line(ylevel_t *s, int *depth, int line, const yline_t *y, bool opens, misfit_t *m)
{
	int i = y->indent;
	if (*depth == 0 || opens) {
		*depth = push_level(s, *depth, i, y->item, line, y);
		return true;
	}
	m->popped.col = -1;
	while (*depth > 0 && s[*depth - 1].col > i)
		m->popped = s[--*depth];
	ylevel_t *top = *depth ? &s[*depth - 1] : NULL;
	if (top && top->col == i && top->seq && !y->item && *depth > 1 && top[-1].col == i)
		top = &s[--*depth - 1]; /* the end of a list written at its key's column */
	if (top && top->col == i && top->seq == y->item) {
		top->members++;
		return true;
	}
	m->top = top ? *top : (ylevel_t){.col = -1};
	if (!top)
		m->kind = M_TOP;
	else if (top->col == i && !top->seq)
		m->kind = m->popped.col >= 0 && m->popped.seq ? M_ITEM_AMONG_KEYS : M_NONE;
	else
		m->kind = top->col == i ? M_KEY_AMONG_ITEMS : M_OFF;
	if (m->kind == M_NONE)
		*depth = -1; /* an item among keys, as libyaml says */
	return m->kind == M_NONE;
}

/* Keeps where the first quote left open at a line's end is: the line's
 * last such quote mark, which nothing after it closes. */
static void note_quote(misfit_t *m, int line, const char *p, const char *eol, char quote)
{
	if (!quote || m->quote_line)
		return;
	const char *q = eol;
	while (q > p && q[-1] != quote)
		q--;
	m->quote_line = line;
	m->quote_col = utf8_chars(p, (size_t)(q - p)); /* 1-based: the mark is the one before q */
}

/* Reads lines 1..last; m->kind M_NONE when all fit (or the file has a
 * shape this reading leaves to libyaml). */
static void find_misfit(const char *text, size_t len, int last, misfit_t *m)
{
	ylevel_t s[64];
	int depth = 0, flow = 0;
	char quote = 0;
	int open_col = -1, block_col = -1, plain_col = -1, block_line = 0, block_indent = -1;
	bool open_key = false;
	*m = (misfit_t){.kind = M_NONE, .before_indent = -1};
	const char *p = text, *end = text + len;
	for (int line = 1; p < end && line <= last && depth >= 0; line++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		const char *next = eol + 1, *q = p;
		while (q < eol && *q == ' ')
			q++;
		int i = (int)(q - p);
		if (flow || quote) { /* a value going on from the lines above */
			scan_open(p, eol, false, &flow, &quote);
			note_quote(m, line, p, eol, quote);
		} else if (q == eol || *q == '#' || *q == '\r' ||
			   (i == 0 && ((eol - q >= 3 && !memcmp(q, "---", 3)) || *q == '%'))) {
			/* blank, a comment, a document's start */
		} else if (block_col >= 0 && i > block_col) {
			/* a text after | or > */
			if (block_indent < 0)
				block_line = line, block_indent = i;
		} else if (*q == '-' && q + 1 < eol && q[1] != ' ' && q[1] != '-' && !(q[1] >= '0' && q[1] <= '9') &&
			   memchr(q, ':', (size_t)(eol - q))) {
			/* "-id: x": a dash without its space is read as part of the key. */
			m->kind = M_DASH, m->line = line, m->y.indent = i, m->text = q, m->text_end = eol;
			return;
		} else {
			yline_t y;
			bool was_open = quote;
			if (!read_yline(p, eol, &y, &flow, &quote))
				return;
			if (!was_open)
				note_quote(m, line, p, eol, quote);
			/* "- {…}," — a comma after a closed { } or [ ] on its line. */
			const char *t = y.eol;
			while (t > q && t[-1] == ' ')
				t--;
			if (!flow && !quote && y.value == V_VALUE && t - q >= 2 && t[-1] == ',' &&
			    (t[-2] == '}' || t[-2] == ']')) {
				m->kind = M_COMMA, m->line = line, m->y = y, m->text = p, m->text_end = t - 1;
				return;
			}
			if (plain_col >= 0 && i > plain_col && y.key < 0 && !y.item) {
				p = next; /* the rest of a text without quotes */
				continue;
			}
			/* A line of text where keys are: one of a text after | or >
			 * moved left of it, or a value without its key. */
			bool glued = y.key >= 0 && (memchr(y.kp, '{', (size_t)y.kl) || memchr(y.kp, '[', (size_t)y.kl));
			if ((y.key < 0 || glued) && !y.item && !(open_col >= 0 && i > open_col)) {
				m->kind = M_TEXT, m->line = line, m->y = y, m->text = q;
				m->block_line = block_col >= 0 ? block_line : 0;
				m->block_indent = block_indent;
				return;
			}
			block_col = -1, block_indent = -1;
			bool opens = open_col >= 0 && (i > open_col || (i == open_col && y.item && open_key));
			if (!place_line(s, &depth, line, &y, opens, m)) {
				m->line = line;
				m->y = y;
				return;
			}
			for (int k = 0; k < y.nn && depth > 0; k++)
				depth = push_level(s, depth, y.nest[k], true, line, &y);
			if (y.item && y.key >= 0 && depth > 0)
				depth = push_level(s, depth, y.key, false, line, &y);
			int col = y.key >= 0 ? y.key : i;
			open_col = y.value == V_NONE ? col : -1;
			open_key = y.key >= 0;
			block_col = y.value == V_BLOCK ? col : -1;
			plain_col = y.value == V_VALUE ? col : -1;
			m->before_indent = m->above ? m->above_indent : -1;
			m->above = line;
			m->above_indent = i;
		}
		p = next;
	}
	m->kind = M_NONE;
}

/* ---- the fix that makes the lines after it fit ----
 *
 * A misfit can often be mended in more than one place: the line itself,
 * the line that opened its group, the line above.  Each is tried on a
 * copy; the one after which the file reads furthest is the one told. */

typedef struct {
	enum { F_LINE, F_OPENER, F_ABOVE } how;
	int line, delta;
	const ylevel_t *lv; /* F_LINE: the group it joins; F_OPENER: the group opened */
} yfix_t;

/* The first misfit after moving line `line` by delta columns, or INT_MAX. */
static int misfit_after(const char *text, size_t len, int line, int delta)
{
	buf_t b = BUF_INIT;
	const char *p = text, *end = text + len;
	for (int n = 1; p < end; n++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		eol = eol ? eol + 1 : end;
		if (n == line) {
			const char *q = p;
			while (q < eol && *q == ' ' && q - p < -delta)
				q++;
			for (int k = 0; k < delta; k++)
				buf_putc(&b, ' ');
			p = q;
		}
		buf_put(&b, p, (size_t)(eol - p));
		p = eol;
	}
	misfit_t m;
	find_misfit(b.ptr, b.len, INT_MAX, &m);
	buf_free(&b);
	return m.kind == M_NONE ? INT_MAX : m.line;
}

static void say_fix(int file, const misfit_t *m, const yfix_t *f)
{
	int i = m->y.indent;
	const ylevel_t *lv = f->lv;
	if (f->how == F_OPENER) {
		if (lv->seq)
			diag_error(diag_pos(file, lv->line, lv->col + 1),
				   "this list item starts in column %d, but the items after it start in column %d", lv->col + 1,
				   i + 1);
		else
			diag_error(diag_pos(file, lv->line, lv->col + 1),
				   "\"%.*s\" starts in column %d, but the lines that go with it start in column %d", lv->kl,
				   lv->kp, lv->col + 1, i + 1);
	} else if (f->how == F_ABOVE) {
		diag_error(diag_pos(file, m->above, m->above_indent + 1),
			   "this line starts in column %d, left of the lines before and after it (column %d)",
			   m->above_indent + 1, i + 1);
	} else if (m->kind == M_KEY_AMONG_ITEMS) {
		diag_error(diag_pos(file, m->line, i + 1),
			   "the lines in this column are list items (\"- \", as on line %d), not keys", m->top.line);
		diag_hint("if the line belongs to the entry above, start it in column %d, like \"%.*s\" on line %d",
			  lv->col + 1, lv->kl, lv->kp, lv->line);
		return;
	} else if (m->kind == M_ITEM_AMONG_KEYS) {
		diag_error(diag_pos(file, m->line, i + 1),
			   "this list item starts in column %d, where the lines are keys (\"%.*s\" on line %d)", i + 1,
			   m->top.kl, m->top.kp, m->top.line);
	} else if (m->popped.col >= 0) {
		diag_error(diag_pos(file, m->line, i + 1), "this line starts in column %d, where no line above it starts",
			   i + 1);
	} else {
		diag_error(diag_pos(file, m->line, i + 1), "this line starts right of line %d, whose value is already given",
			   m->above);
	}
	if (f->how == F_LINE && lv->kl && !lv->seq)
		diag_hint("start it in column %d, like \"%.*s\" on line %d", lv->col + 1, lv->kl, lv->kp, lv->line);
	else if (f->how == F_LINE)
		diag_hint("start it in column %d, like the item on line %d", lv->col + 1, lv->line);
	else if (f->delta > 0)
		diag_hint(diag_ntr("add %d space at the start of line %d", "add %d spaces at the start of line %d",
				   (unsigned long)f->delta),
			  f->delta, f->line);
	else
		diag_hint(diag_ntr("remove %d space at the start of line %d", "remove %d spaces at the start of line %d",
				   (unsigned long)-f->delta),
			  -f->delta, f->line);
}

/* Looks at lines 1..last; true when a line out of place was reported. */
static bool report_indentation(int file, const char *text, size_t len, int last)
{
	misfit_t m;
	find_misfit(text, len, last, &m);
	int i = m.y.indent;
	/* A quote left open runs on to the next quote mark, lines further. */
	if (m.quote_line && (m.kind == M_NONE || m.quote_line <= m.line)) {
		diag_error(diag_pos(file, m.quote_line, m.quote_col), "this quote mark is not closed on its line");
		diag_hint("close the text with the same mark at its end, or remove it");
		return true;
	}
	if (m.kind == M_NONE)
		return false;
	if (m.kind == M_DASH) {
		diag_error(diag_pos(file, m.line, i + 1), "a list item needs a space after its \"-\"");
		diag_hint("write \"- %.*s\"", (int)(m.text_end - m.text - 1 - (m.text_end[-1] == '\r')), m.text + 1);
		return true;
	}
	/* The key that begins each entry, without its "- ". */
	if (m.kind == M_KEY_AMONG_ITEMS && m.popped.col >= 0 && !m.popped.seq && m.popped.kl == m.y.kl &&
	    memcmp(m.popped.kp, m.y.kp, (size_t)m.y.kl) == 0) {
		diag_error(diag_pos(file, m.line, i + 1), "this line begins an entry of the list, but without \"- \"");
		diag_hint("begin it as line %d does: - %.*s", m.popped.line, (int)(m.y.eol - m.y.kp), m.y.kp);
		return true;
	}
	if (m.kind == M_COMMA) {
		diag_error(diag_pos(file, m.line, utf8_chars(m.text, (size_t)(m.text_end - m.text)) + 1), "a \",\" after the closing bracket: lines of a list need none");
		diag_hint("remove the \",\" at the end of the line");
		return true;
	}
	if (m.kind == M_TEXT) {
		const char *w = m.y.kp ? m.y.kp : m.text, *e = w;
		while (e < m.y.eol && ((*e >= 'a' && *e <= 'z') || *e == '_'))
			e++;
		if (e > w && e < m.y.eol && *e == ' ') { /* "current 238", "title {ja: …}" */
			const char *v = e;
			while (v < m.y.eol && *v == ' ')
				v++;
			diag_error(diag_pos(file, m.line, (int)(e - w) + i + 1), "the key \"%.*s\" has no colon after it",
				   (int)(e - w), w);
			diag_hint("write %.*s: %.*s", (int)(e - w), w, (int)(m.y.eol - v), v);
			return true;
		}
		diag_error(diag_pos(file, m.line, i + 1), "this line is text, where the lines are keys (\"key: value\")");
		if (m.block_line)
			diag_hint("if it belongs to the text that begins on line %d, start it in column %d, as that text does",
				  m.block_line, m.block_indent + 1);
		else
			diag_hint("write the key before it (key: text), or, if it goes on from the text above, start it "
				  "further right than that text's key");
		return true;
	}
	if (m.kind == M_TOP) {
		diag_error(diag_pos(file, m.popped.line, m.popped.col + 1),
			   "the file's first line starts in column %d, but line %d starts in column %d", m.popped.col + 1,
			   m.line, i + 1);
		diag_hint("start the lines of the top level in the same column, best in column 1");
		return true;
	}
	/* The group the line would join: the nearer of the two around it
	 * that takes its kind of line. */
	const ylevel_t *top = &m.top, *popped = m.popped.col >= 0 ? &m.popped : NULL;
	const ylevel_t *join = popped && popped->seq == m.y.item ? popped : top;
	if (popped && top->seq == m.y.item && top->col != i && (popped->seq != m.y.item || i - top->col < popped->col - i))
		join = top;
	if (m.kind == M_KEY_AMONG_ITEMS || m.kind == M_ITEM_AMONG_KEYS)
		join = popped;
	yfix_t fixes[4];
	int nfix = 0;
	if (join && join->col != i)
		fixes[nfix++] = (yfix_t){F_LINE, m.line, join->col - i, join};
	/* A group whose only line so far is out of step with this one. */
	const ylevel_t *groups[2] = {popped, top};
	for (int g = 0; g < 2; g++)
		if (groups[g] && groups[g]->members == 1 && groups[g]->col != i && groups[g]->seq == m.y.item)
			fixes[nfix++] = (yfix_t){F_OPENER, groups[g]->line, i - groups[g]->col, groups[g]};
	if (!popped && m.above && m.above_indent < i && m.before_indent == i)
		fixes[nfix++] = (yfix_t){F_ABOVE, m.above, i - m.above_indent, NULL};
	if (nfix == 0)
		return false;
	/* Of mends that read as far, the one that puts its line in an even
	 * column, where a file indented by twos has its lines. */
	int lines_at[2] = {0, 0};
	for (const char *p = text, *end = text + len; p < end;) {
		const char *q = p;
		while (q < end && *q == ' ')
			q++;
		if (q < end && *q != '\n' && *q != '#')
			lines_at[(q - p) % 2]++;
		const char *nl = memchr(q, '\n', (size_t)(end - q));
		p = nl ? nl + 1 : end;
	}
	bool by_twos = lines_at[0] >= 9 * lines_at[1];
	int best = 0, reach = -1;
	bool even = false;
	for (int k = 0; k < nfix; k++) {
		int r = misfit_after(text, len, fixes[k].line, fixes[k].delta);
		const yfix_t *x = &fixes[k];
		int col = x->how == F_LINE ? i + x->delta : x->how == F_ABOVE ? i : x->lv->col + x->delta;
		bool e = by_twos && col % 2 == 0;
		if (r > reach || (r == reach && e && !even)) {
			best = k;
			reach = r;
			even = e;
		}
	}
	say_fix(file, &m, &fixes[best]);
	return true;
}

/* The text of line `line` (1-based): *eol its end; NULL past the end. */
static const char *line_at(const char *text, size_t len, int line, const char **eol)
{
	const char *p = text, *end = text + len;
	for (int n = 1; n < line && p < end; n++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	if (p >= end)
		return NULL;
	*eol = memchr(p, '\n', (size_t)(end - p));
	if (!*eol)
		*eol = end;
	return p;
}

/* A text that begins with * or &, which YAML reads as a reference (an
 * alias or an anchor), and a quote inside a quoted text, which ends the
 * text there.  True when reported. */
static bool report_quoting(int file, const char *text, size_t len, const yaml_parser_t *ps)
{
	if (ps->context && (strstr(ps->context, "scanning an alias") || strstr(ps->context, "scanning an anchor"))) {
		char c = strstr(ps->context, "alias") ? '*' : '&';
		diag_error(mark_pos(file, ps->context_mark), "YAML syntax: a text that begins with \"%c\" must be in quotes", c);
		diag_hint("write it as \"%c…\" (at the start of a value, YAML reads %c as a reference)", c, c);
		return true;
	}
	/* libyaml's marks count characters: the problem's byte, on its line */
	const char *eol, *p = line_at(text, len, (int)ps->problem_mark.line + 1, &eol);
	if (p)
		p = utf8_skip(p, eol, ps->problem_mark.column);
	/* %, @ or ` at the start of a value, which YAML keeps for itself */
	if (p && p < eol && ps->problem && strstr(ps->problem, "cannot start any token") && strchr("%@`", *p)) {
		size_t n = strcspn(p, ",}]\r\n");
		if (p + n > eol)
			n = (size_t)(eol - p);
		while (n && p[n - 1] == ' ')
			n--;
		diag_error(mark_pos(file, ps->problem_mark), "YAML syntax: a text that begins with \"%c\" must be in quotes",
			   *p);
		diag_hint("write it in double quotes: \"%.*s\"", (int)n, p);
		return true;
	}
	if (!p || p >= eol || p == text || (p[-1] != '"' && p[-1] != '\'') || strchr(" \t,]}:#\r", *p))
		return false;
	/* the quote before the problem closed a text that goes on after it */
	char q = p[-1];
	diag_error(mark_pos(file, ps->problem_mark), "YAML syntax: the text in quotes ends at the %c before this",
		   q);
	if (q == '"')
		diag_hint("inside \"…\" write a quote as \\\" (or use the quotes \u201C \u201D in the text)");
	else
		diag_hint("inside '…' write a quote as '' (two of them)");
	return true;
}

/* {ja: …, en: Source: 2019} — a text holding ": " inside { }, which YAML
 * reads as a key of its own.  True when reported. */
static bool report_colon_in_flow(int file, const char *text, size_t len, int line)
{
	const char *eol, *p = line_at(text, len, line, &eol);
	if (!p)
		return false;
	int depth = 0;
	char quote = 0;
	const char *value = NULL; /* where the value of the current entry of a { } begins */
	bool in_map[64] = {false};
	for (const char *c = p; c < eol; c++) {
		if (quote) {
			quote = *c == quote ? 0 : quote;
		} else if ((*c == '"' || *c == '\'') && (c == p || strchr(" [{,:", c[-1]))) {
			quote = *c;
		} else if ((*c == '{' || *c == '[') && depth < 63) {
			in_map[++depth] = *c == '{';
			value = NULL;
		} else if ((*c == '}' || *c == ']') && depth > 0) {
			depth--;
			value = NULL;
		} else if (*c == ',') {
			value = NULL;
		} else if (*c == ':' && c + 1 < eol && c[1] == ' ' && depth > 0 && in_map[depth]) {
			if (value) {
				/* {2023: 61.2 2024: 62.0}: a comma left out after a number */
				const char *gap = value;
				while (gap < c && ((*gap >= '0' && *gap <= '9') || *gap == '.' || *gap == '-'))
					gap++;
				const char *next = gap;
				while (next < c && *next == ' ')
					next++;
				if (gap > value && gap < c && *gap == ' ' && next < c && !memchr(next, ' ', (size_t)(c - next))) {
					diag_error(diag_pos(file, line, utf8_chars(p, (size_t)(gap - p)) + 1),
						   "a comma is missing between %.*s and %.*s", (int)(gap - value), value,
						   (int)(c - next), next);
					diag_hint("entries in { } are parted by commas: %.*s, %.*s:", (int)(gap - value), value,
						  (int)(c - next), next);
					return true;
				}
				const char *e = value;
				while (e < eol && *e != ',' && *e != '}')
					e++;
				diag_error(diag_pos(file, line, utf8_chars(p, (size_t)(value - p)) + 1), "this text holds \": \", which inside { } must be in quotes");
				diag_hint("put it in double quotes: \"%.*s\"", (int)(e - value), value);
				return true;
			}
			for (value = c + 1; value < eol && *value == ' '; value++)
				;
		}
	}
	return false;
}

/* "current: -": a dash for a missing value, which YAML reads as a list
 * item where none may be.  True when reported. */
static bool report_dash_value(int file, const char *text, size_t len, int line)
{
	const char *eol, *p = line_at(text, len, line, &eol);
	int flow = 0;
	char quote = 0;
	yline_t y;
	if (!p || !read_yline(p, eol, &y, &flow, &quote) || y.key < 0)
		return false;
	const char *v = y.kp + y.kl + 1;
	while (v < eol && *v == ' ')
		v++;
	if (!(v < eol && *v == '-' && (v + 1 == eol || v[1] == ' ' || v[1] == '\r')))
		return false;
	diag_error(diag_pos(file, line, (int)(v - p) + 1), "a missing value is written ~, not \"%s\"", "-");
	diag_hint("write %.*s: ~", y.kl, y.kp);
	return true;
}

/* ja: \u201Ctext: more\u201D, a text pasted from a word processor with its curly
 * quotes, which are no YAML quotes: the ": " inside then ends the key's
 * text.  Looked for in lines first..last; true when reported. */
static bool report_curly_quotes(int file, const char *text, size_t len, int first, int last)
{
	static const char open[] = "\u201C", close[] = "\u201D";
	for (int line = first; line <= last; line++) {
		const char *eol, *p = line_at(text, len, line, &eol);
		for (const char *c = p; c && c + 3 <= eol; c++) {
			if (memcmp(c, open, 3) != 0 && memcmp(c, close, 3) != 0)
				continue;
			const char *b = c;
			while (b > p && b[-1] == ' ')
				b--;
			if (!(b > p && (b[-1] == ':' || b[-1] == '{' || b[-1] == ',' || b[-1] == '-' || b[-1] == '[')))
				continue; /* inside a text: a quotation mark of its own */
			const char *e = c + 3, *q = NULL;
			for (const char *d = e; d + 3 <= eol && !q; d++)
				q = memcmp(d, open, 3) == 0 || memcmp(d, close, 3) == 0 ? d : NULL;
			if (!q)
				continue;
			diag_error(diag_pos(file, line, utf8_chars(p, (size_t)(c - p)) + 1),
				   "YAML syntax: the quotes \u201C \u201D of a word processor are no quotes in YAML");
			diag_hint("write the text between straight double quotes: \"%.*s\"", (int)(q - e), e);
			return true;
		}
	}
	return false;
}

/* ja: [key]Working together…, {ja: [old]Rivers, en: …}: a text that begins with a
 * bracket, which YAML reads as a list or a group in [ ] or { } and finds
 * text after.  Looked for in lines first..last; true when reported. */
static bool report_bracket_text(int file, const char *text, size_t len, int first, int last)
{
	for (int line = first; line <= last; line++) {
		const char *eol, *p = line_at(text, len, line, &eol);
		for (const char *c = p; c && c < eol; c++) {
			if ((*c != '[' && *c != '{') || c == p || (c[-1] != ' ' && c[-1] != '{' && c[-1] != '[') ||
			    (c - p >= 2 && c[-1] == ' ' && c[-2] != ':' && c[-2] != '-'))
				continue;
			char open = *c, close = open == '[' ? ']' : '}';
			const char *e = memchr(c, close, (size_t)(eol - c));
			if (!e || e + 1 >= eol || strchr(" ,]}\r#", e[1]) || memchr(c + 1, open, (size_t)(e - c - 1)))
				continue;
			/* the text: to the end of the line, or of its entry in { } */
			const char *end = e + 1;
			bool in_flow = c[-1] != ' ' || memchr(p, '{', (size_t)(c - p)) || memchr(p, '[', (size_t)(c - p));
			while (end < eol && !(in_flow && strchr(",}]", *end)) && *end != '\r')
				end++;
			while (end > e && end[-1] == ' ')
				end--;
			diag_error(diag_pos(file, line, utf8_chars(p, (size_t)(c - p)) + 1),
				   "YAML syntax: a text that begins with \"%c\" must be in quotes", open);
			diag_hint("write it in double quotes: \"%.*s\"", (int)(end - c), c);
			return true;
		}
	}
	return false;
}

static void report_syntax(int file, const char *text, size_t len, const yaml_parser_t *ps)
{
	int first = ps->context ? (int)ps->context_mark.line + 1 : (int)ps->problem_mark.line + 1;
	if (report_wide_typing(file, text, len, first > 1 ? first - 1 : 1, (int)ps->problem_mark.line + 1) ||
	    report_dash_value(file, text, len, (int)ps->problem_mark.line + 1) ||
	    report_bracket_text(file, text, len, first, (int)ps->problem_mark.line + 1) ||
	    report_curly_quotes(file, text, len, first, (int)ps->problem_mark.line + 1) ||
	    (strstr(ps->problem ? ps->problem : "", "did not find expected ','") &&
	     report_colon_in_flow(file, text, len, (int)ps->problem_mark.line + 1)) ||
	    report_indentation(file, text, len, (int)ps->problem_mark.line + 1) || report_quoting(file, text, len, ps))
		return;
	const char *problem = ps->problem ? ps->problem : "unknown problem";
	yaml_mark_t at = ps->problem_mark;
	/* A quote or a bracket left open is found at the end of the file, but
	 * the place to fix is where it was opened. */
	if (strstr(problem, "found unexpected end of stream") && ps->context)
		at = ps->context_mark;
	/* A key without its colon is found on the line after it. */
	if (strstr(problem, "could not find expected ':'") && ps->context)
		at = ps->context_mark;
	for (size_t i = 0; i < sizeof plain_words / sizeof *plain_words; i++) {
		if (strstr(problem, plain_words[i].problem)) {
			diag_error(mark_pos(file, at), "YAML syntax: %s", _(plain_words[i].message));
			diag_hint("%s", _(plain_words[i].hint));
			if (ps->context && at.index != ps->context_mark.index && !strstr(problem, "tab character"))
				diag_hint("the problem started at line %d, column %d (%s)",
					  (int)ps->context_mark.line + 1, (int)ps->context_mark.column + 1,
					  context_words(ps->context));
			return;
		}
	}
	diag_error(mark_pos(file, at), "YAML syntax: %s", problem);
	if (ps->context && at.index != ps->context_mark.index)
		diag_hint("the problem started at line %d, column %d (%s)",
			  (int)ps->context_mark.line + 1, (int)ps->context_mark.column + 1, context_words(ps->context));
}

/* ---- events → tree -------------------------------------------------------
 *
 * The tree is built from libyaml's events, so the limits hold while the
 * file is read: libyaml's own document loader would first build a copy of
 * the whole file, aliases unexpanded, and the expansion would come after. */

typedef struct {
	char *name;
	ynode *node;
	bool done; /* an alias inside its own anchor's value is refused */
} anchor_t;

typedef struct {
	ynode *node;
	size_t count, cap; /* of node->items */
	ynode *key;        /* a map's key waiting for its value */
} frame_t;

typedef struct {
	int file;
	const char *text; /* the file's, for fold_plain() */
	size_t len;
	size_t line_at;   /* where line `line` (0-based) begins: marks count characters */
	int line;
	long made, copied, max_copied;
	frame_t stack[MAX_DEPTH + 1];
	int depth;
	anchor_t *anchors;
	int nanchors;
	ynode *root;
} builder_t;

/* The byte offset of a mark (libyaml counts lines, and characters in
 * them); marks come in order, so the line is looked for from the last. */
static size_t byte_at(builder_t *b, yaml_mark_t m)
{
	if ((size_t)b->line > m.line)
		b->line = 0, b->line_at = 0;
	while ((size_t)b->line < m.line) {
		const char *nl = memchr(b->text + b->line_at, '\n', b->len - b->line_at);
		if (!nl)
			return b->len;
		b->line_at = (size_t)(nl - b->text) + 1;
		b->line++;
	}
	size_t at = b->line_at;
	for (size_t c = 0; c < m.column && at < b->len; c++) {
		uint32_t cp;
		int k = utf8_decode(b->text + at, b->len - at, &cp);
		at += k ? (size_t)k : 1;
	}
	return at;
}

/* A text without quotes written over several lines, as YAML folds it
 * (each line break a space, an empty line a line break), but with no
 * space where the break falls between two wide characters: Japanese that
 * the editor wrapped between two kanji.  libyaml's value when the
 * source folds otherwise (tabs, escapes): then it is kept as it is. */
static char *fold_plain(const char *src, size_t n, const char *value, size_t len)
{
	buf_t spaced = BUF_INIT, joined = BUF_INIT;
	int blank = 0;
	for (const char *p = src, *end = src + n; p < end;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		const char *a = p, *z = eol;
		while (a < z && *a == ' ')
			a++;
		while (z > a && (z[-1] == ' ' || z[-1] == '\r'))
			z--;
		if (a == z) {
			blank++;
		} else {
			if (spaced.len) {
				uint32_t before = utf8_last(joined.ptr, joined.len), after;
				utf8_decode(a, (size_t)(z - a), &after);
				for (int k = 0; k < blank; k++)
					buf_putc(&spaced, '\n'), buf_putc(&joined, '\n');
				if (!blank) {
					buf_putc(&spaced, ' ');
					if (!(utf8_is_wide(before) && utf8_is_wide(after)))
						buf_putc(&joined, ' ');
				}
			}
			blank = 0;
			buf_put(&spaced, a, (size_t)(z - a));
			buf_put(&joined, a, (size_t)(z - a));
		}
		p = eol < end ? eol + 1 : end;
	}
	bool same = spaced.len == len && memcmp(spaced.ptr, value, len) == 0;
	buf_free(&spaced);
	if (same)
		return buf_detach(&joined);
	buf_free(&joined);
	return xstrndup(value, len);
}

static ynode *copy_tree(builder_t *b, const ynode *n)
{
	if (++b->made > MAX_NODES || ++b->copied > b->max_copied)
		return NULL;
	ynode *c = xcalloc(1, sizeof *c);
	*c = *n;
	c->str = n->str ? xstrndup(n->str, n->len) : NULL;
	int count = n->type == Y_MAP ? 2 * n->n : n->type == Y_SEQ ? n->n : 0;
	c->items = count ? xcalloc((size_t)count, sizeof *c->items) : NULL;
	for (int i = 0; i < count; i++)
		if (!(c->items[i] = copy_tree(b, n->items[i]))) {
			c->n = 0; /* only the copied items are freed */
			for (int k = 0; k < i; k++)
				ytree_free(c->items[k]);
			free(c->items);
			c->items = NULL;
			ytree_free(c);
			return NULL;
		}
	return c;
}

/* Adds a finished node to the open container (or makes it the root). */
static void attach(builder_t *b, ynode *n)
{
	if (b->depth == 0) {
		b->root = n;
		return;
	}
	frame_t *f = &b->stack[b->depth - 1];
	if (f->node->type == Y_MAP && !f->key) {
		f->key = n;
		return;
	}
	if (f->count + 2 > f->cap) {
		f->cap = f->cap ? 2 * f->cap : 8;
		f->node->items = xrealloc(f->node->items, f->cap * sizeof *f->node->items);
	}
	if (f->node->type == Y_MAP) {
		f->node->items[f->count++] = f->key;
		f->key = NULL;
	}
	f->node->items[f->count++] = n;
	f->node->n++;
}

static void add_anchor(builder_t *b, const yaml_char_t *name, ynode *n)
{
	if (!name)
		return;
	b->anchors = xrealloc(b->anchors, (size_t)(b->nanchors + 1) * sizeof *b->anchors);
	b->anchors[b->nanchors++] = (anchor_t){xstrdup((const char *)name), n, n->type == Y_SCALAR};
}

/* One event; false after reporting a problem. */
static bool on_event(builder_t *b, const yaml_event_t *ev)
{
	pos_t pos = mark_pos(b->file, ev->start_mark);
	ynode *n = NULL;
	switch (ev->type) {
	case YAML_SCALAR_EVENT: {
		const char *v = (const char *)ev->data.scalar.value;
		size_t len = ev->data.scalar.length;
		if (memchr(v, 0, len)) {
			diag_error(pos, "this text holds the character U+0000 (written \\0 or \\u0000)");
			diag_hint("remove it: it cannot be published");
			return false;
		}
		n = xcalloc(1, sizeof *n);
		n->type = Y_SCALAR;
		n->pos = pos;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (n->plain && ev->end_mark.line > ev->start_mark.line) {
			size_t from = byte_at(b, ev->start_mark), to = byte_at(b, ev->end_mark);
			n->str = fold_plain(b->text + from, to > from ? to - from : 0, v, len);
		} else {
			n->str = xstrndup(v, len);
		}
		n->len = strlen(n->str);
		add_anchor(b, ev->data.scalar.anchor, n);
		break;
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (b->depth == MAX_DEPTH) {
			diag_error(pos, "the values are nested more than %d deep", MAX_DEPTH);
			diag_hint("check the indentation and the brackets");
			return false;
		}
		n = xcalloc(1, sizeof *n);
		n->type = ev->type == YAML_SEQUENCE_START_EVENT ? Y_SEQ : Y_MAP;
		n->flow = ev->type == YAML_SEQUENCE_START_EVENT ? ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
								 : ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
		n->pos = pos;
		add_anchor(b, ev->type == YAML_SEQUENCE_START_EVENT ? ev->data.sequence_start.anchor
								  : ev->data.mapping_start.anchor, n);
		if (++b->made > MAX_NODES) {
			ytree_free(n);
			goto too_many;
		}
		attach(b, n);
		b->stack[b->depth++] = (frame_t){n, 0, 0, NULL};
		return true;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		n = b->stack[--b->depth].node;
		for (int i = b->nanchors - 1; i >= 0; i--)
			if (b->anchors[i].node == n)
				b->anchors[i].done = true;
		return true;
	case YAML_ALIAS_EVENT: {
		const char *name = (const char *)ev->data.alias.anchor;
		const anchor_t *a = NULL;
		for (int i = b->nanchors - 1; i >= 0 && !a; i--)
			if (strcmp(b->anchors[i].name, name) == 0)
				a = &b->anchors[i];
		if (!a) {
			/* content never uses anchors: a text that begins with * */
			diag_error(pos, "YAML syntax: a text that begins with \"%c\" must be in quotes", '*');
			diag_hint("write it as \"%c…\" (at the start of a value, YAML reads %c as a reference)", '*', '*');
			return false;
		}
		if (!a->done) {
			diag_error(pos, "YAML syntax: the alias *%s is inside the value it refers to", name);
			diag_hint("an alias repeats a value defined before it, not one that contains it");
			return false;
		}
		b->made--; /* counted again by the copy */
		n = copy_tree(b, a->node);
		if (!n)
			goto too_many;
		n->pos = pos;
		break;
	}
	case YAML_DOCUMENT_START_EVENT:
		if (b->root) {
			diag_error(pos, "a second YAML document in one file");
			diag_hint("remove the \"---\" line: each file holds one document");
			return false;
		}
		return true;
	default:
		return true;
	}
	if (++b->made > MAX_NODES) {
		ytree_free(n);
		goto too_many;
	}
	attach(b, n);
	return true;
too_many:
	if (b->copied > b->max_copied) {
		diag_error(pos, "the aliases (*name) of this file repeat more than %ld values", b->max_copied);
		diag_hint("write the values out instead of repeating large parts with aliases");
	} else {
		diag_error(pos, "the file holds more than %d values", MAX_NODES);
		diag_hint("a plan's file is far smaller: check that this is the right file");
	}
	return false;
}

/* libyaml takes quadratic time on deeply nested flow collections ([[[[…),
 * so their depth is checked before it sees them.  Quotes and comments are
 * skipped; the count is approximate but never too low for real nesting. */
#define MAX_FLOW_DEPTH 64

static bool too_deep(int file, const char *text, size_t len)
{
	int depth = 0, line = 1, col = 1;
	char quote = 0;
	bool comment = false;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == '\n') {
			line++, col = 1, comment = false;
			if (quote == '\'')
				quote = 0; /* a plain apostrophe in text, not a quote */
			continue;
		}
		if (((unsigned char)c & 0xC0) != 0x80)
			col++;
		if (comment)
			continue;
		if (quote) {
			if (c == '\\' && quote == '"')
				i++;
			else if (c == quote)
				quote = 0;
		} else if (c == '#' && (i == 0 || text[i - 1] == ' ')) {
			comment = true;
		} else if ((c == '"' || c == '\'') && (i == 0 || strchr(" [{,:", text[i - 1]))) {
			quote = c;
		} else if (c == '[' || c == '{') {
			if (++depth > MAX_FLOW_DEPTH) {
				diag_error(diag_pos(file, line, col - 1), "brackets nested more than %d deep", MAX_FLOW_DEPTH);
				diag_hint("close the brackets opened before this one");
				return true;
			}
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
	}
	return false;
}

ynode *ytree_parse(int file, const char *text, size_t len)
{
	if (too_deep(file, text, len))
		return NULL;
	yaml_parser_t ps;
	yaml_parser_initialize(&ps);
	yaml_parser_set_input_string(&ps, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&ps, YAML_UTF8_ENCODING);
	builder_t b = {.file = file, .text = text, .len = len,
		       .max_copied = len > MAX_ALIAS_NODES ? (long)len : MAX_ALIAS_NODES};
	bool ok = true, end = false;
	while (ok && !end) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&ps, &ev)) {
			report_syntax(file, text, len, &ps);
			ok = false;
			break;
		}
		ok = on_event(&b, &ev);
		end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&ps);
	/* Whatever was built so far hangs from the root, also after an error,
	 * but for keys still waiting for their values. */
	ynode *root = b.root;
	for (int i = 0; i < b.depth; i++)
		ytree_free(b.stack[i].key);
	for (int i = 0; i < b.nanchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	if (!ok) {
		ytree_free(root);
		return NULL;
	}
	if (!root) { /* an empty file: an empty map */
		root = xcalloc(1, sizeof *root);
		root->type = Y_MAP;
		root->pos = diag_pos(file, 1, 1);
	}
	return root;
}

void ytree_free(ynode *n)
{
	if (!n)
		return;
	int count = n->type == Y_MAP ? 2 * n->n : n->type == Y_SEQ ? n->n : 0;
	for (int i = 0; i < count; i++)
		ytree_free(n->items[i]);
	free(n->items);
	free(n->str);
	free(n);
}

ynode *ytree_get(const ynode *map, const char *key)
{
	if (!map || map->type != Y_MAP)
		return NULL;
	for (int i = 0; i < map->n; i++)
		if (strcmp(map->items[2 * i]->str ? map->items[2 * i]->str : "", key) == 0)
			return map->items[2 * i + 1];
	return NULL;
}
