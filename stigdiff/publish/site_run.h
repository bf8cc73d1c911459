/*
 * What the files writing the site share: the state of one run of
 * sd_site_write() (site_write.c: the benchmark pages, home, assets and
 * the run), its files and page documents (site_out.c), the manifest of
 * the previous run and of this one (site_manifest.c), the search index
 * (site_search.c) and the RMF pages (site_rmf.c). Not for other modules:
 * site.h is the interface.
 */
#ifndef SD_SITE_RUN_H
#define SD_SITE_RUN_H

#include "site_int.h"
#include "buf.h"
#include "util.h"

#include <stdio.h>

#define SD_SITE_MANIFEST ".stigdiff-site"
#define SD_SITE_MANIFEST_MAGIC "stigdiff-site 2"
/* The settings line of a run that did not finish: matches no run's. */
#define SD_SITE_INCOMPLETE "settings incomplete"

/* The previous run, as its manifest says. */
struct site_manifest {
	char *settings;        /* base url and version line */
	struct sd_strv benches; /* "<slug> <head> <lineage hash>" */
	struct sd_strv files;   /* "<slug or -> <digest or -> <path>" */
	const char **by_path;   /* files, sorted by path */
};

struct site_run {
	struct sd_site *s;
	const char *dir;
	struct sd_site_stats *st;
	struct site_manifest old;
	struct sd_buf manifest; /* the new one: the files of this run too */
	struct sd_buf made;     /* the directory last made sure of */
	struct site_search *search; /* the index being built */
	struct site_dq *dq; /* the digest pages to make (site_digest.c) */
	size_t ndq;
};

struct site_px {
	FILE *fp;
	char *xml;
	size_t len;
	struct sd_xw *w;
};

/* ---- Files and page documents (site_out.c) ---- */

/*
 * Make `rel` (a path under the site) hold the `len` bytes of `data`,
 * written by `owner` (a benchmark's slug, "-" for the whole site):
 * untouched when it does already, else written whole under a temporary
 * name and renamed; recorded in the new manifest either way.
 */
int sd_site_write_out(struct site_run *o, const char *owner, const char *rel,
		      const char *data, size_t len);
/* sd_site_write_out() of a page made from something whose digest is
 * `digest` (16 hex digits), recorded with it in the manifest; and the
 * same page kept as the previous run wrote it (sd_site_same_page() said
 * so), recorded again without being made. */
int sd_site_put_page(struct site_run *o, const char *owner,
		     const char *digest, const char *rel, const char *data,
		     size_t len);
int sd_site_keep_page(struct site_run *o, const char *owner,
		      const char *digest, const char *rel);
/* Write `root` as compact JSON to `rel`, and free it. */
int sd_site_write_json(struct site_run *o, const char *owner, const char *rel,
		       struct sd_json *root);
/* Write `root` to `rel` as a script of one call, `fn(<root as compact
 * JSON>);`, and free it: data the site's scripts load with <script>, which
 * works from file:// where fetch() does not. */
int sd_site_write_js(struct site_run *o, const char *owner, const char *rel,
		     const char *fn, struct sd_json *root);
/* Start the page document `p` with root element `root_elem`; `root` is
 * the way from the page to the site's top ("", "../", "../../"). */
void sd_site_px_open(const struct site_run *o, struct site_px *p,
		     const char *root_elem, const char *root);
/* Finish `p`, render it through site.xsl and write it to `rel`; a
 * document the previous run rendered to `rel` already is not rendered
 * again. */
int sd_site_px_finish(struct site_run *o, struct site_px *p,
		      const char *owner, const char *rel);
/* Attribute `name` of the element being written: the number `n`. */
void sd_site_attr_num(struct sd_xw *w, const char *name, size_t n);
/* A JSON string of `s`, "" for NULL. */
struct sd_json *sd_site_json_str(const char *s);

/* ---- The manifest (site_manifest.c) ---- */

/* Read DIR/.stigdiff-site into `m`. Returns 1 when it exists, 0 when not
 * (and the directory is empty or missing), or SD_EEXISTS for a directory
 * holding other files. */
int sd_site_manifest_read(const char *dir, struct site_manifest *m);
void sd_site_manifest_release(struct site_manifest *m);
/* Did the previous run write `rel` from a document with digest `digest`,
 * and is the file still there? */
int sd_site_same_page(const struct site_run *o, const char *rel,
		      const char *digest);
/* Is benchmark `sb` as the manifest recorded it (nothing to render)? */
int sd_site_unchanged_bench(const struct site_run *o,
			    const struct site_bench *sb);
/* Keep the files of benchmark `slug` the previous run wrote. */
void sd_site_keep_files(struct site_run *o, const char *slug);
/* Remove what the previous run wrote and this one did not. */
int sd_site_remove_stale(struct site_run *o);
/* After a failed first run: write to `path` a manifest naming the files
 * written so far, with settings no run has; the error stays the last. */
void sd_site_manifest_incomplete(struct site_run *o, const char *path);

/* ---- Search (site_search.c) ---- */

/* The benchmarks holding a release, newest first (latest release date,
 * then slug): the order the search numbers docs in. *n of them; the
 * caller frees the array. */
struct site_bench **sd_site_search_order(struct sd_site *s, size_t *n);
/* Index the pages of `sb` (open), the next benchmark in that order. */
void sd_site_search_add(struct site_run *o, const struct site_bench *sb);
/* Write the search index, search/index.js and its shards, over every
 * rule page added (site_search.c says how it is split), and free it. */
int sd_site_search_index(struct site_run *o);
/* Free the index being built (after a failed run). */
void sd_site_search_free(struct site_run *o);
/* search.html. */
int sd_site_search_page(struct site_run *o);

/* ---- Digest pages (site_digest.c) ---- */

/* Before the benchmarks: which digest pages this run makes (not those
 * the previous run made from the same releases), their digests paired. */
int sd_site_digest_plan(struct site_run *o);
/* While benchmark `sb` is open: the sections of those pages comparing
 * two of its releases, made from the releases in memory. */
int sd_site_digest_sections(struct site_run *o, const struct site_bench *sb);
/* digest/<YYYY>-Q<N>.html for every quarter holding a release, and
 * digest/index.html listing them. */
int sd_site_digest_pages(struct site_run *o);
void sd_site_digest_free(struct site_run *o);

/* ---- RMF pages (site_rmf.c) ---- */

/* rmf/index.html and a page per control; nothing without a CCI list. */
int sd_site_rmf_pages(struct site_run *o);

#endif
