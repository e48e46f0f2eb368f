<?xml version="1.0" encoding="UTF-8"?>
<!--
  Crossroads: an XML report (urn:crossroads:report:1, Reports/report.xsd) as one self-contained,
  printable HTML page, to bring to a friend or a therapist.

  The tool (score, take and compare, in the html format) applies this stylesheet with libxslt; anyone
  can make the same page from a saved XML report with

      xsltproc Reports/report-html.xsl report.xml > report.html

  Everything on the page comes from the report, except a few sentences the page says in its own voice
  (headings, and the same few sentences the text report says in its own). The page:
  - opens with the safety section whenever the report has a safety concern, as the text report does,
    with the helplines as tel: links;
  - keeps its first printed page short (result, safety, the three questions most worth discussing),
    with the details after a page break;
  - draws each scale as an inline SVG bar with its range, its band in words and its status, so colour
    never carries meaning alone;
  - has no script and loads nothing: a Content-Security-Policy forbids everything but inline style and
    data: images. Text from the report (the person's own words too) is always escaped.

  It is written as XHTML-compatible HTML (polyglot markup) so that an XML parser can check it.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:r="urn:crossroads:report:1"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="r">

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="yes"
      doctype-system="about:legacy-compat"/>

  <!-- Put before every id the page makes, so that many pages can share one document (crossroads batch
       with the html format); empty for a page of its own. -->
  <xsl:param name="id-prefix" select="''"/>

  <xsl:key name="item" match="r:items/r:item" use="@id"/>
  <xsl:key name="flag" match="r:flags/r:flag" use="@id"/>
  <xsl:key name="scale" match="r:scales/r:scale" use="@id"/>

  <!-- ===== The page ===== -->

  <xsl:template match="/">
    <xsl:apply-templates select="r:report"/>
  </xsl:template>

  <xsl:template match="r:report">
    <xsl:variable name="language" select="r:provenance/r:assessment/@language"/>
    <html lang="{$language}" xml:lang="{$language}">
      <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy"
            content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="referrer" content="no-referrer"/>
        <title>
          <xsl:value-of select="r:provenance/r:assessment/r:title"/>
          <xsl:text> (your reflection report, </xsl:text>
          <xsl:value-of select="r:provenance/@date"/>
          <xsl:text>)</xsl:text>
        </title>
        <xsl:call-template name="style"/>
      </head>
      <body>
        <xsl:if test="r:safety/@concern = 'true'">
          <xsl:call-template name="safety"/>
        </xsl:if>
        <main>
          <section class="summary" aria-labelledby="{$id-prefix}summary-heading">
            <h1 id="{$id-prefix}summary-heading"><xsl:value-of select="r:provenance/r:assessment/r:title"/></h1>
            <p class="date">
              <xsl:text>Your reflection report, </xsl:text>
              <xsl:value-of select="r:provenance/@date"/>
              <xsl:text>.</xsl:text>
            </p>
            <xsl:call-template name="result"/>
            <xsl:call-template name="three-questions"/>
          </section>
          <div class="details">
            <xsl:call-template name="meaning"/>
            <xsl:apply-templates select="r:scales"/>
            <xsl:call-template name="highlights"/>
            <xsl:call-template name="reflections"/>
            <xsl:call-template name="discuss"/>
            <xsl:call-template name="closing"/>
          </div>
        </main>
        <xsl:apply-templates select="r:provenance"/>
      </body>
    </html>
  </xsl:template>

  <!-- ===== Safety ===== -->

  <xsl:template name="safety">
    <section class="safety" aria-labelledby="{$id-prefix}safety-heading">
      <h1 id="{$id-prefix}safety-heading">Before anything else: your safety</h1>
      <p><xsl:value-of select="r:safety/r:message"/></p>
      <p class="emergency">If you are in danger right now, call your local emergency number.</p>
      <!-- What a raised flag asks for at once (a crisis line), in the first screen. -->
      <xsl:if test="r:resources/r:resource[@urgent = 'true']">
        <h2>Help you can reach right now, at any hour:</h2>
        <ul class="resources urgent">
          <xsl:for-each select="r:resources/r:resource[@urgent = 'true']">
            <li class="resource">
              <h3><xsl:value-of select="r:name"/></h3>
              <xsl:if test="r:contact">
                <ul class="contacts">
                  <xsl:apply-templates select="r:contact"/>
                </ul>
              </xsl:if>
              <p class="checked">
                <xsl:text>Details last checked: </xsl:text>
                <xsl:value-of select="@checked"/>
                <xsl:text>.</xsl:text>
              </p>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:if test="r:safety/r:flag">
        <h2>What your answers showed:</h2>
        <ul class="flags">
          <xsl:for-each select="r:safety/r:flag">
            <xsl:variable name="flag" select="key('flag', @ref)"/>
            <li>
              <strong><xsl:value-of select="$flag/r:title"/></strong>
              <p><xsl:value-of select="$flag/r:message"/></p>
              <xsl:choose>
                <xsl:when test="@quoted">
                  <xsl:call-template name="quotes"/>
                </xsl:when>
                <!-- A report made before the quotes were recorded: the flag's own evidence. -->
                <xsl:otherwise>
                  <xsl:apply-templates select="$flag/r:evidence"/>
                </xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:if test="r:safety/r:tension">
        <p>Some of your answers seem to pull in different directions. That is common, and it isn't a mistake:</p>
        <ul class="flags tensions">
          <xsl:for-each select="r:safety/r:tension">
            <li>
              <strong><xsl:value-of select="r:title"/></strong>
              <p><xsl:value-of select="r:message"/></p>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:call-template name="unanswered-safety">
        <xsl:with-param name="where">below</xsl:with-param>
      </xsl:call-template>
      <!-- With no words of the person's own to put it before, it goes here, with what they shared. -->
      <xsl:if test="not(r:reflections/r:reflection)">
        <xsl:call-template name="not-your-fault"/>
      </xsl:if>
      <h2>Where to get help:</h2>
      <xsl:call-template name="resources">
        <xsl:with-param name="with-about" select="true()"/>
      </xsl:call-template>
      <xsl:variable name="said-privacy">
        <xsl:call-template name="wording">
          <xsl:with-param name="key">privacy</xsl:with-param>
          <xsl:with-param name="default">If your ex, or anyone who might hurt you, can see your phone, computer or files, keep this report where only you can reach it, or don't keep a copy. If you take it to a counsellor, you can ask to talk with them on your own.</xsl:with-param>
        </xsl:call-template>
      </xsl:variable>
      <xsl:if test="normalize-space($said-privacy) != ''"><p><xsl:value-of select="$said-privacy"/></p></xsl:if>
    </section>
  </xsl:template>

  <!-- The answers the safety section quotes under a flag (each answer once in the section), as the text
       report words them: answers to a scale total that are all the same under one line, then the
       questions left unanswered. -->
  <xsl:template name="quotes">
    <xsl:param name="from-total" select="@from-total = 'true'"/>
    <xsl:variable name="first" select="string(r:quote[1]/r:answer)"/>
    <xsl:choose>
      <xsl:when test="$from-total and count(r:quote) &gt; 1 and not(r:quote[string(r:answer) != $first])">
        <p class="evidence">
          <xsl:text>You answered “</xsl:text>
          <xsl:value-of select="$first"/>
          <xsl:text>” to these questions:</xsl:text>
        </p>
        <ul class="evidence">
          <xsl:for-each select="r:quote">
            <li><xsl:value-of select="r:question"/></li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="r:quote">
          <p class="evidence">
            <xsl:text>You answered “</xsl:text>
            <xsl:value-of select="r:answer"/>
            <xsl:text>” to: </xsl:text>
            <xsl:value-of select="r:question"/>
          </p>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:choose>
      <xsl:when test="count(r:unanswered-question) = 1">
        <p class="evidence">
          <xsl:text>You didn't answer: </xsl:text>
          <xsl:value-of select="r:unanswered-question"/>
        </p>
      </xsl:when>
      <xsl:when test="r:unanswered-question">
        <p class="evidence">You didn't answer these questions:</p>
        <ul class="evidence">
          <xsl:for-each select="r:unanswered-question">
            <li><xsl:value-of select="."/></li>
          </xsl:for-each>
        </ul>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The questions that can raise a safety flag that were left unanswered (declined, or never reached
       because the session ended), worded as the text report words them. It never says that no warning
       signs came up: with a safety question unanswered, that can't be known. -->
  <xsl:template name="unanswered-safety">
    <xsl:param name="where"/>
    <xsl:variable name="safety" select="/r:report/r:safety"/>
    <xsl:variable name="listed" select="boolean($safety/r:unanswered)"/>
    <xsl:variable name="declined-items" select="$safety/r:unanswered[@status = 'declined']"/>
    <xsl:variable name="not-reached-items" select="$safety/r:unanswered[@status = 'not-reached']"/>
    <xsl:variable name="declined">
      <xsl:choose>
        <xsl:when test="$listed"><xsl:value-of select="count($declined-items)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="number($safety/@declined-questions)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="not-reached" select="count($not-reached-items)"/>
    <xsl:variable name="shown">
      <xsl:choose>
        <xsl:when test="$safety/@shown-questions"><xsl:value-of select="$safety/@shown-questions"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$declined + $not-reached"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$declined &gt; 0 or $not-reached &gt; 0">
      <xsl:variable name="first">
        <xsl:if test="$declined &gt; 0">
          <xsl:text>You chose not to answer </xsl:text>
          <xsl:call-template name="which-safety-questions">
            <xsl:with-param name="count" select="$declined"/>
            <xsl:with-param name="all" select="$declined &gt;= $shown"/>
            <xsl:with-param name="shown" select="$shown"/>
            <xsl:with-param name="question" select="key('item', $declined-items[1]/@item)/r:text"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="$not-reached &gt; 0">
          <xsl:choose>
            <xsl:when test="$declined &gt; 0">, and you stopped before </xsl:when>
            <xsl:otherwise>You stopped before </xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="which-safety-questions">
            <xsl:with-param name="count" select="$not-reached"/>
            <xsl:with-param name="all" select="$not-reached &gt;= $shown and $declined = 0"/>
            <xsl:with-param name="shown" select="$shown"/>
            <xsl:with-param name="question" select="key('item', $not-reached-items[1]/@item)/r:text"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:variable>
      <!-- A quoted question usually ends in its own question mark. -->
      <xsl:variable name="end">
        <xsl:choose>
          <xsl:when test="substring($first, string-length($first)) = '”'">
            <xsl:value-of select="substring($first, string-length($first) - 1, 1)"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="substring($first, string-length($first))"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <p class="unanswered">
        <xsl:value-of select="$first"/>
        <xsl:if test="not(contains('?!.', $end))">.</xsl:if>
        <xsl:if test="$declined &gt; 0"> That is always your choice.</xsl:if>
        <xsl:text> So this report can't tell whether the warning signs those questions look for apply to you, and nothing in it means that they don't. If a question was hard to answer, it may be worth talking over with someone you trust</xsl:text>
        <xsl:if test="/r:report/r:resources/r:resource">
          <xsl:text>, or with one of the services listed </xsl:text>
          <xsl:value-of select="$where"/>
        </xsl:if>
        <xsl:text>.</xsl:text>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="which-safety-questions">
    <xsl:param name="count"/>
    <xsl:param name="all"/>
    <xsl:param name="shown"/>
    <xsl:param name="question"/>
    <xsl:choose>
      <xsl:when test="$all and $shown = 1">the question about safety</xsl:when>
      <xsl:when test="$all">the questions about safety</xsl:when>
      <xsl:when test="$count = 1 and normalize-space($question) != ''">
        <xsl:text>one of the questions about safety: “</xsl:text>
        <xsl:value-of select="$question"/>
        <xsl:text>”</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$count"/>
        <xsl:text> of the </xsl:text>
        <xsl:value-of select="$shown"/>
        <xsl:text> questions about safety</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="r:evidence">
    <xsl:for-each select="r:answer">
      <p class="evidence">
        <xsl:call-template name="you-answered">
          <xsl:with-param name="label" select="@label"/>
          <xsl:with-param name="value" select="@value"/>
        </xsl:call-template>
        <xsl:text> to: </xsl:text>
        <xsl:call-template name="question">
          <xsl:with-param name="id" select="@item"/>
        </xsl:call-template>
      </p>
    </xsl:for-each>
    <xsl:for-each select="r:scale-total">
      <xsl:variable name="scored" select="key('scale', @scale)/r:contribution[@points &gt; 0]"/>
      <xsl:variable name="first-value" select="$scored[1]/@values"/>
      <xsl:choose>
        <xsl:when test="count($scored) &gt; 1 and not($scored[@values != $first-value])">
          <p class="evidence">
            <xsl:call-template name="you-answered">
              <xsl:with-param name="label"
                  select="key('item', $scored[1]/@item)/r:response/r:choice[@value = $first-value]/@label"/>
              <xsl:with-param name="value" select="$first-value"/>
            </xsl:call-template>
            <xsl:text> to these questions:</xsl:text>
          </p>
          <ul class="evidence">
            <xsl:for-each select="$scored">
              <li>
                <xsl:call-template name="question">
                  <xsl:with-param name="id" select="@item"/>
                </xsl:call-template>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$scored">
            <xsl:variable name="item" select="key('item', @item)"/>
            <p class="evidence">
              <xsl:call-template name="you-answered">
                <xsl:with-param name="label" select="$item/r:response/r:choice[1]/@label"/>
                <xsl:with-param name="value" select="@values"/>
              </xsl:call-template>
              <xsl:text> to: </xsl:text>
              <xsl:call-template name="question">
                <xsl:with-param name="id" select="@item"/>
              </xsl:call-template>
            </p>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="you-answered">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:text>You answered “</xsl:text>
    <xsl:choose>
      <xsl:when test="string($label) != ''"><xsl:value-of select="$label"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
    </xsl:choose>
    <xsl:text>”</xsl:text>
  </xsl:template>

  <xsl:template name="question">
    <xsl:param name="id"/>
    <xsl:variable name="item" select="key('item', $id)"/>
    <xsl:choose>
      <xsl:when test="$item"><xsl:value-of select="$item/r:text"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Resources ===== -->

  <xsl:template name="resources">
    <xsl:param name="with-about"/>
    <xsl:choose>
      <xsl:when test="not(r:resources/r:resource)">
        <xsl:variable name="none">
          <xsl:call-template name="wording">
            <xsl:with-param name="key">no-resources</xsl:with-param>
            <xsl:with-param name="default">This report has no checked contact details for where you are. Your local emergency number works in a crisis, and a local domestic abuse service, a doctor or a directory of helplines can help you find support near you.</xsl:with-param>
          </xsl:call-template>
        </xsl:variable>
        <xsl:if test="normalize-space($none) != ''"><p><xsl:value-of select="$none"/></p></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <ul class="resources">
          <xsl:for-each select="r:resources/r:resource">
            <li class="resource">
              <h3><xsl:value-of select="r:name"/></h3>
              <xsl:if test="($with-about or not(r:contact)) and normalize-space(r:about) != ''">
                <p><xsl:value-of select="r:about"/></p>
              </xsl:if>
              <xsl:if test="r:contact">
                <ul class="contacts">
                  <xsl:apply-templates select="r:contact"/>
                </ul>
              </xsl:if>
              <p class="checked">
                <xsl:text>Details last checked: </xsl:text>
                <xsl:value-of select="@checked"/>
                <xsl:text>.</xsl:text>
              </p>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A contact as the text report words it; a phone number as a tel: link, a web address as a plain
       link (https: or http: only), a text number as text. -->
  <xsl:template match="r:contact">
    <xsl:variable name="label" select="normalize-space(.)"/>
    <xsl:variable name="words">
      <xsl:choose>
        <xsl:when test="$label = ''">
          <xsl:choose>
            <xsl:when test="@kind = 'phone'">Phone</xsl:when>
            <xsl:when test="@kind = 'text'">Text</xsl:when>
            <xsl:otherwise>Web</xsl:otherwise>
          </xsl:choose>
          <xsl:text>: </xsl:text>
          <xsl:value-of select="@value"/>
        </xsl:when>
        <xsl:when test="@value != '' and contains($label, @value)">
          <xsl:value-of select="$label"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$label"/>
          <xsl:text>: </xsl:text>
          <xsl:value-of select="@value"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <li>
      <xsl:choose>
        <xsl:when test="@kind = 'phone' and translate(@value, '0123456789+-. ()', '') = '' and @value != ''">
          <a href="tel:{translate(@value, ' ().', '')}"><xsl:value-of select="$words"/></a>
        </xsl:when>
        <xsl:when test="@kind = 'web' and (starts-with(@value, 'https://') or starts-with(@value, 'http://'))
                        and not(contains(@value, ' '))">
          <a href="{@value}" rel="noreferrer"><xsl:value-of select="$words"/></a>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$words"/></xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <!-- ===== The summary: the result and three questions ===== -->

  <xsl:template name="result">
    <xsl:variable name="shown" select="count(r:items/r:item[@status != 'not-shown'])"/>
    <xsl:variable name="answered" select="count(r:items/r:item[@status = 'answered'])"/>
    <xsl:variable name="reached" select="count(r:items/r:item[@status = 'answered' or @status = 'declined'])"/>
    <h2>What your answers point to</h2>
    <!-- Without a safety section, unanswered safety questions are said first, before the result, so that
         nothing below reads as "all clear"; with one, the safety section says it. -->
    <xsl:if test="r:safety/@concern != 'true'">
      <xsl:call-template name="unanswered-safety">
        <xsl:with-param name="where">at the end of this report</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$shown &gt; 0 and $answered * 2 &lt; $shown">
      <p class="sparse">
        <xsl:choose>
          <xsl:when test="$reached &lt; $shown">
            <xsl:text>You stopped after </xsl:text>
            <xsl:call-template name="questions"><xsl:with-param name="count" select="$reached"/></xsl:call-template>
            <xsl:choose>
              <xsl:when test="$answered = $reached"/>
              <xsl:when test="$answered = 0"> and didn't answer them</xsl:when>
              <xsl:otherwise>
                <xsl:text> and answered </xsl:text>
                <xsl:value-of select="$answered"/>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:when>
          <xsl:when test="$answered = 0">You didn't answer any of the questions</xsl:when>
          <xsl:otherwise>
            <xsl:text>You answered only </xsl:text>
            <xsl:value-of select="$answered"/>
            <xsl:text> of the </xsl:text>
            <xsl:call-template name="questions"><xsl:with-param name="count" select="$shown"/></xsl:call-template>
            <xsl:text> shown</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text>, so this report can say very little about your situation. That's all right: you can come back to them whenever you like. </xsl:text>
        <xsl:choose>
          <xsl:when test="$answered = 0">The result below comes only from what was left unanswered</xsl:when>
          <xsl:otherwise>The result below rests on very few answers</xsl:otherwise>
        </xsl:choose>
        <xsl:text>, so take it as a general suggestion, not a conclusion about you.</xsl:text>
      </p>
    </xsl:if>
    <p class="result">
      <xsl:text>Result: </xsl:text>
      <strong><xsl:value-of select="r:outcome/r:title"/></strong>
    </p>
    <p><xsl:value-of select="r:outcome/r:summary"/></p>
    <p>
      <xsl:text>Why this result: </xsl:text>
      <xsl:value-of select="r:decision/r:why"/>
    </p>
  </xsl:template>

  <xsl:template name="three-questions">
    <xsl:if test="r:outcome/r:discuss/r:step">
      <h2>Three things most worth talking over</h2>
      <ol class="three">
        <xsl:for-each select="r:outcome/r:discuss/r:step[position() &lt;= 3]">
          <li><xsl:value-of select="."/></li>
        </xsl:for-each>
      </ol>
    </xsl:if>
  </xsl:template>

  <!-- ===== Details ===== -->

  <xsl:template name="meaning">
    <section aria-labelledby="{$id-prefix}meaning-heading">
      <h2 id="{$id-prefix}meaning-heading">What this result means</h2>
      <p><xsl:value-of select="r:outcome/r:meaning"/></p>
      <xsl:if test="r:outcome/r:upside">
        <p>
          <strong>What could be good about this path: </strong>
          <xsl:value-of select="r:outcome/r:upside"/>
        </p>
      </xsl:if>
      <xsl:if test="r:outcome/r:downside">
        <p>
          <strong>What could be hard about it: </strong>
          <xsl:value-of select="r:outcome/r:downside"/>
        </p>
      </xsl:if>
      <xsl:if test="r:outcome/r:next-steps/r:step">
        <h3>Next steps:</h3>
        <ol>
          <xsl:for-each select="r:outcome/r:next-steps/r:step">
            <li><xsl:value-of select="."/></li>
          </xsl:for-each>
        </ol>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- ===== Scales ===== -->

  <xsl:template match="r:scales">
    <xsl:if test="r:scale">
      <xsl:variable name="safety-first" select="/r:report/r:safety/@safety-first = 'true'"/>
      <section aria-labelledby="{$id-prefix}scales-heading">
        <h2 id="{$id-prefix}scales-heading">How your answers add up</h2>
        <xsl:choose>
          <xsl:when test="not(r:scale[@status != 'insufficient' and @score and @normalised])">
            <p>There are no scores to show: too few of the questions behind them were answered.</p>
            <!-- A scale that lost an answer that is never estimated says which, even here. -->
            <xsl:for-each select="r:scale[r:withheld and @answered &gt; 0]">
              <div class="scale">
                <h3><xsl:value-of select="r:title"/></h3>
                <p class="status"><xsl:call-template name="not-scored"/></p>
              </div>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <p><xsl:text>Each bar shows where your score falls between the lowest and the highest score possible for the questions you saw. It is a position on a scale, not a chance of anything.</xsl:text></p>
            <xsl:if test="$safety-first">
              <p>
                <xsl:call-template name="wording">
                  <xsl:with-param name="key">safety-outranks-scores</xsl:with-param>
                  <xsl:with-param name="default">Because of what you shared about your safety, none of these scores change the result above: good signs in a relationship don't outweigh a risk to your safety.</xsl:with-param>
                </xsl:call-template>
                <xsl:text> </xsl:text>
                <xsl:choose>
                  <xsl:when test="r:scale[@safety = 'true']">So, apart from the safety questions, the scores are shown as they came out, without calling any of them a strength or a concern.</xsl:when>
                  <xsl:otherwise>So the scores are shown as they came out, without calling any of them a strength or a concern.</xsl:otherwise>
                </xsl:choose>
              </p>
            </xsl:if>
            <xsl:apply-templates select="r:scale"/>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="not-your-fault">
    <xsl:variable name="said-not-your-fault">
      <xsl:call-template name="wording">
        <xsl:with-param name="key">not-your-fault</xsl:with-param>
        <xsl:with-param name="default">Control and harm are never the fault of the person on the receiving end. If you find yourself taking the blame for how your ex treated you, that is worth talking over with an advocate.</xsl:with-param>
      </xsl:call-template>
    </xsl:variable>
    <xsl:if test="normalize-space($said-not-your-fault) != ''"><p><xsl:value-of select="$said-not-your-fault"/></p></xsl:if>
  </xsl:template>

  <xsl:template match="r:scale">
    <xsl:variable name="with-verdict"
        select="/r:report/r:safety/@safety-first != 'true' or @safety = 'true'"/>
    <xsl:variable name="scored" select="@status != 'insufficient' and @score and @normalised"/>
    <xsl:variable name="yes-count">
      <xsl:call-template name="yes-count"/>
    </xsl:variable>
    <div class="scale">
      <h3><xsl:value-of select="r:title"/></h3>
      <xsl:choose>
        <xsl:when test="not($scored)">
          <p class="status"><xsl:call-template name="not-scored"/></p>
        </xsl:when>
        <xsl:when test="$yes-count != ''">
          <p>
            <xsl:variable name="yes">
              <xsl:choose>
                <xsl:when test="$yes-count = 0">none</xsl:when>
                <xsl:otherwise><xsl:value-of select="$yes-count"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <xsl:choose>
              <xsl:when test="@answered = @shown">
                <xsl:text>You answered yes to </xsl:text>
                <xsl:value-of select="$yes"/>
                <xsl:text> of the </xsl:text>
                <xsl:call-template name="questions"><xsl:with-param name="count" select="@shown"/></xsl:call-template>
                <xsl:text>.</xsl:text>
              </xsl:when>
              <xsl:otherwise>
                <xsl:text>You answered </xsl:text>
                <xsl:value-of select="@answered"/>
                <xsl:text> of the </xsl:text>
                <xsl:call-template name="questions"><xsl:with-param name="count" select="@shown"/></xsl:call-template>
                <xsl:text>, and yes to </xsl:text>
                <xsl:value-of select="$yes"/>
                <xsl:text> of them.</xsl:text>
              </xsl:otherwise>
            </xsl:choose>
          </p>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="bar">
            <xsl:with-param name="with-verdict" select="$with-verdict"/>
          </xsl:call-template>
          <p><xsl:call-template name="score-line"/></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$scored and r:band">
        <p class="band">
          <xsl:text>Band: </xsl:text>
          <strong><xsl:value-of select="r:band/r:label"/></strong>
          <xsl:if test="$with-verdict">
            <xsl:text> (</xsl:text>
            <xsl:call-template name="kind"><xsl:with-param name="kind" select="r:band/@kind"/></xsl:call-template>
            <xsl:text>)</xsl:text>
          </xsl:if>
          <xsl:text>.</xsl:text>
        </p>
        <xsl:if test="$with-verdict and r:band/r:meaning">
          <p><xsl:value-of select="r:band/r:meaning"/></p>
        </xsl:if>
      </xsl:if>
      <xsl:if test="@status = 'prorated' and $yes-count = ''">
        <p class="status">
          <xsl:text>This is an estimate: you answered </xsl:text>
          <xsl:value-of select="@answered"/>
          <xsl:text> of the </xsl:text>
          <xsl:call-template name="questions"><xsl:with-param name="count" select="@shown"/></xsl:call-template>
          <xsl:text> shown, and it assumes the others would have gone the same way.</xsl:text>
        </p>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- Why a scale has no score, as the text report words it. A question whose answer is never estimated
       from the others (withheld) is named. -->
  <xsl:template name="not-scored">
    <xsl:text>Not scored: </xsl:text>
    <xsl:choose>
      <xsl:when test="r:withheld and @answered &gt; 0">
        <xsl:text>you didn't answer </xsl:text>
        <xsl:choose>
          <xsl:when test="count(r:withheld) = 1">
            <xsl:text>“</xsl:text>
            <xsl:call-template name="question"><xsl:with-param name="id" select="r:withheld/@item"/></xsl:call-template>
            <xsl:text>”, and this score is never estimated without that answer</xsl:text>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="count(r:withheld)"/>
            <xsl:text> of its questions (</xsl:text>
            <xsl:for-each select="r:withheld">
              <xsl:choose>
                <xsl:when test="position() = 1"/>
                <xsl:when test="position() = last()"> and </xsl:when>
                <xsl:otherwise>, </xsl:otherwise>
              </xsl:choose>
              <xsl:text>“</xsl:text>
              <xsl:call-template name="question"><xsl:with-param name="id" select="@item"/></xsl:call-template>
              <xsl:text>”</xsl:text>
            </xsl:for-each>
            <xsl:text>), and this score is never estimated without those answers</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text>, so it isn't shown at all.</xsl:text>
      </xsl:when>
      <xsl:when test="@shown = 0">none of its questions were shown to you.</xsl:when>
      <xsl:when test="@answered = 0 and @shown = 1">its question wasn't answered.</xsl:when>
      <xsl:when test="@answered = 0">
        <xsl:text>none of its </xsl:text>
        <xsl:value-of select="@shown"/>
        <xsl:text> questions were answered.</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>you answered </xsl:text>
        <xsl:value-of select="@answered"/>
        <xsl:text> of the </xsl:text>
        <xsl:call-template name="questions"><xsl:with-param name="count" select="@shown"/></xsl:call-template>
        <xsl:text> shown, and at least </xsl:text>
        <xsl:value-of select="@required"/>
        <xsl:choose>
          <xsl:when test="@required = 1"> is</xsl:when>
          <xsl:otherwise> are</xsl:otherwise>
        </xsl:choose>
        <xsl:text> needed for a fair score.</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A scale's score as the text report words it: "Score: 9 out of 16.", "Score: about 2.7 out of 16."
       for an estimate that isn't whole, "Score: 3, on a range from -4 to 8." when the range doesn't
       start at 0. -->
  <xsl:template name="score-line">
    <xsl:text>Score: </xsl:text>
    <xsl:choose>
      <xsl:when test="@status = 'prorated' and floor(@score) != @score">
        <xsl:text>about </xsl:text>
        <!-- One decimal, halves away from zero. -->
        <xsl:choose>
          <xsl:when test="@score &lt; 0">
            <xsl:value-of select="format-number(-(round(-@score * 10) div 10), '0.#')"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="format-number(round(@score * 10) div 10, '0.#')"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="number"><xsl:with-param name="value" select="@score"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:choose>
      <xsl:when test="@minimum = 0">
        <xsl:text> out of </xsl:text>
        <xsl:call-template name="number"><xsl:with-param name="value" select="@maximum"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>, on a range from </xsl:text>
        <xsl:call-template name="number"><xsl:with-param name="value" select="@minimum"/></xsl:call-template>
        <xsl:text> to </xsl:text>
        <xsl:call-template name="number"><xsl:with-param name="value" select="@maximum"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>.</xsl:text>
  </xsl:template>

  <!-- For a scale made only of yes/no questions counted 1 for yes and 0 for no, none reversed: how many
       were answered yes; otherwise nothing (such a scale is a count, not a bar). -->
  <xsl:template name="yes-count">
    <xsl:variable name="contributions" select="r:contribution"/>
    <xsl:variable name="yes" select="count($contributions[@values = 'yes'])"/>
    <xsl:if test="$contributions
                  and not($contributions[@reversed = 'true'])
                  and not($contributions[key('item', @item)/@kind != 'yes-no'])
                  and not($contributions[@values = 'yes' and @weight != 1])
                  and not($contributions[@values = 'no' and @weight != 0])
                  and not($contributions[@values != 'yes' and @values != 'no'])
                  and @raw = $yes">
      <xsl:value-of select="$yes"/>
    </xsl:if>
  </xsl:template>

  <!-- A scale's bar: the whole range as an outlined track, the score as a filled part with a marker, and
       quarter ticks. Its accessible name says everything the bar shows, in words. -->
  <xsl:template name="bar">
    <xsl:param name="with-verdict"/>
    <xsl:variable name="width" select="round(@normalised * 1000) div 1000 * 300"/>
    <xsl:variable name="kind">
      <xsl:choose>
        <xsl:when test="$with-verdict and r:band"><xsl:value-of select="r:band/@kind"/></xsl:when>
        <xsl:otherwise>neutral</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="label">
      <xsl:value-of select="r:title"/>
      <xsl:text>: score </xsl:text>
      <xsl:call-template name="number"><xsl:with-param name="value" select="@score"/></xsl:call-template>
      <xsl:text> on a range from </xsl:text>
      <xsl:call-template name="number"><xsl:with-param name="value" select="@minimum"/></xsl:call-template>
      <xsl:text> to </xsl:text>
      <xsl:call-template name="number"><xsl:with-param name="value" select="@maximum"/></xsl:call-template>
      <xsl:text> (</xsl:text>
      <xsl:value-of select="@percent"/>
      <xsl:text>% of the way along)</xsl:text>
      <xsl:if test="r:band">
        <xsl:text>, band: </xsl:text>
        <xsl:value-of select="r:band/r:label"/>
        <xsl:if test="$with-verdict">
          <xsl:text> (</xsl:text>
          <xsl:call-template name="kind"><xsl:with-param name="kind" select="r:band/@kind"/></xsl:call-template>
          <xsl:text>)</xsl:text>
        </xsl:if>
      </xsl:if>
      <xsl:if test="@status = 'prorated'">, estimated</xsl:if>
    </xsl:variable>
    <div class="bar">
      <span class="end" aria-hidden="true">
        <xsl:call-template name="number"><xsl:with-param name="value" select="@minimum"/></xsl:call-template>
      </span>
      <svg xmlns="http://www.w3.org/2000/svg" class="kind-{$kind}" viewBox="0 0 304 24" width="304" height="24"
          role="img" aria-label="{$label}" focusable="false">
        <title><xsl:value-of select="$label"/></title>
        <rect class="track" x="2" y="4" width="300" height="16" rx="2"/>
        <rect class="fill" x="2" y="4" width="{$width}" height="16" rx="2"/>
        <line class="tick" x1="77" y1="4" x2="77" y2="20"/>
        <line class="tick" x1="152" y1="4" x2="152" y2="20"/>
        <line class="tick" x1="227" y1="4" x2="227" y2="20"/>
        <rect class="marker" x="{$width}" y="0" width="4" height="24"/>
      </svg>
      <span class="end" aria-hidden="true">
        <xsl:call-template name="number"><xsl:with-param name="value" select="@maximum"/></xsl:call-template>
      </span>
      <span class="percent" aria-hidden="true"><xsl:value-of select="@percent"/>%</span>
    </div>
  </xsl:template>

  <!-- ===== Highlights, the person's words, questions ===== -->

  <xsl:template name="highlights">
    <xsl:variable name="safety-first" select="r:safety/@safety-first = 'true'"/>
    <xsl:variable name="h" select="r:highlights"/>
    <section aria-labelledby="{$id-prefix}highlights-heading">
      <h2 id="{$id-prefix}highlights-heading">
        <xsl:choose>
          <xsl:when test="$safety-first">Other things to look at</xsl:when>
          <xsl:otherwise>Strengths and things to look at</xsl:otherwise>
        </xsl:choose>
      </h2>
      <xsl:choose>
        <xsl:when test="$safety-first">
          <xsl:variable name="said-no-strengths-under-safety">
            <xsl:call-template name="wording">
              <xsl:with-param name="key">no-strengths-under-safety</xsl:with-param>
              <xsl:with-param name="default">This report doesn't list strengths in the relationship here: when your safety may be at risk, they are not what matters most.</xsl:with-param>
            </xsl:call-template>
          </xsl:variable>
          <xsl:if test="normalize-space($said-no-strengths-under-safety) != ''"><p><xsl:value-of select="$said-no-strengths-under-safety"/></p></xsl:if>
        </xsl:when>
        <xsl:when test="r:safety/@concern = 'true' and $h/r:strength">
          <p>None of the strengths below outweigh what you shared about your safety at the start of this report.</p>
        </xsl:when>
      </xsl:choose>
      <!-- Without a safety section, answers that pull in different directions are said here. -->
      <xsl:if test="r:safety/@concern != 'true' and r:safety/r:tension">
        <p>Some of your answers seem to pull in different directions. That is common, and it isn't a mistake:</p>
        <ul class="tensions">
          <xsl:for-each select="r:safety/r:tension">
            <li>
              <xsl:value-of select="r:title"/>
              <xsl:choose>
                <xsl:when test="contains('?!.:', substring(r:title, string-length(r:title))) and string(r:title) != ''">
                  <xsl:text> </xsl:text>
                </xsl:when>
                <xsl:otherwise>: </xsl:otherwise>
              </xsl:choose>
              <xsl:value-of select="r:message"/>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:call-template name="highlight-group">
        <xsl:with-param name="heading">Going well:</xsl:with-param>
        <xsl:with-param name="entries" select="$h/r:strength"/>
      </xsl:call-template>
      <xsl:call-template name="highlight-group">
        <xsl:with-param name="heading">Worth looking at:</xsl:with-param>
        <xsl:with-param name="entries" select="$h/r:concern"/>
      </xsl:call-template>
      <xsl:call-template name="highlight-group">
        <xsl:with-param name="heading">Also noticed:</xsl:with-param>
        <xsl:with-param name="entries" select="$h/r:noticed"/>
      </xsl:call-template>
      <xsl:if test="not($h/*) and not($safety-first)">
        <xsl:variable name="shown" select="count(r:items/r:item[@status != 'not-shown'])"/>
        <xsl:variable name="answered" select="count(r:items/r:item[@status = 'answered'])"/>
        <p>
          <xsl:choose>
            <xsl:when test="$shown &gt; 0 and $answered * 2 &lt; $shown">With so few answers, this report can't point to strengths or things to look at.</xsl:when>
            <xsl:otherwise>Your answers did not mark any area as a clear strength or a clear concern.</xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="highlight-group">
    <xsl:param name="heading"/>
    <xsl:param name="entries"/>
    <xsl:if test="$entries">
      <h3><xsl:value-of select="$heading"/></h3>
      <ul>
        <xsl:for-each select="$entries">
          <li>
            <xsl:value-of select="."/>
            <xsl:if test="@flag">
              <xsl:variable name="flag" select="key('flag', @flag)"/>
              <xsl:choose>
                <!-- A flag raised by a scale total: the answers behind it, as the text report quotes them. -->
                <xsl:when test="$flag/r:described">
                  <xsl:for-each select="$flag/r:described">
                    <xsl:call-template name="quotes">
                      <xsl:with-param name="from-total" select="true()"/>
                    </xsl:call-template>
                  </xsl:for-each>
                </xsl:when>
                <!-- A report made before that was recorded: the flag's own evidence. -->
                <xsl:when test="not(/r:report/r:safety/@shown-questions)">
                  <xsl:apply-templates select="$flag/r:evidence"/>
                </xsl:when>
              </xsl:choose>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template name="reflections">
    <section aria-labelledby="{$id-prefix}words-heading">
      <h2 id="{$id-prefix}words-heading">In your own words</h2>
      <xsl:choose>
        <xsl:when test="not(r:reflections/r:reflection)">
          <p>You didn't add any notes in your own words this time.</p>
        </xsl:when>
        <xsl:otherwise>
          <p>What you wrote, exactly as you wrote it.</p>
          <xsl:if test="r:safety/@concern = 'true'">
            <xsl:call-template name="not-your-fault"/>
          </xsl:if>
          <xsl:for-each select="r:reflections/r:reflection">
            <figure class="words">
              <figcaption><xsl:value-of select="r:question"/></figcaption>
              <xsl:if test="r:chosen">
                <p>
                  <xsl:text>Your answer: </xsl:text>
                  <xsl:value-of select="r:chosen"/>
                </p>
              </xsl:if>
              <xsl:if test="r:prompt">
                <p class="prompt"><xsl:value-of select="r:prompt"/></p>
              </xsl:if>
              <blockquote><p><xsl:value-of select="r:words"/></p></blockquote>
            </figure>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="discuss">
    <section aria-labelledby="{$id-prefix}discuss-heading">
      <h2 id="{$id-prefix}discuss-heading">To talk over with a friend or therapist</h2>
      <ul>
        <xsl:for-each select="r:outcome/r:discuss/r:step">
          <li><xsl:value-of select="."/></li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <xsl:template name="closing">
    <section aria-labelledby="{$id-prefix}closing-heading">
      <h2 id="{$id-prefix}closing-heading">A note about this report</h2>
      <p><xsl:value-of select="r:disclaimer/r:not-a-diagnosis"/></p>
      <p><xsl:value-of select="r:disclaimer/r:no-flag-is-not-safe"/></p>
      <xsl:choose>
        <xsl:when test="r:safety/@concern = 'true'">
          <p>The people listed at the start of this report are there whenever you need them.</p>
        </xsl:when>
        <xsl:otherwise>
          <xsl:choose>
            <xsl:when test="r:resources/r:resource">
              <p>If you ever need them, these services are there:</p>
            </xsl:when>
            <xsl:otherwise>
              <p class="emergency">If you are in danger right now, call your local emergency number.</p>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="resources">
            <xsl:with-param name="with-about" select="false()"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ===== Provenance ===== -->

  <xsl:template match="r:provenance">
    <footer aria-labelledby="{$id-prefix}about-heading">
      <h2 id="{$id-prefix}about-heading">About this report</h2>
      <dl>
        <dt>Assessment</dt>
        <dd>
          <xsl:value-of select="r:assessment/r:title"/>
          <xsl:text> (</xsl:text>
          <xsl:value-of select="r:assessment/@id"/>
          <xsl:text>, version </xsl:text>
          <xsl:value-of select="r:assessment/@version"/>
          <xsl:text>)</xsl:text>
        </dd>
        <dt>Content last reviewed</dt>
        <dd><xsl:value-of select="r:assessment/@reviewed"/></dd>
        <xsl:if test="r:assessment/r:questionnaire">
          <dt>Questionnaires</dt>
          <dd>
            <xsl:for-each select="r:assessment/r:questionnaire">
              <xsl:if test="position() &gt; 1">, </xsl:if>
              <xsl:value-of select="@id"/>
              <xsl:text> </xsl:text>
              <xsl:value-of select="@version"/>
            </xsl:for-each>
          </dd>
        </xsl:if>
        <dt>Content hash (SHA-256)</dt>
        <dd class="hash">
          <xsl:choose>
            <xsl:when test="r:assessment/@content-hash"><xsl:value-of select="r:assessment/@content-hash"/></xsl:when>
            <xsl:otherwise>not recorded</xsl:otherwise>
          </xsl:choose>
        </dd>
        <dt>Engine version</dt>
        <dd><xsl:value-of select="r:engine/@version"/></dd>
        <dt>Report date</dt>
        <dd><xsl:value-of select="@date"/></dd>
      </dl>
    </footer>
  </xsl:template>

  <!-- ===== Small pieces ===== -->

  <xsl:template name="questions">
    <xsl:param name="count"/>
    <xsl:value-of select="$count"/>
    <xsl:choose>
      <xsl:when test="$count = 1"> question</xsl:when>
      <xsl:otherwise> questions</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="kind">
    <xsl:param name="kind"/>
    <xsl:choose>
      <xsl:when test="$kind = 'strength'">a strength</xsl:when>
      <xsl:when test="$kind = 'concern'">a concern</xsl:when>
      <xsl:otherwise>neutral</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A number for people, exactly as the report writes it (at most four decimals, no trailing zeros),
       which is how the text report writes it too. -->
  <xsl:template name="number">
    <xsl:param name="value"/>
    <xsl:value-of select="$value"/>
  </xsl:template>

  <!-- A sentence the assessment words for its own subject (issue 11): the report's <wording> lists every
       message that has a text, so when the report has a <wording> element, a key it leaves out is not said
       at all (as in the text report). A report written before <wording> existed was always about the
       shipped assessment; for it, the default is that assessment's sentence. -->
  <xsl:template name="wording">
    <xsl:param name="key"/>
    <xsl:param name="default"/>
    <xsl:choose>
      <xsl:when test="/r:report/r:wording">
        <xsl:value-of select="/r:report/r:wording/r:message[@key = $key][1]"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$default"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Style: screen and print, no external resources ===== -->

  <xsl:template name="style">
    <style>
:root { color-scheme: light; }
html { font-size: 100%; }
body {
  margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: 44rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  line-height: 1.5; color: #1b1b1b; background: #ffffff;
}
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1.25rem 0 0.5rem; }
h2 { font-size: 1.25rem; line-height: 1.3; margin: 1.75rem 0 0.5rem; border-bottom: 2px solid #5c5c5c; padding-bottom: 0.15rem; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 0.3rem; }
p { margin: 0.4rem 0; }
a { color: #0b4a86; text-decoration: underline; }
a:focus { outline: 3px solid #1b1b1b; outline-offset: 2px; }
.date { color: #3d3d3d; margin-top: 0; }
.safety { border: 3px solid #1b1b1b; border-left-width: 12px; padding: 0.25rem 1rem 0.75rem; margin: 0 0 1.5rem; }
.safety h1 { margin-top: 0.5rem; }
.safety h1::before { content: "! "; }
.emergency { font-weight: 700; }
ul.flags, ul.resources { list-style: none; padding-left: 0; }
ul.flags li { border-left: 4px solid #5c5c5c; padding-left: 0.75rem; margin: 0.75rem 0; }
.evidence { font-style: italic; }
ul.evidence { margin: 0.2rem 0; }
.resource { margin: 0.75rem 0; }
.resource h3 { margin-bottom: 0.1rem; }
.contacts { margin: 0.2rem 0; padding-left: 1.25rem; }
.contacts a { font-weight: 700; }
.checked { font-size: 0.9rem; color: #3d3d3d; }
.result { font-size: 1.2rem; }
ol.three li { margin: 0.3rem 0; }
.scale { margin: 1rem 0; padding: 0.25rem 0 0.5rem; border-bottom: 1px solid #8a8a8a; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; margin: 0.25rem 0; }
.bar svg { width: 19rem; max-width: 100%; height: auto; }
.bar .end { font-size: 0.9rem; color: #3d3d3d; min-width: 1.5rem; }
.bar .percent { font-weight: 700; }
.track { fill: #ffffff; stroke: #1b1b1b; stroke-width: 1.5; }
.fill { stroke: none; }
.kind-strength .fill { fill: #1f5f8b; }
.kind-concern .fill { fill: #8f3a0e; }
.kind-neutral .fill { fill: #5c5c5c; }
.tick { stroke: #1b1b1b; stroke-width: 1; stroke-dasharray: 2 2; }
.marker { fill: #1b1b1b; }
.status { font-style: italic; }
figure.words { margin: 0.75rem 0; }
figure.words figcaption { font-weight: 700; }
blockquote { margin: 0.3rem 0 0 0; padding: 0.25rem 0.75rem; border-left: 4px solid #5c5c5c; white-space: pre-wrap; }
footer { margin-top: 2rem; font-size: 0.9rem; color: #3d3d3d; border-top: 2px solid #5c5c5c; }
footer h2 { font-size: 1rem; border: none; }
footer dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.75rem; margin: 0; }
footer dt { font-weight: 700; }
footer dd { margin: 0; }
.hash { overflow-wrap: anywhere; }
@media (max-width: 30rem) { footer dl { grid-template-columns: 1fr; } }
@media print {
  @page { margin: 15mm 14mm 16mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; line-height: 1.4; }
  h1 { font-size: 16pt; margin: 0 0 4pt; }
  h2 { font-size: 13pt; margin: 12pt 0 4pt; }
  h3 { font-size: 11pt; margin: 8pt 0 2pt; }
  p { margin: 3pt 0; }
  .safety { padding: 2pt 10pt 6pt; }
  .resource, ul.flags li { margin: 6pt 0; }
  a { color: #1b1b1b; }
  .details { break-before: page; }
  h1, h2, h3 { break-after: avoid; break-inside: avoid; }
  .scale, .resource, ul.flags li, figure.words, .bar, svg, footer, li { break-inside: avoid; }
  footer { break-before: auto; }
}
    </style>
  </xsl:template>

</xsl:stylesheet>
