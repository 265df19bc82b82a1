/* model.c — lifetime of the plan, look-ups, and what is derived from it. */
#include "model.h"
#include "utf8.h"

#include <ctype.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *text_get(const text_t *t, lang_t lang)
{
	if (lang > 0 && lang < MAX_LANGS && t->s[lang])
		return t->s[lang];
	return t->s[0] ? t->s[0] : "";
}

static void text_fini(text_t *t)
{
	for (int l = 0; l < MAX_LANGS; l++)
		free(t->s[l]);
}

void num_format(buf_t *out, num_t n)
{
	char digits[64];
	snprintf(digits, sizeof digits, "%.*f", n.decimals, fabs(n.v));
	if (n.v < 0 && strspn(digits, "0.") != strlen(digits))
		buf_putc(out, '-');
	size_t intlen = strcspn(digits, ".");
	for (size_t i = 0; i < intlen; i++) {
		if (i > 0 && (intlen - i) % 3 == 0)
			buf_putc(out, ',');
		buf_putc(out, digits[i]);
	}
	buf_puts(out, digits + intlen);
}

linkkind_t plan_link_kind(const char *url, char scheme[16])
{
	scheme[0] = '\0';
	while (*url && (unsigned char)*url <= ' ')
		url++;
	/* The address as a browser reads it: without tabs and line breaks. */
	char head[24];
	size_t n = 0;
	for (const char *c = url; *c && n < sizeof head - 1; c++)
		if (*c != '\t' && *c != '\n' && *c != '\r')
			head[n++] = *c == '\\' ? '/' : *c;
	head[n] = '\0';
	if (head[0] == '/')
		return head[1] == '/' ? LINK_WEB : LINK_ROOTED;
	size_t k = 0;
	if ((head[0] | 0x20) >= 'a' && (head[0] | 0x20) <= 'z')
		while (head[k] && (isalnum((unsigned char)head[k]) || head[k] == '+' || head[k] == '-' || head[k] == '.'))
			k++;
	if (k == 0 || head[k] != ':')
		return LINK_RELATIVE;
	if (k > 15)
		k = 15;
	for (size_t i = 0; i < k; i++)
		scheme[i] = (char)tolower((unsigned char)head[i]);
	scheme[k] = '\0';
	if (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0)
		return LINK_WEB;
	if (strcmp(scheme, "mailto") == 0 || strcmp(scheme, "tel") == 0)
		return LINK_CONTACT;
	return LINK_UNSAFE;
}

/* The pages of the site besides the chapters', policies' and measures'
 * (some only when the plan has something for them: plan_has_page). */
static const char *const site_pages[] = {"index",     "indicators", "structure", "revisions",     "committee",
					 "downloads", "search",     "404",       "accessibility", NULL};

const char *plan_name_taken(const char *name)
{
	static const char *const folders[] = {"sitemap", "assets", "media", "ja", "en", NULL};
	static const char *const devices[] = {"con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5",
					      "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5",
					      "lpt6", "lpt7", "lpt8", "lpt9", NULL};
	for (int i = 0; site_pages[i]; i++)
		if (strcasecmp(name, site_pages[i]) == 0)
			return "a page or folder that plangen makes";
	for (int i = 0; folders[i]; i++)
		if (strcasecmp(name, folders[i]) == 0)
			return "a page or folder that plangen makes";
	if (strncasecmp(name, "policy-", 7) == 0 || strncasecmp(name, "measure-", 8) == 0)
		return "the pages of policies and measures";
	for (int i = 0; devices[i]; i++)
		if (strcasecmp(name, devices[i]) == 0)
			return "Windows, for a device";
	return NULL;
}

/* The address after "scheme://" (url's own when it has none). */
static const char *after_scheme(const char *url)
{
	const char *s = strstr(url, "://");
	return s ? s + 3 : url;
}

char *plan_site_address(const plan_t *p, lang_t from, const char *url, bool *default_folder)
{
	if (default_folder)
		*default_folder = false;
	char scheme[16];
	if (!p->base_url || plan_link_kind(p->base_url, scheme) != LINK_WEB || plan_link_kind(url, scheme) != LINK_WEB)
		return NULL;
	const char *base = after_scheme(p->base_url), *at = after_scheme(url);
	size_t n = strlen(base) - 1; /* without its last / */
	if (strncasecmp(at, base, n) != 0 || (at[n] && at[n] != '/' && at[n] != '#' && at[n] != '?'))
		return NULL;
	const char *rest = at + n + (at[n] == '/');
	buf_t rel = BUF_INIT;
	lang_t to = 0; /* the language whose folder it names */
	for (lang_t l = 0; l < p->nlangs; l++) {
		size_t k = strlen(p->langs[l].code);
		if (strncmp(rest, p->langs[l].code, k) == 0 && (!rest[k] || strchr("/#?", rest[k]))) {
			to = l; /* the default language's has no folder: its pages are at the top */
			rest += k + (rest[k] == '/');
			if (l == 0 && default_folder)
				*default_folder = true;
			break;
		}
	}
	if (from != to)
		buf_printf(&rel, "%s%s%s", from ? "../" : "", to ? p->langs[to].code : "", to ? "/" : "");
	size_t name = strcspn(rest, "#?");
	if (!*rest || *rest == '#' || *rest == '?' || rest[strlen(rest) - 1] == '/') {
		buf_printf(&rel, "%sindex.html%s", rest[0] && rest[0] != '#' && rest[0] != '?' ? rest : "",
			   *rest == '#' || *rest == '?' ? rest : "");
	} else if (!memchr(rest, '.', name) && !memchr(rest, '/', name)) {
		/* a page named as some servers serve it, without .html */
		buf_printf(&rel, "%.*s.html%s", (int)name, rest, rest + name);
	} else {
		buf_puts(&rel, rest);
	}
	return buf_detach(&rel);
}

char *plan_url_decoded(const char *s)
{
	char *out = xstrdup(s), *o = out;
	for (const char *c = s; *c; c++) {
		unsigned v;
		if (c[0] == '%' && isxdigit((unsigned char)c[1]) && isxdigit((unsigned char)c[2]) &&
		    sscanf(c + 1, "%2x", &v) == 1 && v) {
			*o++ = (char)v;
			c += 2;
		} else {
			*o++ = *c;
		}
	}
	*o = '\0';
	return out;
}

