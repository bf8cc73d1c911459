/*
 * Curated links: a person's decisions where content evidence is weak,
 * read from tab-separated files; see lineage.h.
 */
#include "lineage.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

/* ---- Curated links ---- */

static char *field_dup(const char *s, size_t n)
{
	while (n && (s[0] == ' ' || s[0] == '\r')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	return sd_xstrndup(s, n);
}

int sd_lineage_links_parse(struct sd_lineage_links *l, const char *data,
			   size_t len, const char *source)
{
	static const char *const names[] = { "old id", "new id", "kind",
					     "reason", "source" };
	size_t start_n = l->n, start_strings = l->strings.n;
	unsigned line = 0;
	const char *p = data, *end = data + len;
	int err = 0;

	if (memchr(data, '\0', len))
		return sd_error_set(SD_EPARSE, "%s: NUL byte in link file",
				    source);
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *q = p;
		char *f[5];
		int nf = 0;

		if (!eol)
			eol = end;
		line++;
		if (p == eol || *p == '#' ||
		    (eol - p == 1 && *p == '\r')) {
			p = eol + 1;
			continue;
		}
		for (;;) {
			const char *tab = memchr(q, '\t', (size_t)(eol - q));
			const char *fe = tab ? tab : eol;

			if (nf == 5) {
				for (int k = 0; k < nf; k++)
					free(f[k]);
				err = sd_error_set(SD_EPARSE,
						   "%s:%u: more than 5 tab-separated fields",
						   source, line);
				goto done;
			}
			f[nf++] = field_dup(q, (size_t)(fe - q));
			if (!tab)
				break;
			q = tab + 1;
		}
		for (int k = 0; k < 5; k++) {
			if (k < nf && *f[k])
				continue;
			err = sd_error_set(SD_EPARSE,
					   k < nf ? "%s:%u: empty %s"
						  : "%s:%u: no %s (5 tab-separated fields: old id, new id, kind, reason, source)",
					   source, line, names[k]);
			break;
		}
		if (!err && strcmp(f[2], "curated"))
			err = sd_error_set(SD_EPARSE,
					   "%s:%u: unknown kind '%s' (expected 'curated')",
					   source, line, f[2]);
		if (err) {
			for (int k = 0; k < nf; k++)
				free(f[k]);
			goto done;
		}
		SD_ALLOC_GROW(l->v, l->n, l->cap);
		l->v[l->n].old_id = f[0];
		l->v[l->n].new_id = f[1];
		l->v[l->n].reason = f[3];
		l->v[l->n].source = f[4];
		l->n++;
		sd_strv_push_owned(&l->strings, f[0]);
		sd_strv_push_owned(&l->strings, f[1]);
		free(f[2]);
		sd_strv_push_owned(&l->strings, f[3]);
		sd_strv_push_owned(&l->strings, f[4]);
		p = eol + 1;
	}
done:
	if (err) {
		while (l->strings.n > start_strings)
			free(l->strings.v[--l->strings.n]);
		if (l->strings.v)
			l->strings.v[l->strings.n] = NULL;
		l->n = start_n;
	}
	return err;
}

int sd_lineage_links_load(struct sd_lineage_links *l, const char *path)
{
	char *data;
	size_t len;
	int err;

	if ((err = sd_read_file(path, (size_t)16 << 20, &data, &len)) < 0)
		return err;
	err = sd_lineage_links_parse(l, data, len, path);
	free(data);
	return err;
}

void sd_lineage_links_release(struct sd_lineage_links *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
	sd_strv_release(&l->strings);
}
