import Crossroads
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

// End-to-end tests of `crossroads score`, running the built binary (found by Tool in Support/RunTool.swift:
// next to the running test bundle first, then the newest .build*/debug/crossroads under the package root).

/// The examples in Reports/examples/, seen from the CLI tests.
enum ScoreExamples {
    static let date = "2026-11-27"

    /// The package root, found from this file's path (Tests/CrossroadsCLITests/ScoreCommandTests.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let folder = packageRoot.appendingPathComponent("Reports/examples")

    /// Every NAME with a NAME.answers.xml, sorted.
    static let names: [String] = {
        let suffix = ".answers.xml"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.sorted()
    }()

    static func answers(_ name: String) -> String { folder.appendingPathComponent("\(name).answers.xml").path }

    static func bytes(_ name: String, _ suffix: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent("\(name).\(suffix)"))
    }

    /// One example to use where any will do: a safety-first one, whose report matters most.
    static let sample = "warm-one-act-of-violence"

    /// The `score` arguments that reproduce an example's text report.
    static func textArguments(_ input: String) -> [String] {
        ["score", input, "--width", "80", "--date", date]
    }

    /// The `score` arguments that reproduce an example's XML report.
    static func xmlArguments(_ input: String) -> [String] {
        ["score", input, "--format", "xml", "--date", date]
    }

    /// Whether every line of `stderr` that is not empty has the form `path:line:column: error: …` or
    /// `path:line:column: warning: …` for this path, and at least one is an error.
    static func diagnosticsAreLocated(_ stderr: String, path: String) -> Bool {
        let lines = stderr.split(separator: "\n")
        guard !lines.isEmpty else { return false }
        let prefix = path + ":"
        var errors = 0
        for line in lines {
            guard line.hasPrefix(prefix) else { return false }
            let rest = line.dropFirst(prefix.count).split(
                separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard rest.count == 4, Int(rest[0]) != nil, Int(rest[1]) != nil else { return false }
            switch rest[2] {
            case " error": errors += 1
            case " warning": break
            default: return false
            }
        }
        return errors > 0
    }
}

@Suite("crossroads score, end to end", .serialized)
struct ScoreCommandTests {
    // MARK: Reproducing the examples

    @Test("There are examples to reproduce")
    func examplesExist() {
        #expect(ScoreExamples.names.count >= 10)
        #expect(Tool.crossroads != nil, "the crossroads binary was not found; run swift build first")
    }

    @Test("score reproduces each example's text report byte for byte", arguments: ScoreExamples.names)
    func textReport(name: String) throws {
        let run = try Tool.run(ScoreExamples.textArguments(ScoreExamples.answers(name)))
        #expect(run.status == 0 && !run.signaled, "\(run)")
        #expect(run.stdoutData == (try ScoreExamples.bytes(name, "report.txt")), "\(name).report.txt differs")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }

    @Test("score --format xml reproduces each example's XML report byte for byte", arguments: ScoreExamples.names)
    func xmlReport(name: String) throws {
        let run = try Tool.run(ScoreExamples.xmlArguments(ScoreExamples.answers(name)))
        #expect(run.status == 0 && !run.signaled, "\(run)")
        #expect(run.stdoutData == (try ScoreExamples.bytes(name, "report.xml")), "\(name).report.xml differs")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(Validator.checkReport(run.stdout).isEmpty)
    }

    @Test("score --format html reproduces each example's page byte for byte", arguments: ScoreExamples.names)
    func htmlReport(name: String) throws {
        let run = try Tool.run(
            ["score", ScoreExamples.answers(name), "--format", "html", "--date", ScoreExamples.date])
        #expect(run.status == 0 && !run.signaled, "\(run)")
        #expect(run.stdoutData == (try ScoreExamples.bytes(name, "report.html")), "\(name).report.html differs")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }

    @Test("score --format html --output writes the page with mode 0600")
    func htmlOutputFile() throws {
        let folder = try TemporaryFolder("score-html")
        let run = try Tool.run(
            [
                "score", ScoreExamples.answers(ScoreExamples.sample), "--format", "html", "--date", ScoreExamples.date,
                "--output", "report.html",
            ], directory: folder.url)
        #expect(run.status == 0, "\(run)")
        #expect(folder.contents == ["report.html"])
        #expect(folder.mode("report.html") == 0o600)
        #expect(
            FileManager.default.contents(atPath: folder.path("report.html"))
                == (try ScoreExamples.bytes(ScoreExamples.sample, "report.html")))
    }

    @Test("Without --width, a report that is not going to a terminal is 80 columns wide")
    func defaultWidthOffTerminal() throws {
        let run = try Tool.run(["score", ScoreExamples.answers(ScoreExamples.sample), "--date", ScoreExamples.date])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdoutData == (try ScoreExamples.bytes(ScoreExamples.sample, "report.txt")))
    }

