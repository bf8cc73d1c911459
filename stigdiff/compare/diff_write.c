/*
 * The writers of diff.h: text for people, JSON for programs, XML (the
 * input of xslt/notes-*.xsl) and CSV for spreadsheets. All four say the
 * same things with the same names; README.md documents the JSON schema.
 */
#include "diff.h"
#include "csv.h"
#include "error.h"
#include "json.h"
#include "xmlw.h"

#include <math.h>
#include <string.h>

int sd_diff_format_parse(const char *s)
{
	static const char *names[] = { "text", "json", "xml", "csv", "md",
				       "html" };

	for (size_t i = 0; i < SD_ARRAY_SIZE(names); i++)
		if (!strcmp(names[i], s))
			return (int)i;
	return -1;
}

static int listed(const struct sd_diff_write_opts *wo, enum sd_diff_status s)
{
	return !wo || !wo->only || (wo->only & (1u << s));
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* The rule a report names: the new one, or the old one when removed. */
static const struct sd_rule *shown(const struct sd_diff_rule *dr)
{
	return dr->new ? dr->new : dr->old;
}

static const char *wd_op_name(enum sd_wd_op op)
{
	return op == SD_WD_EQUAL ? "equal" : op == SD_WD_DELETE ? "delete"
								: "insert";
}

static const char *role_name(enum sd_diff_role r)
{
	return r == SD_ROLE_CONTENT    ? "content"
	       : r == SD_ROLE_IDENTITY ? "identity"
				       : "bookkeeping";
}

static const char *kind_name(enum sd_diff_kind k)
{
	return k == SD_KIND_TEXT ? "text" : k == SD_KIND_VALUE ? "value"
							      : "list";
}

static const char *severity_of(const struct sd_rule *r)
{
	if (r->severity != SD_SEV_UNKNOWN)
		return sd_severity_name(r->severity);
	return r->severity_raw;
}

/* "space quotes": the cosmetic kinds of a change, space-separated. */
static void cosmetic_kinds(unsigned bits, struct sd_buf *out)
{
	size_t start = out->len;

	for (unsigned bit = 1; bit <= SD_COSMETIC_LAST; bit <<= 1)
		if (bits & bit)
			sd_buf_addf(out, "%s%s", out->len > start ? " " : "",
				    sd_worddiff_cosmetic_name(bit));
}

static double similarity(const struct sd_diff_change *c)
{
	return round(sd_worddiff_similarity(&c->wd) * 1000.0) / 1000.0;
}

/* ---- Text ---- */

struct text {
	FILE *fp;
	int color;
};

#define RED "\033[31m"
#define GREEN "\033[32m"
#define BOLD "\033[1m"
#define RESET "\033[m"

/* Colors of the text word diff (sd_diff_word_lines). */
void sd_diff_word_lines(const struct sd_worddiff *wd, int color,
			const char *indent, struct sd_buf *out)
{
	struct sd_strv lines = SD_STRV_INIT;
	struct sd_buf cur = SD_BUF_INIT;
	char *flags = NULL;
	size_t fcap = 0;
	int flag = 0;
	long last = -1;

	for (size_t i = 0; i <= wd->nsegs; i++) {
		const struct sd_wd_seg *s = i < wd->nsegs ? &wd->segs[i] : NULL;
		const char *p = s ? s->text : NULL, *end = s ? p + s->len : NULL;

		while (s) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *stop = nl ? nl : end;

			if (stop > p) {
				if (s->op == SD_WD_EQUAL) {
					sd_buf_add(&cur, p, (size_t)(stop - p));
				} else {
					int del = s->op == SD_WD_DELETE;

					sd_buf_addstr(&cur, color ? (del ? RED : GREEN)
								   : (del ? "[-" : "{+"));
					sd_buf_add(&cur, p, (size_t)(stop - p));
					sd_buf_addstr(&cur, color ? RESET
								   : (del ? "-]" : "+}"));
					flag = 1;
				}
			}
			if (!nl)
				break;
			SD_ALLOC_GROW(flags, lines.n, fcap);
			flags[lines.n] = (char)flag;
			sd_strv_push(&lines, cur.ptr);
			sd_buf_reset(&cur);
			flag = 0;
			p = nl + 1;
		}
	}
	SD_ALLOC_GROW(flags, lines.n, fcap);
	flags[lines.n] = (char)flag;
	sd_strv_push(&lines, cur.ptr);
	for (size_t i = 0; i < lines.n; i++) {
		if (!flags[i])
			continue;
		if ((long)i != last + 1)
			sd_buf_addf(out, "%s...\n", indent);
		sd_buf_addf(out, "%s%s\n", indent, lines.v[i]);
		last = (long)i;
	}
	if (last >= 0 && (size_t)last + 1 < lines.n)
		sd_buf_addf(out, "%s...\n", indent);
	sd_buf_release(&cur);
	sd_strv_release(&lines);
	free(flags);
}

