/* The library digest of digest.h: sides, lines, pairs. */
#include "digest.h"
#include "buf.h"
#include "corpus.h"
#include "error.h"
#include "hash.h"
#include "lines.h"
#include "rulefile.h"
#include "source.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *sd_digest_status_name(enum sd_digest_status s)
{
	static const char *const names[] = { "updated", "added", "withdrawn",
					      "unchanged" };

	return names[s];
}

static void rel_release(struct sd_digest_rel *r)
{
	free(r->bench_id);
	free(r->title);
	free(r->label);
	free(r->date);
	free(r->source);
	sd_strv_release(&r->ids);
}

void sd_digest_release(struct sd_digest *d)
{
	for (int s = 0; s < 2; s++) {
		for (size_t i = 0; i < d->n[s]; i++)
			rel_release(&d->rel[s][i]);
		free(d->rel[s]);
	}
	for (size_t i = 0; i < d->ne; i++)
		free(d->e[i].line);
	free(d->e);
	sd_strv_release(&d->slugs);
	memset(d, 0, sizeof(*d));
}

static struct sd_digest_rel *new_rel(struct sd_digest *d, int side)
{
	struct sd_digest_rel *r;

	SD_ALLOC_GROW(d->rel[side], d->n[side], d->cap[side]);
	r = &d->rel[side][d->n[side]++];
	memset(r, 0, sizeof(*r));
	return r;
}

/* Each rule's identifiers, one string per rule (lines.h). */
static void rule_ids(const struct sd_benchmark *b, struct sd_strv *out)
{
	struct sd_buf one = SD_BUF_INIT;

	for (size_t k = 0; k < b->nrules; k++) {
		const struct sd_rule *r = &b->rules[k];
		const char *each[] = { r->vuln_id, r->rule_base, r->stig_id };

		sd_buf_reset(&one);
		for (size_t j = 0; j < SD_ARRAY_SIZE(each); j++)
			if (each[j])
				sd_buf_addf(&one, "%s\n", each[j]);
		for (size_t j = 0; j < r->legacy.n; j++)
			sd_buf_addf(&one, "%s\n", r->legacy.v[j]);
		sd_strv_push(out, one.len ? one.ptr : "");
	}
	sd_buf_release(&one);
}

void sd_digest_add(struct sd_digest *d, int side, const struct sd_benchmark *b)
{
	struct sd_digest_rel *r = new_rel(d, side);
	struct sd_buf text = SD_BUF_INIT;
	unsigned long long h = SD_DIGEST_INIT;
	char label[64];

	r->bench_id = sd_xstrdup(b->id ? b->id : "");
	r->title = sd_xstrdup(b->title ? b->title : "");
	r->label = sd_xstrdup(sd_rulefile_label(b, label) == 0 ? label : "?");
	r->date = b->date ? sd_xstrdup(b->date) : NULL;
	r->source = sd_xstrdup(b->source ? b->source : "");
	r->scap = sd_benchmark_kind(b) == SD_KIND_SCAP;
	r->draft = sd_benchmark_is_draft(b);
	r->nrules = b->nrules;
	/* The content as the corpus would store it: two copies of one
	 * release read from other files are equal. */
	sd_rulefile_write_benchmark(&text, b);
	h = sd_digest64(h, text.ptr, text.len);
	for (size_t i = 0; i < b->nrules; i++) {
		sd_buf_reset(&text);
		sd_rulefile_write_rule(&text, &b->rules[i]);
		h = sd_digest64(h, text.ptr, text.len);
	}
	snprintf(r->content, sizeof(r->content), "%016llx", h);
	sd_buf_release(&text);
	rule_ids(b, &r->ids);
}

/* ---- A corpus's two points ---- */

