/*
 * The normalized document: this project's own, documented form of a
 * benchmark (schema: xslt/normalized.rng), written as XML or JSON. The
 * same input always gives byte-identical output: rules in canonical order
 * (sd_benchmark_sort), fields in the order of sd_rule_fields, text as the
 * reader normalized it, nothing taken from the clock or the environment.
 */
#ifndef SD_NORMALIZE_H
#define SD_NORMALIZE_H

#include <stdio.h>

#include "xccdf.h"

#define SD_NORM_NS "urn:x-stigdiff:normalized:1"
#define SD_NORM_ROOT "normalized"
#define SD_NORM_FORMAT_VERSION "1"

enum sd_norm_format {
	SD_NORM_XML,
	SD_NORM_JSON, /* one document holding every benchmark */
	SD_NORM_JSONL /* one compact document per benchmark per line */
};

/* Parse "xml", "json" or "jsonl"; -1 when unknown. */
int sd_norm_format_parse(const char *s);

struct sd_norm_writer;

/*
 * Start a normalized document on `fp` (borrowed). Benchmarks added are
 * written at once in XML and JSON Lines (streaming) and held until close
 * in JSON.
 */
int sd_norm_writer_open(struct sd_norm_writer **out, FILE *fp,
			enum sd_norm_format fmt);
/* Write one benchmark (borrowed). */
int sd_norm_writer_add(struct sd_norm_writer *w, const struct sd_benchmark *b);
struct sd_cci_list;
/*
 * Write the NIST SP 800-53 controls (revision `rev`, "4" or "5") of each
 * rule's CCIs from `l` after its CCIs: `nist-control` elements in XML,
 * `nist-controls` in JSON. Both are borrowed until close.
 */
void sd_norm_writer_controls(struct sd_norm_writer *w,
			     const struct sd_cci_list *l, const char *rev);
/* Finish the document and free `w`; NULL is fine. */
int sd_norm_writer_close(struct sd_norm_writer *w);

struct sd_json;
/* The JSON object for one benchmark (a new reference). */
struct sd_json *sd_norm_benchmark_json(const struct sd_benchmark *b);
/* The JSON object for one rule (a new reference). */
struct sd_json *sd_norm_rule_json(const struct sd_rule *r);

#endif
