# corpus link, the lineage of the whole library (issue 20's bars: <= 60 s
# CPU and <= 512 MiB for about 1,900 releases of 700 benchmarks; a cost
# per release that does not grow with the library; the corpus after link
# <= 2x before; link after one new release < 5 s; a lineage --corpus
# query < 100 ms and < 50 MiB). Measured on the real slice
# ($SHARED/disa/library/xccdf) and on a library shaped like DISA's whole
# made from it (bench/mklib.sh --library: five renamed, renumbered and
# reworded copies, about 1,900 releases), at a quarter (copy 1), a half
# (copies 1-2) and all of it. One run per figure (each takes seconds).
LIBX=$SHARED/disa/library/xccdf
if [ ! -d "$LIBX" ]; then
	echo "corpus link: $LIBX is absent; skipped"
else
	# link_once DIR: CPU seconds (user+system), peak MiB; the link's own
	# lines in $WORK/link.out.
	link_once() {
		/usr/bin/time -f '%U %S %M' -o "$WORK/link.time" \
			"$SD" corpus link -C "$1" > "$WORK/link.out" 2>&1
		awk '{ printf "%.1f %.0f\n", $1 + $2, $3 / 1024 }' "$WORK/link.time"
	}
	mb() { du -sm "$1" | cut -f1; }
	# link_bench NAME CORPUS: link it from nothing and report.
	link_bench() {
		before=$(mb "$2")
		set -- "$1" "$2" $(link_once "$2")
		rel=$(sed -n 's/.*lineage\/ ([0-9]* product lines, \([0-9]*\) releases.*/\1/p' "$WORK/link.out")
		lines=$(sed -n 's/.*lineage\/ (\([0-9]*\) product lines.*/\1/p' "$WORK/link.out")
		cache=$(sed -n 's/^cache *\([0-9.]* [KMG]B\).*/\1/p' "$WORK/link.out")
		after=$(mb "$2")
		echo "corpus link, $1: $rel releases, $lines product lines"
		report "CPU (user + system)" "${3}s" "(target <= 60 s for ~1,900)"
		report "peak RSS" "$4 MiB" "(target <= 512 MiB)"
		report "CPU per release" "$(printf '%.1f' "$(echo "$3 * 1000 / $rel" | bc -l)") ms"
		report "mapping cache (DIR/stigdiff/lineage)" "$cache"
		report "corpus before -> after link" "$before -> $after MB" "(target <= 2x)"
	}
	# The real slice.
	"$SD" corpus init "$WORK/slice" >/dev/null
	"$SD" corpus import -C "$WORK/slice" "$LIBX" >/dev/null 2>&1 || true
	link_bench "the library slice" "$WORK/slice"
	# A query of the stored lineage.
	for id in RHEL-06-000206 WN12-SO-000028; do
		/usr/bin/time -f '%e %U %S %M' -o "$WORK/q.time" \
			"$SD" lineage --corpus "$WORK/slice" "$id" > "$WORK/q.out" 2>&1
		report "lineage --corpus $id" "$(tail -n 1 "$WORK/q.time" | awk '{ printf "%.0f ms (CPU %.0f ms), %.0f MiB", $1 * 1000, ($2 + $3) * 1000, $4 / 1024 }')" "(target < 100 ms, < 50 MiB)"
	done
	echo "    $(head -n 1 "$WORK/q.out")"
	rm -rf "$WORK/slice"
	# The whole library's shape.
	sh bench/mklib.sh --library "$SD" "$LIBX" "$WORK/biglib"
	# One release held back for the incremental link: copy 1's Windows 10
	# V2R9.
	held=$(ls "$WORK/biglib/c1" | grep 'Windows_10_STIG_V2R9' | head -n 1)
	mkdir "$WORK/held"
	[ -n "$held" ] && mv "$WORK/biglib/c1/$held" "$WORK/held/"
	# Imported once; a copy of the corpus at a quarter, a half and all,
	# each linked from nothing.
	"$SD" corpus init "$WORK/big" >/dev/null
	k=0
	for part in "c1" "c2" "c3 c4 c5"; do
		for c in $part; do
			"$SD" corpus import -C "$WORK/big" "$WORK/biglib/$c" >/dev/null 2>&1 || true
		done
		k=$((k + 1))
		cp -r "$WORK/big" "$WORK/big$k"
	done
	rm -rf "$WORK/big"
	link_bench "a quarter (copy 1)" "$WORK/big1"
	rm -rf "$WORK/big1"
	link_bench "a half (copies 1-2)" "$WORK/big2"
	rm -rf "$WORK/big2"
	link_bench "all (copies 1-5)" "$WORK/big3"
	mv "$WORK/big3" "$WORK/big"
	# The site of the whole library's shape (bench 45 has the slice's):
	# one benchmark open at a time, so about the slice's peak.
	/usr/bin/time -f '%U %S %M' -o "$WORK/site.time" \
		"$SD" site -q -C "$WORK/big" -o "$WORK/bigsite" --no-lineage > /dev/null 2>&1 || true
	report "site --no-lineage of all: CPU, peak RSS" "$(awk '{ printf "%.0f s, %.0f MiB", $1 + $2, $3 / 1024 }' "$WORK/site.time")" "(slice: bench 45)"
	rm -rf "$WORK/bigsite"
	if [ -n "$held" ]; then
		"$SD" corpus import -C "$WORK/big" "$WORK/held" >/dev/null 2>&1 || true
		set -- $(link_once "$WORK/big")
		echo "corpus link after importing one release ($held):"
		report "CPU, peak RSS" "${1}s, $2 MiB" "(target < 5 s)"
		report "what it did" "$(sed -n 's/.*releases; \(.*\))$/\1/p' "$WORK/link.out")"
	fi
	# WN12-SO-000028 and WN19-SO-000280: STIG ids every copy keeps, so
	# their chains span the Windows Server lines of all five copies (the
	# widest queries).
	for id in RHEL-06-000206 V-1225470 WN12-SO-000028 WN19-SO-000280; do
		/usr/bin/time -f '%e %U %S %M' -o "$WORK/q.time" \
			"$SD" lineage --corpus "$WORK/big" "$id" > "$WORK/q.out" 2>&1
		report "lineage --corpus $id (all)" "$(tail -n 1 "$WORK/q.time" | awk '{ printf "%.0f ms (CPU %.0f ms), %.0f MiB", $1 * 1000, ($2 + $3) * 1000, $4 / 1024 }')" "(target < 100 ms, < 50 MiB)"
	done
	# map of one benchmark against every release of the library.
	one=$(ls "$WORK/biglib/c2" | grep 'Windows_Server_2016_STIG_V2R10\|MS_Windows_Server_2016_STIG_V2R10' | head -n 1)
	if [ -n "$one" ]; then
		/usr/bin/time -f '%e %U %S %M' -o "$WORK/m.time" \
			"$SD" map "$WORK/biglib/c2/$one" "$WORK/biglib" > "$WORK/m.out" 2>/dev/null || true
		report "map one benchmark against the library ($(grep -c '^#' "$WORK/m.out") pairs)" "$(tail -n 1 "$WORK/m.time" | awk '{ printf "%.1f s CPU, %.0f MiB", $2 + $3, $4 / 1024 }')"
	fi
	rm -rf "$WORK/big" "$WORK/biglib" "$WORK/held"
fi
