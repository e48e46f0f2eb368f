import Foundation
import Testing

@testable import Crossroads

/// The engine speaks of no subject (issue 11, finding 6): every sentence that depends on what an assessment
/// is about comes from its `<wording>`, and the engine's defaults are neutral. An assessment about sleep
/// (.ci/fuzz-corpus/questionnaire/sleep-habits-wording.xml), with and without a `<wording>` of its own, gets
/// reports with no word of the shipped assessment's subject in them, whatever the answers.
@Suite("Wording: no subject in the engine")
struct SubjectWordingTests {
    static let seed = ExampleFiles.packageRoot.appending(path: ".ci/fuzz-corpus/questionnaire/sleep-habits-wording.xml")

    /// The shipped assessment's subject words, matched as whole words, ignoring case.
    static let subjectWords = [
        "ex", "exes", "ex's", "relationship", "relationships", "together", "partner", "partners", "dating",
        "abuse", "abusive", "domestic", "advocate", "breakup", "break-up",
    ]

    /// The subject words found in `text` (whole words, any case).
    static func subjectWordsIn(_ text: String) -> [String] {
        let lowered = text.lowercased()
        // Words, keeping apostrophes and hyphens inside them ("ex's", "break-up").
        let words = lowered.split { !($0.isLetter || $0 == "'" || $0 == "’" || $0 == "-") }
            .map {
                $0.replacingOccurrences(of: "’", with: "'").trimmingCharacters(in: CharacterSet(charactersIn: "'-"))
            }
        var found = Set(words.filter(subjectWords.contains))
        if lowered.range(of: #"\bback\s+together\b"#, options: .regularExpression) != nil {
            found.insert("back together")
        }
        return found.sorted()
    }

    static func sleepText(withWording: Bool) throws -> String {
        let text = try String(contentsOf: seed, encoding: .utf8)
        guard !withWording else { return text }
        let start = try #require(text.range(of: "  <wording>"))
        let end = try #require(text.range(of: "</wording>\n"))
        return text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
    }

    static func sleep(withWording: Bool) throws -> Assessment {
        try AssessmentLoader().load(text: try sleepText(withWording: withWording), path: "sleep.xml")
    }

    /// Answer sets that take every path a subject sentence could be on.
    static func answerSets(_ assessment: Assessment) -> [(name: String, answers: Answers)] {
        func answers(_ responses: [String: Response], locale: String) -> Answers {
            var answers = Answers(for: assessment, locale: locale)
            for (item, response) in responses { answers[item] = response }
            return answers
        }
        let troubled: [String: Response] = [
            "sleep.latency": .choice("3"), "sleep.waking": .choice("3"), "sleep.unrested": .choice("2"),
            "sleep.notes": .text("I blame myself for it."),
        ]
        return [
            // The safety outcome, no resources for the locale, the person's own words.
            ("safety, no resources", answers(troubled.merging(["sleep.drowsy-driving": .yes]) { $1 }, locale: "en_US")),
            // The safety outcome with resources, nothing written.
            (
                "safety, resources",
                answers(
                    [
                        "sleep.drowsy-driving": .yes, "sleep.latency": .choice("0"), "sleep.waking": .choice("1"),
                        "sleep.unrested": .choice("0"),
                    ], locale: "en_GB")
            ),
            // The safety question declined, a warning flag.
            ("declined", answers(troubled.merging(["sleep.drowsy-driving": .declined]) { $1 }, locale: "en_GB")),
            // Calm: a strength, no safety section.
            (
                "calm",
                answers(
                    [
                        "sleep.drowsy-driving": .no, "sleep.latency": .choice("0"), "sleep.waking": .choice("0"),
                        "sleep.unrested": .choice("1"),
                    ], locale: "en_GB")
            ),
            ("nothing answered", answers([:], locale: "en_GB")),
        ]
    }

