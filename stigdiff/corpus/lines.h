/*
 * Product lines: which releases form one product's history. DISA renames
 * benchmark ids mid-series (Firefox -> Mozilla_Firefox_STIG ->
 * MOZ_Firefox_STIG), ships SCAP benchmark content under the manual STIG's
 * id, re-issues a release under the same version, and publishes parallel
 * products whose ids differ only in case. The corpus keeps one history
 * per line; this module decides the lines from the releases alone, so the
 * same releases give the same lines in any import order. No git here:
 * corpus.c gathers the releases and writes what this decides.
 *
 * The rule (README.md, "Product lines"):
 * - Releases with the same benchmark id and the same content class
 *   (SCAP content, or manual STIG and SRG content) are one id group.
 * - Two id groups are one line when their product titles agree modulo
 *   wording (sd_lines_title_similar()), no version appears in both (a
 *   version in both means parallel products, such as a member server and
 *   a domain controller STIG), and the line continues: of two releases
 *   adjacent in version order, one from each group, at least half of the
 *   smaller one's rules carry an identifier (Vuln ID, rule base, STIG id
 *   or legacy id) of the other's; or, where DISA rewrote a STIG with new
 *   ids throughout, both name the product with the same words and every
 *   version of one comes after every version of the other. Products
 *   whose roles (product.h) share no word (member server, domain
 *   controller) are never one line, whatever their rules share. Groups join
 *   strongest evidence first, never into a line that already holds one
 *   of their versions.
 * - A line is named after the benchmark id of its latest release, the
 *   name users know it by (sd_rulefile_slug(), then "-scap" for SCAP
 *   content); lines claiming one name are told apart by "-2", "-3" in
 *   the order of their oldest release (date, then id).
 * - In a line, releases are ordered by version (V, R, a draft's part),
 *   then benchmark date, then content. Several releases with one version
 *   label and different content are revisions: the last keeps the
 *   label, the ones before it become "<label>-rev1", "-rev2", ...
 */
#ifndef SD_LINES_H
#define SD_LINES_H

#include <stddef.h>

#include "util.h"

/* One release as the assignment sees it; the strings are borrowed. */
struct sd_line_rel {
	const char *bench_id;
	const char *title;
	const char *label;   /* its own version label: V2R10, V1R0.1 */
	const char *date;    /* ISO 8601, or NULL */
	const char *content; /* an id of its content (a tree id) */
	int scap;            /* SCAP benchmark content */
	int draft;
	/* Filled by sd_lines_assign(). */
	size_t line;     /* index into the lines */
	char *name;      /* its label in the line (a revision: -revN) */
};

/* A line: its name and its releases' indices, oldest first. */
struct sd_line {
	char *slug;
	size_t *rel;
	size_t n;
};

/*
 * Appends to `ids` the identifiers of release `rel`'s rules, one string
 * per rule holding every identifier of the rule separated by '\n'
 * (vuln id, rule base, STIG id, legacy ids). Called only for releases
 * whose lines are in question, at most once each.
 */
typedef int (*sd_line_ids_fn)(size_t rel, struct sd_strv *ids, void *ctx);

/*
 * Assign the `n` releases `rel` to lines: *lines gets a new array of
 * *nlines lines and each release its `line` and `name`. Releases with
 * the same id group, label and content must have been merged by the
 * caller. Returns 0 or the callback's error.
 */
int sd_lines_assign(struct sd_line_rel *rel, size_t n, sd_line_ids_fn ids,
		    void *ctx, struct sd_line **lines, size_t *nlines);

/* Free what sd_lines_assign() made: the lines and the releases' names. */
void sd_lines_free(struct sd_line *lines, size_t nlines,
		   struct sd_line_rel *rel, size_t n);

/*
 * Do two benchmark titles name the same product modulo wording? Words
 * are compared without case after dropping DISA's boilerplate
 * ("Security Technical Implementation Guide", "STIG", "Microsoft",
 * "SCAP Benchmark", ...): the words that carry a digit (versions such as
 * 2016, R2, 11.x, 8.5) must be the same where both titles have some,
 * and at least half of all the words must be shared.
 */
int sd_lines_title_similar(const char *a, const char *b);

/* The words of a title as sd_lines_title_similar() compares them. */
void sd_lines_title_words(const char *title, struct sd_strv *out);
/* sd_lines_title_similar() on words already taken apart. */
int sd_lines_words_similar(const struct sd_strv *a, const struct sd_strv *b);

/*
 * Order two labels of one line: by V, R and a draft's part as numbers,
 * then as strings. <0, 0 or >0.
 */
int sd_lines_label_cmp(const char *a, const char *b);

#endif
