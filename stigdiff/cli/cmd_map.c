/*
 * stigdiff map: the rule-to-rule mapping between an old benchmark and a
 * new one (or every benchmark NEW holds), as TSV or JSON.
 */
#include "cli.h"
#include "buf.h"
#include "error.h"
#include "json.h"
#include "lineage.h"
#include "match.h"
#include "product.h"
#include "tsv.h"

#include <string.h>

static const char usage[] =
	"stigdiff map [options] OLD NEW\n\n"
	"Map the rules of the benchmark in OLD to those of the benchmark in NEW,\n"
	"same product or not: declared ids first (same rule/vuln id within a\n"
	"product line, legacy idents, same STIG id), then content similarity.\n"
	"When NEW holds several benchmarks (a directory, a zip), OLD is mapped\n"
	"to each in turn. TSV columns: old vuln_id, old stig_id, new vuln_id,\n"
	"new stig_id, score, kind, evidence; one '#' line names each pair of\n"
	"benchmarks. Kinds: curated, same-id, legacy-id, same-stig-id, content,\n"
	"split, merge, none (unmatched, with its best candidate as evidence).\n"
	"A declaration (legacy ident, same vuln id, same STIG id) whose content\n"
	"is far below a content-identical alternative is set aside: the pairs of\n"
	"its rules say declared-conflict, with both (--trust-declared keeps it).\n"
	"Exit status 0 when every rule on both sides is matched, 1 when some\n"
	"are not, 2 on error.";

struct map {
	const char *format;
	const char *new_select;
	int json;
	struct sd_match_set *old_set;
	struct sd_match_opts mo;
	FILE *fp;
	struct sd_json *maps;
	int count;
	int unmatched;
	struct sd_cli_problems problems;
};

/* A TSV cell (tsv.h: tabs, line breaks and backslashes escaped). */
static void tsv_cell(FILE *fp, const char *s)
{
	struct sd_buf b = SD_BUF_INIT;

	sd_tsv_field(&b, s);
	fwrite(b.ptr, 1, b.len, fp);
	sd_buf_release(&b);
}

static struct sd_json *rule_json(const struct sd_rule *r)
{
	struct sd_json *j;

	if (!r)
		return sd_json_null_new();
	j = sd_json_object_new();
	sd_json_set_str(j, "vuln-id", r->vuln_id);
	sd_json_set_str(j, "rule-id", r->rule_id);
	sd_json_set_str(j, "stig-id", r->stig_id);
	sd_json_set_str(j, "title", r->title);
	return j;
}

static struct sd_json *pair_json(const struct sd_match_pair *p)
{
	static const char *const fields[SD_MATCH_NFIELDS] = {
		"title", "check-content", "fix-text", "discussion"
	};
	struct sd_json *j = sd_json_object_new(), *sim = sd_json_object_new();

	sd_json_set(j, "old", rule_json(p->old_rule));
	sd_json_set(j, "new", rule_json(p->new_rule));
	sd_json_set_str(j, "kind", sd_match_kind_name(p->kind));
	sd_json_set(j, "score", sd_cli_score_json(p->score));
	for (int f = 0; f < SD_MATCH_NFIELDS; f++)
		sd_json_set(sim, fields[f], p->field[f] < 0
				       ? sd_json_null_new()
				       : sd_cli_score_json(p->field[f]));
	sd_json_set(j, "similarity", sim);
	if (p->candidate) {
		sd_json_set(j, "candidate", rule_json(p->candidate));
		sd_json_set(j, "below-threshold",
			    sd_json_bool_new(p->below_threshold));
	}
	if (p->link) {
		struct sd_json *l = sd_json_object_new();

		sd_json_set_str(l, "reason", p->link->reason);
		sd_json_set_str(l, "source", p->link->source);
		sd_json_set(j, "curated", l);
	}
	if (p->declared_conflict)
		sd_json_set_str(j, "declared-conflict", p->conflict);
	sd_json_set_str(j, "evidence", p->evidence);
	return j;
}

/* How NEW's product relates to OLD's (product.h), and why: "successor
 * (family windows, generation 2019, server, stig -> family windows,
 * generation 2022, server, stig)" into `why`. */
static const char *relation(const struct sd_match *m, struct sd_buf *why)
{
	struct sd_product pa, pb;
	enum sd_product_relation r;

	sd_product_infer(&pa, NULL, sd_match_old(m)->id,
			 sd_match_old(m)->title);
	sd_product_infer(&pb, NULL, sd_match_new(m)->id,
			 sd_match_new(m)->title);
	r = sd_product_relation(&pa, &pb);
	sd_product_describe(&pa, why);
	sd_buf_addstr(why, " -> ");
	sd_product_describe(&pb, why);
	sd_product_release(&pa);
	sd_product_release(&pb);
	return sd_product_relation_name(r);
}

