# corpus import vs git fast-import of the same history (the floor): the
# whole shared DISA set and the larger set; re-import of an unchanged
# release; search (a unit test's wall-clock bound, check_corpus.c, before
# issue 18).
corpus_import() { # corpus_import DIR INPUT...: a fresh corpus in DIR
	d=$1
	shift
	rm -rf "$d"
	"$SD" corpus init "$d" >/dev/null || return 1
	# Exit 1: some inputs refused, each named, the others imported (the
	# library slice holds one file that is not XML); anything else fails.
	"$SD" corpus import -C "$d" "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
}

fast_import() { # fast_import DIR STREAM
	rm -rf "$1"
	git init -q --bare "$1" && git -C "$1" fast-import --quiet < "$2"
}

bench_corpus() {
	input=$1 label=$2
	c=$WORK/corpus
	corpus_import "$c" "$input" || { echo "corpus import of $input failed" >&2; return 1; }
	releases=$(git -C "$c" for-each-ref refs/tags | wc -l)
	rules=$(for t in $(git -C "$c" for-each-ref --format='%(refname)' refs/tags); do
		git -C "$c" ls-tree -r "$t" | grep -cv '/benchmark.txt$'; done |
		awk '{ s += $1 } END { print s }')
	sh bench/corpus-stream.sh "$c" "$WORK/stream.d" > "$WORK/stream"
	rm -rf "$WORK/stream.d"
	floor=$(best_time fast_import "$WORK/floor" "$WORK/stream")
	t=$(best_time corpus_import "$c" "$input")
	floor_cpu=$(cpu_time sh -c "rm -rf '$WORK/floor'; git init -q --bare '$WORK/floor'; git -C '$WORK/floor' fast-import --quiet < '$WORK/stream'")
	cpu=$(cpu_time sh -c "rm -rf '$c'; '$SD' corpus init '$c' >/dev/null; '$SD' corpus import -C '$c' '$input' 2>/dev/null")
	echo "corpus import, $label ($releases releases, $rules rules over all releases):"
	report "git fast-import of the same files (floor)" "${floor}s"
	report "stigdiff corpus import (parse, write, index)" "${t}s"
	report "ratio to floor" "$(ratio "$t" "$floor")" "(target <= 3)"
	report "CPU: fast-import / corpus import" "${floor_cpu}s / ${cpu}s"
	report "CPU ratio to floor" "$(ratio "$cpu" "$floor_cpu")"
	report "releases per second" "$(printf '%.0f' "$(echo "$releases / $t" | bc -l)")"
	report "cost per rule" "$(printf '%.1f us' "$(echo "$t * 1000000 / $rules" | bc -l)")"
	rm -rf "$c"
	"$SD" corpus init "$c" >/dev/null
	report "peak RSS" "$(peak_rss "$SD" corpus import -C "$c" "$input") MB"
	rm -f "$WORK/stream"
}

bench_corpus "$XCCDF" "the shared Exchange set"
one=$(ls "$XCCDF"/*.xml | tail -n 1)
t=$(best_time "$SD" corpus import -C "$WORK/corpus" "$one")
report "re-import of an unchanged release" "$(printf '%.1f ms' "$(echo "$t * 1000" | bc -l)")" "(target < 50 ms)"
t=$(best_time "$SD" corpus search -C "$WORK/corpus" send connectors encryption)
report "corpus search (3 words)" "$(printf '%.1f ms' "$(echo "$t * 1000" | bc -l)")" "(target < 100 ms)"
t=$(best_time "$SD" corpus search -C "$WORK/corpus" e)
report "corpus search (one letter: the widest prefix)" "$(printf '%.1f ms' "$(echo "$t * 1000" | bc -l)")" "(target < 100 ms)"
bench_corpus "$BENCH_DIR" "larger set"
one=$(ls "$BENCH_DIR"/*.xml | tail -n 1)
t=$(best_time "$SD" corpus import -C "$WORK/corpus" "$one")
report "re-import of an unchanged release, larger corpus" "$(printf '%.1f ms' "$(echo "$t * 1000" | bc -l)")" "(target < 50 ms)"
t=$(best_time "$SD" corpus search -C "$WORK/corpus" send connectors encryption)
report "corpus search on the larger set (3 words)" "$(printf '%.1f ms' "$(echo "$t * 1000" | bc -l)")"
rm -rf "$WORK/corpus" "$WORK/floor"
