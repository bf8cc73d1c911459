/*
 * stigdiff notes: release notes for a pair of releases, the diff of
 * cmd_diff.c rendered through xslt/notes-md.xsl or notes-html.xsl.
 */
#include "cli.h"
#include "diff.h"
#include "error.h"
#include "render.h"

#include <string.h>

static const char usage[] =
	"stigdiff notes [--format md|html] [-o FILE] [options] OLD NEW\n\n"
	"Release notes from OLD to NEW, modeled on DISA's revision history but\n"
	"complete: both releases and dates, counts, then the added, removed,\n"
	"changed (CAT I first) and renumbered rules, one line each saying what\n"
	"changed; HTML shows the word diff inline and is one self-contained\n"
	"file. Exit status: 0 written, 2 trouble.";

int cmd_notes(int argc, char **argv)
{
	struct sd_cli_source cs = SD_CLI_SOURCE_INIT;
	struct sd_source_opts so;
	struct sd_strv args = SD_STRV_INIT, fields = SD_STRV_INIT;
	struct sd_outfile out = { 0 };
	struct sd_benchmark *old = NULL, *new = NULL;
	struct sd_diff *d = NULL;
	struct sd_diff_opts dopts = { 0 };
	const char *format = "md", *output = NULL, *select = NULL,
		   *title = NULL, *stylesheet = NULL;
	int rc = SD_EXIT_OK, fmt, force = 0;
	struct sd_cli_nist nist = SD_CLI_NIST_INIT;
	const struct sd_opt opts[] = {
		{ SD_OPT_STRING, 0, "format", &format, "FMT",
		  "md (Markdown, default) or html" },
		SD_OPT_DIFF_COMMON(&output, &force, &select, &dopts.strict,
				   &fields),
		{ SD_OPT_STRING, 0, "title", &title, "TEXT",
		  "the heading (default: the new release's title)" },
		{ SD_OPT_STRING, 0, "stylesheet", &stylesheet, "FILE",
		  "render with this XSLT stylesheet (input: diff's XML)" },
		SD_OPT_NIST(&nist),
		SD_OPT_INPUT_LIMITS(&cs),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_parse(argc, argv, opts, usage, &args, &rc))
		goto done;
	if ((rc = sd_cli_nist_check(argv[0], &nist)) != SD_EXIT_OK)
		goto done;
	fmt = sd_diff_format_parse(format);
	if (fmt != SD_DIFF_MD && fmt != SD_DIFF_HTML) {
		rc = sd_cli_usage_error(argv[0], "unknown format '%s' (md or html)",
					format);
		goto done;
	}
	if (args.n != 2) {
		rc = sd_cli_usage_error(argv[0],
					"expected OLD and NEW, got %zu argument%s",
					args.n, args.n == 1 ? "" : "s");
		goto done;
	}
	if (sd_diff_fields_check(&fields) < 0) {
		rc = sd_cli_usage_error(argv[0], "%s", sd_error_last());
		goto done;
	}
	dopts.fields = &fields;
	sd_cli_source_opts(&cs, &so);
	if (sd_outfile_open(&out, output, force) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if ((rc = sd_cli_load_pair(args.v[0], args.v[1], select, &so, force,
				   &old, &new)) != SD_EXIT_OK)
		goto done;
	if (sd_diff_run(old, new, &dopts, &d) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (sd_cli_diff_controls(&nist, d) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (sd_render_notes(d, fmt, stylesheet, title, out.fp) < 0 ||
	    sd_outfile_commit(&out) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (output && strcmp(output, "-"))
		fprintf(stderr, "release notes written to %s\n", output);
done:
	sd_outfile_abort(&out);
	sd_diff_free(d);
	sd_cli_nist_release(&nist);
	sd_benchmark_free(old);
	sd_benchmark_free(new);
	sd_strv_release(&args);
	sd_strv_release(&fields);
	return rc;
}
