/*
 * The fleet report of `migrate` over many checklists (migrate.h,
 * sd_fleet_*): which asset must re-check which rules, counts per asset,
 * the checklists that could not be migrated and why. Markdown and JSON
 * keep one small summary per checklist (its re-check list and counts,
 * not its rules); CSV streams one row per asset and rule as each
 * checklist is done. Memory does not grow with the rules of the fleet.
 */
#include "migrate.h"
#include "buf.h"
#include "csv.h"
#include "error.h"
#include "json.h"

#include <stdlib.h>
#include <string.h>

struct entry {
	char *source, *output, *asset, *error;
	size_t count[SD_MIG_NDECISIONS];
	size_t recheck, lost, stigs;
	char *detail; /* Markdown: the asset's section */
};

struct sd_fleet {
	enum sd_fleet_format format;
	FILE *fp;
	struct entry *v;
	size_t n, cap;
	struct sd_json *checklists; /* JSON */
	size_t rows;                /* CSV rows written */
	int write_err;
};

static const char *nz(const char *s)
{
	return s ? s : "";
}

static void csv_row(struct sd_fleet *f, const char *const *cells, size_t n)
{
	struct sd_buf line = SD_BUF_INIT;

	for (size_t i = 0; i < n; i++)
		sd_csv_field(&line, cells[i], i + 1 == n);
	if (fwrite(line.ptr, 1, line.len, f->fp) != line.len)
		f->write_err = 1;
	sd_buf_release(&line);
}

static const char *const csv_head[] = {
	"asset", "checklist", "stig", "new-stig", "old-vuln-id",
	"new-vuln-id", "new-stig-id", "decision", "re-check",
	"status-before", "status-after", "error"
};

struct sd_fleet *sd_fleet_new(enum sd_fleet_format format, FILE *fp)
{
	struct sd_fleet *f = sd_xcalloc(1, sizeof(*f));

	f->format = format;
	f->fp = fp;
	if (format == SD_FLEET_JSON)
		f->checklists = sd_json_array_new();
	if (format == SD_FLEET_CSV)
		csv_row(f, csv_head, SD_ARRAY_SIZE(csv_head));
	return f;
}

static struct entry *add_entry(struct sd_fleet *f, const char *source,
			       const char *output, const char *asset)
{
	struct entry *e;

	SD_ALLOC_GROW(f->v, f->n, f->cap);
	e = &f->v[f->n++];
	memset(e, 0, sizeof(*e));
	e->source = sd_xstrdup(source);
	e->output = output ? sd_xstrdup(output) : NULL;
	e->asset = sd_xstrdup(asset && *asset ? asset : source);
	return e;
}

/* The CSV rows of one checklist: every rule of every migrated STIG. */
static void csv_rows(struct sd_fleet *f, const struct entry *e,
		     const struct sd_mig_report *r)
{
	struct sd_buf why = SD_BUF_INIT, stig = SD_BUF_INIT, nstig = SD_BUF_INIT;

	for (size_t i = 0; i < r->nstigs; i++) {
		const struct sd_mig_stig *s = &r->stigs[i];

		if (!s->migrated)
			continue;
		sd_buf_reset(&stig);
		sd_buf_reset(&nstig);
		sd_buf_addf(&stig, "%s %s", nz(s->old_id), nz(s->old_vr));
		sd_buf_addf(&nstig, "%s %s", nz(s->new_id), nz(s->new_vr));
		for (size_t k = 0; k < s->nrows; k++) {
			const struct sd_mig_row *w = &s->rows[k];
			const char *cells[SD_ARRAY_SIZE(csv_head)];

			sd_buf_reset(&why);
			sd_mig_row_recheck(w, &why);
			cells[0] = e->asset;
			cells[1] = e->source;
			cells[2] = stig.ptr;
			cells[3] = nstig.ptr;
			cells[4] = w->has_old ? sd_cl_vuln_get(&w->old, "Vuln_Num")
					      : "";
			cells[5] = w->new_rule ? nz(w->new_rule->vuln_id) : "";
			cells[6] = w->new_rule ? nz(w->new_rule->stig_id) : "";
			cells[7] = sd_mig_decision_name(w->decision);
			cells[8] = why.ptr;
			cells[9] = nz(w->status_before);
			cells[10] = nz(w->status_after);
			cells[11] = "";
			csv_row(f, cells, SD_ARRAY_SIZE(cells));
			f->rows++;
		}
	}
	sd_buf_release(&why);
	sd_buf_release(&stig);
	sd_buf_release(&nstig);
}

