/*
 * What the stored lineage's files share (not for other modules:
 * lineage_store.h is the interface). lineage_store_format.c holds the
 * text of the files (fields, the index, ids, rule records);
 * lineage_store_write.c writes a lineage; lineage_store_trace.c reads
 * what the traces of some ids reach (the files through
 * lineage_store_parts.c), lineage_store_read.c makes it a lineage.
 */
#ifndef SD_LINEAGE_STORE_INT_H
#define SD_LINEAGE_STORE_INT_H

#include <stdlib.h>

#include "error.h"
#include "lineage_store.h"
#include "tsv.h"

#define INDEX_MAGIC "stigdiff-lineage-index\t3"
#define LINE_MAGIC "stigdiff-lineage-line\t3"
#define PART_MAGIC "stigdiff-lineage-part\t3"
#define STEPS_MAGIC "stigdiff-lineage-steps\t3"
#define IDS_MAGIC "stigdiff-lineage-ids\t3"
#define ID_PARTS 256
/* What a line's part is meant to weigh (bytes of text, about): a chain
 * reads a part or two per line it goes through. */
#define SD_LINEAGE_PART_BYTES 16384
/* Rules of a latest release per related/ file. */
#define SD_LINEAGE_RELATED_RULES 16

/* parts/<file>.<part>.tsv, related/<file>.<n>.tsv, appended to `out`. */
void sd_lineage_store_part_name(struct sd_buf *out, const char *file,
				size_t part);
void sd_lineage_store_related_name(struct sd_buf *out, const char *file,
				   size_t n);
/* An ids/ entry "ID\tshort.part" for `id` (upper-cased) of part `part`
 * of line `file`. */
void sd_lineage_ids_add_part(struct sd_strv *v, const char *id,
			     const char *file, size_t part);

/* qsort(), which must not be given a NULL array even when empty. */
static inline void sort_any(void *base, size_t n, size_t size,
			    int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

static inline char *dup_or_null(const char *s)
{
	return s ? sd_xstrdup(s) : NULL;
}

/* ---- The text of the files (lineage_store_format.c) ---- */

/* The next line of [*p, end) split in place into at most `max` fields
 * (unescaped); returns the count, 0 at the end. The line is copied into
 * `buf` first. */
size_t sd_lineage_store_fields(const char **p, const char *end,
			       struct sd_buf *buf, char **f, size_t max,
			       unsigned *lineno);
/* The same without a copy: the line is split and unescaped where it is
 * (its line break and tabs become NULs; *end must be writable, as the
 * NUL that ends an sd_buf is), the fields pointing into it. */
size_t sd_lineage_store_fields_here(char **p, char *end, char **f,
				    size_t max, unsigned *lineno);
/* SD_EPARSE naming `source` and `line`. */
static inline int perr(const char *source, unsigned line, const char *why)
{
	return sd_error_set(SD_EPARSE, "%s:%u: %s", source, line, why);
}

/* A count of at most 2^40 from `s`: 0, or -1. */
static inline int read_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s < '0' || *s > '9')
		return -1;
	v = strtoull(s, &end, 10);
	if (*end || v > (1ULL << 40))
		return -1;
	*out = (size_t)v;
	return 0;
}

/* A tab, then `s` as a field (NULL as the null field). */
static inline void add_field(struct sd_buf *b, const char *s)
{
	sd_buf_addch(b, '\t');
	sd_tsv_field_or_null(b, s);
}

/* The line of the index whose stem is `file`, added when missing. */
size_t sd_lineage_index_add_line(struct sd_lineage_index *x, const char *file);
/* An edge of the index, unless it has it. */
void sd_lineage_index_add_edge(struct sd_lineage_index *x, size_t a, size_t b,
			       int type);
/* An ids/ entry "ID\tshort" for `id` (upper-cased) of line `file`. */
void sd_lineage_ids_add(struct sd_strv *v, const char *id, const char *file);
/* Sort `v` and drop repeats. */
void sd_lineage_store_unique(struct sd_strv *v);