    @Test("the word check finds subject words as whole words, in any case, and nothing else")
    func theCheckCanFail() {
        #expect(Self.subjectWordsIn("Your EX will call.") == ["ex"])
        #expect(Self.subjectWordsIn("your ex’s friends") == ["ex's"])
        #expect(Self.subjectWordsIn("getting back\ntogether") == ["back together", "together"])
        #expect(Self.subjectWordsIn("a Relationship counsellor") == ["relationship"])
        #expect(Self.subjectWordsIn("exercise, next, expect, apartment, explain").isEmpty)
    }

    @Test("the sleep assessment reads its <wording>: two messages of its own, defaults for the rest")
    func theWordingIsDecoded() throws {
        let assessment = try Self.sleep(withWording: true)
        #expect(Set(assessment.wording.messages.keys) == [.safetyReassurance, .notYourFault])
        #expect(assessment.wording[.safetyReassurance] == "You don't have to change all your sleep habits at once.")
        #expect(assessment.wording.text(.privacy) == AssessmentWording.engineDefault(.privacy))
        let plain = try Self.sleep(withWording: false)
        #expect(plain.wording.messages.isEmpty)
        #expect(plain.wording.text(.safetyReassurance) == nil)
        #expect(plain.wording.text(.notYourFault) == nil)
    }

    @Test("a message of only white space is as if left out: the default applies")
    func aBlankMessageUsesTheDefault() throws {
        let text = try Self.sleepText(withWording: true).replacingOccurrences(
            of: "    <not-your-fault>", with: "    <privacy>  \n   </privacy>\n    <not-your-fault>")
        let assessment = try AssessmentLoader().load(text: text, path: "sleep.xml")
        #expect(assessment.wording[.privacy] == nil)
        #expect(assessment.wording.text(.privacy) == AssessmentWording.engineDefault(.privacy))
        #expect(assessment.wording[.notYourFault] != nil)
    }

    @Test("the engine's default for every message is neutral")
    func defaultsAreNeutral() {
        for key in AssessmentWording.Key.allCases {
            let text = AssessmentWording.engineDefault(key) ?? ""
            #expect(Self.subjectWordsIn(text).isEmpty, "\(key): \(text)")
        }
        #expect(AssessmentWording.engineDefault(.notADiagnosis)?.contains("It is not a diagnosis") == true)
    }

    @Test(
        "a report about sleep, in text, XML and HTML, names no subject of the shipped assessment",
        arguments: [true, false])
    func noSubjectWordsInReports(withWording: Bool) throws {
        let assessment = try Self.sleep(withWording: withWording)
        var sawSafetySection = false
        for (name, answers) in Self.answerSets(assessment) {
            let result = assessment.score(answers)
            for width in [40, 80, 200] {
                let text = TextReport(result, date: "2026-12-01").render(width: width)
                #expect(Self.subjectWordsIn(text).isEmpty, "\(name), width \(width): \(Self.subjectWordsIn(text))")
            }
            let xml = try XMLReport(result, date: "2026-12-01").render()
            #expect(Self.subjectWordsIn(xml).isEmpty, "\(name) (XML): \(Self.subjectWordsIn(xml))")
            #expect(ReportXMLTests.diagnostics(xml).isEmpty, "\(name): \(ReportXMLTests.diagnostics(xml))")
            // The printable page takes the assessment's sentences from the XML report's <wording>.
            let page = try HTMLReport(result, date: "2026-12-01").render()
            #expect(Self.subjectWordsIn(page).isEmpty, "\(name) (HTML): \(Self.subjectWordsIn(page))")
            if name.hasPrefix("safety") {
                let flatPage = ReportSamples.flat(page)
                let privacy = try #require(assessment.wording.text(.privacy))
                #expect(flatPage.contains(ReportSamples.flat(privacy)), "\(name) (HTML): privacy")
                let notYourFault = "Feeling drowsy is not a personal failing"
                #expect(flatPage.contains(notYourFault) == withWording, "\(name) (HTML)")
            }
            if name.hasPrefix("safety") {
                // The safety path ran: every safety sentence that has a text was said.
                #expect(result.isSafetyFirst)
                sawSafetySection = true
                let flat = ReportSamples.flat(TextReport(result, date: "2026-12-01").render())
                for key in [
                    AssessmentWording.Key.privacy, .safetyOutranksScores, .noStrengthsUnderSafety, .notADiagnosis,
                ] {
                    let expected = try #require(assessment.wording.text(key))
                    #expect(flat.contains(ReportSamples.flat(expected)), "\(name): \(key)")
                }
                let reassurance = "You don't have to change all your sleep habits at once."
                let notYourFault = "Feeling drowsy is not a personal failing"
                #expect(flat.contains(reassurance) == withWording, "\(name)")
                #expect(flat.contains(notYourFault) == withWording, "\(name)")
                if name == "safety, no resources" {
                    let none = try #require(AssessmentWording.engineDefault(.noResources))
                    #expect(flat.contains(ReportSamples.flat(none)))
                }
            }
        }
        #expect(sawSafetySection)
    }