static void text_word_diff(struct text *t, const struct sd_worddiff *wd)
{
	struct sd_buf b = SD_BUF_INIT;

	sd_diff_word_lines(wd, t->color, "        ", &b);
	fwrite(b.ptr, 1, b.len, t->fp);
	sd_buf_release(&b);
}

/*
 * "changed    V-1 EX-1 (CAT II): Title", with "old -> new" ids where they
 * differ; without the category and title unless `title`.
 */
static void text_rule_head(struct text *t, const struct sd_diff_rule *dr,
			   int title)
{
	const struct sd_rule *r = shown(dr), *o = dr->old;
	const char *cat = sd_severity_category(r->severity);

	fprintf(t->fp, "%s%-10s%s ", t->color ? BOLD : "",
		sd_diff_status_name(dr->status), t->color ? RESET : "");
	if (o && dr->new && sd_strcmp_null(o->vuln_id, dr->new->vuln_id))
		fprintf(t->fp, "%s -> ", nz(o->vuln_id));
	fprintf(t->fp, "%s", nz(r->vuln_id));
	if (o && dr->new && sd_strcmp_null(o->stig_id, dr->new->stig_id))
		fprintf(t->fp, " %s ->", nz(o->stig_id));
	fprintf(t->fp, " %s", nz(r->stig_id));
	if (!title)
		return;
	if (*cat)
		fprintf(t->fp, " (%s)", cat);
	fprintf(t->fp, ": %s\n", nz(r->title));
}

/* Identifier and bookkeeping changes on one line ("rule-base A -> B,
 * legacy +V-1"); the Vuln ID and STIG ID are in the rule's heading. */
static void text_ids(const struct sd_diff_rule *dr, struct sd_buf *b)
{
	for (size_t i = 0; i < dr->nchanges; i++) {
		const struct sd_diff_change *c = &dr->changes[i];

		if (c->role == SD_ROLE_CONTENT || !strcmp(c->field, "vuln-id") ||
		    !strcmp(c->field, "stig-id"))
			continue;
		sd_buf_addf(b, "%s%s", b->len ? ", " : "", c->field);
		if (c->kind != SD_KIND_LIST) {
			sd_buf_addf(b, " %s -> %s", c->old ? c->old : "(none)",
				    c->new ? c->new : "(none)");
			continue;
		}
		for (size_t k = 0; k < c->added.n; k++)
			sd_buf_addf(b, " +%s", c->added.v[k]);
		for (size_t k = 0; k < c->removed.n; k++)
			sd_buf_addf(b, " -%s", c->removed.v[k]);
	}
}

