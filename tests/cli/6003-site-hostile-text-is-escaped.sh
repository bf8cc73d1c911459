# Hostile text (markup, quotes, '&', backslashes in titles, ids and check
# text) is escaped everywhere: no page holds the markup raw, the pages stay
# well-formed and linked, the vuln id becomes a safe file name, and the
# Turtle twins, the exports and the search index still parse.
command -v rapper >/dev/null || { echo "SKIP: rapper (raptor2-utils) is absent"; exit 77; }
F=tests/fixtures/site/hostile-xccdf.xml
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" $F | tail -n 1
$STIGDIFF corpus link -C "$TMP/c"
$STIGDIFF site -C "$TMP/c" -o "$TMP/s" | sed "s|$TMP|TMP|"
ls "$TMP/s/stig"
ls "$TMP/s/stig/hostile-bench"
echo "raw markup: $(grep -rl '<script>alert\|<img src=x\|<b>\|<i>238' "$TMP/s" --include=*.html | wc -l)"
sed -n 's/.*<h1>\(.*\)<\/h1>.*/\1/p' "$TMP/s/stig/hostile-bench/index.html"
sh tests/site-check.sh "$TMP/s"
cat "$TMP/s"/stig/*/*.ttl > "$TMP/all.ttl"
rapper -q -i turtle -c "$TMP/all.ttl"; echo "ttl=$?"
grep -o 'dcterms:title "Evil[^;]*' "$TMP/s/stig/hostile-bench/V-259577.ttl"
ls "$TMP/s/search"
sed -e '1s/^[A-Za-z]*(//' -e '$s/);$//' "$TMP/s/search/d0.js" | jq -r '.docs[][4]'
command -v node >/dev/null && node tests/search-test.js "$TMP/s" "$TMP/s/assets/search.js" 'evil script' | head -n 2
$STIGDIFF export -C "$TMP/c" --format ttl -o "$TMP/x.ttl"; rapper -q -i turtle -c "$TMP/x.ttl"; echo "export ttl=$?"
$STIGDIFF export -C "$TMP/c" --format rdfxml -o "$TMP/x.rdf"; rapper -q -i rdfxml -c "$TMP/x.rdf"; echo "export rdfxml=$?"
$STIGDIFF export -C "$TMP/c" --format json | jq -r '.benchmarks[0].title, .benchmarks[0].rules[2]["vuln-id"]'
$STIGDIFF export -C "$TMP/c" --format csv
