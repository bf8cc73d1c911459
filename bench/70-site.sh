# stigdiff site: the embedded corpus (target < 5 s) and the larger set
# (per release and per rule), the incremental re-run after one release is
# imported (target < 20% of a full run), and a rule page's weight
# (target < 100 KB). The floor: copying the written site (cp -r), which
# writes the same files without rendering them.
site_full() { # site_full CORPUS DIR: a site from scratch
	rm -rf "$2" && "$SD" site -C "$1" -o "$2" $SITE_FLAGS >/dev/null
}

link_again() { # link_again CORPUS: every rule's lineage computed and stored,
	# from scratch (no mapping kept by an earlier link)
	rm -rf "$1/stigdiff/lineage-cache"
	"$SD" corpus link -C "$1" >/dev/null
}

bench_site() { # bench_site INPUTDIR LABEL TARGET; $SITE_FLAGS for site
	c=$WORK/site-corpus
	rm -rf "$c" "$WORK/site-in"
	mkdir "$WORK/site-in"
	# Hold back the newest file: the release the incremental run imports.
	last=$(ls "$1"/*.xml | tail -n 1)
	for f in "$1"/*; do [ "$f" = "$last" ] || ln -s "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" "$WORK/site-in/"; done
	"$SD" corpus init "$c" >/dev/null
	"$SD" corpus import -C "$c" "$WORK/site-in" >/dev/null 2>&1 || true
	[ -f corpus/lineage/curated.tsv ] && "$SD" corpus import -C "$c" --curated corpus/lineage/curated.tsv >/dev/null
	"$SD" corpus import -C "$c" "$last" >/dev/null 2>&1 || true
	link=$(best_time link_again "$c")
	releases=$(git -C "$c" for-each-ref refs/tags | wc -l)
	pages=$(t=$(mktemp -d "$WORK/s-XXXXXX"); "$SD" site -C "$c" -o "$t/s" $SITE_FLAGS >/dev/null; find "$t/s/stig" -name 'V-*.html' | wc -l; rm -rf "$t")
	t=$(best_time site_full "$c" "$WORK/site")
	floor=$(best_time sh -c "rm -rf '$WORK/site-copy'; cp -r '$WORK/site' '$WORK/site-copy'")
	echo "stigdiff site, $label ($releases releases, $pages rule pages):"
	report "copy of the written site (floor)" "${floor}s"
	report "full site" "${t}s" "$3"
	report "per release" "$(printf '%.1f ms' "$(echo "$t * 1000 / $releases" | bc -l)")"
	report "per rule page" "$(printf '%.2f ms' "$(echo "$t * 1000 / $pages" | bc -l)")"
	[ -z "$SITE_FLAGS" ] && report "corpus link from scratch (not in the site's time)" "${link}s"
	# Incremental: the site without the newest release, then that release
	# imported and the site written again.
	rm -rf "$c" "$WORK/site"
	"$SD" corpus init "$c" >/dev/null
	"$SD" corpus import -C "$c" "$WORK/site-in" >/dev/null 2>&1 || true
	[ -f corpus/lineage/curated.tsv ] && "$SD" corpus import -C "$c" --curated corpus/lineage/curated.tsv >/dev/null
	"$SD" corpus link -C "$c" >/dev/null
	"$SD" site -C "$c" -o "$WORK/site" $SITE_FLAGS >/dev/null
	"$SD" corpus import -C "$c" "$last" >/dev/null 2>&1 || true
	# Best of $RUNS, as the full run: each from the same state (the
	# corpus just after the import, the site before it), restored
	# outside the timing.
	rm -rf "$c.before" "$WORK/site.before"
	cp -a "$c" "$c.before"
	cp -a "$WORK/site" "$WORK/site.before"
	inc="" relink=""
	i=0
	while [ $i -lt "$RUNS" ]; do
		rm -rf "$c" "$WORK/site"
		cp -a "$c.before" "$c"
		cp -a "$WORK/site.before" "$WORK/site"
		if [ -z "$SITE_FLAGS" ]; then
			start=$(date +%s.%N)
			"$SD" corpus link -C "$c" >/dev/null
			end=$(date +%s.%N)
			t1=$(echo "$end - $start" | bc -l)
			if [ -z "$relink" ] || [ "$(echo "$t1 < $relink" | bc -l)" = 1 ]; then relink=$t1; fi
		fi
		start=$(date +%s.%N)
		counts=$("$SD" site -C "$c" -o "$WORK/site" $SITE_FLAGS | sed 's/^[^:]*: //')
		end=$(date +%s.%N)
		t1=$(echo "$end - $start" | bc -l)
		if [ -z "$inc" ] || [ "$(echo "$t1 < $inc" | bc -l)" = 1 ]; then inc=$t1; fi
		i=$((i + 1))
	done
	rm -rf "$c.before" "$WORK/site.before"
	[ -z "$SITE_FLAGS" ] && report "corpus link after importing it (mappings of the earlier link kept)" "$(printf '%.3fs' "$relink")"
	report "incremental re-run after importing $(basename "$last")" "$(printf '%.3fs' "$inc")"
	report "  $counts" ""
	report "incremental / full" "$(printf '%.0f%%' "$(echo "100 * $inc / $t" | bc -l)")" "(target < 20%)"
	[ -z "$SITE_FLAGS" ] && report "  with corpus link in both" "$(printf '%.0f%%' "$(echo "100 * ($relink + $inc) / ($link + $t)" | bc -l)")"
	big=$(find "$WORK/site/stig" -name 'V-*.html' -printf '%s %p\n' | sort -n | tail -n 1)
	avg=$(find "$WORK/site/stig" -name 'V-*.html' -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / NR / 1024 }')
	report "rule page weight: average / largest" "${avg} KB / $(echo "${big%% *}" | awk '{ printf "%.1f", $1 / 1024 }') KB" "(target < 100 KB)"
	report "search index: all shards / the largest term shard" "$(cat "$WORK"/site/search/*.js | wc -c | awk '{ printf "%.0f", $1 / 1024 }') KB / $(wc -c "$WORK"/site/search/t*.js | sort -n | tail -n 2 | head -n 1 | awk '{ printf "%.0f", $1 / 1024 }') KB"
	rm -rf "$c" "$WORK/site" "$WORK/site-copy" "$WORK/site-in"
}

# Lineage comes from the steps 'corpus link' stores (timed on its own):
# the embedded corpus is measured with and without it; the larger set,
# whose generated copies make every rule's chain run through every copy
# (its link takes minutes), without.
SITE_FLAGS=
label="embedded corpus"
bench_site corpus/xccdf "$label" "(target < 5 s)"
SITE_FLAGS=--no-lineage
label="embedded corpus, --no-lineage"
bench_site corpus/xccdf "$label" "(target < 5 s)"
label="larger set, --no-lineage"
bench_site "$BENCH_DIR" "$label" ""
SITE_FLAGS=
