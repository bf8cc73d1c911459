/*
 * Curated lineage links (lineage_links.c, sd_lineage_links_parse): the file
 * `stigdiff lineage --curated` and a corpus's lineage/curated.tsv hold.
 * Seeds: tests/fuzz/corpus/curated; dictionary tsv.dict.
 */
#include "fuzz.h"
#include "lineage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sd_lineage_links l = SD_LINEAGE_LINKS_INIT;

	if (sd_lineage_links_parse(&l, (const char *)data, size,
				   "curated.tsv") == 0)
		for (size_t i = 0; i < l.n; i++)
			SD_FUZZ_ASSERT(l.v[i].old_id && l.v[i].new_id,
				       "link %zu without both ids", i);
	else
		SD_FUZZ_ASSERT(l.n == 0, "links appended by a failed read");
	sd_lineage_links_release(&l);
	sd_error_clear();
	return 0;
}
