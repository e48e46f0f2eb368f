import Crossroads
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The bytes that must never reach a terminal from Crossroads: ESC, every other C0 control but line feed
/// and tab (and carriage return before a line feed), DEL, the C1 controls and the bidirectional controls.
enum TerminalBytes {
    /// The control characters found in `data`, as `U+XXXX` (empty when the bytes are clean).
    static func controls(in data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        var found: [String] = []
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            let isCRLF = value == 0x0D && index + 1 < scalars.count && scalars[index + 1] == "\n"
            let control =
                (value < 0x20 && value != 0x0A && value != 0x09 && !isCRLF) || (0x7F...0x9F).contains(value)
                || [0x061C, 0x200E, 0x200F].contains(value) || (0x202A...0x202E).contains(value)
                || (0x2066...0x2069).contains(value)
            if control { found.append("U+" + String(value, radix: 16, uppercase: true)) }
        }
        // Raw bytes too: a lone C1 byte is not valid UTF-8 and would decode as U+FFFD above.
        if data.contains(0x1B) && !found.contains("U+1B") { found.append("ESC byte") }
        return found
    }

    /// Expects both streams of a run to be free of control characters.
    static func expectClean(_ run: ToolRun, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(controls(in: run.stdoutData).isEmpty, "\(what): stdout has \(controls(in: run.stdoutData))", sourceLocation: sourceLocation)
        #expect(controls(in: run.stderrData).isEmpty, "\(what): stderr has \(controls(in: run.stderrData))", sourceLocation: sourceLocation)
    }
}

@Suite("Hostile input, second round: terminal controls, outputs that are not files, locales, endless lines")
struct HostileOutputTests {
    static var sample: String { ScoreExamples.answers(ScoreExamples.sample) }
    static var sampleText: String { (try? String(contentsOfFile: sample, encoding: .utf8)) ?? "" }

    // MARK: - Terminal controls

    @Test("validate DIR/* with file names holding ESC sequences: the names are shown, the controls are not")
    func escapeSequencesInFileNames() throws {
        let folder = try TemporaryFolder("crossroads-names")
        let names = ["title\u{1B}]0;owned\u{7}.xml", "clear\u{1B}[2J\u{1B}[H.xml", "c1\u{9B}2J.xml", "bidi\u{202E}lmx.xml"]
        for name in names { try folder.write(name, Self.sampleText) }
        let run = try Tool.run(["validate"] + names.map { folder.path($0) })
        #expect(run.status == 65, "\(run)")
        TerminalBytes.expectClean(run, "validate")
        #expect(run.stderr.contains("title\\u{1B}]0;owned\\u{7}.xml:"), "\(run.stderr)")
        #expect(run.stderr.contains("bidi\\u{202E}lmx.xml:"), "\(run.stderr)")
        // A file that does not exist: the name is echoed in an error of another kind.
        let missing = try Tool.run(["validate", folder.path("gone\u{1B}[2J.xml")])
        #expect(missing.status == 66, "\(missing)")
        TerminalBytes.expectClean(missing, "validate of a missing file")
    }

    @Test("A C1-control value refused by the schema, and U+202E in a locale attribute: quoted visibly")
    func controlsInQuotedValues() throws {
        let folder = try TemporaryFolder("crossroads-values")
        let c1 = Self.sampleText.replacingOccurrences(
            of: "version=\"1.1.0\"", with: "version=\"&#x9B;2J&#x9D;0;owned&#x9C;\"")
        let bidi = Self.sampleText.replacingOccurrences(
            of: "version=\"1.1.0\"", with: "version=\"1.1.0\" locale=\"en&#x202E;GB&#x2066;\"")
        #expect(c1 != Self.sampleText && bidi != Self.sampleText)
        for (name, text) in [("c1.xml", c1), ("bidi.xml", bidi)] {
            let path = try folder.write(name, text)
            let run = try Tool.run(["score", path])
            #expect(run.status == 65, "\(name): \(run)")
            #expect(!run.stderr.isEmpty)
            TerminalBytes.expectClean(run, name)
        }
        let run = try Tool.run(["score", folder.path("c1.xml")])
        #expect(run.stderr.contains("\\u{9B}2J\\u{9D}0;owned\\u{9C}"), "\(run.stderr)")
    }

