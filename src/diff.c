/* diff.c — `plangen diff OLD NEW` (diff.h). */
#define _DEFAULT_SOURCE
#include "diff.h"
#include "view.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backends.h"
#include "buf.h"
#include "diag.h"
#include "files.h"
#include "load.h"
#include "ytree.h"

/* One edition: its plan when it is a content folder, and its records. */
typedef struct {
	const char *path;
	plan_t *plan; /* NULL for a published indicators.json */
	ynode *root;
	const ynode *records;
	struct keyed *sorted; /* the records by id and part (index_records) */
} side_t;

/* Reads dir/name, or NULL (reported as the environment's problem). */
static char *read_whole(const char *path, size_t *len)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	const char *name = path;
	if (slash) {
		*slash = '\0';
		name = slash + 1;
	}
	files_status st;
	char *text = files_read(slash ? (*dir ? dir : "/") : ".", name, FILES_TEXT_LIMIT, len, &st, NULL);
	if (!text)
		diag_fatal("cannot read \"%s\": %s", path, files_reason(st));
	free(dir);
	return text;
}

static const char *field(const ynode *record, const char *key)
{
	const ynode *v = ytree_get(record, key);
	return v && v->type == Y_SCALAR && strcmp(v->str, "null") != 0 ? v->str : "";
}

static void record_key(buf_t *b, const ynode *record)
{
	buf_printf(b, "%s#%s", field(record, "id"), field(record, "part"));
}

typedef struct keyed {
	char *key;
	const ynode *record;
} keyed_t;

static int compare_keyed(const void *a, const void *b)
{
	return strcmp(((const keyed_t *)a)->key, ((const keyed_t *)b)->key);
}

/* A side's records sorted by id and part, to find each in log n. */
static void index_records(side_t *s)
{
	s->sorted = xcalloc((size_t)s->records->n + 1, sizeof *s->sorted);
	for (int i = 0; i < s->records->n; i++) {
		buf_t k = BUF_INIT;
		record_key(&k, s->records->items[i]);
		s->sorted[i] = (keyed_t){buf_detach(&k), s->records->items[i]};
	}
	qsort(s->sorted, (size_t)s->records->n, sizeof *s->sorted, compare_keyed);
}

static const ynode *find_record(const side_t *s, const char *key)
{
	keyed_t want = {(char *)key, NULL};
	const keyed_t *k = bsearch(&want, s->sorted, (size_t)s->records->n, sizeof *s->sorted, compare_keyed);
	return k ? k->record : NULL;
}

/* Loads a side; the exit status of its problems, or 0. */
static int load_side(side_t *s, const char *path, const char *theme, const data_defs *defs)
{
	s->path = path;
	struct stat st;
	if (stat(path, &st) != 0) {
		diag_fatal("cannot open \"%s\": it is neither a content folder nor an indicators.json", path);
		return 2;
	}
	buf_t json = BUF_INIT;
	buf_t name = BUF_INIT;
	if (S_ISDIR(st.st_mode)) {
		bool env_error;
		s->plan = load_content(path, theme, &env_error);
		if (env_error || diag_errors()) {
			buf_free(&json);
			buf_free(&name);
			return env_error || diag_fatals() ? 2 : 1;
		}
		buf_t csv = BUF_INIT;
		data_records(s->plan, defs, &csv, &json);
		buf_free(&csv);
		buf_printf(&name, "%s (%s)", path, _("its open data"));
	} else {
		size_t len;
		char *text = read_whole(path, &len);
		if (!text) {
			buf_free(&name);
			return 2;
		}
		buf_put(&json, text, len);
		free(text);
		buf_puts(&name, path);
	}
	/* JSON is YAML: the records are read as the content is. */
	int file = diag_file_add(name.ptr, json.ptr ? json.ptr : "", json.len);
	s->root = ytree_parse(file, json.ptr ? json.ptr : "", json.len);
	buf_free(&json);
	buf_free(&name);
	s->records = ytree_get(s->root, "records");
	if (!s->root || !s->records || s->records->type != Y_SEQ) {
		diag_error(diag_pos(file, 0, 0), "this is not the open data of a plan: it has no \"records\" list");
		diag_hint("give a content folder, or the downloads/indicators.json of a build");
		return 1;
	}
	index_records(s);
	return 0;
}

/* The items compared, in the order shown; %s: the language of the
 * documentation (ja or en).  The numbers of the policy and the measure
 * too: measures reordered renumber their indicators in print. */
static const char *const compared[] = {
	"name_%s", "unit_%s", "direction", "set", "policy_id", "policy_number", "measure_id", "measure_number",
	"baseline_year", "baseline_value", "baseline_state",
	"current_year", "current_value", "current_state", "target_year", "target_value", "target_state", "status",
	"value_note_%s",
};

typedef struct {
	const side_t *old, *new;
	const plan_t *plan; /* for the items' names, or NULL */
	const data_defs *defs;
	int doc;            /* 0: Japanese, 1: English (the item definitions' languages) */
	bool csv;
	buf_t out;
	int added, removed, changed, texts, warnings;
	int stale; /* places where the new edition still writes an old name */
	/* The policies [0] and measures [1] of the two plans paired, one to one
	 * (match_parts): each old one's new index and each new one's old, -1
	 * for one removed or added. */
	int *new_of_old[2], *old_of_new[2];
} differ_t;