void sd_digest_add_corpus(struct sd_digest *d, int side, const char *slug,
			  const struct sd_corpus_release *cr)
{
	struct sd_digest_rel *r = new_rel(d, side);
	struct sd_buf b = SD_BUF_INIT;

	r->bench_id = sd_xstrdup(cr->bench_id ? cr->bench_id : "");
	r->title = sd_xstrdup(cr->title ? cr->title : "");
	r->label = sd_xstrdup(cr->label);
	r->date = cr->date ? sd_xstrdup(cr->date) : NULL;
	sd_buf_addf(&b, "%s@%s", slug, cr->label);
	r->source = sd_buf_detach(&b);
	r->scap = !strcmp(cr->kind, "scap");
	r->draft = cr->draft;
	r->nrules = cr->nrules;
	r->slug = slug;
	/* A commit names its release's content and history. */
	snprintf(r->content, sizeof(r->content), "%.16s", cr->commit);
}

/* The latest of rel[0..n) that is not a draft (else the latest) and
 * passes `ok`; n when none does. */
size_t sd_digest_latest_at(const struct sd_corpus_release *rel, size_t n,
			   const char *since)
{
	size_t pick = n;

	for (size_t i = 0; i < n; i++) {
		if (since && (!rel[i].date || strcmp(rel[i].date, since) > 0))
			continue;
		if (pick == n || !rel[i].draft || rel[pick].draft)
			pick = i;
	}
	return pick;
}

static int is_date(const char *s)
{
	int y, m, dd;
	char extra;

	return sscanf(s, "%4d-%2d-%2d%c", &y, &m, &dd, &extra) == 3;
}

int sd_digest_corpus(struct sd_digest *d, struct sd_corpus *c,
		     const char *since)
{
	struct sd_strv snap_slugs = SD_STRV_INIT, snap_labels = SD_STRV_INIT;
	int err, by_date = is_date(since);

	if ((err = sd_corpus_benchmarks(c, &d->slugs)) < 0)
		goto done;
	if (!by_date &&
	    (err = sd_corpus_snapshot(c, since, &snap_slugs, &snap_labels)) < 0)
		goto done;
	for (size_t i = 0; i < d->slugs.n; i++) {
		struct sd_corpus_release *rel = NULL;
		size_t n = 0, old = SIZE_MAX;
		const char *slug = d->slugs.v[i];

		if ((err = sd_corpus_releases(c, slug, &rel, &n)) < 0)
			goto done;
		if (by_date) {
			old = sd_digest_latest_at(rel, n, since);
		} else {
			/* The release the snapshot had, as named now. */
			for (size_t k = 0; k < snap_slugs.n && old == SIZE_MAX; k++)
				for (size_t j = 0; j < n; j++)
					if (!strcmp(snap_slugs.v[k], slug) &&
					    !strcmp(snap_labels.v[k], rel[j].label))
						old = j;
		}
		if (old < n)
			sd_digest_add_corpus(d, 0, slug, &rel[old]);
		sd_digest_add_corpus(d, 1, slug, &rel[sd_corpus_latest(rel, n)]);
		sd_corpus_releases_free(rel, n);
	}
done:
	sd_strv_release(&snap_slugs);
	sd_strv_release(&snap_labels);
	return err;
}

/* ---- Pairing ---- */

struct ids_ctx {
	struct sd_digest_rel **rel; /* the releases being assigned */
};

static int give_ids(size_t i, struct sd_strv *out, void *ctx)
{
	const struct sd_digest_rel *r = ((struct ids_ctx *)ctx)->rel[i];

	for (size_t k = 0; k < r->ids.n; k++)
		sd_strv_push(out, r->ids.v[k]);
	return 0;
}

/*
 * Lines of the releases `v` (n): each release's line index into *line
 * and the lines' names into *names (one per line).
 */
static int assign(struct sd_digest_rel **v, size_t n, size_t *line,
		  struct sd_strv *names)
{
	struct sd_line_rel *lr = sd_xcalloc(n + 1, sizeof(*lr));
	struct sd_line *lines = NULL;
	struct ids_ctx ctx = { v };
	size_t nlines = 0;
	int err;

