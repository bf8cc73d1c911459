/*
 * Scan results into a checklist (fill.h): match each TestResult's rule
 * results against the checklist's STIGs with the lineage matcher, then
 * give every checklist rule the results of the last TestResult that has
 * any for it, unless a person reviewed it.
 */
#include "fill.h"
#include "error.h"
#include "match.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MARK "[stigdiff results]"

const char *sd_res_decision_name(enum sd_res_decision d)
{
	static const char *const names[] = {
		"filled", "overwritten", "kept-manual", "superseded",
		"unmatched",
	};

	return (unsigned)d < SD_RES_NDECISIONS ? names[d] : "?";
}

enum sd_cl_status sd_res_status(const char *result, const char **reason)
{
	static const struct {
		const char *value;
		enum sd_cl_status status;
		const char *reason;
	} map[] = {
		{ "pass", SD_CL_NOT_A_FINDING, NULL },
		{ "fixed", SD_CL_NOT_A_FINDING, NULL },
		{ "fail", SD_CL_OPEN, NULL },
		{ "notapplicable", SD_CL_NOT_APPLICABLE, NULL },
		{ "notchecked", SD_CL_NOT_REVIEWED,
		  "the tool did not check this rule (notchecked): a manual check" },
		{ "notselected", SD_CL_NOT_REVIEWED,
		  "the rule was not selected in the profile scanned (notselected)" },
		{ "informational", SD_CL_NOT_REVIEWED,
		  "the tool gave information only (informational)" },
		{ "unknown", SD_CL_NOT_REVIEWED,
		  "the tool could not decide (unknown)" },
		{ "error", SD_CL_NOT_REVIEWED,
		  "the check could not be run (error)" },
	};

	for (size_t i = 0; i < SD_ARRAY_SIZE(map); i++)
		if (result && !strcasecmp(result, map[i].value)) {
			if (reason)
				*reason = map[i].reason;
			return map[i].status;
		}
	if (reason)
		*reason = "a result value XCCDF does not define";
	return SD_CL_NOT_REVIEWED;
}

void sd_res_report_release(struct sd_res_report *rep)
{
	for (size_t i = 0; i < rep->nrows; i++) {
		struct sd_res_row *r = &rep->rows[i];

		free(r->vuln_id);
		free(r->rule_id);
		free(r->stig_id);
		free(r->evidence);
		free(r->old_status);
		free(r->old_details);
		free(r->old_comments);
	}
	free(rep->rows);
	memset(rep, 0, sizeof(*rep));
}

/* A benchmark of one TestResult's rule results, for the matcher. */
static struct sd_benchmark *results_benchmark(const struct sd_test_result *t)
{
	struct sd_benchmark *b = sd_xcalloc(1, sizeof(*b));

	b->source = sd_xstrdup(t->source ? t->source : "results");
	for (size_t i = 0; i < t->nrules; i++) {
		const struct sd_rule_result *rr = &t->rules[i];
		struct sd_rule *r = sd_benchmark_add_rule(b);

		r->rule_id = sd_xstrdup(rr->rule_id);
		r->stig_id = rr->version ? sd_xstrdup(rr->version) : NULL;
		r->severity = sd_severity_parse(rr->severity);
		for (size_t k = 0; k < rr->legacy.n; k++)
			sd_strv_push(&r->legacy, rr->legacy.v[k]);
		sd_rule_derive_ids(r);
	}
	return b;
}

/* A checklist rule a result is for. */
struct target {
	size_t stig, vuln, row;
};

