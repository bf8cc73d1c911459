/*
 * The migration report (see migrate.h) as Markdown for people and JSON
 * for machines, and the one-line summary per STIG. Both documents list
 * every decision; every old rule with assessment data that did not land
 * in the new checklist is written out in full (status, override,
 * justification, finding details, comments), so the report alone is
 * enough to redo that work.
 */
#include "migrate.h"
#include "md.h"
#include "buf.h"
#include "error.h"
#include "json.h"
#include "worddiff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- Markdown ---- */

static const char *get(const struct sd_cl_vuln *v, const char *name)
{
	const char *s = sd_cl_vuln_get(v, name);

	return s ? s : "";
}

/* "V-1 EX-1" for an old rule (checklist data) or a new one. */
static void old_label(struct sd_buf *b, const struct sd_mig_row *w)
{
	if (!w->has_old)
		return;
	sd_md_cell(b, get(&w->old, "Vuln_Num"));
	sd_buf_addch(b, ' ');
	sd_md_cell(b, get(&w->old, "Rule_Ver"));
}

static void new_label(struct sd_buf *b, const struct sd_mig_row *w)
{
	if (!w->new_rule)
		return;
	sd_md_cell(b, w->new_rule->vuln_id ? w->new_rule->vuln_id : "");
	sd_buf_addch(b, ' ');
	sd_md_cell(b, w->new_rule->stig_id ? w->new_rule->stig_id : "");
}

/* A status as .ckl spells it (either vocabulary in), else as written. */
static const char *status_name(const char *s)
{
	const char *n;

	if (!s)
		return NULL;
	n = sd_cl_status_name(sd_cl_status_parse(s), SD_CL_CKL);
	return n ? n : s;
}

int sd_mig_row_lost(const struct sd_mig_row *w)
{
	return w->has_old && (w->decision == SD_MIG_DROPPED ||
			      w->decision == SD_MIG_REVIEW ||
			      w->decision == SD_MIG_DUPLICATE);
}

/*
 * Why the assessor must look at a rule again, as reasons separated by
 * "; " appended to `why` (nothing when the rule needs no re-check):
 * its check changed (diff's classifier), its severity was raised, it was
 * split or merged, it is new. Returns the number of reasons.
 */
int sd_mig_row_recheck(const struct sd_mig_row *w, struct sd_buf *why)
{
	int n = 0;

	if (w->decision == SD_MIG_NEW) {
		sd_buf_addstr(why, "new rule");
		return 1;
	}
	if (!w->has_old || !w->new_rule || sd_mig_row_lost(w))
		return 0;
	if (w->check_changed) {
		sd_buf_addstr(why, "check changed");
		n++;
	}
	if (w->decision == SD_MIG_SPLIT || w->decision == SD_MIG_MERGED) {
		sd_buf_addf(why, "%srule %s", n ? "; " : "",
			    w->decision == SD_MIG_SPLIT ? "split" : "merged");
		n++;
	}
	if (w->override_pending) {
		sd_buf_addf(why, "%sseverity override pending: %s",
			    n ? "; " : "", w->override_pending);
		n++;
	}
	{
		enum sd_severity was =
			sd_severity_parse(sd_cl_vuln_get(&w->old, "Severity"));

		if (was != SD_SEV_UNKNOWN &&
		    w->new_rule->severity != SD_SEV_UNKNOWN &&
		    w->new_rule->severity > was) {
			sd_buf_addf(why, "%sseverity raised from %s to %s",
				    n ? "; " : "", sd_severity_category(was),
				    sd_severity_category(w->new_rule->severity));
			n++;
		}
	}
	return n;
}

static size_t recheck_count(const struct sd_mig_stig *s)
{
	struct sd_buf why = SD_BUF_INIT;
	size_t n = 0;

	for (size_t i = 0; i < s->nrows; i++) {
		sd_buf_reset(&why);
		n += sd_mig_row_recheck(&s->rows[i], &why) > 0;
	}
	sd_buf_release(&why);
	return n;
}

/* "Re-check these N rules": each with why, the status change and the
 * word diff of a changed check. */
