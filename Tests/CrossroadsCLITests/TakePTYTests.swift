import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// End-to-end tests of `crossroads take` under a pseudo-terminal, as a person would use it.
@Suite("take, under a terminal", .enabled(if: PTY.isAvailable, "needs python3 for the pseudo-terminal driver"))
struct TakePTYTests {
    static let escape = "\u{1B}["
    static let clear = "\u{1B}[H\u{1B}[2J\u{1B}[3J"

    final class Place: @unchecked Sendable {
        let files: TemporaryFolder
        let work: TemporaryFolder
        let tiny: String

        init() throws {
            files = try TemporaryFolder("take-pty-files")
            work = try TemporaryFolder("take-pty-work")
            tiny = try files.write("tiny.xml", TinyAssessment.text)
        }

        /// Runs take on the tiny assessment; with `pager` false (the default), with --no-pager, so that a
        /// real pager on this machine never waits for keys.
        func run(
            _ extra: [String], _ steps: [(String, String)], environment: [String: String?] = [:], columns: Int = 80,
            pager: Bool = false
        ) throws -> PTY.Result {
            try PTY.run(
                ["take", "--questionnaire", tiny, "--date", "2026-02-01", "--locale", "en_GB"]
                    + (pager ? [] : ["--no-pager"]) + extra,
                steps: steps.map { PTY.Step(expect: $0.0, send: $0.1) }, environment: environment,
                columns: columns, directory: work.url, timeout: 30)
        }
    }

    @Test("a full run to the report, in colour, saving the report")
    func fullRun() throws {
        let place = try Place()
        let report = place.work.path("report.txt")
        let result = try place.run(
            [],
            [
                ("Press Enter to begin", "\n"),
                ("Are you in danger?", "n\n"),
                ("Do you have pets?", "y\n"),
                ("What is your pet called?", "Rex\n"),
                ("How is your mood?", "3\n"),
                ("(optional)", "Fine today\n"),
                ("Which colours", "2\n"),
                ("Save this report?", "t\n"),
                ("File to save", report + "\n"),
                ("Save your answers too?", "\n"),
                ("Clear the screen before leaving?", "\n"),
            ])
        #expect(result.status == 0, "\(result)")
        #expect(result.failedStep == nil, "\(result)")
        #expect(result.output.contains("Here is your report."))
        #expect(result.output.contains("Result: All fine"))
        #expect(result.output.contains("\u{1B}[1m"), "colour (bold) on a terminal")
        #expect(!result.output.contains(Self.clear))
        #expect(place.work.contents == ["report.txt"])
        #expect(place.work.mode("report.txt") == 0o600)
        let saved = try String(contentsOfFile: report, encoding: .utf8)
        #expect(saved.contains("“Rex”"))
        #expect(saved.contains("“Fine today”"))
    }

    /// The steps of a calm run of the tiny assessment up to the offer to save, which is declined.
    static let calmSteps: [(String, String)] = [
        ("Press Enter to begin", "\n"),
        ("Are you in danger?", "n\n"),
        ("Do you have pets?", "n\n"),
        ("Why no pets?", "1\n"),
        ("How is your mood?", "3\n"),
        ("(optional)", "\n"),
        ("Which colours", "2\n"),
        ("Save this report?", "\n"),
        ("Save your answers too?", "\n"),
        ("Clear the screen before leaving?", "\n"),
    ]

    @Test("at a terminal with a pager, the report goes through it; the result and helplines follow, before saving")
    func pagerPresent() throws {
        let place = try Place()
        let result = try place.run([], Self.calmSteps, environment: ["PAGER": "cat > paged.txt"], pager: true)
        #expect(result.status == 0, "\(result)")
        #expect(result.failedStep == nil, "\(result)")
        let paged = try String(contentsOfFile: place.work.path("paged.txt"), encoding: .utf8)
        #expect(paged.contains("Result: All fine"))
        #expect(paged.contains("About this report"))
        let out = result.output
        #expect(out.contains("Your report was shown through your pager"))
        #expect(!out.contains("About this report"), "the report is not printed as well")
        let short = try #require(out.range(of: "In short. Result: All fine"))
        let save = try #require(out.range(of: "Save this report?"))
        #expect(short.upperBound < save.lowerBound)
        #expect(out[short.upperBound..<save.lowerBound].contains("0800 000 000"))

        // --no-pager: printed, never paged.
        let plain = try place.run(
            ["--no-pager"], Self.calmSteps, environment: ["PAGER": "cat > paged-again.txt"], pager: true)
        #expect(plain.status == 0, "\(plain)")
        #expect(plain.output.contains("About this report"))
        #expect(!FileManager.default.fileExists(atPath: place.work.path("paged-again.txt")))
    }

