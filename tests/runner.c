/* The test runner: every Check suite of tests/check_*.c in one run. */
#include <check.h>
#include <stdlib.h>

#include "error.h"
#include "xml.h"

#define SD_SUITE(name) Suite *suite_##name(void);
#include "suites.h"
#undef SD_SUITE

int main(void)
{
	SRunner *sr = srunner_create(NULL);
	int failed;

#define SD_SUITE(name) srunner_add_suite(sr, suite_##name());
#include "suites.h"
#undef SD_SUITE
	sd_xml_init();
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	sd_xml_shutdown();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
