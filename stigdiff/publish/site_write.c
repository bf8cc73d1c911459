/*
 * Writing the site (site.h): C builds one small XML document per page and
 * xslt/site.xsl turns it into HTML5; compare pages are the release notes
 * (xslt/notes-html.xsl). Every file goes through write_out(), which
 * leaves a file whose bytes are already right untouched, writes the others
 * to a temporary name and renames, and records the file in the manifest
 * (DIR/.stigdiff-site) so the next run knows what it may skip or remove.
 * The manifest also records the digest of each page's XML document: a
 * page whose document is the one of the previous run is not rendered.
 */
#include "site_int.h"
#include "error.h"
#include "cci.h"
#include "json.h"
#include "rdf.h"
#include "render.h"
#include "version.h"

#include <errno.h>
#include <stdio.h>
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST ".stigdiff-site"
#define MANIFEST_MAGIC "stigdiff-site 2"
/* The settings line of a run that did not finish: matches no run's. */
#define INCOMPLETE "settings incomplete"

/* The previous run, as its manifest says. */
struct manifest {
	char *settings;        /* base url and version line */
	struct sd_strv benches; /* "<slug> <head> <lineage hash>" */
	struct sd_strv files;   /* "<slug or -> <digest or -> <path>" */
	const char **by_path;   /* files, sorted by path */
};

struct out {
	struct sd_site *s;
	const char *dir;
	struct sd_site_stats *st;
	struct manifest old;
	struct sd_buf manifest; /* the new one */
	struct sd_strv written; /* paths of this run, for stale removal */
	struct sd_buf made;     /* the directory last made sure of */
};

/* ---- Files ---- */

static int mkdirs(const char *path)
{
	struct sd_buf b = SD_BUF_INIT;
	int err = 0;

	sd_buf_addstr(&b, path);
	for (char *p = b.ptr + 1; !err; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(b.ptr, 0777) < 0 && errno != EEXIST)
			err = sd_error_errno(SD_EIO, "cannot create '%s'", b.ptr);
		*p = c;
		if (!c)
			break;
	}
	sd_buf_release(&b);
	return err;
}

/* The path of a manifest file line, past its owner and digest. */
static const char *line_path(const char *line)
{
	const char *p = strchr(line, ' ');

	p = p ? strchr(p + 1, ' ') : NULL;
	return p ? p + 1 : "";
}

/* Name `rel`, from `owner` ("-" for the whole site) and a page document
 * with digest `digest` ("-" for none), as a file of this run. */
static void record(struct out *o, const char *owner, const char *digest,
		   const char *rel)
{
	sd_buf_addf(&o->manifest, "file %s %s %s\n", owner, digest, rel);
	sd_strv_push(&o->written, rel);
}

/*
 * Make `rel` (a path under the site) hold `data`: untouched when it does
 * already, else written whole under a temporary name and renamed.
 */
static int put(struct out *o, const char *owner, const char *digest,
	       const char *rel, const char *data, size_t len)
{
	struct sd_buf path = SD_BUF_INIT;
	char *old = NULL, *slash;
	size_t olen = 0;
	int err = 0;

	sd_buf_addf(&path, "%s/%s", o->dir, rel);
	if (sd_read_file(path.ptr, len + 1, &old, &olen) == 0 &&
	    olen == len && !memcmp(old, data, len)) {
		o->st->unchanged++;
	} else {
		sd_error_clear();
		slash = strrchr(path.ptr, '/');
		*slash = '\0';
		/* Pages come directory by directory: make each once. */
		if (!o->made.len || strcmp(o->made.ptr, path.ptr)) {
			sd_buf_reset(&o->made);
			if ((err = mkdirs(path.ptr)) == 0)
				sd_buf_addstr(&o->made, path.ptr);
		}
		*slash = '/';
		if (!err && (err = sd_write_file(path.ptr, data, len, 1)) == 0)
			o->st->written++;
	}
	record(o, owner, digest, rel);
	free(old);
	sd_buf_release(&path);
	return err;
}

static int write_out(struct out *o, const char *owner, const char *rel,
		     const char *data, size_t len)
{
	return put(o, owner, "-", rel, data, len);
}

