import Crossroads
import Foundation
import Testing

// The examples in Reports/examples/: for each persona NAME, the answers (NAME.answers.xml, exactly as
// AnswersWriter writes them), the text report at width 80 (NAME.report.txt) and the XML report
// (NAME.report.xml) and the page made from it (NAME.report.html), all dated 2026-11-27. These tests regenerate every report with the library and
// fail if a single byte differs.
//
// To regenerate them after a deliberate change to the engine, the reports or the questionnaires:
//
//     CROSSROADS_UPDATE_EXAMPLES=1 swift test --filter ExampleTests
//
// which first rewrites every answers file in canonical form (as AnswersWriter writes it) and every
// report, once, and then runs every check against the new files; review the diff before committing it.
// (ScenarioTests read the same answers files, so `--filter 'Example|Scenario'` works as well.)

/// Where the examples live and how they are made.
enum ExampleFiles {
    /// The date every example report carries.
    static let date = "2026-11-27"
    /// The width of every example text report.
    static let width = 80

    /// The package root, found from this file's path (Tests/CrossroadsTests/ExampleTests.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Reports/examples/.
    static let folder = packageRoot.appending(path: "Reports/examples")

    /// Whether the tests should rewrite the examples instead of comparing them.
    static var updating: Bool { ProcessInfo.processInfo.environment["CROSSROADS_UPDATE_EXAMPLES"] == "1" }

    /// The personas, by name: every NAME.answers.xml in the folder, sorted.
    static let names: [String] = {
        let suffix = ".answers.xml"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.sorted()
    }()

    static func answers(_ name: String) -> URL { folder.appending(path: "\(name).answers.xml") }
    static func textReport(_ name: String) -> URL { folder.appending(path: "\(name).report.txt") }
    static func xmlReport(_ name: String) -> URL { folder.appending(path: "\(name).report.xml") }
    static func htmlReport(_ name: String) -> URL { folder.appending(path: "\(name).report.html") }

    /// A persona's files as the tool makes them now.
    struct Rendered {
        var answers: String
        var text: String
        var xml: String
        var html: String
        var result: ScoreResult
    }

    /// With CROSSROADS_UPDATE_EXAMPLES=1: every example rewritten, once, before any test reads one, so
    /// that the tests running in parallel all see the new files. `nil` when that went well (or when not
    /// updating); otherwise what went wrong.
    static let updateFailure: String? = {
        guard updating else { return nil }
        do {
            for name in names {
                let rendered = try renderFromDisk(name)
                try write(rendered.answers, to: answers(name))
                try write(rendered.text, to: textReport(name))
                try write(rendered.xml, to: xmlReport(name))
                try write(rendered.html, to: htmlReport(name))
            }
            return nil
        } catch {
            return "could not update the examples: \(error)"
        }
    }()

    /// Reads a persona's answers file and renders its canonical answers and both reports.
    static func render(_ name: String) throws -> Rendered {
        if let updateFailure { throw ExampleUpdateFailure(message: updateFailure) }
        return try renderFromDisk(name)
    }

    private static func renderFromDisk(_ name: String) throws -> Rendered {
        let (answers, assessment) = try AnswersReader.read(file: Self.answers(name).path)
        let result = assessment.score(answers)
        let xml = try XMLReport(result, date: date).render()
        return Rendered(
            answers: try AnswersWriter(answers, for: assessment).render(),
            text: TextReport(result, date: date).render(width: width),
            xml: xml,
            html: try HTMLReport(xml: xml).render(),
            result: result)
    }

    /// The persona's result, scored from its answers file.
    static func result(_ name: String) throws -> ScoreResult {
        if let updateFailure { throw ExampleUpdateFailure(message: updateFailure) }
        let (answers, assessment) = try AnswersReader.read(file: Self.answers(name).path)
        return assessment.score(answers)
    }

    /// Records an issue unless `file` holds exactly the bytes of `expected`, naming the first line
    /// that differs.
    static func expectSameBytes(
        _ expected: String, as file: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            Issue.record(
                "\(file.lastPathComponent) is missing; run CROSSROADS_UPDATE_EXAMPLES=1 swift test --filter ExampleTests",
                sourceLocation: sourceLocation)
            return
        }
        if data == Data(expected.utf8) { return }
        let actual = String(decoding: data, as: UTF8.self)
        let old = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let new = expected.split(separator: "\n", omittingEmptySubsequences: false)
        var line = 0
        while line < min(old.count, new.count) && old[line] == new[line] { line += 1 }
        let was = line < old.count ? String(old[line]) : "(end of file)"
        let now = line < new.count ? String(new[line]) : "(end of file)"
        Issue.record(
            """
            \(file.lastPathComponent) differs from what the tool makes now, first at line \(line + 1):
              file: \(was)
              tool: \(now)
            If the change is intended, run CROSSROADS_UPDATE_EXAMPLES=1 swift test --filter ExampleTests and review the diff.
            """, sourceLocation: sourceLocation)
    }

    /// Writes `text` to `file` (used only when updating).
    static func write(_ text: String, to file: URL) throws {
        try Data(text.utf8).write(to: file, options: .atomic)
    }
}

