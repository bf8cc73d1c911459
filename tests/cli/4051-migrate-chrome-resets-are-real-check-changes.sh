# The re-check bar on real releases: a Chrome checklist made from DISA's
# V2R3 and filled, migrated release after release (V2R4, V2R6, V2R7,
# V2R8). Every status reset is a rule whose check `diff --fields check`
# calls changed, and every such rule that held a status is reset.
L=$SHARED/disa/library
[ -d "$L/xccdf" ] || { echo "SKIP: $L is absent"; exit 77; }
R=$PWD
cd "$TMP"
prevx=$L/xccdf/U_Google_Chrome_STIG_V2R3_Manual-xccdf__02f85208.zip
"$STIGDIFF" checklist new -o empty.ckl "$prevx"
sh "$R/tests/fill-checklist.sh" empty.ckl > prev.ckl
for nx in $L/xccdf/U_Google_Chrome_STIG_V2R4_Manual-xccdf__8e0621c8.zip \
	  $L/xccdf/U_Google_Chrome_STIG_V2R6_Manual-xccdf__f88b56bb.zip \
	  $L/xccdf/U_Google_Chrome_STIG_V2R7_Manual-xccdf__23c1151b.zip \
	  $L/zips/U_Google_Chrome_V2R8_STIG.zip; do
	rm -f r.json
	"$STIGDIFF" migrate prev.ckl --to "$nx" -o next.ckl --report r.json --format json > /dev/null
	jq -r '.stigs[0].rules[] | select(.old and .new and .["status-before"] != .["status-after"] and .["status-before"] != "Not_Reviewed") | .new["vuln-id"]' r.json | sort > reset
	jq -r '.stigs[0].rules[] | select(.old and .new and .["status-before"] != "Not_Reviewed" and .decision != "review") | .new["vuln-id"]' r.json | sort > held
	"$STIGDIFF" diff --fields check --format json "$prevx" "$nx" |
		jq -r '.rules[] | select(.status == "changed") | .new["vuln-id"]' | sort > changed
	comm -12 changed held > expected
	echo "$(basename "$nx"): $(wc -l < reset) reset, $(wc -l < changed) checks changed, not real $(comm -23 reset changed | wc -l), missed $(comm -13 reset expected | wc -l)"
	jq -r '.stigs[0]["re-check"][] | select(.why | index("check changed")) | .["new-vuln-id"] + " " + (.["check-diff"] | length > 0 | tostring)' r.json | sort | tr '\n' ' '
	echo
	mv next.ckl prev.ckl
	prevx=$nx
done
