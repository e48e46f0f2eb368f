import Testing

@testable import Crossroads

/// Format 1.1 (issue 10), read from XML and scored: never-impute, step conditions, tensions, interrupting
/// flags with a resource topic, notes that only some options invite, and follow-ups quoted with their answer.
@Suite("Safety edge cases: the format 1.1 features, end to end through the library")
struct SafetyEdgeTests {
    static let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <assessment xmlns="urn:crossroads:questionnaire:1" id="edge" version="1.1" language="en" reviewed="2026-01-01">
          <title>Edge</title>
          <description>For tests.</description>
          <questionnaire id="edge.q" version="1.1" language="en" reviewed="2026-01-01">
            <title>Q</title>
            <description>Q.</description>
            <section id="s">
              <title>S</title>
              <item id="hurt" kind="yes-no"><text>Were you hurt?</text></item>
              <item id="hurt-when" kind="single"><text>When?</text>
                <show-if><equals item="hurt" value="yes"/></show-if>
                <option value="long-ago"><label>Long ago</label></option>
                <option value="recently"><label>Recently</label></option>
              </item>
              <item id="self-harm" kind="yes-no"><text>Did they threaten to hurt themselves?</text></item>
              <item id="g1" kind="likert"><text>G1?</text>
                <option value="0" weight="0"><label>No</label></option>
                <option value="1" weight="1" invites-note="true"><label>Yes</label></option>
                <note>Why?</note>
              </item>
              <item id="g2" kind="likert" never-impute="true"><text>G2?</text>
                <option value="0" weight="0"><label>No</label></option>
                <option value="1" weight="1"><label>Yes</label></option>
              </item>
              <item id="g3" kind="likert"><text>G3?</text>
                <option value="0" weight="0"><label>No</label></option>
                <option value="1" weight="1"><label>Yes</label></option>
              </item>
            </section>
            <scale id="good">
              <title>Good</title>
              <item ref="g1"/><item ref="g2"/><item ref="g3"/>
              <missing-data min-answered="1"/>
              <band id="low" from="0" kind="concern"><label>Low</label></band>
              <band id="high" from="2" kind="strength"><label>High</label></band>
            </scale>
            <flag id="harm" severity="critical" category="safety">
              <title>Harm</title><message>You were hurt.</message>
              <when-answer item="hurt" value="yes"/>
            </flag>
            <flag id="threat" severity="warning" category="safety" interrupt="true" resource-topic="crisis">
              <title>Threat of self-harm</title><message>You are not responsible for keeping them safe by staying.</message>
              <when-answer item="self-harm" value="yes"/>
            </flag>
          </questionnaire>
          <outcome id="safe" safety="true">
            <title>Safety</title><summary>S.</summary><meaning>M.</meaning>
            <next-steps>
              <step>Always.</step>
              <step if-flags="harm">Only after harm.</step>
              <step unless-flags="threat">Not after a threat.</step>
            </next-steps>
          </outcome>
          <outcome id="fine" fallback="true">
            <title>Fine</title><summary>S.</summary><meaning>M.</meaning>
            <next-steps><step if-flags="threat">Call the crisis line for them.</step><step>Rest.</step></next-steps>
          </outcome>
          <tension id="tension.hurt-but-good">
            <title>Hurt, and good</title><message>Both can feel true.</message>
            <when-flag flag="harm"/>
            <when-answers item="g1" values="1"/>
          </tension>
          <resources>
            <resource id="crisis" locale="*" checked="2026-01-01" topic="crisis" source="https://example.org/crisis">
              <name>Crisis line</name><about>Any time.</about><contact kind="phone" value="123">Call</contact>
            </resource>
            <resource id="other" locale="*" checked="2026-01-01">
              <name>Other help</name><about>Office hours.</about><contact kind="phone" value="456">Call</contact>
            </resource>
          </resources>
        </assessment>
        """

    static func assessment() throws -> Assessment {
        try #require(Reading.assessment(text))
    }

    static func score(_ responses: [String: Response]) throws -> ScoreResult {
        let assessment = try assessment()
        var answers = Answers(for: assessment, locale: "en_GB")
        for (item, response) in responses { answers[item] = response }
        return assessment.score(answers)
    }

    @Test func theNewAttributesAreRead() throws {
        let assessment = try Self.assessment()
        #expect(assessment.items.first { $0.id == "g2" }?.neverImpute == true)
        #expect(assessment.items.first { $0.id == "g1" }?.neverImpute == false)
        #expect(assessment.items.first { $0.id == "g1" }?.options.map(\.invitesNote) == [false, true])
        let threat = try #require(assessment.flags.first { $0.id == "threat" })
        #expect(threat.interrupts && threat.resourceTopic == "crisis")
        #expect(assessment.resources.map(\.topic) == ["crisis", nil])
        #expect(assessment.resources.first?.source == "https://example.org/crisis")
        #expect(assessment.tensions.map(\.id) == ["tension.hurt-but-good"])
    }

    @Test func anItemMarkedNeverImputeIsNeverEstimated() throws {
        // g3 missing: prorated from g1 and g2.
        let prorated = try Self.score(["g1": .choice("1"), "g2": .choice("1"), "g3": .declined])
        let good = try #require(prorated.scales.first)
        #expect(good.status == .prorated)
        #expect(good.withheld.isEmpty)
        // g2 missing: not scored, whatever the others say, and it says why.
        let withheld = try Self.score(["g1": .choice("1"), "g2": .declined, "g3": .choice("1")])
        let scale = try #require(withheld.scales.first)
        #expect(scale.isInsufficient && scale.score == nil && scale.band == nil)
        #expect(scale.withheld == ["g2"])
        let text = TextReport(withheld, date: "2026-01-01").render()
        #expect(text.contains("Not scored: you didn't answer “G2?”"))
        #expect(!text.contains("High"))
    }

    @Test func aDeclinedSafetyItemIsAStateOfItsOwn() throws {
        let result = try Self.score(["hurt": .declined, "self-harm": .no, "g1": .choice("0")])
        #expect(result.unansweredSafetyQuestions == ["hurt"])
        #expect(!result.safetyQuestionsAllAnswered)
        let xml = try XMLReport(result, date: "2026-01-01").render()
        #expect(xml.contains(#"questions-all-answered="false""#))
        #expect(xml.contains(#"<unanswered item="hurt" status="declined"/>"#))
        let text = TextReport(result, date: "2026-01-01").render()
        let notice = try #require(text.range(of: "You chose not to answer one of the questions about safety"))
        #expect(notice.lowerBound < (text.range(of: "Result: ")?.lowerBound ?? text.startIndex))
    }

    @Test func stepsFollowTheFlags() throws {
        let harm = try Self.score(["hurt": .yes, "self-harm": .no])
        let harmSteps = ReportContent(harm, date: "2026-01-01", engineVersion: "1").nextSteps
        #expect(harmSteps == ["Always.", "Only after harm.", "Not after a threat."])
        let both = try Self.score(["hurt": .yes, "self-harm": .yes])
        #expect(ReportContent(both, date: "2026-01-01", engineVersion: "1").nextSteps == ["Always.", "Only after harm."])
        let calm = try Self.score(["hurt": .no, "self-harm": .no])
        #expect(ReportContent(calm, date: "2026-01-01", engineVersion: "1").nextSteps == ["Rest."])
        let xml = try XMLReport(calm, date: "2026-01-01").render()
        #expect(!xml.contains("Call the crisis line for them."))
    }

    @Test func anInterruptingFlagComesFirstWithItsResources() throws {
        let result = try Self.score(["hurt": .no, "self-harm": .yes])
        #expect(!result.isSafetyFirst)
        let text = TextReport(result, date: "2026-01-01").render()
        #expect(text.hasPrefix("Before anything else: your safety"))
        let urgent = try #require(text.range(of: "Help you can reach right now, at any hour:\n  Crisis line\n    - Call: 123"))
        let message = try #require(text.range(of: "You are not responsible for keeping them safe by staying."))
        let other = try #require(text.range(of: "Other help"))
        #expect(urgent.upperBound < message.lowerBound && message.upperBound < other.lowerBound)
        #expect(text.contains("1. Call the crisis line for them."))
    }

    @Test func aTensionHoldsOnlyWhenAllItsConditionsDo() throws {
        let both = try Self.score(["hurt": .yes, "self-harm": .no, "g1": .choice("1", note: "Good times.")])
        #expect(both.tensions.map(\.id) == ["tension.hurt-but-good"])
        let text = TextReport(both, date: "2026-01-01").render()
        #expect(text.contains("- Hurt, and good\n  Both can feel true."))
        #expect(try XMLReport(both, date: "2026-01-01").render().contains(#"<tension ref="tension.hurt-but-good">"#))
        #expect(try Self.score(["hurt": .yes, "g1": .choice("0")]).tensions.isEmpty)
        #expect(try Self.score(["hurt": .no, "g1": .choice("1")]).tensions.isEmpty)
    }

    @Test func aFollowUpIsQuotedWithTheAnswerItFollowsAndChangesNothing() throws {
        let long = try Self.score(["hurt": .yes, "hurt-when": .choice("long-ago")])
        let recent = try Self.score(["hurt": .yes, "hurt-when": .choice("recently")])
        let none = try Self.score(["hurt": .yes, "hurt-when": .declined])
        for result in [long, recent, none] {
            #expect(result.isSafetyFirst)
            #expect(result.flags.map(\.flag.id) == ["harm"])
        }
        let text = TextReport(long, date: "2026-01-01").render()
        #expect(text.contains("You answered “Yes” to: Were you hurt?\n  You answered “Long ago” to: When?"))
    }

    @Test func numbersReadAsAPersonWritesThem() {
        func scale(score: Double, minimum: Double, maximum: Double) -> ScaleResult {
            ScaleResult(
                scale: Scale(id: "s", title: "S", members: [], bands: []), status: .prorated, raw: 0, score: score,
                minimum: minimum, maximum: maximum, normalised: 0, band: nil, shown: 3, answered: 2, required: 1,
                contributions: [])
        }
        #expect(TextReport.scoreLine(scale(score: 2.6667, minimum: 0, maximum: 16)) == "Score: about 2.7 out of 16.")
        #expect(TextReport.scoreLine(scale(score: 9, minimum: 0, maximum: 16)) == "Score: 9 out of 16.")
        #expect(
            TextReport.scoreLine(scale(score: 3, minimum: -4, maximum: 8)) == "Score: 3, on a range from -4 to 8.")
    }

    @Test func whyNeverSaysNoWarningSignsCameUpWhileOneCouldNotBeChecked() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <assessment xmlns="urn:crossroads:questionnaire:1" id="why" version="1" language="en" reviewed="2026-01-01">
              <title>Why</title>
              <description>For tests.</description>
              <questionnaire id="why.q" version="1" language="en" reviewed="2026-01-01">
                <title>Q</title>
                <description>Q.</description>
                <section id="s">
                  <title>S</title>
                  <item id="a" kind="yes-no"><text>A?</text></item>
                  <item id="b" kind="yes-no"><text>B?</text></item>
                  <item id="c" kind="yes-no"><text>C?</text></item>
                </section>
                <flag id="fa" severity="warning" category="safety"><title>Sign A</title><message>A.</message>
                  <when-answer item="a" value="yes"/></flag>
                <flag id="fb" severity="warning" category="safety"><title>Sign B</title><message>B.</message>
                  <when-answer item="b" value="yes"/></flag>
                <flag id="fc" severity="warning" category="relationship"><title>Sign C</title><message>C.</message>
                  <when-answer item="c" value="yes"/></flag>
              </questionnaire>
              <outcome id="go" priority="1">
                <title>Go</title><summary>S.</summary><meaning>M.</meaning><next-steps><step>Go.</step></next-steps>
                <rule><none-of><flag-raised flag="fa"/><flag-raised flag="fb"/><flag-raised flag="fc"/></none-of></rule>
              </outcome>
              <outcome id="stay" fallback="true">
                <title>Stay</title><summary>S.</summary><meaning>M.</meaning><next-steps><step>Stay.</step></next-steps>
              </outcome>
              <resources><resource id="any" locale="*" checked="2026-01-01"><name>Help</name><about>Help.</about></resource></resources>
            </assessment>
            """
        let assessment = try #require(Reading.assessment(text))
        var answered = Answers(for: assessment)
        answered["a"] = .no
        answered["b"] = .no
        answered["c"] = .no
        let all = ReportSamples.flat(TextReport(assessment.score(answered), date: "2026-01-01").render())
        #expect(all.contains("None of the warning signs that would call for caution came up."))
        var declined = answered
        declined["b"] = .declined
        let result = assessment.score(declined)
        #expect(result.outcome.id == "go")
        let flat = ReportSamples.flat(TextReport(result, date: "2026-01-01").render())
        #expect(!flat.contains("came up"))
        #expect(flat.contains("but not every question behind them was answered, so they can't be ruled out"))
        // With fewer signs, each is named: the unanswered one can't be ruled out.
        let lookup = Lookup(result)
        let facts = ReportWording.facts(
            RuleTrace(condition: .flagRaised("fb"), holds: false), lookup: lookup)
        #expect(facts == [.clause("“Sign B” can't be ruled out, because a question about it wasn't answered")])
    }
}
