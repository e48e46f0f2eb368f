import Crossroads
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

// End-to-end fault tests: what the built `crossroads` does when its output cannot be written, when it is
// killed in the middle of saving, and when an answers file was cut short. ScoreCommandTests already covers a
// missing folder, a path under a file, a folder as output, /dev/full as --output, a closed standard output for
// `score`, and the atomic replacement of an existing file; these tests add the rest.

/// Ways to take write permission away, including as root (which ignores permission bits).
enum Permissions {
    static let isRoot = geteuid() == 0
    static let chattr = ["/usr/bin/chattr", "/bin/chattr"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
    /// The unprivileged user and group root runs the tool as ("nobody" on Debian).
    static let nobody: uid_t = 65534

    /// Sets or clears the immutable attribute (`chattr +i`); false when that is not possible here (not root,
    /// no chattr, or a file system without it, such as some tmpfs and overlay mounts).
    @discardableResult
    static func setImmutable(_ path: String, _ on: Bool) -> Bool {
        guard let chattr else { return false }
        guard let run = try? Tool.run([on ? "+i" : "-i", path], executable: URL(fileURLWithPath: chattr)) else {
            return false
        }
        return run.status == 0 && !run.signaled
    }

    /// Whether `chattr +i` works in the temporary folder.
    static let immutableWorks: Bool = {
        guard let folder = try? TemporaryFolder("crossroads-chattr"), let file = try? folder.write("probe", "x") else {
            return false
        }
        defer { setImmutable(file, false) }
        return setImmutable(file, true) && open(file, O_WRONLY) < 0
    }()

    /// Whether the tool can be run as an unprivileged user: needed for permission bits to mean anything.
    static let canDropPrivileges = !isRoot || setpriv != nil

    /// Runs the built tool with permission bits in force: as uid/gid 65534 through setpriv when this
    /// process is root, else as this user.
    static func runUnprivileged(_ arguments: [String], directory: URL? = nil, binary: URL? = nil) throws -> ToolRun {
        guard isRoot else { return try Tool.run(arguments, directory: directory, executable: binary) }
        let binary = try #require(binary ?? Tool.crossroads)
        let setpriv = try #require(setpriv)
        return try Tool.run(
            ["--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", binary.path] + arguments,
            directory: directory, executable: URL(fileURLWithPath: setpriv))
    }

    /// Copies of the built tool and of `files` in a new folder anyone may read (folder 0755, files 0644, the
    /// tool 0755), for runs as another user: a clone inside a private folder (mode 0700, as home folders
    /// often are) is out of that user's reach. Returns the folder (keep it alive), the tool and the copies.
    static func readableCopies(of files: [String]) throws -> (TemporaryFolder, URL, [String]) {
        let folder = try TemporaryFolder("crossroads-readable")
        #expect(chmod(folder.url.path, 0o755) == 0)
        let tool = folder.path("crossroads")
        try FileManager.default.copyItem(atPath: try #require(Tool.crossroads).path, toPath: tool)
        #expect(chmod(tool, 0o755) == 0)
        var copies: [String] = []
        for (index, file) in files.enumerated() {
            let copy = folder.path("input-\(index)-" + URL(fileURLWithPath: file).lastPathComponent)
            try FileManager.default.copyItem(atPath: file, toPath: copy)
            #expect(chmod(copy, 0o644) == 0)
            copies.append(copy)
        }
        return (folder, URL(fileURLWithPath: tool), copies)
    }

    /// Gives a folder (and everything in it) to the user ``runUnprivileged(_:directory:)`` runs as.
    static func handOver(_ path: String) {
        guard isRoot else { return }
        chown(path, nobody, gid_t(nobody))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            chown(path + "/" + name, nobody, gid_t(nobody))
        }
    }
}

/// A file's identity and bytes, to show it was not touched.
struct FileSnapshot: Equatable {
    var inode: UInt64
    var mode: UInt32
    var bytes: Data

    init?(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0, let bytes = FileManager.default.contents(atPath: path) else { return nil }
        inode = UInt64(status.st_ino)
        mode = UInt32(status.st_mode)
        self.bytes = bytes
    }
}

extension TemporaryFolder {
    /// The temporary files AtomicFile leaves when killed mid-save.
    var leftovers: [String] { contents.filter { $0.hasPrefix(".crossroads-") } }
}

@Suite("Faults, end to end: unwritable outputs, kills mid-save, cut-short answers", .serialized)
struct FaultTests {
    static var sampleAnswers: String { ScoreExamples.answers(ScoreExamples.sample) }
    static var sampleArguments: [String] { ScoreExamples.textArguments(sampleAnswers) }

