/*
 * Word-level differences between two texts, and the test for differences
 * that are only cosmetic. diff.c uses both on a rule's prose fields.
 *
 * Texts are split into tokens: runs of letters and digits (a word), single
 * punctuation characters, and runs of blanks. Myers' O(ND) algorithm (the
 * linear-space, divide-and-conquer form) finds a shortest edit script on
 * the tokens; a clean-up pass then folds small equal runs caught between
 * changes into the change (so a rewritten sentence reads as one deletion
 * and one insertion, not a word salad), and slides lone insertions and
 * deletions to a consistent position. Blank runs compare equal to each
 * other, so re-wrapped lines are not reported as changes inside a text
 * that changed elsewhere.
 */
#ifndef SD_WORDDIFF_H
#define SD_WORDDIFF_H

#include <stddef.h>

enum sd_wd_op {
	SD_WD_EQUAL = 0,
	SD_WD_DELETE,
	SD_WD_INSERT
};

/*
 * One run of the result. `text` points into the old text (DELETE) or the
 * new text (EQUAL, INSERT); it is not NUL-terminated. Concatenating the
 * EQUAL and INSERT runs gives the new text exactly; EQUAL and DELETE runs
 * give the old text up to the spacing inside equal runs.
 */
struct sd_wd_seg {
	enum sd_wd_op op;
	const char *text;
	size_t len;
};

struct sd_worddiff {
	struct sd_wd_seg *segs;
	size_t nsegs;
	size_t cap;
	size_t old_words;    /* tokens other than blanks, old text */
	size_t new_words;
	size_t common_words; /* of those, common (longest common subsequence) */
	int approximate;     /* a region too costly to diff was replaced whole */
};
#define SD_WORDDIFF_INIT { NULL, 0, 0, 0, 0, 0, 0 }

/*
 * Diff `old` against `new` (either may be NULL, read as ""). The result
 * borrows both texts: keep them alive while `wd` is used. `wd` must be
 * initialised; previous contents are released.
 */
void sd_worddiff_compute(struct sd_worddiff *wd, const char *old,
			 const char *new);
void sd_worddiff_release(struct sd_worddiff *wd);

/*
 * How much of the two texts is common, 0..1: twice the common words
 * over the words of both texts (1 when both have none).
 */
double sd_worddiff_similarity(const struct sd_worddiff *wd);

/* The kinds of cosmetic difference, as bits. */
enum {
	SD_COSMETIC_SPACE = 1,  /* amount or kind of blank space, re-wrapping */
	SD_COSMETIC_QUOTES = 2, /* curly against straight quotes */
	SD_COSMETIC_PUNCT = 4,  /* blanks before , . ; : ! ? ) ] or after ( [ */
	SD_COSMETIC_CASE = 8    /* an ASCII letter's case; only when asked */
};
#define SD_COSMETIC_LAST SD_COSMETIC_CASE

/*
 * Do `a` and `b` differ only cosmetically? Returns the SD_COSMETIC_* bits
 * each needed to make them equal (at least one), or 0 when they are equal
 * byte for byte or differ in anything else: a word, a digit, a letter's
 * case, a quote added or removed, a blank added between two words.
 * NULL reads as "".
 */
unsigned sd_worddiff_cosmetic(const char *a, const char *b);
/* The same with the kinds that count as cosmetic given (SD_COSMETIC_*
 * bits): sd_worddiff_cosmetic() allows space, quotes and punctuation
 * spacing; adding SD_COSMETIC_CASE makes "DoD" and "DOD" cosmetic. */
unsigned sd_worddiff_cosmetic_as(const char *a, const char *b,
				 unsigned kinds);

/* "space", "quotes", "punctuation spacing": the name of one bit. */
const char *sd_worddiff_cosmetic_name(unsigned bit);

#endif
