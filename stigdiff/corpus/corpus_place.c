/*
 * Placing an import's releases in product lines (lines.h decides), then
 * writing each line's history from its first release that changed: one
 * commit per release whose message carries diff's summary against the
 * release before it (diff.h), a tag per release, the refs queued in the
 * journal. The analysis an import runs is here, not in the storage.
 */
#include "corpus_int.h"
#include "diff.h"
#include "error.h"
#include "lines.h"
#include "rulefile.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Placing counts statuses; it shows no word diff. */
static const struct sd_diff_opts counting = { .statuses_only = 1 };

/*
 * The commit message of release `cur`, labelled `label` in line `slug`,
 * after `prev` (NULL for the first), both loaded from their trees: a
 * function of the two trees and the names alone, so rebuilding a
 * history gives the same commits. The summary line is the diff
 * command's (diff.h), after what else the release is: a re-publication
 * of the version before it, or the first under a new benchmark id.
 */
static int release_message(const char *slug, const char *label,
			   const struct sd_benchmark *prev,
			   const struct sd_benchmark *cur, struct sd_buf *msg,
			   struct sd_buf *summary)
{
	struct sd_diff *d = NULL;
	char version[64], pversion[64];
	int err, renamed = 0;

	if (sd_rulefile_label(cur, version) < 0)
		return sd_error_set(SD_EPARSE, "'%s' has no version", slug);
	sd_buf_reset(summary);
	if (!prev) {
		sd_buf_addf(summary, "first release, %zu rule%s", cur->nrules,
			    cur->nrules == 1 ? "" : "s");
	} else {
		renamed = sd_strcmp_null(prev->id, cur->id) != 0;
		if (sd_rulefile_label(prev, pversion) == 0 &&
		    !strcmp(pversion, version))
			sd_buf_addstr(summary, "re-published, ");
		if (renamed)
			sd_buf_addf(summary, "renamed from %s, ",
				    prev->id ? prev->id : "?");
		if ((err = sd_diff_run(prev, cur, &counting, &d)) < 0)
			return err;
		sd_diff_summary(d, summary);
		sd_diff_free(d);
	}
	sd_buf_reset(msg);
	sd_buf_addf(msg, "%s %s (%s): %s\n\n", slug, label,
		    cur->date ? cur->date : "undated", summary->ptr);
	if (cur->title)
		sd_buf_addf(msg, "%s\n", cur->title);
	if (cur->release_info)
		sd_buf_addf(msg, "%s\n", cur->release_info);
	sd_buf_addf(msg, "\nBenchmark: %s\nVersion: %s\n",
		    cur->id ? cur->id : "", version);
	if (strcmp(label, version))
		sd_buf_addf(msg, "Label: %s\n", label);
	sd_buf_addf(msg, "Kind: %s\n",
		    sd_bench_kind_name(sd_benchmark_kind(cur)));
	if (sd_benchmark_is_draft(cur))
		sd_buf_addstr(msg, "Status: draft\n");
	if (renamed)
		sd_buf_addf(msg, "Renamed-from: %s\n", prev->id ? prev->id : "");
	sd_buf_addf(msg, "Date: %s\nRules: %zu\n",
		    cur->date ? cur->date : "unknown", cur->nrules);
	return 0;
}

/* ---- Placing releases in lines ---- */

/*
 * A release the line assignment places: one the corpus holds (with its
 * line and label there), or one this import read (`p`).
 */
struct cand {
	const char *version, *date, *bench_id, *title; /* borrowed */
	int scap, draft;
	git_oid dir;
	size_t nrules;
	const struct pending *p;
	const char *old_slug, *old_label; /* borrowed from the line's meta */
	size_t old_index;
	git_oid old_commit;
	char hex[GIT_OID_HEXSZ + 1]; /* dir, for lines.h */
	int kind;    /* the event to report when written */
	int dropped; /* replaced (--replace) */
	git_oid other; /* republished: the content of the version before */
};