/* Which of a rule's check, fix and discussion hold words (bits 1, 2, 4). */
int sd_lineage_store_field_mask(const struct sd_rule *r);
/*
 * The evidence of a same-rule-id hop between two rules with the same
 * record (identical text): what the matcher says of them, made from the
 * record alone.
 */
void sd_lineage_store_plain_evidence(const struct sd_rule *r,
				     struct sd_buf *out);

/* A rule record's fields (vuln .. title) as a stub rule. */
struct trec {
	char *f[9]; /* vuln, rule id, stig, group title, severity, mask,
		       ccis, legacy, title */
	int mask;
};

/* A stub benchmark's header from fields id, title, v, r, version, date,
 * source: 0, or -1. */
int sd_lineage_store_stub_header(struct sd_benchmark *b, char **f);
/* The space-separated words of `s` appended to `v`. */
void sd_lineage_store_split(struct sd_strv *v, const char *s);
/* Rule `r` from record `t`, its texts as present or not. */
void sd_lineage_store_stub_rule(struct sd_rule *r, const struct trec *t);
/* The match kind named `name`; *ok 0 when none is. */
enum sd_match_kind sd_lineage_store_kind(const char *name, int *ok);
/* A score within 0..1 from `s`: 0, or -1. */
int sd_lineage_store_score(const char *s, double *out);

/* A hop between consecutive releases, while a line is read. */
struct lhop {
	size_t k;    /* from release k to k + 1 */
	int made;    /* made again here: its evidence is ours */
	size_t a, b;
	enum sd_match_kind kind;
	double score;
	char *evidence;
};

/* Hops by rule of the older release (a), or of the newer one (b). */
int sd_lineage_store_cmp_hop_a(const void *x, const void *y);
int sd_lineage_store_cmp_hop_b(const void *x, const void *y);

/* ---- A stored lineage being read (lineage_store_read.c) ---- */
/* A release as the store holds it: a stub benchmark. */
struct sref {
	char *file;
	size_t pos;
	struct sd_benchmark *b;
	int foreign;     /* of a line not read: only the rules steps name */
	size_t rel;      /* in the lineage */
};

/* A step read, waiting for the lineage. */
struct pstep {
	size_t from, rule; /* sref, rule index */
	int dir;           /* 1 forward, 0 backward, -1 peer */
	struct sd_lineage_step s; /* s.rel: an sref until added */
	char *evidence;
	/* Read from steps/ or related/: the other rule, to be found. */
	char *ofile;
	size_t opos, orule;
	char *disp[12]; /* bench id, title, label, v, r, version, date,
			   source, vuln, rule id, stig id, title */
	int dropped;    /* into a line not read, never taken */
	size_t onrules; /* the other release's rules */
};

struct sd_lineage_stored {
	struct sd_lineage *lin;
	struct sref *v;
	size_t n, cap;
	struct pstep *steps;
	size_t nsteps, capsteps;
	struct sd_strv loaded; /* file stems read */
	/* Each line file read and its kind (the key's last field). */
	struct sd_strv kfile, kkind;
};

/* Read DIR/FILE.tsv of a stored lineage into *text, and name it in *name
 * as messages give it (the source's place, then the path). Returns 0;
 * 1 when a related file is absent (those are optional: a line's rules
 * without related rules have none); else an error (a file the index
 * names is missing, or the source failed). */
int sd_lineage_read_file(const struct sd_lineage_source *src,
			 const char *dir, const char *file, struct sd_buf *text,
			 struct sd_buf *name);

/* ---- The files of a line read for a trace (lineage_store_parts.c) ---- */
/* A target record of a steps file, as read for a trace. */
struct xtgt {
	char *file;
	size_t pos, nrules;
	char *f[8]; /* bench id, title, label, v, r, version, date, source */
};

