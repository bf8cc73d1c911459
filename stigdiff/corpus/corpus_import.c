/*
 * An import into the corpus (see corpus.h): each release's rule files
 * and tree written at once into memory, packed when they pass a size;
 * the lineage/ files; the snapshot on main; then the refs, through the
 * journal. Placing releases in lines is corpus_place.c's.
 */
#include "corpus_int.h"
#include "error.h"
#include "rulefile.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- The state of an import ---- */


void sd_corpus_record_new(struct sd_corpus_import *im, const git_oid *id,
			  const char *name)
{
	size_t cap = im->new_cap;

	SD_ALLOC_GROW(im->new_ids, im->nnew, im->new_cap);
	if (cap != im->new_cap)
		im->new_names = sd_xrealloc(im->new_names,
					    im->new_cap * sizeof(*im->new_names));
	im->new_ids[im->nnew] = *id;
	im->new_names[im->nnew++] = name ? sd_xstrdup(name) : NULL;
}

static void texts_release(struct text_memo *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].path);
		free(m->v[i].text);
	}
	free(m->v);
	sd_htab_release(&m->index);
	memset(m, 0, sizeof(*m));
}

/* The item of `m` for `path`, or NULL. */
static struct text_memo_item *texts_find(struct text_memo *m, uint64_t h,
					 const char *path)
{
	size_t pos, k;

	for (k = sd_htab_find(&m->index, h, &pos); k;
	     k = sd_htab_next(&m->index, h, &pos))
		if (!strcmp(m->v[k - 1].path, path))
			return &m->v[k - 1];
	return NULL;
}

/* Remember that `text` at `path` is blob `id` (the text before it at
 * that path is forgotten). */
static void texts_keep(struct text_memo *m, struct text_memo_item *it,
		       uint64_t h, const char *path, const char *text,
		       size_t len, const git_oid *id)
{
	if (!it && m->bytes + len > TEXT_MEMO_BYTES)
		texts_release(m);
	if (!it) {
		SD_ALLOC_GROW(m->v, m->n, m->cap);
		it = &m->v[m->n];
		memset(it, 0, sizeof(*it));
		it->path = sd_xstrdup(path);
		sd_htab_put(&m->index, h, m->n++);
	}
	m->bytes -= it->len;
	free(it->text);
	it->text = sd_xmalloc(len + 1);
	memcpy(it->text, text, len);
	it->len = len;
	m->bytes += len;
	git_oid_cpy(&it->id, id);
}

static void forget_new(struct sd_corpus_import *im)
{
	for (size_t i = 0; i < im->nnew; i++)
		free(im->new_names[i]);
	im->nnew = 0;
	im->pending_bytes = 0;
}

void sd_corpus_emit(struct sd_corpus_import *im, enum sd_corpus_event_kind kind,
		    const char *slug, const char *label, const char *version,
		    const char *date, const char *summary, const char *source,
		    const char *differs, size_t nrules)
{
	struct sd_corpus_event ev = { kind,    slug,   label,	 version, date,
				      summary, source, differs, nrules };

	if (im->fn)
		im->fn(&ev, im->ctx);
}

/*
 * Remove the temporary files a killed writer left in `sub` (libgit2
 * writes loose objects to objects/tmp_object_git2_* and packs to
 * objects/pack/pack_git2_*, then renames them). Only called under the
 * corpus lock, so no live writer of ours owns them.
 */
static void remove_temporaries(struct sd_corpus *c, const char *sub,
			       const char *prefix)
{
	struct sd_buf path = SD_BUF_INIT;
	struct dirent *e;
	size_t base;
	DIR *d;

	sd_buf_addf(&path, "%s%s/", c->gitdir, sub);
	base = path.len;
	if (!(d = opendir(path.ptr)))
		goto done;
	while ((e = readdir(d))) {
		if (!sd_starts_with(e->d_name, prefix))
			continue;
		sd_buf_setlen(&path, base);
		sd_buf_addstr(&path, e->d_name);
		unlink(path.ptr);
	}
	closedir(d);
done:
	sd_buf_release(&path);
}