    // MARK: - A read-only output file or folder

    @Test(
        "An existing output file made immutable (chattr +i) is refused with 73 and left exactly as it was",
        .enabled(if: Permissions.immutableWorks, "chattr +i is not available here"))
    func immutableOutputFile() throws {
        let folder = try TemporaryFolder("crossroads-fault")
        let target = try folder.write("report.txt", "an older report, kept\n")
        #expect(Permissions.setImmutable(target, true))
        defer { Permissions.setImmutable(target, false) }
        let before = FileSnapshot(target)

        let run = try Tool.run(Self.sampleArguments + ["--output", target])
        #expect(run.status == 73 && !run.signaled, "\(run)")
        #expect(run.stdout.isEmpty, "the report must not fall back to standard output")
        #expect(run.stderr.hasPrefix("\(target): error:"), "\(run.stderr)")
        #expect(run.stderr.contains("read-only"), "\(run.stderr)")
        #expect(FileSnapshot(target) == before, "the old file is untouched")
        #expect(folder.contents == ["report.txt"], "no temporary file is left behind: \(folder.contents)")
    }

    @Test(
        "A folder made immutable (chattr +i) refuses a new report with 73, permission denied, nothing created",
        .enabled(if: Permissions.immutableWorks, "chattr +i is not available here"))
    func immutableFolder() throws {
        let outer = try TemporaryFolder("crossroads-fault")
        let locked = outer.path("locked")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
        let existing = locked + "/old.txt"
        try Data("kept\n".utf8).write(to: URL(fileURLWithPath: existing))
        #expect(Permissions.setImmutable(locked, true))
        defer { Permissions.setImmutable(locked, false) }

        for target in [locked + "/report.txt", existing] {
            let before = FileSnapshot(existing)
            let run = try Tool.run(Self.sampleArguments + ["--output", target])
            #expect(run.status == 73 && !run.signaled, "\(target): \(run)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.hasPrefix("\(target): error:"), "\(run.stderr)")
            #expect(run.stderr.contains("permission denied"), "\(run.stderr)")
            #expect(FileSnapshot(existing) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: locked) == ["old.txt"])
        }
    }

    @Test(
        "With permission bits in force, a read-only file (0400) is not replaced and a read-only folder (0500) is not written",
        .enabled(if: Permissions.canDropPrivileges, "running as root without setpriv: permission bits do not apply"))
    func permissionBits() throws {
        // Renaming over a file needs only the folder's write permission, so without a check a 0400 report would
        // be silently replaced; the tool refuses instead, as a shell redirection would.
        let folder = try TemporaryFolder("crossroads-fault")
        let readOnlyFile = try folder.write("report.txt", "an older report, kept\n")
        let lockedFolder = folder.path("locked")
        try FileManager.default.createDirectory(atPath: lockedFolder, withIntermediateDirectories: false)
        Permissions.handOver(folder.url.path)
        chmod(readOnlyFile, 0o400)
        chmod(lockedFolder, 0o500)
        defer { chmod(lockedFolder, 0o700) }
        let before = FileSnapshot(readOnlyFile)

        // The tool and the answers are copied where the other user can read them, whatever folder the
        // package was cloned into.
        let (readable, tool, inputs) = try Permissions.readableCopies(of: [Self.sampleAnswers])
        defer { _ = readable }
        let arguments = ScoreExamples.textArguments(inputs[0])
        let file = try Permissions.runUnprivileged(arguments + ["--output", readOnlyFile], binary: tool)
        #expect(file.status == 73 && !file.signaled, "\(file)")
        #expect(file.stdout.isEmpty)
        #expect(file.stderr.hasPrefix("\(readOnlyFile): error:"), "\(file.stderr)")
        #expect(file.stderr.contains("the file is read-only"), "\(file.stderr)")
        #expect(FileSnapshot(readOnlyFile) == before, "the read-only file is untouched")

        let inLocked = lockedFolder + "/report.txt"
        let folderRun = try Permissions.runUnprivileged(arguments + ["--output", inLocked], binary: tool)
        #expect(folderRun.status == 73 && !folderRun.signaled, "\(folderRun)")
        #expect(folderRun.stderr.hasPrefix("\(inLocked): error:"), "\(folderRun.stderr)")
        #expect(folderRun.stderr.contains("permission denied"), "\(folderRun.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: lockedFolder).isEmpty)
        #expect(folder.contents == ["locked", "report.txt"], "no temporary file is left behind: \(folder.contents)")

        // The same user may replace a file that is theirs and writable: the check is not a blanket refusal.
        chmod(readOnlyFile, 0o600)
        let replaced = try Permissions.runUnprivileged(arguments + ["--output", readOnlyFile], binary: tool)
        #expect(replaced.status == 0, "\(replaced)")
        #expect(
            FileManager.default.contents(atPath: readOnlyFile)
                == (try ScoreExamples.bytes(ScoreExamples.sample, "report.txt")))
    }

