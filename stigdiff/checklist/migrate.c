/*
 * The checklist migration engine and its report; see migrate.h. The
 * rules of one checklist STIG are rebuilt from the new benchmark and the
 * old assessment is carried onto them through the matcher's links. Every
 * decision becomes a row of the report, which holds a full copy of each
 * old rule so that nothing a person wrote is lost, whatever happens.
 */
#include "migrate.h"
#include "buf.h"
#include "error.h"
#include "json.h"
#include "diff.h"
#include "utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const decision_names[SD_MIG_NDECISIONS] = {
	"carried", "carried-check-changed", "split", "merged", "review",
	"new", "dropped", "duplicate",
};

const char *sd_mig_decision_name(enum sd_mig_decision d)
{
	return d < SD_MIG_NDECISIONS ? decision_names[d] : "";
}

static char *dup_or_null(const char *s)
{
	return s ? sd_xstrdup(s) : NULL;
}

static void vuln_copy(struct sd_cl_vuln *dst, const struct sd_cl_vuln *src)
{
	memset(dst, 0, sizeof(*dst));
	sd_cl_pairs_copy(&dst->data, &src->data);
	for (int f = 0; f < SD_CL_NFIELDS; f++)
		dst->field[f] = dup_or_null(src->field[f]);
	dst->line = src->line;
}

void sd_mig_row_release(struct sd_mig_row *w)
{
	sd_cl_vuln_release(&w->old);
	free(w->kind);
	free(w->evidence);
	free(w->conflict);
	free(w->check_diff);
	free(w->override_pending);
	free(w->status_before);
	free(w->status_after);
	free(w->note);
}

void sd_mig_report_release(struct sd_mig_report *r)
{
	for (size_t i = 0; i < r->nstigs; i++) {
		struct sd_mig_stig *s = &r->stigs[i];

		for (size_t k = 0; k < s->nrows; k++)
			sd_mig_row_release(&s->rows[k]);
		free(s->rows);
		free(s->old_id);
		free(s->old_vr);
		free(s->old_title);
		free(s->new_id);
		free(s->new_vr);
		free(s->new_title);
		free(s->reason);
	}
	free(r->stigs);
	free(r->source);
	free(r->output);
	memset(r, 0, sizeof(*r));
}

struct sd_mig_stig *sd_mig_report_add(struct sd_mig_report *r)
{
	struct sd_mig_stig *s;

	SD_ALLOC_GROW(r->stigs, r->nstigs, r->cap);
	s = &r->stigs[r->nstigs++];
	memset(s, 0, sizeof(*s));
	return s;
}

static struct sd_mig_row *add_row(struct sd_mig_stig *s,
				  enum sd_mig_decision d)
{
	struct sd_mig_row *w;

	SD_ALLOC_GROW(s->rows, s->nrows, s->cap);
	w = &s->rows[s->nrows++];
	memset(w, 0, sizeof(*w));
	w->decision = d;
	s->count[d]++;
	return w;
}

static void set_old(struct sd_mig_row *w, const struct sd_cl_vuln *v)
{
	vuln_copy(&w->old, v);
	w->has_old = 1;
	w->status_before = dup_or_null(v->field[SD_CL_STATUS]);
}

static void set_link(struct sd_mig_row *w, const struct sd_mig_link *l)
{
	w->kind = dup_or_null(l->kind);
	w->score = l->score;
	w->below_threshold = l->below_threshold;
	w->evidence = dup_or_null(l->evidence);
	w->conflict = dup_or_null(l->conflict);
}

static void old_identity(struct sd_mig_stig *out, const struct sd_cl_stig *s)
{
	char vr[32];

	out->old_id = dup_or_null(sd_cl_stig_get(s, "stigid"));
	out->old_vr = sd_xstrdup(sd_cl_stig_vr(s, vr));
	out->old_title = dup_or_null(sd_cl_stig_get(s, "title"));
}

void sd_migrate_unchanged(const struct sd_cl_stig *s, const char *reason,
			  struct sd_mig_stig *out)
{
	old_identity(out, s);
	out->migrated = 0;
	out->reason = sd_xstrdup(reason);
}