    @Test("Bidirectional and other controls in a note: the text report, CSV and take show them visibly; XML keeps them as references")
    func controlsInANote() throws {
        let folder = try TemporaryFolder("crossroads-note")
        let hostile = "A\u{202E}B\u{2066}C\u{2069}D\u{200F}E\u{061C}F"
        let escaped = hostile.unicodeScalars.map { $0.isASCII ? String($0) : "&#x\(String($0.value, radix: 16));" }.joined()
        let text = Self.sampleText.replacingOccurrences(
            of: "<note>The good version of him.</note>", with: "<note>\(escaped) &#x1B;[2J &#x85;</note>")
        let file: String
        if text != Self.sampleText {
            file = try folder.write("note.answers.xml", text)
        } else {
            let other = try String(contentsOfFile: ScoreExamples.answers("abuse-not-sure"), encoding: .utf8)
            let changed = other.replacingOccurrences(
                of: "<note>The good version of him.</note>", with: "<note>\(escaped) &#x85;</note>")
            #expect(changed != other)
            file = try folder.write("note.answers.xml", changed)
        }
        let textRun = try Tool.run(["score", file, "--date", ScoreExamples.date])
        #expect(textRun.status == 0, "\(textRun)")
        TerminalBytes.expectClean(textRun, "text report")
        #expect(textRun.stdout.contains("A\\u{202E}B\\u{2066}C\\u{2069}D\\u{200F}E\\u{61C}F"), "\(textRun.stdout)")

        let xmlRun = try Tool.run(["score", file, "--format", "xml", "--date", ScoreExamples.date])
        #expect(xmlRun.status == 0, "\(xmlRun)")
        TerminalBytes.expectClean(xmlRun, "XML report")
        #expect(xmlRun.stdout.contains("A&#x202E;B&#x2066;C&#x2069;D&#x200F;E&#x61C;F"), "\(xmlRun.stdout)")

        let csvRun = try Tool.run(["batch", file, "--format", "csv"])
        TerminalBytes.expectClean(csvRun, "CSV")

        // take: the same note comes back on --resume, and what is typed is echoed.
        let progress = try folder.write("progress.xml", try String(contentsOfFile: file, encoding: .utf8))
        let take = try Tool.run(
            ["take", "--resume", progress, "--date", ScoreExamples.date, "--no-pager"],
            stdin: "\u{1B}]0;typed\u{7}\u{202E}\n\n\n", timeout: 30)
        #expect(!take.timedOut, "\(take)")
        TerminalBytes.expectClean(take, "take")
    }

    @Test("take with controls in the assessment's own text and in what is typed: nothing raw is printed")
    func takeWithHostileAssessmentText() throws {
        let folder = try TemporaryFolder("crossroads-take-text")
        let tiny = TinyAssessment.text.replacingOccurrences(
            of: "<text>Are you in danger?</text>", with: "<text>Are you in danger?&#x202E;&#x9B;2J&#x2067;</text>")
            .replacingOccurrences(of: "<title>Tiny test</title>", with: "<title>Tiny&#x200F; test&#x85;</title>")
        #expect(tiny != TinyAssessment.text)
        let path = try folder.write("tiny.xml", tiny)
        let run = try Tool.run(
            ["take", "--questionnaire", path, "--date", ScoreExamples.date, "--no-pager"],
            stdin: "\u{1B}[2J\u{202E}maybe\nno\nq\n", timeout: 30)
        #expect(!run.timedOut, "\(run)")
        #expect(run.stdout.contains("Are you in danger?\\u{202E}\\u{9B}2J\\u{2067}"), "\(run.stdout)")
        TerminalBytes.expectClean(run, "take")
    }

