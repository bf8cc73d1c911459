/*
 * Rule lineage: the chain of one rule across a set of benchmarks,
 * forward (what it became) and backward (where it came from), through
 * releases of one product and across product generations, with the
 * rule's siblings (the same requirement in a parallel product) and
 * related rules (the same requirement text in an unrelated product)
 * beside it.
 *
 * Benchmarks of one product (product.h: the same family, generation,
 * role, kind, client or server; a benchmark id DISA renamed stays one
 * product) form a product line, in release order. Within a line each
 * release is mapped to the next (match.h: declared ids first, then
 * content). Lines relate as product.h says:
 *
 *   successor  from the last release of a line to the first release of
 *              the lines of its family at the nearest later generation
 *              whose role fits best (sd_product_role_rank(): the whole
 *              product, then the same role, ...; failing any fit, every
 *              line of that generation, content deciding); backward the
 *              same way. Only successors form the chain.
 *   sibling    the latest releases of sibling lines are mapped to each
 *              other (at most SD_LINEAGE_MAX_SIBLINGS per line, the same
 *              generation first, then the longest time side by side).
 *   related    the latest release of every line: rules of unrelated
 *              products with the same title once product names are
 *              folded (match.h signatures), best SD_LINEAGE_MAX_RELATED.
 *
 * A hop to a successor needs a content match at or above the threshold
 * in the mapping of the two releases, lines sharing at least 20% of
 * their rules and a score within 0.2 of the rule's best such hop.
 * Curated links (a person's decision) take the place of content hops
 * where they apply. Nothing compares a release with the whole library:
 * each release meets its neighbours in its line and the ends of the
 * lines its line relates to.
 *
 * The module takes benchmarks, not paths: whoever reads them (files, a
 * git corpus, the stored lineage) hands them over and keeps them alive.
 */
#ifndef SD_LINEAGE_H
#define SD_LINEAGE_H

#include <stddef.h>

#include "buf.h"
#include "match.h"
#include "product.h"
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
 * keeps must be for the same match options. take(), when set, is asked
 * first and may hand over a mapping already made between the two
 * benchmarks (the caller gives up its ownership), or NULL.
 */
struct sd_lineage_cache {
	int (*get)(void *ctx, const struct sd_benchmark *a,
		   const struct sd_benchmark *b, struct sd_buf *out);
	void (*put)(void *ctx, const struct sd_benchmark *a,
		    const struct sd_benchmark *b, const struct sd_buf *text);
	struct sd_match *(*take)(void *ctx, const struct sd_benchmark *a,
				 const struct sd_benchmark *b);
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
	int no_related; /* leave related rules out (they need the text of
			   every line's latest release) */
	/*
	 * The product line a benchmark belongs to as its source knows it
	 * (a corpus line, which continues across DISA's renames), and that
	 * line's kind ("stig", "srg", "scap", "draft"; NULL: inferred), or
	 * NULL: by benchmark id. Releases of one named line stay together.
	 */
	const char *(*line_of)(void *ctx, const struct sd_benchmark *b,
			       const char **kind);
	void *line_ctx;
};
#define SD_LINEAGE_AFFINITY 0.2
/* Sibling lines mapped per line, related rules kept per rule. */
#define SD_LINEAGE_MAX_SIBLINGS 6
#define SD_LINEAGE_MAX_RELATED 3

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

enum sd_lineage_relation {
	SD_LINEAGE_SUCCESSOR, /* on the chain: a hop, a candidate */
	SD_LINEAGE_SIBLING,
	SD_LINEAGE_RELATED
};
/* "successor", "sibling", "related". */
const char *sd_lineage_relation_name(enum sd_lineage_relation r);

/* One rule in one release. */
struct sd_lineage_node {
	const struct sd_benchmark *bench;
	const struct sd_rule *rule;
	unsigned long generation; /* product generation's major, 0 unknown */
	const char *line;         /* the product line's name (borrowed) */
	size_t line_id;           /* equal for nodes of one line */
	int start;                /* carries the id asked for */
	int dir;                  /* reached going forward 1, backward -1,
				     a start 0 */
	int latest;               /* in the latest release of its line */
	int superseded;           /* its line has successor lines */
};

/* A step from an older rule to a newer one (always a successor). */
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

/* A sibling or related rule of a node in the latest release of its
 * line: shown beside the chain, never followed. */
