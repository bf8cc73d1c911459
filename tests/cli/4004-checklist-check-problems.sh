# The structural check names each problem: missing STIG_DATA and
# assessment elements, a status outside the vocabulary, a rule twice.
cat > "$TMP/bad.ckl" <<'X'
<CHECKLIST><ASSET><HOST_NAME>h</HOST_NAME></ASSET><STIGS><iSTIG>
<STIG_INFO><SI_DATA><SID_NAME>stigid</SID_NAME><SID_DATA>Demo</SID_DATA></SI_DATA></STIG_INFO>
<VULN><STIG_DATA><VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE><ATTRIBUTE_DATA>V-1</ATTRIBUTE_DATA></STIG_DATA>
<STATUS>Passed</STATUS><FINDING_DETAILS/><COMMENTS/><SEVERITY_OVERRIDE/><SEVERITY_JUSTIFICATION/></VULN>
<VULN><STIG_DATA><VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE><ATTRIBUTE_DATA>V-1</ATTRIBUTE_DATA></STIG_DATA></VULN>
</iSTIG></STIGS></CHECKLIST>
X
cd "$TMP" && "$STIGDIFF" checklist check bad.ckl; echo "exit=$?"
"$STIGDIFF" checklist stats bad.ckl; echo "exit=$?"
