/*
 * Writing a library digest (digest.h): its XML, which the stylesheets
 * xslt/digest-md.xsl and digest-html.xsl turn into Markdown and HTML, and
 * its JSON. Updated STIGs are read again and compared one pair at a time,
 * so memory holds one pair.
 */
#include "digest.h"
#include "buf.h"
#include "diff.h"
#include "error.h"
#include "json.h"
#include "render.h"
#include "xmlw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIGEST_NS "urn:x-stigdiff:digest:1"

/* What an updated STIG's rules need from people. */
struct stig_counts {
	struct sd_diff_counts diff;
	size_t recheck; /* added, or the check text changed (not cosmetic) */
	size_t cat1;    /* added, removed or changed, CAT I in either */
};

static void count(const struct sd_diff *d, struct stig_counts *c)
{
	memset(c, 0, sizeof(*c));
	sd_diff_counts(d, &c->diff);
	for (size_t i = 0; i < d->nrules; i++) {
		const struct sd_diff_rule *r = &d->rules[i];
		int check = 0;

		if (r->status != SD_DIFF_ADDED && r->status != SD_DIFF_REMOVED &&
		    r->status != SD_DIFF_CHANGED)
			continue;
		for (size_t k = 0; k < r->nchanges; k++)
			check |= !strcmp(r->changes[k].field, "check-content") &&
				 !r->changes[k].cosmetic;
		c->recheck += r->status == SD_DIFF_ADDED ||
			      (r->status == SD_DIFF_CHANGED && check);
		c->cat1 += (r->old && r->old->severity == SD_SEV_HIGH) ||
			   (r->new && r->new->severity == SD_SEV_HIGH);
	}
}

/* The rules a digest lists: what a person reads about. */
static const struct sd_diff_write_opts listed = {
	(1u << SD_DIFF_ADDED) | (1u << SD_DIFF_REMOVED) |
		(1u << SD_DIFF_CHANGED) | (1u << SD_DIFF_RENUMBERED),
	0, 1
};

static int compare(const struct sd_digest_entry *e,
		   const struct sd_digest_write_opts *o,
		   struct sd_benchmark **old, struct sd_benchmark **new,
		   struct sd_diff **d)
{
	const struct sd_benchmark *a = NULL, *b = NULL;
	int err;

	/* What the caller holds in memory already is not read again. */
	if (o->loaded) {
		a = o->loaded(o->loaded_ctx, e->old);
		b = o->loaded(o->loaded_ctx, e->new);
	}
	if ((!a && (err = sd_digest_load(e->old, o->so, o->corpus, old)) < 0) ||
	    (!b && (err = sd_digest_load(e->new, o->so, o->corpus, new)) < 0))
		return err;
	return sd_diff_run(a ? a : *old, b ? b : *new, o->diff, d);
}

static void xml_rel(struct sd_xw *w, const char *name,
		    const struct sd_digest_rel *r)
{
	char n[32];

	if (!r)
		return;
	snprintf(n, sizeof(n), "%zu", r->nrules);
	sd_xw_start(w, name);
	sd_xw_attr(w, "id", r->bench_id);
	sd_xw_attr(w, "version", r->label);
	sd_xw_attr(w, "date", r->date);
	sd_xw_attr(w, "rules", n);
	sd_xw_attr(w, "draft", r->draft ? "true" : NULL);
	sd_xw_elem(w, "title", r->title);
	sd_xw_elem(w, "source", r->source);
	sd_xw_end(w);
}

static void xml_num(struct sd_xw *w, const char *name, size_t v)
{
	char n[32];

	snprintf(n, sizeof(n), "%zu", v);
	sd_xw_attr(w, name, n);
}

/*
 * The <stig> element of entry `e`; an updated one compared (counts,
 * summary, rules) unless `stub`: what the page shows of it but its
 * rules, which write_html() renders apart.
 */
