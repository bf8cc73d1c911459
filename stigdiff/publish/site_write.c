/*
 * Writing the site (site.h): C builds one small XML document per page and
 * xslt/site.xsl turns it into HTML5; compare pages are the release notes
 * (xslt/notes-html.xsl). This file holds the pages of a benchmark (its
 * index, rule pages with their Turtle twins, compare pages), the home
 * page and the assets, and the run: which benchmarks to render, in which
 * order the files are written, and the manifest written last. How a file
 * is written and a page rendered only when its document changed is
 * site_out.c; the manifest site_manifest.c; the search index
 * site_search.c; the RMF pages site_rmf.c.
 */
#include "site.h"
#include "site_run.h"
#include "error.h"
#include "json.h"
#include "rdf.h"
#include "render.h"
#include "version.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* "<slug> <label> (<date>): <summary>": the summary part. */
static const char *release_summary(const struct sd_corpus_release *rel)
{
	const char *p = rel->subject ? strstr(rel->subject, "): ") : NULL;

	return p ? p + 3 : "";
}

static void xml_text_field(struct sd_xw *w, const char *name,
			   const char *text)
{
	if (!text || !*text)
		return;
	sd_xw_start(w, "text");
	sd_xw_attr(w, "name", name);
	sd_xw_text(w, text);
	sd_xw_end(w);
}

/* Labels for the description fields, DISA's order. */
static const char *const desc_labels[SD_DESC_COUNT] = {
	"Discussion", "False positives", "False negatives", "Documentable",
	"Mitigations", "Severity override guidance", "Potential impacts",
	"Third party tools", "Mitigation control", "Responsibility",
	"IA controls"
};

static void xml_rule_fields(struct sd_xw *w, const struct sd_rule *r)
{
	const char *sev = r->severity ? sd_severity_name(r->severity) : NULL;

	sd_xw_elem(w, "title", r->title ? r->title : "");
	sd_xw_start(w, "ids");
	sd_xw_attr(w, "vuln", r->vuln_id);
	sd_xw_attr(w, "rule", r->rule_id);
	sd_xw_attr(w, "stig", r->stig_id);
	sd_xw_attr(w, "srg", r->group_title);
	sd_xw_attr(w, "severity", sev);
	sd_xw_attr(w, "category",
		   r->severity ? sd_severity_category(r->severity) : NULL);
	sd_xw_attr(w, "weight", r->weight);
	sd_xw_attr(w, "fix-id", r->fix_id);
	sd_xw_attr(w, "check-system", r->check_system);
	sd_xw_end(w);
	for (size_t i = 0; i < SD_DESC_COUNT; i++)
		xml_text_field(w, desc_labels[i], r->desc[i]);
	xml_text_field(w, "Check", r->check_content);
	xml_text_field(w, "Fix", r->fix_text);
	for (size_t i = 0; i < r->ccis.n; i++)
		sd_xw_elem(w, "cci", r->ccis.v[i]);
	for (size_t i = 0; i < r->legacy.n; i++)
		sd_xw_elem(w, "legacy", r->legacy.v[i]);
}

/* One changed field of a history row: a note, and the word diff. */
static void xml_change(struct sd_xw *w, const struct sd_diff_change *c)
{
	struct sd_buf note = SD_BUF_INIT;

	sd_diff_change_note(c, &note);
	sd_xw_start(w, "change");
	sd_xw_attr(w, "note", note.ptr);
	if (c->kind == SD_KIND_TEXT && !c->cosmetic)
		for (size_t i = 0; i < c->wd.nsegs; i++) {
			const struct sd_wd_seg *sg = &c->wd.segs[i];
			char *t = sd_xstrndup(sg->text, sg->len);

			sd_xw_elem(w, sg->op == SD_WD_DELETE   ? "del"
				      : sg->op == SD_WD_INSERT ? "ins"
							       : "eq",
				   t);
			free(t);
		}
	sd_xw_end(w);
	sd_buf_release(&note);
}

