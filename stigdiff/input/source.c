/*
 * The input walker of source.h: directories in name order, zips through
 * archive.c with limits on depth, entry count, inflated bytes and
 * compression ratio, XML recognised by content rather than by name.
 */
#include "source.h"
#include "archive.h"
#include "buf.h"
#include "error.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DIR_DEPTH 64

struct walk {
	const struct sd_source_opts *opts;
	sd_doc_cb cb;
	void *ctx;
	sd_problem_cb problem;
	void *pctx;
	size_t budget; /* inflated bytes left for this top-level input */
	size_t found;  /* documents the callback found something in */
	size_t *count; /* sd_source_count(): count files, read none */
};

static void skipped(struct walk *w, const char *what, const char *why)
{
	if (w->opts->skipped)
		w->opts->skipped(what, why, w->opts->skipped_ctx);
}

/* What a file that is neither a zip nor XML is, from its first bytes. */
static const char *describe(const char *p, size_t len)
{
	const unsigned char *u = (const unsigned char *)p;

	if (len >= 4 && !memcmp(p, "%PDF", 4))
		return "a PDF document";
	if ((len >= 8 && !memcmp(p, "\x89PNG", 4)) ||
	    (len >= 3 && u[0] == 0xff && u[1] == 0xd8 && u[2] == 0xff) ||
	    (len >= 4 && !memcmp(p, "GIF8", 4)))
		return "an image";
	if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
			 (u[0] == 0xfe && u[1] == 0xff)))
		return "UTF-16 text, not XML";
	return "not XML or a zip";
}

static void problem(struct walk *w, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct walk *w, int code, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (w->problem)
		w->problem(code, msg, w->pctx);
}

static int is_blank(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * XML, judged by content: an optional byte order mark (UTF-8, or UTF-16
 * of either order), blanks, then '<'. A UTF-16 text that is not XML
 * (DISA ships .sql scripts so) is not.
 */
static int looks_like_xml(const char *p, size_t len)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0;

	if (len >= 2 && ((u[0] == 0xfe && u[1] == 0xff) ||
			 (u[0] == 0xff && u[1] == 0xfe))) {
		int le = u[0] == 0xff;

		for (i = 2; i + 1 < len; i += 2) {
			unsigned c = le ? u[i] | (unsigned)u[i + 1] << 8
					: (unsigned)u[i] << 8 | u[i + 1];

			if (!is_blank(c))
				return c == '<';
		}
		return 0;
	}
	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < len && is_blank(u[i]))
		i++;
	return i < len && p[i] == '<';
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static int walk_memory(struct walk *w, const char *display, const char *name,
		       const char *data, size_t len, int depth, int explicit);

/* Hand a document to the callback; count what it found. */
static int call(struct walk *w, const struct sd_doc *doc)
{
	int r = w->cb(doc, w->ctx);

	if (r > 0)
		w->found++;
	return r < 0 ? r : 0;
}

/*
 * Is member i a zip or XML, judged by its first bytes? Members that are
 * neither (the PDFs and images of DISA's zips) are never inflated whole;
 * the usual checks of walk_memory() report them when named .xml.
 */
static int worth_reading(struct walk *w, struct sd_archive *a, size_t i,
			 const char *display, const char *name)
{
	char head[512];
	size_t got;

	if (sd_archive_read_head(a, i, head, sizeof(head), &got) < 0) {
		problem(w, sd_error_code(), "%s: %s", display, sd_error_last());
		return 0;
	}
	if (got && (sd_archive_sniff(head, got) || looks_like_xml(head, got)))
		return 1;
	walk_memory(w, display, name, head, got, 0, 0);
	return 0;
}

