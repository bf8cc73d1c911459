/*
 * The same reader and writers as fuzz_ckl.c from the other format: STIG
 * Viewer 3 .cklb files (JSON), with their own seeds
 * (tests/fuzz/corpus/cklb) and dictionary (cklb.dict).
 */
#include "fuzz_ckl.c"
