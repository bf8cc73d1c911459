/*
 * What the lineage's files share (not for other modules: lineage.h is
 * the interface): the releases and product lines of a lineage, the
 * mappings it has made and the steps it has found. lineage_build.c makes
 * a lineage, its lines and mappings; lineage_steps.c finds the steps out
 * of a rule; lineage_trace.c follows them from a rule; lineage_links.c
 * reads curated links.
 */
#ifndef SD_LINEAGE_INT_H
#define SD_LINEAGE_INT_H

#include <stdlib.h>

#include "lineage.h"

/* qsort(), which must not be given a NULL array even when empty. */
static inline void sort_any(void *base, size_t n, size_t size,
			    int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}
/* One step out of a rule, and the rule's steps in one direction. */
struct elist {
	struct sd_lineage_step *v;
	size_t n, cap;
	int done;
};

/* A mapping a release takes part in: with release `other`. */
struct relmap {
	size_t other, mc;
};

struct rel {
	struct sd_benchmark *b;
	struct sd_match_set *set; /* made when first needed */
	size_t line;
	size_t pos; /* within its line */
	struct elist *edges[3]; /* per rule: backward, forward, peers */
	struct relmap *maps;    /* mappings holding it */
	size_t nmaps, capmaps;
};

struct line {
	size_t *rels; /* release order */
	size_t n, cap;
	struct sd_product prod;
	char *name;
	long first_day, last_day; /* dates as days, -1 unknown */
	size_t *succ, nsucc; /* lines succeeding it */
	size_t *pred, npred; /* lines it succeeds */
	int fit[2];          /* their role fits (sd_product_role_rank() below
				4), backward and forward */
	size_t *sib, nsib;   /* sibling lines */
};

struct mcache {
	size_t a, b; /* releases */
	struct sd_match *m;
	double affinity;
};

/* One id form of a rule: `len` bytes of `s`. */
struct idkey {
	const char *s;
	size_t len;
	size_t rel, rule;
};

/* Related rules of one rule of a line's latest release. */
struct relrule {
	size_t rel, rule;
	double score, share;
};

struct sd_lineage {
	struct rel *rels;
	size_t nrels;
	struct line *lines;
	size_t nlines;
	struct sd_lineage_opts o;
	struct mcache *mc;
	size_t nmc, capmc;
	struct sd_strv strings;
	/* Every id form of every rule, sorted: where a trace starts. */
	struct idkey *ids;
	size_t nids, capids;
	int ids_ready;
	/* Related rules, found once over every line's latest release:
	 * related[rel][rule] is a list ending where rel is SIZE_MAX. */
	int related_ready;
	struct relrule ***related;
	struct sd_lineage_step *scratch; /* sd_lineage_steps() */
};

static inline size_t first_rel(const struct sd_lineage *lin, size_t l)
{
	return lin->lines[l].rels[0];
}

static inline size_t last_rel(const struct sd_lineage *lin, size_t l)
{
	return lin->lines[l].rels[lin->lines[l].n - 1];
}

/* Release r's match set, made when first needed. */
struct sd_match_set *sd_lineage_rel_set(struct sd_lineage *lin, size_t r);
/* Keep `s` (taken over) as long as the lineage; returns it. */
const char *sd_lineage_keep_str(struct sd_lineage *lin, char *s);
/* The mapping of release a to release b, computed once. */
struct mcache *sd_lineage_mapping(struct sd_lineage *lin, size_t a, size_t b);
/* The sibling mapping of lines a and b: their latest releases, the one
 * published first as the old side. */
void sd_lineage_sibling_pair(const struct sd_lineage *lin, size_t a, size_t b,
			     size_t *old, size_t *new);

/* The steps out of rule `rule` of release `rel`: forward (fwd 1),
 * backward (0) or its peers (-1), found once (lineage_steps.c). */
const struct elist *sd_lineage_steps_of(struct sd_lineage *lin, size_t rel,
					size_t rule, int fwd);

#endif
