/* load_md.c — cmark → plangen's Markdown tree.
 *
 * The only file that sees cmark.  Two things happen on the way:
 * - a soft break (a line break inside a paragraph) between two wide
 *   characters is dropped, since Japanese has no spaces between words;
 *   elsewhere it becomes a space;
 * - a fenced block whose info string starts with the word "plangen" becomes
 *   a data block (MD_DATA); its words are kept for load.c to resolve. */
#include <cmark.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load_priv.h"
#include "utf8.h"

static mdtype_t map_type(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_HEADING: return MD_HEADING;
	case CMARK_NODE_PARAGRAPH: return MD_PARAGRAPH;
	case CMARK_NODE_LIST: return MD_LIST;
	case CMARK_NODE_ITEM: return MD_ITEM;
	case CMARK_NODE_BLOCK_QUOTE: return MD_BLOCKQUOTE;
	case CMARK_NODE_THEMATIC_BREAK: return MD_THEMATIC_BREAK;
	case CMARK_NODE_CODE_BLOCK: return MD_CODE_BLOCK;
	case CMARK_NODE_HTML_BLOCK: return MD_HTML_BLOCK;
	case CMARK_NODE_CODE: return MD_CODE;
	case CMARK_NODE_EMPH: return MD_EMPH;
	case CMARK_NODE_STRONG: return MD_STRONG;
	case CMARK_NODE_LINK: return MD_LINK;
	case CMARK_NODE_IMAGE: return MD_IMAGE;
	case CMARK_NODE_LINEBREAK: return MD_LINEBREAK;
	case CMARK_NODE_HTML_INLINE: return MD_HTML_INLINE;
	case CMARK_NODE_DOCUMENT: return MD_DOCUMENT;
	default: return MD_TEXT;
	}
}

static void append(md_node *parent, md_node *child)
{
	child->parent = parent;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

/* The character at the near edge of a neighbouring inline: the last
 * character of what precedes a soft break, or the first of what follows. */
static uint32_t edge_char(cmark_node *n, bool last)
{
	while (n) {
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			const char *s = cmark_node_get_literal(n);
			if (!s || !*s)
				return 0;
			uint32_t cp = 0;
			if (last)
				return utf8_last(s, strlen(s));
			return utf8_decode(s, strlen(s), &cp) ? cp : 0;
		}
		n = last ? cmark_node_last_child(n) : cmark_node_first_child(n);
	}
	return 0;
}

/* Adds text to parent, merging it with a text node just before it. */
static void add_text(md_node *parent, const char *s, pos_t pos)
{
	size_t len = strlen(s);
	if (parent->last && parent->last->type == MD_TEXT) {
		/* Grown by doubling, so a long paragraph costs linear time. */
		md_node *t = parent->last;
		size_t cap = 16;
		while (cap <= t->len)
			cap *= 2;
		if (t->len + len + 1 > cap) {
			while (cap < t->len + len + 1)
				cap *= 2;
			t->text = xrealloc(t->text, cap);
		}
		memcpy(t->text + t->len, s, len + 1);
		t->len += len;
		return;
	}
	md_node *t = xcalloc(1, sizeof *t);
	t->type = MD_TEXT;
	size_t cap = 16;
	while (cap < len + 1)
		cap *= 2;
	t->text = xmalloc(cap);
	memcpy(t->text, s, len + 1);
	t->len = len;
	t->pos = pos;
	append(parent, t);
}

/* cmark counts columns in bytes; diagnostics count characters. */
typedef struct {
	const char *text;
	size_t len;
	size_t *starts; /* byte offset of each line */
	int nlines;
	size_t last_at; /* the last column found, to go on from it */
	int last_line, last_col;
} lines_t;

