/*
 * Reading the corpus (see corpus.h): each line's history from its
 * commits, releases from their trees and rule files, the lineage/ files.
 * Reading functions see the refs an import is about to move
 * (corpus_int.h) before the ref database.
 */
#include "corpus_int.h"
#include "error.h"
#include "rulefile.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- Reading history ---- */

void sd_corpus_rels_free(struct rel *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].label);
		free(r[i].version);
		free(r[i].date);
		free(r[i].bench_id);
		free(r[i].title);
	}
	free(r);
}

/* The first line of a commit message's second paragraph (the title). */
static char *body_title(const char *msg)
{
	const char *p = strstr(msg, "\n\n"), *e;

	if (!p)
		return NULL;
	p += 2;
	e = strchr(p, '\n');
	return sd_xstrndup(p, e ? (size_t)(e - p) : strlen(p));
}

/* Fill `r` from commit `cm` (id `id`) of a line's history. */
static int rel_from_commit(struct rel *r, git_commit *cm, const git_oid *id,
			   const char *ref)
{
	const char *msg = git_commit_message(cm);
	char *v;

	memset(r, 0, sizeof(*r));
	r->version = sd_corpus_trailer(msg, "Version");
	if (!r->version)
		return sd_error_set(SD_EPARSE,
				    "commit %s on '%s' has no Version line",
				    git_oid_tostr_s(id), ref);
	r->label = sd_corpus_trailer(msg, "Label");
	if (!r->label)
		r->label = sd_xstrdup(r->version);
	r->date = sd_corpus_trailer(msg, "Date");
	if (r->date && !strcmp(r->date, "unknown")) {
		free(r->date);
		r->date = NULL;
	}
	r->bench_id = sd_corpus_trailer(msg, "Benchmark");
	if (!r->bench_id)
		r->bench_id = sd_xstrdup("");
	r->title = body_title(msg);
	v = sd_corpus_trailer(msg, "Kind");
	r->scap = v && !strcmp(v, "scap");
	r->kind = r->scap ? "scap" : v && !strcmp(v, "srg") ? "srg" : "stig";
	free(v);
	v = sd_corpus_trailer(msg, "Status");
	r->draft = v && !strcmp(v, "draft");
	free(v);
	v = sd_corpus_trailer(msg, "Rules");
	r->nrules = v ? strtoul(v, NULL, 10) : 0;
	free(v);
	r->time = git_commit_time(cm);
	r->tree = *git_commit_tree_id(cm);
	r->commit = *id;
	return 0;
}

/*
 * The history of `slug`, oldest first, from its branch (first parents).
 * Commit messages are appended to `subjects` when it is not NULL.
 */
int sd_corpus_read_chain(struct sd_corpus *c, const char *slug,
			 struct rel **out, size_t *n, struct sd_strv *subjects)
{
	struct sd_buf ref = SD_BUF_INIT;
	struct rel *v = NULL;
	size_t cnt = 0, cap = 0;
	git_oid id;
	int err = 0, rc;

	sd_corpus_ref_name(&ref, "heads", slug, NULL);
	rc = sd_corpus_lookup_ref(c, ref.ptr, &id);
	if (rc == GIT_ENOTFOUND)
		goto done;
	if (rc < 0) {
		err = sd_corpus_git_fail(SD_EIO, ref.ptr);
		goto done;
	}
	for (;;) {
		git_commit *cm = NULL;

		if (git_commit_lookup(&cm, c->repo, &id) < 0) {
			err = sd_corpus_git_fail(SD_EIO, ref.ptr);
			goto done;
		}
		SD_ALLOC_GROW(v, cnt, cap);
		if ((err = rel_from_commit(&v[cnt++], cm, &id, ref.ptr)) < 0) {
			git_commit_free(cm);
			goto done;
		}
		if (subjects) {
			const char *s = git_commit_summary(cm);

			sd_strv_push(subjects, s ? s : "");
		}
		if (git_commit_parentcount(cm) == 0) {
			git_commit_free(cm);
			break;
		}
		id = *git_commit_parent_id(cm, 0);
		git_commit_free(cm);
	}
	/* Oldest first. */
	for (size_t i = 0; i < cnt / 2; i++) {
		struct rel t = v[i];

		v[i] = v[cnt - 1 - i];
		v[cnt - 1 - i] = t;
	}
	if (subjects)
		for (size_t i = 0; i < subjects->n / 2; i++) {
			char *t = subjects->v[i];

			subjects->v[i] = subjects->v[subjects->n - 1 - i];
			subjects->v[subjects->n - 1 - i] = t;
		}
done:
	sd_buf_release(&ref);
	if (err < 0) {
		sd_corpus_rels_free(v, cnt);
		return err;
	}
	*out = v;
	*n = cnt;
	return 0;
}

