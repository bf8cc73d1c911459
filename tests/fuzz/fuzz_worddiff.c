/*
 * The word diff (worddiff.c: Myers on tokens, then its clean-up) on two
 * texts: the input split at its first NUL byte (old, then new). The
 * runs must rebuild the new text exactly from EQUAL and INSERT runs (as
 * worddiff.h promises), and the cosmetic test must be symmetric. Seeds:
 * tests/fuzz/corpus/worddiff (check and fix texts of two real releases).
 */
#include "fuzz.h"
#include "worddiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *old = sd_fuzz_str(data, size);
	size_t olen = strlen(old);
	const char *new = olen < size ? old + olen + 1 : "";
	struct sd_worddiff wd = SD_WORDDIFF_INIT;
	size_t at = 0, nlen = strlen(new);
	double sim;

	sd_worddiff_compute(&wd, old, new);
	for (size_t i = 0; i < wd.nsegs; i++) {
		const struct sd_wd_seg *s = &wd.segs[i];

		if (s->op == SD_WD_DELETE)
			continue;
		SD_FUZZ_ASSERT(at + s->len <= nlen &&
				       !memcmp(new + at, s->text, s->len),
			       "run %zu does not rebuild the new text", i);
		at += s->len;
	}
	SD_FUZZ_ASSERT(at == nlen, "the runs rebuild %zu of %zu bytes", at,
		       nlen);
	sim = sd_worddiff_similarity(&wd);
	SD_FUZZ_ASSERT(sim >= 0.0 && sim <= 1.0, "similarity %f", sim);
	SD_FUZZ_ASSERT(!sd_worddiff_cosmetic(old, new) ==
			       !sd_worddiff_cosmetic(new, old),
		       "cosmetic in one direction only");
	sd_worddiff_release(&wd);
	free(old);
	return 0;
}