/*
 * Pack settings for this process only, from <corpus>/stigdiff/pack.config
 * (written when missing; stock git never reads it): the delta window of
 * the pack builder is limited to 4 KiB of candidates, which keeps it to
 * the version of the same rule file just before (the builder sorts by
 * path) instead of ten of any: as git fast-import does. 16 KiB (three or
 * four candidates) made packs 5% smaller for 11% more CPU on the whole
 * import of the DISA library. `git gc` still repacks with git's defaults.
 */
static int pack_settings(struct sd_corpus *c)
{
	static const char text[] = "# stigdiff's pack settings (see README.md)\n"
				   "[pack]\n\twindowMemory = 4k\n";
	struct sd_buf path = SD_BUF_INIT;
	git_config *cfg = NULL;
	int err;

	if ((err = sd_corpus_private_path(c, "pack.config", &path)) < 0)
		goto done;
	if (access(path.ptr, F_OK) < 0 &&
	    (err = sd_write_file(path.ptr, text, sizeof(text) - 1, 0)) < 0 &&
	    err != SD_EEXISTS)
		goto done;
	err = 0;
	if (git_repository_config(&cfg, c->repo) < 0 ||
	    git_config_add_file_ondisk(cfg, path.ptr, GIT_CONFIG_LEVEL_APP,
				       c->repo, 1) < 0)
		err = sd_corpus_git_fail(SD_EIO, path.ptr);
done:
	git_config_free(cfg);
	sd_buf_release(&path);
	return err;
}

int sd_corpus_import_new(struct sd_corpus_import **out, struct sd_corpus *c,
			 int replace, sd_corpus_event_fn fn, void *ctx)
{
	struct sd_corpus_import *im;
	struct journal j = { SD_STRV_INIT, NULL, 0 };
	struct sd_buf path = SD_BUF_INIT;
	int err;

	if (c->lock_fd < 0)
		return sd_error_set(SD_ELOCKED, "import without the corpus lock");
	remove_temporaries(c, "objects", "tmp_object_git2_");
	remove_temporaries(c, "objects/pack", "pack_git2_");
	/* And ours: search index, caches (sd_outfile's hidden names). */
	sd_buf_addf(&path, "%sstigdiff", c->gitdir);
	sd_sweep_temporaries(path.ptr, NULL, 1);
	sd_buf_reset(&path);
	if ((err = pack_settings(c)) < 0)
		return err;
	if ((err = sd_corpus_journal_read(c, &j, &path)) < 0)
		goto done;
	if (j.refs.n) {
		if ((err = sd_corpus_journal_apply(c, &j, path.ptr)) < 0)
			goto done;
		if (fn) {
			struct sd_corpus_event ev = { SD_CORPUS_RECOVERED, NULL,
						      NULL, NULL, NULL, NULL,
						      NULL, NULL, j.refs.n };

			fn(&ev, ctx);
		}
	}
	im = sd_xcalloc(1, sizeof(*im));
	if (git_repository_odb(&im->odb, c->repo) < 0 ||
	    git_mempack_new(&im->mempack) < 0 ||
	    git_odb_add_backend(im->odb, im->mempack, 1000) < 0) {
		/* The odb owns the backend once added. */
		err = sd_corpus_git_fail(SD_EIO, "cannot set up the object store");
		git_odb_free(im->odb);
		free(im);
		goto done;
	}
	im->c = c;
	im->flush_bytes = sd_corpus_flush_bytes();
	im->replace = replace;
	im->fn = fn;
	im->ctx = ctx;
	sd_buf_init(&im->text);
	*out = im;
done:
	sd_corpus_journal_release(&j);
	sd_buf_release(&path);
	return err;
}

