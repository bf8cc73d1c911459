/*
 * What the matcher's files share: a rule's text as features
 * (match_text.c), the run (match_run.c, match_score.c, match_declared.c,
 * match_content.c, match_evidence.c) and a mapping as text (match_io.c).
 * Not for other modules: match.h is the interface.
 */
#ifndef SD_MATCH_INT_H
#define SD_MATCH_INT_H

#include <stdint.h>

#include "match.h"
#include "hash.h"

/* qsort(), which must not be given a NULL array even when empty. */
void sd_match_sort(void *base, size_t n, size_t size,
		   int (*cmp)(const void *, const void *));

struct feat {
	uint64_t h;
	float w; /* 1 + log(tf) in a set; normalized weight in a run */
	/* Where the feature's counts are: its entry in the set's df[] (in a
	 * set), in the run's vocabulary (in a run). Found once per set, so
	 * that a run looks nothing up by hash. */
	uint32_t x;
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
	struct feat *feats; /* the rules' features, one block */
	/* Distinct features of all rules, sorted, with rule counts (each
	 * rule feature's x is its entry here). */
	struct dfent *df;
	size_t ndf;
	struct sd_match_sig *sigs; /* per rule */
};

/* A feature while fields are merged: the weight summed in double. */
struct mfeat {
	uint64_t h;
	double w;
	uint32_t x;
};

/*
 * The distinct features of a rule's fields together, into `out` (room
 * for all the fields' features), `scratch` holding twice that: the field
 * weights scaled by the square root of the field's share of the score,
 * summed, and the result made unit length. Returns how many.
 */
size_t sd_match_merge_fields(const struct fvec f[SD_MATCH_NFIELDS],
			     struct mfeat *scratch, struct feat *out);

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

/* A declaration set aside: old rule i and new rule j as declared pairs
 * them (why, legacy_side, id_at as in ipair), its content score and the
 * content-identical alternative that contradicts it (alt_i, alt_j). */
struct rejected {
	size_t i, j, alt_i, alt_j;
	double content, alt;
	unsigned id_at;
	unsigned char why, legacy_side;
};

struct sd_match {
	const struct sd_benchmark *old, *new;
	struct ipair *pairs;
	size_t n, cap;
	struct rejected *rejected;
	size_t nrejected, caprejected;
	double threshold;
	struct sd_strv strings; /* evidence, owned */
};

/* Make every pair's evidence (and candidate evidence) in words from what
 * it rests on. */
void sd_match_evidence(struct sd_match *m);

/* Field weights of the content score (title, check, fix, discussion). */
extern const double sd_match_field_weight[SD_MATCH_NFIELDS];


/* ---- One run (match_run.c) and its parts ---- */

struct vent {
	uint64_t h;
	uint32_t df;
	float idf;
	uint32_t post; /* first posting, in the inverted index */
	uint32_t npost;
};

/* The distinct features of both sets, sorted: the old set's df entry k
 * is v[a[k]], the new set's v[b[k]]. */
struct vocab {
	struct vent *v;
	size_t n;
	uint32_t *a, *b;
	double ndocs;
};

/* A rule's vectors weighted for one run. */
struct wrule {
	struct fvec f[SD_MATCH_NFIELDS];
	struct fvec all; /* only for rules left to content matching (in the
			    run's block fall) */
};

struct cand {
	size_t i, j; /* old, new rule */
	double score;
	double field[SD_MATCH_NFIELDS];
};

struct mrun {
	const struct sd_match_set *A, *B;
	const struct sd_match_opts *o;
	double threshold, review, tie;
	int same_line;
	struct vocab voc;
	struct wrule *wa, *wb;
	struct feat *fa, *fb; /* the features of wa, wb */
	struct feat *fall;    /* the whole-rule vectors (all) of both */
	int *a_used, *b_used; /* pairs each rule is in */
	struct cand *cands;
	size_t ncands, capcands;
	struct sd_match *m;
};

/* match_score.c: the vocabulary of sets a (old) and b (new), idf
 * computed. */
void sd_match_vocab_make(struct vocab *v, const struct sd_match_set *a,
			 const struct sd_match_set *b);
void sd_match_vocab_release(struct vocab *v);
/* The rules of `s` weighted by the run's vocabulary (`map`: the
 * vocabulary's a or b), into *out, their features in one block *feats
 * (both freed with sd_match_free_wrules()). */
void sd_match_weigh_rules(struct mrun *r, const struct sd_match_set *s,
			  const uint32_t *map, struct wrule **out,
			  struct feat **feats);
void sd_match_free_wrules(struct wrule *w, struct feat *feats);
/* Do two rules share a CCI, name the same SRG? */
int sd_match_shares_cci(const struct sd_rule *a, const struct sd_rule *b);
int sd_match_same_srg(const struct sd_rule *a, const struct sd_rule *b);
/* The content score of old rule i and new rule j, fields into c. */
void sd_match_score_pair(struct mrun *r, size_t i, size_t j, struct cand *c);
/* A pair of the result (i or j NONE: unmatched), counted as using its
 * rules; sd_match_add_declared() one of score 1 resting on `why`, its
 * content similarity kept for its evidence. */
struct ipair *sd_match_add_pair(struct mrun *r, size_t i, size_t j,
				enum sd_match_kind kind, double score);
struct ipair *sd_match_add_declared(struct mrun *r, size_t i, size_t j,
				    enum sd_match_kind kind, int why);

/* match_declared.c: the pairs declared evidence makes. */
void sd_match_declared(struct mrun *r);
/* match_content.c: the content pairs among the rules left free, then a
 * pair for each rule left unmatched, with its best candidate. */
void sd_match_content(struct mrun *r);
void sd_match_add_unmatched(struct mrun *r);

#endif
