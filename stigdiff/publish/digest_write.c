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

static int write_xml(const struct sd_digest *dg,
		     const struct sd_digest_write_opts *o, FILE *fp)
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
		const struct sd_digest_entry *e = &dg->e[i];
		struct sd_benchmark *old = NULL, *new = NULL;
		struct sd_diff *d = NULL;

		sd_tick("notes: comparing", i, dg->ne, "STIGs");
		sd_xw_start(w, "stig");
		sd_xw_attr(w, "status", sd_digest_status_name(e->status));
		sd_xw_attr(w, "line", e->line);
		sd_xw_attr(w, "kind", e->kind);
		sd_xw_attr(w, "title", (e->new ? e->new : e->old)->title);
		xml_rel(w, "old", e->old);
		xml_rel(w, "new", e->new);
		if (e->status == SD_DIGEST_UPDATED) {
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
	}
	if (err < 0) {
		sd_xw_close(w);
		return err;
	}
	return sd_xw_close(w);
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
		return write_xml(d, o, fp);
	if (!(mem = open_memstream(&xml, &len)))
		return sd_error_errno(SD_EIO, "cannot write the digest");
	err = write_xml(d, o, mem);
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
