/*
 * A stored lineage read back (see lineage_store.h): releases as stubs
 * (rules with their ids and titles, no text) and their steps, made a
 * lineage. What is read is lineage_store_trace.c's.
 */
#include "lineage_store_int.h"
#include "error.h"
#include "rulefile.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
/* ---- Reading ---- */


void sd_lineage_stored_note_kind(struct sd_lineage_stored *st, const char *file,
				 const char *key)
{
	const char *bar = key ? strrchr(key, '|') : NULL;

	if (!bar || sd_strv_contains(&st->kfile, file))
		return;
	sd_strv_push(&st->kfile, file);
	sd_strv_push(&st->kkind, bar + 1);
}

/* The stored line of `b` names its group, as 'corpus link' formed it. */
static const char *stored_line_of(void *ctx, const struct sd_benchmark *b,
				  const char **kind)
{
	struct sd_lineage_stored *st = ctx;

	for (size_t i = 0; i < st->n; i++)
		if (st->v[i].b == b) {
			for (size_t k = 0; k < st->kfile.n; k++)
				if (!strcmp(st->kfile.v[k], st->v[i].file))
					*kind = st->kkind.v[k];
			return st->v[i].file;
		}
	return NULL;
}

/* `opts` with the stored lines as groups. */
static struct sd_lineage_opts stored_opts(struct sd_lineage_stored *st,
					  const struct sd_lineage_opts *opts)
{
	struct sd_lineage_opts o;

	if (opts)
		o = *opts;
	else
		memset(&o, 0, sizeof(o));
	o.line_of = stored_line_of;
	o.line_ctx = st;
	return o;
}

void sd_lineage_stored_free(struct sd_lineage_stored *st)
{
	if (!st)
		return;
	sd_lineage_free(st->lin);
	for (size_t i = 0; i < st->n; i++) {
		free(st->v[i].file);
		sd_benchmark_free(st->v[i].b);
	}
	for (size_t i = 0; i < st->nsteps; i++) {
		free(st->steps[i].evidence);
		free(st->steps[i].ofile);
		for (int k = 0; k < 12; k++)
			free(st->steps[i].disp[k]);
	}
	free(st->steps);
	free(st->v);
	sd_strv_release(&st->loaded);
	sd_strv_release(&st->kfile);
	sd_strv_release(&st->kkind);
	free(st);
}

struct sd_lineage *sd_lineage_stored_lineage(struct sd_lineage_stored *st)
{
	return st->lin;
}

size_t sd_lineage_stored_find(const struct sd_lineage_stored *st,
			      const char *file, size_t pos)
{
	for (size_t i = st->n; i-- > 0;)
		if (st->v[i].pos == pos && !strcmp(st->v[i].file, file))
			return i;
	return SIZE_MAX;
}

size_t sd_lineage_stored_add(struct sd_lineage_stored *st, const char *file,
			     size_t pos, int foreign)
{
	struct sref *s;

	SD_ALLOC_GROW(st->v, st->n, st->cap);
	s = &st->v[st->n];
	memset(s, 0, sizeof(*s));
	s->file = sd_xstrdup(file);
	s->pos = pos;
	s->foreign = foreign;
	s->b = sd_xcalloc(1, sizeof(*s->b));
	return st->n++;
}

struct pstep *sd_lineage_stored_step(struct sd_lineage_stored *st)
{
	struct pstep *p;

	SD_ALLOC_GROW(st->steps, st->nsteps, st->capsteps);
	p = &st->steps[st->nsteps++];
	memset(p, 0, sizeof(*p));
	return p;
}

int sd_lineage_read_file(const struct sd_lineage_source *src,
			 const char *dir, const char *file, struct sd_buf *text,
			 struct sd_buf *name)
{
	int err;

	sd_buf_addf(name, "%s/%s.tsv", dir, file);
	if ((err = src->read(src->ctx, name->ptr, text)) < 0) {
		if (err != SD_ENOTFOUND)
			return err;
		if (!strcmp(dir, "related"))
			return 1;
		return sd_error_set(SD_EPARSE,
				    "%s%s: missing, though the index names it",
				    src->where ? src->where : "", name->ptr);
	}
	sd_buf_reset(name);
	sd_buf_addf(name, "%s%s/%s.tsv", src->where ? src->where : "", dir,
		    file);
	return 0;
}

struct pref {
	const struct sd_benchmark *b;
	size_t sref;
};

static int cmp_pref(const void *a, const void *b)
{
	const struct pref *x = a, *y = b;

	return x->b < y->b ? -1 : x->b > y->b;
}

/*
 * The lineage over the releases read (st->v), grouped as the stored
 * lines are, with the steps read added.
 */
int sd_lineage_stored_make(struct sd_lineage_stored *st,
			   const struct sd_lineage_opts *opts)
{
	struct sd_lineage_opts o = stored_opts(st, opts);
	struct sd_benchmark **benches;
	struct pref *pr = NULL;
	size_t n;
	int err;

	benches = sd_xmalloc((st->n ? st->n : 1) * sizeof(*benches));
	for (size_t i = 0; i < st->n; i++)
		benches[i] = st->v[i].b;
	if ((err = sd_lineage_new(benches, st->n, &o, &st->lin)) < 0)
		goto done;
	n = sd_lineage_benchmarks(st->lin);
	if (n != st->n) {
		err = sd_error_set(SD_EPARSE, "lineage: the stored lines repeat "
				   "a release");
		goto done;
	}
	pr = sd_xmalloc((n ? n : 1) * sizeof(*pr));
	for (size_t i = 0; i < n; i++) {
		pr[i].b = st->v[i].b;
		pr[i].sref = i;
	}
	sort_any(pr, n, sizeof(*pr), cmp_pref);
	for (size_t r = 0; r < n; r++) {
		struct pref key = { sd_lineage_release(st->lin, r), 0 };
		struct pref *hit = bsearch(&key, pr, n, sizeof(*pr), cmp_pref);

		st->v[hit->sref].rel = r;
	}
	for (size_t i = 0; i < st->nsteps && !err; i++) {
		struct pstep *ps = &st->steps[i];
		struct sd_lineage_step s = ps->s;

		if (ps->dropped)
			continue;
		s.rel = st->v[ps->s.rel].rel;
		s.evidence = ps->evidence;
		if (sd_lineage_step_add(st->lin, st->v[ps->from].rel, ps->rule,
					ps->dir, &s) < 0)
			err = sd_error_set(SD_EPARSE, "lineage: a curated hop "
					   "from %s no curated link names",
					   st->v[ps->from].file);
	}
	sd_lineage_steps_known(st->lin);
done:
	free(pr);
	free(benches);
	return err;
}
