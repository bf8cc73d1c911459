# checklist stats --controls: per NIST SP 800-53 control of the rules'
# CCIs (a checklist records CCIs, not controls), rules by status; the same
# counts from .ckl and .cklb.
B=corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml
"$STIGDIFF" checklist new -o "$TMP/new.ckl" "$B"
sh tests/fill-checklist.sh "$TMP/new.ckl" > "$TMP/filled.ckl"
"$STIGDIFF" checklist convert -o "$TMP/filled.cklb" "$TMP/filled.ckl"
"$STIGDIFF" checklist stats --controls "$TMP/filled.ckl" | sed "s|$TMP|TMP|"; echo "exit=$?"
"$STIGDIFF" checklist stats --format json --nist-rev 4 "$TMP/filled.cklb" |
	jq -c '.stigs[0]."nist-controls" | [.revision, (.controls | length), .controls[0], ."no-control"]'
"$STIGDIFF" checklist stats --format json "$TMP/filled.ckl" | jq -c '.stigs[0] | has("nist-controls")'
"$STIGDIFF" checklist stats --cci tests/fixtures/cci/two-items.xml "$TMP/filled.cklb" | tail -n 4
"$STIGDIFF" checklist stats --nist-rev 6 "$TMP/filled.ckl"; echo "exit=$?"
