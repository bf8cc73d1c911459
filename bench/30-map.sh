# map and lineage: CPU of matching beyond parsing, and one benchmark mapped
# against every benchmark in a directory as the directory grows.
MAP_OLD=$XCCDF/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml
MAP_NEW=$XCCDF/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml
MAP_LOOPS=${MAP_LOOPS:-20}

# CPU per run is measured over $MAP_LOOPS runs in one shell: one run is
# below the 10 ms resolution of /usr/bin/time.
loop() { echo "i=0; while [ \$i -lt $MAP_LOOPS ]; do $* >/dev/null 2>&1; i=\$((i + 1)); done"; }
per_run_ms() { echo "($1) * 1000 / $MAP_LOOPS" | bc -l | xargs printf '%.1f'; }
# map exits 1 when some rule is unmatched: that is a result, not a failure.
sd_map() { "$SD" map "$@" || [ $? -eq 1 ]; }

echo "map, two Exchange benchmarks (2016 Edge V2R6 -> 2019 Edge V2R2), $MAP_LOOPS runs:"
floor=$(cpu_time sh -c "$(loop "'$SD' unpack --list '$MAP_OLD' '$MAP_NEW'")")
t=$(cpu_time sh -c "$(loop "'$SD' map '$MAP_OLD' '$MAP_NEW'")")
report "stigdiff unpack --list OLD NEW (parsing floor), CPU per run" "$(per_run_ms "$floor") ms"
report "stigdiff map OLD NEW, CPU per run" "$(per_run_ms "$t") ms"
report "map CPU beyond parsing, per run" "$(per_run_ms "$t - $floor") ms" "(target < 20)"

# One benchmark against directories of growing size: the first N files of
# the larger set, linked into $WORK.
map_dir() {
	dir=$1 label=$2
	n=$(ls "$dir" | wc -l)
	floor=$(best_time "$SD" unpack --list "$dir")
	t=$(best_time sd_map "$MAP_NEW" "$dir")
	report "$label: $n benchmarks, parse (unpack --list)" "${floor}s"
	report "$label: map ONE DIR" "${t}s"
	report "$label: map per benchmark beyond parsing" \
		"$(echo "($t - $floor) * 1000 / $n" | bc -l | xargs printf '%.2f') ms"
}
echo "map, one benchmark against every benchmark in a directory:"
map_dir "$XCCDF" "shared XCCDF set"
total=$(ls "$BENCH_DIR" | wc -l)
for n in 60 240 "$total"; do
	[ "$n" -le "$total" ] || continue
	sub=$WORK/map-$n
	mkdir -p "$sub"
	ls "$BENCH_DIR" | head -n "$n" | while read -r f; do
		ln -sf "$(cd "$BENCH_DIR" && pwd)/$f" "$sub/$f"
	done
	map_dir "$sub" "larger set, first $n"
done
rss=$(peak_rss sh -c "'$SD' map '$MAP_NEW' '$BENCH_DIR' || true")
report "peak RSS, map ONE BENCH_DIR" "${rss} MB"

echo "lineage:"
t=$(best_time "$SD" lineage EMG2-803)
report "stigdiff lineage EMG2-803 (embedded corpus, 31 benchmarks)" "${t}s"
floor=$(best_time "$SD" unpack --list corpus)
report "  parsing the embedded corpus (unpack --list corpus)" "${floor}s"
