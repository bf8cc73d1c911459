/*
 * What the corpus's repository files share (not for other modules:
 * corpus.h is the interface). They are libgit2's users, and this header
 * its one includer (tests/check-layers.py names them):
 *
 *   corpus_repo.c     create, open, lock; libgit2's start; test hooks
 *   corpus_journal.c  refs, moved only through the journal
 *   corpus_read.c     history, trees and blobs read back
 *   corpus_import.c   an import: new objects, packs, lineage/ files
 *   corpus_place.c    an import's releases placed in product lines
 *                     (lines.h) and their histories written, with
 *                     diff's summary in each commit message
 *   corpus_known.c    the documents earlier imports read, by the hash
 *                     of their bytes, and what each gave
 *
 * corpus_query.c builds on corpus.h alone (sibling lines, BENCH@VERSION
 * names, every release, the curated links).
 */
#ifndef SD_CORPUS_INT_H
#define SD_CORPUS_INT_H

#include "corpus.h"
#include "hash.h"

#include <stdlib.h>

#include <git2.h>
#include <git2/sys/commit.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#define CORPUS_FORMAT 1
#define MAIN_REF "refs/heads/main"
/* The curated lineage links: a history of their own. */
#define LINKS_REF "refs/heads/lineage"
#define LINKS_DIR "lineage"
#define AUTHOR_NAME "stigdiff"
#define AUTHOR_EMAIL "corpus@stigdiff.invalid"
#define JOURNAL_MAGIC "stigdiff-journal 1"
/* Flush the in-memory objects to a pack file once they pass this. */
#define PACK_FLUSH_BYTES ((size_t)32 << 20)
/* The rule texts an import keeps to know a blob without hashing it. */
#define TEXT_MEMO_BYTES ((size_t)16 << 20)

/* The refs an import moves, in order; the zero id removes one. */
struct journal {
	struct sd_strv refs;
	git_oid *oids;
	size_t cap;
};

struct sd_corpus {
	git_repository *repo;
	char *dir;
	char *gitdir; /* ends with '/' */
	int lock_fd;
	/* Between prepare and commit of an import: the refs about to be
	 * written, which reading functions see before the ref database. */
	const struct journal *pending;
	/* lineage/ at the head of the lineage history, and the directories
	 * under it looked up so far (corpus_read.c): a query reads tens of
	 * files of one directory, which is parsed once. */
	git_oid lin_head;
	git_tree *lin_dir;
	struct sd_strv lin_subname;
	git_tree **lin_sub;
};

/* Forget the lineage/ trees looked up (the head moved; the corpus is
 * freed). */
static inline void sd_corpus_lineage_forget(struct sd_corpus *c)
{
	for (size_t i = 0; i < c->lin_subname.n; i++)
		git_tree_free(c->lin_sub[i]);
	free(c->lin_sub);
	c->lin_sub = NULL;
	sd_strv_release(&c->lin_subname);
	git_tree_free(c->lin_dir);
	c->lin_dir = NULL;
}

/* ---- corpus_repo.c ---- */

/* `code` with libgit2's last message after `what`. */
int sd_corpus_git_fail(int code, const char *what);
/* A writer's checkpoint: the process kills itself at the Nth when a
 * test asks (sd_corpus_test_kill_at()). */
void sd_corpus_checkpoint(void);
/* The pack size sd_corpus_test_flush_at() set, else PACK_FLUSH_BYTES. */
size_t sd_corpus_flush_bytes(void);
/* Seconds since the epoch of an ISO date at 00:00 UTC; 0 when absent. */
git_time_t sd_corpus_date_time(const char *iso);
/* The value of a "Key: value" line in the last paragraph of a commit
 * message, or NULL. */
char *sd_corpus_trailer(const char *msg, const char *key);
/* "refs/<kind>/<slug>[/<label>]" into `out` (reset first). */
void sd_corpus_ref_name(struct sd_buf *out, const char *kind, const char *slug,
			const char *label);

/* ---- corpus_journal.c ---- */

void sd_corpus_journal_add(struct journal *j, const char *ref,
			   const git_oid *oid);
void sd_corpus_journal_release(struct journal *j);
/* The object `name` points to: from the refs an import is about to
 * write, else from the ref database. GIT_ENOTFOUND when absent. */
int sd_corpus_lookup_ref(struct sd_corpus *c, const char *name, git_oid *out);
/* Move every ref of `j`, then remove the journal file `path`. */
int sd_corpus_journal_apply(struct sd_corpus *c, const struct journal *j,
			    const char *path);
/* Write `j` as the journal file, its path into `path`. */
int sd_corpus_journal_write(struct sd_corpus *c, const struct journal *j,
			    struct sd_buf *path);
/* Read a journal left by an interrupted import; 0 with j->refs.n == 0
 * when there is none. */
int sd_corpus_journal_read(struct sd_corpus *c, struct journal *j,
			   struct sd_buf *path);

/* ---- corpus_read.c ---- */

/* One release in a line's history, as its commit tells it. */
struct rel {
	char *label;    /* its label in the line: V2R10, V2R10-rev1 */
	char *version;  /* its own version label: V2R10 */
	char *date;
	char *bench_id;
	char *title;
	const char *kind; /* "stig", "srg", "scap" */
	int scap, draft;
	git_time_t time;
	git_oid tree;   /* root tree: <slug>/ */
	git_oid commit;
	size_t nrules;
};