/* Write `root` as compact JSON to `rel`, and free it. */
static int write_json(struct out *o, const char *owner, const char *rel,
		      struct sd_json *root)
{
	char *text = sd_json_dumps(root, SD_JSON_COMPACT);
	int err = write_out(o, owner, rel, text, strlen(text));

	free(text);
	sd_json_free(root);
	return err;
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
static int same_page(const struct out *o, const char *rel,
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

/* ---- Page documents ---- */

struct px {
	FILE *fp;
	char *xml;
	size_t len;
	struct sd_xw *w;
};

static void px_open(const struct out *o, struct px *p, const char *root_elem,
		    const char *root)
{
	memset(p, 0, sizeof(*p));
	if (!(p->fp = open_memstream(&p->xml, &p->len)))
		sd_die_oom();
	sd_xw_open(&p->w, p->fp, 0);
	sd_xw_start(p->w, root_elem);
	sd_xw_attr(p->w, "root", root);
	sd_xw_attr(p->w, "version", SD_VERSION);
	if (o->s->cci)
		sd_xw_attr(p->w, "rmf", "yes");
}

/* Finish the document, render it through site.xsl and write it out;
 * a document the previous run rendered to `rel` already is not
 * rendered again. */
static int px_finish(struct out *o, struct px *p, const char *owner,
		     const char *rel)
{
	struct sd_buf html = SD_BUF_INIT;
	char digest[17];
	int err = sd_xw_close(p->w);

	if (fclose(p->fp) != 0 && !err)
		err = sd_error_errno(SD_EIO, "cannot buffer a page");
	if (err)
		goto done;
	snprintf(digest, sizeof(digest), "%016llx",
		 sd_site_digest(SD_SITE_DIGEST_INIT, p->xml));
	if (same_page(o, rel, digest)) {
		record(o, owner, digest, rel);
		o->st->unchanged++;
		goto done;
	}
	err = sd_render_page("site.xsl", p->xml, p->len, NULL, &html);
	if (!err)
		err = put(o, owner, digest, rel, html.ptr, html.len);
done:
	free(p->xml);
	sd_buf_release(&html);
	return err;
}

static void attr_num(struct sd_xw *w, const char *name, size_t n)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu", n);
	sd_xw_attr(w, name, num);
}

/* "<slug> <label> (<date>): <summary>": the summary part. */
static const char *release_summary(const struct sd_corpus_release *rel)
{
	const char *p = rel->subject ? strstr(rel->subject, "): ") : NULL;

	return p ? p + 3 : "";
}

static const struct sd_rule *page_rule(const struct site_bench *sb,
				       const struct site_page *p)
{
	return &sb->b[p->rel]->rules[p->rule];
}

/* ---- History: each rule followed from release to release ---- */

static size_t chain_new(struct site_bench *sb)
{
	SD_ALLOC_GROW(sb->chains, sb->nchains, sb->chains_cap);
	memset(&sb->chains[sb->nchains], 0, sizeof(sb->chains[0]));
	return sb->nchains++;
}

static void chain_push(struct site_chain *ch, size_t rel, size_t pair)
{
	SD_ALLOC_GROW(ch->rows, ch->n, ch->cap);
	ch->rows[ch->n].rel = rel;
	ch->rows[ch->n++].pair = pair;
}

/*
 * Diff each release against the one before (the first against nothing)
 * and give each rule its chain as `corpus log` does: a rule diff pairs
 * with one of the previous release continues that rule's chain.
 */
static int history(struct site_bench *sb)
{
	static struct sd_benchmark empty;
	int err;

	sb->diffs = sd_xcalloc(sb->nrel + 1, sizeof(*sb->diffs));
	sb->chain = sd_xcalloc(sb->nrel + 1, sizeof(*sb->chain));
	for (size_t i = 0; i < sb->nrel; i++) {
		const struct sd_benchmark *prev = i ? sb->b[i - 1] : &empty;
		struct sd_diff *d;

		if ((err = sd_diff_run(prev, sb->b[i], NULL, &sb->diffs[i])) < 0)
			return err;
		d = sb->diffs[i];
		sb->chain[i] = sd_xcalloc(sb->b[i]->nrules + 1, sizeof(size_t));
		for (size_t k = 0; k < d->nrules; k++) {
			const struct sd_diff_rule *dr = &d->rules[k];
			size_t c = dr->old ? sb->chain[i - 1][dr->old - prev->rules]
					   : chain_new(sb);

			if (dr->new)
				sb->chain[i][dr->new - sb->b[i]->rules] = c;
			chain_push(&sb->chains[c], i, k);
		}
	}
	return 0;
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
	rr->rule = page_rule(sb, p);
	rr->slug = sb->slug;
	rr->page = p->name;
	rr->label = sb->rel[p->rel].label;
	rr->links = links;
	rr->nlinks = p->nlinks;
	rr->controls = &p->controls;
}

static int twin_rule(struct out *o, const struct site_bench *sb,
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
	err = write_out(o, sb->slug, rel.ptr, ttl.ptr, ttl.len);
	free(links);
	sd_buf_release(&ttl);
	sd_buf_release(&rel);
	return err;
}

static int twin_bench(struct out *o, const struct site_bench *sb)
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
	err = write_out(o, sb->slug, rel.ptr, ttl.ptr, ttl.len);
	free(labels);
	free(dates);
	sd_buf_release(&ttl);
	sd_buf_release(&rel);
	return err;
}