bool plan_has_page(const plan_t *p, const char *name)
{
	if (strcmp(name, "revisions") == 0)
		return p->nsets >= 2;
	if (strcmp(name, "committee") == 0)
		return plan_members_table(p) >= 0;
	if (strcmp(name, "accessibility") == 0)
		return p->a11y_level != NULL;
	for (int i = 0; site_pages[i]; i++)
		if (strcmp(name, site_pages[i]) == 0)
			return true;
	for (int i = 0; i < p->nchapters; i++)
		if (p->chapters[i].id && strcmp(name, p->chapters[i].id) == 0)
			return true;
	for (int i = 0; i < p->npolicies; i++)
		if (strncmp(name, "policy-", 7) == 0 && p->policies[i].id && strcmp(name + 7, p->policies[i].id) == 0)
			return true;
	for (int i = 0; i < p->nmeasures; i++)
		if (strncmp(name, "measure-", 8) == 0 && p->measures[i].id && strcmp(name + 8, p->measures[i].id) == 0)
			return true;
	return false;
}

const char *const plan_data_files[DL_DATA_COUNT] = {
	[DL_CSV] = "downloads/indicators.csv",
	[DL_JSON] = "downloads/indicators.json",
	[DL_ITEMS] = "downloads/indicators-items.csv",
	[DL_VALUES] = "downloads/indicators-values.csv",
	[DL_VALUES_ITEMS] = "downloads/indicators-values-items.csv",
};

void plan_booklet_file(buf_t *out, const plan_t *p, lang_t lang, bool press)
{
	buf_printf(out, "downloads/plan-%s%s.pdf", p->langs[lang].code, press ? "-press" : "");
}

bool plan_download(const plan_t *p, int i, buf_t *out)
{
	out->len = 0;
	if (i < DL_DATA_COUNT)
		buf_puts(out, plan_data_files[i]);
	else if (i < DL_DATA_COUNT + 2 * p->nlangs)
		plan_booklet_file(out, p, (lang_t)((i - DL_DATA_COUNT) / 2), (i - DL_DATA_COUNT) % 2);
	else
		return false;
	return true;
}

const char **plan_site_pages(const plan_t *p, int *count)
{
	const char **names = xcalloc((size_t)p->nchapters + sizeof site_pages / sizeof *site_pages, sizeof *names);
	int n = 0;
	for (int i = 0; site_pages[i]; i++)
		if (strcmp(site_pages[i], "404") != 0 && plan_has_page(p, site_pages[i]))
			names[n++] = site_pages[i];
	for (int i = 0; i < p->nchapters; i++)
		if (p->chapters[i].id)
			names[n++] = p->chapters[i].id;
	*count = n;
	return names;
}

/* The anchors of a text's headings, and those of the policies and
 * measures it places with theirs (depth: how deep such places nest). */
static void doc_anchors(const plan_t *p, lang_t lang, const md_node *doc, anchors_t *a, int depth)
{
	for (const md_node *n = doc; n; n = md_next(n, doc)) {
		if (n->type == MD_HEADING)
			anchors_heading(a, n);
		else if (n->type == MD_DATA && n->ref >= 0 && depth < 4 &&
			   (n->data == DATA_POLICY || n->data == DATA_MEASURE)) {
			bool m = n->data == DATA_MEASURE;
			md_node *const *body = m ? p->measures[n->ref].body : p->policies[n->ref].body;
			buf_t id = BUF_INIT;
			plan_part_page(&id, m, m ? p->measures[n->ref].id : p->policies[n->ref].id);
			anchors_take(a, id.ptr);
			buf_free(&id);
			doc_anchors(p, lang, body[lang] ? body[lang] : body[0], a, depth + 1);
		}
	}
}

/* The id of the plan's i-th text, and (*kind) what its page's name
 * begins with: "" for a chapter, "policy-", "measure-". */
static const char *text_id(const plan_t *p, int i, const char **kind)
{
	*kind = i < p->nchapters ? "" : i < p->nchapters + p->npolicies ? "policy-" : "measure-";
	return i < p->nchapters			    ? p->chapters[i].id
	       : i < p->nchapters + p->npolicies ? p->policies[i - p->nchapters].id
						 : p->measures[i - p->nchapters - p->npolicies].id;
}

void plan_part_page(buf_t *out, bool measure, const char *id)
{
	buf_printf(out, "%s-%s", measure ? "measure" : "policy", id);
}

void plan_text_page(buf_t *out, const plan_t *p, int i)
{
	const char *kind, *id = text_id(p, i, &kind);
	if (id && *kind)
		plan_part_page(out, i >= p->nchapters + p->npolicies, id);
	else if (id)
		buf_puts(out, id);
}

md_node *const *plan_text_docs(const plan_t *p, int i)
{
	if (i < p->nchapters)
		return p->chapters[i].doc;
	if (i < p->nchapters + p->npolicies)
		return p->policies[i - p->nchapters].body;
	return p->measures[i - p->nchapters - p->npolicies].body;
}

void plan_text_anchors(const plan_t *p, lang_t lang, int i, anchors_t *a)
{
	const char *kind, *id = text_id(p, i, &kind);
	if (*kind && id) { /* a policy's or a measure's page: its numbered title */
		buf_t name = BUF_INIT;
		plan_text_page(&name, p, i);
		anchors_take(a, name.ptr);
		buf_free(&name);
	}
	md_node *const *docs = plan_text_docs(p, i);
	doc_anchors(p, lang, docs[lang] ? docs[lang] : docs[0], a, *kind != '\0');
}

bool plan_page_anchors(const plan_t *p, lang_t lang, const char *name, anchors_t *a)
{
	for (int i = 0; i < p->nchapters + p->npolicies + p->nmeasures; i++) {
		const char *kind, *id = text_id(p, i, &kind);
		size_t k = strlen(kind);
		if (id && strncmp(name, kind, k) == 0 && strcmp(name + k, id) == 0) {
			plan_text_anchors(p, lang, i, a);
			return true;
		}
	}
	return false;
}

md_node *md_next(const md_node *n, const md_node *root)
{
	if (n->first)
		return n->first;
	while (n && n != root && !n->next)
		n = n->parent;
	return n && n != root ? n->next : NULL;
}

void md_flat_text(buf_t *out, const md_node *n)
{
	for (const md_node *c = n; c; c = md_next(c, n))
		if ((c->type == MD_TEXT || c->type == MD_CODE) && c->text)
			buf_puts(out, c->text);
}

bool md_places_chart(const md_node *doc, int ind)
{
	for (const md_node *n = doc; n; n = md_next(n, doc))
		if (n->type == MD_DATA && n->data == DATA_CHART && n->ref == ind)
			return true;
	return false;
}

int md_note_number(const md_node *para)
{
	const md_node *t = para->type == MD_PARAGRAPH ? para->first : NULL;
	int n;
	size_t len = t && t->type == MD_TEXT && t->text ? text_note_mark(t->text, &n) : 0;
	return len && utf8_spaces(t->text + len, strlen(t->text + len)) ? n : 0;
}

