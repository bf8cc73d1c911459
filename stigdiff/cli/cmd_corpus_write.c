/*
 * stigdiff corpus, the subcommands that write (see cmd_corpus_int.h):
 * init, import (releases and curated links, with the search index of
 * what changed) and link (the stored lineage). Each takes the writers'
 * lock first; the work is corpus.h's, lineage_link.h's and search.h's,
 * this file parses options and prints.
 */
#include "cmd_corpus_int.h"
#include "cli.h"
#include "progress.h"
#include "corpus.h"
#include "error.h"
#include "lineage.h"
#include "lineage_link.h"
#include "search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Take the writers' lock, waiting unless `no_wait`. */
static int lock_corpus(struct sd_corpus *c, int no_wait)
{
	int err = sd_corpus_lock(c, 0);

	if (err == SD_ELOCKED && !no_wait) {
		fprintf(stderr, "%s; waiting\n", sd_error_last());
		err = sd_corpus_lock(c, 1);
	}
	return err;
}
/* ---- init ---- */

int cmd_corpus_init(int argc, char **argv)
{
	struct sd_strv args = SD_STRV_INIT;
	int rc = SD_EXIT_OK, err;
	const struct sd_opt opts[] = {
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_parse(argc, argv, opts,
			 "stigdiff corpus init DIR\n\n"
			 "Create an empty corpus: a bare git repository at DIR.",
			 &args, &rc))
		goto done;
	if (args.n != 1) {
		rc = sd_cli_usage_error(argv[0], "expected one DIR");
		goto done;
	}
	err = sd_corpus_create(args.v[0]);
	if (err < 0)
		rc = sd_cli_fail();
	else if (err == 1)
		printf("'%s' is a corpus already\n", args.v[0]);
	else
		printf("created an empty corpus in '%s'\n", args.v[0]);
done:
	sd_strv_release(&args);
	return rc;
}

/* ---- import ---- */

struct import {
	struct sd_corpus_import *im;
	struct sd_cli_problems problems;
	size_t count[SD_CORPUS_RECOVERED + 1];
	size_t seen; /* releases reported */
	int fatal;
};

static const char *const event_names[] = {
	[SD_CORPUS_ADDED] = "added",
	[SD_CORPUS_UNCHANGED] = "unchanged",
	[SD_CORPUS_REPLACED] = "replaced",
	[SD_CORPUS_REPUBLISHED] = "republished",
	[SD_CORPUS_REBUILT] = "rebuilt",
	[SD_CORPUS_RECOVERED] = "recovered",
};

static void on_event(const struct sd_corpus_event *ev, void *ctx)
{
	struct import *in = ctx;

	in->count[ev->kind]++;
	in->seen += ev->kind != SD_CORPUS_RECOVERED;
	sd_progress_clear();
	switch (ev->kind) {
	case SD_CORPUS_RECOVERED:
		fprintf(stderr,
			"note: completed an interrupted import (%zu refs)\n",
			ev->nrules);
		return;
	case SD_CORPUS_REPUBLISHED:
		sd_warn("%s@%s: %s holds other content than the %s in the "
			"corpus (%s); both are kept, as revisions of %s",
			ev->slug, ev->label, ev->source ? ev->source : "a file",
			ev->version, ev->differs ? ev->differs : "?",
			ev->version);
		break;
	case SD_CORPUS_UNCHANGED:
		printf("%-11s %s@%s\n", event_names[ev->kind], ev->slug,
		       ev->label);
		return;
	default:
		break;
	}
	printf("%-11s %s@%s (%s): %s\n", event_names[ev->kind], ev->slug,
	       ev->label, ev->date ? ev->date : "undated",
	       ev->summary ? ev->summary : "");
	fflush(stdout);
	sd_progress_add(1);
}

static int on_import_bench(struct sd_benchmark *b, const struct sd_doc *doc,
			   void *ctx)
{
	struct import *in = ctx;
	int err = sd_corpus_import_add(in->im, b);

	(void)doc;
	sd_benchmark_free(b);
	if (err == SD_EPARSE) {
		sd_cli_problem(err, sd_error_last(), &in->problems);
		return 0;
	}
	if (err < 0)
		in->fatal = 1;
	return err;
}

