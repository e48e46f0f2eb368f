import CCrossroads
import Crossroads
import Foundation
import Testing

@testable import CrossroadsC

// The C entry points, called from Swift exactly as a C program calls them (the C and Python checks in
// Bindings/ run the built libCrossroadsC.so itself; these run in `swift test`).

/// What one `crossroads_score` call gave.
private struct CScore {
    var report: String?
    var length: Int
    var status: Int32?
    var message: String?
}

private let date = "2026-11-27"
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let examples = packageRoot.appending(path: "Reports/examples")
private let exampleNames: [String] = {
    let suffix = ".answers.xml"
    let files = (try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []
    return files.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.sorted()
}()

private func answers(_ name: String) throws -> String {
    try String(contentsOf: examples.appending(path: "\(name).answers.xml"), encoding: .utf8)
}

/// The shipped assessment's handle, as `crossroads_assessment_bundled(NULL, NULL)` gives it.
private func bundled() -> OpaquePointer? {
    CrossroadsC.crossroads_assessment_bundled(nil, nil)
}

private func withOptionalCString<R>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let text else { return body(nil) }
    return text.withCString { body($0) }
}

/// Calls `crossroads_score` and takes ownership of what it returns.
private func score(
    _ handle: OpaquePointer?, _ xml: String, format: String? = "text", width: Int32 = 0, date: String? = date
) -> CScore {
    let bytes = Array(xml.utf8)
    var length = -1
    var error: UnsafeMutablePointer<crossroads_error>? = UnsafeMutablePointer(bitPattern: 0x1)  // must be reset
    let report = bytes.withUnsafeBytes { buffer in
        let pointer = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
        return withOptionalCString(format) { format in
            withOptionalCString(date) { date in
                CrossroadsC.crossroads_score(handle, pointer, buffer.count, format, width, date, &length, &error)
            }
        }
    }
    defer {
        CrossroadsC.crossroads_string_free(report)
        if report == nil { CrossroadsC.crossroads_error_free(error) }
    }
    if let report {
        #expect(error == nil, "*error is set to NULL on success")
        return CScore(report: String(cString: report), length: length, status: nil, message: nil)
    }
    return CScore(
        report: nil, length: length, status: error?.pointee.status,
        message: error.flatMap { $0.pointee.message.map { String(cString: $0) } })
}

