import Crossroads
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// End-to-end tests of `crossroads take` with piped input: they run the built binary.
@Suite("take, piped input")
struct TakePipedTests {
    /// A folder for the tiny assessment, and an empty working folder that must stay empty unless asked.
    final class Place: @unchecked Sendable {
        let files: TemporaryFolder
        let work: TemporaryFolder
        let tiny: String

        init() throws {
            files = try TemporaryFolder("take-files")
            work = try TemporaryFolder("take-work")
            tiny = try files.write("tiny.xml", TinyAssessment.text)
        }

        /// Runs `crossroads ARGS` in the working folder with `input` on standard input.
        func run(_ arguments: [String], _ input: String?, environment: [String: String?] = [:]) throws -> ToolRun {
            var environment = environment
            if environment["LANG"] == nil { environment["LANG"] = "en_GB.UTF-8" }
            if environment["LC_ALL"] == nil { environment["LC_ALL"] = .some(nil) }
            return try Tool.run(arguments, stdin: input, environment: environment, directory: work.url, timeout: 20)
        }

        /// Runs the tiny assessment.
        func tinyRun(_ input: String?, _ extra: [String] = []) throws -> ToolRun {
            try run(["take", "--questionnaire", tiny, "--date", "2026-02-01"] + extra, input)
        }
    }

    static let date = "2026-02-01"

    @Test("a full run of the bundled assessment, to the report, saving both files with mode 0600")
    func fullRun() throws {
        let place = try Place()
        let assessment = try Assessment.bundled()
        let script = TakeScript(assessment, locale: "en_GB.UTF-8")
        #expect(script.interruptions == 0)
        let report = place.work.path("report.txt")
        let answers = place.work.path("answers.xml")
        let input = script.input + "t\n\(report)\ny\n\(answers)\nn\n"
        let run = try place.run(["take", "--date", Self.date, "--width", "80"], input)
        #expect(run.status == 0, "\(run)")
        #expect(!run.timedOut)
        #expect(run.stdout.contains("Section 1 of 7 · question 1 of "), "\(run)")
        #expect(run.stdout.contains("Here is your report."))
        #expect(run.stdout.contains("About this report"))
        // The summary is wrapped to the width like every line take prints; a path stays whole.
        let summary = run.stderr.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(summary.contains("Saved: the text report in \(report); your answers in \(answers)"), "\(run)")
        #expect(run.stderr.split(separator: "\n").allSatisfy { $0.count <= 80 || !$0.contains(" ") })
        #expect(run.stderr.contains("Nothing else was saved."))
        #expect(place.work.contents == ["answers.xml", "report.txt"])
        #expect(place.work.mode("report.txt") == 0o600)
        #expect(place.work.mode("answers.xml") == 0o600)

        // The saved answers are what the script meant, and `score` gives the same report byte for byte.
        let savedReport = try String(contentsOfFile: report, encoding: .utf8)
        #expect(run.stdout.contains(savedReport))
        let read = try AnswersReader.read(file: answers)
        for (id, response) in script.answers.responses {
            #expect(read.answers[id] == response, "\(id)")
        }
        let score = try place.run(["score", answers, "--date", Self.date, "--width", "80"], nil)
        #expect(score.status == 0, "\(score)")
        #expect(score.stdout == savedReport)
    }

    @Test("crossroads with no subcommand starts take; take </dev/null ends cleanly")
    func defaultSubcommandAndNoInput() throws {
        let place = try Place()
        let quit = try place.run([], "q\n")
        #expect(quit.status == 0, "\(quit)")
        #expect(quit.stdout.contains("Press Enter to begin"))
        #expect(quit.stderr.contains("Nothing was saved."))

        for arguments in [["take"], []] {
            let run = try place.run(arguments, nil)  // standard input is /dev/null
            #expect(run.status == 0, "\(run)")
            #expect(!run.timedOut)
            #expect(run.stderr.contains("Standard input ended before anything was typed"), "\(run)")
            #expect(run.stderr.contains("Nothing was saved."))
        }
        #expect(place.work.contents.isEmpty)
    }

