/*
 * stigdiff corpus, the subcommands that only read (see
 * cmd_corpus_int.h): list, show, log, search and diff. What they read is
 * corpus.h's and search.h's, the diff run cli_diff.c's; this file parses
 * options and prints, as text or as JSON documents.
 */
#include "cmd_corpus_int.h"
#include "cli.h"
#include "corpus.h"
#include "error.h"
#include "json.h"
#include "normalize.h"
#include "rulefile.h"
#include "search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int cmd_corpus_list(int argc, char **argv)
{
	struct sd_strv args = SD_STRV_INIT;
	struct sd_corpus *c = NULL;
	const char *dir = NULL, *format = NULL;
	int rc = SD_EXIT_OK, json;
	const struct sd_opt opts[] = {
		SD_OPT_CORPUS(&dir, SD_CORPUS_HELP),
		{ SD_OPT_STRING, 0, "format", &format, "FMT",
		  "text (default) or json: with each line's kind, siblings "
		  "and renames" },
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_corpus_start(argc, argv, opts,
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

int cmd_corpus_show(int argc, char **argv)
{
	struct sd_strv args = SD_STRV_INIT;
	struct sd_corpus *c = NULL;
	struct sd_benchmark *b = NULL;
	char *slug = NULL, *label = NULL, *id = NULL;
	const char *dir = NULL, *format = NULL;
	int rc = SD_EXIT_OK;
	const struct sd_opt opts[] = {
		SD_OPT_CORPUS(&dir, SD_CORPUS_HELP),
		{ SD_OPT_STRING, 0, "format", &format, "FMT",
		  "normalized xml, json or jsonl instead of the corpus text" },
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_corpus_start(argc, argv, opts,
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

struct log {
	struct sd_corpus *c;
	const char *id;
	struct sd_strv slugs; /* benchmarks holding a rule with the ID */
	const char *slug;     /* the one being printed */
	int count;            /* histories printed */
};

static void on_history(void *ctx, const char *vuln_id, const char *stig_id,
		       const char *rows)
{
	struct log *lg = ctx;

	printf("%s%s:%s (%s)\n%s", lg->count++ ? "\n" : "", lg->slug, vuln_id,
	       stig_id, rows);
}

static int on_log_hit(const struct sd_search_hit *h, void *ctx)
{
	struct log *lg = ctx;

	/* Hits come in slug order: one entry per benchmark. */
	if (!lg->slugs.n || strcmp(lg->slugs.v[lg->slugs.n - 1], h->slug))
		sd_strv_push(&lg->slugs, h->slug);
	return 0;
}

int cmd_corpus_log(int argc, char **argv)
{
	struct sd_strv args = SD_STRV_INIT;
	struct log lg = { NULL, NULL, SD_STRV_INIT, NULL, 0 };
	const char *dir = NULL;
	int rc = SD_EXIT_OK;
	const struct sd_opt opts[] = {
		SD_OPT_CORPUS(&dir, SD_CORPUS_HELP),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_corpus_start(argc, argv, opts,
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
	for (size_t i = 0; i < lg.slugs.n; i++) {
		lg.slug = lg.slugs.v[i];
		if (sd_corpus_log(lg.c, lg.slug, lg.id, on_history, &lg) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	}
	if (!lg.count) {
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

int cmd_corpus_search(int argc, char **argv)
{
	struct sd_strv args = SD_STRV_INIT;
	struct sd_corpus *c = NULL;
	struct sd_buf query = SD_BUF_INIT;
	struct search s = { 0, 0 };
	const char *dir = NULL;
	int rc = SD_EXIT_OK;
	const struct sd_opt opts[] = {
		SD_OPT_CORPUS(&dir, SD_CORPUS_HELP),
		{ SD_OPT_SIZE, 'n', "limit", &s.limit, "N",
		  "print at most N rules (default: all)" },
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_corpus_start(argc, argv, opts,
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
	int rc;

	*old = *new = NULL;
	if ((rc = sd_cli_open_corpus(where, &c)))
		return rc;
	if (sd_cli_corpus_release(c, old_spec, "corpus diff compares releases",
				  old) < 0 ||
	    sd_cli_corpus_release(c, new_spec, "corpus diff compares releases",
				  new) < 0) {
		rc = sd_cli_fail();
		sd_benchmark_free(*old);
		sd_benchmark_free(*new);
		*old = *new = NULL;
		sd_corpus_free(c);
		return rc;
	}
	sd_corpus_free(c);
	return sd_cli_check_pair(old_spec, new_spec, force, old, new);
}

int cmd_corpus_diff(int argc, char **argv)
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
