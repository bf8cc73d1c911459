/*
 * What stigdiff diff does, for the commands that share it (see cli.h):
 * loading and checking the OLD and NEW pair (diff, notes), and the whole
 * diff run with its options and formats (diff; corpus diff, with a
 * loader of corpus releases), --consecutive included.
 */
#include "cli.h"
#include "diff.h"
#include "error.h"
#include "json.h"
#include "match_diff.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int sd_cli_check_pair(const char *old_path, const char *new_path, int force,
		      struct sd_benchmark **old, struct sd_benchmark **new)
{
	char vo[32], vn[32];

	if (sd_strcmp_null((*old)->id, (*new)->id)) {
		if (!force) {
			sd_cli_error("OLD '%s' and NEW '%s' are different benchmarks ('%s' and '%s'); use --force to compare them anyway",
				     old_path, new_path,
				     (*old)->id ? (*old)->id : "",
				     (*new)->id ? (*new)->id : "");
			goto trouble;
		}
		sd_warn("comparing different benchmarks: '%s' and '%s'",
			(*old)->id ? (*old)->id : "",
			(*new)->id ? (*new)->id : "");
	}
	if ((*old)->v > (*new)->v ||
	    ((*old)->v == (*new)->v && (*old)->r > (*new)->r))
		sd_warn("OLD (%s) is a later release than NEW (%s): the diff reads backwards",
			sd_benchmark_vr(*old, vo), sd_benchmark_vr(*new, vn));
	return SD_EXIT_OK;
trouble:
	sd_benchmark_free(*old);
	sd_benchmark_free(*new);
	*old = *new = NULL;
	return SD_EXIT_TROUBLE;
}

int sd_cli_load_pair(const char *old_path, const char *new_path,
		     const char *select, const struct sd_source_opts *so,
		     int force, struct sd_benchmark **old,
		     struct sd_benchmark **new)
{
	*old = *new = NULL;
	if (sd_source_load_one(old_path, select, so, old) < 0 ||
	    sd_source_load_one(new_path, select, so, new) < 0) {
		sd_cli_fail();
		sd_benchmark_free(*old);
		sd_benchmark_free(*new);
		*old = *new = NULL;
		return SD_EXIT_TROUBLE;
	}
	return sd_cli_check_pair(old_path, new_path, force, old, new);
}

/* --only: status names into a bit mask; -1 after an error. */
static int parse_only(const char *cmd, const struct sd_strv *only,
		      unsigned *mask)
{
	*mask = 0;
	for (size_t i = 0; i < only->n; i++) {
		const char *s = only->v[i];
		int st = !strcmp(s, "revision-only") ? SD_DIFF_REVISED
						     : sd_diff_status_parse(s);

		if (st < 0) {
			sd_cli_usage_error(cmd,
					   "unknown status '%s' for --only (added, removed, changed, renumbered, revised, cosmetic, unchanged)",
					   s);
			return -1;
		}
		*mask |= 1u << st;
	}
	return 0;
}

/* Any rule that counts as a difference among those listed? */
static int differs(const struct sd_diff *d, unsigned only)
{
	for (size_t i = 0; i < d->nrules; i++)
		if (sd_diff_status_is_change(d->rules[i].status) &&
		    (!only || (only & (1u << d->rules[i].status))))
			return 1;
	return 0;
}

/* ---- --consecutive ---- */

/*
 * Memory stays bounded over a whole library: a first pass reads only
 * each benchmark's header (id, release, date, where it is); releases are
 * then loaded in order, two at a time.
 */
struct release {
	char *id;
	int v, r;
	char *date;
	char *source; /* the document, as the walker names it */
	char *file;   /* the file on disk holding it */
};

struct series {
	const char *select;
	const char *input; /* the PATH being walked */
	struct release *v;
	size_t n, cap;
};