    @Test("closed standard input or output ends cleanly, status 0, nothing written")
    func closedStreams() throws {
        let place = try Place()
        guard let binary = Tool.crossroads else { throw ToolProcess.Failure.notBuilt }
        let shell = URL(fileURLWithPath: "/bin/sh")
        let closedInput = try Tool.run(
            ["-c", "'\(binary.path)' take <&-"], directory: place.work.url, timeout: 20, executable: shell)
        #expect(closedInput.status == 0, "\(closedInput)")
        #expect(closedInput.stderr.contains("Nothing was saved."))

        let closedOutput = try Tool.run(
            ["-c", "printf '\\n1\\n' | '\(binary.path)' take >&-"], directory: place.work.url, timeout: 20,
            executable: shell)
        #expect(closedOutput.status == 0, "\(closedOutput)")
        #expect(closedOutput.stderr.contains("The output was closed"), "\(closedOutput)")
        #expect(closedOutput.stderr.contains("Nothing was saved."))

        // A reader that goes away early: the tool must not loop or crash.
        let earlyReader = try Tool.run(
            ["-c", "yes '' | '\(binary.path)' take | head -c 100 >/dev/null; echo \"${PIPESTATUS[1]}\""],
            directory: place.work.url, timeout: 20, executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(!earlyReader.timedOut)
        #expect(
            ["0", "65"].contains(earlyReader.stdout.trimmingCharacters(in: .whitespacesAndNewlines)),
            "\(earlyReader)")
        #expect(place.work.contents.isEmpty)
    }

    @Test("going back and changing an answer hides one conditional item and shows another")
    func backChangesConditionalItems() throws {
        let place = try Place()
        let answers = place.work.path("answers.xml")
        // danger: no; pets: yes; pet name: Rex; then at mood go back twice to pets, and change it to no:
        // the pet name disappears (its answer discarded) and "Why no pets?" appears.
        let lines = ["", "n", "y", "Rex", "b", "b", "n", "2", "3", "Feeling good", "1 3", "", "y", answers, "n"]
        let run = try place.tinyRun(lines.map { $0 + "\n" }.joined())
        #expect(run.status == 0, "\(run)")
        let out = run.stdout
        #expect(out.contains("Section 1 of 1 · question 3 of 5\n\nWhat is your pet called?"), "\(run)")
        #expect(out.contains("Your answer: “Rex”"), "\(run)")  // the question shown again after b
        #expect(out.contains("Your answer: 1. Yes"), "\(run)")
        #expect(out.contains("Section 1 of 1 · question 3 of 5\n\nWhy no pets?"), "\(run)")
        #expect(out.contains("Which colours do you like?"))
        let text = try String(contentsOfFile: answers, encoding: .utf8)
        #expect(!text.contains("Rex"))
        let (saved, _) = try AnswersReader.read(file: answers, for: try AssessmentLoader().load(file: place.tiny))
        #expect(saved["pets"] == .no)
        #expect(saved["pet-name"] == .notShown)
        #expect(saved["why-none"] == .choice("space"))
        #expect(saved["mood"] == .choice("2", note: "Feeling good"))
        #expect(saved["colours"] == .chosen(["red", "blue"]))
        #expect(place.work.mode("answers.xml") == 0o600)

        // And back again: yes shows the pet name again and hides "Why no pets?".
        let again = ["", "n", "n", "1", "b", "b", "y", "Tess", "1", "", "0", "", "y", answers, "y", "n"]
        let second = try place.tinyRun(again.map { $0 + "\n" }.joined())
        #expect(second.status == 0, "\(second)")
        let (resaved, _) = try AnswersReader.read(file: answers, for: try AssessmentLoader().load(file: place.tiny))
        #expect(resaved["pet-name"] == .text("Tess"))
        #expect(resaved["why-none"] == .notShown)
        #expect(resaved["colours"] == .chosen([]))
    }

