import Foundation
import Synchronization
import Testing

@testable import Crossroads

#if canImport(Glibc)
    import Glibc
#endif

/// What a hostile file is given to.
enum HostileTarget: Sendable {
    /// A questionnaire or assessment reader (`crossroads validate`, `AssessmentLoader`).
    case questionnaire
    /// The answers reader.
    case answers
}

/// One hostile file: how to make it, and what its one-line refusal must say.
struct HostileCase: Sendable, CustomTestStringConvertible {
    var name: String
    /// The words the refusal must contain (compared without case).
    var reason: [String]
    /// Whether reading it is `unreadable` rather than `invalid`.
    var unreadable = false
    /// The bytes of the file for a target, or `nil` when the case does not apply to it. `folder` is a fresh
    /// temporary folder the case may use (for a FIFO).
    var make: @Sendable (HostileTarget, ReadingTempFolder) throws -> [UInt8]?

    var testDescription: String { name }
}

/// Sample documents to spoil.
enum Hostile {
    static let questionnaireOpen =
        #"<questionnaire xmlns="urn:crossroads:questionnaire:1" id="h" version="1" language="en" reviewed="2025-01-01">"#
    static let answersOpen =
        #"<answers xmlns="urn:crossroads:answers:1" assessment="should-we-get-back-together" version="1.1.0">"#

    /// A small valid document of the target's kind, with `inside` placed where a child may go and `prolog`
    /// before the root.
    static func document(_ target: HostileTarget, prolog: String = "", inside: String = "") -> String {
        switch target {
        case .questionnaire:
            return """
                <?xml version="1.0" encoding="UTF-8"?>
                \(prolog)\(questionnaireOpen)
                  <title>Hostile</title>
                  <description>Hostile.</description>
                  <section id="s">
                    <title>S</title>
                    \(inside)
                    <item id="a" kind="yes-no"><text>A?</text></item>
                  </section>
                </questionnaire>
                """
        case .answers:
            return """
                <?xml version="1.0" encoding="UTF-8"?>
                \(prolog)\(answersOpen)
                  \(inside)
                  <answer item="safety.hurt"><value>no</value></answer>
                </answers>
                """
        }
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// A real shipped file of the target's kind.
    static func real(_ target: HostileTarget) throws -> [UInt8] {
        switch target {
        case .questionnaire: return try ReadingPackage.bytes("Questionnaires/safety-screen.xml")
        case .answers:
            var text = answersOpen + "\n"
            for item in ["safety.safe-now", "safety.hurt", "safety.choked", "safety.weapon", "safety.kill-threats"] {
                text +=
                    "  <answer item=\"\(item)\"><value>\(item == "safety.safe-now" ? "yes" : "no")</value></answer>\n"
            }
            return bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text + "</answers>\n")
        }
    }

    /// A FIFO in the folder: anything that opened it for reading would block until a writer came.
    static func fifo(in folder: ReadingTempFolder, _ name: String = "trap.fifo") -> String {
        let path = folder.path(name)
        if mkfifo(path, 0o600) != 0 { Issue.record("mkfifo failed: \(errno)") }
        return path
    }

    /// `count` fixed pseudo-random bytes.
    static func garbage(count: Int, seed: UInt64 = 0x5EED_CAFE) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    /// The first `fraction` of a real document, cut on a character boundary.
    static func truncated(_ target: HostileTarget, fraction: Double) throws -> [UInt8] {
        let whole = try real(target)
        var end = Int(Double(whole.count) * fraction)
        while end > 0 && whole[end] & 0xC0 == 0x80 { end -= 1 }
        return Array(whole[..<end])
    }