static void text_rule(struct text *t, const struct sd_diff_rule *dr)
{
	struct sd_buf b = SD_BUF_INIT;
	text_ids(dr, &b);
	if (dr->status == SD_DIFF_REVISED) {
		text_rule_head(t, dr, 0);
		fprintf(t->fp, ": %s\n", b.ptr);
		sd_buf_release(&b);
		return;
	}
	text_rule_head(t, dr, 1);
	if (dr->evidence != SD_PAIR_NONE && dr->evidence != SD_PAIR_VULN_ID)
		fprintf(t->fp, "    paired by %s %s\n",
			sd_diff_evidence_name(dr->evidence),
			nz(dr->evidence_value));
	if (b.len)
		fprintf(t->fp, "    ids: %s\n", b.ptr);
	for (size_t i = 0; i < dr->nchanges; i++) {
		const struct sd_diff_change *c = &dr->changes[i];

		if (c->role != SD_ROLE_CONTENT)
			continue;
		sd_buf_reset(&b);
		sd_diff_change_note(c, &b);
		fprintf(t->fp, "    %s\n", b.ptr);
		if (c->kind == SD_KIND_TEXT)
			text_word_diff(t, &c->wd);
	}
	sd_buf_release(&b);
}

static void text_release_head(const struct sd_benchmark *b, FILE *fp)
{
	char vr[32];

	fprintf(fp, "%s %s", nz(b->id), sd_benchmark_vr(b, vr));
	if (b->date)
		fprintf(fp, " (%s)", b->date);
}

static int is_block(enum sd_diff_status s)
{
	return s == SD_DIFF_CHANGED || s == SD_DIFF_COSMETIC ||
	       s == SD_DIFF_RENUMBERED;
}

static void write_text(const struct sd_diff *d, FILE *fp,
		       const struct sd_diff_write_opts *wo)
{
	struct text t = { fp, wo && wo->color };
	struct sd_buf sum = SD_BUF_INIT;
	int first = 1, prev_block = 0;

	sd_diff_summary(d, &sum);
	text_release_head(d->old, fp);
	fputs(" -> ", fp);
	text_release_head(d->new, fp);
	fprintf(fp, ": %s\n", sum.ptr);
	/*
	 * Differences first, most telling first, then the cosmetic ones and
	 * (when asked for) the unchanged: one line each, or a block with the
	 * word diff set apart by blank lines.
	 */
	for (int s = 0; s < SD_DIFF_NSTATUS; s++) {
		if (!listed(wo, s) ||
		    (s == SD_DIFF_UNCHANGED &&
		     !(wo && (wo->only & (1u << SD_DIFF_UNCHANGED)))))
			continue;
		for (size_t i = 0; i < d->nrules; i++) {
			if ((int)d->rules[i].status != s)
				continue;
			if (first || prev_block || is_block(s))
				fputc('\n', fp);
			first = 0;
			prev_block = is_block(s);
			if (s == SD_DIFF_UNCHANGED)
				text_rule_head(&t, &d->rules[i], 1);
			else
				text_rule(&t, &d->rules[i]);
		}
	}
	sd_buf_release(&sum);
}

/* ---- JSON ---- */

static struct sd_json *json_release(const struct sd_benchmark *b)
{
	struct sd_json *o = sd_json_object_new();
	char vr[32];

	sd_json_set_str(o, "id", b->id);
	sd_json_set_str(o, "title", b->title);
	sd_json_set(o, "version", sd_json_string_new(sd_benchmark_vr(b, vr)));
	sd_json_set(o, "date", sd_json_string_new(b->date));
	sd_json_set(o, "source", sd_json_string_new(b->source));
	sd_json_set_int(o, "rules", (long long)b->nrules);
	return o;
}

static struct sd_json *json_rule_ids(const struct sd_rule *r)
{
	struct sd_json *o;

	if (!r)
		return sd_json_null_new();
	o = sd_json_object_new();
	sd_json_set(o, "vuln-id", sd_json_string_new(r->vuln_id));
	sd_json_set(o, "rule-id", sd_json_string_new(r->rule_id));
	sd_json_set(o, "stig-id", sd_json_string_new(r->stig_id));
	sd_json_set(o, "severity", sd_json_string_new(severity_of(r)));
	sd_json_set(o, "title", sd_json_string_new(r->title));
	return o;
}

static struct sd_json *json_strv(const struct sd_strv *v)
{
	struct sd_json *a = sd_json_array_new();