static int walk_zip(struct walk *w, const char *display, const char *data,
		    size_t len, int depth)
{
	struct sd_archive *a = NULL;
	size_t n, found = w->found;
	int err = 0;

	if (sd_archive_open(&a, data, len, display) < 0) {
		problem(w, SD_EPARSE, "%s", sd_error_last());
		return 0;
	}
	n = sd_archive_count(a);
	if (n > w->opts->limits.max_entries) {
		problem(w, SD_ELIMIT,
			"%s: %zu entries, over the limit of %zu (--max-entries)",
			display, n, w->opts->limits.max_entries);
		goto done;
	}
	for (size_t i = 0; i < n && !err; i++) {
		struct sd_member_info mi;
		struct sd_buf member = SD_BUF_INIT;
		const char *mname = sd_archive_name(a, i);
		char *mdata = NULL;
		size_t mlen = 0;

		sd_buf_addf(&member, "%s!%s", display, mname ? mname : "?");
		if (sd_archive_stat(a, i, &mi) < 0) {
			problem(w, SD_EPARSE, "%s", sd_error_last());
		} else if (mi.is_dir) {
			/* nothing to read */
		} else if (mi.encrypted) {
			problem(w, SD_EPARSE, "%s: member is encrypted",
				member.ptr);
		} else if (mi.size > w->budget) {
			problem(w, SD_ELIMIT,
				"%s: inflating %zu bytes would pass the limit of %zu for this input (--max-bytes)",
				member.ptr, mi.size,
				w->opts->limits.max_bytes);
		} else if (mi.size > SD_LIMIT_RATIO_FLOOR &&
			   (double)mi.size >
				   w->opts->limits.max_ratio *
					   (double)(mi.comp_size ? mi.comp_size : 1)) {
			problem(w, SD_ELIMIT,
				"%s: compression ratio %.0f:1 is over the limit of %.0f:1 (--max-ratio)",
				member.ptr,
				(double)mi.size /
					(double)(mi.comp_size ? mi.comp_size : 1),
				w->opts->limits.max_ratio);
		} else if (!worth_reading(w, a, i, member.ptr,
					  base_name(mname ? mname : "?"))) {
			/* a PDF, an image: reported if named .xml, skipped */
		} else if (sd_archive_read(a, i, w->budget, &mdata, &mlen) < 0) {
			problem(w, sd_error_code(), "%s: %s", member.ptr,
				sd_error_last());
		} else {
			w->budget -= mlen;
			err = walk_memory(w, member.ptr,
					  base_name(mname ? mname : "?"),
					  mdata, mlen, depth, 0);
		}
		free(mdata);
		sd_buf_release(&member);
	}
	if (!err && w->found == found)
		skipped(w, display, "a zip holding no benchmark");
done:
	sd_archive_free(a);
	return err;
}

static int walk_memory(struct walk *w, const char *display, const char *name,
		       const char *data, size_t len, int depth, int explicit)
{
	struct sd_doc doc;

	if (sd_archive_sniff(data, len)) {
		/* `depth` zips hold this one: --max-depth N allows N. */
		if (depth > w->opts->limits.max_depth) {
			problem(w, SD_ELIMIT,
				"%s: zip nested deeper than %d (--max-depth)",
				display, w->opts->limits.max_depth);
			return 0;
		}
		return walk_zip(w, display, data, len, depth + 1);
	}
	if (!len) {
		if (explicit || sd_ends_with_icase(name, ".xml"))
			problem(w, SD_EPARSE, "%s: empty file", display);
		return 0;
	}
	if (!looks_like_xml(data, len)) {
		if (explicit)
			problem(w, SD_EPARSE, "%s: not a zip or XML file",
				display);
		else if (sd_ends_with_icase(name, ".xml"))
			problem(w, SD_EPARSE, "%s: named .xml but is not XML",
				display);
		else
			skipped(w, display, describe(data, len));
		return 0;
	}
	memset(&doc, 0, sizeof(doc));
	doc.display = display;
	doc.name = name;
	doc.data = data;
	doc.len = len;
	doc.explicit_input = explicit;
	return call(w, &doc);
}

static int read_file(struct walk *w, const char *path, int explicit);

