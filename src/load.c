/* load.c — content/ → plan: every file read, every key checked, every
 * reference resolved, and every problem reported in one pass.
 *
 * The YAML files are read in dependency order (organization before the
 * structure that names departments, units and sets before indicators …), so
 * references resolve as they are read.  When a file could not be parsed, the
 * references into it are not checked, to avoid a cascade of false errors. */
#include "load_priv.h"

#include <ctype.h>
#include <dirent.h>
#include <unistd.h>
#include <stddef.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "files.h"
#include "utf8.h"
#include "ytree.h"


/* ---- files ------------------------------------------------------------ */

static pos_t pos_at(int file, const char *text, size_t off)
{
	pos_t pos = {file, 1, 1};
	for (size_t i = 0; i < off;) {
		if (text[i] == '\n') {
			pos.line++;
			pos.col = 1;
			i++;
			continue;
		}
		uint32_t cp;
		int n = utf8_decode(text + i, off - i, &cp);
		i += n ? (size_t)n : 1;
		pos.col++;
	}
	return pos;
}

/* Whether the bytes from a first invalid one on read as Shift_JIS: pairs
 * of a lead byte (0x81-0x9F, 0xE0-0xFC) and a trail byte (0x40-0xFC but
 * 0x7F), at least three of them, and no other byte above 0x7F. */
static bool looks_shift_jis(const char *s, size_t len)
{
	int pairs = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char a = (unsigned char)s[i];
		if (a < 0x80 || (a >= 0xA1 && a <= 0xDF)) /* ASCII, half-width katakana */
			continue;
		unsigned char b = i + 1 < len ? (unsigned char)s[i + 1] : 0;
		if (!((a >= 0x81 && a <= 0x9F) || (a >= 0xE0 && a <= 0xFC)) || b < 0x40 || b > 0xFC || b == 0x7F)
			return false;
		pairs++;
		i++;
	}
	return pairs >= 3;
}

/* Reads dir/name, registers it for diagnostics and checks its UTF-8; a
 * byte order mark at its start is dropped.  Returns the file index, or -1
 * (reported) if it is missing, unsafe to read or invalid. */
int load_open_source(loader_t *l, const char *dir, const char *name, bool required, char **text, size_t *len)
{
	buf_t path = BUF_INIT;
	buf_printf(&path, "%s/%s", dir, name);
	files_status st;
	char *where;
	*text = files_read(dir, name, FILES_TEXT_LIMIT, len, &st, &where);
	if (!*text) {
		if (required || st != FILES_MISSING) {
			int f = diag_file_add(path.ptr, "", 0);
			if (st == FILES_OUTSIDE) {
				const char *folder = dir == l->dir ? "content" : "theme";
				diag_error(diag_pos(f, 0, 0), "this file is a symbolic link to \"%s\", outside the %s folder", where,
					   folder);
				diag_hint("plangen reads only files inside the %s folder: copy the file into it", folder);
			} else if (st == FILES_TOO_LARGE) {
				diag_error(diag_pos(f, 0, 0), "this file is larger than %u MiB", FILES_TEXT_LIMIT >> 20);
				diag_hint("a plan's text files are far smaller: check that this is the right file");
			} else {
				diag_error(diag_pos(f, 0, 0), "cannot read this file: %s", files_reason(st));
				char *near = st == FILES_MISSING ? files_near(dir, name) : NULL;
				if (near)
					diag_hint("the folder has \"%s\": rename it to \"%s\"", near,
						  strrchr(name, '/') ? strrchr(name, '/') + 1 : name);
				else if (st == FILES_MISSING && dir == l->dir && !strchr(name, '/'))
					diag_hint("every content folder has this file; see content/README.md");
				free(near);
				if (dir != l->dir)
					l->env_error = true;
			}
		}
		free(where);
		buf_free(&path);
		return -1;
	}
	free(where);
	if (*len >= 3 && memcmp(*text, "\xEF\xBB\xBF", 3) == 0) {
		memmove(*text, *text + 3, *len - 2);
		*len -= 3;
	}
	/* A lone CR (an old Mac file) ends a line for libyaml and cmark, and
	 * so for the messages' line numbers: read as LF. */
	for (size_t i = 0; i < *len; i++)
		if ((*text)[i] == '\r' && (i + 1 == *len || (*text)[i + 1] != '\n'))
			(*text)[i] = '\n';
	/* Saved as UTF-16 (Notepad's and Excel's "Unicode"): its byte order
	 * mark, or a line's end as a NUL byte beside a line feed.  Said of the
	 * file: its lines would show as noise. */
	bool utf16 = *len >= 2 && (memcmp(*text, "\xFF\xFE", 2) == 0 || memcmp(*text, "\xFE\xFF", 2) == 0);
	for (size_t i = 0; i + 1 < *len && i < 4096 && !utf16; i++)
		utf16 = ((*text)[i] == '\n' && (*text)[i + 1] == '\0') || ((*text)[i] == '\0' && (*text)[i + 1] == '\n');
	if (utf16) {
		int f = diag_file_add(path.ptr, "", 0);
		diag_error(diag_pos(f, 0, 0), "this file is saved in UTF-16 (\"Unicode\"), not UTF-8");
		diag_hint("save it again with the character encoding UTF-8");
		buf_free(&path);
		free(*text);
		*text = NULL;
		return -1;
	}
	int f = diag_file_add(path.ptr, *text, *len);
	buf_free(&path);
	long bad = utf8_invalid_at(*text, *len);
	if (bad >= 0) {
		diag_error(pos_at(f, *text, (size_t)bad), "invalid UTF-8 (byte 0x%02X)",
			   (unsigned char)(*text)[bad]);
		if (looks_shift_jis(*text + bad, *len - (size_t)bad))
			diag_hint("the file seems saved in Shift_JIS (ANSI): save it again in UTF-8");
		else
			diag_hint("save the file in UTF-8 encoding; retype the character at this place");
		free(*text);
		*text = NULL;
		return -1;
	}
	return f;
}

ynode *load_open_yaml(loader_t *l, const char *dir, const char *name, bool required)
{
	char *text;
	size_t len;
	int f = load_open_source(l, dir, name, required, &text, &len);
	if (f < 0)
		return NULL;
	ynode *root = ytree_parse(f, text, len);
	free(text);
	if (root && required && root->type == Y_MAP && root->n == 0) {
		/* Emptied by mistake: said once, not as every key it lacks and
		 * every reference to what it listed. */
		diag_error(diag_pos(f, 0, 0), "this file is empty");
		diag_hint("take it from the previous edition; content/README.md lists its keys");
		ytree_free(root);
		return NULL;
	}
	if (root && root->type != Y_MAP) {
		diag_error(root->pos, "%s must consist of \"key: value\" lines", name);
		diag_hint("see content/README.md for the keys of this file");
		ytree_free(root);
		return NULL;
	}
	return root;
}

/* ---- generic checks ---------------------------------------------------- */