/* The asset's Markdown section: per STIG its counts and what to re-check. */
static char *md_section(const struct entry *e, const struct sd_mig_report *r)
{
	struct sd_buf b = SD_BUF_INIT, why = SD_BUF_INIT;

	sd_buf_addf(&b, "## %s\n\n- Checklist: `%s`\n", e->asset, e->source);
	if (e->output)
		sd_buf_addf(&b, "- Migrated: `%s`\n", e->output);
	for (size_t i = 0; i < r->nstigs; i++) {
		const struct sd_mig_stig *s = &r->stigs[i];
		size_t n = 0;

		if (!s->migrated) {
			sd_buf_addf(&b, "- %s %s: left as it was (%s)\n",
				    nz(s->old_id), nz(s->old_vr), nz(s->reason));
			continue;
		}
		sd_buf_addf(&b, "- %s %s -> %s %s:", nz(s->old_id),
			    nz(s->old_vr), nz(s->new_id), nz(s->new_vr));
		for (int d = 0; d < SD_MIG_NDECISIONS; d++)
			if (s->count[d])
				sd_buf_addf(&b, "%s %zu %s", n++ ? "," : "",
					    s->count[d], sd_mig_decision_name(d));
		if (s->lost_work)
			sd_buf_addf(&b, "; %zu with assessment not carried",
				    s->lost_work);
		sd_buf_addch(&b, '\n');
	}
	sd_buf_addch(&b, '\n');
	for (size_t i = 0; i < r->nstigs; i++) {
		const struct sd_mig_stig *s = &r->stigs[i];
		int head = 0;

		for (size_t k = 0; s->migrated && k < s->nrows; k++) {
			const struct sd_mig_row *w = &s->rows[k];

			sd_buf_reset(&why);
			if (!sd_mig_row_recheck(w, &why))
				continue;
			if (!head++)
				sd_buf_addf(&b, "Re-check in %s %s:\n\n",
					    nz(s->new_id), nz(s->new_vr));
			sd_buf_addf(&b, "- %s %s", nz(w->new_rule->vuln_id),
				    nz(w->new_rule->stig_id));
			if (w->has_old)
				sd_buf_addf(&b, " (from %s)",
					    sd_cl_vuln_get(&w->old, "Vuln_Num"));
			sd_buf_addf(&b, ": %s\n", why.ptr);
		}
		if (head)
			sd_buf_addch(&b, '\n');
	}
	sd_buf_release(&why);
	return sd_buf_detach(&b);
}

static struct sd_json *json_entry(const struct entry *e,
				  const struct sd_mig_report *r)
{
	struct sd_json *j = sd_json_object_new(), *stigs = sd_json_array_new();
	struct sd_buf why = SD_BUF_INIT;

	sd_json_set_str(j, "asset", e->asset);
	sd_json_set_str(j, "checklist", e->source);
	sd_json_set(j, "output", sd_json_string_new(e->output));
	sd_json_set(j, "error", sd_json_string_new(e->error));
	for (size_t i = 0; r && i < r->nstigs; i++) {
		const struct sd_mig_stig *s = &r->stigs[i];
		struct sd_json *o = sd_json_object_new();
		struct sd_json *re = sd_json_array_new();

		sd_json_set(o, "old", sd_json_string_new(s->old_id));
		sd_json_set(o, "old-version", sd_json_string_new(s->old_vr));
		sd_json_set(o, "new", sd_json_string_new(s->new_id));
		sd_json_set(o, "new-version", sd_json_string_new(s->new_vr));
		sd_json_set(o, "migrated", sd_json_bool_new(s->migrated));
		sd_mig_stig_counts_json(s, o);
		for (size_t k = 0; s->migrated && k < s->nrows; k++) {
			const struct sd_mig_row *w = &s->rows[k];
			struct sd_json *x;

			sd_buf_reset(&why);
			if (!sd_mig_row_recheck(w, &why))
				continue;
			x = sd_json_object_new();
			sd_json_set(x, "new-vuln-id",
				    sd_json_string_new(w->new_rule->vuln_id));
			sd_json_set(x, "new-stig-id",
				    sd_json_string_new(w->new_rule->stig_id));
			sd_json_set(x, "old-vuln-id", w->has_old
				    ? sd_json_string_new(sd_cl_vuln_get(&w->old, "Vuln_Num"))
				    : sd_json_null_new());
			sd_json_set_str(x, "why", why.ptr);
			sd_json_append(re, x);
		}
		sd_json_set(o, "re-check", re);
		sd_json_append(stigs, o);
	}
	sd_json_set(j, "stigs", stigs);
	sd_buf_release(&why);
	return j;
}

