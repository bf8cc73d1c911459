/*
 * The .cklb back end (STIG Viewer 3's JSON): cklb.c reads and checks,
 * cklb_write.c writes; cklb_int.h is what they share.
 * Called through checklist_io.h, which picks the format from the content.
 */
#ifndef SD_CKLB_H
#define SD_CKLB_H

#include "checklist.h"

#include <stdio.h>

/* Read `data` (a .cklb document) into `cl`; the document is kept. */
int sd_cklb_parse(const char *data, size_t len, const char *source,
		  const struct sd_cl_opts *opts, struct sd_checklist *cl);
/* Write `cl` as .cklb to `fp`. */
int sd_cklb_write(struct sd_checklist *cl, FILE *fp);
void sd_cklb_doc_free(void *doc);
/* Format-specific structure checks of the kept document. */
void sd_cklb_validate(const struct sd_checklist *cl,
		      struct sd_strv *problems);

#endif
