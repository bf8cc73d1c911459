/*
 * stigdiff migrate: carry a STIG Viewer checklist over to a new release
 * or a successor product. Each --to benchmark is paired with the
 * checklist STIG it continues (same benchmark id, else the STIG whose
 * rules it matches best), the pairs go through the lineage matcher and
 * the migration engine, and the new checklist and the report are written
 * together or not at all.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include "buf.h"
#include "checklist.h"
#include "checklist_io.h"
#include "cli.h"
#include "cmd_migrate_int.h"
#include "corpus.h"
#include "error.h"
#include "migrate.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
	"stigdiff migrate [options] OLD_CHECKLIST --to NEW_BENCHMARK...\n\n"
	"Carry the statuses, finding details, comments and severity overrides\n"
	"of a .ckl or .cklb checklist over to a new benchmark (a new release,\n"
	"or the next product: Exchange 2016 -> 2019), rule by rule through the\n"
	"lineage matcher, and report every decision. Rules whose check text\n"
	"changed have their status reset to Not_Reviewed (old status kept in\n"
	"COMMENTS); weak content matches are listed for review, not carried;\n"
	"every old rule whose work did not land is in the report in full.\n"
	"Exit status 1 when some old rule with assessment data was not carried.\n"
	"With --answer-file FILE, OLD_CHECKLIST is the benchmark an Evaluate-STIG\n"
	"answer file was written for, and the answer file is carried instead\n"
	"('stigdiff migrate --answer-file FILE --help').";

/*
 * Share of a STIG's rules the matcher must find successors for in a
 * benchmark of another id before the two are taken for one product line.
 * Measured on every pair of Exchange STIGs in corpus/xccdf: successors
 * (2016 Edge -> 2019 Edge, 2010 Hub -> 2013 Mailbox) reach 71% or more,
 * other roles (Edge -> Mailbox) 64% at most.
 */
#define PAIR_SHARE (2.0 / 3.0)

struct target {
	struct sd_benchmark *b;
	const char *path;
	size_t stig;             /* assigned checklist STIG, or SD_MIG_NONE */
	struct sd_mig_plan plan; /* for that STIG */
};

/* Choose the checklist STIG for target t; 0, or SD_EUSAGE with why. */
static int pair_target(struct sd_checklist *cl, struct target *t,
		       const int *taken, const struct sd_mig_opts *mo,
		       int force)
{
	size_t best = SD_MIG_NONE;
	struct sd_mig_plan best_plan;
	double share = -1;
	int err;

	memset(&best_plan, 0, sizeof(best_plan));
	for (size_t i = 0; i < cl->nstigs; i++)
		if (!taken[i] && !sd_strcmp_null(sd_cl_stig_get(&cl->stigs[i],
								"stigid"),
						 t->b->id)) {
			t->stig = i;
			return sd_mig_plan_make(&t->plan, &cl->stigs[i], t->b,
						mo);
		}
	for (size_t i = 0; i < cl->nstigs; i++) {
		struct sd_mig_plan p;
		double s;

		if (taken[i])
			continue;
		if ((err = sd_mig_plan_make(&p, &cl->stigs[i], t->b, mo)) < 0) {
			sd_mig_plan_release(&best_plan);
			return err;
		}
		s = p.nold ? (double)p.matched / (double)p.nold : 0;
		if (s > share) {
			sd_mig_plan_release(&best_plan);
			best_plan = p;
			best = i;
			share = s;
		} else {
			sd_mig_plan_release(&p);
		}
	}
	if (best != SD_MIG_NONE && (share >= PAIR_SHARE || force)) {
		t->stig = best;
		t->plan = best_plan;
		return 0;
	}
	if (best == SD_MIG_NONE)
		err = sd_error_set(SD_EUSAGE,
				   "'%s' has no STIG left for benchmark '%s' from '%s'",
				   cl->source, t->b->id, t->path);
	else
		err = sd_error_set(
			SD_EUSAGE,
			"'%s' is a checklist for '%s', not for '%s' from '%s' (%zu of %zu rules match); use --force to migrate anyway",
			cl->source,
			sd_cl_stig_get(&cl->stigs[best], "stigid")
				? sd_cl_stig_get(&cl->stigs[best], "stigid")
				: "?",
			t->b->id ? t->b->id : "?", t->path, best_plan.matched,
			best_plan.nold);
	sd_mig_plan_release(&best_plan);
	return err;
}

/* Say so when --force paired a STIG the matcher did not find related. */
static void warn_forced(struct sd_checklist *cl, const struct target *t)
{
	const char *sid = sd_cl_stig_get(&cl->stigs[t->stig], "stigid");

	if (!sd_strcmp_null(sid, t->b->id) || !t->plan.nold ||
	    (double)t->plan.matched / (double)t->plan.nold >= PAIR_SHARE)
		return;
	sd_warn("--force: migrating '%s' to '%s' although only %zu of %zu rules match",
		sid ? sid : "?", t->b->id ? t->b->id : "?", t->plan.matched,
		t->plan.nold);
}

