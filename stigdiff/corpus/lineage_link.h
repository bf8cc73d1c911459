/*
 * Lineage over a corpus: computing it product group by product group
 * with memory for one group at a time (corpus link), and making what is
 * stored (lineage_store.h) current for readers (lineage --corpus, site).
 *
 * Product lines relate only within a group (the lines of one family, or
 * of a curated group: product.h), so a group is computed from its own
 * releases: each release of a line is loaded once, mapped to the next,
 * and only the first and last release of each line stay loaded for the
 * mappings between lines. Related rules across groups come from small
 * signatures of every line's latest release. A group whose benchmarks
 * have the heads the stored index records is not computed again; a
 * mapping between two release commits is kept in the corpus's private
 * directory (stigdiff/lineage/maps/, about 60 bytes a rule) and read
 * back instead of matched again.
 */
#ifndef SD_LINEAGE_LINK_H
#define SD_LINEAGE_LINK_H

#include <stddef.h>

#include "corpus.h"
#include "lineage.h"
#include "lineage_store.h"

struct sd_link_opts {
	const struct sd_match_link *links; /* the corpus's curated links */
	size_t nlinks;
	int full;      /* compute every group, whatever is stored */
	int keep_maps;  /* read the mapping cache */
	int write_maps; /* and write it, group by group (corpus link) */
	int commit;     /* sd_link_commit() follows: files are written as
			   blobs group by group (the caller holds the lock) */
	/* Called as groups are done: `done` of `total` releases. */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
};

struct sd_link_stats {
	size_t releases, lines, groups;
	size_t groups_computed, lines_computed, releases_loaded;
	size_t maps_computed, maps_read;
	size_t steps;         /* in the groups computed */
	size_t cache_bytes;   /* the mapping cache and signatures, after */
	size_t stored_bytes;  /* the lineage files, after */
};

struct sd_link;

/*
 * The lineage of corpus `c`: the stored one, with every group whose
 * benchmarks changed since (or all, opts->full) computed in memory.
 * The caller frees *out with sd_link_free(); `c` must outlive it.
 */
int sd_link_open(struct sd_link **out, struct sd_corpus *c,
		 const struct sd_link_opts *opts);
void sd_link_free(struct sd_link *lk);

/* Nothing was stored, or something computed differs from it. */
int sd_link_stale(const struct sd_link *lk);
void sd_link_stats(const struct sd_link *lk, struct sd_link_stats *out);

/* Where readers find the files: what was computed, else the corpus. */
const struct sd_lineage_source *sd_link_source(const struct sd_link *lk);
const struct sd_lineage_index *sd_link_index(const struct sd_link *lk);

/*
 * Store what was computed in the corpus (which `c` must have locked):
 * one commit on refs/heads/lineage, none when nothing changed
 * (*updated 0). The mapping cache is written too.
 */
int sd_link_commit(struct sd_link *lk, int *updated);

#endif
