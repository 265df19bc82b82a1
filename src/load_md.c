/* load_md.c — cmark → plangen's Markdown tree.
 *
 * The only file that sees cmark.  Two things happen on the way:
 * - a soft break (a line break inside a paragraph) between two wide
 *   characters is dropped, since Japanese has no spaces between words;
 *   elsewhere it becomes a space;
 * - a fenced block whose info string starts with the word "plangen" becomes
 *   a data block (MD_DATA); its words are kept for load.c to resolve. */
#include <cmark.h>
#include <string.h>

#include "load.h"
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

md_node *md_parse(int file, const char *text, size_t len)
{
	cmark_node *root = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(root);
	md_node *doc = NULL, *cur = NULL;
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cn = cmark_iter_get_node(it);
		cmark_node_type ct = cmark_node_get_type(cn);
		if (ev == CMARK_EVENT_EXIT) {
			if (cur && cur->parent)
				cur = cur->parent;
			continue;
		}
		pos_t pos = {file, cmark_node_get_start_line(cn), cmark_node_get_start_column(cn)};
		if (ct == CMARK_NODE_TEXT) {
			add_text(cur, cmark_node_get_literal(cn), pos);
			continue;
		}
		if (ct == CMARK_NODE_SOFTBREAK) {
			uint32_t before = edge_char(cmark_node_previous(cn), true);
			uint32_t after = edge_char(cmark_node_next(cn), false);
			if (!(utf8_is_wide(before) && utf8_is_wide(after)))
				add_text(cur, " ", pos);
			continue;
		}
		md_node *n = xcalloc(1, sizeof *n);
		n->type = map_type(cn);
		n->pos = pos;
		switch (ct) {
		case CMARK_NODE_HEADING:
			n->level = cmark_node_get_heading_level(cn);
			break;
		case CMARK_NODE_LIST:
			n->level = cmark_node_get_list_type(cn) == CMARK_ORDERED_LIST;
			n->start = cmark_node_get_list_start(cn);
			n->tight = cmark_node_get_list_tight(cn);
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			n->text = xstrdup(cmark_node_get_url(cn) ? cmark_node_get_url(cn) : "");
			break;
		case CMARK_NODE_CODE_BLOCK: {
			const char *info = cmark_node_get_fence_info(cn);
			const char *lit = cmark_node_get_literal(cn);
			if (info && strncmp(info, "plangen", 7) == 0 && (info[7] == '\0' || info[7] == ' ')) {
				n->type = MD_DATA;
				const char *args = info + 7;
				while (*args == ' ')
					args++;
				n->text = xstrdup(args);
				if (lit && strspn(lit, " \t\r\n") != strlen(lit)) {
					diag_warning(pos, "the lines inside a data block are ignored");
					diag_hint("leave the block empty: ```plangen %s``` then ``` on the next line", args);
				}
				break;
			}
			n->text = xstrdup(lit ? lit : "");
			break;
		}
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			n->text = xstrdup(cmark_node_get_literal(cn) ? cmark_node_get_literal(cn) : "");
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
	return doc;
}
