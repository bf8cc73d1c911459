/*
 * Declared evidence (match.h): pairs that rest on what the benchmarks
 * say rather than on their text, strongest first: curated links, then
 * within one product line the same rule id, rule base or vuln id, legacy
 * idents (a split or merge when several rules name one), the same STIG
 * id. Each pair keeps its content similarity for its evidence.
 *
 * Then each declaration is checked against content (match.h): one whose
 * content score is far below a content-identical alternative is set
 * aside and the declared passes run again without it, until none is
 * left (a set-aside declaration frees rules another pass may pair).
 */
#include "match_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* Was the declaration pairing old rule i with new rule j set aside? */
static int rejected(const struct mrun *r, size_t i, size_t j)
{
	for (size_t t = 0; t < r->m->nrejected; t++)
		if (r->m->rejected[t].i == i && r->m->rejected[t].j == j)
			return 1;
	return 0;
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
static void match_by_key(struct mrun *r, key_fn key, enum sd_match_kind kind,
			 int why)
{
	const struct sd_benchmark *A = r->A->b, *B = r->B->b;
	struct keys ka = { NULL, 0, 0 }, kb = { NULL, 0, 0 };

	for (size_t i = 0; i < A->nrules; i++)
		keys_add(&ka, key(&A->rules[i]), i, 0);
	for (size_t j = 0; j < B->nrules; j++)
		keys_add(&kb, key(&B->rules[j]), j, 0);
	sd_match_sort(ka.v, ka.n, sizeof(*ka.v), cmp_key);
	sd_match_sort(kb.v, kb.n, sizeof(*kb.v), cmp_key);
	for (size_t j = 0; j < B->nrules; j++) {
		const char *s = key(&B->rules[j]);
		size_t at;

		if (!s || !*s || r->b_used[j])
			continue;
		at = keys_find(&ka, s);
		if (at == ka.n || keys_count(&ka, at, s) != 1 ||
		    keys_count(&kb, keys_find(&kb, s), s) != 1 ||
		    r->a_used[ka.v[at].idx] || rejected(r, ka.v[at].idx, j))
			continue;
		sd_match_add_declared(r, ka.v[at].idx, j, kind, why);
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
static void match_legacy(struct mrun *r)
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
	sd_match_sort(ka.v, ka.n, sizeof(*ka.v), cmp_key);
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
				if (rejected(r, ka.v[at].idx, j))
					continue;
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
		ip = sd_match_add_declared(r, lp[t].i, lp[t].j, kind, WHY_LEGACY);
		ip->legacy_side = (unsigned char)lp[t].side;
		ip->id_at = lp[t].id_at;
	}
	free(lp);
	free(ka.v);
	free(ocount);
	free(ncount);
}

static void match_curated(struct mrun *r)
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
				ip = sd_match_add_declared(r, i, j, SD_MATCH_CURATED,
						  WHY_CURATED);
				ip->p.link = k;
			}
		}
	}
}

/*
 * The best content alternative to a declared pair for one of its rules:
 * for old rule i (new == NONE) the new rules other than j, for new rule
 * j the old rules other than i. A rule is an alternative only when no
 * declaration holds it with a content score near the alternative's
 * (held[] keeps the best declared content score per rule, -1 none).
 * Candidates are those whose signature (title, min-hash of check and
 * fix) looks alike; they are then scored exactly. A rule the same
 * rule is declared to be is an alternative too (one of a split).
 * Returns the score, the
 * rule in *alt (NONE: none).
 */
/* Is old rule i declared to be new rule j (pairs from `from` on)? */
static int declared(const struct mrun *r, size_t from, size_t i, size_t j)
{
	for (size_t t = from; t < r->m->n; t++)
		if (r->m->pairs[t].i == i && r->m->pairs[t].j == j)
			return 1;
	return 0;
}

