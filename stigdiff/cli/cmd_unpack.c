/*
 * stigdiff unpack: find every benchmark in DISA zips (nested ones too),
 * directories and XML files; list them, or extract them under a
 * directory with safe names.
 */
#include "cli.h"
#include "progress.h"
#include "buf.h"
#include "error.h"
#include "json.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
	"stigdiff unpack [--list] [--json] [-o DIR [--force]] PATH...\n\n"
	"Find every benchmark (XCCDF 1.1 manual benchmarks, SCAP 1.2/1.3 data\n"
	"streams) in PATHs: DISA zips, zips inside zips, directories, XML files.\n"
	"Members are recognised by their root element, not their names.\n"
	"--list (the default) prints one tab-separated row per benchmark:\n"
	"source, benchmark id, title, version (VnRm), date, rule count.\n"
	"-o DIR writes each benchmark document to DIR/<id>_<VnRm>[-scap].xml.\n"
	"Unreadable inputs are reported one per line and the rest processed;\n"
	"the exit status is then 1. No benchmark at all, or a file -o cannot\n"
	"write (a full disk), is an error: exit status 2.";

struct unpack {
	int list;
	int json;
	const char *outdir;
	int force;
	struct sd_json *doc;  /* --json: the document, owning rows */
	struct sd_json *rows; /* borrowed from doc */
	struct sd_cli_problems problems;
	char *last_doc; /* display name of the last document written */
	struct sd_strv written;
	int fatal; /* a file could not be written: the run ends */
	size_t found; /* benchmarks */
};

/* DIR-safe file name from the benchmark: letters, digits, . _ - only. */
static char *safe_name(const struct sd_benchmark *b, const struct sd_doc *doc)
{
	struct sd_buf name = SD_BUF_INIT;
	const char *id = b->id && *b->id ? b->id : "benchmark";
	char vr[32];

	for (const char *p = id; *p && name.len < 120; p++)
		sd_buf_addch(&name, isalnum((unsigned char)*p) || *p == '.' ||
					    *p == '-' ? *p : '_');
	if (*sd_benchmark_vr(b, vr))
		sd_buf_addf(&name, "_%s", vr);
	if (b->xccdf_version && !strcmp(b->xccdf_version, "1.2"))
		sd_buf_addstr(&name, "-scap");
	(void)doc;
	sd_buf_addstr(&name, ".xml");
	/* Never a hidden file, never "." or "..". */
	if (name.ptr[0] == '.')
		name.ptr[0] = '_';
	return sd_buf_detach(&name);
}

static int same_content(const char *path, const char *data, size_t len)
{
	char *old;
	size_t olen;
	int same;

	if (sd_read_file(path, len + 1, &old, &olen) < 0)
		return 0;
	same = olen == len && !memcmp(old, data, len);
	free(old);
	return same;
}

static int extract(struct unpack *u, const struct sd_benchmark *b,
		   const struct sd_doc *doc)
{
	char *name = safe_name(b, doc), *owned = NULL;
	const char *data = doc->data;
	size_t len = doc->len;
	struct sd_buf path = SD_BUF_INIT;
	int err = 0;

	sd_buf_addf(&path, "%s/%s", u->outdir, name);
	if (!data) {
		if ((err = sd_read_file(doc->path, 0, &owned, &len)) < 0)
			goto done;
		data = owned;
	}
	if (same_content(path.ptr, data, len)) {
		printf("unchanged\t%s\t%s\n", path.ptr, doc->display);
		sd_strv_push(&u->written, path.ptr);
		goto done;
	}
	if (sd_strv_contains(&u->written, path.ptr)) {
		err = sd_error_set(SD_EEXISTS,
				   "%s: not written: '%s' was already written from another input",
				   doc->display, path.ptr);
		goto done;
	}
	if ((err = sd_write_file(path.ptr, data, len, u->force)) < 0) {
		if (err == SD_EIO) /* a full disk: the others fail too */
			u->fatal = err;
		goto done;
	}
	sd_strv_push(&u->written, path.ptr);
	printf("wrote\t%s\t%s\n", path.ptr, doc->display);
done:
	free(name);
	free(owned);
	sd_buf_release(&path);
	return err;
}