/* The file on disk holding `doc`: its path, or the top-level zip. */
static char *doc_file(const struct sd_doc *doc, const char *input)
{
	const char *bang;

	if (doc->path)
		return sd_xstrdup(doc->path);
	/* "dir/a.zip!member": the longest prefix before a '!' that is the
	 * walked input or lies under it. */
	for (bang = strchr(doc->display, '!'); bang;
	     bang = strchr(bang + 1, '!')) {
		size_t n = (size_t)(bang - doc->display);

		if (!strncmp(doc->display, input, strlen(input)) &&
		    n >= strlen(input))
			return sd_xstrndup(doc->display, n);
	}
	return sd_xstrdup(input);
}

static int on_header(struct sd_benchmark *b, const struct sd_doc *doc,
		     void *ctx)
{
	struct series *s = ctx;
	struct release *r;

	if (!s->select || !sd_strcmp_null(b->id, s->select) ||
	    strstr(b->source, s->select)) {
		SD_ALLOC_GROW(s->v, s->n, s->cap);
		r = &s->v[s->n++];
		r->id = b->id ? sd_xstrdup(b->id) : NULL;
		r->v = b->v;
		r->r = b->r;
		r->date = b->date ? sd_xstrdup(b->date) : NULL;
		r->source = sd_xstrdup(b->source);
		r->file = doc_file(doc, s->input);
	}
	sd_benchmark_free(b);
	return 0;
}

/* By benchmark id, then release, then date, then source. */
static int cmp_release(const void *pa, const void *pb)
{
	const struct release *a = pa, *b = pb;
	int c;

	if ((c = sd_strcmp_null(a->id, b->id)) ||
	    (c = sd_release_cmp(a->v, a->r, a->date, b->v, b->r, b->date)))
		return c;
	return sd_strcmp_null(a->source, b->source);
}

struct pick {
	const struct release *want;
	struct sd_benchmark *got;
};

static int on_pick(struct sd_benchmark *b, const struct sd_doc *doc,
		   void *ctx)
{
	struct pick *p = ctx;

	(void)doc;
	if (!p->got && !sd_strcmp_null(b->source, p->want->source) &&
	    !sd_strcmp_null(b->id, p->want->id)) {
		p->got = b;
		return 0;
	}
	sd_benchmark_free(b);
	return 0;
}

/* Load the benchmark a header pass found; NULL (reported) on failure. */
static struct sd_benchmark *load_release(const struct release *r,
					 const struct sd_source_opts *so,
					 struct sd_cli_problems *problems)
{
	struct pick p = { r, NULL };

	sd_source_benchmarks(r->file, so, on_pick, &p, sd_cli_problem,
			     problems);
	if (!p.got)
		sd_cli_problem(SD_ENOTFOUND, "cannot read back a benchmark", problems);
	return p.got;
}