/* ---- duplicates ---- */

/*
 * Mark the VULNs, not yet known duplicates, that repeat the `name` of an
 * earlier one: sorted by that id, then index, each id's run starts with
 * its first VULN. With `no_rule_id`, only VULNs without a Rule_ID are
 * marked (any VULN may be the first).
 */
static void mark_repeats(const struct sd_cl_stig *s, size_t *dup,
			 const char *name, int no_rule_id)
{
	struct sd_str_index *k = sd_xmalloc((s->nvulns + 1) * sizeof(*k));
	size_t n = 0;

	for (size_t i = 0; i < s->nvulns; i++) {
		const char *id = sd_cl_vuln_get(&s->vulns[i], name);

		if (id && *id && dup[i] == SD_MIG_NONE)
			k[n++] = (struct sd_str_index){ id, i };
	}
	qsort(k, n, sizeof(*k), sd_str_index_cmp);
	for (size_t j = 1, first = 0; j < n; j++) {
		const char *rid = sd_cl_vuln_get(&s->vulns[k[j].i], "Rule_ID");

		if (strcmp(k[j].s, k[first].s))
			first = j;
		else if (!no_rule_id || !rid || !*rid)
			dup[k[j].i] = k[first].i;
	}
	free(k);
}

/* VULNs repeat the first with their Rule_ID; VULNs without one, the first
 * remaining VULN with their Vuln_Num. O(n log n) for big checklists. */
size_t *sd_migrate_duplicates(const struct sd_cl_stig *s)
{
	size_t *dup = sd_xmalloc((s->nvulns + 1) * sizeof(*dup));

	for (size_t i = 0; i < s->nvulns; i++)
		dup[i] = SD_MIG_NONE;
	mark_repeats(s, dup, "Rule_ID", 0);
	mark_repeats(s, dup, "Vuln_Num", 1);
	return dup;
}

/* ---- carrying ---- */

static char *override_pending(const struct sd_mig_opts *opts,
			      const struct sd_cl_vuln *o,
			      const struct sd_rule *nr);

/* The rule of DISA's old release old rule `o` is: same rule id, else
 * same vuln id; NULL when none. */
static const struct sd_rule *release_rule(const struct sd_benchmark *ob,
					  const struct sd_cl_vuln *o)
{
	const char *rid = sd_cl_vuln_get(o, "Rule_ID");
	const char *vid = sd_cl_vuln_get(o, "Vuln_Num");

	for (size_t i = 0; rid && *rid && i < ob->nrules; i++)
		if (!sd_strcmp_null(ob->rules[i].rule_id, rid))
			return &ob->rules[i];
	for (size_t i = 0; vid && *vid && i < ob->nrules; i++)
		if (!sd_strcmp_null(ob->rules[i].vuln_id, vid))
			return &ob->rules[i];
	return NULL;
}

/*
 * DISA's old check text of old rule `o`: from the old release when one
 * is given and holds the rule, else the checklist's copy, normalized
 * (line ends, trailing blanks, outer blank lines) and with UTF-8 read as
 * Windows-1252 repaired. A new string; *source says where it came from.
 */
static char *old_check(const struct sd_mig_opts *opts,
		       const struct sd_cl_vuln *o, const char **source)
{
	const struct sd_rule *r = opts->old_release
		? release_rule(opts->old_release, o) : NULL;
	const char *cc = sd_cl_vuln_get(o, "Check_Content");
	char *a, *fixed;

	if (r) {
		*source = "old release";
		return sd_xstrdup(r->check_content ? r->check_content : "");
	}
	a = sd_xstrdup(cc ? cc : "");
	sd_text_normalize(a);
	*source = "checklist";
	if ((fixed = sd_utf8_unmojibake(a))) {
		free(a);
		a = fixed;
		*source = "checklist, mojibake repaired";
	}
	return a;
}

/*
 * The re-check gate: did DISA change the check of old rule `o` in new
 * rule `r`, by diff's own classifier on the check text (cosmetic and
 * case-only changes do not count unless opts->strict)? Fills the row's
 * check fields when `w` is given: where the old text came from, the
 * cosmetic kinds let pass, the word diff of a change.
 */
