/* utf8.c — decoding and classification of UTF-8 text. */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

int utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (!len)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	int n;
	uint32_t c, min;
	if ((s[0] & 0xE0) == 0xC0) {
		n = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if ((size_t)n > len)
		return 0;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past Unicode are invalid. */
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

int utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

long utf8_invalid_at(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (!n)
			return (long)i;
		i += (size_t)n;
	}
	return -1;
}

uint32_t utf8_last(const char *s, size_t len)
{
	size_t i = len;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return 0;
	uint32_t cp;
	return utf8_decode(s + i - 1, len - i + 1, &cp) ? cp : 0;
}

bool utf8_is_wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
	       (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA960 && c <= 0xA97F) ||
	       (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	       (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

int utf8_wide_digit(const char *s)
{
	const unsigned char *d = (const unsigned char *)s;
	return d[0] == 0xEF && d[1] == 0xBC && d[2] >= 0x90 && d[2] <= 0x99 ? d[2] - 0x90 : -1;
}

const char *utf8_skip(const char *s, const char *end, size_t n)
{
	for (size_t c = 0; s < end && c < n; c++) {
		uint32_t cp;
		int k = utf8_decode(s, (size_t)(end - s), &cp);
		s += k > 0 ? k : 1;
	}
	return s;
}

char *utf8_narrow_ascii(const char *s)
{
	buf_t b = BUF_INIT;
	bool any = false;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t c;
		int k = utf8_decode(s + i, len - i, &c);
		if (k > 0 && c >= 0xFF01 && c <= 0xFF5E) {
			buf_putc(&b, (char)(c - 0xFF01 + 0x21));
			any = true;
		} else {
			buf_put(&b, s + i, k > 0 ? (size_t)k : 1);
		}
		i += k > 0 ? (size_t)k : 1;
	}
	if (!any) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

bool utf8_is_dash(uint32_t c)
{
	/* the long vowel mark (U+30FC) and a box-drawing line, typed for a dash */
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFF0D || c == 0x30FC || c == 0x2500;
}

bool utf8_is_dashes(const char *s)
{
	size_t len = strlen(s), i = 0;
	while (i < len) {
		uint32_t c;
		int n = utf8_decode(s + i, len - i, &c);
		if (!n || !utf8_is_dash(c))
			return false;
		i += (size_t)n;
	}
	return len > 0;
}

bool utf8_is_kana_kanji(uint32_t c)
{
	return (c >= 0x3041 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF66 && c <= 0xFF9F);
}

/* Whether bytes [from, to) of s hold kana or kanji. */
static bool japanese_in(const char *s, size_t from, size_t to)
{
	while (from < to) {
		uint32_t c;
		int n = utf8_decode(s + from, to - from, &c);
		if (!n)
			return false;
		if (utf8_is_kana_kanji(c))
			return true;
		from += (size_t)n;
	}
	return false;
}

bool utf8_has_japanese(const char *s)
{
	return japanese_in(s, 0, strlen(s));
}

int utf8_chars(const char *s, size_t len)
{
	int n = 0;
	for (size_t i = 0; i < len; i++)
		n += (s[i] & 0xC0) != 0x80;
	return n;
}

void utf8_count_scripts(const char *s, int *kana_kanji, int *latin)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		*kana_kanji += utf8_is_kana_kanji(cp);
		*latin += (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
		i += (size_t)k;
	}
}

char *utf8_fullwidth_parens(const char *s)
{
	size_t n = strlen(s), *open = xmalloc((n + 1) * sizeof *open);
	bool *wide = xcalloc(n + 1, sizeof *wide);
	int depth = 0, converted = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '(') {
			open[depth++] = i;
		} else if (s[i] == ')' && depth > 0) {
			size_t o = open[--depth];
			uint32_t after = 0;
			utf8_decode(s + i + 1, n - i - 1, &after);
			if (japanese_in(s, o + 1, i) || utf8_is_kana_kanji(utf8_last(s, o)) || utf8_is_kana_kanji(after))
				wide[o] = wide[i] = true, converted++;
		}
	}
	char *out = xmalloc(n + 2 * (size_t)converted * 2 + 1), *p = out;
	for (size_t i = 0; i < n; i++) {
		if (wide[i]) {
			memcpy(p, s[i] == '(' ? "\xEF\xBC\x88" : "\xEF\xBC\x89", 3); /* U+FF08, U+FF09 */
			p += 3;
		} else {
			*p++ = s[i];
		}
	}
	*p = '\0';
	free(open);
	free(wide);
	return out;
}

size_t utf8_spaces(const char *s, size_t len)
{
	size_t n = 0;
	uint32_t cp;
	int k;
	while (n < len && (k = utf8_decode(s + n, len - n, &cp)) > 0 && (cp == ' ' || cp == 0x3000))
		n += (size_t)k;
	return n;
}

char *utf8_smart_quotes(const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(3 * n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\'' && s[i] != '"') {
			*o++ = s[i];
			continue;
		}
		uint32_t before = utf8_last(s, i);
		bool open = i == 0 || before == ' ' || before == '\n' || before == '\t' || before == '(' ||
			    before == '[' || before == '{' || before == 0x2014 || before == 0x2013 || before == 0x201C ||
			    before == 0x2018;
		/* U+2018 ‘ U+2019 ’ U+201C “ U+201D ” */
		const char *q = s[i] == '\'' ? (open ? "\xE2\x80\x98" : "\xE2\x80\x99")
					    : (open ? "\xE2\x80\x9C" : "\xE2\x80\x9D");
		memcpy(o, q, 3);
		o += 3;
	}
	*o = '\0';
	return out;
}