static int walk_file(struct walk *w, const char *path, int explicit)
{
	int err;

	if (w->count) {
		++*w->count;
		return 0;
	}
	err = read_file(w, path, explicit);
	if (w->opts->file_done)
		w->opts->file_done(path, w->opts->file_ctx);
	return err;
}

static int read_file(struct walk *w, const char *path, int explicit)
{
	char head[512];
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		sd_error_errno(SD_EIO, "cannot open '%s'", path);
		problem(w, SD_EIO, "%s", sd_error_last());
		return 0;
	}
	do
		n = read(fd, head, sizeof(head));
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n < 0) {
		sd_error_errno(SD_EIO, "cannot read '%s'", path);
		problem(w, SD_EIO, "%s", sd_error_last());
		return 0;
	}
	w->budget = w->opts->limits.max_bytes;
	if (sd_archive_sniff(head, (size_t)n)) {
		char *data;
		size_t len;

		if (sd_read_file(path, w->opts->limits.max_bytes, &data,
				 &len) < 0) {
			problem(w, sd_error_code(), "%s", sd_error_last());
			return 0;
		}
		err = walk_memory(w, path, base_name(path), data, len, 0,
				  explicit);
		free(data);
		return err;
	}
	if (n == 0 || !looks_like_xml(head, (size_t)n))
		/* Reuse the checks and messages for in-memory documents. */
		return walk_memory(w, path, base_name(path), head, (size_t)n,
				   0, explicit);
	{
		struct sd_doc doc;

		memset(&doc, 0, sizeof(doc));
		doc.display = path;
		doc.name = base_name(path);
		doc.path = path;
		doc.explicit_input = explicit;
		return call(w, &doc);
	}
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_path(struct walk *w, const char *path, int explicit,
		     int dir_depth)
{
	struct stat st;
	struct sd_strv names = SD_STRV_INIT;
	DIR *d;
	struct dirent *de;
	int err = 0;

	if ((explicit ? stat(path, &st) : lstat(path, &st)) < 0) {
		sd_error_errno(SD_EIO, "cannot open '%s'", path);
		problem(w, SD_EIO, "%s", sd_error_last());
		return 0;
	}
	if (S_ISLNK(st.st_mode)) {
		/* Inside a directory walk, links to files are followed and
		 * links to directories are not (no cycles). */
		if (stat(path, &st) < 0 || S_ISDIR(st.st_mode))
			return 0;
	}
	if (S_ISREG(st.st_mode))
		return walk_file(w, path, explicit);
	if (!S_ISDIR(st.st_mode)) {
		if (explicit)
			problem(w, SD_EIO, "'%s' is not a file or directory",
				path);
		return 0;
	}
	if (dir_depth >= MAX_DIR_DEPTH) {
		problem(w, SD_ELIMIT, "'%s': directories nested too deep",
			path);
		return 0;
	}
	d = opendir(path);
	if (!d) {
		sd_error_errno(SD_EIO, "cannot open '%s'", path);
		problem(w, SD_EIO, "%s", sd_error_last());
		return 0;
	}
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			sd_strv_push(&names, de->d_name);
	closedir(d);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof(*names.v), cmp_name);
	for (size_t i = 0; i < names.n && !err; i++) {
		struct sd_buf child = SD_BUF_INIT;

		sd_buf_addstr(&child, path);
		if (!sd_ends_with(path, "/"))
			sd_buf_addch(&child, '/');
		sd_buf_addstr(&child, names.v[i]);
		err = walk_path(w, child.ptr, 0, dir_depth + 1);
		sd_buf_release(&child);
	}
	sd_strv_release(&names);
	return err;
}

int sd_source_walk(const char *path, const struct sd_source_opts *opts,
		   sd_doc_cb cb, void *ctx, sd_problem_cb problem_cb, void *pctx)
{
	static const struct sd_source_opts defaults = SD_SOURCE_OPTS_INIT;
	struct walk w;

	w.opts = opts ? opts : &defaults;
	w.cb = cb;
	w.ctx = ctx;
	w.problem = problem_cb;
	w.pctx = pctx;
	w.budget = w.opts->limits.max_bytes;
	w.found = 0;
	w.count = NULL;
	return walk_path(&w, path, 1, 0);
}

