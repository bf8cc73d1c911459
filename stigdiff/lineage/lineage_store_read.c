/*
 * Reading the stored lineage back (see lineage_store.h): whole lines as a
 * lineage of stubs (rules with their ids and titles, no text), their
 * steps, and the stubs the steps name in lines not read.
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

/* The hops of releases k -> k+1 of a line (explicit ones in `h`, sorted
 * by `a`), with the plain ones made again, as steps. */
static void line_hops(struct sd_lineage_stored *st, size_t ra, size_t rb,
		      size_t **tk, size_t k, size_t ntracks, struct lhop *h,
		      size_t nh, const unsigned char *nohop)
{
	const struct sd_benchmark *a = st->v[ra].b, *b = st->v[rb].b;
	size_t *ua = sd_xcalloc(ntracks ? ntracks : 1, sizeof(*ua));
	size_t *ub = sd_xcalloc(ntracks ? ntracks : 1, sizeof(*ub));
	unsigned char *ha = sd_xcalloc(a->nrules ? a->nrules : 1, 1);
	unsigned char *hb = sd_xcalloc(b->nrules ? b->nrules : 1, 1);
	size_t *at_b = sd_xcalloc(ntracks ? ntracks : 1, sizeof(*at_b));
	struct lhop *all = sd_xmalloc((nh + a->nrules + 1) * sizeof(*all));
	size_t n = 0;
	struct sd_buf ev = SD_BUF_INIT;

	for (size_t i = 0; i < a->nrules; i++)
		ua[tk[k][i]]++;
	for (size_t j = 0; j < b->nrules; j++) {
		ub[tk[k + 1][j]]++;
		at_b[tk[k + 1][j]] = j;
	}
	for (size_t q = 0; q < nh; q++) {
		ha[h[q].a] = 1;
		hb[h[q].b] = 1;
		all[n] = h[q];
		all[n++].made = 0;
	}
	for (size_t i = 0; i < a->nrules; i++) {
		size_t t = tk[k][i], j;

		if (ua[t] != 1 || ub[t] != 1 || ha[i] || nohop[i])
			continue;
		j = at_b[t];
		if (hb[j])
			continue;
		sd_buf_reset(&ev);
		sd_lineage_store_plain_evidence(&a->rules[i], &ev);
		all[n].a = i;
		all[n].b = j;
		all[n].kind = SD_MATCH_SAME_ID;
		all[n].score = 1.0;
		all[n].evidence = sd_buf_detach(&ev);
		all[n].made = 1;
		n++;
	}
	for (int side = 0; side < 2; side++) {
		sort_any(all, n, sizeof(*all),
			 side ? sd_lineage_store_cmp_hop_b
			      : sd_lineage_store_cmp_hop_a);
		for (size_t q = 0; q < n; q++) {
			struct pstep *p = sd_lineage_stored_step(st);

			p->from = side ? rb : ra;
			p->rule = side ? all[q].b : all[q].a;
			p->dir = !side;
			p->s.type = SD_LINEAGE_HOP;
			p->s.rel = side ? ra : rb;
			p->s.rule = side ? all[q].a : all[q].b;
			p->s.kind = all[q].kind;
			p->s.score = all[q].score;
			p->evidence = sd_xstrdup(all[q].evidence ? all[q].evidence
								 : "");
		}
	}
	for (size_t q = 0; q < n; q++)
		if (all[q].made)
			free(all[q].evidence);
	free(all);
	free(ua);
	free(ub);
	free(ha);
	free(hb);
	free(at_b);
}

