/* The growable buffer of buf.h. */
#include "buf.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

char sd_buf_empty[1];

void sd_buf_init(struct sd_buf *b)
{
	b->ptr = sd_buf_empty;
	b->len = 0;
	b->cap = 0;
}

void sd_buf_release(struct sd_buf *b)
{
	if (b->cap)
		free(b->ptr);
	sd_buf_init(b);
}

char *sd_buf_detach(struct sd_buf *b)
{
	char *p = b->cap ? b->ptr : sd_xstrdup("");

	sd_buf_init(b);
	return p;
}

void sd_buf_grow(struct sd_buf *b, size_t extra)
{
	size_t want;

	if (extra >= (size_t)-1 / 2 - b->len)
		sd_die_oom();
	want = b->len + extra + 1;
	if (want <= b->cap)
		return;
	if (want < b->cap * 2)
		want = b->cap * 2;
	if (want < 64)
		want = 64;
	if (b->cap) {
		b->ptr = sd_xrealloc(b->ptr, want);
	} else {
		b->ptr = sd_xmalloc(want);
		b->ptr[0] = '\0';
	}
	b->cap = want;
}

void sd_buf_add(struct sd_buf *b, const void *data, size_t len)
{
	if (!len)
		return;
	sd_buf_grow(b, len);
	memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void sd_buf_addstr(struct sd_buf *b, const char *s)
{
	sd_buf_add(b, s, strlen(s));
}

void sd_buf_addch(struct sd_buf *b, char c)
{
	sd_buf_grow(b, 1);
	b->ptr[b->len++] = c;
	b->ptr[b->len] = '\0';
}

void sd_buf_addf(struct sd_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b->ptr + b->len, b->cap ? b->cap - b->len : 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (!b->cap || (size_t)n >= b->cap - b->len) {
		sd_buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void sd_buf_add_uint(struct sd_buf *b, unsigned long long v)
{
	char digits[24];
	size_t n = sizeof(digits);

	do {
		digits[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sd_buf_add(b, digits + n, sizeof(digits) - n);
}

void sd_buf_reset(struct sd_buf *b)
{
	sd_buf_setlen(b, 0);
}

void sd_buf_setlen(struct sd_buf *b, size_t len)
{
	if (!b->cap)
		return;
	b->len = len;
	b->ptr[len] = '\0';
}
