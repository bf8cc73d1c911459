/*
 * Rule matching between benchmarks; see match.h for the evidence and the
 * rules of assignment, match_text.c for how text becomes features.
 *
 * Features are weighted by term frequency (1 + log tf) times inverse
 * document frequency over the rules of both benchmarks, per field; field
 * similarity is the cosine of those vectors. Evidence is not written
 * while matching: each pair records what it rests on (which id, which
 * legacy ident, the similarities, near-ties) and the words are made
 * from that at the end, the same way for a mapping read back from its
 * compact text (match_io.c).
 */
#include "match_int.h"
#include "buf.h"
#include "error.h"
#include "hash.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#define sort_any sd_match_sort
#define field_weight sd_match_field_weight

static const char *const field_name[SD_MATCH_NFIELDS] = {
	"title", "check-content", "fix-text", "discussion"
};
/*
 * The combined score divides by the weight of the fields present on both
 * sides, but never by less than this: a rule pair that shares only a
 * title scores at most 0.3 / 0.5 = 0.6, so a bare title match stays weak.
 */
#define MIN_FIELD_WEIGHT 0.5
/* Supporting evidence: added to a content score that has some already. */
#define SRG_BONUS 0.03
#define CCI_BONUS 0.02
#define BONUS_FLOOR 0.3
/*
 * The discussion counts at most this much above the best of title, check
 * and fix: DISA copies one discussion onto neighbouring rules (every
 * Send connector rule of an Exchange STIG), which must not carry a pair
 * whose titles and checks differ.
 */
#define DISCUSSION_LEAD 0.3
/* Content candidates scored exactly, per new rule. */
#define CANDIDATES 6
/*
 * A second partner makes a split (or merge) only when it covers what the
 * first leaves out: at least this share of the rule's weight the first
 * partner lacks, and at least this part of what it lacks...
 */
#define SPLIT_COVER 0.05
#define SPLIT_COVER_SHARE 0.3
/* ...unless the second partner is as close as the first, within this:
 * one text twice (DISA repeating a rule under two SRGs). */
#define SPLIT_TWIN 0.03

const char *sd_match_kind_name(enum sd_match_kind k)
{
	static const char *const names[] = {
		"none", "same-id", "legacy-id", "same-stig-id", "content",
		"curated", "split", "merge"
	};

	return (unsigned)k < SD_ARRAY_SIZE(names) ? names[k] : "none";
}

/* ---- Vocabulary: feature -> document frequency ---- */

struct vent {
	uint64_t h;
	uint32_t df;
	float idf;
	uint32_t post; /* first posting, in the inverted index */
	uint32_t npost;
};

/* The distinct features, found by their hash (the feature itself). */
struct vocab {
	struct vent *v;
	size_t n, cap;
	struct sd_htab t;
	double ndocs;
};

/* A vocabulary for about `expect` distinct features; it grows past that. */
static void vocab_init(struct vocab *v, size_t expect)
{
	v->cap = expect ? expect : 1;
	v->v = sd_xmalloc(v->cap * sizeof(*v->v));
	v->n = 0;
	sd_htab_init(&v->t, expect);
	v->ndocs = 0;
}

static struct vent *vocab_find(const struct vocab *v, uint64_t h)
{
	size_t pos, k = sd_htab_find(&v->t, h, &pos);

	return k ? &v->v[k - 1] : NULL;
}

static void vocab_add(struct vocab *v, uint64_t h, uint32_t df)
{
	struct vent *e = vocab_find(v, h);

	if (e) {
		e->df += df;
		return;
	}
	SD_ALLOC_GROW(v->v, v->n, v->cap);
	e = &v->v[v->n];
	memset(e, 0, sizeof(*e));
	e->h = h;
	e->df = df;
	sd_htab_put(&v->t, h, v->n++);
}

static void vocab_add_set(struct vocab *v, const struct sd_match_set *s)
{
	for (size_t i = 0; i < s->ndf; i++)
		vocab_add(v, s->df[i].h, s->df[i].df);
	v->ndocs += (double)s->b->nrules;
}

static void vocab_finish(struct vocab *v)
{
	for (size_t i = 0; i < v->n; i++)
		v->v[i].idf = (float)log(1.0 + (v->ndocs + 1.0) /
						   (v->v[i].df + 1.0));
}

static void vocab_release(struct vocab *v)
{
	free(v->v);
	v->v = NULL;
	sd_htab_release(&v->t);
}

/*
 * Weighted, unit-length copy of `in` (tf weight times idf); features
 * missing from the vocabulary count as seen once. Returns the vector;
 * an empty input gives an empty vector.
 */
static struct fvec weigh(const struct vocab *v, const struct fvec *in)
{
	struct fvec out = { NULL, 0 };
	double norm = 0;

	if (!in->n)
		return out;
	out.v = sd_xmalloc(in->n * sizeof(*out.v));
	out.n = in->n;
	for (size_t k = 0; k < in->n; k++) {
		const struct vent *e = vocab_find(v, in->v[k].h);
		double idf = e ? e->idf
			       : log(1.0 + (v->ndocs + 1.0) / 1.0);
		double w = in->v[k].w * idf;

		out.v[k].h = in->v[k].h;
		out.v[k].w = (float)w;
		norm += w * w;
	}
	norm = sqrt(norm);
	for (size_t k = 0; k < out.n; k++)
		out.v[k].w = norm > 0 ? (float)(out.v[k].w / norm) : 0;
	return out;
}