static void xml_history(struct sd_xw *w, const struct site_bench *sb,
			const struct site_chain *ch)
{
	sd_xw_start(w, "history");
	for (size_t i = ch->n; i-- > 0;) {
		const struct site_row *row = &ch->rows[i];
		const struct sd_diff_rule *dr =
			&sb->diffs[row->rel]->rules[row->pair];
		const struct sd_rule *r = dr->new ? dr->new : dr->old;
		const struct sd_corpus_release *rel = &sb->rel[row->rel];
		char *page = sd_site_page_name(r);

		sd_xw_start(w, "row");
		sd_xw_attr(w, "label", rel->label);
		sd_xw_attr(w, "date", rel->date);
		sd_xw_attr(w, "status", !dr->old ? "added"
					: sd_diff_status_name(dr->status));
		sd_xw_attr(w, "vuln", r->vuln_id);
		sd_xw_attr(w, "page", page);
		sd_xw_attr(w, "rule-id", r->rule_id);
		if (row->rel > 0)
			sd_xw_attr(w, "prev", sb->rel[row->rel - 1].label);
		if (dr->old && dr->new)
			for (size_t k = 0; k < dr->nchanges; k++)
				xml_change(w, &dr->changes[k]);
		sd_xw_end(w);
		free(page);
	}
	sd_xw_end(w);
}

static void xml_lineage(struct sd_xw *w, const struct site_page *p)
{
	sd_xw_start(w, "lineage");
	for (size_t i = 0; i < p->nlinks; i++) {
		const struct site_link *l = &p->links[i];

		sd_xw_start(w, l->relation);
		sd_xw_attr(w, "slug", l->slug);
		sd_xw_attr(w, "page", l->page);
		sd_xw_attr(w, "bench", l->bench);
		sd_xw_attr(w, "vuln", l->vuln);
		sd_xw_attr(w, "stig", l->stig);
		sd_xw_attr(w, "kind", l->kind);
		sd_xw_attr(w, "score", l->score);
		sd_xw_attr(w, "evidence", l->evidence);
		sd_xw_text(w, l->title ? l->title : "");
		sd_xw_end(w);
	}
	sd_xw_end(w);
}

/* ---- Turtle twins ---- */

static void rdf_bench(const struct site_bench *sb, struct sd_rdf_bench *rb,
		      const char **labels, const char **dates)
{
	for (size_t i = 0; i < sb->nrel; i++) {
		labels[i] = sb->rel[i].label;
		dates[i] = sb->rel[i].date;
	}
	rb->b = sb->b[sb->nrel - 1];
	rb->slug = sb->slug;
	rb->labels = labels;
	rb->dates = dates;
	rb->nreleases = sb->nrel;
}

void sd_site_rdf_rule(const struct site_bench *sb, const struct site_page *p,
		      struct sd_rdf_rule *rr, struct sd_rdf_link *links)
{
	for (size_t i = 0; i < p->nlinks; i++) {
		links[i].path = p->links[i].path;
		links[i].relation = p->links[i].relation;
	}
	rr->rule = sd_site_page_rule(sb, p);
	rr->slug = sb->slug;
	rr->page = p->name;
	rr->label = sb->rel[p->rel].label;
	rr->links = links;
	rr->nlinks = p->nlinks;
	rr->controls = &p->controls;
}

static int twin_rule(struct site_run *o, const struct site_bench *sb,
		     const struct site_page *p)
{
	struct sd_buf ttl = SD_BUF_INIT, rel = SD_BUF_INIT;
	struct sd_rdf_link *links = sd_xcalloc(p->nlinks + 1, sizeof(*links));
	struct sd_rdf_rule rr;
	int err;

	sd_site_rdf_rule(sb, p, &rr, links);
	sd_rdf_ttl_prefixes(&ttl, o->s->base_url);
	sd_rdf_ttl_rule(&ttl, o->s->base_url ? "" : "../../", &rr);
	sd_buf_addf(&rel, "stig/%s/%s.ttl", sb->slug, p->name);
	err = sd_site_write_out(o, sb->slug, rel.ptr, ttl.ptr, ttl.len);
	free(links);
	sd_buf_release(&ttl);
	sd_buf_release(&rel);
	return err;
}

