/*
 * Reading the stored lineage for one trace (see lineage_store.h): from
 * the lines the ids/ files name for the id, only the rules the trace
 * reaches, and the stubs of the other lines its steps name.
 */
#include "lineage_store_int.h"
#include "error.h"
#include "rulefile.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
static size_t index_releases(const struct sd_lineage_index *idx)
{
	size_t n = 0;

	for (size_t i = 0; i < idx->nlines; i++)
		n += idx->lines[i].releases;
	return n;
}

/* ---- Reading for one trace: only the rules it reaches ---- */

struct rq {
	struct rline *v;
	size_t n, cap;
	struct { size_t line, pos, rule; } *q;
	size_t nq, capq;
};

/* The line whose file is `file`, its lines/ file read when first asked;
 * SIZE_MAX when the index has none. */
static int rq_line(struct rq *rq, const struct sd_lineage_source *src,
		   const struct sd_lineage_index *idx, const char *file,
		   size_t *out)
{
	size_t il;
	int err;

	for (size_t i = 0; i < rq->n; i++)
		if (!strcmp(rq->v[i].file, file)) {
			*out = i;
			return 0;
		}
	*out = SIZE_MAX;
	if ((il = sd_lineage_index_find(idx, file)) == SIZE_MAX)
		return 0;
	SD_ALLOC_GROW(rq->v, rq->n, rq->cap);
	if ((err = sd_lineage_rline_head(src, file, idx->lines[il].related,
			      &rq->v[rq->n])) < 0) {
		sd_lineage_rline_release(&rq->v[rq->n]);
		return err;
	}
	*out = rq->n++;
	return 0;
}

/* Part `part` of line L, read when first asked. */
static int rq_part(struct rq *rq, const struct sd_lineage_source *src,
		   size_t L, size_t part)
{
	struct rline *l = &rq->v[L];

	if (part >= l->nparts)
		return sd_error_set(SD_EPARSE, "%slines/%s.tsv: has no part %zu, "
				    "which a step or an id names",
				    src->where ? src->where : "", l->file, part);
	return l->part_read[part] ? 0 : sd_lineage_rline_part(src, l, part);
}

static void rq_want(struct rq *rq, size_t line, size_t pos, size_t rule,
		    int bits)
{
	unsigned char *s = &rq->v[line].seen[pos][rule];

	*s |= R_SHOWN;
	if (!(bits & ~*s & (R_FWD | R_BACK)))
		return;
	*s |= (unsigned char)bits;
	SD_ALLOC_GROW(rq->q, rq->nq, rq->capq);
	rq->q[rq->nq].line = line;
	rq->q[rq->nq].pos = pos;
	rq->q[rq->nq].rule = rule;
	rq->nq++;
}

/* The rule of release k holding record t, when it is the only one. */
static size_t only_with(const struct rline *l, size_t k, size_t t)
{
	size_t at = SIZE_MAX;

	for (size_t i = 0; i < l->nr[k]; i++)
		if (l->tk[k][i] == t) {
			if (at != SIZE_MAX)
				return SIZE_MAX;
			at = i;
		}
	return at;
}

/* The plain hop of rule `a` of release k to release k + 1, made again
 * as the writer left it out; SIZE_MAX when there is none. */
static size_t plain_next(const struct rline *l, size_t k, size_t a)
{
	size_t b;

	if (k + 1 >= l->nrel || l->out[k][a] || l->nohop[k][a] ||
	    only_with(l, k, l->tk[k][a]) != a)
		return SIZE_MAX;
	b = only_with(l, k + 1, l->tk[k][a]);
	return b != SIZE_MAX && !l->in[k + 1][b] ? b : SIZE_MAX;
}

static size_t plain_prev(const struct rline *l, size_t k, size_t b)
{
	size_t a;

	if (!k || l->in[k][b] || only_with(l, k, l->tk[k][b]) != b)
		return SIZE_MAX;
	a = only_with(l, k - 1, l->tk[k][b]);
	return a != SIZE_MAX && plain_next(l, k - 1, a) == b ? a : SIZE_MAX;
}

