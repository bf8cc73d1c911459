/*
 * The site: a whole corpus as static HTML pages (through the XSLT
 * stylesheets xslt/site.xsl and xslt/notes-html.xsl), Turtle twins, a
 * search index and the assets, under one directory; and the same data in
 * bulk for `stigdiff export`. URL scheme and vocabulary: README.md,
 * "site" and "export".
 *
 * Loading reads every release of every benchmark once, and computes the
 * lineage of every rule page once (lineage.h over all releases and the
 * curated links), so pages never recompute what others share.
 */
#ifndef SD_SITE_H
#define SD_SITE_H

#include <stdio.h>

#include "corpus.h"

struct sd_site;

/*
 * Read everything of corpus `c` (borrowed; it must outlive *out) a site
 * or an export needs. `base_url`, when not NULL, makes the Turtle twins'
 * and exports' IRIs absolute. With `lineage` 0 no lineage is computed
 * (rule pages say so). The caller frees *out with sd_site_free().
 */
int sd_site_load(struct sd_site **out, struct sd_corpus *c,
		 const char *base_url, int lineage);
void sd_site_free(struct sd_site *s);

struct sd_site_stats {
	size_t written, unchanged, removed;
	size_t rendered, skipped; /* benchmarks */
};

/*
 * Can `dir` take a site: missing, empty, or a site (it holds the
 * manifest)? 0, or SD_EEXISTS with the message for a directory holding
 * other files.
 */
int sd_site_check_dir(const char *dir);

/*
 * The files the manifest of `dir` names as written by the previous run
 * (paths relative to `dir`: the only files a run may remove), appended
 * to `files`. Returns 1 when `dir` holds a manifest, 0 when it holds
 * none, or SD_EEXISTS as sd_site_check_dir() does.
 */
int sd_site_manifest_files(const char *dir, struct sd_strv *files);

/*
 * Write the site into `dir` (created when missing). A directory that is
 * neither empty nor a site (no manifest) is refused with SD_EEXISTS
 * unless `force`. Benchmarks whose corpus head and lineage are those of
 * the manifest are not rendered again (unless `force`); every other page
 * is written only when its bytes differ, and files of the previous run
 * that are no longer generated are removed. Each file is written to a
 * temporary name and renamed.
 */
int sd_site_write(struct sd_site *s, const char *dir, int force,
		  struct sd_site_stats *st);

enum sd_site_format {
	SD_EXPORT_TTL,
	SD_EXPORT_RDFXML,
	SD_EXPORT_JSON,
	SD_EXPORT_CSV
};

/*
 * Every benchmark (or only `slug`; SD_ENOTFOUND when unknown) in one
 * document: benchmarks, releases and the latest content of each rule
 * page, with lineage links, to `fp`.
 */
int sd_site_export(struct sd_site *s, const char *slug,
		   enum sd_site_format fmt, FILE *fp);

#endif