static int twin_bench(struct site_run *o, const struct site_bench *sb)
{
	struct sd_buf ttl = SD_BUF_INIT, rel = SD_BUF_INIT;
	const char **labels = sd_xcalloc(sb->nrel + 1, sizeof(char *));
	const char **dates = sd_xcalloc(sb->nrel + 1, sizeof(char *));
	struct sd_rdf_bench rb;
	int err;

	rdf_bench(sb, &rb, labels, dates);
	sd_rdf_ttl_prefixes(&ttl, o->s->base_url);
	sd_rdf_ttl_bench(&ttl, o->s->base_url ? "" : "../../", &rb);
	sd_buf_addf(&rel, "stig/%s/index.ttl", sb->slug);
	err = sd_site_write_out(o, sb->slug, rel.ptr, ttl.ptr, ttl.len);
	free(labels);
	free(dates);
	sd_buf_release(&ttl);
	sd_buf_release(&rel);
	return err;
}

/* ---- Benchmark pages ---- */

static int rule_page(struct site_run *o, const struct site_bench *sb,
		     const struct site_page *p)
{
	const struct sd_rule *r = sd_site_page_rule(sb, p);
	struct sd_buf rel = SD_BUF_INIT;
	struct site_px x;
	int err;

	sd_site_px_open(o, &x, "rule", "../../");
	sd_xw_attr(x.w, "slug", sb->slug);
	sd_xw_attr(x.w, "page", p->name);
	sd_xw_attr(x.w, "bench", sb->b[sb->nrel - 1]->title);
	sd_xw_attr(x.w, "label", sb->rel[p->rel].label);
	sd_xw_attr(x.w, "latest", sb->rel[sb->nrel - 1].label);
	if (!o->s->lineage)
		sd_xw_attr(x.w, "no-lineage", "yes");
	xml_rule_fields(x.w, r);
	for (size_t i = 0; i < p->controls.n; i++) {
		char *file = sd_site_control_file(p->controls.v[i]);

		sd_xw_start(x.w, "control");
		sd_xw_attr(x.w, "file", file);
		sd_xw_text(x.w, p->controls.v[i]);
		sd_xw_end(x.w);
		free(file);
	}
	xml_history(x.w, sb, &sb->chains[sb->chain[p->rel][p->rule]]);
	xml_lineage(x.w, p);
	sd_buf_addf(&rel, "stig/%s/%s.html", sb->slug, p->name);
	err = sd_site_px_finish(o, &x, sb->slug, rel.ptr);
	if (!err)
		err = twin_rule(o, sb, p);
	sd_buf_release(&rel);
	return err;
}

/*
 * Compare pages: every consecutive pair and every release against the
 * latest, the release notes stylesheet's page each. The pairs a
 * benchmark has are listed in compare.html.
 */
static int compare_page(struct site_run *o, const struct site_bench *sb,
			size_t a, size_t b)
{
	struct sd_diff *d = NULL, *own = NULL;
	struct sd_buf rel = SD_BUF_INIT, title = SD_BUF_INIT;
	char *html = NULL;
	size_t len = 0;
	FILE *fp;
	int err;

	if (b == a + 1) {
		d = sb->diffs[b];
	} else {
		if ((err = sd_diff_run(sb->b[a], sb->b[b], NULL, &own)) < 0)
			return err;
		d = own;
	}
	sd_buf_addf(&title, "%s: %s to %s", sb->b[b]->title,
		    sb->rel[a].label, sb->rel[b].label);
	if (!(fp = open_memstream(&html, &len)))
		sd_die_oom();
	err = sd_render_notes(d, SD_DIFF_HTML, NULL, title.ptr, fp);
	if (fclose(fp) != 0 && !err)
		err = sd_error_errno(SD_EIO, "cannot buffer a page");
	sd_buf_addf(&rel, "stig/%s/compare/%s-%s.html", sb->slug,
		    sb->rel[a].label, sb->rel[b].label);
	if (!err)
		err = sd_site_write_out(o, sb->slug, rel.ptr, html, len);
	free(html);
	sd_diff_free(own);
	sd_buf_release(&rel);
	sd_buf_release(&title);
	return err;
}

/* The digest of a rule's text: severity, title, description fields,
 * check, fix and CCIs; not its ids. */