void sd_corpus_import_free(struct sd_corpus_import *im)
{
	if (!im)
		return;
	if (im->c->pending == &im->journal)
		im->c->pending = NULL;
	for (size_t i = 0; i < im->n; i++) {
		free(im->p[i].label);
		free(im->p[i].date);
		free(im->p[i].bench_id);
		free(im->p[i].title);
		free(im->p[i].source);
	}
	free(im->p);
	sd_buf_release(&im->text);
	sd_corpus_journal_release(&im->journal);
	forget_new(im);
	free(im->new_ids);
	free(im->new_names);
	sd_corpus_memo_release(&im->memo);
	texts_release(&im->texts);
	sd_corpus_known_release(&im->known);
	git_odb_free(im->odb);
	free(im);
}

int sd_corpus_make_commit(struct sd_corpus_import *im, const char *msg,
			  const git_oid *tree, git_time_t when,
			  const git_oid **parents, size_t nparents,
			  git_oid *out)
{
	struct sd_corpus *c = im->c;
	git_signature *sig = NULL;
	int rc;

	if (git_signature_new(&sig, AUTHOR_NAME, AUTHOR_EMAIL, when, 0) < 0)
		return sd_corpus_git_fail(SD_ERROR, "signature");
	rc = git_commit_create_from_ids(out, c->repo, NULL, sig, sig, NULL,
					msg, tree, nparents, parents);
	git_signature_free(sig);
	if (rc < 0)
		return sd_corpus_git_fail(SD_EIO, "cannot write commit");
	sd_corpus_record_new(im, out, NULL);
	sd_corpus_checkpoint();
	return 0;
}

/* ---- Import ---- */

/*
 * Write the objects this import created (held in memory) as one pack
 * file; libgit2's pack builder finds the deltas and its indexer writes
 * the .pack, then the .idx that makes it visible. Nothing refers to
 * these objects before the refs move.
 */
int sd_corpus_flush_objects(struct sd_corpus_import *im)
{
	git_packbuilder *pb = NULL;
	struct sd_buf dir = SD_BUF_INIT;
	int err = 0;

	if (!im->nnew)
		return 0;
	if (git_packbuilder_new(&pb, im->c->repo) < 0) {
		err = sd_corpus_git_fail(SD_EIO, "cannot pack objects");
		goto done;
	}
	git_packbuilder_set_threads(pb, 0);
	for (size_t i = 0; i < im->nnew; i++)
		if (git_packbuilder_insert(pb, &im->new_ids[i],
					   im->new_names[i]) < 0) {
			err = sd_corpus_git_fail(SD_EIO, "cannot pack objects");
			goto done;
		}
	sd_buf_addf(&dir, "%sobjects/pack", im->c->gitdir);
	if (git_packbuilder_write(pb, dir.ptr, 0, NULL, NULL) < 0) {
		err = sd_corpus_git_fail(SD_EIO, "cannot write pack");
		goto done;
	}
	sd_corpus_checkpoint();
	git_mempack_reset(im->mempack);
	forget_new(im);
	/* Let lookups that skip rescanning the pack directory see it. */
	git_odb_refresh(im->odb);
done:
	git_packbuilder_free(pb);
	sd_buf_release(&dir);
	return err;
}

/* Write the text in im->text as file `name` of directory `slug`. */
int sd_corpus_insert_blob(struct sd_corpus_import *im, git_treebuilder *tb,
			  const char *slug, const char *name)
{
	char path[512];
	struct text_memo_item *it;
	uint64_t h;
	git_oid oid;

	snprintf(path, sizeof(path), "%s/%s", slug, name);
	/* The same text as last time at this path (most rules do not change
	 * from one release to the next) is the same blob, written then:
	 * comparing costs far less than hashing (SHA-1 with collision
	 * detection). */
	h = sd_hash_str(path);
	it = texts_find(&im->texts, h, path);
	if (it && it->len == im->text.len &&
	    !memcmp(it->text, im->text.ptr, it->len)) {
		oid = it->id;
		goto insert;
	}
	/* Hash first: a rule unchanged since an earlier release is there. */
	if (git_odb_hash(&oid, im->text.ptr, im->text.len, GIT_OBJECT_BLOB) < 0)
		return sd_corpus_git_fail(SD_ERROR, name);
	texts_keep(&im->texts, it, h, path, im->text.ptr, im->text.len, &oid);
	if (!git_odb_exists_ext(im->odb, &oid, GIT_ODB_LOOKUP_NO_REFRESH)) {
		/* Straight into the memory store: the object database's own
		 * write would hash it again and rescan the pack directory. */
		if (im->mempack->write(im->mempack, &oid, im->text.ptr,
				       im->text.len, GIT_OBJECT_BLOB) < 0)
			return sd_corpus_git_fail(SD_EIO, name);
		sd_corpus_record_new(im, &oid, path);
		im->pending_bytes += im->text.len;
	}
insert:
	if (git_treebuilder_insert(NULL, tb, name, &oid, GIT_FILEMODE_BLOB) < 0)
		return sd_corpus_git_fail(SD_EIO, name);
	return 0;
}