void sd_fleet_add(struct sd_fleet *f, const char *source, const char *output,
		  const char *asset, const struct sd_mig_report *r)
{
	struct entry *e = add_entry(f, source, output, asset);
	struct sd_buf why = SD_BUF_INIT;

	for (size_t i = 0; i < r->nstigs; i++) {
		const struct sd_mig_stig *s = &r->stigs[i];

		if (!s->migrated)
			continue;
		e->stigs++;
		e->lost += s->lost_work;
		for (int d = 0; d < SD_MIG_NDECISIONS; d++)
			e->count[d] += s->count[d];
		for (size_t k = 0; k < s->nrows; k++) {
			sd_buf_reset(&why);
			e->recheck += sd_mig_row_recheck(&s->rows[k], &why) > 0;
		}
	}
	sd_buf_release(&why);
	if (f->format == SD_FLEET_CSV)
		csv_rows(f, e, r);
	else if (f->format == SD_FLEET_JSON)
		sd_json_append(f->checklists, json_entry(e, r));
	else
		e->detail = md_section(e, r);
}

void sd_fleet_problem(struct sd_fleet *f, const char *source,
		      const char *message)
{
	struct entry *e = add_entry(f, source, NULL, NULL);

	e->error = sd_xstrdup(message);
	if (f->format == SD_FLEET_CSV) {
		const char *cells[SD_ARRAY_SIZE(csv_head)] = {
			e->asset, source, "", "", "", "", "", "error", "", "",
			"", message
		};

		csv_row(f, cells, SD_ARRAY_SIZE(cells));
	} else if (f->format == SD_FLEET_JSON) {
		sd_json_append(f->checklists, json_entry(e, NULL));
	}
}

void sd_fleet_counts(const struct sd_fleet *f, size_t *done, size_t *failed,
		     size_t *lost)
{
	*done = *failed = *lost = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (f->v[i].error)
			(*failed)++;
		else
			(*done)++;
		*lost += f->v[i].lost;
	}
}

static void md_write(const struct sd_fleet *f, struct sd_buf *b)
{
	size_t done, failed, lost, recheck = 0;

	sd_fleet_counts(f, &done, &failed, &lost);
	for (size_t i = 0; i < f->n; i++)
		recheck += f->v[i].recheck;
	sd_buf_addf(b, "# Fleet migration\n\n%zu checklist%s migrated, %zu "
		    "could not be; %zu rule%s to re-check, %zu old rule%s "
		    "with assessment not carried.\n\n",
		    done, done == 1 ? "" : "s", failed, recheck,
		    recheck == 1 ? "" : "s", lost, lost == 1 ? "" : "s");
	sd_buf_addstr(b, "## Re-check per asset\n\n"
			 "| asset | checklist | re-check | not carried | carried | carried-check-changed | split | merged | review | new | dropped |\n"
			 "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < f->n; i++) {
		const struct entry *e = &f->v[i];

		if (e->error)
			continue;
		sd_buf_addf(b, "| %s | `%s` | %zu | %zu", e->asset, e->source,
			    e->recheck, e->lost);
		for (int d = SD_MIG_CARRIED; d <= SD_MIG_DROPPED; d++)
			sd_buf_addf(b, " | %zu", e->count[d]);
		sd_buf_addstr(b, " |\n");
	}
	sd_buf_addch(b, '\n');
	if (failed) {
		sd_buf_addstr(b, "## Not migrated\n\n");
		for (size_t i = 0; i < f->n; i++)
			if (f->v[i].error)
				sd_buf_addf(b, "- `%s`: %s\n", f->v[i].source,
					    f->v[i].error);
		sd_buf_addch(b, '\n');
	}
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].detail)
			sd_buf_addstr(b, f->v[i].detail);
}

int sd_fleet_finish(struct sd_fleet *f)
{
	struct sd_buf b = SD_BUF_INIT;
	int err = 0;

	if (f->format == SD_FLEET_JSON) {
		struct sd_json *root = sd_json_object_new();

		sd_json_set_str(root, "format", "stigdiff-fleet-migration");
		sd_json_set_int(root, "format-version", 1);
		sd_json_set(root, "checklists", f->checklists);
		f->checklists = NULL;
		err = sd_json_dump(root, f->fp, SD_JSON_PRETTY);
		sd_json_free(root);
		return err;
	}
	if (f->format == SD_FLEET_CSV)
		return f->write_err ? sd_write_failed("the fleet report") : 0;
	md_write(f, &b);
	if (b.len > 1 && b.ptr[b.len - 1] == '\n' && b.ptr[b.len - 2] == '\n')
		sd_buf_setlen(&b, b.len - 1);
	if (fwrite(b.ptr, 1, b.len, f->fp) != b.len)
		err = sd_write_failed("the fleet report");
	sd_buf_release(&b);
	return err;
}

void sd_fleet_free(struct sd_fleet *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].source);
		free(f->v[i].output);
		free(f->v[i].asset);
		free(f->v[i].error);
		free(f->v[i].detail);
	}
	free(f->v);
	sd_json_free(f->checklists);
	free(f);
}