	for (size_t i = 0; i < v->n; i++)
		sd_json_append(a, sd_json_string_new(v->v[i]));
	return a;
}

static struct sd_json *json_change(const struct sd_diff_change *c)
{
	struct sd_json *o = sd_json_object_new();
	struct sd_buf b = SD_BUF_INIT;

	sd_json_set_str(o, "field", c->field);
	sd_json_set_str(o, "label", c->label);
	sd_json_set_str(o, "kind", kind_name(c->kind));
	sd_json_set_str(o, "role", role_name(c->role));
	sd_diff_change_note(c, &b);
	sd_json_set_str(o, "note", b.ptr);
	sd_buf_release(&b);
	if (c->kind == SD_KIND_LIST) {
		sd_json_set(o, "old", json_strv(&c->old_list));
		sd_json_set(o, "new", json_strv(&c->new_list));
		sd_json_set(o, "removed", json_strv(&c->removed));
		sd_json_set(o, "added", json_strv(&c->added));
		if (c->nist_rev) {
			struct sd_json *ctl = sd_json_object_new();

			sd_json_set_str(ctl, "revision", c->nist_rev);
			sd_json_set(ctl, "old", json_strv(&c->old_controls));
			sd_json_set(ctl, "new", json_strv(&c->new_controls));
			sd_json_set(ctl, "removed",
				    json_strv(&c->controls_removed));
			sd_json_set(ctl, "added", json_strv(&c->controls_added));
			sd_json_set(o, "controls", ctl);
		}
		return o;
	}
	sd_json_set(o, "old", sd_json_string_new(c->old));
	sd_json_set(o, "new", sd_json_string_new(c->new));
	if (c->kind == SD_KIND_TEXT) {
		struct sd_json *cos = sd_json_array_new(), *diff;

		for (unsigned bit = 1; bit <= SD_COSMETIC_LAST; bit <<= 1)
			if (c->cosmetic & bit)
				sd_json_append(cos, sd_json_string_new(
							    sd_worddiff_cosmetic_name(bit)));
		sd_json_set(o, "cosmetic", cos);
		sd_json_set(o, "similarity", sd_json_real_new(similarity(c)));
		diff = sd_json_array_new();
		for (size_t i = 0; i < c->wd.nsegs; i++) {
			const struct sd_wd_seg *s = &c->wd.segs[i];
			struct sd_json *seg = sd_json_object_new();
			char *text = sd_xstrndup(s->text, s->len);

			sd_json_set_str(seg, "op", wd_op_name(s->op));
			sd_json_set_str(seg, "text", text);
			free(text);
			sd_json_append(diff, seg);
		}
		sd_json_set(o, "diff", diff);
	}
	return o;
}

static struct sd_json *json_rule(const struct sd_diff_rule *dr)
{
	struct sd_json *o = sd_json_object_new(), *ch = sd_json_array_new();

	sd_json_set_str(o, "status", sd_diff_status_name(dr->status));
	sd_json_set(o, "old", json_rule_ids(dr->old));
	sd_json_set(o, "new", json_rule_ids(dr->new));
	sd_json_set(o, "evidence",
		    sd_json_string_new(dr->evidence ? sd_diff_evidence_name(
							      dr->evidence)
						    : NULL));
	sd_json_set(o, "evidence-value",
		    sd_json_string_new(dr->evidence_value));
	for (size_t i = 0; i < dr->nchanges; i++)
		sd_json_append(ch, json_change(&dr->changes[i]));
	sd_json_set(o, "changes", ch);
	return o;
}

