/*
 * XSLT rendering, the only user of libxslt: release notes from a diff's
 * XML (xslt/notes-md.xsl, xslt/notes-html.xsl), and any stylesheet a user
 * gives. The stylesheets of xslt/ are compiled into the binary (the build
 * generates a C file from them); setting $STIGDIFF_XSLT_DIR makes stigdiff
 * read them from that directory instead, for work on the stylesheets.
 *
 * Transformations may read files (xsl:import, document()) but neither
 * write files, create directories nor touch the network.
 */
#ifndef SD_RENDER_H
#define SD_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "diff.h"

/* A stylesheet compiled into the binary (generated stylesheets.c). */
struct sd_render_embedded {
	const char *name; /* "notes-md.xsl" */
	const char *text;
};
extern const struct sd_render_embedded sd_render_embedded[];
extern const size_t sd_render_nembedded;

/*
 * Transform the XML document `xml` (`len` bytes) with a stylesheet: the
 * file `file` when not NULL, else the stylesheet called `name` (compiled
 * in, or under $STIGDIFF_XSLT_DIR). `params` is NULL or a NULL-terminated
 * list of name, value pairs passed as XSLT string parameters (quoted, so
 * any text is safe). The result is written to `out` (borrowed) as the
 * stylesheet's xsl:output asks. Returns 0, SD_ENOTFOUND for an unknown
 * name, SD_EPARSE for a broken stylesheet or a failed transformation
 * (with the processor's first message), or SD_EIO.
 */
int sd_render_run(const char *name, const char *file, const char *xml,
		  size_t len, const char *const *params, FILE *out);

/*
 * Release notes: `d` as XML through notes-md.xsl (fmt SD_DIFF_MD) or
 * notes-html.xsl (SD_DIFF_HTML), or through `stylesheet` when not NULL.
 * `title`, when not NULL, replaces the heading. Written to `out`.
 */
int sd_render_notes(const struct sd_diff *d, enum sd_diff_format fmt,
		    const char *stylesheet, const char *title, FILE *out);

/*
 * Render one page of a site: `xml` through the stylesheet `name`
 * (compiled in, or under $STIGDIFF_XSLT_DIR), the result appended to
 * `out`. The stylesheet is compiled once and kept until
 * sd_render_cache_clear(). Errors as sd_render_run().
 */
int sd_render_page(const char *name, const char *xml, size_t len,
		   const char *const *params, struct sd_buf *out);
/* The text of the stylesheet `name` (compiled in, or under
 * $STIGDIFF_XSLT_DIR) appended to `out`. Errors as sd_render_run(). */
int sd_render_source(const char *name, struct sd_buf *out);
/* A file of xslt/ compiled in (the site's CSS and JavaScript), or NULL. */
const char *sd_render_asset(const char *name);
/* Free the stylesheets sd_render_page() kept. */
void sd_render_cache_clear(void);
/* Read stylesheets by name from `dir` (borrowed; NULL or "": the ones
 * compiled in). main() passes $STIGDIFF_XSLT_DIR. */
void sd_render_set_dir(const char *dir);

#endif
