// libFuzzer target: a batch document, streamed and scored as `crossroads batch --format csv` does, on one
// thread and on two. Differential: the two outputs must be equal, and every set the fast path took must
// read exactly as the full reader reads it alone. Build and run with .ci/fuzz; a normal build makes a
// replayer: FuzzBatch FILE...
@_spi(Testing) import Crossroads
import FuzzSupport

#if canImport(Glibc)
    import Glibc
#endif

private let assessment = try? Assessment.bundled()

/// libFuzzer's entry point: writes the bytes to a private temporary file and reads it as a batch.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBatch(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let assessment else { return 0 }
    let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array("\(folder)/crossroads-fuzz-batch-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in
        buffer.baseAddress.map { mkstemp($0) } ?? -1
    }
    guard descriptor >= 0 else { return 0 }
    let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    defer { unlink(path) }
    var written = 0
    while written < size {
        let count = write(descriptor, data + written, size - written)
        if count <= 0 { break }
        written += count
    }
    close(descriptor)

    let report = BatchReport(format: .csv, date: "2026-11-27", assessments: [assessment])
    var outputs: [[String]] = []
    for jobs in [1, 2] {
        var rows: [String] = []
        AnswersBatch([path], assessment: assessment).process(
            jobs: jobs,
            transform: { entry in
                switch report.render(entry) {
                case .success(let row): return row
                case .failure(let error): return "refused: \(error.description)"
                }
            },
            deliver: { _, row in
                rows.append(row)
                return true
            })
        outputs.append(rows)
    }
    if outputs[0] != outputs[1] { fatalError("--jobs 1 and --jobs 2 disagree") }
    // Every set, read and scored on the fast path where it can be, equals the full reader's result.
    for entry in AnswersBatch([path], assessment: assessment) {
        switch (entry.score(), entry.scoreThroughTheFullReader()) {
        case (.success(let fast), .success(let full)):
            if fast != full { fatalError("the fast path and the full reader disagree on \(entry.position)") }
        case (.failure(let fast), .failure(let full)):
            if fast.description != full.description { fatalError("different refusals for \(entry.position)") }
        default:
            fatalError("the fast path and the full reader disagree on whether \(entry.position) is valid")
        }
    }
    return 0
}

#if !FUZZING
    @main
    enum Replay {
        static func main() { FuzzReplay.run(fuzzBatch) }
    }
#endif