static int cmp_casestr(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* Is the first `n` bytes of `s` (all when n is SIZE_MAX) among `want`
 * (sorted, case ignored)? */
static int wanted(char *const *want, size_t nwant, const char *s, size_t n)
{
	char buf[256];
	const char *key = buf;

	if (!s)
		return 0;
	if (n == SIZE_MAX)
		key = s;
	else if (n < sizeof(buf))
		memcpy(buf, s, n), buf[n] = '\0';
	else
		return 0;
	return bsearch(&key, want, nwant, sizeof(*want), cmp_casestr) != NULL;
}

/* Does record t carry one of the ids `want` as sd_rule_has_id() reads
 * it? Its id forms are looked up among them, then the id found checked. */
static int trec_has_id(const struct trec *t, char *const *want, size_t nwant)
{
	struct sd_rule r;
	int has = 0;

	memset(&r, 0, sizeof(r));
	r.vuln_id = t->f[0];
	r.rule_id = t->f[1];
	r.stig_id = t->f[2];
	sd_lineage_store_split(&r.legacy, t->f[7]);
	sd_rule_derive_ids(&r);
	has = wanted(want, nwant, r.vuln_id, SIZE_MAX) ||
	      wanted(want, nwant, r.stig_id, SIZE_MAX) ||
	      wanted(want, nwant, r.rule_base, SIZE_MAX) ||
	      wanted(want, nwant, r.rule_id, SIZE_MAX);
	for (size_t k = 0; !has && k < r.legacy.n; k++)
		has = wanted(want, nwant, r.legacy.v[k], SIZE_MAX);
	/* The rule id's forms: "SV-1r2_rule" is "SV-1r2" and "SV-1". */
	for (size_t n = 1; !has && r.rule_id && r.rule_id[n]; n++)
		if (((r.rule_id[n] == 'r' && r.rule_id[n + 1] >= '0' &&
		      r.rule_id[n + 1] <= '9') ||
		     !strcasecmp(r.rule_id + n, "_rule")) &&
		    wanted(want, nwant, r.rule_id, n)) {
			char *id = sd_xstrndup(r.rule_id, n);

			has = sd_rule_has_id(&r, id);
			free(id);
		}
	free(r.rule_base);
	free(r.rule_rev);
	free(r.srg);
	sd_strv_release(&r.legacy);
	return has;
}

/*
 * Walk the chains of the ids `want` as a trace will (each rule followed
 * forward, backward or both, as lineage.c's visit() does), reading the
 * lines and parts it reaches: afterwards every rule a trace shows is
 * marked.
 */
static int rq_walk(struct rq *rq, const struct sd_lineage_source *src,
		   const struct sd_lineage_index *idx, char *const *want,
		   size_t nwant)
{
	int err = 0;

	for (size_t L = 0; L < rq->n; L++) {
		struct rline *l = &rq->v[L];
		unsigned char *has = sd_xcalloc(l->ntr ? l->ntr : 1, 1);

		for (size_t t = 0; t < l->ntr; t++)
			has[t] = (unsigned char)trec_has_id(&l->tr[t], want, nwant);
		for (size_t k = 0; k < l->nrel; k++)
			for (size_t i = 0; i < l->nr[k]; i++)
				if (l->tk[k][i] != SIZE_MAX && has[l->tk[k][i]])
					rq_want(rq, L, k, i, R_FWD | R_BACK);
		free(has);
	}
	for (size_t qi = 0; qi < rq->nq && !err; qi++) {
		size_t L = rq->q[qi].line, k = rq->q[qi].pos, i = rq->q[qi].rule;

		for (int fwd = 1; fwd >= 0 && !err; fwd--) {
			int bit = fwd ? R_FWD : R_BACK, done = fwd ? R_DONE_FWD
								 : R_DONE_BACK;
			struct rline *l = &rq->v[L];
			size_t o;

			if (!(l->seen[k][i] & bit) || (l->seen[k][i] & done))
				continue;
			l->seen[k][i] |= (unsigned char)done;
			/* Within the line. */
			for (size_t h = 0; h < l->nh; h++) {
				const struct lhop *x = &l->h[h];

				if (fwd && x->k == k && x->a == i)
					rq_want(rq, L, k + 1, x->b, R_FWD);
				else if (!fwd && k && x->k == k - 1 && x->b == i)
					rq_want(rq, L, k - 1, x->a, R_BACK);
			}
			o = fwd ? plain_next(l, k, i) : plain_prev(l, k, i);
			if (o != SIZE_MAX)
				rq_want(rq, L, fwd ? k + 1 : k - 1, o,
					fwd ? R_FWD : R_BACK);
			/* Out of it: hops followed (their part read),
			 * candidates shown. Reading moves the arrays: what
			 * a step says is copied first. */
			for (size_t s = 0; s < rq->v[L].nxs && !err; s++) {
				const struct xst *x = &rq->v[L].xs[s];
				size_t L2, pos, orule, opart;
				char *file;

				if (x->pos != k || x->rule != i || x->dir != fwd ||
				    x->type != SD_LINEAGE_CROSS)
					continue;
				file = rq->v[L].tg[x->tgt].file;
				pos = rq->v[L].tg[x->tgt].pos;
				orule = x->orule;
				opart = x->opart;
				if ((err = rq_line(rq, src, idx, file, &L2)) < 0)
					break;
				if (L2 != SIZE_MAX && pos < rq->v[L2].nrel &&
				    orule < rq->v[L2].nr[pos] &&
				    (err = rq_part(rq, src, L2, opart)) < 0)
					break;
				if (L2 == SIZE_MAX || pos >= rq->v[L2].nrel ||
				    orule >= rq->v[L2].nr[pos] ||
				    rq->v[L2].tk[pos][orule] == SIZE_MAX) {
					err = sd_error_set(SD_EPARSE,
							   "%s%s: a step names a rule the index's lines do not hold",
							   src->where ? src->where : "",
							   rq->v[L].file);
					break;
				}
				rq_want(rq, L2, pos, orule, fwd ? R_FWD : R_BACK);
			}
		}
	}
	/* The related rules of the latest releases' rules followed. */
	for (size_t L = 0; L < rq->n && !err; L++) {
		struct rline *l = &rq->v[L];
		size_t k = l->nrel - 1;

		for (size_t i = 0; l->nrel && i < l->nr[k] && !err; i++)
			if (l->seen[k][i] & (R_DONE_FWD | R_DONE_BACK))
				err = sd_lineage_rline_related(src, l, i / SD_LINEAGE_RELATED_RULES);
	}
	return err;
}

/* A rule of a release of a line not read, as a step names it. */
struct frule {
	size_t rel, rule, step;
};

static int cmp_frule(const void *pa, const void *pb)
{
	const struct frule *a = pa, *b = pb;

	if (a->rel != b->rel)
		return a->rel < b->rel ? -1 : 1;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	return a->step < b->step ? -1 : a->step > b->step;
}

/*
 * The rules of the stubs of releases not read: those the steps `fr`
 * name, in the release's order (the release's count in nrules_whole),
 * each shown as its first step names it; the steps then name their
 * places.
 */
static void foreign_rules(struct sd_lineage_stored *st, struct frule *fr,
			  size_t n)
{
	sort_any(fr, n, sizeof(*fr), cmp_frule);
	for (size_t i = 0; i < n;) {
		struct sd_benchmark *b = st->v[fr[i].rel].b;
		size_t e = i, cnt = 0;

		for (; e < n && fr[e].rel == fr[i].rel; e++)
			cnt += e == i || fr[e].rule != fr[e - 1].rule;
		b->rules = sd_xcalloc(cnt, sizeof(*b->rules));
		b->rules_cap = cnt;
		for (size_t k = i; k < e; k++) {
			struct pstep *ps = &st->steps[fr[k].step];
			struct sd_rule *ru;

			if (k == i || fr[k].rule != fr[k - 1].rule) {
				ru = &b->rules[b->nrules++];
				ru->vuln_id = dup_or_null(ps->disp[8]);
				ru->rule_id = dup_or_null(ps->disp[9]);
				ru->stig_id = dup_or_null(ps->disp[10]);
				ru->title = dup_or_null(ps->disp[11]);
				sd_rule_derive_ids(ru);
			}
			ps->s.rule = b->nrules - 1;
		}
		i = e;
	}
}

/* Make the stubs of the lines read, with the rules a trace shows, and
 * the lineage over them with those rules' steps. */
static int rq_build(struct rq *rq, struct sd_lineage_stored *st,
		    const struct sd_lineage_opts *opts)
{
	struct frule *fr = NULL;
	size_t nfr = 0, capfr = 0;
	int err = 0;

	/* A release's stub holds the rules shown and the other rules their
	 * steps name in the lines read, in their order: a long line whose
	 * trace shows a rule or two costs a rule or two per release, not a
	 * rule record for each of its rules. */
	for (size_t L = 0; L < rq->n; L++) {
		struct rline *l = &rq->v[L];

		for (size_t k = 0; k < l->nrel; k++)
			for (size_t i = 0; i < l->nr[k]; i++)
				if (l->seen[k][i] & R_SHOWN)
					l->seen[k][i] |= R_STUB;
		for (size_t s = 0; s < l->nxs; s++) {
			const struct xst *x = &l->xs[s];
			size_t L2;

			if (!(l->seen[x->pos][x->rule] & R_SHOWN))
				continue;
			const struct xtgt *to = &l->tg[x->tgt];

			for (L2 = 0; L2 < rq->n && strcmp(rq->v[L2].file, to->file);
			     L2++)
				;
			if (L2 < rq->n && to->pos < rq->v[L2].nrel &&
			    x->orule < rq->v[L2].nr[to->pos])
				rq->v[L2].seen[to->pos][x->orule] |= R_STUB;
		}
		for (size_t h = 0; h < l->nh; h++) {
			const struct lhop *x = &l->h[h];

			if ((l->seen[x->k][x->a] | l->seen[x->k + 1][x->b]) & R_SHOWN) {
				l->seen[x->k][x->a] |= R_STUB;
				l->seen[x->k + 1][x->b] |= R_STUB;
			}
		}
	}
	for (size_t L = 0; L < rq->n; L++) {
		struct rline *l = &rq->v[L];

		l->first = st->n;
		l->at = sd_xcalloc(l->nrel ? l->nrel : 1, sizeof(*l->at));
		for (size_t k = 0; k < l->nrel; k++) {
			size_t r = sd_lineage_stored_add(st, l->file, k, 0);
			struct sd_benchmark *b = st->v[r].b;
			size_t n = 0;

			sd_lineage_stored_note_kind(st, l->file, l->key);
			if (sd_lineage_store_stub_header(b, l->hdr[k]) < 0)
				return sd_error_set(SD_EPARSE, "lineage: %s: a "
						    "release without numbers",
						    l->file);
			l->at[k] = sd_xmalloc((l->nr[k] ? l->nr[k] : 1) *
					      sizeof(**l->at));
			for (size_t i = 0; i < l->nr[k]; i++)
				l->at[k][i] = l->seen[k][i] & R_STUB ? n++ : SIZE_MAX;
			b->rules = sd_xcalloc(n ? n : 1, sizeof(*b->rules));
			b->nrules = b->rules_cap = n;
			b->nrules_whole = l->nr[k];
			for (size_t i = 0; i < l->nr[k]; i++)
				if (l->seen[k][i] & R_SHOWN)
					sd_lineage_store_stub_rule(&b->rules[l->at[k][i]],
								   &l->tr[l->tk[k][i]]);
		}
	}
	/* Steps of the rules followed, in the order the writer kept. */
	for (size_t L = 0; L < rq->n; L++) {
		struct rline *l = &rq->v[L];

		for (size_t k = 0; k < l->nrel; k++)
			for (size_t i = 0; i < l->nr[k]; i++) {
				unsigned char sn = l->seen[k][i];

				for (int fwd = 1; fwd >= -1; fwd--) {
					size_t o;

					if ((fwd == 1 && !(sn & R_DONE_FWD)) ||
					    (fwd == 0 && !(sn & R_DONE_BACK)) ||
					    (fwd < 0 && !(sn & (R_DONE_FWD |
								R_DONE_BACK))))
						continue;
					/* Within the line: the other rule's
					 * order, explicit and plain together. */
					if (fwd >= 0) {
						size_t nrel2 = fwd ? k + 1 : k - 1;
						size_t cap = l->nr[k] + 1, m = 0;
						struct lhop *all = NULL;

						if (!fwd && !k)
							goto cross;
						if (fwd && k + 1 >= l->nrel)
							goto cross;
						all = sd_xmalloc((l->nh + 2) * sizeof(*all));
						for (size_t h = 0; h < l->nh; h++) {
							const struct lhop *x = &l->h[h];

							if ((fwd && x->k == k && x->a == i) ||
							    (!fwd && x->k == k - 1 && x->b == i))
								all[m++] = *x;
						}
						o = fwd ? plain_next(l, k, i)
							: plain_prev(l, k, i);
						if (o != SIZE_MAX) {
							struct sd_buf ev = SD_BUF_INIT;

							sd_lineage_store_plain_evidence(&st->v[l->first + k].b->rules[l->at[k][i]],
											&ev);
							all[m].k = fwd ? k : k - 1;
							all[m].a = fwd ? i : o;
							all[m].b = fwd ? o : i;
							all[m].kind = SD_MATCH_SAME_ID;
							all[m].score = 1.0;
							all[m].evidence = sd_buf_detach(&ev);
							all[m].made = 1;
							m++;
						}
						sort_any(all, m, sizeof(*all),
							 fwd ? sd_lineage_store_cmp_hop_a : sd_lineage_store_cmp_hop_b);
						for (size_t h = 0; h < m; h++) {
							struct pstep *ps = sd_lineage_stored_step(st);

							ps->from = l->first + k;
							ps->rule = l->at[k][i];
							ps->dir = fwd;
							ps->s.type = SD_LINEAGE_HOP;
							ps->s.rel = l->first + nrel2;
							ps->s.rule = l->at[nrel2][fwd ? all[h].b
										     : all[h].a];
							ps->s.kind = all[h].kind;
							ps->s.score = all[h].score;
							ps->evidence = all[h].made
									       ? all[h].evidence
									       : sd_xstrdup(all[h].evidence);
						}
						free(all);
						(void)cap;
					}
cross:
					for (size_t s = 0; s < l->nxs; s++) {
						const struct xst *x = &l->xs[s];
						struct pstep *ps;

						if (x->pos != k || x->rule != i ||
						    x->dir != fwd)
							continue;
						ps = sd_lineage_stored_step(st);
						ps->from = l->first + k;
						ps->rule = l->at[k][i];
						ps->dir = fwd;
						ps->s.type = x->type;
						ps->s.kind = x->kind;
						ps->s.score = x->score;
						if (x->evidence) {
							ps->evidence = sd_xstrdup(x->evidence);
						} else {
							struct sd_buf ev = SD_BUF_INIT;

							sd_lineage_related_evidence(2 * x->score - 1, &ev);
							ps->evidence = sd_buf_detach(&ev);
						}
						ps->ofile = sd_xstrdup(l->tg[x->tgt].file);
						ps->opos = l->tg[x->tgt].pos;
						ps->orule = x->orule;
						ps->onrules = l->tg[x->tgt].nrules;
						for (int q = 0; q < 8; q++)
							ps->disp[q] = dup_or_null(l->tg[x->tgt].f[q]);
						for (int q = 0; q < 4; q++)
							ps->disp[8 + q] = dup_or_null(x->disp[q]);
					}
				}
			}
	}
	/* The other rules of steps out of a line: in a line read (their
	 * rule shown), else a stub of its own. */
	for (size_t i = 0; i < st->nsteps && !err; i++) {
		struct pstep *ps = &st->steps[i];
		size_t r;

		if (!ps->ofile)
			continue;
		r = sd_lineage_stored_find(st, ps->ofile, ps->opos);
		if (r != SIZE_MAX && !st->v[r].foreign) {
			struct sd_rule *ru;
			size_t L, at, t;

			for (L = 0; L < rq->n && strcmp(rq->v[L].file, ps->ofile);
			     L++)
				;
			if (L == rq->n || ps->orule >= rq->v[L].nr[ps->opos] ||
			    (at = rq->v[L].at[ps->opos][ps->orule]) == SIZE_MAX) {
				err = sd_error_set(SD_EPARSE, "lineage: a step "
						   "names a rule %s does not hold",
						   ps->ofile);
				break;
			}
			ru = &st->v[r].b->rules[at];
			t = rq->v[L].tk[ps->opos][ps->orule];
			if (ru->vuln_id || ru->rule_id) {
				/* made */
			} else if (t != SIZE_MAX) {
				sd_lineage_store_stub_rule(ru, &rq->v[L].tr[t]);
			} else {
				/* Of a part not read: as the step shows it. */
				ru->vuln_id = dup_or_null(ps->disp[8]);
				ru->rule_id = dup_or_null(ps->disp[9]);
				ru->stig_id = dup_or_null(ps->disp[10]);
				ru->title = dup_or_null(ps->disp[11]);
				sd_rule_derive_ids(ru);
			}
			ps->s.rel = r;
			ps->s.rule = at;
			continue;
		}
		/* A line not read: its hops are never taken (the walk read
		 * every line a trace goes to); shown rules get a stub. */
		if (ps->s.type == SD_LINEAGE_CROSS) {
			ps->dropped = 1;
			continue;
		}
		/* A release of a line not read: a stub of its own, made
		 * here, in the order sd_lineage_stored_resolve() makes them;
		 * its rules once every step into it is known. */
		if (ps->orule >= ps->onrules) {
			err = sd_error_set(SD_EPARSE, "lineage: a step names rule "
					   "%zu of %s release %zu, which has %zu",
					   ps->orule, ps->ofile, ps->opos,
					   ps->onrules);
			break;
		}
		if (r == SIZE_MAX) {
			char *hf[7] = { ps->disp[0], ps->disp[1], ps->disp[3],
					ps->disp[4], ps->disp[5], ps->disp[6],
					ps->disp[7] };

			r = sd_lineage_stored_add(st, ps->ofile, ps->opos, 1);
			st->v[r].b->nrules_whole = ps->onrules;
			if (sd_lineage_store_stub_header(st->v[r].b, hf) < 0) {
				err = sd_error_set(SD_EPARSE, "lineage: a step names a "
						   "release of %s without numbers",
						   ps->ofile);
				break;
			}
		}
		ps->s.rel = r;
		SD_ALLOC_GROW(fr, nfr, capfr);
		fr[nfr].rel = r;
		fr[nfr].rule = ps->orule;
		fr[nfr++].step = i;
	}
	if (!err)
		foreign_rules(st, fr, nfr);
	free(fr);
	if (err)
		return err;
	return sd_lineage_stored_make(st, opts);
}

int sd_lineage_stored_open_ids(const struct sd_lineage_source *src,
			       const struct sd_lineage_index *idx,
			       const struct sd_lineage_opts *opts,
			       const char *const *ids, size_t nids,
			       struct sd_lineage_stored **out)
{
	struct sd_lineage_stored *st = sd_xcalloc(1, sizeof(*st));
	struct sd_strv start = SD_STRV_INIT, want = SD_STRV_INIT;
	struct rq rq;
	int err = 0;

	*out = NULL;
	memset(&rq, 0, sizeof(rq));
	for (size_t i = 0; i < nids && !err; i++) {
		if (!ids[i] || !*ids[i])
			continue;
		sd_strv_push(&want, ids[i]);
		err = sd_lineage_ids_lookup(src, ids[i], &start);
	}
	if (err < 0)
		goto done;
	sort_any(want.v, want.n, sizeof(*want.v), cmp_casestr);
	/* The ids name parts of lines: "short.part", the short name the
	 * end of the line's file stem. */
	for (size_t i = 0; i < start.n && !err; i++) {
		const char *dot = strchr(start.v[i], '.');
		size_t part;

		if (!dot || read_size(dot + 1, &part) < 0) {
			err = sd_error_set(SD_EPARSE, "%sids/: '%s' names no part "
					   "of a line", src->where ? src->where : "",
					   start.v[i]);
			break;
		}
		for (size_t l = 0; l < idx->nlines && !err; l++) {
			size_t at;

			if (!sd_lineage_ids_names_line(start.v[i],
						       idx->lines[l].file) ||
			    (err = rq_line(&rq, src, idx, idx->lines[l].file,
					   &at)) < 0)
				continue;
			err = rq_part(&rq, src, at, part);
		}
	}
	if (!err && !rq.n) {
		size_t nb = index_releases(idx);

		err = sd_error_set(SD_ENOTFOUND, "no rule '%s' in %zu benchmark%s",
				   nids == 1 ? ids[0] : "of these ids", nb,
				   nb == 1 ? "" : "s");
	}
	if (!err)
		err = rq_walk(&rq, src, idx, want.v, want.n);
	if (!err)
		err = rq_build(&rq, st, opts);
done:
	for (size_t i = 0; i < rq.n; i++)
		sd_lineage_rline_release(&rq.v[i]);
	free(rq.v);
	free(rq.q);
	sd_strv_release(&start);
	sd_strv_release(&want);
	if (err < 0)
		sd_lineage_stored_free(st);
	else
		*out = st;
	return err;
}

int sd_lineage_stored_open(const struct sd_lineage_source *src,
			   const struct sd_lineage_index *idx,
			   const struct sd_lineage_opts *opts, const char *id,
			   struct sd_lineage_stored **out)
{
	return sd_lineage_stored_open_ids(src, idx, opts, &id, 1, out);
}