static const char *kind_name(const ynode *n)
{
	switch (n->type) {
	case Y_SEQ: return _("a list");
	case Y_MAP: return _("a group of \"key: value\" lines");
	default: return n->len ? _("text") : _("nothing");
	}
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 99;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* m9 and m1, policy3 and policy1: the same word with another number is
 * another thing, not a slip. */
static bool other_number(const char *a, const char *b)
{
	bool differ = false;
	for (; *a && *b; a++, b++) {
		if (*a == *b)
			continue;
		if (!isdigit((unsigned char)*a) || !isdigit((unsigned char)*b))
			return false;
		differ = true;
	}
	return differ && !*a && !*b;
}

/* The closest of `count` names (each at `stride` bytes, the name a char* at
 * offset 0), if it is close enough to be a likely misspelling. */
const char *load_closest(const char *word, const void *base, size_t stride, int count)
{
	const char *best = NULL;
	/* a slip of a key or two, not another word of three letters */
	size_t bestd = strlen(word) / 4 + 1;
	if (bestd > 3)
		bestd = 3;
	for (int i = 0; i < count; i++) {
		const char *cand = *(char *const *)((const char *)base + (size_t)i * stride);
		if (!cand)
			continue;
		if (other_number(word, cand))
			continue;
		size_t d = edit_distance(word, cand);
		if (d <= bestd && (!best || d < bestd)) {
			best = cand;
			bestd = d;
		}
	}
	return best;
}

static int count_names(const char *const *names)
{
	int n = 0;
	while (names[n])
		n++;
	return n;
}

static void list_names(buf_t *b, const void *base, size_t stride, int count)
{
	for (int i = 0; i < count && i < 16; i++) {
		const char *s = *(char *const *)((const char *)base + (size_t)i * stride);
		buf_printf(b, "%s%s", i ? ", " : "", s ? s : "");
	}
	if (count > 16)
		buf_puts(b, ", …");
}

/* Reports keys that are not among `keys` (a misspelt key must not pass
 * silently) and keys written twice. */
void load_check_keys(const ynode *map, const char *const *keys, const char *what)
{
	/* The first key again is another entry without its "- ": the keys
	 * after it repeat the entry's too, and are not told again. */
	bool merged = false;
	for (int i = 0; i < map->n; i++) {
		ynode *k = map->items[2 * i];
		if (k->type != Y_SCALAR) {
			diag_error(k->pos, "a key must be a single word");
			continue;
		}
		for (int j = 0; j < i && !merged; j++) {
			if (strcmp(map->items[2 * j]->str ? map->items[2 * j]->str : "", k->str) == 0) {
				diag_error(k->pos, "the key \"%s\" is written twice in %s", k->str, _(what));
				/* {ja: …, ja: …} where en is missing: the second meant as the translation */
				const char *lost = NULL;
				for (int m = 0; keys[m] && !lost && plan_lang_known(k->str); m++)
					if (plan_lang_known(keys[m]) && !ytree_get(map, keys[m]))
						lost = keys[m];
				if (lost) {
					diag_hint("is it the \"%s\" text? Write %s: on line %d", lost, lost, k->pos.line);
				} else if (j == 0) {
					diag_hint("if line %d begins another entry, begin it as line %d does, with \"- \" before "
						  "\"%s\"",
						  k->pos.line, map->items[0]->pos.line, k->str);
					merged = true;
				} else {
					diag_hint("the first one is at line %d; keep one of them", map->items[2 * j]->pos.line);
				}
				break;
			}
		}
		bool known = k->meant != NULL; /* (told already, by its caller) */
		for (int j = 0; keys[j]; j++)
			if (strcmp(keys[j], k->str) == 0)
				known = true;
		if (known)
			continue;
		diag_error(k->pos, "unknown key \"%s\" in %s", k->str, _(what));
		/* from:2018 in { }: a key and its value without the space. */
		const char *colon = strchr(k->str, ':');
		bool glued = false;
		for (int j = 0; colon && colon[1] && colon[1] != ' ' && keys[j] && !glued; j++)
			glued = strlen(keys[j]) == (size_t)(colon - k->str) && strncmp(keys[j], k->str, (size_t)(colon - k->str)) == 0;
		if (glued) {
			diag_hint("write a space after the colon: %.*s: %s", (int)(colon - k->str), k->str, colon + 1);
			for (int j = 0; keys[j] && !k->meant; j++) /* its absence is not told again */
				if (strlen(keys[j]) == (size_t)(colon - k->str) && strncmp(keys[j], k->str, (size_t)(colon - k->str)) == 0)
					k->meant = keys[j];
			continue;
		}
		const char *near = load_closest(k->str, keys, sizeof *keys, count_names(keys));
		char *narrow = utf8_narrow_ascii(k->str);
		for (int j = 0; narrow && keys[j]; j++)
			if (strcmp(keys[j], narrow) == 0)
				near = keys[j];
		k->meant = near;
		if (narrow && near && strcmp(near, narrow) == 0) {
			diag_hint("it is written in full-width letters: write \"%s\"", near);
			free(narrow);
			continue;
		}
		free(narrow);
		buf_t b = BUF_INIT;
		list_names(&b, keys, sizeof *keys, count_names(keys));
		if (near)
			diag_hint("did you mean \"%s\"? The keys of %s are: %s", near, _(what), b.ptr);
		else
			diag_hint("the keys of %s are: %s", _(what), b.ptr);
		buf_free(&b);
	}
}

ynode *load_need(const ynode *map, const char *key, const char *what)
{
	ynode *v = ytree_get(map, key);
	bool slip = false; /* "directon:" was told as a slip of "direction" */
	for (int i = 0; !v && map->type == Y_MAP && i < map->n; i++)
		slip |= map->items[2 * i]->meant && strcmp(map->items[2 * i]->meant, key) == 0;
	if (!v && !slip) {
		diag_error(map->pos, "%s has no \"%s\"", _(what), key);
		diag_hint("add a line \"%s: …\" to it (see content/README.md)", key);
	}
	return v;
}

bool load_expect(const ynode *n, ytype_t type, const char *what)
{
	if (n->type == type)
		return true;
	const char *want = type == Y_SEQ ? N_("a list") : type == Y_MAP ? N_("a group of \"key: value\" lines") : N_("a single value");
	diag_error(n->pos, "%s should be %s, found %s", _(what), _(want), kind_name(n));
	if (type == Y_SEQ)
		diag_hint("write the items one per line, each starting with \"- \", or as [a, b]");
	return false;
}

static bool is_null(const ynode *n)
{
	return n->type == Y_SCALAR && n->plain &&
	       (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0);
}

/* ---- values ------------------------------------------------------------ */

void load_missing(loader_t *l, pos_t pos, lang_t lang, const char *message, const char *hint)
{
	if (l->theme_words)
		return;
	l->missing = xrealloc(l->missing, (size_t)(l->nmissing + 1) * sizeof *l->missing);
	l->missing[l->nmissing++] = (missing_t){pos, lang, xstrdup(message), xstrdup(hint)};
}

/* A code with the shape of a language ("en", "zh-Hant"). */
static bool lang_like(const char *k)
{
	size_t n = strspn(k, "abcdefghijklmnopqrstuvwxyz");
	return (n == 2 || n == 3) && (k[n] == '\0' || k[n] == '-');
}

/* The language codes of the plan, as the keys of a text. */
static void lang_keys(const plan_t *p, const char *keys[MAX_LANGS + 2], const char *extra)
{
	int k = 0;
	if (extra)
		keys[k++] = extra;
	for (int i = 0; i < p->nlangs; i++)
		keys[k++] = p->langs[i].code;
	keys[k] = NULL;
}

/* The texts of a map keyed by language (other keys are the caller's). */
void load_check_chars(const char *s, pos_t at, bool quoted)
{
	int line = at.line, col = at.col + (quoted ? 1 : 0);
	const char *end = s + strlen(s);
	bool kana_told = false;
	for (const char *q = s; q < end;) {
		uint32_t cp;
		int n = utf8_decode(q, (size_t)(end - q), &cp);
		if (n == 0)
			return;
		if (cp > 0xFFFF) {
			diag_warning(diag_pos(at.file, line, col), "the character \"%.*s\" (U+%04X) cannot be printed: "
				     "the fonts have only the characters of the Basic Multilingual Plane", n, q, (unsigned)cp);
			diag_hint("write its common form instead, the one the fonts have (U+5409 for U+20BB7)");
			return;
		}
		/* Invisible characters pasted from a word processor, which are
		 * published all the same: once per text. */
		if (cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || cp == 0xA0 || (cp < 0x20 && cp != '\n' && cp != '\t' && cp != '\r')) {
			diag_warning(diag_pos(at.file, line, col), "an invisible character (U+%04X) is in the text", (unsigned)cp);
			if (cp == 0xA0)
				diag_hint("it is a no-break space: write an ordinary space instead");
			else if (cp == 0x0B)
				diag_hint("it is a word processor's line break: start a new line here instead");
			else
				diag_hint("remove it: it cannot be seen, but it would be published");
			return;
		}
		/* Half-width katakana (U+FF66 to U+FF9F), typed in an old system:
		 * public documents write katakana full width. Once per text. */
		if (cp >= 0xFF66 && cp <= 0xFF9F && !kana_told) {
			const char *w = q;
			uint32_t k;
			while (w < end && utf8_decode(w, (size_t)(end - w), &k) == 3 && k >= 0xFF66 && k <= 0xFF9F)
				w += 3;
			diag_warning(diag_pos(at.file, line, col), "\"%.*s\" is written in half-width katakana", (int)(w - q), q);
			diag_hint("write katakana full width, as public documents do");
			kana_told = true;
		}
		if (cp == '\n')
			line++, col = at.col;
		else
			col++;
		q += n;
	}
}

/* A text with nothing written in the default language would vanish from
 * every page: said at its key, and, where a # follows the key, that YAML
 * read the text as a comment. */
static void report_empty_text(const ynode *map, const ynode *value, const char *what, const char *code,
			      const char *lang)
{
	pos_t at = value->pos;
	for (int i = 0; map->type == Y_MAP && i < map->n; i++)
		if (map->items[2 * i + 1] == value)
			at = map->items[2 * i]->pos;
	size_t len = 0;
	const char *line = diag_line(at, &len), *hash = line ? memchr(line, '#', len) : NULL;
	diag_error(at, "%s: the %s text is empty", _(what), lang);
	if (hash)
		diag_hint("YAML reads what follows # as a comment: put the text in quotes, %s: \"%.*s\"", code,
			  (int)(len - (size_t)(hash - line)), hash);
	else
		diag_hint("write the text after \"%s:\"", code);
}

/* "Weed control #priority": YAML ends a plain text at " #" and drops the rest
 * as a comment; a # with a word right after it was meant as text.  A
 * comment is "# …", with a space after the #. */
static void report_cut_text(const ynode *v, const char *code)
{
	size_t len = 0;
	const char *line = diag_line(v->pos, &len);
	if (!line || !v->plain || !v->len)
		return;
	const char *end = line + len, *at = utf8_skip(line, end, (size_t)(v->pos.col - 1));
	if ((size_t)(end - at) < v->len || memcmp(at, v->str, v->len) != 0)
		return;
	const char *hash = at + v->len;
	while (hash < end && *hash == ' ')
		hash++;
	if (hash == at + v->len || hash + 1 >= end || *hash != '#' || hash[1] == ' ')
		return;
	diag_warning(v->pos, "the text ends before \"%.*s\": YAML reads what follows \" #\" as a comment",
		     (int)(end - hash), hash);
	diag_hint("to publish it, put the whole text in quotes: %s: \"%s %.*s\"", code, v->str, (int)(end - hash), hash);
}

/* A tab (a spreadsheet's cell pasted) or a full-width space at either end
 * of a text: published as they are, a wide gap. */
static void report_pasted_spaces(const ynode *v)
{
	const char *tab = strchr(v->str, '\t');
	if (tab) {
		diag_warning(load_pos_in(v->pos, tab, 1), "a tab is in the text: it is published as a wide gap");
		diag_hint("write a space instead, or nothing; a tab comes with text copied from a spreadsheet");
	}
	static const char wide[] = "\u3000";
	size_t k = strlen(wide);
	const char *at = strncmp(v->str, wide, k) == 0 ? v->str
			 : v->len >= k && strcmp(v->str + v->len - k, wide) == 0 ? v->str + v->len - k
										  : NULL;
	if (at) {
		if (at == v->str)
			diag_warning(load_pos_in(v->pos, at, k), "the text begins with a full-width space, which is published");
		else
			diag_warning(load_pos_in(v->pos, at, k), "the text ends with a full-width space, which is published");
		diag_hint("remove it");
	}
}

pos_t load_pos_in(pos_t start, const char *at, size_t len)
{
	for (pos_t p = start; p.line < start.line + 50; p.line++, p.col = 1) {
		size_t ll;
		const char *line = diag_line(p, &ll);
		if (!line)
			break;
		const char *from = utf8_skip(line, line + ll, (size_t)p.col - 1), *end = line + ll;
		for (const char *c = from; c && (size_t)(end - c) >= len; c++) {
			c = memchr(c, at[0], (size_t)(end - c));
			if (!c || (size_t)(end - c) < len)
				break;
			if (memcmp(c, at, len) == 0 && !(c + len < end && isdigit((unsigned char)c[len]))) {
				p.col += utf8_chars(from, (size_t)(c - from));
				return p;
			}
		}
	}
	return start;
}

void load_text_in(loader_t *l, const ynode *n, text_t *t, const char *what)
{
	plan_t *p = l->p;
	t->pos = n->pos;
	const ynode *in[MAX_LANGS] = {0};
	/* a language's key told as a slip ({ja:Rivers}, eng:): not told missing again */
	bool slip[MAX_LANGS] = {false};
	for (int k = 0; n->type == Y_MAP && k < n->n; k++)
		for (int i = 0; i < p->nlangs; i++)
			slip[i] |= n->items[2 * k]->meant && strcmp(n->items[2 * k]->meant, p->langs[i].code) == 0;
	if (n->type == Y_MAP) {
		for (int i = 0; i < p->nlangs; i++)
			in[i] = ytree_get(n, p->langs[i].code);
		if (!in[0] && slip[0])
			return;
		if (!in[0]) {
			diag_error(n->pos, "%s has no %s text (%s)", _(what), _(plan_lang_name(p, 0)), p->langs[0].code);
			diag_hint("write it as {%s: …%s%s%s}", p->langs[0].code, p->nlangs > 1 ? ", " : "",
				  p->nlangs > 1 ? p->langs[1].code : "", p->nlangs > 1 ? ": …" : "");
			return;
		}
	} else {
		in[0] = n;
	}
	for (int i = 0; i < p->nlangs; i++)
		if (in[i] && in[i]->type != Y_SCALAR) {
			diag_error(in[i]->pos, "%s should be text, found %s", _(what), kind_name(in[i]));
			/* [new]: a text in brackets, which YAML reads as a list */
			size_t ll;
			const char *line = in[i]->flow ? diag_line(in[i]->pos, &ll) : NULL;
			const char *b = line ? utf8_skip(line, line + ll, (size_t)in[i]->pos.col - 1) : NULL;
			const char *e = b && (*b == '[' || *b == '{') ? memchr(b, *b == '[' ? ']' : '}', (size_t)(line + ll - b)) : NULL;
			if (e)
				diag_hint("write the text without the brackets, or, if they belong to it, in double quotes: \"%.*s\"",
					  (int)(e + 1 - b), b);
			else
				diag_hint("write text on one line, or use a block (|) for several lines");
			return;
		}
	for (int i = 0; i < p->nlangs; i++)
		if (in[i] && !is_null(in[i])) {
			load_check_chars(in[i]->str, in[i]->pos, !in[i]->plain);
			if (!l->theme_words) {
				report_cut_text(in[i], p->langs[i].code);
				report_pasted_spaces(in[i]);
			}
		}
	/* nothing written: "" is a text chosen empty (a corner header) */
	if (in[0]->plain && in[0]->len == 0 && !l->theme_words)
		report_empty_text(n, in[0], what, p->langs[0].code, _(plan_lang_name(p, 0)));
	t->s[0] = xstrdup(is_null(in[0]) ? "" : in[0]->str);
	/* A scalar without Japanese is the same in every language: a code, a
	 * number, a name in Latin letters. */
	bool neutral = n->type == Y_SCALAR && !utf8_has_japanese(in[0]->str);
	for (int i = 1; i < p->nlangs; i++) {
		if (in[i] && !is_null(in[i]) && in[i]->len)
			t->s[i] = xstrdup(in[i]->str);
		else if (neutral)
			t->s[i] = xstrdup(t->s[0]);
	}
	/* A block (|) keeps the line break at its end, which no text means: a
	 * name would end in a break on the page and in the CSV cell. */
	for (int i = 0; i < p->nlangs; i++) {
		size_t len = t->s[i] ? strlen(t->s[i]) : 0;
		while (len && (t->s[i][len - 1] == '\n' || t->s[i][len - 1] == '\r'))
			t->s[i][--len] = '\0';
	}
	for (int i = 0; i < p->nlangs && !l->theme_words; i++) {
		size_t len;
		int num;
		for (const char *m = in[i] ? t->s[i] : NULL; m && (m = text_next_note_mark(m, &len, &num)); m += len) {
			if (l->nmarks == l->capmarks)
				l->marks = xrealloc(l->marks, (size_t)(l->capmarks = l->capmarks ? 2 * l->capmarks : 16) *
								  sizeof *l->marks);
			l->marks[l->nmarks++] = (struct note_mark){num, load_pos_in(in[i]->pos, m, len)};
		}
	}
	/* Typographic quotes in languages written with spaces, one width
	 * of parentheses in Japanese. */
	for (int i = 0; i < p->nlangs; i++) {
		char *fixed = NULL;
		if (t->s[i] && !p->langs[i].cjk && strpbrk(t->s[i], "'\""))
			fixed = utf8_smart_quotes(t->s[i]);
		else if (t->s[i] && p->langs[i].cjk && strchr(t->s[i], '('))
			fixed = utf8_fullwidth_parens(t->s[i]);
		if (fixed) {
			free(t->s[i]);
			t->s[i] = fixed;
		}
	}
	/* \u201C\u2026\u201D around a whole text, pasted from a word processor as
	 * YAML's quotes: published with it. */
	for (int i = 0; i < p->nlangs && !l->theme_words; i++) {
		/* (in a language written with spaces they are its quotation marks) */
		if (!p->langs[i].cjk)
			continue;
		const char *v = in[i] && in[i]->type == Y_SCALAR ? in[i]->str : i == 0 && n->type == Y_SCALAR ? n->str : NULL;
		size_t len = v ? strlen(v) : 0;
		if (len > 6 && strncmp(v, "\u201C", 3) == 0 && strcmp(v + len - 3, "\u201D") == 0 &&
		    !strstr(v + 3, "\u201C")) {
			diag_warning(in[i] ? in[i]->pos : n->pos, "this text is in curly quotation marks, which are published "
								  "with it");
			diag_hint("remove them, unless they are meant; YAML's quotes are straight: \"\u2026\"");
			break;
		}
	}
	if (!utf8_has_japanese(t->s[0]) || l->theme_words)
		return;
	const char *texts[MAX_LANGS] = {0};
	pos_t at[MAX_LANGS];
	for (int i = 0; i < p->nlangs; i++) {
		texts[i] = in[i] ? t->s[i] : NULL;
		at[i] = in[i] ? in[i]->pos : n->pos;
	}
	load_check_terms(l, texts, at);
	p->coverage.texts++;
	for (int i = 1; i < p->nlangs; i++) {
		int jp = 0, latin = 0;
		if (t->s[i] && in[i] && !p->langs[i].cjk)
			utf8_count_scripts(t->s[i], &jp, &latin);
		if (jp > latin) { /* the Japanese copied, not translated */
			diag_warning(in[i]->pos, "the %s text is written in Japanese", _(plan_lang_name(p, i)));
			diag_hint("translate it; it does not count as translated");
			continue;
		}
		if (t->s[i] || slip[i]) {
			p->coverage.translated[i] += t->s[i] != NULL;
			continue;
		}
		buf_t m = BUF_INIT, h = BUF_INIT;
		buf_printf(&m, _("%s has no %s translation"), _(what), _(plan_lang_name(p, i)));
		if (in[i]) /* "en:" written, with nothing after it */
			buf_printf(&h, _("write the %s text after \"%s:\""), _(plan_lang_name(p, i)), p->langs[i].code);
		else if (n->type == Y_MAP && !n->flow) /* a line per language */
			buf_printf(&h, _("add a line \"%s: …\" under \"%s: …\", with the same indentation"),
				   p->langs[i].code, p->langs[0].code);
		else { /* every language of the plan: the hint keeps the others' texts */
			buf_t all = BUF_INIT;
			for (int k = 0; k < p->nlangs; k++)
				buf_printf(&all, "%s%s: \u2026", k ? ", " : "", p->langs[k].code);
			buf_printf(&h, _("write it as {%s}"), all.ptr);
			buf_free(&all);
		}
		load_missing(l, in[i] ? in[i]->pos : n->pos, i, m.ptr, h.ptr);
		buf_free(&m);
		buf_free(&h);
	}
}

/* Texts in a language that plan.yaml does not list are not an error (a
 * plan may drop a language for a while): they are unused, said once.  Only
 * languages plangen knows: "enx" is a misspelt key, not a language. */
static void note_unused(loader_t *l, const ynode *map, const char *extra)
{
	for (int i = 0; i < map->n && !l->theme_words; i++) {
		const ynode *k = map->items[2 * i];
		if (!k->str || !plan_lang_known(k->str) || plan_lang_find(l->p, k->str) >= 0 || strlen(k->str) >= 16 ||
		    (extra && strcmp(k->str, extra) == 0))
			continue;
		bool seen = false;
		for (int u = 0; u < l->nunused && !seen; u++)
			seen = strcmp(l->unused[u], k->str) == 0;
		if (!seen && l->nunused < MAX_LANGS) {
			strcpy(l->unused[l->nunused], k->str);
			l->unused_at[l->nunused++] = k->pos;
		}
	}
}

/* Checks the keys of a map of texts by language: the plan's languages, an
 * `extra` key, and language codes the plan does not list (noted). */
void load_check_text_keys(loader_t *l, const ynode *map, const char *extra, const char *what)
{
	const char *keys[2 * MAX_LANGS + 3];
	lang_keys(l->p, keys, extra);
	int k = l->p->nlangs + (extra != NULL);
	for (int i = 0; i < map->n && k < 2 * MAX_LANGS + 1; i++) {
		const char *key = map->items[2 * i]->str;
		if (key && plan_lang_known(key) && plan_lang_find(l->p, key) < 0 && !(extra && strcmp(key, extra) == 0))
			keys[k++] = key;
	}
	keys[k] = NULL;
	load_check_keys(map, keys, what);
	note_unused(l, map, extra);
}

void load_text(loader_t *l, const ynode *n, text_t *t, const char *what)
{
	if (n->type == Y_MAP && !l->theme_words)
		load_check_text_keys(l, n, NULL, "a text");
	load_text_in(l, n, t, what);
}

static bool parse_num(const char *s, num_t *out)
{
	const char *p = s;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	int dec = 0;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++, dec++;
	}
	if (*p)
		return false;
	out->v = strtod(s, NULL);
	out->decimals = dec;
	return true;
}

/* A number keeps at most this many digits, as a spreadsheet does: within
 * them a double holds it exactly, so it is published as it was written. */
#define MAX_DIGITS 15

/* The digits of a number as written, leading zeros not counted. */
static int count_digits(const char *s)
{
	int n = 0;
	bool lead = true;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			continue;
		lead = lead && *s == '0';
		n += !lead;
	}
	return n ? n : 1;
}

bool load_num(const ynode *n, num_t *out, const char *what)
{
	return load_num_of(n, out, what, NULL);
}

/* Whether s (what follows a number) is the unit, in any language, typed
 * in half or full width. */
static bool is_unit(const char *s, const text_t *unit)
{
	s += strspn(s, " ");
	char *narrow = utf8_narrow_ascii(s);
	bool is = false;
	for (int k = 0; unit && k < MAX_LANGS && !is; k++)
		is = unit->s[k] && *unit->s[k] && (strcmp(s, unit->s[k]) == 0 || (narrow && strcmp(narrow, unit->s[k]) == 0));
	free(narrow);
	return is;
}

/* s with the digits, full stops and dashes typed full width (and the long
 * vowel mark typed as a dash) in half-width characters, into out.  Returns
 * 0 when s had none, their count, or -1 when s has another character that
 * is not ASCII. */
static int half_width(buf_t *out, const char *s)
{
	int wide = 0;
	bool other = false;
	while (*s) {
		uint32_t c;
		int k = utf8_decode(s, strlen(s), &c), d = utf8_wide_digit(s);
		if (!(*s & 0x80)) {
			buf_putc(out, *s++);
			continue;
		}
		wide++;
		if (d >= 0 || c == 0xFF0E || utf8_is_dash(c) || c == 0x30FC)
			buf_putc(out, d >= 0 ? (char)('0' + d) : c == 0xFF0E ? '.' : '-');
		else
			other = true;
		s += k ? k : 1;
	}
	return other ? -1 : wide;
}

/* The Japanese multipliers of numbers (ten … a trillion), as a number and
 * as the beginning of a unit (\u4E07\u5186) write them. */