static double cosine(const struct fvec *a, const struct fvec *b)
{
	double dot = 0;
	size_t i = 0, j = 0;

	while (i < a->n && j < b->n) {
		if (a->v[i].h < b->v[j].h) {
			i++;
		} else if (a->v[i].h > b->v[j].h) {
			j++;
		} else {
			dot += (double)a->v[i].w * b->v[j].w;
			i++;
			j++;
		}
	}
	return dot > 1 ? 1 : dot;
}

/* ---- A run ---- */

/* A rule's vectors weighted for one run. */
struct wrule {
	struct fvec f[SD_MATCH_NFIELDS];
	struct fvec all; /* only for rules left to content matching */
};

struct cand {
	size_t i, j; /* old, new rule */
	double score;
	double field[SD_MATCH_NFIELDS];
};

struct run {
	const struct sd_match_set *A, *B;
	const struct sd_match_opts *o;
	double threshold, review, tie;
	int same_line;
	struct vocab voc;
	struct wrule *wa, *wb;
	int *a_used, *b_used; /* pairs each rule is in */
	struct cand *cands;
	size_t ncands, capcands;
	struct sd_match *m;
};


static void weigh_rules(struct run *r, const struct sd_match_set *s,
			struct wrule **out)
{
	size_t n = s->b->nrules;

	*out = sd_xcalloc(n, sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		for (int f = 0; f < SD_MATCH_NFIELDS; f++)
			(*out)[i].f[f] = weigh(&r->voc, &s->rules[i].f[f]);
	}
}

static void free_wrules(struct wrule *w, size_t n)
{
	if (!w)
		return;
	for (size_t i = 0; i < n; i++) {
		for (int f = 0; f < SD_MATCH_NFIELDS; f++)
			free(w[i].f[f].v);
		free(w[i].all.v);
	}
	free(w);
}

static int shares_cci(const struct sd_rule *a, const struct sd_rule *b)
{
	for (size_t i = 0; i < a->ccis.n; i++)
		if (sd_strv_contains(&b->ccis, a->ccis.v[i]))
			return 1;
	return 0;
}

static int same_srg(const struct sd_rule *a, const struct sd_rule *b)
{
	return a->srg && b->srg && !strcmp(a->srg, b->srg);
}

/* The content score of old rule i and new rule j, fields into c. */
static void score_pair(struct run *r, size_t i, size_t j, struct cand *c)
{
	const struct sd_rule *a = &r->A->b->rules[i], *b = &r->B->b->rules[j];
	double sum = 0, wsum = 0;

	double lead = -1;

	c->i = i;
	c->j = j;
	for (int f = 0; f < SD_MATCH_NFIELDS; f++) {
		double v;

		if (!r->wa[i].f[f].n || !r->wb[j].f[f].n) {
			c->field[f] = -1;
			continue;
		}
		v = c->field[f] = cosine(&r->wa[i].f[f], &r->wb[j].f[f]);
		if (f != SD_MATCH_F_DISCUSSION && v > lead)
			lead = v;
		if (f == SD_MATCH_F_DISCUSSION && lead >= 0 &&
		    v > lead + DISCUSSION_LEAD)
			v = lead + DISCUSSION_LEAD;
		sum += field_weight[f] * v;
		wsum += field_weight[f];
	}
	c->score = wsum > 0 ? sum / (wsum < MIN_FIELD_WEIGHT ? MIN_FIELD_WEIGHT
							  : wsum)
			    : 0;
	if (c->score >= BONUS_FLOOR) {
		if (same_srg(a, b))
			c->score += SRG_BONUS;
		if (shares_cci(a, b))
			c->score += CCI_BONUS;
	}
	if (c->score > 1)
		c->score = 1;
}

static struct ipair *add_pair(struct run *r, size_t i, size_t j,
			      enum sd_match_kind kind, double score)
{
	struct sd_match *m = r->m;
	struct ipair *ip;

	SD_ALLOC_GROW(m->pairs, m->n, m->cap);
	ip = &m->pairs[m->n++];
	memset(ip, 0, sizeof(*ip));
	ip->i = i;
	ip->j = j;
	ip->cand = NONE;
	ip->p.old_rule = i != NONE ? &r->A->b->rules[i] : NULL;
	ip->p.new_rule = j != NONE ? &r->B->b->rules[j] : NULL;
	ip->p.kind = kind;
	ip->p.score = score;
	for (int f = 0; f < SD_MATCH_NFIELDS; f++)
		ip->p.field[f] = -1;
	if (i != NONE)
		r->a_used[i]++;
	if (j != NONE)
		r->b_used[j]++;
	return ip;
}

/* A declared pair: score 1, the content similarity kept for evidence. */
static struct ipair *add_declared(struct run *r, size_t i, size_t j,
				  enum sd_match_kind kind, int why)
{
	struct ipair *ip = add_pair(r, i, j, kind, 1.0);
	struct cand c;