static void md_recheck(struct sd_buf *b, const struct sd_mig_stig *s)
{
	struct sd_buf why = SD_BUF_INIT;
	size_t n = recheck_count(s);

	sd_buf_addf(b, "### Re-check these %zu rule%s\n\n", n, n == 1 ? "" : "s");
	if (!n)
		sd_buf_addstr(b, "None: every carried status still holds.\n\n");
	for (size_t i = 0; i < s->nrows; i++) {
		const struct sd_mig_row *w = &s->rows[i];
		const char *before = status_name(w->status_before);
		const char *after = status_name(w->status_after);

		sd_buf_reset(&why);
		if (!sd_mig_row_recheck(w, &why))
			continue;
		sd_buf_addstr(b, "- **");
		new_label(b, w);
		sd_buf_addstr(b, "**");
		if (w->has_old) {
			sd_buf_addstr(b, " from ");
			old_label(b, w);
		}
		sd_buf_addf(b, ": %s", why.ptr);
		if (before && after && strcmp(before, after))
			sd_buf_addf(b, "; status %s reset to %s", before, after);
		else if (after)
			sd_buf_addf(b, "; status %s", after);
		if (w->new_rule && w->new_rule->title) {
			sd_buf_addstr(b, ". ");
			sd_md_cell(b, w->new_rule->title);
		}
		sd_buf_addch(b, '\n');
		if (w->check_diff) {
			sd_buf_addf(b, "\n  Check text changed (old text from the %s):\n\n",
				    w->check_source ? w->check_source : "checklist");
			sd_md_fenced(b, w->check_diff);
		}
	}
	sd_buf_addch(b, '\n');
	sd_buf_release(&why);
}

static void md_full(struct sd_buf *b, const struct sd_mig_row *w)
{
	const struct sd_cl_vuln *o = &w->old;
	const char *fd = o->field[SD_CL_FINDING_DETAILS];
	const char *co = o->field[SD_CL_COMMENTS];
	const char *so = o->field[SD_CL_SEVERITY_OVERRIDE];
	const char *sj = o->field[SD_CL_SEVERITY_JUSTIFICATION];

	sd_buf_addf(b, "#### %s (%s, %s): %s\n\n", get(o, "Vuln_Num"),
		    get(o, "Rule_ID"), get(o, "Rule_Ver"),
		    sd_mig_decision_name(w->decision));
	sd_buf_addf(b, "- Title: %s\n", get(o, "Rule_Title"));
	sd_buf_addf(b, "- Severity: %s\n", get(o, "Severity"));
	sd_buf_addf(b, "- Status: %s\n",
		    o->field[SD_CL_STATUS] && *o->field[SD_CL_STATUS]
			    ? o->field[SD_CL_STATUS]
			    : "Not_Reviewed");
	if (!sd_cl_blank(so) || !sd_cl_blank(sj))
		sd_buf_addf(b, "- Severity override: %s; justification: %s\n",
			    so ? so : "", sj ? sj : "");
	if (w->decision == SD_MIG_REVIEW && w->new_rule)
		sd_buf_addf(b,
			    "- Candidate, not carried (--accept-below %.2f would carry it): %s %s, %s match, score %.2f: %s\n",
			    floor(w->score * 100) / 100, /* at most the score */
			    w->new_rule->vuln_id ? w->new_rule->vuln_id : "",
			    w->new_rule->stig_id ? w->new_rule->stig_id : "",
			    w->kind ? w->kind : "", w->score,
			    w->evidence ? w->evidence : "");
	if (w->note)
		sd_buf_addf(b, "- Note: %s\n", w->note);
	sd_buf_addch(b, '\n');
	if (!sd_cl_blank(fd)) {
		sd_buf_addstr(b, "Finding details:\n\n");
		sd_md_fenced(b, fd);
	}
	if (!sd_cl_blank(co)) {
		sd_buf_addstr(b, "Comments:\n\n");
		sd_md_fenced(b, co);
	}
}

