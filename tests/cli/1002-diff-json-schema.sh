# The JSON document: its keys, the counts, and one rule of each status.
"$STIGDIFF" diff --format json tests/fixtures/diff/old.xml tests/fixtures/diff/new.xml > "$TMP/d.json"
echo "exit=$?"
jq -c 'keys_unsorted, .counts, .summary, .old' "$TMP/d.json"
jq -c '.rules[] | [.status, .old."vuln-id", .new."vuln-id", .evidence, ."evidence-value", [.changes[] | .field]]' "$TMP/d.json"
jq -c '.rules[] | select(.status == "changed") | .changes[] | select(.kind == "text") | {field, note, similarity, cosmetic, diff}' "$TMP/d.json"
jq -c '.rules[] | select(.status == "cosmetic") | .changes[] | {field, kind, role, note, cosmetic}' "$TMP/d.json"
jq -c '.rules[] | select(.new."vuln-id" == "V-259583") | .changes[] | {field, kind, role, note, old, new}' "$TMP/d.json"
