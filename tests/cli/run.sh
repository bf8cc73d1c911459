#!/bin/sh
# The golden command-line cases, alone or all at once:
#   tests/cli/run.sh [-j JOBS] [CASE...]
# CASE is a case's number (1003), its name (1003-diff-csv), or its path.
# Without CASE every tests/cli/NNNN-*.sh runs, JOBS at a time (default:
# the number of cores), slowest first when a previous run left its times.
#
# Each case runs with $STIGDIFF naming the binary under test, $SHARED the
# shared data, $TMP a new empty directory, LC_ALL=C, from the repository
# root; its standard output and error together must equal NNNN-...out
# (diff -u). A case that cannot run here prints "SKIP: reason" and exits
# 77: it is reported as a skip with that reason, never as a pass (exit 77
# without a SKIP line is a failure). SD_CLI_UPDATE=1 rewrites the
# expected files instead of comparing (read the diff before keeping it).
#
# Environment: SD_BIN (default build/stigdiff), SD_SHARED (default
# ../shared), SD_CLI_JOBS, SD_CLI_TIMES (a file of times per case: read
# to start the slowest first, rewritten after a full run),
# SD_CLI_RESULTS (a file that gets one line per case: status, name,
# seconds, CPU seconds, reason; tab-separated, for tests/runner.c).
# The summary adds up the cases' times, wall-clock and CPU (user and
# system of the case and everything it ran): on a machine shared with
# other work the CPU figures are the ones that compare between runs.
# Exit status: 0 when no case failed, 1 when one did, 2 on bad usage.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2

ms_now() { date +%s%3N; }
secs() { printf '%d.%d' $(($1 / 1000)) $(($1 % 1000 / 100)); }
# CPU milliseconds in a file `times` wrote (its second line, "0m1.23s
# 0m0.45s": the user and system time of the shell's children). `times`
# itself must run in the shell whose children count, never in $(...) or a
# pipeline, whose subshells have no children yet.
cpu_ms() {
	awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) {
		split($i, p, "m"); sub(/s$/, "", p[2]); t += p[1] * 60 + p[2] }
		printf "%d\n", t * 1000 }' "$1"
}

# One case (the -- one form is how the parallel run calls this script):
# runs it, prints one line, appends its result to $RESULTS.
if [ "${1:-}" = "--one" ]; then
	script=$2
	name=$(basename "$script" .sh)
	expected=${script%.sh}.out
	tmp=$(mktemp -d /tmp/sd-cli-XXXXXX) || exit 2
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 130' INT TERM
	start=$(ms_now)
	STIGDIFF=$SD_BIN SHARED=$SD_SHARED TMP=$tmp LC_ALL=C \
		sh "$script" > "$tmp/actual" 2>&1 < /dev/null
	rc=$?
	ms=$(($(ms_now) - start))
	times > "$tmp/times"
	cpu=$(cpu_ms "$tmp/times")
	reason=""
	if [ $rc -eq 77 ]; then
		reason=$(sed -n 's/^SKIP: *//p' "$tmp/actual" | tail -n 1)
		if [ -n "$reason" ]; then
			status=skip
		else
			status=fail
			reason="exit 77 without a 'SKIP: reason' line"
		fi
	elif [ -n "${SD_CLI_UPDATE:-}" ]; then
		status=pass
		if ! cmp -s "$expected" "$tmp/actual"; then
			cp "$tmp/actual" "$expected" && status=update
		fi
	elif diff -u "$expected" "$tmp/actual" > "$tmp/diff" 2>&1; then
		status=pass
	else
		status=fail
		reason="output differs from $expected"
		cp "$tmp/diff" "$WORK/$name.diff"
	fi
	case $status in
	skip) printf 'SKIP %s: %s\n' "$name" "$reason" ;;
	fail) printf 'FAIL %s (%ss): %s\n' "$name" "$(secs $ms)" "$reason" ;;
	update) printf 'UPDATED %s (%ss)\n' "$name" "$(secs $ms)" ;;
	*) printf 'PASS %s (%ss)\n' "$name" "$(secs $ms)" ;;
	esac
	printf '%s\t%s\t%s\t%s\t%s\n' "$status" "$name" "$(secs $ms)" \
		"$(secs "$cpu")" "$reason" >> "$RESULTS"
	exit 0
fi

usage() {
	echo "usage: tests/cli/run.sh [-j JOBS] [CASE...]" >&2
	exit 2
}

