/*
 * DISA's CCI list (U_CCI_List.xml): control correlation identifiers with
 * their definitions and the NIST SP 800-53 controls they map to, so that
 * a rule's CCIs can be shown as RMF controls. No libxml2 types here; the
 * reader is cci.c.
 */
#ifndef SD_CCI_H
#define SD_CCI_H

#include <stddef.h>

#include "util.h"

/*
 * One <reference> of a CCI item. rev is "4" or "5" for NIST SP 800-53
 * Revision 4/5, NULL for every other publication (800-53 rev 3, 800-53A);
 * control is the index as written in DISA's list ("AC-2 (4)", "AC-2 a");
 * text is the index attribute verbatim.
 */
struct sd_cci_ref {
	char *rev;
	char *control;
	char *text;
};

/*
 * One CCI item. type holds every <type> of the item joined by ", "
 * ("policy, technical"); date is its <publishdate>. refs lists the
 * references in document order, of every publication.
 */
struct sd_cci {
	char *id;
	char *status;
	char *type;
	char *definition;
	char *date;
	struct sd_cci_ref *refs;
	size_t nrefs;
};

struct sd_cci_list;

/*
 * Read the CCI list at `path`; NULL: the list compiled in
 * (corpus/cci/U_CCI_List.xml parsed at build time, cci_table.h), which
 * costs no parsing. On success the caller owns *out and frees it with
 * sd_cci_list_free(). Errors (one line, naming the file and line) are
 * left in the last-error slot.
 */
int sd_cci_load(const char *path, struct sd_cci_list **out);

/* The item with `id`, compared case-insensitively; NULL when absent.
 * Borrowed from `l`. */
const struct sd_cci *sd_cci_find(const struct sd_cci_list *l, const char *id);

/* Items in id order. */
size_t sd_cci_count(const struct sd_cci_list *l);
const struct sd_cci *sd_cci_at(const struct sd_cci_list *l, size_t i);

/* The list's <metadata><version>, or NULL. Borrowed. */
const char *sd_cci_version(const struct sd_cci_list *l);

/*
 * The NIST SP 800-53 controls of `c` for revision `rev` ("4" or "5";
 * NULL: both), reduced to the base control or its enhancement: "AC-2 a"
 * gives "AC-2", "AC-2 (4) (a)" gives "AC-2 (4)". Each control not yet in
 * `out` is appended as a canonical string; returns how many were
 * appended.
 */
size_t sd_cci_controls(const struct sd_cci *c, const char *rev,
		       struct sd_strv *out);

/*
 * Split a canonical control ("AC-2 (4)") into its family ("AC"), base
 * control ("AC-2") and enhancement ("AC-2 (4)", or "" when it names a
 * base control). The buffers must hold 32 bytes each. Returns 0, or -1
 * when `control` is not canonical.
 */
int sd_cci_control_split(const char *control, char *family, char *base,
			 char *enhancement);

/*
 * Order two canonical controls as NIST lists them: family, then control
 * number, then enhancement number (AC-2 < AC-2 (4) < AC-10).
 */
int sd_cci_control_cmp(const char *a, const char *b);

/* Sort canonical controls with sd_cci_control_cmp(). */
void sd_cci_controls_sort(struct sd_strv *v);

/*
 * The controls of every CCI in `ccis` (ids; unknown ones map to nothing)
 * for revision `rev`, appended to `out` without duplicates; `out` is then
 * sorted in NIST order. Returns how many were appended.
 */
size_t sd_cci_rule_controls(const struct sd_cci_list *l,
			    const struct sd_strv *ccis, const char *rev,
			    struct sd_strv *out);

void sd_cci_list_free(struct sd_cci_list *l);

#endif
