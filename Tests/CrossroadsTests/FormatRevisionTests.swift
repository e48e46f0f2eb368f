import Foundation
import Testing

@testable import Crossroads

/// The elements added in format 1 revision 2, end to end through the seed file the fuzzers start from
/// (.ci/fuzz-corpus/questionnaire/format-revision-2.xml): option sets, `when-value`, `when-band`,
/// `when-scale if-unscored`, `any-flag`, `missing-data round`, and an exact decimal sum.
@Suite("Format revision 2: new conditions, flags, rounding and option sets")
struct FormatRevisionTests {
    static let path = ExampleFiles.packageRoot.appending(path: ".ci/fuzz-corpus/questionnaire/format-revision-2.xml")
        .path

    static func load() throws -> Assessment {
        try AssessmentLoader(includeBundled: false).load(file: path)
    }

    /// Answers to items 1–3 (`nil` declines) and items 4–5 (no unless given).
    static func answers(_ values: [Int?], d1: Bool = false, d2: Bool = false, for assessment: Assessment) -> Answers {
        var answers = Answers(for: assessment)
        for (index, value) in values.enumerated() {
            answers["r2.\(index + 1)"] = value.map { .choice(String($0)) } ?? .declined
        }
        answers["r2.d1"] = d1 ? .yes : .no
        answers["r2.d2"] = d2 ? .yes : .no
        return answers
    }

    @Test func theSeedFileIsValidWithoutWarnings() throws {
        let document = try LoadedDocument.parse(
            Array(try String(contentsOfFile: Self.path, encoding: .utf8).utf8), path: Self.path)
        let (assessment, warnings) = try AssessmentLoader(includeBundled: false).load(document)
        #expect(warnings.isEmpty, "\(warnings)")
        // The option set was copied into each item that names it.
        for id in ["r2.1", "r2.2", "r2.3"] {
            #expect(assessment.items.first { $0.id == id }?.options.map(\.value) == ["0", "1", "2", "3"])
        }
    }

    @Test(
        "each case: score, band, flags and outcome",
        arguments: [
            // items 1–3, d1, d2, score, band, flags, outcome
            ([3, 3, nil], false, false, "9", "high", ["r2.total-high"], "wellbeing-warning"),
            ([1, 2, nil], false, false, "5", "high", ["r2.total-high"], "wellbeing-warning"),  // 4.5 rounded half up
            ([1, 1, 2], false, false, "4", "low", ["r2.item3-high"], "wellbeing-warning"),
            ([0, 0, 1], false, false, "1", "low", ["r2.total-low"], "other"),
            ([1, 1, 1], false, false, "3", "low", [], "calm"),
            ([1, nil, nil], false, false, nil, nil, [], "other"),  // unscored: the at-most flag stays down
            ([1, 1, 1], true, true, "3", "low", ["r2.exact-sum"], "safety"),  // 0.7 + 0.1 reaches 0.8
            ([1, 1, 1], true, false, "3", "low", [], "calm"),
        ] as [([Int?], Bool, Bool, String?, String?, [String], String)])
    func cases(
        values: [Int?], d1: Bool, d2: Bool, score: String?, band: String?, flags: [String], outcome: String
    ) throws {
        let assessment = try Self.load()
        let result = assessment.score(Self.answers(values, d1: d1, d2: d2, for: assessment))
        let total = try #require(result.scales.first { $0.scale.id == "r2.total" })
        #expect(total.score?.description == score)
        #expect(total.band?.id == band)
        #expect(result.flags.map(\.flag.id) == flags)
        #expect(result.outcome.id == outcome)
    }

    @Test func bothReportsExplainAnAnyFlagRuleByTheFlagsThatMatched() throws {
        let assessment = try Self.load()
        let result = assessment.score(Self.answers([1, 1, 2], for: assessment))
        let text = TextReport(result, date: "2026-11-27").render(width: 100)
        #expect(text.contains("“Item 3 at 2 or more”"), "\(text)")
        #expect(text.contains("Item 3 was answered 2 or more."), "\(text)")
        let xml = try XMLReport(result, date: "2026-11-27").render()
        #expect(Validator.checkReport(xml).isEmpty, "\(Validator.checkReport(xml))")
        #expect(xml.contains(#"<any-flag category="wellbeing" severity="warning" holds="true">"#), "\(xml)")
        #expect(xml.contains(#"<flag-raised flag="r2.item3-high" holds="true"/>"#), "\(xml)")
    }

    @Test func aNoneOfAnyFlagThatFailsNamesTheFlag() throws {
        let assessment = try Self.load()
        let result = assessment.score(Self.answers([0, 0, 1], for: assessment))
        let xml = try XMLReport(result, date: "2026-11-27").render()
        #expect(Validator.checkReport(xml).isEmpty)
        #expect(xml.contains(#"<any-flag holds="true">"#), "\(xml)")
        #expect(xml.contains(#"<flag-raised flag="r2.total-low" holds="true"/>"#), "\(xml)")
    }

    @Test(
        "the validator's new checks, each with its place",
        arguments: [
            (
                #"options="four""#, #"options="five""#,
                #"uses the option set "five", which this questionnaire does not declare"#
            ),
            (
                #"<when-value item="r2.3" at-least="2"/>"#, #"<when-value item="r2.d1" at-least="2"/>"#,
                "its answers are not numbered"
            ),
            (
                #"<when-band scale="r2.total" bands="high"/>"#, #"<when-band scale="r2.total" bands="top"/>"#,
                #"watches band "top" of scale "r2.total", which has no such band"#
            ),
            (
                #"<rule><any-flag category="wellbeing" severity="warning"/></rule>"#,
                #"<rule><any-flag category="readiness"/></rule>"#, "needs any raised readiness flag"
            ),
            (
                #"<when-scale scale="r2.decimals" at-least="0.8"/>"#,
                #"<when-scale scale="r2.decimals" at-least="0.8001"/>"#,
                #"critical safety flag "r2.exact-sum" can never be raised"#
            ),
        ])
    func validatorChecks(from: String, to: String, message: String) throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        #expect(text.contains(from))
        let changed = text.replacingOccurrences(of: from, with: to)
        do {
            _ = try AssessmentLoader(includeBundled: false).load(text: changed, path: "changed.xml")
            Issue.record("expected an error containing \(message)")
        } catch {
            guard case .invalid(_, let diagnostics) = error else {
                Issue.record("\(error)")
                return
            }
            let found = diagnostics.first { $0.message.contains(message) }
            #expect(found != nil, "\(diagnostics)")
            #expect(found?.severity == .error)
            #expect(found?.location?.line ?? 0 > 1, "located: \(String(describing: found))")
        }
    }
}