static void write_tsv(struct map *mp, const struct sd_match *m)
{
	struct sd_buf why = SD_BUF_INIT;
	const char *rel = relation(m, &why);

	const struct sd_benchmark *a = sd_match_old(m), *b = sd_match_new(m);
	char va[32], vb[32];

	fprintf(mp->fp, "# ");
	tsv_cell(mp->fp, a->id);
	fprintf(mp->fp, " %s -> ", sd_benchmark_vr(a, va));
	tsv_cell(mp->fp, b->id);
	fprintf(mp->fp, " %s\n", sd_benchmark_vr(b, vb));
	fprintf(mp->fp, "# relation: %s (", rel);
	tsv_cell(mp->fp, why.ptr);
	fprintf(mp->fp, ")\n");
	sd_buf_release(&why);
	for (size_t i = 0; i < sd_match_count(m); i++) {
		const struct sd_match_pair *p = sd_match_at(m, i);
		const struct sd_rule *o = p->old_rule, *n = p->new_rule;

		tsv_cell(mp->fp, o ? o->vuln_id : "");
		fputc('\t', mp->fp);
		tsv_cell(mp->fp, o ? o->stig_id : "");
		fputc('\t', mp->fp);
		tsv_cell(mp->fp, n ? n->vuln_id : "");
		fputc('\t', mp->fp);
		tsv_cell(mp->fp, n ? n->stig_id : "");
		fprintf(mp->fp, "\t%.3f\t%s\t", p->score,
			sd_match_kind_name(p->kind));
		tsv_cell(mp->fp, p->evidence);
		fputc('\n', mp->fp);
	}
}

static void add_json(struct map *mp, const struct sd_match *m)
{
	struct sd_json *j = sd_json_object_new(), *pairs = sd_json_array_new();
	struct sd_json *sum = sd_json_object_new();
	size_t counts[8], uo, un;

	sd_json_set(j, "old", sd_cli_benchmark_json(sd_match_old(m)));
	sd_json_set(j, "new", sd_cli_benchmark_json(sd_match_new(m)));
	{
		struct sd_buf why = SD_BUF_INIT;

		sd_json_set_str(j, "relation", relation(m, &why));
		sd_json_set_str(j, "relation-evidence", why.ptr);
		sd_buf_release(&why);
	}
	sd_match_counts(m, counts);
	sd_match_unmatched(m, &uo, &un);
	for (int k = SD_MATCH_SAME_ID; k <= SD_MATCH_MERGE; k++)
		sd_json_set_int(sum, sd_match_kind_name(k), (long long)counts[k]);
	sd_json_set_int(sum, "unmatched-old", (long long)uo);
	sd_json_set_int(sum, "unmatched-new", (long long)un);
	sd_json_set_int(sum, "declared-conflict",
			(long long)sd_match_conflicts(m));
	sd_json_set(j, "summary", sum);
	for (size_t i = 0; i < sd_match_count(m); i++)
		sd_json_append(pairs, pair_json(sd_match_at(m, i)));
	sd_json_set(j, "pairs", pairs);
	sd_json_append(mp->maps, j);
}

static int on_new(struct sd_benchmark *b, const struct sd_doc *doc, void *ctx)
{
	struct map *mp = ctx;
	struct sd_match_set *set;
	struct sd_match *m = NULL;
	size_t uo, un;
	int err;

	(void)doc;
	if (mp->new_select && sd_strcmp_null(b->id, mp->new_select) &&
	    !strstr(b->source, mp->new_select)) {
		sd_benchmark_free(b);
		return 0;
	}
	set = sd_match_set_new(b);
	err = sd_match_run_sets(mp->old_set, set, &mp->mo, &m);
	if (!err) {
		if (mp->json)
			add_json(mp, m);
		else
			write_tsv(mp, m);
		sd_match_unmatched(m, &uo, &un);
		if (uo || un)
			mp->unmatched = 1;
		mp->count++;
	}
	sd_match_free(m);
	sd_match_set_free(set);
	sd_benchmark_free(b);
	return err;
}

