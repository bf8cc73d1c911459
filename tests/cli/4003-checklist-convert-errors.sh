# Bad input: one clear line, exit 2, nothing written.
cd tests/fixtures/checklist
TMP=$TMP/w
mkdir "$TMP"
"$STIGDIFF" checklist convert -o "$TMP/x.cklb" ../../../corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml; echo "exit=$?"
"$STIGDIFF" checklist convert -o "$TMP/x.cklb" all-possible-results.ckl; echo "exit=$?"
"$STIGDIFF" checklist convert -o "$TMP/x.cklb" missing.ckl; echo "exit=$?"
printf '{"stigs": {}}' > "$TMP/bad.cklb"
"$STIGDIFF" checklist convert -o "$TMP/x.ckl" "$TMP/bad.cklb" 2>&1 | sed "s|$TMP/||"
printf '<?xml version="1.0"?>\n<!DOCTYPE CHECKLIST [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<CHECKLIST><ASSET><HOST_NAME>&x;</HOST_NAME></ASSET><STIGS/></CHECKLIST>\n' > "$TMP/xxe.ckl"
"$STIGDIFF" checklist convert -o "$TMP/x.cklb" "$TMP/xxe.ckl" 2>&1 | sed "s|$TMP/||"
"$STIGDIFF" checklist convert --format xml -o "$TMP/x.cklb" html-decode.ckl; echo "exit=$?"
"$STIGDIFF" checklist convert html-decode.ckl; echo "exit=$?"
ls "$TMP"
# An existing output is kept unless --force.
echo keep > "$TMP/out.cklb"
"$STIGDIFF" checklist convert -o "$TMP/out.cklb" html-decode.ckl 2>&1 | sed "s|$TMP/||"
cat "$TMP/out.cklb"
"$STIGDIFF" checklist convert -f -o "$TMP/out.cklb" html-decode.ckl; echo "exit=$?"
head -c 1 "$TMP/out.cklb"; echo
