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
static size_t index_releases(const struct sd_lineage_index *idx)
{
	size_t n = 0;

	for (size_t i = 0; i < idx->nlines; i++)
		n += idx->lines[i].releases;
	return n;
}

/* ---- Reading for one trace: only the rules it reaches ---- */

/* A target record of a steps file, as read for a trace. */
struct xtgt {
	char *file;
	size_t pos, nrules;
	char *f[8]; /* bench id, title, label, v, r, version, date, source */
};

/* A step out of the line, read, its other rule named: the release it
 * goes to is target `tgt` of the line's `tg`. Its strings point into the
 * text of its file (rline.text). */
struct xst {
	size_t pos, rule, tgt, orule;
	int dir;
	enum sd_lineage_step_type type;
	enum sd_match_kind kind;
	double score;
	char *evidence; /* NULL: a related step's, from its score */
	char *disp[4];  /* the other rule's vuln, rule id, stig id, title */
};

/*
 * A line file as read, before any stub is made. Its three files are
 * kept as read and split where they are: every string of the records
 * (hdr, tr, h, xs) points into `text`, so that a line costs its text
 * and a few arrays, not a string per field of every record (a query
 * reaches whole lines, and shows a few of their rules).
 */
struct rline {
	struct sd_buf text[3]; /* lines/, steps/, related/ */
	char *file;
	char *key;
	size_t nrel;
	char *(*hdr)[7]; /* id, title, v, r, version, date, source */
	struct trec *tr;
	size_t ntr, captr;
	size_t **tk, *nr;    /* per release: rule records of its rules */
	struct lhop *h;      /* explicit hops, by release and old rule */
	size_t nh, caph;
	unsigned char **nohop;
	unsigned char **out, **in; /* per release: rules with explicit hops
				      out (to the next) and in (from the
				      previous) */
	struct xst *xs;      /* by release, rule, then file order */
	size_t nxs, capxs;
	struct xtgt *tg;     /* the targets of xs */
	size_t ntg, captg;
	unsigned char **seen; /* per release per rule: WANT bits, 4 shown,
				 8 followed forward, 16 backward, 32 in
				 the stubs */
	size_t **at;         /* per release per rule: its place in the
				release's stub (those in the stubs) */
	size_t first;        /* its first stub */
};

enum { R_FWD = 1, R_BACK = 2, R_SHOWN = 4, R_DONE_FWD = 8, R_DONE_BACK = 16,
       R_STUB = 32 };

struct rq {
	struct rline *v;
	size_t n, cap;
	struct { size_t line, pos, rule; } *q;
	size_t nq, capq;
};

static void rline_release(struct rline *l)
{
	for (size_t k = 0; k < l->nrel; k++) {
		free(l->tk[k]);
		free(l->nohop[k]);
		free(l->out[k]);
		free(l->in[k]);
		free(l->seen[k]);
		if (l->at)
			free(l->at[k]);
	}
	free(l->at);
	for (int q = 0; q < 3; q++)
		sd_buf_release(&l->text[q]);
	free(l->hdr);
	free(l->tk);
	free(l->nr);
	free(l->nohop);
	free(l->out);
	free(l->in);
	free(l->seen);
	free(l->tr);
	free(l->h);
	free(l->xs);
	free(l->tg);
	free(l->file);
}

/* Parse lines/<file>.tsv into l. */
static int parse_line(const struct sd_lineage_source *src, const char *file,
		      struct rline *l)
{
	struct sd_buf *text = &l->text[0], name = SD_BUF_INIT;
	char *p, *end;
	unsigned lineno = 0;
	char *f[12];
	size_t n, k, a, b;
	int err, magic = 0;

