import Crossroads
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

// End-to-end tests of `crossroads batch`, running the built binary.

@Suite("crossroads batch")
struct BatchCommandTests {
    /// A temporary folder holding a batch document made of every example answers file (sets numbered by
    /// example name order), and a copy of the examples' answers files in `answers/`.
    struct Fixture {
        let folder: URL
        var batch: String { folder.appendingPathComponent("all.batch.xml").path }
        var answersFolder: String { folder.appendingPathComponent("answers").path }

        init(breakSet broken: Int? = nil) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-batch-\(UUID().uuidString)")
            let answers = folder.appendingPathComponent("answers")
            try FileManager.default.createDirectory(at: answers, withIntermediateDirectories: true)
            var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<batch xmlns=\"urn:crossroads:answers:1\">\n"
            for (offset, name) in ScoreExamples.names.enumerated() {
                let file = try String(contentsOfFile: ScoreExamples.answers(name), encoding: .utf8)
                try file.write(to: answers.appendingPathComponent("\(name).answers.xml"), atomically: true, encoding: .utf8)
                var body = file.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.hasPrefix("<?xml") }.joined(separator: "\n")
                body = body.replacingOccurrences(of: "<answers ", with: "<answers id=\"p\(offset + 1)\" ")
                if offset + 1 == broken {
                    body = body.replacingOccurrences(of: "version=\"1.1.0\"", with: "version=\"9.9.9\"")
                }
                text += body
            }
            text += "</batch>\n"
            try text.write(toFile: folder.appendingPathComponent("all.batch.xml").path, atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    static func run(_ arguments: [String], stdin: String? = nil) throws -> ToolRun {
        try Tool.run(["batch", "--date", ScoreExamples.date] + arguments, stdin: stdin, timeout: 120)
    }

    /// The last line of standard error.
    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test(arguments: ["csv", "xml", "text", "html"])
    func everyInputKindGivesTheReportsOfScoringEachFileAlone(format: String) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let names = ScoreExamples.names
        let stdin = try String(contentsOfFile: ScoreExamples.answers(names[0]), encoding: .utf8)
        let run = try Self.run(
            [fixture.batch, fixture.answersFolder, ScoreExamples.answers(names[1]), "-", "--format", format], stdin: stdin)
        #expect(run.status == 0, "\(run)")
        let total = names.count * 2 + 2
        #expect(Self.lastLine(run.stderr) == "crossroads batch: \(total) answer sets scored, 0 refused.")
        switch format {
        case "csv":
            let rows = run.stdout.components(separatedBy: "\r\n").dropLast()
            #expect(rows.count == total + 1)
            #expect(rows.first?.hasPrefix("source,index,id,assessment,version,outcome,safety_first,safety_unanswered,") == true)
            #expect(rows[1].hasPrefix("\(fixture.batch),1,p1,should-we-get-back-together,1.1.0,"))
            #expect(rows.last?.hasPrefix("<stdin>,,,should-we-get-back-together,1.1.0,") == true)
        case "xml":
            #expect(run.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<reports xmlns=\"urn:crossroads:report:1\">\n"))
            // Each set's report is the one `score --format xml` writes for it.
            for name in names {
                let alone = try Tool.run(ScoreExamples.xmlArguments(ScoreExamples.answers(name)))
                let body = alone.stdout.split(separator: "\n", maxSplits: 1)[1]
                #expect(run.stdout.contains(body), "\(name)")
            }
            let file = fixture.folder.appendingPathComponent("out.xml")
            try run.stdout.write(to: file, atomically: true, encoding: .utf8)
            let lint = try Tool.run(
                ["--noout", "--schema", ScoreExamples.packageRoot.appendingPathComponent("Reports/report.xsd").path, file.path],
                executable: URL(fileURLWithPath: "/usr/bin/xmllint"))
            #expect(lint.status == 0, "\(lint)")
        case "html":
            // One document, well-formed, no script, a page per set; each set's page is the one
            // `score --format html` writes for it, its ids made unique in the document.
            let file = fixture.folder.appendingPathComponent("out.html")
            try run.stdout.write(to: file, atomically: true, encoding: .utf8)
            let lint = try Tool.run(["--noout", file.path], executable: URL(fileURLWithPath: "/usr/bin/xmllint"))
            #expect(lint.status == 0, "\(lint)")
            #expect(run.stdout.hasPrefix("<!DOCTYPE html SYSTEM \"about:legacy-compat\">\n"))
            #expect(!run.stdout.contains("<script"))
            #expect(run.stdout.components(separatedBy: "<article class=\"set\"").count == total + 1)
            #expect(run.stdout.contains("article.set + article.set { break-before: page;"))
            let ids = try Regex(#"\bid="([^"]*)""#)
            let all = run.stdout.matches(of: ids).map { String($0.output[1].substring ?? "") }
            #expect(Set(all).count == all.count, "an id is used twice")
            #expect(all.allSatisfy { $0.hasPrefix("set-") }, "\(all.filter { !$0.hasPrefix("set-") })")
            let unprefixed = run.stdout.replacing(try Regex(#"(id|aria-labelledby)="set-[0-9]+-"#)) { match in
                String(match.output[1].substring ?? "") + "=\""
            }
            for name in names {
                let alone = try Tool.run(
                    ["score", ScoreExamples.answers(name), "--format", "html", "--date", ScoreExamples.date])
                #expect(alone.status == 0, "\(alone)")
                let page = alone.stdout
                let body = try #require(page.range(of: "<body>\n")).upperBound
                let end = try #require(page.range(of: "  </body>", options: .backwards)).lowerBound
                #expect(unprefixed.contains(page[body..<end]), "\(name): the batch page differs from score's")
            }
        default:
            for name in names {
                let alone = try Tool.run(ScoreExamples.textArguments(ScoreExamples.answers(name)))
                #expect(run.stdout.contains("\n\n" + alone.stdout), "\(name)")
            }
            #expect(run.stdout.hasPrefix("==> \(fixture.batch), set 1, id p1 <==\n\n"))
            #expect(run.stdout.contains("==> <stdin> <==\n\n"))
            #expect(run.stdout.contains("\n\n==> \(fixture.answersFolder)/\(names[0]).answers.xml <==\n\n"))
        }
    }

    @Test(arguments: ["csv", "xml", "text", "html"])
    func anInvalidSetInTheMiddleIsReportedAndTheOthersAreWritten(format: String) throws {
        let fixture = try Fixture(breakSet: 3)
        defer { fixture.remove() }
        let output = fixture.folder.appendingPathComponent("out").path
        let run = try Self.run([fixture.batch, "--format", format, "--output", output])
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.isEmpty)
        let count = ScoreExamples.names.count
        #expect(Self.lastLine(run.stderr) == "crossroads batch: \(count - 1) answer sets scored to \(output), 1 refused.")
        let text = try String(contentsOfFile: fixture.batch, encoding: .utf8)
        let line = (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("id=\"p3\"") } ?? 0) + 1
        #expect(run.stderr.hasPrefix("\(fixture.batch):\(line):1: error: these answers are for version 9.9.9"), "\(run)")
        var status = stat()
        #expect(stat(output, &status) == 0 && status.st_mode & 0o777 == 0o600)
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(!written.contains("p3"))
        #expect(written.contains("p4"))
    }