    @Test("ESC in an --output name: the Saved line shows it visibly; so do ArgumentParser's own messages")
    func escapeInAnOutputName() throws {
        let folder = try TemporaryFolder("crossroads-out-name")
        let name = folder.path("r\u{1B}[2J\u{1B}]0;x\u{7}.txt")
        let run = try Tool.run(["score", Self.sample, "--output", name])
        #expect(run.status == 0, "\(run)")
        TerminalBytes.expectClean(run, "Saved …")
        #expect(run.stderr.contains("r\\u{1B}[2J\\u{1B}]0;x\\u{7}.txt (readable by you alone)"), "\(run.stderr)")
        let usage = try Tool.run(["score", Self.sample, "\u{1B}[2J\u{202E}extra"])
        #expect(usage.status == 64, "\(usage)")
        TerminalBytes.expectClean(usage, "usage error")
    }

    // MARK: - Outputs that are not regular files

    /// Runs the tool with standard output sent to the file `stdoutPath` (as `> file` would).
    static func runToFile(_ arguments: [String], stdoutPath: String) throws -> (status: Int32, stderr: String) {
        #expect(FileManager.default.createFile(atPath: stdoutPath, contents: nil))
        let process = Process()
        process.executableURL = Tool.crossroads
        process.arguments = arguments
        // Empty standard input: a pipe whose writing end is closed (no path of the machine's is opened).
        let input = Pipe()
        try input.fileHandleForWriting.close()
        process.standardInput = input
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }

    @Test("--output through a link to /proc/self/fd/1, with standard output a file: the report lands in the file, the link stays")
    func outputToStandardOutputRedirectedToAFile() throws {
        let folder = try TemporaryFolder("crossroads-stdout")
        let link = folder.path("stdout-link")
        #expect(symlink("/proc/self/fd/1", link) == 0)
        let file = folder.path("file.txt")
        let run = try Self.runToFile(
            ScoreExamples.textArguments(Self.sample) + ["--output", link], stdoutPath: file)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.contents(atPath: file) == (try ScoreExamples.bytes(ScoreExamples.sample, "report.txt")))
        var status = stat()
        #expect(lstat(link, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK, "the link is still a link")
        #expect(!run.stderr.contains("readable by you alone"), "\(run.stderr)")
        #expect(folder.leftovers.isEmpty, "\(folder.contents)")