/* An existing line: its history, and what decides its membership. */
struct line_meta {
	char *slug;
	struct rel *rel;
	size_t n;
	struct sd_strv *words; /* the words of each distinct title */
	size_t nwords;
	int affected;
};

struct placing {
	struct sd_corpus_import *im;
	struct line_meta *m;
	size_t nm;
	struct cand *cd;
	size_t ncd, cap;
	size_t *same_as; /* per release read: the candidate it repeats */
};

static void placing_release(struct placing *pl)
{
	for (size_t i = 0; i < pl->nm; i++) {
		free(pl->m[i].slug);
		sd_corpus_rels_free(pl->m[i].rel, pl->m[i].n);
		for (size_t k = 0; k < pl->m[i].nwords; k++)
			sd_strv_release(&pl->m[i].words[k]);
		free(pl->m[i].words);
	}
	free(pl->m);
	free(pl->cd);
	free(pl->same_as);
}

/* Every line of the corpus with its history. */
static int read_lines(struct placing *pl)
{
	struct sd_strv slugs = SD_STRV_INIT;
	int err;

	if ((err = sd_corpus_benchmarks(pl->im->c, &slugs)) < 0)
		goto done;
	pl->m = sd_xcalloc(slugs.n + 1, sizeof(*pl->m));
	for (size_t i = 0; i < slugs.n; i++) {
		struct line_meta *lm = &pl->m[pl->nm];

		if ((err = sd_corpus_read_chain(pl->im->c, slugs.v[i], &lm->rel,
						&lm->n, NULL)) < 0)
			goto done;
		lm->slug = sd_xstrdup(slugs.v[i]);
		pl->nm++;
		lm->words = sd_xcalloc(lm->n + 1, sizeof(*lm->words));
		for (size_t k = 0; k < lm->n; k++) {
			size_t j;

			for (j = 0; j < k; j++)
				if (!sd_strcmp_null(lm->rel[j].title,
						    lm->rel[k].title))
					break;
			if (j == k)
				sd_lines_title_words(lm->rel[k].title,
						     &lm->words[lm->nwords++]);
		}
	}
done:
	sd_strv_release(&slugs);
	return err;
}

static int line_similar(const struct line_meta *a, const struct line_meta *b)
{
	if (!a->n || !b->n || a->rel[0].scap != b->rel[0].scap)
		return 0;
	for (size_t i = 0; i < a->nwords; i++)
		for (size_t k = 0; k < b->nwords; k++)
			if (sd_lines_words_similar(&a->words[i], &b->words[k]))
				return 1;
	return 0;
}

/*
 * Mark the lines an import can change: those holding a benchmark id it
 * read, those whose titles are like one it read, and, in turn, the lines
 * like those.
 */
static void mark_affected(struct placing *pl)
{
	struct sd_corpus_import *im = pl->im;
	size_t done = 0;

	for (size_t i = 0; i < pl->nm; i++) {
		struct line_meta *lm = &pl->m[i];

		for (size_t k = 0; k < im->n && !lm->affected; k++) {
			const struct pending *p = &im->p[k];
			struct sd_strv w = SD_STRV_INIT;

			for (size_t r = 0; r < lm->n && !lm->affected; r++)
				lm->affected = lm->rel[r].scap == p->scap &&
					       !strcmp(lm->rel[r].bench_id,
						       p->bench_id);
			if (lm->affected || !lm->n || lm->rel[0].scap != p->scap)
				continue;
			sd_lines_title_words(p->title, &w);
			for (size_t t = 0; t < lm->nwords && !lm->affected; t++)
				lm->affected = sd_lines_words_similar(
					&w, &lm->words[t]);
			sd_strv_release(&w);
		}
	}
	/* Lines like affected ones, until nothing more is marked. */
	while (done != pl->nm) {
		done = pl->nm;
		for (size_t i = 0; i < pl->nm; i++) {
			if (pl->m[i].affected)
				continue;
			for (size_t k = 0; k < pl->nm; k++)
				if (pl->m[k].affected &&
				    line_similar(&pl->m[i], &pl->m[k])) {
					pl->m[i].affected = 1;
					done = 0;
					break;
				}
		}
	}
}

