/*
 * Golden command-line cases: each tests/cli/NNNN-<command>-<case>.sh runs
 * with $STIGDIFF naming the binary under test, from the repository root,
 * and its standard output and error together must equal NNNN-...out
 * (compared with diff -u). A case that prints "SKIP: reason" and exits 77
 * is skipped (used when ../shared is absent). SD_CLI_UPDATE=1 rewrites
 * the expected files instead of comparing.
 */
#include <check.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "testutil.h"

static glob_t cases;

static void load_cases(void)
{
	if (glob("tests/cli/*.sh", 0, NULL, &cases) != 0)
		cases.gl_pathc = 0;
}

START_TEST(test_cli__case_matches_its_golden_output)
{
	const char *script = cases.gl_pathv[_i];
	char expected[1024], cmd[4096], tmpdir[] = "/tmp/sd-cli-XXXXXX";
	int rc;

	snprintf(expected, sizeof(expected), "%.*s.out",
		 (int)(strlen(script) - 3), script);
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(cmd, sizeof(cmd),
		 "STIGDIFF='%s' SHARED='%s' TMP='%s' LC_ALL=C sh '%s' > '%s/actual' 2>&1; "
		 "echo $? > '%s/rc'",
		 sd_test_bin(), sd_test_shared(), tmpdir, script, tmpdir,
		 tmpdir);
	rc = system(cmd);
	ck_assert_int_eq(rc, 0);
	snprintf(cmd, sizeof(cmd), "grep -qx 77 '%s/rc'", tmpdir);
	if (system(cmd) == 0) {
		fprintf(stderr, "%s: skipped\n", script);
		goto cleanup;
	}
	if (getenv("SD_CLI_UPDATE")) {
		snprintf(cmd, sizeof(cmd), "cp '%s/actual' '%s'", tmpdir,
			 expected);
		ck_assert_int_eq(system(cmd), 0);
		goto cleanup;
	}
	snprintf(cmd, sizeof(cmd), "diff -u '%s' '%s/actual' >&2", expected,
		 tmpdir);
	rc = system(cmd);
	ck_assert_msg(rc == 0, "%s: output differs from %s", script,
		      expected);
cleanup:
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	(void)!system(cmd);
}
END_TEST

Suite *suite_cli(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("golden");

	load_cases();
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_cli__case_matches_its_golden_output, 0,
			    (int)cases.gl_pathc);
	suite_add_tcase(s, tc);
	return s;
}