	score_pair(r, i, j, &c);
	memcpy(ip->p.field, c.field, sizeof(c.field));
	ip->content = c.score;
	ip->why = (unsigned char)why;
	return ip;
}

/* ---- Declared evidence ---- */

struct key {
	const char *s;
	size_t idx;
	int legacy;  /* the key is a legacy ident of its rule */
	unsigned at; /* which id of its rule (ID_AT_*, or a legacy's) */
};

static int cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcasecmp(x->s, y->s);

	if (c)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

struct keys {
	struct key *v;
	size_t n, cap;
};

static void keys_add(struct keys *k, const char *s, size_t idx, int legacy)
{
	if (!s || !*s)
		return;
	SD_ALLOC_GROW(k->v, k->n, k->cap);
	k->v[k->n].s = s;
	k->v[k->n].idx = idx;
	k->v[k->n].legacy = legacy;
	k->v[k->n].at = 0;
	k->n++;
}

/* First entry with key s, or k->n. */
static size_t keys_find(const struct keys *k, const char *s)
{
	size_t lo = 0, hi = k->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcasecmp(k->v[mid].s, s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k->n && !strcasecmp(k->v[lo].s, s) ? lo : k->n;
}

/* Rules holding key s in k (distinct rules). */
static size_t keys_count(const struct keys *k, size_t at, const char *s)
{
	size_t n = 0, last = NONE;

	for (; at < k->n && !strcasecmp(k->v[at].s, s); at++)
		if (k->v[at].idx != last) {
			n++;
			last = k->v[at].idx;
		}
	return n;
}

typedef const char *(*key_fn)(const struct sd_rule *r);
static const char *key_rule_id(const struct sd_rule *r) { return r->rule_id; }
static const char *key_rule_base(const struct sd_rule *r) { return r->rule_base; }
static const char *key_vuln_id(const struct sd_rule *r) { return r->vuln_id; }
static const char *key_stig_id(const struct sd_rule *r) { return r->stig_id; }

/*
 * Pair free rules whose `key` is equal and unique on both sides (a key
 * two rules of one benchmark share proves nothing).
 */
static void match_by_key(struct run *r, key_fn key, enum sd_match_kind kind,
			 int why)
{
	const struct sd_benchmark *A = r->A->b, *B = r->B->b;
	struct keys ka = { NULL, 0, 0 }, kb = { NULL, 0, 0 };

	for (size_t i = 0; i < A->nrules; i++)
		keys_add(&ka, key(&A->rules[i]), i, 0);
	for (size_t j = 0; j < B->nrules; j++)
		keys_add(&kb, key(&B->rules[j]), j, 0);
	sort_any(ka.v, ka.n, sizeof(*ka.v), cmp_key);
	sort_any(kb.v, kb.n, sizeof(*kb.v), cmp_key);
	for (size_t j = 0; j < B->nrules; j++) {
		const char *s = key(&B->rules[j]);
		size_t at;

		if (!s || !*s || r->b_used[j])
			continue;
		at = keys_find(&ka, s);
		if (at == ka.n || keys_count(&ka, at, s) != 1 ||
		    keys_count(&kb, keys_find(&kb, s), s) != 1 ||
		    r->a_used[ka.v[at].idx])
			continue;
		add_declared(r, ka.v[at].idx, j, kind, why);
	}
	free(ka.v);
	free(kb.v);
}

struct lpair {
	size_t i, j;
	unsigned id_at; /* the id: of the new rule, ID_AT_* or a legacy's */
	int side; /* 1: the new rule declares it, 2: the old, 3: both */
};

/*
 * Legacy idents: a new rule's legacy id naming an old rule's V- or SV-
 * id, an old rule's naming a new rule's, or both carrying the same one.
 * Several new rules naming one old rule are a split, the reverse a merge.
 */
static void match_legacy(struct run *r)
{
	const struct sd_benchmark *A = r->A->b, *B = r->B->b;
	struct keys ka = { NULL, 0, 0 };
	struct lpair *lp = NULL;
	size_t nlp = 0, caplp = 0;
	size_t *ocount = sd_xcalloc(A->nrules, sizeof(*ocount));
	size_t *ncount = sd_xcalloc(B->nrules, sizeof(*ncount));

	for (size_t i = 0; i < A->nrules; i++) {
		const struct sd_rule *a = &A->rules[i];

		if (r->a_used[i])
			continue;
		keys_add(&ka, a->vuln_id, i, 0);
		keys_add(&ka, a->rule_base, i, 0);
		for (size_t k = 0; k < a->legacy.n; k++)
			keys_add(&ka, a->legacy.v[k], i, 1);
	}
	sort_any(ka.v, ka.n, sizeof(*ka.v), cmp_key);
	for (size_t j = 0; j < B->nrules; j++) {
		const struct sd_rule *b = &B->rules[j];
		struct keys kj = { NULL, 0, 0 };

		if (r->b_used[j])
			continue;
		keys_add(&kj, b->vuln_id, j, 0);
		if (kj.n)
			kj.v[kj.n - 1].at = ID_AT_VULN;
		keys_add(&kj, b->rule_base, j, 0);
		if (kj.n && kj.v[kj.n - 1].s == b->rule_base)
			kj.v[kj.n - 1].at = ID_AT_BASE;
		for (size_t k = 0; k < b->legacy.n; k++) {
			keys_add(&kj, b->legacy.v[k], j, 1);
			if (kj.n && kj.v[kj.n - 1].s == b->legacy.v[k])
				kj.v[kj.n - 1].at = ID_AT_LEGACY + (unsigned)k;
		}
		for (size_t q = 0; q < kj.n; q++) {
			size_t at = keys_find(&ka, kj.v[q].s);

			for (; at < ka.n && !strcasecmp(ka.v[at].s, kj.v[q].s);
			     at++) {
				int side = (kj.v[q].legacy ? 1 : 0) |
					   (ka.v[at].legacy ? 2 : 0);
				int dup = 0;

				if (!side)
					continue; /* plain id: same-id's job */
				for (size_t t = 0; t < nlp; t++)
					if (lp[t].i == ka.v[at].idx &&
					    lp[t].j == j)
						dup = 1;
				if (dup)
					continue;
				SD_ALLOC_GROW(lp, nlp, caplp);
				lp[nlp].i = ka.v[at].idx;
				lp[nlp].j = j;
				lp[nlp].id_at = kj.v[q].at;
				lp[nlp].side = side;
				nlp++;
				ocount[ka.v[at].idx]++;
				ncount[j]++;
			}
		}
		free(kj.v);
	}
	for (size_t t = 0; t < nlp; t++) {
		enum sd_match_kind kind = SD_MATCH_LEGACY_ID;
		struct ipair *ip;

		if (ocount[lp[t].i] > 1)
			kind = SD_MATCH_SPLIT;
		else if (ncount[lp[t].j] > 1)
			kind = SD_MATCH_MERGE;
		ip = add_declared(r, lp[t].i, lp[t].j, kind, WHY_LEGACY);
		ip->legacy_side = (unsigned char)lp[t].side;
		ip->id_at = lp[t].id_at;
	}
	free(lp);
	free(ka.v);
	free(ocount);
	free(ncount);
}

static void match_curated(struct run *r)
{
	const struct sd_benchmark *A = r->A->b, *B = r->B->b;

	for (size_t l = 0; l < r->o->nlinks; l++) {
		const struct sd_match_link *k = &r->o->links[l];

		for (size_t i = 0; i < A->nrules; i++) {
			if (r->a_used[i] || !sd_rule_has_id(&A->rules[i],
							    k->old_id))
				continue;
			for (size_t j = 0; j < B->nrules; j++) {
				struct ipair *ip;

				if (r->b_used[j] ||
				    !sd_rule_has_id(&B->rules[j], k->new_id))
					continue;
				ip = add_declared(r, i, j, SD_MATCH_CURATED,
						  WHY_CURATED);
				ip->p.link = k;
			}
		}
	}
}

/* ---- Content ---- */

struct acc {
	double *v;
	size_t *touched;
	size_t ntouched;
};

/* An old rule the index found for a new one, with its dot product. */
struct hit {
	size_t rule;
	double score;
};

static int cmp_hit_desc(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/*
 * The inverted index of one run: postings of every old rule's weighted
 * whole-rule vector, per feature, skipping features so common that they
 * would make the index all-pairs (they carry little weight anyway).
 */
struct postings {
	size_t *rule;
	float *w;
};

static size_t df_cap(double ndocs)
{
	size_t cap = (size_t)(ndocs / 5);

	return cap < 8 ? 8 : cap;
}

static void build_postings(struct vocab *v, struct fvec *const *vecs,
			   size_t n, struct postings *p)
{
	size_t cap = df_cap(v->ndocs), total = 0, at = 0;

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < vecs[i]->n; k++) {
			struct vent *e = vocab_find(v, vecs[i]->v[k].h);

			if (e && e->df <= cap)
				e->npost++;
		}
	for (size_t t = 0; t < v->n; t++) {
		v->v[t].post = (uint32_t)at;
		at += v->v[t].npost;
		v->v[t].npost = 0;
	}
	total = at;
	p->rule = sd_xmalloc((total ? total : 1) * sizeof(*p->rule));
	p->w = sd_xmalloc((total ? total : 1) * sizeof(*p->w));
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < vecs[i]->n; k++) {
			struct vent *e = vocab_find(v, vecs[i]->v[k].h);

			if (e && e->df <= cap) {
				p->rule[e->post + e->npost] = i;
				p->w[e->post + e->npost] = vecs[i]->v[k].w;
				e->npost++;
			}
		}
}

