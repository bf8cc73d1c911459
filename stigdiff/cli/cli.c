/* Helpers shared by the cmd_*.c files; see cli.h. */
#include "cli.h"
#include "progress.h"
#include "buf.h"
#include "cci.h"
#include "checklist.h"
#include "corpus.h"
#include "diff.h"
#include "error.h"
#include "json.h"

#include <math.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int sd_cli_parse(int argc, char **argv, const struct sd_opt *opts,
		 const char *usage, struct sd_strv *args, int *rc)
{
	int r = sd_opt_parse(argc, argv, opts, usage, args);

	if (r == 0)
		return 0;
	if (r == 1) {
		*rc = SD_EXIT_OK;
		return -1;
	}
	*rc = sd_cli_usage_error(argv[0], "%s", sd_error_last());
	return -1;
}

void sd_cli_error(const char *fmt, ...)
{
	va_list ap;

	sd_progress_clear();
	fputs("error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void sd_cli_no_benchmark(const struct sd_strv *inputs, const char *select)
{
	struct sd_buf where = SD_BUF_INIT;

	for (size_t i = 0; i < inputs->n && i < 3; i++)
		sd_buf_addf(&where, "%s'%s'", i ? ", " : "", inputs->v[i]);
	if (inputs->n > 3)
		sd_buf_addf(&where, " and %zu more", inputs->n - 3);
	if (select)
		sd_cli_error("no benchmark '%s' in %s", select,
			     where.len ? where.ptr : "the input");
	else
		sd_cli_error("no benchmark in %s",
			     where.len ? where.ptr : "the input");
	sd_buf_release(&where);
}

int sd_cli_fail(void)
{
	sd_cli_error("%s", sd_error_last());
	return SD_EXIT_TROUBLE;
}

int sd_cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see 'stigdiff %s --help')\n", cmd);
	return SD_EXIT_TROUBLE;
}

void sd_cli_problem(int code, const char *msg, void *ctx)
{
	struct sd_cli_problems *p = ctx;

	(void)code;
	sd_cli_error("%s", msg);
	if (p)
		p->count++;
}

static void note_skipped(const char *what, const char *why, void *ctx)
{
	(void)ctx;
	sd_progress_clear();
	fprintf(stderr, "note: %s: skipped, %s\n", what, why);
}

const char *sd_cli_corpus_dir(const char *dir, int cwd)
{
	if (!dir)
		dir = getenv("STIGDIFF_CORPUS");
	if (!dir || !*dir)
		dir = cwd ? "." : NULL;
	return dir;
}

int sd_cli_open_corpus(const char *dir, struct sd_corpus **c)
{
	dir = sd_cli_corpus_dir(dir, 1);
	if (sd_corpus_open(c, dir) < 0)
		return sd_cli_fail();
	if (sd_corpus_interrupted(*c))
		sd_warn("an import into '%s' was interrupted; the next import "
			"completes it",
			dir);
	return 0;
}

int sd_cli_corpus_start(int argc, char **argv, const struct sd_opt *opts,
			const char *usage_text, size_t min, size_t max,
			const char *what, struct sd_strv *args,
			const char **dir, struct sd_corpus **c, int *rc)
{
	if (sd_cli_parse(argc, argv, opts, usage_text, args, rc))
		return -1;
	if (args->n < min || args->n > max) {
		*rc = sd_cli_usage_error(argv[0], "%s", what);
		return -1;
	}
	if ((*rc = sd_cli_open_corpus(*dir, c)))
		return -1;
	return 0;
}

int sd_cli_corpus_release(struct sd_corpus *c, const char *spec,
			  const char *takes, struct sd_benchmark **out)
{
	char *slug = NULL, *label = NULL, *id = NULL;
	int err = sd_corpus_resolve(c, spec, &slug, &label, &id);

	if (!err && id)
		err = sd_error_set(SD_EUSAGE, "'%s' names a rule; %s (BENCH@VERSION)",
				   spec, takes);
	if (!err)
		err = sd_corpus_load(c, slug, label, out);
	free(slug);
	free(label);
	free(id);
	return err;
}

static void file_read(const char *path, void *ctx)
{
	(void)path;
	(void)ctx;
	sd_progress_add(1);
}

void sd_cli_progress_inputs(const char *what, const struct sd_strv *paths,
			    struct sd_source_opts *so)
{
	size_t files = 0;