static int check_gate(const struct sd_mig_opts *opts,
		      const struct sd_cl_vuln *o, const struct sd_rule *r,
		      struct sd_mig_row *w)
{
	struct sd_rule a, b;
	struct sd_strv fields = SD_STRV_INIT;
	struct sd_diff_opts d;
	struct sd_diff_rule dr;
	const char *source;
	int changed;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	memset(&d, 0, sizeof(d));
	a.check_content = old_check(opts, o, &source);
	b.check_content = r->check_content;
	sd_strv_push(&fields, "check-content");
	d.fields = &fields;
	d.strict = opts->strict;
	d.fold_case = 1;
	if (sd_diff_rules(&a, &b, &d, &dr) < 0) {
		changed = 1; /* cannot happen: a known field */
		memset(&dr, 0, sizeof(dr));
	} else {
		changed = dr.status == SD_DIFF_CHANGED;
	}
	if (w) {
		w->check_source = source;
		w->check_changed = changed;
		if (dr.nchanges && !changed)
			w->check_cosmetic = dr.changes[0].cosmetic;
		if (dr.nchanges && changed) {
			struct sd_buf t = SD_BUF_INIT;

			sd_diff_word_lines(&dr.changes[0].wd, 0, "", &t);
			while (t.len && t.ptr[t.len - 1] == '\n')
				sd_buf_setlen(&t, t.len - 1);
			free(w->check_diff);
			w->check_diff = sd_buf_detach(&t);
		}
	}
	sd_diff_rule_release(&dr);
	sd_strv_release(&fields);
	free(a.check_content);
	return changed;
}

static void set_field(struct sd_cl_vuln *v, enum sd_cl_field f,
		      const char *value)
{
	char *old = v->field[f];

	v->field[f] = sd_xstrdup(value ? value : "");
	free(old);
}

/* "V-1 (SV-1r2_rule, EX-1)": how the report and notes name a rule. */
static void describe(struct sd_buf *b, const struct sd_cl_vuln *o)
{
	const char *vid = sd_cl_vuln_get(o, "Vuln_Num");
	const char *rid = sd_cl_vuln_get(o, "Rule_ID");
	const char *sid = sd_cl_vuln_get(o, "Rule_Ver");

	sd_buf_addstr(b, vid && *vid ? vid : sd_cl_vuln_label(o));
	if ((rid && *rid) || (sid && *sid)) {
		sd_buf_addstr(b, " (");
		if (rid && *rid)
			sd_buf_addstr(b, rid);
		if (rid && *rid && sid && *sid)
			sd_buf_addstr(b, ", ");
		if (sid && *sid)
			sd_buf_addstr(b, sid);
		sd_buf_addch(b, ')');
	}
}

/* Append the one-line provenance note to the rule's COMMENTS. */
static void add_note(struct sd_cl_vuln *v, const char *note)
{
	struct sd_buf b = SD_BUF_INIT;
	const char *c = v->field[SD_CL_COMMENTS];

	if (!sd_cl_blank(c)) {
		sd_buf_addstr(&b, c);
		sd_buf_addstr(&b, "\n\n");
	}
	sd_buf_addstr(&b, note);
	free(v->field[SD_CL_COMMENTS]);
	v->field[SD_CL_COMMENTS] = sd_buf_detach(&b);
}

struct ctx {
	const struct sd_cl_stig *old;
	const struct sd_benchmark *nb;
	const struct sd_mig_opts *opts;
	struct sd_mig_stig *out;
	const char *old_name; /* "MS_Exchange_2016_... V2R6" */
};

/*
 * Carry one old rule onto new rule `nv` (a split part when `split` names
 * the other parts). Returns the row.
 */
