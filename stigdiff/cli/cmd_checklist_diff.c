/*
 * stigdiff checklist diff OLD NEW: what moved between two assessments of
 * one asset, each status move annotated with what DISA changed in the
 * rule (checklist/cldiff.h). Exit status like diff(1).
 */
#include "checklist_io.h"
#include "cldiff.h"
#include "cmd_checklist_int.h"
#include "error.h"

#include <string.h>

int cmd_checklist_diff(int argc, char **argv)
{
	static const char u[] =
		"stigdiff checklist diff [--format text|markdown|json|csv] [-o FILE] OLD NEW\n\n"
		"Compare two checklists of one asset (of one release or two): every\n"
		"status move, new finding (-> Open), remediation (Open -> NotAFinding\n"
		"or Not_Applicable), added and dropped rule. Each move is annotated:\n"
		"re-review (DISA changed the check), regression (NotAFinding -> Open,\n"
		"rule unchanged), drift (any other move, rule unchanged). Rules are\n"
		"paired through the lineage matcher, so renumbered rules pair. Exit\n"
		"status 0: no difference, 1: differences, 2: trouble.";
	struct sd_strv args = SD_STRV_INIT;
	struct sd_checklist *a = NULL, *b = NULL;
	struct sd_cldiff d;
	struct sd_outfile out;
	const char *format = "text", *output = NULL;
	int rc = SD_EXIT_OK, force = 0, f;
	const struct sd_opt opts[] = {
		{ SD_OPT_STRING, 0, "format", &format, "FMT",
		  "text (default), markdown, json or csv" },
		{ SD_OPT_STRING, 'o', "output", &output, "FILE",
		  "write to FILE instead of standard output" },
		{ SD_OPT_FLAG, 'f', "force", &force, NULL,
		  "overwrite FILE if it exists" },
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	memset(&d, 0, sizeof(d));
	if (sd_cli_parse(argc, argv, opts, u, &args, &rc))
		goto done;
	if (args.n != 2) {
		rc = sd_cli_usage_error("checklist diff",
					"expected two checklists, OLD and NEW");
		goto done;
	}
	if ((f = sd_cldiff_format_parse(format)) < 0) {
		rc = sd_cli_usage_error("checklist diff",
					"unknown format '%s' (text, markdown, json or csv)",
					format);
		goto done;
	}
	if (sd_checklist_load(args.v[0], NULL, &a) < 0 ||
	    sd_checklist_load(args.v[1], NULL, &b) < 0 ||
	    sd_cldiff_run(a, b, &d) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (sd_outfile_open(&out, output, force) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (sd_cldiff_write(&d, (enum sd_cldiff_format)f, out.fp) < 0) {
		sd_outfile_abort(&out);
		rc = sd_cli_fail();
		goto done;
	}
	if (sd_outfile_commit(&out) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	rc = d.nrows ? SD_EXIT_FOUND : SD_EXIT_OK;
done:
	sd_cldiff_release(&d);
	sd_checklist_free(a);
	sd_checklist_free(b);
	sd_strv_release(&args);
	return rc;
}