static struct cand *add_cand(struct placing *pl)
{
	struct cand *c;

	SD_ALLOC_GROW(pl->cd, pl->ncd, pl->cap);
	c = &pl->cd[pl->ncd++];
	memset(c, 0, sizeof(*c));
	return c;
}

/*
 * Do two contents of one version differ only as reformatted copies do:
 * the same benchmark date and title, and no rule whose difference
 * counts (diff.h: cosmetic changes such as spacing do not)?
 */
static int cosmetic_twins(struct sd_corpus_import *im, const git_oid *a,
			  const git_oid *b, int *out)
{
	struct sd_benchmark *x = NULL, *y = NULL;
	struct sd_diff *d = NULL;
	int err;

	*out = 0;
	/* The benchmark files first: most contents of one version that
	 * differ have other dates, and their rules need not be read. */
	if ((err = sd_corpus_load_dir_header(im->c, a, "a", &x)) < 0 ||
	    (err = sd_corpus_load_dir_header(im->c, b, "b", &y)) < 0 ||
	    sd_strcmp_null(x->date, y->date) || sd_strcmp_null(x->title, y->title))
		goto done;
	sd_benchmark_free(x);
	sd_benchmark_free(y);
	x = y = NULL;
	if ((err = sd_corpus_load_dir_oid(im->c, a, "a", "a", &im->memo,
					  &x)) == 0 &&
	    (err = sd_corpus_load_dir_oid(im->c, b, "b", "b", &im->memo,
					  &y)) == 0 &&
	    !sd_strcmp_null(x->date, y->date) &&
	    !sd_strcmp_null(x->title, y->title) &&
	    (err = sd_diff_run(x, y, &counting, &d)) == 0)
		*out = !sd_diff_has_changes(d);
done:
	sd_diff_free(d);
	sd_benchmark_free(x);
	sd_benchmark_free(y);
	return err;
}

/* Is candidate `o` a content of the version `p` is? */
static int same_release(const struct cand *o, const struct pending *p)
{
	return o->scap == p->scap && !strcmp(o->bench_id, p->bench_id) &&
	       !strcmp(o->version, p->label);
}

/*
 * The candidates: every release of the affected lines, then what the
 * import read that is new content. A release read again with the same
 * content is unchanged; with other content it is a re-publication (a
 * revision), or, with --replace, replaces what the corpus holds.
 */