@Suite("The C interface, called as C would")
struct CInterfaceTests {
    @Test("Every example scores to the bytes the library renders", arguments: ["text", "xml"])
    func examplesMatchTheLibrary(format: String) throws {
        #expect(exampleNames.count >= 5)
        let handle = try #require(bundled())
        defer { CrossroadsC.crossroads_assessment_free(handle) }
        for name in exampleNames {
            let xml = try answers(name)
            let (parsed, assessment) = try AnswersReader.read(text: xml)
            let expected = try #require(ReportFormat(rawValue: format)).render(
                assessment.score(parsed), date: date, width: 80)
            let result = score(handle, xml, format: format)
            #expect(result.report == expected, "\(name) \(format)")
            #expect(result.length == expected.utf8.count)
        }
    }

    @Test("A broken answers file: status 65, one located diagnostic per line")
    func brokenAnswers() throws {
        let handle = try #require(bundled())
        defer { CrossroadsC.crossroads_assessment_free(handle) }
        let xml = try answers("mixed")
            .replacingOccurrences(of: "<answer item=\"safety.safe-now\"", with: "<answer item=\"nope\"")
            .replacingOccurrences(of: "<value>no</value>", with: "<value>maybe</value>")
        let result = score(handle, xml)
        #expect(result.report == nil && result.length == 0)
        #expect(result.status == 65)
        let lines = try #require(result.message).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 2)
        for line in lines {
            #expect(line.wholeMatch(of: /<answers>:\d+:\d+: error: .+/) != nil, "\(line)")
        }
    }

    @Test(
        "Bad arguments are the tool's usage error, 64",
        arguments: [
            ("no-such-format", Int32(0), "2026-11-27" as String?),
            ("text", 19, "2026-11-27"), ("text", 1001, "2026-11-27"), ("text", -5, "2026-11-27"),
            ("text", 0, "2026-02-30"), ("text", 0, "2026-11-27\n"), ("xml", 0, ""),
        ] as [(String, Int32, String?)])
    func badArguments(format: String, width: Int32, date: String?) throws {
        let handle = try #require(bundled())
        defer { CrossroadsC.crossroads_assessment_free(handle) }
        let result = score(handle, try answers("mixed"), format: format, width: width, date: date)
        #expect(result.status == 64)
        #expect(result.message?.hasPrefix("error: ") == true)
        #expect(result.message?.contains("\n") == false)
    }

    @Test("NULL where it is not allowed is an error, never a crash")
    func nulls() throws {
        #expect(score(nil, try answers("mixed")).status == 64)
        let handle = try #require(bundled())
        defer { CrossroadsC.crossroads_assessment_free(handle) }
        #expect(score(handle, try answers("mixed"), format: nil).status == 64)
        var error: UnsafeMutablePointer<crossroads_error>?
        #expect(CrossroadsC.crossroads_score(handle, nil, 0, "text", 0, nil, nil, &error) == nil)
        #expect(error?.pointee.status == 64)
        CrossroadsC.crossroads_error_free(error)
        #expect(CrossroadsC.crossroads_assessment_load(nil, 10, nil, nil, 0, &error) == nil)
        #expect(error?.pointee.status == 64)
        CrossroadsC.crossroads_error_free(error)
        CrossroadsC.crossroads_string_free(nil)
        CrossroadsC.crossroads_error_free(nil)
        CrossroadsC.crossroads_assessment_free(nil)
    }

    @Test("Each library error carries the tool's status and one line per diagnostic")
    func failures() {
        let place = SourceLocation(file: "<answers>", line: 3, column: 7)
        let two = CrossroadsError.invalid(
            path: "<answers>",
            diagnostics: [
                Diagnostic(.error, "first\nsecond\r\nthird", at: place),
                Diagnostic(.warning, "a warning\u{2028}here", at: nil, file: "<answers>"),
            ])
        let failure = CFailure(two)
        #expect(failure.status == 65)
        #expect(failure.message == "<answers>:3:7: error: first second third\n<answers>: warning: a warning here")
        #expect(CFailure(.notFound(what: "no such")).status == 65)
        #expect(CFailure(.unreadable(path: "x", reason: "r")).status == 66)
        #expect(CFailure(.unwritable(path: "<XML report>", reason: "r")).status == 70)
        #expect(
            CFailure(.invalid(path: "<answers>", diagnostics: [])).message == "<answers>: error: the file is not valid")
    }

    @Test("Eight threads scoring with one handle at once get what one thread gets")
    func threads() throws {
        let handle = try #require(bundled())
        defer { CrossroadsC.crossroads_assessment_free(handle) }
        let inputs = try exampleNames.prefix(6).map(answers)
        let alone = inputs.flatMap { [score(handle, $0).report, score(handle, $0, format: "xml").report] }
        #expect(!alone.contains(nil))

        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var all: [[String?]] = []
        }
        let results = Results()
        let address = UInt(bitPattern: handle)
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for _ in 0..<8 {
            done.enter()
            let thread = Thread {
                start.wait()
                let shared = OpaquePointer(bitPattern: address)
                let mine = inputs.flatMap { [score(shared, $0).report, score(shared, $0, format: "xml").report] }
                results.lock.withLock { results.all.append(mine) }
                done.leave()
            }
            thread.start()
        }
        for _ in 0..<8 { start.signal() }
        #expect(done.wait(timeout: .now() + 120) == .success, "watchdog: the threads did not finish")
        results.lock.withLock {
            #expect(results.all.count == 8)
            for result in results.all { #expect(result == alone) }
        }
    }

    @Test("Version and ABI version")
    func versions() {
        #expect(String(cString: CrossroadsC.crossroads_version()) == Scorer.engineVersion)
        #expect(CrossroadsC.crossroads_abi_version() == CROSSROADS_ABI_VERSION)
    }
}
