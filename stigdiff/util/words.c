/* The word tokenizer of words.h. */
#include "words.h"
#include "hash.h"
#include "utf8.h"

/* Byte classes: ASCII letters and digits are words under both rules,
 * bytes from 0x80 only under the default one. */
enum { W_ALNUM = 1, W_DIGIT = 2, W_HIGH = 4 };

static const unsigned char word_class[256] = {
	['0'] = W_ALNUM | W_DIGIT, ['1'] = W_ALNUM | W_DIGIT,
	['2'] = W_ALNUM | W_DIGIT, ['3'] = W_ALNUM | W_DIGIT,
	['4'] = W_ALNUM | W_DIGIT, ['5'] = W_ALNUM | W_DIGIT,
	['6'] = W_ALNUM | W_DIGIT, ['7'] = W_ALNUM | W_DIGIT,
	['8'] = W_ALNUM | W_DIGIT, ['9'] = W_ALNUM | W_DIGIT,
#define L(c) [c] = W_ALNUM, [c - 'a' + 'A'] = W_ALNUM
	L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'),
	L('i'), L('j'), L('k'), L('l'), L('m'), L('n'), L('o'), L('p'),
	L('q'), L('r'), L('s'), L('t'), L('u'), L('v'), L('w'), L('x'),
	L('y'), L('z'),
#undef L
#define H4(c) [c] = W_HIGH, [c + 1] = W_HIGH, [c + 2] = W_HIGH, \
	      [c + 3] = W_HIGH
#define H16(c) H4(c), H4(c + 4), H4(c + 8), H4(c + 12)
	H16(0x80), H16(0x90), H16(0xa0), H16(0xb0),
	H16(0xc0), H16(0xd0), H16(0xe0), H16(0xf0),
#undef H16
#undef H4
};

int sd_words_next(const char **p, unsigned flags, struct sd_word *w)
{
	const unsigned char *s = (const unsigned char *)*p;
	unsigned want = flags & SD_WORDS_ASCII ? W_ALNUM : W_ALNUM | W_HIGH;
	uint64_t h = SD_HASH_INIT;
	unsigned all = W_DIGIT;

	if (!s)
		return 0;
	while (*s && !(word_class[*s] & want))
		s++;
	if (!*s) {
		*p = (const char *)s;
		return 0;
	}
	w->s = (const char *)s;
	for (; word_class[*s] & want; s++) {
		h = sd_hash_byte(h, (unsigned char)sd_words_fold((char)*s));
		all &= word_class[*s];
	}
	w->len = (size_t)((const char *)s - w->s);
	w->hash = h;
	w->digits = all != 0;
	*p = (const char *)s;
	return 1;
}

size_t sd_word_key(const struct sd_word *w, char out[SD_WORD_MAX + 1])
{
	const unsigned char *s = (const unsigned char *)w->s;
	size_t n = 0;

	while (n < w->len) {
		size_t k = sd_utf8_len(s + n);

		if (!k || n + k > w->len)
			k = 1;
		if (n + k > SD_WORD_MAX)
			break;
		for (size_t i = 0; i < k; i++)
			out[n + i] = sd_words_fold((char)s[n + i]);
		n += k;
	}
	out[n] = '\0';
	return n;
}

void sd_words_keys(const char *s, void (*fn)(const char *key, void *ctx),
		   void *ctx)
{
	char key[SD_WORD_MAX + 1];
	struct sd_word w;

	while (sd_words_next(&s, 0, &w)) {
		sd_word_key(&w, key);
		fn(key, ctx);
	}
}
