import Crossroads
import Foundation
import Testing

/// Through the built binary: an assessment about sleep (.ci/fuzz-corpus/questionnaire/sleep-habits-wording.xml)
/// scored to text and XML, and taken with `take`, shows no word of the shipped assessment's subject, with
/// and without a `<wording>` of its own; its own messages are the ones shown (issue 11, finding 6).
@Suite("Wording through the binary")
struct WordingEndToEndTests {
    static let seed = ScoreExamples.packageRoot.appendingPathComponent(
        ".ci/fuzz-corpus/questionnaire/sleep-habits-wording.xml")

    /// The shipped assessment's subject words, as whole words, ignoring case.
    static let subjectWords: Set<String> = [
        "ex", "exes", "ex's", "relationship", "relationships", "together", "partner", "partners", "dating",
        "abuse", "abusive", "domestic", "advocate", "breakup", "break-up",
    ]

    static func subjectWordsIn(_ text: String) -> [String] {
        let lowered = text.lowercased()
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

    static let reassurance = "You don't have to change all your sleep habits at once."

    /// The seed's text, or the seed without its `<wording>`.
    static func assessmentText(withWording: Bool) throws -> String {
        let text = try String(contentsOf: seed, encoding: .utf8)
        guard !withWording else { return text }
        let start = try #require(text.range(of: "  <wording>"))
        let end = try #require(text.range(of: "</wording>\n"))
        return text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
    }

    @Test("the word check finds a subject word when there is one")
    func theCheckCanFail() {
        #expect(Self.subjectWordsIn("You don't have to decide anything about your ex right now.") == ["ex"])
        #expect(Self.subjectWordsIn("getting Back Together") == ["back together", "together"])
        #expect(Self.subjectWordsIn("next, expect, exercise").isEmpty)
    }

    @Test("score, in text and XML: no subject words, safety path included", arguments: [true, false])
    func score(withWording: Bool) throws {
        let folder = try TemporaryFolder("crossroads-wording")
        let assessment = try folder.write("sleep.xml", try Self.assessmentText(withWording: withWording))
        let check = try Tool.run(["validate", assessment])
        #expect(check.status == 0, "\(check)")
        // A yes to the safety question, no resources for the locale, words of the person's own.
        let answers = try folder.write(
            "answers.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <answers xmlns="urn:crossroads:answers:1" assessment="sleep-habits" version="1.0.0" locale="en_US.UTF-8">
              <answer item="sleep.drowsy-driving"><value>yes</value></answer>
              <answer item="sleep.latency"><value>3</value></answer>
              <answer item="sleep.waking"><value>3</value></answer>
              <answer item="sleep.unrested"><value>2</value></answer>
              <answer item="sleep.notes"><text>I blame myself.</text></answer>
            </answers>
            """)
        for format in ["text", "xml"] {
            let run = try Tool.run(
                ["score", answers, "--assessment", assessment, "--format", format, "--date", "2026-12-01"])
            #expect(run.status == 0, "\(run)")
            #expect(Self.subjectWordsIn(run.stdout).isEmpty, "\(format): \(Self.subjectWordsIn(run.stdout))")
            let flat = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flat.contains("your safety may be at risk"), "\(format): the safety path ran")
            #expect(flat.contains("It is not a diagnosis and not a prediction."), "\(format)")
            #expect(flat.contains("This report has no checked contact details for where you are."), "\(format)")
            #expect(flat.contains(Self.reassurance) == withWording, "\(format)")
        }
    }

    @Test("take, scripted, through a safety pause to the report: no subject words", arguments: [true, false])
    func take(withWording: Bool) throws {
        let folder = try TemporaryFolder("crossroads-wording-take")
        let work = try TemporaryFolder("crossroads-wording-work")
        let text = try Self.assessmentText(withWording: withWording)
        let file = try folder.write("sleep.xml", text)
        let assessment = try AssessmentLoader().load(text: text, path: file)
        let script = TakeScript(assessment, locale: "en_GB") { item in
            switch item.id {
            case "sleep.drowsy-driving": .init(line: "y", response: .yes)
            case "sleep.latency", "sleep.waking": .init(line: "4", response: .choice("3"))
            default: TakeScript.calm(item)
            }
        }
        #expect(script.interruptions == 1)
        // Then: don't save the report, nor the answers; don't clear the screen.
        let run = try Tool.run(
            ["take", "--questionnaire", file, "--date", "2026-12-01", "--width", "80"], stdin: script.input + "\n\nn\n",
            environment: ["LANG": "en_GB.UTF-8", "LC_ALL": nil], directory: work.url, timeout: 20)
        #expect(run.status == 0, "\(run)")
        #expect(Self.subjectWordsIn(run.stdout).isEmpty, "\(Self.subjectWordsIn(run.stdout))")
        #expect(Self.subjectWordsIn(run.stderr).isEmpty, "\(Self.subjectWordsIn(run.stderr))")
        let pause = try #require(run.stdout.range(of: "A moment for your safety"))
        let report = try #require(run.stdout.range(of: "Here is your report."))
        let between = String(run.stdout[pause.upperBound..<report.lowerBound])
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(between.contains("Whatever else you answer, your report will start with your safety."))
        #expect(between.contains(Self.reassurance) == withWording)
        #expect(run.stdout[report.upperBound...].contains("Result: Stay off the road when drowsy"))
        #expect(work.contents.isEmpty)
    }
}