/* Read lines/<file>.tsv: its releases as stubs, its hops as steps. */
static int read_line(struct sd_lineage_stored *st,
		     const struct sd_lineage_source *src, const char *file)
{
	struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT, buf = SD_BUF_INIT;
	struct trec *tr = NULL;
	size_t ntr = 0, captr = 0, first = st->n, nrel = 0;
	size_t **tk = NULL;
	struct lhop *h = NULL;
	size_t nh = 0, caph = 0;
	unsigned char **nohop = NULL;
	const char *p, *end;
	unsigned lineno = 0;
	char *f[12];
	size_t n;
	int err, magic = 0;

	sd_buf_addf(&name, "lines/%s.tsv", file);
	if ((err = src->read(src->ctx, name.ptr, &text)) < 0) {
		if (err == SD_ENOTFOUND)
			err = sd_error_set(SD_EPARSE, "%s%s: missing, though "
					   "the index names it",
					   src->where ? src->where : "", name.ptr);
		goto done;
	}
	sd_buf_reset(&name);
	sd_buf_addf(&name, "%slines/%s.tsv", src->where ? src->where : "", file);
	sd_strv_push(&st->loaded, file);
	p = text.ptr;
	end = text.ptr + text.len;
	while (!err && (n = sd_lineage_store_fields(&p, end, &buf, f, 11, &lineno))) {
		const char *what = f[0] ? f[0] : "";
		size_t k, a, b;

		if (!magic) {
			magic = 1;
			if (n != 2 || strcmp(what, "stigdiff-lineage-line") ||
			    !f[1] || strcmp(f[1], "2"))
				err = perr(name.ptr, lineno,
					   "not a stigdiff lineage line file (format 2)");
		} else if (!strcmp(what, "line") && n == 3) {
			/* the key and name */
			sd_lineage_stored_note_kind(st, file, f[1]);
		} else if (!strcmp(what, "release") && n == 10) {
			size_t r;

			if (read_size(f[1], &k) < 0 || k != nrel) {
				err = perr(name.ptr, lineno, "releases out of order");
				break;
			}
			r = sd_lineage_stored_add(st, file, k, 0);
			{
				char *hf[7] = { f[2], f[9], f[4], f[5], f[6],
						f[7], f[8] };

				if (sd_lineage_store_stub_header(st->v[r].b, hf) < 0)
					err = perr(name.ptr, lineno,
						   "a release without numbers");
			}
			tk = sd_xrealloc(tk, (nrel + 1) * sizeof(*tk));
			tk[nrel] = NULL;
			nohop = sd_xrealloc(nohop, (nrel + 1) * sizeof(*nohop));
			nohop[nrel] = NULL;
			nrel++;
		} else if (!strcmp(what, "rule") && n == 11) {
			struct trec *t;

			if (read_size(f[1], &k) < 0 || k != ntr) {
				err = perr(name.ptr, lineno, "rules out of order");
				break;
			}
			SD_ALLOC_GROW(tr, ntr, captr);
			t = &tr[ntr++];
			for (int q = 0; q < 9; q++)
				t->f[q] = dup_or_null(f[2 + q]);
			t->mask = t->f[5] ? atoi(t->f[5]) : 0;
		} else if (!strcmp(what, "rules") && n == 3) {
			struct sd_benchmark *bb;
			size_t cnt = 0;

			if (read_size(f[1], &k) < 0 || k >= nrel || tk[k]) {
				err = perr(name.ptr, lineno, "rules of no release");
				break;
			}
			bb = st->v[first + k].b;
			for (const char *q = f[2] ? f[2] : ""; *q; q++)
				cnt += *q == ',';
			cnt += f[2] && *f[2];
			tk[k] = sd_xcalloc(cnt ? cnt : 1, sizeof(**tk));
			nohop[k] = sd_xcalloc(cnt ? cnt : 1, 1);
			for (char *q = f[2] ? f[2] : ""; *q && !err;) {
				char *c = strchr(q, ',');
				size_t t;

				if (c)
					*c = '\0';
				if (read_size(q, &t) < 0 || t >= ntr) {
					err = perr(name.ptr, lineno,
						   "names no rule record");
					break;
				}
				tk[k][bb->nrules] = t;
				sd_lineage_store_stub_rule(sd_benchmark_add_rule(bb), &tr[t]);
				q = c ? c + 1 : q + strlen(q);
			}
		} else if (!strcmp(what, "hop") && n == 7) {
			int ok = 1;
			struct lhop *x;

			if (read_size(f[1], &k) < 0 || k + 1 >= nrel || !tk[k] ||
			    !tk[k + 1] || read_size(f[2], &a) < 0 ||
			    read_size(f[3], &b) < 0 ||
			    a >= st->v[first + k].b->nrules ||
			    b >= st->v[first + k + 1].b->nrules) {
				err = perr(name.ptr, lineno,
					   "a hop between rules the line does not hold");
				break;
			}
			SD_ALLOC_GROW(h, nh, caph);
			x = &h[nh++];
			x->k = k;
			x->a = a;
			x->b = b;
			x->kind = sd_lineage_store_kind(f[4], &ok);
			x->evidence = sd_xstrdup(f[6] ? f[6] : "");
			if (!ok || sd_lineage_store_score(f[5], &x->score) < 0)
				err = perr(name.ptr, lineno,
					   "a hop without kind or score");
		} else if (!strcmp(what, "nohop") && n == 3) {
			if (read_size(f[1], &k) < 0 || k >= nrel || !nohop[k] ||
			    read_size(f[2], &a) < 0 ||
			    a >= st->v[first + k].b->nrules) {
				err = perr(name.ptr, lineno, "a nohop of no rule");
				break;
			}
			nohop[k][a] = 1;
		} else {
			err = perr(name.ptr, lineno, "not a line record");
		}
	}
	for (size_t k = 0; !err && k < nrel; k++)
		if (!tk[k])
			err = perr(name.ptr, lineno, "a release without its rules");
	/* Hops come by release in the file: each release's run. */
	{
		size_t q = 0;

		for (size_t k = 0; !err && k + 1 < nrel; k++) {
			size_t e = q;

			while (e < nh && h[e].k == k)
				e++;
			sort_any(h + q, e - q, sizeof(*h), sd_lineage_store_cmp_hop_a);
			line_hops(st, first + k, first + k + 1, tk, k, ntr,
				  h + q, e - q, nohop[k]);
			q = e;
		}
		if (!err && q != nh)
			err = perr(name.ptr, lineno, "hops out of release order");
	}
done:
	for (size_t q = 0; q < ntr; q++)
		for (int k = 0; k < 9; k++)
			free(tr[q].f[k]);
	free(tr);
	for (size_t k = 0; k < nrel; k++) {
		free(tk[k]);
		free(nohop[k]);
	}
	free(tk);
	free(nohop);
	for (size_t q = 0; q < nh; q++)
		free(h[q].evidence);
	free(h);
	sd_buf_release(&text);
	sd_buf_release(&name);
	sd_buf_release(&buf);
	return err;
}