static bool in_ranges(uint32_t cp, const uint32_t (*ranges)[2], size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return true;
	return false;
}

/* Whether cp is punctuation or a symbol, which an anchor leaves out:
 * Latin-1's signs, general punctuation (dashes, quotes, the reference
 * mark), letterlike symbols (degrees Celsius), arrows, mathematical
 * operators, box drawing and shapes, CJK punctuation and brackets (not
 * the iteration marks U+3005-3007), the katakana middle dot, enclosed
 * and squared CJK signs, the full-width signs, and emoji with their
 * variation selectors, keycaps and the private use area.  What is left
 * is letters and digits, as an HTML validator wants an id. */
static bool anchor_drops(uint32_t cp)
{
	static const uint32_t ranges[][2] = {
		{0x80, 0xBF},	  {0xD7, 0xD7},	    {0xF7, 0xF7},     {0x2000, 0x214F}, {0x2190, 0x245F},
		{0x2500, 0x27BF}, {0x3001, 0x3004}, {0x3008, 0x303F}, {0x30FB, 0x30FB}, {0x3200, 0x33FF},
		{0xFE30, 0xFE4F}, {0xFF01, 0xFF0F}, {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65},
		{0xFFE0, 0xFFEF}, {0x20D0, 0x20FF}, {0xE000, 0xF8FF}, {0xFE00, 0xFE0F}, {0x1F000, 0x1FAFF},
	};
	return in_ranges(cp, ranges, sizeof ranges / sizeof *ranges);
}

/* Whether cp, kept, is a letter, with which an anchor begins: not a
 * digit, Roman numeral, circled number or the ideographic zero. */
static bool anchor_letter(uint32_t cp)
{
	static const uint32_t numbers[][2] = {{0x2150, 0x218F}, {0x2460, 0x24FF}, {0x3007, 0x3007}};
	return cp < 0x80 ? isalpha((int)cp) : !in_ranges(cp, numbers, sizeof numbers / sizeof *numbers);
}

/* The site's own ids (out_html.c, html_blocks.c): a heading's anchor
 * never takes one of these, or begins as these do. */
static bool anchor_reserved(const char *id)
{
	static const char *const whole[] = {"main", "contents", "q"};
	static const char *const heads[] = {"fig-",	"ind-",	 "note-", "site-",   "caption-", "structure-",
					    "table-", "toc-", "rv-",   "search-", "policy-",  "measure-"};
	for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
		if (strcmp(id, whole[i]) == 0)
			return true;
	for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
		if (strncmp(id, heads[i], strlen(heads[i])) == 0)
			return true;
	return false;
}

bool anchors_has(const anchors_t *a, const char *id)
{
	for (int i = 0; i < a->n; i++)
		if (strcmp(a->ids[i], id) == 0)
			return true;
	return false;
}

const char *anchors_take(anchors_t *a, const char *id)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 16;
		a->ids = xrealloc(a->ids, (size_t)a->cap * sizeof *a->ids);
		a->heads = xrealloc(a->heads, (size_t)a->cap * sizeof *a->heads);
	}
	a->heads[a->n] = NULL;
	return a->ids[a->n++] = xstrdup(id);
}

const char *anchors_add(anchors_t *a, const char *text)
{
	buf_t id = BUF_INIT;
	size_t len = strlen(text);
	bool gap = false; /* spaces since the last character kept */
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = utf8_decode(text + i, len - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		if (cp >= 0xFF01 && cp <= 0xFF5E && isalnum((int)(cp - 0xFEE0)))
			cp -= 0xFEE0; /* full-width letters and digits as ASCII */
		/* Spaces, hyphens and dashes part words, as do the CJK brackets and
		 * marks (\u30fb between two words); other signs are left out. */
		bool drop = cp < 0x80 ? !isalnum((int)cp) && cp != '_' : anchor_drops(cp);
		bool space = cp == ' ' || cp == '\t' || cp == '\n' || cp == 0x3000 || cp == '-';
		if (space || (drop && (cp >= 0x3000 || utf8_is_dash(cp)))) {
			gap = true;
			continue;
		}
		if (drop || (!id.len && !anchor_letter(cp)))
			continue; /* a number before the words (1-2 Outline) too */
		if (gap && id.len)
			buf_putc(&id, '-');
		gap = false;
		if (cp < 0x80)
			buf_putc(&id, (char)tolower((int)cp));
		else
			buf_put(&id, text + i - k, (size_t)k);
	}
	if (!id.len)
		buf_puts(&id, "section");
	else if (anchor_reserved(id.ptr)) {
		buf_t prefixed = BUF_INIT;
		buf_printf(&prefixed, "section-%s", id.ptr);
		buf_free(&id);
		id = prefixed;
	}
	size_t base = id.len;
	for (int n = 1; anchors_has(a, id.ptr); n++) {
		id.len = base;
		buf_printf(&id, "-%d", n);
	}
	const char *made = anchors_take(a, id.ptr);
	buf_free(&id);
	return made;
}

const char *anchors_heading(anchors_t *a, const md_node *heading)
{
	buf_t text = BUF_INIT;
	md_flat_text(&text, heading);
	const char *id = anchors_add(a, text.ptr);
	a->heads[a->n - 1] = heading;
	buf_free(&text);
	return id;
}

void anchors_free(anchors_t *a)
{
	for (int i = 0; i < a->n; i++)
		free(a->ids[i]);
	free(a->ids);
	free(a->heads);
	*a = (anchors_t){0};
}

static const md_node *note_in(const md_node *doc, int number)
{
	for (const md_node *n = doc; n; n = md_next(n, doc))
		if (n->type == MD_PARAGRAPH && md_note_number(n) == number)
			return n;
	return NULL;
}

const md_node *plan_note(const plan_t *p, lang_t lang, int number, bool *fallback)
{
	const md_node *hit = NULL;
	for (int pass = 0; pass < 2 && !hit; pass++) {
		lang_t l = pass ? 0 : lang;
		*fallback = pass;
		for (int i = 0; i < p->nchapters && !hit; i++)
			hit = note_in(p->chapters[i].doc[l], number);
		for (int i = 0; i < p->npolicies && !hit; i++)
			hit = note_in(p->policies[i].body[l], number);
		for (int i = 0; i < p->nmeasures && !hit; i++)
			hit = note_in(p->measures[i].body[l], number);
	}
	return hit;
}

void md_free(md_node *n)
{
	if (n)
		n->parent = NULL;
	/* Iterative, so that deeply nested Markdown cannot exhaust the stack. */
	while (n) {
		if (n->first) {
			md_node *c = n->first;
			n->first = c->next;
			c->next = NULL;
			c->parent = n;
			n = c;
			continue;
		}
		md_node *up = n->parent;
		free(n->text);
		free(n);
		n = up;
	}
}

