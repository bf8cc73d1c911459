/*
 * The library digest: what changed between two states of a library, two
 * DISA compilations (or any two sets of inputs) or two points of a
 * corpus, STIG by STIG. Each side's releases are grouped into product
 * lines as the corpus groups them (lines.h: SCAP content apart, renamed
 * benchmarks continued); each line's latest release stands for it; the
 * lines of the two sides are paired the same way. A line only in NEW is
 * added, only in OLD withdrawn, in both with other content updated (a
 * re-published version counts), else unchanged.
 *
 * Memory holds each release's metadata and, until the lines are paired,
 * its rules' identifiers; releases are read again one pair at a time to
 * be compared (sd_digest_load()).
 */
#ifndef SD_DIGEST_H
#define SD_DIGEST_H

#include <stddef.h>

#include "buf.h"
#include "util.h"
#include "xccdf.h"

struct sd_source_opts;
struct sd_corpus;

/* One release as the digest keeps it. */
struct sd_digest_rel {
	char *bench_id, *title, *label, *date;
	char *source; /* where it was read (archive!member), or slug@label */
	int scap, draft;
	size_t nrules;
	char content[17]; /* a digest of its content, hex */
	struct sd_strv ids; /* its rules' identifiers, until paired */
	const char *slug;   /* in a corpus: its line (borrowed) */
};

enum sd_digest_status {
	SD_DIGEST_UPDATED = 0,
	SD_DIGEST_ADDED,
	SD_DIGEST_WITHDRAWN,
	SD_DIGEST_UNCHANGED
};
/* "updated", "added", "withdrawn", "unchanged". */
const char *sd_digest_status_name(enum sd_digest_status s);

struct sd_digest_entry {
	enum sd_digest_status status;
	char *line;       /* the line's name (lines.h) */
	const char *kind; /* "stig", "srg", "scap", "draft" */
	const struct sd_digest_rel *old, *new; /* NULL on the missing side */
};

struct sd_digest {
	struct sd_digest_rel *rel[2]; /* [0] OLD, [1] NEW */
	size_t n[2], cap[2];
	struct sd_digest_entry *e; /* after sd_digest_pair() */
	size_t ne;
	struct sd_strv slugs; /* corpus mode: owns the slugs */
};
#define SD_LIBRARY_DIGEST_INIT { { NULL, NULL }, { 0, 0 }, { 0, 0 }, NULL, 0, SD_STRV_INIT }

void sd_digest_release(struct sd_digest *d);

/* Record benchmark `b` (borrowed) read on `side`: 0 OLD, 1 NEW. */
void sd_digest_add(struct sd_digest *d, int side, const struct sd_benchmark *b);

/*
 * A corpus's two points: OLD, each line's latest release (not a draft,
 * when it has another) dated on or before `since` (an ISO date), or
 * listed by the snapshot `since` names (a git tag or ref of the corpus's
 * main branch, e.g. set after an import); NEW, each line's latest.
 */
int sd_digest_corpus(struct sd_digest *d, struct sd_corpus *c,
		     const char *since);

struct sd_corpus_release;
/* Record release `cr` of corpus line `slug` on `side` (0 OLD, 1 NEW);
 * `slug` is borrowed and must outlive the digest. */
void sd_digest_add_corpus(struct sd_digest *d, int side, const char *slug,
			  const struct sd_corpus_release *cr);
/* The latest of rel[0..n) dated on or before `date` (NULL: any), not a
 * draft when another is; n when none is. */
size_t sd_digest_latest_at(const struct sd_corpus_release *rel, size_t n,
			   const char *date);

/*
 * Pair the lines of the two sides and fill d->e: updated, added,
 * withdrawn, unchanged, each by line name. With `only` (not NULL, not
 * empty), keep the entries whose line, or a benchmark id of either side,
 * is one of its names (case ignored; a name may also be an id's
 * directory name, sd_rulefile_slug()).
 */
int sd_digest_pair(struct sd_digest *d, const struct sd_strv *only);

/*
 * Read release `r` again, whole: from its source (files and zips read
 * with `so`), or from corpus `c` when it came from one. The caller frees
 * *out.
 */
int sd_digest_load(const struct sd_digest_rel *r,
		   const struct sd_source_opts *so, struct sd_corpus *c,
		   struct sd_benchmark **out);

/* ---- Writing (digest_write.c) ---- */

struct sd_diff_opts;

struct sd_digest_write_opts {
	const char *old_label, *new_label; /* what OLD and NEW are */
	const char *title;                 /* NULL: the stylesheet's */
	const struct sd_source_opts *so;   /* to read releases again */
	struct sd_corpus *corpus;          /* corpus mode */
	const struct sd_diff_opts *diff;   /* how STIGs are compared */
	/* When set: release `r` as the caller holds it (borrowed), or NULL
	 * to read it again (the site has every release loaded). */
	const struct sd_benchmark *(*loaded)(void *ctx,
					     const struct sd_digest_rel *r);
	void *loaded_ctx;
	/* When set (HTML): the section of updated entry `e` as the caller
	 * made it earlier (sd_digest_html_section()) appended to `out`,
	 * returning 1; 0 to have it made now. */
	int (*section)(void *ctx, const struct sd_digest_entry *e,
		       struct sd_buf *out);
	void *section_ctx;
};

/*
 * The HTML section of updated entry `e` (of a paired digest) as the
 * "html" page shows it, appended to `out`: what a caller holding the
 * releases makes ahead of the page (the site, one benchmark at a time).
 */
int sd_digest_html_section(const struct sd_digest_entry *e,
			   const struct sd_digest_write_opts *o,
			   struct sd_buf *out);

/*
 * Write the digest `d` (paired) to `fp` as `format`: "md" and "html"
 * (xslt/digest-md.xsl, digest-html.xsl), "json", or "xml" (the stylesheets'
 * input, namespace urn:x-stigdiff:digest:1). Each updated STIG is read
 * again and compared (diff.h), one at a time.
 */
int sd_digest_write(const struct sd_digest *d, const char *format,
		    const struct sd_digest_write_opts *o, FILE *fp);

#endif