struct sd_json *sd_diff_json(const struct sd_diff *d,
			     const struct sd_diff_write_opts *wo)
{
	struct sd_json *o = sd_json_object_new(), *counts, *rules;
	struct sd_diff_counts c;
	struct sd_buf sum = SD_BUF_INIT;

	sd_json_set_str(o, "format", "stigdiff-diff");
	sd_json_set_int(o, "format-version", SD_DIFF_FORMAT_VERSION);
	sd_json_set(o, "old", json_release(d->old));
	sd_json_set(o, "new", json_release(d->new));
	sd_json_set(o, "strict", sd_json_bool_new(d->strict));
	sd_json_set(o, "fields", json_strv(&d->fields));
	sd_diff_counts(d, &c);
	counts = sd_json_object_new();
	for (int s = 0; s < SD_DIFF_NSTATUS; s++)
		sd_json_set_int(counts, sd_diff_status_name(s),
				(long long)sd_diff_count(&c, s));
	sd_json_set(o, "counts", counts);
	sd_diff_summary(d, &sum);
	sd_json_set_str(o, "summary", sum.ptr);
	sd_buf_release(&sum);
	rules = sd_json_array_new();
	for (size_t i = 0; i < d->nrules; i++)
		if (listed(wo, d->rules[i].status))
			sd_json_append(rules, json_rule(&d->rules[i]));
	sd_json_set(o, "rules", rules);
	return o;
}

/* ---- XML ---- */

static void xml_release(struct sd_xw *w, const char *name,
			const struct sd_benchmark *b)
{
	char vr[32], n[32];

	snprintf(n, sizeof(n), "%zu", b->nrules);
	sd_xw_start(w, name);
	sd_xw_attr(w, "id", b->id);
	sd_xw_attr(w, "version", sd_benchmark_vr(b, vr));
	sd_xw_attr(w, "date", b->date);
	sd_xw_attr(w, "rules", n);
	sd_xw_elem(w, "title", b->title);
	sd_xw_elem(w, "source", b->source);
	sd_xw_end(w);
}

static void xml_rule_ids(struct sd_xw *w, const char *name,
			 const struct sd_rule *r)
{
	static const char *rank[] = { "4", "3", "2", "1" };

	if (!r)
		return;
	sd_xw_start(w, name);
	sd_xw_attr(w, "vuln-id", r->vuln_id);
	sd_xw_attr(w, "rule-id", r->rule_id);
	sd_xw_attr(w, "stig-id", r->stig_id);
	sd_xw_attr(w, "severity", severity_of(r));
	if (r->severity != SD_SEV_UNKNOWN)
		sd_xw_attr(w, "category", sd_severity_category(r->severity));
	/* CAT I first when sorting: 1 high, 2 medium, 3 low, 4 unknown. */
	sd_xw_attr(w, "rank", rank[r->severity <= SD_SEV_HIGH ? r->severity : 0]);
	sd_xw_elem(w, "title", r->title);
	sd_xw_end(w);
}

static void xml_items(struct sd_xw *w, const char *name,
		      const struct sd_strv *v)
{
	sd_xw_start(w, name);
	for (size_t i = 0; i < v->n; i++)
		sd_xw_elem(w, "item", v->v[i]);
	sd_xw_end(w);
}

static void xml_change(struct sd_xw *w, const struct sd_diff_change *c,
		       int word_diff)
{
	struct sd_buf b = SD_BUF_INIT;

	sd_xw_start(w, "change");
	sd_xw_attr(w, "field", c->field);
	sd_xw_attr(w, "label", c->label);
	sd_xw_attr(w, "kind", kind_name(c->kind));
	sd_xw_attr(w, "role", role_name(c->role));
	if (c->cosmetic) {
		cosmetic_kinds(c->cosmetic, &b);
		sd_xw_attr(w, "cosmetic", b.ptr);
		sd_buf_reset(&b);
	}
	if (!strcmp(c->field, "severity") && c->severity_dir)
		sd_xw_attr(w, "direction",
			   c->severity_dir > 0 ? "raised" : "lowered");
	if (c->kind == SD_KIND_TEXT) {
		sd_buf_addf(&b, "%.3f", similarity(c));
		sd_xw_attr(w, "similarity", b.ptr);
		sd_buf_reset(&b);
	}
	sd_diff_change_note(c, &b);
	sd_xw_elem(w, "note", b.ptr);
	sd_buf_release(&b);
	if (c->kind == SD_KIND_LIST) {
		xml_items(w, "old", &c->old_list);
		xml_items(w, "new", &c->new_list);
		xml_items(w, "removed", &c->removed);
		xml_items(w, "added", &c->added);
		if (c->nist_rev) {
			sd_xw_start(w, "controls");
			sd_xw_attr(w, "revision", c->nist_rev);
			xml_items(w, "old", &c->old_controls);
			xml_items(w, "new", &c->new_controls);
			xml_items(w, "removed", &c->controls_removed);
			xml_items(w, "added", &c->controls_added);
			sd_xw_end(w);
		}
		sd_xw_end(w);
		return;
	}
	sd_xw_elem(w, "old", c->old);
	sd_xw_elem(w, "new", c->new);
	if (c->kind == SD_KIND_TEXT && word_diff) {
		sd_xw_start(w, "diff");
		for (size_t i = 0; i < c->wd.nsegs; i++) {
			const struct sd_wd_seg *s = &c->wd.segs[i];
			char *text = sd_xstrndup(s->text, s->len);

			sd_xw_elem(w, s->op == SD_WD_EQUAL	  ? "eq"
				      : s->op == SD_WD_DELETE ? "del"
							      : "ins",
				   text);
			free(text);
		}
		sd_xw_end(w);
	}
	sd_xw_end(w);
}