/// Updating the examples failed.
struct ExampleUpdateFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

@Suite("Reports/examples")
struct ExampleTests {
    @Test("There are at least ten examples")
    func enoughExamples() {
        #expect(ExampleFiles.names.count >= 10, "found \(ExampleFiles.names)")
    }

    @Test("Each example's reports are exactly what the library makes now", arguments: ExampleFiles.names)
    func reportsMatch(name: String) throws {
        let rendered = try ExampleFiles.render(name)
        ExampleFiles.expectSameBytes(rendered.text, as: ExampleFiles.textReport(name))
        ExampleFiles.expectSameBytes(rendered.xml, as: ExampleFiles.xmlReport(name))
        ExampleFiles.expectSameBytes(rendered.html, as: ExampleFiles.htmlReport(name))
    }

    @Test(
        "Each answers file is exactly what AnswersWriter writes, and reads back to the same answers",
        arguments: ExampleFiles.names)
    func answersRoundTrip(name: String) throws {
        let rendered = try ExampleFiles.render(name)
        ExampleFiles.expectSameBytes(rendered.answers, as: ExampleFiles.answers(name))
        // Reading the canonical text again gives the same answers and the same text.
        let (again, assessment) = try AnswersReader.read(text: rendered.answers, path: "\(name).answers.xml")
        #expect(again == rendered.result.answers)
        #expect(try AnswersWriter(again, for: assessment).render() == rendered.answers)
    }

    @Test("Each text report is wrapped to 80 columns and ends in exactly one newline", arguments: ExampleFiles.names)
    func textShape(name: String) throws {
        let text = try ExampleFiles.render(name).text
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            #expect(line.count <= ExampleFiles.width, "line \(index + 1) is \(line.count) characters: \(line)")
            #expect(line.last != " ", "line \(index + 1) ends in a space")
        }
    }

    @Test(
        "Each report and answers file is valid against the shipped schemas (Validator)", arguments: ExampleFiles.names)
    func schemasAcceptEverything(name: String) throws {
        let rendered = try ExampleFiles.render(name)
        let report = Validator.checkReport(rendered.xml, path: "\(name).report.xml")
        #expect(report.isEmpty, "\(report.map(\.description))")
        let answers = Validator.checkAnswersSchema(rendered.answers, path: "\(name).answers.xml")
        #expect(answers.isEmpty, "\(answers.map(\.description))")
        // The files on disk too (they equal the rendered text unless the comparison above fails).
        for file in [ExampleFiles.xmlReport(name), ExampleFiles.answers(name)] {
            let text = try String(contentsOf: file, encoding: .utf8)
            let problems =
                file == ExampleFiles.xmlReport(name)
                ? Validator.checkReport(text, path: file.lastPathComponent)
                : Validator.checkAnswersSchema(text, path: file.lastPathComponent)
            #expect(problems.isEmpty, "\(problems.map(\.description))")
        }
    }

    @Test("xmllint --schema accepts every example report and answers file")
    func xmllintAcceptsEverything() throws {
        let xmllint = "/usr/bin/xmllint"
        guard FileManager.default.isExecutableFile(atPath: xmllint) else {
            Issue.record("\(xmllint) is not installed (apt-get install libxml2-utils; .ci/run installs it)")
            return
        }
        #expect(ExampleFiles.updateFailure == nil)
        let names = ExampleFiles.names
        try #require(!names.isEmpty)
        let checks: [(schema: String, files: [URL])] = [
            ("Reports/report.xsd", names.map(ExampleFiles.xmlReport)),
            ("Reports/answers.xsd", names.map(ExampleFiles.answers)),
        ]
        for (schema, files) in checks {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: xmllint)
            process.arguments =
                ["--noout", "--nonet", "--schema", ExampleFiles.packageRoot.appending(path: schema).path]
                + files.map(\.path)
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "xmllint --schema \(schema):\n\(output)")
            for file in files {
                #expect(
                    output.contains("\(file.path) validates"),
                    "xmllint did not validate \(file.lastPathComponent):\n\(output)")
            }
        }
    }

    @Test("The folder holds only the README and, for each answers file, its three reports")
    func noStrayFiles() throws {
        #expect(ExampleFiles.updateFailure == nil)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: ExampleFiles.folder.path))
        var expected: Set<String> = ["README.md"]
        for name in ExampleFiles.names {
            expected.formUnion([
                "\(name).answers.xml", "\(name).report.txt", "\(name).report.xml", "\(name).report.html",
            ])
        }
        #expect(files.subtracting(expected).sorted() == [], "stray files in Reports/examples")
        #expect(expected.subtracting(files).sorted() == [], "missing files in Reports/examples")
    }

    @Test("The README lists every example and the command that regenerates them")
    func readmeListsEveryExample() throws {
        let readme = try String(contentsOf: ExampleFiles.folder.appending(path: "README.md"), encoding: .utf8)
        for name in ExampleFiles.names {
            #expect(readme.contains("`\(name)`"), "README.md does not list \(name)")
        }
        #expect(readme.contains("CROSSROADS_UPDATE_EXAMPLES=1"))
        #expect(readme.contains("crossroads score"))
    }
}
