<?xml version="1.0" encoding="UTF-8"?>
<!--
  Release notes as one self-contained HTML page (styles inline, nothing
  fetched), from stigdiff's diff XML (namespace urn:x-stigdiff:diff:1,
  what "stigdiff diff" writes with format xml). Changed text is shown with
  the word diff inline, deletions in <del> and insertions in <ins>; the
  page prints well (struck-through and underlined, so the colours are not
  needed on paper).

  "stigdiff notes" runs this stylesheet compiled into the binary; stock
  xsltproc gives the same output from the diff XML, e.g.
  xsltproc xslt/notes-html.xsl diff.xml

  Parameter "title": the heading (default: the new release's title).
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:d="urn:x-stigdiff:diff:1"
		exclude-result-prefixes="d">
<xsl:output method="html" encoding="UTF-8" indent="no"
	    doctype-system="about:legacy-compat"/>
<xsl:param name="title" select="''"/>

<xsl:variable name="heading">
	<xsl:choose>
		<xsl:when test="$title != ''"><xsl:value-of select="$title"/></xsl:when>
		<xsl:otherwise><xsl:value-of select="/d:diff/d:new/d:title"/>: release notes</xsl:otherwise>
	</xsl:choose>
</xsl:variable>

<xsl:template match="/d:diff">
<html lang="en">
<head>
<title><xsl:value-of select="$heading"/></title>
<style>
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
       max-width: 60em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { font-size: 1.6em; margin-bottom: 0.3em; }
h2 { font-size: 1.3em; border-bottom: 1px solid #999; margin-top: 1.8em; }
h3 { font-size: 1.1em; margin-top: 1.4em; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.6em; text-align: left; }
td.n { text-align: right; }
ul.rules { padding-left: 1.2em; }
.id { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.95em; }
.cat { font-weight: bold; }
.was { color: #444; }
article { border-left: 3px solid #bbb; padding: 0.1em 0 0.1em 0.8em; margin: 1em 0; }
article h4 { margin: 0 0 0.2em; font-size: 1em; }
article .title { margin: 0 0 0.3em; font-style: italic; }
article ul { margin: 0.2em 0; }
.field { margin: 0.5em 0 0.8em; }
.field h5 { margin: 0; font-size: 0.9em; color: #333; }
.wdiff { white-space: pre-wrap; border: 1px solid #ddd; padding: 0.4em 0.6em;
	 background: #fafafa; font-size: 0.95em; }
del { background: #fdd; color: #900; text-decoration: line-through; }
ins { background: #dfd; color: #060; text-decoration: underline; }
footer { margin-top: 2em; font-size: 0.85em; color: #555; }
@media print {
	body { margin: 0; max-width: none; font-size: 10pt; }
	h2 { break-after: avoid; }
	article, tr { break-inside: avoid; }
	.wdiff { background: none; }
	del, ins { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
<header>
<h1><xsl:value-of select="$heading"/></h1>
<table class="releases">
<tr><th></th><th>Benchmark</th><th>Release</th><th>Date</th><th>Rules</th></tr>
<xsl:apply-templates select="d:old | d:new" mode="release"/>
</table>
<p class="summary"><strong>Summary:</strong><xsl:text> </xsl:text><xsl:value-of select="d:summary"/></p>
<table class="counts">
<tr><th>Added</th><th>Removed</th><th>Changed</th><th>Renumbered</th>
<th>Revision only</th><th>Cosmetic</th><th>Unchanged</th></tr>
<xsl:for-each select="d:counts">
<tr><td class="n"><xsl:value-of select="@added"/></td>
<td class="n"><xsl:value-of select="@removed"/></td>
<td class="n"><xsl:value-of select="@changed"/></td>
<td class="n"><xsl:value-of select="@renumbered"/></td>
<td class="n"><xsl:value-of select="@revised"/></td>
<td class="n"><xsl:value-of select="@cosmetic"/></td>
<td class="n"><xsl:value-of select="@unchanged"/></td></tr>
</xsl:for-each>
</table>
</header>

<xsl:call-template name="list-section">
	<xsl:with-param name="id" select="'added'"/>
	<xsl:with-param name="heading" select="'Added rules'"/>
	<xsl:with-param name="rules" select="d:rule[@status = 'added']"/>
</xsl:call-template>
<xsl:call-template name="list-section">
	<xsl:with-param name="id" select="'removed'"/>
	<xsl:with-param name="heading" select="'Removed rules'"/>
	<xsl:with-param name="rules" select="d:rule[@status = 'removed']"/>
</xsl:call-template>

<xsl:variable name="changed" select="d:rule[@status = 'changed']"/>
<section id="changed">
<h2>Changed rules (<xsl:value-of select="count($changed)"/>)</h2>
<xsl:if test="not($changed)"><p>None.</p></xsl:if>
<xsl:call-template name="by-category">
	<xsl:with-param name="rules" select="$changed"/>
</xsl:call-template>
</section>

<xsl:call-template name="list-section">
	<xsl:with-param name="id" select="'renumbered'"/>
	<xsl:with-param name="heading" select="'Renumbered rules'"/>
	<xsl:with-param name="rules" select="d:rule[@status = 'renumbered']"/>
</xsl:call-template>

<xsl:variable name="revised" select="d:rule[@status = 'revised']"/>
<xsl:variable name="cosmetic" select="d:rule[@status = 'cosmetic']"/>
<xsl:if test="$revised | $cosmetic">
<section id="other">
<h2>Other updates</h2>
<xsl:if test="$revised">
<p>Revision only (DISA bookkeeping: rule revision, check and fix ids; the
text is the same), <xsl:value-of select="count($revised)"/>:
<xsl:apply-templates select="$revised" mode="id-list"/></p>
</xsl:if>
<xsl:if test="$cosmetic">
<p>Cosmetic changes only (spacing, quotes),
<xsl:value-of select="count($cosmetic)"/>:
<xsl:apply-templates select="$cosmetic" mode="id-list"/></p>
</xsl:if>
</section>
</xsl:if>
<footer>Generated by stigdiff from the two releases' XCCDF.</footer>
</body>
</html>
</xsl:template>

<xsl:template match="d:old | d:new" mode="release">
<tr><th><xsl:value-of select="translate(substring(local-name(), 1, 1), 'on', 'ON')"/><xsl:value-of select="substring(local-name(), 2)"/></th>
<td class="id"><xsl:value-of select="@id"/></td>
<td><xsl:value-of select="@version"/></td>
<td><xsl:value-of select="@date"/></td>
<td class="n"><xsl:value-of select="@rules"/></td></tr>
</xsl:template>

<xsl:template name="list-section">
	<xsl:param name="id"/>
	<xsl:param name="heading"/>
	<xsl:param name="rules"/>
<section id="{$id}">
<h2><xsl:value-of select="$heading"/> (<xsl:value-of select="count($rules)"/>)</h2>
<xsl:choose>
<xsl:when test="not($rules)"><p>None.</p></xsl:when>
<xsl:otherwise>
<ul class="rules">
<xsl:apply-templates select="$rules" mode="item">
	<xsl:sort select="(d:new | d:old)[last()]/@rank" data-type="number"/>
</xsl:apply-templates>
</ul>
</xsl:otherwise>
</xsl:choose>
</section>
</xsl:template>

<!-- Names: STIG ID, Vuln ID and category of a rule (its new side). -->
<xsl:template name="names">
	<xsl:variable name="r" select="(d:new | d:old)[last()]"/>
	<span class="id"><strong><xsl:value-of select="$r/@stig-id"/></strong></span>
	<xsl:text> </xsl:text>
	<span class="id"><xsl:value-of select="$r/@vuln-id"/></span>
	<xsl:if test="$r/@category">
		<xsl:text> </xsl:text>
		<span class="cat"><xsl:value-of select="$r/@category"/></span>
	</xsl:if>
</xsl:template>

<xsl:template match="d:rule" mode="item">
<li><xsl:call-template name="names"/>: <xsl:value-of select="(d:new | d:old)[last()]/d:title"/>
<xsl:call-template name="was"/></li>
</xsl:template>

<xsl:template name="was">
	<xsl:variable name="o" select="d:old"/>
	<xsl:variable name="n" select="d:new"/>
	<xsl:if test="$o and $n and ($o/@vuln-id != $n/@vuln-id or $o/@stig-id != $n/@stig-id
		      or substring-before($o/@rule-id, 'r') != substring-before($n/@rule-id, 'r'))">
		<span class="was">
		<xsl:value-of select="concat(' (was ', $o/@vuln-id, ' ', substring-before(concat($o/@rule-id, 'r'), 'r'))"/>
		<xsl:if test="$o/@stig-id != $n/@stig-id">
			<xsl:value-of select="concat(' ', $o/@stig-id)"/>
		</xsl:if>
		<xsl:if test="@evidence != 'vuln-id'">
			<xsl:value-of select="concat('; paired by ', @evidence, ' ', @evidence-value)"/>
		</xsl:if>
		<xsl:text>)</xsl:text>
		</span>
	</xsl:if>
</xsl:template>

<xsl:template name="by-category">
	<xsl:param name="rules"/>
	<xsl:param name="rank" select="1"/>
	<xsl:variable name="these" select="$rules[d:new/@rank = $rank]"/>
	<xsl:if test="$these">
<h3><xsl:choose>
	<xsl:when test="$rank = 1">CAT I</xsl:when>
	<xsl:when test="$rank = 2">CAT II</xsl:when>
	<xsl:when test="$rank = 3">CAT III</xsl:when>
	<xsl:otherwise>Severity unknown</xsl:otherwise>
</xsl:choose> (<xsl:value-of select="count($these)"/>)</h3>
<xsl:apply-templates select="$these" mode="article"/>
	</xsl:if>
	<xsl:if test="$rank &lt; 4">
		<xsl:call-template name="by-category">
			<xsl:with-param name="rules" select="$rules"/>
			<xsl:with-param name="rank" select="$rank + 1"/>
		</xsl:call-template>
	</xsl:if>
</xsl:template>

<!-- A changed rule: what changed in one line each, then the word diffs. -->
<xsl:template match="d:rule" mode="article">
<article>
<h4><xsl:call-template name="names"/><xsl:call-template name="was"/></h4>
<p class="title"><xsl:value-of select="d:new/d:title"/></p>
<ul>
<xsl:for-each select="d:change[@role = 'content']">
<li><xsl:value-of select="d:note"/></li>
</xsl:for-each>
</ul>
<xsl:for-each select="d:change[@role = 'content' and @kind = 'text']">
<div class="field"><h5><xsl:value-of select="@label"/></h5>
<div class="wdiff"><xsl:apply-templates select="d:diff/*"/></div></div>
</xsl:for-each>
</article>
</xsl:template>

<xsl:template match="d:eq"><xsl:value-of select="."/></xsl:template>
<xsl:template match="d:del"><del><xsl:value-of select="."/></del></xsl:template>
<xsl:template match="d:ins"><ins><xsl:value-of select="."/></ins></xsl:template>

<xsl:template match="d:rule" mode="id-list">
	<xsl:variable name="r" select="(d:new | d:old)[last()]"/>
	<xsl:if test="position() > 1">, </xsl:if>
	<span class="id"><xsl:value-of select="$r/@stig-id"/></span>
	<xsl:value-of select="concat(' (', $r/@vuln-id, ')')"/>
</xsl:template>

</xsl:stylesheet>