/* The name of an item in the documentation's language, from opendata.yaml. */
static void item_label(buf_t *b, const differ_t *d, const char *key)
{
	for (int i = 0; d->plan && i < data_nitems(d->plan); i++) {
		data_item_t it = data_item(d->plan, d->defs, i, d->doc);
		bool same = strcmp(it.key, key) == 0;
		if (same)
			buf_puts(b, it.label);
		data_item_free(&it);
		if (same)
			return;
	}
	buf_puts(b, key);
}

static void csv_row(differ_t *d, const char *kind, const char *id, const char *part, const char *item,
		    const char *old, const char *new)
{
	const char *cells[] = {kind, id, part, item, old, new};
	for (int i = 0; i < 6; i++) {
		if (i)
			buf_putc(&d->out, ',');
		data_put_csv_field(&d->out, cells[i], true);
	}
	buf_puts(&d->out, "\r\n");
}

static const char *lang_suffix(const differ_t *d) { return d->doc ? "en" : "ja"; }

/* An indicator's heading line: its id, part and name. */
static void heading(differ_t *d, const ynode *r, const char *what)
{
	buf_t name = BUF_INIT;
	buf_printf(&name, "name_%s", lang_suffix(d));
	const char *part = field(r, "part");
	buf_printf(&d->out, "%s %s", what, field(r, "id"));
	if (*part && strcmp(part, "1") != 0)
		buf_printf(&d->out, " #%s", part);
	buf_printf(&d->out, " %s\n", field(r, name.ptr));
	buf_free(&name);
}

/* headed: its heading is written already (a new id). */
static void compare_records(differ_t *d, const ynode *old, const ynode *new, bool headed)
{
	bool any = headed;
	for (size_t i = 0; i < sizeof compared / sizeof *compared; i++) {
		buf_t key = BUF_INIT;
		buf_printf(&key, compared[i], lang_suffix(d));
		const char *a = field(old, key.ptr), *b = field(new, key.ptr);
		if (strcmp(a, b) != 0) {
			if (d->csv) {
				csv_row(d, "indicator", field(new, "id"), field(new, "part"), key.ptr, a, b);
			} else {
				if (!any)
					heading(d, new, _("changed:"));
				/* A status by its word, not its code. */
				if (strcmp(key.ptr, "status") == 0) {
					buf_t words = BUF_INIT;
					buf_printf(&words, "status_%s", lang_suffix(d));
					a = field(old, words.ptr), b = field(new, words.ptr);
					buf_free(&words);
				}
				buf_puts(&d->out, "    ");
				item_label(&d->out, d, key.ptr);
				buf_printf(&d->out, ": %s → %s\n", *a ? a : "—", *b ? b : "—");
			}
			any = true;
		}
		buf_free(&key);
	}
	/* A new year on an old number: the year moved (years.current of the
	 * set, or a value's own year) but the value was not brought up to date. */
	static const char *const slots[] = {"baseline", "current"};
	for (int s = 0; s < 2; s++) {
		buf_t year = BUF_INIT, value = BUF_INIT;
		buf_printf(&year, "%s_year", slots[s]);
		buf_printf(&value, "%s_value", slots[s]);
		if (strcmp(field(old, year.ptr), field(new, year.ptr)) != 0 && *field(new, value.ptr) &&
		    strcmp(field(old, value.ptr), field(new, value.ptr)) == 0) {
			if (d->csv)
				csv_row(d, "warning", field(new, "id"), field(new, "part"), value.ptr, field(old, year.ptr),
					field(new, year.ptr));
			else
				buf_printf(&d->out, "    %s\n", _("warning: the year changed but not the value: check that it was updated"));
			d->warnings++;
		}
		buf_free(&year);
		buf_free(&value);
	}
	d->changed += any;
}

/* The record of side `other` that record r of side `own` (whose key
 * `other` does not have) was or became under another id: of the same set,
 * part and name in the plan's language, its key not in `own`; NULL if
 * none. */
static const ynode *reid_record(const differ_t *d, const ynode *r, const side_t *own, const side_t *other)
{
	buf_t name = BUF_INIT, key = BUF_INIT;
	/* the name in the plan's language; the messages' between two
	 * published indicators.json, which have no plan */
	buf_printf(&name, "name_%s", d->plan ? d->plan->langs[0].code : lang_suffix(d));
	const ynode *found = NULL;
	for (int i = 0; i < other->records->n && !found; i++) {
		const ynode *o = other->records->items[i];
		if (!*field(r, name.ptr) || strcmp(field(o, name.ptr), field(r, name.ptr)) != 0 ||
		    strcmp(field(o, "part"), field(r, "part")) != 0 || strcmp(field(o, "set"), field(r, "set")) != 0)
			continue;
		key.len = 0;
		record_key(&key, o);
		found = find_record(own, key.ptr) ? NULL : o;
	}
	buf_free(&name);
	buf_free(&key);
	return found;
}

