/*
 * The results report (fill.h) as JSON for machines and Markdown for
 * people, and a one-line summary. Both count every rule result and list
 * each with its decision; a manual review a result replaced
 * (overwritten) or did not replace (kept-manual) is written out in full.
 */
#include "fill.h"
#include "md.h"
#include "buf.h"
#include "error.h"
#include "json.h"

#include <string.h>

static const char *const status_keys[SD_CL_NSTATUS] = {
	"not-reviewed", "open", "not-a-finding", "not-applicable", "other",
};

static void set_opt(struct sd_json *o, const char *key, const char *s)
{
	if (s)
		sd_json_set_str(o, key, s);
	else
		sd_json_set(o, key, sd_json_null_new());
}

static struct sd_json *set_json(const struct sd_test_result *t)
{
	struct sd_json *o = sd_json_object_new();

	sd_json_set_str(o, "source", t->source ? t->source : "");
	set_opt(o, "id", t->id);
	sd_json_set_str(o, "xccdf-version", t->xccdf_version);
	set_opt(o, "tool", t->test_system);
	set_opt(o, "start-time", t->start_time);
	set_opt(o, "end-time", t->end_time);
	set_opt(o, "target", t->target);
	set_opt(o, "target-address", t->target_address);
	set_opt(o, "benchmark", t->benchmark);
	set_opt(o, "profile", t->profile);
	sd_json_set_int(o, "results", (long long)t->nrules);
	return o;
}

static struct sd_json *row_json(const struct sd_res_report *rep,
				const struct sd_res_row *r)
{
	const struct sd_rule_result *rr = &rep->in->v[r->set].rules[r->index];
	struct sd_json *o = sd_json_object_new();

	sd_json_set_int(o, "test-result", (long long)r->set);
	sd_json_set_str(o, "idref", rr->idref);
	sd_json_set_str(o, "rule-id", rr->rule_id);
	sd_json_set_str(o, "result", rr->result ? rr->result : "");
	set_opt(o, "time", rr->time);
	set_opt(o, "message", rr->message);
	sd_json_set_str(o, "decision", sd_res_decision_name(r->decision));
	sd_json_set_str(o, "status", sd_cl_status_name(r->status, SD_CL_CKL));
	set_opt(o, "reason", r->reason);
	if (r->vuln != SD_RES_NONE) {
		struct sd_json *c = sd_json_object_new(),
			       *m = sd_json_object_new();

		sd_json_set_int(c, "stig", (long long)r->stig);
		set_opt(c, "vuln-id", r->vuln_id);
		set_opt(c, "rule-id", r->rule_id);
		set_opt(c, "stig-id", r->stig_id);
		sd_json_set(o, "checklist-rule", c);
		sd_json_set_str(m, "kind", r->kind);
		sd_json_set(m, "score", sd_json_real_new(r->score));
		set_opt(m, "evidence", r->evidence);
		sd_json_set(o, "match", m);
	} else {
		sd_json_set(o, "checklist-rule", sd_json_null_new());
		sd_json_set(o, "match", sd_json_null_new());
	}
	if (r->decision == SD_RES_OVERWRITTEN ||
	    r->decision == SD_RES_KEPT_MANUAL) {
		struct sd_json *p = sd_json_object_new();

		set_opt(p, "status", r->old_status);
		set_opt(p, "finding-details", r->old_details);
		set_opt(p, "comments", r->old_comments);
		sd_json_set(o, "review", p);
	} else {
		sd_json_set(o, "review", sd_json_null_new());
	}
	return o;
}

int sd_res_report_json(const struct sd_res_report *rep, FILE *fp)
{
	struct sd_json *root = sd_json_object_new(), *a, *c, *s;
	int err;

	sd_json_set_str(root, "format", "stigdiff-results");
	sd_json_set_int(root, "format-version", 1);
	set_opt(root, "output", rep->output);
	a = sd_json_array_new();
	for (size_t i = 0; i < rep->in->n; i++)
		sd_json_append(a, set_json(&rep->in->v[i]));
	sd_json_set(root, "test-results", a);
	c = sd_json_object_new();
	sd_json_set_int(c, "results", (long long)rep->nrows);
	for (int d = 0; d < SD_RES_NDECISIONS; d++)
		sd_json_set_int(c, sd_res_decision_name(d),
				(long long)rep->count[d]);
	sd_json_set(root, "counts", c);
	s = sd_json_object_new();
	for (int k = 0; k < SD_CL_NSTATUS - 1; k++)
		sd_json_set_int(s, status_keys[k], (long long)rep->by_status[k]);
	sd_json_set(root, "status", s);
	sd_json_set_int(root, "rules-filled", (long long)rep->rules_filled);
	sd_json_set_int(root, "rules-not-filled",
			(long long)rep->rules_without);
	a = sd_json_array_new();
	for (size_t i = 0; i < rep->nrows; i++)
		sd_json_append(a, row_json(rep, &rep->rows[i]));
	sd_json_set(root, "results", a);
	err = sd_json_dump(root, fp, SD_JSON_PRETTY | SD_JSON_SHORT_REALS);
	sd_json_free(root);
	return err;
}