/* ---- Benchmark pages ---- */

static int rule_page(struct out *o, const struct site_bench *sb,
		     const struct site_page *p)
{
	const struct sd_rule *r = page_rule(sb, p);
	struct sd_buf rel = SD_BUF_INIT;
	struct px x;
	int err;

	px_open(o, &x, "rule", "../../");
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
	err = px_finish(o, &x, sb->slug, rel.ptr);
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
static int compare_page(struct out *o, const struct site_bench *sb,
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
		err = write_out(o, sb->slug, rel.ptr, html, len);
	free(html);
	sd_diff_free(own);
	sd_buf_release(&rel);
	sd_buf_release(&title);
	return err;
}

static struct sd_json *str_or_empty(const char *s)
{
	return sd_json_string_new(s ? s : "");
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
 * compare.json, what compare.js compares any two releases with: the
 * releases, and per rule (a history chain, as the rule pages follow
 * it) its page and, per release, the digest of its text and its rule
 * id, or null where the release does not hold it.
 */
static int compare_data(struct out *o, const struct site_bench *sb)
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
			sd_json_append(v, str_or_empty(ri->rule_id));
			sd_json_append(at, v);
		}
		sd_json_set(r, "page", sd_json_string_new(rel.ptr));
		sd_json_set(r, "stig", str_or_empty(newest->stig_id));
		sd_json_set(r, "title", str_or_empty(newest->title));
		sd_json_set(r, "at", at);
		sd_json_append(rules, r);
		free(page);
	}
	sd_json_set(root, "format", sd_json_string_new("stigdiff-compare"));
	sd_json_set(root, "format-version", sd_json_int_new(1));
	sd_json_set(root, "releases", rels);
	sd_json_set(root, "rules", rules);
	sd_buf_reset(&rel);
	sd_buf_addf(&rel, "stig/%s/compare.json", sb->slug);
	err = write_json(o, sb->slug, rel.ptr, root);
	sd_buf_release(&rel);
	return err;
}

static int pair_wanted(const struct site_bench *sb, size_t a, size_t b)
{
	return a < b && (b == a + 1 || b == sb->nrel - 1);
}

static int compare_pages(struct out *o, const struct site_bench *sb)
{
	struct px x;
	struct sd_buf rel = SD_BUF_INIT;
	int err = 0;

	for (size_t a = 0; a < sb->nrel && !err; a++)
		for (size_t b = a + 1; b < sb->nrel && !err; b++)
			if (pair_wanted(sb, a, b))
				err = compare_page(o, sb, a, b);
	if (err || (err = compare_data(o, sb)) < 0)
		return err;
	px_open(o, &x, "compare", "../../");
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
	err = px_finish(o, &x, sb->slug, rel.ptr);
	sd_buf_release(&rel);
	return err;
}

