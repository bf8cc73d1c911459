/*
 * The one tab-separated dialect: every TSV stigdiff writes (the corpus's
 * links and lineage files, the CCI cache, `map`) and reads (the curated
 * links, the product table). A field is text with backslash, tab, line
 * feed and carriage return written \\, \t, \n, \r, so one line is one
 * record whatever the text holds; a missing value (NULL) is \N, which
 * no text is ever written as.
 */
#ifndef SD_TSV_H
#define SD_TSV_H

#include <stddef.h>

struct sd_buf;

/* Append `s` as one field to `out` (a NULL string: nothing). */
void sd_tsv_field(struct sd_buf *out, const char *s);
/* The same for a string that may be NULL: NULL is written \N. */
void sd_tsv_field_or_null(struct sd_buf *out, const char *s);
/* The `n` bytes of one field at `s` read back into a new string; NULL
 * when a backslash escapes anything but \ t n r (or for \N). */
char *sd_tsv_unescape(const char *s, size_t n);
/* The `n` bytes at `s` read back in place: unescaped, NUL-terminated
 * (s[n] may be overwritten), *out = s, or NULL for \N. Returns 0, or -1
 * for a field sd_tsv_unescape() refuses. */
int sd_tsv_take(char *s, size_t n, char **out);
/* Split [s, end) at tabs into exactly `n` fields, each read in place by
 * sd_tsv_take() into f[]. Returns 0; SD_TSV_COUNT when there are not
 * exactly `n` fields; else SD_TSV_ESCAPE when a field was refused. */
#define SD_TSV_COUNT (-1)
#define SD_TSV_ESCAPE (-2)
int sd_tsv_split(char *s, char *end, char **f, size_t n);

#endif
