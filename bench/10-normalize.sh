# normalize vs xmllint --noout on the same files; peak memory.
bench_normalize() {
	dir=$1 label=$2
	files=$(ls "$dir"/*.xml | wc -l)
	mb=$(du -sm "$dir" | cut -f1)
	floor=$(best_time sh -c "xmllint --noout '$dir'/*.xml")
	t=$(best_time "$SD" normalize -f -o "$WORK/norm.xml" "$dir")
	tc=$(best_time "$SD" normalize --controls -f -o "$WORK/norm.xml" "$dir")
	rss=$(peak_rss "$SD" normalize -f -o "$WORK/norm.xml" "$dir")
	echo "normalize, $label ($files files, $mb MB):"
	report "xmllint --noout (floor)" "${floor}s"
	report "stigdiff normalize -o FILE DIR" "${t}s"
	report "ratio to floor" "$(ratio "$t" "$floor")" "(target <= 1.5)"
	report "stigdiff normalize --controls (reads the CCI list)" "${tc}s"
	report "peak RSS" "${rss} MB" "(target < 64)"
}
bench_normalize "$XCCDF" "shared XCCDF set"
bench_normalize "$BENCH_DIR" "larger set"
