/*
 * Allocation that aborts on exhaustion: the lowest primitive, which the
 * buffer, the hash table and everything above use (a command-line tool
 * has no sane recovery from an exhausted heap).
 */
#ifndef SD_ALLOC_H
#define SD_ALLOC_H

#include <stdlib.h>

/* Print "fatal: out of memory" and abort. */
void sd_die_oom(void) __attribute__((noreturn));
/* Print "fatal: BUG: <what>" and abort: something the build guarantees
 * (a table compiled in and parsed by the tests) did not hold. */
void sd_die_bug(const char *what) __attribute__((noreturn));
/* malloc(), calloc(), realloc() that never return NULL; a size of 0 is
 * allocated as 1. */
void *sd_xmalloc(size_t n);
void *sd_xcalloc(size_t n, size_t size);
void *sd_xrealloc(void *p, size_t n);
/* A new copy of `s`, of its first `n` bytes (then NUL-terminated). */
char *sd_xstrdup(const char *s);
char *sd_xstrndup(const char *s, size_t n);

/* Grow an array `p` holding `n` items of `size` bytes to room for n+1. */
#define SD_ALLOC_GROW(p, n, cap) \
	do { \
		if ((n) >= (cap)) { \
			(cap) = (cap) ? (cap) * 2 : 8; \
			(p) = sd_xrealloc((p), (cap) * sizeof(*(p))); \
		} \
	} while (0)

#endif
