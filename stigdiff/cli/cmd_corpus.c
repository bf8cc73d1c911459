/*
 * stigdiff corpus: the git-backed library of every release of every
 * benchmark (init, import, list, log, show, search, diff). The history
 * itself lives in corpus.c, the index in search.c; this file parses
 * options and prints.
 */
#include "cli.h"
#include "progress.h"
#include "corpus.h"
#include "diff.h"
#include "error.h"
#include "json.h"
#include "lineage.h"
#include "lineage_link.h"
#include "normalize.h"
#include "rulefile.h"
#include "search.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"stigdiff corpus <subcommand> [options] [args]\n\n"
	"A git repository holding every release of every benchmark as\n"
	"history: one directory per benchmark, one file per rule, one commit\n"
	"per release, a tag per release (<benchmark>/V2R2). Subcommands:\n\n"
	"    init DIR                 create an empty corpus\n"
	"    import [-C DIR] PATH...  add every benchmark release found\n"
	"    link [-C DIR] [--full]   compute and store every rule's lineage\n"
	"    list [-C DIR] [BENCH]    benchmarks, or the releases of one\n"
	"    log [-C DIR] ID          history of one rule (any id form)\n"
	"    show [-C DIR] BENCH[@VERSION][:ID]\n"
	"                             a release or one rule of it\n"
	"    search [-C DIR] WORD...  rules holding every word\n"
	"    diff [-C DIR] BENCH@V1 BENCH@V2\n"
	"                             what changed between two releases\n\n"
	"The corpus is -C DIR, else $STIGDIFF_CORPUS, else the current\n"
	"directory. 'stigdiff corpus <subcommand> --help' for options.";

/* Options every subcommand but init has. */
#define CORPUS_DIR_OPT(dir) \
	{ SD_OPT_STRING, 'C', "corpus", (dir), "DIR", \
	  "the corpus (default $STIGDIFF_CORPUS, else .)" }

static int open_corpus(const char *dir, struct sd_corpus **c)
{
	if (!dir)
		dir = getenv("STIGDIFF_CORPUS");
	if (!dir || !*dir)
		dir = ".";
	if (sd_corpus_open(c, dir) < 0)
		return sd_cli_fail();
	if (sd_corpus_interrupted(*c))
		sd_warn("an import into '%s' was interrupted; the next import "
			"completes it",
			dir);
	return 0;
}

/*
 * What every subcommand but init does first: parse the options, check
 * that there are between `min` and `max` operands (`what` names them in
 * the message), open the corpus named by *dir. Returns 0 to go on;
 * otherwise the subcommand returns *rc.
 */
static int start(int argc, char **argv, const struct sd_opt *opts,
		 const char *usage_text, size_t min, size_t max,
		 const char *what, struct sd_strv *args, const char **dir,
		 struct sd_corpus **c, int *rc)
{
	if (sd_cli_parse(argc, argv, opts, usage_text, args, rc))
		return -1;
	if (args->n < min || args->n > max) {
		*rc = sd_cli_usage_error(argv[0], "%s", what);
		return -1;
	}
	if ((*rc = open_corpus(*dir, c)))
		return -1;
	return 0;
}

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

static int corpus_init(int argc, char **argv)
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

