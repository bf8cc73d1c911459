/*
 * The checklist reader and writers (checklist.c, ckl.c, cklb.c) from
 * STIG Viewer 2 .ckl files (XML): fuzz_checklist.h says what is
 * checked. Seeds: tests/fuzz/corpus/ckl; dictionary ckl.dict.
 */
#include "fuzz_checklist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return sd_fuzz_checklist(data, size);
}