static void compare_indicators(differ_t *d)
{
	buf_t key = BUF_INIT;
	for (int i = 0; i < d->new->records->n; i++) {
		const ynode *r = d->new->records->items[i];
		buf_free(&key);
		record_key(&key, r);
		const ynode *was = find_record(d->old, key.ptr), *reid = was ? NULL : reid_record(d, r, d->new, d->old);
		if (was) {
			compare_records(d, was, r, false);
		} else if (reid) {
			/* the same indicator under a new id: its record's key changes */
			if (d->csv) {
				csv_row(d, "indicator", field(r, "id"), field(r, "part"), "id", field(reid, "id"), field(r, "id"));
			} else {
				heading(d, r, _("new id:"));
				buf_printf(&d->out, "    id: %s \u2192 %s\n", field(reid, "id"), field(r, "id"));
			}
			compare_records(d, reid, r, true);
		} else {
			d->added++;
			buf_t name = BUF_INIT;
			buf_printf(&name, "name_%s", lang_suffix(d));
			if (d->csv)
				csv_row(d, "indicator", field(r, "id"), field(r, "part"), "added", "", field(r, name.ptr));
			else
				heading(d, r, _("added:"));
			buf_free(&name);
		}
	}
	for (int i = 0; i < d->old->records->n; i++) {
		const ynode *r = d->old->records->items[i];
		buf_free(&key);
		record_key(&key, r);
		if (find_record(d->new, key.ptr) || reid_record(d, r, d->old, d->new))
			continue;
		d->removed++;
		buf_t name = BUF_INIT;
		buf_printf(&name, "name_%s", lang_suffix(d));
		if (d->csv)
			csv_row(d, "indicator", field(r, "id"), field(r, "part"), "removed", field(r, name.ptr), "");
		else
			heading(d, r, _("removed:"));
		buf_free(&name);
	}
	buf_free(&key);
}

/* ---- texts ---------------------------------------------------------------- */

/* A policy's or a measure's id and title in a plan, and the index of the
 * one with an id (-1: none). */
static const char *part_id(const plan_t *p, bool measures, int k)
{
	return measures ? p->measures[k].id : p->policies[k].id;
}

static const text_t *part_title(const plan_t *p, bool measures, int k)
{
	return measures ? &p->measures[k].title : &p->policies[k].title;
}

static int part_find(const plan_t *p, bool measures, const char *id)
{
	for (int j = 0; j < (measures ? p->nmeasures : p->npolicies); j++)
		if (part_id(p, measures, j) && strcmp(part_id(p, measures, j), id) == 0)
			return j;
	return -1;
}

/* The part of plan `other` that held what part j of plan `p` holds: the
 * measure of one of its indicators (a policy: of one of its measures)
 * under the same id in both, not paired yet (free[k] < 0); -1 if none. */
static int part_held(const plan_t *p, const plan_t *other, bool measures, int j, const int *free)
{
	int n = measures ? p->nindicators : p->nmeasures, no = measures ? other->nindicators : other->nmeasures;
	for (int i = 0; i < n; i++) {
		const char *id = measures ? p->indicators[i].id : p->measures[i].id;
		if (!id || (measures ? p->indicators[i].measure : p->measures[i].policy) != j)
			continue;
		for (int t = 0; t < no; t++) {
			const char *same = measures ? other->indicators[t].id : other->measures[t].id;
			int k = measures ? other->indicators[t].measure : other->measures[t].policy;
			if (same && strcmp(same, id) == 0 && k >= 0 && free[k] < 0)
				return k;
		}
	}
	return -1;
}

/* Pairs the policies and the measures of the two editions one to one, by
 * what stays of a part when staff renumber it: its title in the default
 * language first (a measure inserted before it moves its id, m3 to m4,
 * not its title), then its id (a part retitled), then the indicators (a
 * policy: measures) it holds (a part retitled under a new id).  What is
 * left is added or removed. */
static void match_parts(differ_t *d)
{
	const plan_t *op = d->old->plan, *np = d->new->plan;
	for (int m = 0; m < 2; m++) {
		int on = m ? op->nmeasures : op->npolicies, nn = m ? np->nmeasures : np->npolicies;
		int *no = d->new_of_old[m] = xmalloc((size_t)(on + 1) * sizeof *no);
		int *oo = d->old_of_new[m] = xmalloc((size_t)(nn + 1) * sizeof *oo);
		for (int k = 0; k < on; k++)
			no[k] = -1;
		for (int j = 0; j < nn; j++)
			oo[j] = -1;
		for (int j = 0; j < nn; j++) {
			const char *t = part_title(np, m, j)->s[0];
			for (int k = 0; t && *t && k < on && oo[j] < 0; k++) {
				const char *was = part_title(op, m, k)->s[0];
				if (no[k] < 0 && was && strcmp(was, t) == 0)
					no[k] = j, oo[j] = k;
			}
		}
		for (int j = 0; j < nn; j++) {
			int k = oo[j] < 0 && part_id(np, m, j) ? part_find(op, m, part_id(np, m, j)) : -1;
			if (k >= 0 && no[k] < 0)
				no[k] = j, oo[j] = k;
		}
		for (int j = 0; j < nn; j++) {
			int k = oo[j] < 0 ? part_held(np, op, m, j, no) : -1;
			if (k >= 0)
				no[k] = j, oo[j] = k;
		}
	}
}

/* The other edition's index of part k (of the old edition, or of the new
 * one where from_new) paired with it under another id; -1 if none. */
static int part_reid(const differ_t *d, bool measures, int k, bool from_new)
{
	const plan_t *from = from_new ? d->new->plan : d->old->plan, *to = from_new ? d->old->plan : d->new->plan;
	int j = (from_new ? d->old_of_new : d->new_of_old)[measures][k];
	return j >= 0 && part_id(from, measures, k) && part_id(to, measures, j) &&
			       strcmp(part_id(from, measures, k), part_id(to, measures, j)) != 0
		       ? j : -1;
}

