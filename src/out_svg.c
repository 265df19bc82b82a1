/* out_svg.c — a figure's shapes as inline SVG (a libxml2 subtree).
 *
 * The drawing decides nothing: positions, texts and colours all come from
 * figure.c.  Fills with a pattern get an SVG <pattern> so that meaning never
 * rests on colour alone. */
#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>

#include "figure.h"
#include "site.h"

static void set_num(xmlNodePtr n, const char *name, double v)
{
	char b[32];
	snprintf(b, sizeof b, "%.1f", v);
	/* "12.0" → "12": shorter output, same picture. */
	size_t len = strlen(b);
	if (len > 2 && b[len - 1] == '0' && b[len - 2] == '.')
		b[len - 2] = '\0';
	xmlSetProp(n, BAD_CAST name, BAD_CAST b);
}

static void set_rgb(xmlNodePtr n, const char *name, fig_rgb c)
{
	char b[8];
	snprintf(b, sizeof b, "#%02x%02x%02x", c.r, c.g, c.b);
	xmlSetProp(n, BAD_CAST name, BAD_CAST b);
}

static void add_pattern(xmlNodePtr defs, const char *id, fig_pattern kind, fig_rgb c)
{
	xmlNodePtr pat = xmlNewChild(defs, NULL, BAD_CAST "pattern", NULL);
	xmlSetProp(pat, BAD_CAST "id", BAD_CAST id);
	xmlSetProp(pat, BAD_CAST "patternUnits", BAD_CAST "userSpaceOnUse");
	xmlSetProp(pat, BAD_CAST "width", BAD_CAST "6");
	xmlSetProp(pat, BAD_CAST "height", BAD_CAST "6");
	if (kind == PATTERN_HATCH) {
		xmlNodePtr l = xmlNewChild(pat, NULL, BAD_CAST "path", NULL);
		xmlSetProp(l, BAD_CAST "d", BAD_CAST "M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5");
		set_rgb(l, "stroke", c);
		xmlSetProp(l, BAD_CAST "stroke-width", BAD_CAST "1.2");
	} else {
		xmlNodePtr d = xmlNewChild(pat, NULL, BAD_CAST "circle", NULL);
		xmlSetProp(d, BAD_CAST "cx", BAD_CAST "3");
		xmlSetProp(d, BAD_CAST "cy", BAD_CAST "3");
		xmlSetProp(d, BAD_CAST "r", BAD_CAST "1.2");
		set_rgb(d, "fill", c);
	}
}

xmlNodePtr svg_figure(const fig_t *f, const char *id, const char *labelledby)
{
	xmlNodePtr svg = xmlNewNode(NULL, BAD_CAST "svg");
	xmlSetProp(svg, BAD_CAST "xmlns", BAD_CAST "http://www.w3.org/2000/svg");
	char vb[64];
	snprintf(vb, sizeof vb, "0 0 %.0f %.0f", f->width, f->height);
	xmlSetProp(svg, BAD_CAST "viewBox", BAD_CAST vb);
	xmlSetProp(svg, BAD_CAST "role", BAD_CAST "img");
	xmlSetProp(svg, BAD_CAST "class", BAD_CAST "figure-svg");
	char tid[128];
	snprintf(tid, sizeof tid, "%s-alt", id);
	xmlSetProp(svg, BAD_CAST "aria-labelledby", BAD_CAST(labelledby ? labelledby : tid));
	xmlNodePtr title = xmlNewChild(svg, NULL, BAD_CAST "title", NULL);
	xmlNodeAddContent(title, BAD_CAST f->alt);
	if (!labelledby)
		xmlSetProp(title, BAD_CAST "id", BAD_CAST tid);
	xmlNodePtr defs = NULL;
	int npat = 0;
	for (int i = 0; i < f->nshapes; i++) {
		const fig_shape *s = &f->shapes[i];
		static const char *const names[] = {"rect", "line", "polyline", "polygon", "circle", "text"};
		xmlNodePtr n = xmlNewChild(svg, NULL, BAD_CAST names[s->kind], NULL);
		switch (s->kind) {
		case SHAPE_RECT:
			set_num(n, "x", s->x), set_num(n, "y", s->y), set_num(n, "width", s->w), set_num(n, "height", s->h);
			break;
		case SHAPE_LINE:
			set_num(n, "x1", s->x), set_num(n, "y1", s->y), set_num(n, "x2", s->x2), set_num(n, "y2", s->y2);
			break;
		case SHAPE_CIRCLE:
			set_num(n, "cx", s->x), set_num(n, "cy", s->y), set_num(n, "r", s->r);
			break;
		case SHAPE_POLYLINE:
		case SHAPE_POLYGON: {
			buf_t pts = BUF_INIT;
			for (int k = 0; k < s->npts; k++)
				buf_printf(&pts, "%s%.1f,%.1f", k ? " " : "", s->pts[2 * k], s->pts[2 * k + 1]);
			xmlSetProp(n, BAD_CAST "points", BAD_CAST pts.ptr);
			buf_free(&pts);
			break;
		}
		case SHAPE_TEXT:
			set_num(n, "x", s->x), set_num(n, "y", s->y);
			set_num(n, "font-size", s->size);
			if (s->bold)
				xmlSetProp(n, BAD_CAST "font-weight", BAD_CAST "bold");
			if (s->anchor != ANCHOR_START)
				xmlSetProp(n, BAD_CAST "text-anchor", BAD_CAST(s->anchor == ANCHOR_MIDDLE ? "middle" : "end"));
			xmlNodeAddContent(n, BAD_CAST s->text);
			break;
		}
		if (s->kind == SHAPE_TEXT) {
			set_rgb(n, "fill", s->fill_rgb);
			continue;
		}
		if (s->pattern != PATTERN_NONE) {
			/* The pattern drawn over the fill colour: a second shape. */
			if (!defs) {
				defs = xmlNewNode(NULL, BAD_CAST "defs");
				xmlAddNextSibling(title, defs);
			}
			char pid[160];
			snprintf(pid, sizeof pid, "%s-p%d", id, npat++);
			add_pattern(defs, pid, s->pattern, s->pattern_rgb);
			xmlNodePtr over = xmlCopyNode(n, 2);
			char url[180];
			snprintf(url, sizeof url, "url(#%s)", pid);
			xmlSetProp(over, BAD_CAST "fill", BAD_CAST url);
			if (s->fill)
				set_rgb(n, "fill", s->fill_rgb);
			else
				xmlSetProp(n, BAD_CAST "fill", BAD_CAST "none");
			xmlAddNextSibling(n, over);
			n = over;
		} else if (s->fill) {
			set_rgb(n, "fill", s->fill_rgb);
		} else {
			xmlSetProp(n, BAD_CAST "fill", BAD_CAST "none");
		}
		if (s->stroke) {
			set_rgb(n, "stroke", s->stroke_rgb);
			set_num(n, "stroke-width", s->stroke_width);
			if (s->dash) {
				char d[16];
				snprintf(d, sizeof d, "%d", s->dash);
				xmlSetProp(n, BAD_CAST "stroke-dasharray", BAD_CAST d);
			}
		}
	}
	return svg;
}