static void lines_init(lines_t *ls, const char *text, size_t len)
{
	ls->text = text;
	ls->len = len;
	ls->last_line = ls->last_col = 0;
	ls->last_at = 0;
	ls->nlines = 1;
	for (size_t i = 0; i < len; i++)
		ls->nlines += text[i] == '\n';
	ls->starts = xmalloc((size_t)ls->nlines * sizeof *ls->starts);
	int l = 0;
	ls->starts[l++] = 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n')
			ls->starts[l++] = i + 1;
}

static int char_column(lines_t *ls, int line, int bytecol)
{
	if (line < 1 || line > ls->nlines || bytecol < 1)
		return bytecol;
	size_t start = ls->starts[line - 1];
	size_t end = line < ls->nlines ? ls->starts[line] : ls->len;
	size_t at = start + (size_t)bytecol - 1;
	if (at > end)
		at = start; /* cmark's column of an autolink can overshoot */
	/* Nodes come in source order: go on from the last one on this line. */
	int col = 1;
	size_t i = start;
	if (ls->last_line == line && ls->last_at <= at)
		i = ls->last_at, col = ls->last_col;
	for (; i < at; col++) {
		uint32_t cp;
		int n = utf8_decode(ls->text + i, at - i, &cp);
		i += n ? (size_t)n : 1;
	}
	ls->last_line = line, ls->last_at = i, ls->last_col = col;
	return col;
}

/* The run of ` or ~ that line `line` (1-based) begins with after its
 * spaces: its character (0 when none) and length; *after, where the line
 * goes on.  cmark counts a line at a lone CR too: a line beyond those
 * counted here has no fence (and *after is the end of the text). */
static char fence_at(const lines_t *ls, int line, size_t *len, const char **after)
{
	const char *end = ls->text + ls->len;
	const char *p = line >= 1 && line <= ls->nlines ? ls->text + ls->starts[line - 1] : end;
	while (p < end && *p == ' ')
		p++;
	char mark = p < end && (*p == '`' || *p == '~') ? *p : 0;
	for (*len = 0; mark && p < end && *p == mark; p++)
		++*len;
	*after = p;
	return mark;
}

/* Whether a block is fenced (``` or ~~~) and left open: cmark ends one
 * at the end of the file, taking in all the text after its fence. */
static bool fence_open(const lines_t *ls, cmark_node *block)
{
	int first = cmark_node_get_start_line(block), last = cmark_node_get_end_line(block);
	if (first < 1 || last > ls->nlines)
		return false;
	size_t open, run;
	const char *rest, *end = ls->text + ls->len;
	char mark = fence_at(ls, first, &open, &rest);
	if (!mark || open < 3)
		return false; /* indented, not fenced */
	if (last == first || fence_at(ls, last, &run, &rest) != mark || run < open)
		return true;
	while (rest < end && (*rest == ' ' || *rest == '\t' || *rest == '\r'))
		rest++;
	return rest < end && *rest != '\n';
}

/* What a line that runs on from the one above begins with, when a person
 * meant it as a list's item (\u2460, \u25CF, \uFF081\uFF09, 1\uFF0E, -item, \uFF0D): that
 * marker's length in bytes; 0 when it begins otherwise. */
static size_t item_marker(const char *s)
{
	uint32_t c;
	int k = utf8_decode(s, strlen(s), &c);
	if (k <= 0)
		return 0;
	/* circled numbers, black and white circles, squares, diamonds, stars,
	 * a full-width hyphen */
	if ((c >= 0x2460 && c <= 0x2473) || c == 0x25CF || c == 0x25CB || c == 0x25A0 || c == 0x25A1 || c == 0x25C6 ||
	    c == 0x25C7 || c == 0x2605 || c == 0x2606 || c == 0xFF0D)
		return (size_t)k;
	/* -item, a hyphen without its space */
	if (c == '-' && s[1] && s[1] != ' ' && s[1] != '-')
		return 1;
	/* (1), (1) in full width, 1. in full width, 1.item */
	size_t open = strncmp(s, "\uFF08", 3) == 0 ? 3 : *s == '(' ? 1 : 0;
	size_t d = strspn(s + open, "0123456789");
	if (!d || d > 2)
		return 0;
	const char *after = s + open + d;
	if (open && (strncmp(after, "\uFF09", 3) == 0 || *after == ')'))
		return open + d + (*after == ')' ? 1 : 3);
	if (!open && strncmp(after, "\uFF0E", 3) == 0)
		return d + 3;
	if (!open && *after == '.' && after[1] && after[1] != ' ' && (after[1] < '0' || after[1] > '9'))
		return d + 1;
	return 0;
}

