/* pdf_pack.h — a written PDF made smaller with qpdf: its objects (the
 * structure tree's thousands of dictionaries, the pages', the fonts')
 * compressed together in object streams (PDF 1.5), its streams as they
 * are.  libharu writes every object on its own, uncompressed.  The only
 * file that sees qpdf. */
#ifndef PLANGEN_PDF_PACK_H
#define PLANGEN_PDF_PACK_H

#include <stddef.h>

/* The packed file (the caller frees it) and its length, or NULL when qpdf
 * cannot read or write it (what it said is reported). */
char *pdf_pack(const char *pdf, size_t len, size_t *out_len);

#endif
