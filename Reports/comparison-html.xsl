<?xml version="1.0" encoding="UTF-8"?>
<!--
  Crossroads: a comparison of two takes (urn:crossroads:comparison:1, Reports/comparison.xsd) as one
  self-contained, printable HTML page. The tool (compare, and take with its compare option, in the html
  format) applies it with libxslt; with xsltproc:

      xsltproc Reports/comparison-html.xsl comparison.xml > comparison.html

  Safety first: every concern raised in either take comes before anything else, and one that is no
  longer raised is never shown as safe. Each scale is a pair of inline SVG bars (then and now) whose
  accessible name says both scores, the direction and the bands in words. No script, nothing loaded.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:c="urn:crossroads:comparison:1"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="c">

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="yes"
      doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:apply-templates select="c:comparison"/>
  </xsl:template>

  <xsl:template match="c:comparison">
    <html lang="en" xml:lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy"
            content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="referrer" content="no-referrer"/>
        <title>
          <xsl:text>Comparing two takes (</xsl:text>
          <xsl:value-of select="c:earlier/@date"/>
          <xsl:text> and </xsl:text>
          <xsl:value-of select="c:later/@date"/>
          <xsl:text>)</xsl:text>
        </title>
        <style>
body { margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: 44rem; line-height: 1.5; color: #1b1b1b; background: #ffffff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1.25rem 0 0.5rem; }
h2 { font-size: 1.25rem; margin: 1.75rem 0 0.5rem; border-bottom: 2px solid #5c5c5c; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.3rem; }
p { margin: 0.4rem 0; }
.safety { border: 3px solid #1b1b1b; border-left-width: 12px; padding: 0.25rem 1rem 0.75rem; margin: 0 0 1.5rem; }
.emergency { font-weight: 700; }
.scale { margin: 1rem 0; padding-bottom: 0.5rem; border-bottom: 1px solid #8a8a8a; }
.pair svg { width: 22rem; max-width: 100%; height: auto; }
.track { fill: #ffffff; stroke: #1b1b1b; stroke-width: 1.5; }
.then { fill: #8a8a8a; }
.now { fill: #1f5f8b; }
.marker { fill: #1b1b1b; }
.label { font-size: 12px; fill: #1b1b1b; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border: 1px solid #8a8a8a; }
blockquote { margin: 0; white-space: pre-wrap; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h1, h2, h3 { break-after: avoid; }
  .scale, tr, .safety { break-inside: avoid; }
}
        </style>
      </head>
      <body>
        <xsl:if test="c:safety/@concern = 'true'">
          <section class="safety" aria-labelledby="safety-heading">
            <h1 id="safety-heading">Before anything else: your safety</h1>
            <xsl:if test="c:safety/c:concern[@later = 'true' and @earlier = 'false']">
              <h2>New in the later take</h2>
              <ul>
                <xsl:for-each select="c:safety/c:concern[@later = 'true' and @earlier = 'false']">
                  <li><xsl:value-of select="."/></li>
                </xsl:for-each>
              </ul>
            </xsl:if>
            <xsl:if test="c:safety/c:concern[@later = 'true' and @earlier = 'true']">
              <h2>Raised in both takes</h2>
              <ul>
                <xsl:for-each select="c:safety/c:concern[@later = 'true' and @earlier = 'true']">
                  <li><xsl:value-of select="."/></li>
                </xsl:for-each>
              </ul>
            </xsl:if>
            <xsl:if test="c:safety/c:concern[@later = 'false']">
              <h2>Raised in the earlier take, not in the later one</h2>
              <ul>
                <xsl:for-each select="c:safety/c:concern[@later = 'false']">
                  <li><xsl:value-of select="."/></li>
                </xsl:for-each>
              </ul>
              <p><strong><xsl:value-of select="c:safety/c:no-longer-raised"/></strong></p>
            </xsl:if>
            <xsl:for-each select="c:safety/c:note">
              <p><xsl:value-of select="."/></p>
            </xsl:for-each>
            <p class="emergency"><xsl:value-of select="c:safety/c:emergency"/></p>
          </section>
        </xsl:if>
        <main>
          <h1>Comparing two takes</h1>
          <p>
            <xsl:text>Earlier: </xsl:text>
            <xsl:value-of select="c:earlier/@date"/>
            <xsl:text>, version </xsl:text>
            <xsl:value-of select="c:earlier/@assessment-version"/>
            <xsl:text>. Later: </xsl:text>
            <xsl:value-of select="c:later/@date"/>
            <xsl:text>, version </xsl:text>
            <xsl:value-of select="c:later/@assessment-version"/>
            <xsl:text>.</xsl:text>
          </p>
          <h2>The result then and now</h2>
          <p>
            <xsl:text>Then (</xsl:text><xsl:value-of select="c:earlier/@date"/><xsl:text>): </xsl:text>
            <strong><xsl:value-of select="c:earlier/c:outcome"/></strong>
          </p>
          <p>
            <xsl:text>Now (</xsl:text><xsl:value-of select="c:later/@date"/><xsl:text>): </xsl:text>
            <strong><xsl:value-of select="c:later/c:outcome"/></strong>
          </p>
          <p>
            <xsl:choose>
              <xsl:when test="c:outcome/@changed = 'true'">The result has changed.</xsl:when>
              <xsl:otherwise>The result is the same.</xsl:otherwise>
            </xsl:choose>
          </p>
          <xsl:if test="c:scales/c:scale">
            <h2>How the scores moved</h2>
            <xsl:apply-templates select="c:scales/c:scale"/>
          </xsl:if>
          <h2>Answers that changed on the questions behind the result</h2>
          <xsl:choose>
            <xsl:when test="not(c:changed-answers/c:answer)">
              <p>None of the answers behind the result changed.</p>
            </xsl:when>
            <xsl:otherwise>
              <table>
                <thead><tr><th scope="col">Question</th><th scope="col">Then</th><th scope="col">Now</th></tr></thead>
                <tbody>
                  <xsl:for-each select="c:changed-answers/c:answer">
                    <tr>
                      <td><xsl:value-of select="c:question"/></td>
                      <td><xsl:value-of select="c:earlier"/></td>
                      <td><xsl:value-of select="c:later"/></td>
                    </tr>
                  </xsl:for-each>
                </tbody>
              </table>
            </xsl:otherwise>
          </xsl:choose>
          <h2>In your own words, then and now</h2>
          <xsl:choose>
            <xsl:when test="not(c:notes/c:note)">
              <p>Neither take has notes in your own words.</p>
            </xsl:when>
            <xsl:otherwise>
              <table>
                <thead><tr><th scope="col">Question</th><th scope="col">Then</th><th scope="col">Now</th></tr></thead>
                <tbody>
                  <xsl:for-each select="c:notes/c:note">
                    <tr>
                      <td><xsl:value-of select="c:question"/></td>
                      <td><xsl:call-template name="words"><xsl:with-param name="words" select="c:earlier"/></xsl:call-template></td>
                      <td><xsl:call-template name="words"><xsl:with-param name="words" select="c:later"/></xsl:call-template></td>
                    </tr>
                  </xsl:for-each>
                </tbody>
              </table>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="c:not-compared/c:entry">
            <h2>What could not be compared</h2>
            <ul>
              <xsl:for-each select="c:not-compared/c:entry">
                <li><xsl:value-of select="."/></li>
              </xsl:for-each>
            </ul>
          </xsl:if>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="words">
    <xsl:param name="words"/>
    <xsl:choose>
      <xsl:when test="$words"><blockquote><p><xsl:value-of select="$words"/></p></blockquote></xsl:when>
      <xsl:otherwise>(no note)</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="c:scale">
    <xsl:variable name="direction">
      <xsl:choose>
        <xsl:when test="@direction = 'up'">up</xsl:when>
        <xsl:when test="@direction = 'down'">down</xsl:when>
        <xsl:when test="@direction = 'same'">no change</xsl:when>
        <xsl:otherwise>can't say which way: not scored in both takes</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="label">
      <xsl:value-of select="c:title"/>
      <xsl:text>: then </xsl:text>
      <xsl:call-template name="state"><xsl:with-param name="state" select="c:earlier"/></xsl:call-template>
      <xsl:text>, now </xsl:text>
      <xsl:call-template name="state"><xsl:with-param name="state" select="c:later"/></xsl:call-template>
      <xsl:text>; </xsl:text>
      <xsl:value-of select="$direction"/>
      <xsl:if test="@crossed-band = 'true'">, crossed into another band</xsl:if>
    </xsl:variable>
    <div class="scale">
      <h3><xsl:value-of select="c:title"/></h3>
      <div class="pair">
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 352 56" width="352" height="56" role="img"
            aria-label="{$label}" focusable="false">
          <title><xsl:value-of select="$label"/></title>
          <text class="label" x="0" y="18">Then</text>
          <rect class="track" x="46" y="6" width="300" height="16"/>
          <xsl:if test="c:earlier/@normalised">
            <rect class="then" x="46" y="6" width="{round(c:earlier/@normalised * 300)}" height="16"/>
            <rect class="marker" x="{44 + round(c:earlier/@normalised * 300)}" y="3" width="4" height="22"/>
          </xsl:if>
          <text class="label" x="0" y="46">Now</text>
          <rect class="track" x="46" y="34" width="300" height="16"/>
          <xsl:if test="c:later/@normalised">
            <rect class="now" x="46" y="34" width="{round(c:later/@normalised * 300)}" height="16"/>
            <rect class="marker" x="{44 + round(c:later/@normalised * 300)}" y="31" width="4" height="22"/>
          </xsl:if>
        </svg>
      </div>
      <p>
        <xsl:text>Then </xsl:text>
        <xsl:call-template name="state"><xsl:with-param name="state" select="c:earlier"/></xsl:call-template>
        <xsl:text>, now </xsl:text>
        <xsl:call-template name="state"><xsl:with-param name="state" select="c:later"/></xsl:call-template>
        <xsl:text>, on a range from </xsl:text>
        <xsl:value-of select="c:later/@minimum"/>
        <xsl:text> to </xsl:text>
        <xsl:value-of select="c:later/@maximum"/>
        <xsl:text>: </xsl:text>
        <strong><xsl:value-of select="$direction"/></strong>
        <xsl:text>.</xsl:text>
      </p>
      <xsl:if test="c:earlier/c:band-label and c:later/c:band-label">
        <p>
          <xsl:choose>
            <xsl:when test="@crossed-band = 'true'">
              <xsl:text>Band: “</xsl:text><xsl:value-of select="c:earlier/c:band-label"/>
              <xsl:text>” then, “</xsl:text><xsl:value-of select="c:later/c:band-label"/>
              <xsl:text>” now </xsl:text><strong>(crossed into another band)</strong><xsl:text>.</xsl:text>
            </xsl:when>
            <xsl:otherwise>
              <xsl:text>Band: “</xsl:text><xsl:value-of select="c:later/c:band-label"/><xsl:text>” both times.</xsl:text>
            </xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template name="state">
    <xsl:param name="state"/>
    <xsl:choose>
      <xsl:when test="$state/@score">
        <xsl:value-of select="$state/@score"/>
        <xsl:text> (</xsl:text>
        <xsl:value-of select="$state/@percent"/>
        <xsl:text>%)</xsl:text>
      </xsl:when>
      <xsl:otherwise>not scored</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
