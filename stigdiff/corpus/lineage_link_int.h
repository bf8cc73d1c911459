/*
 * What the files of `corpus link` share (not for other modules:
 * lineage_link.h is the interface). lineage_link_plan.c makes the plan
 * from release headers and compares it with what is stored;
 * lineage_link_group.c computes a group of lines; lineage_link_open.c
 * runs it all and commits. The caches' text is lineage_cache.h's.
 *
 * The plan comes from release headers only (benchmark id, title, label
 * and date, from the commit messages): a lineage of rule-less benchmarks
 * gives the product lines and how they relate, hence the groups. A
 * group is computed by loading its lines one at a time (every release
 * of the line, mapped to the next), keeping each release as a stub (its
 * rules' ids, titles, SRG, CCIs: what evidence and traces name) and the
 * full text of the first and last release of each line only, for the
 * mappings between lines. A lineage of the stubs, handed every mapping,
 * then gives every step, which lineage_store_write.c writes.
 */
#ifndef SD_LINEAGE_LINK_INT_H
#define SD_LINEAGE_LINK_INT_H

#include "lineage_link.h"
#include "lineage_cache.h"
#include "product.h"
/* One benchmark of the corpus. */
struct lslug {
	char *slug;
	char head[41];
	struct sd_corpus_release *rel;
	size_t nrel;
	const char *kind; /* the line's kind (static) */
	struct sd_product *prod; /* its latest release's, once known */
};

struct sd_link {
	struct sd_strv parts; /* corpus lines split by role (line_of) */
	struct sd_corpus *c;
	struct sd_link_opts o;
	char key[17];
	char digest[17]; /* products table and matcher, for the caches */
	struct lslug *slugs;
	size_t nslugs;
	/* Release headers, and where each is in the corpus. */
	struct sd_benchmark **heads;
	size_t nheads, *head_slug, *head_rel;
	struct sd_lineage *plan;
	size_t nlines;
	char **file, **sources;
	size_t *group, ngroups;
	int *stale_group, *computed_line;
	/* What is stored, and what this run makes. */
	struct sd_lineage_index stored;
	int have_stored;
	struct sd_lineage_index idx;
	struct sd_lineage_files files;
	struct sd_lineage_ids ids;
	struct sd_strv remove;
	struct sd_lineage_source src;
	struct sd_lineage_maps *maps; /* per line */
	struct sd_lineage_sigline *sigs; /* per line */
	struct sd_link_stats st;
	int stale;
	struct sd_corpus_import *im; /* opts.commit: blobs written early */
	size_t flushed;      /* files written as blobs so far */
	struct sd_buf dir;   /* stigdiff/lineage/ */
	struct sd_buf where; /* "CORPUS:lineage/", for messages */
};

/* ---- The plan (lineage_link_plan.c) ---- */

/* Where the stored lineage is read: files this run made, else the
 * corpus's (sd_lineage_source.read with the link, or the corpus). */
int sd_link_read(void *ctx, const char *name, struct sd_buf *out);
int sd_link_corpus_read(void *ctx, const char *name, struct sd_buf *out);
/* Every benchmark and its head (refs only). */
int sd_link_read_heads(struct sd_link *lk);
/* Every release of every benchmark, as headers (commit messages). */
int sd_link_read_releases(struct sd_link *lk);
/* The key every stored line depends on, and the caches' digest. */
int sd_link_make_key(struct sd_link *lk);
/* The corpus line of header or stub `b` (sd_lineage_opts.line_of). */
const char *sd_link_line_of(void *ctx, const struct sd_benchmark *b,
			    const char **kind);
/* The lineage options every computation of `corpus link` shares: the
 * curated links, no related rules, corpus lines by sd_link_line_of(). */
void sd_link_lineage_opts(struct sd_link *lk, struct sd_lineage_opts *lo);
/* What line l is computed from: "slug@head" of its benchmarks. */
char *sd_link_line_sources(struct sd_link *lk, size_t l);
/* Lines relating to each other (successors, siblings) and lines a
 * curated link joins (as `ids` say, when not NULL) form a group. */
void sd_link_make_groups(struct sd_link *lk, const struct sd_lineage_ids *ids);
/* The stored index, when it is for this key. */
int sd_link_read_stored(struct sd_link *lk);
/* Do the stored lines name exactly the benchmark heads of the corpus? */
int sd_link_stored_current(struct sd_link *lk);
/* Mark the groups to compute again; returns how many. */
size_t sd_link_mark_stale(struct sd_link *lk);
/* The index of what is kept: stored lines not computed again. */
void sd_link_keep_stored(struct sd_link *lk);

/* ---- A group (lineage_link_group.c) ---- */

/* Compute the plan lines `lines` of one group and store them. */
int sd_link_run_group(struct sd_link *lk, size_t *lines, size_t nl);
/* The cache file of line stem `file`, and that of the signatures. */
void sd_link_map_path(const struct sd_link *lk, const char *file,
		      struct sd_buf *out);
void sd_link_sigs_path(const struct sd_link *lk, struct sd_buf *out);
/* Signatures of lines not computed this time, from the cache. */
void sd_link_sigs_read(struct sd_link *lk);
/* Related rules of every line's latest release into related/ files. */
int sd_link_write_related(struct sd_link *lk);

#endif
