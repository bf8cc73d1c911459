/*
 * The checklist targets (fuzz_ckl.c, fuzz_cklb.c): read the input as a
 * checklist, check it, write it in both formats, and read each output
 * back. Whatever stigdiff accepts it must be able to write, and whatever
 * it writes it must read back with the same STIGs and rules.
 */
#ifndef SD_FUZZ_CHECKLIST_H
#define SD_FUZZ_CHECKLIST_H

#include "checklist.h"
#include "checklist_io.h"
#include "fuzz.h"

static size_t sd_fuzz_rules(const struct sd_checklist *cl)
{
	size_t n = 0;

	for (size_t i = 0; i < cl->nstigs; i++)
		n += cl->stigs[i].nvulns;
	return n;
}

static void sd_fuzz_write_back(struct sd_checklist *cl, enum sd_cl_format f)
{
	struct sd_checklist *back = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	int err;

	if (!fp)
		abort();
	err = sd_checklist_write(cl, f, fp);
	fclose(fp);
	SD_FUZZ_ASSERT(err == 0, "cannot write: %s", sd_error_last());
	err = sd_checklist_parse(buf, len, "written", NULL, &back);
	SD_FUZZ_ASSERT(err == 0, "what was written does not read back: %s",
		       sd_error_last());
	SD_FUZZ_ASSERT(back->nstigs == cl->nstigs &&
			       sd_fuzz_rules(back) == sd_fuzz_rules(cl),
		       "%zu STIGs, %zu rules read back as %zu, %zu",
		       cl->nstigs, sd_fuzz_rules(cl), back->nstigs,
		       sd_fuzz_rules(back));
	sd_checklist_free(back);
	free(buf);
}

static int sd_fuzz_checklist(const uint8_t *data, size_t size)
{
	struct sd_cl_opts o = { .max_bytes = 1 << 22, .max_field = 1 << 20 };
	struct sd_checklist *cl = NULL;
	struct sd_strv problems = SD_STRV_INIT;

	if (sd_checklist_parse((const char *)data, size, "fuzz", &o, &cl) < 0) {
		sd_error_clear();
		return 0;
	}
	sd_checklist_validate(cl, &problems);
	sd_strv_release(&problems);
	for (size_t i = 0; i < cl->nstigs; i++)
		sd_benchmark_free(sd_cl_stig_benchmark(&cl->stigs[i]));
	/* Its own format first (the kept document), then the other. */
	sd_fuzz_write_back(cl, cl->format);
	sd_fuzz_write_back(cl, cl->format == SD_CL_CKL ? SD_CL_CKLB
						       : SD_CL_CKL);
	sd_checklist_free(cl);
	sd_error_clear();
	return 0;
}

#endif