        // The same with standard output a pipe, and through /dev/fd-style and chained links.
        let chained = folder.path("chained")
        #expect(symlink(link, chained) == 0)
        let piped = try Tool.run(ScoreExamples.textArguments(Self.sample) + ["--output", chained])
        #expect(piped.status == 0, "\(piped)")
        #expect(piped.stdoutData == (try ScoreExamples.bytes(ScoreExamples.sample, "report.txt")))
    }

    @Test("A FIFO with no reader: status 73 at once, said plainly; with a reader, written in place and not called private")
    func fifoOutputs() throws {
        let folder = try TemporaryFolder("crossroads-fifo")
        let fifo = folder.path("out.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let lonely = try Tool.run(ScoreExamples.textArguments(Self.sample) + ["--output", fifo], timeout: 30)
        #expect(!lonely.timedOut, "a FIFO with no reader must not block")
        #expect(lonely.status == 73, "\(lonely)")
        #expect(lonely.stderr.contains("no program is reading"), "\(lonely.stderr)")

        // With a reader, the report goes through the FIFO, which stays a FIFO.
        let received = Mutex<Data?>(nil)
        let reader = Thread {
            let handle = FileHandle(forReadingAtPath: fifo)
            received.withLock { $0 = handle?.readDataToEndOfFile() }
        }
        reader.start()
        // Wait for the reader to open its end (a writer opened without waiting would find no reader).
        var tries = 0
        var run: ToolRun?
        while tries < 3000 {
            let attempt = try Tool.run(ScoreExamples.textArguments(Self.sample) + ["--output", fifo], timeout: 30)
            if attempt.status != 73 {
                run = attempt
                break
            }
            usleep(10_000)
            tries += 1
        }
        let done = try #require(run)
        #expect(done.status == 0, "\(done)")
        #expect(!done.stderr.contains("readable by you alone"), "\(done.stderr)")
        var waited = 0
        while received.withLock({ $0 }) == nil && waited < 3000 {
            usleep(10_000)
            waited += 1
        }
        #expect(received.withLock { $0 } == (try ScoreExamples.bytes(ScoreExamples.sample, "report.txt")))
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    }

    @Test("A target with no write bit is refused (73) whoever runs the tool, root included, and left as it was")
    func readOnlyTargetRefusedEvenAsRoot() throws {
        let folder = try TemporaryFolder("crossroads-readonly")
        let target = try folder.write("report.txt", "kept\n")
        #expect(chmod(target, 0o444) == 0)
        let before = FileSnapshot(target)
        let run = try Tool.run(ScoreExamples.textArguments(Self.sample) + ["--output", target])
        #expect(run.status == 73, "\(run) (euid \(geteuid()))")
        #expect(run.stderr.contains("read-only") && run.stderr.contains("delete it first"), "\(run.stderr)")
        #expect(FileSnapshot(target) == before)
        #expect(folder.contents == ["report.txt"])
    }

    @Test("--output '' is a usage error (64) that says no file name was given")
    func emptyOutputName() throws {
        let score = try Tool.run(ScoreExamples.textArguments(Self.sample) + ["--output", ""])
        #expect(score.status == 64, "\(score)")
        #expect(score.stderr.contains("no file name given"), "\(score.stderr)")
        #expect(!score.stderr.contains("does not exist"))
        let batch = try Tool.run(["batch", Self.sample, "--output", ""])
        #expect(batch.status == 64 && batch.stderr.contains("no file name given"), "\(batch)")
        let take = try Tool.run(["take", "--save-progress", ""], stdin: "q\n")
        #expect(take.status == 64 && take.stderr.contains("no file name given"), "\(take)")
        let emptyCompare = try Tool.run(["take", "--compare", ""], stdin: "q\n")
        #expect(emptyCompare.status == 64 && emptyCompare.stderr.contains("no file name given"), "\(emptyCompare)")
        let resume = try Tool.run(["take", "--resume", ""], stdin: "q\n")
        #expect(resume.status == 64 && resume.stderr.contains("no file name given"), "\(resume)")
        let compare = try Tool.run(
            ["compare", ScoreExamples.answers("mixed"), ScoreExamples.answers("unsafe-right-now"), "--output", ""])
        #expect(compare.status == 64 && compare.stderr.contains("no file name given"), "\(compare)")
    }

    // MARK: - Locales

    @Test(
        "An invalid locale from --locale or the environment is reported once and left out; the saved file is read by score and --resume",
        arguments: [(["--locale", "en_"], [String: String?]()), ([], ["LANG": "Norwegian_Bokmal", "LC_ALL": nil, "LC_MESSAGES": nil])])
    func invalidLocalesAreLeftOut(_ options: [String], _ environment: [String: String?]) throws {
        let folder = try TemporaryFolder("crossroads-locale")
        let tiny = try folder.write("tiny.xml", TinyAssessment.text)
        let progress = folder.path("p.xml")
        let run = try Tool.run(
            ["take", "--questionnaire", tiny, "--date", ScoreExamples.date, "--save-progress", progress] + options,
            stdin: "no\nq\n", environment: environment, timeout: 30)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.components(separatedBy: "is not one Crossroads understands").count == 2, "\(run.stderr)")
        let saved = try String(contentsOfFile: progress, encoding: .utf8)
        #expect(!saved.contains("locale="), "\(saved)")
        let score = try Tool.run(["score", progress, "--assessment", tiny])
        #expect(score.status == 0 || !score.stderr.contains("locale"), "\(score)")
        let resumed = try Tool.run(
            ["take", "--questionnaire", tiny, "--resume", progress, "--date", ScoreExamples.date], stdin: "q\n",
            environment: environment, timeout: 30)
        #expect(resumed.status == 0, "\(resumed)")
        #expect(!resumed.stderr.contains("error"), "\(resumed.stderr)")
    }

    @Test("take --locale en_ --save-progress p.xml, answered to the end: score reads p.xml")
    func invalidLocaleThenScore() throws {
        let folder = try TemporaryFolder("crossroads-locale-score")
        let progress = folder.path("p.xml")
        let script = TakeScript(try Assessment.bundled(), locale: nil)
        let run = try Tool.run(
            ["take", "--locale", "en_", "--date", ScoreExamples.date, "--save-progress", progress, "--no-pager"],
            stdin: script.input + "n\nn\nn\nn\n", timeout: 60)
        #expect(!run.timedOut, "\(run)")
        let score = try Tool.run(["score", progress, "--date", ScoreExamples.date])
        #expect(score.status == 0, "\(score)")
    }

    @Test("An invalid --locale on --resume is left out, and the valid locale saved in the file stays")
    func invalidLocaleKeepsTheResumedOne() throws {
        let folder = try TemporaryFolder("crossroads-locale-resume")
        let tiny = try folder.write("tiny.xml", TinyAssessment.text)
        let progress = folder.path("p.xml")
        let first = try Tool.run(
            ["take", "--questionnaire", tiny, "--date", ScoreExamples.date, "--save-progress", progress, "--locale",
             "en_GB"], stdin: "no\nq\n", timeout: 30)
        #expect(first.status == 0, "\(first)")
        #expect(try String(contentsOfFile: progress, encoding: .utf8).contains("locale=\"en_GB\""))
        let resumed = try Tool.run(
            ["take", "--questionnaire", tiny, "--resume", progress, "--locale", "en_", "--date", ScoreExamples.date],
            stdin: "q\n", timeout: 30)
        #expect(resumed.status == 0, "\(resumed)")
        #expect(resumed.stderr.contains("the locale saved with your answers, en_GB, stays"), "\(resumed.stderr)")
        let saved = try String(contentsOfFile: progress, encoding: .utf8)
        #expect(saved.contains("locale=\"en_GB\""), "\(saved)")
    }

    @Test("Another user's FIFO and a disk device are refused (73) before anything is written to them")
    func foreignFIFOAndDiskDeviceAreRefused() throws {
        let folder = try TemporaryFolder("crossroads-foreign")
        let fifo = folder.path("theirs.fifo")
        #expect(mkfifo(fifo, 0o666) == 0)
        if geteuid() == 0 {
            // Root can give the FIFO away; an ordinary user's own FIFO is tested in fifoOutputs.
            #expect(chown(fifo, 65534, 65534) == 0)
            let run = try Tool.run(ScoreExamples.textArguments(Self.sample) + ["--output", fifo], timeout: 30)
            #expect(!run.timedOut)
            #expect(run.status == 73, "\(run)")
            #expect(run.stderr.contains("belongs to another user"), "\(run.stderr)")
            // A block device node of the test's own (loop device numbers), never one of the machine's.
            let disk = folder.path("disk")
            if mknod(disk, S_IFBLK | 0o600, dev_t((7 << 8) | 250)) == 0 {  // major 7, minor 250
                let onDisk = try Tool.run(ScoreExamples.textArguments(Self.sample) + ["--output", disk], timeout: 30)
                #expect(onDisk.status == 73, "\(onDisk)")
                #expect(onDisk.stderr.contains("it is a disk device"), "\(onDisk.stderr)")
            }
        }
    }

    // MARK: - Input that never ends a line

    @Test("take with standard input that never ends a line (zeros): status 65 with a message, under a generous watchdog")
    func endlessLineEnds() throws {
        let folder = try TemporaryFolder("crossroads-zero")
        let tiny = try folder.write("tiny.xml", TinyAssessment.text)
        // Four mebibytes of NUL bytes and no line break: far more than ten pieces of 64 KiB.
        let run = try Tool.run(
            ["take", "--questionnaire", tiny, "--date", ScoreExamples.date],
            stdin: String(repeating: "\u{0}", count: 4 << 20), timeout: 60)
        #expect(!run.timedOut, "take must give up on endless input")
        #expect(run.status == 65, "\(run.status) \(run.stderr)")
        #expect(run.stderr.contains("lines in a row were not answers"), "\(run.stderr)")
        #expect(run.stderr.contains("longer than 64 KiB"), "\(run.stderr)")
        TerminalBytes.expectClean(run, "take < zeros")
    }
}
