/*
 * stigdiff diff: what changed between two releases of a benchmark, rule
 * by rule (diff.h), as text, JSON, XML, CSV or release notes; with
 * --consecutive, every consecutive pair of releases found in the inputs.
 * The run itself is cli_diff.c's, which corpus diff shares.
 */
#include "cli.h"

static const char usage[] =
	"stigdiff diff [options] OLD NEW\n"
	"   or: stigdiff diff --consecutive [options] PATH...\n\n"
	"Compare two releases of a benchmark (XCCDF files, SCAP data streams,\n"
	"zips or normalized documents) rule by rule: rules are paired by Vuln\n"
	"ID, rule base SV-n, legacy ids, then STIG ID, and each is reported as\n"
	"added, removed, changed (with the fields and a word diff), renumbered,\n"
	"revised (revision or check/fix ids only), cosmetic or unchanged.\n"
	"Exit status: 0 no differences, 1 differences, 2 trouble.";

int cmd_diff(int argc, char **argv)
{
	return sd_cli_diff(argc, argv, usage, NULL);
}
