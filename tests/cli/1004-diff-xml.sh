# The XML form (input of the stylesheets): one changed rule, and a check
# that the document is well-formed with every rule present.
"$STIGDIFF" diff --format xml --only changed corpus/xccdf/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R5_Manual-xccdf.xml \
	corpus/xccdf/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml
echo "exit=$?"
"$STIGDIFF" diff --format xml tests/fixtures/diff/old.xml tests/fixtures/diff/new.xml > "$TMP/d.xml"
xmllint --noout "$TMP/d.xml" && echo well-formed
xmllint --xpath 'count(//*[local-name()="rule"])' "$TMP/d.xml"; echo