/* The tree of directory `slug` inside root tree `root`. */
static int dir_tree(struct sd_corpus *c, const git_oid *root, const char *slug,
		    git_tree **out)
{
	git_tree *t = NULL;
	const git_tree_entry *e;
	int rc;

	if (git_tree_lookup(&t, c->repo, root) < 0)
		return sd_corpus_git_fail(SD_EIO, slug);
	e = git_tree_entry_byname(t, slug);
	if (!e || git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		git_tree_free(t);
		return sd_error_set(SD_EPARSE, "tree %s has no directory '%s'",
				    git_oid_tostr_s(root), slug);
	}
	rc = git_tree_lookup(out, c->repo, git_tree_entry_id(e));
	git_tree_free(t);
	return rc < 0 ? sd_corpus_git_fail(SD_EIO, slug) : 0;
}

static int read_blob_oid(struct sd_corpus *c, const git_oid *oid,
			 struct sd_buf *out)
{
	git_blob *b = NULL;

	if (git_blob_lookup(&b, c->repo, oid) < 0)
		return sd_corpus_git_fail(SD_EIO, git_oid_tostr_s(oid));
	sd_buf_add(out, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	git_blob_free(b);
	return 0;
}

static int tree_benchmark(struct sd_corpus *c, const git_tree *dir,
			  const char *slug, struct sd_benchmark **out)
{
	const git_tree_entry *e = git_tree_entry_byname(dir, SD_RULEFILE_BENCHMARK);
	struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT;
	int err;

	if (!e)
		return sd_error_set(SD_EPARSE, "'%s' has no %s", slug,
				    SD_RULEFILE_BENCHMARK);
	if ((err = read_blob_oid(c, git_tree_entry_id(e), &text)) == 0) {
		sd_buf_addf(&name, "%s/%s", slug, SD_RULEFILE_BENCHMARK);
		err = sd_rulefile_parse_benchmark(text.ptr, text.len, name.ptr,
						  out);
	}
	sd_buf_release(&text);
	sd_buf_release(&name);
	return err;
}

/*
 * The rule files read while loading releases of one benchmark, by blob
 * id: a file read once is copied for the releases after it (the same
 * blob is the same rule), not read and parsed again. Open addressing;
 * `cap` is a power of two.
 */
struct blob_memo {
	struct memo_slot {
		git_oid id;
		size_t bench, rule; /* b[bench]->rules[rule] */
		int used;
	} *slot;
	size_t n, cap;
	struct sd_benchmark **b; /* the releases being loaded */
};

static struct memo_slot *memo_slot(const struct blob_memo *m,
				   const git_oid *id)
{
	uint64_t h;
	size_t i;

	memcpy(&h, id->id, sizeof(h));
	for (i = (size_t)h & (m->cap - 1); m->slot[i].used;
	     i = (i + 1) & (m->cap - 1))
		if (git_oid_equal(&m->slot[i].id, id))
			break;
	return &m->slot[i];
}

static void memo_add(struct blob_memo *m, const git_oid *id, size_t bench,
		     size_t rule)
{
	struct memo_slot *sl;

	if (2 * (m->n + 1) > m->cap) {
		struct blob_memo grown = *m;

		grown.cap = m->cap ? 2 * m->cap : 1024;
		grown.slot = sd_xcalloc(grown.cap, sizeof(*grown.slot));
		for (size_t i = 0; i < m->cap; i++)
			if (m->slot[i].used)
				*memo_slot(&grown, &m->slot[i].id) = m->slot[i];
		free(m->slot);
		*m = grown;
	}
	sl = memo_slot(m, id);
	if (sl->used)
		return;
	git_oid_cpy(&sl->id, id);
	sl->bench = bench;
	sl->rule = rule;
	sl->used = 1;
	m->n++;
}

void sd_corpus_memo_release(struct sd_corpus_memo *m)
{
	if (m->slot)
		for (size_t i = 0; i < 2 * SD_CORPUS_MEMO_RULES; i++)
			if (m->slot[i].used)
				sd_rule_release(&m->slot[i].rule);
	free(m->slot);
	m->slot = NULL;
	m->n = 0;
}

/* The slot of blob `id` in `m`: its rule when used, else where it goes. */
static struct sd_corpus_memo_slot *memo_find(struct sd_corpus_memo *m,
					     const git_oid *id)
{
	const size_t mask = 2 * SD_CORPUS_MEMO_RULES - 1;
	uint64_t h;
	size_t i;

	if (!m->slot)
		m->slot = sd_xcalloc(2 * SD_CORPUS_MEMO_RULES, sizeof(*m->slot));
	memcpy(&h, id->id, sizeof(h));
	for (i = (size_t)h & mask; m->slot[i].used; i = (i + 1) & mask)
		if (git_oid_equal(&m->slot[i].id, id))
			break;
	return &m->slot[i];
}

/* Keep a copy of rule `r`, the content of blob `id`, in `m`. */
static void memo_keep(struct sd_corpus_memo *m, const git_oid *id,
		      const struct sd_rule *r)
{
	struct sd_corpus_memo_slot *sl;

	if (m->n == SD_CORPUS_MEMO_RULES)
		sd_corpus_memo_release(m);
	sl = memo_find(m, id);
	if (sl->used)
		return;
	git_oid_cpy(&sl->id, id);
	sd_rule_copy(&sl->rule, r);
	sl->used = 1;
	m->n++;
}

/* Rules in canonical order, source "<slug>@<label>". */
static void finish_release(struct sd_benchmark *b, const char *slug,
			   const char *label)
{
	struct sd_buf name = SD_BUF_INIT;

	sd_benchmark_sort(b);
	sd_buf_addf(&name, "%s@%s", slug, label);
	free(b->source);
	b->source = sd_buf_detach(&name);
}

/*
 * Read the benchmark whose directory tree is `dir` into *out, its rules
 * parsed from their files in tree order. With `m`, *out is m->b[bench]:
 * rule files already in `m` are copied, the others recorded there.
 */
static int read_dir(struct sd_corpus *c, const git_tree *dir,
		    const char *slug, const char *label, struct blob_memo *m,
		    size_t bench, struct sd_corpus_memo *om,
		    struct sd_benchmark **out)
{
	struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT;
	size_t cnt = git_tree_entrycount(dir);
	int err;