	memset(l, 0, sizeof(*l));
	for (int q = 0; q < 3; q++)
		sd_buf_init(&l->text[q]);
	l->file = sd_xstrdup(file);
	sd_buf_addf(&name, "lines/%s.tsv", file);
	if ((err = src->read(src->ctx, name.ptr, text)) < 0) {
		if (err == SD_ENOTFOUND)
			err = sd_error_set(SD_EPARSE, "%s%s: missing, though "
					   "the index names it",
					   src->where ? src->where : "", name.ptr);
		goto done;
	}
	sd_buf_reset(&name);
	sd_buf_addf(&name, "%slines/%s.tsv", src->where ? src->where : "", file);
	p = text->ptr;
	end = text->ptr + text->len;
	while (!err && (n = sd_lineage_store_fields_here(&p, end, f, 11, &lineno))) {
		const char *what = f[0] ? f[0] : "";

		if (!magic) {
			magic = 1;
			if (n != 2 || strcmp(what, "stigdiff-lineage-line") ||
			    !f[1] || strcmp(f[1], "2"))
				err = perr(name.ptr, lineno,
					   "not a stigdiff lineage line file (format 2)");
		} else if (!strcmp(what, "line") && n == 3) {
			l->key = f[1];
		} else if (!strcmp(what, "release") && n == 10) {
			if (read_size(f[1], &k) < 0 || k != l->nrel) {
				err = perr(name.ptr, lineno, "releases out of order");
				break;
			}
			l->hdr = sd_xrealloc(l->hdr, (k + 1) * sizeof(*l->hdr));
			{
				char *hf[7] = { f[2], f[9], f[4], f[5], f[6],
						f[7], f[8] };

				memcpy(l->hdr[k], hf, sizeof(hf));
			}
#define GROW1(arr) arr = sd_xrealloc(arr, (k + 1) * sizeof(*arr)), arr[k] = 0
			GROW1(l->tk);
			GROW1(l->nr);
			GROW1(l->nohop);
			GROW1(l->out);
			GROW1(l->in);
			GROW1(l->seen);
#undef GROW1
			l->nrel++;
		} else if (!strcmp(what, "rule") && n == 11) {
			struct trec *t;

			if (read_size(f[1], &k) < 0 || k != l->ntr) {
				err = perr(name.ptr, lineno, "rules out of order");
				break;
			}
			SD_ALLOC_GROW(l->tr, l->ntr, l->captr);
			t = &l->tr[l->ntr++];
			memcpy(t->f, f + 2, sizeof(t->f));
			t->mask = t->f[5] ? atoi(t->f[5]) : 0;
		} else if (!strcmp(what, "rules") && n == 3) {
			size_t cnt = 0, i = 0;

			if (read_size(f[1], &k) < 0 || k >= l->nrel || l->tk[k]) {
				err = perr(name.ptr, lineno, "rules of no release");
				break;
			}
			for (const char *q = f[2] ? f[2] : ""; *q; q++)
				cnt += *q == ',';
			cnt += f[2] && *f[2];
			l->tk[k] = sd_xcalloc(cnt ? cnt : 1, sizeof(**l->tk));
			for (char *q = f[2] ? f[2] : ""; *q && !err; i++) {
				char *c = strchr(q, ',');
				size_t t;

				if (c)
					*c = '\0';
				if (read_size(q, &t) < 0 || t >= l->ntr)
					err = perr(name.ptr, lineno,
						   "names no rule record");
				else
					l->tk[k][i] = t;
				q = c ? c + 1 : q + strlen(q);
			}
			l->nr[k] = i;
			l->nohop[k] = sd_xcalloc(i ? i : 1, 1);
			l->out[k] = sd_xcalloc(i ? i : 1, 1);
			l->in[k] = sd_xcalloc(i ? i : 1, 1);
			l->seen[k] = sd_xcalloc(i ? i : 1, 1);
		} else if (!strcmp(what, "hop") && n == 7) {
			struct lhop *x;
			int ok = 1;

			if (read_size(f[1], &k) < 0 || k + 1 >= l->nrel ||
			    !l->tk[k] || !l->tk[k + 1] || read_size(f[2], &a) < 0 ||
			    read_size(f[3], &b) < 0 || a >= l->nr[k] ||
			    b >= l->nr[k + 1] || (l->nh && l->h[l->nh - 1].k > k)) {
				err = perr(name.ptr, lineno,
					   "a hop between rules the line does not hold");
				break;
			}
			SD_ALLOC_GROW(l->h, l->nh, l->caph);
			x = &l->h[l->nh++];
			memset(x, 0, sizeof(*x));
			x->k = k;
			x->a = a;
			x->b = b;
			x->kind = sd_lineage_store_kind(f[4], &ok);
			x->evidence = f[6] ? f[6] : "";
			l->out[k][a] = 1;
			l->in[k + 1][b] = 1;
			if (!ok || sd_lineage_store_score(f[5], &x->score) < 0)
				err = perr(name.ptr, lineno,
					   "a hop without kind or score");
		} else if (!strcmp(what, "nohop") && n == 3) {
			if (read_size(f[1], &k) < 0 || k >= l->nrel ||
			    !l->nohop[k] || read_size(f[2], &a) < 0 ||
			    a >= l->nr[k]) {
				err = perr(name.ptr, lineno, "a nohop of no rule");
				break;
			}
			l->nohop[k][a] = 1;
		} else {
			err = perr(name.ptr, lineno, "not a line record");
		}
	}
	for (k = 0; !err && k < l->nrel; k++)
		if (!l->tk[k])
			err = perr(name.ptr, lineno, "a release without its rules");
done:
	sd_buf_release(&name);
	return err;
}

/*
 * Read steps/ or related/ (`dir`, its text kept as l->text[q]) of line
 * l into l->xs, split where it is; the records and their checks are
 * sd_lineage_stored_read_steps()'s. A missing related/ file is no step.
 */
