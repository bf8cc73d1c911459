# DISA's own error: OneNote 2013 V1R4 declares legacy idents permuted
# among six rules. map, diff and notes set those declarations aside and
# pair by content and STIG id (declared-conflict, both pairings shown);
# --trust-declared follows DISA as before.
F=tests/fixtures/conflict
old=$F/U_MS_OneNote_2013_STIG_V1R3_Manual-xccdf__0fb15f78.zip
new=$F/U_MS_OneNote_2013_STIG_V1R4_Manual-xccdf__5851da25.zip
"$STIGDIFF" map "$old" "$new" > "$TMP/checked.tsv"
echo "exit=$?"
grep -v '^#' "$TMP/checked.tsv" | cut -f6 | sort | uniq -c
# Every matched pair keeps its STIG id once the permutation is set aside.
awk -F'\t' '!/^#/ && $6 != "none" && $2 != $4' "$TMP/checked.tsv" | wc -l
grep -F V-26587 "$TMP/checked.tsv" | grep -c declared-conflict
grep -F 'V-17173	DTOO104' "$TMP/checked.tsv" | cut -f3-6
"$STIGDIFF" map --trust-declared "$old" "$new" > "$TMP/trusted.tsv"
echo "exit=$?"
awk -F'\t' '!/^#/ && $6 != "none" && $2 != $4' "$TMP/trusted.tsv" | wc -l
grep -c declared-conflict "$TMP/trusted.tsv"
"$STIGDIFF" map --format json "$old" "$new" |
	jq -c '.maps[0].summary["declared-conflict"], ([.maps[0].pairs[] | select(."declared-conflict")] | length)'
# diff pairs as map does: the rule keeps its title, no title change.
"$STIGDIFF" diff --format json "$old" "$new" |
	jq -r '.rules[] | select(.evidence == "declared-conflict") | [.old["vuln-id"], .new["vuln-id"], ([.changes[].field] | index("title") != null)] | @tsv'
"$STIGDIFF" diff --trust-declared --format json "$old" "$new" |
	jq -r '[.rules[] | select(.evidence == "legacy-id") | select([.changes[].field] | index("title") != null)] | length'
# lineage follows the content pairing: V-26587 (DTOO132) leads to
# V-242572 (DTOO132), the hop saying declared-conflict.
"$STIGDIFF" lineage --no-curated --in "$F" V-26587 |
	grep -A1 'V1R4  *[0-9-]*  *V-242572 ' | sed -n 's/^ *<- \([a-z-]*\) [0-9.]* from \([A-Z0-9]*\).*declared-conflict.*/\1 from \2, declared-conflict/p'