    @Test("score - reads the answers from standard input", arguments: ["text", "xml"])
    func standardInput(format: String) throws {
        let name = ScoreExamples.sample
        let answers = try String(contentsOfFile: ScoreExamples.answers(name), encoding: .utf8)
        let arguments = format == "text" ? ScoreExamples.textArguments("-") : ScoreExamples.xmlArguments("-")
        let run = try Tool.run(arguments, stdin: answers)
        #expect(run.status == 0, "\(run)")
        let expected = try ScoreExamples.bytes(name, format == "text" ? "report.txt" : "report.xml")
        #expect(run.stdoutData == expected)
    }

    @Test("Invalid answers on standard input are reported against <stdin> with line and column")
    func invalidStandardInput() throws {
        let run = try Tool.run(ScoreExamples.textArguments("-"), stdin: "<answers>\n  <oops>\n</answers>\n")
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(ScoreExamples.diagnosticsAreLocated(run.stderr, path: "<stdin>"), "\(run.stderr)")
    }

    // MARK: --output

    @Test(
        "--output writes the report with mode 0600 and prints nothing on standard output", arguments: ["text", "xml"])
    func outputFile(format: String) throws {
        let folder = try TemporaryFolder("crossroads-score")
        let name = ScoreExamples.sample
        let target = folder.path("report.\(format)")
        let arguments =
            (format == "text"
                ? ScoreExamples.textArguments(ScoreExamples.answers(name))
                : ScoreExamples.xmlArguments(ScoreExamples.answers(name))) + ["--output", target]
        // A permissive umask must not make the report readable by others.
        let run = try Tool.run(
            ["-c", "umask 000; exec \"$0\" \"$@\"", Tool.crossroads?.path ?? "crossroads"] + arguments,
            executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.isEmpty, "the report must not also go to standard output")
        #expect(run.stderr.contains(target), "the confirmation names the file: \(run.stderr)")
        let expected = try ScoreExamples.bytes(name, format == "text" ? "report.txt" : "report.xml")
        #expect(FileManager.default.contents(atPath: target) == expected)
        #expect(folder.mode("report.\(format)") == 0o600)
        #expect(folder.contents == ["report.\(format)"], "no temporary file is left behind")
    }

    @Test("--output replaces an existing file in one step: a new file, mode 0600, nothing left behind")
    func outputReplacesAtomically() throws {
        let folder = try TemporaryFolder("crossroads-score")
        let target = try folder.write("report.txt", "an older report\n")
        chmod(target, 0o644)
        // A second name for the old file: replacing by rename leaves it untouched, rewriting in place would not.
        #expect(link(target, folder.path("old-link")) == 0)
        var before = stat()
        #expect(stat(target, &before) == 0)

        let run = try Tool.run(
            ScoreExamples.textArguments(ScoreExamples.answers(ScoreExamples.sample)) + ["--output", target])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.isEmpty)

