/*
 * The text of what `corpus link` keeps between runs; see lineage_cache.h.
 *
 *   stigdiff-lineage-maps\t1\t<digest>
 *   map\t<commit a>\t<commit b>\t<bytes>     then that many bytes of text
 *
 *   stigdiff-lineage-signatures\t1\t<digest>
 *   line\t<file>\t<commit>\t<pos>\t<8 header fields>\t<rules>
 *   sig\t<title hash>\t<sketch, 4 hex digits each>\t<empty>\t<4 ids>
 */
#include "lineage_cache.h"
#include "util.h"
#include "tsv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAPS_MAGIC "stigdiff-lineage-maps\t1"
#define SIGS_MAGIC "stigdiff-lineage-signatures\t1"

/* Past the first line of `data` when it is `magic`, a tab and `digest`;
 * NULL otherwise. */
static const char *after_head(const char *data, size_t len,
			      const char *magic, const char *digest)
{
	struct sd_buf head = SD_BUF_INIT;
	const char *p = NULL;

	sd_buf_addf(&head, "%s\t%s\n", magic, digest);
	if (len >= head.len && !memcmp(data, head.ptr, head.len))
		p = data + head.len;
	sd_buf_release(&head);
	return p;
}

/* ---- Mappings ---- */

void sd_lineage_maps_release(struct sd_lineage_maps *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].text);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

void sd_lineage_maps_parse(struct sd_lineage_maps *m, const char *data,
			   size_t len, const char *digest)
{
	const char *p = data ? after_head(data, len, MAPS_MAGIC, digest) : NULL;
	const char *end = p ? data + len : NULL;

	while (p && p < end) {
		char a[41], b[41];
		size_t n;
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct sd_lineage_mapent *e;

		if (!nl || sscanf(p, "map\t%40s\t%40s\t%zu", a, b, &n) != 3 ||
		    strlen(a) != 40 || strlen(b) != 40 ||
		    n > (size_t)(end - nl - 1))
			break;
		SD_ALLOC_GROW(m->v, m->n, m->cap);
		e = &m->v[m->n++];
		memcpy(e->a, a, 41);
		memcpy(e->b, b, 41);
		e->text = sd_xstrndup(nl + 1, n);
		e->len = n;
		e->used = 0;
		p = nl + 1 + n;
	}
}

void sd_lineage_maps_write(const struct sd_lineage_maps *m, const char *digest,
			   struct sd_buf *out)
{
	sd_buf_addf(out, MAPS_MAGIC "\t%s\n", digest);
	for (size_t i = 0; i < m->n; i++) {
		if (!m->v[i].used)
			continue;
		sd_buf_addf(out, "map\t%s\t%s\t%zu\n", m->v[i].a, m->v[i].b,
			    m->v[i].len);
		sd_buf_add(out, m->v[i].text, m->v[i].len);
	}
}

struct sd_lineage_mapent *sd_lineage_maps_find(struct sd_lineage_maps *m,
					       const char *a, const char *b)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->v[i].a, a) && !strcmp(m->v[i].b, b))
			return &m->v[i];
	return NULL;
}

void sd_lineage_maps_put(struct sd_lineage_maps *m, const char *a,
			 const char *b, const struct sd_buf *text)
{
	struct sd_lineage_mapent *e = sd_lineage_maps_find(m, a, b);

	if (!e) {
		SD_ALLOC_GROW(m->v, m->n, m->cap);
		e = &m->v[m->n++];
		memcpy(e->a, a, 41);
		memcpy(e->b, b, 41);
	} else {
		free(e->text);
	}
	e->text = sd_xstrndup(text->ptr, text->len);
	e->len = text->len;
	e->used = 1;
}

/* ---- Signatures ---- */