static int target_cmp(const void *a, const void *b)
{
	const struct target *x = a, *y = b;

	if (x->stig != y->stig)
		return x->stig < y->stig ? -1 : 1;
	if (x->vuln != y->vuln)
		return x->vuln < y->vuln ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

struct targets {
	struct target *v;
	size_t n, cap;
};

/*
 * Match TestResult `t` against every STIG; keep the mapping of the STIG
 * whose rules most of its results find (the first on a tie), in *best.
 */
static int match_set(struct sd_benchmark *rb, struct sd_benchmark **cb,
		     const struct sd_checklist *cl, struct sd_match **best,
		     size_t *best_stig)
{
	size_t best_n = 0;

	*best = NULL;
	*best_stig = SD_RES_NONE;
	for (size_t s = 0; s < cl->nstigs; s++) {
		struct sd_match *m = NULL;
		struct sd_match_opts mo;
		size_t n = 0;
		int err;

		memset(&mo, 0, sizeof(mo));
		mo.tie = -1; /* ids only: no content splits */
		/* The results are for this STIG as far as ids go: declared
		 * evidence holds within one product line. */
		free(rb->id);
		rb->id = sd_xstrdup(cb[s]->id ? cb[s]->id : "");
		if ((err = sd_match_run(rb, cb[s], &mo, &m)) < 0) {
			sd_match_free(*best);
			*best = NULL;
			return err;
		}
		for (size_t i = 0; i < sd_match_count(m); i++) {
			const struct sd_match_pair *p = sd_match_at(m, i);

			if (p->old_rule && p->new_rule &&
			    p->kind != SD_MATCH_CONTENT)
				n++;
		}
		if (n > best_n) {
			sd_match_free(*best);
			*best = m;
			*best_stig = s;
			best_n = n;
		} else {
			sd_match_free(m);
		}
	}
	return 0;
}

static struct sd_res_row *add_row(struct sd_res_report *rep, size_t set,
				  size_t index)
{
	struct sd_res_row *r;

	SD_ALLOC_GROW(rep->rows, rep->nrows, rep->cap);
	r = &rep->rows[rep->nrows++];
	memset(r, 0, sizeof(*r));
	r->set = set;
	r->index = index;
	r->decision = SD_RES_UNMATCHED;
	r->stig = r->vuln = SD_RES_NONE;
	return r;
}

static char *dup_or_null(const char *s)
{
	return s ? sd_xstrdup(s) : NULL;
}

/* Rows for TestResult `set`, and the checklist rules they are for. */
static int place_set(struct sd_res_report *rep, struct sd_checklist *cl,
		     struct sd_benchmark **cb, size_t set, struct targets *tg)
{
	const struct sd_test_result *t = &rep->in->v[set];
	struct sd_benchmark *rb = results_benchmark(t);
	struct sd_match *m = NULL;
	size_t stig, first = rep->nrows;
	int err;

	for (size_t i = 0; i < t->nrules; i++) {
		struct sd_res_row *r = add_row(rep, set, i);

		r->status = sd_res_status(t->rules[i].result, &r->reason);
	}
	if ((err = match_set(rb, cb, cl, &m, &stig)) < 0 || !m)
		goto done;
	for (size_t i = 0; i < sd_match_count(m); i++) {
		const struct sd_match_pair *p = sd_match_at(m, i);
		size_t ri, vi;
		struct sd_res_row *r;

		if (!p->old_rule || !p->new_rule ||
		    p->kind == SD_MATCH_CONTENT)
			continue;
		ri = (size_t)(p->old_rule - rb->rules);
		vi = (size_t)(p->new_rule - cb[stig]->rules);
		r = &rep->rows[first + ri];
		if (r->vuln == SD_RES_NONE) {
			const struct sd_cl_vuln *v = &cl->stigs[stig].vulns[vi];

			r->stig = stig;
			r->vuln = vi;
			r->vuln_id = dup_or_null(sd_cl_vuln_get(v, "Vuln_Num"));
			r->rule_id = dup_or_null(sd_cl_vuln_get(v, "Rule_ID"));
			r->stig_id = dup_or_null(sd_cl_vuln_get(v, "Rule_Ver"));
			r->kind = sd_match_kind_name(p->kind);
			r->score = p->score;
			r->evidence = dup_or_null(p->evidence);
		}
		/* A split result fills each rule it became. */
		SD_ALLOC_GROW(tg->v, tg->n, tg->cap);
		tg->v[tg->n].stig = stig;
		tg->v[tg->n].vuln = vi;
		tg->v[tg->n].row = first + ri;
		tg->n++;
	}
done:
	sd_match_free(m);
	sd_benchmark_free(rb);
	return err;
}

/* Was this rule reviewed by a person (not by an earlier import)? */
static int manual_review(const struct sd_cl_vuln *v)
{
	const char *d = v->field[SD_CL_FINDING_DETAILS];

	if (!sd_cl_vuln_has_assessment(v))
		return 0;
	return !(d && !strncmp(d, MARK, strlen(MARK)) &&
		 sd_cl_blank(v->field[SD_CL_COMMENTS]) &&
		 sd_cl_blank(v->field[SD_CL_SEVERITY_OVERRIDE]));
}

static void keep_old(struct sd_res_row *r, const struct sd_cl_vuln *v)
{
	free(r->old_status);
	free(r->old_details);
	free(r->old_comments);
	r->old_status = dup_or_null(v->field[SD_CL_STATUS]);
	r->old_details = dup_or_null(v->field[SD_CL_FINDING_DETAILS]);
	r->old_comments = dup_or_null(v->field[SD_CL_COMMENTS]);
}

/* Several results for one rule: fail wins, then not reviewed, then pass
 * (a pass beside a not applicable is a pass). */
static enum sd_cl_status combine(enum sd_cl_status a, enum sd_cl_status b)
{
	static const int rank[SD_CL_NSTATUS] = {
		[SD_CL_OPEN] = 4, [SD_CL_NOT_REVIEWED] = 3,
		[SD_CL_NOT_A_FINDING] = 2, [SD_CL_NOT_APPLICABLE] = 1,
		[SD_CL_STATUS_UNKNOWN] = 3,
	};

	return rank[a] >= rank[b] ? a : b;
}

static void details_block(struct sd_buf *b, const struct sd_res_report *rep,
			  const struct sd_res_row *r)
{
	const struct sd_test_result *t = &rep->in->v[r->set];
	const struct sd_rule_result *rr = &t->rules[r->index];

	if (b->len)
		sd_buf_addstr(b, "\n\n");
	sd_buf_addf(b, "%s %s: %s\n", MARK, rr->result,
		    sd_cl_status_name(r->status, SD_CL_CKL));
	if (t->test_system)
		sd_buf_addf(b, "Tool: %s\n", t->test_system);
	sd_buf_addf(b, "Time: %s\n", rr->time ? rr->time
				    : t->end_time ? t->end_time
				    : t->start_time ? t->start_time : "unknown");
	sd_buf_addf(b, "Rule result: %s (matched by %s)\n", rr->idref, r->kind);
	sd_buf_addf(b, "Test result: %s in %s", t->id ? t->id : "(no id)",
		    t->source ? t->source : "?");
	if (r->reason)
		sd_buf_addf(b, "\nReason: %s", r->reason);
	if (rr->message)
		sd_buf_addf(b, "\nMessage: %s", rr->message);
}

/* Give one checklist rule the results of rows tg[a..b) (sorted). */
static void fill_rule(struct sd_res_report *rep, struct sd_checklist *cl,
		      const struct sd_res_opts *opts, const struct target *tg,
		      size_t a, size_t b)
{
	struct sd_cl_vuln *v = &cl->stigs[tg[a].stig].vulns[tg[a].vuln];
	size_t last = rep->rows[tg[b - 1].row].set;
	int manual = manual_review(v), first = 1;
	enum sd_cl_status st = SD_CL_NOT_APPLICABLE;
	struct sd_buf d = SD_BUF_INIT;

	for (size_t k = a; k < b; k++) {
		struct sd_res_row *r = &rep->rows[tg[k].row];

		/* A split result's row speaks for its first rule. */
		if (r->stig != tg[k].stig || r->vuln != tg[k].vuln) {
			if (r->set != last || (manual && !opts->overwrite))
				continue;
		} else if (r->set != last) {
			r->decision = SD_RES_SUPERSEDED;
			continue;
		} else if (manual) {
			keep_old(r, v);
			r->decision = opts->overwrite ? SD_RES_OVERWRITTEN
						      : SD_RES_KEPT_MANUAL;
			if (!opts->overwrite)
				continue;
		} else {
			r->decision = SD_RES_FILLED;
		}
		st = first ? r->status : combine(st, r->status);
		first = 0;
		details_block(&d, rep, r);
	}
	if (!first) {
		free(v->field[SD_CL_STATUS]);
		v->field[SD_CL_STATUS] =
			sd_xstrdup(sd_cl_status_name(st, SD_CL_CKL));
		free(v->field[SD_CL_FINDING_DETAILS]);
		v->field[SD_CL_FINDING_DETAILS] = sd_buf_detach(&d);
		if (!v->field[SD_CL_COMMENTS])
			v->field[SD_CL_COMMENTS] = sd_xstrdup("");
		rep->rules_filled++;
	}
	sd_buf_release(&d);
}

int sd_results_apply(struct sd_checklist *cl, const struct sd_results *in,
		     const struct sd_res_opts *opts, struct sd_res_report *rep)
{
	static const struct sd_res_opts defaults = { 0 };
	struct sd_benchmark **cb = sd_xcalloc(cl->nstigs + 1, sizeof(*cb));
	struct targets tg = { NULL, 0, 0 };
	size_t nrules = 0;
	int err = 0;

	if (!opts)
		opts = &defaults;
	rep->in = in;
	for (size_t s = 0; s < cl->nstigs; s++) {
		cb[s] = sd_cl_stig_benchmark(&cl->stigs[s]);
		nrules += cl->stigs[s].nvulns;
	}
	for (size_t t = 0; t < in->n && err == 0; t++)
		err = place_set(rep, cl, cb, t, &tg);
	if (err < 0)
		goto done;
	if (tg.n)
		qsort(tg.v, tg.n, sizeof(*tg.v), target_cmp);
	for (size_t a = 0, b; a < tg.n; a = b) {
		for (b = a + 1; b < tg.n && tg.v[b].stig == tg.v[a].stig &&
				tg.v[b].vuln == tg.v[a].vuln;
		     b++)
			;
		fill_rule(rep, cl, opts, tg.v, a, b);
	}
	for (size_t i = 0; i < rep->nrows; i++) {
		const struct sd_res_row *r = &rep->rows[i];

		rep->count[r->decision]++;
		if (r->decision == SD_RES_FILLED ||
		    r->decision == SD_RES_OVERWRITTEN)
			rep->by_status[r->status]++;
	}
	rep->rules_without = nrules - rep->rules_filled;
done:
	for (size_t s = 0; s < cl->nstigs; s++)
		sd_benchmark_free(cb[s]);
	free(cb);
	free(tg.v);
	return err;
}
