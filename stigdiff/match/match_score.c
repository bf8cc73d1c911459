/*
 * One run's scoring (match_int.h): the vocabulary of both benchmarks
 * (feature -> document frequency, idf), each rule's fields weighted by
 * it (term frequency 1 + log tf times idf, unit length), the content
 * score of a pair of rules (field cosines, weighted, with the supporting
 * evidence of a shared SRG or CCI), and the pairs of the run's result.
 */
#include "match_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/*
 * The vocabulary of a run: the sorted distinct features of both sets
 * merged (each set's df[] is sorted), document frequencies summed, and
 * where each set's entries went. No feature is looked up by hash: a
 * rule's feature knows its set entry (x), the set entry its vocabulary
 * entry.
 */
void sd_match_vocab_make(struct vocab *v, const struct sd_match_set *a,
			 const struct sd_match_set *b)
{
	size_t i = 0, j = 0, n = 0, cap = a->ndf + b->ndf;

	v->v = sd_xmalloc((cap ? cap : 1) * sizeof(*v->v));
	v->a = sd_xmalloc((a->ndf ? a->ndf : 1) * sizeof(*v->a));
	v->b = sd_xmalloc((b->ndf ? b->ndf : 1) * sizeof(*v->b));
	while (i < a->ndf || j < b->ndf) {
		struct vent *e = &v->v[n];

		memset(e, 0, sizeof(*e));
		if (j == b->ndf || (i < a->ndf && a->df[i].h < b->df[j].h)) {
			e->h = a->df[i].h;
			e->df = a->df[i].df;
			v->a[i++] = (uint32_t)n;
		} else if (i == a->ndf || b->df[j].h < a->df[i].h) {
			e->h = b->df[j].h;
			e->df = b->df[j].df;
			v->b[j++] = (uint32_t)n;
		} else {
			e->h = a->df[i].h;
			e->df = a->df[i].df + b->df[j].df;
			v->a[i++] = (uint32_t)n;
			v->b[j++] = (uint32_t)n;
		}
		n++;
	}
	v->n = n;
	v->ndocs = (double)a->b->nrules + (double)b->b->nrules;
	for (size_t k = 0; k < v->n; k++)
		v->v[k].idf = (float)log(1.0 + (v->ndocs + 1.0) /
						   (v->v[k].df + 1.0));
}

void sd_match_vocab_release(struct vocab *v)
{
	free(v->v);
	free(v->a);
	free(v->b);
	v->v = NULL;
	v->a = v->b = NULL;
}

/*
 * Weighted, unit-length copy of `in` into `out` (tf weight times idf),
 * each feature's x its vocabulary entry (`map` of its set entry). An
 * empty input gives an empty vector.
 */
static void weigh(const struct vocab *v, const uint32_t *map,
		  const struct fvec *in, struct feat *out)
{
	double norm = 0;

	for (size_t k = 0; k < in->n; k++) {
		uint32_t x = map[in->v[k].x];
		double idf = v->v[x].idf;
		double w = in->v[k].w * idf;

		out[k].h = in->v[k].h;
		out[k].w = (float)w;
		out[k].x = x;
		norm += w * w;
	}
	norm = sqrt(norm);
	for (size_t k = 0; k < in->n; k++)
		out[k].w = norm > 0 ? (float)(out[k].w / norm) : 0;
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

void sd_match_weigh_rules(struct mrun *r, const struct sd_match_set *s,
			  const uint32_t *map, struct wrule **out,
			  struct feat **feats)
{
	size_t n = s->b->nrules, total = 0, at = 0;

	*out = sd_xcalloc(n ? n : 1, sizeof(**out));
	for (size_t i = 0; i < n; i++)
		for (int f = 0; f < SD_MATCH_NFIELDS; f++)
			total += s->rules[i].f[f].n;
	*feats = sd_xmalloc((total ? total : 1) * sizeof(**feats));
	for (size_t i = 0; i < n; i++) {
		for (int f = 0; f < SD_MATCH_NFIELDS; f++) {
			const struct fvec *in = &s->rules[i].f[f];

			if (!in->n)
				continue;
			weigh(&r->voc, map, in, *feats + at);
			(*out)[i].f[f].v = *feats + at;
			(*out)[i].f[f].n = in->n;
			at += in->n;
		}
	}
}

void sd_match_free_wrules(struct wrule *w, struct feat *feats)
{
	free(feats);
	free(w);
}

int sd_match_shares_cci(const struct sd_rule *a, const struct sd_rule *b)
{
	for (size_t i = 0; i < a->ccis.n; i++)
		if (sd_strv_contains(&b->ccis, a->ccis.v[i]))
			return 1;
	return 0;
}

int sd_match_same_srg(const struct sd_rule *a, const struct sd_rule *b)
{
	return a->srg && b->srg && !strcmp(a->srg, b->srg);
}

/* The content score of old rule i and new rule j, fields into c. */
void sd_match_score_pair(struct mrun *r, size_t i, size_t j, struct cand *c)
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
		sum += sd_match_field_weight[f] * v;
		wsum += sd_match_field_weight[f];
	}
	c->score = wsum > 0 ? sum / (wsum < MIN_FIELD_WEIGHT ? MIN_FIELD_WEIGHT
							  : wsum)
			    : 0;
	if (c->score >= BONUS_FLOOR) {
		if (sd_match_same_srg(a, b))
			c->score += SRG_BONUS;
		if (sd_match_shares_cci(a, b))
			c->score += CCI_BONUS;
	}
	if (c->score > 1)
		c->score = 1;
}

struct ipair *sd_match_add_pair(struct mrun *r, size_t i, size_t j,
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
struct ipair *sd_match_add_declared(struct mrun *r, size_t i, size_t j,
				  enum sd_match_kind kind, int why)
{
	struct ipair *ip = sd_match_add_pair(r, i, j, kind, 1.0);
	struct cand c;

	sd_match_score_pair(r, i, j, &c);
	memcpy(ip->p.field, c.field, sizeof(c.field));
	ip->content = c.score;
	ip->why = (unsigned char)why;
	return ip;
}
