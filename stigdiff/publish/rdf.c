/*
 * Turtle and RDF/XML of benchmarks, releases and rules (see rdf.h). The
 * Turtle is written by hand: every literal goes through one escaping
 * function, and IRIs are built only from slugs, labels and page names,
 * which hold letters, digits, '.', '_' and '-'.
 */
#include "rdf.h"
#include "xmlw.h"

#include <string.h>

void sd_rdf_ttl_string(struct sd_buf *out, const char *s)
{
	sd_buf_addch(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': sd_buf_addstr(out, "\\\""); break;
		case '\\': sd_buf_addstr(out, "\\\\"); break;
		case '\n': sd_buf_addstr(out, "\\n"); break;
		case '\r': sd_buf_addstr(out, "\\r"); break;
		case '\t': sd_buf_addstr(out, "\\t"); break;
		default:
			/* Other controls cannot appear raw in a literal. */
			if (*p < 0x20 || *p == 0x7f)
				sd_buf_addf(out, "\\u%04X", *p);
			else
				sd_buf_addch(out, (char)*p);
		}
	}
	sd_buf_addch(out, '"');
}

void sd_rdf_ttl_prefixes(struct sd_buf *out, const char *base)
{
	if (base) {
		/* A base IRI cannot hold '>' or blanks: they are dropped
		 * rather than breaking the document. */
		sd_buf_addstr(out, "@base <");
		for (const char *p = base; *p; p++)
			if (!strchr("<>\"{}|^`\\ \t\n\r", *p))
				sd_buf_addch(out, *p);
		sd_buf_addstr(out, "> .\n");
	}
	sd_buf_addstr(out,
		      "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
		      "@prefix dcterms: <" SD_RDF_DCT "> .\n"
		      "@prefix sd: <" SD_RDF_NS "> .\n\n");
}

static void ttl_iri(struct sd_buf *out, const char *root, const char *slug,
		    const char *rest)
{
	sd_buf_addf(out, "<%sstig/%s/%s>", root, slug, rest ? rest : "");
}

/* One "  pred literal ;" line; nothing for a NULL value. */
static void ttl_lit(struct sd_buf *out, const char *pred, const char *v)
{
	if (!v)
		return;
	sd_buf_addf(out, " ;\n  %s ", pred);
	sd_rdf_ttl_string(out, v);
}

void sd_rdf_ttl_bench(struct sd_buf *out, const char *root,
		      const struct sd_rdf_bench *rb)
{
	const struct sd_benchmark *b = rb->b;

	ttl_iri(out, root, rb->slug, NULL);
	sd_buf_addstr(out, " a sd:Benchmark");
	ttl_lit(out, "dcterms:identifier", b->id);
	ttl_lit(out, "dcterms:title", b->title);
	ttl_lit(out, "dcterms:description", b->description);
	for (size_t i = 0; i < rb->nreleases; i++) {
		sd_buf_addstr(out, " ;\n  sd:release ");
		sd_buf_addf(out, "<%sstig/%s/#%s>", root, rb->slug,
			    rb->labels[i]);
	}
	sd_buf_addstr(out, " .\n");
	for (size_t i = 0; i < rb->nreleases; i++) {
		sd_buf_addf(out, "\n<%sstig/%s/#%s> a sd:Release ;\n  sd:releaseOf ",
			    root, rb->slug, rb->labels[i]);
		ttl_iri(out, root, rb->slug, NULL);
		ttl_lit(out, "sd:label", rb->labels[i]);
		ttl_lit(out, "dcterms:date", rb->dates[i]);
		sd_buf_addstr(out, " .\n");
	}
}

void sd_rdf_ttl_rule(struct sd_buf *out, const char *root,
		     const struct sd_rdf_rule *rr)
{
	const struct sd_rule *r = rr->rule;

	sd_buf_addch(out, '\n');
	ttl_iri(out, root, rr->slug, rr->page);
	sd_buf_addstr(out, " a sd:Rule ;\n  dcterms:isPartOf ");
	ttl_iri(out, root, rr->slug, NULL);
	sd_buf_addstr(out, " ;\n  sd:release ");
	sd_buf_addf(out, "<%sstig/%s/#%s>", root, rr->slug, rr->label);
	ttl_lit(out, "dcterms:title", r->title);
	ttl_lit(out, "sd:vulnId", r->vuln_id);
	ttl_lit(out, "sd:ruleId", r->rule_id);
	ttl_lit(out, "sd:stigId", r->stig_id);
	if (r->severity != SD_SEV_UNKNOWN)
		ttl_lit(out, "sd:severity", sd_severity_name(r->severity));
	ttl_lit(out, "sd:srg", r->srg);
	for (size_t i = 0; i < r->ccis.n; i++)
		ttl_lit(out, "sd:cci", r->ccis.v[i]);
	for (size_t i = 0; i < r->legacy.n; i++)
		ttl_lit(out, "sd:legacyId", r->legacy.v[i]);
	ttl_lit(out, "sd:discussion", r->desc[SD_DESC_DISCUSSION]);
	ttl_lit(out, "sd:checkContent", r->check_content);
	ttl_lit(out, "sd:fixText", r->fix_text);
	for (size_t i = 0; rr->controls && i < rr->controls->n; i++)
		ttl_lit(out, "sd:nistControl", rr->controls->v[i]);
	for (size_t i = 0; i < rr->nlinks; i++)
		sd_buf_addf(out, " ;\n  sd:%s <%s%s>", rr->links[i].relation,
			    root, rr->links[i].path);
	sd_buf_addstr(out, " .\n");
}

