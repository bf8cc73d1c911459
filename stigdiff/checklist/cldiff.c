/*
 * Drift between two checklists (cldiff.h): STIGs paired by id, rules by
 * the lineage matcher over each STIG's rule data (sd_cl_stig_benchmark
 * normalizes the texts, so check texts compare as migrate compares them),
 * one row per difference.
 */
#include "cldiff.h"
#include "error.h"
#include "match.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *sd_cldiff_change_name(enum sd_cldiff_change c)
{
	static const char *const n[] = {
		"new-finding", "remediated", "moved", "added", "dropped",
	};

	return (unsigned)c < SD_CLDIFF_NCHANGES ? n[c] : "?";
}

const char *sd_cldiff_note_name(enum sd_cldiff_note n)
{
	static const char *const s[] = { "", "re-review", "regression",
					 "drift" };

	return (unsigned)n < SD_CLDIFF_NNOTES ? s[n] : "?";
}

static char *dup_or_null(const char *s)
{
	return s ? sd_xstrdup(s) : NULL;
}

static void rule_release(struct sd_cldiff_rule *r)
{
	free(r->vuln_id);
	free(r->rule_id);
	free(r->stig_id);
	free(r->title);
	free(r->severity);
	free(r->status);
}

void sd_cldiff_release(struct sd_cldiff *d)
{
	for (size_t i = 0; i < d->nrows; i++) {
		rule_release(&d->rows[i].old);
		rule_release(&d->rows[i].new);
		free(d->rows[i].match);
	}
	for (size_t i = 0; i < d->nstigs; i++) {
		free(d->stigs[i].old_id);
		free(d->stigs[i].old_vr);
		free(d->stigs[i].new_id);
		free(d->stigs[i].new_vr);
	}
	free(d->rows);
	free(d->stigs);
	free(d->old_source);
	free(d->new_source);
	memset(d, 0, sizeof(*d));
}

static void rule_from(struct sd_cldiff_rule *r, const struct sd_cl_vuln *v)
{
	r->vuln_id = dup_or_null(sd_cl_vuln_get(v, "Vuln_Num"));
	r->rule_id = dup_or_null(sd_cl_vuln_get(v, "Rule_ID"));
	r->stig_id = dup_or_null(sd_cl_vuln_get(v, "Rule_Ver"));
	r->title = dup_or_null(sd_cl_vuln_get(v, "Rule_Title"));
	r->severity = dup_or_null(sd_cl_vuln_get(v, "Severity"));
	r->status = dup_or_null(v->field[SD_CL_STATUS]);
}

static struct sd_cldiff_row *add_row(struct sd_cldiff *d, size_t stig)
{
	struct sd_cldiff_row *r;

	SD_ALLOC_GROW(d->rows, d->nrows, d->cap);
	r = &d->rows[d->nrows++];
	memset(r, 0, sizeof(*r));
	r->stig = stig;
	return r;
}

static int same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* A status move's kind: the statuses compare in their vocabulary, so
 * "NotAFinding" and "not_a_finding" are one status. */
static int classify(struct sd_cldiff_row *r, const char *a, const char *b)
{
	enum sd_cl_status sa = sd_cl_status_parse(a), sb = sd_cl_status_parse(b);

	if (sa == sb && (sa != SD_CL_STATUS_UNKNOWN || same(a, b)))
		return 0;
	if (sb == SD_CL_OPEN)
		r->change = SD_CLDIFF_NEW_FINDING;
	else if (sa == SD_CL_OPEN && (sb == SD_CL_NOT_A_FINDING ||
				      sb == SD_CL_NOT_APPLICABLE))
		r->change = SD_CLDIFF_REMEDIATED;
	else
		r->change = SD_CLDIFF_MOVED;
	if (r->check_changed)
		r->note = SD_CLDIFF_REREVIEW;
	else if (sa == SD_CL_NOT_A_FINDING && sb == SD_CL_OPEN)
		r->note = SD_CLDIFF_REGRESSION;
	else
		r->note = SD_CLDIFF_DRIFT;
	return 1;
}

static int renumbered(const struct sd_rule *a, const struct sd_rule *b)
{
	return !same(a->rule_base, b->rule_base) || !same(a->vuln_id, b->vuln_id);
}