	for (size_t i = 0; i < n; i++) {
		lr[i].bench_id = v[i]->bench_id;
		lr[i].title = v[i]->title;
		lr[i].label = v[i]->label;
		lr[i].date = v[i]->date;
		lr[i].content = v[i]->content;
		lr[i].scap = v[i]->scap;
		lr[i].draft = v[i]->draft;
	}
	err = sd_lines_assign(lr, n, give_ids, &ctx, &lines, &nlines);
	if (!err) {
		for (size_t l = 0; l < nlines; l++)
			sd_strv_push(names, lines[l].slug);
		for (size_t i = 0; i < n; i++)
			line[i] = lr[i].line;
	}
	sd_lines_free(lines, nlines, lr, err ? 0 : n);
	free(lr);
	return err;
}

/* Is `r` later than `o` in a line (version, then date, then content)? */
static int later(const struct sd_digest_rel *r, const struct sd_digest_rel *o)
{
	int c;

	if (r->draft != o->draft)
		return o->draft;
	if ((c = sd_lines_label_cmp(r->label, o->label)))
		return c > 0;
	if ((c = sd_strcmp_null(r->date, o->date)))
		return c > 0;
	return strcmp(r->content, o->content) > 0;
}

/* Each line's latest release of one side, into `out` (n). */
static int latest_of_side(struct sd_digest *d, int side,
			  struct sd_digest_rel ***out, size_t *n)
{
	struct sd_digest_rel **v = sd_xcalloc(d->n[side] + 1, sizeof(*v));
	size_t *line = sd_xcalloc(d->n[side] + 1, sizeof(*line));
	struct sd_strv names = SD_STRV_INIT;
	int err = 0;

	*n = 0;
	for (size_t i = 0; i < d->n[side]; i++)
		v[i] = &d->rel[side][i];
	if (d->n[side] && !d->rel[side][0].slug)
		err = assign(v, d->n[side], line, &names);
	else /* A corpus's releases come one per line already. */
		for (size_t i = 0; i < d->n[side]; i++)
			line[i] = i;
	if (!err) {
		size_t nl = d->rel[side] && !d->rel[side][0].slug ? names.n
								    : d->n[side];
		struct sd_digest_rel **best = sd_xcalloc(nl + 1, sizeof(*best));

		for (size_t i = 0; i < d->n[side]; i++)
			if (!best[line[i]] || later(v[i], best[line[i]]))
				best[line[i]] = v[i];
		for (size_t l = 0; l < nl; l++)
			if (best[l])
				v[(*n)++] = best[l];
		free(best);
	}
	free(line);
	sd_strv_release(&names);
	*out = v;
	return err;
}

/* Does entry `e` concern one of the names in `only`? */
static int wanted(const struct sd_digest_entry *e, const struct sd_strv *only)
{
	if (!only || !only->n)
		return 1;
	for (size_t i = 0; i < only->n; i++) {
		const char *want = only->v[i];
		char *slug = sd_rulefile_slug(want);
		int hit = !strcasecmp(e->line, want) ||
			  (slug && !strcmp(e->line, slug)) ||
			  (e->old && !strcasecmp(e->old->bench_id, want)) ||
			  (e->new && !strcasecmp(e->new->bench_id, want));

		free(slug);
		if (hit)
			return 1;
	}
	return 0;
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct sd_digest_entry *a = pa, *b = pb;

	if (a->status != b->status)
		return a->status < b->status ? -1 : 1;
	return strcmp(a->line, b->line);
}

static const char *entry_kind(const struct sd_digest_entry *e)
{
	const struct sd_digest_rel *r = e->new ? e->new : e->old;

	if (r->scap)
		return "scap";
	if (r->draft)
		return "draft";
	return sd_contains_icase(r->title, "Security Requirements Guide")
		       ? "srg"
		       : "stig";
}