static int write_stig(struct sd_xw *w, const struct sd_digest_entry *e,
		      const struct sd_digest_write_opts *o, int stub,
		      int root)
{
	struct sd_benchmark *old = NULL, *new = NULL;
	struct sd_diff *d = NULL;
	int err = 0;

	sd_xw_start(w, "stig");
	if (root) /* its namespace, as the digest's root declares it */
		sd_xw_attr(w, "xmlns", DIGEST_NS);
	sd_xw_attr(w, "status", sd_digest_status_name(e->status));
	sd_xw_attr(w, "line", e->line);
	sd_xw_attr(w, "kind", e->kind);
	sd_xw_attr(w, "title", (e->new ? e->new : e->old)->title);
	xml_rel(w, "old", e->old);
	xml_rel(w, "new", e->new);
	if (e->status == SD_DIGEST_UPDATED && !stub) {
		struct stig_counts c;
		struct sd_buf sum = SD_BUF_INIT;

		if ((err = compare(e, o, &old, &new, &d)) == 0) {
			count(d, &c);
			sd_xw_start(w, "counts");
			for (int s = 0; s < SD_DIFF_NSTATUS; s++)
				xml_num(w, sd_diff_status_name(s),
					sd_diff_count(&c.diff, s));
			xml_num(w, "recheck", c.recheck);
			xml_num(w, "cat1", c.cat1);
			sd_xw_end(w);
			sd_diff_summary(d, &sum);
			sd_xw_elem(w, "summary", sum.ptr);
			sd_diff_xml(w, d, &listed);
		}
		sd_buf_release(&sum);
	}
	sd_xw_end(w);
	sd_diff_free(d);
	sd_benchmark_free(old);
	sd_benchmark_free(new);
	return err;
}

/* The digest's XML; with `stubs`, updated STIGs without their rules. */
static int write_xml(const struct sd_digest *dg,
		     const struct sd_digest_write_opts *o, FILE *fp, int stubs)
{
	struct sd_xw *w;
	size_t n[4] = { 0, 0, 0, 0 };
	int err;

	if ((err = sd_xw_open(&w, fp, 1)) < 0)
		return err;
	sd_xw_start(w, "digest");
	sd_xw_attr(w, "xmlns", DIGEST_NS);
	sd_xw_attr(w, "format-version", "1");
	sd_xw_elem(w, "old", o->old_label);
	sd_xw_elem(w, "new", o->new_label);
	for (size_t i = 0; i < dg->ne; i++)
		n[dg->e[i].status]++;
	sd_xw_start(w, "counts");
	for (int s = 0; s < 4; s++)
		xml_num(w, sd_digest_status_name(s), n[s]);
	sd_xw_end(w);
	for (size_t i = 0; i < dg->ne && !err; i++) {
		if (!stubs)
			sd_tick("notes: comparing", i, dg->ne, "STIGs");
		err = write_stig(w, &dg->e[i], o, stubs, 0);
	}
	if (err < 0) {
		sd_xw_close(w);
		return err;
	}
	return sd_xw_close(w);
}

/*
 * Render `stylesheet` (compiled once, sd_render_page()) over the XML
 * written by `fn` to a memory stream, appending the result to `out`.
 */
static int render_mem(const char *stylesheet, const char *const *params,
		      int (*fn)(void *ctx, FILE *fp), void *ctx,
		      struct sd_buf *out)
{
	char *xml = NULL;
	size_t len = 0;
	FILE *mem;
	int err;

	if (!(mem = open_memstream(&xml, &len)))
		return sd_error_errno(SD_EIO, "cannot write the digest");
	err = fn(ctx, mem);
	if (fclose(mem) != 0 && !err)
		err = sd_error_errno(SD_EIO, "cannot write the digest");
	if (!err)
		err = sd_render_page(stylesheet, xml, len, params, out);
	free(xml);
	return err;
}

struct stig_ctx {
	const struct sd_digest_entry *e;
	const struct sd_digest_write_opts *o;
	int stub;
};

/* One <stig> as a document of its own. */
static int stig_doc(void *ctx, FILE *fp)
{
	const struct stig_ctx *c = ctx;
	struct sd_xw *w;
	int err;

	if ((err = sd_xw_open(&w, fp, 1)) < 0)
		return err;
	err = write_stig(w, c->e, c->o, c->stub, 1);
	if (err < 0) {
		sd_xw_close(w);
		return err;
	}
	return sd_xw_close(w);
}

struct digest_ctx {
	const struct sd_digest *d;
	const struct sd_digest_write_opts *o;
};

static int digest_doc(void *ctx, FILE *fp)
{
	const struct digest_ctx *c = ctx;

	return write_xml(c->d, c->o, fp, 1);
}

/* Where `needle` (n bytes, n > 0) first is in `hay` (len bytes). */
static const char *find_bytes(const char *hay, size_t len,
			      const char *needle, size_t n)
{
	for (const char *p = hay; n <= len - (size_t)(p - hay);) {
		const char *q = memchr(p, needle[0], len - (size_t)(p - hay));

		if (!q || n > len - (size_t)(q - hay))
			return NULL;
		if (!memcmp(q, needle, n))
			return q;
		p = q + 1;
	}
	return NULL;
}

