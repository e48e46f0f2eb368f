import PropertyBased
import Testing

@testable import Crossroads

@Suite("Report properties")
struct ReportPropertyTests {
    /// Whenever a critical safety flag is raised, the text report's first section is about safety; and every
    /// report keeps its closing note, its provenance last, and its width.
    @Test func theFirstSectionIsAboutSafetyWheneverASafetyFlagIsRaised() async {
        var safetyCases = 0
        var cases = 0
        await propertyCheck(count: 3000, input: RandomAssessments.mixedCases) { testCase in
            cases += 1
            let result = Scorer(testCase.assessment).score(testCase.answers)
            let report = TextReport(result, date: ReportSamples.date)
            let sections = report.sections()
            if result.flags.contains(where: \.flag.isSafetyCritical) {
                safetyCases += 1
                #expect(sections.first?.kind == .safety)
                #expect(result.isSafetyFirst)
            }
            if result.hasSafetyConcern || result.isSafetyFirst {
                #expect(sections.first?.kind == .safety)
            } else if !result.flags.contains(where: { $0.flag.severity == .critical }) {
                #expect(!sections.contains { $0.kind == .safety })
            }
            #expect(sections.filter { $0.kind == .safety }.count <= 1)
            #expect(sections.last?.kind == .provenance)
            #expect(sections.contains { $0.kind == .closing })
            let text = report.render(width: 40)
            #expect(ReportSamples.flat(text).contains(ReportSamples.flat(ReportWording.noFlagIsNotSafe)))
            for line in text.split(separator: "\n") where line.count > 40 {
                #expect((line.split(separator: " ").map(\.count).max() ?? 0) > 32, "\(line)")
            }
        }
        guard cases == 3000 else { return }
        #expect(safetyCases >= 300)
    }

    /// Every XML report of a random result validates against the embedded schema.
    /// No report says, or implies, that no warning signs came up while any safety question is unanswered;
    /// and such a report always says the safety questions were not all answered, before its result.
    @Test func noAllClearWhileASafetyQuestionIsUnanswered() async {
        var unansweredCases = 0
        var cases = 0
        await propertyCheck(count: 2000, input: RandomAssessments.mixedCases, Gen<UInt64>.value()) { testCase, seed in
            cases += 1
            let scorer = Scorer(testCase.assessment)
            var answers = testCase.answers
            // Decline one question that can raise a safety flag, when there is one.
            let first = scorer.score(answers)
            let candidates = first.items.filter {
                $0.status != .notShown && Lookup.canRaiseSafetyFlag($0.item.id, first)
            }
            if !candidates.isEmpty {
                var rng = SplitMix(seed: seed)
                answers[candidates[Int(rng.next() % UInt64(candidates.count))].item.id] = .declined
            }
            let result = scorer.score(answers)
            guard !result.safetyQuestionsAllAnswered else { return }
            unansweredCases += 1
            let text = ReportSamples.flat(TextReport(result, date: ReportSamples.date).render(width: 80))
            #expect(!text.contains("none of the warning signs that would call for caution came up"))
            let lookup = Lookup(result)
            for flag in result.assessment.flags where lookup.isUndetermined(flag: flag.id) {
                #expect(!text.contains("“\(ReportSamples.flat(flag.title))” didn't come up"))
            }
            #expect(text.contains("So this report can't tell whether the warning signs those questions look for apply"))
            if let notice = text.range(of: "So this report can't tell whether"), let outcome = text.range(of: "Result: ") {
                #expect(notice.lowerBound < outcome.lowerBound)
            }
            if let xml = try? XMLReport(result, date: ReportSamples.date).render() {
                #expect(xml.contains(#"questions-all-answered="false""#))
            }
        }
        guard cases == 2000 else { return }
        #expect(unansweredCases >= 200)
    }

    @Test func everyXMLReportValidates() async {
        await propertyCheck(count: 400, input: RandomAssessments.mixedCases) { testCase in
            let result = Scorer(testCase.assessment).score(testCase.answers)
            do {
                let xml = try XMLReport(result, date: ReportSamples.date).render()
                let problems = ReportXMLTests.diagnostics(xml)
                #expect(problems.isEmpty, "\(problems)")
            } catch {
                Issue.record("render failed: \(error)")
            }
        }
    }
}