bool text_fallback(const text_t *t, lang_t lang)
{
	return lang > 0 && lang < MAX_LANGS && !t->s[lang] && t->s[0] && *t->s[0];
}

bool text_has(const text_t *t) { return t->s[0] && *t->s[0]; }

static const char *const lang_names[][2] = {
		{"ja", N_("Japanese")}, {"en", N_("English")}, {"ko", N_("Korean")}, {"zh", N_("Chinese")}, {"zh-Hans", N_("Chinese")},
		{"zh-Hant", N_("Chinese")}, {"pt", N_("Portuguese")}, {"es", N_("Spanish")}, {"vi", N_("Vietnamese")},
		{"tl", N_("Tagalog")}, {"fil", N_("Filipino")}, {"ne", N_("Nepali")}, {"id", N_("Indonesian")}, {"th", N_("Thai")},
		{"my", N_("Burmese")}, {"fr", N_("French")}, {"de", N_("German")}, {"ru", N_("Russian")}, {"uk", N_("Ukrainian")},
};

const char *plan_lang_name(const plan_t *p, lang_t lang)
{
	for (size_t i = 0; i < sizeof lang_names / sizeof *lang_names; i++)
		if (strcmp(lang_names[i][0], p->langs[lang].code) == 0)
			return lang_names[i][1];
	return p->langs[lang].code;
}

bool plan_lang_known(const char *code)
{
	for (size_t i = 0; i < sizeof lang_names / sizeof *lang_names; i++)
		if (strcmp(lang_names[i][0], code) == 0)
			return true;
	return false;
}

void plan_lang_label(buf_t *out, const plan_t *p, lang_t which, lang_t in)
{
	/* The word language_names lists "code:name" pairs, separated by
	 * spaces; a name may hold spaces too: it ends where the next pair
	 * begins. */
	const char *code = p->langs[which].code, *list = plan_word(p, WORD_LANGUAGE_NAMES, in);
	size_t n = strlen(code);
	for (const char *s = list; *s; s++) {
		if ((s == list || s[-1] == ' ') && strncmp(s, code, n) == 0 && s[n] == ':') {
			const char *name = s + n + 1, *end = name;
			while (*end) {
				const char *sp = strchr(end, ' ');
				const char *colon = sp ? strchr(sp + 1, ':') : NULL;
				const char *next = sp ? strchr(sp + 1, ' ') : NULL;
				if (!sp || (colon && (!next || colon < next))) {
					end = sp ? sp : end + strlen(end);
					break;
				}
				end = sp + 1;
			}
			buf_put(out, name, (size_t)(end - name));
			return;
		}
	}
	buf_puts(out, code);
}

int plan_lang_find(const plan_t *p, const char *code)
{
	for (int l = 0; l < p->nlangs; l++)
		if (strcmp(p->langs[l].code, code) == 0)
			return l;
	return -1;
}

const char *const word_keys[WORD_COUNT + 1] = {
#define X(id, key) key,
	WORD_LIST
#undef X
	NULL};

const char *plan_word(const plan_t *p, word_t w, lang_t lang) { return text_get(&p->words[w], lang); }

int plan_members_table(const plan_t *p)
{
	for (int i = 0; i < p->ntables; i++)
		if (p->tables[i].role == TABLE_MEMBERS)
			return i;
	return -1;
}

void text_fill(buf_t *out, const char *pattern, const char *const *vars)
{
	for (const char *s = pattern; *s; s++) {
		const char *end = *s == '{' ? strchr(s, '}') : NULL;
		const char *value = NULL;
		for (int i = 0; end && vars[i] && !value; i += 2)
			if (strlen(vars[i]) == (size_t)(end - s - 1) && strncmp(s + 1, vars[i], (size_t)(end - s - 1)) == 0)
				value = vars[i + 1];
		if (value) {
			buf_puts(out, value);
			s = end;
		} else {
			buf_putc(out, *s);
		}
	}
}

void plan_word_fill(buf_t *out, const plan_t *p, word_t w, lang_t lang, const char *const *vars)
{
	text_fill(out, plan_word(p, w, lang), vars);
}

void plan_word_fmt(buf_t *out, const plan_t *p, word_t w, lang_t lang, ...)
{
	const char *vars[16];
	int n = 0;
	va_list ap;
	va_start(ap, lang);
	for (const char *v; n < 14 && (v = va_arg(ap, const char *));)
		vars[n++] = v;
	va_end(ap);
	vars[n & ~1] = NULL;
	plan_word_fill(out, p, w, lang, vars);
}

/* One era of the word eras ("NAME:2019:R NAME:1989:H"), read from *s,
 * which moves to the next; false after the last. */
typedef struct {
	const char *name;
	size_t len;
	int start;
	char letter; /* 0: none */
} era_t;

static bool era_next(const char **s, era_t *e)
{
	const char *t = *s + strspn(*s, " "), *colon = strchr(t, ':');
	size_t end = strcspn(t, " ");
	if (!*t || !colon || (size_t)(colon - t) >= end)
		return false;
	*e = (era_t){t, (size_t)(colon - t), atoi(colon + 1), 0};
	const char *letter = strchr(colon + 1, ':');
	if (letter && letter < t + end && letter[1] != ' ')
		e->letter = letter[1];
	*s = t + end;
	return true;
}

/* A year in the era of the words eras: the era's name and "3". */
static void era_of(buf_t *out, const plan_t *p, lang_t lang, int year)
{
	const char *eras = plan_word(p, WORD_ERAS, lang);
	era_t e, best = {NULL, 0, 0, 0};
	while (era_next(&eras, &e))
		if (e.start <= year && e.start > best.start)
			best = e;
	if (!best.name) {
		buf_printf(out, "%d", year);
		return;
	}
	char *era = xstrndup(best.name, best.len), n[16];
	snprintf(n, sizeof n, "%d", year - best.start + 1);
	const char *vars[] = {"era", era, "n", year == best.start ? plan_word(p, WORD_ERA_FIRST, lang) : n, NULL};
	plan_word_fill(out, p, WORD_ERA_YEAR, lang, vars);
	free(era);
}

/* Whether s is one of the space-separated words of list (or empty). */
static bool one_of(const char *s, const char *list)
{
	if (!*s)
		return true;
	for (size_t n = strlen(s); *list; list += strspn(list, " ")) {
		size_t len = strcspn(list, " ");
		if (len == n && strncmp(list, s, n) == 0)
			return true;
		list += len;
	}
	return false;
}