    @Test("an invalid key gets a short hint and the same question again; ? shows help; s where it can't skip")
    func invalidKeys() throws {
        let place = try Place()
        let lines = ["", "x", "7", "?", "n", "n", "2", "s", "", "q", "n"]
        let run = try place.tinyRun(lines.map { $0 + "\n" }.joined())
        #expect(run.status == 0, "\(run)")
        let out = run.stdout
        #expect(out.contains("“x” is not one of the choices. Type y or n, or ? for help."), "\(run)")
        #expect(out.contains("There is no choice 7."))
        #expect(out.contains("Danger help text."))
        #expect(out.contains("This question can't be skipped."))
        #expect(out.contains("Type a number from 1 to 3, or ? for help."))  // the empty line at mood
        #expect(out.components(separatedBy: "Are you in danger?").count == 2)  // shown once, then re-prompted
        #expect(run.stderr.contains("Stopped, as you asked."))
        #expect(run.stderr.contains("Nothing was saved."))
        #expect(place.work.contents.isEmpty)

        // Input that is not a terminal and never answers is given up on, not looped over.
        let junk = try place.tinyRun("\n" + String(repeating: "what\n", count: 50))
        #expect(junk.status == 65, "\(junk)")
        #expect(junk.stderr.contains("lines in a row were not answers"))
        let zeros = try place.tinyRun("\n" + String(repeating: "\u{0}", count: 200_000))
        #expect(zeros.status == 0 || zeros.status == 65, "\(zeros)")
        #expect(!zeros.timedOut)
        #expect(place.work.contents.isEmpty)
    }

    @Test("a yes to a critical safety item shows the resources at once; the outcome stays safety-first")
    func safetyInterruption() throws {
        let place = try Place()
        let lines = ["", "y", "1", "n", "1", "3", "", "2", "", "", "n"]
        let run = try place.tinyRun(lines.map { $0 + "\n" }.joined(), ["--locale", "en_GB"])
        #expect(run.status == 0, "\(run)")
        let out = run.stdout
        let interruption = try #require(out.range(of: "A moment for your safety"))
        let nextQuestion = try #require(out.range(of: "Do you have pets?"))
        #expect(interruption.upperBound < nextQuestion.lowerBound)
        let between = String(out[interruption.upperBound..<nextQuestion.lowerBound])
        #expect(between.contains("You said you are in danger."))
        #expect(between.contains("Tiny Helpline"))
        #expect(between.contains("0800 000 000"))
        #expect(between.contains("1. Continue with the questions"))
        // The mood is fine, which alone would give "All fine": the safety outcome wins.
        let reportRange = try #require(out.range(of: "Here is your report."))
        let report = String(out[reportRange.lowerBound...])
        #expect(report.contains("Result: Safety first"), "\(report)")
        #expect(!report.contains("Result: All fine"))

        // The bundled assessment: a yes to physical harm, with the US resources; stop and see the report.
        let bundled = try Assessment.bundled()
        let script = TakeScript(bundled, limit: 2, afterSafety: "2") { item in
            item.id == "safety.hurt" ? .init(line: "y", response: .yes) : TakeScript.calm(item)
        }
        #expect(script.interruptions == 1)
        let us = try place.run(["take", "--locale", "en_US", "--date", Self.date], script.input + "\n\nn\n")
        #expect(us.status == 0, "\(us)")
        let safety = try #require(us.stdout.range(of: "A moment for your safety"))
        let after = String(us.stdout[safety.upperBound...])
        #expect(after.contains("1-800-799-7233"))
        let reportStart = try #require(after.range(of: "Here is your report."))
        #expect(after[reportStart.upperBound...].contains("Your safety comes first"))
        #expect(place.work.contents.isEmpty)
    }

