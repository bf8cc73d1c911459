# Helpers for bench/*.sh: timing (best of N runs) and peak memory.
# Sourced by bench/bench.sh; SD (the binary), SHARED, BENCH_DIR and WORK
# (a scratch directory) are set there.

RUNS=${RUNS:-5}

# best_time CMD...: the fastest wall-clock time of $RUNS runs, in seconds.
best_time() {
	best=""
	i=0
	while [ $i -lt "$RUNS" ]; do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc -l)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then
			best=$t
		fi
		i=$((i + 1))
	done
	printf '%.4f\n' "$best"
}

# peak_rss CMD...: peak resident set size of one run, in MiB.
peak_rss() {
	# Measured whatever the exit status (exit 1 names refused inputs).
	/usr/bin/time -f '%M' -o "$WORK/rss" "$@" >/dev/null 2>&1 || true
	tail -n 1 "$WORK/rss" | awk '{ printf "%.1f\n", $1 / 1024 }'
}

# cpu_time CMD...: user+system CPU seconds of the best of $RUNS runs.
cpu_time() {
	best=""
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -f '%U %S' -o "$WORK/cpu" "$@" >/dev/null 2>&1 || true
		t=$(tail -n 1 "$WORK/cpu" | awk '{ print $1 + $2 }')
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then
			best=$t
		fi
		i=$((i + 1))
	done
	printf '%.4f\n' "$best"
}

ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }

# report NAME VALUE [TARGET]: one aligned line of the bench report.
report() { printf '  %-58s %12s %s\n' "$1" "$2" "${3:-}"; }
