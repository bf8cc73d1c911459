/*
 * The fuzz targets (tests/fuzz/) as ordinary tests: each one, built with
 * the project's compiler around tests/fuzz/replay.c, runs over its seeds
 * (tests/fuzz/corpus/<target>) and over every input a fuzzing run found
 * (tests/fuzz/regress/<target>): no crash, no broken property, and under
 * SANITIZE=1 no leak or undefined behaviour.
 */
#include <check.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static glob_t targets;

START_TEST(test_fuzz__target_replays_its_seeds_and_findings)
{
	char name[256], bin[1024], dirs[1024], cmd[4096];
	const char *src = targets.gl_pathv[_i], *base = strrchr(src, '/');

	snprintf(name, sizeof(name), "%.*s", (int)(strlen(base + 1) - 2),
		 base + 1);
	/* The replay binaries sit beside the binary: BUILD/replay/. */
	snprintf(bin, sizeof(bin), "%s", sd_test_bin());
	snprintf(strrchr(bin, '/') ? strrchr(bin, '/') + 1 : bin,
		 sizeof(bin) - (size_t)(strrchr(bin, '/') ?
					strrchr(bin, '/') + 1 - bin : 0),
		 "replay/%s", name);
	snprintf(dirs, sizeof(dirs), "tests/fuzz/corpus/%s", name + 5);
	snprintf(cmd, sizeof(cmd),
		 "d=tests/fuzz/regress/%s; '%s' '%s' $( [ -d $d ] && echo $d )",
		 name + 5, bin, dirs);
	ck_assert_msg(sd_test_sh("%s", cmd) == 0, "%s failed on its inputs",
		      name);
}
END_TEST

Suite *suite_fuzz(void)
{
	Suite *s = suite_create("fuzz");
	TCase *tc = tcase_create("replay");

	if (glob("tests/fuzz/fuzz_*.c", 0, NULL, &targets) != 0)
		targets.gl_pathc = 0;
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_fuzz__target_replays_its_seeds_and_findings,
			    0, (int)targets.gl_pathc);
	suite_add_tcase(s, tc);
	return s;
}