static struct sd_mig_row *carry_one(struct ctx *c, struct sd_cl_vuln *nv,
				    const struct sd_rule *nr,
				    const struct sd_mig_link *l,
				    const char *split)
{
	const struct sd_cl_vuln *o = &c->old->vulns[l->old_index];
	const char *st = o->field[SD_CL_STATUS];
	enum sd_cl_status k = sd_cl_status_parse(st);
	int changed, keep;
	const char *nvid = sd_cl_vuln_get(nv, "Vuln_Num");
	const char *ovid = sd_cl_vuln_get(o, "Vuln_Num");
	struct sd_mig_row *w = add_row(c->out, SD_MIG_SPLIT);
	struct sd_buf note = SD_BUF_INIT;
	const char *final;

	changed = check_gate(c->opts, o, nr, w);
	if (!split) {
		c->out->count[SD_MIG_SPLIT]--;
		w->decision = changed ? SD_MIG_CARRIED_CHECK_CHANGED
				      : SD_MIG_CARRIED;
		c->out->count[w->decision]++;
	}
	set_old(w, o);
	set_link(w, l);
	w->new_rule = nr;
	for (int f = SD_CL_FINDING_DETAILS; f < SD_CL_NFIELDS; f++)
		if (o->field[f])
			set_field(nv, f, o->field[f]);
	keep = k != SD_CL_STATUS_UNKNOWN &&
	       (!changed || c->opts->keep_status_on_change);
	final = keep ? sd_cl_status_name(k, SD_CL_CKL) : "Not_Reviewed";
	set_field(nv, SD_CL_STATUS, final);
	w->status_after = sd_xstrdup(final);
	if (k != SD_CL_NOT_REVIEWED && !keep)
		c->out->status_reset++;
	w->override_pending = override_pending(c->opts, o, nr);

	/* A note when the assessment needs the reader's attention. */
	if (!changed && !split && k != SD_CL_STATUS_UNKNOWN && ovid && nvid &&
	    !strcmp(ovid, nvid) && !w->override_pending)
		goto done;
	sd_buf_addstr(&note, "[stigdiff migrate] from ");
	describe(&note, o);
	sd_buf_addf(&note, " of %s", c->old_name);
	if (split)
		sd_buf_addf(&note, "; split into %s", split);
	if (changed)
		sd_buf_addstr(&note, "; check text changed");
	if (k == SD_CL_STATUS_UNKNOWN) {
		sd_buf_addf(&note,
			    "; status '%s' is outside STIG Viewer's vocabulary, set to Not_Reviewed",
			    st);
		w->note = sd_xstrdup("status outside the vocabulary");
	} else if (changed || split) {
		sd_buf_addf(&note, "; previous status %s%s",
			    sd_cl_status_name(k, SD_CL_CKL),
			    keep ? " kept" : ", reset to Not_Reviewed");
	}
	if (w->override_pending)
		sd_buf_addf(&note, "; severity override %s pending review: %s",
			    o->field[SD_CL_SEVERITY_OVERRIDE],
			    w->override_pending);
	add_note(nv, note.ptr);
done:
	sd_buf_release(&note);
	return w;
}

/*
 * The severity override lifecycle: an override holds while the rule's
 * base severity and its Severity Override Guidance are what they were
 * when it was set (the old release's, else the checklist's copy; the
 * guidance compared as the check is, cosmetic changes aside). When
 * either changed, the override is still carried, as pending: a new
 * string saying what changed, both texts; NULL when it holds or there
 * is no override.
 */
static char *override_pending(const struct sd_mig_opts *opts,
			      const struct sd_cl_vuln *o,
			      const struct sd_rule *nr)
{
	const struct sd_rule *r = opts->old_release
		? release_rule(opts->old_release, o) : NULL;
	const char *so = o->field[SD_CL_SEVERITY_OVERRIDE];
	enum sd_severity was = r ? r->severity
				 : sd_severity_parse(sd_cl_vuln_get(o, "Severity"));
	const char *og = r ? r->desc[SD_DESC_SEVERITY_OVERRIDE_GUIDANCE]
			   : sd_cl_vuln_get(o, "Security_Override_Guidance");
	const char *ng = nr->desc[SD_DESC_SEVERITY_OVERRIDE_GUIDANCE];
	struct sd_buf b = SD_BUF_INIT;
	char *a;

	if (sd_cl_blank(so))
		return NULL;
	if (was != SD_SEV_UNKNOWN && nr->severity != SD_SEV_UNKNOWN &&
	    was != nr->severity)
		sd_buf_addf(&b, "base severity changed from %s to %s",
			    sd_severity_category(was),
			    sd_severity_category(nr->severity));
	a = sd_xstrdup(og ? og : "");
	sd_text_normalize(a);
	if (strcmp(a, ng ? ng : "") &&
	    !sd_worddiff_cosmetic_as(a, ng, SD_COSMETIC_SPACE |
						SD_COSMETIC_QUOTES |
						SD_COSMETIC_PUNCT |
						SD_COSMETIC_CASE))
		sd_buf_addf(&b, "%sSeverity Override Guidance changed from \"%s\" to \"%s\"",
			    b.len ? "; " : "", a, ng ? ng : "");
	free(a);
	return b.len ? sd_buf_detach(&b) : (sd_buf_release(&b), NULL);
}

