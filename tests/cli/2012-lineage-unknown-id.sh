# Ids that exist nowhere: a clear message and exit 1; the others still print.
"$STIGDIFF" lineage V-999999
echo "exit=$?"
"$STIGDIFF" lineage --format json NOPE-1 EX13-CA-000005 > "$TMP/l.json"
echo "exit=$?"
jq -c '.["not-found"], [.lineages[].query]' "$TMP/l.json"
"$STIGDIFF" lineage
echo "exit=$?"