	if ((err = tree_benchmark(c, dir, slug, out)) < 0)
		goto done;
	for (size_t i = 0; i < cnt; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(dir, i);
		const git_oid *id = git_tree_entry_id(te);
		struct memo_slot *sl = m && m->cap ? memo_slot(m, id) : NULL;
		struct sd_rule *r;

		if (!strcmp(git_tree_entry_name(te), SD_RULEFILE_BENCHMARK))
			continue;
		r = sd_benchmark_add_rule(*out);
		if (sl && sl->used) {
			sd_rule_copy(r, &m->b[sl->bench]->rules[sl->rule]);
			continue;
		}
		if (om) {
			struct sd_corpus_memo_slot *os = memo_find(om, id);

			if (os->used) {
				sd_rule_copy(r, &os->rule);
				continue;
			}
		}
		sd_buf_reset(&text);
		sd_buf_reset(&name);
		sd_buf_addf(&name, "%s@%s:%s", slug, label,
			    git_tree_entry_name(te));
		if ((err = read_blob_oid(c, id, &text)) < 0 ||
		    (err = sd_rulefile_parse_rule(text.ptr, text.len, name.ptr,
						  r)) < 0)
			goto done;
		if (m)
			memo_add(m, id, bench, (*out)->nrules - 1);
		if (om)
			memo_keep(om, id, r);
	}
done:
	if (err < 0) {
		sd_benchmark_free(*out);
		*out = NULL;
	}
	sd_buf_release(&text);
	sd_buf_release(&name);
	return err;
}

/* Load the benchmark whose directory tree is `dir` (rules in canonical
 * order, source "<slug>@<label>"). */
static int load_dir(struct sd_corpus *c, const git_tree *dir,
		    const char *slug, const char *label,
		    struct sd_corpus_memo *om, struct sd_benchmark **out)
{
	int err = read_dir(c, dir, slug, label, NULL, 0, om, out);

