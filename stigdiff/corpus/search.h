/*
 * The corpus search index: one file per benchmark under
 * <corpus>/stigdiff/search/<slug>.idx, listing every distinct version of
 * every rule in that benchmark's history and, sorted, every word of
 * their title, discussion, check, fix and identifiers with the versions
 * holding it. Import rewrites the file of each benchmark it changed;
 * a query reads only the lines it needs (binary search on the sorted
 * words), so it costs a few page reads per benchmark, never a scan of
 * the rules. A file is stamped with the benchmark head it describes; a
 * stale or missing one is rebuilt before use. Format in README.md.
 */
#ifndef SD_SEARCH_H
#define SD_SEARCH_H

#include <stddef.h>

struct sd_corpus;

/* Rewrite the index file of `slug` unless it describes its head. */
int sd_search_update(struct sd_corpus *c, const char *slug);

/* One rule found: strings borrowed for the call. */
struct sd_search_hit {
	const char *slug;
	const char *label; /* newest release with a matching version */
	const char *name;  /* the rule file, V-259642.txt */
	const char *vuln_id;
	const char *stig_id;
	const char *title;
};
/* Return negative to stop (the code is passed through). */
typedef int (*sd_search_fn)(const struct sd_search_hit *h, void *ctx);

/*
 * Rules any version of which holds every word of `query` (words are runs
 * of letters and digits, case folded; each query word matches the
 * start of a word, so "encrypt" finds "encryption"). One hit per rule,
 * benchmarks in slug order, rules in V-number order.
 */
int sd_search_query(struct sd_corpus *c, const char *query, sd_search_fn fn,
		    void *ctx);

/*
 * Rules any version of which carries `id` in any form sd_rule_has_id()
 * accepts (V-n, SV-n, SV-nrm_rule, STIG id, legacy ids).
 */
int sd_search_id(struct sd_corpus *c, const char *id, sd_search_fn fn,
		 void *ctx);

#endif
