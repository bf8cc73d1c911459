/*
 * The plain-text form of a rule and of a benchmark's metadata, as the
 * corpus stores them (one file per rule, one `benchmark.txt` per
 * benchmark directory). Designed for `git diff`, `git log -p` and
 * `git blame`: fields in a fixed order, identifiers as `name: value`
 * lines at the top, each prose field its own block under a `[name]`
 * line with DISA's line breaks kept, and nothing volatile (no source
 * path, no line number, no field derivable from another). The format
 * round-trips: sd_rulefile_parse_rule(sd_rulefile_write_rule(r)) gives
 * the same fields back. See README.md, "Corpus format".
 */
#ifndef SD_RULEFILE_H
#define SD_RULEFILE_H

#include <stddef.h>

#include "buf.h"
#include "xccdf.h"

/* The name of the metadata file in each benchmark directory. */
#define SD_RULEFILE_BENCHMARK "benchmark.txt"
/* Rule files are named <id>.txt. */
#define SD_RULEFILE_EXT ".txt"

/* Append the text form of `r` (borrowed) to `out`. */
void sd_rulefile_write_rule(struct sd_buf *out, const struct sd_rule *r);

/*
 * Parse the text form of a rule into `r` (zeroed by the caller; released
 * by the caller with sd_rule_release() on success and on failure).
 * `name` names the file in messages. Returns 0 or SD_EPARSE with
 * "name:line: message" in the error slot.
 */
int sd_rulefile_parse_rule(const char *text, size_t len, const char *name,
			   struct sd_rule *r);

/* Append the metadata file of `b` (borrowed; rules are not written). */
void sd_rulefile_write_benchmark(struct sd_buf *out,
				 const struct sd_benchmark *b);

/*
 * Parse a metadata file into a new benchmark with no rules; the caller
 * frees *out with sd_benchmark_free(). Returns 0 or SD_EPARSE.
 */
int sd_rulefile_parse_benchmark(const char *text, size_t len,
				const char *name, struct sd_benchmark **out);

/*
 * The corpus directory name of a benchmark id: lower case, every run of
 * characters other than letters and digits made one '-', a trailing
 * "-stig" dropped ("MS_Exchange_2019_Edge_Server_STIG" ->
 * "ms-exchange-2019-edge-server"; "main" and "lineage", the corpus's
 * other branches, become "main-benchmark" and "lineage-benchmark").
 * Returns a new string, or NULL when
 * the id has no letter or digit.
 */
char *sd_rulefile_slug(const char *benchmark_id);

/*
 * The release label of `b` into `out`: "V2R2", or, when DISA's numbers
 * are unknown, "v" and the version text made safe for a ref name.
 * Returns 0, or -1 (out empty) when the benchmark has no version at all.
 */
int sd_rulefile_label(const struct sd_benchmark *b, char out[64]);

/*
 * File names for the rules of `b` (in their current order), one per
 * rule, distinct, safe in a tree and never SD_RULEFILE_BENCHMARK: the
 * vuln id (else the rule id) with characters other than letters,
 * digits, '.', '_' and '-' replaced by '_', "~2", "~3"... added to
 * repeats, then SD_RULEFILE_EXT. `names` receives b->nrules strings.
 */
void sd_rulefile_names(const struct sd_benchmark *b, struct sd_strv *names);

#endif
