/*
 * Scan results into a checklist: each rule result of XCCDF TestResults
 * (input/results.h) fills the status and finding details of the
 * checklist rule it is for, found by the lineage matcher's declared
 * evidence as migrate finds a rule's successor (match.h: the same rule
 * id, rule base SV-n, a legacy id, the same STIG id), with a decision for
 * every result and a report that counts them all.
 *
 * Results map to statuses as users expect: pass (and fixed) ->
 * NotAFinding, fail -> Open, notapplicable -> Not_Applicable; notchecked,
 * notselected, informational, unknown, error and anything else ->
 * Not_Reviewed with the reason in the finding details.
 *
 *   filled       the result filled the rule
 *   overwritten  the rule held a manual review, replaced (--overwrite);
 *                the review is in the report in full
 *   kept-manual  the rule holds a manual review: kept, the result only
 *                reported
 *   superseded   a later TestResult (input order) gave the same rule a
 *                result: this one is only reported
 *   unmatched    no rule of the checklist is the result's rule
 *
 * A manual review is a rule with a status other than Not_Reviewed or any
 * details, comments or override, unless its finding details are the ones
 * an earlier import wrote (they start with "[stigdiff results]") and it
 * has no comments: a new scan replaces an old scan's results.
 */
#ifndef SD_FILL_H
#define SD_FILL_H

#include <stdio.h>

#include "checklist.h"
#include "results.h"

enum sd_res_decision {
	SD_RES_FILLED = 0,
	SD_RES_OVERWRITTEN,
	SD_RES_KEPT_MANUAL,
	SD_RES_SUPERSEDED,
	SD_RES_UNMATCHED,
	SD_RES_NDECISIONS
};
/* "filled", "overwritten", ... */
const char *sd_res_decision_name(enum sd_res_decision d);

/*
 * The status a result value gives (case ignored), and in *reason (may be
 * NULL) why it is Not_Reviewed (NULL for the other statuses).
 */
enum sd_cl_status sd_res_status(const char *result, const char **reason);

#define SD_RES_NONE ((size_t)-1)

/* One rule result and what became of it. */
struct sd_res_row {
	size_t set, index;        /* TestResult and rule-result in the input */
	enum sd_res_decision decision;
	size_t stig, vuln;        /* the checklist rule, or SD_RES_NONE */
	char *vuln_id, *rule_id, *stig_id; /* of that rule (copies) */
	const char *kind;         /* the matcher's kind ("same-id", ...) */
	double score;
	char *evidence;
	enum sd_cl_status status; /* what the result maps to */
	const char *reason;       /* why Not_Reviewed, or NULL */
	/* overwritten, kept-manual: the review the rule held */
	char *old_status, *old_details, *old_comments;
};

struct sd_res_report {
	const struct sd_results *in; /* borrowed */
	const char *output;          /* the checklist written, or NULL */
	struct sd_res_row *rows;     /* every rule result, input order */
	size_t nrows, cap;
	size_t count[SD_RES_NDECISIONS];
	size_t by_status[SD_CL_NSTATUS]; /* of results that landed */
	size_t rules_filled;         /* checklist rules given a result */
	size_t rules_without;        /* checklist rules without a result */
};

struct sd_res_opts {
	int overwrite; /* replace manual reviews */
};

/*
 * Fill checklist `cl` from every TestResult of `in` (both borrowed; `in`
 * must outlive `rep`), in input order, and describe every rule result in
 * `rep` (zeroed by the caller, released with sd_res_report_release).
 * Each TestResult goes to the STIG of `cl` whose rules its results match
 * best. Returns 0 or a negative SD_E* code.
 */
int sd_results_apply(struct sd_checklist *cl, const struct sd_results *in,
		     const struct sd_res_opts *opts, struct sd_res_report *rep);
void sd_res_report_release(struct sd_res_report *rep);

/* The report as JSON ("stigdiff-results" 1) or Markdown on `fp`; a one
 * line summary. Return 0 or SD_EIO. */
int sd_res_report_json(const struct sd_res_report *rep, FILE *fp);
int sd_res_report_markdown(const struct sd_res_report *rep, FILE *fp);
void sd_res_report_summary(const struct sd_res_report *rep, FILE *fp);

#endif