	if (!err)
		finish_release(*out, slug, label);
	return err;
}

/* Load the benchmark whose directory tree is `dir`, as release `label`. */
int sd_corpus_load_dir_oid(struct sd_corpus *c, const git_oid *dir,
			   const char *slug, const char *label,
			   struct sd_corpus_memo *m, struct sd_benchmark **out)
{
	git_tree *t = NULL;
	int err;

	if (git_tree_lookup(&t, c->repo, dir) < 0)
		return sd_corpus_git_fail(SD_EIO, slug);
	err = load_dir(c, t, slug, label, m, out);
	git_tree_free(t);
	return err;
}

/* The benchmark file of directory tree `dir` alone (no rules). */
int sd_corpus_load_dir_header(struct sd_corpus *c, const git_oid *dir,
			      const char *slug, struct sd_benchmark **out)
{
	git_tree *t = NULL;
	int err;

	if (git_tree_lookup(&t, c->repo, dir) < 0)
		return sd_corpus_git_fail(SD_EIO, slug);
	err = tree_benchmark(c, t, slug, out);
	git_tree_free(t);
	return err;
}

/* The directory tree of line `slug` in root tree `root`. */
int sd_corpus_root_dir(struct sd_corpus *c, const git_oid *root,
		       const char *slug, git_oid *out)
{
	git_tree *t = NULL;
	int err;

	if ((err = dir_tree(c, root, slug, &t)) == 0)
		*out = *git_tree_id(t);
	git_tree_free(t);
	return err;
}

/*
 * The tree lineage/ at the head of the lineage history into *dir (the
 * caller frees it), and that head. SD_ENOTFOUND when there is no such
 * history.
 */
int sd_corpus_lineage_dir(struct sd_corpus *c, git_oid *head, git_tree **dir)
{
	git_commit *cm = NULL;
	git_tree *t = NULL;
	const git_tree_entry *e;
	int err = 0;

	*dir = NULL;
	if (sd_corpus_lookup_ref(c, LINKS_REF, head) < 0)
		return SD_ENOTFOUND;
	if (git_commit_lookup(&cm, c->repo, head) < 0 ||
	    git_commit_tree(&t, cm) < 0 ||
	    !(e = git_tree_entry_byname(t, LINKS_DIR)) ||
	    git_tree_lookup(dir, c->repo, git_tree_entry_id(e)) < 0)
		err = sd_corpus_git_fail(SD_EIO, LINKS_REF);
	git_tree_free(t);
	git_commit_free(cm);
	return err;
}

/* The blob of lineage/<name> at the head of the lineage history, and
 * that head. SD_ENOTFOUND when there is no such history or file. The
 * trees looked up are kept while the head stays. */
static int lineage_blob(struct sd_corpus *c, const char *name, git_oid *head,
			git_oid *blob)
{
	const char *slash = strchr(name, '/');
	const git_tree_entry *e = NULL;
	git_tree *dir;
	int err = 0;

	if (sd_corpus_lookup_ref(c, LINKS_REF, head) < 0)
		return SD_ENOTFOUND;
	if (!c->lin_dir || !git_oid_equal(head, &c->lin_head)) {
		sd_corpus_lineage_forget(c);
		if ((err = sd_corpus_lineage_dir(c, head, &c->lin_dir)) < 0)
			return err;
		c->lin_head = *head;
	}
	dir = c->lin_dir;
	if (slash && !strchr(slash + 1, '/')) {
		char *sub = sd_xstrndup(name, (size_t)(slash - name));
		size_t i;

		for (i = 0; i < c->lin_subname.n; i++)
			if (!strcmp(c->lin_subname.v[i], sub))
				break;
		if (i == c->lin_subname.n) {
			git_tree *t = NULL;

			if (!(e = git_tree_entry_byname(c->lin_dir, sub)) ||
			    git_tree_entry_type(e) != GIT_OBJECT_TREE ||
			    git_tree_lookup(&t, c->repo, git_tree_entry_id(e)) < 0) {
				free(sub);
				sd_error_clear();
				return SD_ENOTFOUND;
			}
			c->lin_sub = sd_xrealloc(c->lin_sub, (i + 1) *
						 sizeof(*c->lin_sub));
			c->lin_sub[i] = t;
			sd_strv_push(&c->lin_subname, sub);
		}
		free(sub);
		dir = c->lin_sub[i];
		name = slash + 1;
	} else if (slash) {
		git_tree_entry *pe = NULL;

		if (git_tree_entry_bypath(&pe, dir, name) < 0)
			return SD_ENOTFOUND;
		*blob = *git_tree_entry_id(pe);
		git_tree_entry_free(pe);
		return 0;
	}
	if (!(e = git_tree_entry_byname(dir, name)))
		return SD_ENOTFOUND;
	*blob = *git_tree_entry_id(e);
	return 0;
}

int sd_corpus_lineage_file(struct sd_corpus *c, const char *name,
			   struct sd_buf *out)
{
	git_oid head, blob;
	int err = lineage_blob(c, name, &head, &blob);

