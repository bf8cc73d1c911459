/*
 * stigdiff migrate --answer-file FILE OLD_BENCHMARK --to NEW_BENCHMARK:
 * an Evaluate-STIG answer file written for OLD_BENCHMARK, its Vuln and
 * rule ids rewritten for NEW_BENCHMARK through migrate's matcher, gates
 * and report (checklist/answers.h). cmd_migrate() hands the command over
 * here when --answer-file is given.
 */
#include "answerfile.h"
#include "answers.h"
#include "cli.h"
#include "cmd_migrate_int.h"
#include "error.h"

#include <string.h>

/* --accept-below SCORE (negative: not given) into `mo`; 0, or the usage
 * error's exit status. Shared with cmd_migrate.c. */
int cmd_migrate_accept_below(const char *argv0, double score,
			     struct sd_mig_opts *mo)
{
	if (score < 0)
		return 0;
	if (score > 1)
		return sd_cli_usage_error(argv0,
					  "--accept-below takes a score from 0 to 1");
	mo->accept_below = score;
	return 0;
}

static const char usage[] =
	"stigdiff migrate --answer-file FILE [options] OLD_BENCHMARK --to NEW_BENCHMARK\n\n"
	"Rewrite the Vuln and rule ids of an Evaluate-STIG answer file written\n"
	"for OLD_BENCHMARK (XCCDF, zip, or corpus BENCH@VERSION) for\n"
	"NEW_BENCHMARK, rule by rule through the lineage matcher, and report\n"
	"every decision as migrate does: answers of rules whose check text\n"
	"changed get a comment asking for review; answers of dropped rules and\n"
	"weak matches are removed from the file and kept in the report in full.\n"
	"Exit status 1 when some answer did not land.";

int cmd_migrate_answer_file(int argc, char **argv)
{
	struct sd_cli_source cs = SD_CLI_SOURCE_INIT;
	struct sd_source_opts so;
	struct sd_strv args = SD_STRV_INIT, formats = SD_STRV_INIT;
	struct sd_mig_opts mo = SD_MIG_OPTS_INIT;
	struct sd_mig_report rep;
	struct sd_outfile out = { 0 }, rout = { 0 };
	struct sd_answerfile *af = NULL;
	struct sd_benchmark *ob = NULL, *nb = NULL;
	const char *answers = NULL, *to = NULL, *output = NULL, *report = NULL;
	const char *select = NULL, *corpus = NULL;
	double accept_below = -1;
	int rc = SD_EXIT_OK, force = 0, json = 0;
	const struct sd_opt opts[] = {
		{ SD_OPT_STRING, 0, "answer-file", &answers, "FILE",
		  "the Evaluate-STIG answer file to carry" },
		{ SD_OPT_STRING, 't', "to", &to, "BENCHMARK",
		  "the new benchmark (XCCDF, zip, or corpus BENCH@VERSION)" },
		SD_OPT_CORPUS(&corpus, "the corpus releases come from "
				       "(default $STIGDIFF_CORPUS)"),
		{ SD_OPT_STRING, 'o', "output", &output, "FILE",
		  "write the new answer file to FILE (- for standard output)" },
		{ SD_OPT_STRING, 0, "report", &report, "FILE",
		  "write the report to FILE (default: standard output)" },
		{ SD_OPT_LIST, 0, "format", &formats, "FMT",
		  "markdown or json (the report)" },
		{ SD_OPT_DOUBLE, 0, "accept-below", &accept_below, "SCORE",
		  "carry content matches below the threshold scoring at least SCORE" },
		{ SD_OPT_FLAG, 0, "strict", &mo.strict, NULL,
		  "cosmetic and case-only check changes ask for review too" },
		{ SD_OPT_FLAG, 0, "trust-declared", &mo.trust_declared, NULL,
		  "follow declared ids even where content contradicts them" },
		{ SD_OPT_FLAG, 'f', "force", &force, NULL,
		  "carry to a benchmark the answers do not seem to be for; overwrite FILEs" },
		{ SD_OPT_STRING, 'b', "benchmark", &select, "ID",
		  "the benchmark with this id when an input holds several" },
		SD_OPT_INPUT_LIMITS(&cs),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	memset(&rep, 0, sizeof(rep));
	if (sd_cli_parse(argc, argv, opts, usage, &args, &rc))
		goto done;
	if (args.n != 1 || !to || !answers) {
		rc = sd_cli_usage_error(argv[0], "%s",
					args.n != 1 ? "expected one OLD_BENCHMARK (the release the answers are for)"
						    : "no --to benchmark given");
		goto done;
	}
	for (size_t i = 0; i < formats.n; i++) {
		if (!strcmp(formats.v[i], "json"))
			json = 1;
		else if (strcmp(formats.v[i], "markdown")) {
			rc = sd_cli_usage_error(argv[0],
						"unknown format '%s' (markdown or json)",
						formats.v[i]);
			goto done;
		}
	}
	if ((rc = cmd_migrate_accept_below(argv[0], accept_below, &mo)) != 0)
		goto done;
	if (!report && output && !strcmp(output, "-")) {
		sd_cli_error("the answer file goes to standard output: give --report FILE");
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	sd_cli_source_opts(&cs, &so);
	if (sd_answerfile_load(answers, cs.parse.max_field, &af) < 0 ||
	    sd_cli_load_release("OLD_BENCHMARK", args.v[0], select, &so,
				corpus, &ob) < 0 ||
	    sd_cli_load_release("--to", to, select, &so, corpus, &nb) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	rep.source = sd_xstrdup(answers);
	rep.output = output ? sd_xstrdup(output) : NULL;
	if (sd_answers_migrate(af, ob, nb, &mo, force,
			       sd_mig_report_add(&rep)) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	/* Both outputs complete, then both committed; standard output
	 * first, as it cannot be taken back. */
	if ((output && (sd_outfile_open(&out, output, force) < 0 ||
			sd_answerfile_write(af, out.fp) < 0)) ||
	    sd_outfile_open(&rout, report, force) < 0 ||
	    (json ? sd_mig_report_json(&rep, rout.fp)
		  : sd_mig_report_markdown(&rep, rout.fp)) < 0 ||
	    (!report && sd_outfile_commit(&rout) < 0) ||
	    (output && sd_outfile_commit(&out) < 0) ||
	    (report && sd_outfile_commit(&rout) < 0)) {
		rc = sd_cli_fail();
		goto done;
	}
	if (report)
		sd_mig_report_summary(&rep, output && !strcmp(output, "-")
						    ? stderr
						    : stdout);
	if (rep.stigs[0].lost_work)
		rc = SD_EXIT_FOUND;
done:
	sd_outfile_abort(&out);
	sd_outfile_abort(&rout);
	sd_mig_report_release(&rep);
	sd_answerfile_free(af);
	sd_benchmark_free(ob);
	sd_benchmark_free(nb);
	sd_strv_release(&formats);
	sd_strv_release(&args);
	return rc;
}