int cmd_map(int argc, char **argv)
{
	struct sd_cli_source cs = SD_CLI_SOURCE_INIT;
	struct sd_source_opts so;
	struct sd_strv args = SD_STRV_INIT, curated = SD_STRV_INIT;
	struct sd_lineage_links links = SD_LINEAGE_LINKS_INIT;
	struct sd_outfile out = { 0 };
	struct sd_benchmark *old = NULL;
	struct sd_json *doc = NULL;
	struct map mp;
	const char *output = NULL, *old_select = NULL;
	int rc = SD_EXIT_OK, force = 0, err;
	const struct sd_opt opts[] = {
		{ SD_OPT_STRING, 0, "format", &mp.format, "FMT",
		  "tsv (default) or json" },
		{ SD_OPT_STRING, 'o', "output", &output, "FILE",
		  "write to FILE instead of standard output" },
		{ SD_OPT_FLAG, 'f', "force", &force, NULL,
		  "overwrite FILE if it exists" },
		{ SD_OPT_FLAG, 0, "ignore-legacy", &mp.mo.ignore_legacy, NULL,
		  "ignore declared evidence (ids, legacy idents, STIG ids): content only" },
		{ SD_OPT_FLAG, 0, "trust-declared", &mp.mo.trust_declared, NULL,
		  "keep declarations content contradicts (no declared-conflict)" },
		{ SD_OPT_DOUBLE, 0, "threshold", &mp.mo.threshold, "T",
		  "content score needed for a match, 0..1 (default 0.5)" },
		{ SD_OPT_MULTI, 0, "curated", &curated, "FILE",
		  "apply the curated links in FILE (docs/formats/curated-links.md)" },
		{ SD_OPT_STRING, 0, "old-benchmark", &old_select, "ID",
		  "the benchmark of OLD with this id (or source member)" },
		{ SD_OPT_STRING, 0, "new-benchmark", &mp.new_select, "ID",
		  "only the benchmark of NEW with this id (or source member)" },
		SD_OPT_INPUT_LIMITS(&cs),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	memset(&mp, 0, sizeof(mp));
	mp.format = "tsv";
	if (sd_cli_parse(argc, argv, opts, usage, &args, &rc))
		goto done;
	if (args.n != 2) {
		rc = sd_cli_usage_error(argv[0], "expected OLD and NEW, got %zu argument%s",
					args.n, args.n == 1 ? "" : "s");
		goto done;
	}
	if (strcmp(mp.format, "tsv") && strcmp(mp.format, "json")) {
		rc = sd_cli_usage_error(argv[0], "unknown format '%s'", mp.format);
		goto done;
	}
	if (mp.mo.threshold < 0 || mp.mo.threshold > 1) {
		rc = sd_cli_usage_error(argv[0], "threshold must be within 0..1");
		goto done;
	}
	mp.json = !strcmp(mp.format, "json");
	for (size_t i = 0; i < curated.n; i++)
		if (sd_lineage_links_load(&links, curated.v[i]) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	mp.mo.links = links.v;
	mp.mo.nlinks = links.n;
	sd_cli_source_opts(&cs, &so);
	if (sd_source_load_one(args.v[0], old_select, &so, &old) < 0 ||
	    sd_outfile_open(&out, output, force) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	mp.fp = out.fp;
	mp.old_set = sd_match_set_new(old);
	if (mp.json)
		mp.maps = sd_json_array_new();
	err = sd_source_benchmarks(args.v[1], &so, on_new, &mp, sd_cli_problem,
				   &mp.problems);
	if (err < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (mp.problems.count) {
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	if (!mp.count) {
		if (mp.new_select)
			sd_cli_error("no benchmark '%s' in '%s'", mp.new_select,
				     args.v[1]);
		else
			sd_cli_error("no benchmark in '%s'", args.v[1]);
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	if (mp.json) {
		doc = sd_json_object_new();
		sd_json_set_str(doc, "format", "stigdiff-map");
		sd_json_set_int(doc, "format-version", 1);
		sd_json_set(doc, "threshold",
			    sd_json_real_new(mp.mo.threshold > 0
						     ? mp.mo.threshold
						     : SD_MATCH_THRESHOLD));
		sd_json_set(doc, "ignore-legacy",
			    sd_json_bool_new(mp.mo.ignore_legacy));
		sd_json_set(doc, "trust-declared",
			    sd_json_bool_new(mp.mo.trust_declared));
		sd_json_set(doc, "maps", mp.maps);
		mp.maps = NULL;
		if (sd_json_dump(doc, out.fp, SD_JSON_PRETTY | SD_JSON_SHORT_REALS) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	}
	if (sd_outfile_commit(&out) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	rc = mp.unmatched ? SD_EXIT_FOUND : SD_EXIT_OK;
done:
	sd_outfile_abort(&out);
	sd_json_free(doc);
	sd_json_free(mp.maps);
	sd_match_set_free(mp.old_set);
	sd_benchmark_free(old);
	sd_lineage_links_release(&links);
	sd_strv_release(&curated);
	sd_strv_release(&args);
	return rc;
}
