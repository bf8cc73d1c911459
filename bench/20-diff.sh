# diff of two releases against normalizing both (the floor: reading and
# writing the same two files); every consecutive release pair in one run.

# stigdiff diff exits 1 when it finds differences: not a failure here.
sd_diff() { "$SD" diff "$@" || [ $? -eq 1 ]; }
# Ten runs of a command: one figure for a pair of small files is mostly
# process start-up and noise; ten in a row are steadier.
ten() {
	i=0
	while [ $i -lt 10 ]; do
		"$@" >/dev/null 2>&1 || return 1
		i=$((i + 1))
	done
}
per_run() { printf '%.4f' "$(echo "$1 / 10" | bc -l)"; }
bench_diff_pair() {
	old=$1 new=$2 label=$3
	floor=$(per_run "$(best_time ten "$SD" normalize -f -o "$WORK/pair.xml" "$old" "$new")")
	text=$(per_run "$(best_time ten sd_diff "$old" "$new")")
	json=$(per_run "$(best_time ten sd_diff --format json "$old" "$new")")
	html=$(per_run "$(best_time ten "$SD" notes --format html "$old" "$new")")
	echo "diff, $label (time per run, best of $RUNS x 10 runs):"
	report "stigdiff normalize OLD NEW (floor)" "${floor}s"
	report "stigdiff diff OLD NEW (text)" "${text}s"
	report "ratio to floor" "$(ratio "$text" "$floor")" "(target <= 1.5)"
	report "stigdiff diff --format json" "${json}s"
	report "ratio to floor" "$(ratio "$json" "$floor")" "(target <= 1.5)"
	report "stigdiff notes --format html (diff + XSLT)" "${html}s"
	report "ratio to floor" "$(ratio "$html" "$floor")"
}
bench_diff_pair "$XCCDF/U_MS_Exchange_2013_Mailbox_STIG_V1R2_Manual-xccdf.xml" \
	"$XCCDF/U_MS_Exchange_2013_Mailbox_STIG_V2R1_Manual-xccdf.xml" \
	"Exchange 2013 Mailbox V1R2 -> V2R1 (renumbered, 71 rules)"
bench_diff_pair "$XCCDF/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R5_Manual-xccdf.xml" \
	"$XCCDF/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml" \
	"Exchange 2016 Edge Transport V2R5 -> V2R6 (68 rules)"

bench_diff_series() {
	dir=$1 label=$2
	files=$(ls "$dir"/*.xml | wc -l)
	pairs=$(sd_diff --consecutive "$dir" | wc -l)
	floor=$(best_time "$SD" normalize -f -o "$WORK/all.xml" "$dir")
	t=$(best_time sd_diff --consecutive "$dir")
	rss=$(peak_rss sh -c '"$0" diff "$@" || [ $? -eq 1 ]' "$SD" \
		--consecutive "$dir")
	echo "diff --consecutive, $label ($files files, $pairs release pairs):"
	report "stigdiff normalize -o FILE DIR (floor)" "${floor}s"
	report "stigdiff diff --consecutive DIR" "${t}s"
	report "ratio to floor" "$(ratio "$t" "$floor")"
	report "time per release pair" "$(echo "$t / $pairs * 1000" | bc -l | xargs printf '%.2f') ms"
	report "peak RSS (every benchmark held)" "${rss} MB"
}
bench_diff_series "$XCCDF" "shared XCCDF set"
bench_diff_series "$BENCH_DIR" "larger set"
