/*
 * What `corpus link` keeps between runs, outside history (the corpus's
 * stigdiff/lineage/, README.md "Corpus format"), as text: per product
 * line the mappings between its releases, and the signatures of every
 * line's latest release (for related rules). Each file starts with a
 * line naming its format and the digest of what it depends on (the
 * product table and the matcher); a file that starts otherwise, or is
 * damaged, counts as none from where it stops making sense: it is only
 * a cache. Where the files live and which releases they name (commit
 * ids) is the caller's business (corpus/lineage_link_*.c).
 */
#ifndef SD_LINEAGE_CACHE_H
#define SD_LINEAGE_CACHE_H

#include <stddef.h>

#include "buf.h"
#include "match.h"

/* ---- Mappings ---- */

/* A mapping kept between runs: commits of its two releases and text
 * (sd_match_write()). */
struct sd_lineage_mapent {
	char a[41], b[41];
	char *text;
	size_t len;
	int used; /* taken or made by this run: written back */
};

/* The mappings of one line; `loaded` once read (or written). */
struct sd_lineage_maps {
	struct sd_lineage_mapent *v;
	size_t n, cap;
	int loaded;
};

/* Append the mappings of file text `data` when it is a mapping file for
 * `digest`; nothing when it is not, the records before the first
 * damaged one when it is damaged. */
void sd_lineage_maps_parse(struct sd_lineage_maps *m, const char *data,
			   size_t len, const char *digest);
/* The file text of the mappings of `m` marked used. */
void sd_lineage_maps_write(const struct sd_lineage_maps *m, const char *digest,
			   struct sd_buf *out);
/* The mapping of commits a -> b, or NULL. */
struct sd_lineage_mapent *sd_lineage_maps_find(struct sd_lineage_maps *m,
					       const char *a, const char *b);
/* Keep `text` as the mapping a -> b (replacing one), marked used. */
void sd_lineage_maps_put(struct sd_lineage_maps *m, const char *a,
			 const char *b, const struct sd_buf *text);
/* Free the mappings; `m` is empty and not loaded after. */
void sd_lineage_maps_release(struct sd_lineage_maps *m);

/* ---- Signatures ---- */

/* The signatures of a line's latest release, for related rules. */
struct sd_lineage_sigline {
	char *file;
	char commit[41];
	size_t pos;
	char *f[8]; /* bench id, title, label, v, r, version, date, source */
	struct sd_match_sig *sig;
	char **disp; /* per rule: vuln, rule id, stig, title (4 each) */
	size_t nrules;
	int fresh; /* made by this run, not read */
};

/* Free what `s` holds; it is empty after. */
void sd_lineage_sigline_release(struct sd_lineage_sigline *s);

/*
 * Read the signature file text `data` when it is one for `digest`: for
 * each line it holds, slot(ctx, file, commit) names the empty sigline to
 * fill, or NULL to pass over it. A line the file holds only in part (the
 * last one, cut short) is released again.
 */
typedef struct sd_lineage_sigline *(*sd_lineage_sig_slot)(void *ctx,
							  const char *file,
							  const char *commit);
void sd_lineage_sigs_parse(const char *data, size_t len, const char *digest,
			   sd_lineage_sig_slot slot, void *ctx);
/* The file text of the `n` siglines `v` (those without signatures are
 * left out). */
void sd_lineage_sigs_write(const struct sd_lineage_sigline *v, size_t n,
			   const char *digest, struct sd_buf *out);

#endif
