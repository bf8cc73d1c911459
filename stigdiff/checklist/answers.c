/*
 * Answer files carried to a new release (answers.h). The old benchmark
 * becomes a checklist STIG whose answered rules hold the answers (the
 * Vuln's XML as finding details, so the report writes a rule that is not
 * carried out in full); migrate's plan and engine decide; the report
 * keeps the rows of answered rules; the answer file follows the rows.
 */
#include "answers.h"
#include "buf.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* As migrate pairs a checklist STIG with a benchmark of another id
 * (cmd_migrate.c, PAIR_SHARE: measured on every pair of Exchange STIGs). */
#define PAIR_SHARE (2.0 / 3.0)
#define MARK "[stigdiff migrate]"

static int same_ci(const char *a, const char *b)
{
	return a && b && !strcasecmp(a, b);
}

/* The old rule an answer file ID names: its V-ID or rule id, else any id
 * of it (the SV number, the STIG id, a legacy id). */
static size_t resolve(const struct sd_benchmark *ob, const char *id)
{
	for (size_t k = 0; k < ob->nrules; k++)
		if (same_ci(ob->rules[k].vuln_id, id) ||
		    same_ci(ob->rules[k].rule_id, id))
			return k;
	for (size_t k = 0; k < ob->nrules; k++)
		if (sd_rule_has_id(&ob->rules[k], id))
			return k;
	return SD_MIG_NONE;
}

/* The answered Vuln a row's old rule holds, or SD_MIG_NONE. */
static size_t answer_of(const struct sd_mig_row *w, const size_t *vuln_of,
			size_t n, const struct sd_benchmark *ob)
{
	const char *vid;

	if (!w->has_old || !(vid = sd_cl_vuln_get(&w->old, "Vuln_Num")))
		return SD_MIG_NONE;
	for (size_t i = 0; i < n; i++)
		if (vuln_of[i] != SD_MIG_NONE &&
		    same_ci(ob->rules[vuln_of[i]].vuln_id, vid))
			return i;
	return SD_MIG_NONE;
}

static void add_note(struct sd_mig_row *w, const char *fmt, const char *a)
{
	struct sd_buf b = SD_BUF_INIT;

	if (w->note)
		sd_buf_addf(&b, "%s; ", w->note);
	sd_buf_addf(&b, fmt, a);
	free(w->note);
	w->note = sd_buf_detach(&b);
}

/* The ID a Vuln takes for new rule r: a rule id stays a rule id. */
static const char *new_id(const char *old_id, const struct sd_rule *r)
{
	if (old_id && !strncasecmp(old_id, "SV-", 3) && r->rule_id)
		return r->rule_id;
	return r->vuln_id ? r->vuln_id : r->rule_id;
}

/* What the old rule was, for comments: "V-1 (SV-1r2_rule, AB-01) of X V1R2". */
static void origin(struct sd_buf *b, const struct sd_rule *o,
		   const struct sd_mig_stig *out)
{
	sd_buf_addf(b, "%s (%s, %s) of %s %s", o->vuln_id ? o->vuln_id : "?",
		    o->rule_id ? o->rule_id : "?", o->stig_id ? o->stig_id : "?",
		    out->old_id ? out->old_id : "?", out->old_vr ? out->old_vr : "");
}