static int bench_index(struct out *o, const struct site_bench *sb)
{
	const struct sd_benchmark *latest = sb->b[sb->nrel - 1];
	struct sd_buf rel = SD_BUF_INIT;
	struct px x;
	int err;

	px_open(o, &x, "bench", "../../");
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
		attr_num(x.w, "rules", sb->rel[i].nrules);
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
		const struct sd_rule *r = page_rule(sb, p);

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
	err = px_finish(o, &x, sb->slug, rel.ptr);
	if (!err)
		err = twin_bench(o, sb);
	sd_buf_release(&rel);
	return err;
}

/* ---- Search ---- */

/* Words of a text for the search index, as `corpus search` splits them:
 * runs of letters, digits and non-ASCII bytes, lower-cased. */
static void add_words(struct sd_strv *words, const char *t)
{
	char w[65];
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)(t ? t : "");;
	     p++) {
		int in = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			 (*p >= '0' && *p <= '9') || *p >= 0x80;

		if (in) {
			if (n < 64)
				w[n++] = (char)((*p >= 'A' && *p <= 'Z')
							? *p + 32 : *p);
			continue;
		}
		if (n) {
			w[n] = '\0';
			sd_strv_push(words, w);
			n = 0;
		}
		if (!*p)
			break;
	}
}

struct posting {
	const char *word;
	size_t doc;
};

static int posting_cmp(const void *a, const void *b)
{
	const struct posting *x = a, *y = b;
	int c = strcmp(x->word, y->word);

	return c ? c : (x->doc > y->doc) - (x->doc < y->doc);
}

/*
 * stig/<slug>/search.json, benchmark `sb`'s part of the search index:
 * {"docs": [[path, vuln id, STIG id, title, benchmark, severity], ...],
 * "words": [[word, doc, doc...], ...]}, words sorted, from each page's
 * title, discussion, check, fix and ids. A part belongs to its
 * benchmark, so an unchanged benchmark keeps its part.
 */
static int search_part(struct out *o, const struct site_bench *sb)
{
	const char *bench = sb->b[sb->nrel - 1]->title ? sb->b[sb->nrel - 1]->title
						      : sb->slug;
	struct sd_json *root = sd_json_object_new();
	struct sd_json *docs = sd_json_array_new(), *words = sd_json_array_new();
	struct sd_strv all = SD_STRV_INIT;
	struct sd_buf path = SD_BUF_INIT;
	struct posting *post = NULL;
	size_t npost = 0, cap = 0;
	int err;

	for (size_t k = 0; k < sb->npages; k++) {
		const struct sd_rule *r = page_rule(sb, &sb->pages[k]);
		struct sd_json *d = sd_json_array_new();
		struct sd_strv ws = SD_STRV_INIT;
		const char *texts[] = { r->title, r->desc[SD_DESC_DISCUSSION],
					r->check_content, r->fix_text,
					r->vuln_id, r->rule_id,
					r->stig_id, r->group_title };

		sd_buf_reset(&path);
		sd_buf_addf(&path, "stig/%s/%s.html", sb->slug,
			    sb->pages[k].name);
		sd_json_append(d, sd_json_string_new(path.ptr));
		sd_json_append(d, str_or_empty(r->vuln_id));
		sd_json_append(d, str_or_empty(r->stig_id));
		sd_json_append(d, str_or_empty(r->title));
		sd_json_append(d, sd_json_string_new(bench));
		sd_json_append(d, sd_json_string_new(
			r->severity ? sd_severity_name(r->severity) : ""));
		sd_json_append(docs, d);
		for (size_t t = 0; t < SD_ARRAY_SIZE(texts); t++)
			add_words(&ws, texts[t]);
		/* A word once per page: the index lists pages. */
		sd_strv_sort(&ws);
		for (size_t t = 0; t < ws.n; t++) {
			if (t && !strcmp(ws.v[t], ws.v[t - 1]))
				continue;
			sd_strv_push(&all, ws.v[t]);
			SD_ALLOC_GROW(post, npost, cap);
			post[npost].word = NULL;
			post[npost++].doc = k;
		}
		sd_strv_release(&ws);
	}
	/* `all` has stopped growing: point the postings at its strings. */
	for (size_t i = 0; i < npost; i++)
		post[i].word = all.v[i];
	qsort(post, npost, sizeof(*post), posting_cmp);
	for (size_t i = 0; i < npost;) {
		struct sd_json *wl = sd_json_array_new();
		size_t j = i;

		sd_json_append(wl, sd_json_string_new(post[i].word));
		for (; j < npost && !strcmp(post[j].word, post[i].word); j++)
			sd_json_append(wl, sd_json_int_new((long long)post[j].doc));
		sd_json_append(words, wl);
		i = j;
	}
	sd_json_set(root, "format", sd_json_string_new("stigdiff-search-part"));
	sd_json_set(root, "format-version", sd_json_int_new(1));
	sd_json_set(root, "docs", docs);
	sd_json_set(root, "words", words);
	sd_buf_reset(&path);
	sd_buf_addf(&path, "stig/%s/search.json", sb->slug);
	err = write_json(o, sb->slug, path.ptr, root);
	free(post);
	sd_strv_release(&all);
	sd_buf_release(&path);
	return err;
}