/* ---- RDF/XML ---- */

static void xml_iri(struct sd_buf *b, const char *root, const char *slug,
		    const char *rest)
{
	sd_buf_reset(b);
	sd_buf_addf(b, "%sstig/%s/%s", root, slug, rest ? rest : "");
}

static void xml_lit(struct sd_xw *w, const char *pred, const char *v)
{
	if (v)
		sd_xw_elem(w, pred, v);
}

static void xml_ref(struct sd_xw *w, const char *pred, const char *iri)
{
	sd_xw_start(w, pred);
	sd_xw_attr(w, "rdf:resource", iri);
	sd_xw_end(w);
}

int sd_rdf_xml_bench(struct sd_xw *w, const char *root,
		     const struct sd_rdf_bench *rb)
{
	struct sd_buf iri = SD_BUF_INIT, rel = SD_BUF_INIT;
	const struct sd_benchmark *b = rb->b;
	int err;

	xml_iri(&iri, root, rb->slug, NULL);
	sd_xw_start(w, "sd:Benchmark");
	sd_xw_attr(w, "rdf:about", iri.ptr);
	xml_lit(w, "dcterms:identifier", b->id);
	xml_lit(w, "dcterms:title", b->title);
	xml_lit(w, "dcterms:description", b->description);
	for (size_t i = 0; i < rb->nreleases; i++) {
		sd_buf_reset(&rel);
		sd_buf_addf(&rel, "%s#%s", iri.ptr, rb->labels[i]);
		xml_ref(w, "sd:release", rel.ptr);
	}
	sd_xw_end(w);
	for (size_t i = 0; i < rb->nreleases; i++) {
		sd_buf_reset(&rel);
		sd_buf_addf(&rel, "%s#%s", iri.ptr, rb->labels[i]);
		sd_xw_start(w, "sd:Release");
		sd_xw_attr(w, "rdf:about", rel.ptr);
		xml_ref(w, "sd:releaseOf", iri.ptr);
		xml_lit(w, "sd:label", rb->labels[i]);
		xml_lit(w, "dcterms:date", rb->dates[i]);
		err = sd_xw_end(w);
	}
	err = sd_xw_text(w, "\n");
	sd_buf_release(&iri);
	sd_buf_release(&rel);
	return err;
}

int sd_rdf_xml_rule(struct sd_xw *w, const char *root,
		    const struct sd_rdf_rule *rr)
{
	struct sd_buf iri = SD_BUF_INIT;
	const struct sd_rule *r = rr->rule;
	int err;

	xml_iri(&iri, root, rr->slug, rr->page);
	sd_xw_start(w, "sd:Rule");
	sd_xw_attr(w, "rdf:about", iri.ptr);
	xml_iri(&iri, root, rr->slug, NULL);
	xml_ref(w, "dcterms:isPartOf", iri.ptr);
	sd_buf_addf(&iri, "#%s", rr->label);
	xml_ref(w, "sd:release", iri.ptr);
	xml_lit(w, "dcterms:title", r->title);
	xml_lit(w, "sd:vulnId", r->vuln_id);
	xml_lit(w, "sd:ruleId", r->rule_id);
	xml_lit(w, "sd:stigId", r->stig_id);
	if (r->severity != SD_SEV_UNKNOWN)
		xml_lit(w, "sd:severity", sd_severity_name(r->severity));
	xml_lit(w, "sd:srg", r->srg);
	for (size_t i = 0; i < r->ccis.n; i++)
		xml_lit(w, "sd:cci", r->ccis.v[i]);
	for (size_t i = 0; i < r->legacy.n; i++)
		xml_lit(w, "sd:legacyId", r->legacy.v[i]);
	xml_lit(w, "sd:discussion", r->desc[SD_DESC_DISCUSSION]);
	xml_lit(w, "sd:checkContent", r->check_content);
	xml_lit(w, "sd:fixText", r->fix_text);
	for (size_t i = 0; rr->controls && i < rr->controls->n; i++)
		xml_lit(w, "sd:nistControl", rr->controls->v[i]);
	for (size_t i = 0; i < rr->nlinks; i++) {
		struct sd_buf pred = SD_BUF_INIT;

		sd_buf_reset(&iri);
		sd_buf_addf(&iri, "%s%s", root, rr->links[i].path);
		sd_buf_addf(&pred, "sd:%s", rr->links[i].relation);
		xml_ref(w, pred.ptr, iri.ptr);
		sd_buf_release(&pred);
	}
	sd_xw_end(w);
	err = sd_xw_text(w, "\n");
	sd_buf_release(&iri);
	return err;
}