/* The part whose text rel is in plan p (LANG/measures/ID.md: *measures;
 * LANG/policies/ID.md), or -1: a chapter, a file of YAML, a stray text. */
static int text_part(const plan_t *p, const char *rel, bool *measures)
{
	const char *slash = strchr(rel, '/');
	size_t len = slash ? strlen(slash) : 0;
	if (!p || len < 14 || strcmp(slash + len - 3, ".md") != 0)
		return -1;
	*measures = strncmp(slash, "/measures/", 10) == 0;
	if (!*measures && strncmp(slash, "/policies/", 10) != 0)
		return -1;
	char *id = xstrndup(slash + 10, len - 13);
	int k = part_find(p, *measures, id);
	free(id);
	return k;
}

static void tell_text(differ_t *d, const char *rel, const char *what, const char *was)
{
	if (d->csv)
		csv_row(d, "text", rel, "", what, was ? was : "", was ? rel : "");
	else if (was)
		buf_printf(&d->out, _("renamed: %s \u2192 %s\n"), was, rel);
	else
		buf_printf(&d->out, "%s %s\n", strcmp(what, "added") == 0 ? _("added:")
					     : strcmp(what, "removed") == 0 ? _("removed:") : _("changed:"), rel);
}

/* A text file of the editions: added, removed, changed; that of a policy
 * or a measure is compared with the text of the part it is paired with
 * (match_parts), renamed with its id, whatever file has its name now. */
static void compare_file(differ_t *d, const char *rel)
{
	size_t la = 0, lb = 0;
	files_status st;
	char *a = files_read(d->old->path, rel, FILES_TEXT_LIMIT, &la, &st, NULL);
	char *b = files_read(d->new->path, rel, FILES_TEXT_LIMIT, &lb, &st, NULL);
	bool mo = false, mn = false, told = false;
	int ko = a && d->new_of_old[0] ? text_part(d->old->plan, rel, &mo) : -1;
	int jn = b && d->new_of_old[0] ? text_part(d->new->plan, rel, &mn) : -1;
	if (ko < 0 && jn < 0) {
		const char *what = !a && !b ? NULL : !a ? "added" : !b ? "removed" : la != lb || memcmp(a, b, la) ? "changed" : NULL;
		if (what)
			tell_text(d, rel, what, NULL), told = true;
	}
	if (ko >= 0 && d->new_of_old[mo][ko] < 0) /* its part removed */
		tell_text(d, rel, "removed", NULL), told = true;
	if (jn >= 0) {
		int o = d->old_of_new[mn][jn];
		const char *old_id = o >= 0 ? part_id(d->old->plan, mn, o) : NULL;
		buf_t was = BUF_INIT;
		if (old_id && strcmp(old_id, part_id(d->new->plan, mn, jn)) != 0) {
			const char *slash = strchr(rel, '/');
			buf_printf(&was, "%.*s%.10s%s.md", (int)(slash - rel), rel, slash, old_id);
		}
		size_t lw = la;
		char *moved = was.len ? files_read(d->old->path, was.ptr, FILES_TEXT_LIMIT, &lw, &st, NULL) : NULL;
		const char *w = !old_id ? NULL : was.len ? moved : a; /* its old text */
		if (w && was.len)
			tell_text(d, rel, "renamed", was.ptr), told = true;
		if (!w)
			tell_text(d, rel, "added", NULL), told = true;
		else if (lw != lb || memcmp(w, b, lb) != 0)
			tell_text(d, rel, "changed", NULL), told = true;
		free(moved);
		buf_free(&was);
	} else if (b && ko >= 0) { /* a file not of a part, under an old part's name */
		tell_text(d, rel, "added", NULL), told = true;
	}
	d->texts += told;
	free(a);
	free(b);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The Markdown files of sub in the editions at roots, in name order, once each. */
static int md_names(const char *const *roots, int nroots, const char *sub, char ***out)
{
	char **names = NULL;
	int n = 0;
	for (int r = 0; r < nroots; r++) {
		buf_t dir = BUF_INIT;
		buf_printf(&dir, "%s/%s", roots[r], sub);
		DIR *dh = opendir(dir.ptr);
		struct dirent *e;
		while (dh && (e = readdir(dh))) {
			size_t len = strlen(e->d_name);
			if (e->d_name[0] == '.' || len < 4 || strcmp(e->d_name + len - 3, ".md") != 0)
				continue;
			bool seen = false;
			for (int i = 0; i < n && !seen; i++)
				seen = strcmp(names[i], e->d_name) == 0;
			if (!seen) {
				names = xrealloc(names, (size_t)(n + 1) * sizeof *names);
				names[n++] = xstrdup(e->d_name);
			}
		}
		if (dh)
			closedir(dh);
		buf_free(&dir);
	}
	if (n)
		qsort(names, (size_t)n, sizeof *names, compare_names);
	*out = names;
	return n;
}

/* Calls fn with the path (inside the content folder) of each text file of the
 * editions at roots: the YAML files that hold texts, then each language's
 * Markdown. */
static void each_text_file(differ_t *d, const char *const *roots, int nroots,
			   void (*fn)(differ_t *d, const char *rel, void *arg), void *arg)
{
	static const char *const files[] = {"plan.yaml",   "organization.yaml", "structure.yaml", "indicators.yaml",
					    "figures.yaml", "tables.yaml",       "glossary.yaml"};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++)
		fn(d, files[i], arg);
	const plan_t *p = d->new->plan;
	for (int l = 0; l < p->nlangs; l++) {
		static const char *const subs[] = {"chapters", "policies", "measures"};
		for (int s = 0; s < 3; s++) {
			buf_t sub = BUF_INIT;
			buf_printf(&sub, "%s/%s", p->langs[l].code, subs[s]);
			char **names;
			int n = md_names(roots, nroots, sub.ptr, &names);
			for (int i = 0; i < n; i++) {
				buf_t rel = BUF_INIT;
				buf_printf(&rel, "%s/%s", sub.ptr, names[i]);
				fn(d, rel.ptr, arg);
				buf_free(&rel);
				free(names[i]);
			}
			free(names);
			buf_free(&sub);
		}
	}
}

