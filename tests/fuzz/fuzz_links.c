/*
 * Stored lineage steps (lineage.c, sd_lineage_store_read): a corpus's
 * lineage/links.tsv, read against a lineage over three real releases
 * (tests/fixtures/diff/old.xml and new.xml, two releases of Exchange 2019
 * Edge, and the Exchange 2010 CAS release of tests/fixtures/normalize),
 * each read followed by traces of a few rules. The seeds
 * (tests/fuzz/corpus/links) are what `corpus link` stored for those
 * releases, under the key "fuzz"; dictionary tsv.dict.
 */
#include "fuzz.h"
#include "lineage.h"
#include "xccdf.h"

#ifndef SD_FUZZ_ROOT
#define SD_FUZZ_ROOT "."
#endif

static const char *const files[] = {
	"tests/fixtures/diff/old.xml",
	"tests/fixtures/diff/new.xml",
	"tests/fixtures/normalize/exchange-2010-cas-v1r9.xml",
};
static struct sd_benchmark *benches[3];
static struct sd_lineage *lin;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[4096];

	(void)argc;
	(void)argv;
	sd_fuzz_setup();
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", SD_FUZZ_ROOT, files[i]);
		if (sd_xccdf_parse_file(path, files[i], NULL, sd_fuzz_keep_one,
					&benches[i]) < 0 || !benches[i]) {
			fprintf(stderr, "fuzz_links: %s\n", sd_error_last());
			abort();
		}
	}
	if (sd_lineage_new(benches, 3, NULL, &lin) < 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ids[] = { "V-259577", "V-259642",
					   "EX19-ED-000236", "V-259643" };

	if (sd_lineage_store_read(lin, (const char *)data, size, "links.tsv",
				  "fuzz") == 0) {
		for (size_t i = 0; i < SD_ARRAY_SIZE(ids); i++) {
			struct sd_lineage_trace *t = NULL;

			if (sd_lineage_trace(lin, ids[i], &t) == 0)
				sd_lineage_trace_free(t);
		}
	}
	sd_error_clear();
	return 0;
}