/* A step out of the line, read, its other rule named: the release it
 * goes to is target `tgt` of the line's `tg`, the rule `orule` of part
 * `opart` there (SIZE_MAX: not said). Its strings point into the text
 * of its file. */
struct xst {
	size_t pos, rule, tgt, orule, opart;
	int dir;
	enum sd_lineage_step_type type;
	enum sd_match_kind kind;
	double score;
	char *evidence; /* NULL: a related step's, from its score */
	char *disp[4];  /* the other rule's vuln, rule id, stig id, title */
};

/*
 * A line as read for a trace: its lines/ file (the releases), and the
 * parts/ and related/ files asked for, kept as read and split where
 * they are: every string of the records (hdr, tr, h, xs, tg) points
 * into a text, so a line costs the text of its parts read and a few
 * arrays, not a string per field. Per-release arrays are the release's
 * size; a rule of a part not read has no record (tk SIZE_MAX).
 */
struct rline {
	struct sd_buf head;  /* lines/ */
	struct sd_buf *text; /* parts/ read, then related/ read */
	size_t ntext;
	char *file;
	char *key;
	size_t nrel, nparts;
	unsigned char *part_read;
	unsigned char *related_read;
	size_t nrelated; /* related/ files it may have */
	char *(*hdr)[7]; /* id, title, v, r, version, date, source */
	struct trec *tr;
	size_t ntr, captr;
	size_t **tk, *nr;    /* per release: rule records of its rules */
	struct lhop *h;      /* explicit hops, by part, release, old rule */
	size_t nh, caph;
	unsigned char **nohop;
	unsigned char **out, **in; /* per release: rules with explicit hops
				      out (to the next) and in (from the
				      previous) */
	struct xst *xs;      /* by part, release, rule, then file order */
	size_t nxs, capxs;
	struct xtgt *tg;     /* the targets of xs */
	size_t ntg, captg;
	unsigned char **seen; /* per release per rule: WANT bits, 4 shown,
				 8 followed forward, 16 backward, 32 in
				 the stubs */
	size_t **at;         /* per release per rule: its place in the
				release's stub (those in the stubs) */
	size_t first;        /* its first stub */
};

enum { R_FWD = 1, R_BACK = 2, R_SHOWN = 4, R_DONE_FWD = 8, R_DONE_BACK = 16,
       R_STUB = 32 };

void sd_lineage_rline_release(struct rline *l);
/* Read lines/<file>.tsv, the line's releases, into l (which it sets up;
 * `nrelated`: its related/ files, as the index says). */
int sd_lineage_rline_head(const struct sd_lineage_source *src,
			  const char *file, size_t nrelated, struct rline *l);
/* Read part `part` of line l: its rule records, which rules of each
 * release hold them, its hops and its steps. */
int sd_lineage_rline_part(const struct sd_lineage_source *src,
			  struct rline *l, size_t part);
/* Read related/ file `n` of line l (related rules of its latest
 * release), once; a missing one holds none. */
int sd_lineage_rline_related(const struct sd_lineage_source *src,
			     struct rline *l, size_t n);

/* Note the kind of line `file` (the last field of its product key). */
void sd_lineage_stored_note_kind(struct sd_lineage_stored *st, const char *file,
				 const char *key);
/* The release at `pos` of line `file` read so far, or SIZE_MAX. */
size_t sd_lineage_stored_find(const struct sd_lineage_stored *st,
			      const char *file, size_t pos);
/* A new release of line `file` at `pos` (a stub without rules). */
size_t sd_lineage_stored_add(struct sd_lineage_stored *st, const char *file,
			     size_t pos, int foreign);
/* A new step, zeroed. */
struct pstep *sd_lineage_stored_step(struct sd_lineage_stored *st);
/* The lineage over the releases read (st->v), grouped as the stored
 * lines are, with the steps read added. */
int sd_lineage_stored_make(struct sd_lineage_stored *st,
			   const struct sd_lineage_opts *opts);

#endif
