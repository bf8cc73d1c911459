/*
 * Declared evidence (match.h): pairs that rest on what the benchmarks
 * say rather than on their text, strongest first: curated links, then
 * within one product line the same rule id, rule base or vuln id, legacy
 * idents (a split or merge when several rules name one), the same STIG
 * id. Each pair keeps its content similarity for its evidence.
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
		    r->a_used[ka.v[at].idx])
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

void sd_match_declared(struct mrun *r)
{
	match_curated(r);
	if (r->o->ignore_legacy)
		return;
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
