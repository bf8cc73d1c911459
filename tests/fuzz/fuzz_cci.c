/*
 * DISA's CCI list (cci.c): the input as a CCI list file, then every
 * item's NIST controls in both revisions, as `cci` and `controls` show
 * them. Seeds: tests/fuzz/corpus/cci (trimmed U_CCI_List.xml);
 * dictionary cci.dict.
 */
#include "cci.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = sd_fuzz_file("cci.xml", data, size);
	struct sd_cci_list *l = NULL;

	if (sd_cci_load(path, &l) == 0) {
		struct sd_strv ctl = SD_STRV_INIT, ids = SD_STRV_INIT;

		for (size_t i = 0; i < sd_cci_count(l); i++) {
			const struct sd_cci *c = sd_cci_at(l, i);

			SD_FUZZ_ASSERT(sd_cci_find(l, c->id),
				       "item '%s' not found by its id", c->id);
			sd_cci_controls(c, "4", &ctl);
			sd_cci_controls(c, "5", &ctl);
			sd_cci_controls(c, NULL, &ctl);
			sd_strv_push(&ids, c->id);
		}
		sd_cci_controls_sort(&ctl);
		for (size_t i = 0; i < ctl.n; i++) {
			char fam[32], base[32], enh[32];

			sd_cci_control_split(ctl.v[i], fam, base, enh);
		}
		sd_strv_release(&ctl);
		sd_cci_rule_controls(l, &ids, "5", &ctl);
		sd_strv_release(&ctl);
		sd_strv_release(&ids);
		sd_cci_list_free(l);
	}
	sd_error_clear();
	return 0;
}
