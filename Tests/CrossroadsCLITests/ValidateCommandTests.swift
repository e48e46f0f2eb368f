import Crossroads
import Foundation
import Testing

// End-to-end tests of `crossroads validate`, and of the small commands beside it (`schema`, `list`,
// `--version`), running the built binary (see Support/RunTool.swift).

/// The shipped questionnaire files, seen from the CLI tests.
enum ValidateFiles {
    static let questionnaires = ScoreExamples.packageRoot.appendingPathComponent("Questionnaires")

    /// Every Questionnaires/*.xml, sorted.
    static let shipped: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: questionnaires.path)) ?? []
        return files.filter { $0.hasSuffix(".xml") }.sorted().map { questionnaires.appendingPathComponent($0).path }
    }()

    static func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// A questionnaire with several different errors (a duplicate item, a flag on an unknown item, a
    /// band above the scale's range, a yes/no item with a third option).
    static let broken = """
        <?xml version="1.0" encoding="UTF-8"?>
        <questionnaire xmlns="urn:crossroads:questionnaire:1" id="broken" version="1.0.0" language="en" reviewed="2026-11-27">
          <title>Broken on purpose</title>
          <description>A questionnaire with mistakes, for tests.</description>
          <section id="broken.sec">
            <title>Questions</title>
            <item id="broken.a" kind="yes-no">
              <text>First?</text>
            </item>
            <item id="broken.a" kind="yes-no">
              <text>Second, with the same id?</text>
            </item>
            <item id="broken.b" kind="yes-no">
              <text>Third?</text>
              <option value="yes"><label>Yes</label></option>
              <option value="no"><label>No</label></option>
              <option value="perhaps"><label>Perhaps</label></option>
            </item>
          </section>
          <flag id="broken.flag" severity="warning" category="safety">
            <title>A flag</title>
            <message>It watches an item that does not exist.</message>
            <when-answer item="broken.nowhere" value="yes"/>
          </flag>
        </questionnaire>

        """
}

@Suite("crossroads validate, end to end", .serialized)
struct ValidateCommandTests {
    @Test("Every shipped questionnaire and the assessment validate together: status 0, one line each")
    func shippedFilesTogether() throws {
        #expect(ValidateFiles.shipped.count >= 8)
        let run = try Tool.run(["validate"] + ValidateFiles.shipped)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.isEmpty, "no errors or warnings: \(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == ValidateFiles.shipped.count)
        for path in ValidateFiles.shipped {
            #expect(lines.contains { $0.hasPrefix("\(path): valid: ") }, "\(path) is not reported valid")
        }
    }

    @Test(
        "Each shipped file validates on its own (the assessment uses the bundled questionnaires)",
        arguments: ValidateFiles.shipped.map { URL(fileURLWithPath: $0).lastPathComponent })
    func shippedFileAlone(file: String) throws {
        let path = ValidateFiles.questionnaires.appendingPathComponent(file).path
        let run = try Tool.run(["validate", path])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("\(path): valid: "))
    }

    @Test("A file with errors exits 65, and every diagnostic line is path:line:column: error: …")
    func fileWithErrors() throws {
        let folder = try TemporaryFolder("crossroads-validate")
        let path = try folder.write("broken.xml", ValidateFiles.broken)
        let run = try Tool.run(["validate", path])
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.isEmpty, "an invalid file is not reported valid")
        #expect(ScoreExamples.diagnosticsAreLocated(run.stderr, path: path), "\(run.stderr)")
        // All of its problems at once, not just the first.
        let errors = run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count >= 3, "\(run.stderr)")
        #expect(run.stderr.contains("broken.a"))
        #expect(run.stderr.contains("broken.nowhere"))
    }

    @Test(
        "Malformed XML exits 65 with a located error",
        arguments: [
            "<questionnaire>\n  <title>Unclosed\n</questionnaire>\n",
            "not XML at all\n",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE questionnaire [<!ENTITY big \"x\">]>\n<questionnaire/>\n",
            "",
        ])
    func malformed(text: String) throws {
        let folder = try TemporaryFolder("crossroads-validate")
        let path = try folder.write("malformed.xml", text)
        let run = try Tool.run(["validate", path])
        #expect(run.status == 65, "\(run)")
        #expect(ScoreExamples.diagnosticsAreLocated(run.stderr, path: path), "\(run.stderr)")
    }

    @Test("A missing file exits 66 and names the file")
    func missingFile() throws {
        let folder = try TemporaryFolder("crossroads-validate")
        let path = folder.path("no-such-file.xml")
        let run = try Tool.run(["validate", path])
        #expect(run.status == 66, "\(run)")
        #expect(run.stderr.hasPrefix("\(path): error:"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("Valid and missing files together: 66, and the valid one is still reported valid")
    func validAndMissing() throws {
        let folder = try TemporaryFolder("crossroads-validate")
        let missing = folder.path("no-such-file.xml")
        let valid = ValidateFiles.questionnaires.appendingPathComponent("sureness.xml").path
        let run = try Tool.run(["validate", valid, missing])
        #expect(run.status == 66, "\(run)")
        #expect(run.stdout.hasPrefix("\(valid): valid: "))
        #expect(run.stderr.contains(missing))
    }

    @Test("Valid, invalid and missing together: 66 wins over 65; valid and invalid alone give 65")
    func statusPrecedence() throws {
        let folder = try TemporaryFolder("crossroads-validate")
        let broken = try folder.write("broken.xml", ValidateFiles.broken)
        let missing = folder.path("no-such-file.xml")
        let valid = ValidateFiles.questionnaires.appendingPathComponent("sureness.xml").path
        let all = try Tool.run(["validate", valid, broken, missing])
        #expect(all.status == 66, "\(all)")
        let some = try Tool.run(["validate", valid, broken])
        #expect(some.status == 65, "\(some)")
        #expect(some.stdout.hasPrefix("\(valid): valid: "))
    }

    @Test("validate with no files is a usage error (64)")
    func noFiles() throws {
        let run = try Tool.run(["validate"])
        #expect(run.status == 64, "\(run)")
    }

    @Test("An answers file is not a questionnaire: validate rejects it with 65")
    func answersFileIsNotAQuestionnaire() throws {
        let path = ScoreExamples.answers(ScoreExamples.sample)
        let run = try Tool.run(["validate", path])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.hasPrefix("\(path):"), "\(run.stderr)")
    }
}

