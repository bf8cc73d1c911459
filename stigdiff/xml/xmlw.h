/*
 * A small streaming XML writer over libxml2's xmlTextWriter, so that the
 * modules producing XML (normalize, diff, checklists) neither escape text
 * by hand nor include libxml2. Every call returns 0 or SD_EIO; after a
 * failure further calls do nothing and sd_xw_close() reports it.
 */
#ifndef SD_XMLW_H
#define SD_XMLW_H

#include <stdio.h>

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
