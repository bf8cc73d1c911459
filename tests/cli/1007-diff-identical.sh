# The same release twice: no changes, exit 0; so is a release against its
# own normalized form.
F=corpus/xccdf/U_MS_Exchange_2013_CAS_STIG_V2R2_Manual-xccdf.xml
"$STIGDIFF" diff "$F" "$F"
echo "exit=$?"
"$STIGDIFF" normalize -o "$TMP/n.xml" "$F" && "$STIGDIFF" diff "$F" "$TMP/n.xml"
echo "exit=$?"
