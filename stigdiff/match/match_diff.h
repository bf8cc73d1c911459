/*
 * sd_diff_run() with the matcher's check of declared ids against content
 * (match.h): a pairing DISA declared (legacy ident, same id, same STIG
 * id) that a content-identical alternative contradicts is not made, and
 * the content pairing is, with evidence SD_PAIR_CONFLICT and both
 * pairings in words as its value. The one way diff, notes and corpus
 * diff pair rules; compare/ sits below match/, so it is here.
 */
#ifndef SD_MATCH_DIFF_H
#define SD_MATCH_DIFF_H

#include "diff.h"

/* Arguments and result as sd_diff_run()'s; trust_declared: pair as
 * declared, the matcher is not run. */
int sd_match_diff(const struct sd_benchmark *old,
		  const struct sd_benchmark *new,
		  const struct sd_diff_opts *opts, int trust_declared,
		  struct sd_diff **out);

#endif
