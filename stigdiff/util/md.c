/* The Markdown pieces of md.h. */
#include "md.h"
#include "buf.h"

void sd_md_cell(struct sd_buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			sd_buf_addstr(b, "\\|");
		else if (*s == '\n' || *s == '\r' || *s == '\t')
			sd_buf_addch(b, ' ');
		else
			sd_buf_addch(b, *s);
	}
}

void sd_md_fenced(struct sd_buf *b, const char *s)
{
	size_t run = 0, longest = 0, n;

	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	n = longest < 3 ? 3 : longest + 1;
	for (size_t i = 0; i < n; i++)
		sd_buf_addch(b, '`');
	sd_buf_addf(b, "text\n%s\n", s);
	for (size_t i = 0; i < n; i++)
		sd_buf_addch(b, '`');
	sd_buf_addstr(b, "\n\n");
}
