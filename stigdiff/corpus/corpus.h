/*
 * The corpus: every release of every benchmark as history in a bare git
 * repository, written with libgit2 (this module is its only user) so that
 * stock git and any git host can read it. See README.md, "Corpus format".
 *
 * Each benchmark has a branch refs/heads/<slug>: one commit per release
 * in benchmark-date order, each commit's tree holding the one directory
 * <slug>/ (a file per rule, benchmark.txt). Commits carry a fixed
 * identity and the benchmark date, so the same releases give the same
 * commit ids on any machine, in any import order. A tag <slug>/<label>
 * names each release; refs/heads/lineage holds lineage/curated.tsv, the
 * curated lineage links; refs/heads/main is a snapshot commit whose
 * parents are every benchmark's head (and the links) and whose tree
 * holds every directory.
 *
 * Writers hold a lock file; ref updates go through a journal written
 * after every object, so an import killed at any point leaves the
 * repository valid and the next import finishes the job.
 */
#ifndef SD_CORPUS_H
#define SD_CORPUS_H

#include <stddef.h>

#include "buf.h"
#include "util.h"
#include "xccdf.h"

/*
 * libgit2 starts with the first sd_corpus_create() or sd_corpus_open();
 * main() shuts it down, which does nothing when it never started.
 */
void sd_corpus_global_shutdown(void);

/*
 * Create an empty corpus (a bare repository) at `dir`, making the
 * directory when needed. Returns 0, 1 when `dir` is a corpus already,
 * SD_EEXISTS when it exists and is neither empty nor a corpus, or
 * SD_EIO.
 */
int sd_corpus_create(const char *dir);

struct sd_corpus;

/* Open the corpus at `dir`; the caller frees *out with sd_corpus_free(). */
int sd_corpus_open(struct sd_corpus **out, const char *dir);
/* Release the lock if held and free `c`; accepts NULL. */
void sd_corpus_free(struct sd_corpus *c);

/* The corpus directory as given to sd_corpus_open() (borrowed). */
const char *sd_corpus_dir(const struct sd_corpus *c);

/*
 * A path under the corpus's private directory (<dir>/stigdiff/<name>),
 * appended to `out`; the directory is created when missing.
 */
int sd_corpus_private_path(struct sd_corpus *c, const char *name,
			   struct sd_buf *out);

/*
 * Take the writers' lock. With `wait` 0 a lock held by another process
 * fails at once with SD_ELOCKED and a message naming it; with `wait` 1
 * the call blocks until the other writer finishes.
 */
int sd_corpus_lock(struct sd_corpus *c, int wait);

/* Is an interrupted import waiting to be completed? */
int sd_corpus_interrupted(struct sd_corpus *c);

/* ---- Import ---- */

enum sd_corpus_event_kind {
	SD_CORPUS_ADDED,       /* a new release */
	SD_CORPUS_UNCHANGED,   /* already present, same content */
	SD_CORPUS_REPLACED,    /* present with other content, replaced
				  (--replace) */
	SD_CORPUS_REPUBLISHED, /* present with other content: kept as
				  another revision of that version */
	SD_CORPUS_REBUILT,     /* an existing release written again: a
				  release arrived before it, or its line
				  was renamed */
	SD_CORPUS_RECOVERED    /* an interrupted import was completed */
};

/* What happened to one release; strings borrowed for the call. */
struct sd_corpus_event {
	enum sd_corpus_event_kind kind;
	const char *slug;
	const char *label;   /* its label in the line: V2R1, V2R1-rev1 */
	const char *version; /* its own version label: V2R1 */
	const char *date;    /* ISO 8601, or NULL */
	const char *summary; /* the commit's change summary, or NULL */
	const char *source;  /* where a release was read, or NULL */
	const char *differs; /* republished: what differs from the other
				content of its version */
	size_t nrules;
};
typedef void (*sd_corpus_event_fn)(const struct sd_corpus_event *ev,
				   void *ctx);

struct sd_corpus_import;

/*
 * Start an import into `c`, which must hold the lock. An interrupted
 * import is completed first (reported as SD_CORPUS_RECOVERED). With
 * `replace`, a release present with other content is replaced instead
 * of reported as a conflict.
 */
int sd_corpus_import_new(struct sd_corpus_import **out, struct sd_corpus *c,
			 int replace, sd_corpus_event_fn fn, void *ctx);

/*
 * Add one benchmark release: its rule files and tree are written to the
 * object database at once (nothing refers to them yet). `b` is put in
 * canonical rule order; it stays the caller's.
 */
int sd_corpus_import_add(struct sd_corpus_import *im, struct sd_benchmark *b);

/*
 * Documents read before. Once an import is told how benchmarks are read
 * (`po`: the limits that decide a parse besides the bytes), it records
 * what each document it parses gives, by the SHA-1 of its bytes, and
 * keeps the record in the corpus when it ends.
 * sd_corpus_import_known() is asked before a document is parsed
 * (`display` names it): 1 when the same bytes were read before and what
 * they gave is taken as this import's (the document need not be parsed),
 * else 0; sd_corpus_import_parsed() is told how the parse of a document
 * asked about ended (`err` 0 or its error). A document that gave a
 * warning, a problem or no benchmark is not recorded, so it is read (and
 * says what it says) every time.
 */