int sd_digest_pair(struct sd_digest *d, const struct sd_strv *only)
{
	struct sd_digest_rel **side[2] = { NULL, NULL }, **all = NULL;
	size_t n[2] = { 0, 0 }, nall, *line = NULL;
	struct sd_strv names = SD_STRV_INIT;
	int err;

	if ((err = latest_of_side(d, 0, &side[0], &n[0])) < 0 ||
	    (err = latest_of_side(d, 1, &side[1], &n[1])) < 0)
		goto done;
	nall = n[0] + n[1];
	all = sd_xcalloc(nall + 1, sizeof(*all));
	memcpy(all, side[0], n[0] * sizeof(*all));
	memcpy(all + n[0], side[1], n[1] * sizeof(*all));
	line = sd_xcalloc(nall + 1, sizeof(*line));
	if (nall && all[0]->slug) {
		/* A corpus: its lines are the pairs. */
		for (size_t i = 0; i < nall; i++) {
			size_t k;

			for (k = 0; k < names.n; k++)
				if (!strcmp(names.v[k], all[i]->slug))
					break;
			if (k == names.n)
				sd_strv_push(&names, all[i]->slug);
			line[i] = k;
		}
	} else if ((err = assign(all, nall, line, &names)) < 0) {
		goto done;
	}
	d->e = sd_xcalloc(names.n + 1, sizeof(*d->e));
	for (size_t l = 0; l < names.n; l++) {
		struct sd_digest_entry e;

		memset(&e, 0, sizeof(e));
		for (size_t i = 0; i < nall; i++) {
			const struct sd_digest_rel **slot =
				i < n[0] ? &e.old : &e.new;

			if (line[i] == l && (!*slot || later(all[i], *slot)))
				*slot = all[i];
		}
		if (!e.old && !e.new)
			continue;
		e.line = names.v[l];
		e.status = !e.old   ? SD_DIGEST_ADDED
			   : !e.new ? SD_DIGEST_WITHDRAWN
			   : strcmp(e.old->content, e.new->content)
				   ? SD_DIGEST_UPDATED
				   : SD_DIGEST_UNCHANGED;
		e.kind = entry_kind(&e);
		if (!wanted(&e, only))
			continue;
		e.line = sd_xstrdup(e.line);
		d->e[d->ne++] = e;
	}
	if (d->ne > 1)
		qsort(d->e, d->ne, sizeof(*d->e), cmp_entry);
	/* The identifiers served their purpose. */
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < d->n[s]; i++)
			sd_strv_release(&d->rel[s][i].ids);
done:
	free(side[0]);
	free(side[1]);
	free(all);
	free(line);
	sd_strv_release(&names);
	return err;
}

/* ---- Reading a release again ---- */

struct reload {
	const struct sd_digest_rel *r;
	struct sd_benchmark *found;
};

static int reload_cb(struct sd_benchmark *b, const struct sd_doc *doc,
		     void *ctx)
{
	struct reload *rl = ctx;
	char label[64];

	(void)doc;
	if (!rl->found && !sd_strcmp_null(b->source, rl->r->source) &&
	    !sd_strcmp_null(b->id, rl->r->bench_id) &&
	    sd_rulefile_label(b, label) == 0 && !strcmp(label, rl->r->label)) {
		rl->found = b;
		return 0;
	}
	sd_benchmark_free(b);
	return 0;
}

int sd_digest_load(const struct sd_digest_rel *r,
		   const struct sd_source_opts *so, struct sd_corpus *c,
		   struct sd_benchmark **out)
{
	struct reload rl = { r, NULL };
	const char *bang;
	char *path;

	*out = NULL;
	if (r->slug)
		return sd_corpus_load(c, r->slug, r->label, out);
	/* The file on disk is the source up to its first member. */
	bang = strchr(r->source, '!');
	path = bang ? sd_xstrndup(r->source, (size_t)(bang - r->source))
		    : sd_xstrdup(r->source);
	sd_source_benchmarks(path, so, reload_cb, &rl, NULL, NULL);
	free(path);
	if (!rl.found)
		return sd_error_set(SD_ENOTFOUND,
				    "%s: cannot read '%s' %s again (changed "
				    "since?)", r->source, r->bench_id,
				    r->label);
	*out = rl.found;
	return 0;
}