static int gather(struct placing *pl)
{
	struct sd_corpus_import *im = pl->im;
	int err;

	for (size_t i = 0; i < pl->nm; i++) {
		struct line_meta *lm = &pl->m[i];

		if (!lm->affected)
			continue;
		for (size_t k = 0; k < lm->n; k++) {
			struct rel *r = &lm->rel[k];
			struct cand *c = add_cand(pl);

			c->version = r->version;
			c->date = r->date;
			c->bench_id = r->bench_id;
			c->title = r->title;
			c->scap = r->scap;
			c->draft = r->draft;
			c->nrules = r->nrules;
			c->old_slug = lm->slug;
			c->old_label = r->label;
			c->old_index = k;
			c->old_commit = r->commit;
			c->kind = SD_CORPUS_REBUILT;
			if ((err = sd_corpus_root_dir(im->c, &r->tree, lm->slug,
						      &c->dir)) < 0)
				return err;
			git_oid_tostr(c->hex, sizeof(c->hex), &c->dir);
		}
	}
	for (size_t i = 0; i < im->n; i++) {
		const struct pending *p = &im->p[i];
		size_t same = SIZE_MAX, twin = SIZE_MAX, others = 0;
		char hex[GIT_OID_HEXSZ + 1];
		git_oid other;
		struct cand *c;
		int kind = SD_CORPUS_ADDED;

		git_oid_tostr(hex, sizeof(hex), &p->dir);
		pl->same_as[i] = SIZE_MAX;
		/* The same content is there: without --replace, nothing else
		 * about the version counts (and comparing costs). */
		for (size_t k = 0; k < pl->ncd && !im->replace; k++)
			if (!pl->cd[k].dropped &&
			    git_oid_equal(&pl->cd[k].dir, &p->dir) &&
			    same_release(&pl->cd[k], p)) {
				same = k;
				break;
			}
		if (same != SIZE_MAX) {
			pl->same_as[i] = same;
			continue;
		}
		for (size_t k = 0; k < pl->ncd; k++) {
			const struct cand *o = &pl->cd[k];
			int eq;

			if (o->dropped || !same_release(o, p))
				continue;
			if (git_oid_equal(&o->dir, &p->dir)) {
				same = k;
				continue;
			}
			if ((err = cosmetic_twins(im, &o->dir, &p->dir,
						  &eq)) < 0)
				return err;
			if (eq)
				twin = k;
			else if (!others++)
				other = o->dir;
		}
		if (same != SIZE_MAX && (!im->replace || !others ||
					 pl->cd[same].p)) {
			pl->same_as[i] = same;
			continue;
		}
		if (same == SIZE_MAX && twin != SIZE_MAX && !im->replace) {
			struct cand *o = &pl->cd[twin];

			/* One content stands for both: the lesser id, so that
			 * any import order keeps the same one. */
			if (strcmp(hex, o->hex) >= 0) {
				pl->same_as[i] = twin;
				continue;
			}
			o->dropped = 1;
			if (o->p)
				pl->same_as[o->p - im->p] = pl->ncd;
			kind = o->p ? o->kind : SD_CORPUS_REBUILT;
		} else if (others) {
			kind = SD_CORPUS_REPUBLISHED;
		}
		c = add_cand(pl);
		c->kind = kind;
		if (kind == SD_CORPUS_REPUBLISHED)
			c->other = other;
		if (im->replace) {
			/* What the corpus held of this version goes. */
			for (size_t k = 0; k + 1 < pl->ncd; k++) {
				struct cand *o = &pl->cd[k];

				if (!o->p && o->scap == p->scap &&
				    !strcmp(o->bench_id, p->bench_id) &&
				    !strcmp(o->version, p->label)) {
					o->dropped = 1;
					c->kind = SD_CORPUS_REPLACED;
				}
			}
		}
		memcpy(c->hex, hex, sizeof(hex));
		c->version = p->label;
		c->date = p->date;
		c->bench_id = p->bench_id;
		c->title = p->title;
		c->scap = p->scap;
		c->draft = p->draft;
		c->nrules = p->nrules;
		c->dir = p->dir;
		c->p = p;
	}
	/* Releases --replace dropped leave the candidates. */
	for (size_t i = 0, k = 0, n = pl->ncd; i < n; i++) {
		if (pl->cd[i].dropped) {
			pl->ncd--;
			continue;
		}
		for (size_t j = 0; j < im->n; j++)
			if (pl->same_as[j] == i)
				pl->same_as[j] = k;
		pl->cd[k++] = pl->cd[i];
	}
	return 0;
}

/* Each rule's identifiers for lines.h, read from the release's tree. */
static int cand_ids(size_t i, struct sd_strv *ids, void *ctx)
{
	struct placing *pl = ctx;
	struct cand *c = &pl->cd[i];
	struct sd_benchmark *b = NULL;
	struct sd_buf one = SD_BUF_INIT;
	int err;

	if ((err = sd_corpus_load_dir_oid(pl->im->c, &c->dir, c->bench_id,
					  c->version, &pl->im->memo, &b)) < 0)
		return err;
	for (size_t k = 0; k < b->nrules; k++) {
		const struct sd_rule *r = &b->rules[k];
		const char *each[] = { r->vuln_id, r->rule_base, r->stig_id };

		sd_buf_reset(&one);
		for (size_t j = 0; j < SD_ARRAY_SIZE(each); j++)
			if (each[j])
				sd_buf_addf(&one, "%s\n", each[j]);
		for (size_t j = 0; j < r->legacy.n; j++)
			sd_buf_addf(&one, "%s\n", r->legacy.v[j]);
		sd_strv_push(ids, one.len ? one.ptr : "");
	}
	sd_buf_release(&one);
	sd_benchmark_free(b);
	return 0;
}

