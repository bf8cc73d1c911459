# A CCI change shows the NIST SP 800-53 controls it changes (rev 5 unless
# --nist-rev 4) in every diff format and in the release notes; --cci
# reads another list; the list is read only when some CCI changed.
O=tests/fixtures/diff/old.xml N=tests/fixtures/diff/new.xml
"$STIGDIFF" diff --only changed --nist-rev 4 "$O" "$N" | grep CCI; echo "exit=$?"
"$STIGDIFF" diff --format json "$O" "$N" | jq -c '.rules[].changes[] | select(.field == "ccis") | .controls'
"$STIGDIFF" diff --format xml "$O" "$N" | xmllint --xpath '//*[local-name()="controls"]' - ; echo
"$STIGDIFF" notes --format html "$O" "$N" | grep -o 'CCIs changed[^<]*'
# Under a list without CCI-000366 the added CCI maps to nothing new.
"$STIGDIFF" diff --cci tests/fixtures/cci/two-items.xml "$O" "$N" | grep CCI
"$STIGDIFF" diff --cci tests/fixtures/cci/malformed.xml "$O" "$N"; echo "exit=$?"
"$STIGDIFF" notes --nist-rev 3 "$O" "$N"; echo "exit=$?"
# No CCI change: a broken --cci is never read.
"$STIGDIFF" diff --cci tests/fixtures/cci/malformed.xml "$O" "$O"; echo "exit=$?"
# --consecutive --format json: each pair's CCI changes carry controls.
mkdir "$TMP/e19" && cp corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V*_Manual-xccdf.xml "$TMP/e19"
"$STIGDIFF" diff --consecutive --format json "$TMP/e19" |
	jq -c '.pairs[] | [.new.version, [.rules[].changes[] | select(.field == "ccis") | .controls | .revision, .added, .removed]]'
"$STIGDIFF" diff --consecutive --format json --cci tests/fixtures/cci/malformed.xml "$TMP/e19"; echo "exit=$?"
