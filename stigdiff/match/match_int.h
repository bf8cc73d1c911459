/*
 * What the matcher's files share: a rule's text as features
 * (match_text.c), the run (match.c) and a mapping as text (match_io.c).
 * Not for other modules: match.h is the interface.
 */
#ifndef SD_MATCH_INT_H
#define SD_MATCH_INT_H

#include <stdint.h>

#include "match.h"

/* qsort(), which must not be given a NULL array even when empty. */
void sd_match_sort(void *base, size_t n, size_t size,
		   int (*cmp)(const void *, const void *));

struct feat {
	uint64_t h;
	float w; /* 1 + log(tf) in a set; normalized weight in a run */
};

/* Sorted distinct features. */
struct fvec {
	struct feat *v;
	size_t n;
};

struct mrule {
	struct fvec f[SD_MATCH_NFIELDS];
};

struct dfent {
	uint64_t h;
	uint32_t df;
};

struct sd_match_set {
	const struct sd_benchmark *b;
	struct mrule *rules;
	struct dfent *df; /* distinct features of all rules, with rule counts */
	size_t ndf;
	struct sd_match_sig *sigs; /* per rule */
};

/*
 * The distinct features of a rule's fields together. Unweighted: each
 * weighs 1. Weighted: the field weights scaled by the square root of the
 * field's share of the score, summed, and the result made unit length.
 */
struct fvec sd_match_merge_fields(const struct fvec f[SD_MATCH_NFIELDS],
				  int weighted);

#define NONE ((size_t)-1)

/* What a pair rests on; its evidence in words is made from it. */
enum {
	WHY_NONE,     /* unmatched: its candidate, if any */
	WHY_CONTENT,  /* content (a split or merge by near-tie too) */
	WHY_RULE_ID,  /* same-id: the rule id */
	WHY_RULE_BASE,
	WHY_VULN_ID,
	WHY_STIG_ID,
	WHY_LEGACY,   /* a legacy ident, see legacy_side and id_at */
	WHY_CURATED
};
/* Which id of the new rule a legacy pair rests on: its vuln id, rule
 * base, or its legacy ident k (ID_AT_LEGACY + k). */
enum { ID_AT_VULN, ID_AT_BASE, ID_AT_LEGACY };

struct ipair {
	struct sd_match_pair p;
	size_t i, j;    /* rule indexes; NONE for none */
	size_t cand;    /* unmatched: the candidate's index, or NONE */
	double content; /* declared: the content score */
	unsigned id_at;
	unsigned char why, legacy_side; /* 1 new, 2 old, 3 both declare */
	unsigned char ties;
	char tie[2];    /* near-ties, 's' split, 'm' merge, in order */
};

struct sd_match {
	const struct sd_benchmark *old, *new;
	struct ipair *pairs;
	size_t n, cap;
	double threshold;
	struct sd_strv strings; /* evidence, owned */
};

/* Make every pair's evidence (and candidate evidence) in words from what
 * it rests on. */
void sd_match_evidence(struct sd_match *m);

/* Field weights of the content score (title, check, fix, discussion). */
extern const double sd_match_field_weight[SD_MATCH_NFIELDS];

#endif