static void rule_digest(const struct sd_rule *r, char out[17])
{
	unsigned long long h = SD_SITE_DIGEST_INIT;

	h = sd_site_digest(h, sd_severity_name(r->severity));
	h = sd_site_digest(h, r->title);
	for (int k = 0; k < SD_DESC_COUNT; k++)
		h = sd_site_digest(h, r->desc[k]);
	h = sd_site_digest(h, r->check_content);
	h = sd_site_digest(h, r->fix_text);
	for (size_t k = 0; k < r->ccis.n; k++)
		h = sd_site_digest(h, r->ccis.v[k]);
	snprintf(out, 17, "%016llx", h);
}

/*
 * compare-data.js (stigdiffCompare({...})), what compare.js compares
 * any two releases with, loaded as a script so that it works from
 * file:// too: the
 * releases, and per rule (a history chain, as the rule pages follow
 * it) its page and, per release, the digest of its text and its rule
 * id, or null where the release does not hold it.
 */
static int compare_data(struct site_run *o, const struct site_bench *sb)
{
	struct sd_json *root = sd_json_object_new();
	struct sd_json *rels = sd_json_array_new();
	struct sd_json *rules = sd_json_array_new();
	struct sd_buf rel = SD_BUF_INIT;
	int err;

	for (size_t i = 0; i < sb->nrel; i++) {
		struct sd_json *r = sd_json_object_new();

		sd_json_set(r, "label", sd_json_string_new(sb->rel[i].label));
		sd_json_set(r, "date", sd_json_string_new(sb->rel[i].date));
		sd_json_append(rels, r);
	}
	for (size_t c = 0; c < sb->nchains; c++) {
		const struct site_chain *ch = &sb->chains[c];
		const struct site_row *last = &ch->rows[ch->n - 1];
		const struct sd_diff_rule *ld =
			&sb->diffs[last->rel]->rules[last->pair];
		const struct sd_rule *newest = ld->new ? ld->new : ld->old;
		struct sd_json *r = sd_json_object_new();
		struct sd_json *at = sd_json_array_new();
		char *page = sd_site_page_name(newest), digest[17];
		size_t k = 0;

		sd_buf_reset(&rel);
		sd_buf_addf(&rel, "%s.html", page);
		for (size_t i = 0; i < sb->nrel; i++) {
			const struct sd_rule *ri = NULL;
			struct sd_json *v;

			while (k < ch->n && ch->rows[k].rel < i)
				k++;
			if (k < ch->n && ch->rows[k].rel == i)
				ri = sb->diffs[i]->rules[ch->rows[k].pair].new;
			if (!ri) {
				sd_json_append(at, sd_json_null_new());
				continue;
			}
			v = sd_json_array_new();
			rule_digest(ri, digest);
			sd_json_append(v, sd_json_string_new(digest));
			sd_json_append(v, sd_site_json_str(ri->rule_id));
			sd_json_append(at, v);
		}
		sd_json_set(r, "page", sd_json_string_new(rel.ptr));
		sd_json_set(r, "stig", sd_site_json_str(newest->stig_id));
		sd_json_set(r, "title", sd_site_json_str(newest->title));
		sd_json_set(r, "at", at);
		sd_json_append(rules, r);
		free(page);
	}
	sd_json_set(root, "format", sd_json_string_new("stigdiff-compare"));
	sd_json_set(root, "format-version", sd_json_int_new(1));
	sd_json_set(root, "releases", rels);
	sd_json_set(root, "rules", rules);
	sd_buf_reset(&rel);
	sd_buf_addf(&rel, "stig/%s/compare-data.js", sb->slug);
	err = sd_site_write_js(o, sb->slug, rel.ptr, "stigdiffCompare", root);
	sd_buf_release(&rel);
	return err;
}

static int pair_wanted(const struct site_bench *sb, size_t a, size_t b)
{
	return a < b && (b == a + 1 || b == sb->nrel - 1);
}