static const struct {
	const char *word;
	double times;
	bool big; /* a multiplier of the groups below it */
} multipliers[] = {{"\u5341", 10, false}, {"\u767E", 100, false}, {"\u5343", 1000, false},
		   {"\u4E07", 1e4, true},  {"\u5104", 1e8, true},  {"\u5146", 1e12, true}};
#define NMULTIPLIERS (sizeof multipliers / sizeof *multipliers)

/* A number written with Japanese numerals or multipliers, as a person
 * writes it (3\u4E071020, \u56DB\u5343\u4E03\u767E\u516B\u5341, 1.2\u5104, \u4E8C\u3007\u4E8C\u56DB), and perhaps the unit after it: its
 * value in digits into out, or false when s is not one or not a whole number. */
static bool japanese_number(double *out, const char *s, const text_t *unit)
{
	static const char *const digits[] = {"\u3007", "\u4E00", "\u4E8C", "\u4E09", "\u56DB",
					     "\u4E94", "\u516D", "\u4E03", "\u516B", "\u4E5D"};
	double total = 0, group = 0, cur = -1, scale = 0;
	bool japanese = false;
	while (*s && !is_unit(s, unit)) {
		int d = -1;
		size_t k = 1;
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		for (int i = 0; i < 10 && d < 0; i++)
			if (strncmp(s, digits[i], 3) == 0)
				d = i, k = 3, japanese = true;
		if (d >= 0) { /* a digit of the number being read */
			if (scale)
				cur += d / scale, scale *= 10;
			else
				cur = (cur < 0 ? 0 : cur * 10) + d;
			s += k;
			continue;
		}
		if (*s == '.' && cur >= 0 && !scale) {
			scale = 10;
			s++;
			continue;
		}
		size_t u = 0;
		while (u < NMULTIPLIERS && strncmp(s, multipliers[u].word, 3) != 0)
			u++;
		if (u == NMULTIPLIERS)
			return false;
		japanese = true;
		if (multipliers[u].big)
			total += (group + (cur < 0 ? 0 : cur)) * multipliers[u].times, group = 0;
		else
			group += (cur < 0 ? 1 : cur) * multipliers[u].times;
		cur = -1, scale = 0, s += 3;
	}
	total += group + (cur < 0 ? 0 : cur);
	if (!japanese || total <= 0 || total >= 1e15 || total != (double)(long long)total)
		return false;
	*out = total;
	return true;
}

/* What a unit written with a multiplier (\u4E07\u5186, \u5343\u4EBA) multiplies its numbers by: 1
 * for another. */
static double unit_multiplier(const text_t *unit)
{
	for (size_t i = 0; unit && unit->s[0] && i < NMULTIPLIERS; i++)
		if (strncmp(unit->s[0], multipliers[i].word, strlen(multipliers[i].word)) == 0)
			return multipliers[i].times;
	return 1;
}

/* Whether s holds only spaces, a full-width one among them. */
static bool wide_blank(const char *s)
{
	return utf8_spaces(s, strlen(s)) == strlen(s) && strstr(s, "\u3000");
}

bool load_num_of(const ynode *n, num_t *out, const char *what, const text_t *unit)
{
	if (n->type != Y_SCALAR) {
		diag_error(n->pos, "%s should be a number, found %s", _(what), kind_name(n));
		return false;
	}
	if (parse_num(n->str, out)) {
		int digits = count_digits(n->str);
		if (digits > MAX_DIGITS) {
			diag_error(n->pos, "%s has %d digits; plangen keeps at most %d", _(what), digits, MAX_DIGITS);
			size_t whole = strcspn(n->str, ".") - (n->str[0] == '-');
			if (whole > MAX_DIGITS)
				diag_hint("a number this large cannot be meant: check for digits typed twice");
			else
				diag_hint("round it to the precision that is measured, e.g. %.*s",
					  (int)strlen(n->str) - (digits - MAX_DIGITS), n->str);
			return false;
		}
		if (n->plain)
			return true;
		diag_error(n->pos, "%s is a number, but it is written in quotes", _(what));
		diag_hint("remove the quotes: %s", n->str);
		return false;
	}
	/* Say what is wrong in the most likely way. */
	buf_t fixed = BUF_INIT;
	bool digits = false, comma = false, wide = false;
	const char *s = n->str;
	for (; *s; s++) {
		/* A separator between digits: a comma, a space, a full-width space. */
		size_t sep = *s == ',' || *s == ' ' ? 1 : strncmp(s, "\u3000", 3) == 0 ? 3 : 0;
		if (sep && digits && s[sep] >= '0' && s[sep] <= '9') {
			comma = true;
			s += sep - 1;
			continue;
		}
		if ((*s >= '0' && *s <= '9') || *s == '.' || (*s == '-' && !digits)) {
			digits |= *s >= '0' && *s <= '9';
			buf_putc(&fixed, *s);
			continue;
		}
		wide = utf8_wide_digit(s) >= 0;
		break;
	}
	/* The number is the value only if what follows it is the value's
	 * unit: after anything else (a multiplier, an exponent 1e3, a base
	 * 0x10, a digit group 1_000) it is not, and the hint does not say it. */
	bool unit_after = *s && is_unit(s, unit);
	num_t dummy;
	if (wide) {
		diag_error(n->pos, "%s is written with full-width digits: \"%s\"", _(what), n->str);
		/* the number in half-width characters, when it is one */
		buf_t half = BUF_INIT;
		if (half_width(&half, n->str) > 0 && parse_num(half.ptr, &dummy))
			diag_hint("use half-width digits: %s", half.ptr);
		else
			diag_hint("use half-width digits 0–9");
		buf_free(&half);
	} else if (comma && (!*s || unit_after) && parse_num(fixed.ptr, &dummy)) {
		diag_error(n->pos, "%s is written with thousands separators: \"%s\"", _(what), n->str);
		diag_hint("write numbers without separators or units: %s", fixed.ptr);
	} else if (digits && strncmp(s, "\u00A0", 2) == 0 && parse_num(fixed.ptr, &dummy)) {
		diag_error(n->pos, "%s has a no-break space (U+00A0) after the number, pasted from a word processor",
			   _(what));
		diag_hint("remove the space, which cannot be seen: %s", fixed.ptr);
	} else if (digits && wide_blank(s) && parse_num(fixed.ptr, &dummy)) {
		/* YAML drops half-width spaces after a value, not full-width ones. */
		diag_error(n->pos, "%s has a full-width space after the number: \"%s\"", _(what), n->str);
		diag_hint("remove the space, which cannot be seen: %s", fixed.ptr);
	} else if (digits && unit_after && parse_num(fixed.ptr, &dummy)) {
		diag_error(n->pos, "%s should be a plain number, found \"%s\"", _(what), n->str);
		diag_hint("write only the number, %s; the unit comes from the \"unit\" key", fixed.ptr);
	} else {
		diag_error(n->pos, "%s should be a number, found \"%s\"", _(what), n->str);
		double number;
		if (japanese_number(&number, n->str, unit)) {
			/* in the unit's terms: 1.2\u5104 is 12000 of \u4E07\u5186 */
			char plain[40];
			snprintf(plain, sizeof plain, "%.15g", number / unit_multiplier(unit));
			diag_hint("write it in digits, without units or separators: %s", plain);
		} else {
			diag_hint("write the number plainly, without units or separators, e.g. 2216 or 74.8");
		}
	}
	buf_free(&fixed);
	return false;
}


/* Whether s is written in full-width digits only. */
static bool wide_digits(const char *s)
{
	for (; *s; s += 3)
		if (utf8_wide_digit(s) < 0)
			return false;
	return true;
}

/* A fiscal year: a Western year, or a year of the Japanese era as people
 * write it (the era name and year, or its letter: R3), which is taken as
 * its Western year. */
static bool load_year(loader_t *l, const ynode *n, int *out, const char *what)
{
	int era = n->type == Y_SCALAR ? plan_era_year(l->p, n->str) : 0;
	if (era) {
		*out = era;
		return true;
	}
	if (n->type == Y_SCALAR && n->str[strspn(n->str, "0123456789")]) {
		buf_t example = BUF_INIT;
		plan_word_years(&example, l->p, WORD_FISCAL_YEAR_ERA, 0, 2021, 2021);
		diag_error(n->pos, "%s should be a year, found \"%s\"", _(what), n->str);
		char *half = wide_digits(n->str) ? utf8_narrow_ascii(n->str) : NULL;
		if (half)
			diag_hint("use half-width digits: %s", half);
		free(half);
		if (!half)
			diag_hint("write the Western year, e.g. 2021, or the era year as %s", example.ptr);
		buf_free(&example);
		return false;
	}
	return load_int(n, 1900, 2200, out, what);
}

bool load_int(const ynode *n, int min, int max, int *out, const char *what)
{
	num_t v;
	if (!load_num(n, &v, what))
		return false;
	if (v.decimals || v.v < min || v.v > max) {
		diag_error(n->pos, "%s should be a whole number from %d to %d, found %s", _(what), min, max, n->str);
		return false;
	}
	*out = (int)v.v;
	return true;
}

/* A date of the Japanese era as people write it (the era and year, the
 * month, perhaps the day; digits of either width): its Western year and
 * month. */
static bool era_yearmonth(const plan_t *p, const char *s, int *y, int *m)
{
	char *narrow = utf8_narrow_ascii(s);
	const char *t = narrow ? narrow : s;
	const char *year_end = strstr(t, "\u5E74");
	bool ok = false;
	if (year_end) {
		year_end += strlen("\u5E74");
		char *era = xstrndup(t, (size_t)(year_end - t));
		int d;
		char tail;
		*y = plan_era_year(p, era);
		ok = *y && (sscanf(year_end, "%2d\u6708%c", m, &tail) == 1 ||
			    sscanf(year_end, "%2d\u6708%2d\u65E5%c", m, &d, &tail) == 2) && *m >= 1 && *m <= 12;
		free(era);
	}
	free(narrow);
	return ok;
}

bool load_yearmonth(const plan_t *p, const ynode *n, yearmonth_t *ym, const char *what)
{
	int y, m;
	char tail;
	if (n->type != Y_SCALAR || sscanf(n->str, "%4d-%2d%c", &y, &m, &tail) != 2 || y < 1900 ||
	    y > 2200 || m < 1 || m > 12) {
		diag_error(n->pos, "%s should be a year and month, found \"%s\"", _(what),
			   n->type == Y_SCALAR ? n->str : kind_name(n));
		/* 2025/3, 2025.3, 2025 (year) 3 (month) in Japanese, or with the day
		 * (2025-04-01, 2025/4/1): the form meant */
		static const char *const forms[] = {"%4d/%2d%c", "%4d.%2d%c", "%4d\u5E74%2d\u6708%c"};
		static const char *const days[] = {"%4d-%2d-%2d%c", "%4d/%2d/%2d%c", "%4d.%2d.%2d%c",
						   "%4d\u5E74%2d\u6708%2d\u65E5%c"};
		bool meant = false;
		int d;
		for (size_t i = 0; i < sizeof forms / sizeof *forms && n->type == Y_SCALAR && !meant; i++)
			meant = sscanf(n->str, forms[i], &y, &m, &tail) == 2 && y >= 1900 && y <= 2200 && m >= 1 && m <= 12;
		for (size_t i = 0; i < sizeof days / sizeof *days && n->type == Y_SCALAR && !meant; i++)
			meant = sscanf(n->str, days[i], &y, &m, &d, &tail) == 3 && y >= 1900 && y <= 2200 && m >= 1 && m <= 12;
		if (n->type == Y_SCALAR && !meant)
			meant = era_yearmonth(p, n->str, &y, &m);
		if (meant)
			diag_hint("write it as %04d-%02d", y, m);
		else
			diag_hint("write it as YYYY-MM, e.g. 2018-03");
		return false;
	}
	ym->year = y;
	ym->month = m;
	return true;
}

static bool valid_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	return true;
}

char *load_id(const ynode *n, const char *what)
{
	if (n->type != Y_SCALAR || !valid_id(n->str)) {
		diag_error(n->pos, "%s should be an id (lower-case letters, digits, - and _), found \"%s\"", _(what),
			   n->type == Y_SCALAR ? n->str : kind_name(n));
		diag_hint("for example: r-npo-count");
		return NULL;
	}
	return xstrdup(n->str);
}

/* Whether `word` is one of a list of words separated by "," or an ideographic
 * comma ("increase, rise" or its translation), spaces around them aside. */
static bool among_words(const char *word, const char *list)
{
	/* in brackets, as a label is written (\u3010\u8FFD\u52A0\u3011): the word inside */
	static const char *const brackets[][2] = {{"\u3010", "\u3011"}, {"\uFF3B", "\uFF3D"}, {"\u300C", "\u300D"},
						  {"\uFF08", "\uFF09"}, {"[", "]"},		 {"(", ")"}};
	for (size_t b = 0; b < sizeof brackets / sizeof *brackets; b++) {
		size_t o = strlen(brackets[b][0]), c = strlen(brackets[b][1]), len = strlen(word);
		if (len > o + c && strncmp(word, brackets[b][0], o) == 0 && strcmp(word + len - c, brackets[b][1]) == 0) {
			char *inside = xstrndup(word + o, len - o - c);
			bool found = among_words(inside, list);
			free(inside);
			return found;
		}
	}
	size_t wn = strlen(word);
	while (wn && word[wn - 1] == ' ')
		wn--;
	while (*word == ' ')
		word++, wn = wn ? wn - 1 : 0;
	for (const char *s = list; *s;) {
		while (*s == ' ')
			s++;
		const char *comma = strstr(s, ","), *ideo = strstr(s, "\xe3\x80\x81");
		const char *end = comma && (!ideo || comma < ideo) ? comma : ideo ? ideo : s + strlen(s);
		size_t n = (size_t)(end - s);
		while (n && s[n - 1] == ' ')
			n--;
		if (n && n == wn && strncasecmp(s, word, n) == 0)
			return true;
		s = *end == ',' ? end + 1 : *end ? end + 3 : end;
	}
	return false;
}

int load_choice(const ynode *n, const char *const *names, const char *const *words, const char *what)
{
	if (n->type == Y_SCALAR)
		for (int i = 0; names[i]; i++)
			if (strcmp(names[i], n->str) == 0)
				return i;
	diag_error(n->pos, "%s cannot be \"%s\"", _(what), n->type == Y_SCALAR ? n->str : kind_name(n));
	buf_t b = BUF_INIT;
	int count = count_names(names), meant = -1;
	if (words) {
		/* up (increase, rise), down (…): what each is, in the reader's words */
		for (int i = 0; i < count; i++) {
			buf_printf(&b, "%s", i ? ", " : "");
			buf_printf(&b, _("%s (%s)"), names[i], _(words[i]));
			if (n->type == Y_SCALAR && meant < 0 && (among_words(n->str, _(words[i])) || among_words(n->str, words[i])))
				meant = i;
		}
	} else {
		list_names(&b, names, sizeof *names, count);
	}
	const char *near = n->type == Y_SCALAR ? load_closest(n->str, names, sizeof *names, count) : NULL;
	char *narrow = n->type == Y_SCALAR ? utf8_narrow_ascii(n->str) : NULL;
	for (int i = 0; narrow && i < count; i++)
		if (strcmp(names[i], narrow) == 0)
			meant = i;
	free(narrow);
	if (meant >= 0)
		diag_hint("\"%s\" is written \"%s\"; possible values: %s", n->str, names[meant], b.ptr);
	else if (near)
		diag_hint("did you mean \"%s\"? Possible values: %s", near, b.ptr);
	else
		diag_hint("possible values: %s", b.ptr);
	buf_free(&b);
	return -1;
}

int load_enum_of(const ynode *n, const char *const *names, const char *what)
{
	return load_choice(n, names, NULL, what);
}

bool load_bool(const ynode *n, const char *what)
{
	static const char *const yesno[] = {"false", "true", NULL};
	static const char *const words[] = {N_("no, off"), N_("yes, on"), NULL};
	return load_choice(n, yesno, words, what) == 1;
}