/* The year of text in era e of language lang, or 0. */
static int era_year_in(const plan_t *p, lang_t lang, const era_t *e, const char *text)
{
	const char *s = NULL, *first = plan_word(p, WORD_ERA_FIRST, lang);
	if (strncmp(text, e->name, e->len) == 0)
		s = text + e->len + strspn(text + e->len, " ");
	else if (e->letter && (text[0] | 32) == (e->letter | 32) && text[1] >= '0' && text[1] <= '9')
		s = text + 1;
	if (!s)
		return 0;
	int year = 0;
	if (*first && strncmp(s, first, strlen(first)) == 0) {
		year = 1;
		s += strlen(first);
	} else {
		while (*s >= '0' && *s <= '9' && year < 100)
			year = year * 10 + (*s++ - '0');
	}
	if (year < 1 || year > 99 || !one_of(s, plan_word(p, WORD_YEAR_SUFFIXES, lang)))
		return 0;
	return e->start + year - 1;
}

int plan_era_year(const plan_t *p, const char *written)
{
	/* Full-width digits (U+FF10–FF19) as the digits they are. */
	buf_t b = BUF_INIT;
	for (const char *s = written; *s; s++) {
		if (utf8_wide_digit(s) >= 0)
			buf_putc(&b, (char)('0' + utf8_wide_digit(s))), s += 2;
		else
			buf_putc(&b, *s);
	}
	const char *text = b.ptr ? b.ptr : "";
	int found = 0;
	for (lang_t l = 0; l < p->nlangs && !found; l++) {
		const char *eras = plan_word(p, WORD_ERAS, l);
		era_t e;
		while (!found && era_next(&eras, &e))
			found = era_year_in(p, l, &e, text);
		/* A Western year with a year word after it (2025 and a year suffix). */
		size_t n = strspn(text, "0123456789");
		if (!found && n == 4 && text[n] && one_of(text + n, plan_word(p, WORD_YEAR_SUFFIXES, l)))
			found = atoi(text);
	}
	buf_free(&b);
	return found;
}

bool plan_fiscal_year(const plan_t *p, const char *text, int *year)
{
	/* The year as one form reads, or the Western year the form with both
	 * begins with. */
	*year = plan_era_year(p, text);
	if (!*year && strspn(text, "0123456789") >= 4)
		*year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
	if (!*year)
		return false;
	static const word_t forms[] = {WORD_FISCAL_YEAR, WORD_FISCAL_YEAR_ERA, WORD_FISCAL_YEAR_BOTH};
	char y[16];
	snprintf(y, sizeof y, "%d", *year);
	buf_t ey = BUF_INIT;
	era_of(&ey, p, 0, *year);
	const char *vars[] = {"year", y, "era_year", ey.ptr, NULL};
	bool same = false;
	for (size_t i = 0; i < sizeof forms / sizeof *forms && !same; i++) {
		buf_t b = BUF_INIT;
		plan_word_fill(&b, p, forms[i], 0, vars);
		same = b.ptr && strcmp(b.ptr, text) == 0;
		buf_free(&b);
	}
	buf_free(&ey);
	return same;
}

/* A word with years: every form of them filled in; fiscal_year and
 * fiscal_period take the plan's era or both form when remap. */
static void fill_years(buf_t *out, const plan_t *p, word_t w, lang_t lang, int year, int to, bool remap);

void plan_word_years(buf_t *out, const plan_t *p, word_t w, lang_t lang, int year, int to)
{
	fill_years(out, p, w, lang, year, to, true);
}

void plan_word_year_western(buf_t *out, const plan_t *p, lang_t lang, int year)
{
	fill_years(out, p, WORD_FISCAL_YEAR, lang, year, year, false);
}

static void fill_years(buf_t *out, const plan_t *p, word_t w, lang_t lang, int year, int to, bool remap)
{
	char y[16], t[16];
	snprintf(y, sizeof y, "%d", year);
	snprintf(t, sizeof t, "%d", to);
	buf_t ey = BUF_INIT, et = BUF_INIT;
	era_of(&ey, p, lang, year);
	era_of(&et, p, lang, to);
	if (remap && w == WORD_FISCAL_YEAR && p->years != YEARS_WESTERN)
		w = p->years == YEARS_ERA ? WORD_FISCAL_YEAR_ERA : WORD_FISCAL_YEAR_BOTH;
	else if (remap && w == WORD_FISCAL_PERIOD && p->years != YEARS_WESTERN)
		w = p->years == YEARS_ERA ? WORD_FISCAL_PERIOD_ERA : WORD_FISCAL_PERIOD_BOTH;
	/* {period}: the years from and to as the plan writes a period (a
	 * word about a period, revised_period, says it in the plan's style) */
	buf_t period = BUF_INIT;
	bool about = w != WORD_FISCAL_YEAR && w != WORD_FISCAL_YEAR_ERA && w != WORD_FISCAL_YEAR_BOTH &&
		     w != WORD_FISCAL_PERIOD && w != WORD_FISCAL_PERIOD_ERA && w != WORD_FISCAL_PERIOD_BOTH;
	if (about)
		plan_word_years(&period, p, WORD_FISCAL_PERIOD, lang, year, to);
	const char *vars[] = {"year",     y,      "from",   y,      "to",   t,
			      "era_year", ey.ptr, "era_from", ey.ptr, "era_to", et.ptr,
			      "period",   period.ptr ? period.ptr : "", NULL};
	plan_word_fill(out, p, w, lang, vars);
	buf_free(&ey);
	buf_free(&et);
	buf_free(&period);
}

/* A date in the plan's words: the month's name is the month-th word of
 * month_names; day 0 is a year and month. */
static void fill_date(buf_t *out, const plan_t *p, int year, int month, int day, lang_t lang)
{
	const char *names = plan_word(p, WORD_MONTH_NAMES, lang);
	for (int k = 1; k < month && *names; k++) {
		names += strcspn(names, " ");
		names += strspn(names, " ");
	}
	char *name = xstrndup(names, strcspn(names, " "));
	char y[16], m[16], d[16];
	snprintf(y, sizeof y, "%d", year);
	snprintf(m, sizeof m, "%d", month);
	snprintf(d, sizeof d, "%d", day);
	const char *vars[] = {"year", y, "month", m, "month_name", name, "day", d, NULL};
	plan_word_fill(out, p, day ? WORD_DATE : WORD_YEAR_MONTH, lang, vars);
	free(name);
}

void plan_year_month(buf_t *out, const plan_t *p, yearmonth_t ym, lang_t lang)
{
	fill_date(out, p, ym.year, ym.month, 0, lang);
}

