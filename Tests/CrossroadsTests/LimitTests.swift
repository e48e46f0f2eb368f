import Foundation
import Testing

@testable import Crossroads

#if canImport(Glibc)
    import Glibc
#endif

// Every limit in README.md's Limits table, tested at the limit and one past it, with the message checked.
// The documents are generated here, so each test states exactly what it measures.

/// Generated documents for the limit tests.
enum LimitDocuments {
    static let questionnaireNamespace = "urn:crossroads:questionnaire:1"

    /// A yes-no item; `inside` goes after its text (help, show-if, note).
    static func yesNo(_ id: String, text: String = "A question?", inside: String = "") -> String {
        "<item id=\"\(id)\" kind=\"yes-no\"><text>\(text)</text>\(inside)</item>"
    }

    /// Sections of at most 500 items each (the schema's own cap per section) holding `items`.
    static func sections(_ items: [String], prefix: String = "s", title: String = "Section") -> String {
        stride(from: 0, to: items.count, by: 500).enumerated().map { index, start in
            let slice = items[start..<min(start + 500, items.count)]
            return "<section id=\"\(prefix)\(index)\"><title>\(title)</title>\n" + slice.joined(separator: "\n")
                + "\n</section>"
        }.joined(separator: "\n")
    }

    /// A standalone questionnaire whose body is `body`.
    static func questionnaire(_ body: String, id: String = "limits") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <questionnaire xmlns="\(questionnaireNamespace)" id="\(id)" version="1.0.0" language="en" reviewed="2026-01-01">
        <title>Limits</title>
        <description>Generated for the limit tests.</description>
        \(body)
        </questionnaire>

