import Foundation
import Testing

@testable import Crossroads

#if canImport(Glibc)
    import Glibc
#endif

// Shared helpers for the Reading*, Hostile* and Answers*Tests suites.

/// A 1-based line and column (in characters), as diagnostics report them.
struct LineColumn: Hashable, Sendable, CustomStringConvertible {
    var line: Int
    var column: Int

    init(_ line: Int, _ column: Int) {
        self.line = line
        self.column = column
    }

    var description: String { "\(line):\(column)" }
}

extension Diagnostic {
    /// The diagnostic's line and column, if it has them.
    var position: LineColumn? { location.map { LineColumn($0.line, $0.column) } }
}

/// A fixture whose expected positions are marked in its text: `⟪name⟫` written immediately before the
/// `<` of an element records that element's line and column and is removed from the text.
///
/// ```swift
/// let fixture = Marked("""
///     <a>
///       ⟪bad⟫<b/>
///     </a>
///     """)
/// fixture.text       // "<a>\n  <b/>\n</a>"
/// fixture["bad"]     // 2:3
/// ```
struct Marked: Sendable {
    let text: String
    let marks: [String: LineColumn]

    init(_ source: String) {
        var text = ""
        var marks: [String: LineColumn] = [:]
        var line = 1
        var column = 1
        var scalars = source.unicodeScalars[...]
        while let scalar = scalars.first {
            if scalar == "⟪", let end = scalars.firstIndex(of: "⟫") {
                let name = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<end]))
                if marks[name] != nil { Issue.record("mark ⟪\(name)⟫ is used twice") }
                marks[name] = LineColumn(line, column)
                scalars = scalars[scalars.index(after: end)...]
                continue
            }
            text.unicodeScalars.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            scalars = scalars.dropFirst()
        }
        self.text = text
        self.marks = marks
    }

    subscript(_ name: String) -> LineColumn {
        guard let position = marks[name] else {
            Issue.record("no mark ⟪\(name)⟫ in the fixture")
            return LineColumn(0, 0)
        }
        return position
    }
}

/// Building blocks for small assessments with an inline questionnaire.
enum Inline {
    /// Items of every kind, ids `a` (yes-no), `b` (likert 1-3), `c` (single x/y), `d` (multiple m/n) and
    /// `e` (text).
    static let items = """
              <item id="a" kind="yes-no"><text>A?</text></item>
              <item id="b" kind="likert"><text>B?</text>
                <option value="1" weight="1"><label>One</label></option>
                <option value="2" weight="2"><label>Two</label></option>
                <option value="3" weight="3"><label>Three</label></option>
              </item>
              <item id="c" kind="single"><text>C?</text>
                <option value="x" weight="0"><label>X</label></option>
                <option value="y" weight="1"><label>Y</label></option>
              </item>
              <item id="d" kind="multiple"><text>D?</text>
                <option value="m" weight="1"><label>M</label></option>
                <option value="n" weight="2"><label>N</label></option>
              </item>
              <item id="e" kind="text"><text>E?</text></item>
        """

    /// One section `s` holding `items`.
    static func section(_ items: String = Inline.items, id: String = "s") -> String {
        """
            <section id="\(id)">
              <title>Section</title>
        \(items)
            </section>
        """
    }

    /// An outcome; `attributes` go on the element and `rule` (if any) inside `<rule>`.
    static func outcome(_ id: String, _ attributes: String = "", rule: String? = nil, mark: String = "") -> String {
        let ruleText = rule.map { "\n    <rule>\($0)</rule>" } ?? ""
        return """
              \(mark)<outcome id="\(id)"\(attributes.isEmpty ? "" : " " + attributes)>
                <title>Outcome \(id)</title><summary>Summary.</summary><meaning>Meaning.</meaning>
                <next-steps><step>A step.</step></next-steps>\(ruleText)
              </outcome>
            """
    }

    /// The fallback outcome `unsure`.
    static let fallback = outcome("unsure", #"fallback="true""#)

    /// A crisis resource for everywhere else.
    static let anywhereResource = """
          <resources>
            <resource id="any" locale="*" checked="2025-01-01">
              <name>Help</name><about>Help anywhere.</about>
            </resource>
          </resources>
        """

    /// An assessment `mini` 1.0.0 with one inline questionnaire `mini.q` whose body (sections, scales,
    /// flags) is `body`.
    static func assessment(
        _ body: String = section(), outcomes: String = fallback, resources: String = "",
        rootMark: String = "", questionnaireMark: String = ""
    ) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        \(rootMark)<assessment xmlns="urn:crossroads:questionnaire:1" id="mini" version="1.0.0" language="en" reviewed="2025-01-01">
          <title>Mini</title>
          <description>For tests.</description>
          \(questionnaireMark)<questionnaire id="mini.q" version="1.0.0" language="en" reviewed="2025-01-01">
            <title>Q</title>
            <description>Q.</description>
        \(body)
          </questionnaire>
        \(outcomes)
        \(resources)
        </assessment>
        """
    }

    /// A standalone questionnaire file.
    static func questionnaire(
        id: String = "solo", version: String = "1.0.0", _ body: String = section(), rootMark: String = ""
    ) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        \(rootMark)<questionnaire xmlns="urn:crossroads:questionnaire:1" id="\(id)" version="\(version)" language="en" reviewed="2025-01-01">
          <title>Solo</title>
          <description>A questionnaire on its own.</description>
        \(body)
        </questionnaire>
        """
    }

