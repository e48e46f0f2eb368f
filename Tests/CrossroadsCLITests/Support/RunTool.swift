import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What one run of a built tool gave.
struct ToolRun: Sendable, CustomStringConvertible {
    /// The exit status, or the signal number when ``signaled``.
    var status: Int32
    /// Whether the process was ended by a signal (its number is in ``status``).
    var signaled: Bool
    /// Whether the run went past its timeout and was killed.
    var timedOut: Bool
    /// Everything written to standard output.
    var stdoutData: Data
    /// Everything written to standard error.
    var stderrData: Data

    /// Standard output as text (invalid UTF-8 replaced).
    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    /// Standard error as text (invalid UTF-8 replaced).
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }

    var description: String {
        "status \(status)\(signaled ? " (signal)" : "")\(timedOut ? " TIMED OUT" : "")\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)"
    }
}

/// Runs the built tool (or any program) with arguments, standard input bytes, environment changes and a
/// timeout, for end-to-end tests. Nothing here is specific to one command.
enum Tool {
    /// Runs the tool with its standard output a pipe whose reading end is already closed.
    static func runWithClosedStandardOutput(_ arguments: [String]) throws -> (
        status: Int32, exited: Bool, stderr: String
    ) {
        let binary = try #require(Tool.crossroads)
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        // The read end is closed before the tool starts, and is not inherited: any write gets EPIPE.
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        close(ends[0])
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let writeEnd = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        process.standardOutput = writeEnd
        let errors = Pipe()
        process.standardError = errors
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        try writeEnd.close()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .exit, stderr)
    }

    /// The built `crossroads` binary, found once (see ``locate(_:filePath:)``).
    static let crossroads: URL? = locate("crossroads")

    /// Finds a built product: `$CROSSROADS_BINARY` if set, else the one next to the running test bundle,
    /// else the most recently built `.build*/…/debug/NAME` (or release) under the package root found by
    /// walking up from this file.
    static func locate(_ name: String, filePath: String = #filePath) -> URL? {
        let files = FileManager.default
        func isExecutable(_ url: URL) -> Bool {
            var isFolder: ObjCBool = false
            return files.fileExists(atPath: url.path, isDirectory: &isFolder) && !isFolder.boolValue
                && files.isExecutableFile(atPath: url.path)
        }
        if let override = ProcessInfo.processInfo.environment["CROSSROADS_BINARY"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        // Next to the running test bundle: .build-x/<triple>/debug/CrossroadsPackageTests.xctest.
        var nearby: [URL] = []
        if let first = CommandLine.arguments.first {
            nearby.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        nearby.append(Bundle.main.bundleURL.deletingLastPathComponent())
        nearby.append(Bundle.main.bundleURL)
        for folder in nearby {
            let candidate = folder.appendingPathComponent(name)
            if isExecutable(candidate) { return candidate }
        }
        // Walk up to the package root, then look in every scratch folder.
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while folder.path != "/" && !files.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        let scratch = ((try? files.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".build") }
        var found: [(URL, Date)] = []
        for entry in scratch {
            for configuration in ["debug", "release"] {
                let candidate = folder.appendingPathComponent(entry).appendingPathComponent(configuration)
                    .appendingPathComponent(name)
                if isExecutable(candidate) {
                    let date =
                        (try? files.attributesOfItem(atPath: candidate.path)[.modificationDate] as? Date)
                        ?? .distantPast
                    found.append((candidate, date))
                }
            }
        }
        return found.max { $0.1 < $1.1 }?.0
    }

    /// Runs `executable` (the built `crossroads` by default) and waits for it, at most `timeout` seconds.
    ///
    /// - Parameters:
    ///   - arguments: the arguments.
    ///   - stdin: bytes for standard input, which is then closed; `nil` gives `/dev/null`.
    ///   - environment: changes to this process's environment; a `nil` value removes the variable.
    ///   - directory: the working directory.
    ///   - timeout: seconds before the process is killed (the run then reports ``ToolRun/timedOut``).
    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String?] = [:],
        directory: URL? = nil, timeout: TimeInterval = 30, executable: URL? = nil
    ) throws -> ToolRun {
        let process = try ToolProcess(
            arguments, environment: environment, directory: directory, executable: executable,
            stdinIsNull: stdin == nil)
        if let stdin {
            process.send(stdin)
            process.closeInput()
        }
        return process.wait(timeout: timeout)
    }
}

