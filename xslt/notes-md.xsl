<?xml version="1.0" encoding="UTF-8"?>
<!--
  Release notes in Markdown, from stigdiff's diff XML (namespace
  urn:x-stigdiff:diff:1, what "stigdiff diff" writes with format xml).
  "stigdiff notes" runs this stylesheet compiled into the binary; stock
  xsltproc gives the same output from the diff XML, e.g.
  xsltproc xslt/notes-md.xsl diff.xml

  Parameter "title": the heading (default: the new release's title).
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:d="urn:x-stigdiff:diff:1"
		exclude-result-prefixes="d">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:param name="title" select="''"/>

<xsl:variable name="nl" select="'&#10;'"/>
<xsl:variable name="md-special" select="'\`*_[]&lt;&gt;|#'"/>

<xsl:template match="/d:diff">
	<xsl:text># </xsl:text>
	<xsl:call-template name="md">
		<xsl:with-param name="s">
			<xsl:choose>
				<xsl:when test="$title != ''"><xsl:value-of select="$title"/></xsl:when>
				<xsl:otherwise><xsl:value-of select="d:new/d:title"/>: release notes</xsl:otherwise>
			</xsl:choose>
		</xsl:with-param>
	</xsl:call-template>
	<xsl:value-of select="concat($nl, $nl)"/>
	<xsl:text>| | Benchmark | Release | Date | Rules |&#10;|---|---|---|---|---:|&#10;</xsl:text>
	<xsl:apply-templates select="d:old | d:new" mode="release"/>
	<xsl:value-of select="concat($nl, '**Summary:** ', d:summary, $nl, $nl)"/>
	<xsl:text>| Added | Removed | Changed | Renumbered | Revision only | Cosmetic | Unchanged |&#10;</xsl:text>
	<xsl:text>|---:|---:|---:|---:|---:|---:|---:|&#10;</xsl:text>
	<xsl:for-each select="d:counts">
		<xsl:value-of select="concat('| ', @added, ' | ', @removed, ' | ', @changed,
				      ' | ', @renumbered, ' | ', @revised, ' | ', @cosmetic,
				      ' | ', @unchanged, ' |', $nl)"/>
	</xsl:for-each>

	<xsl:call-template name="section">
		<xsl:with-param name="heading" select="'Added rules'"/>
		<xsl:with-param name="rules" select="d:rule[@status = 'added']"/>
	</xsl:call-template>
	<xsl:call-template name="section">
		<xsl:with-param name="heading" select="'Removed rules'"/>
		<xsl:with-param name="rules" select="d:rule[@status = 'removed']"/>
	</xsl:call-template>

	<xsl:variable name="changed" select="d:rule[@status = 'changed']"/>
	<xsl:value-of select="concat($nl, '## Changed rules (', count($changed), ')', $nl)"/>
	<xsl:if test="not($changed)">&#10;None.&#10;</xsl:if>
	<xsl:call-template name="by-category">
		<xsl:with-param name="rules" select="$changed"/>
	</xsl:call-template>

	<xsl:call-template name="section">
		<xsl:with-param name="heading" select="'Renumbered rules'"/>
		<xsl:with-param name="rules" select="d:rule[@status = 'renumbered']"/>
	</xsl:call-template>

	<xsl:variable name="revised" select="d:rule[@status = 'revised']"/>
	<xsl:variable name="cosmetic" select="d:rule[@status = 'cosmetic']"/>
	<xsl:if test="$revised | $cosmetic">
		<xsl:value-of select="concat($nl, '## Other updates', $nl, $nl)"/>
		<xsl:if test="$revised">
			<xsl:value-of select="concat('- Revision only (DISA bookkeeping: rule revision, check and fix ids; the text is the same), ', count($revised), ': ')"/>
			<xsl:apply-templates select="$revised" mode="id-list"/>
			<xsl:value-of select="$nl"/>
		</xsl:if>
		<xsl:if test="$cosmetic">
			<xsl:value-of select="concat('- Cosmetic changes only (spacing, quotes), ', count($cosmetic), ': ')"/>
			<xsl:apply-templates select="$cosmetic" mode="id-list"/>
			<xsl:value-of select="$nl"/>
		</xsl:if>
	</xsl:if>
</xsl:template>

<xsl:template match="d:old | d:new" mode="release">
	<xsl:value-of select="concat('| ', translate(substring(local-name(), 1, 1), 'on', 'ON'),
			      substring(local-name(), 2), ' | `', translate(@id, '`', ''), '`')"/>
	<xsl:value-of select="concat(' | ', @version, ' | ', @date, ' | ', @rules, ' |', $nl)"/>
</xsl:template>

<xsl:template name="section">
	<xsl:param name="heading"/>
	<xsl:param name="rules"/>
	<xsl:value-of select="concat($nl, '## ', $heading, ' (', count($rules), ')', $nl, $nl)"/>
	<xsl:if test="not($rules)">None.&#10;</xsl:if>
	<xsl:apply-templates select="$rules">
		<xsl:sort select="(d:new | d:old)[last()]/@rank" data-type="number"/>
	</xsl:apply-templates>
</xsl:template>

