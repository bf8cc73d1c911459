# The digest of two small libraries made of real files: Firefox rewritten
# under a new id (one line, updated), IIS 10.0 Site V2R10 re-issued with
# one rule changed (updated), Edge's SCAP benchmark (added, a line of its
# own), a draft SRG (added), Edge's manual STIG (withdrawn), Word 2010 in
# another encoding (unchanged). Each updated STIG's counts are those of
# diff on the same two files.
L=tests/fixtures/library
mkdir "$TMP/old" "$TMP/new"
cp $L/firefox-V5R1.xml $L/iis10-site-V2R10-a.xml $L/word2010-V1R11-utf8.xml $L/edge-V1R7.xml "$TMP/old"
cp $L/firefox-V6R2.xml $L/iis10-site-V2R10-b.xml $L/word2010-V1R11-cp1252.xml $L/edge-V1R3-scap.zip $L/uc-endpoint-V1R0-1-draft.xml "$TMP/new"
cd "$TMP"
"$STIGDIFF" notes --library old new 2>/dev/null
echo "exit=$?"
"$STIGDIFF" notes --library --format json old new 2>/dev/null > digest.json
jq -c '.format, .["format-version"], .counts' digest.json
jq -r '.stigs[] | "\(.status) \(.line) \(.kind) \(.old.version // "-") \(.new.version // "-")"' digest.json
# Counts equal to diff's, pair by pair.
jq -r '.stigs[] | select(.status == "updated") | "\(.old.source) \(.new.source) \(.counts | del(.recheck, .cat1) | tojson)"' digest.json |
while read -r o n c; do
	d=$("$STIGDIFF" diff --format json --force "$o" "$n" | jq -c .counts)
	[ "$d" = "$c" ] && echo "same counts as diff: $o $n" || echo "counts differ: $o $n: $c vs $d"
done
"$STIGDIFF" notes --library --only-benchmarks moz-firefox old new 2>/dev/null | grep -c '^### '
printf '# ours\nIIS_10-0_Site_STIG\n' > ours.txt
"$STIGDIFF" notes --library --only-benchmarks @ours.txt --format json old new 2>/dev/null | jq -r '.stigs[].line'
"$STIGDIFF" notes --library --format html old new -o digest.html 2>&1
grep -o '<a href="#[^"]*"' digest.html
"$STIGDIFF" notes --library old 2>&1
echo "exit=$?"
"$STIGDIFF" notes --since 2024-01-01 old new 2>&1 | head -n 1