int sd_corpus_import_add(struct sd_corpus_import *im, struct sd_benchmark *b)
{
	struct sd_strv names = SD_STRV_INIT;
	git_treebuilder *tb = NULL;
	struct pending *p;
	char *slug = NULL, label[64];
	git_oid dir;
	int err = 0;

	/* Files are named under the benchmark's own slug while the tree is
	 * built (a hint for the pack's deltas); its line is decided later. */
	if (!(slug = sd_rulefile_slug(b->id)))
		return sd_error_set(SD_EPARSE,
				    "%s: benchmark has no usable id", b->source);
	if (sd_rulefile_label(b, label) < 0) {
		err = sd_error_set(SD_EPARSE, "%s: benchmark '%s' has no version",
				   b->source, b->id);
		goto done;
	}
	sd_benchmark_sort(b);
	sd_rulefile_names(b, &names);
	if (git_treebuilder_new(&tb, im->c->repo, NULL) < 0) {
		err = sd_corpus_git_fail(SD_EIO, "tree builder");
		goto done;
	}
	for (size_t i = 0; i < b->nrules; i++) {
		sd_buf_reset(&im->text);
		sd_rulefile_write_rule(&im->text, &b->rules[i]);
		if ((err = sd_corpus_insert_blob(im, tb, slug, names.v[i])) < 0)
			goto done;
	}
	sd_buf_reset(&im->text);
	sd_rulefile_write_benchmark(&im->text, b);
	if ((err = sd_corpus_insert_blob(im, tb, slug, SD_RULEFILE_BENCHMARK)) < 0)
		goto done;
	if (git_treebuilder_write(&dir, tb) < 0) {
		err = sd_corpus_git_fail(SD_EIO, "cannot write tree");
		goto done;
	}
	sd_corpus_record_new(im, &dir, slug);
	sd_corpus_checkpoint();
	SD_ALLOC_GROW(im->p, im->n, im->cap);
	p = &im->p[im->n];
	memset(p, 0, sizeof(*p));
	p->label = sd_xstrdup(label);
	p->date = b->date ? sd_xstrdup(b->date) : NULL;
	p->bench_id = sd_xstrdup(b->id);
	p->title = sd_xstrdup(b->title ? b->title : "");
	p->source = sd_xstrdup(b->source ? b->source : "");
	p->scap = sd_benchmark_kind(b) == SD_KIND_SCAP;
	p->draft = sd_benchmark_is_draft(b);
	p->dir = dir;
	p->nrules = b->nrules;
	p->order = im->n++;
	if (im->pending_bytes > im->flush_bytes)
		err = sd_corpus_flush_objects(im);
done:
	if (err < 0)
		im->known.bad = 1; /* its document is not recorded */
	git_treebuilder_free(tb);
	sd_strv_release(&names);
	free(slug);
	return err;
}

/*
 * The snapshot commit for refs/heads/main: every benchmark's head as a
 * parent (in slug order), every benchmark's directory in its tree.
 */