<!-- Changed rules under CAT I, CAT II, CAT III, then unknown severity. -->
<xsl:template name="by-category">
	<xsl:param name="rules"/>
	<xsl:param name="rank" select="1"/>
	<xsl:variable name="these" select="$rules[d:new/@rank = $rank]"/>
	<xsl:if test="$these">
		<xsl:text>&#10;### </xsl:text>
		<xsl:choose>
			<xsl:when test="$rank = 1">CAT I</xsl:when>
			<xsl:when test="$rank = 2">CAT II</xsl:when>
			<xsl:when test="$rank = 3">CAT III</xsl:when>
			<xsl:otherwise>Severity unknown</xsl:otherwise>
		</xsl:choose>
		<xsl:value-of select="concat(' (', count($these), ')', $nl, $nl)"/>
		<xsl:apply-templates select="$these"/>
	</xsl:if>
	<xsl:if test="$rank &lt; 4">
		<xsl:call-template name="by-category">
			<xsl:with-param name="rules" select="$rules"/>
			<xsl:with-param name="rank" select="$rank + 1"/>
		</xsl:call-template>
	</xsl:if>
</xsl:template>

<!-- One rule, one line: STIG ID, Vuln ID, category, title, what changed. -->
<xsl:template match="d:rule">
	<xsl:variable name="r" select="(d:new | d:old)[last()]"/>
	<xsl:text>- **</xsl:text>
	<xsl:call-template name="md">
		<xsl:with-param name="s" select="$r/@stig-id"/>
	</xsl:call-template>
	<xsl:value-of select="concat('** ', $r/@vuln-id)"/>
	<xsl:if test="$r/@category and @status != 'changed'">
		<xsl:value-of select="concat(' (', $r/@category, ')')"/>
	</xsl:if>
	<xsl:text>: </xsl:text>
	<xsl:call-template name="md">
		<xsl:with-param name="s" select="normalize-space($r/d:title)"/>
	</xsl:call-template>
	<xsl:apply-templates select="." mode="what"/>
	<xsl:value-of select="$nl"/>
</xsl:template>

<xsl:template match="d:rule" mode="what"/>

<xsl:template match="d:rule[@status = 'changed']" mode="what">
	<xsl:text> &#8212; </xsl:text>
	<xsl:for-each select="d:change[@role = 'content']">
		<xsl:if test="position() > 1">; </xsl:if>
		<xsl:call-template name="md">
			<xsl:with-param name="s" select="d:note"/>
		</xsl:call-template>
	</xsl:for-each>
	<xsl:text>.</xsl:text>
	<xsl:call-template name="was"/>
</xsl:template>

<xsl:template match="d:rule[@status = 'renumbered']" mode="what">
	<xsl:text> &#8212;</xsl:text>
	<xsl:call-template name="was"/>
</xsl:template>

<!-- " Was V-1 (SV-1, EX-1), paired by legacy-id V-1." when ids changed. -->
<xsl:template name="was">
	<xsl:variable name="o" select="d:old"/>
	<xsl:variable name="n" select="d:new"/>
	<xsl:if test="$o/@vuln-id != $n/@vuln-id or $o/@stig-id != $n/@stig-id
		      or substring-before($o/@rule-id, 'r') != substring-before($n/@rule-id, 'r')">
		<xsl:value-of select="concat(' Was ', $o/@vuln-id, ' ', substring-before(concat($o/@rule-id, 'r'), 'r'))"/>
		<xsl:if test="$o/@stig-id != $n/@stig-id">
			<xsl:text> </xsl:text>
			<xsl:call-template name="md">
				<xsl:with-param name="s" select="$o/@stig-id"/>
			</xsl:call-template>
		</xsl:if>
		<xsl:if test="@evidence != 'vuln-id'">
			<xsl:value-of select="concat(', paired by ', @evidence, ' ', @evidence-value)"/>
		</xsl:if>
		<xsl:text>.</xsl:text>
	</xsl:if>
</xsl:template>

<xsl:template match="d:rule" mode="id-list">
	<xsl:variable name="r" select="(d:new | d:old)[last()]"/>
	<xsl:if test="position() > 1">, </xsl:if>
	<xsl:call-template name="md">
		<xsl:with-param name="s" select="$r/@stig-id"/>
	</xsl:call-template>
	<xsl:value-of select="concat(' (', $r/@vuln-id, ')')"/>
</xsl:template>

<!-- Text with Markdown's special characters escaped. -->
<xsl:template name="md">
	<xsl:param name="s"/>
	<xsl:choose>
		<xsl:when test="translate($s, $md-special, '') = $s">
			<xsl:value-of select="$s"/>
		</xsl:when>
		<xsl:otherwise>
			<xsl:variable name="c" select="substring($s, 1, 1)"/>
			<xsl:if test="contains($md-special, $c)">\</xsl:if>
			<xsl:value-of select="$c"/>
			<xsl:call-template name="md">
				<xsl:with-param name="s" select="substring($s, 2)"/>
			</xsl:call-template>
		</xsl:otherwise>
	</xsl:choose>
</xsl:template>

</xsl:stylesheet>
