/*
 * The site's manifest, DIR/.stigdiff-site (site_run.h): the settings of
 * the run that wrote the site, its benchmarks with their heads, and
 * every file it wrote with the digest of the page document behind it;
 * what the next run reads to skip an unchanged benchmark or page and to
 * remove the files no longer written.
 */
#include "site_run.h"
#include "error.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The path of a manifest file line, past its owner and digest. */
static const char *line_path(const char *line)
{
	const char *p = strchr(line, ' ');

	p = p ? strchr(p + 1, ' ') : NULL;
	return p ? p + 1 : "";
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(line_path(*(const char *const *)a),
		      line_path(*(const char *const *)b));
}

static int path_key_cmp(const void *key, const void *elem)
{
	return strcmp(key, line_path(*(const char *const *)elem));
}

/* Did the previous run write `rel` from a document with digest `digest`,
 * and is the file still there? */
int sd_site_same_page(const struct site_run *o, const char *rel,
		      const char *digest)
{
	const char *const *f;
	struct sd_buf path = SD_BUF_INIT;
	const char *d;
	int same;

	if (!o->old.by_path)
		return 0;
	f = bsearch(rel, o->old.by_path, o->old.files.n, sizeof(char *),
		    path_key_cmp);
	if (!f || !(d = strchr(*f, ' ')) || strncmp(d + 1, digest, 16) ||
	    d[17] != ' ')
		return 0;
	sd_buf_addf(&path, "%s/%s", o->dir, rel);
	same = access(path.ptr, F_OK) == 0;
	sd_buf_release(&path);
	return same;
}

void sd_site_manifest_release(struct site_manifest *m)
{
	free(m->settings);
	sd_strv_release(&m->benches);
	sd_strv_release(&m->files);
	free(m->by_path);
	m->by_path = NULL;
}

/* Is `rel` a path under the site: relative, no ".." part? Anything else
 * in a manifest is not a file this program wrote (and not one it may
 * remove). */
static int inside(const char *rel)
{
	if (!*rel || *rel == '/')
		return 0;
	for (const char *p = rel;; p++) {
		if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || !p[2]))
			return 0;
		if (!(p = strchr(p, '/')))
			return 1;
	}
}

int sd_site_check_dir(const char *dir)
{
	struct sd_buf path = SD_BUF_INIT;
	int rc = 0;
	DIR *d;

	sd_buf_addf(&path, "%s/" SD_SITE_MANIFEST, dir);
	if (access(path.ptr, F_OK) != 0 && (d = opendir(dir))) {
		const struct dirent *e;

		while ((e = readdir(d)) && !rc)
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				rc = sd_error_set(SD_EEXISTS,
						  "'%s' is not a stigdiff site (no %s; "
						  "--force writes into it anyway)",
						  dir, SD_SITE_MANIFEST);
		closedir(d);
	}
	sd_buf_release(&path);
	return rc;
}

/*
 * Read DIR/.stigdiff-site. Returns 1 when it exists, 0 when not (and
 * the directory is empty or missing), or SD_EEXISTS for a directory
 * holding other files.
 */
int sd_site_manifest_read(const char *dir, struct site_manifest *m)
{
	struct sd_buf path = SD_BUF_INIT;
	char *text = NULL, *line, *save = NULL;
	size_t len;
	int rc = 0;

	sd_buf_addf(&path, "%s/" SD_SITE_MANIFEST, dir);
	if (sd_read_file(path.ptr, (size_t)256 << 20, &text, &len) < 0) {
		sd_error_clear();
		rc = sd_site_check_dir(dir);
		goto done;
	}
	if (!sd_starts_with(text, SD_SITE_MANIFEST_MAGIC "\n"))
		goto done;
	rc = 1;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sd_starts_with(line, "settings ")) {
			free(m->settings); /* the last one counts */
			m->settings = sd_xstrdup(line);
		} else if (sd_starts_with(line, "bench "))
			sd_strv_push(&m->benches, line + 6);
		else if (sd_starts_with(line, "file ") &&
			 inside(line_path(line + 5)))
			sd_strv_push(&m->files, line + 5);
	}
	m->by_path = sd_xcalloc(m->files.n + 1, sizeof(char *));
	if (m->files.n) {
		memcpy(m->by_path, m->files.v, m->files.n * sizeof(char *));
		qsort(m->by_path, m->files.n, sizeof(char *), path_cmp);
	}
