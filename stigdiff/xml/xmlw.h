/*
 * A small streaming XML writer, so that the modules producing XML
 * (normalize, diff, checklists) neither escape text by hand nor include
 * libxml2. Every call returns 0 or SD_EIO; after a failure further calls
 * do nothing and sd_xw_close() reports it.
 *
 * Also the one XML escaper, for the writers that build XML text of their
 * own (the .ckl writer's fresh rules and Evaluate-STIG comments).
 */
#ifndef SD_XMLW_H
#define SD_XMLW_H

#include <stddef.h>
#include <stdio.h>

#include "utf8.h"

struct sd_buf;

/* Flags of sd_xml_escape(). */
#define SD_XML_ATTR 1u    /* an attribute value: " tab LF as references */
#define SD_XML_GT 2u      /* every '>' as &gt; (as libxml2 writes), not
			     only the one "]]>" would need */
#define SD_XML_COMMENT 4u /* text of a comment: a '-' after a '-' as &#45; */

/*
 * Append `s` to `out` as XML text: '&' and '<' escaped, '>' as asked,
 * CR as &#13; (a parser would read a bare one as LF); a character XML
 * 1.0 cannot carry (a C0 control other than tab and line breaks, U+FFFE,
 * U+FFFF, a byte that starts no valid UTF-8 sequence) becomes U+FFFD.
 * Returns how many were so replaced.
 */
size_t sd_xml_escape(struct sd_buf *out, const char *s, unsigned flags);

/* The bytes of the character at `p` when XML 1.0 can carry it, else 0. */
static inline size_t sd_xml_char_len(const unsigned char *p)
{
	uint32_t c;
	size_t n = sd_utf8_decode(p, &c);

	if (c < 0x20)
		return c == '\t' || c == '\n' || c == '\r';
	return c == 0xfffe || c == 0xffff ? 0 : n;
}

/* `s` with each character XML cannot carry as U+FFFD: a new string, or
 * NULL when `s` is fine as it is (no copy). */
char *sd_xml_clean(const char *s);

struct sd_xw;

/* Start a document on `fp` (borrowed, not closed); indent when asked. */
int sd_xw_open(struct sd_xw **out, FILE *fp, int indent);
/* Finish the document (closing open elements), free `w`; NULL is fine. */
int sd_xw_close(struct sd_xw *w);

/* Open element `name`; the string is borrowed until its sd_xw_end(). */
int sd_xw_start(struct sd_xw *w, const char *name);
/* An attribute of the element just started ("xmlns" declares the
 * default namespace); nothing when value is NULL. */
int sd_xw_attr(struct sd_xw *w, const char *name, const char *value);
int sd_xw_text(struct sd_xw *w, const char *text);
int sd_xw_end(struct sd_xw *w);
/* <name>text</name>; nothing when text is NULL. */
int sd_xw_elem(struct sd_xw *w, const char *name, const char *text);
int sd_xw_comment(struct sd_xw *w, const char *text);
int sd_xw_pi(struct sd_xw *w, const char *target, const char *content);

#endif