    @Test("at a terminal without a pager, the report is printed and the result and helplines repeated before saving")
    func pagerAbsent() throws {
        let place = try Place()
        let result = try place.run(
            [], Self.calmSteps, environment: ["PAGER": nil, "PATH": place.files.url.path], pager: true)
        #expect(result.status == 0, "\(result)")
        #expect(result.failedStep == nil, "\(result)")
        let out = result.output
        #expect(!out.contains("shown through your pager"))
        let report = try #require(out.range(of: "About this report"))
        let short = try #require(out.range(of: "In short. Result: All fine"))
        let save = try #require(out.range(of: "Save this report?"))
        #expect(report.upperBound < short.lowerBound)
        #expect(short.upperBound < save.lowerBound)
        #expect(out[short.upperBound..<save.lowerBound].contains("0800 000 000"))
        #expect(place.work.contents.isEmpty)
    }

    @Test("Ctrl-C at a question exits 130 at once, with nothing written")
    func controlC() throws {
        let place = try Place()
        let result = try place.run(
            [],
            [
                ("Press Enter to begin", "\n"),
                ("Are you in danger?", "n\n"),
                ("Do you have pets?", "\u{03}"),
            ])
        #expect(result.status == 130, "\(result)")
        #expect(!result.timedOut)
        #expect(result.output.contains("Stopped (Ctrl-C)."), "\(result)")
        #expect(result.output.contains("Nothing was saved."))
        #expect(!result.output.contains("Clear the screen before leaving?"))
        #expect(!result.output.contains(Self.clear))
        #expect(place.work.contents.isEmpty)

        // At a note prompt too, and with --save-progress only the progress file is there.
        let progress = place.work.path("progress.xml")
        let again = try place.run(
            ["--save-progress", progress],
            [
                ("Press Enter to begin", "\n"),
                ("Are you in danger?", "n\n"),
                ("Do you have pets?", "n\n"),
                ("Why no pets?", "1\n"),
                ("How is your mood?", "2\n"),
                ("(optional)", "\u{03}"),
            ])
        #expect(again.status == 130, "\(again)")
        #expect(again.output.whitespaceCollapsed.contains("Saved: your answers so far in \(progress)"), "\(again)")
        #expect(again.output.whitespaceCollapsed.contains("crossroads take --resume \(progress)"))
        #expect(place.work.contents == ["progress.xml"])
        #expect(place.work.mode("progress.xml") == 0o600)
    }

    @Test("--discreet clears the screen and scrollback on leaving, however one leaves")
    func discreet() throws {
        let place = try Place()
        for (index, leave) in ["q\n", "\u{03}", "\u{04}"].enumerated() {
            let result = try place.run(
                ["--discreet"],
                [
                    ("Press Enter to begin", "\n"),
                    ("Are you in danger?", leave),
                ])
            #expect(result.status == (index == 1 ? 130 : 0), "\(result)")
            #expect(!result.output.contains("Clear the screen before leaving?"))
            let cleared = try #require(result.output.range(of: Self.clear), "\(result)")
            // What was saved is said after the clearing, so it stays visible; the questions do not.
            let after = String(result.output[cleared.upperBound...])
            #expect(after.contains("Nothing was saved."))
            #expect(!after.contains("Are you in danger?"))
        }
        // Without --discreet, q offers it.
        let offered = try place.run(
            [],
            [
                ("Press Enter to begin", "\n"),
                ("Are you in danger?", "q\n"),
                ("Clear the screen before leaving? [y/N]", "y\n"),
            ])
        #expect(offered.status == 0, "\(offered)")
        #expect(offered.output.contains(Self.clear))
        // At the end, --discreet clears after Enter.
        let end = try place.run(
            ["--discreet"],
            [
                ("Press Enter to begin", "\n"), ("Are you in danger?", "n\n"), ("Do you have pets?", "n\n"),
                ("Why no pets?", "1\n"), ("How is your mood?", "2\n"), ("(optional)", "\n"), ("Which colours", "0\n"),
                ("Save this report?", "\n"), ("Save your answers too?", "\n"),
                ("Press Enter to clear the screen and leave.", "\n"),
            ])
        #expect(end.status == 0, "\(end)")
        #expect(end.output.contains(Self.clear), "\(end)")
        #expect(place.work.contents.isEmpty)
    }

