/*
 * Linked data: benchmarks, releases and rules as RDF, in Turtle (the
 * site's .ttl twins, `stigdiff export --format ttl`) and RDF/XML
 * (`export --format rdfxml`). One vocabulary, documented in README.md
 * ("Vocabulary"): Dublin Core terms for titles, dates and descriptions,
 * and stigdiff's own namespace SD_RDF_NS for the rest.
 *
 * Resources are named by their page's path in a site (`stig/<slug>/` a
 * benchmark, `stig/<slug>/#<label>` a release, `stig/<slug>/<V-ID>` a
 * rule), written relative to `root` (a prefix such as "../../" or ""),
 * so a twin read from where the site is served names the pages beside
 * it; --base-url makes them absolute through @base / xml:base.
 */
#ifndef SD_RDF_H
#define SD_RDF_H

#include "buf.h"
#include "xccdf.h"

#define SD_RDF_NS "https://stigdiff.invalid/ns#"
#define SD_RDF_DCT "http://purl.org/dc/terms/"

/* A link from a rule to a rule of another benchmark. */
struct sd_rdf_link {
	const char *path;     /* root-relative: stig/<slug>/<V-ID> */
	const char *relation; /* "predecessor", "successor", "sibling",
				 "related": the term sd:<relation> */
};

/* What one rule's description needs besides the rule. */
struct sd_rdf_rule {
	const struct sd_rule *rule;
	const char *slug;
	const char *page;  /* file name without .html: V-259642 */
	const char *label; /* the latest release holding it */
	const struct sd_rdf_link *links;
	size_t nlinks;
	const struct sd_strv *controls; /* NIST SP 800-53 rev 5, or NULL */
};

/* A benchmark and its releases. */
struct sd_rdf_bench {
	const struct sd_benchmark *b; /* the latest release */
	const char *slug;
	const char *const *labels; /* oldest first */
	const char *const *dates;  /* NULL entries allowed */
	size_t nreleases;
};

/* Append `s` as a Turtle string literal ("..." with escapes). */
void sd_rdf_ttl_string(struct sd_buf *out, const char *s);

/* The @prefix lines (and @base when `base` is not NULL). */
void sd_rdf_ttl_prefixes(struct sd_buf *out, const char *base);
/* A benchmark and its releases as Turtle statements. */
void sd_rdf_ttl_bench(struct sd_buf *out, const char *root,
		      const struct sd_rdf_bench *rb);
/* A rule as Turtle statements. */
void sd_rdf_ttl_rule(struct sd_buf *out, const char *root,
		     const struct sd_rdf_rule *rr);

struct sd_xw;
/* The same statements as rdf:Description elements of an RDF/XML
 * document whose rdf:RDF element `w` has open. */
int sd_rdf_xml_bench(struct sd_xw *w, const char *root,
		     const struct sd_rdf_bench *rb);
int sd_rdf_xml_rule(struct sd_xw *w, const char *root,
		    const struct sd_rdf_rule *rr);

#endif
