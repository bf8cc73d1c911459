/*
 * `corpus link`: open (plan, compute the stale groups, see
 * lineage_link_int.h), then commit the files as lineage/ and keep the
 * caches for the next run.
 */
#include "lineage_link_int.h"
#include "error.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- Open ---- */

void sd_link_free(struct sd_link *lk)
{
	if (!lk)
		return;
	sd_lineage_free(lk->plan);
	for (size_t i = 0; i < lk->nheads; i++)
		sd_benchmark_free(lk->heads[i]);
	free(lk->heads);
	free(lk->head_slug);
	free(lk->head_rel);
	for (size_t i = 0; i < lk->nslugs; i++) {
		free(lk->slugs[i].slug);
		if (lk->slugs[i].prod)
			sd_product_release(lk->slugs[i].prod);
		free(lk->slugs[i].prod);
		sd_corpus_releases_free(lk->slugs[i].rel, lk->slugs[i].nrel);
	}
	free(lk->slugs);
	sd_strv_release(&lk->parts);
	for (size_t l = 0; l < lk->nlines; l++) {
		free(lk->file[l]);
		free(lk->sources[l]);
		if (lk->maps)
			sd_lineage_maps_release(&lk->maps[l]);
		if (lk->sigs)
			sd_lineage_sigline_release(&lk->sigs[l]);
	}
	free(lk->file);
	free(lk->sources);
	free(lk->group);
	free(lk->stale_group);
	free(lk->computed_line);
	free(lk->maps);
	free(lk->sigs);
	if (lk->have_stored)
		sd_lineage_index_release(&lk->stored);
	sd_lineage_index_release(&lk->idx);
	sd_lineage_files_release(&lk->files);
	sd_strv_release(&lk->ids.v);
	sd_strv_release(&lk->remove);
	sd_corpus_import_free(lk->im);
	sd_buf_release(&lk->dir);
	sd_buf_release(&lk->where);
	free(lk);
}

/* With opts.commit, the files made since the last call are written as
 * blobs now and their text freed. */
static int flush_files(struct sd_link *lk)
{
	int err = 0;

	if (!lk->im)
		return 0;
	for (; lk->flushed < lk->files.n && !err; lk->flushed++) {
		struct sd_lineage_file *f = &lk->files.v[lk->flushed];

		if (f->oid[0])
			continue;
		err = sd_corpus_import_blob(lk->im, f->text.ptr, f->text.len,
					    f->oid);
		sd_buf_release(&f->text);
		sd_buf_addstr(&f->text, "");
	}
	return err;
}

/* The mapping cache of stigdiff before product lines (one file per pair
 * of releases, often larger than the corpus): no longer read. */
static void remove_old_cache(struct sd_corpus *c)
{
	struct sd_buf old = SD_BUF_INIT;
	struct stat sb;

	if (sd_corpus_private_path(c, "lineage-cache", &old) == 0 &&
	    stat(old.ptr, &sb) == 0 && S_ISDIR(sb.st_mode))
		sd_remove_tree(old.ptr);
	sd_error_clear();
	sd_buf_release(&old);
}

static void write_maps(struct sd_link *lk, size_t l);

