# An empty checklist for a real benchmark, in both formats: every rule
# Not_Reviewed, the structure STIG Viewer needs, identical counts.
E=corpus/xccdf/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml
"$STIGDIFF" checklist new -o "$TMP/edge.ckl" "$E"; echo "exit=$?"
"$STIGDIFF" checklist new --format cklb -o "$TMP/edge.json" "$E"; echo "exit=$?"
"$STIGDIFF" checklist check "$TMP/edge.ckl" "$TMP/edge.json" | sed "s|$TMP/||"
"$STIGDIFF" checklist stats "$TMP/edge.json" | sed "s|$TMP/||"; echo "exit=$?"
grep -c '<VULN>' "$TMP/edge.ckl"
grep -c '<STATUS>Not_Reviewed</STATUS>' "$TMP/edge.ckl"
# The same benchmark always gives the same file.
"$STIGDIFF" checklist new -o - "$E" | cmp - "$TMP/edge.ckl" && echo same