void sd_corpus_import_reader(struct sd_corpus_import *im,
			     const struct sd_parse_opts *po);
int sd_corpus_import_known(struct sd_corpus_import *im, const char *data,
			   size_t len, const char *display);
void sd_corpus_import_parsed(struct sd_corpus_import *im, int err);

/* The files of lineage/ on refs/heads/lineage. */
#define SD_CORPUS_CURATED "curated.tsv" /* curated links (lineage.h) */
#define SD_CORPUS_LINKS "links.tsv"     /* every rule's computed steps */

/*
 * Make `text` the corpus's lineage/<name> (the caller checks it): a
 * commit on refs/heads/lineage with `message`, the other files of
 * lineage/ kept, when it differs from the current one (*changed 1),
 * nothing otherwise. Refs move with the rest of the import.
 */
int sd_corpus_import_lineage(struct sd_corpus_import *im, const char *name,
			     const char *text, size_t len, const char *message,
			     int *changed);

/* A file under lineage/: "index.tsv" or one directory down,
 * "lines/x.tsv" (borrowed): its text, or the blob `oid` (hex) written
 * already by sd_corpus_import_blob(). */
struct sd_corpus_file {
	const char *name;
	const char *text;
	size_t len;
	const char *oid;
};

/*
 * Write `len` bytes of `text` as a blob now (with the import's other new
 * objects: nothing refers to it yet) and give its id (hex) in `oid`, so
 * a caller holding many files need not keep their text until the
 * commit.
 */
int sd_corpus_import_blob(struct sd_corpus_import *im, const char *text,
			  size_t len, char oid[41]);

/*
 * The same for many files at once: each of `files` written (when its
 * content differs), each path of `remove` removed (when there), the
 * other files kept; one commit, or none when nothing changed.
 */
int sd_corpus_import_lineage_files(struct sd_corpus_import *im,
				   const struct sd_corpus_file *files, size_t n,
				   const char *const *remove, size_t nremove,
				   const char *message, int *changed);

/*
 * Build each touched benchmark's history in date order and write its
 * commits (still in memory); events are reported per release and the
 * slugs whose history changed are appended to `changed`. Until
 * sd_corpus_import_commit(), the reading functions below already see
 * the new history, so derived files (the search index) can be written
 * from memory before any ref moves.
 */
int sd_corpus_import_prepare(struct sd_corpus_import *im,
			     struct sd_strv *changed);

/*
 * Write the new objects as one pack, then move every ref through the
 * journal. Nothing is visible to other readers before this.
 */
int sd_corpus_import_commit(struct sd_corpus_import *im);

/* Free `im` (an unfinished import leaves only unreferenced objects). */
void sd_corpus_import_free(struct sd_corpus_import *im);

/* ---- Reading ---- */

/* One release of a line as the corpus holds it. */
struct sd_corpus_release {
	char *label;    /* its label in the line: V2R2, V2R2-rev1 */
	char *version;  /* its own version label: V2R2 */
	char *date;     /* 2025-01-30, or NULL */
	char *subject;  /* first line of the commit message */
	char *bench_id; /* the benchmark id it was published under */
	char *title;
	const char *kind; /* "stig", "srg" or "scap" (static) */
	int draft;        /* its status says draft */
	char commit[41];
	size_t nrules;
};

/*
 * The kind of a line, from its releases (oldest first): that of its
 * latest release that is not a draft, or "draft" when all are drafts.
 */
const char *sd_corpus_line_kind(const struct sd_corpus_release *rel,
				size_t n);
/* The latest release that is not a draft (else the latest), by index. */
size_t sd_corpus_latest(const struct sd_corpus_release *rel, size_t n);

/*
 * The sibling lines of `slug`, appended to `out`: lines of the other
 * content class (SCAP benchmark content for a manual STIG, and the other
 * way round) published under one of its benchmark ids, or whose titles
 * are alike (lines.h) with most of the SCAP line's latest rules, by Vuln
 * ID, in the manual line's latest release.
 */
int sd_corpus_siblings(struct sd_corpus *c, const char *slug,
		       struct sd_strv *out);
/* Are lines a and b (their slugs and releases) siblings, as above? */
int sd_corpus_are_siblings(struct sd_corpus *c, const char *a,
			   const struct sd_corpus_release *ra, size_t na,
			   const char *b, const struct sd_corpus_release *rb,
			   size_t nb);

/* Every benchmark slug, sorted, appended to `slugs`. */
int sd_corpus_benchmarks(struct sd_corpus *c, struct sd_strv *slugs);

/*
 * The releases of `slug`, oldest first; free with
 * sd_corpus_releases_free(). SD_ENOTFOUND for an unknown slug.
 */
int sd_corpus_releases(struct sd_corpus *c, const char *slug,
		       struct sd_corpus_release **out, size_t *n);
void sd_corpus_releases_free(struct sd_corpus_release *rel, size_t n);