/* Join the non-blank texts of one field of several old rules. */
static char *combine(const struct sd_cl_stig *old, const size_t *idx,
		     size_t n, enum sd_cl_field f)
{
	struct sd_buf b = SD_BUF_INIT;
	size_t nonblank = 0;

	for (size_t i = 0; i < n; i++)
		nonblank += !sd_cl_blank(old->vulns[idx[i]].field[f]);
	for (size_t i = 0; i < n; i++) {
		const struct sd_cl_vuln *o = &old->vulns[idx[i]];

		if (sd_cl_blank(o->field[f]))
			continue;
		if (nonblank > 1) {
			if (b.len)
				sd_buf_addstr(&b, "\n\n");
			sd_buf_addstr(&b, "From ");
			describe(&b, o);
			sd_buf_addstr(&b, ":\n");
		}
		sd_buf_addstr(&b, o->field[f]);
	}
	return sd_buf_detach(&b);
}

/* Several old rules onto one new rule. */
static void carry_merged(struct ctx *c, struct sd_cl_vuln *nv,
			 const struct sd_rule *nr,
			 const struct sd_mig_link *const *ls, size_t n)
{
	size_t *idx = sd_xcalloc(n, sizeof(*idx));
	struct sd_buf note = SD_BUF_INIT;
	enum sd_cl_status common = SD_CL_STATUS_UNKNOWN;
	int same = 1, changed = 0;
	const char *so = NULL, *sj = NULL, *final, *kn;
	char *t;

	for (size_t i = 0; i < n; i++) {
		const struct sd_cl_vuln *o = &c->old->vulns[ls[i]->old_index];
		enum sd_cl_status k =
			sd_cl_status_parse(o->field[SD_CL_STATUS]);

		idx[i] = ls[i]->old_index;
		if (i == 0)
			common = k;
		else if (k != common)
			same = 0;
		changed |= check_gate(c->opts, o, nr, NULL);
		if (!sd_cl_blank(o->field[SD_CL_SEVERITY_OVERRIDE]) && !so) {
			so = o->field[SD_CL_SEVERITY_OVERRIDE];
			sj = o->field[SD_CL_SEVERITY_JUSTIFICATION];
		}
	}
	for (int f = SD_CL_FINDING_DETAILS; f <= SD_CL_COMMENTS; f++) {
		t = combine(c->old, idx, n, f);
		set_field(nv, f, t);
		free(t);
	}
	if (so) {
		/* The first override is carried; every justification is
		 * kept, each under the rule it came from when several. */
		set_field(nv, SD_CL_SEVERITY_OVERRIDE, so);
		t = combine(c->old, idx, n, SD_CL_SEVERITY_JUSTIFICATION);
		set_field(nv, SD_CL_SEVERITY_JUSTIFICATION, *t ? t : sj);
		free(t);
	}
	final = same && common != SD_CL_STATUS_UNKNOWN &&
			(!changed || c->opts->keep_status_on_change)
		? sd_cl_status_name(common, SD_CL_CKL)
		: "Not_Reviewed";
	set_field(nv, SD_CL_STATUS, final);
	sd_buf_addstr(&note, "[stigdiff migrate] merged from ");
	for (size_t i = 0; i < n; i++) {
		const struct sd_cl_vuln *o = &c->old->vulns[idx[i]];
		const char *st = o->field[SD_CL_STATUS], *so_i;
		struct sd_mig_row *w = add_row(c->out, SD_MIG_MERGED);

		set_old(w, o);
		set_link(w, ls[i]);
		w->new_rule = nr;
		check_gate(c->opts, o, nr, w);
		w->override_pending = override_pending(c->opts, o, nr);
		w->status_after = sd_xstrdup(final);
		kn = sd_cl_status_name(sd_cl_status_parse(st), SD_CL_CKL);
		if (sd_cl_status_parse(st) != SD_CL_NOT_REVIEWED &&
		    (!kn || strcmp(final, kn)))
			c->out->status_reset++;
		if (i)
			sd_buf_addstr(&note, ", ");
		describe(&note, o);
		so_i = o->field[SD_CL_SEVERITY_OVERRIDE];
		sd_buf_addf(&note, " [%s%s%s]", st && *st ? st : "Not_Reviewed",
			    sd_cl_blank(so_i) ? "" : ", override ",
			    sd_cl_blank(so_i) ? "" : so_i);
	}
	sd_buf_addf(&note, " of %s; status %s", c->old_name, final);
	add_note(nv, note.ptr);
	sd_buf_release(&note);
	free(idx);
}

