/*
 * diff with the matcher's check of declared ids (match_diff.h): the
 * pairings content contradicts are handed to sd_diff_run() as fixes.
 */
#include "match_diff.h"
#include "match.h"

#include <stdlib.h>

int sd_match_diff(const struct sd_benchmark *old,
		  const struct sd_benchmark *new,
		  const struct sd_diff_opts *opts, int trust_declared,
		  struct sd_diff **out)
{
	struct sd_diff_opts o = { 0 };
	struct sd_match *m = NULL;
	struct sd_diff_fix *fx = NULL;
	size_t n = 0, cap = 0;
	int err;

	if (opts)
		o = *opts;
	if (!trust_declared && sd_match_run(old, new, NULL, &m) == 0 &&
	    sd_match_conflicts(m)) {
		for (size_t t = 0; t < sd_match_count(m); t++) {
			const struct sd_match_pair *p = sd_match_at(m, t);

			if (!p->declared_conflict || !p->old_rule ||
			    !p->new_rule)
				continue;
			SD_ALLOC_GROW(fx, n, cap);
			fx[n++] = (struct sd_diff_fix){
				(size_t)(p->old_rule - old->rules),
				(size_t)(p->new_rule - new->rules), 0,
				p->conflict };
		}
		for (size_t k = 0; k < sd_match_conflicts(m); k++) {
			const struct sd_rule *a, *b;

			sd_match_conflict_at(m, k, &a, &b);
			SD_ALLOC_GROW(fx, n, cap);
			fx[n++] = (struct sd_diff_fix){
				(size_t)(a - old->rules),
				(size_t)(b - new->rules), 1, NULL };
		}
	}
	o.fixes = fx;
	o.nfixes = n;
	err = sd_diff_run(old, new, &o, out);
	free(fx);
	sd_match_free(m);
	return err;
}
