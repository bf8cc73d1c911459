/*
 * Scan results into checklists: `checklist new --results` (in
 * cmd_checklist.c, which calls cmd_checklist_results_run()) and
 * `checklist merge --results FILE CHECKLIST`. The results are read with
 * input/results.h, applied with checklist/fill.h; the checklist and
 * the report are both written or neither.
 */
#include "checklist_io.h"
#include "cmd_checklist_int.h"
#include "error.h"
#include "progress.h"
#include "results.h"

#include "fill.h"

#include <stdlib.h>
#include <string.h>

/* Asset fields a new checklist takes from the scan when no option gave
 * them: the first TestResult's target and address. */
static void asset_from_scan(struct sd_checklist *cl,
			    const struct sd_results *res)
{
	const struct sd_test_result *t = res->n ? &res->v[0] : NULL;

	if (!t)
		return;
	if (t->target && *t->target &&
	    sd_cl_blank(sd_cl_pairs_get(&cl->asset, "HOST_NAME", NULL)) &&
	    strlen(t->target) <= 255)
		sd_cl_asset_set(cl, "host-name", t->target);
	if (t->target_address && *t->target_address &&
	    sd_cl_blank(sd_cl_pairs_get(&cl->asset, "HOST_IP", NULL)))
		sd_cl_asset_set(cl, "ip", t->target_address);
}

int cmd_checklist_results_run(struct sd_checklist *cl,
			      const struct cmd_cl_results *r,
			      struct sd_source_opts *so, int f,
			      const char *output, int force, int is_new)
{
	struct sd_results res = SD_RESULTS_INIT;
	struct sd_res_report rep;
	struct sd_res_opts ro = { r->overwrite };
	struct sd_cli_problems probs = { 0 };
	struct sd_outfile rout, cout;
	int rc = SD_EXIT_OK, ropen = 0, copen = 0;

	memset(&rep, 0, sizeof(rep));
	sd_cli_progress_inputs("reading results", &r->files, so);
	for (size_t i = 0; i < r->files.n; i++)
		if (sd_results_load(r->files.v[i], so, &res, sd_cli_problem,
				    &probs) < 0) {
			sd_cli_error("%s", sd_error_last());
			probs.count++;
		}
	sd_progress_end();
	if (probs.count) {
		sd_cli_error("%d results input%s could not be read; nothing written",
			     probs.count, probs.count == 1 ? "" : "s");
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	if (is_new)
		asset_from_scan(cl, &res);
	if (sd_results_apply(cl, &res, &ro, &rep) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	rep.output = output && strcmp(output, "-") ? output : NULL;
	if (r->report) {
		if (sd_outfile_open(&rout, r->report, force) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
		ropen = 1;
		if ((r->json ? sd_res_report_json(&rep, rout.fp)
			     : sd_res_report_markdown(&rep, rout.fp)) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	}
	if (sd_outfile_open(&cout, output, force) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	copen = 1;
	if (sd_checklist_write(cl, (enum sd_cl_format)f, cout.fp) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (ropen) {
		ropen = 0;
		if (sd_outfile_commit(&rout) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	}
	copen = 0;
	if (sd_outfile_commit(&cout) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	sd_res_report_summary(&rep, stderr);
	if (rep.count[SD_RES_UNMATCHED] || rep.count[SD_RES_KEPT_MANUAL])
		rc = SD_EXIT_FOUND;
done:
	if (ropen)
		sd_outfile_abort(&rout);
	if (copen)
		sd_outfile_abort(&cout);
	sd_res_report_release(&rep);
	sd_results_release(&res);
	return rc;
}

int cmd_checklist_merge(int argc, char **argv)
{
	static const char u[] =
		"stigdiff checklist merge --results FILE... [-o OUT] [--overwrite] [--report FILE] CHECKLIST\n\n"
		"Fill CHECKLIST (in place, or into OUT) from XCCDF scan results\n"
		"(TestResult documents, ARF reports, zips of them): each result\n"
		"sets the status and finding details of its rule, found by rule\n"
		"id, SV number, legacy id or STIG id. Rules a person reviewed are\n"
		"kept unless --overwrite. Exit status 1 when some results did not\n"
		"land (no such rule, a review kept).";
	struct sd_cli_source cs = SD_CLI_SOURCE_INIT;
	struct cmd_cl_results r;
	struct sd_source_opts so;
	struct sd_strv args = SD_STRV_INIT, formats = SD_STRV_INIT;
	struct sd_checklist *cl = NULL;
	const char *output = NULL;
	int rc = SD_EXIT_OK, f = SD_CL_NONE;
	const struct sd_opt opts[] = {
		{ SD_OPT_MULTI, 0, "results", &r.files, "FILE",
		  "XCCDF results, an ARF report or a zip of them (repeat)" },
		{ SD_OPT_STRING, 'o', "output", &output, "FILE",
		  "write to FILE instead of changing CHECKLIST in place" },
		{ SD_OPT_FLAG, 0, "overwrite", &r.overwrite, NULL,
		  "replace rules a person reviewed" },
		{ SD_OPT_STRING, 0, "report", &r.report, "FILE",
		  "write the report to FILE (Markdown, or JSON: --format json)" },
		{ SD_OPT_LIST, 0, "format", &formats, "FMT",
		  "ckl or cklb (the checklist), markdown or json (the report)" },
		SD_OPT_INPUT_LIMITS(&cs),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	memset(&r, 0, sizeof(r));
	if (sd_cli_parse(argc, argv, opts, u, &args, &rc))
		goto done;
	if (args.n != 1 || !r.files.n) {
		rc = sd_cli_usage_error("checklist merge",
					"expected --results FILE and one CHECKLIST");
		goto done;
	}
	for (size_t i = 0; i < formats.n; i++) {
		if (sd_cl_format_parse(formats.v[i]) != SD_CL_NONE)
			f = sd_cl_format_parse(formats.v[i]);
		else if (!strcmp(formats.v[i], "json"))
			r.json = 1;
		else if (strcmp(formats.v[i], "markdown")) {
			rc = sd_cli_usage_error("checklist merge",
						"unknown format '%s' (ckl, cklb, markdown or json)",
						formats.v[i]);
			goto done;
		}
	}
	if (sd_checklist_load(args.v[0], NULL, &cl) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (f == SD_CL_NONE && output)
		f = sd_cl_format_of_path(output);
	if (f == SD_CL_NONE)
		f = cl->format;
	if (!output && !strcmp(args.v[0], "-")) {
		rc = sd_cli_usage_error("checklist merge",
					"CHECKLIST is changed in place: name a file or give -o");
		goto done;
	}
	sd_cli_source_opts(&cs, &so);
	rc = cmd_checklist_results_run(cl, &r, &so, f,
				       output ? output : args.v[0],
				       output ? 0 : 1, 0);
done:
	sd_checklist_free(cl);
	sd_strv_release(&r.files);
	sd_strv_release(&formats);
	sd_strv_release(&args);
	return rc;
}
