/*
 * Evaluate-STIG answer files carried to a new release (`migrate
 * --answer-file`): the answered rules of the release the file was written
 * for go through the same matcher, gates and engine as a checklist's
 * (migrate.h), and each answered Vuln follows its rule:
 *
 *   carried                 its ID becomes the new rule's (a V-ID stays a
 *                           V-ID, a rule id becomes the new rule id); a
 *                           renumbered rule gets a comment naming the old
 *   carried-check-changed   the same, with a comment that the check text
 *                           changed: its answers need a look
 *   split                   one copy of the Vuln per new rule
 *   merged                  the AnswerKeys of every old Vuln under the one
 *                           new ID (a key Name already there stays behind
 *                           under its old ID: Evaluate-STIG needs unique
 *                           Names), with a comment naming them
 *   review, dropped         removed from the file; in the report in full
 *                           (the Vuln's XML is its finding details)
 * A Vuln whose ID names no rule of the old release is left as it was and
 * reported (dropped, with a note). The report is migrate's, with a row
 * for every answered rule and none for the others.
 */
#ifndef SD_ANSWERS_H
#define SD_ANSWERS_H

#include "answerfile.h"
#include "migrate.h"

/*
 * Carry `af` (edited in place) from benchmark `ob` to `nb` (both
 * borrowed; `nb` must outlive `out`). `out` is an entry from
 * sd_mig_report_add. Unless `force`, a pair whose rules the matcher
 * finds successors for less than two thirds of the time (as migrate
 * pairs a checklist STIG with a benchmark of another id) is refused with
 * SD_EUSAGE. Returns 0 or a negative SD_E* code.
 */
int sd_answers_migrate(struct sd_answerfile *af, const struct sd_benchmark *ob,
		       const struct sd_benchmark *nb,
		       const struct sd_mig_opts *opts, int force,
		       struct sd_mig_stig *out);

#endif
