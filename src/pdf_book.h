/* pdf_book.h — composing a booklet: the plan walked in the booklet's
 * order and laid out (pdf_layout.c) into pages of drawing operations.
 *
 * pdf_book_compose() lays out the body from the chapters, then the cover
 * and the table of contents, which need the body's page numbers, then the
 * running heads and folios.  Text is measured through `m`; nothing here
 * knows the PDF library.  A book_t owns its flows, headings and figures
 * (pdf_book_free). */
#ifndef PLANGEN_PDF_BOOK_H
#define PLANGEN_PDF_BOOK_H

#include "figure.h"
#include "model.h"
#include "pdf_layout.h"
#include "pdf_theme.h"

typedef struct {
	int level;    /* 1 part, 2 section, 3 policy or measure */
	char *title;  /* plain text */
	char *dest;   /* the name of its place */
	int page;     /* body page index, known once the body is laid out */
	double y;
} head_t;

/* A place of the site the booklet also has: a page ("measure-m1.html")
 * or a section of one ("2-plan.html#...", an anchors_t id), named where
 * its heading is drawn, so that a link to it stays inside the booklet. */
typedef struct {
	const md_node *head; /* the Markdown heading it is; NULL: sorted after */
	char *name;
} sitedest_t;

typedef struct book {
	const plan_t *p;
	lang_t lang;
	const theme_t *th;
	pdf_metrics *m;
	pdf_flow body, front;
	head_t *heads;
	int nheads, headcap;
	char **parts; /* part titles, for the running header */
	int *part_page; /* the body page where each part begins */
	int nparts;
	fig_t **figs;
	int nfigs, figcap;
	int nfront; /* pages before the body */
	int placing; /* texts of policies and measures being placed, nested */
	int hshift;  /* what a text's heading levels add: a placed text's "#" stands under its title */
	/* The logical structure, both flows': Document > the cover's Sect, the
	 * contents' Sect, then a Sect per part with a Sect per section. */
	pdf_struct st;
	int doc_elem, cover_elem, toc_elem, part_elem, sect_elem;
	/* The headings open, from the part's down: the level each is drawn
	 * at and its element's (H1 …). */
	int hdrawn[5], htag[5], hdepth;
	/* The site's places by their headings, sorted by heading (pdf_book.c's
	 * site_dests), and the page whose text is being laid out. */
	sitedest_t *sitedests;
	int nsitedests;
	const char *page;
	char **strs; /* link targets made here, freed with the book */
	int nstrs;
} book_t;

void pdf_book_compose(book_t *b, const plan_t *p, const theme_t *th, pdf_metrics *m, lang_t lang);
void pdf_book_free(book_t *b);

#endif