static int corpus_import(int argc, char **argv)
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
		CORPUS_DIR_OPT(&dir),
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
	if (start(argc, argv, opts,
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

/* ---- list ---- */

/* The JSON of one line: kind, siblings, renames, and its releases
 * when `releases` (else only its latest). */
static struct sd_json *line_json(const char *slug,
				 const struct sd_corpus_release *rel, size_t n,
				 const struct sd_strv *sib, int releases)
{
	struct sd_json *j = sd_json_object_new(), *a, *ids;
	size_t latest = sd_corpus_latest(rel, n);

	sd_json_set_str(j, "line", slug);
	sd_json_set_str(j, "kind", sd_corpus_line_kind(rel, n));
	sd_json_set_str(j, "title", rel[latest].title);
	sd_json_set_str(j, "latest", rel[latest].label);
	sd_json_set_str(j, "date", rel[latest].date);
	sd_json_set_int(j, "rules", (long long)rel[latest].nrules);
	sd_json_set_int(j, "releases", (long long)n);
	ids = sd_json_array_new();
	a = sd_json_array_new();
	for (size_t i = 0; i < n; i++) {
		int seen = 0;

		for (size_t k = 0; k < i && !seen; k++)
			seen = !strcmp(rel[k].bench_id, rel[i].bench_id);
		if (!seen)
			sd_json_append(ids, sd_json_string_new(rel[i].bench_id));
		if (i && strcmp(rel[i - 1].bench_id, rel[i].bench_id)) {
			struct sd_json *r = sd_json_object_new();

			sd_json_set_str(r, "release", rel[i].label);
			sd_json_set_str(r, "from", rel[i - 1].bench_id);
			sd_json_set_str(r, "to", rel[i].bench_id);
			sd_json_append(a, r);
		}
	}
	sd_json_set(j, "benchmark-ids", ids);
	sd_json_set(j, "renames", a);
	a = sd_json_array_new();
	for (size_t i = 0; i < sib->n; i++)
		sd_json_append(a, sd_json_string_new(sib->v[i]));
	sd_json_set(j, "siblings", a);
	if (releases) {
		a = sd_json_array_new();
		for (size_t i = 0; i < n; i++) {
			struct sd_json *r = sd_json_object_new();
			const char *sum = strstr(rel[i].subject, "): ");

			sd_json_set_str(r, "label", rel[i].label);
			sd_json_set_str(r, "version", rel[i].version);
			sd_json_set_str(r, "benchmark-id", rel[i].bench_id);
			sd_json_set_str(r, "kind", rel[i].kind);
			sd_json_set(r, "draft", sd_json_bool_new(rel[i].draft));
			sd_json_set_str(r, "date", rel[i].date);
			sd_json_set_int(r, "rules", (long long)rel[i].nrules);
			sd_json_set_str(r, "summary", sum ? sum + 3 : "");
			sd_json_set_str(r, "commit", rel[i].commit);
			sd_json_append(a, r);
		}
		sd_json_set(j, "history", a);
	}
	return j;
}

/* Print `j` as a document of `format`, then free it. */
static int print_json(struct sd_json *j, const char *format)
{
	struct sd_json *doc = sd_json_object_new();
	int err;

	sd_json_set_str(doc, "format", format);
	sd_json_set_int(doc, "format-version", 1);
	for (void *it = sd_json_iter(j); it; it = sd_json_iter_next(j, it))
		sd_json_set(doc, sd_json_iter_key(it),
			    sd_json_incref(sd_json_iter_value(it)));
	err = sd_json_dump(doc, stdout, SD_JSON_PRETTY);
	sd_json_free(doc);
	sd_json_free(j);
	return err < 0 ? sd_cli_fail() : SD_EXIT_OK;
}

static int list_releases(struct sd_corpus *c, const char *bench, int json)
{
	struct sd_corpus_release *rel = NULL;
	struct sd_strv sib = SD_STRV_INIT;
	char *slug = NULL, *label = NULL, *id = NULL;
	size_t n = 0;
	int rc = SD_EXIT_OK;

	if (sd_corpus_resolve(c, bench, &slug, &label, &id) < 0 ||
	    sd_corpus_releases(c, slug, &rel, &n) < 0 ||
	    (json && sd_corpus_siblings(c, slug, &sib) < 0)) {
		rc = sd_cli_fail();
		goto done;
	}
	if (json) {
		rc = print_json(line_json(slug, rel, n, &sib, 1),
				"stigdiff-corpus-line");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		const char *sum = strstr(rel[i].subject, "): ");

		printf("%s@%s\t%s\t%zu\t%s\n", slug, rel[i].label,
		       rel[i].date ? rel[i].date : "-", rel[i].nrules,
		       sum ? sum + 3 : "");
	}
done:
	sd_corpus_releases_free(rel, n);
	sd_strv_release(&sib);
	free(slug);
	free(label);
	free(id);
	return rc;
}

static int list_benchmarks(struct sd_corpus *c, int json)
{
	struct sd_strv slugs = SD_STRV_INIT;
	struct sd_json *lines = json ? sd_json_array_new() : NULL;
	struct sd_corpus_release **rel = NULL;
	size_t *nrel = NULL;
	int rc = SD_EXIT_OK;

	if (sd_corpus_benchmarks(c, &slugs) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	rel = sd_xcalloc(slugs.n + 1, sizeof(*rel));
	nrel = sd_xcalloc(slugs.n + 1, sizeof(*nrel));
	for (size_t i = 0; i < slugs.n; i++)
		if (sd_corpus_releases(c, slugs.v[i], &rel[i], &nrel[i]) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	for (size_t i = 0; i < slugs.n; i++) {
		size_t k = sd_corpus_latest(rel[i], nrel[i]);
		struct sd_strv sib = SD_STRV_INIT;

		if (!json) {
			printf("%s\t%zu\t%s\t%s\t%zu\t%s\n", slugs.v[i],
			       nrel[i], rel[i][k].label,
			       rel[i][k].date ? rel[i][k].date : "-",
			       rel[i][k].nrules,
			       rel[i][k].title ? rel[i][k].title : "");
			continue;
		}
		for (size_t o = 0; o < slugs.n; o++)
			if (o != i &&
			    sd_corpus_are_siblings(c, slugs.v[i], rel[i],
						   nrel[i], slugs.v[o], rel[o],
						   nrel[o]))
				sd_strv_push(&sib, slugs.v[o]);
		sd_json_append(lines, line_json(slugs.v[i], rel[i], nrel[i],
						&sib, 0));
		sd_strv_release(&sib);
	}
	if (json) {
		struct sd_json *doc = sd_json_object_new();

		sd_json_set(doc, "lines", lines);
		lines = NULL;
		rc = print_json(doc, "stigdiff-corpus-list");
	}
done:
	for (size_t i = 0; rel && i < slugs.n; i++)
		sd_corpus_releases_free(rel[i], nrel[i]);
	free(rel);
	free(nrel);
	sd_json_free(lines);
	sd_strv_release(&slugs);
	return rc;
}

static int corpus_list(int argc, char **argv)
{
	struct sd_strv args = SD_STRV_INIT;
	struct sd_corpus *c = NULL;
	const char *dir = NULL, *format = NULL;
	int rc = SD_EXIT_OK, json;
	const struct sd_opt opts[] = {
		CORPUS_DIR_OPT(&dir),
		{ SD_OPT_STRING, 0, "format", &format, "FMT",
		  "text (default) or json: with each line's kind, siblings "
		  "and renames" },
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (start(argc, argv, opts,
		  "stigdiff corpus list [-C DIR] [--format text|json] [BENCH]\n\n"
		  "Without BENCH, one line per product line: directory,\n"
		  "releases, latest release (not a draft, when it has\n"
		  "others), its date, its rule count and title. With BENCH,\n"
		  "one line per release, oldest first: BENCH@VERSION, date,\n"
		  "rules, change summary.",
		  0, 1, "at most one BENCH", &args, &dir, &c, &rc))
		goto done;
	json = format && !strcmp(format, "json");
	if (format && !json && strcmp(format, "text")) {
		rc = sd_cli_usage_error(argv[0], "unknown format '%s'", format);
		goto done;
	}
	rc = args.n ? list_releases(c, args.v[0], json)
		    : list_benchmarks(c, json);
done:
	sd_corpus_free(c);
	sd_strv_release(&args);
	return rc;
}

/* ---- show ---- */

static const struct sd_rule *find_rule(const struct sd_benchmark *b,
				       const char *id)
{
	for (size_t i = 0; i < b->nrules; i++)
		if (sd_rule_has_id(&b->rules[i], id))
			return &b->rules[i];
	return NULL;
}

static int show_rule(const struct sd_benchmark *b, const char *spec,
		     const char *id, const char *format)
{
	const struct sd_rule *r = find_rule(b, id);
	struct sd_buf out = SD_BUF_INIT;

	if (!r) {
		sd_cli_error("no rule '%s' in %s", id, spec);
		return SD_EXIT_FOUND;
	}
	if (format && !strcmp(format, "json"))
		return print_json(sd_norm_rule_json(r),
				  "stigdiff-normalized-rule");
	sd_rulefile_write_rule(&out, r);
	fwrite(out.ptr, 1, out.len, stdout);
	sd_buf_release(&out);
	return SD_EXIT_OK;
}

/*
 * What `corpus show` tells of the line holding release `label`: its
 * kind, the release's label and benchmark id, siblings and renames.
 */
static int show_line(struct sd_corpus *c, const char *slug, const char *label,
		     struct sd_json **json, struct sd_buf *text)
{
	struct sd_corpus_release *rel = NULL;
	struct sd_strv sib = SD_STRV_INIT;
	size_t n = 0;
	int err;

	if ((err = sd_corpus_releases(c, slug, &rel, &n)) < 0 ||
	    (err = sd_corpus_siblings(c, slug, &sib)) < 0)
		goto done;
	if (json) {
		*json = line_json(slug, rel, n, &sib, 0);
		sd_json_set_str(*json, "release", label);
		goto done;
	}
	sd_buf_addf(text, "\n[line %s]\nkind: %s\nrelease: %s\n", slug,
		    sd_corpus_line_kind(rel, n), label);
	for (size_t i = 0; i < sib.n; i++)
		sd_buf_addf(text, "sibling: %s\n", sib.v[i]);
	for (size_t i = 1; i < n; i++)
		if (strcmp(rel[i - 1].bench_id, rel[i].bench_id))
			sd_buf_addf(text, "renamed: %s %s -> %s\n", rel[i].label,
				    rel[i - 1].bench_id, rel[i].bench_id);
done:
	sd_corpus_releases_free(rel, n);
	sd_strv_release(&sib);
	return err;
}

static int show_benchmark(struct sd_corpus *c, const char *slug,
			  const char *label, const struct sd_benchmark *b,
			  const char *format)
{
	struct sd_buf out = SD_BUF_INIT;
	int fmt;

	if (format && !strcmp(format, "json")) {
		struct sd_json *doc = sd_json_object_new(), *a, *line = NULL;

		if (show_line(c, slug, label, &line, NULL) < 0) {
			sd_json_free(doc);
			return sd_cli_fail();
		}
		a = sd_json_array_new();
		sd_json_append(a, sd_norm_benchmark_json(b));
		sd_json_set(doc, "benchmarks", a);
		sd_json_set(doc, "line", line);
		return print_json(doc, "stigdiff-normalized");
	}
	if (format) {
		struct sd_outfile of = { 0 };
		struct sd_norm_writer *w = NULL;

		if ((fmt = sd_norm_format_parse(format)) < 0)
			return sd_cli_usage_error("corpus show",
						  "unknown format '%s'", format);
		if (sd_outfile_open(&of, NULL, 1) < 0 ||
		    sd_norm_writer_open(&w, of.fp, fmt) < 0 ||
		    sd_norm_writer_add(w, b) < 0 ||
		    sd_norm_writer_close(w) < 0 || sd_outfile_commit(&of) < 0) {
			sd_outfile_abort(&of);
			return sd_cli_fail();
		}
		return SD_EXIT_OK;
	}
	sd_rulefile_write_benchmark(&out, b);
	sd_buf_addf(&out, "\n[rules %zu]\n", b->nrules);
	for (size_t i = 0; i < b->nrules; i++) {
		const struct sd_rule *r = &b->rules[i];

		sd_buf_addf(&out, "%s\t%s\t%s\t%s\n", r->vuln_id ? r->vuln_id : "-",
			    r->stig_id ? r->stig_id : "-",
			    r->severity_raw ? r->severity_raw : "-",
			    r->title ? r->title : "");
	}
	if (show_line(c, slug, label, NULL, &out) < 0) {
		sd_buf_release(&out);
		return sd_cli_fail();
	}
	fwrite(out.ptr, 1, out.len, stdout);
	sd_buf_release(&out);
	return SD_EXIT_OK;
}

static int corpus_show(int argc, char **argv)
{
	struct sd_strv args = SD_STRV_INIT;
	struct sd_corpus *c = NULL;
	struct sd_benchmark *b = NULL;
	char *slug = NULL, *label = NULL, *id = NULL;
	const char *dir = NULL, *format = NULL;
	int rc = SD_EXIT_OK;
	const struct sd_opt opts[] = {
		CORPUS_DIR_OPT(&dir),
		{ SD_OPT_STRING, 0, "format", &format, "FMT",
		  "normalized xml, json or jsonl instead of the corpus text" },
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (start(argc, argv, opts,
		  "stigdiff corpus show [-C DIR] [--format FMT] "
		  "BENCH[@VERSION][:ID]\n\n"
		  "Print a release (its metadata and rule list) or, with\n"
		  ":ID (any id form), one rule as the corpus stores it.\n"
		  "BENCH is a directory name or a benchmark id; VERSION\n"
		  "defaults to the latest release.",
		  1, 1, "expected one BENCH[@VERSION][:ID]", &args, &dir, &c,
		  &rc))
		goto done;
	if (sd_corpus_resolve(c, args.v[0], &slug, &label, &id) < 0 ||
	    sd_corpus_load(c, slug, label, &b) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	rc = id ? show_rule(b, args.v[0], id, format)
		: show_benchmark(c, slug, label, b, format);
done:
	sd_benchmark_free(b);
	free(slug);
	free(label);
	free(id);
	sd_corpus_free(c);
	sd_strv_release(&args);
	return rc;
}

/* ---- log ---- */

/*
 * `corpus log` follows each rule through its benchmark's releases the way
 * `stigdiff diff` pairs rules between consecutive releases (Vuln ID, rule
 * base, legacy id, STIG ID), so a rule DISA renumbered keeps one history.
 * A chain is one rule's history: a row per release, and the ids of its
 * newest version.
 */
struct chain {
	struct sd_buf rows;
	const char *vuln_id; /* newest version's, borrowed from `ids` */
	const char *stig_id;
	int wanted;          /* some version carries the ID asked for */
};

struct chains {
	struct chain *v;
	size_t n, cap;
	struct sd_strv ids; /* owns the strings chains point at */
};

static size_t chain_add(struct chains *cs)
{
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? 2 * cs->cap : 64;
		cs->v = sd_xrealloc(cs->v, cs->cap * sizeof(*cs->v));
	}
	memset(&cs->v[cs->n], 0, sizeof(cs->v[cs->n]));
	sd_buf_init(&cs->v[cs->n].rows);
	return cs->n++;
}

static void chains_release(struct chains *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		sd_buf_release(&cs->v[i].rows);
	free(cs->v);
	sd_strv_release(&cs->ids);
}

/* One release's row of a chain for diff's verdict on the pair `dr`. */
static void log_row(struct sd_buf *out, const struct sd_corpus_release *rel,
		    const struct sd_diff_rule *dr)
{
	const struct sd_rule *r = dr->new;

	sd_buf_addf(out, "  %-6s %s  ", rel->label, rel->date ? rel->date : "-");
	if (!dr->old) {
		sd_buf_addf(out, "%-10s %s  %s\n", "added",
			    r->rule_id ? r->rule_id : "-",
			    r->title ? r->title : "");
		return;
	}
	if (!r) {
		sd_buf_addstr(out, "removed\n");
		return;
	}
	if (dr->status == SD_DIFF_UNCHANGED) {
		sd_buf_addstr(out, "unchanged\n");
		return;
	}
	sd_buf_addf(out, "%-10s %s  ", sd_diff_status_name(dr->status),
		    r->rule_id ? r->rule_id : "-");
	for (size_t i = 0; i < dr->nchanges; i++)
		sd_buf_addf(out, "%s%s", i ? ", " : "", dr->changes[i].field);
	if (dr->evidence != SD_PAIR_VULN_ID)
		sd_buf_addf(out, " (was %s, paired by %s %s)",
			    dr->old->vuln_id ? dr->old->vuln_id : "-",
			    sd_diff_evidence_name(dr->evidence),
			    dr->evidence_value ? dr->evidence_value : "");
	sd_buf_addch(out, '\n');
}

/* Give every rule of `b` its chain: its partner's in `prev` (diffed),
 * else a new one; rows for every pair. `chain` has b->nrules slots. */
static int log_release(struct chains *cs, const struct sd_benchmark *prev,
		       const size_t *prev_chain, const struct sd_benchmark *b,
		       const struct sd_corpus_release *rel, size_t *chain)
{
	struct sd_diff *d = NULL;
	struct sd_benchmark empty = { 0 };

	if (sd_diff_run(prev ? prev : &empty, b, NULL, &d) < 0)
		return -1;
	for (size_t i = 0; i < d->nrules; i++) {
		const struct sd_diff_rule *dr = &d->rules[i];
		size_t k = dr->old ? prev_chain[dr->old - prev->rules]
				   : chain_add(cs);

		if (dr->new)
			chain[dr->new - b->rules] = k;
		log_row(&cs->v[k].rows, rel, dr);
	}
	sd_diff_free(d);
	return 0;
}

/* Note the newest ids of each chain and whether it carries `id`. */
static void log_mark(struct chains *cs, const struct sd_benchmark *b,
		     const size_t *chain, const char *id)
{
	for (size_t i = 0; i < b->nrules; i++) {
		struct chain *ch = &cs->v[chain[i]];
		const struct sd_rule *r = &b->rules[i];

		if (sd_rule_has_id(r, id))
			ch->wanted = 1;
		sd_strv_push(&cs->ids, r->vuln_id ? r->vuln_id : "-");
		ch->vuln_id = cs->ids.v[cs->ids.n - 1];
		sd_strv_push(&cs->ids, r->stig_id ? r->stig_id : "-");
		ch->stig_id = cs->ids.v[cs->ids.n - 1];
	}
}

/* Print the history of every rule of benchmark `slug` that carries `id`
 * in some release; *count counts the histories printed. */
static int log_benchmark(struct sd_corpus *c, const char *slug,
			 const char *id, int *count)
{
	struct sd_corpus_release *rel = NULL;
	struct sd_benchmark *prev = NULL, *b = NULL;
	struct chains cs = { NULL, 0, 0, SD_STRV_INIT };
	size_t *prev_chain = NULL, *chain = NULL, n = 0;
	int err;

	if ((err = sd_corpus_releases(c, slug, &rel, &n)) < 0)
		return err;
	for (size_t i = 0; i < n; i++) {
		if ((err = sd_corpus_load(c, slug, rel[i].label, &b)) < 0)
			break;
		chain = sd_xmalloc((b->nrules + 1) * sizeof(*chain));
		if ((err = log_release(&cs, prev, prev_chain, b, &rel[i],
				       chain)) < 0)
			break;
		log_mark(&cs, b, chain, id);
		sd_benchmark_free(prev);
		free(prev_chain);
		prev = b;
		prev_chain = chain;
		b = NULL;
		chain = NULL;
	}
	for (size_t k = 0; !err && k < cs.n; k++)
		if (cs.v[k].wanted)
			printf("%s%s:%s (%s)\n%s", (*count)++ ? "\n" : "", slug,
			       cs.v[k].vuln_id, cs.v[k].stig_id,
			       cs.v[k].rows.ptr);
	sd_benchmark_free(b);
	sd_benchmark_free(prev);
	free(chain);
	free(prev_chain);
	chains_release(&cs);
	sd_corpus_releases_free(rel, n);
	return err;
}

struct log {
	struct sd_corpus *c;
	const char *id;
	struct sd_strv slugs; /* benchmarks holding a rule with the ID */
};

static int on_log_hit(const struct sd_search_hit *h, void *ctx)
{
	struct log *lg = ctx;

	/* Hits come in slug order: one entry per benchmark. */
	if (!lg->slugs.n || strcmp(lg->slugs.v[lg->slugs.n - 1], h->slug))
		sd_strv_push(&lg->slugs, h->slug);
	return 0;
}

static int corpus_log(int argc, char **argv)
{
	struct sd_strv args = SD_STRV_INIT;
	struct log lg = { NULL, NULL, SD_STRV_INIT };
	int count = 0;
	const char *dir = NULL;
	int rc = SD_EXIT_OK;
	const struct sd_opt opts[] = {
		CORPUS_DIR_OPT(&dir),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (start(argc, argv, opts,
		  "stigdiff corpus log [-C DIR] ID\n\n"
		  "The history of every rule that carries ID (V-n, SV-n,\n"
		  "SV-nrm_rule, STIG id or legacy id) in any release: for\n"
		  "each release of its benchmark, diff's status for the\n"
		  "rule (added, changed, renumbered, revised, ...,\n"
		  "removed) and the fields that differ. A rule is followed\n"
		  "as diff pairs it, so a renumbered rule keeps one history.",
		  1, 1, "expected one ID", &args, &dir, &lg.c, &rc))
		goto done;
	lg.id = args.v[0];
	if (sd_search_id(lg.c, lg.id, on_log_hit, &lg) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	for (size_t i = 0; i < lg.slugs.n; i++)
		if (log_benchmark(lg.c, lg.slugs.v[i], lg.id, &count) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	if (!count) {
		sd_cli_error("no rule '%s' in corpus '%s'", args.v[0],
			     sd_corpus_dir(lg.c));
		rc = SD_EXIT_FOUND;
	}
done:
	sd_corpus_free(lg.c);
	sd_strv_release(&lg.slugs);
	sd_strv_release(&args);
	return rc;
}

/* ---- search ---- */

struct search {
	size_t count, limit;
};

static int on_search_hit(const struct sd_search_hit *h, void *ctx)
{
	struct search *s = ctx;

	if (s->limit && s->count >= s->limit) {
		s->count++;
		return 0;
	}
	printf("%s@%s:%s\t%s\t%s\n", h->slug, h->label, h->vuln_id, h->stig_id,
	       h->title);
	s->count++;
	return 0;
}

static int corpus_search(int argc, char **argv)
{
	struct sd_strv args = SD_STRV_INIT;
	struct sd_corpus *c = NULL;
	struct sd_buf query = SD_BUF_INIT;
	struct search s = { 0, 0 };
	const char *dir = NULL;
	int rc = SD_EXIT_OK;
	const struct sd_opt opts[] = {
		CORPUS_DIR_OPT(&dir),
		{ SD_OPT_SIZE, 'n', "limit", &s.limit, "N",
		  "print at most N rules (default: all)" },
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (start(argc, argv, opts,
		  "stigdiff corpus search [-C DIR] [-n N] WORD...\n\n"
		  "Rules whose title, discussion, check, fix or ids hold\n"
		  "every WORD (case-insensitive; a word matches the start\n"
		  "of a word) in any release. One line per rule:\n"
		  "BENCH@VERSION:V-ID (newest matching release), STIG id,\n"
		  "title. Exit status 1 when nothing matches.",
		  1, SIZE_MAX, "no WORD given", &args, &dir, &c, &rc))
		goto done;
	for (size_t i = 0; i < args.n; i++)
		sd_buf_addf(&query, "%s%s", i ? " " : "", args.v[i]);
	if (sd_search_query(c, query.ptr, on_search_hit, &s) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (s.limit && s.count > s.limit)
		fprintf(stderr, "%zu more not shown (--limit %zu)\n",
			s.count - s.limit, s.limit);
	if (!s.count)
		rc = SD_EXIT_FOUND;
done:
	sd_buf_release(&query);
	sd_corpus_free(c);
	sd_strv_release(&args);
	return rc;
}

/* ---- diff ---- */

/* Load BENCH@V1 and BENCH@V2 from the corpus for stigdiff diff. */
static int load_releases(const char *where, const char *old_spec,
			 const char *new_spec, int force,
			 struct sd_benchmark **old, struct sd_benchmark **new)
{
	struct sd_corpus *c = NULL;
	const char *specs[2] = { old_spec, new_spec };
	struct sd_benchmark **out[2] = { old, new };
	int rc;

	*old = *new = NULL;
	if ((rc = open_corpus(where, &c)))
		return rc;
	for (int i = 0; i < 2; i++) {
		char *slug = NULL, *label = NULL, *id = NULL;
		int err = sd_corpus_resolve(c, specs[i], &slug, &label, &id);

		if (err == 0 && id)
			err = sd_error_set(SD_EUSAGE,
					   "'%s' names a rule; corpus diff "
					   "compares releases (BENCH@VERSION)",
					   specs[i]);
		if (err == 0)
			err = sd_corpus_load(c, slug, label, out[i]);
		free(slug);
		free(label);
		free(id);
		if (err < 0) {
			rc = sd_cli_fail();
			sd_benchmark_free(*old);
			sd_benchmark_free(*new);
			*old = *new = NULL;
			sd_corpus_free(c);
			return rc;
		}
	}
	sd_corpus_free(c);
	return sd_cli_check_pair(old_spec, new_spec, force, old, new);
}

static int corpus_diff(int argc, char **argv)
{
	return sd_cli_diff(argc, argv,
			   "stigdiff corpus diff [-C DIR] [diff options] "
			   "BENCH@V1 BENCH@V2\n\n"
			   "stigdiff diff on two releases of the corpus (BENCH is a\n"
			   "directory name or a benchmark id; VERSION a label such as\n"
			   "V2R2, or latest): the same options, formats and exit\n"
			   "status (0 no differences, 1 differences, 2 trouble).",
			   load_releases);
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

static int corpus_link(int argc, char **argv)
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
		CORPUS_DIR_OPT(&dir),
		{ SD_OPT_FLAG, 0, "no-wait", &no_wait, NULL,
		  "fail at once when another writer holds the corpus" },
		{ SD_OPT_FLAG, 0, "full", &full, NULL,
		  "compute every product group, not only those that changed" },
		SD_OPT_PROGRESS(&progress, &quiet),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (start(argc, argv, opts,
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

/* ---- dispatch ---- */

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} subcommands[] = {
	{ "init", corpus_init },     { "import", corpus_import },
	{ "link", corpus_link },
	{ "list", corpus_list },     { "log", corpus_log },
	{ "show", corpus_show },     { "search", corpus_search },
	{ "diff", corpus_diff },
};

int cmd_corpus(int argc, char **argv)
{
	char name[64];

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		FILE *fp = argc < 2 ? stderr : stdout;

		fprintf(fp, "usage: %s\n", usage);
		return argc < 2 ? SD_EXIT_TROUBLE : SD_EXIT_OK;
	}
	for (size_t i = 0; i < SD_ARRAY_SIZE(subcommands); i++) {
		if (strcmp(subcommands[i].name, argv[1]))
			continue;
		snprintf(name, sizeof(name), "corpus %s", argv[1]);
		argv[1] = name;
		return subcommands[i].fn(argc - 1, argv + 1);
	}
	return sd_cli_usage_error(argv[0], "unknown subcommand '%s'", argv[1]);
}