static void compare_one(differ_t *d, const char *rel, void *arg)
{
	(void)arg;
	/* indicators.yaml is compared record by record */
	if (strcmp(rel, "indicators.yaml") != 0)
		compare_file(d, rel);
}

static void compare_texts(differ_t *d)
{
	const char *roots[] = {d->old->path, d->new->path};
	each_text_file(d, roots, 2, compare_one, NULL);
}

/* ---- renamed departments and sections --------------------------------------- */

typedef struct {
	const char *old, *new, *id;
	int found;
} rename_t;

/* The lines of the new edition's file rel that still write the old name, not as
 * part of the new one (a section renamed from "Parks" to "Parks and Greens"). */
static void old_name_in(differ_t *d, const char *rel, void *arg)
{
	rename_t *r = arg;
	size_t len = 0;
	files_status st;
	char *text = files_read(d->new->path, rel, FILES_TEXT_LIMIT, &len, &st, NULL);
	if (!text)
		return;
	int line = 1;
	const char *at = text;
	for (const char *hit = strstr(at, r->old); hit; hit = strstr(hit + 1, r->old)) {
		bool in_new = false;
		for (const char *n = strstr(text, r->new); n && n <= hit && !in_new; n = strstr(n + 1, r->new))
			in_new = hit + strlen(r->old) <= n + strlen(r->new);
		for (; at < hit; at++)
			line += *at == '\n';
		if (in_new)
			continue;
		r->found++;
		buf_t where = BUF_INIT;
		buf_printf(&where, "%s:%d", rel, line);
		if (d->csv)
			csv_row(d, "old_name", r->id, "", where.ptr, r->old, r->new);
		else
			buf_printf(&d->out, _("  the old name is still written at %s\n"), where.ptr);
		buf_free(&where);
	}
	free(text);
}

/* Departments and sections kept under the same id but renamed, in each
 * language, with the places the new edition still writes the old name. */
/* The words of heading k of a, as its anchor has them before a second
 * use numbers it (a heading renumbered, 2 to 3, keeps its words); empty
 * for an id made otherwise. */
static void anchor_words(buf_t *out, const anchors_t *a, int k)
{
	out->len = 0;
	out->ptr[0] = '\0';
	if (k < 0 || !a->heads[k])
		return;
	anchors_t alone = {0};
	buf_puts(out, anchors_heading(&alone, a->heads[k]));
	anchors_free(&alone);
}

/* The words of the blocks under heading k of a, up to the next heading:
 * what tells apart two sections of the same heading. */
static void section_body(buf_t *out, const anchors_t *a, int k)
{
	out->len = 0;
	out->ptr[0] = '\0';
	for (const md_node *n = k >= 0 && a->heads[k] ? a->heads[k]->next : NULL; n && n->type != MD_HEADING;
	     n = n->next)
		md_flat_text(out, n);
}

/* A section's heading words (an id made otherwise: the id) and its body. */
typedef struct {
	char *words, *body;
} section_key;

static section_key *section_keys(const anchors_t *a)
{
	section_key *keys = xcalloc((size_t)a->n + 1, sizeof *keys);
	buf_t w = BUF_INIT;
	for (int k = 0; k < a->n; k++) {
		anchor_words(&w, a, k);
		keys[k].words = xstrdup(a->heads[k] ? w.ptr : a->ids[k]);
		section_body(&w, a, k);
		keys[k].body = xstrdup(w.ptr);
	}
	buf_free(&w);
	return keys;
}

static void section_keys_free(section_key *keys, int n)
{
	for (int k = 0; k < n; k++) {
		free(keys[k].words);
		free(keys[k].body);
	}
	free(keys);
}

/* How well two sections pair: 0 not (other words), 1 by their words, 2
 * by their words and body (a heading of the same words put above one
 * pairs the old section with the one that kept its text). */
static int section_weight(const section_key *x, const section_key *y)
{
	return strcmp(x->words, y->words) != 0 ? 0 : strcmp(x->body, y->body) == 0 ? 2 : 1;
}

/* Where each section of `was` went in `now` (to[k], or -1: gone): the
 * common sequence of their headings' words of most weight pairs those
 * kept, in order; between two kept ones, as many gone as come is a
 * rewording, paired in order.  A page of more sections than limit pairs by
 * words alone. */
