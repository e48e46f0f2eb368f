import Benchmark
import Crossroads
import Foundation

// Per answer set, on the shipped assessment and Reports/examples/mixed.answers.xml: reading and checking,
// scoring, the text report, the XML report, and one set of a streamed batch document. Time and
// allocations per set (`swift package benchmark` in Benchmarks/).

/// Reports/examples, found from this file's path.
private let examples = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Reports/examples")

private func exampleBytes(_ name: String) -> [UInt8] {
    (try? Array(Data(contentsOf: examples.appendingPathComponent(name)))) ?? []
}

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .throughput]
    let configuration = Benchmark.Configuration(metrics: metrics, maxDuration: .seconds(5), maxIterations: 20_000)
    let bytes = exampleBytes("mixed.answers.xml")
    guard let assessment = try? Assessment.bundled(),
        let (answers, _) = try? AnswersReader.read(bytes: bytes, path: "mixed.answers.xml", for: assessment)
    else {
        fatalError("the bundled assessment or Reports/examples/mixed.answers.xml could not be read")
    }
    let scorer = Scorer(assessment)
    let result = scorer.score(answers)

    Benchmark("read and check one answers file", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? AnswersReader.read(bytes: bytes, path: "mixed.answers.xml", for: assessment))
        }
    }

    Benchmark("score one answer set", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(scorer.score(answers))
        }
    }

    Benchmark("text report of one set", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(TextReport(result, date: "2026-11-27").render(width: 80))
        }
    }

    Benchmark("XML report of one set", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? XMLReport(result, date: "2026-11-27").render())
        }
    }

    Benchmark("CSV row of one set", configuration: configuration) { benchmark in
        let table = CSVReport(assessments: [assessment])
        for _ in benchmark.scaledIterations {
            blackHole(table.row(result, source: "batch.xml", index: 1, id: "p1"))
        }
    }

    // A batch document of 1,000 copies of every example, streamed; throughput is in answer sets.
    let batchFile = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-bench-batch.xml")
    var document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<batch xmlns=\"urn:crossroads:answers:1\">\n"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? [])
        .filter { $0.hasSuffix(".answers.xml") }.sorted()
    var sets = 0
    while sets < 1000 {
        for name in names where sets < 1000 {
            let text = String(decoding: exampleBytes(name), as: UTF8.self)
            document += text.split(separator: "\n").filter { !$0.hasPrefix("<?xml") }.joined(separator: "\n") + "\n"
            sets += 1
        }
    }
    document += "</batch>\n"
    try? document.write(to: batchFile, atomically: true, encoding: .utf8)

    Benchmark(
        "batch: stream, check and score 1,000 sets (CSV)",
        configuration: .init(metrics: metrics, scalingFactor: .kilo, maxDuration: .seconds(10), maxIterations: 20)
    ) { benchmark in
        let report = BatchReport(format: .csv, date: "2026-11-27", assessments: [assessment])
        for _ in 0..<max(1, benchmark.scaledIterations.count / 1000) {
            var bytes = 0
            // As `crossroads batch --format csv --jobs 1` does it: each entry read, checked and scored for its row.
            AnswersBatch([batchFile.path], assessment: assessment).process(
                jobs: 1,
                transform: { entry in (try? report.render(entry).get()) ?? "" },
                deliver: { _, row in
                    bytes += row.utf8.count
                    return true
                })
            blackHole(bytes)
        }
    }
}