static int run_consecutive(const struct sd_strv *paths,
			   struct sd_cli_nist *nist,
			   const struct sd_source_opts *so, const char *select,
			   const struct sd_diff_opts *dopts, int trust,
			   const struct sd_diff_write_opts *wo, int fmt,
			   FILE *fp, int *found)
{
	struct series s = { select, NULL, NULL, 0, 0 };
	struct sd_source_opts headers = *so;
	struct sd_cli_problems problems = { 0 };
	struct sd_json *pairs = NULL, *doc = NULL;
	struct sd_benchmark *prev = NULL, *cur = NULL;
	size_t cur_index = 0;
	struct sd_buf line = SD_BUF_INIT;
	int err = 0;

	headers.parse.header_only = 1;
	for (size_t i = 0; i < paths->n; i++) {
		s.input = paths->v[i];
		sd_source_benchmarks(paths->v[i], &headers, on_header, &s,
				     sd_cli_problem, &problems);
	}
	if (s.n > 1)
		qsort(s.v, s.n, sizeof(*s.v), cmp_release);
	if (fmt == SD_DIFF_JSON)
		pairs = sd_json_array_new();
	for (size_t i = 1; i < s.n && !err; i++) {
		struct sd_diff *d = NULL;
		char vo[32], vn[32];

		if (sd_strcmp_null(s.v[i - 1].id, s.v[i].id))
			continue;
		/* Last pair's new release is this pair's old one: reuse it. */
		sd_benchmark_free(prev);
		if (cur && cur_index == i - 1) {
			prev = cur;
		} else {
			sd_benchmark_free(cur);
			prev = load_release(&s.v[i - 1], so, &problems);
		}
		cur = load_release(&s.v[i], so, &problems);
		cur_index = i;
		if (!prev || !cur)
			continue;
		if ((err = sd_match_diff(prev, cur, dopts, trust, &d)) < 0)
			break;
		if (differs(d, wo->only))
			*found = 1;
		if (pairs) {
			if ((err = sd_cli_diff_controls(nist, d)) < 0) {
				sd_diff_free(d);
				break;
			}
			sd_json_append(pairs, sd_diff_json(d, wo));
		} else {
			sd_buf_reset(&line);
			sd_diff_summary(d, &line);
			fprintf(fp, "%s %s (%s) -> %s (%s): %s\n",
				cur->id ? cur->id : "",
				sd_benchmark_vr(prev, vo),
				prev->date ? prev->date : "?",
				sd_benchmark_vr(cur, vn),
				cur->date ? cur->date : "?", line.ptr);
		}
		sd_diff_free(d);
	}
	if (!err && pairs) {
		doc = sd_json_object_new();
		sd_json_set_str(doc, "format", "stigdiff-diff-series");
		sd_json_set_int(doc, "format-version", SD_DIFF_FORMAT_VERSION);
		sd_json_set(doc, "pairs", pairs);
		pairs = NULL;
		err = sd_json_dump(doc, fp, SD_JSON_PRETTY | SD_JSON_SHORT_REALS);
	}
	if (!err && !s.n) {
		sd_cli_no_benchmark(paths, select);
		err = SD_ENOTFOUND;
	} else if (err < 0) {
		sd_cli_fail();
	}
	sd_json_free(pairs);
	sd_json_free(doc);
	sd_buf_release(&line);
	sd_benchmark_free(prev);
	sd_benchmark_free(cur);
	for (size_t i = 0; i < s.n; i++) {
		free(s.v[i].id);
		free(s.v[i].date);
		free(s.v[i].source);
		free(s.v[i].file);
	}
	free(s.v);
	if (err < 0)
		return SD_EXIT_TROUBLE;
	return problems.count ? SD_EXIT_TROUBLE : SD_EXIT_OK;
}

/* ---- The command ---- */

static int use_color(const char *when, const char *output, int *color)
{
	const char *term = getenv("TERM");

	if (!strcmp(when, "always"))
		*color = 1;
	else if (!strcmp(when, "never"))
		*color = 0;
	else if (!strcmp(when, "auto"))
		*color = (!output || !strcmp(output, "-")) &&
			 isatty(STDOUT_FILENO) && !getenv("NO_COLOR") &&
			 !(term && !strcmp(term, "dumb"));
	else
		return -1;
	return 0;
}

