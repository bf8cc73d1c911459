# The DISA library slice, ../shared/disa/library (829 XCCDF files of 156
# benchmarks' histories and 46 zips of the December 2023 compilation):
# corpus import against two floors measured here (git fast-import of the
# same history as the corpus holds it; git fast-import of the XML
# documents themselves, one commit each), a re-import that finds nothing
# new, peak RSS (target < 200 MB); then the site over the corpus it makes.
LIB=$SHARED/disa/library
if [ ! -d "$LIB" ]; then
	echo "library: $LIB is absent; skipped"
else
	xml_stream() { # xml_stream DIR: one blob and commit per file, fast-import
		LC_ALL=C find "$1" -type f -name '*.xml' | sort | {
			n=0
			while read -r f; do
				n=$((n + 1))
				printf 'blob\nmark :%d\ndata %d\n' "$n" "$(wc -c < "$f")"
				cat "$f"
				printf '\ncommit refs/heads/xml\ncommitter b <b> %d +0000\ndata 1\nx\nM 100644 :%d f%d.xml\n\n' "$n" "$n" "$n"
			done
		}
	}
	mkdir -p "$WORK/libxml/x" "$WORK/libxml/z"
	for z in "$LIB"/xccdf/*.zip; do unzip -qo "$z" -d "$WORK/libxml/x"; done
	"$SD" unpack --force -o "$WORK/libxml/z" "$LIB/zips" >/dev/null 2>&1
	xml_stream "$WORK/libxml" > "$WORK/xml.stream"
	docs=$(grep -c '^commit ' "$WORK/xml.stream")
	mb=$(du -sm "$WORK/libxml" | cut -f1)
	xfloor=$(best_time fast_import "$WORK/xfloor" "$WORK/xml.stream")
	xfloor_cpu=$(cpu_time sh -c "rm -rf '$WORK/xfloor'; git init -q --bare '$WORK/xfloor'; git -C '$WORK/xfloor' fast-import --quiet < '$WORK/xml.stream'")
	# bench_corpus leaves its corpus in $WORK/corpus and its import
	# time in $t.
	bench_corpus "$LIB" "the DISA library slice"
	c=$WORK/corpus
	report "git fast-import of the $docs XML documents ($mb MB)" "${xfloor}s"
	report "import ratio to that floor" "$(ratio "$t" "$xfloor")" "(target <= 3)"
	# CPU (user + system) as well: on a machine shared with other work
	# the wall-clock ratio moves with the load, this one much less.
	report "CPU: fast-import / corpus import" "${xfloor_cpu}s / ${cpu}s"
	report "import CPU ratio to that floor" "$(ratio "$cpu" "$xfloor_cpu")" "(target <= 3)"
	again=$(best_time sh -c "'$SD' corpus import -C '$c' '$LIB' 2>/dev/null || [ \$? -eq 1 ]")
	report "re-import of the whole library (nothing new)" "${again}s"
	report "peak RSS of the re-import" "$(peak_rss sh -c "'$SD' corpus import -C '$c' '$LIB' || [ \$? -eq 1 ]") MB" "(target < 200 MB)"
	lines=$(git -C "$c" for-each-ref refs/heads | grep -cv 'refs/heads/\(main\|lineage\)$')
	scap=$(git -C "$c" for-each-ref --format='%(refname)' refs/heads | grep -c -- '-scap$')
	report "product lines (SCAP lines among them)" "$lines ($scap)"
	rm -rf "$WORK/libxml" "$WORK/xml.stream" "$WORK/xfloor"
	# The site over it, without lineage (corpus link has its own part):
	# full, then incremental after one more release (a second corpus, the
	# library without its last XCCDF file, then that file imported); its
	# files and bytes against the normalized XML of the releases it shows
	# (target <= 2x), and the bytes a search loads (node runs the site's
	# own script: tests/search-test.js).
	t=$(cpu_time sh -c "rm -rf '$WORK/libsite'; '$SD' site -C '$c' -o '$WORK/libsite' --no-lineage")
	pages=$(find "$WORK/libsite" -name '*.html' | wc -l)
	files=$(find "$WORK/libsite" -type f | wc -l)
	bytes=$(find "$WORK/libsite" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
	norm=0 nrel=0
	for slug in $("$SD" corpus list -C "$c" | cut -f1); do
		for r in $("$SD" corpus list -C "$c" "$slug" | cut -f1); do
			norm=$((norm + $("$SD" corpus show -C "$c" --format xml "$r" | wc -c)))
			nrel=$((nrel + 1))
		done
	done
	echo "stigdiff site --no-lineage over the library corpus:"
	report "full site (CPU)" "${t}s"
	report "pages, files, size" "$pages, $files, $((bytes / 1048576)) MB"
	report "normalized XML of its $nrel releases" "$((norm / 1048576)) MB"
	report "site size / normalized XML" "$(printf '%.2f' "$(echo "$bytes / $norm" | bc -l)")" "(target <= 2)"
	# One benchmark open at a time: the peak follows the biggest line and
	# the biggest page, not the library (bench 46 measures the site of a
	# library three times this one).
	report "peak RSS" "$(peak_rss sh -c "rm -rf '$WORK/libsite'; '$SD' site -C '$c' -o '$WORK/libsite' --no-lineage") MB" "(target < 150 MB, flat as the library grows)"
	if command -v node > /dev/null; then
		for q in "telnet server" "DTBC-0001" "password complexity"; do
			report "search \"$q\": files and bytes loaded" "$(SEARCH_TEST_FILES= node tests/search-test.js "$WORK/libsite" "$WORK/libsite/assets/search.js" "$q" | sed -n 's/^loaded: //p')"
		done
	fi
	last=$(ls "$LIB"/xccdf/*.zip | tail -n 1)
	mkdir -p "$WORK/libin"
	for f in "$LIB"/xccdf/*.zip; do [ "$f" = "$last" ] || ln -s "$f" "$WORK/libin/"; done
	rm -rf "$WORK/libc2" "$WORK/libsite2"
	"$SD" corpus init "$WORK/libc2" > /dev/null
	"$SD" corpus import -q -C "$WORK/libc2" "$LIB/zips" "$WORK/libin" > /dev/null 2>&1 || true
	"$SD" site -q -C "$WORK/libc2" -o "$WORK/libsite2" --no-lineage > /dev/null
	"$SD" corpus import -q -C "$WORK/libc2" "$last" > /dev/null 2>&1 || true
	cp -a "$WORK/libsite2" "$WORK/libsite2.before"
	inc=$(cpu_time sh -c "rm -rf '$WORK/libsite2'; cp -a '$WORK/libsite2.before' '$WORK/libsite2'; '$SD' site -q -C '$WORK/libc2' -o '$WORK/libsite2' --no-lineage")
	copy=$(cpu_time sh -c "rm -rf '$WORK/libsite2'; cp -a '$WORK/libsite2.before' '$WORK/libsite2'")
	inc=$(echo "$inc - $copy" | bc -l)
	report "incremental after importing $(basename "$last") (CPU)" "$(printf '%.2fs' "$inc")"
	report "incremental / full (CPU)" "$(printf '%.0f%%' "$(echo "100 * $inc / $t" | bc -l)")" "(target < 20%)"
	rm -rf "$WORK/libc2" "$WORK/libsite2" "$WORK/libsite2.before" "$WORK/libin"
	rm -rf "$WORK/libsite" "$c"
fi