    @Test(
        "take --resume of an immutable progress file stops before the first question (73), the file untouched",
        .enabled(if: Permissions.immutableWorks, "chattr +i is not available here"))
    func takeResumeOfAnImmutableProgressFile() throws {
        let folder = try TemporaryFolder("crossroads-fault")
        let progress = try folder.write(
            "progress.xml", try String(contentsOfFile: ScoreExamples.answers("mixed"), encoding: .utf8))
        #expect(Permissions.setImmutable(progress, true))
        defer { Permissions.setImmutable(progress, false) }
        let before = FileSnapshot(progress)
        let run = try Tool.run(
            ["take", "--resume", progress, "--date", ScoreExamples.date], stdin: "\n1\n",
            directory: folder.url)
        #expect(run.status == 73 && !run.signaled, "\(run)")
        #expect(run.stderr.contains("\(progress): error:") && run.stderr.contains("read-only"), "\(run.stderr)")
        #expect(!run.stdout.contains("question 1 of"), "no question is asked when progress cannot be kept")
        #expect(FileSnapshot(progress) == before)
        #expect(folder.contents == ["progress.xml"])
    }

    // MARK: - Standard output that cannot be written

    @Test(
        "A report to a full standard output (> /dev/full) exits 73 with a message, in both formats",
        arguments: ["text", "xml"])
    func fullStandardOutput(format: String) throws {
        let binary = try #require(Tool.crossroads)
        let arguments = format == "text" ? Self.sampleArguments : ScoreExamples.xmlArguments(Self.sampleAnswers)
        let run = try Tool.run(
            ["-c", "exec \"$0\" \"$@\" > /dev/full", binary.path] + arguments,
            executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(run.status == 73 && !run.signaled, "\(run)")
        #expect(run.stderr.contains("standard output"), "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error"))
    }

    @Test(
        "list and schema with a closed standard output exit 73 and say why (they used to exit 73 silently)",
        arguments: [["list"], ["schema", "answers"], ["schema", "questionnaire"], ["schema", "report"]])
    func closedStandardOutputOtherCommands(arguments: [String]) throws {
        let run = try Tool.runWithClosedStandardOutput(arguments)
        #expect(run.exited, "ended by signal \(run.status)")
        #expect(run.status == 73, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains("standard output"), "\(arguments): a message must say why: “\(run.stderr)”")
    }

    @Test("take with a closed standard output stops at once, saves nothing, and says so")
    func closedStandardOutputTake() throws {
        let folder = try TemporaryFolder("crossroads-fault")
        let run = try Tool.runWithClosedStandardOutput(
            ["take", "--date", ScoreExamples.date, "--save-progress", folder.path("progress.xml")])
        #expect(run.exited, "ended by signal \(run.status)")
        #expect(run.stderr.contains("output was closed"), "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error"))
    }

    // MARK: - Killed in the middle of an atomic save

    /// A small fixed-seed generator, so that a failing kill schedule can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Seconds one run takes, measured (the sanitizer builds are several times slower).
    static func duration(_ arguments: [String], stdin: String? = nil, directory: URL? = nil) throws -> Double {
        let start = Date()
        let run = try Tool.run(arguments, stdin: stdin, directory: directory)
        #expect(run.status == 0 || run.status == 65, "\(run)")
        return Date().timeIntervalSince(start)
    }

    @Test(
        "score --output killed (SIGKILL) at random moments: the file is always absent, old, or new, and whole; no temporary file piles up"
    )
    func killedDuringScoreOutput() throws {
        let folder = try TemporaryFolder("crossroads-kill")
        let target = folder.path("report.txt")
        let new = try ScoreExamples.bytes(ScoreExamples.sample, "report.txt")
        let old = Data(String(repeating: "An older report that must stay whole.\n", count: 200).utf8)
        let arguments = Self.sampleArguments + ["--output", target]
        let full = try Self.duration(arguments)
        var random = SplitMix(state: 0xC0FF_EE00_D15E_A5E5)
        var seen: [String: Int] = [:]
        for round in 0..<48 {
            // Half the rounds replace an existing file; the others create it.
            let hadOld = round % 2 == 0
            try? FileManager.default.removeItem(atPath: target)
            if hadOld { try old.write(to: URL(fileURLWithPath: target)) }
            let process = try ToolProcess(arguments, stdinIsNull: true)
            usleep(UInt32(Double.random(in: 0...(full * 1.3), using: &random) * 1_000_000))
            process.kill(SIGKILL)
            let run = process.wait(timeout: 20)
            let now = FileManager.default.contents(atPath: target)
            let state: String
            switch now {
            case nil: state = "absent"
            case old?: state = "old"
            case new?: state = "new"
            default: state = "partial"
            }
            seen[state, default: 0] += 1
            #expect(
                state == "new" || state == (hadOld ? "old" : "absent"),
                "round \(round): the report is \(state) (\(now?.count ?? 0) bytes) after \(run)")
            // Only the save that was killed can have left a temporary file: every save clears older ones.
            #expect(folder.leftovers.count <= 1, "round \(round): \(folder.leftovers)")
            if !folder.leftovers.isEmpty { seen["left a temporary file", default: 0] += 1 }
            if state == "new" {
                #expect(FileSnapshot(target).map { $0.mode & 0o777 } == 0o600)
            }
        }
        #expect(seen["partial"] == nil)
        // A normal save afterwards leaves exactly the report.
        let last = try Tool.run(arguments)
        #expect(last.status == 0, "\(last)")
        #expect(FileManager.default.contents(atPath: target) == new)
        #expect(folder.contents == ["report.txt"], "\(folder.contents)")
        print("score --output kill rounds: \(seen.sorted { $0.key < $1.key })")
    }

