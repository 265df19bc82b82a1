/* pdf_pack.c — object streams for a written PDF (libqpdf's C API). */
#include "pdf_pack.h"

#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"

char *pdf_pack(const char *pdf, size_t len, size_t *out_len)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	char *out = NULL;
	if (!(qpdf_read_memory(q, "booklet", pdf, len, NULL) & QPDF_ERRORS) &&
	    !(qpdf_init_write_memory(q) & QPDF_ERRORS)) {
		qpdf_set_object_stream_mode(q, qpdf_o_generate);
		qpdf_set_stream_data_mode(q, qpdf_s_preserve);
		qpdf_set_deterministic_ID(q, QPDF_TRUE); /* the same content, the same file */
		if (!(qpdf_write(q) & QPDF_ERRORS)) {
			*out_len = qpdf_get_buffer_length(q);
			out = xmalloc(*out_len + 1);
			memcpy(out, qpdf_get_buffer(q), *out_len);
		}
	}
	if (!out && qpdf_has_error(q))
		diag_fatal("cannot pack the PDF: %s", qpdf_get_error_full_text(q, qpdf_get_error(q)));
	qpdf_cleanup(&q);
	return out;
}