/* Accumulate q's dot products with the indexed vectors into a. */
static void query_postings(const struct vocab *v, const struct postings *p,
			   const struct fvec *q, struct acc *a)
{
	for (size_t k = 0; k < q->n; k++) {
		const struct vent *e = vocab_find(v, q->v[k].h);

		if (!e)
			continue;
		for (uint32_t t = e->post; t < e->post + e->npost; t++) {
			size_t i = p->rule[t];

			if (a->v[i] == 0)
				a->touched[a->ntouched++] = i;
			a->v[i] += (double)q->v[k].w * p->w[t];
		}
	}
}

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (x->i != y->i)
		return x->i < y->i ? -1 : 1;
	return x->j < y->j ? -1 : x->j > y->j;
}

/* Candidate pairs among the rules declared evidence left free. */
static void content_candidates(struct run *r)
{
	size_t na = r->A->b->nrules, nb = r->B->b->nrules;
	struct fvec **vecs = sd_xcalloc(na ? na : 1, sizeof(*vecs));
	struct postings p;
	struct acc a;
	struct hit *hits = sd_xmalloc((na ? na : 1) * sizeof(*hits));

	/* Whole-rule vectors only for the rules left to content matching. */
	for (size_t i = 0; i < na; i++) {
		if (!r->a_used[i])
			r->wa[i].all = sd_match_merge_fields(r->wa[i].f, 1);
		vecs[i] = &r->wa[i].all;
	}
	build_postings(&r->voc, vecs, na, &p);
	a.v = sd_xcalloc(na ? na : 1, sizeof(*a.v));
	a.touched = sd_xmalloc((na ? na : 1) * sizeof(*a.touched));
	for (size_t j = 0; j < nb; j++) {
		size_t nh = 0;

		if (r->b_used[j])
			continue;
		r->wb[j].all = sd_match_merge_fields(r->wb[j].f, 1);
		a.ntouched = 0;
		query_postings(&r->voc, &p, &r->wb[j].all, &a);
		for (size_t t = 0; t < a.ntouched; t++) {
			size_t i = a.touched[t];

			hits[nh].rule = i;
			hits[nh].score = a.v[i];
			nh++;
			a.v[i] = 0;
		}
		sort_any(hits, nh, sizeof(*hits), cmp_hit_desc);
		for (size_t t = 0; t < nh && t < CANDIDATES; t++) {
			SD_ALLOC_GROW(r->cands, r->ncands, r->capcands);
			score_pair(r, hits[t].rule, j, &r->cands[r->ncands]);
			if (r->cands[r->ncands].score > 0)
				r->ncands++;
		}
	}
	sort_any(r->cands, r->ncands, sizeof(*r->cands), cmp_cand);
	free(p.rule);
	free(p.w);
	free(a.v);
	free(a.touched);
	free(hits);
	free(vecs);
}

