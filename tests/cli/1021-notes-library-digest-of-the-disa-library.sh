# The digest between two compilations made from ../shared/disa/library:
# OLD, every XCCDF release dated before December 2023; NEW, the December
# 2023 compilation's zips. Every updated STIG is named with the counts
# diff gives on the same two releases (skipped without ../shared).
L=$SHARED/disa/library
[ -d "$L/zips" ] || { echo "SKIP: $L is absent"; exit 77; }
mkdir "$TMP/old"
"$STIGDIFF" unpack --list "$L/xccdf" 2>/dev/null | awk -F'\t' '$5 < "2023-12-01" { print $1 }' |
	sed 's/!.*//' | sort -u | while read -r f; do ln -s "$f" "$TMP/old/"; done
"$STIGDIFF" notes --library --format json "$TMP/old" "$L/zips" -o "$TMP/digest.json" 2>/dev/null
echo "exit=$?"
jq -c .counts "$TMP/digest.json"
jq -r '.stigs[] | select(.status == "updated") | "\(.line) \(.old.version) -> \(.new.version): \(.summary)"' "$TMP/digest.json"
jq -r '.stigs[] | select(.status == "updated") | "\(.old.source)|\(.new.source)|\(.new.id)|\(.counts | del(.recheck, .cat1) | tojson)"' "$TMP/digest.json" |
while IFS='|' read -r o n id c; do
	d=$("$STIGDIFF" diff --format json --force --benchmark "$id" "${o%%!*}" "${n%%!*}" 2>/dev/null | jq -c .counts)
	[ "$d" = "$c" ] && echo "same counts as diff" || echo "counts differ for $id: $c vs $d"
done
# The manual lines whose release changed, the SCAP ones added.
jq -r '.stigs[] | select(.status == "added") | "\(.line) \(.kind)"' "$TMP/digest.json" | head -n 5