    /// An assessment that uses questionnaires by id and version.
    static func assessment(
        using uses: [(id: String, version: String)], outcomes: String = fallback,
        marks: [String] = []
    ) -> String {
        let useLines = uses.enumerated().map { index, use in
            let mark = index < marks.count ? marks[index] : ""
            return "  \(mark)<use id=\"\(use.id)\" version=\"\(use.version)\"/>"
        }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <assessment xmlns="urn:crossroads:questionnaire:1" id="composed" version="1.0.0" language="en" reviewed="2025-01-01">
              <title>Composed</title>
              <description>Uses others.</description>
            \(useLines)
            \(outcomes)
            </assessment>
            """
    }
}

/// Reading helpers that turn thrown errors into values.
enum Reading {
    /// Loads an assessment held in memory; `questionnaires` are added to the loader first.
    static func load(
        _ text: String, path: String = "fixture.xml", questionnaires: [String] = [], includeBundled: Bool = true
    ) -> Result<(assessment: Assessment, warnings: [Diagnostic]), CrossroadsError> {
        do throws(CrossroadsError) {
            var loader = AssessmentLoader(includeBundled: includeBundled)
            for (index, questionnaire) in questionnaires.enumerated() {
                loader.add(try LoadedDocument.parse(Array(questionnaire.utf8), path: "added-\(index).xml"))
            }
            let document = try LoadedDocument.parse(Array(text.utf8), path: path)
            return .success(try loader.load(document))
        } catch {
            return .failure(error)
        }
    }

    /// Every diagnostic for an assessment held in memory: its errors when it is invalid, else its warnings.
    static func diagnostics(_ text: String, path: String = "fixture.xml", questionnaires: [String] = [])
        -> [Diagnostic]
    {
        switch load(text, path: path, questionnaires: questionnaires) {
        case .success(let loaded): return loaded.warnings
        case .failure(let error): return error.reported
        }
    }

    /// Every diagnostic for a standalone questionnaire held in memory, as `crossroads validate` gives them.
    static func questionnaireDiagnostics(_ text: String, path: String = "fixture.xml") -> [Diagnostic] {
        do throws(CrossroadsError) {
            let document = try LoadedDocument.parse(Array(text.utf8), path: path)
            guard case .questionnaire(let questionnaire) = document.document else {
                Issue.record("not a questionnaire")
                return []
            }
            var checker = SemanticChecker(leafLocations: document.leafLocations, fallbackLocation: document.location)
            checker.check(questionnaire: questionnaire)
            return document.warnings + checker.diagnostics
        } catch {
            return error.reported
        }
    }

    /// The assessment in `text`; records an issue and returns `nil` when it does not load.
    static func assessment(_ text: String, questionnaires: [String] = []) -> Assessment? {
        switch load(text, questionnaires: questionnaires) {
        case .success(let loaded): return loaded.assessment
        case .failure(let error):
            Issue.record("the fixture did not load:\n\(error)")
            return nil
        }
    }
}

extension CrossroadsError {
    /// The diagnostics of an `invalid` error; one synthesised diagnostic for the others.
    var reported: [Diagnostic] {
        switch self {
        case .invalid(_, let diagnostics): return diagnostics
        case .unreadable(let path, let reason): return [Diagnostic(.error, reason, at: nil, file: path)]
        case .unwritable(let path, let reason): return [Diagnostic(.error, reason, at: nil, file: path)]
        case .notFound(let what): return [Diagnostic(.error, what, at: nil)]
        }
    }

    var isReadingInvalid: Bool {
        if case .invalid = self { return true }
        return false
    }

    var isReadingUnreadable: Bool {
        if case .unreadable = self { return true }
        return false
    }
}

extension Array where Element == Diagnostic {
    var errorsOnly: [Diagnostic] { filter { $0.severity == .error } }
    var warningsOnly: [Diagnostic] { filter { $0.severity == .warning } }

    /// The diagnostics whose message contains `fragment`.
    func saying(_ fragment: String) -> [Diagnostic] { filter { $0.message.contains(fragment) } }

    /// One line per diagnostic, for failure messages.
    var readingListing: String { map(\.description).joined(separator: "\n") }
}

/// A temporary folder, removed when the value goes away.
final class ReadingTempFolder: @unchecked Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appending(path: "crossroads-reading-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of a file in the folder.
    func path(_ name: String) -> String { url.appending(path: name).path }

    /// Writes text to a file in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// Writes bytes to a file in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// The package's files, found from this source file's path.
enum ReadingPackage {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CrossroadsTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appending(path: relative) }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relative)))
    }

    /// The shipped `*.xml` files of `Questionnaires/`, sorted, relative to the root.
    static func questionnaireFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url("Questionnaires").path)
            .filter { $0.hasSuffix(".xml") }.sorted().map { "Questionnaires/\($0)" }
    }
}

/// Runs an external tool and returns its status and combined output.
func readingRunTool(_ executable: String, _ arguments: [String], input: [UInt8]? = nil) throws -> (
    status: Int32, output: String
) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    let inputPipe = Pipe()
    if input != nil { process.standardInput = inputPipe }
    try process.run()
    if let input {
        inputPipe.fileHandleForWriting.write(Data(input))
        try inputPipe.fileHandleForWriting.close()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
