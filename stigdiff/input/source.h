/*
 * The input walker shared by every command that reads benchmarks: a PATH
 * may be a zip (nested zips included), a directory (walked in name
 * order) or an XML file. Candidate XML documents go to a callback; the
 * benchmarks in them, parsed by xccdf_parse.c, to another. Problems with
 * one input (a corrupt zip, a zip bomb, broken XML) are reported through
 * a problem callback and the walk goes on with the rest.
 */
#ifndef SD_SOURCE_H
#define SD_SOURCE_H

#include <stddef.h>

#include "xccdf.h"

/* Limits against hostile archives; every one has an option. */
struct sd_limits {
	size_t max_bytes;   /* inflated bytes per top-level input */
	double max_ratio;   /* inflated / compressed, per member */
	size_t max_entries; /* members per archive */
	int max_depth;      /* zips inside zips */
};
#define SD_LIMIT_MAX_BYTES ((size_t)1 << 30)
#define SD_LIMIT_MAX_RATIO 200.0
#define SD_LIMIT_MAX_ENTRIES ((size_t)10000)
#define SD_LIMIT_MAX_DEPTH 4
#define SD_LIMITS_INIT { SD_LIMIT_MAX_BYTES, SD_LIMIT_MAX_RATIO, \
			 SD_LIMIT_MAX_ENTRIES, SD_LIMIT_MAX_DEPTH }

/* Members smaller than this are never refused for their ratio. */
#define SD_LIMIT_RATIO_FLOOR ((size_t)1 << 20)

/* One candidate document: in memory (zip members) or a file on disk. */
struct sd_doc {
	const char *display; /* "dir/a.zip!inner.zip!x-xccdf.xml" */
	const char *name;    /* the member or file name, without dirs */
	const char *data;    /* NULL for files on disk */
	size_t len;
	const char *path;    /* file on disk when data is NULL */
	int explicit_input;  /* named on the command line itself */
};

/*
 * Something the walk passed over on purpose (a PDF, a script, XML that is
 * not a benchmark, a zip holding none): `what` names it as messages do,
 * `why` says what it is. Not a problem; told to those who ask
 * (--verbose).
 */
typedef void (*sd_skip_cb)(const char *what, const char *why, void *ctx);

/* A file on disk (a zip, an XML file) has been read through. */
typedef void (*sd_file_cb)(const char *path, void *ctx);

/*
 * Before a document is parsed for its benchmarks: its bytes, `data` and
 * `len` (borrowed; a file on disk is read into memory for it). Return 1
 * when the caller knows what the document holds already (it is then not
 * parsed, and counts as holding a benchmark), 0 to have it parsed, or a
 * negative code to stop the walk.
 */
typedef int (*sd_known_cb)(const struct sd_doc *doc, const char *data,
			   size_t len, void *ctx);
/* A document was parsed: `err` is 0, or the code of the error reported
 * for it. */
typedef void (*sd_parsed_cb)(const struct sd_doc *doc, int err, void *ctx);

struct sd_source_opts {
	struct sd_limits limits;
	struct sd_parse_opts parse;
	sd_skip_cb skipped; /* may be NULL */
	void *skipped_ctx;
	sd_file_cb file_done; /* may be NULL; for progress */
	void *file_ctx;
	/* sd_source_benchmarks() only; both may be NULL. */
	sd_known_cb known;
	sd_parsed_cb parsed;
	void *doc_ctx;
};
#define SD_SOURCE_OPTS_INIT { SD_LIMITS_INIT, { 0, 0, 0 }, NULL, NULL, NULL, \
			      NULL, NULL, NULL, NULL }

/*
 * Return negative to stop the walk (the code is passed through), a
 * positive number when the document held what the caller looks for
 * (zips holding nothing of it are told to opts->skipped), else 0.
 */
typedef int (*sd_doc_cb)(const struct sd_doc *doc, void *ctx);
/* A problem with one input or member; the walk continues. */
typedef void (*sd_problem_cb)(int code, const char *msg, void *ctx);

/*
 * Walk `path`, calling `cb` for each document that looks like XML and
 * `problem` (with `pctx`) for each input or member that cannot be read.
 * Returns 0 when the walk completed (problems may have been reported), or
 * the negative code a callback returned.
 */
int sd_source_walk(const char *path, const struct sd_source_opts *opts,
		   sd_doc_cb cb, void *ctx, sd_problem_cb problem, void *pctx);

/*
 * The files a walk of `path` would read (as sd_source_walk() finds them:
 * directories in depth, links to files followed), added to *files;
 * nothing is opened. For progress.
 */
void sd_source_count(const char *path, size_t *files);

/* Receives each benchmark (owned) with the document it came from. */
typedef int (*sd_bench_cb)(struct sd_benchmark *b, const struct sd_doc *doc,
			   void *ctx);

/*
 * Walk `path` and parse every document: `cb` gets each benchmark. XML that
 * is not a benchmark is skipped quietly inside archives and directories,
 * and reported when it was named on the command line.
 */
int sd_source_benchmarks(const char *path, const struct sd_source_opts *opts,
			 sd_bench_cb cb, void *ctx, sd_problem_cb problem,
			 void *pctx);

/*
 * The same for one input held in memory (`data`, borrowed): a zip (its
 * members walked as a zip file's are) or an XML document; `display`
 * names it in messages, as a path would.
 */
int sd_source_benchmarks_memory(const char *data, size_t len,
				const char *display,
				const struct sd_source_opts *opts,
				sd_bench_cb cb, void *ctx,
				sd_problem_cb problem, void *pctx);

/*
 * Load exactly one benchmark from `path`: the only one it holds, or the
 * one whose id (or source member) matches `select` when it holds several.
 * Fails with SD_ENOTFOUND or SD_EAMBIGUOUS naming the candidates.
 */
int sd_source_load_one(const char *path, const char *select,
		       const struct sd_source_opts *opts,
		       struct sd_benchmark **out);

#endif
