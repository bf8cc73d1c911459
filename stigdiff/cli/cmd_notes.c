/*
 * stigdiff notes: release notes for a pair of releases, the diff of
 * cmd_diff.c rendered through xslt/notes-md.xsl or notes-html.xsl; and
 * with --library, the digest of a whole library (digest.h).
 */
#include "cli.h"
#include "match_diff.h"
#include "corpus.h"
#include "diff.h"
#include "digest.h"
#include "error.h"
#include "progress.h"
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"stigdiff notes [--format md|html] [-o FILE] [options] OLD NEW\n"
	"       stigdiff notes --library [--format md|html|json] [options] OLD NEW\n"
	"       stigdiff notes --library -C DIR --since DATE|TAG [options]\n\n"
	"Release notes from OLD to NEW, modeled on DISA's revision history but\n"
	"complete: both releases and dates, counts, then the added, removed,\n"
	"changed (CAT I first) and renumbered rules, one line each saying what\n"
	"changed; HTML shows the word diff inline and is one self-contained\n"
	"file. With --library, the digest of two libraries (OLD and NEW\n"
	"compilations: directories or zips of zips), or of a corpus since a\n"
	"date or a tag of its main branch: the STIGs added, withdrawn and\n"
	"updated, each updated one's releases, counts and rules, CAT I first.\n"
	"Exit status: 0 written, 2 trouble.";

/* "a,b,c" or "@FILE" (one name a line, # comments) into `out`. */
static int read_names(const char *spec, struct sd_strv *out)
{
	char *text = NULL, *save = NULL;
	size_t len;

	if (spec[0] != '@') {
		char *copy = sd_xstrdup(spec);

		for (char *t = strtok_r(copy, ",", &save); t;
		     t = strtok_r(NULL, ",", &save))
			if (*t)
				sd_strv_push(out, t);
		free(copy);
		return 0;
	}
	if (sd_read_file(spec + 1, (size_t)1 << 20, &text, &len) < 0)
		return sd_error_code();
	for (char *t = strtok_r(text, "\r\n", &save); t;
	     t = strtok_r(NULL, "\r\n", &save)) {
		while (*t == ' ' || *t == '\t')
			t++;
		if (*t && *t != '#')
			sd_strv_push(out, t);
	}
	free(text);
	return 0;
}

struct side {
	struct sd_digest *d;
	int which;
};

static int on_library_bench(struct sd_benchmark *b, const struct sd_doc *doc,
			    void *ctx)
{
	struct side *s = ctx;

	(void)doc;
	sd_digest_add(s->d, s->which, b);
	sd_benchmark_free(b);
	return 0;
}

struct library_args {
	const char *format, *output, *title, *corpus, *since, *only;
	int force;
	struct sd_diff_opts *dopts;
	struct sd_cli_source *cs;
};

