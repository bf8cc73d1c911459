/*
 * The test runner (make test): every Check suite of tests/check_*.c
 * and the golden command-line cases of tests/cli/ (tests/cli/run.sh, as
 * many at a time as there are cores), then one summary of both in which a
 * skipped test or case is counted as skipped, with its reason, never as
 * passed. The cases run in a process of their own while the suites run;
 * their lines follow the suites' output.
 *
 * CK_RUN_SUITE=<suite> runs that Check suite alone, CK_RUN_SUITE=cli the
 * cases alone. SD_BIN, SD_SHARED and SD_CLI_TIMES pass on to run.sh.
 * Exit status 0 when nothing failed, else 1.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "xml.h"

#define SD_SUITE(name) Suite *suite_##name(void);
#include "suites.h"
#undef SD_SUITE

/* The cases' run: its process, its output file and its results file. */
struct cli_run {
	pid_t pid;
	char log[256], results[256];
};

/* Start tests/cli/run.sh with its output in r->log. */
static int cli_start(struct cli_run *r, const char *dir)
{
	snprintf(r->log, sizeof(r->log), "%s/cli.log", dir);
	snprintf(r->results, sizeof(r->results), "%s/cli.results", dir);
	fflush(NULL);
	r->pid = fork();
	if (r->pid < 0) {
		perror("runner: fork");
		return -1;
	}
	if (r->pid == 0) {
		int fd = open(r->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0 ||
		    dup2(fd, STDERR_FILENO) < 0)
			_exit(127);
		close(fd);
		setenv("SD_CLI_RESULTS", r->results, 1);
		execlp("sh", "sh", "tests/cli/run.sh", (char *)NULL);
		perror("runner: sh tests/cli/run.sh");
		_exit(127);
	}
	return 0;
}

/* Copy r->log to stdout as it grows, until run.sh has exited; its exit
 * status. */
static int cli_follow(struct cli_run *r)
{
	char buf[8192];
	int fd = -1, status = 0, done = 0;
	ssize_t n;

	while (fd < 0 && !done) {
		fd = open(r->log, O_RDONLY);
		if (fd < 0) {
			done = waitpid(r->pid, &status, WNOHANG) == r->pid;
			if (!done)
				nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
		}
	}
	for (;;) {
		n = fd < 0 ? 0 : read(fd, buf, sizeof(buf));
		if (n > 0) {
			fwrite(buf, 1, (size_t)n, stdout);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		fflush(stdout);
		if (done)
			break;
		/* Read once more after the exit: nothing is lost. */
		done = waitpid(r->pid, &status, WNOHANG) == r->pid;
		if (!done)
			nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
	}
	if (fd >= 0)
		close(fd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Lines of `path` starting with `prefix` (any when NULL; 0 when the
 * file is absent). */
static int count_lines(const char *path, const char *prefix)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	int n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!prefix || !strncmp(line, prefix, strlen(prefix)))
			n++;
	fclose(f);
	return n;
}

/* The skip lines of `path`, each indented under a heading. */
static void print_skips(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4096];

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		printf("  skipped %s", line);
	fclose(f);
}

int main(void)
{
	const char *only = getenv("CK_RUN_SUITE");
	int want_cli = !only || !*only || !strcmp(only, "cli");
	int want_check = !only || !*only || strcmp(only, "cli");
	char dir[] = "/tmp/sd-runner-XXXXXX", skips[64], cmd[128];
	struct cli_run cli = { -1, "", "" };
	int check_run = 0, check_failed = 0, check_skipped = 0;
	int cli_rc = 0, cli_pass = 0, cli_skip = 0, cli_fail = 0;
	int cli_broken = 0, failed = 0;

	if (!mkdtemp(dir)) {
		perror("runner: mkdtemp");
		return EXIT_FAILURE;
	}
	snprintf(skips, sizeof(skips), "%s/skips", dir);
	setenv("SD_TEST_SKIPS", skips, 1);
	if (want_cli && cli_start(&cli, dir) < 0)
		failed = 1;

	if (want_check) {
		SRunner *sr = srunner_create(NULL);

#define SD_SUITE(name) srunner_add_suite(sr, suite_##name());
#include "suites.h"
#undef SD_SUITE
		sd_xml_init();
		srunner_run_all(sr, CK_NORMAL);
		check_run = srunner_ntests_run(sr);
		check_failed = srunner_ntests_failed(sr);
		srunner_free(sr);
		sd_xml_shutdown();
		check_skipped = count_lines(skips, NULL);
	}
	if (cli.pid > 0) {
		printf("\n");
		cli_rc = cli_follow(&cli);
		cli_pass = count_lines(cli.results, "pass\t") +
			   count_lines(cli.results, "update\t");
		cli_skip = count_lines(cli.results, "skip\t");
		cli_fail = count_lines(cli.results, "fail\t");
		/* run.sh itself broke (bad usage, no binary). */
		cli_broken = cli_rc && !cli_fail;
	}

	printf("\nsummary:\n");
	if (want_check)
		printf("  unit tests (Check): %d run: %d passed, %d skipped, %d failed\n",
		       check_run, check_run - check_failed - check_skipped,
		       check_skipped, check_failed);
	if (want_cli)
		printf("  cli cases (tests/cli/run.sh): %d run: %d passed, %d skipped, %d failed\n",
		       cli_pass + cli_skip + cli_fail, cli_pass, cli_skip,
		       cli_fail);
	if (cli_broken)
		printf("  tests/cli/run.sh failed (exit %d): see above\n", cli_rc);
	print_skips(skips);
	if (want_cli) {
		FILE *f = fopen(cli.results, "r");
		char line[4096];

		while (f && fgets(line, sizeof(line), f)) {
			/* skip, name, seconds, CPU seconds, reason. */
			char *name, *secs, *cpu, *reason;

			if (strncmp(line, "skip\t", 5))
				continue;
			name = line + 5;
			if (!(secs = strchr(name, '\t')) ||
			    !(cpu = strchr(secs + 1, '\t')) ||
			    !(reason = strchr(cpu + 1, '\t')))
				continue;
			*secs = '\0';
			printf("  skipped cli %s: %s", name, reason + 1);
		}
		if (f)
			fclose(f);
	}
	failed = failed || check_failed || cli_fail || cli_broken;
	printf("%s\n", failed ? "FAILED" : "ok");
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	(void)!system(cmd);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
