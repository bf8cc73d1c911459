# checklist diff on checklists made from DISA library releases
# (../shared/disa/library/xccdf) with planted moves (tests/plant-moves.sh):
# Chrome across the 2020 renumbering (V1R12 -> V2R3: new V-IDs, paired
# through the legacy ids DISA declares), Firefox V6R2 -> V6R6 and Windows
# 10 V1R19 -> V2R2 (renumbered, hundreds of rules): every planted
# difference and every rule DISA added or removed reported with the
# right annotation, nothing else.
L=$SHARED/disa/library/xccdf
[ -d "$L" ] || { echo "SKIP: no DISA library at $L"; exit 77; }
for pair in "U_Google_Chrome_STIG_V1R12_Manual-xccdf__de774845 U_Google_Chrome_STIG_V2R3_Manual-xccdf__02f85208" \
	    "U_MOZ_Firefox_STIG_V6R2_Manual-xccdf__949b1329 U_MOZ_Firefox_STIG_V6R6_Manual-xccdf__1c93e41c" \
	    "U_MS_Windows_10_STIG_V1R19_Manual-xccdf__6b01aaae U_MS_Windows_10_STIG_V2R2_Manual-xccdf__ffb41934"; do
	set -- $pair
	D=$TMP/$2
	mkdir "$D"
	sh tests/plant-moves.sh "$STIGDIFF" "$L/$1.zip" "$L/$2.zip" "$D"
	"$STIGDIFF" checklist diff --format json "$D/old.cklb" "$D/new.cklb" > "$D/diff.json"
	echo "$1 -> $2: exit=$?, $(wc -l < "$D/planted.tsv") planted"
	jq -r '.rows[] | [(.new // .old)."stig-id", .change, (.annotation // "")] | @tsv' "$D/diff.json" | sort > "$D/reported.tsv"
	diff "$D/planted.tsv" "$D/reported.tsv" && echo "  every planted difference reported, nothing else"
	cut -f2,3 "$D/planted.tsv" | sort | uniq -c | sed 's/^/ /'
	jq -c '[.stigs[0].paired, .stigs[0].unchanged, ([.rows[] | select(.renumbered)] | length)]' "$D/diff.json"
done