static int compare_pages(struct site_run *o, const struct site_bench *sb)
{
	struct site_px x;
	struct sd_buf rel = SD_BUF_INIT;
	int err = 0;

	for (size_t a = 0; a < sb->nrel && !err; a++)
		for (size_t b = a + 1; b < sb->nrel && !err; b++)
			if (pair_wanted(sb, a, b))
				err = compare_page(o, sb, a, b);
	if (err || (err = compare_data(o, sb)) < 0)
		return err;
	sd_site_px_open(o, &x, "compare", "../../");
	sd_xw_attr(x.w, "slug", sb->slug);
	sd_xw_attr(x.w, "bench", sb->b[sb->nrel - 1]->title);
	for (size_t i = 0; i < sb->nrel; i++) {
		sd_xw_start(x.w, "release");
		sd_xw_attr(x.w, "label", sb->rel[i].label);
		sd_xw_attr(x.w, "date", sb->rel[i].date);
		sd_xw_end(x.w);
	}
	for (size_t a = 0; a < sb->nrel; a++)
		for (size_t b = a + 1; b < sb->nrel; b++)
			if (pair_wanted(sb, a, b)) {
				sd_xw_start(x.w, "pair");
				sd_xw_attr(x.w, "old", sb->rel[a].label);
				sd_xw_attr(x.w, "new", sb->rel[b].label);
				sd_xw_end(x.w);
			}
	sd_buf_addf(&rel, "stig/%s/compare.html", sb->slug);
	err = sd_site_px_finish(o, &x, sb->slug, rel.ptr);
	sd_buf_release(&rel);
	return err;
}

static int bench_index(struct site_run *o, const struct site_bench *sb)
{
	const struct sd_benchmark *latest = sb->b[sb->nrel - 1];
	struct sd_buf rel = SD_BUF_INIT;
	struct site_px x;
	int err;

	sd_site_px_open(o, &x, "bench", "../../");
	sd_xw_attr(x.w, "slug", sb->slug);
	sd_xw_attr(x.w, "id", latest->id);
	sd_xw_attr(x.w, "title", latest->title);
	sd_xw_attr(x.w, "kind", sd_corpus_line_kind(sb->rel, sb->nrel));
	sd_xw_attr(x.w, "latest", sb->rel[sb->nrel - 1].label);
	sd_xw_attr(x.w, "date", sb->rel[sb->nrel - 1].date);
	sd_xw_elem(x.w, "description", latest->description);
	for (size_t i = 0; i < sb->nsiblings; i++) {
		const struct site_bench *o2 = &o->s->v[sb->siblings[i]];

		sd_xw_start(x.w, "sibling");
		sd_xw_attr(x.w, "slug", o2->slug);
		sd_xw_attr(x.w, "kind", sd_corpus_line_kind(o2->rel, o2->nrel));
		sd_xw_attr(x.w, "latest", o2->rel[o2->nrel - 1].label);
		sd_xw_text(x.w, o2->rel[o2->nrel - 1].title);
		sd_xw_end(x.w);
	}
	for (size_t i = sb->nrel; i-- > 0;) {
		sd_xw_start(x.w, "release");
		sd_xw_attr(x.w, "label", sb->rel[i].label);
		sd_xw_attr(x.w, "date", sb->rel[i].date);
		sd_site_attr_num(x.w, "rules", sb->rel[i].nrules);
		sd_xw_attr(x.w, "summary", release_summary(&sb->rel[i]));
		if (i > 0)
			sd_xw_attr(x.w, "prev", sb->rel[i - 1].label);
		if (sb->rel[i].draft)
			sd_xw_attr(x.w, "draft", "yes");
		if (i > 0 && strcmp(sb->rel[i - 1].bench_id, sb->rel[i].bench_id))
			sd_xw_attr(x.w, "published-as", sb->rel[i].bench_id);
		sd_xw_end(x.w);
	}
	for (size_t i = 0; i < sb->npages; i++) {
		const struct site_page *p = &sb->pages[i];
		const struct sd_rule *r = sd_site_page_rule(sb, p);

		sd_xw_start(x.w, p->rel == sb->nrel - 1 ? "rule" : "removed");
		sd_xw_attr(x.w, "page", p->name);
		sd_xw_attr(x.w, "vuln", r->vuln_id);
		sd_xw_attr(x.w, "stig", r->stig_id);
		sd_xw_attr(x.w, "severity", r->severity
				? sd_severity_name(r->severity) : "unknown");
		sd_xw_attr(x.w, "srg", r->srg);
		sd_xw_attr(x.w, "last", sb->rel[p->rel].label);
		sd_xw_text(x.w, r->title ? r->title : "");
		sd_xw_end(x.w);
	}
	sd_buf_addf(&rel, "stig/%s/index.html", sb->slug);
	err = sd_site_px_finish(o, &x, sb->slug, rel.ptr);
	if (!err)
		err = twin_bench(o, sb);
	sd_buf_release(&rel);
	return err;
}