void sd_corpus_rels_free(struct rel *r, size_t n);
/* The history of `slug`, oldest first, from its branch (first parents).
 * Commit messages are appended to `subjects` when it is not NULL. */
int sd_corpus_read_chain(struct sd_corpus *c, const char *slug,
			 struct rel **out, size_t *n, struct sd_strv *subjects);
/* The directory tree of line `slug` in root tree `root`. */
int sd_corpus_root_dir(struct sd_corpus *c, const git_oid *root,
		       const char *slug, git_oid *out);
/*
 * The rule files an import has read back, by blob id, so that a file
 * shared by several releases (most are: a rule unchanged since the
 * release before) is inflated and parsed once and copied after that.
 * It holds copies of its own, at most SD_CORPUS_MEMO_RULES of them (it
 * starts again when full); zeroed is empty; sd_corpus_memo_release()
 * frees it.
 */
#define SD_CORPUS_MEMO_RULES 8192
struct sd_corpus_memo {
	struct sd_corpus_memo_slot {
		git_oid id;
		struct sd_rule rule;
		int used;
	} *slot; /* 2 * SD_CORPUS_MEMO_RULES, once used */
	size_t n;
};
void sd_corpus_memo_release(struct sd_corpus_memo *m);
/* Load the benchmark whose directory tree is `dir`, as release `label`,
 * through memo `m` (NULL: none). */
int sd_corpus_load_dir_oid(struct sd_corpus *c, const git_oid *dir,
			   const char *slug, const char *label,
			   struct sd_corpus_memo *m, struct sd_benchmark **out);
/* The benchmark of directory tree `dir` without its rules (what its
 * benchmark.txt holds). */
int sd_corpus_load_dir_header(struct sd_corpus *c, const git_oid *dir,
			      const char *slug, struct sd_benchmark **out);
/* The tree lineage/ at the head of the lineage history into *dir (the
 * caller frees it), and that head. SD_ENOTFOUND when there is no such
 * history. */
int sd_corpus_lineage_dir(struct sd_corpus *c, git_oid *head, git_tree **dir);

/* ---- corpus_import.c ---- */

/* A release read by this import, before lines are decided. */
struct pending {
	char *label, *date, *bench_id, *title, *source;
	int scap, draft;
	git_oid dir; /* its directory tree, already written */
	size_t nrules;
	size_t order; /* arrival, to keep duplicates in input order */
};

/* A document by its bytes: their length and sd_digest64(). */
struct known_doc {
	uint64_t digest;
	size_t len;
};

/* What one benchmark of a document read before gave (corpus_known.c). */
struct known_rel {
	struct known_doc doc;
	size_t k, of;  /* benchmark k of `of` in it, in reading order */
	git_oid dir;
	int scap, draft;
	size_t nrules;
	char *label, *date, *bench_id, *title;
};

struct known {
	char *reader; /* the file's first line; NULL: not used */
	int loaded;
	struct known_rel *v;
	size_t n, cap, nread; /* nread: records the file holds */
	struct sd_htab index; /* document -> its first record */
	/* The document being parsed: its id, where its releases start in
	 * im->p, the warnings before it, and whether adding one failed. */
	struct known_doc cur;
	int reading, bad;
	size_t start;
	unsigned long warnings;
};

void sd_corpus_known_release(struct known *k);
/* Write the records when there are new ones (best effort). */
void sd_corpus_known_write(struct sd_corpus_import *im);

struct sd_corpus_import {
	struct sd_corpus *c;
	int replace;
	sd_corpus_event_fn fn;
	void *ctx;
	struct pending *p;
	size_t n, cap;
	struct sd_buf text;
	struct journal journal;
	git_odb *odb;
	git_odb_backend *mempack; /* new objects, until written as a pack */
	size_t pending_bytes;     /* about what the mempack holds */
	size_t flush_bytes;       /* write a pack when it holds more */
	/* The objects this import wrote, with a path for blobs (it groups
	 * versions of one file when the pack looks for deltas). */
	git_oid *new_ids;
	char **new_names;
	size_t nnew, new_cap;
	/* Releases read back while they are placed (corpus_place.c). */
	struct sd_corpus_memo memo;
	/* The last text written at each path ("<slug>/<name>") and its
	 * blob, for sd_corpus_insert_blob(): up to TEXT_MEMO_BYTES. */
	struct text_memo {
		struct text_memo_item {
			char *path, *text;
			size_t len;
			git_oid id;
		} *v;
		size_t n, cap, bytes;
		struct sd_htab index;
	} texts;
	struct known known; /* documents read before (corpus_known.c) */
};

/* Note object `id` as written by this import (`name`: a path, for the
 * pack's deltas). */
void sd_corpus_record_new(struct sd_corpus_import *im, const git_oid *id,
			  const char *name);
/* Report one release to the import's callback. */
void sd_corpus_emit(struct sd_corpus_import *im, enum sd_corpus_event_kind kind,
		    const char *slug, const char *label, const char *version,
		    const char *date, const char *summary, const char *source,
		    const char *differs, size_t nrules);
/* A commit of the corpus's fixed identity at `when`. */
int sd_corpus_make_commit(struct sd_corpus_import *im, const char *msg,
			  const git_oid *tree, git_time_t when,
			  const git_oid **parents, size_t nparents,
			  git_oid *out);
/* The snapshot commit for refs/heads/main: every benchmark's head as a
 * parent (in slug order), every benchmark's directory in its tree. */
int sd_corpus_make_main(struct sd_corpus_import *im, git_oid *out);

#endif