/* The HTML a stylesheet made of a lone element: past the document type
 * line the serializer writes first, without the line end it writes last. */
static void html_body(const struct sd_buf *b, size_t *at, size_t *len)
{
	const char *p = b->ptr, *end = b->ptr + b->len;

	if (!strncmp(p, "<!DOCTYPE", 9) && (p = memchr(p, '>', b->len)))
		p += 1 + (p + 1 < end && p[1] == '\n');
	else
		p = b->ptr;
	while (end > p && end[-1] == '\n')
		end--;
	*at = (size_t)(p - b->ptr);
	*len = (size_t)(end - p);
}

/*
 * The HTML page, rendered in parts so that memory holds one updated
 * STIG's rules at a time, not the library's (a quarter of a whole
 * library lists hundreds of MB of rule XML): the page of the digest
 * without its updated STIGs' rules, then each of those STIGs rendered
 * alone, stub and whole, the whole put where the page has the stub.
 * 0, or 1 when a stub was not found as expected (the caller renders the
 * page whole), or an error.
 */
static int write_html_parts(const struct sd_digest *d,
			    const struct sd_digest_write_opts *o,
			    const char *const *params, struct sd_buf *out)
{
	struct digest_ctx dc = { d, o };
	struct sd_buf page = SD_BUF_INIT, stub = SD_BUF_INIT, full = SD_BUF_INIT;
	size_t pos = 0;
	int err;

	if ((err = render_mem("digest-html.xsl", params, digest_doc, &dc,
			      &page)) < 0)
		goto done;
	for (size_t i = 0; i < d->ne && !err; i++) {
		struct stig_ctx sc = { &d->e[i], o, 1 };
		size_t sa, sl, fa, fl;
		const char *hit;

		if (d->e[i].status != SD_DIGEST_UPDATED)
			continue;
		sd_tick("notes: comparing", i, d->ne, "STIGs");
		sd_buf_reset(&stub);
		sd_buf_reset(&full);
		if ((err = render_mem("digest-html.xsl", params, stig_doc, &sc,
				      &stub)) < 0)
			break;
		html_body(&stub, &sa, &sl);
		if (o->section && o->section(o->section_ctx, &d->e[i], &full)) {
			fa = 0;
			fl = full.len;
		} else {
			sc.stub = 0;
			if ((err = render_mem("digest-html.xsl", params,
					      stig_doc, &sc, &full)) < 0)
				break;
			html_body(&full, &fa, &fl);
		}
		hit = sl ? find_bytes(page.ptr + pos, page.len - pos,
				     stub.ptr + sa, sl) : NULL;
		if (!hit) {
			err = 1;
			break;
		}
		sd_buf_add(out, page.ptr + pos, (size_t)(hit - page.ptr) - pos);
		sd_buf_add(out, full.ptr + fa, fl);
		pos = (size_t)(hit - page.ptr) + sl;
	}
	if (!err)
		sd_buf_add(out, page.ptr + pos, page.len - pos);
done:
	sd_buf_release(&page);
	sd_buf_release(&stub);
	sd_buf_release(&full);
	return err;
}

static struct sd_json *json_rel(const struct sd_digest_rel *r)
{
	struct sd_json *j;

	if (!r)
		return sd_json_null_new();
	j = sd_json_object_new();
	sd_json_set_str(j, "id", r->bench_id);
	sd_json_set_str(j, "title", r->title);
	sd_json_set_str(j, "version", r->label);
	sd_json_set_str(j, "date", r->date);
	sd_json_set_int(j, "rules", (long long)r->nrules);
	sd_json_set(j, "draft", sd_json_bool_new(r->draft));
	sd_json_set_str(j, "source", r->source);
	return j;
}

