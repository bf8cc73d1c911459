/*
 * The site's digest pages (site_run.h): one page per compilation, what
 * changed STIG by STIG in that quarter (digest.h, the HTML of `notes
 * --library`), and digest/index.html listing them. DISA publishes a
 * compilation a quarter and the releases in it carry dates across the
 * quarter, so a compilation is a quarter holding a release: its digest
 * is the library as of the quarter's last day against the library as of
 * the day before it began (digest/<YYYY>-Q<N>.html).
 *
 * A digest page depends on nothing but the releases dated up to its
 * quarter's end: its digest in the manifest is one of their commits, so
 * a run that imported only newer releases does not compute it again.
 */
#include "site_run.h"
#include "digest.h"
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The last day of quarter `q` ("2025-Q3" -> "2025-09-30"), and of the
 * quarter before it. */
static void quarter_end(const char *q, int before, char out[11])
{
	static const char *const ends[] = { "12-31", "03-31", "06-30",
					    "09-30", "12-31" };
	int y = atoi(q), n = q[6] - '0';

	if (before)
		n--;
	snprintf(out, 11, "%04d-%s", (n ? y : y - 1) % 10000, ends[n]);
}

/* The quarters holding a release, oldest first, into `qs`. */
static void quarters(const struct sd_site *s, struct sd_strv *qs)
{
	char q[8];

	for (size_t i = 0; i < s->n; i++)
		for (size_t k = 0; k < s->v[i].nrel; k++)
			if (sd_site_quarter(s->v[i].rel[k].date, q) &&
			    !sd_strv_contains(qs, q))
				sd_strv_push(qs, q);
	sd_strv_sort(qs);
}

/* What the digest of the quarter ending `end` is made from: every
 * release dated up to then, by its commit; hex into out. */
static void quarter_key(const struct sd_site *s, const char *end,
			char out[17])
{
	unsigned long long h = SD_SITE_DIGEST_INIT;

	for (size_t i = 0; i < s->n; i++)
		for (size_t k = 0; k < s->v[i].nrel; k++) {
			const struct sd_corpus_release *r = &s->v[i].rel[k];

			if (!r->date || strcmp(r->date, end) > 0)
				continue;
			h = sd_site_digest(h, s->v[i].slug);
			h = sd_site_digest(h, r->commit);
		}
	snprintf(out, 17, "%016llx", h);
}

/* Release `r` as the site holds it, when its benchmark is open: its
 * line's slug is the site's own string (sd_digest_add_corpus() borrowed
 * it). */
static const struct sd_benchmark *loaded(void *ctx,
					 const struct sd_digest_rel *r)
{
	const struct sd_site *s = ctx;

	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].slug != r->slug || !s->v[i].b)
			continue;
		for (size_t k = 0; k < s->v[i].nrel; k++)
			if (!strcmp(s->v[i].rel[k].label, r->label))
				return s->v[i].b[k];
	}
	return NULL;
}

/*
 * A digest page to make this run: its quarter's digest, paired, and the
 * HTML sections of its updated STIGs made while their benchmark was
 * open (sd_site_digest_sections()), so that the page reads no release
 * again.
 */
struct site_dq {
	char q[8], key[17];
	char since[11], until[11];
	char *title;
	struct sd_digest d;
	struct sd_buf *sec; /* per entry; empty: not made */
};

static void dq_opts(const struct sd_site *s, const struct site_dq *dq,
		    struct sd_digest_write_opts *wo, struct sd_diff_opts *dopts,
		    struct sd_buf *oldl, struct sd_buf *newl)
{
	memset(dopts, 0, sizeof(*dopts));
	memset(wo, 0, sizeof(*wo));
	sd_buf_addf(oldl, "the library as of %s", dq->since);
	sd_buf_addf(newl, "the library as of %s", dq->until);
	wo->old_label = oldl->ptr;
	wo->new_label = newl->ptr;
	wo->title = dq->title;
	wo->corpus = s->c;
	wo->diff = dopts;
	wo->loaded = loaded;
	wo->loaded_ctx = (void *)s;
}

/* The digest pages this run makes (those the manifest does not have
 * as they are), their digests paired. */
int sd_site_digest_plan(struct site_run *o)
{
	struct sd_site *s = o->s;
	struct sd_strv qs = SD_STRV_INIT;
	struct sd_buf rel = SD_BUF_INIT, title = SD_BUF_INIT;
	int err = 0;

	quarters(s, &qs);
	o->dq = sd_xcalloc(qs.n + 1, sizeof(*o->dq));
	for (size_t i = 0; i < qs.n && !err; i++) {
		struct site_dq *dq = &o->dq[o->ndq];

		snprintf(dq->q, sizeof(dq->q), "%s", qs.v[i]);
		quarter_end(dq->q, 1, dq->since);
		quarter_end(dq->q, 0, dq->until);
		quarter_key(s, dq->until, dq->key);
		sd_buf_reset(&rel);
		sd_buf_addf(&rel, "digest/%s.html", dq->q);
		if (sd_site_same_page(o, rel.ptr, dq->key))
			continue;
		o->ndq++;
		dq->d = (struct sd_digest)SD_LIBRARY_DIGEST_INIT;
		for (size_t k = 0; k < s->n; k++) {
			const struct site_bench *sb = &s->v[k];
			size_t a = sd_digest_latest_at(sb->rel, sb->nrel, dq->since);
			size_t b = sd_digest_latest_at(sb->rel, sb->nrel, dq->until);

			if (a < sb->nrel)
				sd_digest_add_corpus(&dq->d, 0, sb->slug, &sb->rel[a]);
			if (b < sb->nrel)
				sd_digest_add_corpus(&dq->d, 1, sb->slug, &sb->rel[b]);
		}
		sd_buf_reset(&title);
		sd_buf_addf(&title, "What changed in %.4s %s", dq->q, dq->q + 5);
		dq->title = sd_xstrdup(title.ptr);
		err = sd_digest_pair(&dq->d, NULL);
		dq->sec = sd_xcalloc(dq->d.ne + 1, sizeof(*dq->sec));
		for (size_t k = 0; k < dq->d.ne; k++)
			sd_buf_init(&dq->sec[k]);
	}
	sd_strv_release(&qs);
	sd_buf_release(&rel);
	sd_buf_release(&title);
	return err;
}

