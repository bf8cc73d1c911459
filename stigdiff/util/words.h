/*
 * The one word tokenizer. A word is a run of word characters, folded to
 * lower case in ASCII only ("Énergie" stays "Énergie", "TLS" is "tls").
 * Word characters are ASCII letters and digits and, by default, every
 * non-ASCII character: what a person types into a search box, in any
 * script (the corpus's search index and the site's). With
 * SD_WORDS_ASCII only ASCII letters and digits are: the matcher's and
 * the product names' words, English text in which the non-ASCII
 * characters DISA writes are quotes, dashes and marks.
 *
 * xslt/search.js cuts a query into words by the same rule, and
 * tests/fixtures/words/cases.tsv holds the cases both sides are tested
 * on (tests/util/check_words.c, tests/words-test.js): change one, change all.
 */
#ifndef SD_WORDS_H
#define SD_WORDS_H

#include <stddef.h>
#include <stdint.h>

/* Only ASCII letters and digits are word characters. */
#define SD_WORDS_ASCII 1u

/* The bytes of a word an index keeps: longer words are cut there, at a
 * character's start (sd_word_key). */
#define SD_WORD_MAX 64

struct sd_word {
	const char *s; /* its first byte, in the text */
	size_t len;    /* its bytes */
	uint64_t hash; /* sd_hash_bytes() of the word lower-cased */
	int digits;    /* nothing but ASCII digits */
};

/*
 * The next word of the text at *p (NULL or at its end: none): returns 1
 * and fills `w`, *p moved past the word; 0 at the end. `flags` is 0 or
 * SD_WORDS_ASCII.
 */
int sd_words_next(const char **p, unsigned flags, struct sd_word *w);

/* ASCII upper case to lower, any other byte as it is. */
static inline char sd_words_fold(char c)
{
	return (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

/*
 * The word as an index keeps it, into out: lower-cased, cut to at most
 * SD_WORD_MAX bytes without splitting a character (a byte starting no
 * valid UTF-8 sequence counts as one). Returns its length; out is
 * NUL-terminated.
 */
size_t sd_word_key(const struct sd_word *w, char out[SD_WORD_MAX + 1]);

/*
 * Call `fn` with `ctx` for each word of `s` (NULL: none) as an index
 * keeps it (sd_word_key(), default rule): what `corpus search` and the
 * site's search index store. The key is borrowed for the call.
 */
void sd_words_keys(const char *s, void (*fn)(const char *key, void *ctx),
		   void *ctx);

#endif
