/*
 * The normalized form as a fixed point, shared by the benchmark targets:
 * a benchmark written as a normalized XML document reads back to a
 * benchmark that writes the same bytes (README: "The same input gives
 * byte-identical output"; the normalized document reads back).
 */
#ifndef SD_FUZZ_ROUNDTRIP_H
#define SD_FUZZ_ROUNDTRIP_H

#include "fuzz.h"
#include "normalize.h"
#include "xccdf.h"

static int sd_fuzz_norm_write(const struct sd_benchmark *b, char **buf,
			      size_t *len)
{
	FILE *fp = open_memstream(buf, len);
	struct sd_norm_writer *w = NULL;
	int err;

	if (!fp)
		abort();
	err = sd_norm_writer_open(&w, fp, SD_NORM_XML);
	if (!err)
		err = sd_norm_writer_add(w, b);
	if (sd_norm_writer_close(w) < 0 && !err)
		err = -1;
	fclose(fp);
	return err;
}

static void sd_fuzz_norm_roundtrip(const struct sd_benchmark *b)
{
	char *one = NULL, *two = NULL;
	size_t n1 = 0, n2 = 0;
	struct sd_benchmark *back = NULL;
	int err;

	SD_FUZZ_ASSERT(sd_fuzz_norm_write(b, &one, &n1) == 0,
		       "cannot write the normalized form: %s",
		       sd_error_last());
	err = sd_xccdf_parse_memory(one, n1, "normalized", NULL,
				    sd_fuzz_keep_one, &back);
	SD_FUZZ_ASSERT(err == 0 && back,
		       "the normalized form does not read back: %s",
		       sd_error_last());
	SD_FUZZ_ASSERT(back->nrules == b->nrules,
		       "%zu rules read back as %zu", b->nrules, back->nrules);
	SD_FUZZ_ASSERT(sd_fuzz_norm_write(back, &two, &n2) == 0,
		       "cannot write the normalized form again");
	SD_FUZZ_ASSERT(n1 == n2 && !memcmp(one, two, n1),
		       "the normalized form is not a fixed point:\n%s\n---\n%s",
		       one, two);
	sd_benchmark_free(back);
	free(one);
	free(two);
}

#endif