/* The name of the HTML element a tag of a word processor's or a CMS's
 * formatting opens or closes (<u>, </font>); NULL for another text in
 * angle brackets, such as a label (<Reference>), which is shown as meant. */
static const char *html_tag(const char *s)
{
	static const char *const names[] = {"u",   "b",  "i",  "s",  "em", "strong", "font", "span", "div", "p",
					    "sup", "sub", "small", "big", "center", "strike", "del", "ins", "mark", "a",
					    "img", "table", "tr", "td", "th", "ul", "ol", "li", "h1", "h2", "h3", "h4",
					    "h5", "h6", "hr", "blockquote", "pre", "code"};
	if (*s++ != '<')
		return NULL;
	s += *s == '/';
	size_t len = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
	if (!len || (s[len] != '>' && s[len] != ' ' && s[len] != '/' && s[len] != '\n'))
		return NULL;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strlen(names[i]) == len && strncasecmp(s, names[i], len) == 0)
			return names[i];
	return NULL;
}

/* An autolink (<https://…>) shows its address as its text. */
static bool is_autolink(cmark_node *link)
{
	cmark_node *c = cmark_node_first_child(link);
	const char *url = cmark_node_get_url(link), *text = c ? cmark_node_get_literal(c) : NULL;
	if (!url || !text || cmark_node_next(c))
		return false;
	return strcmp(url, text) == 0 || (strncmp(url, "mailto:", 7) == 0 && strcmp(url + 7, text) == 0);
}

/* cmark 0.30 counts the column of an autolink from the start of its
 * paragraph, not of its line: it is looked for from that line on. */
static void autolink_column(const lines_t *ls, int *line, int *col, const char *url)
{
	if (*line < 1 || *line > ls->nlines)
		return;
	size_t start = ls->starts[*line - 1], n = strlen(url);
	for (size_t i = start; i + n + 1 < ls->len; i++) {
		if (ls->text[i] == '<' && strncmp(ls->text + i + 1, url, n) == 0) {
			while (*line < ls->nlines && ls->starts[*line] <= i)
				(*line)++;
			*col = (int)(i - ls->starts[*line - 1]) + 1;
			return;
		}
	}
}

/* cmark takes time quadratic in the nesting of quotes and lists (a line
 * of 50,000 "> " takes seconds): deeper nesting than any text needs is
 * refused before cmark sees it.  Returns the line and column of the first
 * line too deep, or 0. */
#define MAX_NESTING 32

static int too_deep(const char *text, size_t len, int *col)
{
	int line = 1;
	for (size_t i = 0; i < len; line++) {
		int depth = 0;
		size_t start = i;
		for (;;) {
			while (i < len && text[i] == ' ')
				i++;
			size_t j = i;
			if (j < len && (text[j] == '>' || text[j] == '-' || text[j] == '*' || text[j] == '+')) {
				j++;
			} else {
				size_t d = j;
				while (d < len && d - j < 9 && text[d] >= '0' && text[d] <= '9')
					d++;
				if (d > j && d < len && (text[d] == '.' || text[d] == ')'))
					j = d + 1;
			}
			/* A list marker is followed by a space; a quote's need not be. */
			if (j == i || (text[i] != '>' && j < len && text[j] != ' ' && text[j] != '\n'))
				break;
			if (++depth > MAX_NESTING) {
				*col = (int)(i - start) + 1;
				return line;
			}
			i = j;
		}
		const char *nl = memchr(text + i, '\n', len - i);
		i = nl ? (size_t)(nl - text) + 1 : len;
	}
	return 0;
}

