/*
 * Checklist migration: carry the assessment of one checklist STIG over to
 * a new benchmark (a new release, or a successor product), rule by rule,
 * with a decision and its evidence for every rule, and a report in which
 * every old rule whose work did not land appears in full.
 *
 * The engine does not find matches itself: it takes links between old
 * rules (the STIG's VULNs, by index) and new rules (the benchmark's, by
 * index), as the lineage matcher produces them (migrate_match.c turns
 * sd_match pairs into links), and decides what to carry:
 *
 *   carried                check text unchanged, or changed only
 *                          cosmetically (spacing, quotes, punctuation
 *                          spacing, letter case: diff's classifier) unless
 *                          opts->strict: status, details, comments,
 *                          override carried
 *   carried-check-changed  check text changed: details, comments and
 *                          override carried, status reset to Not_Reviewed
 *                          (kept with keep_status_on_change); the old
 *                          status is recorded in COMMENTS
 *   split                  one old rule became several: carried to each
 *   merged                 several old rules became one: their work
 *                          combined
 *   review                 only a content match below the threshold: not
 *                          carried, listed for review
 *   new                    a new rule with no predecessor: Not_Reviewed
 *   dropped                an old rule with no successor
 *   duplicate              a second VULN with the same rule id: not
 *                          carried, reported
 */
#ifndef SD_MIGRATE_H
#define SD_MIGRATE_H

#include <stdio.h>

#include "buf.h"
#include "checklist.h"
#include "xccdf.h"

enum sd_mig_decision {
	SD_MIG_CARRIED = 0,
	SD_MIG_CARRIED_CHECK_CHANGED,
	SD_MIG_SPLIT,
	SD_MIG_MERGED,
	SD_MIG_REVIEW,
	SD_MIG_NEW,
	SD_MIG_DROPPED,
	SD_MIG_DUPLICATE,
	SD_MIG_NDECISIONS
};

/* "carried", "carried-check-changed", ... */
const char *sd_mig_decision_name(enum sd_mig_decision d);

#define SD_MIG_NONE ((size_t)-1)

/* One link the matcher found between an old and a new rule. */
struct sd_mig_link {
	size_t old_index;    /* VULN index in the old STIG */
	size_t new_index;    /* rule index in the new benchmark */
	const char *kind;    /* the matcher's name: "same-id", "content", ... */
	int split, merge;    /* part of a one-to-many or many-to-one match */
	double score;        /* 0..1 */
	int below_threshold; /* a content match too weak to carry silently */
	const char *evidence;
	const char *conflict; /* a declaration set aside (match.h), or NULL */
};

struct sd_mig_opts {
	int keep_status_on_change;
	/* Carry below-threshold links scoring at least this (1.1: none). */
	double accept_below;
	int trust_declared; /* keep declarations content contradicts */
	/* Cosmetic and case-only check changes reset statuses too. */
	int strict;
	/* DISA's release the checklist STIG was assessed against (borrowed),
	 * whose check texts the gate compares; NULL: the checklist's own
	 * copies, mojibake repaired. Per STIG: sd_migrate_stig() reads it. */
	const struct sd_benchmark *old_release;
};
#define SD_MIG_OPTS_INIT { 0, 1.1, 0, 0, NULL }

/* One row of the report: one decision about one old or new rule. */
struct sd_mig_row {
	enum sd_mig_decision decision;
	struct sd_cl_vuln old;      /* a copy of the old rule (empty: none) */
	int has_old;
	const struct sd_rule *new_rule; /* in the new benchmark, or NULL */
	char *kind;                 /* matcher's kind, or NULL */
	double score;
	int below_threshold;
	char *evidence;
	char *conflict;             /* a declaration set aside, or NULL */
	int check_changed;          /* by diff's classifier (the gate) */
	unsigned check_cosmetic;    /* SD_COSMETIC_* of a change let pass */
	char *check_diff;           /* changed: the check's word diff lines */
	const char *check_source;   /* where the old check text came from */
	char *override_pending;     /* the override carried, pending: why */
	char *status_before, *status_after;
	char *note;                 /* anything else worth saying */
};

/* What happened to one STIG of the checklist. */
struct sd_mig_stig {
	char *old_id, *old_vr, *old_title;
	char *new_id, *new_vr, *new_title;
	int migrated;       /* 0: left unchanged (see `reason`) */
	int cross_product;  /* benchmark ids differ */
	char *reason;
	struct sd_mig_row *rows;
	size_t nrows, cap;
	size_t count[SD_MIG_NDECISIONS];
	size_t lost_work;   /* old rules holding assessment, not landed */
	size_t status_reset;
};

struct sd_mig_report {
	char *source;  /* the old checklist */
	char *output;  /* the new checklist, or NULL */
	struct sd_mig_stig *stigs;
	size_t nstigs, cap;
};

/* Free what one row of a report holds (not the row itself). */
void sd_mig_row_release(struct sd_mig_row *w);
void sd_mig_report_release(struct sd_mig_report *r);
/* Append an empty STIG entry (borrowed). */
struct sd_mig_stig *sd_mig_report_add(struct sd_mig_report *r);
struct sd_json;
/* Set a STIG's "counts" (per decision), "status-reset" and
 * "not-carried-with-data" in JSON object `o` (migration and fleet
 * reports alike). */