/*
 * What differs between the content `other` holds of a version and `cur`,
 * another content of it, into `out`: diff's summary and the first rules
 * that differ.
 */
static int differs(struct sd_corpus_import *im, const git_oid *other,
		   const struct sd_benchmark *cur, struct sd_buf *out)
{
	struct sd_benchmark *b = NULL;
	struct sd_diff *d = NULL;
	size_t shown = 0, more = 0;
	int err;

	sd_buf_reset(out);
	if ((err = sd_corpus_load_dir_oid(im->c, other, "other", "other",
					  &im->memo, &b)) < 0 ||
	    (err = sd_diff_run(b, cur, &counting, &d)) < 0)
		goto done;
	sd_diff_summary(d, out);
	for (size_t i = 0; i < d->nrules; i++) {
		const struct sd_diff_rule *r = &d->rules[i];
		const struct sd_rule *x = r->new ? r->new : r->old;

		if (!sd_diff_status_is_change(r->status))
			continue;
		if (shown == 5) {
			more++;
			continue;
		}
		sd_buf_addstr(out, shown++ ? ", " : ": ");
		sd_buf_addstr(out, x->vuln_id ? x->vuln_id : "?");
	}
	if (more)
		sd_buf_addf(out, " and %zu more", more);
done:
	sd_diff_free(d);
	sd_benchmark_free(b);
	return err;
}

/* Write line `ln`'s history from its first release that differs. */
static int write_line(struct placing *pl, const struct sd_line *ln,
		      const struct sd_line_rel *lr, struct sd_strv *changed)
{
	struct sd_corpus_import *im = pl->im;
	struct sd_buf msg = SD_BUF_INIT, sum = SD_BUF_INIT, ref = SD_BUF_INIT;
	struct sd_buf diffs = SD_BUF_INIT;
	struct sd_benchmark *prev = NULL, *cur = NULL;
	git_treebuilder *tb = NULL;
	git_oid *commits = sd_xcalloc(ln->n, sizeof(*commits));
	size_t first = 0;
	int err = 0;

	/* Unchanged while each release is the old line's, in its place. */
	while (first < ln->n) {
		const struct cand *c = &pl->cd[ln->rel[first]];

		if (!c->old_slug || strcmp(c->old_slug, ln->slug) ||
		    c->old_index != first ||
		    strcmp(c->old_label, lr[ln->rel[first]].name))
			break;
		commits[first] = c->old_commit;
		first++;
	}
	/* ... and the old line ends there. */
	for (size_t i = 0; i < pl->nm && first == ln->n; i++)
		if (!strcmp(pl->m[i].slug, ln->slug) && pl->m[i].n == ln->n)
			goto done;
	if (git_treebuilder_new(&tb, im->c->repo, NULL) < 0) {
		err = sd_corpus_git_fail(SD_EIO, "tree builder");
		goto done;
	}
	if (first &&
	    (err = sd_corpus_load_dir_oid(im->c, &pl->cd[ln->rel[first - 1]].dir,
					  ln->slug, lr[ln->rel[first - 1]].name,
					  &im->memo, &prev)) < 0)
		goto done;
	for (size_t i = first; i < ln->n; i++) {
		struct cand *c = &pl->cd[ln->rel[i]];
		const char *name = lr[ln->rel[i]].name;
		const git_oid *parent = i ? &commits[i - 1] : NULL;
		git_oid root;

		if ((err = sd_corpus_load_dir_oid(im->c, &c->dir, ln->slug, name,
						  &im->memo, &cur)) < 0 ||
		    (err = release_message(ln->slug, name, prev, cur, &msg,
					   &sum)) < 0)
			goto done;
		git_treebuilder_clear(tb);
		if (git_treebuilder_insert(NULL, tb, ln->slug, &c->dir,
					   GIT_FILEMODE_TREE) < 0 ||
		    git_treebuilder_write(&root, tb) < 0) {
			err = sd_corpus_git_fail(SD_EIO, "cannot write tree");
			goto done;
		}
		sd_corpus_record_new(im, &root, NULL);
		if ((err = sd_corpus_make_commit(im, msg.ptr, &root,
						 sd_corpus_date_time(c->date),
						 &parent, i ? 1 : 0,
						 &commits[i])) < 0)
			goto done;
		sd_corpus_ref_name(&ref, "tags", ln->slug, name);
		sd_corpus_journal_add(&im->journal, ref.ptr, &commits[i]);
		if (c->kind == SD_CORPUS_REPUBLISHED &&
		    (err = differs(im, &c->other, cur, &diffs)) < 0)
			goto done;
		if (c->p || !c->old_slug || strcmp(c->old_slug, ln->slug) ||
		    strcmp(c->old_label, name) ||
		    !git_oid_equal(&c->old_commit, &commits[i]))
			sd_corpus_emit(im, c->kind, ln->slug, name, c->version,
				       c->date, sum.ptr,
				       c->p ? c->p->source : NULL,
				       c->kind == SD_CORPUS_REPUBLISHED ? diffs.ptr : NULL,
				       c->nrules);
		sd_benchmark_free(prev);
		prev = cur;
		cur = NULL;
	}
	sd_corpus_ref_name(&ref, "heads", ln->slug, NULL);
	sd_corpus_journal_add(&im->journal, ref.ptr, &commits[ln->n - 1]);
	sd_strv_push(changed, ln->slug);
done:
	git_treebuilder_free(tb);
	sd_benchmark_free(prev);
	sd_benchmark_free(cur);
	free(commits);
	sd_buf_release(&msg);
	sd_buf_release(&sum);
	sd_buf_release(&ref);
	sd_buf_release(&diffs);
	return err;
}