/* The rows of one STIG pair (either may be NULL: a STIG on one side). */
static int diff_stig(struct sd_cldiff *d, size_t si,
		     const struct sd_cl_stig *a, const struct sd_cl_stig *b)
{
	struct sd_benchmark *ba = a ? sd_cl_stig_benchmark(a) : NULL;
	struct sd_benchmark *bb = b ? sd_cl_stig_benchmark(b) : NULL;
	struct sd_match *m = NULL;
	struct sd_match_opts mo;
	int err = 0;

	memset(&mo, 0, sizeof(mo));
	if (!a || !b) {
		const struct sd_cl_stig *s = a ? a : b;

		for (size_t i = 0; i < s->nvulns; i++) {
			struct sd_cldiff_row *r = add_row(d, si);

			r->change = a ? SD_CLDIFF_DROPPED : SD_CLDIFF_ADDED;
			if (a) {
				r->has_old = 1;
				rule_from(&r->old, &s->vulns[i]);
			} else {
				r->has_new = 1;
				rule_from(&r->new, &s->vulns[i]);
			}
		}
		goto done;
	}
	/* One asset's two checklists of one STIG: the same product line. */
	free(bb->id);
	bb->id = dup_or_null(ba->id);
	if ((err = sd_match_run(ba, bb, &mo, &m)) < 0)
		goto done;
	for (size_t i = 0; i < sd_match_count(m); i++) {
		const struct sd_match_pair *p = sd_match_at(m, i);
		size_t oi = p->old_rule ? (size_t)(p->old_rule - ba->rules) : 0;
		size_t ni = p->new_rule ? (size_t)(p->new_rule - bb->rules) : 0;
		struct sd_cldiff_row row, *r;

		memset(&row, 0, sizeof(row));
		if (p->old_rule && p->new_rule) {
			d->stigs[si].paired++;
			row.check_changed = !same(p->old_rule->check_content,
						  p->new_rule->check_content);
			row.renumbered = renumbered(p->old_rule, p->new_rule);
			if (!classify(&row, a->vulns[oi].field[SD_CL_STATUS],
				      b->vulns[ni].field[SD_CL_STATUS])) {
				d->stigs[si].unchanged++;
				continue;
			}
		} else {
			row.change = p->old_rule ? SD_CLDIFF_DROPPED
						 : SD_CLDIFF_ADDED;
		}
		r = add_row(d, si);
		row.stig = si;
		*r = row;
		if (p->old_rule) {
			r->has_old = 1;
			rule_from(&r->old, &a->vulns[oi]);
		}
		if (p->new_rule) {
			r->has_new = 1;
			rule_from(&r->new, &b->vulns[ni]);
		}
		if (p->old_rule && p->new_rule &&
		    (r->renumbered || p->kind != SD_MATCH_SAME_ID)) {
			r->match = sd_xstrdup(sd_match_kind_name(p->kind));
			r->score = p->score;
		}
	}
done:
	sd_match_free(m);
	sd_benchmark_free(ba);
	sd_benchmark_free(bb);
	return err;
}

static struct sd_cldiff_stig *add_stig(struct sd_cldiff *d, size_t *cap,
				       const struct sd_cl_stig *a,
				       const struct sd_cl_stig *b)
{
	struct sd_cldiff_stig *s;
	char vr[32];

	SD_ALLOC_GROW(d->stigs, d->nstigs, *cap);
	s = &d->stigs[d->nstigs++];
	memset(s, 0, sizeof(*s));
	if (a) {
		s->old_id = dup_or_null(sd_cl_stig_get(a, "stigid"));
		s->old_vr = sd_xstrdup(sd_cl_stig_vr(a, vr));
	}
	if (b) {
		s->new_id = dup_or_null(sd_cl_stig_get(b, "stigid"));
		s->new_vr = sd_xstrdup(sd_cl_stig_vr(b, vr));
	}
	return s;
}

int sd_cldiff_run(const struct sd_checklist *a, const struct sd_checklist *b,
		  struct sd_cldiff *d)
{
	unsigned char *used = sd_xcalloc(b->nstigs + 1, 1);
	size_t cap = 0;
	int err = 0;

	d->old_source = dup_or_null(a->source);
	d->new_source = dup_or_null(b->source);
	for (size_t i = 0; i < a->nstigs && err == 0; i++) {
		const char *id = sd_cl_stig_get(&a->stigs[i], "stigid");
		size_t j = b->nstigs;

		for (size_t k = 0; k < b->nstigs; k++)
			if (!used[k] &&
			    same(id, sd_cl_stig_get(&b->stigs[k], "stigid"))) {
				j = k;
				break;
			}
		/* One STIG on each side: the same assessment, renamed. */
		if (j == b->nstigs && a->nstigs == 1 && b->nstigs == 1)
			j = 0;
		if (j < b->nstigs)
			used[j] = 1;
		add_stig(d, &cap, &a->stigs[i],
			 j < b->nstigs ? &b->stigs[j] : NULL);
		err = diff_stig(d, d->nstigs - 1, &a->stigs[i],
				j < b->nstigs ? &b->stigs[j] : NULL);
	}
	for (size_t k = 0; k < b->nstigs && err == 0; k++)
		if (!used[k]) {
			add_stig(d, &cap, NULL, &b->stigs[k]);
			err = diff_stig(d, d->nstigs - 1, NULL, &b->stigs[k]);
		}
	free(used);
	for (size_t i = 0; i < d->nrows; i++) {
		d->count[d->rows[i].change]++;
		d->notes[d->rows[i].note]++;
	}
	return err;
}
