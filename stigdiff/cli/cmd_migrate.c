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
#include "match.h"
#include "migrate.h"
#include "progress.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"stigdiff migrate [options] OLD_CHECKLIST --to NEW_BENCHMARK...\n"
	"stigdiff migrate [options] --to NEW_BENCHMARK... [-o DIR] CHECKLIST|DIR...\n\n"
	"Carry the statuses, finding details, comments and severity overrides\n"
	"of a .ckl or .cklb checklist over to a new benchmark (a new release,\n"
	"or the next product: Exchange 2016 -> 2019), rule by rule through the\n"
	"lineage matcher, and report every decision. Rules whose check DISA\n"
	"changed (old text from --from, the corpus, else the checklist's copy;\n"
	"cosmetic and case-only changes do not count without --strict) have\n"
	"their status reset to Not_Reviewed (old status kept in COMMENTS);\n"
	"weak content matches are listed for review, not carried; every old\n"
	"rule whose work did not land is in the report in full. The report\n"
	"opens with the rules to re-check, each with why.\n"
	"Several checklists, or directories of them (.ckl and .cklb, walked\n"
	"recursively): each STIG is migrated to the --to benchmark of its id,\n"
	"each checklist written under -o DIR by the same relative name, and one\n"
	"fleet report (markdown, json or csv) says which asset must re-check\n"
	"which rules; a checklist that fails is reported and skipped.\n"
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
	struct sd_match_set *set; /* a fleet's: b prepared for matching */
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

/*
 * Refuse a silent downgrade of STIG `s` to benchmark `b` (from `path`):
 * an older release of the same benchmark, or a SCAP benchmark (XCCDF
 * 1.2 data stream: an automated subset of the manual STIG). 0, or
 * SD_EUSAGE with the reason in one line.
 */
static int downgrade(const char *source, const struct sd_cl_stig *s,
		     const struct sd_benchmark *b, const char *path)
{
	const char *id = sd_cl_stig_get(s, "stigid");
	char vr[32], bvr[32];
	int v = 0, r = 0;

	sd_cl_stig_vr(s, vr);
	if (sscanf(vr, "V%dR%d", &v, &r) == 2 && !sd_strcmp_null(id, b->id) &&
	    b->v && (b->v < v || (b->v == v && b->r < r)))
		return sd_error_set(SD_EUSAGE,
				    "'%s' is %s %s, older than %s's %s; use --force to migrate to it",
				    path, b->id, sd_benchmark_vr(b, bvr), source,
				    vr);
	if (b->xccdf_version && !strcmp(b->xccdf_version, "1.2"))
		return sd_error_set(SD_EUSAGE,
				    "'%s' is a SCAP benchmark, an automated subset of the manual STIG; use --force to migrate to it",
				    path);
	return 0;
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

/*
 * DISA's release STIG `s` was assessed against, for its check texts: a
 * --from benchmark of its id, else the release named by its id and
 * version in the corpus (when there is one), else NULL (the checklist's
 * own copies are used). Loaded ones go to `keep`, freed by the caller.
 */
static const struct sd_benchmark *old_release(const struct sd_cl_stig *s,
					      struct sd_benchmark **from,
					      size_t nfrom, const char *corpus,
					      const struct sd_source_opts *so,
					      struct sd_benchmark **keep)
{
	const char *id = sd_cl_stig_get(s, "stigid");
	struct sd_buf spec = SD_BUF_INIT;
	char vr[32];

	*keep = NULL;
	for (size_t i = 0; i < nfrom; i++)
		if (!sd_strcmp_null(from[i]->id, id))
			return from[i];
	if (!id || !*id || !sd_cli_corpus_dir(corpus, 0))
		return NULL;
	sd_buf_addf(&spec, "%s@%s", id, sd_cl_stig_vr(s, vr));
	if (sd_cli_load_release("--from", spec.ptr, NULL, so, corpus, keep) < 0)
		*keep = NULL;
	sd_buf_release(&spec);
	return *keep;
}

/* Checklist and report formats from the --format list (json: 1 json,
 * 2 csv). */
static int parse_formats(const struct sd_strv *formats,
			 enum sd_cl_format *cf, int *json)
{
	for (size_t i = 0; i < formats->n; i++) {
		const char *f = formats->v[i];

		if (sd_cl_format_parse(f) != SD_CL_NONE)
			*cf = sd_cl_format_parse(f);
		else if (!strcmp(f, "json"))
			*json = 1;
		else if (!strcmp(f, "csv"))
			*json = 2;
		else if (!strcmp(f, "html"))
			*json = 3;
		else if (!strcmp(f, "markdown") || !strcmp(f, "md"))
			*json = 0;
		else
			return sd_error_set(SD_EUSAGE,
					    "unknown format '%s' (ckl, cklb, markdown, json, html or csv)",
					    f);
	}
	return 0;
}

/* ---- many checklists ---- */

static int render(struct sd_checklist *cl, enum sd_cl_format f,
		  char **text, size_t *len);

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_checklist_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 4 && !strcmp(name + n - 4, ".ckl")) ||
	       (n > 5 && !strcmp(name + n - 5, ".cklb"));
}

