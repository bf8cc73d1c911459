# normalize adds NIST SP 800-53 controls after each rule's CCIs only when
# asked (--controls, or --nist-rev / --cci): valid against the schema,
# ignored when the document is read back.
F=tests/fixtures/xccdf/exch19-edge-3rules-xccdf.xml
"$STIGDIFF" normalize "$F" | grep -c nist-control
"$STIGDIFF" normalize --controls "$F" > "$TMP/c.xml"; echo "exit=$?"
grep -E '<(cci|nist-control)' "$TMP/c.xml"
xmllint --noout --relaxng xslt/normalized.rng "$TMP/c.xml" 2>&1 | sed "s|$TMP|TMP|"
"$STIGDIFF" normalize --nist-rev 4 corpus/xccdf | xmllint --noout --relaxng xslt/normalized.rng - 2>&1
"$STIGDIFF" normalize "$TMP/c.xml" | grep -c nist-control
"$STIGDIFF" diff "$F" "$TMP/c.xml"; echo "exit=$?"
"$STIGDIFF" normalize --format json --nist-rev 4 "$F" | jq -c '.benchmarks[0].rules[] | [.ccis, ."nist-controls"]'
"$STIGDIFF" normalize --format jsonl --cci tests/fixtures/cci/two-items.xml "$F" | jq -c '.rules[] | ."nist-controls".controls'
"$STIGDIFF" normalize --format json "$F" | jq -c '[.benchmarks[0].rules[] | has("nist-controls")]'
"$STIGDIFF" normalize --nist-rev 3 "$F"; echo "exit=$?"
"$STIGDIFF" normalize --cci tests/fixtures/cci/xxe.xml "$F"; echo "exit=$?"
