/*
 * The .ckl back end (STIG Viewer 2's XML): ckl.c reads and checks,
 * ckl_write.c writes; ckl_int.h is what their parts share.
 * Called through checklist_io.h, which picks the format from the content.
 */
#ifndef SD_CKL_H
#define SD_CKL_H

#include "checklist.h"

#include <stdio.h>

/* Read `data` (a .ckl document) into `cl`; the document is kept. */
int sd_ckl_parse(const char *data, size_t len, const char *source,
		 const struct sd_cl_opts *opts, struct sd_checklist *cl);
/* Write `cl` as .ckl to `fp`. */
int sd_ckl_write(struct sd_checklist *cl, FILE *fp);
void sd_ckl_doc_free(void *doc);
/* Format-specific structure checks of the kept document. */
void sd_ckl_validate(const struct sd_checklist *cl, struct sd_strv *problems);

#endif