static int parse_steps(const struct sd_lineage_source *src, const char *dir,
		       int q, struct rline *l)
{
	static const char *const types[] = { "cross", "candidate", "sibling",
					      "related" };
	static const enum sd_lineage_step_type tv[] = {
		SD_LINEAGE_CROSS, SD_LINEAGE_CANDIDATE,
		SD_LINEAGE_PEER_SIBLING, SD_LINEAGE_PEER_RELATED
	};
	struct sd_buf *text = &l->text[q], name = SD_BUF_INIT;
	size_t tg0 = l->ntg, n = 0; /* this file's targets: from tg0 */
	char *p, *end, *f[16];
	unsigned lineno = 0;
	int err, magic = 0;

	if ((err = sd_lineage_read_file(src, dir, l->file, text, &name))) {
		err = err > 0 ? 0 : err;
		goto done;
	}
	p = text->ptr;
	end = text->ptr + text->len;
	/* Room for a step per line at once: no array doubled past need. */
	for (const char *c = p; (c = memchr(c, '\n', (size_t)(end - c))); c++)
		n++;
	if (l->nxs + n + 1 > l->capxs) {
		l->capxs = l->nxs + n + 1;
		l->xs = sd_xrealloc(l->xs, l->capxs * sizeof(*l->xs));
	}
	while (!err && (n = sd_lineage_store_fields_here(&p, end, f, 14, &lineno))) {
		size_t pos, rule, t;
		int ok = 1, type = -1, d;
		struct xst *x;

		if (!magic) {
			magic = 1;
			if (n != 2 || !f[0] || strcmp(f[0], "stigdiff-lineage-steps") ||
			    !f[1] || strcmp(f[1], "2"))
				err = perr(name.ptr, lineno,
					   "not a stigdiff lineage steps file (format 2)");
			continue;
		}
		if (n == 13 && f[0] && !strcmp(f[0], "target")) {
			struct xtgt *y;

			if (read_size(f[1], &t) < 0 || t != l->ntg - tg0 || !f[2] ||
			    read_size(f[3], &pos) < 0 ||
			    read_size(f[12], &rule) < 0 || rule > 1000000) {
				err = perr(name.ptr, lineno, "targets out of order");
				break;
			}
			SD_ALLOC_GROW(l->tg, l->ntg, l->captg);
			y = &l->tg[l->ntg++];
			y->file = f[2];
			y->pos = pos;
			y->nrules = rule;
			memcpy(y->f, f + 4, sizeof(y->f));
			continue;
		}
		if (n != 14 || !f[0] || strcmp(f[0], "step") || !f[3] || !f[4]) {
			err = perr(name.ptr, lineno, "expected a step of 14 fields");
			break;
		}
		d = !strcmp(f[3], "fwd") ? 1 : !strcmp(f[3], "back") ? 0
		    : !strcmp(f[3], "peer") ? -1 : 2;
		for (int k = 0; k < 4; k++)
			if (!strcmp(f[4], types[k]))
				type = k;
		if (read_size(f[1], &pos) < 0 || read_size(f[2], &rule) < 0 ||
		    pos >= l->nrel || rule >= l->nr[pos] || d == 2 || type < 0 ||
		    (d < 0) != (type >= 2) || read_size(f[8], &t) < 0 ||
		    t >= l->ntg - tg0) {
			err = perr(name.ptr, lineno,
				   "a step of a rule the line does not hold, or of no known type or target");
			break;
		}
		SD_ALLOC_GROW(l->xs, l->nxs, l->capxs);
		x = &l->xs[l->nxs++];
		memset(x, 0, sizeof(*x));
		x->pos = pos;
		x->rule = rule;
		x->dir = d;
		x->type = tv[type];
		x->kind = sd_lineage_store_kind(f[5], &ok);
		x->tgt = tg0 + t;
		memcpy(x->disp, f + 10, sizeof(x->disp));
		if (!ok || sd_lineage_store_score(f[6], &x->score) < 0 ||
		    read_size(f[9], &x->orule) < 0) {
			err = perr(name.ptr, lineno,
				   "a step without kind, score or other rule");
			break;
		}
		/* A related rule's evidence, when left out, follows from its
		 * score: made for the steps a trace shows (rq_build()). */
		x->evidence = f[7] || type != 3 ? (f[7] ? f[7] : "") : NULL;
	}
done:
	sd_buf_release(&name);
	return err;
}

/* The line whose file is `file`, read when first asked; SIZE_MAX when
 * the index has none. */