    static let cases: [HostileCase] = [
        HostileCase(name: "an entity pointing at file:///etc/passwd", reason: ["DOCTYPE"]) { target, _ in
            bytes(
                using(
                    entity: "xxe",
                    in: document(
                        target,
                        prolog: """
                            <!DOCTYPE root [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>

                            """), target))
        },
        HostileCase(name: "an entity reference with no declaration", reason: ["entit"]) { target, _ in
            bytes(using(entity: "xxe", in: document(target), target))
        },
        HostileCase(name: "an external DTD on a local FIFO", reason: ["DOCTYPE"]) { target, folder in
            bytes(document(target, prolog: "<!DOCTYPE root SYSTEM \"file://\(fifo(in: folder))\">\n"))
        },
        HostileCase(name: "an external DTD on a local path", reason: ["DOCTYPE"]) { target, folder in
            bytes(document(target, prolog: "<!DOCTYPE root SYSTEM \"\(fifo(in: folder))\">\n"))
        },
        HostileCase(name: "an external parameter entity on a local FIFO", reason: ["DOCTYPE"]) { target, folder in
            bytes(document(target, prolog: "<!DOCTYPE root [<!ENTITY % ext SYSTEM \"\(fifo(in: folder))\"> %ext;]>\n"))
        },
        HostileCase(name: "an external general entity on a local FIFO", reason: ["DOCTYPE"]) { target, folder in
            bytes(
                document(
                    target, prolog: "<!DOCTYPE root [<!ENTITY ext SYSTEM \"\(fifo(in: folder))\">]>\n",
                    inside: "&ext;"))
        },
        HostileCase(name: "a public DTD on the network", reason: ["DOCTYPE"]) { target, _ in
            bytes(
                document(
                    target,
                    prolog:
                        #"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">"#
                        + "\n"))
        },
        HostileCase(name: "billion laughs", reason: ["DOCTYPE"]) { target, _ in
            var entities = #"<!ENTITY lol0 "lol">"#
            for level in 1...9 {
                entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
            }
            return bytes(using(entity: "lol9", in: document(target, prolog: "<!DOCTYPE root [\(entities)]>\n"), target))
        },
        HostileCase(name: "quadratic blowup (one big entity used many times)", reason: ["DOCTYPE"]) { target, _ in
            let big = String(repeating: "x", count: 50_000)
            return bytes(
                document(
                    target, prolog: "<!DOCTYPE root [<!ENTITY big \"\(big)\">]>\n",
                    inside: "<!-- " + String(repeating: "&big;", count: 20) + " -->"))
        },
        HostileCase(name: "200,000-deep nesting", reason: ["nested", "deep"]) { target, _ in
            let open = target == .questionnaire ? questionnaireOpen : answersOpen
            let close = target == .questionnaire ? "</questionnaire>" : "</answers>"
            var text = open
            text.reserveCapacity(1_500_000)
            text += String(repeating: "<a>", count: 200_000)
            text += String(repeating: "</a>", count: 200_000)
            text += close
            return bytes(text)
        },
        HostileCase(name: "invalid UTF-8", reason: ["UTF-8"]) { target, _ in
            var data = try real(target)
            data.insert(contentsOf: [0xC3, 0x28], at: data.count / 2)
            return data
        },
        HostileCase(name: "a truncated document", reason: ["truncated"]) { target, _ in
            try truncated(target, fraction: 0.5)
        },
        HostileCase(name: "an empty file", reason: ["empty"]) { _, _ in [] },
        HostileCase(name: "a file of white space", reason: ["white space"]) { _, _ in bytes(" \n\t\r\n  ") },
        HostileCase(name: "a gzip-compressed file", reason: ["gzip"]) { target, _ in
            try gzipBytes(try real(target))
        },
        HostileCase(name: "an xz-compressed file", reason: ["xz"]) { _, _ in
            [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00] + garbage(count: 200)
        },
        HostileCase(name: "binary garbage", reason: ["binary"]) { _, _ in garbage(count: 8192) },
        HostileCase(name: "a NUL byte in text", reason: ["NUL"]) { target, _ in
            var data = bytes(document(target))
            data.insert(0, at: data.count - 20)
            return data
        },
        HostileCase(name: "plain text, not XML", reason: ["not XML"]) { _, _ in
            bytes("Dear diary, today I thought about my ex.\n")
        },
        HostileCase(name: "a root element of another format (<html>)", reason: ["root element", "<html>"]) { _, _ in
            bytes("<html><head><title>Hi</title></head><body><p>Hello</p></body></html>\n")
        },
        HostileCase(name: "an answers file given as a questionnaire", reason: ["root element", "<answers>"]) {
            target, _ in
            target == .questionnaire ? try real(.answers) : nil
        },
        HostileCase(name: "a questionnaire given as answers", reason: ["root element", "<questionnaire>"]) {
            target, _ in
            target == .answers ? try real(.questionnaire) : nil
        },
        HostileCase(name: "the right root name in no namespace", reason: ["root element", "namespace"]) { target, _ in
            bytes(target == .questionnaire ? #"<questionnaire id="x"/>"# : #"<answers assessment="x" version="1"/>"#)
        },
        HostileCase(name: "a file declaring ISO-8859-1", reason: ["ISO-8859-1", "UTF-8"]) { target, _ in
            bytes(document(target).replacingFirst(#"encoding="UTF-8""#, with: #"encoding="ISO-8859-1""#))
        },
        HostileCase(name: "XInclude of /etc/passwd", reason: ["include"]) { target, _ in
            bytes(
                document(
                    target,
                    inside: #"<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>"#
                ))
        },
        HostileCase(name: "XInclude of a local FIFO", reason: ["include"]) { target, folder in
            bytes(
                document(
                    target,
                    inside: "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"\(fifo(in: folder))\"/>"))
        },
        HostileCase(name: "a 50 MB file", reason: ["MiB"]) { _, _ in nil },  // made on disk below
        HostileCase(name: "a folder instead of a file", reason: ["folder"], unreadable: true) { _, _ in nil },
        HostileCase(name: "a missing file", reason: ["no such file"], unreadable: true) { _, _ in nil },
        HostileCase(name: "a device instead of a file (/dev/zero)", reason: ["not a regular file"], unreadable: true) {
            _, _ in nil
        },
    ]

    /// The document with a reference to the entity in its first text.
    static func using(entity: String, in text: String, _ target: HostileTarget) -> String {
        target == .questionnaire
            ? text.replacingFirst("<title>Hostile", with: "<title>&\(entity);")
            : text.replacingFirst("<value>no", with: "<value>&\(entity);")
    }

    /// gzip of `bytes`, made by /bin/gzip.
    static func gzipBytes(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", "-n"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    /// The path to give the reader for a case: a file written in `folder`, or a special path.
    static func path(for example: HostileCase, _ target: HostileTarget, in folder: ReadingTempFolder) throws -> String?
    {
        switch example.name {
        case "a 50 MB file":
            let path = folder.path("big.xml")
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes(document(target))))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: 50 * 1024 * 1024)  // sparse: nothing is written to disk
            try handle.close()
            return path
        case "a folder instead of a file":
            return folder.url.path
        case "a missing file":
            return folder.path("not-here.xml")
        case "a device instead of a file (/dev/zero)":
            return "/dev/zero"
        default:
            guard let bytes = try example.make(target, folder) else { return nil }
            return try folder.write("hostile.xml", bytes)
        }
    }
}

/// The result of a read on its own thread, once it has finished.
final class GuardedRead<T: Sendable>: Sendable {
    private let value = Mutex<T?>(nil)
    func set(_ result: T) { value.withLock { $0 = result } }
    var result: T? { value.withLock { $0 } }
}

@Suite("Hostile files are refused quickly, with one clear line, touching nothing else", .serialized)
struct HostileFileTests {
    /// How much slower this build runs: 10 under AddressSanitizer or ThreadSanitizer (every memory access
    /// is checked, and the suite shares two cores), else 1. The time limits below are multiplied by it.
    static let slowdown: Int64 = {
        let me = dlopen(nil, RTLD_NOW)
        return dlsym(me, "__asan_init") != nil || dlsym(me, "__tsan_init") != nil ? 10 : 1
    }()