int sd_cli_diff(int argc, char **argv, const char *usage_text,
		sd_cli_pair_loader load)
{
	struct sd_cli_source cs = SD_CLI_SOURCE_INIT;
	struct sd_source_opts so;
	struct sd_strv args = SD_STRV_INIT, only = SD_STRV_INIT,
		       fields = SD_STRV_INIT;
	struct sd_outfile out = { 0 };
	struct sd_benchmark *old = NULL, *new = NULL;
	struct sd_diff *d = NULL;
	struct sd_diff_opts dopts = { 0 };
	struct sd_diff_write_opts wo = { 0 };
	const char *format = "text", *output = NULL, *select = NULL,
		   *color = "auto", *title = NULL, *stylesheet = NULL,
		   *where = NULL;
	int rc = SD_EXIT_OK, fmt, force = 0, consecutive = 0, found = 0;
	int trust = 0;
	struct sd_cli_nist nist = SD_CLI_NIST_INIT;
	/* The first entry is only for a loader (stigdiff corpus diff). */
	const struct sd_opt all_opts[] = {
		SD_OPT_CORPUS(&where, SD_CORPUS_HELP),
		{ SD_OPT_STRING, 0, "format", &format, "FMT",
		  "text (default), json, xml, csv; md, html: release notes" },
		SD_OPT_DIFF_COMMON(&output, &force, &select, &dopts.strict,
				   &fields, &trust),
		{ SD_OPT_LIST, 0, "only", &only, "STATUS,...",
		  "list only rules of these statuses (named above)" },
		{ SD_OPT_STRING, 0, "color", &color, "WHEN",
		  "auto (default: on a terminal), always or never" },
		{ SD_OPT_STRING, 0, "title", &title, "TEXT",
		  "md, html: the heading of the release notes" },
		{ SD_OPT_STRING, 0, "stylesheet", &stylesheet, "FILE",
		  "md, html: render with this XSLT stylesheet" },
		{ SD_OPT_FLAG, 0, "consecutive", &consecutive, NULL,
		  "every consecutive release pair in PATHs (text, json)" },
		SD_OPT_NIST(&nist),
		SD_OPT_INPUT_LIMITS(&cs),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};
	const struct sd_opt *opts = load ? all_opts : all_opts + 1;

	if (sd_cli_parse(argc, argv, opts, usage_text, &args, &rc))
		goto done;
	if ((fmt = sd_diff_format_parse(format)) < 0) {
		rc = sd_cli_usage_error(argv[0], "unknown format '%s'", format);
		goto done;
	}
	if ((rc = sd_cli_nist_check(argv[0], &nist)) != SD_EXIT_OK)
		goto done;
	if (use_color(color, output, &wo.color) < 0) {
		rc = sd_cli_usage_error(argv[0], "--color takes auto, always or never, not '%s'",
					color);
		goto done;
	}
	if (parse_only(argv[0], &only, &wo.only) < 0) {
		rc = SD_EXIT_TROUBLE;
		goto done;
	}
	if (consecutive ? !args.n : args.n != 2) {
		rc = sd_cli_usage_error(argv[0], consecutive
					? "no PATH given"
					: "expected OLD and NEW, got %zu argument%s",
					args.n, args.n == 1 ? "" : "s");
		goto done;
	}
	if (consecutive && load) {
		rc = sd_cli_usage_error(argv[0], "--consecutive reads PATHs, not corpus releases");
		goto done;
	}
	if (consecutive && fmt != SD_DIFF_TEXT && fmt != SD_DIFF_JSON) {
		rc = sd_cli_usage_error(argv[0], "--consecutive writes text or json");
		goto done;
	}
	dopts.fields = &fields;
	if (sd_diff_fields_check(&fields) < 0) {
		rc = sd_cli_usage_error(argv[0], "%s", sd_error_last());
		goto done;
	}
	sd_cli_source_opts(&cs, &so);
	if (sd_outfile_open(&out, output, force) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	if (consecutive) {
		rc = run_consecutive(&args, &nist, &so, select, &dopts, trust, &wo, fmt,
				     out.fp, &found);
		if (rc != SD_EXIT_OK)
			goto done;
	} else {
		if ((rc = load ? load(where, args.v[0], args.v[1], force, &old,
				      &new)
			       : sd_cli_load_pair(args.v[0], args.v[1], select,
						  &so, force, &old, &new)) !=
		    SD_EXIT_OK)
			goto done;
		if (sd_match_diff(old, new, &dopts, trust, &d) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
		if (sd_cli_diff_controls(&nist, d) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
		if ((fmt == SD_DIFF_MD || fmt == SD_DIFF_HTML
			     ? sd_render_notes(d, fmt, stylesheet, title, out.fp)
			     : sd_diff_write(d, out.fp, fmt, &wo)) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
		found = differs(d, wo.only);
	}
	if (sd_outfile_commit(&out) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	rc = found ? SD_EXIT_FOUND : SD_EXIT_OK;
done:
	sd_outfile_abort(&out);
	sd_diff_free(d);
	sd_cli_nist_release(&nist);
	sd_benchmark_free(old);
	sd_benchmark_free(new);
	sd_strv_release(&args);
	sd_strv_release(&only);
	sd_strv_release(&fields);
	return rc;
}
