/*
 * The Markdown that reports write (migrate, results, checklist diff):
 * text made safe for a table cell, and a fenced block for text that must
 * keep its lines.
 */
#ifndef SD_MD_H
#define SD_MD_H

struct sd_buf;

/* `s` (NULL: nothing) as one table cell: pipes escaped, line breaks and
 * tabs made spaces. */
void sd_md_cell(struct sd_buf *b, const char *s);

/* `s` in a ```text block that no run of backticks inside it can close,
 * followed by a blank line. */
void sd_md_fenced(struct sd_buf *b, const char *s);

#endif
