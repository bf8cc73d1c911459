/*
 * Stored lineage: what `corpus link` computes, as a set of small text
 * files (lineage/ in a corpus; README.md, "Corpus format") that a query
 * reads a few of instead of loading every release.
 *
 *   index.tsv         every product line (its file, product, the
 *                     benchmark heads it was computed from, how many
 *                     parts and related files it has) and which lines
 *                     a chain can step into from which
 *   lines/<line>.tsv  a line's releases (and each one's rule count)
 *   parts/<line>.<p>.tsv  part p of a line: some of its rule tracks
 *                     (a rule whose ids, title and SRG do not change
 *                     across releases is a record written once), which
 *                     rules of each release hold them, the hops between
 *                     its releases that are not plain "same rule id,
 *                     same text", and the steps of those rules out of
 *                     the line (hops to successors and predecessors,
 *                     candidates, curated hops, siblings). A part is
 *                     closed under the line's hops: a chain through the
 *                     line reads the parts of its own tracks.
 *   related/<line>.<n>.tsv  related rules of rules 16n..16n+15 of its
 *                     latest release
 *   ids/<xx>.tsv      every id form of every rule -> the parts of the
 *                     lines holding it, in 256 files by a digest of the id
 *
 * Each step names the other rule by line, release position, rule index
 * and part, with enough about it (benchmark, release, ids, title) to
 * show it without reading its line. A line's files change only when its
 * releases, or those of the lines it relates to, change.
 */
#ifndef SD_LINEAGE_STORE_H
#define SD_LINEAGE_STORE_H

#include <stddef.h>

#include "buf.h"
#include "lineage.h"
#include "util.h"

/* ---- A set of files in memory ---- */

struct sd_lineage_file {
	char *name; /* under lineage/: "lines/windows-2016-....tsv" */
	struct sd_buf text;
	char oid[41]; /* "": the text is here; else written as this blob */
};

struct sd_lineage_files {
	struct sd_lineage_file *v;
	size_t n, cap;
	size_t *slot; /* by name: open addressing, index + 1 */
	size_t mask;
};
#define SD_LINEAGE_FILES_INIT { NULL, 0, 0, NULL, 0 }

/* Add (or replace) file `name`, taking `text` over (it is left empty). */
void sd_lineage_files_put(struct sd_lineage_files *f, const char *name,
			  struct sd_buf *text);
/* File `name`, or NULL. */
const struct sd_lineage_file *sd_lineage_files_get(
	const struct sd_lineage_files *f, const char *name);
void sd_lineage_files_release(struct sd_lineage_files *f);

/* Where a reader finds files: read(name) appends file `name` to `out`
 * and returns 0, SD_ENOTFOUND when there is none, or an error. `where`
 * names the place in messages ("CORPUS:lineage/"), or is NULL. */
struct sd_lineage_source {
	int (*read)(void *ctx, const char *name, struct sd_buf *out);
	void *ctx;
	const char *where;
};

/* ---- The index ---- */

struct sd_lineage_index_line {
	char *file;       /* file name stem: "windows-2016-0-server-1a2b3c4d" */
	char *key;        /* the product key */
	char *name;       /* display name */
	char *sources;    /* what it was computed from: "slug@commit ..." */
	char *benchmarks; /* its benchmark ids, blank-separated */
	size_t releases;
	size_t parts;   /* parts/ files */
	size_t related; /* related/ files (numbers below it) */
};

/* Which lines a line's steps go into: forward (successors, curated) or
 * backward; siblings for people. */
enum { SD_LINEAGE_EDGE_FWD, SD_LINEAGE_EDGE_BACK, SD_LINEAGE_EDGE_SIBLING };

struct sd_lineage_index_edge {
	size_t a, b; /* lines */
	int type;
};

struct sd_lineage_index {
	int version; /* of the text read: 3 (older ones are only removed) */
	char *key; /* what every line depends on: options, curated links,
		      the product table */
	struct sd_lineage_index_line *lines;
	size_t nlines, caplines;
	struct sd_lineage_index_edge *edges;
	size_t nedges, capedges;
	/* Lines by file stem (open addressing, index + 1) for the first
	 * `nhashed` lines; lines added otherwise are hashed when the next
	 * is added. */
	size_t *slot, mask, nhashed;
};

int sd_lineage_index_parse(struct sd_lineage_index *x, const char *text,
			   size_t len, const char *source);
void sd_lineage_index_write(const struct sd_lineage_index *x,
			    struct sd_buf *out);
void sd_lineage_index_release(struct sd_lineage_index *x);
/* The line whose file stem is `file`, or SIZE_MAX. */
size_t sd_lineage_index_find(const struct sd_lineage_index *x,
			     const char *file);