/* notes --library: the digest of two libraries, or of a corpus. */
static int library_notes(const char *cmd, const struct sd_strv *args,
			 const struct library_args *la)
{
	struct sd_digest d = SD_LIBRARY_DIGEST_INIT;
	struct sd_strv only = SD_STRV_INIT, paths = SD_STRV_INIT;
	struct sd_source_opts so;
	struct sd_outfile out = { 0 };
	struct sd_cli_problems problems = { 0 };
	struct sd_corpus *c = NULL;
	struct sd_buf old_label = SD_BUF_INIT, new_label = SD_BUF_INIT;
	struct sd_digest_write_opts wo;
	int rc = SD_EXIT_OK, corpus_mode = la->since != NULL;

	if (strcmp(la->format, "md") && strcmp(la->format, "html") &&
	    strcmp(la->format, "json") && strcmp(la->format, "xml"))
		return sd_cli_usage_error(cmd, "unknown format '%s' (md, html, "
					  "json or xml with --library)",
					  la->format);
	if (corpus_mode ? args->n != 0 : args->n != 2)
		return sd_cli_usage_error(cmd, corpus_mode
					  ? "--since takes no OLD and NEW"
					  : "expected OLD and NEW (or -C DIR --since DATE|TAG)");
	if (la->only && read_names(la->only, &only) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	sd_cli_source_opts(la->cs, &so);
	if (corpus_mode) {
		if ((rc = sd_cli_open_corpus(la->corpus, &c)) ||
		    sd_digest_corpus(&d, c, la->since) < 0) {
			rc = rc ? rc : sd_cli_fail();
			goto done;
		}
		sd_buf_addf(&old_label, "corpus %s %s %s",
			    sd_corpus_dir(c), strchr(la->since, '-') &&
			    strlen(la->since) == 10 ? "as of" : "at",
			    la->since);
		sd_buf_addf(&new_label, "corpus %s, latest", sd_corpus_dir(c));
	} else {
		for (int i = 0; i < 2; i++) {
			struct side s = { &d, i };

			sd_strv_release(&paths);
			sd_strv_push(&paths, args->v[i]);
			sd_cli_progress_inputs(i ? "notes: reading NEW"
						 : "notes: reading OLD",
					       &paths, &so);
			sd_source_benchmarks(args->v[i], &so, on_library_bench,
					     &s, sd_cli_problem, &problems);
			sd_progress_end();
		}
		if (problems.count) {
			rc = SD_EXIT_TROUBLE;
			goto done;
		}
		sd_buf_addstr(&old_label, args->v[0]);
		sd_buf_addstr(&new_label, args->v[1]);
	}
	if (sd_digest_pair(&d, &only) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	memset(&wo, 0, sizeof(wo));
	wo.old_label = old_label.ptr;
	wo.new_label = new_label.ptr;
	wo.title = la->title;
	wo.so = &so;
	wo.corpus = c;
	wo.diff = la->dopts;
	if (sd_outfile_open(&out, la->output, la->force) < 0 ||
	    sd_digest_write(&d, la->format, &wo, out.fp) < 0 ||
	    sd_outfile_commit(&out) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	sd_progress_end();
	if (la->output && strcmp(la->output, "-"))
		fprintf(stderr, "digest written to %s\n", la->output);
done:
	sd_progress_end();
	sd_outfile_abort(&out);
	sd_digest_release(&d);
	sd_corpus_free(c);
	sd_strv_release(&only);
	sd_strv_release(&paths);
	sd_buf_release(&old_label);
	sd_buf_release(&new_label);
	return rc;
}

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
		   *title = NULL, *stylesheet = NULL, *corpus = NULL,
		   *since = NULL, *only = NULL;
	int rc = SD_EXIT_OK, fmt, force = 0, library = 0, progress = 0,
	    quiet = 0, trust = 0;
	struct sd_cli_nist nist = SD_CLI_NIST_INIT;
	const struct sd_opt opts[] = {
		{ SD_OPT_STRING, 0, "format", &format, "FMT",
		  "md (Markdown, default) or html" },
		SD_OPT_DIFF_COMMON(&output, &force, &select, &dopts.strict,
				   &fields, &trust),
		{ SD_OPT_STRING, 0, "title", &title, "TEXT",
		  "the heading (default: the new release's title)" },
		{ SD_OPT_STRING, 0, "stylesheet", &stylesheet, "FILE",
		  "render with this XSLT stylesheet (input: diff's XML)" },
		SD_OPT_NIST(&nist),
		{ SD_OPT_GROUP, 0, NULL, NULL, NULL, "Library digest:" },
		{ SD_OPT_FLAG, 0, "library", &library, NULL,
		  "the digest of two libraries (or of a corpus, --since)" },
		{ SD_OPT_STRING, 0, "only-benchmarks", &only, "LIST",
		  "only these STIGs: names or ids, comma-separated, or @FILE" },
		SD_OPT_CORPUS(&corpus, "with --since: the corpus (default "
				       "$STIGDIFF_CORPUS, else .)"),
		{ SD_OPT_STRING, 0, "since", &since, "DATE|TAG",
		  "the corpus as of a date (YYYY-MM-DD) or a tag of its main "
		  "branch, against its latest" },
		SD_OPT_PROGRESS(&progress, &quiet),
		SD_OPT_INPUT_LIMITS(&cs),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_parse(argc, argv, opts, usage, &args, &rc))
		goto done;
	sd_progress_configure(progress, quiet);
	if (!library && (since || only || corpus)) {
		rc = sd_cli_usage_error(argv[0], "--since, --only-benchmarks "
					"and -C go with --library");
		goto done;
	}
	if (library) {
		struct library_args la = { format, output, title, corpus,
					   since, only, force, &dopts, &cs };

		if (sd_diff_fields_check(&fields) < 0) {
			rc = sd_cli_usage_error(argv[0], "%s", sd_error_last());
			goto done;
		}
		dopts.fields = &fields;
		rc = library_notes(argv[0], &args, &la);
		goto done;
	}
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
	if (sd_match_diff(old, new, &dopts, trust, &d) < 0) {
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