/* Edit Vuln i after the rows about its old rule. */
static void follow(struct sd_answerfile *af, size_t i, const struct sd_rule *o,
		   struct sd_mig_stig *out, size_t *first_of_new,
		   const struct sd_benchmark *nb)
{
	const char *old_id = af->v[i].id;
	char *keep_id = sd_xstrdup(old_id);
	int placed = 0;
	/* Comments go in last, so a split's copies are of the Vuln as read. */
	struct sd_strv notes = SD_STRV_INIT;
	size_t *where = sd_xcalloc(out->nrows + 1, sizeof(*where));

	for (size_t k = 0; k < out->nrows; k++) {
		struct sd_mig_row *w = &out->rows[k];
		const struct sd_rule *r = w->new_rule;
		size_t ni, at;
		struct sd_buf c = SD_BUF_INIT;

		if (!w->has_old || !same_ci(sd_cl_vuln_get(&w->old, "Vuln_Num"),
					    o->vuln_id))
			continue;
		if (w->decision == SD_MIG_REVIEW || w->decision == SD_MIG_DROPPED ||
		    !r) {
			sd_af_remove(af, i);
			add_note(w, "%s", "removed from the answer file (in full here)");
			continue;
		}
		ni = (size_t)(r - nb->rules);
		if (w->decision == SD_MIG_MERGED &&
		    first_of_new[ni] != SD_MIG_NONE && first_of_new[ni] != i) {
			size_t left = sd_af_merge(af, first_of_new[ni], i);

			if (left)
				add_note(w, "%s", "answer keys whose Name the merged Vuln already has stay under the old ID");
			else
				add_note(w, "answer keys moved under %s", new_id(keep_id, r));
			placed = 1;
			continue;
		}
		at = i;
		if (!placed)
			sd_af_set_id(af, i, new_id(keep_id, r));
		else
			at = sd_af_copy(af, i, new_id(keep_id, r));
		if (first_of_new[ni] == SD_MIG_NONE)
			first_of_new[ni] = at;
		placed = 1;
		if (w->check_changed) {
			sd_buf_addf(&c, "%s check text changed since ", MARK);
			origin(&c, o, out);
			sd_buf_addstr(&c, ": review these answers");
		} else if (strcasecmp(keep_id, new_id(keep_id, r))) {
			sd_buf_addf(&c, "%s from ", MARK);
			origin(&c, o, out);
		}
		if (c.len) {
			where[notes.n] = at;
			sd_strv_push(&notes, c.ptr);
			add_note(w, "%s", c.ptr + strlen(MARK) + 1);
		}
		sd_buf_release(&c);
	}
	/* Copies inserted after a commented Vuln shift no earlier index. */
	for (size_t k = 0; k < notes.n; k++)
		sd_af_comment(af, where[k], notes.v[k]);
	sd_strv_release(&notes);
	free(where);
	free(keep_id);
}

/* Add a note to the rows about the old rule `vid`. */
static void note_rule(struct sd_mig_stig *out, const char *vid,
		      const char *note)
{
	for (size_t k = 0; k < out->nrows; k++)
		if (out->rows[k].has_old &&
		    same_ci(sd_cl_vuln_get(&out->rows[k].old, "Vuln_Num"), vid))
			add_note(&out->rows[k], "%s", note);
}

/* *slot, then a blank line and `s` (taken over); `s` alone when *slot is
 * empty. */
static void append(char **slot, char *s)
{
	struct sd_buf b = SD_BUF_INIT;

	if (sd_cl_blank(*slot)) {
		free(*slot);
		*slot = s;
		return;
	}
	sd_buf_addf(&b, "%s\n\n%s", *slot, s);
	free(*slot);
	free(s);
	*slot = sd_buf_detach(&b);
}

/* Keep only the rows about answered rules; count again. */
static void keep_answered(struct sd_mig_stig *out, const size_t *vuln_of,
			  size_t n, const struct sd_benchmark *ob)
{
	size_t k = 0;

	memset(out->count, 0, sizeof(out->count));
	out->lost_work = out->status_reset = 0;
	for (size_t j = 0; j < out->nrows; j++) {
		struct sd_mig_row *w = &out->rows[j];

		if (answer_of(w, vuln_of, n, ob) == SD_MIG_NONE) {
			sd_mig_row_release(w);
			continue;
		}
		out->rows[k++] = *w;
	}
	out->nrows = k;
	for (size_t j = 0; j < k; j++) {
		const struct sd_mig_row *w = &out->rows[j];

		out->count[w->decision]++;
		if (w->decision == SD_MIG_REVIEW || w->decision == SD_MIG_DROPPED ||
		    w->decision == SD_MIG_DUPLICATE)
			out->lost_work++;
	}
}