static int accepted(const struct sd_mig_link *l, const struct sd_mig_opts *o)
{
	return !l->below_threshold || l->score >= o->accept_below;
}

/* "V-2, V-3 and this rule": the new rules old rule `oi` was split into,
 * seen from new rule `j`. */
static void split_parts(struct sd_buf *parts, const struct sd_benchmark *nb,
			const struct sd_mig_link *links, size_t nlinks,
			const struct sd_mig_opts *opts, size_t oi, size_t j)
{
	sd_buf_reset(parts);
	for (size_t k = 0; k < nlinks; k++) {
		const struct sd_mig_link *l = &links[k];
		const char *vid;

		if (l->old_index != oi || l->new_index == j ||
		    l->new_index >= nb->nrules || !accepted(l, opts))
			continue;
		vid = nb->rules[l->new_index].vuln_id;
		if (parts->len)
			sd_buf_addstr(parts, ", ");
		sd_buf_addstr(parts, vid ? vid : "?");
	}
	sd_buf_addstr(parts, parts->len ? " and this rule" : "this rule");
}

/*
 * A row for every old rule whose work did not land: duplicates, rules
 * with only a candidate too weak to carry (review), rules with no
 * successor (dropped).
 */
static void not_landed(struct ctx *c, const struct sd_mig_link *links,
		       size_t nlinks, const size_t *dup,
		       const size_t *nper_old)
{
	const struct sd_cl_stig *s = c->old;
	struct sd_mig_stig *out = c->out;

	for (size_t i = 0; i < s->nvulns; i++) {
		const struct sd_cl_vuln *o = &s->vulns[i];
		const struct sd_mig_link *best = NULL;
		struct sd_mig_row *w;

		if (dup && dup[i] != SD_MIG_NONE) {
			struct sd_buf b = SD_BUF_INIT;

			w = add_row(out, SD_MIG_DUPLICATE);
			set_old(w, o);
			sd_buf_addf(&b, "same rule id as old rule %zu, ",
				    dup[i] + 1);
			describe(&b, &s->vulns[dup[i]]);
			sd_buf_addstr(&b, ", which was migrated in its place");
			w->note = sd_buf_detach(&b);
			out->lost_work += sd_cl_vuln_has_assessment(o);
			continue;
		}
		if (nper_old[i])
			continue;
		for (size_t k = 0; k < nlinks; k++) {
			const struct sd_mig_link *l = &links[k];

			if (l->old_index == i && l->new_index < c->nb->nrules &&
			    (!best || l->score > best->score))
				best = l;
		}
		w = add_row(out, best ? SD_MIG_REVIEW : SD_MIG_DROPPED);
		set_old(w, o);
		if (best) {
			set_link(w, best);
			w->new_rule = &c->nb->rules[best->new_index];
		}
		out->lost_work += sd_cl_vuln_has_assessment(o);
	}
}

