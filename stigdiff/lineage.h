/*
 * Rule lineage: the chain of one rule across a set of benchmarks,
 * forward (what it became) and backward (where it came from), through
 * releases of one product and across products.
 *
 * Benchmarks with the same id form a product line, ordered by version
 * and release. Within a line each release is mapped to the next
 * (match.h: declared ids first, then content). Across lines a rule
 * hops from the last release of its line to the first release of a line
 * of a later product generation: the number in the benchmark title
 * ("Exchange 2013" -> 2013), nearest generation first. The candidate
 * lines come from an inverted index over the first (or last) releases of
 * every line, so a rule is not compared with the whole library; a hop
 * needs a content match at or above the threshold and lines that share
 * enough rules (the affinity: matched pairs over the smaller rule count)
 * to be successive products rather than unrelated ones. Curated links (a
 * person's decision) take the place of content hops where they apply.
 *
 * The module takes benchmarks, not paths: whoever reads them (files, a
 * git corpus) hands them over and keeps them alive.
 */
#ifndef SD_LINEAGE_H
#define SD_LINEAGE_H

#include <stddef.h>

#include "buf.h"
#include "match.h"
#include "util.h"

/* ---- Curated links ---- */

/* Links read from files; strings owned here. */
struct sd_lineage_links {
	struct sd_match_link *v;
	size_t n, cap;
	struct sd_strv strings;
};
#define SD_LINEAGE_LINKS_INIT { NULL, 0, 0, SD_STRV_INIT }

/*
 * Parse a curated-link file held in memory and append its links. The
 * format: UTF-8 text, one link per line, five tab-separated fields: old
 * id, new id, kind (`curated`), reason, source. Blank lines and lines
 * starting with '#' are ignored. `source` names the text in messages.
 * Returns 0 or SD_EPARSE ("source:line: message"); nothing is appended
 * on failure.
 */
int sd_lineage_links_parse(struct sd_lineage_links *l, const char *data,
			   size_t len, const char *source);
/* Read `path` and parse it as above; SD_EIO when it cannot be read. */
int sd_lineage_links_load(struct sd_lineage_links *l, const char *path);
void sd_lineage_links_release(struct sd_lineage_links *l);

/* ---- Lineage ---- */

/*
 * Mappings between releases kept from one run to the next (optional):
 * get() appends to `out` the text put() was given for the same two
 * benchmarks (sd_match_write()) and returns 0, or returns nonzero when it
 * has none; a text that does not read back is computed again. What it
 * keeps must be for the same match options.
 */
struct sd_lineage_cache {
	int (*get)(void *ctx, const struct sd_benchmark *a,
		   const struct sd_benchmark *b, struct sd_buf *out);
	void (*put)(void *ctx, const struct sd_benchmark *a,
		    const struct sd_benchmark *b, const struct sd_buf *text);
	void *ctx;
};

struct sd_lineage_opts {
	struct sd_match_opts match; /* threshold, ignore_legacy; its links
				       are not used: see below */
	const struct sd_match_link *links; /* curated links, borrowed */
	size_t nlinks;
	double affinity;       /* 0: SD_LINEAGE_AFFINITY */
	size_t max_candidates; /* per chain end; 0: 3 */
	const struct sd_lineage_cache *cache; /* borrowed, or NULL */
};
#define SD_LINEAGE_AFFINITY 0.2

struct sd_lineage;

/*
 * Prepare lineage over `benches` (borrowed, with their array; they must
 * outlive *out). Benchmarks with the same id, version, release and date
 * count once. The caller frees *out with sd_lineage_free().
 */
int sd_lineage_new(struct sd_benchmark *const *benches, size_t n,
		   const struct sd_lineage_opts *opts, struct sd_lineage **out);
void sd_lineage_free(struct sd_lineage *lin);
/* Benchmarks taken into account (duplicates removed). */
size_t sd_lineage_benchmarks(const struct sd_lineage *lin);

/* One rule in one release. */
struct sd_lineage_node {
	const struct sd_benchmark *bench;
	const struct sd_rule *rule;
	unsigned long generation; /* product generation, 0 unknown */
	int start;                /* carries the id asked for */
};

/* A step from an older rule to a newer one. */
struct sd_lineage_hop {
	size_t from, to; /* node indexes */
	enum sd_match_kind kind;
	double score;
	const char *evidence;
	const struct sd_match_link *link; /* SD_MATCH_CURATED */
	int cross;                        /* between product lines */
};

/* A content candidate where the chain ends or a curated hop was taken. */
struct sd_lineage_cand {
	size_t node;  /* the rule it is a candidate for */
	int forward;  /* a possible successor (else a predecessor) */
	const struct sd_benchmark *bench;
	const struct sd_rule *rule;
	double score;
	const char *evidence;
};

struct sd_lineage_trace {
	char *query;
	struct sd_lineage_node *nodes; /* oldest generation and release first */
	size_t nnodes;
	struct sd_lineage_hop *hops;   /* in the order of their `to` node */
	size_t nhops;
	struct sd_lineage_cand *cands;
	size_t ncands;
};

/*
 * The lineage of every rule carrying `id` (any id form, legacy ids
 * included). Strings in *out are borrowed from `lin`; free *out with
 * sd_lineage_trace_free() before sd_lineage_free(). SD_ENOTFOUND when no
 * benchmark has such a rule.
 */
int sd_lineage_trace(struct sd_lineage *lin, const char *id,
		     struct sd_lineage_trace **out);
void sd_lineage_trace_free(struct sd_lineage_trace *t);

/* ---- Stored steps ---- */

/*
 * Every rule's steps, forward and backward (hops and candidates, as
 * traces take them), appended to `out` as text: the file
 * lineage/links.tsv of a corpus (README.md, "Corpus format"). `key`
 * names what they were computed from. Returns the number of steps.
 */
size_t sd_lineage_store_write(struct sd_lineage *lin, const char *key,
			      struct sd_buf *out);

/*
 * Take every rule's steps from `data`, written by
 * sd_lineage_store_write() over the same benchmarks and curated links:
 * traces then match nothing. Returns 0; 1 when the file's key is not
 * `key` (it was computed from other releases: nothing is taken and
 * traces compute as usual); SD_EPARSE ("source:line: why") when it is
 * malformed or names rules the lineage does not hold (nothing taken).
 */
int sd_lineage_store_read(struct sd_lineage *lin, const char *data,
			  size_t len, const char *source, const char *key);

/* The product generation named in a benchmark title (or id), 0 if none:
 * the first number not glued to a letter before it. */
unsigned long sd_lineage_generation(const struct sd_benchmark *b);

#endif