    @Test(arguments: ["csv", "xml", "text", "html"])
    func oneJobAndTwoJobsWriteTheSameBytes(format: String) throws {
        let fixture = try Fixture(breakSet: 5)
        defer { fixture.remove() }
        let one = try Self.run([fixture.batch, fixture.batch, fixture.answersFolder, "--format", format, "--jobs", "1"])
        let two = try Self.run([fixture.batch, fixture.batch, fixture.answersFolder, "--format", format, "--jobs", "2"])
        #expect(one.status == 65 && two.status == 65)
        #expect(!one.stdoutData.isEmpty)
        #expect(one.stdoutData == two.stdoutData)
        #expect(one.stderrData == two.stderrData)
    }

    @Test func aMissingInputIsReportedWithStatus66AndTheOthersAreStillScored() throws {
        let run = try Self.run(["/nonexistent/answers.xml", ScoreExamples.answers(ScoreExamples.sample)])
        #expect(run.status == 66)
        #expect(run.stderr.contains("/nonexistent/answers.xml: error: cannot read this file: there is no such file"))
        #expect(Self.lastLine(run.stderr) == "crossroads batch: 1 answer set scored, 1 refused.")
        #expect(run.stdout.components(separatedBy: "\r\n").count == 3)
    }

    @Test func aDocumentThatIsNotABatchOrIsCutShortIsRefusedWithItsPlace() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let text = try String(contentsOfFile: fixture.batch, encoding: .utf8)
        let cut = fixture.folder.appendingPathComponent("cut.xml").path
        try String(text.prefix(text.count / 2)).write(toFile: cut, atomically: true, encoding: .utf8)
        let run = try Self.run([cut])
        #expect(run.status == 65)
        #expect(run.stderr.contains("\(cut):"))
        #expect(run.stderr.contains("error: the document ends too early"), "\(run)")
        let wrong = fixture.folder.appendingPathComponent("wrong.xml").path
        try "<batch xmlns=\"urn:other\"/>".write(toFile: wrong, atomically: true, encoding: .utf8)
        let other = try Self.run([wrong])
        #expect(other.status == 65)
        #expect(other.stderr.contains("\(wrong):1:1: error: this is not a Crossroads batch document"), "\(other)")
    }

    @Test func noProgressLineIsWrittenToAPipe() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let run = try Self.run([fixture.batch])
        #expect(!run.stderr.contains("\r"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func usageErrors() throws {
        #expect(try Self.run([]).status == 64)
        #expect(try Self.run(["x.xml", "--jobs", "0"]).status == 64)
        #expect(try Self.run(["x.xml", "--format", "pdf"]).status == 64)
    }
}