static int compare_id_at(const void *a, const void *b)
{
	const id_at *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* The sorted ids of the list at base (made at its first lookup). */
static const id_index *index_of(loader_t *l, const void *base, size_t stride, int count)
{
	for (int i = 0; i < l->nindexes; i++)
		if (l->indexes[i].base == base && l->indexes[i].count == count)
			return &l->indexes[i];
	l->indexes = xrealloc(l->indexes, (size_t)(l->nindexes + 1) * sizeof *l->indexes);
	id_index *x = &l->indexes[l->nindexes++];
	*x = (id_index){.base = base, .count = count, .sorted = xcalloc((size_t)count + 1, sizeof *x->sorted)};
	for (int i = 0; i < count; i++) {
		const char *id = *(char *const *)((const char *)base + (size_t)i * stride);
		if (id)
			x->sorted[x->n++] = (id_at){id, i};
	}
	qsort(x->sorted, (size_t)x->n, sizeof *x->sorted, compare_id_at);
	return x;
}

static void load_forget_indexes(loader_t *l)
{
	for (int i = 0; i < l->nindexes; i++)
		free(l->indexes[i].sorted);
	free(l->indexes);
	l->indexes = NULL;
	l->nindexes = 0;
}

/* The first entry with the id, or -1. */
static int find_id(const id_index *x, const char *id)
{
	int lo = 0, hi = x->n; /* the first of [lo, hi) whose id is not below */
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (strcmp(x->sorted[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->n && strcmp(x->sorted[lo].id, id) == 0 ? x->sorted[lo].index : -1;
}

/* The plan's lists of things with ids, as the hints of an unknown id look
 * along them: each with its noun, its file and the offset of its words (a
 * unit's word, a section's name, a measure's title). */
typedef struct {
	const void *base;
	size_t stride;
	int count;
	const char *what, *where;
	size_t words;
} id_list;

#define ID_LISTS 9

static void id_lists(const plan_t *p, id_list out[ID_LISTS])
{
	const id_list lists[ID_LISTS] = {
		{p->departments, sizeof *p->departments, p->ndepartments, N_("department"), N_("organization.yaml"),
		 offsetof(orgunit_t, name)},
		{p->sections, sizeof *p->sections, p->nsections, N_("section"), N_("organization.yaml"),
		 offsetof(orgunit_t, name)},
		{p->policies, sizeof *p->policies, p->npolicies, N_("policy"), N_("structure.yaml"), offsetof(policy_t, title)},
		{p->measures, sizeof *p->measures, p->nmeasures, N_("measure"), N_("structure.yaml"),
		 offsetof(measure_t, title)},
		{p->sets, sizeof *p->sets, p->nsets, N_("indicator set"), N_("indicators.yaml (sets)"),
		 offsetof(indset_t, title)},
		{p->indicators, sizeof *p->indicators, p->nindicators, N_("indicator"), N_("indicators.yaml"),
		 offsetof(indicator_t, name)},
		{p->units, sizeof *p->units, p->nunits, N_("unit"), N_("indicators.yaml (units)"), offsetof(unit_t, word)},
		{p->figures, sizeof *p->figures, p->nfigures, N_("figure"), N_("figures.yaml"), offsetof(figure_t, title)},
		{p->tables, sizeof *p->tables, p->ntables, N_("table"), N_("tables.yaml"), offsetof(table_t, caption)},
	};
	memcpy(out, lists, sizeof lists);
}

static const char *entry_id(const id_list *x, int k)
{
	return *(char *const *)((const char *)x->base + (size_t)k * x->stride);
}

/* An unknown id that is another kind of thing's (a department's where a
 * section goes): says whose it is.  base: the list that was searched.  One
 * look along each list, not through index_of(): a list may still be
 * loading, and its index would be kept half made. */
static void hint_other_kind(const id_list *lists, const char *id, const void *base, const char *what)
{
	for (int i = 0; i < ID_LISTS; i++)
		for (int k = 0; lists[i].base != base && k < lists[i].count; k++)
			if (entry_id(&lists[i], k) && strcmp(entry_id(&lists[i], k), id) == 0) {
				diag_hint("\"%s\" is listed in %s as %s, not as %s", id, _(lists[i].where), _(lists[i].what),
					  _(what));
				return;
			}
}

/* An unknown id that is the name of an entry of the list searched (a unit
 * written as its word, a section as its name): says whose, and that its id
 * goes there. */
static bool hint_name_for_id(const plan_t *p, const id_list *x, const char *name, const char *what)
{
	buf_t ids = BUF_INIT, words = BUF_INIT;
	int found = 0;
	for (int k = 0; k < x->count; k++) {
		const text_t *t = (const text_t *)((const char *)x->base + (size_t)k * x->stride + x->words);
		for (int i = 0; entry_id(x, k) && i < p->nlangs; i++)
			if (t->s[i] && strcmp(t->s[i], name) == 0) {
				buf_printf(&ids, "%s%s", found++ ? ", " : "", entry_id(x, k));
				/* all its words: the same Japanese may be another thing in English */
				for (int j = 0; j < p->nlangs; j++)
					if (t->s[j])
						buf_printf(&words, "%s%s", j ? " / " : "", t->s[j]);
				break;
			}
	}
	if (found == 1)
		diag_hint("\"%s\" is what the %s \"%s\" is called (%s): write that id here if it is the one meant", name,
			  _(what), ids.ptr, words.ptr);
	else if (found > 1)
		diag_hint("\"%s\" is the name of more than one %s (%s): write the id of the one meant", name, _(what),
			  ids.ptr);
	buf_free(&ids);
	buf_free(&words);
	return found > 0;
}

/* Resolves an id among `count` entries whose first member is their id.
 * Returns the index, or -1 (reported unless `quiet`: the list's own file
 * failed to load, so every reference would fail). */
int load_resolve(loader_t *l, const ynode *n, const void *base, size_t stride, int count, const char *what,
		 const char *where, bool quiet)
{
	if (n->type != Y_SCALAR) {
		diag_error(n->pos, "%s should be an id, found %s", _(what), kind_name(n));
		return -1;
	}
	int found = find_id(index_of(l, base, stride, count), n->str);
	if (found >= 0)
		return found;
	if (quiet)
		return -1;
	for (int i = 0; i < l->nunknown; i++) {
		struct unknown_ref *u = &l->unknown[i];
		if (strcmp(u->what, what) == 0 && strcmp(u->id, n->str) == 0) {
			if (u->more++ == 0)
				u->again = n->pos;
			else if (n->pos.file == u->again.file)
				buf_printf(&u->lines, "%s%d", u->lines.len ? ", " : "", n->pos.line);
			else /* a text that places it: its file too */
				buf_printf(&u->lines, "%s%s:%d", u->lines.len ? ", " : "", diag_file_path(n->pos), n->pos.line);
			return -1;
		}
	}
	l->unknown = xrealloc(l->unknown, (size_t)(l->nunknown + 1) * sizeof *l->unknown);
	l->unknown[l->nunknown++] = (struct unknown_ref){what, xstrdup(n->str), n->pos, 0, BUF_INIT};
	diag_error(n->pos, "unknown %s \"%s\"", _(what), n->str);
	/* [a、b]: a list parted by the ideographic or full-width comma, one id to YAML */
	if (strstr(n->str, "\u3001") || strstr(n->str, "\uFF0C")) {
		buf_t fixed = BUF_INIT;
		for (const char *c = n->str; *c;) {
			bool comma = strncmp(c, "\u3001", 3) == 0 || strncmp(c, "\uFF0C", 3) == 0;
			if (comma)
				buf_puts(&fixed, ", ");
			else
				buf_putc(&fixed, *c);
			c += comma ? 3 : 1;
		}
		diag_hint("the items of a list are parted by a half-width comma: [%s]", fixed.ptr);
		buf_free(&fixed);
		return -1;
	}
	/* m1 typed with the Japanese input on: the id in full-width letters */
	char *narrow = utf8_narrow_ascii(n->str);
	bool wide = narrow && find_id(index_of(l, base, stride, count), narrow) >= 0;
	if (wide)
		diag_hint("it is written in full-width letters: write \"%s\"", narrow);
	free(narrow);
	if (wide)
		return -1;
	id_list lists[ID_LISTS];
	id_lists(l->p, lists);
	bool named = false;
	for (int i = 0; i < ID_LISTS && !named; i++)
		named = lists[i].base == base && hint_name_for_id(l->p, &lists[i], n->str, what);
	if (!named)
		hint_other_kind(lists, n->str, base, what);
	const char *near = load_closest(n->str, base, stride, count);
	if (near && l->not_suggested && strcmp(near, l->not_suggested) == 0)
		near = NULL;
	buf_t b = BUF_INIT;
	list_names(&b, base, stride, count);
	if (near)
		diag_hint("did you mean \"%s\"? Every %s is listed in %s: %s", near, _(what), _(where), b.ptr);
	else
		diag_hint("every %s is listed in %s: %s", _(what), _(where), b.ptr);
	buf_free(&b);
	/* A unit is often new: how to add one, named as it was written. */
	if (base == l->p->units && !near) {
		if (utf8_has_japanese(n->str))
			diag_hint("a new unit is a line of units: - {id: …, ja: %s, en: …} (its id in Latin letters)", n->str);
		else
			diag_hint("a new unit is a line of units: - {id: %s, ja: …, en: …}", n->str);
	}
	return -1;
}

/* The other uses of each unknown id, in one message (a deleted measure
 * is named by many indicators). */
static void load_report_unknown(loader_t *l)
{
	for (int i = 0; i < l->nunknown; i++) {
		struct unknown_ref *u = &l->unknown[i];
		if (u->more == 1) {
			diag_error(u->again, "unknown %s \"%s\", as above", _(u->what), u->id);
		} else if (u->more > 1) {
			diag_error(u->again, "unknown %s \"%s\", as above, and in %d more places", _(u->what), u->id,
				   u->more - 1);
			if (u->lines.len)
				diag_hint("the other places that name it (a line of this file, or a file and its line): %s",
					  u->lines.ptr);
		}
		free(u->id);
		buf_free(&u->lines);
	}
	free(l->unknown);
	l->unknown = NULL;
	l->nunknown = 0;
}

/* Sorted (index_of), an id and its repeats are neighbours, the first in
 * the file first.  The repeats are reported in the file's order. */
void load_check_unique(loader_t *l, const void *base, size_t stride, int count, const pos_t *first_pos,
		       const char *what)
{
	const id_index *x = index_of(l, base, stride, count);
	int *first = xcalloc((size_t)count + 1, sizeof *first); /* 1 + the first entry's index, or 0 */
	for (int k = 1; k < x->n; k++)
		if (strcmp(x->sorted[k - 1].id, x->sorted[k].id) == 0) {
			int before = x->sorted[k - 1].index;
			first[x->sorted[k].index] = first[before] ? first[before] : 1 + before;
		}
	for (int i = 0; i < count; i++) {
		if (!first[i])
			continue;
		const pos_t *at = (const pos_t *)((const char *)first_pos + (size_t)i * stride);
		const pos_t *was = (const pos_t *)((const char *)first_pos + (size_t)(first[i] - 1) * stride);
		const char *id = *(char *const *)((const char *)base + (size_t)i * stride);
		diag_error(*at, "duplicate %s id \"%s\"", _(what), id);
		diag_hint("it is already used at line %d; every %s needs its own id", was->line, _(what));
	}
	free(first);
}

static int *load_refs(loader_t *l, const ynode *n, int *count, const void *base, size_t stride, int total,
		      const char *what, const char *where, bool quiet)
{
	*count = 0;
	if (n->type == Y_SCALAR) { /* one id without brackets */
		int *r = xmalloc(sizeof *r);
		r[0] = load_resolve(l, n, base, stride, total, what, where, quiet);
		*count = 1;
		/* several ids written without their brackets: a, b */
		if (r[0] < 0 && !quiet && strchr(n->str, ','))
			diag_hint("several are written as a list in brackets: [%s]", n->str);
		return r;
	}
	if (!load_expect(n, Y_SEQ, what))
		return NULL;
	int *r = xcalloc((size_t)n->n, sizeof *r);
	for (int i = 0; i < n->n; i++)
		r[i] = load_resolve(l, n->items[i], base, stride, total, what, where, quiet);
	*count = n->n;
	return r;
}

/* ---- plan.yaml --------------------------------------------------------- */

static void load_period(loader_t *l, const ynode *n, int *from, int *to, const char *what)
{
	static const char *const keys[] = {"from", "to", NULL};
	if (!load_expect(n, Y_MAP, what))
		return;
	load_check_keys(n, keys, what);
	const ynode *f = load_need(n, "from", what), *t = load_need(n, "to", what);
	if (f)
		load_year(l, f, from, "the first fiscal year");
	if (t)
		load_year(l, t, to, "the last fiscal year");
	if (f && t && *from && *to && *from > *to)
		diag_error(n->pos, "%s ends (%d) before it begins (%d)", _(what), *to, *from);
}

/* plan.yaml's languages: [ja, en] when it says nothing.  Read before any
 * text, since texts are keyed by them. */
static void load_languages(loader_t *l, const ynode *root)
{
	plan_t *p = l->p;
	const ynode *n = ytree_get(root, "languages");
	if (!n || !load_expect(n, Y_SEQ, "the languages"))
		return;
	l->languages = n->pos;
	if (n->n < 1 || n->n > MAX_LANGS) {
		diag_error(n->pos, "a plan has 1 to %d languages, found %d", MAX_LANGS, n->n);
		diag_hint("list the language codes, the default first: languages: [ja, en]");
		return;
	}
	/* A country's code where a language's belongs (jp for ja): told once,
	 * and the plan read in its default languages, not reported in every
	 * text as one without that language. */
	static const char *const countries[][2] = {{"jp", "ja"}, {"cn", "zh"}, {"kr", "ko"}, {"vn", "vi"},
						    {"ph", "fil"}, {"us", "en"}, {"gb", "en"}};
	for (int i = 0; i < n->n; i++)
		for (size_t k = 0; n->items[i]->type == Y_SCALAR && k < sizeof countries / sizeof *countries; k++)
			if (strcasecmp(n->items[i]->str, countries[k][0]) == 0) {
				diag_error(n->items[i]->pos, "\"%s\" is the code of a country, not of a language", n->items[i]->str);
				diag_hint("the language is written \"%s\"", countries[k][1]);
				return;
			}
	for (int i = 0; i < n->n; i++) {
		const ynode *c = n->items[i];
		/* BCP 47: a language of 2 or 3 letters, then subtags ("zh-Hant"). */
		bool ok = c->type == Y_SCALAR && c->len < sizeof p->langs[0].code && lang_like(c->str);
		for (size_t k = 2; ok && k < c->len; k++)
			ok = c->str[k] == '-' || (c->str[k] >= 'a' && c->str[k] <= 'z') || (c->str[k] >= 'A' && c->str[k] <= 'Z') ||
			     (c->str[k] >= '0' && c->str[k] <= '9');
		for (int k = 0; ok && k < i; k++)
			ok = strcmp(n->items[k]->str, c->str) != 0;
		if (!ok) {
			diag_error(c->pos, "\"%s\" is not a language code, or is listed twice",
				   c->type == Y_SCALAR ? c->str : kind_name(c));
			diag_hint("use the codes of BCP 47, each once: ja, en, ko, zh-Hans, pt …");
			return;
		}
	}
	p->nlangs = n->n;
	memset(p->langs, 0, sizeof p->langs);
	for (int i = 0; i < n->n; i++) {
		strcpy(p->langs[i].code, n->items[i]->str);
		const char *c = p->langs[i].code;
		p->langs[i].cjk = strncmp(c, "ja", 2) == 0 || strncmp(c, "zh", 2) == 0 || strncmp(c, "ko", 2) == 0;
	}
}

/* A code of the national list of local governments: six digits whose
 * last is the check digit of the first five. */
static char *load_lg_code(const ynode *n)
{
	const char *c = n->str;
	bool digits = strlen(c) == 6 && strspn(c, "0123456789") == 6;
	int sum = 0;
	for (int i = 0; digits && i < 5; i++)
		sum += (c[i] - '0') * (6 - i);
	if (digits && (11 - sum % 11) % 10 == c[5] - '0')
		return xstrdup(c);
	diag_error(n->pos, "\"%s\" is not a local government code: six digits, the last a check digit", c);
	diag_hint("copy the six digits from the national list of local government codes, in quotes");
	return NULL;
}

/* A postcode, phone or fax number in half-width characters, as its tel:
 * link needs; full-width digits and dashes typed with the input method
 * are reported with the number rewritten. */
static bool half_width_number(const ynode *n)
{
	buf_t fixed = BUF_INIT;
	int wide = half_width(&fixed, n->str);
	/* \u3012963-8601: the postcode's mark; 024-924-3471\uFF08\u5185\u7DDA2345\uFF09: an extension */
	const char *mark = "\u3012", *ext = strstr(n->str, "\u5185\u7DDA");
	bool postcode = strncmp(n->str, mark, strlen(mark)) == 0;
	if (postcode || ext) {
		/* the number before the extension and its bracket */
		const char *from = postcode ? n->str + strlen(mark) : n->str, *to = ext ? ext : from + strlen(from);
		const char *bracket = strstr(from, "\uFF08");
		if (bracket && bracket < to)
			to = bracket;
		if (memchr(from, '(', (size_t)(to - from)))
			to = memchr(from, '(', (size_t)(to - from));
		char *number = xstrndup(from, (size_t)(to - from));
		buf_t rest = BUF_INIT;
		half_width(&rest, number);
		free(number);
		if (postcode) {
			diag_error(n->pos, "\"%s\" holds the postcode's mark", n->str);
			diag_hint("write the digits alone; the mark is printed with them: %s", rest.ptr);
		} else {
			diag_error(n->pos, "\"%s\" holds an extension", n->str);
			diag_hint("write the number alone (%s); an extension can be written in the address or a text",
				  rest.ptr);
		}
		buf_free(&rest);
		wide = -1;
	} else if (wide) {
		diag_error(n->pos, "\"%s\" is written with full-width characters", n->str);
		if (wide > 0)
			diag_hint("write it in half-width digits and hyphens: %s", fixed.ptr);
		else
			diag_hint("write it in half-width digits and hyphens, e.g. 024-924-3471");
	}
	buf_free(&fixed);
	return !wide;
}

static void load_plan(loader_t *l, const ynode *root)
{
	static const char *const keys[] = {"title", "subtitle", "summary", "languages", "years", "period",
					   "revised_period", "adopted", "revised", "publisher", "editor", "site",
					   "local_government_code", NULL};
	static const char *const year_styles[] = {"western", "era", "both", NULL};
	static const char *const year_words[] = {N_("Western, Gregorian"), N_("era, Japanese era"), N_("both"), NULL};
	static const char *const editor_keys[] = {"name", "postcode", "address", "phone", "fax", "email", NULL};
	plan_t *p = l->p;
	const char *what = "plan.yaml";
	load_check_keys(root, keys, what);
	const ynode *n;
	if ((n = load_need(root, "title", what)))
		load_text(l, n, &p->title, "the title");
	if ((n = ytree_get(root, "subtitle")))
		load_text(l, n, &p->subtitle, "the subtitle");
	if ((n = ytree_get(root, "summary")))
		load_text(l, n, &p->summary, "the summary");
	if ((n = ytree_get(root, "years"))) {
		int k = load_choice(n, year_styles, year_words, "years");
		p->years = k < 0 ? YEARS_WESTERN : k;
	}
	if ((n = load_need(root, "period", what)))
		load_period(l, n, &p->period_from, &p->period_to, "the plan period");
	if ((n = ytree_get(root, "revised_period")))
		load_period(l, n, &p->revised_from, &p->revised_to, "the revised period");
	if ((n = load_need(root, "adopted", what)))
		load_yearmonth(p, n, &p->adopted, "the adoption date");
	if ((n = ytree_get(root, "revised")))
		load_yearmonth(p, n, &p->revised, "the revision date");
	/* The dates and periods against each other. */
	if (p->revised_from && p->period_from && (p->revised_from < p->period_from || p->revised_to > p->period_to) &&
	    (n = ytree_get(root, "revised_period"))) {
		diag_error(n->pos, "the revised period (%d to %d) lies outside the plan period (%d to %d)", p->revised_from,
			   p->revised_to, p->period_from, p->period_to);
		diag_hint("the revised period is the part of the plan period that the revision covers");
	}
	if (p->revised.year && p->adopted.year &&
	    p->revised.year * 12 + p->revised.month < p->adopted.year * 12 + p->adopted.month &&
	    (n = ytree_get(root, "revised"))) {
		diag_error(n->pos, "the revision (%04d-%02d) is dated before the adoption (%04d-%02d)", p->revised.year,
			   p->revised.month, p->adopted.year, p->adopted.month);
		diag_hint("check the year of the two dates");
	}
	if ((n = load_need(root, "publisher", what)))
		load_text(l, n, &p->publisher, "the publisher");
	if ((n = ytree_get(root, "local_government_code")) && load_expect(n, Y_SCALAR, "the local government code"))
		p->lg_code = load_lg_code(n);
	const ynode *ed = load_need(root, "editor", what);
	if (ed && load_expect(ed, Y_MAP, "the editor")) {
		load_check_keys(ed, editor_keys, "the editor");
		char **plain[] = {&p->postcode, &p->phone, &p->fax, &p->email};
		for (int i = 0; i < 4; i++) {
			const ynode *v = ytree_get(ed, editor_keys[i == 0 ? 1 : i + 2]);
			char *narrow = v && v->type == Y_SCALAR && i == 3 ? utf8_narrow_ascii(v->str) : NULL;
			if (narrow) { /* an address typed with the input method on (\uFF20) */
				diag_error(v->pos, "the e-mail address \"%s\" has full-width characters", v->str);
				/* the address alone, when that is all it holds */
				bool address = strspn(narrow, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_+@") ==
					       strlen(narrow);
				if (address)
					diag_hint("write it in half-width characters: %s", narrow);
				else
					diag_hint("write the address alone, in half-width characters");
			}
			free(narrow);
			if (v && v->type == Y_SCALAR && i < 3 && !half_width_number(v))
				;
			else if (v && v->type == Y_SCALAR)
				/* an address copied from a link, mailto: and all */
				*plain[i] = xstrdup(v->str + (i == 3 && strncasecmp(v->str, "mailto:", 7) == 0 ? 7 : 0));
			else if (v)
				load_expect(v, Y_SCALAR, editor_keys[i == 0 ? 1 : i + 2]);
		}
		if ((n = load_need(ed, "name", "the editor")))
			load_text(l, n, &p->editor_name, "the editor's name");
		if ((n = ytree_get(ed, "address")))
			load_text(l, n, &p->editor_address, "the address");
	}
	const ynode *site = ytree_get(root, "site");
	if (site && load_expect(site, Y_MAP, "the site settings"))
		load_site(l, site);
}

/* ---- organization.yaml ------------------------------------------------- */

static orgunit_t *load_orgunits(loader_t *l, const ynode *list, int *count, const char *what)
{
	static const char *const keys[] = {"id", "name", NULL};
	*count = 0;
	if (!load_expect(list, Y_SEQ, what))
		return NULL;
	orgunit_t *u = xcalloc((size_t)list->n, sizeof *u);
	for (int i = 0; i < list->n; i++) {
		const ynode *e = list->items[i], *n;
		u[i].pos = e->pos;
		if (!load_expect(e, Y_MAP, what))
			continue;
		load_check_keys(e, keys, what);
		if ((n = load_need(e, "id", what)))
			u[i].id = load_id(n, "the id");
		if ((n = load_need(e, "name", what)))
			load_text(l, n, &u[i].name, "the name");
	}
	UNIQUE(l, u, list->n, what);
	*count = list->n;
	return u;
}

static void load_organization(loader_t *l)
{
	static const char *const keys[] = {"departments", "sections", NULL};
	ynode *root = load_open_yaml(l, l->dir, "organization.yaml", true);
	if (!root)
		return;
	load_check_keys(root, keys, "organization.yaml");
	const ynode *n;
	bool both = true;
	if ((n = load_need(root, "departments", "organization.yaml")))
		l->p->departments = load_orgunits(l, n, &l->p->ndepartments, "a department");
	both &= n != NULL;
	if ((n = load_need(root, "sections", "organization.yaml")))
		l->p->sections = load_orgunits(l, n, &l->p->nsections, "a section");
	both &= n != NULL;
	l->org_ok = both; /* else the references to them are not reported again */
	ytree_free(root);
}

/* ---- structure.yaml ---------------------------------------------------- */

static const char *const mark_names[] = {"none", "added", "revised", "replaced", NULL};
static const char *const mark_words[] = {N_("no mark"), N_("new, added"), N_("revised"), N_("replaced, changed"), NULL};

static point_t *load_points(loader_t *l, const ynode *list, int *count)
{
	static const char *const keys[] = {"id", "title", "short", "text", NULL};
	const char *what = N_("a point");
	*count = 0;
	if (!load_expect(list, Y_SEQ, "the points"))
		return NULL;
	point_t *pt = xcalloc((size_t)list->n + 1, sizeof *pt);
	for (int i = 0; i < list->n; i++) {
		const ynode *e = list->items[i], *n;
		pt[i].pos = e->pos;
		if (!load_expect(e, Y_MAP, what))
			continue;
		load_check_keys(e, keys, what);
		if ((n = load_need(e, "id", what)))
			pt[i].id = load_id(n, "the id");
		if ((n = load_need(e, "title", what)))
			load_text(l, n, &pt[i].title, "the title");
		if ((n = ytree_get(e, "short")))
			load_text(l, n, &pt[i].short_title, "the short title");
		if ((n = load_need(e, "text", what)))
			load_text(l, n, &pt[i].text, "the text");
	}
	UNIQUE(l, pt, list->n, what);
	*count = list->n;
	return pt;
}

/* The bands of the structure diagram (see band_t). */
static band_t *load_bands(loader_t *l, const ynode *list, int *count)
{
	static const char *const keys[] = {"place", "label", "text", "left", "right", "link", "shade", "strong", NULL};
	static const char *const places[] = {"before_policies", "after_policies", NULL};
	static const char *const place_words[] = {N_("before the policies"), N_("after the policies"), NULL};
	const char *what = N_("a band of the diagram");
	*count = 0;
	if (!load_expect(list, Y_SEQ, "the diagram"))
		return NULL;
	band_t *bands = xcalloc((size_t)list->n + 1, sizeof *bands);
	for (int i = 0; i < list->n; i++) {
		const ynode *e = list->items[i], *n;
		band_t *b = &bands[i];
		b->pos = e->pos;
		if (!load_expect(e, Y_MAP, what))
			continue;
		load_check_keys(e, keys, what);
		if ((n = ytree_get(e, "place"))) {
			int k = load_choice(n, places, place_words, "the place");
			b->place = k < 0 ? BAND_BEFORE_POLICIES : (bandplace_t)k;
		}
		struct {
			const char *key;
			text_t *t;
		} texts[] = {{"label", &b->label}, {"text", &b->text}, {"left", &b->left}, {"right", &b->right},
			     {"link", &b->link}};
		for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
			if ((n = ytree_get(e, texts[k].key)))
				load_text(l, n, texts[k].t, "the band's text");
		if ((n = ytree_get(e, "shade")))
			b->shade = load_bool(n, "shade");
		if ((n = ytree_get(e, "strong")))
			b->strong = load_bool(n, "strong");
		bool one = b->text.s[0], two = b->left.s[0] && b->right.s[0];
		if (one == two) {
			diag_error(e->pos, "a band of the diagram has either a text or a left and a right box");
			diag_hint("write text: {ja: …, en: …}, or left: … and right: … (and link: … between them)");
		}
	}
	*count = list->n;
	return bands;
}

static void load_actions(loader_t *l, const ynode *list, measure_t *m)
{
	static const char *const keys[] = {"text", "departments", "mark", NULL};
	if (!load_expect(list, Y_SEQ, "the priority actions"))
		return;
	m->actions = xcalloc((size_t)list->n, sizeof *m->actions);
	m->nactions = list->n;
	for (int i = 0; i < list->n; i++) {
		const ynode *e = list->items[i], *n;
		action_t *a = &m->actions[i];
		a->pos = e->pos;
		if (!load_expect(e, Y_MAP, "a priority action"))
			continue;
		load_check_keys(e, keys, "a priority action");
		if ((n = load_need(e, "text", "a priority action")))
			load_text(l, n, &a->text, "the action");
		if ((n = load_need(e, "departments", "a priority action")))
			a->departments = load_refs(l, n, &a->ndepartments, l->p->departments, sizeof *l->p->departments,
						   l->p->ndepartments, "department", "organization.yaml", !l->org_ok);
		if (n && n->type == Y_SEQ && n->n == 0) {
			diag_warning(n->pos, "the priority action has no department: its column of departments is empty");
			diag_hint("list the departments that carry it out, by their ids in organization.yaml");
		}
		if ((n = ytree_get(e, "mark"))) {
			int k = load_choice(n, mark_names, mark_words, "the mark");
			a->mark = k < 0 ? MARK_NONE : (mark_t)k;
		}
	}
}

static void load_structure(loader_t *l)
{
	static const char *const keys[] = {"philosophy", "goal", "points", "policies", "diagram", NULL};
	static const char *const policy_keys[] = {"id", "title", "measures", NULL};
	static const char *const measure_keys[] = {"id", "title", "summary", "actions", NULL};
	plan_t *p = l->p;
	ynode *root = load_open_yaml(l, l->dir, "structure.yaml", true);
	if (!root)
		return;
	const char *what = "structure.yaml";
	load_check_keys(root, keys, what);
	const ynode *n, *list;
	if ((n = load_need(root, "philosophy", what)))
		load_text(l, n, &p->philosophy, "the basic philosophy");
	if ((n = load_need(root, "goal", what)))
		load_text(l, n, &p->goal, "the basic goal");
	if ((n = load_need(root, "points", what)))
		p->points = load_points(l, n, &p->npoints);
	if ((n = ytree_get(root, "diagram")))
		p->bands = load_bands(l, n, &p->nbands);
	list = load_need(root, "policies", what);
	if (list && load_expect(list, Y_SEQ, "the policies")) {
		int total = 0;
		for (int i = 0; i < list->n; i++) {
			const ynode *ms = ytree_get(list->items[i], "measures");
			if (ms && ms->type == Y_SEQ)
				total += ms->n;
		}
		p->policies = xcalloc((size_t)list->n, sizeof *p->policies);
		p->measures = xcalloc((size_t)total, sizeof *p->measures);
		for (int i = 0; i < list->n; i++) {
			const ynode *e = list->items[i];
			policy_t *po = &p->policies[p->npolicies++];
			po->pos = e->pos;
			po->number = i + 1;
			po->first_measure = p->nmeasures;
			if (!load_expect(e, Y_MAP, "a policy"))
				continue;
			load_check_keys(e, policy_keys, "a policy");
			if ((n = load_need(e, "id", "a policy")))
				po->id = load_id(n, "the id");
			if ((n = load_need(e, "title", "a policy")))
				load_text(l, n, &po->title, "the policy's title");
			const ynode *ms = load_need(e, "measures", "a policy");
			if (!ms || !load_expect(ms, Y_SEQ, "the measures"))
				continue;
			for (int j = 0; j < ms->n; j++) {
				const ynode *me = ms->items[j];
				int mi = p->nmeasures++;
				measure_t *m = &p->measures[mi];
				m->pos = me->pos;
				m->number = mi + 1;
				m->policy = i;
				po->nmeasures++;
				if (!load_expect(me, Y_MAP, "a measure"))
					continue;
				load_check_keys(me, measure_keys, "a measure");
				if ((n = load_need(me, "id", "a measure")))
					m->id = load_id(n, "the id");
				if (m->id && strcmp(m->id, "overall") == 0) {
					diag_error(n->pos, "\"overall\" is reserved for the overall indicators");
					diag_hint("give the measure another id, e.g. m%d", mi + 1);
				}
				if ((n = load_need(me, "title", "a measure")))
					load_text(l, n, &m->title, "the measure's title");
				if ((n = ytree_get(me, "summary")))
					load_text(l, n, &m->summary, "the summary");
				if ((n = ytree_get(me, "actions")))
					load_actions(l, n, m);
			}
		}
		UNIQUE(l, p->policies, p->npolicies, "policy");
		UNIQUE(l, p->measures, p->nmeasures, "measure");
	}
	l->structure_ok = true;
	ytree_free(root);
}

/* ---- indicators.yaml --------------------------------------------------- */

static const char *const slot_keys[YEAR_COUNT + 1] = {"baseline", "current", "target", NULL};

static void load_units(loader_t *l, const ynode *list)
{
	if (!load_expect(list, Y_SEQ, "the units"))
		return;
	l->p->units = xcalloc((size_t)list->n, sizeof *l->p->units);
	l->p->nunits = list->n;
	for (int i = 0; i < list->n; i++) {
		const ynode *e = list->items[i], *n;
		unit_t *u = &l->p->units[i];
		u->pos = e->pos;
		if (!load_expect(e, Y_MAP, "a unit"))
			continue;
		load_check_text_keys(l, e, "id", "a unit");
		if ((n = load_need(e, "id", "a unit")))
			u->id = load_id(n, "the id");
		/* A unit is itself a text by language, with an id beside it. */
		load_text_in(l, e, &u->word, "the unit");
	}
	UNIQUE(l, l->p->units, l->p->nunits, "unit");
}

static void load_sets(loader_t *l, const ynode *list)
{
	static const char *const keys[] = {"id", "title", "years", NULL};
	if (!load_expect(list, Y_SEQ, "the indicator sets"))
		return;
	l->p->sets = xcalloc((size_t)list->n, sizeof *l->p->sets);
	l->p->nsets = list->n;
	for (int i = 0; i < list->n; i++) {
		const ynode *e = list->items[i], *n;
		indset_t *s = &l->p->sets[i];
		s->pos = e->pos;
		if (!load_expect(e, Y_MAP, "an indicator set"))
			continue;
		load_check_keys(e, keys, "an indicator set");
		if ((n = load_need(e, "id", "an indicator set")))
			s->id = load_id(n, "the id");
		if ((n = load_need(e, "title", "an indicator set")))
			load_text(l, n, &s->title, "the set's title");
		const ynode *y = load_need(e, "years", "an indicator set");
		if (y && load_expect(y, Y_MAP, "the years")) {
			load_check_keys(y, slot_keys, "the years");
			bool all = true;
			for (int k = 0; k < YEAR_COUNT; k++)
				all &= (n = load_need(y, slot_keys[k], "the years")) &&
				       load_year(l, n, &s->years[k], "a fiscal year");
			/* Plan-making, the latest figures, the target: in that order. */
			static const char *const names[YEAR_COUNT] = {N_("the baseline year"), N_("the current year"),
								      N_("the target year")};
			for (int k = 1; all && k < YEAR_COUNT; k++)
				if (s->years[k - 1] > s->years[k]) {
					diag_error(ytree_get(y, slot_keys[k - 1])->pos, "%s (%d) is after %s (%d)",
						   _(names[k - 1]), s->years[k - 1], _(names[k]), s->years[k]);
					diag_hint("the years go baseline, current, target: check for a typo");
					break;
				}
		}
	}
	UNIQUE(l, l->p->sets, l->p->nsets, "indicator set");
}

/* One value of an indicator: a number, ~, [parts], {value, year}, or — for
 * targets — monitoring or {pending: text}. */
/* The value n gives for the slot into v (a year of `values:` is read as a
 * current value). */
/* series: a value of `values:` (named so in messages), not of its slot's key. */
static void load_value_into(loader_t *l, const ynode *n, indicator_t *ind, yearslot_t slot, int year, value_t *v,
			    bool series)
{
	static const char *const keys[] = {"value", "year", "pending", NULL};
	v->pos = n->pos;
	v->year = year;
	v->kind = VAL_MISSING;
	const char *what = slot_keys[slot];
	if (n->type == Y_MAP) {
		load_check_keys(n, keys, "a value");
		const ynode *pend = ytree_get(n, "pending"), *val = ytree_get(n, "value"), *yr = ytree_get(n, "year");
		if (pend) {
			if (slot != YEAR_TARGET) {
				diag_error(pend->pos, "only a target can be pending");
				diag_hint("write ~ for a value that is not known");
			}
			if (val || yr)
				diag_error(n->pos, "a pending target has no value or year");
			v->kind = VAL_PENDING;
			load_text(l, pend, &v->pending, "the pending target");
			return;
		}
		if (yr && load_year(l, yr, &v->year, "the year"))
			v->own_year = true;
		/* As for "values": a year after the target year is most likely a
		 * typo (2031 for 2021). */
		const indset_t *set = ind->set >= 0 && ind->set < l->p->nsets ? &l->p->sets[ind->set] : NULL;
		if (v->own_year && slot == YEAR_CURRENT && set && set->years[YEAR_TARGET] &&
		    v->year > set->years[YEAR_TARGET]) {
			diag_warning(yr->pos, "the year %d is after the target year %d", v->year, set->years[YEAR_TARGET]);
			diag_hint("check the year: it is shown as the current value");
		}
		/* (a set whose own years are out of order is told, not this) */
		if (v->own_year && slot == YEAR_CURRENT && set && set->years[YEAR_BASELINE] &&
		    v->year < set->years[YEAR_BASELINE] && set->years[YEAR_BASELINE] <= set->years[YEAR_CURRENT]) {
			diag_warning(yr->pos, "the year %d is before the baseline year %d", v->year, set->years[YEAR_BASELINE]);
			diag_hint("check the year: it is shown as the current value, and the status compares it with the "
				  "baseline");
		}
		if (!val) {
			diag_error(n->pos, "this value has no \"value\"");
			diag_hint("write {value: 18, year: 2021}");
			return;
		}
		n = val;
	}
	if (n->type == Y_SCALAR && is_null(n)) {
		/* the old number deleted, the new one not yet typed */
		if (n->len == 0) {
			diag_warning(n->pos, "\"%s:\" has no value: it is shown as \u2014", what);
			diag_hint("write the number, or ~ for a value that is not known");
		}
		return;
	}
	if (n->type == Y_SCALAR && n->plain && strcmp(n->str, "monitoring") == 0) {
		if (slot != YEAR_TARGET) {
			diag_error(n->pos, "only a target can be \"monitoring\"");
			return;
		}
		v->kind = VAL_MONITORING;
		return;
	}
	/* A target in words, no digit in it: a slip of "monitoring", or a
	 * target to be set later. */
	bool digit = false;
	for (const char *c = n->type == Y_SCALAR ? n->str : ""; *c && !digit; c++)
		digit = (*c >= '0' && *c <= '9') || utf8_wide_digit(c) >= 0;
	if (!digit && n->type == Y_SCALAR) { /* in Japanese numerals: a number all the same */
		double number;
		digit = japanese_number(&number, n->str, ind->unit >= 0 ? &l->p->units[ind->unit].word : NULL);
	}
	if (slot == YEAR_TARGET && n->type == Y_SCALAR && !digit && !utf8_is_dashes(n->str)) {
		diag_error(n->pos, "the target should be a number, monitoring or {pending: …}, found \"%s\"", n->str);
		/* the plan's word for it (\u30E2\u30CB\u30BF\u30EA\u30F3\u30B0\u6307\u6A19), or a part of it */
		bool monitoring = edit_distance(n->str, "monitoring") <= 3;
		for (int k = 0; k < l->p->nlangs && n->len && !monitoring; k++) {
			const char *w = plan_word(l->p, WORD_MONITORING_ONLY, (lang_t)k);
			monitoring = w && *w && (strstr(w, n->str) || strstr(n->str, w));
		}
		if (monitoring)
			diag_hint("did you mean \"monitoring\"? (an indicator followed without a target)");
		else
			diag_hint("write the number plainly, e.g. 2216 or 74.8; a target still to be set is written "
				  "{pending: {ja: …, en: …}}, the text saying when");
		return;
	}
	if (n->type == Y_SCALAR && utf8_is_dashes(n->str)) {
		diag_error(n->pos, "a missing value is written ~, not \"%s\"", n->str);
		diag_hint("write %s: ~", what);
		return;
	}
	if (slot != YEAR_TARGET && n->type == Y_SCALAR && !digit && utf8_has_japanese(n->str)) {
		diag_error(n->pos, "\"%s:\" should be a number, found \"%s\"", what, n->str);
		diag_hint("write ~ for a value that is not known yet, and say why in the description");
		return;
	}
	if (n->type == Y_SEQ) {
		if (n->n != ind->nparts) {
			diag_error(n->pos, "the %s has %d number%s, but the indicator has %d part%s", what, n->n,
				   n->n == 1 ? "" : "s", ind->nparts, ind->nparts == 1 ? "" : "s");
			/* [56.6、35.0]: the parts parted by an ideographic comma, one text */
			const char *comma = n->n == 1 && n->items[0]->type == Y_SCALAR ? strstr(n->items[0]->str, "\u3001")
											: NULL;
			if (!comma && n->n == 1 && n->items[0]->type == Y_SCALAR)
				comma = strstr(n->items[0]->str, "\uFF0C");
			if (comma)
				diag_hint("the parts are parted by half-width commas: [%.*s, %s]",
					  (int)(comma - n->items[0]->str), n->items[0]->str, comma + 3);
			else
				diag_hint("%s", ind->nparts == 1 ? _("write one number, or list the parts under \"parts\"")
								 : _("write one number per part, in the order of \"parts\""));
			return;
		}
		bool ok = true;
		for (int k = 0; k < n->n; k++)
			ok &= load_num_of(n->items[k], &v->num[k], "each part",
					  ind->unit >= 0 ? &l->p->units[ind->unit].word : NULL);
		if (ok)
			v->kind = VAL_NUMBER;
		return;
	}
	if (ind->nparts > 1 && n->type == Y_SCALAR) {
		diag_error(n->pos, "the indicator has %d parts: the %s needs one number per part", ind->nparts, what);
		diag_hint("write a list, e.g. [56.6, 35.0]");
		return;
	}
	if (load_num_of(n, &v->num[0],
			series		    ? N_("a value of \"values\"")
			: slot == YEAR_TARGET  ? N_("the target")
			: slot == YEAR_CURRENT ? N_("the current value")
					       : N_("the baseline"),
			ind->unit >= 0 ? &l->p->units[ind->unit].word : NULL))
		v->kind = VAL_NUMBER;
}

static const char *const direction_names[] = {"up", "down", "monitor", NULL};
/* The words a person may write for each choice, and its meaning, in the hint: translated,
 * each language's own words ("increase" is the word for up). */
static const char *const direction_words[] = {N_("increase, rise, higher is better"),
					      N_("decrease, reduce, lower is better"),
					      N_("monitoring, watched, no direction"), NULL};
static const char *const change_names[] = {"none", "kept", "target_revised", "replaced", "moved", "added", "dropped", NULL};
static const char *const change_words[] = {N_("no change"), N_("kept, unchanged"), N_("target revised, new target"),
					   N_("replaced, changed"), N_("moved"), N_("new, added"), N_("dropped, deleted"), NULL};

static void load_value(loader_t *l, const ynode *n, indicator_t *ind, yearslot_t slot, int year)
{
	load_value_into(l, n, ind, slot, year, &ind->value[slot], false);
}

static int compare_value_years(const void *a, const void *b)
{
	const value_t *x = a, *y = b;
	return (x->year > y->year) - (x->year < y->year);
}

/* `values: {2016: 67.6, 2020: 74.8, 2021: 75.1}` — a value for any years;
 * the current value is the latest, the baseline (unless written) the one
 * of the set's baseline year.  The three-value form needs none of it. */
static void load_series(loader_t *l, const ynode *e, indicator_t *ind, const indset_t *set)
{
	const ynode *n = ytree_get(e, "values");
	if (!load_expect(n, Y_MAP, "the values of the years"))
		return;
	if (n->n == 0) {
		diag_error(n->pos, "\"values\" gives no year");
		diag_hint("write values: {2016: 67.6, 2020: 74.8}");
		return;
	}
	ind->series = xcalloc((size_t)n->n, sizeof *ind->series);
	for (int i = 0; i < n->n; i++) {
		value_t *v = &ind->series[ind->nseries];
		int year;
		const ynode *key = n->items[2 * i], *val = n->items[2 * i + 1];
		/* {2024: 1,351}: a number's comma parts the entry, 351 read as a year */
		const ynode *before = i ? n->items[2 * i - 1] : NULL;
		if (before && before->type == Y_SCALAR && before->plain && before->len &&
		    strspn(before->str, "0123456789") == before->len && key->str && strlen(key->str) == 3 &&
		    strspn(key->str, "0123456789") == 3 && val->type == Y_SCALAR && is_null(val)) {
			diag_error(before->pos, "\"%s,%s\": the comma of a number parts it in two entries", before->str, key->str);
			diag_hint("write numbers without separators: %s%s", before->str, key->str);
			continue;
		}
		/* {2020:74.8}: no space after the colon, one key */
		const char *colon = key->str && key->plain ? strchr(key->str, ':') : NULL;
		if (colon && colon > key->str && strspn(key->str, "0123456789") == (size_t)(colon - key->str) && colon[1] &&
		    val->type == Y_SCALAR && is_null(val)) {
			diag_error(key->pos, "\"%s\" is one text: a space is missing after the colon", key->str);
			diag_hint("write %.*s: %s", (int)(colon - key->str), key->str, colon + 1);
			continue;
		}
		if (!load_year(l, key, &year, "a year of the values"))
			continue;
		load_value_into(l, val, ind, YEAR_CURRENT, year, v, true);
		v->own_year = false; /* said by the year it stands under */
		v->pos = key->pos; /* the entry begins at its year */
		if (v->kind == VAL_NUMBER)
			ind->nseries++;
	}
	qsort(ind->series, (size_t)ind->nseries, sizeof *ind->series, compare_value_years);
	for (int i = 1; i < ind->nseries; i++)
		if (ind->series[i].year == ind->series[i - 1].year) {
			diag_error(ind->series[i].pos, "the year %d has two values", ind->series[i].year);
			diag_hint("keep one value per year");
		}
	/* A value measured after the target year is most likely a typo (2042
	 * for 2024), and would be shown as the current value. */
	if (set && set->years[YEAR_TARGET] && ind->nseries &&
	    ind->series[ind->nseries - 1].year > set->years[YEAR_TARGET]) {
		diag_warning(ind->series[ind->nseries - 1].pos, "the year %d is after the target year %d",
			     ind->series[ind->nseries - 1].year, set->years[YEAR_TARGET]);
		diag_hint("check the year: it is shown as the current value");
	}
	if (ytree_get(e, "current")) {
		diag_error(ytree_get(e, "current")->pos, "with \"values\", the current value is the latest of them");
		diag_hint("remove \"current\", or add its year to \"values\"");
	}
	if (ind->nseries == 0)
		return;
	ind->value[YEAR_CURRENT] = ind->series[ind->nseries - 1];
	ind->value[YEAR_CURRENT].own_year = !set || ind->value[YEAR_CURRENT].year != set->years[YEAR_CURRENT];
	if (ytree_get(e, "baseline"))
		return;
	ind->value[YEAR_BASELINE].kind = VAL_MISSING;
	ind->value[YEAR_BASELINE].year = set ? set->years[YEAR_BASELINE] : 0;
	for (int i = 0; i < ind->nseries; i++)
		if (set && ind->series[i].year == set->years[YEAR_BASELINE]) {
			ind->value[YEAR_BASELINE] = ind->series[i];
			ind->value[YEAR_BASELINE].own_year = false;
		}
	/* No value of the baseline year, the first a year soon after it (2017
	 * for 2016): most likely the baseline under a mistyped year; the page
	 * would show no baseline and judge no status. */
	const value_t *first = &ind->series[0];
	if (set && set->years[YEAR_BASELINE] && ind->value[YEAR_BASELINE].kind == VAL_MISSING &&
	    first->year > set->years[YEAR_BASELINE] && first->year < set->years[YEAR_CURRENT]) {
		diag_warning(first->pos, "\"values\" has no value of the baseline year %d: the baseline is shown as "
					 "missing, and no status is judged",
			     set->years[YEAR_BASELINE]);
		diag_hint("if the value of %d is the baseline, write it under %d; otherwise write baseline: {value: "
			  "\u2026, year: %d}",
			  first->year, set->years[YEAR_BASELINE], first->year);
	}
}

/* Whether two values are one written value (the current value is the latest of `values:`). */
static bool same_value(const value_t *a, const value_t *b)
{
	return a->pos.file == b->pos.file && a->pos.line == b->pos.line && a->pos.col == b->pos.col;
}

/* A decimal point left out (605 for 60.5, 186 for 18.6 %): a value far above
 * the indicator's others that, with the point the others have, would lie
 * among them.  A value that grows tenfold is real; written without the
 * decimals all the others have, or as a share over 100 where none other is,
 * it is most likely a slip. */
static void check_decimal_slips(const plan_t *p, const indicator_t *ind)
{
	enum { MAX_SEEN = 64 };
	const value_t *seen[MAX_SEEN];
	int n = 0;
	for (int k = 0; k < YEAR_COUNT + ind->nseries && n < MAX_SEEN; k++) {
		const value_t *v = k < YEAR_COUNT ? &ind->value[k] : &ind->series[k - YEAR_COUNT];
		bool dup = false;
		for (int j = 0; j < n && !dup; j++)
			dup = same_value(seen[j], v);
		if (v->kind == VAL_NUMBER && !dup)
			seen[n++] = v;
	}
	const char *word = ind->unit >= 0 ? p->units[ind->unit].word.s[0] : NULL;
	bool share = word && (strcmp(word, "%") == 0 || strcmp(word, "\uFF05") == 0);
	for (int part = 0; part < ind->nparts; part++)
		for (int i = 0; i < n; i++) {
			num_t x = seen[i]->num[part];
			double lo = 0, hi = 0;
			int decimals = 99, others = 0;
			for (int j = 0; j < n; j++) {
				num_t y = seen[j]->num[part];
				if (j == i || y.v <= 0)
					continue;
				lo = others ? fmin(lo, y.v) : y.v;
				hi = others ? fmax(hi, y.v) : y.v;
				decimals = y.decimals < decimals ? y.decimals : decimals;
				others++;
			}
			/* 2.216 for 2216: a point typed for the thousands' comma, three
			 * decimals where the others have none, a thousandth of them */
			if (others >= 2 && x.decimals == 3 && decimals == 0 && x.v * 1000 >= lo / 2 && x.v * 1000 <= hi * 2) {
				diag_warning(seen[i]->pos, "%.3f is about a thousandth of the indicator's other values (%.0f to %.0f)",
					     x.v, lo, hi);
				diag_hint("if the point parts the thousands, write %.0f", x.v * 1000);
				continue;
			}
			if (others < 2 || x.v <= 2 * hi)
				continue;
			int shift = x.decimals < decimals ? decimals - x.decimals : share && x.v > 100 && hi <= 100 ? 1 : 0;
			double meant = x.v / pow(10, shift);
			if (!shift || meant < lo / 2 || meant > hi * 2)
				continue;
			diag_warning(seen[i]->pos, "%.*f is far above the indicator's other values (%.*f to %.*f)", x.decimals,
				     x.v, decimals, lo, decimals, hi);
			diag_hint("is a decimal point missing? %.*f would be among them", x.decimals + shift, meant);
		}
}

static void load_indicator(loader_t *l, const ynode *e, indicator_t *ind)
{
	static const char *const keys[] = {"id", "set", "measure", "name", "name_note", "note", "unit",
					   "direction", "parts", "baseline", "current", "target", "values", "description",
					   "sections", "mark", "revision", NULL};
	static const char *const rev_keys[] = {"change", "from", "reason", NULL};
	plan_t *p = l->p;
	const char *what = N_("an indicator");
	const ynode *n;
	ind->pos = e->pos;
	ind->set = ind->measure = ind->unit = ind->from = ind->successor = -1;
	ind->nparts = 1;
	if (!load_expect(e, Y_MAP, what))
		return;
	load_check_keys(e, keys, what);
	if ((n = load_need(e, "id", what)))
		ind->id = load_id(n, "the id");
	if ((n = load_need(e, "set", what)))
		ind->set = load_resolve(l, n, p->sets, sizeof *p->sets, p->nsets, "indicator set", "indicators.yaml (sets)", false);
	if ((n = load_need(e, "measure", what)) && !(n->type == Y_SCALAR && strcmp(n->str, "overall") == 0)) {
		ind->measure = load_resolve(l, n, p->measures, sizeof *p->measures, p->nmeasures, "measure", "structure.yaml",
				       !l->structure_ok);
		if (ind->measure < 0)
			ind->measure = -2; /* unresolved: not an overall indicator either */
	}
	if ((n = load_need(e, "name", what)))
		load_text(l, n, &ind->name, "the indicator's name");
	if ((n = ytree_get(e, "name_note")))
		load_text(l, n, &ind->name_note, "the name note");
	if ((n = ytree_get(e, "note")))
		load_text(l, n, &ind->note, "the note");
	if ((n = load_need(e, "unit", what)))
		ind->unit = load_resolve(l, n, p->units, sizeof *p->units, p->nunits, "unit", "indicators.yaml (units)", false);
	if ((n = load_need(e, "direction", what))) {
		int d = load_choice(n, direction_names, direction_words, "the direction");
		ind->direction = d < 0 ? DIR_UP : (direction_t)d;
	}
	if ((n = ytree_get(e, "parts")) && load_expect(n, Y_SEQ, "the parts")) {
		if (n->n < 2 || n->n > MAX_PARTS) {
			diag_error(n->pos, "an indicator has 2 to %d parts, or no \"parts\" at all", MAX_PARTS);
		} else {
			ind->nparts = n->n;
			for (int k = 0; k < n->n; k++)
				load_text(l, n->items[k], &ind->parts[k], "the part's label");
		}
	}
	const indset_t *set = ind->set >= 0 ? &p->sets[ind->set] : NULL;
	bool series = ytree_get(e, "values") != NULL;
	for (int k = 0; k < YEAR_COUNT; k++)
		if (series && k != YEAR_TARGET) {
			if (k == YEAR_BASELINE && (n = ytree_get(e, "baseline")))
				load_value(l, n, ind, (yearslot_t)k, set ? set->years[k] : 0);
		} else if ((n = load_need(e, slot_keys[k], what))) {
			load_value(l, n, ind, (yearslot_t)k, set ? set->years[k] : 0);
		}
	if (series)
		load_series(l, e, ind, set);
	check_decimal_slips(p, ind);
	/* A target far on the other side of the baseline from the direction
	 * is most likely a digit lost or added (700 for 7000), and is rated
	 * achieved.  A revised target a little below it is real (9 → 6). */
	const value_t *base = &ind->value[YEAR_BASELINE], *goal = &ind->value[YEAR_TARGET];
	if (base->kind == VAL_NUMBER && goal->kind == VAL_NUMBER && ind->nparts <= 1 && ind->direction != DIR_MONITOR &&
	    base->num[0].v > 0 &&
	    (ind->direction == DIR_UP ? goal->num[0].v * 2 <= base->num[0].v : goal->num[0].v >= 2 * base->num[0].v)) {
		if (ind->direction == DIR_UP)
			diag_warning(goal->pos, "the target is half the baseline or less, yet the indicator aims up");
		else
			diag_warning(goal->pos, "the target is twice the baseline or more, yet the indicator aims down");
		diag_hint("check the target and the direction: the indicator would soon be rated as achieved");
	}
	if ((n = load_need(e, "description", what)))
		load_text(l, n, &ind->description, "the description");
	if ((n = ytree_get(e, "sections")))
		ind->sections = load_refs(l, n, &ind->nsections, p->sections, sizeof *p->sections, p->nsections,
					  "section", "organization.yaml", !l->org_ok);
	else if (ind->measure != -1)
		load_need(e, "sections", what);
	if ((n = ytree_get(e, "mark"))) {
		int k = load_choice(n, mark_names, mark_words, "the mark");
		ind->mark = k < 0 ? MARK_NONE : (mark_t)k;
	}
	const ynode *rev = ytree_get(e, "revision");
	if (rev && load_expect(rev, Y_MAP, "the revision")) {
		load_check_keys(rev, rev_keys, "the revision");
		if ((n = load_need(rev, "change", "the revision"))) {
			int k = load_choice(n, change_names, change_words, "the change");
			ind->change = k < 0 ? CHANGE_NONE : (change_t)k;
		}
		if ((n = ytree_get(rev, "reason")))
			load_text(l, n, &ind->reason, "the reason");
	}
}

/* Revision links, checked once every indicator is known. */
static void link_revisions(loader_t *l, const ynode *list)
{
	plan_t *p = l->p;
	for (int i = 0; i < p->nindicators; i++) {
		indicator_t *ind = &p->indicators[i];
		const ynode *rev = ytree_get(list->items[i], "revision");
		const ynode *from = rev ? ytree_get(rev, "from") : NULL;
		if (from) {
			l->not_suggested = ind->id;
			ind->from = load_resolve(l, from, p->indicators, sizeof *p->indicators, p->nindicators, "indicator",
					    "indicators.yaml", false);
			l->not_suggested = NULL;
			if (ind->from == i) {
				diag_error(from->pos, "an indicator cannot revise itself");
				ind->from = -1;
			} else if (ind->from >= 0 && p->indicators[ind->from].set >= ind->set) {
				diag_error(from->pos, "\"from\" must name an indicator of an earlier set");
				ind->from = -1;
			}
			/* (an indicator copied under the same id is told as that) */
			for (int j = 0; j < i && ind->from >= 0; j++)
				if (p->indicators[j].from == ind->from &&
				    !(ind->id && p->indicators[j].id && strcmp(ind->id, p->indicators[j].id) == 0)) {
					diag_error(from->pos, "\"%s\" is already continued by \"%s\"", from->str,
						   p->indicators[j].id);
					diag_hint("one old indicator leads to one new indicator; mark the other \"added\"");
				}
		}
		bool needs_from = ind->change == CHANGE_KEPT || ind->change == CHANGE_TARGET_REVISED ||
				  ind->change == CHANGE_REPLACED;
		pos_t at = rev ? rev->pos : ind->pos;
		if (needs_from && !from) {
			diag_error(at, "a \"%s\" indicator needs \"from\": the indicator it continues",
				   change_names[ind->change]);
			diag_hint("add from: ID of the earlier indicator");
		}
		if ((ind->change == CHANGE_ADDED || ind->change == CHANGE_DROPPED) && from) {
			diag_error(from->pos, "an \"%s\" indicator has no \"from\"", change_names[ind->change]);
			diag_hint("use kept, target_revised, replaced or moved for an indicator that continues another");
		}
		if (ind->change == CHANGE_KEPT && ind->from >= 0) {
			const value_t *a = &ind->value[YEAR_TARGET], *b = &p->indicators[ind->from].value[YEAR_TARGET];
			if (a->kind == VAL_NUMBER && b->kind == VAL_NUMBER && a->num[0].v != b->num[0].v) {
				diag_error(at, "the indicator is \"kept\" but its target differs from \"%s\"",
					   p->indicators[ind->from].id);
				diag_hint("write change: target_revised");
			}
		}
	}
	plan_derive(p);
	/* Every indicator of an earlier set must say what became of it. */
	if (p->nsets < 2)
		return;
	for (int i = 0; i < p->nindicators; i++) {
		indicator_t *ind = &p->indicators[i];
		if (ind->set < 0 || ind->set == p->nsets - 1 || ind->successor >= 0)
			continue;
		if (ind->change == CHANGE_DROPPED)
			continue;
		if (ind->change == CHANGE_MOVED) {
			diag_error(ind->pos, "\"%s\" is moved, but no indicator names it in \"from\"", ind->id);
			diag_hint("write revision: {change: moved, from: %s} on the indicator in its new measure", ind->id);
			continue;
		}
		diag_error(ind->pos, "\"%s\" is not carried into the next set", ind->id);
		diag_hint("name it as \"from\" in the indicator that continues it, or write revision: {change: dropped, reason: …}");
	}
}

static void load_indicators(loader_t *l)
{
	static const char *const keys[] = {"units", "sets", "indicators", NULL};
	plan_t *p = l->p;
	ynode *root = load_open_yaml(l, l->dir, "indicators.yaml", true);
	if (!root)
		return;
	load_check_keys(root, keys, "indicators.yaml");
	const ynode *n;
	if ((n = load_need(root, "units", "indicators.yaml")))
		load_units(l, n);
	if ((n = load_need(root, "sets", "indicators.yaml")))
		load_sets(l, n);
	const ynode *list = load_need(root, "indicators", "indicators.yaml");
	if (list && load_expect(list, Y_SEQ, "the indicators")) {
		p->indicators = xcalloc((size_t)list->n, sizeof *p->indicators);
		p->nindicators = list->n;
		for (int i = 0; i < list->n; i++) {
			load_indicator(l, list->items[i], &p->indicators[i]);
		}
		UNIQUE(l, p->indicators, p->nindicators, "indicator");
		link_revisions(l, list);
	}
	l->indicators_ok = true;
	ytree_free(root);
}

/* ---- words.yaml: the theme's words, then the plan's ---------------------- */

/* Whether two words' keys are forms of one word (telephone and
 * telephone_link, fiscal_year and fiscal_year_era): they are filled alike. */
static bool same_family(const char *a, const char *b)
{
	static const char *const forms[] = {"_link", "_unnumbered", "_era", "_both"};
	size_t la = strlen(a), lb = strlen(b);
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		size_t f = strlen(forms[i]);
		if (la > f && strcmp(a + la - f, forms[i]) == 0)
			la -= f;
		if (lb > f && strcmp(b + lb - f, forms[i]) == 0)
			lb -= f;
	}
	return la == lb && strncmp(a, b, la) == 0;
}

/* The slots the theme's word w and its family fill in ({from}, {to}), in
 * any language, into slots (each allocated); a word of years fills in each
 * form of them. */
static int theme_slots(const text_t *words, int w, char **slots, int max)
{
	static const char *const years[] = {"year", "from", "to", "era_year", "era_from", "era_to"};
	int n = 0;
	bool of_years = false;
	for (int j = 0; j <= MAX_LANGS * WORD_COUNT; j++) {
		/* each language of each word of the family; then, for a word of
		 * years, their forms */
		const text_t *theme = j < MAX_LANGS * WORD_COUNT ? &words[j / MAX_LANGS] : NULL;
		if (theme && !same_family(word_keys[j / MAX_LANGS], word_keys[w]))
			continue;
		const char *s = theme ? theme->s[j % MAX_LANGS] : NULL;
		int extra = !theme && of_years ? (int)(sizeof years / sizeof *years) : 0;
		for (const char *c = s ? strchr(s, '{') : NULL; c || extra; c = c ? strchr(c + 1, '{') : NULL) {
			char *name = c ? xstrndup(c + 1, strcspn(c + 1, "}")) : xstrdup(years[sizeof years / sizeof *years - (size_t)extra--]);
			if (c && !c[1 + strlen(name)]) {
				free(name);
				break;
			}
			bool seen = n >= max;
			for (int i = 0; i < n && !seen; i++)
				seen = strcmp(slots[i], name) == 0;
			/* (a word about a period is one of years too) */
			of_years |= strcmp(name, "period") == 0;
			for (size_t y = 0; y < sizeof years / sizeof *years; y++)
				of_years |= strcmp(name, years[y]) == 0;
			if (seen)
				free(name);
			else
				slots[n++] = name;
		}
	}
	return n;
}

/* A word of the plan's words.yaml fills in the slots the theme's fills in:
 * another is printed as typed ({form}), as is one in full-width braces. */
static void check_slots(const text_t *words, int w, const text_t *t, pos_t pos)
{
	const char *key = word_keys[w];
	char *slots[32];
	int n = theme_slots(words, w, slots, 32);
	bool told = false;
	for (int k = 0; k < MAX_LANGS && !told; k++) {
		const char *s = t->s[k];
		if (s && (strstr(s, "\uFF5B") || strstr(s, "\uFF5D"))) {
			diag_warning(pos, "the word \"%s\" has full-width braces, which are printed as typed", key);
			diag_hint("write the slots in half-width braces: {from}");
			told = true;
		}
		for (const char *b = s ? strchr(s, '{') : NULL; b && !told; b = strchr(b + 1, '{')) {
			size_t len = strcspn(b + 1, "}");
			if (!b[1 + len])
				break;
			char *typed = xstrndup(b + 1, len);
			bool known = false;
			for (int i = 0; i < n && !known; i++)
				known = strcmp(slots[i], typed) == 0;
			if (!known) {
				buf_t list = BUF_INIT;
				for (int i = 0; i < n; i++)
					buf_printf(&list, "%s{%s}", i ? ", " : "", slots[i]);
				const char *near = n ? load_closest(typed, (const char **)slots, sizeof *slots, n) : NULL;
				diag_warning(pos, "the word \"%s\" has the slot {%s}, which nothing fills in: it is printed as "
						  "typed", key, typed);
				if (near)
					diag_hint("did you mean {%s}? The word \"%s\" fills in %s", near, key, list.ptr);
				else if (n)
					diag_hint("the word \"%s\" fills in %s", key, list.ptr);
				else
					diag_hint("the word \"%s\" fills in nothing: remove the braces", key);
				buf_free(&list);
				told = true;
			}
			free(typed);
		}
	}
	for (int i = 0; i < n; i++)
		free(slots[i]);
}

static void load_words_file(loader_t *l, const ynode *root, const char *what, bool complete)
{
	/* The plan's words.yaml keyed by the theme's word (\u73FE\u6CC1\u5024: {ja: \u73FE\u72B6\u5024}),
	 * not by the word's key (current) */
	for (int i = 0; !complete && i < root->n; i++) {
		ynode *k = root->items[2 * i];
		for (int w = 0; w < WORD_COUNT && k->type == Y_SCALAR && k->str && !k->meant; w++)
			for (int g = 0; g < MAX_LANGS && !k->meant; g++)
				if (l->p->words[w].s[g] && strcmp(l->p->words[w].s[g], k->str) == 0 &&
				    strcmp(word_keys[w], k->str) != 0) {
					diag_error(k->pos, "\"%s\" is a word of the theme, not a key: its key is \"%s\"", k->str,
						   word_keys[w]);
					diag_hint("write %s: {%s: \u2026} to give the plan's own word for it", word_keys[w],
						  l->p->langs[0].code);
					k->meant = word_keys[w];
				}
	}
	load_check_keys(root, word_keys, what);
	/* A word of the plan's parts renamed without the words that go with
	 * it: the theme's are shown beside the plan's (column headings). */
	static const word_t together[][3] = {{WORD_MEASURE, WORD_MEASURES, WORD_MEASURE_SHORT}};
	for (size_t g = 0; !complete && g < sizeof together / sizeof *together; g++) {
		const ynode *given = ytree_get(root, word_keys[together[g][0]]);
		/* (a word that the new one still contains fits it: \u65BD\u7B56 in \u4E3B\u8981\u65BD\u7B56) */
		const ynode *ja = given && given->type == Y_MAP ? ytree_get(given, l->p->langs[0].code) : given;
		const char *now = ja && ja->type == Y_SCALAR ? ja->str : NULL;
		buf_t missing = BUF_INIT;
		for (int k = 1; given && k < 3; k++) {
			const char *theirs = l->p->words[together[g][k]].s[0];
			if (!ytree_get(root, word_keys[together[g][k]]) && !(now && theirs && *theirs && strstr(now, theirs)))
				buf_printf(&missing, "%s%s", missing.len ? ", " : "", word_keys[together[g][k]]);
		}
		if (missing.len) {
			diag_warning(given->pos, "the word \"%s\" is given, but not the words that go with it: the theme's "
						 "stay in headings", word_keys[together[g][0]]);
			diag_hint("give these too, in the plan's own words: %s", missing.ptr);
		}
		buf_free(&missing);
	}
	for (int w = 0; w < WORD_COUNT; w++) {
		const ynode *n = complete ? load_need(root, word_keys[w], what) : ytree_get(root, word_keys[w]);
		if (!n)
			continue;
		text_t t = {0};
		load_text(l, n, &t, "the word");
		if (!t.s[0])
			continue;
		if (!complete)
			check_slots(l->p->words, w, &t, n->pos);
		/* A word the plan gives replaces the theme's in the languages
		 * it gives; the others keep the theme's. */
		for (int k = 0; k < MAX_LANGS; k++)
			if (t.s[k] || k == 0) {
				free(l->p->words[w].s[k]);
				l->p->words[w].s[k] = t.s[k];
			}
		l->p->words[w].pos = t.pos;
	}
}

/* The messages name the plan's parts in its own words, where the plan has
 * the messages' language (diag_set_term). */
static void load_terms(loader_t *l)
{
	static const word_t parts[] = {WORD_BASIC_GOAL, WORD_POLICY,  WORD_MEASURE, WORD_BASELINE,
				       WORD_CURRENT,    WORD_TARGET, WORD_ACTIONS};
	int k = plan_lang_find(l->p, diag_lang());
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		diag_set_term(word_keys[parts[i]], k >= 0 ? plan_word(l->p, parts[i], k) : NULL);
}

/* The theme gives every word (its words are not the plan's texts: they
 * count nothing towards the plan's translation); the plan may give its own
 * for any of them. */
static void load_words(loader_t *l, const char *theme)
{
	l->theme_words = true;
	ynode *root = load_open_yaml(l, theme, "words.yaml", true);
	if (root)
		load_words_file(l, root, "the theme's words.yaml", true);
	ytree_free(root);
	l->theme_words = false;
	root = load_open_yaml(l, l->dir, "words.yaml", false);
	if (root)
		load_words_file(l, root, "words.yaml", false);
	ytree_free(root);
	/* A language neither the theme nor the plan has the interface's words
	 * in (all but a few, such as the languages' names): its pages show
	 * menus and headings in the default language. */
	plan_t *p = l->p;
	for (int lang = 1; lang < p->nlangs; lang++) {
		int have = 0;
		for (int w = 0; w < WORD_COUNT; w++)
			have += p->words[w].s[lang] != NULL;
		if (have * 2 >= WORD_COUNT)
			continue;
		diag_warning(l->languages.file >= 0 ? l->languages : POS_NONE,
			     "the interface has no %s words: the %s pages show their menus and headings in %s",
			     _(plan_lang_name(p, lang)), p->langs[lang].code, _(plan_lang_name(p, 0)));
		diag_hint("give each word of the theme's words.yaml in words.yaml with %s: \u2026 (see content/README.md)",
			  p->langs[lang].code);
	}
}

/* ---- charts.yaml: the theme's colours ------------------------------------ */

static double luminance(rgb_t c)
{
	double v[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
	for (int i = 0; i < 3; i++)
		v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

/* WCAG's contrast ratio of two colours, 1 to 21. */
static double contrast(rgb_t a, rgb_t b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static void load_colours(loader_t *l, const char *theme)
{
	static const char *const keys[] = {"ink", "paper", "baseline", "current", "target", "box", "trend", NULL};
	ynode *root = load_open_yaml(l, theme, "charts.yaml", true);
	if (!root)
		return;
	load_check_keys(root, keys, "charts.yaml");
	bool ok = true;
	for (int c = 0; c < COLOUR_COUNT; c++) {
		const ynode *n = load_need(root, keys[c], "charts.yaml");
		unsigned r, g, b;
		char end;
		if (n && (n->type != Y_SCALAR || sscanf(n->str, "#%2x%2x%2x%c", &r, &g, &b, &end) != 3 ||
			  strlen(n->str) != 7)) {
			diag_error(n->pos, "a colour is written #RRGGBB, found \"%s\"", n->type == Y_SCALAR ? n->str : "…");
			diag_hint("for example \"#1F5FA8\", in quotes");
			n = NULL;
		}
		if (n)
			l->p->colours[c] = (rgb_t){(unsigned char)r, (unsigned char)g, (unsigned char)b};
		ok = ok && n;
	}
	/* JIS X 8341-3 AA (WCAG 1.4.3, 1.4.11): text 4.5:1 on what it is
	 * written on; the target's outlined bars and the trend arrow 3:1 on
	 * the paper. */
	static const struct {
		colour_t a, b;
		double min;
	} pairs[] = {
		{COLOUR_INK, COLOUR_PAPER, 4.5},     {COLOUR_PAPER, COLOUR_BASELINE, 4.5},
		{COLOUR_PAPER, COLOUR_CURRENT, 4.5}, {COLOUR_TARGET, COLOUR_PAPER, 3.0},
		{COLOUR_INK, COLOUR_BOX, 4.5},       {COLOUR_CURRENT, COLOUR_BOX, 4.5},
		{COLOUR_TREND, COLOUR_PAPER, 3.0},
	};
	for (size_t i = 0; ok && i < sizeof pairs / sizeof *pairs; i++) {
		double r = contrast(l->p->colours[pairs[i].a], l->p->colours[pairs[i].b]);
		if (r < pairs[i].min) {
			const ynode *n = ytree_get(root, keys[pairs[i].a]);
			diag_error(n->pos, "\"%s\" on \"%s\" has a contrast of %.2f:1; it needs %.1f:1 to be read",
				   keys[pairs[i].a], keys[pairs[i].b], r, pairs[i].min);
			diag_hint("make one of the two darker or lighter (JIS X 8341-3 AA)");
		}
	}
	ytree_free(root);
}

static bool same_line(const missing_t *a, const missing_t *b)
{
	return a->lang == b->lang && a->pos.file == b->pos.file && a->pos.line == b->pos.line &&
	       strcmp(a->message, b->message) == 0;
}

/* Missing translations, language by language: each one where the language
 * has some texts; one line for a language the plan has none in (its pages
 * and booklet show the default language's texts). */
static void report_missing(loader_t *l)
{
	plan_t *p = l->p;
	for (int u = 0; u < l->nunused; u++) {
		diag_warning(l->unused_at[u], "the texts in \"%s\" are not used: plan.yaml does not list this language",
			     l->unused[u]);
		diag_hint("add it to languages: in plan.yaml, or leave it out");
	}
	for (int lang = 1; lang < p->nlangs; lang++) {
		const coverage_t *c = &p->coverage;
		bool none = c->translated[lang] == 0 && c->docs_translated[lang] == 0 && c->texts + c->docs > 0;
		if (none) {
			diag_warning(l->languages.file >= 0 ? l->languages : POS_NONE,
				     "the plan has no %s texts: its %s pages and booklet show the %s ones",
				     _(plan_lang_name(p, lang)), p->langs[lang].code, _(plan_lang_name(p, 0)));
			diag_hint("add %s: … beside each %s: … text, and %s/chapters/, %s/policies/, %s/measures/",
				  p->langs[lang].code, p->langs[0].code, p->langs[lang].code, p->langs[lang].code,
				  p->langs[lang].code);
		}
		/* A language begun (most texts without it): a line per file, not
		 * hundreds, one per text. */
		int nmiss = 0;
		for (int i = 0; i < l->nmissing; i++)
			nmiss += l->missing[i].lang == lang;
		bool begun = !none && nmiss > 20 && c->translated[lang] * 2 < c->texts;
		for (int i = 0; i < l->nmissing && begun; i++) {
			const missing_t *m = &l->missing[i];
			bool first = m->lang == lang;
			for (int k = 0; k < i && first; k++)
				first = !(l->missing[k].lang == lang && l->missing[k].pos.file == m->pos.file);
			if (!first)
				continue;
			int count = 0;
			for (int k = i; k < l->nmissing; k++)
				count += l->missing[k].lang == lang && l->missing[k].pos.file == m->pos.file;
			if (count == 1) { /* (a Markdown file without its translation) */
				diag_warning(m->pos, "%s", m->message);
				diag_hint("%s", m->hint);
				continue;
			}
			diag_warning(m->pos, diag_ntr("%d text of this file has no %s translation, from this one on",
						      "%d texts of this file have no %s translation, from this one on",
						      (unsigned long)count),
				     count, _(plan_lang_name(p, lang)));
			diag_hint("%s", m->hint);
		}
		for (int i = 0; i < l->nmissing; i++) {
			const missing_t *m = &l->missing[i];
			if (m->lang != lang || none || begun)
				continue;
			/* A list of categories in [ ] without English: one warning for the line, not one per item. */
			int more = 0;
			while (i + more + 1 < l->nmissing && same_line(m, &l->missing[i + more + 1]))
				more++;
			diag_warning(m->pos, "%s", m->message);
			if (more)
				diag_hint(diag_ntr("the same for %d more on this line", "the same for %d more on this line", (unsigned long)more),
					  more);
			diag_hint("%s", m->hint);
			i += more;
		}
	}
	for (int i = 0; i < l->nmissing; i++) {
		free(l->missing[i].message);
		free(l->missing[i].hint);
	}
	free(l->missing);
}

/* ---- the whole folder -------------------------------------------------- */

static bool has_file(const char *dir, const char *name)
{
	buf_t path = BUF_INIT;
	buf_printf(&path, "%s/%s", dir, name);
	bool there = access(path.ptr, F_OK) == 0;
	buf_free(&path);
	return there;
}


plan_t *load_content(const char *dir, const char *theme, bool *env_error)
{
	loader_t l = {.p = plan_new(), .dir = dir, .languages = POS_NONE};
	load_terms(&l); /* none yet: a previous plan's words are forgotten */
	/* The messages are in the plan's language unless the person chose
	 * one: plangen's default language until plan.yaml says. */
	diag_set_lang(l.p->langs[0].code, false);
	l.p->dir = xstrdup(dir);
	DIR *d = opendir(dir);
	if (!d) {
		diag_fatal("cannot open the content folder \"%s\": %s", dir, strerror(errno));
		*env_error = true;
		return l.p;
	}
	closedir(d);
	/* Not a content folder at all (--content content/ja): said once, not
	 * for each file it lacks. */
	if (!has_file(dir, "plan.yaml") && !has_file(dir, "structure.yaml")) {
		/* the folder above: dir without its last part (content/ja/ -> content) */
		size_t n = strlen(dir);
		while (n > 1 && dir[n - 1] == '/')
			n--;
		while (n > 0 && dir[n - 1] != '/')
			n--;
		while (n > 1 && dir[n - 1] == '/')
			n--;
		buf_t up = BUF_INIT;
		if (strcmp(dir, ".") == 0)
			buf_puts(&up, "..");
		else if (n == 0 || strcmp(dir + n, ".") == 0)
			buf_printf(&up, "%s/..", dir);
		else
			buf_put(&up, dir, n);
		bool above = has_file(up.ptr, "plan.yaml");
		diag_fatal("\"%s\" is not a content folder: it has no plan.yaml or structure.yaml", dir);
		if (above)
			diag_hint("the folder above it is one: --content %s", up.ptr);
		else if (has_file(dir, "indicators.json")) /* a published edition's downloads/, given to diff */
			diag_hint("it holds published open data: give its file, %s/indicators.json", dir);
		else
			diag_hint("a content folder holds plan.yaml, structure.yaml, indicators.yaml and the folders of "
				  "the texts (see content/README.md)");
		buf_free(&up);
		*env_error = true;
		return l.p;
	}
	ynode *plan = load_open_yaml(&l, dir, "plan.yaml", true);
	if (plan)
		load_languages(&l, plan);
	diag_set_lang(l.p->langs[0].code, false);
	load_words(&l, theme);
	load_terms(&l);
	load_colours(&l, theme);
	if (plan)
		load_plan(&l, plan);
	ytree_free(plan);
	load_glossary(&l); /* first: every text after it is checked against its terms */
	load_organization(&l);
	load_structure(&l);
	load_indicators(&l);
	load_figures(&l);
	load_tables(&l);
	load_chapters(&l);
	if (l.structure_ok) {
		load_bodies(&l, "policies", l.p->policies, sizeof *l.p->policies, l.p->npolicies,
			    offsetof(policy_t, body), offsetof(policy_t, pos), "policy");
		load_bodies(&l, "measures", l.p->measures, sizeof *l.p->measures, l.p->nmeasures,
			    offsetof(measure_t, body), offsetof(measure_t, pos), "measure");
		load_check_cycles(&l);
		load_check_links(&l);
		if (diag_errors() == 0)
			load_check_booklet(&l);
	}
	load_report_unknown(&l);
	report_missing(&l);
	load_forget_indexes(&l);
	free(l.term_order);
	free(l.empty_told);
	free(l.marks);
	*env_error = l.env_error;
	return l.p;
}