/* A target record of a steps file: a release and how to show it. */
struct tgt {
	char *file;
	size_t pos, nrules;
	char *f[8]; /* bench id, title, label, v, r, version, date, source */
};

/* Read steps/<file>.tsv or related/<file>.tsv (`dir`): steps of the
 * line's rules whose other rule is found later. */
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

int sd_lineage_stored_read_steps(struct sd_lineage_stored *st,
				 const struct sd_lineage_source *src,
				 const char *dir, const char *file)
{
	struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT, buf = SD_BUF_INIT;
	struct tgt *tg = NULL;
	size_t ntg = 0, captg = 0;
	const char *p, *end;
	unsigned lineno = 0;
	char *f[16];
	size_t n;
	int err, magic = 0;

	if ((err = sd_lineage_read_file(src, dir, file, &text, &name))) {
		err = err > 0 ? 0 : err;
		goto done;
	}
	p = text.ptr;
	end = text.ptr + text.len;
	while (!err && (n = sd_lineage_store_fields(&p, end, &buf, f, 14, &lineno))) {
		struct pstep *ps;
		size_t pos, rule, from, t;
		int ok = 1, type = -1, d;
		static const char *const types[] = { "cross", "candidate",
						     "sibling", "related" };
		static const enum sd_lineage_step_type tv[] = {
			SD_LINEAGE_CROSS, SD_LINEAGE_CANDIDATE,
			SD_LINEAGE_PEER_SIBLING, SD_LINEAGE_PEER_RELATED
		};

		if (!magic) {
			magic = 1;
			if (n != 2 || !f[0] || strcmp(f[0], "stigdiff-lineage-steps") ||
			    !f[1] || strcmp(f[1], "2"))
				err = perr(name.ptr, lineno,
					   "not a stigdiff lineage steps file (format 2)");
			continue;
		}
		if (n == 13 && f[0] && !strcmp(f[0], "target")) {
			struct tgt *x;

			if (read_size(f[1], &t) < 0 || t != ntg || !f[2] ||
			    read_size(f[3], &pos) < 0 ||
			    read_size(f[12], &rule) < 0 || rule > 1000000) {
				err = perr(name.ptr, lineno, "targets out of order");
				break;
			}
			SD_ALLOC_GROW(tg, ntg, captg);
			x = &tg[ntg++];
			x->file = sd_xstrdup(f[2]);
			x->pos = pos;
			x->nrules = rule;
			for (int k = 0; k < 8; k++)
				x->f[k] = dup_or_null(f[4 + k]);
			continue;
		}
		if (n != 14 || !f[0] || strcmp(f[0], "step") || !f[3] || !f[4]) {
			err = perr(name.ptr, lineno,
						    "expected a step of 14 fields");
			break;
		}
		d = !strcmp(f[3], "fwd") ? 1 : !strcmp(f[3], "back") ? 0
		    : !strcmp(f[3], "peer") ? -1 : 2;
		for (int k = 0; k < 4; k++)
			if (!strcmp(f[4], types[k]))
				type = k;
		if (read_size(f[1], &pos) < 0 || read_size(f[2], &rule) < 0 ||
		    (from = sd_lineage_stored_find(st, file, pos)) == SIZE_MAX ||
		    rule >= st->v[from].b->nrules || d == 2 || type < 0 ||
		    (d < 0) != (type >= 2) || read_size(f[8], &t) < 0 ||
		    t >= ntg) {
			err = perr(name.ptr, lineno,
				   "a step of a rule the line does not hold, or of no known type or target");
			break;
		}
		ps = sd_lineage_stored_step(st);
		ps->from = from;
		ps->rule = rule;
		ps->dir = d;
		ps->s.type = tv[type];
		ps->s.kind = sd_lineage_store_kind(f[5], &ok);
		ps->ofile = sd_xstrdup(tg[t].file);
		ps->opos = tg[t].pos;
		ps->onrules = tg[t].nrules;
		for (int k = 0; k < 8; k++)
			ps->disp[k] = dup_or_null(tg[t].f[k]);
		for (int k = 0; k < 4; k++)
			ps->disp[8 + k] = dup_or_null(f[10 + k]);
		if (!ok || sd_lineage_store_score(f[6], &ps->s.score) < 0 ||
		    read_size(f[9], &ps->orule) < 0) {
			err = perr(name.ptr, lineno,
				   "a step without kind, score or other rule");
			break;
		}
		if (!f[7] && type == 3) {
			/* A related rule's evidence follows from its score. */
			struct sd_buf ev = SD_BUF_INIT;

			sd_lineage_related_evidence(2 * ps->s.score - 1, &ev);
			ps->evidence = sd_buf_detach(&ev);
		} else {
			ps->evidence = sd_xstrdup(f[7] ? f[7] : "");
		}
	}
done:
	for (size_t i = 0; i < ntg; i++) {
		free(tg[i].file);
		for (int k = 0; k < 8; k++)
			free(tg[i].f[k]);
	}
	free(tg);
	sd_buf_release(&text);
	sd_buf_release(&name);
	sd_buf_release(&buf);
	return err;
}