void plan_date(buf_t *out, const plan_t *p, int year, int month, int day, lang_t lang)
{
	fill_date(out, p, year, month, day, lang);
}

plan_t *plan_new(void)
{
	plan_t *p = xcalloc(1, sizeof *p);
	/* Until plan.yaml says otherwise: Japanese, then English. */
	strcpy(p->langs[0].code, PLAN_DEFAULT_LANG);
	p->langs[0].cjk = true;
	strcpy(p->langs[1].code, "en");
	p->nlangs = 2;
	return p;
}

static void orgunits_free(orgunit_t *u, int n)
{
	for (int i = 0; i < n; i++) {
		free(u[i].id);
		text_fini(&u[i].name);
	}
	free(u);
}

static void points_free(point_t *pt, int n)
{
	for (int i = 0; i < n; i++) {
		free(pt[i].id);
		text_fini(&pt[i].title);
		text_fini(&pt[i].text);
		text_fini(&pt[i].short_title);
	}
	free(pt);
}

void plan_free(plan_t *p)
{
	if (!p)
		return;
	text_t *meta[] = {&p->title, &p->subtitle, &p->summary, &p->publisher,
			  &p->editor_name, &p->editor_address, &p->philosophy, &p->goal, &p->licence};
	for (size_t i = 0; i < sizeof meta / sizeof *meta; i++)
		text_fini(meta[i]);
	for (int i = 0; i < WORD_COUNT; i++)
		text_fini(&p->words[i]);
	free(p->postcode);
	free(p->phone);
	free(p->fax);
	free(p->dir);
	for (int i = 0; i < p->nmedia; i++)
		free(p->media[i]);
	free(p->media);
	free(p->email);
	free(p->base_url);
	free(p->city_url);
	free(p->licence_url);
	free(p->lg_code);
	free(p->a11y_level);
	if (p->a11y_results) {
		for (int i = 0; i < p->a11y_results->npages; i++)
			free(p->a11y_results->pages[i].path);
		free(p->a11y_results->pages);
		free(p->a11y_results->axe_version);
		free(p->a11y_results->validator_version);
		free(p->a11y_results);
	}
	points_free(p->points, p->npoints);
	for (int i = 0; i < p->nbands; i++) {
		band_t *b = &p->bands[i];
		text_t *t[] = {&b->label, &b->text, &b->left, &b->right, &b->link};
		for (size_t k = 0; k < sizeof t / sizeof *t; k++)
			text_fini(t[k]);
	}
	free(p->bands);
	for (int i = 0; i < p->npolicies; i++) {
		free(p->policies[i].id);
		text_fini(&p->policies[i].title);
		for (int l = 0; l < MAX_LANGS; l++)
			md_free(p->policies[i].body[l]);
	}
	free(p->policies);
	for (int i = 0; i < p->nmeasures; i++) {
		measure_t *m = &p->measures[i];
		free(m->id);
		text_fini(&m->title);
		text_fini(&m->summary);
		for (int a = 0; a < m->nactions; a++) {
			text_fini(&m->actions[a].text);
			free(m->actions[a].departments);
		}
		free(m->actions);
		for (int l = 0; l < MAX_LANGS; l++)
			md_free(m->body[l]);
	}
	free(p->measures);
	orgunits_free(p->departments, p->ndepartments);
	orgunits_free(p->sections, p->nsections);
	for (int i = 0; i < p->nunits; i++) {
		free(p->units[i].id);
		text_fini(&p->units[i].word);
	}
	free(p->units);
	for (int i = 0; i < p->nsets; i++) {
		free(p->sets[i].id);
		text_fini(&p->sets[i].title);
	}
	free(p->sets);
	for (int i = 0; i < p->nindicators; i++) {
		indicator_t *ind = &p->indicators[i];
		free(ind->id);
		text_fini(&ind->name);
		text_fini(&ind->name_note);
		text_fini(&ind->note);
		text_fini(&ind->description);
		text_fini(&ind->reason);
		for (int k = 0; k < MAX_PARTS; k++)
			text_fini(&ind->parts[k]);
		for (int y = 0; y < YEAR_COUNT; y++)
			text_fini(&ind->value[y].pending);
		free(ind->series);
		free(ind->sections);
	}
	free(p->indicators);
	for (int i = 0; i < p->nfigures; i++) {
		figure_t *f = &p->figures[i];
		free(f->id);
		free(f->image);
		text_fini(&f->title);
		text_fini(&f->source);
		for (int c = 0; c < f->ncategories; c++)
			text_fini(&f->categories[c]);
		free(f->categories);
		for (int s = 0; s < f->nseries; s++) {
			text_fini(&f->series[s].name);
			free(f->series[s].values);
		}
		free(f->series);
	}
	free(p->figures);
	for (int i = 0; i < p->ntables; i++) {
		table_t *t = &p->tables[i];
		free(t->id);
		text_fini(&t->caption);
		text_fini(&t->note);
		text_fini(&t->source);
		for (int c = 0; c < t->ncolumns; c++)
			text_fini(&t->columns[c].title);
		free(t->columns);
		for (int c = 0; c < t->nrows * t->ncolumns; c++)
			text_fini(&t->cells[c].text);
		free(t->cells);
	}
	free(p->tables);
	for (int i = 0; i < p->nterms; i++) {
		text_fini(&p->terms[i].term);
		text_fini(&p->terms[i].note);
	}
	free(p->terms);
	for (int i = 0; i < p->nchapters; i++) {
		free(p->chapters[i].id);
		text_fini(&p->chapters[i].title);
		for (int l = 0; l < MAX_LANGS; l++)
			md_free(p->chapters[i].doc[l]);
	}
	free(p->chapters);
	free(p);
}

#define FIND(array, count)                                   \
	for (int i = 0; i < (count); i++)                    \
		if ((array)[i].id && strcmp((array)[i].id, id) == 0) \
			return i;                            \
	return -1

int plan_find_indicator(const plan_t *p, const char *id) { FIND(p->indicators, p->nindicators); }
int plan_find_set(const plan_t *p, const char *id) { FIND(p->sets, p->nsets); }

void plan_derive(plan_t *p)
{
	for (int i = 0; i < p->nindicators; i++)
		p->indicators[i].successor = -1;
	for (int i = 0; i < p->nindicators; i++) {
		indicator_t *ind = &p->indicators[i];
		if (ind->from >= 0)
			p->indicators[ind->from].successor = i;
	}
}


void plan_format_amount(buf_t *out, const plan_t *p, num_t n, int unit, lang_t lang)
{
	const char *word = unit >= 0 ? text_get(&p->units[unit].word, lang) : "";
	num_format(out, n);
	if (!p->langs[lang].cjk && ((*word >= 'a' && *word <= 'z') || (*word >= 'A' && *word <= 'Z')))
		buf_putc(out, ' ');
	buf_puts(out, word);
}