/* A document read before is not parsed again (corpus.h). */
static int on_known(const struct sd_doc *doc, const char *data, size_t len,
		    void *ctx)
{
	struct import *in = ctx;

	return sd_corpus_import_known(in->im, data, len, doc->display);
}

static void on_parsed(const struct sd_doc *doc, int err, void *ctx)
{
	struct import *in = ctx;

	(void)doc;
	sd_corpus_import_parsed(in->im, err);
}

/* An import that failed before its refs moved: the release lines
 * printed so far did not land, and the one error line says so. */
static int import_failed(const struct import *in)
{
	sd_progress_end();
	if (!in->seen)
		return sd_cli_fail();
	sd_cli_error("nothing imported: %s", sd_error_last());
	return SD_EXIT_TROUBLE;
}

/* The closing line: what the import did, or that it did nothing. */
static void print_totals(const struct import *in)
{
	const enum sd_corpus_event_kind kinds[] = {
		SD_CORPUS_ADDED, SD_CORPUS_REPUBLISHED, SD_CORPUS_REPLACED,
		SD_CORPUS_REBUILT, SD_CORPUS_UNCHANGED
	};
	size_t created = in->count[SD_CORPUS_ADDED] +
			 in->count[SD_CORPUS_REPLACED];
	int first = 1;

	if (!in->seen)
		return;
	created += in->count[SD_CORPUS_REPUBLISHED];
	if (!created) {
		/* Counts what was read: a release found twice (in a zip
		 * and as a file) counts twice. */
		printf("nothing new: %zu benchmark%s read, all already in the corpus\n",
		       in->count[SD_CORPUS_UNCHANGED],
		       in->count[SD_CORPUS_UNCHANGED] == 1 ? "" : "s");
		return;
	}
	for (size_t i = 0; i < SD_ARRAY_SIZE(kinds); i++) {
		size_t n = in->count[kinds[i]];

		if (!n)
			continue;
		printf("%s%zu %s", first ? "" : ", ", n, event_names[kinds[i]]);
		first = 0;
	}
	putchar('\n');
}

/*
 * Read the curated-link FILEs, check them as stigdiff lineage would, and
 * append them to `out` in order. Returns the number of links, or -1
 * after printing why.
 */
static long read_curated(const struct sd_strv *files, struct sd_buf *out)
{
	struct sd_lineage_links links = SD_LINEAGE_LINKS_INIT;
	long n = -1;

	for (size_t i = 0; i < files->n; i++) {
		char *text = NULL;
		size_t len;

		if (sd_read_file(files->v[i], (size_t)16 << 20, &text, &len) < 0 ||
		    sd_lineage_links_parse(&links, text, len, files->v[i]) < 0) {
			free(text);
			sd_cli_fail();
			goto done;
		}
		sd_buf_add(out, text, len);
		if (len && text[len - 1] != '\n')
			sd_buf_addch(out, '\n');
		free(text);
	}
	n = (long)links.n;
done:
	sd_lineage_links_release(&links);
	return n;
}