int sd_link_open(struct sd_link **out, struct sd_corpus *c,
		 const struct sd_link_opts *opts)
{
	struct sd_link *lk = sd_xcalloc(1, sizeof(*lk));
	struct sd_lineage_opts lo;
	struct sd_lineage_source csrc = { sd_link_corpus_read, NULL, NULL };
	size_t done = 0;
	int err;

	*out = NULL;
	lk->c = c;
	if (opts)
		lk->o = *opts;
	lk->src.read = sd_link_read;
	lk->src.ctx = lk;
	sd_buf_addf(&lk->where, "%s:lineage/", sd_corpus_dir(c));
	lk->src.where = lk->where.ptr;
	csrc.ctx = c;
	csrc.where = lk->where.ptr;
	if (lk->o.commit)
		remove_old_cache(c);
	if ((err = sd_corpus_private_path(c, "lineage", &lk->dir)) < 0 ||
	    (err = sd_link_make_key(lk)) < 0 || (err = sd_link_read_heads(lk)) < 0 ||
	    (err = sd_link_read_stored(lk)) < 0 ||
	    (lk->o.commit &&
	     (err = sd_corpus_import_new(&lk->im, c, 0, NULL, NULL)) < 0))
		goto done;
	if (lk->have_stored && !lk->o.full && sd_link_stored_current(lk)) {
		/* Nothing changed since it was stored. */
		lk->idx = lk->stored;
		lk->have_stored = 0;
		lk->st.lines = lk->idx.nlines;
		for (size_t i = 0; i < lk->idx.nlines; i++)
			lk->st.releases += lk->idx.lines[i].releases;
		goto done;
	}
	if ((err = sd_link_read_releases(lk)) < 0)
		goto done;
	lk->st.releases = lk->nheads;
	sd_link_lineage_opts(lk, &lo);
	if ((err = sd_lineage_new(lk->heads, lk->nheads, &lo, &lk->plan)) < 0)
		goto done;
	/* The plan's releases are the headers, in order: none repeats. */
	for (size_t r = 0; r < lk->nheads && !err; r++)
		if (r >= sd_lineage_benchmarks(lk->plan) ||
		    sd_lineage_release(lk->plan, r) != lk->heads[r])
			err = sd_error_set(SD_EPARSE, "corpus '%s': release %s "
					   "appears twice", sd_corpus_dir(c),
					   lk->heads[r]->source);
	if (err < 0)
		goto done;
	lk->nlines = sd_lineage_lines(lk->plan);
	lk->file = sd_xcalloc(lk->nlines + 1, sizeof(*lk->file));
	lk->sources = sd_xcalloc(lk->nlines + 1, sizeof(*lk->sources));
	lk->group = sd_xcalloc(lk->nlines + 1, sizeof(*lk->group));
	lk->computed_line = sd_xcalloc(lk->nlines + 1, sizeof(int));
	lk->maps = sd_xcalloc(lk->nlines + 1, sizeof(*lk->maps));
	lk->sigs = sd_xcalloc(lk->nlines + 1, sizeof(*lk->sigs));
	lk->stale_group = sd_xcalloc(lk->nlines + 1, sizeof(int));
	for (size_t l = 0; l < lk->nlines; l++) {
		lk->file[l] = sd_lineage_store_line_file(
			sd_lineage_line_product(lk->plan, l)->key);
		lk->sources[l] = sd_link_line_sources(lk, l);
	}
	lk->st.lines = lk->nlines;
	sd_link_make_groups(lk, NULL);
	if (sd_link_mark_stale(lk) && lk->have_stored && lk->o.nlinks) {
		/* Curated links join groups, as the stored ids say. */
		if ((err = sd_lineage_ids_read(&csrc, NULL, &lk->ids)) < 0)
			goto done;
		sd_link_make_groups(lk, &lk->ids);
		sd_strv_release(&lk->ids.v);
		sd_link_mark_stale(lk);
	}
	lk->st.groups = lk->ngroups;
	for (size_t g = 0; g < lk->ngroups; g++)
		lk->stale |= lk->stale_group[g];
	if (!lk->stale) {
		sd_link_keep_stored(lk);
		goto done;
	}
	sd_link_keep_stored(lk);
	/* Compute the stale groups, one at a time. */
	for (size_t gi = 0; gi < lk->ngroups && !err; gi++) {
		size_t *lines = NULL, nl = 0, nrel = 0;

		for (size_t l = 0; l < lk->nlines; l++)
			if (lk->group[l] == gi) {
				const size_t *rels;

				lines = sd_xrealloc(lines, (nl + 1) * sizeof(*lines));
				lines[nl++] = l;
				nrel += sd_lineage_line_releases(lk->plan, l, &rels);
			}
		if (lk->stale_group[gi]) {
			err = sd_link_run_group(lk, lines, nl);
			lk->st.groups_computed++;
			/* The group's mappings to the cache now and its files
			 * to the object store: memory holds one group's. */
			for (size_t q = 0; !err && lk->o.write_maps && q < nl; q++)
				write_maps(lk, lines[q]);
			if (!err)
				err = flush_files(lk);
		}
		done += nrel;
		if (lk->o.progress)
			lk->o.progress(lk->o.progress_ctx, done, lk->nheads);
		free(lines);
	}
	if (err < 0)
		goto done;
	{
		struct sd_strv drop = SD_STRV_INIT;

		/* Ids of the lines kept, then those computed; related rules
		 * of every line; removed files of lines gone. */
		for (size_t i = 0; lk->have_stored && i < lk->stored.nlines; i++) {
			size_t l;
			const char *f = lk->stored.lines[i].file;

			for (l = 0; l < lk->nlines; l++)
				if (!strcmp(lk->file[l], f))
					break;
			/* A line gone or computed again: its files go,
			 * but those written again. */
			if (l == lk->nlines || lk->computed_line[l]) {
				sd_strv_push(&drop, f);
				sd_lineage_index_line_files(&lk->stored, i,
							    &lk->remove);
			}
		}
		if (lk->have_stored) {
			struct sd_lineage_ids kept = SD_LINEAGE_IDS_INIT;

			err = sd_lineage_ids_read(&csrc, &drop, &kept);
			for (size_t i = 0; i < kept.v.n; i++)
				sd_strv_push(&lk->ids.v, kept.v.v[i]);
			sd_strv_release(&kept.v);
		}
		sd_strv_release(&drop);
	}
	if (!err && lk->o.keep_maps)
		sd_link_sigs_read(lk);
	if (!err)
		err = sd_link_write_related(lk);
	if (!err) {
		sd_lineage_ids_write(&lk->ids, &lk->files);
		sd_strv_push(&lk->remove, "links.tsv");
	}
done:
	if (err < 0)
		sd_link_free(lk);
	else
		*out = lk;
	return err;
}