/* Whether an inline HTML tag is a line break: <br>, <BR>, <br/>, <br />. */
static bool is_br(const char *t)
{
	if (strncasecmp(t, "<br", 3) != 0)
		return false;
	t += 3;
	t += strspn(t, " ");
	if (*t == '/')
		t++;
	return strcmp(t, ">") == 0;
}


/* A fence typed with the input method on (U+FF40 three times) is text to
 * cmark: its block's closing fence would open a code block that takes in
 * the rest of the file. */
/* Three or more short lines of a paragraph, none ending a sentence (a
 * contact typed line by line: \u304A\u554F\u3044\u5408\u308F\u305B\u5148 / \u751F\u6DAF\u5B66\u7FD2\u8AB2 / \u96FB\u8A71 \u2026): Japanese runs
 * them on as one line.  Lines begun with an item's mark, or a table's
 * rows, are told as such (below, and in load_text.c). */
static void short_lines(int file, const lines_t *ls, int first, int last)
{
	if (first < 1 || last - first < 2 || last > ls->nlines)
		return;
	for (int l = first; l <= last; l++) {
		const char *s = ls->text + ls->starts[l - 1];
		size_t n = (l < ls->nlines ? ls->starts[l] : ls->len) - ls->starts[l - 1], end = n;
		while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
			n--;
		end = n;
		while (n && s[n - 1] == ' ')
			n--;
		uint32_t cp = utf8_last(s, n);
		if (end - n >= 2 || cp == '\\' || utf8_chars(s, n) > 20 || cp == 0x3002 || cp == 0x3001 || cp == '.' ||
		    cp == ',' || cp == 0xFF0E || cp == 0xFF0C || item_marker(s + strspn(s, " ")) || s[strspn(s, " ")] == '|' ||
		    strncmp(s + strspn(s, " "), "\u30FB", 3) == 0)
			return;
	}
	diag_warning(diag_pos(file, first, 1), "these %d short lines run on as one line on the page", last - first + 1);
	diag_hint("to keep each on a line of its own, end it with a backslash (\\); items are a list, each begun "
		  "with \"- \"");
}

static void wide_fences(int file, const lines_t *ls)
{
	static const char wide[] = "\xef\xbd\x80\xef\xbd\x80\xef\xbd\x80";
	for (int i = 0; i < ls->nlines; i++) {
		const char *l = ls->text + ls->starts[i], *end = ls->text + (i + 1 < ls->nlines ? ls->starts[i + 1] : ls->len);
		const char *at = l;
		while (at < end && *at == ' ')
			at++;
		if ((size_t)(end - at) < sizeof wide - 1 || memcmp(at, wide, sizeof wide - 1) != 0)
			continue;
		const char *rest = at + sizeof wide - 1;
		while (rest < end && *rest == '\xef' && end - rest >= 3 && (unsigned char)rest[1] == 0xbd &&
		       (unsigned char)rest[2] == 0x80)
			rest += 3;
		size_t n = strcspn(rest, "\r\n");
		if (rest + n > end)
			n = (size_t)(end - rest);
		diag_error(diag_pos(file, i + 1, (int)(at - l) + 1),
			   "this line begins with full-width backquotes: a block is fenced with three half-width ones (```)");
		diag_hint("write it in half-width characters: ```%.*s", (int)n, rest);
	}
}