static void md_stig(struct sd_buf *b, const struct sd_mig_stig *s)
{
	const char *before, *after;
	size_t full = 0;

	sd_buf_addf(b, "## %s %s -> %s %s\n\n", s->old_id ? s->old_id : "",
		    s->old_vr, s->new_id ? s->new_id : "", s->new_vr);
	if (s->cross_product)
		sd_buf_addstr(b,
			      "Cross-product migration: the benchmark ids differ, so matches rest on\n"
			      "STIG ids, legacy ids and content; read the rules listed for review.\n\n");
	md_recheck(b, s);
	for (size_t i = 0; i < s->nrows; i++)
		full += sd_mig_row_lost(&s->rows[i]) &&
			sd_cl_vuln_has_assessment(&s->rows[i].old);
	if (full) {
		sd_buf_addf(b, "### Could not carry %zu rule%s\n\n", full,
			    full == 1 ? "" : "s");
		for (size_t i = 0; i < s->nrows; i++)
			if (sd_mig_row_lost(&s->rows[i]) &&
			    sd_cl_vuln_has_assessment(&s->rows[i].old))
				md_full(b, &s->rows[i]);
	}
	sd_buf_addstr(b, "### Counts\n\n| decision | rules |\n|---|---:|\n");
	for (int d = 0; d < SD_MIG_NDECISIONS; d++)
		sd_buf_addf(b, "| %s | %zu |\n", sd_mig_decision_name(d),
			    s->count[d]);
	sd_buf_addch(b, '\n');
	if (s->status_reset)
		sd_buf_addf(b,
			    "%zu status%s reset to Not_Reviewed because the check text changed\n"
			    "(--keep-status-on-change keeps them); each rule's COMMENTS record\n"
			    "the old status.\n\n",
			    s->status_reset, s->status_reset == 1 ? " was" : "es were");
	if (s->lost_work)
		sd_buf_addf(b,
			    "%zu old rule%s with assessment data did not land in the new checklist;\n"
			    "%s listed in full under \"Could not carry\".\n\n",
			    s->lost_work, s->lost_work == 1 ? "" : "s",
			    s->lost_work == 1 ? "it is" : "they are");
	sd_buf_addstr(b, "### Rules\n\n"
			 "| decision | old rule | new rule | match | score | status | evidence |\n"
			 "|---|---|---|---|---:|---|---|\n");
	for (size_t i = 0; i < s->nrows; i++) {
		const struct sd_mig_row *w = &s->rows[i];

		sd_buf_addf(b, "| %s | ", sd_mig_decision_name(w->decision));
		old_label(b, w);
		sd_buf_addstr(b, " | ");
		new_label(b, w);
		sd_buf_addstr(b, " | ");
		sd_md_cell(b, w->kind);
		if (w->kind)
			sd_buf_addf(b, " | %.2f | ", w->score);
		else
			sd_buf_addstr(b, " |  | ");
		before = status_name(w->status_before);
		after = status_name(w->status_after);
		if (before && after && strcmp(before, after)) {
			sd_md_cell(b, before);
			sd_buf_addstr(b, " -> ");
		}
		sd_md_cell(b, after ? after : before);
		sd_buf_addstr(b, " | ");
		sd_md_cell(b, w->evidence);
		if (w->note) {
			sd_buf_addstr(b, w->evidence ? "; " : "");
			sd_md_cell(b, w->note);
		}
		sd_buf_addstr(b, " |\n");
	}
	sd_buf_addch(b, '\n');
}

int sd_mig_report_markdown(const struct sd_mig_report *r, FILE *fp)
{
	struct sd_buf b = SD_BUF_INIT;
	int unchanged = 0, err = 0;

	sd_buf_addstr(&b, "# Checklist migration\n\n");
	sd_buf_addf(&b, "- Old checklist: `%s`\n", r->source ? r->source : "");
	if (r->output)
		sd_buf_addf(&b, "- New checklist: `%s`\n\n", r->output);
	else
		sd_buf_addstr(&b, "- New checklist: not written (no -o)\n\n");
	for (size_t i = 0; i < r->nstigs; i++)
		if (r->stigs[i].migrated)
			md_stig(&b, &r->stigs[i]);
		else
			unchanged = 1;
	if (unchanged) {
		sd_buf_addstr(&b, "## STIGs left unchanged\n\n");
		for (size_t i = 0; i < r->nstigs; i++) {
			const struct sd_mig_stig *s = &r->stigs[i];

			if (!s->migrated)
				sd_buf_addf(&b, "- %s %s: %s\n",
					    s->old_id ? s->old_id : "",
					    s->old_vr, s->reason);
		}
		sd_buf_addch(&b, '\n');
	}
	if (b.len && b.ptr[b.len - 1] == '\n' && b.len > 1 &&
	    b.ptr[b.len - 2] == '\n')
		sd_buf_setlen(&b, b.len - 1);
	if (fwrite(b.ptr, 1, b.len, fp) != b.len)
		err = sd_write_failed("the report");
	sd_buf_release(&b);
	return err;
}

/* ---- JSON ---- */

