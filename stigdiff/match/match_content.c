/*
 * Content matching (match.h): among the rules declared evidence left
 * free, candidates found through an inverted index of the old rules'
 * whole-rule vectors and scored exactly (match_score.c), paired one to
 * one best first; a free rule nearly tying with a taken pair, and
 * covering what its partner lacks, joins it as a split or merge. The
 * rules left unmatched keep their best candidate.
 */
#include "match_int.h"

#include <stdlib.h>
#include <string.h>

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
			struct vent *e = &v->v[vecs[i]->v[k].x];

			if (e->df <= cap)
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
			struct vent *e = &v->v[vecs[i]->v[k].x];

			if (e->df <= cap) {
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
		const struct vent *e = &v->v[q->v[k].x];

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
static void content_candidates(struct mrun *r)
{
	size_t na = r->A->b->nrules, nb = r->B->b->nrules;
	struct fvec **vecs = sd_xcalloc(na ? na : 1, sizeof(*vecs));
	struct postings p;
	struct acc a;
	struct hit *hits = sd_xmalloc((na ? na : 1) * sizeof(*hits));

	struct mfeat *scratch;
	size_t total = 0, most = 0, at = 0;

	/* Whole-rule vectors only for the rules left to content matching,
	 * in one block (fall) for the run. */
	for (int side = 0; side < 2; side++)
		for (size_t i = 0; i < (side ? nb : na); i++) {
			const struct wrule *w = side ? &r->wb[i] : &r->wa[i];
			size_t t = 0;

			if (side ? r->b_used[i] : r->a_used[i])
				continue;
			for (int f = 0; f < SD_MATCH_NFIELDS; f++)
				t += w->f[f].n;
			total += t;
			if (t > most)
				most = t;
		}
	r->fall = sd_xmalloc((total ? total : 1) * sizeof(*r->fall));
	scratch = sd_xmalloc((most ? 2 * most : 1) * sizeof(*scratch));
	for (size_t i = 0; i < na; i++) {
		if (!r->a_used[i]) {
			r->wa[i].all.v = r->fall + at;
			r->wa[i].all.n = sd_match_merge_fields(r->wa[i].f, scratch,
							       r->fall + at);
			at += r->wa[i].all.n;
		}
		vecs[i] = &r->wa[i].all;
	}
	build_postings(&r->voc, vecs, na, &p);
	a.v = sd_xcalloc(na ? na : 1, sizeof(*a.v));
	a.touched = sd_xmalloc((na ? na : 1) * sizeof(*a.touched));
	for (size_t j = 0; j < nb; j++) {
		size_t nh = 0;

		if (r->b_used[j])
			continue;
		r->wb[j].all.v = r->fall + at;
		r->wb[j].all.n = sd_match_merge_fields(r->wb[j].f, scratch,
						       r->fall + at);
		at += r->wb[j].all.n;
		a.ntouched = 0;
		query_postings(&r->voc, &p, &r->wb[j].all, &a);
		for (size_t t = 0; t < a.ntouched; t++) {
			size_t i = a.touched[t];

			hits[nh].rule = i;
			hits[nh].score = a.v[i];
			nh++;
			a.v[i] = 0;
		}
		sd_match_sort(hits, nh, sizeof(*hits), cmp_hit_desc);
		for (size_t t = 0; t < nh && t < CANDIDATES; t++) {
			SD_ALLOC_GROW(r->cands, r->ncands, r->capcands);
			sd_match_score_pair(r, hits[t].rule, j, &r->cands[r->ncands]);
			if (r->cands[r->ncands].score > 0)
				r->ncands++;
		}
	}
	sd_match_sort(r->cands, r->ncands, sizeof(*r->cands), cmp_cand);
	free(p.rule);
	free(p.w);
	free(a.v);
	free(a.touched);
	free(hits);
	free(vecs);
	free(scratch);
}

static struct ipair *add_content(struct mrun *r, const struct cand *c,
				 enum sd_match_kind kind)
{
	struct ipair *ip = sd_match_add_pair(r, c->i, c->j, kind, c->score);

	memcpy(ip->p.field, c->field, sizeof(c->field));
	ip->why = WHY_CONTENT;
	return ip;
}

/* The content pair holding old rule i (new rule j when i is NONE). */
static struct ipair *content_pair_of(struct mrun *r, size_t i, size_t j)
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
	return got >= SPLIT_COVER && got >= SPLIT_COVER_SHARE * lack;
}

static void match_content(struct mrun *r)
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
void sd_match_add_unmatched(struct mrun *r)
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
			ip = side ? sd_match_add_pair(r, NONE, x, SD_MATCH_NONE, 0)
				  : sd_match_add_pair(r, x, NONE, SD_MATCH_NONE, 0);
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

void sd_match_content(struct mrun *r)
{
	content_candidates(r);
	match_content(r);
}
