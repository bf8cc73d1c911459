# The compare page's form (assets/compare.js and compare.json), run by
# node: for every benchmark with more than one release, its first release
# against its latest, next to `corpus diff` of the same two releases (the
# counts agree: revision-only rules are "with new ids only"); then a pair
# given in the wrong order and a release the benchmark does not have.
command -v node >/dev/null || { echo "SKIP: node is absent"; exit 77; }
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" corpus/ >/dev/null
$STIGDIFF site -C "$TMP/c" -o "$TMP/s" --no-lineage >/dev/null
$STIGDIFF corpus list -C "$TMP/c" | while IFS="	" read -r slug n latest rest; do
	[ "$n" -gt 1 ] || continue
	first=$($STIGDIFF corpus list -C "$TMP/c" "$slug" | head -n 1 | cut -f1 | sed 's/.*@//')
	node tests/compare-test.js "$TMP/s" "$slug" "$TMP/s/assets/compare.js" "$first" "$latest" | head -n 1 | sed "s/^/$slug: /"
	echo "  diff: $($STIGDIFF corpus diff -C "$TMP/c" "$slug@$first" "$slug@$latest" | head -n 1 | sed 's/.*: //')"
done
node tests/compare-test.js "$TMP/s" ms-exchange-2019-edge-server "$TMP/s/assets/compare.js" V2R2 V1R1 | sed -n '1,3p;/^## Text/,/^##/p'
node tests/compare-test.js "$TMP/s" ms-exchange-2019-edge-server "$TMP/s/assets/compare.js" V1R1 V9R9