int cmd_corpus_import(int argc, char **argv)
{
	struct sd_cli_source cs = SD_CLI_SOURCE_INIT;
	struct sd_source_opts so;
	struct sd_strv args = SD_STRV_INIT, changed = SD_STRV_INIT,
		       curated = SD_STRV_INIT;
	struct sd_buf links = SD_BUF_INIT, msg = SD_BUF_INIT;
	struct sd_corpus *c = NULL;
	struct import in;
	const char *dir = NULL;
	long nlinks = 0;
	int rc = SD_EXIT_OK, replace = 0, no_wait = 0, links_changed = 0;
	int progress = 0, quiet = 0;
	const struct sd_opt opts[] = {
		SD_OPT_CORPUS(&dir, SD_CORPUS_HELP),
		SD_OPT_PROGRESS(&progress, &quiet),
		{ SD_OPT_MULTI, 0, "curated", &curated, "FILE",
		  "store FILE, curated links, as lineage/curated.tsv" },
		{ SD_OPT_FLAG, 0, "replace", &replace, NULL,
		  "replace a release present with other content" },
		{ SD_OPT_FLAG, 0, "no-wait", &no_wait, NULL,
		  "fail at once when another import holds the corpus" },
		SD_OPT_INPUT_LIMITS(&cs),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	memset(&in, 0, sizeof(in));
	if (sd_cli_corpus_start(argc, argv, opts,
		  "stigdiff corpus import [-C DIR] [--replace] [--no-wait] [--curated FILE]... PATH...\n\n"
		  "Add every benchmark release found in PATHs (zips,\n"
		  "directories, XCCDF or SCAP files) to its product line in\n"
		  "the corpus: one commit per release in version order, a\n"
		  "tag per release. SCAP content is a line of its own; a\n"
		  "benchmark DISA renamed continues its line; a release\n"
		  "re-published with other content is kept as a revision.\n"
		  "Releases already present are left alone.\n"
		  "--curated FILE (repeatable) stores curated lineage links\n"
		  "as the corpus's lineage/curated.tsv.",
		  0, SIZE_MAX, "", &args, &dir, &c, &rc))
		goto done;
	if (!args.n && !curated.n) {
		rc = sd_cli_usage_error(argv[0], "no PATH given");
		goto done;
	}
	if (curated.n && (nlinks = read_curated(&curated, &links)) < 0) {
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	if (lock_corpus(c, no_wait) < 0 ||
	    sd_corpus_import_new(&in.im, c, replace, on_event, &in) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	sd_cli_source_opts(&cs, &so);
	so.known = on_known;
	so.parsed = on_parsed;
	so.doc_ctx = &in;
	sd_corpus_import_reader(in.im, &so.parse);
	sd_progress_configure(progress, quiet);
	sd_cli_progress_inputs("import: reading", &args, &so);
	for (size_t i = 0; i < args.n && !in.fatal; i++)
		sd_source_benchmarks(args.v[i], &so, on_import_bench, &in,
				     sd_cli_problem, &in.problems);
	sd_progress_end();
	sd_progress_start("import: writing", 0, "releases");
	if (curated.n) {
		sd_buf_addf(&msg,
			    "lineage: curated links (%ld line%s)\n\n"
			    "A person's decisions where content evidence is weak, read by\n"
			    "'stigdiff lineage --corpus'. See README.md, \"lineage\".\n",
			    nlinks, nlinks == 1 ? "" : "s");
		if (!in.fatal &&
		    sd_corpus_import_lineage(in.im, SD_CORPUS_CURATED,
					     links.ptr, links.len, msg.ptr,
					     &links_changed) < 0)
			in.fatal = 1;
	}
	if (in.fatal || sd_corpus_import_prepare(in.im, &changed) < 0) {
		rc = import_failed(&in);
		goto done;
	}
	/*
	 * The index of each changed benchmark is written from the new
	 * history while its objects are still in memory, before the refs
	 * move; should the import die first, the index files name a head
	 * that never landed and a query rebuilds them.
	 */
	for (size_t i = 0; i < changed.n; i++) {
		if (sd_search_update(c, changed.v[i]) == 0)
			continue;
		/* A full disk fails the pack as well: say it once. */
		if (sd_error_code() == SD_EIO) {
			rc = import_failed(&in);
			goto done;
		}
		sd_warn("search index of '%s' not updated: %s", changed.v[i],
			sd_error_last());
	}
	if (sd_corpus_import_commit(in.im) < 0) {
		rc = import_failed(&in);
		goto done;
	}
	sd_progress_end();
	if (curated.n)
		printf("%-9s lineage/curated.tsv (%ld link%s)\n",
		       links_changed ? "updated" : "unchanged", nlinks,
		       nlinks == 1 ? "" : "s");
	print_totals(&in);
	if (in.problems.count)
		rc = SD_EXIT_FOUND;
	if (!in.seen && args.n && !in.problems.count)
		sd_cli_no_benchmark(&args, NULL);
	if (!in.seen && args.n)
		rc = SD_EXIT_TROUBLE;
done:
	sd_progress_end();
	sd_strv_release(&curated);
	sd_buf_release(&links);
	sd_buf_release(&msg);
	sd_corpus_import_free(in.im);
	sd_corpus_free(c);
	sd_strv_release(&args);
	sd_strv_release(&changed);
	return rc;
}
/* ---- link ---- */

/* "12.3 MB" */
static void human_bytes(size_t n, char out[32])
{
	if (n >= 1000000)
		snprintf(out, 32, "%.1f MB", (double)n / 1e6);
	else if (n >= 1000)
		snprintf(out, 32, "%.1f kB", (double)n / 1e3);
	else
		snprintf(out, 32, "%zu bytes", n);
}

/* A progress line on a terminal: releases of the groups done. */
static void link_progress(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	sd_tick("link", done, total, "releases");
}

int cmd_corpus_link(int argc, char **argv)
{
	struct sd_strv args = SD_STRV_INIT;
	struct sd_lineage_links links = SD_LINEAGE_LINKS_INIT;
	struct sd_link_opts lo;
	struct sd_link *lk = NULL;
	struct sd_link_stats st;
	struct sd_corpus *c = NULL;
	const char *dir = NULL;
	char size[32];
	int rc = SD_EXIT_OK, no_wait = 0, updated = 0, full = 0;
	int progress = 0, quiet = 0;
	const struct sd_opt opts[] = {
		SD_OPT_CORPUS(&dir, SD_CORPUS_HELP),
		{ SD_OPT_FLAG, 0, "no-wait", &no_wait, NULL,
		  "fail at once when another writer holds the corpus" },
		{ SD_OPT_FLAG, 0, "full", &full, NULL,
		  "compute every product group, not only those that changed" },
		SD_OPT_PROGRESS(&progress, &quiet),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_corpus_start(argc, argv, opts,
		  "stigdiff corpus link [-C DIR] [--no-wait] [--full] [--progress] [--quiet]\n\n"
		  "Compute the lineage of every rule over every release of the\n"
		  "corpus and its curated links (what 'stigdiff lineage' does), and\n"
		  "store every step as lineage/ (an index, a file per product line):\n"
		  "'lineage --corpus' and 'site' then read it instead of matching.\n"
		  "Only the product groups whose releases changed since the last\n"
		  "link are computed (--full: all); mappings between releases are\n"
		  "kept in DIR/stigdiff/lineage/ for the next link. On a terminal\n"
		  "a progress line counts the releases done.",
		  0, 0, "no operand expected", &args, &dir, &c, &rc))
		goto done;
	sd_progress_configure(progress, quiet);
	memset(&lo, 0, sizeof(lo));
	if (lock_corpus(c, no_wait) < 0 || sd_corpus_curated(c, &links) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	lo.links = links.v;
	lo.nlinks = links.n;
	lo.full = full;
	lo.keep_maps = 1;
	lo.write_maps = 1;
	lo.commit = 1;
	lo.progress = link_progress;
	if (sd_link_open(&lk, c, &lo) < 0 || sd_link_commit(lk, &updated) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	sd_progress_end();
	sd_link_stats(lk, &st);
	printf("%-9s lineage/ (%zu product line%s, %zu release%s", updated ?
	       "updated" : "unchanged", st.lines, st.lines == 1 ? "" : "s",
	       st.releases, st.releases == 1 ? "" : "s");
	if (sd_link_stale(lk))
		printf("; %zu of %zu group%s computed: %zu mapping%s matched, "
		       "%zu read back, %zu step%s)\n",
		       st.groups_computed, st.groups, st.groups == 1 ? "" : "s",
		       st.maps_computed, st.maps_computed == 1 ? "" : "s",
		       st.maps_read, st.steps, st.steps == 1 ? "" : "s");
	else
		printf("; none changed since the last link)\n");
	human_bytes(st.cache_bytes, size);
	printf("%-9s %s in stigdiff/lineage/ of the corpus (mappings and "
	       "signatures kept for the next link)\n", "cache", size);
done:
	sd_progress_end();
	sd_link_free(lk);
	sd_lineage_links_release(&links);
	sd_strv_release(&args);
	sd_corpus_free(c);
	return rc;
}