        var after = stat()
        #expect(stat(target, &after) == 0)
        #expect(after.st_ino != before.st_ino, "the report must be a new file renamed into place")
        #expect(folder.mode("report.txt") == 0o600)
        #expect(
            FileManager.default.contents(atPath: target)
                == (try ScoreExamples.bytes(ScoreExamples.sample, "report.txt")))
        #expect(FileManager.default.contents(atPath: folder.path("old-link")) == Data("an older report\n".utf8))
        #expect(folder.contents == ["old-link", "report.txt"], "no temporary file is left behind")
    }

    @Test("--output with a relative path writes into the working folder")
    func relativeOutput() throws {
        let folder = try TemporaryFolder("crossroads-score")
        let run = try Tool.run(
            ScoreExamples.xmlArguments(ScoreExamples.answers(ScoreExamples.sample)) + ["--output", "report.xml"],
            directory: folder.url)
        #expect(run.status == 0, "\(run)")
        #expect(folder.contents == ["report.xml"])
        #expect(
            FileManager.default.contents(atPath: folder.path("report.xml"))
                == (try ScoreExamples.bytes(ScoreExamples.sample, "report.xml")))
        #expect(folder.mode("report.xml") == 0o600)
    }

    // MARK: Statuses

    @Test("A missing answers file exits 66 and says which file")
    func missingAnswers() throws {
        let folder = try TemporaryFolder("crossroads-score")
        let path = folder.path("no-such-answers.xml")
        let run = try Tool.run(ScoreExamples.textArguments(path))
        #expect(run.status == 66, "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("\(path): error:"), "\(run.stderr)")
    }

    @Test("A folder given as the answers file exits 66")
    func folderAsAnswers() throws {
        let folder = try TemporaryFolder("crossroads-score")
        let run = try Tool.run(ScoreExamples.textArguments(folder.url.path))
        #expect(run.status == 66, "\(run)")
        #expect(run.stdout.isEmpty)
    }

    /// Answers files that are wrong in different ways; each must exit 65 with located diagnostics.
    static let invalidAnswers: [(name: String, text: String)] = [
        ("not-xml", "this is not XML\n"),
        (
            "unclosed",
            "<?xml version=\"1.0\"?>\n<answers xmlns=\"urn:crossroads:answers:1\" assessment=\"should-we-get-back-together\" version=\"1.1.0\">\n  <answer item=\"safety.hurt\"><value>no</value>\n</answers>\n"
        ),
        (
            "unknown-item",
            "<?xml version=\"1.0\"?>\n<answers xmlns=\"urn:crossroads:answers:1\" assessment=\"should-we-get-back-together\" version=\"1.1.0\">\n  <answer item=\"safety.nothing-like-this\"><value>no</value></answer>\n</answers>\n"
        ),
        (
            "bad-value",
            "<?xml version=\"1.0\"?>\n<answers xmlns=\"urn:crossroads:answers:1\" assessment=\"should-we-get-back-together\" version=\"1.1.0\">\n  <answer item=\"safety.hurt\"><value>maybe</value></answer>\n</answers>\n"
        ),
        (
            "wrong-version",
            "<?xml version=\"1.0\"?>\n<answers xmlns=\"urn:crossroads:answers:1\" assessment=\"should-we-get-back-together\" version=\"0.9\">\n</answers>\n"
        ),
        (
            "hidden-item-answered",
            "<?xml version=\"1.0\"?>\n<answers xmlns=\"urn:crossroads:answers:1\" assessment=\"should-we-get-back-together\" version=\"1.1.0\">\n  <answer item=\"safety.afraid\"><value>no</value></answer>\n  <answer item=\"safety.fear-for-life\"><value>yes</value></answer>\n</answers>\n"
        ),
        (
            "doctype",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE answers [<!ENTITY x \"y\">]>\n<answers xmlns=\"urn:crossroads:answers:1\" assessment=\"should-we-get-back-together\" version=\"1.1.0\"/>\n"
        ),
    ]

    @Test(
        "An invalid answers file exits 65 with path:line:column: error: messages and no report",
        arguments: invalidAnswers.map(\.name))
    func invalidAnswersFile(name: String) throws {
        let folder = try TemporaryFolder("crossroads-score")
        let text = try #require(Self.invalidAnswers.first { $0.name == name }?.text)
        let path = try folder.write("\(name).xml", text)
        for format in ["text", "xml"] {
            let run = try Tool.run(["score", path, "--format", format, "--date", ScoreExamples.date])
            #expect(run.status == 65, "\(name), \(format): \(run)")
            #expect(run.stdout.isEmpty, "no report for invalid answers")
            #expect(ScoreExamples.diagnosticsAreLocated(run.stderr, path: path), "\(name): \(run.stderr)")
        }
        // --output must not create the file either.
        let run = try Tool.run(ScoreExamples.textArguments(path) + ["--output", folder.path("report.txt")])
        #expect(run.status == 65)
        #expect(!FileManager.default.fileExists(atPath: folder.path("report.txt")))
    }

    @Test(
        "Usage errors exit 64 and print no report",
        arguments: [
            ["--date", "2026-02-30"], ["--date", "27/11/2026"], ["--date", "tomorrow"], ["--date", ""],
            ["--width", "0"], ["--width", "19"], ["--width", "wide"], ["--width", "1001"],
            ["--format", "pdf"], ["--colour"], ["--date"],
        ])
    func usageErrors(extra: [String]) throws {
        let run = try Tool.run(["score", ScoreExamples.answers(ScoreExamples.sample)] + extra)
        #expect(run.status == 64, "\(extra): \(run)")
        #expect(run.stdout.isEmpty)
        #expect(!run.stderr.isEmpty)
    }

    @Test(
        "A date the XML report cannot state is a usage error (64) in both formats, not a report or a 65",
        arguments: ["+202-01-01", "0000-01-01"])
    func datesBothFormatsReject(date: String) throws {
        // Regression: the CLI's date check once accepted a sign in the year and year 0, which the XML
        // report then refused with status 65.
        for format in ["text", "xml"] {
            let run = try Tool.run([
                "score", ScoreExamples.answers(ScoreExamples.sample), "--format", format, "--date", date,
            ])
            #expect(run.status == 64, "\(format), \(date): \(run)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test("--output - means standard output, not a file named -")
    func outputDashIsStandardOutput() throws {
        let folder = try TemporaryFolder()
        let run = try Tool.run(
            [
                "score", ScoreExamples.answers(ScoreExamples.sample), "--width", "80", "--date", ScoreExamples.date,
                "--output", "-",
            ],
            directory: folder.url)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdoutData == (try ScoreExamples.bytes(ScoreExamples.sample, "report.txt")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    @Test("score with no answers file, or two, is a usage error (64)", arguments: [[String](), ["a.xml", "b.xml"]])
    func wrongArgumentCount(arguments: [String]) throws {
        let run = try Tool.run(["score"] + arguments)
        #expect(run.status == 64, "\(run)")
    }

    /// Output paths that cannot be created, and why.
    enum Unwritable: String, CaseIterable, CustomTestStringConvertible {
        case missingFolder, readOnlyFolder, underAFile, folderAsOutput, diskFull

        var testDescription: String { rawValue }
    }

    @Test(
        "An output that cannot be written exits 73, says why, and leaves nothing behind",
        arguments: Unwritable.allCases)
    func unwritableOutput(kind: Unwritable) throws {
        let folder = try TemporaryFolder("crossroads-score")
        let path: String
        var why: String
        switch kind {
        case .missingFolder:
            path = folder.path("no-such-folder/report.txt")
            why = "does not exist"
        case .readOnlyFolder:
            // Tests often run as root in containers, and root ignores permission bits: a chmod 0500 folder is
            // still writable. So as root a folder that cannot be written to is made another way: a path
            // "inside" a regular file, which no one can create. Otherwise, a real read-only folder.
            if geteuid() == 0 {
                let file = try folder.write("a-file", "not a folder\n")
                path = file + "/report.txt"
                why = "not a folder"
            } else {
                let locked = folder.path("locked")
                try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
                chmod(locked, 0o500)
                path = locked + "/report.txt"
                why = "permission denied"
            }
        case .underAFile:
            let file = try folder.write("plain-file", "not a folder\n")
            path = file + "/report.txt"
            why = "not a folder"
        case .folderAsOutput:
            let inTheWay = folder.path("in-the-way")
            try FileManager.default.createDirectory(atPath: inTheWay, withIntermediateDirectories: false)
            path = inTheWay
            why = "folder"
        case .diskFull:
            path = "/dev/full"
            why = "full"
        }
        defer { chmod(folder.path("locked"), 0o700) }
        let before = folder.contents

        let run = try Tool.run(
            ScoreExamples.textArguments(ScoreExamples.answers(ScoreExamples.sample)) + ["--output", path])
        #expect(run.status == 73, "\(kind): \(run)")
        #expect(!run.signaled)
        #expect(run.stdout.isEmpty, "the report must not fall back to standard output")
        #expect(run.stderr.hasPrefix("\(path): error:"), "\(run.stderr)")
        #expect(run.stderr.contains(why), "\(kind): \(run.stderr)")
        #expect(folder.contents == before, "nothing is left behind: \(folder.contents)")
        if kind == .folderAsOutput {
            #expect((try FileManager.default.contentsOfDirectory(atPath: path)).isEmpty)
        }
    }

    @Test("A closed standard output is a clean exit (73 with a message), not a crash", arguments: ["text", "xml"])
    func closedStandardOutput(format: String) throws {
        let answers = ScoreExamples.answers(ScoreExamples.sample)
        let run = try Tool.runWithClosedStandardOutput(
            format == "text" ? ScoreExamples.textArguments(answers) : ScoreExamples.xmlArguments(answers))
        #expect(run.exited, "ended by signal \(run.status)")
        #expect(run.status == 73, "\(run.stderr)")
        #expect(run.stderr.contains("standard output"), "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error"))
    }

    @Test("The same answers and date always give the same bytes")
    func deterministic() throws {
        let arguments = ScoreExamples.xmlArguments(ScoreExamples.answers("both-see-their-part-healthier-version"))
        let first = try Tool.run(arguments)
        let second = try Tool.run(
            arguments, environment: ["LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8", "TZ": "Pacific/Kiritimati"])
        #expect(first.status == 0 && second.status == 0)
        #expect(first.stdoutData == second.stdoutData, "the report depends only on the answers and the date")
    }
}
