# The search page's script (assets/search.js), run by node against the
# embedded corpus's index: ?q= is read on load, rules whose titles hold
# the words come first (the latest releases first among them), each
# result links to a rule page that exists; a query loads the index, the
# term shards of its words and the doc shards of the rules it shows.
command -v node >/dev/null || { echo "SKIP: node is absent"; exit 77; }
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" corpus/ >/dev/null
$STIGDIFF site -C "$TMP/c" -o "$TMP/s" --no-lineage >/dev/null
node tests/search-test.js "$TMP/s" "$TMP/s/assets/search.js" "send connectors" > "$TMP/out"
cat "$TMP/out"
for p in $(awk '$1 ~ /^stig\// { print $1 }' "$TMP/out"); do test -f "$TMP/s/$p" || echo "missing $p"; done
node tests/search-test.js "$TMP/s" "$TMP/s/assets/search.js" "EMG2-803"
node tests/search-test.js "$TMP/s" "$TMP/s/assets/search.js" "zzznotaword"
# An id ranks its own rule first; filters by product family and severity.
node tests/search-test.js "$TMP/s" "$TMP/s/assets/search.js" "EX16-ED-000160" | head -n 3
node tests/search-test.js "$TMP/s" "$TMP/s/assets/search.js" "V-259642" | head -n 2
node tests/search-test.js "$TMP/s" "$TMP/s/assets/search.js" "send connectors" "" high | head -n 3
node tests/search-test.js "$TMP/s" "$TMP/s/assets/search.js" "send connectors" "No such family" | head -n 1
