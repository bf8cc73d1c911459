/*
 * The same reader as fuzz_xccdf.c (one parser reads both) from the other
 * end: stigdiff's normalized XML documents, with their own seeds
 * (tests/fuzz/corpus/normalized) and dictionary (normalized.dict).
 */
#include "fuzz_xccdf.c"
