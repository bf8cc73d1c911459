/*
 * What the .cklb reader (cklb.c) and writer (cklb_write.c) share: the keys
 * each level holds outside the model's pairs, and the text of a scalar.
 * Not a public header.
 */
#ifndef SD_CKLB_INT_H
#define SD_CKLB_INT_H

#include "checklist.h"
#include "json.h"

#include <string.h>

/* Evaluate-STIG's records, at the root, in a STIG and in a rule. */
#define ES_KEY "evaluate-stig"

/* Keys .cklb derives or holds outside the model's pairs, per level. */
static const char *const asset_own[] = { NULL };
/* (display_name, reference_identifier and size are read as pairs of
 * those names, so a .ckl carries them as SI_DATA.) */
static const char *const stig_own[] = { "rules", ES_KEY, NULL };
static const char *const rule_own[] = { "uuid", "rule_id", "group_tree",
					"createdAt", "updatedAt", "STIGUuid",
					"status", "overrides", "comments",
					"finding_details", ES_KEY, NULL };

static inline int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

/*
 * The text a scalar stands for: strings as they are, booleans "true" or
 * "false", numbers as JSON writes them, null NULL (the caller frees it).
 * *ok is 0 for arrays and objects.
 */
char *sd_cklb_scalar_text(const struct sd_json *j, int *ok);

#endif
