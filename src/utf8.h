/* utf8.h — the few UTF-8 facts plangen needs. */
#ifndef PLANGEN_UTF8_H
#define PLANGEN_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s (len bytes available).  Returns its byte length
 * (1–4) and stores it in *cp; returns 0 for an invalid or truncated sequence. */
int utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Writes cp (at most U+10FFFF) as UTF-8 into out; returns its length, 1 to 4. */
int utf8_encode(uint32_t cp, char out[4]);

/* Byte offset of the first invalid sequence in s, or -1 if s is valid. */
long utf8_invalid_at(const char *s, size_t len);

/* The last code point ending before s + len (0 if none). */
uint32_t utf8_last(const char *s, size_t len);

/* East Asian wide or fullwidth characters: kana, kanji, fullwidth forms and
 * CJK punctuation.  Used for soft breaks and for carets under source lines. */
bool utf8_is_wide(uint32_t cp);

/* The value of the full-width digit (U+FF10–FF19) s starts with, or -1. */
int utf8_wide_digit(const char *s);
/* s with its full-width Latin letters, digits and signs (U+FF01-FF5E) as
 * ASCII, newly allocated; NULL when it has none. */
char *utf8_narrow_ascii(const char *s);

/* Whether s is only dashes, hyphens or minus signs (-, ‐, —, ―, −, the
 * fullwidth hyphen-minus), as a table writes a missing value; whether c
 * is one of them. */
bool utf8_is_dashes(const char *s);
bool utf8_is_dash(uint32_t c);
/* The characters of s's first len bytes: a column as diagnostics count. */
int utf8_chars(const char *s, size_t len);
/* s after n characters, at most end (a column that counts characters, as bytes). */
const char *utf8_skip(const char *s, const char *end, size_t n);

/* The byte length of the spaces at the start of s (len bytes): ASCII
 * spaces and ideographic ones (U+3000), as written after a mark. */
size_t utf8_spaces(const char *s, size_t len);

/* Kana (full and half width) and kanji. */
bool utf8_is_kana_kanji(uint32_t cp);

/* True if s holds any kana or kanji (i.e. it is Japanese text that needs an
 * English counterpart). */
bool utf8_has_japanese(const char *s);
/* Counts into *kana_kanji and *latin the kana or kanji and the Latin
 * letters of s: a text written in Japanese has more of the first. */
void utf8_count_scripts(const char *s, int *kana_kanji, int *latin);

/* Parentheses in Japanese text in one width: each pair of ASCII ( ) that
 * holds kana or kanji, or stands next to them, becomes the full-width pair
 * U+FF08 U+FF09 (returned: a new string).  A pair around Latin text with
 * nothing Japanese next to it stays as written. */
char *utf8_fullwidth_parens(const char *s);

/* Straight quotes made typographic, in place of s's text (returned: a new
 * string): ' and " open after a space, an opening bracket, a dash or the
 * start, and close elsewhere, so "it's" gets an apostrophe (’).  The rule
 * of cmark's smart option, for texts that are not Markdown. */
char *utf8_smart_quotes(const char *s);

#endif
