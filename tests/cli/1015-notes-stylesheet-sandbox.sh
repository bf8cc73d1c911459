# A user's stylesheet runs (EXSLT available), but may not write files or
# reach the network; a broken or missing one is a clear error.
OLD=$PWD/tests/fixtures/diff/old.xml NEW=$PWD/tests/fixtures/diff/new.xml
run() {
	"$STIGDIFF" notes --stylesheet "$@" "$OLD" "$NEW" > "$TMP/o" 2>&1
	echo "exit=$?"
	sed "s|$TMP|TMP|g" "$TMP/o"
}
cat > "$TMP/count.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:d="urn:x-stigdiff:diff:1" xmlns:str="http://exslt.org/strings">
<xsl:output method="text"/>
<xsl:template match="/"><xsl:value-of select="str:padding(3, '*')"/> changed: <xsl:value-of select="count(//d:rule[@status='changed'])"/><xsl:text>&#10;</xsl:text>
<xsl:message>counted</xsl:message>
</xsl:template>
</xsl:stylesheet>
XSL
run "$TMP/count.xsl"
cat > "$TMP/write.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
<xsl:template match="/"><exsl:document href="written.txt">x</exsl:document></xsl:template>
</xsl:stylesheet>
XSL
(cd "$TMP" && run write.xsl)
ls "$TMP" | grep -c written
cat > "$TMP/net.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/"><xsl:copy-of select="document('http://127.0.0.1:9/x.xml')"/></xsl:template>
</xsl:stylesheet>
XSL
run "$TMP/net.xsl"
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/">' > "$TMP/broken.xsl"
run "$TMP/broken.xsl"
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:bogus/></xsl:template></xsl:stylesheet>' > "$TMP/bogus.xsl"
run "$TMP/bogus.xsl"
run "$TMP/none.xsl"
