import Foundation
import PropertyBased
import Testing

@testable import Crossroads

/// Random answer sets for the bundled assessment, some valid and some not, written as answers XML.
enum RandomAnswerSets {
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    }

    /// `count` answers documents (without an XML declaration), numbered from 1 in their `id`.
    static func documents(_ assessment: Assessment, seed: UInt64, count: Int) -> [String] {
        var random = SplitMix(state: seed)
        return (1...count).map { number in
            var text = "<answers xmlns=\"\(AnswersReader.namespace)\" id=\"r\(number)\""
            text += " assessment=\"\(assessment.id)\" version=\"\(assessment.version)\" locale=\"en_GB\">\n"
            // Items asked only on some answers (follow-ups) are left out: an answer to one whose condition is
            // false is refused, and most sets would then be refused for that alone.
            for item in assessment.items where item.showIf == nil {
                switch random.below(10) {
                case 0: continue  // not reached
                case 1: text += "  <answer item=\"\(item.id)\" state=\"declined\"/>\n"
                case 2 where random.below(20) == 0:
                    text += "  <answer item=\"\(item.id)\"><value>no-such-value</value></answer>\n"
                default:
                    if item.kind == .text {
                        text += "  <answer item=\"\(item.id)\"><text>words &amp; more \(number)</text></answer>\n"
                    } else if !item.options.isEmpty {
                        let value = item.options[random.below(item.options.count)].value
                        text += "  <answer item=\"\(item.id)\"><value>\(value)</value></answer>\n"
                    }
                }
            }
            return text + "</answers>\n"
        }
    }

    static func batch(_ documents: [String]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<batch xmlns=\"\(AnswersReader.namespace)\">\n"
            + documents.joined() + "</batch>\n"
    }
}

@Suite("Batch")
struct BatchTests {
    static let assessment: Assessment? = try? Assessment.bundled()

    static func temporaryFile(_ text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("batch.xml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// What scoring one set gives: its rendered report, or its error messages without their locations.
    enum Outcome: Equatable {
        case report(String)
        case refused([String])
    }

    static func outcome(_ result: Result<ScoreResult, CrossroadsError>, _ report: BatchReport, source: String, index: Int?, id: String?) -> Outcome {
        switch result {
        case .success(let scored):
            return (try? report.render(scored, source: source, index: index, id: id)).map(Outcome.report) ?? .refused([])
        case .failure(.invalid(_, let diagnostics)):
            return .refused(diagnostics.map(\.message))
        case .failure(let error):
            return .refused([error.description])
        }
    }

    /// Property: a batch document gives, for every set, exactly what scoring that set alone as a file gives,
    /// on one thread or two.
    @Test(arguments: [BatchReport.Format.csv, .text, .xml, .html])
    func batchOutputEqualsScoringEachSetAlone(format: BatchReport.Format) async throws {
        let assessment = try #require(Self.assessment)
        let report = BatchReport(format: format, date: "2026-11-27", width: 72, assessments: [assessment])
        await propertyCheck(count: 15, input: Gen<UInt64>.value(), Gen<Int>.value(in: 1...6)) { seed, count in
            let documents = RandomAnswerSets.documents(assessment, seed: seed, count: count)
            guard let file = try? Self.temporaryFile(RandomAnswerSets.batch(documents)) else {
                Issue.record("could not write a temporary file")
                return
            }
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
            let alone = documents.enumerated().map { offset, document in
                let single = Result { () throws(CrossroadsError) -> ScoreResult in
                    let (answers, assessment) = try AnswersReader.read(text: document, path: file.path)
                    return assessment.score(answers)
                }
                return Self.outcome(single, report, source: file.path, index: offset + 1, id: "r\(offset + 1)")
            }
            for jobs in [1, 2] {
                var batched: [Outcome] = []
                AnswersBatch([file.path]).score(
                    jobs: jobs,
                    render: { entry, result in
                        Self.outcome(result, report, source: entry.source, index: entry.index, id: entry.id)
                    },
                    deliver: { _, outcome in
                        batched.append(outcome)
                        return true
                    })
                #expect(batched == alone, "jobs \(jobs), seed \(seed)")
            }
        }
    }

    @Test func aBrokenSetIsLocatedInTheBatchDocumentAndTheOthersAreRead() throws {
        let assessment = try #require(Self.assessment)
        var documents = RandomAnswerSets.documents(assessment, seed: 7, count: 3)
        documents[1] = documents[1].replacingOccurrences(of: "locale=\"en_GB\">\n", with: "locale=\"en_GB\">\n  <answer item=\"no.such.item\" state=\"declined\"/>\n")
        let text = RandomAnswerSets.batch(documents)
        let file = try Self.temporaryFile(text)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("no.such.item") }) + 1
        let entries = Array(AnswersBatch([file.path]))
        #expect(entries.map(\.index) == [1, 2, 3])
        #expect(entries.map(\.id) == ["r1", "r2", "r3"])
        guard case .failure(.invalid(let path, let diagnostics)) = entries[1].score() else {
            Issue.record("the second set was not refused")
            return
        }
        #expect(path == file.path)
        #expect(diagnostics.contains { $0.location == SourceLocation(file: file.path, line: line, column: 3) })
        #expect(entries[1].location?.line == (lines.firstIndex { $0.contains("id=\"r2\"") } ?? 0) + 1)
    }

