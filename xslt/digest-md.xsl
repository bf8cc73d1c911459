<?xml version="1.0" encoding="UTF-8"?>
<!--
  A library digest in Markdown, from stigdiff's digest XML (namespace
  urn:x-stigdiff:digest:1, what "stigdiff notes" writes for a library):
  the STIGs updated, added, withdrawn and unchanged between two
  states of a library; per updated STIG its releases, its counts and one
  line per rule that needs reading, CAT I first. The rule lines are those
  of the release notes (notes-md.xsl, imported).

  Parameter "title": the heading.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:g="urn:x-stigdiff:digest:1"
		xmlns:d="urn:x-stigdiff:diff:1"
		exclude-result-prefixes="g d">
<xsl:import href="notes-md.xsl"/>
<xsl:output method="text" encoding="UTF-8"/>
<xsl:param name="title" select="''"/>

<xsl:template match="/g:digest">
	<xsl:text># </xsl:text>
	<xsl:choose>
		<xsl:when test="$title != ''">
			<xsl:call-template name="md"><xsl:with-param name="s" select="$title"/></xsl:call-template>
		</xsl:when>
		<xsl:otherwise>STIG library digest</xsl:otherwise>
	</xsl:choose>
	<xsl:value-of select="concat($nl, $nl)"/>
	<xsl:text>- Old: </xsl:text>
	<xsl:call-template name="md"><xsl:with-param name="s" select="g:old"/></xsl:call-template>
	<xsl:value-of select="$nl"/>
	<xsl:text>- New: </xsl:text>
	<xsl:call-template name="md"><xsl:with-param name="s" select="g:new"/></xsl:call-template>
	<xsl:value-of select="concat($nl, $nl)"/>
	<xsl:text>| Updated | Added | Withdrawn | Unchanged |&#10;|---:|---:|---:|---:|&#10;</xsl:text>
	<xsl:for-each select="g:counts">
		<xsl:value-of select="concat('| ', @updated, ' | ', @added, ' | ', @withdrawn, ' | ', @unchanged, ' |', $nl)"/>
	</xsl:for-each>

	<xsl:value-of select="concat($nl, '## Contents', $nl, $nl)"/>
	<xsl:for-each select="g:stig[@status = 'updated']">
		<xsl:text>- [</xsl:text>
		<xsl:call-template name="md"><xsl:with-param name="s" select="@title"/></xsl:call-template>
		<xsl:value-of select="concat('](#', @line, '): ', g:old/@version, ' to ', g:new/@version, $nl)"/>
	</xsl:for-each>
	<xsl:if test="g:stig[@status != 'updated']">
		<xsl:text>- [Added, withdrawn and unchanged STIGs](#others)&#10;</xsl:text>
	</xsl:if>

	<xsl:variable name="updated" select="g:stig[@status = 'updated']"/>
	<xsl:value-of select="concat($nl, '## Updated STIGs (', count($updated), ')', $nl)"/>
	<xsl:if test="not($updated)">&#10;None.&#10;</xsl:if>
	<xsl:apply-templates select="$updated"/>

	<xsl:value-of select="concat($nl, '&lt;a id=&quot;others&quot;&gt;&lt;/a&gt;', $nl)"/>
	<xsl:call-template name="table">
		<xsl:with-param name="heading" select="'Added STIGs'"/>
		<xsl:with-param name="stigs" select="g:stig[@status = 'added']"/>
	</xsl:call-template>
	<xsl:call-template name="table">
		<xsl:with-param name="heading" select="'Withdrawn STIGs'"/>
		<xsl:with-param name="stigs" select="g:stig[@status = 'withdrawn']"/>
	</xsl:call-template>
	<xsl:call-template name="table">
		<xsl:with-param name="heading" select="'Unchanged STIGs'"/>
		<xsl:with-param name="stigs" select="g:stig[@status = 'unchanged']"/>
	</xsl:call-template>
</xsl:template>

<xsl:template match="g:stig">
	<xsl:value-of select="concat($nl, '&lt;a id=&quot;', @line, '&quot;&gt;&lt;/a&gt;', $nl, $nl, '### ')"/>
	<xsl:call-template name="md"><xsl:with-param name="s" select="@title"/></xsl:call-template>
	<xsl:value-of select="concat($nl, $nl)"/>
	<xsl:text>| | Benchmark | Release | Date | Rules |&#10;|---|---|---|---|---:|&#10;</xsl:text>
	<xsl:apply-templates select="g:old | g:new" mode="release"/>
	<xsl:for-each select="g:counts">
		<xsl:value-of select="concat($nl, '**', ../g:summary, '.** Re-check required: ', @recheck,
				      '; CAT I changes: ', @cat1, '.', $nl)"/>
	</xsl:for-each>
	<xsl:call-template name="by-rank">
		<xsl:with-param name="rules" select="d:diff/d:rule"/>
	</xsl:call-template>
</xsl:template>

<xsl:template match="g:old | g:new" mode="release">
	<xsl:value-of select="concat('| ', translate(substring(local-name(), 1, 1), 'on', 'ON'),
			      substring(local-name(), 2), ' | `', translate(@id, '`', ''), '`')"/>
	<xsl:value-of select="concat(' | ', @version, ' | ', @date, ' | ', @rules, ' |', $nl)"/>