    /// Runs `read` on a thread of its own (so a read that blocks can't starve the test runner); fails,
    /// rather than hanging, if it has not finished within a generous watchdog (thirty seconds), and checks
    /// that no FIFO in `folder` was left open by a reader. No wall-clock bound is asserted: speed is
    /// measured by benchmarks, and the linear work of reading by `LineTableTests`.
    static func guarded<T: Sendable>(
        _ folder: ReadingTempFolder, sourceLocation: Testing.SourceLocation = #_sourceLocation,
        _ read: @escaping @Sendable () -> T
    ) async -> T? {
        await once(folder, sourceLocation: sourceLocation, read)
    }

    private static func once<T: Sendable>(
        _ folder: ReadingTempFolder, sourceLocation: Testing.SourceLocation, _ read: @escaping @Sendable () -> T
    ) async -> T? {
        let outcome = GuardedRead<T>()
        Thread.detachNewThread {
            outcome.set(read())
        }
        let clock = ContinuousClock()
        let start = clock.now
        while outcome.result == nil && clock.now - start < .seconds(30 * HostileFileTests.slowdown) {
            try? await Task.sleep(for: .milliseconds(2))
        }
        let fifos = ((try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? [])
            .filter { $0.hasSuffix(".fifo") }.map(folder.path)
        for fifo in fifos {
            // Opening the write end without blocking succeeds only if some reader has the FIFO open.
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 {
                Issue.record("something opened \(fifo) for reading", sourceLocation: sourceLocation)
                close(writer)  // unblocks it
            }
        }
        guard let result = outcome.result else {
            Issue.record("the read did not finish within thirty seconds (a hang?)", sourceLocation: sourceLocation)
            return nil
        }
        return result
    }

    static func expectRefusal(
        _ error: CrossroadsError?, _ example: HostileCase,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        guard let error else {
            Issue.record("\(example.name) was accepted", sourceLocation: sourceLocation)
            return
        }
        #expect(
            example.unreadable ? error.isReadingUnreadable : error.isReadingInvalid, "\(error)",
            sourceLocation: sourceLocation)
        let errors = error.reported.errorsOnly
        #expect(
            errors.count == 1, "one clear reason, not several:\n\(errors.readingListing)",
            sourceLocation: sourceLocation)
        let text = error.description
        #expect(!text.contains("\n"), "one line: \(text)", sourceLocation: sourceLocation)
        for word in example.reason {
            #expect(
                text.lowercased().contains(word.lowercased()), "“\(word)” in: \(text)", sourceLocation: sourceLocation)
        }
        #expect(!text.contains("root:x:0:0"), "the content of /etc/passwd leaked", sourceLocation: sourceLocation)
    }

    @Test(arguments: Hostile.cases)
    func refusedByValidate(_ example: HostileCase) async throws {
        let folder = ReadingTempFolder()
        guard let path = try Hostile.path(for: example, .questionnaire, in: folder) else { return }
        let checks = await Self.guarded(folder) { Validator.check(files: [path]) }
        guard let check = checks?.first else { return }
        #expect(check.status == (example.unreadable ? .unreadable : .invalid), "\(check.diagnostics.readingListing)")
        #expect(check.diagnostics.errorsOnly.count == 1, "\(check.diagnostics.readingListing)")
        let line = check.diagnostics.first?.description ?? ""
        #expect(line.hasPrefix(path + ":"), "\(line)")
        for word in example.reason {
            #expect(line.lowercased().contains(word.lowercased()), "“\(word)” in: \(line)")
        }
    }

    @Test(arguments: Hostile.cases)
    func refusedByTheAssessmentLoader(_ example: HostileCase) async throws {
        let folder = ReadingTempFolder()
        guard let path = try Hostile.path(for: example, .questionnaire, in: folder) else { return }
        let result = await Self.guarded(folder) { () -> CrossroadsError? in
            do throws(CrossroadsError) {
                _ = try AssessmentLoader().load(file: path)
                return nil
            } catch {
                return error
            }
        }
        guard let result else { return }
        Self.expectRefusal(result, example)
    }

    @Test(arguments: Hostile.cases)
    func refusedInMemory(_ example: HostileCase) async throws {
        let folder = ReadingTempFolder()
        guard let bytes = try example.make(.questionnaire, folder) else { return }
        let result = await Self.guarded(folder) { () -> CrossroadsError? in
            do throws(CrossroadsError) {
                _ = try AssessmentLoader().load(bytes: bytes, path: "memory.xml")
                return nil
            } catch {
                return error
            }
        }
        guard let result else { return }
        Self.expectRefusal(result, example)
    }

    @Test(arguments: Hostile.cases)
    func refusedByTheAnswersReaderFromAFile(_ example: HostileCase) async throws {
        let folder = ReadingTempFolder()
        guard let path = try Hostile.path(for: example, .answers, in: folder) else { return }
        let result = await Self.guarded(folder) { () -> CrossroadsError? in
            do throws(CrossroadsError) {
                _ = try AnswersReader.read(file: path)
                return nil
            } catch {
                return error
            }
        }
        guard let result else { return }
        Self.expectRefusal(result, example)
    }

    @Test(arguments: Hostile.cases)
    func refusedByTheAnswersReaderFromText(_ example: HostileCase) async throws {
        let folder = ReadingTempFolder()
        guard let bytes = try example.make(.answers, folder) else { return }
        let result = await Self.guarded(folder) { () -> CrossroadsError? in
            do throws(CrossroadsError) {
                if let text = String(validating: bytes, as: UTF8.self) {
                    _ = try AnswersReader.read(text: text)
                } else {
                    // Not expressible as a String: the same reader, given the bytes.
                    _ = try AnswersReader.read(bytes: bytes)
                }
                return nil
            } catch {
                return error
            }
        }
        guard let result else { return }
        Self.expectRefusal(result, example)
    }

    // MARK: - Details

    @Test func theDoctypeIsReportedWhereItStarts() throws {
        let text = Hostile.document(.questionnaire, prolog: "<!-- é -->  <!DOCTYPE root [<!ENTITY x \"y\">]>\n")
        let diagnostics = Reading.diagnostics(text)
        #expect(diagnostics.map(\.position) == [LineColumn(2, 13)], "\(diagnostics.readingListing)")
        #expect(
            diagnostics.first?.message
                == "a DOCTYPE declaration is not allowed: Crossroads files never use DTDs or entities, so it refuses them outright"
        )
    }

    @Test func invalidUTF8IsReportedAtTheByte() throws {
        let text = Inline.questionnaire()
        let marker = "<text>B?"
        let range = try #require(text.range(of: marker))
        let before = text[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column =
            before.split(separator: "\n", omittingEmptySubsequences: false).last.map { $0.unicodeScalars.count + 1 }
            ?? 1
        for bad: [UInt8] in [
            [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xE2, 0x82],
        ] {
            var bytes = Array(String(before).utf8)
            bytes += bad
            bytes += Array(String(text[range.lowerBound...]).utf8)
            let diagnostics = Self.diagnostics { try LoadedDocument.parse(bytes, path: "bad.xml") }
            #expect(diagnostics.count == 1)
            #expect(diagnostics.first?.position == LineColumn(line, column), "\(bad): \(diagnostics.readingListing)")
            #expect(diagnostics.first?.message.contains("not valid UTF-8") == true, "\(diagnostics.readingListing)")
        }
    }

    @Test(arguments: [HostileTarget.questionnaire, .answers])
    func aDocumentCutAnywhereSaysItIsTruncated(target: HostileTarget) throws {
        let whole =
            target == .questionnaire
            ? try ReadingPackage.bytes("Questionnaires/sureness.xml") : try Hostile.real(.answers)
        let lastTag = try #require(whole.lastIndex(of: UInt8(ascii: ">")))
        var failures: [String] = []
        var noisy: [String] = []
        for end in stride(from: 1, to: lastTag, by: target == .questionnaire ? 3 : 1) {
            let bytes = Array(whole[..<end])
            let diagnostics =
                target == .questionnaire
                ? Self.diagnostics { try LoadedDocument.parse(bytes, path: "cut.xml") }
                : Self.diagnostics { try AnswersReader.parse(bytes, path: "cut.xml", for: nil) }
            let errors = diagnostics.errorsOnly
            if errors.count != 1 || errors.first?.message.contains("truncated") != true {
                failures.append("cut at byte \(end): \(diagnostics.readingListing)")
            }
            if !diagnostics.warningsOnly.isEmpty { noisy.append("cut at byte \(end): \(diagnostics.readingListing)") }
        }
        #expect(failures.isEmpty, "\(failures.count) cuts:\n\(failures.prefix(10).joined(separator: "\n"))")
        // Regression: some cuts once also printed libxml2 warnings about the half-read declaration or
        // namespace ("Unsupported version '1.'", "xmlns: URI u is not absolute"): more than one line.
        #expect(noisy.isEmpty, "\(noisy.count) cuts:\n\(noisy.prefix(5).joined(separator: "\n"))")
    }

    @Test(arguments: [0.5, 0.75, 0.95])
    func aDocumentCutInTheMiddleSaysItIsTruncated(fraction: Double) throws {
        for target in [HostileTarget.questionnaire, .answers] {
            let bytes = try Hostile.truncated(target, fraction: fraction)
            let diagnostics =
                target == .questionnaire
                ? Self.diagnostics { try LoadedDocument.parse(bytes, path: "cut.xml") }
                : Self.diagnostics { try AnswersReader.parse(bytes, path: "cut.xml", for: nil) }
            #expect(diagnostics.count == 1, "\(diagnostics.readingListing)")
            #expect(
                diagnostics.first?.message.contains("truncated") == true,
                "\(target) at \(fraction): \(diagnostics.readingListing)")
        }
    }

    @Test func binaryGarbageOfManySeedsIsCalledBinaryOrNotUTF8() {
        for seed in UInt64(1)...40 {
            let bytes = Hostile.garbage(count: 1024, seed: seed)
            let diagnostics = Self.diagnostics { try LoadedDocument.parse(bytes, path: "junk") }
            #expect(diagnostics.count == 1, "seed \(seed): \(diagnostics.readingListing)")
            let message = diagnostics.first?.message ?? ""
            #expect(
                message.contains("binary") || message.contains("UTF-8") || message.contains("gzip"),
                "seed \(seed): \(message)")
        }
    }

    // MARK: - Documents written on one line

    /// `count` repeats of `element` between `head` and `tail`, on one line, as many as fit in `size` bytes.
    static func oneLine(head: String, element: String, tail: String, size: Int = Limits.maxFileBytes) -> [UInt8] {
        let count = (size - head.utf8.count - tail.utf8.count) / element.utf8.count
        return Array((head + String(repeating: element, count: count) + tail).utf8)
    }

    /// A legitimate questionnaire or assessment on one line: `sections` sections of `perSection` yes-no items
    /// whose texts are long enough to make the document about `size` bytes.
    static func oneLineQuestionnaire(root: String, size: Int, sections: Int = 3, perSection: Int = 300) -> [UInt8] {
        let items = sections * perSection
        let itemBytes = size / items
        let filler = String(repeating: "Ordinary words that make a long question. ", count: max(1, (itemBytes - 90) / 43))
        var body = ""
        for section in 0..<sections {
            body += "<section id=\"s\(section)\"><title>Part \(section)</title>"
            for item in 0..<perSection {
                body += "<item id=\"q\(section)-\(item)\" kind=\"yes-no\"><text>\(item): \(filler)</text></item>"
            }
            body += "</section>"
        }
        let namespace = "urn:crossroads:questionnaire:1"
        var bytes: [UInt8]
        if root == "questionnaire" {
            bytes = Array(
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><questionnaire xmlns=\"\(namespace)\" id=\"big\" "
                    + "version=\"1.0.0\" language=\"en\" reviewed=\"2026-11-27\"><title>Big</title>"
                    + "<description>On one line.</description>\(body)</questionnaire>").utf8)
        } else {
            bytes = Array(Inline.assessment(body).split(whereSeparator: { $0 == "\n" }).joined(separator: " ").utf8)
        }
        // Spaces after the root element (still the one line) bring it to exactly `size` bytes.
        if bytes.count < size { bytes += [UInt8](repeating: 0x20, count: size - bytes.count) }
        return bytes
    }

    /// Reads `bytes` as `schema` says, returning the result and the work spent on positions.
    static func readOneLine(_ bytes: [UInt8], schema: CompiledSchema, roots: [SafeXMLReader.Root]) -> Parsed {
        SafeXMLReader.read(bytes, path: "one-line.xml", schema: schema, roots: roots, kind: "test")
    }

    @Test("One-line answers at the size limit (<answers> then <a/> repeated): refused, with position work linear in its size")
    func oneLineAnswersAtTheLimit() async throws {
        let bytes = Self.oneLine(
            head: #"<?xml version="1.0" encoding="UTF-8"?><answers xmlns="urn:crossroads:answers:1" assessment="a" version="1.0.0">"#,
            element: "<a/>", tail: "</answers>")
        #expect(bytes.count <= Limits.maxFileBytes && bytes.count > Limits.maxFileBytes - 8)
        #expect(!bytes.contains(0x0A))
        let folder = ReadingTempFolder()
        let parsed = await Self.guarded(folder) {
            Self.readOneLine(bytes, schema: .answers, roots: [SafeXMLReader.Root(namespace: AnswersReader.namespace, name: "answers")])
        }
        let result = try #require(parsed)
        #expect(result.root == nil)
        #expect(result.diagnostics.hasErrors)
        #expect(result.diagnostics.first?.location?.line == 1)
        // Each element's position costs the bytes since the last one: a few passes over the line in all,
        // where a scan from the line's start per element would be about 250,000 times the size.
        #expect(result.positionWork <= 3 * bytes.count, "\(result.positionWork) for \(bytes.count) bytes")
        // And through the public reader, the same refusal.
        let error = await Self.guarded(folder) { () -> CrossroadsError? in
            do throws(CrossroadsError) {
                _ = try AnswersReader.read(bytes: bytes, path: "one-line.xml")
                return nil
            } catch {
                return error
            }
        }
        #expect(error??.isReadingInvalid == true, "\(String(describing: error))")
    }

    @Test(
        "A legitimate questionnaire and assessment on one line, about 1 MB and at the size limit: accepted, position work linear",
        arguments: [("questionnaire", 1_000_000), ("questionnaire", Limits.maxFileBytes), ("assessment", Limits.maxFileBytes)])
    func oneLineQuestionnaires(_ root: String, _ size: Int) async throws {
        let bytes = Self.oneLineQuestionnaire(root: root, size: size)
        #expect(bytes.count == size, "\(bytes.count)")
        #expect(!bytes.contains(0x0A))
        let folder = ReadingTempFolder()
        let parsed = await Self.guarded(folder) {
            Self.readOneLine(bytes, schema: .questionnaire, roots: QuestionnaireDecoder.roots)
        }
        let result = try #require(parsed)
        #expect(result.root != nil, "\(result.diagnostics.readingListing)")
        #expect(result.positionWork <= 3 * bytes.count, "\(result.positionWork) for \(bytes.count) bytes")
        if root == "assessment" {
            let loaded = await Self.guarded(folder) { () -> String? in
                do throws(CrossroadsError) {
                    return try AssessmentLoader().load(bytes: bytes, path: "one-line.xml").id
                } catch {
                    return "\(error)"
                }
            }
            #expect(loaded == .some("mini"), "\(String(describing: loaded))")
        }
    }

    @Test("A hostile assessment on one line at the size limit (<assessment> then <a/> repeated): refused, position work linear")
    func oneLineHostileAssessment() async throws {
        let bytes = Self.oneLine(
            head: #"<?xml version="1.0" encoding="UTF-8"?><assessment xmlns="urn:crossroads:questionnaire:1" id="x" version="1.0.0" language="en" reviewed="2026-01-01">"#,
            element: "<a/>", tail: "</assessment>")
        let folder = ReadingTempFolder()
        let parsed = await Self.guarded(folder) {
            Self.readOneLine(bytes, schema: .questionnaire, roots: QuestionnaireDecoder.roots)
        }
        let result = try #require(parsed)
        #expect(result.root == nil && result.diagnostics.hasErrors)
        #expect(result.positionWork <= 3 * bytes.count, "\(result.positionWork) for \(bytes.count) bytes")
    }

    @Test func theSizeCapIsTwoMebibytes() throws {
        let folder = ReadingTempFolder()
        let valid = Inline.questionnaire()
        let limit = Limits.maxFileBytes
        #expect(limit == 2 * 1024 * 1024)
        // Exactly at the cap: read (and valid, thanks to trailing white space).
        let atCap = Array(valid.utf8) + [UInt8](repeating: 0x0A, count: limit - valid.utf8.count)
        let atPath = try folder.write("at-cap.xml", atCap)
        #expect(Validator.check(files: [atPath]).map(\.status) == [.valid])
        // One byte more: refused before it is read.
        let overPath = try folder.write("over-cap.xml", atCap + [0x0A])
        let over = Validator.check(files: [overPath])
        #expect(over.map(\.status) == [.invalid])
        #expect(
            over.first?.diagnostics.first?.message.contains("Crossroads reads files of up to 2.0 MiB") == true,
            "\(over.first?.diagnostics.readingListing ?? "")")
    }

    @Test func fiftyMegabytesInMemoryAreRefusedQuickly() async throws {
        // A valid document followed by 50 MB of white space: only the size is wrong.
        let padded = Array(Hostile.document(.questionnaire).utf8) + [UInt8](repeating: 0x20, count: 50 * 1024 * 1024)
        let folder = ReadingTempFolder()
        let loaded = await Self.guarded(folder) { () -> CrossroadsError? in
            do throws(CrossroadsError) {
                _ = try AssessmentLoader().load(bytes: padded, path: "big.xml")
                return nil
            } catch {
                return error
            }
        }
        #expect(loaded??.isReadingInvalid == true)
        #expect(loaded??.reported.first?.message.contains("larger than") == true, "\(String(describing: loaded))")

        let answers = Array(Hostile.document(.answers).utf8) + [UInt8](repeating: 0x20, count: 50 * 1024 * 1024)
        let read = await Self.guarded(folder) { () -> CrossroadsError? in
            do throws(CrossroadsError) {
                _ = try AnswersReader.read(bytes: answers, path: "big.xml")
                return nil
            } catch {
                return error
            }
        }
        #expect(read??.isReadingInvalid == true)
        #expect(read??.reported.first?.message.contains("larger than") == true, "\(String(describing: read))")
    }

    @Test func textOverTheSizeCapIsRefusedToo() {
        // 3 MiB, just over the 2 MiB cap: small enough to parse quickly if it is not refused.
        let padding = String(repeating: " ", count: 3 * 1024 * 1024)
        let answers = Self.diagnostics {
            try AnswersReader.read(text: Hostile.document(.answers) + padding, path: "big.xml")
        }
        let assessment = Self.diagnostics {
            try AssessmentLoader().load(text: Inline.assessment() + padding, path: "big.xml")
        }
        // Regression: AnswersReader.read(text:) and AssessmentLoader.load(text:) once had no size cap, unlike
        // read(bytes:), load(bytes:) and files: 50 MB of text was parsed in full (several seconds).
        #expect(answers.first?.message.contains("larger than") == true, "\(answers.readingListing)")
        #expect(assessment.first?.message.contains("larger than") == true, "\(assessment.readingListing)")
    }

    @Test func aStreamLongerThanTheCapIsCutOff() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer { close(descriptors[0]) }
        let chunk = [UInt8](repeating: 0x20, count: 5000)
        let written = chunk.withUnsafeBytes { write(descriptors[1], $0.baseAddress, $0.count) }
        #expect(written == 5000)
        // The writer stays open: the reader must stop at the cap, not wait for the end.
        defer { close(descriptors[1]) }
        do throws(CrossroadsError) {
            _ = try InputFile.read(descriptor: descriptors[0], path: "<stdin>", limit: 1000)
            Issue.record("a stream over the cap was read")
        } catch {
            #expect(error.isReadingInvalid)
            #expect(
                error.description.contains("the input is larger than that; Crossroads reads files of up to"), "\(error)"
            )
        }
    }

    @Test func otherPathsThatCannotBeOpenedSayWhy() throws {
        let folder = ReadingTempFolder()
        let file = try folder.write("plain.xml", Inline.questionnaire())
        try FileManager.default.createSymbolicLink(
            atPath: folder.path("loop1"), withDestinationPath: folder.path("loop2"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.path("loop2"), withDestinationPath: folder.path("loop1"))
        for (path, reason) in [
            (file + "/inside.xml", "a part of the path is not a folder"),
            (folder.path("loop1"), "too many symbolic links"),
        ] {
            let checks = Validator.check(files: [path])
            #expect(checks.map(\.status) == [.unreadable])
            #expect(
                checks.first?.diagnostics.map(\.description) == ["\(path): error: cannot read this file: \(reason)"])
        }
    }

    @Test(arguments: [
        ("a UTF-8 byte order mark", "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        ("a lower-case encoding name in single quotes", "<?xml version='1.0' encoding='utf-8'?>\n"),
        ("no encoding declaration", "<?xml version=\"1.0\"?>\n"),
        ("no XML declaration", ""),
    ])
    func ordinaryUTF8FilesAreNotMistakenForHostileOnes(_ what: String, declaration: String) {
        let text =
            declaration
            + Inline.questionnaire().replacingFirst("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: "")
            .replacingFirst("<title>Solo</title>", with: "<title>Solo — ça va, 💬</title>")
        let diagnostics = Reading.questionnaireDiagnostics(text)
        #expect(diagnostics.isEmpty, "\(what): \(diagnostics.readingListing)")
    }

    @Test func anXIncludeElementIsASchemaErrorAndNeverExpanded() throws {
        let fixture = Marked(
            Hostile.document(
                .questionnaire,
                inside: #"⟪x⟫<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>"#)
        )
        let diagnostics = Reading.diagnostics(fixture.text)
        #expect(diagnostics.count == 1, "\(diagnostics.readingListing)")
        #expect(diagnostics.first?.position == fixture["x"])
        #expect(
            diagnostics.first?.message.hasPrefix("<include>: this element is not allowed here.") == true,
            "\(diagnostics.readingListing)")
        ReadingCompositionTests.expectReadable(diagnostics.first)
    }

    @Test func rootElementMessagesNameWhatWasFoundAndWhatIsExpected() {
        let html = Self.diagnostics { try LoadedDocument.parse(Array("<html/>".utf8), path: "x.html") }
        #expect(
            html.map(\.message) == [
                "this is not a Crossroads questionnaire or assessment: its root element is <html> without a namespace; expected <assessment> or <questionnaire> in namespace urn:crossroads:questionnaire:1"
            ])
        #expect(html.first?.position == LineColumn(1, 1))
        let answers = Self.diagnostics {
            try AnswersReader.parse(
                Array("<!-- hi -->\n  <questionnaire xmlns=\"urn:crossroads:questionnaire:1\"/>".utf8), path: "a.xml",
                for: nil)
        }
        #expect(
            answers.map(\.message) == [
                "this is not a Crossroads answers file: its root element is <questionnaire> in namespace urn:crossroads:questionnaire:1; expected <answers> in namespace urn:crossroads:answers:1"
            ])
        #expect(answers.first?.position == LineColumn(2, 3))
    }

    static func diagnostics<T>(_ body: () throws -> T) -> [Diagnostic] {
        do {
            _ = try body()
            return []
        } catch let error as CrossroadsError {
            return error.reported
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }
}
