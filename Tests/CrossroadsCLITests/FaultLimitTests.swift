import Crossroads
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

// The input limits end to end: the 2 MiB cap on files and on standard input (a pipe, or a file redirected),
// and the 10,000-character cap on words typed in `take`, at the limit and one past it.
// The library-level tests of every limit are in Tests/CrossroadsTests/LimitTests.swift.

@Suite("Limits, end to end", .serialized)
struct FaultLimitTests {
    static let cap = 2 * 1024 * 1024

    /// `text` padded with line feeds (allowed after the root element) to exactly `size` bytes.
    static func padded(_ text: String, to size: Int) -> String {
        precondition(text.utf8.count <= size)
        return text + String(repeating: "\n", count: size - text.utf8.count)
    }

    static var answersText: String {
        get throws { try String(contentsOfFile: ScoreExamples.answers(ScoreExamples.sample), encoding: .utf8) }
    }

    static let questionnaireText = """
        <?xml version="1.0" encoding="UTF-8"?>
        <questionnaire xmlns="urn:crossroads:questionnaire:1" id="capped" version="1.0.0" language="en" reviewed="2026-01-01">
          <title>Capped</title>
          <description>Padded to the size limit.</description>
          <section id="s"><title>S</title><item id="a" kind="yes-no"><text>A?</text></item></section>
        </questionnaire>
        """

