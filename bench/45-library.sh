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
	# The site over it, without lineage (corpus link has its own part).
	t=$(best_time sh -c "rm -rf '$WORK/libsite'; '$SD' site -C '$c' -o '$WORK/libsite' --no-lineage")
	pages=$(find "$WORK/libsite" -name '*.html' | wc -l)
	files=$(find "$WORK/libsite" -type f | wc -l)
	bytes=$(du -sm "$WORK/libsite" | cut -f1)
	echo "stigdiff site --no-lineage over the library corpus:"
	report "full site" "${t}s"
	report "pages, files, size" "$pages, $files, ${bytes} MB"
	report "peak RSS" "$(peak_rss sh -c "rm -rf '$WORK/libsite'; '$SD' site -C '$c' -o '$WORK/libsite' --no-lineage") MB"
	rm -rf "$WORK/libsite" "$c"
fi
