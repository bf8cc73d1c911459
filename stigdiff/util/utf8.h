/*
 * The one UTF-8 decoder. Strict, as RFC 3629 defines the encoding: no
 * overlong form, no surrogate, nothing above U+10FFFF, so what it
 * accepts every other reader (libxml2, jansson, a browser) accepts too.
 * Text from the wild is not always valid: callers decide what a byte
 * that starts no valid sequence becomes (U+FFFD, a token of its own).
 */
#ifndef SD_UTF8_H
#define SD_UTF8_H

#include <stddef.h>
#include <stdint.h>

size_t sd_utf8_decode_multi(const unsigned char *s, uint32_t *cp);

/*
 * The character at `s`: its length in bytes (1 to 4) and its code point
 * in *cp; or 0 when no valid sequence starts there (*cp is then the
 * byte s[0]). Reading stops at the first byte that breaks a sequence,
 * so a NUL-terminated string is never read past its end; a NUL itself
 * is a character of length 1.
 */
static inline size_t sd_utf8_decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	return sd_utf8_decode_multi(s, cp);
}

/* The bytes of the valid character at `s`, or 0 (as sd_utf8_decode). */
static inline size_t sd_utf8_len(const unsigned char *s)
{
	uint32_t cp;

	return sd_utf8_decode(s, &cp);
}

/* The bytes UTF-8 needs for code point `cp` (1 to 4). */
static inline size_t sd_utf8_width(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/*
 * `s` with each byte that starts no valid sequence replaced by U+FFFD:
 * a new string, or NULL when `s` is valid UTF-8 as it is (no copy).
 */
char *sd_utf8_fix(const char *s);

/*
 * The same with another judge: `accept` gives the bytes of the
 * character at its argument when it may stay, else 0, and what it
 * refuses becomes one U+FFFD (a whole valid character, or one byte).
 */
char *sd_utf8_replace(const char *s, size_t (*accept)(const unsigned char *));

/*
 * `s` with its mojibake undone: UTF-8 text that was once read as
 * Windows-1252 and written out again as UTF-8 ("\xc3\xa2\xe2\x82\xac\xc5\x93",
 * shown as a-circumflex, euro sign, oe, for a left double quote). Each run
 * of non-ASCII characters whose Windows-1252 bytes (the five bytes that
 * code page leaves undefined read as U+0081, U+008D, U+008F, U+0090,
 * U+009D) form valid UTF-8 with at least one character above U+007F is
 * replaced by those bytes; any other run stays as it is. A new string,
 * or NULL when nothing was repaired.
 */
char *sd_utf8_unmojibake(const char *s);

#endif
