/*
 * Drift between two checklists of one asset (`checklist diff OLD NEW`):
 * which statuses moved between two assessments, and for each move whether
 * DISA changed the rule in between (the two checklists may be of one
 * release or of two). STIGs are paired by id (a single STIG on each side
 * is paired whatever its id); their rules by the lineage matcher
 * (match.h), so a renumbered rule is still the same rule.
 *
 * Every difference is one row:
 *   new-finding  the status became Open
 *   remediated   it was Open and became NotAFinding or Not_Applicable
 *   moved        any other status change
 *   added        a rule only NEW has (its status in NEW)
 *   dropped      a rule only OLD has (its status in OLD)
 * and each status change carries what DISA changed in the rule:
 *   re-review    the check text changed (after normalization): the new
 *                status answers another question
 *   regression   NotAFinding -> Open with no change to the check
 *   drift        any other move with no change to the check: the host
 *                changed, not the rule
 * Rules whose status did not move are not rows; they are counted.
 */
#ifndef SD_CLDIFF_H
#define SD_CLDIFF_H

#include <stdio.h>

#include "checklist.h"

enum sd_cldiff_change {
	SD_CLDIFF_NEW_FINDING = 0,
	SD_CLDIFF_REMEDIATED,
	SD_CLDIFF_MOVED,
	SD_CLDIFF_ADDED,
	SD_CLDIFF_DROPPED,
	SD_CLDIFF_NCHANGES
};

enum sd_cldiff_note {
	SD_CLDIFF_NONE = 0, /* added, dropped */
	SD_CLDIFF_REREVIEW,
	SD_CLDIFF_REGRESSION,
	SD_CLDIFF_DRIFT,
	SD_CLDIFF_NNOTES
};

/* "new-finding", ...; "", "re-review", "regression", "drift". */
const char *sd_cldiff_change_name(enum sd_cldiff_change c);
const char *sd_cldiff_note_name(enum sd_cldiff_note n);

/* One rule's identity on one side (copies; NULL when absent). */
struct sd_cldiff_rule {
	char *vuln_id, *rule_id, *stig_id, *title, *severity;
	char *status; /* as written; NULL when absent */
};

struct sd_cldiff_row {
	enum sd_cldiff_change change;
	enum sd_cldiff_note note;
	size_t stig;           /* index into sd_cldiff.stigs */
	int has_old, has_new;
	struct sd_cldiff_rule old, new;
	char *match;           /* the matcher's kind when the ids differ */
	double score;
	int check_changed;     /* between the two rules */
	int renumbered;        /* rule id base or vuln id differs */
};

struct sd_cldiff_stig {
	char *old_id, *old_vr, *new_id, *new_vr;
	size_t paired, unchanged; /* rules on both sides; of them, not moved */
};

struct sd_cldiff {
	char *old_source, *new_source;
	struct sd_cldiff_stig *stigs;
	size_t nstigs;
	struct sd_cldiff_row *rows;
	size_t nrows, cap;
	size_t count[SD_CLDIFF_NCHANGES];
	size_t notes[SD_CLDIFF_NNOTES];
};

/*
 * Compare checklists `a` (old) and `b` (new), both borrowed, into `d`
 * (zeroed by the caller, released with sd_cldiff_release). Returns 0 or
 * a negative SD_E* code.
 */
int sd_cldiff_run(const struct sd_checklist *a, const struct sd_checklist *b,
		  struct sd_cldiff *d);
void sd_cldiff_release(struct sd_cldiff *d);

enum sd_cldiff_format {
	SD_CLDIFF_TEXT = 0,
	SD_CLDIFF_MARKDOWN,
	SD_CLDIFF_JSON,
	SD_CLDIFF_CSV
};
/* "text", "markdown", "json", "csv" to a format; -1 when none. */
int sd_cldiff_format_parse(const char *s);
/* Write `d` on `fp` as `f`. Returns 0 or SD_EIO. */
int sd_cldiff_write(const struct sd_cldiff *d, enum sd_cldiff_format f,
		    FILE *fp);

#endif