    @Test func aDocumentThatIsNotWellFormedEndsWithOneRefusalAtItsPlace() throws {
        let file = try Self.temporaryFile(
            "<batch xmlns=\"urn:crossroads:answers:1\">\n<answers assessment=\"x\" version=\"1\"/>\n<answers>\n</batch>\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        // libxml2 reads ahead, so the set before the fault may or may not come first; the refusal is last.
        let entries = Array(AnswersBatch([file.path]))
        #expect((1...2).contains(entries.count))
        guard case .failure(.invalid(_, let diagnostics)) = entries.last?.score() else {
            Issue.record("no refusal")
            return
        }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location?.line == 4)
    }

    @Test func otherElementsInABatchAreRefusedAndTheScannerStaysInStep() throws {
        let assessment = try #require(Self.assessment)
        let documents = RandomAnswerSets.documents(assessment, seed: 3, count: 2)
        let text = RandomAnswerSets.batch([documents[0], "<!-- a > comment --><other><x a=\"1>2\"/><![CDATA[<y>]]></other>\n", documents[1]])
        let file = try Self.temporaryFile(text)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let entries = Array(AnswersBatch([file.path]))
        #expect(entries.count == 3)
        guard case .failure(.invalid(_, let diagnostics)) = entries[1].score() else {
            Issue.record("<other> was not refused")
            return
        }
        #expect(diagnostics.first?.message.contains("<other> is not allowed in a batch") == true)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (lines.firstIndex { $0.contains("id=\"r2\"") } ?? 0) + 1
        #expect(entries[2].location == SourceLocation(file: file.path, line: line, column: 1))
    }

    @Test func anAttributeOnBatchAndTextBetweenSetsAreRefusedAndTheSetsAreStillRead() throws {
        let assessment = try #require(Self.assessment)
        let documents = RandomAnswerSets.documents(assessment, seed: 5, count: 2)
        let text = RandomAnswerSets.batch([documents[0], "stray words\n", documents[1]])
            .replacingOccurrences(of: "<batch xmlns=", with: "<batch note=\"x\" xmlns=")
        let file = try Self.temporaryFile(text)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let messages = Array(AnswersBatch([file.path])).map { entry -> String? in
            guard case .failure(.invalid(_, let diagnostics)) = entry.score() else { return nil }
            return diagnostics.first?.message
        }
        #expect(messages.count == 4, "\(messages)")
        #expect(messages.compactMap { $0 }.count == 2, "the two answer sets are scored: \(messages)")
        #expect(messages.contains { $0?.contains("<batch> takes no attributes, but has note") == true }, "\(messages)")
        #expect(messages.contains { $0?.contains("text is not allowed between answer sets") == true }, "\(messages)")
    }

    @Test func theScannerFindsStartTagsAfterCommentsInstructionsAndQuotedMarkup() {
        var scanner = StartTagScanner()
        let text = "<?xml version=\"1.0\"?>\n<!-- <no> -->\n<a b='>'>é<b/><?pi <no>?><![CDATA[<no>]]></a>"
        Array(text.utf8).withUnsafeBytes { scanner.scan($0) }
        #expect(scanner.next() == .init(line: 3, column: 1))
        #expect(scanner.next() == .init(line: 3, column: 11))
        #expect(scanner.next() == nil)
        #expect(StartTagScanner.firstElementName(in: Array(text.utf8)) == "a")
        #expect(StartTagScanner.firstElementName(in: Array("<!DOCTYPE a><a/>".utf8)) == nil)
        #expect(StartTagScanner.firstElementName(in: Array("<x:batch xmlns:x='u'>".utf8)) == "batch")
    }