/* Every .ckl and .cklb under `dir` (recursively, hidden entries left
 * out) into `paths`, each with its name relative to the input in `rel`;
 * in name order. A directory that cannot be read goes to `bad` (its
 * path, then the message). */
static void walk(const char *dir, const char *prefix, struct sd_strv *paths,
		 struct sd_strv *rel, struct sd_strv *bad)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct sd_strv names = SD_STRV_INIT;
	struct sd_buf p = SD_BUF_INIT, r = SD_BUF_INIT;

	if (!d) {
		sd_error_errno(SD_EIO, "cannot read directory '%s'", dir);
		sd_strv_push(bad, dir);
		sd_strv_push(bad, sd_error_last());
		return;
	}
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			sd_strv_push(&names, e->d_name);
	closedir(d);
	sd_strv_sort(&names);
	for (size_t i = 0; i < names.n; i++) {
		sd_buf_reset(&p);
		sd_buf_reset(&r);
		sd_buf_addf(&p, "%s/%s", dir, names.v[i]);
		sd_buf_addf(&r, "%s%s%s", prefix, *prefix ? "/" : "",
			    names.v[i]);
		if (is_dir(p.ptr)) {
			walk(p.ptr, r.ptr, paths, rel, bad);
		} else if (is_checklist_name(names.v[i])) {
			sd_strv_push(paths, p.ptr);
			sd_strv_push(rel, r.ptr);
		}
	}
	sd_buf_release(&p);
	sd_buf_release(&r);
	sd_strv_release(&names);
}

struct fleet {
	struct target *tg;
	size_t ntg;
	struct sd_benchmark **fb;
	size_t nfb;
	const char *corpus;
	const struct sd_source_opts *so;
	const struct sd_mig_opts *mo;
	const char *outdir;
	int force;
	enum sd_cl_format cf;
	struct sd_fleet *report;
};

/*
 * Migrate one checklist of the fleet: each STIG to the --to benchmark of
 * its id; the result written to outdir/rel (atomically) and added to the
 * report. Any failure is the checklist's problem, reported, never the
 * run's.
 */