/* The other rule of step ps: in a line read, or a stub of its own. */
int sd_lineage_stored_resolve(struct sd_lineage_stored *st, struct pstep *ps)
{
	size_t r = sd_lineage_stored_find(st, ps->ofile, ps->opos);
	struct sref *o;

	if (r != SIZE_MAX && !st->v[r].foreign) {
		if (ps->orule >= st->v[r].b->nrules)
			return sd_error_set(SD_EPARSE,
					    "lineage: a step names rule %zu of "
					    "%s release %zu, which has %zu",
					    ps->orule, ps->ofile, ps->opos,
					    st->v[r].b->nrules);
		ps->s.rel = r;
		ps->s.rule = ps->orule;
		return 0;
	}
	if (sd_strv_contains(&st->loaded, ps->ofile))
		return sd_error_set(SD_EPARSE, "lineage: a step names release "
				    "%zu of %s, which it does not hold",
				    ps->opos, ps->ofile);
	/* A hop or candidate into a line not read: no trace takes it (the
	 * lines read are those a trace reaches). */
	if (ps->dir >= 0) {
		ps->dropped = 1;
		return 0;
	}
	if (r == SIZE_MAX) {
		char *hf[7] = { ps->disp[0], ps->disp[1], ps->disp[3],
				ps->disp[4], ps->disp[5], ps->disp[6],
				ps->disp[7] };

		r = sd_lineage_stored_add(st, ps->ofile, ps->opos, 1);
		if (sd_lineage_store_stub_header(st->v[r].b, hf) < 0)
			return sd_error_set(SD_EPARSE, "lineage: a step names a "
					    "release of %s without numbers",
					    ps->ofile);
	}
	o = &st->v[r];
	/* A release of a line not read: its rules where they are, those no
	 * step names left empty. */
	if (ps->orule >= ps->onrules)
		return sd_error_set(SD_EPARSE, "lineage: a step names rule %zu "
				    "of %s release %zu, which has %zu",
				    ps->orule, ps->ofile, ps->opos, ps->onrules);
	while (o->b->nrules < ps->onrules)
		sd_benchmark_add_rule(o->b);
	if (!o->b->rules[ps->orule].vuln_id && !o->b->rules[ps->orule].rule_id) {
		struct sd_rule *ru = &o->b->rules[ps->orule];

		ru->vuln_id = dup_or_null(ps->disp[8]);
		ru->rule_id = dup_or_null(ps->disp[9]);
		ru->stig_id = dup_or_null(ps->disp[10]);
		ru->title = dup_or_null(ps->disp[11]);
		sd_rule_derive_ids(ru);
	}
	ps->s.rel = r;
	ps->s.rule = ps->orule;
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

/* Read the files of lines `files`, then make the lineage. */
static int load_lines(struct sd_lineage_stored *st,
		      const struct sd_lineage_source *src,
		      const struct sd_strv *files,
		      const struct sd_lineage_opts *opts)
{
	int err = 0;

	for (size_t i = 0; i < files->n && !err; i++)
		err = read_line(st, src, files->v[i]);
	for (size_t i = 0; i < files->n && !err; i++) {
		err = sd_lineage_stored_read_steps(st, src, "steps", files->v[i]);
		if (!err)
			err = sd_lineage_stored_read_steps(st, src, "related", files->v[i]);
	}
	for (size_t i = 0; i < st->nsteps && !err; i++)
		if (st->steps[i].ofile)
			err = sd_lineage_stored_resolve(st, &st->steps[i]);
	if (err)
		return err;
	return sd_lineage_stored_make(st, opts);
}

int sd_lineage_stored_open_all(const struct sd_lineage_source *src,
			       const struct sd_lineage_index *idx,
			       const struct sd_lineage_opts *opts,
			       struct sd_lineage_stored **out)
{
	struct sd_lineage_stored *st = sd_xcalloc(1, sizeof(*st));
	struct sd_strv want = SD_STRV_INIT;
	int err;

	*out = NULL;
	for (size_t i = 0; i < idx->nlines; i++)
		sd_strv_push(&want, idx->lines[i].file);
	err = load_lines(st, src, &want, opts);
	sd_strv_release(&want);
	if (err < 0)
		sd_lineage_stored_free(st);
	else
		*out = st;
	return err;
}