struct sd_lineage_peer {
	size_t node;
	enum sd_lineage_relation relation;
	const struct sd_benchmark *bench;
	const struct sd_rule *rule;
	const char *line; /* the other rule's product line (borrowed) */
	enum sd_match_kind kind;
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
	struct sd_lineage_peer *peers; /* by node, siblings first, best first */
	size_t npeers;
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

/*
 * The chain's answer in one line, appended to `out`: "EMG2-803 is today
 * V-259642 EX19-ED-000236 in Microsoft Exchange 2019 Edge Server V2R2 (4
 * hops, 1 curated)", or where it ends when no latest release holds it.
 * The node(s) of that answer are marked in `today` (t->nnodes flags;
 * NULL: not wanted).
 */
void sd_lineage_answer(const struct sd_lineage_trace *t, struct sd_buf *out,
		       unsigned char *today);

/* The product generation named in a benchmark title (or id), 0 if none
 * (product.h; the generation's major). */
unsigned long sd_lineage_generation(const struct sd_benchmark *b);

/* ---- Lines, for whoever stores lineage (lineage_store.h) ---- */

/* Product lines of `lin`, in a fixed order (product key). */
size_t sd_lineage_lines(const struct sd_lineage *lin);
/* Line l: its product (borrowed), display name, and releases, oldest
 * first, as indexes into the benchmarks taken (sd_lineage_release()). */
const struct sd_product *sd_lineage_line_product(const struct sd_lineage *lin,
						 size_t l);
const char *sd_lineage_line_name(const struct sd_lineage *lin, size_t l);
size_t sd_lineage_line_releases(const struct sd_lineage *lin, size_t l,
				const size_t **rels);
const struct sd_benchmark *sd_lineage_release(const struct sd_lineage *lin,
					      size_t rel);
/* The line of release `rel` and its position in it. */
void sd_lineage_release_line(const struct sd_lineage *lin, size_t rel,
			     size_t *line, size_t *pos);

/* How line b relates to line a: successor edges (b follows a), sibling,
 * or none (SD_PRODUCT_RELATED). */
enum sd_product_relation sd_lineage_line_relation(const struct sd_lineage *lin,
						  size_t a, size_t b);

/*
 * Every mapping a full computation of `lin` takes, as pairs of releases
 * (old, new): fn is called once per pair, in a fixed order.
 */
void sd_lineage_needs(struct sd_lineage *lin,
		      void (*fn)(void *ctx, size_t old_rel, size_t new_rel),
		      void *ctx);

/* One step out of a rule, as a store sees it. */
enum sd_lineage_step_type {
	SD_LINEAGE_HOP,       /* within the line */
	SD_LINEAGE_CROSS,     /* to another line (curated hops too) */
	SD_LINEAGE_CANDIDATE, /* a content candidate at a chain end */
	SD_LINEAGE_PEER_SIBLING,
	SD_LINEAGE_PEER_RELATED
};

struct sd_lineage_step {
	enum sd_lineage_step_type type;
	size_t rel, rule; /* the other rule */
	enum sd_match_kind kind;
	double score;
	const char *evidence; /* borrowed */
	const struct sd_match_link *link; /* a curated hop's link */
};

/*
 * The steps out of rule `rule` of release `rel`: forward (fwd 1),
 * backward (0), or its peers (fwd -1), computed when first asked, in
 * the order a trace takes them. Returns how many; *out is borrowed from
 * `lin` until the next call.
 */
size_t sd_lineage_steps(struct sd_lineage *lin, size_t rel, size_t rule,
			int fwd, const struct sd_lineage_step **out);

/*
 * Give rule `rule` of release `rel` a step read back from a store
 * (evidence copied), in the order sd_lineage_steps() gave them; a
 * curated hop finds its link among the curated links. Then mark every
 * rule's steps known (sd_lineage_steps_known()): nothing is computed.
 * Returns 0, or -1 for a curated hop no curated link names.
 */
int sd_lineage_step_add(struct sd_lineage *lin, size_t rel, size_t rule,
			int fwd, const struct sd_lineage_step *s);
void sd_lineage_steps_known(struct sd_lineage *lin);

/* ---- Related rules, from signatures ---- */

/* A rule of a line's latest release, for finding related rules. */
struct sd_lineage_sigrule {
	size_t line; /* the caller's line number */
	size_t rule; /* the rule's index in that release */
	const struct sd_match_sig *sig;
	const struct sd_product *prod;
};

/* A related rule found: entries v[a] and v[b] (b of another product). */
struct sd_lineage_relpair {
	size_t a, b;
	double score;
};

/*
 * Related rules among `n` entries: for each, up to SD_LINEAGE_MAX_RELATED
 * entries of unrelated products (product.h relation "related") with the
 * same folded title, best score first (half the title, half the
 * estimated share of check and fix text). *out is a new array of *nout
 * pairs, by `a` then score; the caller frees it. Linear in n (a title
 * shared by many lines is compared with a bounded number of them).
 */
void sd_lineage_related(const struct sd_lineage_sigrule *v, size_t n,
			struct sd_lineage_relpair **out, size_t *nout);
/* The evidence of a related pair in words, appended to `out`. */
void sd_lineage_related_evidence(double share, struct sd_buf *out);

#endif