md_node *md_parse(int file, const char *text, size_t len, bool smart)
{
	int at, deep = too_deep(text, len, &at);
	if (deep) {
		diag_error(diag_pos(file, deep, at), "quotes and lists are nested more than %d deep here", MAX_NESTING);
		diag_hint("a plan's text needs a few levels: remove the extra \">\", \"-\" or \"1.\" at the start of the line");
		md_node *doc = xcalloc(1, sizeof *doc);
		doc->type = MD_DOCUMENT;
		doc->pos = diag_pos(file, 1, 1);
		return doc;
	}
	lines_t ls;
	lines_init(&ls, text, len);
	wide_fences(file, &ls);
	cmark_node *root = cmark_parse_document(text, len, smart ? CMARK_OPT_SMART : CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(root);
	md_node *doc = NULL, *cur = NULL;
	const md_node *dots_told = NULL; /* the paragraph whose middle-dot lines were told */
	const md_node *stars_told = NULL; /* the paragraph whose stray asterisks were told */
	const md_node *tags_told = NULL;  /* the paragraph whose HTML tags were told */
	const md_node *tabs_told = NULL;  /* the paragraph whose tabs were told */
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cn = cmark_iter_get_node(it);
		cmark_node_type ct = cmark_node_get_type(cn);
		if (ev == CMARK_EVENT_EXIT) {
			if (cur && cur->parent)
				cur = cur->parent;
			continue;
		}
		int line = cmark_node_get_start_line(cn), col = cmark_node_get_start_column(cn);
		if (ct == CMARK_NODE_LINK && is_autolink(cn))
			autolink_column(&ls, &line, &col, cmark_node_get_url(cn));
		pos_t pos = {file, line, char_column(&ls, line, col)};
		if (ct == CMARK_NODE_TEXT) {
			const char *lit = cmark_node_get_literal(cn);
			/* Full-width number signs typed with the input method: a
			 * paragraph, not a heading. */
			if (lit && cur && cur->type == MD_PARAGRAPH && !cur->first && strncmp(lit, "\uFF03", 3) == 0) {
				size_t k = 0;
				while (strncmp(lit + 3 * k, "\uFF03", 3) == 0)
					k++;
				diag_warning(pos, "this line begins with a full-width number sign: it is not a heading");
				diag_hint("a heading begins with half-width \"#\": %.*s", (int)k, "######");
			}
			/* "##4 Heading": no space after the number signs, a paragraph. */
			if (lit && cur && cur->type == MD_PARAGRAPH && !cur->first && lit[0] == '#') {
				size_t k = strspn(lit, "#");
				if (k <= 6 && strncmp(lit + k, "\u3000", 3) == 0) {
					diag_warning(pos, "this line begins with \"%.*s\" and a full-width space: it is not a heading",
						     (int)k, lit);
					diag_hint("write a half-width space after the number signs: %.*s %s", (int)k, lit,
						  lit + k + 3 + strspn(lit + k + 3, " "));
				} else if (k <= 6 && lit[k] && lit[k] != ' ' && lit[k] != '\t') {
					diag_warning(pos, "this line begins with \"%.*s\" and no space after it: it is not a heading",
						     (int)k, lit);
					diag_hint("a heading has a space after its number signs: %.*s %s", (int)k, lit, lit + k);
				}
			}
			/* \uFF3Btext\uFF3D(address), its brackets full width: shown as typed. */
			const char *wide_br = lit ? strstr(lit, "\uFF3D(") : NULL;
			if (wide_br) {
				pos_t here = pos;
				here.col += utf8_chars(lit, (size_t)(wide_br - lit));
				diag_warning(here, "a link's text is in full-width brackets: it is shown as typed");
				diag_hint("write it as [text](address), with half-width [ ]");
			}
			/* [text]\uFF08address\uFF09, its parentheses full width: shown as typed. */
			const char *wide = lit ? strstr(lit, "]\uFF08") : NULL;
			if (wide) {
				pos_t here = pos;
				here.col += utf8_chars(lit, (size_t)(wide + 1 - lit));
				diag_warning(here, "a link's address is in full-width parentheses: it is shown as typed");
				diag_hint("write it as [text](address), with half-width ( )");
			}
			/* [text](address without its ")": shown as it is typed. */
			const char *half = lit ? strstr(lit, "](") : NULL;
			if (half && !strchr(half, ')')) {
				pos_t here = pos;
				here.col += utf8_chars(lit, (size_t)(half + 1 - lit));
				diag_warning(here, "a link here is not closed with \")\": it is shown as typed");
				diag_hint("write it as [text](address)");
			}
			/* **\u300C\u2026\u300D**: emphasis that begins or ends at a bracket or a
			 * mark, after or before a letter, is not read (CommonMark's
			 * rule), and its asterisks are shown. */
			const char *stars = lit ? strstr(lit, "**") : NULL;
			if (stars && cur != stars_told) {
				pos_t here = pos;
				here.col += utf8_chars(lit, (size_t)(stars - lit));
				diag_warning(here, "these \"**\" are shown as typed: emphasis that begins or ends next to a "
						   "bracket or a punctuation mark is not read as emphasis");
				diag_hint("put the marks outside the brackets (**\u300C\u2026\u300D**\u3053\u3068 \u2192 "
					  "\u300C**\u2026**\u300D\u3053\u3068), or a space before the opening one");
				stars_told = cur;
			}
			/* A tab inside a line (columns lined up in a word processor) */
			const char *tab = lit ? strchr(lit, '\t') : NULL;
			if (tab && cur != tabs_told) {
				pos_t here = pos;
				here.col += utf8_chars(lit, (size_t)(tab - lit));
				diag_warning(here, "a tab inside the text is published as a wide gap");
				diag_hint("write a space; columns are a table (tables.yaml), items a list (\"- \")");
				tabs_told = cur;
			}
			add_text(cur, lit, pos);
			continue;
		}
		if (ct == CMARK_NODE_SOFTBREAK) {
			uint32_t before = edge_char(cmark_node_previous(cn), true);
			uint32_t after = edge_char(cmark_node_next(cn), false);
			/* Items typed one under the other after a middle dot (U+30FB)
			 * run on as one paragraph: a list is written with "- ". */
			cmark_node *next = cmark_node_next(cn);
			const char *lit = next && cmark_node_get_type(next) == CMARK_NODE_TEXT ? cmark_node_get_literal(next) : NULL;
			/* (a habit of Japanese word processing: in a text with spaces,
			 * a wrapped line may begin "(2) of the plan") */
			size_t marker = lit && !smart ? item_marker(lit) : 0;
			/* a paragraph begun with its full-width indent, after one ended */
			bool indent = lit && strncmp(lit, "\u3000", 3) == 0 && before == 0x3002;
			if ((after == 0x30FB || marker || indent) && next && cur != dots_told) {
				int nl = cmark_node_get_start_line(next);
				pos_t dot = diag_pos(file, nl, char_column(&ls, nl, cmark_node_get_start_column(next)));
				if (indent) {
					diag_warning(dot, "this line begins a paragraph with a full-width space, but runs on from "
							  "the line above, as one paragraph");
					diag_hint("leave an empty line between paragraphs");
				} else {
					if (marker)
						diag_warning(dot, "this line begins with \"%.*s\" but runs on from the line above, as "
								  "one paragraph", (int)marker, lit);
					else
						diag_warning(dot, "this line begins with \"\u30FB\" but runs on from the line above, "
								  "as one paragraph");
					diag_hint("write a list with an item per line, each beginning with \"- \" (a hyphen and a "
						  "space)");
				}
				dots_told = cur;
			}
			if (!(utf8_is_wide(before) && utf8_is_wide(after)))
				add_text(cur, " ", pos);
			continue;
		}
		md_node *n = xcalloc(1, sizeof *n);
		n->type = map_type(cn);
		n->pos = pos;
		switch (ct) {
		case CMARK_NODE_HEADING: {
			n->level = cmark_node_get_heading_level(cn);
			/* A line of "---" or "===" right under a paragraph makes it a
			 * heading: typed as a separator, it turns the text into one. */
			const char *first = line >= 1 && line <= ls.nlines ? ls.text + ls.starts[line - 1] : "#";
			/* its underline: the first line of - or = after its text */
			int under = line + 1, end = cmark_node_get_end_line(cn);
			size_t k = 0, run = 0;
			for (; first[strspn(first, " ")] != '#' && under <= end && under <= ls.nlines && !run; under++) {
				const char *u = ls.text + ls.starts[under - 1];
				k = strspn(u, " ");
				run = strspn(u + k, u[k] == '=' ? "=" : "-");
				const char *after = u + k + run;
				if (after < ls.text + ls.len && *after != '\n' && *after != '\r' && *after != ' ')
					run = 0; /* a line of text that begins with one */
			}
			under--;
			if (run) {
				n->underlined = true;
				const char *u = ls.text + ls.starts[under - 1];
				diag_warning(diag_pos(file, under, (int)k + 1),
					     "this line of \"%.*s\" makes the text above it a heading", (int)run, u + k);
				diag_hint("for a heading write \"## \" before its text; for a line between two parts "
					  "leave an empty line above this one");
			}
			break;
		}
		case CMARK_NODE_PARAGRAPH:
			if (!smart)
				short_lines(file, &ls, line, cmark_node_get_end_line(cn));
			break;
		case CMARK_NODE_LIST:
			n->level = cmark_node_get_list_type(cn) == CMARK_ORDERED_LIST;
			n->start = cmark_node_get_list_start(cn);
			n->tight = cmark_node_get_list_tight(cn);
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			n->text = xstrdup(cmark_node_get_url(cn) ? cmark_node_get_url(cn) : "");
			if (ct == CMARK_NODE_IMAGE && !cmark_node_first_child(cn)) {
				diag_warning(pos, "this image has no description: a screen reader says nothing of it");
				diag_hint("write what it shows between the brackets: ![description](%s)", n->text);
			}
			break;
		case CMARK_NODE_CODE_BLOCK: {
			const char *info = cmark_node_get_fence_info(cn);
			const char *lit = cmark_node_get_literal(cn);
			bool open = fence_open(&ls, cn);
			if (open && !(info && strncmp(info, "plangen", 7) == 0 && lit && *lit)) {
				diag_error(pos, "this block (```) is not closed: the text after it would be lost");
				diag_hint("write ``` on a line of its own where the block ends (for a data block, the next "
					  "line)");
			}
			/* after "plangen", a full-width space too: resolve_data tells it */
			if (info && strncmp(info, "plangen", 7) == 0 &&
			    (info[7] == '\0' || info[7] == ' ' || strncmp(info + 7, "\u3000", 3) == 0)) {
				n->type = MD_DATA;
				const char *args = info + 7;
				while (*args == ' ')
					args++;
				n->text = xstrdup(args);
				/* The fence's line: spaces, the fence, spaces, the info. */
				size_t run;
				const char *f, *end = ls.text + ls.len;
				n->argcol = pos.col; /* the fence's, where its line is not found */
				if (fence_at(&ls, line, &run, &f)) {
					while (f < end && *f == ' ')
						f++;
					n->argcol = (int)(f - (ls.text + ls.starts[line - 1])) + 1 + (int)(args - info);
				}
				/* Text inside would be lost: a fence left out takes in the
				 * text up to the next block's end. */
				if (lit && strspn(lit, " \t\r\n") != strlen(lit)) {
					diag_error(pos, "lines %d to %d are inside this data block, and would be lost",
						   line + 1, cmark_node_get_end_line(cn) - !open);
					diag_hint("end the block with ``` on the next line: ```plangen %s, then ```", args);
				}
				break;
			}
			n->text = xstrdup(lit ? lit : "");
			/* A paragraph indented by a tab or four spaces (pasted from a
			 * word processor) is shown as code, in a box. */
			size_t run;
			const char *rest;
			char mark = fence_at(&ls, line, &run, &rest);
			/* (a fence after a list item's or a quote's marker is one too) */
			const char *start = line >= 1 && line <= ls.nlines ? ls.text + ls.starts[line - 1] : NULL;
			size_t width = start ? (line < ls.nlines ? ls.starts[line] : ls.len) - ls.starts[line - 1] : 0;
			char *row = start ? xstrndup(start, width) : NULL;
			bool fenced = (mark && run >= 3) || (row && (strstr(row, "```") || strstr(row, "~~~")));
			free(row);
			if (!fenced) {
				diag_warning(pos, "this text is indented by a tab or four spaces: it is shown as code, in a box");
				diag_hint("remove the spaces or the tab at the start of its lines (a full-width space is kept "
					  "as a paragraph's indent)");
			}
			/* ```plangn chart …, ```Plangen or in full-width letters:
			 * shown as code, not as the data meant. */
			if (info && *info) {
				static const char *const data_word[] = {"plangen"};
				char *word = xstrndup(info, strcspn(info, " "));
				char *narrow = utf8_narrow_ascii(word), *lower = xstrdup(narrow ? narrow : word);
				for (char *c = lower; *c; c++)
					*c = (char)tolower((unsigned char)*c);
				if (strcmp(word, "plangen") != 0 && load_closest(lower, data_word, sizeof *data_word, 1)) {
					diag_warning(pos, "this block is shown as code, not as data: it begins with \"%s\", not \"plangen\"",
						     word);
					diag_hint("write ```plangen%s", info + strlen(word));
				}
				free(lower);
				free(narrow);
				free(word);
			}
			break;
		}
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			n->text = xstrdup(cmark_node_get_literal(cn) ? cmark_node_get_literal(cn) : "");
			/* A memo in a comment is published: HTML is shown as text. */
			if (ct != CMARK_NODE_CODE && strncmp(n->text, "<!--", 4) == 0) {
				diag_warning(pos, "this comment (<!-- -->) is published as text, on the page and in the booklet");
				diag_hint("keep notes outside the content folder, or remove it");
			}
			/* <br>, as a CMS or Word's HTML writes a line break: one */
			if (ct == CMARK_NODE_HTML_INLINE && is_br(n->text)) {
				n->type = MD_LINEBREAK;
				free(n->text);
				n->text = NULL;
			} else if (ct != CMARK_NODE_CODE && cur != tags_told && html_tag(n->text)) {
				tags_told = cur; /* once a paragraph */
				/* <u>, <font>: published as typed */
				size_t tag = strcspn(n->text, ">\n");
				diag_warning(pos, "the HTML tag \"%.*s\" is shown as typed, on the page and in the booklet",
					     (int)(n->text[tag] == '>' ? tag + 1 : tag), n->text);
				if (strcmp(html_tag(n->text), "sup") == 0 || strcmp(html_tag(n->text), "sub") == 0)
					diag_hint("write the character itself (km\u00B2, CO\u2082), and remove the tags");
				else
					diag_hint("write emphasis as **text**, and remove the tags");
			}
			break;
		default:
			break;
		}
		if (!doc) {
			doc = cur = n;
			continue;
		}
		append(cur, n);
		/* Leaves get no exit event: only containers become the current node. */
		if (ct != CMARK_NODE_CODE_BLOCK && ct != CMARK_NODE_HTML_BLOCK && ct != CMARK_NODE_THEMATIC_BREAK &&
		    ct != CMARK_NODE_CODE && ct != CMARK_NODE_HTML_INLINE && ct != CMARK_NODE_LINEBREAK)
			cur = n;
	}
	cmark_iter_free(it);
	cmark_node_free(root);
	free(ls.starts);
	return doc;
}
