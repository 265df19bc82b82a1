/* buf.h — the one growable byte buffer used everywhere.
 *
 * A buf_t's `ptr` is never NULL: an empty buffer points at a static "" until
 * the first write.  The content is always NUL-terminated.  buf_detach() hands
 * the heap string to the caller (who frees it) and leaves the buffer empty. */
#ifndef PLANGEN_BUF_H
#define PLANGEN_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
	char *ptr;
	size_t len, cap;
} buf_t;

#define BUF_INIT {buf__empty, 0, 0}
extern char buf__empty[1];

void buf_init(buf_t *b);
void buf_free(buf_t *b);
void buf_grow(buf_t *b, size_t extra);
void buf_put(buf_t *b, const void *data, size_t len);
void buf_puts(buf_t *b, const char *s);
void buf_putc(buf_t *b, int c);
void buf_printf(buf_t *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(buf_t *b, const char *fmt, va_list ap);
char *buf_detach(buf_t *b); /* caller frees; never NULL */
/* Appends s escaped for XML text and attribute values (the sitemap, the
 * booklets' XMP metadata: written as text). */
void buf_put_xml(buf_t *b, const char *s);

/* Out-of-memory policy, decided once: print and abort. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
