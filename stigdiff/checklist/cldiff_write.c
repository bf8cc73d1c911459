/*
 * The checklist diff (cldiff.h) for people (text, Markdown) and machines
 * (JSON, CSV). Every row is written in each; the counts come first.
 */
#include "cldiff.h"
#include "md.h"
#include "buf.h"
#include "csv.h"
#include "error.h"
#include "json.h"

#include <string.h>

int sd_cldiff_format_parse(const char *s)
{
	static const char *const n[] = { "text", "markdown", "json", "csv" };

	for (int i = 0; s && i < 4; i++)
		if (!strcmp(s, n[i]))
			return i;
	return -1;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static void stig_line(struct sd_buf *b, const struct sd_cldiff *d, size_t si,
		      const char *lead)
{
	const struct sd_cldiff_stig *s = &d->stigs[si];
	size_t c[SD_CLDIFF_NCHANGES] = { 0 };

	for (size_t i = 0; i < d->nrows; i++)
		if (d->rows[i].stig == si)
			c[d->rows[i].change]++;
	sd_buf_addf(b, "%s%s %s -> %s %s: %zu rules on both sides, %zu unchanged",
		    lead, s->old_id ? s->old_id : "(none)", or_empty(s->old_vr),
		    s->new_id ? s->new_id : "(none)", or_empty(s->new_vr),
		    s->paired, s->unchanged);
	for (int k = 0; k < SD_CLDIFF_NCHANGES; k++)
		sd_buf_addf(b, ", %zu %s", c[k], sd_cldiff_change_name(k));
	sd_buf_addch(b, '\n');
}

/* "V-1 EX-1 (SV-1r2_rule)" of one side. */
static void rule_label(struct sd_buf *b, const struct sd_cldiff_rule *r)
{
	sd_buf_addf(b, "%s %s", r->vuln_id ? r->vuln_id : "?",
		    r->stig_id ? r->stig_id : "?");
}

static void text_row(struct sd_buf *b, const struct sd_cldiff_row *r)
{
	sd_buf_addf(b, "  %-12s %-11s ", sd_cldiff_change_name(r->change),
		    sd_cldiff_note_name(r->note));
	rule_label(b, r->has_new ? &r->new : &r->old);
	if (r->has_old && r->has_new && r->renumbered) {
		sd_buf_addstr(b, " (was ");
		rule_label(b, &r->old);
		sd_buf_addf(b, ", %s)", r->match ? r->match : "same-id");
	}
	sd_buf_addf(b, ": %s -> %s\n",
		    r->has_old ? (r->old.status ? r->old.status : "(none)") : "-",
		    r->has_new ? (r->new.status ? r->new.status : "(none)") : "-");
}

static void text(struct sd_buf *b, const struct sd_cldiff *d, int md)
{
	if (md)
		sd_buf_addf(b, "# Checklist diff\n\n`%s` -> `%s`\n\n",
			    or_empty(d->old_source), or_empty(d->new_source));
	else
		sd_buf_addf(b, "%s -> %s\n", or_empty(d->old_source),
			    or_empty(d->new_source));
	sd_buf_addf(b, "%s%zu differences:", md ? "" : "",
		    d->nrows);
	for (int k = 0; k < SD_CLDIFF_NCHANGES; k++)
		sd_buf_addf(b, "%s %zu %s", k ? "," : "", d->count[k],
			    sd_cldiff_change_name(k));
	sd_buf_addf(b, "; moves: %zu re-review, %zu regression, %zu drift\n",
		    d->notes[SD_CLDIFF_REREVIEW], d->notes[SD_CLDIFF_REGRESSION],
		    d->notes[SD_CLDIFF_DRIFT]);
	for (size_t si = 0; si < d->nstigs; si++) {
		sd_buf_addstr(b, md ? "\n## " : "\n");
		stig_line(b, d, si, "");
		if (md)
			sd_buf_addstr(b, "\n| change | annotation | rule | STIG id | was | status before | status after | title |\n"
					 "|---|---|---|---|---|---|---|---|\n");
		for (size_t i = 0; i < d->nrows; i++) {
			const struct sd_cldiff_row *r = &d->rows[i];
			const struct sd_cldiff_rule *x =
				r->has_new ? &r->new : &r->old;

			if (r->stig != si)
				continue;
			if (!md) {
				text_row(b, r);
				continue;
			}
			sd_buf_addf(b, "| %s | %s | ", sd_cldiff_change_name(r->change),
				    sd_cldiff_note_name(r->note));
			sd_md_cell(b, x->vuln_id);
			sd_buf_addstr(b, " | ");
			sd_md_cell(b, x->stig_id);
			sd_buf_addstr(b, " | ");
			if (r->has_old && r->has_new && r->renumbered) {
				sd_md_cell(b, r->old.vuln_id);
				sd_buf_addch(b, ' ');
				sd_md_cell(b, r->match);
			}
			sd_buf_addstr(b, " | ");
			sd_md_cell(b, r->has_old ? r->old.status : "");
			sd_buf_addstr(b, " | ");
			sd_md_cell(b, r->has_new ? r->new.status : "");
			sd_buf_addstr(b, " | ");
			sd_md_cell(b, x->title);
			sd_buf_addstr(b, " |\n");
		}
	}
}

static void set_opt(struct sd_json *o, const char *k, const char *s)
{
	sd_json_set(o, k, s ? sd_json_string_new(s) : sd_json_null_new());
}

static struct sd_json *rule_json(const struct sd_cldiff_rule *r, int has)
{
	struct sd_json *o;

	if (!has)
		return sd_json_null_new();
	o = sd_json_object_new();
	set_opt(o, "vuln-id", r->vuln_id);
	set_opt(o, "rule-id", r->rule_id);
	set_opt(o, "stig-id", r->stig_id);
	set_opt(o, "title", r->title);
	set_opt(o, "severity", r->severity);
	set_opt(o, "status", r->status);
	return o;
}

static int json(const struct sd_cldiff *d, FILE *fp)
{
	struct sd_json *root = sd_json_object_new(), *a, *c;
	int err;

	sd_json_set_str(root, "format", "stigdiff-checklist-diff");
	sd_json_set_int(root, "format-version", 1);
	set_opt(root, "old", d->old_source);
	set_opt(root, "new", d->new_source);
	a = sd_json_array_new();
	for (size_t i = 0; i < d->nstigs; i++) {
		const struct sd_cldiff_stig *s = &d->stigs[i];
		struct sd_json *o = sd_json_object_new();

		set_opt(o, "old-stig-id", s->old_id);
		set_opt(o, "old-version", s->old_vr);
		set_opt(o, "new-stig-id", s->new_id);
		set_opt(o, "new-version", s->new_vr);
		sd_json_set_int(o, "paired", (long long)s->paired);
		sd_json_set_int(o, "unchanged", (long long)s->unchanged);
		sd_json_append(a, o);
	}
	sd_json_set(root, "stigs", a);
	c = sd_json_object_new();
	for (int k = 0; k < SD_CLDIFF_NCHANGES; k++)
		sd_json_set_int(c, sd_cldiff_change_name(k), (long long)d->count[k]);
	for (int k = 1; k < SD_CLDIFF_NNOTES; k++)
		sd_json_set_int(c, sd_cldiff_note_name(k), (long long)d->notes[k]);
	sd_json_set(root, "counts", c);
	a = sd_json_array_new();
	for (size_t i = 0; i < d->nrows; i++) {
		const struct sd_cldiff_row *r = &d->rows[i];
		struct sd_json *o = sd_json_object_new();

		sd_json_set_int(o, "stig", (long long)r->stig);
		sd_json_set_str(o, "change", sd_cldiff_change_name(r->change));
		set_opt(o, "annotation", r->note ? sd_cldiff_note_name(r->note) : NULL);
		sd_json_set(o, "old", rule_json(&r->old, r->has_old));
		sd_json_set(o, "new", rule_json(&r->new, r->has_new));
		sd_json_set(o, "check-changed", sd_json_bool_new(r->check_changed));
		sd_json_set(o, "renumbered", sd_json_bool_new(r->renumbered));
		if (r->match) {
			struct sd_json *m = sd_json_object_new();

			sd_json_set_str(m, "kind", r->match);
			sd_json_set(m, "score", sd_json_real_new(r->score));
			sd_json_set(o, "match", m);
		} else {
			sd_json_set(o, "match", sd_json_null_new());
		}
		sd_json_append(a, o);
	}
	sd_json_set(root, "rows", a);
	err = sd_json_dump(root, fp, SD_JSON_PRETTY | SD_JSON_SHORT_REALS);
	sd_json_free(root);
	return err;
}

static void csv(struct sd_buf *b, const struct sd_cldiff *d)
{
	static const char *const head[] = {
		"stig-id", "change", "annotation", "old-vuln-id", "old-rule-id",
		"old-stig-id", "old-status", "new-vuln-id", "new-rule-id",
		"new-stig-id", "new-status", "check-changed", "match", "severity",
		"title",
	};
	const size_t n = sizeof(head) / sizeof(*head);

	for (size_t k = 0; k < n; k++)
		sd_csv_field(b, head[k], k + 1 == n);
	for (size_t i = 0; i < d->nrows; i++) {
		const struct sd_cldiff_row *r = &d->rows[i];
		const struct sd_cldiff_stig *s = &d->stigs[r->stig];
		const struct sd_cldiff_rule *x = r->has_new ? &r->new : &r->old;

		sd_csv_field(b, s->new_id ? s->new_id : s->old_id, 0);
		sd_csv_field(b, sd_cldiff_change_name(r->change), 0);
		sd_csv_field(b, sd_cldiff_note_name(r->note), 0);
		sd_csv_field(b, r->has_old ? r->old.vuln_id : NULL, 0);
		sd_csv_field(b, r->has_old ? r->old.rule_id : NULL, 0);
		sd_csv_field(b, r->has_old ? r->old.stig_id : NULL, 0);
		sd_csv_field(b, r->has_old ? r->old.status : NULL, 0);
		sd_csv_field(b, r->has_new ? r->new.vuln_id : NULL, 0);
		sd_csv_field(b, r->has_new ? r->new.rule_id : NULL, 0);
		sd_csv_field(b, r->has_new ? r->new.stig_id : NULL, 0);
		sd_csv_field(b, r->has_new ? r->new.status : NULL, 0);
		sd_csv_field(b, r->has_old && r->has_new
					? (r->check_changed ? "yes" : "no") : "", 0);
		sd_csv_field(b, r->match, 0);
		sd_csv_field(b, x->severity, 0);
		sd_csv_field(b, x->title, 1);
	}
}

int sd_cldiff_write(const struct sd_cldiff *d, enum sd_cldiff_format f,
		    FILE *fp)
{
	struct sd_buf b = SD_BUF_INIT;
	int err = 0;

	if (f == SD_CLDIFF_JSON)
		return json(d, fp);
	if (f == SD_CLDIFF_CSV)
		csv(&b, d);
	else
		text(&b, d, f == SD_CLDIFF_MARKDOWN);
	if (b.len && (fwrite(b.ptr, 1, b.len, fp) != b.len || fflush(fp)))
		err = sd_error_errno(SD_EIO, "cannot write the diff");
	sd_buf_release(&b);
	return err;
}