static void fleet_one(struct fleet *f, const char *path, const char *rel)
{
	struct sd_checklist *cl = NULL;
	struct sd_mig_report rep;
	struct sd_outfile out = { 0 };
	struct sd_buf dest = SD_BUF_INIT;
	char *text = NULL;
	size_t tlen = 0, migrated = 0;

	memset(&rep, 0, sizeof(rep));
	if (sd_checklist_load(path, NULL, &cl) < 0)
		goto fail;
	rep.source = sd_xstrdup(path);
	for (size_t i = 0; i < cl->nstigs; i++) {
		struct sd_mig_stig *ms = sd_mig_report_add(&rep);
		const char *id = sd_cl_stig_get(&cl->stigs[i], "stigid");
		struct target *t = NULL;
		struct sd_mig_plan plan;
		struct sd_mig_opts one = *f->mo;
		struct sd_benchmark *found = NULL;

		for (size_t k = 0; k < f->ntg && !t; k++)
			if (!sd_strcmp_null(f->tg[k].b->id, id))
				t = &f->tg[k];
		if (!t) {
			sd_migrate_unchanged(&cl->stigs[i],
					     "no --to benchmark of its id; left as it was",
					     ms);
			continue;
		}
		if (!t->set)
			t->set = sd_match_set_new(t->b);
		if ((!f->force && downgrade(path, &cl->stigs[i], t->b,
					    t->path) < 0) ||
		    sd_mig_plan_make_set(&plan, &cl->stigs[i], t->b, t->set,
					 f->mo) < 0)
			goto fail;
		one.old_release = old_release(&cl->stigs[i], f->fb, f->nfb,
					      f->corpus, f->so, &found);
		sd_migrate_stig(&cl->stigs[i], t->b, plan.links, plan.nlinks,
				plan.dup, &one, ms);
		sd_mig_plan_release(&plan);
		sd_benchmark_free(found);
		migrated++;
	}
	if (!migrated) {
		sd_error_set(SD_EUSAGE, "'%s' has no STIG of a --to benchmark's id",
			     path);
		goto fail;
	}
	if (f->outdir) {
		const char *slash;

		sd_buf_addf(&dest, "%s/%s", f->outdir, rel);
		slash = strrchr(dest.ptr, '/');
		*(char *)slash = '\0';
		if (sd_mkdirs(dest.ptr) < 0)
			goto fail;
		*(char *)slash = '/';
		rep.output = sd_xstrdup(dest.ptr);
		if (render(cl, f->cf != SD_CL_NONE ? f->cf : cl->format, &text,
			   &tlen) < 0 ||
		    sd_outfile_open(&out, dest.ptr, f->force) < 0)
			goto fail;
		if (fwrite(text, 1, tlen, out.fp) != tlen) {
			sd_error_errno(SD_EIO, "cannot write '%s'", dest.ptr);
			goto fail;
		}
		if (sd_outfile_commit(&out) < 0)
			goto fail;
	}
	sd_fleet_add(f->report, path, rep.output,
		     sd_cl_pairs_get(&cl->asset, "HOST_NAME", NULL), &rep);
	goto done;
fail:
	sd_cli_error("%s", sd_error_last());
	sd_fleet_problem(f->report, path, sd_error_last());
done:
	sd_outfile_abort(&out);
	free(text);
	sd_buf_release(&dest);
	sd_mig_report_release(&rep);
	sd_checklist_free(cl);
}

/* The checklists of `args` (files, directories) migrated one at a time;
 * the exit status. */