void plan_phone(buf_t *out, const plan_t *p, word_t w, lang_t lang, const char *number)
{
	/* As dialled from abroad: the groups of digits, however written
	 * ("(024)924-3471", "024 924 3471"), joined by hyphens, without the
	 * trunk 0: 24-924-3471. */
	buf_t intl = BUF_INIT;
	for (const char *c = number; *c; c++) {
		if (!isdigit((unsigned char)*c))
			continue;
		if (intl.len && !isdigit((unsigned char)c[-1]))
			buf_putc(&intl, '-');
		if (intl.len || *c != '0')
			buf_putc(&intl, *c);
	}
	plan_word_fmt(out, p, w, lang, "number", number, "international", intl.ptr, NULL);
	buf_free(&intl);
}

int plan_value_pieces(buf_t pieces[VALUE_PIECES], bool amount[VALUE_PIECES], const plan_t *p,
		      const indicator_t *ind, yearslot_t slot, lang_t lang)
{
	const value_t *v = &ind->value[slot];
	memset(amount, 0, VALUE_PIECES * sizeof *amount);
	switch (v->kind) {
	case VAL_MISSING:
		buf_puts(&pieces[0], "—");
		return 1;
	case VAL_MONITORING:
		buf_puts(&pieces[0], plan_word(p, WORD_MONITORING_ONLY, lang));
		return 1;
	case VAL_PENDING:
		buf_puts(&pieces[0], text_get(&v->pending, lang));
		return 1;
	case VAL_NUMBER:
		break;
	}
	int n = 0;
	for (int k = 0; k < ind->nparts; k++) {
		if (k)
			buf_puts(&pieces[n++], plan_word(p, WORD_PART_SEPARATOR, lang));
		if (ind->nparts == 1) {
			amount[n] = true;
			plan_format_amount(&pieces[n++], p, v->num[k], ind->unit, lang);
			continue;
		}
		/* The part's name around the amount, as the word parenthesized
		 * places it, in the amount's piece: a line breaks between the
		 * parts, not between a part's amount and its name. */
		buf_t around = BUF_INIT;
		plan_word_fmt(&around, p, WORD_PARENTHESIZED, lang, "text", "\x01", "inner", text_get(&ind->parts[k], lang),
			      NULL);
		const char *at = strchr(around.ptr, '\x01');
		size_t before = at ? (size_t)(at - around.ptr) : around.len;
		buf_put(&pieces[n], around.ptr, before);
		amount[n] = true;
		plan_format_amount(&pieces[n], p, v->num[k], ind->unit, lang);
		if (at && at[1])
			buf_puts(&pieces[n], at + 1);
		n++;
		buf_free(&around);
	}
	if (v->own_year)
		plan_word_years(&pieces[n++], p, WORD_VALUE_YEAR, lang, v->year, v->year);
	return n;
}

int plan_series_slot(const indicator_t *ind, int i)
{
	const value_t *b = &ind->value[YEAR_BASELINE];
	if (i == ind->nseries - 1)
		return YEAR_CURRENT;
	return b->kind == VAL_NUMBER && ind->series[i].year == b->year ? YEAR_BASELINE : -1;
}

void plan_format_value(buf_t *out, const plan_t *p, const indicator_t *ind, yearslot_t slot, lang_t lang)
{
	buf_t pieces[VALUE_PIECES];
	for (int i = 0; i < VALUE_PIECES; i++)
		buf_init(&pieces[i]);
	bool amount[VALUE_PIECES];
	int n = plan_value_pieces(pieces, amount, p, ind, slot, lang);
	for (int i = 0; i < n; i++)
		buf_puts(out, pieces[i].ptr);
	for (int i = 0; i < VALUE_PIECES; i++)
		buf_free(&pieces[i]);
}

/* Status of one part; rate set when it can be computed. */
static status_t part_status(const indicator_t *ind, int k, double *rate)
{
	const value_t *b = &ind->value[YEAR_BASELINE], *c = &ind->value[YEAR_CURRENT], *t = &ind->value[YEAR_TARGET];
	double bv = b->num[k].v, cv = c->num[k].v, tv = t->num[k].v;
	bool up = ind->direction == DIR_UP;
	*rate = 0;
	if ((up && cv >= tv) || (!up && cv <= tv)) {
		*rate = tv != bv ? (cv - bv) / (tv - bv) : 1;
		return STATUS_ACHIEVED;
	}
	if ((up && cv < bv) || (!up && cv > bv)) {
		*rate = (cv - bv) / (tv - bv);
		return STATUS_WORSE;
	}
	*rate = tv != bv ? (cv - bv) / (tv - bv) : 0;
	int span = t->year - b->year;
	double expected = span > 0 ? (double)(c->year - b->year) / span : 1;
	return *rate >= expected ? STATUS_ON_TRACK : STATUS_BEHIND;
}

progress_t plan_progress(const indicator_t *ind)
{
	progress_t pr = {STATUS_NO_DATA, 0};
	valkind_t target = ind->value[YEAR_TARGET].kind;
	if (ind->direction == DIR_MONITOR || target == VAL_MONITORING) {
		pr.status = STATUS_MONITORING;
		return pr;
	}
	if (target != VAL_NUMBER) {
		pr.status = STATUS_NO_TARGET;
		return pr;
	}
	if (ind->value[YEAR_BASELINE].kind != VAL_NUMBER || ind->value[YEAR_CURRENT].kind != VAL_NUMBER)
		return pr;
	/* The statuses are ordered best first: the weakest part is the largest. */
	for (int k = 0; k < ind->nparts; k++) {
		double rate;
		status_t s = part_status(ind, k, &rate);
		if (k == 0 || s > pr.status || (s == pr.status && rate < pr.rate)) {
			pr.status = s;
			pr.rate = rate;
		}
	}
	return pr;
}

/* ---- statuses, marks and counts ----------------------------------------- */

static const char *const status_codes[STATUS_COUNT] = {
	"achieved", "on_track", "behind", "worse", "monitoring", "no_target", "no_data",
};

const char *plan_status_code(status_t s)
{
	return (unsigned)s < STATUS_COUNT ? status_codes[s] : "";
}

const char *plan_status_label(const plan_t *p, status_t s, lang_t lang)
{
	static const word_t words[STATUS_COUNT] = {WORD_STATUS_ACHIEVED, WORD_STATUS_ON_TRACK, WORD_STATUS_BEHIND,
						  WORD_STATUS_WORSE, WORD_STATUS_MONITORING, WORD_STATUS_NO_TARGET,
						  WORD_STATUS_NO_DATA};
	return (unsigned)s < STATUS_COUNT ? plan_word(p, words[s], lang) : "";
}