int sd_res_report_markdown(const struct sd_res_report *rep, FILE *fp)
{
	struct sd_buf b = SD_BUF_INIT;
	int err = 0;

	sd_buf_addstr(&b, "# Scan results\n\n");
	for (size_t i = 0; i < rep->in->n; i++) {
		const struct sd_test_result *t = &rep->in->v[i];

		sd_buf_addf(&b, "- %zu: `%s` in %s: %zu results, tool %s, "
			    "target %s, ended %s\n",
			    i, t->id ? t->id : "(no id)", t->source,
			    t->nrules, t->test_system ? t->test_system : "?",
			    t->target ? t->target : "?",
			    t->end_time ? t->end_time : "?");
	}
	sd_buf_addf(&b, "\n%zu results:", rep->nrows);
	for (int d = 0; d < SD_RES_NDECISIONS; d++)
		sd_buf_addf(&b, "%s %zu %s", d ? "," : "", rep->count[d],
			    sd_res_decision_name(d));
	sd_buf_addf(&b, ".\n%zu checklist rules filled, %zu not.\n\n",
		    rep->rules_filled, rep->rules_without);
	sd_buf_addstr(&b, "| # | result | rule result | decision | checklist rule | match | status | reason |\n"
			  "|---|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < rep->nrows; i++) {
		const struct sd_res_row *r = &rep->rows[i];
		const struct sd_rule_result *rr =
			&rep->in->v[r->set].rules[r->index];

		sd_buf_addf(&b, "| %zu | ", r->set);
		sd_md_cell(&b, rr->result);
		sd_buf_addstr(&b, " | ");
		sd_md_cell(&b, rr->rule_id);
		sd_buf_addf(&b, " | %s | ", sd_res_decision_name(r->decision));
		sd_md_cell(&b, r->vuln_id);
		sd_buf_addch(&b, ' ');
		sd_md_cell(&b, r->rule_id);
		sd_buf_addf(&b, " | %s | %s | ", r->kind ? r->kind : "",
			    sd_cl_status_name(r->status, SD_CL_CKL));
		sd_md_cell(&b, r->reason);
		sd_buf_addstr(&b, " |\n");
	}
	for (size_t i = 0; i < rep->nrows; i++) {
		const struct sd_res_row *r = &rep->rows[i];

		if (r->decision != SD_RES_OVERWRITTEN &&
		    r->decision != SD_RES_KEPT_MANUAL)
			continue;
		sd_buf_addf(&b, "\n## %s %s: review %s\n\nStatus: %s\n\n",
			    r->vuln_id ? r->vuln_id : "",
			    r->rule_id ? r->rule_id : "",
			    r->decision == SD_RES_OVERWRITTEN ? "replaced"
							      : "kept",
			    r->old_status ? r->old_status : "(none)");
		if (!sd_cl_blank(r->old_details)) {
			sd_buf_addstr(&b, "Finding details:\n\n");
			sd_md_fenced(&b, r->old_details);
		}
		if (!sd_cl_blank(r->old_comments)) {
			sd_buf_addstr(&b, "Comments:\n\n");
			sd_md_fenced(&b, r->old_comments);
		}
	}
	if (fwrite(b.ptr, 1, b.len, fp) != b.len || fflush(fp))
		err = sd_error_errno(SD_EIO, "cannot write the report");
	sd_buf_release(&b);
	return err;
}

void sd_res_report_summary(const struct sd_res_report *rep, FILE *fp)
{
	fprintf(fp, "%zu results from %zu test results:", rep->nrows,
		rep->in->n);
	for (int d = 0; d < SD_RES_NDECISIONS; d++)
		fprintf(fp, "%s %zu %s", d ? "," : "", rep->count[d],
			sd_res_decision_name(d));
	fprintf(fp, "; %zu checklist rules filled, %zu not\n",
		rep->rules_filled, rep->rules_without);
}
