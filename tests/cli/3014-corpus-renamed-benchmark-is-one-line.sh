# DISA renamed Firefox's benchmark id three times (Firefox ->
# Mozilla_FireFox_STIG -> Mozilla_Firefox_STIG -> MOZ_Firefox_STIG, the
# last a rewrite with new rule ids throughout): one line, named as it is
# called now, with each rename in its history, whatever the import order;
# the old names still find it.
L=tests/fixtures/library
$STIGDIFF corpus init "$TMP/a" >/dev/null
$STIGDIFF corpus import -C "$TMP/a" $L/firefox-V4R21.xml $L/firefox-V4R24.xml $L/firefox-V5R1.xml $L/firefox-V6R2.xml
echo "exit=$?"
$STIGDIFF corpus init "$TMP/b" >/dev/null
for f in V6R2 V4R24 V5R1 V4R21; do
	$STIGDIFF corpus import -C "$TMP/b" $L/firefox-$f.xml | grep -v '^[0-9]'
done
git -C "$TMP/a" for-each-ref > "$TMP/refs.a"
git -C "$TMP/b" for-each-ref > "$TMP/refs.b"
cmp -s "$TMP/refs.a" "$TMP/refs.b" && echo "same refs in either order"
git -C "$TMP/a" for-each-ref --format='%(refname)' refs/heads refs/tags
$STIGDIFF corpus list -C "$TMP/a" --format json moz-firefox | jq -c '.renames[]'
git -C "$TMP/a" log --format='%s%n%(trailers:key=Renamed-from,valueonly)' moz-firefox | grep .
$STIGDIFF corpus show -C "$TMP/a" Firefox@V4R21 | sed -n '/^\[line/,$p'
$STIGDIFF corpus show -C "$TMP/a" mozilla-firefox@V5R1 | head -n 1
# The site shows the line once, each rename in its releases table.
$STIGDIFF site -C "$TMP/a" -o "$TMP/site" --no-lineage >/dev/null
ls "$TMP/site/stig"
grep -o 'published as <span class="id">[^<]*' "$TMP/site/stig/moz-firefox/index.html"
