/*
 * stigdiff lineage: where a rule came from and what it became, across
 * every benchmark read (the embedded corpus by default), as text or
 * JSON.
 */
#include "cli.h"
#include "buf.h"
#include "corpus.h"
#include "error.h"
#include "json.h"
#include "lineage.h"
#include "lineage_link.h"
#include "lineage_store.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"stigdiff lineage [--in PATH... | -C DIR] [--curated FILE]... [--no-curated]\n"
	"                 [--format text|json] [--threshold T] [--ignore-legacy]\n"
	"                 [--trust-declared] [-o FILE] ID...\n\n"
	"Print where each rule named by ID (V-n, SV-n, SV-nrm_rule, a STIG id\n"
	"such as EMG2-803, or a legacy id) stands today in one line, then its\n"
	"chain across every benchmark read: backward to where it came from and\n"
	"forward to what it became, through the releases of its product and\n"
	"its successor products, each hop with its kind, score and evidence;\n"
	"then its siblings (parallel products) and related rules (unrelated\n"
	"products). Without --in, the embedded corpus and its curated links\n"
	"(lineage/curated.tsv) are read: PREFIX/share/stigdiff for stigdiff\n"
	"installed as PREFIX/bin/stigdiff, corpus/ of the source tree for\n"
	"build/stigdiff. -C DIR (--corpus DIR) reads the lineage 'corpus link'\n"
	"stored in a stigdiff corpus (computing what changed since); unlike the\n"
	"corpus commands, lineage reads a corpus only when -C names one.\n"
	"Exit status 1 when an ID names no rule in any benchmark.";

struct bench_list {
	struct sd_benchmark **v;
	size_t n, cap;
};

static int on_bench(struct sd_benchmark *b, const struct sd_doc *doc,
		    void *ctx)
{
	struct bench_list *l = ctx;

	(void)doc;
	SD_ALLOC_GROW(l->v, l->n, l->cap);
	l->v[l->n++] = b;
	return 0;
}

/*
 * Every release of every benchmark of corpus `c` into `l`, and, unless
 * `curated` files were named or `no_curated`, the curated links it holds
 * into `links`. Returns 0, or the exit status after printing why.
 */
static int read_corpus(struct sd_corpus *c, struct bench_list *l,
		       const struct sd_strv *curated, int no_curated,
		       struct sd_lineage_links *links)
{
	int err = sd_corpus_load_all(c, &l->v, &l->n);