@Suite("crossroads schema, list and --version, end to end", .serialized)
struct OtherCommandTests {
    @Test(
        "schema prints each XSD exactly as the repository holds it",
        arguments: [
            ("questionnaire", "Questionnaires/questionnaire.xsd"),
            ("answers", "Reports/answers.xsd"),
            ("report", "Reports/report.xsd"),
        ])
    func schema(name: String, path: String) throws {
        let run = try Tool.run(["schema", name])
        #expect(run.status == 0, "\(run)")
        let file = try Data(contentsOf: ScoreExamples.packageRoot.appendingPathComponent(path))
        #expect(run.stdoutData == file, "crossroads schema \(name) differs from \(path)")
    }

    @Test("schema with an unknown name is a usage error (64)")
    func unknownSchema() throws {
        let run = try Tool.run(["schema", "nonsense"])
        #expect(run.status == 64, "\(run)")
    }

    @Test("--version prints the engine version")
    func version() throws {
        let run = try Tool.run(["--version"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == Scorer.engineVersion + "\n")
    }

    @Test("list shows the assessment and each questionnaire with id, version, question count and title")
    func list() throws {
        let run = try Tool.run(["list"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.isEmpty)
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(rows.first.map { $0.prefix(4).map(String.init) } == ["KIND", "ID", "VERSION", "QUESTIONS"])

        // What the shipped files say: id, version, title and the number of <item> elements.
        var total = 0
        var assessmentTitle = ""
        for path in ValidateFiles.shipped {
            let text = try ValidateFiles.text(path)
            let root = text.contains("<assessment ") ? "assessment" : "questionnaire"
            let id = try #require(Self.attribute("id", of: root, in: text))
            let version = try #require(Self.attribute("version", of: root, in: text))
            let title = try #require(Self.firstTitle(text))
            let count = text.components(separatedBy: "<item id=\"").count - 1
            if root == "assessment" {
                assessmentTitle = title
                let row = try #require(
                    rows.first { $0.count > 1 && $0[0] == "assessment" && $0[1] == Substring(id) },
                    "assessment \(id) is not listed")
                #expect(String(row[2]) == version)
                continue
            }
            total += count
            let row = try #require(
                rows.first { $0.count > 1 && $0[0] == "questionnaire" && $0[1] == Substring(id) },
                "questionnaire \(id) is not listed")
            #expect(String(row[2]) == version)
            #expect(String(row[3]) == String(count), "\(id) has \(count) questions")
            #expect(row[4...].joined(separator: " ") == title)
        }
        let assessment = try #require(rows.first { $0.first == "assessment" })
        #expect(String(assessment[1]) == "should-we-get-back-together")
        #expect(String(assessment[3]) == String(total), "the assessment counts the questions of every questionnaire")
        #expect(assessment[4...].joined(separator: " ") == assessmentTitle)
        #expect(rows.filter { $0.first == "questionnaire" }.count == ValidateFiles.shipped.count - 1)
    }

    private static func attribute(_ name: String, of element: String, in text: String) -> String? {
        guard let start = text.range(of: "<\(element) ") else { return nil }
        let tail = text[start.upperBound...]
        guard let end = tail.firstIndex(of: ">"),
            let key = tail[..<end].range(of: " \(name)=\"") ?? tail[..<end].range(of: "\n\(name)=\"")
                ?? tail[..<end].range(of: "\(name)=\"")
        else { return nil }
        let value = tail[key.upperBound...]
        guard let close = value.firstIndex(of: "\"") else { return nil }
        return String(value[..<close])
    }

    private static func firstTitle(_ text: String) -> String? {
        guard let start = text.range(of: "<title>"),
            let end = text.range(of: "</title>", range: start.upperBound..<text.endIndex)
        else { return nil }
        return text[start.upperBound..<end.lowerBound].split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
