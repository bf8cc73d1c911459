/*
 * stigdiff normalize: benchmarks from XCCDF files, data streams, zips or
 * directories, written as one normalized document (XML or JSON).
 */
#include "cli.h"
#include "progress.h"
#include "cci.h"
#include "error.h"
#include "normalize.h"

#include <string.h>

static const char usage[] =
	"stigdiff normalize [--format xml|json|jsonl] [-o FILE] [--benchmark ID] [--controls] INPUT...\n\n"
	"Write every benchmark found in INPUTs (XCCDF, SCAP data streams, zips,\n"
	"directories) as one document in stigdiff's normalized format\n"
	"(schema: xslt/normalized.rng). The output is deterministic; it appears\n"
	"only when every input was read, unless --keep-going. --controls adds\n"
	"the NIST SP 800-53 controls of each rule's CCIs (rev 5, --nist-rev 4).";

struct normalize {
	const char *select;
	struct sd_norm_writer *w;
	int count;
	int write_err;
	struct sd_cli_problems problems;
};

static int on_bench(struct sd_benchmark *b, const struct sd_doc *doc,
		    void *ctx)
{
	struct normalize *n = ctx;
	int err = 0;

	(void)doc;
	sd_progress_clear();
	if (!n->select || !sd_strcmp_null(b->id, n->select) ||
	    strstr(b->source, n->select)) {
		err = sd_norm_writer_add(n->w, b);
		n->count++;
	}
	sd_benchmark_free(b);
	if (err < 0)
		n->write_err = err;
	return err;
}

int cmd_normalize(int argc, char **argv)
{
	struct sd_cli_source cs = SD_CLI_SOURCE_INIT;
	struct sd_source_opts so;
	struct sd_strv args = SD_STRV_INIT;
	struct sd_outfile out = { 0 };
	struct normalize n;
	const char *format = "xml", *output = NULL;
	int rc = SD_EXIT_OK, fmt, force = 0, keep_going = 0, controls = 0;
	int progress = 0, quiet = 0;
	struct sd_cli_nist nist = { NULL, NULL, NULL, 0 };
	const struct sd_opt opts[] = {
		{ SD_OPT_STRING, 0, "format", &format, "FMT",
		  "xml (default), json, or jsonl (a line per benchmark)" },
		{ SD_OPT_STRING, 'o', "output", &output, "FILE",
		  "write to FILE instead of standard output" },
		{ SD_OPT_FLAG, 'f', "force", &force, NULL,
		  "overwrite FILE if it exists" },
		{ SD_OPT_STRING, 'b', "benchmark", &n.select, "ID",
		  "only the benchmark with this id (or source member)" },
		{ SD_OPT_FLAG, 'k', "keep-going", &keep_going, NULL,
		  "write what could be read even when an input fails" },
		{ SD_OPT_FLAG, 0, "controls", &controls, NULL,
		  "NIST SP 800-53 controls after each rule's CCIs (implied by --cci, --nist-rev)" },
		SD_OPT_NIST(&nist),
		SD_OPT_INPUT_LIMITS(&cs),
		SD_OPT_PROGRESS(&progress, &quiet),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	memset(&n, 0, sizeof(n));
	if (sd_cli_parse(argc, argv, opts, usage, &args, &rc))
		goto done;
	if (!args.n) {
		rc = sd_cli_usage_error(argv[0], "no INPUT given");
		goto done;
	}
	if ((fmt = sd_norm_format_parse(format)) < 0) {
		rc = sd_cli_usage_error(argv[0], "unknown format '%s'", format);
		goto done;
	}
	/* Opt-in: reading the CCI list would cost a third of a run. */
	if (nist.cci || nist.rev)
		controls = 1;
	if (!nist.rev)
		nist.rev = "5";
	if ((rc = sd_cli_nist_check(argv[0], &nist)) != SD_EXIT_OK)
		goto done;
	if (controls && sd_cci_load(nist.cci, &nist.list) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (sd_outfile_open(&out, output, force) < 0 ||
	    sd_norm_writer_open(&n.w, out.fp, fmt) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (controls)
		sd_norm_writer_controls(n.w, nist.list, nist.rev);
	sd_cli_source_opts(&cs, &so);
	sd_progress_configure(progress, quiet);
	sd_cli_progress_inputs("normalize", &args, &so);
	for (size_t i = 0; i < args.n && !n.write_err; i++)
		sd_source_benchmarks(args.v[i], &so, on_bench, &n,
				     sd_cli_problem, &n.problems);
	sd_progress_end();
	if (n.write_err) {
		rc = sd_cli_fail();
		goto done;
	}
	if (n.problems.count && !keep_going) {
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	if (!n.count) {
		sd_cli_no_benchmark(&args, n.select);
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	if (sd_norm_writer_close(n.w) < 0 || sd_outfile_commit(&out) < 0) {
		n.w = NULL;
		rc = sd_cli_fail();
		goto done;
	}
	n.w = NULL;
	if (n.problems.count)
		rc = SD_EXIT_FOUND;
done:
	if (n.w) {
		/* Closing writes the document's end into the discarded file. */
		sd_norm_writer_close(n.w);
	}
	sd_outfile_abort(&out);
	sd_cli_nist_release(&nist);
	sd_strv_release(&args);
	return rc;
}