void sd_source_count(const char *path, size_t *files)
{
	static const struct sd_source_opts defaults = SD_SOURCE_OPTS_INIT;
	struct walk w;

	memset(&w, 0, sizeof(w));
	w.opts = &defaults;
	w.count = files;
	walk_path(&w, path, 1, 0);
}

struct bench_walk {
	const struct sd_source_opts *opts;
	sd_bench_cb cb;
	void *ctx;
	sd_problem_cb problem;
	void *pctx;
	const struct sd_doc *doc;
	int cb_err;
	size_t delivered; /* benchmarks of the current document */
};

static int on_benchmark(struct sd_benchmark *b, void *p)
{
	struct bench_walk *bw = p;
	int err = bw->cb(b, bw->doc, bw->ctx);

	bw->delivered++;
	if (err < 0)
		bw->cb_err = err;
	return err;
}

/*
 * Ask opts->known about `doc` with its bytes: 1 when it answered for the
 * document, 0 to parse it (from *data when that is set: a file read
 * here), negative to stop. A file that cannot be read here is left to
 * the parse, which reports why.
 */
static int ask_known(struct bench_walk *bw, const struct sd_doc *doc,
		     char **data, size_t *len)
{
	if (doc->data)
		return bw->opts->known(doc, doc->data, doc->len,
				       bw->opts->doc_ctx);
	if (sd_read_file(doc->path, bw->opts->limits.max_bytes, data, len) < 0)
		return 0;
	return bw->opts->known(doc, *data, *len, bw->opts->doc_ctx);
}

static int on_doc(const struct sd_doc *doc, void *p)
{
	struct bench_walk *bw = p;
	char *read = NULL;
	size_t len = 0;
	int err;

	bw->doc = doc;
	bw->cb_err = 0;
	bw->delivered = 0;
	if (bw->opts->known && (err = ask_known(bw, doc, &read, &len)) != 0) {
		free(read);
		return err < 0 ? err : 1;
	}
	if (doc->data || read)
		err = sd_xccdf_parse_memory(read ? read : doc->data,
					    read ? len : doc->len, doc->display,
					    &bw->opts->parse, on_benchmark, bw);
	else
		err = sd_xccdf_parse_file(doc->path, doc->display,
					  &bw->opts->parse, on_benchmark, bw);
	free(read);
	if (bw->opts->parsed)
		bw->opts->parsed(doc, err, bw->opts->doc_ctx);
	if (err < 0 && bw->cb_err)
		return err; /* the caller asked to stop */
	if (err == SD_ENOTBENCH && !doc->explicit_input) {
		/* The message ends "not a benchmark (root element 'x')". */
		const char *why = strstr(sd_error_last(), "not a benchmark");

		if (bw->opts->skipped)
			bw->opts->skipped(doc->display,
					  why ? why : "not a benchmark",
					  bw->opts->skipped_ctx);
		return 0;
	}
	if (err < 0 && bw->problem)
		bw->problem(err, sd_error_last(), bw->pctx);
	return bw->delivered ? 1 : 0;
}

static void bench_walk_init(struct bench_walk *bw,
			    const struct sd_source_opts *opts, sd_bench_cb cb,
			    void *ctx, sd_problem_cb problem_cb, void *pctx)
{
	static const struct sd_source_opts defaults = SD_SOURCE_OPTS_INIT;

	memset(bw, 0, sizeof(*bw));
	bw->opts = opts ? opts : &defaults;
	bw->cb = cb;
	bw->ctx = ctx;
	bw->problem = problem_cb;
	bw->pctx = pctx;
}