static double best_alternative(struct mrun *r, size_t from, size_t i, size_t j,
			       int old_side, const double *held, size_t *alt)
{
	const struct sd_match_set *S = old_side ? r->A : r->B;
	const struct sd_match_set *O = old_side ? r->B : r->A;
	const struct sd_match_sig *s = sd_match_set_sig(S, old_side ? i : j);
	size_t n = O->b->nrules, self = old_side ? j : i;
	double best = 0;

	*alt = NONE;
	for (size_t k = 0; k < n; k++) {
		const struct sd_match_sig *o = sd_match_set_sig(O, k);
		struct cand c;

		if (k == self || !((s->title && s->title == o->title) ||
				   sd_match_sig_similarity(s, o) >= 0.5))
			continue;
		if (old_side)
			sd_match_score_pair(r, i, k, &c);
		else
			sd_match_score_pair(r, k, j, &c);
		if (c.score <= best ||
		    (held[k] >= c.score - SD_MATCH_CONFLICT_GAP &&
		     !(old_side ? declared(r, from, i, k)
				: declared(r, from, k, j))))
			continue;
		best = c.score;
		*alt = k;
	}
	return best;
}

/*
 * Set aside the declared pairs (from pair `from` on) that content
 * contradicts; returns how many.
 */
static size_t find_conflicts(struct mrun *r, size_t from)
{
	struct sd_match *m = r->m;
	size_t na = r->A->b->nrules, nb = r->B->b->nrules, found = 0;
	double *held_a = sd_xmalloc((na ? na : 1) * sizeof(*held_a));
	double *held_b = sd_xmalloc((nb ? nb : 1) * sizeof(*held_b));

	for (size_t i = 0; i < na; i++)
		held_a[i] = -1;
	for (size_t j = 0; j < nb; j++)
		held_b[j] = -1;
	for (size_t t = from; t < m->n; t++) {
		const struct ipair *ip = &m->pairs[t];

		if (ip->content > held_a[ip->i])
			held_a[ip->i] = ip->content;
		if (ip->content > held_b[ip->j])
			held_b[ip->j] = ip->content;
	}
	for (size_t t = from; t < m->n; t++) {
		const struct ipair *ip = &m->pairs[t];
		struct rejected *x;
		size_t ai, aj;
		double sa, sb;

		if (ip->content > 1 - SD_MATCH_CONFLICT_GAP)
			continue;
		sa = best_alternative(r, from, ip->i, ip->j, 1, held_b, &aj);
		sb = best_alternative(r, from, ip->i, ip->j, 0, held_a, &ai);
		if (sa < SD_MATCH_IDENTICAL && sb < SD_MATCH_IDENTICAL)
			continue;
		if ((sa >= sb ? sa : sb) - ip->content < SD_MATCH_CONFLICT_GAP)
			continue;
		SD_ALLOC_GROW(m->rejected, m->nrejected, m->caprejected);
		x = &m->rejected[m->nrejected++];
		x->i = ip->i;
		x->j = ip->j;
		x->content = ip->content;
		x->why = ip->why;
		x->legacy_side = ip->legacy_side;
		x->id_at = ip->id_at;
		if (sa >= sb) {
			x->alt = sa;
			x->alt_i = ip->i;
			x->alt_j = aj;
		} else {
			x->alt = sb;
			x->alt_i = ai;
			x->alt_j = ip->j;
		}
		found++;
	}
	free(held_a);
	free(held_b);
	return found;
}

static void declared_passes(struct mrun *r)
{
	if (r->same_line) {
		match_by_key(r, key_rule_id, SD_MATCH_SAME_ID, WHY_RULE_ID);
		match_by_key(r, key_rule_base, SD_MATCH_SAME_ID, WHY_RULE_BASE);
		match_by_key(r, key_vuln_id, SD_MATCH_SAME_ID, WHY_VULN_ID);
	}
	match_legacy(r);
	if (r->same_line)
		match_by_key(r, key_stig_id, SD_MATCH_SAME_STIG_ID,
			     WHY_STIG_ID);
}

/* Rounds of setting aside before the declarations are taken as they are
 * (each round sets aside at least one; a handful is plenty). */
#define CONFLICT_ROUNDS 8

void sd_match_declared(struct mrun *r)
{
	size_t curated;

	match_curated(r);
	if (r->o->ignore_legacy)
		return;
	curated = r->m->n;
	for (int round = 0;; round++) {
		declared_passes(r);
		if (r->o->trust_declared || round == CONFLICT_ROUNDS ||
		    !find_conflicts(r, curated))
			break;
		/* Again without what was set aside. */
		for (size_t t = curated; t < r->m->n; t++) {
			r->a_used[r->m->pairs[t].i]--;
			r->b_used[r->m->pairs[t].j]--;
		}
		r->m->n = curated;
	}
}