    @Test("NO_COLOR, --color never and TERM=dumb give no colour; 40 columns wrap the questions")
    func noColourAndNarrow() throws {
        let place = try Place()
        let steps = [
            ("Press Enter to begin", "\n"), ("Are you in danger?", "y\n"), ("3. Leave now", "3\n"),
            ("Clear the screen before leaving?", "n\n"),
        ]
        for (extra, environment) in [
            ([String](), ["NO_COLOR": "1"]), (["--color", "never"], [:]),
            ([], ["TERM": "dumb"]),
        ] as [([String], [String: String?])] {
            let result = try place.run(extra, steps, environment: environment, columns: 40)
            #expect(result.status == 0, "\(result)")
            #expect(!result.output.contains(Self.escape), "\(extra) \(environment): \(result)")
            #expect(result.output.contains("Tiny Helpline"), "\(result)")
            // "\r\n" is one Character, which is a newline.
            for line in result.output.split(whereSeparator: \.isNewline) {
                let text = String(line)
                guard text.contains(" ") else { continue }  // a single long word may exceed the width
                #expect(text.count <= 40, "too wide: \(text)")
            }
        }
        // --color always overrides, even off a terminal (here, on one).
        let always = try place.run(["--color", "always"], steps, environment: ["NO_COLOR": "1"])
        #expect(always.output.contains("\u{1B}[1m"))
    }
}

extension TakePTYTests {
    @Test("at a terminal: an invalid key, going back to change a conditional answer, the safety interruption")
    func backInvalidAndSafety() throws {
        let place = try Place()
        let answers = place.work.path("answers.xml")
        let result = try place.run(
            [],
            [
                ("Press Enter to begin", "\n"),
                ("Are you in danger?", "maybe\n"),
                ("is not one of the choices", "y\n"),
                ("A moment for your safety", ""),
                ("Tiny Helpline", ""),
                ("3. Leave now", "1\n"),
                ("Do you have pets?", "y\n"),
                ("What is your pet called?", "Rex\n"),
                ("How is your mood?", "b\n"),
                ("What is your pet called?", "b\n"),
                ("Do you have pets?", "n\n"),
                ("Why no pets?", "1\n"),
                ("How is your mood?", "3\n"),
                ("(optional)", "\n"),
                ("Which colours", "1,2\n"),
                ("Save this report?", "\n"),
                ("Save your answers too?", "y\n"),
                ("File to save", answers + "\n"),
                ("Clear the screen before leaving?", "n\n"),
            ])
        #expect(result.status == 0, "\(result)")
        #expect(result.failedStep == nil, "\(result)")
        let report = try #require(result.output.range(of: "Here is your report."))
        #expect(result.output[report.upperBound...].contains("Result: Safety first"))
        #expect(place.work.contents == ["answers.xml"])
        #expect(place.work.mode("answers.xml") == 0o600)
        let text = try String(contentsOfFile: answers, encoding: .utf8)
        #expect(!text.contains("Rex"))
        #expect(text.contains("not-shown"))
        #expect(text.contains("<value>time</value>"))
    }

    @Test("at a terminal: killed with SIGKILL mid-session, resumed, the same report as without the kill")
    func resumeAfterKill() throws {
        let place = try Place()
        // With a progress file, the answers are saved already, so there is no offer to save them.
        func ending(_ file: String, progress: Bool = false) -> [(String, String)] {
            [("Save this report?", "t\n"), ("File to save", file + "\n")]
                + (progress ? [] : [("Save your answers too?", "\n")]) + [("Clear the screen before leaving?", "\n")]
        }
        let start: [(String, String)] = [
            ("Press Enter to begin", "\n"), ("Are you in danger?", "n\n"), ("Do you have pets?", "y\n"),
            ("What is your pet called?", "Rex\n"),
        ]
        let rest: [(String, String)] = [
            ("How is your mood?", "1\n"), ("(optional)", "Low, honestly\n"),
            ("Which colours", "3\n"),
        ]
        let whole = try place.run([], start + rest + ending(place.work.path("whole.txt")))
        #expect(whole.status == 0, "\(whole)")

        let progress = place.work.path("progress.xml")
        let steps =
            (start + [("How is your mood?", "")]).map { PTY.Step(expect: $0.0, send: $0.1) }
            + [PTY.Step(expect: "1. Low", send: "", kill: SIGKILL)]
        let killed = try PTY.run(
            [
                "take", "--questionnaire", place.tiny, "--date", "2026-02-01", "--locale", "en_GB",
                "--save-progress", progress,
            ], steps: steps, directory: place.work.url, timeout: 30)
        #expect(killed.status == 128 + Int(SIGKILL), "\(killed)")
        #expect(place.work.mode("progress.xml") == 0o600)

        let resumed = try place.run(
            ["--resume", progress],
            [("Press Enter to begin", "\n")] + rest + ending(place.work.path("resumed.txt"), progress: true))
        #expect(resumed.status == 0, "\(resumed)")
        #expect(resumed.output.contains("question 4 of 5"))
        #expect(!resumed.output.contains("Do you have pets?"))
        let first = try Data(contentsOf: URL(fileURLWithPath: place.work.path("whole.txt")))
        let second = try Data(contentsOf: URL(fileURLWithPath: place.work.path("resumed.txt")))
        #expect(!first.isEmpty)
        #expect(first == second)
    }
}