/* Warn about old statuses outside STIG Viewer's vocabulary. */
static void warn_statuses(const char *source, const struct sd_mig_stig *ms)
{
	for (size_t k = 0; k < ms->nrows; k++) {
		const struct sd_mig_row *w = &ms->rows[k];

		if (w->has_old && sd_cl_status_parse(w->status_before) ==
					  SD_CL_STATUS_UNKNOWN)
			sd_warn("%s: rule '%s' has status '%s', outside STIG Viewer's vocabulary; it is kept in the new rule's COMMENTS and the report",
				source, sd_cl_vuln_label(&w->old),
				w->status_before);
	}
}

/* Checklist and report formats from the --format list. */
static int parse_formats(const struct sd_strv *formats,
			 enum sd_cl_format *cf, int *json)
{
	for (size_t i = 0; i < formats->n; i++) {
		const char *f = formats->v[i];

		if (sd_cl_format_parse(f) != SD_CL_NONE)
			*cf = sd_cl_format_parse(f);
		else if (!strcmp(f, "json"))
			*json = 1;
		else if (!strcmp(f, "markdown") || !strcmp(f, "md"))
			*json = 0;
		else
			return sd_error_set(SD_EUSAGE,
					    "unknown format '%s' (ckl, cklb, markdown or json)",
					    f);
	}
	return 0;
}

/* The new checklist in memory, so nothing is saved before it is whole. */
static int render(struct sd_checklist *cl, enum sd_cl_format f,
		  char **text, size_t *len)
{
	FILE *fp = open_memstream(text, len);
	int err;

	if (!fp)
		return sd_error_errno(SD_EIO, "cannot write the new checklist");
	err = sd_checklist_write(cl, f, fp);
	if (fclose(fp) && !err)
		err = sd_error_errno(SD_EIO, "cannot write the new checklist");
	return err;
}

/* `path` with its directory resolved (the file need not exist), or a
 * copy of it when the directory cannot be resolved. */
static char *resolved(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? sd_xstrndup(path, (size_t)(slash - path + 1))
			  : sd_xstrdup(".");
	char *real = realpath(dir, NULL), *out;
	size_t n;

	free(dir);
	if (!real)
		return sd_xstrdup(path);
	n = strlen(real) + strlen(path) + 2;
	out = sd_xmalloc(n);
	snprintf(out, n, "%s/%s", real, slash ? slash + 1 : path);
	free(real);
	return out;
}

/* Do two output paths name one file ("-" is standard output, never a
 * file)? */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	char *ra, *rb;
	int same;

	if (!strcmp(a, "-") || !strcmp(b, "-"))
		return 0;
	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	ra = resolved(a);
	rb = resolved(b);
	same = !strcmp(ra, rb);
	free(ra);
	free(rb);
	return same;
}