/* Refs of the affected lines that the new lines no longer have. */
static void drop_refs(struct placing *pl, const struct sd_line *lines,
		      size_t nlines, const struct sd_line_rel *lr,
		      struct sd_strv *changed)
{
	struct sd_buf ref = SD_BUF_INIT;
	git_oid zero;

	memset(&zero, 0, sizeof(zero));
	for (size_t i = 0; i < pl->nm; i++) {
		const struct line_meta *lm = &pl->m[i];
		const struct sd_line *keep = NULL;

		if (!lm->affected)
			continue;
		for (size_t l = 0; l < nlines && !keep; l++)
			if (!strcmp(lines[l].slug, lm->slug))
				keep = &lines[l];
		for (size_t k = 0; k < lm->n; k++) {
			int found = 0;

			for (size_t j = 0; keep && j < keep->n && !found; j++)
				found = !strcmp(lr[keep->rel[j]].name,
						lm->rel[k].label);
			if (found)
				continue;
			sd_corpus_ref_name(&ref, "tags", lm->slug, lm->rel[k].label);
			sd_corpus_journal_add(&pl->im->journal, ref.ptr, &zero);
		}
		if (!keep) {
			sd_corpus_ref_name(&ref, "heads", lm->slug, NULL);
			sd_corpus_journal_add(&pl->im->journal, ref.ptr, &zero);
			sd_strv_push(changed, lm->slug);
		}
	}
	sd_buf_release(&ref);
}

/*
 * Decide the lines of the affected part of the corpus with what this
 * import read (lines.h), then write each line's history from its first
 * release that changed, and queue the refs.
 */
static int cmp_line_slug(const void *pa, const void *pb)
{
	return strcmp(((const struct sd_line *)pa)->slug,
		      ((const struct sd_line *)pb)->slug);
}

