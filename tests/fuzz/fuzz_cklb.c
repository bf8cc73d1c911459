/*
 * The checklist reader and writers (checklist.c, ckl.c, cklb.c) from
 * STIG Viewer 3 .cklb files (JSON): fuzz_checklist.h says what is
 * checked. Seeds: tests/fuzz/corpus/cklb; dictionary cklb.dict.
 */
#include "fuzz_checklist.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	sd_fuzz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return sd_fuzz_checklist(data, size);
}
