/*
 * The one comma-separated dialect, RFC 4180's: fields separated by ',',
 * records ended by CRLF, a field quoted (its quotes doubled) when it
 * holds a comma, a quote or a line break. `diff --format csv` and the
 * site's rules.csv export write it.
 */
#ifndef SD_CSV_H
#define SD_CSV_H

struct sd_buf;

/* Append `s` (NULL: empty) as one field to `out`, then ',' or, when
 * `last`, the CRLF ending the record. */
void sd_csv_field(struct sd_buf *out, const char *s, int last);

#endif
