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
