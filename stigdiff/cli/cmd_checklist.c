/*
 * stigdiff checklist: STIG Viewer checklists on their own. `new` makes an
 * empty checklist for benchmarks, `set` edits asset fields in place,
 * `convert` rewrites one as .ckl or .cklb, `stats` counts statuses by
 * severity per STIG, and `check` runs the structural check STIG Viewer's
 * readers need.
 */
#include "cci.h"
#include "checklist.h"
#include "checklist_io.h"
#include "cli.h"
#include "cmd_checklist_int.h"
#include "error.h"
#include "json.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"stigdiff checklist <new|merge|set|convert|stats|check|diff> [options] ...\n\n"
	"STIG Viewer checklists: .ckl (STIG Viewer 2, XML) and .cklb (STIG\n"
	"Viewer 3, JSON).\n\n"
	"    new XCCDF|ZIP...  a checklist for benchmarks (--results: filled)\n"
	"    merge CHECKLIST   scan results (--results FILE) into a checklist\n"
	"    set FILE K=V...   set asset fields (host-name=...) in place\n"
	"    convert IN        rewrite a checklist as .ckl or .cklb\n"
	"    stats IN          statuses by severity, per STIG\n"
	"    check IN...       the structure STIG Viewer needs\n"
	"    diff OLD NEW      what moved between two checklists of one asset\n\n"
	"'stigdiff checklist <subcommand> --help' shows its options.";

/*
 * The format to write: --format, else the output's extension, else
 * `fallback`. Returns SD_CL_NONE (after a usage error) when --format is
 * unknown.
 */
static enum sd_cl_format out_format(const char *cmd, const char *format,
				    const char *output,
				    enum sd_cl_format fallback)
{
	enum sd_cl_format f;

	if (format) {
		f = sd_cl_format_parse(format);
		if (f == SD_CL_NONE)
			sd_cli_usage_error(cmd, "unknown format '%s' (ckl or cklb)",
					   format);
		return f;
	}
	f = sd_cl_format_of_path(output);
	return f != SD_CL_NONE ? f : fallback;
}

/* Write `cl` as `f` to `output` ("-" or NULL: stdout), all or nothing. */
static int write_out(struct sd_checklist *cl, enum sd_cl_format f,
		     const char *output, int force)
{
	struct sd_outfile out;

	if (sd_outfile_open(&out, output, force) < 0)
		return sd_cli_fail();
	if (sd_checklist_write(cl, f, out.fp) < 0) {
		sd_outfile_abort(&out);
		return sd_cli_fail();
	}
	if (sd_outfile_commit(&out) < 0)
		return sd_cli_fail();
	return SD_EXIT_OK;
}

