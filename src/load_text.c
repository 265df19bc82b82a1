/* load_text.c — the Markdown texts of the plan: chapters and the texts of
 * policies and measures, their data blocks resolved, their links and
 * images checked; texts that place themselves; what the booklet reaches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <dirent.h>
#include <errno.h>
#include <unistd.h>

#include "files.h"
#include "load_priv.h"
#include "utf8.h"

/* ---- links and images ------------------------------------------------- */

static const char *const link_hint = N_(
	"a link goes to a page of this site (a relative address such as 2-plan.html or #note-1), "
	"or to an http:, https:, mailto: or tel: address");

/* A link's address: refused when it could run script or depends on the
 * server. */
static void check_link(const char *url, pos_t pos)
{
	char scheme[16];
	switch (plan_link_kind(url, scheme)) {
	case LINK_UNSAFE:
		diag_error(pos, "this link uses \"%s:\", which is not allowed", scheme);
		diag_hint("%s", _(link_hint));
		break;
	case LINK_ROOTED:
		diag_error(pos, "this link starts with \"/\": where it leads depends on the server");
		diag_hint("%s", _(link_hint));
		break;
	default:
		break;
	}
}

/* A link to a page of the site (2-plan.html, measure-m1.html#…) must lead
 * to one the site has, and one to a note (#note-7) to a note the texts
 * have; other addresses (files, folders, other anchors) are not known
 * here. */
/* Whether an address's first part names a host (www.city.example.lg.jp/…),
 * not a page or a file of the site. */
static bool host_like(const char *url)
{
	static const char *const ends[] = {".jp", ".com", ".org", ".net", ".info", NULL};
	size_t n = strcspn(url, "/?#");
	if (n > 4 && strncasecmp(url, "www.", 4) == 0)
		return true;
	for (int i = 0; ends[i]; i++) {
		size_t k = strlen(ends[i]);
		if (n > k && memchr(url, '.', n - k) && strncasecmp(url + n - k, ends[i], k) == 0)
			return true;
	}
	return false;
}

/* The length of the quotation mark s begins with, a word processor's
 * curly one or a full-width one; 0 if none. */
static size_t quote_mark(const char *s)
{
	static const char *const marks[] = {"\u201C", "\u201D", "\u2018", "\u2019", "\uFF02", "\"", "'"};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return strlen(marks[i]);
	return 0;
}

/* A link to a section (#frag) of the page `page` in language `to`: a
 * heading's anchor (anchors_t) there, on the pages whose headings the
 * texts write.  n->text's first len bytes: the page as the link names it
 * (none: its own). */
static void check_fragment(const plan_t *p, const md_node *n, size_t len, lang_t to, const char *page,
			   const char *frag)
{
	int num;
	char end;
	if (sscanf(frag, "note-%d%c", &num, &end) == 1) {
		bool found = false, fallback;
		for (lang_t k = 0; k < p->nlangs && !found; k++)
			found = plan_note(p, k, num, &fallback) != NULL;
		if (!found) {
			diag_error(n->pos, "this link leads to note ※%d, which no text has", num);
			diag_hint("a note is a paragraph that begins with its mark, e.g. \"※%d …\"", num);
		}
		return;
	}
	anchors_t a = {0};
	/* #top: the top of any page, as browsers take it */
	if (!*frag || strcasecmp(frag, "top") == 0 || strncmp(frag, "note-", 5) == 0 ||
	    !plan_page_anchors(p, to, page, &a)) {
		anchors_free(&a);
		return;
	}
	char *want = plan_url_decoded(frag);
	if (!anchors_has(&a, want)) {
		if (len)
			diag_error(n->pos, "this link leads to the section \"#%s\" of %.*s, which that page does not have",
				   want, (int)len, n->text);
		else
			diag_error(n->pos, "this link leads to the section \"#%s\", which its page does not have", want);
		anchors_t mine = {0};
		const char *as_anchor = anchors_add(&mine, want);
		const char *near =
			anchors_has(&a, as_anchor) ? as_anchor : load_closest(as_anchor, a.ids, sizeof *a.ids, a.n);
		if (near)
			diag_hint("did you mean \"#%s\"?", near);
		buf_t list = BUF_INIT;
		for (int i = 0; i < a.n && i < 20; i++)
			buf_printf(&list, "%s#%s", i ? ", " : "", a.ids[i]);
		if (a.n > 20)
			buf_puts(&list, ", \u2026");
		diag_hint("a section is linked by its heading's words without the number before them: letters in lower "
			  "case, a - for each space or mark between words (\u30fb\u300c\u300d\uff08\uff09), other "
			  "punctuation left out; the page's sections are %s",
			  a.n ? list.ptr : "none");
		buf_free(&list);
		anchors_free(&mine);
	}
	free(want);
	anchors_free(&a);
}

/* lang: the language of the text the link is in (its page is in that
 * language's folder); self: that page's name (without .html). */
static void check_page_link(const plan_t *p, const md_node *n, lang_t lang, const char *self)
{
	char scheme[16];
	/* A footnote written as in GitHub's Markdown, [^1] */
	if (n->first && n->first->type == MD_TEXT && n->first->text && n->first->text[0] == '^') {
		diag_error(n->pos, "a note in the form [%s] is not read as a note", n->first->text);
		diag_hint("write its mark \u203B%s in the text, and the note as a paragraph that begins with it: "
			  "\u203B%s \u2026", n->first->text + 1, n->first->text + 1);
		return;
	}
	/* (\u201Chttps://\u2026\u201D), the address pasted with its quotation marks */
	size_t q = quote_mark(n->text);
	if (q) {
		char *bare = xstrdup(n->text + q);
		size_t len = strlen(bare);
		for (size_t k = 1; k <= 3 && k <= len; k++)
			if (quote_mark(bare + len - k) == k) {
				bare[len - k] = '\0';
				break;
			}
		diag_error(n->pos, "this link's address is in quotation marks, which make it another address: \"%s\"",
			   n->text);
		diag_hint("remove the quotation marks: %s", bare);
		free(bare);
		return;
	}
	/* https://, its colon full width: an address typed with the input method on */
	char *narrow = utf8_narrow_ascii(n->text);
	if (narrow && plan_link_kind(narrow, scheme) == LINK_WEB) {
		diag_error(n->pos, "this link's address has full-width characters: \"%s\"", n->text);
		diag_hint("write it in half-width characters: %s", narrow);
		free(narrow);
		return;
	}
	free(narrow);
	/* A page of this site by its full address (base_url), copied from the
	 * browser: it leads the preview to the published site and breaks when
	 * the site moves.  The address it stands for is checked. */
	bool default_folder;
	char *rel = plan_site_address(p, lang, n->text, &default_folder);
	if (rel && default_folder) {
		diag_error(n->pos, "this link leads to the folder %s/, which the site does not have: the %s pages are at "
				   "its top",
			   p->langs[0].code, _(plan_lang_name(p, 0)));
		diag_hint("write it as %s", rel);
		free(rel);
		return;
	}
	if (rel) {
		diag_warning(n->pos, "this link leads to a page of this site by its full address: it breaks when the "
				     "site moves, and in the preview it opens the published site");
		diag_hint("write it as %s", rel);
		md_node page = *n;
		page.text = rel;
		check_page_link(p, &page, lang, self);
		free(rel);
		return;
	}
	if (plan_link_kind(n->text, scheme) != LINK_RELATIVE)
		return;
	if (host_like(n->text)) {
		diag_error(n->pos, "this link leads to \"%s\" inside this site: an address of another site begins "
				   "with https://", n->text);
		diag_hint("write https://%s", n->text);
		return;
	}
	/* page.html?query#fragment: the page's section is checked all the same */
	size_t len = strcspn(n->text, "#?");
	const char *frag = strchr(n->text, '#');
	frag = frag ? frag + 1 : NULL;
	/* A page in another language's folder (en/measure-m1.html), from a
	 * page of the default language: its name. From a translated page the
	 * folder is its own, and the address would be en/en/…. */
	size_t folder = 0;
	lang_t to = lang; /* the language of the page it leads to */
	bool lang_folder = false;
	for (lang_t l = 1; l < p->nlangs && !folder; l++) {
		size_t k = strlen(p->langs[l].code);
		if (strncmp(n->text, p->langs[l].code, k) == 0 && n->text[k] == '/')
			folder = k + 1, to = l, lang_folder = true;
	}
	/* From the default language's pages, at the site's top, ../ leads out
	 * of the site. */
	if (lang == 0 && strncmp(n->text, "../", 3) == 0) {
		diag_warning(n->pos, "this link leads out of the site (../): the %s pages are at its top",
			     _(plan_lang_name(p, 0)));
		diag_hint("a page of the site is linked as %s; another site's by its full address (https://…)",
			  n->text + 3);
		return;
	}
	/* From a translated page, ../ leads to the default language's; ./ is
	 * the page's own folder. */
	if (!folder && lang != 0 && strncmp(n->text, "../", 3) == 0)
		folder = 3, to = 0;
	else if (!folder && strncmp(n->text, "./", 2) == 0)
		folder = 2;
	if (lang_folder && lang != 0) {
		diag_error(n->pos, "this link leads to %s/%s (its page is in %s/ already), a page the site does not have",
			   p->langs[lang].code, n->text, p->langs[lang].code);
		diag_hint("a page of its folder is linked as %s, one of the %s site as ../%s", n->text + folder,
			  _(plan_lang_name(p, 0)), n->text + folder);
		return;
	}
	/* The server tells .HTML from .html: the page would not be found. */
	if (len > 5 && strncasecmp(n->text + len - 5, ".html", 5) == 0 && strncmp(n->text + len - 5, ".html", 5) != 0) {
		diag_error(n->pos, "this link's page ends in \"%.5s\": the site's pages end in .html, in small letters",
			   n->text + len - 5);
		diag_hint("write %.*s.html", (int)(len - 5), n->text);
		return;
	}
	if (len > 5 && strncmp(n->text + len - 5, ".html", 5) == 0 && !memchr(n->text + folder, '/', len - folder)) {
		char *name = xstrndup(n->text + folder, len - 5 - folder);
		if (!plan_has_page(p, name)) {
			diag_error(n->pos, "this link leads to \"%.*s\", a page the site does not have", (int)len, n->text);
			int count;
			const char **pages = plan_site_pages(p, &count);
			buf_t near = BUF_INIT, list = BUF_INIT;
			const char *word = load_closest(name, pages, sizeof *pages, count);
			if (word)
				buf_puts(&near, word);
			else if (strncmp(name, "policy-", 7) == 0 &&
				 (word = load_closest(name + 7, p->policies, sizeof *p->policies, p->npolicies)))
				buf_printf(&near, "policy-%s", word);
			else if (strncmp(name, "measure-", 8) == 0 &&
				 (word = load_closest(name + 8, p->measures, sizeof *p->measures, p->nmeasures)))
				buf_printf(&near, "measure-%s", word);
			if (near.len)
				diag_hint("did you mean \"%s.html\"?", near.ptr);
			for (int i = 0; i < count; i++)
				buf_printf(&list, "%s%s.html", i ? ", " : "", pages[i]);
			diag_hint("the pages are %s, and policy-ID.html and measure-ID.html by the ids in structure.yaml",
				  list.ptr);
			buf_free(&near);
			buf_free(&list);
			free(pages);
		} else if (frag) {
			check_fragment(p, n, len, to, name, frag);
		}
		free(name);
		return;
	}
	/* A text's file (2-outline.md, ja/measures/m5.md) rather than its page. */
	if (len > 3 && strncmp(n->text + len - 3, ".md", 3) == 0) {
		diag_error(n->pos, "this link leads to the file \"%.*s\", which is not published", (int)len, n->text);
		const char *slash = NULL;
		for (const char *c = n->text; c < n->text + len; c++)
			slash = *c == '/' ? c : slash;
		const char *name = slash ? slash + 1 : n->text;
		int nl = (int)(n->text + len - 3 - name);
		if (slash && slash - n->text >= 9 && strncmp(slash - 9, "/measures", 9) == 0)
			diag_hint("the page of a measure is measure-ID.html: measure-%.*s.html", nl, name);
		else if (slash && slash - n->text >= 9 && strncmp(slash - 9, "/policies", 9) == 0)
			diag_hint("the page of a policy is policy-ID.html: policy-%.*s.html", nl, name);
		else
			diag_hint("a chapter's page ends in .html: %.*s.html", nl, name);
		return;
	}
	/* A bare name (note-1): neither a page nor a file nor an anchor. */
	if (len > 0 && !memchr(n->text, '/', len) && !memchr(n->text, '.', len)) {
		diag_error(n->pos, "this link leads to \"%.*s\", which the site does not have", (int)len, n->text);
		diag_hint("a link to a note is written #note-1, one to a page ends in .html (measure-m1.html)");
		return;
	}
	if (len == 0 && frag)
		check_fragment(p, n, 0, lang, self, frag);
}

