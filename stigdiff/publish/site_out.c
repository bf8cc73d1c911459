/*
 * The files of one run of the site writer (site_run.h): every file goes
 * through sd_site_write_out(), which leaves a file whose bytes are
 * already right untouched, writes the others to a temporary name and
 * renames, and records the file in the new manifest; a page is a small
 * XML document (sd_site_px_open) rendered through xslt/site.xsl unless
 * the previous run rendered the same document (sd_site_px_finish).
 */
#include "site_run.h"
#include "error.h"
#include "json.h"
#include "render.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Name `rel`, from `owner` ("-" for the whole site) and a page document
 * with digest `digest` ("-" for none), as a file of this run. */
static void record(struct site_run *o, const char *owner, const char *digest,
		   const char *rel)
{
	sd_buf_addf(&o->manifest, "file %s %s %s\n", owner, digest, rel);
}

/*
 * Make `rel` (a path under the site) hold `data`: untouched when it does
 * already, else written whole under a temporary name and renamed.
 */
static int put(struct site_run *o, const char *owner, const char *digest,
	       const char *rel, const char *data, size_t len)
{
	struct sd_buf path = SD_BUF_INIT;
	char *old = NULL, *slash;
	size_t olen = 0;
	int err = 0;

	sd_buf_addf(&path, "%s/%s", o->dir, rel);
	if (sd_read_file(path.ptr, len + 1, &old, &olen) == 0 &&
	    olen == len && !memcmp(old, data, len)) {
		o->st->unchanged++;
	} else {
		sd_error_clear();
		slash = strrchr(path.ptr, '/');
		*slash = '\0';
		/* Pages come directory by directory: make each once. */
		if (!o->made.len || strcmp(o->made.ptr, path.ptr)) {
			sd_buf_reset(&o->made);
			if ((err = sd_mkdirs(path.ptr)) == 0)
				sd_buf_addstr(&o->made, path.ptr);
		}
		*slash = '/';
		if (!err && (err = sd_write_file(path.ptr, data, len, 1)) == 0)
			o->st->written++;
	}
	record(o, owner, digest, rel);
	free(old);
	sd_buf_release(&path);
	return err;
}

int sd_site_put_page(struct site_run *o, const char *owner,
		     const char *digest, const char *rel, const char *data,
		     size_t len)
{
	return put(o, owner, digest, rel, data, len);
}

int sd_site_keep_page(struct site_run *o, const char *owner,
		      const char *digest, const char *rel)
{
	record(o, owner, digest, rel);
	o->st->unchanged++;
	return 0;
}

int sd_site_write_out(struct site_run *o, const char *owner, const char *rel,
		      const char *data, size_t len)
{
	return put(o, owner, "-", rel, data, len);
}

int sd_site_write_js(struct site_run *o, const char *owner, const char *rel,
		     const char *fn, struct sd_json *root)
{
	char *text = sd_json_dumps(root, SD_JSON_COMPACT);
	struct sd_buf b = SD_BUF_INIT;
	int err;

	sd_buf_addf(&b, "%s(%s);\n", fn, text);
	err = sd_site_write_out(o, owner, rel, b.ptr, b.len);
	free(text);
	sd_buf_release(&b);
	sd_json_free(root);
	return err;
}

/* Write `root` as compact JSON to `rel`, and free it. */
int sd_site_write_json(struct site_run *o, const char *owner, const char *rel,
		       struct sd_json *root)
{
	char *text = sd_json_dumps(root, SD_JSON_COMPACT);
	int err = sd_site_write_out(o, owner, rel, text, strlen(text));

	free(text);
	sd_json_free(root);
	return err;
}

void sd_site_px_open(const struct site_run *o, struct site_px *p,
		     const char *root_elem, const char *root)
{
	memset(p, 0, sizeof(*p));
	if (!(p->fp = open_memstream(&p->xml, &p->len)))
		sd_die_oom();
	sd_xw_open(&p->w, p->fp, 0);
	sd_xw_start(p->w, root_elem);
	sd_xw_attr(p->w, "root", root);
	sd_xw_attr(p->w, "version", SD_VERSION);
	if (o->s->cci)
		sd_xw_attr(p->w, "rmf", "yes");
}

/* Finish the document, render it through site.xsl and write it out;
 * a document the previous run rendered to `rel` already is not
 * rendered again. */
int sd_site_px_finish(struct site_run *o, struct site_px *p,
		      const char *owner, const char *rel)
{
	struct sd_buf html = SD_BUF_INIT;
	char digest[17];
	int err = sd_xw_close(p->w);

	if (fclose(p->fp) != 0 && !err)
		err = sd_error_errno(SD_EIO, "cannot buffer a page");
	if (err)
		goto done;
	snprintf(digest, sizeof(digest), "%016llx",
		 sd_site_digest(SD_SITE_DIGEST_INIT, p->xml));
	if (sd_site_same_page(o, rel, digest)) {
		record(o, owner, digest, rel);
		o->st->unchanged++;
		goto done;
	}
	err = sd_render_page("site.xsl", p->xml, p->len, NULL, &html);
	if (!err)
		err = put(o, owner, digest, rel, html.ptr, html.len);
done:
	free(p->xml);
	sd_buf_release(&html);
	return err;
}

void sd_site_attr_num(struct sd_xw *w, const char *name, size_t n)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu", n);
	sd_xw_attr(w, name, num);
}

struct sd_json *sd_site_json_str(const char *s)
{
	return sd_json_string_new(s ? s : "");
}
