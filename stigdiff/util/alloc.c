/* Allocation that aborts on exhaustion; see alloc.h. */
#include "alloc.h"

#include <stdio.h>
#include <string.h>

void sd_die_oom(void)
{
	fputs("fatal: out of memory\n", stderr);
	abort();
}

void sd_die_bug(const char *what)
{
	fputs("fatal: BUG: ", stderr);
	fputs(what, stderr);
	fputc('\n', stderr);
	abort();
}

void *sd_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		sd_die_oom();
	return p;
}

void *sd_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		sd_die_oom();
	return p;
}

void *sd_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		sd_die_oom();
	return p;
}

char *sd_xstrdup(const char *s)
{
	return sd_xstrndup(s, strlen(s));
}

char *sd_xstrndup(const char *s, size_t n)
{
	char *p = sd_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