static struct ipair *add_content(struct run *r, const struct cand *c,
				 enum sd_match_kind kind)
{
	struct ipair *ip = add_pair(r, c->i, c->j, kind, c->score);

	memcpy(ip->p.field, c->field, sizeof(c->field));
	ip->why = WHY_CONTENT;
	return ip;
}

/* The content pair holding old rule i (new rule j when i is NONE). */
static struct ipair *content_pair_of(struct run *r, size_t i, size_t j)
{
	for (size_t t = 0; t < r->m->n; t++) {
		struct ipair *ip = &r->m->pairs[t];
		enum sd_match_kind k = ip->p.kind;

		if (k != SD_MATCH_CONTENT && k != SD_MATCH_SPLIT &&
		    k != SD_MATCH_MERGE)
			continue;
		if ((i != NONE && ip->i == i) || (j != NONE && ip->j == j))
			return ip;
	}
	return NULL;
}

/* Mark a pair that became part of a split or merge (its evidence says
 * so first). */
static void mark_split(struct ipair *ip, enum sd_match_kind k)
{
	if (ip->p.kind == k)
		return;
	if (ip->p.kind == SD_MATCH_CONTENT)
		ip->p.kind = k;
	if (ip->ties < SD_ARRAY_SIZE(ip->tie))
		ip->tie[ip->ties++] = k == SD_MATCH_SPLIT ? 's' : 'm';
}

/*
 * Does `second` cover what `first` leaves out of `x`? Their whole-rule
 * vectors: the weight of x's features `first` lacks, and how much of it
 * `second` has. A second partner as close as the first (one text twice,
 * DISA repeating a rule) counts as covering.
 */
static int covers(const struct fvec *x, const struct fvec *first,
		  const struct fvec *second, double first_score,
		  double second_score)
{
	double lack = 0, got = 0;
	size_t i = 0, j = 0, k = 0;

	if (second_score >= first_score - SPLIT_TWIN)
		return 1;
	for (; i < x->n; i++) {
		uint64_t h = x->v[i].h;
		double w = (double)x->v[i].w * x->v[i].w;

		while (j < first->n && first->v[j].h < h)
			j++;
		if (j < first->n && first->v[j].h == h)
			continue;
		lack += w;
		while (k < second->n && second->v[k].h < h)
			k++;
		if (k < second->n && second->v[k].h == h)
			got += w;
	}
	if (getenv("SD_DEBUG_SPLIT"))
		fprintf(stderr, "covers: %.3f vs %.3f lack %.3f got %.3f\n",
			first_score, second_score, lack, got);
	return got >= SPLIT_COVER && got >= SPLIT_COVER_SHARE * lack;
}