/* [text] (address): with a space before the ( no link is made, and the
 * brackets and the address are published as they were typed.  before: the
 * text node before this one in its paragraph, or NULL. */
static void check_spaced_link(const md_node *n, const char *before)
{
	const char *t = n->text, *at = strstr(t, "] (");
	const char *open = at ? at + 2 : before && *before && before[strlen(before) - 1] == ']' && strncmp(t, " (", 2) == 0
						 ? t + 1 : NULL;
	if (!open)
		return;
	size_t n_addr = strcspn(open + 1, ") ");
	if (open[1 + n_addr] != ')' || n_addr == 0)
		return;
	char scheme[16];
	char *addr = xstrndup(open + 1, n_addr);
	bool address = plan_link_kind(addr, scheme) != LINK_RELATIVE || host_like(addr) || strstr(addr, ".html");
	if (address) {
		diag_warning(n->pos, "no link is made of \"] (%s)\": a space stands between ] and (", addr);
		diag_hint("write the link without the space: [text](%s)", addr);
	}
	free(addr);
}

static void check_file_link(loader_t *l, md_node *n, lang_t lang);

void load_check_links(loader_t *l)
{
	const plan_t *p = l->p;
	for (lang_t lang = 0; lang < p->nlangs; lang++) {
		for (int i = 0; i < p->nchapters + p->npolicies + p->nmeasures; i++) {
			md_node *doc = plan_text_docs(p, i)[lang];
			const md_node *prev = NULL; /* the text before n, in its paragraph */
			buf_t self = BUF_INIT;   /* its page */
			plan_text_page(&self, p, i);
			for (md_node *n = doc; n; n = md_next(n, doc)) {
				if (n->type == MD_LINK && n->text) {
					check_page_link(p, n, lang, self.ptr);
					check_file_link(l, n, lang);
				}
				if (n->type == MD_TEXT && n->text)
					check_spaced_link(n, prev && prev->parent == n->parent ? prev->text : NULL);
				prev = n->type == MD_TEXT ? n : prev;
			}
			buf_free(&self);
		}
	}
}

static bool image_type(const char *path)
{
	static const char *const exts[] = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", NULL};
	size_t len = strlen(path);
	for (int i = 0; exts[i]; i++) {
		size_t n = strlen(exts[i]);
		if (len > n && strcasecmp(path + len - n, exts[i]) == 0)
			return true;
	}
	return false;
}

#define IMAGE_HEAVY (1u << 20) /* bytes: an image above is told to be made smaller */

/* Whether a file's first bytes are those of the image type its name ends
 * in: an empty file, or a document renamed .png, is published broken. */
static bool image_looks_right(const char *path, const char *data, size_t len)
{
	const char *ext = strrchr(path, '.');
	if (!ext)
		return false;
	if (strcasecmp(ext, ".png") == 0)
		return len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0;
	if (strcasecmp(ext, ".jpg") == 0 || strcasecmp(ext, ".jpeg") == 0)
		return len >= 3 && memcmp(data, "\xff\xd8\xff", 3) == 0;
	if (strcasecmp(ext, ".gif") == 0)
		return len >= 6 && (memcmp(data, "GIF87a", 6) == 0 || memcmp(data, "GIF89a", 6) == 0);
	if (strcasecmp(ext, ".webp") == 0)
		return len >= 12 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0;
	/* .svg: XML text with an svg element near its start */
	size_t head = len < 4096 ? len : 4096;
	for (size_t i = 0; i + 4 <= head; i++)
		if (memcmp(data + i, "<svg", 4) == 0)
			return true;
	return false;
}

/* A file of the content folder to be copied to media/, each once. */
static void add_media(loader_t *l, const char *where)
{
	for (int i = 0; i < l->p->nmedia; i++)
		if (strcmp(l->p->media[i], where) == 0)
			return;
	l->p->media = xrealloc(l->p->media, (size_t)(l->p->nmedia + 1) * sizeof *l->p->media);
	l->p->media[l->p->nmedia++] = xstrdup(where);
}

/* An image's address: a file of the content folder, checked and recorded
 * to be copied into the output, its address rewritten to the file's path
 * inside the folder; or, only when plan.yaml allows it, a web address. */
void load_check_image(loader_t *l, char **url, pos_t pos)
{
	char scheme[16];
	linkkind_t kind = plan_link_kind(*url, scheme);
	if (kind == LINK_WEB && l->p->external_images)
		return;
	if (kind == LINK_WEB) {
		diag_error(pos, "the image \"%s\" would be fetched from another site", *url);
		diag_hint("put the image file into the content folder and write its path, e.g. images/photo.jpg "
			  "(or allow it: in plan.yaml, the line external_images: true in the site: group)");
		return;
	}
	if (kind != LINK_RELATIVE) {
		diag_error(pos, "an image is a file of the content folder, not \"%s\"", *url);
		diag_hint("write the path of the file inside the content folder, e.g. images/photo.jpg");
		return;
	}
	if (!image_type(*url)) {
		diag_error(pos, "\"%s\" is not an image file", *url);
		diag_hint("an image is a .png, .jpg, .gif, .webp or .svg file");
		return;
	}
	files_status st;
	size_t len;
	char *where;
	char *data = files_read(l->dir, *url, FILES_IMAGE_LIMIT, &len, &st, &where);
	if (!data) {
		if (st == FILES_OUTSIDE)
			diag_error(pos, "the image \"%s\" is outside the content folder", *url);
		else if (st == FILES_TOO_LARGE)
			diag_error(pos, "the image \"%s\" is larger than %u MiB", *url, FILES_IMAGE_LIMIT >> 20);
		else
			diag_error(pos, "cannot read the image \"%s\": %s", *url, files_reason(st));
		char *near = st == FILES_MISSING ? files_near(l->dir, *url) : NULL;
		if (near)
			diag_hint("the folder has \"%s\": write the name as it is, or rename the file", near);
		else if (strchr(*url, '\\'))
			diag_hint("write / between folders, not \\: images/photo.jpg");
		else
			diag_hint("images are files inside the content folder; their paths start from it, e.g. images/photo.jpg");
		free(near);
		free(where);
		return;
	}
	if (!image_looks_right(*url, data, len)) {
		diag_warning(pos, "the file \"%s\" is not the image its name says: it would be shown broken", *url);
		diag_hint("save the picture again as a .png, .jpg, .gif, .webp or .svg file, and give that file's name");
	}
	free(data);
	/* A photo as the camera took it: its page would load for long on a phone. */
	if (len > IMAGE_HEAVY) {
		diag_warning(pos, "the image \"%s\" is %.1f MB: its page loads slowly on a phone", *url, len / 1e6);
		diag_hint("make it smaller, e.g. 1600 pixels wide as a JPEG, some 300 KB");
	}
	free(*url);
	*url = where;
	add_media(l, where);
}

/* A link to a file that is not a page: one of the downloads the build
 * writes (downloads/plan-ja.pdf, at the site's top: ../downloads/… from a
 * translated page), or a document of the content folder (files/report.pdf,
 * its path from the folder, as an image's), checked and copied to media/. */