static int rq_line(struct rq *rq, const struct sd_lineage_source *src,
		   const struct sd_lineage_index *idx, const char *file,
		   size_t *out)
{
	int err;

	for (size_t i = 0; i < rq->n; i++)
		if (!strcmp(rq->v[i].file, file)) {
			*out = i;
			return 0;
		}
	*out = SIZE_MAX;
	if (sd_lineage_index_find(idx, file) == SIZE_MAX)
		return 0;
	SD_ALLOC_GROW(rq->v, rq->n, rq->cap);
	if ((err = parse_line(src, file, &rq->v[rq->n])) < 0 ||
	    (err = parse_steps(src, "steps", 1, &rq->v[rq->n])) < 0 ||
	    (err = parse_steps(src, "related", 2, &rq->v[rq->n])) < 0) {
		rline_release(&rq->v[rq->n]);
		return err;
	}
	*out = rq->n++;
	return 0;
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

/* Does record t carry `id` as sd_rule_has_id() reads it? */
static int trec_has_id(const struct trec *t, const char *id)
{
	struct sd_rule r;
	int has;

	memset(&r, 0, sizeof(r));
	r.vuln_id = t->f[0];
	r.rule_id = t->f[1];
	r.stig_id = t->f[2];
	sd_lineage_store_split(&r.legacy, t->f[7]);
	sd_rule_derive_ids(&r);
	has = sd_rule_has_id(&r, id);
	free(r.rule_base);
	free(r.rule_rev);
	free(r.srg);
	sd_strv_release(&r.legacy);
	return has;
}

/*
 * Walk the chain of `id` as a trace will (each rule followed forward,
 * backward or both, as lineage.c's visit() does), reading lines as it
 * reaches them: afterwards every rule a trace shows is marked.
 */
static int rq_walk(struct rq *rq, const struct sd_lineage_source *src,
		   const struct sd_lineage_index *idx, const char *id)
{
	int err = 0;

	for (size_t L = 0; L < rq->n; L++)
		for (size_t k = 0; k < rq->v[L].nrel; k++)
			for (size_t i = 0; i < rq->v[L].nr[k]; i++)
				if (trec_has_id(&rq->v[L].tr[rq->v[L].tk[k][i]], id))
					rq_want(rq, L, k, i, R_FWD | R_BACK);
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
			/* Out of it: hops followed, candidates shown. */
			for (size_t s = 0; s < rq->v[L].nxs && !err; s++) {
				const struct xst *x = &rq->v[L].xs[s];
				size_t L2;

				if (x->pos != k || x->rule != i || x->dir != fwd ||
				    x->type != SD_LINEAGE_CROSS)
					continue;
				const struct xtgt *to = &rq->v[L].tg[x->tgt];

				if ((err = rq_line(rq, src, idx, to->file, &L2)) < 0)
					break;
				if (L2 == SIZE_MAX || to->pos >= rq->v[L2].nrel ||
				    x->orule >= rq->v[L2].nr[to->pos]) {
					err = sd_error_set(SD_EPARSE,
							   "%s%s: a step names a rule the index's lines do not hold",
							   src->where ? src->where : "",
							   rq->v[L].file);
					break;
				}
				rq_want(rq, L2, to->pos, x->orule,
					fwd ? R_FWD : R_BACK);
			}
		}
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
			size_t L, at;

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
			if (!ru->vuln_id && !ru->rule_id)
				sd_lineage_store_stub_rule(ru, &rq->v[L].tr[rq->v[L].tk[ps->opos]
							   [ps->orule]]);
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

int sd_lineage_stored_open(const struct sd_lineage_source *src,
			   const struct sd_lineage_index *idx,
			   const struct sd_lineage_opts *opts, const char *id,
			   struct sd_lineage_stored **out)
{
	struct sd_lineage_stored *st = sd_xcalloc(1, sizeof(*st));
	struct sd_strv start = SD_STRV_INIT;
	struct rq rq;
	int err;

	*out = NULL;
	memset(&rq, 0, sizeof(rq));
	if ((err = sd_lineage_ids_lookup(src, id, &start)) < 0)
		goto done;
	/* The ids name lines by the end of their file stem. */
	for (size_t i = 0; i < start.n && !err; i++)
		for (size_t l = 0; l < idx->nlines && !err; l++) {
			size_t at;

			if (!strcmp(sd_lineage_store_short(idx->lines[l].file),
				    start.v[i]))
				err = rq_line(&rq, src, idx, idx->lines[l].file,
					      &at);
		}
	if (!err && !rq.n) {
		size_t nb = index_releases(idx);

		err = sd_error_set(SD_ENOTFOUND, "no rule '%s' in %zu benchmark%s",
				   id, nb, nb == 1 ? "" : "s");
	}
	if (!err)
		err = rq_walk(&rq, src, idx, id);
	if (!err)
		err = rq_build(&rq, st, opts);
done:
	for (size_t i = 0; i < rq.n; i++)
		rline_release(&rq.v[i]);
	free(rq.v);
	free(rq.q);
	sd_strv_release(&start);
	if (err < 0)
		sd_lineage_stored_free(st);
	else
		*out = st;
	return err;
}