    @Test("declining every safety question, end to end: never an all clear, and said before the result")
    func declinedSafetyEndToEnd() throws {
        let place = try Place()
        let bundled = try Assessment.bundled()
        let script = TakeScript(bundled) { item in
            item.id.hasPrefix("safety.") || item.id == "letgo.abuse"
                ? .init(line: "s", response: .declined) : TakeScript.calm(item)
        }
        #expect(script.interruptions == 0)
        let run = try place.run(["take", "--locale", "en_US", "--date", Self.date], script.input + "\nn\n")
        #expect(run.status == 0, "\(run)")
        let reportStart = try #require(run.stdout.range(of: "Here is your report."))
        let report = String(run.stdout[reportStart.upperBound...])
        let flat = report.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let notice = try #require(flat.range(of: "You chose not to answer the questions about safety."))
        let result = try #require(flat.range(of: "Result: "))
        #expect(notice.lowerBound < result.lowerBound)
        #expect(flat.contains("So this report can't tell whether the warning signs those questions look for apply"))
        #expect(!flat.contains("call for caution came up"))
        #expect(!flat.contains("didn't come up"))
        // The same report the library makes from the same answers.
        let expected = TextReport(Scorer(bundled).score(script.answers), date: Self.date).render(width: 80)
        let expectedFlat = expected.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains(expectedFlat.prefix(400)))
    }

    @Test("a threat of self-harm by the ex interrupts at once with the crisis line and 'not responsible'")
    func selfHarmThreatEndToEnd() throws {
        let place = try Place()
        let bundled = try Assessment.bundled()
        let script = TakeScript(bundled) { item in
            item.id == "safety.self-harm-threats" ? .init(line: "y", response: .yes) : TakeScript.calm(item)
        }
        #expect(script.interruptions == 1)
        for (locale, number) in [("en_US", "988"), ("en_GB", "116 123"), ("en_AU", "13 11 14")] {
            let run = try place.run(["take", "--locale", locale, "--date", Self.date], script.input + "\nn\n")
            #expect(run.status == 0, "\(run)")
            let out = run.stdout
            let question = try #require(out.range(of: "hurt or kill themselves"))
            let interruption = try #require(out.range(of: "A moment for your safety"))
            #expect(question.upperBound < interruption.lowerBound)
            // At once: before the next question.
            let next = try #require(out.range(of: "Have you been afraid of what your ex might do to themselves?"))
            #expect(interruption.upperBound < next.lowerBound)
            let between = String(out[interruption.upperBound..<next.lowerBound])
            let flat = between.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flat.contains(number), "\(locale): \(flat)")
            #expect(flat.contains("You are not responsible for keeping them safe by staying"))
            #expect(flat.contains("Details last checked"))
            // The report keeps it first.
            let reportStart = try #require(out.range(of: "Here is your report."))
            let report = String(out[reportStart.upperBound...])
            let firstScreen = report.split(separator: "\n", omittingEmptySubsequences: false).prefix(30)
                .joined(separator: " ")
            #expect(firstScreen.contains(number), "\(locale)")
            #expect(
                firstScreen.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    .contains("You are not responsible for keeping them safe by staying"))
        }
    }

    @Test("a note is offered only after an option that invites one")
    func notesOnlyWhereInvited() throws {
        let place = try Place()
        let bundled = try Assessment.bundled()
        let question = "You can name something specific that would be different if you tried"
        for (line, value, offered) in [("1", "0", false), ("4", "3", true)] {
            let script = TakeScript(bundled) { item in
                item.id == "honest.change-specific"
                    ? .init(line: line, response: .chosen([value], note: nil)) : TakeScript.calm(item)
            }
            let run = try place.run(["take", "--locale", "en_US", "--date", Self.date], script.input + "\nn\n")
            #expect(run.status == 0, "\(run)")
            let asked = try #require(run.stdout.range(of: question))
            let next = try #require(run.stdout.range(of: "You have already started changing"))
            let between = run.stdout[asked.upperBound..<next.lowerBound]
            #expect(between.contains("What would be different? (optional)") == offered, "after \(value)")
        }
    }

    @Test("quitting, or input ending, at any point writes nothing and exits 0")
    func quitAnywhere() throws {
        let place = try Place()
        // Every prefix of a complete session that saves nothing, then end of input.
        let full = ["", "y", "1", "y", "Rex", "2", "a note", "1", "", "", "n"]
        for count in 0..<full.count {
            let run = try place.tinyRun(full.prefix(count).map { $0 + "\n" }.joined())
            #expect(run.status == 0, "after \(count) lines: \(run)")
            #expect(!run.timedOut)
            #expect(run.stderr.contains("Nothing was saved."), "after \(count) lines: \(run)")
        }
        // End of input at the prompts for a file name, after choosing to save.
        for lines in [["", "n", "n", "1", "2", "", "0", "t"], ["", "n", "n", "1", "2", "", "0", "", "y"]] {
            let run = try place.tinyRun(lines.map { $0 + "\n" }.joined())
            #expect(run.status == 0, "\(lines): \(run)")
            #expect(run.stdout.contains("File to save"), "\(lines): \(run)")
            #expect(run.stderr.contains("Nothing was saved."), "\(lines): \(run)")
        }
        // q at the introduction, a question, a note, the safety choice, the save offers.
        let quits: [[String]] = [
            ["q"], ["", "q"], ["", "n", "y", "q"], ["", "n", "n", "1", "2", "q"], ["", "y", "3"],
            ["", "n", "n", "1", "2", "", "0", "q"], ["", "n", "n", "1", "2", "", "0", "", "q"],
        ]
        for lines in quits {
            let run = try place.tinyRun((lines + ["n"]).map { $0 + "\n" }.joined())
            #expect(run.status == 0, "\(lines): \(run)")
            #expect(run.stdout.contains("Clear the screen before leaving? [y/N]"), "\(lines): \(run)")
            #expect(run.stderr.contains("Stopped, as you asked."), "\(lines): \(run)")
            #expect(run.stderr.contains("Nothing was saved."))
        }
        // With --discreet there is no question: it clears (here there is no screen, so nothing is emitted).
        let discreet = try place.tinyRun("\nq\n", ["--discreet"])
        #expect(discreet.status == 0)
        #expect(!discreet.stdout.contains("Clear the screen before leaving?"))
        #expect(place.work.contents.isEmpty)
    }

    @Test("the report saved as XML, and progress saved after every answer, are mode 0600")
    func savedFiles() throws {
        let place = try Place()
        let progress = place.work.path("progress.xml")
        let report = place.work.path("report.xml")
        let lines = ["", "n", "n", "1", "2", "", "0", "x", report, "n"]
        let run = try place.tinyRun(lines.map { $0 + "\n" }.joined(), ["--save-progress", progress])
        #expect(run.status == 0, "\(run)")
        #expect(place.work.contents == ["progress.xml", "report.xml"])
        #expect(place.work.mode("progress.xml") == 0o600)
        #expect(place.work.mode("report.xml") == 0o600)
        let xml = try String(contentsOfFile: report, encoding: .utf8)
        #expect(xml.hasPrefix("<?xml"))
        #expect(xml.contains("urn:crossroads:report:1"))
        let summary = run.stderr.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(summary.contains("your answers in \(progress)"), "\(run)")
        #expect(summary.contains("the XML report in \(report)"))
        // No offer to save the answers again: they are in the progress file.
        #expect(!run.stdout.contains("Save your answers too?"))

        // An existing file is not replaced unless the person says so; a progress file is never replaced silently.
        let refused = try place.tinyRun("\n", ["--save-progress", progress])
        #expect(refused.status == 73, "\(refused)")
        #expect(refused.stderr.contains("--resume"))
        let keep = ["", "n", "n", "1", "2", "", "0", "t", report, "n", "", "", "", "n"]
        let kept = try place.tinyRun(keep.map { $0 + "\n" }.joined())
        #expect(kept.stdout.whitespaceCollapsed.contains("already exists. Replace it? [y/N]"), "\(kept)")
        #expect(try String(contentsOfFile: report, encoding: .utf8) == xml)
    }

    @Test("resuming after SIGKILL mid-session gives the same report, byte for byte")
    func resumeAfterKill() throws {
        let place = try Place()
        let assessment = try Assessment.bundled()
        // Varied answers, with notes, so that the report has something to show.
        var turn = 0
        let choose: (Item) -> TakeScript.Answer = { item in
            turn += 1
            switch item.kind {
            case .likert:
                let index = turn % item.options.count
                let note = item.notePrompt == nil || turn % 3 != 0 ? nil : "Note number \(turn)."
                return .init(line: "\(index + 1)", response: .chosen([item.options[index].value], note: note))
            case .multiple:
                return .init(line: "1 2", response: .chosen([item.options[0].value, item.options[1].value]))
            default:
                return TakeScript.calm(item)
            }
        }
        let full = TakeScript(assessment, locale: "en_GB", choose: choose)
        #expect(full.interruptions == 0)
        let arguments = ["take", "--date", Self.date, "--width", "80", "--locale", "en_GB"]
        let whole = place.work.path("whole.txt")
        let uninterrupted = try place.run(
            arguments, full.input + "t\n\(whole)\ny\n\(place.work.path("whole.xml"))\nn\n")
        #expect(uninterrupted.status == 0, "\(uninterrupted)")

        turn = 0
        let half = TakeScript(assessment, locale: "en_GB", limit: 20, choose: choose)
        let progress = place.work.path("progress.xml")
        let process = try ToolProcess(
            arguments + ["--save-progress", progress], environment: ["LANG": "en_GB.UTF-8"], directory: place.work.url)
        process.send(half.input)
        // The 21st question appears only after the 20th answer was saved.
        let reached = process.waitForOutput("· question 21 of ", timeout: 30)
        #expect(reached, "\(process.stdoutSoFar)")
        process.kill(SIGKILL)
        let killed = process.wait(timeout: 30)
        #expect(killed.signaled && killed.status == SIGKILL, "\(killed)")
        #expect(place.work.mode("progress.xml") == 0o600)
        let (soFar, _) = try AnswersReader.read(file: progress)
        #expect(soFar.responses.values.filter { $0.isAnswer || $0 == .declined }.count == 20)

        let rest = full.lines.dropFirst(half.lines.count).map { $0 + "\n" }.joined()
        let resumedReport = place.work.path("resumed.txt")
        let resumed = try place.run(arguments + ["--resume", progress], "\n" + rest + "t\n\(resumedReport)\nn\n")
        #expect(resumed.status == 0, "\(resumed)")
        #expect(resumed.stdout.whitespaceCollapsed.contains("Continuing from \(progress): 20 of about"), "\(resumed)")
        #expect(resumed.stdout.contains("· question 21 of "))
        #expect(!resumed.stdout.contains("· question 20 of "))
        let first = try Data(contentsOf: URL(fileURLWithPath: whole))
        let second = try Data(contentsOf: URL(fileURLWithPath: resumedReport))
        #expect(!first.isEmpty)
        #expect(first == second)
        // The progress file now holds every answer, the same as the answers saved by the uninterrupted run.
        let (final, _) = try AnswersReader.read(file: progress)
        let (reference, _) = try AnswersReader.read(file: place.work.path("whole.xml"))
        #expect(final == reference)
    }

    @Test("a custom assessment with --questionnaire and --include; a questionnaire alone is refused clearly")
    func customAssessment() throws {
        let place = try Place()
        // Split the tiny assessment: its questionnaire in one file, an assessment that uses it in another.
        let text = TinyAssessment.text
        let start = try #require(text.range(of: "<questionnaire id=\"tiny.q\""))
        let end = try #require(text.range(of: "</questionnaire>"))
        let questionnaire =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + text[start.lowerBound..<end.upperBound]
            .replacingOccurrences(
                of: "<questionnaire id=", with: "<questionnaire xmlns=\"urn:crossroads:questionnaire:1\" id=")
        let assessment = text.replacingCharacters(
            in: start.lowerBound..<end.upperBound, with: "<use id=\"tiny.q\" version=\"1.0.0\"/>")
        let questionnaireFile = try place.files.write("tiny-q.xml", questionnaire)
        let assessmentFile = try place.files.write("tiny-a.xml", assessment)
        let run = try place.run(
            ["take", "--questionnaire", assessmentFile, "--include", questionnaireFile], "\nn\nq\nn\n")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Do you have pets?"), "\(run)")

        let alone = try place.run(["take", "--questionnaire", questionnaireFile], "\n")
        #expect(alone.status == 65, "\(alone)")
        #expect(alone.stderr.contains("take needs an assessment"), "\(alone)")
        let missing = try place.run(["take", "--questionnaire", place.files.path("nope.xml")], "\n")
        #expect(missing.status == 66, "\(missing)")
        #expect(place.work.contents.isEmpty)
    }
}

extension String {
    /// The text with every run of whitespace made one space, to look for words however they were wrapped.
    var whitespaceCollapsed: String { split(whereSeparator: \.isWhitespace).joined(separator: " ") }
}