static int cmd_new(int argc, char **argv)
{
	static const char u[] =
		"stigdiff checklist new [--format ckl|cklb] [-o FILE] [--benchmark ID] [asset options]\n"
		"        [--results FILE]... [--report FILE] XCCDF|ZIP...\n\n"
		"Write an empty checklist for the benchmarks, as STIG Viewer creates\n"
		"one: one STIG per benchmark (several make a multi-STIG checklist),\n"
		"every rule Not_Reviewed, every rule field filled from the benchmark,\n"
		"the asset fields from the options. The format is --format, else\n"
		"FILE's extension, else ckl. With --results, scan results (XCCDF\n"
		"TestResults, ARF reports, zips of them) fill statuses and finding\n"
		"details; exit status 1 when some results found no rule.";
	struct sd_cli_source cs = SD_CLI_SOURCE_INIT;
	struct sd_cli_asset asset = { { NULL }, 0 };
	struct sd_source_opts so;
	struct sd_strv args = SD_STRV_INIT, formats = SD_STRV_INIT;
	struct sd_benchmark **b = NULL;
	struct sd_checklist *cl = NULL;
	struct cmd_cl_results res;
	const char *format = NULL, *output = NULL, *select = NULL;
	int rc = SD_EXIT_OK, force = 0;
	enum sd_cl_format f;
	const struct sd_opt opts[] = {
		{ SD_OPT_LIST, 0, "format", &formats, "FMT",
		  "ckl (STIG Viewer 2) or cklb (STIG Viewer 3); with --report,\n"
		  "markdown or json (the report)" },
		{ SD_OPT_STRING, 'o', "output", &output, "FILE",
		  "write to FILE instead of standard output" },
		{ SD_OPT_FLAG, 'f', "force", &force, NULL,
		  "overwrite FILE if it exists" },
		{ SD_OPT_STRING, 'b', "benchmark", &select, "ID",
		  "the benchmark with this id when an input holds several" },
		{ SD_OPT_MULTI, 0, "results", &res.files, "FILE",
		  "fill from XCCDF results, an ARF report or a zip (repeat)" },
		{ SD_OPT_STRING, 0, "report", &res.report, "FILE",
		  "with --results: the report to FILE" },
		SD_OPT_ASSET(&asset),
		SD_OPT_INPUT_LIMITS(&cs),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	memset(&res, 0, sizeof(res));
	if (sd_cli_parse(argc, argv, opts, u, &args, &rc))
		goto done;
	if (!args.n) {
		rc = sd_cli_usage_error("checklist new",
					"expected a benchmark input");
		goto done;
	}
	for (size_t i = 0; i < formats.n; i++) {
		if (!strcmp(formats.v[i], "json"))
			res.json = 1;
		else if (strcmp(formats.v[i], "markdown"))
			format = formats.v[i];
	}
	if ((f = out_format("checklist new", format, output, SD_CL_CKL)) ==
	    SD_CL_NONE) {
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	sd_cli_source_opts(&cs, &so);
	b = sd_xcalloc(args.n, sizeof(*b));
	for (size_t i = 0; i < args.n; i++) {
		if (sd_source_load_one(args.v[i], select, &so, &b[i]) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
		/* STIG Viewer holds one STIG of an id per checklist. */
		for (size_t k = 0; k < i; k++)
			if (!sd_strcmp_null(b[k]->id, b[i]->id)) {
				rc = sd_cli_usage_error(
					"checklist new",
					"benchmark '%s' is given twice ('%s' and '%s')",
					b[i]->id ? b[i]->id : "?", args.v[k],
					args.v[i]);
				goto done;
			}
	}
	cl = sd_checklist_from_benchmark(b[0]);
	for (size_t i = 1; i < args.n; i++)
		sd_cl_stig_from_benchmark(sd_checklist_add_stig(cl), b[i]);
	if ((rc = sd_cli_asset_apply(&asset, "checklist new", cl)) != 0)
		goto done;
	if (res.files.n)
		rc = cmd_checklist_results_run(cl, &res, &so, f, output, force,
					       1);
	else
		rc = write_out(cl, f, output, force);
done:
	sd_checklist_free(cl);
	for (size_t i = 0; b && i < args.n; i++)
		sd_benchmark_free(b[i]);
	free(b);
	sd_strv_release(&res.files);
	sd_strv_release(&formats);
	sd_strv_release(&args);
	return rc;
}

static int cmd_set(int argc, char **argv)
{
	static const char u[] =
		"stigdiff checklist set FILE KEY=VALUE...\n\n"
		"Set asset fields of checklist FILE in place: host-name, ip, mac,\n"
		"fqdn, role, asset-type, tech-area, target-comment, web-or-database\n"
		"(true or false), web-db-site, web-db-instance, marking (or their\n"
		".ckl or .cklb names: HOST_NAME, host_name). Nothing else in FILE\n"
		"changes; FILE is replaced whole or not at all.";
	struct sd_strv args = SD_STRV_INIT;
	struct sd_checklist *cl = NULL;
	int rc = SD_EXIT_OK, web = 0;
	const struct sd_opt opts[] = {
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_parse(argc, argv, opts, u, &args, &rc))
		goto done;
	if (args.n < 2) {
		rc = sd_cli_usage_error("checklist set",
					"expected FILE and KEY=VALUE");
		goto done;
	}
	if (!strcmp(args.v[0], "-")) {
		rc = sd_cli_usage_error("checklist set",
					"FILE is changed in place: name a file");
		goto done;
	}
	if (sd_checklist_load(args.v[0], NULL, &cl) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	cl->as_is = 1;
	for (size_t i = 1; i < args.n; i++) {
		char *eq = strchr(args.v[i], '='), *key;
		int err;

		if (!eq || eq == args.v[i]) {
			rc = sd_cli_usage_error("checklist set",
						"'%s' is not KEY=VALUE",
						args.v[i]);
			goto done;
		}
		key = sd_xstrndup(args.v[i], (size_t)(eq - args.v[i]));
		err = sd_cl_asset_set(cl, key, eq + 1);
		/* web-or-database, web-db-site, WEB_DB_INSTANCE, is_web_database */
		for (char *k = key; *k; k++)
			*k = (char)tolower((unsigned char)*k);
		web |= strstr(key, "web") != NULL;
		free(key);
		if (err < 0) {
			rc = sd_cli_usage_error("checklist set", "%s",
						sd_error_last());
			goto done;
		}
	}
	if (web && sd_cl_asset_check(cl) < 0) {
		rc = sd_cli_usage_error("checklist set", "%s",
					sd_error_last());
		goto done;
	}
	rc = write_out(cl, cl->format, args.v[0], 1);
done:
	sd_checklist_free(cl);
	sd_strv_release(&args);
	return rc;
}

/* Warn about statuses STIG Viewer will not read; how many there were. */
static size_t warn_statuses(const struct sd_checklist *cl)
{
	size_t n = 0;

	for (size_t i = 0; i < cl->nstigs; i++)
		for (size_t j = 0; j < cl->stigs[i].nvulns; j++) {
			const struct sd_cl_vuln *v = &cl->stigs[i].vulns[j];
			const char *st = v->field[SD_CL_STATUS];

			if (sd_cl_status_parse(st) != SD_CL_STATUS_UNKNOWN)
				continue;
			sd_warn("%s: rule '%s' has status '%s', outside STIG Viewer's vocabulary; kept as written",
				cl->source, sd_cl_vuln_label(v), st);
			n++;
		}
	return n;
}

static int cmd_convert(int argc, char **argv)
{
	static const char u[] =
		"stigdiff checklist convert [--format ckl|cklb] -o FILE IN\n\n"
		"Rewrite checklist IN as .ckl or .cklb (--format, else FILE's\n"
		"extension, else the other format than IN's). Every asset field\n"
		"and every rule's status, details, comments and severity override\n"
		"are kept, and Evaluate-STIG's result-engine records; in IN's own\n"
		"format everything is kept.";
	struct sd_strv args = SD_STRV_INIT;
	struct sd_checklist *cl = NULL;
	const char *format = NULL, *output = NULL;
	size_t max_field = 0;
	int rc = SD_EXIT_OK, force = 0;
	enum sd_cl_format f;
	struct sd_cl_opts co = { 0, 0 };
	const struct sd_opt opts[] = {
		{ SD_OPT_STRING, 0, "format", &format, "FMT",
		  "ckl (STIG Viewer 2) or cklb (STIG Viewer 3)" },
		{ SD_OPT_STRING, 'o', "output", &output, "FILE",
		  "write to FILE (- for standard output)" },
		{ SD_OPT_FLAG, 'f', "force", &force, NULL,
		  "overwrite FILE if it exists" },
		{ SD_OPT_SIZE, 0, "max-field", &max_field, "N",
		  "bytes in one text value (default 8M)" },
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_parse(argc, argv, opts, u, &args, &rc))
		goto done;
	if (args.n != 1) {
		rc = sd_cli_usage_error("checklist convert",
					"expected one checklist IN");
		goto done;
	}
	if (!output) {
		rc = sd_cli_usage_error("checklist convert",
					"no output given (-o FILE, or -o - for standard output)");
		goto done;
	}
	co.max_field = max_field;
	if (sd_checklist_load(args.v[0], &co, &cl) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	f = out_format("checklist convert", format, output,
		       cl->format == SD_CL_CKL ? SD_CL_CKLB : SD_CL_CKL);
	if (f == SD_CL_NONE) {
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	if (f != cl->format)
		warn_statuses(cl);
	rc = write_out(cl, f, output, force);
done:
	sd_checklist_free(cl);
	sd_strv_release(&args);
	return rc;
}

/* ---- stats ---- */

#define NSEV 4 /* high, medium, low, unknown */

struct tally {
	size_t n[SD_CL_NSTATUS][NSEV];
	size_t overrides;
	struct sd_strv other; /* statuses outside the vocabulary */
};

static int sev_index(const char *s)
{
	switch (sd_severity_parse(s)) {
	case SD_SEV_HIGH: return 0;
	case SD_SEV_MEDIUM: return 1;
	case SD_SEV_LOW: return 2;
	default: return 3;
	}
}

static void count(const struct sd_cl_stig *s, struct tally *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < s->nvulns; i++) {
		const struct sd_cl_vuln *v = &s->vulns[i];
		const char *st = v->field[SD_CL_STATUS];
		enum sd_cl_status k = sd_cl_status_parse(st);
		const char *so = v->field[SD_CL_SEVERITY_OVERRIDE];

		t->n[k][sev_index(sd_cl_vuln_get(v, "Severity"))]++;
		if (k == SD_CL_STATUS_UNKNOWN &&
		    !sd_strv_contains(&t->other, st))
			sd_strv_push(&t->other, st);
		if (so && *so)
			t->overrides++;
	}
}

static const char *const sev_keys[NSEV] = { "high", "medium", "low",
					    "unknown" };
static const char *const status_keys[SD_CL_NSTATUS] = {
	"not-reviewed", "open", "not-a-finding", "not-applicable", "other"
};

static size_t row_total(const struct tally *t, int st)
{
	size_t n = 0;

	for (int s = 0; s < NSEV; s++)
		n += t->n[st][s];
	return n;
}

static size_t col_total(const struct tally *t, int sev)
{
	size_t n = 0;

	for (int st = 0; st < SD_CL_NSTATUS; st++)
		n += t->n[st][sev];
	return n;
}

/*
 * Per NIST SP 800-53 control, the rules of one STIG by status: a
 * checklist records CCIs (CCI_REF, .cklb ccis) but no controls, so they
 * come from the CCI list. Rules mapping to no control have control NULL.
 */
struct ctl_count {
	const char *control; /* borrowed from `names`, NULL: no control */
	size_t n[SD_CL_NSTATUS];
	size_t rules;
};

struct ctl_tally {
	struct sd_strv names; /* every control met, owned */
	struct ctl_count *v;
	size_t nv, cap;
	struct ctl_count none;
};

static struct ctl_count *ctl_slot(struct ctl_tally *t, const char *control)
{
	/* Slot i counts names.v[i]; the pointers are set once names stops
	 * growing (count_controls). A STIG meets a few dozen controls. */
	for (size_t i = 0; i < t->nv; i++)
		if (!strcmp(t->names.v[i], control))
			return &t->v[i];
	SD_ALLOC_GROW(t->v, t->nv, t->cap);
	memset(&t->v[t->nv], 0, sizeof(t->v[t->nv]));
	sd_strv_push(&t->names, control);
	return &t->v[t->nv++];
}

static int ctl_count_cmp(const void *a, const void *b)
{
	return sd_cci_control_cmp(((const struct ctl_count *)a)->control,
				  ((const struct ctl_count *)b)->control);
}

static void count_controls(const struct sd_cl_stig *s,
			   const struct sd_cci_list *l, const char *rev,
			   struct ctl_tally *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < s->nvulns; i++) {
		const struct sd_cl_vuln *v = &s->vulns[i];
		enum sd_cl_status k =
			sd_cl_status_parse(v->field[SD_CL_STATUS]);
		struct sd_strv ccis = SD_STRV_INIT, ctl = SD_STRV_INIT;

		for (size_t j = 0; j < v->data.n; j++)
			if (!strcmp(v->data.v[j].name, "CCI_REF") &&
			    v->data.v[j].value)
				sd_strv_push(&ccis, v->data.v[j].value);
		sd_cci_rule_controls(l, &ccis, rev, &ctl);
		for (size_t j = 0; j < ctl.n; j++) {
			struct ctl_count *c = ctl_slot(t, ctl.v[j]);

			c->n[k]++;
			c->rules++;
		}
		if (!ctl.n) {
			t->none.n[k]++;
			t->none.rules++;
		}
		sd_strv_release(&ccis);
		sd_strv_release(&ctl);
	}
	for (size_t i = 0; i < t->nv; i++)
		t->v[i].control = t->names.v[i];
	if (t->nv > 1)
		qsort(t->v, t->nv, sizeof(*t->v), ctl_count_cmp);
}

static void ctl_tally_release(struct ctl_tally *t)
{
	sd_strv_release(&t->names);
	free(t->v);
}

static struct sd_json *ctl_count_json(const struct ctl_count *c)
{
	struct sd_json *o = sd_json_object_new(), *st = sd_json_object_new();

	if (c->control)
		sd_json_set_str(o, "control", c->control);
	sd_json_set_int(o, "rules", (long long)c->rules);
	for (int k = 0; k < SD_CL_NSTATUS; k++)
		sd_json_set_int(st, status_keys[k], (long long)c->n[k]);
	sd_json_set(o, "status", st);
	return o;
}

static struct sd_json *controls_json(const struct sd_cl_stig *s,
				     const struct sd_cci_list *l,
				     const char *rev)
{
	struct sd_json *o = sd_json_object_new(), *a = sd_json_array_new();
	struct ctl_tally t;

	count_controls(s, l, rev, &t);
	sd_json_set_str(o, "revision", rev);
	for (size_t i = 0; i < t.nv; i++)
		sd_json_append(a, ctl_count_json(&t.v[i]));
	sd_json_set(o, "controls", a);
	sd_json_set(o, "no-control", ctl_count_json(&t.none));
	ctl_tally_release(&t);
	return o;
}

static void controls_text(const struct sd_cl_stig *s,
			  const struct sd_cci_list *l, const char *rev,
			  FILE *fp)
{
	static const char *const labels[SD_CL_NSTATUS] = {
		"Not_Reviewed", "Open", "NotAFinding", "Not_Applicable", "other"
	};
	struct ctl_tally t;

	count_controls(s, l, rev, &t);
	fprintf(fp, "  NIST SP 800-53 rev %s: %zu controls\n", rev, t.nv);
	fprintf(fp, "  %-16s", "control");
	for (int k = 0; k < SD_CL_NSTATUS - 1; k++)
		fprintf(fp, " %s", labels[k]);
	fprintf(fp, " other rules\n");
	for (size_t i = 0; i <= t.nv; i++) {
		const struct ctl_count *c = i < t.nv ? &t.v[i] : &t.none;

		if (i == t.nv && !c->rules)
			break;
		fprintf(fp, "  %-16s", c->control ? c->control : "(no control)");
		for (int k = 0; k < SD_CL_NSTATUS; k++)
			fprintf(fp, " %*zu", k < SD_CL_NSTATUS - 1
					     ? (int)strlen(labels[k]) : 5,
				c->n[k]);
		fprintf(fp, " %5zu\n", c->rules);
	}
	ctl_tally_release(&t);
}

static struct sd_json *stats_json(const struct sd_checklist *cl,
				  const struct sd_cci_list *l, const char *rev)
{
	struct sd_json *root = sd_json_object_new();
	struct sd_json *stigs = sd_json_array_new();

	sd_json_set_str(root, "format", "stigdiff-checklist-stats");
	sd_json_set_int(root, "format-version", 2);
	sd_json_set_str(root, "source", cl->source);
	sd_json_set_str(root, "checklist-format",
			sd_cl_format_name(cl->format));
	for (size_t i = 0; i < cl->nstigs; i++) {
		const struct sd_cl_stig *s = &cl->stigs[i];
		struct sd_json *o = sd_json_object_new();
		struct sd_json *status = sd_json_object_new();
		struct sd_json *sev = sd_json_object_new();
		struct sd_json *by = sd_json_object_new();
		struct sd_json *other = sd_json_array_new();
		struct tally t;
		char vr[32];

		count(s, &t);
		sd_json_set(o, "stig-id",
			    sd_json_string_new(sd_cl_stig_get(s, "stigid")));
		sd_json_set(o, "title",
			    sd_json_string_new(sd_cl_stig_get(s, "title")));
		sd_json_set_str(o, "version", sd_cl_stig_vr(s, vr));
		sd_json_set_int(o, "rules", (long long)s->nvulns);
		for (int st = 0; st < SD_CL_NSTATUS; st++)
			sd_json_set_int(status, status_keys[st],
					(long long)row_total(&t, st));
		for (int k = 0; k < NSEV; k++) {
			struct sd_json *row = sd_json_object_new();

			sd_json_set_int(sev, sev_keys[k],
					(long long)col_total(&t, k));
			for (int st = 0; st < SD_CL_NSTATUS; st++)
				sd_json_set_int(row, status_keys[st],
						(long long)t.n[st][k]);
			sd_json_set(by, sev_keys[k], row);
		}
		for (size_t k = 0; k < t.other.n; k++)
			sd_json_append(other, sd_json_string_new(t.other.v[k]));
		sd_json_set(o, "status", status);
		sd_json_set(o, "severity", sev);
		sd_json_set(o, "by-severity", by);
		sd_json_set_int(o, "severity-overrides",
				(long long)t.overrides);
		sd_json_set(o, "other-statuses", other);
		if (l)
			sd_json_set(o, "nist-controls", controls_json(s, l, rev));
		sd_json_append(stigs, o);
		sd_strv_release(&t.other);
	}
	sd_json_set(root, "stigs", stigs);
	return root;
}

static void stats_text(const struct sd_checklist *cl,
		       const struct sd_cci_list *l, const char *rev, FILE *fp)
{
	static const char *const labels[SD_CL_NSTATUS] = {
		"Not_Reviewed", "Open", "NotAFinding", "Not_Applicable", "other"
	};
	static const char *const sev_labels[NSEV] = { "CAT I", "CAT II",
						      "CAT III", "unknown" };
	int ncol;

	fprintf(fp, "%s (%s): %zu STIG%s\n", cl->source,
		sd_cl_format_name(cl->format), cl->nstigs,
		cl->nstigs == 1 ? "" : "s");
	for (size_t i = 0; i < cl->nstigs; i++) {
		const struct sd_cl_stig *s = &cl->stigs[i];
		const char *id = sd_cl_stig_get(s, "stigid");
		struct tally t;
		char vr[32];

		count(s, &t);
		ncol = col_total(&t, NSEV - 1) ? NSEV : NSEV - 1;
		fprintf(fp, "\n%s%s%s: %zu rules\n",
			id && *id ? id : "(no stigid)",
			*sd_cl_stig_vr(s, vr) ? " " : "", vr, s->nvulns);
		fprintf(fp, "  %-16s", "status");
		for (int k = 0; k < ncol; k++)
			fprintf(fp, " %7s", sev_labels[k]);
		fprintf(fp, " %7s\n", "total");
		for (int st = 0; st < SD_CL_NSTATUS; st++) {
			if (st == SD_CL_STATUS_UNKNOWN && !row_total(&t, st))
				continue;
			fprintf(fp, "  %-16s", labels[st]);
			for (int k = 0; k < ncol; k++)
				fprintf(fp, " %7zu", t.n[st][k]);
			fprintf(fp, " %7zu\n", row_total(&t, st));
		}
		fprintf(fp, "  %-16s", "total");
		for (int k = 0; k < ncol; k++)
			fprintf(fp, " %7zu", col_total(&t, k));
		fprintf(fp, " %7zu\n", s->nvulns);
		if (t.overrides)
			fprintf(fp, "  severity overrides: %zu\n", t.overrides);
		for (size_t k = 0; k < t.other.n; k++)
			fprintf(fp, "  status outside the vocabulary: '%s'\n",
				t.other.v[k]);
		sd_strv_release(&t.other);
		if (l)
			controls_text(s, l, rev, fp);
	}
}

static int cmd_stats(int argc, char **argv)
{
	static const char u[] =
		"stigdiff checklist stats [--format text|json] [--controls] IN\n\n"
		"Count the rules of each STIG in checklist IN by status and\n"
		"severity (CAT I/II/III), with severity overrides and statuses\n"
		"outside STIG Viewer's vocabulary. --controls adds the counts by\n"
		"status per NIST SP 800-53 control of the rules' CCIs (rev 5,\n"
		"--nist-rev 4; implied by --cci and --nist-rev).";
	struct sd_strv args = SD_STRV_INIT;
	struct sd_checklist *cl = NULL;
	struct sd_outfile out = { 0 };
	const char *format = "text";
	int rc = SD_EXIT_OK, controls = 0;
	struct sd_cli_nist nist = { NULL, NULL, NULL, 0 };
	const struct sd_opt opts[] = {
		{ SD_OPT_STRING, 0, "format", &format, "FMT",
		  "text (default) or json" },
		{ SD_OPT_FLAG, 0, "controls", &controls, NULL,
		  "counts per NIST SP 800-53 control of the rules' CCIs" },
		SD_OPT_NIST(&nist),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_parse(argc, argv, opts, u, &args, &rc))
		goto done;
	if (args.n != 1) {
		rc = sd_cli_usage_error("checklist stats",
					"expected one checklist IN");
		goto done;
	}
	if (strcmp(format, "text") && strcmp(format, "json")) {
		rc = sd_cli_usage_error("checklist stats",
					"unknown format '%s' (text or json)",
					format);
		goto done;
	}
	if (nist.cci || nist.rev)
		controls = 1;
	if (!nist.rev)
		nist.rev = "5";
	if ((rc = sd_cli_nist_check("checklist stats", &nist)) != SD_EXIT_OK)
		goto done;
	if (sd_checklist_load(args.v[0], NULL, &cl) < 0 ||
	    (controls && sd_cci_load(nist.cci, &nist.list) < 0) ||
	    sd_outfile_open(&out, NULL, 0) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (!strcmp(format, "json")) {
		struct sd_json *j = stats_json(cl, nist.list, nist.rev);
		int err = sd_json_dump(j, out.fp, SD_JSON_PRETTY);

		sd_json_free(j);
		if (err < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	} else {
		stats_text(cl, nist.list, nist.rev, out.fp);
	}
	if (sd_outfile_commit(&out) < 0)
		rc = sd_cli_fail();
done:
	sd_outfile_abort(&out);
	sd_cli_nist_release(&nist);
	sd_checklist_free(cl);
	sd_strv_release(&args);
	return rc;
}

static int cmd_check(int argc, char **argv)
{
	static const char u[] =
		"stigdiff checklist check IN...\n\n"
		"Check that each checklist has the structure STIG Viewer needs:\n"
		"the required elements or keys of every STIG and rule, statuses\n"
		"from the format's vocabulary, no rule twice. Prints one line per\n"
		"problem; exit status 1 when there are problems.";
	struct sd_strv args = SD_STRV_INIT;
	int rc = SD_EXIT_OK;
	const struct sd_opt opts[] = {
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_parse(argc, argv, opts, u, &args, &rc))
		goto done;
	if (!args.n) {
		rc = sd_cli_usage_error("checklist check",
					"expected checklist files");
		goto done;
	}
	for (size_t i = 0; i < args.n; i++) {
		struct sd_checklist *cl = NULL;
		struct sd_strv problems = SD_STRV_INIT;

		if (sd_checklist_load(args.v[i], NULL, &cl) < 0) {
			sd_cli_fail();
			rc = SD_EXIT_TROUBLE;
			continue;
		}
		sd_checklist_validate(cl, &problems);
		for (size_t k = 0; k < problems.n; k++)
			printf("%s\n", problems.v[k]);
		if (problems.n && rc == SD_EXIT_OK)
			rc = SD_EXIT_FOUND;
		if (!problems.n)
			printf("%s: ok\n", args.v[i]);
		sd_strv_release(&problems);
		sd_checklist_free(cl);
	}
done:
	sd_strv_release(&args);
	return rc;
}

int cmd_checklist(int argc, char **argv)
{
	/* Each subcommand's argv[0] names it in usage hints. */
	static char n_new[] = "checklist new";
	static char n_merge[] = "checklist merge";
	static char n_diff[] = "checklist diff";
	static char n_set[] = "checklist set";
	static char n_convert[] = "checklist convert";
	static char n_stats[] = "checklist stats";
	static char n_check[] = "checklist check";
	static const struct {
		const char *name;
		char *full;
		int (*fn)(int, char **);
	} subs[] = {
		{ "new", n_new, cmd_new },
		{ "merge", n_merge, cmd_checklist_merge },
		{ "set", n_set, cmd_set },
		{ "convert", n_convert, cmd_convert },
		{ "stats", n_stats, cmd_stats },
		{ "check", n_check, cmd_check },
		{ "diff", n_diff, cmd_checklist_diff },
	};

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		sd_opt_usage(argc < 2 ? stderr : stdout, usage,
			     (const struct sd_opt[]){
				     { SD_OPT_END, 0, NULL, NULL, NULL,
				       NULL } });
		return argc < 2 ? SD_EXIT_TROUBLE : SD_EXIT_OK;
	}
	for (size_t i = 0; i < SD_ARRAY_SIZE(subs); i++)
		if (!strcmp(argv[1], subs[i].name)) {
			argv[1] = subs[i].full;
			return subs[i].fn(argc - 1, argv + 1);
		}
	return sd_cli_usage_error("checklist", "unknown subcommand '%s'",
				  argv[1]);
}