static void check_file_link(loader_t *l, md_node *n, lang_t lang)
{
	char scheme[16];
	size_t len = strcspn(n->text, "#?");
	const char *slash = NULL, *dot = NULL;
	for (const char *c = n->text; c < n->text + len; c++)
		slash = *c == '/' ? c : slash, dot = *c == '.' ? c : dot;
	if (plan_link_kind(n->text, scheme) != LINK_RELATIVE || host_like(n->text) || !dot || (slash && dot < slash) ||
	    (len - (size_t)(dot - n->text) == 5 && strncasecmp(dot, ".html", 5) == 0) ||
	    (len - (size_t)(dot - n->text) == 3 && strncmp(dot, ".md", 3) == 0))
		return;
	bool up = strncmp(n->text, "../", 3) == 0;
	const char *rel = n->text + (up ? 3 : 0);
	if (strncmp(rel, "downloads/", 10) == 0) {
		if (lang == 0 && up) /* out of the site: told as such */
			return;
		if (lang != 0 && !up) {
			diag_error(n->pos, "this link leads to %s/%.*s: the downloads are at the site's top", l->p->langs[lang].code,
				   (int)len, n->text);
			diag_hint("write ../%.*s", (int)len, n->text);
			return;
		}
		buf_t name = BUF_INIT, list = BUF_INIT;
		bool found = false;
		for (int i = 0; plan_download(l->p, i, &name); i++) {
			found |= name.len == len - (size_t)(rel - n->text) && strncmp(name.ptr, rel, name.len) == 0;
			buf_printf(&list, "%s%s", i ? ", " : "", name.ptr + strlen("downloads/"));
		}
		if (!found) {
			diag_error(n->pos, "this link leads to \"%.*s\", a file the build does not write", (int)len, n->text);
			diag_hint("the files of downloads/ are %s", list.ptr);
		}
		buf_free(&name);
		buf_free(&list);
		return;
	}
	char *path = xstrndup(n->text, len);
	files_status st;
	size_t size;
	char *where;
	char *data = files_read(l->dir, path, FILES_IMAGE_LIMIT, &size, &st, &where);
	if (!data) {
		if (st == FILES_OUTSIDE)
			diag_error(n->pos, "this link leads to \"%s\", outside the content folder", path);
		else if (st == FILES_TOO_LARGE)
			diag_error(n->pos, "this link leads to \"%s\", larger than %u MiB", path, FILES_IMAGE_LIMIT >> 20);
		else
			diag_error(n->pos, "this link leads to the file \"%s\": %s", path, files_reason(st));
		char *near = st == FILES_MISSING ? files_near(l->dir, path) : NULL;
		if (near)
			diag_hint("the folder has \"%s\": write the name as it is, or rename the file", near);
		else
			diag_hint("a file the site publishes is put into the content folder, its path written from it, "
				  "e.g. files/report.pdf; a file of another site is linked by its full address (https://\u2026)");
		free(near);
	} else {
		buf_t text = BUF_INIT;
		buf_printf(&text, "%s%s", where, n->text + len); /* #page=2 kept */
		free(n->text);
		n->text = buf_detach(&text);
		n->len = strlen(n->text);
		n->media = true;
		add_media(l, where);
	}
	free(data);
	free(where);
	free(path);
}

/* ---- Markdown ---------------------------------------------------------- */

static const char *const data_names[] = {"indicators", "chart", "figure", "table", "actions", "policy",
					 "measure", "structure", "goal", "points", "revisions", "colophon", "progress", NULL};
static const char *const data_usage[] = {
	N_("plangen indicators SET MEASURE (MEASURE may be overall)"), N_("plangen chart INDICATOR"),
	N_("plangen figure FIGURE"), N_("plangen table TABLE"), N_("plangen actions MEASURE"), N_("plangen policy POLICY"),
	N_("plangen measure MEASURE"), "plangen structure", "plangen goal", "plangen points", "plangen revisions",
	"plangen colophon", N_("plangen progress SET")};

/* Splits s at spaces into at most `max` words (in place). */
static int split_words(char *s, char **words, int max)
{
	int n = 0;
	for (char *tok = strtok(s, " \t"); tok; tok = strtok(NULL, " \t"))
		if (n < max)
			words[n++] = tok;
		else
			return max + 1;
	return n;
}

static void resolve_data(loader_t *l, md_node *n)
{
	plan_t *p = l->p;
	/* Words parted by a full-width space, typed with the input method on. */
	const char *wide = strstr(n->text, "\u3000");
	if (wide) {
		buf_t fixed = BUF_INIT;
		for (const char *c = n->text; *c;)
			if (strncmp(c, "\u3000", 3) == 0)
				buf_putc(&fixed, ' '), c += 3;
			else
				buf_putc(&fixed, *c++);
		diag_error(diag_pos(n->pos.file, n->pos.line, n->argcol + (int)(wide - n->text)),
			   "a full-width space parts the words of this data block");
		diag_hint("part them with a half-width space: ```plangen %s", fixed.ptr + strspn(fixed.ptr, " "));
		buf_free(&fixed);
		n->ref = n->set = -1;
		return;
	}
	char *copy = xstrdup(n->text), *w[4];
	int nw = split_words(copy, w, 3);
	n->ref = n->set = -1;
	ynode fake = {.type = Y_SCALAR, .pos = n->pos, .plain = true};
	if (nw == 0) {
		diag_error(n->pos, "a data block must say what it places");
		diag_hint("for example ```plangen table timeline (see content/README.md)");
		goto done;
	}
	fake.str = w[0];
	fake.len = strlen(w[0]);
	fake.pos.col = n->argcol + (int)(w[0] - copy);
	int kind = load_enum_of(&fake, data_names, "a data block");
	if (kind < 0)
		goto done;
	n->data = (datakind_t)kind;
	static const int nargs[] = {2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1};
	if (nw - 1 != nargs[kind]) {
		diag_error(n->pos, "\"plangen %s\" takes %d word%s after it, found %d", w[0], nargs[kind],
			   nargs[kind] == 1 ? "" : "s", nw - 1);
		diag_hint("write: %s", _(data_usage[kind]));
		goto done;
	}
	fake.str = w[1];
	fake.len = nw > 1 ? strlen(w[1]) : 0;
	fake.pos.col = n->argcol + (int)(w[1] - copy);
	switch (n->data) {
	case DATA_PROGRESS:
		n->set = load_resolve(l, &fake, p->sets, sizeof *p->sets, p->nsets, "indicator set", "indicators.yaml", !l->indicators_ok);
		break;
	case DATA_INDICATORS:
		n->set = load_resolve(l, &fake, p->sets, sizeof *p->sets, p->nsets, "indicator set", "indicators.yaml", !l->indicators_ok);
		fake.str = w[2];
		fake.pos.col = n->argcol + (int)(w[2] - copy);
		if (strcmp(w[2], "overall") != 0)
			n->ref = load_resolve(l, &fake, p->measures, sizeof *p->measures, p->nmeasures, "measure", "structure.yaml",
					 !l->structure_ok);
		if (n->set >= 0 && (n->ref >= 0 || strcmp(w[2], "overall") == 0) && l->indicators_ok) {
			/* a table of no rows, headers only: a measure whose indicators moved */
			int want = n->ref >= 0 ? n->ref : -1, rows = 0;
			for (int i = 0; i < p->nindicators && !rows; i++)
				/* an indicator whose measure is unknown (told) may be meant */
				rows = (p->indicators[i].set == n->set && p->indicators[i].measure == want) ||
				       p->indicators[i].measure == -2 || p->indicators[i].set < 0;
			if (!l->empty_told)
				l->empty_told = xcalloc((size_t)p->nsets * (size_t)(p->nmeasures + 1) + 1, 1);
			bool *told = &l->empty_told[n->set * (p->nmeasures + 1) + want + 1];
			if (!rows && !*told) { /* once: not again for the translation's block */
				*told = true;
				diag_warning(n->pos, "no indicator of the set \"%s\" belongs to \"%s\": its table would be empty",
					     w[1], w[2]);
				diag_hint("give indicators.yaml indicators with set: %s and measure: %s, or remove this block",
					  w[1], w[2]);
			}
		}
		break;
	case DATA_CHART:
		n->ref = load_resolve(l, &fake, p->indicators, sizeof *p->indicators, p->nindicators, "indicator",
				 "indicators.yaml", !l->indicators_ok);
		break;
	case DATA_FIGURE:
		n->ref = load_resolve(l, &fake, p->figures, sizeof *p->figures, p->nfigures, "figure", "figures.yaml", !l->figures_ok);
		break;
	case DATA_TABLE:
		n->ref = load_resolve(l, &fake, p->tables, sizeof *p->tables, p->ntables, "table", "tables.yaml", !l->tables_ok);
		break;
	case DATA_ACTIONS:
	case DATA_MEASURE:
		n->ref = load_resolve(l, &fake, p->measures, sizeof *p->measures, p->nmeasures, "measure", "structure.yaml",
				 !l->structure_ok);
		break;
	case DATA_REVISIONS:
		if (l->indicators_ok && p->nsets < 2) {
			diag_error(n->pos, "the revision list needs two indicator sets, and the plan has %d", p->nsets);
			diag_hint("remove the block, or add the revised set to indicators.yaml with \"from\" links");
		}
		break;
	case DATA_POLICY:
		n->ref = load_resolve(l, &fake, p->policies, sizeof *p->policies, p->npolicies, "policy", "structure.yaml",
				 !l->structure_ok);
		break;
	default:
		break;
	}
done:
	free(copy);
}

/* Walks a document in order, resolving data blocks; appends each data block
 * to `seq` (for comparing the two languages). */
static void inline_text(buf_t *b, const md_node *n);

/* A Markdown pipe table (| a | b | over |---|---|), which plangen does not
 * draw: cmark reads it as a paragraph of bars. */