    @Test(
        "take --save-progress killed (SIGKILL) at random moments: the progress file is absent or a whole, valid answers file"
    )
    func killedDuringTakeSaveProgress() throws {
        let folder = try TemporaryFolder("crossroads-kill")
        let assessment = try Assessment.bundled()
        let script = TakeScript(assessment, locale: "en_GB.UTF-8")
        let input = script.input + "n\n"
        let base = ["take", "--date", ScoreExamples.date, "--width", "80", "--locale", "en_GB.UTF-8"]
        let full = try Self.duration(
            base + ["--save-progress", folder.path("timing.xml")], stdin: input,
            directory: folder.url)
        try FileManager.default.removeItem(atPath: folder.path("timing.xml"))
        var random = SplitMix(state: 0x7A4E_5AFE_0000_0001)
        var answeredCounts: [Int] = []
        var leftBehind = 0
        for round in 0..<30 {
            let progress = folder.path("progress-\(round).xml")
            let process = try ToolProcess(base + ["--save-progress", progress], directory: folder.url)
            process.send(input)
            process.closeInput()
            usleep(UInt32(Double.random(in: 0...full, using: &random) * 1_000_000))
            process.kill(SIGKILL)
            let run = process.wait(timeout: 20)
            #expect(folder.leftovers.count <= 1, "round \(round): \(folder.leftovers)")
            if !folder.leftovers.isEmpty { leftBehind += 1 }
            guard FileManager.default.fileExists(atPath: progress) else {
                answeredCounts.append(-1)
                continue
            }
            do {
                let (answers, _) = try AnswersReader.read(file: progress)
                let answered = answers.responses.filter { $0.value.isAnswer || $0.value == .declined }
                for (id, response) in answered {
                    #expect(script.answers[id] == response, "round \(round): \(id) was saved as \(response)")
                }
                answeredCounts.append(answered.count)
            } catch {
                Issue.record("round \(round): the progress file is not whole: \(error)\n\(run)")
            }
            #expect(FileSnapshot(progress).map { $0.mode & 0o777 } == 0o600)
        }
        print(
            "take --save-progress kill rounds, answers saved (-1: no file yet): \(answeredCounts); rounds that left a temporary file: \(leftBehind)"
        )
        // A later save in the same folder clears whatever a killed save left.
        let last = try Tool.run(
            base + ["--save-progress", folder.path("last.xml")], stdin: input, directory: folder.url)
        #expect(last.status == 0, "\(last)")
        #expect(folder.leftovers.isEmpty, "\(folder.leftovers)")
    }