const char *plan_status_symbol(const plan_t *p, status_t s, lang_t lang)
{
	static const word_t words[STATUS_COUNT] = {WORD_SYMBOL_ACHIEVED, WORD_SYMBOL_ON_TRACK, WORD_SYMBOL_BEHIND,
						  WORD_SYMBOL_WORSE, WORD_SYMBOL_MONITORING, WORD_SYMBOL_NO_TARGET,
						  WORD_SYMBOL_NO_DATA};
	return (unsigned)s < STATUS_COUNT ? plan_word(p, words[s], lang) : "";
}

tally_t plan_progress_tally(const plan_t *p, int set, int measure)
{
	tally_t t = {{0}, 0};
	for (int i = 0; i < p->nindicators; i++) {
		const indicator_t *ind = &p->indicators[i];
		if (ind->set != set || (measure != MEASURE_ALL && ind->measure != measure))
			continue;
		t.count[plan_progress(ind).status]++;
		t.total++;
	}
	return t;
}

const char *plan_mark_label(const plan_t *p, mark_t m, lang_t lang)
{
	switch (m) {
	case MARK_ADDED:
		return plan_word(p, WORD_MARK_ADDED, lang);
	case MARK_REVISED:
		return plan_word(p, WORD_MARK_REVISED, lang);
	case MARK_REPLACED:
		return plan_word(p, WORD_MARK_REPLACED, lang);
	case MARK_NONE:
		break;
	}
	return "";
}

/* The one notation of a footnote mark in the content. */
static const char note_mark[] = "\u203B"; /* the reference mark */

size_t text_note_mark(const char *s, int *number)
{
	const size_t marklen = sizeof note_mark - 1;
	if (strncmp(s, note_mark, marklen) != 0)
		return 0;
	size_t n = marklen;
	int digits = 0, value = 0;
	for (;; digits++) {
		const unsigned char *d = (const unsigned char *)s + n;
		if (d[0] >= '0' && d[0] <= '9')
			value = value * 10 + (d[0] - '0'), n++;
		else if (utf8_wide_digit((const char *)d) >= 0)
			value = value * 10 + utf8_wide_digit((const char *)d), n += 3; /* full-width digits */
		else
			break;
	}
	if (digits == 0 || digits > 3)
		return 0;
	if (number)
		*number = value;
	return n;
}

const char *text_next_note_mark(const char *s, size_t *len, int *number)
{
	for (; (s = strstr(s, note_mark)) != NULL; s += sizeof note_mark - 1)
		if ((*len = text_note_mark(s, number)) > 0)
			return s;
	return NULL;
}

void text_strip_marks(buf_t *out, const char *s)
{
	while (*s) {
		size_t len = text_note_mark(s, NULL);
		if (len == 0) {
			buf_putc(out, *s++);
			continue;
		}
		s += len;
		/* "word MARK7 word" would keep two spaces, "word MARK7" a trailing one. */
		if (out->len > 0 && out->ptr[out->len - 1] == ' ') {
			if (*s == ' ')
				s++;
			else if (*s == '\0')
				out->ptr[--out->len] = '\0';
		}
	}
}

void plan_set_period(const plan_t *p, int set, int *from, int *to)
{
	*from = p->period_from;
	*to = p->period_to;
	if (p->nsets < 2 || p->revised_from <= 0)
		return;
	if (set == p->nsets - 1) {
		*from = p->revised_from;
		*to = p->revised_to;
	} else {
		*to = p->revised_from - 1;
	}
}

/* ---- the revision list ---------------------------------------------------- */

/* An earlier indicator has a row of its own when it has no successor
 * (dropped) or its successor is in another measure (moved). */
static bool stands_alone(const plan_t *p, const indicator_t *ind)
{
	return ind->successor < 0 || p->indicators[ind->successor].measure != ind->measure;
}

static mark_t change_mark(change_t c)
{
	switch (c) {
	case CHANGE_ADDED:
		return MARK_ADDED;
	case CHANGE_TARGET_REVISED:
		return MARK_REVISED;
	case CHANGE_REPLACED:
		return MARK_REPLACED;
	default:
		return MARK_NONE;
	}
}

/* Emits the rows of the earlier set's indicators of measure m that stand
 * alone and come before index `before`, each once. */
static void flush_alone(const plan_t *p, int set, int m, int before, bool *done, revrow_t *rows, int *n)
{
	for (int i = 0; i < before; i++) {
		const indicator_t *ind = &p->indicators[i];
		if (ind->set != set || ind->measure != m || done[i] || !stands_alone(p, ind))
			continue;
		done[i] = true;
		change_t c = ind->change;
		if (c != CHANGE_DROPPED && c != CHANGE_MOVED)
			c = ind->successor >= 0 ? CHANGE_MOVED : CHANGE_DROPPED;
		rows[(*n)++] = (revrow_t){m, i, -1, c, MARK_NONE, &ind->reason, ind->sections, ind->nsections};
	}
}

revrow_t *plan_revision_rows(const plan_t *p, int *nrows)
{
	*nrows = 0;
	if (p->nsets < 2)
		return NULL;
	int oldset = p->nsets - 2, newset = p->nsets - 1;
	/* Each indicator of the two sets is on at most one row. */
	revrow_t *rows = xcalloc((size_t)p->nindicators + 1, sizeof *rows);
	bool *done = xcalloc((size_t)p->nindicators + 1, sizeof *done);
	int n = 0;
	for (int m = -1; m < p->nmeasures; m++) {
		for (int i = 0; i < p->nindicators; i++) {
			const indicator_t *ind = &p->indicators[i];
			if (ind->set != newset || ind->measure != m)
				continue;
			int from = ind->from;
			bool pair = from >= 0 && p->indicators[from].measure == m;
			/* A continued row keeps the earlier set's order; an added or
			 * moved-in one follows every standalone earlier row. */
			flush_alone(p, oldset, m, pair ? from : p->nindicators, done, rows, &n);
			change_t c = ind->change;
			if (c == CHANGE_NONE)
				c = pair ? CHANGE_KEPT : from >= 0 ? CHANGE_MOVED : CHANGE_ADDED;
			if (pair)
				done[from] = true;
			rows[n++] = (revrow_t){m, pair ? from : -1, i, c, change_mark(c), &ind->reason,
					       ind->sections, ind->nsections};
		}
		flush_alone(p, oldset, m, p->nindicators, done, rows, &n);
	}
	free(done);
	*nrows = n;
	return rows;
}