	if (!sd_progress_wanted())
		return;
	for (size_t i = 0; i < paths->n; i++)
		sd_source_count(paths->v[i], &files);
	sd_progress_start(what, files, "files");
	so->file_done = file_read;
	so->file_ctx = NULL;
}

void sd_cli_source_opts(const struct sd_cli_source *cs,
			struct sd_source_opts *out)
{
	out->limits = cs->limits;
	out->limits.max_depth = cs->max_depth_opt > 64 ? 64
						       : (int)cs->max_depth_opt;
	out->parse = cs->parse;
	out->skipped = cs->verbose ? note_skipped : NULL;
	out->skipped_ctx = NULL;
	out->file_done = NULL;
	out->file_ctx = NULL;
	out->known = NULL;
	out->parsed = NULL;
	out->doc_ctx = NULL;
}

int sd_cli_asset_apply(const struct sd_cli_asset *a, const char *cmd,
		       struct sd_checklist *cl)
{
	for (size_t i = 0; sd_cl_asset_names[i]; i++) {
		const char *v = a->v[i];

		if (!strcmp(sd_cl_asset_names[i], "web-or-database"))
			v = a->web ? "true" : NULL;
		if (v && sd_cl_asset_set(cl, sd_cl_asset_names[i], v) < 0)
			return sd_cli_usage_error(cmd, "%s", sd_error_last());
	}
	/* Only what the options touch is checked: a checklist read as it
	 * came (migrate) may say anything. */
	if ((a->web || a->v[9] || a->v[10]) && sd_cl_asset_check(cl) < 0)
		return sd_cli_usage_error(cmd, "%s", sd_error_last());
	return 0;
}

struct sd_json *sd_cli_benchmark_json(const struct sd_benchmark *b)
{
	struct sd_json *j = sd_json_object_new();
	char vr[32];

	sd_json_set_str(j, "id", b->id);
	sd_json_set_str(j, "title", b->title);
	sd_json_set_str(j, "version", sd_benchmark_vr(b, vr));
	sd_json_set_str(j, "date", b->date);
	sd_json_set_str(j, "source", b->source);
	sd_json_set_int(j, "rules", (long long)(b->nrules_whole ? b->nrules_whole
							      : b->nrules));
	return j;
}

struct sd_json *sd_cli_score_json(double score)
{
	return sd_json_real_new(round(score * 1000) / 1000);
}

/* Shared by migrate --to and controls; see cli.h. */
int sd_cli_load_release(const char *who, const char *spec, const char *select,
		       const struct sd_source_opts *so, const char *corpus,
		       struct sd_benchmark **out)
{
	struct sd_corpus *c = NULL;
	struct sd_buf takes = SD_BUF_INIT;
	struct stat st;
	int err;

	corpus = sd_cli_corpus_dir(corpus, 0);
	if (!corpus || stat(spec, &st) == 0)
		return sd_source_load_one(spec, select, so, out);
	if ((err = sd_corpus_open(&c, corpus)) < 0)
		return err;
	sd_buf_addf(&takes, "%s takes a release", who);
	err = sd_cli_corpus_release(c, spec, takes.ptr, out);
	sd_buf_release(&takes);
	sd_corpus_free(c);
	return err;
}

int sd_cli_nist_check(const char *cmd, const struct sd_cli_nist *n)
{
	if (!strcmp(n->rev, "4") || !strcmp(n->rev, "5"))
		return SD_EXIT_OK;
	return sd_cli_usage_error(cmd, "--nist-rev takes 4 or 5, not '%s'",
				  n->rev);
}

const struct sd_cci_list *sd_cli_nist_list(struct sd_cli_nist *n, int *err)
{
	if (n->tried)
		return n->list;
	n->tried = 1;
	/* Only a --cci FILE can fail: the default list is compiled in. */
	if (sd_cci_load(n->cci, &n->list) == 0)
		return n->list;
	*err = sd_error_code();
	return NULL;
}

void sd_cli_nist_release(struct sd_cli_nist *n)
{
	sd_cci_list_free(n->list);
	n->list = NULL;
	n->tried = 0;
}

int sd_cli_diff_controls(struct sd_cli_nist *n, struct sd_diff *d)
{
	const struct sd_cci_list *l;
	int err = 0;

	if (!sd_diff_has_cci_change(d))
		return SD_EXIT_OK;
	if ((l = sd_cli_nist_list(n, &err)))
		sd_diff_controls(d, l, n->rev);
	return err;
}
