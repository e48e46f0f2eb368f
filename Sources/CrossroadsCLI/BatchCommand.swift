import ArgumentParser
import Crossroads

#if canImport(Glibc)
    import Glibc
#endif

extension BatchReport.Format: ExpressibleByArgument {}

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Score many answer sets: files, folders, standard input or batch documents.",
        discussion: """
            Each INPUT is an answers file, a folder (its .xml files, by name), - for standard input, or a batch \
            document (<batch xmlns="urn:crossroads:answers:1"> holding <answers> elements, read one set at a \
            time). Writes one CSV table, one <reports> XML document or the text reports one after another, in \
            input order, to standard output or --output FILE (written atomically, mode 0600). A set that is \
            invalid is reported on standard error with its location, and the others are still scored; the \
            last line on standard error counts the sets scored and refused. Exits 65 when any set was \
            refused, 66 when an input can't be opened, 73 when the output can't be written.
            """
    )

    @Argument(help: "Answers files, folders of them, batch documents, or - for standard input.")
    var inputs: [String]

    @ArgumentParser.Option(help: "The output format: csv (one row per set), xml (one <reports> document), text, or html (one printable document, a page per set).")
    var format: BatchReport.Format = .csv

    @ArgumentParser.Option(
        name: .shortAndLong, help: "Write the output to this file instead of standard output (- means standard output)."
    )
    var output: String?

    @ArgumentParser.Option(
        help: "Use this many threads, one reading the input and the others scoring (default: the number of cores); the output is the same.")
    var jobs: Int?

    @OptionGroup var layout: LayoutOptions

    @ArgumentParser.Option(help: "Score against this assessment file instead of the bundled one each set names.")
    var assessment: String?

    @ArgumentParser.Option(help: "A questionnaire file that assessment uses (repeatable).")
    var include: [String] = []

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one answers file, folder or batch document") }
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs must be between 1 and 256") }
        if output == "" { throw ValidationError(OutputName.emptyMessage) }
    }

    func run() throws {
        Console.ignoreBrokenPipe()
        var custom: Assessment?
        do throws(CrossroadsError) {
            if let path = assessment {
                var loader = AssessmentLoader()
                for file in include { try loader.addQuestionnaire(file: file) }
                custom = try loader.load(file: path)
            }
        } catch {
            Console.error(error.description + "\n")
            throw ExitStatus.code(for: error)
        }

        let batch = AnswersBatch(inputs, assessment: custom)
        let report = BatchReport(
            format: format, date: layout.reportDate, width: layout.width ?? 80, assessments: batch.assessments)
        let sink: OutputSink
        do throws(CrossroadsError) {
            sink = try OutputSink(path: output == "-" ? nil : output)
        } catch {
            Console.error(error.description + "\n")
            throw ExitStatus.cannotCreate
        }

        var scored = 0
        var refused = 0
        var unreadable = false
        var writeFailed = false
        let progress = Progress()
        sink.write(report.header)
        let jobs = self.jobs ?? Progress.cores
        batch.process(
            jobs: jobs,
            transform: { report.render($0) },
            deliver: { entry, rendered in
                switch rendered {
                case .success(let text):
                    var text = text
                    if format == .text && scored == 0 && text.hasPrefix("\n") { text.removeFirst() }
                    scored += 1
                    sink.write(text)
                    if sink.failed {
                        writeFailed = true
                        return false
                    }
                case .failure(let error):
                    refused += 1
                    if entry.isUnreadable { unreadable = true }
                    progress.clear()
                    Console.error(error.description + "\n")
                }
                progress.tick(scored + refused)
                return true
            })
        progress.clear()
        if !writeFailed { sink.write(report.footer) }
        var failure: CrossroadsError?
        if writeFailed || sink.failed {
            failure = .unwritable(path: output ?? "<stdout>", reason: "the output could not be written (closed pipe, or the disk is full?)")
        } else {
            do throws(CrossroadsError) { try sink.finish() } catch { failure = error }
        }
        if let failure { Console.error(failure.description + "\n") }
        let saved = failure == nil && output != nil && output != "-" ? " to \(output ?? "")" : ""
        Console.error(
            "crossroads batch: \(Self.count(scored)) scored\(saved), \(refused) refused.\n")
        if failure != nil { throw ExitStatus.cannotCreate }
        if unreadable { throw ExitStatus.cannotOpen }
        if refused > 0 { throw ExitStatus.invalidInput }
    }

    static func count(_ sets: Int) -> String { sets == 1 ? "1 answer set" : "\(sets) answer sets" }
}

/// Where batch output goes: standard output, or a file written atomically, buffered in 64 KiB pieces.
final class OutputSink {
    private let file: AtomicFile.Writer?
    private var buffer = ""
    private(set) var failed = false

    init(path: String?) throws(CrossroadsError) {
        file = try path.map { (path: String) throws(CrossroadsError) -> AtomicFile.Writer in
            try AtomicFile.Writer(path: path)
        }
    }

    func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= 64 * 1024 { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty, !failed else { return }
        if let file {
            file.write(buffer)
        } else if !Console.out(buffer) {
            failed = true
        }
        buffer = ""
    }

    func finish() throws(CrossroadsError) {
        flush()
        if failed {
            throw .unwritable(path: "<stdout>", reason: "the output could not be written (closed pipe?)")
        }
        try file?.commit()
    }
}

/// A line on standard error, when it is a terminal and the batch has run more than a second: sets done and
/// sets per second. Never in a pipe or a file.
final class Progress {
    private let enabled = isatty(2) == 1
    private let start = Progress.now()
    private var lastShown = 0.0
    private var shown = false

    static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    func tick(_ done: Int) {
        guard enabled, done % 64 == 0 else { return }
        let now = Progress.now()
        let elapsed = now - start
        guard elapsed >= 1, now - lastShown >= 0.25 else { return }
        lastShown = now
        shown = true
        Console.raw("\r\u{1B}[K\(done) answer sets done, \(Int(Double(done) / elapsed)) per second", to: 2)
    }

    func clear() {
        guard shown else { return }
        shown = false
        Console.raw("\r\u{1B}[K", to: 2)
    }
}
