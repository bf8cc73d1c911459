/*
 * Checklist migration through the lineage matcher (match.h): a checklist
 * STIG becomes a benchmark of its VULNs' rule data, is mapped against the
 * new benchmark, and the mapping's pairs become the links the migration
 * engine works from. Kept apart from migrate.c so the engine depends on
 * links only.
 */
#include "migrate.h"
#include "error.h"
#include "match.h"

#include <string.h>

void sd_mig_plan_release(struct sd_mig_plan *p)
{
	sd_match_free(p->match);
	sd_benchmark_free(p->old);
	free(p->vuln_of);
	free(p->dup);
	free(p->links);
	memset(p, 0, sizeof(*p));
}

static void add_link(struct sd_mig_plan *p, size_t *cap, size_t old_index,
		     size_t new_index, const struct sd_match_pair *mp,
		     int below)
{
	struct sd_mig_link *l;

	SD_ALLOC_GROW(p->links, p->nlinks, *cap);
	l = &p->links[p->nlinks++];
	l->old_index = old_index;
	l->new_index = new_index;
	l->kind = sd_match_kind_name(below && mp->kind == SD_MATCH_NONE
					     ? SD_MATCH_CONTENT
					     : mp->kind);
	l->split = mp->kind == SD_MATCH_SPLIT;
	l->merge = mp->kind == SD_MATCH_MERGE;
	l->score = mp->score;
	l->below_threshold = below;
	l->evidence = mp->evidence;
	l->conflict = mp->conflict;
}

int sd_mig_plan_make(struct sd_mig_plan *p, const struct sd_cl_stig *s,
		     const struct sd_benchmark *nb,
		     const struct sd_mig_opts *opts)
{
	return sd_mig_plan_make_set(p, s, nb, NULL, opts);
}

int sd_mig_plan_make_set(struct sd_mig_plan *p, const struct sd_cl_stig *s,
			 const struct sd_benchmark *nb,
			 const struct sd_match_set *nb_set,
			 const struct sd_mig_opts *opts)
{
	struct sd_match_opts mo;
	size_t k = 0, cap = 0;
	unsigned char *has = NULL;
	int err;

	memset(p, 0, sizeof(*p));
	memset(&mo, 0, sizeof(mo));
	p->dup = sd_migrate_duplicates(s);
	p->old = sd_cl_stig_benchmark(s);
	p->vuln_of = sd_xcalloc(s->nvulns + 1, sizeof(*p->vuln_of));
	/* Leave duplicates out: the first of each id is the one matched. */
	for (size_t i = 0; i < p->old->nrules; i++) {
		if (p->dup[i] != SD_MIG_NONE) {
			sd_rule_release(&p->old->rules[i]);
			continue;
		}
		if (k != i)
			p->old->rules[k] = p->old->rules[i];
		p->vuln_of[k++] = i;
	}
	p->old->nrules = k;
	p->nold = k;
	mo.trust_declared = opts && opts->trust_declared;
	/* Accepting weaker matches: let the matcher assign them one to one. */
	if (opts && opts->accept_below < SD_MATCH_THRESHOLD) {
		mo.threshold = opts->accept_below > 0 ? opts->accept_below
						      : 1e-9;
		if (mo.threshold < SD_MATCH_REVIEW)
			mo.review = mo.threshold;
	}
	if (nb_set) {
		struct sd_match_set *a = sd_match_set_new(p->old);

		err = sd_match_run_sets(a, nb_set, &mo, &p->match);
		sd_match_set_free(a);
	} else {
		err = sd_match_run(p->old, nb, &mo, &p->match);
	}
	if (err < 0) {
		sd_mig_plan_release(p);
		return err;
	}
	has = sd_xcalloc(k + 1, 1);
	for (size_t i = 0; i < sd_match_count(p->match); i++) {
		const struct sd_match_pair *mp = sd_match_at(p->match, i);
		size_t oi, ni;

		if (!mp->old_rule)
			continue;
		oi = (size_t)(mp->old_rule - p->old->rules);
		if (mp->new_rule) {
			/* Content matched only because accept_below lowered
			 * the threshold: say so. */
			int below = (mp->kind == SD_MATCH_CONTENT ||
				     mp->kind == SD_MATCH_SPLIT ||
				     mp->kind == SD_MATCH_MERGE) &&
				    mp->score < SD_MATCH_THRESHOLD;

			ni = (size_t)(mp->new_rule - nb->rules);
			add_link(p, &cap, p->vuln_of[oi], ni, mp, below);
			has[oi] = 1;
		} else if (mp->candidate && mp->below_threshold) {
			ni = (size_t)(mp->candidate - nb->rules);
			add_link(p, &cap, p->vuln_of[oi], ni, mp, 1);
			if (opts && mp->score >= opts->accept_below)
				has[oi] = 1;
		}
	}
	for (size_t i = 0; i < k; i++)
		p->matched += has[i];
	free(has);
	return 0;
}