static void sections_moved(const anchors_t *was, const anchors_t *now, int *to)
{
	int n = was->n, m = now->n;
	section_key *a = section_keys(was), *b = section_keys(now);
	for (int k = 0; k < n; k++)
		to[k] = -1;
	enum { limit = 2000 };
	if (n <= limit && m <= limit) {
		/* len[k][j]: the weight of the best common sequence of a[k..] and b[j..] */
		int *len = xcalloc((size_t)(n + 1) * (size_t)(m + 1), sizeof *len);
#define LEN(k, j) len[(size_t)(k) * (size_t)(m + 1) + (size_t)(j)]
		for (int k = n - 1; k >= 0; k--)
			for (int j = m - 1; j >= 0; j--) {
				int w = section_weight(&a[k], &b[j]);
				int best = LEN(k + 1, j) >= LEN(k, j + 1) ? LEN(k + 1, j) : LEN(k, j + 1);
				LEN(k, j) = w && w + LEN(k + 1, j + 1) >= best ? w + LEN(k + 1, j + 1) : best;
			}
		int k = 0, j = 0, gk = 0, gj = 0; /* the gap since the last pair */
		while (k <= n && j <= m) {
			bool end = k == n || j == m;
			int w = end ? 0 : section_weight(&a[k], &b[j]);
			if (end || (w && LEN(k, j) == w + LEN(k + 1, j + 1))) {
				if (k - gk == j - gj) /* as many gone as come: reworded */
					for (int i = 0; i < k - gk; i++)
						to[gk + i] = gj + i;
				if (end)
					break;
				to[k] = j;
				gk = ++k, gj = ++j;
			} else if (LEN(k + 1, j) >= LEN(k, j + 1)) {
				k++;
			} else {
				j++;
			}
		}
		if (k < n || j < m) { /* the rest of one side: a gap to the end */
			if (n - gk == m - gj)
				for (int i = 0; i < n - gk; i++)
					to[gk + i] = gj + i;
		}
#undef LEN
		free(len);
	} else {
		for (int k = 0; k < n; k++)
			for (int j = 0; j < m && to[k] < 0; j++)
				if (strcmp(a[k].words, b[j].words) == 0)
					to[k] = j;
	}
	section_keys_free(a, n);
	section_keys_free(b, m);
}

/* The sections of a page (anchors_t) whose address the new edition
 * changes: a link to one from elsewhere (the city's other pages, a mail)
 * leads to the top of the page now, or, where a heading of the same words
 * took its address, to another section.  Where each went, when found. */
static void compare_anchors(differ_t *d)
{
	const plan_t *op = d->old->plan, *np = d->new->plan;
	for (int l = 0; l < np->nlangs; l++) {
		int ol = plan_lang_find(op, np->langs[l].code);
		if (ol < 0)
			continue;
		for (int i = 0; i < op->nchapters + op->npolicies + op->nmeasures; i++) {
			buf_t page = BUF_INIT;
			plan_text_page(&page, op, i);
			anchors_t was = {0}, now = {0};
			if (page.len && plan_page_anchors(np, (lang_t)l, page.ptr, &now)) {
				plan_text_anchors(op, (lang_t)ol, i, &was);
				int *to = xcalloc((size_t)was.n + 1, sizeof *to);
				sections_moved(&was, &now, to);
				for (int k = 0; k < was.n; k++) {
					int same = -1; /* the new heading of the old address */
					for (int j = 0; j < now.n && same < 0; j++)
						same = strcmp(now.ids[j], was.ids[k]) == 0 ? j : -1;
					if (!was.heads[k] || (same >= 0 && to[k] == same))
						continue;
					buf_t where = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
					buf_printf(&where, "%s%s%s.html", l ? np->langs[l].code : "", l ? "/" : "", page.ptr);
					buf_printf(&a, "#%s", was.ids[k]);
					if (to[k] >= 0)
						buf_printf(&b, "#%s", now.ids[to[k]]);
					if (d->csv)
						csv_row(d, "section", where.ptr, "",
							same >= 0 ? "reused" : to[k] >= 0 ? "changed" : "removed", a.ptr, b.ptr);
					else if (same >= 0 && to[k] >= 0)
						buf_printf(&d->out, _("a section's address leads to another section now: %s%s (the "
								      "section is at %s)\n"),
							   where.ptr, a.ptr, b.ptr);
					else if (same >= 0)
						buf_printf(&d->out, _("a section's address leads to another section now: %s%s (the "
								      "section is gone)\n"),
							   where.ptr, a.ptr);
					else if (to[k] >= 0)
						buf_printf(&d->out, _("a section's address changed: %s%s \u2192 %s (a link to the old one "
								      "leads to the top of the page)\n"),
							   where.ptr, a.ptr, b.ptr);
					else
						buf_printf(&d->out, _("a section's address is gone: %s%s (a link to it leads to the top "
								      "of the page now)\n"),
							   where.ptr, a.ptr);
					buf_free(&where);
					buf_free(&a);
					buf_free(&b);
				}
				free(to);
			}
			anchors_free(&was);
			anchors_free(&now);
			buf_free(&page);
		}
	}
}

static void compare_units(differ_t *d, const orgunit_t *a, int na, const orgunit_t *b, int nb)
{
	const plan_t *op = d->old->plan, *np = d->new->plan;
	const char *roots[] = {d->new->path};
	for (int i = 0; i < nb; i++)
		for (int j = 0; j < na; j++) {
			if (!b[i].id || !a[j].id || strcmp(b[i].id, a[j].id) != 0)
				continue;
			for (int l = 0; l < np->nlangs; l++) {
				int ol = plan_lang_find(op, np->langs[l].code);
				const char *was = ol >= 0 ? a[j].name.s[ol] : NULL, *now = b[i].name.s[l];
				if (!was || !now || !*was || strcmp(was, now) == 0)
					continue;
				if (d->csv) {
					buf_t item = BUF_INIT;
					buf_printf(&item, "name_%s", np->langs[l].code);
					csv_row(d, "renamed", b[i].id, "", item.ptr, was, now);
					buf_free(&item);
				} else {
					buf_printf(&d->out, _("renamed: %s \u2192 %s (%s)\n"), was, now, b[i].id);
				}
				rename_t r = {was, now, b[i].id, 0};
				each_text_file(d, roots, 1, old_name_in, &r);
				d->stale += r.found;
			}
			break;
		}
}

