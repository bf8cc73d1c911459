/*
 * Products: which product a benchmark is for, inferred from its title and
 * id (with a small curated table, corpus/lineage/products.tsv, compiled
 * in), and how two products relate. Lineage uses it to form product
 * lines and to type the relations between them; matching uses the
 * product's names to fold them out of rule text.
 *
 * A title such as "Microsoft Windows Server 2012/2012 R2 Member Server
 * Security Technical Implementation Guide" reads as: noise dropped
 * ("Security Technical Implementation Guide"), a leading vendor
 * ("Microsoft", left out of the family as DISA writes it inconsistently),
 * the first number not glued to a letter and what follows it as a version
 * ("2012", with "/2012 R2" as its alternatives: generation 2012), the
 * words before it the family ("windows"), role words wherever they are
 * and the words after the version the role ("member"), "server" a mark
 * of a server product. The id fills in what the title lacks
 * (Windows_Server_2016_DC_STIG has the title "Windows Server 2016"; the
 * id gives the role "domain controller").
 *
 * Relations between two products (sd_product_relation()):
 *   same         the same family, generation, role, kind and client or
 *                server: one product line (DISA renamed the benchmark)
 *   successor    the same family and kind, client or server alike, a
 *                later generation (the caller picks which of several)
 *   sibling      the same family and generation in another role (member
 *                server and domain controller), client and server of one
 *                family, the same product in another kind (SCAP and
 *                manual), or families of one curated group of the same
 *                generation (Red Hat Enterprise Linux and Oracle Linux)
 *   related      anything else: other families, other vendors
 */
#ifndef SD_PRODUCT_H
#define SD_PRODUCT_H

#include <stddef.h>

#include "util.h"

struct sd_product_table;

/*
 * The compiled-in table (corpus/lineage/products.tsv), parsed once and
 * kept for the process; it cannot fail (the build checks it).
 */
const struct sd_product_table *sd_product_table_default(void);
/*
 * Parse a table held in memory; `source` names it in messages. Returns 0
 * or SD_EPARSE ("source:line: why"); the caller frees *out with
 * sd_product_table_free().
 */
int sd_product_table_parse(struct sd_product_table **out, const char *text,
			   size_t len, const char *source);
void sd_product_table_free(struct sd_product_table *t);
/* A digest of the table's text, 16 hex digits (borrowed). */
const char *sd_product_table_digest(const struct sd_product_table *t);

/* A product generation: 2012 R2 is major 2012, minor 2; 8.5 is 8, 5. */
struct sd_product_gen {
	unsigned long major, minor;
	int known;
};

struct sd_product {
	char *family;  /* "windows", "exchange", "red hat enterprise linux" */
	char *group;   /* curated group of the family, else the family */
	char *vendor;  /* "microsoft", or NULL when none is named */
	char *role;    /* role words, sorted: "domain controller", "" */
	char *kind;    /* "stig", "srg", "scap" or "draft" */
	int server;    /* a server product */
	struct sd_product_gen gen;
	char *gen_text; /* the version as the title writes it, or NULL */
	char *key;     /* one product line: equal keys, same product */
	/*
	 * Phrases naming the product (and its group's other products) in
	 * rule text, lower-case words: "windows server", "rhel". A phrase
	 * of one word names the product only when a version follows it.
	 */
	struct sd_strv names;
};

/*
 * Infer the product of a benchmark from its id and title (either may be
 * NULL) with table `t` (NULL: the default). `p` is overwritten; release
 * it with sd_product_release().
 */
void sd_product_infer(struct sd_product *p, const struct sd_product_table *t,
		      const char *id, const char *title);
void sd_product_release(struct sd_product *p);
/* Make `kind` the product's kind ("stig", "srg", "scap", "draft"), as
 * a corpus that records it knows better than a title; the key follows. */
void sd_product_set_kind(struct sd_product *p, const char *kind);

/* A product's name for people: the title without the words DISA ends
 * every title with ("Security Technical Implementation Guide", "STIG"),
 * else the id; a new string. */
char *sd_product_display_name(const char *title, const char *id);

/* Compare generations: unknown first, then major, then minor. */
int sd_product_gen_cmp(const struct sd_product_gen *a,
		       const struct sd_product_gen *b);

enum sd_product_relation {
	SD_PRODUCT_SAME,
	SD_PRODUCT_SUCCESSOR,   /* b is a later generation of a */
	SD_PRODUCT_PREDECESSOR, /* b is an earlier generation of a */
	SD_PRODUCT_SIBLING,
	SD_PRODUCT_RELATED
};
/* "same", "successor", "predecessor", "sibling", "related". */
const char *sd_product_relation_name(enum sd_product_relation r);

/* How product b relates to product a (see the top of this file). */
enum sd_product_relation sd_product_relation(const struct sd_product *a,
					     const struct sd_product *b);

/*
 * How well product b's role fits as a successor of product a's (0 best):
 * 0 b is the whole product (no role) where a has one, 1 the same role,
 * 2 a is the whole product, 3 the roles share a word that is not a
 * role stop word, 4 none of these. Lineage takes, at the nearest later
 * generation, the products with the lowest rank.
 */
int sd_product_role_rank(const struct sd_product *a,
			 const struct sd_product *b,
			 const struct sd_product_table *t);

/* One line for people: "family windows, generation 2016, role member,
 * server, stig", appended to `out`. */
struct sd_buf;
void sd_product_describe(const struct sd_product *p, struct sd_buf *out);

/* The subject phrases of the table ("the operating system"), which
 * rule text folds like a product's name (borrowed). */
const struct sd_strv *sd_product_subjects(const struct sd_product_table *t);

#endif
