/* The tab-separated dialect of tsv.h. */
#include "tsv.h"
#include "alloc.h"
#include "buf.h"

#include <string.h>

void sd_tsv_field(struct sd_buf *out, const char *s)
{
	const char *run = s;

	for (; s && *s; s++) {
		const char *e;

		switch (*s) {
		case '\\': e = "\\\\"; break;
		case '\t': e = "\\t"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		default: continue;
		}
		sd_buf_add(out, run, (size_t)(s - run));
		sd_buf_add(out, e, 2);
		run = s + 1;
	}
	if (run)
		sd_buf_add(out, run, (size_t)(s - run));
}

void sd_tsv_field_or_null(struct sd_buf *out, const char *s)
{
	if (s)
		sd_tsv_field(out, s);
	else
		sd_buf_add(out, "\\N", 2);
}

char *sd_tsv_unescape(const char *s, size_t n)
{
	char *o = sd_xmalloc(n + 1), *out;

	memcpy(o, s, n);
	if (sd_tsv_take(o, n, &out) < 0 || !out) {
		free(o);
		return NULL;
	}
	return o;
}

int sd_tsv_take(char *s, size_t n, char **out)
{
	char *d = s;

	*out = NULL;
	if (n == 2 && s[0] == '\\' && s[1] == 'N')
		return 0;
	for (size_t i = 0; i < n; i++) {
		const char *bs = memchr(s + i, '\\', n - i);
		size_t plain = (bs ? (size_t)(bs - s) : n) - i;

		memmove(d, s + i, plain);
		d += plain;
		if (!bs)
			break;
		i = (size_t)(bs - s) + 1;
		if (i == n)
			return -1;
		switch (s[i]) {
		case '\\': *d++ = '\\'; break;
		case 't': *d++ = '\t'; break;
		case 'n': *d++ = '\n'; break;
		case 'r': *d++ = '\r'; break;
		default: return -1;
		}
	}
	*d = '\0';
	*out = s;
	return 0;
}

int sd_tsv_split(char *s, char *end, char **f, size_t n)
{
	size_t i = 0;
	int bad = 0;

	for (;;) {
		char *t = memchr(s, '\t', (size_t)(end - s));

		if (i == n)
			return SD_TSV_COUNT;
		if (sd_tsv_take(s, (size_t)((t ? t : end) - s), &f[i++]) < 0)
			bad = 1;
		if (!t)
			break;
		s = t + 1;
	}
	return i != n ? SD_TSV_COUNT : bad ? SD_TSV_ESCAPE : 0;
}