    /// The parallel example of the DocC article, as written there (with a real file).
    @Test func theDocumentedParallelExampleWorks() throws {
        let assessment = try #require(Self.assessment)
        let file = try Self.temporaryFile(
            RandomAnswerSets.batch(RandomAnswerSets.documents(assessment, seed: 11, count: 20)))
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let batch = AnswersBatch([file.path])
        let report = BatchReport(format: .csv, date: "2026-11-27", assessments: batch.assessments)
        var csv = report.header
        var refused = 0
        batch.score(jobs: 4, render: { entry, result in
            (try? result.get()).flatMap { try? report.render($0, source: entry.source, index: entry.index, id: entry.id) }
        }, deliver: { entry, row in
            csv += row ?? ""                                  // nil: the set was refused
            if row == nil { refused += 1 }
            return true                                       // false stops early
        })
        let rows = csv.components(separatedBy: "\r\n").dropLast()
        #expect(rows.count == 1 + 20 - refused)
        // The faster way, as written in the article: the same table.
        var table = report.header
        batch.process(jobs: 4, transform: { report.render($0) }, deliver: { entry, row in
            if case .success(let row) = row { table += row }  // .failure: the set was refused, with every problem
            return true
        })
        #expect(table == csv)
        #expect(rows.dropFirst().allSatisfy { $0.hasPrefix(file.path + ",") })
        // The rows come in input order.
        let indexes = rows.dropFirst().compactMap { Int($0.split(separator: ",")[1]) }
        #expect(indexes == indexes.sorted())
    }

    /// Property: collapsing white space byte by byte gives what splitting at white space characters gives.
    @Test func collapsingWhitespaceByBytesMatchesTheDefinition() async {
        let pieces = ["a", "B", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{301}", "\u{2019}", "\u{201C}", "é", "—", "\u{600}",
                      "\u{200D}", "👍🏽", "\u{FE0F}", "x y", ""]
        await propertyCheck(count: 3000, input: Gen<Int>.value(in: 0...(pieces.count - 1)).array(of: 0...12)) { choices in
            let text = choices.map { pieces[$0] }.joined()
            #expect(text.collapsingWhitespace == text.collapsingWhitespaceByCharacters, "\(Array(text.unicodeScalars))")
        }
    }

    @Test func csvQuotesFieldsAsRFC4180Says() {
        #expect(CSVReport.quoted("plain") == "plain")
        #expect(CSVReport.quoted("a,b") == "\"a,b\"")
        #expect(CSVReport.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReport.quoted("two\nlines") == "\"two\nlines\"")
        #expect(CSVReport.line(["a", "b,c"]) == "a,\"b,c\"\r\n")
    }

    /// The HTML document of a batch: hostile source names and ids are inert text; every set's ids are
    /// its own; a safety-first set opens with its safety section, right after the line naming its source.
    @Test func theHTMLDocumentIsValidInertAndSafetyFirstPerSet() throws {
        let assessment = try #require(Self.assessment)
        let report = BatchReport(format: .html, date: "2026-11-27", assessments: [assessment])
        let example = { (name: String) throws -> ScoreResult in
            let text = try String(contentsOf: ExampleFiles.answers(name), encoding: .utf8)
            let (answers, assessment) = try AnswersReader.read(text: text, path: name)
            return assessment.score(answers)
        }
        let hostile = "<script>alert(1)</script>\u{202E}&amp;\"x"
        var document = report.header
        document += try report.render(try example("mixed"), source: hostile, index: 1, id: nil, position: 1)
        document += try report.render(try example("unsafe-right-now"), source: hostile, index: 1, id: nil, position: 2)
        document += report.footer
        let page = ParsedPage(document)
        #expect(page.error == nil, "\(page.error ?? "")")
        #expect(!page.elements.contains { $0.name == "script" })
        #expect(page.text.contains("<script>alert(1)</script>"), "the source name is shown as text")
        let ids = page.elements.compactMap { $0.attributes["id"] }
        #expect(!ids.isEmpty && Set(ids).count == ids.count, "\(ids)")
        #expect(ids.contains("set-1-summary-heading") && ids.contains("set-2-safety-heading"), "\(ids)")
        for element in page.elements where element.attributes["aria-labelledby"] != nil {
            #expect(ids.contains(element.attributes["aria-labelledby"] ?? ""), "\(element.attributes)")
        }
        let articles = page.elements.filter { $0.name == "article" }
        #expect(articles.count == 2)
        // The second set (safety first): after its source line, the first section is about safety.
        let second = try #require(document.range(of: "<article", options: .backwards))
        let firstSection = try #require(document.range(of: "<section", range: second.upperBound..<document.endIndex))
        #expect(document[firstSection.lowerBound...].hasPrefix("<section class=\"safety\""))
    }
}