    @Test("score -: answers of exactly 2 MiB on standard input are scored; 2 MiB + 1 byte is refused (65)")
    func answersOnStandardInput() throws {
        let expected = try ScoreExamples.bytes(ScoreExamples.sample, "report.txt")
        let atCap = try Self.padded(Self.answersText, to: Self.cap)
        let run = try Tool.run(ScoreExamples.textArguments("-"), stdin: atCap, timeout: 60)
        #expect(run.status == 0, "\(run.status): \(run.stderr)")
        #expect(run.stdoutData == expected)

        let past = try Tool.run(ScoreExamples.textArguments("-"), stdin: atCap + "\n", timeout: 60)
        #expect(past.status == 65 && !past.signaled, "\(past.status): \(past.stderr)")
        #expect(past.stdout.isEmpty)
        #expect(
            past.stderr
                == "<stdin>:1:1: error: the input is larger than that; Crossroads reads files of up to 2.0 MiB\n",
            "\(past.stderr)")
    }

    @Test("score - < FILE (standard input a regular file) and score FILE: 2 MiB is scored, one byte more refused")
    func answersFromAFile() throws {
        let folder = try TemporaryFolder("crossroads-limits")
        let binary = try #require(Tool.crossroads)
        let atCap = try folder.write("at-cap.xml", try Self.padded(Self.answersText, to: Self.cap))
        let pastCap = try folder.write("past-cap.xml", try Self.padded(Self.answersText, to: Self.cap) + "\n")
        let expected = try ScoreExamples.bytes(ScoreExamples.sample, "report.txt")
        for path in [atCap, pastCap] {
            let redirected = try Tool.run(
                ["-c", "exec \"$0\" \"$@\" < \"$TARGET\"", binary.path] + ScoreExamples.textArguments("-"),
                environment: ["TARGET": path], timeout: 60,
                executable: URL(fileURLWithPath: "/bin/sh"))
            let named = try Tool.run(ScoreExamples.textArguments(path), timeout: 60)
            if path == atCap {
                #expect(redirected.status == 0 && redirected.stdoutData == expected, "\(redirected.stderr)")
                #expect(named.status == 0 && named.stdoutData == expected, "\(named.stderr)")
            } else {
                #expect(redirected.status == 65 && redirected.stdout.isEmpty, "\(redirected)")
                #expect(
                    redirected.stderr.contains("<stdin>:1:1: error: the input is larger than that"),
                    "\(redirected.stderr)")
                #expect(named.status == 65 && named.stdout.isEmpty, "\(named)")
                #expect(
                    named.stderr
                        == "\(path):1:1: error: the file is 2097153 bytes, more than 2097152; Crossroads reads files of up to 2.0 MiB\n",
                    "\(named.stderr)")
            }
        }
    }

    @Test("validate -: a questionnaire of exactly 2 MiB on standard input is valid; one byte more is refused (65)")
    func questionnaireOnStandardInput() throws {
        let atCap = Self.padded(Self.questionnaireText, to: Self.cap)
        let run = try Tool.run(["validate", "-"], stdin: atCap, timeout: 60)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("valid: questionnaire capped 1.0.0"), "\(run.stdout)")
        let past = try Tool.run(["validate", "-"], stdin: atCap + "\n", timeout: 60)
        #expect(past.status == 65, "\(past)")
        #expect(
            past.stderr.contains(":1:1: error: the input is larger than that; Crossroads reads files of up to 2.0 MiB"),
            "\(past.stderr)")
    }

    // MARK: - Words typed in take: 10,000 characters, counted as the answers schema counts them

    /// The tiny assessment, answered: no danger, a pet whose name is typed as `names` (each line tried in
    /// turn), a mood of 2 with notes `notes`, no colours; then leave without saving the report.
    static func takeTiny(names: [String], notes: [String]) throws -> (run: ToolRun, answers: Answers?) {
        let folder = try TemporaryFolder("crossroads-limits")
        let tiny = try folder.write("tiny.xml", TinyAssessment.text)
        let progress = folder.path("progress.xml")
        let lines = [""] + ["n", "y"] + names + ["2"] + notes + ["0", ""]
        let run = try Tool.run(
            ["take", "--questionnaire", tiny, "--date", "2026-02-01", "--save-progress", progress],
            stdin: lines.map { $0 + "\n" }.joined(), environment: ["LANG": "en_GB.UTF-8"], directory: folder.url,
            timeout: 60)
        let assessment = try AssessmentLoader().load(file: tiny)
        let answers = try? AnswersReader.read(file: progress, for: assessment).answers
        if answers == nil, FileManager.default.fileExists(atPath: progress) {
            // What take saved, it must be able to read back.
            do {
                _ = try AnswersReader.read(file: progress, for: assessment)
            } catch {
                Issue.record("take saved a progress file it cannot read back: \(String(describing: error).prefix(300))")
            }
        }
        return (run, answers)
    }

    @Test(
        "take: a free-text answer and a note of 10,000 characters are kept; 10,001 are refused with a hint",
        arguments: ["w", "é", "日"])
    func typedWords(unit: String) throws {
        let atLimit = String(repeating: unit, count: 10_000)
        let past = atLimit + unit
        let (run, answers) = try Self.takeTiny(names: [past, atLimit], notes: [past, atLimit])
        #expect(run.status == 0, "status \(run.status)")
        #expect(run.stdout.contains("That is longer than 10000 characters; please shorten it."))
        #expect(run.stdout.contains("That note is longer than 10000 characters; please shorten it."))
        Self.expectKept(answers, name: atLimit, note: atLimit)
    }

    /// Checks the saved answers without printing 10,000 characters when they differ. ("2" chooses the mood's
    /// second option, whose value is "1".)
    static func expectKept(
        _ answers: Answers?, name: String, note: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let savedName = answers?["pet-name"]?.words
        let mood = answers?["mood"]
        let nameKept = savedName == name
        let noteKept = mood?.values == ["1"] && mood?.words == note
        #expect(
            nameKept, "pet-name saved with \(savedName?.unicodeScalars.count ?? -1) code points",
            sourceLocation: sourceLocation)
        #expect(
            noteKept,
            "mood saved as \(mood?.values ?? []) with a note of \(mood?.words?.unicodeScalars.count ?? -1) code points",
            sourceLocation: sourceLocation)
    }

    @Test(
        "take counts characters as the answers schema does (code points): 5,001 two-code-point emoji are refused, 5,000 kept"
    )
    func typedWordsCountCodePoints() throws {
        // Regression: take counted Swift Characters (grapheme clusters), so it accepted 5,001 👍🏽 (10,002 code
        // points), saved them, and then could neither resume from nor score its own answers file (the
        // schema's maxLength counts code points): the person's answers were, in effect, lost.
        let emoji = "\u{1F44D}\u{1F3FD}"
        let atLimit = String(repeating: emoji, count: 5000)
        let past = atLimit + emoji
        let (run, answers) = try Self.takeTiny(names: [past, atLimit], notes: [past, atLimit])
        #expect(run.status == 0, "status \(run.status)")
        #expect(
            run.stdout.contains("That is longer than 10000 characters; please shorten it."), "the name was not refused")
        #expect(
            run.stdout.contains("That note is longer than 10000 characters; please shorten it."),
            "the note was not refused")
        Self.expectKept(answers, name: atLimit, note: atLimit)
    }
}
