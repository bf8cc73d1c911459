/*
 * A growable, always NUL-terminated byte buffer (git's strbuf, smaller).
 *
 * Life cycle: `struct sd_buf b = SD_BUF_INIT;` or sd_buf_init(); append;
 * sd_buf_release() frees the contents and leaves an empty buffer;
 * sd_buf_detach() hands the contents to the caller (free() them).
 * Allocation failure aborts the process: there is no sane recovery from
 * it in a command-line tool.
 */
#ifndef SD_BUF_H
#define SD_BUF_H

#include <stddef.h>

struct sd_buf {
	char *ptr; /* never NULL after init; "" when empty */
	size_t len;
	size_t cap;
};

extern char sd_buf_empty[];
#define SD_BUF_INIT { sd_buf_empty, 0, 0 }

void sd_buf_init(struct sd_buf *b);
void sd_buf_release(struct sd_buf *b);
char *sd_buf_detach(struct sd_buf *b);
void sd_buf_grow(struct sd_buf *b, size_t extra);
void sd_buf_add(struct sd_buf *b, const void *data, size_t len);
void sd_buf_addstr(struct sd_buf *b, const char *s);
void sd_buf_addch(struct sd_buf *b, char c);
void sd_buf_addf(struct sd_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append the decimal digits of `v` (cheaper than sd_buf_addf). */
void sd_buf_add_uint(struct sd_buf *b, unsigned long long v);
void sd_buf_reset(struct sd_buf *b);
void sd_buf_setlen(struct sd_buf *b, size_t len);

#endif