	l->cap = l->n;
	if (!err && !curated->n && !no_curated)
		err = sd_corpus_curated(c, links);
	return err < 0 ? sd_cli_fail() : 0;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static void print_node_ids(FILE *fp, const struct sd_lineage_node *nd)
{
	char vr[32];

	fprintf(fp, "  %-6s %-10s  %-10s %-24s %-16s", sd_benchmark_vr(nd->bench, vr),
		nd->bench->date ? nd->bench->date : "-",
		or_empty(nd->rule->vuln_id), or_empty(nd->rule->rule_id),
		or_empty(nd->rule->stig_id));
}

/* "EX13-EG-000345 (V1R5)" within a benchmark, with its id across. */
static void print_other(FILE *fp, const struct sd_lineage_node *me,
			const struct sd_lineage_node *o)
{
	char vr[32];

	if (!sd_strcmp_null(me->bench->id, o->bench->id))
		fprintf(fp, "%s (%s)", or_empty(o->rule->stig_id),
			sd_benchmark_vr(o->bench, vr));
	else
		fprintf(fp, "%s (%s %s)", or_empty(o->rule->stig_id),
			or_empty(o->bench->id), sd_benchmark_vr(o->bench, vr));
}

static void print_text(FILE *fp, const struct sd_lineage_trace *t)
{
	size_t lines = 0, curated = 0;
	struct sd_buf answer = SD_BUF_INIT;
	const char *group_id = NULL;

	sd_lineage_answer(t, &answer, NULL);
	fprintf(fp, "%s\n\n", answer.ptr);
	sd_buf_release(&answer);
	for (size_t i = 0; i < t->nnodes; i++)
		if (!i || t->nodes[i - 1].line_id != t->nodes[i].line_id)
			lines++;
	for (size_t h = 0; h < t->nhops; h++)
		if (t->hops[h].kind == SD_MATCH_CURATED)
			curated++;
	fprintf(fp, "lineage of %s: %zu rule%s in %zu product line%s, %zu curated hop%s\n",
		t->query, t->nnodes, t->nnodes == 1 ? "" : "s", lines,
		lines == 1 ? "" : "s", curated, curated == 1 ? "" : "s");
	for (size_t i = 0; i < t->nnodes; i++) {
		const struct sd_lineage_node *nd = &t->nodes[i];
		const char *title = NULL;
		int titled = 0;

		if (!i || t->nodes[i - 1].line_id != nd->line_id) {
			fprintf(fp, "\n[%lu] %s: %s\n", nd->generation,
				or_empty(nd->bench->id), or_empty(nd->bench->title));
			group_id = nd->bench->id;
		}
		print_node_ids(fp, nd);
		/* A line DISA renamed: each release says its benchmark. */
		if (sd_strcmp_null(group_id, nd->bench->id))
			fprintf(fp, "  %s", or_empty(nd->bench->id));
		fprintf(fp, "%s\n", nd->start ? "  (start)" : "");
		for (size_t h = 0; h < t->nhops; h++) {
			const struct sd_lineage_hop *hp = &t->hops[h];

			if (hp->to != i)
				continue;
			fprintf(fp, "         <- %s %.2f from ",
				sd_match_kind_name(hp->kind), hp->score);
			print_other(fp, nd, &t->nodes[hp->from]);
			fprintf(fp, ": %s\n", or_empty(hp->evidence));
			if (!title)
				title = t->nodes[hp->from].rule->title;
			if (sd_strcmp_null(t->nodes[hp->from].rule->title,
					   nd->rule->title))
				titled = 1;
		}
		if (!title || titled)
			fprintf(fp, "         title: %s\n", or_empty(nd->rule->title));
		for (size_t c = 0; c < t->ncands; c++) {
			const struct sd_lineage_cand *cd = &t->cands[c];
			char vr[32];

			if (cd->node != i)
				continue;
			fprintf(fp, "         %s candidate %s %s (%s %s) %.2f: %s\n",
				cd->forward ? "successor" : "predecessor",
				or_empty(cd->rule->stig_id),
				or_empty(cd->rule->vuln_id), or_empty(cd->bench->id),
				sd_benchmark_vr(cd->bench, vr), cd->score,
				or_empty(cd->evidence));
		}
	}
	/* Beside the chain: siblings and related rules, by the rule. */
	for (size_t p = 0; p < t->npeers; p++) {
		const struct sd_lineage_peer *pr = &t->peers[p];
		const struct sd_lineage_node *nd = &t->nodes[pr->node];
		char vr[32];

		if (!p)
			fprintf(fp, "\nsiblings and related rules (beside the chain, not on it):\n");
		if (!p || t->peers[p - 1].node != pr->node)
			fprintf(fp, "  of %s %s (%s %s):\n",
				or_empty(nd->rule->stig_id),
				or_empty(nd->rule->vuln_id), or_empty(nd->bench->id),
				sd_benchmark_vr(nd->bench, vr));
		fprintf(fp, "    %s %s %s (%s %s) %.2f: %s\n",
			sd_lineage_relation_name(pr->relation),
			or_empty(pr->rule->stig_id), or_empty(pr->rule->vuln_id),
			or_empty(pr->bench->id), sd_benchmark_vr(pr->bench, vr),
			pr->score, or_empty(pr->evidence));
	}
}

static void rule_ids_json(struct sd_json *j, const struct sd_rule *r)
{
	sd_json_set_str(j, "vuln-id", r->vuln_id);
	sd_json_set_str(j, "rule-id", r->rule_id);
	sd_json_set_str(j, "stig-id", r->stig_id);
	sd_json_set_str(j, "title", r->title);
}

static struct sd_json *trace_json(const struct sd_lineage_trace *t)
{
	struct sd_json *j = sd_json_object_new();
	struct sd_json *nodes = sd_json_array_new(), *hops = sd_json_array_new();
	struct sd_json *cands = sd_json_array_new(), *peers = sd_json_array_new();
	struct sd_json *today = sd_json_array_new();
	unsigned char *is_today = sd_xcalloc(t->nnodes + 1, 1);
	struct sd_buf answer = SD_BUF_INIT;