static void check_pipe_table(const md_node *para)
{
	if (!para->first || para->first->type != MD_TEXT || !para->first->text || para->first->text[0] != '|')
		return;
	buf_t b = BUF_INIT;
	inline_text(&b, para);
	if (strstr(b.ptr, "|-") || strstr(b.ptr, "| -") || strstr(b.ptr, "|:-") || strstr(b.ptr, "| :-")) {
		diag_warning(para->pos, "this looks like a Markdown table, which the site and the booklet do not draw");
		diag_hint("tables go in tables.yaml, and are placed in the text with a block ```plangen table ID```");
	}
	buf_free(&b);
}

static void resolve_doc(loader_t *l, md_node *doc, buf_t *seq)
{
	for (md_node *n = doc; n; n = md_next(n, doc)) {
		if (n->type == MD_DATA) {
			resolve_data(l, n);
			buf_printf(seq, "%s | ", n->text);
		} else if (n->type == MD_LINK) {
			check_link(n->text, n->pos);
		} else if (n->type == MD_IMAGE) {
			load_check_image(l, &n->text, n->pos);
			n->len = strlen(n->text);
		} else if (n->type == MD_PARAGRAPH) {
			check_pipe_table(n);
		}
	}
}

static void inline_text(buf_t *b, const md_node *n)
{
	for (const md_node *c = n->first; c; c = c->next) {
		if (c->type == MD_TEXT || c->type == MD_CODE)
			buf_puts(b, c->text);
		else
			inline_text(b, c);
	}
}

/* Japanese text: its parentheses in one width (utf8_fullwidth_parens). */
static void fullwidth_parens(md_node *n)
{
	for (; n; n = n->next) {
		if (n->type == MD_TEXT && n->text && strchr(n->text, '(')) {
			char *t = utf8_fullwidth_parens(n->text);
			free(n->text);
			n->text = t;
			n->len = strlen(t);
		}
		fullwidth_parens(n->first);
	}
}

/* Loads one Markdown file (ja or en) if it exists; required: missing is an
 * error (ja), otherwise a warning. */
static md_node *load_md_file(loader_t *l, const char *rel, bool required, bool cjk, buf_t *seq)
{
	char *text;
	size_t len;
	int f = load_open_source(l, l->dir, rel, required, &text, &len);
	if (f < 0)
		return NULL;
	md_node *doc = md_parse(f, text, len, !cjk);
	load_check_chars(text, diag_pos(f, 1, 1), false);
	if (strspn(text, " \t\r\n") == len) {
		/* Emptied by mistake, more likely than meant: its page would
		 * show only a title. */
		diag_warning(diag_pos(f, 0, 0), "this file is empty");
		diag_hint("write its text, or take it from the previous edition");
	}
	free(text);
	if (cjk)
		fullwidth_parens(doc);
	resolve_doc(l, doc, seq);
	return doc;
}

/* File names by the number they begin with, then as text: 2-progress
 * before 10-extra, as people number chapters. */
static int cmp_str(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t dx = strspn(x, "0123456789"), dy = strspn(y, "0123456789");
	if (dx && dy) {
		/* leading zeros aside, more digits is a larger number */
		while (dx > 1 && *x == '0')
			x++, dx--;
		while (dy > 1 && *y == '0')
			y++, dy--;
		if (dx != dy)
			return dx < dy ? -1 : 1;
		int c = strncmp(x, y, dx);
		if (c)
			return c;
	}
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .md file names of dir/sub, sorted (the order of chapters). */
static char **list_md(loader_t *l, const char *sub, int *count)
{
	buf_t path = BUF_INIT;
	buf_printf(&path, "%s/%s", l->dir, sub);
	DIR *d = opendir(path.ptr);
	char **names = NULL;
	*count = 0;
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			size_t len = strlen(e->d_name);
			if (len > 3 && strcmp(e->d_name + len - 3, ".md") == 0 && e->d_name[0] != '.') {
				names = xrealloc(names, sizeof *names * (size_t)(*count + 1));
				names[(*count)++] = xstrndup(e->d_name, len - 3);
			}
		}
		closedir(d);
		if (*count)
			qsort(names, (size_t)*count, sizeof *names, cmp_str);
	}
	buf_free(&path);
	return names;
}