static void add_row(struct unpack *u, const struct sd_benchmark *b)
{
	char vr[32];

	sd_benchmark_vr(b, vr);
	if (u->json) {
		struct sd_json *o = sd_json_object_new();

		sd_json_set_str(o, "source", b->source);
		sd_json_set_str(o, "id", b->id);
		sd_json_set_str(o, "title", b->title);
		sd_json_set_str(o, "version", vr);
		sd_json_set(o, "date", sd_json_string_new(b->date));
		sd_json_set_int(o, "rules", (long long)b->nrules);
		sd_json_set_str(o, "benchmark-format",
				b->xccdf_version &&
						!strcmp(b->xccdf_version, "1.2")
					? "xccdf-1.2"
					: "xccdf-1.1");
		sd_json_append(u->rows, o);
		return;
	}
	printf("%s\t%s\t%s\t%s\t%s\t%zu\n", b->source, b->id ? b->id : "",
	       b->title ? b->title : "", vr, b->date ? b->date : "",
	       b->nrules);
}

static int on_bench(struct sd_benchmark *b, const struct sd_doc *doc,
		    void *ctx)
{
	sd_progress_clear();
	struct unpack *u = ctx;

	u->found++;
	if (u->list)
		add_row(u, b);
	/* A data stream holding several benchmarks is written once. */
	if (u->outdir && sd_strcmp_null(u->last_doc, doc->display)) {
		free(u->last_doc);
		u->last_doc = sd_xstrdup(doc->display);
		if (extract(u, b, doc) < 0) {
			/* A file that cannot be written (a full disk) ends
			 * the run; a name clash is one input's problem. */
			if (u->fatal) {
				sd_benchmark_free(b);
				return u->fatal;
			}
			sd_cli_problem(sd_error_code(), sd_error_last(),
				       &u->problems);
		}
	}
	sd_benchmark_free(b);
	return 0;
}

int cmd_unpack(int argc, char **argv)
{
	struct sd_cli_source cs = SD_CLI_SOURCE_INIT;
	struct sd_source_opts so;
	struct sd_strv args = SD_STRV_INIT;
	struct unpack u;
	int rc = SD_EXIT_OK, progress = 0, quiet = 0;
	const struct sd_opt opts[] = {
		{ SD_OPT_FLAG, 'l', "list", &u.list, NULL,
		  "list the benchmarks found (default without -o)" },
		{ SD_OPT_FLAG, 0, "json", &u.json, NULL,
		  "list as a JSON document" },
		{ SD_OPT_STRING, 'o', "output", &u.outdir, "DIR",
		  "write each benchmark document under DIR" },
		{ SD_OPT_FLAG, 'f', "force", &u.force, NULL,
		  "overwrite files that already exist in DIR" },
		SD_OPT_INPUT_LIMITS(&cs),
		SD_OPT_PROGRESS(&progress, &quiet),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	memset(&u, 0, sizeof(u));
	if (sd_cli_parse(argc, argv, opts, usage, &args, &rc))
		goto done;
	if (!args.n) {
		rc = sd_cli_usage_error(argv[0], "no PATH given");
		goto done;
	}
	if (u.json || !u.outdir)
		u.list = 1;
	if (u.outdir && sd_mkdirs(u.outdir) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (u.outdir) /* what a killed unpack left half-written */
		sd_sweep_temporaries(u.outdir, NULL, 0);
	if (u.json) {
		/* {"format", "format-version", "benchmarks": [rows]} */
		u.doc = sd_json_object_new();
		u.rows = sd_json_array_new();
		sd_json_set_str(u.doc, "format", "stigdiff-unpack");
		sd_json_set_int(u.doc, "format-version", 2);
		sd_json_set(u.doc, "benchmarks", u.rows);
	}
	sd_cli_source_opts(&cs, &so);
	sd_progress_configure(progress, quiet);
	sd_cli_progress_inputs("unpack", &args, &so);
	for (size_t i = 0; i < args.n && !u.fatal; i++)
		sd_source_benchmarks(args.v[i], &so, on_bench, &u,
				     sd_cli_problem, &u.problems);
	sd_progress_end();
	fflush(stdout);
	if (u.fatal) {
		rc = sd_cli_fail();
	} else if (!u.found && !u.problems.count) {
		/* An empty directory, say: not a silent success. */
		sd_cli_no_benchmark(&args, NULL);
		rc = SD_EXIT_TROUBLE;
	} else if (u.json && sd_json_dump(u.doc, stdout, SD_JSON_PRETTY) < 0)
		rc = sd_cli_fail();
	else if (u.problems.count)
		rc = SD_EXIT_FOUND;
done:
	sd_json_free(u.doc);
	free(u.last_doc);
	sd_strv_release(&u.written);
	sd_strv_release(&args);
	return rc;
}
