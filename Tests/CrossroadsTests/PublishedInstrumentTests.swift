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

/// Three more published instruments' scoring, by structure only (numbered items and options, none of their
/// wording), each checked at every band edge and count edge against a computation written in the test.
enum MoreInstruments {
    static let step = "<next-steps><step>Step.</step></next-steps>"

    /// An assessment around one inline questionnaire, with a safety outcome, a `positive` outcome for `rule`
    /// and a fallback.
    static func assessment(id: String, body: String, rule: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <assessment xmlns="urn:crossroads:questionnaire:1" id="\(id)" version="1.0.0" language="en" reviewed="2026-11-27">
          <title>Structure only</title><description>Numbered items only.</description>
          <questionnaire id="\(id).q" version="1.0.0" language="en" reviewed="2026-11-27">
            <title>Items</title><description>Structure only.</description>
        \(body)
          </questionnaire>
          <outcome id="safety" priority="100" safety="true"><title>Safety</title><summary>S.</summary><meaning>M.</meaning>\(step)</outcome>
          <outcome id="positive" priority="10"><title>Positive</title><summary>S.</summary><meaning>M.</meaning>\(step)<rule>\(rule)</rule></outcome>
          <outcome id="negative" fallback="true"><title>Negative</title><summary>S.</summary><meaning>M.</meaning>\(step)</outcome>
          <resources><resource id="any" locale="*" checked="2026-11-20"><name>Help</name><about>Local help.</about></resource></resources>
        </assessment>
        """
    }

    /// Likert items `prefix.1`… scored `points` (each option weighs its value).
    static func likertItems(_ prefix: String, count: Int, points: ClosedRange<Int>) -> String {
        let options = points.map { "<option value=\"\($0)\" weight=\"\($0)\"><label>\($0)</label></option>" }.joined()
        let items = (1...count).map { "<item id=\"\(prefix).\($0)\" kind=\"likert\"><text>Item \($0)</text>\(options)</item>" }
        return "<section id=\"\(prefix).s\"><title>Items</title>\(items.joined(separator: "\n"))</section>"
    }

    static func members(_ prefix: String, _ numbers: ClosedRange<Int>) -> String {
        numbers.map { "<item ref=\"\(prefix).\($0)\"/>" }.joined()
    }

    /// Values for `count` items within `points` adding up to `total`, filled from the first item.
    static func spread(total: Int, count: Int, points: ClosedRange<Int>) -> [Int] {
        var left = total - points.lowerBound * count
        return (0..<count).map { _ in
            let extra = min(points.upperBound - points.lowerBound, left)
            left -= extra
            return points.lowerBound + extra
        }
    }

    static func load(_ text: String, path: String) throws -> (Assessment, [Diagnostic]) {
        let document = try LoadedDocument.parse(Array(text.utf8), path: path)
        return try AssessmentLoader(includeBundled: false).load(document)
    }
}

@Suite("A 7-item anxiety screen: items 0–3, bands from 5, 10 and 15")
struct AnxietyScreenInstrumentTests {
    static let fixture = MoreInstruments.assessment(
        id: "gad7", body: MoreInstruments.likertItems("gad", count: 7, points: 0...3) + """
            <scale id="gad.total"><title>Total</title>\(MoreInstruments.members("gad", 1...7))
              <band id="minimal" from="0"><label>Minimal</label></band>
              <band id="mild" from="5"><label>Mild</label></band>
              <band id="moderate" from="10"><label>Moderate</label></band>
              <band id="severe" from="15"><label>Severe</label></band>
            </scale>
            """, rule: #"<band scale="gad.total" bands="moderate severe"/>"#)

    /// The published bands, computed independently of the engine.
    static func band(_ total: Int) -> String {
        total >= 15 ? "severe" : total >= 10 ? "moderate" : total >= 5 ? "mild" : "minimal"
    }

    @Test func validatesWithoutWarnings() throws {
        let (assessment, warnings) = try MoreInstruments.load(Self.fixture, path: "gad7.xml")
        #expect(assessment.items.count == 7)
        #expect(warnings.isEmpty, "\(warnings)")
    }

    @Test("every total, both sides of each band edge", arguments: 0...21)
    func everyTotal(total: Int) throws {
        let (assessment, _) = try MoreInstruments.load(Self.fixture, path: "gad7.xml")
        for values in [
            MoreInstruments.spread(total: total, count: 7, points: 0...3),
            MoreInstruments.spread(total: total, count: 7, points: 0...3).reversed(),
        ] {
            var answers = Answers(for: assessment)
            for (index, value) in values.enumerated() { answers["gad.\(index + 1)"] = .choice(String(value)) }
            #expect(values.reduce(0, +) == total)
            let result = assessment.score(answers)
            let scale = try #require(result.scales.first)
            #expect(scale.score == FixedDecimal(total))
            #expect(scale.band?.id == Self.band(total), "total \(total)")
            #expect(result.outcome.id == (total >= 10 ? "positive" : "negative"), "total \(total)")
        }
    }
}

@Suite("A danger screen: any of items 1–3, or 4 or more of items 4–11, screens in")
struct DangerScreenInstrumentTests {
    static let fixture: String = {
        let items = (1...11).map { "<item id=\"ds.\($0)\" kind=\"yes-no\"><text>Item \($0)</text></item>" }
        return MoreInstruments.assessment(
            id: "danger", body: """
                <section id="ds.s"><title>Items</title>\(items.joined(separator: "\n"))</section>
                <scale id="ds.others"><title>Items 4 to 11</title>\(MoreInstruments.members("ds", 4...11))
                  <band id="below" from="0"><label>Below 4</label></band>
                  <band id="four-or-more" from="4"><label>4 or more</label></band>
                </scale>
                <flag id="ds.any-of-three" severity="critical" category="safety">
                  <title>One of items 1 to 3</title><message>Screens in.</message>
                  <when-answer item="ds.1" value="yes"/><when-answer item="ds.2" value="yes"/><when-answer item="ds.3" value="yes"/>
                </flag>
                <flag id="ds.four-of-eight" severity="critical" category="safety">
                  <title>Four or more of items 4 to 11</title><message>Screens in.</message>
                  <when-scale scale="ds.others" at-least="4"/>
                </flag>
                """, rule: #"<band scale="ds.others" bands="four-or-more"/>"#)
    }()

    @Test func validatesWithoutWarnings() throws {
        let (assessment, warnings) = try MoreInstruments.load(Self.fixture, path: "danger.xml")
        #expect(assessment.items.count == 11)
        #expect(warnings.isEmpty, "\(warnings)")
    }

    @Test(
        "every count of items 4–11 (at the front and at the back) with every combination of items 1–3",
        arguments: 0...8, 0..<8)
    func everyCount(others: Int, firstThree: Int) throws {
        let (assessment, _) = try MoreInstruments.load(Self.fixture, path: "danger.xml")
        for fromTheBack in [false, true] {
            var answers = Answers(for: assessment)
            var anyOfThree = false
            for item in 1...3 {
                let yes = firstThree & (1 << (item - 1)) != 0
                anyOfThree = anyOfThree || yes
                answers["ds.\(item)"] = yes ? .yes : .no
            }
            let yesItems = fromTheBack ? Array((4...11).suffix(others)) : Array((4...11).prefix(others))
            for item in 4...11 { answers["ds.\(item)"] = yesItems.contains(item) ? .yes : .no }
            // The published rule, computed independently.
            let screensIn = anyOfThree || yesItems.count >= 4
            let result = assessment.score(answers)
            #expect(result.isSafetyFirst == screensIn, "items 1–3 \(firstThree), \(others) of 4–11")
            var expectedFlags: [String] = []
            if anyOfThree { expectedFlags.append("ds.any-of-three") }
            if yesItems.count >= 4 { expectedFlags.append("ds.four-of-eight") }
            #expect(result.flags.map(\.flag.id) == expectedFlags)
            #expect(result.scales.first?.raw == FixedDecimal(others))
        }
    }
}

@Suite("A 4-item screen scored 1–5 per item, positive above 10")
struct FourItemScreenInstrumentTests {
    static let fixture = MoreInstruments.assessment(
        id: "four", body: MoreInstruments.likertItems("fi", count: 4, points: 1...5) + """
            <scale id="fi.total"><title>Total</title>\(MoreInstruments.members("fi", 1...4))
              <band id="negative" from="4"><label>10 or below</label></band>
              <band id="positive" from="11"><label>Above 10</label></band>
            </scale>
            """, rule: #"<band scale="fi.total" bands="positive"/>"#)

    @Test func validatesWithoutWarnings() throws {
        let (assessment, warnings) = try MoreInstruments.load(Self.fixture, path: "four.xml")
        #expect(assessment.items.count == 4)
        #expect(warnings.isEmpty, "\(warnings)")
    }

    @Test("every total from 4 to 20, both sides of the cut-off", arguments: 4...20)
    func everyTotal(total: Int) throws {
        let (assessment, _) = try MoreInstruments.load(Self.fixture, path: "four.xml")
        for values in [
            MoreInstruments.spread(total: total, count: 4, points: 1...5),
            MoreInstruments.spread(total: total, count: 4, points: 1...5).reversed(),
        ] {
            var answers = Answers(for: assessment)
            for (index, value) in values.enumerated() { answers["fi.\(index + 1)"] = .choice(String(value)) }
            #expect(values.reduce(0, +) == total)
            let result = assessment.score(answers)
            let scale = try #require(result.scales.first)
            let positive = total > 10  // the published cut-off, computed independently
            #expect(scale.score == FixedDecimal(total))
            #expect(scale.minimum == 4 && scale.maximum == 20)
            #expect(scale.band?.id == (positive ? "positive" : "negative"), "total \(total)")
            #expect(result.outcome.id == (positive ? "positive" : "negative"), "total \(total)")
        }
    }
}