static struct sd_json *old_json(const struct sd_cl_vuln *o)
{
	static const struct {
		const char *key, *name;
	} ids[] = {
		{ "vuln-id", "Vuln_Num" }, { "rule-id", "Rule_ID" },
		{ "stig-id", "Rule_Ver" }, { "title", "Rule_Title" },
		{ "severity", "Severity" },
	};
	static const char *const fields[SD_CL_NFIELDS] = {
		"status", "finding-details", "comments", "severity-override",
		"severity-justification",
	};
	struct sd_json *j = sd_json_object_new();

	for (size_t i = 0; i < SD_ARRAY_SIZE(ids); i++)
		sd_json_set(j, ids[i].key,
			    sd_json_string_new(sd_cl_vuln_get(o, ids[i].name)));
	for (int f = 0; f < SD_CL_NFIELDS; f++)
		sd_json_set(j, fields[f], sd_json_string_new(o->field[f]));
	return j;
}

static struct sd_json *new_json(const struct sd_rule *r)
{
	struct sd_json *j = sd_json_object_new();

	sd_json_set(j, "vuln-id", sd_json_string_new(r->vuln_id));
	sd_json_set(j, "rule-id", sd_json_string_new(r->rule_id));
	sd_json_set(j, "stig-id", sd_json_string_new(r->stig_id));
	sd_json_set(j, "title", sd_json_string_new(r->title));
	sd_json_set_str(j, "severity", sd_severity_name(r->severity));
	return j;
}

static struct sd_json *row_json(const struct sd_mig_row *w)
{
	struct sd_json *j = sd_json_object_new();

	sd_json_set_str(j, "decision", sd_mig_decision_name(w->decision));
	sd_json_set(j, "old", w->has_old ? old_json(&w->old)
					 : sd_json_null_new());
	sd_json_set(j, "new", w->new_rule ? new_json(w->new_rule)
					  : sd_json_null_new());
	if (w->kind) {
		struct sd_json *m = sd_json_object_new();

		sd_json_set_str(m, "kind", w->kind);
		sd_json_set(m, "score", sd_json_real_new(w->score));
		sd_json_set(m, "below-threshold",
			    sd_json_bool_new(w->below_threshold));
		sd_json_set(m, "evidence", sd_json_string_new(w->evidence));
		if (w->conflict)
			sd_json_set_str(m, "declared-conflict", w->conflict);
		sd_json_set(j, "match", m);
	} else {
		sd_json_set(j, "match", sd_json_null_new());
	}
	sd_json_set(j, "check-changed", sd_json_bool_new(w->check_changed));
	if (w->check_source)
		sd_json_set_str(j, "check-source", w->check_source);
	if (w->check_cosmetic) {
		struct sd_json *k = sd_json_array_new();

		for (unsigned bit = 1; bit <= SD_COSMETIC_LAST; bit <<= 1)
			if (w->check_cosmetic & bit)
				sd_json_append(k, sd_json_string_new(
					sd_worddiff_cosmetic_name(bit)));
		sd_json_set(j, "check-cosmetic", k);
	}
	if (w->check_diff)
		sd_json_set_str(j, "check-diff", w->check_diff);
	sd_json_set(j, "status-before",
		    sd_json_string_new(status_name(w->status_before)));
	sd_json_set(j, "status-after",
		    sd_json_string_new(status_name(w->status_after)));
	sd_json_set(j, "carried", sd_json_bool_new(!sd_mig_row_lost(w) && w->has_old));
	sd_json_set(j, "note", sd_json_string_new(w->note));
	return j;
}

/* The re-check list: the rules to look at again, each with why. */
static struct sd_json *recheck_json(const struct sd_mig_stig *s)
{
	struct sd_json *a = sd_json_array_new();
	struct sd_buf why = SD_BUF_INIT;