/*
 * The releases that were each line's latest in a snapshot of the corpus,
 * as the corpus names them now: `ref` (a tag or ref name, or anything
 * git's rev-parse reads) names a commit of the main branch, whose
 * parents are every line's head then; each head's content is looked for
 * in today's lines (a line may have been renamed, a release relabelled
 * as a revision since). Slugs and labels are appended pairwise to
 * `slugs` and `labels`. SD_ENOTFOUND when `ref` names nothing or no
 * snapshot.
 */
int sd_corpus_snapshot(struct sd_corpus *c, const char *ref,
		       struct sd_strv *slugs, struct sd_strv *labels);

/* The head commit id of `slug` (hex) into `out`; SD_ENOTFOUND. */
int sd_corpus_head(struct sd_corpus *c, const char *slug, char out[41]);

/*
 * Split "BENCH[@VERSION][:ID]" into a slug (BENCH may be a line's
 * directory, a benchmark id, or a directory or id the line had before
 * DISA renamed it), a label (the latest release that is not a draft
 * when VERSION is absent or "latest") and the ID (NULL when absent),
 * each a new string. SD_ENOTFOUND names what is missing and what exists.
 */
int sd_corpus_resolve(struct sd_corpus *c, const char *spec, char **slug,
		      char **label, char **id);

/* One file of a release: name and blob id (hex). */
struct sd_corpus_entry {
	char *name;
	char oid[41];
};

/*
 * The files of release `label` of `slug` (benchmark.txt included),
 * in name order; free with sd_corpus_entries_free().
 */
int sd_corpus_entries(struct sd_corpus *c, const char *slug,
		      const char *label, struct sd_corpus_entry **out,
		      size_t *n);
void sd_corpus_entries_free(struct sd_corpus_entry *e, size_t n);

/* The corpus's lineage/<name> ("index.tsv", "lines/x.tsv") appended to
 * `out`; SD_ENOTFOUND when it has none. */
int sd_corpus_lineage_file(struct sd_corpus *c, const char *name,
			   struct sd_buf *out);

/*
 * What computed lineage depends on, as 40 hex digits: every benchmark's
 * head commit (which names its whole history) and the curated links.
 * lineage/links.tsv holds the key it was computed for.
 */
int sd_corpus_lineage_key(struct sd_corpus *c, char out[41]);

/* The content of blob `oid` (hex) appended to `out`. */
int sd_corpus_read_blob(struct sd_corpus *c, const char *oid,
			struct sd_buf *out);

/*
 * Load release `label` of `slug` as a benchmark (rules in canonical
 * order, source "<slug>@<label>"); the caller frees *out.
 */
int sd_corpus_load(struct sd_corpus *c, const char *slug, const char *label,
		   struct sd_benchmark **out);

/*
 * Test hooks, which the command line sets from the environment
 * (SD_TEST_CORPUS_KILL_AT, SD_TEST_CORPUS_FLUSH_BYTES): with
 * sd_corpus_test_kill_at(N), N > 0, a writer kills its own process with
 * SIGKILL at its Nth checkpoint (objects written, journal written, each
 * ref updated, ...), so tests can interrupt an import at every point;
 * with sd_corpus_test_flush_at(B) an import writes the new objects it
 * holds in memory as a pack whenever they pass B bytes (default 32 MiB;
 * 1: a pack per release).
 */
void sd_corpus_test_kill_at(long n);
void sd_corpus_test_flush_at(size_t bytes);

/*
 * Load the `n` releases `rel` of `slug` into out[0..n-1], as
 * sd_corpus_load() does each; a rule file met in an earlier one of them
 * is copied rather than read and parsed again. On failure none is left.
 */
int sd_corpus_load_releases(struct sd_corpus *c, const char *slug,
			    const struct sd_corpus_release *rel, size_t n,
			    struct sd_benchmark **out);

/* ---- Rule histories (corpus_log.c) ---- */

/*
 * The history of every rule of line `slug` that carries `id` (any id
 * form) in some release, as `corpus log` shows it: each rule followed
 * through the line's releases as diff pairs rules (diff.h), so a rule
 * DISA renumbered keeps one history. For each such rule, in the order of
 * its first release: fn(ctx, vuln_id, stig_id, rows), the ids of its
 * newest version and a text row per release (label, date, diff's
 * status, rule id, the fields that differ), strings borrowed for the
 * call. Nothing is reported when reading or diffing fails.
 */
typedef void (*sd_corpus_log_fn)(void *ctx, const char *vuln_id,
				 const char *stig_id, const char *rows);
int sd_corpus_log(struct sd_corpus *c, const char *slug, const char *id,
		  sd_corpus_log_fn fn, void *ctx);

/* ---- Lineage over the corpus ---- */

struct sd_lineage_links;

/* Every release of every benchmark, in slug then release order, into a
 * new array *out of *n benchmarks; the caller frees each and the array. */
int sd_corpus_load_all(struct sd_corpus *c, struct sd_benchmark ***out,
		       size_t *n);

/* The corpus's curated links (lineage/curated.tsv) appended to `links`;
 * none is no error. */
int sd_corpus_curated(struct sd_corpus *c, struct sd_lineage_links *links);

#endif