static void match_content(struct run *r)
{
	/* One-to-one, best score first. */
	for (size_t t = 0; t < r->ncands; t++) {
		const struct cand *c = &r->cands[t];

		if (c->score < r->threshold)
			break;
		if (r->a_used[c->i] || r->b_used[c->j])
			continue;
		add_content(r, c, SD_MATCH_CONTENT);
	}
	if (r->tie < 0)
		return;
	/*
	 * Leftovers: a free rule whose best candidate is taken by a pair it
	 * nearly ties with, and which covers what that pair's partner does
	 * not, joins the pair as a split or a merge.
	 */
	for (size_t t = 0; t < r->ncands; t++) {
		const struct cand *c = &r->cands[t];
		struct ipair *taken;

		if (c->score < r->threshold)
			break;
		if (!r->b_used[c->j] && r->a_used[c->i]) {
			taken = content_pair_of(r, c->i, NONE);
			if (taken && c->score >= taken->p.score - r->tie &&
			    covers(&r->wa[c->i].all, &r->wb[taken->j].all,
				   &r->wb[c->j].all, taken->p.score, c->score)) {
				mark_split(taken, SD_MATCH_SPLIT);
				mark_split(add_content(r, c, SD_MATCH_CONTENT),
					   SD_MATCH_SPLIT);
			}
		} else if (!r->a_used[c->i] && r->b_used[c->j]) {
			taken = content_pair_of(r, NONE, c->j);
			if (taken && c->score >= taken->p.score - r->tie &&
			    covers(&r->wb[c->j].all, &r->wa[taken->i].all,
				   &r->wa[c->i].all, taken->p.score, c->score)) {
				mark_split(taken, SD_MATCH_MERGE);
				mark_split(add_content(r, c, SD_MATCH_CONTENT),
					   SD_MATCH_MERGE);
			}
		}
	}
}

/* Unmatched rules, each with its best content candidate if any. */
static void add_unmatched(struct run *r)
{
	size_t na = r->A->b->nrules, nb = r->B->b->nrules;
	size_t *best_a = sd_xmalloc((na ? na : 1) * sizeof(*best_a));
	size_t *best_b = sd_xmalloc((nb ? nb : 1) * sizeof(*best_b));
	int *a_matched = sd_xmalloc((na ? na : 1) * sizeof(int));
	int *b_matched = sd_xmalloc((nb ? nb : 1) * sizeof(int));

	/* Candidates are sorted best first: the first seen is the best. */
	for (size_t i = 0; i < na; i++) {
		best_a[i] = NONE;
		a_matched[i] = r->a_used[i];
	}
	for (size_t j = 0; j < nb; j++) {
		best_b[j] = NONE;
		b_matched[j] = r->b_used[j];
	}
	for (size_t t = 0; t < r->ncands; t++) {
		if (best_a[r->cands[t].i] == NONE)
			best_a[r->cands[t].i] = t;
		if (best_b[r->cands[t].j] == NONE)
			best_b[r->cands[t].j] = t;
	}
	for (int side = 0; side < 2; side++) {
		size_t n = side ? nb : na;

		for (size_t x = 0; x < n; x++) {
			size_t bi = side ? best_b[x] : best_a[x];
			const struct cand *c = bi != NONE ? &r->cands[bi] : NULL;
			struct ipair *ip;

			if (side ? b_matched[x] : a_matched[x])
				continue;
			ip = side ? add_pair(r, NONE, x, SD_MATCH_NONE, 0)
				  : add_pair(r, x, NONE, SD_MATCH_NONE, 0);
			ip->why = WHY_NONE;
			if (!c)
				continue;
			ip->cand = side ? c->i : c->j;
			ip->p.candidate = side ? &r->A->b->rules[c->i]
					       : &r->B->b->rules[c->j];
			ip->p.score = c->score;
			ip->p.below_threshold = c->score >= r->review;
			memcpy(ip->p.field, c->field, sizeof(c->field));
		}
	}
	free(best_a);
	free(best_b);
	free(a_matched);
	free(b_matched);
}

/* ---- Evidence in words ---- */

/* "title 0.98, check-content 1.00, ...; same SRG ...; shared CCI" */
static void describe(const struct sd_rule *a, const struct sd_rule *b,
		     const double field[SD_MATCH_NFIELDS], struct sd_buf *out)
{
	int any = 0;

	for (int f = 0; f < SD_MATCH_NFIELDS; f++) {
		if (field[f] < 0)
			sd_buf_addf(out, "%s%s empty", any++ ? ", " : "",
				    field_name[f]);
		else
			sd_buf_addf(out, "%s%s %.2f", any++ ? ", " : "",
				    field_name[f], field[f]);
	}
	if (same_srg(a, b))
		sd_buf_addf(out, "; same SRG %s", a->srg);
	else if (a->srg && b->srg)
		sd_buf_addf(out, "; SRG %s vs %s", a->srg, b->srg);
	if (a->ccis.n && b->ccis.n)
		sd_buf_addf(out, shares_cci(a, b) ? "; shared CCI"
						  : "; no shared CCI");
}

static const char *keep(struct sd_match *m, struct sd_buf *b)
{
	char *s = sd_buf_detach(b);

	sd_strv_push_owned(&m->strings, s);
	return s;
}