static int run_fleet(struct fleet *f, const struct sd_strv *args,
		     const char *report, int format, int force)
{
	struct sd_strv paths = SD_STRV_INIT, rel = SD_STRV_INIT;
	struct sd_strv bad = SD_STRV_INIT;
	struct sd_outfile rout = { 0 };
	size_t done, failed, lost;
	int rc = SD_EXIT_OK;

	for (size_t i = 0; i < args->n; i++) {
		if (is_dir(args->v[i])) {
			walk(args->v[i], "", &paths, &rel, &bad);
		} else {
			const char *b = strrchr(args->v[i], '/');

			sd_strv_push(&paths, args->v[i]);
			sd_strv_push(&rel, b ? b + 1 : args->v[i]);
		}
	}
	for (size_t i = 1; i < bad.n; i += 2)
		sd_cli_error("%s", bad.v[i]);
	if (!paths.n) {
		if (!bad.n)
			sd_cli_error("no .ckl or .cklb checklist in '%s'%s",
				     args->v[0], args->n > 1 ? " and the rest" : "");
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	if (sd_outfile_open(&rout, report, force) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	f->report = sd_fleet_new(format == 1   ? SD_FLEET_JSON
				 : format == 2 ? SD_FLEET_CSV
					       : SD_FLEET_MARKDOWN,
				 rout.fp);
	for (size_t i = 1; i < bad.n; i += 2)
		sd_fleet_problem(f->report, bad.v[i - 1], bad.v[i]);
	sd_progress_start("migrate", paths.n, "checklists");
	for (size_t i = 0; i < paths.n; i++) {
		fleet_one(f, paths.v[i], rel.v[i]);
		sd_progress_add(1);
	}
	sd_progress_end();
	sd_fleet_counts(f->report, &done, &failed, &lost);
	if (sd_fleet_finish(f->report) < 0 || sd_outfile_commit(&rout) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (report)
		printf("%zu checklist%s migrated, %zu could not be%s\n", done,
		       done == 1 ? "" : "s", failed,
		       lost ? "; some assessment not carried (see the report)"
			    : "");
	rc = failed || lost ? SD_EXIT_FOUND : SD_EXIT_OK;
	if (!done)
		rc = SD_EXIT_TROUBLE;
done:
	sd_outfile_abort(&rout);
	sd_fleet_free(f->report);
	f->report = NULL;
	sd_strv_release(&paths);
	sd_strv_release(&rel);
	sd_strv_release(&bad);
	return rc;
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
	struct sd_strv from = SD_STRV_INIT;
	struct sd_benchmark **fb = NULL;
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
	int rc = SD_EXIT_OK, force = 0, json = 0, fleet;
	enum sd_cl_format cf = SD_CL_NONE;
	size_t lost = 0, tlen = 0;
	char *text = NULL;
	const struct sd_opt opts[] = {
		{ SD_OPT_MULTI, 't', "to", &to, "BENCHMARK",
		  "the new benchmark (XCCDF, zip, or corpus BENCH@VERSION); repeat for multi-STIG checklists" },
		SD_OPT_CORPUS(&corpus, "the corpus --to releases come from "
				       "(default $STIGDIFF_CORPUS)"),
		{ SD_OPT_STRING, 'o', "output", &output, "FILE",
		  "write the new checklist to FILE (- for standard output); with several checklists, a directory" },
		{ SD_OPT_STRING, 0, "report", &report, "FILE",
		  "write the report to FILE (default: standard output)" },
		{ SD_OPT_LIST, 0, "format", &formats, "FMT",
		  "ckl or cklb (the new checklist); markdown, json or html (the report; csv for a fleet)" },
		{ SD_OPT_FLAG, 0, "keep-status-on-change",
		  &mo.keep_status_on_change, NULL,
		  "keep the status of rules whose check text changed" },
		{ SD_OPT_MULTI, 0, "from", &from, "BENCHMARK",
		  "DISA's release the checklist was assessed against, for its check texts (default: the corpus's, else the checklist's copy)" },
		{ SD_OPT_FLAG, 0, "strict", &mo.strict, NULL,
		  "reset statuses on cosmetic and case-only check changes too" },
		{ SD_OPT_FLAG, 0, "trust-declared", &mo.trust_declared, NULL,
		  "follow declared ids even where content contradicts them" },
		{ SD_OPT_DOUBLE, 0, "accept-below", &accept_below, "SCORE",
		  "carry content matches below the threshold scoring at least SCORE" },
		{ SD_OPT_FLAG, 'f', "force", &force, NULL,
		  "migrate to a benchmark the checklist does not seem to be for, an older release or a SCAP benchmark; overwrite FILEs" },
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
	fleet = args.n > 1 || (args.n == 1 && is_dir(args.v[0]));
	if (!args.n || !to.n) {
		rc = sd_cli_usage_error(argv[0], "%s",
					!args.n ? "expected OLD_CHECKLIST"
						: "no --to benchmark given");
		goto done;
	}
	if (parse_formats(&formats, &cf, &json) < 0) {
		rc = sd_cli_usage_error(argv[0], "%s", sd_error_last());
		goto done;
	}
	if ((rc = cmd_migrate_accept_below(argv[0], accept_below, &mo)) != 0)
		goto done;
	if (json == 2 && !fleet) {
		rc = sd_cli_usage_error(argv[0], "csv is the fleet report's format (several checklists)");
		goto done;
	}
	if (json == 3 && fleet) {
		rc = sd_cli_usage_error(argv[0], "the fleet report is markdown, json or csv");
		goto done;
	}
	if (fleet) {
		for (int k = 0; k < (int)SD_ARRAY_SIZE(asset.v); k++)
			if (asset.v[k] || asset.web) {
				rc = sd_cli_usage_error(argv[0], "asset options are for one checklist");
				goto done;
			}
		if (output && !strcmp(output, "-")) {
			rc = sd_cli_usage_error(argv[0], "-o takes a directory with several checklists");
			goto done;
		}
		if (output && !is_dir(output) && access(output, F_OK) == 0) {
			rc = sd_cli_usage_error(argv[0], "'%s' is not a directory (-o with several checklists)", output);
			goto done;
		}
	} else if (sd_checklist_load(args.v[0], NULL, &cl) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	/* Asset options override what the old checklist says. */
	if (!fleet && (rc = sd_cli_asset_apply(&asset, argv[0], cl)) != 0)
		goto done;
	if (!fleet && cf == SD_CL_NONE)
		cf = sd_cl_format_of_path(output);
	if (!fleet && cf == SD_CL_NONE)
		cf = cl->format;

	/* Load every new benchmark, then pair each with its STIG. */
	sd_cli_source_opts(&cs, &so);
	tg = sd_xcalloc(to.n, sizeof(*tg));
	taken = sd_xcalloc((cl ? cl->nstigs : 0) + 1, sizeof(*taken));
	for (size_t i = 0; i < to.n; i++) {
		tg[i].path = to.v[i];
		tg[i].stig = SD_MIG_NONE;
		if (sd_cli_load_release("--to", to.v[i], select, &so, corpus, &tg[i].b) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	}
	fb = sd_xcalloc(from.n + 1, sizeof(*fb));
	for (size_t i = 0; i < from.n; i++)
		if (sd_cli_load_release("--from", from.v[i], select, &so,
					corpus, &fb[i]) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	if (fleet) {
		struct fleet f = { tg, to.n, fb, from.n, corpus, &so, &mo,
				   output, force, cf, NULL };

		rc = run_fleet(&f, &args, report, json, force);
		goto done;
	}
	for (size_t i = 0; i < to.n; i++) {
		if (pair_target(cl, &tg[i], taken, &mo, force) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
		taken[tg[i].stig] = 1;
		if (!force && downgrade(args.v[0], &cl->stigs[tg[i].stig],
					tg[i].b, tg[i].path) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
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
		{
			struct sd_mig_opts one = mo;
			struct sd_benchmark *found = NULL;

			one.old_release = old_release(&cl->stigs[i], fb,
						      from.n, corpus, &so,
						      &found);
			sd_migrate_stig(&cl->stigs[i], t->b, t->plan.links,
					t->plan.nlinks, t->plan.dup, &one, ms);
			sd_benchmark_free(found);
		}
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
	    (json == 1   ? sd_mig_report_json(&rep, rout.fp)
	     : json == 3 ? sd_mig_report_html(&rep, rout.fp)
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
		sd_match_set_free(tg[i].set);
		sd_benchmark_free(tg[i].b);
	}
	free(tg);
	for (size_t i = 0; fb && i < from.n; i++)
		sd_benchmark_free(fb[i]);
	free(fb);
	sd_strv_release(&from);
	free(taken);
	free(text);
	sd_mig_report_release(&rep);
	sd_checklist_free(cl);
	sd_strv_release(&formats);
	sd_strv_release(&to);
	sd_strv_release(&args);
	return rc;
}