jobs=${SD_CLI_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
while [ $# -gt 0 ]; do
	case $1 in
	-j) [ $# -ge 2 ] || usage; jobs=$2; shift 2 ;;
	-j*) jobs=${1#-j}; shift ;;
	-h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
case $jobs in '' | *[!0-9]* | 0) echo "error: -j needs a number of jobs, not '$jobs'" >&2; exit 2 ;; esac

SD_BIN=${SD_BIN:-build/stigdiff}
SD_SHARED=${SD_SHARED:-../shared}
# The cases change directory: both paths absolute.
case $SD_BIN in /*) ;; *) SD_BIN=$ROOT/$SD_BIN ;; esac
case $SD_SHARED in /*) ;; *) SD_SHARED=$ROOT/$SD_SHARED ;; esac
if [ ! -x "$SD_BIN" ]; then
	echo "error: cannot run '$SD_BIN': build it first (make)" >&2
	exit 2
fi
WORK=$(mktemp -d /tmp/sd-cli-run-XXXXXX) || exit 2
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
RESULTS=$WORK/results
: > "$RESULTS"
export SD_BIN SD_SHARED WORK RESULTS

# A number names one case.
dup=$(ls tests/cli/[0-9]*.sh | sed 's|.*/||; s/-.*//' | uniq -d | tr '\n' ' ')
if [ -n "$dup" ]; then
	echo "error: case numbers used twice in tests/cli: $dup" >&2
	exit 2
fi
# The cases to run, one path a line.
all=yes
if [ $# -gt 0 ]; then
	all=""
	: > "$WORK/named"
	for c in "$@"; do
		c=$(basename "$c" .sh)
		found=""
		for f in tests/cli/"$c".sh tests/cli/"$c"-*.sh; do
			[ -f "$f" ] && { echo "$f" >> "$WORK/named"; found=yes; }
		done
		[ -n "$found" ] || { echo "error: no case '$c' in tests/cli" >&2; exit 2; }
	done
	sort -u "$WORK/named" > "$WORK/cases"
else
	ls tests/cli/[0-9]*.sh > "$WORK/cases"
fi
# Slowest first (by the last full run's times), so that the run does not
# end waiting on one long case started last.
times=${SD_CLI_TIMES:-}
if [ -n "$times" ] && [ -s "$times" ]; then
	awk -F'\t' 'NR == FNR { t[$1] = $2; next }
		{ n = $0; sub(/.*\//, "", n); sub(/\.sh$/, "", n);
		  printf "%s\t%s\n", (n in t) ? t[n] : 0, $0 }' "$times" "$WORK/cases" |
		sort -t "$(printf '\t')" -k1,1gr -k2,2 | cut -f 2 > "$WORK/order"
	mv "$WORK/order" "$WORK/cases"
fi
ncases=$(wc -l < "$WORK/cases")
[ "$jobs" -le "$ncases" ] || jobs=$ncases
echo "cli: $ncases cases, $jobs at a time"
start=$(ms_now)
xargs -P "$jobs" -I{} sh "$0" --one {} < "$WORK/cases"
xrc=$?
ms=$(($(ms_now) - start))

# What differed, once every case is done (not interleaved).
for d in "$WORK"/*.diff; do
	[ -f "$d" ] && cat "$d"
done
npass=$(grep -c '^pass' "$RESULTS")
nupdate=$(grep -c '^update' "$RESULTS")
nskip=$(grep -c '^skip' "$RESULTS")
nfail=$(grep -c '^fail' "$RESULTS")
nrun=$(wc -l < "$RESULTS")
# A case that never reported (killed, or the runner broke) is a failure.
nlost=$((ncases - nrun))
nfail=$((nfail + nlost))
printf 'cli: %d cases in %ss: %d passed, %d skipped, %d failed' \
	"$ncases" "$(secs $ms)" "$npass" "$nskip" "$nfail"
[ "$nupdate" -eq 0 ] || printf ', %d updated' "$nupdate"
echo
awk -F'\t' '{ w += $3; c += $4 } END {
	printf "cli: the cases took %.1fs together, %.1fs of CPU\n", w, c }' "$RESULTS"
[ "$nlost" -eq 0 ] || echo "cli: $nlost cases gave no result (xargs exit $xrc)"
awk -F'\t' '$1 == "skip" { printf "  skipped %s: %s\n", $2, $5 }
	$1 == "fail" { printf "  failed %s: %s\n", $2, $5 }' "$RESULTS" | sort
sort -t "$(printf '\t')" -k3,3gr "$RESULTS" | head -n 5 |
	awk -F'\t' '{ s = s sep $2 " " $3 "s (CPU " $4 "s)"; sep = ", " }
		END { if (s != "") print "  slowest: " s }'
if [ -n "${SD_CLI_RESULTS:-}" ]; then
	cp "$RESULTS" "$SD_CLI_RESULTS"
	[ "$nlost" -eq 0 ] || printf 'fail\t(%d cases)\t0\t0\tgave no result\n' "$nlost" >> "$SD_CLI_RESULTS"
fi
if [ -n "$all" ] && [ -n "$times" ] && [ "$nlost" -eq 0 ]; then
	cut -f 2,3 "$RESULTS" > "$times.tmp" && mv "$times.tmp" "$times"
fi
[ "$nfail" -eq 0 ]