/* Every file of line `l` of `x` under lineage/ ("lines/F.tsv", its
 * parts and related files, as the index's version names them), appended
 * to `out`. */
void sd_lineage_index_line_files(const struct sd_lineage_index *x, size_t l,
				 struct sd_strv *out);
/* Does the ids/ entry's line `e` ("short" or "short.part") name the line
 * whose file stem is `file`? */
int sd_lineage_ids_names_line(const char *e, const char *file);

/* The file stem of the line of product key `key`, a new string. */
char *sd_lineage_store_line_file(const char *key);
/* The short name of a line in ids/ files: its stem's last part, a
 * digest of its key (borrowed from `file`). */
const char *sd_lineage_store_short(const char *file);

/* ---- Ids ---- */

/* "ID\tshort" entries, ids upper-cased, lines by their short name. */
struct sd_lineage_ids {
	struct sd_strv v;
};
#define SD_LINEAGE_IDS_INIT { SD_STRV_INIT }

/* The ids/ files of `ids` into `files` (sorted and merged first). */
void sd_lineage_ids_write(struct sd_lineage_ids *ids,
			  struct sd_lineage_files *files);
/* Read every ids/ file of `src` into `ids`, leaving out the entries of
 * the lines in `drop` (file stems). */
int sd_lineage_ids_read(const struct sd_lineage_source *src,
			const struct sd_strv *drop, struct sd_lineage_ids *ids);
/* The short names of the lines holding a rule with an id form of `id`
 * (the rule id's base too), appended to `files`. */
int sd_lineage_ids_lookup(const struct sd_lineage_source *src, const char *id,
			  struct sd_strv *files);

/* ---- Writing ---- */

/* Does `s` hold a letter or a digit? (A text with words: what the store
 * records of a rule's check, fix and discussion.) */
int sd_lineage_store_has_words(const char *s);


/*
 * Store every line of `lin` (whose related rules are left out: see
 * sd_lineage_store_related()): its lines/ and steps/ files into `files`,
 * its line and edge records into `idx` (lines already there replaced),
 * its id forms into `ids`. sources[l] names what line l was computed
 * from (NULL: nothing). Returns the number of steps written.
 */
size_t sd_lineage_store_write(struct sd_lineage *lin,
			      const char *const *sources,
			      struct sd_lineage_files *files,
			      struct sd_lineage_index *idx,
			      struct sd_lineage_ids *ids);

/* A rule of a line's latest release, for related rules: where it is and
 * what to show of it. */
struct sd_lineage_relrule {
	const char *file; /* its line's file stem */
	size_t pos, rule;
	const char *bench_id, *bench_title, *label, *version, *date, *source;
	int v, r;
	size_t nrules; /* of its release */
	const char *vuln, *rule_id, *stig, *title;
};

/*
 * The related/ files of every line among `v` (entries of each line
 * together, by rule) from the related pairs `p` (sd_lineage_related());
 * how many each line has into its record in `idx` (when not NULL).
 */
size_t sd_lineage_store_related(const struct sd_lineage_relrule *v, size_t n,
				const struct sd_lineage_relpair *p, size_t np,
				const struct sd_strv *line_files,
				struct sd_lineage_files *files,
				struct sd_lineage_index *idx);

/* ---- Reading ---- */

struct sd_lineage_stored;

/*
 * What a trace of `id` can reach, read from `src` (the index, the ids/
 * file of `id`, the lines/ file of each line the chain goes through and
 * the parts/ and related/ files of the rules it shows, no more) as a
 * lineage of those rules' ids and titles, every step known. `opts` must
 * hold the curated links the store was computed with. SD_ENOTFOUND when
 * no line holds the id; SD_EPARSE naming the file and line for a
 * damaged store. Free *out with sd_lineage_stored_free().
 */
int sd_lineage_stored_open(const struct sd_lineage_source *src,
			   const struct sd_lineage_index *idx,
			   const struct sd_lineage_opts *opts, const char *id,
			   struct sd_lineage_stored **out);
/* The same for the traces of `n` ids at once (the site: the rules of one
 * benchmark); SD_ENOTFOUND only when no line holds any of them. */
int sd_lineage_stored_open_ids(const struct sd_lineage_source *src,
			       const struct sd_lineage_index *idx,
			       const struct sd_lineage_opts *opts,
			       const char *const *ids, size_t n,
			       struct sd_lineage_stored **out);
struct sd_lineage *sd_lineage_stored_lineage(struct sd_lineage_stored *st);
void sd_lineage_stored_free(struct sd_lineage_stored *st);

#endif