int sd_corpus_make_main(struct sd_corpus_import *im, git_oid *out)
{
	struct sd_corpus *c = im->c;
	struct sd_strv slugs = SD_STRV_INIT;
	git_oid *heads = NULL;
	const git_oid **parents = NULL;
	git_treebuilder *tb = NULL;
	git_tree *links = NULL;
	struct sd_buf ref = SD_BUF_INIT, msg = SD_BUF_INIT, lines = SD_BUF_INIT;
	git_time_t when = 0;
	git_oid tree;
	size_t n = 0;
	int err;

	if ((err = sd_corpus_benchmarks(c, &slugs)) < 0)
		goto done;
	heads = sd_xcalloc(slugs.n + 2, sizeof(*heads));
	parents = sd_xcalloc(slugs.n + 2, sizeof(*parents));
	if (git_treebuilder_new(&tb, c->repo, NULL) < 0) {
		err = sd_corpus_git_fail(SD_EIO, "tree builder");
		goto done;
	}
	for (size_t i = 0; i < slugs.n; i++) {
		git_commit *cm = NULL;
		git_tree *t = NULL;
		const git_tree_entry *e;
		char *label, *date;

		sd_corpus_ref_name(&ref, "heads", slugs.v[i], NULL);
		if (sd_corpus_lookup_ref(c, ref.ptr, &heads[n]) < 0) {
			err = sd_corpus_git_fail(SD_EIO, ref.ptr);
			goto done;
		}
		if (git_commit_lookup(&cm, c->repo, &heads[n]) < 0 ||
		    git_commit_tree(&t, cm) < 0 ||
		    !(e = git_tree_entry_byname(t, slugs.v[i])) ||
		    git_treebuilder_insert(NULL, tb, slugs.v[i],
					   git_tree_entry_id(e),
					   GIT_FILEMODE_TREE) < 0) {
			git_tree_free(t);
			git_commit_free(cm);
			err = sd_corpus_git_fail(SD_EIO, ref.ptr);
			goto done;
		}
		if (git_commit_time(cm) > when)
			when = git_commit_time(cm);
		label = sd_corpus_trailer(git_commit_message(cm), "Version");
		date = sd_corpus_trailer(git_commit_message(cm), "Date");
		sd_buf_addf(&lines, "%s %s %s\n", slugs.v[i],
			    label ? label : "?", date ? date : "unknown");
		free(label);
		free(date);
		git_tree_free(t);
		git_commit_free(cm);
		parents[n] = &heads[n];
		n++;
	}
	/* The lineage links, when the corpus has them: last parent. */
	if ((err = sd_corpus_lineage_dir(c, &heads[n], &links)) < 0 &&
	    err != SD_ENOTFOUND)
		goto done;
	if (links) {
		if (git_treebuilder_insert(NULL, tb, LINKS_DIR,
					   git_tree_id(links),
					   GIT_FILEMODE_TREE) < 0) {
			err = sd_corpus_git_fail(SD_EIO, LINKS_REF);
			goto done;
		}
		parents[n] = &heads[n];
		sd_buf_addstr(&lines, "\nWith the lineage links (lineage/).\n");
		n++;
	}
	err = 0;
	if (git_treebuilder_write(&tree, tb) < 0) {
		err = sd_corpus_git_fail(SD_EIO, "cannot write tree");
		goto done;
	}
	sd_buf_addf(&msg, "corpus: %zu benchmarks\n\nLatest releases:\n%s",
		    slugs.n, lines.ptr);
	if ((err = sd_corpus_make_commit(im, msg.ptr, &tree, when, parents, n,
					 out)) == 0)
		sd_corpus_record_new(im, &tree, NULL);
done:
	git_treebuilder_free(tb);
	git_tree_free(links);
	free(heads);
	free(parents);
	sd_strv_release(&slugs);
	sd_buf_release(&ref);
	sd_buf_release(&msg);
	sd_buf_release(&lines);
	return err;
}