static int render_bench(struct site_run *o, struct site_bench *sb)
{
	int err;

	if ((err = sd_site_bench_history(sb)) < 0)
		goto done;
	if ((err = bench_index(o, sb)) < 0 || (err = compare_pages(o, sb)) < 0)
		goto done;
	for (size_t i = 0; i < sb->npages && !err; i++)
		err = rule_page(o, sb, &sb->pages[i]);
done:
	/* Histories are the bulk of memory: one benchmark's at a time. */
	sd_site_bench_history_free(sb);
	return err;
}

/* What every page depends on: the version, the base URL, the CCI list,
 * lineage or not, and the stylesheets' text. */
static int settings_line(const struct sd_site *s, struct sd_buf *out)
{
	static const char *const styles[] = { "site.xsl", "notes-html.xsl",
					      "digest-html.xsl" };
	unsigned long long h = SD_SITE_DIGEST_INIT;
	struct sd_buf text = SD_BUF_INIT;
	int err = 0;

	for (size_t i = 0; i < SD_ARRAY_SIZE(styles) && !err; i++) {
		sd_buf_reset(&text);
		if ((err = sd_render_source(styles[i], &text)) == 0)
			h = sd_site_digest(h, text.ptr);
	}
	sd_buf_addf(out, "settings %s %s cci=%s style=%016llx%s", SD_VERSION,
		    s->base_url ? s->base_url : "-", sd_site_rmf_version(s), h,
		    s->lineage ? "" : " no-lineage");
	sd_buf_release(&text);
	return err;
}

/* ---- Home, search page, assets ---- */

static int rec_cmp(const void *a, const void *b)
{
	const struct sd_corpus_release *x = *(const struct sd_corpus_release *const *)a;
	const struct sd_corpus_release *y = *(const struct sd_corpus_release *const *)b;
	int c = sd_strcmp_null(y->date, x->date);

	return c ? c : strcmp(x->label, y->label);
}

static void home_bench(struct sd_xw *w, const struct site_bench *sb)
{
	sd_xw_start(w, "bench");
	sd_xw_attr(w, "slug", sb->slug);
	sd_xw_attr(w, "kind", sd_corpus_line_kind(sb->rel, sb->nrel));
	sd_xw_attr(w, "latest", sb->rel[sb->nrel - 1].label);
	sd_xw_attr(w, "date", sb->rel[sb->nrel - 1].date);
	sd_site_attr_num(w, "releases", sb->nrel);
	sd_site_attr_num(w, "rules", sb->nrules);
	sd_site_attr_num(w, "high", sb->sev[SD_SEV_HIGH]);
	sd_site_attr_num(w, "medium", sb->sev[SD_SEV_MEDIUM]);
	sd_site_attr_num(w, "low", sb->sev[SD_SEV_LOW]);
	sd_xw_text(w, sb->title ? sb->title : sb->slug);
	sd_xw_end(w);
}

static int family_cmp(const void *a, const void *b)
{
	const struct site_bench *x = *(const struct site_bench *const *)a;
	const struct site_bench *y = *(const struct site_bench *const *)b;
	int c = strcasecmp(x->family, y->family);

	if (!c)
		c = sd_strcmp_null(x->title, y->title);
	return c ? c : strcmp(x->slug, y->slug);
}

/*
 * The home page: the releases of the latest compilation (the newest
 * quarter holding a release, site_digest.c) linked to their compare
 * pages and to the quarter's digest, then every benchmark grouped by
 * product family.
 */