	for (size_t i = 0; i < s->nrows; i++) {
		const struct sd_mig_row *w = &s->rows[i];
		struct sd_json *j, *reasons;
		const char *p, *q;

		sd_buf_reset(&why);
		if (!sd_mig_row_recheck(w, &why))
			continue;
		j = sd_json_object_new();
		reasons = sd_json_array_new();
		for (p = why.ptr; *p; p = *q ? q + 2 : q) {
			q = strstr(p, "; ");
			if (!q)
				q = p + strlen(p);
			char *one = sd_xstrndup(p, (size_t)(q - p));

			sd_json_append(reasons, sd_json_string_new(one));
			free(one);
		}
		sd_json_set(j, "new-vuln-id", sd_json_string_new(w->new_rule->vuln_id));
		sd_json_set(j, "new-stig-id", sd_json_string_new(w->new_rule->stig_id));
		sd_json_set(j, "old-vuln-id", w->has_old
			    ? sd_json_string_new(sd_cl_vuln_get(&w->old, "Vuln_Num"))
			    : sd_json_null_new());
		sd_json_set(j, "why", reasons);
		sd_json_set(j, "status-after",
			    sd_json_string_new(status_name(w->status_after)));
		sd_json_set(j, "check-diff", sd_json_string_new(w->check_diff));
		sd_json_append(a, j);
	}
	sd_buf_release(&why);
	return a;
}

static struct sd_json *ident_json(const char *id, const char *vr,
				  const char *title)
{
	struct sd_json *j = sd_json_object_new();

	sd_json_set(j, "stig-id", sd_json_string_new(id));
	sd_json_set(j, "version", sd_json_string_new(vr));
	sd_json_set(j, "title", sd_json_string_new(title));
	return j;
}

void sd_mig_stig_counts_json(const struct sd_mig_stig *s, struct sd_json *o)
{
	struct sd_json *counts = sd_json_object_new();

	for (int d = 0; d < SD_MIG_NDECISIONS; d++)
		sd_json_set_int(counts, sd_mig_decision_name(d),
				(long long)s->count[d]);
	sd_json_set(o, "counts", counts);
	sd_json_set_int(o, "status-reset", (long long)s->status_reset);
	sd_json_set_int(o, "not-carried-with-data", (long long)s->lost_work);
}

int sd_mig_report_json(const struct sd_mig_report *r, FILE *fp)
{
	struct sd_json *root = sd_json_object_new();
	struct sd_json *stigs = sd_json_array_new();
	int err;

	sd_json_set_str(root, "format", "stigdiff-migration");
	sd_json_set_int(root, "format-version", 2);
	sd_json_set(root, "source", sd_json_string_new(r->source));
	sd_json_set(root, "output", sd_json_string_new(r->output));
	for (size_t i = 0; i < r->nstigs; i++) {
		const struct sd_mig_stig *s = &r->stigs[i];
		struct sd_json *o = sd_json_object_new();
		struct sd_json *rows = sd_json_array_new();

		sd_json_set(o, "old", ident_json(s->old_id, s->old_vr,
						 s->old_title));
		sd_json_set(o, "new", s->migrated
					      ? ident_json(s->new_id, s->new_vr,
							   s->new_title)
					      : sd_json_null_new());
		sd_json_set(o, "migrated", sd_json_bool_new(s->migrated));
		sd_json_set(o, "cross-product",
			    sd_json_bool_new(s->cross_product));
		sd_json_set(o, "reason", sd_json_string_new(s->reason));
		sd_mig_stig_counts_json(s, o);
		sd_json_set(o, "re-check", recheck_json(s));
		for (size_t k = 0; k < s->nrows; k++)
			sd_json_append(rows, row_json(&s->rows[k]));
		sd_json_set(o, "rules", rows);
		sd_json_append(stigs, o);
	}
	sd_json_set(root, "stigs", stigs);
	err = sd_json_dump(root, fp, SD_JSON_PRETTY | SD_JSON_SHORT_REALS);
	sd_json_free(root);
	return err;
}

void sd_mig_report_summary(const struct sd_mig_report *r, FILE *fp)
{
	for (size_t i = 0; i < r->nstigs; i++) {
		const struct sd_mig_stig *s = &r->stigs[i];

		if (!s->migrated) {
			fprintf(fp, "%s %s: unchanged (%s)\n",
				s->old_id ? s->old_id : "", s->old_vr,
				s->reason);
			continue;
		}
		fprintf(fp, "%s %s -> %s %s:", s->old_id ? s->old_id : "",
			s->old_vr, s->new_id ? s->new_id : "", s->new_vr);
		for (int d = 0; d < SD_MIG_NDECISIONS; d++)
			fprintf(fp, "%s %zu %s", d ? "," : "", s->count[d],
				sd_mig_decision_name(d));
		if (s->lost_work)
			fprintf(fp, "; %zu with assessment not carried (see the report)",
				s->lost_work);
		fputc('\n', fp);
	}
}