done:
	free(text);
	sd_buf_release(&path);
	return rc;
}

int sd_site_manifest_files(const char *dir, struct sd_strv *files)
{
	struct site_manifest m;
	int rc;

	memset(&m, 0, sizeof(m));
	rc = sd_site_manifest_read(dir, &m);
	for (size_t i = 0; i < m.files.n; i++)
		sd_strv_push(files, line_path(m.files.v[i]));
	sd_site_manifest_release(&m);
	return rc;
}

/* Keep the files of benchmark `slug` the previous run wrote. */
void sd_site_keep_files(struct site_run *o, const char *slug)
{
	size_t n = strlen(slug);

	for (size_t i = 0; i < o->old.files.n; i++) {
		const char *f = o->old.files.v[i];

		if (!strncmp(f, slug, n) && f[n] == ' ') {
			sd_buf_addf(&o->manifest, "file %s\n", f);
			o->st->unchanged++;
		}
	}
}

static int strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Remove what the previous run wrote and this one did not: the paths of
 * this run are those of the new manifest's file lines, looked up in
 * place (its lines cut into strings for the while), not copied.
 */
int sd_site_remove_stale(struct site_run *o)
{
	struct sd_buf path = SD_BUF_INIT;
	char *p = o->manifest.ptr, *end = p + o->manifest.len;
	const char **now = NULL;
	size_t n = 0, cap = 0;
	int err = 0;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl)
			break;
		*nl = '\0';
		if (sd_starts_with(p, "file ")) {
			SD_ALLOC_GROW(now, n, cap);
			now[n++] = line_path(p + 5);
		}
		p = nl + 1;
	}
	if (n)
		qsort(now, n, sizeof(*now), strp_cmp);
	for (size_t i = 0; i < o->old.files.n && !err; i++) {
		const char *rel = line_path(o->old.files.v[i]);

		if (!*rel || (n && bsearch(&rel, now, n, sizeof(*now),
					   strp_cmp)))
			continue;
		sd_buf_reset(&path);
		sd_buf_addf(&path, "%s/%s", o->dir, rel);
		if (unlink(path.ptr) == 0)
			o->st->removed++;
		else if (errno != ENOENT)
			err = sd_error_errno(SD_EIO, "cannot remove '%s'",
					     path.ptr);
	}
	/* The lines again. */
	for (p = o->manifest.ptr; p < end; p++)
		if (!*p)
			*p = '\n';
	free(now);
	sd_buf_release(&path);
	return err;
}

/*
 * A first run that failed: a manifest naming the files it wrote, so the
 * next run may replace or remove them, and settings no run has (it
 * renders everything). On a full disk this may fail too; the manifest
 * written at the start then stays.
 */
void sd_site_manifest_incomplete(struct site_run *o, const char *path)
{
	struct sd_buf m = SD_BUF_INIT;
	const char *p = o->manifest.ptr, *end = p + o->manifest.len;
	char *why = sd_xstrdup(sd_error_last()); /* the error to report */
	int code = sd_error_code();

	sd_buf_addstr(&m, SD_SITE_MANIFEST_MAGIC "\n" SD_SITE_INCOMPLETE "\n");
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		nl = nl ? nl + 1 : end;
		if (sd_starts_with(p, "file "))
			sd_buf_add(&m, p, (size_t)(nl - p));
		p = nl;
	}
	sd_write_file(path, m.ptr, m.len, 1);
	sd_error_set(code, "%s", why);
	free(why);
	sd_buf_release(&m);
}

/* Is benchmark `sb` as the manifest recorded it (nothing to render)? */
int sd_site_unchanged_bench(const struct site_run *o,
			    const struct site_bench *sb)
{
	struct sd_buf line = SD_BUF_INIT;
	int same;

	sd_buf_addf(&line, "%s %s %s", sb->slug, sb->head, sb->lineage_hash);
	same = sd_strv_contains(&o->old.benches, line.ptr);
	sd_buf_release(&line);
	return same;
}
