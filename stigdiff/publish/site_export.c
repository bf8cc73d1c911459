/*
 * The bulk export (site.h): what the site's pages and Turtle twins hold,
 * in one document. Turtle and RDF/XML share rdf.c with the twins; JSON
 * goes through json.c; CSV is one row per rule page.
 */
#include "site.h"
#include "site_int.h"
#include "csv.h"
#include "error.h"
#include "json.h"
#include "rdf.h"

#include <string.h>

static const struct sd_rule *rule_of(const struct site_bench *sb,
				     const struct site_page *p)
{
	return &sb->b[p->rel]->rules[p->rule];
}

static void rdf_bench_of(const struct site_bench *sb, struct sd_rdf_bench *rb,
			 const char **labels, const char **dates)
{
	for (size_t i = 0; i < sb->nrel; i++) {
		labels[i] = sb->rel[i].label;
		dates[i] = sb->rel[i].date;
	}
	rb->b = sb->b[sb->nrel - 1];
	rb->slug = sb->slug;
	rb->labels = labels;
	rb->dates = dates;
	rb->nreleases = sb->nrel;
}

/* Call `fn` for benchmark `sb` and each of its pages, in RDF form. */
typedef int (*rdf_fn)(void *ctx, const struct sd_rdf_bench *rb,
		      const struct sd_rdf_rule *rr);

static int each_rdf(const struct site_bench *sb, rdf_fn fn, void *ctx)
{
	const char **labels = sd_xcalloc(sb->nrel + 1, sizeof(char *));
	const char **dates = sd_xcalloc(sb->nrel + 1, sizeof(char *));
	struct sd_rdf_bench rb;
	int err;

	rdf_bench_of(sb, &rb, labels, dates);
	err = fn(ctx, &rb, NULL);
	for (size_t i = 0; i < sb->npages && !err; i++) {
		const struct site_page *p = &sb->pages[i];
		struct sd_rdf_link *links =
			sd_xcalloc(p->nlinks + 1, sizeof(*links));
		struct sd_rdf_rule rr;

		sd_site_rdf_rule(sb, p, &rr, links);
		err = fn(ctx, NULL, &rr);
		free(links);
	}
	free(labels);
	free(dates);
	return err;
}

static int ttl_one(void *ctx, const struct sd_rdf_bench *rb,
		   const struct sd_rdf_rule *rr)
{
	struct sd_buf *out = ctx;

	if (rb) {
		sd_buf_addch(out, '\n');
		sd_rdf_ttl_bench(out, "", rb);
	} else {
		sd_rdf_ttl_rule(out, "", rr);
	}
	return 0;
}

static int xml_one(void *ctx, const struct sd_rdf_bench *rb,
		   const struct sd_rdf_rule *rr)
{
	return rb ? sd_rdf_xml_bench(ctx, "", rb) : sd_rdf_xml_rule(ctx, "", rr);
}

static struct sd_json *str_or_null(const char *s)
{
	return s ? sd_json_string_new(s) : sd_json_null_new();
}

static struct sd_json *json_strv(const struct sd_strv *sv)
{
	struct sd_json *a = sd_json_array_new();

	for (size_t i = 0; i < sv->n; i++)
		sd_json_append(a, sd_json_string_new(sv->v[i]));
	return a;
}

static struct sd_json *json_rule(const struct site_bench *sb,
				 const struct site_page *p)
{
	const struct sd_rule *r = rule_of(sb, p);
	struct sd_json *o = sd_json_object_new(), *links = sd_json_array_new();
	struct sd_buf path = SD_BUF_INIT;

	sd_buf_addf(&path, "stig/%s/%s.html", sb->slug, p->name);
	sd_json_set(o, "page", sd_json_string_new(path.ptr));
	sd_json_set(o, "release", sd_json_string_new(sb->rel[p->rel].label));
	sd_json_set(o, "vuln-id", str_or_null(r->vuln_id));
	sd_json_set(o, "rule-id", str_or_null(r->rule_id));
	sd_json_set(o, "stig-id", str_or_null(r->stig_id));
	sd_json_set(o, "severity", r->severity
		    ? sd_json_string_new(sd_severity_name(r->severity))
		    : sd_json_null_new());
	sd_json_set(o, "srg", str_or_null(r->srg));
	sd_json_set(o, "title", str_or_null(r->title));
	sd_json_set(o, "ccis", json_strv(&r->ccis));
	sd_json_set(o, "legacy-ids", json_strv(&r->legacy));
	sd_json_set(o, "nist-controls", json_strv(&p->controls));
	sd_json_set(o, "discussion", str_or_null(r->desc[SD_DESC_DISCUSSION]));
	sd_json_set(o, "check-content", str_or_null(r->check_content));
	sd_json_set(o, "fix-text", str_or_null(r->fix_text));
	for (size_t i = 0; i < p->nlinks; i++) {
		const struct site_link *l = &p->links[i];
		struct sd_json *j = sd_json_object_new();

		sd_json_set(j, "direction", sd_json_string_new(l->relation));
		sd_buf_reset(&path);
		sd_buf_addf(&path, "%s.html", l->path);
		sd_json_set(j, "page", sd_json_string_new(path.ptr));
		sd_json_set(j, "vuln-id", str_or_null(l->vuln));
		sd_json_set(j, "stig-id", str_or_null(l->stig));
		sd_json_set(j, "kind", str_or_null(l->kind));
		sd_json_set(j, "score", str_or_null(l->score));
		sd_json_set(j, "evidence", str_or_null(l->evidence));
		sd_json_append(links, j);
	}
	sd_json_set(o, "lineage", links);
	sd_buf_release(&path);
	return o;
}

