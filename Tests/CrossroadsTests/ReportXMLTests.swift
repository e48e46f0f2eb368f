import Foundation
import Testing

@testable import Crossroads

@Suite("XML report")
struct ReportXMLTests {
    static let root = SafeXMLReader.Root(namespace: XMLReport.namespace, name: "report")

    /// Validates with the library's own reader and the embedded schema.
    static func diagnostics(_ xml: String) -> [Diagnostic] {
        SafeXMLReader.validate(xml, path: "report.xml", schema: CompiledSchema.report, roots: [root], kind: "report")
    }

    /// Parses a report written by the library into elements.
    static func parse(_ xml: String) throws -> SourceElement {
        let parsed = SafeXMLReader.read(
            Array(xml.utf8), path: "report.xml", schema: CompiledSchema.report, roots: [root], kind: "report")
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        return try #require(parsed.root)
    }

    static func render(_ name: String) throws -> String {
        try XMLReport(ReportSamples.result(name), date: ReportSamples.date).render()
    }

    // MARK: Validity

    @Test("Every report validates against the embedded report.xsd", arguments: ReportSamples.names)
    func validatesWithTheEmbeddedSchema(name: String) throws {
        let xml = try Self.render(name)
        #expect(Self.diagnostics(xml).isEmpty, "\(Self.diagnostics(xml))")
    }

    @Test("Every report validates with xmllint --schema Reports/report.xsd", arguments: ReportSamples.names)
    func validatesWithXmllint(name: String) throws {
        guard XMLLint.isAvailable else {
            Issue.record("xmllint is not installed (apt-get install libxml2-utils)")
            return
        }
        let (status, output) = try XMLLint.validate(try Self.render(name))
        #expect(status == 0, "\(output)")
        #expect(output.contains("validates"))
    }

    @Test func theEmbeddedSchemaIsTheRepositorysFile() throws {
        let file = try String(contentsOf: XMLLint.reportSchema, encoding: .utf8)
        #expect(Bundled.text("Reports/report.xsd") == file)
        #expect(Schema.report.text == file)
    }

    @Test func theSchemaRejectsAReportWithoutItsDisclaimer() throws {
        let xml = try Self.render("hopeful")
        let start = try #require(xml.range(of: "  <disclaimer>"))
        let end = try #require(xml.range(of: "</disclaimer>\n"))
        let broken = xml.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
        #expect(!Self.diagnostics(broken).isEmpty)
    }

    // MARK: Content

    @Test func holdsTheWholeExplanation() throws {
        let result = ReportSamples.result("hopeful")
        let report = try Self.parse(try XMLReport(result, date: ReportSamples.date).render())
        #expect(report.namespace == XMLReport.namespace)
        #expect(report.attribute("format-version") == "1")

        let provenance = try #require(report.child("provenance"))
        #expect(provenance.attribute("date") == ReportSamples.date)
        let assessment = try #require(provenance.child("assessment"))
        #expect(assessment.attribute("id") == "sample")
        #expect(assessment.attribute("version") == "1.2.0")
        #expect(assessment.attribute("content-hash") == String(repeating: "ab", count: 32))
        #expect(provenance.child("engine")?.attribute("version") == Scorer.engineVersion)

        // Every item, with its status and response.
        let items = try #require(report.child("items")).children(named: "item")
        #expect(items.map { $0.attribute("id") ?? "" } == result.items.map(\.item.id))
        #expect(items.map { $0.attribute("status") ?? "" } == result.items.map(\.status.rawValue))
        let pushed = try #require(items.first { $0.attribute("id") == "honest.pushed-away" })
        #expect(pushed.child("response")?.child("choice")?.attribute("label") == "Mostly true")
        #expect(
            pushed.child("response")?.child("note")?.text
                == "I went quiet instead of saying what I needed.\nAnd I was jealous.")
        let hidden = try #require(items.first { $0.attribute("id") == "letgo.lost-self" })
        #expect(hidden.attribute("status") == "not-shown")
        #expect(hidden.child("response") == nil)