static int write_json(const struct sd_digest *dg,
		      const struct sd_digest_write_opts *o, FILE *fp)
{
	struct sd_json *doc = sd_json_object_new(), *stigs, *cnt;
	size_t n[4] = { 0, 0, 0, 0 };
	int err = 0;

	sd_json_set_str(doc, "format", "stigdiff-digest");
	sd_json_set_int(doc, "format-version", 1);
	sd_json_set_str(doc, "old", o->old_label);
	sd_json_set_str(doc, "new", o->new_label);
	for (size_t i = 0; i < dg->ne; i++)
		n[dg->e[i].status]++;
	cnt = sd_json_object_new();
	for (int s = 0; s < 4; s++)
		sd_json_set_int(cnt, sd_digest_status_name(s), (long long)n[s]);
	sd_json_set(doc, "counts", cnt);
	stigs = sd_json_array_new();
	for (size_t i = 0; i < dg->ne && !err; i++) {
		const struct sd_digest_entry *e = &dg->e[i];
		struct sd_json *j = sd_json_object_new();
		struct sd_benchmark *old = NULL, *new = NULL;
		struct sd_diff *d = NULL;

		sd_tick("notes: comparing", i, dg->ne, "STIGs");
		sd_json_set_str(j, "status", sd_digest_status_name(e->status));
		sd_json_set_str(j, "line", e->line);
		sd_json_set_str(j, "kind", e->kind);
		sd_json_set(j, "old", json_rel(e->old));
		sd_json_set(j, "new", json_rel(e->new));
		if (e->status == SD_DIGEST_UPDATED &&
		    (err = compare(e, o, &old, &new, &d)) == 0) {
			struct stig_counts c;
			struct sd_json *diff = sd_diff_json(d, &listed);

			count(d, &c);
			cnt = sd_json_object_new();
			for (int s = 0; s < SD_DIFF_NSTATUS; s++)
				sd_json_set_int(cnt, sd_diff_status_name(s),
						(long long)sd_diff_count(&c.diff, s));
			sd_json_set_int(cnt, "recheck", (long long)c.recheck);
			sd_json_set_int(cnt, "cat1", (long long)c.cat1);
			sd_json_set(j, "counts", cnt);
			sd_json_set(j, "summary",
				    sd_json_incref(sd_json_get(diff, "summary")));
			sd_json_set(j, "rules",
				    sd_json_incref(sd_json_get(diff, "rules")));
			sd_json_free(diff);
		}
		sd_json_append(stigs, j);
		sd_diff_free(d);
		sd_benchmark_free(old);
		sd_benchmark_free(new);
	}
	sd_json_set(doc, "stigs", stigs);
	if (!err && sd_json_dump(doc, fp, SD_JSON_PRETTY) < 0)
		err = sd_error_errno(SD_EIO, "cannot write the digest");
	sd_json_free(doc);
	return err;
}

int sd_digest_html_section(const struct sd_digest_entry *e,
			   const struct sd_digest_write_opts *o,
			   struct sd_buf *out)
{
	const char *params[] = { "title", o->title, NULL };
	struct stig_ctx sc = { e, o, 0 };
	struct sd_buf full = SD_BUF_INIT;
	size_t at, len;
	int err;

	err = render_mem("digest-html.xsl", o->title ? params : NULL,
			 stig_doc, &sc, &full);
	if (!err) {
		html_body(&full, &at, &len);
		sd_buf_add(out, full.ptr + at, len);
	}
	sd_buf_release(&full);
	return err;
}

int sd_digest_write(const struct sd_digest *d, const char *format,
		    const struct sd_digest_write_opts *o, FILE *fp)
{
	char *xml = NULL;
	size_t len = 0;
	FILE *mem;
	int err;
	const char *params[] = { "title", o->title, NULL };

	if (!strcmp(format, "json"))
		return write_json(d, o, fp);
	if (!strcmp(format, "xml"))
		return write_xml(d, o, fp, 0);
	if (!strcmp(format, "html")) {
		struct sd_buf out = SD_BUF_INIT;

		err = write_html_parts(d, o, o->title ? params : NULL, &out);
		if (!err && fwrite(out.ptr, 1, out.len, fp) != out.len)
			err = sd_error_errno(SD_EIO, "cannot write the digest");
		sd_buf_release(&out);
		if (err <= 0)
			return err;
	}
	if (!(mem = open_memstream(&xml, &len)))
		return sd_error_errno(SD_EIO, "cannot write the digest");
	err = write_xml(d, o, mem, 0);
	if (fclose(mem) != 0 && !err)
		err = sd_error_errno(SD_EIO, "cannot write the digest");
	if (!err)
		err = sd_render_run(!strcmp(format, "html") ? "digest-html.xsl"
							  : "digest-md.xsl",
				    NULL, xml, len, o->title ? params : NULL,
				    fp);
	free(xml);
	return err;
}