	sd_lineage_answer(t, &answer, is_today);
	sd_json_set_str(j, "query", t->query);
	sd_json_set_str(j, "answer", answer.ptr);
	for (size_t i = 0; i < t->nnodes; i++) {
		const struct sd_lineage_node *nd = &t->nodes[i];
		struct sd_json *n = sd_json_object_new();

		sd_json_set_int(n, "index", (long long)i);
		sd_json_set(n, "benchmark", sd_cli_benchmark_json(nd->bench));
		sd_json_set_str(n, "line", nd->line);
		sd_json_set_int(n, "generation", (long long)nd->generation);
		rule_ids_json(n, nd->rule);
		sd_json_set(n, "start", sd_json_bool_new(nd->start));
		sd_json_set_str(n, "relation", nd->start ? "start"
					       : nd->dir > 0 ? "successor"
							     : "predecessor");
		sd_json_set(n, "latest", sd_json_bool_new(nd->latest));
		sd_json_append(nodes, n);
		if (is_today[i])
			sd_json_append(today, sd_json_int_new((long long)i));
	}
	for (size_t h = 0; h < t->nhops; h++) {
		const struct sd_lineage_hop *hp = &t->hops[h];
		struct sd_json *o = sd_json_object_new();

		sd_json_set_int(o, "from", (long long)hp->from);
		sd_json_set_int(o, "to", (long long)hp->to);
		sd_json_set_str(o, "relation", "successor");
		sd_json_set_str(o, "kind", sd_match_kind_name(hp->kind));
		sd_json_set(o, "score", sd_cli_score_json(hp->score));
		sd_json_set(o, "cross-product", sd_json_bool_new(hp->cross));
		if (hp->link) {
			struct sd_json *l = sd_json_object_new();

			sd_json_set_str(l, "old-id", hp->link->old_id);
			sd_json_set_str(l, "new-id", hp->link->new_id);
			sd_json_set_str(l, "reason", hp->link->reason);
			sd_json_set_str(l, "source", hp->link->source);
			sd_json_set(o, "curated", l);
		}
		sd_json_set_str(o, "evidence", hp->evidence);
		sd_json_append(hops, o);
	}
	for (size_t c = 0; c < t->ncands; c++) {
		const struct sd_lineage_cand *cd = &t->cands[c];
		struct sd_json *o = sd_json_object_new();

		sd_json_set_int(o, "for", (long long)cd->node);
		sd_json_set_str(o, "direction",
				cd->forward ? "successor" : "predecessor");
		sd_json_set(o, "benchmark", sd_cli_benchmark_json(cd->bench));
		rule_ids_json(o, cd->rule);
		sd_json_set(o, "score", sd_cli_score_json(cd->score));
		sd_json_set_str(o, "evidence", cd->evidence);
		sd_json_append(cands, o);
	}
	for (size_t p = 0; p < t->npeers; p++) {
		const struct sd_lineage_peer *pr = &t->peers[p];
		struct sd_json *o = sd_json_object_new();

		sd_json_set_int(o, "for", (long long)pr->node);
		sd_json_set_str(o, "relation",
				sd_lineage_relation_name(pr->relation));
		sd_json_set(o, "benchmark", sd_cli_benchmark_json(pr->bench));
		sd_json_set_str(o, "line", pr->line);
		rule_ids_json(o, pr->rule);
		sd_json_set_str(o, "kind", sd_match_kind_name(pr->kind));
		sd_json_set(o, "score", sd_cli_score_json(pr->score));
		sd_json_set_str(o, "evidence", pr->evidence);
		sd_json_append(peers, o);
	}
	sd_json_set(j, "today", today);
	sd_json_set(j, "nodes", nodes);
	sd_json_set(j, "hops", hops);
	sd_json_set(j, "candidates", cands);
	sd_json_set(j, "peers", peers);
	sd_buf_release(&answer);
	free(is_today);
	return j;
}

/* One ID's trace into the output; SD_ENOTFOUND (reported) or an error. */
static int show(struct sd_lineage *lin, const char *id, int json,
		struct sd_json *arr, FILE *fp, int *first)
{
	struct sd_lineage_trace *t = NULL;
	int err = sd_lineage_trace(lin, id, &t);

