/* fonts.c — finding the theme's fonts (fontconfig) and measuring text in
 * them (HarfBuzz). */
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "diag.h"
#include "utf8.h"

/* One language's fonts, by role. */
typedef struct {
	hb_font_t *font[F_COUNT];
	unsigned upem[F_COUNT];
} langfonts_t;

struct fonts {
	fontfile_t file[MAX_LANGS][F_COUNT];
	langfonts_t lang[MAX_LANGS];
	int nlangs;
	/* the characters of the Basic Multilingual Plane a language's fonts
	 * were found to lack, each told once (a bit each) */
	unsigned char told[MAX_LANGS][0x10000 / 8];
};

/* Finds the file of a family in its regular or bold style; false (after
 * reporting) when fontconfig only offers a substitute. */
static bool font_find(FcConfig *cfg, const char *family, bool bold, fontfile_t *out)
{
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
	FcConfigSubstitute(cfg, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcPattern *match = FcFontMatch(cfg, pat, &res);
	FcPatternDestroy(pat);
	bool ok = false;
	if (match) {
		FcChar8 *fam, *file;
		for (int i = 0; !ok && FcPatternGetString(match, FC_FAMILY, i, &fam) == FcResultMatch; i++)
			ok = strcasecmp((const char *)fam, family) == 0;
		if (ok && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
			int index = 0;
			FcPatternGetInteger(match, FC_INDEX, 0, &index);
			out->path = xstrdup((const char *)file);
			out->family = xstrdup(family);
			out->index = index;
		} else {
			ok = false;
		}
		FcPatternDestroy(match);
	}
	if (!ok) {
		diag_fatal("the font family \"%s\" is not installed", family);
		diag_hint("install it (BIZ UD fonts: apt-get install fonts-morisawa-bizud-gothic "
			  "fonts-morisawa-bizud-mincho) or name another family in print.yaml");
	}
	return ok;
}

/* A HarfBuzz font of the file, shared with an earlier role or language
 * that uses the same file. */
static hb_font_t *font_load(fonts_t *f, int lang, int role)
{
	const fontfile_t *ff = &f->file[lang][role];
	for (int l = 0; l <= lang; l++)
		for (int r = 0; r < F_COUNT && (l < lang || r < role); r++)
			if (f->lang[l].font[r] && strcmp(f->file[l][r].path, ff->path) == 0 &&
			    f->file[l][r].index == ff->index)
				return hb_font_reference(f->lang[l].font[r]);
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(ff->path);
	if (!blob) {
		diag_fatal("cannot read the font file \"%s\"", ff->path);
		return NULL;
	}
	hb_face_t *face = hb_face_create(blob, (unsigned)ff->index);
	hb_blob_destroy(blob);
	hb_font_t *font = hb_font_create(face);
	hb_face_destroy(face);
	return font;
}

fonts_t *fonts_open(const theme_t *th, const plan_t *p)
{
	FcConfig *cfg = FcInitLoadConfigAndFonts();
	if (!cfg) {
		diag_fatal("cannot read the fontconfig configuration");
		return NULL;
	}
	fonts_t *f = xcalloc(1, sizeof *f);
	bool ok = true;
	for (int l = 0; l < p->nlangs && ok; l++) {
		char *const *family = theme_families(th, &p->langs[l]);
		for (int r = 0; r < F_COUNT && ok; r++)
			ok = font_find(cfg, family[r], r == F_BOLD, &f->file[l][r]);
		f->nlangs = l + 1;
	}
	FcConfigDestroy(cfg);
	for (int l = 0; l < f->nlangs && ok; l++)
		for (int r = 0; r < F_COUNT && ok; r++) {
			hb_font_t *font = font_load(f, l, r);
			ok = font != NULL;
			f->lang[l].font[r] = font;
			f->lang[l].upem[r] = font ? hb_face_get_upem(hb_font_get_face(font)) : 0;
		}
	if (!ok) {
		fonts_close(f);
		return NULL;
	}
	return f;
}

void fonts_close(fonts_t *f)
{
	if (!f)
		return;
	for (int l = 0; l < MAX_LANGS; l++)
		for (int r = 0; r < F_COUNT; r++) {
			free(f->file[l][r].path);
			free(f->file[l][r].family);
			hb_font_destroy(f->lang[l].font[r]);
		}
	free(f);
}

const fontfile_t *fonts_file(const fonts_t *f, lang_t lang, int role)
{
	return &f->file[lang][role];
}

/* An advance in thousandths of an em, rounded down as libharu does, so
 * that the booklet and the figures measure alike.  A character the font
 * lacks measures as its missing glyph. */
static int advance(void *ctx, int role, uint32_t cp)
{
	const langfonts_t *lf = ctx;
	if (role < 0 || role >= F_COUNT)
		role = F_BODY;
	role = theme_face(role, cp);
	hb_codepoint_t gid = 0;
	hb_font_get_nominal_glyph(lf->font[role], cp, &gid);
	hb_position_t adv = hb_font_get_glyph_h_advance(lf->font[role], gid);
	return lf->upem[role] ? (int)((unsigned)adv * 1000 / lf->upem[role]) : 0;
}

static bool ink(void *ctx, int role, uint32_t cp, int *left, int *width)
{
	const langfonts_t *lf = ctx;
	if (role < 0 || role >= F_COUNT)
		role = F_BODY;
	role = theme_face(role, cp);
	hb_codepoint_t gid;
	hb_glyph_extents_t ext;
	if (!lf->upem[role] || !hb_font_get_nominal_glyph(lf->font[role], cp, &gid) ||
	    !hb_font_get_glyph_extents(lf->font[role], gid, &ext))
		return false;
	*left = (int)(ext.x_bearing * 1000 / (int)lf->upem[role]);
	*width = (int)(ext.width * 1000 / (int)lf->upem[role]);
	return true;
}

void fonts_metrics(pdf_metrics *m, fonts_t *f, lang_t lang)
{
	pdf_metrics_init(m, advance, &f->lang[lang]);
	m->ink = ink;
	m->ink_ctx = &f->lang[lang];
}

char *fonts_subset(fonts_t *f, lang_t lang, int role, bool *used)
{
	hb_font_t *font = f->lang[lang].font[role];
	hb_face_t *face = hb_font_get_face(font);
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return NULL;
	/* libharu draws glyphs by their cmap entry alone: no hinting (a
	 * printer and a PDF viewer rasterise without it), no layout tables
	 * and none of the glyphs only they reach (vertical forms, variants). */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	hb_set_clear(hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
	static const char *const drop[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG"};
	for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
		hb_set_add(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG), hb_tag_from_string(drop[i], 4));
	hb_set_t *unicodes = hb_subset_input_unicode_set(in);
	for (uint32_t cp = 0; cp <= 0xFFFF; cp++) {
		hb_codepoint_t gid;
		if (!used[cp])
			continue;
		if (hb_font_get_nominal_glyph(font, cp, &gid)) {
			hb_set_add(unicodes, cp);
		} else {
			used[cp] = false;
			unsigned char *told = &f->told[lang][cp / 8], bit = (unsigned char)(1u << (cp % 8));
			if (cp > ' ' && !(*told & bit)) { /* once, whichever of its fonts lacks it */
				char ch[8];
				ch[utf8_encode(cp, ch)] = '\0';
				diag_warning(diag_find(ch), "the booklet's font \"%s\" has no glyph for \"%s\" (U+%04X): it is "
							    "printed as a blank",
					     f->file[lang][role].family, ch, (unsigned)cp);
				diag_hint("write another character, or choose a font that has it in print.yaml");
				*told |= bit;
			}
		}
	}
	/* A font that draws nothing still needs a character map for libharu. */
	hb_set_add(unicodes, ' ');
	hb_face_t *sub = hb_subset_or_fail(face, in);
	hb_subset_input_destroy(in);
	if (!sub)
		return NULL;
	hb_blob_t *blob = hb_face_reference_blob(sub);
	unsigned len;
	const char *data = hb_blob_get_data(blob, &len);
	const char *dir = getenv("TMPDIR");
	size_t n = strlen(dir && *dir ? dir : "/tmp") + 32;
	char *path = xmalloc(n);
	snprintf(path, n, "%s/plangen-font-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	bool ok = fd >= 0 && len > 0;
	for (size_t done = 0; ok && done < len;) {
		ssize_t w = write(fd, data + done, len - done);
		ok = w > 0;
		done += ok ? (size_t)w : 0;
	}
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	if (!ok) {
		if (fd >= 0)
			unlink(path);
		free(path);
		return NULL;
	}
	return path;
}
