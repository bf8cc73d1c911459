/* The comma-separated dialect of csv.h. */
#include "csv.h"
#include "buf.h"

#include <string.h>

void sd_csv_field(struct sd_buf *out, const char *s, int last)
{
	s = s ? s : "";
	if (strpbrk(s, ",\"\r\n")) {
		sd_buf_addch(out, '"');
		for (const char *q; (q = strchr(s, '"')); s = q + 1) {
			sd_buf_add(out, s, (size_t)(q - s) + 1);
			sd_buf_addch(out, '"');
		}
		sd_buf_addstr(out, s);
		sd_buf_addch(out, '"');
	} else {
		sd_buf_addstr(out, s);
	}
	sd_buf_addstr(out, last ? "\r\n" : ",");
}
