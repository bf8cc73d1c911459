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