static void xml_rule(struct sd_xw *w, const struct sd_diff_rule *dr,
		     int word_diff)
{
	sd_xw_start(w, "rule");
	sd_xw_attr(w, "status", sd_diff_status_name(dr->status));
	if (dr->evidence) {
		sd_xw_attr(w, "evidence", sd_diff_evidence_name(dr->evidence));
		sd_xw_attr(w, "evidence-value", dr->evidence_value);
	}
	xml_rule_ids(w, "old", dr->old);
	xml_rule_ids(w, "new", dr->new);
	for (size_t i = 0; i < dr->nchanges; i++)
		xml_change(w, &dr->changes[i], word_diff);
	sd_xw_end(w);
}

void sd_diff_xml(struct sd_xw *w, const struct sd_diff *d,
		 const struct sd_diff_write_opts *wo)
{
	struct sd_diff_counts c;
	struct sd_buf b = SD_BUF_INIT;

	sd_xw_start(w, "diff");
	sd_xw_attr(w, "xmlns", SD_DIFF_NS);
	sd_buf_addf(&b, "%d", SD_DIFF_FORMAT_VERSION);
	sd_xw_attr(w, "format-version", b.ptr);
	sd_xw_attr(w, "strict", d->strict ? "true" : "false");
	xml_release(w, "old", d->old);
	xml_release(w, "new", d->new);
	sd_buf_reset(&b);
	for (size_t i = 0; i < d->fields.n; i++)
		sd_buf_addf(&b, "%s%s", i ? " " : "", d->fields.v[i]);
	sd_xw_elem(w, "fields", b.ptr);
	sd_diff_counts(d, &c);
	sd_xw_start(w, "counts");
	for (int s = 0; s < SD_DIFF_NSTATUS; s++) {
		sd_buf_reset(&b);
		sd_buf_addf(&b, "%zu", sd_diff_count(&c, s));
		sd_xw_attr(w, sd_diff_status_name(s), b.ptr);
	}
	sd_xw_end(w);
	sd_buf_reset(&b);
	sd_diff_summary(d, &b);
	sd_xw_elem(w, "summary", b.ptr);
	sd_buf_release(&b);
	for (size_t i = 0; i < d->nrules; i++)
		if (listed(wo, d->rules[i].status))
			xml_rule(w, &d->rules[i], !wo || !wo->no_word_diff);
	sd_xw_end(w);
}

static int write_xml(const struct sd_diff *d, FILE *fp,
		     const struct sd_diff_write_opts *wo)
{
	struct sd_xw *w;
	int err;

	if ((err = sd_xw_open(&w, fp, 1)) < 0)
		return err;
	sd_diff_xml(w, d, wo);
	return sd_xw_close(w);
}

/* ---- CSV ---- */