/* The id of new rule b a legacy pair rests on. */
static const char *legacy_id(const struct sd_rule *b, unsigned at)
{
	if (at == ID_AT_VULN)
		return b->vuln_id;
	if (at == ID_AT_BASE)
		return b->rule_base;
	at -= ID_AT_LEGACY;
	return at < b->legacy.n ? b->legacy.v[at] : "?";
}

/* Why a declared pair holds, appended to `ev`. */
static void declared_why(const struct ipair *ip, struct sd_buf *ev)
{
	const struct sd_rule *a = ip->p.old_rule, *b = ip->p.new_rule;
	const struct sd_match_link *k = ip->p.link;

	switch (ip->why) {
	case WHY_RULE_ID:
		sd_buf_addf(ev, "same rule id %s", b->rule_id);
		break;
	case WHY_RULE_BASE:
	case WHY_VULN_ID:
		sd_buf_addf(ev, "same %s %s",
			    ip->why == WHY_RULE_BASE ? "rule base" : "vuln id",
			    ip->why == WHY_RULE_BASE ? b->rule_base : b->vuln_id);
		if (a->rule_rev && b->rule_rev &&
		    strcmp(a->rule_rev, b->rule_rev))
			sd_buf_addf(ev, ", revision %s -> %s", a->rule_rev,
				    b->rule_rev);
		break;
	case WHY_STIG_ID:
		sd_buf_addf(ev, "same STIG id %s", b->stig_id);
		break;
	case WHY_LEGACY:
		sd_buf_addf(ev, "%s%s %s",
			    ip->p.kind == SD_MATCH_LEGACY_ID ? "" : "legacy id; ",
			    ip->legacy_side == 1   ? "new rule declares legacy id"
			    : ip->legacy_side == 2 ? "old rule declares legacy id"
						   : "both declare legacy id",
			    legacy_id(b, ip->id_at));
		break;
	case WHY_CURATED:
		sd_buf_addf(ev, "curated link %s -> %s: %s (source: %s)",
			    k->old_id, k->new_id, k->reason ? k->reason : "",
			    k->source ? k->source : "");
		break;
	}
}

void sd_match_evidence(struct sd_match *m)
{
	size_t na = m->old->nrules, nb = m->new->nrules;
	char *a_matched = sd_xcalloc(na ? na : 1, 1);
	char *b_matched = sd_xcalloc(nb ? nb : 1, 1);
	struct sd_buf ev = SD_BUF_INIT;

	for (size_t t = 0; t < m->n; t++)
		if (m->pairs[t].p.kind != SD_MATCH_NONE) {
			a_matched[m->pairs[t].i] = 1;
			b_matched[m->pairs[t].j] = 1;
		}
	for (size_t t = 0; t < m->n; t++) {
		struct ipair *ip = &m->pairs[t];
		const struct sd_rule *other;
		const char *cev;

		sd_buf_reset(&ev);
		if (ip->p.kind == SD_MATCH_NONE) {
			ip->p.candidate_evidence = NULL;
			if (ip->cand == NONE) {
				sd_buf_addstr(&ev, "no content candidate");
				ip->p.evidence = keep(m, &ev);
				continue;
			}
			other = ip->p.candidate;
			if (ip->i != NONE)
				describe(ip->p.old_rule, other, ip->p.field, &ev);
			else
				describe(other, ip->p.new_rule, ip->p.field, &ev);
			cev = ip->p.candidate_evidence = keep(m, &ev);
			sd_buf_addf(&ev, "best candidate %s %s %.2f, ",
				    other->vuln_id ? other->vuln_id : "?",
				    other->stig_id ? other->stig_id : "",
				    ip->p.score);
			if (ip->i != NONE ? b_matched[ip->cand]
					  : a_matched[ip->cand])
				sd_buf_addstr(&ev, "matched elsewhere (");
			else
				sd_buf_addf(&ev, "below threshold %.2f (",
					    m->threshold);
			sd_buf_addf(&ev, "%s)", cev);
			ip->p.evidence = keep(m, &ev);
			continue;
		}
		if (ip->why == WHY_CONTENT) {
			for (size_t k = ip->ties; k-- > 0;)
				sd_buf_addstr(&ev, ip->tie[k] == 's'
							   ? "split: near-tie; "
							   : "merge: near-tie; ");
			describe(ip->p.old_rule, ip->p.new_rule, ip->p.field, &ev);
		} else {
			declared_why(ip, &ev);
			sd_buf_addf(&ev, "; content %.2f (", ip->content);
			describe(ip->p.old_rule, ip->p.new_rule, ip->p.field, &ev);
			sd_buf_addch(&ev, ')');
		}
		ip->p.evidence = keep(m, &ev);
	}
	sd_buf_release(&ev);
	free(a_matched);
	free(b_matched);
}

static int cmp_ipair(const void *a, const void *b)
{
	const struct ipair *x = a, *y = b;
	size_t xi = x->i, yi = y->i; /* NONE sorts last */

	if (xi != yi)
		return xi < yi ? -1 : 1;
	if (x->j != y->j)
		return x->j < y->j ? -1 : 1;
	return 0;
}