static int home(struct site_run *o)
{
	struct sd_site *s = o->s;
	struct rec { const struct sd_corpus_release *r; size_t bench, k; } *rec = NULL;
	const struct site_bench **fam = NULL;
	size_t nrec = 0, cap = 0, nfam = 0;
	char latest[8] = "", q[8];
	struct site_px x;

	fam = sd_xcalloc(s->n + 1, sizeof(*fam));
	for (size_t i = 0; i < s->n; i++)
		for (size_t k = 0; k < s->v[i].nrel; k++)
			if (sd_site_quarter(s->v[i].rel[k].date, q) &&
			    strcmp(q, latest) > 0)
				memcpy(latest, q, sizeof(q));
	sd_site_px_open(o, &x, "home", "");
	if (*latest) {
		sd_xw_attr(x.w, "quarter", latest);
		for (size_t i = 0; i < s->n; i++)
			for (size_t k = 0; k < s->v[i].nrel; k++)
				if (sd_site_quarter(s->v[i].rel[k].date, q) &&
				    !strcmp(q, latest)) {
					SD_ALLOC_GROW(rec, nrec, cap);
					rec[nrec].r = &s->v[i].rel[k];
					rec[nrec].bench = i;
					rec[nrec++].k = k;
				}
	}
	/* Newest first: rec_cmp compares the releases the records point to. */
	for (size_t i = 1; i < nrec; i++)
		for (size_t j = i; j > 0 && rec_cmp(&rec[j - 1].r, &rec[j].r) > 0; j--) {
			struct rec t = rec[j];

			rec[j] = rec[j - 1];
			rec[j - 1] = t;
		}
	for (size_t i = 0; i < nrec; i++) {
		const struct site_bench *sb = &s->v[rec[i].bench];
		size_t k = rec[i].k;

		sd_xw_start(x.w, "recent");
		sd_xw_attr(x.w, "slug", sb->slug);
		sd_xw_attr(x.w, "label", rec[i].r->label);
		sd_xw_attr(x.w, "date", rec[i].r->date);
		if (k > 0)
			sd_xw_attr(x.w, "prev", sb->rel[k - 1].label);
		sd_xw_attr(x.w, "summary", release_summary(rec[i].r));
		sd_xw_text(x.w, sb->title);
		sd_xw_end(x.w);
	}
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].nrel)
			fam[nfam++] = &s->v[i];
	qsort(fam, nfam, sizeof(*fam), family_cmp);
	for (size_t i = 0; i < nfam; i++) {
		if (!i || strcasecmp(fam[i]->family, fam[i - 1]->family)) {
			if (i)
				sd_xw_end(x.w);
			sd_xw_start(x.w, "family");
			sd_xw_attr(x.w, "name", fam[i]->family);
		}
		home_bench(x.w, fam[i]);
	}
	if (nfam)
		sd_xw_end(x.w);
	free(rec);
	free(fam);
	return sd_site_px_finish(o, &x, "-", "index.html");
}

static int assets(struct site_run *o)
{
	static const char *const names[] = { "site.css", "search.js",
					     "compare.js", "filter.js",
					     "favicon.svg" };
	struct sd_buf rel = SD_BUF_INIT;
	int err = 0;

	for (size_t i = 0; i < SD_ARRAY_SIZE(names) && !err; i++) {
		const char *text = sd_render_asset(names[i]);

		if (!text)
			return sd_error_set(SD_ENOTFOUND, "no asset '%s'",
					    names[i]);
		sd_buf_reset(&rel);
		sd_buf_addf(&rel, "assets/%s", names[i]);
		err = sd_site_write_out(o, "-", rel.ptr, text, strlen(text));
	}
	sd_buf_release(&rel);
	return err;
}

/* ---- The whole site ---- */

/*
 * Benchmark `sb` (s->v[i]): open it, render it unless the manifest
 * says it is as the previous run rendered it, make the digest pages'
 * sections comparing its releases, index its pages for the search, and
 * close it. Its files' lines go to the manifest in `part`.
 */
static int bench_one(struct site_run *o, size_t i, struct sd_buf *part)
{
	struct site_bench *sb = &o->s->v[i];
	struct sd_buf keep = o->manifest;
	int err;

	if ((err = sd_site_bench_open(o->s, i)) < 0)
		return err;
	o->manifest = *part;
	sd_buf_addf(&o->manifest, "bench %s %s %s\n", sb->slug, sb->head,
		    sb->lineage_hash);
	if (sd_site_unchanged_bench(o, sb)) {
		sd_site_keep_files(o, sb->slug);
		o->st->skipped++;
	} else {
		o->st->rendered++;
		err = render_bench(o, sb);
	}
	*part = o->manifest;
	o->manifest = keep;
	if (!err)
		err = sd_site_digest_sections(o, sb);
	if (!err)
		sd_site_search_add(o, sb);
	sd_site_bench_close(o->s, i);
	return err;
}