	if (err == SD_ENOTFOUND)
		return sd_error_set(SD_ENOTFOUND, "corpus '%s' has no lineage/%s",
				    c->dir, name);
	if (err < 0)
		return err;
	return read_blob_oid(c, &blob, out);
}

int sd_corpus_lineage_key(struct sd_corpus *c, char out[41])
{
	struct sd_strv slugs = SD_STRV_INIT;
	struct sd_buf text = SD_BUF_INIT;
	git_oid head, blob, key;
	char hex[41];
	int err;

	if ((err = sd_corpus_benchmarks(c, &slugs)) < 0)
		goto done;
	sd_buf_addstr(&text, "stigdiff lineage key 1\n");
	for (size_t i = 0; i < slugs.n; i++) {
		if ((err = sd_corpus_head(c, slugs.v[i], hex)) < 0)
			goto done;
		sd_buf_addf(&text, "%s %s\n", slugs.v[i], hex);
	}
	err = lineage_blob(c, SD_CORPUS_CURATED, &head, &blob);
	if (err < 0 && err != SD_ENOTFOUND)
		goto done;
	sd_buf_addf(&text, "curated %s\n",
		    err ? "none" : git_oid_tostr(hex, sizeof(hex), &blob));
	err = 0;
	if (git_odb_hash(&key, text.ptr, text.len, GIT_OBJECT_BLOB) < 0)
		err = sd_corpus_git_fail(SD_ERROR, "lineage key");
	else
		git_oid_tostr(out, 41, &key);
done:
	sd_buf_release(&text);
	sd_strv_release(&slugs);
	return err;
}

/* ---- Reading ---- */

int sd_corpus_benchmarks(struct sd_corpus *c, struct sd_strv *slugs)
{
	git_reference_iterator *it = NULL;
	const char *name;
	int rc;

	if (git_reference_iterator_glob_new(&it, c->repo, "refs/heads/*") < 0)
		return sd_corpus_git_fail(SD_EIO, c->dir);
	while ((rc = git_reference_next_name(&name, it)) == 0)
		if (strcmp(name, MAIN_REF) && strcmp(name, LINKS_REF) &&
		    !strchr(name + 11, '/'))
			sd_strv_push(slugs, name + 11);
	git_reference_iterator_free(it);
	if (rc != GIT_ITEROVER)
		return sd_corpus_git_fail(SD_EIO, c->dir);
	/* Benchmarks an import is adding exist only in its journal, and
	 * those it removes still in the ref database. */
	for (size_t i = 0; c->pending && i < c->pending->refs.n; i++) {
		const char *r = c->pending->refs.v[i];
		git_oid id;

		if (!sd_starts_with(r, "refs/heads/") || !strcmp(r, MAIN_REF) ||
		    !strcmp(r, LINKS_REF) || strchr(r + 11, '/'))
			continue;
		if (sd_corpus_lookup_ref(c, r, &id) < 0) {
			for (size_t k = 0; k < slugs->n; k++)
				if (!strcmp(slugs->v[k], r + 11)) {
					free(slugs->v[k]);
					slugs->v[k] = slugs->v[--slugs->n];
					slugs->v[slugs->n] = NULL;
					break;
				}
		} else if (!sd_strv_contains(slugs, r + 11)) {
			sd_strv_push(slugs, r + 11);
		}
	}
	sd_strv_sort(slugs);
	return 0;
}

int sd_corpus_snapshot(struct sd_corpus *c, const char *ref,
		       struct sd_strv *slugs, struct sd_strv *labels)
{
	struct sd_buf tag = SD_BUF_INIT;
	struct sd_strv now = SD_STRV_INIT;
	git_object *obj = NULL;
	git_commit *snap = NULL;
	git_oid *dirs = NULL;
	size_t ndirs = 0;
	int err = 0;