int sd_match_run_sets(const struct sd_match_set *old,
		      const struct sd_match_set *new,
		      const struct sd_match_opts *opts, struct sd_match **out)
{
	static const struct sd_match_opts defaults;
	struct run r;
	size_t na, nb;

	*out = NULL;
	if (!old || !new)
		return sd_error_set(SD_EUSAGE, "no benchmark to match");
	memset(&r, 0, sizeof(r));
	r.A = old;
	r.B = new;
	r.o = opts ? opts : &defaults;
	r.threshold = r.o->threshold > 0 ? r.o->threshold : SD_MATCH_THRESHOLD;
	r.review = r.o->review > 0 ? r.o->review : SD_MATCH_REVIEW;
	r.tie = r.o->tie ? r.o->tie : SD_MATCH_TIE;
	r.same_line = old->b->id && new->b->id && !strcmp(old->b->id,
							  new->b->id);
	na = old->b->nrules;
	nb = new->b->nrules;
	r.m = sd_xcalloc(1, sizeof(*r.m));
	r.m->old = old->b;
	r.m->new = new->b;
	r.a_used = sd_xcalloc(na ? na : 1, sizeof(int));
	r.b_used = sd_xcalloc(nb ? nb : 1, sizeof(int));

	vocab_init(&r.voc, old->ndf + new->ndf);
	vocab_add_set(&r.voc, old);
	vocab_add_set(&r.voc, new);
	vocab_finish(&r.voc);
	weigh_rules(&r, old, &r.wa);
	weigh_rules(&r, new, &r.wb);

	r.m->threshold = r.threshold;
	match_curated(&r);
	if (!r.o->ignore_legacy) {
		if (r.same_line) {
			match_by_key(&r, key_rule_id, SD_MATCH_SAME_ID,
				     WHY_RULE_ID);
			match_by_key(&r, key_rule_base, SD_MATCH_SAME_ID,
				     WHY_RULE_BASE);
			match_by_key(&r, key_vuln_id, SD_MATCH_SAME_ID,
				     WHY_VULN_ID);
		}
		match_legacy(&r);
		if (r.same_line)
			match_by_key(&r, key_stig_id, SD_MATCH_SAME_STIG_ID,
				     WHY_STIG_ID);
	}
	content_candidates(&r);
	match_content(&r);
	add_unmatched(&r);
	sort_any(r.m->pairs, r.m->n, sizeof(*r.m->pairs), cmp_ipair);
	sd_match_evidence(r.m);

	*out = r.m;
	vocab_release(&r.voc);
	free_wrules(r.wa, na);
	free_wrules(r.wb, nb);
	free(r.a_used);
	free(r.b_used);
	free(r.cands);
	return 0;
}

int sd_match_run(const struct sd_benchmark *old, const struct sd_benchmark *new,
		 const struct sd_match_opts *opts, struct sd_match **out)
{
	struct sd_match_set *a, *b;
	int err;

	*out = NULL;
	if (!old || !new)
		return sd_error_set(SD_EUSAGE, "no benchmark to match");
	a = sd_match_set_new(old);
	b = sd_match_set_new(new);
	err = sd_match_run_sets(a, b, opts, out);
	sd_match_set_free(a);
	sd_match_set_free(b);
	return err;
}

size_t sd_match_count(const struct sd_match *m)
{
	return m ? m->n : 0;
}

const struct sd_match_pair *sd_match_at(const struct sd_match *m, size_t i)
{
	return m && i < m->n ? &m->pairs[i].p : NULL;
}

int sd_match_rebase(struct sd_match *m, const struct sd_benchmark *old,
		    const struct sd_benchmark *new)
{
	if (old->nrules != m->old->nrules || new->nrules != m->new->nrules)
		return sd_error_set(SD_EUSAGE, "not the same rules");
	for (size_t t = 0; t < m->n; t++) {
		struct ipair *ip = &m->pairs[t];

		ip->p.old_rule = ip->i != NONE ? &old->rules[ip->i] : NULL;
		ip->p.new_rule = ip->j != NONE ? &new->rules[ip->j] : NULL;
		if (ip->cand != NONE)
			ip->p.candidate = ip->i != NONE ? &new->rules[ip->cand]
							: &old->rules[ip->cand];
	}
	m->old = old;
	m->new = new;
	return 0;
}

const struct sd_benchmark *sd_match_old(const struct sd_match *m)
{
	return m->old;
}

const struct sd_benchmark *sd_match_new(const struct sd_match *m)
{
	return m->new;
}

void sd_match_counts(const struct sd_match *m, size_t counts[8])
{
	for (int k = 0; k < 8; k++)
		counts[k] = 0;
	for (size_t t = 0; t < m->n; t++)
		counts[m->pairs[t].p.kind]++;
}

void sd_match_unmatched(const struct sd_match *m, size_t *old_n,
			size_t *new_n)
{
	*old_n = *new_n = 0;
	for (size_t t = 0; t < m->n; t++) {
		if (m->pairs[t].p.kind != SD_MATCH_NONE)
			continue;
		if (m->pairs[t].p.old_rule)
			(*old_n)++;
		else
			(*new_n)++;
	}
}

void sd_match_free(struct sd_match *m)
{
	if (!m)
		return;
	free(m->pairs);
	sd_strv_release(&m->strings);
	free(m);
}