</xsl:template>

<!-- The rules of one STIG, CAT I first, each line saying its status. -->
<xsl:template name="by-rank">
	<xsl:param name="rules"/>
	<xsl:param name="rank" select="1"/>
	<xsl:variable name="these" select="$rules[(d:new | d:old)[last()]/@rank = $rank]"/>
	<xsl:if test="$these">
		<xsl:text>&#10;#### </xsl:text>
		<xsl:choose>
			<xsl:when test="$rank = 1">CAT I</xsl:when>
			<xsl:when test="$rank = 2">CAT II</xsl:when>
			<xsl:when test="$rank = 3">CAT III</xsl:when>
			<xsl:otherwise>Severity unknown</xsl:otherwise>
		</xsl:choose>
		<xsl:value-of select="concat(' (', count($these), ')', $nl, $nl)"/>
		<xsl:for-each select="$these">
			<xsl:value-of select="concat('- ', @status, ': ')"/>
			<xsl:variable name="r" select="(d:new | d:old)[last()]"/>
			<xsl:text>**</xsl:text>
			<xsl:call-template name="md"><xsl:with-param name="s" select="$r/@stig-id"/></xsl:call-template>
			<xsl:value-of select="concat('** ', $r/@vuln-id, ': ')"/>
			<xsl:call-template name="md"><xsl:with-param name="s" select="normalize-space($r/d:title)"/></xsl:call-template>
			<xsl:apply-templates select="." mode="what"/>
			<xsl:value-of select="$nl"/>
		</xsl:for-each>
	</xsl:if>
	<xsl:if test="$rank &lt; 4">
		<xsl:call-template name="by-rank">
			<xsl:with-param name="rules" select="$rules"/>
			<xsl:with-param name="rank" select="$rank + 1"/>
		</xsl:call-template>
	</xsl:if>
</xsl:template>

<xsl:template name="table">
	<xsl:param name="heading"/>
	<xsl:param name="stigs"/>
	<xsl:value-of select="concat($nl, '## ', $heading, ' (', count($stigs), ')', $nl, $nl)"/>
	<xsl:choose>
		<xsl:when test="not($stigs)">None.&#10;</xsl:when>
		<xsl:otherwise>
			<xsl:text>| STIG | Line | Kind | Release | Date | Rules |&#10;|---|---|---|---|---|---:|&#10;</xsl:text>
			<xsl:for-each select="$stigs">
				<xsl:variable name="r" select="(g:new | g:old)[last()]"/>
				<xsl:text>| </xsl:text>
				<xsl:call-template name="md"><xsl:with-param name="s" select="@title"/></xsl:call-template>
				<xsl:value-of select="concat(' | `', @line, '` | ', @kind, ' | ', $r/@version,
						      ' | ', $r/@date, ' | ', $r/@rules, ' |', $nl)"/>
			</xsl:for-each>
		</xsl:otherwise>
	</xsl:choose>
</xsl:template>

</xsl:stylesheet>
