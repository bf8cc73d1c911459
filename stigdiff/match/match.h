/*
 * Rule matching between two benchmarks: which rule of the old benchmark
 * became which rule of the new one, same product or not, with the kind
 * of evidence, a score and the evidence itself in words.
 *
 * Evidence, strongest first:
 *   curated       a person's decision (struct sd_match_link)
 *   same-id       same rule id, rule base SV-n or vuln id V-n; only within
 *                 one product line (both benchmarks have the same id)
 *   legacy-id     a legacy ident (http://cyber.mil/legacy) of one rule
 *                 names the other, or both carry the same legacy ident
 *   same-stig-id  same STIG id (Rule version), within one product line
 *   content       similarity of title, check, fix and discussion text
 *                 after folding case, punctuation and the product version
 *                 numbers of each benchmark's title ("Exchange 2016" and
 *                 "Exchange 2019" both read "exchange <version>"); SRG and
 *                 CCI agreement add a little, never enough on their own
 * Declared evidence (same-id, legacy-id, same-stig-id) is off with
 * ignore_legacy, so content can be measured against DISA's renumbering.
 *
 * Declared evidence is checked against content (docs/design.md,
 * "Declared ids checked against content"): a declared pair whose content
 * score is at least SD_MATCH_CONFLICT_GAP below a content-identical
 * alternative (a score of SD_MATCH_IDENTICAL or more between one of its
 * rules and a rule that no equally good declaration holds) is a
 * declared conflict. The declaration is set aside, the rules are paired
 * again without it, and every pair holding one of its rules says so
 * (declared_conflict, and the declaration in words in its evidence).
 * trust_declared keeps every declaration, as before.
 *
 * Content candidates come from an inverted index over word and word-pair
 * features of the old rules, weighted by inverse document frequency, so
 * a rule is only ever scored against the few rules sharing its rarer
 * words. Assignment is one-to-one, greedy by score, at or above the
 * threshold (SD_MATCH_THRESHOLD). A rule left over whose best candidate
 * is already taken by a rule it nearly ties with (within the tie margin)
 * is reported as a split (one old, several new) or a merge (several old,
 * one new) instead of being silently dropped.
 */
#ifndef SD_MATCH_H
#define SD_MATCH_H

#include <stddef.h>

#include "buf.h"
#include "xccdf.h"

enum sd_match_kind {
	SD_MATCH_NONE,
	SD_MATCH_SAME_ID,
	SD_MATCH_LEGACY_ID,
	SD_MATCH_SAME_STIG_ID,
	SD_MATCH_CONTENT,
	SD_MATCH_CURATED,
	SD_MATCH_SPLIT,
	SD_MATCH_MERGE
};

/* "none", "same-id", "legacy-id", "same-stig-id", "content", "curated",
 * "split", "merge". */
const char *sd_match_kind_name(enum sd_match_kind k);

/* The matcher's version: mappings kept between runs (lineage) are for
 * one version only. */
#define SD_MATCH_VERSION "3"

/* Default content threshold: combined score at or above it is a match. */
#define SD_MATCH_THRESHOLD 0.5
/* Unmatched rules whose best candidate scores at least this are flagged
 * below_threshold: a person should look. */
#define SD_MATCH_REVIEW 0.25
/* A leftover rule within this of the taken pair's score is a split or
 * merge, not an unmatched rule. */
#define SD_MATCH_TIE 0.1
/* A declared pair is a conflict when its content score is this far below
 * an alternative pairing of one of its rules scoring SD_MATCH_IDENTICAL
 * or more. */
#define SD_MATCH_IDENTICAL 0.95
#define SD_MATCH_CONFLICT_GAP 0.15

/* A person's decision that old_id became new_id (any id form). */
struct sd_match_link {
	const char *old_id;
	const char *new_id;
	const char *reason;
	const char *source;
};

/* Zero-initialised = defaults. */
struct sd_match_opts {
	int ignore_legacy;  /* no declared evidence: content (and curated) only */
	int trust_declared; /* keep declarations content contradicts */
	double threshold;   /* 0: SD_MATCH_THRESHOLD */
	double review;      /* 0: SD_MATCH_REVIEW */
	double tie;         /* 0: SD_MATCH_TIE; negative: no splits/merges */
	const struct sd_match_link *links; /* curated links, borrowed */
	size_t nlinks;
};

/* Per-field similarities behind a content score (0..1, -1: a field was
 * empty on one side and did not count). */
enum { SD_MATCH_F_TITLE, SD_MATCH_F_CHECK, SD_MATCH_F_FIX,
       SD_MATCH_F_DISCUSSION, SD_MATCH_NFIELDS };

/*
 * One row of a mapping. Every rule of both benchmarks appears in at least
 * one pair: matched rules with their partner, unmatched rules with the
 * other side NULL and kind SD_MATCH_NONE. For an unmatched rule,
 * `candidate` is its best content candidate (or NULL), `score` that
 * candidate's score, and below_threshold is set when the score reaches
 * the review level: a content candidate a person should review. A split
 * appears as several pairs with the same old_rule and kind SD_MATCH_SPLIT,
 * a merge likewise with the same new_rule.
 */
