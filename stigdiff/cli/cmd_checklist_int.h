/*
 * The parts of stigdiff checklist in files of their own (not for other
 * commands): cmd_checklist.c dispatches; cmd_checklist_results.c reads
 * scan results into a checklist (`new --results`, `merge`);
 * cmd_checklist_diff.c compares two checklists of one asset (`diff`).
 */
#ifndef SD_CMD_CHECKLIST_INT_H
#define SD_CMD_CHECKLIST_INT_H

#include "cli.h"

struct sd_checklist;

/* The options `new` and `merge` share for results. */
struct cmd_cl_results {
	struct sd_strv files; /* --results FILE... */
	int overwrite;
	const char *report;   /* --report FILE */
	int json;             /* the report as JSON */
};

/*
 * Read every --results file with `so` and fill `cl`; then write `cl` as
 * `f` to `output` (NULL, "-": standard output) and the report, both or
 * neither. Returns the exit status: 0 when every result landed, 1 when
 * some did not (unmatched, kept-manual), 2 on error (nothing written).
 */
int cmd_checklist_results_run(struct sd_checklist *cl,
			      const struct cmd_cl_results *r,
			      struct sd_source_opts *so, int f,
			      const char *output, int force, int is_new);

int cmd_checklist_merge(int argc, char **argv);
int cmd_checklist_diff(int argc, char **argv);

#endif