static void free_names(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The first data block from n on in document order, or NULL. */
static const md_node *next_block(const md_node *n, const md_node *doc)
{
	while (n && n->type != MD_DATA)
		n = md_next(n, doc);
	return n;
}

/* Whether the data blocks from a on and from b on are the same. */
static bool same_blocks(const md_node *a, const md_node *doc_a, const md_node *b, const md_node *doc_b)
{
	while (a && b && strcmp(a->text, b->text) == 0) {
		a = next_block(md_next(a, doc_a), doc_a);
		b = next_block(md_next(b, doc_b), doc_b);
	}
	return !a && !b;
}

/* Where a translation's data blocks first differ from the default
 * language's: the block placed there instead, the one missing, or the
 * one too many. */
static void report_blocks_differ(const plan_t *p, md_node *docs[MAX_LANGS], int lang)
{
	const md_node *a = next_block(docs[0], docs[0]), *b = next_block(docs[lang], docs[lang]);
	while (a && b && strcmp(a->text, b->text) == 0) {
		a = next_block(md_next(a, docs[0]), docs[0]);
		b = next_block(md_next(b, docs[lang]), docs[lang]);
	}
	const char *tr = _(plan_lang_name(p, lang)), *def = _(plan_lang_name(p, 0));
	/* One block left out, or one more: all the blocks after it agree. */
	const md_node *a2 = a && b ? next_block(md_next(a, docs[0]), docs[0]) : NULL;
	const md_node *b2 = a && b ? next_block(md_next(b, docs[lang]), docs[lang]) : NULL;
	if (a2 && same_blocks(a2, docs[0], b, docs[lang]))
		diag_warning(b->pos, "the %s text does not place \"%s\" before this block, where the %s text does (%s:%d)",
			     tr, a->text, def, diag_file_path(a->pos), a->pos.line);
	else if (b2 && same_blocks(a, docs[0], b2, docs[lang]))
		diag_warning(b->pos, "the %s text places \"%s\" here, which the %s text does not (%s)", tr, b->text, def,
			     diag_file_path(a->pos));
	else if (a && b)
		diag_warning(b->pos, "the %s text places \"%s\" here, where the %s text places \"%s\" (%s:%d)", tr,
			     b->text, def, a->text, diag_file_path(a->pos), a->pos.line);
	else if (a)
		diag_warning(docs[lang]->pos, "the %s text does not place \"%s\", which the %s text places at %s:%d",
			     tr, a->text, def, diag_file_path(a->pos), a->pos.line);
	else if (b)
		diag_warning(b->pos, "the %s text places \"%s\", which the %s text does not (%s)", tr, b->text, def,
			     diag_file_path(docs[0]->pos));
	diag_hint("both texts place the same data blocks in the same order");
}

/* Loads LANG/sub/NAME.md for every language of the plan into docs; each
 * translation is compared with the default language's. */
static void load_pair(loader_t *l, const char *sub, const char *name, md_node *docs[MAX_LANGS], bool required)
{
	plan_t *p = l->p;
	buf_t seq[MAX_LANGS];
	int errors_before = diag_errors();
	for (int lang = 0; lang < p->nlangs; lang++) {
		buf_init(&seq[lang]);
		buf_t rel = BUF_INIT;
		buf_printf(&rel, "%s/%s/%s.md", p->langs[lang].code, sub, name);
		docs[lang] = load_md_file(l, rel.ptr, lang == 0 && required, p->langs[lang].cjk, &seq[lang]);
		if (lang > 0 && docs[0]) {
			if (lang == 1)
				p->coverage.docs++;
			if (docs[lang]) {
				int jp = 0, latin = 0;
				for (const md_node *t = docs[lang]; t && !p->langs[lang].cjk; t = md_next(t, docs[lang]))
					if (t->type == MD_TEXT && t->text)
						utf8_count_scripts(t->text, &jp, &latin);
				if (jp > latin) {
					diag_warning(docs[lang]->pos, "the %s text is written in Japanese", _(plan_lang_name(p, lang)));
					diag_hint("translate it; it does not count as translated");
				}
				/* An empty one is not translated either. */
				p->coverage.docs_translated[lang] += docs[lang]->first != NULL && jp <= latin;
				/* Compared only when both loaded cleanly and have text: an
				 * error in one, or an empty one, is reported already. */
				if (diag_errors() == errors_before && docs[0]->first && docs[lang]->first &&
				    strcmp(seq[0].ptr, seq[lang].ptr) != 0)
					report_blocks_differ(p, docs, lang);
			} else {
				buf_t m = BUF_INIT, h = BUF_INIT;
				buf_printf(&m, _("%s has no %s version"), rel.ptr + strlen(p->langs[lang].code) + 1,
					   _(plan_lang_name(p, lang)));
				buf_printf(&h, _("add the translation as %s"), rel.ptr);
				load_missing(l, docs[0]->pos, lang, m.ptr, h.ptr);
				buf_free(&m);
				buf_free(&h);
			}
		}
		buf_free(&rel);
	}
	/* The glossary's words: the texts' words, blocks and line breaks as spaces. */
	buf_t words[MAX_LANGS];
	const char *texts[MAX_LANGS] = {0};
	pos_t at[MAX_LANGS];
	for (int lang = 0; lang < p->nlangs; lang++) {
		buf_init(&words[lang]);
		for (const md_node *n = docs[lang]; n; n = md_next(n, docs[lang]))
			if ((n->type == MD_TEXT || n->type == MD_CODE) && n->text)
				buf_puts(&words[lang], n->text);
			else if (n->type != MD_EMPH && n->type != MD_STRONG && n->type != MD_LINK)
				buf_putc(&words[lang], ' ');
		texts[lang] = docs[lang] && docs[lang]->first ? words[lang].ptr : NULL; /* an empty one is told */
		at[lang] = docs[lang] ? docs[lang]->pos : POS_NONE;
	}
	if (docs[0])
		load_check_terms(l, texts, at);
	for (int lang = 0; lang < p->nlangs; lang++) {
		buf_free(&seq[lang]);
		buf_free(&words[lang]);
	}
}

/* A chapter's file name becomes its page's name: it must not break an
 * address, collide with a page plangen makes, or differ from another only
 * in case (one file on Windows and macOS). */
static bool check_chapter_name(loader_t *l, char **names, int i)
{
	const char *name = names[i];
	const char *bad = NULL, *taken = plan_name_taken(name);
	for (const char *c = name; *c && !bad; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
		      *c == '_'))
			bad = c;
	int other = -1;
	for (int k = 0; k < i && other < 0; k++)
		if (strcasecmp(names[k], name) == 0)
			other = k;
	if (!bad && !taken && other < 0)
		return true;
	buf_t path = BUF_INIT;
	buf_printf(&path, "%s/%s/chapters/%s.md", l->dir, l->p->langs[0].code, name);
	int f = diag_file_add(path.ptr, "", 0);
	if (bad) {
		diag_error(diag_pos(f, 0, 0), "a chapter's file name may hold only letters, digits, - and _");
		/* "3-measures - Copy", "3-measures (2)", a copy in Japanese: a copy
		 * the file manager made. */
		bool copy = strstr(name, "\u30B3\u30D4\u30FC") || strstr(name, " (");
		for (const char *c = name; *c && !copy; c++)
			copy = strncasecmp(c, "copy", 4) == 0;
		/* "6 appendix": a space where a hyphen belongs */
		char *hyphens = xstrdup(name);
		bool spaced = strchr(name, ' ') != NULL;
		for (char *c = hyphens; *c; c++) {
			spaced &= (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
				  *c == '_' || *c == ' ';
			*c = *c == ' ' ? '-' : *c;
		}
		if (copy)
			diag_hint("a copy kept as a backup is published as a chapter: move it out of the content folder");
		else if (spaced)
			diag_hint("rename the file %s.md: the name becomes the address of its page", hyphens);
		else
			diag_hint("rename the file, e.g. 5-appendix.md: the name becomes the address of its page");
		free(hyphens);
	} else if (taken) {
		diag_error(diag_pos(f, 0, 0), "the chapter's name \"%s\" is taken by %s", name, taken);
		diag_hint("rename the file, e.g. 5-%s.md", name);
	} else {
		diag_error(diag_pos(f, 0, 0), "the chapters \"%s\" and \"%s\" differ only in upper and lower case", names[other],
			   name);
		diag_hint("rename one of them: on Windows and macOS they would be one file");
	}
	buf_free(&path);
	return false;
}

/* A heading one level below the one before it at most: a screen
 * reader's list of headings has no gaps (JIS X 8341-3, 1.3.1).  A
 * chapter has one level-1 heading, its title, on its first line; the
 * text of a policy or a measure (chapter false) has headings from level 1,
 * which stand under its title. */
static void check_heading_levels(const md_node *doc, bool chapter)
{
	int prev = chapter ? 1 : 0;
	for (const md_node *n = doc ? doc->first : NULL; n; n = n->next) {
		if (n->type != MD_HEADING)
			continue;
		if (chapter && n->level == 1 && n != doc->first) {
			diag_warning(n->pos, "a chapter has one level-1 heading, its title: this one would begin a new part "
					     "of the booklet");
			diag_hint("begin a section of the chapter with \"## \"");
		} else if (!prev && n->level > 1) {
			if (!n->underlined) { /* (an underline is told where it is) */
				diag_warning(n->pos, "the first heading of this text has %d \"#\": its headings stand under the "
						     "title of its policy or measure, from one \"#\"", n->level);
				diag_hint("begin it with one \"#\"");
			}
		} else if (n->level > prev + 1) {
			diag_warning(n->pos, "this heading skips a level: level %d after level %d", n->level, prev);
			diag_hint("begin it with %d \"#\" instead of %d", prev + 1, n->level);
		}
		prev = n->level;
	}
}

/* A chapter saved as 2-outline.md.txt or 2-outline.MD (Windows hides the
 * extension) is no chapter to the loader: said, not left out silently. */
static void check_chapter_files(loader_t *l)
{
	/* A language's folder of texts under a near name (en/measure/): not read. */
	static const char *const folders[] = {"chapters", "policies", "measures"};
	for (int lang = 0; lang < l->p->nlangs; lang++) {
		buf_t dir = BUF_INIT;
		buf_printf(&dir, "%s/%s", l->dir, l->p->langs[lang].code);
		DIR *d = opendir(dir.ptr);
		for (struct dirent *e; d && (e = readdir(d));) {
			const char *near = e->d_name[0] != '.' ? load_closest(e->d_name, folders, sizeof *folders, 3) : NULL;
			if (!near || strcmp(near, e->d_name) == 0)
				continue;
			buf_t path = BUF_INIT;
			buf_printf(&path, "%s/%s", dir.ptr, e->d_name);
			int f = diag_file_add(path.ptr, "", 0);
			diag_warning(diag_pos(f, 0, 0), "this folder is not read: did you mean \"%s\"?", near);
			diag_hint("rename it %s/%s", l->p->langs[lang].code, near);
			buf_free(&path);
		}
		if (d)
			closedir(d);
		buf_free(&dir);
	}
	for (int lang = 0; lang < l->p->nlangs; lang++) {
		buf_t dir = BUF_INIT;
		buf_printf(&dir, "%s/%s/chapters", l->dir, l->p->langs[lang].code);
		DIR *d = opendir(dir.ptr);
		for (struct dirent *e; d && (e = readdir(d));) {
			const char *dot = strstr(e->d_name, ".");
			if (e->d_name[0] == '.' || !dot || strcmp(dot, ".md") == 0 || strncasecmp(dot, ".md", 3) != 0)
				continue;
			buf_t path = BUF_INIT;
			buf_printf(&path, "%s/%s", dir.ptr, e->d_name);
			int f = diag_file_add(path.ptr, "", 0);
			diag_warning(diag_pos(f, 0, 0), "this file is not read: a chapter's file name ends in .md");
			diag_hint("rename it %.*s.md (a folder window may hide the end of its name)", (int)(dot - e->d_name),
				  e->d_name);
			buf_free(&path);
		}
		if (d)
			closedir(d);
		buf_free(&dir);
	}
}

void load_chapters(loader_t *l)
{
	plan_t *p = l->p;
	const char *def = p->langs[0].code;
	check_chapter_files(l);
	buf_t dir = BUF_INIT;
	buf_printf(&dir, "%s/chapters", def);
	int n;
	char **names = list_md(l, dir.ptr, &n);
	if (!n) {
		int f = diag_file_add(l->dir, "", 0);
		diag_error(diag_pos(f, 0, 0), "there are no chapters in %s", dir.ptr);
		diag_hint("chapters are Markdown files such as %s/chapters/1-outline.md", def);
	}
	p->chapters = xcalloc((size_t)n + 1, sizeof *p->chapters);
	for (int i = 0; i < n; i++) {
		if (!check_chapter_name(l, names, i))
			continue;
		chapter_t *c = &p->chapters[p->nchapters++];
		c->id = xstrdup(names[i]);
		load_pair(l, "chapters", names[i], c->doc, true);
		md_node *doc = c->doc[0];
		if (!doc)
			continue;
		c->pos = doc->pos;
		md_node *h = doc->first;
		if (!h || h->type != MD_HEADING || h->level != 1) {
			diag_error(h ? h->pos : doc->pos, "a chapter starts with its title as a level-1 heading");
			diag_hint("write the chapter's title on its first line, after \"# \"");
			continue;
		}
		c->title.pos = h->pos;
		if (!h->first) {
			diag_error(h->pos, "the chapter's title is empty");
			diag_hint("write the chapter's title after \"# \" on its first line");
		}
		for (int lang = 0; lang < p->nlangs; lang++)
			check_heading_levels(c->doc[lang], true);
		for (int lang = 0; lang < p->nlangs; lang++) {
			md_node *th = c->doc[lang] ? c->doc[lang]->first : NULL;
			if (th && th->type == MD_HEADING) {
				buf_t t = BUF_INIT;
				inline_text(&t, th);
				c->title.s[lang] = buf_detach(&t);
			}
		}
	}
	/* A translated chapter has a chapter of the default language. */
	for (int lang = 1; lang < p->nlangs; lang++) {
		buf_t other = BUF_INIT;
		buf_printf(&other, "%s/chapters", p->langs[lang].code);
		int m;
		char **tr = list_md(l, other.ptr, &m);
		for (int i = 0; i < m; i++) {
			if (bsearch(&tr[i], names, (size_t)n, sizeof *names, cmp_str))
				continue;
			buf_t path = BUF_INIT;
			buf_printf(&path, "%s/%s/%s.md", l->dir, other.ptr, tr[i]);
			int f = diag_file_add(path.ptr, "", 0);
			diag_error(diag_pos(f, 0, 0), "there is no %s chapter of this name", _(plan_lang_name(p, 0)));
			const char *near = load_closest(tr[i], names, sizeof *names, n);
			if (near)
				diag_hint("did you mean %s.md? A translated chapter has the file name of its chapter in %s", near,
					  dir.ptr);
			else
				diag_hint("a translated chapter has the file name of its chapter in %s; if that chapter was "
					  "removed, remove this one too", dir.ptr);
			buf_free(&path);
		}
		free_names(tr, m);
		buf_free(&other);
	}
	free_names(names, n);
	buf_free(&dir);
}

/* The texts of policies and measures: one file per id, none left over.  A
 * text missing in the default language is told at the entry in
 * structure.yaml that asks for it (a measure just added there). */
/* Whether name is the id of one of count entries. */
static bool is_entry_id(const void *base, size_t stride, int count, const char *name)
{
	for (int i = 0; i < count; i++) {
		const char *id = *(char *const *)((const char *)base + (size_t)i * stride);
		if (id && strcmp(id, name) == 0)
			return true;
	}
	return false;
}

void load_bodies(loader_t *l, const char *sub, const void *base, size_t stride, int count,
			size_t body_offset, size_t pos_offset, const char *what)
{
	/* The default language's files that are no entry's: one of them may be
	 * the text of an entry whose file is missing (m05.md for m5), told there. */
	buf_t dir0 = BUF_INIT;
	buf_printf(&dir0, "%s/%s", l->p->langs[0].code, sub);
	int nstray = 0, nnames;
	char **names = list_md(l, dir0.ptr, &nnames);
	const char **stray = xcalloc((size_t)nnames + 1, sizeof *stray);
	bool *told = xcalloc((size_t)nnames + 1, sizeof *told);
	for (int k = 0; k < nnames; k++)
		if (!is_entry_id(base, stride, count, names[k]))
			stray[nstray++] = names[k];
	for (int i = 0; i < count; i++) {
		const char *entry = (const char *)base + (size_t)i * stride;
		const char *id = *(char *const *)entry;
		if (!id)
			continue;
		buf_t rel = BUF_INIT, path = BUF_INIT;
		buf_printf(&rel, "%s/%s.md", dir0.ptr, id);
		buf_printf(&path, "%s/%s", l->dir, rel.ptr);
		bool missing = access(path.ptr, F_OK) != 0 && errno == ENOENT;
		char *near = missing ? files_near(l->dir, rel.ptr) : NULL;
		if (missing && !near) {
			diag_error(*(const pos_t *)(entry + pos_offset), "the %s \"%s\" has no text: %s is missing", _(what),
				   id, rel.ptr);
			const char *file = load_closest(id, stray, sizeof *stray, nstray);
			if (file) {
				diag_hint("%s/%s.md is there: if it is this text, name it %s.md", dir0.ptr, file, id);
				for (int k = 0; k < nstray; k++)
					told[k] |= stray[k] == file;
			} else {
				diag_hint("write its text in %s (Markdown, as the other files of that folder)", rel.ptr);
			}
		}
		load_pair(l, sub, id, (md_node **)(entry + body_offset), !missing || near);
		for (int lang = 0; lang < l->p->nlangs; lang++)
			check_heading_levels(((md_node **)(entry + body_offset))[lang], false);
		free(near);
		buf_free(&rel);
		buf_free(&path);
	}
	for (int lang = 0; lang < l->p->nlangs; lang++) {
		buf_t dir = BUF_INIT;
		buf_printf(&dir, "%s/%s", l->p->langs[lang].code, sub);
		int n;
		char **files = list_md(l, dir.ptr, &n);
		for (int k = 0; k < n; k++) {
			bool again = false; /* told as the text of an entry without its file */
			for (int t = 0; t < nstray && lang == 0 && !again; t++)
				again = told[t] && strcmp(stray[t], files[k]) == 0;
			if (is_entry_id(base, stride, count, files[k]) || again)
				continue;
			buf_t path = BUF_INIT;
			buf_printf(&path, "%s/%s/%s.md", l->dir, dir.ptr, files[k]);
			int f = diag_file_add(path.ptr, "", 0);
			diag_error(diag_pos(f, 0, 0), "there is no %s with the id \"%s\"", _(what), files[k]);
			const char *id = load_closest(files[k], base, stride, count);
			if (id)
				diag_hint("did you mean \"%s\"? The file name must be the id of a %s in structure.yaml: %s.md", id,
					  _(what), id);
			else
				diag_hint("the file name must be the id of a %s in structure.yaml; if its %s was removed "
					  "from there, remove this file too", _(what), _(what));
			buf_free(&path);
		}
		free_names(files, n);
		buf_free(&dir);
	}
	free(stray);
	free(told);
	free_names(names, nnames);
	buf_free(&dir0);
}

/* ---- texts that place one another -------------------------------------
 *
 * The text of a policy or a measure may place another's (```plangen
 * measure m2```).  A text that places itself, directly or through others,
 * would be drawn forever: every such cycle is an error. */

typedef struct {
	loader_t *l;
	lang_t lang;
	char *state;        /* per text: 0 not seen, 1 being walked, 2 done */
	int *walked;        /* the texts being walked, outermost first */
	int depth;
	const md_node **reported;
	int nreported;
} cycles_t;

/* Texts are numbered policies first, then measures. */
static md_node *body_of(const plan_t *p, int t, lang_t lang)
{
	md_node *const *body = t < p->npolicies ? p->policies[t].body : p->measures[t - p->npolicies].body;
	return body[lang] ? body[lang] : body[0];
}

static const char *text_name(const plan_t *p, int t, buf_t *b)
{
	b->len = 0;
	if (t < p->npolicies)
		buf_printf(b, "policy %s", p->policies[t].id);
	else
		buf_printf(b, "measure %s", p->measures[t - p->npolicies].id);
	return b->ptr;
}

static void walk_text(cycles_t *c, int t)
{
	const plan_t *p = c->l->p;
	c->state[t] = 1;
	c->walked[c->depth++] = t;
	md_node *doc = body_of(p, t, c->lang);
	for (md_node *n = doc; n; n = md_next(n, doc)) {
		if (n->type == MD_DATA && n->ref >= 0 && (n->data == DATA_POLICY || n->data == DATA_MEASURE)) {
			int to = n->data == DATA_POLICY ? n->ref : p->npolicies + n->ref;
			bool seen = false;
			for (int i = 0; i < c->nreported && !seen; i++)
				seen = c->reported[i] == n;
			if (c->state[to] == 1 && !seen) {
				buf_t chain = BUF_INIT, name = BUF_INIT;
				int from = c->depth - 1;
				while (from > 0 && c->walked[from] != to)
					from--;
				for (int i = from; i < c->depth; i++)
					buf_printf(&chain, "%s → ", text_name(p, c->walked[i], &name));
				buf_puts(&chain, text_name(p, to, &name));
				if (to == t)
					diag_error(n->pos, "this text places itself (%s)", text_name(p, t, &name));
				else
					diag_error(n->pos, "this block places a text that places this one again: %s",
						   chain.ptr);
				diag_hint("remove the block: a text cannot contain itself");
				buf_free(&chain);
				buf_free(&name);
				c->reported = xrealloc(c->reported, (size_t)(c->nreported + 1) * sizeof *c->reported);
				c->reported[c->nreported++] = n;
			} else if (c->state[to] == 0) {
				walk_text(c, to);
			}
		}
	}
	c->state[t] = 2;
	c->depth--;
}

void load_check_cycles(loader_t *l)
{
	plan_t *p = l->p;
	int total = p->npolicies + p->nmeasures;
	cycles_t c = {.l = l, .state = xcalloc((size_t)total + 1, 1),
		      .walked = xcalloc((size_t)total + 1, sizeof *c.walked)};
	for (int lang = 0; lang < p->nlangs; lang++) {
		c.lang = (lang_t)lang;
		memset(c.state, 0, (size_t)total);
		for (int t = 0; t < total; t++)
			if (!c.state[t])
				walk_text(&c, t);
	}
	free(c.state);
	free(c.walked);
	free(c.reported);
}

/* ---- what the booklet shows ------------------------------------------------
 *
 * The booklet follows the chapters: a policy or a measure is in it when a
 * chapter places it, or a text that is in it does.  A measure that is not
 * is set after its policy's text when the policy is in the booklet (a
 * warning if that text places a later one: the numbers would go out of
 * order); otherwise it would vanish from the booklet while the site shows
 * it: that is a warning. */

/* A policy or a measure placed a second time is printed twice. */
static void placed_again(const md_node *n, const char *what, const char *id, pos_t first)
{
	size_t len;
	diag_warning(n->pos, "the %s \"%s\" is placed a second time: the booklet prints it twice", _(what), id);
	if (diag_line(first, &len))
		diag_hint("it is placed first in %s, line %d: remove one of the two", diag_file_path(first), first.line);
}

/* text_of: the policy whose text doc is, or -1 (a chapter, a measure's text). */
static void reach(plan_t *p, const md_node *doc, int text_of)
{
	for (const md_node *n = doc; n; n = md_next(n, doc)) {
		if (n->type != MD_DATA || n->ref < 0 || (n->data != DATA_POLICY && n->data != DATA_MEASURE))
			continue;
		policy_t *po = n->data == DATA_POLICY ? &p->policies[n->ref] : NULL;
		measure_t *m = po ? NULL : &p->measures[n->ref];
		/* structure.yaml moved the measure to another policy, the text not */
		if (m && text_of >= 0 && m->policy >= 0 && m->policy != text_of && p->policies[text_of].id &&
		    p->policies[m->policy].id) {
			diag_warning(n->pos, "the measure \"%s\" belongs to the policy \"%s\", but the text of \"%s\" places it",
				     m->id, p->policies[m->policy].id, p->policies[text_of].id);
			diag_hint("move this block into the text of \"%s\", or put \"%s\" back under \"%s\" in structure.yaml",
				  p->policies[m->policy].id, m->id, p->policies[text_of].id);
		}
		bool *in = po ? &po->in_booklet : &m->in_booklet;
		pos_t *placed = po ? &po->placed : &m->placed;
		if (*in) {
			placed_again(n, po ? N_("policy") : N_("measure"), po ? po->id : m->id, *placed);
			continue;
		}
		*in = true, *placed = n->pos;
		reach(p, po ? po->body[0] : m->body[0], po ? n->ref : -1);
	}
}

/* Numbers the charts in the order the booklet sets them: the chapters in
 * order, a placed text where it is placed, the measures no text places
 * after their policy's text. */
static void number_charts(plan_t *p, const md_node *doc, int *n, int depth)
{
	for (const md_node *c = doc; c && depth < 16; c = md_next(c, doc)) {
		if (c->type == MD_DATA && c->ref >= 0) {
			if (c->data == DATA_CHART && !p->indicators[c->ref].figure_number)
				p->indicators[c->ref].figure_number = ++*n;
			if (c->data == DATA_MEASURE)
				number_charts(p, p->measures[c->ref].body[0], n, depth + 1);
			if (c->data == DATA_POLICY) {
				const policy_t *po = &p->policies[c->ref];
				number_charts(p, po->body[0], n, depth + 1);
				for (int k = 0; k < po->nmeasures; k++)
					if (!p->measures[po->first_measure + k].in_booklet)
						number_charts(p, p->measures[po->first_measure + k].body[0], n, depth + 1);
			}
		}
	}
}

/* Marks the figures and tables a text places. */
static void mark_placed(const md_node *doc, bool *figures, bool *tables)
{
	for (const md_node *n = doc; n; n = md_next(n, doc))
		if (n->type == MD_DATA && n->ref >= 0 && (n->data == DATA_FIGURE || n->data == DATA_TABLE))
			(n->data == DATA_FIGURE ? figures : tables)[n->ref] = true;
}

/* A figure or a table that no text places is shown nowhere. */
static void check_unplaced(plan_t *p)
{
	bool *figures = xcalloc((size_t)p->nfigures + 1, sizeof *figures);
	bool *tables = xcalloc((size_t)p->ntables + 1, sizeof *tables);
	for (int c = 0; c < p->nchapters; c++)
		mark_placed(p->chapters[c].doc[0], figures, tables);
	for (int i = 0; i < p->npolicies; i++)
		mark_placed(p->policies[i].body[0], figures, tables);
	for (int i = 0; i < p->nmeasures; i++)
		mark_placed(p->measures[i].body[0], figures, tables);
	for (int i = 0; i < p->nfigures; i++)
		if (!figures[i] && p->figures[i].id) {
			diag_warning(p->figures[i].pos, "no text places the figure \"%s\": it is shown nowhere", p->figures[i].id);
			diag_hint("place it where it belongs with ```plangen figure %s```, or remove it", p->figures[i].id);
		}
	/* the committee's roster has a page of its own */
	for (int i = 0; i < p->ntables; i++)
		if (!tables[i] && p->tables[i].id && p->tables[i].role != TABLE_MEMBERS) {
			diag_warning(p->tables[i].pos, "no text places the table \"%s\": it is shown nowhere", p->tables[i].id);
			diag_hint("place it where it belongs with ```plangen table %s```, or remove it", p->tables[i].id);
		}
	free(figures);
	free(tables);
}

/* The measure a data block in a measure's text shows, when it is of one:
 * its table of indicators or its actions; else -1.  (A chart of another
 * measure's indicator may be meant: an indicator that backs both.) */
static int block_measure(const md_node *n)
{
	if ((n->data == DATA_INDICATORS || n->data == DATA_ACTIONS) && n->ref >= 0)
		return n->ref;
	return -1;
}

/* One key per thing a data block shows, or -1: a table of indicators by its
 * set and measure, a chart, figure, table or actions by its entry, a block
 * that shows the one thing of its kind (the structure diagram) by its kind. */
static int block_key(const plan_t *p, const md_node *n)
{
	const struct {
		datakind_t kind;
		int count;
	} ranges[] = {{DATA_CHART, p->nindicators}, {DATA_FIGURE, p->nfigures}, {DATA_TABLE, p->ntables},
		      {DATA_ACTIONS, p->nmeasures}};
	if (n->data == DATA_INDICATORS)
		return n->set >= 0 ? n->set * (p->nmeasures + 1) + n->ref + 1 : -1;
	int base = p->nsets * (p->nmeasures + 1);
	for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++) {
		if (n->data == ranges[i].kind)
			return n->ref >= 0 ? base + n->ref : -1;
		base += ranges[i].count;
	}
	/* structure, goal, points, revisions, colophon: one each */
	return n->data >= DATA_STRUCTURE && n->data <= DATA_COLOPHON ? base + (int)(n->data - DATA_STRUCTURE) : -1;
}