static void write_csv(const struct sd_diff *d, FILE *fp,
		      const struct sd_diff_write_opts *wo)
{
	static const char *head[] = {
		"status", "old-vuln-id", "old-rule-id", "old-stig-id",
		"new-vuln-id", "new-rule-id", "new-stig-id", "old-severity",
		"new-severity", "title", "evidence", "evidence-value",
		"changed-fields", "cosmetic-fields", "notes"
	};
	struct sd_buf fields = SD_BUF_INIT, cosm = SD_BUF_INIT,
		      notes = SD_BUF_INIT, line = SD_BUF_INIT;

	for (size_t i = 0; i < SD_ARRAY_SIZE(head); i++)
		sd_csv_field(&line, head[i], i + 1 == SD_ARRAY_SIZE(head));
	fwrite(line.ptr, 1, line.len, fp);
	for (size_t i = 0; i < d->nrules; i++) {
		const struct sd_diff_rule *dr = &d->rules[i];
		const struct sd_rule *o = dr->old, *n = dr->new;

		if (!listed(wo, dr->status))
			continue;
		sd_buf_reset(&fields);
		sd_buf_reset(&cosm);
		sd_buf_reset(&notes);
		for (size_t k = 0; k < dr->nchanges; k++) {
			const struct sd_diff_change *c = &dr->changes[k];
			struct sd_buf *into = c->cosmetic && !d->strict
						      ? &cosm : &fields;

			sd_buf_addf(into, "%s%s", into->len ? " " : "",
				    c->field);
			if (c->role == SD_ROLE_BOOKKEEPING)
				continue;
			if (notes.len)
				sd_buf_addstr(&notes, "; ");
			sd_diff_change_note(c, &notes);
		}
		sd_buf_reset(&line);
		sd_csv_field(&line, sd_diff_status_name(dr->status), 0);
		sd_csv_field(&line, o ? o->vuln_id : NULL, 0);
		sd_csv_field(&line, o ? o->rule_id : NULL, 0);
		sd_csv_field(&line, o ? o->stig_id : NULL, 0);
		sd_csv_field(&line, n ? n->vuln_id : NULL, 0);
		sd_csv_field(&line, n ? n->rule_id : NULL, 0);
		sd_csv_field(&line, n ? n->stig_id : NULL, 0);
		sd_csv_field(&line, o ? severity_of(o) : NULL, 0);
		sd_csv_field(&line, n ? severity_of(n) : NULL, 0);
		sd_csv_field(&line, shown(dr)->title, 0);
		sd_csv_field(&line, sd_diff_evidence_name(dr->evidence), 0);
		sd_csv_field(&line, dr->evidence_value, 0);
		sd_csv_field(&line, fields.ptr, 0);
		sd_csv_field(&line, cosm.ptr, 0);
		sd_csv_field(&line, notes.ptr, 1);
		fwrite(line.ptr, 1, line.len, fp);
	}
	sd_buf_release(&line);
	sd_buf_release(&fields);
	sd_buf_release(&cosm);
	sd_buf_release(&notes);
}

int sd_diff_write(const struct sd_diff *d, FILE *fp, enum sd_diff_format fmt,
		  const struct sd_diff_write_opts *wo)
{
	struct sd_json *j;
	int err = 0;

	switch (fmt) {
	case SD_DIFF_TEXT:
		write_text(d, fp, wo);
		break;
	case SD_DIFF_JSON:
		j = sd_diff_json(d, wo);
		err = sd_json_dump(j, fp, SD_JSON_PRETTY | SD_JSON_SHORT_REALS);
		sd_json_free(j);
		break;
	case SD_DIFF_XML:
		return write_xml(d, fp, wo);
	case SD_DIFF_CSV:
		write_csv(d, fp, wo);
		break;
	default:
		return sd_error_set(SD_EUSAGE,
				    "format needs the release-notes renderer");
	}
	if (err < 0 || ferror(fp))
		return sd_write_failed("diff output");
	return 0;
}

/* ---- One-line summaries and notes (notes, site, corpus log) ---- */