int sd_link_stale(const struct sd_link *lk)
{
	return lk->stale;
}

void sd_link_stats(const struct sd_link *lk, struct sd_link_stats *out)
{
	*out = lk->st;
}

const struct sd_lineage_source *sd_link_source(const struct sd_link *lk)
{
	return &lk->src;
}

const struct sd_lineage_index *sd_link_index(const struct sd_link *lk)
{
	return &lk->idx;
}

/* ---- Commit ---- */

static int mkdir_p(const char *path)
{
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		return sd_error_set(SD_EIO, "cannot create '%s': %s", path,
				    strerror(errno));
	return 0;
}

/* The mapping cache of line l: the mappings used, no more; then they
 * leave memory. Only a cache: a failed write costs the next link time. */
static void write_maps(struct sd_link *lk, size_t l)
{
	struct sd_buf path = SD_BUF_INIT, text = SD_BUF_INIT;
	struct sd_lineage_maps *m = &lk->maps[l];

	sd_buf_addf(&path, "%s/maps", lk->dir.ptr);
	if (mkdir_p(lk->dir.ptr) < 0 || mkdir_p(path.ptr) < 0) {
		sd_error_clear();
		goto done;
	}
	sd_lineage_maps_write(m, lk->digest, &text);
	sd_link_map_path(lk, lk->file[l], &path);
	if (sd_write_file(path.ptr, text.ptr, text.len, 1) < 0)
		sd_error_clear();
done:
	sd_lineage_maps_release(m);
	m->loaded = 1; /* read, and written */
	sd_buf_release(&path);
	sd_buf_release(&text);
}

/* The signatures of every line, for the next link. */
static void write_caches(struct sd_link *lk)
{
	struct sd_buf path = SD_BUF_INIT, text = SD_BUF_INIT;

	if (!lk->o.keep_maps)
		return;
	if (mkdir_p(lk->dir.ptr) < 0) {
		sd_error_clear();
		goto done;
	}
	sd_lineage_sigs_write(lk->sigs, lk->nlines, lk->digest, &text);
	sd_link_sigs_path(lk, &path);
	if (sd_write_file(path.ptr, text.ptr, text.len, 1) < 0)
		sd_error_clear();
done:
	sd_buf_release(&path);
	sd_buf_release(&text);
}