    @Test("A temporary file left by a killed save is removed by the next save in that folder; anything else is kept")
    func staleTemporaryFilesAreCleared() throws {
        let folder = try TemporaryFolder("crossroads-fault")
        let stale = try folder.write(".crossroads-Ab12Cd", "half of someone's answers")
        chmod(stale, 0o600)
        let notOurs = [
            (".crossroads-Zz99Zz", 0o644),  // not mode 0600: not made by AtomicFile
            (".crossroads-notes.txt", 0o600),  // not six letters or digits
            (".crossroads-Q1w2E", 0o600),  // five
        ]
        for (name, mode) in notOurs {
            chmod(try folder.write(name, "keep me"), mode_t(mode))
        }
        #expect(symlink(stale, folder.path(".crossroads-L1nk00")) == 0)
        // A save in progress elsewhere holds its lock: its file must survive.
        let live = try folder.write(".crossroads-L1ve00", "being written")
        chmod(live, 0o600)
        let liveDescriptor = open(live, O_RDONLY)
        #expect(liveDescriptor >= 0 && flock(liveDescriptor, LOCK_EX) == 0)
        defer { close(liveDescriptor) }

        let run = try Tool.run(Self.sampleArguments + ["--output", folder.path("report.txt")])
        #expect(run.status == 0, "\(run)")
        #expect(!FileManager.default.fileExists(atPath: stale), "the stale temporary file is removed")
        #expect(
            folder.contents == [
                ".crossroads-L1nk00", ".crossroads-L1ve00", ".crossroads-Q1w2E",
                ".crossroads-Zz99Zz", ".crossroads-notes.txt", "report.txt",
            ], "\(folder.contents)")
    }

    // MARK: - An answers file cut short

    @Test(
        "An answers file cut at many points: 65, a located message about truncation, no report, no output file",
        arguments: ["both-see-their-part-healthier-version", "warm-one-act-of-violence"])
    func truncatedAnswers(name: String) throws {
        let folder = try TemporaryFolder("crossroads-cut")
        let whole = try ScoreExamples.bytes(name, "answers.xml")
        let end = try #require(whole.range(of: Data("</answers>".utf8))?.upperBound)
        // Every 97th byte, both ends, and the byte before the root element closes.
        var cuts = Array(stride(from: 0, to: end, by: 97)) + [1, end - 1, end - 2, 38, 39]
        cuts = Array(Set(cuts)).sorted()
        let output = folder.path("report.txt")
        for cut in cuts {
            let path = folder.path("cut.answers.xml")
            try whole.prefix(cut).write(to: URL(fileURLWithPath: path))
            let run = try Tool.run(ScoreExamples.textArguments(path) + (cut % 2 == 0 ? [] : ["--output", output]))
            #expect(run.status == 65 && !run.signaled, "cut at \(cut): \(run)")
            #expect(run.stdout.isEmpty, "cut at \(cut): no partial report")
            #expect(!FileManager.default.fileExists(atPath: output), "cut at \(cut): no report file")
            #expect(ScoreExamples.diagnosticsAreLocated(run.stderr, path: path), "cut at \(cut): \(run.stderr)")
            let said = run.stderr.lowercased()
            #expect(said.contains("truncated") || (cut < 2 && said.contains("empty")), "cut at \(cut): \(run.stderr)")
            #expect(!run.stderr.contains("Fatal error"))
        }
        // Cut after the root element closes, only white space is lost: the file is whole and scores.
        try whole.prefix(end).write(to: URL(fileURLWithPath: folder.path("whole.xml")))
        let run = try Tool.run(ScoreExamples.textArguments(folder.path("whole.xml")))
        #expect(run.status == 0, "\(run)")
    }

    @Test("Answers cut short on standard input: 65, messages against <stdin>, no report")
    func truncatedAnswersOnStandardInput() throws {
        let whole = try String(contentsOfFile: Self.sampleAnswers, encoding: .utf8)
        for fraction in [0.1, 0.5, 0.9, 0.999] {
            let text = String(whole.prefix(Int(Double(whole.count) * fraction)))
            let run = try Tool.run(ScoreExamples.xmlArguments("-"), stdin: text)
            #expect(run.status == 65, "\(fraction): \(run)")
            #expect(run.stdout.isEmpty)
            #expect(ScoreExamples.diagnosticsAreLocated(run.stderr, path: "<stdin>"), "\(run.stderr)")
            #expect(run.stderr.contains("truncated"), "\(run.stderr)")
        }
    }
}