static struct sd_json *json_bench(const struct site_bench *sb)
{
	const struct sd_benchmark *b = sb->b[sb->nrel - 1];
	struct sd_json *o = sd_json_object_new(), *rel = sd_json_array_new(),
		       *rules = sd_json_array_new();

	sd_json_set(o, "slug", sd_json_string_new(sb->slug));
	sd_json_set(o, "id", str_or_null(b->id));
	sd_json_set(o, "title", str_or_null(b->title));
	for (size_t i = 0; i < sb->nrel; i++) {
		struct sd_json *r = sd_json_object_new();

		sd_json_set(r, "label", sd_json_string_new(sb->rel[i].label));
		sd_json_set(r, "date", str_or_null(sb->rel[i].date));
		sd_json_set_int(r, "rules", (long long)sb->rel[i].nrules);
		sd_json_append(rel, r);
	}
	sd_json_set(o, "releases", rel);
	for (size_t i = 0; i < sb->npages; i++)
		sd_json_append(rules, json_rule(sb, &sb->pages[i]));
	sd_json_set(o, "rules", rules);
	return o;
}

static void csv_bench(struct sd_buf *out, const struct site_bench *sb)
{
	for (size_t i = 0; i < sb->npages; i++) {
		const struct site_page *p = &sb->pages[i];
		const struct sd_rule *r = rule_of(sb, p);
		struct sd_buf list = SD_BUF_INIT;

		sd_csv_field(out, sb->slug, 0);
		sd_csv_field(out, sb->rel[p->rel].label, 0);
		sd_csv_field(out, r->vuln_id, 0);
		sd_csv_field(out, r->rule_id, 0);
		sd_csv_field(out, r->stig_id, 0);
		sd_csv_field(out, r->severity ? sd_severity_name(r->severity)
					   : "", 0);
		sd_csv_field(out, r->srg, 0);
		for (size_t k = 0; k < r->ccis.n; k++)
			sd_buf_addf(&list, "%s%s", k ? " " : "", r->ccis.v[k]);
		sd_csv_field(out, list.ptr, 0);
		sd_csv_field(out, r->title, 1);
		sd_buf_release(&list);
	}
}

int sd_site_export(struct sd_site *s, const char *slug,
		   enum sd_site_format fmt, FILE *fp)
{
	struct sd_buf out = SD_BUF_INIT;
	struct sd_json *root = NULL, *benches = NULL;
	struct sd_xw *w = NULL;
	size_t found = 0;
	int err = 0;

	if (fmt == SD_EXPORT_TTL)
		sd_rdf_ttl_prefixes(&out, s->base_url);
	if (fmt == SD_EXPORT_CSV)
		sd_buf_addstr(&out, "benchmark,release,vuln-id,rule-id,stig-id,"
				    "severity,srg,ccis,title\r\n");
	if (fmt == SD_EXPORT_JSON) {
		root = sd_json_object_new();
		benches = sd_json_array_new();
		sd_json_set(root, "format", sd_json_string_new("stigdiff-export"));
		sd_json_set_int(root, "format-version", 1);
	}
	if (fmt == SD_EXPORT_RDFXML) {
		sd_xw_open(&w, fp, 0);
		sd_xw_start(w, "rdf:RDF");
		sd_xw_attr(w, "xmlns:rdf",
			   "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
		sd_xw_attr(w, "xmlns:dcterms", SD_RDF_DCT);
		sd_xw_attr(w, "xmlns:sd", SD_RDF_NS);
		sd_xw_attr(w, "xml:base", s->base_url);
		sd_xw_text(w, "\n");
	}
	/* One benchmark open at a time (site_int.h). */
	for (size_t i = 0; i < s->n && !err; i++) {
		const struct site_bench *sb = &s->v[i];

		if (!sb->nrel || (slug && strcmp(slug, sb->slug)))
			continue;
		found++;
		if ((err = sd_site_bench_open(s, i)) < 0)
			break;
		if (fmt == SD_EXPORT_TTL)
			err = each_rdf(sb, ttl_one, &out);
		else if (fmt == SD_EXPORT_RDFXML)
			err = each_rdf(sb, xml_one, w);
		else if (fmt == SD_EXPORT_JSON)
			sd_json_append(benches, json_bench(sb));
		else
			csv_bench(&out, sb);
		sd_site_bench_close(s, i);
	}
	if (!err && slug && !found)
		err = sd_error_set(SD_ENOTFOUND, "no benchmark '%s' in the corpus",
				   slug);
	if (fmt == SD_EXPORT_RDFXML) {
		int e = sd_xw_close(w);

		err = err ? err : e;
	} else if (fmt == SD_EXPORT_JSON) {
		sd_json_set(root, "benchmarks", benches);
		if (!err && sd_json_dump(root, fp, SD_JSON_PRETTY) < 0)
			err = sd_write_failed("the export");
	} else if (!err && fwrite(out.ptr, 1, out.len, fp) != out.len) {
		err = sd_write_failed("the export");
	}
	sd_json_free(root);
	sd_buf_release(&out);
	return err;
}
