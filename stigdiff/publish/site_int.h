/*
 * What the site's files (site_load.c, site_write.c, site_export.c...)
 * share: the loaded corpus, benchmark by benchmark, with its rule pages
 * and their lineage.
 */
#ifndef SD_SITE_INT_H
#define SD_SITE_INT_H

#include "diff.h"
#include "lineage.h"
#include "lineage_link.h"
#include "lineage_store.h"
#include "site.h"
#include "xmlw.h"
#include "hash.h"

#include <string.h>

/* A rule of another benchmark on a page's lineage chain (a predecessor
 * or successor), or beside it (a sibling or related rule). */
struct site_link {
	const char *relation; /* "predecessor", "successor", "sibling",
				 "related" */
	const char *slug;  /* borrowed from the site */
	char *page;        /* its page name */
	char *path;        /* stig/<slug>/<page> */
	const char *bench, *label, *kind; /* borrowed */
	char *vuln, *stig, *title; /* the rule's: the lineage read for one
				      benchmark goes before the pages do */
	char *score;       /* "0.812", or NULL */
	char *evidence;
};

/*
 * One rule page: the newest content of one vuln id. What the pages of
 * the whole site (home, search, RMF) need of it is kept for the run (the
 * summary: name, release, ids, title, severity, controls); the rule
 * itself and its links only while its benchmark is open.
 */
struct site_page {
	char *name;  /* V-259642 (the file is name + ".html") */
	size_t rel;  /* the release holding the content */
	size_t rule; /* the rule's index in it */
	char *vuln, *stig, *rule_id, *title; /* copies; NULL when absent */
	int severity;
	struct site_link *links; /* while open */
	size_t nlinks, links_cap;
	struct sd_strv controls; /* NIST SP 800-53 rev 5, NIST order */
};

/* A row of a rule's history: release `rel`, pair `pair` of its diff. */
struct site_row {
	size_t rel, pair;
};

/* One rule's history as diff pairs it from release to release. */
struct site_chain {
	struct site_row *rows;
	size_t n, cap;
};

/*
 * A benchmark (a product line) of the site. Its releases' metadata and
 * the summary of its pages are held for the whole run; its releases
 * themselves (b) only while it is open (sd_site_bench_open()): one
 * benchmark at a time, so memory does not grow with the library.
 */
struct site_bench {
	char *slug;
	char *family; /* its product family for people: "Windows" */
	char *title;  /* its latest release's title (NULL: none) */
	size_t nrules;  /* its latest release's rules */
	size_t sev[4];  /* of them by severity (SD_SEV_*) */
	int opened;     /* its pages were collected once */
	char head[41];
	char lineage_hash[17];
	struct sd_corpus_release *rel; /* oldest first */
	size_t nrel;
	struct sd_benchmark **b; /* one per release, while open; else NULL */
	struct site_page *pages; /* in vuln id order */
	size_t npages, pages_cap;
	size_t *siblings; /* indices of its sibling lines (corpus.h) */
	size_t nsiblings;
	/* Filled only for benchmarks being rendered: */
	struct sd_diff **diffs; /* diffs[i]: release i-1 (or none) to i */
	size_t **chain;         /* chain[i][rule]: the rule's chain */
	struct site_chain *chains;
	size_t nchains, chains_cap;
};

struct sd_site {
	struct sd_corpus *c;
	char *base_url;
	struct site_bench *v;
	size_t n, cap;
	struct sd_link *link;             /* the corpus's lineage */
	struct sd_lineage_links links;
	int lineage; /* computed (else --no-lineage) */
	struct sd_cci_list *cci; /* NULL: no RMF pages */
};

/* One rule page implementing a control. */
struct site_impl {
	const char *control; /* borrowed from the page */
	size_t bench, page;
};

/* A digest of strings (sd_digest64): start from SD_SITE_DIGEST_INIT and add
 * each string with its terminating NUL (NULL counts as ""), so fields
 * cannot run into each other. */
#define SD_SITE_DIGEST_INIT SD_DIGEST_INIT
static inline unsigned long long sd_site_digest(unsigned long long h,
						const char *s)
{
	s = s ? s : "";
	return sd_digest64(h, s, strlen(s) + 1);
}

/* The quarter of an ISO date, "2025-Q3", into out; 0 for a date that is
 * not one (NULL, malformed). DISA publishes a compilation a quarter:
 * the site's digest pages and the home page's latest changes go by it. */
int sd_site_quarter(const char *date, char out[8]);

/* The page name for a rule (its vuln id made file-safe), new string. */
char *sd_site_page_name(const struct sd_rule *r);
/*
 * Diff each release of `sb` against the one before (the first against
 * nothing) and give each rule its chain as `corpus log` does: a rule diff
 * pairs with one of the previous release continues that rule's chain.
 * sd_site_bench_history_free() frees what it holds (diffs, chains).
 */
int sd_site_bench_history(struct site_bench *sb);
void sd_site_bench_history_free(struct site_bench *sb);

/*
 * Open benchmark `i` of the site: read its releases, collect its pages
 * (the first time) with their controls and lineage links, and settle its
 * lineage digest. sd_site_bench_close() frees what only an open
 * benchmark holds (releases, histories, links), keeping the summary.
 */
int sd_site_bench_open(struct sd_site *s, size_t i);
void sd_site_bench_close(struct sd_site *s, size_t i);

/* The rule shown on page `p` (its benchmark open). */
static inline const struct sd_rule *sd_site_page_rule(
	const struct site_bench *sb, const struct site_page *p)
{
	return &sb->b[p->rel]->rules[p->rule];
}

/* ---- RMF (site_rmf.c) ---- */

/* Read DISA's CCI list (compiled in); sd_site_rmf_page() gives a page
 * of an open benchmark its controls. */
int sd_site_rmf_load(struct sd_site *s);
void sd_site_rmf_page(const struct sd_site *s, const struct site_bench *sb,
		      struct site_page *p);
void sd_site_rmf_free(struct sd_site *s);
/* The CCI list's version, "-" without one. */
const char *sd_site_rmf_version(const struct sd_site *s);
/* "AC-2 (4)" -> "AC-2(4)", the page's file name without ".html". */
char *sd_site_control_file(const char *control);
/* Every (control, page) pair in NIST order; *n of them; caller frees. */
struct site_impl *sd_site_rmf_collect(const struct sd_site *s, size_t *n);

struct sd_rdf_rule;
struct sd_rdf_link;
/* The RDF view of page `p`; `links` has room for p->nlinks. */
void sd_site_rdf_rule(const struct site_bench *sb, const struct site_page *p,
		      struct sd_rdf_rule *rr, struct sd_rdf_link *links);

#endif