int cmd_migrate(int argc, char **argv)
{
	struct sd_cli_source cs = SD_CLI_SOURCE_INIT;
	struct sd_cli_asset asset = { { NULL }, 0 };
	struct sd_source_opts so;
	struct sd_strv args = SD_STRV_INIT, to = SD_STRV_INIT;
	struct sd_strv formats = SD_STRV_INIT;
	struct sd_mig_opts mo = SD_MIG_OPTS_INIT;
	struct sd_mig_report rep;
	struct sd_outfile out = { 0 }, rout = { 0 };
	struct sd_checklist *cl = NULL;
	struct target *tg = NULL;
	int *taken = NULL;
	const char *output = NULL, *report = NULL, *select = NULL;
	const char *corpus = NULL, *answer_file = NULL;
	double accept_below = -1;
	int rc = SD_EXIT_OK, force = 0, json = 0;
	enum sd_cl_format cf = SD_CL_NONE;
	size_t lost = 0, tlen = 0;
	char *text = NULL;
	const struct sd_opt opts[] = {
		{ SD_OPT_MULTI, 't', "to", &to, "BENCHMARK",
		  "the new benchmark (XCCDF, zip, or corpus BENCH@VERSION); repeat for multi-STIG checklists" },
		SD_OPT_CORPUS(&corpus, "the corpus --to releases come from "
				       "(default $STIGDIFF_CORPUS)"),
		{ SD_OPT_STRING, 'o', "output", &output, "FILE",
		  "write the new checklist to FILE (- for standard output)" },
		{ SD_OPT_STRING, 0, "report", &report, "FILE",
		  "write the report to FILE (default: standard output)" },
		{ SD_OPT_LIST, 0, "format", &formats, "FMT",
		  "ckl or cklb (the new checklist), markdown or json (the report)" },
		{ SD_OPT_FLAG, 0, "keep-status-on-change",
		  &mo.keep_status_on_change, NULL,
		  "keep the status of rules whose check text changed" },
		{ SD_OPT_DOUBLE, 0, "accept-below", &accept_below, "SCORE",
		  "carry content matches below the threshold scoring at least SCORE" },
		{ SD_OPT_FLAG, 'f', "force", &force, NULL,
		  "migrate to a benchmark the checklist does not seem to be for; overwrite FILEs" },
		{ SD_OPT_STRING, 'b', "benchmark", &select, "ID",
		  "the benchmark with this id when a --to input holds several" },
		{ SD_OPT_STRING, 0, "answer-file", &answer_file, "FILE",
		  "carry this Evaluate-STIG answer file instead (--answer-file FILE --help)" },
		SD_OPT_ASSET(&asset),
		SD_OPT_INPUT_LIMITS(&cs),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strncmp(argv[i], "--answer-file", 13) &&
		    (!argv[i][13] || argv[i][13] == '='))
			return cmd_migrate_answer_file(argc, argv);
	memset(&rep, 0, sizeof(rep));
	if (sd_cli_parse(argc, argv, opts, usage, &args, &rc))
		goto done;
	if (args.n != 1 || !to.n) {
		rc = sd_cli_usage_error(argv[0], "%s",
					args.n != 1 ? "expected one OLD_CHECKLIST"
						    : "no --to benchmark given");
		goto done;
	}
	if (parse_formats(&formats, &cf, &json) < 0) {
		rc = sd_cli_usage_error(argv[0], "%s", sd_error_last());
		goto done;
	}
	if (accept_below >= 0) {
		if (accept_below > 1) {
			rc = sd_cli_usage_error(argv[0],
						"--accept-below takes a score from 0 to 1");
			goto done;
		}
		mo.accept_below = accept_below;
	}
	if (sd_checklist_load(args.v[0], NULL, &cl) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	/* Asset options override what the old checklist says. */
	if ((rc = sd_cli_asset_apply(&asset, argv[0], cl)) != 0)
		goto done;
	if (cf == SD_CL_NONE)
		cf = sd_cl_format_of_path(output);
	if (cf == SD_CL_NONE)
		cf = cl->format;

	/* Load every new benchmark, then pair each with its STIG. */
	sd_cli_source_opts(&cs, &so);
	tg = sd_xcalloc(to.n, sizeof(*tg));
	taken = sd_xcalloc(cl->nstigs + 1, sizeof(*taken));
	for (size_t i = 0; i < to.n; i++) {
		tg[i].path = to.v[i];
		tg[i].stig = SD_MIG_NONE;
		if (sd_cli_load_release("--to", to.v[i], select, &so, corpus, &tg[i].b) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	}
	for (size_t i = 0; i < to.n; i++) {
		if (pair_target(cl, &tg[i], taken, &mo, force) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
		taken[tg[i].stig] = 1;
		warn_forced(cl, &tg[i]);
	}

	rep.source = sd_xstrdup(args.v[0]);
	rep.output = output ? sd_xstrdup(output) : NULL;
	for (size_t i = 0; i < cl->nstigs; i++) {
		struct sd_mig_stig *ms = sd_mig_report_add(&rep);
		struct target *t = NULL;

		for (size_t k = 0; k < to.n; k++)
			if (tg[k].stig == i)
				t = &tg[k];
		if (!t) {
			sd_migrate_unchanged(&cl->stigs[i],
					     "no --to benchmark for it; left as it was",
					     ms);
			continue;
		}
		sd_migrate_stig(&cl->stigs[i], t->b, t->plan.links,
				t->plan.nlinks, t->plan.dup, &mo, ms);
		lost += ms->lost_work;
		warn_statuses(args.v[0], ms);
	}

	/* Both outputs complete, then both committed. */
	if (!report && output && !strcmp(output, "-")) {
		sd_cli_error("the checklist goes to standard output: give --report FILE");
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	if (output && report && same_file(output, report)) {
		sd_cli_error("the new checklist and the report cannot both be '%s'",
			     report);
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	if (output && (render(cl, cf, &text, &tlen) < 0 ||
		       sd_outfile_open(&out, output, force) < 0)) {
		rc = sd_cli_fail();
		goto done;
	}
	if (output && fwrite(text, 1, tlen, out.fp) != tlen) {
		sd_error_errno(SD_EIO, "cannot write '%s'", output);
		rc = sd_cli_fail();
		goto done;
	}
	if (sd_outfile_open(&rout, report, force) < 0 ||
	    (json ? sd_mig_report_json(&rep, rout.fp)
		  : sd_mig_report_markdown(&rep, rout.fp)) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	/* Standard output cannot be taken back: it goes first, so a failed
	 * write there leaves no file behind. */
	if ((!report && sd_outfile_commit(&rout) < 0) ||
	    (output && sd_outfile_commit(&out) < 0) ||
	    sd_outfile_commit(&rout) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (report)
		sd_mig_report_summary(&rep, output && !strcmp(output, "-")
						    ? stderr
						    : stdout);
	if (lost)
		rc = SD_EXIT_FOUND;
done:
	sd_outfile_abort(&out);
	sd_outfile_abort(&rout);
	for (size_t i = 0; tg && i < to.n; i++) {
		sd_mig_plan_release(&tg[i].plan);
		sd_benchmark_free(tg[i].b);
	}
	free(tg);
	free(taken);
	free(text);
	sd_mig_report_release(&rep);
	sd_checklist_free(cl);
	sd_strv_release(&formats);
	sd_strv_release(&to);
	sd_strv_release(&args);
	return rc;
}