	sd_buf_addf(&tag, "refs/tags/%s", ref);
	if (git_revparse_single(&obj, c->repo, tag.ptr) < 0 &&
	    git_revparse_single(&obj, c->repo, ref) < 0) {
		err = sd_error_set(SD_ENOTFOUND,
				   "'%s' names no snapshot of corpus '%s' "
				   "(a date is YYYY-MM-DD)", ref, c->dir);
		goto done;
	}
	if (git_object_peel((git_object **)&snap, obj, GIT_OBJECT_COMMIT) < 0 ||
	    !sd_starts_with(git_commit_message(snap), "corpus: ")) {
		err = sd_error_set(SD_ENOTFOUND,
				   "'%s' is not a snapshot of corpus '%s' (a "
				   "commit of its main branch)", ref, c->dir);
		goto done;
	}
	/* The content each line had then: its head's directory tree. */
	dirs = sd_xcalloc(git_commit_parentcount(snap) + 1, sizeof(*dirs));
	for (unsigned i = 0; i < git_commit_parentcount(snap); i++) {
		git_commit *p = NULL;
		git_tree *t = NULL;
		const git_tree_entry *e;

		if (git_commit_parent(&p, snap, i) < 0 ||
		    git_commit_tree(&t, p) < 0) {
			git_commit_free(p);
			err = sd_corpus_git_fail(SD_EIO, ref);
			goto done;
		}
		/* A line's commit holds its one directory; lineage/ is not
		 * a line. */
		e = git_tree_entrycount(t) == 1 ? git_tree_entry_byindex(t, 0)
						: NULL;
		if (e && strcmp(git_tree_entry_name(e), LINKS_DIR))
			dirs[ndirs++] = *git_tree_entry_id(e);
		git_tree_free(t);
		git_commit_free(p);
	}
	/* Where that content is now: lines are renamed, revisions
	 * relabelled, but a release keeps its tree. */
	if ((err = sd_corpus_benchmarks(c, &now)) < 0)
		goto done;
	for (size_t i = 0; i < now.n; i++) {
		struct rel *v = NULL;
		size_t n = 0;

		if ((err = sd_corpus_read_chain(c, now.v[i], &v, &n, NULL)) < 0)
			goto done;
		for (size_t k = 0; k < n && !err; k++) {
			git_oid dir;

			if ((err = sd_corpus_root_dir(c, &v[k].tree, now.v[i], &dir)) < 0)
				break;
			for (size_t j = 0; j < ndirs; j++)
				if (git_oid_equal(&dir, &dirs[j])) {
					sd_strv_push(slugs, now.v[i]);
					sd_strv_push(labels, v[k].label);
					break;
				}
		}
		sd_corpus_rels_free(v, n);
		if (err)
			goto done;
	}
done:
	free(dirs);
	sd_strv_release(&now);
	git_commit_free(snap);
	git_object_free(obj);
	sd_buf_release(&tag);
	return err;
}

int sd_corpus_head(struct sd_corpus *c, const char *slug, char out[41])
{
	struct sd_buf ref = SD_BUF_INIT;
	git_oid id;
	int rc;

	sd_corpus_ref_name(&ref, "heads", slug, NULL);
	rc = sd_corpus_lookup_ref(c, ref.ptr, &id);
	sd_buf_release(&ref);
	if (rc < 0)
		return sd_error_set(SD_ENOTFOUND, "no benchmark '%s' in '%s'",
				    slug, c->dir);
	git_oid_tostr(out, 41, &id);
	return 0;
}

void sd_corpus_releases_free(struct sd_corpus_release *rel, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rel[i].label);
		free(rel[i].version);
		free(rel[i].date);
		free(rel[i].subject);
		free(rel[i].bench_id);
		free(rel[i].title);
	}
	free(rel);
}