        // Every scale with its arithmetic and contributions.
        let scales = try #require(report.child("scales")).children(named: "scale")
        #expect(scales.count == result.scales.count)
        let ownership = try #require(scales.first { $0.attribute("id") == "honest.ownership" })
        #expect(ownership.attribute("status") == "complete")
        #expect(ownership.attribute("raw") == "6")
        #expect(ownership.attribute("score") == "6")
        #expect(ownership.attribute("minimum") == "0")
        #expect(ownership.attribute("maximum") == "8")
        #expect(ownership.attribute("normalised") == "0.75")
        #expect(ownership.attribute("percent") == "75")
        #expect(ownership.attribute("shown") == "2")
        #expect(ownership.attribute("answered") == "2")
        #expect(ownership.attribute("required") == "1")
        #expect(ownership.child("band")?.attribute("id") == "high")
        #expect(ownership.child("band")?.attribute("kind") == "strength")
        let contributions = ownership.children(named: "contribution")
        #expect(contributions.map { $0.attribute("item") ?? "" } == ["honest.pushed-away", "honest.arguments"])
        #expect(contributions.map { $0.attribute("points") ?? "" } == ["3", "3"])

        // The decision, every rule's evaluation and its trace.
        let decision = try #require(report.child("decision"))
        #expect(decision.attribute("outcome") == "try-again-slowly")
        #expect(decision.attribute("reason") == "rule")
        #expect(decision.child("why")?.text.contains("“Strong good signs” in “Good signs”") == true)
        let evaluations = decision.children(named: "evaluation")
        #expect(evaluations.map { $0.attribute("outcome") ?? "" } == result.decision.evaluations.map(\.outcomeID))
        let letGo = try #require(evaluations.first { $0.attribute("outcome") == "let-go" })
        #expect(letGo.attribute("result") == "not-matched")
        #expect(letGo.child("band")?.attribute("holds") == "false")
        #expect(letGo.child("band")?.attribute("actual") == "few")
        let chosen = try #require(evaluations.first { $0.attribute("outcome") == "try-again-slowly" })
        #expect(chosen.attribute("result") == "matched")
        let allOf = try #require(chosen.child("all-of"))
        #expect(allOf.attribute("holds") == "true")
        #expect(allOf.children.map(\.name) == ["band", "none-of"])
        #expect(allOf.child("none-of")?.child("flag-raised")?.attribute("flag") == "letgo.anxious-flag")
        #expect(evaluations.first { $0.attribute("outcome") == "unclear" }?.attribute("result") == "no-rule")