void sd_lineage_sigline_release(struct sd_lineage_sigline *s)
{
	free(s->sig);
	for (size_t i = 0; s->disp && i < s->nrules * 4; i++)
		free(s->disp[i]);
	free(s->disp);
	for (int k = 0; k < 8; k++)
		free(s->f[k]);
	free(s->file);
	memset(s, 0, sizeof(*s));
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static char *dup_or_null(const char *s)
{
	return s ? sd_xstrdup(s) : NULL;
}

void sd_lineage_sigs_parse(const char *data, size_t len, const char *digest,
			   sd_lineage_sig_slot slot, void *ctx)
{
	struct sd_buf buf = SD_BUF_INIT;
	const char *p = data ? after_head(data, len, SIGS_MAGIC, digest) : NULL;
	const char *end = p ? data + len : NULL;
	struct sd_lineage_sigline *cur = NULL;
	size_t next = 0;

	while (p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		char *f[14];
		size_t nf;

		if (!nl)
			break;
		sd_buf_reset(&buf);
		sd_buf_add(&buf, p, (size_t)(nl - p));
		p = nl + 1;
		nf = 0;
		for (char *s = buf.ptr; s && nf < 14;) {
			char *t = strchr(s, '\t');

			if (t)
				*t = '\0';
			if (sd_tsv_take(s, strlen(s), &f[nf]) < 0)
				break;
			nf++;
			s = t ? t + 1 : NULL;
		}
		if (nf == 13 && f[0] && !strcmp(f[0], "line") && f[1] && f[2]) {
			size_t n;

			cur = NULL;
			if (!f[12] || sscanf(f[12], "%zu", &n) != 1 ||
			    !(cur = slot(ctx, f[1], f[2])))
				continue;
			cur->file = sd_xstrdup(f[1]);
			memcpy(cur->commit, f[2], 41);
			cur->pos = f[3] ? strtoul(f[3], NULL, 10) : 0;
			for (int k = 0; k < 8; k++)
				cur->f[k] = dup_or_null(f[4 + k]);
			cur->nrules = n;
			cur->sig = sd_xcalloc(n ? n : 1, sizeof(*cur->sig));
			cur->disp = sd_xcalloc(n * 4 + 1, sizeof(*cur->disp));
			next = 0;
		} else if (cur && nf == 8 && f[0] && !strcmp(f[0], "sig") &&
			   next < cur->nrules && f[1] && f[2] &&
			   strlen(f[2]) == 4 * SD_MATCH_SKETCH) {
			struct sd_match_sig *sg = &cur->sig[next];

			sg->title = strtoull(f[1], NULL, 16);
			for (int k = 0; k < SD_MATCH_SKETCH; k++) {
				unsigned v = 0;

				for (int q = 0; q < 4; q++)
					v = v * 16 + (unsigned)hexval(f[2][k * 4 + q]);
				sg->sketch[k] = (unsigned short)v;
			}
			sg->empty = f[3] && *f[3] == '1';
			for (int k = 0; k < 4; k++)
				cur->disp[next * 4 + k] = dup_or_null(f[4 + k]);
			next++;
		}
	}
	/* A line read only in part is no line: it is loaded again. */
	if (cur && next < cur->nrules)
		sd_lineage_sigline_release(cur);
	sd_buf_release(&buf);
}

void sd_lineage_sigs_write(const struct sd_lineage_sigline *v, size_t n,
			   const char *digest, struct sd_buf *out)
{
	sd_buf_addf(out, SIGS_MAGIC "\t%s\n", digest);
	for (size_t l = 0; l < n; l++) {
		const struct sd_lineage_sigline *s = &v[l];

		if (!s->sig)
			continue;
		sd_buf_addstr(out, "line\t");
		sd_tsv_field(out, s->file);
		sd_buf_addf(out, "\t%s\t%zu", s->commit, s->pos);
		for (int k = 0; k < 8; k++) {
			sd_buf_addch(out, '\t');
			sd_tsv_field_or_null(out, s->f[k]);
		}
		sd_buf_addf(out, "\t%zu\n", s->nrules);
		for (size_t i = 0; i < s->nrules; i++) {
			sd_buf_addf(out, "sig\t%016llx\t", s->sig[i].title);
			for (int k = 0; k < SD_MATCH_SKETCH; k++)
				sd_buf_addf(out, "%04x", s->sig[i].sketch[k]);
			sd_buf_addf(out, "\t%d", s->sig[i].empty);
			for (int k = 0; k < 4; k++) {
				sd_buf_addch(out, '\t');
				sd_tsv_field_or_null(out, s->disp[i * 4 + k]);
			}
			sd_buf_addch(out, '\n');
		}
	}
}
