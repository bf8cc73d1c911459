# --to, --in and --curated take one whole path per use: a comma in a file
# name is part of the name.
B=corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml
cp "$B" "$TMP/Edge 2019, V2R2.xml"
"$STIGDIFF" checklist new -o "$TMP/old.ckl" "$B"; echo "exit=$?"
"$STIGDIFF" migrate --to "$TMP/Edge 2019, V2R2.xml" -o "$TMP/new.ckl" \
	--report "$TMP/report.md" "$TMP/old.ckl"; echo "exit=$?"
grep -c '<VULN>' "$TMP/new.ckl"
