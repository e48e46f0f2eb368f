import Testing

@testable import Crossroads

/// A published, free-to-use instrument's scoring written in the questionnaire format, with no code change:
/// the PHQ-9's structure (nine items scored 0 to 3, a total of 0 to 27, five bands, and item 9 raising a
/// safety follow-up on any answer above 0, whatever the total). Items and options are labelled by number
/// only; none of the instrument's wording is reproduced.
@Suite("A published instrument's scoring, written in the format")
struct PublishedInstrumentTests {
    static let fixture: String = {
        let options = (0...3).map { "<option value=\"\($0)\" weight=\"\($0)\"><label>\($0)</label></option>" }
            .joined()
        let items = (1...9).map { "<item id=\"phq.\($0)\" kind=\"likert\"><text>Item \($0)</text>\(options)</item>" }
            .joined(separator: "\n")
        let members = (1...9).map { "<item ref=\"phq.\($0)\"/>" }.joined()
        let step = "<next-steps><step>Step.</step></next-steps>"
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <assessment xmlns="urn:crossroads:questionnaire:1" id="phq9-structure" version="1.0.0" language="en"
                        reviewed="2026-11-27">
              <title>Nine-item screen (structure only)</title>
              <description>Nine items scored 0 to 3; bands on the total; item 9 is critical.</description>
              <questionnaire id="phq9" version="1.0.0" language="en" reviewed="2026-11-27">
                <title>Nine items</title>
                <description>Structure only.</description>
                <section id="phq.s"><title>Items</title>
            \(items)
                </section>
                <scale id="phq.total">
                  <title>Total</title>
                  \(members)
                  <missing-data min-answered="8"/>
                  <band id="minimal" from="0"><label>Minimal</label></band>
                  <band id="mild" from="5"><label>Mild</label></band>
                  <band id="moderate" from="10"><label>Moderate</label></band>
                  <band id="moderately-severe" from="15"><label>Moderately severe</label></band>
                  <band id="severe" from="20"><label>Severe</label></band>
                </scale>
                <flag id="phq.item9" severity="critical" category="safety">
                  <title>Item 9 above 0</title>
                  <message>Any answer above 0 to item 9 calls for a safety follow-up.</message>
                  <when-answer item="phq.9" value="1"/>
                  <when-answer item="phq.9" value="2"/>
                  <when-answer item="phq.9" value="3"/>
                </flag>
              </questionnaire>
              <outcome id="follow-up" priority="100" safety="true">
                <title>Safety follow-up</title><summary>S.</summary><meaning>M.</meaning>\(step)
              </outcome>
              <outcome id="high" priority="10">
                <title>Moderately severe or severe</title><summary>S.</summary><meaning>M.</meaning>\(step)
                <rule><band scale="phq.total" bands="moderately-severe severe"/></rule>
              </outcome>
              <outcome id="other" fallback="true">
                <title>Other</title><summary>S.</summary><meaning>M.</meaning>\(step)
              </outcome>
              <resources>
                <resource id="any" locale="*" checked="2026-11-20">
                  <name>Local help</name><about>Your local emergency number.</about>
                </resource>
              </resources>
            </assessment>
            """
    }()

    static func load() throws -> Assessment {
        try AssessmentLoader(includeBundled: false).load(text: fixture, path: "phq9.xml")
    }

    /// Answers whose items 1–8 add up to `total` (at most 24) and whose item 9 is `item9`.
    static func answers(total: Int, item9: Int = 0, for assessment: Assessment) -> Answers {
        var answers = Answers(for: assessment)
        var left = total
        for index in 1...8 {
            let value = min(3, left)
            left -= value
            answers["phq.\(index)"] = .choice(String(value))
        }
        answers["phq.9"] = .choice(String(item9))
        return answers
    }

    static let expectedBand: [ClosedRange<Int>: String] = [
        0...4: "minimal", 5...9: "mild", 10...14: "moderate", 15...19: "moderately-severe", 20...27: "severe",
    ]

    @Test func itLoadsAndValidatesAsWrittenWithoutWarnings() throws {
        let document = try LoadedDocument.parse(Array(Self.fixture.utf8), path: "phq9.xml")
        let (assessment, warnings) = try AssessmentLoader(includeBundled: false).load(document)
        #expect(assessment.items.count == 9)
        #expect(warnings.isEmpty, "\(warnings)")
    }

    @Test("every total from 0 to 27 falls in the published band", arguments: 0...27)
    func everyBandEdge(total: Int) throws {
        let assessment = try Self.load()
        // Totals above 24 need item 9, which then also raises the critical flag.
        let item9 = max(0, total - 24)
        let result = assessment.score(Self.answers(total: total - item9, item9: item9, for: assessment))
        let scale = try #require(result.scales.first)
        #expect(scale.score == FixedDecimal(total))
        #expect(scale.minimum == 0 && scale.maximum == 27)
        let expected = Self.expectedBand.first { $0.key.contains(total) }?.value
        #expect(scale.band?.id == expected, "total \(total)")
        if item9 == 0 {
            #expect(result.outcome.id == (total >= 15 ? "high" : "other"), "total \(total)")
        } else {
            #expect(result.outcome.id == "follow-up")
        }
    }

    @Test("item 9 above 0 overrides the bands, even with a minimal total", arguments: 1...3)
    func criticalItemOverrides(item9: Int) throws {
        let assessment = try Self.load()
        let result = assessment.score(Self.answers(total: 0, item9: item9, for: assessment))
        #expect(result.scales.first?.band?.id == "minimal")
        #expect(result.isSafetyFirst)
        #expect(result.outcome.id == "follow-up")
        #expect(result.decision.reason == .safetyOverride(flags: ["phq.item9"]))
        #expect(TextReport(result, date: "2026-11-27").sections().first?.kind == .safety)
    }

    @Test func itemNineAtZeroRaisesNothing() throws {
        let assessment = try Self.load()
        let result = assessment.score(Self.answers(total: 24, item9: 0, for: assessment))
        #expect(result.flags.isEmpty)
        #expect(result.scales.first?.band?.id == "severe")
        #expect(result.outcome.id == "high")
    }

    @Test("one missing item is prorated; two make the total insufficient")
    func missingDataRule() throws {
        let assessment = try Self.load()
        var answers = Self.answers(total: 16, item9: 0, for: assessment)
        answers["phq.1"] = .declined  // 16 - 3 = 13 over 8 answered items
        let prorated = try #require(assessment.score(answers).scales.first)
        #expect(prorated.status == .prorated)
        #expect(prorated.score == 14.625)  // the answered items' share of their range, applied to 0…27
        answers["phq.2"] = .declined
        let insufficient = try #require(assessment.score(answers).scales.first)
        #expect(insufficient.isInsufficient)
        #expect(insufficient.band == nil)
    }
}