    @Test("the XML report lists every resolved message in <wording>, keyed by its element name")
    func theXMLReportCarriesTheWording() throws {
        for withWording in [true, false] {
            let assessment = try Self.sleep(withWording: withWording)
            let result = assessment.score(Self.answerSets(assessment)[0].answers)
            let report = try ReportXMLTests.parse(try XMLReport(result, date: "2026-12-01").render())
            let messages = try #require(report.child("wording")).children(named: "message")
            let expected = AssessmentWording.Key.allCases.compactMap { key in
                assessment.wording.text(key).map { (key.rawValue, $0) }
            }
            #expect(messages.map { $0.attribute("key") ?? "" } == expected.map(\.0))
            #expect(messages.map(\.text) == expected.map(\.1))
            #expect(messages.contains { $0.attribute("key") == "safety-reassurance" } == withWording)
        }
    }

    @Test("the DocC example: wording set in code is what the report says")
    func wordingSetInCode() throws {
        var screen = try Self.sleep(withWording: false)
        screen.wording[.safetyReassurance] = "You don't have to change everything at once."
        let result = screen.score(Self.answerSets(screen)[0].answers)
        let flat = ReportSamples.flat(TextReport(result, date: "2026-12-01").render())
        #expect(flat.contains("so it comes first. You don't have to change everything at once."))
    }

    // MARK: The shipped assessment

    /// The shipped assessment's `<wording>` repeats what the engine used to say, sentence for sentence: each
    /// message is in the example reports (Reports/examples), whose text moved only in the content hash.
    @Test("the shipped assessment's wording is the sentences the example reports hold")
    func shippedWordingMatchesTheGoldens() throws {
        let shipped = try Assessment.bundled()
        #expect(Set(shipped.wording.messages.keys) == Set(AssessmentWording.Key.allCases))
        let names = ExampleFiles.names
        #expect(names.count >= 18)
        let texts = try names.map {
            ReportSamples.flat(try String(contentsOf: ExampleFiles.textReport($0), encoding: .utf8))
        }
        for key in AssessmentWording.Key.allCases where key != .noResources {
            let message = try #require(shipped.wording[key])
            #expect(texts.contains { $0.contains(ReportSamples.flat(message)) }, "\(key) is in no example report")
        }
        // Every example has a resource for its locale, so no text report shows `no-resources`; it is the
        // sentence the engine said before it moved.
        #expect(
            shipped.wording[.noResources]
                == "This report has no checked contact details for where you are. Your local emergency number "
                + "works in a crisis, and a local domestic abuse service, a doctor or a directory of helplines "
                + "can help you find support near you.")
        for name in names {
            let xml = try String(contentsOf: ExampleFiles.xmlReport(name), encoding: .utf8)
            let messages = try #require(try ReportXMLTests.parse(xml).child("wording")).children(named: "message")
            #expect(messages.count == AssessmentWording.Key.allCases.count, "\(name)")
            for message in messages {
                let key = try #require(AssessmentWording.Key(rawValue: message.attribute("key") ?? ""))
                #expect(message.text == shipped.wording[key], "\(name): \(key)")
            }
        }
    }
}