size_t sd_corpus_latest(const struct sd_corpus_release *rel, size_t n)
{
	for (size_t i = n; i-- > 0;)
		if (!rel[i].draft)
			return i;
	return n ? n - 1 : 0;
}

const char *sd_corpus_line_kind(const struct sd_corpus_release *rel,
				size_t n)
{
	size_t i = sd_corpus_latest(rel, n);

	if (!n)
		return "stig";
	return rel[i].draft ? "draft" : rel[i].kind;
}

int sd_corpus_releases(struct sd_corpus *c, const char *slug,
		       struct sd_corpus_release **out, size_t *n)
{
	struct sd_strv subjects = SD_STRV_INIT;
	struct rel *v = NULL;
	struct sd_corpus_release *r;
	size_t cnt = 0;
	int err;

	if ((err = sd_corpus_read_chain(c, slug, &v, &cnt, &subjects)) < 0)
		return err;
	if (!cnt) {
		sd_strv_release(&subjects);
		return sd_error_set(SD_ENOTFOUND, "no benchmark '%s' in '%s'",
				    slug, c->dir);
	}
	r = sd_xcalloc(cnt, sizeof(*r));
	for (size_t i = 0; i < cnt; i++) {
		r[i].label = v[i].label;
		r[i].version = v[i].version;
		r[i].date = v[i].date;
		r[i].bench_id = v[i].bench_id;
		r[i].title = v[i].title;
		r[i].kind = v[i].kind;
		r[i].draft = v[i].draft;
		v[i].label = v[i].version = v[i].date = NULL;
		v[i].bench_id = v[i].title = NULL;
		r[i].subject = subjects.v[i];
		subjects.v[i] = NULL;
		r[i].nrules = v[i].nrules;
		git_oid_tostr(r[i].commit, sizeof(r[i].commit), &v[i].commit);
	}
	sd_strv_release(&subjects);
	sd_corpus_rels_free(v, cnt);
	*out = r;
	*n = cnt;
	return 0;
}