void sd_mig_stig_counts_json(const struct sd_mig_stig *s, struct sd_json *o);

/*
 * Old rules that repeat an earlier rule's id in `s` (same Rule_ID, else
 * same Vuln_Num): dup[i] is the index of the first one, or SD_MIG_NONE.
 * The caller frees the array (s->nvulns entries).
 */
size_t *sd_migrate_duplicates(const struct sd_cl_stig *s);

/*
 * Migrate STIG `s` of a checklist to benchmark `nb` (borrowed, must
 * outlive `out`) through `links`: s's rules are replaced by one rule per
 * rule of `nb` with the carried assessment, its STIG_INFO takes the new
 * benchmark's identity (classification, customname and unknown entries
 * stay), and `out` (an entry from sd_mig_report_add) gets a row for every
 * decision. `dup` is from sd_migrate_duplicates(s) (NULL: none); links
 * naming a duplicate are ignored.
 */
void sd_migrate_stig(struct sd_cl_stig *s, const struct sd_benchmark *nb,
		     const struct sd_mig_link *links, size_t nlinks,
		     const size_t *dup, const struct sd_mig_opts *opts,
		     struct sd_mig_stig *out);

/* Record that `s` was left as it was, and why. */
void sd_migrate_unchanged(const struct sd_cl_stig *s, const char *reason,
			  struct sd_mig_stig *out);

/* ---- links from the lineage matcher (migrate_match.c) ---- */

struct sd_match;

/*
 * What the matcher says about one checklist STIG and one new benchmark:
 * the STIG as a benchmark (duplicate VULNs left out), the mapping, and
 * its pairs as links (they borrow the mapping's evidence text).
 */
struct sd_mig_plan {
	struct sd_benchmark *old;
	struct sd_match *match;
	size_t *vuln_of;   /* old benchmark rule -> VULN index */
	size_t *dup;       /* from sd_migrate_duplicates() */
	struct sd_mig_link *links;
	size_t nlinks;
	size_t nold;       /* old rules matched against (no duplicates) */
	size_t matched;    /* of those, with a successor the engine accepts */
};

/*
 * Match STIG `s` against `nb` (both borrowed; they must outlive the plan)
 * and fill `p`. With opts->accept_below under the matcher's threshold,
 * content matches down to that score are made one to one and marked
 * below_threshold. Returns 0 or a negative SD_E* code.
 */
int sd_mig_plan_make(struct sd_mig_plan *p, const struct sd_cl_stig *s,
		     const struct sd_benchmark *nb,
		     const struct sd_mig_opts *opts);
/* The same with `nb` prepared for matching once (sd_match_set_new(nb),
 * borrowed), for many checklists against one benchmark. */
struct sd_match_set;
int sd_mig_plan_make_set(struct sd_mig_plan *p, const struct sd_cl_stig *s,
			 const struct sd_benchmark *nb,
			 const struct sd_match_set *nb_set,
			 const struct sd_mig_opts *opts);
void sd_mig_plan_release(struct sd_mig_plan *p);

/*
 * Why the assessor must look at row `w` again, appended to `why` as
 * reasons separated by "; " (check changed, severity raised from CAT x
 * to CAT y, rule split, rule merged, new rule); the number of reasons,
 * 0 when the row needs no re-check. Is its old rule's work not carried
 * (review, dropped, duplicate)?
 */
int sd_mig_row_recheck(const struct sd_mig_row *w, struct sd_buf *why);
int sd_mig_row_lost(const struct sd_mig_row *w);

/* ---- the fleet report (migrate_fleet.c) ---- */

enum sd_fleet_format { SD_FLEET_MARKDOWN, SD_FLEET_JSON, SD_FLEET_CSV };
struct sd_fleet;
/*
 * A fleet report written to `fp` (borrowed): CSV rows as each
 * checklist is added, Markdown and JSON by sd_fleet_finish(). Add each
 * checklist's migration report (only read) or its problem.
 */
struct sd_fleet *sd_fleet_new(enum sd_fleet_format format, FILE *fp);
void sd_fleet_add(struct sd_fleet *f, const char *source, const char *output,
		  const char *asset, const struct sd_mig_report *r);
void sd_fleet_problem(struct sd_fleet *f, const char *source,
		      const char *message);
/* Checklists migrated, not migrated, old rules with work not carried. */
void sd_fleet_counts(const struct sd_fleet *f, size_t *done, size_t *failed,
		     size_t *lost);
int sd_fleet_finish(struct sd_fleet *f);
void sd_fleet_free(struct sd_fleet *f);

/* The report as Markdown or JSON on `fp`. Returns 0 or SD_EIO. */
int sd_mig_report_markdown(const struct sd_mig_report *r, FILE *fp);
int sd_mig_report_json(const struct sd_mig_report *r, FILE *fp);
/* The report as one self-contained HTML page (migrate_html.c). */
int sd_mig_report_html(const struct sd_mig_report *r, FILE *fp);
/* One line per STIG: "STIG a V2R6 -> b V2R2: 40 carried, ..." */
void sd_mig_report_summary(const struct sd_mig_report *r, FILE *fp);

#endif