/* ---- the plan's structure ----------------------------------------------------- */

/* "Measure 8 Title" in the language of the messages where the plan has it. */
static void part_name(buf_t *out, const plan_t *p, word_t w, int number, const text_t *title)
{
	int l = plan_lang_find(p, diag_lang());
	l = l < 0 ? 0 : l;
	view_numbered(out, p, (lang_t)l, w, number);
	buf_printf(out, " %s", text_get(title, (lang_t)l));
}

/* One policy or measure of the two editions (NULL: not in that one): added,
 * removed, moved to another policy, renumbered, retitled (with the places
 * the new edition still writes the old title). */
static void compare_part(differ_t *d, word_t w, const char *kind, const char *id, int onum, const text_t *otitle,
			 const char *opolicy, int nnum, const text_t *ntitle, const char *npolicy)
{
	const plan_t *op = d->old->plan, *np = d->new->plan;
	buf_t a = BUF_INIT, b = BUF_INIT;
	if (otitle)
		part_name(&a, op, w, onum, otitle);
	if (ntitle)
		part_name(&b, np, w, nnum, ntitle);
	if (!otitle || !ntitle) {
		if (d->csv)
			csv_row(d, kind, id, "", ntitle ? "added" : "removed", otitle ? a.ptr : "", ntitle ? b.ptr : "");
		else
			buf_printf(&d->out, ntitle ? _("added: %s (%s)\n") : _("removed: %s (%s)\n"), ntitle ? b.ptr : a.ptr,
				   id);
		buf_free(&a);
		buf_free(&b);
		return;
	}
	if (opolicy && npolicy && strcmp(opolicy, npolicy) != 0) {
		if (d->csv)
			csv_row(d, kind, id, "", "policy", opolicy, npolicy);
		else
			buf_printf(&d->out, _("moved: %s (%s) from the policy %s to %s\n"), b.ptr, id, opolicy, npolicy);
	}
	if (onum != nnum) {
		char x[16], y[16];
		snprintf(x, sizeof x, "%d", onum);
		snprintf(y, sizeof y, "%d", nnum);
		if (d->csv)
			csv_row(d, kind, id, "", "number", x, y);
		else
			buf_printf(&d->out, _("renumbered: %s (%s) was number %d\n"), b.ptr, id, onum);
	}
	const char *roots[] = {d->new->path};
	for (int l = 0; l < np->nlangs; l++) {
		int ol = plan_lang_find(op, np->langs[l].code);
		const char *was = ol >= 0 ? otitle->s[ol] : NULL, *now = ntitle->s[l];
		if (!was || !now || !*was || strcmp(was, now) == 0)
			continue;
		if (d->csv) {
			buf_t item = BUF_INIT;
			buf_printf(&item, "title_%s", np->langs[l].code);
			csv_row(d, kind, id, "", item.ptr, was, now);
			buf_free(&item);
		} else {
			buf_printf(&d->out, _("renamed: %s \u2192 %s (%s)\n"), was, now, id);
		}
		/* Not where the old title is another part's now (two ids swapped):
		 * there it is right. */
		bool taken = false;
		for (int j = 0; j < (w == WORD_MEASURE ? np->nmeasures : np->npolicies) && !taken; j++) {
			const char *t = part_title(np, w == WORD_MEASURE, j)->s[l];
			taken = t && strcmp(t, was) == 0;
		}
		rename_t r = {was, now, id, 0};
		if (!taken)
			each_text_file(d, roots, 1, old_name_in, &r);
		d->stale += r.found;
	}
	buf_free(&a);
	buf_free(&b);
}

/* The policies and measures, as match_parts pairs them; then the plan's
 * title and period. */
