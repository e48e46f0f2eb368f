import Foundation
import Testing

@testable import Crossroads

/// The shipped content: it loads cleanly, validates with Crossroads and with xmllint, and what is embedded in
/// the binary is exactly what is in the folders.
@Suite("Reading: the bundled content")
struct ReadingBundledTests {
    static let xmllint = "/usr/bin/xmllint"

    @Test func bundledContentLoadsWithNoProblems() {
        #expect(BundledContent.problems.isEmpty, "\(BundledContent.problems.joined(separator: "\n"))")
        #expect(BundledCatalog().failures.isEmpty)
    }

    @Test func theBundledAssessmentComposesItsQuestionnairesInOrder() throws {
        let assessment = try Assessment.bundled()
        #expect(assessment.id == Assessment.defaultBundledID)
        #expect(Assessment.bundledIDs.contains(Assessment.defaultBundledID))
        // The <use> elements of the shipped file, in order.
        let text = try ReadingPackage.text("Questionnaires/should-we-get-back-together.xml")
        let uses = text.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.firstRange(of: "<use id=\"") else { return nil }
            return String(line.suffix(from: range.upperBound).prefix(while: { $0 != "\"" }))
        }
        #expect(!uses.isEmpty)
        #expect(assessment.questionnaires.map(\.id) == uses)
        #expect(assessment.safetyOutcome != nil)
        #expect(assessment.fallbackOutcome != nil)
        #expect(assessment.resources.contains { $0.locale == "*" })
        #expect(assessment.items.count == Set(assessment.items.map(\.id)).count)
    }

    @Test func everyShippedQuestionnaireFilePassesValidateTogetherAndAlone() throws {
        let files = try ReadingPackage.questionnaireFiles().map { ReadingPackage.url($0).path }
        #expect(files.count >= 2)
        let together = Validator.check(files: files)
        for check in together {
            #expect(check.status == .valid, "\(check.path):\n\(check.diagnostics.readingListing)")
            #expect(check.diagnostics.errorsOnly.isEmpty, "\(check.diagnostics.readingListing)")
            #expect(check.summary != nil)
        }
        for file in files {
            let alone = Validator.check(files: [file])
            #expect(alone.map(\.status) == [.valid], "\(file):\n\(alone.flatMap(\.diagnostics).readingListing)")
        }
    }

    @Test func everyShippedQuestionnaireFilePassesXmllint() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.xmllint) else {
            Issue.record("\(Self.xmllint) is missing: install libxml2-utils")
            return
        }
        let schema = ReadingPackage.url("Questionnaires/questionnaire.xsd").path
        let files = try ReadingPackage.questionnaireFiles().map { ReadingPackage.url($0).path }
        let (status, output) = try readingRunTool(Self.xmllint, ["--noout", "--nonet", "--schema", schema] + files)
        #expect(status == 0, "\(output)")
        for file in files {
            #expect(output.contains("\(file) validates"), "\(output)")
        }
    }

    @Test func theExampleAnswersReadAndPassXmllint() throws {
        let folder = ReadingPackage.url("Reports/examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".answers.xml") }.sorted().map { folder.appending(path: $0).path }
        for file in files {
            do {
                let (answers, assessment) = try AnswersReader.read(file: file)
                #expect(answers.assessmentID == assessment.id)
            } catch {
                Issue.record("\(error)")
            }
        }
        guard !files.isEmpty, FileManager.default.isExecutableFile(atPath: Self.xmllint) else { return }
        let schema = ReadingPackage.url("Reports/answers.xsd").path
        let (status, output) = try readingRunTool(Self.xmllint, ["--noout", "--nonet", "--schema", schema] + files)
        #expect(status == 0, "\(output)")
    }

    @Test func xmllintAndCrossroadsAgreeOnASchemaError() throws {
        // The XSD is the same one both use: a bad kind fails both.
        guard FileManager.default.isExecutableFile(atPath: Self.xmllint) else { return }
        let folder = ReadingTempFolder()
        let path = try folder.write(
            "bad.xml", Inline.questionnaire().replacingFirst(#"kind="likert""#, with: #"kind="scale""#))
        let schema = ReadingPackage.url("Questionnaires/questionnaire.xsd").path
        let (status, output) = try readingRunTool(Self.xmllint, ["--noout", "--nonet", "--schema", schema, path])
        #expect(status != 0, "\(output)")
        #expect(Validator.check(files: [path]).map(\.status) == [.invalid])
    }

    /// The shipped files the build plugin should embed: `*.xml`, `*.xsd`, `*.xsl` and `*.txt` under `Questionnaires/`
    /// and `Reports/`, at any depth.
    static func shippedFiles() -> [String] {
        var found: [String] = []
        for folder in ["Questionnaires", "Reports"] {
            let base = ReadingPackage.url(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let relative as String in walker
            where ["xml", "xsd", "xsl", "txt"].contains((relative as NSString).pathExtension) {
                found.append("\(folder)/\(relative)")
            }
        }
        return found.sorted()
    }

    @Test func theEmbeddedFilesAreExactlyTheShippedFolders() throws {
        let shipped = Self.shippedFiles()
        let embedded = Bundled.paths.sorted()
        #expect(shipped.contains("Questionnaires/questionnaire.xsd"))
        #expect(shipped.contains("Reports/answers.xsd"))
        #expect(shipped.contains("Reports/report-html.xsl"))
        // A file added to the folders is embedded only after the package is re-planned (`swift build` does that
        // when Package.swift or the plugin changes; touching Package.swift forces it).
        #expect(
            embedded == shipped,
            """
            only on disk: \(Set(shipped).subtracting(embedded).sorted())
            only embedded: \(Set(embedded).subtracting(shipped).sorted())
            """)
    }

    @Test func theEmbeddedTextIsTheFileOnDisk() throws {
        for path in Self.shippedFiles() {
            let disk = try ReadingPackage.text(path)
            #expect(Bundled.text(path) == disk, "\(path) differs from its embedded copy: rebuild")
        }
    }

    @Test(arguments: Schema.allCases)
    func everySchemaIsEmbeddedAndCompiles(schema: Schema) throws {
        #expect(schema.text == (try ReadingPackage.text(schema.path)))
        let compiled =
            switch schema {
            case .questionnaire: CompiledSchema.questionnaire
            case .answers: CompiledSchema.answers
            case .report: CompiledSchema.report
            case .comparison: CompiledSchema.comparison
            }
        #expect(compiled.failure == nil)
        #expect(compiled.path == schema.path)
    }
}
