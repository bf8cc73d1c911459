/*
 * Checklists read and written: the format is found from the content and
 * handed to its back end (.ckl: ckl*.c, .cklb: cklb*.c). The model the
 * back ends fill is model/checklist.h; this is the layer above it that
 * knows the two file formats.
 */
#ifndef SD_CHECKLIST_IO_H
#define SD_CHECKLIST_IO_H

#include "checklist.h"

#include <stdio.h>

/*
 * Read a checklist from memory; `source` names it in messages. The format
 * is recognised by content (a JSON object, or XML), never by name. Fails
 * with SD_EPARSE (malformed, entities declared, not a checklist: the
 * message says which and where) or SD_ELIMIT. On success the caller owns
 * *out. `opts` may be NULL.
 */
int sd_checklist_parse(const char *data, size_t len, const char *source,
		       const struct sd_cl_opts *opts,
		       struct sd_checklist **out);
/* The same, reading `path` ("-" is standard input). */
int sd_checklist_load(const char *path, const struct sd_cl_opts *opts,
		      struct sd_checklist **out);

/*
 * Write `cl` in format `f` to `fp` (borrowed). In the format `cl` was read
 * from, the kept document is updated from the model and written, so
 * unknown content survives; otherwise a fresh document is built. `cl`'s
 * document may change (it is brought up to date). Returns 0 or SD_EIO.
 */
int sd_checklist_write(struct sd_checklist *cl, enum sd_cl_format f,
		       FILE *fp);

/*
 * The structural check STIG Viewer's readers need: for .ckl, CHECKLIST
 * with ASSET and STIGS, each iSTIG with STIG_INFO naming stigid, and each
 * VULN with the STIG_DATA STIG Viewer requires (Vuln_Num, Severity,
 * Group_Title, Rule_ID, Rule_Ver, Rule_Title, Vuln_Discuss, Check_Content,
 * Fix_Text, STIGRef), the five assessment elements, and a status from the
 * .ckl vocabulary; for .cklb, target_data, a stigs array, each STIG with
 * stig_id, uuid and rules, each rule with uuid, stig_uuid equal to its
 * STIG's uuid, the required keys, ccis as an array and a status from the
 * .cklb vocabulary. Duplicate rules (same Vuln_Num in one STIG) are
 * reported too. Each problem is one line appended to `problems`
 * ("source: STIG 'x' rule 'V-1': no Rule_ID"). Returns the number of
 * problems.
 */
size_t sd_checklist_validate(const struct sd_checklist *cl,
			     struct sd_strv *problems);

#endif