static void compare_structure(differ_t *d)
{
	const plan_t *op = d->old->plan, *np = d->new->plan;
	for (int m = 0; m < 2; m++) {
		int on = m ? op->nmeasures : op->npolicies, nn = m ? np->nmeasures : np->npolicies;
		for (int i = 0; i < nn + on; i++) {
			/* the new edition's in order, then the old one's it no longer has */
			bool is_new = i < nn;
			int k = is_new ? i : i - nn;
			const char *id = part_id(is_new ? np : op, m, k);
			if (!id || (!is_new && d->new_of_old[m][k] >= 0))
				continue; /* told with the new edition's */
			int o = is_new ? d->old_of_new[m][k] : k, n = is_new ? k : -1;
			if (is_new && part_reid(d, m, k, true) >= 0) {
				/* The same part under a new id: its page's address changes. */
				const char *was = part_id(op, m, o), *kind = m ? "measure" : "policy";
				buf_t name = BUF_INIT;
				part_name(&name, np, m ? WORD_MEASURE : WORD_POLICY,
					  m ? np->measures[k].number : np->policies[k].number, part_title(np, m, k));
				if (d->csv)
					csv_row(d, kind, id, "", "id", was, id);
				else
					buf_printf(&d->out, _("new id: %s (%s) was %s: its page is now %s-%s.html, "
							      "and links to %s-%s.html break\n"),
						   name.ptr, id, was, kind, id, kind, was);
				buf_free(&name);
			}
			if (m) {
				const measure_t *a = o >= 0 ? &op->measures[o] : NULL, *b = n >= 0 ? &np->measures[n] : NULL;
				/* its policy paired with its new one (under a new id) is the same */
				int ap = a ? a->policy : -1, bp = b ? b->policy : -1;
				const char *apid = ap >= 0 ? op->policies[ap].id : NULL;
				if (ap >= 0 && bp >= 0 && d->new_of_old[0][ap] == bp)
					apid = np->policies[bp].id;
				compare_part(d, WORD_MEASURE, "measure", id, a ? a->number : 0, a ? &a->title : NULL, apid,
					     b ? b->number : 0, b ? &b->title : NULL, bp >= 0 ? np->policies[bp].id : NULL);
			} else {
				const policy_t *a = o >= 0 ? &op->policies[o] : NULL, *b = n >= 0 ? &np->policies[n] : NULL;
				compare_part(d, WORD_POLICY, "policy", id, a ? a->number : 0, a ? &a->title : NULL, NULL,
					     b ? b->number : 0, b ? &b->title : NULL, NULL);
			}
		}
	}
	for (int l = 0; l < np->nlangs; l++) { /* the title in each language */
		int ol = plan_lang_find(op, np->langs[l].code);
		const char *was = ol >= 0 ? op->title.s[ol] : NULL, *now = np->title.s[l];
		if (!was || !now || strcmp(was, now) == 0)
			continue;
		if (d->csv) {
			buf_t item = BUF_INIT;
			buf_printf(&item, "title_%s", np->langs[l].code);
			csv_row(d, "plan", "", "", item.ptr, was, now);
			buf_free(&item);
		} else {
			buf_printf(&d->out, _("the plan's title: %s \u2192 %s\n"), was, now);
		}
	}
	/* the plan period, and the period the revision covers */
	const int periods[2][4] = {{op->period_from, op->period_to, np->period_from, np->period_to},
				   {op->revised_from, op->revised_to, np->revised_from, np->revised_to}};
	for (int k = 0; k < 2; k++) {
		const int *y = periods[k];
		if (y[0] == y[2] && y[1] == y[3])
			continue;
		char a[32] = "", b[32] = "";
		if (y[0])
			snprintf(a, sizeof a, "%d-%d", y[0], y[1]);
		if (y[2])
			snprintf(b, sizeof b, "%d-%d", y[2], y[3]);
		if (d->csv)
			csv_row(d, "plan", "", "", k ? "revised_period" : "period", a, b);
		else
			buf_printf(&d->out, k ? _("the revised period: %s \u2192 %s\n") : _("the plan period: %s \u2192 %s\n"),
				   a, b);
	}
}

int diff(const char *old_side, const char *new_side, const char *theme, bool csv)
{
	int errors = diag_errors();
	data_defs *defs = data_defs_load(theme);
	if (!defs || diag_errors() != errors) {
		data_defs_free(defs);
		return 2;
	}
	side_t old = {0}, new = {0};
	int status = load_side(&new, new_side, theme, defs);
	if (!status)
		status = load_side(&old, old_side, theme, defs);
	if (!status) {
		differ_t d = {.old = &old, .new = &new, .plan = new.plan ? new.plan : old.plan, .defs = defs,
			      .doc = strcmp(diag_lang(), "ja") != 0, .csv = csv};
		if (csv)
			/* with a BOM, as the open data's: Excel reads it as UTF-8 */
			buf_puts(&d.out, "\xEF\xBB\xBFkind,id,part,item,old,new\r\n");
		compare_indicators(&d);
		if (old.plan && new.plan) {
			match_parts(&d);
			compare_texts(&d);
			compare_structure(&d);
			compare_anchors(&d);
			compare_units(&d, old.plan->departments, old.plan->ndepartments, new.plan->departments,
				      new.plan->ndepartments);
			compare_units(&d, old.plan->sections, old.plan->nsections, new.plan->sections,
				      new.plan->nsections);
		}
		fwrite(d.out.ptr ? d.out.ptr : "", 1, d.out.len, stdout);
		if (!csv)
			printf(_("%d indicators added, %d removed, %d changed; %d texts changed\n"), d.added, d.removed,
			       d.changed, d.texts);
		if (!csv && d.warnings)
			printf(diag_ntr("%d value has a new year but the same number: check it\n",
					"%d values have a new year but the same number: check them\n",
					(unsigned long)d.warnings),
			       d.warnings);
		if (!csv && d.stale)
			printf(diag_ntr("%d place still writes an old name: change it\n",
					"%d places still write an old name: change them\n", (unsigned long)d.stale),
			       d.stale);
		buf_free(&d.out);
		for (int m = 0; m < 2; m++)
			free(d.new_of_old[m]), free(d.old_of_new[m]);
	}
	side_t *sides[] = {&old, &new};
	for (int i = 0; i < 2; i++) {
		for (int k = 0; sides[i]->sorted && k < sides[i]->records->n; k++)
			free(sides[i]->sorted[k].key);
		free(sides[i]->sorted);
	}
	ytree_free(old.root);
	ytree_free(new.root);
	plan_free(old.plan);
	plan_free(new.plan);
	data_defs_free(defs);
	return status;
}