	if (err < 0)
		return err;
	if (json) {
		sd_json_append(arr, trace_json(t));
	} else {
		if (!*first)
			fputc('\n', fp);
		print_text(fp, t);
	}
	*first = 0;
	sd_lineage_trace_free(t);
	return 0;
}

int cmd_lineage(int argc, char **argv)
{
	struct sd_cli_source cs = SD_CLI_SOURCE_INIT;
	struct sd_source_opts so;
	struct sd_strv args = SD_STRV_INIT, inputs = SD_STRV_INIT;
	struct sd_strv curated = SD_STRV_INIT;
	struct sd_lineage_links links = SD_LINEAGE_LINKS_INIT;
	struct sd_lineage_opts lo;
	struct sd_lineage *lin = NULL;
	struct sd_link *lk = NULL;
	struct sd_corpus *c = NULL;
	struct bench_list bl = { NULL, 0, 0 };
	struct sd_cli_problems problems = { 0 };
	struct sd_outfile out = { 0 };
	struct sd_json *doc = NULL, *arr = NULL, *missing = NULL;
	const char *format = "text", *output = NULL, *corpus_dir = NULL;
	char *corpus = NULL;
	size_t nbench = 0;
	int rc = SD_EXIT_OK, force = 0, no_curated = 0, json, nmissing = 0;
	int first = 1;
	const struct sd_opt opts[] = {
		{ SD_OPT_MULTI, 0, "in", &inputs, "PATH",
		  "read benchmarks from PATH (repeatable; default: the embedded corpus)" },
		SD_OPT_CORPUS(&corpus_dir, "read the lineage stored in a stigdiff "
					   "corpus and its curated links"),
		{ SD_OPT_MULTI, 0, "curated", &curated, "FILE",
		  "curated links (default: the embedded lineage/curated.tsv)" },
		{ SD_OPT_FLAG, 0, "no-curated", &no_curated, NULL,
		  "use no curated links" },
		{ SD_OPT_STRING, 0, "format", &format, "FMT",
		  "text (default) or json" },
		{ SD_OPT_DOUBLE, 0, "threshold", &lo.match.threshold, "T",
		  "content score needed for a hop, 0..1 (default 0.5)" },
		{ SD_OPT_FLAG, 0, "ignore-legacy", &lo.match.ignore_legacy, NULL,
		  "ignore declared ids and legacy idents: content only" },
		{ SD_OPT_FLAG, 0, "trust-declared", &lo.match.trust_declared, NULL,
		  "follow declared ids even where content contradicts them" },
		{ SD_OPT_STRING, 'o', "output", &output, "FILE",
		  "write to FILE instead of standard output" },
		{ SD_OPT_FLAG, 'f', "force", &force, NULL,
		  "overwrite FILE if it exists" },
		SD_OPT_INPUT_LIMITS(&cs),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	memset(&lo, 0, sizeof(lo));
	if (sd_cli_parse(argc, argv, opts, usage, &args, &rc))
		goto done;
	if (!args.n) {
		rc = sd_cli_usage_error(argv[0], "no ID given");
		goto done;
	}
	if (strcmp(format, "text") && strcmp(format, "json")) {
		rc = sd_cli_usage_error(argv[0], "unknown format '%s'", format);
		goto done;
	}
	if (lo.match.threshold < 0 || lo.match.threshold > 1) {
		rc = sd_cli_usage_error(argv[0], "threshold must be within 0..1");
		goto done;
	}
	json = !strcmp(format, "json");
	if (corpus_dir && inputs.n) {
		rc = sd_cli_usage_error(argv[0], "--in and --corpus exclude each other");
		goto done;
	}
	if (corpus_dir) {
		if ((rc = sd_cli_open_corpus(corpus_dir, &c)))
			goto done;
		/* The stored lineage is for the corpus's curated links and
		 * the default options; others compute from every release. */
		if (!curated.n && !no_curated && !lo.match.threshold &&
		    !lo.match.ignore_legacy && !lo.match.trust_declared) {
			struct sd_link_opts ko;
			struct sd_link_stats st;

			memset(&ko, 0, sizeof(ko));
			if (sd_corpus_curated(c, &links) < 0) {
				rc = sd_cli_fail();
				goto done;
			}
			ko.links = links.v;
			ko.nlinks = links.n;
			ko.keep_maps = 1;
			if (sd_link_open(&lk, c, &ko) < 0) {
				rc = sd_cli_fail();
				goto done;
			}
			sd_link_stats(lk, &st);
			if (sd_link_stale(lk))
				sd_warn("%s: lineage not stored for these releases "
					"(%zu of %zu product groups changed); computed "
					"them ('stigdiff corpus link' stores them)",
					corpus_dir, st.groups_computed, st.groups);
			nbench = st.releases;
		} else if ((rc = read_corpus(c, &bl, &curated, no_curated,
					     &links))) {
			goto done;
		}
	} else if (!inputs.n || (!curated.n && !no_curated)) {
		if (!(corpus = sd_embedded_path("", 1))) {
			sd_cli_error("cannot find the embedded corpus (the path of "
				     "this program is unknown); give --in PATH");
			rc = SD_EXIT_TROUBLE;
			goto done;
		}
		if (!inputs.n)
			sd_strv_push(&inputs, corpus);
		if (!curated.n && !no_curated) {
			struct sd_buf p = SD_BUF_INIT;
			struct stat st;

			sd_buf_addf(&p, "%s/lineage/curated.tsv", corpus);
			if (!stat(p.ptr, &st))
				sd_strv_push(&curated, p.ptr);
			sd_buf_release(&p);
		}
	}
	for (size_t i = 0; i < curated.n && !no_curated; i++)
		if (sd_lineage_links_load(&links, curated.v[i]) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	lo.links = links.v;
	lo.nlinks = links.n;
	sd_cli_source_opts(&cs, &so);
	for (size_t i = 0; i < inputs.n; i++)
		if (sd_source_benchmarks(inputs.v[i], &so, on_bench, &bl,
					 sd_cli_problem, &problems) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	if (problems.count) {
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	if (!lk && !bl.n) {
		sd_cli_error("no benchmark in %s",
			     corpus_dir ? corpus_dir
			     : inputs.n == 1 ? inputs.v[0] : "the inputs");
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	if ((!lk && sd_lineage_new(bl.v, bl.n, &lo, &lin) < 0) ||
	    sd_outfile_open(&out, output, force) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (lin)
		nbench = sd_lineage_benchmarks(lin);
	if (json) {
		arr = sd_json_array_new();
		missing = sd_json_array_new();
	}
	for (size_t i = 0; i < args.n; i++) {
		struct sd_lineage_stored *st = NULL;
		int err = 0;

		if (lk)
			err = sd_lineage_stored_open(sd_link_source(lk),
						     sd_link_index(lk), &lo,
						     args.v[i], &st);
		if (!err)
			err = show(st ? sd_lineage_stored_lineage(st) : lin,
				   args.v[i], json, arr, out.fp, &first);
		sd_lineage_stored_free(st);
		if (err < 0) {
			if (sd_error_code() != SD_ENOTFOUND) {
				rc = sd_cli_fail();
				goto done;
			}
			if (lk)
				sd_error_set(SD_ENOTFOUND,
					     "no rule '%s' in %zu benchmark%s",
					     args.v[i], nbench,
					     nbench == 1 ? "" : "s");
			sd_cli_error("%s", sd_error_last());
			if (json)
				sd_json_append(missing, sd_json_string_new(args.v[i]));
			nmissing++;
		}
	}
	if (json) {
		doc = sd_json_object_new();
		sd_json_set_str(doc, "format", "stigdiff-lineage");
		sd_json_set_int(doc, "format-version", 2);
		sd_json_set_int(doc, "benchmarks", (long long)nbench);
		sd_json_set(doc, "lineages", arr);
		sd_json_set(doc, "not-found", missing);
		arr = missing = NULL;
		if (sd_json_dump(doc, out.fp, SD_JSON_PRETTY | SD_JSON_SHORT_REALS) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	}
	if (sd_outfile_commit(&out) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	rc = nmissing ? SD_EXIT_FOUND : SD_EXIT_OK;
done:
	sd_outfile_abort(&out);
	sd_json_free(doc);
	sd_json_free(arr);
	sd_json_free(missing);
	sd_lineage_free(lin);
	sd_link_free(lk);
	sd_corpus_free(c);
	for (size_t i = 0; i < bl.n; i++)
		sd_benchmark_free(bl.v[i]);
	free(bl.v);
	free(corpus);
	sd_lineage_links_release(&links);
	sd_strv_release(&curated);
	sd_strv_release(&inputs);
	sd_strv_release(&args);
	return rc;
}