struct sd_match_pair {
	const struct sd_rule *old_rule; /* NULL: an unmatched new rule */
	const struct sd_rule *new_rule; /* NULL: an unmatched old rule */
	enum sd_match_kind kind;
	double score;                   /* 0..1 */
	int below_threshold;
	const char *evidence;           /* which fields agreed, values */
	const struct sd_rule *candidate; /* unmatched: best content candidate */
	const char *candidate_evidence;  /* its similarities, as in evidence */
	const struct sd_match_link *link; /* SD_MATCH_CURATED: the link */
	double field[SD_MATCH_NFIELDS]; /* content similarities, -1 unused */
	/* A declaration about one of its rules was set aside because content
	 * contradicts it; `conflict` says which, in words, and the pair's
	 * evidence begins with it. */
	int declared_conflict;
	const char *conflict;
};

struct sd_match;

/*
 * Map `old` to `new`. Borrows both benchmarks (and opts->links), which
 * must outlive *out; the caller frees *out with sd_match_free(). Pairs
 * come in old rule order (a rule's several pairs together), then the
 * unmatched new rules in new rule order. Returns 0, or SD_EUSAGE for a
 * NULL benchmark.
 */
int sd_match_run(const struct sd_benchmark *old, const struct sd_benchmark *new,
		 const struct sd_match_opts *opts, struct sd_match **out);
size_t sd_match_count(const struct sd_match *m);
/* Pair i (borrowed from m). */
const struct sd_match_pair *sd_match_at(const struct sd_match *m, size_t i);
void sd_match_free(struct sd_match *m);

/*
 * A mapping as compact text, appended to `out`: per pair what it rests
 * on (rule indexes, kind, which id or legacy ident, scores and field
 * similarities, numbers that read back exactly), not its evidence in
 * words. sd_match_read() makes it a mapping again between the same two
 * benchmarks (rules in the same order), borrowed as by sd_match_run(),
 * with the evidence made from them as the run made it: the same pairs,
 * word for word. SD_EPARSE when the text is not such a mapping of
 * benchmarks with these rule counts, or holds a curated pair (the link
 * is not written). Lineage keeps mappings so between runs (lineage.h,
 * sd_lineage_cache): about 60 bytes a pair.
 */
void sd_match_write(const struct sd_match *m, struct sd_buf *out);
int sd_match_read(const struct sd_benchmark *old, const struct sd_benchmark *new,
		  const char *data, size_t len, struct sd_match **out);

/*
 * Make `m` a mapping between `old` and `new` instead of the benchmarks it
 * was made between: the same rules in the same order (their ids, SRGs
 * and CCIs, which its evidence names; the texts may be gone). Returns 0,
 * or SD_EUSAGE when the rule counts differ.
 */
int sd_match_rebase(struct sd_match *m, const struct sd_benchmark *old,
		    const struct sd_benchmark *new);

/* The benchmarks the mapping was made between (borrowed). */
const struct sd_benchmark *sd_match_old(const struct sd_match *m);
const struct sd_benchmark *sd_match_new(const struct sd_match *m);

/* Declarations set aside because content contradicts them, and the rules
 * declaration k paired (borrowed from the benchmarks). */
size_t sd_match_conflicts(const struct sd_match *m);
void sd_match_conflict_at(const struct sd_match *m, size_t k,
			  const struct sd_rule **old_rule,
			  const struct sd_rule **new_rule);

/* How many pairs of each kind; [SD_MATCH_NONE] counts both sides. */
void sd_match_counts(const struct sd_match *m, size_t counts[8]);
/* Unmatched old rules and unmatched new rules. */
void sd_match_unmatched(const struct sd_match *m, size_t *old_n,
			size_t *new_n);

/*
 * A benchmark prepared for matching: its rules' text cut into features
 * once, so that one benchmark can be mapped against many without doing
 * it again. Borrows `b`, which must outlive the set.
 */
struct sd_match_set;
struct sd_match_set *sd_match_set_new(const struct sd_benchmark *b);
void sd_match_set_free(struct sd_match_set *s);
const struct sd_benchmark *sd_match_set_benchmark(const struct sd_match_set *s);

/* sd_match_run() on prepared sets; the same result. */
int sd_match_run_sets(const struct sd_match_set *old,
		      const struct sd_match_set *new,
		      const struct sd_match_opts *opts, struct sd_match **out);

/*
 * What a rule looks like at a glance, for finding the same requirement
 * in unrelated products without matching them: a hash of its title with
 * product names folded (match_text.c), and min-hashes of the features of
 * its check and fix text, whose agreement estimates how much of that
 * text two rules share.
 */
#define SD_MATCH_SKETCH 16
struct sd_match_sig {
	unsigned long long title; /* 0: no title */
	unsigned short sketch[SD_MATCH_SKETCH];
	int empty; /* no check or fix text */
};
/* Rule `rule`'s signature (borrowed from s), or NULL past the end. */
const struct sd_match_sig *sd_match_set_sig(const struct sd_match_set *s,
					    size_t rule);
/* The share of check and fix text two signatures estimate in common,
 * 0..1 (0 when either has none). */
double sd_match_sig_similarity(const struct sd_match_sig *a,
			       const struct sd_match_sig *b);

#endif
