/* The UTF-8 decoder of utf8.h. */
#include "utf8.h"
#include "buf.h"

size_t sd_utf8_decode_multi(const unsigned char *s, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t n;

	*cp = c;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2, c &= 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3, c &= 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, c &= 0x07, min = 0x10000;
	} else {
		/* A continuation byte, C0, C1 or F5-FF starts nothing (ASCII
		 * was decoded inline). */
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3fu);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

char *sd_utf8_replace(const char *s, size_t (*accept)(const unsigned char *))
{
	const unsigned char *p = (const unsigned char *)s, *run;
	struct sd_buf b = SD_BUF_INIT;
	size_t n;

	while (*p && (n = accept(p)))
		p += n;
	if (!*p)
		return NULL;
	sd_buf_add(&b, s, (size_t)(p - (const unsigned char *)s));
	for (run = p; *p;) {
		if ((n = accept(p))) {
			p += n;
			continue;
		}
		sd_buf_add(&b, run, (size_t)(p - run));
		sd_buf_add(&b, "\xef\xbf\xbd", 3); /* U+FFFD */
		/* A valid character refused is replaced whole, a byte
		 * starting no character alone. */
		p += sd_utf8_len(p) ? sd_utf8_len(p) : 1;
		run = p;
	}
	sd_buf_add(&b, run, (size_t)(p - run));
	return sd_buf_detach(&b);
}

char *sd_utf8_fix(const char *s)
{
	return sd_utf8_replace(s, sd_utf8_len);
}

/* Windows-1252's characters for bytes 0x80..0x9F; 0: the byte is
 * undefined there and reads as the C1 control of its value. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/* The Windows-1252 byte of code point cp (>= 0x80), or -1. */
static int cp1252_byte(uint32_t cp)
{
	if (cp >= 0xA0 && cp <= 0xFF)
		return (int)cp;
	for (int i = 0; i < 32; i++)
		if (cp1252_high[i] ? cp1252_high[i] == cp : cp == 0x80u + (unsigned)i)
			return 0x80 + i;
	return -1;
}

/* The run [p, end) of non-ASCII characters as Windows-1252 bytes into
 * `out` when they form valid UTF-8; 0 when they do not. */
static int repair_run(const unsigned char *p, const unsigned char *end,
		      struct sd_buf *out)
{
	struct sd_buf b = SD_BUF_INIT;
	const unsigned char *q;
	int ok = 1;

	while (p < end && ok) {
		uint32_t cp;
		size_t n = sd_utf8_decode(p, &cp);
		int byte = n ? cp1252_byte(cp) : -1;

		if (byte < 0)
			ok = 0;
		else
			sd_buf_addch(&b, (char)byte);
		p += n ? n : 1;
	}
	for (q = (const unsigned char *)b.ptr; ok && *q;) {
		uint32_t cp;
		size_t n = sd_utf8_decode(q, &cp);

		if (!n)
			ok = 0;
		q += n ? n : 1;
	}
	if (ok)
		sd_buf_add(out, b.ptr, b.len);
	sd_buf_release(&b);
	return ok;
}

char *sd_utf8_unmojibake(const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run;
	struct sd_buf b = SD_BUF_INIT;
	int changed = 0;

	while (*p) {
		if (*p < 0x80) {
			sd_buf_addch(&b, (char)*p++);
			continue;
		}
		for (run = p; *p >= 0x80; p++)
			;
		if (repair_run(run, p, &b))
			changed = 1;
		else
			sd_buf_add(&b, (const char *)run, (size_t)(p - run));
	}
	if (!changed) {
		sd_buf_release(&b);
		return NULL;
	}
	return sd_buf_detach(&b);
}