int sd_source_benchmarks(const char *path, const struct sd_source_opts *opts,
			 sd_bench_cb cb, void *ctx, sd_problem_cb problem_cb,
			 void *pctx)
{
	struct bench_walk bw;

	bench_walk_init(&bw, opts, cb, ctx, problem_cb, pctx);
	return sd_source_walk(path, bw.opts, on_doc, &bw, problem_cb, pctx);
}

int sd_source_benchmarks_memory(const char *data, size_t len,
				const char *display,
				const struct sd_source_opts *opts,
				sd_bench_cb cb, void *ctx,
				sd_problem_cb problem_cb, void *pctx)
{
	struct bench_walk bw;
	struct walk w;

	bench_walk_init(&bw, opts, cb, ctx, problem_cb, pctx);
	w.opts = bw.opts;
	w.cb = on_doc;
	w.ctx = &bw;
	w.problem = problem_cb;
	w.pctx = pctx;
	w.budget = w.opts->limits.max_bytes;
	if (len > w.budget) {
		problem(&w, SD_ELIMIT,
			"%s: %zu bytes, over the limit of %zu (--max-bytes)",
			display, len, w.budget);
		return 0;
	}
	return walk_memory(&w, display, base_name(display), data, len, 0, 1);
}

struct load_one {
	const char *select;
	struct sd_benchmark *found;
	struct sd_strv candidates;
	int nmatch;
	int problem_code;
	char *problem_msg;
};

static int load_one_cb(struct sd_benchmark *b, const struct sd_doc *doc,
		       void *p)
{
	struct load_one *lo = p;
	char vr[32], label[1024];

	(void)doc;
	snprintf(label, sizeof(label), "%s %s (%s)", b->id ? b->id : "?",
		 sd_benchmark_vr(b, vr), b->source);
	sd_strv_push(&lo->candidates, label);
	if (lo->select && sd_strcmp_null(b->id, lo->select) &&
	    !strstr(b->source, lo->select)) {
		sd_benchmark_free(b);
		return 0;
	}
	lo->nmatch++;
	if (lo->found)
		sd_benchmark_free(b);
	else
		lo->found = b;
	return 0;
}

static void load_one_problem(int code, const char *msg, void *p)
{
	struct load_one *lo = p;

	if (!lo->problem_msg) {
		lo->problem_code = code;
		lo->problem_msg = sd_xstrdup(msg);
	}
}

int sd_source_load_one(const char *path, const char *select,
		       const struct sd_source_opts *opts,
		       struct sd_benchmark **out)
{
	struct load_one lo;
	struct sd_buf list = SD_BUF_INIT;
	int err = 0;

	*out = NULL;
	memset(&lo, 0, sizeof(lo));
	lo.select = select;
	sd_source_benchmarks(path, opts, load_one_cb, &lo, load_one_problem,
			     &lo);
	if (lo.problem_msg && lo.found)
		sd_warn("%s", lo.problem_msg);
	if (lo.problem_msg && !lo.found) {
		err = sd_error_set(lo.problem_code < 0 ? lo.problem_code
						       : SD_EPARSE,
				   "%s", lo.problem_msg);
		goto done;
	}
	for (size_t i = 0; i < lo.candidates.n; i++)
		sd_buf_addf(&list, "%s%s", i ? ", " : "", lo.candidates.v[i]);
	if (!lo.found) {
		err = lo.candidates.n
			? sd_error_set(SD_ENOTFOUND,
				       "no benchmark '%s' in '%s' (found: %s)",
				       select, path, list.ptr)
			: sd_error_set(SD_ENOTFOUND, "no benchmark in '%s'",
				       path);
		goto done;
	}
	if (lo.nmatch > 1) {
		err = sd_error_set(SD_EAMBIGUOUS,
				   "'%s' holds %d benchmarks; pick one with --benchmark (found: %s)",
				   path, lo.nmatch, list.ptr);
		goto done;
	}
	*out = lo.found;
	lo.found = NULL;
done:
	sd_benchmark_free(lo.found);
	sd_strv_release(&lo.candidates);
	free(lo.problem_msg);
	sd_buf_release(&list);
	return err;
}