int sd_corpus_place_releases(struct sd_corpus_import *im,
			     struct sd_strv *changed)
{
	struct placing pl;
	struct sd_line_rel *lr = NULL;
	struct sd_line *lines = NULL;
	size_t nlines = 0;
	int err, again;

	memset(&pl, 0, sizeof(pl));
	pl.im = im;
	pl.same_as = sd_xcalloc(im->n + 1, sizeof(*pl.same_as));
	if ((err = read_lines(&pl)) < 0)
		goto done;
	mark_affected(&pl);
	do {
		/* A new line may take the name of one not yet affected: that
		 * one joins, and the lines are decided again. */
		again = 0;
		sd_lines_free(lines, nlines, lr, pl.ncd);
		free(lr);
		lines = NULL;
		lr = NULL;
		nlines = 0;
		pl.ncd = 0;
		if ((err = gather(&pl)) < 0)
			goto done;
		lr = sd_xcalloc(pl.ncd + 1, sizeof(*lr));
		for (size_t i = 0; i < pl.ncd; i++) {
			lr[i].bench_id = pl.cd[i].bench_id;
			lr[i].title = pl.cd[i].title;
			lr[i].label = pl.cd[i].version;
			lr[i].date = pl.cd[i].date;
			lr[i].content = pl.cd[i].hex;
			lr[i].scap = pl.cd[i].scap;
			lr[i].draft = pl.cd[i].draft;
		}
		if ((err = sd_lines_assign(lr, pl.ncd, cand_ids, &pl, &lines,
					   &nlines)) < 0)
			goto done;
		for (size_t l = 0; l < nlines; l++)
			for (size_t i = 0; i < pl.nm; i++)
				if (!pl.m[i].affected &&
				    !strcmp(pl.m[i].slug, lines[l].slug)) {
					pl.m[i].affected = 1;
					again = 1;
				}
	} while (again);
	for (size_t l = 0; l < nlines; l++)
		for (size_t k = l + 1; k < nlines; k++)
			if (!strcmp(lines[l].slug, lines[k].slug)) {
				err = sd_error_set(SD_ERROR,
						   "two lines named '%s' (a bug; "
						   "nothing was changed)",
						   lines[l].slug);
				goto done;
			}
	/* lr[].line indexes `lines`: sort a copy of the order only. */
	{
		struct sd_line *order = sd_xcalloc(nlines + 1, sizeof(*order));

		memcpy(order, lines, nlines * sizeof(*lines));
		if (nlines > 1)
			qsort(order, nlines, sizeof(*order), cmp_line_slug);
		for (size_t l = 0; l < nlines && !err; l++)
			err = write_line(&pl, &order[l], lr, changed);
		free(order);
	}
	if (!err)
		drop_refs(&pl, lines, nlines, lr, changed);
	/* Then what was read again, in the order it was read. */
	for (size_t i = 0; i < im->n && !err; i++) {
		size_t k = pl.same_as[i];

		if (k != SIZE_MAX)
			sd_corpus_emit(im, SD_CORPUS_UNCHANGED,
				       lines[lr[k].line].slug, lr[k].name,
				       im->p[i].label, im->p[i].date, NULL,
				       im->p[i].source, NULL, im->p[i].nrules);
	}
done:
	sd_lines_free(lines, nlines, lr, pl.ncd);
	free(lr);
	placing_release(&pl);
	sd_corpus_memo_release(&im->memo);
	return err;
}

int sd_corpus_import_prepare(struct sd_corpus_import *im,
			     struct sd_strv *changed)
{
	git_oid main_commit;
	int err = 0;

	im->c->pending = &im->journal;
	if (im->n && (err = sd_corpus_place_releases(im, changed)) < 0)
		return err;
	if (!im->journal.refs.n)
		return 0;
	if ((err = sd_corpus_make_main(im, &main_commit)) < 0)
		return err;
	sd_corpus_journal_add(&im->journal, MAIN_REF, &main_commit);
	return 0;
}