void sd_migrate_stig(struct sd_cl_stig *s, const struct sd_benchmark *nb,
		     const struct sd_mig_link *links, size_t nlinks,
		     const size_t *dup, const struct sd_mig_opts *opts,
		     struct sd_mig_stig *out)
{
	static const char *const identity[] = {
		"version", "stigid", "description", "filename", "releaseinfo",
		"title", "uuid",
	};
	struct sd_mig_opts defaults = SD_MIG_OPTS_INIT;
	struct sd_cl_stig fresh;
	struct sd_buf name = SD_BUF_INIT, parts = SD_BUF_INIT;
	const struct sd_mig_link **per_new;
	size_t *nper_old;
	struct ctx c;
	char vr[32];

	if (!opts)
		opts = &defaults;
	old_identity(out, s);
	out->new_id = dup_or_null(nb->id);
	out->new_vr = sd_xstrdup(sd_benchmark_vr(nb, vr));
	out->new_title = dup_or_null(nb->title);
	out->migrated = 1;
	out->cross_product = sd_strcmp_null(out->old_id, nb->id) != 0;
	sd_buf_addf(&name, "%s %s", out->old_id ? out->old_id : "(no stigid)",
		    out->old_vr);
	c.old = s;
	c.nb = nb;
	c.opts = opts;
	c.out = out;
	c.old_name = name.ptr;

	/* How many accepted links each old rule has. */
	per_new = sd_xcalloc(nlinks + 1, sizeof(*per_new));
	nper_old = sd_xcalloc(s->nvulns + 1, sizeof(*nper_old));
	for (size_t k = 0; k < nlinks; k++) {
		const struct sd_mig_link *l = &links[k];

		if (l->old_index >= s->nvulns || l->new_index >= nb->nrules ||
		    (dup && dup[l->old_index] != SD_MIG_NONE) ||
		    !accepted(l, opts))
			continue;
		nper_old[l->old_index]++;
	}

	memset(&fresh, 0, sizeof(fresh));
	sd_cl_stig_from_benchmark(&fresh, nb);
	for (size_t j = 0; j < nb->nrules; j++) {
		struct sd_cl_vuln *nv = &fresh.vulns[j];
		const struct sd_rule *nr = &nb->rules[j];
		size_t n = 0;

		for (size_t k = 0; k < nlinks; k++) {
			const struct sd_mig_link *l = &links[k];

			if (l->new_index == j && l->old_index < s->nvulns &&
			    (!dup || dup[l->old_index] == SD_MIG_NONE) &&
			    accepted(l, opts))
				per_new[n++] = l;
		}
		if (!n) {
			struct sd_mig_row *w = add_row(out, SD_MIG_NEW);

			w->new_rule = nr;
			w->status_after = sd_xstrdup("Not_Reviewed");
			continue;
		}
		if (n > 1 || per_new[0]->merge) {
			carry_merged(&c, nv, nr, per_new, n);
			continue;
		}
		if (per_new[0]->split || nper_old[per_new[0]->old_index] > 1) {
			split_parts(&parts, nb, links, nlinks, opts,
				    per_new[0]->old_index, j);
			carry_one(&c, nv, nr, per_new[0], parts.ptr);
			continue;
		}
		carry_one(&c, nv, nr, per_new[0], NULL);
	}
	not_landed(&c, links, nlinks, dup, nper_old);

	/* The STIG becomes the new benchmark's, its own extras kept. */
	for (size_t k = 0; k < SD_ARRAY_SIZE(identity); k++)
		sd_cl_pairs_set(&s->info, identity[k],
				sd_cl_stig_get(&fresh, identity[k]));
	sd_cl_stig_clear_vulns(s);
	s->vulns = fresh.vulns;
	s->nvulns = fresh.nvulns;
	s->cap = fresh.cap;
	/* A .cklb's rule count (carried in STIG_INFO) follows the rules. */
	if (sd_cl_stig_get(s, "size")) {
		char n[32];

		snprintf(n, sizeof(n), "%zu", s->nvulns);
		sd_cl_pairs_set(&s->info, "size", n);
	}
	sd_cl_pairs_release(&fresh.info);

	free(per_new);
	free(nper_old);
	sd_buf_release(&name);
	sd_buf_release(&parts);
}