/* The size of the caches kept, into the stats. */
static void measure_caches(struct sd_link *lk)
{
	struct sd_buf path = SD_BUF_INIT, text = SD_BUF_INIT;
	DIR *d;

	lk->st.cache_bytes = 0;
	sd_buf_reset(&path);
	sd_buf_addf(&path, "%s/maps", lk->dir.ptr);
	if ((d = opendir(path.ptr))) {
		struct dirent *de;

		while ((de = readdir(d))) {
			struct stat st;

			if (de->d_name[0] == '.')
				continue;
			sd_buf_reset(&text);
			sd_buf_addf(&text, "%s/%s", path.ptr, de->d_name);
			if (stat(text.ptr, &st) == 0)
				lk->st.cache_bytes += (size_t)st.st_size;
		}
		closedir(d);
	}
	sd_link_sigs_path(lk, &text);
	{
		struct stat st;

		if (stat(text.ptr, &st) == 0)
			lk->st.cache_bytes += (size_t)st.st_size;
	}
	sd_buf_release(&path);
	sd_buf_release(&text);
}

int sd_link_commit(struct sd_link *lk, int *updated)
{
	struct sd_corpus_import *im = NULL;
	struct sd_corpus_file *f = NULL;
	struct sd_strv changed = SD_STRV_INIT;
	struct sd_buf index = SD_BUF_INIT, msg = SD_BUF_INIT;
	const char **rm = NULL;
	size_t n = 0, nrm = 0;
	int err;

	*updated = 0;
	if (lk->stale)
		write_caches(lk);
	measure_caches(lk);
	if (!lk->stale)
		return 0;
	sd_lineage_index_write(&lk->idx, &index);
	f = sd_xcalloc(lk->files.n + 1, sizeof(*f));
	rm = sd_xcalloc(lk->remove.n + 1, sizeof(*rm));
	for (size_t i = 0; i < lk->files.n; i++) {
		f[n].name = lk->files.v[i].name;
		f[n].text = lk->files.v[i].text.ptr;
		f[n].len = lk->files.v[i].text.len;
		f[n].oid = lk->files.v[i].oid[0] ? lk->files.v[i].oid : NULL;
		n++;
	}
	f[n].name = "index.tsv";
	f[n].text = index.ptr;
	f[n].len = index.len;
	f[n].oid = NULL;
	n++;
	sd_buf_addf(&msg,
		    "lineage: computed links (%zu product lines, %zu computed)\n\n"
		    "Every step of every rule's lineage over the releases and curated\n"
		    "links of the corpus, written by 'stigdiff corpus link'. See\n"
		    "README.md, \"Corpus format\".\n",
		    lk->idx.nlines, lk->st.lines_computed);
	if (lk->im) {
		im = lk->im;
		lk->im = NULL;
	} else if ((err = sd_corpus_import_new(&im, lk->c, 0, NULL, NULL)) < 0) {
		goto done;
	}
	/* Files of lines computed again that are written again stay. */
	for (size_t i = 0; i < lk->remove.n; i++)
		if (!sd_lineage_files_get(&lk->files, lk->remove.v[i]))
			rm[nrm++] = lk->remove.v[i];
	if ((err = sd_corpus_import_lineage_files(
		     im, f, n, (const char *const *)rm, nrm, msg.ptr,
		     updated)) < 0 ||
	    (err = sd_corpus_import_prepare(im, &changed)) < 0 ||
	    (err = sd_corpus_import_commit(im)) < 0)
		goto done;
done:
	sd_corpus_import_free(im);
	sd_strv_release(&changed);
	sd_buf_release(&index);
	sd_buf_release(&msg);
	free(f);
	free(rm);
	return err;
}