/* The data blocks of the texts in the default language: one placed a
 * second time (its page would hold its ids twice, the booklet print it
 * twice), and one in a measure's text that shows another measure's
 * (copied from the text before it): the booklet would show it in the
 * wrong place, and perhaps leave out the measure's own. */
static void check_blocks(plan_t *p)
{
	int nkeys = p->nsets * (p->nmeasures + 1) + p->nindicators + p->nfigures + p->ntables + p->nmeasures + 8;
	pos_t *first = xcalloc((size_t)nkeys, sizeof *first);
	int ndocs = p->nchapters + p->npolicies + p->nmeasures;
	for (int d = 0; d < ndocs; d++) {
		int mi = d - p->nchapters - p->npolicies; /* a measure's text: its index */
		const md_node *doc = plan_text_docs(p, d)[0];
		for (const md_node *n = doc; n; n = md_next(n, doc)) {
			if (n->type != MD_DATA || n->data == DATA_POLICY || n->data == DATA_MEASURE)
				continue;
			int other = mi >= 0 ? block_measure(n) : -1;
			if (other >= 0 && other != mi && p->measures[mi].id && p->measures[other].id) {
				diag_warning(n->pos, "the text of the measure \"%s\" shows \"%s\" of the measure \"%s\"",
					     p->measures[mi].id, n->text, p->measures[other].id);
				diag_hint("show the measure's own (%s), or move this block into the text of \"%s\"",
					  p->measures[mi].id, p->measures[other].id);
			}
			int key = block_key(p, n);
			if (key < 0)
				continue;
			/* The goal, the structure diagram, a figure or a table may be
			 * shown again in another text (an outline, an appendix); a
			 * measure's indicators, actions and charts, and the colophon,
			 * belong in one place. */
			bool again = (n->data == DATA_GOAL || n->data == DATA_STRUCTURE || n->data == DATA_POINTS ||
				      n->data == DATA_REVISIONS || n->data == DATA_FIGURE || n->data == DATA_TABLE) &&
				     d < p->nchapters && first[key].file != n->pos.file;
			bool in_chapter = false; /* the first in a chapter too */
			for (int c = 0; again && c < d && !in_chapter; c++)
				in_chapter = p->chapters[c].doc[0] && p->chapters[c].doc[0]->pos.file == first[key].file;
			if (first[key].line && !(again && in_chapter))
				placed_again(n, N_("data block"), n->text, first[key]);
			else if (!first[key].line)
				first[key] = n->pos;
		}
	}
	/* A measure's indicators of a set that no text places, where the
	 * texts place the set's tables of others, are in no table of the
	 * booklet (one told per set). */
	for (int s = 0; s < p->nsets; s++) {
		bool tables = false;
		for (int k = 0; k <= p->nmeasures && !tables; k++)
			tables = first[s * (p->nmeasures + 1) + k].line > 0;
		for (int i = 0; i < p->nindicators && tables; i++) {
			const indicator_t *ind = &p->indicators[i];
			if (ind->set != s || ind->measure < 0 || !ind->id || !p->sets[s].id || !p->measures[ind->measure].id ||
			    first[s * (p->nmeasures + 1) + ind->measure + 1].line)
				continue;
			/* each shown as a chart instead: placed all the same */
			bool charted = true;
			for (int k = 0; k < p->nindicators && charted; k++)
				if (p->indicators[k].set == s && p->indicators[k].measure == ind->measure)
					charted = first[p->nsets * (p->nmeasures + 1) + k].line > 0;
			if (charted)
				continue;
			diag_warning(ind->pos, "no text places the indicators of the set \"%s\" of the measure \"%s\": the "
					       "booklet's tables leave them out", p->sets[s].id, p->measures[ind->measure].id);
			diag_hint("place them in the measure's text with ```plangen indicators %s %s```", p->sets[s].id,
				  p->measures[ind->measure].id);
			break;
		}
	}
	free(first);
}