        """
    }

    /// An inline questionnaire inside an assessment.
    static func inlineQuestionnaire(_ body: String, id: String) -> String {
        """
        <questionnaire id="\(id)" version="1.0.0" language="en" reviewed="2026-01-01">
        <title>Part \(id)</title>
        <description>Generated.</description>
        \(body)
        </questionnaire>
        """
    }

    /// An assessment `limits` 1.0.0 holding inline questionnaires, with one fallback outcome.
    static func assessment(_ questionnaires: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <assessment xmlns="\(questionnaireNamespace)" id="limits" version="1.0.0" language="en" reviewed="2026-01-01">
        <title>Limits</title>
        <description>Generated for the limit tests.</description>
        \(questionnaires.joined(separator: "\n"))
        <outcome id="unsure" fallback="true">
          <title>Unsure</title><summary>Summary.</summary><meaning>Meaning.</meaning>
          <next-steps><step>A step.</step></next-steps>
        </outcome>
        </assessment>

        """
    }

    /// An assessment with one questionnaire of `count` yes-no items.
    static func assessment(items count: Int) -> String {
        assessment([inlineQuestionnaire(sections((0..<count).map { yesNo("q\($0)") }), id: "part")])
    }

    /// The small assessment the answers limits are read against: a yes-no item `a` taking a note, and a
    /// free-text item `t`.
    static let wordsAssessment = assessment([
        inlineQuestionnaire(
            sections([
                yesNo("a", inside: "<note>Why?</note>"),
                "<item id=\"t\" kind=\"text\"><text>In your own words?</text></item>",
            ]), id: "words")
    ])

    /// An answers file for the `limits` assessment; `answers` are `<answer>` elements.
    static func answers(_ answers: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <answers xmlns="urn:crossroads:answers:1" assessment="limits" version="1.0.0">
        \(answers.joined(separator: "\n"))
        </answers>

        """
    }

    /// `text` followed by line feeds up to exactly `size` bytes (white space after the root element is
    /// allowed, so the document stays valid).
    static func padded(_ text: String, to size: Int) -> [UInt8] {
        let bytes = Array(text.utf8)
        precondition(bytes.count <= size)
        return bytes + [UInt8](repeating: 0x0A, count: size - bytes.count)
    }

    /// A condition `depth` all-of elements deep around one equals test on item `a`.
    static func nested(allOf depth: Int) -> String {
        String(repeating: "<all-of>", count: depth) + "<equals item=\"a\" value=\"yes\"/>"
            + String(repeating: "</all-of>", count: depth)
    }
}

/// Loading helpers that turn errors into values.
enum LimitReading {
    static func assessment(_ text: String) -> Result<Assessment, CrossroadsError> {
        do throws(CrossroadsError) {
            return .success(try AssessmentLoader(includeBundled: false).load(text: text, path: "limits.xml"))
        } catch {
            return .failure(error)
        }
    }

    static func answers(_ text: String, for assessment: Assessment) -> Result<Answers, CrossroadsError> {
        do throws(CrossroadsError) {
            return .success(try AnswersReader.read(text: text, path: "answers.xml", for: assessment).answers)
        } catch {
            return .failure(error)
        }
    }

    /// The one error of a failed read; records an issue unless there is exactly one.
    static func onlyError<T>(
        _ result: Result<T, CrossroadsError>, sourceLocation: Testing.SourceLocation = #_sourceLocation
    )
        -> Diagnostic?
    {
        guard case .failure(let error) = result else {
            Issue.record("accepted past the limit", sourceLocation: sourceLocation)
            return nil
        }
        let errors = error.reported.errorsOnly
        #expect(errors.count == 1, "\(errors.readingListing)", sourceLocation: sourceLocation)
        return errors.first
    }

    static func loaded<T>(
        _ result: Result<T, CrossroadsError>, sourceLocation: Testing.SourceLocation = #_sourceLocation
    )
        -> T?
    {
        switch result {
        case .success(let value): return value
        case .failure(let error):
            Issue.record("refused at the limit:\n\(error)", sourceLocation: sourceLocation)
            return nil
        }
    }
}

@Suite("Limits: at each limit, and one past it")
struct LimitTests {
    // MARK: - File size: 2 MiB

    static let cap = Limits.maxFileBytes
    static let pastCapMessage =
        "the file is \(2 * 1024 * 1024 + 1) bytes, more than \(2 * 1024 * 1024); Crossroads reads files of up to 2.0 MiB"

    @Test func theFileSizeLimitIsTwoMebibytes() {
        #expect(Limits.maxFileBytes == 2_097_152)
    }

    @Test(
        "A questionnaire, an assessment and an answers file on disk: 2 MiB is read, 2 MiB + 1 byte is refused",
        arguments: ["questionnaire", "assessment", "answers"])
    func fileSizeOnDisk(kind: String) throws {
        let folder = LimitFolder()
        let text: String
        switch kind {
        case "questionnaire": text = LimitDocuments.questionnaire(LimitDocuments.sections([LimitDocuments.yesNo("a")]))
        case "assessment": text = LimitDocuments.assessment(items: 3)
        default:
            text = try String(contentsOf: LimitFiles.url("Reports/examples/mixed.answers.xml"), encoding: .utf8)
        }
        func read(_ path: String) -> Result<Void, CrossroadsError> {
            do throws(CrossroadsError) {
                switch kind {
                case "questionnaire": _ = try LoadedDocument.read(path: path)
                case "assessment": _ = try AssessmentLoader(includeBundled: false).load(file: path)
                default: _ = try AnswersReader.read(file: path)
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        let atCap = try folder.write("at-cap.xml", LimitDocuments.padded(text, to: Self.cap))
        #expect(FileManager.default.sizeOfFile(atCap) == Self.cap)
        _ = LimitReading.loaded(read(atCap))

        let pastCap = try folder.write("past-cap.xml", LimitDocuments.padded(text, to: Self.cap + 1))
        let error = LimitReading.onlyError(read(pastCap))
        #expect(error?.message == Self.pastCapMessage, "\(error?.description ?? "")")
        #expect(error?.description.hasPrefix("\(pastCap):1:1: error: ") == true, "\(error?.description ?? "")")
        // validate says the same.
        if kind != "answers" {
            let check = Validator.check(files: [pastCap])
            #expect(check.map(\.status) == [.invalid])
            #expect(check.first?.diagnostics.map(\.message) == [Self.pastCapMessage])
        }
    }

    @Test("Bytes in memory: 2 MiB is read, 2 MiB + 1 byte is refused (assessment and answers)")
    func fileSizeInMemory() throws {
        let assessment = LimitDocuments.padded(LimitDocuments.assessment(items: 3), to: Self.cap)
        #expect(throws: Never.self) { _ = try AssessmentLoader(includeBundled: false).load(bytes: assessment) }
        let answersText = try String(contentsOf: LimitFiles.url("Reports/examples/mixed.answers.xml"), encoding: .utf8)
        let answers = LimitDocuments.padded(answersText, to: Self.cap)
        #expect(throws: Never.self) { _ = try AnswersReader.read(bytes: answers) }

        let message = "the input is larger than Crossroads reads (\(Self.cap) bytes)"
        do throws(CrossroadsError) {
            _ = try AssessmentLoader(includeBundled: false).load(bytes: assessment + [0x0A])
            Issue.record("an assessment past the cap was accepted")
        } catch {
            #expect(error.reported.map(\.message) == [message])
        }
        do throws(CrossroadsError) {
            _ = try AnswersReader.read(bytes: answers + [0x0A])
            Issue.record("answers past the cap were accepted")
        } catch {
            #expect(error.reported.map(\.message) == [message])
        }
    }

    /// Reads a stream of `count` bytes of `text` padded with line feeds, written through a pipe by another
    /// thread (as standard input is), with the real limit.
    static func readStream(_ text: String, count: Int) -> Result<[UInt8], CrossroadsError> {
        signal(SIGPIPE, SIG_IGN)  // the reader may stop first; the writer must then get EPIPE, not a signal
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return .failure(.unreadable(path: "pipe", reason: "no pipe")) }
        let writeEnd = ends[1]
        let bytes = LimitDocuments.padded(text, to: count)
        let writer = Thread {
            var rest = bytes[...]
            while !rest.isEmpty {
                let written = rest.withUnsafeBytes { Glibc.write(writeEnd, $0.baseAddress, $0.count) }
                if written <= 0 { break }
                rest = rest.dropFirst(written)
            }
            close(writeEnd)
        }
        writer.start()
        defer { close(ends[0]) }
        do throws(CrossroadsError) {
            return .success(try InputFile.read(descriptor: ends[0], path: "<stdin>", limit: Limits.maxFileBytes))
        } catch {
            return .failure(error)
        }
    }

    @Test("A stream (standard input, a pipe): 2 MiB is read whole, 2 MiB + 1 byte is refused")
    func fileSizeOfAStream() throws {
        let text = LimitDocuments.assessment(items: 2)
        let atCap = LimitReading.loaded(Self.readStream(text, count: Self.cap))
        #expect(atCap?.count == Self.cap)
        if let atCap {
            #expect(throws: Never.self) { _ = try AssessmentLoader(includeBundled: false).load(bytes: atCap) }
        }
        let error = LimitReading.onlyError(Self.readStream(text, count: Self.cap + 1))
        #expect(
            error?.message == "the input is larger than that; Crossroads reads files of up to 2.0 MiB",
            "\(error?.description ?? "")")
    }

    // MARK: - Questions in one assessment: 1,000

    @Test("1,000 questions load; 1,001 are refused, in one questionnaire or across several")
    func numberOfItems() throws {
        #expect(Limits.maxItems == 1000)
        let thousand = LimitReading.loaded(LimitReading.assessment(LimitDocuments.assessment(items: 1000)))
        #expect(thousand?.items.count == 1000)

        let past = LimitReading.onlyError(LimitReading.assessment(LimitDocuments.assessment(items: 1001)))
        #expect(past?.message == "this assessment has 1001 questions; Crossroads accepts at most 1000")
        #expect(past?.location != nil)

        // Split over two questionnaires, the count is the assessment's.
        func split(_ first: Int, _ second: Int) -> String {
            LimitDocuments.assessment([
                LimitDocuments.inlineQuestionnaire(
                    LimitDocuments.sections((0..<first).map { LimitDocuments.yesNo("a\($0)") }, prefix: "a"), id: "one"),
                LimitDocuments.inlineQuestionnaire(
                    LimitDocuments.sections((0..<second).map { LimitDocuments.yesNo("b\($0)") }, prefix: "b"), id: "two"
                ),
            ])
        }
        #expect(LimitReading.loaded(LimitReading.assessment(split(500, 500)))?.items.count == 1000)
        let splitPast = LimitReading.onlyError(LimitReading.assessment(split(500, 501)))
        #expect(splitPast?.message == "this assessment has 1001 questions; Crossroads accepts at most 1000")
    }

    @Test("An answers file answering all 1,000 questions is read and scored; 1,001 answers are refused")
    func numberOfAnswers() throws {
        let assessment = try #require(
            LimitReading.loaded(LimitReading.assessment(LimitDocuments.assessment(items: 1000))))
        let all = (0..<1000).map { "<answer item=\"q\($0)\"><value>no</value></answer>" }
        let answers = try #require(
            LimitReading.loaded(LimitReading.answers(LimitDocuments.answers(all), for: assessment)))
        #expect(answers.responses.count == 1000)
        #expect(assessment.score(answers).outcome.id == "unsure")

        // The answers schema allows 1,000 <answer> elements; the 1,001st is refused where it stands.
        let past = LimitDocuments.answers(all + ["<answer item=\"q0\" state=\"declined\"/>"])
        guard case .failure(let error) = LimitReading.answers(past, for: assessment) else {
            Issue.record("1,001 answers were accepted")
            return
        }
        let errors = error.reported.errorsOnly
        #expect(
            errors.contains { $0.message.contains("<answer>") && $0.location?.line == 1003 }, "\(errors.readingListing)"
        )
    }

    // MARK: - Nesting: 257 levels (libxml2's limit of 256 ancestors)

    @Test("A show-if condition nested in all-of: 257 levels deep is read (and works), 258 is refused")
    func nestingInAStandaloneQuestionnaire() throws {
        #expect(Limits.maxDepth == 257)
        // questionnaire(1) > section(2) > item(3) > show-if(4) > all-of × n > equals(5 + n)
        func questionnaire(allOf depth: Int) -> String {
            LimitDocuments.questionnaire(
                LimitDocuments.sections([
                    LimitDocuments.yesNo("a"),
                    LimitDocuments.yesNo("b", inside: "<show-if>\(LimitDocuments.nested(allOf: depth))</show-if>"),
                ]))
        }
        let deepest = Reading.questionnaireDiagnostics(questionnaire(allOf: 252))
        #expect(deepest.isEmpty, "257 levels: \(deepest.readingListing)")

        let past = Reading.questionnaireDiagnostics(questionnaire(allOf: 253))
        #expect(
            past.map(\.message) == ["the elements are nested more than 257 deep; no Crossroads file needs that"],
            "\(past.readingListing)")
        // Reported where the 258th level opens.
        #expect(past.first?.location?.line == 7)
    }

    @Test("In an assessment (one level more), the deepest condition is decoded and evaluated correctly")
    func nestingInAnAssessment() throws {
        // assessment(1) > questionnaire(2) > section(3) > item(4) > show-if(5) > all-of × n > equals(6 + n)
        func assessment(allOf depth: Int) -> String {
            LimitDocuments.assessment([
                LimitDocuments.inlineQuestionnaire(
                    LimitDocuments.sections([
                        LimitDocuments.yesNo("a"),
                        LimitDocuments.yesNo("b", inside: "<show-if>\(LimitDocuments.nested(allOf: depth))</show-if>"),
                    ]), id: "deep")
            ])
        }
        let loaded = try #require(LimitReading.loaded(LimitReading.assessment(assessment(allOf: 251))))
        let scorer = Scorer(loaded)
        var answers = Answers(for: loaded)
        answers["a"] = .yes
        #expect(scorer.visibility(for: answers).isShown("b"))
        answers["a"] = .no
        #expect(!scorer.visibility(for: answers).isShown("b"))

        let past = LimitReading.onlyError(LimitReading.assessment(assessment(allOf: 252)))
        #expect(past?.message == "the elements are nested more than 257 deep; no Crossroads file needs that")
    }

    @Test("An answers file nested 258 deep is refused by the parser, before the schema")
    func nestingInAnswers() throws {
        let assessment = try #require(LimitReading.loaded(LimitReading.assessment(LimitDocuments.wordsAssessment)))
        // answers(1) > answer(2) > x × n
        func answers(_ depth: Int) -> String {
            LimitDocuments.answers([
                "<answer item=\"a\">" + String(repeating: "<x>", count: depth)
                    + String(repeating: "</x>", count: depth) + "</answer>"
            ])
        }
        let deepest = LimitReading.answers(answers(255), for: assessment)
        guard case .failure(let schemaError) = deepest else {
            Issue.record("unknown elements were accepted")
            return
        }
        #expect(!schemaError.reported.contains { $0.message.contains("nested") }, "\(schemaError)")
        let past = LimitReading.onlyError(LimitReading.answers(answers(256), for: assessment))
        #expect(past?.message == "the elements are nested more than 257 deep; no Crossroads file needs that")
    }

    // MARK: - Text lengths: 4,000 and 200 characters (questionnaires), 10,000 (answers)

    /// A questionnaire with item text, option label and section title as given.
    static func texts(item: String = "A?", label: String = "One", title: String = "Section") -> String {
        LimitDocuments.questionnaire(
            LimitDocuments.sections(
                [
                    "<item id=\"a\" kind=\"single\"><text>\(item)</text>"
                        + "<option value=\"1\" weight=\"1\"><label>\(label)</label></option>"
                        + "<option value=\"2\" weight=\"2\"><label>Two</label></option></item>"
                ], title: title))
    }

    @Test("Question text: 4,000 characters are read, 4,001 refused (characters, not bytes)")
    func questionText() {
        // "é" is two bytes: the limit counts characters.
        #expect(Reading.questionnaireDiagnostics(Self.texts(item: String(repeating: "é", count: 4000))).isEmpty)
        let past = Reading.questionnaireDiagnostics(Self.texts(item: String(repeating: "é", count: 4001)))
        #expect(
            past.map(\.message) == [
                "<text>: [facet 'maxLength'] The value has a length of '4001'; this exceeds the allowed maximum length of '4000'."
            ], "\(past.readingListing)")
    }

    @Test("Short text (an option label, a title): 200 characters are read, 201 refused")
    func shortText() {
        let label = String(repeating: "ü", count: 200)
        #expect(Reading.questionnaireDiagnostics(Self.texts(label: label, title: label)).isEmpty)
        let pastLabel = Reading.questionnaireDiagnostics(Self.texts(label: label + "x"))
        #expect(
            pastLabel.map(\.message) == [
                "<label>: [facet 'maxLength'] The value has a length of '201'; this exceeds the allowed maximum length of '200'."
            ], "\(pastLabel.readingListing)")
        let pastTitle = Reading.questionnaireDiagnostics(Self.texts(title: label + "x"))
        #expect(
            pastTitle.map(\.message) == [
                "<title>: [facet 'maxLength'] The value has a length of '201'; this exceeds the allowed maximum length of '200'."
            ], "\(pastTitle.readingListing)")
    }

    /// Words of `count` copies of `unit`, as a note (on `a`) or as free text (on `t`).
    static func words(_ unit: String, _ count: Int, as element: String) -> String {
        let words = String(repeating: unit, count: count)
        return LimitDocuments.answers([
            element == "note"
                ? "<answer item=\"a\"><value>yes</value><note>\(words)</note></answer>"
                : "<answer item=\"t\"><text>\(words)</text></answer>"
        ])
    }

    @Test("A note or free-text answer: 10,000 characters are read, 10,001 refused", arguments: ["note", "text"])
    func answerWords(element: String) throws {
        #expect(Limits.maxAnswerTextLength == 10_000)
        let assessment = try #require(LimitReading.loaded(LimitReading.assessment(LimitDocuments.wordsAssessment)))
        for unit in ["w", "é", "日"] {
            let read = LimitReading.loaded(LimitReading.answers(Self.words(unit, 10_000, as: element), for: assessment))
            #expect(read?.responses.values.first?.words == String(repeating: unit, count: 10_000), "\(unit)")
            let past = LimitReading.onlyError(
                LimitReading.answers(Self.words(unit, 10_001, as: element), for: assessment))
            #expect(past?.message.contains("10000") == true, "\(unit): \(past?.description ?? "")")
            #expect(past?.message.contains("10001") == true, "\(unit): \(past?.description ?? "")")
        }
    }

    @Test("The answers limit counts Unicode code points: 5,000 two-code-point emoji are read, 5,001 refused")
    func answerWordsCountCodePoints() throws {
        // 👍🏽 is one character to a person (and to Swift's String.count) but two code points, and the schema's
        // maxLength counts code points. Anything that accepts words (take) must count the same way.
        let assessment = try #require(LimitReading.loaded(LimitReading.assessment(LimitDocuments.wordsAssessment)))
        let emoji = "\u{1F44D}\u{1F3FD}"
        #expect(emoji.count == 1 && emoji.unicodeScalars.count == 2)
        #expect(LimitReading.loaded(LimitReading.answers(Self.words(emoji, 5000, as: "text"), for: assessment)) != nil)
        let past = LimitReading.onlyError(LimitReading.answers(Self.words(emoji, 5001, as: "text"), for: assessment))
        #expect(past?.message.contains("10002") == true, "\(past?.description ?? "")")
    }
}

extension FileManager {
    /// The size of a file in bytes, or nil.
    func sizeOfFile(_ path: String) -> Int? {
        (try? attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }
}

// MARK: - Helpers of the Limit* and Fault* suites (self-contained: other suites' helpers change)

/// A temporary folder for the Limit* and Fault* suites, removed when the value goes away.
final class LimitFolder: @unchecked Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-limits-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The names in the folder (hidden ones included), sorted.
    var contents: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// The package's files, found from this source file's path.
enum LimitFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func bytes(_ relative: String) throws -> [UInt8] { Array(try Data(contentsOf: url(relative))) }

    static func text(_ relative: String) throws -> String { try String(contentsOf: url(relative), encoding: .utf8) }
}

/// Runs a program; returns its status and combined output.
func limitRunTool(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