/*
 * Every benchmark, one at a time: memory holds one benchmark's releases
 * and pages, and of the others what the site's own pages need (site.h).
 * They go in the search's order, newest first, so that its docs are
 * numbered as they are indexed; the manifest keeps slug order.
 */
static int bench_pass(struct site_run *o)
{
	struct sd_site *s = o->s;
	struct sd_buf *parts = sd_xcalloc(s->n + 1, sizeof(*parts));
	size_t n = 0;
	struct site_bench **order = sd_site_search_order(s, &n);
	int err = 0;

	for (size_t i = 0; i < s->n; i++)
		sd_buf_init(&parts[i]);
	for (size_t k = 0; k < n && !err; k++) {
		size_t i = (size_t)(order[k] - s->v);

		sd_tick("site: writing", k, n, "lines");
		err = bench_one(o, i, &parts[i]);
	}
	/* Also after a failure: a first run's manifest names what it
	 * wrote (sd_site_manifest_incomplete()). */
	for (size_t i = 0; i < s->n; i++) {
		sd_buf_add(&o->manifest, parts[i].ptr, parts[i].len);
		sd_buf_release(&parts[i]);
	}
	free(parts);
	free(order);
	return err;
}

int sd_site_write(struct sd_site *s, const char *dir, int force,
		  struct sd_site_stats *st)
{
	struct site_run o;
	struct sd_buf settings = SD_BUF_INIT, path = SD_BUF_INIT;
	int err, have;

	memset(&o, 0, sizeof(o));
	memset(st, 0, sizeof(*st));
	o.s = s;
	o.dir = dir;
	o.st = st;
	sd_buf_init(&o.manifest);
	sd_buf_init(&o.made);
	if ((have = sd_site_manifest_read(dir, &o.old)) < 0 && !force) {
		err = have;
		goto done;
	}
	sd_error_clear();
	if ((err = sd_mkdirs(dir)) < 0)
		goto done;
	/* What a killed run left half-written goes first. */
	sd_sweep_temporaries(dir, NULL, 1);
	sd_buf_addf(&path, "%s/" SD_SITE_MANIFEST, dir);
	/* A new site is one from its first file: a run that fails or is
	 * killed leaves a directory the next run completes, not one it
	 * refuses as "not a stigdiff site". */
	if (have <= 0 && (err = sd_write_file(path.ptr, SD_SITE_MANIFEST_MAGIC "\n"
					  SD_SITE_INCOMPLETE "\n",
					  strlen(SD_SITE_MANIFEST_MAGIC SD_SITE_INCOMPLETE) + 2,
					  1)) < 0)
		goto done;
	if ((err = settings_line(s, &settings)) < 0)
		goto done;
	/* Other settings (version, base URL, stylesheets...) change every
	 * page: nothing of the previous run is kept. */
	if (force || !o.old.settings || strcmp(o.old.settings, settings.ptr)) {
		sd_strv_release(&o.old.benches);
		free(o.old.by_path);
		o.old.by_path = NULL;
	}
	sd_buf_addf(&o.manifest, SD_SITE_MANIFEST_MAGIC "\n%s\n", settings.ptr);
	if ((err = sd_site_digest_plan(&o)) == 0)
		err = bench_pass(&o);
	if (!err)
		err = home(&o);
	if (!err)
		err = sd_site_digest_pages(&o);
	if (!err)
		err = sd_site_rmf_pages(&o);
	if (!err)
		err = sd_site_search_page(&o);
	if (!err)
		err = sd_site_search_index(&o);
	if (!err)
		err = assets(&o);
	if (!err)
		err = sd_site_remove_stale(&o);
	/* The manifest last: a run that failed half-way leaves the old one,
	 * and the next run renders what it names as changed again. */
	if (!err)
		err = sd_write_file(path.ptr, o.manifest.ptr, o.manifest.len, 1);
	else if (have <= 0 && path.len)
		sd_site_manifest_incomplete(&o, path.ptr);
done:
	sd_render_cache_clear();
	sd_site_search_free(&o);
	sd_site_digest_free(&o);
	sd_site_manifest_release(&o.old);
	sd_buf_release(&o.manifest);
	sd_buf_release(&o.made);
	sd_buf_release(&settings);
	sd_buf_release(&path);
	return err;
}
