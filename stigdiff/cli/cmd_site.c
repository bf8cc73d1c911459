/*
 * stigdiff site: the whole corpus as a static site (site.h), and
 * stigdiff export: the same data in bulk as Turtle, RDF/XML, JSON or CSV.
 */
#include "cli.h"
#include "progress.h"
#include "corpus.h"
#include "error.h"
#include "site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char site_usage[] =
	"stigdiff site [-C DIR] -o DIR [--force] [--base-url URL] [--no-lineage]\n\n"
	"Write every benchmark of the corpus as a static site into DIR: a home\n"
	"page, a page per benchmark, per rule (history and lineage) and per\n"
	"prepared pair of releases, a form comparing any two releases, a search\n"
	"page, and a Turtle twin of each benchmark and rule page. A second run rewrites only the pages that\n"
	"changed and prints the counts. DIR must be empty, missing or a site\n"
	"written before (--force: any directory, and render everything).";

int cmd_site(int argc, char **argv)
{
	struct sd_strv args = SD_STRV_INIT;
	struct sd_corpus *c = NULL;
	struct sd_site *s = NULL;
	struct sd_site_stats st;
	const char *dir = NULL, *out = NULL, *base = NULL;
	int force = 0, no_lineage = 0, rc = SD_EXIT_OK, progress = 0, quiet = 0;
	const struct sd_opt opts[] = {
		SD_OPT_CORPUS(&dir, SD_CORPUS_HELP),
		{ SD_OPT_STRING, 'o', "output", &out, "DIR",
		  "write the site into DIR" },
		{ SD_OPT_FLAG, 'f', "force", &force, NULL,
		  "write into a directory that is not a site; render everything" },
		{ SD_OPT_STRING, 0, "base-url", &base, "URL",
		  "where the site is served: absolute IRIs in the Turtle twins" },
		{ SD_OPT_FLAG, 0, "no-lineage", &no_lineage, NULL,
		  "leave lineage out of rule pages (faster on large libraries)" },
		SD_OPT_PROGRESS(&progress, &quiet),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_parse(argc, argv, opts, site_usage, &args, &rc))
		goto done;
	sd_progress_configure(progress, quiet);
	if (!out || args.n) {
		rc = sd_cli_usage_error(argv[0], "%s", args.n
					? "no operands expected"
					: "-o DIR is required");
		goto done;
	}
	if ((rc = sd_cli_open_corpus(dir, &c)))
		goto done;
	/* Refuse a wrong DIR before the work of loading the corpus. */
	if ((!force && sd_site_check_dir(out) < 0) ||
	    sd_site_load(&s, c, base, !no_lineage) < 0 ||
	    sd_site_write(s, out, force, &st) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	sd_progress_end();
	printf("%s: %zu written, %zu unchanged, %zu removed "
	       "(%zu benchmarks rendered, %zu unchanged)\n",
	       out, st.written, st.unchanged, st.removed, st.rendered,
	       st.skipped);
done:
	sd_site_free(s);
	sd_corpus_free(c);
	sd_strv_release(&args);
	return rc;
}

static const char export_usage[] =
	"stigdiff export [-C DIR] [--format ttl|rdfxml|json|csv] [-o FILE]\n"
	"                [--base-url URL] [BENCH]\n\n"
	"Write every benchmark of the corpus (or only BENCH, a directory name)\n"
	"with its releases and the latest content of each rule, and the\n"
	"rules' lineage links, in one document: RDF as Turtle (default) or\n"
	"RDF/XML in the vocabulary of the site's Turtle twins, JSON, or CSV\n"
	"(one row per rule).";

int cmd_export(int argc, char **argv)
{
	static const char *const formats[] = { "ttl", "rdfxml", "json", "csv" };
	struct sd_strv args = SD_STRV_INIT;
	struct sd_corpus *c = NULL;
	struct sd_site *s = NULL;
	struct sd_outfile of = { 0 };
	const char *dir = NULL, *out = NULL, *base = NULL, *format = "ttl";
	int force = 0, rc = SD_EXIT_OK, fmt = -1, err;
	const struct sd_opt opts[] = {
		SD_OPT_CORPUS(&dir, SD_CORPUS_HELP),
		{ SD_OPT_STRING, 0, "format", &format, "FMT",
		  "ttl (default), rdfxml, json or csv" },
		{ SD_OPT_STRING, 'o', "output", &out, "FILE",
		  "write to FILE instead of standard output" },
		{ SD_OPT_FLAG, 'f', "force", &force, NULL, "overwrite FILE" },
		{ SD_OPT_STRING, 0, "base-url", &base, "URL",
		  "absolute IRIs under URL (default https://stigdiff.invalid/site/)" },
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_parse(argc, argv, opts, export_usage, &args, &rc))
		goto done;
	for (size_t i = 0; i < SD_ARRAY_SIZE(formats); i++)
		if (!strcmp(format, formats[i]))
			fmt = (int)i;
	if (fmt < 0 || args.n > 1) {
		rc = sd_cli_usage_error(argv[0], fmt < 0
					? "unknown format '%s'"
					: "at most one BENCH (not '%s')",
					fmt < 0 ? format : args.v[1]);
		goto done;
	}
	if ((rc = sd_cli_open_corpus(dir, &c)))
		goto done;
	/* A bulk document has no location of its own: its IRIs need a base. */
	if ((err = sd_site_load(&s, c, base ? base
					    : "https://stigdiff.invalid/site/", 1)) < 0 ||
	    (err = sd_outfile_open(&of, out, force)) < 0 ||
	    (err = sd_site_export(s, args.n ? args.v[0] : NULL,
				  (enum sd_site_format)fmt, of.fp)) < 0 ||
	    (err = sd_outfile_commit(&of)) < 0) {
		sd_outfile_abort(&of);
		rc = sd_cli_fail();
	}
done:
	sd_site_free(s);
	sd_corpus_free(c);
	sd_strv_release(&args);
	return rc;
}