void sd_diff_summary(const struct sd_diff *d, struct sd_buf *out)
{
	struct sd_diff_counts c;
	size_t start = out->len;

	sd_diff_counts(d, &c);
	for (int s = 0; s < SD_DIFF_NSTATUS; s++) {
		size_t n = sd_diff_count(&c, s);

		if (!n || !sd_diff_status_is_change(s))
			continue;
		sd_buf_addf(out, "%s%zu %s", out->len > start ? ", " : "", n,
			    s == SD_DIFF_REVISED ? "revision-only"
						 : sd_diff_status_name(s));
	}
	if (out->len == start)
		sd_buf_addstr(out, "no changes");
}

static void add_list(struct sd_buf *out, const struct sd_strv *v)
{
	for (size_t i = 0; i < v->n; i++)
		sd_buf_addf(out, "%s%s", i ? ", " : "", v->v[i]);
}

static const char *severity_label(const char *sev)
{
	const char *cat = sd_severity_category(sd_severity_parse(sev));

	return *cat ? cat : nz(sev);
}

/* "; NIST SP 800-53 rev 5: added SC-8 (2)", or "; NIST SP 800-53 rev 5
 * controls unchanged (SC-8)": DISA often adds a CCI of a control the
 * rule already had. */
static void controls_note(const struct sd_diff_change *c, struct sd_buf *out)
{
	if (!c->controls_added.n && !c->controls_removed.n) {
		sd_buf_addf(out, "; NIST SP 800-53 rev %s controls unchanged (",
			    c->nist_rev);
		if (c->new_controls.n)
			add_list(out, &c->new_controls);
		else
			sd_buf_addstr(out, "none");
		sd_buf_addch(out, ')');
		return;
	}
	sd_buf_addf(out, "; NIST SP 800-53 rev %s:", c->nist_rev);
	if (c->controls_added.n) {
		sd_buf_addstr(out, " added ");
		add_list(out, &c->controls_added);
	}
	if (c->controls_removed.n) {
		sd_buf_addstr(out, c->controls_added.n ? ", removed " : " removed ");
		add_list(out, &c->controls_removed);
	}
}

void sd_diff_change_note(const struct sd_diff_change *c, struct sd_buf *out)
{
	int had = c->old && *c->old, has = c->new && *c->new;

	if (c->kind == SD_KIND_LIST) {
		sd_buf_addf(out, "%s changed:", c->label);
		if (c->added.n) {
			sd_buf_addstr(out, " added ");
			add_list(out, &c->added);
		}
		if (c->removed.n) {
			sd_buf_addstr(out, c->added.n ? "; removed " : " removed ");
			add_list(out, &c->removed);
		}
		if (c->nist_rev)
			controls_note(c, out);
		return;
	}
	if (!strcmp(c->field, "severity")) {
		sd_buf_addf(out, "Severity %s from %s to %s",
			    c->severity_dir > 0   ? "raised"
			    : c->severity_dir < 0 ? "lowered"
						  : "changed",
			    severity_label(c->old), severity_label(c->new));
		return;
	}
	if (c->kind == SD_KIND_TEXT) {
		if (c->cosmetic) {
			sd_buf_addf(out, "%s: cosmetic changes only (", c->label);
			for (unsigned bit = 1, n = 0; bit <= SD_COSMETIC_LAST;
			     bit <<= 1)
				if (c->cosmetic & bit)
					sd_buf_addf(out, "%s%s", n++ ? ", " : "",
						    sd_worddiff_cosmetic_name(bit));
			sd_buf_addch(out, ')');
		} else {
			sd_buf_addf(out, "%s %s", c->label,
				    !had ? "added" : !has ? "removed" : "changed");
		}
		return;
	}
	if (!had)
		sd_buf_addf(out, "%s set to %s", c->label, c->new);
	else if (!has)
		sd_buf_addf(out, "%s removed (was %s)", c->label, c->old);
	else
		sd_buf_addf(out, "%s changed from %s to %s", c->label, c->old,
			    c->new);
}
