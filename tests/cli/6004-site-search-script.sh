# The search page's script (assets/search.js), run by node against the
# embedded corpus's index: ?q= is read on load, rules whose titles hold
# the words come first, each result links to a rule page that exists.
command -v node >/dev/null || { echo "SKIP: node is absent"; exit 77; }
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" corpus/ >/dev/null
$STIGDIFF site -C "$TMP/c" -o "$TMP/s" --no-lineage >/dev/null
node tests/search-test.js "$TMP/s" "$TMP/s/assets/search.js" "send connectors" > "$TMP/out"
cat "$TMP/out"
for p in $(awk '$1 ~ /^stig\// { print $1 }' "$TMP/out"); do test -f "$TMP/s/$p" || echo "missing $p"; done
node tests/search-test.js "$TMP/s" "$TMP/s/assets/search.js" "EMG2-803"
node tests/search-test.js "$TMP/s" "$TMP/s/assets/search.js" "zzznotaword"
