/* load_yaml.c — libyaml → ytree, with syntax errors in plain words. */
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "ytree.h"

/* A document may use aliases; expanding them could blow up ("billion laughs"),
 * so the number of nodes produced is capped. */
#define MAX_NODES 200000

static pos_t mark_pos(int file, yaml_mark_t m)
{
	return (pos_t){file, (int)m.line + 1, (int)m.column + 1};
}

/* libyaml's messages, said for people who edit content rather than parsers. */
static const struct {
	const char *problem, *message, *hint;
} plain_words[] = {
	{"mapping values are not allowed", "a \": \" is not allowed here",
	 "if this is text containing \": \", put it in double quotes; otherwise check the indentation of this line"},
	{"did not find expected key", "this line does not fit the indentation around it",
	 "keys of the same entry must start in the same column; list items start with \"- \""},
	{"did not find expected '-' indicator", "a list item is expected here",
	 "items of a list start with \"- \" in the same column"},
	{"found a tab character", "a tab is used for indentation",
	 "indent with spaces, not tabs (set your editor to insert spaces)"},
	{"found character that cannot start any token", "this character cannot start a value",
	 "indent with spaces, not tabs; put text starting with a special character (@ ` | > %) in double quotes"},
	{"found undefined tag handle", "this \"!\" is not allowed", "put text starting with \"!\" in double quotes"},
	{"found unexpected end of stream", "the file ends inside a quoted text or a bracket",
	 "close the quote \" or the bracket ] } opened above"},
	{"did not find expected ',' or ']'", "a list in [ ] is not closed", "add the missing \"]\" or a \",\" between items"},
	{"did not find expected ',' or '}'", "a mapping in { } is not closed", "add the missing \"}\" or a \",\" between entries"},
	{"found unknown escape character", "unknown escape after \\ in a double-quoted text", "write \\\\ for a backslash"},
	{"could not find expected ':'", "a key without \":\"", "write \"key: value\", or put the text in double quotes"},
	{"found duplicate anchor", "an anchor (&name) is defined twice", "give each anchor its own name"},
	{"found undefined alias", "an alias (*name) refers to an undefined anchor", "define the anchor first with &name"},
	{"invalid leading UTF-8 octet", "invalid UTF-8", "save the file as UTF-8"},
	{"invalid trailing UTF-8 octet", "invalid UTF-8", "save the file as UTF-8"},
	{"control characters are not allowed", "a control character is not allowed", "remove it"},
};

static void report_syntax(int file, const yaml_parser_t *ps)
{
	const char *problem = ps->problem ? ps->problem : "unknown problem";
	for (size_t i = 0; i < sizeof plain_words / sizeof *plain_words; i++) {
		if (strstr(problem, plain_words[i].problem)) {
			diag_error(mark_pos(file, ps->problem_mark), "YAML syntax: %s", plain_words[i].message);
			diag_hint("%s", plain_words[i].hint);
			if (ps->context)
				diag_hint("the problem started at line %d, column %d (%s)",
					  (int)ps->context_mark.line + 1, (int)ps->context_mark.column + 1,
					  ps->context);
			return;
		}
	}
	diag_error(mark_pos(file, ps->problem_mark), "YAML syntax: %s", problem);
	if (ps->context)
		diag_hint("the problem started at line %d, column %d (%s)",
			  (int)ps->context_mark.line + 1, (int)ps->context_mark.column + 1, ps->context);
}

typedef struct {
	yaml_document_t *doc;
	int file;
	long made;
} conv_t;

static ynode *convert(conv_t *c, yaml_node_t *yn, int depth)
{
	if (++c->made > MAX_NODES || depth > 200)
		return NULL;
	ynode *n = xcalloc(1, sizeof *n);
	n->pos = mark_pos(c->file, yn->start_mark);
	switch (yn->type) {
	case YAML_SCALAR_NODE:
		n->type = Y_SCALAR;
		n->str = xstrndup((const char *)yn->data.scalar.value, yn->data.scalar.length);
		n->len = yn->data.scalar.length;
		n->plain = yn->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		break;
	case YAML_SEQUENCE_NODE: {
		n->type = Y_SEQ;
		yaml_node_item_t *it = yn->data.sequence.items.start;
		n->n = (int)(yn->data.sequence.items.top - it);
		n->items = xcalloc((size_t)n->n, sizeof *n->items);
		for (int i = 0; i < n->n; i++)
			if (!(n->items[i] = convert(c, yaml_document_get_node(c->doc, it[i]), depth + 1)))
				goto fail;
		break;
	}
	case YAML_MAPPING_NODE: {
		n->type = Y_MAP;
		yaml_node_pair_t *pr = yn->data.mapping.pairs.start;
		n->n = (int)(yn->data.mapping.pairs.top - pr);
		n->items = xcalloc((size_t)n->n * 2, sizeof *n->items);
		for (int i = 0; i < n->n; i++) {
			n->items[2 * i] = convert(c, yaml_document_get_node(c->doc, pr[i].key), depth + 1);
			n->items[2 * i + 1] = convert(c, yaml_document_get_node(c->doc, pr[i].value), depth + 1);
			if (!n->items[2 * i] || !n->items[2 * i + 1])
				goto fail;
		}
		break;
	}
	default:
		n->type = Y_SCALAR;
		n->str = xstrdup("");
		break;
	}
	return n;
fail:
	ytree_free(n);
	return NULL;
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
				diag_error((pos_t){file, line, col - 1}, "brackets nested more than %d deep", MAX_FLOW_DEPTH);
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
	yaml_parser_t ps;
	yaml_document_t doc;
	ynode *root = NULL;

	if (too_deep(file, text, len))
		return NULL;
	yaml_parser_initialize(&ps);
	yaml_parser_set_input_string(&ps, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&ps, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&ps, &doc)) {
		report_syntax(file, &ps);
		yaml_parser_delete(&ps);
		return NULL;
	}
	yaml_node_t *top = yaml_document_get_root_node(&doc);
	if (!top) {
		root = xcalloc(1, sizeof *root);
		root->type = Y_MAP;
		root->pos = (pos_t){file, 1, 1};
	} else {
		conv_t c = {&doc, file, 0};
		root = convert(&c, top, 0);
		if (!root)
			diag_error(mark_pos(file, top->start_mark),
				   "the file is too large or too deeply nested (over %d values)", MAX_NODES);
	}
	yaml_document_delete(&doc);

	/* A second document ("---") would be silently ignored: say so. */
	if (root) {
		yaml_document_t next;
		if (!yaml_parser_load(&ps, &next)) {
			report_syntax(file, &ps);
			ytree_free(root);
			root = NULL;
		} else {
			yaml_node_t *extra = yaml_document_get_root_node(&next);
			if (extra) {
				diag_error(mark_pos(file, extra->start_mark), "a second YAML document in one file");
				diag_hint("remove the \"---\" line: each file holds one document");
				ytree_free(root);
				root = NULL;
			}
			yaml_document_delete(&next);
		}
	}
	yaml_parser_delete(&ps);
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