/* The notes (paragraphs that begin with their mark, "\u203B3 \u2026"): a number
 * written twice in a language, whose marks all lead to the first, and a
 * note of the default language that a translated text leaves out (its
 * page shows the note in the default language). */
/* The text a paragraph begins with, inside a link (a note's mark made a
 * link to it) too; NULL if it begins otherwise. */
static const char *first_text(const md_node *para)
{
	const md_node *t = para->first;
	if (t && t->type == MD_LINK)
		t = t->first;
	return t && t->type == MD_TEXT ? t->text : NULL;
}

static void check_notes(plan_t *p)
{
	enum { MAX_NOTE = 1000 }; /* marks have 1 to 3 digits */
	pos_t *first = xcalloc((size_t)MAX_NOTE * (size_t)p->nlangs, sizeof *first);
	int ndocs = p->nchapters + p->npolicies + p->nmeasures;
	for (int lang = 0; lang < p->nlangs; lang++)
		for (int d = 0; d < ndocs; d++) {
			md_node *const *docs = plan_text_docs(p, d);
			for (const md_node *n = docs[lang]; n; n = md_next(n, docs[lang])) {
				int num = n->type == MD_PARAGRAPH ? md_note_number(n) : 0;
				/* \u203B3\u751F\u7523\u2026, \u203B3: \u2026: a paragraph that begins with a mark and no
				 * space is no note */
				int unspaced = 0;
				const char *lead = n->type == MD_PARAGRAPH ? first_text(n) : NULL;
				if (!num && lead && text_note_mark(lead, &unspaced) && unspaced > 0) {
					diag_warning(n->pos, "this paragraph begins with \u203B%d but is no note: a space must follow the mark",
						     unspaced);
					diag_hint("write \"\u203B%d \" and the note after it", unspaced);
				}
				if (num <= 0 || num >= MAX_NOTE)
					continue;
				pos_t *at = &first[lang * MAX_NOTE + num];
				size_t len;
				if (at->line) {
					diag_warning(n->pos, "the note \u203B%d is written a second time: its marks lead to the first", num);
					if (diag_line(*at, &len))
						diag_hint("it is first in %s, line %d: give each note of the plan its own number",
							  diag_file_path(*at), at->line);
				} else {
					*at = n->pos;
				}
				/* the same text in the other languages has it too */
				for (int k = 1; lang == 0 && k < p->nlangs; k++) {
					bool found = !docs[k];
					for (const md_node *t = docs[k]; t && !found; t = md_next(t, docs[k])) {
						int written = 0; /* (one without its space is told there) */
						const char *begins = t->type == MD_PARAGRAPH ? first_text(t) : NULL;
						found = t->type == MD_PARAGRAPH &&
							(md_note_number(t) == num || (begins && text_note_mark(begins, &written) && written == num));
					}
					if (!found) {
						diag_warning(n->pos, "the note \u203B%d has no %s text: its %s page shows it in %s", num,
							     _(plan_lang_name(p, k)), _(plan_lang_name(p, k)), _(plan_lang_name(p, 0)));
						diag_hint("add the paragraph \"\u203B%d \u2026\" to the %s file of this text", num,
							  _(plan_lang_name(p, k)));
					}
				}
			}
		}
	free(first);
}

