# The stylesheets give the same notes under stock xsltproc as in stigdiff.
OLD=corpus/xccdf/U_MS_Exchange_2013_Mailbox_STIG_V1R2_Manual-xccdf.xml
NEW=corpus/xccdf/U_MS_Exchange_2013_Mailbox_STIG_V2R1_Manual-xccdf.xml
"$STIGDIFF" diff --format xml "$OLD" "$NEW" > "$TMP/d.xml"
echo "exit=$?"
for f in md html; do
	"$STIGDIFF" notes --format $f "$OLD" "$NEW" > "$TMP/notes.$f"
	xsltproc xslt/notes-$f.xsl "$TMP/d.xml" > "$TMP/xsltproc.$f"
	cmp "$TMP/notes.$f" "$TMP/xsltproc.$f" && echo "$f: same"
	"$STIGDIFF" diff --format $f --title 'T & "Q"' "$OLD" "$NEW" > "$TMP/notes.$f"
	xsltproc --stringparam title 'T & "Q"' xslt/notes-$f.xsl "$TMP/d.xml" > "$TMP/xsltproc.$f"
	cmp "$TMP/notes.$f" "$TMP/xsltproc.$f" && echo "$f with title: same"
done
# STIGDIFF_XSLT_DIR: the stylesheets are read from there instead.
mkdir "$TMP/xslt" && sed 's/release notes/NOTES FROM DIR/' xslt/notes-md.xsl > "$TMP/xslt/notes-md.xsl"
STIGDIFF_XSLT_DIR="$TMP/xslt" "$STIGDIFF" notes "$OLD" "$NEW" | head -1
