/*
 * The benchmark reader (xccdf_parse.c) on XCCDF 1.1 and 1.2 documents and
 * SCAP source data streams: a full read and a header-only read of every
 * input, and each benchmark read through its normalized form and back
 * (roundtrip.h). Seeds: tests/fuzz/corpus/xccdf; dictionary xccdf.dict.
 */
#include "roundtrip.h"

static int take(struct sd_benchmark *b, void *ctx)
{
	(void)ctx;
	sd_fuzz_norm_roundtrip(b);
	sd_benchmark_free(b);
	return 0;
}

static int drop(struct sd_benchmark *b, void *ctx)
{
	(void)ctx;
	sd_benchmark_free(b);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sd_parse_opts o = { .max_field = 1 << 20, .max_rules = 5000 };

	sd_xccdf_parse_memory((const char *)data, size, "fuzz.xml", &o, take,
			      NULL);
	o.header_only = 1;
	sd_xccdf_parse_memory((const char *)data, size, "fuzz.xml", &o, drop,
			      NULL);
	sd_error_clear();
	return 0;
}