/* A note mark (\u203B12) in a text whose note no text of the plan has: the
 * page shows the mark alone.  (A link to it, [\u203B12](#note-12), is told
 * as a link; a note's own mark begins its note.) */
static void mark_without_note(const plan_t *p, int num, pos_t at)
{
	bool fallback, found = false;
	for (lang_t k = 0; k < p->nlangs && !found; k++)
		found = plan_note(p, k, num, &fallback) != NULL;
	if (found)
		return;
	diag_warning(at, "the mark \u203B%d has no note: no text has a paragraph that begins with it", num);
	diag_hint("write the note as a paragraph \"\u203B%d \u2026\" in the text, or correct the mark's number", num);
}

static void check_marks(loader_t *l)
{
	plan_t *p = l->p;
	for (int i = 0; i < l->nmarks; i++)
		mark_without_note(p, l->marks[i].num, l->marks[i].pos);
	int ndocs = p->nchapters + p->npolicies + p->nmeasures;
	for (int lang = 0; lang < p->nlangs; lang++)
		for (int d = 0; d < ndocs; d++) {
			const md_node *doc = plan_text_docs(p, d)[lang];
			for (const md_node *n = doc; n; n = md_next(n, doc)) {
				if (n->type != MD_TEXT || !n->text || (n->parent && n->parent->type == MD_LINK))
					continue;
				size_t len;
				int num;
				const char *m = n->text;
				/* a note's own mark */
				if (n->parent && n->parent->type == MD_PARAGRAPH && n->parent->first == n &&
				    md_note_number(n->parent) > 0 && text_note_mark(m, NULL))
					m += text_note_mark(m, NULL);
				for (; (m = text_next_note_mark(m, &len, &num)); m += len)
					mark_without_note(p, num, load_pos_in(n->pos, m, len));
			}
		}
}

/* A chapter's heading written by hand with a measure's or a policy's word,
 * number and title (measure 2 and its title): after structure.yaml
 * renumbers it, the number no longer agrees with the title.  Only a
 * number written once, with the title right after it (a space, a colon,
 * a bracket between), the longest title that stands there. */
static void check_written_numbers(plan_t *p)
{
	for (int c = 0; c < p->nchapters; c++)
		for (const md_node *n = p->chapters[c].doc[0]; n; n = md_next(n, p->chapters[c].doc[0])) {
			if (n->type != MD_HEADING)
				continue;
			buf_t t = BUF_INIT;
			md_flat_text(&t, n);
			for (int kind = 0; kind < 2 && t.ptr; kind++) {
				bool m = kind == 0;
				const char *word = plan_word(p, m ? WORD_MEASURE : WORD_POLICY, 0);
				const char *w = word && *word ? strstr(t.ptr, word) : NULL;
				if (!w || strstr(w + strlen(word), word))
					continue; /* none, or several */
				const char *d = w + strlen(word);
				int written = 0, digits = 0;
				for (; digits < 3; digits++) {
					int v = *d >= '0' && *d <= '9' ? *d - '0' : utf8_wide_digit(d);
					if (v < 0)
						break;
					written = written * 10 + v;
					d += *d >= '0' && *d <= '9' ? 1 : 3;
				}
				/* what stands between the number and the title */
				for (int k = 0; digits && k < 2; k++) {
					static const char *const seps[] = {" ", "\u3000", ":", "\uFF1A", "\u3011", "\u3010", "\u300D", "\u300C"};
					for (size_t i = 0; i < sizeof seps / sizeof *seps; i++)
						if (strncmp(d, seps[i], strlen(seps[i])) == 0) {
							d += strlen(seps[i]);
							break;
						}
				}
				int best = -1, count = m ? p->nmeasures : p->npolicies;
				size_t best_len = 0;
				for (int k = 0; digits && k < count; k++) {
					const char *title = m ? p->measures[k].title.s[0] : p->policies[k].title.s[0];
					size_t len = title ? strlen(title) : 0;
					if (len > best_len && strncmp(d, title, len) == 0)
						best = k, best_len = len;
				}
				int number = best < 0 ? 0 : m ? p->measures[best].number : p->policies[best].number;
				if (best < 0 || written == number)
					continue;
				buf_t right = BUF_INIT;
				char num[16];
				snprintf(num, sizeof num, "%d", number);
				plan_word_fmt(&right, p, WORD_NUMBERED, 0, "word", word, "number", num, NULL);
				diag_warning(n->pos, "this heading numbers \"%s\" %d, and structure.yaml numbers it %d",
					     m ? p->measures[best].title.s[0] : p->policies[best].title.s[0], written, number);
				diag_hint("write it as %s, or take the number out of the heading", right.ptr);
				buf_free(&right);
			}
			buf_free(&t);
		}
}

void load_check_booklet(loader_t *l)
{
	plan_t *p = l->p;
	check_unplaced(p);
	check_written_numbers(p);
	check_notes(p);
	check_marks(l);
	check_blocks(p);
	for (int c = 0; c < p->nchapters; c++)
		reach(p, p->chapters[c].doc[0], -1);
	int charts = 0;
	for (int c = 0; c < p->nchapters; c++)
		number_charts(p, p->chapters[c].doc[0], &charts, 0);
	/* Two policies placed in one text against their numbers (structure.yaml
	 * reordered): the booklet would read 1, 3, 2. */
	for (int i = 0; i < p->npolicies; i++)
		for (int k = 0; p->policies[i].in_booklet && k < i; k++) {
			const policy_t *a = &p->policies[k], *b = &p->policies[i]; /* a before b in structure.yaml */
			if (a->in_booklet && a->placed.file == b->placed.file && a->placed.line > b->placed.line) {
				diag_warning(a->placed, "the policy \"%s\" (number %d) is placed after \"%s\" (number %d)", a->id,
					     a->number, b->id, b->number);
				diag_hint("place them in the order of structure.yaml, or change that order there");
				break;
			}
		}
	for (int i = 0; i < p->npolicies; i++)
		if (!p->policies[i].in_booklet && p->policies[i].id) {
			diag_warning(p->policies[i].pos, "no chapter places the policy \"%s\": the booklet leaves it out",
				     p->policies[i].id);
			diag_hint("place it in a chapter with ```plangen policy %s``` (then ``` on the next line)",
				  p->policies[i].id);
		}
	for (int i = 0; i < p->nmeasures; i++) {
		const measure_t *m = &p->measures[i];
		if (!m->in_booklet && m->id && m->policy >= 0 && p->policies[m->policy].in_booklet) {
			/* Set after its policy's text: out of order if the text
			 * places one that comes after it (1, 2, 3, 5, 4), or if one
			 * before it is placed elsewhere, after that text (a new
			 * measure 8 left out of the chapter that places 1 to 7). */
			const policy_t *po = &p->policies[m->policy];
			int text_file = po->body[0] ? po->body[0]->pos.file : -1;
			/* placed after the text: the first of them, and the last before it */
			const measure_t *first = NULL, *before = NULL;
			for (int k = 0; k < po->nmeasures; k++) {
				const measure_t *s = &p->measures[po->first_measure + k];
				if (!s->in_booklet || !s->id)
					continue;
				bool in_text = s->placed.file == text_file;
				if (in_text && s->number > m->number) {
					diag_warning(m->pos, "the measure \"%s\" is set after the text of its policy, after \"%s\", "
							     "out of order", m->id, s->id);
					diag_hint("place it in that text with ```plangen measure %s```, before \"%s\"", m->id,
						  s->id);
					before = NULL;
					break;
				}
				if (!in_text && s->number < m->number && (!before || s->number > before->number))
					before = s;
				if (!in_text && s->number < m->number && (!first || s->number < first->number))
					first = s;
			}
			if (before) {
				size_t len;
				diag_warning(m->pos, "no chapter places the measure \"%s\": the booklet sets it after its policy's "
						     "text, before \"%s\", out of order", m->id, first->id);
				if (diag_line(before->placed, &len))
					diag_hint("place it after \"%s\" (%s, line %d) with ```plangen measure %s```", before->id,
						  diag_file_path(before->placed), before->placed.line, m->id);
			}
			continue;
		}
		if (!m->in_booklet && m->id) {
			diag_warning(m->pos, "no chapter places the measure \"%s\": the booklet leaves it out", m->id);
			diag_hint("place it in a chapter or in its policy's text with ```plangen measure %s```", m->id);
		}
		/* Two measures of a policy placed in one text against their
		 * numbers (structure.yaml reordered): the booklet would read 3, 2. */
		for (int k = 0; m->in_booklet && m->policy >= 0 && k < p->nmeasures; k++) {
			const measure_t *o = &p->measures[k];
			if (o->policy == m->policy && o->in_booklet && o->number < m->number && o->placed.file == m->placed.file &&
			    o->placed.line > m->placed.line) {
				diag_warning(o->placed, "the measure \"%s\" (number %d) is placed after \"%s\" (number %d)", o->id,
					     o->number, m->id, m->number);
				diag_hint("place them in the order of structure.yaml, or change that order there");
				break;
			}
		}
	}
}