/// A running process whose standard input can be written bit by bit and whose output can be watched.
final class ToolProcess: @unchecked Sendable {
    enum Failure: Error, CustomStringConvertible {
        case notBuilt
        var description: String { "the crossroads binary was not found; build it first (swift build)" }
    }

    private let process = Process()
    private let input = Pipe()
    private let outputPipe = Pipe()
    private let errorPipe = Pipe()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    private let readers = DispatchGroup()
    private let exited = DispatchSemaphore(value: 0)
    private var inputClosed = false

    /// Starts a process; see ``Tool/run(_:stdin:environment:directory:timeout:executable:)`` for the parameters.
    init(
        _ arguments: [String], environment: [String: String?] = [:], directory: URL? = nil,
        executable: URL? = nil, stdinIsNull: Bool = false
    ) throws {
        signal(SIGPIPE, SIG_IGN)  // writing to a process that has ended must not end the tests
        guard let url = executable ?? Tool.crossroads else { throw Failure.notBuilt }
        process.executableURL = url
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        if let directory { process.currentDirectoryURL = directory }
        if stdinIsNull {
            process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
            inputClosed = true
        } else {
            process.standardInput = input
        }
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        drain(outputPipe.fileHandleForReading, isError: false)
        drain(errorPipe.fileHandleForReading, isError: true)
    }

    private func drain(_ handle: FileHandle, isError: Bool) {
        readers.enter()
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.lock()
                if isError { err.append(chunk) } else { out.append(chunk) }
                lock.unlock()
            }
            readers.leave()
        }
    }

    /// The process id.
    var pid: Int32 { process.processIdentifier }

    /// Standard output so far.
    var stdoutSoFar: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes to the process's standard input (ignored once it is closed or the process has gone).
    func send(_ text: String) {
        guard !inputClosed else { return }
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    /// Closes the process's standard input.
    func closeInput() {
        guard !inputClosed else { return }
        inputClosed = true
        try? input.fileHandleForWriting.close()
    }

    /// Waits until standard output contains `text` `count` times (or the process ends, or the timeout passes);
    /// returns whether it did.
    @discardableResult
    func waitForOutput(_ text: String, count: Int = 1, timeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stdoutSoFar.components(separatedBy: text).count - 1 >= count { return true }
            if !process.isRunning { return stdoutSoFar.components(separatedBy: text).count - 1 >= count }
            usleep(5_000)
        }
        return false
    }

    /// Sends a signal to the process.
    func kill(_ signal: Int32) {
        _ = Glibc.kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end (killing it after `timeout` seconds) and returns what it gave.
    func wait(timeout: TimeInterval = 30) -> ToolRun {
        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(SIGKILL)
            exited.wait()
        }
        // Foundation's Process keeps itself (with its arguments, environment and pipes) alive until
        // waitUntilExit() has run; without this every run leaks about 7 KB (LeakSanitizer reports it).
        process.waitUntilExit()
        closeInput()
        _ = readers.wait(timeout: .now() + 5)
        lock.lock()
        defer { lock.unlock() }
        return ToolRun(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut, stdoutData: out, stderrData: err)
    }
}

/// A temporary folder, removed when the value is released.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL

    init(_ prefix: String = "crossroads-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A path inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The names of the files in the folder (hidden ones included), sorted.
    var contents: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    /// Writes a file into the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = path(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The permission bits of a file in the folder.
    func mode(_ name: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path(name))[.posixPermissions] as? NSNumber)?.intValue
    }
}