int sd_site_digest_sections(struct site_run *o, const struct site_bench *sb)
{
	int err = 0;

	for (size_t i = 0; i < o->ndq && !err; i++) {
		struct site_dq *dq = &o->dq[i];
		struct sd_digest_write_opts wo;
		struct sd_diff_opts dopts;
		struct sd_buf oldl = SD_BUF_INIT, newl = SD_BUF_INIT;

		dq_opts(o->s, dq, &wo, &dopts, &oldl, &newl);
		for (size_t k = 0; k < dq->d.ne && !err; k++) {
			const struct sd_digest_entry *e = &dq->d.e[k];

			if (e->status == SD_DIGEST_UPDATED &&
			    e->old->slug == sb->slug && e->new->slug == sb->slug)
				err = sd_digest_html_section(e, &wo, &dq->sec[k]);
		}
		sd_buf_release(&oldl);
		sd_buf_release(&newl);
	}
	return err;
}

void sd_site_digest_free(struct site_run *o)
{
	for (size_t i = 0; i < o->ndq; i++) {
		struct site_dq *dq = &o->dq[i];

		for (size_t k = 0; k < dq->d.ne; k++)
			sd_buf_release(&dq->sec[k]);
		free(dq->sec);
		free(dq->title);
		sd_digest_release(&dq->d);
	}
	free(o->dq);
	o->dq = NULL;
	o->ndq = 0;
}

/* The section sd_site_digest_sections() made for `e`, if it did. */
static int made_section(void *ctx, const struct sd_digest_entry *e,
			struct sd_buf *out)
{
	const struct site_dq *dq = ctx;
	size_t k = (size_t)(e - dq->d.e);

	if (k >= dq->d.ne || !dq->sec[k].len)
		return 0;
	sd_buf_add(out, dq->sec[k].ptr, dq->sec[k].len);
	return 1;
}

/* digest/<q>.html: the library at the end of the quarter before `q`
 * against the library at the end of `q`. */
static int digest_page(struct site_run *o, const char *q, const char *rel)
{
	struct sd_site *s = o->s;
	struct site_dq *dq = NULL;
	struct sd_digest_write_opts wo;
	struct sd_diff_opts dopts;
	struct sd_buf oldl = SD_BUF_INIT, newl = SD_BUF_INIT;
	char until[11], key[17];
	char *html = NULL;
	size_t len = 0;
	FILE *mem = NULL;
	int err = 0;

	for (size_t i = 0; i < o->ndq && !dq; i++)
		if (!strcmp(o->dq[i].q, q))
			dq = &o->dq[i];
	if (!dq) { /* the plan found it as the manifest has it */
		quarter_end(q, 0, until);
		quarter_key(s, until, key);
		return sd_site_keep_page(o, "-", key, rel);
	}
	dq_opts(s, dq, &wo, &dopts, &oldl, &newl);
	wo.section = made_section;
	wo.section_ctx = dq;
	if (!(mem = open_memstream(&html, &len))) {
		err = sd_error_errno(SD_EIO, "cannot buffer a page");
		goto done;
	}
	err = sd_digest_write(&dq->d, "html", &wo, mem);
	if (fclose(mem) != 0 && !err)
		err = sd_error_errno(SD_EIO, "cannot buffer a page");
	if (!err)
		err = sd_site_put_page(o, "-", dq->key, rel, html, len);
done:
	/* Written: its sections go. */
	for (size_t k = 0; k < dq->d.ne; k++)
		sd_buf_release(&dq->sec[k]);
	free(html);
	sd_buf_release(&oldl);
	sd_buf_release(&newl);
	return err;
}

int sd_site_digest_pages(struct site_run *o)
{
	struct sd_strv qs = SD_STRV_INIT;
	struct sd_buf rel = SD_BUF_INIT;
	struct site_px x;
	int err = 0;

	quarters(o->s, &qs);
	for (size_t i = 0; i < qs.n && !err; i++) {
		sd_tick("site: digests", i, qs.n, "quarters");
		sd_buf_reset(&rel);
		sd_buf_addf(&rel, "digest/%s.html", qs.v[i]);
		err = digest_page(o, qs.v[i], rel.ptr);
	}
	if (!err && qs.n) {
		sd_site_px_open(o, &x, "digests", "../");
		for (size_t i = qs.n; i-- > 0;) {
			char q[8];
			size_t nrel = 0;

			for (size_t b = 0; b < o->s->n; b++)
				for (size_t k = 0; k < o->s->v[b].nrel; k++)
					nrel += sd_site_quarter(o->s->v[b].rel[k].date, q) &&
						!strcmp(q, qs.v[i]);
			sd_xw_start(x.w, "quarter");
			sd_xw_attr(x.w, "name", qs.v[i]);
			sd_site_attr_num(x.w, "releases", nrel);
			sd_xw_end(x.w);
		}
		err = sd_site_px_finish(o, &x, "-", "digest/index.html");
	}
	sd_strv_release(&qs);
	sd_buf_release(&rel);
	return err;
}
