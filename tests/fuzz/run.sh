#!/bin/sh
# Run the fuzz targets one after another: tests/fuzz/run.sh BUILD SECONDS
# [TARGET...] (default: every tests/fuzz/fuzz_<name>.c). Each starts from
# its seeds (tests/fuzz/corpus/<name>) and what earlier runs found
# (BUILD/work/<name>), with its dictionary, for SECONDS. One line per
# target: seconds, runs, runs per second, coverage (libFuzzer's cov and
# ft), findings. A finding (a crash, a leak, a broken property, a timeout)
# is saved as BUILD/findings/<name>-*, its log kept as BUILD/logs/<name>.log,
# and the exit status is 1.
build=$1
secs=$2
shift 2
[ -n "$build" ] && [ -n "$secs" ] || {
	echo "usage: tests/fuzz/run.sh BUILD SECONDS [TARGET...]" >&2
	exit 2
}
if [ $# -eq 0 ]; then
	for f in tests/fuzz/fuzz_*.c; do
		t=${f#tests/fuzz/fuzz_}
		set -- "$@" "${t%.c}"
	done
fi
mkdir -p "$build/findings" "$build/logs"
status=0
printf '%-11s %7s %10s %8s %6s %7s %s\n' target seconds runs runs/s cov ft findings
for t in "$@"; do
	bin=$build/fuzz_$t
	[ -x "$bin" ] || { echo "$t: no $bin (make fuzz)" >&2; status=1; continue; }
	case $t in
	links|curated) dict=tests/fuzz/tsv.dict ;;
	*) dict=tests/fuzz/$t.dict ;;
	esac
	[ -f "$dict" ] && dict="-dict=$dict" || dict=
	mkdir -p "$build/work/$t"
	before=$(ls "$build/findings" | grep -c "^$t-")
	start=$(date +%s)
	"$bin" -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$build/findings/$t-" \
		$dict "$build/work/$t" "tests/fuzz/corpus/$t" \
		> "$build/logs/$t.log" 2>&1
	rc=$?
	took=$(( $(date +%s) - start ))
	after=$(ls "$build/findings" | grep -c "^$t-")
	last=$(grep -E '^#[0-9]+' "$build/logs/$t.log" | tail -1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/logs/$t.log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$build/logs/$t.log")
	found=$((after - before))
	[ $rc -ne 0 ] && [ $found -eq 0 ] && found="exit $rc"
	printf '%-11s %7s %10s %8s %6s %7s %s\n' "$t" "$took" "${runs:-?}" \
		"${rate:-?}" "${cov:-?}" "${ft:-?}" "$found"
	if [ $rc -ne 0 ] || [ "$found" != 0 ]; then
		status=1
		grep -E 'ERROR|SUMMARY|fuzz property|runtime error' \
			"$build/logs/$t.log" | head -5 | sed 's/^/    /'
	fi
done
exit $status
