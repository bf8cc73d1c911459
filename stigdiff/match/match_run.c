/*
 * Rule matching between benchmarks, the run (match.h): the vocabulary
 * and weights of both benchmarks (match_score.c), pairs on declared
 * evidence (match_declared.c), then on content (match_content.c), the
 * rules left unmatched with their best candidate, and the evidence in
 * words (match_evidence.c); match_text.c makes text into features.
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
#include "error.h"

#include <stdlib.h>
#include <string.h>

const char *sd_match_kind_name(enum sd_match_kind k)
{
	static const char *const names[] = {
		"none", "same-id", "legacy-id", "same-stig-id", "content",
		"curated", "split", "merge"
	};

	return (unsigned)k < SD_ARRAY_SIZE(names) ? names[k] : "none";
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
	struct mrun r;
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

	sd_match_vocab_make(&r.voc, old, new);
	sd_match_weigh_rules(&r, old, r.voc.a, &r.wa, &r.fa);
	sd_match_weigh_rules(&r, new, r.voc.b, &r.wb, &r.fb);

	r.m->threshold = r.threshold;
	sd_match_declared(&r);
	sd_match_content(&r);
	sd_match_add_unmatched(&r);
	sd_match_sort(r.m->pairs, r.m->n, sizeof(*r.m->pairs), cmp_ipair);
	sd_match_evidence(r.m);

	*out = r.m;
	sd_match_vocab_release(&r.voc);
	sd_match_free_wrules(r.wa, r.fa);
	sd_match_free_wrules(r.wb, r.fb);
	free(r.fall);
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

size_t sd_match_conflicts(const struct sd_match *m)
{
	return m->nrejected;
}

void sd_match_conflict_at(const struct sd_match *m, size_t k,
			  const struct sd_rule **old_rule,
			  const struct sd_rule **new_rule)
{
	*old_rule = &m->old->rules[m->rejected[k].i];
	*new_rule = &m->new->rules[m->rejected[k].j];
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
	free(m->rejected);
	sd_strv_release(&m->strings);
	free(m);
}