/* The directory tree of release `label` of `slug`, through its tag. */
static int release_dir(struct sd_corpus *c, const char *slug,
		       const char *label, git_tree **out)
{
	struct sd_buf ref = SD_BUF_INIT;
	git_commit *cm = NULL;
	git_oid id;
	int err = 0;

	sd_corpus_ref_name(&ref, "tags", slug, label);
	if (sd_corpus_lookup_ref(c, ref.ptr, &id) < 0) {
		err = sd_error_set(SD_ENOTFOUND, "no release '%s@%s' in '%s'",
				   slug, label, c->dir);
		goto done;
	}
	if (git_commit_lookup(&cm, c->repo, &id) < 0) {
		err = sd_corpus_git_fail(SD_EIO, ref.ptr);
		goto done;
	}
	err = dir_tree(c, git_commit_tree_id(cm), slug, out);
done:
	git_commit_free(cm);
	sd_buf_release(&ref);
	return err;
}

void sd_corpus_entries_free(struct sd_corpus_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].name);
	free(e);
}

int sd_corpus_entries(struct sd_corpus *c, const char *slug,
		      const char *label, struct sd_corpus_entry **out,
		      size_t *n)
{
	git_tree *t = NULL;
	struct sd_corpus_entry *e;
	size_t cnt;
	int err;

	if ((err = release_dir(c, slug, label, &t)) < 0)
		return err;
	cnt = git_tree_entrycount(t);
	e = sd_xcalloc(cnt ? cnt : 1, sizeof(*e));
	for (size_t i = 0; i < cnt; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(t, i);

		e[i].name = sd_xstrdup(git_tree_entry_name(te));
		git_oid_tostr(e[i].oid, sizeof(e[i].oid), git_tree_entry_id(te));
	}
	git_tree_free(t);
	*out = e;
	*n = cnt;
	return 0;
}

int sd_corpus_read_blob(struct sd_corpus *c, const char *oid,
			struct sd_buf *out)
{
	git_oid id;

	if (git_oid_fromstr(&id, oid) < 0)
		return sd_error_set(SD_EUSAGE, "'%s' is not an object id", oid);
	return read_blob_oid(c, &id, out);
}

int sd_corpus_load(struct sd_corpus *c, const char *slug, const char *label,
		   struct sd_benchmark **out)
{
	git_tree *t = NULL;
	int err;

	if ((err = release_dir(c, slug, label, &t)) == 0)
		err = load_dir(c, t, slug, label, NULL, out);
	git_tree_free(t);
	return err;
}

int sd_corpus_load_releases(struct sd_corpus *c, const char *slug,
			    const struct sd_corpus_release *rel, size_t n,
			    struct sd_benchmark **out)
{
	struct blob_memo m = { NULL, 0, 0, out };
	size_t i;
	int err = 0;

	for (i = 0; i < n; i++)
		out[i] = NULL;
	for (i = 0; i < n && !err; i++) {
		git_tree *t = NULL;

		if ((err = release_dir(c, slug, rel[i].label, &t)) == 0)
			err = read_dir(c, t, slug, rel[i].label, &m, i, NULL,
				       &out[i]);
		git_tree_free(t);
	}
	/* Sorted once all are read: the memo names rules by index. */
	for (i = 0; i < n; i++) {
		if (err < 0) {
			sd_benchmark_free(out[i]);
			out[i] = NULL;
		} else {
			finish_release(out[i], slug, rel[i].label);
		}
	}
	free(m.slot);
	return err;
}