/* A row for a Vuln naming no rule of the old release. */
static void unknown_row(struct sd_mig_stig *out, struct sd_answerfile *af,
			size_t i)
{
	struct sd_mig_row *w;
	char *xml = sd_af_vuln_xml(af, i);

	SD_ALLOC_GROW(out->rows, out->nrows, out->cap);
	w = &out->rows[out->nrows++];
	memset(w, 0, sizeof(*w));
	w->decision = SD_MIG_DROPPED;
	w->has_old = 1;
	sd_cl_pairs_add(&w->old.data, "Vuln_Num", af->v[i].id);
	w->old.field[SD_CL_FINDING_DETAILS] = xml;
	w->old.field[SD_CL_COMMENTS] = sd_xstrdup("");
	w->note = sd_xstrdup("names no rule of the old release: left in the answer file as it was");
	out->count[SD_MIG_DROPPED]++;
	out->lost_work++;
}

int sd_answers_migrate(struct sd_answerfile *af, const struct sd_benchmark *ob,
		       const struct sd_benchmark *nb,
		       const struct sd_mig_opts *opts, int force,
		       struct sd_mig_stig *out)
{
	struct sd_checklist *cl = sd_checklist_from_benchmark(ob);
	struct sd_cl_stig *s = &cl->stigs[0];
	size_t n = af->n, *vuln_of = sd_xcalloc(n + 1, sizeof(*vuln_of));
	size_t *first_of_new = sd_xcalloc(nb->nrules + 1, sizeof(size_t));
	size_t *handled = sd_xcalloc(ob->nrules + 1, sizeof(size_t));
	struct sd_mig_plan p;
	struct sd_mig_opts o = *opts;
	int err;

	/* The gate compares DISA's own check texts of the old release. */
	o.old_release = ob;
	opts = &o;
	memset(&p, 0, sizeof(p));
	for (size_t j = 0; j <= nb->nrules; j++)
		first_of_new[j] = SD_MIG_NONE;
	for (size_t j = 0; j <= ob->nrules; j++)
		handled[j] = SD_MIG_NONE;
	/* The answers, on the rules they answer. */
	for (size_t i = 0; i < n; i++) {
		struct sd_cl_vuln *v;
		char buf[128];

		vuln_of[i] = resolve(ob, af->v[i].id);
		if (vuln_of[i] == SD_MIG_NONE)
			continue;
		v = &s->vulns[vuln_of[i]];
		snprintf(buf, sizeof(buf), "answer file Vuln %s, %zu answers",
			 af->v[i].id, af->v[i].nanswers);
		append(&v->field[SD_CL_FINDING_DETAILS], sd_af_vuln_xml(af, i));
		append(&v->field[SD_CL_COMMENTS], sd_xstrdup(buf));
	}
	if ((err = sd_mig_plan_make(&p, s, nb, opts)) < 0)
		goto done;
	if (sd_strcmp_null(ob->id, nb->id) && !force &&
	    (!p.nold || (double)p.matched / (double)p.nold < PAIR_SHARE)) {
		err = sd_error_set(SD_EUSAGE,
				   "'%s' answers '%s', not '%s' (%zu of %zu rules match); use --force to migrate anyway",
				   af->source, ob->id ? ob->id : "?",
				   nb->id ? nb->id : "?", p.matched, p.nold);
		goto done;
	}
	sd_migrate_stig(s, nb, p.links, p.nlinks, p.dup, opts, out);
	keep_answered(out, vuln_of, n, ob);
	/* Edit in file order; the copies a split inserts after a Vuln are
	 * stepped over. */
	for (size_t i = 0, orig = 0; orig < n; orig++) {
		size_t before = af->n, k = vuln_of[orig];

		if (k == SD_MIG_NONE) {
			unknown_row(out, af, i);
		} else if (handled[k] != SD_MIG_NONE) {
			/* A second Vuln for the same rule (its V-ID and its rule
			 * id): its keys join the first's, wherever that went. */
			size_t left = 0;

			if (af->v[handled[k]].node)
				left = sd_af_merge(af, handled[k], i);
			else
				sd_af_remove(af, i);
			note_rule(out, ob->rules[k].vuln_id, left
				  ? "a second Vuln answers this rule: keys whose Name the first has stay under its old ID"
				  : "a second Vuln answers this rule: its answer keys joined the first's");
		} else {
			handled[k] = i;
			follow(af, i, &ob->rules[k], out, first_of_new, nb);
		}
		i += 1 + (af->n - before);
	}
done:
	sd_mig_plan_release(&p);
	sd_checklist_free(cl);
	free(vuln_of);
	free(first_of_new);
	free(handled);
	return err;
}