int sd_corpus_import_blob(struct sd_corpus_import *im, const char *text,
			  size_t len, char oid[41])
{
	git_oid id;

	if (git_odb_hash(&id, text, len, GIT_OBJECT_BLOB) < 0)
		return sd_corpus_git_fail(SD_ERROR, "blob");
	if (!git_odb_exists_ext(im->odb, &id, GIT_ODB_LOOKUP_NO_REFRESH)) {
		if (im->mempack->write(im->mempack, &id, text, len,
				       GIT_OBJECT_BLOB) < 0)
			return sd_corpus_git_fail(SD_EIO, "blob");
		sd_corpus_record_new(im, &id, NULL);
		im->pending_bytes += len;
		if (im->pending_bytes > im->flush_bytes) {
			int err = sd_corpus_flush_objects(im);

			if (err < 0)
				return err;
		}
	}
	git_oid_tostr(oid, 41, &id);
	return 0;
}

/* Directory `dir` of tree `t` (NULL when none), for a builder. */
static git_tree *subtree(struct sd_corpus *c, git_tree *t, const char *dir)
{
	const git_tree_entry *e = t ? git_tree_entry_byname(t, dir) : NULL;
	git_tree *sub = NULL;

	if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE &&
	    git_tree_lookup(&sub, c->repo, git_tree_entry_id(e)) < 0)
		sub = NULL;
	return sub;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int sd_corpus_import_lineage_files(struct sd_corpus_import *im,
				   const struct sd_corpus_file *files, size_t n,
				   const char *const *remove, size_t nremove,
				   const char *message, int *changed)
{
	struct sd_corpus *c = im->c;
	git_treebuilder *tb = NULL, *sub = NULL;
	git_tree *old_dir = NULL, *old_sub = NULL;
	struct sd_strv dirs = SD_STRV_INIT;
	git_oid head, dir, root, commit;
	const git_oid *parent = &head;
	int have, err = 0, rc, any = 0;

	*changed = 0;
	if ((rc = sd_corpus_lineage_dir(c, &head, &old_dir)) < 0 && rc != SD_ENOTFOUND)
		return rc;
	have = rc == 0;
	if (git_treebuilder_new(&tb, c->repo, old_dir) < 0) {
		err = sd_corpus_git_fail(SD_EIO, "tree builder");
		goto done;
	}
	/* Directories touched: "" for the top, then each "x" of "x/name". */
	sd_strv_push(&dirs, "");
	for (size_t i = 0; i < n + nremove; i++) {
		const char *path = i < n ? files[i].name : remove[i - n];
		const char *slash = strchr(path, '/');
		char *d;

		if (!slash)
			continue;
		d = sd_xstrndup(path, (size_t)(slash - path));
		if (!sd_strv_contains(&dirs, d))
			sd_strv_push_owned(&dirs, d);
		else
			free(d);
	}
	qsort(dirs.v + 1, dirs.n - 1, sizeof(*dirs.v), cmp_path);
	for (size_t d = dirs.n; d-- > 0;) {
		const char *dn = dirs.v[d];
		git_treebuilder *b = tb;
		size_t dl = strlen(dn);
		int touched = 0;

		if (*dn) {
			old_sub = subtree(c, old_dir, dn);
			if (git_treebuilder_new(&sub, c->repo, old_sub) < 0) {
				err = sd_corpus_git_fail(SD_EIO, "tree builder");
				goto done;
			}
			b = sub;
		}
		for (size_t i = 0; i < n + nremove; i++) {
			const char *path = i < n ? files[i].name : remove[i - n];
			const char *base = path;
			const git_tree_entry *e;
			git_oid now;

			if (*dn && (strncmp(path, dn, dl) || path[dl] != '/'))
				continue;
			if (*dn)
				base = path + dl + 1;
			else if (strchr(path, '/'))
				continue;
			e = git_treebuilder_get(b, base);
			if (i >= n) {
				if (e) {
					git_treebuilder_remove(b, base);
					touched = 1;
				}
				continue;
			}
			if (files[i].oid ? git_oid_fromstr(&now, files[i].oid) < 0
					 : git_odb_hash(&now, files[i].text,
							files[i].len,
							GIT_OBJECT_BLOB) < 0) {
				err = sd_corpus_git_fail(SD_ERROR, path);
				goto done;
			}
			if (e && git_oid_equal(&now, git_tree_entry_id(e)))
				continue;
			if (files[i].oid) {
				/* Written already (sd_corpus_import_blob()). */
				if (git_treebuilder_insert(NULL, b, base, &now,
							   GIT_FILEMODE_BLOB) < 0) {
					err = sd_corpus_git_fail(SD_EIO, path);
					goto done;
				}
			} else {
				sd_buf_reset(&im->text);
				sd_buf_add(&im->text, files[i].text, files[i].len);
				if ((err = sd_corpus_insert_blob(im, b, LINKS_DIR, base)) < 0)
					goto done;
			}
			touched = 1;
		}
		if (*dn) {
			if (touched) {
				git_oid sid;

				if (git_treebuilder_entrycount(sub) == 0) {
					git_treebuilder_remove(tb, dn);
				} else if (git_treebuilder_write(&sid, sub) < 0 ||
					   git_treebuilder_insert(NULL, tb, dn, &sid,
								  GIT_FILEMODE_TREE) < 0) {
					err = sd_corpus_git_fail(SD_EIO, "cannot write tree");
					goto done;
				} else {
					sd_corpus_record_new(im, &sid, NULL);
				}
				any = 1;
			}
			git_treebuilder_free(sub);
			sub = NULL;
			git_tree_free(old_sub);
			old_sub = NULL;
		} else {
			any |= touched;
		}
	}
	if (!any)
		goto done;
	if (git_treebuilder_write(&dir, tb) < 0) {
		err = sd_corpus_git_fail(SD_EIO, "cannot write tree");
		goto done;
	}
	sd_corpus_record_new(im, &dir, LINKS_DIR);
	git_treebuilder_free(tb);
	tb = NULL;
	if (git_treebuilder_new(&tb, c->repo, NULL) < 0 ||
	    git_treebuilder_insert(NULL, tb, LINKS_DIR, &dir,
				   GIT_FILEMODE_TREE) < 0 ||
	    git_treebuilder_write(&root, tb) < 0) {
		err = sd_corpus_git_fail(SD_EIO, "cannot write tree");
		goto done;
	}
	sd_corpus_record_new(im, &root, NULL);
	sd_buf_reset(&im->text);
	sd_buf_addstr(&im->text, message);
	/* Links carry no date of their own: the epoch keeps ids stable. */
	if ((err = sd_corpus_make_commit(im, im->text.ptr, &root, 0, &parent,
					 have ? 1 : 0, &commit)) < 0)
		goto done;
	sd_corpus_journal_add(&im->journal, LINKS_REF, &commit);
	*changed = 1;
done:
	git_treebuilder_free(sub);
	git_treebuilder_free(tb);
	git_tree_free(old_sub);
	git_tree_free(old_dir);
	sd_strv_release(&dirs);
	return err;
}

int sd_corpus_import_lineage(struct sd_corpus_import *im, const char *name,
			     const char *text, size_t len, const char *message,
			     int *changed)
{
	struct sd_corpus_file f = { name, text, len, NULL };

	return sd_corpus_import_lineage_files(im, &f, 1, NULL, 0, message,
					      changed);
}

int sd_corpus_import_commit(struct sd_corpus_import *im)
{
	struct sd_buf path = SD_BUF_INIT;
	int err = 0;

	im->c->pending = NULL;
	if (!im->journal.refs.n) {
		sd_corpus_known_write(im);
		return 0;
	}
	/* Every object is written: only now do refs move. */
	if ((err = sd_corpus_flush_objects(im)) == 0 &&
	    (err = sd_corpus_journal_write(im->c, &im->journal, &path)) == 0)
		err = sd_corpus_journal_apply(im->c, &im->journal, path.ptr);
	if (!err)
		sd_corpus_known_write(im);
	sd_buf_release(&path);
	return err;
}