static int render_bench(struct out *o, struct site_bench *sb)
{
	int err;

	if ((err = history(sb)) < 0)
		goto done;
	if ((err = bench_index(o, sb)) < 0 || (err = compare_pages(o, sb)) < 0)
		goto done;
	for (size_t i = 0; i < sb->npages && !err; i++)
		err = rule_page(o, sb, &sb->pages[i]);
	if (!err)
		err = search_part(o, sb);
done:
	/* Histories are the bulk of memory: one benchmark's at a time. */
	sd_site_bench_history_free(sb);
	return err;
}

/* ---- Manifest ---- */

static void manifest_release(struct manifest *m)
{
	free(m->settings);
	sd_strv_release(&m->benches);
	sd_strv_release(&m->files);
	free(m->by_path);
	m->by_path = NULL;
}

/* What every page depends on: the version, the base URL, the CCI list,
 * lineage or not, and the stylesheets' text. */
static int settings_line(const struct sd_site *s, struct sd_buf *out)
{
	static const char *const styles[] = { "site.xsl", "notes-html.xsl" };
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

	sd_buf_addf(&path, "%s/" MANIFEST, dir);
	if (access(path.ptr, F_OK) != 0 && (d = opendir(dir))) {
		const struct dirent *e;

		while ((e = readdir(d)) && !rc)
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				rc = sd_error_set(SD_EEXISTS,
						  "'%s' is not a stigdiff site (no %s; "
						  "--force writes into it anyway)",
						  dir, MANIFEST);
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
static int manifest_read(const char *dir, struct manifest *m)
{
	struct sd_buf path = SD_BUF_INIT;
	char *text = NULL, *line, *save = NULL;
	size_t len;
	int rc = 0;

	sd_buf_addf(&path, "%s/" MANIFEST, dir);
	if (sd_read_file(path.ptr, (size_t)256 << 20, &text, &len) < 0) {
		sd_error_clear();
		rc = sd_site_check_dir(dir);
		goto done;
	}
	if (!sd_starts_with(text, MANIFEST_MAGIC "\n"))
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
	struct manifest m;
	int rc;

	memset(&m, 0, sizeof(m));
	rc = manifest_read(dir, &m);
	for (size_t i = 0; i < m.files.n; i++)
		sd_strv_push(files, line_path(m.files.v[i]));
	manifest_release(&m);
	return rc;
}

/* Keep the files of benchmark `slug` the previous run wrote. */
static void keep_files(struct out *o, const char *slug)
{
	size_t n = strlen(slug);

	for (size_t i = 0; i < o->old.files.n; i++) {
		const char *f = o->old.files.v[i];

		if (!strncmp(f, slug, n) && f[n] == ' ') {
			sd_buf_addf(&o->manifest, "file %s\n", f);
			sd_strv_push(&o->written, line_path(f));
			o->st->unchanged++;
		}
	}
}

static int strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is `s` in the sorted vector `sv`? */
static int bsearch_str(const struct sd_strv *sv, const char *s)
{
	return sv->n && bsearch(&s, sv->v, sv->n, sizeof(char *), strp_cmp);
}

/* Remove what the previous run wrote and this one did not. */
static int remove_stale(struct out *o)
{
	struct sd_buf path = SD_BUF_INIT;
	int err = 0;

	sd_strv_sort(&o->written);
	for (size_t i = 0; i < o->old.files.n && !err; i++) {
		const char *rel = line_path(o->old.files.v[i]);

		if (!*rel || bsearch_str(&o->written, rel))
			continue;
		sd_buf_reset(&path);
		sd_buf_addf(&path, "%s/%s", o->dir, rel);
		if (unlink(path.ptr) == 0)
			o->st->removed++;
		else if (errno != ENOENT)
			err = sd_error_errno(SD_EIO, "cannot remove '%s'",
					     path.ptr);
	}
	sd_buf_release(&path);
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
	const struct sd_benchmark *b = sb->b[sb->nrel - 1];
	size_t sev[4] = { 0, 0, 0, 0 };

	for (size_t i = 0; i < b->nrules; i++)
		sev[b->rules[i].severity]++;
	sd_xw_start(w, "bench");
	sd_xw_attr(w, "slug", sb->slug);
	sd_xw_attr(w, "latest", sb->rel[sb->nrel - 1].label);
	sd_xw_attr(w, "date", sb->rel[sb->nrel - 1].date);
	attr_num(w, "releases", sb->nrel);
	attr_num(w, "rules", b->nrules);
	attr_num(w, "high", sev[SD_SEV_HIGH]);
	attr_num(w, "medium", sev[SD_SEV_MEDIUM]);
	attr_num(w, "low", sev[SD_SEV_LOW]);
	sd_xw_text(w, b->title ? b->title : sb->slug);
	sd_xw_end(w);
}

/* The home page: every benchmark, and the ten newest releases. */
static int home(struct out *o)
{
	struct sd_site *s = o->s;
	const struct sd_corpus_release **rec = NULL;
	size_t *owner = NULL, nrec = 0, cap = 0;
	struct px x;

	px_open(o, &x, "home", "");
	for (size_t i = 0; i < s->n; i++) {
		if (!s->v[i].nrel)
			continue;
		home_bench(x.w, &s->v[i]);
		for (size_t k = 0; k < s->v[i].nrel; k++) {
			size_t c0 = cap;

			SD_ALLOC_GROW(rec, nrec, cap);
			if (cap != c0)
				owner = sd_xrealloc(owner, cap * sizeof(*owner));
			rec[nrec++] = &s->v[i].rel[k];
		}
	}
	qsort(rec, nrec, sizeof(*rec), rec_cmp);
	for (size_t i = 0; i < nrec && i < 10; i++) {
		const struct site_bench *sb = NULL;
		size_t k = 0;

		for (size_t j = 0; j < s->n && !sb; j++)
			for (k = 0; k < s->v[j].nrel; k++)
				if (&s->v[j].rel[k] == rec[i]) {
					sb = &s->v[j];
					break;
				}
		sd_xw_start(x.w, "recent");
		sd_xw_attr(x.w, "slug", sb->slug);
		sd_xw_attr(x.w, "label", rec[i]->label);
		sd_xw_attr(x.w, "date", rec[i]->date);
		if (k > 0)
			sd_xw_attr(x.w, "prev", sb->rel[k - 1].label);
		sd_xw_attr(x.w, "summary", release_summary(rec[i]));
		sd_xw_text(x.w, sb->b[sb->nrel - 1]->title);
		sd_xw_end(x.w);
	}
	free(rec);
	free(owner);
	return px_finish(o, &x, "-", "index.html");
}

static int search_page(struct out *o)
{
	struct px x;

	px_open(o, &x, "search", "");
	return px_finish(o, &x, "-", "search.html");
}

static int assets(struct out *o)
{
	static const char *const names[] = { "site.css", "search.js",
					     "compare.js" };
	struct sd_buf rel = SD_BUF_INIT;
	int err = 0;

	for (size_t i = 0; i < SD_ARRAY_SIZE(names) && !err; i++) {
		const char *text = sd_render_asset(names[i]);

		if (!text)
			return sd_error_set(SD_ENOTFOUND, "no asset '%s'",
					    names[i]);
		sd_buf_reset(&rel);
		sd_buf_addf(&rel, "assets/%s", names[i]);
		err = write_out(o, "-", rel.ptr, text, strlen(text));
	}
	sd_buf_release(&rel);
	return err;
}

/* search-index.json: {"format": "stigdiff-search", "format-version": 2,
 * "parts": ["stig/<slug>/search.json", ...]}, every benchmark's part. */
static int search_index(struct out *o)
{
	struct sd_site *s = o->s;
	struct sd_json *root = sd_json_object_new();
	struct sd_json *parts = sd_json_array_new();
	struct sd_buf path = SD_BUF_INIT;

	for (size_t i = 0; i < s->n; i++) {
		if (!s->v[i].nrel)
			continue;
		sd_buf_reset(&path);
		sd_buf_addf(&path, "stig/%s/search.json", s->v[i].slug);
		sd_json_append(parts, sd_json_string_new(path.ptr));
	}
	sd_json_set(root, "format", sd_json_string_new("stigdiff-search"));
	sd_json_set(root, "format-version", sd_json_int_new(2));
	sd_json_set(root, "parts", parts);
	sd_buf_release(&path);
	return write_json(o, "-", "search-index.json", root);
}

/* ---- RMF controls ---- */

static int rmf_control_page(struct out *o, const struct site_impl *v,
			    size_t a, size_t b)
{
	struct sd_site *s = o->s;
	char *file = sd_site_control_file(v[a].control);
	struct sd_buf rel = SD_BUF_INIT;
	struct px x;
	int err;

	px_open(o, &x, "control", "../");
	sd_xw_attr(x.w, "control", v[a].control);
	for (size_t k = a; k < b; k++) {
		const struct site_bench *sb = &s->v[v[k].bench];
		const struct site_page *p = &sb->pages[v[k].page];
		const struct sd_rule *r = page_rule(sb, p);

		sd_xw_start(x.w, "rule");
		sd_xw_attr(x.w, "slug", sb->slug);
		sd_xw_attr(x.w, "page", p->name);
		sd_xw_attr(x.w, "bench", sb->b[sb->nrel - 1]->title);
		sd_xw_attr(x.w, "vuln", r->vuln_id);
		sd_xw_attr(x.w, "stig", r->stig_id);
		sd_xw_attr(x.w, "severity", r->severity
				? sd_severity_name(r->severity) : "unknown");
		if (p->rel != sb->nrel - 1)
			sd_xw_attr(x.w, "last", sb->rel[p->rel].label);
		sd_xw_text(x.w, r->title ? r->title : "");
		sd_xw_end(x.w);
	}
	sd_buf_addf(&rel, "rmf/%s.html", file);
	err = px_finish(o, &x, "-", rel.ptr);
	sd_buf_release(&rel);
	free(file);
	return err;
}

/* rmf/index.html (every control, its family and count of rules) and a
 * page per control; nothing without a CCI list. */
static int rmf_pages(struct out *o)
{
	struct site_impl *v;
	size_t n, a = 0;
	struct px x;
	int err = 0;

	if (!o->s->cci)
		return 0;
	v = sd_site_rmf_collect(o->s, &n);
	px_open(o, &x, "rmf", "../");
	sd_xw_attr(x.w, "cci-version", sd_site_rmf_version(o->s));
	while (a < n && !err) {
		size_t b = a;
		char fam[32], base[32], enh[32];
		char *file = sd_site_control_file(v[a].control);

		while (b < n && !strcmp(v[b].control, v[a].control))
			b++;
		if (sd_cci_control_split(v[a].control, fam, base, enh) < 0)
			snprintf(fam, sizeof(fam), "?");
		sd_xw_start(x.w, "control");
		sd_xw_attr(x.w, "family", fam);
		sd_xw_attr(x.w, "file", file);
		attr_num(x.w, "rules", b - a);
		sd_xw_text(x.w, v[a].control);
		sd_xw_end(x.w);
		free(file);
		err = rmf_control_page(o, v, a, b);
		a = b;
	}
	if (!err)
		err = px_finish(o, &x, "-", "rmf/index.html");
	else
		px_finish(o, &x, "-", "rmf/index.html");
	free(v);
	return err;
}

/* ---- The whole site ---- */

/*
 * A first run that failed: a manifest naming the files it wrote, so the
 * next run may replace or remove them, and settings no run has (it
 * renders everything). On a full disk this may fail too; the manifest
 * written at the start then stays.
 */
static void incomplete_manifest(struct out *o, const char *path)
{
	struct sd_buf m = SD_BUF_INIT;
	const char *p = o->manifest.ptr, *end = p + o->manifest.len;
	char *why = sd_xstrdup(sd_error_last()); /* the error to report */
	int code = sd_error_code();

	sd_buf_addstr(&m, MANIFEST_MAGIC "\n" INCOMPLETE "\n");
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
static int unchanged_bench(const struct out *o, const struct site_bench *sb)
{
	struct sd_buf line = SD_BUF_INIT;
	int same;

	sd_buf_addf(&line, "%s %s %s", sb->slug, sb->head, sb->lineage_hash);
	same = sd_strv_contains(&o->old.benches, line.ptr);
	sd_buf_release(&line);
	return same;
}

int sd_site_write(struct sd_site *s, const char *dir, int force,
		  struct sd_site_stats *st)
{
	struct out o;
	struct sd_buf settings = SD_BUF_INIT, path = SD_BUF_INIT;
	int err, have;

	memset(&o, 0, sizeof(o));
	memset(st, 0, sizeof(*st));
	o.s = s;
	o.dir = dir;
	o.st = st;
	sd_buf_init(&o.manifest);
	sd_buf_init(&o.made);
	if ((have = manifest_read(dir, &o.old)) < 0 && !force) {
		err = have;
		goto done;
	}
	sd_error_clear();
	if ((err = mkdirs(dir)) < 0)
		goto done;
	/* What a killed run left half-written goes first. */
	sd_sweep_temporaries(dir, NULL, 1);
	sd_buf_addf(&path, "%s/" MANIFEST, dir);
	/* A new site is one from its first file: a run that fails or is
	 * killed leaves a directory the next run completes, not one it
	 * refuses as "not a stigdiff site". */
	if (have <= 0 && (err = sd_write_file(path.ptr, MANIFEST_MAGIC "\n"
					  INCOMPLETE "\n",
					  strlen(MANIFEST_MAGIC INCOMPLETE) + 2,
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
	sd_buf_addf(&o.manifest, MANIFEST_MAGIC "\n%s\n", settings.ptr);
	for (size_t i = 0; i < s->n && !err; i++) {
		struct site_bench *sb = &s->v[i];

		sd_tick("site: writing", i, s->n, "lines");
		if (!sb->nrel)
			continue;
		sd_buf_addf(&o.manifest, "bench %s %s %s\n", sb->slug,
			    sb->head, sb->lineage_hash);
		if (unchanged_bench(&o, sb)) {
			keep_files(&o, sb->slug);
			st->skipped++;
			continue;
		}
		st->rendered++;
		err = render_bench(&o, sb);
	}
	if (!err)
		err = home(&o);
	if (!err)
		err = rmf_pages(&o);
	if (!err)
		err = search_page(&o);
	if (!err)
		err = search_index(&o);
	if (!err)
		err = assets(&o);
	if (!err)
		err = remove_stale(&o);
	/* The manifest last: a run that failed half-way leaves the old one,
	 * and the next run renders what it names as changed again. */
	if (!err)
		err = sd_write_file(path.ptr, o.manifest.ptr, o.manifest.len, 1);
	else if (have <= 0 && path.len)
		incomplete_manifest(&o, path.ptr);
done:
	sd_render_cache_clear();
	manifest_release(&o.old);
	sd_buf_release(&o.manifest);
	sd_buf_release(&o.made);
	sd_strv_release(&o.written);
	sd_buf_release(&settings);
	sd_buf_release(&path);
	return err;
}
