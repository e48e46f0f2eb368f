import Foundation
import Synchronization
import Testing

@testable import Crossroads

#if canImport(Glibc)
    import Glibc
#endif

// Fault tests of the library: atomic saves under contention and after a killed save, and answers files
// cut short at every byte. The end-to-end versions are in Tests/CrossroadsCLITests/FaultTests.swift.

@Suite("Faults: atomic saves and cut-short files, in the library")
struct FaultLibraryTests {
    // MARK: - AtomicFile

    @Test func temporaryNamesAreExactlyWhatMkstempMakes() {
        for name in [".crossroads-Ab12Cd", ".crossroads-000000", ".crossroads-zzzzzz"] {
            #expect(AtomicFile.isTemporaryName(name), "\(name)")
        }
        for name in [
            ".crossroads-Ab12C", ".crossroads-Ab12Cde", ".crossroads-Ab12C.", ".crossroads-Ab 2Cd",
            "crossroads-Ab12Cd", ".crossroads-", ".crossroads-Ab12Cé", "report.txt", ".crossroads-notes.txt",
        ] {
            #expect(!AtomicFile.isTemporaryName(name), "\(name)")
        }
    }

    @Test("Many saves of the same file at once all succeed; the file ends whole; no temporary file is left")
    func concurrentSavesNeverCollide() throws {
        // Each save first clears temporary files left by killed saves; this checks that it never takes the
        // file of a save that is still going on (which would make that save fail).
        let folder = LimitFolder()
        let target = folder.path("progress.xml")
        let writers = 6
        let rounds = 30
        let texts = (0..<writers).map { writer in
            String(repeating: "writer \(writer) was here; ", count: 2000 + writer * 37) + "\n"
        }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            for round in 0..<rounds {
                do throws(CrossroadsError) {
                    try AtomicFile.write(texts[writer], to: target)
                } catch {
                    failures.withLock { $0.append("writer \(writer), round \(round): \(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        let final = try String(contentsOfFile: target, encoding: .utf8)
        #expect(texts.contains(final), "the file is one whole save")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(left == ["progress.xml"], "\(left)")
    }

    @Test("A temporary file a killed save left (unlocked, 0600, ours) is cleared; a locked one is kept")
    func staleTemporariesAreClearedButLiveOnesKept() throws {
        let folder = LimitFolder()
        let stale = try folder.write(".crossroads-K1lled", "a half-written answers file")
        chmod(stale, 0o600)
        let live = try folder.write(".crossroads-Wr1t1n", "being written by another save")
        chmod(live, 0o600)
        let descriptor = open(live, O_RDONLY)
        #expect(descriptor >= 0 && flock(descriptor, LOCK_EX) == 0)
        defer { close(descriptor) }
        let hardLinked = try folder.write(".crossroads-L1nked", "a second name for something")
        chmod(hardLinked, 0o600)
        #expect(link(hardLinked, folder.path("kept-elsewhere")) == 0)

        try AtomicFile.write("new\n", to: folder.path("answers.xml"))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(left == [".crossroads-L1nked", ".crossroads-Wr1t1n", "answers.xml", "kept-elsewhere"], "\(left)")
    }

    @Test("A read-only file (no write bit) is refused, not replaced, whoever runs it (root too); the error says how to replace it")
    func readOnlyFileIsRefused() throws {
        // The mode itself is checked, so this holds as root too, where access(W_OK) would say yes.
        let folder = LimitFolder()
        let path = try folder.write("report.txt", "kept\n")
        #expect(chmod(path, 0o444) == 0)
        #expect(
            throws: CrossroadsError.unwritable(
                path: path,
                reason: "the file is read-only, so it is kept; to replace it, delete it first or make it writable (chmod u+w)")
        ) {
            try AtomicFile.write("new\n", to: path)
        }
        #expect(throws: CrossroadsError.self) { _ = try AtomicFile.Writer(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "kept\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["report.txt"])
        // Made writable again, it is replaced as usual.
        #expect(chmod(path, 0o644) == 0)
        try AtomicFile.write("new\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
    }

    @Test("Destinations: /proc/self/fd/N and /dev/fd/N (and links to them) name this process's descriptors")
    func descriptorNames() throws {
        #expect(AtomicFile.descriptorNumber(in: "/proc/self/fd/1") == 1)
        #expect(AtomicFile.descriptorNumber(in: "/proc/thread-self/fd/12") == 12)
        #expect(AtomicFile.descriptorNumber(in: "/proc/\(getpid())/fd/2") == 2)
        #expect(AtomicFile.descriptorNumber(in: "/dev/fd/0") == 0)
        #expect(AtomicFile.descriptorNumber(in: "/proc/1/fd/1") == (getpid() == 1 ? 1 : nil))
        #expect(AtomicFile.descriptorNumber(in: "/proc/self/fd/x") == nil)
        #expect(AtomicFile.descriptorNumber(in: "/tmp/proc/self/fd/1") == nil)
        let folder = LimitFolder()
        let link = folder.url.appendingPathComponent("out").path
        #expect(symlink("/proc/self/fd/2", link) == 0)
        let relative = folder.url.appendingPathComponent("again").path
        #expect(symlink("out", relative) == 0)
        #expect(AtomicFile.descriptorNamed(byLinksFrom: link) == 2)
        #expect(AtomicFile.descriptorNamed(byLinksFrom: relative) == 2)
        #expect(!AtomicFile.makesPrivateFile(at: link))
        #expect(AtomicFile.makesPrivateFile(at: folder.url.appendingPathComponent("new.txt").path))
        #expect(!AtomicFile.makesPrivateFile(at: ""))
        #expect(throws: CrossroadsError.unwritable(path: "", reason: "no file name was given")) {
            try AtomicFile.write("x", to: "")
        }
    }

    @Test("/dev/full: the disk is full, said plainly")
    func diskFull() {
        #expect(throws: CrossroadsError.unwritable(path: "/dev/full", reason: "the disk is full")) {
            try AtomicFile.write(String(repeating: "x", count: 100_000), to: "/dev/full")
        }
    }

    // MARK: - Answers cut short at every byte

    /// An answers file with words in several scripts, so that cuts fall inside multi-byte characters too.
    static func answersWithWords() throws -> [UInt8] {
        let assessment = try Assessment.bundled()
        var answers = Answers(for: assessment, locale: "en_GB.UTF-8")
        let scorer = Scorer(assessment)
        // Answer the first shown items in order, as a session would (an answer to a hidden item is an error).
        for _ in 0..<15 {
            let visibility = scorer.visibility(for: answers)
            guard let item = assessment.items.first(where: { visibility.isShown($0.id) && answers[$0.id] == nil })
            else { break }
            if item.kind == .text {
                answers[item.id] = .text("Café, naïve — “quoted” 😊 日本語 & <tags>")
            } else if let option = item.options.last {
                answers[item.id] = .choice(option.value, note: item.notePrompt == nil ? nil : "Ünïcödé 🙂 note")
            } else {
                answers[item.id] = .declined
            }
        }
        return Array(try AnswersWriter(answers, for: assessment).render().utf8)
    }

    static func cutSamples() throws -> [(name: String, bytes: [UInt8])] {
        [
            (
                "both-see-their-part-healthier-version",
                try LimitFiles.bytes("Reports/examples/both-see-their-part-healthier-version.answers.xml")
            ),
            ("skips-everything", try LimitFiles.bytes("Reports/examples/skips-everything.answers.xml")),
            ("written with words in several scripts", try answersWithWords()),
        ]
    }

    @Test("An answers file cut at every byte is refused with located errors, never read as fewer answers")
    func answersCutAtEveryByte() throws {
        for (name, whole) in try Self.cutSamples() {
            let closing = Array("</answers>".utf8)
            let end =
                try #require(
                    (0...(whole.count - closing.count)).last { Array(whole[$0..<($0 + closing.count)]) == closing })
                + closing.count
            var accepted: [Int] = []
            for cut in 0..<end {
                let bytes = Array(whole[..<cut])
                do throws(CrossroadsError) {
                    _ = try AnswersReader.read(bytes: bytes, path: "cut.xml")
                    accepted.append(cut)
                } catch {
                    guard case .invalid(let path, let diagnostics) = error else {
                        Issue.record("\(name) cut at \(cut): \(error)")
                        continue
                    }
                    #expect(path == "cut.xml")
                    let errors = diagnostics.filter { $0.severity == .error }
                    #expect(!errors.isEmpty, "\(name) cut at \(cut)")
                    for diagnostic in diagnostics {
                        #expect(
                            (diagnostic.location?.line ?? 0) >= 1 && (diagnostic.location?.column ?? 0) >= 1,
                            "\(name) cut at \(cut): \(diagnostic)")
                        #expect(!diagnostic.message.contains("\n"))
                    }
                    let said = errors.map(\.message).joined(separator: " | ")
                    #expect(said.contains("truncated") || said.contains("empty"), "\(name) cut at \(cut): \(said)")
                }
            }
            #expect(accepted.isEmpty, "\(name): cuts read as valid answers: \(accepted.prefix(10))")
            // Everything from the end of the root element on is white space: those cuts read the same answers.
            let reference = try AnswersReader.read(bytes: whole, path: "whole.xml").answers
            for cut in end...whole.count {
                #expect(try AnswersReader.read(bytes: Array(whole[..<cut]), path: "cut.xml").answers == reference)
            }
        }
    }

    @Test("The shipped assessment cut at many points is refused as truncated")
    func assessmentCutShort() throws {
        let whole = try LimitFiles.bytes("Questionnaires/should-we-get-back-together.xml")
        for cut in stride(from: 0, to: whole.count - 14, by: 41) {
            do throws(CrossroadsError) {
                _ = try AssessmentLoader().load(bytes: Array(whole[..<cut]), path: "cut.xml")
                Issue.record("cut at \(cut) was accepted")
            } catch {
                let said = error.reported.errorsOnly.map(\.message).joined(separator: " | ")
                #expect(
                    error.isReadingInvalid && (said.contains("truncated") || said.contains("empty")),
                    "cut at \(cut): \(said)")
            }
        }
    }
}
