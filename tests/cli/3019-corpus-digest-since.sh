# The digest of a corpus since a tag of its main branch (set after an
# import, as a team marks a quarter) or since a date: the lines whose
# latest release changed, with their counts.
L=tests/fixtures/library
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" $L/firefox-V5R1.xml $L/iis10-site-V2R10-a.xml $L/word2010-V1R11-utf8.xml $L/edge-V1R7.xml >/dev/null
git -C "$TMP/c" tag q1 main
$STIGDIFF corpus import -C "$TMP/c" $L/firefox-V6R2.xml $L/iis10-site-V2R10-b.xml $L/edge-V1R3-scap.zip >/dev/null 2>&1
$STIGDIFF notes --library -C "$TMP/c" --since q1 --format json | sed "s|$TMP|TMP|g" |
	jq -r '.old, .new, (.stigs[] | "\(.status) \(.line) \(.old.version // "-") \(.new.version // "-") \(.summary // "")")'
$STIGDIFF notes --library -C "$TMP/c" --since 2021-06-01 --format json |
	jq -r '.stigs[] | "\(.status) \(.line) \(.old.version // "-") \(.new.version // "-") \(.summary // "")"'
$STIGDIFF notes --library -C "$TMP/c" --since q1 | grep '^### '
$STIGDIFF notes --library -C "$TMP/c" --since no-such-tag > "$TMP/out" 2>&1
echo "exit=$?"
sed "s|$TMP|TMP|g" "$TMP/out"