        // Outcome, highlights, reflections, resources, disclaimer.
        let outcome = try #require(report.child("outcome"))
        #expect(outcome.child("title")?.text == "Trying again, slowly, could make sense")
        #expect(outcome.child("next-steps")?.children(named: "step").count == 2)
        #expect(outcome.child("discuss")?.attribute("source") == "outcome")
        let highlights = try #require(report.child("highlights"))
        #expect(highlights.children(named: "strength").count == 3)
        #expect(highlights.children(named: "noticed").first?.attribute("flag") == "good.note")
        let reflections = try #require(report.child("reflections")).children(named: "reflection")
        #expect(
            reflections.map { $0.attribute("item") ?? "" }
                == ["honest.pushed-away", "honest.arguments", "honest.their-side"])
        let resources = try #require(report.child("resources"))
        #expect(resources.attribute("locale") == "en-GB")
        #expect(resources.attribute("match") == "region")
        #expect(resources.children(named: "resource").map { $0.attribute("id") ?? "" } == ["gb.helpline"])
        let disclaimer = try #require(report.child("disclaimer"))
        #expect(disclaimer.child("not-a-diagnosis")?.text == ReportSamples.wording(.notADiagnosis))
        #expect(disclaimer.child("no-flag-is-not-safe")?.text == ReportWording.noFlagIsNotSafe)
        #expect(report.child("safety")?.attribute("concern") == "false")
    }

    @Test func aSafetyReportCarriesTheOverrideAndTheEvidence() throws {
        let report = try Self.parse(try Self.render("safety"))
        let safety = try #require(report.child("safety"))
        #expect(safety.attribute("concern") == "true")
        #expect(safety.attribute("safety-first") == "true")
        #expect(
            safety.children(named: "flag").map { $0.attribute("ref") ?? "" }
                == ["safety.physical-harm", "safety.phone-control"])
        #expect(safety.child("message")?.text == ReportWording.safetyIntroduction(serious: true, wording: ReportSamples.assessment.wording))
        let decision = try #require(report.child("decision"))
        #expect(decision.attribute("reason") == "safety-override")
        #expect(decision.children(named: "override-flag").map { $0.attribute("ref") ?? "" } == ["safety.physical-harm"])
        #expect(
            decision.children(named: "evaluation").allSatisfy {
                ["not-tried", "no-rule"].contains($0.attribute("result") ?? "")
            })
        let flags = try #require(report.child("flags")).children(named: "flag")
        let harm = try #require(flags.first { $0.attribute("id") == "safety.physical-harm" })
        #expect(harm.attribute("safety-critical") == "true")
        let evidence = try #require(harm.child("evidence")?.child("answer"))
        #expect(evidence.attribute("item") == "safety.hurt")
        #expect(evidence.attribute("value") == "yes")
        #expect(evidence.attribute("label") == "Yes")
        #expect(
            report.child("resources")?.children(named: "resource").map { $0.attribute("id") ?? "" }
                == ["us.ndvh", "us.emergency"])
    }

    @Test("The safety section's quotes: follow-up answers under their flag, each answer once; crisis-first help marked")
    func safetyQuotesAndUrgentResources() throws {
        let choked = try Self.parse(try ExampleFiles.render("choked-years-ago-says-changed").xml)
        let flags = try #require(choked.child("safety")).children(named: "flag")
        let strangulation = try #require(flags.first { $0.attribute("ref") == "safety.strangulation" })
        let quotes = strangulation.children(named: "quote")
        #expect(strangulation.attribute("quoted") == String(quotes.count))
        #expect(
            quotes.map { "\($0.attribute("item") ?? "")=\($0.child("answer")?.text ?? "")" } == [
                "safety.choked=Yes", "safety.choked-when=More than five years ago", "safety.choked-times=Once",
            ])
        #expect(quotes[1].child("question")?.text == "When did it last happen?")
        // Each answer is quoted once in the whole section.
        for name in ExampleFiles.names {
            let report = try Self.parse(try ExampleFiles.render(name).xml)
            let all = (report.child("safety")?.children(named: "flag") ?? []).flatMap { $0.children(named: "quote") }
            let keys = all.map { "\($0.attribute("item") ?? "")=\($0.attribute("value") ?? "")" }
            #expect(Set(keys).count == keys.count, "\(name): \(keys)")
        }
        // The crisis line a raised flag asks for is marked, and only it.
        let threat = try Self.parse(try ExampleFiles.render("ex-threatens-self-harm").xml)
        let resources = try #require(threat.child("resources")).children(named: "resource")
        #expect(resources.filter { $0.attribute("urgent") == "true" }.map { $0.attribute("id") ?? "" } == ["us.988"])
        let mixed = try Self.parse(try ExampleFiles.render("mixed").xml)
        #expect(
            mixed.child("resources")?.children(named: "resource").allSatisfy { $0.attribute("urgent") == nil } == true)
    }

    @Test func insufficientScalesHaveNoScoreButAReason() throws {
        let report = try Self.parse(try Self.render("sparse"))
        let scales = try #require(report.child("scales")).children(named: "scale")
        let good = try #require(scales.first { $0.attribute("id") == "good" })
        #expect(good.attribute("status") == "insufficient")
        #expect(good.attribute("score") == nil)
        #expect(good.attribute("normalised") == nil)
        #expect(good.child("band") == nil)
        #expect(good.child("insufficient-reason")?.text.isEmpty == false)
        #expect(report.child("decision")?.attribute("reason") == "fallback")
        #expect(report.child("outcome")?.child("discuss")?.attribute("source") == "default")
        #expect(report.child("safety")?.attribute("declined-questions") == "1")
        #expect(report.child("resources")?.attribute("match") == "fallback")
    }

    @Test("A scale's numbers are written with at most four decimals")
    func numbers() throws {
        // Three equal Likert items, two answered: prorated, with a repeating fraction.
        let likert = [
            Option(value: "0", label: "0", weight: 0), Option(value: "1", label: "1", weight: 1),
            Option(value: "2", label: "2", weight: 3),
        ]
        let items = (1...3).map { Item(id: "q\($0)", kind: .likert, text: "Q\($0)", options: likert) }
        let scale = Scale(
            id: "s", title: "S", members: items.map { Scale.Member(item: $0.id) }, minimumAnswered: 1,
            bands: [Band(id: "all", label: "All", from: 0)])
        let assessment = TestAssessments.assessment(items: items, scales: [scale])
        let answers = TestAssessments.answers(
            ["q1": .choice("1"), "q2": .declined, "q3": .choice("1")], for: assessment)
        let result = assessment.score(answers)
        let xml = try XMLReport(result, date: ReportSamples.date).render()
        #expect(Self.diagnostics(xml).isEmpty, "\(Self.diagnostics(xml))")
        let element = try #require(try Self.parse(xml).child("scales")?.child("scale"))
        #expect(element.attribute("status") == "prorated")
        #expect(element.attribute("raw") == "2")
        #expect(element.attribute("score") == "3")
        #expect(element.attribute("maximum") == "9")
        #expect(element.attribute("normalised") == "0.3333")
        #expect(element.attribute("percent") == "33")
    }

    // MARK: Characters

    @Test(
        "Control characters never reach the XML",
        arguments: [
            "nul\u{0}here", "bell\u{7}and escape\u{1B}[0m", "form\u{C}feed", "\u{FFFE}\u{FFFF}", "ok\ttab\nline\r\nwin",
        ])
    func controlCharacters(words: String) throws {
        var answers = ReportSamples.hopefulAnswers
        answers["honest.their-side"] = .text(words)
        answers["honest.arguments"] = .choice("3", note: words)
        answers.locale = "en_GB\u{1}"
        let xml = try XMLReport(ReportSamples.assessment.score(answers), date: ReportSamples.date).render()
        let forbidden = xml.unicodeScalars.filter { !XMLWriter.isXMLCharacter($0) }
        #expect(forbidden.isEmpty)
        #expect(Self.diagnostics(xml).isEmpty, "\(Self.diagnostics(xml))")
        let report = try Self.parse(xml)
        let words = try #require(
            report.child("reflections")?.children(named: "reflection")
                .first { $0.attribute("item") == "honest.their-side" }?.child("words"))
        #expect(words.text == XMLWriter.sanitized(answers["honest.their-side"]?.words ?? ""))
    }

    @Test func markupInAPersonsWordsIsEscapedNotInterpreted() throws {
        var answers = ReportSamples.hopefulAnswers
        let words = "</words><evil attr=\"1\"/> & <![CDATA[x]]> ]]> <!-- c -->"
        answers["honest.their-side"] = .text(words)
        let xml = try XMLReport(ReportSamples.assessment.score(answers), date: ReportSamples.date).render()
        let report = try Self.parse(xml)
        let reflection = report.child("reflections")?.children(named: "reflection").last
        #expect(reflection?.child("words")?.text == words)
    }

    // MARK: Dates and determinism

    @Test(
        "An invalid date is refused",
        arguments: ["2026-13-01", "2026-02-30", "2025-02-29", "26-01-01", "today", "2026-1-01", ""])
    func invalidDate(date: String) {
        #expect(throws: CrossroadsError.self) {
            try XMLReport(ReportSamples.result("hopeful"), date: date).render()
        }
    }

    @Test("A valid date is accepted", arguments: ["2024-02-29", "2026-12-31", "0001-01-01"])
    func validDate(date: String) throws {
        let xml = try XMLReport(ReportSamples.result("hopeful"), date: date).render()
        #expect(xml.contains("<provenance date=\"\(date)\">"))
    }

    @Test("Same input, same bytes", arguments: ReportSamples.names)
    func deterministic(name: String) throws {
        let first = try Self.render(name)
        let second = try XMLReport(
            ReportSamples.assessment.score(ReportSamples.answers(named: name)),
            date: ReportSamples.date
        ).render()
        #expect(Array(first.utf8) == Array(second.utf8))
        #expect(
            first.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report xmlns=\"urn:crossroads:report:1\""))
        #expect(first.hasSuffix("</report>\n"))
    }

    @Test func aNonFiniteNumberIsRefusedNotWritten() {
        var result = ReportSamples.result("hopeful")
        result.scales[0].normalised = .nan
        #expect(throws: CrossroadsError.self) {
            try XMLReport(result, date: ReportSamples.date).render()
        }
    }
}
